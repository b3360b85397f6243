import { describe, expect, it } from "vitest";
import {
  applyImport,
  IMPORT_ACTION,
  ImportError,
  type ImportPreview,
  previewImport,
  renderPreview,
  undoLastChange,
} from "../../src/imports/index.ts";
import { brokenPlan, cleanPlan, cleanRows, makeApp, snapshot, titledPlan, workbook } from "./helpers.ts";

const DOC = "56/QĐ-UBND";
const actor = { kind: "cli" as const, name: "thu-ky" };

async function rejects(p: Promise<unknown>): Promise<ImportError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

describe("a clean appendix", () => {
  it("gives the tasks, units and due dates the plan says", async () => {
    const app = await makeApp();
    const p = await previewImport(
      app,
      { name: "ke-hoach.xlsx", bytes: await cleanPlan() },
      { document: DOC },
    );
    expect(p.documents).toEqual([
      { id: "qd-56-2023", number: DOC, label: "Quyết định số 56/QĐ-UBND ngày 14/02/2023" },
    ]);
    expect(p.problems).toEqual([]);
    expect(p.unmatchedUnits).toEqual([]);
    expect(p.added.map((a) => [a.row, a.task.id])).toEqual([
      [2, "qd-56-2023-1"],
      [3, "qd-56-2023-2"],
      [4, "qd-56-2023-3"],
      [5, "qd-56-2023-4"],
      [6, "qd-56-2023-5"],
    ]);
    const [t1, t2, t3, t4, t5] = p.added.map((a) => a.task);
    expect(t1).toEqual({
      id: "qd-56-2023-1",
      title: "Tổ chức tuyên truyền Ngày Chuyển đổi số tỉnh",
      lead: ["so-tttt"],
      support: ["cac-so-ban-nganh", "ubnd-cac-huyen-thanh-pho"],
      deadline: { text: "Hằng năm 10/10", recurrence: { kind: "yearly", month: 10, day: 10 } },
      document: "qd-56-2023",
      clause: "1",
      product: "Các hoạt động tuyên truyền",
      year: 2023,
      progress: {},
      sources: ["qd-56-2023"],
      asOf: "2023-02-14",
    });
    expect(t2!.lead).toEqual(["trung-tam-phuc-vu-hcc"]);
    expect(t2!.deadline).toEqual({ text: "Quý II/2023", due: "2023-06-30" });
    expect(t3!.support).toEqual(["nhnn-chi-nhanh-tinh", "bhxh-tinh"]);
    expect(t3!.deadline.due).toBe("2023-06-30");
    expect(t4!.deadline).toEqual({ text: "Thường xuyên", continuous: true });
    expect(t4!.support).toEqual([]);
    expect(t5!.deadline.due).toBe("2023-06-30");
    expect(t5!.support).toEqual(["cac-so-ban-nganh"]);
    // a preview changes nothing
    expect(app.knowledge().task("qd-56-2023-1")).toBeUndefined();
    expect(app.store.audit.list()).toEqual([]);
  });

  it("applies in one audited change; re-importing the same file then changes nothing", async () => {
    const app = await makeApp();
    const file = { name: "ke-hoach.xlsx", bytes: await cleanPlan() };
    const p = await previewImport(app, file, { document: DOC });
    const r = await applyImport(app, p, actor);
    expect(r).toMatchObject({ added: 5, changed: 0, removed: 0, unitsCreated: [] });
    expect(r.entry).toMatchObject({ action: IMPORT_ACTION, actor });
    expect(r.entry!.note).toBe("Nhập tệp “ke-hoach.xlsx” (56/QĐ-UBND): thêm 5, sửa 0, bỏ 0 nhiệm vụ");
    expect(r.entry!.changes).toHaveLength(5);
    expect(app.knowledge().task("qd-56-2023-2")?.deadline.due).toBe("2023-06-30");
    // the engine sees the new tasks (the knowledge was reloaded)
    expect(
      app
        .knowledge()
        .tasksOfUnit("ban-dan-toc")
        .lead.map((t) => t.id),
    ).toContain("qd-56-2023-4");

    const before = await snapshot(app.store.dataDir);
    const again = await previewImport(app, file, { document: DOC });
    expect([again.added.length, again.changed.length, again.removed.length]).toEqual([0, 0, 0]);
    expect(again.unchanged.map((u) => u.id)).toEqual(p.added.map((a) => a.task.id));
    const r2 = await applyImport(app, again, actor);
    expect(r2.entry).toBeNull();
    expect(await snapshot(app.store.dataDir)).toEqual(before);
  });

  it("shows a moved deadline as changed, applies it with an audit entry, and undo restores it", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: DOC }),
      actor,
    );
    const moved = await cleanPlan({ 2: { 4: "Quý III/2023" } });
    const p = await previewImport(app, { name: "b.xlsx", bytes: moved }, { document: DOC });
    expect(p.added).toEqual([]);
    expect(p.unchanged).toHaveLength(4);
    expect(p.changed).toHaveLength(1);
    const c = p.changed[0]!;
    expect(c.row).toBe(3);
    expect(c.fields).toEqual([
      { field: "deadline", before: "Quý II/2023 (hạn 30/06/2023)", after: "Quý III/2023 (hạn 30/09/2023)" },
    ]);
    expect(c.after.deadline).toEqual({ text: "Quý III/2023", due: "2023-09-30" });
    expect(c.after.asOf).toBe("2023-03-01"); // today: the day the change was recorded
    expect(renderPreview(p)).toContain(
      "thời hạn: Quý II/2023 (hạn 30/06/2023) → Quý III/2023 (hạn 30/09/2023)",
    );

    const r = await applyImport(app, p, actor);
    expect(r.entry!.changes).toEqual([
      { collection: "tasks", id: "qd-56-2023-2", before: c.before, after: c.after },
    ]);
    expect(app.store.audit.list({ limit: 1 })[0]!.action).toBe("import.tasks");
    expect(app.knowledge().task("qd-56-2023-2")!.deadline.due).toBe("2023-09-30");

    const undo = await undoLastChange(app, actor);
    expect(undo?.undoes).toBe(r.entry!.id);
    expect(app.knowledge().task("qd-56-2023-2")!.deadline).toEqual({
      text: "Quý II/2023",
      due: "2023-06-30",
    });
  });

  it("lists tasks of the same document that the new table no longer has as removed", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: DOC }),
      actor,
    );
    const fewer = await workbook([{ name: "Ví dụ minh họa", rows: cleanRows().filter((_, i) => i !== 4) }]);
    const p = await previewImport(app, { name: "b.xlsx", bytes: fewer }, { document: DOC });
    expect(p.removed.map((t) => t.id)).toEqual(["qd-56-2023-4"]);
    expect(renderPreview(p)).toContain("Bỏ đi (bảng mới không còn): 1 nhiệm vụ");
    // tasks of other documents are never touched
    expect(p.removed.every((t) => t.document === "qd-56-2023")).toBe(true);
    await applyImport(app, p, actor);
    expect(app.knowledge().task("qd-56-2023-4")).toBeUndefined();
    await undoLastChange(app, actor);
    expect(app.knowledge().task("qd-56-2023-4")?.title).toBe(
      "Cập nhật cơ sở dữ liệu về đồng bào dân tộc thiểu số",
    );
  });

  it("names what a document the knowledge does not have needs, when the file does not say it", async () => {
    const app = await makeApp();
    const e = await rejects(
      previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: "99/KH-UBND" }),
    );
    expect(e.code).toBe("incomplete-document");
    expect(e.message).toContain(
      "Chưa có văn bản “99/KH-UBND” trong cơ sở tri thức, và tệp không ghi ngày ban hành (--document-date dd/mm/yyyy), cơ quan ban hành",
    );
    expect(e.message).not.toContain("loại văn bản"); // KH = Kế hoạch
  });

  it("needs a document: without one every row says so", async () => {
    const app = await makeApp();
    const p = await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() });
    expect(p.added).toEqual([]);
    expect(p.problems).toHaveLength(5);
    expect(p.problems[0]!.message).toContain("không rõ văn bản giao nhiệm vụ");
  });

  it("reads the document of each row from a Căn cứ column", async () => {
    const app = await makeApp();
    const bytes = await workbook([
      {
        name: "Ví dụ minh họa",
        rows: [
          ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Căn cứ"],
          [1, "Việc theo Kế hoạch 3609", "Sở TT&TT", "Quý IV/2022", "Kế hoạch số 3609/KH-BĐHCĐS"],
          [2, "Việc theo Quyết định 56", "Ban Dân tộc", "Quý II", "56/QĐ-UBND"],
          [3, "Việc theo văn bản chưa có", "Ban Dân tộc", "Quý II", "12/KH-UBND"],
        ],
      },
    ]);
    const p = await previewImport(app, { name: "a.xlsx", bytes });
    expect(p.added.map((a) => [a.task.id, a.task.document, a.task.deadline.due])).toEqual([
      ["kh-3609-2022-1", "kh-3609-2022", "2022-12-31"],
      ["qd-56-2023-2", "qd-56-2023", "2023-06-30"], // "Quý II" in the document's year
    ]);
    expect(p.problems).toEqual([
      {
        row: 4,
        message: "chưa có văn bản “12/KH-UBND” trong cơ sở tri thức (thêm văn bản trước rồi nhập lại)",
        severity: "error",
      },
    ]);
  });
});

