/**
 * Reading a spreadsheet file into rows of cell texts: .xlsx (exceljs) and .csv (UTF-8, with or without
 * BOM, "," ";" or tab separated, quoted fields with line breaks).
 *
 * - Merged cells: every cell a merge covers reads the value of the merge's master cell.
 * - Rich text → its text; hyperlinks → their text; formulas → their cached result (a formula without
 *   one reads as "" and leaves a note on its row); error values (#N/A…) read as "" with a note.
 * - Dates (Date cells, i.e. numbers with a date format) → ISO "YYYY-MM-DD". Plain numbers stay as
 *   written ("45107"): only the caller knows which column holds dates.
 * - Hidden sheets are skipped. Row numbers are those the sheet shows (CSV: the record number).
 *
 * Anything that is not a readable spreadsheet throws an `ImportError` with a Vietnamese message.
 */
import ExcelJS from "exceljs";
import { ImportError } from "./errors.ts";
import { readDocx } from "./read-docx.ts";
import { checkZipLimits, type ZipLimits } from "./zip-limits.ts";

export interface InputFile {
  /** The file name as uploaded ("ke-hoach.xlsx"): used for the format and in messages. */
  name: string;
  bytes: Uint8Array;
}

/**
 * How a cell is covered by a merged range: "left" = by a cell to its left in the same row (a heading
 * spanning the row), "up" = by a cell in a row above (a lead unit merged down over several tasks).
 * A covered cell reads the text of the range's first cell.
 */
export type Merge = "left" | "up";

export interface TableRow {
  /** Row number as the sheet shows it (1-based; in a Word table, the row's rank in the table). */
  number: number;
  /** Cell texts, one per column (trailing columns padded with ""). Not trimmed. */
  cells: string[];
  /** Problems with cells of this row, in Vietnamese ("ô E7 có công thức chưa có kết quả…"). */
  notes: string[];
  /** Per column, whether the cell is covered by a merged range; absent when nothing in the row is. */
  merged?: (Merge | undefined)[];
}

export interface Table {
  /** Sheet name ("" for a CSV; "Bảng 2" for the second table of a Word document). */
  sheet: string;
  rows: TableRow[];
  /** Where the table comes from: a sheet of a workbook, a CSV file, a table of a Word document. */
  kind?: "sheet" | "csv" | "word";
  /** Word: the document's paragraphs before this table (its header, the appendix's title block). */
  context?: string[];
}

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Physical rows read per sheet before giving up (the task-row limit is checked later, more precisely). */
export const MAX_SHEET_ROWS = 30_000;
/** The task rows one import may hold. */
export const MAX_TASK_ROWS = 20_000;

export function tooManyRows(): ImportError {
  return new ImportError(
    "too-many-rows",
    `Bảng có quá nhiều dòng: mỗi lần nhập tối đa ${MAX_TASK_ROWS.toLocaleString("vi-VN")} dòng nhiệm vụ. ` +
      "Hãy tách thành nhiều tệp nhỏ hơn.",
  );
}

const MB = 1024 * 1024;

