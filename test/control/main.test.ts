/**
 * `npm start` serves the control endpoint: a plan imported from the CLI while the Telegram bot runs
 * is answered by the bot at once; stopping removes the socket and token.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/main.ts";
import { KNOWLEDGE_DIR, LogSink, visible } from "../helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { body, textUpdate } from "../helpers/updates.ts";
import { cli, tempDir } from "./helpers.ts";

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe("main with a bot", () => {
  it("runs the CLI's writes and the bot answers from them; stopping removes the endpoint", async () => {
    api = new FakeBotApi();
    const root = await api.listen();
    const dataDir = await tempDir();
    const env = {
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR,
      LOG_LEVEL: "info",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: root,
      BOT_ACCESS: "open",
      USER: "thu-ky",
    };
    const err: string[] = [];
    const io: CliIo = { out: () => {}, err: (t) => err.push(t), env };
    const stop = new AbortController();
    const running = main({
      io,
      dotenvPath: "/nonexistent/.env",
      logDestination: new LogSink(),
      signal: stop.signal,
    });
    await api.waitFor("getUpdates");
    expect(existsSync(path.join(dataDir, "control.sock"))).toBe(true);

    const imported = await cli(
      ["kb", "import", "test/fixtures/plans/ke-hoach-45-2025.docx", "--apply", "--create-units"],
      env,
    );
    expect(imported.err).toBe("");
    expect(imported.code).toBe(0);

    api.enqueueUpdate(body(textUpdate("các nhiệm vụ về an toàn thông tin mạng")));
    const sent = await api.waitFor("sendMessage");
    expect(visible(String(sent.params["text"]))).toContain(
      "Diễn tập thực chiến bảo đảm an toàn thông tin mạng cấp tỉnh",
    );

    stop.abort();
    expect(await running).toBe(0);
    expect(err).toEqual([]);
    expect(existsSync(path.join(dataDir, "control.sock"))).toBe(false);
    expect(existsSync(path.join(dataDir, "control.token"))).toBe(false);
  });
});
