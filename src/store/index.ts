/**
 * The embedded store: two JSON documents and two append-only logs in DATA_DIR, one writer process at
 * a time. The rest of the code sees it through the ports of ports.ts (`Store` satisfies `StorePort`).
 *
 * - knowledge-edits.json + knowledge-edits.journal.jsonl: the secretariat's overlay over knowledge/
 *   (knowledge-edits.ts): a snapshot and the journal of the commits since, one fsynced line per
 *   commit, folded into the snapshot past a threshold and at close (edits-journal.ts)
 * - state.json: linked users, link codes, unanswered questions, settings (state.ts)
 *   (a small document: rewritten atomically on each write, json-file.ts)
 * - reminders.jsonl: reminder send log, answers, escalations, digests (reminder-log.ts)
 * - audit.jsonl: audit log (audit.ts)
 *   (JSON Lines, one event a line, appended and fsynced; the reminder log compacted in the
 *   background; jsonl.ts. The previous version's reminders.json / audit.json are converted once
 *   and kept as *.truoc-chuyen-doi)
 * - store-manifest.json: written once the files exist; from then on a missing file is an error.
 * - writer.lock: held by the writer process (lock.ts).
 *
 * Overlay and audit never diverge: `commitChange` writes the overlay's changes together with their
 * audit entry in one journal line (one append, fsynced; the entry is the overlay's `journal`), then
 * appends the entry to audit.jsonl. If the process dies in between, the next writer start (or the
 * next commit) appends the journal entry to audit.jsonl.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { COLLECTION_LABELS, type CollectionName } from "../core/knowledge/schema.ts";
import {
  type Actor,
  AUDIT_FILE,
  type AuditEntry,
  AuditLog,
  type AuditTx,
  findUndoTarget,
  LEGACY_AUDIT_FILE,
} from "./audit.ts";
import { type Clock, systemClock } from "./clock.ts";
import { EDITS_JOURNAL_FILE } from "./edits-journal.ts";
import { StoreError } from "./errors.ts";
import {
  instantSchema,
  jsonEqual,
  parseStoreText,
  removeStaleTemps,
  SerialQueue,
  StoreFile,
  serialize,
  writeFileAtomic,
} from "./json-file.ts";
import { type LogFs, realLogFs, type StoreWarning } from "./jsonl.ts";
import { EDITS_FILE, type EditChange, type EditsTx, KnowledgeEdits } from "./knowledge-edits.ts";
import { acquireWriterLock, type WriterLock } from "./lock.ts";
import type { StorePort } from "./ports.ts";
import {
  LEGACY_REMINDERS_FILE,
  REMINDERS_FILE,
  ReminderLog,
  type ReminderLogOptions,
} from "./reminder-log.ts";
import { recoverInterruptedRestore, restoreInProgress } from "./restore-swap.ts";
import { defaultStateFile, STATE_FILE, type StateFileData, StateStore, stateFileSchema } from "./state.ts";

export type { Actor, AuditChange, AuditEntry, AuditInput, AuditLog } from "./audit.ts";
export { type Clock, fixedClock, systemClock } from "./clock.ts";
export { StoreError, type StoreErrorCode } from "./errors.ts";
export type { StoreWarning } from "./jsonl.ts";
export {
  applyOverlay,
  type EditChange,
  type EditsTx,
  type EntityInput,
  type KnowledgeEdits,
  type Overlay,
} from "./knowledge-edits.ts";
export { acquireWriterLock, type WriterLock } from "./lock.ts";
export type { AuditLogPort, EditsPort, ReminderLogPort, StatePort, StorePort } from "./ports.ts";
export {
  type CompactionReport,
  type DigestKind,
  type Escalation,
  type ExtensionDecision,
  type ReminderEntry,
  type ReminderKeyParts,
  type ReminderLog,
  type ReminderLogOp,
  type ReminderResponse,
  type ReminderState,
  type ResponseInput,
  type ResponseKind,
  reminderKey,
} from "./reminder-log.ts";
export {
  type Channel,
  type LinkCode,
  type LinkCodeInput,
  type Redeemer,
  type RedeemResult,
  type Role,
  type StateStore,
  type UnansweredQuestion,
  type User,
  userIdFor,
} from "./state.ts";

export const MANIFEST_FILE = "store-manifest.json";
export const STORE_FILES = [EDITS_FILE, STATE_FILE, REMINDERS_FILE, AUDIT_FILE] as const;

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  createdAt: instantSchema,
  files: z.array(z.string().min(1)),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface OpenStoreOptions {
  /** The data directory as configured (messages show paths under it as given). */
  dataDir: string;
  clock?: Clock;
  /** No lock, no file created, every write refused. A data dir not yet created reads as empty. */
  readOnly?: boolean;
  /**
   * The reminder log's retention (REMINDER_LOG_RETENTION_DAYS) and compaction thresholds; defaults:
   * `DEFAULT_REMINDER_LOG_OPTIONS` (400 days, automatic compaction).
   */
  reminderLog?: Partial<ReminderLogOptions>;
  /**
   * Told what the operator should know about the files (a torn last line ignored, damaged lines
   * skipped, a conversion, a compaction): the app logs it. Also kept in `Store.warnings`.
   */
  onWarning?: (w: StoreWarning) => void;
  /** The logs' file-system steps (tests inject failures and count fsyncs). */
  logFs?: LogFs;
}

