/**
 * End to end: grammY's real HTTP client against the fake Bot API server, started the way
 * `npm start` starts it (startTelegram): long polling, then webhook mode.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/channels/telegram/bot.ts";
import {
  startTelegram,
  type TelegramRunner,
  TelegramStartError,
} from "../../../src/channels/telegram/run.ts";
import { TEXTS } from "../../../src/channels/telegram/texts.ts";
import { type AppHarness, buttonsOf, makeApp, visible } from "../../helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "../../helpers/fake-bot-api.ts";
import { body, callbackUpdate, textUpdate } from "../../helpers/updates.ts";

const TOKEN_SECRET_PART = FAKE_TOKEN.split(":")[1]!;
const SECRET = "webhook-secret-for-tests-0123456789";

let api: FakeBotApi | undefined;
let h: AppHarness | undefined;
let runner: TelegramRunner | undefined;
afterEach(async () => {
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

async function polling(env: Record<string, string> = {}) {
  api = new FakeBotApi();
  const root = await api.listen();
  h = await makeApp({ BOT_ACCESS: "open", TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root, ...env });
  return { api, h };
}

describe("long polling", () => {
  it("starts, answers a question, and a button press answers the callback with a new message", async () => {
    const { api, h } = await polling();
    runner = await startTelegram({ app: h.app, assistant: h.assistant });
    expect(runner.mode).toBe("polling");
    expect(runner.username).toBe("tro_ly_cds_test_bot");
    await api.waitFor("getUpdates");
    const menu = api.callsTo("setMyCommands")[0]!["commands"] as { command: string; description: string }[];
    expect(menu.map((c) => c.command)).toEqual(
      expect.arrayContaining([
        "chude",
        "nhiemvu",
        "hanchot",
        "quahan",
        "vanban",
        "timkiem",
        "lienket",
        "huylienket",
      ]),
    );
    expect(menu.find((c) => c.command === "chude")?.description).toBe("Chủ đề chuyển đổi số của năm");
    expect(menu.map((c) => c.command)).not.toContain("moi");
    expect(api.callsTo("deleteWebhook")[0]).toMatchObject({ drop_pending_updates: false });
    expect(api.callsTo("getUpdates")[0]).toMatchObject({
      allowed_updates: ["message", "callback_query", "my_chat_member"],
    });

    api.enqueueUpdate(body(textUpdate("/start")));
    await api.waitFor("sendMessage");
    expect(visible(api.sent()[0]!)).toContain("Xin chào! Tôi là Trợ lý CĐS.");

    api.enqueueUpdate(body(textUpdate("nhiệm vụ")));
    const answer = await api.waitFor("sendMessage", { count: 2 });
    expect(visible(String(answer.params["text"]))).toContain("Tuyên truyền Ngày Chuyển đổi số tỉnh");
    const doc = buttonsOf(answer.params).find((b) => b.data.startsWith("q:v:"))!;
    expect(doc).toBeDefined();

    api.enqueueUpdate(body(callbackUpdate(doc.data, { messageId: 2 })));
    const cb = await api.waitFor("answerCallbackQuery");
    expect(cb.params["text"]).toBeUndefined();
    const next = await api.waitFor("sendMessage", { count: 3 });
    expect(visible(String(next.params["text"]))).toContain(doc.text.replace(/^Văn bản /, ""));

    await runner.stop();
    // The last update was confirmed: the next getUpdates starts after it.
    const offsets = api.callsTo("getUpdates").map((p) => Number(p["offset"] ?? 0));
    expect(Math.max(...offsets)).toBeGreaterThan(1002);
    await expect(runner.done).resolves.toBeUndefined();
  });

  it("gives admins the admin menu, and a failing admin menu does not stop the start", async () => {
    const { api, h } = await polling({ ADMIN_TELEGRAM_IDS: "42,43" });
    api.fail(
      "setMyCommands",
      { kind: "error", code: 400, description: "Bad Request: chat not found" },
      1,
      (p) => (p["scope"] as { chat_id?: number } | undefined)?.chat_id === 43,
    );
    runner = await startTelegram({ app: h.app, assistant: h.assistant });
    await api.waitFor("getUpdates");
    const calls = api.calls.filter((c) => c.method === "setMyCommands");
    expect(calls.map((c) => c.ok)).toEqual([true, true, false]);
    expect(calls[1]!.params).toMatchObject({ scope: { type: "chat", chat_id: 42 } });
    expect((calls[1]!.params["commands"] as { command: string }[]).map((c) => c.command)).toContain("moi");
    expect(h.logs.text).toContain("could not set the admin command menu");
  });

  it("retries a dropped connection (auto-retry) and the answer arrives", async () => {
    const { api, h } = await polling();
    runner = await startTelegram({ app: h.app, assistant: h.assistant });
    await api.waitFor("getUpdates");
    api.fail("sendMessage", { kind: "drop" }, 1);
    api.enqueueUpdate(body(textUpdate("chủ đề năm 2023")));
    const sent = await api.waitFor("sendMessage");
    expect(visible(String(sent.params["text"]))).toContain("Huy động mọi nguồn lực");
    expect(api.calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([false, true]);
    expect(h.logs.text).not.toContain(TOKEN_SECRET_PART);
  });

  it("logs a network failure without the token (which is in every API URL)", async () => {
    const { api, h } = await polling();
    const bot = createBot({
      app: h.app,
      assistant: h.assistant,
      token: FAKE_TOKEN,
      apiRoot: api.apiRoot,
      retry: false,
    });
    runner = await startTelegram({ app: h.app, assistant: h.assistant, bot });
    await api.waitFor("getUpdates");
    api.fail("sendMessage", { kind: "drop" }, 1);
    api.enqueueUpdate(body(textUpdate("chủ đề năm 2023")));
    // The apology goes out once the connection works again.
    const sent = await api.waitFor("sendMessage");
    expect(sent.params["text"]).toBe(TEXTS.apology);
    const line = h.logs.lines.find((l) => l.includes("update failed"))!;
    expect(JSON.parse(line)).toMatchObject({ error: { type: "HttpError" } });
    expect(line).toContain("[ẩn]");
    expect(h.logs.text).not.toContain(TOKEN_SECRET_PART);
  });

  it("stops even when the Bot API has become unreachable", async () => {
    const { api, h } = await polling();
    runner = await startTelegram({ app: h.app, assistant: h.assistant, stopTimeoutMs: 300 });
    await api.waitFor("getUpdates");
    await api.close();
    await runner.stop();
    expect(runner.bot.isRunning()).toBe(false);
    // The store can be closed and reopened: nothing holds it.
    await h.app.close();
    const again = await makeApp({}, { dir: h.dir });
    expect(again.app.store.state.users()).toEqual([]);
    await again.close();
  });

  it("a token Telegram refuses stops the start with a clear message", async () => {
    api = new FakeBotApi({ token: "999:AAOtherTokenOtherTokenOther" });
    const root = await api.listen();
    h = await makeApp({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root });
    const start = startTelegram({ app: h.app, assistant: h.assistant });
    await expect(start).rejects.toThrow(TelegramStartError);
    await expect(start).rejects.toThrow("TELEGRAM_BOT_TOKEN: Telegram từ chối mã bot (401 Unauthorized)");
    expect(h.logs.text).not.toContain(TOKEN_SECRET_PART);
  });
});

describe("webhook", () => {
  async function webhook() {
    api = new FakeBotApi();
    const root = await api.listen();
    const port = await freePort();
    h = await makeApp({
      BOT_ACCESS: "open",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: root,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
    });
    runner = await startTelegram({ app: h.app, assistant: h.assistant, host: "127.0.0.1" });
    return { api, h, runner, port };
  }

  it("sets the webhook with the secret, refuses a wrong or missing secret, answers with the right one", async () => {
    const { api, port } = await webhook();
    expect(runner!.mode).toBe("webhook");
    expect(runner!.port).toBe(port);
    expect(api.callsTo("setWebhook")[0]).toMatchObject({
      url: `http://127.0.0.1:${port}/telegram`,
      secret_token: SECRET,
      drop_pending_updates: false,
      allowed_updates: ["message", "callback_query", "my_chat_member"],
    });

    const wrong = await api.postToWebhook(body(textUpdate("chủ đề năm 2023")), "not-the-secret-0000000");
    expect(wrong.status).toBe(401);
    const missing = await api.postToWebhook(body(textUpdate("chủ đề năm 2023")), null);
    expect(missing.status).toBe(401);
    expect(api.callsTo("sendMessage")).toEqual([]);
    expect(api.callsTo("sendChatAction")).toEqual([]);

    const right = await api.postToWebhook(body(textUpdate("chủ đề năm 2023")));
    expect(right.status).toBe(200);
    const sent = await api.waitFor("sendMessage");
    expect(visible(String(sent.params["text"]))).toContain("Huy động mọi nguồn lực");
    expect(api.callsTo("getUpdates")).toEqual([]);
  });

  it("serves /healthz; other paths and methods are refused", async () => {
    const { port } = await webhook();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`http://127.0.0.1:${port}/telegram`)).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/khac`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("stops: the server closes and the webhook stays set for the next start", async () => {
    const { api, port } = await webhook();
    await runner!.stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(api.callsTo("deleteWebhook")).toEqual([]);
    expect(api.webhook?.url).toBe(`http://127.0.0.1:${port}/telegram`);
  });
});
