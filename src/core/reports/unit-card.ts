/**
 * A unit's card for leaders: who heads it (as the sources name them), the tasks it leads and supports
 * with their status and due dates, its colour by the overview's rules, and what it answered to
 * reminders (done, in progress, extension requests and the secretariat's decisions).
 *
 * Pure. The answers to reminders are kept by the store (src/store/reminder-log.ts); the caller passes
 * them in (`responses`), so this module depends on no storage: any list of objects with the fields of
 * `UnitCardResponse` fits (the store's ReminderResponse does).
 */
import type { TaskStatusInfo } from "../deadlines/status.ts";
import type { Knowledge } from "../knowledge/model.ts";
import type { Position, Task, Unit } from "../knowledge/schema.ts";
import {
  byUrgency,
  emptyCounts,
  type OverviewRules,
  resolveRules,
  type StatusCounts,
  statusInYear,
  summarize,
  type TaskWithStatus,
  type UnitColour,
} from "./overview.ts";

/** One answer to a reminder, as the store keeps it (only the fields the card uses). */
export interface UnitCardResponse {
  taskId: string;
  /** The due date the answer was about. */
  occurrence?: string;
  kind: "done" | "in-progress" | "extension" | "help";
  unitId?: string;
  /** Who answered. */
  name?: string;
  /** When (ISO instant). */
  at: string;
  /** Extension: the reason; help: what is needed. */
  text?: string;
  /** Extension: the due date asked for. */
  requestedDue?: string;
  /** Extension: the secretariat's decision (absent while it waits). */
  decision?: { status: "approved" | "refused"; due?: string; note?: string };
}

export interface UnitHead {
  personId: string;
  name: string;
  title: string;
  role?: Position["role"];
}

export interface UnitCardTask extends TaskWithStatus {
  role: "lead" | "support";
}

export interface UnitCard {
  unit: Unit;
  today: string;
  year?: number;
  /** People with a position in the unit, heads first. */
  heads: UnitHead[];
  /** Tasks it leads, most urgent first. */
  lead: UnitCardTask[];
  /** Tasks it supports (phối hợp), most urgent first. */
  support: UnitCardTask[];
  /** Counts over the tasks it leads. */
  counts: StatusCounts;
  total: number;
  colour: UnitColour;
  reason: string;
  worstOverdueDays: number;
  dueSoon: number;
  /** Answers to reminders about its tasks, newest first. */
  responses: UnitCardResponse[];
  /** The extension requests among them, newest first. */
  extensions: UnitCardResponse[];
}

export interface UnitCardOptions {
  year?: number;
  rules?: Partial<OverviewRules>;
}

const ROLE_RANK: Record<string, number> = {
  leader: 0,
  head: 0,
  "deputy-leader": 1,
  "standing-deputy": 1,
  deputy: 2,
  member: 3,
};

/** People whose positions are in the unit, the head first. */
export function unitHeads(kb: Knowledge, unitId: string): UnitHead[] {
  const out: UnitHead[] = [];
  for (const p of kb.data.people) {
    for (const pos of p.positions) {
      if (pos.unit !== unitId) continue;
      const h: UnitHead = { personId: p.id, name: p.name, title: pos.title };
      if (pos.role) h.role = pos.role;
      out.push(h);
    }
  }
  return out.sort((a, b) => (ROLE_RANK[a.role ?? ""] ?? 4) - (ROLE_RANK[b.role ?? ""] ?? 4));
}

export function buildUnitCard(
  kb: Knowledge,
  unitId: string,
  todayIso: string,
  responses: readonly UnitCardResponse[] = [],
  opts: UnitCardOptions = {},
): UnitCard | undefined {
  const unit = kb.unit(unitId);
  if (!unit) return undefined;
  const rules = resolveRules(opts.rules);
  const { lead, support } = kb.tasksOfUnit(unitId);
  const withStatus = (tasks: Task[], role: "lead" | "support"): UnitCardTask[] => {
    const out: UnitCardTask[] = [];
    for (const task of tasks) {
      const status: TaskStatusInfo | undefined = statusInYear(task, todayIso, opts.year);
      if (status) out.push({ task, status, role });
    }
    return out.sort(byUrgency);
  };
  const leadTasks = withStatus(lead, "lead");
  const supportTasks = withStatus(support, "support");
  const s = leadTasks.length ? summarize(unit, leadTasks, rules) : undefined;

  const taskIds = new Set([...lead, ...support].map((t) => t.id));
  const mine = responses
    .filter((r) => (r.unitId ? r.unitId === unitId : taskIds.has(r.taskId)))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  const card: UnitCard = {
    unit,
    today: todayIso,
    heads: unitHeads(kb, unitId),
    lead: leadTasks,
    support: supportTasks,
    counts: s?.counts ?? emptyCounts(),
    total: leadTasks.length,
    colour: s?.colour ?? "green",
    reason: s?.reason ?? "không chủ trì nhiệm vụ nào",
    worstOverdueDays: s?.worstOverdueDays ?? 0,
    dueSoon: s?.dueSoon ?? 0,
    responses: mine,
    extensions: mine.filter((r) => r.kind === "extension"),
  };
  if (opts.year !== undefined) card.year = opts.year;
  return card;
}
