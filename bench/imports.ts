/**
 * Import benchmark: a 10,000-task plan appendix as .xlsx and as .docx (sections merged across, lead
 * cells merged down, several units per cell, abbreviations and full names, new units), previewed and
 * applied into a fresh DATA_DIR on the shipped knowledge. Prints the figures; asserts nothing.
 * Targets (issue "Real plans in"): preview of 10,000 rows ≤ 10 s, apply ≤ 15 s.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { pino } from "pino";
import { createApp } from "../src/app/app.ts";
import { loadConfig } from "../src/config.ts";
import { applyImport, previewImport } from "../src/imports/index.ts";
import type { SummaryRow } from "./run.ts";

export const IMPORT_TARGETS = { previewMs: 10_000, applyMs: 15_000 } as const;

const LEADS = [
  "Sở KH&CN",
  "Sở Khoa học và Công nghệ",
  "Sở Nội vụ",
  "Sở Tài chính",
  "Sở GD&ĐT",
  "Sở Y tế",
  "Sở Nông nghiệp và Môi trường",
  "Sở Văn hóa, Thể thao và Du lịch",
  "Công an tỉnh",
  "VP UBND tỉnh",
  "Sở TT&TT",
];
const SUPPORTS = [
  "Các sở, ban, ngành; UBND các huyện, thành phố",
  "Sở KH&CN;\nTrung tâm Phục vụ hành chính công tỉnh",
  "Sở Tư pháp",
  "",
  "Sở Công Thương; Sở KH&CN",
];
const DEADLINES = [
  "Quý II/2025",
  "Tháng 9/2025",
  "Thường xuyên",
  "10/10/2025",
  "Trước ngày 30/6/2025",
  "Năm 2025",
];
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

interface Row {
  kind: "group" | "task";
  cells: string[];
}

/** The appendix's rows: ten sections, numbering restarting in each. */
function planRows(tasks: number): Row[] {
  const rows: Row[] = [];
  const perSection = Math.ceil(tasks / ROMAN.length);
  for (let i = 0; i < tasks; i++) {
    const s = Math.floor(i / perSection);
    const n = (i % perSection) + 1;
    if (n === 1) rows.push({ kind: "group", cells: [ROMAN[s]!, `LĨNH VỰC SỐ ${s + 1}`] });
    rows.push({
      kind: "task",
      cells: [
        String(n),
        `Triển khai nhiệm vụ chuyển đổi số số ${i + 1} về dữ liệu, nền tảng và dịch vụ công trực tuyến`,
        LEADS[i % LEADS.length]!,
        SUPPORTS[i % SUPPORTS.length]!,
        DEADLINES[i % DEADLINES.length]!,
        "Báo cáo kết quả",
      ],
    });
  }
  return rows;
}

const HEADER = [
  "STT",
  "Nội dung nhiệm vụ",
  "Đơn vị chủ trì",
  "Đơn vị phối hợp",
  "Thời gian hoàn thành",
  "Sản phẩm",
];
const TITLE = "(Kèm theo Kế hoạch số 45/KH-UBND ngày 20/01/2025 của UBND tỉnh)";

async function xlsxOf(rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Phụ lục");
  ws.addRow(["PHỤ LỤC"]);
  ws.addRow([TITLE]);
  ws.addRow(HEADER);
  for (const r of rows) {
    const added = ws.addRow(r.cells);
    if (r.kind === "group") ws.mergeCells(added.number, 2, added.number, 6);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cellXml(text: string, span = 1): string {
  const pr = span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : "";
  const paras = text
    .split("\n")
    .map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`);
  return `<w:tc>${pr}${paras.join("")}</w:tc>`;
}

async function docxOf(rows: Row[]): Promise<Uint8Array> {
  const body: string[] = [
    "<w:p><w:r><w:t>ỦY BAN NHÂN DÂN TỈNH</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>Số: 45/KH-UBND, ngày 20 tháng 01 năm 2025</w:t></w:r></w:p>",
    `<w:p><w:r><w:t>${esc(TITLE)}</w:t></w:r></w:p>`,
    "<w:tbl>",
    `<w:tr>${HEADER.map((h) => cellXml(h)).join("")}</w:tr>`,
  ];
  for (const r of rows) {
    body.push(
      r.kind === "group"
        ? `<w:tr>${cellXml(r.cells[0]!)}${cellXml(r.cells[1]!, 5)}</w:tr>`
        : `<w:tr>${r.cells.map((c) => cellXml(c)).join("")}</w:tr>`,
    );
  }
  body.push("</w:tbl>");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join("")}</w:body></w:document>`,
  );
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

export interface ImportBench {
  rows: number;
  file: string;
  bytes: number;
  previewMs: number;
  applyMs: number;
  added: number;
  unitsCreated: number;
  rssMB: number;
}

async function benchOne(name: string, bytes: Uint8Array, rows: number): Promise<ImportBench> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-bench-import-"));
  try {
    const config = loadConfig(
      { DATA_DIR: dataDir, KNOWLEDGE_DIR: "knowledge", LOG_LEVEL: "silent" },
      "/nonexistent",
    );
    const app = await createApp({ config, logger: pino({ level: "silent" }) });
    try {
      const t0 = performance.now();
      const preview = await previewImport(app, { name, bytes }, { createUnits: true });
      const t1 = performance.now();
      const result = await applyImport(app, preview, { kind: "cli", name: "bench" });
      const t2 = performance.now();
      return {
        rows,
        file: name,
        bytes: bytes.byteLength,
        previewMs: Math.round(t1 - t0),
        applyMs: Math.round(t2 - t1),
        added: result.added,
        unitsCreated: result.unitsCreated.length,
        rssMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
      };
    } finally {
      await app.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchImports(
  tasks = 10_000,
): Promise<{ results: ImportBench[]; summary: SummaryRow[] }> {
  process.stdout.write(
    `Import benchmark: a ${tasks.toLocaleString("en")}-task appendix, preview then apply\n`,
  );
  const rows = planRows(tasks);
  const results: ImportBench[] = [];
  for (const [name, make] of [
    ["ke-hoach.xlsx", xlsxOf],
    ["ke-hoach.docx", docxOf],
  ] as const) {
    const bytes = await make(rows);
    const r = await benchOne(name, bytes, tasks);
    results.push(r);
    process.stdout.write(
      `  ${name.padEnd(14)} ${(r.bytes / 1024 / 1024).toFixed(1)} MB  preview ${r.previewMs} ms  apply ${r.applyMs} ms  ` +
        `(${r.added} tasks, ${r.unitsCreated} units created; RSS ${r.rssMB} MB)\n`,
    );
  }
  const summary: SummaryRow[] = results.flatMap((r) => [
    {
      label: `import preview, ${r.rows} rows (${r.file})`,
      value: r.previewMs,
      unit: "ms",
      target: IMPORT_TARGETS.previewMs,
    },
    {
      label: `import apply, ${r.rows} rows (${r.file})`,
      value: r.applyMs,
      unit: "ms",
      target: IMPORT_TARGETS.applyMs,
    },
  ]);
  return { results, summary };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchImports().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
