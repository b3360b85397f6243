import { describe, expect, it } from "vitest";
import { unglue } from "../../../src/core/text/glued.ts";

const WORDS = new Set([
  "dti",
  "hang",
  "may",
  "nhiem",
  "vu",
  "cua",
  "toi",
  "chu",
  "de",
  "cds",
  "postmart",
  "ngay",
]);
const known = (w: string) => WORDS.has(w);

describe("unglue", () => {
  it.each([
    ["dti2022hangmay", "dti 2022 hang may"],
    ["nhiemvucuatoi", "nhiem vu cua toi"],
    ["chudecds2023", "chu de cds 2023"],
    ["nhiệmvụcủatôi", "nhiệm vụ của tôi"],
    ["dti22", "dti 22"],
  ])("%s → %s", (typed, read) => {
    expect(unglue(typed, known)).toBe(read);
  });

  it.each([
    "Postmart",
    // (Not wholly known words: left as typed.)
    "hangxyzmay",
    // (A Telex leftover or a held vowel is the Telex reading's.)
    "nhieemj",
    // (Two-letter pieces only: an English word's letters.)
    "delete",
    "tieuuu",
    // (A document number keeps its year.)
    "16/TB-VPCP 2023",
    "ngày 20/02/2023",
  ])("%s stays", (typed) => {
    expect(unglue(typed, known)).toBe(typed);
  });
});
