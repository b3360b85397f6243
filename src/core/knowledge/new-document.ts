/** A new document entry, as the secretariat adds one (by hand, or with the plan it imports). */
import { DOC_TYPE_NAMES, parseDocNumber } from "../text/doc-number.ts";
import { maxDate } from "../time.ts";
import { documentIdFor } from "./ids.ts";
import type { Knowledge } from "./model.ts";
import { type DocumentType, documentSchema, documentTypeSchema, type KDocument } from "./schema.ts";

export interface NewDocument {
  number: string;
  type: DocumentType;
  /** ISO date. */
  date: string;
  issuer: string;
  /** Trích yếu (the title). */
  title: string;
}

/** The document type a number suggests ("56/QĐ-UBND" → "Quyết định"), when the schema has it. */
export function typeOfNumber(number: string): DocumentType | undefined {
  const code = parseDocNumber(number)?.typeCode;
  const r = documentTypeSchema.safeParse(code ? DOC_TYPE_NAMES[code] : undefined);
  return r.success ? r.data : undefined;
}

/**
 * The entry for a new document, with an id not yet taken ("kh-45-2025"). `sources` default to the
 * document itself: what the knowledge holds of it was read from the document as issued.
 */
export function newDocumentEntry(
  kb: Knowledge,
  f: NewDocument,
  opts: { today: string; sources?: string[] },
): KDocument {
  const taken = new Set([...kb.data.documents.map((d) => d.id), ...kb.data.sources.map((x) => x.id)]);
  const id = documentIdFor(f.number, f.date, taken);
  return documentSchema.parse({
    id,
    number: f.number,
    type: f.type,
    date: f.date,
    issuer: f.issuer,
    summary: f.title,
    keyPoints: [],
    relations: [],
    fullText: false,
    sources: opts.sources ?? [id],
    asOf: maxDate(f.date, opts.today),
  });
}
