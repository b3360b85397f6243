/**
 * The periodic progress report (tổng hợp tình hình thực hiện nhiệm vụ) for a month, quarter or year,
 * as an .xlsx ready to attach to an official report, and the same numbers as data (`--json`).
 *
 * - Period: the month / quarter / year holding the report day (`now`, Vietnam calendar).
 * - Scope: the tasks of the period's year (overview.ts: their year or due date is in it, recurring ones by
 *   their occurrence in it, ongoing work without any date), led by the province's own units.
 * - Status as of the report day, in the four official statuses (hoàn thành đúng hạn, hoàn thành quá hạn,
 *   đang thực hiện – trong hạn, quá hạn) plus "chưa có hạn"; "đến hạn trong kỳ" counts the tasks whose
 *   due date falls in the period.
 * - Each unit counts the tasks assigned to a group it belongs to; the totals row counts each task once.
 *
 * Sheets: "Tổng hợp" (title block, one row per unit, totals) and "Chi tiết theo đơn vị" (one row per unit
 * and task: task, document, deadline as written, due date, status, note).
 */
import ExcelJS from "exceljs";
import { STATUS_LABELS, type TaskStatus, type TaskStatusInfo } from "../core/deadlines/status.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import type { Task } from "../core/knowledge/schema.ts";
import {
  buildOverview,
  type OverviewRules,
  type StatusCounts,
  type UnitColour,
} from "../core/reports/overview.ts";
import { statusText } from "../core/reports/replies.ts";
import { fold } from "../core/text/normalize.ts";
import {
  endOfMonth,
  endOfQuarter,
  formatViDate,
  localDate,
  parseIsoDate,
  quarterOf,
  startOfMonth,
  startOfQuarter,
} from "../core/time.ts";

export type ReportPeriodKind = "thang" | "quy" | "nam";

/** Columns of the report, in the official order, then tasks without a deadline. */
export const REPORT_STATUSES: readonly TaskStatus[] = [
  "done-on-time",
  "done-late",
  "in-progress",
  "overdue",
  "no-deadline",
];

/** "tháng", "thang", "month" → "thang"; "quý"/"quy"/"quarter" → "quy"; "năm"/"nam"/"year" → "nam". */
export function parsePeriodKind(s: string | undefined): ReportPeriodKind | undefined {
  if (s === undefined) return undefined;
  const f = fold(s).trim();
  if (["thang", "month", "t"].includes(f)) return "thang";
  if (["quy", "quarter", "q"].includes(f)) return "quy";
  if (["nam", "year", "n"].includes(f)) return "nam";
  return undefined;
}

const ROMAN = ["I", "II", "III", "IV"];

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** "tháng 11/2026", "quý IV/2026", "năm 2026". */
  label: string;
  from: string;
  to: string;
  year: number;
}

/** The month, quarter or year holding a calendar day. */
export function periodOf(kind: ReportPeriodKind, todayIso: string): ReportPeriod {
  const p = parseIsoDate(todayIso);
  if (!p) throw new RangeError(`not an ISO calendar date: ${todayIso}`);
  const { year, month } = p;
  switch (kind) {
    case "thang":
      return {
        kind,
        label: `tháng ${month}/${year}`,
        from: startOfMonth(year, month),
        to: endOfMonth(year, month),
        year,
      };
    case "quy": {
      const q = quarterOf(todayIso);
      return {
        kind,
        label: `quý ${ROMAN[q - 1]}/${year}`,
        from: startOfQuarter(year, q),
        to: endOfQuarter(year, q),
        year,
      };
    }
    case "nam":
      return { kind, label: `năm ${year}`, from: `${year}-01-01`, to: `${year}-12-31`, year };
  }
}

export interface ReportTaskRow {
  taskId: string;
  title: string;
  /** "Kế hoạch 3609/KH-BĐHCĐS", or the clause when no document is recorded. */
  document: string;
  /** The deadline as the document writes it. */
  deadlineText: string;
  due?: string;
  status: TaskStatus;
  statusLabel: string;
  /** "quá hạn 45 ngày (hạn 01/05/2024)", "còn 5 ngày (…)", "hoàn thành đúng hạn ngày …". */
  note: string;
  dueInPeriod: boolean;
}

export interface ReportUnitRow {
  unitId: string;
  name: string;
  counts: StatusCounts;
  total: number;
  dueInPeriod: number;
  colour: UnitColour;
  tasks: ReportTaskRow[];
}

export interface ProgressReportData {
  province: string;
  period: ReportPeriod;
  /** The report day (status as of this day). */
  asOf: string;
  statuses: { key: TaskStatus; label: string }[];
  units: ReportUnitRow[];
  /** Each task once. */
  totals: { counts: StatusCounts; total: number; dueInPeriod: number };
}

