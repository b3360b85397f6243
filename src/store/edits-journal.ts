/**
 * The files of the secretariat's overlay: a snapshot and a journal of the commits made since.
 *
 * - knowledge-edits.json, the snapshot: the whole overlay as one JSON document, in the format of every
 *   earlier version (`{ version: 1, collections, holidays?, journal? }`), so an existing file opens
 *   unchanged and a backup holds the same document.
 * - knowledge-edits.journal.jsonl, the journal (JSON Lines, jsonl.ts): a header naming the snapshot
 *   it applies to (`base`: the SHA-256 of the snapshot's bytes), then one line per committed change:
 *   `{ t: "commit", changes: [{ collection, id, state? }], journal?: AuditEntry }`, each state the
 *   entry's raw content after the change (absent: the overlay entry dropped; `null`: a tombstone; the
 *   collection "holidays" for the holiday list). A commit appends its line and fsyncs it: O(size of
 *   the change), whatever the size of the overlay. The line also carries the commit's audit entry (the
 *   snapshot's `journal` field did that before), so a crash before audit.jsonl takes it is completed.
 *
 * Opening reads the snapshot and applies the lines in order. Each line sets absolute states, so
 * applying a line again changes nothing: a snapshot that already holds the lines (a compaction cut
 * short after the snapshot was replaced, before the journal was) gives the same result ("stale").
 * A journal whose base is not the snapshot's hash and whose lines DO change it was begun on another
 * snapshot (a hand edit after a crash, a copied file): its lines are applied (they are confirmed
 * commits, each in the audit log), the operator is warned, and the writer keeps the snapshot as it was
 * (`knowledge-edits.json.truoc-ghep-<thời điểm>`) before compacting.
 *
 * A torn last line (the process died mid-append, never acknowledged) is ignored with a warning and cut
 * off by the writer; a damaged complete line is skipped with a warning (jsonl.ts) and the journal is
 * kept aside (`.hong-<thời điểm>`) at the next compaction.
 *
 * Compaction writes the overlay as the new snapshot (temp file, fsync, rename, directory fsync), then
 * a new journal with only its header naming that snapshot (same steps). A crash at any step leaves
 * the old pair, the stale pair above, or the new pair: every one of them opens to the same overlay.
 * A reader (a read-only opener beside the running assistant) that finds a pair that does not match
 * reads both files again, so it never mixes a new journal with an old snapshot.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { auditEntrySchema } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { jsonEqual, parseStoreText, serialize } from "./json-file.ts";
import {
  type BadLine,
  createLogFile,
  damagedName,
  LogFile,
  type LogFs,
  type LogHeader,
  line,
  readLog,
  readOptional,
  readWarnings,
  type StoreWarning,
} from "./jsonl.ts";
import { fsReason } from "./restore-swap.ts";

export const EDITS_FILE = "knowledge-edits.json";
export const EDITS_JOURNAL_FILE = "knowledge-edits.journal.jsonl";
export const EDITS_JOURNAL_FORMAT = "tro-ly-cds.knowledge-edits-journal";
/** Where the snapshot is kept when a journal begun on another snapshot is applied to it. */
export const FOREIGN_SUFFIX = ".truoc-ghep";

/**
 * The file as stored. Entries are as written (validated one by one by `inspectEdits`), so a bad
 * one is kept as it is.
 */
export interface EditsFileData {
  version: 1;
  /** Collection name → `{ id: entity | null }`. */
  collections: Record<string, unknown>;
  holidays?: unknown;
  journal?: unknown;
}

export const editsFileSchema: z.ZodType<EditsFileData> = z.strictObject({
  version: z.literal(1),
  collections: z.record(z.string(), z.unknown()),
  holidays: z.unknown().optional(),
  journal: z.unknown().optional(),
}) as unknown as z.ZodType<EditsFileData>;

export const defaultEditsFile = (): EditsFileData => ({ version: 1, collections: {} });

/** One entry's raw state after a commit; `state` absent: the overlay entry is dropped. */
export const journalChangeSchema = z.strictObject({
  collection: z.string().min(1),
  id: z.string().min(1),
  state: z.unknown().optional(),
});
export type JournalChange = z.infer<typeof journalChangeSchema>;

export const commitLineSchema = z.strictObject({
  t: z.literal("commit"),
  changes: z.array(journalChangeSchema).min(1),
  /** The commit's audit entry (what the snapshot keeps as `journal`). */
  journal: auditEntrySchema.optional(),
});
export type CommitLine = z.infer<typeof commitLineSchema>;

