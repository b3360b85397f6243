/**
 * Memory of the assistant when the secretariat's edits hold a whole generated plan: a fresh process
 * (forked by bench/store.ts `probeEditsMemory`, or run alone) opens a data dir whose overlay holds a
 * generated knowledge of `tasks` tasks, 2,000 documents and 500 units (written by `prepare` through the
 * store, as imports with new units leave it), builds the knowledge and the answer engine from the
 * shipped knowledge/ folder with the overlay applied (what `createApp` does), then commits a few task
 * edits and rebuilds after each (what a chat edit does). It prints process.memoryUsage() after a full garbage collection at each
 * step, so the figures show what is live: the store's copy of the overlay, the knowledge and the index.
 *
 * Usage: edits-memory-probe.ts prepare <dataDir> <tasks>   (writes the data dir; prints nothing)
 *        edits-memory-probe.ts measure <dataDir> <tasks>   (prints one JSON line: EditsMemoryFigures)
 */

import { applyEditsThatLoad, readShippedKnowledge } from "../src/app/knowledge.ts";
import { createAnswerEngine } from "../src/core/answers/engine.ts";
import { Knowledge } from "../src/core/knowledge/model.ts";
import { COLLECTION_NAMES, type KnowledgeData } from "../src/core/knowledge/schema.ts";
import { openStore } from "../src/store/index.ts";
import { gc } from "./gc.ts";
import { generateKnowledge } from "./generate-knowledge.ts";

export interface MemoryStep {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  ms: number;
}

export interface EditsMemoryFigures {
  tasks: number;
  /** The generated shipped part built in memory, before the store is opened (the baseline). */
  start: MemoryStep;
  /** openStore (the overlay read, validated, the journal replayed). */
  afterOpen: MemoryStep;
  /** The knowledge and the answer engine built with the overlay applied (as at start). */
  afterBuild: MemoryStep;
  /** Five task edits committed, the knowledge rebuilt after each (as chat edits do). */
  afterEdits: MemoryStep;
  maxRssMB: number;
}

const AT = "2025-06-23T01:00:00.000Z";
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const generated = (tasks: number) => generateKnowledge({ units: 500, documents: 2000, tasks, seed: 42 });

/** Every generated entry in the overlay (units, documents, sources… and the tasks), as imports with new units leave it. */
async function prepare(dataDir: string, tasks: number): Promise<void> {
  const data = generated(tasks);
  const store = await openStore({ dataDir, clock: { now: () => new Date(AT) } });
  try {
    await store.commitChange({ actor: { kind: "cli" }, action: "import.tasks" }, (tx) => {
      for (const c of COLLECTION_NAMES) for (const e of data[c] as { id: string }[]) tx.upsert(c, e as never);
    });
  } finally {
    await store.close();
  }
}

async function measure(dataDir: string, tasks: number): Promise<EditsMemoryFigures> {
  // The knowledge/ folder as shipped: what the assistant starts from; everything generated is in the edits.
  const shipped = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
  const build = (d: KnowledgeData) => {
    const kb = new Knowledge(d);
    return { kb, engine: createAnswerEngine(kb) };
  };
  let t = performance.now();
  const step = (): MemoryStep => {
    const ms = Math.round(performance.now() - t);
    gc();
    const m = process.memoryUsage();
    const out = {
      rssMB: mb(m.rss),
      heapUsedMB: mb(m.heapUsed),
      heapTotalMB: mb(m.heapTotal),
      externalMB: mb(m.external),
      ms,
    };
    t = performance.now();
    return out;
  };
  const start = step();
  const store = await openStore({ dataDir, clock: { now: () => new Date(AT) } });
  try {
    const afterOpen = step();
    let built = applyEditsThatLoad(shipped, store.edits.sharedOverlay(), build).built;
    const afterBuild = step();
    const ids = Object.keys(store.edits.overlay().collections.tasks ?? {});
    for (let i = 0; i < 5; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const current = store.edits.get("tasks", id)!;
      await store.commitChange({ actor: { kind: "cli" }, action: "task.update" }, (tx) => {
        tx.upsert("tasks", { ...current, title: `${current.title} (sửa lần ${i})` });
      });
      built = applyEditsThatLoad(shipped, store.edits.sharedOverlay(), build).built;
    }
    const afterEdits = step();
    if (!built.kb) throw new Error("no knowledge");
    return {
      tasks,
      start,
      afterOpen,
      afterBuild,
      afterEdits,
      maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const [mode, dataDir, n] = process.argv.slice(2);
  const tasks = Number(n);
  if (!dataDir || !Number.isInteger(tasks) || (mode !== "prepare" && mode !== "measure")) {
    throw new Error("usage: edits-memory-probe.ts prepare|measure <dataDir> <tasks>");
  }
  if (mode === "prepare") await prepare(dataDir, tasks);
  else process.stdout.write(`${JSON.stringify(await measure(dataDir, tasks))}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