export interface ProgressReportOptions {
  period: ReportPeriodKind;
  now: Date;
  rules?: Partial<OverviewRules>;
}

function documentOf(kb: Knowledge, t: Task): string {
  const d = t.document ? kb.document(t.document) : undefined;
  if (d) return `${d.type} ${d.number}`;
  return t.clause ?? "";
}

function taskRow(kb: Knowledge, t: Task, st: TaskStatusInfo, period: ReportPeriod): ReportTaskRow {
  const row: ReportTaskRow = {
    taskId: t.id,
    title: t.title,
    document: documentOf(kb, t),
    deadlineText: t.deadline.text,
    status: st.status,
    statusLabel: STATUS_LABELS[st.status],
    note: statusText(t, st),
    dueInPeriod: !!st.due && st.due >= period.from && st.due <= period.to,
  };
  if (st.due) row.due = st.due;
  return row;
}

/** The report's numbers (pure: the knowledge and the report instant come in). */
export function progressReportData(kb: Knowledge, opts: ProgressReportOptions): ProgressReportData {
  const asOf = localDate(opts.now);
  const period = periodOf(opts.period, asOf);
  const overview = buildOverview(kb, asOf, {
    year: period.year,
    ...(opts.rules ? { rules: opts.rules } : {}),
  });
  const seen = new Map<string, ReportTaskRow>();
  const units: ReportUnitRow[] = overview.units.map((u) => {
    const tasks = u.tasks.map((x) => {
      const row = seen.get(x.task.id) ?? taskRow(kb, x.task, x.status, period);
      seen.set(x.task.id, row);
      return row;
    });
    return {
      unitId: u.unit.id,
      name: u.unit.name,
      counts: u.counts,
      total: u.total,
      dueInPeriod: tasks.filter((t) => t.dueInPeriod).length,
      colour: u.colour,
      tasks,
    };
  });
  return {
    province: kb.data.province.name,
    period,
    asOf,
    statuses: REPORT_STATUSES.map((key) => ({ key, label: STATUS_LABELS[key] })),
    units,
    totals: {
      counts: overview.totals.counts,
      total: overview.totals.total,
      dueInPeriod: [...seen.values()].filter((t) => t.dueInPeriod).length,
    },
  };
}

// ---------------------------------------------------------------- xlsx

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE7F0" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const FONT = "Times New Roman";

function excelDate(iso: string): Date {
  const p = parseIsoDate(iso)!;
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

function styleTable(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, cols: number): void {
  for (let r = fromRow; r <= toRow; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      cell.font = { name: FONT, size: 12, ...(cell.font?.bold ? { bold: true } : {}) };
      cell.alignment = { vertical: "middle", wrapText: true, ...(cell.alignment ?? {}) };
    }
  }
}

/** "TỈNH NINH THUẬN" (a name already starting with "Tỉnh" is not prefixed twice). */
function provinceHeading(name: string): string {
  const n = name.trim();
  return (/^tỉnh\s/iu.test(n) ? n : `Tỉnh ${n}`).toUpperCase();
}

function titleBlock(ws: ExcelJS.Worksheet, data: ProgressReportData, cols: number, heading: string): number {
  const lines: [string, Partial<ExcelJS.Font>][] = [
    [provinceHeading(data.province), { bold: true, size: 12 }],
    [heading, { bold: true, size: 14 }],
    [
      `Kỳ báo cáo: ${data.period.label} (từ ngày ${formatViDate(data.period.from)} đến ngày ${formatViDate(data.period.to)})`,
      { italic: true, size: 12 },
    ],
    [`Số liệu tính đến ngày ${formatViDate(data.asOf)}`, { italic: true, size: 12 }],
  ];
  lines.forEach(([text, font], i) => {
    const r = i + 1;
    ws.mergeCells(r, 1, r, cols);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: FONT, ...font };
    cell.alignment = { horizontal: i === 0 ? "left" : "center", vertical: "middle", wrapText: true };
  });
  ws.getRow(2).height = 36;
  return lines.length + 2; // a blank row, then the header row
}

