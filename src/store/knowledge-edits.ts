/**
 * The secretariat's curated changes: an overlay over the shipped knowledge/ folder. Per collection,
 * `{ id: entity | null }`: an entity replaces (or adds) the entry with that id, `null` is a tombstone
 * that removes it. `holidays`, when present, replaces the shipped holiday list as a whole. The
 * province block is never overlaid.
 *
 * Stored as a snapshot (knowledge-edits.json: `{ version: 1, collections: { tasks: { "t-1": {...} |
 * null } }, holidays?: [...], journal?: AuditEntry }`, the format of every earlier version) and a
 * journal of the commits since (knowledge-edits.journal.jsonl): see edits-journal.ts. A commit appends
 * one line (its changes and its audit entry) and fsyncs it, so its cost follows the size of the change,
 * not of the overlay; the journal is folded into the snapshot when it reaches about half the snapshot's
 * size (in the write queue, after the commit that crossed the line), at close, and at open when needed.
 * `journal` (the audit entry of the last commit) lets the audit log be completed after a crash (see
 * index.ts).
 *
 * A bad entry never takes the assistant down. Only the envelope (`version`, `collections` an
 * object) is checked when the snapshot is read; every entry is validated on its own (`inspectEdits`),
 * and a commit validates what it writes (each entity with its schema, the line with its schema). An
 * entry that fails (a hand edit, a schema made stricter by an upgrade) is set aside: left out of the
 * overlay, named by `problems()`, and kept in the file as written, since a commit writes only its
 * own changes. A snapshot that is not JSON at all (or whose envelope is wrong) is "unreadable": the
 * overlay is empty, so the assistant runs on the shipped knowledge, and every write is refused.
 *
 * Writes to a set-aside entry (by the store's own check here, or because the app found that it
 * breaks the knowledge, `noteUnloadable`) are refused with a message saying what to do, rather
 * than letting the next commit replace it: an import or a chat edit that happens to carry the same
 * id would otherwise overwrite a person's hand edit that nobody has looked at. Undo is the exception
 * (`restore`): undoing the change that introduced the entry is the documented repair, and the undo's
 * audit entry keeps the set-aside content as its before-state.
 */
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
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
import {
  applyRawChange,
  type CommitLine,
  commitLineSchema,
  EDITS_FILE,
  type EditsFileData,
  EditsFiles,
  type EditsRead,
  type JournalChange,
  rawState,
  readEdits,
} from "./edits-journal.ts";
import { StoreError } from "./errors.ts";
import { describeIssues, jsonEqual, SerialQueue, safeParseVi } from "./json-file.ts";
import type { LogFs, StoreWarning } from "./jsonl.ts";

export {
  defaultEditsFile,
  EDITS_FILE,
  EDITS_JOURNAL_FILE,
  type EditsFileData,
  editsFileSchema,
} from "./edits-journal.ts";

/** Per collection: id → replacement entity, or `null` (tombstone). */
export type OverlayCollections = { [C in CollectionName]?: Record<string, EntityOf<C> | null> };

