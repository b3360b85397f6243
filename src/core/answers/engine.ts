/**
 * The one entry every channel uses to answer: text (or a structured query from a button) → Reply.
 * Built once per knowledge version (the lexicon and the search index are made here).
 */
import type { Knowledge } from "../knowledge/model.ts";
import { ABBREVIATIONS } from "../text/abbreviations.ts";
import { findDocRefs } from "../text/doc-number.ts";
import { spelledInitialisms } from "../text/initialisms.ts";
import { fold } from "../text/normalize.ts";
import { foldQuestion, plainQuestion } from "../text/question.ts";
import { QUESTION_WORDS, queryTerms, searchTerms } from "../text/search-terms.ts";
import { untelexText } from "../text/telex.ts";
import { STOPWORDS } from "../text/tokens.ts";
import { mendedWordSlips } from "../text/word-slips.ts";
import { formatViDate, isoDate, localDate } from "../time.ts";
import type { AnswerContext, Asker } from "./context.ts";
import { WEEKDAY_CUE, weekdayOf } from "./format.ts";
import { answerBodyAttribute } from "./intents/bodies.ts";
import { answerCheck, answerPersonCheck, answerProgressCheck } from "./intents/checks.ts";
import { answerCompare } from "./intents/compare.ts";
import {
  answerDocument,
  answerDocumentGap,
  answerDocumentOrder,
  answerDocumentVsDay,
  answerIssuedYet,
} from "./intents/documents.ts";
import { answerEventGap } from "./intents/event-gaps.ts";
import { answerActionRequest, answerHelp, answerOutOfScope } from "./intents/help.ts";
import { answerHoliday } from "./intents/holidays.ts";
import { answerIndicator, answerIndicatorAttribute } from "./intents/indicators.ts";
import { answerMeeting } from "./intents/meetings.ts";
import { answerPerson, answerPersonAtUnit, answerRole, answerWhichHolds } from "./intents/people.ts";
import { answerProgressFromFacts, answerReachedFromFacts, answerSearch } from "./intents/search.ts";
import { answerTarget } from "./intents/targets.ts";
import { answerTaskAttribute } from "./intents/task-attributes.ts";
import { answerDeadlines, answerExtendedTasks, answerTasks } from "./intents/tasks.ts";
import { answerTheme } from "./intents/theme.ts";
import { answerUnitChange } from "./intents/unit-changes.ts";
import { answerUnit } from "./intents/units.ts";
import { answerUnrecorded, unrecordedAttribute } from "./intents/unrecorded.ts";
import { answerYearSaying } from "./intents/year-sayings.ts";
import { buildLexicon, correctNameSlips, type Lexicon } from "./lexicon.ts";
import { withPersonsPost, withUnitEnded } from "./named-context.ts";
import { withInChargeAsked, withPersonAsked } from "./person-asked.ts";
import { withReasonAsked } from "./reason-asked.ts";
import { withRelatedFact } from "./related-fact.ts";
import { joinReplies, type Query, type Reply, ReplyBuilder, renderPlain } from "./reply.ts";
import { mentionsSelf, understand } from "./understand.ts";

export interface AskRequest {
  text: string;
  now: Date;
  asker?: Asker;
}

export interface AnswerEngine {
  readonly kb: Knowledge;
  readonly lexicon: Lexicon;
  /** Answers a question typed by a user. */
  ask(req: AskRequest): Reply;
  /** Answers a structured query (a button, a command with arguments). */
  answer(query: Query, req: Omit<AskRequest, "text"> & { text?: string }): Reply;
}

export const PAGE_SIZE = 5;

