/**
 * /cauhoi and /thongbao from the conversation layer on Zalo, beside Telegram on one assistant: a Zalo
 * admin answers a Telegram asker by numbers (the choices Telegram shows as buttons), an announcement
 * reaches heads on both channels, and forged or stale choices change nothing on either channel.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_TEXTS as T } from "../../src/conversation/texts.ts";
import { FAQ_SETTING } from "../../src/conversation/unanswered.ts";
import { callbackUpdate } from "../helpers/updates.ts";
import { type TwoChannels, twoChannels, ZL_ADMIN } from "./two-channels.ts";

let c: TwoChannels | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const QUESTION = "Giá vé xe buýt Phan Rang đi Cà Ná là bao nhiêu?";

describe("/cauhoi on Zalo", () => {
  it("a Zalo admin answers a Telegram asker by typing numbers; the answer arrives on Telegram", async () => {
    c = await twoChannels({ BOT_ACCESS: "open" });
    await c.tgSay(QUESTION, { userId: 777 });
    expect(c.tg.app.store.state.unanswered()).toHaveLength(1);

    const list = (await c.zaloSay(ZL_ADMIN, "/cauhoi")).join("\n");
    expect(list).toContain(`1. “${QUESTION}”`);
    expect(list).toContain("Gõ số để chọn:\n1. Trả lời câu 1");
    const asked = (await c.zaloSay(ZL_ADMIN, "1")).join("\n");
    expect(asked).toContain(T.answerPrompt);
    const confirm = (await c.zaloSay(ZL_ADMIN, "Chưa có số liệu; hãy hỏi doanh nghiệp vận tải.")).join("\n");
    expect(confirm).toContain(T.answerConfirm);
    expect(confirm).toContain("1. Xác nhận\n2. Hủy");
    // Nothing reached the asker before the confirm.
    const toAsker = () => c!.tg.api.callsTo("sendMessage").filter((p) => String(p["chat_id"]) === "777");
    expect(toAsker()).toHaveLength(1);
    const done = (await c.zaloSay(ZL_ADMIN, "1")).join("\n");
    expect(done).toContain(T.answerSent);
    expect(toAsker()).toHaveLength(2);
    expect(String(toAsker()[1]!["text"])).toContain("Chưa có số liệu; hãy hỏi doanh nghiệp vận tải.");
    expect(c.tg.app.store.state.unanswered()).toEqual([]);
    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([T.faqSaved]);
    expect(c.tg.app.store.state.getSetting(FAQ_SETTING)).toEqual([
      expect.objectContaining({ question: QUESTION, by: `zalo:${ZL_ADMIN}` }),
    ]);
  });

  it("“hủy” in the middle cancels on Zalo; nothing is sent and the question still waits", async () => {
    c = await twoChannels();
    await c.tg.app.store.state.addUnanswered({ text: QUESTION, askerId: "telegram:777" });
    await c.zaloSay(ZL_ADMIN, "/cauhoi");
    await c.zaloSay(ZL_ADMIN, "1");
    expect(await c.zaloSay(ZL_ADMIN, "hủy")).toEqual([T.cancelled]);
    expect(c.tg.app.store.state.unanswered()).toHaveLength(1);
    // The next text is a question again.
    expect((await c.zaloSay(ZL_ADMIN, "chủ đề năm 2023")).join("\n")).toContain("Huy động mọi nguồn lực");
  });

  it("a Telegram admin's dialog is not answered by someone else's press, and a forged ask: is refused", async () => {
    c = await twoChannels();
    await c.tg.app.store.state.addUnanswered({ text: QUESTION, askerId: "zalo:z-asker" });
    await c.tgSay("/cauhoi");
    await c.tgPress("Trả lời câu 1");
    await c.tgSay("Chưa có số liệu.");
    const confirm = c.tg.api.callsTo("sendMessage").at(-1)!["reply_markup"] as {
      inline_keyboard: { callback_data: string }[][];
    };
    const data = confirm.inline_keyboard[0]![0]!.callback_data;
    // A non-admin pressing the admin's "Xác nhận": a notice, nothing sent, the question still waits.
    await c.tg.handle(callbackUpdate(data, { userId: 777 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.staleChoice);
    await c.tg.handle(callbackUpdate("ask:q1", { userId: 777 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.adminsOnly);
    await c.tg.handle(callbackUpdate("ask:../x", { userId: 42 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.questionGone);
    expect(c.tg.app.store.state.unanswered()).toHaveLength(1);
    expect(c.zalo.sent("z-asker")).toEqual([]);
    // The admin confirms: the Zalo asker gets the answer through the Zalo conversation's sender.
    expect((await c.tgPress("Xác nhận")).join("\n")).toContain(T.answerSent);
    expect(c.zalo.sent("z-asker").join("\n")).toContain("Chưa có số liệu.");
  });
});

describe("/thongbao on both channels", () => {
  it("a Zalo admin's announcement reaches the heads on Telegram and on Zalo, once", async () => {
    c = await twoChannels();
    const tgHead = await c.tg.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await c.tgSay(`/lienket ${tgHead.code.code}`, { userId: 501 });
    const zHead = await c.tg.assistant.createLinkCode({ unitId: "ban-dan-toc", role: "head" });
    await c.zaloSay("z-head", `/lienket ${zHead.code.code}`);

    const preview = (await c.zaloSay(ZL_ADMIN, "/thongbao Họp giao ban thứ Hai.")).join("\n");
    expect(preview).toContain("gửi được: 2 (Telegram 1, Zalo 1)");
    expect(preview).toContain("1. Gửi thông báo\n2. Hủy");
    expect(c.zalo.sent("z-head").join("\n")).not.toContain("Họp giao ban");
    const sent = await c.zaloSay(ZL_ADMIN, "1");
    expect(sent).toEqual(["Đã gửi thông báo: 2 người nhận được."]);
    expect(c.zalo.sent("z-head").join("\n")).toContain(`${T.announceTitle}\nHọp giao ban thứ Hai.`);
    const toTgHead = c.tg.api.callsTo("sendMessage").filter((p) => String(p["chat_id"]) === "501");
    expect(String(toTgHead.at(-1)!["text"])).toContain("Họp giao ban thứ Hai.");
    // Picking again: the choices are gone (Zalo says so), nothing sent twice.
    await c.zaloSay(ZL_ADMIN, "1");
    expect(c.zalo.sent("z-head").filter((t) => t.includes("Họp giao ban"))).toHaveLength(1);
  });

  it("the Telegram button of a Zalo admin's preview does not send it; an unknown id is stale", async () => {
    c = await twoChannels();
    const zHead = await c.tg.assistant.createLinkCode({ unitId: "ban-dan-toc", role: "head" });
    await c.zaloSay("z-head", `/lienket ${zHead.code.code}`);
    await c.zaloSay(ZL_ADMIN, "/thongbao Họp.");
    await c.tg.handle(callbackUpdate("ann:s:zzzzzzzz", { userId: 42 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.announceGone);
    await c.tg.handle(callbackUpdate("ann:s:../../", { userId: 42 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.announceGone);
    expect(c.zalo.sent("z-head").join("\n")).not.toContain("Họp.");
    expect(await c.zaloSay(ZL_ADMIN, "2")).toEqual([T.announceCancelled]);
  });
});
