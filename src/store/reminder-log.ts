/**
 * The reminder send log (reminders.json): one entry per reminder that was (being) sent, so a
 * restart never sends the same reminder twice and failed sends can be retried.
 *
 * Flow for the notifier: skip when `get(key)?.state === "sent"`; `markPending(parts)` just before
 * sending (a "pending" entry found at start-up means the outcome is unknown: the process died
 * mid-send); then `markSent(key)` or `markFailed(key, error)`.
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
});
export type ReminderEntry = z.infer<typeof reminderEntrySchema>;

export const remindersFileSchema = z
  .strictObject({ version: z.literal(1), entries: z.record(z.string(), reminderEntrySchema) })
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

export const defaultRemindersFile = (): RemindersFileData => ({ version: 1, entries: {} });

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
      const entry: ReminderEntry = {
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
      d.entries[key] = entry;
      return structuredClone(entry);
    });
  }

  markSent(key: string, now?: Date): Promise<ReminderEntry> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#change(key, (e) => {
      e.state = "sent";
      e.sentAt = at;
      e.updatedAt = at;
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

  #change(key: string, fn: (e: ReminderEntry) => void): Promise<ReminderEntry> {
    return this.#file.update((d) => {
      const e = Object.hasOwn(d.entries, key) ? d.entries[key] : undefined;
      if (!e) throw new StoreError("invalid", `Không có mục nhắc hạn "${key}" trong nhật ký gửi.`);
      fn(e);
      return structuredClone(e);
    });
  }
}
