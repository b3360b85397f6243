/**
 * The reminder planner (pure): which deadline reminders are due now, to whom.
 *
 * Rules
 * 1. When. Reminders go out on working days only (Monday–Friday, not a holiday of the knowledge base),
 *    at or after `time` (REMINDER_TIME, Asia/Ho_Chi_Minh). On another day, or earlier in the day, the plan
 *    is empty (`active: false`): what is missed is handled by rule 5 at the next run.
 * 2. Which due date. The one `taskStatus` (core/deadlines/status.ts) measures against: an approved
 *    extension (`progress.extendedTo`), else `deadline.due`, else the current occurrence of a recurring
 *    deadline ("Hằng năm 10/10" → 10/10 of this year, then of the next one). Tasks that are done (for a
 *    recurring one: its current occurrence is covered by the recorded completion) or have no due date get
 *    nothing. A moved deadline starts a fresh series, since the due date is part of every reminder key.
 * 3. The slots of a due date D (the same for every recipient):
 *    - before: for each k of `daysBefore` (7, 3, 1) and k = 0 (the day itself), on day D − k; when that day
 *      is not a working day, on the working day before it. Two slots falling on the same day are one slot,
 *      the one nearest the due date (so a due date on a Saturday gets its "1 day" and "on the day"
 *      reminders as one message on the Friday). The key's offset is k.
 *    - overdue: on the working days n = 1, 1 + E, 1 + 2E… after D (E = `overdueEvery`, counted in working
 *      days; n = 1 is the first working day after D). The key's offset is −n.
 * 4. Who. Lead units on the run day (`task.lead`, groups expanded to their member units that exist then;
 *    a unit merged into another is its successor from the merger's date on, a closed one is nobody: the
 *    task is listed in `noLead`): every linked user of the unit (an official linked to a merged unit
 *    counts for its successor)
 *    with role "head", and "deputy" too when `notifyDeputy`. Coordinating units (`task.support`, minus
 *    the lead units), when `notifySupport`: the same people get one lighter notice per due date (no
 *    buttons), at the first before-slot (offset = the largest of `daysBefore`), never when overdue.
 *    Users marked unreachable (blocked the bot) are skipped and listed in `unreachable`.
 * 5. Only the latest slot counts (catch-up without floods). For each due date and recipient, the run on
 *    day R looks at the latest slot whose day is ≤ R. It is due unless the log has it "sent". So a run
 *    that was missed (process down, a head linked late, a task added late) is caught up once at the next
 *    run, marked `late`, while earlier missed slots are superseded and never sent. A before-reminder is
 *    thus caught up only while the due date is still ahead (once it has passed, the due-day or the overdue
 *    slot is the latest one). "pending" and "failed" entries are due again (`previous` says which; the
 *    notifier decides what that means, see src/notifier/notifier.ts).
 *
 * Message numbers: `days` is in calendar days (days left, or days overdue), as status.ts counts them;
 * `kind` is "due" on the due date itself, "before" before it, "overdue" after it.
 */

import { taskStatus } from "../deadlines/status.ts";
import type { Knowledge } from "../knowledge/model.ts";
import type { Task, Unit } from "../knowledge/schema.ts";
import { fold } from "../text/normalize.ts";
import { atLocalTime, diffDays, localDate } from "../time.ts";
import { reminderKey } from "./keys.ts";
import { WorkCalendar } from "./workdays.ts";

export type ReminderKind = "before" | "due" | "overdue";
export type Audience = "lead" | "support";
export type LogState = "pending" | "sent" | "failed";

export interface ReminderOptions {
  /** Local time of the daily run, "HH:MM". */
  time: string;
  /** Calendar days before the due date (the day itself is always included). */
  daysBefore: readonly number[];
  /** Overdue reminders every this many working days. */
  overdueEvery: number;
  /**
   * No more reminders to the unit once a task is overdue by more than this many calendar days (0: never
   * stop). A task years overdue (an old plan never marked done) stays in the digests and escalations but
   * does not message the head every few days.
   */
  overdueStopAfterDays: number;
  notifyDeputy: boolean;
  notifySupport: boolean;
}

export const DEFAULT_REMINDER_OPTIONS: Readonly<ReminderOptions> = {
  time: "08:00",
  daysBefore: [7, 3, 1],
  overdueEvery: 3,
  overdueStopAfterDays: 90,
  notifyDeputy: false,
  notifySupport: false,
};

/** A linked user as the planner needs it (the store's `User` fits). */
export interface RecipientUser {
  id: string;
  channel: string;
  chatId: string;
  name?: string | undefined;
  unitId: string;
  role: string;
  reachable: boolean;
  /** The channel the person wants reminders on, when linked on both (default Telegram). */
  preferredChannel?: string | undefined;
  /** The same person on another channel: tried when the send on this one fails. */
  fallbacks?: RecipientUser[];
}

