/**
 * Channel supervision (issue 14, item 5): an API that cannot be reached is reported at once in
 * Vietnamese, retried with back-off (2 s doubling to 60 s), reported again at most once a minute, and
 * "connected" is said once when it answers; final errors (a refused token) are not retried; /healthz
 * tells each channel's state. Time is a FakeClock: no real waiting.
 */
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  ATTEMPT_TIMEOUT_MS,
  ChannelHealth,
  ChannelMonitor,
  connectWithRetry,
  type HealthServer,
  networkReason,
  startHealthServer,
} from "../../src/channels/supervise.ts";
import { LogSink } from "../helpers/bot-harness.ts";
import { eventually, FakeClock } from "../helpers/fake-clock.ts";

/** What fetch throws when the port is closed. */
function refused(): Error {
  return Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
  });
}

class Unauthorized extends Error {}

function setup() {
  const clock = new FakeClock();
  const reports: string[] = [];
  const logs = new LogSink();
  const monitor = new ChannelMonitor("telegram", {
    report: (t) => reports.push(t),
    log: pino({ level: "debug" }, logs),
    clock,
  });
  const stop = new AbortController();
  const retryable = (e: unknown) => (e instanceof Unauthorized ? undefined : networkReason(e));
  return { clock, reports, logs, monitor, stop, retryable };
}

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("connectWithRetry", () => {
  it("reports at once, backs off 2 s doubling to 60 s, reports again after a minute, says when it connects", async () => {
    const { clock, reports, monitor, stop, retryable } = setup();
    const t0 = clock.now();
    let up = false;
    const attempts: number[] = [];
    const result = connectWithRetry({
      monitor,
      attempt: async () => {
        attempts.push(clock.now() - t0);
        if (!up) throw refused();
        return "ok";
      },
      retryable,
      signal: stop.signal,
      clock,
    });
    await eventually(() => reports.length === 1, "the first report");
    // Reported before any time passed: well within 10 s.
    expect(clock.now() - t0).toBe(0);
    expect(reports[0]).toBe(
      "Không kết nối được máy chủ Telegram (bị từ chối kết nối, ECONNREFUSED); sẽ thử lại. Các kênh khác, nhắc hạn và sao lưu vẫn chạy. Kiểm tra mạng hoặc TELEGRAM_API_ROOT.",
    );
    expect(monitor.status).toMatchObject({
      state: "unreachable",
      lastError: "bị từ chối kết nối, ECONNREFUSED",
    });

    for (const delay of [2_000, 4_000, 8_000, 16_000, 32_000]) {
      await clock.waitForSleep(delay);
      await clock.advance(delay);
    }
    // t = 62 s after 6 attempts; the one at 30 s was still within the minute: not reported.
    await clock.waitForSleep(60_000);
    expect(attempts).toEqual([0, 2_000, 6_000, 14_000, 30_000, 62_000]);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toBe(
      "Vẫn chưa kết nối được máy chủ Telegram (bị từ chối kết nối, ECONNREFUSED) sau 1 phút; đang thử lại.",
    );
    // The delay stays at 60 s; the next report comes a minute after the last.
    await clock.advance(60_000);
    await clock.waitForSleep(60_000);
    expect(attempts.at(-1)).toBe(122_000);
    expect(reports).toHaveLength(3);
    expect(reports[2]).toContain("sau 2 phút");

    up = true;
    await clock.advance(60_000);
    expect(await result).toBe("ok");
    monitor.connected({ username: "bot" });
    expect(reports).toHaveLength(4);
    expect(reports[3]).toBe("Đã kết nối được máy chủ Telegram.");
    expect(monitor.status.state).toBe("connected");
    expect(monitor.status.lastError).toBeUndefined();
    // Said once.
    monitor.connected();
    expect(reports).toHaveLength(4);
  });

  it("an error that is not a network failure (a refused token) is rethrown at once, not reported", async () => {
    const { clock, reports, monitor, stop, retryable } = setup();
    let calls = 0;
    const err = await connectWithRetry({
      monitor,
      attempt: async () => {
        calls++;
        throw new Unauthorized("401");
      },
      retryable,
      signal: stop.signal,
      clock,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthorized);
    expect(calls).toBe(1);
    expect(reports).toEqual([]);
    expect(monitor.status.state).toBe("connecting");
  });

  it("an attempt that gets no answer counts as unreachable after 8 s (reported within 10 s)", async () => {
    const { clock, reports, monitor, stop, retryable } = setup();
    let aborted = false;
    void connectWithRetry({
      monitor,
      attempt: (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          }),
        ),
      retryable,
      signal: stop.signal,
      clock,
    });
    await clock.waitForSleep(ATTEMPT_TIMEOUT_MS);
    expect(reports).toEqual([]);
    await clock.advance(ATTEMPT_TIMEOUT_MS);
    expect(ATTEMPT_TIMEOUT_MS).toBeLessThan(10_000);
    expect(reports[0]).toContain("Không kết nối được máy chủ Telegram (không có phản hồi sau 8 giây)");
    expect(aborted).toBe(true);
    stop.abort();
  });

  it("stopping during the back-off ends at once", async () => {
    const { clock, monitor, stop, retryable } = setup();
    let calls = 0;
    const result = connectWithRetry({
      monitor,
      attempt: async () => {
        calls++;
        throw refused();
      },
      retryable,
      signal: stop.signal,
      clock,
    });
    await clock.waitForSleep(2_000);
    stop.abort();
    expect(await result).toBeUndefined();
    expect(calls).toBe(1);
    expect(clock.pending).toEqual([]);
  });
});

describe("networkReason", () => {
  it("names the system error, never the message (which may hold the URL and token)", () => {
    const e = Object.assign(new Error("getaddrinfo ENOTFOUND api.example /bot123:SECRET/getMe"), {
      code: "ENOTFOUND",
    });
    expect(networkReason({ error: { cause: e } })).toBe("không tìm thấy tên máy chủ, ENOTFOUND");
    expect(networkReason(new Error("/bot123:SECRET/getMe"))).toBe("lỗi mạng");
  });
});

describe("/healthz", () => {
  it("reports each channel's state: 503 until every channel is connected, then 200", async () => {
    const { clock, monitor: telegram, reports, logs } = setup();
    const zalo = new ChannelMonitor("zalo", {
      report: (t) => reports.push(t),
      log: pino({ level: "silent" }, logs),
      clock,
    });
    const health = new ChannelHealth();
    health.add(telegram);
    health.add(zalo);
    server = await startHealthServer({ health, port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${server.port}/healthz`;

    let res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      ok: false,
      channels: {
        telegram: { state: "connecting", since: "2023-06-01T02:00:00.000Z" },
        zalo: { state: "connecting", since: "2023-06-01T02:00:00.000Z" },
      },
    });

    zalo.connected();
    await clock.advance(5_000);
    telegram.unreachable("bị từ chối kết nối, ECONNREFUSED");
    res = await fetch(url);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      ok: false,
      channels: {
        telegram: {
          state: "unreachable",
          since: "2023-06-01T02:00:05.000Z",
          lastError: "bị từ chối kết nối, ECONNREFUSED",
        },
        zalo: { state: "connected", since: "2023-06-01T02:00:00.000Z" },
      },
    });
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(503);
    expect(await head.text()).toBe("");

    telegram.connected();
    res = await fetch(url);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toMatchObject({
      ok: true,
      channels: { telegram: { state: "connected" } },
    });
    expect((await fetch(`http://127.0.0.1:${server.port}/khac`)).status).toBe(404);
  });
});
