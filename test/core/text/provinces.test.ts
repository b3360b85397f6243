import { describe, expect, it } from "vitest";
import { fold } from "../../../src/core/text/normalize.ts";
import { provinceIn, provinceLabel } from "../../../src/core/text/provinces.ts";

describe("provinces", () => {
  it("finds a province named without diacritics, skipping the knowledge's own", () => {
    expect(provinceIn(fold("DTI 2022 cua Khanh Hoa"))).toBe("Khánh Hòa");
    expect(provinceIn(fold("Da Nang dung thu may"))).toBe("Đà Nẵng");
    expect(provinceIn(fold("Khánh Hòa và Đà Nẵng"), ["Khánh Hòa"])).toBe("Đà Nẵng");
  });

  it("says a centrally-run city as 'thành phố', the others as 'tỉnh'", () => {
    expect(provinceLabel("Đà Nẵng")).toBe("thành phố Đà Nẵng");
    expect(provinceLabel("Hà Nội")).toBe("thành phố Hà Nội");
    expect(provinceLabel("TP. Hồ Chí Minh")).toBe("thành phố Hồ Chí Minh");
    expect(provinceLabel("Khánh Hòa")).toBe("tỉnh Khánh Hòa");
  });
});
