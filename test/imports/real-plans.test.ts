/**
 * Plans as the secretariat receives them, written by an office suite (LibreOffice), read as their
 * expected.json says: the plan document from the file, one task per task row, group rows as groups,
 * merged cells applying to every row they cover, abbreviations and full names as one unit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import type { Knowledge } from "../../src/core/knowledge/model.ts";
import type { Task } from "../../src/core/knowledge/schema.ts";
import { agencyKey } from "../../src/core/text/agency-names.ts";
import { fold } from "../../src/core/text/normalize.ts";
import { buildPreview, type ImportPreview } from "../../src/imports/preview.ts";
import { readTables } from "../../src/imports/read-table.ts";

const DIR = path.resolve("test/fixtures/plans");

interface ExpectedTask {
  tt: string;
  group: string | null;
  title: string;
  leadUnits: string[];
  supportUnits: string[];
  deadlineText: string;
  dueDate: string | null;
  product?: string;
}
interface Expected {
  document: { number: string; date: string; issuer: string; title: string };
  counts: { tasks: number; groups: number };
  tasks: ExpectedTask[];
}

let kb: Knowledge;
beforeAll(() => {
  kb = loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
});

async function previewFixture(file: string, knowledge = kb): Promise<ImportPreview> {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, file)));
  const tables = await readTables({ name: file, bytes });
  return buildPreview(
    knowledge,
    tables,
    { name: file, bytes },
    { createUnits: true },
    new Date("2026-12-06T02:00:00Z"),
  );
}

/** Unit ids → names, the units the import would create included. */
function namer(p: ImportPreview): (ids: string[]) => string[] {
  const created = new Map(
    p.unmatchedUnits.flatMap((u) => (u.unit ? [[u.unit.id, u.unit.name] as const] : [])),
  );
  return (ids) => ids.map((id) => created.get(id) ?? kb.unit(id)?.name ?? kb.group(id)?.name ?? `?${id}`);
}

const norm = (s: string) => fold(s).replace(/\s+/g, " ").trim();
const unitKeys = (names: string[]) => names.map((n) => agencyKey(n));

const PLANS: [file: string, expected: string][] = [
  ["ke-hoach-45-2025.docx", "ke-hoach-45-2025.expected.json"],
  ["ke-hoach-45-2025.xlsx", "ke-hoach-45-2025.expected.json"],
  ["ke-hoach-12-2024.xlsx", "ke-hoach-12-2024.expected.json"],
  ["ke-hoach-12-2024.csv", "ke-hoach-12-2024.expected.json"],
  ["ke-hoach-78-2024.docx", "ke-hoach-78-2024.expected.json"],
  ["ke-hoach-78-2024-split.docx", "ke-hoach-78-2024-split.expected.json"],
  ["nfd-and-dashes.xlsx", "nfd-and-dashes.expected.json"],
];

describe.each(PLANS)("%s", (file, expectedFile) => {
  const expected = JSON.parse(readFileSync(path.join(DIR, expectedFile), "utf8")) as Expected;
  let p: ImportPreview;
  let tasks: Task[];
  beforeAll(async () => {
    p = await previewFixture(file);
    tasks = p.added.map((a) => a.task);
  });

  it("reads the plan document from the file", () => {
    if (!expected.document?.number) return;
    expect(p.document).toMatchObject({
      number: expected.document.number,
      date: expected.document.date,
    });
    expect(agencyKey(p.document!.issuer)).toBe(agencyKey(expected.document.issuer));
  });

  it("reads every task row and no group row as a task, with no warning on a valid row", () => {
    expect(p.problems).toEqual([]);
    expect(tasks.map((t) => norm(t.title))).toEqual(expected.tasks.map((t) => norm(t.title)));
    expect(tasks).toHaveLength(expected.counts.tasks);
    expect(p.groups).toHaveLength(expected.counts.groups);
  });

  it("gives each task its group, lead and coordinating units, deadline and product", () => {
    const names = namer(p);
    const got = tasks.map((t) => ({
      group: t.group ? norm(t.group) : null,
      lead: unitKeys(names(t.lead)),
      support: unitKeys(names(t.support)),
      deadline: norm(t.deadline.text),
      due: t.deadline.due ?? null,
      product: t.product ? norm(t.product) : null,
    }));
    const want = expected.tasks.map((t) => ({
      group: t.group ? norm(t.group) : null,
      lead: unitKeys(t.leadUnits),
      support: unitKeys(t.supportUnits),
      deadline: norm(t.deadlineText),
      due: t.dueDate,
      product: t.product ? norm(t.product) : null,
    }));
    expect(got).toEqual(want);
  });
});
