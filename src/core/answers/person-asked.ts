/**
 * A person asked by the post they hold ("GĐ TT PVHCC tỉnh là ai", "TB 16 do lãnh đạo nào của VPCP ký",
 * "đại diện tỉnh Ninh Thuận nào đã dự hội nghị", "lãnh đạo Cục Thuế dự họp tên gì"): whatever entry the
 * question names, its card is not the answer unless it names someone whom the knowledge records in that
 * post, of the body asked. When it names no one such, the reply says the person is not recorded rather
 * than showing the card of the unit, the meeting or the document named.
 */

import type { Person } from "../knowledge/schema.ts";
import { fold } from "../text/normalize.ts";
import { foldQuestion } from "../text/question.ts";
import { searchTerms } from "../text/search-terms.ts";
import type { AnswerContext } from "./context.ts";
import type { Lexicon } from "./lexicon.ts";
import { RECORDED_NOTE, type Reply, ReplyBuilder } from "./reply.ts";
import { mentionsSelf } from "./understand.ts";

/** Posts only a person holds. */
const POSTS = [
  "Phó Giám đốc",
  "Giám đốc",
  "Tổng Giám đốc",
  "Phó Chủ tịch",
  "Chủ tịch",
  "Phó Trưởng ban",
  "Trưởng ban",
  "Phó Bí thư",
  "Bí thư",
  "Phó Chánh Văn phòng",
  "Chánh Văn phòng",
  "Phó Thủ tướng",
  "Thủ tướng",
  "Bộ trưởng",
  "Thứ trưởng",
  "Phó Trưởng phòng",
  "Trưởng phòng",
  "Cục trưởng",
  "Chi cục trưởng",
  "Vụ trưởng",
  "Chủ nhiệm",
  "Thư ký",
  "Người phát ngôn",
  "Hiệu trưởng",
];
/** Whoever leads or speaks for a body: anyone recorded in a post of it. */
const ANY_POST = ["lãnh đạo", "đại diện", "người đứng đầu", "cán bộ", "chuyên viên", "đầu mối"];

const SAID = new Map([...POSTS, ...ANY_POST].map((p) => [fold(p), p]));
const POST_ALT = [...SAID.keys()].sort((a, b) => b.length - a.length).join("|");
/** What asks for a person: "là ai", "tên gì", "là ông hay bà nào". */
const WHO = "la ai|la ong nao|la ba nao|la nguoi nao|la dong chi nao|ten (?:la )?gi|la ong hay ba(?: nao)?";

const ASKED = [
  // "<post> (of X) là ai", "<post> … tên gì".
  new RegExp(`\\b(${POST_ALT}) ((?:[^ ]+ ){0,10}?)(${WHO})\\b`, "g"),
  // "<post> (X) nào (of Y)": "lãnh đạo nào của VPCP ký", "đại diện tỉnh Ninh Thuận nào đã dự".
  new RegExp(`\\b(${POST_ALT}) ((?:[^ ]+ ){0,7}?)nao\\b((?: [^ ]+){0,5})`, "g"),
  // "ai là <post> (of X)".
  new RegExp(
    `\\b(?:ai|nguoi nao|ong nao|ba nao) (?:hien )?(?:dang )?(?:la|lam|giu chuc|giu|dam nhiem|dam nhan) (?:nguoi )?(${POST_ALT})\\b((?: [^ ]+){0,8})`,
    "g",
  ),
];
/** "(X) có mấy <post>": how many hold it, whom the reply must name ("BĐH có mấy phó trưởng ban"). */
const COUNTED = new RegExp(`\\b(?:bao nhieu|may|bn) (${POST_ALT})\\b`);
const ANY_POST_WORD = new RegExp(`\\b(?:${POST_ALT})\\b`);

/** "… nào" right after these asks which body or place, not who: "giám đốc sở nào", "bộ trưởng bộ nào". */
const BODY_ASKED =
  /(?:^|\b)(?:so|nganh|ngan hang|doanh nghiep|to chuc|hoi|doan|truong|benh vien|uy ban|nuoc|dia phuong|quan|tap doan|cong ty|chi nhanh|don vi|dv|co quan|bo|ban|tinh|huyen|xa|cuc|trung tam|phong|linh vuc|nhiem vu|van ban|viec|noi dung|nam|ngay|thoi diem|cuoc hop|hoi nghi|chu de|muc tieu|cap|khoi|the|nhu|ra|khi|luc)$/;
