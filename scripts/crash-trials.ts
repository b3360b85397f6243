/**
 * Crash trials: child processes write to the store, apply plan-table imports and run reminders against
 * the fake Bot API; each is SIGKILLed at a random moment, then the store is opened again and checked.
 *
 *   npx tsx scripts/crash-trials.ts [--trials 100] [--seed 42]
 *
 * Three lanes run side by side, the trials shared among them:
 * - store: test/hardening/fixtures/crash-child.ts writes every kind of change (overlay + audit, undo,
 *   link codes, unanswered questions, reminder answers, settings) and prints "CONFIRMED <id>" once a
 *   write has resolved. After each kill: the store opens (every file parses and validates) and every
 *   confirmed change is there (an undo confirmed: its edit is gone). The next child takes over the lock.
 * - import: the same child applies growing plan tables (preview + one audited commit); every confirmed
 *   import's audit entry and its tasks are there after the kill.
 * - reminders: test/fixtures/reminders/child-run.ts runs a reminder cycle for 16 unit heads on a fresh
 *   data dir, killed at a random moment (half the trials: at a random point of the send sequence,
 *   after a "pending" mark, after Telegram accepted a message or after a "sent" mark), then run again
 *   to the end. No reminder may be lost (every head received one); a head may receive one twice
 *   only for the message in flight when the process died (accepted by Telegram, not yet marked sent:
 *   at most one duplicate per crash, by design). Duplicates are counted and reported.
 *
 * Prints each problem found and a summary line with the figures; exits 1 when a check failed.
 * test/hardening/crash.test.ts runs 10 trials of the same.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createApp } from "../src/app/app.ts";
import { loadConfig } from "../src/config.ts";
import { openStore } from "../src/store/index.ts";
import { manyUnits } from "../test/fixtures/reminders/fixture.ts";
import { FakeBotApi } from "../test/helpers/fake-bot-api.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHILD = path.join(ROOT, "test/hardening/fixtures/crash-child.ts");
const REMINDER_CHILD = path.join(ROOT, "test/fixtures/reminders/child-run.ts");
const IMPORT_TITLE = "Nhiệm vụ thử sập nguồn số ";
const N_UNITS = 16;
const DUE = "2026-06-30";
/** 08:00 on 23/06/2026 in Ninh Thuận: 7 days before the due date, every head gets a reminder. */
const NOW = "2026-06-23T01:00:00.000Z";

export interface LaneReport {
  lane: "store" | "import" | "reminders";
  trials: number;
  /** SIGKILLs sent (a reminder run may end by itself before its kill). */
  kills: number;
  /** Kills that hit a child that had started working (not one still starting up). */
  killedMidWork: number;
  problems: string[];
}

export interface StoreLaneReport extends LaneReport {
  lane: "store" | "import";
  confirmed: number;
  lost: number;
}

export interface ReminderLaneReport extends LaneReport {
  lane: "reminders";
  due: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Kills in the documented window (accepted by Telegram, not yet marked sent). */
  acceptedWindowKills: number;
}

export interface CrashSummary {
  trials: number;
  seed: number;
  seconds: number;
  lanes: [StoreLaneReport, StoreLaneReport, ReminderLaneReport];
  problems: string[];
  line: string;
}

/** mulberry32, as in the fuzz tests: the same seed gives the same kill plan (not the same timings). */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

interface ChildRun {
  lines: string[];
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
  /** Whether the kill came after the child had printed its first line of work. */
  working: boolean;
}

/**
 * Runs a child. `afterMs` counts from its first line (or the first line starting with `afterLine`), or
 * from the spawn when `fromSpawn`; `on` kills as soon as a line starts with it. Without either it runs
 * to the end.
 */
