import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import { slugId } from "../../src/core/knowledge/ids.ts";
import type { Knowledge } from "../../src/core/knowledge/model.ts";
import { guessUnitKind, isCreatableUnitName, UnitMatcher } from "../../src/imports/unit-matcher.ts";

let kb: Knowledge;
let m: UnitMatcher;
beforeAll(() => {
  kb = loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
  m = new UnitMatcher(kb);
});

describe("cells naming units", () => {
  it("match known names and aliases, diacritics and case aside", () => {
    expect(m.matchCell("Sở TT&TT").ids).toEqual(["so-tttt"]);
    expect(m.matchCell("so thong tin va truyen thong").ids).toEqual(["so-tttt"]);
    expect(m.matchCell("SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH NINH THUẬN").ids).toEqual(["so-tttt"]);
    expect(m.matchCell("Bảo hiểm xã hội tỉnh").ids).toEqual(["bhxh-tinh"]);
  });

  it("keep names with commas whole: groups first, on the whole cell", () => {
    expect(m.matchCell("UBND các huyện, thành phố")).toMatchObject({
      ids: ["ubnd-cac-huyen-thanh-pho"],
      unmatched: [],
      vague: [],
    });
    expect(m.matchCell("Các sở, ban, ngành; UBND các huyện, thành phố").ids).toEqual([
      "cac-so-ban-nganh",
      "ubnd-cac-huyen-thanh-pho",
    ]);
    expect(m.matchCell("Sở TT&TT; các sở, ngành liên quan").ids).toEqual(["so-tttt", "cac-so-ban-nganh"]);
    expect(m.matchCell("Ngân hàng Nhà nước - Chi nhánh tỉnh, Bảo hiểm xã hội tỉnh").ids).toEqual([
      "nhnn-chi-nhanh-tinh",
      "bhxh-tinh",
    ]);
  });

  it("split the rest on commas, 'và' and line breaks without cutting a name in pieces", () => {
    expect(m.matchCell("Sở Nội vụ, Sở Tài chính")).toMatchObject({
      ids: [],
      unmatched: ["Sở Nội vụ", "Sở Tài chính"],
      vague: [],
    });
    expect(m.matchCell("Sở Văn hóa, Thể thao và Du lịch").unmatched).toEqual([
      "Sở Văn hóa, Thể thao và Du lịch",
    ]);
    expect(m.matchCell("Sở Kế hoạch và Đầu tư, Sở TT&TT và UBND các huyện, thành phố").parts).toEqual([
      { kind: "unknown", name: "Sở Kế hoạch và Đầu tư" },
      { kind: "known", id: "so-tttt" },
      { kind: "known", id: "ubnd-cac-huyen-thanh-pho" },
    ]);
    expect(m.matchCell("Sở TT&TT\n- Ban Dân tộc\n- Cục Thuế").ids).toEqual([
      "so-tttt",
      "ban-dan-toc",
      "cuc-thue-tinh",
    ]);
  });

  it("drop vague phrases and report them", () => {
    expect(m.matchCell("Sở TT&TT và các đơn vị liên quan")).toMatchObject({
      ids: ["so-tttt"],
      unmatched: [],
      vague: ["các đơn vị liên quan"],
    });
  });

  it("do not take a different agency for a known one", () => {
    expect(m.matchCell("Chi cục Thuế khu vực").unmatched).toEqual(["Chi cục Thuế khu vực"]);
    expect(m.matchName("Sở Nội vụ")).toBeUndefined();
    expect(m.matchName("Sở Thông tin và Truyền thong")?.id).toBe("so-tttt"); // a typo
  });

  it("suggest the three closest known units", () => {
    const near = m.closest("Sở Thông tin Truyền thông Ninh Thuận");
    expect(near).toHaveLength(3);
    expect(near[0]!.id).toBe("so-tttt");
  });
});

describe("new units", () => {
  it("get a kind guessed from the name and a free id", () => {
    expect(guessUnitKind("Sở Nội vụ")).toBe("so");
    expect(guessUnitKind("UBND huyện Ninh Hải")).toBe("huyen");
    expect(guessUnitKind("Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm")).toBe("huyen");
    expect(guessUnitKind("Đài Phát thanh và Truyền hình tỉnh")).toBe("don-vi");
    expect(slugId("Sở Văn hóa, Thể thao và Du lịch")).toBe("so-van-hoa-the-thao-va-du-lich");
    expect(slugId("Sở Nội vụ", new Set(["so-noi-vu"]))).toBe("so-noi-vu-2");
    expect(
      slugId("Trung tâm Công nghệ thông tin và Truyền thông tỉnh Ninh Thuận").length,
    ).toBeLessThanOrEqual(40);
    expect(isCreatableUnitName("các Sở chuyên ngành")).toBe(false);
    expect(isCreatableUnitName("Sở Nội vụ")).toBe(true);
  });
});