/** What the planner asks the send log. */
export interface LogView {
  stateOf(key: string): LogState | undefined;
}

export interface PlanInput {
  now: Date;
  /** Today's calendar day; defaults to `localDate(now)`. */
  today?: string;
  knowledge: Knowledge;
  users: readonly RecipientUser[];
  log: LogView;
  options?: Partial<ReminderOptions>;
  /** Overrides the knowledge base's holidays. */
  holidays?: Iterable<string>;
}

export interface PlannedReminder {
  key: string;
  taskId: string;
  /** The due date the reminder is about. */
  occurrence: string;
  /** Days before the due date (≥ 0), or −(working days after it) when overdue. */
  offset: number;
  kind: ReminderKind;
  /** Days left, or days overdue (calendar days, ≥ 0). */
  days: number;
  audience: Audience;
  unitId: string;
  recipient: RecipientUser;
  /** The day the slot was scheduled for. */
  slotDay: string;
  /** Scheduled for an earlier day and not sent then (caught up now). */
  late: boolean;
  /** The log's state when it is not the first attempt. */
  previous?: "pending" | "failed";
  /** The same person on another channel, tried when this send fails (see `samePersonAcrossChannels`). */
  fallbacks?: RecipientUser[];
}

export interface SkippedUnit {
  taskId: string;
  occurrence: string;
  unitId: string;
  audience: Audience;
  kind: ReminderKind;
  days: number;
}

export interface ReminderPlan {
  today: string;
  /** Today's run instant (REMINDER_TIME in Asia/Ho_Chi_Minh). */
  runAt: Date;
  /** False when nothing may be sent now (see `reason`). */
  active: boolean;
  reason?: "not-working-day" | "before-time";
  reminders: PlannedReminder[];
  /** Units with a reminder slot today but no reachable linked recipient (national bodies left out). */
  noRecipient: SkippedUnit[];
  /** Recipients skipped because they are marked unreachable, with what they would have received. */
  unreachable: Array<{ userId: string; unitId: string; taskId: string; occurrence: string }>;
  /**
   * Open tasks with a reminder due but no lead unit today: every unit it was assigned to ended (closed)
   * and no source names a successor. `units` are the ended units as assigned.
   */
  noLead: Array<{ taskId: string; occurrence: string; units: string[] }>;
}

interface Slot {
  offset: number;
  slotDay: string;
  late: boolean;
}

export function resolveOptions(options: Partial<ReminderOptions> = {}): ReminderOptions {
  const o = { ...DEFAULT_REMINDER_OPTIONS, ...options };
  for (const k of o.daysBefore)
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`daysBefore: not a day count: ${k}`);
  if (!Number.isInteger(o.overdueEvery) || o.overdueEvery < 1)
    throw new RangeError(`overdueEvery must be a positive integer: ${o.overdueEvery}`);
  return o;
}

/** The slots computation for one run day; shared by every task of a plan. */
export class SlotSchedule {
  readonly cal: WorkCalendar;
  readonly runDay: string;
  /** Before-offsets, nearest first: 0, 1, 3, 7. */
  readonly #ascending: number[];
  readonly #every: number;

  constructor(cal: WorkCalendar, runDay: string, options: ReminderOptions) {
    this.cal = cal;
    this.runDay = runDay;
    this.#ascending = [...new Set([0, ...options.daysBefore])].sort((a, b) => a - b);
    this.#every = options.overdueEvery;
  }

  get largestOffset(): number {
    return this.#ascending.at(-1)!;
  }

  /** The day of the before-slot k of due date `due`. */
  beforeSlotDay(due: string, k: number): string {
    return this.cal.onOrBefore(this.cal.addDays(due, -k));
  }

