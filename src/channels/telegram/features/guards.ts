/**
 * What runs before every feature: edited messages and channel posts are ignored, groups get a
 * short note (answers are given in private chats only), and a per-user flood limit.
 */
import { limit } from "@grammyjs/ratelimiter";
import { Composer, type Context } from "grammy";
import { type BotDeps, personOf } from "../context.ts";
import { TEXTS } from "../texts.ts";

export interface FloodLimit {
  /** Messages and button presses allowed per user in one window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_FLOOD_LIMIT: FloodLimit = { limit: 20, windowMs: 10_000 };

/** A command in a group addressed to this bot: "/help" or "/help@this_bot". */
function addressedCommand(ctx: Context): boolean {
  const text = ctx.message?.text;
  if (!text?.startsWith("/")) return false;
  const at = /^\/[A-Za-z0-9_]+@([A-Za-z0-9_]+)/.exec(text);
  return !at || at[1]?.toLowerCase() === ctx.me.username.toLowerCase();
}

export function guards(deps: BotDeps, flood: FloodLimit = DEFAULT_FLOOD_LIMIT): Composer<Context> {
  const c = new Composer<Context>();

  // Edits and channel posts: never answered (an edited question would get a second answer).
  c.use(async (ctx, next) => {
    const u = ctx.update;
    if (u.edited_message || u.edited_channel_post || u.channel_post || u.edited_business_message) return;
    await next();
  });

  // Groups: answers may carry a unit's tasks, so only private chats get them.
  c.use(async (ctx, next) => {
    const type = ctx.chat?.type;
    if (type === undefined || type === "private") return next();
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: TEXTS.staleButton });
      return;
    }
    if (type !== "channel" && addressedCommand(ctx)) await ctx.reply(TEXTS.groupOnly);
  });

  // Flood limit per user: one polite warning when exceeded, the excess is dropped.
  c.use(
    limit<Context, never>({
      timeFrame: flood.windowMs,
      limit: flood.limit,
      keyGenerator: (ctx) =>
        ctx.from && (ctx.message || ctx.callbackQuery) ? String(ctx.from.id) : undefined,
      onLimitExceeded: (ctx) => {
        deps.log.warn({ userId: ctx.from?.id }, "flood limit exceeded");
        const warn = ctx.callbackQuery
          ? ctx.answerCallbackQuery({ text: TEXTS.flood })
          : ctx.reply(TEXTS.flood).then(() => true);
        warn.catch(() => {});
      },
    }),
  );

  // A linked user who writes again is reachable again (they may have unblocked the bot).
  c.use(async (ctx, next) => {
    const p = ctx.message ? personOf(ctx, deps.assistant) : undefined;
    if (p?.user && !p.user.reachable && !deps.app.store.readOnly) {
      await deps.app.store.state.setReachable(p.user.id, true);
    }
    await next();
  });

  return c;
}
