/**
 * The eight ways a real plan went wrong before (issue "Real plans in"), each pinned by a test that fails
 * if the problem returns. Files: exceljs-built appendices laid out as provinces lay them out, and the
 * LibreOffice-made plans of test/fixtures/plans.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import type { Knowledge } from "../../src/core/knowledge/model.ts";
import { agencyKey } from "../../src/core/text/agency-names.ts";
import { buildPreview, type ImportPreview } from "../../src/imports/preview.ts";
import { MAX_TASK_ROWS, readTables } from "../../src/imports/read-table.ts";
import { UnitMatcher } from "../../src/imports/unit-matcher.ts";
import { cli, HEADER, tempDir, testEnv, workbook } from "./helpers.ts";

let kb: Knowledge;
beforeAll(() => {
  kb = loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
});

const NOW = new Date("2026-12-06T02:00:00Z");

async function preview(bytes: Uint8Array, name: string, document?: string): Promise<ImportPreview> {
  const tables = await readTables({ name, bytes });
  return buildPreview(
    kb,
    tables,
    { name, bytes },
    { createUnits: true, ...(document ? { document } : {}) },
    NOW,
  );
}

const fixture = (name: string) => new Uint8Array(readFileSync(path.join("test/fixtures/plans", name)));

/** An appendix the way provinces lay it out: title block, sections merged across, numbering restarting. */
async function sectionedPlan(): Promise<Uint8Array> {
  return workbook([
    {
      name: "Phụ lục",
      rows: [
        ["PHỤ LỤC"],
        ["(Kèm theo Kế hoạch số 56/QĐ-UBND ngày 14/02/2023 của UBND tỉnh)"],
        HEADER,
        ["I", "NHẬN THỨC SỐ", "NHẬN THỨC SỐ", "NHẬN THỨC SỐ", "NHẬN THỨC SỐ", "NHẬN THỨC SỐ"],
        [1, "Tuyên truyền chuyển đổi số", "Sở TT&TT", "", "Quý II/2023", "Tin bài"],
        [2, "Tập huấn kỹ năng số", "Sở Nội vụ", "Sở TT&TT", "Quý III/2023", "Lớp học"],
        ["II", "DỮ LIỆU SỐ", "DỮ LIỆU SỐ", "DỮ LIỆU SỐ", "DỮ LIỆU SỐ", "DỮ LIỆU SỐ"],
        [1, "Số hóa hồ sơ", "Sở Nội vụ", "", "Tháng 9/2023", "Kho dữ liệu"],
        [2, "Chia sẻ dữ liệu dùng chung", "Sở TT&TT", "Sở Nội vụ", "Năm 2023", "Nền tảng"],
      ],
      merges: ["B4:F4", "B7:F7", "A1:F1", "A2:F2"],
    },
  ]);
}

describe("1. group rows are groups, never tasks or units", () => {
  it("a section merged across the row sets the group of the rows under it", async () => {
    const p = await preview(await sectionedPlan(), "phu-luc.xlsx");
    expect(p.groups).toEqual(["NHẬN THỨC SỐ", "DỮ LIỆU SỐ"]);
    expect(p.added.map((a) => [a.task.title, a.task.group])).toEqual([
      ["Tuyên truyền chuyển đổi số", "NHẬN THỨC SỐ"],
      ["Tập huấn kỹ năng số", "NHẬN THỨC SỐ"],
      ["Số hóa hồ sơ", "DỮ LIỆU SỐ"],
      ["Chia sẻ dữ liệu dùng chung", "DỮ LIỆU SỐ"],
    ]);
    expect(p.unmatchedUnits.map((u) => u.name)).toEqual(["Sở Nội vụ"]);
  });

  it("in the shared plans, no section becomes a task or a unit to create", async () => {
    for (const file of ["ke-hoach-45-2025.xlsx", "ke-hoach-45-2025.docx", "ke-hoach-78-2024.docx"]) {
      const p = await preview(fixture(file), file);
      const sections = new Set(p.groups.map((g) => agencyKey(g)));
      expect(
        p.unmatchedUnits.filter((u) => sections.has(agencyKey(u.name))),
        file,
      ).toEqual([]);
      expect(
        p.added.filter((a) => sections.has(agencyKey(a.task.title))),
        file,
      ).toEqual([]);
    }
  });
});

