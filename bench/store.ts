/**
 * Store benchmark (called by bench/run.ts through `benchStore`, or run alone: `npx tsx bench/store.ts`).
 * All data is GENERATED here.
 *
 * For 0, 10,000 and 100,000 existing entries in the reminder log and in the audit log (written in the
 * data dir as the previous version left them, reminders.json and audit.json, so the first open also
 * measures the one-time conversion to reminders.jsonl and audit.jsonl):
 * - the cost of recording one reminder (the notifier's "pending" then "sent" writes, each one
 *   `applyBatch` with one change, fsynced), p50 / p95 / max of each write, and of the pair;
 * - the cost of one audit append (`audit.record`), p50 / p95 / max;
 * - the open time of the store (rebuilding the in-memory view from the files): the first open (with
 *   the conversion) and a reopen;
 * - the compaction time of the reminder log (the live view written to a new file, swapped in).
 * A full garbage collection runs before each measured phase (the generated data is large). The sizes
 * run in the machine's temp dir (`os.tmpdir()`, named in the output: on a disk every write includes the
 * device's fsync latency), then 0 and 100,000 again on /dev/shm when it exists (tmpfs: fsync is nearly
 * free, so what is left is the store's own cost).
 *
 * Then an edit of one task committed (`commitChange`: one line appended to the overlay's journal with
 * its audit entry, then the audit append) when the overlay already holds 10,000 generated tasks (an
 * imported plan); the knowledge rebuild that follows in the app is not included. Then the reopen with
 * those edits in the journal (as after a crash), the compaction, the reopen after it, and the memory
 * of a fresh compiled process whose overlay holds the generated knowledge (`probeEditsMemory`).
 *
 * `prefillReminderLog` writes a reminder log of n entries directly (bench/reminders.ts runs its fan-out
 * on a log of 100,000 entries with it).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { openStore } from "../src/store/index.ts";
import { line } from "../src/store/jsonl.ts";
import { REMINDER_LOG_FORMAT, REMINDERS_FILE } from "../src/store/reminder-log.ts";
import type { EditsMemoryFigures } from "./edits-memory-probe.ts";
import { gc } from "./gc.ts";
import { generateKnowledge } from "./generate-knowledge.ts";
import type { SummaryRow } from "./run.ts";

export const STORE_TARGETS = { writeP95Ms: 5, openMs: 5000, editMs: 200 } as const;

const SIZES = [0, 10_000, 100_000];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export interface Timing {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { count: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s.at(-1) ?? 0) };
}

const AT = "2025-06-23T01:00:00.000Z";

/** The generated reminder-log entries ("sent"), keyed; one answer per 10 entries. */
function* generatedReminders(n: number) {
  for (let i = 0; i < n; i++) {
    const taskId = `nv-sinh-${Math.floor(i / 4)}`;
    const recipientId = `telegram:${100_000 + (i % 500)}`;
    const offset = [7, 3, 1, 0][i % 4]!;
    const occurrence = "2025-06-30";
    yield {
      taskId,
      occurrence,
      recipientId,
      offset,
      state: "sent" as const,
      attempts: 1,
      createdAt: AT,
      updatedAt: AT,
      sentAt: AT,
      messageId: String(1000 + i),
    };
  }
}

/**
 * A data dir whose reminder log (reminders.jsonl) already holds `n` sent reminders, written directly
 * in the log's format (header, one entry a line). The store opens it like any other.
 */
export async function prefillReminderLog(dataDir: string, n: number): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const lines = [line({ t: "header", format: REMINDER_LOG_FORMAT, version: 1, createdAt: AT })];
  for (const e of generatedReminders(n)) lines.push(line({ t: "entries", entries: [e] }));
  await writeFile(path.join(dataDir, REMINDERS_FILE), lines.join(""));
}

/** `n` reminder-log entries ("sent"), one answer per 10 entries, as reminders.json of the previous version. */
function legacyReminders(n: number): unknown {
  const entries: Record<string, unknown> = {};
  const responses: unknown[] = [];
  let i = 0;
  for (const e of generatedReminders(n)) {
    entries[`${e.taskId}|${e.occurrence}|${e.recipientId}|${e.offset}`] = e;
    if (i % 10 === 0) {
      responses.push({
        id: `a${responses.length + 1}`,
        taskId: e.taskId,
        occurrence: e.occurrence,
        kind: "in-progress",
        userId: e.recipientId,
        unitId: `dv-sinh-${i % 500}`,
        name: `Thủ trưởng đơn vị sinh tự động ${i % 500}`,
        at: AT,
      });
    }
    i++;
  }
  return { version: 1, entries, responses, responseSeq: responses.length, escalations: {}, digests: {} };
}

