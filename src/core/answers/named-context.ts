/**
 * What the question names that the reply must not leave out of date or unsaid: a unit that has ended,
 * a person's recorded post.
 */

import { fold } from "../text/normalize.ts";
import { searchTerms } from "../text/search-terms.ts";
import { formatViDate } from "../time.ts";
import type { AnswerContext } from "./context.ts";
import { joinReplies, type Reply, ReplyBuilder, renderPlain } from "./reply.ts";

/**
 * A unit the question names that has ended by today ("UBND huyện có phải phối hợp …" after the district
 * level ended on 01/07/2025): whatever the reply answers of it from the plans, it says the unit ended and
 * since when, cited, unless it already does. Being right today is part of the answer.
 */
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

/**
 * A person the question names ("vũ đức đam hội nghị 25/12/2022"), whom the reply shows without the post
 * the knowledge records: the post added, dated and cited, so that who they are is not left out.
 */
export function withPersonsPost(reply: Reply, question: string, ctx: AnswerContext): Reply {
  if (reply.abstained) return reply;
  const ids = [...new Set(ctx.lex.people.match(searchTerms(question)).map((m) => m.value))];
  if (ids.length !== 1) return reply;
  const person = ctx.kb.person(ids[0]!);
  if (!person?.positions.length) return reply;
  const shown = fold(renderPlain(reply));
  if (person.positions.some((x) => shown.includes(fold(x.title)))) return reply;
  const when = person.positions[0]!.asOf ?? person.asOf;
  const extra = new ReplyBuilder(reply.intent).line(
    `${person.name}: ${person.positions.map((x) => x.title).join("; ")}${when ? ` (tại ngày ${formatViDate(when)})` : ""}.`,
    ctx.kb.citeAll(person.positions.flatMap((x) => x.sources)),
  );
  return joinReplies(reply, extra.build());
}
