/**
 * Full-text search over the whole knowledge base.
 *
 * - Every entry becomes a search document with weighted fields (title and aliases weigh more).
 * - Terms come from `searchTerms` (folded, stopwords dropped, abbreviations expanded), for the index
 *   and the query alike.
 * - Scoring is BM25 over an inverted index (fast at 10,000+ entries: a query touches only the postings
 *   of its terms). A query term the index does not know is corrected by fuse.js over the vocabulary
 *   (short pre-folded strings), so "chuyen doi sô", "nhiemvu" or "chuyn" still find their words.
 * - Vietnamese words are often two syllables ("ngân sách", "bóng đá", "giám đốc"): adjacent term pairs
 *   are indexed too, so an entry that has the syllables of a word only scattered ("ngân" in "ngân hàng",
 *   "sách" in "chính sách") does not pass for a match.
 * - `coverage` says how much of the query the best entry matches (term rarity for single terms, and the
 *   share of the query's adjacent pairs found together): the answer engine abstains when it is low
 *   rather than answer with something unrelated.
 */
import Fuse from "fuse.js";
import type { Fact } from "../knowledge/facts.ts";
import type { Knowledge } from "../knowledge/model.ts";
import { queryTerms, searchTerms } from "../text/search-terms.ts";
import { soundAlikes } from "../text/sound-alikes.ts";
import { SLIPPED_QUESTION_WORDS } from "../text/tokens.ts";

export type SearchKind =
  | "unit"
  | "group"
  | "body"
  | "person"
  | "document"
  | "theme"
  | "task"
  | "meeting"
  | "indicator"
  | "target"
  | "fact";

export interface SearchDoc {
  kind: SearchKind;
  id: string;
  /** For display and debugging. */
  title: string;
}

interface Field {
  text: string;
  weight: number;
}

export interface SearchHit {
  doc: SearchDoc;
  score: number;
  /** Share (0–1) of the query's term weight that this entry matches. */
  coverage: number;
  /** Share (0–1) of the query's single terms (weighted by rarity) the entry has, pairs aside. */
  termCoverage: number;
}

const K1 = 1.2;
/** Longer unknown "words" (a pasted URL, "aaaa…") are not typo-corrected: nothing that long is a typo. */
const MAX_FUZZY_LENGTH = 24;

export type ExpandedQuery = ReturnType<SearchIndex["expandQuery"]>;
/** A term this telling (`rarity`) or more names what a question is about: not "theo", "dữ liệu", "năm". */
export const TELLING_RARITY = 2.5;
const B = 0.75;

/** Postings added per block while the index is built (typed arrays: no garbage in the JS heap). */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

interface PendingBlock {
  term: Int32Array;
  doc: Int32Array;
  weight: Float64Array;
}

export class SearchIndex {
  readonly docs: SearchDoc[] = [];
  /**
   * term → its number n, in the order terms were first seen. Its postings (the entries that have the
   * term, in the order they were added, with the weighted term frequency) are
   * `postingDocs`/`postingWeights` [start[n], start[n + 1]). Packed by `finish` from the blocks `add`
   * fills: at 10,000 tasks about 900,000 postings, 7 MB instead of 20 MB as arrays of numbers.
   */
  private readonly termIds = new Map<string, number>();
  private start = new Int32Array(1);
  private postingDocs = new Int32Array(0);
  private postingWeights: Float32Array | Float64Array = new Float64Array(0);
  /** Until `finish`: the postings added, in blocks. */
  private pending: PendingBlock[] | undefined = [];
  private pendingCount = 0;
  /** Whether every weight added is exact in 32 bits (sums of halves and units are). */
  private exact32 = true;
  private lengthList: number[] = [];
  private lengths = new Float64Array(0);
  private avgLength = 1;
  private vocabulary: Fuse<string> | undefined;
  private dropped: Map<string, string[]> | undefined;
  private vocabList: string[] = [];
  private scratch = {
    score: new Float64Array(0),
    matched: new Float64Array(0),
    pairs: new Uint16Array(0),
    hit: new Float64Array(0),
  };

