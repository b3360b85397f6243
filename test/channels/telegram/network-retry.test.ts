/**
 * An unreachable Telegram (issue 14): network errors are retried a bounded number of times, each retry
 * logged, then start-up fails with a Vietnamese message, instead of auto-retry waiting forever.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/channels/telegram/bot.ts";
import { startTelegram, TelegramStartError } from "../../../src/channels/telegram/run.ts";
import { type AppHarness, makeApp } from "../../helpers/bot-harness.ts";
import { FAKE_TOKEN } from "../../helpers/fake-bot-api.ts";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close?.();
  h = undefined;
});

describe("Telegram unreachable", () => {
  it("gives up after a few logged retries and says it cannot connect", async () => {
    // A closed port on loopback: every call fails at once with a network error.
    h = await makeApp({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:9" });
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const bot = createBot({
      app: h.app,
      assistant: h.assistant,
      token: FAKE_TOKEN,
      apiRoot: "http://127.0.0.1:9",
      fetch: counting,
      networkRetry: { attempts: 2, delayMs: 10 },
    });
    const t0 = Date.now();
    const err = await startTelegram({ app: h.app, assistant: h.assistant, bot }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramStartError);
    expect((err as Error).message).toContain("Không kết nối được tới máy chủ Telegram");
    expect(calls).toBe(3);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const retries = h.logs.lines.filter((l) => l.includes("Telegram unreachable, retrying"));
    expect(retries).toHaveLength(2);
    expect(h.logs.text).not.toContain(FAKE_TOKEN.split(":")[1]!);
  });
});
