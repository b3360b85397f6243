/**
 * The store as the rest of the code uses it: one port per kind of data, defined from what the callers
 * (the reminders, the channels, the CLI, the app) actually call. The embedded store (index.ts: JSON
 * files and JSON Lines logs in DATA_DIR) implements them; a PostgreSQL adapter would implement the same
 * interfaces (README, “Kho dữ liệu”), so neither the core nor the channels change with the engine.
 *
 * Conventions every implementation keeps:
 * - reads are synchronous and served from memory (the planner asks `stateOf` for every reminder of a
 *   run); an adapter for a server database loads (or caches) its view at open and keeps it current
 *   from its own writes, which is what the one-writer rule makes sound;
 * - a write resolves once it is durable (fsynced / committed), and is all or nothing: on an error
 *   nothing changed, in memory or in storage; errors are `StoreError`s with a Vietnamese message;
 * - results are copies: changing them changes nothing stored;
 * - one writer process per store (the writer lock); read-only openers refuse writes.
 */

import type { CollectionName, EntityOf } from "../core/knowledge/schema.ts";
import type { AuditEntry, AuditInput } from "./audit.ts";
import type { EditsTx, Overlay } from "./knowledge-edits.ts";
import type {
  DigestKind,
  Escalation,
  ExtensionDecision,
  ReminderEntry,
  ReminderKeyParts,
  ReminderLogOp,
  ReminderResponse,
  ReminderState,
  ResponseInput,
  ResponseKind,
} from "./reminder-log.ts";
import type {
  AdminDecisionResult,
  AdminRequest,
  ByWhom,
  Channel,
  JsonValue,
  LinkCode,
  LinkCodeInput,
  Redeemer,
  RedeemResult,
  UnansweredQuestion,
  User,
} from "./state.ts";

/** The reminder send log and what reminders led to (answers, escalations, digests). */
export interface ReminderLogPort {
  has(key: string): boolean;
  get(key: string): ReminderEntry | undefined;
  /** The planner's question, for every planned reminder: must be cheap. */
  stateOf(key: string): ReminderState | undefined;
  list(options?: { state?: ReminderState }): Array<ReminderEntry & { key: string }>;
  /** The notifier's group commit: several pending/sent/failed changes in one durable write. */
  applyBatch(ops: readonly ReminderLogOp[], now?: Date): Promise<void>;
  markPending(parts: ReminderKeyParts, now?: Date): Promise<ReminderEntry>;
  markSent(key: string, now?: Date, messageId?: string): Promise<ReminderEntry>;
  markFailed(key: string, error: string, now?: Date): Promise<ReminderEntry>;
  prune(beforeDay: string): Promise<number>;
  pruneStale(before: Date): Promise<number>;
  addResponse(input: ResponseInput, now?: Date): Promise<ReminderResponse>;
  response(id: string): ReminderResponse | undefined;
  responses(filter?: { taskId?: string; occurrence?: string; kind?: ResponseKind }): ReminderResponse[];
  /** Once only: null when already decided. */
  decideExtension(id: string, decision: ExtensionDecision): Promise<ReminderResponse | null>;
  escalations(): Record<string, Escalation>;
  markEscalated(list: readonly Omit<Escalation, "at">[], now?: Date): Promise<void>;
  lastDigest(kind: DigestKind): string | undefined;
  markDigest(kind: DigestKind, day: string): Promise<void>;
}

/** The audit log: append and read; ids increasing, allocated one at a time. */
export interface AuditLogPort {
  record(input: AuditInput): Promise<AuditEntry>;
  /** Most recent first; `limit` defaults to 50. */
  list(options?: { limit?: number }): AuditEntry[];
  get(id: string): AuditEntry | undefined;
  /** The store clock's time as written in entries. */
  now(): string;
}

/** The secretariat's overlay over knowledge/ (read side; writes go through `StorePort.commitChange`). */
export interface EditsPort {
  overlay(): Overlay;
  /**
   * The overlay without copying its entities (to build the knowledge from): every entity in it is
   * deeply frozen (read-only), the collection records are the caller's own.
   */
  sharedOverlay(): Overlay;
  get<C extends CollectionName>(collection: C, id: string): EntityOf<C> | null | undefined;
}

/** Linked users, link codes, admin requests, unanswered questions, settings. */
export interface StatePort {
  users(): User[];
  getUser(id: string): User | undefined;
  findUser(channel: Channel, chatId: string | number): User | undefined;
  usersOfUnit(unitId: string): User[];
  unlink(userId: string): Promise<boolean>;
  setReachable(userId: string, reachable: boolean, reason?: string): Promise<boolean>;
  setPreferredChannel(userId: string, channel: Channel | undefined): Promise<boolean>;
  createLinkCode(input: LinkCodeInput, options?: { now?: Date; ttlDays?: number }): Promise<LinkCode>;
  redeemLinkCode(
    code: string,
    who: Redeemer,
    now?: Date,
    options?: { adminConfirmed?: boolean },
  ): Promise<RedeemResult>;
  adminRequests(options?: { all?: boolean }): AdminRequest[];
  getAdminRequest(id: string): AdminRequest | undefined;
  decideAdminRequest(
    id: string,
    decision: "grant" | "refuse",
    by: ByWhom,
    now?: Date,
  ): Promise<AdminDecisionResult>;
  markAdminRequestNotified(id: string, now?: Date): Promise<boolean>;
  linkCodes(options?: { now?: Date; all?: boolean }): LinkCode[];
  addUnanswered(
    q: { text: string; askerId?: string; unitId?: string },
    now?: Date,
  ): Promise<UnansweredQuestion>;
  markAnswered(id: string, now?: Date): Promise<boolean>;
  unanswered(options?: { includeAnswered?: boolean }): UnansweredQuestion[];
  getSetting(key: string): JsonValue | undefined;
  setSetting(key: string, value: JsonValue | undefined): Promise<void>;
}

/** Who and why, for a change of the overlay. */
export interface CommitMetaPort {
  actor: AuditInput["actor"];
  action: string;
  note?: string;
}

/** The whole store: the four ports and the two operations that span the overlay and the audit log. */
export interface StorePort {
  readonly readOnly: boolean;
  readonly edits: EditsPort;
  readonly audit: AuditLogPort;
  readonly state: StatePort;
  readonly reminders: ReminderLogPort;
  /**
   * The overlay changes of `fn` and their audit entry, as one unit (a crash between the two is
   * completed at the next start); null when nothing changed.
   */
  commitChange(meta: CommitMetaPort, fn: (tx: EditsTx) => void): Promise<AuditEntry | null>;
  /** The last commit's audit entry is not in the audit log yet (it will be at the next commit or start). */
  auditPending(): boolean;
  /** Reverts the latest change not yet undone; null when none; `StoreError` "conflict" when it cannot. */
  undoLast(actor: AuditInput["actor"], note?: string): Promise<AuditEntry | null>;
  close(): Promise<void>;
}
