/**
 * Spellings people confuse because they sound alike in their dialect (folded): the onsets s/x, ch/tr,
 * l/n, and the endings n/ng, c/t, in/inh ("khám chữa bệnh từ sa" for "từ xa", "chuyện" for
 * "truyện"). Each is still a word, so no spelling check of single words sees it; the search tries these
 * spellings when the word as typed makes no pair the knowledge writes (search/search-index.ts).
 */

// (Not d/gi/r: "giữ" and "dữ liệu" are both words the knowledge writes.)
const ONSETS: readonly (readonly string[])[] = [
  ["s", "x"],
  ["ch", "tr"],
  ["l", "n"],
];
const ENDINGS: readonly (readonly string[])[] = [
  ["ng", "n"],
  ["c", "t"],
  ["nh", "n"],
  // ("thàng lập" for "thành lập": the two nasal endings, one key apart.)
  ["ng", "nh"],
  // (And m/n, side by side on the keyboard: "cá nhâm".)
  ["n", "m"],
];

/** The folded word's sound-alike spellings (the word itself left out). */
export function soundAlikes(word: string): string[] {
  if (!/^[a-z]{2,7}$/.test(word)) return [];
  const out = new Set<string>();
  for (const group of ONSETS) {
    // Longest onset first: "ch" before "c".
    const onset = [...group].sort((a, b) => b.length - a.length).find((o) => word.startsWith(o));
    if (!onset) continue;
    const rest = word.slice(onset.length);
    if (!/^[aeiouy]/.test(rest)) continue;
    for (const o of group) if (o !== onset) out.add(o + rest);
  }
  for (const group of ENDINGS) {
    const ending = [...group].sort((a, b) => b.length - a.length).find((e) => word.endsWith(e));
    if (!ending) continue;
    const stem = word.slice(0, word.length - ending.length);
    if (!/[aeiouy]$/.test(stem)) continue;
    for (const e of group) if (e !== ending) out.add(stem + e);
  }
  out.delete(word);
  return [...out];
}
