/**
 * Snapshots of the store: every store file in one JSON bundle (`tro-ly-cds-YYYYMMDD-HHmmss.json`),
 * written atomically, the newest `keep` kept. A restore validates the whole bundle first, saves the
 * current state as a bundle of its own (or, when the current files are damaged, as a raw copy), then
 * stages the whole bundle and swaps it in at once, holding the writer lock: a bad bundle or a failed
 * step changes nothing, and a running bot refuses the restore.
 */
import { copyFile, mkdir, readdir, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AUDIT_FILE, auditFileSchema } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { parseStoreText, serialize, writeFileAtomic } from "./json-file.ts";
import { EDITS_FILE, editsFileSchema } from "./knowledge-edits.ts";
import { acquireWriterLock } from "./lock.ts";
import { REMINDERS_FILE, remindersFileSchema } from "./reminder-log.ts";
import { type MovedAside, recoverInterruptedRestore, type SwapFs, swapIn } from "./restore-swap.ts";
import { STATE_FILE, stateFileSchema } from "./state.ts";

const MANIFEST = "store-manifest.json";
const PREFIX = "tro-ly-cds-";

/** Each store file with the schema its content must satisfy. */
const FILE_SCHEMAS: Record<string, z.ZodType<unknown>> = {
  [EDITS_FILE]: editsFileSchema,
  [STATE_FILE]: stateFileSchema,
  [REMINDERS_FILE]: remindersFileSchema,
  [AUDIT_FILE]: auditFileSchema,
};

const bundleSchema = z.object({
  kind: z.literal("tro-ly-cds-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  /** File name → its JSON content. */
  files: z.record(z.string(), z.unknown()),
});
type Bundle = z.infer<typeof bundleSchema>;

export interface BackupInfo {
  file: string;
  path: string;
  createdAt: string;
  bytes: number;
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  // Vietnam time in the name: it is what the secretariat reads.
  const v = new Date(d.getTime() + 7 * 3600_000);
  return `${v.getUTCFullYear()}${p(v.getUTCMonth() + 1)}${p(v.getUTCDate())}-${p(v.getUTCHours())}${p(v.getUTCMinutes())}${p(v.getUTCSeconds())}`;
}

export async function listBackups(backupDir: string): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await readdir(backupDir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const file of names
    .filter((n) => n.startsWith(PREFIX) && n.endsWith(".json"))
    .sort()
    .reverse()) {
    const p = path.join(backupDir, file);
    const s = await stat(p);
    out.push({ file, path: p, createdAt: s.mtime.toISOString(), bytes: s.size });
  }
  return out;
}

/** Reads and validates the store files as they are now (a corrupt file is not backed up). */
async function snapshot(dataDir: string): Promise<Bundle["files"]> {
  const files: Bundle["files"] = {};
  for (const [name, schema] of Object.entries(FILE_SCHEMAS)) {
    let text: string;
    try {
      text = await readFile(path.join(dataDir, name), "utf8");
    } catch {
      continue; // not created yet
    }
    files[name] = parseStoreText(text, schema, path.join(dataDir, name));
  }
  try {
    files[MANIFEST] = JSON.parse(await readFile(path.join(dataDir, MANIFEST), "utf8"));
  } catch {
    // no manifest yet: the store was never opened for writing
  }
  return files;
}

export async function createBackup(opts: {
  dataDir: string;
  backupDir: string;
  now: Date;
  keep: number;
  label?: string;
}): Promise<BackupInfo> {
  const files = await snapshot(opts.dataDir);
  if (!Object.keys(files).length) {
    throw new StoreError("missing", `Chưa có dữ liệu nào trong ${opts.dataDir} để sao lưu.`);
  }
  await mkdir(opts.backupDir, { recursive: true });
  const bundle: Bundle = { kind: "tro-ly-cds-backup", version: 1, createdAt: opts.now.toISOString(), files };
  const file = `${PREFIX}${stamp(opts.now)}${opts.label ? `-${opts.label}` : ""}.json`;
  const p = path.join(opts.backupDir, file);
  await writeFileAtomic(p, serialize(bundle));
  // Retention: the newest `keep` regular snapshots (labelled ones, such as before-restore, are kept too).
  const regular = (await listBackups(opts.backupDir)).filter((b) =>
    /^tro-ly-cds-\d{8}-\d{6}\.json$/.test(b.file),
  );
  for (const old of regular.slice(Math.max(1, opts.keep))) await unlink(old.path);
  const s = await stat(p);
  return { file, path: p, createdAt: bundle.createdAt, bytes: s.size };
}

