/** The fake Bot API itself (reused by the reminders' tests): grammY's real client against it. */
import { Bot, GrammyError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_BOT_INFO, FAKE_TOKEN, FakeBotApi, parseTelegramHtml } from "./fake-bot-api.ts";
import { body, textUpdate } from "./updates.ts";

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function overHttp() {
  api = new FakeBotApi();
  const root = await api.listen();
  return { api, bot: new Bot(FAKE_TOKEN, { client: { apiRoot: root } }) };
}

describe("FakeBotApi", () => {
  it("answers getMe and records every call with its parameters", async () => {
    const { api, bot } = await overHttp();
    await bot.init();
    expect(bot.botInfo.username).toBe(FAKE_BOT_INFO.username);
    const m = await bot.api.sendMessage(7, "<b>chào</b> &amp; hẹn gặp", { parse_mode: "HTML" });
    expect(m.text).toBe("chào & hẹn gặp");
    expect(api.calls.map((c) => c.method)).toEqual(["getMe", "sendMessage"]);
    expect(api.callsTo("sendMessage")[0]).toEqual({
      chat_id: 7,
      text: "<b>chào</b> &amp; hẹn gặp",
      parse_mode: "HTML",
    });
    expect(api.sent()).toEqual(["<b>chào</b> &amp; hẹn gặp"]);
  });

  it("accepts documents and photos as multipart uploads or file ids", async () => {
    const { api, bot } = await overHttp();
    await bot.api.sendDocument(7, new InputFile(Buffer.from("a,b\n1,2\n"), "bao-cao.csv"), {
      caption: "Báo cáo",
    });
    await bot.api.sendPhoto(7, "photo-file-id");
    expect(api.callsTo("sendDocument")[0]).toEqual({
      chat_id: 7,
      caption: "Báo cáo",
      document: { filename: "bao-cao.csv", size: 8 },
    });
    expect(api.callsTo("sendPhoto")[0]).toEqual({ chat_id: 7, photo: "photo-file-id" });
  });

  it("injects faults per method: 403 blocked, 500, 429 with retry_after, and a dropped connection", async () => {
    const { api, bot } = await overHttp();
    api.fail("sendMessage", { kind: "blocked" });
    api.fail("sendMessage", { kind: "500" });
    api.fail("sendMessage", { kind: "429", retryAfter: 7 });
    api.fail("sendMessage", { kind: "drop" });
    const errors: unknown[] = [];
    for (let i = 0; i < 4; i++) await bot.api.sendMessage(1, "x").catch((e: unknown) => errors.push(e));
    expect(errors.slice(0, 3).map((e) => (e as GrammyError).error_code)).toEqual([403, 500, 429]);
    expect((errors[0] as GrammyError).description).toBe("Forbidden: bot was blocked by the user");
    expect((errors[2] as GrammyError).parameters.retry_after).toBe(7);
    expect((errors[3] as Error).name).toBe("HttpError");
    await bot.api.sendMessage(1, "y");
    expect(api.calls.map((c) => c.ok)).toEqual([false, false, false, false, true]);
  });

  it("a fault can target only calls matching a predicate", async () => {
    const { api, bot } = await overHttp();
    api.fail("sendMessage", { kind: "blocked" }, 1, (p) => p["chat_id"] === 2);
    await bot.api.sendMessage(1, "a");
    await expect(bot.api.sendMessage(2, "b")).rejects.toThrow(GrammyError);
    await bot.api.sendMessage(2, "c");
    expect(api.sent()).toEqual(["a", "c"]);
  });

  it("refuses what Telegram refuses", async () => {
    const { api, bot } = await overHttp();
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: GrammyError) => `${e.error_code} ${e.description}`,
      );
    expect(await code(bot.api.sendMessage(1, "<b>x", { parse_mode: "HTML" }))).toMatch(
      /^400 Bad Request: can't parse entities/,
    );
    expect(await code(bot.api.sendMessage(1, "a & b", { parse_mode: "HTML" }))).toMatch(
      /can't parse entities/,
    );
    expect(await code(bot.api.sendMessage(1, "x".repeat(4097)))).toBe("400 Bad Request: message is too long");
    // 4096 visible characters are fine even when the HTML is longer.
    expect(await code(bot.api.sendMessage(1, `<b>${"x".repeat(4096)}</b>`, { parse_mode: "HTML" }))).toBe(
      200,
    );
    const kb = { inline_keyboard: [[{ text: "b", callback_data: "x".repeat(65) }]] };
    expect(await code(bot.api.sendMessage(1, "x", { reply_markup: kb }))).toBe(
      "400 Bad Request: BUTTON_DATA_INVALID",
    );
    const sent = await bot.api.sendMessage(1, "same");
    expect(await code(bot.api.editMessageText(1, sent.message_id, "same"))).toMatch(
      /message is not modified/,
    );
    expect(await code(bot.api.editMessageText(1, sent.message_id, "changed"))).toBe(200);
    expect(await code(bot.api.answerCallbackQuery("id", { text: "x".repeat(201) }))).toMatch(/^400/);
    expect(await code(bot.api.setMyCommands([{ command: "Bad-Name", description: "x" }]))).toMatch(
      /BOT_COMMAND_INVALID/,
    );
    expect(await code(bot.api.raw.getChat({ chat_id: 1 }))).toBe("404 Not Found");
    const stranger = new Bot("1:AAAnotherTokenAnotherTokenAnother", { client: { apiRoot: api.apiRoot } });
    expect(await code(stranger.api.getMe())).toBe("401 Unauthorized");
  });

  it("long polling: getUpdates waits for an update, offsets confirm, a webhook makes it 409", async () => {
    const { api, bot } = await overHttp();
    const pending = bot.api.getUpdates({ offset: 0, timeout: 30 });
    await api.waitFor("getUpdates");
    const u = api.enqueueUpdate(body(textUpdate("chào")));
    const got = await pending;
    expect(got.map((x) => x.update_id)).toEqual([u.update_id]);
    expect(got[0]!.message?.text).toBe("chào");
    // Not confirmed yet: delivered again; confirmed by the next offset.
    expect((await bot.api.getUpdates({ offset: 0, timeout: 0 })).length).toBe(1);
    expect(await bot.api.getUpdates({ offset: u.update_id + 1, timeout: 0 })).toEqual([]);
    await bot.api.setWebhook("https://example.org/hook", { secret_token: "s3cret-s3cret-s3cret" });
    expect(api.webhook).toMatchObject({
      url: "https://example.org/hook",
      secret_token: "s3cret-s3cret-s3cret",
    });
    await expect(bot.api.getUpdates({ timeout: 0 })).rejects.toThrow(/409|Conflict/);
    await bot.api.deleteWebhook();
    expect(api.webhook).toBeUndefined();
  });

  it("works in process as client.fetch, with the same recording", async () => {
    api = new FakeBotApi();
    const bot = new Bot(FAKE_TOKEN, { client: { fetch: api.fetch }, botInfo: FAKE_BOT_INFO });
    await bot.api.sendChatAction(3, "typing");
    await bot.api.sendDocument(3, new InputFile(Buffer.from("xyz"), "a.txt"));
    api.fail("sendMessage", { kind: "drop" });
    await expect(bot.api.sendMessage(3, "x")).rejects.toThrow(/Network request/);
    expect(api.callsTo("sendChatAction")).toEqual([{ chat_id: 3, action: "typing" }]);
    expect(api.callsTo("sendDocument")[0]).toMatchObject({ document: { filename: "a.txt", size: 3 } });
  });
});

describe("parseTelegramHtml", () => {
  it.each([
    ["<b>a</b> &lt;x&gt; &amp; &quot;", { text: 'a <x> & "' }],
    ['<a href="https://t.me/x">t</a>', { text: "t" }],
    ["&#39;&#x41;", { text: "'A" }],
  ])("reads %j", (html, expected) => {
    expect(parseTelegramHtml(html)).toEqual(expected);
  });

  it.each(["<b>a", "<b>a</i>", "<script>x</script>", "a & b", "a < b", "a > b", "<b"])(
    "refuses %j",
    (html) => {
      expect(parseTelegramHtml(html)).toHaveProperty("error");
    },
  );
});
