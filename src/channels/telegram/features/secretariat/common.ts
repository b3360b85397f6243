/**
 * What the secretariat's Telegram history buttons need: the admin check and the audit actor of a
 * Telegram user.
 */
import type { Context } from "grammy";
import type { Person } from "../../../../app/assistant.ts";
import type { Actor } from "../../../../store/index.ts";
import { type BotDeps, personOf } from "../../context.ts";
import { TEXTS } from "../../texts.ts";

/** The context of the secretariat's handlers. */
export type SecCtx = Context;

/** The audit actor for a Telegram user: `telegram:<id>` and the profile name. */
export function actorOf(from: { id: number; first_name: string; last_name?: string } | undefined): Actor {
  if (!from) return { kind: "telegram" };
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return { kind: "telegram", id: `telegram:${from.id}`, ...(name ? { name } : {}) };
}

/**
 * The person if they are an admin; otherwise answers (a button press or a message) that the action is
 * for admins, and returns undefined.
 */
export async function requireAdmin(
  ctx: Context,
  deps: BotDeps,
  refusal: string = TEXTS.adminOnly,
): Promise<Person | undefined> {
  const p = personOf(ctx, deps.assistant);
  if (p?.isAdmin) return p;
  deps.log.info({ userId: ctx.from?.id }, "secretariat action refused (not an admin)");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: refusal });
  else await ctx.reply(refusal);
  return undefined;
}
