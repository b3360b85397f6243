import { describe, expect, it } from "vitest";
import { parseUpdate } from "../../../src/channels/zalo/client.ts";
import { ZaloConversation, type ZaloConversationOptions } from "../../../src/channels/zalo/conversation.ts";
import { ZaloQuota } from "../../../src/channels/zalo/quota.ts";
import { ZaloSender } from "../../../src/channels/zalo/sender.ts";
import { ZALO_TEXTS } from "../../../src/channels/zalo/texts.ts";
import { CONVERSATION_TEXTS } from "../../../src/conversation/texts.ts";
import { answerActions } from "../../../src/core/reminders/message.ts";
import { eventUpdate, textUpdate } from "../../helpers/fake-zalo-api.ts";
import { type ZaloTestEnv, zaloEnv } from "./setup.ts";

function conversationFor(env: ZaloTestEnv, extra: Partial<ZaloConversationOptions> = {}) {
  const quota = new ZaloQuota({
    settings: env.app.store.state,
    quota: env.app.config.ZALO_MONTHLY_QUOTA,
    now: () => env.app.now(),
  });
  const conv = new ZaloConversation({
    app: env.app,
    assistant: env.assistant,
    client: env.client,
    quota,
    ...extra,
  });
  /** Types a message and returns the texts the bot answered with. */
  const say = async (chatId: string, text: string, opts: { messageId?: string } = {}) => {
    const before = env.api.sent(chatId).length;
    await conv.handle(parseUpdate(textUpdate(chatId, text, opts))!);
    return env.api.sent(chatId).slice(before);
  };
  return { conv, quota, say };
}

