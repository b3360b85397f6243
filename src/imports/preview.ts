/**
 * What an import would do, before it does anything: tasks added, changed (field by field), unchanged
 * and removed (tasks of the same documents that the table no longer lists), units not recognised (with
 * the closest known ones and the unit `--create-units` would add), rows not read (row number + reason).
 *
 * A preview is plain JSON (no Dates, Maps or classes): a chat button can keep it and apply it later by
 * its `id`. `applyImport` (apply.ts) checks that the knowledge has not changed in between.
 *
 * Merging with a task that exists: only what the table says replaces what the task has. Details,
 * progress, year and sources stay; a column the table lacks (no "Sản phẩm" column…) leaves its field
 * as it is; a deadline whose text did not change keeps its due date and recurrence as they are, so an
 * export re-imported changes nothing. A changed task gets the document added to its sources and today
 * as `asOf`.
 */
import { createHash } from "node:crypto";
import { parseDeadline } from "../core/deadlines/due-date.ts";
import { documentLabel, type Knowledge } from "../core/knowledge/model.ts";
import { newDocumentEntry, typeOfNumber } from "../core/knowledge/new-document.ts";
import { type DocumentType, type KDocument, type Task, taskSchema } from "../core/knowledge/schema.ts";
import { docNumberKey, findDocRefs, matchesDocRef } from "../core/text/doc-number.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { ImportError } from "./errors.ts";
import { type PlanHeader, readPlanHeader } from "./plan-header.ts";
import { HEADER_SEARCH_ROWS } from "./plan-layout.ts";
import {
  detectLayouts,
  normText,
  type ParsedTask,
  type ProposedUnit,
  parsePlan,
  type RowProblem,
} from "./plan-rows.ts";
import { type InputFile, readTables, type Table } from "./read-table.ts";
import { UnitMatcher } from "./unit-matcher.ts";

export type TaskField =
  | "title"
  | "lead"
  | "support"
  | "deadline"
  | "product"
  | "group"
  | "clause"
  | "document";

export const FIELD_LABELS: Record<TaskField, string> = {
  title: "tên nhiệm vụ",
  lead: "đơn vị chủ trì",
  support: "đơn vị phối hợp",
  deadline: "thời hạn",
  product: "sản phẩm",
  group: "nhóm nhiệm vụ",
  clause: "số thứ tự (TT)",
  document: "văn bản giao",
};

export interface FieldChange {
  field: TaskField;
  /** As shown to people: unit names, "Quý II/2023 (hạn 30/06/2023)", "(trống)". */
  before: string;
  after: string;
}

export interface AddedTask {
  row: number;
  sheet?: string;
  task: Task;
}

export interface ChangedTask {
  row: number;
  sheet?: string;
  before: Task;
  after: Task;
  fields: FieldChange[];
}

export interface ImportPreview {
  version: 1;
  /** Identifies this preview (a button carries it). */
  id: string;
  /** When it was made (ISO instant). */
  createdAt: string;
  file: { name: string; size: number; sha256: string };
  /** The documents the rows belong to. */
  documents: { id: string; number: string; label: string }[];
  /** The plan the file is (from its header or title block, or the one named for the import). */
  document?: PlanDocumentInfo;
  /** The plan's document when the knowledge does not have it yet: applying adds it with the tasks. */
  newDocument?: KDocument;
  /** The names of the file's group rows (sections), in order. */
  groups: string[];
  /** Whether applying creates the units in `unmatchedUnits` (the caller may still decide at apply time). */
  createUnits: boolean;
  added: AddedTask[];
  changed: ChangedTask[];
  unchanged: { id: string; title: string }[];
  removed: Task[];
  unmatchedUnits: ProposedUnit[];
  /** Rows not read ("error") and rows read with a remark ("warning"), in sheet order. */
  problems: RowProblem[];
}

export interface PlanDocumentInfo {
  id: string;
  number: string;
  /** ISO date. */
  date: string;
  issuer: string;
  title: string;
  /** Not in the knowledge yet: applying the import adds it. */
  isNew: boolean;
}

/** What a new plan document needs when the file does not say it (the CLI's --document-date…). */
export interface NewDocumentFields {
  /** ISO date. */
  date?: string;
  issuer?: string;
  title?: string;
  type?: DocumentType;
}

