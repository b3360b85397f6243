/** Handler tests: updates through bot.handleUpdate, API calls recorded by the fake API (client.fetch). */

import { Composer, type Context } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback } from "../../../src/channels/telegram/callback-data.ts";
import { USER_COMMANDS } from "../../../src/channels/telegram/menu.ts";
import { TEXTS } from "../../../src/channels/telegram/texts.ts";
import { CONVERSATION_TEXTS } from "../../../src/conversation/texts.ts";
import { type BotHarness, buttonsOf, makeBot, visible } from "../../helpers/bot-harness.ts";
import { FAKE_TOKEN } from "../../helpers/fake-bot-api.ts";
import {
  callbackUpdate,
  DEFAULT_USER_ID,
  editedUpdate,
  myChatMemberUpdate,
  photoUpdate,
  textUpdate,
} from "../../helpers/updates.ts";

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const OPEN = { BOT_ACCESS: "open" };

describe("questions", () => {
  it("answers a free question in HTML, with the typing indicator first", async () => {
    h = await makeBot(OPEN);
    await h.send("Chủ đề chuyển đổi số năm 2023 là gì?");
    const methods = h.api.calls.map((c) => c.method);
    expect(methods).toEqual(["sendChatAction", "sendMessage"]);
    expect(h.api.callsTo("sendChatAction")[0]).toMatchObject({ action: "typing", chat_id: DEFAULT_USER_ID });
    const msg = h.api.callsTo("sendMessage")[0]!;
    expect(msg).toMatchObject({
      chat_id: DEFAULT_USER_ID,
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    const text = visible(String(msg["text"]));
    expect(text).toContain("Huy động mọi nguồn lực");
    expect(text).toContain("Nguồn:");
    expect(String(msg["text"])).toMatch(/^<b>Chủ đề chuyển đổi số năm 2023<\/b>/);
  });

  it("answers the question commands", async () => {
    h = await makeBot(OPEN);
    await h.send("/chude");
    expect(visible(h.api.sent().at(-1)!)).toContain("Chủ đề");
    await h.send("/vanban 3609/KH-BĐHCĐS");
    expect(visible(h.api.sent().at(-1)!)).toContain("3609/KH-BĐHCĐS");
    await h.send("/vanban 3609");
    expect(visible(h.api.sent().at(-1)!)).toContain("Kế hoạch số 3609/KH-BĐHCĐS");
    await h.send("/timkiem Ngày Chuyển đổi số");
    expect(visible(h.api.sent().at(-1)!)).toContain("10/10");
    await h.send("/quahan");
    expect(visible(h.api.sent().at(-1)!)).toMatch(/quá hạn/);
    await h.send("/hanchot");
    expect(visible(h.api.sent().at(-1)!)).toMatch(/hạn/);
    await h.send("/nhiemvu Sở Thông tin và Truyền thông");
    expect(visible(h.api.sent().at(-1)!)).toContain("Tuyên truyền Ngày Chuyển đổi số tỉnh");
  });

  it("gives a usage hint for commands without their argument", async () => {
    h = await makeBot(OPEN);
    await h.send("/vanban");
    await h.send("/timkiem   ");
    await h.send("/lienket");
    await h.send("/vanban chẳng có số nào");
    expect(h.api.sent()).toEqual([
      TEXTS.usageVanban,
      TEXTS.usageTimkiem,
      TEXTS.usageLienket,
      TEXTS.vanbanNotRecognized("chẳng có số nào"),
    ]);
  });

  it("tells an unknown command apart from a question", async () => {
    h = await makeBot(OPEN);
    await h.send("/abc xyz");
    expect(h.api.sent()).toEqual([TEXTS.unknownCommand("/abc")]);
  });

  it("answers a 10,000-character question with one short message", async () => {
    h = await makeBot(OPEN);
    await h.send("nhiệm vụ ".repeat(1112).slice(0, 10_000));
    const sent = h.api.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.length).toBeLessThan(300);
    expect(sent[0]).toContain("dài quá");
  });

  it("ignores edited messages and channel posts", async () => {
    h = await makeBot(OPEN);
    await h.handle(editedUpdate("chủ đề năm 2023"));
    await h.handle(textUpdate("chủ đề năm 2023", { chatType: "channel" }));
    expect(h.api.calls).toEqual([]);
  });

  it("answers only in private chats: a command in a group gets a short note, other text nothing", async () => {
    h = await makeBot(OPEN);
    await h.handle(textUpdate("chủ đề năm 2023", { chatType: "group" }));
    await h.handle(textUpdate("/chude@someone_else_bot", { chatType: "supergroup" }));
    expect(h.api.calls).toEqual([]);
    await h.handle(textUpdate("/chude@tro_ly_cds_test_bot", { chatType: "supergroup" }));
    await h.handle(textUpdate("/nhiemvu", { chatType: "group" }));
    expect(h.api.sent()).toEqual([TEXTS.groupOnly, TEXTS.groupOnly]);
    expect(h.api.callsTo("sendMessage").every((p) => p["chat_id"] === -100_200_300)).toBe(true);
  });

  it("asks for text when sent a photo", async () => {
    h = await makeBot(OPEN);
    await h.handle(photoUpdate());
    expect(h.api.sent()).toEqual([TEXTS.onlyText]);
  });
});

describe("start and help", () => {
  it("/start welcomes and lists the commands; /help shows admin commands to admins only", async () => {
    h = await makeBot({ ...OPEN, ADMIN_TELEGRAM_IDS: "42" });
    await h.send("/start");
    const welcome = visible(h.api.sent()[0]!);
    expect(welcome).toContain("Xin chào! Tôi là Trợ lý CĐS.");
    for (const c of USER_COMMANDS.filter((x) => x.command !== "start" && x.command !== "help")) {
      expect(welcome).toContain(`/${c.command}`);
    }
    expect(welcome).not.toContain("/moi");
    await h.send("/help", { userId: 42 });
    const adminHelp = visible(h.api.sent()[1]!);
    expect(adminHelp).toContain("/moi <mã đơn vị> <vai trò> [họ tên]");
    expect(adminHelp).toContain("/danhsach");
  });

  it("in members mode, /start tells an unlinked user how to get linked", async () => {
    h = await makeBot();
    await h.send("/start");
    expect(visible(h.api.sent()[0]!)).toContain("/lienket <mã>");
    expect(visible(h.api.sent()[0]!)).toContain("dành cho cán bộ các đơn vị đã được liên kết");
  });
});

describe("buttons", () => {
  it("a next-step button answers the callback and sends a new message", async () => {
    h = await makeBot(OPEN);
    await h.send("nhiệm vụ");
    const buttons = buttonsOf(h.api.callsTo("sendMessage")[0]!);
    const doc = buttons.find((b) => b.data.startsWith("q:v:"))!;
    expect(doc).toBeDefined();
    const mark = h.mark();
    await h.handle(callbackUpdate(doc.data, { messageId: 1 }));
    const calls = h.api.calls.slice(mark);
    expect(calls[0]!.method).toBe("answerCallbackQuery");
    expect(calls[0]!.params["text"]).toBeUndefined();
    const sent = h.sentSince(mark);
    expect(sent).toHaveLength(1);
    expect(visible(sent[0]!)).toContain(doc.text.replace(/^Văn bản /, ""));
    expect(h.api.callsTo("editMessageText")).toEqual([]);
  });

  it("a page button replaces the message in place", async () => {
    h = await makeBot(OPEN);
    await h.send("nhiệm vụ");
    const first = h.api.callsTo("sendMessage")[0]!;
    const next = buttonsOf(first).find((b) => b.data.startsWith("p:"))!;
    expect(decodeCallback(next.data)?.query).toMatchObject({ kind: "tasks", page: 2 });
    const mark = h.mark();
    await h.handle(callbackUpdate(next.data, { messageId: 77 }));
    expect(h.sentSince(mark)).toEqual([]);
    const edit = h.api.callsTo("editMessageText")[0]!;
    expect(edit).toMatchObject({ chat_id: DEFAULT_USER_ID, message_id: 77, parse_mode: "HTML" });
    expect(visible(String(edit["text"]))).toMatch(/^Nhiệm vụ trong cơ sở tri thức \(\d+\):\n6\. /);
    // Page 2 offers the way back.
    const back = buttonsOf(edit).find((b) => b.data.startsWith("p:"))!;
    expect(decodeCallback(back.data)?.query).toMatchObject({ kind: "tasks", page: 1 });
  });

  it("pressing the same page again changes nothing and fails nothing", async () => {
    h = await makeBot(OPEN);
    const data = encodeCallback({ kind: "tasks", page: 2 }, "p")!;
    await h.handle(callbackUpdate(data, { messageId: 5 }));
    await h.handle(callbackUpdate(data, { messageId: 5 }));
    expect(h.api.calls.filter((c) => c.method === "editMessageText").map((c) => c.ok)).toEqual([true, false]);
    expect(h.api.sent()).toEqual([]);
    expect(h.logs.text).not.toContain("update failed");
  });

  it.each([
    ["forged", "q:zz:1"],
    ["garbled", "hello world"],
    ["stale (the document is gone)", "q:v:van-ban-da-xoa"],
    ["stale (the unit is gone)", "p:t:don-vi-cu::::2"],
  ])("a %s button gets a polite answer and changes nothing", async (_why, data) => {
    h = await makeBot(OPEN);
    await h.handle(callbackUpdate(data));
    expect(h.api.calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(h.api.callsTo("answerCallbackQuery")[0]!["text"]).toBe(TEXTS.staleButton);
    expect(TEXTS.staleButton).toMatch(/đã cũ hoặc không hợp lệ; không có gì thay đổi/);
  });

  it("leaves other features' buttons to them (mounted before the catch-all)", async () => {
    const extra = new Composer<Context>();
    extra.callbackQuery(/^x:/, (ctx) => ctx.answerCallbackQuery({ text: "tính năng khác" }));
    extra.command("thu", (ctx) => ctx.reply("tính năng thử"));
    h = await makeBot(OPEN, { extraFeatures: [extra] });
    await h.handle(callbackUpdate("x:abc"));
    await h.send("/thu");
    expect(h.api.callsTo("answerCallbackQuery")[0]!["text"]).toBe("tính năng khác");
    expect(h.api.sent()).toEqual(["tính năng thử"]);
    // Reminder answers ("r:") are the conversation layer's: without reminders attached, a stale notice.
    await h.handle(callbackUpdate("r:abc"));
    expect(h.api.callsTo("answerCallbackQuery")[1]!["text"]).toBe(CONVERSATION_TEXTS.staleReminder);
  });
});

describe("access", () => {
  it("BOT_ACCESS=members refuses an unlinked user with how to get linked", async () => {
    h = await makeBot();
    await h.send("Chủ đề năm 2023 là gì?");
    await h.send("/chude");
    await h.handle(callbackUpdate(encodeCallback({ kind: "theme" })!));
    const sent = h.api.sent().map(visible);
    expect(sent).toHaveLength(3);
    for (const s of sent) {
      expect(s).toContain("dành cho cán bộ các đơn vị đã được liên kết");
      expect(s).toContain("/lienket <mã>");
      expect(s).not.toContain("Huy động mọi nguồn lực");
    }
  });

  it("BOT_ACCESS=members answers a configured admin", async () => {
    h = await makeBot({ ADMIN_TELEGRAM_IDS: "42" });
    await h.send("Chủ đề năm 2023 là gì?", { userId: 42 });
    expect(visible(h.api.sent()[0]!)).toContain("Huy động mọi nguồn lực");
  });
});

describe("errors and limits", () => {
  it("an error in a handler is logged without the token and the user gets a short apology", async () => {
    h = await makeBot(OPEN, { retry: false });
    h.api.fail("sendMessage", { kind: "500" }, 1);
    await h.send("chủ đề năm 2023");
    const sent = h.api.sent();
    expect(sent).toEqual([TEXTS.apology]);
    expect(TEXTS.apology).not.toMatch(/error|500|stack|Grammy/i);
    const log = h.logs.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l["msg"] === "update failed");
    expect(log).toMatchObject({
      level: 50,
      channel: "telegram",
      update: "message",
      error: { type: "GrammyError", code: 500 },
    });
    expect(h.logs.text).not.toContain(FAKE_TOKEN);
    expect(h.logs.text).not.toContain(FAKE_TOKEN.split(":")[1]);
  });

  it("a button that fails gets an apology on the button too", async () => {
    h = await makeBot(OPEN, { retry: false });
    h.api.fail("sendMessage", { kind: "error", code: 400, description: "Bad Request: chat not found" }, 1);
    await h.handle(callbackUpdate(encodeCallback({ kind: "theme" })!));
    const answers = h.api.callsTo("answerCallbackQuery");
    expect(answers.map((a) => a["text"])).toEqual([undefined, TEXTS.apologyShort]);
    expect(h.api.sent()).toEqual([TEXTS.apology]);
  });

  it("a 429 is retried after retry_after (auto-retry) and the answer arrives", async () => {
    h = await makeBot(OPEN);
    h.api.fail("sendMessage", { kind: "429", retryAfter: 1 }, 1);
    await h.send("chủ đề năm 2023");
    const tries = h.api.calls.filter((c) => c.method === "sendMessage");
    expect(tries.map((c) => c.errorCode ?? 200)).toEqual([429, 200]);
    expect(visible(h.api.sent()[0]!)).toContain("Huy động mọi nguồn lực");
  });

  it("a user who blocked the bot is marked unreachable, and reachable again when they write", async () => {
    h = await makeBot({}, { retry: false });
    const { code } = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await h.send(`/lienket ${code.code}`);
    const id = `telegram:${DEFAULT_USER_ID}`;
    h.api.fail("sendMessage", { kind: "blocked" }, 5);
    await h.send("nhiệm vụ của tôi");
    expect(h.app.store.state.getUser(id)).toMatchObject({
      reachable: false,
      unreachableReason: "đã chặn trợ lý",
    });
    expect(h.api.calls.filter((c) => c.method === "sendMessage" && c.errorCode === 403)).toHaveLength(1);
    await h.handle(myChatMemberUpdate("member"));
    expect(h.app.store.state.getUser(id)?.reachable).toBe(true);
    await h.handle(myChatMemberUpdate("kicked"));
    expect(h.app.store.state.getUser(id)?.reachable).toBe(false);
  });

  it("floods get one polite warning and the excess is dropped", async () => {
    h = await makeBot(OPEN, { flood: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 7; i++) await h.send("chủ đề năm 2023");
    const sent = h.api.sent();
    expect(sent.filter((s) => s === TEXTS.flood)).toHaveLength(1);
    expect(sent.filter((s) => visible(s).includes("Huy động mọi nguồn lực"))).toHaveLength(3);
    expect(sent).toHaveLength(4);
    // Another user is not affected.
    await h.send("chủ đề năm 2023", { userId: 999 });
    expect(h.api.sent()).toHaveLength(5);
  });
});
