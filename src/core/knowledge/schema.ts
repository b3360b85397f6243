/**
 * The knowledge model: every kind of thing officials ask about, as zod schemas.
 * One place: the loader, the store overlay, imports and exports all validate against these.
 *
 * Conventions
 * - `id`: a short slug (a–z, 0–9, "-"), stable, never shown to users.
 * - Dates are ISO calendar dates "YYYY-MM-DD" (Asia/Ho_Chi_Minh calendar days).
 * - Every entry carries `sources` (ids of documents or of entries in sources.yaml, at least one)
 *   and `asOf` (the date the entry holds as of).
 * - Messages are Vietnamese: they are shown to the secretariat by `kb check`.
 */
import { z } from "zod";

// Validation messages in Vietnamese: they are shown to the secretariat by `kb check` and imports.
z.config(z.locales.vi());

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const idSchema = z.string().regex(ID_PATTERN, {
  message: "mã (id) chỉ gồm chữ thường không dấu, số và dấu gạch ngang, tối đa 40 ký tự",
});

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** A calendar date "YYYY-MM-DD" that exists. YAML may parse a bare date as a Date: accept it too. */
export const isoDateSchema = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isRealDate, { message: "ngày không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2023-02-20)" }),
);

/** Any text of the knowledge: not empty, and bounded (a pasted book is not a field). */
export const MAX_TEXT_CHARS = 10_000;
const text = z
  .string()
  .trim()
  .min(1, { message: "không được để trống" })
  .max(MAX_TEXT_CHARS, { message: `dài quá ${MAX_TEXT_CHARS.toLocaleString("vi-VN")} ký tự` });

/** Where an entry comes from, and as of when it holds. */
const provenance = {
  sources: z.array(idSchema).min(1, { message: "mỗi mục phải ghi ít nhất một nguồn" }),
  asOf: isoDateSchema,
};

// ---------------------------------------------------------------- sources

export const sourceKindSchema = z.enum(["article", "page", "document", "secretariat"]);

/** A public page, an article, or the secretariat itself (for entries added in chat). */
export const sourceSchema = z.object({
  id: idSchema,
  kind: sourceKindSchema,
  title: text,
  publisher: text.optional(),
  url: text.optional(),
  date: isoDateSchema.optional(),
  note: text.optional(),
});
export type Source = z.infer<typeof sourceSchema>;

// ---------------------------------------------------------------- units

export const unitKindSchema = z.enum([
  "so", // sở
  "ban", // ban (Ban Dân tộc…)
  "nganh", // ngành dọc, chi nhánh, cơ quan trung ương đóng trên địa bàn
  "huyen", // UBND huyện, thành phố
  "ubnd", // UBND tỉnh
  "dang", // cơ quan Đảng (Tỉnh ủy, Ban Thường vụ…)
  "hdnd", // HĐND
  "don-vi", // đơn vị sự nghiệp, trung tâm, trường
  "trung-uong", // bộ, ngành trung ương
]);
export type UnitKind = z.infer<typeof unitKindSchema>;

/**
 * What happened to a unit at a date (its life): it was established (formed from predecessors), renamed,
 * merged into another unit, split into several, or closed. Each change holds from `date` on ("từ
 * 01/03/2025"): the day before is the unit's last day as it was. Predecessors and successors are unit ids.
 * - established: the unit exists from `date` (`predecessors`: the units it was formed from, if any);
 * - renamed: `formerName` is the name it had before `date` (the unit keeps its id, tasks and people);
 * - merged / split: the unit ends at `date`, its open work goes to `successors` (one for a merger,
 *   several for a split);
 * - closed: the unit ends at `date`; `successors` only if a source names who took its work over.
 */
export const unitChangeKindSchema = z.enum(["established", "renamed", "merged", "split", "closed"]);
export type UnitChangeKind = z.infer<typeof unitChangeKindSchema>;

