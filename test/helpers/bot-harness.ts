/**
 * A bot on a real App (temp DATA_DIR, the shipped knowledge/, a clock the test moves) whose API
 * calls go to a FakeBotApi in process (`client.fetch`). Updates go through `bot.handleUpdate`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Composer, Context } from "grammy";
import type { Update } from "grammy/types";
import { type App, createApp, createLogger } from "../../src/app/app.ts";
import { Assistant } from "../../src/app/assistant.ts";
import { createBot } from "../../src/channels/telegram/bot.ts";
import type { FloodLimit } from "../../src/channels/telegram/features/guards.ts";
import { loadConfig } from "../../src/config.ts";
import { FAKE_BOT_INFO, FAKE_TOKEN, FakeBotApi } from "./fake-bot-api.ts";
import { type From, textUpdate } from "./updates.ts";

/** 09:00 on 1 June 2023 in Ninh Thuận. */
export const DEFAULT_NOW = "2023-06-01T02:00:00.000Z";
export const KNOWLEDGE_DIR = path.resolve("knowledge");
export const DAY_MS = 86_400_000;

/** Collects JSON log lines. */
export class LogSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join("\n");
  }
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "tro-ly-tg-"));
}

export interface AppHarness {
  app: App;
  assistant: Assistant;
  dir: string;
  logs: LogSink;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

export async function makeApp(
  env: Record<string, string> = {},
  opts: { now?: string; dir?: string } = {},
): Promise<AppHarness> {
  const dir = opts.dir ?? (await tempDataDir());
  const config = loadConfig({ DATA_DIR: dir, KNOWLEDGE_DIR, LOG_LEVEL: "info", ...env }, "/nonexistent/.env");
  const logs = new LogSink();
  const clock = {
    now: new Date(opts.now ?? DEFAULT_NOW),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const app = await createApp({ config, now: () => clock.now, logger: createLogger(config, logs) });
  const assistant = new Assistant(app);
  return {
    app,
    assistant,
    dir,
    logs,
    clock,
    async close() {
      await app.close().catch(() => {});
      if (!opts.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface BotHarness extends AppHarness {
  api: FakeBotApi;
  bot: ReturnType<typeof createBot>;
  /** Handles a text message from a user (default: a private chat with DEFAULT_USER_ID). */
  send(text: string, from?: From): Promise<void>;
  handle(update: Update): Promise<void>;
  /** sendMessage texts since the mark (see `mark`). */
  sentSince(mark: number): string[];
  /** The number of calls so far, to look only at what comes next. */
  mark(): number;
}

export async function makeBot(
  env: Record<string, string> = {},
  opts: {
    now?: string;
    flood?: FloodLimit;
    retry?: false;
    extraFeatures?: Composer<Context>[];
    dir?: string;
  } = {},
): Promise<BotHarness> {
  const h = await makeApp(env, opts);
  const api = new FakeBotApi();
  const bot = createBot({
    app: h.app,
    assistant: h.assistant,
    token: FAKE_TOKEN,
    fetch: api.fetch,
    botInfo: FAKE_BOT_INFO,
    ...(opts.flood ? { flood: opts.flood } : {}),
    ...(opts.retry === false ? { retry: false as const } : {}),
    ...(opts.extraFeatures ? { extraFeatures: opts.extraFeatures } : {}),
  });
  return {
    ...h,
    api,
    bot,
    handle: (u) => bot.handleUpdate(u),
    send: (text, from) => bot.handleUpdate(textUpdate(text, from)),
    mark: () => api.calls.length,
    sentSince: (mark) =>
      api.calls
        .slice(mark)
        .filter((c) => c.method === "sendMessage" && c.ok)
        .map((c) => String(c.params["text"])),
    async close() {
      await api.close();
      await h.close();
    },
  };
}

/** The visible text of an HTML message (tags removed, entities decoded). */
export function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** Every callback_data on the inline keyboard of a sendMessage/editMessageText call. */
export function buttonsOf(params: Record<string, unknown>): { text: string; data: string }[] {
  const markup = params["reply_markup"] as
    | { inline_keyboard?: { text: string; callback_data?: string }[][] }
    | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" }));
}