function runChild(
  args: string[],
  env: Record<string, string>,
  kill: { afterMs?: number; fromSpawn?: boolean; on?: string; afterLine?: string } = {},
  timeoutMs = 60_000,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let buf = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    let working = false;
    const killNow = () => {
      working = lines.some((l) => l !== "READY");
      child.kill("SIGKILL");
    };
    const arm = () => {
      if (timer === undefined && kill.afterMs !== undefined) timer = setTimeout(killNow, kill.afterMs);
    };
    if (kill.fromSpawn) arm();
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`child ${args.join(" ")} timed out; stderr: ${stderr.slice(0, 2000)}`));
    }, timeoutMs);
    child.stdout!.setEncoding("utf8");
    child.stderr!.setEncoding("utf8");
    child.stdout!.on("data", (d: string) => {
      buf += d;
      let i = buf.indexOf("\n");
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        if (kill.on && line.startsWith(kill.on)) killNow();
        if (!kill.afterLine || line.startsWith(kill.afterLine)) arm();
        i = buf.indexOf("\n");
      }
    });
    child.stderr!.on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      if (buf) lines.push(buf);
      resolve({ lines, stderr, signal, code, working });
    });
  });
}

const confirmedIn = (lines: string[]) =>
  lines.filter((l) => l.startsWith("CONFIRMED ")).map((l) => l.slice("CONFIRMED ".length));

// ---------------------------------------------------------------- store and import lanes

/** What must be in the store after a kill, given everything the children confirmed so far. */
export async function checkStore(
  dataDir: string,
  confirmed: string[],
  undoing: Set<string>,
): Promise<string[]> {
  const problems: string[] = [];
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ dataDir, readOnly: true });
  } catch (e) {
    return [`the store does not load: ${e instanceof Error ? e.message : String(e)}`];
  }
  try {
    const codes = new Set(store.state.linkCodes({ all: true }).map((c) => c.code));
    const questions = new Set(store.state.unanswered({ includeAnswered: true }).map((q) => q.id));
    const undone = new Set(confirmed.filter((c) => c.startsWith("undo:")).map((c) => c.split(":")[2]!));
    const counter = Number(store.state.getSetting("crash.n") ?? 0);
    for (const c of confirmed) {
      const [kind, a, b] = c.split(":") as [string, string, string | undefined];
      const lost = (what: string) => problems.push(`lost a confirmed ${what} (${c})`);
      if (kind === "edit") {
        if (!store.audit.get(b!)) lost("audit entry");
        const present = !!store.edits.get("documents", a);
        if (undone.has(a) ? present : !present && !undoing.has(a)) lost(undone.has(a) ? "undo" : "edit");
      } else if (kind === "undo") {
        if (!store.audit.get(a)) lost("undo entry");
      } else if (kind === "code") {
        if (!codes.has(a)) lost("link code");
      } else if (kind === "q") {
        if (!questions.has(a)) lost("unanswered question");
      } else if (kind === "resp") {
        if (!store.reminders.response(a)) lost("reminder answer");
      } else if (kind === "setting") {
        if (counter < Number(a)) lost("setting");
      }
    }
  } finally {
    await store.close();
  }
  return problems;
}

export async function checkImports(dataDir: string, confirmed: string[]): Promise<string[]> {
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    const config = loadConfig(
      { DATA_DIR: dataDir, KNOWLEDGE_DIR: path.join(ROOT, "knowledge"), LOG_LEVEL: "silent" },
      "/nonexistent/.env",
    );
    app = await createApp({ config, logger: pino({ level: "silent" }), readOnly: true });
  } catch (e) {
    return [`the store does not load: ${e instanceof Error ? e.message : String(e)}`];
  }
  try {
    const problems: string[] = [];
    const titles = new Set(app.knowledge().data.tasks.map((t) => t.title));
    let latest = 0;
    for (const c of confirmed) {
      const [, entryId, n] = c.split(":") as [string, string, string];
      if (!app.store.audit.get(entryId)) problems.push(`lost a confirmed import's audit entry (${c})`);
      latest = Math.max(latest, Number(n));
    }
    // Tables grow: the latest confirmed import lists every task of the earlier ones.
    for (let k = 1; k <= latest; k++) {
      if (!titles.has(`${IMPORT_TITLE}${k}`))
        problems.push(`lost task ${k} of a confirmed import (1…${latest})`);
    }
    return problems;
  } finally {
    await app.close();
  }
}

