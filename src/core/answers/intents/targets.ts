/** Targets (mục tiêu, chỉ tiêu) by year and area, ranked by the question's words. */
import type { AnswerContext } from "../context.ts";
import { cap } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

export function answerTarget(q: { year?: number; text: string }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const pool = kb.data.targets.filter((t) => !q.year || t.year === q.year);
  if (!pool.length) {
    const years = [...new Set(kb.data.targets.map((t) => t.year))].sort();
    const r = new ReplyBuilder("target").abstain();
    r.line(`Tôi chưa có thông tin về mục tiêu chuyển đổi số năm ${q.year}.`);
    if (years.length) r.note(`Đã có mục tiêu cho các năm: ${years.join(", ")}.`);
    return r.build();
  }
  // Rank by the question's words; the generic words ("mục tiêu", the year) match every target.
  const hits = ctx.lex.index.search(q.text, { kinds: ["target"], limit: 200 });
  const poolIds = new Set(pool.map((t) => t.id));
  const ranked = hits
    .filter((h) => poolIds.has(h.doc.id) && h.coverage >= 0.5)
    .map((h) => kb.get("targets", h.doc.id)!);
  // The best-fitting first, then the rest of the year's targets.
  const rankedIds = new Set(ranked.map((t) => t.id));
  const list = [...ranked, ...pool.filter((t) => !rankedIds.has(t.id))];
  const page = cap(list, 6);
  const r = new ReplyBuilder("target", `Mục tiêu${q.year ? ` năm ${q.year}` : ""} (${list.length}):`);
  for (const t of page.shown) {
    const doc = t.document ? kb.document(t.document) : undefined;
    const scope = t.scope === "national" ? "quốc gia" : "tỉnh";
    r.line(
      `• ${t.area ? `${t.area}: ` : ""}${t.text} (${scope}, đến ${t.year})`,
      kb.citeAll([...(doc ? [doc.id] : []), ...t.sources]),
    );
    r.item("target", t.id);
  }
  if (page.rest) r.note(`Còn ${page.rest} mục tiêu nữa; hỏi cụ thể hơn, ví dụ “mục tiêu dữ liệu năm 2023”.`);
  return r.build();
}
