/**
 * The audit log (audit.json): who changed what, when. Ids are increasing integers written as
 * strings ("1", "2"…); timestamps come from the injected clock.
 *
 * Entries written by `store.commitChange` / `store.undoLast` carry `changes` (one item per entity,
 * `before`/`after` being the overlay states: an entity, `null` for a tombstone, absent for "no
 * overlay entry: the shipped knowledge applies"). Only such entries can be undone. Entries from
 * `record()` are informative (logins, links, sends…) and cannot carry `changes`.
 */
import { z } from "zod";
import { COLLECTION_NAMES } from "../core/knowledge/schema.ts";
import type { Clock } from "./clock.ts";
import { StoreError } from "./errors.ts";
import { describeIssues, instantSchema, type SerialQueue, type StoreFile, safeParseVi } from "./json-file.ts";

export const AUDIT_FILE = "audit.json";

export const actorSchema = z.strictObject({
  kind: z.enum(["telegram", "zalo", "cli", "system"]),
  id: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** What an overlay change can target: a knowledge collection, or the holiday list as a whole. */
export const editTargetSchema = z.enum([...COLLECTION_NAMES, "holidays"]);

export const auditChangeSchema = z.strictObject({
  collection: editTargetSchema,
  id: z.string().min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

const auditIdSchema = z.string().regex(/^[1-9][0-9]*$/, { message: "mã nhật ký phải là số nguyên dương" });

export const auditEntrySchema = z.strictObject({
  id: auditIdSchema,
  at: instantSchema,
  actor: actorSchema,
  action: z.string().min(1),
  collection: z.string().min(1).optional(),
  entityId: z.string().min(1).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  note: z.string().optional(),
  changes: z.array(auditChangeSchema).optional(),
  /** On an "undo" entry: the id of the entry it reverts. */
  undoes: auditIdSchema.optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFileSchema = z
  .strictObject({ version: z.literal(1), entries: z.array(auditEntrySchema) })
  .superRefine((file, ctx) => {
    let prev = 0;
    file.entries.forEach((e, i) => {
      const n = Number(e.id);
      if (n <= prev) {
        ctx.addIssue({ code: "custom", path: ["entries", i, "id"], message: "mã nhật ký phải tăng dần" });
      }
      prev = n;
    });
  });
export type AuditFileData = z.infer<typeof auditFileSchema>;

export const defaultAuditFile = (): AuditFileData => ({ version: 1, entries: [] });

/** What a caller gives to `record()`: the id and the time are added by the log. */
export interface AuditInput {
  actor: Actor;
  action: string;
  collection?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  note?: string;
}

/** Access to the log inside `AuditLog.exclusive` (used by commitChange and undoLast). */
export interface AuditTx {
  /** The id the next appended entry must have. */
  nextId(): string;
  entries(): readonly AuditEntry[];
  has(id: string): boolean;
  append(entry: AuditEntry): Promise<void>;
}

export class AuditLog {
  readonly #file: StoreFile<AuditFileData>;
  readonly #clock: Clock;
  readonly #lock: SerialQueue;

  /** `lock` is shared with the knowledge-edits commits so ids are allocated one at a time. */
  constructor(file: StoreFile<AuditFileData>, clock: Clock, lock: SerialQueue) {
    this.#file = file;
    this.#clock = clock;
    this.#lock = lock;
  }

  /** Appends an informative entry (no `changes`). */
  record(input: AuditInput): Promise<AuditEntry> {
    return this.exclusive(async (tx) => {
      const parsed = safeParseVi(auditEntrySchema, {
        ...stripUndefined(input),
        id: tx.nextId(),
        at: this.now(),
      });
      if (!parsed.success) {
        throw new StoreError("invalid", `Mục nhật ký không hợp lệ: ${describeIssues(parsed.error)}.`, {
          cause: parsed.error,
        });
      }
      await tx.append(parsed.data);
      return structuredClone(parsed.data);
    });
  }

  /** The most recent entries first; `limit` defaults to 50. */
  list(options: { limit?: number } = {}): AuditEntry[] {
    const limit = options.limit ?? 50;
    const entries = this.#file.data.entries;
    return entries
      .slice(Math.max(0, entries.length - limit))
      .reverse()
      .map((e) => structuredClone(e));
  }

  get(id: string): AuditEntry | undefined {
    const e = this.#file.data.entries.find((x) => x.id === id);
    return e && structuredClone(e);
  }

  /** The clock's time as written in entries. */
  now(): string {
    return this.#clock.now().toISOString();
  }

  /** Runs `fn` with exclusive access to the log (no other record/commit interleaves). */
  exclusive<R>(fn: (tx: AuditTx) => Promise<R>): Promise<R> {
    return this.#lock.run(() => {
      const file = this.#file;
      const tx: AuditTx = {
        nextId: () => String(Number(file.data.entries.at(-1)?.id ?? "0") + 1),
        entries: () => file.data.entries,
        has: (id) => file.data.entries.some((e) => e.id === id),
        append: async (entry) => {
          await file.update((draft) => {
            draft.entries.push(entry);
          });
        },
      };
      return fn(tx);
    });
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The most recent entry with changes that is neither an undo nor already undone. */
export function findUndoTarget(entries: readonly AuditEntry[]): AuditEntry | undefined {
  const undone = new Set(entries.flatMap((e) => (e.undoes ? [e.undoes] : [])));
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.undoes || !e.changes?.length || undone.has(e.id)) continue;
    return e;
  }
  return undefined;
}
