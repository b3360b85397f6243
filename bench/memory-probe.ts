/**
 * Memory of the answer engine in a fresh process (forked by bench/answers.ts): generate the knowledge,
 * build the engine once, answer the query mix twice, and report process.memoryUsage() after a full
 * garbage collection at each step. In-process figures of the benchmark also hold the shipped engine, the
 * repeated builds and their garbage; these are what one running assistant with that knowledge holds.
 *
 * bench/answers.ts runs it compiled (esbuild, plain node: as `npm start` runs the assistant) and through
 * tsx (as in development). Usage: memory-probe.ts <units> <documents> <tasks> <seed>
 * Prints one JSON line: { afterBuild, afterRun } (MemoryFigures).
 */
import { createAnswerEngine } from "../src/core/answers/engine.ts";
import { renderPlain } from "../src/core/answers/reply.ts";
import { Knowledge } from "../src/core/knowledge/model.ts";
import { gc } from "./gc.ts";
import { generateKnowledge } from "./generate-knowledge.ts";
import { generateQuestions } from "./questions.ts";

export interface ProbeMemory {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  maxRssMB: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function read(): ProbeMemory {
  gc();
  const m = process.memoryUsage();
  return {
    rssMB: mb(m.rss),
    heapUsedMB: mb(m.heapUsed),
    heapTotalMB: mb(m.heapTotal),
    maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  };
}

function main(): void {
  const [units, documents, tasks, seed] = process.argv.slice(2).map(Number);
  if (![units, documents, tasks, seed].every((n) => Number.isInteger(n))) {
    throw new Error("usage: memory-probe.ts <units> <documents> <tasks> <seed>");
  }
  const data = generateKnowledge({ units: units!, documents: documents!, tasks: tasks!, seed: seed! });
  const engine = createAnswerEngine(new Knowledge(data));
  const afterBuild = read();
  const now = new Date("2026-11-26T09:00:00+07:00");
  const questions = generateQuestions(data, { count: 400, seed: seed! + 1, now });
  for (let r = 0; r < 2; r++) for (const q of questions) renderPlain(engine.ask({ text: q.q, now: q.now }));
  const afterRun = read();
  process.stdout.write(`${JSON.stringify({ afterBuild, afterRun })}\n`);
}

main();
