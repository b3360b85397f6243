import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import type { TaskStatus } from "../../src/core/deadlines/status.ts";
import type { Knowledge } from "../../src/core/knowledge/model.ts";
import { statusInYear } from "../../src/core/reports/overview.ts";
import {
  buildProgressReport,
  type ProgressReportData,
  parsePeriodKind,
  periodOf,
  REPORT_STATUSES,
} from "../../src/report-files/progress-report.ts";
import { illustrativePlan } from "../core/reports/fixture.ts";

// Illustrative plan (fixture.ts): invented units, tasks and dates.
const NOW = new Date("2024-06-15T09:00:00+07:00");

function zero(): Record<TaskStatus, number> {
  return { "done-on-time": 0, "done-late": 0, "in-progress": 0, overdue: 0, "no-deadline": 0 };
}

/** The counts straight from the knowledge: each provincial unit's lead tasks of the year. */
function expectedCounts(kb: Knowledge, today: string, year: number) {
  const perUnit = new Map<string, Record<TaskStatus, number>>();
  const distinct = new Map<string, TaskStatus>();
  // The units of the period (a unit established later, such as the Sở KH&CN of 2025, is not in 2023's).
  const on = `${year}-12-31` < today ? `${year}-12-31` : today;
  for (const u of kb.provincialUnits()) {
    if (!kb.unitExistsOn(u.id, on)) continue;
    const c = zero();
    let n = 0;
    for (const t of kb.tasksOfUnit(u.id).lead) {
      const st = statusInYear(t, today, year);
      if (!st) continue;
      c[st.status]++;
      n++;
      distinct.set(t.id, st.status);
    }
    if (n) perUnit.set(u.name, c);
  }
  const totals = zero();
  for (const s of distinct.values()) totals[s]++;
  return { perUnit, totals, total: distinct.size };
}

async function readBack(xlsx: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb;
}

function findRow(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).text === text) return r;
  return -1;
}

describe("periods", () => {
  it("reads the period the Vietnamese way, with or without diacritics", () => {
    expect(parsePeriodKind("tháng")).toBe("thang");
    expect(parsePeriodKind("QUÝ")).toBe("quy");
    expect(parsePeriodKind("nam")).toBe("nam");
    expect(parsePeriodKind("tuần")).toBeUndefined();
  });

  it("is the month, quarter or year of the report day", () => {
    expect(periodOf("thang", "2024-06-15")).toEqual({
      kind: "thang",
      label: "tháng 6/2024",
      from: "2024-06-01",
      to: "2024-06-30",
      year: 2024,
    });
    expect(periodOf("quy", "2024-11-02")).toMatchObject({
      label: "quý IV/2024",
      from: "2024-10-01",
      to: "2024-12-31",
    });
    expect(periodOf("nam", "2024-02-29")).toMatchObject({
      label: "năm 2024",
      from: "2024-01-01",
      to: "2024-12-31",
    });
  });
});

