/**
 * Plan files built with exceljs for the import tests: an illustrative plan ("Ví dụ minh họa") with units
 * from knowledge/units.yaml and a couple the knowledge does not have, and files that are not plans.
 * No test framework here: `npx tsx test/imports/plans.ts <dir>` writes them out to look at in Excel.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";

// ---------------------------------------------------------------- workbooks

export type Cell = ExcelJS.CellValue;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Ranges to merge, "A1:F1". */
  merges?: string[];
  /** Cells given a date number format, with a serial value: "E9". */
  dateSerials?: Record<string, number>;
}

export async function workbook(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [addr, serial] of Object.entries(s.dateSerials ?? {})) {
      ws.getCell(addr).value = serial;
      ws.getCell(addr).numFmt = "dd/mm/yyyy";
    }
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export const HEADER = [
  "TT",
  "Nhiệm vụ",
  "Cơ quan chủ trì",
  "Cơ quan phối hợp",
  "Thời gian hoàn thành",
  "Sản phẩm",
];

/** A clean appendix: known units only, document given on import. */
export function cleanRows(overrides: Record<number, Partial<Record<number, Cell>>> = {}): Cell[][] {
  const rows: Cell[][] = [
    HEADER,
    [
      1,
      "Tổ chức tuyên truyền Ngày Chuyển đổi số tỉnh",
      "Sở TT&TT",
      "Các sở, ban, ngành; UBND các huyện, thành phố",
      "Hằng năm 10/10",
      "Các hoạt động tuyên truyền",
    ],
    [
      2,
      "Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính",
      "Trung tâm phục vụ hành chính công tỉnh",
      "Sở Thông tin và Truyền thông",
      "Quý II/2023",
      "Hệ thống được nâng cấp",
    ],
    [
      3,
      "Mở rộng nộp thuế điện tử",
      "Cục Thuế tỉnh",
      "Ngân hàng Nhà nước - Chi nhánh tỉnh, Bảo hiểm xã hội tỉnh",
      "Tháng 6/2023",
      "Báo cáo kết quả",
    ],
    [
      4,
      "Cập nhật cơ sở dữ liệu về đồng bào dân tộc thiểu số",
      "Ban Dân tộc",
      "",
      "Thường xuyên",
      "Dữ liệu được cập nhật",
    ],
    [
      5,
      "Bồi dưỡng kỹ năng số cho cán bộ, công chức",
      "Trường Chính trị",
      "các sở, ngành liên quan",
      "6 tháng đầu năm 2023",
      "Lớp bồi dưỡng",
    ],
  ];
  for (const [r, cols] of Object.entries(overrides)) {
    for (const [c, v] of Object.entries(cols)) rows[Number(r)]![Number(c)] = v ?? null;
  }
  return rows;
}

export function cleanPlan(
  overrides: Record<number, Partial<Record<number, Cell>>> = {},
): Promise<Uint8Array> {
  return workbook([{ name: "Phụ lục (Ví dụ minh họa)", rows: cleanRows(overrides) }]);
}

/**
 * A plan as provinces publish it: a title block naming the document, a header on two lines, column
 * numbers, merged group rows, a group row with its number in the TT cell, a lead cell merged over three
 * rows, an Excel date, two units the knowledge does not have.
 */
