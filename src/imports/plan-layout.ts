/**
 * The layout of a plan's appendix table: which row is the header, which column holds what.
 *
 * The header row is looked for in the first HEADER_SEARCH_ROWS rows (a title block may sit above it).
 * Header cells are recognised by their folded words, so case, diacritics, line breaks and extra words do
 * not matter: "Cơ quan chủ trì", "Đơn vị\nchủ trì", "CHỦ TRÌ" all mean the lead column. A header written
 * on two lines ("Cơ quan thực hiện" over "Chủ trì | Phối hợp") is read as one. A row of column numbers
 * right under the header ("1 | 2 | 3…") is skipped.
 */
import { type DocRef, findDocRefs } from "../core/text/doc-number.ts";
import { foldAlnum } from "../core/text/normalize.ts";
import type { Table, TableRow } from "./read-table.ts";

export type ColumnKey =
  | "tt"
  | "title"
  | "lead"
  | "support"
  | "deadline"
  | "product"
  | "basis"
  | "group"
  | "note"
  | "id";

/** Vietnamese names of the columns, for messages and the export header. */
export const COLUMN_LABELS: Record<ColumnKey, string> = {
  tt: "TT",
  title: "Nhiệm vụ",
  lead: "Cơ quan chủ trì",
  support: "Cơ quan phối hợp",
  deadline: "Thời gian hoàn thành",
  product: "Sản phẩm",
  basis: "Căn cứ",
  group: "Nhóm nhiệm vụ",
  note: "Ghi chú",
  id: "Mã",
};

export const HEADER_SEARCH_ROWS = 60;

export interface PlanLayout {
  /** Index (in `table.rows`) of the first data row. */
  dataStart: number;
  /** Row number (as in the sheet) of the header row (its last line when written on two). */
  headerRowNumber: number;
  /** Column index (0-based) of each recognised column. */
  columns: Partial<Record<ColumnKey, number>>;
  /** The title block's text (a Word table's preceding paragraphs, then rows above the header), one line each. */
  titleBlock: string;
  /** "năm 2023" in the title block (the line nearest the table that says one). */
  year?: number;
  /** Full document numbers the title block names ("Kèm theo Quyết định số 56/QĐ-UBND…"), in order. */
  documentRefs: DocRef[];
}

interface Rule {
  key: ColumnKey;
  re: RegExp;
  /** Stronger matches win when two columns claim the same key. */
  weight: number;
}

/** Checked in order: the first rule that matches a header cell decides its column. */
const RULES: Rule[] = [
  { key: "id", re: /^(ma|ma nhiem vu|ma so|id)$/, weight: 2 },
  { key: "tt", re: /^(s?tt|so tt|so thu tu|thu tu)$/, weight: 2 },
  { key: "group", re: /\bnhom nhiem vu\b|^(nhom|linh vuc|tru cot)\b/, weight: 2 },
  { key: "note", re: /\bghi chu\b/, weight: 2 },
  { key: "basis", re: /\b(can cu|van ban giao|van ban chi dao|van ban)\b/, weight: 2 },
  { key: "lead", re: /\bchu tri\b/, weight: 2 },
  { key: "lead", re: /^(co quan|don vi) thuc hien$/, weight: 1 },
  { key: "support", re: /\bphoi hop\b/, weight: 2 },
  { key: "deadline", re: /\b(thoi gian hoan thanh|thoi han|han hoan thanh|tien do)\b/, weight: 2 },
  { key: "deadline", re: /\bthoi gian\b/, weight: 1 },
  { key: "product", re: /\b(san pham|ket qua)\b/, weight: 2 },
  { key: "title", re: /\b(nhiem vu|noi dung|cong viec|giai phap|hoat dong)\b/, weight: 2 },
];

/** The column a header cell names, or undefined. */
export function classifyHeaderCell(text: string): { key: ColumnKey; weight: number } | undefined {
  const f = foldAlnum(text);
  if (!f || f.length > 80) return undefined;
  for (const r of RULES) if (r.re.test(f)) return { key: r.key, weight: r.weight };
  return undefined;
}

