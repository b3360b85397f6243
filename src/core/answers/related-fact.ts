/**
 * The recorded sentence that says what the reply leaves out. A reply made for what the question names
 * (the members of the Ban Điều hành, a unit's card, the year's theme) can miss what it asks of it ("…
 * yêu cầu các thành viên Ban Điều hành chỉ đạo theo tinh thần nào", "Bộ TT&TT đặt ra dữ liệu mở tăng từ
 * mức nào lên mức nào"). When the telling words of the question are largely absent from the reply and
 * one fact of the knowledge holds them, that fact is added under "Liên quan:", cited.
 */
import { TELLING_RARITY } from "../search/search-index.ts";
import { searchTerms } from "../text/search-terms.ts";
import type { AnswerContext } from "./context.ts";
import { joinReplies, type Reply, ReplyBuilder } from "./reply.ts";

/** The share of the question's weight (its words by rarity) the reply must miss before a fact is sought. */
export const MISSED_SHARE = 0.35;
/** The share of the missed weight the fact must hold, in two words at least. */
export const ADDED_SHARE = 0.5;
/** How much of the whole question the fact must fit (search coverage). */
export const FACT_COVERAGE = 0.5;
/** The share of the fact's words the reply must not already show. */
export const NOVELTY = 0.5;
/** The share of the question's weight the reply and the fact must hold together. */
export const TOGETHER = 0.75;

const YEAR = /\b(?:19|20)\d\d\b/g;

export function withRelatedFact(reply: Reply, question: string, ctx: AnswerContext): Reply {
  if (reply.abstained) return reply;
  const { index: entries } = ctx.lex;
  // (Words no entry holds, "trợ lý", are no fact's to give.)
  const query = entries
    .expandQuery(question)
    .filter((t) => t.alternatives.some((a) => entries.entriesWith(a.term) > 0));
  if (query.length < 3) return reply;
  // What the reply shows, and the numbers its sources carry (a target's line cited to Kế hoạch 562
  // names the plan).
  const shown = new Set(searchTerms([reply.title ?? "", ...reply.lines.map((l) => l.text)].join(" ")));
  for (const c of reply.citations) for (const n of c.label.match(/\d+/g) ?? []) shown.add(n);
  const weight = (t: (typeof query)[number]) =>
    Math.max(0, ...t.alternatives.map((a) => entries.rarity(a.term) * a.weight));
  const total = query.reduce((n, t) => n + weight(t), 0);
  const missed = query.filter((t) => !t.alternatives.some((a) => shown.has(a.term)));
  const missedWeight = missed.reduce((n, t) => n + weight(t), 0);
  if (missed.length < 2 || !total || missedWeight / total < MISSED_SHARE) return reply;
  // (A fact of another year than the one asked is not what was asked: "trụ cột … DTI 2022" is not 2021's.)
  const years = new Set(question.match(YEAR) ?? []);
  // (A body's or a person's fact only when the question names that body or person: the Ban Chỉ đạo's
  // working rules are not the Ban Điều hành's.)
  const terms = searchTerms(question);
  const named = new Set([...ctx.lex.bodies.match(terms), ...ctx.lex.people.match(terms)].map((m) => m.value));
  const { index, byId } = ctx.lex.facts();
  let best: { text: string; sources: string[]; adds: number; coverage: number } | undefined;
  for (const h of index.search(question, { limit: 8, query })) {
    if (h.coverage < FACT_COVERAGE) continue;
    const fact = byId.get(h.doc.id);
    if (!fact) continue;
    if ((fact.entity.kind === "body" || fact.entity.kind === "person") && !named.has(fact.entity.id))
      continue;
    const factYears = fact.text.match(YEAR) ?? [];
    if (years.size && factYears.length && !factYears.some((y) => years.has(y))) continue;
    const words = searchTerms(fact.text);
    // (Not a sentence the reply already says in other words: "Mục tiêu … : Trên 85% hộ gia đình có cáp
    // quang" under the same target.)
    if (words.filter((w) => !shown.has(w)).length < words.length * NOVELTY) continue;
    const own = new Set(words);
    const held = missed.filter((t) => t.alternatives.some((a) => own.has(a.term)));
    const adds = held.reduce((n, t) => n + weight(t), 0);
    if (held.length < 2 || adds < missedWeight * ADDED_SHARE) continue;
    // (One of them telling: not only "theo", "dữ liệu".)
    if (!held.some((t) => weight(t) >= TELLING_RARITY)) continue;
    // (With the reply, it must say nearly all the question asks.)
    if ((total - missedWeight + adds) / total < TOGETHER) continue;
    if (!best || adds > best.adds || (adds === best.adds && h.coverage > best.coverage))
      best = { text: fact.text, sources: fact.sources, adds, coverage: h.coverage };
  }
  if (!best) return reply;
  const extra = new ReplyBuilder(reply.intent).line(`Liên quan: ${best.text}`, ctx.kb.citeAll(best.sources));
  return joinReplies(reply, extra.build());
}
