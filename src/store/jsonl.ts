/**
 * Append-only JSON Lines files: the reminder log (reminder-log.ts) and the audit log (audit.ts).
 *
 * Layout: the first line is a header (`{"t":"header","format":…,"version":1,…}`), then one event per
 * line. A write appends one line (every event of one change in that line, so a change is whole or
 * absent), then fsyncs the file: O(1) whatever the size of the log, no whole-file rewrite. The file
 * itself is created atomically (temp file + fsync + rename + directory fsync), so it always has its
 * header.
 *
 * Reading (at open) validates every line with zod and hands the events to the owner, which rebuilds
 * its in-memory view from them:
 * - a torn last line (bytes after the last newline: the process or the machine died mid-append) is
 *   ignored with a warning; the writer cuts it off before its first append, so the next line starts
 *   on a line of its own. It was never acknowledged to anyone (the append resolves after the fsync).
 * - a complete line that does not parse or fails its schema ("corrupt in the middle": a disk error, a
 *   hand edit) is SKIPPED, named in a Vietnamese warning (file and line number) and counted; the file
 *   is left as it is. We keep the service up rather than refuse to start: one lost line costs one
 *   reminder that may go again (the documented at-least-once window) or one answer missing from a
 *   report, whereas refusing to start stops every reminder and every answer of every unit until an
 *   operator comes. The bad line is not lost either: the next compaction keeps the damaged file beside
 *   the new one (`<tệp>.hong-<thời điểm>`) before replacing it.
 * - a missing or unreadable header (an empty file, a file that is not ours) refuses to open, like a
 *   corrupt JSON file: nothing in it can be trusted.
 *
 * Compaction (reminder log only) writes the compacted content to a temp file (fsynced) off the write
 * queue, then, inside the queue, appends what was appended meanwhile, renames it over the log and
 * fsyncs the directory: a crash at any point leaves either the old file or the new one, complete.
 *
 * The file-system steps go through `LogFs`, injected by tests to count fsyncs and to make a step fail.
 */
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { StoreError } from "./errors.ts";
import {
  describeIssues,
  FILE_MODE,
  fsyncDir,
  instantSchema,
  parseStoreText,
  safeParseVi,
} from "./json-file.ts";
import { fsReason } from "./restore-swap.ts";

