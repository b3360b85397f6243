/**
 * Recording a reorganisation (issue 16): rename a unit, merge units into one (existing or new), close a
 * unit. Pure: the knowledge and the linked officials come in, a plan goes out: the entries to write (the
 * units' histories, a new unit), and what follows (open tasks that go to the successor from the date,
 * linked officials who belong to it, names that now lead to it). The CLI and the admins' chat dialogs
 * (/doiten, /hopnhat, /giaithe) show the plan as a preview and apply it with `applyUnitChange` (apply.ts): one audited change, undone
 * with `kb undo` like an import.
 *
 * Nothing else is rewritten: tasks keep the unit they were assigned to, officials keep their link;
 * the knowledge's history makes a merged unit's open tasks and officials its successor's from the date
 * (knowledge/model.ts), so undoing the change restores everything at once.
 */

import { slugId } from "../core/knowledge/ids.ts";
import { finishedBefore, type Knowledge } from "../core/knowledge/model.ts";
import type { Unit, UnitChange } from "../core/knowledge/schema.ts";
import { formerNames } from "../core/knowledge/unit-history.ts";
import { addDays, formatViDate } from "../core/time.ts";

/** The source entries the secretariat records cite (created with the change on first use). */
export const SECRETARIAT_SOURCE = "to-giup-viec";

export type UnitChangeRequest =
  | { kind: "rename"; unitId: string; name: string; date: string; document?: string }
  | { kind: "merge"; unitIds: string[]; into: string; date: string; document?: string }
  | { kind: "close"; unitId: string; date: string; successor?: string; document?: string };

/** A linked official as the plan needs it (the store's `User` fits). */
export interface LinkedOfficial {
  id: string;
  name?: string | undefined;
  unitId: string;
  role: string;
}

export interface UnitChangePlan {
  request: UnitChangeRequest;
  /** The unit entries to write (whole entities, validated when applied). */
  writes: Unit[];
  /** The units the change touches, as `--json` prints them. */
  units: Array<{ id: string; name: string; change: string; successors: string[]; isNew?: boolean }>;
  /** Open tasks whose lead or coordinating unit changes from the date (to the successor, or to none). */
  tasks: Array<{ id: string; title: string; from: string; to: string | null }>;
  /** Completed tasks that stay with the unit that did them. */
  tasksKept: Array<{ id: string; title: string }>;
  /** Linked officials of the changed units, and the unit they belong to from the date (null: none). */
  users: Array<{ id: string; name?: string | undefined; role: string; from: string; to: string | null }>;
  /** Names (and abbreviations) that lead to the successor from the date. */
  aliases: Array<{ name: string; to: string }>;
  note: string;
  action: "unit.rename" | "unit.merge" | "unit.close";
}

export class UnitChangeError extends Error {}

function sourcesFor(kb: Knowledge, document: string | undefined): string[] {
  const doc = document ? kb.documentByNumber(document) : undefined;
  return doc ? [doc.id, SECRETARIAT_SOURCE] : [SECRETARIAT_SOURCE];
}

function change(
  kb: Knowledge,
  fields: Omit<UnitChange, "sources" | "successors" | "predecessors"> &
    Partial<Pick<UnitChange, "successors" | "predecessors">>,
): UnitChange {
  return {
    successors: [],
    predecessors: [],
    ...fields,
    ...(fields.document ? { document: fields.document } : {}),
    sources: sourcesFor(kb, fields.document),
  };
}

function requireLive(kb: Knowledge, id: string, date: string): Unit {
  const u = kb.unit(id);
  if (!u) {
    const hint = kb.data.units.find((x) => x.name === id || x.aliases.includes(id));
    throw new UnitChangeError(
      `Không có đơn vị mã “${id}”${hint ? ` (có phải ${hint.id}: ${hint.name}?)` : ""}. Xem: npm run cli -- kb list units`,
    );
  }
  const end = kb.unitEnd(id);
  if (end)
    throw new UnitChangeError(
      `${u.name} đã kết thúc từ ${formatViDate(end.date)}: không ghi thêm thay đổi sau đó (hoàn tác thay đổi đó trước nếu cần sửa).`,
    );
  const start = kb.unitStart(id);
  if (start && date <= start)
    throw new UnitChangeError(
      `${u.name} được thành lập từ ${formatViDate(start)}: ngày thay đổi phải sau đó.`,
    );
  const last = u.history?.at(-1);
  if (last && date < last.date)
    throw new UnitChangeError(
      `${u.name} đã có thay đổi ngày ${formatViDate(last.date)}: ngày mới không được trước ngày đó.`,
    );
  return u;
}