export function createAnswerEngine(kb: Knowledge): AnswerEngine {
  const lexicon = buildLexicon(kb);
  /** A folded word the knowledge's index has, or a question or common word. */
  const knownWord = (w: string) =>
    lexicon.index.entriesWith(w) > 0 ||
    QUESTION_WORDS.has(w) ||
    STOPWORDS.has(w) ||
    Object.hasOwn(ABBREVIATIONS, w);
  // (A word the knowledge writes anywhere, "lịch" of "Tết Dương lịch", which the index may not hold.)
  const writtenWord = (w: string) => knownWord(w) || lexicon.words.has(w);
  const context = (req: Omit<AskRequest, "text">): AnswerContext => {
    const ctx: AnswerContext = {
      lex: lexicon,
      kb,
      now: req.now,
      today: localDate(req.now),
      pageSize: PAGE_SIZE,
    };
    if (req.asker) ctx.asker = req.asker;
    if ("text" in req && typeof req.text === "string") ctx.question = req.text;
    return ctx;
  };

  const answer: AnswerEngine["answer"] = (query, req) => {
    const ctx = context(req);
    switch (query.kind) {
      case "theme":
        return answerTheme(query, ctx);
      case "tasks":
        return answerTasks(query, ctx);
      case "deadlines":
        return answerDeadlines(query, ctx);
      case "document":
        return answerDocument(query, ctx);
      case "person":
        return answerPerson(query, ctx);
      case "role":
        return answerRole(query, ctx);
      case "meeting":
        return answerMeeting(query, ctx, req.text ?? "");
      case "indicator":
        return answerIndicator(query, ctx);
      case "target":
        return answerTarget(query, ctx);
      case "unit":
        return answerUnit(query, ctx);
      case "compare":
        return answerCompare(query, ctx);
      case "check":
        return answerCheck(query, ctx);
      case "search":
        return answerSearch(query, ctx);
      case "help":
      case "greeting":
      case "empty":
        return answerHelp(ctx, query.kind);
    }
  };

  /** Replies that say plainly what the knowledge does not record: they stand for the whole message. */
  const notRecorded = new WeakSet<Reply>();
  /** Checks that found what they were asked of and say the asked part is not recorded. */
  const checkedNotRecorded = new WeakSet<Reply>();
  /** Replies of what a unit became that say its successor is not recorded: the choice offered is asked. */
  const choiceAsked = new WeakSet<Reply>();

  return {
    kb,
    lexicon,
    answer,
    ask(original) {
      // "Hôm nay mồng 1/10, còn mấy ngày …", "giả sử hôm nay là ngày họp 20/2/2023 thì …": counted from
      // the day the asker gives.
      const asked = withStatedToday(original);
      const reply = withInitialismsSpelled(askMessage(asked), asked);
      // "… ở thôn hay xã", "làm một lần hay năm nào cũng làm": the choice offered adds words the answer
      // need not hold; not understood with them, the question is read without.
      // (Not a reply that says a unit's successor is not recorded: "… chuyển về UBND xã hay đơn vị nào"
      // asks the successor, which the register does not name.)
      const unchoiced = reply.abstained && !choiceAsked.has(reply) ? withoutChoice(asked.text) : undefined;
      const again = unchoiced ? askMessage({ ...asked, text: unchoiced }) : undefined;
      // "… diễn ra vào thứ mấy, ngày nào", "hnay thứ mấy, còn bao nhiêu ngày đến Tết": the weekday too.
      const chosen = withWeekday(again && !again.abstained ? again : reply, asked);
      // (What the reply leaves out of the question, when one recorded sentence says it; an abstention
      // stands as it is.)
      if (chosen.abstained) return chosen;
      // (The question as every check below reads it, made once.)
      const plain = plainQuestion(asked.text, knownWord);
      const ctx = context(asked);
      // ("GĐ TT PVHCC tỉnh là ai": a person asked by post, whom the card of what is named does not name.)
      const fit = withInChargeAsked(withPersonAsked(chosen, plain, ctx), plain, ctx);
      if (fit.abstained) return fit;
      // ("Vì sao ngày 10/10 được chọn …": what is recorded of it is not why.)
      const why = withReasonAsked(fit, plain);
      if (why.abstained) return why;
      // ("UBND huyện có phải phối hợp …": a unit named that has ended since, said so.)
      return withRelatedFact(withPersonsPost(withUnitEnded(chosen, plain, ctx), plain, ctx), plain, ctx);
    },
  };

  /**
   * Not understood with an initialism the asker coined ("HSSK điện tử"), the question read again with it
   * written out as the knowledge's phrase (text/initialisms.ts); the first reply when that is not
   * understood either, or when the first says plainly what is not recorded.
   */
  function withInitialismsSpelled(reply: Reply, asked: AskRequest): Reply {
    if (!reply.abstained || notRecorded.has(reply) || checkedNotRecorded.has(reply)) return reply;
    // (Nor when it says what of a thing it found is not recorded: "gđ bhxh tỉnh" is a post unfilled.)
    if (reply.lines.some((l) => /^Nguồn (?:hiện có )?(?:chỉ ghi|không ghi|không nêu)/u.test(l.text)))
      return reply;
    const spelled = spelledInitialisms(asked.text, lexicon.initialisms(), writtenWord);
    if (spelled === asked.text) return reply;
    const again = askMessage({ ...asked, text: spelled });
    return again.abstained ? reply : again;
  }

  function askMessage(asked: AskRequest): Reply {
    // The question with what every question means taken out (text/question.ts): the domain's English
    // terms in Vietnamese, two-digit years written out, "trong dữ liệu", "ngoài X thì".
    // (Words typed without spaces, "dti2022hangmay", split into the words the knowledge knows.)
    // (A unit's or body's name typed with a letter slipped, "Sở Thông tin và Truyền thôg", written as the
    // name writes it.)
    const req = {
      ...asked,
      text: correctNameSlips(
        lexicon,
        plainQuestion(mendedWordSlips(asked.text, writtenWord, lexicon.pairs), knownWord),
        knownWord,
      ),
    };
    // A long, chatty message ("Cho em hỏi với ạ, em mới về công tác, … Ngày Chuyển đổi số của tỉnh
    // là ngày nào vậy ạ, em cảm ơn"): its question clause first when it has three clauses or more,
    // else the whole first; the other when the first is not understood.
    const clause = questionClause(req.text);
    // (A short question with commas, "Tuyên truyền …: ai chủ trì, ai phối hợp?", is one question.)
    // ("Ông Nam và ông Biên, ai là Trưởng ban, ai là Phó Trưởng ban?": one question in parts, each
    // part led by its question word.)
    const led = clauses(req.text).filter((p) => QUESTION_LED.test(cueText(p))).length;
    const chatty =
      clause !== undefined && clauses(req.text).length >= 3 && req.text.split(/\s+/).length >= 14 && led < 2;
    // ("Năm 2023, chỉ số DTI … xếp hạng bao nhiêu trên 63 tỉnh, thành?": a clause that is only the year
    // goes with the question.)
    // ("Tại thời điểm cuộc họp 20/02/2023, …": a clause that only dates the question goes with it too.)
    const yearClause = clauses(req.text).find(
      (p) =>
        /^(?:trong |vào |vao )?n[aă]m (?:19|20)\d\d$/iu.test(p) ||
        (/\b\d{1,2}\/\d{1,2}\/(?:19|20)\d\d\b/.test(p) && !CLAUSE_CUE.test(cueText(p))),
    );
    const first = askOnce(
      chatty
        ? {
            ...req,
            // (Not to a bare question word: "đạt bao nhiêu" dated alone asks of the day's meeting.)
            text:
              yearClause && clause && !YEAR.test(clause) && queryTerms(clause).length >= 2
                ? `${yearClause} ${clause}`
                : clause,
          }
        : req,
    );
    // Two or three documents named by number, one question of each ("QĐ 01 và QĐ 02 quy định gì", "KH
    // 4233 và KH 3402 ban hành ngày nào"): each answered, when the whole message's answer lacks one.
    const several = !chatty ? eachDocument(req, first) : undefined;
    if (several) return several;
    // Two questions in one message, each asking something of its own: both answered.
    // (When the whole message says a part is not recorded, that stands.)
    const split = !chatty && !first.abstained ? twoQuestions(req.text) : undefined;
    // (Also of a message that reads as chatty for an aside in brackets: "(nghỉ lễ theo BLLĐ)".)
    const carried = !first.abstained && !split ? carriedPair(req.text) : undefined;
    const pair = split ?? carried;
    if (pair) {
      // ("QĐ 56 ký ngày nào, cách buổi họp BĐH mấy ngày": the second asks of the document the first names.)
      const ref = findDocRefs(pair[0])[0];
      if (ref && !findDocRefs(pair[1]).length && !lexicon.units.match(searchTerms(pair[1])).length)
        pair[1] = `${ref.raw} ${pair[1]}`;
      const a = askOnce({ ...req, text: pair[0] });
      const b = askOnce({ ...req, text: pair[1] });
      const head = (r: Reply) => r.lines[0]?.text;
      // (Two parts of one kind, "DTI 2021 đạt bao nhiêu, xếp hạng mấy", ask of one entry.)
      // (Two of one kind, each of its own entry, "đã bao nhiêu ngày từ … ? lần tới là ngày nào?", when the
      // whole message's answer lacks the second's, and the second names its own subject: "ai chủ trì
      // cuộc họp" after "có dự họp quý I không" asks of the first's meeting.)
      const ownSubject = new Set(queryTerms(pair[1])).size >= 5 || findDocRefs(pair[1]).length > 0;
      // (A second written out from the first asks of its own entry by construction.)
      const apart =
        a.intent !== b.intent || ((ownSubject || !!carried) && !first.lines.some((l) => l.text === head(b)));
      if (!a.abstained && !b.abstained && head(a) !== head(b) && apart) {
        // (The whole message read at once may have taken the second in the light of the first: "đơn
        // vị tôi có phải làm gì" for that day.)
        // Only when the second speaks of the asker with nothing named of its own.
        const whole =
          mentionsSelf(pair[1]) &&
          !lexicon.units.match(searchTerms(pair[1])).length &&
          head(first) !== head(a) &&
          head(first) !== head(b);
        return joinReplies(a, whole ? first : b);
      }
    }
    // (What the register says of a unit that ended, "nguồn không nêu đơn vị tiếp nhận", or of a
    // person's post today stands: the clause alone would lose what it is about, "sau khi bỏ cấp huyện".)
    // (Nor does a clause without the full date the message names: "Ngày CĐS 10/10/2026 có hoạt động
    // gì, kết quả ra sao" is not "kết quả ra sao" of any meeting.)
    // ("Họp BĐH quý II/2023 ngày mấy, ai chủ trì": a period the clause lacks, too.)
    const dated = /\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b(?:quý|quy|q)\s*(?:[1-4]|i{1,3}|iv)\s*\/\s*\d{4}\b/iu;
    const stands =
      first.abstained &&
      (notRecorded.has(first) ||
        // (Of the whole message: a chatty one's clause, read alone, may lack what the whole asks.)
        (checkedNotRecorded.has(first) && !chatty) ||
        first.intent === "unit" ||
        first.intent === "person" ||
        (!!clause && dated.test(req.text) && !dated.test(clause)) ||
        // ("Năm 2023, DTI của tỉnh đứng thứ mấy": a year the index has no figure for is not dropped
        // for the clause without it.)
        (first.intent === "indicator" && !!clause && YEAR.test(req.text) && !YEAR.test(clause)));
    if (!first.abstained || !clause || stands) return first;
    const second = askOnce(chatty ? req : { ...req, text: clause });
    return second.abstained ? first : second;
  }

  /**
   * Two questions of which the second leaves out what it asks of, said in the first: "BĐH trực thuộc ban
   * nào và do văn bản nào thành lập" (the body), "Lễ 30/4 rơi vào thứ mấy, còn 1/5 thì sao" (the same
   * question of another day). The second written out in full; undefined when the message is not so.
   */
  function carriedPair(text: string): [string, string] | undefined {
    const parts = text
      .replace(/\([^)]*\)/g, " ")
      .split(/[,;?]+|\s+(?:và|va)\s+(?=(?:do|ai|được|duoc|có|co|thuộc|thuoc|ở|o|khi|bao|ngày|ngay)\b)/u)
      .map((p) => p.replace(/[.…!]+/g, " ").trim())
      .filter((p) => queryTerms(p).length || CLAUSE_CUE.test(cueText(p)));
    if (parts.length !== 2) return undefined;
    const [a, b] = parts as [string, string];
    // "còn 1/5 thì sao": the first question, of the day the second names.
    const other =
      /^(?:còn|con|vậy|vay|thế|the)\s+(.+?)\s+(?:thì|thi)\s+(?:sao|thế nào|the nao|ra sao)\s*$/iu.exec(b);
    const day = /\b\d{1,2}\/\d{1,2}(?:\/\d{4})?\b/;
    if (other && day.test(a) && day.test(other[1]!) && !day.test(other[1]!.replace(day, "")))
      return [a, a.replace(day, day.exec(other[1]!)![0])];
    // "… và do văn bản nào thành lập": a question of the body or unit the first names, which the second
    // names nothing of its own.
    if (!STRONG_CUE.test(cueText(a)) || !STRONG_CUE.test(cueText(b))) return undefined;
    if (findDocRefs(b).length || day.test(b) || queryTerms(b).length > 4) return undefined;
    const tb = searchTerms(b);
    if (lexicon.bodies.match(tb).length || lexicon.units.match(tb).length || lexicon.people.match(tb).length)
      return undefined;
    const ta = searchTerms(a);
    const body = lexicon.bodies.match(ta)[0];
    const unit = lexicon.units.match(ta).find((m) => m.value.kind === "unit");
    const name = body ? kb.body(body.value)?.name : unit ? kb.unit(unit.value.id)?.name : undefined;
    return name ? [a, `${name} ${b}`] : undefined;
  }

  function eachDocument(req: AskRequest, whole: Reply): Reply | undefined {
    const refs = findDocRefs(req.text);
    if (refs.length < 2 || refs.length > 3) return undefined;
    // Each number one document of the knowledge.
    const docs = refs.map((r) => kb.documentOfRef(r));
    if (docs.some((d) => !d) || new Set(docs.map((d) => d!.id)).size !== refs.length) return undefined;
    const shown = fold(renderPlain(whole));
    if (docs.every((d) => shown.includes(fold(d!.number)))) return undefined;
    const replies = refs.map((r) => {
      let text = req.text;
      for (const o of refs) if (o !== r) text = text.replace(o.raw, " ");
      text = text.replace(/^\s*(?:và|va|với|,)\s+/iu, "").replace(/\s+(?:và|va|với|,)\s+(?=\s|,|$)/giu, " ");
      return askOnce({ ...req, text: text.replace(/\s+/g, " ").trim() });
    });
    if (replies.every((x) => x.abstained)) return undefined;
    return replies.reduce((a, b) => joinReplies(a, b));
  }

  function askOnce(req: AskRequest): Reply {
    const u = understand(req.text, req.now, lexicon);
    // What the knowledge has no field for (a phone number, another province) is said so, whatever
    // the entry the question names.
    // A change the register records ("Sở TT&TT hợp nhất vào đâu") is answered before "not recorded".
    const ctx = context(req);
    // Something to be done ("gửi giấy mời …"), not asked: said so before anything it names is answered.
    const action = answerActionRequest(u) ?? answerOutOfScope(u);
    if (action) return action;
    // (Not when something the register never holds is asked of the unit: "sở mình sau hợp nhất có bao
    // nhiêu phòng, biên chế".)
    const gap = unrecordedAttribute(u, ctx);
    const mergerGap = !!gap && /sáp nhập|sắp xếp/.test(gap.what);
    const change = gap && !mergerGap ? undefined : answerUnitChange(u, ctx);
    // ("sau hợp nhất ông Kỳ làm gì ở Sở KH&CN": a person's post since, which no source records, rather
    // than what the merger was; nor the merger "not recorded" of a person: "sau sáp nhập ông Biên giữ
    // chức gì".)
    const postSince =
      (change ? !change.abstained : mergerGap) && lexicon.people.match(searchTerms(u.text)).length
        ? answerPersonAtUnit(u, ctx)
        : undefined;
    if (postSince?.abstained) return postSince;
    if (change) {
      if (change.abstained) {
        notRecorded.add(change);
        choiceAsked.add(change);
      }
      return change;
    }
    // (Whether a target was reached, when a recorded sentence says so.)
    const reached = gap?.reached
      ? answerReachedFromFacts(u.text, ctx)
      : gap?.progress
        ? answerProgressFromFacts(u.text, ctx)
        : undefined;
    if (reached) return reached;
    if (gap) {
      const said = answerUnrecorded(gap, u, ctx);
      if (said.abstained) notRecorded.add(said);
      return said;
    }
    // "X có phải Trưởng ban … không", "KH 4233 có phải do X ký không": yes or no, first.
    // What a body is for or reports to; whether a day is a public holiday.
    const check =
      answerIssuedYet(u, ctx) ??
      answerWhichHolds(u, ctx) ??
      answerPersonCheck(u, ctx) ??
      answerTaskAttribute(u, ctx) ??
      answerExtendedTasks(u.folded, ctx) ??
      answerPersonAtUnit(u, ctx) ??
      answerProgressCheck(u, ctx) ??
      answerBodyAttribute(u, ctx) ??
      answerEventGap(u.text, ctx) ??
      answerHoliday(u, ctx) ??
      answerIndicatorAttribute(u, ctx) ??
      answerYearSaying(u, ctx) ??
      answerDocumentVsDay(u, ctx) ??
      answerDocumentOrder(u, ctx) ??
      answerDocumentGap(u, ctx);
    // (A check that found what it was asked of and says the asked part is not recorded stands for the
    // whole message: "… đã hoàn thành chưa, kết quả báo cáo thế nào" is not "kết quả báo cáo" alone.)
    if (check?.abstained && check.items.length) checkedNotRecorded.add(check);
    if (check) return check;
    return answer(u.query, { ...req, text: u.text });
  }
}

