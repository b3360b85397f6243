import { describe, expect, it } from "vitest";
import {
  DOC_TYPE_CODES,
  DOC_TYPE_NAMES,
  docNumberKey,
  docTypeCode,
  findDocRefs,
  matchesDocRef,
  parseDocNumber,
} from "../../../src/core/text/doc-number.ts";

describe("parseDocNumber", () => {
  it.each([
    ["16/TB-VPCP", "16", "TB", "VPCP", "16/tb/vpcp"],
    ["3609/KH-BĐHCĐS", "3609", "KH", "BĐHCĐS", "3609/kh/bdhcds"],
    ["03-TB/BCĐCĐS", "03", "TB", "BCĐCĐS", "3/tb/bcdcds"],
    ["56/QĐ-UBND", "56", "QĐ", "UBND", "56/qd/ubnd"],
    ["352-QĐ/TU", "352", "QĐ", "TU", "352/qd/tu"],
    ["59-CTr/BCSĐ", "59", "CTr", "BCSĐ", "59/ctr/bcsd"],
    ["17/QĐ-UBQGCĐS", "17", "QĐ", "UBQGCĐS", "17/qd/ubqgcds"],
    ["05/CT-TTg", "05", "CT", "TTg", "5/ct/ttg"],
    ["793/BTTTT-THH", "793", "CV", "BTTTT-THH", "793/cv/btttt-thh"],
    ["34/NQ-HĐND", "34", "NQ", "HĐND", "34/nq/hdnd"],
    ["2314/QĐ-UBND", "2314", "QĐ", "UBND", "2314/qd/ubnd"],
    ["09-NQ/TU", "09", "NQ", "TU", "9/nq/tu"],
    ["01-QĐ/BCĐCĐS", "01", "QĐ", "BCĐCĐS", "1/qd/bcdcds"],
    ["6526/KH-UBND", "6526", "KH", "UBND", "6526/kh/ubnd"],
  ])("%s", (s, number, typeCode, issuerCode, key) => {
    expect(parseDocNumber(s)).toEqual({ number, typeCode, issuerCode, key });
  });

  it("reads the year of normative documents", () => {
    expect(parseDocNumber("42/2014/QĐ-TTg")).toEqual({
      number: "42",
      year: 2014,
      typeCode: "QĐ",
      issuerCode: "TTg",
      key: "42/2014/qd/ttg",
    });
    expect(parseDocNumber("13/2023/NĐ-CP")?.key).toBe("13/2023/nd/cp");
  });

  it("accepts lowercase, no diacritics, spaces around / and a leading số", () => {
    expect(parseDocNumber("3609/kh-bdhcds")).toMatchObject({
      typeCode: "KH",
      issuerCode: "BDHCDS",
      key: "3609/kh/bdhcds",
    });
    expect(parseDocNumber("Số: 16/TB-VPCP")?.key).toBe("16/tb/vpcp");
    expect(parseDocNumber("số 56/QĐ-UBND")?.key).toBe("56/qd/ubnd");
    expect(parseDocNumber("  56 / QĐ-UBND ")?.key).toBe("56/qd/ubnd");
    expect(parseDocNumber("56/QĐ‑UBND")?.key).toBe("56/qd/ubnd"); // non-breaking hyphen
  });

  it("parses a number with a type and no issuer", () => {
    expect(parseDocNumber("16/TB")).toEqual({ number: "16", typeCode: "TB", key: "16/tb" });
  });

  it("rejects dates and free text", () => {
    expect(parseDocNumber("30/6/2023")).toBeNull();
    expect(parseDocNumber("30/6")).toBeNull();
    expect(parseDocNumber("20/02/2023")).toBeNull();
    expect(parseDocNumber("Thông báo 16/TB-VPCP")).toBeNull();
    expect(parseDocNumber("16/TB-VPCP ngày 28/01/2023")).toBeNull();
    expect(parseDocNumber("")).toBeNull();
    expect(parseDocNumber("5/xa-phuong")).toBeNull();
  });
});

