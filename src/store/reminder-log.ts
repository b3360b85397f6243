/**
 * The reminder send log (reminders.jsonl): one entry per reminder that was (being) sent, so a
 * restart never sends the same reminder twice and failed sends can be retried.
 *
 * Flow for the notifier: skip when `get(key)?.state === "sent"`; `markPending(parts)` just before
 * sending (a "pending" entry found at start-up means the outcome is unknown: the process died
 * mid-send); then `markSent(key)` or `markFailed(key, error)`.
 *
 * The same log keeps what the reminders led to:
 * - `responses`: the answers heads gave to reminders (done, in progress, extension request, help
 *   request), with who and when, and the secretariat's decision on an extension request;
 * - `escalations`: overdue tasks reported to the secretariat for lack of an answer;
 * - `digests`: the last day a daily digest / week a weekly digest went out (never twice).
 *
 * Storage (jsonl.ts): append-only JSON Lines, one event a line, one line and one fsync a write,
 * whatever the size of the log. The in-memory view (what the methods below read) is rebuilt from the
 * lines at open; every event is validated with zod before it is written and when it is read. Events:
 * - `entries`: send-log entries as they are after the write (a group commit holds several);
 * - `prune` / `prune-stale`: entries dropped by occurrence / by last change (the predicate, not a list);
 * - `response`, `decision`: an answer, the secretariat's decision on an extension request;
 * - `escalations`, `digest`: as named; `meta`: the response counter and digests (compacted files).
 *
 * Compaction (in the background, off the write queue; see `compact`): once the file holds at least
 * `minGarbage` superseded records (a "pending" then its "sent", pruned entries…) and half as many as
 * live ones, or once retention has something to drop, the live view is written to a new file that
 * replaces the log atomically.
 *
 * Retention (REMINDER_LOG_RETENTION_DAYS): the detail of a finished due date is dropped at compaction.
 * The unit is the series of one task's due date (`${taskId}|${occurrence}`): its send-log entries, the
 * answers about it, its escalations. A series goes only when every one of its records is older than the
 * retention, none of its entries is "pending" (outcome unknown: the notifier must see it) and no
 * extension request in it waits for a decision. Why whole series: the planner only asks for the latest
 * slot of a due date, which is at most a few weeks old while the series is still being reminded (so an
 * active series always has a recent record and is kept: at least 90 days are required, more than the
 * longest gap between two slots); and the escalation rule compares the first unanswered overdue send
 * with the last answer of the same series, so cutting part of a series could move that date and send
 * an escalation again. Cut whole, an old series simply has nothing left to escalate. The response
 * counter is kept, so answer ids ("a12") are never reused; the digests are kept.
 */
import { z } from "zod";
import { isoDateSchema } from "../core/knowledge/schema.ts";
import {
  reminderKey as coreReminderKey,
  ReminderKeyError,
  type ReminderKeyParts,
} from "../core/reminders/keys.ts";
import type { Clock } from "./clock.ts";
import { StoreError } from "./errors.ts";
import { describeIssues, instantSchema, SerialQueue, safeParseVi } from "./json-file.ts";
import {
  damagedName,
  type LegacyFormat,
  type LogFile,
  type LogFs,
  type LogHeader,
  line,
  openLog,
  type StoreWarning,
  tempNameFor,
  writeNewFile,
} from "./jsonl.ts";
import { fsReason } from "./restore-swap.ts";

/** The log (JSON Lines, one event a line). */
export const REMINDERS_FILE = "reminders.jsonl";
/** The previous version's file (one JSON document), converted once at the first open. */
export const LEGACY_REMINDERS_FILE = "reminders.json";
/** The `format` of the log's header line. */
export const REMINDER_LOG_FORMAT = "tro-ly-cds.reminder-log";

export type { ReminderKeyParts };

/** The log key of one reminder (core/reminders/keys.ts); a part that cannot be one is a StoreError. */
export function reminderKey(parts: ReminderKeyParts): string {
  try {
    return coreReminderKey(parts);
  } catch (e) {
    if (e instanceof ReminderKeyError) throw new StoreError("invalid", e.message);
    throw e;
  }
}

export const reminderStateSchema = z.enum(["pending", "sent", "failed"]);
export type ReminderState = z.infer<typeof reminderStateSchema>;

export const reminderEntrySchema = z.strictObject({
  taskId: z.string().min(1),
  occurrence: isoDateSchema,
  recipientId: z.string().min(1),
  offset: z.number().int(),
  state: reminderStateSchema,
  /** Send attempts so far (each `markPending` counts one). */
  attempts: z.number().int().min(0),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  sentAt: instantSchema.optional(),
  lastError: z.string().optional(),
  /** The id the channel gave the delivered message (to edit its buttons after an answer). */
  messageId: z.string().min(1).optional(),
});
export type ReminderEntry = z.infer<typeof reminderEntrySchema>;

export const responseKindSchema = z.enum(["done", "in-progress", "extension", "help"]);
export type ResponseKind = z.infer<typeof responseKindSchema>;

