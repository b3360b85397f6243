/**
 * Words typed without spaces ("dti2022hangmay", "nhiemvucuatoi"): a token that is no word the knowledge
 * knows, nor a Vietnamese syllable, is split into words it does know — a year glued to letters first
 * ("dti2022" → "dti 2022"), then letters into the fewest known words ("hangmay" → "hang may"). A token
 * that does not split wholly into known words is left as typed (a name, "Postmart", stays whole).
 *
 * What counts as known is injected (the answer engine passes its index's vocabulary and its question
 * words), so this module stays a pure function of text.
 */
import { fold, nfc } from "./normalize.ts";
import { isSyllable, untelexWord } from "./telex.ts";

/** Longest token split; a longer one (a pasted URL, a hash) is left alone. */
const MAX_TOKEN = 40;
/** A glued token splits into at most this many words. */
const MAX_PIECES = 5;

/** `text` with glued tokens split where every piece is `known` (folded words). */
export function unglue(text: string, known: (folded: string) => boolean): string {
  const s = nfc(text);
  return s.replace(/[\p{L}\p{N}]{5,}/gu, (token) => {
    if (token.length > MAX_TOKEN) return token;
    const folded = fold(token);
    if (folded.length !== token.length) return token;
    // A year glued to letters on either side: "dti2022", "2022hangmay".
    const parts = token.split(/(?<=\p{L})(?=(?:19|20)\d\d(?!\d))|(?<=(?:^|\P{N})(?:19|20)\d\d)(?=\p{L})/u);
    return parts
      .map((p) => {
        // A two-digit year after a known word: "dti22" → "dti 22" (read as 2022 further on).
        const short = /^(\p{L}{2,})(\d{2})$/u.exec(p);
        if (short && known(fold(short[1]!))) return `${short[1]} ${short[2]}`;
        return splitLetters(p, known);
      })
      .join(" ");
  });
}

/** A run of letters split into the fewest known words, or as it is. */
function splitLetters(part: string, known: (folded: string) => boolean): string {
  const f = fold(part);
  // (A Telex leftover or a vowel held down, "nhieemj", "tieuuu", is read by the Telex reading instead.)
  if (!/^[a-z]{5,}$/.test(f) || known(f) || isSyllable(f) || untelexWord(f) !== f) return part;
  // best[i]: the fewest pieces covering f[0..i), with the start of the last piece.
  const best: { n: number; from: number }[] = [{ n: 0, from: -1 }];
  for (let i = 1; i <= f.length; i++) {
    for (let j = Math.max(0, i - 7); j <= i - 2; j++) {
      const prev = best[j];
      if (!prev || prev.n >= MAX_PIECES) continue;
      const piece = f.slice(j, i);
      // (A known word that is no syllable, an abbreviation such as "cds", has three letters or more.)
      if (!known(piece) || (!isSyllable(piece) && piece.length < 3)) continue;
      if (!best[i] || prev.n + 1 < best[i]!.n) best[i] = { n: prev.n + 1, from: j };
    }
  }
  const end = best[f.length];
  if (!end || end.n < 2) return part;
  const cuts: number[] = [];
  for (let i = f.length; i > 0; i = best[i]!.from) cuts.unshift(best[i]!.from);
  // (Pieces of two letters only, "de le te" of "delete", "on li ne" of "online", are an English word's
  // letters, not words glued together.)
  if (cuts.every((from, k) => (cuts[k + 1] ?? f.length) - from <= 2)) return part;
  return cuts.map((from, k) => part.slice(from, cuts[k + 1] ?? part.length)).join(" ");
}
