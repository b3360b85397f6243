/**
 * Inline buttons carrying a Query: "q:…" answers in a new message (a next step), "p:…" replaces
 * the message (paging). A button whose data does not decode is left to later features (others may
 * own other prefixes); the catch-all answers it as stale. A button naming an entry that has been
 * removed from the knowledge since is stale too, and changes nothing.
 */
import { Composer, type Context } from "grammy";
import type { Knowledge } from "../../../core/knowledge/model.ts";
import { decodeCallback, referencedIds } from "../callback-data.ts";
import { type BotDeps, editWith, personOf, sendRendered, typing } from "../context.ts";
import { renderReply } from "../html.ts";
import { TEXTS } from "../texts.ts";

function exists(kb: Knowledge, ref: ReturnType<typeof referencedIds>[number]): boolean {
  switch (ref.kind) {
    case "unit":
      return !!(kb.unit(ref.id) ?? kb.group(ref.id));
    case "document":
      return !!kb.document(ref.id);
    case "person":
      return !!kb.person(ref.id);
    case "meeting":
      return !!kb.meeting(ref.id);
    case "body":
      return !!kb.body(ref.id);
  }
}

export function buttons(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();

  c.on("callback_query:data", async (ctx, next) => {
    const decoded = decodeCallback(ctx.callbackQuery.data);
    if (!decoded) return next();
    const kb = deps.app.knowledge();
    if (!referencedIds(decoded.query).every((r) => exists(kb, r))) {
      await ctx.answerCallbackQuery({ text: TEXTS.staleButton });
      return;
    }
    const p = personOf(ctx, deps.assistant);
    if (!p) return;
    await ctx.answerCallbackQuery();
    const rendered = renderReply(deps.assistant.answer(p, decoded.query));
    if (decoded.mode === "p" && (await editWith(ctx, rendered))) return;
    await typing(ctx);
    await sendRendered(ctx, rendered);
  });

  return c;
}
