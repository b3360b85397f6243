/**
 * Snapshots of the store: every store file in one JSON bundle (`tro-ly-cds-YYYYMMDD-HHmmss.json`),
 * written atomically, the newest `keep` kept. A restore validates the whole bundle first, saves the
 * current state as a bundle of its own, then writes each file atomically (manifest last), holding the
 * writer lock: a bad bundle changes nothing, and a running bot refuses the restore.
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

/** Restores a bundle; the current state is saved first as “…-truoc-khoi-phuc.json”. */
export async function restoreBackup(opts: {
  dataDir: string;
  backupDir: string;
  file: string;
  now: Date;
}): Promise<{ restored: string[]; safety: BackupInfo | undefined }> {
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
  // Every target must be a file or absent: a directory where a file should be would stop the restore
  // half-way (EISDIR), so it is refused before anything is written.
  for (const [name] of texts) {
    const target = path.join(opts.dataDir, name);
    const s = await stat(target).catch(() => undefined);
    if (s && !s.isFile()) {
      throw new StoreError(
        "invalid",
        `${target} không phải là tệp (có thể là một thư mục). Hãy đổi tên hoặc xoá nó rồi chạy lại; chưa khôi phục gì.`,
        { file: target },
      );
    }
  }
  const lock = await acquireWriterLock(opts.dataDir);
  try {
    let safety: BackupInfo | undefined;
    try {
      safety = await createBackup({ ...opts, keep: Number.MAX_SAFE_INTEGER, label: "truoc-khoi-phuc" });
    } catch (e) {
      if (e instanceof StoreError && e.code === "corrupt") {
        // The current files are what the restore is for: kept as they are, byte for byte, not refused.
        safety = await rawSafetyCopy(opts);
      } else if (!(e instanceof StoreError && e.code === "missing")) throw e;
    }
    const ordered = texts.sort(([a], [b]) => (a === MANIFEST ? 1 : b === MANIFEST ? -1 : 0));
    for (const [name, body] of ordered) await writeFileAtomic(path.join(opts.dataDir, name), body);
    return { restored: ordered.map(([n]) => n), safety };
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
