/**
 * Understanding: what a question asks (the intent) and its parameters (unit, year, period, document,
 * person, body), from text typed on a phone: with or without diacritics, abbreviations, typos.
 * No rule here is keyed to one question: cues are concepts (abbreviations.ts), names come from the
 * knowledge (lexicon.ts), numbers and dates from the text module.
 */

import type { KDocument } from "../knowledge/schema.ts";
import type { SearchKind } from "../search/search-index.ts";
import { ABBREVIATIONS, conceptsIn, expandAbbreviations } from "../text/abbreviations.ts";
import { DEPARTMENT_FIELDS, expandAgencyName } from "../text/agency-names.ts";
import { findDatePhrases, findYear } from "../text/dates.ts";
import { findDocRefs, parseDocNumber } from "../text/doc-number.ts";
import { personLikeName } from "../text/name-variants.ts";
import { clean, fold, unstretch } from "../text/normalize.ts";
import { foldQuestion } from "../text/question.ts";
import {
  frameIndices,
  isQuestionWord,
  phraseIndices,
  queryTerms,
  searchTerms,
  typedWords,
  typedWordsAt,
} from "../text/search-terms.ts";
import { untelexText } from "../text/telex.ts";
import { addDays, formatViDate, localDate } from "../time.ts";
import { answerType, documentFocus, documentKindNamed } from "./focus.ts";
import {
  codeKey,
  codeKeys,
  type DocumentListFilter,
  GENERIC_TOPIC,
  issuerAsked,
  issuerOfUnit,
  issuerSpellings,
  issuerStartingWith,
  issuersNamed,
} from "./intents/document-list.ts";
import { figureTerms } from "./intents/targets.ts";
import {
  addressedPeople,
  fuzzyPeople,
  type Lexicon,
  matchBodies,
  matchTaskGroup,
  peopleByGivenName,
  type UnitRef,
} from "./lexicon.ts";
import type { Query } from "./reply.ts";

/** Questions longer than this are read only up to here (a phone question is short). */
export const MAX_QUESTION_CHARS = 500;

/** The unit id a check query carries for "đơn vị tôi": the asker's unit, filled in when answering. */
export const MINE = "-";

/** Words for "me / my unit", as typed with diacritics (unambiguous). */
const SELF_ACCENTED = new Set(["tôi", "mình", "tui", "tớ"]);
/** The words before "tôi/mình/em" that make it the asker's unit ("của tôi", "sở mình", "đơn vị em"), folded. */
const OWNER_BEFORE: ReadonlySet<string> = new Set(["cua", "so", "vi", "quan", "ban", "phong", "nganh"]);
/** "mình" as typed on a phone ("sở mk", "trung tâm mik", "sở mìh"), folded. */
const MINH_TYPED: ReadonlySet<string> = new Set(["mk", "mik", "mih", "min"]);
/** Without diacritics "toi" is also "tới" (sắp tới, đến tới): not "me" after these words. */
const NOT_SELF_BEFORE = new Set([
  "thong",
  "quan",
  "lien",
  "giup",
  "lan",
  "nua",
  "ky",
  "sap",
  "den",
  "gan",
  "ke",
  "tuan",
  "thang",
  "nam",
  "ngay",
  "di",
  "dat",
  "tien",
  "huong",
]);

/** Words after "tôi"/"mình" that make it the asker speaking ("cho tôi hỏi"), not "my unit". */
const NOT_SELF_AFTER = new Set([
  "hoi",
  "xin",
  "muon",
  "la",
  "moi",
  "chua",
  "tim",
  "nghe",
  "thay",
  "biet",
  "cam",
  "can",
  // "cho tôi danh sách …": the list asked for.
  "danh",
]);

/** Whether the asker speaks of themselves or their unit ("của tôi", "đơn vị mình", "nhiem vu cua toi"). */
export function mentionsSelf(text: string): boolean {
  const words =
    text
      .toLowerCase()
      .normalize("NFC")
      .match(/[\p{L}\p{M}]+/gu) ?? [];
  return words.some((w, i) => {
    // "cho tôi hỏi", "tôi là cán bộ mới", "mình muốn biết": the asker speaking, not "my unit".
    // ("của tôi là gì" is "mine".)
    if (
      ["toi", "minh", "em"].includes(fold(w)) &&
      !OWNER_BEFORE.has(fold(words[i - 1] ?? "")) &&
      NOT_SELF_AFTER.has(fold(words[i + 1] ?? "")) &&
      // ("tôi cần làm những việc gì": what the asker's unit must do; "tôi cần biết" stays the asker.)
      !(
        fold(words[i + 1] ?? "") === "can" &&
        /^(?:lam|thuc|hoan|trien|chu|phoi|nop|chuan|xay)$/.test(fold(words[i + 2] ?? ""))
      )
    )
      return false;
    // "liệt kê giúp tôi": the asker asking for help, not "my unit".
    // ("hướng dẫn mình cách …", "chỉ cho tôi", "nhắc em": the asker as the one helped.)
    if (
      ["toi", "minh", "em"].includes(fold(w)) &&
      ["giup", "chi", "nhac", "bao", "gui"].includes(fold(words[i - 1] ?? "")) &&
      !["cua", "vi", "so"].includes(fold(words[i - 2] ?? ""))
    )
      return false;
    if (
      ["toi", "minh", "em"].includes(fold(w)) &&
      fold(`${words[i - 2] ?? ""} ${words[i - 1] ?? ""}`) === "huong dan"
    )
      return false;
    // ("cho mình tất cả thông tin về …": given to the asker; "giao cho mình" is the asker's unit's.)
    if (
      ["toi", "minh", "em"].includes(fold(w)) &&
      fold(words[i - 1] ?? "") === "cho" &&
      !["giao", "danh", "phan"].includes(fold(words[i - 2] ?? ""))
    )
      return false;
    // "còn bao nhiêu ngày nữa là toi ngày …": "tới" typed plain, not "tôi".
    if (
      fold(w) === "toi" &&
      w === "toi" &&
      ["ngay", "han", "luc", "khi", "thang", "nam", "tuan", "dip", "nay", "qua", "mai"].includes(
        fold(words[i + 1] ?? ""),
      ) &&
      !OWNER_BEFORE.has(fold(words[i - 1] ?? ""))
    )
      return false;
    // "tối thiểu", "tối ưu" typed plain: not the asker ("toi da" is as often "tôi đã").
    if (
      fold(w) === "toi" &&
      w !== "tôi" &&
      ["thieu", "uu", "mat"].includes(fold(words[i + 1] ?? "")) &&
      !OWNER_BEFORE.has(fold(words[i - 1] ?? ""))
    )
      return false;
    // "trận đấu tôi qua": "tối qua" with a slipped mark, not the asker.
    if (
      fold(w) === "toi" &&
      fold(words[i + 1] ?? "") === "qua" &&
      !OWNER_BEFORE.has(fold(words[i - 1] ?? ""))
    )
      return false;
    // "mỗi cơ quan phải có sản phẩm của mình", "từng đơn vị tự xây dựng kế hoạch của mình": "mình" of
    // the subject named before it ("mỗi", "từng", "các" + a unit word), not the asker.
    if (
      fold(w) === "minh" &&
      fold(words[i - 1] ?? "") === "cua" &&
      /\b(?:moi|tung|cac|nhung|moi mot) (?:co quan|don vi|dia phuong|so|nganh|ban|cap|huyen|xa|to chuc)\b/.test(
        fold(words.slice(0, i).join(" ")),
      )
    )
      return false;
    // "tỉnh mình", "nước mình": the province, the country, not the asker's unit.
    if (fold(w) === "minh" && ["tinh", "nuoc", "chung", "ta"].includes(fold(words[i - 1] ?? "")))
      return false;
    if (SELF_ACCENTED.has(w)) return true;
    const f = fold(w);
    // "trung tâm mk", "sở mik", "sở mìh": "mình" as typed on a phone.
    if (
      // ("cơ quan minh", "trường minh": "mình" typed without its mark, after a unit word.)
      (MINH_TYPED.has(f) || (f === "minh" && w === "minh")) &&
      (OWNER_BEFORE.has(fold(words[i - 1] ?? "")) ||
        ["tam", "nhanh", "truong"].includes(fold(words[i - 1] ?? "")))
    )
      return true;
    // "của em", "sở em", "đơn vị em", "cơ quan em": the asker's own unit.
    if (f === "em" && OWNER_BEFORE.has(fold(words[i - 1] ?? ""))) return true;
    if (f !== w || (f !== "toi" && f !== "minh")) return false;
    // ("co quan toi": "cơ quan tôi", the asker's unit; "lien quan toi" is "liên quan tới".)
    if (fold(`${words[i - 2] ?? ""} ${words[i - 1] ?? ""}`) === "co quan") return true;
    return !NOT_SELF_BEFORE.has(fold(words[i - 1] ?? ""));
  });
}
/** "… với tinh thần nào": the manner something was asked to be done in. */
const MANNER_ASKED = /\b(?:voi|bang) tinh than (?:nao|gi|ra sao|the nao)\b/;

/** The kinds of unit an asker names as theirs ("trung tâm tôi", "sở mình", "chi nhánh chúng tôi"). */
const OWN_UNIT_KIND =
  /^(?:trung tam|so|don vi|co quan|chi nhanh|ban|phong|bo|cuc|vien|truong|xa|phuong|huyen|nganh|ngan hang|uy ban|ubnd|tinh uy|hoi)$/;
const OWN_PRONOUN = new RegExp(
  `^(?:toi|minh|${[...MINH_TYPED].join("|")}|em|tui|chung toi|chung em|chung minh|bon toi)$`,
);

/**
 * The question without the words by which the asker names their own unit ("của trung tâm tôi", "sở mình"):
 * those name the asker, not what is asked about ("trung tâm" is no word of the task's).
 */
export function withoutOwnUnit(text: string): string {
  const words = [...text.matchAll(/[\p{L}\p{M}]+/gu)];
  const folded = words.map((m) => fold(m[0]));
  const drop = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    for (const kind of [2, 1]) {
      const k = folded.slice(i, i + kind).join(" ");
      if (!OWN_UNIT_KIND.test(k)) continue;
      const p2 = folded.slice(i + kind, i + kind + 2).join(" ");
      const p1 = folded[i + kind] ?? "";
      const n = OWN_PRONOUN.test(p2) && p2.includes(" ") ? 2 : OWN_PRONOUN.test(p1) ? 1 : 0;
      if (!n) continue;
      const from = folded[i - 1] === "cua" ? i - 1 : i;
      for (let j = from; j < i + kind + n; j++) drop.add(j);
      i += kind + n - 1;
      break;
    }
  }
  if (!drop.size) return text;
  let out = "";
  let at = 0;
  words.forEach((m, j) => {
    if (!drop.has(j)) return;
    out += text.slice(at, m.index);
    at = m.index + m[0].length;
  });
  return (out + text.slice(at)).replace(/\s+/g, " ").trim();
}

const GREETING =
  /^(?:xin chao|chao|hello|hi|alo|chao ban|chao tro ly|hey)(?:\s+(?:ban|tro ly|bot|anh|chi|em|a))*$/;
const HELP =
  /^(?:help|tro giup|huong dan|giup toi|giup do|menu|ban lam duoc gi|ban co the lam gi|lam duoc gi|su dung the nao|cach dung|hoi gi|toi co the hoi gi)$/;

/** The kinds of documents, named in a question. */
const DOCUMENT_KIND = /\b(?:nghi quyet|quyet dinh|ke hoach|thong bao|cong van|chi thi|de an|van ban)\b/;

/** About the assistant itself: "trợ lý này phục vụ tỉnh nào", "bạn là ai". */
const ABOUT =
  /\b(?:tro ly|bot|(?<!\b(?:van|truong|pho|uy|cac|mot|moi) )ban|chatbot)(?: cds| chuyen doi so)?(?: nay)? (?:phuc vu|danh cho|cua|la cua|ho tro) (?:tinh|dia phuong|co quan|ai) nao\b|^(?:ban|tro ly|bot) la ai\b/;

/** Words that start the name of an agency, for noticing a unit the knowledge does not know. */
const UNIT_HEAD =
  /(?:^|\b(?:cua|cho|giao|thuoc|doi voi|la|giam doc|chu tich|lanh dao|thu truong|truong)\s)((?:so(?!\s+(?:hoa|lieu|hieu|luong|do|sanh|thu tu|ngay|lan|thang|nam|phan tram|nguoi|con lai)\b)|ban|cuc|chi cuc|trung tam|uy ban nhan dan huyen|huyen(?!\s+(?:thoai|bi|ao)\b)|uy ban nhan dan thanh pho|uy ban nhan dan xa|uy ban nhan dan phuong|xa(?!\s+(?:hoi|vien)\b)|phuong(?!\s+(?:an|tien|thuc|huong|phap|cham|dien)\b)|thi tran|thon|phong|bo|truong|benh vien|cong an|bao hiem|kho bac|vien)\s+[a-z]+(?:\s+[a-z]+){0,3})/;
/**
 * A commune, ward, village, town or district named by its kind, folded: "xa phuoc dan", "ubnd phuong do
 * vinh" (the kind and its Ủy ban are group 0 up to the name).
 */
export const LOCALITY = /^(?:(?:uy ban nhan dan|ubnd)\s+)?(?:xa|phuong|thi tran|thon|huyen)\s+(?=[a-z])/;

/** Words that end a unit name in a question ("Sở Nội vụ phải làm gì"). */
const UNIT_NAME_STOP = new Set([
  // ("Kế hoạch của Sở Y tế gồm những nội dung gì": what follows the name.)
  "gom",
  "noi",
  "phai",
  "lam",
  "gi",
  "co",
  "nhiem",
  "la",
  "nam",
  "han",
  "chot",
  "qua",
  "sap",
  "den",
  "cua",
  "can",
  "duoc",
  "giao",
  "viec",
  "trong",
  "nay",
  "thang",
  "quy",
  "bao",
  "nhieu",
  "nao",
  "chu",
  "tri",
  "phoi",
  "hop",
  "ai",
  "thi",
  "khi",
  "da",
  "dang",
  "se",
  "va",
  "voi",
  "ve",
  "cho",
  "toi",
  "minh",
  "em",
  "chung",
]);

const ROLE_CUES: { re: RegExp; role?: string; title?: string }[] = [
  // ("phó ban thường trực", "phó ban": the deputies, said short.)
  { re: /pho (?:truong )?ban thuong truc/, role: "standing-deputy" },
  { re: /pho (?:truong )?ban\b/, role: "deputy" },
  { re: /truong ban|dung dau|nguoi dung dau/, role: "head" },
  { re: /to pho/, role: "deputy-leader" },
  { re: /to truong/, role: "leader" },
  { re: /thanh vien/, role: "member" },
  { re: /pho chu tich/, title: "pho chu tich" },
  { re: /chu tich/, title: "chu tich" },
  { re: /pho giam doc/, title: "pho giam doc" },
  { re: /giam doc/, title: "giam doc" },
  { re: /pho thu tuong/, title: "pho thu tuong" },
  { re: /thu tuong/, title: "thu tuong" },
  { re: /bo truong/, title: "bo truong" },
  { re: /cuc truong/, title: "cuc truong" },
  { re: /hieu truong/, title: "hieu truong" },
  { re: /pho bi thu/, title: "pho bi thu" },
  { re: /bi thu/, title: "bi thu" },
  { re: /giam doc|thu truong|lanh dao|nguoi dung dau/ },
  { re: /nguoi viet bai|tac gia|ai viet/, title: "viet bai" },
];

export interface Understanding {
  query: Query;
  /** The question as read (cleaned, cut to MAX_QUESTION_CHARS). */
  text: string;
  folded: string;
  year?: number;
}

/**
 * "Sở" followed by the field of a department names a unit wherever it stands ("năm 2023 sở y tế phải làm
 * gì"); elsewhere "so" may be "số" (số hóa), so a unit the knowledge lacks is noticed only after "của"…
 */
const FIELDS_ALT = DEPARTMENT_FIELDS.join("|");
const FIELD_WORDS = new RegExp(`^(?:${FIELDS_ALT})`);
const DEPARTMENT_ANYWHERE = new RegExp(`(?:^|\\s)(so\\s+(?:${FIELDS_ALT})(?:\\s+[a-z]+){0,4})`);

/** An unknown unit's name that is plainly an agency: a department, a mass organisation, a company. */
const NAMED_AGENCY =
  /^(?:tinh doan|doan |hoi |dai |lien doan|mat tran|ban dan van|ban tuyen giao|viettel|vnpt|fpt|mobifone|vinaphone)/;

/** Companies officials name as units ("Viettel có nhiệm vụ gì"). */
const COMPANY = /(?:^|\s)(viettel|vnpt|mobifone|vinaphone|fpt)(?:\s|$)/;

