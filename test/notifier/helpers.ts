/** An App on a temp DATA_DIR with the illustrative reminder fixture as its knowledge. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterEach } from "vitest";
import { type App, createApp } from "../../src/app/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { KnowledgeData } from "../../src/core/knowledge/schema.ts";
import { SendLimiter, type Sleep } from "../../src/notifier/notifier.ts";
import type { Store } from "../../src/store/index.ts";
import type { User } from "../../src/store/state.ts";
import { fixtureData, fixtureUsers } from "../fixtures/reminders/fixture.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), "tro-ly-remind-"));
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

/** Links users as the secretariat would (one-time code, redeemed from the user's chat). */
export async function seedUsers(store: Store, users: readonly User[]): Promise<void> {
  for (const u of users) {
    const code = await store.state.createLinkCode({
      unitId: u.unitId,
      role: u.role,
      ...(u.name ? { name: u.name } : {}),
    });
    // Admins are seeded as already confirmed (an admin code alone links a member; see the link tests).
    const r = await store.state.redeemLinkCode(
      code.code,
      { channel: u.channel, chatId: u.chatId },
      undefined,
      {
        adminConfirmed: true,
      },
    );
    if (!r.ok) throw new Error(`could not link ${u.id}`);
    if (!u.reachable) await store.state.setReachable(u.id, false, "đã chặn trợ lý");
  }
}

export interface TestApp {
  app: App;
  dir: string;
  clock: { now: Date; set(iso: string): void; advance(ms: number): void };
}

export async function reminderApp(
  opts: {
    now: string;
    env?: Record<string, string>;
    /** The knowledge; `"shipped"` reads knowledge/ (default: the illustrative fixture). */
    data?: KnowledgeData | "shipped";
    users?: User[];
    dir?: string;
    seed?: boolean;
  } = {
    now: "2026-06-23T01:00:00.000Z",
  },
): Promise<TestApp> {
  const dir = opts.dir ?? (await tempDir());
  const config = loadConfig(
    { DATA_DIR: dir, KNOWLEDGE_DIR: "knowledge", ADMIN_TELEGRAM_IDS: "9999", ...opts.env },
    "/nonexistent/.env",
  );
  const clock = {
    now: new Date(opts.now),
    set(iso: string) {
      this.now = new Date(iso);
    },
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const app = await createApp({
    config,
    now: () => clock.now,
    logger: pino({ level: "silent" }),
    ...(opts.data === "shipped" ? {} : { shipped: opts.data ?? fixtureData() }),
  });
  cleanups.push(() => app.close());
  if (opts.seed !== false) await seedUsers(app.store, opts.users ?? fixtureUsers());
  return { app, dir, clock };
}

/** A limiter on virtual time: sleeping advances the clock instantly. */
export function virtualTime() {
  let t = 0;
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
    t += Math.max(0, ms);
  };
  return {
    now: () => t,
    sleep,
    sleeps,
    limiter: (rate = 30, chatIntervalMs = 1000) =>
      new SendLimiter({ ratePerSecond: rate, chatIntervalMs, now: () => t, sleep }),
  };
}

/** "HH:MM" on a day in Ninh Thuận as an ISO instant (UTC+7). */
export function vn(day: string, time = "08:00"): string {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), h - 7, m),
  ).toISOString();
}
