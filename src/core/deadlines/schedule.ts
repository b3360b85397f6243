/**
 * The due dates of a knowledge's tasks, worked out once per task list, so that a deadline question
 * over 10,000 tasks reads a sorted index instead of working out every task's dates again:
 * - `window`: the tasks with a due date in a window, as `occurrences` (and an extension) give them;
 * - `overdue`: the tasks overdue on a day, as `taskStatus` says;
 * - `nextDue`, `undated`: the nearest due date on or after a day, and the tasks without any
 *   (`effectiveDue`);
 * - `byDueThenTitle`, `dueThenTitle`: tasks by due date, then title in Vietnamese order (folded), the
 *   order task lists are shown in.
 *
 * Memoised on the identity of the task list (`scheduleOf(kb.data.tasks)`): a Knowledge never changes
 * its data after it is built, and a new knowledge (an edit, a reload) has a new list. Each answer is
 * the one the per-task functions give, in the order that a pass over the list followed by a stable sort
 * gives (test/core/deadlines/schedule.test.ts compares them task by task).
 *
 * Dates are day numbers (time.ts). What is known of a task without knowing the day of the question:
 * - the day it is listed at in a window: its extension, else its one-off due date; a task with a
 *   recurrence (and no extension) is listed at its recurrence's occurrences, the same for every task
 *   of that recurrence, worked out once per question;
 * - the day after which it is overdue: an open task's fixed due date (extension, else one-off); for a
 *   recurring task with a recorded completion, the occurrence after the one the completion covers.
 *   A recurring task without a completion is never overdue (its current occurrence is the first on or
 *   after today);
 * - its due date on a day: the fixed one; for a recurring task, the first occurrence on or after the day
 *   (the same for every task of the recurrence), or with a completion the occurrence it covers until
 *   that day has passed, the next one after.
 * A list with a date that is not a calendar day (data not validated) is answered task by task, as the
 * per-task functions do.
 */
import type { Recurrence, Task } from "../knowledge/schema.ts";
import { fold } from "../text/normalize.ts";
import { dayNumber, isoOfDay, parseIsoDate } from "../time.ts";
import { nextOccurrenceDay, occurrences } from "./due-date.ts";
import { effectiveDue, statusRecurrence, taskStatus } from "./status.ts";

/** A task listed in a window: its first due date there, and a recurring task's later ones. */
export interface WindowRow {
  task: Task;
  due: string;
  later: string[];
}

/** A task with a due date (overdue since it, or due next). */
export interface DueRow {
  task: Task;
  due: string;
}

/** Which tasks of the list count (an answer's filter); every task when absent. */
export type Keep = (task: Task) => boolean;

/** Days, sorted, with the position of the task each belongs to (ties in list order). */
interface DayIndex {
  days: Int32Array;
  at: Int32Array;
}

function dayIndex(entries: { day: number; at: number }[]): DayIndex {
  entries.sort((a, b) => a.day - b.day || a.at - b.at);
  return { days: Int32Array.from(entries, (e) => e.day), at: Int32Array.from(entries, (e) => e.at) };
}

/** The first index whose day is ≥ `day`. */
function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isDay = (iso: string): boolean => parseIsoDate(iso) !== null;

/** Rows by due date, then by position in the list (what a stable sort of a pass in list order gives). */
function byDueThenPosition<R extends { due: string }>(rows: { row: R; at: number }[]): R[] {
  rows.sort((a, b) => (a.row.due < b.row.due ? -1 : a.row.due > b.row.due ? 1 : a.at - b.at));
  return rows.map((r) => r.row);
}

/** The tasks (positions in the list) that follow one recurrence. */
interface RecurrenceGroup {
  rec: Recurrence;
  at: number[];
}

function groupBy(map: Map<string, RecurrenceGroup>, rec: Recurrence, at: number): void {
  const key =
    rec.kind === "yearly" ? `y${rec.month}/${rec.day}` : rec.kind === "monthly" ? `m${rec.day ?? ""}` : "q";
  const g = map.get(key);
  if (g) g.at.push(at);
  else map.set(key, { rec, at: [at] });
}

