/**
 * The in-memory knowledge: the validated data plus the lookups every other part needs
 * (entities by id, documents by number, the units a task applies to, the tasks of a unit).
 * Built once per knowledge version; immutable. Due dates are as the files give them: the shipped
 * knowledge writes them out, imports compute them from the written deadline (deadlines/due-date.ts).
 */

import { docNumberKey, findDocRefs, type ParsedDocNumber, parseDocNumber } from "../text/doc-number.ts";
import { fold } from "../text/normalize.ts";
import { addDays, formatViDate } from "../time.ts";
import type {
  Body,
  CollectionName,
  EntityOf,
  KDocument,
  KnowledgeData,
  Meeting,
  Person,
  Source,
  Task,
  Unit,
  UnitChange,
  UnitGroup,
} from "./schema.ts";
import { COLLECTION_NAMES } from "./schema.ts";
import { endOf, existsOn, nameOn, startOf } from "./unit-history.ts";

/** A task a unit holds at a date: its own, or taken over from a unit that was merged into it. */
export interface HeldTask {
  task: Task;
  /** The unit the task was assigned to, when the unit holds it as that unit's successor. */
  from?: string;
}

/** Whether a task was finished before a date (a one-off task completed then stays with its unit). */
export function finishedBefore(task: Task, date: string): boolean {
  const done = task.progress.completedOn;
  return done !== undefined && done < date && task.deadline.recurrence === undefined;
}

export interface Citation {
  id: string;
  /** "Thông báo số 16/TB-VPCP ngày 28/01/2023" or "Báo Ninh Thuận, baoninhthuan.com.vn/…, 16/8/2023". */
  label: string;
}

const NONE = { lead: [], support: [] } as const;

/** Unit kinds that are not the province's own agencies (a group "all units" leaves them out). */
export const OUTSIDE_PROVINCE: ReadonlySet<string> = new Set(["trung-uong"]);

export class Knowledge {
  readonly data: KnowledgeData;
  private readonly byId = new Map<CollectionName, Map<string, unknown>>();
  private readonly docByKey = new Map<string, KDocument>();
  /** Documents by the number part of their số hiệu, leading zeros dropped ("03-TB/…" under "3"). */
  private readonly docsByNumber = new Map<string, { doc: KDocument; parsed: ParsedDocNumber }[]>();
  private foldedDocTexts: Map<string, { summary: string; points: string }> | undefined;
  private readonly groupMembers = new Map<string, Unit[]>();
  private readonly tasksByUnit = new Map<string, { lead: Task[]; support: Task[] }>();
  /** Tasks by the unit or group ids they name, as written (groups not expanded), in list order. */
  private readonly tasksById = new Map<string, { lead: Task[]; support: Task[] }>();
  /** Units (and groups) that ended into a unit: its direct predecessors, with the change. */
  private readonly predecessorsById = new Map<string, { id: string; change: UnitChange }[]>();
  readonly holidays: Set<string>;

  constructor(data: KnowledgeData) {
    this.data = data;
    for (const c of COLLECTION_NAMES) {
      this.byId.set(c, new Map((this.data[c] as { id: string }[]).map((e) => [e.id, e])));
    }
    for (const d of this.data.documents) {
      this.docByKey.set(docNumberKey(d.number) ?? fold(d.number), d);
      const parsed = parseDocNumber(d.number);
      if (parsed) {
        const n = stripZeros(parsed.number);
        const list = this.docsByNumber.get(n) ?? [];
        list.push({ doc: d, parsed });
        this.docsByNumber.set(n, list);
      }
    }
    for (const g of this.data.unitGroups) this.groupMembers.set(g.id, this.resolveGroup(g));
    for (const t of this.data.tasks) {
      for (const id of new Set(t.lead)) this.namedEntry(id).lead.push(t);
      for (const id of new Set(t.support)) this.namedEntry(id).support.push(t);
      const leads = this.unitsOf(t.lead);
      const leadIds = new Set(leads.map((u) => u.id));
      for (const u of leads) this.tasksOfUnitEntry(u.id).lead.push(t);
      // A unit that leads a task is not also listed as supporting it (through a group it is in).
      for (const u of this.unitsOf(t.support))
        if (!leadIds.has(u.id)) this.tasksOfUnitEntry(u.id).support.push(t);
    }
    this.holidays = new Set(this.data.holidays.map((h) => h.date));
    for (const u of [...this.data.units, ...this.data.unitGroups]) {
      const end = endOf(u);
      for (const s of end?.successors ?? []) {
        const list = this.predecessorsById.get(s) ?? [];
        list.push({ id: u.id, change: end! });
        this.predecessorsById.set(s, list);
      }
    }
  }

  get<C extends CollectionName>(c: C, id: string): EntityOf<C> | undefined {
    return this.byId.get(c)?.get(id) as EntityOf<C> | undefined;
  }

