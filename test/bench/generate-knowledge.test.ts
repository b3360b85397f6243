/**
 * The generated knowledge base of the benchmark: valid against the schemas and references (also through
 * the real loader, as YAML files), deterministic for a seed, labelled as generated, and answerable.
 * Timing is never asserted here.
 */

import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  GENERATED_SOURCE_ID,
  GENERATED_SOURCE_TITLE,
  generateKnowledge,
  Rng,
  validateKnowledge,
} from "../../bench/generate-knowledge.ts";
import { generateQuestions, typo } from "../../bench/questions.ts";
import { createAnswerEngine } from "../../src/core/answers/engine.ts";
import { renderPlain } from "../../src/core/answers/reply.ts";
import { HOLIDAYS_FILE, PROVINCE_FILE, parseKnowledgeFiles } from "../../src/core/knowledge/load.ts";
import { Knowledge } from "../../src/core/knowledge/model.ts";
import { COLLECTION_NAMES, COLLECTIONS, type KnowledgeData } from "../../src/core/knowledge/schema.ts";
import { docNumberKey } from "../../src/core/text/doc-number.ts";

const SMALL = { units: 50, documents: 100, tasks: 300 } as const;
const NOW = new Date("2025-05-15T09:00:00+07:00");

function toFiles(data: KnowledgeData): Record<string, string> {
  const files: Record<string, string> = {
    [PROVINCE_FILE]: stringify(data.province),
    [HOLIDAYS_FILE]: stringify(data.holidays),
  };
  for (const c of COLLECTION_NAMES) {
    files[COLLECTIONS[c].file] = stringify(data[c], { aliasDuplicateObjects: false });
  }
  return files;
}

describe("generateKnowledge", () => {
  const data = generateKnowledge({ ...SMALL, seed: 7 });

  it("makes the requested numbers of units, documents and tasks, and the other collections", () => {
    expect(data.units).toHaveLength(SMALL.units);
    expect(data.documents).toHaveLength(SMALL.documents);
    expect(data.tasks).toHaveLength(SMALL.tasks);
    for (const c of [
      "unitGroups",
      "bodies",
      "people",
      "themes",
      "meetings",
      "indicators",
      "targets",
    ] as const) {
      expect(data[c].length, c).toBeGreaterThan(0);
    }
  });

  it("passes every schema and reference check, with no warning", () => {
    expect(validateKnowledge(data)).toEqual([]);
  });

  it("loads through the real loader as YAML files, unchanged", () => {
    const { data: loaded, problems } = parseKnowledgeFiles(toFiles(data));
    expect(problems).toEqual([]);
    expect(loaded).toEqual(data);
  });

  it("is deterministic for a seed and differs for another seed", () => {
    expect(generateKnowledge({ ...SMALL, seed: 7 })).toEqual(data);
    const other = generateKnowledge({ ...SMALL, seed: 8 });
    expect(other.tasks.map((t) => t.title)).not.toEqual(data.tasks.map((t) => t.title));
  });

  it("labels every entry as generated data, never as a real source", () => {
    expect(data.sources).toEqual([
      expect.objectContaining({ id: GENERATED_SOURCE_ID, title: GENERATED_SOURCE_TITLE }),
    ]);
    for (const c of COLLECTION_NAMES) {
      if (c === "sources") continue;
      for (const e of data[c] as { sources: string[] }[]) expect(e.sources).toEqual([GENERATED_SOURCE_ID]);
    }
  });

  it("gives documents distinct, well-formed numbers", () => {
    const keys = data.documents.map((d) => docNumberKey(d.number));
    expect(keys.every((k) => k !== null)).toBe(true);
    const numbers = data.documents.map((d) => Number(/^\d+/.exec(d.number)?.[0]));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("writes deadlines in several forms, with due dates, recurrences and continuous work", () => {
    const texts = data.tasks.map((t) => t.deadline.text);
    expect(texts.some((t) => /^Quý [IV]+\/\d{4}$/.test(t))).toBe(true);
    expect(texts.some((t) => /^(?:Trước ngày )?\d{1,2}\/\d{1,2}\/\d{4}$/.test(t))).toBe(true);
    expect(data.tasks.some((t) => t.deadline.recurrence?.kind === "yearly")).toBe(true);
    expect(data.tasks.some((t) => t.deadline.continuous)).toBe(true);
    const quarter = data.tasks.find((t) => t.deadline.text === "Quý II/2024");
    if (quarter) expect(quarter.deadline.due).toBe("2024-06-30");
    expect(data.tasks.some((t) => data.unitGroups.some((g) => t.lead.includes(g.id)))).toBe(true);
  });

  it("lets the engine answer a generated unit's tasks by the unit's name", () => {
    const kb = new Knowledge(data);
    const engine = createAnswerEngine(kb);
    const unit = data.units.find((u) => u.name === "Sở Tài chính")!;
    expect(unit).toBeDefined();
    const own = data.tasks.filter((t) => t.lead.includes(unit.id));
    expect(own.length).toBeGreaterThan(0);
    const reply = engine.ask({ text: `Nhiệm vụ của ${unit.name}`, now: NOW });
    expect(reply.intent).toBe("tasks");
    expect(reply.abstained).toBe(false);
    const text = renderPlain(reply);
    expect(text).toContain(unit.name);
    expect(reply.items.some((i) => own.some((t) => t.id === i.id))).toBe(true);
  });
});

describe("benchmark questions", () => {
  const data = generateKnowledge({ ...SMALL, seed: 7 });

  it("are deterministic and name the base's units and documents", () => {
    const a = generateQuestions(data, { count: 200, seed: 1, now: NOW });
    expect(a).toHaveLength(200);
    expect(generateQuestions(data, { count: 200, seed: 1, now: NOW })).toEqual(a);
    const kinds = new Set(a.map((q) => q.kind));
    for (const k of ["tasks:unit", "document:short", "deadlines:window", "search:typo"])
      expect(kinds).toContain(k);
  });

  it("makes one typing slip in a long word", () => {
    const rng = new Rng(3);
    const t = typo("chuyen doi so", rng);
    expect(t).not.toBe("chuyen doi so");
    expect(t.endsWith(" doi so")).toBe(true);
  });
});