export const unitChangeSchema = z.object({
  kind: unitChangeKindSchema,
  /** The first day the change holds. */
  date: isoDateSchema,
  /** The document that made the change, by its số hiệu ("Nghị định 45/2025/NĐ-CP"), when known. */
  document: text.optional(),
  successors: z.array(idSchema).default([]),
  predecessors: z.array(idSchema).default([]),
  /** renamed: the name before the change. */
  formerName: text.optional(),
  note: text.optional(),
  /** Where the change is stated (ids of sources or documents); the unit's own sources when empty. */
  sources: z.array(idSchema).default([]),
});
export type UnitChange = z.infer<typeof unitChangeSchema>;

/** An agency (đơn vị) that can be assigned tasks. */
export const unitSchema = z.object({
  id: idSchema,
  name: text,
  kind: unitKindSchema,
  /** Other names people use: "Sở TT&TT", "STTTT", "Sở Thông tin và Truyền thông". */
  aliases: z.array(text).default([]),
  /** Parent unit (a provincial branch of a national body, a district of the province…). */
  parent: idSchema.optional(),
  /** The unit's life, oldest first (see `unitChangeSchema`); empty: it exists as it is. */
  history: z.array(unitChangeSchema).optional(),
  ...provenance,
});
export type Unit = z.infer<typeof unitSchema>;

/**
 * A named set of units: "các sở, ban, ngành", "UBND các huyện, thành phố",
 * "các cơ quan, đơn vị, địa phương". A task assigned to a group applies to each member
 * without being copied. `kinds` selects units by kind; `all` selects every provincial unit.
 */
export const unitGroupSchema = z.object({
  id: idSchema,
  name: text,
  aliases: z.array(text).default([]),
  all: z.boolean().default(false),
  kinds: z.array(unitKindSchema).default([]),
  members: z.array(idSchema).default([]),
  /** The group's life, as a unit's (a level of government that ended: "closed"). */
  history: z.array(unitChangeSchema).optional(),
  ...provenance,
});
export type UnitGroup = z.infer<typeof unitGroupSchema>;

// ---------------------------------------------------------------- people and bodies

export const positionSchema = z.object({
  title: text, // "Chủ tịch UBND tỉnh", "Giám đốc Sở Thông tin và Truyền thông"
  unit: idSchema.optional(),
  body: idSchema.optional(),
  /** Role in a body, for "ai là trưởng ban…". */
  role: z.enum(["head", "standing-deputy", "deputy", "member", "deputy-leader", "leader"]).optional(),
  asOf: isoDateSchema.optional(),
  sources: z.array(idSchema).default([]),
});
export type Position = z.infer<typeof positionSchema>;

export const personSchema = z.object({
  id: idSchema,
  name: text,
  positions: z.array(positionSchema).min(1, { message: "mỗi người phải có ít nhất một chức vụ" }),
  ...provenance,
});
export type Person = z.infer<typeof personSchema>;

/** Ban Chỉ đạo, Ban Điều hành, Tổ Giúp việc, Ủy ban Quốc gia về CĐS… */
export const bodySchema = z.object({
  id: idSchema,
  name: text,
  aliases: z.array(text).default([]),
  level: z.enum(["national", "provincial", "district", "commune"]),
  parent: idSchema.optional(),
  establishedBy: idSchema.optional(), // a document id
  description: text.optional(),
  ...provenance,
});
export type Body = z.infer<typeof bodySchema>;

// ---------------------------------------------------------------- documents

export const documentTypeSchema = z.enum([
  "Kế hoạch",
  "Thông báo",
  "Quyết định",
  "Nghị quyết",
  "Chỉ thị",
  "Chương trình",
  "Công văn",
  "Đề án",
  "Luật",
  "Nghị định",
  "Thông tư",
  "Báo cáo",
]);
export type DocumentType = z.infer<typeof documentTypeSchema>;

export const documentRelationSchema = z.object({
  kind: z.enum(["implements", "cites", "replaces", "attached-to"]),
  target: idSchema,
});

