import { describe, expect, it } from "vitest";
import { typedWords } from "../../../src/core/text/search-terms.ts";

describe("typedWords quotes each term once", () => {
  it("the 'trong' of 'trọng tâm' is not also the 'trong' of 'trong năm'", () => {
    expect(typedWords("những nhiệm vụ trọng tâm nào trong năm 2023", ["trong", "tam"])).toBe("trọng tâm");
  });
});
