import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { KnowledgeData } from "../../src/core/knowledge/schema.ts";
import { fixedClock } from "../../src/store/clock.ts";
import { type OpenStoreOptions, openStore, type Store } from "../../src/store/index.ts";

const dirs: string[] = [];
const stores: Store[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A fresh temp dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), "tro-ly-store-"));
  dirs.push(d);
  return d;
}

export function testClock(start = "2024-05-01T01:00:00.000Z") {
  return fixedClock(start);
}

/** Opens a store that is closed after the test (close() twice is harmless). */
export async function open(
  dataDir: string,
  opts: { readOnly?: boolean; clock?: ReturnType<typeof testClock> } & Omit<
    OpenStoreOptions,
    "dataDir" | "clock" | "readOnly"
  > = {},
) {
  const store = await openStore({
    ...opts,
    dataDir,
    clock: opts.clock ?? testClock(),
    readOnly: opts.readOnly ?? false,
  });
  stores.push(store);
  return store;
}

export function task(id: string, title = `Nhiệm vụ ${id}`) {
  return {
    id,
    title,
    lead: ["so-tttt"],
    deadline: { text: "Quý II/2023", due: "2023-06-30" },
    sources: ["kh-3609"],
    asOf: "2023-03-01",
  };
}

export function unit(id: string, name: string) {
  return { id, name, kind: "so" as const, sources: ["kh-3609"], asOf: "2023-03-01" };
}

export function baseKnowledge(): KnowledgeData {
  const u = (id: string, name: string) => ({ ...unit(id, name), aliases: [] });
  return {
    province: { name: "Ninh Thuận", assistantName: "Trợ lý CĐS" },
    holidays: [{ date: "2024-09-02", name: "Quốc khánh", sources: [] }],
    sources: [],
    units: [
      u("so-tttt", "Sở Thông tin và Truyền thông"),
      u("so-noi-vu", "Sở Nội vụ"),
      u("so-tc", "Sở Tài chính"),
    ],
    unitGroups: [],
    bodies: [],
    people: [],
    documents: [],
    themes: [],
    tasks: [],
    meetings: [],
    indicators: [],
    targets: [],
  };
}