describe("a plan with a title block, group rows and merged cells", () => {
  it("reads the document from the title, groups, clauses, merged units and dates", async () => {
    const app = await makeApp();
    const p = await previewImport(app, { name: "phu-luc.xlsx", bytes: await titledPlan() });
    expect(p.documents.map((d) => d.id)).toEqual(["qd-56-2023"]);
    const tasks = p.added.map((a) => a.task);
    expect(tasks.map((t) => [t.id, t.clause, t.group])).toEqual([
      ["qd-56-2023-i-1", "I.1", "NHẬN THỨC SỐ"],
      ["qd-56-2023-i-2", "I.2", "NHẬN THỨC SỐ"],
      ["qd-56-2023-i-3", "I.3", "NHẬN THỨC SỐ"],
      ["qd-56-2023-ii-1", "II.1", "HẠ TẦNG SỐ"],
      ["qd-56-2023-ii-2", "II.2", "HẠ TẦNG SỐ"],
    ]);
    // the lead cell merged over three rows leads each of them
    expect(tasks.slice(0, 3).map((t) => t.lead)).toEqual([["so-tttt"], ["so-tttt"], ["so-tttt"]]);
    expect(tasks.map((t) => t.deadline)).toEqual([
      { text: "Quý II/2023", due: "2023-06-30" },
      { text: "Thường xuyên", continuous: true },
      { text: "Hằng năm", recurrence: { kind: "yearly", month: 12, day: 31 } },
      { text: "30/09/2023", due: "2023-09-30" }, // an Excel date
      { text: "Tháng 12/2023", due: "2023-12-31" },
    ]);
    expect(tasks[1]!.product).toBe("Chuyên mục");
    expect(tasks[4]!.lead).toEqual(["ubnd-cac-huyen-thanh-pho"]);
    expect(p.problems).toEqual([]);
  });

  it("lists unknown units with the closest known ones and creates them only when asked", async () => {
    const app = await makeApp();
    const file = { name: "phu-luc.xlsx", bytes: await titledPlan() };
    const p = await previewImport(app, file);
    expect(p.unmatchedUnits.map((u) => [u.name, u.rows, u.unit?.id, u.unit?.kind])).toEqual([
      ["Sở Nội vụ", [14], "so-noi-vu", "so"],
      ["Sở Văn hóa, Thể thao và Du lịch", [14], "so-van-hoa-the-thao-va-du-lich", "so"],
    ]);
    for (const u of p.unmatchedUnits) expect(u.closest).toHaveLength(3);
    expect(p.unmatchedUnits[0]!.unit).toMatchObject({ sources: ["qd-56-2023"], asOf: "2023-02-14" });
    const t = p.added.find((a) => a.task.id === "qd-56-2023-ii-1")!.task;
    expect(t.lead).toEqual(["so-noi-vu"]);
    expect(t.support).toEqual(["so-van-hoa-the-thao-va-du-lich", "so-tttt"]);

    // never silently created
    const before = await snapshot(app.store.dataDir);
    const e = await rejects(applyImport(app, p, actor));
    expect(e.code).toBe("unmatched-units");
    expect(e.message).toContain("“Sở Nội vụ”");
    expect(e.message).toContain("--create-units");
    expect(await snapshot(app.store.dataDir)).toEqual(before);
    expect(app.knowledge().unit("so-noi-vu")).toBeUndefined();

    const r = await applyImport(app, p, actor, { createUnits: true });
    expect(r.unitsCreated.map((u) => u.id)).toEqual(["so-noi-vu", "so-van-hoa-the-thao-va-du-lich"]);
    expect(r.entry!.note).toContain("thêm 2 đơn vị");
    expect(app.knowledge().unit("so-noi-vu")).toMatchObject({ name: "Sở Nội vụ", kind: "so" });
    // the new unit is a known unit from now on
    const again = await previewImport(app, file);
    expect(again.unmatchedUnits).toEqual([]);
    expect(again.unchanged).toHaveLength(5);
  });
});

