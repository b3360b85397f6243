/**
 * Free questions that only a search can answer: the best entries of any kind, each with its source.
 * When nothing covers enough of the question, the reply says so plainly (abstains) and names what
 * is known nearby.
 */

import { nextOccurrence } from "../../deadlines/due-date.ts";
import { FACT_ANSWERS, type Fact } from "../../knowledge/facts.ts";
import { documentLabel } from "../../knowledge/model.ts";
import type { KDocument } from "../../knowledge/schema.ts";
import {
  type ExpandedQuery,
  type SearchHit,
  type SearchKind,
  TELLING_RARITY,
} from "../../search/search-index.ts";
import { DOC_TYPE_NAMES, docTypeCode } from "../../text/doc-number.ts";
import { editDistance } from "../../text/edit-distance.ts";
import { fold } from "../../text/normalize.ts";
import { foldQuestion } from "../../text/question.ts";
import { queryTerms, searchTerms } from "../../text/search-terms.ts";
import { isSyllable } from "../../text/telex.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { answerType, DOCUMENT_FOCUSES, type DocumentFocus, documentFocus, type Focus } from "../focus.ts";
import {
  dueAfterLabel,
  dueText,
  dueWeekdayLine,
  givenTo,
  hasFigure,
  leadNames,
  shorten,
  viNumber,
} from "../format.ts";
import { fuzzyPeople } from "../lexicon.ts";
import { type Query, RECORDED_NOTE, type Reply, ReplyBuilder } from "../reply.ts";
import { issuerAsked } from "./document-list.ts";
import { documentFocusLines } from "./documents.ts";

/** Share of the question an entry must match to be an answer, and to be named as "nearby". */
export const ANSWER_COVERAGE = 0.78;
/** How much of a question a source's own statement must hold to answer it, far ahead of other facts. */
const SOURCE_FACT_COVERAGE = 0.6;
export const NEARBY_COVERAGE = 0.45;
/** An entry with every word of the question, not all side by side, still needs this much. */
export const SPREAD_COVERAGE = 0.6;
/** An entry with at least this share, twice the next entry's, answers as the one the question means. */
export const DOMINANT_COVERAGE = 0.6;
/** A term in this many entries or fewer is a rare name ("Postmart", "NDXP"). */
const RARE_ENTRIES = 3;
/** The entry that holds every telling word answers with this share of the question, this far ahead. */
export const AHEAD_COVERAGE = 0.7;
export const AHEAD_MARGIN = 0.15;

/**
 * Generic agents a sentence may name: "các cơ quan, đơn vị", "Thủ tướng", "người dân" (named units and
 * bodies are matched by the lexicon; "ban", "sở" alone fold as "cơ bản", "số").
 */
const AGENT =
  /\b(?:co quan|don vi|dia phuong|nguoi dan|doanh nghiep|thu tuong|chu tich|giam doc|bo truong|truong ban|to truong|uy ban|ubnd|trung tam)\b/g;

/**
 * Whether a sentence names a person, unit or body (or an agent word) the question does not: the test,
 * with the question read once.
 */
function agentBeyond(question: string, ctx: AnswerContext): (sentence: string) => boolean {
  const named = (terms: string[]) => [
    ...ctx.lex.units.match(terms).map((m) => `u:${m.value.id}`),
    ...ctx.lex.bodies.match(terms).map((m) => `b:${m.value}`),
    ...ctx.lex.people.match(terms).map((m) => `p:${m.value}`),
  ];
  const asked = new Set(named(searchTerms(question)));
  const askedWords = new Set(foldQuestion(question).match(AGENT) ?? []);
  return (sentence) =>
    named(searchTerms(sentence)).some((x) => !asked.has(x)) ||
    (fold(sentence).match(AGENT) ?? []).some((w) => !askedWords.has(w));
}

/** The sentence of an entry that shares most words with the question (to show why it matched). */
function bestSentence(sentences: string[], question: string, exclude = ""): string | undefined {
  const qt = queryTerms(question);
  const q = new Set(qt);
  const pairs = new Set(qt.slice(1).map((t, i) => `${qt[i]} ${t}`));
  const skip = new Set(searchTerms(exclude));
  let best: { s: string; n: number } | undefined;
  for (const s of sentences) {
    const st = searchTerms(s);
    // Words the question shares (beyond the title already shown), and twice its word pairs.
    let n = new Set(st.filter((t) => q.has(t) && !skip.has(t))).size;
    for (let i = 0; i + 1 < st.length; i++) if (pairs.has(`${st[i]} ${st[i + 1]}`)) n += 2;
    if (n > 0 && (!best || n > best.n)) best = { s, n };
  }
  return best?.s;
}

function sentencesOf(hit: SearchHit, ctx: AnswerContext): string[] {
  const { kb } = ctx;
  const id = hit.doc.id;
  const split = (t?: string) => (t ? t.split(/(?<=[.;])\s+/) : []);
  switch (hit.doc.kind) {
    case "meeting": {
      const m = kb.meeting(id)!;
      return [...m.agenda, ...m.results, ...m.shortcomings, ...m.conclusions.flatMap(split)];
    }
    case "document":
      return kb.document(id)!.keyPoints;
    case "indicator":
      return kb.get("indicators", id)!.notes;
    default:
      return [];
  }
}

