/**
 * Callback data for inline buttons: a Query encoded in at most 64 bytes (Telegram's limit) and
 * decoded back with full validation (zod). Nothing is kept on the server, so buttons stay valid
 * across restarts; a forged or garbled button decodes to `undefined`.
 *
 * Format: `<mode>:<kind code>:<field>:<field>…`, fields in a fixed order per kind, empty for
 * absent, trailing empties dropped. Text fields escape "%" and ":" as %25 and %3A.
 * - mode "q": answer as a new message (a next step); "p": replace the message (paging).
 * Examples: `q:v:kh-3609` (document kh-3609), `p:t::1::2` (my unit's tasks, page 2).
 */
import { z } from "zod";
import { DOCUMENT_FOCUSES } from "../../core/answers/focus.ts";
import type { Query } from "../../core/answers/reply.ts";
import { idSchema } from "../../core/knowledge/schema.ts";
import { isIsoDate } from "../../core/time.ts";

export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * The buttons of an admin-code confirmation ("qt:y:<số>", "qt:n:<số>"): encoded and validated with zod
 * in app/admin-requests.ts (the message is channel-neutral), decoded here like every other button.
 */
export { ADMIN_DECISION_PREFIX, decodeAdminDecision, encodeAdminDecision } from "../../app/admin-requests.ts";

export type CallbackMode = "q" | "p";

/** One letter per document focus, in callback data (a document's aspect, a search's focus). */
const DOCUMENT_FOCUS_CODES = {
  k: "signer",
  b: "issuer",
  t: "date",
  h: "number",
  r: "relation",
  w: "which",
  y: "summary",
} as const;
const year = z.number().int().min(1990).max(2100);
const page = z.number().int().min(1).max(999);
const text = z.string().trim().min(1).max(60);
const isoDate = z.string().refine(isIsoDate, "không phải ngày ISO");
const groupKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/** Every Query, validated strictly: the decoder never returns anything else. */
export const querySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("theme"),
    year: year.optional(),
    scope: z.enum(["national", "provincial"]).optional(),
  }),
  z.strictObject({
    kind: z.literal("tasks"),
    unitId: idSchema.optional(),
    mine: z.boolean().optional(),
    unknownUnit: text.optional(),
    year: year.optional(),
    page: page.optional(),
    group: groupKey.optional(),
    cadence: z.enum(["continuous", "recurring"]).optional(),
    topic: text.optional(),
    meetingId: idSchema.optional(),
    undated: z.boolean().optional(),
    dated: z.boolean().optional(),
    citing: z.string().max(80).optional(),
    done: z.boolean().optional(),
    withProduct: z.boolean().optional(),
    withSupport: z.boolean().optional(),
    central: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("deadlines"),
    mode: z.enum(["upcoming", "overdue", "window"]),
    from: isoDate.optional(),
    to: isoDate.optional(),
    label: text.optional(),
    unitId: idSchema.optional(),
    mine: z.boolean().optional(),
    unknownUnit: text.optional(),
    page: page.optional(),
    group: groupKey.optional(),
  }),
  z.strictObject({
    kind: z.literal("document"),
    docId: idSchema.optional(),
    ref: text.optional(),
    typeCode: z.string().min(1).max(12).optional(),
    number: z.string().min(1).max(20).optional(),
    aspect: z.enum(["deadlines", ...DOCUMENT_FOCUSES]).optional(),
    issuedOn: isoDate.optional(),
    anyYear: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal("person"), personId: idSchema }),
  z.strictObject({
    kind: z.literal("role"),
    bodyId: idSchema.optional(),
    unitId: idSchema.optional(),
    role: text.optional(),
    title: text.optional(),
    phrase: text,
  }),
  z.strictObject({
    kind: z.literal("meeting"),
    meetingId: idSchema.optional(),
    date: isoDate.optional(),
    anyYear: z.boolean().optional(),
    personId: idSchema.optional(),
  }),
  z.strictObject({ kind: z.literal("indicator"), year: year.optional() }),
  z.strictObject({ kind: z.literal("target"), year: year.optional(), text }),
  z.strictObject({ kind: z.literal("unit"), unitId: idSchema }),
  z.strictObject({
    kind: z.literal("search"),
    text,
    focus: z.enum(["lead", "support", "deadline", ...DOCUMENT_FOCUSES]).optional(),
  }),
  z.strictObject({ kind: z.literal("check"), unitId: idSchema, role: z.enum(["lead", "support"]), text }),
  z.strictObject({ kind: z.literal("help") }),
  z.strictObject({ kind: z.literal("greeting") }),
  z.strictObject({ kind: z.literal("empty") }),
]);