export const extensionDecisionSchema = z.strictObject({
  status: z.enum(["approved", "refused"]),
  at: instantSchema,
  /** The admin's user id ("telegram:123") or "cli". */
  by: z.string().min(1),
  byName: z.string().min(1).optional(),
  /** Approved: the new due date. */
  due: isoDateSchema.optional(),
  /** Refused: the reason; approved: an optional note. */
  note: z.string().min(1).max(2000).optional(),
});
export type ExtensionDecision = z.infer<typeof extensionDecisionSchema>;

/** One answer to a reminder. */
export const reminderResponseSchema = z.strictObject({
  /** "a1", "a2"… */
  id: z.string().regex(/^a[1-9][0-9]*$/),
  taskId: z.string().min(1),
  /** The due date answered about (the occurrence the reminder was for). */
  occurrence: isoDateSchema,
  kind: responseKindSchema,
  /** Who answered: user id ("telegram:123"). */
  userId: z.string().min(1),
  unitId: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  at: instantSchema,
  /** Extension: the reason; help: what is needed. */
  text: z.string().min(1).max(2000).optional(),
  /** Extension: the due date asked for. */
  requestedDue: isoDateSchema.optional(),
  /** Extension: the secretariat's decision (absent while it waits). */
  decision: extensionDecisionSchema.optional(),
});
export type ReminderResponse = z.infer<typeof reminderResponseSchema>;

/** An overdue task reported for lack of an answer, keyed `${taskId}|${occurrence}|${unitId}`. */
export const escalationSchema = z.strictObject({
  taskId: z.string().min(1),
  occurrence: isoDateSchema,
  unitId: z.string().min(1),
  /** The day of the first unanswered overdue reminder the escalation is about. */
  since: isoDateSchema,
  at: instantSchema,
});
export type Escalation = z.infer<typeof escalationSchema>;

export const digestsSchema = z.strictObject({
  /** The last day a daily digest was sent. */
  daily: isoDateSchema.optional(),
  /** The Monday of the last week a weekly digest was sent. */
  weekly: isoDateSchema.optional(),
});
export type DigestKind = keyof z.infer<typeof digestsSchema>;
type Digests = z.infer<typeof digestsSchema>;

/** The previous version's reminders.json (read once, to convert it; and in old backup bundles). */
export const legacyRemindersFileSchema = z
  .strictObject({
    version: z.literal(1),
    entries: z.record(z.string(), reminderEntrySchema),
    responses: z.array(reminderResponseSchema).default([]),
    /** Last number used for a response id. */
    responseSeq: z.number().int().min(0).default(0),
    escalations: z.record(z.string(), escalationSchema).default({}),
    digests: digestsSchema.default({}),
  })
  .superRefine((file, ctx) => {
    for (const [key, e] of Object.entries(file.entries)) {
      if (key !== `${e.taskId}|${e.occurrence}|${e.recipientId}|${e.offset}`) {
        ctx.addIssue({
          code: "custom",
          path: ["entries", key],
          message: "khoá không khớp nội dung mục nhắc",
        });
      }
    }
  });
export type LegacyRemindersFileData = z.infer<typeof legacyRemindersFileSchema>;

// ---------------------------------------------------------------- events (one a line)

const responseIdSchema = z.string().regex(/^a[1-9][0-9]*$/);

export const reminderEventSchema = z.discriminatedUnion("t", [
  z.strictObject({ t: z.literal("entries"), entries: z.array(reminderEntrySchema).min(1) }),
  z.strictObject({ t: z.literal("prune"), beforeDay: isoDateSchema }),
  z.strictObject({ t: z.literal("prune-stale"), before: instantSchema }),
  z.strictObject({ t: z.literal("response"), response: reminderResponseSchema }),
  z.strictObject({ t: z.literal("decision"), id: responseIdSchema, decision: extensionDecisionSchema }),
  z.strictObject({ t: z.literal("escalations"), escalations: z.array(escalationSchema).min(1) }),
  z.strictObject({ t: z.literal("digest"), kind: z.enum(["daily", "weekly"]), day: isoDateSchema }),
  z.strictObject({ t: z.literal("meta"), responseSeq: z.number().int().min(0), digests: digestsSchema }),
]);
export type ReminderEvent = z.infer<typeof reminderEventSchema>;

/**
 * The entries of the occurrences (task and due date) none of whose entries was touched since `limit`.
 * A whole occurrence goes or stays: dropping only the old entries of a task still reminded would move
 * "the first unanswered reminder" later and escalate the same silence again (escalation.ts).
 */
function staleKeys(entries: ReadonlyMap<string, ReminderEntry>, limit: number): string[] {
  const fresh = new Set<string>();
  for (const x of entries.values())
    if (Date.parse(x.updatedAt) >= limit) fresh.add(`${x.taskId}|${x.occurrence}`);
  const out: string[] = [];
  for (const [k, x] of entries) if (!fresh.has(`${x.taskId}|${x.occurrence}`)) out.push(k);
  return out;
}