/**
 * The words an entry found writes (its line and its sentences), folded, each between spaces, for
 * finding a phrase in it word for word; undefined for an entry that is not described.
 */
export function entryWords(hit: SearchHit, ctx: AnswerContext): string | undefined {
  const d = describe(hit, ctx);
  return d
    ? ` ${fold([d.text, ...sentencesOf(hit, ctx)].join(" ")).replace(/[^\p{L}\p{N}]+/gu, " ")} `
    : undefined;
}

/** One line describing an entry, its citations, and a follow-up query. */
function describe(
  hit: SearchHit,
  ctx: AnswerContext,
): { text: string; sources: string[]; query?: Query; label?: string } | undefined {
  const { kb } = ctx;
  const id = hit.doc.id;
  switch (hit.doc.kind) {
    case "unit": {
      const u = kb.unit(id)!;
      const n = kb.tasksOfUnit(id).lead.length;
      return {
        text: `Đơn vị: ${u.name}${n ? ` (${n} nhiệm vụ chủ trì)` : ""}`,
        sources: u.sources,
        query: { kind: "tasks", unitId: id },
        label: `Nhiệm vụ của ${u.name}`,
      };
    }
    case "group": {
      const g = kb.group(id)!;
      return {
        text: `Nhóm đơn vị: ${g.name}`,
        sources: g.sources,
        query: { kind: "tasks", unitId: id },
        label: "Nhiệm vụ giao chung",
      };
    }
    case "body": {
      const b = kb.body(id)!;
      const est = b.establishedBy ? kb.document(b.establishedBy) : undefined;
      const extra = [b.description, est ? `Thành lập theo ${documentLabel(est)}.` : ""]
        .filter(Boolean)
        .join(" ");
      return {
        text: `${b.name}${extra ? `: ${shorten(extra, 400)}` : ""}`,
        sources: [...(est ? [est.id] : []), ...b.sources],
      };
    }
    case "person": {
      const p = kb.person(id)!;
      return {
        text: `${p.name}: ${p.positions.map((x) => x.title).join("; ")}`,
        sources: p.sources,
        query: { kind: "person", personId: id },
        label: p.name,
      };
    }
    case "document": {
      const d = kb.document(id)!;
      return {
        text: `${documentLabel(d)} (${d.issuer}): ${shorten(d.summary)}`,
        sources: [d.id, ...d.sources],
        query: { kind: "document", docId: id },
        label: `${d.type} ${d.number}`,
      };
    }
    case "theme": {
      const t = kb.get("themes", id)!;
      return {
        text: `Chủ đề năm ${t.year} (${t.scope === "national" ? "quốc gia" : "tỉnh"}): “${t.title}”`,
        sources: t.sources,
        query: { kind: "theme", year: t.year },
        label: `Chủ đề năm ${t.year}`,
      };
    }
    case "task": {
      const t = kb.task(id)!;
      const support = t.support.length ? `; phối hợp: ${kb.namesOf(t.support).join("; ")}` : "";
      const given = givenTo(t);
      return {
        text: `Nhiệm vụ: ${t.title} — chủ trì: ${leadNames(kb, t)}${given ? ` (giao cho ${given})` : ""}${support}; ${dueText(t, ctx.today)}`,
        sources: [...(t.document ? [t.document] : []), ...t.sources],
      };
    }
    case "meeting": {
      const m = kb.meeting(id)!;
      return {
        text: `Cuộc họp ngày ${formatViDate(m.date)}: ${m.title}`,
        sources: m.sources,
        query: { kind: "meeting", meetingId: id },
        label: `Họp ${formatViDate(m.date)}`,
      };
    }
    case "indicator": {
      const i = kb.get("indicators", id)!;
      const v = i.value !== undefined ? `: ${viNumber(i.value)}` : "";
      return {
        text: `${i.name} ${i.year}${v}${i.rank ? `, xếp hạng ${i.rank}/${i.of ?? "?"}` : ""}`,
        sources: i.sources,
        query: { kind: "indicator", year: i.year },
        label: `${i.name} ${i.year}`,
      };
    }
    case "target": {
      const t = kb.get("targets", id)!;
      return {
        text: `Mục tiêu (${t.scope === "national" ? "quốc gia" : "tỉnh"}, ${t.year}): ${t.text}`,
        sources: [...(t.document ? [t.document] : []), ...t.sources],
      };
    }
  }
  return undefined;
}

/** "… ban hành theo quyết định nào", "nghị quyết số mấy": the kind of document a question asks for. */
const ASKED_KIND =
  /\b(quyet dinh|nghi quyet|nghi dinh|chi thi|thong bao|ke hoach) (?:so )?(?:nao|gi|may|so may|bao nhieu)\b/;

/** "Quy chế … ban hành (bằng) văn bản nào": a kind of text that a document issues, asked by its name. */
const GENRE_ASKED =
  /^(?:.*\b)?(quy che|de an|chuong trinh|chien luoc|bo chi so|bo tieu chi)\b.*\b(?:ban hanh|phe duyet|kem theo)\b/;