async function storeLane(
  lane: "store" | "import",
  trials: number,
  r: ReturnType<typeof rng>,
  dataDir: string,
): Promise<StoreLaneReport> {
  const report: StoreLaneReport = {
    lane,
    trials,
    kills: 0,
    killedMidWork: 0,
    problems: [],
    confirmed: 0,
    lost: 0,
  };
  const confirmed: string[] = [];
  const undoing = new Set<string>();
  for (let t = 0; t < trials; t++) {
    // Store writes: killed 0–300 ms after the store is open. Imports are slower (the first one of a
    // process loads the table readers): every other trial is killed 0–300 ms after the first import.
    const kill =
      lane === "store"
        ? { afterMs: r.int(0, 300) }
        : t % 2
          ? { afterMs: r.int(0, 300), afterLine: "CONFIRMED" }
          : { afterMs: r.int(0, 900) };
    const run = await runChild([CHILD, lane, dataDir], {}, kill);
    if (run.signal !== "SIGKILL") {
      report.problems.push(
        `${lane} trial ${t + 1}: the child ended by itself (${run.code}): ${run.stderr.slice(0, 1000)}`,
      );
      continue;
    }
    report.kills++;
    if (run.stderr.trim())
      report.problems.push(`${lane} trial ${t + 1}: stderr: ${run.stderr.slice(0, 1000)}`);
    if (run.working) report.killedMidWork++;
    confirmed.push(...confirmedIn(run.lines));
    for (const l of run.lines) if (l.startsWith("UNDOING ")) undoing.add(l.slice(8));
    const problems =
      lane === "store"
        ? await checkStore(dataDir, confirmed, undoing)
        : await checkImports(dataDir, confirmed);
    report.lost += problems.filter((p) => p.startsWith("lost")).length;
    report.problems.push(...problems.map((p) => `${lane} trial ${t + 1}: ${p}`));
  }
  report.confirmed = confirmed.length;
  return report;
}

// ---------------------------------------------------------------- reminder lane

/** A fresh data dir with the 16 generated heads linked (as the secretariat would link them). */
async function seededReminderDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "crash-remind-"));
  const { users } = manyUnits(N_UNITS, DUE);
  const store = await openStore({ dataDir: dir });
  for (const u of users) {
    const code = await store.state.createLinkCode({
      unitId: u.unitId,
      role: u.role,
      ...(u.name ? { name: u.name } : {}),
    });
    const res = await store.state.redeemLinkCode(code.code, { channel: u.channel, chatId: u.chatId });
    if (!res.ok) throw new Error(`could not link ${u.id}`);
  }
  await store.close();
  return dir;
}