export class TaskSchedule {
  readonly tasks: readonly Task[];
  /** Whether every date of every task is a calendar day (else each question works task by task). */
  private readonly regular: boolean = true;
  /** Listed in a window at one day (extension, else one-off due date). */
  private readonly windowIndex: DayIndex;
  /** Listed in a window at their recurrence's occurrences (no extension, no one-off due date). */
  private readonly windowGroups = new Map<string, RecurrenceGroup>();
  /** With a recurrence and a one-off due date (and no extension): both are listed. */
  private readonly windowBoth: number[] = [];
  /** Overdue once a day has passed. */
  private readonly overdueIndex: DayIndex;
  /** Fixed due date (extension, else one-off due date), completed or not. */
  private readonly dueIndex: DayIndex;
  /** Recurring, without a fixed due date or a completion: due at the first occurrence on or after the day. */
  private readonly openGroups = new Map<string, RecurrenceGroup>();
  /** Recurring with a completion: the occurrence it covers, and the one after. */
  private readonly completed: { at: number; covered: number; after: number }[] = [];
  /** No due date on any day. */
  private readonly undatedAt: number[] = [];
  private ranks: Int32Array | undefined;
  private positions: Map<Task, number> | undefined;
  /** Tasks whose due date does not depend on the day, by (due date, title, position), with their days. */
  private fixedOrder: { at: Int32Array; days: Float64Array } | undefined;
  /** Every task in due-then-title order on the last day asked, and each task's place in it. */
  private order: { today: string; at: Int32Array; place: Int32Array } | undefined;

  constructor(tasks: readonly Task[]) {
    this.tasks = tasks;
    const inWindow: { day: number; at: number }[] = [];
    const overdue: { day: number; at: number }[] = [];
    const due: { day: number; at: number }[] = [];
    for (let at = 0; at < tasks.length; at++) {
      const t = tasks[at]!;
      const progress = t.progress ?? {};
      const dl = t.deadline;
      const dates = [progress.extendedTo, dl.due, progress.completedOn].filter((d) => d !== undefined);
      if (!dates.every(isDay)) {
        this.regular = false;
        break;
      }
      // In a window (answerDeadlines): the extension, else `occurrences` of the deadline.
      if (progress.extendedTo) inWindow.push({ day: dayNumber(progress.extendedTo), at });
      else if (dl.recurrence && dl.due) this.windowBoth.push(at);
      else if (dl.recurrence) groupBy(this.windowGroups, dl.recurrence, at);
      else if (dl.due) inWindow.push({ day: dayNumber(dl.due), at });
      // Status (taskStatus, effectiveDue): the extension, else the one-off due date, else a recurrence.
      const fixed = progress.extendedTo || dl.due;
      if (fixed) {
        const day = dayNumber(fixed);
        due.push({ day, at });
        if (!progress.completedOn) overdue.push({ day, at });
        continue;
      }
      const rec = statusRecurrence(t);
      if (!rec) this.undatedAt.push(at);
      else if (!progress.completedOn) groupBy(this.openGroups, rec, at);
      else {
        const covered = nextOccurrenceDay(rec, dayNumber(progress.completedOn));
        const after = nextOccurrenceDay(rec, covered + 1);
        this.completed.push({ at, covered, after });
        overdue.push({ day: after, at });
      }
    }
    this.windowIndex = dayIndex(inWindow);
    this.overdueIndex = dayIndex(overdue);
    this.dueIndex = dayIndex(due);
  }

  private kept(at: number, keep: Keep | undefined): Task | undefined {
    const t = this.tasks[at]!;
    return !keep || keep(t) ? t : undefined;
  }

  /**
   * The tasks kept with a due date in [from, to] (both included), each once, at its first due date there
   * with a recurring task's later ones; by due date, then list order.
   */
  window(from: string, to: string, keep?: Keep): WindowRow[] {
    const rows: { row: WindowRow; at: number }[] = [];
    const perTask = (at: number) => {
      const t = this.kept(at, keep);
      if (!t) return;
      const dates = t.progress.extendedTo
        ? [t.progress.extendedTo].filter((d) => d >= from && d <= to)
        : occurrences(t.deadline, from, to);
      if (dates.length) rows.push({ row: { task: t, due: dates[0]!, later: dates.slice(1) }, at });
    };
    if (!this.regular || !isDay(from) || !isDay(to)) {
      for (let at = 0; at < this.tasks.length; at++) perTask(at);
      return byDueThenPosition(rows);
    }
    const hi = dayNumber(to);
    const { days, at } = this.windowIndex;
    for (let i = lowerBound(days, dayNumber(from)); i < days.length && days[i]! <= hi; i++) {
      const t = this.kept(at[i]!, keep);
      if (t)
        rows.push({
          row: { task: t, due: (t.progress.extendedTo || t.deadline.due)!, later: [] },
          at: at[i]!,
        });
    }
    for (const g of this.windowGroups.values()) {
      const dates = occurrences({ recurrence: g.rec }, from, to);
      if (!dates.length) continue;
      for (const a of g.at) {
        const t = this.kept(a, keep);
        if (t) rows.push({ row: { task: t, due: dates[0]!, later: dates.slice(1) }, at: a });
      }
    }
    for (const a of this.windowBoth) perTask(a);
    return byDueThenPosition(rows);
  }