function sizeLabel(bytes: number): string {
  return `${(bytes / MB).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
}

// ---------------------------------------------------------------- sniffing

type Kind = "xlsx" | "csv" | "docx";

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether an ASCII (or UTF-16LE, `wide`) string occurs in the bytes. */
function contains(bytes: Uint8Array, s: string, wide = false): boolean {
  const pat = wide ? Buffer.from(s, "utf16le") : Buffer.from(s, "latin1");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pat);
}

function extensionOf(name: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name.trim());
  return m ? m[1]!.toLowerCase() : "";
}

function notSpreadsheet(name: string, what?: string): ImportError {
  return new ImportError(
    "not-spreadsheet",
    `Tệp “${name}” ${what ?? "không phải văn bản Word (.docx), bảng tính Excel (.xlsx) hay CSV"}. ` +
      "Hãy gửi kế hoạch dạng .docx hoặc bảng phụ lục nhiệm vụ dạng .xlsx, .csv.",
  );
}

function sniff(file: InputFile): Kind {
  const { bytes, name } = file;
  if (startsWith(bytes, OLE)) {
    if (contains(bytes, "EncryptionInfo", true) || contains(bytes, "EncryptedPackage", true)) {
      throw new ImportError(
        "encrypted",
        `Tệp “${name}” được bảo vệ bằng mật khẩu nên không đọc được. ` +
          "Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc), lưu lại rồi gửi lại.",
      );
    }
    if (contains(bytes, "WordDocument", true)) {
      throw new ImportError(
        "legacy-doc",
        `Tệp “${name}” là văn bản Word đời cũ (.doc). Hãy mở trong Word, chọn Lưu thành › Tài liệu Word ` +
          "(.docx) (LibreOffice: Lưu thành › Word 2007-365), rồi gửi lại.",
      );
    }
    throw new ImportError(
      "legacy-xls",
      `Tệp “${name}” là bảng tính Excel đời cũ (.xls). Hãy mở trong Excel, chọn Lưu thành › Sổ làm việc ` +
        "Excel (.xlsx) (LibreOffice: Lưu thành › Excel 2007-365), rồi gửi lại.",
    );
  }
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    if (contains(bytes, "word/")) return "docx";
    if (contains(bytes, "ppt/"))
      throw notSpreadsheet(name, "là bản trình chiếu (.pptx), không phải bảng tính");
    if (contains(bytes, "xl/")) return "xlsx";
    throw notSpreadsheet(name);
  }
  if (contains(bytes.subarray(0, 8), "%PDF")) throw notSpreadsheet(name, "là tệp PDF, không phải bảng tính");
  const ext = extensionOf(name);
  if (ext === "xlsx" || ext === "xlsm" || ext === "xls")
    throw notSpreadsheet(name, "không phải tệp Excel hợp lệ");
  if (ext === "docx" || ext === "doc") throw notSpreadsheet(name, "không phải tệp Word hợp lệ");
  return "csv";
}

// ---------------------------------------------------------------- entry point

/**
 * Reads every visible sheet of a workbook, the CSV, or every table of a Word document (with the
 * paragraphs before each). Throws `ImportError` for files it cannot read.
 */
export async function readTables(file: InputFile, opts: { zipLimits?: ZipLimits } = {}): Promise<Table[]> {
  if (file.bytes.byteLength > MAX_FILE_BYTES) {
    throw new ImportError(
      "too-large",
      `Tệp “${file.name}” lớn ${sizeLabel(file.bytes.byteLength)}, quá giới hạn ${sizeLabel(MAX_FILE_BYTES)}. ` +
        "Hãy tách thành nhiều tệp nhỏ hơn.",
    );
  }
  if (file.bytes.byteLength === 0) throw new ImportError("empty", `Tệp “${file.name}” trống.`);
  const kind = sniff(file);
  const tables =
    kind === "xlsx"
      ? await readXlsx(file, opts.zipLimits)
      : kind === "docx"
        ? (await readDocx(file)).tables
        : [readCsv(file)];
  checkCellLengths(tables, file.name);
  if (!tables.some((t) => t.rows.length > 0)) {
    throw new ImportError(
      "empty",
      kind === "docx"
        ? `Văn bản “${file.name}” không có bảng nào. Phụ lục nhiệm vụ cần là một bảng (Chèn › Bảng).`
        : `Tệp “${file.name}” không có dữ liệu (trang tính trống).`,
    );
  }
  return tables;
}

/** What one cell may hold: a task's title and its details fit; a pasted book does not. */
export const MAX_CELL_CHARS = 4_000;

/** Column letters as a spreadsheet shows them (1 → A, 27 → AA). */
function columnLetter(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * Refuses a file with a cell longer than MAX_CELL_CHARS, naming the cell, before anything reads its text
 * (a cell of millions of characters is not a task and would make every later step slow).
 */
function checkCellLengths(tables: Table[], name: string): void {
  for (const t of tables) {
    for (const row of t.rows) {
      const c = row.cells.findIndex((x) => x.length > MAX_CELL_CHARS);
      if (c < 0) continue;
      const where =
        t.kind === "word"
          ? `${t.sheet || "bảng"}, dòng ${row.number}, cột ${c + 1}`
          : `ô ${columnLetter(c + 1)}${row.number}${t.sheet ? ` (trang “${t.sheet}”)` : ""}`;
      throw new ImportError(
        "cell-too-long",
        `Tệp “${name}”: ${where} dài ${row.cells[c]!.length.toLocaleString("vi-VN")} ký tự, quá giới hạn ` +
          `${MAX_CELL_CHARS.toLocaleString("vi-VN")} ký tự một ô. Hãy rút gọn nội dung ô đó rồi gửi lại.`,
      );
    }
  }
}

// ---------------------------------------------------------------- xlsx

interface CellText {
  text: string;
  note?: string;
}

function isoOf(d: Date): string {
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** The text of an exceljs cell value (not a formula: the caller unwraps those). */
function valueText(v: unknown): CellText {
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "string") return { text: v };
  if (typeof v === "number") return { text: numberText(v) };
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { text: isoOf(v) };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return { text: (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? "")).join("") };
    }
    if ("hyperlink" in o || "text" in o) return valueText(o.text);
    if ("error" in o) return { text: "", note: `có lỗi ${String(o.error)}` };
  }
  return { text: String(v) };
}

function cellText(cell: ExcelJS.Cell): CellText {
  const v = cell.value as unknown;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) {
      return { text: "", note: "có công thức chưa có kết quả (mở tệp bằng Excel, lưu lại rồi gửi lại)" };
    }
    const r = valueText(result);
    return r.note ? { text: "", note: `có công thức ${r.note}` } : r;
  }
  return valueText(v);
}

async function readXlsx(file: InputFile, limits?: ZipLimits): Promise<Table[]> {
  // What the workbook unpacks to, bounded before exceljs inflates it all into memory.
  await checkZipLimits(file.bytes, file.name, limits);
  const wb = new ExcelJS.Workbook();
  try {
    const buf = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    const msg = (e as Error).message ?? "";
    if (/encrypt|password/i.test(msg)) {
      throw new ImportError(
        "encrypted",
        `Tệp “${file.name}” được bảo vệ bằng mật khẩu nên không đọc được. Hãy bỏ mật khẩu, lưu lại rồi gửi lại.`,
        { cause: e },
      );
    }
    throw new ImportError(
      "not-spreadsheet",
      `Không đọc được tệp “${file.name}”: tệp hỏng hoặc không phải bảng tính Excel (.xlsx). ` +
        "Hãy mở bằng Excel, lưu lại dạng .xlsx rồi gửi lại.",
      { cause: e },
    );
  }
  if (wb.worksheets.length === 0) throw notSpreadsheet(file.name, "không có trang tính nào");
  const tables: Table[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state === "hidden" || ws.state === "veryHidden") continue;
    if (ws.rowCount > MAX_SHEET_ROWS) throw tooManyRows();
    const width = ws.columnCount;
    const rows: TableRow[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      const cells: string[] = [];
      const notes: string[] = [];
      const merged: (Merge | undefined)[] = [];
      let anyMerged = false;
      let any = false;
      for (let c = 1; c <= width; c++) {
        const cell = row.findCell(c);
        if (!cell) {
          cells.push("");
          merged.push(undefined);
          continue;
        }
        const covered = cell.isMerged && cell.master.address !== cell.address;
        const t = cellText(cell);
        if (t.note && !covered) notes.push(`ô ${cell.address} ${t.note}`);
        if (t.text.trim()) any = true;
        cells.push(t.text);
        if (covered) {
          merged.push(Number(cell.master.row) === r ? "left" : "up");
          anyMerged = true;
        } else merged.push(undefined);
      }
      if (any || notes.length) rows.push({ number: r, cells, notes, ...(anyMerged ? { merged } : {}) });
    }
    tables.push({ sheet: ws.name, rows, kind: "sheet" });
  }
  return tables;
}

// ---------------------------------------------------------------- csv

function decodeUtf8(file: InputFile): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    throw new ImportError(
      "encoding",
      `Tệp “${file.name}” không phải văn bản UTF-8 nên không đọc được dấu tiếng Việt. ` +
        "Trong Excel hãy chọn Lưu thành › CSV UTF-8 (hoặc gửi tệp .xlsx).",
    );
  }
  if (text.includes("\u0000")) throw notSpreadsheet(file.name);
  return text.replace(/^\uFEFF/, "");
}

/** The separator: the one of "," ";" "\t" that occurs most on a single line among the first lines. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 40);
  let best = ",";
  let bestCount = 0;
  for (const d of [";", ",", "\t"]) {
    let max = 0;
    for (const line of lines) {
      let n = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      max = Math.max(max, n);
    }
    if (max > bestCount) {
      best = d;
      bestCount = max;
    }
  }
  return best;
}

/** RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
      i++;
    } else if (ch === delimiter) {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readCsv(file: InputFile): Table {
  const records = parseCsv(decodeUtf8(file));
  if (records.length > MAX_SHEET_ROWS) throw tooManyRows();
  const width = Math.max(0, ...records.map((r) => r.length));
  const rows: TableRow[] = [];
  records.forEach((rec, i) => {
    if (!rec.some((c) => c.trim())) return;
    const cells = [...rec, ...new Array<string>(width - rec.length).fill("")];
    rows.push({ number: i + 1, cells, notes: [] });
  });
  return { sheet: "", rows, kind: "csv" };
}
