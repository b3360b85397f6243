/**
 * `npm run bench`: the answer-engine benchmark (bench/answers.ts), then the reminders benchmark when
 * bench/reminders.ts exists and exports `benchReminders`, the import benchmark (bench/imports.ts:
 * a 10,000-task plan as .xlsx and .docx, preview and apply), the store benchmark (bench/store.ts: one
 * reminder-log write and one audit append at 0, 10,000 and 100,000 existing entries, open and
 * compaction times), then a summary of the figures against the targets. Figures are printed, never
 * asserted: the exit code is 0 unless a benchmark crashes.
 *
 * `benchReminders()` may return `{ summary: SummaryRow[] }` to add its figures to the summary.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type AnswerBenchResult, benchAnswers } from "./answers.ts";
import { benchImports } from "./imports.ts";
import { benchStore } from "./store.ts";

export interface SummaryRow {
  label: string;
  value: number;
  unit: string;
  /** The figure must be at most this. */
  target: number;
}

export const TARGETS = {
  p95Ms: 20,
  buildMs: 1000,
  rssMB: 200,
} as const;

export function answerSummary(r: AnswerBenchResult): SummaryRow[] {
  const g = r.generated;
  const s = r.shipped;
  const peak = Math.max(g.memory.afterRun.maxRssMB, s.memory.afterRun.maxRssMB);
  const rows: SummaryRow[] = [
    {
      label: `p95 answer latency, ${g.counts.tasks} tasks`,
      value: g.latency.p95,
      unit: "ms",
      target: TARGETS.p95Ms,
    },
    {
      label: "p95 answer latency, shipped knowledge",
      value: s.latency.p95,
      unit: "ms",
      target: TARGETS.p95Ms,
    },
    {
      label: `index build, ${g.counts.tasks} tasks (median of 5)`,
      value: g.buildMs,
      unit: "ms",
      target: TARGETS.buildMs,
    },
    {
      label: `index build + fuzzy vocabulary, ${g.counts.tasks} tasks`,
      value: Math.round((g.buildMs + g.breakdown.fuzzyVocabularyMs) * 100) / 100,
      unit: "ms",
      target: TARGETS.buildMs,
    },
    { label: "index build, shipped knowledge", value: s.buildMs, unit: "ms", target: TARGETS.buildMs },
  ];
  const iso = r.isolatedMemory;
  if (iso) {
    rows.push(
      {
        label: `resident memory, ${g.counts.tasks} tasks, fresh compiled process, after run`,
        value: iso.afterRun.rssMB,
        unit: "MB",
        target: TARGETS.rssMB,
      },
      {
        label: `peak resident memory, ${g.counts.tasks} tasks, fresh compiled process`,
        value: iso.afterRun.maxRssMB,
        unit: "MB",
        target: TARGETS.rssMB,
      },
    );
    // (The same probe loaded through tsx, as in development: tsx's loader adds about 30 MB.)
    if (iso.underTsx)
      rows.push({
        label: `peak resident memory, ${g.counts.tasks} tasks, fresh process under tsx (development)`,
        value: iso.underTsx.afterRun.maxRssMB,
        unit: "MB",
        target: TARGETS.rssMB,
      });
  }
  rows.push(
    {
      label: `resident memory after ${g.counts.tasks}-task run (whole bench)`,
      value: g.memory.afterRun.rssMB,
      unit: "MB",
      target: TARGETS.rssMB,
    },
    { label: "peak resident memory (whole bench)", value: peak, unit: "MB", target: TARGETS.rssMB },
  );
  return rows;
}

export function formatSummary(rows: SummaryRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.label.length));
  const out = ["Summary (targets on this machine; figures are not asserted)"];
  for (const r of rows) {
    const verdict = r.value <= r.target ? "PASS" : "ABOVE TARGET";
    const value = `${r.value} ${r.unit}`.padStart(11);
    out.push(`  ${r.label.padEnd(width)}  ${value}  (target ≤ ${r.target} ${r.unit})  ${verdict}`);
  }
  return out;
}

function isSummaryRow(x: unknown): x is SummaryRow {
  const r = x as SummaryRow;
  return (
    !!r &&
    typeof r.label === "string" &&
    typeof r.value === "number" &&
    typeof r.unit === "string" &&
    typeof r.target === "number"
  );
}

/** Runs bench/reminders.ts's `benchReminders` when it exists; its summary rows, if it gives any. */
async function runReminders(): Promise<SummaryRow[]> {
  const url = new URL("./reminders.ts", import.meta.url);
  if (!existsSync(fileURLToPath(url))) return [];
  const mod: { benchReminders?: unknown } = await import(url.href);
  if (typeof mod.benchReminders !== "function") return [];
  process.stdout.write("\n");
  const res: unknown = await (mod.benchReminders as () => unknown)();
  const rows = (res as { summary?: unknown } | undefined)?.summary;
  return Array.isArray(rows) ? rows.filter(isSummaryRow) : [];
}

async function main(): Promise<void> {
  process.stdout.write(`Node ${process.version}, ${process.platform}/${process.arch}\n\n`);
  const answers = await benchAnswers();
  const reminderRows = await runReminders();
  process.stdout.write("\n");
  const imports = await benchImports();
  process.stdout.write("\n");
  const store = await benchStore();
  process.stdout.write(
    `\n${formatSummary([...answerSummary(answers), ...reminderRows, ...imports.summary, ...store.summary]).join("\n")}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
