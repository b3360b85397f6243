/** The question commands: /chude, /nhiemvu, /hanchot, /quahan, /vanban, /timkiem. */
import { Composer, type Context } from "grammy";
import type { Query } from "../../../core/answers/reply.ts";
import { documentQuery } from "../../../core/answers/understand.ts";
import { type BotDeps, personOf, sendReply, typing } from "../context.ts";
import { TEXTS } from "../texts.ts";

export function questions(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  const { assistant } = deps;

  const answer = async (ctx: Context, query: Query) => {
    const p = personOf(ctx, assistant);
    if (!p) return;
    await typing(ctx);
    await sendReply(ctx, assistant.answer(p, query));
  };
  /** A command with words after it ("/nhiemvu Sở Tài chính") is asked as a question. */
  const askWith = async (ctx: Context, prefix: string, rest: string) => {
    const p = personOf(ctx, assistant);
    if (!p) return;
    await typing(ctx);
    await sendReply(ctx, await assistant.ask(p, `${prefix} ${rest}`));
  };
  const mine = (ctx: Context) => !!personOf(ctx, assistant)?.user;

  c.command("chude", async (ctx) => {
    const year = /^\d{4}$/.exec(ctx.match.trim())?.[0];
    await answer(ctx, { kind: "theme", ...(year ? { year: Number(year) } : {}) });
  });

  c.command("nhiemvu", async (ctx) => {
    if (ctx.match.trim()) return askWith(ctx, "nhiệm vụ của", ctx.match.trim());
    await answer(ctx, { kind: "tasks", mine: true });
  });

  c.command("hanchot", async (ctx) => {
    if (ctx.match.trim()) return askWith(ctx, "hạn chót", ctx.match.trim());
    await answer(ctx, { kind: "deadlines", mode: "upcoming", ...(mine(ctx) ? { mine: true } : {}) });
  });

  c.command("quahan", async (ctx) => {
    if (ctx.match.trim()) return askWith(ctx, "quá hạn", ctx.match.trim());
    await answer(ctx, { kind: "deadlines", mode: "overdue", ...(mine(ctx) ? { mine: true } : {}) });
  });

  c.command("vanban", async (ctx) => {
    const arg = ctx.match.trim();
    if (!arg) {
      await ctx.reply(TEXTS.usageVanban);
      return;
    }
    const q = documentQuery(arg.slice(0, 200));
    if (!q) {
      await ctx.reply(TEXTS.vanbanNotRecognized(arg.slice(0, 60)));
      return;
    }
    await answer(ctx, q);
  });

  c.command("timkiem", async (ctx) => {
    const arg = ctx.match.trim();
    if (!arg) {
      await ctx.reply(TEXTS.usageTimkiem);
      return;
    }
    await answer(ctx, { kind: "search", text: arg.slice(0, 300) });
  });

  return c;
}

export { documentQuery };
