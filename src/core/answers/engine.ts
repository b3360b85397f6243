/**
 * The one entry every channel uses to answer: text (or a structured query from a button) → Reply.
 * Built once per knowledge version (the lexicon and the search index are made here).
 */
import type { Knowledge } from "../knowledge/model.ts";
import { findDocRefs } from "../text/doc-number.ts";
import { englishToVietnamese } from "../text/english.ts";
import { fold } from "../text/normalize.ts";
import { searchTerms } from "../text/search-terms.ts";
import { localDate } from "../time.ts";
import type { AnswerContext, Asker } from "./context.ts";
import { answerBodyAttribute } from "./intents/bodies.ts";
import { answerCheck, answerPersonCheck, answerProgressCheck } from "./intents/checks.ts";
import { answerCompare } from "./intents/compare.ts";
import { answerDocument, answerDocumentGap, answerDocumentOrder } from "./intents/documents.ts";
import { answerHelp } from "./intents/help.ts";
import { answerHoliday } from "./intents/holidays.ts";
import { answerIndicator, answerIndicatorAttribute } from "./intents/indicators.ts";
import { answerMeeting } from "./intents/meetings.ts";
import { answerPerson, answerPersonAtUnit, answerRole } from "./intents/people.ts";
import { answerReachedFromFacts, answerSearch } from "./intents/search.ts";
import { answerTarget } from "./intents/targets.ts";
import { answerTaskAttribute } from "./intents/task-attributes.ts";
import { answerDeadlines, answerTasks } from "./intents/tasks.ts";
import { answerTheme } from "./intents/theme.ts";
import { answerUnitChange } from "./intents/unit-changes.ts";
import { answerUnit } from "./intents/units.ts";
import { answerUnrecorded, unrecordedAttribute } from "./intents/unrecorded.ts";
import { answerYearSaying } from "./intents/year-sayings.ts";
import { buildLexicon, type Lexicon } from "./lexicon.ts";
import type { Query, Reply } from "./reply.ts";
import { understand } from "./understand.ts";

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

  return {
    kb,
    lexicon,
    answer,
    ask(asked) {
      // "what is the province digital transformation day?": the domain's English terms in Vietnamese.
      const req = { ...asked, text: englishToVietnamese(asked.text) };
      // A long, chatty message ("Cho em hỏi với ạ, em mới về công tác, … Ngày Chuyển đổi số của tỉnh
      // là ngày nào vậy ạ, em cảm ơn"): its question clause first when it has three clauses or more,
      // else the whole first; the other when the first is not understood.
      const clause = questionClause(req.text);
      // (A short question with commas, "Tuyên truyền …: ai chủ trì, ai phối hợp?", is one question.)
      const chatty =
        clause !== undefined && clauses(req.text).length >= 3 && req.text.split(/\s+/).length >= 14;
      const first = askOnce(chatty ? { ...req, text: clause } : req);
      if (!first.abstained || !clause) return first;
      const second = askOnce(chatty ? req : { ...req, text: clause });
      return second.abstained ? first : second;
    },
  };

  function askOnce(req: AskRequest): Reply {
    const u = understand(req.text, req.now, lexicon);
    // What the knowledge has no field for (a phone number, another province) is said so, whatever
    // the entry the question names.
    // A change the register records ("Sở TT&TT hợp nhất vào đâu") is answered before "not recorded".
    const change = answerUnitChange(u, context(req));
    if (change) return change;
    const gap = unrecordedAttribute(u, context(req));
    // (Whether a target was reached, when a recorded sentence says so.)
    const reached = gap?.reached ? answerReachedFromFacts(u.text, context(req)) : undefined;
    if (reached) return reached;
    if (gap) return answerUnrecorded(gap, u, context(req));
    // "X có phải Trưởng ban … không", "KH 4233 có phải do X ký không": yes or no, first.
    // What a body is for or reports to; whether a day is a public holiday.
    const ctx = context(req);
    const check =
      answerPersonCheck(u, ctx) ??
      answerTaskAttribute(u, ctx) ??
      answerPersonAtUnit(u, ctx) ??
      answerProgressCheck(u, ctx) ??
      answerBodyAttribute(u, ctx) ??
      answerHoliday(u, ctx) ??
      answerIndicatorAttribute(u, ctx) ??
      answerYearSaying(u, ctx) ??
      answerDocumentGap(u, ctx) ??
      answerDocumentOrder(u, ctx);
    if (check) return check;
    return answer(u.query, { ...req, text: u.text });
  }
}

function clauses(text: string): string[] {
  return text
    .split(/[,;.!?:\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const STRONG_CUE = /\b(?:la gi|gi|nao|ai|khi nao|bao gio|bao nhieu|may|the nao|ra sao)\b/;
const CLAUSE_CUE = /\b(?:la gi|gi|nao|ai|khi nao|bao gio|bao nhieu|may|the nao|ra sao|co phai|khong|ko)\b/;

/**
 * The clause of a message that asks (the last one with a question word and two words of content), when
 * the message has more than one; undefined otherwise.
 */
export function questionClause(text: string): string | undefined {
  const parts = clauses(text);
  if (parts.length < 2) return undefined;
  // A clause with a question word ("nào", "mấy", "gì") before one with only "không" ("em tìm mãi không thấy").
  const asking = parts.filter((p) => CLAUSE_CUE.test(fold(p)) && searchTerms(p).length >= 3);
  const strong = asking.filter((p) => STRONG_CUE.test(fold(p)));
  const chosen = (strong.length ? strong : asking).at(-1);
  if (!chosen) return undefined;
  // "… cái TB 16/TB-VPCP ấy, ban hành ngày nào ạ": the document named just before goes with the question.
  const i = parts.indexOf(chosen);
  if (i > 0 && !findDocRefs(chosen).length && findDocRefs(parts[i - 1]!).length)
    return `${parts[i - 1]} ${chosen}`;
  return chosen;
}