describe("2. numbering that restarts in each section", () => {
  it("is the norm: no warning, one task each, clauses carry the section", async () => {
    const p = await preview(await sectionedPlan(), "phu-luc.xlsx");
    expect(p.problems).toEqual([]);
    expect(p.added.map((a) => a.task.clause)).toEqual(["I.1", "I.2", "II.1", "II.2"]);
    expect(new Set(p.added.map((a) => a.task.id)).size).toBe(4);
  });

  it("also under sections with no numeral (a heading spanning the whole row)", async () => {
    const p = await preview(fixture("ke-hoach-78-2024.docx"), "ke-hoach-78-2024.docx");
    expect(p.problems).toEqual([]);
    expect(new Set(p.added.map((a) => a.task.id)).size).toBe(p.added.length);
  });
});

describe("3. unit names with “và” and commas stay whole", () => {
  it("is read as one unit, while two agencies joined by “và” or “,” are two", () => {
    const m = new UnitMatcher(kb);
    for (const name of [
      "Sở Nông nghiệp và Môi trường",
      "Sở Tài nguyên và Môi trường",
      "Sở Văn hóa, Thể thao và Du lịch",
      "Sở Lao động - Thương binh và Xã hội",
      "Sở Lao động – Thương binh và Xã hội",
      "Sở Giáo dục và Đào tạo",
      "Sở Kế hoạch và Đầu tư",
      "so tai nguyen va moi truong",
    ]) {
      expect(m.matchCell(name).unmatched, name).toEqual([name]);
    }
    // (The Sở Khoa học và Công nghệ is in the knowledge since the 2025 merger: found whole.)
    expect(m.matchCell("Sở Khoa học và Công nghệ").parts).toEqual([{ kind: "known", id: "so-khcn" }]);
    expect(m.matchCell("Sở Y tế và Bảo hiểm xã hội tỉnh").parts).toEqual([
      { kind: "unknown", name: "Sở Y tế" },
      { kind: "known", id: "bhxh-tinh" },
    ]);
    expect(m.matchCell("Sở Nội vụ, Sở Tài nguyên và Môi trường").unmatched).toEqual([
      "Sở Nội vụ",
      "Sở Tài nguyên và Môi trường",
    ]);
  });
});

describe("4. one unit, two spellings in one file", () => {
  it("an abbreviation and the full name make one unit, named in full, the abbreviation its alias", async () => {
    const p = await preview(fixture("ke-hoach-45-2025.xlsx"), "ke-hoach-45-2025.xlsx");
    // (“Sở KH&CN” and “Sở Khoa học và Công nghệ” are both the known unit since the 2025 merger.)
    const khcn = p.unmatchedUnits.filter((u) => agencyKey(u.name) === "so khoa hoc va cong nghe");
    expect(khcn).toHaveLength(0);
    const gd = p.unmatchedUnits.find((u) => u.name === "Sở Giáo dục và Đào tạo");
    expect(gd?.unit?.aliases).toEqual(["Sở GD&ĐT"]);
  });

  it("in the LibreOffice plan with “VP UBND tỉnh” and “Văn phòng UBND tỉnh” too", async () => {
    const p = await preview(fixture("ke-hoach-12-2024.xlsx"), "ke-hoach-12-2024.xlsx");
    const keys = p.unmatchedUnits.map((u) => agencyKey(u.name));
    expect(new Set(keys).size).toBe(keys.length);
    expect(p.unmatchedUnits.find((u) => u.name === "Văn phòng UBND tỉnh")?.unit?.aliases).toContain(
      "VP UBND tỉnh",
    );
  });
});