export interface CommitMeta {
  actor: Actor;
  /** What was done, e.g. "task.update", "import.tasks". */
  action: string;
  note?: string;
}

export interface Store {
  readonly dataDir: string;
  readonly readOnly: boolean;
  /** True when the data dir had no manifest (first start; or, read-only, nothing there yet). */
  readonly fresh: boolean;
  readonly edits: KnowledgeEdits;
  readonly audit: AuditLog;
  readonly state: StateStore;
  readonly reminders: ReminderLog;
  /** What the store told the operator since it opened (the latest 100). */
  readonly warnings: readonly StoreWarning[];
  /**
   * Applies `fn`'s overlay changes in one atomic write together with their audit entry, then
   * appends the entry to audit.jsonl. Nothing is written (and null returned) when nothing changed;
   * nothing at all when `fn` throws.
   */
  commitChange(meta: CommitMeta, fn: (tx: EditsTx) => void): Promise<AuditEntry | null>;
  /**
   * Whether the audit entry of the last commit is still only in the overlay's journal: the change is
   * written, but audit.jsonl could not take the entry then (a full disk). It is appended at the next
   * commit or start; the caller says the change is saved, not that it failed.
   */
  auditPending(): boolean;
  /**
   * Reverts the most recent change that is not yet undone (all its entities at once) and records
   * an "undo" entry. Null when there is nothing to undo. A `StoreError` "conflict" when one of
   * the entities was changed afterwards outside `commitChange`.
   */
  undoLast(actor: Actor, note?: string): Promise<AuditEntry | null>;
  /** Waits for pending writes and releases the writer lock. */
  close(): Promise<void>;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { dataDir } = options;
  const clock = options.clock ?? systemClock;
  const readOnly = options.readOnly ?? false;

  const stateFile = new StoreFile<StateFileData>({
    dataDir,
    name: STATE_FILE,
    schema: stateFileSchema,
    defaults: defaultStateFile,
    readOnly,
  });
  const files = [stateFile];
  const logFs = options.logFs ?? realLogFs;
  const warnings: StoreWarning[] = [];
  const onWarning = (w: StoreWarning) => {
    warnings.push(w);
    if (warnings.length > 100) warnings.shift();
    options.onWarning?.(w);
  };
  /** Logs opened so far: closed again when the open fails half-way. */
  const openedLogs: Array<{ close(): Promise<void> }> = [];

  let lock: WriterLock | undefined;
  if (!readOnly) {
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (e) {
      throw new StoreError("io", `Không tạo được thư mục dữ liệu ${dataDir} (${(e as Error).message}).`, {
        cause: e,
      });
    }
    lock = await acquireWriterLock(dataDir);
  }

