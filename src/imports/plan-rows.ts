/**
 * The rows of a plan table → proposed tasks (the fields the table gives), group rows, problems.
 *
 * - Group rows ("I. NHẬN THỨC SỐ", "1. Hạ tầng số", a row merged across the table, a row with text only
 *   in the TT/Nhiệm vụ cells) set the group of the task rows under them. Their levels follow the order
 *   in which numbering styles first appear (I, II… then 1, 2… then a, b…).
 * - A task row's clause is its TT qualified by the numbers of its groups ("I.1" for task 1 under "I.");
 *   its id is `<document id>-<clause>` slugified (≤ 40 characters), or the "Mã" column when the table
 *   has one (as exports do), so re-importing the same table finds the same tasks.
 * - Deadlines are kept as written and read with `parseDeadline` (the year of the title block or the
 *   document as context); an Excel date becomes "30/06/2023".
 * - Units go through the UnitMatcher; names it does not know become proposed units (never created here).
 */
import { parseDeadline } from "../core/deadlines/due-date.ts";
import { slugId } from "../core/knowledge/ids.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import { ID_PATTERN, type KDocument, type Unit } from "../core/knowledge/schema.ts";
import { agencyKey, expandAgencyName } from "../core/text/agency-names.ts";
import { type DocRef, findDocRefs, matchesDocRef } from "../core/text/doc-number.ts";
import { foldAlnum, nfc } from "../core/text/normalize.ts";
import { addDays, formatViDate, isIsoDate } from "../core/time.ts";
import { type ColumnKey, detectLayout, isNumberingRow, type PlanLayout } from "./plan-layout.ts";
import { MAX_TASK_ROWS, type Table, type TableRow, tooManyRows } from "./read-table.ts";

/** A task's name, as a plan writes it: a sentence or two. */
export const MAX_TITLE_CHARS = 2_000;

import { guessUnitKind, isCreatableUnitName, type UnitMatcher, type UnitRefName } from "./unit-matcher.ts";

export interface RowProblem {
  /** Row number as in the sheet. */
  row: number;
  /** Sheet name, when the file has several sheets with tables ("Bảng 2" for a Word table). */
  sheet?: string;
  /** The sheet is a table of a Word document. */
  inWord?: boolean;
  message: string;
  /** "error": the row is not imported; "warning": imported as read. */
  severity: "error" | "warning";
}

/** What a task row says. `undefined` = the table has no such column (keep what the task has). */
export interface RowFields {
  title: string;
  lead: string[];
  support: string[];
  deadlineText: string;
  product: string | null | undefined;
  group: string | null | undefined;
  clause: string | null | undefined;
  /** The assigning document; undefined only when the row's Mã names an existing task (its document stays). */
  document: string | undefined;
}

export interface ParsedTask {
  row: number;
  sheet?: string;
  id: string;
  fields: RowFields;
  /** The year "Quý II", "30/6" are read in. */
  year: number | undefined;
}

export interface ProposedUnit {
  /** The name as the table writes it. */
  name: string;
  /** Rows that name it. */
  rows: number[];
  closest: UnitRefName[];
  /** The unit `--create-units` would add; absent for names that are not one unit ("các …"). */
  unit?: Unit;
}

export interface ParsedPlan {
  tasks: ParsedTask[];
  problems: RowProblem[];
  /** Ids of the documents of the rows read in full (for "removed"). */
  documents: string[];
  /** Ids named by rows that could not be read: never reported as removed. */
  protectedIds: string[];
  unmatchedUnits: ProposedUnit[];
  /** The document the whole table belongs to, when known (option or title block). */
  document?: KDocument;
  /** Whether the table has a "Mã" column (an export). */
  hasIdColumn: boolean;
  /** The name of each group row, in the order the file gives them. */
  groups: string[];
}

export interface ParsePlanOptions {
  kb: Knowledge;
  matcher: UnitMatcher;
  /** The document given for the import (`--document`). */
  document?: KDocument;
  /** The year deadlines without one are read in; default: the title block's "năm …", else the document's. */
  year?: number;
  /** Today (ISO), for units' `asOf` when no document has a date. */
  today: string;
  /** The tables' layouts as `detectLayouts` found them (found here when absent). */
  layouts?: TableLayout[];
}

