/**
 * Exact recognition of names in a question: unit aliases, bodies, people, groups. Each name is turned
 * into its search terms (the same `searchTerms` as the query), and a question's terms are scanned for
 * the longest names they contain. "nhiem vu cua so tttt" → Sở Thông tin và Truyền thông.
 */
import { searchTerms } from "../text/search-terms.ts";

export interface PhraseMatch<T> {
  value: T;
  /** Term positions [start, end) in the question's terms. */
  start: number;
  end: number;
}

export class PhraseMatcher<T> {
  /** First term → candidate phrases (term lists), longest first. */
  private readonly byFirst = new Map<string, { terms: string[]; value: T }[]>();
  private readonly all: { key: string; value: T }[] = [];

  add(phrase: string, value: T): void {
    const terms = searchTerms(phrase);
    if (!terms.length) return;
    const list = this.byFirst.get(terms[0]!) ?? [];
    if (list.some((e) => e.terms.join(" ") === terms.join(" ") && e.value === value)) return;
    list.push({ terms, value });
    list.sort((a, b) => b.terms.length - a.terms.length);
    this.byFirst.set(terms[0]!, list);
    this.all.push({ key: terms.join(" "), value });
  }

  /** Longest non-overlapping matches, left to right. */
  match(terms: string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < terms.length) {
      const cands = this.byFirst.get(terms[i]!);
      const hit = cands?.find((c) => c.terms.every((t, k) => terms[i + k] === t));
      if (hit) {
        out.push({ value: hit.value, start: i, end: i + hit.terms.length });
        i += hit.terms.length;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Every phrase as its joined terms (for fuzzy fallbacks). */
  entries(): readonly { key: string; value: T }[] {
    return this.all;
  }
}
