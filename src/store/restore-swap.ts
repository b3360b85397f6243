/**
 * Swapping a restored bundle in at once, so that a restore either happens whole or not at all.
 *
 * 1. Stage: every file is written (and fsynced) into `<dataDir>/.khoi-phuc-dang-do/moi/` — the same
 *    file system as the store, so the later moves are renames.
 * 2. Journal: `journal.json` in the staging directory says which files are being swapped and whether
 *    each had a current version (a file, a damaged file, a directory where a file should be).
 * 3. Swap: for each file, the current entry is renamed into `…/cu/` (moved aside, never deleted),
 *    then the staged one is renamed into its place. The data directory is fsynced.
 * 4. Commit: the journal is rewritten as "done"; the entries moved aside go to
 *    `<dataDir>/tep-cu-truoc-khoi-phuc-<thời điểm>/`, where they stay.
 *
 * A failure before step 4 puts every original back (staged copies out, originals back in) and the
 * caller says nothing was restored. If putting them back fails too, or the process dies mid-swap,
 * the journal stays: `recoverInterruptedRestore` (run by the next writer start and by the next
 * restore) puts the originals back, or finishes a swap that had committed. Only staged copies (data
 * from the bundle, still in the backup) and empty directories are ever removed.
 */
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { StoreError } from "./errors.ts";
import { FILE_MODE, fsyncDir, serialize, writeFileAtomic } from "./json-file.ts";

/** The staging directory inside the data dir (hidden: nothing else reads it). */
export const STAGING_DIR = ".khoi-phuc-dang-do";
const NEW = "moi";
const OLD = "cu";
const JOURNAL = "journal.json";
/** Where the entries moved aside by a restore stay, in the data dir. */
export const ASIDE_PREFIX = "tep-cu-truoc-khoi-phuc-";

