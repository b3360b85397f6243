/**
 * A unit the question names that has ended since ("UBND huyện …" after 01/07/2025): the reply says so,
 * cited, once, whatever it answers of the unit from the plans (issue 13; being right today).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../../src/app/knowledge.ts";
import { type AnswerEngine, createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";

let engine: AnswerEngine;
beforeAll(() => {
  engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
});
const ask = (text: string, now = "2026-11-26T09:00:00+07:00") => engine.ask({ text, now: new Date(now) });
const count = (s: string, part: string) => s.split(part).length - 1;

describe("a unit named that has ended is said so", () => {
  it("a district's share of a task, asked after the district level ended", () => {
    const r = ask("cấp huyện có phải phối hợp tuyên truyền Ngày CĐS tỉnh không");
    expect(r.abstained).toBe(false);
    const text = renderPlain(r);
    expect(text).toContain("01/07/2025");
    expect(count(r.lines.map((l) => l.text).join("\n"), "01/07/2025")).toBe(1);
    // (Cited: the line carries a source.)
    expect(r.lines.find((l) => l.text.includes("01/07/2025"))?.cites.length).toBeGreaterThan(0);
  });

  it("not before it ended, nor for a unit that goes on", () => {
    expect(
      renderPlain(
        ask("cấp huyện có phải phối hợp tuyên truyền Ngày CĐS tỉnh không", "2024-11-26T09:00:00+07:00"),
      ),
    ).not.toContain("01/07/2025");
    expect(renderPlain(ask("Bảo hiểm xã hội tỉnh có nhiệm vụ gì năm 2023"))).not.toContain("Lưu ý:");
  });
});

describe("a person named is shown with the post the knowledge records", () => {
  it("a meeting asked by a person who attended it", () => {
    const r = ask("Tô Lâm hội nghị sơ kết đề án 06");
    expect(r.abstained).toBe(false);
    const lines = r.lines.map((l) => l.text).join("\n");
    expect(lines).toContain("Bộ trưởng Bộ Công an");
  });

  it("not twice when the reply gives the post already", () => {
    const r = ask("Nguyễn Long Biên giữ chức gì");
    const lines = r.lines.map((l) => l.text).join("\n");
    expect(count(lines, "Phó Chủ tịch UBND tỉnh")).toBe(1);
  });
});
