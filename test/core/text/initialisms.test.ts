/**
 * Initialisms officials coin ("HSSK", "DLM"): read as the knowledge's phrase with those initials when one
 * prevails, and only when the question is not understood as typed (issue 13, abbreviations).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../../src/app/knowledge.ts";
import { type AnswerEngine, createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";
import { buildInitialisms, spelledInitialisms } from "../../../src/core/text/initialisms.ts";
import { fold } from "../../../src/core/text/normalize.ts";

const unknown = () => false;

describe("the knowledge's phrases by their initials", () => {
  const table = buildInitialisms([
    "Trên 80% người dân có hồ sơ sức khỏe điện tử.",
    "Dữ liệu mở tăng lên 60%; kế hoạch dữ liệu mở.",
    "nguồn lực xã hội; năng lực số.",
    "của tỉnh, của tỉnh",
  ]);

  it("writes out an initialism one phrase prevails for", () => {
    expect(spelledInitialisms("người dân có HSSK điện tử", table, unknown)).toBe(
      "người dân có hồ sơ sức khỏe điện tử",
    );
    expect(spelledInitialisms("mục tiêu về DLM", table, unknown)).toBe("mục tiêu về dữ liệu mở");
  });

  it("leaves an initialism of two phrases alike, a known word, a vowelled word in lower case", () => {
    expect(spelledInitialisms("NL của tỉnh", table, unknown)).toBe("NL của tỉnh");
    expect(spelledInitialisms("HSSK", table, (w) => w === "hssk")).toBe("HSSK");
    expect(spelledInitialisms("mot hai", table, unknown)).toBe("mot hai");
  });

  it("makes no phrase across a joining word or a clause", () => {
    // ("của tỉnh": "ct" is no phrase anyone shortens.)
    expect(spelledInitialisms("CT là ai", table, unknown)).toBe("CT là ai");
    expect(table.get("dl")?.has("dien tu du")).toBeFalsy();
  });

  it("does not read the initials as a phrase the question already says", () => {
    const t = buildInitialisms(["dữ liệu mở; dữ liệu mở; dữ liệu mở; dữ liệu mở; dân lập mới; dân lập mới"]);
    expect(spelledInitialisms("DLM ngoài dữ liệu mở", t, unknown)).toBe("dân lập mới ngoài dữ liệu mở");
  });
});

describe("a question not understood with a coined initialism is read with it written out", () => {
  const NOW = new Date("2026-11-26T09:00:00+07:00");
  let engine: AnswerEngine;
  beforeAll(() => {
    engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
  });

  it.each([
    ["Bao nhiêu phần trăm người dân phải có HSSK điện tử?", "80%"],
    ["mục tiêu về DLM của quốc gia năm 2023", "du lieu mo"],
  ])("%s", (q, said) => {
    const r = engine.ask({ text: q, now: NOW });
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("an abbreviation the engine reads by the words around it stays its own (SĐT: not recorded)", () => {
    const r = engine.ask({ text: "sdt ông Đào Xuân Kỳ", now: NOW });
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi so dien thoai");
  });
});