describe("progress report", () => {
  for (const [name, kb, now] of [
    ["the illustrative plan", illustrativePlan(), NOW],
    [
      "the shipped knowledge",
      loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }),
      new Date("2023-11-20T09:00:00+07:00"),
    ],
  ] as const) {
    it(`numbers in the .xlsx equal the counts from the knowledge (${name})`, async () => {
      const { data, xlsx } = await buildProgressReport(kb, { period: "quy", now });
      const exp = expectedCounts(kb, data.asOf, data.period.year);
      // data
      expect(new Map(data.units.map((u) => [u.name, u.counts]))).toEqual(exp.perUnit);
      expect(data.totals.counts).toEqual(exp.totals);
      expect(data.totals.total).toBe(exp.total);
      // the file, read back
      const wb = await readBack(xlsx);
      const ws = wb.getWorksheet("Tổng hợp")!;
      const header = findRow(ws, 1, "STT");
      expect(header).toBeGreaterThan(0);
      const headers = (ws.getRow(header).values as unknown[]).slice(1);
      expect(headers).toEqual([
        "STT",
        "Đơn vị chủ trì",
        "Tổng số nhiệm vụ",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang thực hiện – trong hạn",
        "Quá hạn",
        "Chưa có hạn (thường xuyên)",
        "Đến hạn trong kỳ",
      ]);
      for (const [unitName, counts] of exp.perUnit) {
        const r = findRow(ws, 2, unitName);
        expect(r, unitName).toBeGreaterThan(header);
        const row = ws.getRow(r);
        REPORT_STATUSES.forEach((s, i) => {
          expect(row.getCell(4 + i).value, `${unitName} ${s}`).toBe(counts[s]);
        });
        expect(row.getCell(3).value).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
      }
      const totalRow = ws.getRow(findRow(ws, 2, "Tổng cộng (mỗi nhiệm vụ tính một lần)"));
      expect(totalRow.getCell(3).value).toBe(exp.total);
      REPORT_STATUSES.forEach((s, i) => {
        expect(totalRow.getCell(4 + i).value).toBe(exp.totals[s]);
      });
      // detail sheet: one row per unit and task
      const detail = wb.getWorksheet("Chi tiết theo đơn vị")!;
      const dh = findRow(detail, 1, "STT");
      const rows = detail.rowCount - dh;
      const expectedRows = [...exp.perUnit.values()].reduce(
        (a, c) => a + Object.values(c).reduce((x, y) => x + y),
        0,
      );
      expect(rows).toBe(expectedRows);
    });
  }

  it("has a title block with the province, the period and the date", async () => {
    const { xlsx } = await buildProgressReport(illustrativePlan(), { period: "thang", now: NOW });
    const ws = (await readBack(xlsx)).getWorksheet("Tổng hợp")!;
    expect(ws.getCell("A1").text).toBe("TỈNH MINH HỌA");
    expect(ws.getCell("A2").text).toBe("TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CHUYỂN ĐỔI SỐ");
    expect(ws.getCell("A3").text).toBe("Kỳ báo cáo: tháng 6/2024 (từ ngày 01/06/2024 đến ngày 30/06/2024)");
    expect(ws.getCell("A4").text).toBe("Số liệu tính đến ngày 15/06/2024");
  });

  it("lists each unit's tasks with document, due date, status and a note", async () => {
    const { data, xlsx } = await buildProgressReport(illustrativePlan(), { period: "thang", now: NOW });
    const detail = (await readBack(xlsx)).getWorksheet("Chi tiết theo đơn vị")!;
    const r = findRow(detail, 3, "Nhiệm vụ minh họa tttt-6");
    expect(r).toBeGreaterThan(0);
    const row = detail.getRow(r);
    expect(row.getCell(2).text).toBe("Sở Thông tin và Truyền thông");
    expect(row.getCell(5).text).toBe("Trước ngày 01/05/2024");
    expect((row.getCell(6).value as Date).toISOString().slice(0, 10)).toBe("2024-05-01");
    expect(row.getCell(7).text).toBe("Quá hạn");
    expect(row.getCell(8).text).toBe("quá hạn 45 ngày (hạn 01/05/2024)");
    // due in June 2024: tc-1 (20/06), the quarterly report (30/06)
    const tc = data.units.find((u) => u.unitId === "so-tai-chinh")!;
    expect(tc.dueInPeriod).toBe(1);
    expect(data.units.find((u) => u.unitId === "so-tttt")!.dueInPeriod).toBe(1);
  });

  it("gives the same numbers as JSON", async () => {
    const { data } = await buildProgressReport(illustrativePlan(), { period: "nam", now: NOW });
    const json = JSON.parse(JSON.stringify(data)) as ProgressReportData;
    expect(json.period.label).toBe("năm 2024");
    expect(json.totals.total).toBe(data.totals.total);
    expect(json.statuses.map((s) => s.label)).toEqual([
      "Hoàn thành đúng hạn",
      "Hoàn thành quá hạn",
      "Đang thực hiện – trong hạn",
      "Quá hạn",
      "Chưa có hạn (thường xuyên)",
    ]);
  });
});