/** The records an event adds to the file (what compaction counts). */
function recordsOf(e: ReminderEvent): number {
  if (e.t === "entries") return e.entries.length;
  if (e.t === "escalations") return e.escalations.length;
  return 1;
}

const keyOf = (e: ReminderEntry) => `${e.taskId}|${e.occurrence}|${e.recipientId}|${e.offset}`;
const escalationKeyOf = (e: Escalation) => `${e.taskId}|${e.occurrence}|${e.unitId}`;
/** The retention unit: one task's due date. */
const seriesOf = (x: { taskId: string; occurrence: string }) => `${x.taskId}|${x.occurrence}`;
const seqOf = (id: string) => Number(id.slice(1));

/** The events that rebuild a previous version's reminders.json. */
export function* legacyReminderEvents(d: LegacyRemindersFileData): Generator<ReminderEvent> {
  yield { t: "meta", responseSeq: d.responseSeq, digests: d.digests };
  for (const e of Object.values(d.entries)) yield { t: "entries", entries: [e] };
  for (const r of d.responses) yield { t: "response", response: r };
  for (const e of Object.values(d.escalations)) yield { t: "escalations", escalations: [e] };
}

export const legacyReminders: LegacyFormat<LegacyRemindersFileData> = {
  name: LEGACY_REMINDERS_FILE,
  schema: legacyRemindersFileSchema,
  toEvents: legacyReminderEvents,
};

/**
 * The in-memory view, rebuilt from the events. Stored objects are never changed in place (a change
 * puts a new object), so a compaction's snapshot is a copy of the containers only, and "unchanged
 * since the snapshot" is an identity test.
 */
export class ReminderView {
  entries = new Map<string, ReminderEntry>();
  responses: ReminderResponse[] = [];
  responseIndex = new Map<string, number>();
  escalations = new Map<string, Escalation>();
  digests: Digests = {};
  responseSeq = 0;

  /** Applies one event; a reason (Vietnamese) when it cannot apply, the view unchanged then. */
  apply(e: ReminderEvent): string | undefined {
    switch (e.t) {
      case "entries":
        for (const x of e.entries) this.entries.set(keyOf(x), x);
        return undefined;
      case "prune":
        for (const [k, x] of this.entries) if (x.occurrence < e.beforeDay) this.entries.delete(k);
        return undefined;
      case "prune-stale": {
        for (const k of staleKeys(this.entries, Date.parse(e.before))) this.entries.delete(k);
        return undefined;
      }
      case "response": {
        const r = e.response;
        if (this.responseIndex.has(r.id)) return `câu trả lời ${r.id} đã có ở dòng trước`;
        this.responseIndex.set(r.id, this.responses.length);
        this.responses.push(r);
        this.responseSeq = Math.max(this.responseSeq, seqOf(r.id));
        return undefined;
      }
      case "decision": {
        const i = this.responseIndex.get(e.id);
        const r = i === undefined ? undefined : this.responses[i];
        if (!r || i === undefined) return `không có câu trả lời ${e.id} để ghi quyết định`;
        if (r.kind !== "extension") return `câu trả lời ${e.id} không phải đề nghị gia hạn`;
        if (r.decision) return `đề nghị ${e.id} đã có quyết định`;
        this.responses[i] = { ...r, decision: e.decision };
        return undefined;
      }
      case "escalations":
        for (const x of e.escalations) this.escalations.set(escalationKeyOf(x), x);
        return undefined;
      case "digest":
        this.digests = { ...this.digests, [e.kind]: e.day };
        return undefined;
      case "meta":
        this.responseSeq = Math.max(this.responseSeq, e.responseSeq);
        this.digests = { ...e.digests, ...this.digests };
        return undefined;
    }
  }

  /** Records the compacted file would hold. */
  live(): number {
    return 1 + this.entries.size + this.responses.length + this.escalations.size;
  }

  reindex(): void {
    this.responseIndex = new Map(this.responses.map((r, i) => [r.id, i]));
  }
}

/** A copy of the view's containers (the objects are shared: they are never changed in place). */
interface Snapshot {
  entries: Map<string, ReminderEntry>;
  responses: ReminderResponse[];
  escalations: Map<string, Escalation>;
  digests: Digests;
  responseSeq: number;
}

/**
 * The series (`${taskId}|${occurrence}`) whose every record is older than `cutoff`, with no "pending"
 * entry and no extension request waiting for a decision (see the module comment).
 */
