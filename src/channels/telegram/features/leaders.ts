/**
 * The leaders' commands on Telegram (/tongquan, /donvi, /baocao: see src/conversation/leaders.ts for
 * what they do and who may run them), and a unit button ("q:u:<id>") pressed by a leader, which opens
 * the unit's card instead of the plain unit answer (everyone else's presses go on to the buttons feature).
 */
import { Composer, type Context } from "grammy";
import { runCommand } from "../../../conversation/commands.ts";
import { unitCardFor } from "../../../conversation/leaders.ts";
import { CONVERSATION_TEXTS } from "../../../conversation/texts.ts";
import { decodeCallback } from "../callback-data.ts";
import { type BotDeps, personOf, sendReply, typing } from "../context.ts";
import { chatAction, sendOutputs } from "../outputs.ts";

export {
  chartCaption,
  defaultOverviewYear,
  editDistance,
  type OverviewYear,
  parseYear,
  resolveUnit,
  type UnitResolution,
  unitNotFoundReply,
} from "../../../conversation/leaders.ts";

export const LEADER_TEXTS = {
  leadersOnly: CONVERSATION_TEXTS.leadersOnly,
  usageTongquan: CONVERSATION_TEXTS.usageTongquan,
  usageDonvi: CONVERSATION_TEXTS.usageDonvi,
  usageBaocao: CONVERSATION_TEXTS.usageBaocao,
  chartFailed: CONVERSATION_TEXTS.chartFailed,
} as const;

export function leaders(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  const { assistant } = deps;
  const hint = { tongquan: "upload_photo", donvi: "typing", baocao: "upload_document" } as const;

  for (const name of ["tongquan", "donvi", "baocao"] as const) {
    c.command(name, async (ctx) => {
      const p = personOf(ctx, assistant);
      if (!p) return;
      if (assistant.isLeader(p) || name === "donvi") await chatAction(ctx, hint[name]);
      const out = await runCommand(deps, p, name, ctx.match);
      if (out) await sendOutputs(ctx, out, deps.log);
    });
  }

  // A unit button pressed by a leader opens the card; everything else goes on to the buttons feature.
  c.on("callback_query:data", async (ctx, next) => {
    const decoded = decodeCallback(ctx.callbackQuery.data);
    if (decoded?.query.kind !== "unit") return next();
    const p = personOf(ctx, assistant);
    if (!p || !assistant.isLeader(p)) return next();
    const card = unitCardFor(deps, decoded.query.unitId);
    if (!card) return next();
    await ctx.answerCallbackQuery();
    await typing(ctx);
    await sendReply(ctx, card);
  });

  return c;
}