  /** The tasks kept that are overdue on `today` (taskStatus), by due date, then list order. */
  overdue(today: string, keep?: Keep): DueRow[] {
    if (!this.regular || !isDay(today)) {
      const rows: { row: DueRow; at: number }[] = [];
      this.tasks.forEach((t, at) => {
        if (keep && !keep(t)) return;
        const st = taskStatus(t, today);
        if (st.status === "overdue" && st.due) rows.push({ row: { task: t, due: st.due }, at });
      });
      return byDueThenPosition(rows);
    }
    // The index is in (day, position) order already.
    const rows: DueRow[] = [];
    const end = dayNumber(today);
    const { days, at } = this.overdueIndex;
    for (let i = 0; i < days.length && days[i]! < end; i++) {
      const t = this.kept(at[i]!, keep);
      if (t) rows.push({ task: t, due: t.progress.extendedTo || t.deadline.due || isoOfDay(days[i]!) });
    }
    return rows;
  }

  /** The kept task with the earliest due date (effectiveDue) on or after `today`; the first in list order on ties. */
  nextDue(today: string, keep?: Keep): DueRow | undefined {
    if (!this.regular || !isDay(today)) {
      let best: DueRow | undefined;
      for (const t of this.tasks) {
        if (keep && !keep(t)) continue;
        const due = effectiveDue(t, today);
        if (due && due >= today && (!best || due < best.due)) best = { task: t, due };
      }
      return best;
    }
    const day = dayNumber(today);
    let best: { day: number; at: number; task: Task } | undefined;
    const better = (d: number, a: number) => !best || d < best.day || (d === best.day && a < best.at);
    const { days, at } = this.dueIndex;
    for (let i = lowerBound(days, day); i < days.length; i++) {
      const t = this.kept(at[i]!, keep);
      if (t) {
        best = { day: days[i]!, at: at[i]!, task: t };
        break;
      }
    }
    for (const g of this.openGroups.values()) {
      const d = nextOccurrenceDay(g.rec, day);
      for (const a of g.at) {
        if (!better(d, a)) break;
        const t = this.kept(a, keep);
        if (t) {
          best = { day: d, at: a, task: t };
          break;
        }
      }
    }
    for (const c of this.completed) {
      const d = day <= c.covered ? c.covered : c.after;
      if (d < day || !better(d, c.at)) continue;
      const t = this.kept(c.at, keep);
      if (t) best = { day: d, at: c.at, task: t };
    }
    if (!best) return undefined;
    const t = best.task;
    return { task: t, due: t.progress.extendedTo || t.deadline.due || isoOfDay(best.day) };
  }

  /** How many kept tasks have no due date on `today` (effectiveDue). */
  undated(today: string, keep?: Keep): number {
    let n = 0;
    if (!this.regular) {
      for (const t of this.tasks) if ((!keep || keep(t)) && !effectiveDue(t, today)) n++;
      return n;
    }
    for (const a of this.undatedAt) if (this.kept(a, keep)) n++;
    return n;
  }

  /** A task's place in the order of folded titles (equal titles, equal places); undefined for a task not in the list. */
  titleRank(task: Task): number | undefined {
    this.positions ??= new Map(this.tasks.map((t, i) => [t, i]));
    const at = this.positions.get(task);
    return at === undefined ? undefined : this.rankAt(at);
  }

  private rankAt(at: number): number {
    if (!this.ranks) {
      const folded = this.tasks.map((t) => fold(t.title));
      const order = folded
        .map((_, i) => i)
        .sort((a, b) => (folded[a]! < folded[b]! ? -1 : folded[a]! > folded[b]! ? 1 : 0));
      const ranks = new Int32Array(this.tasks.length);
      for (let k = 1; k < order.length; k++)
        ranks[order[k]!] = folded[order[k]!] === folded[order[k - 1]!] ? ranks[order[k - 1]!]! : k;
      this.ranks = ranks;
    }
    return this.ranks[at]!;
  }

  /**
   * A comparator of the list's tasks by due date on `today` (effectiveDue; none last), then folded
   * title: equal keys keep their order. (Comparing "<due or 9999>|<folded title>" as text, as this
   * order was first written, is the same.)
   */
  dueThenTitle(today: string): (a: Task, b: Task) => number {
    const keys = new Map<Task, string>();
    const keyOf = (t: Task) => {
      let k = keys.get(t);
      if (k === undefined) {
        k = `${effectiveDue(t, today) ?? "9999"}|`;
        keys.set(t, k);
      }
      return k;
    };
    return (a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      if (ka !== kb) return ka < kb ? -1 : 1;
      const ra = this.titleRank(a);
      const rb = this.titleRank(b);
      if (ra !== undefined && rb !== undefined) return ra - rb;
      const fa = fold(a.title);
      const fb = fold(b.title);
      return fa < fb ? -1 : fa > fb ? 1 : 0;
    };
  }