  add(doc: SearchDoc, fields: Field[]): void {
    const pending = this.pending;
    if (!pending) throw new Error("SearchIndex: add after finish");
    const idx = this.docs.length;
    this.docs.push(doc);
    const tf = new Map<string, number>();
    let len = 0;
    for (const f of fields) {
      const terms = searchTerms(f.text);
      terms.forEach((t, i) => {
        tf.set(t, (tf.get(t) ?? 0) + f.weight);
        len += f.weight;
        const next = terms[i + 1];
        if (next) {
          const pair = `${t} ${next}`;
          tf.set(pair, (tf.get(pair) ?? 0) + f.weight);
        }
      });
    }
    this.lengthList.push(len);
    for (const [t, w] of tf) {
      let id = this.termIds.get(t);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(t, id);
      }
      const at = this.pendingCount & (BLOCK - 1);
      if (at === 0) {
        pending.push({
          term: new Int32Array(BLOCK),
          doc: new Int32Array(BLOCK),
          weight: new Float64Array(BLOCK),
        });
      }
      const block = pending[pending.length - 1]!;
      block.term[at] = id;
      block.doc[at] = idx;
      block.weight[at] = w;
      if (this.exact32 && Math.fround(w) !== w) this.exact32 = false;
      this.pendingCount++;
    }
  }

  /** Call once after the last `add`: packs the postings by term. */
  finish(): this {
    const pending = this.pending ?? [];
    const count = this.pendingCount;
    const terms = this.termIds.size;
    const start = new Int32Array(terms + 1);
    const each = (f: (term: number, doc: number, weight: number) => void) => {
      for (let k = 0; k < count; k++) {
        const b = pending[k >>> BLOCK_BITS]!;
        const i = k & (BLOCK - 1);
        f(b.term[i]!, b.doc[i]!, b.weight[i]!);
      }
    };
    each((term) => {
      start[term + 1]!++;
    });
    for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
    const docs = new Int32Array(count);
    // (Weights are sums of field weights, halves and units: exact in 32 bits, read back unchanged.)
    const weights = this.exact32 ? new Float32Array(count) : new Float64Array(count);
    const next = start.slice(0, terms);
    each((term, doc, weight) => {
      const at = next[term]!++;
      docs[at] = doc;
      weights[at] = weight;
    });
    this.start = start;
    this.postingDocs = docs;
    this.postingWeights = weights;
    this.pending = undefined;
    this.pendingCount = 0;
    this.lengths = Float64Array.from(this.lengthList);
    this.lengthList = [];
    const n = this.lengths.length || 1;
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / n || 1;
    this.vocabList = [...this.termIds.keys()].filter(
      (t) => t.length >= 3 && !t.includes(" ") && !/^\d+$/.test(t),
    );
    return this;
  }

  /** How many entries have the term. */
  private df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.start[id + 1]! - this.start[id]!;
  }

  private fuzzy(): Fuse<string> {
    this.vocabulary ??= new Fuse(this.vocabList, {
      threshold: 0.34,
      includeScore: true,
      ignoreLocation: true,
    });
    return this.vocabulary;
  }

  /**
   * Four-letter words of the index by each three-letter word a dropped letter makes of them ("dong" by
   * "dog", "ong", "dng", "don"): a short word typed with a letter missing ("cộng đồg").
   */
  private droppedLetter(): Map<string, string[]> {
    if (!this.dropped) {
      const map = new Map<string, string[]>();
      for (const w of this.vocabList) {
        if (w.length !== 4 || /\d/.test(w)) continue;
        for (let i = 0; i < w.length; i++) {
          const short = w.slice(0, i) + w.slice(i + 1);
          const list = map.get(short) ?? [];
          if (!list.includes(w)) list.push(w);
          map.set(short, list);
        }
      }
      this.dropped = map;
    }
    return this.dropped;
  }

  /** How many entries hold the term (0 when none does). */
  entriesWith(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.start[id + 1]! - this.start[id]!;
  }

  /** How telling a term is: its idf, the rarest possible for a term no entry holds (see TELLING_RARITY). */
  rarity(term: string): number {
    return this.df(term) ? this.idf(term) : this.maxIdf();
  }

  private idf(term: string): number {
    const df = this.df(term);
    const n = this.docs.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The weight a term missing from the index would have (the rarest possible). */
  private maxIdf(): number {
    return Math.log(1 + (this.docs.length + 0.5) / 0.5);
  }

  /** Terms of a query, each with alternatives for unknown words (weights < 1 for corrections). */
  expandQuery(text: string): { term: string; alternatives: { term: string; weight: number }[] }[] {
    const seen = new Set<string>();
    const out: { term: string; alternatives: { term: string; weight: number }[] }[] = [];
    for (const term of queryTerms(text)) {
      if (seen.has(term)) continue;
      seen.add(term);
      // A question word typed with a slipped mark ("vè" for "về"), kept as a word by its marks but in no
      // entry: it names nothing, so it is neither searched nor counted as missing.
      if (SLIPPED_QUESTION_WORDS.has(term) && !this.termIds.has(term)) continue;
      if (this.termIds.has(term)) {
        out.push({ term, alternatives: [{ term, weight: 1 }] });
      } else if (term.length >= 4 && term.length <= MAX_FUZZY_LENGTH && !/^\d+$/.test(term)) {
        const alts = this.fuzzy()
          .search(term, { limit: 2 })
          .map((r) => ({ term: r.item, weight: 0.7 * (1 - (r.score ?? 0)) }));
        out.push({ term, alternatives: alts });
      } else if (
        term.length === 3 &&
        !/\d/.test(term) &&
        (this.droppedLetter().get(term)?.length ?? 0) === 1
      ) {
        // One word only: "dog" is "dong"; a short word several words could be is left unknown.
        out.push({ term, alternatives: [{ term: this.droppedLetter().get(term)![0]!, weight: 0.6 }] });
      } else {
        out.push({ term, alternatives: [] });
      }
    }
    this.soundAlike(out);
    return out;
  }

  /**
   * A word the index does not have and that makes no pair with either neighbour, where exactly one
   * spelling that sounds alike does ("từ sa" → "từ xa"): that spelling first, at a lower weight.
   */
  private soundAlike(out: { term: string; alternatives: { term: string; weight: number }[] }[]): void {
    const best = (k: number) => out[k]?.alternatives[0]?.term ?? out[k]?.term;
    const paired = (a: string | undefined, b: string | undefined) =>
      !!a && !!b && this.termIds.has(`${a} ${b}`);
    for (let k = 0; k < out.length; k++) {
      const q = out[k]!;
      const word = best(k)!;
      const left = best(k - 1);
      const right = best(k + 1);
      // (Only a word the knowledge never writes: "chức" of "công chức" is meant, whatever "công trực" is.)
      if (this.termIds.has(q.term) || (!left && !right) || paired(left, word) || paired(word, right))
        continue;
      const found = soundAlikes(q.term).filter(
        (v) => this.termIds.has(v) && (paired(left, v) || paired(v, right)),
      );
      if (found.length === 1) q.alternatives = [{ term: found[0]!, weight: 0.8 }, ...q.alternatives];
    }
  }

  search(
    text: string,
    opts: { kinds?: SearchKind[]; limit?: number; query?: ExpandedQuery } = {},
  ): SearchHit[] {
    const limit = opts.limit ?? 10;
    const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
    const query = opts.query ?? this.expandQuery(text);
    if (!query.length) return [];
    const n = this.docs.length;
    // Scratch arrays reused across queries: a common term touches most entries, and Maps were the cost.
    if (this.scratch.score.length !== n) {
      this.scratch = {
        score: new Float64Array(n),
        matched: new Float64Array(n),
        pairs: new Uint16Array(n),
        hit: new Float64Array(n),
      };
    }
    const { score, matched, pairs: pairHits, hit } = this.scratch;
    const touched: number[] = [];
    const allowed = (d: number) => !kinds || kinds.has(this.docs[d]!.kind);
    const visit = (term: string, weight: number, each: (d: number, s: number) => void) => {
      const id = this.termIds.get(term);
      if (id === undefined) return;
      const idf = this.idf(term);
      const end = this.start[id + 1]!;
      for (let i = this.start[id]!; i < end; i++) {
        const d = this.postingDocs[i]!;
        if (!allowed(d)) continue;
        const tf = this.postingWeights[i]!;
        const norm = tf + K1 * (1 - B + (B * this.lengths[d]!) / this.avgLength);
        if (score[d] === 0 && matched[d] === 0 && pairHits[d] === 0) touched.push(d);
        each(d, weight * idf * ((tf * (K1 + 1)) / norm));
      }
    };
    let totalWeight = 0;
    for (const q of query) {
      const qIdf = q.alternatives.length
        ? Math.max(...q.alternatives.map((a) => this.idf(a.term)))
        : this.maxIdf();
      totalWeight += qIdf;
      const hitDocs: number[] = [];
      for (const alt of q.alternatives) {
        visit(alt.term, alt.weight, (d, s) => {
          score[d]! += s;
          if (hit[d] === 0) hitDocs.push(d);
          hit[d] = Math.max(hit[d]!, alt.weight * qIdf);
        });
      }
      // Credit each entry once per query term (its best alternative), then clear for the next term.
      for (const d of hitDocs) {
        matched[d]! += hit[d]!;
        hit[d] = 0;
      }
    }
    // Adjacent pairs of the query, each as the pair of its best-matching terms.
    const pairs: string[] = [];
    for (let i = 0; i + 1 < query.length; i++) {
      const a = query[i]!.alternatives[0]?.term ?? query[i]!.term;
      const b = query[i + 1]!.alternatives[0]?.term ?? query[i + 1]!.term;
      pairs.push(`${a} ${b}`);
    }
    for (const pair of pairs) {
      visit(pair, 0.5, (d, s) => {
        score[d]! += s;
        pairHits[d]! += 1;
      });
    }
    // Rank by BM25 weighted by the square of coverage: an entry that answers the whole question
    // beats a shorter one that matches a single rare word. Keep only the best `limit`.
    const top: SearchHit[] = [];
    const rank = (h: SearchHit) => h.score * h.coverage ** 2;
    for (const d of touched) {
      const single = totalWeight ? matched[d]! / totalWeight : 0;
      const coverage = pairs.length ? 0.5 * single + (0.5 * pairHits[d]!) / pairs.length : single;
      const h: SearchHit = { doc: this.docs[d]!, score: score[d]!, coverage, termCoverage: single };
      score[d] = 0;
      matched[d] = 0;
      pairHits[d] = 0;
      if (top.length < limit) {
        top.push(h);
        if (top.length === limit) top.sort((a, b) => rank(b) - rank(a));
      } else if (rank(h) > rank(top[limit - 1]!)) {
        top[limit - 1] = h;
        top.sort((a, b) => rank(b) - rank(a));
      }
    }
    return top.sort((a, b) => rank(b) - rank(a));
  }
}