export const HOLIDAYS = "holidays";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

/** The raw state of one entry (`holidays` for the holiday list). */
export function rawState(data: EditsFileData, collection: string, id: string): unknown {
  if (collection === HOLIDAYS) return data.holidays;
  const rec = data.collections[collection];
  return isRecord(rec) && Object.hasOwn(rec, id) ? rec[id] : undefined;
}

/**
 * Sets one entry's raw state in `data` (in place; the previous value object is replaced, never
 * changed). A reason when it cannot apply (the collection is not an object).
 */
export function applyRawChange(data: EditsFileData, ch: JournalChange): string | undefined {
  if (ch.collection === HOLIDAYS) {
    if (ch.state === undefined) delete data.holidays;
    else data.holidays = ch.state;
    return undefined;
  }
  let rec = data.collections[ch.collection];
  if (rec === undefined) {
    if (ch.state === undefined) return undefined;
    rec = {};
    data.collections[ch.collection] = rec;
  }
  if (!isRecord(rec)) return `mục “${ch.collection}” của tệp không phải một đối tượng { mã: mục }`;
  if (ch.state === undefined) {
    delete rec[ch.id];
    if (Object.keys(rec).length === 0) delete data.collections[ch.collection];
  } else {
    rec[ch.id] = ch.state;
  }
  return undefined;
}

export interface EditsRead {
  /** The snapshot with the journal's lines applied (defaults when there is no snapshot). */
  data: EditsFileData;
  /** No snapshot file. */
  absent: boolean;
  /** The snapshot does not parse (or its envelope is wrong): `data` is the defaults, the journal is not read. */
  unreadable: StoreError | undefined;
  /** SHA-256 and size of the snapshot's bytes. */
  snapshotHash: string;
  snapshotBytes: number;
  /** The journal as read (undefined: no journal file, or the snapshot is unreadable). */
  journal:
    | {
        validBytes: number;
        tornBytes: number;
        /** Bytes of the commit lines (after the header). */
        commitBytes: number;
        commits: number;
        bad: BadLine[];
        header: LogHeader;
      }
    | undefined;
  /** The journal was begun on another snapshot and its lines changed this one. */
  foreign: boolean;
  /** The journal was begun on an older snapshot that already holds its lines (a compaction cut short). */
  stale: boolean;
  /**
   * The journal has no commit and names another snapshot (the snapshot was replaced while the store
   * was closed: a hand edit, a copy): the writer gives the journal a new header, the snapshot is kept as it is.
   */
  rebase: boolean;
  warnings: StoreWarning[];
}

async function interpret(
  fs: LogFs,
  snapshotPath: string,
  journalPath: string,
  s: Buffer | undefined,
  j: Buffer | undefined,
  writer: boolean,
): Promise<EditsRead> {
  let data = defaultEditsFile();
  let unreadable: StoreError | undefined;
  if (s !== undefined) {
    try {
      data = parseStoreText(s.toString("utf8"), editsFileSchema, snapshotPath);
    } catch (e) {
      if (!(e instanceof StoreError) || e.code !== "corrupt") throw e;
      unreadable = e;
    }
  }
  const snapshotHash = s ? sha256(s) : "";
  const out: EditsRead = {
    data,
    absent: s === undefined,
    unreadable,
    snapshotHash,
    snapshotBytes: s?.length ?? 0,
    journal: undefined,
    foreign: false,
    stale: false,
    rebase: false,
    warnings: [],
  };
  if (unreadable || j === undefined) return out;

  /** The state before the first line that touched it, by entry (for the stale/foreign test). */
  const before = new Map<string, { collection: string; id: string; value: unknown }>();
  let commits = 0;
  const read = await readLog({
    fs: { ...fs, readFile: async () => j },
    file: journalPath,
    displayPath: journalPath,
    format: EDITS_JOURNAL_FORMAT,
    schema: commitLineSchema,
    visit: (event) => {
      for (const ch of event.changes) {
        if (ch.collection !== HOLIDAYS && !isRecord(data.collections[ch.collection] ?? {}))
          return `mục “${ch.collection}” của ${EDITS_FILE} không phải một đối tượng { mã: mục }`;
      }
      for (const ch of event.changes) {
        const key = `${ch.collection}\u0000${ch.id}`;
        if (!before.has(key)) before.set(key, { ...ch, value: rawState(data, ch.collection, ch.id) });
        applyRawChange(data, ch);
      }
      if (event.journal) {
        if (!before.has("journal")) before.set("journal", { collection: "", id: "", value: data.journal });
        data.journal = event.journal;
      }
      commits++;
      return undefined;
    },
  });
  if (!read) return out;
  const headerBytes = Buffer.byteLength(line(read.header));
  out.journal = {
    validBytes: read.validBytes,
    tornBytes: read.tornBytes,
    commitBytes: Math.max(0, read.validBytes - headerBytes),
    commits,
    bad: read.bad,
    header: read.header,
  };
  out.warnings.push(...readWarnings(journalPath, read, writer));
  if (read.header.base !== snapshotHash && commits > 0) {
    const changed = [...before.entries()].some(([key, b]) =>
      key === "journal"
        ? !jsonEqual(b.value, data.journal)
        : !jsonEqual(b.value, rawState(data, b.collection, b.id)),
    );
    if (changed) {
      out.foreign = true;
      out.warnings.push({
        code: "journal-foreign",
        file: journalPath,
        message:
          `Tệp ${journalPath} (${commits} thay đổi đã lưu) được ghi tiếp sau một bản ${snapshotPath} khác với bản đang có ` +
          "(tệp bị sửa tay hoặc chép đè sau khi trợ lý dừng đột ngột?). Các thay đổi trong nhật ký đã được áp dụng lên bản đang có" +
          (writer ? `; bản trước khi ghép được giữ ở ${snapshotPath}${FOREIGN_SUFFIX}-<thời điểm>.` : ".") +
          " Nên kiểm tra bằng npm run cli -- kb history và kb check.",
      });
    } else out.stale = true;
  } else if (read.header.base !== snapshotHash) {
    if (read.bad.length > 0)
      out.stale = true; // compacted: the damaged journal is kept aside
    else out.rebase = true;
  }
  return out;
}

