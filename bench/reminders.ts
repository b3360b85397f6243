/**
 * Reminders benchmark (called by bench/run.ts through `benchReminders`, or run alone:
 * `npx tsx bench/reminders.ts`). All data is GENERATED here, nothing comes from the knowledge base.
 *
 * 1. Planning time: `planReminders` on a generated base of 10,000 tasks and 500 units
 *    (bench/generate-knowledge.ts, seed 42) with a linked head and deputy for every unit, on five
 *    working days of 2025; the median of 5 runs per day after a warm-up, with an empty send log and
 *    with a log already holding that day's reminders (the lookups a catch-up run makes).
 * 2. Fan-out: 1,000 reminders (500 generated units, each head with two tasks due the same day) sent
 *    through the real run (store on a temp dir with fsynced log writes, Telegram sender over HTTP) to
 *    the local fake Bot API, with the limit set to 30 messages/s overall and 1/s per chat. Reports the
 *    achieved rate (server side, first to last message), the busiest 1-second window, the closest two
 *    messages to one chat, duplicates and losses (counted at the fake server). Run twice: with an empty
 *    send log, and with a log already holding 100,000 entries (bench/store.ts `prefillReminderLog`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { createApp } from "../src/app/app.ts";
import { createTelegramSender } from "../src/channels/telegram/sender.ts";
import { loadConfig } from "../src/config.ts";
import { Knowledge } from "../src/core/knowledge/model.ts";
import type { KnowledgeData, Task, Unit } from "../src/core/knowledge/schema.ts";
import { type LogState, planReminders } from "../src/core/reminders/planner.ts";
import { atLocalTime } from "../src/core/time.ts";
import { runReminders, type Sender, SendLimiter } from "../src/notifier/notifier.ts";
import { reminderOptionsFromConfig } from "../src/notifier/options.ts";
import type { User } from "../src/store/state.ts";
import { FAKE_TOKEN, FakeBotApi } from "../test/helpers/fake-bot-api.ts";
import { generateKnowledge } from "./generate-knowledge.ts";
import type { SummaryRow } from "./run.ts";
import { prefillReminderLog } from "./store.ts";

export const REMINDER_TARGETS = { planMs: 200, ratePct: 90 } as const;

const DAYS = ["2025-03-24", "2025-06-23", "2025-09-29", "2025-12-22", "2025-12-31"];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function linkedUsers(units: readonly Unit[], deputies: boolean): User[] {
  const out: User[] = [];
  units.forEach((u, i) => {
    const mk = (n: number, role: User["role"]): User => ({
      id: `telegram:${n}`,
      channel: "telegram",
      chatId: String(n),
      name: `${role === "head" ? "Thủ trưởng" : "Cấp phó"} ${u.name} (sinh tự động)`,
      unitId: u.id,
      role,
      linkedAt: "2025-01-02T01:00:00.000Z",
      reachable: true,
    });
    out.push(mk(100_000 + i, "head"));
    if (deputies) out.push(mk(200_000 + i, "deputy"));
  });
  return out;
}

export interface PlanBench {
  tasks: number;
  units: number;
  users: number;
  perDay: Array<{ day: string; reminders: number; emptyLogMs: number; fullLogMs: number }>;
  medianMs: number;
  maxMs: number;
}

export function benchPlanning(): PlanBench {
  const data = generateKnowledge({ units: 500, documents: 2000, tasks: 10_000, seed: 42 });
  const kb = new Knowledge(data);
  const users = linkedUsers(data.units, true);
  const options = { notifyDeputy: true, notifySupport: true };
  const perDay: PlanBench["perDay"] = [];
  for (const day of DAYS) {
    const now = atLocalTime(day, "08:00");
    const empty = { stateOf: () => undefined };
    planReminders({ now, knowledge: kb, users, log: empty, options }); // warm-up
    const t1: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      count = planReminders({ now, knowledge: kb, users, log: empty, options }).reminders.length;
      t1.push(performance.now() - s);
    }
    const sent = new Map<string, LogState>();
    for (const r of planReminders({ now, knowledge: kb, users, log: empty, options }).reminders)
      sent.set(r.key, "sent");
    const full = { stateOf: (k: string) => sent.get(k) };
    const t2: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      planReminders({ now, knowledge: kb, users, log: full, options });
      t2.push(performance.now() - s);
    }
    perDay.push({ day, reminders: count, emptyLogMs: round(median(t1)), fullLogMs: round(median(t2)) });
  }
  const all = perDay.flatMap((d) => [d.emptyLogMs, d.fullLogMs]);
  return {
    tasks: data.tasks.length,
    units: data.units.length,
    users: users.length,
    perDay,
    medianMs: round(median(all)),
    maxMs: round(Math.max(...all)),
  };
}

export interface FanoutBench {
  planned: number;
  delivered: number;
  duplicates: number;
  losses: number;
  seconds: number;
  ratePerSecond: number;
  limit: number;
  busiestSecond: number;
  minSameChatGapMs: number;
  logSent: number;
  /** Entries in the send log before the run. */
  existing: number;
}

