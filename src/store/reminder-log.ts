/**
 * The reminder send log (reminders.json): one entry per reminder that was (being) sent, so a
 * restart never sends the same reminder twice and failed sends can be retried.
 *
 * Flow for the notifier: skip when `get(key)?.state === "sent"`; `markPending(parts)` just before
 * sending (a "pending" entry found at start-up means the outcome is unknown: the process died
 * mid-send); then `markSent(key)` or `markFailed(key, error)`.
 *
 * The same file keeps what the reminders led to (all fields added later default to empty, so files
 * written before them still load):
 * - `responses`: the answers heads gave to reminders (done, in progress, extension request, help
 *   request), with who and when, and the secretariat's decision on an extension request;
 * - `escalations`: overdue tasks reported to the secretariat for lack of an answer;
 * - `digests`: the last day a daily digest / week a weekly digest went out (never twice).
 */
import { z } from "zod";
import { isoDateSchema } from "../core/knowledge/schema.ts";
import type { Clock } from "./clock.ts";
import { StoreError } from "./errors.ts";
import { instantSchema, type StoreFile } from "./json-file.ts";

export const REMINDERS_FILE = "reminders.json";

export interface ReminderKeyParts {
  /** The task's id. */
  taskId: string;
  /** The occurrence's due date "YYYY-MM-DD" (a recurring task has one per period). */
  occurrence: string;
  /** The recipient's user id ("telegram:123"). */
  recipientId: string;
  /** Days before the due date: 7 = a week before, 0 = on the day, -1 = the day after (overdue). */
  offset: number;
}

/**
 * The log key of one reminder: `${taskId}|${occurrence}|${recipientId}|${offset}`,
 * e.g. "t-3609-12|2024-06-30|telegram:123|7". No part may contain "|".
 */