/**
 * The reply with the weekday the question asks ("thứ mấy") when it does not give one: of today when
 * today is asked ("hôm nay thứ mấy"), else of the first day the reply names.
 */
export function withWeekday(reply: Reply, req: Pick<AskRequest, "text" | "now">): Reply {
  // (Every question passes here: folded only when it may name a weekday, "thứ …".)
  if (reply.abstained || !/th/i.test(req.text)) return reply;
  const asked = foldQuestion(req.text);
  if (!WEEKDAY_CUE.test(asked)) return reply;
  const shown = renderPlain(reply);
  const today = localDate(req.now);
  const ofToday = /\b(?:hom nay|hnay|bua nay|nay la) (?:la )?thu (?:may|gi|nao)\b/.test(asked);
  const said = (iso: string) => shown.includes(`${formatViDate(iso)} là ${weekdayOf(iso)}`);
  if (ofToday && !said(today) && !shown.includes(`hôm nay (${formatViDate(today)}) là`))
    return joinReplies(
      new ReplyBuilder(reply.intent).line(`Hôm nay (${formatViDate(today)}) là ${weekdayOf(today)}.`).build(),
      reply,
    );
  if (ofToday || /\b(?:chủ nhật|thứ (?:hai|ba|tư|năm|sáu|bảy))\b/iu.test(shown)) return reply;
  // (The day the reply is about: in its title or first line, not a day its sources carry.)
  const about = [reply.title ?? "", reply.lines[0]?.text ?? ""].join(" ");
  const day = /\b(\d{2})\/(\d{2})\/(\d{4})\b/.exec(about);
  const iso = day ? isoDate(Number(day[3]), Number(day[2]), Number(day[1])) : null;
  if (!iso) return reply;
  // (Under the reply's title, before the rest: the answer first.)
  const head = new ReplyBuilder(reply.intent, reply.title).line(
    `Ngày ${formatViDate(iso)} là ${weekdayOf(iso)}.`,
  );
  return joinReplies(head.build(), { ...reply, title: "" });
}

