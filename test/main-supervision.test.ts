/**
 * `npm start` with a Telegram that cannot be reached (issue 14, item 5): the operator is told within
 * the first attempt, in Vietnamese; Zalo, the reminder jobs and the backup job keep running; the
 * failure is reported again after a minute; when Telegram answers the state flips to connected;
 * /healthz (HEALTH_PORT, polling mode) tells each channel's state; stopping during the retries is
 * prompt and frees the writer lock; a refused token still ends the process with its message.
 * The supervisor's time is a FakeClock: no real 10-s or 60-s waits.
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli/io.ts";
import { main } from "../src/main.ts";
import { LOCK_FILE } from "../src/store/lock.ts";
import { KNOWLEDGE_DIR, LogSink, tempDataDir, visible } from "./helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "./helpers/fake-bot-api.ts";
import { eventually, FakeClock } from "./helpers/fake-clock.ts";
import { FAKE_ZALO_TOKEN, FakeZaloApi, textUpdate as zaloText } from "./helpers/fake-zalo-api.ts";
import { body, textUpdate } from "./helpers/updates.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** A port nobody listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Telegram "comes back": `port` starts forwarding to the fake API. */
async function forward(port: number, to: number): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect(to, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return server;
}

async function dataDir(): Promise<string> {
  const d = await tempDataDir();
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

function io(env: Record<string, string>) {
  const err: string[] = [];
  const cio: CliIo = { out: () => {}, err: (t) => err.push(t), env };
  return { cio, err };
}

const msgs = (logs: LogSink) => logs.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);

interface HealthBody {
  ok: boolean;
  channels: Record<string, { state: string; since: string; lastError?: string }>;
}

async function healthz(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthBody };
}

