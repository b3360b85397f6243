/** Meetings: date, chair, attendees, agenda, results, shortcomings, conclusions. */
import { documentLabel } from "../../knowledge/model.ts";
import type { Meeting, Person, Unit } from "../../knowledge/schema.ts";
import { conceptsIn, expandAbbreviations } from "../../text/abbreviations.ts";
import { findDatePhrases } from "../../text/dates.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import { provinceIn } from "../../text/provinces.ts";
import { foldQuestion } from "../../text/question.ts";
import { phraseIndices, queryTerms, searchTerms, withoutFrames } from "../../text/search-terms.ts";
import { untelexText } from "../../text/telex.ts";
import { formatViDate, formatViDayMonth } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { hasFigure, shorten } from "../format.ts";
import { addressedPeople } from "../lexicon.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import { mentionsSelf, unknownUnitPhrase } from "../understand.ts";

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
    // In what capacity: the post the person held on that day (the latest recorded by then, else the first).
    const held = [...person.positions]
      .filter((p) => !p.asOf || p.asOf <= m.date)
      .sort((a, b) => (a.asOf ?? "").localeCompare(b.asOf ?? ""))
      .at(-1);
    const title = (held ?? person.positions[0])?.title;
    r.line(
      `• ${formatViDate(m.date)}: ${m.title} (${role}${title ? `, ${title}` : ""})`,
      kb.citeAll(m.sources),
    );
    r.item("meeting", m.id);
    r.action(`Họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
  }
  return r.build();
}

/** What follows a body or unit said to meet ("BĐH tỉnh họp …", "HĐND tỉnh đã tổ chức họp …"), as terms. */
const MEETS_AFTER = /^(?:(?:tinh|chuyen doi so|cds) )*(?:da )?(?:hop|to chuc hop)\b/;

export function answerMeeting(
  q: { meetingId?: string; date?: string; anyYear?: boolean; personId?: string },
  ctx: AnswerContext,
  question = "",
): Reply {
  const { kb } = ctx;
  if (q.personId && !q.meetingId && !q.date) return meetingsOf(q.personId, ctx);
  const all = [...kb.data.meetings].sort((a, b) => (a.date < b.date ? 1 : -1));
  const fq = fold(question);
  // "Lần họp tới của Ban Điều hành là bao giờ": a meeting after today, when one is recorded; else said so,
  // with the latest one recorded.
  if (
    !q.meetingId &&
    !q.date &&
    /\b(?:(?:lan|cuoc|buoi|phien|ky) (?:hop|hoi nghi) (?:toi|sau|tiep theo|ke tiep|sap toi)|(?:hop|hoi nghi) (?:lan|ky) (?:toi|sau)|(?:lan|ky|phien|buoi) (?:toi|sau|tiep theo|ke tiep)|sap toi|tiep theo|ke tiep|sap dien ra|sap hop|se hop|(?:co )?lich hop)\b/.test(
      untelexText(fq),
    )
  ) {
    const bodyId = ctx.lex.bodies.match(searchTerms(question))[0]?.value;
    const ofBody = all.filter((m) => !bodyId || m.body === bodyId);
    const next = ofBody.filter((m) => m.date > ctx.today).at(-1);
    if (next) return answerMeeting({ meetingId: next.id }, ctx, "");
    const body = bodyId ? kb.body(bodyId) : undefined;
    const r = new ReplyBuilder("meeting").abstain();
    r.line(`Cơ sở tri thức chưa có lịch cuộc họp sắp tới${body ? ` của ${body.name}` : ""}.`);
    const last = ofBody[0];
    if (last) {
      r.line(
        `Cuộc họp gần nhất đã ghi: ${formatViDate(last.date)} — ${last.title}.`,
        kb.citeAll(last.sources),
      );
      r.action(`Họp ${formatViDate(last.date)}`, { kind: "meeting", meetingId: last.id });
    }
    return r.build();
  }
  // "Ban Điều hành đã họp những lần nào", "có bao nhiêu cuộc họp": the list, of the body named.
  if (
    !q.meetingId &&
    !q.date &&
    /\b(?:nhung lan nao|nhung ngay nao|may lan|bao nhieu (?:lan|cuoc hop|phien|buoi)|may (?:cuoc hop|phien hop|buoi hop|phien|buoi)|cac cuoc hop|nhung cuoc hop|danh sach cuoc hop|(?:cac|nhung) hoi nghi|liet ke (?:cac |nhung )?(?:cuoc hop|hoi nghi)|tung cuoc(?: hop)?|(?:cuoc hop|hoi nghi) nao (?:da )?(?:duoc )?(?:ghi nhan|ghi lai|luu))\b/.test(
      untelexText(fq),
    )
  ) {
    const bodyId = ctx.lex.bodies.match(searchTerms(question))[0]?.value;
    const body = bodyId ? kb.body(bodyId) : undefined;
    // "năm ngoái BĐH họp mấy lần", "năm 2023 …": the meetings of that year.
    const year = findDatePhrases(fq, { today: ctx.today })
      .find((p) => p.kind === "year" && p.from)
      ?.from?.slice(0, 4);
    const list = all.filter((m) => (!bodyId || m.body === bodyId) && (!year || m.date.startsWith(year)));
    const of = `${body ? ` của ${body.name}` : ""}${year ? ` năm ${year}` : ""}`;
    if (!list.length) {
      const r = new ReplyBuilder("meeting").abstain();
      r.line(`Cơ sở tri thức không ghi cuộc họp nào${of}.`);
      const others = all.filter((m) => !bodyId || m.body === bodyId);
      if (others.length)
        r.note(`Các cuộc họp đã ghi: ${others.map((m) => formatViDate(m.date)).join(", ")}.`);
      return r.build();
    }
    const r = new ReplyBuilder("meeting", `Các cuộc họp${of} mà cơ sở tri thức có (${list.length}):`);
    for (const m of list) {
      r.line(`• ${formatViDate(m.date)}: ${m.title}`, kb.citeAll(m.sources));
      r.item("meeting", m.id);
      r.action(`Họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
    }
    r.note("Chỉ gồm các cuộc họp mà nguồn đã ghi; có thể còn cuộc họp khác.");
    return r.build();
  }
  // "BCĐ CĐS tỉnh họp lần gần nhất khi nào": a body said to meet, of which no meeting is recorded.
  if (!q.meetingId && !q.date) {
    const terms = searchTerms(question);
    const m = ctx.lex.bodies.match(terms)[0];
    const meets =
      m &&
      (MEETS_AFTER.test(terms.slice(m.end).join(" ")) ||
        /\b(?:hop|cuoc hop|phien hop|buoi hop)(?: cua)?$/.test(terms.slice(0, m.start).join(" ")));
    const body = meets ? kb.body(m.value) : undefined;
    // ("HĐND tỉnh họp kỳ nào bàn về CĐS": a unit said to meet, when no body is named; the meetings
    // recorded are bodies' and conferences'.)
    const u = m ? undefined : ctx.lex.units.match(terms)[0];
    const unitMeets =
      u?.value.kind === "unit" &&
      (MEETS_AFTER.test(terms.slice(u.end).join(" ")) || /\bky hop$/.test(terms.slice(0, u.start).join(" ")));
    const unit = unitMeets ? kb.unit(u.value.id) : undefined;
    if (unit) {
      const r = new ReplyBuilder("meeting").abstain();
      r.line(`Cơ sở tri thức không ghi cuộc họp nào của ${unit.name}.`);
      if (all.length) r.note(`Các cuộc họp đã ghi: ${all.map((x) => formatViDate(x.date)).join(", ")}.`);
      return r.build();
    }
    if (body && !all.some((x) => x.body === body.id)) {
      const r = new ReplyBuilder("meeting").abstain();
      r.line(`Cơ sở tri thức không ghi cuộc họp nào của ${body.name}.`);
      if (all.length)
        r.note(
          `Các cuộc họp đã ghi: ${all.map((x) => `${formatViDate(x.date)} (${(x.body ? kb.body(x.body)?.name : undefined) ?? x.title})`).join("; ")}.`,
        );
      return r.build();
    }
  }
  let m: Meeting | undefined;
  let yearTaken: string | undefined;
  const period = !q.meetingId && !q.date && question ? askedPeriod(question, all, ctx) : undefined;
  if (q.meetingId) m = kb.meeting(q.meetingId);
  else if (q.date) {
    m = all.find((x) => x.date === q.date);
    if (!m && q.anyYear) {
      // The latest meeting the knowledge holds on that day and month, in any year.
      m = all.find((x) => x.date.slice(5) === q.date!.slice(5));
      if (m) yearTaken = m.date.slice(0, 4);
    }
  } else if (period && "none" in period) {
    const r = new ReplyBuilder("meeting").abstain();
    r.line(`Cơ sở tri thức không có cuộc họp nào trong ${period.none}.`);
    for (const x of all.slice(0, 3))
      r.action(`Họp ${formatViDate(x.date)}`, { kind: "meeting", meetingId: x.id });
    if (all.length)
      r.note(
        `Các cuộc họp đã có: ${all
          .slice(0, 3)
          .map((x) => formatViDate(x.date))
          .join(", ")}.`,
      );
    return r.build();
  } else if (period) {
    // "Tháng trước BĐH họp ngày nào", "họp quý I/2023": the (latest) meeting held in that period.
    m = period.held;
  } else if (question) {
    // The meeting the question's words fit best (search), else the latest one. A question about
    // results or shortcomings looks only at meetings that record them.
    const f = foldQuestion(question);
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
    // "Hội nghị tổng kết CĐS năm 2023": a review of a year no recorded meeting reviews ("tổng kết năm
    // 2022" is another year's).
    const review = /\b(tong ket|so ket)\b(?: [a-z]+){0,4}? (?:nam )?((?:19|20)\d\d)\b/.exec(f);
    if (
      review &&
      m &&
      !new RegExp(`\\b${review[1]}(?: [a-z0-9]+){0,4}? (?:nam )?${review[2]}\\b`).test(fold(m.title))
    ) {
      const r = new ReplyBuilder("meeting").abstain();
      r.line(
        `Cơ sở tri thức không có hội nghị ${review[1] === "tong ket" ? "tổng kết" : "sơ kết"} năm ${review[2]}.`,
      );
      if (all.length)
        r.note(`Các cuộc họp đã ghi: ${all.map((x) => `${formatViDate(x.date)} (${x.title})`).join("; ")}.`);
      return r.build();
    }
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
  const concepts = new Set(conceptsIn(foldQuestion(question)));
  // "Đào Xuân Kỳ có dự họp không", "có lãnh đạo Ngân hàng Nhà nước dự không": yes, with who; or that the
  // recorded attendees do not include them.
  const attendance = attendanceAnswer(m, question, ctx);
  if (attendance) {
    for (const line of attendance.lines) r.line(line, cites);
    if (!attendance.recorded) r.abstain();
    return r.build();
  }
  // "Số lượng đại biểu dự họp là bao nhiêu", "hội nghị có bao nhiêu người dự": no source counts those
  // present; the ones it names are shown.
  if (HEAD_COUNT.test(foldQuestion(question))) {
    r.abstain().line(`Nguồn hiện có không ghi số người dự cuộc họp ngày ${formatViDate(m.date)}.`, cites);
    const named = m.attendees
      .map((a) => (a.person ? (kb.person(a.person)?.name ?? a.label) : a.label))
      .filter(Boolean);
    if (named.length) r.line(`Thành phần được nêu: ${shorten(named.join("; "), 300)}.`, cites);
    return r.build();
  }
  // "Bài viết về cuộc họp ngày 20/02/2023 đăng trên trang nào, ngày nào": the sources it is recorded
  // from, with where and when each was published as far as they say; not recorded when none says.
  const asked = foldQuestion(question);
  if (
    /\b(?:bai viet|bai bao|tin bai|nguon)\b/.test(asked) &&
    /\b(?:dang|trang nao|bao nao|ngay nao|o dau)\b/.test(asked)
  ) {
    const sources = m.sources.flatMap((id) => kb.source(id) ?? []);
    const placed = sources.filter((x) => x.url || x.date);
    if (!placed.length)
      r.abstain().line(`Nguồn hiện có không ghi trang đăng, ngày đăng của bài viết về cuộc họp này.`);
    for (const x of sources)
      r.line(
        `• ${x.title}${x.publisher ? ` — ${x.publisher}` : ""}${x.url ? `, ${x.url}` : ""}${x.date ? `, ${formatViDate(x.date)}` : ""}`,
        kb.citeAll([x.id]),
        1,
      );
    return r.build();
  }
  // "cuộc họp ngày 20/02/2023 dẫn chiếu những văn bản nào": the documents its record names.
  if (
    /\b(?:nhung|cac|may|bao nhieu) (?:van ban|vb)\b|\b(?:van ban|vb) nao\b/.test(asked) &&
    /\b(?:dan chieu|nhac|neu|de cap|can cu|trich dan|lien quan|duoc neu)\b/.test(asked)
  ) {
    const text = [m.title, ...m.agenda, ...m.results, ...m.shortcomings, ...m.conclusions].join(" ");
    const named = [
      ...new Set(
        findDocRefs(text).map((x) => {
          const d = kb.documentByNumber(x.raw);
          return d ? documentLabel(d) : x.raw;
        }),
      ),
    ];
    if (named.length) {
      r.line(`Văn bản được nêu trong cuộc họp (${named.length}):`, cites);
      for (const n of named) r.line(`• ${n}`, [], 1);
      return r.build();
    }
  }
  // "Thủ tướng nói gì về Ninh Thuận tại hội nghị 25/12/2022": a province a national meeting's record
  // does not name was not spoken of there, as far as the sources say.
  const place = provinceIn(asked);
  if (place && /\b(?:noi|neu|de cap|nhac|giao|chi dao|ket luan|danh gia)\b/.test(asked)) {
    const recorded = fold(
      [m.title, ...m.agenda, ...m.results, ...m.shortcomings, ...m.conclusions].join(" "),
    );
    if (!recorded.includes(fold(place)) && !/\btinh\b/.test(fold(m.title))) {
      r.abstain().line(
        `Nguồn hiện có không ghi nội dung riêng về ${place} tại cuộc họp ngày ${formatViDate(m.date)}.`,
      );
      if (m.agenda.length) {
        r.line("Nội dung cuộc họp được ghi:", cites);
        for (const x of m.agenda) r.line(`• ${x}`, [], 1);
      }
      return r.build();
    }
  }
  // "họp 20/2 nói gì về thanh toán không dùng tiền mặt": the sentences on that topic first.
  const onTopic = topicSentences(m, question);
  // ("kết quả thực hiện kế hoạch 3609 bao nhiêu phần trăm": a share the sentences do not state is not
  // answered by them.)
  const noFigure = /\bphan tram\b|%/.test(foldQuestion(question)) && !onTopic.some(hasFigure);
  if (onTopic.length) {
    if (noFigure) r.abstain();
    r.line(
      noFigure
        ? "Nguồn hiện có không ghi con số được hỏi. Về nội dung này, cuộc họp nêu:"
        : "Về nội dung được hỏi, cuộc họp nêu:",
      cites,
    );
    for (const x of onTopic) r.line(`• ${shorten(x, 400)}`, [], 1);
    if (noFigure) return r.build();
  }
  const chair = m.chair ? kb.person(m.chair) : undefined;
  if (chair) {
    const title = chair.positions.map((p) => p.title).join(", ");
    r.line(`Chủ trì: ${chair.name}${title ? `, ${title}` : ""}.`, cites);
  }
  const focusResults = concepts.has("result") && m.results.length;
  const focusShort = concepts.has("shortcoming") && m.shortcomings.length;
  const f = foldQuestion(question);
  // "kết luận gì", "chỉ đạo gì": the conclusions alone; "những ai dự", "thành phần": the attendees alone.
  if (/\b(?:ket luan|chi dao|yeu cau|giao nhiem vu)\b/.test(f) && m.conclusions.length) {
    r.line("Kết luận:", cites);
    for (const x of m.conclusions) r.line(`• ${x}`, [], 1);
    return r.build();
  }
  const attendees = m.attendees
    .map((a) => (a.person ? (kb.person(a.person)?.name ?? a.label) : a.label))
    .filter(Boolean);
  if (/\b(?:thanh phan|nhung ai|ai du|ai tham du)\b/.test(f) && !attendees.length) {
    r.abstain().line(`Nguồn hiện có không ghi thành phần dự cuộc họp ngày ${formatViDate(m.date)}.`, cites);
    return r.build();
  }
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

/** How many attended (folded): "số lượng đại biểu", "bao nhiêu người dự", "mấy thành viên tham dự". */
const HEAD_COUNT =
  /\b(?:(?:so luong|tong so|so) (?:dai bieu|khach moi|nguoi (?:du|tham du|tham gia))|(?:bao nhieu|bn|may) (?:dai bieu|khach moi|nguoi(?! dan)|thanh vien|can bo|don vi|co quan)(?: (?:da |den )?(?:du|tham du|tham gia|co mat))?(?! (?:duoc giao|phai|chu tri|phoi hop|thuc hien)))\b/;

/** Words of a meeting question that say it is about a meeting, not what it is about. */
/** Words and phrases that frame a question about a meeting (phrases: "chỉ đạo" keeps "chỉ số" whole). */
const MEETING_FRAME = [
  "cuộc họp",
  "phiên họp",
  "buổi họp",
  "họp",
  "hội nghị",
  "ngày",
  "hôm",
  "tháng",
  "năm",
  "nói",
  "gì",
  "nêu",
  "đánh giá",
  "thế nào",
  "kết luận",
  "chỉ đạo",
  "nội dung",
  "ban điều hành",
  "ban chỉ đạo",
  "chuyển đổi số",
  "tỉnh",
  "quý",
  "sáng",
  "chiều",
  "theo",
].map((p) => searchTerms(p));

/** The meeting's sentences that share at least two words (or a pair) of the question's topic. */
function topicSentences(m: Meeting, question: string): string[] {
  const all = withoutFrames(queryTerms(question));
  const framed = phraseIndices(all, MEETING_FRAME);
  const topic = all.filter((t, i) => !framed.has(i) && !/^\d+$/.test(t));
  const sentences = [...m.agenda, ...m.results, ...m.shortcomings, ...m.conclusions];
  // One distinctive word ("đánh giá DTI thế nào"): the one or two sentences that have it.
  if (topic.length === 1 && topic[0]!.length >= 3) {
    const having = sentences.filter((x) => searchTerms(x).includes(topic[0]!));
    return having.length <= 2 ? having : [];
  }
  if (topic.length < 2) return [];
  // "vì sao …": every reason the meeting gave that has all the words asked about.
  const why = /\b(?:vi sao|tai sao|nguyen nhan|ly do|do dau)\b/.test(fold(question));
  const want = new Set(topic);
  const pairs = new Set(topic.slice(1).map((t, i) => `${topic[i]} ${t}`));
  const scored = sentences
    .map((x) => {
      const st = searchTerms(x);
      let n = new Set(st.filter((t) => want.has(t))).size;
      for (let i = 0; i + 1 < st.length; i++) if (pairs.has(`${st[i]} ${st[i + 1]}`)) n += 1;
      return { x, n };
    })
    .filter((e) => e.n >= (why ? Math.min(3, topic.length) : Math.min(3, topic.length + 1)))
    .sort((a, b) => b.n - a.n);
  return scored.slice(0, why ? 10 : 5).map((e) => e.x);
}

// ("có cử lãnh đạo dự cuộc họp … không": sent someone to it.)
const ATTEND_CUE =
  /\b(?:co (?:du|tham du|tham gia|mat)|co (?:cu|gui) (?:[a-z]+ ){0,3}?(?:du|tham du|tham gia)|du (?:hop|khong)|tham du (?:khong|hop)|co mat)\b/;

/** The meeting's attendee recorded for a unit: by its id, or by its name in the attendee's label. */
function attendeeOf(m: Meeting, unit: Unit): Meeting["attendees"][number] | undefined {
  const names = [unit.name, ...unit.aliases].map((n) => fold(n)).filter((n) => n.length > 3);
  return m.attendees.find((x) => x.unit === unit.id || names.some((n) => fold(x.label ?? "").includes(n)));
}

/** The posts a person held on a day (those recorded by then, else the first recorded). */
function postsOn(person: Person, date: string): string[] {
  const by = person.positions.filter((p) => !p.asOf || p.asOf <= date);
  return (by.length ? by : person.positions.slice(0, 1)).map((p) => p.title);
}

/**
 * Whether the people or units the question names are among the meeting's recorded attendees ("PCT Biên
 * và GĐ Sở TTTT có dự họp … không"), each said; or in what capacity a person attended ("a Kỳ dự họp … với
 * vai trò gì": the posts held that day).
 */
function attendanceAnswer(
  m: Meeting,
  question: string,
  ctx: AnswerContext,
): { lines: string[]; recorded: boolean } | undefined {
  const f = fold(question);
  const { kb, lex } = ctx;
  const terms = searchTerms(question);
  const expanded = expandAbbreviations(f);
  const personIds = [
    ...new Set([
      ...lex.people.match(terms).map((x) => x.value),
      ...addressedPeople(lex, expanded, terms, question).map((x) => x.value),
    ]),
  ];
  const day = formatViDate(m.date);
  // ("với cv gì": chức vụ, of a person at a meeting.)
  const capacity = /\b(?:vai tro|tu cach|cuong vi|chuc vu|chuc danh|cv) (?:gi|nao)\b/.test(f);
  if (capacity && personIds.length === 1) {
    const person = kb.person(personIds[0]!)!;
    const present = m.chair === person.id || m.attendees.some((x) => x.person === person.id);
    if (!present) return undefined;
    const role = m.chair === person.id ? "chủ trì" : "dự";
    return {
      lines: [
        `${person.name} ${role} cuộc họp ngày ${day} với cương vị ${postsOn(person, m.date).join("; ")}.`,
      ],
      recorded: true,
    };
  }
  const attends = /\b(?:du|tham du|tham gia|co mat)\b/.test(f);
  // "Lãnh đạo Ban Dân tộc dự họp hôm đó tên gì": a post the sources list without the name.
  // ("Tên tổ phó Tổ Giúp việc dự họp 20/2 là gì", "ai đại diện BHXH tỉnh dự họp": the same; "tên j":
  // the chat spelling, read expanded.)
  const asksName =
    /\bten (?:la )?gi\b|\bten\s*\??\s*$|\bho ten\b|\bla ai\b|^\s*(?:cho (?:biet|hoi) )?ten\b|\b(?:ai|nguoi) dai dien\b|\bai la nguoi\b/.test(
      expanded,
    );
  if (attends && asksName && !personIds.length) {
    const named = lex.units.match(terms).filter((x) => x.value.kind === "unit");
    const bodies = new Set(lex.bodies.match(terms).map((x) => x.value));
    const found = [
      ...named.map((x) => kb.unit(x.value.id)!).map((unit) => attendeeOf(m, unit)),
      ...m.attendees.filter((x) => x.body && bodies.has(x.body) && x.body !== m.body),
    ]
      .filter((a) => !a?.person)
      .filter((a) => a?.label);
    // ("Ai đại diện Tổ Giúp việc dự họp": the post it sent, "Tổ phó", answers who; "Lãnh đạo …" says no
    // one in particular; a name asked is not recorded.)
    const byPost =
      /\b(?:ai|nguoi) dai dien\b/.test(f) &&
      !/\bten\b|\bla ai\b|\bai la nguoi\b/.test(f) &&
      found.every((a) => !/^lanh dao\b/.test(fold(a!.label!)));
    if (found.length)
      return {
        lines: found.map((a) =>
          byPost
            ? `Đại diện dự họp ngày ${day}: “${a!.label}” (nguồn không ghi họ tên).`
            : `Nguồn chỉ ghi thành phần dự họp ngày ${day} là “${a!.label}”, không ghi họ tên người dự.`,
        ),
        recorded: byPost,
      };
  }
  // "ai dự họp 20/2 từ Sở Tài chính": who of a unit, which the recorded attendees name or not.
  if (
    attends &&
    !personIds.length &&
    /\bai\b/.test(f) &&
    /\b(?:tu|cua|thuoc|ben|phia)\s+(?:so|ban|cuc|bo|chi cuc|trung tam|ngan hang|bao hiem|kho bac|ubnd|uy ban)\b/.test(
      f,
    )
  ) {
    const named = lex.units.match(terms).filter((x) => x.value.kind === "unit");
    if (named.length === 1) {
      const unit = kb.unit(named[0]!.value.id)!;
      const a = attendeeOf(m, unit);
      const who = a?.person ? kb.person(a.person)?.name : undefined;
      return a
        ? { lines: [`Từ ${unit.name}: ${who ? `${who} (${a.label})` : a.label}.`], recorded: true }
        : { lines: [`Thành phần dự họp ngày ${day} mà nguồn ghi không nêu ${unit.name}.`], recorded: false };
    }
    const unknown = named.length ? undefined : unknownUnitPhrase(f, question);
    if (unknown)
      return {
        lines: [
          `Cơ sở tri thức chưa có đơn vị “${unknown}”; thành phần dự họp ngày ${day} mà nguồn ghi không nêu đơn vị này.`,
        ],
        recorded: false,
      };
  }
  if (!ATTEND_CUE.test(f) || !/\b(?:khong|ko|k|khog|khg|hok|hong|chua)\b|\?\s*$/.test(f)) return undefined;
  // "Ngoài ông …, những ai dự họp": who, not whether.
  if (/\b(?:nhung ai|ai|ngoai)\b/.test(f)) return undefined;
  const unitIds = [
    ...new Set(
      lex.units
        .match(terms)
        .filter((x) => x.value.kind === "unit")
        .map((x) => x.value.id),
    ),
  ];
  // "trung tâm mình có dự họp … không": the asker's unit.
  if (!unitIds.length && ctx.asker?.unitId && mentionsSelf(question)) unitIds.push(ctx.asker.unitId);
  if (!personIds.length && !unitIds.length && !mentionsSelf(question)) {
    // "Sở Y tế có dự họp … không": a unit the register does not hold is not among those recorded.
    const unknown = unknownUnitPhrase(f, question);
    if (!unknown) return undefined;
    return {
      lines: [
        `Cơ sở tri thức chưa có đơn vị “${unknown}”; thành phần dự họp ngày ${day} mà nguồn ghi không nêu đơn vị này.`,
      ],
      recorded: false,
    };
  }
  if (!personIds.length && !unitIds.length) return undefined;
  const lines: string[] = [];
  let recorded = true;
  for (const id of personIds) {
    const person = kb.person(id)!;
    const a = m.attendees.find((x) => x.person === person.id);
    if (m.chair === person.id) lines.push(`Có. ${person.name} chủ trì cuộc họp ngày ${day}.`);
    else if (a) lines.push(`Có. ${person.name}${a.label ? ` (${a.label})` : ""} dự cuộc họp ngày ${day}.`);
    else {
      lines.push(`Thành phần dự họp ngày ${day} mà nguồn ghi không có ${person.name}.`);
      recorded = false;
    }
  }
  for (const id of unitIds) {
    const unit = kb.unit(id)!;
    // (A unit whose head was already said present is not said again.)
    if (personIds.some((p) => kb.person(p)?.positions.some((x) => x.unit === id))) continue;
    const a = attendeeOf(m, unit);
    // (The person, when the sources name who held that post: "Giám đốc Sở TT&TT có dự không".)
    const who = a?.person ? kb.person(a.person)?.name : undefined;
    if (a) lines.push(`Có. Thành phần dự họp ngày ${day} có ${who ? `${who} (${a.label})` : a.label}.`);
    else {
      lines.push(`Thành phần dự họp ngày ${day} mà nguồn ghi không nêu ${unit.name}.`);
      recorded = false;
    }
  }
  return { lines, recorded };
}

/**
 * The week, month, quarter or year the question names ("họp quý II/2023", "tuần trước", "tháng trước BĐH
 * họp ngày nào"), read once, for meetings of the body it names (the national conference is not the
 * BĐH's quarter meeting): `held`, the latest meeting in a month or quarter; `none`, the period's label
 * when no meeting was held in it (not for a year a meeting reviewed, "kết quả năm 2022"); undefined
 * when no period is named or the question's words should choose (a year or a week with meetings).
 */
export function askedPeriod(
  question: string,
  all: Meeting[],
  ctx: AnswerContext,
): { held: Meeting } | { none: string } | undefined {
  const p = findDatePhrases(untelexText(fold(question)), { today: ctx.today }).find(
    (x) => x.kind === "month" || x.kind === "quarter" || x.kind === "year" || x.kind === "week",
  );
  if (!p?.from || !p.to) return undefined;
  // Only a body that holds meetings narrows them ("họp quý I/2023 nói gì về Tổ công nghệ số cộng đồng"
  // names a body the meeting talked about, not the one that met).
  const holders = new Set(all.map((m) => m.body).filter(Boolean));
  const bodies = new Set(
    ctx.lex.bodies
      .match(searchTerms(question))
      .map((b) => b.value)
      .filter((b) => holders.has(b)),
  );
  const held = all.find(
    (m) => m.date >= p.from! && m.date <= p.to! && (!bodies.size || !m.body || bodies.has(m.body)),
  );
  if (held) return p.kind === "month" || p.kind === "quarter" ? { held } : undefined;
  if (p.kind === "year") {
    const y = p.from.slice(0, 4);
    if (all.some((m) => fold(m.title).includes(`nam ${y}`) || m.date.slice(0, 4) === String(Number(y) + 1)))
      return undefined;
  }
  return { none: p.label ?? `năm ${p.from.slice(0, 4)}` };
}
