/**
 * Snapshots of the store: every store file in one JSON bundle (`tro-ly-cds-YYYYMMDD-HHmmss.json`),
 * written atomically, the newest `keep` kept. The JSON documents are stored as their content; the
 * JSON Lines logs (reminders.jsonl, audit.jsonl) as the array of their lines (header first), read as
 * the store reads them: a torn last line (an append in progress) is left out, damaged lines too.
 * Bundles of the previous version (reminders.json, audit.json as documents) restore as well: they are
 * converted to the logs' lines first. A restore validates the whole bundle first, saves the
 * current state as a bundle of its own (or, when the current files are damaged, as a raw copy), then
 * stages the whole bundle and swaps it in at once, holding the writer lock: a bad bundle or a failed
 * step changes nothing, and a running bot refuses the restore.
 */
import { copyFile, mkdir, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AUDIT_FILE, AUDIT_LOG_FORMAT, auditEntrySchema, legacyAudit } from "./audit.ts";
import {
  EDITS_FILE,
  EDITS_JOURNAL_FILE,
  editsFileSchema,
  journalHeader,
  readEdits,
} from "./edits-journal.ts";
import { StoreError } from "./errors.ts";
import {
  describeIssues,
  fsyncDir,
  parseStoreText,
  safeParseVi,
  serialize,
  writeFileAtomic,
} from "./json-file.ts";
import { type LegacyFormat, line, logHeaderSchema, readLog, realLogFs } from "./jsonl.ts";
import { acquireWriterLock } from "./lock.ts";
import { legacyReminders, REMINDER_LOG_FORMAT, REMINDERS_FILE, reminderEventSchema } from "./reminder-log.ts";
import { type MovedAside, recoverInterruptedRestore, type SwapFs, swapIn } from "./restore-swap.ts";
import { STATE_FILE, stateFileSchema } from "./state.ts";

const MANIFEST = "store-manifest.json";
const PREFIX = "tro-ly-cds-";

/** Each JSON document of the store with the schema its content must satisfy. */
const FILE_SCHEMAS: Record<string, z.ZodType<unknown>> = {
  [EDITS_FILE]: editsFileSchema,
  [STATE_FILE]: stateFileSchema,
};

/** Each log of the store: its header's format and the schema of its lines. */
const LOGS: Record<string, { format: string; schema: z.ZodType<unknown> }> = {
  [REMINDERS_FILE]: { format: REMINDER_LOG_FORMAT, schema: reminderEventSchema },
  [AUDIT_FILE]: { format: AUDIT_LOG_FORMAT, schema: auditEntrySchema },
};

/** The previous version's files, by the log that replaces them. */
const LEGACY: Record<string, { log: string; format: string; legacy: LegacyFormat<unknown> }> = {
  [legacyReminders.name]: {
    log: REMINDERS_FILE,
    format: REMINDER_LOG_FORMAT,
    legacy: legacyReminders as LegacyFormat<unknown>,
  },
  [legacyAudit.name]: {
    log: AUDIT_FILE,
    format: AUDIT_LOG_FORMAT,
    legacy: legacyAudit as LegacyFormat<unknown>,
  },
};

/** Every name a store file can have (what a restore replaces, what a raw safety copy takes). */
const ALL_NAMES = [
  ...Object.keys(FILE_SCHEMAS),
  EDITS_JOURNAL_FILE,
  ...Object.keys(LOGS),
  ...Object.keys(LEGACY),
  MANIFEST,
];

