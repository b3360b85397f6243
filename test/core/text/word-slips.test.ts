import { describe, expect, it } from "vitest";
import {
  mendedWordSlips,
  QUESTION_PHRASES,
  slipCandidates,
  wordsAndPairs,
} from "../../../src/core/text/word-slips.ts";

const { words, pairs } = wordsAndPairs([
  "Tết Dương lịch; các năm tiếp theo; ban hành",
  "tỉnh Ninh Thuận; động lực; linh hoạt",
]);
const known = (w: string) =>
  words.has(w) || ["ngay", "le", "la", "nao", "thu", "may", "tet", "cua", "binh"].includes(w);
const mend = (text: string) => mendedWordSlips(text, known, pairs);

describe("a word typed with one slip, mended by the words beside it", () => {
  it("mends a key beside the one meant, a letter dropped, keeping the marks typed", () => {
    expect(mend("ngày lễ tiếp thep là ngày nào")).toBe("ngày lễ tiếp theo là ngày nào");
    expect(mend("Tết dương lịh 2027 thứ mấy")).toBe("Tết dương lịch 2027 thứ mấy");
    expect(mend("lấy gì làm độg lực")).toBe("lấy gì làm động lực");
  });
  it("drops any one letter too many from a word typed with marks that is no syllable", () => {
    // (The marks say the keyboard was set for Vietnamese; "q" is no neighbour of "h", still a slip.)
    expect(mend("Tết dương lịchq 2027")).toBe("Tết dương lịch 2027");
    // (Typed plain, the same word is left: "lichq" might be anything.)
    expect(mend("tet duong lichq")).toBe("tet duong lichq");
  });
  it("leaves a word no neighbour vouches for, a name, a real word typed with marks, a long word", () => {
    expect(mend("lịh làm việc")).toBe("lịh làm việc");
    expect(mend("tỉnh Binh Thuận")).toBe("tỉnh Binh Thuận");
    expect(mend("bình thuận")).toBe("bình thuận");
    expect(mend("bao nhiêu phần trăm tiếp theo")).toBe("bao nhiêu phần trăm tiếp theo");
    expect(mend(`${"a".repeat(2000)} tiếp thep`)).toBe(`${"a".repeat(2000)} tiếp thep`);
    // ("binh" unknown, one key from "ninh" of "ninh thuan": a first letter is not taken for a slip.)
    expect(mendedWordSlips("dti binh thuan", (w) => w !== "binh" && known(w), pairs)).toBe("dti binh thuan");
  });
  it("does not take a plain real word a letter longer or shorter for another (tram is no tam)", () => {
    const p = wordsAndPairs(["phân tam"]);
    expect(mendedWordSlips("phan tram", (w) => p.words.has(w), p.pairs)).toBe("phan tram");
  });
  it("mends a plain syllable a letter short when the pair it makes is written and the one typed is not", () => {
    const p = wordsAndPairs(["mục tiêu", ...QUESTION_PHRASES]);
    const mendP = (t: string) => mendedWordSlips(t, (w) => p.words.has(w), p.pairs);
    expect(mendP("muc tiu du lieu mo")).toBe("muc tieu du lieu mo");
    // (The phrases questions are asked in vouch too: "bao nhiu" is "bao nhieu".)
    expect(mendP("tang bao nhiu")).toBe("tang bao nhieu");
    // (A pair as typed that is written stays: "tiu" beside "muc" only when "muc tiu" is no pair.)
    const both = wordsAndPairs(["mục tiêu", "mục tiu"]);
    expect(mendedWordSlips("muc tiu", (w) => both.words.has(w) && w !== "tiu", both.pairs)).toBe("muc tiu");
  });
  it("offers only keyboard slips", () => {
    expect(slipCandidates("thep")).toContain("theo");
    expect(slipCandidates("thep")).not.toContain("thea");
    expect(slipCandidates("lih")).toEqual(expect.arrayContaining(["lich", "linh"]));
  });
});
