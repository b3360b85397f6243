/**
 * What a question asks of a task it names by its words rather than by a list ("nhiệm vụ đề cao vai trò
 * người đứng đầu giao cho ai", "việc cụ thể hóa kế hoạch cần ra sản phẩm gì", "tuyên truyền Ngày CĐS tỉnh
 * căn cứ văn bản nào", "ai giao xây dựng Trung tâm Dữ liệu quốc gia", "đơn vị tôi có phải làm … không"):
 * the attribute first, in one sentence, cited; "not recorded" when the sources do not say it.
 */

import { nextOccurrence } from "../../deadlines/due-date.ts";
import { documentLabel } from "../../knowledge/model.ts";
import type { Task } from "../../knowledge/schema.ts";
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import { frameIndices, phraseIndices, QUESTION_WORDS, searchTerms } from "../../text/search-terms.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import {
  dueAfterLabel,
  dueText,
  dueWeekdayLine,
  givenTo,
  leadNames,
  lowerFirst,
  shorten,
  weekdayOf,
} from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import { mentionsSelf, type Understanding, withoutOwnUnit } from "../understand.ts";
import { heldAsSuccessor, inheritedRole } from "../unit-time.ts";

export type TaskAttribute =
  | "assigner"
  | "support"
  | "lead"
  | "product"
  | "basis"
  | "origin"
  | "deadline"
  | "mine";

const WITH_WHOM = /\bphoi hop (?:voi|vs|cung) (?:ai|don vi nao|co quan nao|nhung ai|nhung don vi nao)\b/;

/** The attribute cues, the more specific first ("ai giao" before "giao cho ai"). */
const CUES: readonly (readonly [TaskAttribute, RegExp])[] = [
  [
    "assigner",
    /\b(?:ai (?:la nguoi |da |dang )?(?:giao|ket luan|chi dao)|do ai (?:ket luan|giao|chi dao)|theo (?:su )?chi dao (?:cua )?(?:ai|cap nao|nguoi nao)|nguoi (?:giao|ket luan)|giao(?: nhiem vu| viec| nv)? (?:tai|o) (?:dau|hoi nghi nao|cuoc hop nao|van ban nao))\b/,
  ],
  // "phối hợp với ai": the partner asked is the lead (or, asked by the lead, the supporting units).
  ["lead", WITH_WHOM],
  ["support", /\bphoi hop\b/],
  [
    "lead",
    // ("ai làm chủ tịch UBND tỉnh": who holds a post, not who does a task.)
    /\b(?:(?:ai|don vi nao|co quan nao|ben nao) (?:phai |se |duoc )?(?:chu tri|phu trach|thuc hien|dam nhan|lam(?! (?:chu tich|pho chu tich|giam doc|pho giam doc|truong ban|pho truong ban|bo truong|thu truong|thu tuong|cuc truong|chanh van phong|to truong)\b)|lo)|chu tri (?:la )?(?:ai|don vi nao|co quan nao)|(?:duoc )?giao (?:cho )?(?:ai|don vi nao|co quan nao)|do (?:ai|don vi nao|co quan nao) (?:chu tri|thuc hien|phu trach)|ai chiu trach nhiem)\b/,
  ],
  // ("hạn hoàn thành sản phẩm chuyển đổi số": "sản phẩm" names the task there, it is not asked.)
  [
    "product",
    /\b(?:san pham (?:dau ra )?(?:la )?(?:gi|nao)|dau ra|ra san pham|ket qua (?:dau ra|can dat|phai dat))\b/,
  ],
  // "Nhiệm vụ 'ít nhất một sản phẩm CĐS' nằm trong chủ đề nào, xuất phát từ đâu": where it was set.
  [
    "origin",
    /\b(?:nam trong|thuoc|xuat phat tu|bat nguon tu|trich tu|rut ra tu)\b(?: [a-z0-9]+){0,3}? (?:nao|dau|gi)\b/,
  ],
  [
    "basis",
    /\b(?:can cu(?! the)|dua (?:vao|tren|theo) (?:nhung |cac )?(?:van ban|quyet dinh|thong bao|ke hoach|dau|gi)|theo (?:nhung |cac )?(?:van ban|quyet dinh|thong bao|ke hoach) nao|bam sat (?:nhung )?(?:van ban|gi|nao)|bam (?:theo )?(?:nhung |cac )?(?:van ban|vb) (?:nao|gi))\b/,
  ],
  [
    "deadline",
    /\b(?:thoi han|han chot|han(?! che)|khi nao|bao gio|den bao gio|moc thoi gian)\b|^(?!.*\b(?:ban hanh|ky|hop|thanh lap)\b).*\bvao ngay nao\b|\bnhiem vu\b.*\bcon (?:bao nhieu|may|bn) ngay\b/,
  ],
];

