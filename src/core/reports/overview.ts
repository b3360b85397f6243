/**
 * The leaders' overview: for each provincial unit that leads at least one task, how many of its tasks
 * are in each status (the four official ones plus "chưa có hạn"), a colour (đỏ / cam / xanh) by
 * configurable rules, the worst units first, a totals line and the tasks overdue the longest.
 *
 * Pure: the knowledge, today's calendar day and the rules come in; nothing is read from the clock.
 *
 * Counting
 * - A unit counts the tasks it leads (chủ trì), including those assigned to a group it belongs to
 *   (a task for "các cơ quan, đơn vị, địa phương" counts once for each member unit).
 * - The totals count each task once (a group task is one task however many units it applies to), so a
 *   column of unit rows can add up to more than the total.
 * - Only the province's own units are listed (national bodies lead tasks too, but are not followed here).
 * - Units change (mergers, closures): a past year is shown with the units of its last day, the current
 *   period with today's; a merged unit's open tasks count for its successor (knowledge/model.ts).
 *
 * Year filter (`year`): a task belongs to year Y when its `year` is Y, or its due date (written or
 * extended) falls in Y, or it is ongoing work with neither a year nor any due date. A recurring task
 * belongs to every year in which it has an occurrence; its status is that of its occurrence in Y:
 * - when the occurrence being worked on today (deadlines/status.ts) falls in Y, the usual status;
 * - for a year already past for the task, its last occurrence in Y: "hoàn thành đúng hạn" when the
 *   recorded completion covers it, "hoàn thành quá hạn" when the completion came after it but before
 *   the following occurrence, otherwise "quá hạn" (no completion is recorded for that occurrence);
 * - for a year still to come, its first occurrence in Y, "đang thực hiện".
 *
 * Colours (defaults; OVERVIEW_* variables change them):
 * - đỏ: a task overdue by more than `redOverdueDays` (30) days, or more than `redOverdueShare` (20) % of
 *   the unit's tasks overdue;
 * - cam: any task overdue, or any task due within `orangeDueDays` (7) days (today counts as day 0);
 * - xanh: otherwise.
 */
import { nextOccurrence, occurrences, parseDeadline } from "../deadlines/due-date.ts";
import { type TaskStatus, type TaskStatusInfo, taskStatus } from "../deadlines/status.ts";
import { finishedBefore, type Knowledge } from "../knowledge/model.ts";
import type { Recurrence, Task, Unit } from "../knowledge/schema.ts";
import { addDays, diffDays, formatViDate } from "../time.ts";

export type UnitColour = "red" | "orange" | "green";

/** "đỏ", "cam", "xanh". */
export const COLOUR_LABELS: Readonly<Record<UnitColour, string>> = {
  red: "đỏ",
  orange: "cam",
  green: "xanh",
};

/** Marks that every chat app shows in colour. */
export const COLOUR_MARKS: Readonly<Record<UnitColour, string>> = {
  red: "🔴",
  orange: "🟠",
  green: "🟢",
};

const COLOUR_RANK: Readonly<Record<UnitColour, number>> = { red: 0, orange: 1, green: 2 };

export interface OverviewRules {
  /** Red when a task is overdue by more than this many days. */
  redOverdueDays: number;
  /** Red when more than this percentage of the unit's tasks is overdue. */
  redOverdueShare: number;
  /** Orange when a task is due within this many days (0 = today). */
  orangeDueDays: number;
}

export const DEFAULT_OVERVIEW_RULES: Readonly<OverviewRules> = {
  redOverdueDays: 30,
  redOverdueShare: 20,
  orangeDueDays: 7,
};

/** The rules from the configuration (OVERVIEW_RED_OVERDUE_DAYS, OVERVIEW_RED_OVERDUE_SHARE, OVERVIEW_ORANGE_DUE_DAYS). */
export function overviewRulesFromConfig(config: {
  OVERVIEW_RED_OVERDUE_DAYS: number;
  OVERVIEW_RED_OVERDUE_SHARE: number;
  OVERVIEW_ORANGE_DUE_DAYS: number;
}): OverviewRules {
  return {
    redOverdueDays: config.OVERVIEW_RED_OVERDUE_DAYS,
    redOverdueShare: config.OVERVIEW_RED_OVERDUE_SHARE,
    orangeDueDays: config.OVERVIEW_ORANGE_DUE_DAYS,
  };
}