export async function seriesToDrop(
  v: Snapshot | ReminderView,
  cutoff: number,
  /** Awaited every few thousand records (the background check lets writes through). */
  pause: () => Promise<void> = async () => {},
): Promise<Set<string>> {
  const keep = new Map<string, boolean>();
  const mark = (series: string, mustKeep: boolean) => {
    if (mustKeep) keep.set(series, true);
    else if (!keep.has(series)) keep.set(series, false);
  };
  // The containers as they are now (a write meanwhile changes the view, not these lists).
  const entries = [...v.entries.values()];
  const responses = [...v.responses];
  const escalations = [...v.escalations.values()];
  const CHUNK = 5000;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    mark(seriesOf(e), e.state === "pending" || Date.parse(e.updatedAt) >= cutoff);
    if (i % CHUNK === CHUNK - 1) await pause();
  }
  for (const r of responses) {
    const waiting = r.kind === "extension" && !r.decision;
    const recent = Date.parse(r.at) >= cutoff || (!!r.decision && Date.parse(r.decision.at) >= cutoff);
    mark(seriesOf(r), waiting || recent);
  }
  for (const e of escalations) mark(seriesOf(e), Date.parse(e.at) >= cutoff);
  const out = new Set<string>();
  for (const [series, k] of keep) if (!k) out.add(series);
  return out;
}

/** One change of `applyBatch`. */
export type ReminderLogOp =
  | { op: "pending"; parts: ReminderKeyParts }
  | { op: "sent"; key: string; messageId?: string }
  | { op: "failed"; key: string; error: string };

/** Input of `addResponse`: the id and the time are added by the log. */
export type ResponseInput = Omit<ReminderResponse, "id" | "at" | "decision">;

/** A reminder about to be sent (again): one more attempt, the first creation time kept. */
function pendingEntry(parts: ReminderKeyParts, prev: ReminderEntry | undefined, at: string): ReminderEntry {
  return {
    taskId: parts.taskId,
    occurrence: parts.occurrence,
    recipientId: parts.recipientId,
    offset: parts.offset,
    state: "pending",
    attempts: (prev?.attempts ?? 0) + 1,
    createdAt: prev?.createdAt ?? at,
    updatedAt: at,
    ...(prev?.lastError ? { lastError: prev.lastError } : {}),
  };
}

function unknownKey(key: string): StoreError {
  return new StoreError("invalid", `Không có mục nhắc hạn "${key}" trong nhật ký gửi.`);
}

const copyResponse = (r: ReminderResponse): ReminderResponse =>
  r.decision ? { ...r, decision: { ...r.decision } } : { ...r };

export interface ReminderLogOptions {
  /** Days the detail of a finished due date is kept (REMINDER_LOG_RETENTION_DAYS); 0 = forever. */
  retentionDays: number;
  /** Compaction starts by itself after a write when due (tests turn this off and call `compact`). */
  autoCompact: boolean;
  /** Compact once the file holds at least this many superseded records (and half as many as live ones). */
  minGarbage: number;
  /** After a write, look whether retention has something to drop at most this often (store clock). */
  retentionCheckMs: number;
}

export const DEFAULT_REMINDER_LOG_OPTIONS: Readonly<ReminderLogOptions> = {
  retentionDays: 400,
  autoCompact: true,
  minGarbage: 20_000,
  retentionCheckMs: 12 * 3600_000,
};

/** What a compaction did. */
export interface CompactionReport {
  ms: number;
  recordsBefore: number;
  recordsAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  dropped: { series: number; entries: number; responses: number; escalations: number };
  /** Where the replaced file was kept because it had damaged lines. */
  keptDamaged?: string;
}

export interface OpenReminderLogOptions {
  fs: LogFs;
  dataDir: string;
  clock: Clock;
  readOnly: boolean;
  required: boolean;
  options?: Partial<ReminderLogOptions>;
  onWarning: (w: StoreWarning) => void;
}

export class ReminderLog {
  readonly displayPath: string;
  readonly #view: ReminderView;
  readonly #file: LogFile | undefined;
  readonly #fs: LogFs;
  readonly #clock: Clock;
  readonly #opts: ReminderLogOptions;
  readonly #warn: (w: StoreWarning) => void;
  readonly #queue = new SerialQueue();
  #header: LogHeader | undefined;
  /** Records in the file (superseded ones included). */
  #records: number;
  /** Damaged lines the file holds (compaction keeps the file aside before replacing it). */
  #badLines: number;
  /** While a compaction runs: what is appended after its snapshot. */
  #tail: { text: string[]; records: number } | undefined;
  #compaction: Promise<CompactionReport | null> | undefined;
  #lastRetentionCheck = Number.NEGATIVE_INFINITY;
  /** After a failed compaction, the next automatic one waits for this much garbage. */
  #retryAtGarbage = 0;
  #closed = false;

  private constructor(o: {
    view: ReminderView;
    file: LogFile | undefined;
    displayPath: string;
    fs: LogFs;
    clock: Clock;
    opts: ReminderLogOptions;
    warn: (w: StoreWarning) => void;
    records: number;
    badLines: number;
    header: LogHeader | undefined;
  }) {
    this.#view = o.view;
    this.#file = o.file;
    this.displayPath = o.displayPath;
    this.#fs = o.fs;
    this.#clock = o.clock;
    this.#opts = o.opts;
    this.#warn = o.warn;
    this.#records = o.records;
    this.#badLines = o.badLines;
    this.#header = o.header;
  }

