/**
 * The catch-all, mounted last: any other text is a question for the Assistant; an unknown
 * command, a photo or a sticker gets a short hint; a button nobody handled is stale.
 */
import { Composer, type Context } from "grammy";
import { type BotDeps, personOf, sendReply, typing } from "../context.ts";
import { TEXTS } from "../texts.ts";

/** Longer questions are not run through the engine (Telegram allows 4096 characters). */
export const MAX_QUESTION_CHARS = 1000;

export function fallback(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();

  c.on("message:text", async (ctx) => {
    const text = ctx.message.text.trim();
    const cmd = /^\/[A-Za-z0-9_]+/.exec(text)?.[0];
    if (cmd) {
      await ctx.reply(TEXTS.unknownCommand(cmd));
      return;
    }
    if (text.length > MAX_QUESTION_CHARS) {
      await ctx.reply(TEXTS.tooLong(MAX_QUESTION_CHARS));
      return;
    }
    const p = personOf(ctx, deps.assistant);
    if (!p) return;
    await typing(ctx);
    await sendReply(ctx, await deps.assistant.ask(p, text));
  });

  c.on(
    [
      "message:photo",
      "message:sticker",
      "message:voice",
      "message:video",
      "message:video_note",
      "message:audio",
      "message:document",
      "message:animation",
      "message:location",
      "message:contact",
    ],
    async (ctx) => {
      await ctx.reply(TEXTS.onlyText);
    },
  );

  c.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: TEXTS.staleButton });
  });

  return c;
}