/** `n` audit entries (links, sends, and one task edit with before/after in ten), as audit.json. */
function legacyAudit(n: number): unknown {
  const entries: unknown[] = [];
  for (let i = 1; i <= n; i++) {
    const base = { id: String(i), at: AT, actor: { kind: "telegram", id: "telegram:42", name: "Chị Lan" } };
    if (i % 10 === 0) {
      const t = (title: string) => ({
        id: `nv-sinh-${i}`,
        title,
        lead: ["dv-sinh-1"],
        support: [],
        deadline: { text: "30/6/2025", due: "2025-06-30" },
        progress: {},
        sources: ["nguon-sinh"],
        asOf: "2025-01-01",
      });
      entries.push({
        ...base,
        action: "task.edit",
        collection: "tasks",
        entityId: `nv-sinh-${i}`,
        changes: [
          {
            collection: "tasks",
            id: `nv-sinh-${i}`,
            before: t("Nhiệm vụ sinh tự động"),
            after: t("Nhiệm vụ sinh tự động (đã sửa)"),
          },
        ],
      });
    } else {
      entries.push({
        ...base,
        action: "user.link",
        collection: "users",
        entityId: `telegram:${i}`,
        after: { unitId: "dv-sinh-1", role: "head" },
      });
    }
  }
  return { version: 1, entries };
}

async function timed<R>(fn: () => Promise<R>): Promise<[R, number]> {
  const s = performance.now();
  const r = await fn();
  return [r, performance.now() - s];
}

/** Samples until `max` of them or `budgetMs` spent, at least `min`. */
async function sample(fn: (i: number) => Promise<void>, min = 5, max = 200, budgetMs = 5000) {
  const out: number[] = [];
  const start = performance.now();
  for (let i = 0; i < max; i++) {
    if (i >= min && performance.now() - start > budgetMs) break;
    const s = performance.now();
    await fn(i);
    out.push(performance.now() - s);
  }
  return out;
}

export interface StoreBenchSize {
  existing: number;
  /** Bytes of the reminder log and the audit log on disk after the first open. */
  reminderBytes: number;
  auditBytes: number;
  firstOpenMs: number;
  reopenMs: number;
  pending: Timing;
  sent: Timing;
  /** "pending" + "sent": recording one reminder. */
  reminder: Timing;
  audit: Timing;
  compactMs: number;
}

async function fileBytes(dir: string, names: string[]): Promise<number> {
  for (const n of names) {
    const s = await stat(path.join(dir, n)).catch(() => undefined);
    if (s) return s.size;
  }
  return 0;
}

