/**
 * The secretariat's curated changes (knowledge-edits.json): an overlay over the shipped
 * knowledge/ folder. Per collection, `{ id: entity | null }`: an entity replaces (or adds) the
 * entry with that id, `null` is a tombstone that removes it. `holidays`, when present, replaces
 * the shipped holiday list as a whole. The province block is never overlaid.
 *
 * File shape: `{ version: 1, collections: { tasks: { "t-1": {...} | null } }, holidays?: [...],
 * journal?: AuditEntry }`. `journal` is the audit entry of the last commit, written in the same
 * atomic write as the overlay so the audit log can be completed after a crash (see index.ts).
 */
import { z } from "zod";
import {
  COLLECTION_LABELS,
  COLLECTION_NAMES,
  COLLECTIONS,
  type CollectionName,
  type EntityOf,
  type Holiday,
  holidaySchema,
  idSchema,
  type KnowledgeData,
} from "../core/knowledge/schema.ts";
import { type AuditEntry, auditEntrySchema } from "./audit.ts";
import { StoreError } from "./errors.ts";
import { describeIssues, jsonEqual, type StoreFile, safeParseVi } from "./json-file.ts";

export const EDITS_FILE = "knowledge-edits.json";

/** Per collection: id → replacement entity, or `null` (tombstone). */
export type OverlayCollections = { [C in CollectionName]?: Record<string, EntityOf<C> | null> };

export interface Overlay {
  collections: OverlayCollections;
  /** A full replacement of the shipped holiday list. */
  holidays?: Holiday[];
}

export interface EditsFileData extends Overlay {
  version: 1;
  journal?: AuditEntry;
}

/** The input a collection's schema accepts (defaults not yet filled). */
export type EntityInput<C extends CollectionName> = z.input<(typeof COLLECTIONS)[C]["schema"]>;

/** One entity's overlay state before and after a change; absent = no overlay entry. */
export type EntityChange = {
  [C in CollectionName]: {
    collection: C;
    id: string;
    before?: EntityOf<C> | null;
    after?: EntityOf<C> | null;
  };
}[CollectionName];
export interface HolidaysChange {
  collection: "holidays";
  id: "holidays";
  before?: Holiday[];
  after?: Holiday[];
}
export type EditChange = EntityChange | HolidaysChange;

export const HOLIDAYS_ID = "holidays";

function overlayCollectionSchema(c: CollectionName) {
  return z.record(idSchema, COLLECTIONS[c].schema.nullable()).superRefine((rec, ctx) => {
    for (const [key, value] of Object.entries(rec)) {
      if (value && value.id !== key) {
        ctx.addIssue({ code: "custom", path: [key, "id"], message: `mã phải trùng với khoá "${key}"` });
      }
    }
  });
}

const collectionsSchema = z.strictObject(
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, overlayCollectionSchema(c).optional()])),
) as unknown as z.ZodType<OverlayCollections>;

export const editsFileSchema: z.ZodType<EditsFileData> = z.strictObject({
  version: z.literal(1),
  collections: collectionsSchema,
  holidays: z.array(holidaySchema).optional(),
  journal: auditEntrySchema.optional(),
});

export const defaultEditsFile = (): EditsFileData => ({ version: 1, collections: {} });

/** Changes made inside `transaction`. All of them are written in one atomic write, or none. */
export interface EditsTx {
  /** The overlay state: entity, null (tombstone) or undefined (no overlay entry). */
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | null | undefined;
  /** Validates `entity` with its collection's schema and records it; returns the stored entity. */
  upsert<C extends CollectionName>(collection: C, entity: EntityInput<C>): EntityOf<C>;
  /** Records a tombstone: the entry disappears from the knowledge even if it is shipped. */
  remove(collection: CollectionName, id: string): void;
  /** Drops the overlay entry: the shipped entry (if any) applies again. */
  revert(collection: CollectionName, id: string): void;
  /** Replaces the shipped holiday list; `undefined` drops the replacement. */
  setHolidays(list: Holiday[] | undefined): void;
  /** Sets an overlay state exactly as recorded in an audit change (used by undo). */
  restore(collection: CollectionName | "holidays", id: string, state: unknown): void;
}

