/**
 * Which unit a question about a unit's tasks is answered for, at which date: a unit merged into another
 * is answered as its successor (with a short note saying so and citing where it is stated); a question
 * about a past year takes the unit as it was then; a closed unit is answered as closed.
 */
import type { HeldTask, Knowledge } from "../knowledge/model.ts";
import type { Unit } from "../knowledge/schema.ts";
import { fold } from "../text/normalize.ts";
import { addDays, formatViDate } from "../time.ts";

/**
 * The unit groups whose level ended with two-level local government ("UBND các huyện", 01/07/2025), with
 * the recorded closure: what "chính quyền hai cấp", "huyện X" are answered with.
 */
export function twoLevelEnds(kb: Knowledge) {
  return kb.data.unitGroups.flatMap((group) => {
    const change = (group.history ?? []).find(
      (h) => h.kind === "closed" && /\bhai cap\b/.test(fold(h.note ?? "")),
    );
    return change ? [{ group, change }] : [];
  });
}

export interface UnitNote {
  text: string;
  sources: string[];
}

export type UnitOnDate =
  /** The unit exists on the date: answered as itself. */
  | { kind: "same"; unit: Unit; later?: UnitNote }
  /** Merged (or renamed into) one successor by then: answered as the successor. */
  | { kind: "moved"; asked: Unit; unit: Unit; note: UnitNote }
  /** Closed (or split) by then: answered as it was, with how it ended. */
  | { kind: "ended"; unit: Unit; note: UnitNote; successors: Unit[] }
  /** Not established yet then: its predecessors held the work. */
  | { kind: "not-yet"; unit: Unit; note: UnitNote; predecessors: Unit[] };

/** The day a question's unit is taken at: the end of a past year it names, else today. */
export function referenceDay(today: string, year?: number, to?: string): string {
  if (to !== undefined && to < today) return to;
  if (year !== undefined && `${year}-12-31` < today) return `${year}-12-31`;
  return today;
}

/** How `unit` stands on `on` (the day a question is about); `today` bounds what is said as done. */
export function unitOnDate(kb: Knowledge, unit: Unit, on: string, today = on): UnitOnDate {
  const start = kb.unitStart(unit.id);
  if (start !== undefined && on < start) {
    const predecessors = kb.predecessorsOf(unit.id).flatMap((p) => (kb.unit(p.id) ? [kb.unit(p.id)!] : []));
    const est = unit.history?.find((c) => c.kind === "established");
    const from = predecessors.length
      ? ` (${est?.note ?? `tiếp nhận từ ${predecessors.map((p) => p.name).join(", ")}`})`
      : "";
    return {
      kind: "not-yet",
      unit,
      predecessors,
      note: {
        text: `${unit.name} được thành lập từ ${formatViDate(start)}${from}.`,
        sources: est?.sources.length ? est.sources : unit.sources,
      },
    };
  }
  const end = kb.unitEnd(unit.id);
  if (!end || on < end.date) {
    const later = kb.unitEndSentence(unit.id, today) ?? undefined;
    const asOf = kb.unitAsOf(unit.id, on) ?? unit;
    return later ? { kind: "same", unit: asOf, later } : { kind: "same", unit: asOf };
  }
  const note = kb.unitEndSentence(unit.id)!;
  const successors = kb.currentUnits(unit.id, on);
  if (end.kind === "merged" && successors.length === 1)
    return { kind: "moved", asked: unit, unit: successors[0]!, note };
  return { kind: "ended", unit, note, successors };
}

/** How a task a unit holds is marked in its list: "tiếp nhận từ Sở Thông tin và Truyền thông". */
export function inheritedRole(kb: Knowledge, held: HeldTask): string | undefined {
  return held.from ? `tiếp nhận ${inheritedFrom(kb, held.from)}` : undefined;
}

/** Whom a task was taken over from, and since when: "từ Sở Thông tin và Truyền thông từ 01/03/2025". */
export function inheritedFrom(kb: Knowledge, from: string): string {
  const end = kb.unitEnd(from);
  const name = end ? kb.nameOn(from, addDays(end.date, -1)) : kb.nameOn(from, "9999-12-31");
  return `từ ${name}${end ? ` từ ${formatViDate(end.date)}` : ""}`;
}

/** The task a unit holds today as a successor of the unit it was assigned to, if it does. */
export function heldAsSuccessor(
  kb: Knowledge,
  unitId: string,
  taskId: string,
  today: string,
): HeldTask | undefined {
  if (!kb.unit(unitId)) return undefined;
  return kb.tasksHeldOn(unitId, today).lead.find((h) => h.task.id === taskId && h.from);
}