export function reminderKey(parts: ReminderKeyParts): string {
  const { taskId, occurrence, recipientId, offset } = parts;
  if (!Number.isInteger(offset))
    throw new StoreError("invalid", `Độ lệch ngày nhắc phải là số nguyên: ${offset}.`);
  for (const p of [taskId, occurrence, recipientId]) {
    if (!p || p.includes("|"))
      throw new StoreError("invalid", `Thành phần khoá nhắc hạn không hợp lệ: "${p}".`);
  }
  return `${taskId}|${occurrence}|${recipientId}|${offset}`;
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

export const remindersFileSchema = z
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
export type RemindersFileData = z.infer<typeof remindersFileSchema>;

export const defaultRemindersFile = (): RemindersFileData => ({
  version: 1,
  entries: {},
  responses: [],
  responseSeq: 0,
  escalations: {},
  digests: {},
});

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

export class ReminderLog {
  readonly #file: StoreFile<RemindersFileData>;
  readonly #clock: Clock;

  constructor(file: StoreFile<RemindersFileData>, clock: Clock) {
    this.#file = file;
    this.#clock = clock;
  }

  /** Whether the reminder has an entry, in any state. */
  has(key: string): boolean {
    return Object.hasOwn(this.#file.data.entries, key);
  }

  get(key: string): ReminderEntry | undefined {
    const e = this.has(key) ? this.#file.data.entries[key] : undefined;
    return e && structuredClone(e);
  }

  /** The state of an entry without copying it (the planner asks this for every reminder). */
  stateOf(key: string): ReminderState | undefined {
    return Object.hasOwn(this.#file.data.entries, key) ? this.#file.data.entries[key]?.state : undefined;
  }

  /** Entries with their keys, optionally only in one state. */
  list(options: { state?: ReminderState } = {}): Array<ReminderEntry & { key: string }> {
    return Object.entries(this.#file.data.entries)
      .filter(([, e]) => !options.state || e.state === options.state)
      .map(([key, e]) => ({ key, ...structuredClone(e) }));
  }

  /** About to send: creates the entry or moves it back to "pending", counting one attempt. */
  async markPending(parts: ReminderKeyParts, now?: Date): Promise<ReminderEntry> {
    const key = reminderKey(parts);
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update((d) => {
      const prev = Object.hasOwn(d.entries, key) ? d.entries[key] : undefined;
      const entry = pendingEntry(parts, prev, at);
      d.entries[key] = entry;
      return structuredClone(entry);
    });
  }

  /**
   * Several state changes in one atomic write (the notifier's group commit): "pending" creates or
   * resets an entry (one more attempt), "sent" and "failed" change an existing one. Applied in order;
   * an unknown key for "sent"/"failed" is an error and nothing is written.
   */
  applyBatch(ops: readonly ReminderLogOp[], now?: Date): Promise<void> {
    if (ops.length === 0) return Promise.resolve();
    const at = (now ?? this.#clock.now()).toISOString();
    const prepared = ops.map((op) => (op.op === "pending" ? { ...op, key: reminderKey(op.parts) } : op));
    return this.#file.update((d) => {
      for (const op of prepared) {
        const prev = Object.hasOwn(d.entries, op.key) ? d.entries[op.key] : undefined;
        if (op.op === "pending") {
          d.entries[op.key] = pendingEntry(op.parts, prev, at);
          continue;
        }
        if (!prev) throw new StoreError("invalid", `Không có mục nhắc hạn "${op.key}" trong nhật ký gửi.`);
        prev.state = op.op;
        prev.updatedAt = at;
        if (op.op === "sent") {
          prev.sentAt = at;
          if (op.messageId) prev.messageId = op.messageId;
        } else {
          prev.lastError = op.error;
        }
      }
    });
  }

  /** `markPending` for several reminders in one atomic write. */
  markPendingMany(list: readonly ReminderKeyParts[], now?: Date): Promise<void> {
    if (list.length === 0) return Promise.resolve();
    const at = (now ?? this.#clock.now()).toISOString();
    const keyed = list.map((parts) => [reminderKey(parts), parts] as const);
    return this.#file.update((d) => {
      for (const [key, parts] of keyed) {
        const prev = Object.hasOwn(d.entries, key) ? d.entries[key] : undefined;
        d.entries[key] = pendingEntry(parts, prev, at);
      }
    });
  }

  markSent(key: string, now?: Date, messageId?: string): Promise<ReminderEntry> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#change(key, (e) => {
      e.state = "sent";
      e.sentAt = at;
      e.updatedAt = at;
      if (messageId) e.messageId = messageId;
    });
  }

  /** `markSent` for several entries in one atomic write (unknown keys are an error, nothing written). */
  markSentMany(list: ReadonlyArray<{ key: string; messageId?: string }>, now?: Date): Promise<void> {
    if (list.length === 0) return Promise.resolve();
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update((d) => {
      for (const { key, messageId } of list) {
        const e = Object.hasOwn(d.entries, key) ? d.entries[key] : undefined;
        if (!e) throw new StoreError("invalid", `Không có mục nhắc hạn "${key}" trong nhật ký gửi.`);
        e.state = "sent";
        e.sentAt = at;
        e.updatedAt = at;
        if (messageId) e.messageId = messageId;
      }
    });
  }

  markFailed(key: string, error: string, now?: Date): Promise<ReminderEntry> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#change(key, (e) => {
      e.state = "failed";
      e.lastError = error;
      e.updatedAt = at;
    });
  }

  /** Drops entries whose occurrence is before `beforeDay` ("YYYY-MM-DD"); returns how many. */
  prune(beforeDay: string): Promise<number> {
    return this.#file.update(
      (d) => {
        let n = 0;
        for (const [key, e] of Object.entries(d.entries)) {
          if (e.occurrence < beforeDay) {
            delete d.entries[key];
            n++;
          }
        }
        return n;
      },
      (n) => n > 0,
    );
  }

  /**
   * Drops entries not touched since `before` (an instant); returns how many. The planner only ever
   * looks at the latest reminder slot of an occurrence, at most a few weeks old, so entries older than
   * that can go without anything being sent again.
   */
  pruneStale(before: Date): Promise<number> {
    const limit = before.getTime();
    return this.#file.update(
      (d) => {
        let n = 0;
        for (const [key, e] of Object.entries(d.entries)) {
          if (Date.parse(e.updatedAt) < limit) {
            delete d.entries[key];
            n++;
          }
        }
        return n;
      },
      (n) => n > 0,
    );
  }

  // ------------------------------------------------------------ responses

  /** Records an answer; returns it with its id. */
  addResponse(input: ResponseInput, now?: Date): Promise<ReminderResponse> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update((d) => {
      d.responseSeq += 1;
      const r: ReminderResponse = { ...stripUndefined(input), id: `a${d.responseSeq}`, at };
      d.responses.push(r);
      return structuredClone(r);
    });
  }

  response(id: string): ReminderResponse | undefined {
    const r = this.#file.data.responses.find((x) => x.id === id);
    return r && structuredClone(r);
  }

  /** Answers, oldest first, optionally for one task (and occurrence) or one kind. */
  responses(filter: { taskId?: string; occurrence?: string; kind?: ResponseKind } = {}): ReminderResponse[] {
    return structuredClone(
      this.#file.data.responses.filter(
        (r) =>
          (!filter.taskId || r.taskId === filter.taskId) &&
          (!filter.occurrence || r.occurrence === filter.occurrence) &&
          (!filter.kind || r.kind === filter.kind),
      ),
    );
  }

  /**
   * Records the decision on an extension request once: returns the updated answer, or `null` when
   * it was already decided (a second admin pressing the same button).
   */
  decideExtension(id: string, decision: ExtensionDecision): Promise<ReminderResponse | null> {
    return this.#file.update(
      (d) => {
        const r = d.responses.find((x) => x.id === id);
        if (r?.kind !== "extension") throw new StoreError("invalid", `Không có yêu cầu gia hạn "${id}".`);
        if (r.decision) return null;
        r.decision = stripUndefined(decision);
        return structuredClone(r);
      },
      (r) => r !== null,
    );
  }

  // ------------------------------------------------------------ escalations and digests

  escalations(): Record<string, Escalation> {
    return structuredClone(this.#file.data.escalations);
  }

  /** Records escalations (keyed `${taskId}|${occurrence}|${unitId}`) in one write. */
  markEscalated(list: readonly Omit<Escalation, "at">[], now?: Date): Promise<void> {
    if (list.length === 0) return Promise.resolve();
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update((d) => {
      for (const e of list) d.escalations[`${e.taskId}|${e.occurrence}|${e.unitId}`] = { ...e, at };
    });
  }

  /** The last day (daily) or week's Monday (weekly) a digest was sent. */
  lastDigest(kind: DigestKind): string | undefined {
    return this.#file.data.digests[kind];
  }

  async markDigest(kind: DigestKind, day: string): Promise<void> {
    await this.#file.update((d) => {
      d.digests[kind] = day;
    });
  }

  #change(key: string, fn: (e: ReminderEntry) => void): Promise<ReminderEntry> {
    return this.#file.update((d) => {
      const e = Object.hasOwn(d.entries, key) ? d.entries[key] : undefined;
      if (!e) throw new StoreError("invalid", `Không có mục nhắc hạn "${key}" trong nhật ký gửi.`);
      fn(e);
      return structuredClone(e);
    });
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