describe("5 and 6. the plan itself from the CLI, and every command sees the secretariat's work", () => {
  it("from a fresh DATA_DIR: import --apply --create-units adds the plan, its units and tasks; ask and kb list see them", async () => {
    const env = testEnv(await tempDir());
    const file = path.resolve("test/fixtures/plans/ke-hoach-45-2025.xlsx");
    const imported = await cli(["kb", "import", file, "--apply", "--create-units", "--json"], env);
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.out);
    expect(summary).toMatchObject({
      added: 23,
      document: { number: "45/KH-UBND", date: "2025-01-20", issuer: "UBND tỉnh", isNew: true },
      errors: [],
    });
    expect(summary.groups).toHaveLength(7);
    expect(imported.err).toContain("thêm văn bản 45/KH-UBND");

    const asked = await cli(
      ["ask", "nhiệm vụ của Sở Giáo dục và Đào tạo", "--json", "--now", "2025-03-01"],
      env,
    );
    const reply = JSON.parse(asked.out);
    expect(reply.abstained).toBe(false);
    expect(reply.answer).toContain("Đào tạo kỹ năng số cho giáo viên các trường phổ thông");
    expect(reply.citations.map((c: { label: string }) => c.label)).toContain(
      "Kế hoạch số 45/KH-UBND ngày 20/01/2025",
    );

    const listed = await cli(["kb", "list", "documents"], env);
    expect(listed.out).toContain("Kế hoạch 45/KH-UBND\t20/01/2025\tUBND tỉnh");
    const tasks = await cli(["kb", "list", "tasks"], env);
    expect(tasks.out).toContain(
      "Đào tạo kỹ năng số cho giáo viên các trường phổ thông\tchủ trì: Sở Giáo dục và Đào tạo",
    );
  });

  it("--document names a new plan; what the file does not say comes from --document-date, --issuer, --title", async () => {
    const env = testEnv(await tempDir());
    const dir = await tempDir();
    const file = path.join(dir, "bang.xlsx");
    await writeFile(
      file,
      await workbook([
        {
          name: "Bảng",
          rows: [HEADER, [1, "Tuyên truyền chuyển đổi số", "Sở TT&TT", "", "Quý II/2025", "Tin bài"]],
        },
      ]),
    );
    const missing = await cli(["kb", "import", file, "--document", "12/KH-BCĐ"], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      "Chưa có văn bản “12/KH-BCĐ” trong cơ sở tri thức, và tệp không ghi ngày ban hành",
    );

    const ok = await cli(
      [
        "kb",
        "import",
        file,
        "--document",
        "12/KH-BCĐ",
        "--document-date",
        "05/03/2025",
        "--issuer",
        "Ban Chỉ đạo chuyển đổi số tỉnh",
        "--title",
        "Kế hoạch tuyên truyền 2025",
        "--apply",
        "--json",
      ],
      env,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).document).toEqual({
      number: "12/KH-BCĐ",
      date: "2025-03-05",
      issuer: "Ban Chỉ đạo chuyển đổi số tỉnh",
      isNew: true,
    });
    const undo = await cli(["kb", "undo"], env);
    expect(undo.code).toBe(0);
    expect((await cli(["kb", "list", "documents"], env)).out).not.toContain("12/KH-BCĐ");
  });

  it("a title block naming a plan without its date does not stop rows that name their own document", async () => {
    const bytes = await workbook([
      {
        name: "Bảng",
        rows: [
          ["(Kèm theo Kế hoạch số 99/KH-UBND của UBND tỉnh)"],
          [...HEADER, "Căn cứ"],
          [1, "Tuyên truyền chuyển đổi số", "Sở TT&TT", "", "Quý II/2023", "Tin bài", "56/QĐ-UBND"],
        ],
      },
    ]);
    const p = await preview(bytes, "bang.xlsx");
    expect(p.document).toBeUndefined();
    expect(p.added.map((a) => a.task.document)).toEqual(["qd-56-2023"]);
    // Without a Căn cứ column the same title block says what is missing.
    const noBasis = await workbook([
      {
        name: "Bảng",
        rows: [
          ["(Kèm theo Kế hoạch số 99/KH-UBND của UBND tỉnh)"],
          HEADER,
          [1, "Việc", "Sở TT&TT", "", "Quý II/2023", "x"],
        ],
      },
    ]);
    await expect(preview(noBasis, "bang.xlsx")).rejects.toMatchObject({
      code: "incomplete-document",
      message: expect.stringContaining("tệp không ghi ngày ban hành (--document-date dd/mm/yyyy)"),
    });
  });

  it("kb doc add adds one by hand, audited; a known number or a missing field is refused", async () => {
    const env = testEnv(await tempDir());
    const add = [
      "kb",
      "doc",
      "add",
      "--number",
      "45/KH-UBND",
      "--date",
      "20/01/2025",
      "--issuer",
      "UBND tỉnh",
      "--title",
      "Kế hoạch chuyển đổi số năm 2025",
    ];
    const r = await cli(add, env);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Đã thêm Kế hoạch số 45/KH-UBND ngày 20/01/2025 của UBND tỉnh (mã kh-45-2025, nhật ký #1)",
    );
    expect((await cli(add, env)).err).toContain("Đã có văn bản 45/KH-UBND ngày 20/01/2025");
    const short = await cli(["kb", "doc", "add", "--number", "46/KH-UBND"], env);
    expect(short.code).toBe(2);
    expect(short.err).toContain("Thiếu --date, --issuer, --title");
    // The plan file then imports into the document added by hand.
    const file = path.resolve("test/fixtures/plans/ke-hoach-45-2025.docx");
    const imported = JSON.parse((await cli(["kb", "import", file, "--json", "--create-units"], env)).out);
    expect(imported.document).toMatchObject({ number: "45/KH-UBND", isNew: false });
    expect(imported.added).toBe(23);
  });
});