const bundleSchema = z.object({
  kind: z.literal("tro-ly-cds-backup"),
  /** 1: the previous version (every file a JSON document); 2: logs as arrays of lines. */
  version: z.union([z.literal(1), z.literal(2)]),
  createdAt: z.string(),
  /** File name → its JSON content (a log: the array of its lines). */
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
    if (name === EDITS_FILE) {
      // The overlay as the store reads it: the snapshot with its journal's commits applied.
      const read = await readEdits(realLogFs, dataDir, false);
      if (read.unreadable) throw read.unreadable;
      if (!read.absent) files[name] = read.data;
      continue;
    }
    let text: string;
    try {
      text = await readFile(path.join(dataDir, name), "utf8");
    } catch {
      continue; // not created yet
    }
    files[name] = parseStoreText(text, schema, path.join(dataDir, name));
  }
  for (const [name, log] of Object.entries(LOGS)) {
    const lines: unknown[] = [];
    const file = path.join(dataDir, name);
    let read: Awaited<ReturnType<typeof readLog>>;
    try {
      read = await readLog({
        fs: realLogFs,
        file,
        displayPath: file,
        format: log.format,
        schema: log.schema,
        visit: (e) => {
          lines.push(e);
          return undefined;
        },
      });
    } catch (e) {
      if (e instanceof StoreError && e.code === "io") continue; // unreadable (a directory there): as absent
      throw e;
    }
    if (read) {
      files[name] = [read.header, ...lines];
      continue;
    }
    // Not converted yet (the store was not opened since the upgrade): the previous version's file.
    const legacy = Object.entries(LEGACY).find(([, l]) => l.log === name);
    if (!legacy) continue;
    const [legacyName, { legacy: format }] = legacy;
    let text: string;
    try {
      text = await readFile(path.join(dataDir, legacyName), "utf8");
    } catch {
      continue; // not created yet
    }
    files[legacyName] = parseStoreText(text, format.schema, path.join(dataDir, legacyName));
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
  const bundle: Bundle = { kind: "tro-ly-cds-backup", version: 2, createdAt: opts.now.toISOString(), files };
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
  const texts = bundleTexts(bundle, opts.file);
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
    // The previous version's files still in the data dir would stand beside the restored logs: kept aside.
    for (const legacyName of Object.keys(LEGACY)) {
      const from = path.join(opts.dataDir, legacyName);
      const s = await stat(from).catch(() => undefined);
      if (!s?.isFile()) continue;
      await rename(from, `${from}.truoc-khoi-phuc-${stamp(opts.now)}`);
      await fsyncDir(opts.dataDir);
    }
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
  for (const name of ALL_NAMES) {
    const from = path.join(opts.dataDir, name);
    const s = await stat(from).catch(() => undefined);
    if (!s?.isFile()) continue;
    await copyFile(from, path.join(dir, name));
    bytes += s.size;
  }
  return { file: path.basename(dir), path: dir, createdAt: opts.now.toISOString(), bytes };
}

/**
 * The files of a bundle as they are written into the data dir, each validated: a document against its
 * schema; a log's lines (header, then each event) against theirs; a previous version's document
 * converted to its log. Any problem: a `StoreError` "corrupt" naming the file, nothing written.
 */
function bundleTexts(bundle: Bundle, from: string): [string, string][] {
  const out = new Map<string, string>();
  const bad = (name: string, detail: string) =>
    new StoreError("corrupt", `Tệp ${from} › ${name} không đúng cấu trúc (${detail}); không thay đổi gì.`);
  for (const [name, content] of Object.entries(bundle.files)) {
    const schema = FILE_SCHEMAS[name];
    const log = LOGS[name];
    const legacy = LEGACY[name];
    if (name === MANIFEST) {
      // The manifest names the logs by their new names.
      const m = content as { files?: unknown };
      const files = Array.isArray(m?.files)
        ? m.files.map((n: unknown) => (typeof n === "string" && LEGACY[n] ? LEGACY[n].log : n))
        : m?.files;
      out.set(name, serialize({ ...(content as object), files }));
    } else if (schema) {
      const body = serialize(content);
      parseStoreText(body, schema, `${from} › ${name}`);
      out.set(name, body);
      // The overlay's journal starts again, empty, on the restored snapshot (a stale one is moved aside).
      if (name === EDITS_FILE) out.set(EDITS_JOURNAL_FILE, journalHeader(body, new Date(), false));
    } else if (log) {
      if (!Array.isArray(content) || content.length === 0) throw bad(name, "không phải danh sách các dòng");
      const header = logHeaderSchema.safeParse(content[0]);
      if (!header.success || header.data.format !== log.format)
        throw bad(name, "dòng 1: phần đầu không hợp lệ");
      const lines = [line(header.data)];
      content.slice(1).forEach((e, i) => {
        const parsed = safeParseVi(log.schema, e);
        if (!parsed.success) throw bad(name, `dòng ${i + 2}: ${describeIssues(parsed.error, 2)}`);
        lines.push(line(parsed.data));
      });
      out.set(name, lines.join(""));
    } else if (legacy) {
      if (bundle.files[legacy.log] !== undefined) continue; // the log itself is in the bundle
      const data = parseStoreText(serialize(content), legacy.legacy.schema, `${from} › ${name}`);
      const createdAt = Number.isNaN(Date.parse(bundle.createdAt))
        ? new Date(0).toISOString()
        : new Date(bundle.createdAt).toISOString();
      const lines = [line({ t: "header", format: legacy.format, version: 1, createdAt })];
      for (const e of legacy.legacy.toEvents(data)) lines.push(line(e));
      out.set(legacy.log, lines.join(""));
    } else {
      throw new StoreError("corrupt", `Bản sao lưu có tệp lạ “${name}”; không thay đổi gì.`);
    }
  }
  return [...out];
}
