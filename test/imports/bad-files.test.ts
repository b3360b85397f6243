import { writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES } from "../../src/imports/index.ts";
import {
  cli,
  docx,
  encryptedXlsx,
  HEADER,
  makeApp,
  snapshot,
  tempDir,
  testEnv,
  workbook,
} from "./helpers.ts";

/** A data dir whose store files exist, and its snapshot. */
async function store() {
  const dataDir = await tempDir();
  const app = await makeApp({ dataDir });
  await app.close();
  return { dataDir, before: await snapshot(dataDir) };
}

async function emptySheet(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Ví dụ minh họa");
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function manyRows(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ví dụ minh họa");
  ws.addRow(HEADER);
  for (let i = 1; i <= n; i++)
    ws.addRow([i, `Nhiệm vụ ví dụ ${i}`, "Sở TT&TT", "", "Quý II/2023", "Báo cáo"]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("bad files get a clear Vietnamese message and change nothing", () => {
  const cases: [string, string, () => Promise<Uint8Array>, string][] = [
    [
      "random bytes",
      "nhieu.xlsx",
      async () => new Uint8Array(Buffer.from("PK? không phải Excel \u0000\u0001")),
      "không phải tệp Excel",
    ],
    ["a Word document with no table", "ke-hoach.xlsx", async () => docx(), "không có bảng nào"],
    ["an empty sheet", "trong.xlsx", emptySheet, "không có dữ liệu (trang tính trống)"],
    [
      "no recognisable header",
      "danh-sach.xlsx",
      () =>
        workbook([
          {
            name: "Ví dụ minh họa",
            rows: [
              ["Họ và tên", "Chức vụ", "Điện thoại"],
              ["Nguyễn Văn A", "Chuyên viên", "0123"],
            ],
          },
        ]),
      "Không tìm thấy dòng tiêu đề của bảng nhiệm vụ",
    ],
    ["50,000 rows", "lon.xlsx", () => manyRows(50_000), "tối đa 20.000 dòng nhiệm vụ"],
    [
      "a password-protected workbook",
      "mat-khau.xlsx",
      async () => encryptedXlsx(),
      "được bảo vệ bằng mật khẩu",
    ],
    [
      "a legacy .xls",
      "cu.xls",
      async () => {
        const b = Buffer.from(encryptedXlsx());
        b.fill(0, 512); // an OLE file without encryption streams
        return new Uint8Array(b);
      },
      "Excel đời cũ (.xls)",
    ],
  ];

  for (const [what, name, make, message] of cases) {
    it(what, async () => {
      const { dataDir, before } = await store();
      const file = path.join(await tempDir(), name);
      await writeFile(file, await make());
      const r = await cli(
        ["kb", "import", file, "--document", "56/QĐ-UBND", "--apply", "--create-units"],
        testEnv(dataDir),
      );
      expect(r.code).toBe(1);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      expect(r.out).toBe("");
      expect(await snapshot(dataDir)).toEqual(before);
    }, 60_000);
  }

  it("more than 20,000 task rows, counted exactly", async () => {
    const { dataDir, before } = await store();
    const file = path.join(await tempDir(), "20001.csv");
    const lines = [
      HEADER.join(";"),
      ...Array.from({ length: 20_001 }, (_, i) => `${i + 1};Việc ${i + 1};Sở TT&TT;;Quý II/2023;x`),
    ];
    await writeFile(file, lines.join("\n"));
    const r = await cli(["kb", "import", file, "--document", "56/QĐ-UBND", "--apply"], testEnv(dataDir));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "Bảng có quá nhiều dòng: mỗi lần nhập tối đa 20.000 dòng nhiệm vụ. Hãy tách thành nhiều tệp nhỏ hơn.",
    );
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("a file over 10 MB", async () => {
    const { dataDir, before } = await store();
    const file = path.join(await tempDir(), "lon.xlsx");
    await writeFile(file, new Uint8Array(MAX_FILE_BYTES + 1));
    const r = await cli(["kb", "import", file, "--apply"], testEnv(dataDir));
    expect(r.code).toBe(1);
    expect(r.err).toContain("quá giới hạn 10 MB");
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("formulas without cached results: each row says so, nothing is applied", async () => {
    const { dataDir, before } = await store();
    const file = path.join(await tempDir(), "cong-thuc.xlsx");
    const rows = [
      HEADER,
      [1, "Việc một", "Sở TT&TT", "", { formula: 'CONCAT("Quý ","II/2023")' }, "x"],
      [2, "Việc hai", "Ban Dân tộc", "", { formula: "TODAY()" }, "x"],
    ] as ExcelJS.CellValue[][];
    await writeFile(file, await workbook([{ name: "Ví dụ minh họa", rows }]));
    const r = await cli(
      ["kb", "import", file, "--document", "56/QĐ-UBND", "--apply", "--json"],
      testEnv(dataDir),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      added: 0,
      changed: 0,
      unchanged: 0,
      removed: 0,
      unmatchedUnits: [],
      document: { number: "56/QĐ-UBND", date: "2023-02-14", issuer: "UBND tỉnh", isNew: false },
      groups: [],
      errors: [
        { row: 2, message: "ô E2 có công thức chưa có kết quả (mở tệp bằng Excel, lưu lại rồi gửi lại)" },
        { row: 2, message: "thiếu thời hạn hoàn thành" },
        { row: 3, message: "ô E3 có công thức chưa có kết quả (mở tệp bằng Excel, lưu lại rồi gửi lại)" },
        { row: 3, message: "thiếu thời hạn hoàn thành" },
      ],
    });
    expect(r.err).toBe("Không có gì cần thay đổi.");
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("a document the knowledge does not have", async () => {
    const { dataDir, before } = await store();
    const file = path.join(await tempDir(), "kh.xlsx");
    await writeFile(
      file,
      await workbook([
        { name: "Ví dụ minh họa", rows: [HEADER, [1, "Việc", "Sở TT&TT", "", "Quý I/2024", ""]] },
      ]),
    );
    const r = await cli(["kb", "import", file, "--document", "77/KH-UBND", "--apply"], testEnv(dataDir));
    expect(r.code).toBe(1);
    expect(r.err).toContain("Chưa có văn bản “77/KH-UBND” trong cơ sở tri thức");
    expect(await snapshot(dataDir)).toEqual(before);
  });
});