export interface TransactionOptions {
  /** Builds the audit entry written with the overlay (as `journal`), given the changes. */
  journal?: (changes: EditChange[]) => AuditEntry;
}

function invalidEntity(c: CollectionName, id: unknown, error: z.ZodError): StoreError {
  const which = typeof id === "string" && id ? ` "${id}"` : "";
  return new StoreError(
    "invalid",
    `Mục ${COLLECTION_LABELS[c]}${which} không hợp lệ: ${describeIssues(error)}.`,
    {
      cause: error,
    },
  );
}

function parseEntity<C extends CollectionName>(c: C, value: unknown): EntityOf<C> {
  const schema = COLLECTIONS[c].schema as unknown as z.ZodType<EntityOf<C>>;
  const parsed = safeParseVi(schema, value);
  if (!parsed.success) throw invalidEntity(c, (value as { id?: unknown } | null)?.id, parsed.error);
  return parsed.data;
}

function assertCollection(c: string): asserts c is CollectionName {
  if (!(COLLECTION_NAMES as string[]).includes(c)) {
    throw new StoreError("invalid", `Không có loại dữ liệu "${c}" trong cơ sở tri thức.`);
  }
}

function assertId(c: CollectionName, id: string): void {
  if (!idSchema.safeParse(id).success) {
    throw new StoreError("invalid", `Mã của mục ${COLLECTION_LABELS[c]} không hợp lệ: "${id}".`);
  }
}

export class KnowledgeEdits {
  readonly #file: StoreFile<EditsFileData>;

  constructor(file: StoreFile<EditsFileData>) {
    this.#file = file;
  }

  /** A copy of the overlay, for `applyOverlay`. */
  overlay(): Overlay {
    const { collections, holidays } = this.#file.data;
    return structuredClone(holidays ? { collections, holidays } : { collections });
  }

  /** The overlay state of one entity: entity, null (tombstone) or undefined (none). */
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | null | undefined {
    const rec = this.#file.data.collections[collection] as Record<string, EntityOf<C> | null> | undefined;
    if (!rec || !Object.hasOwn(rec, id)) return undefined;
    return structuredClone(rec[id]);
  }