/** A file opened for appending. */
export interface AppendHandle {
  /** Writes the whole buffer at the end of the file. */
  write(data: Buffer): Promise<void>;
  /** fsync. */
  sync(): Promise<void>;
  /** Cuts the file to `length` bytes (a failed append undone). */
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** The file-system steps of the logs (tests inject failures and count syncs). */
export interface LogFs {
  readFile(file: string): Promise<Buffer>;
  /** Opens an existing file for appending. */
  openAppend(file: string): Promise<AppendHandle>;
  /** Creates `file` (it must not exist) for writing. */
  create(file: string): Promise<AppendHandle>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for the same file (the damaged log kept aside at compaction). */
  link(from: string, to: string): Promise<void>;
  fsyncDir(dir: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

async function handle(file: string, flags: string): Promise<AppendHandle> {
  const fh = await open(file, flags, FILE_MODE);
  return {
    async write(data) {
      let off = 0;
      while (off < data.length) {
        const { bytesWritten } = await fh.write(data, off, data.length - off);
        off += bytesWritten;
      }
    },
    sync: () => fh.sync(),
    truncate: (length) => fh.truncate(length),
    close: () => fh.close(),
  };
}

export const realLogFs: LogFs = {
  readFile: (file) => readFile(file),
  openAppend: (file) => handle(file, "a"),
  create: (file) => handle(file, "wx"),
  rename: (from, to) => rename(from, to),
  async link(from, to) {
    try {
      await link(from, to);
    } catch (e) {
      if ((e as { code?: string }).code === "EEXIST") throw e;
      await copyFile(from, to, constants.COPYFILE_EXCL); // a file system without hard links
    }
  },
  fsyncDir: (dir) => fsyncDir(dir),
  unlink: (file) => unlink(file),
};

/** The first line of every log file. */
export const logHeaderSchema = z.strictObject({
  t: z.literal("header"),
  /** What the file holds ("tro-ly-cds.reminder-log", "tro-ly-cds.audit-log"). */
  format: z.string().min(1),
  version: z.literal(1),
  createdAt: instantSchema,
  /** Set by a compaction. */
  compactedAt: instantSchema.optional(),
  /**
   * The knowledge-edits journal only (edits-journal.ts): the SHA-256 of the snapshot
   * (knowledge-edits.json, as bytes) that its lines apply to.
   */
  base: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Set when the file was converted from the previous version's JSON file. */
  migratedFrom: z
    .strictObject({
      file: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().min(0),
    })
    .optional(),
});
export type LogHeader = z.infer<typeof logHeaderSchema>;

/** Something the operator should know about a store file (the store keeps serving). */
export interface StoreWarning {
  code:
    | "torn-line"
    | "corrupt-lines"
    | "migrated"
    | "legacy-kept"
    | "compaction-failed"
    | "compacted"
    /** The edits journal began on another knowledge-edits.json than the one found (edits-journal.ts). */
    | "journal-foreign";
  /** The file, as shown in messages. */
  file: string;
  /** Line numbers concerned (1 = the header). */
  lines?: number[];
  /** Vietnamese, for the operator. */
  message: string;
}

/** One line skipped at read. */
export interface BadLine {
  line: number;
  reason: string;
  /** The line's JSON when it parsed (it failed its schema): the owner may salvage an id from it. */
  json?: unknown;
}

export interface ReadLog<H> {
  header: H & LogHeader;
  /** Bytes up to the end of the last complete line. */
  validBytes: number;
  /** Bytes after the last complete line (a torn append), 0 when none. */
  tornBytes: number;
  /** Complete lines (header included). */
  lineCount: number;
  bad: BadLine[];
}

/** Newline-terminated JSON of one event. JSON.stringify never emits a raw newline. */
export function line(event: unknown): string {
  return `${JSON.stringify(event)}\n`;
}

/**
 * Reads a log file: the header (a `StoreError` "corrupt" when missing or wrong), then every complete
 * line validated with `schema` and given to `visit` (which returns a reason when the event does not
 * apply, e.g. a decision about an unknown answer: the line then counts as bad). Null when the file
 * does not exist.
 */
export async function readLog<E>(opts: {
  fs: LogFs;
  file: string;
  displayPath: string;
  format: string;
  schema: z.ZodType<E>;
  visit: (event: E, line: number) => string | undefined;
}): Promise<ReadLog<LogHeader> | null> {
  let buf: Buffer;
  try {
    buf = await opts.fs.readFile(opts.file);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return null;
    throw new StoreError("io", `Không đọc được tệp dữ liệu ${opts.displayPath} (${fsReason(e)}).`, {
      file: opts.displayPath,
      cause: e,
    });
  }
  const corrupt = (detail: string) =>
    new StoreError(
      "corrupt",
      `Tệp dữ liệu ${opts.displayPath} bị hỏng (${detail}). Khôi phục từ bản sao lưu; trợ lý không tự thay bằng tệp rỗng.`,
      { file: opts.displayPath },
    );
  if (buf.length === 0) throw corrupt("tệp rỗng");
  // Whatever follows the last newline is a torn append: partial JSON, or NUL bytes from a file system
  // that grew the file but lost the data. Every complete append ends with a newline.
  const validBytes = buf.lastIndexOf(0x0a) + 1;
  const tornBytes = buf.length - validBytes;
  let text = buf.toString("utf8", 0, validBytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM left by an editor
  const lines = text.split("\n");
  lines.pop(); // after the last newline
  if (lines.length === 0) throw corrupt("thiếu dòng đầu (header); tệp bị cắt cụt");
  let header: LogHeader;
  try {
    header = logHeaderSchema.parse(JSON.parse(lines[0]!));
  } catch {
    throw corrupt("dòng đầu không phải phần đầu của một nhật ký của Trợ lý CĐS");
  }
  if (header.format !== opts.format)
    throw corrupt(`tệp chứa "${header.format}", không phải "${opts.format}"`);
  const bad: BadLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === "") {
      bad.push({ line: n, reason: "dòng trống" });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      bad.push({ line: n, reason: "không phải JSON" });
      continue;
    }
    const parsed = opts.schema.safeParse(json);
    if (!parsed.success) {
      const vi = safeParseVi(opts.schema, json);
      const reason = vi.success ? "không đúng cấu trúc" : describeIssues(vi.error, 2);
      bad.push({ line: n, reason: `không đúng cấu trúc: ${reason}`, json });
      continue;
    }
    const problem = opts.visit(parsed.data, n);
    if (problem) bad.push({ line: n, reason: problem, json });
  }
  return { header, validBytes, tornBytes, lineCount: lines.length, bad };
}

/** The operator's warnings about what `readLog` skipped. */
export function readWarnings(displayPath: string, r: ReadLog<LogHeader>, writer: boolean): StoreWarning[] {
  const out: StoreWarning[] = [];
  if (r.tornBytes > 0) {
    out.push({
      code: "torn-line",
      file: displayPath,
      lines: [r.lineCount + 1],
      message:
        `Tệp ${displayPath}: dòng cuối (dòng ${r.lineCount + 1}, ${r.tornBytes} byte) ghi dở khi trợ lý dừng đột ngột, ` +
        `chưa được xác nhận với ai; đã bỏ qua${writer ? " và cắt khỏi tệp" : ""}.`,
    });
  }
  if (r.bad.length > 0) {
    const shown = r.bad.slice(0, 5).map((b) => `dòng ${b.line}: ${b.reason}`);
    const more = r.bad.length > 5 ? `; và ${r.bad.length - 5} dòng khác` : "";
    out.push({
      code: "corrupt-lines",
      file: displayPath,
      lines: r.bad.map((b) => b.line),
      message:
        `Tệp ${displayPath}: bỏ qua ${r.bad.length} dòng hỏng (${shown.join("; ")}${more}). ` +
        "Trợ lý vẫn chạy với các dòng còn lại; tệp được giữ nguyên, nên kiểm tra ổ đĩa và đối chiếu với bản sao lưu.",
    });
  }
  return out;
}

/** `<tệp>.hong-20261126-080000`: where a damaged log is kept when compaction replaces it. */
export function damagedName(file: string, now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const v = new Date(now.getTime() + 7 * 3600_000); // Vietnam time, as in backup names
  const stamp = `${v.getUTCFullYear()}${p(v.getUTCMonth() + 1)}${p(v.getUTCDate())}-${p(v.getUTCHours())}${p(v.getUTCMinutes())}${p(v.getUTCSeconds())}`;
  return `${file}.hong-${stamp}`;
}

let tempSeq = 0;

/** A temp name the writer's start removes if left behind (see `removeStaleTemps`). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-c${++tempSeq}.tmp`);
}

/**
 * Writes a new file (it must not exist) from `chunks`, in writes of about 1 MB, fsyncs and closes it;
 * returns its size in bytes.
 */
export async function writeNewFile(
  fs: LogFs,
  file: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  const h = await fs.create(file);
  let bytes = 0;
  try {
    let buf: string[] = [];
    let size = 0;
    for await (const c of chunks) {
      buf.push(c);
      size += c.length;
      if (size >= 1 << 20) {
        const data = Buffer.from(buf.join(""), "utf8");
        await h.write(data);
        bytes += data.length;
        buf = [];
        size = 0;
      }
    }
    if (buf.length) {
      const data = Buffer.from(buf.join(""), "utf8");
      await h.write(data);
      bytes += data.length;
    }
    await h.sync();
  } finally {
    await h.close();
  }
  return bytes;
}

/**
 * Creates `file` atomically with `lines` (header first): temp + fsync + rename + directory fsync.
 * Used for a new log and for the conversion of a previous version's file.
 */
export async function createLogFile(
  fs: LogFs,
  file: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  const tmp = tempNameFor(file);
  try {
    await writeNewFile(fs, tmp, lines);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.unlink(tmp).catch(() => {});
    throw e;
  }
  await fs.fsyncDir(path.dirname(file));
}

/**
 * The open log file of a writer: appends (one fsync each) and the swap of a compacted version.
 * Appends and swaps must be serialised by the owner (its write queue).
 */
export class LogFile {
  readonly file: string;
  readonly displayPath: string;
  readonly #fs: LogFs;
  #handle: AppendHandle | undefined;
  #closed = false;
  /** Committed length: a failed append is cut back to it. */
  #size: number;
  /** A failed append could not be cut back: the next append cuts first. */
  #dirty = false;