  unit(id: string): Unit | undefined {
    return this.get("units", id);
  }
  group(id: string): UnitGroup | undefined {
    return this.get("unitGroups", id);
  }
  person(id: string): Person | undefined {
    return this.get("people", id);
  }
  body(id: string): Body | undefined {
    return this.get("bodies", id);
  }
  document(id: string): KDocument | undefined {
    return this.get("documents", id);
  }
  task(id: string): Task | undefined {
    return this.get("tasks", id);
  }
  meeting(id: string): Meeting | undefined {
    return this.get("meetings", id);
  }

  /** A document by its number in any spelling ("16/TB-VPCP", "16-tb/vpcp"). */
  documentByNumber(number: string): KDocument | undefined {
    return this.docByKey.get(docNumberKey(number) ?? fold(number));
  }

  /** The documents a task's title and details name by number ("Bám sát Thông báo 16/TB-VPCP …") that the knowledge holds. */
  documentsNamedBy(task: Task): KDocument[] {
    return findDocRefs(`${task.title} ${task.details ?? ""}`)
      .map((r) => this.documentByNumber(r.raw))
      .filter((d): d is KDocument => !!d);
  }

  /**
   * The one document a reference in a question names ("KH 3402", "Quyết định 01", "16/TB-VPCP"): its
   * exact số hiệu, else the one document with that number and the kind typed, else the one with that
   * number; undefined when none or several fit.
   */
  documentOfRef(ref: { raw: string; number: string; typeCode?: string }): KDocument | undefined {
    const exact = this.documentByNumber(ref.raw);
    if (exact) return exact;
    const numbered = this.documentsNumbered(ref.number);
    const ofKind = ref.typeCode ? numbered.filter((x) => x.parsed.typeCode === ref.typeCode) : [];
    if (ofKind.length === 1) return ofKind[0]!.doc;
    return numbered.length === 1 ? numbered[0]!.doc : undefined;
  }

  /** Documents whose số hiệu has this number (leading zeros ignored), with the parsed number. */
  documentsNumbered(number: string): { doc: KDocument; parsed: ParsedDocNumber }[] {
    return this.docsByNumber.get(stripZeros(number)) ?? [];
  }

  /** Every distinct document number part (for "did you mean" suggestions). */
  documentNumbers(): string[] {
    return [...this.docsByNumber.keys()];
  }

  /** A document's summary and key points, folded once (for matching names such as "Đề án 06"). */
  foldedDocText(id: string): { summary: string; points: string } {
    this.foldedDocTexts ??= new Map(
      this.data.documents.map((d) => [
        d.id,
        { summary: fold(d.summary), points: fold(d.keyPoints.join(" ")) },
      ]),
    );
    return this.foldedDocTexts.get(id) ?? { summary: "", points: "" };
  }

  /** The province's own units (not national bodies). */
  provincialUnits(): Unit[] {
    return this.data.units.filter((u) => !OUTSIDE_PROVINCE.has(u.kind));
  }

  private resolveGroup(g: UnitGroup): Unit[] {
    if (g.all) return this.provincialUnits();
    const kinds = new Set<string>(g.kinds);
    const members = new Set(g.members);
    return this.data.units.filter((u) => kinds.has(u.kind) || members.has(u.id));
  }

  private tasksOfUnitEntry(unitId: string) {
    let e = this.tasksByUnit.get(unitId);
    if (!e) {
      e = { lead: [], support: [] };
      this.tasksByUnit.set(unitId, e);
    }
    return e;
  }

  private namedEntry(id: string) {
    let e = this.tasksById.get(id);
    if (!e) {
      e = { lead: [], support: [] };
      this.tasksById.set(id, e);
    }
    return e;
  }

  /**
   * The tasks that name a unit or group id as lead or as support, as written (a group's tasks, not its
   * members'), in the order of the task list: `tasks.filter((t) => t.lead.includes(id))` without the pass.
   */
  tasksNaming(id: string): { readonly lead: readonly Task[]; readonly support: readonly Task[] } {
    return this.tasksById.get(id) ?? NONE;
  }

  /** Units named by a list of unit or group ids, each once, groups expanded. */
  unitsOf(ids: string[]): Unit[] {
    const out = new Map<string, Unit>();
    for (const id of ids) {
      const u = this.unit(id);
      if (u) out.set(u.id, u);
      for (const m of this.groupMembers.get(id) ?? []) out.set(m.id, m);
    }
    return [...out.values()];
  }

  /** Names for a list of unit or group ids, as written: "Sở Thông tin và Truyền thông; Các sở, ban, ngành". */
  namesOf(ids: string[]): string[] {
    return ids.map((id) => this.unit(id)?.name ?? this.group(id)?.name ?? id);
  }

