/** Meetings: date, chair, attendees, agenda, results, shortcomings, conclusions. */
import type { Meeting } from "../../knowledge/schema.ts";
import { conceptsIn } from "../../text/abbreviations.ts";
import { fold } from "../../text/normalize.ts";
import { formatViDate, formatViDayMonth } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { shorten } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

/** The meetings a person chaired or attended, newest first. */
function meetingsOf(personId: string, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const person = kb.person(personId);
  const mine = [...kb.data.meetings]
    .filter((m) => m.chair === personId || m.attendees.some((a) => a.person === personId))
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  if (!person || !mine.length) {
    return new ReplyBuilder("meeting")
      .abstain()
      .line(`Cơ sở tri thức không ghi cuộc họp nào có ${person?.name ?? "người này"} chủ trì hay tham dự.`)
      .build();
  }
  const r = new ReplyBuilder("meeting", `Cuộc họp có ${person.name}:`);
  for (const m of mine) {
    const role = m.chair === personId ? "chủ trì" : "tham dự";
    r.line(`• ${formatViDate(m.date)}: ${m.title} (${role})`, kb.citeAll(m.sources));
    r.item("meeting", m.id);
    r.action(`Họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
  }
  return r.build();
}

export function answerMeeting(
  q: { meetingId?: string; date?: string; anyYear?: boolean; personId?: string },
  ctx: AnswerContext,
  question = "",
): Reply {
  const { kb } = ctx;
  if (q.personId && !q.meetingId && !q.date) return meetingsOf(q.personId, ctx);
  const all = [...kb.data.meetings].sort((a, b) => (a.date < b.date ? 1 : -1));
  let m: Meeting | undefined;
  let yearTaken: string | undefined;
  if (q.meetingId) m = kb.meeting(q.meetingId);
  else if (q.date) {
    m = all.find((x) => x.date === q.date);
    if (!m && q.anyYear) {
      // The latest meeting the knowledge holds on that day and month, in any year.
      m = all.find((x) => x.date.slice(5) === q.date!.slice(5));
      if (m) yearTaken = m.date.slice(0, 4);
    }
  } else if (question) {
    // The meeting the question's words fit best (search), else the latest one. A question about
    // results or shortcomings looks only at meetings that record them.
    const f = fold(question);
    const c = new Set(conceptsIn(f));
    const wantsFindings = c.has("result") || c.has("shortcoming");
    const fits = (x: Meeting | undefined) =>
      !!x && (!wantsFindings || x.results.length + x.shortcomings.length > 0);
    // "kết quả năm 2022": the meeting that reviewed that year (its title says "năm 2022").
    const year = /\b((?:19|20)\d\d)\b/.exec(f)?.[1];
    const reviewed =
      year && wantsFindings ? all.find((x) => fits(x) && fold(x.title).includes(`nam ${year}`)) : undefined;
    const latest = /\b(gan nhat|moi nhat|gan day|vua qua|lan truoc|cuoi cung)\b/.test(f);
    const hit = ctx.lex.index
      .search(question, { kinds: ["meeting"], limit: 10 })
      .find((h) => h.coverage > 0.3 && fits(kb.meeting(h.doc.id)));
    const body = hit ? kb.meeting(hit.doc.id)?.body : undefined;
    if (latest) m = all.find((x) => fits(x) && (!body || x.body === body));
    else m = reviewed ?? (hit ? kb.meeting(hit.doc.id) : all.find(fits));
  } else m = all[0];
  if (!m) {
    const r = new ReplyBuilder("meeting").abstain();
    r.line(
      q.date
        ? `Tôi chưa có thông tin về cuộc họp ngày ${q.anyYear ? formatViDayMonth(q.date) : formatViDate(q.date)}.`
        : "Tôi chưa có thông tin về cuộc họp này.",
    );
    for (const x of all.slice(0, 3))
      r.action(`Họp ${formatViDate(x.date)}`, { kind: "meeting", meetingId: x.id });
    return r.build();
  }
  const cites = kb.citeAll(m.sources);
  const r = new ReplyBuilder(
    "meeting",
    `${m.title} — ${m.time ? `${m.time} ` : ""}ngày ${formatViDate(m.date)}`,
  );
  r.item("meeting", m.id);
  if (yearTaken) {
    r.line(
      `Câu hỏi không ghi năm: tôi hiểu là cuộc họp năm ${yearTaken}, lần gần nhất vào ngày ${formatViDayMonth(m.date)} mà cơ sở tri thức có.`,
    );
  }
  const concepts = new Set(conceptsIn(fold(question)));
  const chair = m.chair ? kb.person(m.chair) : undefined;
  if (chair) {
    const title = chair.positions.map((p) => p.title).join(", ");
    r.line(`Chủ trì: ${chair.name}${title ? `, ${title}` : ""}.`, cites);
  }
  const focusResults = concepts.has("result") && m.results.length;
  const focusShort = concepts.has("shortcoming") && m.shortcomings.length;
  const f = fold(question);
  // "kết luận gì", "chỉ đạo gì": the conclusions alone; "những ai dự", "thành phần": the attendees alone.
  if (/\b(?:ket luan|chi dao|yeu cau|giao nhiem vu)\b/.test(f) && m.conclusions.length) {
    r.line("Kết luận:", cites);
    for (const x of m.conclusions) r.line(`• ${x}`, [], 1);
    return r.build();
  }
  const attendees = m.attendees
    .map((a) => (a.person ? (kb.person(a.person)?.name ?? a.label) : a.label))
    .filter(Boolean);
  if (/\b(?:thanh phan|nhung ai|ai du|ai tham du|tham du|du hop)\b/.test(f) && attendees.length) {
    r.line(`Thành phần: ${attendees.join("; ")}.`, cites);
    return r.build();
  }
  if (focusResults || focusShort) {
    if (focusResults) {
      r.line("Kết quả:", cites);
      for (const x of m.results) r.line(`• ${x}`, [], 1);
    }
    if (focusShort) {
      r.line("Hạn chế:", cites);
      for (const x of m.shortcomings) r.line(`• ${x}`, [], 1);
    }
    return r.build();
  }
  if (attendees.length) r.line(`Thành phần: ${shorten(attendees.join("; "), 300)}.`, cites);
  if (m.agenda.length) {
    r.line("Nội dung:", cites);
    for (const x of m.agenda) r.line(`• ${x}`, [], 1);
  }
  if (m.conclusions.length) {
    r.line("Kết luận:", cites);
    for (const x of m.conclusions.slice(0, 5)) r.line(`• ${shorten(x, 300)}`, [], 1);
  }
  for (const d of m.documents.slice(0, 4)) {
    const doc = kb.document(d);
    if (doc) r.action(`${doc.type} ${doc.number}`, { kind: "document", docId: doc.id });
  }
  if (m.results.length)
    r.note(
      `Có ${m.results.length} kết quả và ${m.shortcomings.length} hạn chế được nêu (hỏi “kết quả” hoặc “hạn chế”).`,
    );
  return r.build();
}