// The schema and the Query type must describe the same thing.
type SchemaQuery = z.infer<typeof querySchema>;
const _sameShape: (q: SchemaQuery) => Query = (q) => q;
void _sameShape;

type FieldType = "id" | "int" | "bool" | "text" | "date" | Readonly<Record<string, string>>;
type Kind = Query["kind"];

/** Per kind: its short code and its fields in encoding order (often-used first). */
const KINDS: Record<Kind, { code: string; fields: readonly (readonly [string, FieldType])[] }> = {
  theme: {
    code: "th",
    fields: [
      ["year", "int"],
      ["scope", { n: "national", p: "provincial" }],
    ],
  },
  tasks: {
    code: "t",
    fields: [
      ["unitId", "id"],
      ["mine", "bool"],
      ["year", "int"],
      ["page", "int"],
      ["unknownUnit", "text"],
      ["group", "id"],
      ["cadence", { c: "continuous", r: "recurring" }],
      ["topic", "text"],
      ["meetingId", "id"],
      ["undated", "bool"],
      ["dated", "bool"],
      ["citing", "id"],
      ["done", "bool"],
      ["withProduct", "bool"],
      ["withSupport", "bool"],
      ["central", "bool"],
    ],
  },
  deadlines: {
    code: "d",
    fields: [
      ["mode", { u: "upcoming", o: "overdue", w: "window" }],
      ["unitId", "id"],
      ["mine", "bool"],
      ["page", "int"],
      ["from", "date"],
      ["to", "date"],
      ["label", "text"],
      ["unknownUnit", "text"],
      ["group", "id"],
    ],
  },
  document: {
    code: "v",
    fields: [
      ["docId", "id"],
      ["aspect", { d: "deadlines", ...DOCUMENT_FOCUS_CODES }],
      ["number", "text"],
      ["typeCode", "text"],
      ["ref", "text"],
      ["issuedOn", "date"],
      ["anyYear", "bool"],
    ],
  },
  person: { code: "pe", fields: [["personId", "id"]] },
  role: {
    code: "r",
    fields: [
      ["bodyId", "id"],
      ["unitId", "id"],
      ["role", "text"],
      ["title", "text"],
      ["phrase", "text"],
    ],
  },
  meeting: {
    code: "m",
    fields: [
      ["meetingId", "id"],
      ["date", "date"],
      ["anyYear", "bool"],
      ["personId", "id"],
    ],
  },
  indicator: { code: "i", fields: [["year", "int"]] },
  target: {
    code: "tg",
    fields: [
      ["year", "int"],
      ["text", "text"],
    ],
  },
  unit: { code: "u", fields: [["unitId", "id"]] },
  search: {
    code: "s",
    fields: [
      ["text", "text"],
      ["focus", { l: "lead", s: "support", d: "deadline", ...DOCUMENT_FOCUS_CODES }],
    ],
  },
  check: {
    code: "ck",
    fields: [
      ["unitId", "id"],
      ["role", { l: "lead", s: "support" }],
      ["text", "text"],
    ],
  },
  // A comparison names several entries: no button carries one (it does not fit the format).
  compare: { code: "cp", fields: [] },
  help: { code: "he", fields: [] },
  greeting: { code: "g", fields: [] },
  empty: { code: "e", fields: [] },
};

const BY_CODE = new Map(
  Object.entries(KINDS).map(([kind, spec]) => [spec.code, { kind: kind as Kind, ...spec }]),
);

const escapeField = (s: string) => s.replace(/%/g, "%25").replace(/:/g, "%3A");

