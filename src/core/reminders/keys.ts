/**
 * The key of one reminder in the send log: the planner looks reminders up by it and the store records
 * them under it (src/store/reminder-log.ts imports it from here: the core knows no store).
 */

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

/** A part of a key that cannot be one (the store turns it into its own "invalid" error). */
export class ReminderKeyError extends Error {}

/**
 * The log key of one reminder: `${taskId}|${occurrence}|${recipientId}|${offset}`,
 * e.g. "t-3609-12|2024-06-30|telegram:123|7". No part may contain "|".
 */
export function reminderKey(parts: ReminderKeyParts): string {
  const { taskId, occurrence, recipientId, offset } = parts;
  if (!Number.isInteger(offset))
    throw new ReminderKeyError(`Độ lệch ngày nhắc phải là số nguyên: ${offset}.`);
  for (const p of [taskId, occurrence, recipientId]) {
    if (!p || p.includes("|")) throw new ReminderKeyError(`Thành phần khoá nhắc hạn không hợp lệ: "${p}".`);
  }
  return `${taskId}|${occurrence}|${recipientId}|${offset}`;
}
