/** A unit's card: its names, the people the sources name there, its tasks. */

import { foldQuestion } from "../../text/question.ts";
import { addDays, formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { answerType } from "../focus.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

export function answerUnit(q: { unitId: string }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const u = kb.unit(q.unitId);
  if (!u) return new ReplyBuilder("unit").abstain().line("Tôi chưa có thông tin về đơn vị này.").build();
  const r = new ReplyBuilder("unit", u.name);
  r.item("unit", u.id);
  // "Trường Chính trị tỉnh mang tên ai", "ai đứng đầu …": a person asked, and the sources name no one
  // there: said first, then what is known of the unit.
  // ("Tỷ lệ hồ sơ trực tuyến tại TTPVHCC năm 2024": a figure, which a unit's card never states.)
  const people = kb.data.people.filter((p) => p.positions.some((x) => x.unit === u.id));
  const asked = ctx.question ? foldQuestion(ctx.question) : "";
  if (!people.length && /\b(?:ai|nguoi nao|ong nao|ba nao|dong chi nao)\b/.test(asked))
    r.abstain().line(`Nguồn hiện có không ghi người được hỏi của ${u.name}. Điều đã biết về đơn vị:`);
  else if (answerType(asked) === "figure")
    r.abstain().line(`Nguồn hiện có không ghi con số được hỏi của ${u.name}. Điều đã biết về đơn vị:`);
  if (u.aliases.length) r.line(`Tên gọi khác: ${u.aliases.slice(0, 5).join(", ")}.`, kb.citeAll(u.sources));
  else r.line(`Đơn vị trong cơ sở tri thức.`, kb.citeAll(u.sources));
  for (const p of kb.data.people) {
    for (const pos of p.positions.filter((x) => x.unit === u.id)) {
      r.line(`${pos.title}: ${p.name}.`, kb.citeAll(pos.sources.length ? pos.sources : p.sources));
      r.action(p.name, { kind: "person", personId: p.id });
    }
  }
  // Its life: established from predecessors, renamed, merged, closed (each with its source).
  const start = kb.unitStart(u.id);
  const est = u.history?.find((c) => c.kind === "established");
  if (start && est) {
    const from = kb.predecessorsOf(u.id).map((p) => kb.nameOn(p.id, addDays(start, -1)));
    r.line(
      `Thành lập từ ${formatViDate(start)}${from.length ? `, tiếp nhận ${from.join(", ")}` : ""}${est.note ? ` (${est.note})` : ""}.`,
      kb.citeAll(est.sources.length ? est.sources : u.sources),
    );
  }
  const renamed = kb.unitRenameSentence(u.id, ctx.today);
  if (renamed) r.line(renamed.text, kb.citeAll(renamed.sources));
  const ended = kb.unitEndSentence(u.id, ctx.today);
  if (ended) {
    r.line(ended.text, kb.citeAll(ended.sources));
    for (const s of kb.currentUnits(u.id, ctx.today)) {
      r.item("unit", s.id);
      r.action(`Nhiệm vụ của ${s.name}`, { kind: "tasks", unitId: s.id });
    }
  }
  // The meetings it attended, as the sources record them.
  for (const m of kb.data.meetings.filter((x) => x.attendees.some((a) => a.unit === u.id))) {
    r.line(`Dự họp: ${m.title} (${formatViDate(m.date)}).`, kb.citeAll(m.sources));
    r.action(`Họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
  }
  const { lead, support } = ended ? kb.tasksOfUnit(u.id) : kb.tasksHeldOn(u.id, ctx.today);
  const inherited = ended ? 0 : kb.tasksHeldOn(u.id, ctx.today).lead.filter((h) => h.from).length;
  r.line(
    `Nhiệm vụ${ended ? " (khi còn hoạt động)" : ""}: chủ trì ${lead.length}${inherited ? ` (trong đó ${inherited} tiếp nhận từ đơn vị hợp nhất vào)` : ""}, phối hợp ${support.length} (kể cả nhiệm vụ giao chung).`,
  );
  r.action(`Nhiệm vụ của ${u.name}`, { kind: "tasks", unitId: u.id });
  return r.build();
}
