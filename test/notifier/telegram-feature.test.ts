import { afterEach, describe, expect, it } from "vitest";
import { Assistant } from "../../src/app/assistant.ts";
import { createBot } from "../../src/channels/telegram/bot.ts";
import { createTelegramSender } from "../../src/channels/telegram/sender.ts";
import { attachReminders } from "../../src/conversation/reminders.ts";
import { CONVERSATION_TEXTS } from "../../src/conversation/texts.ts";
import { ReminderAnswers } from "../../src/notifier/answers.ts";
import { SendLimiter } from "../../src/notifier/notifier.ts";
import { PROMPT_TEXTS, ReminderPrompts } from "../../src/notifier/prompts.ts";
import { FAKE_BOT_INFO, FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { callbackUpdate, textUpdate } from "../helpers/updates.ts";
import { reminderApp, vn } from "./helpers.ts";

let api: FakeBotApi;
afterEach(async () => {
  await api?.close();
});

async function setup() {
  api = new FakeBotApi();
  const t = await reminderApp({ now: vn("2026-06-29", "09:00") });
  const assistant = new Assistant(t.app);
  const answers = new ReminderAnswers(
    t.app,
    { telegram: createTelegramSender({ token: FAKE_TOKEN, fetch: api.fetch }) },
    { limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }) },
  );
  attachReminders(assistant, new ReminderPrompts({ app: t.app, answers }));
  const bot = createBot({
    app: t.app,
    assistant,
    token: FAKE_TOKEN,
    fetch: api.fetch,
    botInfo: FAKE_BOT_INFO,
    retry: false,
    flood: { limit: 1000, windowMs: 1000 },
  });
  const press = (data: string, userId: number) => bot.handleUpdate(callbackUpdate(data, { userId }));
  const say = (text: string, userId: number) => bot.handleUpdate(textUpdate(text, { userId }));
  /** Texts sent to a chat since the mark. */
  const to = (chatId: number, mark = 0) =>
    api.calls
      .slice(mark)
      .filter((c) => c.method === "sendMessage" && c.ok && String(c.params["chat_id"]) === String(chatId))
      .map((c) => String(c.params["text"]));
  return { ...t, press, say, to, mark: () => api.calls.length };
}