const GENRE_NAMES: Readonly<Record<string, string>> = {
  "quy che": "quy chế",
  "de an": "đề án",
  "chuong trinh": "chương trình",
  "chien luoc": "chiến lược",
  "bo chi so": "bộ chỉ số",
  "bo tieu chi": "bộ tiêu chí",
};

/**
 * "… ban hành theo quyết định nào" answered by a document of another kind, neither issuing one of that
 * kind ("Ban hành Kế hoạch …") nor attached to one: no document of the kind asked is recorded.
 */
function otherKindAsked(d: KDocument, ctx: AnswerContext): { lines: string[]; recorded: false } | undefined {
  const asked = foldQuestion(ctx.question ?? "");
  const kind = ASKED_KIND.exec(asked)?.[1];
  if (!kind || fold(d.type) === kind || fold(d.summary).startsWith(kind)) {
    // "Quy chế làm việc của Ban Điều hành được ban hành bằng văn bản nào": the text asked for is a quy
    // chế (đề án, chương trình…), and the document found neither is one nor says it issues one.
    const genre = GENRE_ASKED.exec(asked)?.[1];
    if (genre && !fold([d.type, d.summary, ...d.keyPoints].join(" ")).includes(genre.replace(/^bo /, "")))
      return {
        lines: [
          `Nguồn hiện có không ghi văn bản ban hành ${GENRE_NAMES[genre] ?? genre} được hỏi. Điều đã biết:`,
        ],
        recorded: false,
      };
    return undefined;
  }
  // (Nor when it is attached to one, or implements one: "Chương trình … thực hiện nghị quyết nào".)
  const related = d.relations.some(
    (r) => r.kind !== "cites" && fold(ctx.kb.document(r.target)?.type ?? "") === kind,
  );
  if (related) return undefined;
  const code = docTypeCode(kind);
  const what = code ? DOC_TYPE_NAMES[code].toLowerCase() : "văn bản";
  return { lines: [`Nguồn hiện có không ghi ${what} nào về việc này. Điều đã biết:`], recorded: false };
}

/**
 * The direct answer to what the question asks of the entry found (who leads or supports a task; who
 * signed a document, when, its number…), cited, and whether the sources record it.
 */
function focusAnswer(
  focus: Focus,
  hit: SearchHit,
  ctx: AnswerContext,
): { lines: string[]; sources: string[]; recorded: boolean } | undefined {
  const { kb } = ctx;
  // "Nhiệm vụ trọng tâm thứ ba bám sát những văn bản nào": the documents the task names.
  if (focus === "which" && hit.doc.kind === "task") {
    const t = kb.task(hit.doc.id);
    const docs = t
      ? [...(t.document ? [kb.document(t.document)] : []), ...kb.documentsNamedBy(t)].filter(
          (d): d is NonNullable<typeof d> => !!d,
        )
      : [];
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    if (!t || !unique.length) return undefined;
    return {
      lines: [`Văn bản: ${unique.map((d) => documentLabel(d)).join("; ")}.`],
      sources: [...unique.map((d) => d.id), ...t.sources],
      recorded: true,
    };
  }
  // "<mục tiêu> nằm trong văn bản nào": the document the target was set by.
  if (focus === "which" && hit.doc.kind === "target") {
    const t = kb.get("targets", hit.doc.id);
    const d = t?.document ? kb.document(t.document) : undefined;
    if (!t || !d) return undefined;
    // ("Bộ chỉ số DTI cấp tỉnh ban hành theo quyết định nào": a kind of document asked that the target's
    // own is not; no decision of the kind asked is recorded, the target's document is what is known.)
    const other = otherKindAsked(d, ctx);
    if (other) return { ...other, sources: [d.id, ...d.sources, ...t.sources] };
    return { ...documentFocusLines(d, "which", ctx), sources: [d.id, ...d.sources, ...t.sources] };
  }
  if (hit.doc.kind === "document" && (DOCUMENT_FOCUSES as readonly string[]).includes(focus)) {
    const d = kb.document(hit.doc.id);
    if (!d) return undefined;
    // ("Quy chế làm việc của Ban Điều hành ban hành theo quyết định nào": a plan of that body found.)
    const other = focus === "which" ? otherKindAsked(d, ctx) : undefined;
    if (other) return { ...other, sources: [d.id, ...d.sources] };
    return { ...documentFocusLines(d, focus as DocumentFocus, ctx), sources: [d.id, ...d.sources] };
  }
  if (hit.doc.kind !== "task" || (focus !== "lead" && focus !== "support" && focus !== "deadline"))
    return undefined;
  const t = kb.task(hit.doc.id);
  if (!t) return undefined;
  const title = shorten(t.title, 120);
  const sources = [...(t.document ? [t.document] : []), ...t.sources];
  if (focus === "lead") {
    // A lead that has since ended (merged, closed): who holds the task today, or that no one is named.
    const ended = t.lead.flatMap((id) => kb.unitEndSentence(id, ctx.today) ?? []);
    return {
      lines: [`Chủ trì “${title}”: ${leadNames(kb, t)}.`, ...ended.map((e) => e.text)],
      sources: [...sources, ...ended.flatMap((e) => e.sources)],
      recorded: true,
    };
  }
  if (focus === "deadline") {
    // A deadline the sources give in words ("Trong năm 2023") is recorded too.
    const recorded = Boolean(
      t.deadline.due || t.deadline.recurrence || t.deadline.continuous || t.deadline.text,
    );
    const lines = [`Thời hạn “${title}”: ${dueAfterLabel(t, ctx.today)}.`];
    const day = dueWeekdayLine(t, ctx.today, ctx.question);
    if (day) lines.push(day);
    // A yearly task whose day this year has passed: said, since "đã qua hạn chưa" asks of this year.
    const r = t.deadline.recurrence;
    if (r?.kind === "yearly") {
      const year = ctx.today.slice(0, 4);
      const thisYear = nextOccurrence(r, `${year}-01-01`);
      const from = t.year ?? Number(year);
      if (thisYear < ctx.today && Number(year) >= from)
        lines.push(`Hạn năm ${year} (${formatViDate(thisYear)}) đã qua.`);
    }
    return { lines, sources, recorded };
  }
  return t.support.length
    ? {
        lines: [`Phối hợp thực hiện “${title}”: ${kb.namesOf(t.support).join("; ")}.`],
        sources,
        recorded: true,
      }
    : {
        lines: [`Nguồn không ghi đơn vị phối hợp cho nhiệm vụ “${title}” (chủ trì: ${leadNames(kb, t)}).`],
        sources,
        recorded: false,
      };
}

