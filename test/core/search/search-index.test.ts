import { describe, expect, it } from "vitest";
import { SearchIndex } from "../../../src/core/search/search-index.ts";

// BM25 as the index computes it (k1 1.2, b 0.75), for a one-word query.
const K1 = 1.2;
const B = 0.75;
const bm25 = (tf: number, len: number, avg: number, df: number, n: number) =>
  Math.log(1 + (n - df + 0.5) / (df + 0.5)) * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg)));

describe("SearchIndex: postings packed by term", () => {
  const ix = new SearchIndex();
  // Terms: camera, giam, sat, cap, quang (search-terms.ts); weights of 0.3 are not exact in 32 bits.
  ix.add({ kind: "task", id: "a", title: "a" }, [{ text: "camera giám sát", weight: 2 }]);
  ix.add({ kind: "task", id: "b", title: "b" }, [
    { text: "camera", weight: 0.3 },
    { text: "cáp quang", weight: 1 },
  ]);
  ix.add({ kind: "document", id: "c", title: "c" }, [{ text: "giám sát camera camera", weight: 1 }]);
  ix.finish();
  const lengths = { a: 6, b: 2.3, c: 4 };
  const avg = (6 + 2.3 + 4) / 3;

  it("scores each entry with its own term frequency, weights kept exactly", () => {
    const hits = ix.search("camera");
    const score = Object.fromEntries(hits.map((h) => [h.doc.id, h.score]));
    expect(Object.keys(score).sort()).toEqual(["a", "b", "c"]);
    expect(score.a).toBe(bm25(2, lengths.a, avg, 3, 3));
    expect(score.b).toBe(bm25(0.3, lengths.b, avg, 3, 3));
    expect(score.c).toBe(bm25(2, lengths.c, avg, 3, 3));
  });

  it("finds a term's entries only, in every kind asked", () => {
    expect(ix.search("quang").map((h) => h.doc.id)).toEqual(["b"]);
    expect(ix.search("quang").map((h) => h.score)).toEqual([bm25(1, lengths.b, avg, 1, 3)]);
    expect(ix.search("camera", { kinds: ["document"] }).map((h) => h.doc.id)).toEqual(["c"]);
    expect(
      ix
        .search("giám sát")
        .map((h) => h.doc.id)
        .sort(),
    ).toEqual(["a", "c"]);
  });

  it("takes no entry after it is finished", () => {
    expect(() => ix.add({ kind: "task", id: "d", title: "d" }, [{ text: "camera", weight: 1 }])).toThrow();
  });
});
