import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/imports/errors.ts";
import { detectDelimiter, MAX_FILE_BYTES, parseCsv, readTables } from "../../src/imports/read-table.ts";
import { docx, encryptedXlsx, workbook } from "./helpers.ts";

async function importError(p: Promise<unknown>): Promise<ImportError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

describe("csv", () => {
  it("reads quoted fields with separators, doubled quotes and line breaks", () => {
    const text =
      'TT;Nhiệm vụ;Chủ trì\r\n1;"Tuyên truyền; ""Ngày CĐS""";"Sở TT&TT\nBan Dân tộc"\r\n2;Khác;Cục Thuế\n';
    expect(parseCsv(text)).toEqual([
      ["TT", "Nhiệm vụ", "Chủ trì"],
      ["1", 'Tuyên truyền; "Ngày CĐS"', "Sở TT&TT\nBan Dân tộc"],
      ["2", "Khác", "Cục Thuế"],
    ]);
  });

  it("picks the separator the header uses", () => {
    expect(detectDelimiter("TT;Nhiệm vụ;Cơ quan chủ trì, phối hợp\n1;a;b")).toBe(";");
    expect(detectDelimiter('TT,Nhiệm vụ,"Chủ trì; phối hợp"\n1,a,b')).toBe(",");
    expect(detectDelimiter("TT\tNhiệm vụ\tChủ trì")).toBe("\t");
  });

  it("strips the BOM, numbers rows by record and skips blank ones", async () => {
    const text = '\uFEFFTT,Nhiệm vụ\n\n1,"Hai\ndòng"\n2,Ba\n';
    const [t] = await readTables({ name: "a.csv", bytes: new TextEncoder().encode(text) });
    expect(t!.rows.map((r) => [r.number, r.cells])).toEqual([
      [1, ["TT", "Nhiệm vụ"]],
      [3, ["1", "Hai\ndòng"]],
      [4, ["2", "Ba"]],
    ]);
  });

  it("refuses text that is not UTF-8", async () => {
    const latin1 = Buffer.from("TT;Nhi\xe9m v\xfa\n", "latin1");
    const e = await importError(readTables({ name: "a.csv", bytes: new Uint8Array(latin1) }));
    expect(e.code).toBe("encoding");
    expect(e.message).toContain("CSV UTF-8");
  });
});

describe("xlsx", () => {
  it("gives merged cells their master's value, texts of rich text, links, formulas and dates", async () => {
    const bytes = await workbook([
      {
        name: "Ví dụ minh họa",
        rows: [
          [
            { richText: [{ text: "Cơ quan " }, { text: "chủ trì", font: { bold: true } }] },
            { text: "Cổng thông tin", hyperlink: "https://example.org" },
            { formula: "1+1", result: 2 },
            new Date(Date.UTC(2023, 5, 30)),
          ],
          ["Sở TT&TT", "x", { formula: "A1" }, { formula: "1/0", result: { error: "#DIV/0!" } }],
          [null, "y"],
        ],
        merges: ["A2:A3"],
        dateSerials: { D3: 45107 },
      },
    ]);
    const [t] = await readTables({ name: "a.xlsx", bytes });
    expect(t!.sheet).toBe("Ví dụ minh họa");
    expect(t!.rows.map((r) => r.cells)).toEqual([
      ["Cơ quan chủ trì", "Cổng thông tin", "2", "2023-06-30"],
      ["Sở TT&TT", "x", "", ""],
      ["Sở TT&TT", "y", "", "2023-06-30"],
    ]);
    expect(t!.rows[1]!.notes).toEqual([
      "ô C2 có công thức chưa có kết quả (mở tệp bằng Excel, lưu lại rồi gửi lại)",
      "ô D2 có công thức có lỗi #DIV/0!",
    ]);
  });

  it("skips hidden sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Ẩn", { state: "hidden" }).getCell("A1").value = "bí mật";
    wb.addWorksheet("Hiện").getCell("A1").value = "công khai";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const tables = await readTables({ name: "a.xlsx", bytes });
    expect(tables.map((t) => t.sheet)).toEqual(["Hiện"]);
  });
});

describe("files that are not spreadsheets", () => {
  it("says what the file is, in Vietnamese", async () => {
    const cases: [string, Uint8Array, string, string][] = [
      [
        "nhieu.xlsx",
        new Uint8Array(Buffer.from("\x00\x01\x02 bytes ngẫu nhiên \xff\xfe")),
        "not-spreadsheet",
        "không phải tệp Excel",
      ],
      ["ke-hoach.xlsx", docx(), "empty", "không có bảng nào"],
      ["bao-mat.xlsx", encryptedXlsx(), "encrypted", "được bảo vệ bằng mật khẩu"],
      ["a.pdf", new Uint8Array(Buffer.from("%PDF-1.7\n...")), "not-spreadsheet", "PDF"],
      ["trong.xlsx", new Uint8Array(0), "empty", "trống"],
    ];
    for (const [name, bytes, code, text] of cases) {
      const e = await importError(readTables({ name, bytes }));
      expect(e.code, name).toBe(code);
      expect(e.message).toContain(text);
      expect(e.message).toContain(`“${name}”`);
    }
  });

  it("refuses a file over 10 MB before reading it", async () => {
    const e = await importError(readTables({ name: "lon.xlsx", bytes: new Uint8Array(MAX_FILE_BYTES + 1) }));
    expect(e.code).toBe("too-large");
    expect(e.message).toContain("quá giới hạn 10 MB");
  });

  it("says an empty workbook has no data", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Trang 1");
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const e = await importError(readTables({ name: "rong.xlsx", bytes }));
    expect(e.code).toBe("empty");
    expect(e.message).toBe("Tệp “rong.xlsx” không có dữ liệu (trang tính trống).");
  });
});