  /** The latest lead slot of `due` on or before the run day (rule 5), or undefined before the first. */
  latestLeadSlot(due: string): Slot | undefined {
    const R = this.runDay;
    if (due >= R) {
      for (const k of this.#ascending) {
        const day = this.beforeSlotDay(due, k);
        if (day <= R) return { offset: k, slotDay: day, late: day < R };
      }
      return undefined;
    }
    const nR = this.cal.workingDaysBetween(due, R);
    if (nR < 1) return undefined; // R is not a working day (never planned so)
    const n = nR - ((nR - 1) % this.#every);
    const slotDay = n === nR ? R : this.cal.addWorkingDays(R, n - nR);
    return { offset: -n, slotDay, late: n < nR };
  }

  /** The support notice of `due`: the first before-slot, while the due date is still ahead. */
  supportSlot(due: string): Slot | undefined {
    const R = this.runDay;
    if (due < R) return undefined;
    const k = this.largestOffset;
    const day = this.beforeSlotDay(due, k);
    return day <= R ? { offset: k, slotDay: day, late: day < R } : undefined;
  }
}

/** The due date reminders are about today, or undefined (done, no due date). Rule 2. */
export function reminderDue(task: Task, today: string): string | undefined {
  const info = taskStatus(task, today);
  if (info.status !== "in-progress" && info.status !== "overdue") return undefined;
  return info.due;
}

/** Code-unit order (ids and ISO days are ASCII): fast and the same on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function kindOf(today: string, due: string, cal?: WorkCalendar): { kind: ReminderKind; days: number } {
  const d = cal ? cal.diffDays(today, due) : diffDays(today, due);
  if (d === 0) return { kind: "due", days: 0 };
  return d > 0 ? { kind: "before", days: d } : { kind: "overdue", days: -d };
}

/**
 * One person may be linked on Telegram and on Zalo (two accounts of the same unit, role and name as the
 * secretariat wrote it in the link codes). They get each reminder once: on their preferred channel
 * (Telegram unless they chose otherwise), reachable accounts first; the other account is the fallback.
 */
export function samePersonAcrossChannels(users: readonly RecipientUser[]): RecipientUser[] {
  const groups = new Map<string, RecipientUser[]>();
  for (const u of users) {
    // Only accounts on different channels are merged: two Telegram accounts are two people.
    let k = u.name ? `${u.unitId}|${u.role}|${fold(u.name)}` : u.id;
    if (groups.get(k)?.some((x) => x.channel === u.channel)) k = u.id;
    const g = groups.get(k);
    if (g) g.push(u);
    else groups.set(k, [u]);
  }
  const out: RecipientUser[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]!);
      continue;
    }
    const preferred = g.find((u) => u.preferredChannel)?.preferredChannel ?? "telegram";
    const rank = (u: RecipientUser) => (u.reachable ? 2 : 0) + (u.channel === preferred ? 1 : 0);
    const [primary, ...rest] = [...g].sort((a, b) => rank(b) - rank(a) || cmp(a.id, b.id));
    const fallbacks = rest.filter((u) => u.reachable);
    out.push(fallbacks.length ? { ...primary!, fallbacks } : primary!);
  }
  return out;
}

/**
 * The unit a linked official belongs to on `today`: the unit they were linked to, or its successor once
 * it was merged (or renamed); none once it was closed or split (the secretariat links them again).
 */
export function currentUnitOf(kb: Knowledge, unitId: string, today: string): string | undefined {
  if (!kb.unit(unitId)) return unitId;
  const now = kb.currentUnits(unitId, today);
  return now.length === 1 ? now[0]!.id : undefined;
}

function recipientsByUnit(
  users: readonly RecipientUser[],
  options: ReminderOptions,
  kb: Knowledge,
  today: string,
): Map<string, RecipientUser[]> {
  const roles = new Set(options.notifyDeputy ? ["head", "deputy"] : ["head"]);
  const out = new Map<string, RecipientUser[]>();
  for (const u of users) {
    if (!roles.has(u.role)) continue;
    const unitId = currentUnitOf(kb, u.unitId, today);
    if (unitId === undefined) continue;
    let list = out.get(unitId);
    if (!list) {
      list = [];
      out.set(unitId, list);
    }
    list.push(u);
  }
  for (const [unitId, list] of out) {
    out.set(
      unitId,
      samePersonAcrossChannels(list).sort((a, b) => cmp(a.id, b.id)),
    );
  }
  return out;
}