/** The file-system steps of a swap that can fail (injected by tests to prove the rollback). */
export interface SwapFs {
  /** Creates `file` (it must not exist), writes `text` and fsyncs it. */
  writeFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export const realSwapFs: SwapFs = {
  async writeFile(file, text) {
    const fh = await open(file, "wx", FILE_MODE);
    try {
      await fh.writeFile(text, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  rename: (from, to) => rename(from, to),
};

const journalSchema = z.strictObject({
  version: z.literal(1),
  phase: z.enum(["swapping", "done"]),
  /** The files in swap order, each with whether something stood at its place before. */
  files: z.array(z.strictObject({ name: z.string().min(1), hadOriginal: z.boolean() })),
  /** The name of the directory the originals go to once the swap is done. */
  aside: z.string().regex(/^tep-cu-truoc-khoi-phuc-[0-9A-Za-z-]+$/),
});
type Journal = z.infer<typeof journalSchema>;

/** What stood where a restored file goes, before the swap. */
export interface MovedAside {
  name: string;
  kind: "file" | "directory" | "other";
}

export interface SwapResult {
  /** Directory (in the data dir) holding what stood there before; undefined when nothing did. */
  asideDir: string | undefined;
  movedAside: MovedAside[];
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return false;
    throw e;
  }
}

async function kindOf(p: string): Promise<MovedAside["kind"] | undefined> {
  try {
    const s = await lstat(p);
    return s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return undefined;
    throw e;
  }
}

/** A short Vietnamese reason for a file-system error (no stack, no raw message). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return "ổ đĩa đã đầy";
    case "EIO":
      return "lỗi đọc/ghi của ổ đĩa (EIO)";
    case "EACCES":
    case "EPERM":
      return "không có quyền ghi trong thư mục dữ liệu";
    case "EROFS":
      return "thư mục dữ liệu nằm trên ổ chỉ đọc";
    case "EISDIR":
      return "có một thư mục nằm ở chỗ cần là tệp";
    case "EXDEV":
      return "thư mục tạm không cùng ổ đĩa với thư mục dữ liệu";
    default:
      return typeof code === "string" ? `lỗi hệ thống ${code}` : "lỗi không rõ";
  }
}

/** Removes the staging directory, but only when nothing moved aside is left in it. */
async function removeStaging(staging: string): Promise<void> {
  const old = path.join(staging, OLD);
  const left = await readdir(old).catch(() => [] as string[]);
  if (left.length) return; // originals still there: never removed
  await rm(path.join(staging, NEW), { recursive: true, force: true }); // staged copies of the bundle
  await rmdir(old).catch(() => {});
  await rm(path.join(staging, JOURNAL), { force: true });
  await rmdir(staging);
}

async function readJournal(staging: string): Promise<Journal | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(staging, JOURNAL), "utf8");
  } catch {
    return undefined;
  }
  try {
    return journalSchema.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Moves what a committed swap left in `cu/` to its aside directory, then removes the staging dir. */
async function finish(
  dataDir: string,
  staging: string,
  journal: Journal,
  fs: SwapFs,
): Promise<string | undefined> {
  const old = path.join(staging, OLD);
  const left = await readdir(old).catch(() => [] as string[]);
  let asideDir: string | undefined;
  if (left.length) {
    asideDir = path.join(dataDir, journal.aside);
    for (let n = 2; await exists(asideDir); n++) asideDir = path.join(dataDir, `${journal.aside}-${n}`);
    await fs.rename(old, asideDir);
  }
  await removeStaging(staging);
  await fsyncDir(dataDir);
  return asideDir;
}

/**
 * Puts back what an interrupted swap moved (journal "swapping"), or completes one that had
 * committed (journal "done"); removes a staging directory from a restore that never started
 * swapping. Run under the writer lock. Returns what it did, for the log and the operator.
 */
export async function recoverInterruptedRestore(
  dataDir: string,
  fs: SwapFs = realSwapFs,
): Promise<"none" | "rolled-back" | "finished" | "cleaned"> {
  const staging = path.join(dataDir, STAGING_DIR);
  if (!(await exists(staging))) return "none";
  const journal = await readJournal(staging);
  const oldDir = path.join(staging, OLD);
  const newDir = path.join(staging, NEW);
  if (!journal) {
    // No journal: the swap never started, only staged copies are there; unless something is in cu/
    // (a hand-edited journal): then nothing is touched and the operator is told.
    const left = await readdir(oldDir).catch(() => [] as string[]);
    if (left.length) throw interruptedError(dataDir);
    await removeStaging(staging);
    return "cleaned";
  }
  if (journal.phase === "done") {
    await finish(dataDir, staging, journal, fs);
    return "finished";
  }
  try {
    await mkdir(newDir, { recursive: true });
    for (const { name, hadOriginal } of [...journal.files].reverse()) {
      const target = path.join(dataDir, name);
      const aside = path.join(oldDir, name);
      const staged = path.join(newDir, name);
      if (await exists(aside)) {
        // The original was moved aside; what stands in its place (if anything) is the restored file.
        if (await exists(target)) await fs.rename(target, staged);
        await fs.rename(aside, target);
      } else if (!hadOriginal && (await exists(target)) && !(await exists(staged))) {
        await fs.rename(target, staged); // a file the restore added
      }
    }
    await fsyncDir(dataDir);
    await removeStaging(staging);
    await fsyncDir(dataDir);
  } catch (e) {
    throw new StoreError(
      "io",
      `Không đưa lại được các tệp cũ sau một lần khôi phục bị gián đoạn (${fsReason(e)}). ${stillThere(dataDir)}`,
      { cause: e },
    );
  }
  return "rolled-back";
}

function stillThere(dataDir: string): string {
  return (
    `Các tệp cũ vẫn còn nguyên trong ${path.join(dataDir, STAGING_DIR, OLD)}; đừng xoá thư mục này. ` +
    "Khắc phục lỗi rồi khởi động lại trợ lý hoặc chạy lại backup restore: các tệp cũ sẽ được đưa về chỗ cũ."
  );
}

function interruptedError(dataDir: string): StoreError {
  return new StoreError(
    "io",
    `Thư mục ${path.join(dataDir, STAGING_DIR)} còn tệp cũ từ một lần khôi phục dở dang nhưng thiếu nhật ký khôi phục; ` +
      "trợ lý không tự xử lý. Hãy chuyển các tệp trong thư mục con “cu” về thư mục dữ liệu rồi xoá thư mục này.",
  );
}

/** Whether a restore is under way or was interrupted (read-only openers must not read half a swap). */
export async function restoreInProgress(dataDir: string): Promise<boolean> {
  const journal = await readJournal(path.join(dataDir, STAGING_DIR));
  return journal?.phase === "swapping";
}

/**
 * Stages `files` (name → text) and swaps them into `dataDir` at once (see the module comment).
 * Throws a StoreError "io" whose message says truthfully whether anything changed.
 */
export async function swapIn(opts: {
  dataDir: string;
  files: readonly (readonly [string, string])[];
  /** Suffix of the aside directory ("20261126-080000"). */
  stamp: string;
  fs?: SwapFs;
}): Promise<SwapResult> {
  const { dataDir, files } = opts;
  const fs = opts.fs ?? realSwapFs;
  const staging = path.join(dataDir, STAGING_DIR);
  const newDir = path.join(staging, NEW);
  const oldDir = path.join(staging, OLD);
  const nothingRestored = "Chưa khôi phục gì; dữ liệu hiện tại giữ nguyên.";

  // 1. Stage. A failure here touched nothing of the store: the staging dir is removed.
  const journal: Journal = {
    version: 1,
    phase: "swapping",
    files: [],
    aside: `${ASIDE_PREFIX}${opts.stamp}`,
  };
  const movedAside: MovedAside[] = [];
  try {
    await mkdir(newDir, { recursive: true });
    await mkdir(oldDir, { recursive: true });
    for (const [name, text] of files) await fs.writeFile(path.join(newDir, name), text);
    await fsyncDir(newDir);
    for (const [name] of files) {
      const kind = await kindOf(path.join(dataDir, name));
      journal.files.push({ name, hadOriginal: kind !== undefined });
      if (kind) movedAside.push({ name, kind });
    }
    // 2. The journal, before the first rename.
    await writeFileAtomic(path.join(staging, JOURNAL), serialize(journal));
    await fsyncDir(staging);
    await fsyncDir(dataDir);
  } catch (e) {
    await removeStaging(staging).catch(() => {});
    throw new StoreError("io", `Không chuẩn bị được bản khôi phục (${fsReason(e)}). ${nothingRestored}`, {
      cause: e,
    });
  }

  // 3. Swap, remembering each step so that it can be undone.
  const done: { name: string; asideMoved: boolean; inMoved: boolean }[] = [];
  let failedOn = "";
  try {
    for (const { name, hadOriginal } of journal.files) {
      failedOn = name;
      const step = { name, asideMoved: false, inMoved: false };
      done.push(step);
      if (hadOriginal) {
        await fs.rename(path.join(dataDir, name), path.join(oldDir, name));
        step.asideMoved = true;
      }
      await fs.rename(path.join(newDir, name), path.join(dataDir, name));
      step.inMoved = true;
    }
    failedOn = "";
    await fsyncDir(dataDir);
    await fsyncDir(oldDir);
    // 4. Commit point.
    await writeFileAtomic(path.join(staging, JOURNAL), serialize({ ...journal, phase: "done" }));
  } catch (e) {
    const where = failedOn ? ` khi thay ${failedOn}` : "";
    try {
      for (const step of [...done].reverse()) {
        if (step.inMoved) await fs.rename(path.join(dataDir, step.name), path.join(newDir, step.name));
        if (step.asideMoved) await fs.rename(path.join(oldDir, step.name), path.join(dataDir, step.name));
      }
      await fsyncDir(dataDir);
    } catch (e2) {
      // The journal stays: the next start (or restore) puts the originals back.
      throw new StoreError(
        "io",
        `Khôi phục bị lỗi giữa chừng (${fsReason(e)}${where}) và chưa đưa lại được mọi tệp cũ (${fsReason(e2)}). ${stillThere(dataDir)}`,
        { cause: e },
      );
    }
    await removeStaging(staging).catch(() => {});
    throw new StoreError("io", `Không khôi phục được (${fsReason(e)}${where}). ${nothingRestored}`, {
      cause: e,
    });
  }

  // The restore is done; tidying up may fail without undoing it (the next start finishes it).
  let asideDir: string | undefined;
  try {
    asideDir = await finish(dataDir, staging, journal, fs);
  } catch {
    asideDir = movedAside.length ? path.join(staging, OLD) : undefined;
  }
  return { asideDir, movedAside };
}