export type StatusCounts = Record<TaskStatus, number>;

export function emptyCounts(): StatusCounts {
  return { "done-on-time": 0, "done-late": 0, "in-progress": 0, overdue: 0, "no-deadline": 0 };
}

/** A task with its status for the overview. */
export interface TaskWithStatus {
  task: Task;
  status: TaskStatusInfo;
}

export interface UnitOverview {
  unit: Unit;
  counts: StatusCounts;
  total: number;
  /** Overdue tasks / all tasks, 0–1. */
  overdueShare: number;
  /** Days past due of the task overdue the longest (0 when none is overdue). */
  worstOverdueDays: number;
  /** Tasks in progress due within `orangeDueDays` days. */
  dueSoon: number;
  colour: UnitColour;
  /** Why the colour: "có nhiệm vụ quá hạn 45 ngày", "25% nhiệm vụ quá hạn"… */
  reason: string;
  /** The unit's tasks (it leads them), most urgent first. */
  tasks: TaskWithStatus[];
}

export interface OverdueItem {
  taskId: string;
  title: string;
  /** Lead units as written: "Sở Thông tin và Truyền thông", "các cơ quan, đơn vị, địa phương". */
  unitNames: string;
  /** Provincial lead units (group members expanded). */
  unitIds: string[];
  due: string;
  daysOverdue: number;
}

export interface Overview {
  today: string;
  year?: number;
  rules: OverviewRules;
  /** Worst first: red, orange, green; then by overdue count. */
  units: UnitOverview[];
  /** Each task once (see the module comment). */
  totals: { counts: StatusCounts; total: number; overdueShare: number };
  colourCounts: Record<UnitColour, number>;
  /** Tasks overdue the longest (each task once). */
  topOverdue: OverdueItem[];
}

export interface OverviewOptions {
  year?: number;
  rules?: Partial<OverviewRules>;
  /** How many overdue tasks to list (default 5). */
  topN?: number;
}

// ---------------------------------------------------------------- year filter

function recurrenceOf(task: Task): Recurrence | undefined {
  if (task.progress?.extendedTo || task.deadline.due) return undefined;
  const dl = task.deadline;
  if (dl.recurrence) return dl.recurrence;
  if (dl.continuous) return undefined;
  return parseDeadline(dl.text, task.year !== undefined ? { year: task.year } : {}).recurrence;
}

function yearOf(iso: string | undefined): number | undefined {
  return iso ? Number(iso.slice(0, 4)) : undefined;
}

/**
 * The status of a task for an overview of `year` (all years when undefined), or undefined when the
 * task does not belong to that year. See the module comment.
 */
export function statusInYear(task: Task, todayIso: string, year?: number): TaskStatusInfo | undefined {
  const current = taskStatus(task, todayIso);
  if (year === undefined) return current;
  const rec = recurrenceOf(task);
  if (!rec) {
    const dl = task.deadline;
    const ext = task.progress?.extendedTo;
    const belongs =
      task.year === year ||
      yearOf(dl.due) === year ||
      yearOf(ext) === year ||
      (task.year === undefined && !dl.due && !ext);
    return belongs ? current : undefined;
  }
  if (yearOf(current.due) === year) return current;
  const inYear = occurrences({ recurrence: rec }, `${year}-01-01`, `${year}-12-31`);
  if (inYear.length === 0) return undefined;
  if (current.due && current.due < `${year}-01-01`) {
    // A year still to come for this task.
    const due = inYear[0]!;
    return { status: "in-progress", due, daysLeft: diffDays(todayIso, due) };
  }
  // A year already past for this task: its last occurrence in that year.
  const due = inYear[inYear.length - 1]!;
  const completedOn = task.progress?.completedOn;
  if (completedOn) {
    if (completedOn <= due && nextOccurrence(rec, completedOn) === due)
      return { status: "done-on-time", due, completedOn };
    if (completedOn > due && completedOn <= nextOccurrence(rec, addDays(due, 1)))
      return { status: "done-late", due, completedOn, daysOverdue: diffDays(due, completedOn) };
  }
  if (due >= todayIso) return { status: "in-progress", due, daysLeft: diffDays(todayIso, due) };
  return { status: "overdue", due, daysOverdue: diffDays(due, todayIso) };
}