/** A table with the layout its rows are read with. */
export interface TableLayout {
  table: Table;
  layout: PlanLayout;
  /** A Word table that continues the one before it (split across pages, no header of its own). */
  continues: boolean;
}

/**
 * The tables that hold tasks, each with its layout. A Word table without a header that directly
 * follows a task table with as many columns continues it (people split long tables across pages).
 */
export function detectLayouts(tables: Table[]): TableLayout[] {
  const out: TableLayout[] = [];
  let previous: { index: number; layout: PlanLayout; width: number } | undefined;
  tables.forEach((table, index) => {
    const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
    const layout = detectLayout(table);
    if (layout) {
      out.push({ table, layout, continues: false });
      previous = { index, layout, width };
      return;
    }
    if (table.kind === "word" && previous && previous.index === index - 1 && previous.width === width) {
      const cont: PlanLayout = {
        ...previous.layout,
        dataStart: 0,
        headerRowNumber: 0,
        titleBlock: "",
        documentRefs: [],
      };
      out.push({ table, layout: cont, continues: true });
      previous = { index, layout: previous.layout, width };
    }
  });
  return out;
}

/** Whitespace (line breaks included) collapsed, NFC, invisible characters removed. Case and quotes kept. */
export function normText(s: string): string {
  return nfc(s)
    .replace(/[\u00ad\u200b-\u200f\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------- group rows

type MarkerType = "roman" | "letter" | "arabic" | "none";

const MARKER_RE = /^\s*(?:phần\s+|mục\s+)?([IVX]+|[A-Za-zĐđ]|\d+(?:\.\d+)*)\s*[.):–-]\s*(.+)$/iu;

function markerType(m: string): MarkerType {
  if (!m) return "none";
  if (/^[IVX]+$/.test(m)) return "roman";
  if (/^\d/.test(m)) return "arabic";
  return "letter";
}

/** "I. NHẬN THỨC SỐ" → {marker "I", name "NHẬN THỨC SỐ"}. */
export function splitMarker(text: string): { marker: string; name: string } {
  const m = MARKER_RE.exec(text);
  return m ? { marker: m[1]!, name: m[2]!.trim() } : { marker: "", name: text.trim() };
}

/** "1." → "1", "a)" → "a", "-" → "" (a bullet); longer texts stay as written. */
function cleanTt(tt: string): string {
  const t = normText(tt);
  if (/^[-+•*–]+$/.test(t)) return "";
  return /^[\dA-Za-zĐđ.]{1,12}[.)]$/.test(t) ? t.replace(/[.)]+$/, "") : t;
}

// ---------------------------------------------------------------- deadlines

/** Excel serials of 1950–2100. */
function serialToIso(n: number): string | undefined {
  return Number.isInteger(n) && n >= 18264 && n <= 73415 ? addDays("1899-12-30", n) : undefined;
}

/** The deadline text to keep: an Excel date (ISO from a date cell, or a bare serial) as "30/06/2023". */
export function deadlineText(cell: string): string {
  const t = normText(cell);
  if (isIsoDate(t)) return formatViDate(t);
  if (/^\d{5}(?:\.0+)?$/.test(t)) {
    const iso = serialToIso(Math.trunc(Number(t)));
    if (iso) return formatViDate(iso);
  }
  return t;
}

// ---------------------------------------------------------------- documents

function resolveRef(kb: Knowledge, ref: DocRef): KDocument | undefined {
  const direct = kb.documentByNumber(ref.raw);
  if (direct) return direct;
  const hits = kb.data.documents.filter((d) => matchesDocRef(ref, d.number));
  return hits.length === 1 ? hits[0] : undefined;
}

/** A "Căn cứ" cell → the document it names, or a reason it does not. */
function documentOfCell(kb: Knowledge, cell: string): KDocument | string {
  const text = normText(cell);
  const direct = kb.documentByNumber(text);
  if (direct) return direct;
  const refs = findDocRefs(text);
  for (const r of refs) {
    const d = resolveRef(kb, r);
    if (d) return d;
  }
  return refs.length
    ? `chưa có văn bản “${refs[0]!.raw}” trong cơ sở tri thức (thêm văn bản trước rồi nhập lại)`
    : `không nhận ra số hiệu văn bản trong ô Căn cứ “${text}”`;
}

