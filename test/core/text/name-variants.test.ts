import { describe, expect, it } from "vitest";
import { nameVariants, personLikeName } from "../../../src/core/text/name-variants.ts";

describe("name variants", () => {
  it("swaps a syllable-final y and i after a consonant, every combination", () => {
    expect(nameVariants("Đào Xuân Kỳ")).toEqual(["dao xuan ki"]);
    expect(nameVariants("Lý Thị Mỹ")).toEqual([
      "li thi my",
      "ly thy my",
      "li thy my",
      "ly thi mi",
      "li thi mi",
      "ly thy mi",
      "li thy mi",
    ]);
  });

  it("leaves uy, ay, oy and names without such syllables alone", () => {
    expect(nameVariants("Nguyễn Thanh Thủy")).toEqual([]);
    expect(nameVariants("Trần Quốc Nam")).toEqual([]);
    expect(nameVariants("Nguyễn Văn Tài")).toEqual([]);
  });
});

describe("person-like names in a question", () => {
  it("finds a surname and the words after it, as typed", () => {
    expect(personLikeName("ông Trần Quốc Lâm là ai")).toBe("Trần Quốc Lâm");
    expect(personLikeName("nguyen van an la ai")).toBe("nguyen van an");
    expect(personLikeName("Lê Văn Hưởng giữ chức gì")).toBe("Lê Văn Hưởng");
  });

  it("does not take a common word for a surname unless it is written with a capital", () => {
    expect(personLikeName("ai phụ trách đào tạo kỹ năng số")).toBeUndefined();
    expect(personLikeName("ai đang làm nhiệm vụ này")).toBeUndefined();
    expect(personLikeName("ai chủ trì hạ tầng số")).toBeUndefined();
  });
});