function clauses(text: string): string[] {
  // (A quoted phrase is one piece, whatever commas it holds: "mục tiêu 'người dân, doanh nghiệp …'".)
  return (
    text
      .replace(
        /(['"“‘])([^'"”’]{2,200})(['"”’])/gu,
        (_m, a: string, inner: string, b: string) => `${a}${inner.replace(/[,;.:]/g, " ")}${b}`,
      )
      // (Kinds listed with a comma are one piece too: "những cuộc họp, hội nghị nào".)
      .replace(LISTED_KINDS, "$1 và $2")
      // (Three listed: "A, B, C" is "A và B, C" after one pass.)
      .replace(LISTED_KINDS, "$1 và $2")
      .split(/[,;.!?:\n]+/)
      .map((p) => p.trim())
      .filter(Boolean)
  );
}

// (And the DTI's pillars: "chính quyền số, kinh tế số, xã hội số … đạt bao nhiêu".)
const KIND =
  "cuộc họp|hội nghị|văn bản|kế hoạch|quyết định|thông báo|công văn|nhiệm vụ|chỉ tiêu|mục tiêu|cuoc hop|hoi nghi|van ban|ke hoach|quyet dinh|thong bao|cong van|nhiem vu|chi tieu|muc tieu|chính quyền số|kinh tế số|xã hội số|chinh quyen so|kinh te so|xa hoi so";
