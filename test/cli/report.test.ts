import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";

let dir: string;
let out: string[];
let err: string[];
const io = (): CliIo => ({
  out: (t) => out.push(t),
  err: (t) => err.push(t),
  env: { KNOWLEDGE_DIR: "knowledge", DATA_DIR: join(dir, "data"), LOG_LEVEL: "silent" },
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-"));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("report", () => {
  it("--json prints the numbers of the shipped knowledge", async () => {
    expect(await runCli(["report", "--period", "năm", "--now", "2023-11-20", "--json"], io())).toBe(0);
    const data = JSON.parse(out.join("\n"));
    expect(data.period).toMatchObject({
      kind: "nam",
      label: "năm 2023",
      from: "2023-01-01",
      to: "2023-12-31",
    });
    expect(data.asOf).toBe("2023-11-20");
    expect(data.province).toBe("Ninh Thuận");
    expect(data.units.length).toBeGreaterThan(5);
    const sum = Object.values(data.totals.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBe(data.totals.total);
    expect(err).toEqual([]);
    // --json alone writes no file
    expect(existsSync("tong-hop-nhiem-vu-nam-2023-11-20.xlsx")).toBe(false);
  });

  it("--out writes the .xlsx and --chart the PNG", async () => {
    const xlsx = join(dir, "bao-cao.xlsx");
    const png = join(dir, "bieu-do.png");
    const code = await runCli(
      ["report", "--period", "quy", "--now", "2023-11-20", "--out", xlsx, "--chart", png],
      io(),
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toContain(`Đã ghi báo cáo quý IV/2023: ${xlsx}`);
    expect(text).toMatch(/Đã vẽ biểu đồ tiến độ \(\d+×\d+ điểm ảnh\)/);
    expect(text).toContain("Kỳ quý IV/2023, số liệu đến ngày 20/11/2023:");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Chi tiết theo đơn vị"]);
    expect([...readFileSync(png).subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it("refuses an unknown period or date, in Vietnamese", async () => {
    expect(await runCli(["report", "--period", "tuan"], io())).toBe(2);
    expect(err.join("\n")).toContain("--period không hợp lệ: “tuan” (chọn thang, quy hoặc nam).");
    err = [];
    expect(await runCli(["report", "--now", "hôm qua", "--json"], io())).toBe(2);
    expect(err.join("\n")).toContain("--now không hợp lệ");
  });
});