async function reminderLane(trials: number, r: ReturnType<typeof rng>): Promise<ReminderLaneReport> {
  const report: ReminderLaneReport = {
    lane: "reminders",
    trials,
    kills: 0,
    killedMidWork: 0,
    problems: [],
    due: 0,
    delivered: 0,
    lost: 0,
    duplicates: 0,
    acceptedWindowKills: 0,
  };
  const api = new FakeBotApi();
  await api.listen();
  const env = { API_ROOT: api.apiRoot, NOW, N_UNITS: String(N_UNITS), DUE };
  try {
    for (let t = 0; t < trials; t++) {
      const dir = await seededReminderDir();
      const mark = api.calls.length;
      try {
        // Half the trials stop at a chosen point of the send sequence (after a "pending" mark, after
        // Telegram accepted a message, after a "sent" mark); the others at a random time: from the
        // spawn (start-up included), or from the first message sent (within the run).
        const stage = r.int(0, 5);
        const pause =
          stage < 3 ? `${["pending", "accepted", "sent"][stage]}:${r.int(1, N_UNITS)}` : undefined;
        const kill = pause
          ? { on: "PAUSED" }
          : stage === 3
            ? { afterMs: r.int(0, 2500), fromSpawn: true }
            : { afterMs: r.int(0, 400) };
        const first = await runChild(
          [REMINDER_CHILD],
          { ...env, DATA_DIR: dir, ...(pause ? { PAUSE_AT: pause } : {}) },
          kill,
        );
        const kills = first.signal === "SIGKILL" ? 1 : 0;
        report.kills += kills;
        if (kills && first.lines.length) report.killedMidWork++;
        if (kills && pause?.startsWith("accepted")) report.acceptedWindowKills++;
        if (!kills && first.code !== 0)
          report.problems.push(
            `reminders trial ${t + 1}: the first run failed (${first.code}): ${first.stderr.slice(0, 1000)}`,
          );
        // The store loads after the kill.
        try {
          const s = await openStore({ dataDir: dir, readOnly: true });
          await s.close();
        } catch (e) {
          report.problems.push(`reminders trial ${t + 1}: the store does not load: ${(e as Error).message}`);
          continue;
        }
        const second = await runChild([REMINDER_CHILD], { ...env, DATA_DIR: dir });
        if (second.code !== 0)
          report.problems.push(
            `reminders trial ${t + 1}: the restart failed (${second.code}): ${second.stderr.slice(0, 1000)}`,
          );
        const perChat = new Map<string, number>();
        for (const c of api.calls.slice(mark)) {
          if (c.method === "sendMessage" && c.ok) {
            const chat = String(c.params["chat_id"]);
            perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
          }
        }
        const lost = N_UNITS - perChat.size;
        const dups = [...perChat.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
        report.due += N_UNITS;
        report.delivered += perChat.size;
        report.lost += lost;
        report.duplicates += dups;
        if (lost)
          report.problems.push(
            `reminders trial ${t + 1}: ${lost} reminder(s) never delivered (${pause ?? "random kill"})`,
          );
        if (dups > kills)
          report.problems.push(
            `reminders trial ${t + 1}: ${dups} duplicate(s) for ${kills} crash (${pause ?? "random kill"})`,
          );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await api.close();
  }
  return report;
}

// ---------------------------------------------------------------- all of it

export async function runCrashTrials(opts: { trials: number; seed?: number }): Promise<CrashSummary> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const started = performance.now();
  const storeTrials = Math.ceil(opts.trials / 3);
  const importTrials = Math.ceil((opts.trials - storeTrials) / 2);
  const reminderTrials = opts.trials - storeTrials - importTrials;
  const storeDir = await mkdtemp(path.join(os.tmpdir(), "crash-store-"));
  const importDir = await mkdtemp(path.join(os.tmpdir(), "crash-import-"));
  try {
    const [store, imports, reminders] = await Promise.all([
      storeLane("store", storeTrials, rng(seed), storeDir),
      storeLane("import", importTrials, rng(seed + 1), importDir),
      reminderLane(reminderTrials, rng(seed + 2)),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const problems = [...store.problems, ...imports.problems, ...reminders.problems];
    const kills = store.kills + imports.kills + reminders.kills;
    const loadFailures = problems.filter((p) => p.includes("does not load")).length;
    const line =
      `crash trials: ${opts.trials} trials, ${kills} SIGKILLs, ${seconds.toFixed(0)} s (seed ${seed}) — ` +
      `store: ${store.kills} kills (${store.killedMidWork} mid-write), ${store.confirmed} confirmed changes, ${store.lost} lost; ` +
      `import: ${imports.kills} kills (${imports.killedMidWork} mid-import), ${imports.confirmed} confirmed imports, ${imports.lost} lost; ` +
      `${loadFailures ? `the store FAILED to load ${loadFailures} time(s)` : "the store loaded after every kill"}; ` +
      `reminders: ${reminders.trials} trials, ${reminders.kills} kills (${reminders.killedMidWork} mid-run, ${reminders.acceptedWindowKills} in the accepted-not-marked window), ` +
      `${reminders.due} due, ${reminders.delivered} delivered, ${reminders.lost} lost, ${reminders.duplicates} duplicate(s) ` +
      `(allowed: at most 1 per crash); ${problems.length ? `${problems.length} PROBLEM(S)` : "no problem"}`;
    return { trials: opts.trials, seed, seconds, lanes: [store, imports, reminders], problems, line };
  } finally {
    await rm(storeDir, { recursive: true, force: true });
    await rm(importDir, { recursive: true, force: true });
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const trials = Number(arg("trials") ?? 100);
  const seed = arg("seed") !== undefined ? Number(arg("seed")) : undefined;
  if (!Number.isInteger(trials) || trials < 3) {
    process.stderr.write("--trials: a whole number, at least 3\n");
    process.exit(2);
  }
  const s = await runCrashTrials({ trials, ...(seed !== undefined ? { seed } : {}) });
  for (const p of s.problems) process.stdout.write(`PROBLEM ${p}\n`);
  process.stdout.write(`${s.line}\n`);
  process.exit(s.problems.length ? 1 : 0);
}