const LISTED_KINDS = new RegExp(`(?<=\\s|^)(${KIND}),\\s*(${KIND})(?=\\s|$|[?.,])`, "giu");

/** "hôm nay (là) (ngày …) 1/10(/2023)": the day the asker says today is. */
const STATED_TODAY =
  /(?:(?:giả sử|gia su|nếu|neu|coi như|coi nhu)\s+)?(?:hôm nay|hom nay)\s+(?:là\s+|la\s+)?(?:(?:ngày|ngay|mồng|mùng|mong|mung|họp|hop)\s+){0,3}(\d{1,2})\/(\d{1,2})(?:\/((?:19|20)\d\d))?(?![\d/])\s*(?:,|thì|thi)?\s*/iu;

/**
 * The request read with the day the asker gives as today ("Hôm nay mồng 1/10, còn mấy ngày nữa tới Ngày
 * CĐS?"), the phrase taken out; as it is when it gives none or an impossible day.
 */
export function withStatedToday(req: AskRequest): AskRequest {
  const m = STATED_TODAY.exec(req.text);
  if (!m) return req;
  const year = m[3] ? Number(m[3]) : Number(localDate(req.now).slice(0, 4));
  const iso = isoDate(year, Number(m[2]), Number(m[1]));
  if (!iso) return req;
  // (Said "hôm nay" from then on: "hôm nay có phải ngày nghỉ lễ không" asks of that day.)
  const rest = `${req.text.slice(0, m.index)} hôm nay ${req.text.slice(m.index + m[0].length)}`
    .replace(/\s+/g, " ")
    .trim();
  return { ...req, text: rest, now: new Date(`${iso}T09:00:00+07:00`) };
}