export function titledPlan(): Promise<Uint8Array> {
  const rows: Cell[][] = [
    ["ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", null, null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["PHỤ LỤC (Ví dụ minh họa)"],
    ["DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2023"],
    ["(Kèm theo Quyết định số 56/QĐ-UBND ngày 14/02/2023 của UBND tỉnh)"],
    [],
    [
      "STT",
      "Tên nhiệm vụ",
      "Cơ quan thực hiện",
      "Cơ quan thực hiện",
      "Thời hạn",
      "Sản phẩm\n(kết quả)",
      "Ghi chú",
    ],
    ["STT", "Tên nhiệm vụ", "Đơn vị\nchủ trì", "Phối hợp", "Thời hạn", "Sản phẩm\n(kết quả)", "Ghi chú"],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    ["I. NHẬN THỨC SỐ"],
    [
      1,
      "Tuyên truyền chủ đề năm 2023 trên báo, đài",
      "Sở Thông tin và Truyền thông",
      "Các sở, ban, ngành",
      "Quý II/2023",
      "Tin, bài",
      null,
    ],
    [2, "Duy trì chuyên mục chuyển đổi số trên cổng thông tin", null, "", "Thường xuyên", "Chuyên mục"],
    [3, "Tổ chức Ngày Chuyển đổi số tỉnh", null, "UBND các huyện, thành phố", "Hằng năm", "Chuỗi sự kiện"],
    ["II", "HẠ TẦNG SỐ"],
    [
      1,
      "Rà soát hạ tầng mạng nội bộ các cơ quan",
      "Sở Nội vụ",
      "Sở Văn hóa, Thể thao và Du lịch; Sở TT&TT",
      null,
      "Báo cáo rà soát",
    ],
    [
      2,
      "Phủ sóng di động 4G các thôn vùng sâu",
      "UBND các huyện, thành phố",
      "Sở TT&TT",
      "Tháng 12/2023",
      "Danh sách thôn được phủ sóng",
      "Ví dụ minh họa",
    ],
  ];
  return workbook([
    {
      name: "Phụ lục (Ví dụ minh họa)",
      rows,
      merges: [
        "A1:C1",
        "D1:G1",
        "A2:G2",
        "A3:G3",
        "A4:G4",
        "A6:A7",
        "B6:B7",
        "C6:D6",
        "E6:E7",
        "F6:F7",
        "G6:G7",
        "A9:G9",
        "C10:C12",
      ],
      dateSerials: { E14: 45199 }, // 30/09/2023
    },
  ]);
}

/** Rows the import cannot (fully) read. */
export function brokenPlan(): Promise<Uint8Array> {
  return workbook([
    {
      name: "Ví dụ minh họa",
      rows: [
        HEADER,
        [1, "", "Sở TT&TT", "", "Quý I/2023", "Báo cáo"],
        [2, "Nhiệm vụ chưa ghi đơn vị chủ trì", "", "Ban Dân tộc", "Quý III/2023", "Báo cáo"],
        [3, "Nhiệm vụ có thời hạn lạ", "Ban Dân tộc", "", "Khi có chỉ đạo", "Báo cáo"],
        [
          4,
          "Nhiệm vụ có công thức chưa tính",
          "Cục Thuế tỉnh",
          "",
          { formula: 'CONCAT("Quý ","IV/2023")' } as Cell,
          "Báo cáo",
        ],
        [
          5,
          "Nhiệm vụ có công thức đã tính",
          "Bảo hiểm xã hội tỉnh",
          "",
          { formula: 'CONCAT("Quý ","IV/2023")', result: "Quý IV/2023" } as Cell,
          "Báo cáo",
        ],
        [6, "Nhiệm vụ đọc được", "BHXH tỉnh", "", "Năm 2023", "Báo cáo"],
      ],
    },
  ]);
}

// ---------------------------------------------------------------- other files

/** A ZIP archive with stored (uncompressed) entries. */
export function zip(entries: { name: string; data: string }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = Buffer.from(e.data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** A Word document (what a .docx renamed to .xlsx holds). */
export function docx(): Uint8Array {
  return zip([
    {
      name: "[Content_Types].xml",
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: "word/document.xml",
      data: "<w:document><w:body><w:p>Ví dụ minh họa</w:p></w:body></w:document>",
    },
  ]);
}

/**
 * The shape of a password-protected .xlsx: Office wraps it in an OLE compound file whose directory names
 * the "EncryptionInfo" and "EncryptedPackage" streams (UTF-16LE). The header and one directory sector.
 */
export function encryptedXlsx(): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const dir = Buffer.alloc(512);
  const entry = (i: number, name: string, type: number) => {
    const n = Buffer.from(`${name}\u0000`, "utf16le");
    n.copy(dir, i * 128);
    dir.writeUInt16LE(n.length, i * 128 + 64);
    dir[i * 128 + 66] = type;
  };
  entry(0, "Root Entry", 5);
  entry(1, "EncryptionInfo", 2);
  entry(2, "EncryptedPackage", 2);
  return new Uint8Array(Buffer.concat([header, dir]));
}

const isMain = process.argv[1]?.endsWith("test/imports/plans.ts");
if (isMain) {
  const dir = process.argv[2] ?? ".";
  for (const [name, make] of [
    ["ke-hoach-sach.xlsx", () => cleanPlan()],
    ["phu-luc-co-tieu-de.xlsx", titledPlan],
    ["dong-loi.xlsx", brokenPlan],
  ] as const) {
    await writeFile(path.join(dir, name), await make());
  }
}