/** The document a title block names ("Kèm theo Quyết định số 56/QĐ-UBND"), if exactly one is known. */
export function documentOfTitle(kb: Knowledge, layout: PlanLayout): KDocument | undefined {
  const docs = new Map<string, KDocument>();
  for (const r of layout.documentRefs) {
    const d = resolveRef(kb, r);
    if (d) docs.set(d.id, d);
  }
  return docs.size === 1 ? [...docs.values()][0] : undefined;
}

// ---------------------------------------------------------------- ids

function slugPart(s: string): string {
  return foldAlnum(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** FNV-1a, 6 base-36 digits: for ids that would be longer than 40 characters. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, "0").slice(-6);
}

/** `<docId>-<clause>` slugified, ≤ 40 characters (a hash of the clause when it would be longer). */
export function taskIdFor(docId: string, clause: string): string {
  const id = `${docId}-${slugPart(clause) || "x"}`;
  if (id.length <= 40) return id;
  return `${docId.slice(0, 40 - 7)}-${shortHash(clause)}`;
}

// ---------------------------------------------------------------- the rows

interface GroupLevel {
  type: MarkerType;
  marker: string;
  name: string;
  /** The marker, or for a group without one its rank among the unnumbered groups of the table ("n2"). */
  key: string;
}

/** Reads every table that has a recognisable header. Throws `ImportError` only for the row limit. */
export function parsePlan(
  tables: Table[],
  opts: ParsePlanOptions,
): { plan: ParsedPlan; layouts: PlanLayout[] } {
  const { kb, matcher } = opts;
  const problems: RowProblem[] = [];
  const tasks: ParsedTask[] = [];
  const documents = new Set<string>();
  const protectedIds = new Set<string>();
  const proposals = new Map<string, ProposedUnit>();
  const takenUnitIds = new Set([...kb.data.units.map((u) => u.id), ...kb.data.unitGroups.map((g) => g.id)]);
  const seenIds = new Map<string, number>();
  const layouts: PlanLayout[] = [];
  let hasIdColumn = false;
  let planDocument = opts.document;

  const withLayout = opts.layouts ?? detectLayouts(tables);
  const multi = withLayout.length > 1;
  const groupNames: string[] = [];

  let taskRows = 0;
  // Group state: reset for each table, kept for a table that continues the one before.
  let stack: GroupLevel[] = [];
  let typeOrder: MarkerType[] = [];
  let taskTypes = new Set<MarkerType>();
  let unnumbered = 0;
  let unnamedGroups = 0;
  let groupsSeen = false;
  let tableDoc: KDocument | undefined;
  for (const { table, layout, continues } of withLayout) {
    layouts.push(layout);
    const col = layout.columns;
    if (col.id !== undefined) hasIdColumn = true;
    if (!continues) {
      tableDoc = opts.document ?? documentOfTitle(kb, layout);
      stack = [];
      typeOrder = [];
      taskTypes = new Set();
      unnumbered = 0;
      unnamedGroups = 0;
      groupsSeen = false;
    }
    planDocument ??= tableDoc;
    const sheet = multi ? table.sheet : undefined;
    const where = sheet !== undefined ? { sheet, ...(table.kind === "word" ? { inWord: true } : {}) } : {};
    const problem = (row: number, message: string, severity: RowProblem["severity"]) =>
      problems.push({ row, ...where, message, severity });
    const cell = (row: TableRow, k: ColumnKey) => (col[k] === undefined ? "" : (row.cells[col[k]!] ?? ""));
    const has = (k: ColumnKey) => col[k] !== undefined;
    const contentKeys = (["lead", "support", "deadline", "product", "basis", "id"] as const).filter(has);

    for (let i = layout.dataStart; i < table.rows.length; i++) {
      const row = table.rows[i]!;
      if (isNumberingRow(row)) continue;
      const texts = row.cells.map(normText);
      const nonEmpty = texts.filter(Boolean);
      if (nonEmpty.length === 0) continue;
      const content = contentKeys.map((k) => normText(cell(row, k)));
      const distinct = new Set(nonEmpty);
      const tt = normText(cell(row, "tt"));
      const title = normText(cell(row, "title"));

      // ---- group row: a heading merged across the row, or a numbered title with no unit and no deadline
      const mergedAcross = distinct.size === 1 && nonEmpty.length >= 2;
      // Every content cell is empty or covered by the heading spanning from its left (or repeats it).
      const spansRow =
        (tt || title) &&
        contentKeys.some((k) => normText(cell(row, k))) &&
        contentKeys.every((k) => {
          const v = normText(cell(row, k));
          return !v || row.merged?.[col[k]!] === "left" || v === title;
        });
      const bare = content.every((c) => !c) && Boolean(tt || title);
      let isGroup = mergedAcross || Boolean(spansRow);
      if (!isGroup && bare) {
        // A bare row numbered like the tasks around it ("4" among tasks "1, 2, 3") is a task with
        // its cells missing, unless its title is written in capitals as headings are.
        const type = markerType(cleanTt(tt));
        const capitals = title !== "" && title === title.toUpperCase() && title !== title.toLowerCase();
        isGroup = !(tt && taskTypes.has(type) && !capitals && stack.at(-1)?.type !== type);
      }
      if (isGroup) {
        const text = mergedAcross ? nonEmpty[0]! : title || tt;
        let { marker, name } = splitMarker(text);
        if (!mergedAcross && title && tt && tt !== title) {
          marker = cleanTt(tt);
          name = title;
        }
        const type = markerType(marker);
        if (!typeOrder.includes(type)) typeOrder.push(type);
        const at = stack.findIndex((g) => typeOrder.indexOf(g.type) >= typeOrder.indexOf(type));
        if (at >= 0) stack.length = at;
        stack.push({ type, marker, name, key: marker || `n${++unnamedGroups}` });
        groupNames.push(name);
        groupsSeen = true;
        continue;
      }

      // ---- task row
      taskRows++;
      if (taskRows > MAX_TASK_ROWS) throw tooManyRows();
      for (const n of row.notes) problem(row.number, n, "warning");

      // clause and id
      const ttClean = cleanTt(tt);
      if (ttClean) taskTypes.add(markerType(ttClean));
      const markers = stack.map((g) => g.marker).filter(Boolean);
      const keys = stack.map((g) => g.key);
      if (ttClean && markers.length && ttClean.startsWith(`${markers.at(-1)}.`)) {
        markers.pop();
        keys.pop();
      }
      // A row without a number: its rank among the table's unnumbered rows.
      const localKey = ttClean || `n${++unnumbered}`;
      const clause = ttClean ? [...markers, ttClean].join(".") : undefined;

      // document
      let doc: KDocument | undefined;
      let docProblem: string | undefined;
      const basis = normText(cell(row, "basis"));
      if (basis) {
        const d = documentOfCell(kb, basis);
        if (typeof d === "string") docProblem = d;
        else doc = d;
      } else {
        doc = tableDoc;
      }

      const idCell = normText(cell(row, "id"));
      let id: string | undefined;
      if (idCell) {
        if (ID_PATTERN.test(idCell)) id = idCell;
        else problem(row.number, `mã “${idCell}” không hợp lệ, dùng mã theo văn bản và số thứ tự`, "warning");
      }
      const existing = id ? kb.task(id) : undefined;
      if (!doc && !docProblem && !existing) {
        docProblem =
          "không rõ văn bản giao nhiệm vụ (thêm cột “Căn cứ” ghi số hiệu văn bản, hoặc chọn văn bản khi nhập)";
      }
      if (!id && doc) id = taskIdFor(doc.id, [...keys, localKey].join("."));

      const errors: string[] = [];
      const warnings: string[] = [];
      if (docProblem) errors.push(docProblem);
      if (!title) errors.push("thiếu tên nhiệm vụ");
      else if (title.length > MAX_TITLE_CHARS)
        errors.push(
          `tên nhiệm vụ dài ${title.length.toLocaleString("vi-VN")} ký tự, tối đa ${MAX_TITLE_CHARS.toLocaleString("vi-VN")}`,
        );

      // units
      const asOf = doc?.date ?? existing?.asOf ?? opts.today;
      const source = doc?.id ?? existing?.sources[0];
      const unitIds = (text: string, role: "chủ trì" | "phối hợp"): string[] => {
        const ids: string[] = [];
        for (const part of matcher.matchCell(text).parts) {
          if (part.kind === "known") {
            if (!ids.includes(part.id)) ids.push(part.id);
            continue;
          }
          if (part.kind === "vague") {
            warnings.push(`bỏ qua “${part.text}” ở cột ${role} (không phải một đơn vị cụ thể)`);
            continue;
          }
          // One agency however the file spells it: "Sở KH&CN" and "Sở Khoa học và Công nghệ" are one
          // proposal, named in full; the other spellings become its aliases.
          const written = part.name;
          const name = expandAgencyName(written);
          const k = agencyKey(written);
          let p = proposals.get(k);
          if (!p) {
            p = { name, rows: [], closest: matcher.closest(name) };
            if (isCreatableUnitName(name) && source) {
              const uid = slugId(name, takenUnitIds);
              takenUnitIds.add(uid);
              p.unit = { id: uid, name, kind: guessUnitKind(name), aliases: [], sources: [source], asOf };
            }
            proposals.set(k, p);
          }
          if (p.unit && foldAlnum(written) !== foldAlnum(p.unit.name) && !p.unit.aliases.includes(written)) {
            p.unit.aliases.push(written);
          }
          if (!p.rows.includes(row.number)) p.rows.push(row.number);
          if (p.unit) {
            if (!ids.includes(p.unit.id)) ids.push(p.unit.id);
          } else {
            warnings.push(
              `không nhận ra “${name}” ở cột ${role}: chưa ghi vào nhiệm vụ (thêm nhóm đơn vị này vào cơ sở tri thức hoặc sửa tệp)`,
            );
          }
        }
        return ids;
      };
      const leadCell = normText(cell(row, "lead"));
      const lead = leadCell ? unitIds(cell(row, "lead"), "chủ trì") : [];
      if (!leadCell) errors.push("không có đơn vị chủ trì");
      else if (lead.length === 0) errors.push(`không nhận ra đơn vị chủ trì “${leadCell}”`);
      const support = unitIds(cell(row, "support"), "phối hợp").filter((u) => !lead.includes(u));

      // deadline
      const dText = deadlineText(cell(row, "deadline"));
      const year = opts.year ?? layout.year ?? (doc ? Number(doc.date.slice(0, 4)) : undefined);
      if (!dText) errors.push("thiếu thời hạn hoàn thành");
      else {
        const p = parseDeadline(dText, year !== undefined ? { year } : {});
        if (!p.due && !p.recurrence && !p.continuous) {
          warnings.push(`không nhận ra thời hạn “${dText}” (vẫn nhập, chỉ giữ nguyên văn)`);
        }
      }

      if (errors.length) {
        // The row is not imported: its warnings would only be noise.
        for (const e of errors) problem(row.number, e, "error");
        if (id) protectedIds.add(id);
        continue;
      }
      for (const w of warnings) problem(row.number, w, "warning");
      if (!id) continue; // unreachable: a row without id has a document problem

      // the same id twice in the file
      const firstRow = seenIds.get(id);
      if (firstRow !== undefined) {
        if (idCell) {
          problem(row.number, `mã “${id}” lặp lại (đã có ở dòng ${firstRow})`, "error");
          continue;
        }
        let n = 2;
        while (seenIds.has(`${id}-${n}`)) n++;
        const nid = taskIdFor(doc!.id, `${[...keys, localKey].join(".")}-${n}`);
        problem(row.number, `số thứ tự “${tt || "(trống)"}” lặp lại (đã có ở dòng ${firstRow})`, "warning");
        id = nid;
      }
      seenIds.set(id, row.number);
      // Only rows read in full make their document's other tasks count as removed.
      if (doc) documents.add(doc.id);

      const group = has("group")
        ? normText(cell(row, "group")) || null
        : (stack.at(-1)?.name ?? (groupsSeen ? null : undefined));
      const product = has("product") ? normText(cell(row, "product")) || null : undefined;
      tasks.push({
        row: row.number,
        ...(sheet !== undefined ? { sheet } : {}),
        id,
        year,
        fields: {
          title,
          lead,
          support,
          deadlineText: dText,
          product,
          group,
          clause: has("tt") ? (clause ?? null) : undefined,
          document: doc?.id,
        },
      });
    }
  }

  return {
    plan: {
      tasks,
      problems,
      documents: [...documents],
      protectedIds: [...protectedIds],
      unmatchedUnits: [...proposals.values()],
      ...(planDocument ? { document: planDocument } : {}),
      hasIdColumn,
      groups: groupNames,
    },
    layouts,
  };
}
