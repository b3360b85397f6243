/**
 * Escalation (pure): overdue tasks whose reminders got no answer are reported to the secretariat.
 *
 * Rule, per lead unit of an overdue task (its current due date, as the planner uses it):
 * - the unit's last answer is the latest response recorded for that task and due date by a user of
 *   that unit (any kind: done, in progress, extension request, help request);
 * - the first unanswered reminder is the earliest overdue reminder sent to someone of the unit after
 *   that answer (or ever, without an answer);
 * - when `after` working days (REMINDER_ESCALATE_AFTER) or more have passed since the day of that
 *   reminder, the unit is escalated, once per first-unanswered reminder: if the unit answers and later
 *   falls silent again, a new escalation follows.
 */
import type { Knowledge } from "../knowledge/model.ts";
import { localDate } from "../time.ts";
import { kindOf, reminderDue } from "./planner.ts";
import { WorkCalendar } from "./workdays.ts";

export interface SentEntry {
  taskId: string;
  occurrence: string;
  recipientId: string;
  offset: number;
  state: string;
  sentAt?: string | undefined;
}

export interface AnswerEntry {
  taskId: string;
  occurrence: string;
  unitId?: string | undefined;
  at: string;
}

export interface EscalationInput {
  today: string;
  knowledge: Knowledge;
  entries: readonly SentEntry[];
  responses: readonly AnswerEntry[];
  /** Escalations already made, keyed `${taskId}|${occurrence}|${unitId}`. */
  escalations: Readonly<Record<string, { since: string }>>;
  /** user id → unit id (the recipients of the entries). */
  unitOfUser: ReadonlyMap<string, string>;
  /** Working days without an answer before escalating. */
  after: number;
  holidays?: Iterable<string>;
}

export interface DueEscalation {
  taskId: string;
  occurrence: string;
  unitId: string;
  /** The day of the first unanswered overdue reminder. */
  since: string;
  /** Working days from `since` to today. */
  workingDays: number;
  daysOverdue: number;
}

export function escalationKey(e: { taskId: string; occurrence: string; unitId: string }): string {
  return `${e.taskId}|${e.occurrence}|${e.unitId}`;
}

export function planEscalations(input: EscalationInput): DueEscalation[] {
  const cal = new WorkCalendar(input.holidays ?? input.knowledge.holidays);
  const { today } = input;
  // first sent overdue reminder instants per task|occurrence|unit, sorted later
  const sent = new Map<string, string[]>();
  for (const e of input.entries) {
    if (e.offset >= 0 || e.state !== "sent" || !e.sentAt) continue;
    const unitId = input.unitOfUser.get(e.recipientId);
    if (!unitId) continue;
    const k = escalationKey({ taskId: e.taskId, occurrence: e.occurrence, unitId });
    let list = sent.get(k);
    if (!list) {
      list = [];
      sent.set(k, list);
    }
    list.push(e.sentAt);
  }
  if (sent.size === 0) return [];
  const lastAnswer = new Map<string, string>();
  for (const r of input.responses) {
    if (!r.unitId) continue;
    const k = escalationKey({ taskId: r.taskId, occurrence: r.occurrence, unitId: r.unitId });
    const prev = lastAnswer.get(k);
    if (!prev || Date.parse(r.at) > Date.parse(prev)) lastAnswer.set(k, r.at);
  }
  const out: DueEscalation[] = [];
  for (const [k, instants] of sent) {
    const [taskId, occurrence, unitId] = k.split("|") as [string, string, string];
    const task = input.knowledge.task(taskId);
    if (!task || reminderDue(task, today) !== occurrence || occurrence >= today) continue;
    const answered = lastAnswer.get(k);
    const after = answered ? Date.parse(answered) : Number.NEGATIVE_INFINITY;
    const unanswered = instants.map((s) => Date.parse(s)).filter((t) => t > after);
    if (unanswered.length === 0) continue;
    const since = localDate(new Date(Math.min(...unanswered)));
    const workingDays = cal.workingDaysBetween(since, today);
    if (workingDays < input.after) continue;
    const done = input.escalations[k];
    if (done && done.since >= since) continue;
    out.push({ taskId, occurrence, unitId, since, workingDays, daysOverdue: kindOf(today, occurrence).days });
  }
  return out.sort(
    (a, b) =>
      b.daysOverdue - a.daysOverdue || a.taskId.localeCompare(b.taskId) || a.unitId.localeCompare(b.unitId),
  );
}
