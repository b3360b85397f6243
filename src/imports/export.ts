/**
 * Exporting the knowledge: every task as an .xlsx in the appendix layout, or the whole effective
 * knowledge (shipped files + the secretariat's edits) as JSON.
 *
 * The .xlsx is one sheet with a "Căn cứ" column (the assigning document's number) rather than a sheet
 * per document: tasks without a document fit in it, and it re-imports in one go. Its "Mã" column keeps
 * each task's id and its "Nhóm nhiệm vụ" column the group (group rows are there for reading only), so
 * exporting and importing the file again changes nothing.
 */
import ExcelJS from "exceljs";
import type { Knowledge } from "../core/knowledge/model.ts";
import type { Task } from "../core/knowledge/schema.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { ImportError } from "./errors.ts";
import { COLUMN_LABELS, type ColumnKey } from "./plan-layout.ts";

export type ExportFormat = "xlsx" | "json";

/** The export format a file name asks for, or an `ImportError`. */
export function exportFormatOf(fileName: string): ExportFormat {
  if (/\.xlsx$/i.test(fileName)) return "xlsx";
  if (/\.json$/i.test(fileName)) return "json";
  throw new ImportError("format", `Chỉ xuất được tệp .xlsx hoặc .json (tệp “${fileName}”).`);
}

/** The export's columns, in order, with their widths. */
export const EXPORT_COLUMNS: { key: ColumnKey; width: number }[] = [
  { key: "tt", width: 8 },
  { key: "title", width: 60 },
  { key: "lead", width: 32 },
  { key: "support", width: 32 },
  { key: "deadline", width: 20 },
  { key: "product", width: 30 },
  { key: "basis", width: 18 },
  { key: "group", width: 20 },
  { key: "id", width: 28 },
];

export async function exportKnowledge(
  app: { knowledge(): Knowledge; now(): Date },
  format: ExportFormat,
): Promise<Uint8Array> {
  const kb = app.knowledge();
  if (format === "json") return new TextEncoder().encode(`${JSON.stringify(kb.data, null, 2)}\n`);
  return tasksWorkbook(kb, app.now());
}

function cellsOf(kb: Knowledge, t: Task): Record<ColumnKey, string> {
  return {
    tt: t.clause ?? "",
    title: t.title,
    lead: kb.namesOf(t.lead).join("; "),
    support: kb.namesOf(t.support).join("; "),
    deadline: t.deadline.text,
    product: t.product ?? "",
    basis: t.document ? (kb.document(t.document)?.number ?? "") : "",
    group: t.group ?? "",
    note: "",
    id: t.id,
  };
}

const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

async function tasksWorkbook(kb: Knowledge, now: Date): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = kb.data.province.assistantName;
  wb.created = now;
  const ws = wb.addWorksheet("Nhiệm vụ", { views: [{ state: "frozen", ySplit: 5 }] });
  const width = EXPORT_COLUMNS.length;
  ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }));

  const titleRow = (r: number, text: string, bold: boolean) => {
    ws.getCell(r, 1).value = text;
    ws.mergeCells(r, 1, r, width);
    ws.getCell(r, 1).font = { bold, size: bold ? 13 : 11 };
    ws.getCell(r, 1).alignment = { horizontal: "center" };
  };
  titleRow(1, "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ", true);
  titleRow(
    2,
    `${kb.data.province.assistantName} xuất ngày ${formatViDate(localDate(now))}: ${kb.data.tasks.length} nhiệm vụ`,
    false,
  );

  const header = ws.getRow(4);
  const numbers = ws.getRow(5);
  EXPORT_COLUMNS.forEach((c, i) => {
    const h = header.getCell(i + 1);
    h.value = COLUMN_LABELS[c.key];
    h.font = { bold: true };
    h.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    h.border = BORDER;
    const n = numbers.getCell(i + 1);
    n.value = `(${i + 1})`;
    n.alignment = { horizontal: "center" };
    n.font = { italic: true };
    n.border = BORDER;
  });

  let r = 6;
  let group: string | undefined;
  for (const t of kb.data.tasks) {
    if (t.group && t.group !== group) {
      ws.getCell(r, 1).value = t.group;
      ws.mergeCells(r, 1, r, width);
      ws.getCell(r, 1).font = { bold: true };
      ws.getCell(r, 1).border = BORDER;
      r++;
    }
    group = t.group;
    const cells = cellsOf(kb, t);
    const row = ws.getRow(r);
    EXPORT_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = cells[c.key];
      cell.alignment = { vertical: "top", wrapText: true };
      cell.border = BORDER;
    });
    r++;
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
