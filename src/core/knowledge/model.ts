/**
 * The in-memory knowledge: the validated data plus the lookups every other part needs
 * (entities by id, documents by number, the units a task applies to, the tasks of a unit).
 * Built once per knowledge version; immutable. Due dates are as the files give them: the shipped
 * knowledge writes them out, imports compute them from the written deadline (deadlines/due-date.ts).
 */

import { docNumberKey, type ParsedDocNumber, parseDocNumber } from "../text/doc-number.ts";
import { fold } from "../text/normalize.ts";
import { formatViDate } from "../time.ts";
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
  UnitGroup,
} from "./schema.ts";
import { COLLECTION_NAMES } from "./schema.ts";

export interface Citation {
  id: string;
  /** "Thông báo số 16/TB-VPCP ngày 28/01/2023" or "Báo Ninh Thuận, baoninhthuan.com.vn/…, 16/8/2023". */
  label: string;
}

/** Unit kinds that are not the province's own agencies (a group "all units" leaves them out). */
const OUTSIDE_PROVINCE = new Set(["trung-uong"]);

export class Knowledge {
  readonly data: KnowledgeData;
  private readonly byId = new Map<CollectionName, Map<string, unknown>>();
  private readonly docByKey = new Map<string, KDocument>();
  /** Documents by the number part of their số hiệu, leading zeros dropped ("03-TB/…" under "3"). */
  private readonly docsByNumber = new Map<string, { doc: KDocument; parsed: ParsedDocNumber }[]>();
  private foldedDocTexts: Map<string, { summary: string; points: string }> | undefined;
  private readonly groupMembers = new Map<string, Unit[]>();
  private readonly tasksByUnit = new Map<string, { lead: Task[]; support: Task[] }>();
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
      const leads = this.unitsOf(t.lead);
      const leadIds = new Set(leads.map((u) => u.id));
      for (const u of leads) this.tasksOfUnitEntry(u.id).lead.push(t);
      // A unit that leads a task is not also listed as supporting it (through a group it is in).
      for (const u of this.unitsOf(t.support))
        if (!leadIds.has(u.id)) this.tasksOfUnitEntry(u.id).support.push(t);
    }
    this.holidays = new Set(this.data.holidays.map((h) => h.date));
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