describe("docNumberKey", () => {
  it("does not depend on separators, case, Đ/D or leading zeros", () => {
    const k = docNumberKey("03-TB/BCĐCĐS");
    expect(k).toBe("3/tb/bcdcds");
    expect(docNumberKey("3-TB/BCDCDS")).toBe(k);
    expect(docNumberKey("03/tb-bcdcds")).toBe(k);
    expect(docNumberKey("003-tb/BCĐCĐS")).toBe(k);
    expect(docNumberKey("56/QĐ-UBND")).toBe(docNumberKey("56/qd-ubnd"));
  });

  it("is null for a non-number", () => {
    expect(docNumberKey("hello")).toBeNull();
  });
});

describe("types", () => {
  it("names every code", () => {
    for (const c of DOC_TYPE_CODES) expect(DOC_TYPE_NAMES[c]).toBeTruthy();
    expect(docTypeCode("Quyết định")).toBe("QĐ");
    expect(docTypeCode("Chương trình")).toBe("CTr");
    expect(docTypeCode("quyet dinh")).toBe("QĐ");
    expect(docTypeCode("Luật")).toBeUndefined();
  });
});

describe("findDocRefs", () => {
  const one = (s: string) => {
    const refs = findDocRefs(s);
    expect(refs).toHaveLength(1);
    return refs[0]!;
  };

  it.each([
    ["tb 16", "16", "TB"],
    ["TB16", "16", "TB"],
    ["thông báo 16", "16", "TB"],
    ["thong bao so 16", "16", "TB"],
    ["Thông báo số 16", "16", "TB"],
    ["thông báo kết luận số 16", "16", "TB"],
    ["qd56", "56", "QĐ"],
    ["QĐ 56", "56", "QĐ"],
    ["quyết định số 56", "56", "QĐ"],
    ["quyet dinh 56", "56", "QĐ"],
    ["kh 3609", "3609", "KH"],
    ["KH3609", "3609", "KH"],
    ["ke hoach 3609", "3609", "KH"],
    ["kế hoạch số: 3609", "3609", "KH"],
    ["nghị quyết 09", "09", "NQ"],
    ["nq 34", "34", "NQ"],
    ["cv 793", "793", "CV"],
    ["công văn số 793", "793", "CV"],
    ["chỉ thị 05", "05", "CT"],
    ["ct 05", "05", "CT"],
    ["chương trình 59", "59", "CTr"],
    ["ctr 59", "59", "CTr"],
    ["đề án 06", "06", "ĐA"],
    ["nghị định 13", "13", "NĐ"],
    ["thông tư 01", "01", "TT"],
  ])("partial ref in %j", (s, number, typeCode) => {
    const r = one(s);
    expect(r.number).toBe(number);
    expect(r.typeCode).toBe(typeCode);
    expect(r.issuerCode).toBeUndefined();
  });

  it.each([
    ["16/TB-VPCP", "16", "TB", "VPCP"],
    ["03-TB/BCDCDS", "03", "TB", "BCDCDS"],
    ["03-TB/BCĐCĐS", "03", "TB", "BCĐCĐS"],
    ["3609/KH-BĐHCĐS", "3609", "KH", "BĐHCĐS"],
    ["56/qđ-ubnd", "56", "QĐ", "UBND"],
    ["352-QĐ/TU", "352", "QĐ", "TU"],
    ["793/BTTTT-THH", "793", "CV", "BTTTT-THH"],
  ])("full ref %j", (s, number, typeCode, issuerCode) => {
    const r = one(s);
    expect(r).toMatchObject({ number, typeCode, issuerCode, raw: s, index: 0 });
  });

  it("reports the raw text and its position", () => {
    const s = "Theo Thông báo số 16/TB-VPCP ngày 28/01/2023 và qđ 56";
    const refs = findDocRefs(s);
    expect(refs.map((r) => r.raw)).toEqual(["16/TB-VPCP", "qđ 56"]);
    expect(s.slice(refs[0]!.index, refs[0]!.index + refs[0]!.raw.length)).toBe("16/TB-VPCP");
    expect(refs[1]).toMatchObject({ number: "56", typeCode: "QĐ" });
  });

  it("finds several references in order", () => {
    const refs = findDocRefs(
      "Thực hiện Thông báo số 16/TB-VPCP, Thông báo số 03-TB/BCĐCĐS và Quyết định số 56/QĐ-UBND; xem thêm kh 3609",
    );
    expect(refs.map((r) => `${r.number}|${r.typeCode}|${r.issuerCode ?? ""}`)).toEqual([
      "16|TB|VPCP",
      "03|TB|BCĐCĐS",
      "56|QĐ|UBND",
      "3609|KH|",
    ]);
  });

  it("drops a partial ref repeated by a full one", () => {
    const refs = findDocRefs("tb 16, tức 16/TB-VPCP");
    expect(refs).toHaveLength(1);
    expect(refs[0]!.issuerCode).toBe("VPCP");
  });

  it("keeps each reference once", () => {
    expect(findDocRefs("tb 16 hay thông báo 16 hay TB16")).toHaveLength(1);
  });

  it("gives a number without type for 'văn bản số'", () => {
    const r = one("văn bản số 3609");
    expect(r.number).toBe("3609");
    expect(r.typeCode).toBeUndefined();
  });

  it("reads the year part", () => {
    expect(one("Quyết định 42/2014/QĐ-TTg").year).toBe(2014);
  });

  it.each([
    "ngày 30/6",
    "hạn 30/6/2023",
    "họp ngày 20/02/2023",
    "năm 2023",
    "kế hoạch 2023",
    "kế hoạch năm 2023",
    "tăng 45%",
    "tb 50%",
    "đạt 0,3048",
    "quý 2",
    "quý II/2023",
    "tb 30/6",
    "đã 2 lần",
    "để 5 ngày",
    "da 2 lan",
    "ct ubnd tinh",
    "Sở TT&TT",
    "giai đoạn 2021-2025",
    "DTI 2022 xếp 27/63",
  ])("finds nothing in %j", (s) => {
    expect(findDocRefs(s)).toEqual([]);
  });

  it("handles empty text", () => {
    expect(findDocRefs("")).toEqual([]);
  });
});