/**
 * The tasks a unit holds the day before `date` by name (lead or support, its own or taken over from a
 * unit merged into it; not those of a group it is in): the open ones, and those it finished before.
 */
function tasksOf(kb: Knowledge, unitId: string, date: string) {
  const open: { id: string; title: string }[] = [];
  const kept: { id: string; title: string }[] = [];
  const held = kb.tasksHeldOn(unitId, addDays(date, -1));
  const seen = new Set<string>();
  for (const h of [...held.lead, ...held.support]) {
    const t = h.task;
    if (seen.has(t.id) || (!h.from && !t.lead.includes(unitId) && !t.support.includes(unitId))) continue;
    seen.add(t.id);
    (finishedBefore(t, date) ? kept : open).push({ id: t.id, title: t.title });
  }
  return { open, kept };
}

function namesOf(u: Unit): string[] {
  return [u.name, ...u.aliases, ...formerNames(u)].filter((n, i, all) => all.indexOf(n) === i);
}

/** The plan of a change: what is written and what follows. Throws `UnitChangeError` (Vietnamese). */
export function planUnitChange(
  kb: Knowledge,
  users: readonly LinkedOfficial[],
  req: UnitChangeRequest,
  today: string,
): UnitChangePlan {
  const by = req.document ? ` (${req.document})` : "";
  const on = formatViDate(req.date);
  if (req.kind === "rename") {
    const u = requireLive(kb, req.unitId, req.date);
    const name = req.name.replace(/\s+/g, " ").trim();
    if (!name || name.length > 300) throw new UnitChangeError("Tên mới cần từ 1 đến 300 ký tự.");
    if (name === u.name) throw new UnitChangeError(`${u.name} đã có tên này.`);
    const clash = kb.data.units.find((x) => x.id !== u.id && (x.name === name || x.aliases.includes(name)));
    if (clash) throw new UnitChangeError(`Tên “${name}” đã là tên của ${clash.name} (${clash.id}).`);
    const entity: Unit = {
      ...u,
      name,
      // The old name keeps finding the unit.
      aliases: [...u.aliases.filter((a) => a !== name), ...(u.aliases.includes(u.name) ? [] : [u.name])],
      history: [
        ...(u.history ?? []),
        change(kb, {
          kind: "renamed",
          date: req.date,
          formerName: u.name,
          ...(req.document ? { document: req.document } : {}),
        }),
      ],
      asOf: today,
    };
    const { open, kept } = tasksOf(kb, u.id, req.date);
    return {
      request: req,
      writes: [entity],
      units: [{ id: u.id, name, change: "renamed", successors: [] }],
      tasks: open.map((t) => ({ ...t, from: u.id, to: u.id })),
      tasksKept: kept,
      users: users
        .filter((x) => x.unitId === u.id)
        .map((x) => ({ id: x.id, name: x.name, role: x.role, from: u.id, to: u.id })),
      aliases: [{ name: u.name, to: u.id }],
      note: `Đổi tên ${u.name} thành ${name} từ ${on}${by}`,
      action: "unit.rename",
    };
  }

  if (req.kind === "merge") {
    const ids = [...new Set(req.unitIds)];
    if (ids.length === 0) throw new UnitChangeError("Cần ít nhất một đơn vị để hợp nhất.");
    const merged = ids.map((id) => requireLive(kb, id, req.date));
    const writes: Unit[] = [];
    let target = kb.unit(req.into);
    let isNew = false;
    if (target) {
      if (ids.includes(target.id))
        throw new UnitChangeError("Đơn vị tiếp nhận không nằm trong các đơn vị hợp nhất.");
      if (!kb.unitExistsOn(target.id, req.date))
        throw new UnitChangeError(`${target.name} không còn (hoặc chưa có) vào ngày ${on}.`);
    } else {
      // A new unit by its name ("Sở Khoa học và Công nghệ"), formed from the merged ones.
      const name = req.into.replace(/\s+/g, " ").trim();
      if (name.length < 3 || /^[a-z0-9-]+$/.test(name))
        throw new UnitChangeError(
          `Không có đơn vị mã “${req.into}”. Để hợp nhất vào một đơn vị mới, ghi tên đầy đủ: --into "Sở Khoa học và Công nghệ".`,
        );
      const same = kb.data.units.find((x) => x.name === name || x.aliases.includes(name));
      if (same) target = same;
      else {
        isNew = true;
        target = {
          id: slugId(
            name,
            new Set([...kb.data.units.map((x) => x.id), ...kb.data.unitGroups.map((g) => g.id)]),
          ),
          name,
          kind: merged[0]!.kind,
          aliases: [],
          history: [
            change(kb, {
              kind: "established",
              date: req.date,
              predecessors: ids,
              ...(req.document ? { document: req.document } : {}),
            }),
          ],
          sources: sourcesFor(kb, req.document),
          asOf: today,
        };
        writes.push(target);
      }
    }
    const to = target;
    for (const u of merged) {
      writes.push({
        ...u,
        history: [
          ...(u.history ?? []),
          change(kb, {
            kind: "merged",
            date: req.date,
            successors: [to.id],
            ...(req.document ? { document: req.document } : {}),
          }),
        ],
        asOf: today,
      });
    }
    const tasks: UnitChangePlan["tasks"] = [];
    const tasksKept: UnitChangePlan["tasksKept"] = [];
    for (const u of merged) {
      const { open, kept } = tasksOf(kb, u.id, req.date);
      tasks.push(...open.map((t) => ({ ...t, from: u.id, to: to.id })));
      tasksKept.push(...kept);
    }
    return {
      request: req,
      writes,
      units: [
        ...merged.map((u) => ({ id: u.id, name: u.name, change: "merged", successors: [to.id] })),
        {
          id: to.id,
          name: to.name,
          change: isNew ? "established" : "successor",
          successors: [],
          ...(isNew ? { isNew } : {}),
        },
      ],
      tasks,
      tasksKept,
      users: users
        .filter((x) => ids.includes(x.unitId))
        .map((x) => ({ id: x.id, name: x.name, role: x.role, from: x.unitId, to: to.id })),
      aliases: merged.flatMap((u) => namesOf(u).map((name) => ({ name, to: to.id }))),
      note: `Hợp nhất ${merged.map((u) => u.name).join(", ")} vào ${to.name}${isNew ? " (đơn vị mới)" : ""} từ ${on}${by}`,
      action: "unit.merge",
    };
  }

  const u = requireLive(kb, req.unitId, req.date);
  let successor: Unit | undefined;
  if (req.successor !== undefined) {
    successor = kb.unit(req.successor);
    if (!successor) throw new UnitChangeError(`Không có đơn vị mã “${req.successor}” (đơn vị tiếp nhận).`);
    if (successor.id === u.id) throw new UnitChangeError("Đơn vị tiếp nhận phải là đơn vị khác.");
    if (!kb.unitExistsOn(successor.id, req.date))
      throw new UnitChangeError(`${successor.name} không còn (hoặc chưa có) vào ngày ${on}.`);
  }
  const { open, kept } = tasksOf(kb, u.id, req.date);
  return {
    request: req,
    writes: [
      {
        ...u,
        history: [
          ...(u.history ?? []),
          change(kb, {
            kind: "closed",
            date: req.date,
            successors: successor ? [successor.id] : [],
            ...(req.document ? { document: req.document } : {}),
          }),
        ],
        asOf: today,
      },
    ],
    units: [{ id: u.id, name: u.name, change: "closed", successors: successor ? [successor.id] : [] }],
    tasks: open.map((t) => ({ ...t, from: u.id, to: successor?.id ?? null })),
    tasksKept: kept,
    users: users
      .filter((x) => x.unitId === u.id)
      .map((x) => ({ id: x.id, name: x.name, role: x.role, from: u.id, to: successor?.id ?? null })),
    aliases: successor ? namesOf(u).map((name) => ({ name, to: successor.id })) : [],
    note: `Giải thể ${u.name} từ ${on}${successor ? `, ${successor.name} tiếp nhận` : ""}${by}`,
    action: "unit.close",
  };
}