  /** Tasks a unit leads or supports, including those assigned to a group it belongs to. */
  tasksOfUnit(unitId: string): { lead: Task[]; support: Task[] } {
    return this.tasksByUnit.get(unitId) ?? { lead: [], support: [] };
  }

  /** Groups a unit belongs to. */
  groupsOfUnit(unitId: string): UnitGroup[] {
    return this.data.unitGroups.filter((g) => this.groupMembers.get(g.id)?.some((u) => u.id === unitId));
  }

  // ------------------------------------------------------------ units over time

  private unitOrGroup(id: string): Unit | UnitGroup | undefined {
    return this.unit(id) ?? this.group(id);
  }

  /** The change that ended a unit or group (merged, split, closed), if any. */
  unitEnd(id: string): UnitChange | undefined {
    const u = this.unitOrGroup(id);
    return u && endOf(u);
  }

  /** The first day a unit exists, when its history records it. */
  unitStart(id: string): string | undefined {
    const u = this.unitOrGroup(id);
    return u && startOf(u);
  }

  /** Whether a unit (or group) exists on `date`. */
  unitExistsOn(id: string, date: string): boolean {
    const u = this.unitOrGroup(id);
    return u !== undefined && existsOn(u, date);
  }

  /** The unit as it was on `date` (its name then), or undefined when it did not exist then. */
  unitAsOf(id: string, date: string): Unit | undefined {
    const u = this.unit(id);
    if (!u || !existsOn(u, date)) return undefined;
    const name = nameOn(u, date);
    return name === u.name ? u : { ...u, name };
  }

  /** A unit's or group's name on `date` (its former name before a rename). */
  nameOn(id: string, date: string): string {
    const u = this.unitOrGroup(id);
    return u ? nameOn(u, date) : id;
  }

  /**
   * The units that stand for `id` on `date`: itself while it exists; after a merger or a split, its
   * successors (followed further if they ended too); none for a unit closed with no successor.
   */
  currentUnits(id: string, date: string): Unit[] {
    const out = new Map<string, Unit>();
    const seen = new Set<string>();
    const walk = (x: string) => {
      if (seen.has(x)) return;
      seen.add(x);
      const u = this.unitOrGroup(x);
      if (!u) return;
      const end = endOf(u);
      if (!end || date < end.date) {
        const unit = this.unit(x);
        if (unit && existsOn(unit, date)) out.set(unit.id, unit);
        return;
      }
      for (const s of end.successors) walk(s);
    };
    walk(id);
    return [...out.values()];
  }

  /** The units (and groups) merged or split into `id`, with the change. */
  predecessorsOf(id: string): { id: string; change: UnitChange }[] {
    const direct = this.predecessorsById.get(id) ?? [];
    const established = this.unitOrGroup(id)?.history?.find((c) => c.kind === "established");
    const extra = (established?.predecessors ?? [])
      .filter((p) => !direct.some((d) => d.id === p))
      .map((p) => ({ id: p, change: established! }));
    return [...direct, ...extra];
  }

  /** Who holds a task's units (lead or support ids) on `date`: groups' members then, merged units' successors. */
  private holdersOn(task: Task, ids: string[], date: string): Unit[] {
    const out = new Map<string, Unit>();
    for (const id of ids) {
      const g = this.group(id);
      if (g) {
        const end = endOf(g);
        if (end && end.date <= date) {
          for (const s of end.successors) for (const u of this.currentUnits(s, date)) out.set(u.id, u);
          continue;
        }
        for (const m of this.groupMembers.get(id) ?? []) if (existsOn(m, date)) out.set(m.id, m);
        continue;
      }
      const u = this.unit(id);
      if (!u) continue;
      const end = endOf(u);
      // A task finished before the unit ended stays with it.
      if (end && end.date <= date && finishedBefore(task, end.date)) {
        out.set(u.id, u);
        continue;
      }
      for (const c of this.currentUnits(id, date)) out.set(c.id, c);
    }
    return [...out.values()];
  }

  /** The units that lead a task on `date` (a merged unit's successors from the merger on). */
  leadUnitsOn(task: Task, date: string): Unit[] {
    return this.holdersOn(task, task.lead, date);
  }

  /** The units that coordinate a task on `date`. */
  supportUnitsOn(task: Task, date: string): Unit[] {
    return this.holdersOn(task, task.support, date);
  }

