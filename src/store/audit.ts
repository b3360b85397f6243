/**
 * The audit log (audit.jsonl): who changed what, when. Ids are increasing integers written as
 * strings ("1", "2"…); timestamps come from the injected clock.
 *
 * Storage (jsonl.ts): append-only JSON Lines, a header line then one entry a line, validated with zod
 * on write and on read; one line and one fsync an append. Entries are history (undo and `kb history`
 * read them), never superseded: the log is not compacted and has no retention. The previous version's
 * audit.json is converted once at the first open (kept as audit.json.truoc-chuyen-doi).
 *
 * Entries written by `store.commitChange` / `store.undoLast` carry `changes` (one item per entity,
 * `before`/`after` being the overlay states: an entity, `null` for a tombstone, absent for "no
 * overlay entry: the shipped knowledge applies"). Only such entries can be undone. Entries from
 * `record()` are informative (logins, links, sends…) and cannot carry `changes`.
 */
import { z } from "zod";
import { COLLECTION_NAMES } from "../core/knowledge/schema.ts";
import type { Clock } from "./clock.ts";
import { StoreError } from "./errors.ts";
import { describeIssues, instantSchema, type SerialQueue, safeParseVi } from "./json-file.ts";
import { type LegacyFormat, type LogFile, type LogFs, line, openLog, type StoreWarning } from "./jsonl.ts";

/** The log (JSON Lines, one entry a line). */
export const AUDIT_FILE = "audit.jsonl";
/** The previous version's file (one JSON document), converted once at the first open. */
export const LEGACY_AUDIT_FILE = "audit.json";
/** The `format` of the log's header line. */
export const AUDIT_LOG_FORMAT = "tro-ly-cds.audit-log";

