/**
 * Answer-engine benchmark, in-process: for the shipped knowledge/ and for a generated base (500 units,
 * 2,000 documents, 10,000 tasks by default), the build time of `createAnswerEngine(new Knowledge(data))`
 * (median of 5), then the latency of `engine.ask` + `renderPlain` over a query mix (the evaluation
 * questions plus generated ones) after a warm-up round, and the process memory after building and after
 * the run. Prints a compact table and returns the figures; asserts nothing.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { DEFAULT_NOW, KNOWLEDGE_DIR, loadQuestions } from "../eval/run.ts";
import { createAnswerEngine } from "../src/core/answers/engine.ts";
import { renderPlain } from "../src/core/answers/reply.ts";
import {
  formatProblem,
  hasErrors,
  parseKnowledgeFiles,
  readKnowledgeDir,
} from "../src/core/knowledge/load.ts";
import { Knowledge } from "../src/core/knowledge/model.ts";
import type { KnowledgeData } from "../src/core/knowledge/schema.ts";
import { buildSearchIndex } from "../src/core/search/search-index.ts";
import { generateKnowledge, validateKnowledge } from "./generate-knowledge.ts";
import { type BenchQuestion, generateQuestions } from "./questions.ts";

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export interface MemoryFigures {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  /** Peak resident set size of the process so far. */
  maxRssMB: number;
}

export interface BaseFigures {
  name: string;
  counts: { units: number; documents: number; tasks: number };
  /** createAnswerEngine(new Knowledge(data)), median of 5 builds. */
  buildMs: number;
  buildRunsMs: number[];
  /** Medians of the parts: the Knowledge lookups, the BM25 index alone, and the fuzzy vocabulary that the
   * first query with an unknown word builds (lazily, outside buildMs). */
  breakdown: { knowledgeMs: number; searchIndexMs: number; fuzzyVocabularyMs: number };
  latency: Latency;
  byKind: Record<string, Latency>;
  slowest: { q: string; kind: string; intent: string; ms: number }[];
  /** Timed queries slower than the latency target, by kind. */
  aboveTarget: { count: number; byKind: Record<string, number> };
  memory: { afterBuild: MemoryFigures; afterRun: MemoryFigures };
}

export interface AnswerBenchResult {
  generation: { ms: number; validateMs: number; errors: number; warnings: number };
  /**
   * The generated base in a fresh process (bench/memory-probe.ts): one build, the query mix twice. The
   * probe is compiled first and run by plain node, as `npm start` runs the assistant (and as
   * bench/store.ts measures the edits); `underTsx` is the same probe loaded through tsx, as in
   * development (tsx's loader thread and compiled sources add about 30 MB).
   */
  isolatedMemory?: { afterBuild: MemoryFigures; afterRun: MemoryFigures; underTsx?: ProbeFigures };
  shipped: BaseFigures;
  generated: BaseFigures;
}

export interface BenchAnswersOptions {
  /** Where the table goes (default: stdout). */
  out?: (line: string) => void;
  /** Timed rounds over the query mix (default 2). */
  rounds?: number;
  size?: { units: number; documents: number; tasks: number };
  seed?: number;
  /** Generated questions added to the evaluation questions, per base (default 400). */
  generatedQuestions?: number;
}

const BUILDS = 5;
/** The p95 target of issue 3: queries slower than this are counted by kind. */
export const LATENCY_TARGET_MS = 20;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function latencyOf(times: number[]): Latency {
  const s = [...times].sort((a, b) => a - b);
  return {
    count: s.length,
    p50: r2(percentile(s, 50)),
    p95: r2(percentile(s, 95)),
    max: r2(s.at(-1) ?? 0),
    mean: r2(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return r2(s[Math.floor(s.length / 2)] ?? 0);
}

/** A full garbage collection before reading memory, so figures show what is live, not garbage. */
const collect: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return () => {};
  }
})();

