/**
 * A unit the question names that has ended by today ("UBND huyện có phải phối hợp …" after the district
 * level ended on 01/07/2025): whatever the reply answers of it from the plans, it says the unit ended and
 * since when, cited, unless it already does. Being right today is part of the answer.
 */

import { searchTerms } from "../text/search-terms.ts";
import { formatViDate } from "../time.ts";
import type { AnswerContext } from "./context.ts";
import { joinReplies, type Reply, ReplyBuilder, renderPlain } from "./reply.ts";

export function withUnitEnded(reply: Reply, question: string, ctx: AnswerContext): Reply {
  if (reply.abstained) return reply;
  const ids = [...new Set(ctx.lex.units.match(searchTerms(question)).map((m) => m.value.id))];
  const shown = renderPlain(reply);
  const notes = ids.flatMap((id) => {
    const end = ctx.kb.unitEnd(id);
    const said = ctx.kb.unitEndSentence(id, ctx.today);
    // (Not when the reply says it already, by the day it ended.)
    return end && said && !shown.includes(formatViDate(end.date)) ? [said] : [];
  });
  if (!notes.length) return reply;
  const extra = new ReplyBuilder(reply.intent);
  for (const n of notes.slice(0, 2)) extra.line(`Lưu ý: ${n.text}`, ctx.kb.citeAll(n.sources));
  return joinReplies(reply, extra.build());
}
