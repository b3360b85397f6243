import { describe, expect, it } from "vitest";
import { contentTokens, KEEP_BIGRAMS, STOPWORDS, tokenize } from "../../../src/core/text/tokens.ts";

describe("tokenize", () => {
  it("gives folded word tokens", () => {
    expect(tokenize("Chủ đề chuyển đổi số năm 2023 là gì?")).toEqual([
      "chu",
      "de",
      "chuyen",
      "doi",
      "so",
      "nam",
      "2023",
      "la",
      "gi",
    ]);
  });

  it("splits document numbers and dates into words", () => {
    expect(tokenize("Thông báo 16/TB-VPCP ngày 28/01/2023")).toEqual([
      "thong",
      "bao",
      "16",
      "tb",
      "vpcp",
      "ngay",
      "28",
      "01",
      "2023",
    ]);
    expect(tokenize("03-TB/BCĐCĐS")).toEqual(["03", "tb", "bcdcds"]);
  });

  it("keeps decimal numbers whole", () => {
    expect(tokenize("DTI đạt 0,3048, tăng 44.6%")).toEqual(["dti", "dat", "0,3048", "tang", "44.6"]);
    expect(tokenize("1.000.000 đồng")).toEqual(["1.000.000", "dong"]);
  });

  it("does not glue a sentence-ending period or comma", () => {
    expect(tokenize("năm 2023. Tháng 6, 2024")).toEqual(["nam", "2023", "thang", "6", "2024"]);
  });

  it("keeps letters and digits glued together", () => {
    expect(tokenize("TB16 dti2022")).toEqual(["tb16", "dti2022"]);
  });

  it("handles empty and punctuation-only text", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("?!… --")).toEqual([]);
  });

  it("works on decomposed input", () => {
    expect(tokenize("Hạ tầng số".normalize("NFD"))).toEqual(["ha", "tang", "so"]);
  });
});

describe("STOPWORDS", () => {
  it("holds folded question words", () => {
    for (const w of [
      "la",
      "gi",
      "cua",
      "nao",
      "co",
      "khong",
      "cho",
      "toi",
      "hoi",
      "nhung",
      "cac",
      "va",
      "ve",
    ]) {
      expect(STOPWORDS.has(w)).toBe(true);
    }
  });

  it("does not hold words that carry intent or names", () => {
    for (const w of [
      "ai",
      "han",
      "bao",
      "gio",
      "khi",
      "nam",
      "thang",
      "quy",
      "ngay",
      "ban",
      "chi",
      "dang",
      "nay",
    ]) {
      expect(STOPWORDS.has(w)).toBe(false);
    }
  });

  it("is folded", () => {
    for (const w of STOPWORDS) expect(w).toMatch(/^[a-z]+$/);
  });
});

describe("contentTokens", () => {
  it("drops question words", () => {
    expect(contentTokens("Chủ đề năm 2023 là gì?")).toEqual(["chu", "de", "nam", "2023"]);
    expect(contentTokens("cho tôi hỏi những nhiệm vụ nào của Sở TT&TT")).toEqual([
      "nhiem",
      "vu",
      "so",
      "tt",
      "tt",
    ]);
  });

  it("keeps intent words", () => {
    expect(contentTokens("Ai là trưởng ban?")).toEqual(["ai", "truong", "ban"]);
    expect(contentTokens("hạn chót khi nào?")).toEqual(["han", "chot", "khi"]);
    expect(contentTokens("bao giờ xong, quá hạn chưa")).toEqual(["bao", "gio", "xong", "qua", "han", "chua"]);
  });

  it("keeps accented words that fold to a stopword", () => {
    // hội (not hỏi), cơ (not có), tới (not tôi)
    expect(contentTokens("hội nghị cơ quan")).toEqual(["hoi", "nghi", "co", "quan"]);
    expect(contentTokens("tôi hỏi có không")).toEqual([]);
    expect(contentTokens("7 ngày tới")).toEqual(["7", "ngay", "toi"]);
  });

  it("keeps known bigrams typed without diacritics", () => {
    expect(contentTokens("hoi nghi cua co quan")).toEqual(["hoi", "nghi", "co", "quan"]);
    expect(contentTokens("co so du lieu")).toEqual(["co", "so", "du", "lieu"]);
    expect(KEEP_BIGRAMS.has("co quan")).toBe(true);
  });

  it("drops stopwords typed without diacritics otherwise", () => {
    expect(contentTokens("chu de la gi")).toEqual(["chu", "de"]);
    expect(contentTokens("co nhiem vu nao khong")).toEqual(["nhiem", "vu"]);
  });

  it("returns folded tokens", () => {
    expect(contentTokens("Đề án 06")).toEqual(["de", "an", "06"]);
  });
});