  /** Opens (or converts, or creates) reminders.jsonl and rebuilds the view from its lines. */
  static async open(o: OpenReminderLogOptions): Promise<ReminderLog> {
    const view = new ReminderView();
    let records = 0;
    let header: LogHeader | undefined;
    const opened = await openLog({
      fs: o.fs,
      dataDir: o.dataDir,
      name: REMINDERS_FILE,
      format: REMINDER_LOG_FORMAT,
      schema: reminderEventSchema,
      legacy: legacyReminders,
      readOnly: o.readOnly,
      required: o.required,
      now: o.clock.now(),
      visit: (e) => {
        const problem = view.apply(e);
        if (!problem) records += recordsOf(e);
        return problem;
      },
      onHeader: (h) => {
        header = h;
      },
    });
    // A response line that failed its schema still used its number: never give it again.
    for (const b of opened.bad) {
      const id = (b.json as { response?: { id?: unknown } } | undefined)?.response?.id;
      if (typeof id === "string" && /^a[1-9][0-9]*$/.test(id))
        view.responseSeq = Math.max(view.responseSeq, seqOf(id));
    }
    for (const w of opened.warnings) o.onWarning(w);
    return new ReminderLog({
      view,
      file: opened.file,
      displayPath: opened.displayPath,
      fs: o.fs,
      clock: o.clock,
      opts: { ...DEFAULT_REMINDER_LOG_OPTIONS, ...o.options },
      warn: o.onWarning,
      records,
      badLines: opened.bad.length,
      header,
    });
  }

  // ------------------------------------------------------------ reading

  /** Whether the reminder has an entry, in any state. */
  has(key: string): boolean {
    return this.#view.entries.has(key);
  }

  get(key: string): ReminderEntry | undefined {
    const e = this.#view.entries.get(key);
    return e && { ...e };
  }

  /** The state of an entry without copying it (the planner asks this for every reminder). */
  stateOf(key: string): ReminderState | undefined {
    return this.#view.entries.get(key)?.state;
  }

  /** Entries with their keys, optionally only in one state. */
  list(options: { state?: ReminderState } = {}): Array<ReminderEntry & { key: string }> {
    const out: Array<ReminderEntry & { key: string }> = [];
    for (const [key, e] of this.#view.entries)
      if (!options.state || e.state === options.state) out.push({ key, ...e });
    return out;
  }

  response(id: string): ReminderResponse | undefined {
    const i = this.#view.responseIndex.get(id);
    const r = i === undefined ? undefined : this.#view.responses[i];
    return r && copyResponse(r);
  }

  /** Answers, oldest first, optionally for one task (and occurrence) or one kind. */
  responses(filter: { taskId?: string; occurrence?: string; kind?: ResponseKind } = {}): ReminderResponse[] {
    return this.#view.responses
      .filter(
        (r) =>
          (!filter.taskId || r.taskId === filter.taskId) &&
          (!filter.occurrence || r.occurrence === filter.occurrence) &&
          (!filter.kind || r.kind === filter.kind),
      )
      .map(copyResponse);
  }

  escalations(): Record<string, Escalation> {
    const out: Record<string, Escalation> = {};
    for (const [k, e] of this.#view.escalations) out[k] = { ...e };
    return out;
  }

  /** The last day (daily) or week's Monday (weekly) a digest was sent. */
  lastDigest(kind: DigestKind): string | undefined {
    return this.#view.digests[kind];
  }

  /** Records in the file and in the view (what compaction would keep). */
  stats(): { records: number; live: number; bytes: number | undefined; damagedLines: number } {
    return {
      records: this.#records,
      live: this.#view.live(),
      bytes: this.#file?.size,
      damagedLines: this.#badLines,
    };
  }

  // ------------------------------------------------------------ writing (one line, one fsync each)

  /** About to send: creates the entry or moves it back to "pending", counting one attempt. */
  markPending(parts: ReminderKeyParts, now?: Date): Promise<ReminderEntry> {
    const key = reminderKey(parts);
    const at = this.#at(now);
    return this.#write((v) => {
      const entry = pendingEntry(parts, v.entries.get(key), at);
      return { event: { t: "entries", entries: [entry] }, result: { ...entry } };
    });
  }

