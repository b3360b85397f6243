/**
 * The reminder buttons on Telegram ("r:…" callback data, see core/reminders/message.ts), mounted
 * through `createBot({ extraFeatures: [createReminderFeature(deps)] })`:
 * - "Đã hoàn thành", "Đang thực hiện": recorded at once (src/reminders/answers.ts);
 * - "Xin gia hạn": asks for the new date, then the reason, then sends the request to the secretariat;
 * - "Cần hỗ trợ": asks what is needed;
 * - the secretariat's "Duyệt gia hạn" (at once) and "Từ chối" (asks for the reason).
 * The next text message of that chat answers the question; "hủy" cancels. Questions wait
 * PROMPT_TTL_MINUTES and are kept in memory only: after a restart the person presses the button again.
 * Commands typed meanwhile are handled as usual (the question stays open).
 */
import { Composer, type Context } from "grammy";
import type { App } from "../../../app/app.ts";
import type { Assistant } from "../../../app/assistant.ts";
import { ACTION_PREFIX, decodeAction } from "../../../core/reminders/message.ts";
import { fold } from "../../../core/text/normalize.ts";
import { formatViDate, localDate } from "../../../core/time.ts";
import { parseRequestedDue, type ReminderAnswers } from "../../../reminders/answers.ts";
import { personOf } from "../context.ts";

export const PROMPT_TTL_MINUTES = 30;

export interface ReminderFeatureDeps {
  app: App;
  assistant: Assistant;
  answers: ReminderAnswers;
}

type Prompt =
  | { step: "ext-date"; taskId: string; occurrence: string; expires: number }
  | { step: "ext-reason"; taskId: string; occurrence: string; requestedDue: string; expires: number }
  | { step: "help"; taskId: string; occurrence: string; expires: number }
  | { step: "refuse"; responseId: string; expires: number };

export const PROMPT_TEXTS = {
  extDate: "Xin gửi hạn mới đề nghị, ví dụ 30/9/2026 (gửi “hủy” để thôi).",
  extDateAgain: "Chưa đọc được ngày. Xin gửi theo dạng ngày/tháng/năm, ví dụ 30/9/2026 (gửi “hủy” để thôi).",
  extReason: (due: string) =>
    `Hạn đề nghị: ${formatViDate(due)}. Xin gửi lý do đề nghị gia hạn (gửi “hủy” để thôi).`,
  help: "Xin cho biết nội dung cần hỗ trợ (gửi “hủy” để thôi).",
  refuse: "Xin gửi lý do từ chối đề nghị gia hạn (gửi “hủy” để thôi).",
  cancelled: "Đã hủy.",
  stale: "Nút này không còn dùng được.",
  recorded: "Đã ghi nhận.",
} as const;

const CANCEL_WORDS = new Set(["huy", "thoi", "huy bo", "khong"]);

export function createReminderFeature(deps: ReminderFeatureDeps): Composer<Context> {
  const { app, assistant, answers } = deps;
  const prompts = new Map<string, Prompt>();
  const expires = () => app.now().getTime() + PROMPT_TTL_MINUTES * 60_000;
  const c = new Composer<Context>();

  c.callbackQuery(new RegExp(`^${ACTION_PREFIX}`), async (ctx) => {
    const ref = decodeAction(ctx.callbackQuery.data);
    const p = personOf(ctx, assistant);
    const chatKey = String(ctx.chat?.id ?? ctx.from.id);
    if (!ref || !p) {
      await ctx.answerCallbackQuery({ text: PROMPT_TEXTS.stale });
      return;
    }
    if (ref.type === "decision") {
      if (ref.decision === "refuse") {
        if (!p.isAdmin) {
          await ctx.answerCallbackQuery();
          await ctx.reply("Chỉ Tổ Giúp việc (quản trị) mới duyệt được đề nghị gia hạn.");
          return;
        }
        prompts.set(chatKey, { step: "refuse", responseId: ref.responseId, expires: expires() });
        await ctx.answerCallbackQuery();
        await ctx.reply(PROMPT_TEXTS.refuse);
        return;
      }
      await ctx.answerCallbackQuery();
      const out = await answers.decide(p, ref.responseId, { approve: true });
      await ctx.reply(out.message);
      return;
    }
    const base = { taskId: ref.taskId, occurrence: ref.occurrence };
    if (ref.answer === "done" || ref.answer === "in-progress") {
      const out = await answers.answer(p, { ...base, kind: ref.answer });
      await ctx.answerCallbackQuery(out.ok ? { text: PROMPT_TEXTS.recorded } : {});
      await ctx.reply(out.message);
      return;
    }
    const check = answers.check(p, ref.taskId, ref.occurrence);
    await ctx.answerCallbackQuery();
    if (!check.ok) {
      await ctx.reply(check.message);
      return;
    }
    if (ref.answer === "extension") {
      prompts.set(chatKey, { step: "ext-date", ...base, expires: expires() });
      await ctx.reply(PROMPT_TEXTS.extDate);
    } else {
      prompts.set(chatKey, { step: "help", ...base, expires: expires() });
      await ctx.reply(PROMPT_TEXTS.help);
    }
  });

  c.on("message:text", async (ctx, next) => {
    const chatKey = String(ctx.chat.id);
    const prompt = prompts.get(chatKey);
    const text = ctx.message.text.trim();
    if (!prompt || text.startsWith("/")) return next();
    if (prompt.expires < app.now().getTime()) {
      prompts.delete(chatKey);
      return next();
    }
    if (CANCEL_WORDS.has(fold(text))) {
      prompts.delete(chatKey);
      await ctx.reply(PROMPT_TEXTS.cancelled);
      return;
    }
    const p = personOf(ctx, assistant);
    if (!p) return;
    switch (prompt.step) {
      case "ext-date": {
        const due = parseRequestedDue(text, localDate(app.now()));
        if (!due) {
          await ctx.reply(PROMPT_TEXTS.extDateAgain);
          return;
        }
        const v = answers.validateRequestedDue(p, { ...prompt, requestedDue: due });
        if (!v.ok) {
          await ctx.reply(v.message);
          return;
        }
        prompts.set(chatKey, { ...prompt, step: "ext-reason", requestedDue: due, expires: expires() });
        await ctx.reply(PROMPT_TEXTS.extReason(due));
        return;
      }
      case "ext-reason": {
        const out = await answers.requestExtension(p, { ...prompt, reason: text });
        if (out.ok || !/lý do/i.test(out.message)) prompts.delete(chatKey);
        await ctx.reply(out.message);
        return;
      }
      case "help": {
        const out = await answers.requestHelp(p, { ...prompt, text });
        if (out.ok || !/nội dung/i.test(out.message)) prompts.delete(chatKey);
        await ctx.reply(out.message);
        return;
      }
      case "refuse": {
        const out = await answers.decide(p, prompt.responseId, { approve: false, reason: text });
        if (out.ok || !/lý do/i.test(out.message)) prompts.delete(chatKey);
        await ctx.reply(out.message);
        return;
      }
    }
  });

  return c;
}