describe("7. a plan the size of a national or merged-province register", () => {
  function csvOf(rows: number): Uint8Array {
    const lines = ["TT,Nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành"];
    for (let i = 1; i <= rows; i++) lines.push(`${i},Nhiệm vụ số ${i},Sở TT&TT,Quý ${(i % 4) + 1}/2025`);
    return new TextEncoder().encode(lines.join("\n"));
  }

  it(`reads ${MAX_TASK_ROWS.toLocaleString("en")} task rows and refuses one more`, async () => {
    expect(MAX_TASK_ROWS).toBe(20_000);
    const p = await preview(csvOf(MAX_TASK_ROWS), "lon.csv", "56/QĐ-UBND");
    expect(p.added).toHaveLength(MAX_TASK_ROWS);
    expect(p.problems).toEqual([]);
    await expect(preview(csvOf(MAX_TASK_ROWS + 1), "qua-lon.csv", "56/QĐ-UBND")).rejects.toMatchObject({
      code: "too-many-rows",
    });
  }, 60_000);
});

describe("8. plans issued as Word documents", () => {
  it("are read from the CLI like a workbook; old .doc and .xls say how to save them anew", async () => {
    const env = testEnv(await tempDir());
    const docx = await cli(
      ["kb", "import", path.resolve("test/fixtures/plans/ke-hoach-78-2024.docx"), "--json"],
      env,
    );
    expect(docx.code).toBe(0);
    expect(JSON.parse(docx.out)).toMatchObject({
      added: 15,
      errors: [],
      document: { number: "78/KH-UBND", isNew: true },
    });
    const doc = await cli(["kb", "import", path.resolve("test/fixtures/plans/legacy.doc")], env);
    expect(doc.code).toBe(1);
    expect(doc.err).toContain(
      "là văn bản Word đời cũ (.doc). Hãy mở trong Word, chọn Lưu thành › Tài liệu Word (.docx)",
    );
    const xls = await cli(["kb", "import", path.resolve("test/fixtures/plans/legacy.xls")], env);
    expect(xls.err).toContain("là bảng tính Excel đời cũ (.xls). Hãy mở trong Excel, chọn Lưu thành");
  });
});