/**
 * Words and phrases that ask or frame, never what a task is about, matched as phrases over the folded
 * terms ("cơ quan" is asking; "quán triệt" keeps its "quan").
 */
const ASKING: readonly (readonly string[])[] = [
  "nhiem vu",
  "cong viec",
  "dau viec",
  "viec",
  "nv",
  "ai",
  "don vi",
  "co quan",
  "ben",
  "nao",
  "gi",
  "la",
  "duoc",
  "giao",
  "cho",
  "do",
  "chu tri",
  "phu trach",
  "thuc hien",
  "lo",
  "dam nhan",
  "lam",
  "phoi hop",
  "voi",
  "san pham",
  "dau ra",
  "ket qua",
  "ket luan",
  "nguoi",
  "can",
  "phai",
  "dat",
  "ra",
  "can cu",
  "dua",
  "vao",
  "tren",
  "theo",
  "van ban",
  "bam sat",
  "bam",
  "nhung",
  "cac",
  "thoi han",
  "moc thoi gian",
  "han chot",
  "han",
  "han cu the",
  "khi nao",
  "bao gio",
  "den",
  "co",
  "khong",
  "ko",
  "chua",
  "trong",
  "cua",
  "toi",
  "chung toi",
  "minh",
  "em",
  "nguoi",
  "da",
  "dang",
  "chi dao",
  "tai",
  "dau",
  "hop",
  "cuoc hop",
  "ba",
  "hai",
  "mot",
  "tat ca",
].map((p) => p.split(" "));

/**
 * Words that ask how a deadline stands ("đã quá bao nhiêu ngày rồi", "hạn ngày cụ thể", "còn mấy ngày nữa
 * là hết hạn"), asking only when a deadline is asked.
 */
const DEADLINE_ASKING: readonly (readonly string[])[] = [
  "qua",
  "con",
  // ("Ngày Chuyển đổi số" names a task: "ngày" asks only in these.)
  "bao nhieu ngay",
  "may ngay",
  "han ngay",
  "ngay cu the",
  "cu the",
  "het",
  "roi",
  "nua",
  "den",
  "toi",
].map((p) => p.split(" "));

/** Words that ask where a task was set ("nằm trong chủ đề / văn bản nào", "xuất phát từ đâu"). */
const ORIGIN_ASKING: readonly (readonly string[])[] = [
  "nam trong",
  "thuoc",
  "xuat phat",
  "bat nguon",
  "trich",
  "rut",
  "chu de",
  "cai",
  "vb",
].map((p) => p.split(" "));

/** The words that ask for a task's product ("sản phẩm", "đầu ra"), asking only when that is asked. */
const PRODUCT_WORDS = new Set(["san pham", "dau ra", "ket qua"]);

/**
 * The positions of `terms` taken by the asking phrases. ("Hạn nhiệm vụ một sản phẩm CĐS": "sản phẩm"
 * names the task when its deadline is asked.)
 */