  /**
   * The tasks a unit holds on `date`: its own (by name or through a group it is in) and the open tasks
   * of the units merged or split into it (`from`: the unit they were assigned to). Completed tasks stay
   * with the unit that did them.
   */
  tasksHeldOn(unitId: string, date: string): { lead: HeldTask[]; support: HeldTask[] } {
    const own = this.tasksOfUnit(unitId);
    const lead: HeldTask[] = own.lead.map((task) => ({ task }));
    const support: HeldTask[] = [];
    const have = new Set(own.lead.map((t) => t.id));
    const seen = new Set<string>([unitId]);
    const inherit = (id: string) => {
      for (const p of this.predecessorsOf(id)) {
        if (seen.has(p.id) || p.change.date > date) continue;
        seen.add(p.id);
        const theirs = this.group(p.id) ? this.tasksNaming(p.id) : this.tasksOfUnit(p.id);
        const pick = (list: readonly Task[], to: HeldTask[], role: "lead" | "support") => {
          for (const t of list) {
            if (have.has(t.id) || !t[role].includes(p.id) || finishedBefore(t, p.change.date)) continue;
            if (!this.holdersOn(t, t[role], date).some((u) => u.id === unitId)) continue;
            have.add(t.id);
            to.push({ task: t, from: p.id });
          }
        };
        pick(theirs.lead, lead, "lead");
        pendingSupport.push(() => pick(theirs.support, support, "support"));
        inherit(p.id);
      }
    };
    const pendingSupport: (() => void)[] = [];
    inherit(unitId);
    // What the unit leads (its own or taken over) is not also listed as supported.
    for (const t of own.support) {
      if (have.has(t.id)) continue;
      have.add(t.id);
      support.push({ task: t });
    }
    for (const f of pendingSupport) f();
    return { lead, support };
  }

  /**
   * One sentence on how a unit ended, with where it is stated: "Sở Thông tin và Truyền thông đã hợp
   * nhất vào Sở Khoa học và Công nghệ từ 01/03/2025 (Nghị định …)". Undefined for a unit that has not
   * ended (or has not ended by `date`, when given).
   */
  unitEndSentence(id: string, date?: string): { text: string; sources: string[] } | undefined {
    const u = this.unitOrGroup(id);
    const end = u && endOf(u);
    if (!u || !end || (date !== undefined && date < end.date)) return undefined;
    const before = nameOn(u, addDays(end.date, -1));
    const names = end.successors.map((s) => this.nameOn(s, end.date));
    const on = formatViDate(end.date);
    const by = end.document ? ` theo ${end.document}` : "";
    const why = end.note ? ` (${end.note.replace(/[.\s]+$/, "")})` : "";
    let text: string;
    if (end.kind === "merged")
      text = `${before} đã hợp nhất vào ${names[0] ?? "đơn vị khác"} từ ${on}${by}${why}`;
    else if (end.kind === "split")
      text = `${before} đã được chia tách thành ${names.join(", ")} từ ${on}${by}${why}`;
    else
      text = names.length
        ? `${before} đã giải thể từ ${on}${by}${why}; ${names.join(", ")} tiếp nhận nhiệm vụ`
        : `${before} đã kết thúc hoạt động từ ${on}${by}${why}; nguồn không nêu đơn vị tiếp nhận`;
    return { text: `${text}.`, sources: end.sources.length ? end.sources : u.sources };
  }

  /** "Sở X đổi tên thành Sở Y từ 01/07/2025": the latest rename on or before `date`. */
  unitRenameSentence(id: string, date: string): { text: string; sources: string[] } | undefined {
    const u = this.unitOrGroup(id);
    const r = u?.history?.filter((c) => c.kind === "renamed" && c.formerName && c.date <= date).at(-1);
    if (!u || !r) return undefined;
    const by = r.document ? ` theo ${r.document}` : "";
    return {
      text: `${r.formerName} đổi tên thành ${nameOn(u, r.date)} từ ${formatViDate(r.date)}${by}.`,
      sources: r.sources.length ? r.sources : u.sources,
    };
  }

  source(id: string): Source | undefined {
    return this.get("sources", id);
  }

  /** A citation for a source id (a document or a source entry). */
  cite(id: string): Citation | undefined {
    const d = this.document(id);
    if (d) return { id, label: documentLabel(d) };
    const s = this.source(id);
    if (!s) return undefined;
    const parts = [s.title];
    if (s.publisher) parts.push(s.publisher);
    if (s.url && s.url !== s.publisher) parts.push(s.url);
    if (s.date) parts.push(formatViDate(s.date));
    return { id, label: parts.join(", ") };
  }

  /** Citations for an entry's sources, each once. */
  citeAll(ids: string[]): Citation[] {
    const seen = new Set<string>();
    const out: Citation[] = [];
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const c = this.cite(id);
      if (c) out.push(c);
    }
    return out;
  }
}

/** "Thông báo số 16/TB-VPCP ngày 28/01/2023" */
export function documentLabel(d: KDocument): string {
  return `${d.type} số ${d.number} ngày ${formatViDate(d.date)}`;
}

function stripZeros(n: string): string {
  return n.replace(/^0+(?=\d)/, "");
}
