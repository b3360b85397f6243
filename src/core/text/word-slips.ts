/**
 * A word typed with one slip of the keyboard that the knowledge does not know ("ngày lễ tiếp thep", "Tết
 * dương lịh"), written as the word meant when the words beside it say which: mended, it makes with the
 * word before or after it a pair the knowledge writes ("tiep theo", "duong lich"), and exactly one
 * mending does. A word the knowledge knows is never touched, nor a short one or one longer than any word
 * ("aaaa…"), a number, or a code in capitals ("KHCN").
 */
import { keySlip } from "./edit-distance.ts";
import { fold } from "./normalize.ts";
import { isSyllable } from "./telex.ts";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** How much of a message is mended (understand.ts reads 500 characters). */
const READ = 600;

/** The words one slip away from `typed` (keySlip's slips: a letter dropped, doubled, swapped, beside). */
export function slipCandidates(typed: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= typed.length; i++) {
    if (i < typed.length) out.add(typed.slice(0, i) + typed.slice(i + 1));
    for (const c of LETTERS) {
      out.add(typed.slice(0, i) + c + typed.slice(i));
      if (i < typed.length && c !== typed[i]) out.add(typed.slice(0, i) + c + typed.slice(i + 1));
    }
    if (i + 1 < typed.length) out.add(typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2));
  }
  out.delete(typed);
  return [...out].filter((w) => w.length >= 2 && keySlip(typed, w, { extraNeighbour: true }));
}

/**
 * Phrases questions are asked in, which the knowledge's texts need not write: their pairs mend a slip in
 * them as the knowledge's pairs do ("bao nhiu" → "bao nhiêu").
 */
export const QUESTION_PHRASES: readonly string[] = [
  "bao nhiêu",
  "như thế nào",
  "ra sao",
  "khi nào",
  "bao giờ",
  "ở đâu",
  "là gì",
  "là ai",
  "tìm giúp",
  "liệt kê",
  "tất cả",
  "những gì",
  "cho hỏi",
  "có không",
  "gồm những",
];

/** The folded words of texts, and each two adjacent, "a b", as the knowledge writes them. */
export function wordsAndPairs(texts: Iterable<string>): { words: Set<string>; pairs: Set<string> } {
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const t of texts) {
    const ws = fold(t)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    for (const [i, w] of ws.entries()) {
      words.add(w);
      if (i) pairs.add(`${ws[i - 1]} ${w}`);
    }
  }
  return { words, pairs };
}

/** `text` with each word typed with a slip written as the word meant, where the words beside it say. */
export function mendedWordSlips(
  text: string,
  known: (folded: string) => boolean,
  pairs: ReadonlySet<string>,
): string {
  // (Only as far as a question is read: a message of 10,000 characters is not mended word by word.)
  const words = [...text.slice(0, READ).matchAll(/[\p{L}\p{M}]+/gu)];
  const folded = words.map((m) => fold(m[0]));
  if (folded.every(known)) return text;
  let out = "";
  let last = 0;
  for (const [i, m] of words.entries()) {
    const typed = folded[i]!;
    if (typed.length < 3 || typed.length > 12 || known(typed) || /^\p{Lu}{2,}$/u.test(m[0])) continue;
    // A real word typed with its marks, or a name in capitals ("Bình Thuận"), is what was meant.
    const marked = m[0].toLowerCase() !== typed;
    const syllable = isSyllable(typed);
    if (syllable && (marked || (i > 0 && /^\p{Lu}/u.test(m[0])))) continue;
    const before = folded[i - 1];
    const after = folded[i + 1];
    const paired = (w: string) =>
      (before !== undefined && pairs.has(`${before} ${w}`)) ||
      (after !== undefined && pairs.has(`${w} ${after}`));
    if (paired(typed)) continue;
    // (The first letter is kept: "binh" is no slip of "ninh", nor "xong" of "cong".)
    // (A real syllable typed plain is mended by a key beside the one meant, "thep" for "theo", or by a
    // letter it dropped, "mục tiu", "bao nhiu", when the pair it makes is written and the pair typed is
    // not; never by a letter taken away, which is another word as often: "tram" of "phần trăm" is no
    // "tam".)
    let meant = slipCandidates(typed).filter(
      (w) => w[0] === typed[0] && (!syllable || w.length >= typed.length) && paired(w),
    );
    // A word typed with its marks that is no syllable ("chủ đêg"): the keyboard was set for Vietnamese,
    // so a letter too many, whatever key, is the slip when dropping it leaves a syllable that pairs.
    if (!meant.length && marked && !syllable) {
      const dropped = new Set([...typed].map((_, j) => typed.slice(0, j) + typed.slice(j + 1)));
      meant = [...dropped].filter((w) => w.length >= 2 && w[0] === typed[0] && isSyllable(w) && paired(w));
    }
    if (meant.length !== 1) continue;
    out += text.slice(last, m.index) + mended(m[0], typed, meant[0]!);
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * The word as typed with the slip that `meant` mends, mended in it, so its marks stay ("độg" → "động",
 * "lịh" → "lịch"); the folded word meant when the typed one does not line up letter for letter.
 */
function mended(word: string, typed: string, meant: string): string {
  const letters = [...word.normalize("NFC")];
  if (letters.length !== typed.length) return meant;
  let i = 0;
  while (i < typed.length && typed[i] === meant[i]) i++;
  if (meant.length === typed.length + 1) letters.splice(i, 0, meant[i]!);
  else if (meant.length === typed.length - 1) letters.splice(i, 1);
  else if (typed[i + 1] === meant[i] && typed[i] === meant[i + 1])
    letters.splice(i, 2, letters[i + 1]!, letters[i]!);
  else letters.splice(i, 1, meant[i]!);
  return letters.join("");
}