/** The reminders due at `now` (see the module comment for the rules). */
export function planReminders(input: PlanInput): ReminderPlan {
  const options = resolveOptions(input.options);
  const today = input.today ?? localDate(input.now);
  const runAt = atLocalTime(today, options.time);
  const cal = new WorkCalendar(input.holidays ?? input.knowledge.holidays);
  const plan: ReminderPlan = {
    today,
    runAt,
    active: true,
    reminders: [],
    noRecipient: [],
    unreachable: [],
    noLead: [],
  };
  if (!cal.isWorkingDay(today)) return { ...plan, active: false, reason: "not-working-day" };
  if (input.now.getTime() < runAt.getTime()) return { ...plan, active: false, reason: "before-time" };

  const schedule = new SlotSchedule(cal, today, options);
  const kb = input.knowledge;
  const byUnit = recipientsByUnit(input.users, options, kb, today);

  for (const task of kb.data.tasks) {
    const due = reminderDue(task, today);
    if (!due) continue;
    const { kind, days } = kindOf(today, due, cal);
    if (kind === "overdue" && options.overdueStopAfterDays > 0 && days > options.overdueStopAfterDays)
      continue;
    const leadSlot = schedule.latestLeadSlot(due);
    const lead = leadSlot ? kb.leadUnitsOn(task, today) : [];
    if (leadSlot && lead.length === 0 && task.lead.every((id) => kb.unitEnd(id) !== undefined))
      plan.noLead.push({ taskId: task.id, occurrence: due, units: [...task.lead] });
    const addUnit = (unit: Unit, audience: Audience, slot: Slot) => {
      const people = byUnit.get(unit.id) ?? [];
      let reachable = 0;
      for (const person of people) {
        const key = reminderKey({
          taskId: task.id,
          occurrence: due,
          recipientId: person.id,
          offset: slot.offset,
        });
        const state = input.log.stateOf(key);
        if (state === "sent") continue;
        if (!person.reachable) {
          plan.unreachable.push({ userId: person.id, unitId: unit.id, taskId: task.id, occurrence: due });
          continue;
        }
        reachable++;
        const r: PlannedReminder = {
          key,
          taskId: task.id,
          occurrence: due,
          offset: slot.offset,
          kind,
          days,
          audience,
          unitId: unit.id,
          recipient: person,
          slotDay: slot.slotDay,
          late: slot.late,
        };
        if (state) r.previous = state;
        if (person.fallbacks?.length) r.fallbacks = person.fallbacks;
        plan.reminders.push(r);
      }
      // National bodies (kind "trung-uong") are not expected to link anyone: not listed.
      if (
        reachable === 0 &&
        slot.slotDay === today &&
        unit.kind !== "trung-uong" &&
        !people.some((p) => p.reachable)
      )
        plan.noRecipient.push({ taskId: task.id, occurrence: due, unitId: unit.id, audience, kind, days });
    };
    if (leadSlot) for (const unit of lead) addUnit(unit, "lead", leadSlot);
    if (options.notifySupport && task.support.length > 0) {
      const slot = schedule.supportSlot(due);
      if (slot) {
        const leadIds = new Set((leadSlot ? lead : kb.leadUnitsOn(task, today)).map((u) => u.id));
        for (const unit of kb.supportUnitsOn(task, today))
          if (!leadIds.has(unit.id)) addUnit(unit, "support", slot);
      }
    }
  }
  const order = (a: { occurrence: string; taskId: string; unitId: string }, b: typeof a) =>
    cmp(a.occurrence, b.occurrence) || cmp(a.taskId, b.taskId) || cmp(a.unitId, b.unitId);
  plan.reminders.sort((a, b) => order(a, b) || cmp(a.recipient.id, b.recipient.id));
  plan.noRecipient.sort(order);
  plan.noLead.sort((a, b) => cmp(a.occurrence, b.occurrence) || cmp(a.taskId, b.taskId));
  return plan;
}

// ---------------------------------------------------------------- preview (CLI `remind plan --json`)

export interface PreviewItem {
  taskId: string;
  taskTitle: string;
  unitId: string;
  unitName: string;
  /** YYYY-MM-DD */
  dueDate: string;
  kind: ReminderKind;
  /** Days left, or days overdue. */
  days: number;
  recipients: Array<{ channel: string; name: string }>;
}

/** Display name of a recipient: the linked name, else the role ("Thủ trưởng đơn vị"). */
export function recipientName(u: Pick<RecipientUser, "name" | "role">): string {
  if (u.name) return u.name;
  return u.role === "deputy" ? "Cấp phó đơn vị" : "Thủ trưởng đơn vị";
}

/**
 * The secretariat's preview: one item per task, due date and unit that has a reminder now, with the
 * people who would receive it (an empty list for a unit with no linked, reachable head).
 */
export function remindersPreview(plan: ReminderPlan, knowledge: Knowledge): PreviewItem[] {
  const items = new Map<string, PreviewItem>();
  const item = (taskId: string, occurrence: string, unitId: string, kind: ReminderKind, days: number) => {
    const k = `${taskId}|${occurrence}|${unitId}`;
    let it = items.get(k);
    if (!it) {
      it = {
        taskId,
        taskTitle: knowledge.task(taskId)?.title ?? taskId,
        unitId,
        unitName: knowledge.unit(unitId)?.name ?? unitId,
        dueDate: occurrence,
        kind,
        days,
        recipients: [],
      };
      items.set(k, it);
    }
    return it;
  };
  for (const r of plan.reminders) {
    item(r.taskId, r.occurrence, r.unitId, r.kind, r.days).recipients.push({
      channel: r.recipient.channel,
      name: recipientName(r.recipient),
    });
  }
  for (const s of plan.noRecipient) item(s.taskId, s.occurrence, s.unitId, s.kind, s.days);
  return [...items.values()].sort(
    (a, b) => cmp(a.dueDate, b.dueDate) || cmp(a.taskId, b.taskId) || cmp(a.unitId, b.unitId),
  );
}
