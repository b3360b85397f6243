import { describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../../src/app/knowledge.ts";
import { buildFacts, FACT_ANSWERS } from "../../../src/core/knowledge/facts.ts";

describe("facts", () => {
  const kb = loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
  const facts = buildFacts(kb);

  it("state every kind of entry's attributes as cited sentences with unique ids", () => {
    const kinds = new Set(facts.map((f) => f.entity.kind));
    expect([...kinds].sort()).toEqual([
      "body",
      "document",
      "indicator",
      "meeting",
      "person",
      "source",
      "target",
      "task",
      "theme",
    ]);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    for (const f of facts) {
      expect(f.sources.length, f.id).toBeGreaterThan(0);
      expect(f.text.trim(), f.id).not.toBe("");
      expect(FACT_ANSWERS[f.type], f.id).toBeDefined();
    }
  });

  it("leave the tasks' facts out when asked, the others the same", () => {
    const withoutTasks = buildFacts(kb, { tasks: false });
    expect(withoutTasks.some((f) => f.entity.kind === "task")).toBe(false);
    expect(withoutTasks).toEqual(facts.filter((f) => f.entity.kind !== "task"));
  });

  it("name their entry in the sentence, so one sentence answers", () => {
    const signer = facts.find((f) => f.type === "document.signer" && f.entity.id === "kh-4233-2022");
    expect(signer?.text).toBe("Kế hoạch 4233/KH-UBND do Nguyễn Long Biên ký.");
    const founded = facts.find((f) => f.type === "body.founded" && f.entity.id === "ban-chi-dao-cds-tinh");
    expect(founded?.text).toContain("352-QĐ/TU");
    const chair = facts.find((f) => f.type === "meeting.chair");
    expect(chair?.text).toMatch(/^Cuộc họp ngày \d\d\/\d\d\/\d{4} .* do .* chủ trì\.$/);
  });
});