describe("matchesDocRef", () => {
  it("matches a partial ref by number and type", () => {
    expect(matchesDocRef({ number: "16", typeCode: "TB" }, "16/TB-VPCP")).toBe(true);
    expect(matchesDocRef({ number: "3", typeCode: "TB" }, "03-TB/BCĐCĐS")).toBe(true);
    expect(matchesDocRef({ number: "03" }, "03-TB/BCĐCĐS")).toBe(true);
    expect(matchesDocRef({ number: "793", typeCode: "CV" }, "793/BTTTT-THH")).toBe(true);
  });

  it("rejects a different number, type, issuer or year", () => {
    expect(matchesDocRef({ number: "17", typeCode: "TB" }, "16/TB-VPCP")).toBe(false);
    expect(matchesDocRef({ number: "16", typeCode: "QĐ" }, "16/TB-VPCP")).toBe(false);
    expect(matchesDocRef({ number: "56", typeCode: "QĐ", issuerCode: "TTg" }, "56/QĐ-UBND")).toBe(false);
    expect(matchesDocRef({ number: "42", year: 2015 }, "42/2014/QĐ-TTg")).toBe(false);
    expect(matchesDocRef({ number: "16" }, "not a number")).toBe(false);
  });

  it("compares issuers folded", () => {
    expect(matchesDocRef({ number: "3609", typeCode: "KH", issuerCode: "BDHCDS" }, "3609/KH-BĐHCĐS")).toBe(
      true,
    );
  });

  it("works with refs found in text", () => {
    for (const r of findDocRefs("thong bao so 16 va qd 56")) {
      expect(["16/TB-VPCP", "56/QĐ-UBND"].some((n) => matchesDocRef(r, n))).toBe(true);
    }
  });
});