/** Builds the index of every entry of the knowledge base. */
export function buildSearchIndex(kb: Knowledge): SearchIndex {
  const ix = new SearchIndex();
  const d = kb.data;
  const names = (ids: readonly string[]) => kb.namesOf([...ids]);
  for (const u of d.units)
    ix.add({ kind: "unit", id: u.id, title: u.name }, [
      { text: [u.name, ...u.aliases].join(" . "), weight: 3 },
    ]);
  for (const g of d.unitGroups)
    ix.add({ kind: "group", id: g.id, title: g.name }, [
      { text: [g.name, ...g.aliases].join(" . "), weight: 2 },
    ]);
  for (const b of d.bodies) {
    ix.add({ kind: "body", id: b.id, title: b.name }, [
      { text: [b.name, ...b.aliases].join(" . "), weight: 3 },
      { text: b.description ?? "", weight: 1 },
    ]);
  }
  for (const p of d.people) {
    ix.add({ kind: "person", id: p.id, title: p.name }, [
      { text: p.name, weight: 3 },
      { text: p.positions.map((x) => x.title).join(" . "), weight: 1 },
    ]);
  }
  for (const doc of d.documents) {
    ix.add({ kind: "document", id: doc.id, title: `${doc.type} ${doc.number}` }, [
      { text: `${doc.type} ${doc.number}`, weight: 2 },
      { text: doc.summary, weight: 2 },
      { text: [doc.issuer, ...doc.keyPoints].join(" . "), weight: 1 },
    ]);
  }
  for (const t of d.themes) {
    ix.add({ kind: "theme", id: t.id, title: t.title }, [
      { text: `chủ đề năm ${t.year} ${t.title} ${t.alsoKnownAs.join(" . ")}`, weight: 2 },
      { text: t.focus ?? "", weight: 1 },
    ]);
  }
  for (const t of d.tasks) {
    ix.add({ kind: "task", id: t.id, title: t.title }, [
      { text: t.title, weight: 2 },
      // The clause it comes from ("Nhiệm vụ trọng tâm (1), kết luận … cuộc họp ngày 20/02/2023") too:
      // officials name tasks by it.
      { text: [t.details, t.product, t.group, t.clause].filter(Boolean).join(" . "), weight: 1 },
      // Who leads and supports it ("sản phẩm chuyển đổi số của mỗi cơ quan, đơn vị"), lightly.
      { text: names(t.lead).concat(names(t.support)).join(" . "), weight: 0.5 },
    ]);
  }
  for (const m of d.meetings) {
    ix.add({ kind: "meeting", id: m.id, title: m.title }, [
      { text: m.title, weight: 2 },
      { text: [...m.agenda, ...m.conclusions].join(" . "), weight: 1 },
      { text: [...m.results, ...m.shortcomings].join(" . "), weight: 1 },
    ]);
  }
  for (const i of d.indicators) {
    ix.add({ kind: "indicator", id: i.id, title: `${i.name} ${i.year}` }, [
      { text: `${i.name} ${i.fullName ?? ""} năm ${i.year} chỉ số xếp hạng`, weight: 2 },
      { text: [...i.parts.map((p) => p.name), ...i.notes].join(" . "), weight: 1 },
    ]);
  }
  for (const t of d.targets) {
    ix.add({ kind: "target", id: t.id, title: t.text }, [
      { text: `mục tiêu ${t.year} ${t.area ?? ""}`, weight: 1 },
      { text: t.text, weight: 2 },
    ]);
  }
  return ix.finish();
}

/** The index of the facts (core/knowledge/facts.ts): each fact's sentence, and the words naming its entry. */
export function buildFactIndex(facts: readonly Fact[]): SearchIndex {
  const ix = new SearchIndex();
  for (const f of facts) {
    ix.add({ kind: "fact", id: f.id, title: f.text }, [
      { text: f.text, weight: 2 },
      { text: f.context, weight: 1 },
    ]);
  }
  return ix.finish();
}
