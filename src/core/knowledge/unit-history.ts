/**
 * The life of a unit (or a unit group) read from its `history` (schema.ts, `unitChangeSchema`): when it
 * starts and ends, its name at a date, and the `kb check` rules for histories (successors exist, no
 * cycles, dates in order). Pure functions over the data; `Knowledge` (model.ts) builds its lookups on them.
 */
import type { Problem } from "./load.ts";
import type { KnowledgeData, UnitChange } from "./schema.ts";

/** The changes that end a unit. */
export const ENDING_KINDS: ReadonlySet<UnitChange["kind"]> = new Set(["merged", "split", "closed"]);

interface WithHistory {
  id: string;
  name: string;
  history?: UnitChange[];
}

/** The first day the unit exists, when its history says (an "established" change). */
export function startOf(u: WithHistory): string | undefined {
  return u.history?.find((c) => c.kind === "established")?.date;
}

/** The change that ended the unit (merged, split, closed), if any. */
export function endOf(u: WithHistory): UnitChange | undefined {
  return u.history?.find((c) => ENDING_KINDS.has(c.kind));
}

/** Whether the unit exists on `date` (from its start, before its end). */
export function existsOn(u: WithHistory, date: string): boolean {
  const start = startOf(u);
  const end = endOf(u);
  return (start === undefined || start <= date) && (end === undefined || date < end.date);
}

/** The unit's name on `date`: before a rename, the former name. */
export function nameOn(u: WithHistory, date: string): string {
  const renames = (u.history ?? []).filter((c) => c.kind === "renamed" && c.formerName);
  // The first rename after `date` gives the name the unit had then.
  const next = renames.filter((c) => c.date > date).sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  return next?.formerName ?? u.name;
}

/** The names a unit was known by before its renames (oldest first). */
export function formerNames(u: WithHistory): string[] {
  return (u.history ?? []).flatMap((c) => (c.kind === "renamed" && c.formerName ? [c.formerName] : []));
}

/**
 * `kb check` rules for the units' and groups' histories: every successor and predecessor exists, a unit
 * ends at most once and nothing follows its end, dates are in order, an established unit has no change
 * before it, a successor exists on the date it takes over, and following successors never comes back to
 * the same unit (no cycle). Messages are Vietnamese and name the file, the entry and the field.
 */
export function checkHistories(data: KnowledgeData): Problem[] {
  const problems: Problem[] = [];
  const units = new Map(data.units.map((u) => [u.id, u]));
  const groups = new Map(data.unitGroups.map((g) => [g.id, g]));
  const check = (file: string, e: WithHistory, isGroup: boolean) => {
    const history = e.history ?? [];
    const err = (field: string, message: string) =>
      problems.push({ file, entry: e.id, field, message, severity: "error" });
    let previous: string | undefined;
    let ended = false;
    history.forEach((c, i) => {
      const at = `history[${i + 1}]`;
      if (previous !== undefined && c.date < previous)
        err(`${at}.date`, "các thay đổi phải theo thứ tự ngày (cũ trước, mới sau)");
      previous = c.date;
      if (ended)
        err(at, "đơn vị đã kết thúc (hợp nhất, chia tách hay giải thể) thì không còn thay đổi sau đó");
      if (ENDING_KINDS.has(c.kind)) ended = true;
      if (c.kind === "established" && i > 0) err(at, "ngày thành lập phải là thay đổi đầu tiên");
      if (c.kind === "renamed" && !c.formerName) err(`${at}.formerName`, "đổi tên phải ghi tên cũ");
      if ((c.kind === "merged" || c.kind === "split") && c.successors.length === 0)
        err(`${at}.successors`, "hợp nhất, chia tách phải ghi đơn vị tiếp nhận");
      if (c.kind === "merged" && c.successors.length > 1)
        err(`${at}.successors`, "hợp nhất vào đúng một đơn vị (nhiều đơn vị tiếp nhận là chia tách)");
      if (c.kind !== "established" && c.predecessors.length)
        err(`${at}.predecessors`, "chỉ ghi đơn vị tiền thân ở thay đổi thành lập");
      c.successors.forEach((s, j) => {
        const target = units.get(s) ?? (isGroup ? groups.get(s) : undefined);
        if (!target) {
          err(`${at}.successors[${j + 1}]`, `không có đơn vị mã “${s}”`);
          return;
        }
        if (s === e.id) err(`${at}.successors[${j + 1}]`, "đơn vị không tiếp nhận chính nó");
        else if (!existsOn(target, c.date))
          err(
            `${at}.successors[${j + 1}]`,
            `đơn vị tiếp nhận “${s}” chưa có hoặc đã kết thúc vào ngày ${c.date}`,
          );
      });
      c.predecessors.forEach((p, j) => {
        if (!units.has(p) && !(isGroup && groups.has(p)))
          err(`${at}.predecessors[${j + 1}]`, `không có đơn vị mã “${p}”`);
      });
    });
    if (endOf(e) && startOf(e) && startOf(e)! >= endOf(e)!.date)
      err("history", "ngày kết thúc phải sau ngày thành lập");
    // No cycle: following successors from this unit never comes back to it.
    const seen = new Set<string>();
    const walk = (id: string): boolean => {
      const u = units.get(id) ?? groups.get(id);
      for (const s of (u && endOf(u)?.successors) ?? []) {
        if (s === e.id) return true;
        if (seen.has(s)) continue;
        seen.add(s);
        if (walk(s)) return true;
      }
      return false;
    };
    if (walk(e.id)) err("history", "vòng lặp: đơn vị tiếp nhận lại quay về chính đơn vị này");
  };
  for (const u of data.units) check("units.yaml", u, false);
  for (const g of data.unitGroups) check("unit-groups.yaml", g, true);
  return problems;
}