// ---------------------------------------------------------------- colours

/** Vietnamese percentage: 0.25 → "25%", 1/3 → "33,3%". */
export function viPercent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${String(p).replace(".", ",")}%`;
}

/** The colour of a set of task statuses, with the reason in Vietnamese. */
export function colourOf(
  statuses: TaskStatusInfo[],
  rules: OverviewRules = DEFAULT_OVERVIEW_RULES,
): { colour: UnitColour; reason: string } {
  const total = statuses.length;
  const overdue = statuses.filter((s) => s.status === "overdue");
  const worst = Math.max(0, ...overdue.map((s) => s.daysOverdue ?? 0));
  const dueSoon = statuses.filter(
    (s) => s.status === "in-progress" && (s.daysLeft ?? Number.POSITIVE_INFINITY) <= rules.orangeDueDays,
  ).length;
  if (worst > rules.redOverdueDays)
    return {
      colour: "red",
      reason: `có nhiệm vụ quá hạn ${worst} ngày (quá ${rules.redOverdueDays} ngày)`,
    };
  // Integer comparison: more than redOverdueShare % of the tasks.
  if (total > 0 && overdue.length * 100 > rules.redOverdueShare * total)
    return {
      colour: "red",
      reason: `${viPercent(overdue.length / total)} nhiệm vụ quá hạn (trên ${rules.redOverdueShare}%)`,
    };
  if (overdue.length > 0) return { colour: "orange", reason: `có ${overdue.length} nhiệm vụ quá hạn` };
  if (dueSoon > 0)
    return {
      colour: "orange",
      reason: `có ${dueSoon} nhiệm vụ đến hạn trong ${rules.orangeDueDays} ngày tới`,
    };
  return { colour: "green", reason: "không có nhiệm vụ quá hạn hay sắp đến hạn" };
}

/** Most urgent first: overdue (longest first), then in progress (soonest first), then the rest. */
export function byUrgency(a: TaskWithStatus, b: TaskWithStatus): number {
  const rank = (s: TaskStatusInfo) =>
    s.status === "overdue" ? 0 : s.status === "in-progress" ? 1 : s.status === "no-deadline" ? 2 : 3;
  const ra = rank(a.status);
  const rb = rank(b.status);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (b.status.daysOverdue ?? 0) - (a.status.daysOverdue ?? 0);
  const da = a.status.due ?? "9999-12-31";
  const db = b.status.due ?? "9999-12-31";
  if (da !== db) return da < db ? -1 : 1;
  return a.task.title.localeCompare(b.task.title, "vi");
}

/** A unit's line of the overview from its tasks and their statuses. */
export function summarize(unit: Unit, tasks: TaskWithStatus[], rules: OverviewRules): UnitOverview {
  const counts = emptyCounts();
  for (const t of tasks) counts[t.status.status]++;
  const total = tasks.length;
  const statuses = tasks.map((t) => t.status);
  const { colour, reason } = colourOf(statuses, rules);
  return {
    unit,
    counts,
    total,
    overdueShare: total ? counts.overdue / total : 0,
    worstOverdueDays: Math.max(
      0,
      ...statuses.map((s) => (s.status === "overdue" ? (s.daysOverdue ?? 0) : 0)),
    ),
    dueSoon: statuses.filter(
      (s) => s.status === "in-progress" && (s.daysLeft ?? Infinity) <= rules.orangeDueDays,
    ).length,
    colour,
    reason,
    tasks: [...tasks].sort(byUrgency),
  };
}

/** Worst first: colour, then overdue count, the longest overdue, tasks due soon, then the name. */
export function compareUnits(a: UnitOverview, b: UnitOverview): number {
  return (
    COLOUR_RANK[a.colour] - COLOUR_RANK[b.colour] ||
    b.counts.overdue - a.counts.overdue ||
    b.worstOverdueDays - a.worstOverdueDays ||
    b.dueSoon - a.dueSoon ||
    a.unit.name.localeCompare(b.unit.name, "vi")
  );
}

// ---------------------------------------------------------------- the overview

export function resolveRules(rules?: Partial<OverviewRules>): OverviewRules {
  return { ...DEFAULT_OVERVIEW_RULES, ...(rules ?? {}) };
}

export function buildOverview(kb: Knowledge, todayIso: string, opts: OverviewOptions = {}): Overview {
  const rules = resolveRules(opts.rules);
  const topN = opts.topN ?? 5;
  const statusOf = new Map<string, TaskStatusInfo | undefined>();
  const status = (t: Task) => {
    if (!statusOf.has(t.id)) statusOf.set(t.id, statusInYear(t, todayIso, opts.year));
    return statusOf.get(t.id);
  };

  // The units of the period: for a past year those of its last day (as they were named then), for the
  // current period today's (a merged unit's open tasks counted with its successor, marked nowhere twice).
  const on = opts.year !== undefined && `${opts.year}-12-31` < todayIso ? `${opts.year}-12-31` : todayIso;
  const units: UnitOverview[] = [];
  const counted = new Map<string, { task: Task; status: TaskStatusInfo; unitIds: string[] }>();
  for (const current of kb.provincialUnits()) {
    let unit = kb.unitAsOf(current.id, on);
    let held = unit ? kb.tasksHeldOn(unit.id, on).lead.map((h) => h.task) : [];
    const end = kb.unitEnd(current.id);
    if (!unit && end && end.date <= on && (opts.year === undefined || end.date > `${opts.year}-01-01`)) {
      // Ended during the period: listed with what it finished itself (the rest went to its successor).
      const last = addDays(end.date, -1);
      unit = { ...current, name: `${kb.nameOn(current.id, last)} (đến ${formatViDate(last)})` };
      held = kb.tasksOfUnit(current.id).lead.filter((t) => finishedBefore(t, end.date));
    }
    if (!unit) continue;
    const tasks: TaskWithStatus[] = [];
    for (const task of held) {
      const st = status(task);
      if (!st) continue;
      tasks.push({ task, status: st });
      const c = counted.get(task.id) ?? { task, status: st, unitIds: [] };
      c.unitIds.push(unit.id);
      counted.set(task.id, c);
    }
    if (tasks.length) units.push(summarize(unit, tasks, rules));
  }
  units.sort(compareUnits);

  const counts = emptyCounts();
  for (const c of counted.values()) counts[c.status.status]++;
  const total = counted.size;
  const colourCounts: Record<UnitColour, number> = { red: 0, orange: 0, green: 0 };
  for (const u of units) colourCounts[u.colour]++;

  const topOverdue: OverdueItem[] = [...counted.values()]
    .filter((c) => c.status.status === "overdue")
    .sort(
      (a, b) =>
        (b.status.daysOverdue ?? 0) - (a.status.daysOverdue ?? 0) ||
        a.task.title.localeCompare(b.task.title, "vi"),
    )
    .slice(0, topN)
    .map((c) => ({
      taskId: c.task.id,
      title: c.task.title,
      unitNames: kb.namesOf(c.task.lead).join("; "),
      unitIds: c.unitIds,
      due: c.status.due!,
      daysOverdue: c.status.daysOverdue ?? 0,
    }));

  const overview: Overview = {
    today: todayIso,
    rules,
    units,
    totals: { counts, total, overdueShare: total ? counts.overdue / total : 0 },
    colourCounts,
    topOverdue,
  };
  if (opts.year !== undefined) overview.year = opts.year;
  return overview;
}
