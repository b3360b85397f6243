/**
 * How people type Vietnamese names: "Kì" for "Kỳ", "Ly" for "Li", tone marks dropped (folding already
 * covers those). `nameVariants` gives the folded spellings of a name with a syllable-final "y" and "i"
 * after a consonant swapped ("dao xuan ky" → "dao xuan ki"); "uy", "ay", "oy" are left alone.
 */
import { clean, fold } from "./normalize.ts";

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);

function swapped(syllable: string): string | undefined {
  const last = syllable.at(-1);
  const before = syllable.at(-2);
  if (syllable.length < 2 || before === undefined || VOWELS.has(before)) return undefined;
  if (last === "y") return `${syllable.slice(0, -1)}i`;
  if (last === "i") return `${syllable.slice(0, -1)}y`;
  return undefined;
}

/** The other folded spellings of a name (not the name itself); at most 8. */
export function nameVariants(name: string): string[] {
  const syllables = fold(name).split(" ");
  const swappable = syllables.map((s, i) => [i, swapped(s)] as const).filter(([, v]) => v !== undefined);
  const out: string[] = [];
  const n = Math.min(swappable.length, 3);
  for (let mask = 1; mask < 1 << n; mask++) {
    const copy = [...syllables];
    for (let b = 0; b < n; b++) if (mask & (1 << b)) copy[swappable[b]![0]] = swappable[b]![1]!;
    out.push(copy.join(" "));
  }
  return out;
}

/** Folded surnames that are no other common word in a question ("nguyen", "tran"…). */
const PLAIN_SURNAMES: ReadonlySet<string> = new Set("nguyen tran hoang huynh ngo bui vo quach".split(" "));
/** Surnames that are also common words ("Đào" / đào tạo, "Lê", "Phạm", "Đặng" / đang): only written with a capital. */
const CAPITAL_SURNAMES: ReadonlySet<string> = new Set(
  "le pham vu phan dang do ho duong ly dao dinh lam mai trinh truong to ha luu cao chau thai ton tang kieu mac".split(
    " ",
  ),
);
/** Words after a name that end it. */
const AFTER_NAME = new Set([
  "la",
  "giu",
  "co",
  "duoc",
  "thuoc",
  "o",
  "hien",
  "ai",
  "dang",
  "chuc",
  "lam",
  "nam",
  // ("… Đức chủ trì họp nào", "… dự họp", "… phụ trách", "… phải làm gì", "… từng giữ".)
  "chu",
  "du",
  "phu",
  "phai",
  "tung",
]);

/**
 * The words of a question that look like a person's name: a surname and one to three more words, as
 * typed ("ông Trần Quốc Lâm là ai" → "Trần Quốc Lâm"). A surname that is also a common word counts only
 * when written with a capital. Undefined when none.
 */
export function personLikeName(text: string): string | undefined {
  const words = clean(text)
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""))
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const f = fold(w);
    if (!PLAIN_SURNAMES.has(f) && !(CAPITAL_SURNAMES.has(f) && /^\p{Lu}/u.test(w))) continue;
    const name = [w];
    for (const next of words.slice(i + 1, i + 4)) {
      // The given name may be "Nam" or "Lâm": a following word ends the name only after two words.
      if (AFTER_NAME.has(fold(next)) && name.length >= 3) break;
      if (AFTER_NAME.has(fold(next)) && !["nam", "lam"].includes(fold(next))) break;
      name.push(next);
    }
    if (name.length >= 2) return name.join(" ");
  }
  return undefined;
}