function summarySheet(wb: ExcelJS.Workbook, data: ProgressReportData): void {
  const ws = wb.addWorksheet("Tổng hợp", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = [
    "STT",
    "Đơn vị chủ trì",
    "Tổng số nhiệm vụ",
    ...data.statuses.map((s) => s.label),
    "Đến hạn trong kỳ",
  ];
  const cols = headers.length;
  ws.columns = [
    { width: 6 },
    { width: 40 },
    { width: 12 },
    ...data.statuses.map(() => ({ width: 14 })),
    { width: 12 },
  ];
  const headerRow = titleBlock(ws, data, cols, "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CHUYỂN ĐỔI SỐ");
  const hr = ws.getRow(headerRow);
  hr.values = headers;
  hr.height = 48;
  hr.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  let r = headerRow + 1;
  data.units.forEach((u, i) => {
    const row = ws.getRow(r++);
    row.values = [i + 1, u.name, u.total, ...data.statuses.map((s) => u.counts[s.key]), u.dueInPeriod];
  });
  const total = ws.getRow(r);
  total.values = [
    "",
    "Tổng cộng (mỗi nhiệm vụ tính một lần)",
    data.totals.total,
    ...data.statuses.map((s) => data.totals.counts[s.key]),
    data.totals.dueInPeriod,
  ];
  total.eachCell((c) => {
    c.font = { bold: true };
    c.fill = TOTAL_FILL;
  });
  styleTable(ws, headerRow, r, cols);
  for (let rr = headerRow + 1; rr <= r; rr++) {
    for (let c = 3; c <= cols; c++)
      ws.getCell(rr, c).alignment = { horizontal: "center", vertical: "middle" };
    ws.getCell(rr, 1).alignment = { horizontal: "center", vertical: "middle" };
  }
  const notes = [
    "Ghi chú:",
    "- Nhiệm vụ giao chung cho nhiều đơn vị (ví dụ “các sở, ban, ngành”) được tính cho từng đơn vị; dòng Tổng cộng tính mỗi nhiệm vụ một lần.",
    `- Phạm vi: nhiệm vụ năm ${data.period.year} (theo năm giao hoặc hạn hoàn thành; nhiệm vụ định kỳ tính theo lần đến hạn trong năm; nhiệm vụ thường xuyên không có hạn).`,
    "- “Đến hạn trong kỳ”: nhiệm vụ có hạn hoàn thành nằm trong kỳ báo cáo.",
    "- Nguồn số liệu: cơ sở tri thức của Trợ lý CĐS (kế hoạch, văn bản giao nhiệm vụ và tiến độ do Tổ Giúp việc cập nhật).",
  ];
  r += 2;
  for (const n of notes) {
    ws.mergeCells(r, 1, r, cols);
    const c = ws.getCell(r, 1);
    c.value = n;
    c.font = { name: FONT, size: 11, italic: n !== "Ghi chú:", bold: n === "Ghi chú:" };
    c.alignment = { wrapText: true, vertical: "top" };
    ws.getRow(r).height = n.length > 110 ? 30 : 16;
    r++;
  }
  ws.views = [{ state: "frozen", ySplit: headerRow }];
}

function detailSheet(wb: ExcelJS.Workbook, data: ProgressReportData): void {
  const ws = wb.addWorksheet("Chi tiết theo đơn vị", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = [
    "STT",
    "Đơn vị chủ trì",
    "Nhiệm vụ",
    "Văn bản giao",
    "Thời hạn (theo văn bản)",
    "Hạn hoàn thành",
    "Tình trạng",
    "Ghi chú",
  ];
  const cols = headers.length;
  ws.columns = [
    { width: 6 },
    { width: 28 },
    { width: 60 },
    { width: 24 },
    { width: 22 },
    { width: 14 },
    { width: 22 },
    { width: 34 },
  ];
  const headerRow = titleBlock(ws, data, cols, "CHI TIẾT TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ");
  const hr = ws.getRow(headerRow);
  hr.values = headers;
  hr.height = 32;
  hr.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  let r = headerRow + 1;
  let n = 0;
  for (const u of data.units) {
    for (const t of u.tasks) {
      const row = ws.getRow(r++);
      row.values = [
        ++n,
        u.name,
        t.title,
        t.document,
        t.deadlineText,
        t.due ? excelDate(t.due) : "",
        t.statusLabel,
        t.note,
      ];
      row.getCell(6).numFmt = "dd/mm/yyyy";
    }
  }
  styleTable(ws, headerRow, r - 1, cols);
  for (let rr = headerRow + 1; rr < r; rr++) {
    ws.getCell(rr, 1).alignment = { horizontal: "center", vertical: "middle" };
    ws.getCell(rr, 6).alignment = { horizontal: "center", vertical: "middle" };
  }
  if (n > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: r - 1, column: cols } };
  ws.views = [{ state: "frozen", ySplit: headerRow }];
}

/** The report as an .xlsx file. */
export async function progressReportXlsx(data: ProgressReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Trợ lý CĐS";
  wb.title = `Tổng hợp tình hình thực hiện nhiệm vụ ${data.period.label}`;
  // A fixed date keeps the file the same for the same data (the report day, not the machine's clock).
  wb.created = excelDate(data.asOf);
  wb.modified = wb.created;
  summarySheet(wb, data);
  detailSheet(wb, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report's numbers and its .xlsx file. */
export async function buildProgressReport(
  kb: Knowledge,
  opts: ProgressReportOptions,
): Promise<{ data: ProgressReportData; xlsx: Buffer }> {
  const data = progressReportData(kb, opts);
  return { data, xlsx: await progressReportXlsx(data) };
}
