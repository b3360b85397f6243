/**
 * Time-aware answers about units that changed (issue 16), on the shipped knowledge: the Sở TT&TT merged
 * into the Sở Khoa học và Công nghệ from 01/03/2025; the district level (UBND các huyện) ended on
 * 01/07/2025 with no successor named.
 */
import { describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../../src/app/knowledge.ts";
import { createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";

const engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
const ask = (text: string, now = "2026-03-10T09:00:00+07:00", unitId?: string) =>
  engine.ask({ text, now: new Date(now), ...(unitId ? { asker: { unitId } } : {}) });

describe("an old name resolves to the successor, with a short note and its source", () => {
  it("“nhiệm vụ của Sở TT&TT” in 2026 names the Sở KH&CN, the merger date and cites it", () => {
    const r = ask("nhiệm vụ của Sở TT&TT");
    const text = renderPlain(r);
    expect(r.abstained).toBe(false);
    expect(r.title).toContain("Sở Khoa học và Công nghệ");
    expect(r.lines[0]!.text).toContain(
      "Sở Thông tin và Truyền thông đã hợp nhất vào Sở Khoa học và Công nghệ từ 01/03/2025",
    );
    expect(r.citations[r.lines[0]!.cites[0]! - 1]!.label).toContain("ictvietnam.vn/print/69097.html");
    // Its open task, now the Sở KH&CN's, marked as taken over.
    expect(text).toContain("Tuyên truyền Ngày Chuyển đổi số tỉnh");
    expect(text).toContain("tiếp nhận từ Sở Thông tin và Truyền thông từ 01/03/2025");
  });

  it("before the merger the Sở TT&TT is answered as itself, with no note", () => {
    const r = ask("nhiệm vụ của Sở TT&TT", "2024-10-01T09:00:00+07:00");
    expect(r.title).toMatch(/^Nhiệm vụ của Sở Thông tin và Truyền thông/);
    expect(renderPlain(r)).not.toContain("hợp nhất");
  });

  it("“nhiệm vụ của Sở TT&TT năm 2023” lists that unit's 2023 tasks, the merger said after", () => {
    const r = ask("nhiệm vụ của Sở TT&TT năm 2023");
    expect(r.title).toMatch(/^Nhiệm vụ năm 2023 của Sở Thông tin và Truyền thông/);
    expect(renderPlain(r)).toContain("sản phẩm chuyển đổi số");
    expect(r.notes.join(" ")).toContain("đã hợp nhất vào Sở Khoa học và Công nghệ");
  });

  it("“nhiệm vụ của Sở KH&CN” includes what it inherited, marked as inherited", () => {
    const r = ask("nhiệm vụ của Sở KH&CN");
    expect(r.title).toMatch(/^Nhiệm vụ của Sở Khoa học và Công nghệ/);
    expect(renderPlain(r)).toMatch(
      /Tuyên truyền Ngày Chuyển đổi số tỉnh.*\(tiếp nhận từ Sở Thông tin và Truyền thông/,
    );
  });

  it("the Sở KH&CN before it was formed: no information, what is known said", () => {
    const r = ask("nhiệm vụ của Sở KH&CN năm 2023");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("được thành lập từ 01/03/2025");
  });

  it("an official linked to the Sở TT&TT is answered as the Sở KH&CN's", () => {
    const r = ask("nhiệm vụ của tôi", "2026-03-10T09:00:00+07:00", "so-tttt");
    expect(r.title).toMatch(/^Nhiệm vụ của Sở Khoa học và Công nghệ/);
  });

  it("the unit's card says how it ended", () => {
    const r = engine.answer(
      { kind: "unit", unitId: "so-tttt" },
      { now: new Date("2026-03-10T09:00:00+07:00") },
    );
    expect(renderPlain(r)).toContain("đã hợp nhất vào Sở Khoa học và Công nghệ từ 01/03/2025");
  });
});

describe("a closed unit with no successor is answered as closed", () => {
  it("the district level: closed since 01/07/2025, its earlier tasks listed as they were", () => {
    const r = ask("UBND các huyện có nhiệm vụ gì");
    expect(r.lines[0]!.text).toContain("UBND các huyện, thành phố đã kết thúc hoạt động từ 01/07/2025");
    expect(r.lines[0]!.text).toContain("nguồn không nêu đơn vị tiếp nhận");
    expect(renderPlain(r)).toContain("Ngày Chuyển đổi số tỉnh");
  });

  it("a year after the end: no tasks, said with the closure", () => {
    const r = ask("nhiệm vụ của UBND các huyện năm 2026");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("đã kết thúc hoạt động từ 01/07/2025");
  });
});