async function benchSize(existing: number, base: string): Promise<StoreBenchSize> {
  const dir = await mkdtemp(path.join(base, "tro-ly-bench-store-"));
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "reminders.json"), JSON.stringify(legacyReminders(existing)));
    await writeFile(path.join(dir, "audit.json"), JSON.stringify(legacyAudit(existing)));
    const clock = { now: () => new Date(AT) };
    gc();
    const [first, firstOpenMs] = await timed(() => openStore({ dataDir: dir, clock }));
    await first.close();
    const reminderBytes = await fileBytes(dir, ["reminders.jsonl", "reminders.json"]);
    const auditBytes = await fileBytes(dir, ["audit.jsonl", "audit.json"]);
    gc();
    const [store, reopenMs] = await timed(() => openStore({ dataDir: dir, clock }));
    try {
      const parts = (i: number) => ({
        taskId: `nv-bench-${i}`,
        occurrence: "2025-06-30",
        recipientId: "telegram:7",
        offset: 3,
      });
      const pending: number[] = [];
      const sent: number[] = [];
      gc();
      await sample(async (i) => {
        const [, p] = await timed(() => store.reminders.applyBatch([{ op: "pending", parts: parts(i) }]));
        pending.push(p);
        const key = `nv-bench-${i}|2025-06-30|telegram:7|3`;
        const [, s] = await timed(() => store.reminders.applyBatch([{ op: "sent", key, messageId: "1" }]));
        sent.push(s);
      });
      gc();
      const audit = await sample(async (i) => {
        await store.audit.record({ actor: { kind: "system" }, action: "bench.append", note: `lần ${i}` });
      });
      gc();
      const [, compactMs] = await timed(() => store.reminders.compact());
      return {
        existing,
        reminderBytes,
        auditBytes,
        firstOpenMs: round(firstOpenMs, 1),
        reopenMs: round(reopenMs, 1),
        pending: timing(pending),
        sent: timing(sent),
        reminder: timing(pending.map((p, i) => p + sent[i]!)),
        audit: timing(audit),
        compactMs: round(compactMs, 1),
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface EditBench {
  tasks: number;
  overlayBytes: number;
  /** The first commit holding every task (as an import applies a plan). */
  importMs: number;
  edit: Timing;
  /** Bytes of the journal after the edits (one line each). */
  journalBytes: number;
  /** Reopening the store with the edits in the journal (replayed), as after a crash. */
  reopenWithJournalMs: number;
  /** Folding the journal into the snapshot (done in the background past its threshold, and at close). */
  compactMs: number;
  /** Reopening right after the compaction (the snapshot alone). */
  reopenMs: number;
}

/** One task's title changed with `commitChange`, the overlay holding `tasks` tasks. */
export async function benchEdit(tasks = 10_000): Promise<EditBench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-bench-edit-"));
  try {
    const data = generateKnowledge({ units: 500, documents: 2000, tasks, seed: 42 });
    const clock = { now: () => new Date(AT) };
    const store = await openStore({ dataDir: dir, clock });
    let closed = false;
    try {
      const actor = { kind: "cli" as const };
      gc();
      const [, importMs] = await timed(() =>
        store.commitChange({ actor, action: "import.tasks" }, (tx) => {
          for (const t of data.tasks) tx.upsert("tasks", t);
        }),
      );
      const ids = data.tasks.map((t) => t.id);
      gc();
      const samples = await sample(
        async (i) => {
          const t = data.tasks[(i * 7919) % ids.length]!;
          await store.commitChange({ actor, action: "task.update" }, (tx) => {
            tx.upsert("tasks", { ...t, title: `${t.title} (sửa lần ${i})` });
          });
        },
        5,
        50,
      );
      await store.edits.idle();
      const journalBytes = await fileBytes(dir, ["knowledge-edits.journal.jsonl"]);
      const overlayBytes = await fileBytes(dir, ["knowledge-edits.json"]);
      // A crash now: a copy of the files as they are, reopened (the journal replayed).
      const crashed = await mkdtemp(path.join(os.tmpdir(), "tro-ly-bench-edit-crash-"));
      try {
        for (const n of [
          "knowledge-edits.json",
          "knowledge-edits.journal.jsonl",
          "state.json",
          "reminders.jsonl",
          "audit.jsonl",
          "store-manifest.json",
        ])
          await copyFile(path.join(dir, n), path.join(crashed, n));
        gc();
        const [again, reopenWithJournalMs] = await timed(() => openStore({ dataDir: crashed, clock }));
        await again.close();
        gc();
        const [, compactMs] = await timed(() => store.edits.compact());
        await store.close();
        closed = true;
        gc();
        const [third, reopenMs] = await timed(() => openStore({ dataDir: dir, clock }));
        await third.close();
        return {
          tasks: data.tasks.length,
          overlayBytes,
          importMs: round(importMs, 1),
          edit: timing(samples),
          journalBytes,
          reopenWithJournalMs: round(reopenWithJournalMs, 1),
          compactMs: round(compactMs, 1),
          reopenMs: round(reopenMs, 1),
        };
      } finally {
        await rm(crashed, { recursive: true, force: true });
      }
    } finally {
      if (!closed) await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * bench/edits-memory-probe.ts in fresh processes, compiled first (esbuild, as `npm start` runs the
 * assistant: plain node, no tsx): one writes a data dir whose overlay holds the generated knowledge
 * (`tasks` tasks), the other opens it, builds the knowledge and the engine, commits five edits.
 * Undefined when it cannot run.
 */
export async function probeEditsMemory(tasks = 10_000): Promise<EditsMemoryFigures | undefined> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = path.join(here, `.edits-memory-probe-${process.pid}.mjs`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-bench-edits-memory-"));
  try {
    await build({
      entryPoints: [path.join(here, "edits-memory-probe.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outfile: out,
      logLevel: "silent",
    });
    const run = (mode: string) =>
      promisify(execFile)(process.execPath, [out, mode, path.join(dir, "data"), String(tasks)], {
        timeout: 300_000,
        cwd: path.dirname(here),
        maxBuffer: 1 << 20,
      });
    await run("prepare");
    const { stdout } = await run("measure");
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as EditsMemoryFigures;
  } catch {
    return undefined;
  } finally {
    await rm(out, { force: true });
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchStore(): Promise<{
  summary: SummaryRow[];
  sizes: StoreBenchSize[];
  tmpfs: StoreBenchSize[];
  edit: EditBench;
  memory: EditsMemoryFigures | undefined;
}> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const t = (x: Timing) => `p50 ${x.p50} ms, p95 ${x.p95} ms, max ${x.max} ms (${x.count})`;
  const run = async (n: number, base: string) => {
    const r = await benchSize(n, base);
    out(
      `  ${String(n).padStart(7)} existing entries (reminder log ${round(r.reminderBytes / 1e6, 1)} MB, audit ${round(r.auditBytes / 1e6, 1)} MB)`,
    );
    out(`    reminder write "pending": ${t(r.pending)}`);
    out(`    reminder write "sent":    ${t(r.sent)}`);
    out(`    one reminder (both):      ${t(r.reminder)}`);
    out(`    audit append:             ${t(r.audit)}`);
    out(
      `    open: first ${r.firstOpenMs} ms (with the conversion), reopen ${r.reopenMs} ms; compaction of the reminder log ${r.compactMs} ms`,
    );
    return r;
  };
  out(`Store benchmark (generated data), in ${os.tmpdir()}`);
  const sizes: StoreBenchSize[] = [];
  for (const n of SIZES) sizes.push(await run(n, os.tmpdir()));
  const tmpfs: StoreBenchSize[] = [];
  if (existsSync("/dev/shm") && os.tmpdir() !== "/dev/shm") {
    out("Store benchmark on /dev/shm (tmpfs: the store's own cost, without the device's fsync)");
    for (const n of [SIZES[0]!, SIZES.at(-1)!]) tmpfs.push(await run(n, "/dev/shm"));
  }
  const edit = await benchEdit();
  out(
    `Edit of one task, overlay of ${edit.tasks} tasks (${round(edit.overlayBytes / 1e6, 1)} MB; the import commit ${edit.importMs} ms): ${t(edit.edit)}`,
  );
  out(
    `  journal after the edits ${round(edit.journalBytes / 1e3, 1)} kB; reopen replaying it ${edit.reopenWithJournalMs} ms; compaction ${edit.compactMs} ms; reopen after it ${edit.reopenMs} ms`,
  );
  const memory = await probeEditsMemory();
  const step = (m: { rssMB: number; heapUsedMB: number; heapTotalMB: number }) =>
    `RSS ${m.rssMB} MB (heap ${m.heapUsedMB} used / ${m.heapTotalMB} total)`;
  if (memory) {
    out(`Memory, ${memory.tasks} tasks in the edits, fresh compiled process (bench/edits-memory-probe.ts):`);
    out(`  start ${step(memory.start)}`);
    out(`  store open ${step(memory.afterOpen)}, ${memory.afterOpen.ms} ms`);
    out(`  knowledge + engine built ${step(memory.afterBuild)}, ${memory.afterBuild.ms} ms`);
    out(`  after 5 edits, each rebuilt ${step(memory.afterEdits)}; peak RSS ${memory.maxRssMB} MB`);
  } else out("Memory with the edits: the probe (bench/edits-memory-probe.ts) did not run.");
  const big = sizes.at(-1)!;
  const summary: SummaryRow[] = [
    {
      label: `store: recording one reminder, ${big.existing} entries (p95)`,
      value: big.reminder.p95,
      unit: "ms",
      target: STORE_TARGETS.writeP95Ms,
    },
    {
      label: "store: recording one reminder, empty log (p95)",
      value: sizes[0]!.reminder.p95,
      unit: "ms",
      target: STORE_TARGETS.writeP95Ms,
    },
    {
      label: `store: one audit append, ${big.existing} entries (p95)`,
      value: big.audit.p95,
      unit: "ms",
      target: STORE_TARGETS.writeP95Ms,
    },
    {
      label: `store: reopen with ${big.existing} + ${big.existing} entries`,
      value: big.reopenMs,
      unit: "ms",
      target: STORE_TARGETS.openMs,
    },
    {
      label: `store: compaction of a ${big.existing}-entry reminder log (background)`,
      value: big.compactMs,
      unit: "ms",
      target: STORE_TARGETS.openMs,
    },
  ];
  const bigTmpfs = tmpfs.at(-1);
  if (bigTmpfs)
    summary.splice(1, 0, {
      label: `store: recording one reminder, ${bigTmpfs.existing} entries, tmpfs (p95)`,
      value: bigTmpfs.reminder.p95,
      unit: "ms",
      target: STORE_TARGETS.writeP95Ms,
    });
  summary.push({
    label: `store: one task edit committed, ${edit.tasks} tasks in the overlay (p95)`,
    value: edit.edit.p95,
    unit: "ms",
    target: STORE_TARGETS.editMs,
  });
  if (memory)
    summary.push({
      label: `resident memory, ${memory.tasks} tasks in the edits, knowledge built (fresh compiled process)`,
      value: memory.afterBuild.rssMB,
      unit: "MB",
      target: 200,
    });
  return { summary, sizes, tmpfs, edit, memory };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchStore().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