describe("group rows", () => {
  it("nest by numbering style; clauses and ids carry the numbers of the groups above", async () => {
    const app = await makeApp();
    const bytes = await workbook([
      {
        name: "Ví dụ minh họa",
        rows: [
          ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Tiến độ"],
          ["I. CHÍNH QUYỀN SỐ"],
          ["1", "Hạ tầng số"],
          ["1.1", "Nâng cấp mạng nội bộ", "Sở TT&TT", "", "Quý I/2023"],
          ["1.2", "Rà soát máy chủ", "Sở TT&TT", "", "Quý II/2023"],
          ["2", "Dữ liệu số"],
          ["2.1", "Làm sạch dữ liệu dân cư", "Ban Dân tộc", "", "Quý III/2023"],
          ["II", "KINH TẾ SỐ"],
          ["1", "Thanh toán số trong thu thuế", "Cục Thuế tỉnh", "", "Năm 2023"],
          ["-", "Phổ biến nộp thuế qua điện thoại", "Cục Thuế tỉnh", "", "Năm 2023"],
        ],
        merges: ["A2:E2"],
      },
    ]);
    const p = await previewImport(app, { name: "nhom.xlsx", bytes }, { document: DOC });
    expect(p.problems).toEqual([]);
    expect(p.added.map((a) => [a.task.id, a.task.clause, a.task.group])).toEqual([
      ["qd-56-2023-i-1-1", "I.1.1", "Hạ tầng số"],
      ["qd-56-2023-i-1-2", "I.1.2", "Hạ tầng số"],
      ["qd-56-2023-i-2-1", "I.2.1", "Dữ liệu số"],
      ["qd-56-2023-ii-1", "II.1", "KINH TẾ SỐ"],
      ["qd-56-2023-ii-n1", undefined, "KINH TẾ SỐ"], // a bullet, not a number
    ]);
  });
});