export const documentSchema = z.object({
  id: idSchema,
  /** Số hiệu as written: "3609/KH-BĐHCĐS", "03-TB/BCĐCĐS". */
  number: text,
  type: documentTypeSchema,
  date: isoDateSchema,
  issuer: text, // cơ quan ban hành
  signer: text.optional(),
  /** Trích yếu: what the document is about, as sources state it. */
  summary: text,
  keyPoints: z.array(text).default([]),
  relations: z.array(documentRelationSchema).default([]),
  /** Whether the full text is held; when false the bot says only what is known. */
  fullText: z.boolean().default(false),
  url: text.optional(),
  ...provenance,
});
export type KDocument = z.infer<typeof documentSchema>;

// ---------------------------------------------------------------- themes

export const themeSchema = z.object({
  id: idSchema,
  year: z.number().int().min(2000).max(2100),
  scope: z.enum(["national", "provincial"]),
  body: idSchema.optional(),
  /** The theme's words, quoted as the source gives them. */
  title: text,
  /** "Năm Dữ liệu số quốc gia" and similar short names. */
  alsoKnownAs: z.array(text).default([]),
  focus: text.optional(),
  ...provenance,
});
export type Theme = z.infer<typeof themeSchema>;

// ---------------------------------------------------------------- tasks

