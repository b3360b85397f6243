/**
 * Documents listed by what they have in common ("các văn bản UBND tỉnh ban hành năm 2022", "những văn
 * bản tháng 2/2023", "các vb về DTI", "tìm văn bản có cụm 'nhóm khá'"): the issuer, the period they were
 * issued in, their kind and their topic, each optional; every document that fits, oldest first.
 */
import { documentLabel, type Knowledge } from "../../knowledge/model.ts";
import type { KDocument } from "../../knowledge/schema.ts";
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { type ParsedDocNumber, parseDocNumber } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import type { AnswerContext } from "../context.ts";
import { asksCount, shorten, upperFirst } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import { linkNeeded } from "./tasks.ts";

export interface DocumentListFilter {
  /** Issued from / to (ISO days, inclusive). */
  from?: string;
  to?: string;
  /** How the period was named, for the reply ("năm 2022", "tháng 2/2023"). */
  period?: string;
  /** The issuer as the knowledge writes it ("UBND tỉnh"). */
  issuer?: string;
  /** Other spellings of the same issuer in the documents ("Ban Chỉ đạo chuyển đổi số" for the province's). */
  issuerAlso?: string[];
  /** The kind of document, as the knowledge writes it ("Kế hoạch"). */
  docType?: string;
  /** Several kinds named ("các QĐ, CT của TTg"). */
  docTypes?: string[];
  /** Only the first or last issued ("văn bản nào ban hành sớm nhất"). */
  order?: "earliest" | "latest";
  /** What the documents are about, as typed. */
  topic?: string;
  /** The topic is a name, looked for as written ("Ngày Chuyển đổi số"). */
  exact?: boolean;
  /** More issuers named with `issuer` ("của HĐND và Tỉnh ủy"): a document of any of them fits. */
  issuers?: string[];
  /** The code in the documents' numbers, as typed ("BCĐCĐS", "KH-UBND"). */
  code?: string;
  /** Issued by the asker's unit ("của đơn vị tôi"). */
  mine?: boolean;
  /** Issued in this month of any year (1–12): "văn bản ban hành trong tháng 7", no year said. */
  month?: number;
  /** The period may also be what a document is about ("kế hoạch năm 2023" issued in December 2022). */
  periodIsTopic?: boolean;
}

/** Most listed documents a reply shows; the count says how many more there are. */
const SHOWN = 10;
/** A topic word shared by every document of the knowledge is no filter ("các văn bản về CĐS"). */
export const GENERIC_TOPIC =
  /^(?:chuyen doi so|cds|chuyen doi so tinh|ve chuyen doi so|tinh|cua tinh|tinh nha)$/;

const foldedText = (d: KDocument) =>
  fold([d.type, d.number, d.issuer, d.signer ?? "", d.summary, ...d.keyPoints].join(" . "));

/** Each issuer the documents name, with its folded, written-out key: read once per set of documents. */
const ISSUER_KEYS = new WeakMap<readonly KDocument[], { issuer: string; key: string }[]>();
function issuerKeys(docs: readonly KDocument[]): { issuer: string; key: string }[] {
  let keys = ISSUER_KEYS.get(docs);
  if (!keys) {
    const out: { issuer: string; key: string }[] = [];
    const add = (issuer: string, key: string) => {
      if (key.length >= 4 && !out.some((k) => k.key === key)) out.push({ issuer, key });
    };
    const issuers = [...new Set(docs.map((d) => d.issuer))];
    for (const issuer of issuers) {
      const key = expandAbbreviations(fold(issuer));
      add(issuer, key);
      // "Thủ tướng Chính phủ" is "Thủ tướng" too.
      const short = /^(.+\s.+) chinh phu$/.exec(key)?.[1];
      if (short) add(issuer, short);
      // "Ủy ban nhân dân tỉnh" is "ủy ban tỉnh" in speech.
      const spoken = /^uy ban nhan dan (.+)$/.exec(key)?.[1];
      if (spoken) add(issuer, `uy ban ${spoken}`);
    }
    // The issuer's code in its documents' numbers ("505/QĐ-TTg": TTg), when one issuer uses it.
    const byCode = new Map<string, Set<string>>();
    for (const d of docs) {
      const code = parseDocNumber(d.number)?.issuerCode;
      if (!code) continue;
      const key = expandAbbreviations(fold(code)).trim();
      if (!/^[a-z ]+$/.test(key)) continue;
      byCode.set(key, (byCode.get(key) ?? new Set()).add(d.issuer));
    }
    for (const [key, set] of byCode) if (set.size === 1) add([...set][0]!, key);
    keys = out;
    ISSUER_KEYS.set(docs, keys);
  }
  return keys;
}