function columnsOf(cells: string[]): Partial<Record<ColumnKey, number>> {
  const out: Partial<Record<ColumnKey, number>> = {};
  const weight: Partial<Record<ColumnKey, number>> = {};
  // A row with one text repeated in every cell is a merged title, not a header.
  const distinct = new Set(cells.map((c) => c.trim()).filter(Boolean));
  if (distinct.size < 2) return out;
  cells.forEach((cell, i) => {
    const c = classifyHeaderCell(cell);
    if (!c) return;
    // A merged header cell repeats over the columns it covers: keep its first column.
    if (out[c.key] !== undefined && (weight[c.key] ?? 0) >= c.weight) return;
    out[c.key] = i;
    weight[c.key] = c.weight;
  });
  return out;
}

function score(cols: Partial<Record<ColumnKey, number>>): number {
  return Object.keys(cols).length;
}

function usable(cols: Partial<Record<ColumnKey, number>>): boolean {
  return (
    cols.title !== undefined && (cols.lead !== undefined || cols.deadline !== undefined) && score(cols) >= 3
  );
}

/** Every non-empty cell is a small column number ("1", "(2)"), and there are at least three. */
export function isNumberingRow(row: TableRow): boolean {
  const vals = row.cells.map((c) => c.trim()).filter(Boolean);
  return vals.length >= 3 && vals.every((v) => /^\(?\d{1,2}\)?$/.test(v));
}

/** Finds the header; undefined when no row of the first HEADER_SEARCH_ROWS looks like one. */
export function detectLayout(table: Table): PlanLayout | undefined {
  const limit = Math.min(table.rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = table.rows[i]!;
    const one = columnsOf(row.cells);
    let found: { lines: 1 | 2; cols: Partial<Record<ColumnKey, number>> } | undefined = usable(one)
      ? { lines: 1, cols: one }
      : undefined;
    const next = table.rows[i + 1];
    if (next && next.number === row.number + 1) {
      // Two header lines: the lower line's cell decides where it names a column.
      const nonEmpty = next.cells.map((c, k) => [c, k] as const).filter(([c]) => c.trim());
      const allHeader = nonEmpty.every(([c, k]) => classifyHeaderCell(c) || c === row.cells[k]);
      if (allHeader && score(one) >= 2 && score(columnsOf(next.cells)) >= 2) {
        const merged = columnsOf(
          next.cells.map((c, k) => (classifyHeaderCell(c) ? c : (row.cells[k] ?? ""))),
        );
        if (usable(merged) && score(merged) > score(found?.cols ?? {})) found = { lines: 2, cols: merged };
      }
    }
    if (found) return layoutAt(table, i, found.lines, found.cols);
  }
  return undefined;
}

function layoutAt(
  table: Table,
  index: number,
  lines: 1 | 2,
  columns: Partial<Record<ColumnKey, number>>,
): PlanLayout {
  let dataStart = index + lines;
  const numbering = table.rows[dataStart];
  if (numbering && isNumberingRow(numbering)) dataStart++;
  const block = [
    ...(table.context ?? []),
    ...table.rows
      .slice(0, index)
      .map((r) => [...new Set(r.cells.map((c) => c.trim()).filter(Boolean))].join(" ")),
  ].filter(Boolean);
  const titleBlock = block.join("\n");
  let yearMatch: RegExpExecArray | null = null;
  for (let i = block.length - 1; i >= 0 && !yearMatch; i--)
    yearMatch = /\bnam (20\d\d)\b/.exec(foldAlnum(block[i]!));
  return {
    dataStart,
    headerRowNumber: table.rows[index + lines - 1]!.number,
    columns,
    titleBlock,
    ...(yearMatch ? { year: Number(yearMatch[1]) } : {}),
    documentRefs: findDocRefs(titleBlock).filter((r) => r.issuerCode !== undefined),
  };
}
