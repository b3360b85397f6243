/**
 * Initialisms officials coin as they type ("HSSK điện tử" for hồ sơ sức khỏe, "CĐ CĐS năm 2023" for
 * chủ đề): the knowledge's own phrases read by their initials. A token the abbreviation table and the
 * knowledge's words do not know is written out as the phrase of the knowledge whose initials it is, when
 * one such phrase plainly prevails; an initialism of several phrases with none prevailing stays as typed.
 */

import { fold } from "./normalize.ts";
import { foldQuestion } from "./question.ts";
import { searchTerms } from "./search-terms.ts";

/** Initials (folded) → each phrase of the knowledge with those initials: how often, and as written. */
export type Initialisms = ReadonlyMap<string, ReadonlyMap<string, { count: number; written: string }>>;

const MIN_WORDS = 2;
const MAX_WORDS = 4;
/** How often the phrase must be written, and how many times more often than the next. */
export const MIN_COUNT = 2;
/** (Four initials or more say enough that one phrase written once will do: "HSSK".) */
export const MIN_COUNT_LONG = 1;
export const PREVAIL = 3;

/** Words that join phrases rather than make one ("của", "là", "và"). */
const JOINERS = new Set(
  "cua la va cac nhung co cho voi trong tai ve de den tu theo nhat mot duoc da se thi ma nay do khi hoac hay tren duoi o ra vao nhu".split(
    " ",
  ),
);

/** The initialisms of the phrases of `texts` (two to four words, within a clause, no digits, no stopword:
 * "của tỉnh" is no phrase anyone shortens). */
export function buildInitialisms(texts: Iterable<string>): Initialisms {
  const out = new Map<string, Map<string, { count: number; written: string }>>();
  for (const t of texts) {
    for (const clause of t.split(/[^\p{L}\s]+/u)) {
      const words = clause.toLowerCase().normalize("NFC").split(/\s+/).filter(Boolean);
      const folded = words.map(fold);
      for (let i = 0; i < words.length; i++) {
        for (let n = MIN_WORDS; n <= MAX_WORDS && i + n <= words.length; n++) {
          const ws = folded.slice(i, i + n);
          if (ws.some((w) => JOINERS.has(w))) break;
          const key = ws.map((w) => w[0]).join("");
          const phrase = ws.join(" ");
          let byPhrase = out.get(key);
          if (!byPhrase) {
            byPhrase = new Map();
            out.set(key, byPhrase);
          }
          const seen = byPhrase.get(phrase);
          if (seen) seen.count++;
          else byPhrase.set(phrase, { count: 1, written: words.slice(i, i + n).join(" ") });
        }
      }
    }
  }
  return out;
}

/** A token typed in capitals ("HSSK", "CĐ"), or of consonants only ("hssk"), two to five letters. */
const TOKEN = /(?<![\p{L}\p{N}&/-])[\p{L}]{2,5}(?![\p{L}\p{N}&/-])/gu;

/**
 * `text` with each initialism the knowledge's phrases spell out written as that phrase. `known` says a
 * folded word is the knowledge's, a question word or a known abbreviation: those stay as typed.
 */
export function spelledInitialisms(
  text: string,
  table: Initialisms,
  known: (folded: string) => boolean,
): string {
  if (!/[\p{Lu}]{2}|\b[b-df-hj-np-tv-z]{3,5}\b/u.test(text)) return text;
  let said: string | undefined;
  let terms: Set<string> | undefined;
  return text.replace(TOKEN, (token) => {
    const key = fold(token);
    const capitals = token === token.toUpperCase();
    if (!capitals && /[aeiouy]/.test(key)) return token;
    if (known(key)) return token;
    // (Only what is left as typed: "GĐ Sở", "SĐT", "CĐ" the abbreviations write out by the words around
    // them are theirs.)
    terms ??= new Set(searchTerms(text));
    if (!terms.has(key)) return token;
    const phrases = table.get(key);
    if (!phrases) return token;
    // (A phrase the question already says, "chuyển đổi" of "CĐS", is not what the initials stand for.)
    said ??= ` ${foldQuestion(text).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
    const ranked = [...phrases.entries()]
      .filter(([p]) => !said!.includes(` ${p} `))
      .sort((a, b) => b[1].count - a[1].count);
    const [best, next] = ranked;
    const least = key.length >= 4 ? MIN_COUNT_LONG : MIN_COUNT;
    if (!best || best[1].count < least || (next && best[1].count < PREVAIL * next[1].count)) return token;
    return best[1].written;
  });
}