export interface PreviewOptions {
  /** Số hiệu of the document the table belongs to ("56/QĐ-UBND"); added when new (see `documentFields`). */
  document?: string;
  /** For a plan the knowledge does not have: what the file does not say. */
  documentFields?: NewDocumentFields;
  /** Create the units the table names that the knowledge does not have. */
  createUnits?: boolean;
  /** The year for deadlines written without one ("Quý II"). */
  year?: number;
}

/** Reads the file and compares it with the app's current knowledge. Changes nothing. */
export async function previewImport(
  app: { knowledge(): Knowledge; now(): Date },
  file: InputFile,
  opts: PreviewOptions = {},
): Promise<ImportPreview> {
  const tables = await readTables(file);
  return buildPreview(app.knowledge(), tables, file, opts, app.now());
}

/** The known document a number names, in any spelling; undefined when the knowledge has none. */
export function findDocument(kb: Knowledge, number: string): KDocument | undefined {
  const direct = kb.documentByNumber(number.trim());
  if (direct) return direct;
  for (const ref of findDocRefs(number)) {
    const hits = kb.data.documents.filter((d) => matchesDocRef(ref, d.number));
    if (hits.length === 1) return hits[0]!;
  }
  return undefined;
}

/** The document a number names, or an `ImportError` asking to add it first. */
export function resolveDocument(kb: Knowledge, number: string): KDocument {
  const doc = findDocument(kb, number);
  if (doc) return doc;
  throw new ImportError(
    "unknown-document",
    `Chưa có văn bản “${number.trim()}” trong cơ sở tri thức. Hãy thêm văn bản đó trước ` +
      "(số hiệu, loại, ngày, cơ quan ban hành, trích yếu), rồi nhập lại bảng nhiệm vụ.",
  );
}

function sameNumber(a: string, b: string): boolean {
  const ka = docNumberKey(a);
  return ka !== null && ka === docNumberKey(b);
}

/**
 * The plan document of an import: the one named (`--document`), else the one the file's header or
 * title block names. A number the knowledge does not have becomes a new document, from the file's
 * header (when its number is the one named) and `documentFields`; an `ImportError` says what is
 * missing when neither gives its date and issuer.
 */