  /** The kept tasks in `dueThenTitle(today)` order (ties in list order). */
  byDueThenTitle(today: string, keep?: Keep): Task[] {
    if (!this.regular || !isDay(today))
      return this.tasks.filter((t) => !keep || keep(t)).sort(this.dueThenTitle(today));
    const out: Task[] = [];
    for (const a of this.orderOn(today)) {
      const t = this.kept(a, keep);
      if (t) out.push(t);
    }
    return out;
  }

  /**
   * Some tasks of the list in the order `byDueThenTitle` lists them: the order a stable sort by
   * `dueThenTitle(today)` gives them when they are given in list order (in any order, each once).
   */
  sortByDueThenTitle(today: string, tasks: readonly Task[]): Task[] {
    const positions = this.positionsOf(tasks);
    if (!this.regular || !isDay(today) || !positions) return [...tasks].sort(this.dueThenTitle(today));
    this.orderOn(today);
    const place = this.order!.place;
    return positions.sort((a, b) => place[a]! - place[b]!).map((a) => this.tasks[a]!);
  }

  /** Tasks of the list in list order, each once: `tasks.filter((t) => those.has(t))` without the pass. */
  inListOrder(those: Iterable<Task>): Task[] {
    const set = new Set(those);
    const positions = this.positionsOf([...set]);
    if (!positions) return this.tasks.filter((t) => set.has(t));
    return positions.sort((a, b) => a - b).map((a) => this.tasks[a]!);
  }

  /** The positions of tasks in the list; undefined when one is not in it. */
  private positionsOf(tasks: readonly Task[]): number[] | undefined {
    this.positions ??= new Map(this.tasks.map((t, i) => [t, i]));
    const out: number[] = [];
    for (const t of tasks) {
      const at = this.positions.get(t);
      if (at === undefined) return undefined;
      out.push(at);
    }
    return out;
  }

  /**
   * Every position in `dueThenTitle(today)` order: the tasks whose due date does not depend on the day,
   * sorted once, merged with the recurring ones sorted for the day. The last day asked is kept.
   */
  private orderOn(today: string): Int32Array {
    if (this.order?.today === today) return this.order.at;
    this.order = undefined;
    // Due dates as day numbers, none last: the order of the "<due or 9999>|" keys.
    const compare = (da: number, a: number, db: number, b: number) =>
      da - db || this.rankAt(a) - this.rankAt(b) || a - b;
    if (!this.fixedOrder) {
      const moving = new Set<number>(this.completed.map((c) => c.at));
      for (const g of this.openGroups.values()) for (const a of g.at) moving.add(a);
      const days = new Float64Array(this.tasks.length);
      const fixed: number[] = [];
      for (let a = 0; a < this.tasks.length; a++) {
        if (moving.has(a)) continue;
        const t = this.tasks[a]!;
        const due = t.progress.extendedTo || t.deadline.due;
        days[a] = due ? dayNumber(due) : Number.POSITIVE_INFINITY;
        fixed.push(a);
      }
      fixed.sort((a, b) => compare(days[a]!, a, days[b]!, b));
      this.fixedOrder = { at: Int32Array.from(fixed), days: Float64Array.from(fixed, (a) => days[a]!) };
    }
    const day = dayNumber(today);
    const moving: { d: number; a: number }[] = [];
    for (const g of this.openGroups.values()) {
      const d = nextOccurrenceDay(g.rec, day);
      for (const a of g.at) moving.push({ d, a });
    }
    for (const c of this.completed) moving.push({ d: day <= c.covered ? c.covered : c.after, a: c.at });
    moving.sort((x, y) => compare(x.d, x.a, y.d, y.a));
    const { at: fixed, days } = this.fixedOrder;
    const order = new Int32Array(fixed.length + moving.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < order.length; k++) {
      const m = moving[j];
      const takeFixed = m === undefined || (i < fixed.length && compare(days[i]!, fixed[i]!, m.d, m.a) < 0);
      order[k] = takeFixed ? fixed[i++]! : moving[j++]!.a;
    }
    const place = new Int32Array(order.length);
    order.forEach((a, k) => {
      place[a] = k;
    });
    this.order = { today, at: order, place };
    return order;
  }
}

const schedules = new WeakMap<readonly Task[], TaskSchedule>();

/** The schedule of a task list, made by the first question that needs it and kept with the list. */
export function scheduleOf(tasks: readonly Task[]): TaskSchedule {
  let s = schedules.get(tasks);
  if (!s) {
    s = new TaskSchedule(tasks);
    schedules.set(tasks, s);
  }
  return s;
}
