/**
 * Telegram's adapter over the channel-neutral conversation (src/conversation/): the commands moved
 * there (the secretariat's commands and dialogs…), the choices (an inline button's callback data goes to
 * `runChoice`; a stale or forged one is answered with a short notice and changes nothing) and the
 * dialogs (a text while a dialog waits goes to it first: “hủy” cancels, another command ends it and is
 * handled as usual), then the reminders' typed answers.
 */
import { Composer, type Context } from "grammy";
import {
  CHOICE_PREFIXES,
  runChoice,
  runCommand,
  runDialogText,
  runText,
} from "../../../conversation/commands.ts";
import type { ConversationDeps } from "../../../conversation/leaders.ts";
import { type BotDeps, personOf } from "../context.ts";
import { sendOutputs } from "../outputs.ts";

/** The commands this feature hands to the conversation (the others have their own Telegram feature). */
export const CONVERSATION_ON_TELEGRAM = [
  "moi",
  "danhsach",
  "huy",
  "xacnhanqt",
  "tuchoiqt",
  "cauhoi",
  "thongbao",
  "suanv",
  "doihan",
  "themnv",
  "themvb",
  "themdv",
  "thutruong",
  "doiten",
  "hopnhat",
  "giaithe",
  "lichsu",
  "hoantac",
  "xuat",
] as const;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function conversationDeps(deps: BotDeps, ctx: Context): ConversationDeps {
  return { ...deps, ...(ctx.me?.username ? { telegramBot: ctx.me.username } : {}) };
}

export function conversationFeature(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();

  c.on("message:text", async (ctx, next) => {
    const p = personOf(ctx, deps.assistant);
    if (!p) return next();
    const turn = await runDialogText(conversationDeps(deps, ctx), p, ctx.message.text);
    if (turn) {
      await sendOutputs(ctx, turn.outputs, deps.log);
      if (turn.passOn) await next();
      return;
    }
    // A reminder's shortcut or the answer to its question; commands are handled as usual meanwhile.
    const typed = ctx.message.text.trim();
    const out = typed.startsWith("/") ? undefined : await runText(conversationDeps(deps, ctx), p, typed);
    if (!out) return next();
    await sendOutputs(ctx, out, deps.log);
  });

  for (const name of CONVERSATION_ON_TELEGRAM) {
    c.command(name, async (ctx) => {
      const p = personOf(ctx, deps.assistant);
      if (!p) return;
      const out = await runCommand(conversationDeps(deps, ctx), p, name, ctx.match);
      if (out) await sendOutputs(ctx, out, deps.log);
    });
  }

  c.callbackQuery(new RegExp(`^(?:${CHOICE_PREFIXES.map(escapeRe).join("|")})`), async (ctx) => {
    const p = personOf(ctx, deps.assistant);
    const out = p ? await runChoice(conversationDeps(deps, ctx), p, ctx.callbackQuery.data) : undefined;
    if (!out || out.kind === "stale") {
      await ctx.answerCallbackQuery(out ? { text: out.text } : {});
      return;
    }
    await ctx.answerCallbackQuery(out.notice ? { text: out.notice } : {});
    await sendOutputs(ctx, out.outputs, deps.log);
  });

  return c;
}