/** The province's mass organisations and press, as officials name them ("Tỉnh đoàn", "Hội LHPN tỉnh"). */
const ORGANISATIONS: Readonly<Record<string, string>> = {
  "tinh doan": "Tỉnh đoàn",
  "doan thanh nien": "Đoàn Thanh niên",
  "hoi lien hiep phu nu": "Hội Liên hiệp Phụ nữ",
  "hoi phu nu": "Hội Phụ nữ",
  "hoi nong dan": "Hội Nông dân",
  "hoi cuu chien binh": "Hội Cựu chiến binh",
  "hoi chu thap do": "Hội Chữ thập đỏ",
  "lien doan lao dong": "Liên đoàn Lao động",
  "mat tran to quoc": "Mặt trận Tổ quốc",
  "dai phat thanh va truyen hinh": "Đài Phát thanh và Truyền hình",
  "dai phat thanh": "Đài Phát thanh",
  "ban dan van": "Ban Dân vận",
  "ban tuyen giao": "Ban Tuyên giáo",
};
const ORGANISATION = new RegExp(
  `(?:^|\\s)(${Object.keys(ORGANISATIONS)
    .sort((a, b) => b.length - a.length)
    .join("|")})(?:\\s|$)`,
);

/** A unit the question names that the register does not hold ("Sở Y tế"), as typed; else undefined. */
export function unknownUnitPhrase(folded: string, original: string): string | undefined {
  const org = ORGANISATION.exec(folded)?.[1];
  if (org) return ORGANISATIONS[org];
  const company = COMPANY.exec(folded)?.[1];
  if (company)
    return company === "fpt" || company === "vnpt"
      ? company.toUpperCase()
      : company.charAt(0).toUpperCase() + company.slice(1);
  // A department named by its field ("Sở Giáo dục và Đào tạo"): the field's words are part of the name even
  // where they are also question words ("giao" as in "được giao").
  const dept = DEPARTMENT_ANYWHERE.exec(folded);
  const field = dept ? (FIELD_WORDS.exec(dept[1]!.slice(3))?.[0] ?? "") : "";
  const m = dept ?? UNIT_HEAD.exec(folded);
  if (!m?.[1]) return undefined;
  const words = m[1].split(" ");
  const fixed = dept ? 1 + field.split(" ").length : 1;
  const kept: string[] = words.slice(0, fixed);
  for (const [i, w] of words.entries()) {
    if (i < fixed) continue;
    if (UNIT_NAME_STOP.has(w) || /\d/.test(w)) break;
    // ("Sở Du lịch thành lập năm nào", "… được thành lập": what follows the name.)
    if (w === "duoc" || (w === "thanh" && words[i + 1] === "lap")) break;
    kept.push(w);
  }
  if (kept.length < 2) return undefined;
  // "Phó Trưởng ban Thường trực": a post, not a unit called "Ban Thường trực".
  if (kept[0] === "ban" && kept[1] === "thuong" && kept[2] === "truc") return undefined;
  // Cut the same words from the original text to show them as typed (with diacritics); an
  // abbreviation typed ("UBND") counts for the words it stands for.
  const origWords = clean(original).split(" ");
  const expanded: { word: string; orig: number }[] = [];
  origWords.forEach((w, i) => {
    for (const x of foldQuestion(w)
      .split(" ")
      .map((x) => x.replace(/[^\p{L}\p{N}&]/gu, ""))) {
      if (x) expanded.push({ word: x, orig: i });
    }
  });
  for (let i = 0; i + kept.length <= expanded.length; i++) {
    if (kept.every((k, j) => expanded[i + j]!.word === k)) {
      return origWords
        .slice(expanded[i]!.orig, expanded[i + kept.length - 1]!.orig + 1)
        .join(" ")
        .replace(/[^\p{L}\p{N}\s&]/gu, "")
        .replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    }
  }
  return kept.join(" ");
}

/**
 * An agency-like phrase the knowledge writes out in its tasks, documents or meetings ("Trung tâm Dữ liệu
 * quốc gia", what a task builds) is a thing it knows, not a unit it lacks: undefined then.
 */
function knownAsThing(phrase: string | undefined, lex: Lexicon): string | undefined {
  // A department ("Sở Y tế") stays a unit even where its words occur ("cơ sở y tế").
  if (!phrase || searchTerms(phrase).length < 4 || /^so\s/.test(fold(phrase))) return phrase;
  const hit = lex.index.search(phrase, { kinds: ["task", "document", "meeting", "target"], limit: 1 })[0];
  return hit && hit.coverage >= 0.99 ? undefined : phrase;
}

const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  nhat: 1,
  mot: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};

/**
 * The task an ordinal names ("nhiệm vụ trọng tâm thứ ba", "nv trọng tâm số 3"): among the tasks whose
 * clause carries "(3)", the one whose clause or title the question's other words fit best.
 */