export function planDocumentOf(
  kb: Knowledge,
  header: PlanHeader,
  opts: Pick<PreviewOptions, "document" | "documentFields">,
  today: string,
  /** The rows name their own documents ("Căn cứ" column): a plan the file names incompletely is no error. */
  rowsNameDocuments = false,
): { document: KDocument; isNew: boolean } | undefined {
  const named = opts.document?.trim();
  const number = named || header.number;
  if (!number) return undefined;
  const known = findDocument(kb, number);
  if (known) return { document: known, isNew: false };
  const fromFile = header.number && (!named || sameNumber(header.number, named)) ? header : {};
  const fields = opts.documentFields ?? {};
  const type = fields.type ?? fromFile.type ?? typeOfNumber(number);
  const date = fields.date ?? fromFile.date;
  const issuer = fields.issuer ?? fromFile.issuer;
  const missing = [
    ...(date ? [] : ["ngày ban hành (--document-date dd/mm/yyyy)"]),
    ...(issuer ? [] : ['cơ quan ban hành (--issuer "…")']),
    ...(type ? [] : ['loại văn bản (--type "Kế hoạch")']),
  ];
  if (!date || !issuer || !type) {
    if (!named && rowsNameDocuments) return undefined;
    throw new ImportError(
      "incomplete-document",
      `Chưa có văn bản “${number}” trong cơ sở tri thức, và tệp không ghi ${missing.join(", ")}. ` +
        "Hãy ghi thêm các thông tin đó khi nhập (dòng lệnh), hoặc thêm văn bản trước (/themvb trong chat, " +
        "hay “kb doc add” ở dòng lệnh), rồi nhập lại.",
    );
  }
  const writtenNumber = fromFile.number ?? number;
  const title = fields.title ?? fromFile.title ?? `${type} số ${writtenNumber}`;
  const document = newDocumentEntry(kb, { number: writtenNumber, type, date, issuer, title }, { today });
  return { document, isNew: true };
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function buildPreview(
  kb: Knowledge,
  tables: Table[],
  file: InputFile,
  opts: PreviewOptions,
  now: Date,
): ImportPreview {
  const today = localDate(now);
  const layouts = detectLayouts(tables);
  if (layouts.length === 0) {
    throw new ImportError(
      "no-header",
      `Không tìm thấy dòng tiêu đề của bảng nhiệm vụ trong tệp “${file.name}” (${HEADER_SEARCH_ROWS} dòng đầu mỗi trang, mỗi bảng). ` +
        "Bảng cần có các cột như “TT”, “Nhiệm vụ”, “Cơ quan chủ trì”, “Cơ quan phối hợp”, “Thời gian hoàn thành”.",
    );
  }
  const header = readPlanHeader(layouts[0]!.layout.titleBlock.split("\n"), {
    province: kb.data.province.name,
  });
  const basisColumn = layouts.some((l) => l.layout.columns.basis !== undefined);
  const plan0 = planDocumentOf(kb, header, opts, today, basisColumn);
  const document = plan0?.document;
  const matcher = new UnitMatcher(kb);
  const { plan } = parsePlan(tables, {
    kb,
    matcher,
    today,
    layouts,
    ...(document ? { document } : {}),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
  });
  if (plan.tasks.length === 0 && plan.problems.length === 0) {
    throw new ImportError(
      "no-tasks",
      `Bảng trong tệp “${file.name}” không có dòng nhiệm vụ nào dưới dòng tiêu đề.`,
    );
  }

  const proposedNames = new Map<string, string>();
  for (const p of plan.unmatchedUnits) if (p.unit) proposedNames.set(p.unit.id, p.unit.name);
  const names = (ids: string[]) => ids.map((id) => proposedNames.get(id) ?? kb.namesOf([id])[0] ?? id);

  const added: AddedTask[] = [];
  const changed: ChangedTask[] = [];
  const unchanged: { id: string; title: string }[] = [];
  const problems = [...plan.problems];
  const seen = new Set<string>();

  for (const pt of plan.tasks) {
    seen.add(pt.id);
    const existing = kb.task(pt.id);
    const built = existing ? mergeTask(existing, pt, today) : newTask(pt, kb, today);
    const parsed = taskSchema.safeParse(built);
    if (!parsed.success) {
      const msg = parsed.error.issues
        .slice(0, 2)
        .map((i) => i.message)
        .join("; ");
      problems.push({
        row: pt.row,
        ...(pt.sheet ? { sheet: pt.sheet } : {}),
        message: msg,
        severity: "error",
      });
      continue;
    }
    const task = parsed.data;
    const where = { row: pt.row, ...(pt.sheet ? { sheet: pt.sheet } : {}) };
    if (!existing) {
      added.push({ ...where, task });
      continue;
    }
    const fields = diffFields(existing, task, names, kb);
    if (fields.length === 0) unchanged.push({ id: existing.id, title: existing.title });
    else changed.push({ ...where, before: existing, after: task, fields });
  }

  const docs = new Set(plan.documents);
  const protectedIds = new Set(plan.protectedIds);
  const removed = kb.data.tasks.filter(
    (t) => t.document !== undefined && docs.has(t.document) && !seen.has(t.id) && !protectedIds.has(t.id),
  );
  problems.sort((a, b) => (a.sheet ?? "").localeCompare(b.sheet ?? "") || a.row - b.row);

  const fileInfo = { name: file.name, size: file.bytes.byteLength, sha256: sha256(file.bytes) };
  const createdAt = now.toISOString();
  const id = createHash("sha256")
    .update(JSON.stringify([fileInfo.sha256, opts, createdAt]))
    .digest("hex")
    .slice(0, 16);
  return {
    version: 1,
    id,
    createdAt,
    file: fileInfo,
    documents: [...docs]
      .map((d) => (plan0?.isNew && d === plan0.document.id ? plan0.document : kb.document(d)))
      .filter((d): d is KDocument => d !== undefined)
      .map((d) => ({ id: d.id, number: d.number, label: documentLabel(d) })),
    ...(plan0
      ? {
          document: {
            id: plan0.document.id,
            number: plan0.document.number,
            date: plan0.document.date,
            issuer: plan0.document.issuer,
            title: plan0.document.summary,
            isNew: plan0.isNew,
          },
        }
      : {}),
    ...(plan0?.isNew ? { newDocument: plan0.document } : {}),
    groups: plan.groups,
    createUnits: opts.createUnits ?? false,
    added,
    changed,
    unchanged,
    removed,
    unmatchedUnits: plan.unmatchedUnits,
    problems,
  };
}

// ---------------------------------------------------------------- building tasks

function deadlineOf(text: string, year: number | undefined): Task["deadline"] {
  return { text, ...parseDeadline(text, year !== undefined ? { year } : {}) };
}

function newTask(pt: ParsedTask, kb: Knowledge, today: string): unknown {
  const f = pt.fields;
  const doc = f.document ? kb.document(f.document) : undefined;
  return stripUndefined({
    id: pt.id,
    title: f.title,
    lead: f.lead,
    support: f.support,
    deadline: deadlineOf(f.deadlineText, pt.year),
    document: f.document,
    clause: f.clause ?? undefined,
    group: f.group ?? undefined,
    product: f.product ?? undefined,
    year: pt.year,
    progress: {},
    sources: f.document ? [f.document] : [],
    asOf: doc?.date ?? today,
  });
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;
}

function sameText(a: string | undefined, b: string | null | undefined): boolean {
  return normText(a ?? "") === normText(b ?? "");
}

/** The existing task with what the row says; fields the row does not speak of are kept. */
function mergeTask(existing: Task, pt: ParsedTask, today: string): unknown {
  const f = pt.fields;
  const t: Record<string, unknown> = structuredClone(existing);
  let touched = false;
  const set = (k: keyof Task, v: unknown) => {
    touched = true;
    if (v === undefined || v === null) delete t[k];
    else t[k] = v;
  };
  if (!sameText(existing.title, f.title)) set("title", f.title);
  if (!sameSet(existing.lead, f.lead)) set("lead", f.lead);
  const oldSupport = existing.support.filter((s) => !f.lead.includes(s));
  if (!sameSet(oldSupport, f.support)) set("support", f.support);
  if (!sameText(existing.deadline.text, f.deadlineText)) {
    set("deadline", deadlineOf(f.deadlineText, pt.year ?? existing.year));
  }
  for (const k of ["product", "group", "clause"] as const) {
    const v = f[k];
    if (v !== undefined && !sameText(existing[k], v)) set(k, v);
  }
  if (f.document !== undefined && f.document !== existing.document) set("document", f.document);
  if (touched) {
    const doc = f.document ?? existing.document;
    if (doc && !existing.sources.includes(doc)) t.sources = [...existing.sources, doc];
    t.asOf = today > existing.asOf ? today : existing.asOf;
  }
  return t;
}

function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------- describing changes

/** "Quý II/2023 (hạn 30/06/2023)", "Thường xuyên (liên tục)", "Hằng năm (hạn 31/12 hằng năm)". */
export function describeDeadline(d: Task["deadline"]): string {
  const extra: string[] = [];
  if (d.due) extra.push(`hạn ${formatViDate(d.due)}`);
  if (d.recurrence?.kind === "yearly") {
    extra.push(
      `hạn ${String(d.recurrence.day).padStart(2, "0")}/${String(d.recurrence.month).padStart(2, "0")} hằng năm`,
    );
  } else if (d.recurrence?.kind === "quarterly") extra.push("cuối mỗi quý");
  else if (d.recurrence?.kind === "monthly") {
    extra.push(d.recurrence.day ? `ngày ${d.recurrence.day} hằng tháng` : "cuối mỗi tháng");
  }
  if (d.continuous) extra.push("liên tục, không có hạn");
  return extra.length ? `${d.text} (${extra.join("; ")})` : d.text;
}

function diffFields(
  before: Task,
  after: Task,
  names: (ids: string[]) => string[],
  kb: Knowledge,
): FieldChange[] {
  const out: FieldChange[] = [];
  const empty = "(trống)";
  const txt = (v: string | undefined) => v ?? empty;
  if (before.title !== after.title) out.push({ field: "title", before: before.title, after: after.title });
  for (const k of ["lead", "support"] as const) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      out.push({
        field: k,
        before: names(before[k]).join("; ") || empty,
        after: names(after[k]).join("; ") || empty,
      });
    }
  }
  if (JSON.stringify(before.deadline) !== JSON.stringify(after.deadline)) {
    out.push({
      field: "deadline",
      before: describeDeadline(before.deadline),
      after: describeDeadline(after.deadline),
    });
  }
  for (const k of ["product", "group", "clause"] as const) {
    if (before[k] !== after[k]) out.push({ field: k, before: txt(before[k]), after: txt(after[k]) });
  }
  if (before.document !== after.document) {
    const num = (id: string | undefined) => (id ? (kb.document(id)?.number ?? id) : empty);
    out.push({ field: "document", before: num(before.document), after: num(after.document) });
  }
  return out;
}

