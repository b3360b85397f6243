/**
 * The secretariat's curated changes (knowledge-edits.json): an overlay over the shipped
 * knowledge/ folder. Per collection, `{ id: entity | null }`: an entity replaces (or adds) the
 * entry with that id, `null` is a tombstone that removes it. `holidays`, when present, replaces
 * the shipped holiday list as a whole. The province block is never overlaid.
 *
 * File shape: `{ version: 1, collections: { tasks: { "t-1": {...} | null } }, holidays?: [...],
 * journal?: AuditEntry }`. `journal` is the audit entry of the last commit, written in the same
 * atomic write as the overlay so the audit log can be completed after a crash (see index.ts).
 *
 * A bad entry never takes the assistant down. Only the envelope (`version`, `collections` an
 * object) is checked when the file is read and before each write; every entry is validated on its
 * own (`inspectEdits`). An entry that fails (a hand edit, a schema made stricter by an upgrade) is
 * set aside: left out of the overlay, named by `problems()`, and kept in the file byte for byte,
 * since each commit writes the file as read with only its own changes. A file that is not JSON at
 * all (or whose envelope is wrong) is "unreadable" (`EditsStoreFile`): the overlay is empty, so the
 * assistant runs on the shipped knowledge, and every write to the file is refused.
 *
 * Writes to a set-aside entry (by the store's own check here, or because the app found that it
 * breaks the knowledge, `noteUnloadable`) are refused with a message saying what to do, rather
 * than letting the next commit replace it: an import or a chat edit that happens to carry the same
 * id would otherwise overwrite a person's hand edit that nobody has looked at. Undo is the exception
 * (`restore`): undoing the change that introduced the entry is the documented repair, and the undo's
 * audit entry keeps the set-aside content as its before-state.
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
import { describeIssues, jsonEqual, StoreFile, safeParseVi } from "./json-file.ts";

export const EDITS_FILE = "knowledge-edits.json";

/** Per collection: id → replacement entity, or `null` (tombstone). */
export type OverlayCollections = { [C in CollectionName]?: Record<string, EntityOf<C> | null> };

export interface Overlay {
  collections: OverlayCollections;
  /** A full replacement of the shipped holiday list. */
  holidays?: Holiday[];
}

/**
 * The file as stored. Entries are as written (validated one by one by `inspectEdits`), so a bad
 * one is kept as it is.
 */
export interface EditsFileData {
  version: 1;
  /** Collection name → `{ id: entity | null }`. */
  collections: Record<string, unknown>;
  holidays?: unknown;
  journal?: unknown;
}

/** An overlay entry left out of the knowledge, and why. */
export interface SetAsideEdit {
  /** A collection name, "holidays", "journal", "file" (the whole file), or a name the file has that is no collection. */
  collection: string;
  /** The entry's id; `WHOLE` for a whole collection; the file name when the whole file is unreadable. */
  id: string;
  /** Why, in Vietnamese. */
  reason: string;
}

/** The id of a `SetAsideEdit` that stands for a whole collection. */
export const WHOLE = "*";

/** "nhiệm vụ “t-1”: lead: …", for logs, `kb check` and the notice to the secretariat. */
export function describeSetAside(e: SetAsideEdit): string {
  let what: string;
  if (e.collection === "file") what = `toàn bộ tệp ${e.id}`;
  else if (e.collection === "holidays") what = "danh sách ngày nghỉ";
  else if (e.collection === "journal") what = "bản ghi nhật ký của lần lưu cuối (journal)";
  else if (Object.hasOwn(COLLECTION_LABELS, e.collection)) {
    const label = COLLECTION_LABELS[e.collection as CollectionName];
    what = e.id === WHOLE ? `cả mục ${label} (${e.collection})` : `${label} “${e.id}”`;
  } else what = `mục “${e.collection}”`;
  return `${what}: ${e.reason}`;
}

const setAsideKey = (collection: string, id: string) => `${collection}\u0000${id}`;

export const editsFileSchema: z.ZodType<EditsFileData> = z.strictObject({
  version: z.literal(1),
  collections: z.record(z.string(), z.unknown()),
  holidays: z.unknown().optional(),
  journal: z.unknown().optional(),
}) as unknown as z.ZodType<EditsFileData>;

