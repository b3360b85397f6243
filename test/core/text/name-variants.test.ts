import { describe, expect, it } from "vitest";
import { nameVariants } from "../../../src/core/text/name-variants.ts";

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
