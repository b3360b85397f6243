/**
 * Telex leftovers: a word typed with the Telex keys but without the input method turning them into
 * diacritics ("nhieemj vuj cuar sowr" for "nhiệm vụ của sở"). Folded, such a word is not a Vietnamese
 * syllable; with its keys taken out it is ("nhiem vu cua so"). A word that is already a syllable, or
 * that does not become one (an abbreviation "tttt", a loanword "facebook"), is left as it is.
 *
 * Vowels stretched for emphasis ("nhiệm vụuuu") are typing leftovers too: no Vietnamese word has a vowel
 * three times in a row, so such a run is one vowel. Consonant runs stay: "tttt", "stttt" are abbreviations.
 */

import { ABBREVIATIONS } from "./abbreviations.ts";

/** A folded Vietnamese syllable: onset, vowel nucleus (with glides), coda. */
/** The vowel groups a Telex word is typed with, before its tone key ("aw" ă, "uow" ươ, "iee" iê). */
const TELEX_NUCLEI = new Set(
  "a aw aa e ee i o oo ow u uw y uo uow uwow ua uaa ie iee ye yee oa oaw oe uy uye uyee uee ai ao au ay aay aau eo eeu ia iu oi ooi owi ui uwi uwa uwu".split(
    " ",
  ),
);

const SYLLABLE =
  // ("ưu" ends a syllable: "lưu", "cứu", "bưu", folded "luu", "cuu", "buu".)
  // (Not after another vowel: "đâuu" is "đâu" with its last letter held.)
  /^(?!.*(?:aa|ee|oo|ii|yy))(?!.*uu.)(?!.*uuu)(?!.*[aeioy]uu)(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?$/;

/** Whether a folded word is a Vietnamese syllable (not a name or an acronym such as "postmart", "grdp"). */
export function isSyllable(word: string): boolean {
  return SYLLABLE.test(word);
}

const cache = new Map<string, string>();

/** The folded word with Telex keys removed when that makes it a syllable; otherwise the word. */
export function untelexWord(word: string): string {
  // Vowels stretched for emphasis; consonant runs are left alone ("tttt", "stttt" are abbreviations), and
  // so are Roman numerals ("quý III").
  // ("QIII/2023": a quarter with its numeral glued to the q.)
  if (/^q?(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})$/.test(word)) return word;
  // No word is that long (a pasted URL, "aaaa…" of megabytes): left as it is, and no regular expression
  // with a back-reference runs over it.
  if (word.length > 40) return word;
  let w = /([aeiouy])\1\1/.test(word) ? word.replace(/([aeiouy])\1{2,}/g, "$1") : word;
  // A consonant held down after a vowel ("gấpppp", "nướccc"): one. Runs without a vowel stay ("tttt").
  // (An abbreviation keeps its letters: "attt" is an toàn thông tin.)
  if (!Object.hasOwn(ABBREVIATIONS, w) && /[aeiouy]/.test(w) && /([bcdghklmnpqrstvx])\1\1$/.test(w))
    w = w.replace(/([bcdghklmnpqrstvx])\1+$/, "$1");
  // A consonant typed twice after the vowel ("quanng", "đìnhh"): no syllable has one, so once.
  if (
    !Object.hasOwn(ABBREVIATIONS, w) &&
    /[aeiouy][a-z]*([bcghklmnpqrstvx])\1/.test(w) &&
    !SYLLABLE.test(w)
  ) {
    const single = w.replace(/([aeiouy][a-z]*?)([bcghklmnpqrstvx])\2/, "$1$2");
    if (SYLLABLE.test(single)) w = single;
  }
  // "ii", "uu", "yy" are never Telex keys: a doubled letter ("điịnh").
  if (/ii|uu|yy/.test(w) && !SYLLABLE.test(w)) {
    const single = w.replace(/(i|u|y)\1/g, "$1");
    if (SYLLABLE.test(single)) w = single;
  }
  let out = cache.get(w);
  if (out !== undefined) return out;
  if (w.length < 2 || w.length > 9 || !/^[a-z]+$/.test(w) || SYLLABLE.test(w)) {
    if (cache.size < 50_000) cache.set(w, w);
    return w;
  }
  let s = w;
  // A tone key typed after the word ("vuj", "cuar"), or after its first vowel with the rest typed on
  // ("ngafy", "nawfm"), then the vowel and đ keys ("aa", "ow", "dd").
  if (/[sfrxj]$/.test(s) && /[aeiouy]/.test(s.slice(0, -1))) s = s.slice(0, -1);
  else {
    // (Only after a vowel group Telex types, "uow" of "ươ": "search" is no "seach".)
    const inner = /^([^aeiouy]*)([aeiouyw]+)[sfrxj]([aeiouy]*[cghmnpt]*)$/.exec(s);
    if (inner && TELEX_NUCLEI.has(inner[2]!)) s = inner[1]! + inner[2]! + inner[3]!;
  }
  s = s
    .replace(/^dd/, "d")
    .replace(/aa|aw/g, "a")
    .replace(/ee/g, "e")
    .replace(/oo|ow/g, "o")
    .replace(/uw/g, "u")
    .replace(/w$/, "");
  out = SYLLABLE.test(s) && s !== w ? s : w;
  if (cache.size < 50_000) cache.set(w, out);
  return out;
}

/** `untelexWord` on every word of a folded text (separators kept). */
export function untelexText(folded: string, original?: string): string {
  // A word typed in capitals ("PAR", "DTI") is an acronym, not Telex: kept when the original is given
  // (folding keeps the words where they were).
  const caps = original ? capitalWords(original) : undefined;
  return folded.replace(/[a-z]+/g, (w, at: number) => (caps?.has(at) ? w : untelexWord(w)));
}

/** Start offsets of the all-capital words (two letters or more) of a text. */
function capitalWords(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\p{L}+/gu)) {
    if (m[0].length >= 2 && m[0] === m[0].toUpperCase() && m[0] !== m[0].toLowerCase()) out.add(m.index);
  }
  return out;
}