/**
 * The message with the choice it offers taken out ("… thành lập ở đâu, thôn hay xã" → "… thành lập ở
 * đâu", "làm 1 lần hay năm nào cũng làm" → "làm 1 lần"); undefined when it offers none. ("Có … hay không",
 * "hay chưa" ask yes or no: no choice.)
 */
export function withoutChoice(text: string): string | undefined {
  if (!/\s(?:hay|hoặc|hoac)\s+(?!(?:không|khong|ko|k|chưa|chua|là|la)\b)/iu.test(text)) return undefined;
  const parts = text.split(/([,;?!.]+)/);
  const out: string[] = [];
  for (const p of parts) {
    const m = /^(.*?)\s(?:hay|hoặc|hoac)\s+(?!(?:không|khong|ko|k|chưa|chua|là|la)\b)/iu.exec(p);
    if (!m) {
      out.push(p);
      continue;
    }
    // (A clause that is only the choice, "thôn hay xã", goes; else its first option, as long as the
    // second up to three words, goes with it: "làm 1 lần hay năm nào cũng làm".)
    const before = m[1]!.trim().split(/\s+/);
    const second = p.slice(m[0].length).trim().split(/\s+/).length;
    const keep = before.length - Math.min(second, 3);
    if (keep >= 3) out.push(` ${before.slice(0, keep).join(" ")}`);
  }
  const t = out
    .join("")
    .replace(/(?:[,;]\s*)+(?=[,;?!.]|$)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return t && t !== text.trim() ? t : undefined;
}

/** A four-digit year in a message. */
const YEAR = /\b(?:19|20)\d\d\b/;

/** A clause led by its question word ("ai ký vậy em", "khi nào"). */
const QUESTION_LED =
  /^(?:(?:ai|khi nao|bao gio|ngay nao|so may|la gi|la ai|o dau|the nao|ra sao|do ai|cua ai)\b|(?:dat )?(?:duoc )?(?:bao nhieu|bn|may)(?: (?:diem|phan tram|%|bac|ngay))?\s*$)/;

/** A clause folded with Telex leftovers read ("bao nhieeu" is "bao nhiêu"), for its question words. */
const cueText = (p: string) => untelexText(fold(p), p);
// ("ở đâu": where; "đầu" of "người đứng đầu" folds alike, so only after a preposition.)
const STRONG_CUE = /\b(?:la gi|gi|nao|ai|khi nao|bao gio|bao nhieu|may|the nao|ra sao|(?:o|tai|tu) dau)\b/;
const CLAUSE_CUE =
  /\b(?:la gi|gi|nao|ai|khi nao|bao gio|bao nhieu|may|the nao|ra sao|co phai|khong|ko|(?:o|tai|tu) dau)\b/;

/**
 * "con mấy ngày nữa là đến Ngày CĐS tỉnh, đơn vị tôi có phải làm gì không": two clauses, each with a
 * question word and words of its own (three terms or more), read as two questions; undefined otherwise
 * ("Tuyên truyền …: ai chủ trì, ai phối hợp?" is one question about one task).
 */
export function twoQuestions(text: string): [string, string] | undefined {
  let parts = text
    .split(/[,;?]+|\s+(?:và|va|với lại|còn)\s+(?=(?:đơn vị|don vi|sở|so|cho|ai|bao|khi|ngày|ngay)\b)/u)
    .map((p) => p.trim())
    .filter(Boolean);
  // "Trưởng ban là ai và DTI 2022 xếp hạng mấy": two questions joined by "và", each with its question word.
  if (parts.length !== 2) {
    const halves = text
      .replace(/[?]+\s*$/, "")
      .split(/\s+(?:và|va)\s+/u)
      .map((p) => p.trim());
    if (halves.length === 2 && halves.every((h) => STRONG_CUE.test(cueText(h)))) parts = halves;
  }
  if (parts.length !== 2) return undefined;
  // (Words of its own: "rơi vào thứ mấy" after "Ngày 01/5/2027 có phải ngày nghỉ lễ không" asks of the first.)
  // ("đơn vị tôi có phải làm gì": the asker's unit is its subject.)
  if (!parts.every((p) => CLAUSE_CUE.test(cueText(p)) && (queryTerms(p).length >= 3 || mentionsSelf(p))))
    return undefined;
  // (Each must name something: a clause that is only a question about the other's subject is one question.)
  const [a, b] = parts as [string, string];
  const ta = searchTerms(a);
  const tb = new Set(searchTerms(b));
  const shared = ta.filter((t) => tb.has(t));
  if (shared.length >= Math.min(ta.length, tb.size) - 1) return undefined;
  return [a, b];
}

/**
 * The clause of a message that asks (the last one with a question word and two words of content), when
 * the message has more than one; undefined otherwise.
 */
export function questionClause(text: string): string | undefined {
  // ("… cái kế hoạch nâng cao DTI năm 2022 ấy, ai ký vậy em?": a question of two words goes with the
  // clause before it, which names what it asks about.)
  // (Only in a long message: "kế hoạch 3402 ban hành ngày nào, mục tiêu gì" asks two things.)
  const all = clauses(text);
  const parts: string[] = [];
  for (const p of all) {
    if (
      all.length >= 3 &&
      parts.length &&
      QUESTION_LED.test(cueText(p)) &&
      (searchTerms(p).length < 3 || queryTerms(p).length < 2)
    )
      parts[parts.length - 1] = `${parts.at(-1)} ${p}`;
    else parts.push(p);
  }
  if (parts.length < 2) return undefined;
  // A clause with a question word ("nào", "mấy", "gì") before one with only "không" ("em tìm mãi không thấy").
  const asking = parts.filter((p) => CLAUSE_CUE.test(cueText(p)) && searchTerms(p).length >= 3);
  const strong = asking.filter((p) => STRONG_CUE.test(cueText(p)));
  // ("… cái quyết định thành lập BCĐ là quyết định số bao nhiêu, ngày nào, ai ký thì càng tốt": the
  // clause that names what is asked about, when a later one only adds a detail.)
  const pool = strong.length ? strong : asking;
  const size = (p: string) => searchTerms(p).length;
  const last = pool.at(-1);
  const fullest = pool.reduce<string | undefined>(
    (best, p) => (!best || size(p) > size(best) ? p : best),
    undefined,
  );
  const chosen = parts.length >= 3 && last && fullest && size(fullest) >= 2 * size(last) + 3 ? fullest : last;
  if (!chosen) return undefined;
  // "… cái TB 16/TB-VPCP ấy, ban hành ngày nào ạ": the document named just before goes with the question.
  const i = parts.indexOf(chosen);
  if (i > 0 && !findDocRefs(chosen).length && findDocRefs(parts[i - 1]!).length)
    return `${parts[i - 1]} ${chosen}`;
  return chosen;
}
