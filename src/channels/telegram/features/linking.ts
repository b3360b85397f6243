/**
 * Linking an account to a unit: /lienket <mã> (and /start <mã> from a t.me link), /huylienket,
 * and the bot being blocked or unblocked (my_chat_member), so reminders know who is reachable.
 */
import { Composer, type Context } from "grammy";
import { type BotDeps, personOf, sendBlocks } from "../context.ts";
import { keyboardFor, plain } from "../html.ts";
import { TEXTS } from "../texts.ts";

/** Redeems a link code for the writer of this update and says what happened. */
export async function linkWithCode(deps: BotDeps, ctx: Context, code: string): Promise<void> {
  const p = personOf(ctx, deps.assistant);
  if (!p) return;
  const outcome = await deps.assistant.link(p, code);
  if (!outcome.ok) {
    deps.log.info({ userId: ctx.from?.id }, "link code refused");
    await sendBlocks(ctx, [plain(outcome.message)]);
    return;
  }
  deps.log.info(
    { userId: ctx.from?.id, unitId: outcome.user.unitId, role: outcome.user.role },
    "account linked",
  );
  const keyboard = keyboardFor([
    { label: "Nhiệm vụ của tôi", query: { kind: "tasks", mine: true } },
    { label: "Sắp đến hạn", query: { kind: "deadlines", mode: "upcoming", mine: true } },
  ]);
  await sendBlocks(ctx, [plain(outcome.message)], keyboard);
}

export function linking(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();

  c.command("lienket", async (ctx) => {
    const code = ctx.match.trim();
    if (!code) {
      await ctx.reply(TEXTS.usageLienket);
      return;
    }
    await linkWithCode(deps, ctx, code);
  });

  c.command("kenhnhac", async (ctx) => {
    const p = personOf(ctx, deps.assistant);
    if (!p) return;
    await ctx.reply(await deps.assistant.setReminderChannel(p, ctx.match));
  });

  c.command("huylienket", async (ctx) => {
    const p = personOf(ctx, deps.assistant);
    if (!p) return;
    const msg = await deps.assistant.unlink(p);
    await ctx.reply(msg);
  });

  // Blocked ("kicked") or unblocked ("member") in a private chat.
  c.on("my_chat_member", async (ctx) => {
    if (ctx.chat.type !== "private" || deps.app.store.readOnly) return;
    const user = deps.app.store.state.findUser("telegram", ctx.chat.id);
    if (!user) return;
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked") await deps.app.store.state.setReachable(user.id, false, "đã chặn trợ lý");
    else if (status === "member") await deps.app.store.state.setReachable(user.id, true);
  });

  return c;
}