// ---------------------------------------------------------------- rendering

export interface RenderOptions {
  /** Items listed per section before "… và N mục khác". */
  limit?: number;
}

/** "trang “Kế hoạch”" for a sheet, "Bảng 2" for a table of a Word document. */
export function placeOf(p: { sheet?: string; inWord?: boolean }): string {
  return p.inWord ? (p.sheet ?? "") : `trang “${p.sheet ?? ""}”`;
}

function rowLabel(p: { row: number; sheet?: string; inWord?: boolean }): string {
  if (!p.sheet) return `Dòng ${p.row}`;
  const place = placeOf(p);
  return `${place.charAt(0).toUpperCase()}${place.slice(1)}, dòng ${p.row}`;
}

/** The preview as short Vietnamese lines (terminal, chat). */
export function renderPreview(p: ImportPreview, opts: RenderOptions = {}): string {
  const limit = opts.limit ?? 15;
  const lines: string[] = [];
  const docs = p.documents.map((d) => d.number).join(", ");
  lines.push(`Xem trước nhập tệp “${p.file.name}”${docs ? ` (${docs})` : ""}:`);
  const more = (n: number) => (n > limit ? [`   … và ${n - limit} mục khác`] : []);
  const title = (t: Task) => `${t.clause ? `${t.clause}. ` : ""}${shorten(t.title, 90)}`;

  if (p.document) {
    const d = p.document;
    lines.push(
      `• Văn bản: ${d.title} — số ${d.number} ngày ${formatViDate(d.date)} của ${d.issuer}` +
        (d.isNew ? " (chưa có trong cơ sở tri thức: sẽ được thêm cùng các nhiệm vụ)" : ""),
    );
  }
  if (p.groups.length) {
    const shown = p.groups.slice(0, limit).join("; ");
    lines.push(`• Nhóm nhiệm vụ: ${p.groups.length} (${shown}${p.groups.length > limit ? "; …" : ""})`);
  }
  lines.push(`• Thêm mới: ${p.added.length} nhiệm vụ`);
  for (const a of p.added.slice(0, limit))
    lines.push(`   + ${title(a.task)} — ${describeDeadline(a.task.deadline)}`);
  lines.push(...more(p.added.length));

  lines.push(`• Thay đổi: ${p.changed.length} nhiệm vụ`);
  for (const c of p.changed.slice(0, limit)) {
    lines.push(`   ~ ${title(c.after)}`);
    for (const f of c.fields) {
      lines.push(`      ${FIELD_LABELS[f.field]}: ${shorten(f.before, 80)} → ${shorten(f.after, 80)}`);
    }
  }
  lines.push(...more(p.changed.length));

  lines.push(`• Không đổi: ${p.unchanged.length} nhiệm vụ`);

  lines.push(`• Bỏ đi (bảng mới không còn): ${p.removed.length} nhiệm vụ`);
  for (const r of p.removed.slice(0, limit)) lines.push(`   - ${title(r)}`);
  lines.push(...more(p.removed.length));

  if (p.unmatchedUnits.length) {
    lines.push(`• Đơn vị chưa có trong cơ sở tri thức: ${p.unmatchedUnits.length}`);
    for (const u of p.unmatchedUnits.slice(0, limit)) {
      const near = u.closest.length ? `; gần nhất: ${u.closest.map((c) => c.name).join("; ")}` : "";
      const create = u.unit ? "" : " (là nhóm đơn vị, không tự thêm được)";
      lines.push(`   ? “${u.name}” (dòng ${u.rows.join(", ")})${near}${create}`);
    }
    lines.push(...more(p.unmatchedUnits.length));
  }

  const errors = p.problems.filter((x) => x.severity === "error");
  const warnings = p.problems.filter((x) => x.severity === "warning");
  if (errors.length) {
    lines.push(`• Dòng không đọc được (không nhập): ${errors.length}`);
    for (const e of errors.slice(0, limit)) lines.push(`   ! ${rowLabel(e)}: ${e.message}`);
    lines.push(...more(errors.length));
  }
  if (warnings.length) {
    lines.push(`• Lưu ý: ${warnings.length}`);
    for (const w of warnings.slice(0, limit)) lines.push(`   · ${rowLabel(w)}: ${w.message}`);
    lines.push(...more(warnings.length));
  }
  return lines.join("\n");
}

function shorten(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Whether applying the preview would change anything. */
export function previewHasChanges(p: ImportPreview): boolean {
  return p.added.length + p.changed.length + p.removed.length > 0 || p.newDocument !== undefined;
}
