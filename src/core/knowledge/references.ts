/**
 * Checks across the knowledge base: unique ids and document numbers, and that every id an entry
 * refers to exists. Messages are Vietnamese and name the file, the entry and the field.
 */
import { docNumberKey } from "../text/doc-number.ts";
import type { Problem } from "./load.ts";
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName, type KnowledgeData } from "./schema.ts";
import { checkHistories } from "./unit-history.ts";

export function checkReferences(data: KnowledgeData): Problem[] {
  const problems: Problem[] = [];
  const ids = {} as Record<CollectionName, Set<string>>;

  for (const c of COLLECTION_NAMES) {
    const seen = new Set<string>();
    const file = COLLECTIONS[c].file;
    (data[c] as { id: string }[]).forEach((e, i) => {
      if (seen.has(e.id)) {
        problems.push({
          file,
          entry: `mục ${i + 1} (${e.id})`,
          field: "id",
          message: "mã bị trùng",
          severity: "error",
        });
      }
      seen.add(e.id);
    });
    ids[c] = seen;
  }

  const err = (c: CollectionName, id: string, field: string, message: string) =>
    problems.push({ file: COLLECTIONS[c].file, entry: id, field, message, severity: "error" });

  for (const g of data.unitGroups) {
    if (ids.units.has(g.id)) err("unitGroups", g.id, "id", "trùng với mã của một đơn vị trong units.yaml");
  }

  const sourceIds = new Set([...ids.sources, ...ids.documents]);
  const checkSources = (c: CollectionName, id: string, list: string[], field = "sources") =>
    list.forEach((s, i) => {
      if (!sourceIds.has(s)) err(c, id, `${field}[${i + 1}]`, `không có nguồn hay văn bản mã “${s}”`);
    });
  const ref = (
    c: CollectionName,
    id: string,
    field: string,
    target: CollectionName | "unitOrGroup",
    v?: string,
  ) => {
    if (v === undefined) return;
    const ok = target === "unitOrGroup" ? ids.units.has(v) || ids.unitGroups.has(v) : ids[target].has(v);
    if (!ok) {
      const what =
        target === "unitOrGroup"
          ? "đơn vị hay nhóm đơn vị"
          : target === "documents"
            ? "văn bản"
            : target === "people"
              ? "người"
              : target === "bodies"
                ? "tổ chức"
                : "đơn vị";
      err(c, id, field, `không có ${what} mã “${v}”`);
    }
  };

  for (const c of COLLECTION_NAMES) {
    for (const e of data[c] as { id: string; sources?: string[] }[]) {
      if (c !== "sources") checkSources(c, e.id, e.sources ?? []);
    }
  }

  for (const u of data.units) {
    ref("units", u.id, "parent", "units", u.parent);
    (u.history ?? []).forEach((c, i) => {
      checkSources("units", u.id, c.sources, `history[${i + 1}].sources`);
    });
  }
  for (const g of data.unitGroups)
    (g.history ?? []).forEach((c, i) => {
      checkSources("unitGroups", g.id, c.sources, `history[${i + 1}].sources`);
    });
  problems.push(...checkHistories(data));
  for (const g of data.unitGroups)
    g.members.forEach((m, i) => {
      ref("unitGroups", g.id, `members[${i + 1}]`, "units", m);
    });
  for (const b of data.bodies) {
    ref("bodies", b.id, "parent", "bodies", b.parent);
    ref("bodies", b.id, "establishedBy", "documents", b.establishedBy);
  }
  for (const p of data.people) {
    p.positions.forEach((pos, i) => {
      ref("people", p.id, `positions[${i + 1}].unit`, "units", pos.unit);
      ref("people", p.id, `positions[${i + 1}].body`, "bodies", pos.body);
      checkSources("people", p.id, pos.sources, `positions[${i + 1}].sources`);
    });
  }
  const numberKeys = new Map<string, string>();
  for (const d of data.documents) {
    d.relations.forEach((r, i) => {
      ref("documents", d.id, `relations[${i + 1}].target`, "documents", r.target);
    });
    const key = docNumberKey(d.number);
    if (key === null) {
      problems.push({
        file: COLLECTIONS.documents.file,
        entry: d.id,
        field: "number",
        message: `số hiệu “${d.number}” không đúng dạng số hiệu văn bản (ví dụ 16/TB-VPCP)`,
        severity: "warning",
      });
      continue;
    }
    const other = numberKeys.get(key);
    if (other) err("documents", d.id, "number", `số hiệu “${d.number}” trùng với văn bản ${other}`);
    else numberKeys.set(key, d.id);
  }
  for (const t of data.themes) ref("themes", t.id, "body", "bodies", t.body);
  for (const t of data.tasks) {
    t.lead.forEach((u, i) => {
      ref("tasks", t.id, `lead[${i + 1}]`, "unitOrGroup", u);
    });
    t.support.forEach((u, i) => {
      ref("tasks", t.id, `support[${i + 1}]`, "unitOrGroup", u);
    });
    ref("tasks", t.id, "document", "documents", t.document);
  }
  for (const m of data.meetings) {
    ref("meetings", m.id, "body", "bodies", m.body);
    ref("meetings", m.id, "chair", "people", m.chair);
    m.attendees.forEach((a, i) => {
      ref("meetings", m.id, `attendees[${i + 1}].person`, "people", a.person);
      ref("meetings", m.id, `attendees[${i + 1}].unit`, "units", a.unit);
      ref("meetings", m.id, `attendees[${i + 1}].body`, "bodies", a.body);
    });
    m.documents.forEach((d, i) => {
      ref("meetings", m.id, `documents[${i + 1}]`, "documents", d);
    });
  }
  for (const t of data.targets) ref("targets", t.id, "document", "documents", t.document);
  return problems;
}
