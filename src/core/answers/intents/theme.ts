/** "Chủ đề chuyển đổi số năm 2023 là gì": the national and provincial themes of a year. */
import { fold } from "../../text/normalize.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

const SCOPE_LABEL = { national: "Quốc gia", provincial: "Tỉnh" } as const;

export function answerTheme(
  q: { year?: number; scope?: "national" | "provincial" },
  ctx: AnswerContext,
): Reply {
  const { kb } = ctx;
  const years = [...new Set(kb.data.themes.map((t) => t.year))].sort((a, b) => b - a);
  const currentYear = Number(ctx.today.slice(0, 4));
  const year = q.year ?? (years.includes(currentYear) ? currentYear : years[0]);
  const themes = kb.data.themes.filter((t) => t.year === year);
  if (year === undefined || themes.length === 0) {
    const r = new ReplyBuilder("theme").abstain();
    r.line(`Tôi chưa có thông tin về chủ đề chuyển đổi số năm ${q.year ?? currentYear}.`);
    if (years.length) {
      r.note(`Cơ sở tri thức có chủ đề các năm: ${years.join(", ")}.`);
      for (const y of years.slice(0, 2)) r.action(`Chủ đề năm ${y}`, { kind: "theme", year: y });
    }
    return r.build();
  }
  const r = new ReplyBuilder("theme", `Chủ đề chuyển đổi số năm ${year}`);
  // The province first: it is what officials here act on; then the national theme. A question about
  // one of them ("chủ đề của Ủy ban Quốc gia") gets that one.
  const scoped = q.scope ? themes.filter((t) => t.scope === q.scope) : [];
  const ordered = (scoped.length ? scoped : [...themes]).sort((a, b) =>
    a.scope === b.scope ? 0 : a.scope === "provincial" ? -1 : 1,
  );
  for (const t of ordered) {
    const body = t.body ? kb.body(t.body)?.name : undefined;
    const who = body ? `${SCOPE_LABEL[t.scope]} (${body})` : SCOPE_LABEL[t.scope];
    const aka = t.alsoKnownAs.length ? ` Còn gọi là: ${t.alsoKnownAs.map((a) => `“${a}”`).join("; ")}.` : "";
    r.line(`• ${who}: “${t.title}”.${aka}`, kb.citeAll(t.sources));
    if (t.focus) r.line(`Trọng tâm: ${t.focus}`, [], 1);
    r.item("theme", t.id);
  }
  // "Chủ tịch tỉnh yêu cầu làm gì với chủ đề", "chủ đề được đưa vào kết luận cuộc họp nào", "coi năm 2023
  // là năm thế nào": what a recorded meeting concluded of that year's theme, with its day.
  const asked = fold(ctx.question ?? "");
  if (/\b(?:cuoc hop|hoi nghi|yeu cau|chi dao|ket luan|quan triet|coi|xac dinh|nhu the nao)\b/.test(asked)) {
    const concluded = [...kb.data.meetings]
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .flatMap((m) =>
        m.conclusions
          .filter((c) => /\bchu de\b/.test(fold(c)) || fold(c).startsWith(`nam ${year} la nam`))
          .map((c) => ({ m, c })),
      );
    for (const { m, c } of concluded.slice(0, 2))
      r.line(`Cuộc họp ngày ${formatViDate(m.date)} kết luận: ${c}`, kb.citeAll(m.sources));
  }
  if (q.year === undefined && year !== currentYear) {
    r.note(`(Chưa có chủ đề năm ${currentYear}; đây là chủ đề gần nhất đã có.)`);
  }
  return r.build();
}