describe("broken rows", () => {
  it("are listed with their row number and a Vietnamese reason; the rest is imported", async () => {
    const app = await makeApp();
    const p = await previewImport(app, { name: "loi.xlsx", bytes: await brokenPlan() }, { document: DOC });
    expect(p.problems).toEqual([
      { row: 2, message: "thiếu tên nhiệm vụ", severity: "error" },
      { row: 3, message: "không có đơn vị chủ trì", severity: "error" },
      {
        row: 4,
        message: "không nhận ra thời hạn “Khi có chỉ đạo” (vẫn nhập, chỉ giữ nguyên văn)",
        severity: "warning",
      },
      {
        row: 5,
        message: "ô E5 có công thức chưa có kết quả (mở tệp bằng Excel, lưu lại rồi gửi lại)",
        severity: "warning",
      },
      { row: 5, message: "thiếu thời hạn hoàn thành", severity: "error" },
    ]);
    expect(p.added.map((a) => [a.row, a.task.deadline])).toEqual([
      [4, { text: "Khi có chỉ đạo" }],
      [6, { text: "Quý IV/2023", due: "2023-12-31" }], // a formula's cached result
      [7, { text: "Năm 2023", due: "2023-12-31" }],
    ]);
    const text = renderPreview(p);
    expect(text).toContain("Dòng không đọc được (không nhập): 3");
    expect(text).toContain("Dòng 3: không có đơn vị chủ trì");
  });

  it("that cannot be read never count as removed", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: DOC }),
      actor,
    );
    const noTitle = await cleanPlan({ 3: { 1: "" } }); // task 3 loses its title
    const p = await previewImport(app, { name: "b.xlsx", bytes: noTitle }, { document: DOC });
    expect(p.problems).toEqual([{ row: 4, message: "thiếu tên nhiệm vụ", severity: "error" }]);
    expect(p.removed).toEqual([]);
  });
});