/** 500 generated units, each head leading two tasks due 30/06/2025: 1,000 reminders on 23/06/2025. */
function fanoutData(): { data: KnowledgeData; users: User[] } {
  const prov = { sources: ["nguon-sinh"], asOf: "2025-01-01" };
  const units: Unit[] = Array.from({ length: 500 }, (_, i) => ({
    id: `dv-sinh-${i + 1}`,
    name: `Đơn vị sinh tự động ${i + 1}`,
    kind: "so",
    aliases: [],
    ...prov,
  }));
  const tasks: Task[] = units.flatMap((u, i) =>
    [1, 2].map((k) => ({
      id: `nv-sinh-${i + 1}-${k}`,
      title: `Nhiệm vụ sinh tự động ${k} của đơn vị ${i + 1}`,
      lead: [u.id],
      support: [],
      deadline: { text: "30/6/2025", due: "2025-06-30" },
      progress: {},
      ...prov,
    })),
  );
  const data: KnowledgeData = {
    province: { name: "Ninh Thuận", assistantName: "Trợ lý CĐS" },
    holidays: [],
    sources: [{ id: "nguon-sinh", kind: "secretariat", title: "Dữ liệu sinh tự động cho đo hiệu năng" }],
    units,
    unitGroups: [],
    bodies: [],
    people: [],
    documents: [],
    themes: [],
    tasks,
    meetings: [],
    indicators: [],
    targets: [],
  };
  return { data, users: linkedUsers(units, false) };
}

/** The sender, recording when each message was accepted. */
function timed(sender: Sender, into: Array<{ at: number; chat: string }>): Sender {
  return {
    channel: sender.channel,
    async send(chatId, message) {
      const r = await sender.send(chatId, message);
      if (r.ok) into.push({ at: performance.now(), chat: chatId });
      return r;
    },
  };
}