function memory(): MemoryFigures {
  collect();
  const m = process.memoryUsage();
  return {
    rssMB: mb(m.rss),
    heapUsedMB: mb(m.heapUsed),
    heapTotalMB: mb(m.heapTotal),
    maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  };
}

function readShipped(): KnowledgeData {
  const { data, problems } = parseKnowledgeFiles(readKnowledgeDir(KNOWLEDGE_DIR));
  if (hasErrors(problems)) {
    throw new Error(
      `knowledge/ has errors:\n${problems
        .filter((p) => p.severity === "error")
        .map(formatProblem)
        .join("\n")}`,
    );
  }
  return data;
}

/** The evaluation questions as benchmark questions (kind "eval:<category>"). */
export function evalQuestions(): BenchQuestion[] {
  return loadQuestions().map((q) => {
    const b: BenchQuestion = {
      q: q.repeat ? q.q.repeat(q.repeat) : q.q,
      kind: `eval:${q.category}`,
      now: new Date(q.now ?? DEFAULT_NOW),
    };
    if (q.unit) b.unitId = q.unit;
    return b;
  });
}

/** A word no index holds, to make the engine build (then use) its fuzzy vocabulary. */
const UNKNOWN_WORD = "xqzvktrw";

export function measureBase(
  name: string,
  data: KnowledgeData,
  questions: BenchQuestion[],
  rounds: number,
): BaseFigures {
  const builds: number[] = [];
  const knowledgeTimes: number[] = [];
  const fuzzyTimes: number[] = [];
  let engine = createAnswerEngine(new Knowledge(data));
  for (let i = 0; i < BUILDS; i++) {
    const t0 = performance.now();
    const kb = new Knowledge(data);
    const t1 = performance.now();
    engine = createAnswerEngine(kb);
    const t2 = performance.now();
    builds.push(t2 - t0);
    knowledgeTimes.push(t1 - t0);
    // First unknown word: builds the fuse.js vocabulary and searches it; the second only searches.
    const f0 = performance.now();
    engine.lexicon.index.expandQuery(UNKNOWN_WORD);
    const f1 = performance.now();
    engine.lexicon.index.expandQuery(UNKNOWN_WORD);
    const f2 = performance.now();
    fuzzyTimes.push(Math.max(0, f1 - f0 - (f2 - f1)));
  }
  const indexTimes: number[] = [];
  const kb = engine.kb;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    buildSearchIndex(kb);
    indexTimes.push(performance.now() - t0);
  }
  const afterBuild = memory();

  const ask = (q: BenchQuestion) =>
    engine.ask({ text: q.q, now: q.now, ...(q.unitId ? { asker: { unitId: q.unitId } } : {}) });
  for (const q of questions) renderPlain(ask(q)); // warm-up

  const times: number[] = [];
  const byKind = new Map<string, number[]>();
  const slow: { q: string; kind: string; intent: string; ms: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      const reply = ask(q);
      renderPlain(reply);
      const ms = performance.now() - t0;
      times.push(ms);
      const list = byKind.get(q.kind) ?? [];
      list.push(ms);
      byKind.set(q.kind, list);
      slow.push({
        q: q.q.length > 80 ? `${q.q.slice(0, 77)}…` : q.q,
        kind: q.kind,
        intent: reply.intent,
        ms: r2(ms),
      });
    }
  }
  slow.sort((a, b) => b.ms - a.ms);
  const above: Record<string, number> = {};
  for (const s of slow) if (s.ms > LATENCY_TARGET_MS) above[s.kind] = (above[s.kind] ?? 0) + 1;
  return {
    name,
    counts: { units: data.units.length, documents: data.documents.length, tasks: data.tasks.length },
    buildMs: median(builds),
    buildRunsMs: builds.map(r2),
    breakdown: {
      knowledgeMs: median(knowledgeTimes),
      searchIndexMs: median(indexTimes),
      fuzzyVocabularyMs: median(fuzzyTimes),
    },
    latency: latencyOf(times),
    byKind: Object.fromEntries(
      [...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, latencyOf(v)]),
    ),
    aboveTarget: {
      count: Object.values(above).reduce((a, b) => a + b, 0),
      byKind: Object.fromEntries(Object.entries(above).sort((a, b) => b[1] - a[1])),
    },
    slowest: slow.filter((s, i) => slow.findIndex((x) => x.q === s.q) === i).slice(0, 5),
    memory: { afterBuild, afterRun: memory() },
  };
}

