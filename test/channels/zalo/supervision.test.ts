/**
 * startZalo tells the channel monitor (npm start, issue 14 item 5) when Zalo cannot be reached and
 * when it answers again; /healthz of the Zalo webhook server reports the channels' states.
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ChannelHealth, ChannelMonitor } from "../../../src/channels/supervise.ts";
import { startZalo } from "../../../src/channels/zalo/run.ts";
import { LogSink } from "../../helpers/bot-harness.ts";
import { eventually, FakeClock } from "../../helpers/fake-clock.ts";
import { FAKE_ZALO_TOKEN, textUpdate } from "../../helpers/fake-zalo-api.ts";
import { onCleanup, zaloEnv } from "./setup.ts";

function monitorFor(clock: FakeClock) {
  const reports: string[] = [];
  const monitor = new ChannelMonitor("zalo", {
    report: (t) => reports.push(t),
    log: pino({ level: "silent" }, new LogSink()),
    clock,
  });
  const health = new ChannelHealth();
  health.add(monitor);
  return { reports, monitor, health };
}

describe("startZalo with a connection monitor", () => {
  it("reports Zalo unreachable once, retries, and says so once when it answers", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const clock = new FakeClock();
    const { reports, monitor } = monitorFor(clock);
    env.api.fail("getMe", "drop");
    env.api.fail("deleteWebhook", "drop", 2);
    const runner = await startZalo(env.app, env.assistant, {
      backoff: { initialMs: 5, maxMs: 20 },
      pollTimeout: "1",
      connection: monitor,
    });
    onCleanup(() => runner.stop());
    expect(monitor.status).toMatchObject({ state: "unreachable", lastError: "lỗi mạng" });
    expect(reports[0]).toBe(
      "Không kết nối được máy chủ Zalo (lỗi mạng); sẽ thử lại. Các kênh khác, nhắc hạn và sao lưu vẫn chạy. Kiểm tra mạng hoặc ZALO_API_ROOT.",
    );
    await eventually(() => monitor.state === "connected", "connected");
    // Three failures within the same (fake) minute: one report, then "connected" once.
    expect(reports).toEqual([reports[0], "Đã kết nối được máy chủ Zalo."]);
    env.api.pushUpdate(textUpdate("s1", "tb 16"));
    await env.api.waitFor("sendMessage");
    expect(env.logs.join("")).not.toContain(FAKE_ZALO_TOKEN.split(":")[1]!);
  });

  it("webhook mode: /healthz reports the channels' states", async () => {
    const env = await zaloEnv({
      env: {
        ZALO_WEBHOOK_URL: "https://bot.example.vn/zalo/hook",
        ZALO_WEBHOOK_SECRET: "bi-mat-webhook-123",
      },
    });
    const clock = new FakeClock();
    const { monitor, health } = monitorFor(clock);
    env.api.fail("setWebhook", 503);
    const runner = await startZalo(env.app, env.assistant, {
      backoff: { initialMs: 5, maxMs: 20 },
      port: 0,
      host: "127.0.0.1",
      connection: monitor,
      health,
    });
    onCleanup(() => runner.stop());
    await eventually(() => monitor.state === "connected", "connected");
    const res = await fetch(`http://127.0.0.1:${runner.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      channels: { zalo: { state: "connected", since: new Date(clock.now()).toISOString() } },
    });
    monitor.unreachable("lỗi mạng");
    const down = await fetch(`http://127.0.0.1:${runner.port}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, channels: { zalo: { state: "unreachable" } } });
  });
});