describe("main: a Telegram that cannot be reached", () => {
  it("is reported at once, retried, reported again after a minute; Zalo and the jobs keep running; /healthz says so; it connects later", async () => {
    const tgPort = await closedPort();
    const healthPort = await closedPort();
    const zaloApi = new FakeZaloApi({ idleMs: 20 });
    const zaloRoot = await zaloApi.listen();
    cleanups.push(() => zaloApi.close());
    const dir = await dataDir();
    const c = io({
      DATA_DIR: dir,
      KNOWLEDGE_DIR,
      LOG_LEVEL: "debug",
      BOT_ACCESS: "open",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${tgPort}`,
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_API_ROOT: zaloRoot,
      HEALTH_PORT: String(healthPort),
      HOST: "127.0.0.1",
    });
    const logs = new LogSink();
    const clock = new FakeClock();
    const t0 = clock.now();
    const stop = new AbortController();
    const running = main({
      io: c.cio,
      dotenvPath: "/nonexistent/.env",
      logDestination: logs,
      signal: stop.signal,
      clock,
      // Thursday 1 June 2023, 09:00 in Ninh Thuận: a working day after REMINDER_TIME.
      now: () => new Date("2023-06-01T02:00:00.000Z"),
    });
    cleanups.push(async () => {
      stop.abort();
      await running;
    });

    // Reported during the first attempt, before any (fake) time passed.
    await eventually(() => c.err.length > 0, "the first report");
    expect(clock.now() - t0).toBe(0);
    expect(c.err[0]).toMatch(
      /^Không kết nối được máy chủ Telegram \(bị từ chối kết nối, ECONNREFUSED\); sẽ thử lại\. Các kênh khác, nhắc hạn và sao lưu vẫn chạy\./,
    );

    // Zalo answers meanwhile; the jobs have started.
    zaloApi.pushUpdate(zaloText("z1", "tb 16"));
    await zaloApi.waitFor("sendMessage");
    expect(zaloApi.sent("z1").join("\n")).toContain("28/01/2023");
    await eventually(() => msgs(logs).includes("jobs started"), "the jobs");
    for (const step of ["configuration loaded", "store opened", "knowledge loaded", "connecting to Telegram"])
      expect(msgs(logs)).toContain(step);
    // The reminder jobs ran their start-up cycle while Telegram was down.
    expect(logs.lines.some((l) => l.includes('"msg":"reminder cycle"') && l.includes('"why":"start"'))).toBe(
      true,
    );

    // /healthz on HEALTH_PORT (polling mode): 503, Telegram unreachable, Zalo connected.
    const h1 = await healthz(healthPort);
    expect(h1.status).toBe(503);
    expect(h1.body).toEqual({
      ok: false,
      channels: {
        telegram: {
          state: "unreachable",
          since: new Date(t0).toISOString(),
          lastError: "bị từ chối kết nối, ECONNREFUSED",
        },
        zalo: { state: "connected", since: expect.any(String) },
      },
    });

    // Retried with back-off; the second report comes once a minute has passed, not before.
    for (const delay of [2_000, 4_000, 8_000, 16_000, 32_000]) {
      await clock.waitForSleep(delay);
      expect(c.err).toHaveLength(1);
      await clock.advance(delay);
    }
    await clock.waitForSleep(60_000);
    expect(c.err).toHaveLength(2);
    expect(c.err[1]).toBe(
      "Vẫn chưa kết nối được máy chủ Telegram (bị từ chối kết nối, ECONNREFUSED) sau 1 phút; đang thử lại.",
    );

    // Telegram comes back: the next attempt connects, said once; polling starts; /healthz is 200.
    const tgApi = new FakeBotApi();
    const tgRoot = await tgApi.listen();
    cleanups.push(() => tgApi.close());
    await forward(tgPort, Number(new URL(tgRoot).port));
    await clock.advance(60_000);
    await eventually(() => c.err.length === 3, "the connected message");
    expect(c.err[2]).toBe("Đã kết nối được máy chủ Telegram.");
    await tgApi.waitFor("getUpdates");
    tgApi.enqueueUpdate(body(textUpdate("chủ đề năm 2023")));
    const sent = await tgApi.waitFor("sendMessage");
    expect(visible(String(sent.params["text"]))).toContain("Huy động mọi nguồn lực");
    const h2 = await healthz(healthPort);
    expect(h2.status).toBe(200);
    expect(h2.body).toMatchObject({
      ok: true,
      channels: { telegram: { state: "connected" }, zalo: { state: "connected" } },
    });
    expect(h2.body.channels["telegram"]?.lastError).toBeUndefined();
    expect(logs.lines.find((l) => l.includes('"channel connected"') && l.includes("telegram"))).toContain(
      '"username":"tro_ly_cds_test_bot"',
    );

    stop.abort();
    expect(await running).toBe(0);
    expect(c.err).toHaveLength(3);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const secretParts = [FAKE_TOKEN.split(":")[1]!, FAKE_ZALO_TOKEN.split(":")[1]!];
    for (const s of secretParts) {
      expect(logs.text).not.toContain(s);
      expect(JSON.stringify([h1.body, h2.body])).not.toContain(s);
    }
  });

  it("stopping during the retries ends promptly and frees the writer lock", async () => {
    const dir = await dataDir();
    const c = io({
      DATA_DIR: dir,
      KNOWLEDGE_DIR,
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${await closedPort()}`,
    });
    const logs = new LogSink();
    const clock = new FakeClock();
    const stop = new AbortController();
    const running = main({
      io: c.cio,
      dotenvPath: "/nonexistent/.env",
      logDestination: logs,
      signal: stop.signal,
      clock,
    });
    await clock.waitForSleep(2_000);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    expect(msgs(logs)).toContain("jobs started");
    const t = Date.now();
    stop.abort();
    expect(await running).toBe(0);
    expect(Date.now() - t).toBeLessThan(2_000);
    expect(clock.pending).toEqual([]);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(c.err).toHaveLength(1);
  });

  it("a token Telegram refuses (401) still exits 1 with its message, without starting the jobs", async () => {
    const api = new FakeBotApi({ token: "1:AAAnotherTokenAnotherTokenAnother" });
    const root = await api.listen();
    cleanups.push(() => api.close());
    const dir = await dataDir();
    const c = io({
      DATA_DIR: dir,
      KNOWLEDGE_DIR,
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: root,
    });
    const logs = new LogSink();
    const code = await main({
      io: c.cio,
      dotenvPath: "/nonexistent/.env",
      logDestination: logs,
      clock: new FakeClock(),
    });
    expect(code).toBe(1);
    expect(c.err).toEqual([
      "TELEGRAM_BOT_TOKEN: Telegram từ chối mã bot (401 Unauthorized). Hãy lấy lại mã từ @BotFather và sửa trong .env.",
    ]);
    expect(msgs(logs)).not.toContain("jobs started");
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it.each([
    ["99999", "HEALTH_PORT: phải từ 1 đến 65535"],
    ["abc", "HEALTH_PORT: phải là số nguyên"],
  ])("HEALTH_PORT=%s is refused with its name", async (value, message) => {
    const c = io({
      DATA_DIR: await dataDir(),
      KNOWLEDGE_DIR,
      HEALTH_PORT: value,
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    });
    expect(await main({ io: c.cio, dotenvPath: "/nonexistent/.env", logDestination: new LogSink() })).toBe(1);
    expect(c.err.join("\n")).toContain(message);
  });

  it("a HEALTH_PORT already in use is named in Vietnamese and frees the lock", async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => busy.close(() => r())));
    const dir = await dataDir();
    const c = io({
      DATA_DIR: dir,
      KNOWLEDGE_DIR,
      HOST: "127.0.0.1",
      HEALTH_PORT: String((busy.address() as { port: number }).port),
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${await closedPort()}`,
    });
    const code = await main({
      io: c.cio,
      dotenvPath: "/nonexistent/.env",
      logDestination: new LogSink(),
      clock: new FakeClock(),
    });
    expect(code).toBe(1);
    expect(c.err.join("\n")).toMatch(/HEALTH_PORT: không mở được cổng \d+ \(EADDRINUSE\)/);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