/** Where the body named ends: what the person did, when, and the chat around. */
const CUT =
  /^(?:ai|phai|the|hien|goi|tuyen|manh|lien|quan|hoi|cuoi|dau|giua|truoc|nhiem|khoa|du|chu tri|chu|tai|trong|luc|khi|hien|nay|thoi|sau|duoc|co|la|lam|ky|ki|giao|nhac|ay|nhi|vay|the|a|nhe|oi|hom|ve|phu|trach|noi|phat|bieu|vao|nam|ngay|thang|quy|o)$/;
/** The people's given names, folded, per lexicon (a knowledge version). */
const GIVEN_NAMES = new WeakMap<Lexicon, Set<string>>();
function givenNames(lex: Lexicon): Set<string> {
  let names = GIVEN_NAMES.get(lex);
  if (!names) {
    names = new Set(lex.kb.data.people.map((p) => fold(p.name).split(/\s+/).at(-1)!));
    GIVEN_NAMES.set(lex, names);
  }
  return names;
}
/** Whether the body named ends before words[k] (a word of CUT not paired with its neighbour in a name). */
function cutsAt(words: readonly string[], k: number): boolean {
  const w = words[k]!;
  return CUT.test(w) && !PAIRED.has(`${words[k - 1]} ${w}`) && !PAIRED.has(`${w} ${words[k + 1]}`);
}

/** How the name of a body or place begins ("Bộ …", "tỉnh …", "Cục Thuế", "UBND", "TT PVHCC"). */
const BODY_KIND =
  /^(?:bo|so|cuc|chi cuc|tinh|huyen|xa|phuong|thanh pho|tp|uy ban|ubnd|ban|trung tam|tt|truong|ngan hang|hoi|doan|van phong|vp|cong an|bao hiem|benh vien|dai|tap doan|cong ty|chinh phu|quoc hoi|hdnd|hoi dong)\b/;

/** Words of a name that fold like a word CUT ends at: the "hội" of "xã hội", the "dữ" of "dữ liệu". */
const PAIRED = new Set([
  "xa hoi",
  "hoi nghi",
  "hoi dong",
  "du lieu",
  "chinh phu",
  "phu song",
  "co quan",
  "co so",
  "ky thuat",
  "noi vu",
  "phu nu",
  "hoi phu",
  "hoi nong",
  "hoi cuu",
  "hoi lien",
  "hoi chu",
]);
/** Words of the body named that say which kind of body, not which one ("Bộ", "Sở", "Cục"). */
const KIND_WORDS = new Set([
  "bo",
  "so",
  "cuc",
  "ban",
  "trung",
  "tam",
  "uy",
  "phong",
  "chi",
  "nhanh",
  "huyen",
  "xa",
  "van",
]);
/** Words of the body named that say nothing of which one it is. */
const PLAIN = new Set(["tinh", "cua", "thuoc", "cac", "nhung", "mot"]);

export interface PersonAsked {
  /** The post, folded ("giam doc"). */
  post: string;
  /** The words naming the body or place the post is of, folded ("cuc thue"); empty when none. */
  of: string;
  /** Asked how many hold it ("có mấy phó giám đốc"). */
  counted?: boolean;
}