function pad(s: string | number, n: number, left = false): string {
  const t = String(s);
  return left ? t.padEnd(n) : t.padStart(n);
}

export function formatBases(bases: BaseFigures[], rounds: number): string[] {
  const out: string[] = [];
  out.push(`Answer engine (in-process: engine.ask + renderPlain; warm-up, then ${rounds} timed rounds)`);
  out.push(
    `${pad("knowledge", 10, true)} ${pad("units", 6)} ${pad("docs", 6)} ${pad("tasks", 6)} │ ${pad("build ms", 9)} ${pad("kb", 6)} ${pad("index", 7)} ${pad("fuzzy", 6)} │ ${pad("queries", 7)} ${pad("p50", 6)} ${pad("p95", 6)} ${pad("max", 7)} │ ${pad("RSS MB build/run/peak", 21)} ${pad("heap MB", 8)}`,
  );
  for (const b of bases) {
    const m = b.memory;
    out.push(
      `${pad(b.name, 10, true)} ${pad(b.counts.units, 6)} ${pad(b.counts.documents, 6)} ${pad(b.counts.tasks, 6)} │ ${pad(b.buildMs, 9)} ${pad(b.breakdown.knowledgeMs, 6)} ${pad(b.breakdown.searchIndexMs, 7)} ${pad(b.breakdown.fuzzyVocabularyMs, 6)} │ ${pad(b.latency.count, 7)} ${pad(b.latency.p50, 6)} ${pad(b.latency.p95, 6)} ${pad(b.latency.max, 7)} │ ${pad(`${m.afterBuild.rssMB}/${m.afterRun.rssMB}/${m.afterRun.maxRssMB}`, 21)} ${pad(m.afterRun.heapUsedMB, 8)}`,
    );
  }
  out.push("  build ms = createAnswerEngine(new Knowledge(data)), median of 5; kb = the Knowledge lookups;");
  out.push(
    "  index = buildSearchIndex alone; fuzzy = fuse.js vocabulary built lazily by the first unknown word.",
  );
  for (const b of bases) {
    out.push("");
    out.push(`Latency by kind, ${b.name} (ms)`);
    out.push(
      `  ${pad("kind", 22, true)} ${pad("n", 5)} ${pad("p50", 7)} ${pad("p95", 7)} ${pad("max", 7)} ${pad("mean", 7)}`,
    );
    for (const [k, l] of Object.entries(b.byKind)) {
      out.push(
        `  ${pad(k, 22, true)} ${pad(l.count, 5)} ${pad(l.p50, 7)} ${pad(l.p95, 7)} ${pad(l.max, 7)} ${pad(l.mean, 7)}`,
      );
    }
    const a = b.aboveTarget;
    const kinds = Object.entries(a.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    out.push(
      `  above ${LATENCY_TARGET_MS} ms: ${a.count} of ${b.latency.count}${a.count ? ` (${kinds})` : ""}`,
    );
    out.push(
      `  slowest: ${b.slowest.map((s) => `${s.ms} ms [${s.kind} → ${s.intent}] ${JSON.stringify(s.q)}`).join("\n           ")}`,
    );
  }
  return out;
}

type ProbeFigures = { afterBuild: MemoryFigures; afterRun: MemoryFigures };

/**
 * Runs bench/memory-probe.ts in fresh processes: compiled (esbuild, then plain node, as `npm start` runs
 * the assistant) for the figures, and through tsx (this process's flags) for `underTsx`. Undefined when
 * the compiled probe does not run.
 */
export async function probeMemory(
  size: { units: number; documents: number; tasks: number },
  seed: number,
): Promise<AnswerBenchResult["isolatedMemory"]> {
  const probe = fileURLToPath(new URL("./memory-probe.ts", import.meta.url));
  const probeArgs = [size.units, size.documents, size.tasks, seed].map(String);
  const run = async (args: string[]): Promise<ProbeFigures | undefined> => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, args, {
        timeout: 120_000,
        cwd: fileURLToPath(new URL("..", import.meta.url)),
      });
      return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
    } catch {
      return undefined;
    }
  };
  const compiled = fileURLToPath(new URL(`./.memory-probe-${process.pid}.mjs`, import.meta.url));
  try {
    await build({
      entryPoints: [probe],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outfile: compiled,
      logLevel: "silent",
    });
    const figures = await run([compiled, ...probeArgs]);
    if (!figures) return undefined;
    const underTsx = await run([...process.execArgv, probe, ...probeArgs]);
    return underTsx ? { ...figures, underTsx } : figures;
  } catch {
    return undefined;
  } finally {
    await rm(compiled, { force: true });
  }
}

