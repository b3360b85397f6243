/**
 * The reminder buttons on Telegram ("r:…" callback data, see core/reminders/message.ts), mounted
 * through `createBot({ extraFeatures: [createReminderFeature(deps)] })`. What each button does, and the
 * questions that follow (new date → reason, what help is needed, the reason of a refusal; “hủy”
 * cancels; PROMPT_TTL_MINUTES; memory only), is the channel-neutral ReminderPrompts
 * (src/reminders/prompts.ts), shared with Zalo. Here: answering the callback query (a "Đã ghi nhận."
 * toast for "Đã hoàn thành" / "Đang thực hiện"), and the next text message of the chat answering a
 * waiting question. Commands typed meanwhile are handled as usual (the question stays open).
 */
import { Composer, type Context } from "grammy";
import type { App } from "../../../app/app.ts";
import type { Assistant } from "../../../app/assistant.ts";
import { ACTION_PREFIX, decodeAction } from "../../../core/reminders/message.ts";
import type { ReminderAnswers } from "../../../reminders/answers.ts";
import { PROMPT_TEXTS, PROMPT_TTL_MINUTES, ReminderPrompts } from "../../../reminders/prompts.ts";
import { personOf } from "../context.ts";

export { PROMPT_TEXTS, PROMPT_TTL_MINUTES };

export interface ReminderFeatureDeps {
  app: App;
  assistant: Assistant;
  answers: ReminderAnswers;
  /** Share one with the other channels (default: a new one on `app` and `answers`). */
  prompts?: ReminderPrompts;
}

export function createReminderFeature(deps: ReminderFeatureDeps): Composer<Context> {
  const { app, assistant, answers } = deps;
  const prompts = deps.prompts ?? new ReminderPrompts({ app, answers });
  const c = new Composer<Context>();

  c.callbackQuery(new RegExp(`^${ACTION_PREFIX}`), async (ctx) => {
    const ref = decodeAction(ctx.callbackQuery.data);
    const p = personOf(ctx, assistant);
    if (!ref || !p) {
      await ctx.answerCallbackQuery({ text: PROMPT_TEXTS.stale });
      return;
    }
    const recordsAtOnce = ref.type === "answer" && (ref.answer === "done" || ref.answer === "in-progress");
    if (recordsAtOnce) {
      const out = await prompts.onAction(p, ref);
      await ctx.answerCallbackQuery(out.ok ? { text: PROMPT_TEXTS.recorded } : {});
      await ctx.reply(out.text);
      return;
    }
    // The rest may take a while (a decision tells the head): stop the button's spinner first.
    await ctx.answerCallbackQuery();
    const out = await prompts.onAction(p, ref);
    await ctx.reply(out.text);
  });

  c.on("message:text", async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith("/")) return next();
    const p = personOf(ctx, assistant);
    if (!p) return next();
    const out = await prompts.onText(p, text);
    if (out === undefined) return next();
    await ctx.reply(out);
  });

  return c;
}
