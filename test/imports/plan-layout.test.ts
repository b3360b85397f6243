import { describe, expect, it } from "vitest";
import { classifyHeaderCell, detectLayout } from "../../src/imports/plan-layout.ts";
import type { Table } from "../../src/imports/read-table.ts";

function table(rows: string[][]): Table {
  return { sheet: "Ví dụ minh họa", rows: rows.map((cells, i) => ({ number: i + 1, cells, notes: [] })) };
}

describe("header cells", () => {
  it("are recognised whatever the case, diacritics, line breaks and extra words", () => {
    const cases: [string, string | undefined][] = [
      ["Cơ quan chủ trì", "lead"],
      ["ĐƠN VỊ\nCHỦ TRÌ", "lead"],
      ["Chủ trì", "lead"],
      ["co quan chu tri thuc hien", "lead"],
      ["Cơ quan phối hợp", "support"],
      ["Phối hợp", "support"],
      ["Thời gian hoàn thành", "deadline"],
      ["Thời hạn", "deadline"],
      ["Tiến độ", "deadline"],
      ["Sản phẩm", "product"],
      ["Kết quả", "product"],
      ["Sản phẩm (kết quả)", "product"],
      ["Nhiệm vụ", "title"],
      ["Nội dung", "title"],
      ["Tên nhiệm vụ", "title"],
      ["TT", "tt"],
      ["STT", "tt"],
      ["Căn cứ", "basis"],
      ["Văn bản giao", "basis"],
      ["Nhóm nhiệm vụ", "group"],
      ["Ghi chú", "note"],
      ["Mã", "id"],
      ["Kinh phí", undefined],
    ];
    for (const [text, key] of cases) expect(classifyHeaderCell(text)?.key, text).toBe(key);
  });
});

describe("the header row", () => {
  it("is found under a title block, and the title block gives the year and document", () => {
    const l = detectLayout(
      table([
        ["UBND TỈNH NINH THUẬN", "", ""],
        [
          "KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2024 (Ví dụ minh họa)",
          "KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2024 (Ví dụ minh họa)",
          "",
        ],
        ["(Kèm theo Quyết định số 56/QĐ-UBND ngày 14/02/2023)", "", ""],
        ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"],
        ["1", "2", "3", "4"],
        ["1", "Việc một", "Sở TT&TT", "Quý I"],
      ]),
    );
    expect(l).toBeDefined();
    expect(l!.headerRowNumber).toBe(4);
    expect(l!.dataStart).toBe(5); // the numbering row is skipped
    expect(l!.columns).toEqual({ tt: 0, title: 1, lead: 2, deadline: 3 });
    expect(l!.year).toBe(2024);
    expect(l!.documentRefs.map((r) => r.raw)).toEqual(["56/QĐ-UBND"]);
  });

  it("reads a header on two lines as one", () => {
    const l = detectLayout(
      table([
        ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Cơ quan thực hiện", "Thời gian"],
        ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
        ["1", "Việc", "Sở TT&TT", "", "Quý I"],
      ]),
    );
    expect(l!.columns).toEqual({ tt: 0, title: 1, lead: 2, support: 3, deadline: 4 });
    expect(l!.dataStart).toBe(2);
    expect(l!.headerRowNumber).toBe(2);
  });

  it("is not a merged title repeating one text, nor a table of something else", () => {
    expect(detectLayout(table([["Nhiệm vụ chủ trì thời hạn", "Nhiệm vụ chủ trì thời hạn"]]))).toBeUndefined();
    expect(
      detectLayout(
        table([
          ["Họ tên", "Ngày sinh", "Quê quán"],
          ["Nguyễn Văn A", "1/1/1980", "Ninh Thuận"],
        ]),
      ),
    ).toBeUndefined();
  });

  it("is looked for in the first 60 rows only (a plan's body may stand above its table)", () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`Dòng tiêu đề ${i + 1}`]);
    rows.push(["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn"]);
    expect(detectLayout(table(rows))).toBeUndefined();
    expect(detectLayout(table(rows.slice(1)))).toBeDefined();
  });
});