export const defaultEditsFile = (): EditsFileData => ({ version: 1, collections: {} });

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const holidaysSchema = z.array(holidaySchema);

type EntryCheck<C extends CollectionName> =
  | { ok: true; value: EntityOf<C> | null }
  | { ok: false; reason: string };

/** One overlay entry, validated on its own: tombstone, or an entity of its collection whose id is its key. */
function checkEntry<C extends CollectionName>(c: C, key: string, value: unknown): EntryCheck<C> {
  if (!idSchema.safeParse(key).success) return { ok: false, reason: `mã “${key}” không hợp lệ` };
  if (value === null) return { ok: true, value: null };
  const schema = COLLECTIONS[c].schema as unknown as z.ZodType<EntityOf<C>>;
  const parsed = safeParseVi(schema, value);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  if (parsed.data.id !== key) return { ok: false, reason: `id: mã phải trùng với khoá “${key}”` };
  return { ok: true, value: parsed.data };
}

export interface EditsInspection {
  /** The entries that are valid, in file order. */
  overlay: Overlay;
  /** The entries left out. */
  problems: SetAsideEdit[];
  journal: AuditEntry | undefined;
}

/** Validates every entry of the file on its own; the valid ones make the overlay. */
export function inspectEdits(data: EditsFileData): EditsInspection {
  const overlay: Overlay = { collections: {} };
  const problems: SetAsideEdit[] = [];
  for (const [c, rec] of Object.entries(data.collections)) {
    if (!(COLLECTION_NAMES as string[]).includes(c)) {
      problems.push({
        collection: c,
        id: WHOLE,
        reason: `không có loại dữ liệu “${c}” trong cơ sở tri thức`,
      });
      continue;
    }
    const name = c as CollectionName;
    if (!isRecord(rec)) {
      problems.push({ collection: c, id: WHOLE, reason: "phải là một đối tượng { mã: mục }" });
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rec)) {
      const checked = checkEntry(name, key, value);
      if (checked.ok) out[key] = checked.value;
      else problems.push({ collection: c, id: key, reason: checked.reason });
    }
    if (Object.keys(out).length > 0) (overlay.collections as Record<string, unknown>)[c] = out;
  }
  if (data.holidays !== undefined) {
    const parsed = safeParseVi(holidaysSchema, data.holidays);
    if (parsed.success) overlay.holidays = parsed.data;
    else problems.push({ collection: "holidays", id: HOLIDAYS_ID, reason: describeIssues(parsed.error) });
  }
  let journal: AuditEntry | undefined;
  if (data.journal !== undefined) {
    const parsed = safeParseVi(auditEntrySchema, data.journal);
    if (parsed.success) journal = parsed.data;
    else problems.push({ collection: "journal", id: "journal", reason: describeIssues(parsed.error) });
  }
  return { overlay, problems, journal };
}

/**
 * The store file of the overlay. A file that does not parse, or whose envelope is wrong, does not
 * stop the store from opening: it is "unreadable", read as empty, and every write to it is refused
 * (the file is never replaced: a person repairs it or restores a backup).
 */
export class EditsStoreFile extends StoreFile<EditsFileData> {
  #unreadable: StoreError | undefined;

  /** Why the file could not be read, when it could not. */
  get unreadable(): StoreError | undefined {
    return this.#unreadable;
  }