/** Every way the question may name `issuer` (folded, written out), longest first. */
export function issuerSpellings(issuer: string, docs: readonly KDocument[]): string[] {
  return issuerKeys(docs)
    .filter((k) => k.issuer === issuer)
    .map((k) => k.key)
    .sort((a, b) => b.length - a.length);
}

/** Whether an issuer the documents name starts with these (folded, written-out) words. */
export function issuerStartingWith(words: string, docs: readonly KDocument[]): boolean {
  return issuerKeys(docs).some(({ key }) => key.startsWith(words));
}

/** The issuers the knowledge names that a (folded, abbreviation-expanded) question names, longest only. */
export function issuersNamed(bare: string, docs: readonly KDocument[]): string[] {
  const text = ` ${bare} `;
  const found = issuerKeys(docs).filter(({ key }) => text.includes(` ${key} `));
  // "Ban Thường vụ Tỉnh ủy" named: not also "Tỉnh ủy" — unless "Tỉnh ủy" is also named on its own
  // ("văn bản của TU và BTV TU").
  const alone = (i: { key: string }) => {
    let rest = text;
    for (const o of found)
      if (o.key !== i.key && o.key.includes(i.key)) rest = rest.split(` ${o.key} `).join("  ");
    return rest.includes(` ${i.key} `);
  };
  const longest = found.filter(
    (i) => !found.some((o) => o.issuer !== i.issuer && o.key.includes(i.key)) || alone(i),
  );
  return [...new Set(longest.map((i) => i.issuer))];
}

/**
 * The issuer a question says issued the documents ("của/do UBND tỉnh", "VB UBND tỉnh", "UBND tỉnh ban
 * hành"), not one a document is about ("quyết định thành lập Ban Chỉ đạo"). `bare`: folded, expanded.
 */
export function issuerAsked(bare: string, docs: readonly KDocument[]): string | undefined {
  return issuersNamed(bare, docs).find((i) =>
    issuerSpellings(i, docs).some((key) =>
      new RegExp(
        `\\b(?:cua|do|(?:van ban|ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|cong van|chuong trinh)(?: ve)?(?: chuyen doi so| cds)?) ${key}\\b|\\b${key} (?:da )?(?:ban hanh|ky|ki|ra)\\b|\\b${key} (?:da )?co (?:bao nhieu |may |bn |nhung |cac )?(?:van ban|ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|cong van|chuong trinh)\\b`,
      ).test(bare),
    ),
  );
}

export function listDocuments(filter: DocumentListFilter, ctx: AnswerContext): KDocument[] {
  const { kb, lex } = ctx;
  let docs = kb.data.documents.filter((d) => {
    if (
      filter.issuer &&
      d.issuer !== filter.issuer &&
      !filter.issuerAlso?.includes(d.issuer) &&
      !filter.issuers?.includes(d.issuer)
    )
      return false;
    if (filter.code) {
      const parsed = parseDocNumber(d.number);
      if (!parsed || !codeKeys(parsed).includes(codeKey(filter.code))) return false;
    }
    if (filter.docType && d.type !== filter.docType) return false;
    if (filter.docTypes && !filter.docTypes.includes(d.type)) return false;
    if (filter.month && Number(d.date.slice(5, 7)) !== filter.month) return false;
    if (filter.from && filter.to && !(d.date >= filter.from && d.date <= filter.to)) {
      if (!filter.periodIsTopic || !filter.period) return false;
      if (!fold(d.summary).includes(fold(filter.period))) return false;
    }
    return true;
  });
  const topic = filter.topic && !GENERIC_TOPIC.test(fold(filter.topic)) ? filter.topic : undefined;
  if (topic) {
    // A quoted phrase is looked for as written; other words through the search index (typos,
    // abbreviations), every document that fits plainly.
    const phrase = fold(topic).replace(/\s+/g, " ").trim();
    const literal = docs.filter((d) => foldedText(d).includes(phrase));
    const hits = lex.index.search(topic, { kinds: ["document"], limit: 50 });
    const best = hits[0]?.coverage ?? 0;
    const found = new Set(
      hits.filter((h) => h.coverage >= 0.6 && h.coverage >= best - 0.25).map((h) => h.doc.id),
    );
    // A document also speaks of what its targets state ("hồ sơ sức khỏe điện tử": Quyết định 17).
    for (const h of lex.index.search(topic, { kinds: ["target"], limit: 10 }))
      if (h.coverage >= 0.75) {
        const t = lex.kb.get("targets", h.doc.id);
        if (t?.document) found.add(t.document);
      }
    // (A name taken as written: "Ngày Chuyển đổi số" is not any "ngày" of a text on "chuyển đổi số".)
    docs = filter.exact ? literal : docs.filter((d) => found.has(d.id) || literal.includes(d));
  }
  return docs.sort((a, b) => a.date.localeCompare(b.date) || a.number.localeCompare(b.number));
}

