/**
 * A directive by its number in any spelling ("tb 16", "16/TB-VPCP", "qd56", "03-TB/BCDCDS"): what it
 * is, what the sources say of it, the tasks it assigns. A number that does not exist gets "no such
 * document" and the nearest real ones ("kế hoạch 3906" → 3609/KH-BĐHCĐS).
 */

import { documentLabel } from "../../knowledge/model.ts";
import type { KDocument, Source } from "../../knowledge/schema.ts";
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { findDatePhrases } from "../../text/dates.ts";
import {
  DOC_TYPE_NAMES,
  type DocRef,
  type DocTypeCode,
  findDocRefs,
  parseDocNumber,
} from "../../text/doc-number.ts";
import { editDistance } from "../../text/edit-distance.ts";
import { fold } from "../../text/normalize.ts";
import { queryTerms, searchTerms, typedWords } from "../../text/search-terms.ts";
import { diffDays, formatViDate, formatViDayMonth } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import type { DocumentFocus } from "../focus.ts";
import { answerType } from "../focus.ts";
import { dueText, hasFigure, leadNames, lowerFirst } from "../format.ts";
import { type Query, RECORDED_NOTE, type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";
import { answerDocumentList } from "./document-list.ts";

type DocumentQuery = Extract<Query, { kind: "document" }>;

const RELATION_LABELS = {
  implements: "Triển khai",
  cites: "Căn cứ",
  replaces: "Thay thế",
  "attached-to": "Ban hành kèm theo",
} as const;

const stripZeros = (s: string) => s.replace(/^0+(?=\d)/, "");

/** Real documents whose number is close to the one asked for (same type first). */
export function nearDocuments(ctx: AnswerContext, number: string, typeCode?: string): KDocument[] {
  const n = stripZeros(number);
  const maxDist = Math.max(1, Math.floor(n.length / 2));
  const scored: { d: KDocument; score: number }[] = [];
  for (const other of ctx.kb.documentNumbers()) {
    if (Math.abs(other.length - n.length) > maxDist) continue;
    const dist = editDistance(n, other);
    if (dist > maxDist) continue;
    for (const { doc, parsed } of ctx.kb.documentsNumbered(other)) {
      scored.push({ d: doc, score: dist + (typeCode && parsed.typeCode !== typeCode ? 1 : 0) });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((x) => x.d);
}

function asRef(q: DocumentQuery): { number: string; typeCode?: DocTypeCode; issuerCode?: string } {
  const ref: { number: string; typeCode?: DocTypeCode; issuerCode?: string } = { number: q.number ?? "" };
  if (q.typeCode) ref.typeCode = q.typeCode as DocTypeCode;
  const parsed = q.ref ? parseDocNumber(q.ref) : null;
  if (parsed?.issuerCode) ref.issuerCode = parsed.issuerCode;
  return ref;
}

/** Documents that answer a reference: same number, and the same type and issuer where given. */
function matching(ctx: AnswerContext, ref: ReturnType<typeof asRef>): KDocument[] {
  return ctx.kb
    .documentsNumbered(ref.number)
    .filter(
      ({ parsed }) =>
        (!ref.typeCode || parsed.typeCode === ref.typeCode) &&
        (!ref.issuerCode || (!!parsed.issuerCode && fold(parsed.issuerCode) === fold(ref.issuerCode))),
    )
    .map((x) => x.doc);
}

/**
 * The year a question gives the document it names by number, when that is not the document's ("Thông
 * báo 16 VPCP năm 2022", "QĐ 56/2021" for one of 2023): the year right after the number (its issuer
 * between), unless the document's words speak of that year; a plan, a programme or a project may be
 * named by the year after its own, the year it is for.
 */
export function yearNamedWith(question: string, d: KDocument): string | undefined {
  const n = d.number.split(/[/-]/)[0]!;
  const f = fold(question);
  const m = new RegExp(
    `(?<![\\d/.])0*${Number(n)}(?:[/-][a-z&]+[a-z0-9&-]*)*(?:\\s+(?:cua\\s+)?[a-z&]+){0,3}?(?:\\s+nam\\s+|/)((?:19|20)\\d\\d)(?!\\d)`,
  ).exec(f);
  const year = m?.[1];
  if (!year) return undefined;
  const own = Number(d.date.slice(0, 4));
  if (Number(year) === own) return undefined;
  if (Number(year) === own + 1 && /^(?:kế hoạch|chương trình|đề án)$/iu.test(d.type)) return undefined;
  const words = fold([d.number, d.summary, ...d.keyPoints].join(" "));
  if (words.includes(year)) return undefined;
  return year;
}

export function findDocuments(ctx: AnswerContext, q: DocumentQuery): KDocument[] {
  if (q.docId) {
    const d = ctx.kb.document(q.docId);
    return d ? [d] : [];
  }
  if (q.ref) {
    const exact = ctx.kb.documentByNumber(q.ref);
    if (exact) return [exact];
  }
  if (!q.number) return [];
  const ref = asRef(q);
  const found = matching(ctx, ref);
  // "Đề án 06" is how people name the project of Quyết định 06/QĐ-TTg: a document whose own words
  // name the reference answers it.
  if (q.ref && !found.length) {
    const said = fold(q.ref);
    for (const part of ["summary", "points"] as const) {
      const named = ctx.kb.data.documents.filter((d) => ctx.kb.foldedDocText(d.id)[part].includes(said));
      if (named.length === 1) return named;
    }
  }
  // "QĐ 3609" for what is Kế hoạch 3609 (the type misremembered, without an issuer code): the one
  // document with that number; the reply names its real type.
  if (!found.length && ref.typeCode && !ref.issuerCode) {
    const any = ctx.kb.documentsNumbered(ref.number).map((x) => x.doc);
    if (any.length === 1) return any;
  }
  return found;
}

/**
 * The direct answer to one question about a document, in one sentence (or two for a relation), and
 * whether the sources record it: "Kế hoạch 4233/KH-UBND do Nguyễn Long Biên ký.", "Nguồn hiện có không
 * ghi người ký Kế hoạch 3609/KH-BĐHCĐS."
 */
export function documentFocusLines(
  d: KDocument,
  focus: DocumentFocus,
  ctx: AnswerContext,
): { lines: string[]; recorded: boolean } {
  const { kb } = ctx;
  const name = `${d.type} ${d.number}`;
  switch (focus) {
    case "signer":
      return d.signer
        ? { lines: [`${name} do ${d.signer} ký.`], recorded: true }
        : {
            lines: [
              `Nguồn hiện có không ghi người ký ${name}; chỉ biết văn bản do ${d.issuer} ban hành ngày ${formatViDate(d.date)}.`,
            ],
            recorded: false,
          };
    case "issuer":
      return { lines: [`${name} do ${d.issuer} ban hành ngày ${formatViDate(d.date)}.`], recorded: true };
    case "date":
      return { lines: [`${name} ban hành ngày ${formatViDate(d.date)} (${d.issuer}).`], recorded: true };
    case "summary":
      // The sources say when they do not give a document's subject ("nguồn không nêu trích yếu").
      // ("KH 3609 có trích yếu không": the absence the knowledge itself records answers it, "Không".)
      return /khong neu trich yeu/.test(fold(d.summary))
        ? hasAsked(ctx.question)
          ? { lines: [`Không. Nguồn không nêu trích yếu của ${name}.`], recorded: true }
          : { lines: [`Nguồn hiện có không ghi trích yếu của ${name}.`], recorded: false }
        : { lines: [`Trích yếu ${name}: ${d.summary}`], recorded: true };
    case "which":
      return { lines: [`Văn bản: ${documentLabel(d)} của ${d.issuer}.`], recorded: true };
    case "number":
      return {
        lines: [
          `Số hiệu: ${d.number} — ${d.type.toLowerCase()} ngày ${formatViDate(d.date)} của ${d.issuer}.`,
        ],
        recorded: true,
      };
    case "relation": {
      const lines: string[] = [];
      for (const rel of d.relations) {
        const target = kb.document(rel.target);
        if (target)
          lines.push(`${name}: ${RELATION_LABELS[rel.kind].toLowerCase()} ${documentLabel(target)}.`);
      }
      // ("KH 52 nhằm thực hiện văn bản nào": what it carries out, not the plans that carry it out.)
      // (Only of the document the question names: "1813 thực hiện văn bản nào" read as of Công văn 793 keeps
      // the plans that carry 793 out.)
      const asked = expandAbbreviations(fold(ctx.question ?? ""));
      const outgoing =
        OUTGOING_ASKED.test(asked) && new RegExp(`\\b${fold(d.number.split(/[/-]/)[0]!)}\\b`).test(asked);
      for (const o of outgoing ? [] : kb.data.documents) {
        const rel = o.relations.find((x) => x.target === d.id);
        if (rel) lines.push(`${o.type} ${o.number} ${RELATION_LABELS[rel.kind].toLowerCase()} ${name}.`);
      }
      // What the sources say in words ("Có Kế hoạch ban hành kèm theo Quyết định…").
      const said = d.keyPoints.find((p) => /\bkem theo\b|\btrien khai\b|\bthuc hien\b/.test(fold(p)));
      if (said && !lines.length) lines.push(`Theo nguồn: ${said}`);
      // A decision whose subject is a plan, a programme or rules issues them with it: "Kế hoạch hoạt động
      // năm 2023 … ban hành kèm theo Quyết định 17/QĐ-UBQGCĐS".
      if (
        !lines.length &&
        /^quyet dinh/.test(fold(d.type)) &&
        /^(?:ke hoach|chuong trinh|quy che|de an|quy dinh|bo chi so|bo tieu chi|huong dan)\b/.test(
          fold(d.summary),
        )
      )
        lines.push(`${d.summary.replace(/\.$/, "")} ban hành kèm theo ${documentLabel(d)}.`);
      // ("bộ chỉ số DTI cấp xã ban hành kèm theo quyết định nào": a decision "Về chỉ số …", the set itself.)
      if (
        !lines.length &&
        !findDocRefs(ctx.question ?? "").length &&
        /^quyet dinh/.test(fold(d.type)) &&
        /^ve (?:bo )?(?:chi so|tieu chi|quy che|quy dinh|huong dan)\b/.test(fold(d.summary))
      )
        lines.push(`${documentLabel(d)} ban hành nội dung “${d.summary.replace(/\.$/, "")}”.`);
      return lines.length
        ? { lines: lines.slice(0, 4), recorded: true }
        : {
            lines: [`Nguồn hiện có không ghi ${name} kèm theo hay triển khai văn bản nào.`],
            recorded: false,
          };
    }
  }
}

/** "… nhằm thực hiện văn bản nào", "căn cứ quyết định nào": what the document named carries out. */
const OUTGOING_ASKED =
  /\b(?:nham |de )?(?:thuc hien|trien khai|cu the hoa|can cu|dua tren|can cu vao) (?:(?:cac|nhung) )?(?:van ban|quyet dinh|ke hoach|nghi quyet|chi thi|chuong trinh|de an)(?: [a-z]+){0,3} nao\b/;

/** The documents issued on a day; written without a year, the latest year that has one that day. */
function issuedOn(q: DocumentQuery & { issuedOn: string }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const sameDay = kb.data.documents.filter((d) =>
    q.anyYear ? d.date.slice(5) === q.issuedOn.slice(5) : d.date === q.issuedOn,
  );
  const latest = sameDay
    .map((d) => d.date)
    .sort()
    .at(-1);
  const docs = sameDay.filter((d) => d.date === latest);
  const day = q.anyYear ? formatViDayMonth(q.issuedOn) : formatViDate(q.issuedOn);
  if (!docs.length) {
    return new ReplyBuilder("document")
      .abstain()
      .line(`Cơ sở tri thức không có văn bản nào ban hành ngày ${day}.`)
      .build();
  }
  const r = new ReplyBuilder("document", `Văn bản ban hành ngày ${formatViDate(latest!)}:`);
  if (q.anyYear)
    r.line(
      `Câu hỏi không ghi năm: tôi hiểu là năm ${latest!.slice(0, 4)}, lần gần nhất có văn bản ngày ${day}.`,
    );
  for (const d of docs) {
    r.line(`• ${documentLabel(d)} (${d.issuer}): ${d.summary}`, kb.citeAll([d.id, ...d.sources]));
    r.item("document", d.id);
    r.action(`${d.type} ${d.number}`, { kind: "document", docId: d.id });
  }
  return r.build();
}

/**
 * A source whose title or note names the document asked (its number, and its kind and year when both
 * are known), with the date written after it ("Nghị định 45/2025/NĐ-CP ngày 28/02/2025").
 */
function sourceNaming(
  ctx: AnswerContext,
  number: string,
  typeCode: string | undefined,
  year: string | undefined,
): { source: Source; ref: DocRef; on?: string } | undefined {
  for (const source of ctx.kb.data.sources) {
    const text = [source.title, source.note ?? ""].join(" ");
    const ref = findDocRefs(text).find(
      (x) =>
        x.number === number &&
        (!typeCode || !x.typeCode || x.typeCode === typeCode) &&
        (!year || !x.year || x.year === Number(year)),
    );
    if (!ref) continue;
    const after = text.slice(ref.index + ref.raw.length);
    const on = /^\s*,?\s*ngày (\d{1,2}\/\d{1,2}\/\d{4})/u.exec(after)?.[1];
    return { source, ref, ...(on ? { on } : {}) };
  }
  return undefined;
}

/** Whether a question asks whether something is there: "có … không", "có … chưa". */
function hasAsked(question: string | undefined): boolean {
  return /\bco\b(?: [^\s]+){0,8}? (?:khong|ko|k|chua|hok|hong)\b/.test(fold(question ?? ""));
}

/** The words of a document's kind ("quyết định", "kế hoạch"): they name no subject. */
const DOC_KIND_WORDS = new Set(
  searchTerms("quyết định kế hoạch thông báo nghị quyết chỉ thị công văn văn bản số ký nào"),
);

export function answerDocument(q: DocumentQuery, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  if (q.list && !q.docId && !q.number) return answerDocumentList(q.list, ctx);
  if (q.issuedOn && !q.docId && !q.number) return issuedOn({ ...q, issuedOn: q.issuedOn }, ctx);
  const docs = findDocuments(ctx, q);
  if (!docs.length) {
    const typeName = q.typeCode ? DOC_TYPE_NAMES[q.typeCode as DocTypeCode] : "văn bản";
    // ("QĐ 42/2014": the number with its year.)
    const year = q.ref ? /\d+\/((?:19|20)\d\d)\b/.exec(q.ref)?.[1] : undefined;
    const asked =
      q.ref && parseDocNumber(q.ref) ? q.ref : `${typeName} số ${q.number ?? "?"}${year ? `/${year}` : ""}`;
    // "Nghị định 45/2025 ban hành ngày nào": no entry of the register, but a source names it (with its
    // date): what the source says is answered, cited; anything else asked of it is not recorded.
    const named = q.number ? sourceNaming(ctx, q.number, q.typeCode, year) : undefined;
    if (named) {
      const { source, ref, on } = named;
      // (The question without its numbers and kind codes: "NĐ 45/2025/NĐ-CP" alone asks nothing more.)
      const rest = ctx.question
        ? fold(ctx.question.replace(/\d+[^\s]*/g, " ")).replace(/\b(?:nd|qd|kh|tb|nq|ct|cv|tt|so)\b/g, " ")
        : "";
      const dateAsked = /\b(?:ngay|khi nao|bao gio|luc nao|thoi gian|nam nao)\b/.test(rest);
      const bare = !queryTerms(rest).some((t) => !DOC_KIND_WORDS.has(t)) && !answerType(rest);
      const label = `${DOC_TYPE_NAMES[ref.typeCode as DocTypeCode] ?? typeName} ${ref.raw.replace(/^[^\d]+/u, "")}`;
      const r = new ReplyBuilder("document");
      if (dateAsked && on)
        r.line(
          `${label} ban hành ngày ${on} (theo nguồn nhắc đến văn bản này).`,
          ctx.kb.citeAll([source.id]),
        );
      else if (!bare) r.abstain().line(`Nguồn hiện có không ghi nội dung này của ${label}. Điều đã biết:`);
      r.line(
        `${label} chưa có trong danh mục văn bản của cơ sở tri thức; nguồn nhắc đến: “${source.title}”${source.note ? ` — ${source.note}` : ""}`,
        ctx.kb.citeAll([source.id]),
        dateAsked && on ? 1 : 0,
      );
      return r.build();
    }
    const r = new ReplyBuilder("document").abstain();
    r.line(`Cơ sở tri thức không có ${asked.startsWith(typeName) ? asked : `${typeName} ${asked}`}.`);
    const near = q.number ? nearDocuments(ctx, q.number, q.typeCode) : [];
    // "QĐ 1650 về Ngày CĐS tỉnh": a number mistyped, when the words name one of the near documents
    // plainly; that one is answered, the number corrected first.
    const words = ctx.question
      ? queryTerms(ctx.question.replace(/\d+[^\s]*/g, " ")).filter((t) => !DOC_KIND_WORDS.has(t))
      : [];
    const fits =
      words.length >= 2 ? ctx.lex.index.search(words.join(" "), { kinds: ["document"], limit: 5 }) : [];
    // (Words of its subject, not of its issuer: "KH 3610 BĐH" names no plan of the Ban Điều hành.)
    // (Only one of the kind asked: "NQ 10-NQ/TU" is no misspelling of a notice "16/TB-VPCP".)
    const sameKind = (d: KDocument) => !q.typeCode || parseDocNumber(d.number)?.typeCode === q.typeCode;
    const offered = near.filter(sameKind);
    const meant = offered.find((d) => {
      const issuer = new Set(searchTerms(d.issuer));
      const subject = words.filter((w) => !issuer.has(w));
      return subject.length >= 2 && fits.some((h) => h.doc.id === d.id && h.coverage >= 0.6);
    });
    // (The document asked is still not held: the reply abstains, and shows the one meant, so the
    // asker sees it without asking again. "Thông báo 17/TB-VPCP kết luận gì" is no question about 16.)
    if (meant) {
      const { number: _, ref: __, ...rest } = q;
      const inner = answerDocument({ ...rest, docId: meant.id }, ctx);
      return {
        ...inner,
        abstained: true,
        lines: [
          {
            text: `Cơ sở tri thức không có ${asked}. Có thể bạn muốn hỏi ${documentLabel(meant)}:`,
            cites: [],
          },
          ...inner.lines,
        ],
      };
    }
    if (offered.length) {
      r.line(`Có phải bạn muốn hỏi: ${offered.map((d) => documentLabel(d)).join("; ")}?`);
      for (const d of offered) {
        r.action(`${d.type} ${d.number}`, { kind: "document", docId: d.id });
        r.item("document", d.id);
      }
    }
    return r.build();
  }
  if (docs.length > 1) {
    const r = new ReplyBuilder("document", `Có ${docs.length} văn bản số ${q.number}:`);
    docs.forEach((d, i) => {
      r.line(`${i + 1}. ${documentLabel(d)} — ${d.issuer}: ${d.summary}`, kb.citeAll([d.id, ...d.sources]));
      r.item("document", d.id);
      r.action(`${d.type} ${d.number}`, { kind: "document", docId: d.id });
    });
    return r.build();
  }
  const d = docs[0]!;
  // "Thông báo 16 VPCP năm 2022": the number is held, of another year; the one held is shown, the one
  // asked said not to be held.
  const otherYear = !q.docId && ctx.question ? yearNamedWith(ctx.question, d) : undefined;
  if (otherYear) {
    const { number: _, ref: __, ...rest } = q;
    const inner = answerDocument({ ...rest, docId: d.id }, ctx);
    const n = d.number.split(/[/-]/)[0];
    return {
      ...inner,
      abstained: true,
      lines: [
        {
          text: `Cơ sở tri thức không có ${d.type.toLowerCase()} số ${n} năm ${otherYear}; văn bản số ${n} có trong cơ sở tri thức là ${documentLabel(d)}:`,
          cites: [],
        },
        ...inner.lines,
      ],
    };
  }
  const cites = kb.citeAll([d.id, ...d.sources]);
  const r = new ReplyBuilder("document", documentLabel(d));
  r.item("document", d.id);
  const askedType = q.typeCode ? DOC_TYPE_NAMES[q.typeCode as DocTypeCode] : undefined;
  if (askedType && !q.docId && askedType.toLowerCase() !== d.type.toLowerCase()) {
    const n = d.number.split("/")[0]!;
    // "Đề án 06": what the decision approves, when its text calls it so.
    const named = fold([d.summary, ...d.keyPoints].join(" ")).includes(fold(`${askedType} ${n}`));
    r.line(
      named
        ? `${askedType} ${n} được ban hành kèm theo ${documentLabel(d)}.`
        : `Số ${n} là ${d.type.toLowerCase()}, không phải ${askedType.toLowerCase()}.`,
    );
  }
  const tasks = kb.data.tasks.filter((t) => t.document === d.id);
  if (q.aspect === "deadlines") {
    // Tasks given elsewhere that name this document ("Bám sát Thông báo 16/TB-VPCP …").
    const number = fold(d.number);
    const naming = kb.data.tasks.filter((t) => t.document !== d.id && foldedTaskText(kb, t).includes(number));
    if (!tasks.length && naming.length) {
      // "các nhiệm vụ của kế hoạch kèm theo QĐ 56 có hạn ra sao": that plan's tasks are not recorded,
      // only the tasks that name the decision.
      const asked = fold(ctx.question ?? "");
      if (/\bkem theo\b/.test(asked) && /\b(?:han|thoi han|khi nao|bao gio)\b/.test(asked)) {
        r.abstain();
        r.line(
          `Cơ sở tri thức chưa có các nhiệm vụ và thời hạn của văn bản ban hành kèm theo ${d.type} ${d.number}.`,
        );
      }
      r.line(`Nhiệm vụ nêu ${d.type.toLowerCase()} này (${naming.length}):`, cites);
      naming.forEach((t, i) => {
        r.line(`${i + 1}. ${t.title} — ${dueText(t, ctx.today)}`, kb.citeAll(t.sources));
        r.line(`Chủ trì: ${leadNames(kb, t)}`, [], 1);
        r.item("task", t.id);
      });
    } else if (tasks.length) {
      r.line(`Nhiệm vụ giao tại văn bản này (${tasks.length}):`, cites);
      tasks.forEach((t, i) => {
        r.line(`${i + 1}. ${t.title} — ${dueText(t, ctx.today)}`, kb.citeAll(t.sources));
        r.line(`Chủ trì: ${leadNames(kb, t)}`, [], 1);
        r.item("task", t.id);
      });
    } else {
      r.abstain();
      r.line(`Cơ sở tri thức chưa có thời hạn hay nhiệm vụ cụ thể nào theo ${d.type.toLowerCase()} này.`);
      r.line(`Điều đã biết: ${d.summary}`, cites);
    }
    return r.build();
  }
  const focus = q.aspect;
  const asked = focus ? documentFocusLines(d, focus, ctx) : undefined;
  if (asked) {
    // The direct answer first, then the card, short.
    if (!asked.recorded) r.abstain();
    for (const line of asked.lines) r.line(line, cites);
  }
  // (Asked what it says: who issued it still goes with the answer.)
  if (!focus || focus === "summary")
    r.line(`Cơ quan ban hành: ${d.issuer}${d.signer ? `; người ký: ${d.signer}` : ""}.`, cites);
  // (Its subject once: not again after "Trích yếu …".)
  if (focus !== "summary" || !asked?.recorded) r.line(`Nội dung: ${d.summary}`, cites);
  for (const p of d.keyPoints.slice(0, focus ? 2 : 5)) r.line(`• ${p}`, cites);
  for (const rel of d.relations) {
    const target = kb.document(rel.target);
    if (target) {
      r.line(`${RELATION_LABELS[rel.kind]}: ${documentLabel(target)}.`, [], 0);
      r.action(`${target.type} ${target.number}`, { kind: "document", docId: target.id });
    }
  }
  const implementedBy = kb.data.documents.filter((o) => o.relations.some((x) => x.target === d.id));
  for (const o of implementedBy.slice(0, 3)) {
    r.line(`Văn bản liên quan: ${documentLabel(o)}.`);
    r.action(`${o.type} ${o.number}`, { kind: "document", docId: o.id });
  }
  if (tasks.length) {
    r.line(`Giao ${tasks.length} nhiệm vụ trong cơ sở tri thức.`);
    r.action("Nhiệm vụ và thời hạn", { kind: "document", docId: d.id, aspect: "deadlines" });
  }
  if (!d.fullText) r.note("Toàn văn chưa có trong cơ sở tri thức; trên đây là những điều nguồn đã nêu.");
  return r.build();
}

/**
 * What a question asks of a document that its record lacks: a figure ("kết quả thực hiện KH 3609 đạt bao
 * nhiêu %") when no sentence of it states one, or the number of a document attached to it ("Kế hoạch kèm
 * theo QĐ 56 có số hiệu là gì") when the sources give none. Undefined when the record has it.
 */
/**
 * "QĐ 505 và QĐ 1560, văn bản nào ban hành trước": two documents named by number, ordered by their
 * dates, each cited.
 */
export function answerDocumentOrder(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s]/gu, " ");
  // ("TB 16 và TB 03 cách nhau mấy ngày": the days between the two, the earlier first.)
  const apart = /\bcach(?: nhau)? (?:bao nhieu|may|bn|bao lau)\b/.test(bare);
  if (!apart && !/\b(?:truoc|sau|som hon|muon hon|moi hon|cu hon|gan day hon|som nhat|moi nhat)\b/.test(bare))
    return undefined;
  const docs: KDocument[] = [];
  for (const ref of findDocRefs(u.text)) {
    const q: DocumentQuery = { kind: "document", ref: ref.raw, number: ref.number };
    if (ref.typeCode) q.typeCode = ref.typeCode;
    const d = findDocuments(ctx, q)[0];
    if (!d) return undefined;
    if (!docs.includes(d)) docs.push(d);
  }
  if (docs.length < 2) return undefined;
  const sorted = [...docs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const r = new ReplyBuilder("document");
  const name = (d: KDocument) => `${d.type} ${d.number}`;
  if (first.date === last.date) r.line(`Các văn bản này ban hành cùng ngày ${formatViDate(first.date)}.`);
  else if (apart && docs.length === 2)
    r.line(
      `${name(first)} (${formatViDate(first.date)}) và ${name(last)} (${formatViDate(last.date)}) ban hành cách nhau ${diffDays(first.date, last.date)} ngày.`,
    );
  else if (/\b(?:sau|muon hon|moi hon|gan day hon|moi nhat)\b/.test(bare) && !/\btruoc\b/.test(bare))
    r.line(`${name(last)} ban hành sau (${formatViDate(last.date)}).`);
  else r.line(`${name(first)} ban hành trước (${formatViDate(first.date)}).`);
  for (const d of sorted) {
    r.line(`• ${documentLabel(d)} (${d.issuer})`, ctx.kb.citeAll([d.id, ...d.sources]));
    r.item("document", d.id);
  }
  return r.build();
}

/** " (và Kế hoạch kèm theo)" when the sources say a plan was issued with the document. */
function attachedTo(d: KDocument): string {
  return /\bke hoach kem theo\b/.test(fold(`${d.summary} ${d.keyPoints.join(" ")}`))
    ? " và Kế hoạch kèm theo"
    : "";
}

export function answerDocumentGap(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const q = u.query;
  if (q.kind !== "document" || q.issuedOn) return undefined;
  const bare = expandAbbreviations(u.folded).replace(/[^\p{L}\p{N}\s%]/gu, " ");
  const d = findDocuments(ctx, q)[0];
  if (!d) return undefined;
  const name = `${d.type} ${d.number}`;
  const cites = ctx.kb.citeAll([d.id, ...d.sources]);
  const attachedNumber =
    /\b(?:kem theo|di kem|ban hanh kem|kem)\b/.test(bare) &&
    /\bso hieu|\bso may\b|\bso bao nhieu\b/.test(bare);
  if (attachedNumber) {
    const attached = ctx.kb.data.documents.filter((o) => o.relations.some((x) => x.target === d.id));
    if (attached.length) return undefined;
    // ("KH kèm theo QĐ 56 có số hiệu riêng không": the knowledge records that the source does not give
    // one; that answers it.)
    const stated = [d.summary, ...d.keyPoints].find((x) => /\bkhong neu so hieu\b/.test(fold(x)));
    if (stated && hasAsked(u.text))
      return new ReplyBuilder("document")
        .line(`Không. Theo nguồn: ${stated}`, cites)
        .item("document", d.id)
        .build();
    return new ReplyBuilder("document")
      .abstain()
      .line(`Nguồn hiện có không ghi số hiệu của văn bản ban hành kèm theo ${name}.`, cites)
      .item("document", d.id)
      .build();
  }
  // "Chỉ thị 05 giao bộ nào chủ trì", "Đề án 06 ở tỉnh do ai chủ trì triển khai": the tasks recorded of
  // it say; when none is, not recorded.
  if (
    /\bgiao (?:cho )?(?:bo|so|co quan|don vi|ai|nganh)(?: nao)?\b|\b(?:bo|so|co quan|don vi) nao (?:chu tri|thuc hien|phu trach)\b|\b(?:do )?(?:ai|don vi nao|co quan nao|so nao) (?:chu tri|phu trach|lo)(?: (?:trien khai|thuc hien))?\b/.test(
      bare,
    ) &&
    !ctx.kb.data.tasks.some((t) => t.document === d.id)
  )
    return new ReplyBuilder("document")
      .abstain()
      .line(`Nguồn hiện có không ghi ${name} giao nhiệm vụ cho cơ quan, đơn vị nào.`)
      .line(`Điều đã biết: ${d.summary}`, cites)
      .item("document", d.id)
      .build();
  // "cho xin toàn văn QĐ 56": the knowledge holds what the sources say of it, not the text itself.
  if (
    /\b(?:toan van|ban goc|ban day du|file|tai ve|tai file|ban scan|ban pdf|ban word)\b/.test(bare) &&
    !d.fullText
  ) {
    // ("Có toàn văn QĐ 56 không": whether the knowledge holds it, which it answers: "Không".)
    const whether = hasAsked(u.text);
    const r = new ReplyBuilder("document")
      .line(
        `${whether ? "Không. " : ""}Cơ sở tri thức chưa có toàn văn ${name}; chỉ có những điều nguồn đã nêu:`,
      )
      .line(`${documentLabel(d)} (${d.issuer}): ${d.summary}`, cites)
      .item("document", d.id);
    // ("… có toàn văn không, biết gì về nó": what is known is asked too, and given.)
    if (!whether && !/\b(?:biet gi|bit gi|co gi|thong tin gi|noi gi|noi dung gi|the nao)\b/.test(bare))
      r.abstain();
    return r.build();
  }
  // "Kế hoạch kèm theo QĐ 56 có bao nhiêu nhiệm vụ": counted from the tasks recorded of it, if any.
  if (/\b(?:bao nhieu|may|so luong) (?:nhiem vu|dau viec|viec|noi dung)\b/.test(bare)) {
    const own = ctx.kb.data.tasks.filter((t) => t.document === d.id);
    if (!own.length)
      return new ReplyBuilder("document")
        .abstain()
        .line(`Nguồn hiện có không ghi số nhiệm vụ của ${name}${attachedTo(d)}.`, cites)
        .item("document", d.id)
        .build();
  }
  // A figure asked of the document that what is recorded of it does not give: said so, with its subject.
  const figureNotRecorded = () =>
    new ReplyBuilder("document")
      .abstain()
      .line(`Nguồn hiện có không ghi con số được hỏi cho ${name}.`)
      .line(`Điều đã biết: ${d.summary}`, cites)
      .item("document", d.id)
      .build();
  // "QĐ 852 có mấy nhóm chỉ số": counted from a key point that lists them ("Các nhóm chỉ số: A; B; …").
  const counted = /\b(?:bao nhieu|may|so luong) ([a-z]+ [a-z]+)/.exec(bare)?.[1];
  if (counted) {
    for (const p of d.keyPoints) {
      const at = p.indexOf(":");
      const items = p
        .slice(at + 1)
        .split(";")
        .map((x) => x.trim().replace(/\.$/, ""))
        .filter(Boolean);
      // (The thing counted is what the list is of: "nhóm chỉ số" of "Các nhóm chỉ số", not "chỉ số con".)
      const head = fold(p.slice(0, at)).replace(/^(?:cac|nhung) /, "");
      if (at < 0 || items.length < 2 || !head.startsWith(counted)) continue;
      const what = p.slice(0, at).replace(/^(?:Các|Những)\s+/u, "");
      return new ReplyBuilder("document")
        .line(`${name} nêu ${items.length} ${lowerFirst(what)}: ${items.join("; ")}.`, cites)
        .item("document", d.id)
        .build();
    }
    // ("QĐ 852 có bao nhiêu tiêu chí thành phần": neither listed nor counted in what is recorded.)
    const said = [d.summary, ...d.keyPoints].some((x) => new RegExp(`\\d\\s+${counted}`).test(fold(x)));
    if (!said && !q.aspect && !/^(?:nhiem vu|dau viec|noi dung|nam|ngay|thang)\b/.test(counted))
      return figureNotRecorded();
  }
  // ("có mấy nhóm chỉ số, liệt kê giúp": the list is asked, which the key points give.)
  if (
    !q.aspect &&
    answerType(bare) === "figure" &&
    !/\b(?:liet ke|gom|nhung nhom|nhom nao|nhung gi)\b/.test(bare)
  ) {
    if ([d.summary, ...d.keyPoints].some((x) => hasFigure(x))) return undefined;
    // ("tầm nhìn đến năm bao nhiêu": a year, which the summary may give.)
    if (
      /\bnam (?:bao nhieu|nao|may)\b/.test(bare) &&
      [d.summary, ...d.keyPoints].some((x) => /\b(?:19|20)\d\d\b/.test(x))
    )
      return undefined;
    return figureNotRecorded();
  }
  return undefined;
}

/** Each task's title and details, folded once per knowledge version (a document's tasks are looked up by
 * the number they write, over every task). */
const FOLDED_TASKS = new WeakMap<object, Map<string, string>>();
function foldedTaskText(
  kb: AnswerContext["kb"],
  t: { id: string; title: string; details?: string | undefined },
): string {
  let m = FOLDED_TASKS.get(kb);
  if (!m) {
    m = new Map();
    FOLDED_TASKS.set(kb, m);
  }
  let f = m.get(t.id);
  if (f === undefined) {
    f = fold(`${t.title} ${t.details ?? ""}`);
    m.set(t.id, f);
  }
  return f;
}

/**
 * "Kế hoạch 3402 ban hành trước hay sau cuộc họp 20/2/2023": the document's date against the day named
 * (a meeting's, when one was held then), with the days between.
 */
export function answerDocumentVsDay(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ");
  // ("QĐ 56 … cách buổi họp BĐH mấy ngày": how far apart, the nearest meeting.)
  const apart = /\bcach\b.*\b(?:(?:bao nhieu|may|bn) ngay|bao lau)\b/.test(bare);
  const howLong = apart || /\b(?:truoc|sau)\b.*\b(?:(?:bao nhieu|may) ngay|bao lau)\b/.test(bare);
  if (!/\b(?:truoc hay sau|sau hay truoc)\b/.test(bare) && !howLong) return undefined;
  const { kb } = ctx;
  const docs = [...new Set(findDocRefs(u.text).flatMap((r) => kb.documentOfRef(r) ?? []))];
  // (Two documents "cách nhau" are the order answer's, which says the days between them.)
  if (!docs.length || docs.length > 2 || (apart && docs.length > 1)) return undefined;
  const d = docs[0]!;
  // What the document is set against: a second document, a day, or a meeting (of the body named, in the
  // month named, or the nearest one on the side asked).
  let other: { label: string; date: string; sources: string[] } | undefined;
  if (docs[1])
    other = { label: `${docs[1].type} ${docs[1].number}`, date: docs[1].date, sources: docs[1].sources };
  const phrases = findDatePhrases(fold(u.text), {
    today: ctx.today,
    defaultYear: Number(d.date.slice(0, 4)),
  });
  const day = phrases
    .filter((p) => p.kind === "day" && p.from && p.from === p.to && p.from !== d.date)
    .at(-1)?.from;
  if (!other && day) {
    const m = kb.data.meetings.find((x) => x.date === day);
    other = {
      label: m ? `cuộc họp ngày ${formatViDate(day)}` : `ngày ${formatViDate(day)}`,
      date: day,
      sources: m?.sources ?? [],
    };
  }
  if (!other && /\b(?:hop|hoi nghi)\b/.test(bare)) {
    const month = phrases.find((p) => p.kind === "month" && p.from && p.to);
    const body = ctx.lex.bodies.match(searchTerms(u.text))[0]?.value;
    const meetings = kb.data.meetings
      .filter((m) => (!body || m.body === body) && (!month || (m.date >= month.from! && m.date <= month.to!)))
      .sort((a, b) => a.date.localeCompare(b.date));
    const asked =
      /\btruoc\b/.test(bare) && !/\bsau\b/.test(bare)
        ? meetings.find((m) => m.date >= d.date)
        : /\bsau\b/.test(bare) && !/\btruoc\b/.test(bare)
          ? meetings.filter((m) => m.date <= d.date).at(-1)
          : meetings.length === 1
            ? meetings[0]
            : apart
              ? [...meetings].sort(
                  (a, b) => Math.abs(diffDays(a.date, d.date)) - Math.abs(diffDays(b.date, d.date)),
                )[0]
              : undefined;
    if (asked)
      other = {
        label: `cuộc họp ngày ${formatViDate(asked.date)}`,
        date: asked.date,
        sources: asked.sources,
      };
  }
  if (!other) return undefined;
  const gap = Math.abs(diffDays(other.date, d.date));
  const order = d.date > other.date ? "sau" : d.date < other.date ? "trước" : "cùng ngày với";
  const r = new ReplyBuilder("document");
  r.line(
    `${d.type} ${d.number} ban hành ngày ${formatViDate(d.date)}, ${order} ${other.label}${other.label.includes(formatViDate(other.date)) ? "" : ` (${formatViDate(other.date)})`}${gap ? ` ${gap} ngày` : ""}.`,
    kb.citeAll([d.id, ...d.sources, ...other.sources]),
  );
  r.item("document", d.id);
  return r.build();
}

/** The kinds of document a question may name, folded, and how the documents write them. */
const KIND_WORDS: readonly (readonly [string, string])[] = Object.values(DOC_TYPE_NAMES).map(
  (name) => [fold(name), name] as const,
);

/**
 * "Tỉnh đã ban hành kế hoạch dữ liệu mở năm 2023 chưa?": yes with the document, when one the knowledge
 * holds fits the words (and the year); otherwise that the sources record none (not that none was issued).
 */
export function answerIssuedYet(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = expandAbbreviations(u.folded)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    // ("… chưa vậy", "… chưa ạ": the closing particle; "ban hàn" with its last letter dropped.)
    .replace(/\s+(?:vay|a|ah|nhi|ha|the|z|nhe)\s*$/, "")
    .replace(/\bban han\b/g, "ban hanh")
    .replace(/\s+/g, " ")
    .trim();
  if (
    !/\b(?:da|co) (?:ban hanh|ra|xay dung|phe duyet)\b.*\bchua\s*$|\b(?:tinh|ubnd|minh) (?:ban hanh|phe duyet)\b.*\bchua\s*$|\b(?:ban hanh|co) chua\s*$|\bda co (?:ke hoach|quyet dinh|nghi quyet|chi thi|de an|chuong trinh|van ban)\b.*\bchua\s*$/.test(
      bare,
    )
  )
    return undefined;
  if (findDocRefs(u.text).length) return undefined;
  // The kind named first, and what it is about: the words after it, without the asking and the year.
  const named = KIND_WORDS.map((k) => ({ k, at: bare.search(new RegExp(`\\b${k[0]}\\b`)) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (!named) return undefined;
  const kind = named.k;
  const after = bare.slice(named.at + kind[0].length);
  const about = after
    .replace(/\b(?:da|co)? ?(?:ban hanh|ra|xay dung|phe duyet)?\s*chua\s*$/, " ")
    .replace(/\bda co\b/g, " ")
    .replace(/\b(?:nam )?(?:19|20)\d\d\b/g, " ")
    .replace(/\b(?:cua tinh|tinh|nao|gi)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (queryTerms(about).length < 2) return undefined;
  const year = /\b((?:19|20)\d\d)\b/.exec(bare)?.[1];
  const provincial = /\btinh\b/.test(bare);
  const { kb } = ctx;
  const fits = ctx.lex.index
    .search(about, { kinds: ["document"], limit: 5 })
    .filter((h) => h.coverage >= 0.75)
    .map((h) => kb.document(h.doc.id)!)
    .filter(
      (d) =>
        !!d &&
        (fold(d.type) === kind[0] || fold(d.summary).startsWith(kind[0])) &&
        (!year || d.date.startsWith(year) || fold(d.summary).includes(`nam ${year}`)) &&
        // ("tỉnh đã ban hành … chưa": the province's, not a national one.)
        (!provincial || !/\b(?:quoc gia|chinh phu|thu tuong)\b|^bo /.test(fold(d.issuer))),
    );
  const typed = typedWords(u.text, queryTerms(about));
  if (fits.length) {
    const d = fits[0]!;
    return new ReplyBuilder("document")
      .line(`Có. ${documentLabel(d)} (${d.issuer}): ${d.summary}`, kb.citeAll([d.id, ...d.sources]))
      .item("document", d.id)
      .build();
  }
  return new ReplyBuilder("document")
    .abstain()
    .line(
      `Nguồn hiện có không ghi ${kind[1].toLowerCase()} nào về “${typed}”${year ? ` năm ${year}` : ""} đã được ban hành.`,
    )
    .note(RECORDED_NOTE)
    .build();
}