function askingIndices(terms: readonly string[], attr: TaskAttribute): Set<number> {
  const phrases = [
    ...(attr === "origin" ? ORIGIN_ASKING : []),
    ...(attr === "product" ? ASKING : ASKING.filter((p) => !PRODUCT_WORDS.has(p.join(" ")))),
    ...(attr === "deadline" ? DEADLINE_ASKING : []),
  ];
  // "trọng tâm" names tasks ("nhiệm vụ trọng tâm"); "trong" alone is "in": taken as a phrase, then kept.
  const out = phraseIndices(terms, [...phrases, TRONG_TAM]);
  terms.forEach((t, i) => {
    if (t === "trong" && terms[i + 1] === "tam") {
      out.delete(i);
      out.delete(i + 1);
    }
    // ("cần cụ thể hóa": folded, "can cu" of "cụ thể hóa", no "căn cứ".)
    if (t === "can" && terms[i + 1] === "cu" && terms[i + 2] === "the") out.delete(i + 1);
  });
  return out;
}
const TRONG_TAM = ["trong", "tam"];

/** Share of the task's words the rest of the question must match to name it. */
const NAMED_COVERAGE = 0.7;

export function answerTaskAttribute(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ");
  const mine = mentionsSelf(u.text) && ctx.asker?.unitId !== undefined;
  // Whether something is done ("đã hoàn thành … chưa") is a progress question, answered elsewhere.
  if (/\b(?:da|xong|hoan thanh)\b.*\bchua\s*$/.test(bare)) return undefined;
  // Which tasks have a product, supporting units, a recorded completion: a list, not one task's attribute.
  const q0 = u.query;
  if (q0.kind === "tasks" && (q0.withSupport || q0.withProduct || q0.done)) return undefined;
  // A yes/no question ("X có phải chủ trì … không") is a check, answered elsewhere; only "đơn vị tôi có
  // (nhiệm vụ, việc) … không", which names no role, is asked of the task here.
  // ("hôm nay sở mình có việc gì … không": which tasks fall due then, a list, not yes or no of one.)
  // ("Ban tôi có được giao nhiệm vụ nào từ cuộc họp … không", "đơn vị mình có nhiệm vụ gì về CĐS
  // không", "có phải phối hợp hoạt động nào không": which ones, a list.)
  // (Read with the chat spellings written out: "nv j".)
  const listPhrase =
    /\bco (?:duoc )?(?:giao )?(?:phai )?(?:phoi hop |lam |thuc hien )?(?:nhung |cac )?(?:viec|nhiem vu|nv|cong viec|han|hoat dong)(?: [a-z0-9]+){0,4}? (?:gi|nao)\b/.exec(
      expandAbbreviations(bare),
    );
  const listAsked = !!listPhrase;
  // (Of the asker's own unit, the list is the tasks reply's, with the unit's part in each; unless a
  // subject of its own is named, "có việc gì liên quan Trung tâm Dữ liệu quốc gia không": whether any
  // task of it is the unit's.)
  const subject = listPhrase
    ? expandAbbreviations(bare)
        .slice(listPhrase.index + listPhrase[0].length)
        // (Where it was given, "từ cuộc họp Ban Điều hành ngày 20/2/2023", names no subject.)
        .replace(
          /\b(?:tu|tai|o|trong|theo(?: ket luan)?(?: cua)?) (?:cuoc |buoi |phien )?(?:hop|hoi nghi)\b.*?(?= khong\b| ko\b| k\b| chua\b|$)/,
          " ",
        )
        .replace(
          /\b(?:ve|lien quan(?: den| toi)?|chuyen doi so|cds|khong|ko|k|chua|hay|a|nhe|vay|nam (?:19|20)\d\d|(?:19|20)\d\d|thang (?:nay|toi|sau)|sap toi|trong|can|phai|lam|chu tri|phoi hop|hoan thanh|thuc hien|duoc giao|giao|xong)\b/g,
          " ",
        )
        .trim()
    : "";
  if (listAsked && mine && subject.split(/\s+/).filter(Boolean).length < 2) return undefined;
  const yesNo =
    /\bco\b/.test(bare) &&
    (/\b(?:khong|ko|k|chua)\s*$/.test(bare) || /\b(?:khong|ko) hay\b/.test(bare)) &&
    !listAsked;
  const roleCheck = yesNo && /\b(?:chu tri|phoi hop|co phai)\b/.test(bare);
  // ("nhiệm vụ … của bộ mình là chủ trì hay chỉ phối hợp": the asker's role in it.)
  const roleChoice =
    mine && /\bchu tri hay (?:chi )?(?:la )?phoi hop\b|\bphoi hop hay (?:la )?chu tri\b/.test(bare);
  const attr: TaskAttribute | undefined = roleChoice
    ? "mine"
    : roleCheck
      ? mine && !/\b(?:chu tri|phoi hop)\b/.test(bare)
        ? "mine"
        : undefined
      : (CUES.find(([, re]) => re.test(bare))?.[0] ??
        ((yesNo || (listAsked && subject)) && mine ? "mine" : undefined) ??
        // "nhiệm vụ X là ngày nào": its deadline (a day named alone, "Ngày CĐS là ngày nào", is not a task's).
        (/\b(?:nhiem vu|viec|nv)\b/.test(bare) && /\bngay nao\b/.test(bare) ? "deadline" : undefined));
  if (!attr) return undefined;
  // "ai chủ trì, ai phối hợp": both.
  // (Any question naming both roles asks both: "ai chủ trì …, phối hợp với những đơn vị nào", "cq chủ
  // trì, cq phối hợp", "chủ trì phối hợp tuyên truyền …".)
  const both =
    (attr === "support" || attr === "lead") && /\bchu tri\b/.test(bare) && /\bphoi hop\b/.test(bare);
  // A deadline question already read as one about tasks is answered by the deadline reading (it knows
  // the year asked and the next occurrence of a yearly task).
  const q = u.query;
  const plural = /\b(?:cac|nhung|hai|ba|bon|nam|[2-9])\s+(?:nhiem vu|viec|nv|dau viec)\b/.test(bare);
  if (
    attr === "deadline" &&
    !plural &&
    ((q.kind === "deadlines" && q.mode !== "upcoming") || (q.kind === "search" && q.focus === "deadline"))
  )
    return undefined;
  // A question naming a document, a person or a body by name asks about that entry.
  if (findDocRefs(u.text).length) return undefined;
  const { lex } = ctx;
  // (Read from the question as typed: diacritics tell "để" from "đề"; "CĐS" is expanded either way.)
  // ("… của trung tâm tôi": the asker's unit, not words of the task's.)
  const terms = searchTerms(mine ? withoutOwnUnit(u.text) : u.text);
  if (lex.people.match(terms).length) return undefined;
  const taskWord = /\b(?:nhiem vu|viec|nv)\b/.test(bare);
  // (Where a task was set is asked of a task named as one: "tăng cường số hóa … nằm trong chủ đề nào" is
  // the theme's words.)
  if (attr === "origin" && !taskWord) return undefined;
  // "Hội nghị ngày 25/12/2022 do ai chủ trì": the meeting's chair, not a task's lead; "họp … hôm nào,
  // bàn việc gì": what the meeting discussed, not a task named "việc".
  const meetingWhat = /\b(?:ban|ket luan|danh gia) viec (?:gi|nao)\b/.test(bare);
  if (
    u.query.kind === "meeting" &&
    (!taskWord || meetingWhat) &&
    (attr !== "deadline" || !/\bhan\b/.test(bare))
  )
    return undefined;
  const named = new Set<number>();
  for (const m of lex.units.match(terms)) for (let i = m.start; i < m.end; i++) named.add(i);
  // "nhiệm vụ trọng tâm thứ ba": the understanding already found the task an ordinal names.
  const ordinal =
    q.kind === "search" && q.kinds?.length === 1 && q.kinds[0] === "task"
      ? ctx.kb.data.tasks.find((t) => t.title === q.text)
      : undefined;
  const frames = frameIndices(terms);
  const asking = askingIndices(terms, attr);
  const content = terms.filter(
    (t, i) =>
      !named.has(i) &&
      !frames.has(i) &&
      !asking.has(i) &&
      !QUESTION_WORDS.has(t) &&
      !/^\d+$/.test(t) &&
      // ("năm 2023": the period asked, not a word of the task's.)
      !(t === "nam" && /^(?:19|20)\d\d$/.test(terms[i + 1] ?? "")),
  );
  // ("nhiệm vụ Bộ Công an ai giao": the one task the unit named leads, when it leads one.)
  const unitNamed = lex.units.match(terms).find((m) => m.value.kind === "unit")?.value.id;
  const onlyTask =
    content.length < 2 && !ordinal && unitNamed && attr === "assigner"
      ? ctx.kb.tasksOfUnit(unitNamed).lead.filter((t) => t.lead.includes(unitNamed))
      : [];
  const single = onlyTask.length === 1 ? onlyTask[0] : ordinal;
  if (content.length < 2 && !single) return undefined;
  const found = single
    ? [{ doc: { kind: "task" as const, id: single.id }, coverage: 1, termCoverage: 1 }]
    : lex.index.search(content.join(" "), { kinds: ["task"], limit: 6 });
  // "nhiệm vụ của bộ mình về dữ liệu": among the asker's own tasks, when one fits.
  const own = mine && ctx.asker?.unitId ? ownTaskIds(ctx, ctx.asker.unitId) : undefined;
  // (Nearly as well named as the best: "việc gì về Trung tâm Dữ liệu quốc gia" is Bộ Công an's task,
  // not the asker's on data in general.)
  const ownBest = own ? found.find((h) => own.has(h.doc.id)) : undefined;
  const hits =
    own && ownBest && (roleChoice || ownBest.coverage >= (found[0]?.coverage ?? 0) - 0.1)
      ? found.filter((h) => own.has(h.doc.id))
      : found;
  const best = hits[0];
  // Named well enough: with the word "nhiệm vụ"/"việc", most of its words; without, nearly all.
  // (Every word of it, though apart, names it too: "cụ thể hóa … vào kế hoạch".)
  const namedBy = (h: { coverage: number; termCoverage: number }) =>
    h.coverage >= (taskWord ? NAMED_COVERAGE : 0.85) ||
    (taskWord && h.termCoverage >= 0.99 && h.coverage >= 0.5);
  if (!best || !namedBy(best)) return undefined;
  // A body named with words beyond a task's ("Tổ công nghệ số cộng đồng thành lập ở đâu") is the body's.
  if (lex.bodies.match(terms).length && !taskWord) return undefined;
  // "ba nhiệm vụ trọng tâm", "các việc …": every task that fits as well; otherwise the one named.
  let tasks = hits
    .filter((h) => (plural ? h.coverage >= best.coverage - 0.05 : h === best) && namedBy(h))
    .map((h) => ctx.kb.task(h.doc.id))
    .filter((t): t is Task => !!t)
    .slice(0, 5);
  // ("3 nhiệm vụ trọng tâm sau họp …": the tasks set in one numbered list, "Nhiệm vụ trọng tâm (1)…(3)".)
  const listed = (t: Task) => t.clause?.replace(/\s*\(\d+\)/, "");
  const group = plural && tasks[0]?.clause && /\(\d+\)/.test(tasks[0].clause) ? listed(tasks[0]) : undefined;
  if (group)
    tasks = [...tasks, ...ctx.kb.data.tasks.filter((t) => listed(t) === group && !tasks.includes(t))].slice(
      0,
      5,
    );
  if (!tasks.length) return undefined;
  // A yearly task's deadline: the deadline reading knows the year asked and the next occurrence.
  // ("Ngày CĐS năm nay qua chưa, rơi vào ngày nào": the day's own reading, whatever the kind read.)
  if (
    attr === "deadline" &&
    tasks.some((t) => t.deadline.recurrence) &&
    (q.kind === "deadlines" ||
      q.kind === "tasks" ||
      (q.kind === "search" && q.kinds?.includes("task")) ||
      /\bqua chua\b/.test(bare))
  )
    return undefined;
  const r = new ReplyBuilder("search");
  let recorded = 0;
  // "Sở TT&TT phối hợp với những ai": the lead asking is answered with its partners, a partner with the lead.
  const withWhom = WITH_WHOM.test(bare);
  const party = [
    ...ctx.lex.units.match(searchTerms(u.text)).map((m) => m.value.id),
    ...(mine && ctx.asker?.unitId ? [ctx.asker.unitId] : []),
  ];
  // "… kế tiếp là ngày nào, phối hợp với những ai": the day asked too, after the roles.
  const dayCue =
    /\b(?:ngay nao|khi nao|bao gio|han chot|thoi han|lan toi|ke tiep|tiep theo|con (?:may|bao nhieu|bn) ngay|bao lau nua|(?:may|bao nhieu|bn) ngay nua)\b/.exec(
      bare,
    );
  const dayToo = (attr === "lead" || attr === "support") && !!dayCue;
  // (Said first when asked first.)
  const dayFirst = dayToo && dayCue!.index < bare.search(/\b(?:chu tri|phoi hop|ai)\b/);
  for (const t of tasks) {
    // (The lead asking, or the unit that took the task over from it.)
    const leads = (id: string) => t.lead.includes(id) || !!heldAsSuccessor(ctx.kb, id, t.id, ctx.today);
    const asked: TaskAttribute = withWhom && party.some(leads) ? "support" : attr;
    const attrs: TaskAttribute[] = both ? ["lead", "support"] : [asked];
    if (dayToo && dayFirst) attrs.unshift("deadline");
    else if (dayToo) attrs.push("deadline");
    for (const a of attrs) {
      const line = attributeLine(a, t, ctx);
      if (line.recorded) recorded++;
      // (A choice, "chủ trì hay phối hợp", is answered by the role, not "Có".)
      r.line(roleChoice ? line.text.replace(/^Có\. /, "") : line.text, ctx.kb.citeAll(line.sources));
      // A unit named that has since ended (merged, closed): who holds the task today, or that the
      // sources name no one ("UBND các huyện" from 01/07/2025).
      if (a === "lead" || a === "support")
        for (const id of a === "lead" ? t.lead : t.support) {
          const ended = ctx.kb.unitEndSentence(id, ctx.today);
          if (ended) r.line(ended.text, ctx.kb.citeAll(ended.sources), 1);
        }
    }
    r.item("task", t.id);
  }
  // "huyện bỏ rồi thì việc phối hợp … giao cho ai": who took over from a unit that ended, which the
  // sources do not say, is what is asked.
  const bareWords = new Set(bare.split(" "));
  const takenOver =
    /\b(?:giao (?:lai )?cho ai|ai (?:lam|tiep nhan|dam nhan)|(?:don vi|co quan) nao (?:tiep nhan|lam thay|dam nhan))\b/.test(
      bare,
    ) &&
    /\b(?:bo|khong con|ket thuc|giai the|sap nhap|hop nhat|het)\b/.test(bare) &&
    tasks.some((t) =>
      [...t.lead, ...t.support].some((id) => {
        const end = ctx.kb.unitEnd(id);
        if (!end || end.date > ctx.today || end.successors.length) return false;
        // (Named in the question by a word of its own: "huyện" of "UBND các huyện, thành phố".)
        const name = ctx.kb.unit(id)?.name ?? ctx.kb.group(id)?.name ?? "";
        return searchTerms(name).some((w) => !GENERIC_UNIT_WORDS.has(w) && bareWords.has(w));
      }),
    );
  if (!recorded || takenOver) r.abstain();
  if (tasks.length === 1)
    r.action("Chi tiết nhiệm vụ", { kind: "search", text: tasks[0]!.title, kinds: ["task"] });
  return r.build();
}

