/** `npm start`: config errors, the terminal chat with no channel, Telegram when a token is set. */
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli/io.ts";
import { configSchema } from "../src/config.ts";
import { main } from "../src/main.ts";
import { KNOWLEDGE_DIR, LogSink, tempDataDir, visible } from "./helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "./helpers/fake-bot-api.ts";
import { body, textUpdate } from "./helpers/updates.ts";

const dirs: string[] = [];
let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function env(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const d = await tempDataDir();
  dirs.push(d);
  return { DATA_DIR: d, KNOWLEDGE_DIR, LOG_LEVEL: "info", ...extra };
}

function io(e: Record<string, string>, stdin?: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const cio: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: e,
    ...(stdin ? { stdin: Readable.from(stdin) } : {}),
  };
  return { cio, out, err };
}

describe("main", () => {
  it("with no channel configured, opens the offline chat on standard input", async () => {
    const c = io(await env(), ["chủ đề chuyển đổi số năm 2023\n", "thoát\n"]);
    const logs = new LogSink();
    const code = await main({ io: c.cio, dotenvPath: "/nonexistent/.env", logDestination: logs });
    expect(code).toBe(0);
    expect(c.err).toEqual([]);
    expect(c.out[0]).toContain("trò chuyện ngoại tuyến");
    expect(c.out.join("\n")).toContain("Huy động mọi nguồn lực");
  });

  it("the offline chat answers a command, a choice it did not list and an unanswered question plainly, and '/thoat' quits", async () => {
    const c = io(await env(), [
      "/tongquan\n",
      "7\n",
      "lương giám đốc sở bao nhiêu\n",
      "/thoat\n",
      "chủ đề 2023\n",
    ]);
    const code = await main({ io: c.cio, dotenvPath: "/nonexistent/.env", logDestination: new LogSink() });
    expect(code).toBe(0);
    const out = c.out.join("\n");
    expect(out).toContain("Khung trò chuyện này không có lệnh /tongquan");
    expect(out).toContain("Không có gợi ý nào để chọn");
    // (Pay is not recorded: said so, plainly.)
    expect(out).toContain("Nguồn hiện có không ghi tiền lương");
    // (This chat keeps nothing: it does not say the question was kept.)
    expect(out).not.toContain("đã được ghi lại");
    // (Quit before the last line.)
    expect(out).not.toContain("Huy động mọi nguồn lực");
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: "abc" }, "TELEGRAM_BOT_TOKEN: không đúng dạng mã bot của BotFather"],
    [
      { TELEGRAM_WEBHOOK_URL: "https://example.org/telegram" },
      "TELEGRAM_WEBHOOK_SECRET: bắt buộc khi đặt TELEGRAM_WEBHOOK_URL",
    ],
    [{ BOT_ACCESS: "everyone" }, "BOT_ACCESS:"],
    [{ PORT: "99999" }, "PORT: phải từ 1 đến 65535"],
  ])("a wrong configuration %j prints the variable in Vietnamese and exits 1", async (extra, message) => {
    const c = io(await env(extra as Record<string, string>));
    const code = await main({ io: c.cio, dotenvPath: "/nonexistent/.env", logDestination: new LogSink() });
    expect(code).toBe(1);
    const text = c.err.join("\n");
    expect(text).toContain("Cấu hình không hợp lệ");
    expect(text).toContain(message);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it("with a token, runs the Telegram bot until stopped, never logging the token", async () => {
    api = new FakeBotApi();
    const root = await api.listen();
    const c = io(await env({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root, BOT_ACCESS: "open" }));
    const logs = new LogSink();
    const stop = new AbortController();
    const running = main({
      io: c.cio,
      dotenvPath: "/nonexistent/.env",
      logDestination: logs,
      signal: stop.signal,
    });
    await api.waitFor("getUpdates");
    api.enqueueUpdate(body(textUpdate("chủ đề năm 2023")));
    const sent = await api.waitFor("sendMessage");
    expect(visible(String(sent.params["text"]))).toContain("Huy động mọi nguồn lực");
    stop.abort();
    expect(await running).toBe(0);
    expect(c.err).toEqual([]);
    const started = logs.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l["msg"] === "Telegram bot started");
    expect(started).toMatchObject({ channel: "telegram", mode: "polling", username: "tro_ly_cds_test_bot" });
    expect(logs.text).not.toContain(FAKE_TOKEN.split(":")[1]);
  });

  it("a token Telegram refuses exits 1 with a clear message", async () => {
    api = new FakeBotApi({ token: "1:AAAnotherTokenAnotherTokenAnother" });
    const root = await api.listen();
    const c = io(await env({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root }));
    const code = await main({ io: c.cio, dotenvPath: "/nonexistent/.env", logDestination: new LogSink() });
    expect(code).toBe(1);
    expect(c.err.join("\n")).toContain("TELEGRAM_BOT_TOKEN: Telegram từ chối mã bot");
  });
});

describe(".env.example", () => {
  it("lists every configuration variable, each with a comment above it", () => {
    const names = Object.keys(configSchema.shape);
    expect(names.length).toBeGreaterThan(10);
    const lines = readFileSync(".env.example", "utf8").split("\n");
    for (const name of names) {
      const i = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(i, `${name} in .env.example`).toBeGreaterThan(0);
      expect(lines[i - 1]!.startsWith("#"), `comment above ${name}`).toBe(true);
    }
  });
});
