/**
 * Applying an import preview: all or nothing, in ONE `store.commitChange` (audit action "import.tasks"),
 * then the app's knowledge is rebuilt. Before writing:
 * - the preview must still describe the knowledge (no task it adds now exists, every task it changes or
 *   removes is still as it was when previewed), else "stale": make a new preview;
 * - every unit a task refers to must exist, or be created (`createUnits`), else "unmatched-units";
 * - the resulting knowledge is checked (unit, group and document references) for what the import touches.
 */
import type { App } from "../app/app.ts";
import { checkReferences } from "../core/knowledge/references.ts";
import type { KDocument, KnowledgeData, Task, Unit } from "../core/knowledge/schema.ts";
import type { Actor, AuditEntry } from "../store/index.ts";
import { jsonEqual } from "../store/json-file.ts";
import { ImportError } from "./errors.ts";
import type { ImportPreview } from "./preview.ts";

export const IMPORT_ACTION = "import.tasks";

export interface ApplyOptions {
  /** Create the units the preview proposes (overrides the preview's own `createUnits`). */
  createUnits?: boolean;
}

export interface ApplyResult {
  /** The audit entry; null when nothing changed. */
  entry: AuditEntry | null;
  /** The change is saved but its audit entry waits in the journal (audit.json could not take it). */
  auditPending: boolean;
  added: number;
  changed: number;
  removed: number;
  unitsCreated: Unit[];
  /** The plan's document, when applying added it. */
  documentCreated: KDocument | null;
}

type AppLike = Pick<App, "store" | "knowledge" | "reloadKnowledge">;

function stale(): ImportError {
  return new ImportError(
    "stale",
    "Cơ sở tri thức đã thay đổi sau khi xem trước nên chưa áp dụng. Hãy nhập lại tệp để xem trước lần nữa.",
  );
}

export async function applyImport(
  app: AppLike,
  preview: ImportPreview,
  actor: Actor,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const kb = app.knowledge();
  const newDoc = preview.newDocument;
  if (newDoc && (kb.document(newDoc.id) || kb.documentByNumber(newDoc.number))) throw stale();
  for (const a of preview.added) if (kb.task(a.task.id)) throw stale();
  for (const c of preview.changed) if (!jsonEqual(kb.task(c.before.id), c.before)) throw stale();
  for (const r of preview.removed) if (!jsonEqual(kb.task(r.id), r)) throw stale();

  const writes: Task[] = [...preview.added.map((a) => a.task), ...preview.changed.map((c) => c.after)];
  const known = (id: string) => kb.unit(id) !== undefined || kb.group(id) !== undefined;
  const needed = new Set(writes.flatMap((t) => [...t.lead, ...t.support]).filter((id) => !known(id)));
  const proposals = new Map(preview.unmatchedUnits.flatMap((p) => (p.unit ? [[p.unit.id, p] as const] : [])));
  const units: Unit[] = [];
  if (needed.size) {
    const createUnits = opts.createUnits ?? preview.createUnits;
    const missing = [...needed].map((id) => proposals.get(id)?.name ?? id);
    if (!createUnits) {
      throw new ImportError(
        "unmatched-units",
        `Chưa áp dụng: ${needed.size} đơn vị chưa có trong cơ sở tri thức (${missing.map((n) => `“${n}”`).join(", ")}). ` +
          "Hãy thêm các đơn vị đó (hoặc bí danh của chúng) trước, hoặc chọn tạo đơn vị mới khi nhập (--create-units).",
      );
    }
    for (const id of needed) {
      const p = proposals.get(id);
      if (!p?.unit) throw stale();
      units.push(p.unit);
    }
  }

  // The knowledge as it would be: checked before anything is written.
  const removedIds = new Set(preview.removed.map((t) => t.id));
  const byId = new Map(writes.map((t) => [t.id, t]));
  const data: KnowledgeData = {
    ...kb.data,
    documents: newDoc ? [...kb.data.documents, newDoc] : kb.data.documents,
    units: [...kb.data.units, ...units],
    tasks: [
      ...kb.data.tasks.filter((t) => !removedIds.has(t.id)).map((t) => byId.get(t.id) ?? t),
      ...preview.added.map((a) => a.task),
    ],
  };
  const touched = new Set([...byId.keys(), ...units.map((u) => u.id), ...(newDoc ? [newDoc.id] : [])]);
  const problems = checkReferences(data).filter((p) => {
    if (p.severity !== "error" || p.entry === undefined) return false;
    return touched.has(/\(([^)]+)\)$/.exec(p.entry)?.[1] ?? p.entry);
  });
  if (problems.length) {
    throw new ImportError(
      "invalid",
      `Chưa áp dụng vì dữ liệu sau khi nhập không hợp lệ: ${problems
        .slice(0, 3)
        .map((p) => `${p.entry} › ${p.field ?? ""}: ${p.message}`)
        .join("; ")}.`,
    );
  }

  const docs = preview.documents.map((d) => d.number).join(", ");
  const counts = [
    `thêm ${preview.added.length}`,
    `sửa ${preview.changed.length}`,
    `bỏ ${preview.removed.length} nhiệm vụ`,
    ...(units.length ? [`thêm ${units.length} đơn vị`] : []),
    ...(newDoc ? [`thêm văn bản ${newDoc.number}`] : []),
  ].join(", ");
  const entry = await app.store.commitChange(
    {
      actor,
      action: IMPORT_ACTION,
      note: `Nhập tệp “${preview.file.name}”${docs ? ` (${docs})` : ""}: ${counts}`,
    },
    (tx) => {
      if (newDoc) tx.upsert("documents", newDoc);
      for (const u of units) tx.upsert("units", u);
      for (const t of writes) tx.upsert("tasks", t);
      for (const t of preview.removed) tx.remove("tasks", t.id);
    },
  );
  app.reloadKnowledge();
  return {
    entry,
    auditPending: app.store.auditPending(),
    added: preview.added.length,
    changed: preview.changed.length,
    removed: preview.removed.length,
    unitsCreated: units,
    documentCreated: newDoc ?? null,
  };
}

/** Reverts the most recent change (an import, a chat edit…) and rebuilds the knowledge. Null: nothing to undo. */
export async function undoLastChange(app: AppLike, actor: Actor): Promise<AuditEntry | null> {
  const entry = await app.store.undoLast(actor);
  if (entry) app.reloadKnowledge();
  return entry;
}