  /**
   * Several state changes in one write (the notifier's group commit): "pending" creates or resets an
   * entry (one more attempt), "sent" and "failed" change an existing one. Applied in order; an unknown
   * key for "sent"/"failed" is an error and nothing is written.
   */
  applyBatch(ops: readonly ReminderLogOp[], now?: Date): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    const at = this.#at(now);
    const prepared = ops.map((op) => (op.op === "pending" ? { ...op, key: reminderKey(op.parts) } : op));
    return this.#write((v) => {
      const draft = new Map<string, ReminderEntry>();
      for (const op of prepared) {
        const prev = draft.get(op.key) ?? v.entries.get(op.key);
        if (op.op === "pending") {
          draft.set(op.key, pendingEntry(op.parts, prev, at));
          continue;
        }
        if (!prev) throw unknownKey(op.key);
        draft.set(
          op.key,
          op.op === "sent"
            ? {
                ...prev,
                state: "sent",
                updatedAt: at,
                sentAt: at,
                ...(op.messageId ? { messageId: op.messageId } : {}),
              }
            : { ...prev, state: "failed", updatedAt: at, lastError: op.error },
        );
      }
      return { event: { t: "entries", entries: [...draft.values()] }, result: undefined };
    });
  }

  /** `markPending` for several reminders in one write. */
  markPendingMany(list: readonly ReminderKeyParts[], now?: Date): Promise<void> {
    return this.applyBatch(
      list.map((parts) => ({ op: "pending", parts })),
      now,
    );
  }

  markSent(key: string, now?: Date, messageId?: string): Promise<ReminderEntry> {
    const at = this.#at(now);
    return this.#change(key, (e) => ({
      ...e,
      state: "sent",
      sentAt: at,
      updatedAt: at,
      ...(messageId ? { messageId } : {}),
    }));
  }

  /** `markSent` for several entries in one write (unknown keys are an error, nothing written). */
  markSentMany(list: ReadonlyArray<{ key: string; messageId?: string }>, now?: Date): Promise<void> {
    return this.applyBatch(
      list.map(({ key, messageId }) => ({ op: "sent", key, ...(messageId ? { messageId } : {}) })),
      now,
    );
  }

  markFailed(key: string, error: string, now?: Date): Promise<ReminderEntry> {
    const at = this.#at(now);
    return this.#change(key, (e) => ({ ...e, state: "failed", lastError: error, updatedAt: at }));
  }

  /** Drops entries whose occurrence is before `beforeDay` ("YYYY-MM-DD"); returns how many. */
  prune(beforeDay: string): Promise<number> {
    return this.#write((v) => {
      let n = 0;
      for (const e of v.entries.values()) if (e.occurrence < beforeDay) n++;
      return { event: n > 0 ? { t: "prune", beforeDay } : undefined, result: n };
    });
  }

  /**
   * Drops the entries of every occurrence none of whose entries was touched since `before` (an
   * instant); returns how many. The planner only ever looks at the latest reminder slot of an
   * occurrence, at most a few weeks old, so such occurrences can go without anything being sent again;
   * an occurrence still being reminded keeps all its entries (see `staleKeys`).
   */
  pruneStale(before: Date): Promise<number> {
    const limit = before.getTime();
    return this.#write((v) => {
      const n = staleKeys(v.entries, limit).length;
      return { event: n > 0 ? { t: "prune-stale", before: before.toISOString() } : undefined, result: n };
    });
  }

  /** Records an answer; returns it with its id. */
  addResponse(input: ResponseInput, now?: Date): Promise<ReminderResponse> {
    const at = this.#at(now);
    return this.#write((v) => {
      const r: ReminderResponse = { ...stripUndefined(input), id: `a${v.responseSeq + 1}`, at };
      return { event: { t: "response", response: r }, result: copyResponse(r) };
    });
  }

  /**
   * Records the decision on an extension request once: returns the updated answer, or `null` when
   * it was already decided (a second admin pressing the same button).
   */
  decideExtension(id: string, decision: ExtensionDecision): Promise<ReminderResponse | null> {
    return this.#write((v) => {
      const i = v.responseIndex.get(id);
      const r = i === undefined ? undefined : v.responses[i];
      if (r?.kind !== "extension") throw new StoreError("invalid", `Không có yêu cầu gia hạn "${id}".`);
      if (r.decision) return { event: undefined, result: null };
      const d = stripUndefined(decision);
      return { event: { t: "decision", id, decision: d }, result: copyResponse({ ...r, decision: d }) };
    });
  }

  /** Records escalations (keyed `${taskId}|${occurrence}|${unitId}`) in one write. */
  markEscalated(list: readonly Omit<Escalation, "at">[], now?: Date): Promise<void> {
    if (list.length === 0) return Promise.resolve();
    const at = this.#at(now);
    return this.#write(() => ({
      event: { t: "escalations", escalations: list.map((e) => ({ ...e, at })) },
      result: undefined,
    }));
  }

  async markDigest(kind: DigestKind, day: string): Promise<void> {
    await this.#write(() => ({ event: { t: "digest", kind, day }, result: undefined }));
  }

  #change(key: string, fn: (e: ReminderEntry) => ReminderEntry): Promise<ReminderEntry> {
    return this.#write((v) => {
      const prev = v.entries.get(key);
      if (!prev) throw unknownKey(key);
      const e = fn(prev);
      return { event: { t: "entries", entries: [e] }, result: { ...e } };
    });
  }

  #at(now?: Date): string {
    return (now ?? this.#clock.now()).toISOString();
  }

  /**
   * The write path: `build` reads the view and gives the event (validated here with zod) and the
   * result; the event's line is appended and fsynced, and only then applied to the view. If `build`
   * throws, validation fails or the append fails, nothing changes (in memory or on disk).
   */
  #write<R>(build: (v: ReminderView) => { event: ReminderEvent | undefined; result: R }): Promise<R> {
    if (!this.#file || this.#closed) return Promise.reject(this.#readOnlyError());
    return this.#queue.run(async () => {
      const file = this.#file;
      if (!file || this.#closed) throw this.#readOnlyError();
      const { event, result } = build(this.#view);
      if (!event) return result;
      const checked = safeParseVi(reminderEventSchema, event);
      if (!checked.success) {
        throw new StoreError(
          "invalid",
          `Thay đổi không được lưu: bản ghi nhật ký nhắc hạn không hợp lệ (${describeIssues(checked.error)}).`,
          { file: this.displayPath, cause: checked.error },
        );
      }
      const text = line(checked.data);
      await file.append(text);
      const problem = this.#view.apply(checked.data);
      if (problem) throw new StoreError("invalid", `Nhật ký nhắc hạn: ${problem}.`);
      const n = recordsOf(checked.data);
      this.#records += n;
      if (this.#tail) {
        this.#tail.text.push(text);
        this.#tail.records += n;
      }
      this.#afterWrite();
      return result;
    });
  }

  #readOnlyError(): StoreError {
    return new StoreError(
      "readonly",
      `Kho dữ liệu đang mở ở chế độ chỉ đọc (hoặc đã đóng); không ghi được ${this.displayPath}.`,
      { file: this.displayPath },
    );
  }

  // ------------------------------------------------------------ compaction

  /** Starts a background compaction when the file has grown enough, or retention has work. */
  #afterWrite(): void {
    if (!this.#opts.autoCompact || this.#compaction || this.#closed) return;
    // The file is then at least 1.5 times what a compaction would leave (a sent reminder leaves one
    // superseded "pending" record).
    const garbage = this.#records - this.#view.live();
    if (garbage >= Math.max(this.#opts.minGarbage, this.#view.live() / 2, this.#retryAtGarbage)) {
      this.#background(false);
      return;
    }
    if (this.#opts.retentionDays > 0) {
      const now = this.#clock.now().getTime();
      if (now - this.#lastRetentionCheck >= this.#opts.retentionCheckMs) {
        this.#lastRetentionCheck = now;
        this.#background(true);
      }
    }
  }

  #background(onlyIfRetention: boolean): void {
    const job = (async () => {
      // Off the caller's turn of the event loop: the write that triggered this resolves first.
      await new Promise((r) => setImmediate(r));
      if (this.#closed) return null;
      if (onlyIfRetention) {
        const pause = () => new Promise<void>((r) => setImmediate(r));
        if ((await seriesToDrop(this.#view, this.#cutoff(), pause)).size === 0) return null;
        if (this.#closed) return null;
      }
      return this.#compactNow();
    })();
    this.#compaction = job;
    job
      .catch((e: unknown) => {
        this.#retryAtGarbage = 2 * Math.max(this.#opts.minGarbage, this.#records - this.#view.live());
        if (!this.#closed) this.#warn(compactionFailed(this.displayPath, e));
      })
      .finally(() => {
        if (this.#compaction === job) this.#compaction = undefined;
      });
  }

  #cutoff(): number {
    return this.#opts.retentionDays > 0
      ? this.#clock.now().getTime() - this.#opts.retentionDays * 86_400_000
      : Number.NEGATIVE_INFINITY;
  }

  /**
   * Compacts now (after any compaction already running): the live view, minus what retention drops,
   * replaces the log atomically. Writes go on meanwhile (they wait only for the final swap).
   */
  async compact(): Promise<CompactionReport> {
    if (!this.#file || this.#closed) throw this.#readOnlyError();
    await this.#compaction?.catch(() => null);
    const job = this.#compactNow();
    this.#compaction = job;
    try {
      return await job;
    } finally {
      if (this.#compaction === job) this.#compaction = undefined;
    }
  }

  async #compactNow(): Promise<CompactionReport> {
    const file = this.#file;
    if (!file) throw this.#readOnlyError();
    const started = performance.now();
    const now = this.#clock.now();
    // 1. The snapshot, between two writes.
    const snap = await this.#queue.run(() => {
      if (this.#closed) throw this.#readOnlyError();
      this.#tail = { text: [], records: 0 };
      const v = this.#view;
      return {
        entries: new Map(v.entries),
        responses: [...v.responses],
        escalations: new Map(v.escalations),
        digests: { ...v.digests },
        responseSeq: v.responseSeq,
        records: this.#records,
        bytes: file.size,
        badLines: this.#badLines,
      };
    });
    const tmp = tempNameFor(file.file);
    try {
      // 2. Retention, on the snapshot.
      const drop = await seriesToDrop(snap, this.#cutoff(), () => new Promise((r) => setImmediate(r)));
      const dropped = { series: drop.size, entries: 0, responses: 0, escalations: 0 };
      // 3. The compacted file, written and fsynced off the queue (writes go on).
      let records = 0;
      const header: LogHeader = {
        ...(this.#header ?? {
          t: "header",
          format: REMINDER_LOG_FORMAT,
          version: 1,
          createdAt: now.toISOString(),
        }),
        compactedAt: now.toISOString(),
      };
      const closed = () => this.#closed;
      async function* lines(): AsyncGenerator<string> {
        yield line(header);
        yield line({ t: "meta", responseSeq: snap.responseSeq, digests: snap.digests });
        records++;
        let n = 0;
        const pause = async () => {
          if (++n % 2000 === 0) {
            await new Promise((r) => setImmediate(r));
            if (closed()) throw new StoreError("readonly", "Kho dữ liệu đã đóng; dừng thu gọn.");
          }
        };
        for (const e of snap.entries.values()) {
          if (drop.has(seriesOf(e))) {
            dropped.entries++;
            continue;
          }
          records++;
          yield line({ t: "entries", entries: [e] });
          await pause();
        }
        for (const r of snap.responses) {
          if (drop.has(seriesOf(r))) {
            dropped.responses++;
            continue;
          }
          records++;
          yield line({ t: "response", response: r });
          await pause();
        }
        for (const e of snap.escalations.values()) {
          if (drop.has(seriesOf(e))) {
            dropped.escalations++;
            continue;
          }
          records++;
          yield line({ t: "escalations", escalations: [e] });
          await pause();
        }
      }
      let bytes: number;
      try {
        bytes = await writeNewFile(this.#fs, tmp, lines());
      } catch (e) {
        await this.#fs.unlink(tmp).catch(() => {});
        throw e;
      }
      // 4. The swap, between two writes: what was appended meanwhile goes to the new file too.
      const keptDamaged = snap.badLines > 0 ? damagedName(file.file, now) : undefined;
      await this.#queue.run(async () => {
        const tail = this.#tail ?? { text: [], records: 0 };
        const { dirSynced } = await file.swap(tmp, bytes, tail.text.join(""), keptDamaged);
        if (!dirSynced) this.#warn(dirNotSynced(this.displayPath));
        // What retention dropped goes from memory too, unless written again since the snapshot.
        const v = this.#view;
        if (drop.size > 0) {
          for (const [k, e] of snap.entries)
            if (drop.has(seriesOf(e)) && v.entries.get(k) === e) v.entries.delete(k);
          const gone = new Set(snap.responses.filter((r) => drop.has(seriesOf(r))));
          if (gone.size) {
            v.responses = v.responses.filter((r) => !gone.has(r));
            v.reindex();
          }
          for (const [k, e] of snap.escalations)
            if (drop.has(seriesOf(e)) && v.escalations.get(k) === e) v.escalations.delete(k);
        }
        this.#records = records + tail.records;
        this.#badLines = 0;
        this.#header = header;
        this.#tail = undefined;
        this.#retryAtGarbage = 0;
      });
      const report: CompactionReport = {
        ms: Math.round((performance.now() - started) * 10) / 10,
        recordsBefore: snap.records,
        recordsAfter: this.#records,
        bytesBefore: snap.bytes,
        bytesAfter: file.size,
        dropped,
        ...(keptDamaged ? { keptDamaged } : {}),
      };
      if (keptDamaged || dropped.series > 0) this.#warn(compacted(this.displayPath, report));
      return report;
    } finally {
      this.#tail = undefined;
    }
  }

  /** Waits for the queued writes (a running compaction is stopped), then refuses further ones. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#compaction?.catch(() => null);
    await this.#queue.idle();
    await this.#file?.close();
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function compactionFailed(file: string, e: unknown): StoreWarning {
  const why = e instanceof StoreError ? e.message : fsReason(e);
  return {
    code: "compaction-failed",
    file,
    message: `Chưa thu gọn được ${file} (${why}); tệp hiện tại vẫn nguyên vẹn và vẫn được ghi tiếp, sẽ thử lại sau.`,
  };
}

function dirNotSynced(file: string): StoreWarning {
  return {
    code: "compaction-failed",
    file,
    message: `Đã thu gọn ${file} nhưng chưa đồng bộ được thư mục dữ liệu xuống đĩa; nếu mất điện ngay lúc này, bản trước khi thu gọn (vẫn trọn vẹn) có thể quay lại.`,
  };
}

function compacted(file: string, r: CompactionReport): StoreWarning {
  const d = r.dropped;
  const parts = [`Đã thu gọn ${file}: ${r.recordsBefore} → ${r.recordsAfter} bản ghi`];
  if (d.series > 0)
    parts.push(
      `bỏ chi tiết cũ của ${d.series} hạn nhiệm vụ đã xong (${d.entries} lượt gửi, ${d.responses} trả lời, ${d.escalations} lần báo lên)`,
    );
  if (r.keptDamaged) parts.push(`tệp cũ có dòng hỏng được giữ nguyên ở ${r.keptDamaged}`);
  return { code: "compacted", file, message: `${parts.join("; ")}.` };
}