/**
 * Reads the snapshot and the journal, the journal's lines applied. A reader that finds a journal not
 * made for the snapshot reads both again (the writer may be between the two renames of a compaction)
 * until they stop changing.
 */
export async function readEdits(fs: LogFs, dataDir: string, writer: boolean): Promise<EditsRead> {
  const snapshotPath = path.join(dataDir, EDITS_FILE);
  const journalPath = path.join(dataDir, EDITS_JOURNAL_FILE);
  let s = await readOptional(fs, snapshotPath);
  let j = await readOptional(fs, journalPath);
  for (let attempt = 0; ; attempt++) {
    const r = await interpret(fs, snapshotPath, journalPath, s, j, writer);
    if (writer || (!r.foreign && !r.stale) || attempt >= 5) return r;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const s2 = await readOptional(fs, snapshotPath);
    const j2 = await readOptional(fs, journalPath);
    const same = (a: Buffer | undefined, b: Buffer | undefined) =>
      a === undefined ? b === undefined : b !== undefined && a.equals(b);
    if (same(s, s2) && same(j, j2)) return r;
    s = s2;
    j = j2;
  }
}

/** The journal's header for a snapshot of this text. */
export function journalHeader(snapshotText: string | Buffer, now: Date, compacted: boolean): string {
  const h: LogHeader = {
    t: "header",
    format: EDITS_JOURNAL_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    ...(compacted ? { compactedAt: now.toISOString() } : {}),
    base: sha256(snapshotText),
  };
  return line(h);
}

function stamp(now: Date): string {
  return damagedName("", now).replace(/^\.hong-/, "");
}

/**
 * The writer's side of the two files: appends commit lines to the journal, compacts. Calls must be
 * serialised by the owner (knowledge-edits.ts runs them in its write queue).
 */
export class EditsFiles {
  readonly snapshotPath: string;
  readonly journalPath: string;
  readonly #fs: LogFs;
  readonly #now: () => Date;
  #log: LogFile | undefined;
  #commitBytes: number;
  #snapshotBytes: number;
  /** The journal's header does not name the snapshot on disk (a compaction failed half-way). */
  #baseStale = false;

  private constructor(
    fs: LogFs,
    dataDir: string,
    now: () => Date,
    log: LogFile | undefined,
    sizes: { commitBytes: number; snapshotBytes: number },
  ) {
    this.#fs = fs;
    this.#now = now;
    this.snapshotPath = path.join(dataDir, EDITS_FILE);
    this.journalPath = path.join(dataDir, EDITS_JOURNAL_FILE);
    this.#log = log;
    this.#commitBytes = sizes.commitBytes;
    this.#snapshotBytes = sizes.snapshotBytes;
  }