function unescapeField(s: string): string | undefined {
  if (!s.includes("%")) return s;
  if (/%(?!25|3A)/i.test(s)) return undefined;
  return s.replace(/%3A/gi, ":").replace(/%25/g, "%");
}

function encodeValue(value: unknown, type: FieldType): string | undefined {
  if (value === undefined || value === false) return "";
  if (type === "bool") return value === true ? "1" : undefined;
  if (type === "int") return typeof value === "number" && Number.isInteger(value) ? String(value) : undefined;
  if (typeof value !== "string") return undefined;
  if (typeof type === "object") return Object.entries(type).find(([, v]) => v === value)?.[0];
  return type === "text" ? escapeField(value) : value;
}

function decodeValue(raw: string, type: FieldType): { ok: true; value: unknown } | { ok: false } {
  if (type === "bool") return raw === "1" ? { ok: true, value: true } : { ok: false };
  if (type === "int") return /^\d{1,4}$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false };
  if (typeof type === "object") {
    return Object.hasOwn(type, raw) ? { ok: true, value: type[raw] } : { ok: false };
  }
  if (type === "text") {
    const v = unescapeField(raw);
    return v === undefined ? { ok: false } : { ok: true, value: v };
  }
  return { ok: true, value: raw };
}

export function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/**
 * The callback data for a query, or undefined when the query is invalid or does not fit in
 * 64 bytes (the caller then leaves the button out).
 */
export function encodeCallback(query: Query, mode: CallbackMode = "q"): string | undefined {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) return undefined;
  const spec = KINDS[parsed.data.kind];
  const record = parsed.data as Record<string, unknown>;
  const parts: string[] = [];
  for (const [name, type] of spec.fields) {
    const v = encodeValue(record[name], type);
    if (v === undefined) return undefined;
    parts.push(v);
  }
  while (parts.length && parts.at(-1) === "") parts.pop();
  const data = [mode, spec.code, ...parts].join(":");
  return byteLength(data) <= CALLBACK_DATA_MAX_BYTES ? data : undefined;
}

/** The query a button carries, or undefined for anything not made by `encodeCallback`. */
export function decodeCallback(data: string): { mode: CallbackMode; query: Query } | undefined {
  if (typeof data !== "string" || byteLength(data) > CALLBACK_DATA_MAX_BYTES) return undefined;
  const [mode, code, ...fields] = data.split(":");
  if (mode !== "q" && mode !== "p") return undefined;
  const spec = code === undefined ? undefined : BY_CODE.get(code);
  if (!spec || fields.length > spec.fields.length) return undefined;
  const out: Record<string, unknown> = { kind: spec.kind };
  for (let i = 0; i < fields.length; i++) {
    const raw = fields[i]!;
    if (raw === "") continue;
    const [name, type] = spec.fields[i]!;
    const v = decodeValue(raw, type);
    if (!v.ok) return undefined;
    out[name] = v.value;
  }
  const parsed = querySchema.safeParse(out);
  if (!parsed.success) return undefined;
  // Canonical form only: re-encoding must give the same data (no "p:t::1:" variants, no "+1").
  if (encodeCallback(parsed.data, mode) !== data) return undefined;
  return { mode, query: parsed.data };
}

/** Ids a query refers to, to tell a stale button (the entry was removed since) from a live one. */
export function referencedIds(
  q: Query,
): { kind: "unit" | "document" | "person" | "meeting" | "body"; id: string }[] {
  const out: { kind: "unit" | "document" | "person" | "meeting" | "body"; id: string }[] = [];
  if ("unitId" in q && q.unitId) out.push({ kind: "unit", id: q.unitId });
  if (q.kind === "document" && q.docId) out.push({ kind: "document", id: q.docId });
  if (q.kind === "person") out.push({ kind: "person", id: q.personId });
  if (q.kind === "meeting" && q.meetingId) out.push({ kind: "meeting", id: q.meetingId });
  if (q.kind === "role" && q.bodyId) out.push({ kind: "body", id: q.bodyId });
  return out;
}