export async function benchFanout(limit = 30, existing = 0): Promise<FanoutBench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-bench-remind-"));
  if (existing > 0) await prefillReminderLog(dir, existing);
  const api = new FakeBotApi();
  const root = await api.listen();
  /** Accepted sends, timed when the fake server's answer arrives. */
  const received: Array<{ at: number; chat: string }> = [];
  try {
    const { data, users } = fanoutData();
    const config = loadConfig(
      { DATA_DIR: dir, KNOWLEDGE_DIR: "knowledge", REMINDER_RATE_PER_SECOND: String(limit) },
      "/nonexistent/.env",
    );
    const now = atLocalTime("2025-06-23", "08:00");
    const app = await createApp({ config, now: () => now, logger: pino({ level: "silent" }), shipped: data });
    // Link the generated heads (writes state.json once).
    for (const u of users) {
      const code = await app.store.state.createLinkCode({ unitId: u.unitId, role: u.role, name: u.name! });
      await app.store.state.redeemLinkCode(code.code, { channel: "telegram", chatId: u.chatId });
    }
    const report = await runReminders({
      store: app.store,
      knowledge: app.knowledge(),
      senders: { telegram: timed(createTelegramSender({ token: FAKE_TOKEN, apiRoot: root }), received) },
      options: reminderOptionsFromConfig(config),
      now: () => now,
      limiter: new SendLimiter({ ratePerSecond: limit, chatIntervalMs: 1000 }),
      concurrency: config.REMINDER_CONCURRENCY,
    });
    const logSent = app.store.reminders.list({ state: "sent" }).length - existing;
    await app.close();

    // Duplicates and losses are counted at the server: every sendMessage it accepted.
    const atServer = api.callsTo("sendMessage").map((p) => `${p["chat_id"]}\u0000${p["text"]}`);
    const distinct = new Set(atServer);
    const first = received[0]?.at ?? 0;
    const last = received.at(-1)?.at ?? 0;
    const seconds = (last - first) / 1000;
    let busiest = 0;
    for (let i = 0, j = 0; i < received.length; i++) {
      while (received[i]!.at - received[j]!.at >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    const lastByChat = new Map<string, number>();
    let minGap = Number.POSITIVE_INFINITY;
    for (const r of received) {
      const prev = lastByChat.get(r.chat);
      if (prev !== undefined) minGap = Math.min(minGap, r.at - prev);
      lastByChat.set(r.chat, r.at);
    }
    return {
      planned: report.planned,
      delivered: atServer.length,
      duplicates: atServer.length - distinct.size,
      losses: report.planned - distinct.size,
      seconds: round(seconds, 2),
      // n messages span n − 1 intervals
      ratePerSecond: round(seconds > 0 ? (received.length - 1) / seconds : 0, 2),
      limit,
      busiestSecond: busiest,
      minSameChatGapMs: round(minGap, 0),
      logSent,
      existing,
    };
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchReminders(): Promise<{
  summary: SummaryRow[];
  plan: PlanBench;
  fanout: FanoutBench;
  fanoutFullLog: FanoutBench;
}> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out("Reminders benchmark (generated data)");
  const plan = benchPlanning();
  out(
    `Planning: ${plan.tasks} tasks, ${plan.units} units, ${plan.users} linked users (heads + deputies), support notices on`,
  );
  for (const d of plan.perDay)
    out(
      `  ${d.day}: ${String(d.reminders).padStart(5)} reminders  empty log ${d.emptyLogMs} ms  full log ${d.fullLogMs} ms`,
    );
  out(`  median ${plan.medianMs} ms, max ${plan.maxMs} ms (median of 5 runs each)`);
  out("Fan-out: 1,000 reminders to the local fake Bot API over HTTP, limit 30/s overall and 1/s per chat …");
  const report = (f: FanoutBench) => {
    out(
      `  send log with ${f.existing} entries: delivered ${f.delivered}/${f.planned} in ${f.seconds} s: ${f.ratePerSecond} msg/s (${round((f.ratePerSecond / f.limit) * 100)} % of ${f.limit}/s); busiest second ${f.busiestSecond} msg; closest two to one chat ${f.minSameChatGapMs} ms`,
    );
    out(`    duplicates ${f.duplicates}, losses ${f.losses}, new log entries "sent" ${f.logSent}`);
  };
  const f = await benchFanout(30);
  report(f);
  const full = await benchFanout(30, 100_000);
  report(full);
  const summary: SummaryRow[] = [
    {
      label: `reminder planning, ${plan.tasks} tasks × ${plan.units} units (max)`,
      value: plan.maxMs,
      unit: "ms",
      target: REMINDER_TARGETS.planMs,
    },
    {
      label: "reminder fan-out rate below the 30/s limit",
      value: round(100 - (f.ratePerSecond / f.limit) * 100),
      unit: "%",
      target: 100 - REMINDER_TARGETS.ratePct,
    },
    {
      label: "reminder fan-out rate below the 30/s limit, 100000-entry log",
      value: round(100 - (full.ratePerSecond / full.limit) * 100),
      unit: "%",
      target: 100 - REMINDER_TARGETS.ratePct,
    },
    { label: "reminder fan-out duplicates", value: f.duplicates + full.duplicates, unit: "msg", target: 0 },
    { label: "reminder fan-out losses", value: f.losses + full.losses, unit: "msg", target: 0 },
  ];
  return { summary, plan, fanout: f, fanoutFullLog: full };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchReminders().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