/** The number of the key task a question asks by its place ("nhiệm vụ trọng tâm thứ ba" → 3), if any. */
export function askedOrdinal(bare: string): number | undefined {
  const m =
    /\b(?:thu|so)\s+(\d{1,2}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\b/.exec(bare) ??
    // ("nhiệm vụ trọng tâm đầu tiên": the first.)
    /\btrong tam\s+(dau tien)\b/.exec(bare) ??
    /\btrong tam\s+(\d{1,2})\b/.exec(bare) ??
    // ("nhiệm vụ 1 trọng tâm": the number before.)
    /\bnhiem vu\s+(\d{1,2})\s+trong tam\b/.exec(bare) ??
    // ("kết luận họp BĐH 20/2/2023: nv (1)": the number after, where the conclusions are named.)
    (/\bket luan\b/.test(bare) ? /\bnhiem vu\s+(\d)\b(?!\s+\d)/.exec(bare) : null);
  if (!m || !/\b(?:nhiem vu|trong tam)\b/.test(bare)) return undefined;
  return /^\d+$/.test(m[1]!) ? Number(m[1]) : m[1] === "dau tien" ? 1 : ORDINAL_WORDS[m[1]!];
}

function ordinalTask(bare: string, content: string[], lex: Lexicon) {
  const n = askedOrdinal(bare);
  if (n === undefined) return undefined;
  const words = content.filter((w) => !ORDINAL_WORDS[w] && !/^\d+$/.test(w) && w !== "dau" && w !== "tien");
  const candidates = lex.kb.data.tasks.filter((t) => t.clause?.includes(`(${n})`));
  let best: { t: (typeof candidates)[number]; score: number } | undefined;
  for (const t of candidates) {
    const own = new Set(searchTerms(`${t.clause} ${t.title}`));
    const score = words.filter((w) => own.has(w)).length;
    if (score > 0 && (!best || score > best.score)) best = { t, score };
  }
  return best?.t;
}

/** Verbs of saying: the question asks what someone said or judged. */
const SAYING =
  /\b(?:xac dinh|nhan dinh|danh gia|khang dinh|nhan manh|phat bieu|noi (?:gi|la|rang|ve)|coi (?:nam|day) la)\b/;

/** "chi nhánh mình", "sở tôi", "đơn vị em": the asker's own unit named by a common noun. */
const OWN_UNIT_WORDS =
  /(?<![\p{L}\p{N}])(?:chi nhánh|chi nhanh|đơn vị|don vi|cơ quan|co quan|trung tâm|trung tam|phòng|phong|sở|so|bên|ben)\s+(?:mình|minh|tôi|toi|em|chúng tôi|chung toi|chúng em|chung em)(?![\p{L}\p{N}])/giu;

/** Words that ask for a saying ("khẩu hiệu", "phương châm"), not what it is about. */
const SAYING_WORDS = new Set(searchTerms("khẩu hiệu phương châm thông điệp chủ đề"));

/** Words around "which are done" that name no topic ("đơn vị nào đã làm xong"). */
const DONE_FRAME: readonly (readonly string[])[] = [
  "don vi",
  "co quan",
  "ban nganh",
  "nganh",
  "hoan thanh",
  "xong",
  "lam",
  "thuc hien",
  "da",
  "vua",
  "roi",
  "nhung",
  "cac",
  "viec",
  "nhiem vu",
  "nam",
].map((p) => p.split(" "));

/** Words of a deadline question that name no topic ("mốc", "hạn chót"). */
const DEADLINE_WORDS = new Set(
  searchTerms("mốc hạn chót thời hạn thời gian hạn cuối cụ thể số ngày còn lại nữa để hoàn thành"),
);

/**
 * Words that say where tasks were set, not what they are about ("ba nhiệm vụ trọng tâm theo kết luận
 * họp BĐH"): left out when a deadline question's topic is measured against the tasks.
 */
// ("hạn chót nộp sản phẩm CĐS 2023": handing in is how a deadline is met, not a word of the task.)
const SET_AT_WORDS = new Set(searchTerms("ba theo kết luận cuộc họp phiên hội nghị nộp gửi"));

/** Words that ask whether a deadline passed ("qua hạn", "trễ"), not which task. */
const OVERDUE_WORDS = new Set(searchTerms("quá hạn trễ hạn chậm tiến độ đã qua chưa"));

/** Words around a period's deadlines that name no topic ("cần lưu ý", "những việc", "hết hạn"). */
const PERIOD_FRAME = new Set(
  searchTerms(
    "cần chú ý lưu ý việc hoàn thành liên quan hết hạn mốc sắp đến tới cuối đầu giữa trong từ giờ nay này những các nào gì có không phải làm thực hiện đang theo dõi ghi nhận liệt kê giúp tôi",
  ),
);

/** "chuyển đổi số" says nothing about which tasks. */
const CDS_TERMS = new Set(searchTerms("chuyển đổi số"));

/**
 * Terms that frame a question about tasks; what is left says what the tasks are about. Words of two
 * syllables as phrases: "quán triệt" keeps its "quan" (of "cơ quan"), "chủ đề" its "chu" (of "chủ trì").
 */
const TASK_FRAME_PHRASES: readonly (readonly string[])[] = [
  "nhiệm vụ",
  "công việc",
  "được giao",
  "phải làm",
  "lĩnh vực",
  "danh sách",
  "liệt kê",
  "tất cả",
  "hạn chót",
  "thời hạn",
  "chủ trì",
  "phối hợp",
  "đơn vị",
  "cơ quan",
  "kế hoạch",
  "thường xuyên",
  "liên tục",
  "định kỳ",
  "hoàn thành",
  // "Chủ tịch tỉnh yêu cầu tập trung những nhiệm vụ trọng tâm nào trong năm 2023": who asked, the
  // asking and the span, not what the tasks are about.
  "tập trung",
  "chủ tịch tỉnh",
  "trong năm",
  "trong quý",
  "trong tháng",
].map((p) => searchTerms(p));
const TASK_FRAME = new Set(
  searchTerms("việc giao làm nhóm về thuộc các những năm quý tháng hạn chót thời nào hằng hàng mỗi xong lo"),
);
/** The positions of `terms` that frame a question about tasks. */
function taskFrameIndices(terms: readonly string[]): Set<number> {
  const out = phraseIndices(terms, TASK_FRAME_PHRASES);
  terms.forEach((t, i) => {
    if (TASK_FRAME.has(t)) out.add(i);
  });
  return out;
}
/** "thứ 2", "thứ hai", "số 3": one item of an enumeration is asked, not the list of a topic. */
const ORDINAL_CUE =
  /\b(?:thu|so)\s+(?:\d{1,2}|nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b|\btrong tam dau tien\b/;
const CONTINUOUS_CUE = /\b(?:thuong xuyen|lien tuc)\b/;
const RECURRING_CUE = /\b(?:dinh ky|(?:hang|moi) (?:thang|quy|nam))\b/;

/**
 * Words that ask for a document rather than say what it is about: the two-word names of kinds and of
 * asking ("văn bản", "ban hành", "số hiệu"), as pairs ("Ban Điều hành" keeps its "ban" and "hành"),
 * and a few single words.
 */
const DOC_FRAME_PAIRS = new Set(
  [
    "số hiệu",
    "văn bản",
    "quyết định",
    "kế hoạch",
    "thông báo",
    "nghị quyết",
    "công văn",
    "quy định",
    "ban hành",
    "trích yếu",
  ].map((p) => searchTerms(p).join(" ")),
);
const DOC_FRAME_WORDS = new Set([
  ...searchTerms("theo tại bằng được do mấy ký lấy chọn"),
  "lay",
  "chon",
  "mang",
]);

function docFrameIndices(terms: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < terms.length; i++) {
    if (i + 1 < terms.length && DOC_FRAME_PAIRS.has(`${terms[i]} ${terms[i + 1]}`)) {
      out.add(i);
      out.add(i + 1);
      i++;
    } else if (DOC_FRAME_WORDS.has(terms[i]!)) out.add(i);
  }
  return out;
}

/** "vai trò gì đối với", "liên quan gì đến": how a unit is asked about something, not what. */
const ROLE_FRAME_WORDS = new Set(["vai", "tro", "lien", "quan", "doi", "voi", "gan", "den", "co"]);

/** Words that name a document (its kind), for "văn bản ngày 14/2". */
const DOCUMENT_WORDS =
  /\b(?:van ban|quyet dinh|ke hoach|thong bao|nghi quyet|chi thi|cong van|chuong trinh|de an|nghi dinh|thong tu)\b/;

/** "khác nhau", "so sánh", "phân biệt": the question compares what it names. */
const COMPARE_CUE =
  /\b(?:khac nhau|khac gi|khac the nao|so sanh|phan biet|giong nhau|khac biet)\b|\bkhac\b.*\b(?:diem nao|cho nao|o dau|the nao|ra sao)\b/;
/** "có phải … không", "… phải không", "có … không?" */
const YES_NO_CUE = /\b(?:co phai|phai khong|dung khong|co dung|hay khong)\b|\bco\b.*\bkhong\s*$/;

/** The entries a comparison names: two documents by number, two bodies, or two years of an index. */
function compared(
  text: string,
  refs: ReturnType<typeof findDocRefs>,
  bodies: { value: string }[],
  lex: Lexicon,
): Extract<Query, { kind: "compare" }>["items"] {
  // "quyết định 505 với 1560": a bare number beside a document named by number is another document.
  const bareNumbers = refs.length
    ? (fold(text).match(/(?:^|\s)(\d{2,5})(?=\s|$|\?)/g) ?? []).map((n) => n.trim())
    : [];
  const docs = [
    ...new Set([
      ...refs.map((r) => lex.kb.documentByNumber(r.raw)?.id ?? lex.kb.documentsNumbered(r.number)[0]?.doc.id),
      ...bareNumbers
        .filter((n) => !/^(?:19|20)\d\d$/.test(n) || lex.kb.documentsNumbered(n).length)
        .map((n) => lex.kb.documentsNumbered(n)[0]?.doc.id),
    ]),
  ].filter((id): id is string => !!id);
  if (docs.length >= 2) return docs.slice(0, 3).map((id) => ({ kind: "document" as const, id }));
  // Two meetings named by their days ("họp 7/9/2022 và họp 20/2/2023").
  const days = findDatePhrases(text, {}).filter((p) => p.kind === "day" && p.from === p.to);
  const meetings = [
    ...new Set(
      days.map(
        (p) =>
          lex.kb.data.meetings.find((m) => m.date === p.from)?.id ??
          lex.kb.data.meetings.find((m) => m.date.slice(5) === p.from!.slice(5))?.id,
      ),
    ),
  ].filter((id): id is string => !!id);
  if (meetings.length >= 2) return meetings.slice(0, 3).map((id) => ({ kind: "meeting" as const, id }));
  const ids = [...new Set(bodies.map((b) => b.value))];
  if (ids.length >= 2) return ids.slice(0, 3).map((id) => ({ kind: "body" as const, id }));
  const years = [...new Set((fold(text).match(/\b(?:19|20)\d\d\b/g) ?? []).map(Number))];
  if (years.length >= 2 && /\bdti\b|chi so/.test(foldQuestion(text))) {
    const found = years
      .map((y) => lex.kb.data.indicators.find((i) => i.year === y))
      .filter((i): i is NonNullable<typeof i> => !!i);
    if (found.length >= 2) return found.map((i) => ({ kind: "indicator" as const, id: i.id }));
  }
  return [];
}

function capitalizeName(s: string): string {
  return s.replace(/(^|\s)(\p{Ll})/gu, (_, sp: string, c: string) => sp + c.toUpperCase());
}

function firstUnit(matches: { value: UnitRef }[]): UnitRef | undefined {
  // A unit named outright beats a group ("Sở TT&TT" over "các sở, ngành").
  return matches.find((m) => m.value.kind === "unit")?.value ?? matches[0]?.value;
}

/** "tỉnh NT" for "tỉnh Ninh Thuận": the province named by its initials, written out. */
function withProvinceInitials(text: string, lex: Lexicon): string {
  const name = lex.kb.data.province.name;
  const initials = fold(name)
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("");
  if (initials.length < 2) return text;
  return text.replace(new RegExp(`(?<=\\btỉnh\\s+|\\btinh\\s+)${initials}\\b`, "giu"), name);
}

export function understand(raw: string, now: Date, lex: Lexicon): Understanding {
  // Markup pasted from elsewhere is not part of the question.
  // Agency abbreviations written out ("Sở GD&ĐT" → "Sở Giáo dục và Đào tạo"), as imports read them.
  // "kế hoạc 3402": the document's kind with its last letter dropped; "tỉnh NT": the province's initials.
  const typed = withProvinceInitials(
    unstretch(raw.slice(0, MAX_QUESTION_CHARS * 4))
      .replace(/\b(k[eếê])\s+ho[aạ][a-zạ]{0,3}(?=\s+\d)/giu, "$1 hoạch")
      .replace(/\bKế hoạch\b/g, "Kế hoạch")
      // "AI" in capitals, or after "ứng dụng"/"công nghệ", is artificial intelligence, not "ai" (who).
      .replace(/(?<![\p{L}\p{N}])AI(?![\p{L}\p{N}])/gu, "trí tuệ nhân tạo")
      .replace(/\b(ứng dụng|ung dung|công nghệ|cong nghe)\s+ai(?![\p{L}\p{N}])/giu, "$1 trí tuệ nhân tạo")
      // Capitals officials write for "đề án", "dự án", "đầu tư" ("QĐ phê duyệt ĐA CĐS", "chủ trương ĐT").
      .replace(/(?<![\p{L}\p{N}])ĐA(?![\p{L}\p{N}])/gu, "đề án")
      .replace(/(?<![\p{L}\p{N}])DA(?![\p{L}\p{N}])/gu, "dự án")
      .replace(/\b(chủ trương|chu truong|tổng mức|tong muc|vốn|von)\s+ĐT(?![\p{L}\p{N}])/giu, "$1 đầu tư")
      // "TT DLQG", "DVC TT": Trung tâm Dữ liệu quốc gia, dịch vụ công trực tuyến.
      .replace(/(?<![\p{L}\p{N}])(?:TT\s*DLQG|ttdlqg)(?![\p{L}\p{N}])/giu, "Trung tâm Dữ liệu quốc gia")
      .replace(/(?<![\p{L}\p{N}])DVC\s*TT(?![\p{L}\p{N}])/giu, "dịch vụ công trực tuyến")
      // "TT dữ liệu QG", "TT phục vụ HCC": a Trung tâm (elsewhere "TT" is thông tin, thông tư).
      .replace(
        /(?<![\p{L}\p{N}&])TT\s+(?=dữ liệu|du lieu|DL\b|phục vụ|phuc vu|giám sát|giam sat|điều hành|dieu hanh)/giu,
        "Trung tâm ",
      )
      // "d t i 2 0 2 1": letters typed apart are one word.
      .replace(/(?<!\S)(?:[\p{L}\p{N}] ){2,}[\p{L}\p{N}](?!\S)/gu, (run) =>
        run.replace(/ /g, "").replace(/(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, "$1$2 "),
      )
      // "vào top 15": among the first fifteen ("nhóm 15 tỉnh … cao nhất").
      .replace(/\btop\s+(?=\d|mấy|may|bao)/giu, "nhóm "),
    lex,
  );
  const text = expandAgencyName(
    clean(typed.slice(0, MAX_QUESTION_CHARS * 2).replace(/<\/?[a-zA-Z][^>]*>/g, " ")).slice(
      0,
      MAX_QUESTION_CHARS,
    ),
  );
  const folded = foldQuestion(text);
  const bare = folded
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const base = { text, folded };
  if (!bare) return { ...base, query: { kind: "empty" } };
  if (GREETING.test(bare)) return { ...base, query: { kind: "greeting" } };
  if (HELP.test(bare.replace(/^\//, "")) || ABOUT.test(bare)) return { ...base, query: { kind: "help" } };

  // "tìm nội dung có cụm 'cánh tay nối dài'", "Tra cứu: CSDL quốc gia về dân cư": what to look for is
  // the quoted phrase, or what follows the colon.
  const quoted = /[“"'‘]([^”"'’]{3,80})[”"'’]/u.exec(text)?.[1]?.trim();
  if (
    quoted &&
    quoted.split(/\s+/).length >= 2 &&
    /\b(?:tim|tra cuu|cum|noi dung|co chu|nhac|chua|cau)\b/.test(bare) &&
    !findDocRefs(quoted).length
  )
    return { ...base, query: { kind: "search", text: quoted } };
  const lookup = /^\s*(?:tra cứu|tra cuu|tìm kiếm|tim kiem|tìm|tim)\s*:\s*(.{3,})$/iu.exec(text)?.[1];
  if (lookup) return understand(lookup, now, lex);

  // ("chi nhánh mình", "sở em": the asker's unit, said by "mine"; its noun names no topic.)
  const terms = searchTerms(text.replace(OWN_UNIT_WORDS, " "));
  const concepts = new Set(conceptsIn(folded));
  const today = localDate(now);
  const year = findYear(text, now) ?? undefined;
  const withYear = <T extends object>(q: T): T => (year ? { ...q, year } : q);
  const refs = findDocRefs(text);
  const unitMatches = lex.units.match(terms);
  let unit = firstUnit(unitMatches);
  // "UBND huyện Ninh Hải": a group's words followed by a name is one unit the knowledge may not have.
  let namedInGroup: string | undefined;
  // ("UBND xã Phước Dân": a commune's Ủy ban, not the province's, though "Ủy ban nhân dân" is its alias.)
  if (unit?.kind === "group" || (unit && LOCALITY.test(fold(unknownUnitPhrase(bare, text) ?? "")))) {
    const phrase = unknownUnitPhrase(bare, text);
    const phraseTerms = phrase ? searchTerms(phrase) : [];
    const covered = lex.units.match(phraseTerms).reduce((n, m) => n + m.end - m.start, 0);
    if (phrase && covered < phraseTerms.length) {
      namedInGroup = phrase;
      unit = undefined;
    }
  }
  // "Văn phòng UBND tỉnh", "Chi cục Thuế …": a known name under an agency's head word is another unit.
  const first = unit ? unitMatches.find((m) => m.value === unit) : undefined;
  if (unit?.kind === "unit" && first) {
    const before = terms.slice(Math.max(0, first.start - 2), first.start).join(" ");
    const head = /(?:^|\s)(van phong|chi cuc|trung tam|cuc|vien|phong)$/.exec(before)?.[1];
    if (head) {
      const start = first.start - head.split(" ").length;
      namedInGroup = typedWords(text, terms.slice(start, first.end));
      unit = undefined;
    }
  }
  const bodyMatches = matchBodies(lex, terms);
  // A name typed with a letter dropped or swapped, when no name is written out.
  const exactPeople = lex.people.match(terms);
  const addressed = exactPeople.length ? [] : addressedPeople(lex, folded, terms, text);
  const personMatches = exactPeople.length
    ? exactPeople
    : addressed.length
      ? addressed
      : fuzzyPeople(lex, terms);
  const mine = mentionsSelf(text) && !unit;
  // Dates read from the text with Telex leftovers taken out ("quys II/2023").
  const dateText = untelexText(fold(text));
  // "tính từ hôm nay … còn bao lâu": today is where the count starts, not the period asked about.
  const fromToday = /\b(?:tinh tu|ke tu|tu) hom nay\b|\bcon (?:bao lau|may ngay|bao nhieu ngay)\b/.test(bare);
  const phrases = findDatePhrases(dateText, { today, defaultYear: year ?? Number(today.slice(0, 4)) }).filter(
    (p) =>
      (p.kind !== "year" || concepts.has("deadline") || concepts.has("overdue")) &&
      !(fromToday && p.kind === "day" && p.from === today),
  );
  // "tuần sau có ngày gì về CĐS", "trong 2 tuần tới có ngày nào cần chuẩn bị": what falls due in that
  // span, as "có hạn" would ask.
  if (
    // (Ahead of today, and not a meeting's day: "tuần trước Ban Điều hành họp ngày nào".)
    phrases.some((p) => (p.kind === "week" || p.kind === "span") && !!p.to && p.to >= today) &&
    !concepts.has("meeting") &&
    /\bngay (?:gi|nao)\b|\b(?:viec|hoat dong|su kien) (?:gi|nao)\b|\bcan chuan bi\b/.test(bare)
  )
    concepts.add("deadline");
  // "sắp đến hạn trong tháng này": the month named, not the default "sắp tới" span.
  const named = phrases.find((p) => !p.label?.startsWith("sắp tới")) ?? phrases[0];
  // "có hạn trước ngày 01/01/2024": every deadline up to the day before (a deadline written "trước
  // 30/6" is due that day: that reading is the deadline parser's, not this one).
  const before =
    named?.kind === "day" && named.from && /\btruoc\s+(?:ngay\s+)?$/.test(dateText.slice(0, named.index))
      ? named.from
      : undefined;
  const phrase = before
    ? {
        ...named!,
        kind: "span" as const,
        // From the first year the plans have tasks (a yearly task is not due in 1900).
        from: `${Math.min(...lex.kb.data.tasks.map((t) => t.year ?? Number(before.slice(0, 4))))}-01-01`,
        // "phải xong trước 31/12/2023" is due by that day: included.
        to: before,
        label: `trước ngày ${before.slice(8, 10)}/${before.slice(5, 7)}/${before.slice(0, 4)}`,
      }
    : named;
  // "giám đốc Sở Thông tin": a department named by the start of its name, when one name alone starts so.
  if (!unit && !namedInGroup) {
    const front = fold(unknownUnitPhrase(bare, text) ?? "").trim();
    if (front.startsWith("so ") && front.split(" ").length >= 3) {
      const starts = lex.kb.data.units.filter((u) => fold(u.name).startsWith(`${front} `));
      // (Taken where its words stand in the question, as a unit named in full would be.)
      const words = searchTerms(front);
      const at = terms.findIndex((_, i) => words.every((w, k) => terms[i + k] === w));
      if (starts.length === 1 && at >= 0) {
        unit = { kind: "unit", id: starts[0]!.id };
        unitMatches.push({ value: unit, start: at, end: at + words.length });
      }
    }
  }
  const unitId = unit?.kind === "unit" ? unit.id : undefined;
  const phraseOfUnit = unit ? undefined : (namedInGroup ?? knownAsThing(unknownUnitPhrase(bare, text), lex));
  // "Ban Điều hành giao …": a body the knowledge knows, not a unit it lacks.
  const unknownUnit =
    phraseOfUnit && matchBodies(lex, searchTerms(phraseOfUnit)).length ? undefined : phraseOfUnit;
  const unitParams = (): { unitId?: string; mine?: boolean; unknownUnit?: string } =>
    unit ? { unitId: unit.id } : mine ? { mine: true } : unknownUnit ? { unknownUnit } : {};
  // What the question is about beyond its frame and the unit it names: a section of the plans, a topic.
  const unitTerms = new Set<number>();
  for (const m of unitMatches) for (let i = m.start; i < m.end; i++) unitTerms.add(i);
  const frames = frameIndices(terms);
  const taskFramed = taskFrameIndices(terms);
  const isContent = (t: string, i: number) =>
    !unitTerms.has(i) &&
    !frames.has(i) &&
    !taskFramed.has(i) &&
    !isQuestionWord(terms, i) &&
    !/^\d+$/.test(t);
  const content = terms.filter(isContent);
  const taskGroup = matchTaskGroup(lex, content);
  const groupParams = (): { group?: string } => (taskGroup ? { group: taskGroup.key } : {});
  const cadence: "continuous" | "recurring" | undefined = CONTINUOUS_CUE.test(bare)
    ? "continuous"
    : RECURRING_CUE.test(bare)
      ? "recurring"
      : undefined;
  const aboutTasks = (min = 0.5): boolean =>
    (lex.index.search(content.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0) >= min;

  // "nhiệm vụ trọng tâm thứ ba", "nv trọng tâm số 3": the task whose clause is numbered so ("Nhiệm vụ
  // trọng tâm (3)"); the question is then read about that task.
  const ordinal = ordinalTask(bare, content, lex);
  if (ordinal) {
    const docAsked = documentFocus(bare) === "which" || /\b(?:van ban|vb) nao\b|\bcan cu\b/.test(bare);
    const focus = docAsked
      ? "which"
      : concepts.has("when") || concepts.has("deadline")
        ? "deadline"
        : undefined;
    return {
      ...base,
      year,
      query: { kind: "search", text: ordinal.title, kinds: ["task"], ...(focus ? { focus } : {}) },
    };
  }

  // "ba nhiệm vụ trọng tâm năm bản lề 2023", "tóm tắt 3 nhiệm vụ trọng tâm": the key tasks, listed
  // (the words describing the year are no topic of theirs).
  if (
    /\b(?:nhiem vu|nv) trong tam\b/.test(bare) &&
    /\b(?:cac|nhung|ba|3|tat ca|tom tat|liet ke|gom|ke ten|neu ten)\b/.test(bare) &&
    !unit &&
    !mine &&
    !refs.length &&
    // (Not what they are said with: "với tinh thần nào", "theo hướng nào".)
    !/\b(?:ai|han|thoi han|khi nao|bao gio|chu tri|phoi hop|hoan thanh|xong|tinh than|huong|the nao|ra sao)\b/.test(
      bare,
    )
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, topic: "trọng tâm" }) };

  // "những nhiệm vụ nào đã hoàn thành", "đơn vị nào đã xong sản phẩm CĐS 2023": the tasks recorded
  // done (of the unit, on the topic named); "… xong chưa" asks of one task (the progress check).
  if (
    /\b(?:da|vua) (?:(?:lam|thuc hien|xay dung|trien khai) )?(?:hoan thanh|xong)\b|\b(?:hoan thanh|xong) roi\b/.test(
      bare,
    ) &&
    (/\b(?:nao|nhung|cac|ai|gi)\b/.test(bare) || /^(?:don vi|co quan|so|nhiem vu|viec)\b/.test(bare)) &&
    !/\b(?:chua|hay chua)\s*$/.test(bare) &&
    !/\b(?:phai|can|han|thoi han|khi nao|bao gio|ngay nao)\b/.test(bare)
  ) {
    const doneFramed = phraseIndices(terms, DONE_FRAME);
    // ("sở nào …": a department asked about, first.)
    if (terms[0] === "so") doneFramed.add(0);
    const kept = (i: number) => !doneFramed.has(i) && isContent(terms[i]!, i);
    const words = terms.filter((_, i) => kept(i));
    const topicTerms = words.filter((t) => !CDS_TERMS.has(t));
    const fits = topicTerms.length
      ? (lex.index.search(topicTerms.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0)
      : 0;
    const topic =
      fits >= 0.6 ? (typedWordsAt(text, kept) ?? typedWords(text, words)).slice(0, 60).trim() : undefined;
    return {
      ...base,
      year,
      query: withYear({ kind: "tasks" as const, ...unitParams(), done: true, ...(topic ? { topic } : {}) }),
    };
  }

  // "nhiệm vụ nào có sản phẩm đầu ra", "những việc có sản phẩm cụ thể": the tasks whose product the
  // sources give (of the unit named). (Read without a closing particle, "… vậy", "… không".)
  const unparticled = bare.replace(/\s*\b(?:vay|a|nhi|khong|ko)\s*$/, "");
  if (
    /\b(?:nhiem vu|viec|nv)\b(?: [a-z0-9]+){0,6}? (?:co|phai (?:co|ra|nop)|yeu cau|can) (?:ra )?(?:san pham|sp)(?: (?:dau ra|cu the|nao|gi))?\s*$/.test(
      unparticled,
    )
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, ...unitParams(), withProduct: true }) };
  // "nhiệm vụ nào có (cả đơn vị chủ trì và) đơn vị phối hợp": the tasks the sources give supporting units.
  if (
    /\b(?:nhiem vu|viec|nv)\b(?: [a-z0-9]+){0,6}? co (?:ca )?(?:(?:don vi|co quan) )?(?:chu tri (?:va|lan) (?:(?:don vi|co quan) )?)?phoi hop\s*$/.test(
      unparticled,
    )
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, ...unitParams(), withSupport: true }) };
  // "nhiệm vụ nào của bộ, ngành trung ương", "có việc nào giao cho một bộ ở trung ương không": the tasks
  // central bodies lead (of no unit named, the asker's own "bộ tôi" apart).
  // ("Mục tiêu về việc các bộ, ngành ban hành kế hoạch": a target, not the tasks.)
  if (
    !unitId &&
    !mine &&
    /\b(?:nhiem vu|viec|nv)\b/.test(bare) &&
    !/\b(?:muc tieu|chi tieu)\b/.test(bare) &&
    /\b(?:bo,? nganh(?: o)? trung uong|(?:cac|mot|nhung) bo(?: nganh)?(?: o)? trung uong|(?:co quan|don vi|bo)(?: o)? trung uong|cac bo,? nganh)\b/.test(
      untelexText(bare),
    )
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, central: true }) };

  // "Tỉnh ủy đóng vai trò gì trong việc thành lập Ban Chỉ đạo": how the body named was founded (the
  // decision, and whose), not the unit's tasks.
  if (bodyMatches.length && /\bthanh lap\b/.test(bare) && !refs.length) {
    const body = lex.kb.body(bodyMatches[0]!.value);
    if (body?.establishedBy)
      return { ...base, year, query: { kind: "search", text: `${body.name} được thành lập` } };
  }
  // "đơn vị tôi cần bám sát / cụ thể hóa những văn bản nào vào kế hoạch": the documents a task says to
  // follow when planning (the task that names them), not the latest plan.
  if (
    // ("cần đưa những văn bản nào vào kế hoạch": the same.)
    /\b(?:bam sat|bam theo|cu the hoa|dua theo)\b|\bdua (?:nhung |cac )?(?:van ban|vb)\b.*\bvao ke hoach\b/.test(
      bare,
    ) &&
    /\b(?:van ban|vb|thong bao|quyet dinh) nao\b|\b(?:nhung|cac) (?:van ban|vb)\b/.test(bare) &&
    !refs.length
  ) {
    // ("Trung tâm chúng tôi cần …": the asker's own unit is no word of the task's.)
    const own = withoutOwnUnit(text);
    const basis = lex.index.search(own !== text ? own : typedWords(text, content), {
      kinds: ["task"],
      limit: 1,
    })[0];
    const task = basis && basis.coverage >= 0.3 ? lex.kb.task(basis.doc.id) : undefined;
    if (task && findDocRefs(`${task.title} ${task.details ?? ""}`).length)
      return { ...base, year, query: { kind: "search", text: task.title, kinds: ["task"], focus: "which" } };
  }

  // 0. "A và B khác nhau thế nào": two bodies, two documents, two years of an index, side by side.
  // "so sánh chủ đề 2023 của UBQG và của BCĐ tỉnh": the year's themes, which the theme answer shows side by side.
  if (COMPARE_CUE.test(bare) && concepts.has("theme"))
    return { ...base, year, query: withYear({ kind: "theme" as const }) };
  if (COMPARE_CUE.test(bare)) {
    const items = compared(text, refs, bodyMatches, lex);
    if (items.length >= 2) return { ...base, year, query: { kind: "compare", items } };
  }

  // 0'. "<đơn vị> có phải chủ trì <việc> không": yes or no.
  // Without "chủ trì"/"phối hợp" ("Sở TT&TT có phải xây dựng … không") the question is whether it leads;
  // "đơn vị tôi có phải …" asks it of the asker's unit.
  // ("UBND tỉnh có nhiệm vụ xây dựng TT DLQG không": whether it has a part in it, any part.)
  const hasTask = /\bco (?:nhiem vu|nv|viec)\b(?! (?:gi|nao|j)\b)/.test(bare);
  const role = concepts.has("lead")
    ? "lead"
    : concepts.has("support")
      ? "support"
      : hasTask && !/\bco phai\b/.test(bare)
        ? "any"
        : undefined;
  const checkedUnit = unit?.kind === "unit" ? unit.id : mine ? MINE : undefined;
  if (
    checkedUnit &&
    !refs.length &&
    (role || /\bco phai\b/.test(bare)) &&
    YES_NO_CUE.test(bare) &&
    // ("có việc gì phải phối hợp … không": which tasks, a list; so too "có phải phối hợp hoạt động
    // chuyển đổi số nào không".)
    !/\b(?:viec|nhiem vu|nv|dau viec|hoat dong|cong viec)(?: [a-z0-9]+){0,4}? (?:gi|nao)\b/.test(bare) &&
    // ("có phải hoàn thành … không" asks what it must do, not whether it is done.)
    (!concepts.has("done") || /\b(?:co )?phai (?:hoan thanh|hoan tat|xong)\b/.test(bare)) &&
    content.length >= 2 &&
    aboutTasks(role ? 0.5 : 0.7)
  ) {
    return {
      ...base,
      year,
      query: { kind: "check", unitId: checkedUnit, role: role ?? "lead", text: typedWords(text, content) },
    };
  }

  // "Sở TT&TT đóng vai trò gì với Ngày CĐS tỉnh": its part in that task, lead or support.
  const roleUnit = unit ? unit.id : mine ? MINE : undefined;
  // (The task's words only: "vai trò" would find the task about the head's role.)
  const roleTask = content.filter((w) => !/^(?:vai|tro|dong|giu|so|voi|trong|doi|tt|truoc|day|trc)$/.test(w));
  if (
    roleUnit &&
    !refs.length &&
    /\bvai tro (?:gi|nao|the nao|ra sao)\b|\b(?:la|dong|giu) vai tro\b/.test(bare) &&
    roleTask.length >= 2 &&
    (lex.index.search(roleTask.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0) >= 0.7
  )
    return {
      ...base,
      year,
      query: { kind: "check", unitId: roleUnit, role: "any", text: typedWords(text, roleTask) },
    };

  // "những việc chung mà cơ quan nào cũng phải làm": the tasks assigned to every unit.
  if (
    !unit &&
    !mine &&
    /\b(?:viec chung|nhiem vu chung|giao chung|(?:co quan|don vi|noi) nao cung (?:deu )?(?:phai )?(?:lam|thuc hien|co)|moi (?:co quan|don vi) deu|tat ca (?:cac )?(?:co quan|don vi) (?:deu )?(?:phai|can)|giao (?:chung )?cho (?:tat ca|moi|toan bo) (?:cac )?(?:co quan|don vi)|ap dung (?:cho|voi) (?:tat ca|moi|toan bo) (?:cac )?(?:co quan|don vi))\b/.test(
      bare,
    )
  ) {
    const everyone = lex.kb.data.unitGroups.find((g) => g.all);
    if (everyone) return { ...base, year, query: withYear({ kind: "tasks" as const, unitId: everyone.id }) };
  }
  // "Tìm văn bản có số 6526": a document named by its bare number.
  const bareNumber = refs.length
    ? undefined
    : /\b(?:van ban|vb|quyet dinh|ke hoach|thong bao|cong van|nghi quyet|chi thi)\b(?: [a-z]+){0,2} (?:co |mang )?so (?:hieu )?(\d{1,5})\b/.exec(
        bare,
      )?.[1];
  if (bareNumber && lex.kb.documentsNumbered(bareNumber).length)
    return { ...base, year, query: { kind: "document", ref: bareNumber, number: bareNumber } };
  // 1. A document named by its number ("mục tiêu về dữ liệu theo QĐ 17": that document's targets).
  // ("Chương trình hành động thực hiện Nghị quyết 09-NQ/TU do ai ban hành": the one document that
  // implements the document named, when the question describes it so.)
  const implementer = refs.length === 1 ? implementingDocument(lex, bare, refs[0]!) : undefined;
  if (implementer) {
    // (The kind typed, "Nghị quyết", was the other document's.)
    const { typeCode: _named, ...at } = refs[0]!;
    refs.splice(0, 1, { ...at, raw: implementer.number, number: implementer.number.split(/[/-]/)[0]! });
  }
  const ref = refs[0];
  // "TMĐT chiếm bao nhiêu % tổng mức bán lẻ theo QĐ 17": a figure the document sets is one of its targets.
  // "QĐ 17 hợp nhất cổng dịch vụ công": words beyond the number that one of its targets has.
  const refTargetWords = () => {
    // (The number's own codes, "KH-UBND", are not words about a target.)
    const rest = (ref ? text.replace(ref.raw, " ") : text).replace(/\S*[\d/-]\S*/g, " ");
    const words = queryTerms(rest).filter((t) => !/^\d+$/.test(t) && !ABBREVIATIONS[t]);
    if (words.length < 3) return false;
    const hit = lex.index.search(words.join(" "), { kinds: ["target"], limit: 1 })[0];
    return (hit?.coverage ?? 0) >= 0.75;
  };
  const setsTargets = () => {
    const d = lex.kb.documentByNumber(ref!.raw);
    const ids = d ? [d.id] : lex.kb.documentsNumbered(ref!.number).map((x) => x.doc.id);
    return lex.kb.data.targets.some((t) => t.document && ids.includes(t.document));
  };
  // ("KH 3402/KH-UBND ban hành khi nào", "… do ai ký": one attribute of the document, not its targets.)
  const refAttribute = ["date", "signer", "issuer", "number", "relation"].includes(documentFocus(bare) ?? "");
  if (
    ref &&
    (concepts.has("target") ||
      (!refAttribute && (answerType(bare) === "figure" || refTargetWords()) && setsTargets())) &&
    !concepts.has("meeting")
  )
    return { ...base, year, query: withYear({ kind: "target" as const, text }) };
  if (ref && concepts.has("meeting")) return { ...base, year, query: { kind: "meeting" } };
  if (ref) {
    const q: Query = { kind: "document", ref: ref.raw, number: ref.number };
    if (ref.typeCode) q.typeCode = ref.typeCode;
    // "tb kl 16", "thông báo kết luận 16": a Thông báo (kết luận), not a Kết luận.
    if (ref.typeCode === "KL" && /\b(?:tb|thong bao)\s+(?:kl|ket luan)\b/.test(bare)) q.typeCode = "TB";
    // "hạn chót … ngày nào" asks for the deadlines it sets, not the day it was issued.
    // ("nói về việc gì" asks what it is about, not its tasks.)
    const aboutDeadlines =
      concepts.has("deadline") ||
      concepts.has("overdue") ||
      // ("quy định việc gì", "quy định những gì": what it provides, not the tasks under it.)
      (concepts.has("task") &&
        !/\b(?:ve viec gi|noi ve viec|ve viec nao|quy dinh (?:viec|nhung|dieu|noi dung) (?:gi|nao)|lam viec gi)\b/.test(
          bare,
        ));
    const asked = documentFocus(bare);
    // ("các nhiệm vụ của kế hoạch kèm theo QĐ 56 có hạn ra sao": the deadlines it sets, "kèm theo" only
    // says which plan.)
    if (asked && !((asked === "date" || asked === "relation") && aboutDeadlines)) q.aspect = asked;
    else if (aboutDeadlines) q.aspect = "deadlines";
    return { ...base, year, query: q };
  }

  // "Ngày Chuyển đổi số tỉnh lần tới là ngày nào", "còn bao lâu nữa tới …": the next date of a yearly task.
  if (
    /\b(?:tiep theo|lan toi|lan ke tiep|ke tiep|nam sau|nam toi|nam nay|sap toi|bao lau|(?:tinh|lan|nam|ky|dot) toi)\b/.test(
      bare,
    ) &&
    (concepts.has("when") || /\bbao lau\b/.test(bare)) &&
    !refs.length
  ) {
    const hit = lex.index.search(typedWords(text, content), { kinds: ["task"], limit: 1 })[0];
    const task = hit && hit.coverage >= 0.5 ? lex.kb.task(hit.doc.id) : undefined;
    // Searched by the task's own title: the question's other words ("sắp tới", "để chuẩn bị") are not
    // the task's.
    if (task?.deadline.recurrence)
      return {
        ...base,
        year,
        query: { kind: "search", text: task.title, kinds: ["task"], focus: "deadline" },
      };
  }

  // "các văn bản UBND tỉnh ban hành năm 2022", "vb tháng 2/2023", "các vb về DTI": documents listed.
  const list = documentListFilter(text, bare, year, phrase, concepts, lex);
  if (list) return { ...base, year, query: { kind: "document", list } };

  // "Kế hoạch CĐS năm 2023 của Sở Y tế gồm những gì": documents of a unit the register does not hold.
  if (
    unknownUnit &&
    !bodyMatches.length &&
    !mine &&
    !refs.length &&
    DOCUMENT_WORDS.test(bare) &&
    // (Not the start of an issuer the documents name: "BTV TU" is the Ban Thường vụ Tỉnh ủy.)
    !issuerStartingWith(foldQuestion(unknownUnit).split(" ").slice(0, 3).join(" "), lex.kb.data.documents) &&
    new RegExp(`\\b(?:cua|do) ${foldQuestion(unknownUnit)}\\b`).test(bare)
  ) {
    return { ...base, year, query: issuerDocuments({ issuer: unknownUnit }, bare) };
  }

  // "NQ CĐS của BTV TU số hiệu", "Ban Thường vụ có nghị quyết nào": the documents a unit of the register
  // issued, of the kind named, when it issued any and no task is asked.
  // ("Ban Thường vụ chúng tôi có nghị quyết nào": the asker's unit's.)
  const issuerName = unitId ? issuerOfUnit(unitId, lex.kb) : undefined;
  // (Nothing else said of them: "kế hoạch nâng cao DTI năm 2022 của UBND tỉnh" names one, asked elsewhere.)
  const unitWords = new Set(
    (unitId ? [lex.kb.unit(unitId)!.name, ...lex.kb.unit(unitId)!.aliases] : []).flatMap((n) =>
      expandAbbreviations(fold(n)).split(/[^a-z0-9]+/),
    ),
  );
  const saysMore = bare
    .replace(/\b(?:19|20)\d\d\b/g, " y ")
    .split(/[^a-z0-9]+/)
    .some((w) => w && !unitWords.has(w) && !ISSUER_LIST_WORDS.has(w));
  if (
    !saysMore &&
    (issuerName || (mine && !unitId && /\b(?:co|ban hanh)\b/.test(bare))) &&
    !refs.length &&
    /\b(?:nghi quyet|nq|quyet dinh|qd|ke hoach|kh|van ban|vb|chi thi|thong bao|tb)\b/.test(bare) &&
    !/\b(?:nhiem vu|viec|nv|phai lam|giao)\b/.test(bare)
  ) {
    return {
      ...base,
      year,
      query: issuerDocuments(issuerName ? { issuer: issuerName } : { mine: true }, bare),
    };
  }

  // A document named by what it is about, asked for one attribute ("kế hoạch nâng cao chỉ số DTI số mấy").
  const docFocus = documentFocus(bare);
  const deadlineWords = concepts.has("deadline") || concepts.has("overdue") || concepts.has("upcoming");
  // "ngày nào", "ai ban hành" ask about a document when the question names one, or when a document is
  // plainly what it names ("Ngày Chuyển đổi số quốc gia là ngày nào": the decision that set it), not
  // about the DTI; a day named with a document is what was issued that day.
  const namesDocument = DOCUMENT_WORDS.test(bare);
  // ("họp BĐH quý I/2023 ngày nào", "… bàn nội dung gì" ask about a meeting.)
  if (
    docFocus &&
    !(docFocus === "date" && deadlineWords) &&
    !(concepts.has("dti") && !namesDocument) &&
    !(concepts.has("meeting") && !namesDocument) &&
    // ("Hội nghị do Thủ tướng chủ trì cuối năm 2022 sơ kết đề án nào": what a meeting named did.)
    !(
      concepts.has("meeting") &&
      /\b(?:de an|ke hoach|van ban|quyet dinh|chuong trinh) nao\b/.test(bare) &&
      ((lex.index.search(text, { kinds: ["meeting"], limit: 1 })[0]?.coverage ?? 0) >= 0.6 ||
        // ("cuộc họp ngày 20/02/2023 dẫn chiếu những văn bản nào": the meeting held that day.)
        (phrase?.kind === "day" && lex.kb.data.meetings.some((m) => m.date === phrase.from)))
    ) &&
    // ("chủ đề năm 2023 của UBQG có nói gì đến …": the theme's own words, not a document's summary.)
    !(concepts.has("theme") && /\bchu de\b/.test(bare) && !namesDocument)
  ) {
    // What the document is about, without the words that ask for it ("số hiệu văn bản quy định …").
    const docFrame = docFrameIndices(terms);
    const about = terms.filter((_, i) => !docFrame.has(i) && !frames.has(i) && !isQuestionWord(terms, i));
    const aboutText = about.length >= 2 ? typedWords(text, about) : text;
    const kinds: SearchKind[] = docFocus === "which" ? ["document", "target", "task"] : ["document"];
    const hit = lex.index.search(aboutText, { kinds, limit: 1 })[0];
    const loose = docFocus === "date" || docFocus === "issuer";
    // With a day named ("văn bản ngày 14/2"), only a document the rest plainly names; else what was
    // issued that day.
    // ("văn bản nào lấy ngày 10/10 làm …, ai ban hành": the day chosen, not the day it was issued.)
    const issuedThatDay =
      phrase?.kind === "day" &&
      /\b(?:ban hanh|ky|ki)\b/.test(bare) &&
      !/\b(?:lay|chon)(?: ngay)?\b/.test(bare);
    const needed = (loose && !namesDocument) || phrase?.kind === "day" ? 0.75 : 0.5;
    // ("Chủ đề hành động năm 2023 gắn với kế hoạch nào về kinh tế": the theme's own words say, when no
    // document is what the words name.)
    const aboutTheme = concepts.has("theme") && /\bchu de\b/.test(bare) && hit?.doc.kind !== "document";
    if (hit && hit.coverage >= needed && !issuedThatDay && !aboutTheme) {
      return {
        ...base,
        year,
        query: {
          kind: "search",
          text: aboutText,
          // ("văn bản nào đặt mục tiêu về TMĐT": the document a target or a task was set by.)
          kinds: docFocus === "which" && hit.doc.kind === "target" ? ["document", "target"] : ["document"],
          focus: docFocus,
          ...(documentKindNamed(bare) ? { docType: documentKindNamed(bare)! } : {}),
          ...(year ? { year } : {}),
        },
      };
    }
  }

  // "văn bản ngày 14/2", "ngày 28/1 có quyết định nào": the documents issued that day.
  if (
    phrase?.kind === "day" &&
    DOCUMENT_WORDS.test(bare) &&
    // ("quyết định nào lấy 10/10 làm Ngày …": the day chosen, not the day it was issued.)
    !/\b(?:lay|chon)(?: ngay)?\b/.test(bare) &&
    // ("văn bản có nhắc tới ngày 10/10 hằng năm": the day the text speaks of, not the day it was issued.)
    !/\b(?:nhac (?:toi|den)|de cap(?: den| toi)?|noi (?:ve|toi|den)|co chu|ban hanh ve|ve)(?: ngay)? \d{1,2} \d{1,2}\b|\b\d{1,2} \d{1,2} (?:hang|moi) nam\b/.test(
      bare,
    ) &&
    // ("văn bản ngày 28/1 mà cuộc họp nhắc tới": the document named by its day; the meeting mentions it.)
    (!concepts.has("meeting") ||
      /\b(?:van ban|vb|quyet dinh|thong bao|ke hoach|cong van|nghi quyet|chi thi) (?:(?:so|ban hanh|ky|ra) )?ngay \d{1,2} \d{1,2}\b/.test(
        bare,
      )) &&
    !concepts.has("deadline")
  ) {
    const anyYear = !year && !findDatePhrases(dateText, { today }).some((p) => p.index === phrase.index);
    return {
      ...base,
      year,
      query: { kind: "document", issuedOn: phrase.from, ...(anyYear ? { anyYear: true } : {}) },
    };
  }

  // 2. The year's theme — of the country or of the province when the question names one of them
  // ("chủ đề năm 2023 của Ủy ban Quốc gia", "năm 2023 cả nước gọi là năm gì").
  // ("Chủ tịch tỉnh xác định năm 2023 là năm bản lề" is said at a meeting, not a theme.)
  const yearNamed =
    /\b(?:la|goi la|duoc goi la|duoc xac dinh la) nam(?: [a-z]+){0,2} gi\b/.test(bare) &&
    !/\bchu tich\b/.test(bare);
  // "năm 2023 là năm gì": that year, whatever other date the question names ("hội nghị 25/12/2022").
  const namedYear = /\bnam ((?:19|20)\d\d)\b[^?]*\bla nam(?: [a-z]+){0,2} gi\b/.exec(bare)?.[1];
  if (yearNamed && namedYear) {
    const national = /\b(?:quoc gia|ca nuoc|toan quoc|thu tuong|chinh phu|trung uong|hoi nghi)\b/.test(bare);
    return {
      ...base,
      year: Number(namedYear),
      query: { kind: "theme", year: Number(namedYear), ...(national ? { scope: "national" as const } : {}) },
    };
  }
  // "nhiệm vụ tuyên truyền chủ đề 2023": tasks about the theme, not the theme.
  // (Measured without the theme's own words: "chủ đề" is also in a task's title.)
  // ("quán triệt chủ đề 2023 thì tuyên truyền tới mức nào": the task's own verbs name it without
  // "nhiệm vụ".)
  // (Searched only when the theme is named: most questions never need it.)
  const themeTaskFit = concepts.has("theme")
    ? (lex.index.search(content.filter((t) => !SAYING_WORDS.has(t)).join(" "), {
        kinds: ["task"],
        limit: 1,
      })[0]?.coverage ?? 0)
    : 0;
  const themeTasks =
    concepts.has("theme") &&
    (((/\bnhiem vu\b/.test(bare) || concepts.has("deadline") || concepts.has("when")) &&
      themeTaskFit >= 0.6) ||
      (/\b(?:quan triet|tuyen truyen)\b/.test(bare) &&
        // ("tuyên truyền những chủ đề nào": the themes are asked.)
        !/\bchu de\b(?: [a-z0-9]+){0,4} (?:nao|gi)\b|\b(?:nhung|cac) chu de\b/.test(bare) &&
        themeTaskFit >= 0.75));
  // "khẩu hiệu của người đứng đầu", "phương châm … nhiệm vụ 2": the saying a task carries, not the year's
  // theme, when the rest of the words name that task.
  const sayingWords = content.filter((t) => !SAYING_WORDS.has(t) && !CDS_TERMS.has(t));
  const taskSaying =
    /\b(?:khau hieu|phuong cham|thong diep)\b/.test(bare) &&
    sayingWords.length >= 2 &&
    (lex.index.search(sayingWords.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0) >= 0.75;
  if (taskSaying)
    return { ...base, year, query: { kind: "search", text: sayingWords.join(" "), kinds: ["task"] } };
  // "Trường Chính trị cần làm gì với chủ đề 2023", "nhiệm vụ của tôi về chủ đề năm 2023": the unit's
  // tasks on the theme (quán triệt it, the product it asks for), not the theme's wording.
  if (
    concepts.has("theme") &&
    (unit || mine) &&
    /\b(?:nhiem vu|nv|(?:can|phai|se|nen) (?:lam|thuc hien|trien khai)|lam (?:nhung )?(?:viec )?gi|trien khai (?:the nao|gi|ra sao|nhu the nao))\b/.test(
      bare,
    )
  )
    return {
      ...base,
      year,
      query: withYear({ kind: "tasks" as const, ...unitParams(), topic: "chủ đề" }),
    };
  // "UBQG năm 2023 đặt trọng tâm vào đâu", "trọng tâm năm 2023 của tỉnh": the theme's focus (not the
  // key tasks, "nhiệm vụ trọng tâm", nor a notice's "giải pháp trọng tâm").
  const themeFocus =
    /\btrong tam\b/.test(bare) &&
    !/\b(?:nhiem vu|nv|giai phap|thong bao|ket luan|hop|hoi nghi)\b/.test(bare) &&
    !refs.length &&
    /\b(?:uy ban quoc gia|quoc gia|ca nuoc|tinh|ban chi dao)\b/.test(bare) &&
    /\bnam (?:19|20)\d\d\b|\bnam nay\b/.test(bare);
  // ("chủ đề năm dữ liệu số được ai tuyên bố": who declared it, which the record of the day says.)
  const declarer = /\b(?:ai|nguoi nao|ong nao|lanh dao nao)\b/.test(bare) && /\btuyen bo\b/.test(bare);
  if (!themeTasks && declarer && (concepts.has("theme") || themeFocus))
    return { ...base, year, query: { kind: "search" as const, text } };
  if (!themeTasks && (concepts.has("theme") || themeFocus || (yearNamed && year))) {
    const national = /\b(?:quoc gia|ca nuoc|toan quoc|thu tuong|chinh phu|trung uong)\b/.test(bare);
    // ("Chủ tịch UBND tỉnh yêu cầu quán triệt chủ đề của những cơ quan nào": the province names who
    // asks, not whose theme; "những cơ quan nào": both.)
    const provincial = /\b(?:tinh|ban chi dao|ban dieu hanh)\b/.test(
      bare.replace(
        /\b(?:chuyen doi so tinh|(?:chu tich )?(?:uy ban nhan dan|ubnd) tinh|chu tich tinh)\b/g,
        "",
      ),
    );
    const both = /\b(?:nhung|cac) (?:co quan|cap|noi|ben) nao\b|\bcua (?:co quan|cap) nao\b/.test(bare);
    const scope = both
      ? undefined
      : national && !provincial
        ? "national"
        : provincial && !national
          ? "provincial"
          : undefined;
    return { ...base, year, query: withYear({ kind: "theme" as const, ...(scope ? { scope } : {}) }) };
  }

  // A meeting named by its day, or asked for ("được phân tích tại cuộc họp nào"), whatever it discussed
  // (the DTI, a target).
  // "Tô Lâm giữ chức vụ gì tại hội nghị ngày 25/12/2022": the person's post, not the meeting.
  const asksPost =
    personMatches.length > 0 &&
    /\b(?:chuc vu|chuc danh|giu chuc|la ai|(?:ban|co quan|don vi|to|bo|so) nao|lam gi o dau)\b/.test(bare);
  // "Tổ phó Tổ Giúp việc dự họp ngày 20/02/2023 tên là gì": a post's holder, whatever meeting is named.
  // ("Ngoài Thủ tướng, những ai dự hội nghị": the attendees, not the post.)
  const asksHolder =
    ROLE_CUES.some((c) => (c.role || c.title) && c.re.test(bare)) &&
    /\b(?:ten (?:la )?gi|la ai|ai)\b/.test(bare) &&
    !/\b(?:nhung ai|thanh phan|ngoai)\b/.test(bare);
  // "nhiệm vụ nào không có hạn cụ thể": the tasks without a due date.
  if (
    /\b(?:khong|chua) (?:co|ghi|neu) (?:han|thoi han|ngay het han)(?: cu the)?\b|\bkhong co han\b/.test(bare)
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, ...unitParams(), undated: true }) };
  // "Những NV nào dẫn chiếu VB của VPCP": the tasks that name a document the unit issued.
  if (
    unit?.kind === "unit" &&
    /\b(?:nhiem vu|viec|nv)\b(?: [a-z0-9]+){0,3}? (?:dan chieu|nhac (?:toi|den)|trich dan|can cu|bam sat|neu|vien dan)\b(?: [a-z]+){0,2}? (?:van ban|vb|thong bao|quyet dinh|chi thi|ke hoach)(?: nao)? (?:cua|do)\b/.test(
      bare,
    )
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, citing: unit.id }) };
  // "NV nào có hạn ngày cụ thể, là ngày nào": the tasks with a due day.
  if (
    // ("… có ghi hạn chót cụ thể", "… có nêu hạn rõ ràng".)
    /\b(?:nhiem vu|viec|nv)\b(?: [a-z0-9]+){0,6}? (?:co |kem )?(?:ghi |neu )?(?:ngay |moc )?(?:thoi han|han|ngay het han|han chot|ngay han|thoi diem|thoi gian hoan thanh)(?: (?:ngay|hoan thanh))? (?:cu the|ro rang|xac dinh)\b/.test(
      bare,
    )
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, ...unitParams(), dated: true }) };
  // "Đơn vị tôi cần làm gì theo kết luận cuộc họp ngày 20/02/2023": the tasks those conclusions set.
  if (
    concepts.has("meeting") &&
    phrase?.from &&
    phrase.from === phrase.to &&
    /\b(?:can lam|phai lam|lam gi|lam nhung gi|nhiem vu|viec gi|nhung viec)\b/.test(bare) &&
    (mine || unit || /\bket luan\b/.test(bare))
  ) {
    const md = phrase.from.slice(5);
    const meetings = [...lex.kb.data.meetings].sort((a, b) => (a.date < b.date ? 1 : -1));
    const m = meetings.find((x) => x.date === phrase.from) ?? meetings.find((x) => x.date.slice(5) === md);
    if (m && lex.kb.data.tasks.some((t) => t.sources.some((x) => m.sources.includes(x))))
      return { ...base, year, query: { kind: "tasks", ...unitParams(), meetingId: m.id } };
  }
  // ("lúc họp Ban Điều hành tháng 2/2023 thì DTI mới nhất là năm nào": the index as of then.)
  const latestIndexThen = concepts.has("dti") && /\b(?:moi nhat|gan nhat)\b/.test(bare);
  if (
    concepts.has("meeting") &&
    !asksPost &&
    !asksHolder &&
    !latestIndexThen &&
    (phrase?.kind === "day" ||
      // "họp quý I/2023 … yêu cầu gì": the meeting of that quarter or month, not the deadlines in it.
      ((phrase?.kind === "quarter" || phrase?.kind === "month") &&
        !concepts.has("deadline") &&
        !concepts.has("overdue") &&
        !concepts.has("upcoming") &&
        !/\b(?:vi sao|tai sao|nguyen nhan|ly do)\b/.test(bare)) ||
      (!personMatches.length && /\b(?:cuoc hop|hoi nghi|phien hop|buoi hop) (?:nao|gi)\b/.test(bare)))
  ) {
    const q: Query = { kind: "meeting" };
    if (phrase?.kind === "day" && phrase.from === phrase.to) {
      q.date = phrase.from;
      if (!findDatePhrases(dateText, { today }).some((p) => p.index === phrase.index)) q.anyYear = true;
    }
    return { ...base, year, query: q };
  }

  // 3. Targets ("mục tiêu DTI 2023" asks for the target, not the index; so does "phấn đấu DTI đạt
  // nhóm nào", "muốn vào top mấy"), then indicators (DTI).
  const aimsAt = concepts.has("dti") && /\b(?:phan dau|muon|top|dat nhom|vao nhom|huong toi)\b/.test(bare);
  if (concepts.has("target") || aimsAt)
    return { ...base, year, query: withYear({ kind: "target" as const, text }) };
  // The DTI is the provincial index: "bộ chỉ số chuyển đổi số cấp xã" is another set, searched for.
  const communeIndex = /\bcap (?:xa|huyen)\b/.test(bare);
  // "Liệt kê các kế hoạch về nâng cao chỉ số DTI": the documents, not the index.
  // ("văn bản nâng cao DTI", "UBND tỉnh ban hành những kế hoạch nâng cao DTI nào": documents named by
  // what they do to the index, no figure of it asked.)
  const raisingIndex =
    /\b(?:ke hoach|quyet dinh|van ban|vb|kh|de an|chuong trinh)\b(?: [a-z0-9]+){0,6}? (?:ve )?(?:nang(?: cao)?|cai thien|tang) (?:chi so )?(?:dti|chi so)\b/.test(
      bare,
    ) &&
    !/\b(?:bao nhieu|xep hang|thu hang|diem|muc tieu|phan dau|nhom|top)\b/.test(bare) &&
    // ("Ông Biên ký KH nào về nâng cao DTI": the person's documents.)
    !personMatches.length;
  if (
    ((/\b(?:liet ke|danh sach|cac|nhung|tim)(?: cac| nhung)? (?:ke hoach|quyet dinh|van ban|thong bao|nghi quyet|chi thi|cong van|de an)\b/.test(
      bare,
    ) &&
      !/\b(?:nao|gi)\b/.test(bare)) ||
      raisingIndex) &&
    !refs.length
  ) {
    // (Searched by what they are about: "văn bản", "liệt kê" are not in the documents' words.)
    const docFrame = docFrameIndices(terms);
    const about = terms.filter(
      (t, i) =>
        !docFrame.has(i) &&
        !frames.has(i) &&
        !isQuestionWord(terms, i) &&
        !/^(?:liet|ke|danh|sach|cac|nhung|ve)$/.test(t),
    );
    return {
      ...base,
      year,
      query: {
        kind: "search",
        text: about.length >= 2 ? typedWords(text, about) : text,
        kinds: ["document"],
      },
    };
  }
  // "Cuộc họp nêu những hạn chế gì về DTI": what a meeting said of it, not the index's figures.
  if (
    concepts.has("meeting") &&
    /\b(?:han che|ton tai|yeu kem|kho khan|vuong mac)\b/.test(bare) &&
    !/\b(?:cuoc hop|buoi hop|hoi nghi|hop) nao\b/.test(bare) &&
    /\b(?:cuoc hop|buoi hop|hoi nghi|hop)\b.*\b(?:neu|chi ra|danh gia|noi|nhac|thao luan|ban)\b|\b(?:neu|chi ra)\b.*\b(?:cuoc hop|buoi hop|hoi nghi)\b/.test(
      bare,
    )
  )
    return { ...base, year, query: { kind: "meeting" } };
  // "cuộc họp về DTI năm 2022 do ai chủ trì": the meeting on that topic, not the index.
  if (
    // ("BĐH có họp lần nào về DTI không": the same, said with "họp" alone.)
    // ("phối hợp về", "tổng hợp về": hợp, not họp.)
    /\b(?:cuoc hop|buoi hop|phien hop|hoi nghi|(?<!(?:phoi|tong|ket|thich|lien|hoa|to|phu) )hop)(?: (?:lan|buoi|cuoc) nao| nao)? (?:ban |thao luan )?ve\b/.test(
      bare,
    ) &&
    !/\b(?:bao nhieu|xep hang|thu hang|may diem|dat (?:duoc )?bao)\b/.test(bare)
  )
    return {
      ...base,
      year,
      // ("ông Nam có chủ trì cuộc họp về DTI không": the meetings of the person, each with the part held.)
      query: personMatches.length
        ? { kind: "meeting", personId: personMatches[0]!.value }
        : { kind: "meeting" },
    };
  if (!communeIndex && (concepts.has("dti") || /\bxep hang\b|\bthu hang\b/.test(bare))) {
    return { ...base, year, query: withYear({ kind: "indicator" as const }) };
  }

  // 4. People and roles.
  // "lãnh đạo <đơn vị>" in a question about a meeting is who attended, not who heads the unit.
  // ("Trưởng BDT tỉnh là ai": "trưởng" just before a unit named by its initials is its head.)
  const headOfUnit =
    !!first && terms[first.start - 1] === "truong" && terms[first.start - 2] !== "pho" && first.start >= 1;
  // ("phát huy vai trò người đứng đầu": the task on leaders' example, not who heads a unit.)
  // ("số hiệu, ngày ban hành của TB của VPCP mà CT tỉnh bảo bám sát": a post in a clause led by "mà"
  // describes the document asked for.)
  const roleBare = (
    /\b(?:so hieu|ngay ban hanh)\b/.test(bare)
      ? bare.replace(/\bma\b(?! dinh danh| so\b| qr)[^,.;?]*/g, " ")
      : bare
  ).replace(/\bvai tro(?: va tinh than trach nhiem)?(?: cua)? (?:nguoi )?dung dau\b/g, " ");
  const roleCue =
    ROLE_CUES.find((c) => c.re.test(roleBare) && (c.role || c.title || !concepts.has("meeting"))) ??
    (headOfUnit ? { re: /truong/, role: "head" } : undefined);
  // ("phó thủ tướng tên", "phó thủ tướng nào có trong dữ liệu": who holds the post.)
  const asksWho =
    concepts.has("who") ||
    /\bla ai\b|\bai la\b|\bai\b|\bten (?:la )?gi\b|\bten\s*$|\bnao (?:co|duoc ghi) trong\b/.test(bare) ||
    // ("phó thủ tướng nào": which person holds the post.)
    (roleCue !== undefined && !personMatches.length && /^\s*(?:cac |nhung )?[a-z ]{2,30} nao\s*$/.test(bare));
  // "Ông Phạm Văn Hậu là ai, chức vụ gì trong BĐH", "bà … có phải thành viên BĐH không": a full name after
  // a form of address that no known person has is someone the knowledge does not hold, whatever body or
  // post the question names with it.
  const fullName = personMatches.length ? undefined : personLikeName(text);
  if (
    fullName &&
    fullName.split(" ").length >= 3 &&
    /(?:^|[\s,])(?:ong|ba|dong chi|d\/c|dc)\s*$/.test(fold(text.slice(0, text.indexOf(fullName))))
  )
    return { ...base, year, query: { kind: "person", personId: "", unknownName: capitalizeName(fullName) } };
  // "Trần Quốc Lam là ai": a person's name that no known person has is not someone else who shares
  // two of its words.
  if (
    !personMatches.length &&
    !unit &&
    !bodyMatches.length &&
    !roleCue &&
    (asksWho || /\bgiu chuc\b/.test(bare))
  ) {
    // ("chị Hoa là ai": a form of address and a capitalised given name nobody known has.)
    const name =
      personLikeName(text) ??
      /(?:^|\s)((?:ông|bà|anh|chị|đồng chí|đ\/c|ong|ba|chi)\s+\p{Lu}\p{Ll}+)(?=\s|$|[,.?])/u.exec(text)?.[1];
    if (name)
      return { ...base, year, query: { kind: "person", personId: "", unknownName: capitalizeName(name) } };
  }

  // "ai tên Kỳ trong Ban Điều hành": the one person whose given name that is.
  const givenName = /\b(?:ai|nguoi|ong|ba) ten ([a-z]+)\b/.exec(bare)?.[1];
  if (givenName && !personMatches.length) {
    const named = peopleByGivenName(lex.kb, givenName);
    if (named.length === 1) return { ...base, year, query: { kind: "person", personId: named[0]!.id } };
  }
  // "Trần Quốc Nam chủ trì cuộc họp nào": the meetings of a person.
  if (
    personMatches.length &&
    concepts.has("meeting") &&
    !phrase &&
    (/\b(?:nao|nhung|bao nhieu)\b/.test(bare) ||
      // ("Trần Quốc Nam chủ trì họp", "ông Nam có chủ trì cuộc họp về DTI không": the list says which.)
      /\b(?:chu tri|du|tham du) (?:cac |nhung )?(?:cuoc |buoi |phien )?(?:hop|hoi nghi)\b/.test(bare))
  ) {
    return { ...base, year, query: { kind: "meeting", personId: personMatches[0]!.value } };
  }
  // "ông Nguyễn Long Biên là PCT tỉnh hay giám đốc sở": which post the person holds.
  if (personMatches.length && /\bla\b.*\bhay\b/.test(bare))
    return { ...base, year, query: { kind: "person", personId: personMatches[0]!.value } };
  if (
    personMatches.length &&
    (!roleCue?.role || asksPost) &&
    (asksWho || asksPost || terms.length <= personMatches[0]!.end + 2)
  ) {
    return { ...base, year, query: { kind: "person", personId: personMatches[0]!.value } };
  }
  const asksMembers =
    /\bgom nhung ai\b|\bgom ai\b|\bthanh phan\b|\bthanh vien\b|\bco nhung ai\b|\bnhung ai\b/.test(bare);
  // "Bộ Công an được Thủ tướng giao nhiệm vụ gì": a unit's tasks, whoever assigned them.
  // "Các nhiệm vụ trọng tâm Chủ tịch tỉnh giao … gồm những gì": tasks, whoever gave them.
  // ("BHXH năm 2023 cần làm ra bao nhiêu sản phẩm": what it must do, said with "cần".)
  const tasksAsked = !asksWho && (/\b(?:nhiem vu|giao|(?<!de )lam gi)\b/.test(bare) || MUST_DO.test(bare));
  const unitTasks = (unit || unknownUnit || concepts.has("task")) && tasksAsked;
  // "Ai được gọi là “cánh tay nối dài” của Ban Chỉ đạo": who, about something the body is named with.
  const bodyTerms = new Set<number>();
  for (const m of bodyMatches) for (let i = m.start; i < m.end; i++) bodyTerms.add(i);
  const otherWords = terms.filter((t, i) => isContent(t, i) && !bodyTerms.has(i)).length;
  const aboutBodyMembers = bodyMatches.length && (asksMembers || (asksWho && (roleCue || otherWords <= 2)));
  // "Chủ tịch tỉnh xác định năm 2023 là năm gì": what a post-holder said, not who holds the post.
  // ("giám đốc sở mình là gì trong Ban Điều hành": the post held in the body.)
  const postInBody = bodyMatches.length > 0 && /\bla gi trong\b/.test(bare);
  const asksWhatSaid = !asksWho && !postInBody && /\b(?:la gi|la nam gi|nhu the nao|ra sao)\b/.test(bare);
  // "Ai dự hội nghị 25/12/2022 cùng Thủ tướng": who attended the meeting, whatever post is named.
  const attendance =
    concepts.has("meeting") && /\b(?:ai (?:da )?(?:du|tham du)|tham du|thanh phan du|co mat)\b/.test(bare);
  // "Bộ Công an chủ trì xây dựng cái gì theo kết luận của Thủ tướng": a post named as the source of what
  // is asked, not asked itself.
  const attributed =
    !asksWho && /\b(?:theo|tai) (?:ket luan|chi dao|y kien|yeu cau|thong bao)(?: cua)? /.test(bare);
  if (
    !attendance &&
    !attributed &&
    ((roleCue && !unitTasks && !asksWhatSaid && (asksWho || bodyMatches.length || unit || unknownUnit)) ||
      (aboutBodyMembers && !concepts.has("meeting")))
  ) {
    const q: Query = { kind: "role", phrase: text };
    if (unknownUnit && !bodyMatches.length) q.unknownUnit = unknownUnit;
    if (bodyMatches[0]) q.bodyId = bodyMatches[0].value;
    if (unitId) q.unitId = unitId;
    // "Giám đốc sở mình là ai": the asker's unit.
    else if (mine && !bodyMatches.length && !unknownUnit) q.unitId = MINE;
    // "Trưởng ban và các Phó Trưởng ban": both posts, so every leader the sources name.
    // ("ai là trưởng ban, ai là phó ban thường trực": "phó ban" said short.)
    // ("trưởng, phó BĐH là ai": both, the post said once.)
    const bothPosts =
      (/\bpho (?:truong )?ban\b/.test(bare) &&
        /\btruong ban\b/.test(bare.replace(/pho (?:truong )?ban/g, ""))) ||
      /\btruong\s*,?\s*(?:va |voi )?pho (?:truong )?ban\b/.test(bare);
    if (roleCue?.role && !bothPosts) q.role = roleCue.role;
    if (roleCue?.title) q.title = roleCue.title;
    return { ...base, year, query: q };
  }
  // A person named in a question about a meeting ("cuộc họp do Trần Quốc Nam chủ trì ngày 20/2 kết luận gì")
  // is not what it asks about.
  if (personMatches.length && !concepts.has("meeting"))
    return { ...base, year, query: { kind: "person", personId: personMatches[0]!.value } };

  // "bao nhiêu phần trăm hồ sơ cấp xã xử lý trên môi trường mạng": a figure a target states.
  // With a unit named ("Bộ TT&TT muốn dữ liệu mở đạt bao nhiêu"), the target must fit more plainly.
  if (!mine && answerType(bare) === "figure" && !concepts.has("meeting")) {
    // Measured on the words that name the figure ("tỷ lệ … năm 2023 là bao nhiêu" aside).
    const words = figureTerms(text);
    const hit = words.length
      ? lex.index.search(words.join(" "), { kinds: ["target"], limit: 1 })[0]
      : undefined;
    if (hit && hit.coverage >= (unit ? 0.7 : 0.6))
      return { ...base, year, query: withYear({ kind: "target" as const, text }) };
  }
  // "năm 2023 có yêu cầu địa phương công bố dữ liệu mở không": whether a target says so, when its words
  // fit the question plainly better than any task's.
  if (!mine && !unit && YES_NO_CUE.test(bare) && !concepts.has("meeting") && !refs.length) {
    const words = figureTerms(text);
    const hit =
      words.length >= 3 ? lex.index.search(words.join(" "), { kinds: ["target"], limit: 1 })[0] : undefined;
    const task = hit ? lex.index.search(words.join(" "), { kinds: ["task"], limit: 1 })[0] : undefined;
    if (hit && hit.coverage >= 0.75 && hit.coverage > (task?.coverage ?? 0) + 0.1)
      return { ...base, year, query: withYear({ kind: "target" as const, text, yesNo: true }) };
  }

  // "ai phối hợp với Sở TT&TT tuyên truyền Ngày CĐS", "nhiệm vụ tuyên truyền ngày 10/10 ai phối hợp": who
  // supports or leads the task the words name, whatever unit or day is named in them.
  // ("phối hợp với ai": the partner asked is the lead.)
  const withWhom =
    /\bphoi hop (?:voi|vs|cung) (?:ai|don vi nao|co quan nao|nhung ai|nhung don vi nao)\b/.test(bare);
  const whoDoes = withWhom
    ? "lead"
    : concepts.has("support")
      ? "support"
      : concepts.has("lead")
        ? "lead"
        : undefined;
  if (
    whoDoes &&
    (asksWho || /\b(?:co quan|don vi|nhung|bo|so|ban|nganh) nao\b/.test(bare)) &&
    !mine &&
    !concepts.has("meeting") &&
    !YES_NO_CUE.test(bare) &&
    content.length >= 2 &&
    aboutTasks(0.6)
  ) {
    return {
      ...base,
      year,
      query: { kind: "search", text: typedWords(text, content), kinds: ["task"], focus: whoDoes },
    };
  }

  // 5. Deadlines: overdue, upcoming, or within a period.
  // "Nhiệm vụ tuyên truyền Ngày CĐS tỉnh năm nay đã qua hạn chưa": that task's deadline, not the list.
  const namedTask = content.filter(
    (t) => !CDS_TERMS.has(t) && !DEADLINE_WORDS.has(t) && !OVERDUE_WORDS.has(t),
  );
  if (
    concepts.has("overdue") &&
    !unit &&
    !mine &&
    namedTask.length >= 2 &&
    (lex.index.search(namedTask.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0) >= 0.75
  )
    return {
      ...base,
      year,
      query: { kind: "search", text: typedWords(text, namedTask), kinds: ["task"], focus: "deadline" },
    };
  if (concepts.has("overdue")) {
    return { ...base, year, query: { kind: "deadlines", mode: "overdue", ...unitParams() } };
  }
  const asksTasks =
    concepts.has("task") ||
    MUST_DO.test(bare) ||
    /\b(?<!de )lam gi\b|\bduoc giao\b|\bgiao\b(?! (?:dich|duc|thong|luu|tiep|ban))/.test(bare);
  // "Hạn để 90% hồ sơ cấp xã được xử lý trên mạng là năm nào": the year a target is set for, when the
  // words are a target's, not a task's.
  if (concepts.has("deadline") && !unit && !mine && content.length >= 3 && !aboutTasks(0.5)) {
    const target = lex.index.search(content.join(" "), { kinds: ["target"], limit: 1 })[0];
    if (target && target.coverage >= 0.7)
      return { ...base, year, query: withYear({ kind: "target" as const, text }) };
  }
  if (concepts.has("upcoming") || concepts.has("deadline") || (phrase && asksTasks)) {
    // "hạn góp ý dự thảo kế hoạch năm 2023": a year's deadlines only if some task is about those words;
    // otherwise the search says plainly that no such deadline is known.
    // ("Năm 2027 có mốc thời hạn nào về chuyển đổi số": no topic beyond the deadline's own words.)
    const topicWords = content.filter((t) => !CDS_TERMS.has(t) && !DEADLINE_WORDS.has(t));
    // ("hạn nộp báo cáo quý IV/2026": so too of a quarter or a month.)
    // (The period's own words and those that frame a deadline are not a topic: "các hạn trong q4",
    // "tháng 10 này có mốc gì cần lưu ý".)
    const periodWords = new Set(
      phrase ? searchTerms(dateText.slice(phrase.index, phrase.index + phrase.length)) : [],
    );
    const periodTopic = topicWords.filter((t) => !periodWords.has(t) && !PERIOD_FRAME.has(t));
    if (phrase?.kind === "year" && !unit && !mine && periodTopic.length >= 2 && !aboutTasks(0.5))
      return { ...base, year, query: { kind: "search", text, kinds: ["task"] } };
    if (
      (phrase?.kind === "quarter" || phrase?.kind === "month") &&
      !unit &&
      !mine &&
      periodTopic.length >= 2 &&
      (lex.index.search(periodTopic.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0) < 0.5
    )
      return { ...base, year, query: { kind: "search", text, kinds: ["task"] } };
    // "nhiệm vụ quán triệt chủ đề năm 2023 có hạn chót không": that task's deadline, not the year's.
    // (A yearly task's due day in the year asked is the window's; "A hay B" asks which of two.)
    const bodyWords = new Set(bodyMatches.flatMap((m) => terms.slice(m.start, m.end)));
    const taskWords = topicWords.filter((t) => !SET_AT_WORDS.has(t) && !bodyWords.has(t));
    const topicHit = taskWords.length
      ? lex.index.search(taskWords.join(" "), { kinds: ["task"], limit: 1 })[0]
      : undefined;
    const topicFit =
      topicHit && !lex.kb.task(topicHit.doc.id)?.deadline.recurrence && !/\bhay\b/.test(bare)
        ? topicHit.coverage
        : 0;
    if (phrase?.kind === "year" && !unit && !mine && !taskGroup && topicWords.length >= 2 && topicFit >= 0.7)
      return {
        ...base,
        year,
        query: { kind: "search", text: typedWords(text, taskWords), kinds: ["task"], focus: "deadline" },
      };
    if (phrase) {
      // "từ nay đến cuối năm": from today, not from the start of the period named.
      const fromNow =
        /\b(?:tu (?:nay|bay gio|gio|hom nay)|con lai (?:cua|trong))\b/.test(bare) &&
        !!phrase.from &&
        !!phrase.to &&
        phrase.from < today &&
        today <= phrase.to;
      return {
        ...base,
        year,
        query: {
          kind: "deadlines",
          mode: "window",
          from: fromNow ? today : phrase.from,
          to: phrase.to,
          label: fromNow ? `từ nay (${formatViDate(today)}) đến ${formatViDate(phrase.to!)}` : phrase.label,
          ...unitParams(),
          ...groupParams(),
        },
      };
    }
    if (taskGroup && !concepts.has("upcoming")) {
      return {
        ...base,
        year,
        query: withYear({ kind: "tasks" as const, ...unitParams(), ...groupParams() }),
      };
    }
    // "hạn chót xây dựng Trung tâm Dữ liệu quốc gia": the deadline of the tasks the words name.
    if (!unit && !mine && !concepts.has("upcoming")) {
      const topic = lex.index.search(text, { kinds: ["task"], limit: 1 })[0];
      if (topic && topic.coverage >= 0.5)
        return { ...base, year, query: { kind: "search", text, kinds: ["task"] } };
    }
    if (concepts.has("upcoming") || !unit) {
      return { ...base, year, query: { kind: "deadlines", mode: "upcoming", ...unitParams() } };
    }
  }

  // "ai phối hợp phủ sóng 4G", "đơn vị chủ trì số hóa hồ sơ": who leads or supports the task the words name.
  // "khi nào phải xong <việc>": the deadline of the task the words name (a body, a person or a
  // document the question names is asked about, not a task).
  const when = concepts.has("when") && !bodyMatches.length && !personMatches.length && !refs.length;
  const focus = concepts.has("support")
    ? "support"
    : concepts.has("lead")
      ? "lead"
      : when
        ? "deadline"
        : undefined;
  if (
    focus &&
    !unit &&
    !mine &&
    !unknownUnit &&
    !taskGroup &&
    !concepts.has("meeting") &&
    content.length >= 2 &&
    aboutTasks(focus === "deadline" ? 0.7 : 0.5)
  ) {
    return {
      ...base,
      year,
      query: { kind: "search", text: typedWords(text, content), kinds: ["task"], focus },
    };
  }

  // 6. Meetings. "kết quả"/"hạn chế" alone only when a meeting actually fits the question's words
  // ("kết quả bóng đá" is not a meeting question).
  const findings = concepts.has("shortcoming") || (concepts.has("result") && !asksTasks);
  const meetingFits = () =>
    (lex.index.search(text, { kinds: ["meeting"], limit: 1 })[0]?.coverage ?? 0) >= 0.5;
  if (concepts.has("meeting") || (findings && meetingFits())) {
    const q: Query = { kind: "meeting" };
    if (phrase?.from && phrase.from === phrase.to) {
      q.date = phrase.from;
      // Written without a year: officials name the meetings they know by day and month.
      if (!findDatePhrases(dateText, { today }).some((p) => p.index === phrase.index)) q.anyYear = true;
    }
    return { ...base, year, query: q };
  }

  // "… ba nhiệm vụ trọng tâm với tinh thần nào": how they were asked to be done, in a recorded sentence.
  if (
    MANNER_ASKED.test(bare) &&
    // ("Chủ tịch UBND tỉnh chỉ đạo … với tinh thần gì": the unit names who spoke, not whose tasks.)
    (!unit ||
      /\b(?:chu tich|pho chu tich|giam doc|lanh dao|truong ban) (?:ubnd|uy ban|so|ban)\b/.test(bare)) &&
    !mine &&
    content.length >= 2
  )
    return { ...base, year, query: { kind: "search", text } };
  // 7. A unit's tasks, those of a section of the plans, the continuous or recurring ones, or a topic's.
  if (taskGroup && (asksTasks || /\b(?:ve|nhom|linh vuc|thuoc)\b/.test(bare))) {
    const q = { kind: "tasks" as const, ...unitParams(), ...groupParams(), ...(cadence ? { cadence } : {}) };
    return { ...base, year, query: withYear(q) };
  }
  if (cadence && (asksTasks || content.length === 0)) {
    return { ...base, year, query: withYear({ kind: "tasks" as const, ...unitParams(), cadence }) };
  }
  if (
    asksTasks &&
    !unit &&
    !mine &&
    !unknownUnit &&
    !bodyMatches.length &&
    content.length &&
    // ("danh sách nhiệm vụ chuyển đổi số đã giao": every task is about that; no topic narrows them.)
    content.some((t) => !CDS_TERMS.has(t)) &&
    !ORDINAL_CUE.test(bare) &&
    // ("… ba nhiệm vụ trọng tâm với tinh thần nào": how they were asked to be done, in the meeting's words.)
    !MANNER_ASKED.test(bare) &&
    aboutTasks()
  ) {
    const topic = typedWords(text, content).slice(0, 60).trim();
    return {
      ...base,
      year,
      query: withYear({ kind: "tasks" as const, topic, ...(cadence ? { cadence } : {}) }),
    };
  }
  // "Tổ công nghệ số cộng đồng có nhiệm vụ gì": a body's role, as the sources describe it; "Ban Điều
  // hành giao những nhiệm vụ trọng tâm nào": the tasks on that topic.
  if (bodyMatches.length && asksTasks && !unit && !mine && !unknownUnit) {
    // "Tổ công nghệ số cộng đồng làm những việc gì (cho người dân)": its role, as the sources describe it.
    if (/\blam (?:nhung )?(?:viec |cong viec )?gi\b|\bvai tro\b|\bchuc nang\b/.test(bare))
      return { ...base, year, query: { kind: "search", text } };
    const topicTerms = terms.filter(
      (t, i) =>
        !bodyTerms.has(i) &&
        !frames.has(i) &&
        !taskFramed.has(i) &&
        !isQuestionWord(terms, i) &&
        !/^\d+$/.test(t) &&
        !CDS_TERMS.has(t),
    );
    const fits = topicTerms.length
      ? (lex.index.search(topicTerms.join(" "), { kinds: ["task"], limit: 1 })[0]?.coverage ?? 0)
      : 0;
    if (fits >= 0.8) {
      const topic = typedWords(text, topicTerms).slice(0, 60).trim();
      return { ...base, year, query: withYear({ kind: "tasks" as const, topic }) };
    }
    // "Tổ công nghệ số cộng đồng có nhiệm vụ đưa gì đến người dân": the body's duty is what its
    // description says; "nhiệm vụ" frames the question, it is not a word the description must hold.
    const duty = phraseIndices(terms, [["nhiem", "vu"]]);
    const unframed = terms.filter((_, i) => !duty.has(i));
    // ("nv tổ công nghệ số cộng đồng": nothing but the body named, with "nhiệm vụ": what it does.)
    // (Only of a body whose description the sources give; another's duties are not recorded.)
    const described = lex.kb.body(bodyMatches[0]!.value);
    const bodyName = described?.description ? described.name : undefined;
    const searchText =
      duty.size && unframed.length > bodyTerms.size
        ? typedWords(text, unframed)
        : duty.size && bodyName && unframed.length === bodyTerms.size
          ? `${bodyName} làm gì`
          : text;
    return { ...base, year, query: { kind: "search", text: searchText } };
  }
  // "Tìm các thông tin về Trung tâm PVHCC": the unit's card.
  if (
    unit?.kind === "unit" &&
    /\b(?:thong tin (?:ve|cua|lien quan)|gioi thieu (?:ve)?|biet gi ve)\b/.test(bare) &&
    !asksTasks
  )
    return { ...base, year, query: { kind: "unit", unitId: unit.id } };
  // "dữ liệu mở 2022 2023 Bộ TT&TT": a unit named with a target's words (and no task asked) asks the target.
  if (
    unit &&
    !asksTasks &&
    !mine &&
    !concepts.has("deadline") &&
    content.length >= 2 &&
    (lex.index.search(content.join(" "), { kinds: ["target"], limit: 1 })[0]?.coverage ?? 0) >= 0.9
  )
    return { ...base, year, query: withYear({ kind: "target" as const, text }) };
  // ("Tỷ lệ hồ sơ nộp trực tuyến tại TTPVHCC năm 2024": a figure asked of the unit, not its tasks.)
  const unitLast =
    unit &&
    terms.length <= unitMatches[0]!.end + 2 &&
    !(answerType(bare) === "figure" && !concepts.has("task"));
  if (asksTasks || concepts.has("deadline") || mine || unitLast) {
    if (unit || mine || unknownUnit || asksTasks) {
      // "NHNN được giao nhiệm vụ gì về thanh toán không dùng tiền mặt": that unit's tasks on that topic.
      const about = /\bve ((?:[a-z0-9]+ ?){2,})$/.exec(bare)?.[1];
      // (The unit's own name after "về" is no topic: "thông tin về Trung tâm PVHCC".)
      const own = new Set(
        unit?.kind === "unit"
          ? [lex.kb.unit(unit.id)?.name ?? "", ...(lex.kb.unit(unit.id)?.aliases ?? [])].flatMap((n) =>
              searchTerms(n),
            )
          : [],
      );
      const aboutAll = about ? queryTerms(about) : [];
      const aboutFramed = taskFrameIndices(aboutAll);
      const aboutTerms = aboutAll.filter(
        (t, i) => !aboutFramed.has(i) && !CDS_TERMS.has(t) && !/^\d+$/.test(t) && !own.has(t),
      );
      // (The words after the last "về" as typed.)
      const typedAbout = /(?:^|\s)(?:về|ve|vê|vế)\s+([^?!.]+?)[\s?!.]*$/iu.exec(text)?.[1];
      const topic =
        (unit || mine) && aboutTerms.length >= 2 && typedAbout ? typedAbout.slice(0, 60).trim() : undefined;
      return {
        ...base,
        year,
        query: withYear({ kind: "tasks" as const, ...unitParams(), ...(topic ? { topic } : {}) }),
      };
    }
  }
  // "nghị quyết HĐND về chủ trương đầu tư dự án …": a document of the unit, described by its subject.
  if (unit && DOCUMENT_KIND.test(bare) && content.length >= 3)
    return { ...base, year, query: { kind: "search", text } };
  // "Chủ tịch UBND tỉnh xác định năm 2023 là năm thế nào": what was said, not the unit's card.
  if (unit && SAYING.test(bare) && content.length >= 1)
    return { ...base, year, query: { kind: "search", text } };
  // "HĐND tỉnh có vai trò gì đối với dự án CĐS": what an entry says the unit did about it, when one
  // names both plainly; else the unit's card.
  if (
    unit?.kind === "unit" &&
    /\b(?:vai tro|lien quan|doi voi|gan voi)\b/.test(bare) &&
    content.length >= 2
  ) {
    const words = terms.filter(
      (t, i) => !frames.has(i) && !isQuestionWord(terms, i) && !ROLE_FRAME_WORDS.has(t),
    );
    const hit = lex.index.search(words.join(" "), { limit: 1 })[0];
    if (hit && hit.doc.kind !== "unit" && hit.coverage >= 0.8)
      return { ...base, year, query: { kind: "search", text: typedWords(text, words) } };
  }
  // "Cục Thuế có bao nhiêu doanh nghiệp nộp thuế điện tử": a figure about the unit, not its card (the
  // search says so when no recorded sentence states it).
  if (
    unit?.kind === "unit" &&
    /\b(?:bao nhieu|may) (?!nhiem vu|viec|cong viec|van ban|ke hoach|quyet dinh|thong bao|lan|ngay|nam|thang)[a-z]/.test(
      bare,
    ) &&
    content.length >= 2
  )
    return { ...base, year, query: { kind: "search", text } };
  // "BCSĐ UBND tỉnh năm 2023 phải phát huy vai trò NĐĐ thế nào": a task named by its words beside the
  // unit, not the unit's card.
  if (unit?.kind === "unit") {
    const words = terms.filter(
      (t, i) => !unitTerms.has(i) && !frames.has(i) && !isQuestionWord(terms, i) && !/^\d+$/.test(t),
    );
    const hit =
      words.length >= 3 ? lex.index.search(words.join(" "), { kinds: ["task"], limit: 1 })[0] : undefined;
    if (hit && hit.coverage >= 0.75)
      return { ...base, year, query: { kind: "search", text: typedWords(text, words), kinds: ["task"] } };
    return { ...base, year, query: { kind: "unit", unitId: unit.id } };
  }
  // "sở y tế chuyển đổi số 2023": a department or organisation the knowledge lacks, named with nothing
  // else asked.
  if (
    unknownUnit &&
    (DEPARTMENT_ANYWHERE.test(fold(unknownUnit)) || NAMED_AGENCY.test(fold(unknownUnit))) &&
    !bodyMatches.length &&
    !personMatches.length &&
    !refs.length
  )
    return { ...base, year, query: withYear({ kind: "tasks" as const, unknownUnit }) };

  // 8. Anything else: search (what it asks of a document found, when it asks one thing).
  return { ...base, year, query: { kind: "search", text, ...(docFocus ? { focus: docFocus } : {}) } };
}

/** The document query for what follows a "/vanban" command, or undefined when no number is recognised. */
export function documentQuery(arg: string): Query | undefined {
  const ref = findDocRefs(arg)[0] ?? findDocRefs(`văn bản ${arg}`)[0];
  if (!ref) return undefined;
  return {
    kind: "document",
    ref: ref.raw,
    number: ref.number,
    ...(ref.typeCode ? { typeCode: ref.typeCode } : {}),
  };
}

/** "của đơn vị tôi", "của Bộ chúng tôi", "cơ quan mình ban hành": documents the asker's unit issued. */
const OWN_DOCUMENTS =
  /\b(?:cua|do) (?:(?:don vi|co quan|bo|so|ban|nganh|hdnd|ubnd|tinh uy|chung|vp|van phong|ben|phia|chi nhanh|truong|trung tam|phong) )?(?:toi|minh|chung toi|em)\b|\b(?:van ban|vb|nghi quyet|quyet dinh|ke hoach|thong bao|cong van)\b.*\b(?:don vi|co quan) (?:toi|minh|chung toi)\s*$|\b(?:don vi|co quan|bo|so|ban|tinh uy|hdnd|ubnd|hoi dong nhan dan|uy ban nhan dan) (?:toi|minh|chung toi) (?:da |tung )?(?:ban hanh|ra|ky|thong qua)\b|\b(?:van ban|vb|nghi quyet|quyet dinh|ke hoach|thong bao|cong van|chi thi) (?:cua )?(?:don vi|co quan|bo|so|ban|ben) (?:toi|minh|chung toi)\b|\b(?:ben|phia) (?:minh|toi|chung toi|em) (?:co|da co|da ban hanh|ban hanh) (?:nhung |cac )?(?:van ban|thong bao|ke hoach|quyet dinh|nghi quyet|chuong trinh|cong van|chi thi)\b|\b(?:chung toi|(?:don vi|co quan|so|ban|bo) (?:toi|minh|chung toi)) co (?:nhung |cac )?(?:van ban|thong bao|ke hoach|quyet dinh|nghi quyet|chuong trinh|cong van|chi thi)\b|\b(?:cua|do) [a-z]+ (?:chung toi|chung em)\b/;
const LIST_CUE =
  /\b(?:liet ke|danh sach|cac|nhung|tat ca|tim|(?:bao nhieu|may) (?:van ban|quyet dinh|ke hoach|thong bao|nghi quyet|chi thi|cong van))\b/;
/** Words that frame a list of documents, not what they are about. */
const LIST_FRAME =
  /\b(?:(?:ma |ban |)tro ly (?:dang )?(?:co|biet)|(?:ban )?biet|ke(?: ra| ten)?(?= so hieu| ten| ra|\s*$)|so hieu|(?:bao )?gom|(?:co )?trong (?:du lieu|co so (?:du lieu|tri thuc)|he thong)(?= |$)|co quan|don vi|chung toi|liet ke|danh sach|cho (?:toi|minh|em) (?:biet|xem)|(?:hay |giup |tim giup |tim )?(?:liet ke|tim|xem)|tra cuu|tim kiem|giup|gium|dum|cac|nhung|tat ca|bao nhieu|may|van ban|vb|quyet dinh|ke hoach|thong bao|nghi quyet|chi thi|cong van|chuong trinh|de an|nghi dinh|thong tu|bao cao|nao|gi|ve|co|cum(?: tu)?|ds|(?:da )?ghi nhan|ngay ban hanh|tu khoa|chu|cau|noi|nhac|neu|ban hanh|(?<!chu )ky|ra|duoc|da|do|cua|trong|(?<!dien )tu|den|nam|thang|quy|la|hay|a|ah|nhe|nha|vay|ha|khong|ko|z|cho|xem|biet|hoi|voi|oi|ad|em|e|anh|toi|minh|lien quan|cai|ngay|cds|chuyen doi so)\b/g;
/** Words around "the documents of <unit>" that say nothing more of them. */
const ISSUER_LIST_WORDS = new Set(
  "nghi quyet nq quyet dinh qd ke hoach kh van ban vb chi thi thong bao tb co nao gi so hieu may ngay cds chuyen doi de cua chung toi minh em ban hanh khong ko la nhung cac da duoc nhe a vay giup gium dum".split(
    " ",
  ),
);

/** The documents an issuer (or the asker's unit) issued, of the kind the question names. */
function issuerDocuments(by: { issuer: string } | { mine: true }, bare: string): Query {
  const docType = documentKindNamed(bare);
  return {
    kind: "document",
    list: {
      ...by,
      ...(docType && DOC_TYPE_BY_WORDS[docType] ? { docType: DOC_TYPE_BY_WORDS[docType]! } : {}),
    },
  };
}

/** What a unit must do (folded): "phải làm", "cần thực hiện", "cần hoàn thành". */
const MUST_DO = /\b(?:phai|can) (?:lam|thuc hien|hoan thanh)\b/;

/** Words that ask for the first or the last of the documents that fit. */
const EARLIEST_WORDS = /\b(?:som nhat|cu nhat|dau tien|truoc nhat)\b/;
// ("mới nhấ": the last letter dropped, which no other phrase spells.)
const LATEST_WORDS = /\b(?:moi nhat?|gan day nhat|gan nhat|sau cung|cuoi cung|muon nhat|tre nhat)\b/;

const DOC_TYPE_BY_WORDS: Record<string, string> = {
  "ke hoach": "Kế hoạch",
  "quyet dinh": "Quyết định",
  "thong bao": "Thông báo",
  "nghi quyet": "Nghị quyết",
  "chi thi": "Chỉ thị",
  "cong van": "Công văn",
  "nghi dinh": "Nghị định",
  "thong tu": "Thông tư",
};

/**
 * What a question listing documents filters them by, or undefined when it does not list documents: it
 * names documents with a listing word ("các", "những", "liệt kê") or asks "văn bản nào" of an issuer or a
 * period only; tasks, deadlines, meetings and targets are asked elsewhere.
 */
function documentListFilter(
  typed: string,
  bare: string,
  year: number | undefined,
  phrase: { kind: string; from?: string; to?: string; label?: string } | undefined,
  concepts: Set<string>,
  lex: Lexicon,
): DocumentListFilter | undefined {
  if (!DOCUMENT_WORDS.test(bare)) return undefined;
  // "văn bản ban hành sau (cuộc họp) ngày 20/02/2023": issued from the day after.
  const after =
    /\bsau (?:cuoc hop |buoi hop |hop |hoi nghi )?(?:[a-z]+ ){0,3}?(?:ngay )?(\d{1,2}) (\d{1,2})(?: ((?:19|20)\d\d))?\b/.exec(
      bare,
    );
  const afterDay =
    after && phrase?.kind === "day" && phrase.from && Number(phrase.from.slice(8, 10)) === Number(after[1])
      ? phrase.from
      : undefined;
  const excluded = [
    "task",
    "deadline",
    "overdue",
    "target",
    "lead",
    "support",
    ...(afterDay ? [] : ["meeting"]),
  ];
  if (excluded.some((c) => concepts.has(c))) return undefined;
  if (phrase?.kind === "day" && !afterDay) return undefined;
  // One attribute of one document ("QĐ thành lập BCĐ số mấy", "… ký ngày nào"); the asker's own documents.
  const focus = documentFocus(bare);
  // "nghị quyết của đơn vị tôi", "công văn nào của Bộ chúng tôi": the asker's unit issued them.
  // ("đơn vị tôi phải cụ thể hóa văn bản nào vào kế hoạch của mình": what it must do, a task's.)
  const ownDocuments = OWN_DOCUMENTS.test(bare) && !/\bphai\b/.test(bare);
  // ("… do đơn vị tôi ban hành là số mấy": the list of its own, which gives the numbers.)
  // ("văn bản nào có ngày ban hành mới nhất": the order is asked, the date comes with it.)
  const ordered = focus === "date" && (EARLIEST_WORDS.test(bare) || LATEST_WORDS.test(bare));
  // ("các văn bản có ngày ban hành trong tháng 7": documents listed by the period their date falls in.)
  const byPeriod =
    focus === "date" &&
    /\b(?:cac|nhung|tat ca|liet ke)\b/.test(bare) &&
    (phrase?.kind === "month" || phrase?.kind === "quarter" || !!year);
  if (focus && focus !== "which" && !(ownDocuments && focus === "number") && !ordered && !byPeriod)
    return undefined;
  if (mentionsSelf(typed) && !ownDocuments) return undefined;
  const docs = lex.kb.data.documents;
  // An issuer is one when it is said to issue ("của/do UBND tỉnh", "VB UBND tỉnh", "UBND tỉnh ban hành"),
  // not when a document is about it ("quyết định thành lập Ban Chỉ đạo").
  const issuer = ownDocuments ? undefined : issuerAsked(bare, docs);
  const filter: DocumentListFilter = {};
  if (issuer) {
    filter.issuer = issuer;
    // ("văn bản Tỉnh ủy": its standing committee's too, "Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy".)
    const organs = [...new Set(docs.map((d) => d.issuer))].filter(
      (i) =>
        i !== issuer &&
        new RegExp(`^(?:ban thuong vu|thuong truc|ban chap hanh) ${fold(issuer)}$`).test(fold(i)),
    );
    if (organs.length) filter.issuerAlso = organs;
    // "văn bản của HĐND và Tỉnh ủy": each issuer named with the first.
    const more = issuersNamed(bare, docs).filter((i) => i !== issuer);
    if (more.length && /\b(?:va|hoac|voi|cung)\b/.test(bare)) filter.issuers = more;
  }
  // "các VB do BCĐ CĐS tỉnh ban hành": a body named by an alias; the documents write its name in more
  // than one way.
  const issuing =
    /\b(?:do|cua)\b.*\b(?:ban hanh|ky|ki|ra)\b|\b(?:van ban|ke hoach|quyet dinh|thong bao|nghi quyet) (?:cua|do)\b/;
  // ("Tháng 7/2021 BCĐ ban hành những QĐ nào": the body named just before what it did.)
  const typedTerms = searchTerms(typed);
  const bodyMatch = matchBodies(lex, typedTerms)[0];
  const bodyIssues =
    !!bodyMatch &&
    /^(?:(?:cua |ve )?(?:tinh|chuyen doi so|cds) )*(?:da )?(?:ban hanh|ky|ki|ra)\b/.test(
      typedTerms.slice(bodyMatch.end).join(" "),
    );
  const namedBody = bodyMatch ? lex.kb.body(bodyMatch.value) : undefined;
  if (!ownDocuments && (issuing.test(bare) || bodyIssues)) {
    const b = namedBody;
    if (b) {
      const names = new Set([b.name, ...b.aliases].map((n) => fold(n)));
      const spellings = [...new Set(docs.map((d) => d.issuer))].filter((i) => names.has(fold(i)));
      if (spellings.length) {
        filter.issuer = spellings[0]!;
        filter.issuerAlso = spellings.slice(1);
      }
    }
  }
  if (ownDocuments) filter.mine = true;
  const kindWords = Object.keys(DOC_TYPE_BY_WORDS).filter((k) => new RegExp(`\\b${k}\\b`).test(bare));
  if (kindWords.length === 1) filter.docType = DOC_TYPE_BY_WORDS[kindWords[0]!]!;
  else if (kindWords.length > 1 && /\b(?:cac|nhung|liet ke|danh sach|tat ca)\b/.test(bare))
    filter.docTypes = kindWords.map((k) => DOC_TYPE_BY_WORDS[k]!);
  let rest = bare;
  for (const named of issuer ? [issuer, ...(filter.issuers ?? [])] : [])
    for (const key of issuerSpellings(named, docs)) rest = ` ${rest} `.replace(` ${key} `, " ").trim();
  if (filter.issuers) rest = rest.replace(/\b(?:va|hoac|voi|cung)\b/g, " ");
  // "các văn bản có ký hiệu BCĐCĐS": the issuer's code in the documents' numbers, as typed.
  const code = codeAsked(typed, docs);
  if (code) {
    filter.code = code;
    rest = rest.replace(/\bky hieu\b.*$/, " ");
  }
  if (filter.issuerAlso) {
    // (The body's words as typed, "bcđ cđs tỉnh": every alias's, written out.)
    const b = namedBody;
    for (const n of b ? [b.name, ...b.aliases] : []) rest = rest.replace(expandAbbreviations(fold(n)), " ");
  }
  if (ownDocuments) rest = rest.replace(OWN_DOCUMENTS, " ");
  if (afterDay) {
    filter.from = addDays(afterDay, 1);
    filter.to = "9999-12-31";
    filter.period = `sau ngày ${Number(afterDay.slice(8, 10))}/${Number(afterDay.slice(5, 7))}/${afterDay.slice(0, 4)}`;
    rest = rest.replace(
      /\bsau (?:cuoc hop |buoi hop |hop |hoi nghi )?(?:[a-z]+ ){0,3}?(?:ngay )?\d{1,2} \d{1,2}(?: \d{4})?/,
      " ",
    );
  } else if (
    phrase?.kind === "month" &&
    phrase.from &&
    !/\b(?:19|20)\d\d\b|\b(?:nay|truoc|sau|toi|qua|ngoai)\b/.test(bare.slice(bare.search(/\bthang\b/)))
  ) {
    // "văn bản ban hành trong tháng 7": that month of any year the documents were issued in.
    filter.month = Number(phrase.from.slice(5, 7));
    filter.period = `tháng ${filter.month} (các năm)`;
  } else if (phrase && (phrase.kind === "month" || phrase.kind === "quarter") && phrase.from && phrase.to) {
    filter.from = phrase.from;
    filter.to = phrase.to;
    filter.period = phrase.label ?? "";
  } else if (year) {
    filter.from = `${year}-01-01`;
    filter.to = `${year}-12-31`;
    filter.period = `năm ${year}`;
    // "các kế hoạch năm 2023": issued that year or for it; "ban hành năm 2022": issued then.
    if (!/\bban hanh\b/.test(bare)) filter.periodIsTopic = true;
  }
  // ("văn bản mới nhất về ngày CĐS": the day named is a topic, though its words frame lists.)
  const dayTopic = /\bngay (?:cds|chuyen doi so)(?: (?:quoc gia|tinh))?\b/
    .exec(rest)?.[0]
    .replace(/\bcds\b/, "chuyen doi so");
  rest = rest
    .replace(new RegExp(EARLIEST_WORDS.source, "g"), " ")
    .replace(new RegExp(LATEST_WORDS.source, "g"), " ")
    .replace(/\b(?:thang|quy) (?:[0-9ivx]+(?: ?(?:\/|nam) ?\d{4})?|nay|truoc|sau|toi|qua)\b/g, " ")
    .replace(/\b(?:nam )?(?:19|20)\d\d\b/g, " ")
    .replace(/\b\d{1,2}\/(?:19|20)\d\d\b/g, " ")
    // ("văn bản của tỉnh về DTI": the province's own, which every document here is.)
    .replace(/\b(?:cua|o) tinh\b(?=\s+(?:ve|nao|ban hanh|moi|gan|som|cu|da|co|la|lien quan)\b|\s*$)/g, " ")
    .replace(LIST_FRAME, " ")
    .replace(/\s+/g, " ")
    .trim();
  const topic =
    rest.split(" ").filter((w) => w.length >= 2).length && !GENERIC_TOPIC.test(rest) ? rest : dayTopic;
  const listing = LIST_CUE.test(bare.replace(/\bcac (?:so|ban|nganh|don vi|dia phuong|huyen|tinh)\b/g, " "));
  const asksWhich = /\b(?:nao|gi|ai|sao|the nao|khong|ko)\b/.test(bare);
  const filtered = !!(filter.issuer || filter.from || filter.month || filter.mine || filter.code);
  // "những văn bản nào quy định …": the document that answers it, asked elsewhere; "văn bản nào của UBND
  // tỉnh năm 2021": the list.
  // "văn bản tháng 11/2022": an issuer or a period alone lists too.
  // ("những văn bản nào … về <việc>": the documents that answer it, asked elsewhere; the asker's own
  // are listed by their words.)
  // "văn bản nào ban hành sớm nhất / mới nhất": the first or last of those that fit.
  const order = EARLIEST_WORDS.test(bare) ? "earliest" : LATEST_WORDS.test(bare) ? "latest" : undefined;
  if (order && !topic) {
    filter.order = order;
    return filter;
  }
  // "văn bản mới nhất của tỉnh về DTI": the last of those on that topic.
  if (
    order &&
    topic &&
    (lex.index.search(topic, { kinds: ["document"], limit: 1 })[0]?.coverage ?? 0) >= 0.75
  ) {
    filter.order = order;
    const day = topic === dayTopic;
    filter.topic = day
      ? `Ngày Chuyển đổi số${/quoc gia$/.test(topic) ? " quốc gia" : /tinh$/.test(topic) ? " tỉnh" : ""}`
      : typedTopic(typed, topic);
    if (day) filter.exact = true;
    return filter;
  }
  if (topic && asksWhich && !filter.mine) return undefined;
  // "kế hoạch nâng cao dti năm 2022": keywords led by the kind of document, the documents that fit.
  // (Only when the words plainly name documents; "số hiệu", "ngày", "ký" ask one attribute of one.)
  const keywords =
    !asksWhich &&
    !/\b(?:so hieu|ngay|ky|ki)\b/.test(bare) &&
    // ("vb chỉ số CĐS cấp xã": "vb" typed, which is no target's wording as "văn bản" may be.)
    (/^(?:ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|cong van|de an)\b/.test(bare) ||
      /^\s*vb\b/i.test(typed)) &&
    !!topic &&
    (lex.index.search(topic, { kinds: ["document"], limit: 1 })[0]?.coverage ?? 0) >= 0.75;
  // ("văn bản Bộ TT&TT quy định bộ chỉ số DTI cấp tỉnh": keywords of an issuer's documents on a topic.)
  const issuerKeywords =
    !!filter.issuer &&
    !!topic &&
    !asksWhich &&
    /^(?:van ban|vb|ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|cong van|de an)\b/.test(bare);
  if (
    !(listing && (filtered || topic)) &&
    !(filtered && (!topic || filter.mine)) &&
    !(keywords && topic) &&
    !issuerKeywords
  )
    return undefined;
  if (!filtered && !topic) return undefined;
  if (topic) filter.topic = typedTopic(typed, topic);
  return filter;
}

/**
 * The code of documents' numbers a question asks for ("có ký hiệu BCĐCĐS", "ký hiệu KH-UBND"), as the
 * numbers write it; undefined when no document's number has it.
 */
function codeAsked(typed: string, docs: readonly KDocument[]): string | undefined {
  const m = /\bk[ýyí] hi[ệeê]u(?: là| la| có| co)?\s+["“']?([\p{L}\p{N}&./-]+)/iu.exec(
    typed.normalize("NFC"),
  );
  if (!m) return undefined;
  const wanted = codeKey(m[1]!);
  if (wanted.length < 2) return undefined;
  for (const d of docs) {
    const parsed = parseDocNumber(d.number);
    if (parsed?.issuerCode && codeKeys(parsed).includes(wanted)) return m[1]!.replace(/["”']+$/, "");
  }
  return undefined;
}

/** The topic's words as the user typed them ("DTI", "nhóm khá"), in their order. */
function typedTopic(typed: string, topic: string): string {
  // In order, each word once: "Công văn … Tổ công nghệ số" is "Tổ công nghệ số", not "Công … công".
  const wanted = topic.split(" ");
  const words: string[] = [];
  let j = 0;
  for (const w of typed.split(/[^\p{L}\p{N}&]+/u)) {
    if (j < wanted.length && foldQuestion(w) === wanted[j]) {
      words.push(w);
      j++;
    } else if (words.length && j < wanted.length) {
      // A word between two of the topic's: start again from its first.
      words.length = 0;
      j = 0;
      if (foldQuestion(w) === wanted[0]) {
        words.push(w);
        j = 1;
      }
    }
  }
  return j === wanted.length ? words.join(" ") : topic;
}

/** "chương trình hành động thực hiện …", "kế hoạch triển khai …": a document described by what it implements. */
const IMPLEMENTING =
  /\b(?:chuong trinh|ke hoach|quyet dinh|van ban|de an|cong van)(?: hanh dong)? (?:thuc hien|trien khai|cu the hoa)\b/;

/**
 * The one document the knowledge records as implementing the document `ref` names, when the question
 * describes the document asked as such ("chương trình (hành động) thực hiện NQ 09", "kế hoạch triển khai
 * QĐ 06"); undefined otherwise.
 */
function implementingDocument(
  lex: Lexicon,
  bare: string,
  ref: ReturnType<typeof findDocRefs>[number],
): KDocument | undefined {
  if (!IMPLEMENTING.test(bare)) return undefined;
  const target = lex.kb.documentOfRef(ref);
  if (!target) return undefined;
  const implementing = lex.kb.data.documents.filter((d) =>
    d.relations.some((r) => r.kind === "implements" && r.target === target.id),
  );
  return implementing.length === 1 ? implementing[0] : undefined;
}
