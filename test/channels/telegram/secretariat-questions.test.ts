/**
 * /cauhoi (answering the asker), /thongbao (announcement to the heads) and /xuat on Telegram, through
 * bot.handleUpdate (the conversation layer's; Zalo: test/conversation/secretariat-messages.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_TEXTS as SEC_TEXTS } from "../../../src/conversation/texts.ts";
import { FAQ_SETTING } from "../../../src/conversation/unanswered.ts";
import { buttonsOf, visible } from "../../helpers/bot-harness.ts";
import { callbackUpdate, textUpdate } from "../../helpers/updates.ts";
import { ADMIN, type AdminBot, makeAdminBot, OTHER } from "./secretariat-helpers.ts";

let h: AdminBot | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const UNKNOWN_QUESTION = "Giá vé xe buýt Phan Rang đi Cà Ná là bao nhiêu?";

describe("/cauhoi", () => {
  it("lists the unanswered questions; the admin's answer reaches the asker and can be kept as a Q&A", async () => {
    h = await makeAdminBot({ BOT_ACCESS: "open" });
    await h.handle(textUpdate(UNKNOWN_QUESTION, OTHER));
    const [q] = h.app.store.state.unanswered();
    expect(q).toMatchObject({ text: UNKNOWN_QUESTION, askerId: "telegram:777" });
    // (Kept, so the reply says so.)
    const reply = h.api.callsTo("sendMessage").find((p) => String(p["chat_id"]) === "777");
    expect(visible(String(reply?.["text"]))).toContain("Câu hỏi đã được ghi lại để Tổ Giúp việc bổ sung.");

    let mark = h.mark();
    await h.say("/cauhoi");
    const list = h.seen(mark).join("\n");
    expect(list).toContain("Câu hỏi chưa trả lời được (1):");
    expect(list).toContain(`1. “${UNKNOWN_QUESTION}”`);
    const buttons = buttonsOf(h.api.callsTo("sendMessage").at(-1)!);
    expect(buttons).toEqual([{ text: "Trả lời câu 1", data: `ask:${q!.id}` }]);

    await h.press("Trả lời câu 1");
    mark = h.mark();
    await h.say("Tuyến này do doanh nghiệp vận tải công bố giá; Tổ Giúp việc chưa có số liệu.");
    expect(h.seen(mark).join("\n")).toContain("Gửi câu trả lời này cho người hỏi?");
    // Nothing sent to the asker before the confirm.
    expect(h.api.callsTo("sendMessage").filter((p) => p["chat_id"] === 777)).toHaveLength(1);

    mark = h.mark();
    await h.press("Xác nhận");
    const toAsker = h.api
      .callsTo("sendMessage")
      .filter((p) => p["chat_id"] === 777 || p["chat_id"] === "777");
    expect(toAsker).toHaveLength(2);
    const delivered = visible(String(toAsker[1]!["text"]));
    expect(delivered).toContain("Tổ Giúp việc trả lời câu hỏi của bạn");
    expect(delivered).toContain(UNKNOWN_QUESTION);
    expect(delivered).toContain("Tuyến này do doanh nghiệp vận tải công bố giá");
    expect(h.seen(mark).join("\n")).toContain("Đã gửi câu trả lời cho người hỏi");
    expect(h.app.store.state.unanswered()).toEqual([]);

    mark = h.mark();
    await h.press(SEC_TEXTS.faqButton);
    expect(h.seen(mark)).toEqual([SEC_TEXTS.faqSaved]);
    expect(h.app.store.state.getSetting(FAQ_SETTING)).toEqual([
      expect.objectContaining({
        questionId: q!.id,
        question: UNKNOWN_QUESTION,
        answer: "Tuyến này do doanh nghiệp vận tải công bố giá; Tổ Giúp việc chưa có số liệu.",
        by: "telegram:42",
      }),
    ]);
    // Not knowledge: the audit log and the knowledge are untouched.
    expect(h.app.store.audit.list()).toEqual([]);

    mark = h.mark();
    await h.say("/cauhoi");
    expect(h.seen(mark)).toEqual([SEC_TEXTS.noQuestions]);
  });

  it("a request to act is declined and not kept as a question for the secretariat", async () => {
    h = await makeAdminBot({ BOT_ACCESS: "open" });
    const mark = h.mark();
    await h.handle(
      textUpdate("Đặt lịch họp Ban Điều hành sáng thứ Hai và gửi giấy mời cho các thành viên", OTHER),
    );
    expect(h.seen(mark).join("\n")).toContain("Tôi không thực hiện việc này trong trò chuyện");
    expect(h.app.store.state.unanswered()).toEqual([]);
  });

  it("an asker on Zalo, with Zalo not running: the admin is told; free text after it is a question", async () => {
    h = await makeAdminBot();
    await h.app.store.state.addUnanswered({ text: "Ai phụ trách dữ liệu đất đai?", askerId: "zalo:abc123" });
    await h.say("/cauhoi");
    await h.press("Trả lời câu 1");
    await h.say("Sở Tài nguyên và Môi trường phụ trách.");
    let mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark).join("\n")).toContain(SEC_TEXTS.answerNoChannel("Zalo"));
    expect(h.api.callsTo("sendMessage").every((p) => p["chat_id"] === 42)).toBe(true);
    expect(h.app.store.state.unanswered()).toEqual([]);
    // Not saving: the next text is handled as a question again.
    mark = h.mark();
    await h.say("chủ đề năm 2023");
    expect(h.seen(mark).join("\n")).toContain("Huy động mọi nguồn lực");
    expect(h.app.store.state.getSetting(FAQ_SETTING)).toBeUndefined();
  });

  it("an asker who blocked the bot: marked unreachable, question closed", async () => {
    h = await makeAdminBot({ BOT_ACCESS: "open" }, undefined);
    await h.handle(textUpdate(UNKNOWN_QUESTION, OTHER));
    await h.say("/cauhoi");
    await h.press("Trả lời câu 1");
    await h.say("Chưa có số liệu.");
    h.api.fail("sendMessage", { kind: "blocked" }, 1, (p) => String(p["chat_id"]) === "777");
    const mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark).join("\n")).toContain(SEC_TEXTS.answerUnreachable);
    expect(h.app.store.state.unanswered()).toEqual([]);
  });

  it("a stale or forged answer button is answered politely", async () => {
    h = await makeAdminBot();
    await h.handle(callbackUpdate("ask:q99", ADMIN));
    await h.handle(callbackUpdate("ask:../../x", ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").map((p) => p["text"])).toEqual([
      SEC_TEXTS.questionGone,
      SEC_TEXTS.questionGone,
    ]);
    expect(h.api.sent()).toEqual([]);
  });
});

describe("/thongbao", () => {
  async function linkHead(unitId: string, userId: number) {
    const { code } = await h!.assistant.createLinkCode({ unitId, role: "head" });
    await h!.handle(textUpdate(`/lienket ${code.code}`, { userId }));
  }

  it("previews, then sends to every linked head on Telegram and counts who did not get it", async () => {
    h = await makeAdminBot();
    await linkHead("so-tttt", 501);
    await linkHead("ban-dan-toc", 502);
    await linkHead("cuc-thue-tinh", 503);
    const { code } = await h.assistant.createLinkCode({ unitId: "bhxh-tinh", role: "head" });
    await h.app.store.state.redeemLinkCode(code.code, { channel: "zalo", chatId: "z-1" });
    const member = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "member" });
    await h.handle(textUpdate(`/lienket ${member.code.code}`, { userId: 504 }));

    let mark = h.mark();
    await h.say("/thongbao Đề nghị các đơn vị gửi báo cáo quý II trước ngày 30/6/2023.");
    const preview = h.seen(mark).join("\n");
    expect(preview).toContain(
      "Người nhận: 4 thủ trưởng đơn vị đã liên kết; gửi được: 3 (Telegram 3, Zalo 0).",
    );
    expect(preview).toContain("1 người hiện không nhắn được (đã chặn trợ lý hoặc kênh của họ không chạy)");
    expect(preview).toContain("Đề nghị các đơn vị gửi báo cáo quý II trước ngày 30/6/2023.");
    // Nothing sent before the button.
    expect(
      h.api.callsTo("sendMessage").filter((p) => [501, 502, 503, 504].includes(Number(p["chat_id"]))),
    ).toHaveLength(4);

    h.api.fail("sendMessage", { kind: "blocked" }, 1, (p) => String(p["chat_id"]) === "503");
    mark = h.mark();
    await h.press("Gửi thông báo");
    const sent = h.api.calls.slice(mark).filter((c) => c.method === "sendMessage");
    const to = (id: number) => sent.filter((c) => String(c.params["chat_id"]) === String(id));
    expect(to(501).filter((c) => c.ok)).toHaveLength(1);
    expect(to(502).filter((c) => c.ok)).toHaveLength(1);
    expect(to(503).every((c) => !c.ok)).toBe(true);
    expect(to(504)).toEqual([]);
    expect(visible(String(to(501)[0]!.params["text"]))).toBe(
      `${SEC_TEXTS.announceTitle}\nĐề nghị các đơn vị gửi báo cáo quý II trước ngày 30/6/2023.`,
    );
    expect(h.seen(mark).at(-1)).toBe(
      "Đã gửi thông báo: 2 người nhận được.\nKhông gửi được: 1 (đã chặn trợ lý hoặc lỗi mạng).\nChưa gửi (hiện không nhắn được): 1.",
    );
    expect(h.app.store.state.getUser("telegram:503")?.reachable).toBe(false);

    // The button works once.
    mark = h.mark();
    await h.press("Gửi thông báo");
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(SEC_TEXTS.announceGone);
    expect(h.sentSince(mark)).toEqual([]);
  });

  it("“Hủy” sends nothing; no heads, no text: said so", async () => {
    h = await makeAdminBot();
    await h.say("/thongbao Họp giao ban");
    await h.say("/thongbao");
    expect(h.api.sent()).toEqual([SEC_TEXTS.noHeads, SEC_TEXTS.usageThongbao]);
    await linkHead("so-tttt", 501);
    await h.say("/thongbao Họp giao ban");
    const mark = h.mark();
    await h.press("Hủy");
    expect(h.seen(mark)).toEqual([SEC_TEXTS.announceCancelled]);
    expect(h.api.callsTo("sendMessage").filter((p) => String(p["chat_id"]) === "501")).toHaveLength(1);
  });
});

describe("/xuat", () => {
  it("returns the knowledge as an .xlsx document named with the date", async () => {
    h = await makeAdminBot();
    await h.say("/xuat");
    const docs = h.api.callsTo("sendDocument");
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      chat_id: 42,
      document: { filename: "co-so-tri-thuc-2023-06-01.xlsx" },
    });
    expect((docs[0]!["document"] as { size: number }).size).toBeGreaterThan(3000);
    expect(String(docs[0]!["caption"])).toMatch(/^Toàn bộ nhiệm vụ trong cơ sở tri thức \(\d+\)/);
  });
});

describe("/lichsu", () => {
  it("says when the log is empty", async () => {
    h = await makeAdminBot();
    await h.say("/lichsu");
    expect(h.seen(0).join("\n")).toContain("Chưa có thay đổi nào trong nhật ký.");
  });
});
