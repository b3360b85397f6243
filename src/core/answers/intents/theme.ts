/** "Chủ đề chuyển đổi số năm 2023 là gì": the national and provincial themes of a year. */
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { fold } from "../../text/normalize.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { RECORDED_NOTE, type Reply, ReplyBuilder } from "../reply.ts";
import { unknownUnitPhrase } from "../understand.ts";

/** The province's own leadership: its theme is the province's (the Ban Chỉ đạo's, set up by the Tỉnh ủy). */
const PROVINCE_UNITS = new Set(["ubnd-tinh", "tinh-uy", "ban-thuong-vu-tinh-uy"]);

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
  // "chủ đề năm 2023 của Bộ Công an": a unit's own theme, which no source records (the themes are the
  // Ủy ban Quốc gia's and the province's).
  const asked = expandAbbreviations(fold(ctx.question ?? ""));
  const ownName = /\bchu de\b[^?]*\b(?:cua|o|rieng)\b/.test(asked) ? unitOwnTheme(ctx) : undefined;
  if (ownName) {
    return new ReplyBuilder("theme")
      .abstain()
      .line(
        `Nguồn hiện có không ghi chủ đề riêng của ${ownName}; chủ đề năm ${year} được ghi là của Ủy ban Quốc gia về chuyển đổi số và của tỉnh.`,
      )
      .action(`Chủ đề năm ${year}`, { kind: "theme", year })
      .note(RECORDED_NOTE)
      .build();
  }
  const r = new ReplyBuilder("theme", `Chủ đề chuyển đổi số năm ${year}`);
  // The province first: it is what officials here act on; then the national theme. A question about
  // one of them ("chủ đề của Ủy ban Quốc gia") gets that one.
  const scoped = q.scope ? themes.filter((t) => t.scope === q.scope) : [];
  const ordered = (scoped.length ? scoped : [...themes]).sort((a, b) =>
    a.scope === b.scope ? 0 : a.scope === "provincial" ? -1 : 1,
  );
  const card = () => {
    for (const t of ordered) {
      const body = t.body ? kb.body(t.body)?.name : undefined;
      const who = body ? `${SCOPE_LABEL[t.scope]} (${body})` : SCOPE_LABEL[t.scope];
      const aka = t.alsoKnownAs.length
        ? ` Còn gọi là: ${t.alsoKnownAs.map((a) => `“${a}”`).join("; ")}.`
        : "";
      r.line(`• ${who}: “${t.title}”.${aka}`, kb.citeAll(t.sources));
      if (t.focus) r.line(`Trọng tâm: ${t.focus}`, [], 1);
      r.item("theme", t.id);
    }
  };
  // "Chủ tịch tỉnh yêu cầu làm gì với chủ đề", "chủ đề được đưa vào kết luận cuộc họp nào", "coi năm 2023
  // là năm thế nào": what a recorded meeting concluded of that year's theme, with its day.
  // ("được ai nhắc lại ở cuộc họp nào, ngày nào", "có trong KL của CT tỉnh không": where it was said,
  // by whom, the chair named; "nêu trong nhiệm vụ trọng tâm thứ mấy": the task that carries it.)
  const mentions: { text: string; sources: string[] }[] = [];
  if (
    /\b(?:cuoc hop|hoi nghi|yeu cau|chi dao|ket luan|quan triet|coi|xac dinh|nhu the nao|nhac|de cap|neu)\b/.test(
      asked,
    )
  ) {
    const concluded = [...kb.data.meetings]
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .flatMap((m) =>
        m.conclusions
          .filter((c) => /\bchu de\b/.test(fold(c)) || fold(c).startsWith(`nam ${year} la nam`))
          .map((c) => ({ m, c })),
      )
      // (What names the theme before what only says what the year is.)
      .sort((a, b) => Number(!/\bchu de\b/.test(fold(a.c))) - Number(!/\bchu de\b/.test(fold(b.c))));
    for (const { m, c } of concluded.slice(0, 2)) {
      const chair = m.chair ? kb.person(m.chair) : undefined;
      const by = chair
        ? ` (chủ trì: ${chair.name}, ${chair.positions[0]?.title ?? ""})`.replace(", )", ")")
        : "";
      mentions.push({
        text: `Cuộc họp ngày ${formatViDate(m.date)}${by} kết luận: ${c}`,
        sources: m.sources,
      });
    }
    if (/\b(?:nhiem vu|viec)\b/.test(asked))
      for (const t of kb.data.tasks.filter(
        (t) => t.clause && /\bchu de\b/.test(fold(t.title)) && t.year === year,
      ))
        mentions.push({
          text: `${t.clause}: ${t.title}.`,
          sources: [...(t.document ? [t.document] : []), ...t.sources],
        });
  }
  // Where it was said, asked ("ở cuộc họp nào, ngày nào", "ai nhắc", "thứ mấy"): that first, then the
  // theme; else the theme, then where it was said.
  const whereAsked = /\b(?:ai|ngay nao|hop nao|cuoc hop nao|thu may|o dau|khi nao|co duoc|khong)\b/.test(
    asked,
  );
  const said = () => {
    for (const x of mentions) r.line(x.text, kb.citeAll(x.sources));
  };
  if (whereAsked) {
    said();
    card();
  } else {
    card();
    said();
  }
  if (q.year === undefined && year !== currentYear) {
    r.note(`(Chưa có chủ đề năm ${currentYear}; đây là chủ đề gần nhất đã có.)`);
  }
  return r.build();
}

/**
 * The unit whose own theme the question asks ("chủ đề năm 2023 của Bộ Công an", "… của Sở Tài chính", a
 * department the register does not hold): its name; undefined for the province's own leadership and for
 * a body whose theme it is ("Ban Chỉ đạo", "Ủy ban Quốc gia").
 */
function unitOwnTheme(ctx: AnswerContext): string | undefined {
  const question = ctx.question ?? "";
  const terms = searchTerms(question);
  const unit = ctx.lex.units
    .match(terms)
    .map((m) => (m.value.kind === "unit" ? ctx.kb.unit(m.value.id) : undefined))
    .find((u) => u !== undefined && !PROVINCE_UNITS.has(u.id));
  if (unit) return unit.name;
  if (ctx.lex.bodies.match(terms).length) return undefined;
  const phrase = unknownUnitPhrase(expandAbbreviations(fold(question)), question);
  return phrase && /^so\b/.test(fold(phrase)) ? phrase : undefined;
}