/** The post a question asks the holder of, and of what; undefined when it asks no person. */
export function personAsked(question: string, lex: Lexicon): PersonAsked | undefined {
  // (A question that names the person asks something else of them: "ông Kỳ là giám đốc sở nào".)
  if (lex.people.match(searchTerms(question)).length) return undefined;
  const q = foldQuestion(question)
    // "GĐ TT …", "GĐ là ai": giám đốc (elsewhere "GĐ" may be a stage, "giai đoạn").
    .replace(/\bgd(?= (?:tt|trung tam|so|cuc|ban|bo|la ai)\b)/g, "giam doc")
    .replace(/[^\p{L}\p{N}\s&/-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // ("Lãnh đạo nào của đơn vị tôi là …": the asker's own unit, which the answers of "mine" read.)
  if (mentionsSelf(question)) return undefined;
  for (const [i, re] of ASKED.entries()) {
    for (const m of q.matchAll(re)) {
      const found = read(i, m, givenNames(lex));
      if (found) return found;
    }
  }
  const counted = COUNTED.exec(q);
  if (!counted) return undefined;
  // (Of the body named before: "Sở KH&CN sau hợp nhất có mấy phó giám đốc".)
  const words = q.slice(0, counted.index).trim().split(" ").filter(Boolean);
  const start = words.findIndex((_, k) => BODY_KIND.test(words.slice(k).join(" ")));
  const named = start < 0 ? [] : words.slice(start);
  return { post: counted[1]!, of: bodyWords(named), counted: true };
}

/** The words naming the body, up to where it ends (CUT), without those that say nothing of which one. */
function bodyWords(words: readonly string[]): string {
  const cut = words.findIndex((_, k) => cutsAt(words, k));
  return (cut < 0 ? words : words.slice(0, cut))
    .filter((w) => !PLAIN.has(w))
    .slice(0, 6)
    .join(" ");
}

/** The post and body one match of ASKED[i] asks, or undefined when it asks something else. */
function read(i: number, m: RegExpMatchArray, given: Set<string>): PersonAsked | undefined {
  let words = (m[2] ?? "").trim().split(" ").filter(Boolean);
  // ("ngoài chủ tịch tỉnh thì lãnh đạo nào dự": the post nearest the question word.)
  if (i !== 2 && ANY_POST_WORD.test(words.join(" "))) return undefined;
  // ("những lãnh đạo trung ương nào": several people, named in lists the cards give.)
  const before = (m.input ?? "").slice(0, m.index).trim().split(" ").at(-1);
  if (before === "nhung" || before === "cac") return undefined;
  // ("Thủ tướng gọi năm 2023 bằng tên gì": the name of something else.)
  if (i === 0 && /^ten/.test(m[3] ?? "") && words.some((w) => /^(?:bang|goi|dat|la|co)$/.test(w)))
    return undefined;
  // ("pct Biên là ai": someone named by their given name.)
  if (given.has(words[0] ?? "")) return undefined;
  if (i === 1) {
    // ("lãnh đạo những ngành nào", "người đứng đầu … thế nào": which bodies, or how.)
    if (BODY_ASKED.test(words.slice(-2).join(" ")) || BODY_ASKED.test(words.at(-1) ?? "")) return undefined;
    if (words.includes("nhung") || words.includes("cac")) return undefined;
    // (The words before "nào" name a body, "tỉnh Ninh Thuận", "Cục Thuế", with no verb among them:
    // "Thủ tướng tuyên bố năm dữ liệu số hôm nào" asks a day.)
    if (words.length && (!BODY_KIND.test(words.join(" ")) || words.some((_, k) => cutsAt(words, k))))
      return undefined;
    // ("lãnh đạo nào của VPCP ký": the body after "nào".)
    const after = /^ (?:cua|o|thuoc|tai) ((?:[^ ]+ ?){1,5})/.exec(m[3] ?? "")?.[1] ?? "";
    words = [...words, ...after.split(" ").filter(Boolean)];
  }
  return { post: m[1]!, of: bodyWords(words) };
}

/** What the knowledge records of a person's posts, as search terms: the title and the unit or body named. */
function postTerms(p: Person, ctx: AnswerContext): Set<string> {
  const parts = p.positions.flatMap((x) => {
    const unit = x.unit ? ctx.kb.unit(x.unit) : undefined;
    const body = x.body ? ctx.kb.body(x.body) : undefined;
    return [x.title, unit?.name ?? "", ...(unit?.aliases ?? []), body?.name ?? "", ...(body?.aliases ?? [])];
  });
  return new Set(searchTerms(parts.join(" ")));
}

/** Whether the reply names someone the knowledge records in the post asked, of the body asked. */
export function answersPerson(reply: Reply, asked: PersonAsked, ctx: AnswerContext): boolean {
  const named = searchTerms(asked.of).filter((t) => !/^\d+$/.test(t));
  // ("Bộ TT&TT": which ministry is said by "thông tin", "truyền thông", not by "Bộ".)
  const telling = named.filter((t) => !KIND_WORDS.has(t));
  const ofTerms = telling.length ? telling : named;
  const post = searchTerms(asked.post);
  const generic = ANY_POST.some((p) => fold(p) === asked.post);
  const shown = searchTerms([reply.title ?? "", ...reply.lines.map((l) => l.text)].join(" "));
  const ids = new Set(ctx.lex.people.match(shown).map((m) => m.value));
  return [...ids].some((id) => {
    const person = ctx.kb.person(id);
    if (!person) return false;
    const own = postTerms(person, ctx);
    if (!generic && !post.every((t) => own.has(t))) return false;
    return !ofTerms.length || ofTerms.filter((t) => own.has(t)).length * 2 >= ofTerms.length;
  });
}

/** The body asked, as the knowledge names it ("Cục Thuế tỉnh") or as typed; "" when neither can be said. */
function bodySaid(question: string, of: string, ctx: AnswerContext): string {
  const terms = searchTerms(of);
  const unit = ctx.lex.units.match(terms)[0]?.value;
  if (unit?.kind === "unit") return ctx.kb.unit(unit.id)?.name ?? "";
  const body = ctx.lex.bodies.match(terms)[0]?.value;
  if (body) return ctx.kb.body(body)?.name ?? "";
  const typed = question.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  const words = of.split(" ");
  const at = typed.findIndex((_, k) => words.every((w, j) => fold(typed[k + j] ?? "") === w));
  return at < 0 ? "" : typed.slice(at, at + words.length).join(" ");
}

/**
 * The reply, or when it names no one recorded in the post asked, a reply that says the person is not
 * recorded ("Nguồn hiện có không ghi tên Giám đốc TT PVHCC tỉnh").
 */
export function withPersonAsked(reply: Reply, question: string, ctx: AnswerContext): Reply {
  if (reply.abstained) return reply;
  const asked = personAsked(question, ctx.lex);
  if (!asked || answersPerson(reply, asked, ctx)) return reply;
  const of = asked.of ? bodySaid(question, asked.of, ctx) : "";
  const who = `${SAID.get(asked.post) ?? asked.post}${of ? ` ${of}` : ""}`;
  const r = new ReplyBuilder(reply.intent).abstain();
  r.line(`Nguồn hiện có không ghi ${asked.counted ? "số lượng, tên" : "tên"} ${who}.`);
  r.note(RECORDED_NOTE);
  return r.build();
}

/** "ai phụ trách …", "ai chịu trách nhiệm …", "đơn vị nào quản lý …": who is in charge of something. */
const IN_CHARGE_ASKED =
  /\b(?:ai|nguoi nao|don vi nao|co quan nao) (?:la nguoi |hien |dang )?(?:phu trach|chiu trach nhiem|quan ly|dam nhan|dam nhiem|lo)\b/;

/**
 * The reply, or when it names no one in charge (no lead of a task, no person, no unit) though the
 * question asks who is in charge of something ("cấp xã bây giờ ai phụ trách chuyển đổi số"), a reply
 * that says it is not recorded.
 */
export function withInChargeAsked(reply: Reply, question: string, ctx: AnswerContext): Reply {
  if (reply.abstained || !IN_CHARGE_ASKED.test(foldQuestion(question))) return reply;
  const head = [reply.title ?? "", ...reply.lines.slice(0, 3).map((l) => l.text)].join(" ");
  const terms = searchTerms(head);
  if (
    /\bchu tri\b|\bphoi hop\b/.test(fold(head)) ||
    ctx.lex.people.match(terms).length ||
    ctx.lex.units.match(terms).length
  )
    return reply;
  return new ReplyBuilder(reply.intent)
    .abstain()
    .line("Nguồn hiện có không ghi ai phụ trách việc được hỏi.")
    .note(RECORDED_NOTE)
    .build();
}