describe("reminder buttons on Telegram", () => {
  it("“Đã hoàn thành”: the press is acknowledged, the head reads the confirmation, the secretariat is told", async () => {
    const s = await setup();
    await s.press("r:d:t-thuong:20260630", 1001);
    expect(api.callsTo("answerCallbackQuery")[0]).toMatchObject({ text: "Đã ghi nhận." });
    expect(s.to(1001)).toEqual([
      "Đã ghi nhận: nhiệm vụ “Nhiệm vụ minh họa t-thuong” hoàn thành ngày 29/06/2026. Tổ Giúp việc đã được báo.",
    ]);
    expect(s.to(9999)[0]).toContain("<b>Đơn vị báo đã hoàn thành nhiệm vụ</b>");
    expect(s.to(9001)).toHaveLength(1);
    expect(s.app.knowledge().task("t-thuong")?.progress.completedOn).toBe("2026-06-29");
  });

  it("“Xin gia hạn”: asks the date, then the reason; the secretariat refuses with a reason; the head is told", async () => {
    const s = await setup();
    await s.press("r:e:t-thuong:20260630", 1001);
    expect(s.to(1001)).toEqual([PROMPT_TEXTS.extDate]);
    let m = s.mark();
    await s.say("khi nào xong thì báo", 1001);
    expect(s.to(1001, m)).toEqual([PROMPT_TEXTS.extDateAgain]);
    m = s.mark();
    await s.say("30/6/2026", 1001);
    expect(s.to(1001, m)).toEqual(["Hạn đề nghị phải sau hạn hiện tại (30/06/2026)."]);
    m = s.mark();
    await s.say("31/7/2026", 1001);
    expect(s.to(1001, m)).toEqual([PROMPT_TEXTS.extReason("2026-07-31")]);
    m = s.mark();
    await s.say("Chờ ý kiến thẩm định của Sở Tài chính", 1001);
    expect(s.to(1001, m)).toEqual([
      "Đã gửi đề nghị gia hạn nhiệm vụ “Nhiệm vụ minh họa t-thuong” tới Tổ Giúp việc. Trợ lý sẽ báo lại khi có ý kiến.",
    ]);
    const request = api.calls.find(
      (c) =>
        c.method === "sendMessage" &&
        c.params["chat_id"] === "9999" &&
        String(c.params["text"]).includes("gia hạn"),
    )!;
    const buttons = (
      request.params["reply_markup"] as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard[0]!;
    expect(buttons.map((b) => [b.text, b.callback_data])).toEqual([
      ["Duyệt gia hạn", "r:a:a1"],
      ["Từ chối", "r:x:a1"],
    ]);
    // the head cannot decide
    m = s.mark();
    await s.press("r:x:a1", 1001);
    expect(s.to(1001, m)).toEqual(["Chỉ Tổ Giúp việc (quản trị) mới duyệt được đề nghị gia hạn."]);
    // the admin refuses with a reason
    await s.press("r:x:a1", 9999);
    expect(s.to(9999).at(-1)).toBe(PROMPT_TEXTS.refuse);
    m = s.mark();
    await s.say("Nhiệm vụ trọng tâm, đề nghị hoàn thành đúng hạn", 9999);
    expect(s.to(9999, m)).toEqual([
      "Đã từ chối đề nghị gia hạn nhiệm vụ “Nhiệm vụ minh họa t-thuong”. Đã báo cho Giám đốc Sở A.",
    ]);
    expect(s.to(1001, m)[0]).toContain("<b>Đề nghị gia hạn không được chấp thuận</b>");
    expect(s.to(1001, m)[0]).toContain("Lý do: Nhiệm vụ trọng tâm, đề nghị hoàn thành đúng hạn");
  });

  it("the secretariat approves at once; the task gets the new due date", async () => {
    const s = await setup();
    await s.press("r:e:t-thuong:20260630", 1001);
    await s.say("15/7/2026", 1001);
    await s.say("Chờ số liệu", 1001);
    const m = s.mark();
    await s.press("r:a:a1", 9001);
    expect(s.to(9001, m)).toEqual([
      "Đã duyệt gia hạn nhiệm vụ “Nhiệm vụ minh họa t-thuong” đến 15/07/2026. Đã báo cho Giám đốc Sở A.",
    ]);
    expect(s.app.knowledge().task("t-thuong")?.progress.extendedTo).toBe("2026-07-15");
    expect(s.to(1001, m)[0]).toContain("Hạn mới: 15/07/2026");
  });

  it("“Cần hỗ trợ” and “hủy”; other text goes on to the assistant; a garbled button is stale", async () => {
    const s = await setup();
    await s.press("r:h:t-thuong:20260630", 1001);
    let m = s.mark();
    await s.say("hủy", 1001);
    expect(s.to(1001, m)).toEqual([PROMPT_TEXTS.cancelled]);
    await s.press("r:h:t-thuong:20260630", 1001);
    m = s.mark();
    await s.say("Cần tài khoản quản trị hệ thống", 1001);
    expect(s.to(1001, m)).toEqual([
      "Đã chuyển đề nghị hỗ trợ về nhiệm vụ “Nhiệm vụ minh họa t-thuong” tới Tổ Giúp việc.",
    ]);
    expect(s.app.store.reminders.responses().map((r) => [r.kind, r.text])).toEqual([
      ["help", "Cần tài khoản quản trị hệ thống"],
    ]);
    m = s.mark();
    await s.press("r:zz:nothing", 1001);
    expect(api.calls.slice(m).find((c) => c.method === "answerCallbackQuery")?.params["text"]).toBe(
      CONVERSATION_TEXTS.staleReminder,
    );
  });
});
