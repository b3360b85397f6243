/**
 * A document's number written in words ("Kế hoạch ba nghìn bốn trăm lẻ hai", "quyết định năm mươi sáu"):
 * read as its digits ("3402", "56") after a document's kind, so the number finds the document. Only
 * after a kind word: "năm" alone is a year, "một sản phẩm" a count.
 */
import { fold } from "./normalize.ts";

const DIGITS: Readonly<Record<string, number>> = {
  khong: 0,
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  nham: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** The value of folded number words ("ba nghin bon tram le hai" → 3402); undefined when not a number. */
export function numberFromWords(words: string[]): number | undefined {
  let total = 0;
  let group = 0;
  let pending: number | undefined;
  let any = false;
  for (const w of words) {
    if (w === "le" || w === "linh") continue;
    if (w === "muoi" || w === "chuc") {
      // "năm mươi" (5 × 10), "mười" (10).
      group += (pending ?? 1) * 10;
      pending = undefined;
      any = true;
    } else if (w === "tram") {
      group += (pending ?? 1) * 100;
      pending = undefined;
      any = true;
    } else if (w === "nghin" || w === "ngan") {
      total += (group + (pending ?? 0) || 1) * 1000;
      group = 0;
      pending = undefined;
      any = true;
    } else if (w in DIGITS) {
      if (pending !== undefined) return undefined;
      pending = DIGITS[w]!;
    } else return undefined;
  }
  return any ? total + group + (pending ?? 0) : undefined;
}

const KIND =
  "(?:kế hoạch|ke hoach|quyết định|quyet dinh|thông báo|thong bao|công văn|cong van|nghị quyết|nghi quyet|chỉ thị|chi thi|chương trình|chuong trinh|kh|qđ|qd|tb|cv|nq|ct)";
const WORD =
  "(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|lẻ|linh|khong|mot|bon|tu|nam|lam|nham|sau|bay|tam|chin|muoi|tram|nghin|ngan|le)";
const SPELLED = new RegExp(
  `(?<![\\p{L}\\p{N}])(${KIND}\\s+(?:số\\s+|so\\s+)?)(${WORD}(?:\\s+${WORD}){1,8})(?![\\p{L}\\p{N}])`,
  "giu",
);

/** The text with a document number written in words after its kind read as digits. */
export function spelledDocNumbers(text: string): string {
  return text.replace(SPELLED, (whole, kind: string, spelled: string) => {
    const words = fold(spelled).split(/\s+/);
    // (A number needs a ten, a hundred or a thousand word: "năm hai" is no number.)
    if (!words.some((w) => /^(?:muoi|tram|nghin|ngan)$/.test(w))) return whole;
    const n = numberFromWords(words);
    return n === undefined ? whole : `${kind}${n}`;
  });
}