export interface Overlay {
  collections: OverlayCollections;
  /** A full replacement of the shipped holiday list. */
  holidays?: Holiday[];
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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const holidaysSchema = z.array(holidaySchema);

/** Freezes a parsed entity and everything in it (plain objects and arrays). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

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

/**
 * Validates every entry of the file on its own; the valid ones make the overlay. With `share`, a valid
 * entry whose parsed value equals what the file holds (defaults already there: every entry the store
 * wrote) is put back in `data` in place of the raw one, so the two views hold one object, not two
 * copies (with 10,000 tasks in the overlay that is tens of megabytes). Neither view is ever changed in
 * place (a commit replaces values), so sharing is safe.
 */
export function inspectEdits(data: EditsFileData, options: { share?: boolean } = {}): EditsInspection {
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
      if (checked.ok) {
        out[key] = options.share ? deepFreeze(checked.value) : checked.value;
        if (options.share && checked.value !== value && isDeepStrictEqual(checked.value, value))
          rec[key] = checked.value;
      } else problems.push({ collection: c, id: key, reason: checked.reason });
    }
    if (Object.keys(out).length > 0) (overlay.collections as Record<string, unknown>)[c] = out;
  }
  if (data.holidays !== undefined) {
    const parsed = safeParseVi(holidaysSchema, data.holidays);
    if (parsed.success) overlay.holidays = options.share ? deepFreeze(parsed.data) : parsed.data;
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

export interface OpenEditsOptions {
  fs: LogFs;
  dataDir: string;
  readOnly: boolean;
  /** The manifest lists knowledge-edits.json: it must exist. */
  required: boolean;
  now: () => Date;
  onWarning: (w: StoreWarning) => void;
}

/** One entry of a transaction's draft: the committed raw state and the state after `fn`. */
interface DraftEntry {
  collection: CollectionName | "holidays";
  id: string;
  before: unknown;
  after: unknown;
}

export class KnowledgeEdits {
  /** The snapshot with the journal applied, as written (set-aside entries included). Changed in place by commits. */
  readonly #data: EditsFileData;
  /** The valid entries (shared with `#data` for what commits wrote), the set-aside ones, the last audit entry. */
  #inspection: EditsInspection;
  readonly #files: EditsFiles | undefined;
  readonly #unreadable: StoreError | undefined;
  readonly #displayPath: string;
  readonly #onWarning: (w: StoreWarning) => void;
  readonly #queue = new SerialQueue();
  #readOnly: boolean;
  /** The journal had damaged lines: kept aside at the next compaction. */
  #damagedJournal: boolean;
  #unloadable = new Map<string, SetAsideEdit>();

  private constructor(o: {
    data: EditsFileData;
    files: EditsFiles | undefined;
    unreadable: StoreError | undefined;
    displayPath: string;
    readOnly: boolean;
    damagedJournal: boolean;
    onWarning: (w: StoreWarning) => void;
  }) {
    this.#data = o.data;
    this.#inspection = inspectEdits(o.data, { share: true });
    this.#files = o.files;
    this.#unreadable = o.unreadable;
    this.#displayPath = o.displayPath;
    this.#readOnly = o.readOnly;
    this.#damagedJournal = o.damagedJournal;
    this.#onWarning = o.onWarning;
  }

  /**
   * Reads the snapshot and the journal (edits-journal.ts). The writer creates what is missing (unless
   * the manifest lists the snapshot: then a missing one is a `StoreError` "missing"), cuts a torn last
   * line, and compacts at once when the journal was begun on another snapshot, holds damaged lines, or
   * has grown past its threshold. An unreadable snapshot leaves the overlay empty and writes refused.
   */
  static async open(o: OpenEditsOptions): Promise<KnowledgeEdits> {
    const read: EditsRead = await readEdits(o.fs, o.dataDir, !o.readOnly);
    const displayPath = path.join(o.dataDir, EDITS_FILE);
    if (read.absent && o.required) {
      throw new StoreError(
        "missing",
        `Thiếu tệp dữ liệu ${displayPath} (kho dữ liệu đã được khởi tạo nên tệp này phải có). ` +
          "Khôi phục tệp từ bản sao lưu; trợ lý không tự tạo lại tệp rỗng.",
        { file: displayPath },
      );
    }
    for (const w of read.warnings) o.onWarning(w);
    const files =
      o.readOnly || read.unreadable ? undefined : await EditsFiles.open(o.fs, o.dataDir, o.now, read);
    const edits = new KnowledgeEdits({
      data: read.data,
      files,
      unreadable: read.unreadable,
      displayPath,
      readOnly: o.readOnly,
      damagedJournal: (read.journal?.bad.length ?? 0) > 0,
      onWarning: o.onWarning,
    });
    if (files && (read.foreign || read.stale || edits.#damagedJournal || files.wantsCompaction)) {
      await edits.#compact({ snapshot: read.foreign });
    }
    return edits;
  }

  get readOnly(): boolean {
    return this.#readOnly;
  }

  /** A copy of the overlay (the valid entries only), for `applyOverlay`. */
  overlay(): Overlay {
    return structuredClone(this.#inspection.overlay);
  }

  /**
   * The overlay itself, not a copy: for building the knowledge, which then shares the entities with the
   * store instead of holding a third copy of them (with 10,000 tasks, about 17 MB of heap and as much
   * garbage at every rebuild). Every entity in it is deeply frozen, so a caller that tried to change one
   * would get a TypeError instead of changing the store. The records are shallow copies (cheap: no
   * entity is copied), so later commits do not change a view taken earlier.
   */
  sharedOverlay(): Overlay {
    const o = this.#inspection.overlay;
    const collections: Record<string, unknown> = {};
    for (const [c, rec] of Object.entries(o.collections)) collections[c] = { ...rec };
    return {
      collections: collections as OverlayCollections,
      ...(o.holidays ? { holidays: o.holidays } : {}),
    };
  }

  /** The holiday list of the overlay (a copy), if it replaces the shipped one. */
  holidays(): Holiday[] | undefined {
    const h = this.#inspection.overlay.holidays;
    return h && structuredClone(h);
  }

  /** Why the whole file could not be read (then the overlay is empty and writes are refused). */
  unreadable(): StoreError | undefined {
    return this.#unreadable;
  }

  /**
   * What the file holds that is left out of the overlay: the whole file when it cannot be read, or
   * each entry that fails its schema. The app adds what breaks the knowledge (`noteUnloadable`).
   */
  problems(): SetAsideEdit[] {
    return structuredClone([...this.#problems()]);
  }

  #problems(): readonly SetAsideEdit[] {
    const unreadable = this.#unreadable;
    if (unreadable) return [{ collection: "file", id: EDITS_FILE, reason: unreadable.message }];
    return this.#inspection.problems;
  }

  /** The valid entries the app had to leave out (broken references, a knowledge that does not build). */
  noteUnloadable(entries: readonly SetAsideEdit[]): void {
    this.#unloadable = new Map(entries.map((e) => [setAsideKey(e.collection, e.id), { ...e }]));
  }

  /** The set-aside entry (by the file's check or by the app) for this collection and id, if any. */
  setAside(collection: string, id: string): SetAsideEdit | undefined {
    const key = setAsideKey(collection, id);
    const whole = setAsideKey(collection, WHOLE);
    const found =
      this.#problems().find((p) => {
        const k = setAsideKey(p.collection, p.id);
        return k === key || k === whole;
      }) ??
      this.#unloadable.get(key) ??
      this.#unloadable.get(whole);
    return found && { ...found };
  }

  /** Whether this entry is set aside (undo may replace it; other writes are refused). */
  isSetAside(collection: string, id: string): boolean {
    return this.setAside(collection, id) !== undefined;
  }

  /** The overlay state of one entity: entity, null (tombstone) or undefined (none). A set-aside entry as written. */
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | null | undefined {
    const valid = this.#inspection.overlay.collections[collection] as
      | Record<string, EntityOf<C> | null>
      | undefined;
    if (valid && Object.hasOwn(valid, id)) return structuredClone(valid[id]);
    const raw = rawState(this.#data, collection, id);
    return raw === undefined ? undefined : (structuredClone(raw) as EntityOf<C> | null);
  }

  /** How many overlay entries there are (tombstones included), per collection. */
  counts(): Partial<Record<CollectionName, number>> {
    const out: Partial<Record<CollectionName, number>> = {};
    for (const c of COLLECTION_NAMES) {
      const rec = this.#data.collections[c];
      const n = isRecord(rec) ? Object.keys(rec).length : 0;
      if (n) out[c] = n;
    }
    return out;
  }

  /** The audit entry of the last commit (see index.ts). */
  journal(): AuditEntry | undefined {
    const j = this.#inspection.journal;
    return j && structuredClone(j);
  }

  /**
   * The audit log's own object for the last commit's entry, when it has it (same id): kept in place of
   * the copy read from the overlay's files, so an import's large entry is held once, not twice.
   */
  shareJournal(entry: AuditEntry): void {
    if (entry.id !== this.#inspection.journal?.id) return;
    this.#data.journal = entry;
    this.#inspection.journal = entry;
  }

  /** The id of the last commit's audit entry (without copying the entry, which may be large). */
  journalId(): string | undefined {
    return this.#inspection.journal?.id;
  }

  /** Shipped knowledge with this overlay (its valid entries) applied. */
  apply(base: KnowledgeData): KnowledgeData {
    return applyOverlay(base, this.#inspection.overlay);
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
   * Runs `fn` (synchronous) on a draft of the touched entries; if anything changed, appends one
   * journal line (fsynced) and only then applies the changes in memory. If `fn` throws or the write
   * fails, nothing changes. Returns the changes (no-op changes left out). Entries `fn` does not touch
   * are not read, copied or written.
   */
  transaction(fn: (tx: EditsTx) => void, options: TransactionOptions = {}): Promise<EditChange[]> {
    if (this.#readOnly) return Promise.reject(this.#readOnlyError());
    if (this.#unreadable) return Promise.reject(this.#unreadableError());
    return this.#queue.run(() => this.#commit(fn, options));
  }

  async #commit(fn: (tx: EditsTx) => void, options: TransactionOptions): Promise<EditChange[]> {
    const files = this.#files;
    if (this.#readOnly || !files) throw this.#readOnlyError();
    const data = this.#data;
    const draft = new Map<string, DraftEntry>();
    const touch = (collection: CollectionName | "holidays", id: string): DraftEntry => {
      const key = setAsideKey(collection, id);
      let d = draft.get(key);
      if (!d) {
        const before = rawState(data, collection, id);
        d = { collection, id, before, after: before };
        draft.set(key, d);
      }
      return d;
    };
    const rawOf = (c: CollectionName | "holidays", id: string): unknown => {
      const d = draft.get(setAsideKey(c, id));
      return d ? d.after : rawState(data, c, id);
    };
    /** Refuses writes other than undo's to what is set aside (see the file's comment). */
    const guard = (c: CollectionName | "holidays", id: string) => {
      const e = this.setAside(c, id);
      if (e) throw setAsideError(this.#displayPath, e);
    };
    const setState = (c: CollectionName, id: string, state: unknown) => {
      const rec = data.collections[c];
      if (rec !== undefined && !isRecord(rec)) {
        throw setAsideError(this.#displayPath, {
          collection: c,
          id: WHOLE,
          reason: "phải là một đối tượng { mã: mục }",
        });
      }
      touch(c, id).after = state;
    };
    const setHolidays = (list: unknown) => {
      const d = touch("holidays", HOLIDAYS_ID);
      if (list === undefined) {
        d.after = undefined;
        return;
      }
      const parsed = safeParseVi(holidaysSchema, list);
      if (!parsed.success) {
        throw new StoreError("invalid", `Danh sách ngày nghỉ không hợp lệ: ${describeIssues(parsed.error)}.`);
      }
      d.after = parsed.data;
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

    const written: DraftEntry[] = [];
    const changes: EditChange[] = [];
    for (const d of draft.values()) {
      if (jsonEqual(d.before, d.after)) continue;
      written.push(d);
      // `before` is the committed object, replaced (never changed) by the commit: no copy needed.
      const change: Record<string, unknown> = { collection: d.collection, id: d.id };
      if (d.before !== undefined) change.before = d.before;
      if (d.after !== undefined) change.after = structuredClone(d.after);
      changes.push(change as unknown as EditChange);
    }
    if (changes.length === 0) return changes;
    const entry = options.journal?.(changes);
    const lineChanges: JournalChange[] = written.map((d) => ({
      collection: d.collection,
      id: d.id,
      ...(d.after !== undefined ? { state: d.after } : {}),
    }));
    const commit: CommitLine = { t: "commit", changes: lineChanges, ...(entry ? { journal: entry } : {}) };
    // The boundary: the line as written must read back (the entities were validated by their schemas).
    const checked = safeParseVi(commitLineSchema, commit);
    if (!checked.success) {
      throw new StoreError(
        "invalid",
        `Thay đổi không được lưu: nội dung ${this.#displayPath} sẽ không hợp lệ (${describeIssues(checked.error)}).`,
        { file: this.#displayPath, cause: checked.error },
      );
    }
    if (files.baseStale) await this.#compact().catch(() => {});
    await files.append(commit);

    // Durable: now the memory.
    for (const ch of lineChanges) {
      applyRawChange(data, ch);
      this.#reinspect(ch.collection as CollectionName | "holidays", ch.id, true);
    }
    if (entry) {
      data.journal = entry;
      this.#inspection.journal = entry;
    }
    if (files.wantsCompaction) {
      // In the queue, after this commit: the caller does not wait for it.
      void this.#queue.run(() => this.#compact()).catch(() => {});
    }
    return changes;
  }

  /** The inspection of one entry brought up to date after a commit (`trusted`: validated by the commit). */
  #reinspect(collection: CollectionName | "holidays", id: string, trusted: boolean): void {
    const insp = this.#inspection;
    const key = setAsideKey(collection, id);
    if (insp.problems.some((p) => setAsideKey(p.collection, p.id) === key)) {
      insp.problems = insp.problems.filter((p) => setAsideKey(p.collection, p.id) !== key);
    }
    const raw = rawState(this.#data, collection, id);
    if (collection === "holidays") {
      if (raw === undefined) {
        delete insp.overlay.holidays;
        return;
      }
      const parsed = trusted
        ? { success: true as const, data: raw as Holiday[] }
        : safeParseVi(holidaysSchema, raw);
      if (parsed.success) insp.overlay.holidays = deepFreeze(parsed.data);
      else {
        delete insp.overlay.holidays;
        insp.problems.push({ collection: "holidays", id: HOLIDAYS_ID, reason: describeIssues(parsed.error) });
      }
      return;
    }
    const cols = insp.overlay.collections as Record<string, Record<string, unknown> | undefined>;
    cols[collection] ??= {};
    const rec = cols[collection];
    let removed = raw === undefined;
    if (raw === undefined) delete rec[id];
    else {
      // A commit's state was parsed by its schema (or is a tombstone): shared with the raw data, not copied.
      const checked = trusted ? { ok: true as const, value: raw } : checkEntry(collection, id, raw);
      if (checked.ok) rec[id] = deepFreeze(checked.value);
      else {
        delete rec[id];
        removed = true;
        insp.problems.push({ collection, id, reason: checked.reason });
      }
    }
    // Only after a removal (counting the keys after every change of a 10,000-entry import is quadratic).
    if (removed && Object.keys(rec).length === 0) delete cols[collection];
  }

  /** Folds the journal into the snapshot now (tests, the benchmark); waits for the writes queued before. */
  compact(): Promise<void> {
    if (this.#readOnly || !this.#files) return Promise.reject(this.#readOnlyError());
    return this.#queue.run(() => this.#compact());
  }

  async #compact(keep: { snapshot?: boolean } = {}): Promise<void> {
    const files = this.#files;
    if (!files) return;
    try {
      await files.compact(this.#data, { ...keep, journal: this.#damagedJournal });
      this.#damagedJournal = false;
    } catch (e) {
      this.#onWarning({
        code: "compaction-failed",
        file: files.journalPath,
        message:
          `Chưa gộp được ${files.journalPath} vào ${files.snapshotPath} (${e instanceof Error ? e.message : String(e)}); ` +
          "các thay đổi vẫn an toàn trong nhật ký, sẽ thử lại sau.",
      });
      throw e;
    }
  }

  /** Waits for queued writes. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  /** Waits for queued writes, folds the journal into the snapshot (so a stopped store is one file), refuses further writes. */
  async close(): Promise<void> {
    await this.#queue.idle();
    if (this.#readOnly) return;
    this.#readOnly = true;
    const files = this.#files;
    if (!files) return;
    if (files.commitBytes > 0 || files.baseStale) await this.#compact().catch(() => {});
    await files.close();
  }

  #readOnlyError(): StoreError {
    return new StoreError(
      "readonly",
      `Kho dữ liệu đang mở ở chế độ chỉ đọc (hoặc đã đóng); không ghi được ${this.#displayPath}.`,
      { file: this.#displayPath },
    );
  }

  #unreadableError(): StoreError {
    return new StoreError(
      "corrupt",
      `Tệp ${this.#displayPath} không đọc được nên chưa ghi được chỉnh sửa nào (trợ lý đang chạy trên cơ sở tri thức gốc). ` +
        "Sửa tệp, hoặc khôi phục bản sao lưu (npm run cli -- backup restore <tệp>), rồi khởi động lại trợ lý.",
      { file: this.#displayPath },
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
