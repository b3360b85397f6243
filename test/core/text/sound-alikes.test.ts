import { describe, expect, it } from "vitest";
import { SearchIndex } from "../../../src/core/search/search-index.ts";
import { soundAlikes } from "../../../src/core/text/sound-alikes.ts";

describe("soundAlikes", () => {
  it("swaps the onsets and endings people confuse", () => {
    expect(soundAlikes("sa")).toContain("xa");
    expect(soundAlikes("truyen")).toContain("chuyen");
    expect(soundAlikes("tin")).toEqual(expect.arrayContaining(["ting", "tinh", "tim"]));
    expect(soundAlikes("cac")).toContain("cat");
  });

  it("leaves d/gi/r alone ('giữ' is no 'dữ') and what is no plain word", () => {
    expect(soundAlikes("giu")).not.toContain("du");
    expect(soundAlikes("3609")).toEqual([]);
  });
});

describe("a word the knowledge never writes, read by the sound-alike that pairs with its neighbour", () => {
  const ix = new SearchIndex();
  ix.add({ kind: "target", id: "a", title: "a" }, [{ text: "khám chữa bệnh từ xa", weight: 1 }]);
  ix.add({ kind: "target", id: "b", title: "b" }, [
    { text: "công chức, viên chức; dịch vụ công trực tuyến", weight: 1 },
  ]);
  ix.finish();

  it("'từ sa' is 'từ xa'", () => {
    const q = ix.expandQuery("khám chữa bệnh từ sa");
    expect(q.find((x) => x.term === "sa")?.alternatives[0]?.term).toBe("xa");
    expect(ix.search("khám chữa bệnh từ sa")[0]?.coverage).toBeGreaterThan(0.9);
  });

  it("a word it writes stays as typed ('công chức' is not 'công trực')", () => {
    const q = ix.expandQuery("lịch nghỉ của công chức");
    expect(q.find((x) => x.term === "chuc")?.alternatives[0]?.term).toBe("chuc");
  });
});