describe("Zalo conversation", () => {
  it("answers a question with the facts and their sources (BOT_ACCESS=open)", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const { say } = conversationFor(env);
    const [answer, ...more] = await say("u1", "tb 16");
    expect(more).toEqual([]);
    expect(answer).toContain("Thông báo số 16/TB-VPCP ngày 28/01/2023");
    expect(answer).toContain("Nguồn:");
    expect(answer).toMatch(/\[1\] /);
  });

  it("members only: asks for a link code, links with /lienket <mã>, then answers “nhiệm vụ của tôi” for that unit", async () => {
    const env = await zaloEnv();
    const { say } = conversationFor(env);
    expect((await say("u2", "nhiệm vụ của tôi"))[0]).toContain("/lienket <mã>");

    const { code } = await env.assistant.createLinkCode({
      unitId: "so-tttt",
      role: "head",
      name: "Nguyễn Văn A",
    });
    const linked = await say("u2", `/lienket ${code.code.toLowerCase()}`);
    expect(linked[0]).toContain("Đã liên kết tài khoản với Sở Thông tin và Truyền thông");
    expect(linked[0]).toContain("1. Nhiệm vụ của tôi");
    const user = env.app.store.state.findUser("zalo", "u2");
    expect(user).toMatchObject({ channel: "zalo", chatId: "u2", unitId: "so-tttt", role: "head" });

    const [tasks] = await say("u2", "nhiệm vụ của tôi");
    expect(tasks).toContain("Nhiệm vụ của Sở Thông tin và Truyền thông");
    expect(tasks).toContain("Tuyên truyền Ngày Chuyển đổi số tỉnh Ninh Thuận");

    // The same code cannot be used twice.
    expect((await say("u3", `/lienket ${code.code}`))[0]).toContain("đã được dùng");
    // Unlinking.
    expect((await say("u2", "/huylienket"))[0]).toContain("Đã hủy liên kết");
    expect(env.app.store.state.findUser("zalo", "u2")).toBeUndefined();
  });

  it("a number answers the last reply's numbered choices; out of range and stale numbers are explained", async () => {
    const env = await zaloEnv();
    const { say } = conversationFor(env);
    const { code } = await env.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await say("u4", `/lienket ${code.code}`);
    // "1. Nhiệm vụ của tôi" from the link message.
    const [tasks] = await say("u4", "1");
    expect(tasks).toContain("Nhiệm vụ của Sở Thông tin và Truyền thông");
    expect(tasks).toContain("Gõ số để chọn tiếp:\n1. Văn bản 1560/QĐ-UBND");
    const [doc] = await say("u4", "1");
    expect(doc).toContain("1560/QĐ-UBND");
    expect(doc).toContain("09/11/2022");
    expect(doc).toContain("Gõ số để chọn tiếp:\n1. Nhiệm vụ và thời hạn");
    expect(await say("u4", "9")).toEqual([ZALO_TEXTS.choiceOutOfRange(1)]);
    expect((await say("u4", "1."))[0]).toContain("Tuyên truyền Ngày Chuyển đổi số");

    // Choices expire.
    await say("u4", "nhiệm vụ của tôi");
    env.clock.now = new Date(env.clock.now.getTime() + 2 * 3_600_000);
    expect(await say("u4", "2")).toEqual([ZALO_TEXTS.noChoices]);
  });

  it("“tiếp” and “trước” page through a long list", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const { say } = conversationFor(env);
    const [p1] = await say("u5", "nhiệm vụ năm 2023");
    expect(p1).toContain("Trang 1/2. Gõ “tiếp” để xem trang sau.");
    const [p2] = await say("u5", "Tiếp");
    expect(p2).toContain("Trang 2/2");
    expect(p2).toMatch(/^6\. /m);
    const [back] = await say("u5", "trước");
    expect(back).toContain("Trang 1/2");
  });

  it("commands typed as text, with or without the slash", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const { say } = conversationFor(env);
    expect((await say("u6", "/vanban 3609/KH-BĐHCĐS"))[0]).toContain("3609/KH-BĐHCĐS");
    expect((await say("u6", "/vanban"))[0]).toBe(ZALO_TEXTS.usageVanban);
    expect((await say("u6", "/chude 2023"))[0]).toMatch(/2023/);
    const [help] = await say("u6", "help");
    expect(help).toContain("/lienket <mã>");
    expect(help).toContain("Gõ “tiếp”");
    expect((await say("u6", "/start"))[0]).toContain("Xin chào! Tôi là");
    expect((await say("u6", "/xyz"))[0]).toBe("Không có lệnh /xyz. Gõ /help để xem các lệnh.");
    expect((await say("u6", "timkiem dữ liệu số"))[0]).not.toContain("Không có lệnh");
  });

  it("answers a repeated message id once", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const { say, conv } = conversationFor(env);
    expect(await say("u7", "tb 16", { messageId: "dup-1" })).toHaveLength(1);
    expect(await say("u7", "tb 16", { messageId: "dup-1" })).toHaveLength(0);
    expect(await say("u7", "tb 16", { messageId: "dup-2" })).toHaveLength(1);
    // Restart-safe: a new conversation on the same store still knows the id.
    await conv.idle();
    const again = conversationFor(env);
    expect(await again.say("u7", "tb 16", { messageId: "dup-1" })).toHaveLength(0);
  });

  it("acknowledges stickers, images, voice and withheld messages with a short note (once in a while)", async () => {
    const env = await zaloEnv();
    const { conv } = conversationFor(env);
    await conv.handle(parseUpdate(eventUpdate("u8", "message.unsupported.received"))!);
    expect(env.api.sent("u8")).toEqual([ZALO_TEXTS.onlyText]);
    await conv.handle(parseUpdate(eventUpdate("u8", "message.sticker.received"))!);
    expect(env.api.sent("u8")).toHaveLength(1); // not again within 10 minutes
    env.clock.now = new Date(env.clock.now.getTime() + 11 * 60_000);
    await conv.handle(parseUpdate(eventUpdate("u8", "message.image.received"))!);
    expect(env.api.sent("u8")).toHaveLength(2);
    await conv.handle(parseUpdate(eventUpdate("u8", "message.something.new"))!);
    expect(env.api.sent("u8")).toHaveLength(2);
  });

  it("ignores group chats and bots", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const { conv } = conversationFor(env);
    await conv.handle(parseUpdate(textUpdate("g1", "tb 16", { chatType: "GROUP" }))!);
    const fromBot = textUpdate("u9", "tb 16");
    fromBot.message.from.is_bot = true;
    await conv.handle(parseUpdate(fromBot)!);
    expect(env.api.callsTo("sendMessage")).toHaveLength(0);
  });

  it("splits a long answer at 2,000 characters; Zalo accepts every part", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const admin = await env.assistant.createLinkCode({ unitId: "ubnd-tinh", role: "admin" });
    await env.app.store.state.redeemLinkCode(
      admin.code.code,
      { channel: "zalo", chatId: "u10" },
      env.app.now(),
      {
        adminConfirmed: true,
      },
    );
    const questions = Array.from(
      { length: 10 },
      (_, i) => `Câu hỏi ${i + 1}: ${"nội dung ".repeat(32).trimEnd()}?`,
    );
    for (const q of questions) await env.app.store.state.addUnanswered({ text: q, askerId: "zalo:u99" });
    const { say } = conversationFor(env);
    // The unanswered questions, quoted whole: longer than one Zalo message.
    const parts = await say("u10", "/cauhoi");
    expect(parts.length, parts.join("\n").slice(0, 300)).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(env.api.callsTo("sendMessage").every((c) => c.status === 200)).toBe(true);
    for (const q of questions) expect(parts.join("\n")).toContain(q);
  });

  it("a reminder's numbered answers: typing “1” reaches the conversation's reminder choice with the action's data", async () => {
    const env = await zaloEnv();
    // No reminder conversation attached: the choice is reached, and says it cannot be used.
    const { conv, quota, say } = conversationFor(env);
    const sender = new ZaloSender({ client: env.client, quota, choices: conv.choices, log: env.app.logger });
    const res = await sender.send("u11", {
      kind: "reminder",
      title: "Nhắc hạn nhiệm vụ: còn 3 ngày",
      lines: ["Nhiệm vụ: Tuyên truyền Ngày Chuyển đổi số", "Đề nghị đơn vị cập nhật tình hình thực hiện:"],
      actions: answerActions("nv-tuyen-truyen-ngay-cds-tinh", "2023-10-10"),
    });
    expect(res.ok).toBe(true);
    const [reminder] = env.api.sent("u11");
    expect(reminder).toContain(
      "Trả lời bằng số:\n1. Đã hoàn thành\n2. Đang thực hiện\n3. Xin gia hạn\n4. Cần hỗ trợ",
    );
    expect(await say("u11", "1")).toEqual([CONVERSATION_TEXTS.staleReminder]);
  });

  it("a send refused by Zalo (5xx) is logged, not thrown; the next message is answered", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const { say } = conversationFor(env);
    env.api.fail("sendMessage", 500);
    expect(await say("u12", "tb 16")).toEqual([]);
    expect(env.logs.some((l) => l.includes("could not send a Zalo message"))).toBe(true);
    expect(await say("u12", "tb 16")).toHaveLength(1);
  });
});