export async function benchAnswers(opts: BenchAnswersOptions = {}): Promise<AnswerBenchResult> {
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const rounds = opts.rounds ?? 2;
  const size = opts.size ?? { units: 500, documents: 2000, tasks: 10_000 };
  const seed = opts.seed ?? 20_250_101;
  const nGenerated = opts.generatedQuestions ?? 400;
  const now = new Date(DEFAULT_NOW);
  const evalQs = evalQuestions();

  const shippedData = readShipped();
  const shipped = measureBase(
    "shipped",
    shippedData,
    [...evalQs, ...generateQuestions(shippedData, { count: nGenerated, seed, now })],
    rounds,
  );

  const g0 = performance.now();
  const data = generateKnowledge({ ...size, seed });
  const g1 = performance.now();
  const problems = validateKnowledge(data);
  const g2 = performance.now();
  const generation = {
    ms: r2(g1 - g0),
    validateMs: r2(g2 - g1),
    errors: problems.filter((p) => p.severity === "error").length,
    warnings: problems.filter((p) => p.severity === "warning").length,
  };
  out(
    `Generated knowledge (seed ${seed}): ${size.units} units, ${size.documents} documents, ${size.tasks} tasks in ${generation.ms} ms; ` +
      `schemas + references checked in ${generation.validateMs} ms: ${generation.errors} errors, ${generation.warnings} warnings`,
  );
  for (const p of problems.slice(0, 5)) out(`  ${formatProblem(p)}`);
  const generated = measureBase(
    "generated",
    data,
    [...evalQs, ...generateQuestions(data, { count: nGenerated, seed: seed + 1, now })],
    rounds,
  );
  const isolatedMemory = await probeMemory(size, seed);
  out("");
  for (const line of formatBases([shipped, generated], rounds)) out(line);
  out("");
  if (isolatedMemory) {
    const { afterBuild: b, afterRun: r, underTsx: t } = isolatedMemory;
    out(
      `Memory of the generated base in a fresh compiled process (one build, the generated mix twice): ` +
        `RSS ${b.rssMB} MB after build, ${r.rssMB} MB after the run, peak ${r.maxRssMB} MB; heap used ${b.heapUsedMB} → ${r.heapUsedMB} MB`,
    );
    if (t)
      out(
        `  the same probe through tsx (development): RSS ${t.afterBuild.rssMB} MB after build, ${t.afterRun.rssMB} MB after the run, peak ${t.afterRun.maxRssMB} MB`,
      );
  } else {
    out("Memory in a fresh process: the probe (bench/memory-probe.ts) did not run.");
  }
  const result: AnswerBenchResult = { generation, shipped, generated };
  if (isolatedMemory) result.isolatedMemory = isolatedMemory;
  return result;
}