/** What a restore did. */
export interface RestoreResult {
  restored: string[];
  /** The state before the restore: a bundle, or a raw copy when the current files were damaged. */
  safety: BackupInfo | undefined;
  /**
   * The directory in the data dir where what stood in place of the restored files was moved
   * (damaged files and directories included); undefined when nothing stood there.
   */
  asideDir: string | undefined;
  movedAside: MovedAside[];
}

/**
 * Restores a bundle: validated whole first, the current state saved (“…-truoc-khoi-phuc”), then the
 * whole bundle staged in the data dir and swapped in at once (see restore-swap.ts). Whatever stood in
 * place of a restored file (a damaged file, a directory) is moved aside, never deleted. A failure at
 * any step puts every original back and says so; `fs` is injected by tests to make a step fail.
 */
export async function restoreBackup(opts: {
  dataDir: string;
  backupDir: string;
  file: string;
  now: Date;
  fs?: SwapFs;
}): Promise<RestoreResult> {
  const p =
    path.isAbsolute(opts.file) || opts.file.includes(path.sep)
      ? opts.file
      : path.join(opts.backupDir, opts.file);
  let text: string;
  try {
    text = await readFile(p, "utf8");
  } catch {
    throw new StoreError(
      "missing",
      `Không tìm thấy bản sao lưu ${opts.file}. Xem danh sách: npm run cli -- backup list`,
    );
  }
  let bundle: Bundle;
  try {
    bundle = bundleSchema.parse(JSON.parse(text));
  } catch {
    throw new StoreError(
      "corrupt",
      `Tệp ${opts.file} không phải bản sao lưu hợp lệ của Trợ lý CĐS; không thay đổi gì.`,
    );
  }
  // Validate every file before writing any.
  const texts: [string, string][] = [];
  for (const [name, content] of Object.entries(bundle.files)) {
    const schema = FILE_SCHEMAS[name];
    if (name !== MANIFEST && !schema) {
      throw new StoreError("corrupt", `Bản sao lưu có tệp lạ “${name}”; không thay đổi gì.`);
    }
    const body = serialize(content);
    if (schema) parseStoreText(body, schema, `${opts.file} › ${name}`);
    texts.push([name, body]);
  }
  const lock = await acquireWriterLock(opts.dataDir);
  try {
    // What an earlier restore left half-done is put right first (originals back, or the swap finished).
    await recoverInterruptedRestore(opts.dataDir, opts.fs);
    let safety: BackupInfo | undefined;
    try {
      safety = await createBackup({ ...opts, keep: Number.MAX_SAFE_INTEGER, label: "truoc-khoi-phuc" });
    } catch (e) {
      if (e instanceof StoreError && e.code === "corrupt") {
        // The current files are what the restore is for: kept as they are, byte for byte, not refused.
        safety = await rawSafetyCopy(opts);
      } else if (!(e instanceof StoreError && e.code === "missing")) throw e;
    }
    // The manifest last: it says which files must exist.
    const ordered = texts.sort(([a], [b]) => (a === MANIFEST ? 1 : b === MANIFEST ? -1 : 0));
    const swapped = await swapIn({
      dataDir: opts.dataDir,
      files: ordered,
      stamp: stamp(opts.now),
      ...(opts.fs ? { fs: opts.fs } : {}),
    });
    return { restored: ordered.map(([n]) => n), safety, ...swapped };
  } finally {
    await lock.release();
  }
}

/**
 * The current data files copied as they are (damaged ones included) into
 * `<backupDir>/tro-ly-cds-<stamp>-truoc-khoi-phuc-nguyen-ban/`, before a restore replaces them.
 */
async function rawSafetyCopy(opts: { dataDir: string; backupDir: string; now: Date }): Promise<BackupInfo> {
  const dir = path.join(opts.backupDir, `${PREFIX}${stamp(opts.now)}-truoc-khoi-phuc-nguyen-ban`);
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const name of [...Object.keys(FILE_SCHEMAS), MANIFEST]) {
    const from = path.join(opts.dataDir, name);
    const s = await stat(from).catch(() => undefined);
    if (!s?.isFile()) continue;
    await copyFile(from, path.join(dir, name));
    bytes += s.size;
  }
  return { file: path.basename(dir), path: dir, createdAt: opts.now.toISOString(), bytes };
}