  /** How many overlay entries there are (tombstones included), per collection. */
  counts(): Partial<Record<CollectionName, number>> {
    const out: Partial<Record<CollectionName, number>> = {};
    for (const c of COLLECTION_NAMES) {
      const n = Object.keys(this.#file.data.collections[c] ?? {}).length;
      if (n) out[c] = n;
    }
    return out;
  }

  /** The audit entry of the last commit (see index.ts). */
  journal(): AuditEntry | undefined {
    const j = this.#file.data.journal;
    return j && structuredClone(j);
  }

  /** Shipped knowledge with this overlay applied. */
  apply(base: KnowledgeData): KnowledgeData {
    return applyOverlay(base, this.#file.data);
  }

  async upsert<C extends CollectionName>(collection: C, entity: EntityInput<C>): Promise<EntityOf<C>> {
    let stored: EntityOf<C> | undefined;
    await this.transaction((tx) => {
      stored = tx.upsert(collection, entity);
    });
    return stored!;
  }

  async remove(collection: CollectionName, id: string): Promise<void> {
    await this.transaction((tx) => tx.remove(collection, id));
  }

  async revert(collection: CollectionName, id: string): Promise<void> {
    await this.transaction((tx) => tx.revert(collection, id));
  }

  async setHolidays(list: Holiday[] | undefined): Promise<void> {
    await this.transaction((tx) => tx.setHolidays(list));
  }

  /**
   * Runs `fn` (synchronous) on a draft of the overlay; writes once if anything changed.
   * If `fn` throws, nothing is written. Returns the changes (no-op changes left out).
   */
  transaction(fn: (tx: EditsTx) => void, options: TransactionOptions = {}): Promise<EditChange[]> {
    return this.#file.update(
      (draft) => {
        const touched = new Map<
          string,
          { collection: CollectionName | "holidays"; id: string; before: unknown }
        >();
        const touch = (collection: CollectionName | "holidays", id: string) => {
          const key = `${collection}\u0000${id}`;
          if (touched.has(key)) return;
          const before = collection === "holidays" ? draft.holidays : draft.collections[collection]?.[id];
          touched.set(key, { collection, id, before: structuredClone(before) });
        };
        const recordOf = (c: CollectionName): Record<string, unknown> => {
          const cols = draft.collections as Record<string, Record<string, unknown> | undefined>;
          cols[c] ??= {};
          return cols[c];
        };
        const setState = (c: CollectionName, id: string, state: unknown) => {
          touch(c, id);
          const rec = recordOf(c);
          if (state === undefined) {
            delete rec[id];
            if (Object.keys(rec).length === 0) delete (draft.collections as Record<string, unknown>)[c];
          } else {
            rec[id] = state;
          }
        };
        const setHolidays = (list: unknown) => {
          touch("holidays", HOLIDAYS_ID);
          if (list === undefined) {
            delete draft.holidays;
            return;
          }
          const parsed = safeParseVi(z.array(holidaySchema), list);
          if (!parsed.success) {
            throw new StoreError(
              "invalid",
              `Danh sách ngày nghỉ không hợp lệ: ${describeIssues(parsed.error)}.`,
            );
          }
          draft.holidays = parsed.data;
        };

        const tx: EditsTx = {
          get: (collection, id) => {
            assertCollection(collection);
            const rec = draft.collections[collection] as Record<string, never> | undefined;
            return rec && Object.hasOwn(rec, id) ? structuredClone(rec[id]) : undefined;
          },
          upsert: (collection, entity) => {
            assertCollection(collection);
            const parsed = parseEntity(collection, entity);
            setState(collection, parsed.id, parsed);
            return structuredClone(parsed);
          },
          remove: (collection, id) => {
            assertCollection(collection);
            assertId(collection, id);
            setState(collection, id, null);
          },
          revert: (collection, id) => {
            assertCollection(collection);
            setState(collection, id, undefined);
          },
          setHolidays: (list) => setHolidays(list),
          restore: (collection, id, state) => {
            if (collection === "holidays") return setHolidays(state);
            assertCollection(collection);
            if (state === undefined || state === null) {
              if (state === null) assertId(collection, id);
              return setState(collection, id, state);
            }
            const parsed = parseEntity(collection, state);
            if (parsed.id !== id) {
              throw new StoreError(
                "invalid",
                `Mục ${COLLECTION_LABELS[collection]} khôi phục không khớp mã "${id}".`,
              );
            }
            setState(collection, id, parsed);
          },
        };

        fn(tx);

        const changes: EditChange[] = [];
        for (const t of touched.values()) {
          const after =
            t.collection === "holidays" ? draft.holidays : draft.collections[t.collection]?.[t.id];
          if (jsonEqual(t.before, after)) continue;
          const change: Record<string, unknown> = { collection: t.collection, id: t.id };
          if (t.before !== undefined) change.before = t.before;
          if (after !== undefined) change.after = structuredClone(after);
          changes.push(change as unknown as EditChange);
        }
        if (changes.length > 0 && options.journal) draft.journal = options.journal(changes);
        return changes;
      },
      (changes) => changes.length > 0,
    );
  }
}

/**
 * The shipped knowledge with the overlay applied (pure: `base` is not modified).
 * Replaced entries keep their place; added ones come after the shipped ones, in overlay order;
 * tombstones remove. `holidays` replaces the list when present. `province` is untouched.
 */
export function applyOverlay(base: KnowledgeData, edits: Overlay): KnowledgeData {
  const out: KnowledgeData = { ...base };
  for (const c of COLLECTION_NAMES) {
    const over = edits.collections[c] as Record<string, { id: string } | null> | undefined;
    if (!over || Object.keys(over).length === 0) continue;
    const seen = new Set<string>();
    const list: { id: string }[] = [];
    for (const entry of base[c] as { id: string }[]) {
      if (Object.hasOwn(over, entry.id)) {
        seen.add(entry.id);
        const replacement = over[entry.id];
        if (replacement) list.push(replacement);
      } else {
        list.push(entry);
      }
    }
    for (const [id, entry] of Object.entries(over)) {
      if (!seen.has(id) && entry) list.push(entry);
    }
    (out as unknown as Record<CollectionName, unknown>)[c] = list;
  }
  if (edits.holidays) out.holidays = [...edits.holidays];
  return out;
}