  /**
   * The writer's files after `readEdits`: the snapshot created when absent (defaults), the journal
   * created when absent (or opened, a torn last line cut off). Not called when the snapshot is unreadable.
   */
  static async open(fs: LogFs, dataDir: string, now: () => Date, read: EditsRead): Promise<EditsFiles> {
    const snapshotPath = path.join(dataDir, EDITS_FILE);
    const journalPath = path.join(dataDir, EDITS_JOURNAL_FILE);
    let snapshotBytes = read.snapshotBytes;
    let snapshotText: string | undefined;
    if (read.absent) {
      snapshotText = serialize(defaultEditsFile());
      await writeNew(fs, snapshotPath, snapshotText);
      snapshotBytes = Buffer.byteLength(snapshotText);
    }
    if (!read.journal || read.rebase) {
      // No journal yet (a first start, or an overlay written by an earlier version): one naming the snapshot.
      let base: string | Buffer | undefined = snapshotText;
      base ??= await fs.readFile(snapshotPath);
      const header = journalHeader(base, now(), false);
      await writeNew(fs, journalPath, header);
      const log = await LogFile.open(fs, journalPath, journalPath, {
        validBytes: Buffer.byteLength(header),
        tornBytes: 0,
      });
      return new EditsFiles(fs, dataDir, now, log, { commitBytes: 0, snapshotBytes });
    }
    const log = await LogFile.open(fs, journalPath, journalPath, read.journal);
    const files = new EditsFiles(fs, dataDir, now, log, {
      commitBytes: read.journal.commitBytes,
      snapshotBytes,
    });
    files.#baseStale = read.stale || read.foreign;
    return files;
  }

  /** Bytes of commit lines since the last compaction. */
  get commitBytes(): number {
    return this.#commitBytes;
  }

  /** Whether the journal has grown enough to be folded into the snapshot (about half the snapshot, at least 1 MiB). */
  get wantsCompaction(): boolean {
    return this.#baseStale || this.#commitBytes >= Math.max(1 << 20, this.#snapshotBytes / 2);
  }

  /** The journal's header does not name the snapshot on disk: compact before appending. */
  get baseStale(): boolean {
    return this.#baseStale;
  }

  /** Appends one commit line and fsyncs it; on failure nothing is committed (jsonl.ts `LogFile.append`). */
  async append(commit: CommitLine): Promise<void> {
    const text = line(commit);
    if (!this.#log) throw new StoreError("readonly", `Tệp ${this.journalPath} đã đóng; không ghi được.`);
    await this.#log.append(text);
    this.#commitBytes += Buffer.byteLength(text);
  }

  /**
   * Writes `data` as the new snapshot, then a new journal naming it. `keep.snapshot`: the snapshot on
   * disk is kept aside first (a foreign journal was applied to it); `keep.journal`: the journal is kept
   * aside (it had damaged lines).
   */
  async compact(data: EditsFileData, keep: { snapshot?: boolean; journal?: boolean } = {}): Promise<void> {
    const now = this.#now();
    const text = serialize(data);
    if (keep.snapshot)
      await keepAside(this.#fs, this.snapshotPath, `${this.snapshotPath}${FOREIGN_SUFFIX}-${stamp(now)}`);
    if (keep.journal) await keepAside(this.#fs, this.journalPath, damagedName(this.journalPath, now));
    await writeNew(this.#fs, this.snapshotPath, text);
    // From here the journal's header names the old snapshot: harmless (its lines are in the new one).
    this.#baseStale = true;
    this.#snapshotBytes = Buffer.byteLength(text);
    const header = journalHeader(text, now, true);
    await writeNew(this.#fs, this.journalPath, header);
    const old = this.#log;
    this.#log = undefined;
    await old?.close().catch(() => {});
    this.#log = await LogFile.open(this.#fs, this.journalPath, this.journalPath, {
      validBytes: Buffer.byteLength(header),
      tornBytes: 0,
    });
    this.#commitBytes = 0;
    this.#baseStale = false;
  }

  async close(): Promise<void> {
    const log = this.#log;
    this.#log = undefined;
    await log?.close();
  }
}

async function writeNew(fs: LogFs, file: string, text: string): Promise<void> {
  try {
    await createLogFile(fs, file, [text]);
  } catch (e) {
    throw new StoreError(
      "io",
      `Không ghi được tệp dữ liệu ${file} (${fsReason(e)}); tệp cũ được giữ nguyên.`,
      {
        file,
        cause: e,
      },
    );
  }
}

async function keepAside(fs: LogFs, file: string, to: string): Promise<void> {
  try {
    await fs.link(file, to);
  } catch (e) {
    if ((e as { code?: string }).code !== "EEXIST") throw e;
  }
}
