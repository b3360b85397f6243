/**
 * Atomic writes under SIGKILL: a child process writes in a loop (overlay + audit, state,
 * reminders) and is killed at random moments. After each kill every file parses and validates
 * (the JSON Lines logs line by line, a torn last line allowed), and holds at least the last write
 * the child reported as finished: the appends to the reminder log are counted (one attempt a round).
 * The next child takes over the stale lock, cleans temp files and completes the audit from the journal.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MANIFEST_FILE, openStore, STORE_FILES } from "../../src/store/index.ts";
import { tempDir } from "./helpers.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/write-loop.ts", import.meta.url));
const LANES = 2;
const KILLS_PER_LANE = 10;

interface Run {
  /** The counter the child found on disk. */
  ready: number;
  lastAcked: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runAndKill(dataDir: string, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", FIXTURE, dataDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let stderr = "";
    let lastAcked = 0;
    let readyAt = 0;
    let timer: NodeJS.Timeout | undefined;
    // Safety net: a child that never gets ready is killed too (the test then fails on its stderr).
    const guard = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.stdout!.setEncoding("utf8");
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (d: string) => {
      stderr += d;
    });
    child.stdout!.on("data", (d: string) => {
      out += d;
      const lines = out.split("\n");
      out = lines.pop() ?? "";
      for (const line of lines) {
        const ready = /^ready (\d+)$/.exec(line);
        if (ready && !timer) {
          lastAcked = Number(ready[1]);
          readyAt = lastAcked;
          timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
        }
        const m = /^ok (\d+)$/.exec(line);
        if (m) lastAcked = Number(m[1]);
      }
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ ready: readyAt, lastAcked, signal, stderr });
    });
  });
}

/** Checks every file; returns the reminder-log attempts found (see `lane`). */
async function checkFiles(dataDir: string, lastAcked: number): Promise<number> {
  for (const name of [...STORE_FILES, MANIFEST_FILE]) {
    const text = await readFile(path.join(dataDir, name), "utf8");
    if (name.endsWith(".jsonl")) {
      const complete = text.slice(0, text.lastIndexOf("\n") + 1);
      for (const l of complete.split("\n").slice(0, -1)) expect(() => JSON.parse(l), name).not.toThrow();
    } else expect(() => JSON.parse(text), name).not.toThrow();
  }
  // Validates every file against its schema (throws StoreError otherwise).
  const store = await openStore({ dataDir, readOnly: true });
  const counter = Number(store.state.getSetting("counter") ?? 0);
  expect(counter).toBeGreaterThanOrEqual(lastAcked);
  const doc = store.edits.get("documents", "doc-loop");
  expect(Number(doc?.summary ?? 0)).toBeGreaterThanOrEqual(lastAcked);
  const attempts = store.reminders.list().reduce((n, e) => n + e.attempts, 0);
  await store.close();
  return attempts;
}

async function lane(dataDir: string): Promise<number> {
  let previous = 0;
  let killedMidRun = 0;
  let attempts = 0;
  for (let i = 0; i < KILLS_PER_LANE; i++) {
    const run = await runAndKill(dataDir, 20 + Math.floor(Math.random() * 200));
    expect(run.signal, run.stderr).toBe("SIGKILL");
    expect(run.stderr).toBe("");
    expect(run.lastAcked).toBeGreaterThanOrEqual(previous);
    if (run.lastAcked > previous) killedMidRun++;
    previous = run.lastAcked;
    // Each acked round appended one "pending" (one more attempt) to the reminder log: none lost.
    const now = await checkFiles(dataDir, run.lastAcked);
    expect(now).toBeGreaterThanOrEqual(attempts + (run.lastAcked - run.ready));
    attempts = now;
  }
  // A final writer: stale lock taken over, temp files cleaned, audit completed from the journal.
  const store = await openStore({ dataDir });
  const journal = store.edits.journal();
  expect(journal).toBeDefined();
  expect(store.audit.list({ limit: 1 })[0]?.id).toBe(journal?.id);
  expect((await readdir(dataDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  await store.close();
  return killedMidRun;
}

describe("atomic writes", () => {
  it(`files always parse and validate after ${LANES * KILLS_PER_LANE} SIGKILLs mid-write`, async () => {
    const dirs = await Promise.all(Array.from({ length: LANES }, () => tempDir()));
    // allSettled: a failing lane must not leave the other one writing while the dirs are removed.
    const settled = await Promise.allSettled(dirs.map((d) => lane(d)));
    for (const r of settled) if (r.status === "rejected") throw r.reason;
    const progressed = settled.map((r) => (r.status === "fulfilled" ? r.value : 0));
    // The child did write between kills (the kills hit a writing process, not an idle one).
    expect(progressed.reduce((a, b) => a + b, 0)).toBeGreaterThan(LANES * KILLS_PER_LANE * 0.5);
  }, 40_000);
});