/** A recurring deadline: yearly on a day, or every quarter/month end. */
export const recurrenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("yearly"),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
  z.object({ kind: z.literal("quarterly") }),
  z.object({ kind: z.literal("monthly"), day: z.number().int().min(1).max(31).optional() }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const deadlineSchema = z.object({
  /** As written in the document: "Quý II/2023", "Thường xuyên", "Hằng năm 10/10", "Năm 2023". */
  text: text,
  /** The computed due date, where one exists. Filled from `text` by the loader when absent. */
  due: isoDateSchema.optional(),
  recurrence: recurrenceSchema.optional(),
  /** Continuous work ("Thường xuyên"): no due date, status "chưa có hạn". */
  continuous: z.boolean().optional(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const taskProgressSchema = z.object({
  /** Recorded completion date: the task (or its current occurrence) is done. */
  completedOn: isoDateSchema.optional(),
  /** A due date moved by an approved extension. */
  extendedTo: isoDateSchema.optional(),
  note: text.optional(),
});

export const taskSchema = z.object({
  id: idSchema,
  title: text.max(2_000, { message: "dài quá 2.000 ký tự" }),
  details: text.optional(),
  /** Lead units (chủ trì): unit ids or unit-group ids. */
  lead: z.array(idSchema).min(1, { message: "nhiệm vụ phải có ít nhất một đơn vị chủ trì" }),
  /** Coordinating units (phối hợp): unit ids or unit-group ids. */
  support: z.array(idSchema).default([]),
  deadline: deadlineSchema,
  /** The assigning document (id) and the clause in it. */
  document: idSchema.optional(),
  clause: text.optional(),
  /** Group (nhóm nhiệm vụ), usually a DTI pillar: "Nhận thức số", "Hạ tầng số"… */
  group: text.optional(),
  product: text.optional(), // sản phẩm, kết quả
  year: z.number().int().min(2000).max(2100).optional(),
  progress: taskProgressSchema.default({}),
  ...provenance,
});
export type Task = z.infer<typeof taskSchema>;

// ---------------------------------------------------------------- meetings

export const attendeeSchema = z.object({
  person: idSchema.optional(),
  unit: idSchema.optional(),
  body: idSchema.optional(),
  /** As the source names the attendee when there is no entry for them. */
  label: text.optional(),
});

export const meetingSchema = z.object({
  id: idSchema,
  title: text,
  date: isoDateSchema,
  time: text.optional(), // "sáng"
  body: idSchema.optional(),
  chair: idSchema.optional(), // person id
  attendees: z.array(attendeeSchema).default([]),
  agenda: z.array(text).default([]),
  results: z.array(text).default([]),
  shortcomings: z.array(text).default([]),
  conclusions: z.array(text).default([]),
  documents: z.array(idSchema).default([]),
  ...provenance,
});
export type Meeting = z.infer<typeof meetingSchema>;

// ---------------------------------------------------------------- indicators and targets

export const indicatorPartSchema = z.object({
  name: text,
  value: z.number().optional(),
  rank: z.number().int().optional(),
  of: z.number().int().optional(),
  change: text.optional(), // "tăng 23 bậc"
});

export const indicatorSchema = z.object({
  id: idSchema,
  /** "DTI" */
  name: text,
  fullName: text.optional(),
  year: z.number().int().min(2000).max(2100),
  value: z.number().optional(),
  rank: z.number().int().optional(),
  of: z.number().int().optional(),
  change: text.optional(), // "tăng 44,6% so với 2020; tăng 10 bậc"
  nationalAverage: z.number().optional(),
  announcedOn: isoDateSchema.optional(),
  parts: z.array(indicatorPartSchema).default([]),
  notes: z.array(text).default([]),
  ...provenance,
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const targetSchema = z.object({
  id: idSchema,
  scope: z.enum(["national", "provincial"]),
  /** The year or horizon the target is for: 2023, 2025… */
  year: z.number().int().min(2000).max(2100),
  area: text.optional(), // "Dữ liệu", "Chính quyền số", "Kinh tế số"…
  text: text,
  document: idSchema.optional(),
  ...provenance,
});
export type Target = z.infer<typeof targetSchema>;

// ---------------------------------------------------------------- calendar

export const holidaySchema = z.object({
  date: isoDateSchema,
  name: text,
  sources: z.array(idSchema).default([]),
});
export type Holiday = z.infer<typeof holidaySchema>;

// ---------------------------------------------------------------- the whole base

export const provinceSchema = z.object({
  name: text, // "Ninh Thuận"
  assistantName: text.default("Trợ lý CĐS"),
  /** The year the assistant treats as current when a question names none. Defaults to today's year. */
  defaultYear: z.number().int().optional(),
});

/** Each collection of the knowledge base, with the file it is kept in under knowledge/. */
export const COLLECTIONS = {
  sources: { file: "sources.yaml", schema: sourceSchema },
  units: { file: "units.yaml", schema: unitSchema },
  unitGroups: { file: "unit-groups.yaml", schema: unitGroupSchema },
  bodies: { file: "bodies.yaml", schema: bodySchema },
  people: { file: "people.yaml", schema: personSchema },
  documents: { file: "documents.yaml", schema: documentSchema },
  themes: { file: "themes.yaml", schema: themeSchema },
  tasks: { file: "tasks.yaml", schema: taskSchema },
  meetings: { file: "meetings.yaml", schema: meetingSchema },
  indicators: { file: "indicators.yaml", schema: indicatorSchema },
  targets: { file: "targets.yaml", schema: targetSchema },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface KnowledgeData {
  province: z.infer<typeof provinceSchema>;
  holidays: Holiday[];
  sources: Source[];
  units: Unit[];
  unitGroups: UnitGroup[];
  bodies: Body[];
  people: Person[];
  documents: KDocument[];
  themes: Theme[];
  tasks: Task[];
  meetings: Meeting[];
  indicators: Indicator[];
  targets: Target[];
}

export type EntityOf<C extends CollectionName> = KnowledgeData[C][number];

/** Vietnamese names of the collections, for messages. */
export const COLLECTION_LABELS: Record<CollectionName, string> = {
  sources: "nguồn",
  units: "đơn vị",
  unitGroups: "nhóm đơn vị",
  bodies: "tổ chức",
  people: "người",
  documents: "văn bản",
  themes: "chủ đề",
  tasks: "nhiệm vụ",
  meetings: "cuộc họp",
  indicators: "chỉ số",
  targets: "mục tiêu",
};
