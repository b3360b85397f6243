/**
 * Task status as Vietnamese task tracking reports it (hoàn thành đúng hạn, hoàn thành quá hạn,
 * chưa hoàn thành – trong hạn, chưa hoàn thành – quá hạn), plus "no deadline" for continuous work.
 *
 * The due date that counts (`effectiveDue`):
 * 1. an approved extension (`progress.extendedTo`);
 * 2. else the one-off `deadline.due`;
 * 3. else, for a recurring deadline, the occurrence being worked on (see below);
 * There is no fourth rule: a due date is never guessed from `deadline.text` here. The shipped knowledge
 * writes `due` where its source gives one, and imports compute it when they read a plan; a text such
 * as "Trong năm 2023 (bài viết không nêu hạn cụ thể)" must stay without a due date.
 *
 * Recurring tasks (kept simple): a completion recorded on day C covers the occurrence whose due date is
 * the first on or after C. While that occurrence has not passed (today ≤ its due date), the task is
 * "done-on-time" for it; after it, the next occurrence is the one being worked on, and it is overdue once
 * its due date is past. Without any completion, the occurrence being worked on is the first on or after
 * today, so a recurring task without a record is never overdue. A late completion therefore counts for the
 * following occurrence: record a late completion as a one-off extension instead if it matters.
 */
import type { Recurrence, Task } from "../knowledge/schema.ts";
import { addDays, diffDays } from "../time.ts";
import { nextOccurrence, parseDeadline } from "./due-date.ts";

export type TaskStatus = "done-on-time" | "done-late" | "in-progress" | "overdue" | "no-deadline";

export const STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  "done-on-time": "Hoàn thành đúng hạn",
  "done-late": "Hoàn thành quá hạn",
  "in-progress": "Đang thực hiện – trong hạn",
  overdue: "Quá hạn",
  "no-deadline": "Chưa có hạn (thường xuyên)",
};

/** Statuses in the order reports list them: what needs attention first. */
export const STATUS_ORDER: readonly TaskStatus[] = [
  "overdue",
  "in-progress",
  "no-deadline",
  "done-late",
  "done-on-time",
];

export interface TaskStatusInfo {
  status: TaskStatus;
  /** The due date the status is measured against. */
  due?: string;
  /** in-progress: days from today to the due date (0 = due today). */
  daysLeft?: number;
  /** overdue: days past the due date; done-late: days the completion came after it. */
  daysOverdue?: number;
  /** done-*: the recorded completion day. */
  completedOn?: string;
}

/** The parts of a task the status needs (a full `Task` fits). */
export type StatusTask = Pick<Task, "deadline"> & {
  progress?: Task["progress"];
  year?: number;
};

interface Resolved {
  due?: string;
  /** Whether `due` is an occurrence of a recurring deadline. */
  recurring?: boolean;
  /** For a recurring task: whether `due` is the occurrence already covered by the completion. */
  covered?: boolean;
}

/** Recurrences read from deadline texts, per deadline object (with the text and year they were read from). */
const parsedRecurrences = new WeakMap<object, { text: string; year?: number; rec?: Recurrence }>();

/**
 * The recurrence a task without a fixed due date follows: the recorded one, else one its text states
 * ("Hằng năm 10/10"; continuous work has none). The text is read once per deadline, not on every question.
 */
export function statusRecurrence(task: StatusTask): Recurrence | undefined {
  const dl = task.deadline;
  if (dl.recurrence != null) return dl.recurrence;
  if (dl.continuous) return undefined;
  const memo = parsedRecurrences.get(dl);
  if (memo && memo.text === dl.text && memo.year === task.year) return memo.rec;
  const rec = parseDeadline(dl.text, yearCtx(task)).recurrence;
  const entry: { text: string; year?: number; rec?: Recurrence } = { text: dl.text };
  if (task.year !== undefined) entry.year = task.year;
  if (rec) entry.rec = rec;
  parsedRecurrences.set(dl, entry);
  return rec;
}

function resolve(task: StatusTask, today: string): Resolved {
  const progress = task.progress ?? {};
  if (progress.extendedTo) return { due: progress.extendedTo };
  const dl = task.deadline;
  if (dl.due) return { due: dl.due };
  const rec = statusRecurrence(task);
  if (rec) {
    if (progress.completedOn) {
      const covered = nextOccurrence(rec, progress.completedOn);
      if (today <= covered) return { due: covered, recurring: true, covered: true };
      return { due: nextOccurrence(rec, addDays(covered, 1)), recurring: true };
    }
    return { due: nextOccurrence(rec, today), recurring: true };
  }
  return {};
}

function yearCtx(task: StatusTask): { year?: number } {
  return task.year !== undefined ? { year: task.year } : {};
}

/** The due date that counts today (see the module comment), or undefined when there is none. */
export function effectiveDue(task: StatusTask, todayIso: string): string | undefined {
  return resolve(task, todayIso).due;
}

/** The status of a task today, with the numbers a report shows. */
export function taskStatus(task: StatusTask, todayIso: string): TaskStatusInfo {
  const { due, recurring, covered } = resolve(task, todayIso);
  const completedOn = task.progress?.completedOn;
  if (recurring) {
    if (covered) return { status: "done-on-time", due: due!, completedOn: completedOn! };
    return open(due!, todayIso);
  }
  if (completedOn) {
    if (!due || completedOn <= due) {
      const info: TaskStatusInfo = { status: "done-on-time", completedOn };
      if (due) info.due = due;
      return info;
    }
    return { status: "done-late", due, completedOn, daysOverdue: diffDays(due, completedOn) };
  }
  if (!due) return { status: "no-deadline" };
  return open(due, todayIso);
}

function open(due: string, today: string): TaskStatusInfo {
  const d = diffDays(today, due);
  return d >= 0 ? { status: "in-progress", due, daysLeft: d } : { status: "overdue", due, daysOverdue: -d };
}