  override async load(): Promise<void> {
    try {
      await super.load();
    } catch (e) {
      if (!this.#tolerate(e)) throw e;
    }
  }

  override async loadOrCreate(): Promise<boolean> {
    try {
      return await super.loadOrCreate();
    } catch (e) {
      if (!this.#tolerate(e)) throw e;
      return false;
    }
  }

  override update<R>(fn: (draft: EditsFileData) => R, changed?: (result: R) => boolean): Promise<R> {
    if (this.#unreadable) {
      return Promise.reject(
        new StoreError(
          "corrupt",
          `Tệp ${this.displayPath} không đọc được nên chưa ghi được chỉnh sửa nào (trợ lý đang chạy trên cơ sở tri thức gốc). ` +
            "Sửa tệp, hoặc khôi phục bản sao lưu (npm run cli -- backup restore <tệp>), rồi khởi động lại trợ lý.",
          { file: this.displayPath },
        ),
      );
    }
    return super.update(fn, changed);
  }

  #tolerate(e: unknown): boolean {
    if (!(e instanceof StoreError) || e.code !== "corrupt") return false;
    this.#unreadable = e;
    return true;
  }
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

/** Changes made inside `transaction`. All of them are written in one atomic write, or none. */
export interface EditsTx {
  /**
   * The overlay state: entity, null (tombstone) or undefined (no overlay entry). A set-aside entry
   * is returned as written in the file.
   */
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | null | undefined;
  /** Validates `entity` with its collection's schema and records it; returns the stored entity. */
  upsert<C extends CollectionName>(collection: C, entity: EntityInput<C>): EntityOf<C>;
  /** Records a tombstone: the entry disappears from the knowledge even if it is shipped. */
  remove(collection: CollectionName, id: string): void;
  /** Drops the overlay entry: the shipped entry (if any) applies again. */
  revert(collection: CollectionName, id: string): void;
  /** Replaces the shipped holiday list; `undefined` drops the replacement. */
  setHolidays(list: Holiday[] | undefined): void;
  /**
   * Sets an overlay state exactly as recorded in an audit change (used by undo). Unlike the other
   * writes it may replace a set-aside entry: that is how undo repairs one.
   */
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

function setAsideError(file: string, e: SetAsideEdit): StoreError {
  return new StoreError(
    "conflict",
    `Chưa lưu: trong ${file}, ${describeSetAside(e)}. Mục này đang bị gác lại (không nạp được) và được giữ nguyên ` +
      "cho đến khi có người xử lý: sửa tệp, hoàn tác thay đổi đã gây lỗi (npm run cli -- kb undo, /hoantac) " +
      "hoặc khôi phục bản sao lưu; xem npm run cli -- kb check.",
    { file },
  );
}

export class KnowledgeEdits {
  readonly #file: StoreFile<EditsFileData>;
  #inspected: { data: EditsFileData; result: EditsInspection } | undefined;
  #unloadable = new Map<string, SetAsideEdit>();

  constructor(file: StoreFile<EditsFileData>) {
    this.#file = file;
  }

  /** The file's entries, validated one by one (cached until the next write). */
  #inspect(): EditsInspection {
    const data = this.#file.data;
    if (this.#inspected?.data !== data) this.#inspected = { data, result: inspectEdits(data) };
    return this.#inspected.result;
  }

  /** A copy of the overlay (the valid entries only), for `applyOverlay`. */
  overlay(): Overlay {
    return structuredClone(this.#inspect().overlay);
  }

  /** Why the whole file could not be read (then the overlay is empty and writes are refused). */
  unreadable(): StoreError | undefined {
    return this.#file instanceof EditsStoreFile ? this.#file.unreadable : undefined;
  }

  /**
   * What the file holds that is left out of the overlay: the whole file when it cannot be read, or
   * each entry that fails its schema. The app adds what breaks the knowledge (`noteUnloadable`).
   */
  problems(): SetAsideEdit[] {
    const unreadable = this.unreadable();
    if (unreadable) return [{ collection: "file", id: EDITS_FILE, reason: unreadable.message }];
    return structuredClone(this.#inspect().problems);
  }

  /** The valid entries the app had to leave out (broken references, a knowledge that does not build). */
  noteUnloadable(entries: readonly SetAsideEdit[]): void {
    this.#unloadable = new Map(entries.map((e) => [setAsideKey(e.collection, e.id), { ...e }]));
  }

  /** The set-aside entry (by the file's check or by the app) for this collection and id, if any. */
  setAside(collection: string, id: string): SetAsideEdit | undefined {
    const key = setAsideKey(collection, id);
    const whole = setAsideKey(collection, WHOLE);
    return (
      this.problems().find((p) => {
        const k = setAsideKey(p.collection, p.id);
        return k === key || k === whole;
      }) ??
      this.#unloadable.get(key) ??
      this.#unloadable.get(whole)
    );
  }

  /** Whether this entry is set aside (undo may replace it; other writes are refused). */
  isSetAside(collection: string, id: string): boolean {
    return this.setAside(collection, id) !== undefined;
  }

  /** The overlay state of one entity: entity, null (tombstone) or undefined (none). A set-aside entry as written. */
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | null | undefined {
    const valid = this.#inspect().overlay.collections[collection] as
      | Record<string, EntityOf<C> | null>
      | undefined;
    if (valid && Object.hasOwn(valid, id)) return structuredClone(valid[id]);
    const rec = this.#file.data.collections[collection];
    if (!isRecord(rec) || !Object.hasOwn(rec, id)) return undefined;
    return structuredClone(rec[id]) as EntityOf<C> | null;
  }

  /** How many overlay entries there are (tombstones included), per collection. */
  counts(): Partial<Record<CollectionName, number>> {
    const out: Partial<Record<CollectionName, number>> = {};
    for (const c of COLLECTION_NAMES) {
      const rec = this.#file.data.collections[c];
      const n = isRecord(rec) ? Object.keys(rec).length : 0;
      if (n) out[c] = n;
    }
    return out;
  }

  /** The audit entry of the last commit (see index.ts). */
  journal(): AuditEntry | undefined {
    const j = this.#inspect().journal;
    return j && structuredClone(j);
  }

  /** Shipped knowledge with this overlay (its valid entries) applied. */
  apply(base: KnowledgeData): KnowledgeData {
    return applyOverlay(base, this.#inspect().overlay);
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
   * Entries `fn` does not touch are written back exactly as they were read, set-aside ones included.
   */
  transaction(fn: (tx: EditsTx) => void, options: TransactionOptions = {}): Promise<EditChange[]> {
    return this.#file.update(
      (draft) => {
        const touched = new Map<
          string,
          { collection: CollectionName | "holidays"; id: string; before: unknown }
        >();
        const touch = (collection: CollectionName | "holidays", id: string) => {
          const key = setAsideKey(collection, id);
          if (touched.has(key)) return;
          const before = collection === "holidays" ? draft.holidays : rawOf(collection, id);
          touched.set(key, { collection, id, before: structuredClone(before) });
        };
        const rawOf = (c: CollectionName, id: string): unknown => {
          const rec = draft.collections[c];
          return isRecord(rec) && Object.hasOwn(rec, id) ? rec[id] : undefined;
        };
        /** Refuses writes other than undo's to what is set aside (see the file's comment). */
        const guard = (c: CollectionName | "holidays", id: string) => {
          const e = this.setAside(c, id);
          if (e) throw setAsideError(this.#file.displayPath, e);
        };
        const recordOf = (c: CollectionName): Record<string, unknown> => {
          const cols = draft.collections;
          cols[c] ??= {};
          const rec = cols[c];
          if (!isRecord(rec)) {
            throw setAsideError(this.#file.displayPath, {
              collection: c,
              id: WHOLE,
              reason: "phải là một đối tượng { mã: mục }",
            });
          }
          return rec;
        };
        const setState = (c: CollectionName, id: string, state: unknown) => {
          const rec = recordOf(c);
          touch(c, id);
          if (state === undefined) {
            delete rec[id];
            if (Object.keys(rec).length === 0) delete draft.collections[c];
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
          const parsed = safeParseVi(holidaysSchema, list);
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
            const raw = rawOf(collection, id);
            if (raw === undefined) return undefined;
            const checked = checkEntry(collection, id, raw);
            return structuredClone(checked.ok ? checked.value : raw) as never;
          },
          upsert: (collection, entity) => {
            assertCollection(collection);
            const parsed = parseEntity(collection, entity);
            guard(collection, parsed.id);
            setState(collection, parsed.id, parsed);
            return structuredClone(parsed);
          },
          remove: (collection, id) => {
            assertCollection(collection);
            assertId(collection, id);
            guard(collection, id);
            setState(collection, id, null);
          },
          revert: (collection, id) => {
            assertCollection(collection);
            guard(collection, id);
            setState(collection, id, undefined);
          },
          setHolidays: (list) => {
            guard("holidays", HOLIDAYS_ID);
            setHolidays(list);
          },
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
          const after = t.collection === "holidays" ? draft.holidays : rawOf(t.collection, t.id);
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
