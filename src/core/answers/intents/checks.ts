/**
 * Yes/no questions about who does a task: "Sở TT&TT có phải chủ trì <việc> không?" → "Có." or "Không."
 * with the evidence (who leads and who supports the task the words name), cited.
 */
import type { Person, Task } from "../../knowledge/schema.ts";
import { findDatePhrases } from "../../text/dates.ts";
import { fold } from "../../text/normalize.ts";
import { foldQuestion } from "../../text/question.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { dueAfterLabel, dueText, leadNames, shorten } from "../format.ts";
import { fuzzyPeople } from "../lexicon.ts";
import { type Query, type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";
import { MINE, mentionsSelf } from "../understand.ts";
import { heldAsSuccessor, inheritedFrom } from "../unit-time.ts";
import { findDocuments } from "./documents.ts";
import { notRecordedAtUnit, POSTS_AS_OF_NOTE, unitChangesOfPosts } from "./people.ts";
import { linkNeeded } from "./tasks.ts";

type CheckQuery = Extract<Query, { kind: "check" }>;

/** Whether a unit is among the ids (itself, or a group it belongs to). */
function among(ctx: AnswerContext, ids: string[], unitId: string): boolean {
  return ids.some((id) => id === unitId || ctx.kb.unitsOf([id]).some((u) => u.id === unitId));
}

export function answerCheck(q: CheckQuery, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  if (q.unitId === MINE && !ctx.asker?.unitId) return linkNeeded();
  const unitId = q.unitId === MINE ? ctx.asker!.unitId! : q.unitId;
  const unit = kb.unit(unitId) ?? kb.group(unitId);
  const hit = ctx.lex.index.search(q.text, { kinds: ["task"], limit: 1 })[0];
  const task: Task | undefined = hit && hit.coverage >= 0.5 ? kb.task(hit.doc.id) : undefined;
  if (!unit || !task) {
    const r = new ReplyBuilder("search").abstain();
    r.line("Tôi chưa tìm thấy nhiệm vụ đó trong cơ sở tri thức nên chưa trả lời được có hay không.");
    return r.build();
  }
  const cites = kb.citeAll([...(task.document ? [task.document] : []), ...task.sources]);
  // (A task taken over from a unit it succeeded is led by it today.)
  const inherited = heldAsSuccessor(kb, unit.id, task.id, ctx.today);
  const leads = among(ctx, task.lead, unit.id) || !!inherited;
  const supports = among(ctx, task.support, unit.id);
  const yes = q.role === "lead" ? leads : supports;
  const title = shorten(task.title, 140);
  const r = new ReplyBuilder("search");
  const support = task.support.length ? `; phối hợp: ${kb.namesOf(task.support).join("; ")}` : "";
  // (A unit that has since ended: who holds the task today.)
  const ended = kb.unitEndSentence(unit.id, ctx.today);
  if (q.role === "any") {
    const part = leads ? "chủ trì" : supports ? "phối hợp thực hiện" : "không chủ trì, không phối hợp";
    // ("… có nhiệm vụ … không": yes or no, first.)
    const yesNo = /\b(?:khong|ko|k|hong|chua)\b[\s?.!]*$/.test(fold(ctx.question ?? ""));
    const verdict = yesNo ? (leads || supports ? "Có. " : "Không. ") : "";
    r.line(`${verdict}${unit.name} ${part} nhiệm vụ “${title}”.`, cites);
    r.line(`Chủ trì: ${leadNames(kb, task)}${support}.`, cites, 1);
    if (ended) r.line(ended.text, kb.citeAll(ended.sources), 1);
    r.item("task", task.id);
    return r.build();
  }
  const role = q.role === "lead" ? "chủ trì" : "phối hợp thực hiện";
  // A task given to a group the unit is in ("các cơ quan, đơn vị, địa phương"): said as given to them all.
  const viaGroup = yes && q.role === "lead" && !task.lead.includes(unit.id) && !inherited;
  r.line(
    viaGroup
      ? `Có. Nhiệm vụ “${title}” giao chung cho ${leadNames(kb, task)}, trong đó có ${unit.name}.`
      : yes
        ? `Có. ${unit.name} ${role} nhiệm vụ “${title}”.`
        : `Không. ${unit.name} không ${role} nhiệm vụ “${title}”.`,
    cites,
  );
  r.line(`Chủ trì: ${leadNames(kb, task)}${support}; ${dueText(task, ctx.today)}.`, cites, 1);
  if (ended) r.line(ended.text, kb.citeAll(ended.sources), 1);
  if (inherited?.from)
    r.line(
      `${unit.name} tiếp nhận nhiệm vụ này ${inheritedFrom(kb, inherited.from)}.`,
      kb.citeAll(kb.unitEnd(inherited.from)?.sources ?? []),
      1,
    );
  if (!yes && q.role === "lead" && supports) r.line(`${unit.name} là đơn vị phối hợp.`, [], 1);
  if (!yes && q.role === "support" && leads) r.line(`${unit.name} là đơn vị chủ trì.`, [], 1);
  r.item("task", task.id);
  return r.build();
}

/** "có phải … không", "… phải không", "có … không?", "… ko". */
const YES_NO =
  /\b(?:co phai|phai khong|dung khong|co dung|hay khong|phai ko|dung ko)\b|\bco\b.*\b(?:khong|ko|k|khg|hok)\s*\??\s*$/;

/**
 * Yes/no questions about a person the question names: did they sign the document it names, chair
 * the meeting it names, hold the post it names? "Không." comes with who did.
 */
/** The one person whose recorded post's words (three or more) are all in the question. */
function personByPost(terms: readonly string[], ctx: AnswerContext): Person | undefined {
  const words = new Set(terms);
  const found = ctx.kb.data.people.filter((p) =>
    p.positions.some((pos) => {
      const t = searchTerms(pos.title);
      return t.length >= 3 && t.every((w) => words.has(w));
    }),
  );
  return found.length === 1 ? found[0] : undefined;
}

export function answerPersonCheck(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded
    .replace(/[^\p{L}\p{N}\s?]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!YES_NO.test(bare)) return undefined;
  const { kb, lex } = ctx;
  const terms = searchTerms(u.text);
  const exact = lex.people.match(terms);
  const match = (exact.length ? exact : fuzzyPeople(lex, terms))[0];
  // "Có phải GĐ Sở TT&TT chủ trì họp …": a person named by the post the sources record.
  const person = match
    ? kb.person(match.value)
    : /\bchu tri\b/.test(bare)
      ? personByPost(searchTerms(foldQuestion(u.text)), ctx)
      : undefined;
  if (!person) return undefined;
  const q = u.query;
  // Signed the document named.
  if (/\b(?:ky|ki)\b/.test(bare) && q.kind === "document") {
    const d = findDocuments(ctx, q)[0];
    if (!d) return undefined;
    const cites = kb.citeAll([d.id, ...d.sources]);
    const r = new ReplyBuilder("document");
    r.item("document", d.id);
    if (!d.signer) {
      r.abstain();
      r.line(`Nguồn hiện có không ghi người ký ${d.type} ${d.number}.`, cites);
    } else if (fold(d.signer).includes(fold(person.name))) {
      r.line(`Có. ${d.type} ${d.number} do ${d.signer} ký.`, cites);
    } else {
      r.line(`Không. ${d.type} ${d.number} do ${d.signer} ký, không phải ${person.name}.`, cites);
    }
    return r.build();
  }
  // Chaired the meeting named.
  // (The meeting is the one the question's day names, however the question was read.)
  const dayNamed = findDatePhrases(u.text, { today: ctx.today }).find(
    (p) => p.kind === "day" && p.from,
  )?.from;
  const meetingDay = (q.kind === "meeting" ? q.date : undefined) ?? dayNamed;
  const meetingId = q.kind === "meeting" ? q.meetingId : undefined;
  if (/\bchu tri\b/.test(bare) && (meetingDay || meetingId)) {
    const all = [...kb.data.meetings].sort((a, b) => (a.date < b.date ? 1 : -1));
    const m = meetingId
      ? kb.meeting(meetingId)
      : (all.find((x) => x.date === meetingDay) ?? all.find((x) => x.date.slice(5) === meetingDay!.slice(5)));
    if (!m) return undefined;
    const chair = m.chair ? kb.person(m.chair) : undefined;
    const cites = kb.citeAll(m.sources);
    const r = new ReplyBuilder("meeting");
    r.item("meeting", m.id);
    if (!chair)
      r.abstain().line(`Nguồn hiện có không ghi người chủ trì cuộc họp ngày ${formatViDate(m.date)}.`);
    else if (chair.id === person.id)
      r.line(`Có. ${person.name} chủ trì cuộc họp ngày ${formatViDate(m.date)}.`, cites);
    else
      r.line(
        `Không. Cuộc họp ngày ${formatViDate(m.date)} do ${chair.name} chủ trì, không phải ${person.name}.`,
        cites,
      );
    return r.build();
  }
  // Holds the post named ("có phải Trưởng ban Điều hành", "có phải phó trưởng ban thường trực").
  const post = POSTS.find((p) => p.re.test(bare));
  if (!post) return undefined;
  const bodyId = lex.bodies.match(terms)[0]?.value;
  // "Ông Kỳ có làm Giám đốc Sở KH&CN không": a unit where the sources record no post of that person.
  const unitsNamed = lex.units.match(searchTerms(foldQuestion(u.text))).map((m) => m.value.id);
  const postUnits = new Set(person.positions.flatMap((x) => (x.unit ? [x.unit] : [])));
  if (!bodyId && unitsNamed.length && unitsNamed.every((id) => !postUnits.has(id))) {
    // "Ông Kỳ là Chủ tịch UBND tỉnh phải không": no, when the sources name another at that post.
    const unit = kb.unit(unitsNamed[0]!);
    const names = unit ? [unit.name, ...unit.aliases].map((n) => fold(n)) : [];
    const atUnit = (x: Person["positions"][number]) =>
      post.test(fold(x.title), x.role) &&
      (x.unit === unit?.id || names.some((n) => fold(x.title).includes(n)));
    const other = kb.data.people.find((p) => p.id !== person.id && p.positions.some(atUnit));
    if (other) {
      const pos = other.positions.find(atUnit)!;
      const r = new ReplyBuilder("person").item("person", person.id).item("person", other.id);
      r.line(
        `Không. ${pos.title} là ${other.name}${pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : ""}.`,
        kb.citeAll(pos.sources.length ? pos.sources : other.sources),
      );
      r.line(
        `${person.name}: ${person.positions.map((x) => x.title).join("; ")}.`,
        kb.citeAll(person.positions.flatMap((x) => x.sources).concat(person.sources)),
      );
      return r.build();
    }
    return notRecordedAtUnit(person, unitsNamed[0]!, ctx);
  }
  const holds = (pos: Person["positions"][number]) =>
    post.test(fold(pos.title), pos.role) && (!bodyId || !pos.body || pos.body === bodyId);
  const own = person.positions.find(holds);
  const holders = kb.data.people.filter((p) => p.id !== person.id && p.positions.some(holds));
  const cite = (p: Person) => kb.citeAll(p.positions.flatMap((x) => x.sources).concat(p.sources));
  const r = new ReplyBuilder("person");
  r.item("person", person.id);
  const asOf = (pos: Person["positions"][number]) =>
    pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
  if (own) {
    const others = person.positions.filter((x) => x !== own).map((x) => x.title);
    // ("Hiện nay ông Kỳ có còn là Giám đốc Sở TT&TT không": the unit has since been merged; the post as
    // the source recorded it is no answer for today.)
    const ended = own.unit ? kb.unitEndSentence(own.unit, ctx.today) : undefined;
    const now = /\b(?:hien nay|hien tai|bay gio|con la|con giu|van la|van giu)\b/.test(bare);
    if (ended && now)
      r.line(
        `Không còn chức vụ đó: nguồn ghi ${person.name} là ${own.title}${asOf(own)}, nhưng ${ended.text}`,
        kb.citeAll([...own.sources, ...ended.sources]),
      );
    else {
      r.line(`Có. ${person.name}: ${[own.title, ...others].join("; ")}${asOf(own)}.`, cite(person));
      for (const note of unitChangesOfPosts(person, ctx)) r.line(note.text, kb.citeAll(note.sources));
    }
  } else if (holders.length) {
    const h = holders[0]!;
    const pos = h.positions.find(holds)!;
    r.line(`Không. ${pos.title} là ${h.name}${asOf(pos)}.`, cite(h));
    r.line(`${person.name}: ${person.positions.map((x) => x.title).join("; ")}.`, cite(person), 1);
  } else {
    r.abstain();
    r.line(`Nguồn hiện có không ghi ${person.name} giữ chức vụ này.`);
    r.line(`${person.name}: ${person.positions.map((x) => x.title).join("; ")}.`, cite(person), 1);
  }
  r.note(POSTS_AS_OF_NOTE);
  return r.build();
}

/** Posts a yes/no question may name, most specific first. */
const POSTS: readonly { re: RegExp; test: (title: string, role?: string) => boolean }[] = [
  {
    re: /\bpho truong ban thuong truc\b/,
    test: (t, role) => role === "standing-deputy" || /pho truong ban thuong truc/.test(t),
  },
  {
    re: /\bpho truong ban\b/,
    test: (t, role) => role === "deputy" || role === "standing-deputy" || /pho truong ban/.test(t),
  },
  { re: /\btruong ban\b/, test: (t, role) => role === "head" || /(?:^|[^o] )truong ban/.test(t) },
  { re: /\bpho chu tich\b/, test: (t) => /pho chu tich/.test(t) },
  { re: /\bchu tich\b/, test: (t) => /(?:^|[^o] )chu tich/.test(t) },
  { re: /\bpho giam doc\b/, test: (t) => /pho giam doc/.test(t) },
  { re: /\bgiam doc\b/, test: (t) => /(?:^|[^o] )giam doc/.test(t) },
  { re: /\bthu tuong\b/, test: (t) => /thu tuong/.test(t) },
  { re: /\bbo truong\b/, test: (t) => /bo truong/.test(t) },
  { re: /\bto truong\b/, test: (t, role) => role === "leader" || /to truong/.test(t) },
];

/**
 * "Sở TT&TT đã hoàn thành sản phẩm chuyển đổi số năm 2023 chưa?": the progress the store records for the
 * unit's task the words name. Done: when and by whom it was marked; not recorded: said so, with the
 * deadline (a report not made is not a task not done).
 */
export function answerProgressCheck(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded
    .replace(/[^\p{L}\p{N}\s?]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // "đã xây xong chưa", "giờ xây xong chưa", "hoàn thành chưa".
  // ("BCA xây xong TTDLQG chưa": what was built between "xong" and "chưa".)
  if (
    !/\bda(?: [a-z]+){0,3} (?:hoan thanh|xong)\b|\b(?:hoan thanh|xong) (?:chua|hay chua)\b|\bxong(?: [a-z0-9]+){1,6} chua\s*\??$/.test(
      bare,
    )
  )
    return undefined;
  if (!/\b(?:chua|khong|ko|k|hay chua)\b\s*\??\s*$/.test(bare) && !/\bchua\b/.test(bare)) return undefined;
  const { kb, lex } = ctx;
  const terms = searchTerms(u.text);
  const named = lex.units.match(terms).find((m) => m.value.kind === "unit")?.value.id;
  const unitId = named ?? (mentionsSelf(u.text) ? ctx.asker?.unitId : undefined);
  const unit = unitId ? kb.unit(unitId) : undefined;
  // Without a unit ("Trung tâm Dữ liệu quốc gia đã xây dựng xong chưa"): the task the words name, plainly.
  const own = unit ? kb.tasksOfUnit(unit.id).lead : kb.data.tasks;
  if (!own.length) return undefined;
  // (Searched without the words that ask whether it is done: they are no words of the task.)
  const words = u.text.replace(
    /(?<![\p{L}])(?:đã|da|hoàn thành|hoan thanh|xong|chưa|chua|hay|các đơn vị|cac don vi|các cơ quan|cac co quan)(?![\p{L}])/giu,
    " ",
  );
  const hits = lex.index
    .search(words, { kinds: ["task"], limit: 20 })
    .filter((h) => own.some((t) => t.id === h.doc.id));
  const task = hits[0] && hits[0].coverage >= (unit ? 0.3 : 0.5) ? kb.task(hits[0].doc.id) : undefined;
  if (!task) return undefined;
  const who = unit?.name ?? leadNames(kb, task);
  const cites = kb.citeAll([...(task.document ? [task.document] : []), ...task.sources]);
  const r = new ReplyBuilder("tasks");
  r.item("task", task.id);
  const title = shorten(task.title, 140);
  if (task.progress.completedOn) {
    r.line(`Có. ${who} đã hoàn thành “${title}” ngày ${formatViDate(task.progress.completedOn)}.`, cites);
  } else {
    r.abstain();
    r.line(`Cơ sở tri thức chưa ghi nhận ${who} đã hoàn thành “${title}”.`, cites);
    r.line(`Thời hạn: ${dueAfterLabel(task, ctx.today)}.`, [], 1);
    r.note("Khi đơn vị báo đã hoàn thành (trả lời nhắc hạn), kết quả được ghi lại.");
  }
  return r.build();
}