  try {
    if (lock) {
      // A restore interrupted mid-swap (a crash, a full disk) is put right before anything is read.
      await recoverInterruptedRestore(dataDir);
      await removeStaleTemps(dataDir, [...STORE_FILES, EDITS_JOURNAL_FILE, MANIFEST_FILE]);
    } else if (await restoreInProgress(dataDir)) {
      throw new StoreError(
        "locked",
        `Kho dữ liệu ${dataDir} đang được khôi phục từ bản sao lưu (hoặc lần khôi phục trước bị gián đoạn). ` +
          "Chờ lệnh backup restore chạy xong; nếu nó đã dừng, khởi động trợ lý hoặc chạy lại backup restore để đưa kho về trạng thái trọn vẹn.",
      );
    }
    const manifestPath = path.join(dataDir, MANIFEST_FILE);
    const manifest = await readManifest(manifestPath);

    // Files the manifest lists must exist; files added by a later version are created. On a first
    // start (no manifest) existing files are kept (validated), absent ones created.
    for (const f of files) {
      if (manifest?.files.includes(f.name)) await f.load();
      else await f.loadOrCreate();
    }
    // The overlay: its snapshot and the journal of the commits since (edits-journal.ts). A snapshot that
    // does not parse leaves the store open, the overlay empty, writes refused.
    const edits = await KnowledgeEdits.open({
      fs: logFs,
      dataDir,
      readOnly,
      required: !!manifest?.files.includes(EDITS_FILE),
      now: () => clock.now(),
      onWarning,
    });
    openedLogs.push(edits);
    // The logs: JSON Lines, or the previous version's JSON file converted once (jsonl.ts `openLog`).
    const listed = (name: string, legacy: string) =>
      !!manifest && (manifest.files.includes(name) || manifest.files.includes(legacy));
    const commitLock = new SerialQueue();
    const reminders = await ReminderLog.open({
      fs: logFs,
      dataDir,
      clock,
      readOnly,
      required: listed(REMINDERS_FILE, LEGACY_REMINDERS_FILE),
      ...(options.reminderLog ? { options: options.reminderLog } : {}),
      onWarning,
    });
    openedLogs.push(reminders);
    const audit = await AuditLog.open({
      fs: logFs,
      dataDir,
      clock,
      lock: commitLock,
      readOnly,
      required: listed(AUDIT_FILE, LEGACY_AUDIT_FILE),
      onWarning,
    });
    openedLogs.push(audit);
    if (!readOnly) {
      // The manifest last, so a first start interrupted half-way simply resumes; converted files
      // are listed under their new names.
      const wanted: string[] = manifest
        ? [
            ...manifest.files.map((n) =>
              n === LEGACY_REMINDERS_FILE ? REMINDERS_FILE : n === LEGACY_AUDIT_FILE ? AUDIT_FILE : n,
            ),
          ]
        : [];
      for (const n of STORE_FILES) if (!wanted.includes(n)) wanted.push(n);
      if (!manifest || wanted.join("\n") !== manifest.files.join("\n")) {
        const m: Manifest = manifest
          ? { ...manifest, files: wanted }
          : { version: 1, createdAt: clock.now().toISOString(), files: wanted };
        await writeFileAtomic(manifestPath, serialize(m));
      }
    }
    const state = new StateStore(stateFile, clock);

    let pending = false;
    /** Appends the journal entry to audit.jsonl if a crash came between the two writes. */
    const recoverJournal = async (tx: AuditTx) => {
      const id = edits.journalId();
      if (!id || tx.has(id)) return;
      if (Number(id) < Number(tx.nextId())) return; // audit restored from an older backup: leave it
      await tx.append(edits.journal()!);
    };
    await audit.exclusive(async (tx) => {
      if (!readOnly) await recoverJournal(tx);
      // The last commit's entry is in both files: held once (the audit log's object).
      const id = edits.journalId();
      const entries = tx.entries();
      for (let i = entries.length - 1; id && i >= 0 && i >= entries.length - 10; i--)
        if (entries[i]!.id === id) edits.shareJournal(entries[i]!);
    });

    const entryFor = (
      id: string,
      meta: CommitMeta,
      changes: EditChange[],
      extra: Partial<AuditEntry> = {},
    ) => {
      const entry: AuditEntry = {
        id,
        at: clock.now().toISOString(),
        actor: meta.actor,
        action: meta.action,
        ...(changes.length === 1 ? { collection: changes[0]!.collection, entityId: changes[0]!.id } : {}),
        ...(meta.note ? { note: meta.note } : {}),
        changes: changes as AuditEntry["changes"],
        ...extra,
      };
      return entry;
    };

    const assertWritable = () => {
      if (edits.readOnly) {
        throw new StoreError(
          "readonly",
          "Kho dữ liệu đang mở ở chế độ chỉ đọc (hoặc đã đóng); không ghi được thay đổi.",
        );
      }
    };

    const store: Store = {
      dataDir,
      readOnly,
      fresh: manifest === undefined,
      edits,
      audit,
      state,
      reminders,
      warnings,

      async commitChange(meta, fn) {
        assertWritable();
        return audit.exclusive(async (tx) => {
          await recoverJournal(tx);
          let entry: AuditEntry | undefined;
          await edits.transaction(fn, {
            journal: (changes) => {
              entry = entryFor(tx.nextId(), meta, changes);
              return entry;
            },
          });
          if (!entry) return null;
          try {
            await tx.append(entry);
            pending = false;
          } catch {
            // The change and its entry (as the journal) are written; the audit file is appended later.
            pending = true;
          }
          return entry;
        });
      },

      auditPending() {
        return pending;
      },

      async undoLast(actor, note) {
        assertWritable();
        return audit.exclusive(async (tx) => {
          await recoverJournal(tx);
          const target = findUndoTarget(tx.entries());
          if (!target?.changes) return null;
          const targetChanges = target.changes;
          const meta: CommitMeta = { actor, action: "undo", note: note ?? `Hoàn tác thay đổi #${target.id}` };
          let entry: AuditEntry | undefined;
          await edits.transaction(
            (etx) => {
              for (const ch of targetChanges) {
                const current =
                  ch.collection === "holidays" ? edits.holidays() : etx.get(ch.collection, ch.id);
                // A set-aside entry (it does not load) is replaced: undoing the change is its repair.
                if (!jsonEqual(current, ch.after) && !edits.isSetAside(ch.collection, ch.id))
                  throw conflictError(target.id, ch);
              }
              for (const ch of [...targetChanges].reverse()) etx.restore(ch.collection, ch.id, ch.before);
            },
            {
              journal: (changes) => {
                entry = entryFor(tx.nextId(), meta, changes, { undoes: target.id });
                return entry;
              },
            },
          );
          // Every recorded change differs from its before-state, so the transaction wrote; be safe anyway.
          entry ??= entryFor(tx.nextId(), meta, [], { undoes: target.id });
          await tx.append(entry);
          return entry;
        });
      },

      async close() {
        await audit.exclusive(() => audit.close());
        await reminders.close();
        await edits.close();
        for (const f of files) await f.close();
        await lock?.release();
      },
    };
    return store;
  } catch (e) {
    for (const l of openedLogs) await l.close().catch(() => {});
    await lock?.release();
    throw e;
  }
}

/** The embedded store implements the ports the rest of the code uses (checked by the compiler). */
export const asStorePort = (store: Store): StorePort => store;

async function readManifest(file: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return undefined;
    throw new StoreError("io", `Không đọc được tệp ${file} (${(e as Error).message}).`, { file, cause: e });
  }
  return parseStoreText(text, manifestSchema, file);
}

function conflictError(
  targetId: string,
  ch: { collection: CollectionName | "holidays"; id: string; after?: unknown },
) {
  const what =
    ch.collection === "holidays"
      ? "danh sách ngày nghỉ"
      : `${COLLECTION_LABELS[ch.collection]} ${entityLabel(ch.after, ch.id)}`;
  return new StoreError(
    "conflict",
    `Không hoàn tác được thay đổi #${targetId}: ${what} đã được sửa sau thay đổi đó.`,
  );
}

function entityLabel(value: unknown, id: string): string {
  if (value && typeof value === "object") {
    const v = value as { name?: unknown; title?: unknown; number?: unknown };
    for (const label of [v.name, v.title, v.number])
      if (typeof label === "string" && label) return `"${label}"`;
  }
  return `"${id}"`;
}
