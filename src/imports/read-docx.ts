/**
 * Reading a Word document (.docx) into the same table model as a spreadsheet: every table of the body
 * becomes a `Table` (kind "word", named "Bảng 1", "Bảng 2"…), with the text before it as its `context`:
 * the document's first lines (its header "Số: 45/KH-UBND", "ngày 20 tháng 01 năm 2025", often laid out
 * in a borderless table) and the last lines before the table (the appendix's title "Kèm theo Kế hoạch
 * số …").
 *
 * word/document.xml is read with a streaming XML parser (saxes, the one exceljs uses) from a streamed
 * inflate (jszip), so a document is never held twice in memory and reading stops past MAX_XML_BYTES.
 *
 * - A cell's paragraphs are its lines ("\n"), as are line breaks inside a paragraph; tabs are spaces.
 *   Deleted text of tracked changes is left out; inserted text is read.
 * - `w:gridSpan` (a cell spanning columns) fills the columns it covers with its text, marked "left";
 *   `w:vMerge` (a cell merged down) fills the rows it covers with the first cell's text, marked "up";
 *   `w:gridBefore`/`w:gridAfter` leave empty columns.
 * - A table inside a cell is read as lines of that cell.
 */

import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { ImportError } from "./errors.ts";
import type { InputFile, Merge, Table, TableRow } from "./read-table.ts";
import { inflateStream } from "./zip-limits.ts";

/** The unpacked size of word/document.xml read at most. */
export const MAX_XML_BYTES = 64 * 1024 * 1024;
/** Paragraphs kept before a table: the first ones (the document's header) and the last ones (the title). */
const CONTEXT_HEAD = 40;
const CONTEXT_TAIL = 15;

export interface WordDocument {
  tables: Table[];
}

/** The document's text lines as read so far: the first CONTEXT_HEAD and the last CONTEXT_TAIL. */
class LineWindow {
  private readonly head: string[] = [];
  private tail: string[] = [];
  push(line: string): void {
    if (this.head.length < CONTEXT_HEAD) this.head.push(line);
    else {
      this.tail.push(line);
      if (this.tail.length > CONTEXT_TAIL * 4) this.tail = this.tail.slice(-CONTEXT_TAIL);
    }
  }
  lines(): string[] {
    return [...this.head, ...this.tail.slice(-CONTEXT_TAIL)];
  }
}

interface CellBuild {
  lines: string[];
  span: number;
  vMerge: "restart" | "continue" | undefined;
}

interface RowBuild {
  cells: CellBuild[];
  gridBefore: number;
  gridAfter: number;
}

function damaged(name: string, cause?: unknown): ImportError {
  return new ImportError(
    "not-spreadsheet",
    `Không đọc được tệp “${name}”: tệp Word hỏng hoặc không đúng định dạng .docx. ` +
      "Hãy mở bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi gửi lại.",
    cause === undefined ? undefined : { cause },
  );
}

function tooLarge(name: string): ImportError {
  return new ImportError(
    "too-large",
    `Tệp “${name}” có nội dung quá lớn (hơn ${MAX_XML_BYTES / 1024 / 1024} MB văn bản khi giải nén). ` +
      "Hãy chỉ để lại phụ lục nhiệm vụ rồi gửi lại.",
  );
}

/** The body XML of a .docx, streamed to `onText` in decoded chunks. */
async function streamDocumentXml(file: InputFile, onText: (chunk: string) => void): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file.bytes);
  } catch (e) {
    throw damaged(file.name, e);
  }
  const entry = zip.file("word/document.xml");
  if (!entry) throw damaged(file.name);
  const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (typeof declared === "number" && declared > MAX_XML_BYTES) throw tooLarge(file.name);
  const decoder = new TextDecoder("utf-8");
  let total = 0;
  // jszip's own stream (chunks as they are inflated): its Node stream is not async-iterable.
  const helper = inflateStream(entry);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      helper.pause();
      reject(e instanceof ImportError ? e : damaged(file.name, e));
    };
    helper
      .on("data", (chunk: Uint8Array) => {
        if (failed) return;
        total += chunk.byteLength;
        if (total > MAX_XML_BYTES) return fail(tooLarge(file.name));
        try {
          onText(decoder.decode(chunk, { stream: true }));
        } catch (e) {
          fail(e);
        }
      })
      .on("error", fail)
      .on("end", () => {
        if (failed) return;
        try {
          onText(decoder.decode());
          resolve();
        } catch (e) {
          fail(e);
        }
      })
      .resume();
  });
}

function attr(node: { attributes: Record<string, unknown> }, name: string): string | undefined {
  const v = node.attributes[name];
  return typeof v === "string" ? v : undefined;
}

