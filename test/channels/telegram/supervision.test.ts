/**
 * startTelegram under supervision (npm start, issue 14 item 5): in webhook mode the server answers
 * /healthz with the channels' states while Telegram is being reached, a failed setWebhook is retried
 * (fake time) instead of ending the start; once connected, a network failure while polling flips the
 * state to unreachable and the next answer back to connected.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ChannelHealth, ChannelMonitor } from "../../../src/channels/supervise.ts";
import { createBot } from "../../../src/channels/telegram/bot.ts";
import { startTelegram, type TelegramRunner } from "../../../src/channels/telegram/run.ts";
import { type AppHarness, LogSink, makeApp } from "../../helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "../../helpers/fake-bot-api.ts";
import { eventually, FakeClock } from "../../helpers/fake-clock.ts";
import { body, textUpdate } from "../../helpers/updates.ts";

const SECRET = "webhook-secret-for-tests-0123456789";

let api: FakeBotApi | undefined;
let h: AppHarness | undefined;
let runner: TelegramRunner | undefined;
const stop = { controller: new AbortController() };
afterEach(async () => {
  stop.controller.abort();
  stop.controller = new AbortController();
  await runner?.stop();
  await api?.close();
  await h?.close();
  runner = undefined;
  api = undefined;
  h = undefined;
});

async function freePort(): Promise<number> {
  const s = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => s.once("listening", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

function monitorFor(clock: FakeClock) {
  const reports: string[] = [];
  const monitor = new ChannelMonitor("telegram", {
    report: (t) => reports.push(t),
    log: pino({ level: "silent" }, new LogSink()),
    clock,
  });
  const health = new ChannelHealth();
  health.add(monitor);
  return { reports, monitor, health };
}

describe("startTelegram with supervision", () => {
  it("webhook mode: /healthz reports the state while connecting; a failed setWebhook is retried", async () => {
    api = new FakeBotApi();
    const root = await api.listen();
    const port = await freePort();
    h = await makeApp({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: root,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
    });
    const clock = new FakeClock();
    const { reports, monitor, health } = monitorFor(clock);
    api.fail("setWebhook", { kind: "drop" });
    const starting = startTelegram({
      app: h.app,
      assistant: h.assistant,
      host: "127.0.0.1",
      health,
      supervise: { monitor, signal: stop.controller.signal, clock },
    });
    await clock.waitForSleep(2_000);
    const down = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(down.status).toBe(503);
    const downBody = (await down.json()) as { ok: boolean; channels: { telegram: Record<string, string> } };
    expect(downBody.ok).toBe(false);
    expect(downBody.channels.telegram).toMatchObject({ state: "unreachable" });
    expect(downBody.channels.telegram["lastError"]).toMatch(/kết nối bị ngắt|lỗi mạng/);
    expect(JSON.stringify(downBody)).not.toContain(FAKE_TOKEN.split(":")[1]!);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain("Không kết nối được máy chủ Telegram");

    await clock.advance(2_000);
    runner = await starting;
    expect(runner.mode).toBe("webhook");
    expect(api.callsTo("setWebhook")).toHaveLength(1);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, channels: { telegram: { state: "connected" } } });
    expect(reports.at(-1)).toBe("Đã kết nối được máy chủ Telegram.");
  });

  it("polling: a network failure after connecting flips the state to unreachable, the next answer back", async () => {
    api = new FakeBotApi();
    const root = await api.listen();
    h = await makeApp({ BOT_ACCESS: "open", TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root });
    const clock = new FakeClock();
    const { reports, monitor } = monitorFor(clock);
    // No transformer-level retries: the failure reaches the supervisor's hook at once.
    const bot = createBot({
      app: h.app,
      assistant: h.assistant,
      token: FAKE_TOKEN,
      apiRoot: root,
      networkRetry: { attempts: 0 },
    });
    runner = await startTelegram({
      app: h.app,
      assistant: h.assistant,
      bot,
      supervise: { monitor, signal: stop.controller.signal, clock },
    });
    expect(monitor.status.state).toBe("connected");
    expect(reports).toEqual([]);
    await api.waitFor("getUpdates");
    api.fail("getUpdates", { kind: "drop" });
    api.enqueueUpdate(body(textUpdate("chủ đề năm 2023")));
    await eventually(() => monitor.state === "unreachable", "unreachable");
    expect(reports[0]).toContain("Không kết nối được máy chủ Telegram");
    // grammY polls again after 3 s (real time); the long poll answers with the next update.
    api.enqueueUpdate(body(textUpdate("chủ đề năm 2024")));
    await eventually(() => monitor.state === "connected", "connected again");
    expect(reports.at(-1)).toBe("Đã kết nối được máy chủ Telegram.");
  });
});