/** A code of documents' numbers compared letters and digits only: "BCĐCĐS" and "bcd-cds" are one. */
export function codeKey(code: string): string {
  return fold(code).replace(/[^a-z0-9]/g, "");
}

/** The codes a document's number goes by: its issuer's ("BCĐCĐS") and with its kind ("QĐ-BCĐCĐS"). */
export function codeKeys(parsed: ParsedDocNumber): string[] {
  if (!parsed.issuerCode) return [];
  return [codeKey(parsed.issuerCode), codeKey(`${parsed.typeCode}${parsed.issuerCode}`)];
}

function describeFilter(f: DocumentListFilter): string {
  const parts: string[] = [];
  if (f.issuer) parts.push(`của ${[f.issuer, ...(f.issuers ?? [])].join(" và ")}`);
  if (f.code) parts.push(`có ký hiệu ${f.code}`);
  if (f.period) parts.push(f.periodIsTopic ? f.period : `ban hành ${f.period}`);
  if (f.topic && !GENERIC_TOPIC.test(fold(f.topic))) parts.push(`về “${f.topic}”`);
  return parts.join(" ");
}

/** The issuer name the documents give to a unit of the register (its name or one of its aliases). */
export function issuerOfUnit(unitId: string, kb: Knowledge): string | undefined {
  const unit = kb.unit(unitId);
  if (!unit) return undefined;
  const names = [unit.name, ...unit.aliases].map((n) => fold(n));
  const issuers = [...new Set(kb.data.documents.map((d) => d.issuer))];
  return issuers.find((i) => names.includes(fold(i)));
}

export function answerDocumentList(asked: DocumentListFilter, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  let filter = asked;
  if (asked.mine) {
    const unitId = ctx.asker?.unitId;
    if (!unitId) return linkNeeded();
    const issuer = issuerOfUnit(unitId, ctx.kb);
    const name = kb.unit(unitId)?.name ?? "đơn vị của bạn";
    if (!issuer)
      return new ReplyBuilder("document")
        .abstain()
        .line(`Cơ sở tri thức không có văn bản nào do ${name} ban hành.`)
        .build();
    const { mine: _, ...rest } = asked;
    filter = { ...rest, issuer };
    // What the words name among them; else all of them.
    if (filter.topic && !listDocuments(filter, ctx).length) {
      const { topic: __, ...all } = filter;
      filter = all;
    }
  }
  const docs = listDocuments(filter, ctx);
  const kind = filter.docType ?? filter.docTypes?.join(", ") ?? "văn bản";
  const what = [kind.toLowerCase(), describeFilter(filter)].filter(Boolean).join(" ");
  if (!docs.length) {
    return new ReplyBuilder("document").abstain().line(`Cơ sở tri thức không có ${what} nào.`).build();
  }
  if (filter.order) {
    const d = filter.order === "earliest" ? docs[0]! : docs.at(-1)!;
    const r = new ReplyBuilder("document");
    r.line(
      `${upperFirst(what)} ban hành ${filter.order === "earliest" ? "sớm" : "gần đây"} nhất trong cơ sở tri thức: ${documentLabel(d)} (${d.issuer}): ${shorten(d.summary, 160)}`,
      kb.citeAll([d.id, ...d.sources]),
    );
    r.item("document", d.id);
    r.action(`${d.type} ${d.number}`, { kind: "document", docId: d.id });
    return r.build();
  }
  const r = new ReplyBuilder("document", `${upperFirst(what)} trong cơ sở tri thức (${docs.length}):`);
  if (asksCount(ctx.question)) r.line(`Có ${docs.length} ${kind.toLowerCase()}.`);
  for (const d of docs.slice(0, SHOWN)) {
    r.line(
      `• ${documentLabel(d)} (${d.issuer}): ${shorten(d.summary, 160)}`,
      kb.citeAll([d.id, ...d.sources]),
    );
    r.item("document", d.id);
    r.action(`${d.type} ${d.number}`, { kind: "document", docId: d.id });
  }
  if (docs.length > SHOWN) r.line(`… và ${docs.length - SHOWN} văn bản khác.`);
  return r.build();
}
