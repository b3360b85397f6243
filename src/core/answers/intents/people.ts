/** People ("đào xuân kỳ là ai") and roles ("ai là trưởng ban điều hành", "giám đốc sở tttt"). */
import { type Knowledge, OUTSIDE_PROVINCE } from "../../knowledge/model.ts";
import type { Person, Position } from "../../knowledge/schema.ts";
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { fold } from "../../text/normalize.ts";
import { foldQuestion } from "../../text/question.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { lowerFirst } from "../format.ts";
import { peopleByGivenName } from "../lexicon.ts";
import { type Query, RECORDED_NOTE, type Reply, ReplyBuilder } from "../reply.ts";
import { MINE, type Understanding } from "../understand.ts";
import { answerTasksOfMembers, linkNeeded } from "./tasks.ts";

type RoleQuery = Extract<Query, { kind: "role" }>;

function positionCites(ctx: AnswerContext, p: Person, pos: Position) {
  return ctx.kb.citeAll(pos.sources.length ? pos.sources : p.sources);
}

export function answerPerson(q: { personId: string; unknownName?: string }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const p = kb.person(q.personId);
  if (!p) {
    const who = q.unknownName ? `“${q.unknownName}”` : "người này";
    return new ReplyBuilder("person")
      .abstain()
      .line(`Cơ sở tri thức không có thông tin về ${who}.`)
      .note("Tổ Giúp việc có thể bổ sung nếu có nguồn.")
      .build();
  }
  const r = new ReplyBuilder("person", p.name);
  r.item("person", p.id);
  for (const pos of p.positions) {
    const when = pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
    r.line(`• ${pos.title}${when}`, positionCites(ctx, p, pos));
  }
  for (const note of unitChangesOfPosts(p, ctx)) r.line(note.text, kb.citeAll(note.sources));
  const chaired = kb.data.meetings.filter((m) => m.chair === p.id);
  const attended = kb.data.meetings.filter(
    (m) => m.chair !== p.id && m.attendees.some((a) => a.person === p.id),
  );
  for (const m of chaired) {
    r.line(`Chủ trì: ${m.title} (${formatViDate(m.date)}).`, kb.citeAll(m.sources));
    r.action(`Cuộc họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
  }
  for (const m of attended) {
    r.line(`Dự: ${m.title} (${formatViDate(m.date)}).`, kb.citeAll(m.sources));
    r.action(`Cuộc họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
  }
  const signed = kb.data.documents.filter((d) => d.signer && fold(d.signer).includes(fold(p.name)));
  for (const d of signed)
    r.line(`Ký ${d.type} số ${d.number} ngày ${formatViDate(d.date)}.`, kb.citeAll([d.id, ...d.sources]));
  r.note(POSTS_AS_OF_NOTE);
  return r.build();
}

/**
 * "Ông Kỳ hiện giữ chức vụ gì ở Sở KH&CN": a person's post at a unit where the sources record none is
 * said so (with the posts they do record), not answered with the posts elsewhere as if they were it.
 */
export function answerPersonAtUnit(u: Understanding, ctx: AnswerContext): Reply | undefined {
  if (u.query.kind !== "person" || !u.query.personId) return undefined;
  const bare = u.folded.replace(/[^\p{L}\p{N}\s]/gu, " ");
  // ("ông Biên còn là Phó Chủ tịch không": whether the post is still held, today or in the year named.)
  const stillHeld = /\bcon (?:la|giu|lam|dam nhiem|dam nhan|tai vi)\b/.test(bare);
  if (!stillHeld && !/\b(?:chuc vu|chuc danh|chuc gi|giu|vi tri|cuong vi|lam gi|dam nhiem)\b/.test(bare))
    return undefined;
  const { kb, lex } = ctx;
  const p = kb.person(u.query.personId);
  if (!p) return undefined;
  // "hiện nay giữ chức vụ gì", "sau khi hợp nhất sở, ông … giữ chức vụ gì", "năm 2025 còn là … không":
  // the post today or in a later year, when the sources record posts only as of an earlier day.
  const dated = p.positions.filter((x) => x.asOf);
  const recordedUntil =
    dated
      .map((x) => x.asOf!)
      .sort()
      .at(-1) ?? "";
  const allDated = dated.length === p.positions.length && dated.length > 0;
  const laterYear = u.year && allDated && `${u.year}` > recordedUntil.slice(0, 4) ? u.year : undefined;
  if (laterYear)
    return postsNotRecorded(p, `Nguồn hiện có không ghi chức vụ năm ${laterYear} của ${p.name}.`, ctx);
  // ("… hiện nay còn là Chủ tịch tỉnh không" is answered with the post and the day it was recorded.)
  if (
    !stillHeld &&
    /\b(?:hien nay|hien tai|bay gio|gio|sau (?:khi )?(?:hop nhat|sap nhap|sat nhap))\b/.test(bare) &&
    !u.year
  ) {
    if (allDated && recordedUntil < `${Number(ctx.today.slice(0, 4)) - 1}`)
      return postsNotRecorded(p, `Nguồn hiện có không ghi chức vụ hiện nay của ${p.name}.`, ctx);
  }
  const named = lex.units.match(searchTerms(u.text)).map((m) => m.value.id);
  if (!named.length) return undefined;
  const held = new Set(p.positions.flatMap((x) => (x.unit ? [x.unit] : [])));
  const foreign = named.filter((id) => !held.has(id));
  if (!foreign.length || foreign.length < named.length) return undefined;
  return notRecordedAtUnit(p, foreign[0]!, ctx);
}

/** "Nguồn hiện có không ghi chức vụ của X tại <unit>", with the posts the sources do record. */
export function notRecordedAtUnit(p: Person, unitId: string, ctx: AnswerContext): Reply {
  const unit = ctx.kb.unit(unitId);
  return postsNotRecorded(
    p,
    `Nguồn hiện có không ghi chức vụ của ${p.name} tại ${unit?.name ?? unitId}.`,
    ctx,
  );
}

/** A post the sources do not record, said first; then the posts they do record and what became of their units. */
function postsNotRecorded(p: Person, said: string, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const r = new ReplyBuilder("person", p.name).abstain();
  r.line(said);
  r.item("person", p.id);
  for (const pos of p.positions) {
    const when = pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
    r.line(`Chức vụ nguồn ghi: ${pos.title}${when}.`, positionCites(ctx, p, pos));
  }
  for (const note of unitChangesOfPosts(p, ctx)) r.line(note.text, kb.citeAll(note.sources));
  return r.build();
}

/**
 * What became of the units a person's recorded posts were in ("Sở TT&TT đã hợp nhất vào Sở KH&CN từ
 * 01/03/2025"): a post recorded in 2023 at a unit that has since ended is not a post today.
 */
export function unitChangesOfPosts(p: Person, ctx: AnswerContext): { text: string; sources: string[] }[] {
  const units = [...new Set(p.positions.map((x) => x.unit).filter((u): u is string => !!u))];
  return units.flatMap((u) => {
    const ended = ctx.kb.unitEndSentence(u, ctx.today);
    return ended ? [ended] : [];
  });
}

const ROLE_NAMES: Record<string, string> = {
  head: "Trưởng ban",
  "standing-deputy": "Phó Trưởng ban Thường trực",
  deputy: "Phó Trưởng ban",
  member: "Thành viên",
  leader: "Tổ trưởng",
  "deputy-leader": "Tổ phó",
};

const TITLE_NAMES: Record<string, string> = {
  "chu tich": "Chủ tịch",
  "pho chu tich": "Phó Chủ tịch",
  "giam doc": "Giám đốc",
  "pho giam doc": "Phó Giám đốc",
  "thu tuong": "Thủ tướng",
  "pho thu tuong": "Phó Thủ tướng",
  "bo truong": "Bộ trưởng",
  "cuc truong": "Cục trưởng",
  "bi thu": "Bí thư",
  "pho bi thu": "Phó Bí thư",
  "hieu truong": "Hiệu trưởng",
};

function findHolders(q: RoleQuery, ctx: AnswerContext, useBody: boolean): { p: Person; pos: Position }[] {
  const matches: { p: Person; pos: Position }[] = [];
  for (const p of ctx.kb.data.people) {
    for (const pos of p.positions) {
      if (useBody && q.bodyId && pos.body !== q.bodyId) continue;
      if (q.unitId && !q.bodyId && pos.unit !== q.unitId) continue;
      // "Người đứng đầu Sở …": the unit's head, whatever the post is called there.
      const unitHead = q.role === "head" && q.unitId && !q.bodyId;
      if (q.role && !unitHead) {
        // (Every leader of a body is one of its members: "Phó Chủ tịch nào là thành viên BĐH".)
        const ok =
          q.role === "deputy"
            ? pos.role === "deputy" || pos.role === "standing-deputy"
            : q.role === "member"
              ? pos.body !== undefined && pos.role !== undefined
              : pos.role === q.role;
        // In a unit (not a body), "leader" is how the schema marks the head of the unit.
        if (!ok) continue;
        // ("Tổ trưởng là ai", no tổ named: a post called so, not every unit's head.)
        if (
          q.role === "leader" &&
          !q.bodyId &&
          !q.unitId &&
          /\bto truong\b/.test(fold(q.phrase)) &&
          !fold(pos.title).includes("to truong")
        )
          continue;
      }
      if (q.title) {
        const t = fold(pos.title);
        if (!t.includes(q.title)) continue;
        if (!q.title.startsWith("pho") && t.includes(`pho ${q.title}`)) continue;
      }
      matches.push({ p, pos });
    }
  }
  return matches;
}

/** Posts no source names anyone in ("thư ký Ban Điều hành", "chánh văn phòng"), folded, as shown. */
const OTHER_POSTS: readonly (readonly [RegExp, string])[] = [
  [/\bthu ky\b/, "thư ký"],
  [/\b(?:pho )?chanh van phong\b/, "chánh văn phòng"],
  [/\bke toan(?: truong)?\b/, "kế toán"],
  [/\b(?:nguoi )?phat ngon\b/, "người phát ngôn"],
  [/\bthu quy\b/, "thủ quỹ"],
  [/\bvan thu\b/, "văn thư"],
  [/\bchuyen vien\b/, "chuyên viên"],
  [/\btruong phong\b/, "trưởng phòng"],
];

export function answerRole(asked: RoleQuery, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  // "ai là thư ký Ban Điều hành": a post no recorded position is, said so (not the body's members).
  const said = ctx.question ? foldQuestion(ctx.question) : fold(asked.phrase);
  const post = OTHER_POSTS.find(
    ([re]) => re.test(said) && !kb.data.people.some((p) => p.positions.some((x) => re.test(fold(x.title)))),
  );
  if (post) {
    const of = asked.bodyId
      ? kb.body(asked.bodyId)?.name
      : asked.unitId
        ? kb.unit(asked.unitId)?.name
        : undefined;
    return new ReplyBuilder("role")
      .abstain()
      .line(`Nguồn hiện có không ghi ${post[1]}${of ? ` của ${of}` : ""}.`)
      .note(RECORDED_NOTE)
      .build();
  }
  // "Giám đốc sở mình": the asker's unit, once linked.
  if (asked.unitId === MINE && !ctx.asker?.unitId) return linkNeeded();
  const q = asked.unitId === MINE ? { ...asked, unitId: ctx.asker!.unitId! } : asked;
  if (q.unknownUnit) {
    return new ReplyBuilder("role")
      .abstain()
      .line(
        `Cơ sở tri thức chưa có đơn vị “${q.unknownUnit}”, nên tôi không có thông tin về người giữ chức vụ này.`,
      )
      .note("Tổ Giúp việc có thể bổ sung đơn vị và lãnh đạo đơn vị vào cơ sở tri thức.")
      .build();
  }
  // ("nhiệm vụ giao cho thành viên Ban Điều hành", "thành viên BĐH được giao việc gì": their tasks.)
  if (q.role === "member" && q.bodyId && TASKS_ASKED.test(foldQuestion(q.phrase))) {
    const tasks = answerTasksOfMembers(q.bodyId, ctx);
    if (tasks) return tasks;
  }
  let matches = findHolders(q, ctx, true);
  // "ai là trưởng ban, ai là phó": the head and the deputies, both asked.
  const deputiesToo =
    q.role === "head" &&
    q.bodyId !== undefined &&
    /\b(?:ai la pho|va pho|con pho|pho (?:truong ban |ban )?la ai|cac pho)\b/.test(said);
  if (deputiesToo) matches = [...matches, ...findHolders({ ...q, role: "deputy" }, ctx, true)];
  // A title asked about in connection with a body ("ai viết bài về cuộc họp Ban Điều hành") may be held
  // outside it: look again without the body.
  // A post of the body itself ("Chủ tịch Ủy ban Quốc gia") is held by one of its members only.
  const bodyPost =
    !!q.title && /^(?:pho )?(?:chu tich|truong|thu truong|bi thu|uy vien|thanh vien)\b/.test(q.title);
  if (!matches.length && q.title && q.bodyId) {
    const loose = findHolders(q, ctx, false);
    matches = bodyPost ? loose.filter((m) => m.p.positions.some((x) => x.body === q.bodyId)) : loose;
  }
  const body = q.bodyId ? kb.body(q.bodyId) : undefined;
  const unit = q.unitId ? kb.unit(q.unitId) : undefined;
  const what =
    deputiesToo && body
      ? `Trưởng ban và Phó Trưởng ban ${body.name.replace(/^Ban /u, "")}`
      : q.role === "head" && unit && !body
        ? `Người đứng đầu ${unit.name}`
        : // ("giám đốc … trong Ban Điều hành": a unit's post among the body's members.)
          q.title && !q.role && body && !unit && !bodyPost && TITLE_NAMES[q.title]
          ? `${TITLE_NAMES[q.title]} (thành viên ${body.name})`
          : q.role || q.title
            ? [
                q.role ? ROLE_NAMES[q.role] : q.title ? TITLE_NAMES[q.title] : undefined,
                body?.name ?? unit?.name,
              ]
                .filter(Boolean)
                .join(" ")
                // ("Trưởng ban" of "Ban Điều hành …" is "Trưởng ban Điều hành …".)
                .replace(/(Trưởng ban|Thường trực) Ban /u, "$1 ")
            : body
              ? `Thành phần ${body.name} (những người đã biết)`
              : unit
                ? `Lãnh đạo ${unit.name}`
                : "";
  if (!matches.length) {
    const r = new ReplyBuilder("role").abstain();
    r.line(
      unit && !body
        ? `Nguồn hiện có không ghi ${what ? lowerFirst(what) : `lãnh đạo ${unit.name}`}.`
        : `Tôi chưa có thông tin về ${what || "chức danh này"}.`,
    );
    if (body) {
      const known = kb.data.people.filter((p) => p.positions.some((x) => x.body === body.id));
      if (known.length) {
        r.note(`Đã biết về ${body.name}: ${known.map((p) => p.name).join(", ")}.`);
        for (const p of known.slice(0, 3)) r.action(p.name, { kind: "person", personId: p.id });
      }
    }
    return r.build();
  }
  // "Phó Chủ tịch UBND tỉnh phụ trách văn hóa – xã hội là ai": a field of work no recorded post names;
  // said so. (The holders recorded are not listed: one of them, read as the answer, would be a guess.)
  const field = fieldAsked(ctx.question ?? asked.phrase);
  if (field && !matches.some(({ p }) => p.positions.some((x) => fold(x.title).includes(field.folded)))) {
    const r = new ReplyBuilder("role").abstain();
    r.line(`Nguồn hiện có không ghi ${what || "người"} phụ trách ${field.typed}.`);
    return r.note(POSTS_AS_OF_NOTE).build();
  }
  const r = new ReplyBuilder("role", what ? `${what}:` : undefined);
  // A unit that has since ended ("Sở TT&TT hiện nay do ai làm Giám đốc"): what became of it comes
  // first; the post is the one the source recorded then.
  const ended = unit ? kb.unitEndSentence(unit.id, ctx.today) : undefined;
  if (ended) r.line(ended.text, kb.citeAll(ended.sources));
  // "Bộ trưởng Bộ Công an hiện nay là ai", when every holder the sources name was recorded more than a
  // year ago: that today's is not recorded is said first, then who they name and on which day.
  const lastYear = `${Number(ctx.today.slice(0, 4)) - 1}`;
  if (
    !ended &&
    /\b(?:hien nay|hien tai|hien gio|bay gio)\b/.test(foldQuestion(q.phrase)) &&
    matches.every(({ pos }) => pos.asOf !== undefined && pos.asOf < lastYear)
  ) {
    // (A post of the central government, recorded from a news item of its day, is no answer for today:
    // the question is not answered, the record is named. The province's own posts are its register's.)
    if (matches.every(({ pos }) => centralPost(kb, pos))) r.abstain();
    r.line(`Nguồn hiện có không ghi người giữ chức vụ này hiện nay; nguồn ghi gần nhất:`);
  }
  // "Chủ tịch UBND tỉnh 2026": a year well after every holder the sources name was recorded is not
  // answered by them; the record is named.
  const laterYear = (ctx.question ?? "").match(/\b(?:19|20)\d\d\b/g)?.map(Number);
  if (
    laterYear?.length === 1 &&
    matches.length &&
    // (Two years on at least: "Thủ tướng tuyên bố Năm Dữ liệu số 2023" names the year of what was said,
    // a week after the post was recorded.)
    matches.every(({ pos }) => pos.asOf !== undefined && Number(pos.asOf.slice(0, 4)) + 2 <= laterYear[0]!)
  ) {
    r.abstain();
    r.line(`Nguồn hiện có không ghi người giữ chức vụ này năm ${laterYear[0]}; nguồn ghi gần nhất:`);
  }
  for (const { p, pos } of matches.slice(0, 8)) {
    const others = p.positions.filter((x) => x !== pos).map((x) => x.title);
    const when = pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
    r.line(
      `• ${p.name}: ${pos.title}${others.length ? `; ${others.join("; ")}` : ""}${when}`,
      positionCites(ctx, p, pos),
    );
    r.item("person", p.id);
    r.action(p.name, { kind: "person", personId: p.id });
  }
  r.note(POSTS_AS_OF_NOTE);
  return r.build();
}

/**
 * The field of work a post is asked with ("phụ trách (lĩnh vực) văn hóa – xã hội"): folded with its
 * abbreviations written out, and as typed. Undefined when none is named.
 */
function fieldAsked(question: string): { folded: string; typed: string } | undefined {
  const f = fold(question);
  const m =
    /\bphu trach (?:linh vuc |mang |khoi |cong tac )?([a-z0-9&\s–-]+?)\s*(?:\bla ai\b|\bla gi\b|\bten\b|\bhien nay\b|\bhien tai\b|\bbay gio\b|\bvay\b|\bnhi\b|\bha\b|\ba\b|[?.,!]|$)/.exec(
      f,
    );
  if (!m?.[1]) return undefined;
  const folded = expandAbbreviations(m[1].replace(/[^a-z0-9]+/g, " ").trim());
  // ("phụ trách chung", "phụ trách gì": no field named.)
  if (!folded || /^(?:chung|gi|nao|viec|linh vuc|mang|khoi)$/.test(folded)) return undefined;
  const at = m.index + m[0].indexOf(m[1]);
  const typed = f.length === question.length ? question.slice(at, at + m[1].length).trim() : m[1].trim();
  return { folded, typed };
}

/** A question for tasks, not people: "nhiệm vụ", "được giao", "phải làm gì". */
const TASKS_ASKED = /\b(?:nhiem vu|nv|duoc giao|giao (?:cho|nhung|viec)|phai lam (?:gi|nhung gi)|viec gi)\b/;

/** Posts are as the sources recorded them on a day: said with every list of them. */
export const POSTS_AS_OF_NOTE = "Chức vụ ghi theo thời điểm của nguồn; có thể đã thay đổi.";

/** The people one side of "A hay B", "A và B" names: by full name, or "ông Kỳ", or the given name alone. */
function namedIn(side: string, kb: AnswerContext["kb"]): Person[] {
  const words = side.trim().split(" ").filter(Boolean);
  const full = kb.data.people.filter((p) => side.includes(fold(p.name)));
  if (full.length) return full;
  const given = words.filter((w) => !/^(?:ong|ba|anh|chi|dong|la|dc)$/.test(w)).at(-1);
  return given ? peopleByGivenName(kb, given) : [];
}

/**
 * "Ông Kỳ hay ông Biên là Phó Trưởng ban Thường trực": which of two people named holds the post, from
 * the posts recorded; said so when neither is recorded with it.
 */
export function answerWhichHolds(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const { kb } = ctx;
  // "Ông Nam và ông Biên, ai là Trưởng ban, ai là Phó Trưởng ban Thường trực": each one's posts.
  const each = /^(.*?)\bva\b(.*?)\bai la\b.*\bai la\b/.exec(bare);
  if (each) {
    const a = namedIn(each[1]!, kb);
    const b = namedIn(each[2]!, kb);
    if (a.length === 1 && b.length === 1 && a[0] !== b[0]) {
      const r = new ReplyBuilder("person");
      for (const p of [a[0]!, b[0]!]) {
        const when = p.positions.find((x) => x.asOf)?.asOf;
        r.line(
          `• ${p.name}: ${p.positions.map((x) => x.title).join("; ")}${when ? ` (tại ngày ${formatViDate(when)})` : ""}.`,
          kb.citeAll(p.positions.flatMap((x) => x.sources).concat(p.sources)),
        );
        r.item("person", p.id);
      }
      r.note(POSTS_AS_OF_NOTE);
      return r.build();
    }
  }
  const m = /^(.*?)\bhay\b(.*?)\bla\b\s+(.+?)(?:\s+(?:khong|ko|vay|a|nhi|the))?$/.exec(bare);
  if (!m) return undefined;
  const a = namedIn(m[1]!, kb);
  const b = namedIn(m[2]!, kb);
  if (a.length !== 1 || b.length !== 1 || a[0] === b[0]) return undefined;
  const post = m[3]!.trim();
  if (post.split(" ").length < 2) return undefined;
  // ("trưởng ban" is not held by a "Phó Trưởng ban".)
  const holds = (p: Person) =>
    p.positions.find((x) => {
      const t = fold(x.title);
      const at = t.indexOf(post);
      return at >= 0 && (post.startsWith("pho ") || !t.slice(0, at).endsWith("pho "));
    });
  const pair = [a[0]!, b[0]!];
  const holders = pair.filter((p) => holds(p));
  const r = new ReplyBuilder("person");
  for (const p of pair) r.item("person", p.id);
  if (holders.length === 1) {
    const p = holders[0]!;
    const pos = holds(p)!;
    const when = pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
    return r
      .line(`${p.name} là ${pos.title}${when}.`, kb.citeAll(pos.sources.length ? pos.sources : p.sources))
      .build();
  }
  if (!holders.length)
    return r
      .abstain()
      .line(`Nguồn hiện có không ghi ${pair[0]!.name} hay ${pair[1]!.name} giữ chức vụ này.`)
      .build();
  return undefined;
}

/** A post of the central government: at a central body, or a government post named without one. */
function centralPost(kb: Knowledge, pos: Position): boolean {
  const unit = pos.unit ? kb.unit(pos.unit) : undefined;
  if (unit) return OUTSIDE_PROVINCE.has(unit.kind);
  return /\b(?:Chính phủ|Thủ tướng|Quốc hội|Chủ tịch nước)\b/u.test(pos.title);
}