/** Reads the tables and paragraphs of a .docx. Throws `ImportError` for files it cannot read. */
export async function readDocx(file: InputFile): Promise<WordDocument> {
  const tables: Table[] = [];
  const seen = new LineWindow(); // the text before the current point, table cells included

  // Parser state. `tableDepth` counts nested tables; only the outermost one makes rows.
  let tableDepth = 0;
  let rows: RowBuild[] = [];
  let row: RowBuild | undefined;
  let cell: CellBuild | undefined;
  let para: string | undefined; // the paragraph being read
  let inText = false; // inside w:t (or w:instrText/w:delText, which are skipped)
  let skipText = 0; // inside w:del / w:delText / w:instrText
  let inTcPr = 0;
  let inTrPr = 0;

  const endParagraph = () => {
    if (para === undefined) return;
    const text = para.replace(/[ \t]+/g, " ").trim();
    para = undefined;
    if (cell && tableDepth >= 1) {
      cell.lines.push(...text.split("\n"));
      return;
    }
    for (const line of text.split("\n")) if (line.trim()) seen.push(line.trim());
  };

  const finishTable = () => {
    const built = buildTable(rows, tables.length + 1);
    built.context = seen.lines();
    if (built.rows.length) tables.push(built);
    // A table's text is context for the tables after it (a header laid out as a table).
    for (const row of built.rows) {
      for (const cell of new Set(row.cells)) {
        for (const line of cell.split("\n")) if (line.trim()) seen.push(line.trim());
      }
    }
    rows = [];
  };

  const parser = new SaxesParser({ xmlns: false });
  parser.on("opentag", (node) => {
    const name = node.name;
    switch (name) {
      case "w:tbl":
        tableDepth++;
        if (tableDepth === 1) endParagraph();
        return;
      case "w:tr":
        if (tableDepth === 1) row = { cells: [], gridBefore: 0, gridAfter: 0 };
        return;
      case "w:trPr":
        inTrPr++;
        return;
      case "w:gridBefore":
      case "w:gridAfter":
        if (inTrPr && row && tableDepth === 1) {
          const n = Number(attr(node, "w:val") ?? 0);
          if (Number.isInteger(n) && n > 0 && n < 64) {
            if (name === "w:gridBefore") row.gridBefore = n;
            else row.gridAfter = n;
          }
        }
        return;
      case "w:tc":
        if (tableDepth === 1) cell = { lines: [], span: 1, vMerge: undefined };
        return;
      case "w:tcPr":
        inTcPr++;
        return;
      case "w:gridSpan":
        if (inTcPr && cell && tableDepth === 1) {
          const n = Number(attr(node, "w:val") ?? 1);
          if (Number.isInteger(n) && n > 1 && n < 64) cell.span = n;
        }
        return;
      case "w:vMerge":
        if (inTcPr && cell && tableDepth === 1) {
          cell.vMerge = attr(node, "w:val") === "restart" ? "restart" : "continue";
        }
        return;
      case "w:p":
        if (para !== undefined && tableDepth > 1) para += "\n";
        else endParagraph();
        para ??= "";
        return;
      case "w:t":
        inText = true;
        return;
      case "w:del":
      case "w:delText":
      case "w:instrText":
        skipText++;
        return;
      case "w:br":
      case "w:cr":
        if (para !== undefined && attr(node, "w:type") !== "page") para += "\n";
        return;
      case "w:tab":
        if (para !== undefined) para += " ";
        return;
    }
  });
  parser.on("text", (t) => {
    if (inText && !skipText && para !== undefined) para += t;
  });
  parser.on("closetag", (node) => {
    switch (node.name) {
      case "w:t":
        inText = false;
        return;
      case "w:del":
      case "w:delText":
      case "w:instrText":
        skipText = Math.max(0, skipText - 1);
        return;
      case "w:p":
        if (tableDepth <= 1) endParagraph();
        return;
      case "w:tcPr":
        inTcPr = Math.max(0, inTcPr - 1);
        return;
      case "w:trPr":
        inTrPr = Math.max(0, inTrPr - 1);
        return;
      case "w:tc":
        if (tableDepth === 1 && cell && row) {
          endParagraph();
          row.cells.push(cell);
          cell = undefined;
        }
        return;
      case "w:tr":
        if (tableDepth === 1 && row) {
          rows.push(row);
          row = undefined;
        }
        return;
      case "w:tbl":
        if (tableDepth > 1) {
          endParagraph();
        }
        tableDepth--;
        if (tableDepth === 0) finishTable();
        return;
    }
  });

  let parseError: unknown;
  parser.on("error", (e) => {
    parseError ??= e;
  });
  await streamDocumentXml(file, (chunk) => {
    if (parseError === undefined && chunk) parser.write(chunk);
  });
  if (parseError === undefined) parser.close();
  if (parseError !== undefined) throw damaged(file.name, parseError);
  return { tables };
}

/** Rows of cells with spans and vertical merges → a rectangular table with merge marks. */
function buildTable(built: RowBuild[], index: number): Table {
  const width = Math.max(
    0,
    ...built.map((r) => r.gridBefore + r.cells.reduce((n, c) => n + c.span, 0) + r.gridAfter),
  );
  const rows: TableRow[] = [];
  let above: { texts: string[] } | undefined;
  built.forEach((r, i) => {
    const cells = new Array<string>(width).fill("");
    const merged = new Array<Merge | undefined>(width).fill(undefined);
    let anyMerged = false;
    let col = r.gridBefore;
    for (const c of r.cells) {
      let text = c.lines.join("\n").replace(/^\n+|\n+$/g, "");
      let mark: Merge | undefined;
      if (c.vMerge === "continue" && above) {
        text = above.texts[col] ?? "";
        mark = "up";
      }
      for (let k = 0; k < c.span && col + k < width; k++) {
        cells[col + k] = text;
        const m = k > 0 ? (mark ?? "left") : mark;
        merged[col + k] = m;
        if (m) anyMerged = true;
      }
      col += c.span;
    }
    above = { texts: cells };
    if (cells.some((c) => c.trim())) {
      rows.push({ number: i + 1, cells, notes: [], ...(anyMerged ? { merged } : {}) });
    }
  });
  return { sheet: `Bảng ${index}`, rows, kind: "word" };
}
