/**
 * "Năm 2023 là năm gì", "CT UBND tỉnh coi năm 2023 là năm gì", "năm 2023 có ý nghĩa thế nào": what the
 * recorded sentences say a year is ("Năm 2023 là năm bản lề…", "Năm 2023 là Năm Dữ liệu số quốc gia"),
 * each cited; those of the meeting, body or person the question names first.
 */
import { fold } from "../../text/normalize.ts";
import { searchTerms } from "../../text/search-terms.ts";
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";

const ASKS =
  /\bnam ((?:19|20)\d\d) (?:(?:duoc )?(?:coi|xem|xac dinh|goi|danh gia) )?(?:la )?(?:nam gi|nam nao|nam the nao|co y nghia|y nghia|quan trong the nao)\b|\bnam ((?:19|20)\d\d) (?:con |cung )?(?:duoc )?(?:coi|xem|goi|danh gia|xac dinh) (?:la )?(?:nam )?gi\b|\b(?:coi|xem|xac dinh|goi|danh gia|tuyen bo) (?:nam )?((?:19|20)\d\d) la (?:nam )?gi\b/;
/** "ai (là người) tuyên bố năm 2023 là năm dữ liệu số": who said it. */
const WHO_SAID = /\bai (?:la nguoi |da )?(?:tuyen bo|xac dinh|goi|coi|noi|neu)\b.*\bnam ((?:19|20)\d\d) la\b/;

export function answerYearSaying(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ");
  const who = WHO_SAID.exec(bare);
  const m = who ?? ASKS.exec(bare);
  const year = m?.[1] ?? m?.[2] ?? m?.[3];
  // ("… năm gì, tại hội nghị ngày nào": a second question the search answers with both.)
  // ("chủ đề năm 2023 còn gọi là gì": the year's theme, which the theme answer gives.)
  if (!year || /\b(?:ngay nao|khi nao|o dau|hoi nghi nao|cuoc hop nao|van ban nao|chu de)\b/.test(bare))
    return undefined;
  const says = new RegExp(
    `\\bnam ${year} (?:la|duoc xac dinh la|duoc coi la) nam\\b|\\bxac dinh nam ${year} la nam\\b`,
  );
  const { byId } = ctx.lex.facts();
  const plain = (t: string) =>
    fold(t)
      .replace(/[^\p{L}\p{N}\s]/gu, " ")
      .replace(/\s+/g, " ");
  const facts = [...byId.values()].filter((f) => says.test(plain(f.text)));
  if (!facts.length) return undefined;
  // The sentences of what the question names (a meeting's chair, a ministry) first.
  const words = new Set(searchTerms(u.text));
  const shared = (text: string) => [...new Set(searchTerms(text))].filter((t) => words.has(t)).length;
  const ranked = facts
    .map((f) => ({ f, score: shared(`${f.context} ${f.text}`) }))
    // (On a tie, the plainer sentence: "Năm 2023 là Năm Dữ liệu số quốc gia" before a target's note.)
    .sort((a, b) => b.score - a.score || a.f.text.length - b.f.text.length)
    .slice(0, 3);
  const r = new ReplyBuilder("search");
  const seen = new Set<string>();
  // (Who said it: the sentence that fits best, which says where and by whom, "Kết luận cuộc họp …
  // (chủ trì: …)".)
  for (const { f } of who ? ranked.slice(0, 1) : ranked) {
    if (seen.has(f.text)) continue;
    seen.add(f.text);
    r.line(f.text, ctx.kb.citeAll(f.sources));
    r.item(f.entity.kind, f.entity.id);
  }
  return r.build();
}
