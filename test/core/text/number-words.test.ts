import { describe, expect, it } from "vitest";
import { numberFromWords, spelledDocNumbers } from "../../../src/core/text/number-words.ts";

describe("document numbers written in words", () => {
  it.each([
    ["ba nghin bon tram le hai", 3402],
    ["mot nghin tam tram muoi ba", 1813],
    ["mot nghin nam tram sau muoi", 1560],
    ["nam muoi sau", 56],
    ["muoi sau", 16],
    ["hai muoi lam", 25],
    ["mot tram linh nam", 105],
  ])("%s is %d", (words, n) => {
    expect(numberFromWords(words.split(" "))).toBe(n);
  });

  it("are read as digits after a document's kind only", () => {
    expect(spelledDocNumbers("Kế hoạch ba nghìn bốn trăm lẻ hai của UBND tỉnh")).toBe(
      "Kế hoạch 3402 của UBND tỉnh",
    );
    expect(spelledDocNumbers("QĐ năm mươi sáu ban hành ngày nào")).toBe("QĐ 56 ban hành ngày nào");
    // A year, a count: left as written.
    expect(spelledDocNumbers("kế hoạch năm 2023")).toBe("kế hoạch năm 2023");
    expect(spelledDocNumbers("phấn đấu ít nhất một sản phẩm")).toBe("phấn đấu ít nhất một sản phẩm");
    expect(spelledDocNumbers("kế hoạch năm hai")).toBe("kế hoạch năm hai");
  });
});