/** Facts that answer the question: fitting at least `needed` of it, of the kind of answer it wants first. */
function factsFor(
  text: string,
  needed: number,
  ctx: AnswerContext,
  typed = true,
): { fact: Fact; coverage: number; held: number }[] {
  const { index, byId } = ctx.lex.facts();
  // (Not when a sentence of a kind is sought: whether a target was reached is said, not a figure.)
  const wants = typed ? answerType(foldQuestion(text)) : undefined;
  // The bodies and people the question names by name: their own facts first.
  const terms = searchTerms(text);
  const people = ctx.lex.people.match(terms);
  const named = new Set([
    ...ctx.lex.bodies.match(terms).map((m) => m.value),
    ...(people.length ? people : fuzzyPeople(ctx.lex, terms)).map((m) => m.value),
  ]);
  // The query as the entry index reads it (typos corrected there): the fact index keeps no fuzzy
  // vocabulary of its own.
  // (A word only a fact holds, "sắp xếp" of a source's statement, is that fact's own: kept as typed.)
  const query = ctx.lex.index
    .expandQuery(text)
    .map((t) =>
      t.alternatives.length || !index.entriesWith(t.term)
        ? t
        : { ...t, alternatives: [{ term: t.term, weight: 1 }] },
    );
  const scored = index
    .search(text, { limit: 12, query })
    .filter((h) => h.coverage >= needed)
    // A fact about a person answers only a question that names that person ("Trần Quốc Lam" is not
    // "Trần Quốc Nam", however many words they share).
    .filter((h) => {
      const f = byId.get(h.doc.id)!;
      return f.entity.kind !== "person" || named.has(f.entity.id);
    })
    .map((h) => {
      const fact = byId.get(h.doc.id)!;
      // A fact whose own words hold what is asked before one that matched only through its context
      // ("tầm nhìn đến năm 2030": the documents so named, not every key point of one of them).
      const own = new Set(searchTerms(fact.text));
      const held = query.length
        ? query.filter((t) => t.alternatives.some((a) => own.has(a.term))).length / query.length
        : 1;
      const bonus =
        (wants && FACT_ANSWERS[fact.type] === wants ? 0.08 : 0) +
        (named.has(fact.entity.id) ? 0.1 : 0) +
        0.1 * held;
      return { fact, coverage: h.coverage, held, rank: h.coverage + bonus };
    })
    .sort((a, b) => b.rank - a.rank);
  if (!scored.length) return [];
  const best = scored[0]!.rank;
  return scored.filter((x) => x.rank >= best - 0.1).slice(0, 3);
}

/**
 * "tỷ trọng kinh tế số trong GRDP có đạt mục tiêu không": whether a target was reached, when a recorded
 * sentence (a meeting's results or shortcomings) says so of those words; undefined otherwise (then the
 * answer is that the sources do not record it).
 */
export function answerReachedFromFacts(text: string, ctx: AnswerContext): Reply | undefined {
  // (Read with its marks: "đạt" is reached, "đặt các mục tiêu" only sets them.)
  const stated =
    /(?<!\p{L})(?:chưa đạt|đã đạt|không đạt|vượt|đạt)(?!\p{L}).{0,40}(?<!\p{L})(?:mục tiêu|chỉ tiêu|kế hoạch)(?!\p{L})/u;
  const words = text.replace(/\b(?:có|co|đã|da)\s+(?:đạt|dat)\b.*$/iu, " ");
  return answerStatedFromFacts(words, stated, 0.6, ctx, false);
}

/**
 * How far a piece of work had got, when a recorded result says so ("nền tảng dữ liệu dùng chung làm
 * đến đâu rồi": "… cơ bản hoàn thành"), with the day it was said.
 */