  private constructor(fs: LogFs, file: string, displayPath: string, size: number, handle: AppendHandle) {
    this.#fs = fs;
    this.file = file;
    this.displayPath = displayPath;
    this.#size = size;
    this.#handle = handle;
  }

  /**
   * Opens `file` (already read: `validBytes` long, plus `tornBytes` of a torn append, cut off here so
   * that the next line starts on a line of its own).
   */
  static async open(
    fs: LogFs,
    file: string,
    displayPath: string,
    read: { validBytes: number; tornBytes: number },
  ): Promise<LogFile> {
    let handle: AppendHandle;
    try {
      handle = await fs.openAppend(file);
      if (read.tornBytes > 0) {
        await handle.truncate(read.validBytes);
        await handle.sync();
      }
    } catch (e) {
      throw new StoreError("io", `Không mở được tệp dữ liệu ${displayPath} để ghi (${fsReason(e)}).`, {
        file: displayPath,
        cause: e,
      });
    }
    return new LogFile(fs, file, displayPath, read.validBytes, handle);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends `text` (whole lines) and fsyncs. On failure the file is cut back and nothing is committed. */
  async append(text: string): Promise<void> {
    if (this.#closed) throw new StoreError("readonly", `Tệp ${this.displayPath} đã đóng; không ghi được.`);
    const data = Buffer.from(text, "utf8");
    let handle: AppendHandle | undefined;
    try {
      // Reopened when a swap could not reopen it (see `swap`).
      handle = this.#handle ??= await this.#fs.openAppend(this.file);
      if (this.#dirty) {
        await handle.truncate(this.#size);
        this.#dirty = false;
      }
      await handle.write(data);
      await handle.sync();
    } catch (e) {
      try {
        if (!handle) throw e;
        await handle.truncate(this.#size);
        await handle.sync();
      } catch {
        this.#dirty = true;
      }
      throw new StoreError(
        "io",
        `Không ghi được vào ${this.displayPath} (${fsReason(e)}); thay đổi chưa được lưu.`,
        { file: this.displayPath, cause: e },
      );
    }
    this.#size += data.length;
  }

  /**
   * Puts a compacted version in place of the log: `tmp` (written and fsynced by the caller) gets
   * `tail` (what was appended since its snapshot) appended and fsynced; the current file is kept as
   * `keepAs` when given (a hard link: the damaged lines it holds are not lost); `tmp` is renamed over
   * the log and the directory fsynced. Before the rename, a failure leaves the log as it was (the temp
   * file is removed); after it, the new file is the log (`dirSynced` false: the directory fsync failed,
   * a power loss could bring the old file back, complete).
   */
  async swap(tmp: string, tmpBytes: number, tail: string, keepAs?: string): Promise<{ dirSynced: boolean }> {
    let extra = 0;
    try {
      if (tail) {
        const h = await this.#fs.openAppend(tmp);
        try {
          const data = Buffer.from(tail, "utf8");
          await h.write(data);
          await h.sync();
          extra = data.length;
        } finally {
          await h.close();
        }
      }
      if (keepAs) {
        await this.#fs.link(this.file, keepAs);
      }
      await this.#fs.rename(tmp, this.file);
    } catch (e) {
      await this.#fs.unlink(tmp).catch(() => {});
      if (keepAs) await this.#fs.unlink(keepAs).catch(() => {});
      throw e;
    }
    // The new file is the log from here on: appends must go to it, whatever happens next.
    const old = this.#handle;
    this.#handle = undefined;
    await old?.close().catch(() => {});
    let dirSynced = true;
    try {
      await this.#fs.fsyncDir(path.dirname(this.file));
    } catch {
      dirSynced = false;
    }
    this.#size = tmpBytes + extra;
    this.#dirty = false;
    try {
      this.#handle = await this.#fs.openAppend(this.file);
    } catch {
      // The next append opens it.
    }
    return { dirSynced };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const h = this.#handle;
    this.#handle = undefined;
    await h?.close();
  }
}

// ---------------------------------------------------------------- opening, with the one-time conversion

/** Where the previous version's JSON file is kept once converted (never deleted). */
export const LEGACY_SUFFIX = ".truoc-chuyen-doi";

export interface LegacyFormat<D> {
  /** The previous version's file name ("reminders.json"). */
  name: string;
  schema: z.ZodType<D>;
  /** The events that rebuild the same content, in order. */
  toEvents(data: D): Iterable<object>;
}

export interface OpenLogOptions<E, D> {
  fs: LogFs;
  dataDir: string;
  /** The log's file name ("reminders.jsonl"). */
  name: string;
  format: string;
  schema: z.ZodType<E>;
  legacy: LegacyFormat<D>;
  readOnly: boolean;
  /** The manifest lists the log (or its previous-version file): it must exist. */
  required: boolean;
  now: Date;
  /** Applies one event to the owner's view; a reason when it does not apply (the line is skipped). */
  visit: (event: E, line: number) => string | undefined;
  /** The header of the log as read or written. */
  onHeader?: (header: LogHeader) => void;
}

export interface OpenedLog {
  /** The writer's open file; undefined when read-only. */
  file: LogFile | undefined;
  displayPath: string;
  /** Complete lines read or written (the header included). */
  lineCount: number;
  bad: BadLine[];
  warnings: StoreWarning[];
  /** Created empty now (no log and no previous-version file). */
  created: boolean;
}

function sha256(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex");
}

/** A file's bytes, or undefined when it does not exist; any other failure is a StoreError. */
export async function readOptional(fs: LogFs, file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return undefined;
    throw new StoreError("io", `Không đọc được tệp dữ liệu ${file} (${fsReason(e)}).`, { file, cause: e });
  }
}

/** A free name for the converted file kept aside: `reminders.json.truoc-chuyen-doi`, then `-2`… */
async function asideName(fs: LogFs, legacyPath: string): Promise<string> {
  for (let n = 1; ; n++) {
    const p = `${legacyPath}${LEGACY_SUFFIX}${n > 1 ? `-${n}` : ""}`;
    if (!(await readOptional(fs, p))) return p;
  }
}

/**
 * Opens a log: the JSON Lines file when it exists; otherwise the previous version's JSON file,
 * converted once (the writer writes the new file atomically, then renames the old one to
 * `<name>.truoc-chuyen-doi`, never deleting it; a read-only opener reads it as it is); otherwise a new
 * empty log (or, when the manifest lists it, a `StoreError` "missing").
 *
 * A crash between writing the new file and renaming the old one is finished at the next open: the new
 * file's header records the old file's SHA-256. Both files present without that match (the old version
 * run again after an upgrade) is a `StoreError` "conflict": which one is newer cannot be told.
 */
export async function openLog<E, D>(o: OpenLogOptions<E, D>): Promise<OpenedLog> {
  const file = path.join(o.dataDir, o.name);
  const legacyPath = path.join(o.dataDir, o.legacy.name);
  const warnings: StoreWarning[] = [];
  const read = await readLog({
    fs: o.fs,
    file,
    displayPath: file,
    format: o.format,
    schema: o.schema,
    visit: o.visit,
  });
  const legacyBytes = await readOptional(o.fs, legacyPath);

  if (read) {
    o.onHeader?.(read.header);
    if (legacyBytes) {
      const from = read.header.migratedFrom;
      if (!from || from.file !== o.legacy.name || from.sha256 !== sha256(legacyBytes)) {
        throw new StoreError(
          "conflict",
          `Thư mục dữ liệu có cả ${o.legacy.name} (định dạng cũ) và ${o.name}; không rõ tệp nào mới hơn. ` +
            `Nếu ${o.name} là dữ liệu đang dùng, đổi tên ${o.legacy.name} thành ${o.legacy.name}${LEGACY_SUFFIX}; ` +
            `nếu muốn chuyển lại từ ${o.legacy.name}, đổi tên ${o.name} (ví dụ thêm .cu) rồi khởi động lại.`,
          { file },
        );
      }
      // The conversion was interrupted after the new file was written: the old one goes aside now.
      if (!o.readOnly) {
        const aside = await asideName(o.fs, legacyPath);
        await o.fs.rename(legacyPath, aside);
        await o.fs.fsyncDir(o.dataDir);
        warnings.push(legacyKept(file, legacyPath, aside));
      }
    }
    warnings.push(...readWarnings(file, read, !o.readOnly));
    const opened = o.readOnly ? undefined : await LogFile.open(o.fs, file, file, read);
    return {
      file: opened,
      displayPath: file,
      lineCount: read.lineCount,
      bad: read.bad,
      warnings,
      created: false,
    };
  }

  if (legacyBytes) {
    const data = parseStoreText(legacyBytes.toString("utf8"), o.legacy.schema, legacyPath);
    const events = [...o.legacy.toEvents(data)];
    const header: LogHeader = {
      t: "header",
      format: o.format,
      version: 1,
      createdAt: o.now.toISOString(),
      migratedFrom: { file: o.legacy.name, sha256: sha256(legacyBytes), bytes: legacyBytes.length },
    };
    o.onHeader?.(header);
    const lines = [line(header), ...events.map(line)];
    events.forEach((e, i) => {
      const problem = o.visit(e as E, i + 2);
      if (problem) throw new StoreError("invalid", `Không chuyển được ${legacyPath}: ${problem}.`);
    });
    if (o.readOnly) {
      return {
        file: undefined,
        displayPath: file,
        lineCount: lines.length,
        bad: [],
        warnings,
        created: false,
      };
    }
    try {
      await createLogFile(o.fs, file, lines);
    } catch (e) {
      throw new StoreError(
        "io",
        `Không chuyển được ${legacyPath} sang ${o.name} (${fsReason(e)}); tệp cũ giữ nguyên.`,
        { file, cause: e },
      );
    }
    const aside = await asideName(o.fs, legacyPath);
    await o.fs.rename(legacyPath, aside);
    await o.fs.fsyncDir(o.dataDir);
    warnings.push({
      code: "migrated",
      file,
      message:
        `Đã chuyển ${legacyPath} (${events.length} bản ghi) sang ${file} (mỗi dòng một sự kiện). ` +
        `Tệp cũ được giữ ở ${aside}.`,
    });
    const size = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
    const opened = await LogFile.open(o.fs, file, file, { validBytes: size, tornBytes: 0 });
    return { file: opened, displayPath: file, lineCount: lines.length, bad: [], warnings, created: false };
  }

  if (o.required) {
    throw new StoreError(
      "missing",
      `Thiếu tệp dữ liệu ${file} (kho dữ liệu đã được khởi tạo nên tệp này phải có). ` +
        "Khôi phục tệp từ bản sao lưu; trợ lý không tự tạo lại tệp rỗng.",
      { file },
    );
  }
  if (o.readOnly)
    return { file: undefined, displayPath: file, lineCount: 0, bad: [], warnings, created: false };
  const h: LogHeader = { t: "header", format: o.format, version: 1, createdAt: o.now.toISOString() };
  o.onHeader?.(h);
  const header = line(h);
  try {
    await createLogFile(o.fs, file, [header]);
  } catch (e) {
    throw new StoreError("io", `Không tạo được tệp dữ liệu ${file} (${fsReason(e)}).`, { file, cause: e });
  }
  const opened = await LogFile.open(o.fs, file, file, {
    validBytes: Buffer.byteLength(header),
    tornBytes: 0,
  });
  return { file: opened, displayPath: file, lineCount: 1, bad: [], warnings, created: true };
}

function legacyKept(file: string, legacyPath: string, aside: string): StoreWarning {
  return {
    code: "legacy-kept",
    file,
    message: `Lần chuyển ${legacyPath} sang ${file} trước đó bị gián đoạn sau khi tệp mới đã ghi xong; tệp cũ nay được giữ ở ${aside}.`,
  };
}