describe("a table from which no row can be read", () => {
  it("removes nothing", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: DOC }),
      actor,
    );
    const bytes = await workbook([
      {
        name: "Ví dụ minh họa",
        rows: [
          ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
          [6, "", "Sở TT&TT", "Quý I/2023"],
          [7, "Việc không có chủ trì", "", "Quý I/2023"],
        ],
      },
    ]);
    const p = await previewImport(app, { name: "b.xlsx", bytes }, { document: DOC });
    expect(p.problems.map((x) => x.severity)).toEqual(["error", "error"]);
    expect(p.removed).toEqual([]);
  });
});

describe("a CSV", () => {
  it("imports like a workbook: BOM, semicolons, line breaks in quoted cells", async () => {
    const app = await makeApp();
    const csv =
      "\uFEFFTT;Nhiệm vụ;Cơ quan chủ trì;Cơ quan phối hợp;Thời gian hoàn thành;Sản phẩm\r\n" +
      '1;"Số hóa hồ sơ, ""một cửa""";"Sở TT&TT\nBan Dân tộc";"UBND các huyện, thành phố";Trước 30/6/2023;Kho dữ liệu\r\n';
    const p = await previewImport(
      app,
      { name: "ke-hoach.csv", bytes: new TextEncoder().encode(csv) },
      { document: DOC },
    );
    expect(p.added.map((a) => a.task)).toMatchObject([
      {
        id: "qd-56-2023-1",
        title: 'Số hóa hồ sơ, "một cửa"',
        lead: ["so-tttt", "ban-dan-toc"],
        support: ["ubnd-cac-huyen-thanh-pho"],
        deadline: { text: "Trước 30/6/2023", due: "2023-06-30" },
      },
    ]);
  });
});

describe("a preview", () => {
  it("is plain JSON: kept as text, it still applies", async () => {
    const app = await makeApp();
    const p = await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: DOC });
    const kept = JSON.parse(JSON.stringify(p)) as ImportPreview;
    expect(kept).toEqual(p);
    expect(p.id).toMatch(/^[0-9a-f]{16}$/);
    const r = await applyImport(app, kept, actor);
    expect(r.added).toBe(5);
  });

  it("that the knowledge has moved past is refused", async () => {
    const app = await makeApp();
    await applyImport(
      app,
      await previewImport(app, { name: "a.xlsx", bytes: await cleanPlan() }, { document: DOC }),
      actor,
    );
    const p = await previewImport(
      app,
      { name: "b.xlsx", bytes: await cleanPlan({ 2: { 4: "Quý III/2023" } }) },
      {
        document: DOC,
      },
    );
    // someone edits the task meanwhile
    await applyImport(
      app,
      await previewImport(
        app,
        { name: "c.xlsx", bytes: await cleanPlan({ 2: { 4: "Quý IV/2023" } }) },
        { document: DOC },
      ),
      actor,
    );
    const e = await rejects(applyImport(app, p, actor));
    expect(e.code).toBe("stale");
    expect(e.message).toContain("đã thay đổi sau khi xem trước");
    expect(app.knowledge().task("qd-56-2023-2")!.deadline.text).toBe("Quý IV/2023");
  });
});
