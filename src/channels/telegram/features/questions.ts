/**
 * The question commands (/chude, /nhiemvu, /hanchot, /quahan, /vanban, /timkiem): Telegram's adapter over
 * the channel-neutral commands of src/conversation/.
 */
import { Composer, type Context } from "grammy";
import { runCommand } from "../../../conversation/commands.ts";
import { type BotDeps, personOf, typing } from "../context.ts";
import { sendOutputs } from "../outputs.ts";

export const QUESTION_COMMANDS = ["chude", "nhiemvu", "hanchot", "quahan", "vanban", "timkiem"] as const;

export function questions(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  for (const name of QUESTION_COMMANDS) {
    c.command(name, async (ctx) => {
      const p = personOf(ctx, deps.assistant);
      if (!p) return;
      await typing(ctx);
      const out = await runCommand(deps, p, name, ctx.match);
      if (out) await sendOutputs(ctx, out, deps.log);
    });
  }
  return c;
}

export { documentQuery } from "../../../core/answers/understand.ts";
