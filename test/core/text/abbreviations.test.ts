import { describe, expect, it } from "vitest";
import {
  ABBREVIATIONS,
  conceptsIn,
  expandAbbreviations,
  SYNONYMS,
} from "../../../src/core/text/abbreviations.ts";
import { fold } from "../../../src/core/text/normalize.ts";

const ex = (s: string) => expandAbbreviations(fold(s));

describe("expandAbbreviations", () => {
  it("expands the chuyển đổi số vocabulary", () => {
    expect(ex("cds")).toBe("chuyen doi so");
    expect(ex("BCĐ CĐS")).toBe("ban chi dao chuyen doi so");
    expect(ex("bchđ")).toBe("ban chi dao");
    expect(ex("bdh")).toBe("ban dieu hanh");
    expect(ex("tgv bđh")).toBe("to giup viec ban dieu hanh");
  });

  it("expands Sở TT&TT in every spelling", () => {
    for (const s of ["tttt", "TT&TT", "tt&tt", "ttvtt", "TT & TT", "tt &tt"]) {
      expect(ex(`so ${s}`)).toBe("so thong tin va truyen thong");
    }
    expect(ex("STTTT")).toBe("so thong tin va truyen thong");
    expect(ex("Bộ TTTT")).toBe("bo thong tin va truyen thong");
  });

  it("expands agencies", () => {
    expect(ex("ubnd tinh")).toBe("uy ban nhan dan tinh");
    expect(ex("HĐND")).toBe("hoi dong nhan dan");
    expect(ex("bhxh")).toBe("bao hiem xa hoi");
    expect(ex("NHNN chi nhanh")).toBe("ngan hang nha nuoc chi nhanh");
  });

  it("expands document types", () => {
    expect(ex("qd")).toBe("quyet dinh");
    expect(ex("QĐ")).toBe("quyet dinh");
    expect(ex("tb")).toBe("thong bao");
    expect(ex("kh")).toBe("ke hoach");
    expect(ex("nq")).toBe("nghi quyet");
    expect(ex("cv")).toBe("cong van");
  });

  it("reads ct as chỉ thị before a number and chủ tịch elsewhere", () => {
    expect(ex("ct 05")).toBe("chi thi 05");
    expect(ex("ct so 05")).toBe("chi thi so 05");
    expect(ex("ct ubnd tinh")).toBe("chu tich uy ban nhan dan tinh");
    expect(ex("pct ubnd")).toBe("pho chu tich uy ban nhan dan");
  });

  it("expands chat spellings; kh stays kế hoạch", () => {
    expect(ex("nv j")).toBe("nhiem vu gi");
    expect(ex("gj")).toBe("gi");
    expect(ex("ko")).toBe("khong");
    expect(ex("k")).toBe("khong");
    expect(ex("kh0")).toBe("khong");
    expect(ex("kh")).toBe("ke hoach");
    expect(ex("dv nao chua xong")).toBe("don vi nao chua xong");
    expect(ex("xong chưa dc ko")).toBe("xong chua duoc khong");
  });

  it("expands q1–q4 to quarters", () => {
    expect(ex("nv q2")).toBe("nhiem vu quy 2");
    expect(ex("q5")).toBe("q5");
  });

  it("leaves document numbers intact", () => {
    expect(ex("16/TB-VPCP")).toBe("16/tb-vpcp");
    expect(ex("3609/KH-BĐHCĐS")).toBe("3609/kh-bdhcds");
    expect(ex("03-TB/BCĐCĐS")).toBe("03-tb/bcdcds");
    expect(ex("tb 16/tb-vpcp")).toBe("thong bao 16/tb-vpcp");
  });

  it("replaces whole tokens only", () => {
    expect(ex("khong")).toBe("khong");
    expect(ex("tbao")).toBe("tbao");
    expect(ex("cdsx")).toBe("cdsx");
    expect(ex("kinh te")).toBe("kinh te");
  });

  it("expands KT-XH", () => {
    expect(ex("KT-XH")).toBe("kinh te xa hoi");
    expect(ex("ktxh")).toBe("kinh te xa hoi");
  });

  it("keeps keys and values folded", () => {
    for (const [k, v] of Object.entries(ABBREVIATIONS)) {
      expect(fold(k)).toBe(k);
      expect(fold(v)).toBe(v);
    }
  });
});

describe("SYNONYMS and conceptsIn", () => {
  it("lists deadline words", () => {
    for (const w of ["han chot", "thoi han", "deadline", "het han"]) expect(SYNONYMS.deadline).toContain(w);
  });

  it("keeps every phrase folded", () => {
    for (const list of Object.values(SYNONYMS)) for (const p of list) expect(fold(p)).toBe(p);
  });

  it("finds concepts in order, each once", () => {
    expect(conceptsIn(fold("Hạn chót nhiệm vụ quá hạn"))).toEqual(["deadline", "task", "overdue"]);
    expect(conceptsIn(fold("deadline của việc này, thời hạn"))).toEqual(["deadline", "task"]);
    expect(conceptsIn(fold("Ai chủ trì?"))).toEqual(["who", "lead"]);
    expect(conceptsIn(fold("đơn vị phối hợp"))).toEqual(["support"]);
    expect(conceptsIn(fold("chỉ số DTI"))).toEqual(["dti"]);
    expect(conceptsIn(fold("chỉ số chuyển đổi số năm 2022"))).toEqual(["dti"]);
  });

  it("prefers the longest phrase", () => {
    expect(conceptsIn(fold("hạn chế"))).toEqual(["shortcoming"]);
    expect(conceptsIn(fold("chưa hoàn thành"))).toEqual(["not-done"]);
    expect(conceptsIn(fold("hoàn thành"))).toEqual(["done"]);
    expect(conceptsIn(fold("sắp hết hạn"))).toEqual(["upcoming"]);
    expect(conceptsIn(fold("hết hạn"))).toEqual(["deadline"]);
  });

  it("ignores look-alike phrases", () => {
    expect(conceptsIn(fold("tổng hợp báo cáo"))).toEqual([]);
    expect(conceptsIn(fold("Tổ Giúp việc"))).toEqual([]);
    expect(conceptsIn(fold("phiên họp"))).toEqual(["meeting"]);
  });

  it("returns nothing for empty text", () => {
    expect(conceptsIn("")).toEqual([]);
  });
});