export const actorSchema = z.strictObject({
  kind: z.enum(["telegram", "zalo", "cli", "system"]),
  id: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** What an overlay change can target: a knowledge collection, or the holiday list as a whole. */
export const editTargetSchema = z.enum([...COLLECTION_NAMES, "holidays"]);

export const auditChangeSchema = z.strictObject({
  collection: editTargetSchema,
  id: z.string().min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

const auditIdSchema = z.string().regex(/^[1-9][0-9]*$/, { message: "mã nhật ký phải là số nguyên dương" });

export const auditEntrySchema = z.strictObject({
  id: auditIdSchema,
  at: instantSchema,
  actor: actorSchema,
  action: z.string().min(1),
  collection: z.string().min(1).optional(),
  entityId: z.string().min(1).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  note: z.string().optional(),
  changes: z.array(auditChangeSchema).optional(),
  /** On an "undo" entry: the id of the entry it reverts. */
  undoes: auditIdSchema.optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The previous version's audit.json (read once, to convert it; and in old backup bundles). */
export const legacyAuditFileSchema = z
  .strictObject({ version: z.literal(1), entries: z.array(auditEntrySchema) })
  .superRefine((file, ctx) => {
    let prev = 0;
    file.entries.forEach((e, i) => {
      const n = Number(e.id);
      if (n <= prev) {
        ctx.addIssue({ code: "custom", path: ["entries", i, "id"], message: "mã nhật ký phải tăng dần" });
      }
      prev = n;
    });
  });
export type LegacyAuditFileData = z.infer<typeof legacyAuditFileSchema>;

export const legacyAudit: LegacyFormat<LegacyAuditFileData> = {
  name: LEGACY_AUDIT_FILE,
  schema: legacyAuditFileSchema,
  toEvents: (d) => d.entries,
};

/** What a caller gives to `record()`: the id and the time are added by the log. */
export interface AuditInput {
  actor: Actor;
  action: string;
  collection?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  note?: string;
}

/** Access to the log inside `AuditLog.exclusive` (used by commitChange and undoLast). */
export interface AuditTx {
  /** The id the next appended entry must have. */
  nextId(): string;
  entries(): readonly AuditEntry[];
  has(id: string): boolean;
  append(entry: AuditEntry): Promise<void>;
}

export interface OpenAuditLogOptions {
  fs: LogFs;
  dataDir: string;
  clock: Clock;
  /** Shared with the knowledge-edits commits so ids are allocated one at a time. */
  lock: SerialQueue;
  readOnly: boolean;
  required: boolean;
  onWarning: (w: StoreWarning) => void;
}

export class AuditLog {
  readonly displayPath: string;
  readonly #entries: AuditEntry[];
  readonly #byId: Map<string, AuditEntry>;
  readonly #file: LogFile | undefined;
  readonly #clock: Clock;
  readonly #lock: SerialQueue;
  /** The highest id seen, damaged lines included (an id is never given twice). */
  #maxId: number;
  #closed = false;

  private constructor(o: {
    entries: AuditEntry[];
    maxId: number;
    file: LogFile | undefined;
    displayPath: string;
    clock: Clock;
    lock: SerialQueue;
  }) {
    this.#entries = o.entries;
    this.#byId = new Map(o.entries.map((e) => [e.id, e]));
    this.#maxId = o.maxId;
    this.#file = o.file;
    this.displayPath = o.displayPath;
    this.#clock = o.clock;
    this.#lock = o.lock;
  }

  /** Opens (or converts, or creates) audit.jsonl and reads its entries. */
  static async open(o: OpenAuditLogOptions): Promise<AuditLog> {
    const entries: AuditEntry[] = [];
    let maxId = 0;
    const opened = await openLog({
      fs: o.fs,
      dataDir: o.dataDir,
      name: AUDIT_FILE,
      format: AUDIT_LOG_FORMAT,
      schema: auditEntrySchema,
      legacy: legacyAudit,
      readOnly: o.readOnly,
      required: o.required,
      now: o.clock.now(),
      visit: (e) => {
        const n = Number(e.id);
        if (n <= maxId) return `mã nhật ký ${e.id} không tăng dần (sau ${maxId})`;
        maxId = n;
        entries.push(e);
        return undefined;
      },
    });
    for (const b of opened.bad) {
      const id = (b.json as { id?: unknown } | undefined)?.id;
      if (typeof id === "string" && /^[1-9][0-9]*$/.test(id)) maxId = Math.max(maxId, Number(id));
    }
    for (const w of opened.warnings) o.onWarning(w);
    return new AuditLog({
      entries,
      maxId,
      file: opened.file,
      displayPath: opened.displayPath,
      clock: o.clock,
      lock: o.lock,
    });
  }

  /** Appends an informative entry (no `changes`). */
  record(input: AuditInput): Promise<AuditEntry> {
    return this.exclusive(async (tx) => {
      const parsed = safeParseVi(auditEntrySchema, {
        ...stripUndefined(input),
        id: tx.nextId(),
        at: this.now(),
      });
      if (!parsed.success) {
        throw new StoreError("invalid", `Mục nhật ký không hợp lệ: ${describeIssues(parsed.error)}.`, {
          cause: parsed.error,
        });
      }
      await tx.append(parsed.data);
      return structuredClone(parsed.data);
    });
  }

  /** The most recent entries first; `limit` defaults to 50. */
  list(options: { limit?: number } = {}): AuditEntry[] {
    const limit = options.limit ?? 50;
    const entries = this.#entries;
    return entries
      .slice(Math.max(0, entries.length - limit))
      .reverse()
      .map((e) => structuredClone(e));
  }

  get(id: string): AuditEntry | undefined {
    const e = this.#byId.get(id);
    return e && structuredClone(e);
  }

  /** Entries in the log. */
  count(): number {
    return this.#entries.length;
  }

  /** The clock's time as written in entries. */
  now(): string {
    return this.#clock.now().toISOString();
  }

  /** Runs `fn` with exclusive access to the log (no other record/commit interleaves). */
  exclusive<R>(fn: (tx: AuditTx) => Promise<R>): Promise<R> {
    return this.#lock.run(() => {
      const tx: AuditTx = {
        nextId: () => String(this.#maxId + 1),
        entries: () => this.#entries,
        has: (id) => this.#byId.has(id),
        append: (entry) => this.#append(entry),
      };
      return fn(tx);
    });
  }

  /** Validates the entry, appends its line (fsynced), then adds it to the view. */
  async #append(entry: AuditEntry): Promise<void> {
    const file = this.#file;
    if (!file || this.#closed) {
      throw new StoreError(
        "readonly",
        `Kho dữ liệu đang mở ở chế độ chỉ đọc (hoặc đã đóng); không ghi được ${this.displayPath}.`,
        { file: this.displayPath },
      );
    }
    const parsed = safeParseVi(auditEntrySchema, entry);
    if (!parsed.success) {
      throw new StoreError(
        "invalid",
        `Thay đổi không được lưu: mục nhật ký không hợp lệ (${describeIssues(parsed.error)}).`,
        { file: this.displayPath, cause: parsed.error },
      );
    }
    const e = parsed.data;
    if (Number(e.id) <= this.#maxId) {
      throw new StoreError("invalid", `Mã nhật ký ${e.id} đã được dùng (mã kế tiếp: ${this.#maxId + 1}).`, {
        file: this.displayPath,
      });
    }
    await file.append(line(e));
    this.#maxId = Number(e.id);
    this.#entries.push(e);
    this.#byId.set(e.id, e);
  }

  /** Refuses further appends (the caller waits for the lock first), then closes the file. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#file?.close();
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The most recent entry with changes that is neither an undo nor already undone. */
export function findUndoTarget(entries: readonly AuditEntry[]): AuditEntry | undefined {
  const undone = new Set(entries.flatMap((e) => (e.undoes ? [e.undoes] : [])));
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.undoes || !e.changes?.length || undone.has(e.id)) continue;
    return e;
  }
  return undefined;
}