/** Words every unit's name may hold, which name none of them. */
const GENERIC_UNIT_WORDS = new Set([
  "uy",
  "ban",
  "nhan",
  "dan",
  "cac",
  "so",
  "nganh",
  "thanh",
  "pho",
  "tinh",
  "co",
  "quan",
  "don",
  "vi",
]);

/** The tasks a unit leads, supports or took over, by id. */
function ownTaskIds(ctx: AnswerContext, unitId: string): Set<string> {
  const { lead, support } = ctx.kb.tasksOfUnit(unitId);
  const held = ctx.kb.tasksHeldOn(unitId, ctx.today).lead.map((h) => h.task);
  return new Set([...lead, ...support, ...held].map((t) => t.id));
}

function attributeLine(
  attr: TaskAttribute,
  t: Task,
  ctx: AnswerContext,
): { text: string; sources: string[]; recorded: boolean } {
  const { kb } = ctx;
  const title = shorten(t.title, 120);
  const sources = [...(t.document ? [t.document] : []), ...t.sources];
  switch (attr) {
    case "lead": {
      const given = givenTo(t);
      return {
        text: `Chủ trì “${title}”: ${leadNames(kb, t)}${given ? ` (nguồn ghi: giao cho ${given})` : ""}.`,
        sources,
        recorded: true,
      };
    }
    case "support":
      return t.support.length
        ? {
            text: `Phối hợp thực hiện “${title}”: ${kb.namesOf(t.support).join("; ")}.`,
            sources,
            recorded: true,
          }
        : {
            text: `Nguồn không ghi đơn vị phối hợp cho nhiệm vụ “${title}” (chủ trì: ${leadNames(kb, t)}).`,
            sources,
            recorded: false,
          };
    case "product":
      return t.product
        ? { text: `Sản phẩm của nhiệm vụ “${title}”: ${t.product}.`, sources, recorded: true }
        : {
            text: `Nguồn hiện có không ghi sản phẩm của nhiệm vụ “${title}” (chủ trì: ${leadNames(kb, t)}; thời hạn: ${dueText(t, ctx.today)}).`,
            sources,
            recorded: false,
          };
    case "deadline": {
      const recorded = Boolean(
        t.deadline.due || t.deadline.recurrence || t.deadline.continuous || t.deadline.text,
      );
      const due = dueAfterLabel(t, ctx.today);
      const day = dueWeekdayLine(t, ctx.today, ctx.question);
      // ("Năm 2025, nhiệm vụ tuyên truyền … đến hạn ngày nào": a recurring task's day in the year asked.)
      const year = /\b(?:nam )?((?:19|20)\d\d)\b(?!\s*[/-])/.exec(fold(ctx.question ?? ""))?.[1];
      const that =
        year && t.deadline.recurrence ? nextOccurrence(t.deadline.recurrence, `${year}-01-01`) : undefined;
      if (that?.startsWith(year!))
        return {
          text: `Thời hạn “${title}” năm ${year}: ${formatViDate(that)} (${weekdayOf(that)}${that < ctx.today ? ", đã qua" : ""}); ${due}.`,
          sources,
          recorded,
        };
      return { text: `Thời hạn “${title}”: ${due}.${day ? ` ${day}` : ""}`, sources, recorded };
    }
    case "basis": {
      const refs = findDocRefs(`${t.title} ${t.details ?? ""}`);
      const known = [
        ...(t.document ? [kb.document(t.document)] : []),
        ...refs.map((ref) => kb.documentByNumber(ref.raw)),
      ].filter((d): d is NonNullable<typeof d> => !!d);
      const docs = [...new Map(known.map((d) => [d.id, d])).values()];
      const labels = docs.map((d) => documentLabel(d));
      // A number the task names that the knowledge has no card for is still said, as written.
      for (const ref of refs)
        if (!kb.documentByNumber(ref.raw) && !labels.some((l) => l.includes(ref.raw))) labels.push(ref.raw);
      // ("nhiệm vụ sản phẩm CĐS 2023 căn cứ": set in a theme or a clause, that is what it rests on.)
      if (!labels.length && t.clause)
        return {
          text: `Nhiệm vụ “${title}” được giao tại: ${t.clause}; nguồn không ghi số hiệu văn bản làm căn cứ.`,
          sources,
          recorded: true,
        };
      if (!labels.length)
        return {
          text: `Nguồn hiện có không ghi văn bản làm căn cứ cho nhiệm vụ “${title}”.`,
          sources,
          recorded: false,
        };
      return {
        text: `Nhiệm vụ “${title}” căn cứ: ${labels.join("; ")}.`,
        sources: [...docs.map((d) => d.id), ...sources],
        recorded: true,
      };
    }
    case "origin": {
      // The clause it was set in, and the documents it names.
      if (!t.clause) return attributeLine("basis", t, ctx);
      const basis = attributeLine("basis", t, ctx);
      return {
        text: `Nhiệm vụ “${title}” nằm trong: ${t.clause}.${basis.recorded ? ` ${basis.text}` : ""}`,
        sources: basis.recorded ? basis.sources : sources,
        recorded: true,
      };
    }
    case "assigner": {
      const said = (t.details ?? "").split(/(?<=[.;])\s+/).find((s) => /\bgiao\b/.test(fold(s)));
      // The meeting the clause names ("… tại cuộc họp Ban Điều hành ngày 20/02/2023"): its chair, by name.
      const day = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t.clause ?? "");
      const iso = day ? `${day[3]}-${day[2]!.padStart(2, "0")}-${day[1]!.padStart(2, "0")}` : undefined;
      const meeting = iso ? kb.data.meetings.find((m) => m.date === iso) : undefined;
      const chair = meeting?.chair ? kb.person(meeting.chair) : undefined;
      const parts = [
        t.clause ? `giao tại ${lowerFirst(t.clause)}` : "",
        chair ? `Chủ trì cuộc họp: ${chair.name}` : "",
        said ? `“${shorten(said.trim(), 240)}”` : "",
      ];
      const doc = t.document ? kb.document(t.document) : undefined;
      if (!t.clause && !said && doc)
        // The document the task is recorded from: its issuer is who set the task, as far as sources say.
        return {
          text: `Nhiệm vụ “${title}” ghi theo ${documentLabel(doc)} của ${doc.issuer} (nguồn không ghi riêng người giao).`,
          sources: [doc.id, ...sources],
          recorded: true,
        };
      if (!t.clause && !said)
        return {
          text: `Nguồn hiện có không ghi ai giao nhiệm vụ “${title}” (chủ trì: ${leadNames(kb, t)}).`,
          sources,
          recorded: false,
        };
      return {
        text: `Nhiệm vụ “${title}”: ${parts.filter(Boolean).join(". ")}.`.replace(/\.”\.$/, ".”"),
        sources,
        recorded: true,
      };
    }
    case "mine": {
      const unitId = ctx.asker?.unitId;
      const unit = unitId ? kb.unit(unitId) : undefined;
      if (!unit) return { text: `Chủ trì “${title}”: ${leadNames(kb, t)}.`, sources, recorded: true };
      const { lead, support } = kb.tasksOfUnit(unit.id);
      // A task the unit took over from one it succeeded (Sở KH&CN from Sở TT&TT): it leads it today.
      const inherited = heldAsSuccessor(kb, unit.id, t.id, ctx.today);
      const role = t.lead.includes(unit.id)
        ? "chủ trì"
        : inherited?.from
          ? `chủ trì (${inheritedRole(kb, inherited)})`
          : lead.some((x) => x.id === t.id)
            ? `giao chung cho ${leadNames(kb, t)}`
            : support.some((x) => x.id === t.id)
              ? `phối hợp (chủ trì: ${leadNames(kb, t)})`
              : undefined;
      return role
        ? // (With its deadline: what the unit has to do by when.)
          {
            text: `Có. ${unit.name} — ${role}: “${title}”; ${dueText(t, ctx.today)}.`,
            sources,
            recorded: true,
          }
        : {
            text: `Không. Nhiệm vụ “${title}” do ${leadNames(kb, t)} chủ trì; nguồn không giao ${unit.name} chủ trì hay phối hợp.`,
            sources,
            recorded: true,
          };
    }
  }
}