export function answerProgressFromFacts(text: string, ctx: AnswerContext): Reply | undefined {
  const stated =
    /\b(?:hoan thanh|da xong|dang (?:trien khai|thuc hien|xay dung)|da (?:trien khai|dua vao|van hanh|ket noi))\b/;
  const words = text.replace(
    /\b(?:(?:làm|lam|xây|xay|thực hiện|thuc hien|triển khai|trien khai)\s+(?:đến|den|tới|toi)\s+(?:đâu|dau)(?:\s+(?:rồi|roi))?|tiến độ|tien do)\b.*$/iu,
    " ",
  );
  return answerStatedFromFacts(words, stated, 0.75, ctx);
}

function answerStatedFromFacts(
  words: string,
  stated: RegExp,
  fit: number,
  ctx: AnswerContext,
  folded = true,
): Reply | undefined {
  const facts = factsFor(words, fit, ctx, false).filter((f) =>
    stated.test(folded ? fold(f.fact.text) : f.fact.text.normalize("NFC").toLowerCase()),
  );
  if (!facts.length) return undefined;
  return answerFromFacts([facts[0]!.fact], ctx);
}

/** The reply made of facts: each sentence cited, its entry as an item and a next step. */
function answerFromFacts(facts: Fact[], ctx: AnswerContext): Reply {
  const r = new ReplyBuilder("search");
  const seen = new Set<string>();
  for (const f of facts) {
    r.line(f.text, ctx.kb.citeAll(f.sources));
    const key = `${f.entity.kind}:${f.entity.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    r.item(f.entity.kind, f.entity.id);
    const next = entityAction(f, ctx);
    if (next) r.action(next.label, next.query);
  }
  return r.build();
}

function entityAction(f: Fact, ctx: AnswerContext): { label: string; query: Query } | undefined {
  const { kb } = ctx;
  switch (f.entity.kind) {
    case "document": {
      const d = kb.document(f.entity.id);
      return d ? { label: `${d.type} ${d.number}`, query: { kind: "document", docId: d.id } } : undefined;
    }
    case "meeting": {
      const m = kb.meeting(f.entity.id);
      return m
        ? { label: `Họp ${formatViDate(m.date)}`, query: { kind: "meeting", meetingId: m.id } }
        : undefined;
    }
    case "person": {
      const p = kb.person(f.entity.id);
      return p ? { label: p.name, query: { kind: "person", personId: p.id } } : undefined;
    }
    case "indicator": {
      const i = kb.get("indicators", f.entity.id);
      return i ? { label: `${i.name} ${i.year}`, query: { kind: "indicator", year: i.year } } : undefined;
    }
    case "theme": {
      const t = kb.get("themes", f.entity.id);
      return t ? { label: `Chủ đề năm ${t.year}`, query: { kind: "theme", year: t.year } } : undefined;
    }
    default:
      return undefined;
  }
}

export function answerSearch(
  q: { text: string; kinds?: SearchKind[]; focus?: Focus; docType?: string; year?: number },
  ctx: AnswerContext,
): Reply {
  const query = ctx.lex.index.expandQuery(q.text);
  // ("từ ngày nào đến ngày nào" alone: when, of nothing named; no entry answers it.)
  if (!q.kinds && query.length && query.every((t) => TIME_FRAME.has(t.term))) {
    const r = new ReplyBuilder("search").abstain();
    r.line("Câu hỏi chưa nêu việc, văn bản hay cuộc họp nào. Bạn hỏi thời gian của việc gì?");
    return r.build();
  }
  const hits = ctx.lex.index.search(q.text, { limit: 8, query, ...(q.kinds ? { kinds: q.kinds } : {}) });
  // A word the knowledge has never seen (not even as a typo of a known one) is a topic it does not
  // cover (a typo-corrected word counts as unseen here): "lương giám đốc sở" must not be answered
  // with the director's name alone.
  // (A word corrected into one that, with the word before or after it, is a phrase of the entry found,
  // "cộng đồg" → "cộng đồng" after "cộng", is a typo of that phrase: seen.)
  const unknown = query.filter(
    (t) =>
      !t.alternatives.some((a) => a.term === t.term) &&
      !phraseTypo(q.text, t, hits[0], ctx) &&
      !frameSlip(q.text, t.term),
  );
  // A search the intent already narrowed (the tasks a deadline question names) needs less.
  const base = q.kinds ? 0.5 : ANSWER_COVERAGE;
  const needed = unknown.length ? 0.95 : base;
  // An entry that has every word the question names answers it too, however they are spread
  // ("cáp quang 2023": a target on "hộ gia đình có cáp quang" by 2023).
  // (A rare name, "Postmart", "NDXP", found with every other word of the question in one entry answers
  // it however far apart they stand: "sàn Postmart" for "các sàn … Vỏ Sò và Postmart".)
  const rare =
    !unknown.length &&
    query.some((t) => {
      const n = ctx.lex.index.entriesWith(t.term);
      // (A name: no Vietnamese syllable; "tiết" of "chi tiết" is none.)
      return n > 0 && n <= RARE_ENTRIES && t.term.length >= 3 && !isSyllable(t.term);
    });
  // (One entry far ahead of every other, with half the question's words, answers it: "kho dữ liệu điện
  // tử của tổ chức, cá nhân nhằm mục đích gì" is the one target that names it.)
  const [top, second] = hits;
  const asksFor = answerType(foldQuestion(q.text));
  const figureAsked = asksFor === "figure";
  // (Not for a figure: "tỉnh có bao nhiêu thuê bao di động" is not the target that names them.)
  const dominant =
    !unknown.length &&
    !figureAsked &&
    top !== undefined &&
    top.coverage >= DOMINANT_COVERAGE &&
    (second === undefined || second.coverage < top.coverage / 2);
  // (The entry far ahead that holds every telling word of the question, the rare ones, answers it though
  // common words miss: "Bộ TT&TT muốn dữ liệu mở năm 2023 tăng lên bao nhiêu so với 2022".)
  const telling = query.filter(
    (t) => Math.max(...t.alternatives.map((a) => ctx.lex.index.rarity(a.term))) >= TELLING_RARITY,
  );
  const holdsTelling = (h: SearchHit) => {
    const words = telling.length >= 2 ? entryWords(h, ctx) : undefined;
    return !!words && telling.every((t) => t.alternatives.some((a) => words.includes(` ${a.term} `)));
  };
  const ahead =
    !unknown.length &&
    top !== undefined &&
    top.coverage >= AHEAD_COVERAGE &&
    (second === undefined || top.coverage - second.coverage >= AHEAD_MARGIN) &&
    holdsTelling(top);
  const found = (h: SearchHit) =>
    h.coverage >= needed ||
    (ahead && h === top) ||
    (dominant && h === top) ||
    (!unknown.length && query.length >= 2 && h.termCoverage >= 0.99 && h.coverage >= SPREAD_COVERAGE) ||
    (rare && query.length >= 2 && query.length <= 4 && h.termCoverage >= 0.99);
  // A document asked for one attribute must name the body the question names (its number is not
  // another body's number).
  const strict = q.focus !== undefined && (DOCUMENT_FOCUSES as readonly string[]).includes(q.focus);
  // "Kế hoạch … của BĐH có số hiệu là gì": the number, date or signer of a plan is a plan's.
  const kind = strict && ["number", "date", "signer"].includes(q.focus!) ? q.docType : undefined;
  // "Văn bản nào của Bộ TT&TT …": a document of that issuer, not another's that mentions it.
  const issuer = strict
    ? issuerAsked(foldQuestion(ctx.question ?? q.text), ctx.kb.data.documents)
    : undefined;
  const strong = hits
    .filter(found)
    .filter((h) => aboutNamedBodies(h, q.text, ctx, strict))
    // A document's number or signer is a document's: a meeting that mentions a draft does not give it.
    .filter(
      (h) =>
        !(q.focus === "number" || q.focus === "signer") || h.doc.kind === "document" || h.doc.kind === "body",
    )
    .filter((h) => {
      if (!issuer || h.doc.kind !== "document") return true;
      const by = ctx.kb.document(h.doc.id)?.issuer;
      return by !== undefined && sameIssuer(by, issuer, ctx);
    })
    .filter((h) => {
      if (!kind || h.doc.kind !== "document") return true;
      // (A Quyết định that issues a "Kế hoạch hoạt động năm 2023" is that plan's number.)
      const d = ctx.kb.document(h.doc.id);
      return !d || fold(d.type) === kind || fold(d.summary).startsWith(kind);
    })
    // "Kế hoạch … năm 2023 … số hiệu": a document issued that year, or one about it.
    .filter((h) => {
      if (!kind || !q.year || h.doc.kind !== "document") return true;
      const d = ctx.kb.document(h.doc.id);
      // (A year the summary names as a day's, "ngày 20/02/2023", is not what the plan is for.)
      const about = new RegExp(`(?:năm|giai đoạn|đến)\\s+${q.year}|${q.year}\\s*[–-]|[–-]\\s*${q.year}`);
      return !d || d.date.startsWith(String(q.year)) || about.test(d.summary);
    });
  // A question for a figure ("bao nhiêu", "tỷ lệ") is answered only by an entry that states one.
  const wantsFigure = !q.focus && figureAsked;
  // A question for who is answered only by what names someone (see noWho below).
  const wantsWho = !q.focus && !q.kinds && asksFor === "who";
  const namesAgent = wantsWho ? agentBeyond(q.text, ctx) : () => true;
  // The facts that state what is asked, when they fit the question at least as well as an entry does.
  const facts = q.kinds ? [] : factsFor(q.text, needed, ctx);
  // A task found is answered by its card (lead, support, deadline): tasks have no facts in this index.
  // (A question for a figure is not answered by facts that state none: "có bao nhiêu tổ …".)
  const factsWin =
    facts.length &&
    (!wantsFigure || facts.some((f) => hasFigure(f.fact.text))) &&
    (!wantsWho || facts.some((f) => namesAgent(f.fact.text))) &&
    (!strong.length ||
      // (Not a fact that fits only through its document's summary, when the document itself is found.)
      (strong[0]!.doc.kind !== "task" &&
        facts[0]!.coverage >= strong[0]!.coverage &&
        facts[0]!.held >= 0.5) ||
      // (A fact that fits plainly better than a task whose words are only spread over it.)
      facts[0]!.coverage >= strong[0]!.coverage + 0.1);
  if (factsWin) {
    return answerFromFacts(
      facts.map((f) => f.fact),
      ctx,
    );
  }
  // What only a source states ("sắp xếp đơn vị hành chính cấp tỉnh 2025"), when no entry is found: the
  // source's statement far ahead of every other fact, with most of the question's words, answers it.
  // (Every word known to some fact; a document's number, date or signer asked only when the statement
  // gives one: "nghị quyết sắp xếp tỉnh số mấy" is not answered by a statement that names none.)
  const unseen = unknown.filter((t) => !ctx.lex.facts().index.entriesWith(t.term));
  const focus = documentFocus(foldQuestion(q.text));
  if (
    !strong.length &&
    !q.kinds &&
    !unseen.length &&
    (!focus || focus === "which" || focus === "summary") &&
    asksFor !== "when"
  ) {
    const [best, next] = factsFor(q.text, SOURCE_FACT_COVERAGE, ctx, false);
    if (
      best?.fact.type === "source.statement" &&
      (!next || next.coverage <= best.coverage / 2) &&
      (!wantsFigure || hasFigure(best.fact.text))
    )
      return answerFromFacts([best.fact], ctx);
  }
  const noFigure =
    wantsFigure &&
    strong.length > 0 &&
    !strong.slice(0, 4).some((h) => {
      const d = describe(h, ctx);
      if (!d) return false;
      // The sentence that matched the question must state the figure; the entry's headline figure
      // (a DTI value) is not the one asked about a sentence of its notes.
      const why = bestSentence(sentencesOf(h, ctx), q.text, d.text);
      return why ? hasFigure(why) : hasFigure(d.text);
    });
  // A question for who ("ai phụ trách tổ công nghệ số cộng đồng ở xã") is answered only by a sentence that
  // names someone, a unit or a body other than those the question names.
  const noWho =
    wantsWho &&
    strong.length > 0 &&
    // (The entries that would be shown: within 0.15 of the best.)
    !strong
      .filter((h) => h.coverage >= strong[0]!.coverage - 0.15)
      .slice(0, 4)
      .some((h) => {
        const d = describe(h, ctx);
        if (!d) return false;
        if (h.doc.kind === "task" || h.doc.kind === "person" || h.doc.kind === "document") return true;
        const why = bestSentence(sentencesOf(h, ctx), q.text, d.text) ?? d.text;
        return namesAgent(why);
      });
  if (!strong.length || noFigure || noWho) {
    const r = new ReplyBuilder("search").abstain();
    r.line(
      noFigure
        ? "Nguồn hiện có không ghi con số được hỏi."
        : noWho
          ? "Nguồn hiện có không ghi người, cơ quan được hỏi."
          : "Tôi chưa có thông tin để trả lời câu hỏi này trong cơ sở tri thức.",
    );
    const near = hits.filter((h) => h.coverage >= NEARBY_COVERAGE).slice(0, 2);
    for (const h of near) {
      const d = describe(h, ctx);
      if (!d) continue;
      r.line(`Gần nhất tôi có: ${shorten(d.text, 160)}`, ctx.kb.citeAll(d.sources));
      r.item(h.doc.kind, h.doc.id);
      if (d.query && d.label) r.action(d.label, d.query);
    }
    r.note(RECORDED_NOTE);
    return r.build();
  }
  const best = strong[0]!.coverage;
  const shown = strong.filter((h) => h.coverage >= best - 0.15).slice(0, 4);
  const r = new ReplyBuilder("search");
  let direct = q.focus ? focusAnswer(q.focus, strong[0]!, ctx) : undefined;
  // ("Bộ chỉ số … cấp xã nằm trong quyết định nào": a decision found after a plan that is not one.)
  if (direct && !direct.recorded && q.focus === "which") {
    const other = strong
      .slice(1, 4)
      .map((h) => focusAnswer("which", h, ctx))
      .find((a) => a?.recorded);
    if (other) direct = other;
  }
  // "Bộ chỉ số … cấp xã ban hành kèm quyết định nào": the document whose subject it is, when it records
  // no other it goes with.
  if (
    direct &&
    !direct.recorded &&
    q.focus === "relation" &&
    strong[0]!.doc.kind === "document" &&
    strong[0]!.coverage >= 0.75
  )
    direct = focusAnswer("which", strong[0]!, ctx);
  // ("… có cơ quan phối hợp nào được ghi không": whether it is recorded, answered "Không".)
  const asksRecorded = /\b(?:duoc ghi|co ghi|ghi nhan|ghi ro)\b.*\b(?:khong|ko|k|chua)\s*$/.test(
    foldQuestion(ctx.question ?? q.text)
      .replace(/[^\p{L}\p{N}\s]/gu, " ")
      .trim(),
  );
  if (direct) {
    if (!direct.recorded && !asksRecorded) r.abstain();
    const deny = !direct.recorded && asksRecorded;
    for (const [i, line] of direct.lines.entries())
      r.line(deny && i === 0 ? `Không. ${line}` : line, ctx.kb.citeAll(direct.sources));
  }
  for (const h of shown) {
    const d = describe(h, ctx);
    if (!d) continue;
    r.line(`• ${d.text}`, ctx.kb.citeAll(d.sources));
    // (A task named by its place, "nhiệm vụ trọng tâm thứ nhất … dẫn dắt việc hình thành những gì":
    // searched by its title, the sentence that answers is the one the question's own words fit.)
    const byQuestion =
      h.doc.kind === "task" && q.kinds?.includes("task") && !!ctx.question && ctx.question !== q.text;
    const own = byQuestion
      ? (ctx.kb.task(h.doc.id)?.details ?? "").split(/(?<=[.;])\s+|,\s+(?=trọng tâm\b)/u).filter(Boolean)
      : sentencesOf(h, ctx);
    const why = bestSentence(own, byQuestion ? ctx.question! : q.text, d.text);
    // A task the question names whole ("nhiệm vụ trọng tâm thứ nhất là gì"): what it asks, in detail.
    const task = h.doc.kind === "task" && h.coverage >= 0.75 && !q.focus ? ctx.kb.task(h.doc.id) : undefined;
    const details = task?.details && (!why || byQuestion) ? shorten(task.details, 600) : undefined;
    if (details) r.line(details, [], 1);
    // (The sentence the question's words fit, when the details shown stop before it.)
    if (why && !(details && fold(details).includes(fold(shorten(why, 120)).replace(/…$/, ""))))
      r.line(`“${shorten(why, 300)}”`, [], 1);
    r.item(h.doc.kind, h.doc.id);
    if (d.query && d.label) r.action(d.label, d.query);
  }
  return r.build();
}

/**
 * Whether the i-th query term, unknown to the index, was corrected into a word that forms a phrase with
 * its neighbour in the entry found ("cong dog" → "cong dong").
 */
function phraseTypo(
  question: string,
  term: ExpandedQuery[number],
  hit: SearchHit | undefined,
  ctx: AnswerContext,
): boolean {
  const alt = term.alternatives[0]?.term;
  if (!alt || !hit) return false;
  const words = fold(question).split(/[^\p{L}\p{N}]+/u);
  const i = words.indexOf(term.term);
  if (i < 0) return false;
  const text = entryWords(hit, ctx);
  if (!text) return false;
  const prev = words[i - 1];
  const next = words[i + 1];
  return (!!prev && text.includes(` ${prev} ${alt} `)) || (!!next && text.includes(` ${alt} ${next} `));
}

/**
 * "văn bản nào quy địn …": a word a letter away from completing, with the word before or after it, a verb
 * that frames what is asked; a slip in the frame, not a topic the knowledge lacks.
 */
function frameSlip(question: string, term: string): boolean {
  const words = fold(question).split(/[^\p{L}\p{N}]+/u);
  const i = words.indexOf(term);
  if (i < 0) return false;
  const prev = words[i - 1];
  const next = words[i + 1];
  for (const pair of FRAME_PAIRS) {
    const [a, b] = pair.split(" ") as [string, string];
    if (prev === a && term !== b && editDistance(term, b) <= 1) return true;
    if (next === b && term !== a && editDistance(term, a) <= 1) return true;
  }
  return false;
}

/** Words that only ask when (folded): a question of them alone names nothing to search for. */
const TIME_FRAME = new Set([
  "tu",
  "den",
  "toi",
  "ngay",
  "nao",
  "thang",
  "nam",
  "tuan",
  "luc",
  "khi",
  "bao",
  "gio",
  "may",
]);

/** Two-word verbs that frame a question about a document or a task, folded. */
const FRAME_PAIRS = new Set([
  "quy dinh",
  "yeu cau",
  "ban hanh",
  "thuc hien",
  "chu tri",
  "phoi hop",
  "thanh lap",
  "de ra",
  "dat ra",
  "giao cho",
]);

/**
 * Whether an entry can answer a question that names a body ("Quy chế làm việc của Ban Điều hành"): it is
 * that body, or its text names it, or it names no other body. The Ban Chỉ đạo's rules do not answer a
 * question about the Ban Điều hành's, however many words they share.
 */
/** Two issuers as the documents write them are one when they are the same body ("Ban Chỉ đạo chuyển đổi
 * số", "Ban Chỉ đạo của tỉnh về chuyển đổi số"). */
function sameIssuer(a: string, b: string, ctx: AnswerContext): boolean {
  if (fold(a) === fold(b)) return true;
  const bodies = (x: string) => ctx.lex.bodies.match(searchTerms(x)).map((m) => m.value);
  const of = new Set(bodies(a));
  return bodies(b).some((id) => of.has(id));
}

function aboutNamedBodies(hit: SearchHit, question: string, ctx: AnswerContext, strict = false): boolean {
  const { kb, lex } = ctx;
  const named = new Set(lex.bodies.match(searchTerms(question)).map((m) => m.value));
  if (!named.size) return true;
  if (hit.doc.kind === "body") return named.has(hit.doc.id);
  const d = describe(hit, ctx);
  const text = fold([d?.text ?? "", ...sentencesOf(hit, ctx)].join(" . "));
  const mentions = (id: string) => {
    const b = kb.body(id);
    return !!b && [b.name, ...b.aliases].some((n) => n.length > 4 && text.includes(fold(n)));
  };
  if ([...named].some(mentions)) return true;
  return !strict && !kb.data.bodies.some((b) => !named.has(b.id) && mentions(b.id));
}
