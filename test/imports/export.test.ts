import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { applyImport, exportFormatOf, exportKnowledge, previewImport } from "../../src/imports/index.ts";
import { readTables } from "../../src/imports/read-table.ts";
import { cleanPlan, makeApp, snapshot, titledPlan } from "./helpers.ts";

const actor = { kind: "cli" as const };

describe("the .xlsx export", () => {
  it("has the appendix layout: title block, header, column numbers, group rows, one row per task", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "p.xlsx", bytes: await titledPlan() }, { createUnits: true }),
      actor,
    );
    const bytes = await exportKnowledge(app, "xlsx");
    const [t] = await readTables({ name: "x.xlsx", bytes });
    const rows = t!.rows;
    expect(t!.sheet).toBe("Nhiệm vụ");
    expect(rows[0]!.cells[0]).toBe("DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ");
    const header = rows.find((r) => r.number === 4)!.cells;
    expect(header).toEqual([
      "TT",
      "Nhiệm vụ",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian hoàn thành",
      "Sản phẩm",
      "Căn cứ",
      "Nhóm nhiệm vụ",
      "Mã",
    ]);
    expect(rows.find((r) => r.number === 5)!.cells[0]).toBe("(1)");
    const kb = app.knowledge();
    const taskRows = rows.filter((r) => r.number > 5 && kb.task(r.cells[8]!));
    expect(taskRows).toHaveLength(kb.data.tasks.length);
    const ii1 = taskRows.find((r) => r.cells[8] === "qd-56-2023-ii-1")!.cells;
    expect(ii1).toEqual([
      "II.1",
      "Rà soát hạ tầng mạng nội bộ các cơ quan",
      "Sở Nội vụ",
      "Sở Văn hóa, Thể thao và Du lịch; Sở Thông tin và Truyền thông",
      "30/09/2023",
      "Báo cáo rà soát",
      "56/QĐ-UBND",
      "HẠ TẦNG SỐ",
      "qd-56-2023-ii-1",
    ]);
    // a group row spans the table (merged), right before its first task
    const groupRow = rows[rows.findIndex((r) => r.cells[8] === "qd-56-2023-ii-1") - 1]!;
    expect(new Set(groupRow.cells)).toEqual(new Set(["HẠ TẦNG SỐ"]));
  });

  it("re-imports with no change at all: shipped tasks, imported tasks, created units", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "p.xlsx", bytes: await titledPlan() }, { createUnits: true }),
      actor,
    );
    const other = await cleanPlan();
    await applyImport(
      app,
      await previewImport(app, { name: "c.xlsx", bytes: other }, { document: "3609/KH-BĐHCĐS" }),
      actor,
    );
    const total = app.knowledge().data.tasks.length;
    expect(total).toBeGreaterThan(10);

    const bytes = await exportKnowledge(app, "xlsx");
    const before = await snapshot(app.store.dataDir);
    const p = await previewImport(app, { name: "xuat.xlsx", bytes });
    expect(p.problems).toEqual([]);
    expect(p.unmatchedUnits).toEqual([]);
    expect([p.added.length, p.changed.length, p.removed.length]).toEqual([0, 0, 0]);
    expect(p.unchanged).toHaveLength(total);
    const r = await applyImport(app, p, actor);
    expect(r.entry).toBeNull();
    expect(await snapshot(app.store.dataDir)).toEqual(before);
  });

  it("edited and re-imported, shows exactly the edit", async () => {
    const app = await makeApp();
    const bytes = await exportKnowledge(app, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let edited = "";
    ws.eachRow((row) => {
      if (row.getCell(9).value === "nv-tuyen-truyen-ngay-cds-tinh") {
        row.getCell(5).value = "Trước 30/9/2023";
        edited = String(row.getCell(2).value);
      }
    });
    const changed = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const p = await previewImport(app, { name: "sua.xlsx", bytes: changed });
    expect(p.changed.map((c) => [c.after.id, c.after.title, c.fields.map((f) => f.field)])).toEqual([
      ["nv-tuyen-truyen-ngay-cds-tinh", edited, ["deadline"]],
    ]);
    expect(p.changed[0]!.after.deadline).toEqual({ text: "Trước 30/9/2023", due: "2023-09-30" });
    expect(p.added.length + p.removed.length).toBe(0);
  });
});

describe("the .json export", () => {
  it("is the effective knowledge (shipped + edits)", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "c.xlsx", bytes: await cleanPlan() }, { document: "56/QĐ-UBND" }),
      actor,
    );
    const json = JSON.parse(new TextDecoder().decode(await exportKnowledge(app, "json")));
    expect(json).toEqual(JSON.parse(JSON.stringify(app.knowledge().data)));
    expect(json.tasks.map((t: { id: string }) => t.id)).toContain("qd-56-2023-5");
  });

  it("formats come from the file name", () => {
    expect(exportFormatOf("nhiem-vu.XLSX")).toBe("xlsx");
    expect(exportFormatOf("tri-thuc.json")).toBe("json");
    expect(() => exportFormatOf("a.csv")).toThrow("Chỉ xuất được tệp .xlsx hoặc .json");
  });
});
