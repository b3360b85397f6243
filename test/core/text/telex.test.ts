import { describe, expect, it } from "vitest";
import { untelexText, untelexWord } from "../../../src/core/text/telex.ts";

describe("telex leftovers", () => {
  it("read as the word they stand for", () => {
    expect(untelexText("nhieemj vuj cuar sowr tttt")).toBe("nhiem vu cua so tttt");
    expect(untelexText("ddaof xuaan kyf laf ai")).toBe("dao xuan ky la ai");
    expect(untelexText("chur ddeef nawm 2023")).toBe("chu de nam 2023");
  });

  it("read vowels stretched for emphasis as one, and keep consonant runs (abbreviations)", () => {
    expect(untelexText("nhiem vuuuu cua so tttt")).toBe("nhiem vu cua so tttt");
    expect(untelexText("gd stttt")).toBe("gd stttt");
    expect(untelexText("chu deeee nam 2023")).toBe("chu de nam 2023");
  });

  it("leave syllables, abbreviations and loanwords alone", () => {
    for (const w of ["nhiem", "chuyen", "tttt", "ubnd", "dti", "cds", "facebook", "zalo", "vnpt", "online"]) {
      expect(untelexWord(w), w).toBe(w);
    }
  });
});
