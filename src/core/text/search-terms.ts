/**
 * The terms a text is indexed and searched by: content tokens (stopwords dropped, diacritics deciding
 * ambiguous words), each abbreviation expanded ("tttt" → "thong tin truyen thong"). The same function
 * serves the index and the query, so both sides always agree.
 */
import { ABBREVIATIONS } from "./abbreviations.ts";
import { clean } from "./normalize.ts";
import { contentTokens, STOPWORDS } from "./tokens.ts";

/** "TT&TT", "TT & TT" are one abbreviation; "&" is not a token character. */
const AMPERSAND_ABBR = /\b([a-zđ]{1,3})\s*&\s*([a-zđ]{1,3})\b/giu;

export function searchTerms(text: string): string[] {
  const out: string[] = [];
  for (const tok of contentTokens(text.replace(AMPERSAND_ABBR, "$1$2"))) {
    const exp = Object.hasOwn(ABBREVIATIONS, tok) ? ABBREVIATIONS[tok]! : undefined;
    if (!exp) {
      out.push(tok);
      continue;
    }
    for (const w of exp.split(" ")) if (!STOPWORDS.has(w)) out.push(w);
  }
  return out;
}

/**
 * Words that say how to answer, not what about ("ai", "khi nào", "bao nhiêu", "ở đâu"): the intent
 * reads them; a search ignores them so they neither match nor count as missing.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  "ai gi nao dau sao bao nhieu may the nhu lam tai vi khi luc gio hien nay hom phai".split(" "),
);

/** The search terms of a question: `searchTerms` without question words. */
export function queryTerms(text: string): string[] {
  return searchTerms(text).filter((t) => !QUESTION_WORDS.has(t));
}

/**
 * The words of `text` whose search terms are `terms`, as typed (diacritics kept): "các nhiệm vụ về dữ
 * liệu" with terms ["du", "lieu"] → "dữ liệu". Falls back to the terms when the words do not cover them.
 */
export function typedWords(text: string, terms: string[]): string {
  const wanted = new Set(terms);
  const words = clean(text)
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w && searchTerms(w).some((t) => wanted.has(t)));
  const covered = new Set(words.flatMap((w) => searchTerms(w)));
  return terms.every((t) => covered.has(t)) ? words.join(" ") : terms.join(" ");
}
