/**
 * Runtime state (state.json): linked users, one-time link codes, unanswered questions, settings.
 * Instants are ISO strings (`Date.prototype.toISOString()`); methods take `now?: Date`, defaulting
 * to the store's clock.
 */
import { randomInt } from "node:crypto";
import { z } from "zod";
import { idSchema } from "../core/knowledge/schema.ts";
import type { Clock } from "./clock.ts";
import { StoreError } from "./errors.ts";
import { instantSchema, type StoreFile } from "./json-file.ts";

export const STATE_FILE = "state.json";

/** How many unanswered questions are kept (the oldest go first). */
export const UNANSWERED_CAP = 1000;
/** Link codes expired (or used) longer ago than this are dropped when a new code is made. */
export const LINK_CODE_RETENTION_DAYS = 30;
export const LINK_CODE_LENGTH = 8;
/** No 0/O, 1/I/L: codes are read aloud and typed from paper. */
export const LINK_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export const channelSchema = z.enum(["telegram", "zalo"]);
export type Channel = z.infer<typeof channelSchema>;

export const roleSchema = z.enum(["head", "deputy", "member", "leader", "admin"]);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.strictObject({
  /** `${channel}:${chatId}` (see `userIdFor`). */
  id: z.string().min(1),
  channel: channelSchema,
  chatId: z.string().min(1),
  name: z.string().min(1).optional(),
  unitId: idSchema,
  role: roleSchema,
  linkedAt: instantSchema,
  preferredChannel: channelSchema.optional(),
  reachable: z.boolean(),
  unreachableReason: z.string().min(1).optional(),
});
export type User = z.infer<typeof userSchema>;

/** Who made a link code or decided an admin request: a chat account, or the operator at the CLI. */
export const byWhomSchema = z.strictObject({
  kind: z.enum(["telegram", "zalo", "cli"]),
  id: z.string().min(1).max(100).optional(),
  name: z.string().min(1).max(200).optional(),
});
export type ByWhom = z.infer<typeof byWhomSchema>;

export const linkCodeSchema = z.strictObject({
  code: z.string().regex(new RegExp(`^[${LINK_CODE_ALPHABET}]{${LINK_CODE_LENGTH}}$`), {
    message: "mã liên kết không hợp lệ",
  }),
  unitId: idSchema,
  role: roleSchema,
  name: z.string().min(1).optional(),
  createdAt: instantSchema,
  expiresAt: instantSchema,
  usedAt: instantSchema.optional(),
  /** The user id that redeemed it. */
  usedBy: z.string().min(1).optional(),
  /** Who made it (shown to the admins asked to confirm an admin code). */
  createdBy: byWhomSchema.optional(),
});
export type LinkCode = z.infer<typeof linkCodeSchema>;

/**
 * An admin code redeemed by an account that is not an admin yet: the account is linked as a member
 * of the unit, and becomes admin only when an existing admin (or the operator) confirms.
 */
export const adminRequestSchema = z.strictObject({
  /** "1", "2"… never reused (see `adminRequestSeq`): typed in "/xacnhanqt <số>". */
  id: z.string().regex(/^[1-9][0-9]{0,8}$/),
  userId: z.string().min(1),
  channel: channelSchema,
  chatId: z.string().min(1),
  name: z.string().min(1).optional(),
  unitId: idSchema,
  /** The instant of the link (the user's `linkedAt`): a later re-link makes the request stale. */
  requestedAt: instantSchema,
  codeCreatedBy: byWhomSchema.optional(),
  status: z.enum(["pending", "granted", "refused", "stale"]),
  decidedAt: instantSchema.optional(),
  decidedBy: byWhomSchema.optional(),
  /** When the requester was told the decision (undefined: still to tell). */
  notifiedAt: instantSchema.optional(),
});
export type AdminRequest = z.infer<typeof adminRequestSchema>;

export const unansweredSchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
  askedAt: instantSchema,
  askerId: z.string().min(1).optional(),
  unitId: idSchema.optional(),
  answeredAt: instantSchema.optional(),
});
export type UnansweredQuestion = z.infer<typeof unansweredSchema>;

export const stateFileSchema = z.strictObject({
  version: z.literal(1),
  users: z.array(userSchema),
  linkCodes: z.array(linkCodeSchema),
  unanswered: z.array(unansweredSchema),
  /** Last number used for an unanswered question id ("q1", "q2"…). */
  unansweredSeq: z.number().int().min(0),
  settings: z.record(z.string(), z.json()),
  /** Admin codes waiting for (or given) an admin's confirmation. Absent in files of older versions. */
  adminRequests: z.array(adminRequestSchema).optional(),
  /** Last number used for an admin request id. */
  adminRequestSeq: z.number().int().min(0).optional(),
});
export type StateFileData = z.infer<typeof stateFileSchema>;
export type JsonValue = StateFileData["settings"][string];

export const defaultStateFile = (): StateFileData => ({
  version: 1,
  users: [],
  linkCodes: [],
  unanswered: [],
  unansweredSeq: 0,
  settings: {},
});

export function userIdFor(channel: Channel, chatId: string | number): string {
  return `${channel}:${chatId}`;
}

/** Uppercase, without spaces or dashes: "abcd-efgh" → "ABCDEFGH". */
export function normalizeLinkCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** 8 characters from `LINK_CODE_ALPHABET`, cryptographically random. */
export function generateLinkCode(): string {
  let s = "";
  for (let i = 0; i < LINK_CODE_LENGTH; i++) s += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return s;
}

export interface LinkCodeInput {
  unitId: string;
  role: Role;
  /** The person's name as the secretariat writes it; preferred over the chat profile name. */
  name?: string;
  createdBy?: ByWhom;
}

export interface Redeemer {
  channel: Channel;
  chatId: string;
  name?: string;
}

export type RedeemResult =
  | {
      ok: true;
      user: User;
      code: LinkCode;
      /** An admin code redeemed without admin rights: the user is linked as a member until confirmed. */
      adminRequest?: AdminRequest;
    }
  | { ok: false; reason: "unknown" | "expired" | "used" };

export type AdminDecisionResult =
  | { ok: true; request: AdminRequest; user?: User }
  | {
      ok: false;
      /** unknown: no such request; decided: already granted or refused; stale: the account re-linked or left. */
      reason: "unknown" | "decided" | "stale";
      request?: AdminRequest;
    };

/** Decided admin requests kept (the oldest decided ones go first; pending ones are never dropped). */
export const ADMIN_REQUESTS_KEPT = 200;

const DAY_MS = 86_400_000;

/** Keeps every pending request and the newest `ADMIN_REQUESTS_KEPT` others. */
function pruneRequests(list: AdminRequest[]): AdminRequest[] {
  const others = list.filter((r) => r.status !== "pending");
  const drop = new Set(others.slice(0, Math.max(0, others.length - ADMIN_REQUESTS_KEPT)));
  return list.filter((r) => !drop.has(r));
}

export class StateStore {
  readonly #file: StoreFile<StateFileData>;
  readonly #clock: Clock;

  constructor(file: StoreFile<StateFileData>, clock: Clock) {
    this.#file = file;
    this.#clock = clock;
  }

  // ------------------------------------------------------------ users

  users(): User[] {
    return structuredClone(this.#file.data.users);
  }

  getUser(id: string): User | undefined {
    const u = this.#file.data.users.find((x) => x.id === id);
    return u && structuredClone(u);
  }

  findUser(channel: Channel, chatId: string | number): User | undefined {
    return this.getUser(userIdFor(channel, chatId));
  }

  usersOfUnit(unitId: string): User[] {
    return structuredClone(this.#file.data.users.filter((u) => u.unitId === unitId));
  }

  /** Removes the user; returns whether there was one. */
  unlink(userId: string): Promise<boolean> {
    return this.#file.update(
      (d) => {
        const before = d.users.length;
        d.users = d.users.filter((u) => u.id !== userId);
        return d.users.length !== before;
      },
      (removed) => removed,
    );
  }

  /** Marks a user reachable or not (blocked the bot, chat deleted…); returns whether the user exists. */
  setReachable(userId: string, reachable: boolean, reason?: string): Promise<boolean> {
    return this.#file.update(
      (d) => {
        const u = d.users.find((x) => x.id === userId);
        if (!u) return false;
        u.reachable = reachable;
        if (!reachable && reason) u.unreachableReason = reason;
        else delete u.unreachableReason;
        return true;
      },
      (found) => found,
    );
  }

  setPreferredChannel(userId: string, channel: Channel | undefined): Promise<boolean> {
    return this.#file.update(
      (d) => {
        const u = d.users.find((x) => x.id === userId);
        if (!u) return false;
        if (channel) u.preferredChannel = channel;
        else delete u.preferredChannel;
        return true;
      },
      (found) => found,
    );
  }

  // ------------------------------------------------------------ link codes

  /** A new one-time code for a unit and role, valid `ttlDays` (default 7) from `now`. */
  async createLinkCode(
    input: LinkCodeInput,
    options: { now?: Date; ttlDays?: number } = {},
  ): Promise<LinkCode> {
    const now = options.now ?? this.#clock.now();
    const ttlDays = options.ttlDays ?? 7;
    if (!(ttlDays > 0)) throw new StoreError("invalid", "Thời hạn của mã liên kết phải lớn hơn 0 ngày.");
    return this.#file.update((d) => {
      const keepAfter = now.getTime() - LINK_CODE_RETENTION_DAYS * DAY_MS;
      d.linkCodes = d.linkCodes.filter((c) => Date.parse(c.usedAt ?? c.expiresAt) >= keepAfter);
      const taken = new Set(d.linkCodes.map((c) => c.code));
      let code = generateLinkCode();
      while (taken.has(code)) code = generateLinkCode();
      const entry: LinkCode = {
        code,
        unitId: input.unitId,
        role: input.role,
        ...(input.name ? { name: input.name } : {}),
        ...(input.createdBy ? { createdBy: input.createdBy } : {}),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlDays * DAY_MS).toISOString(),
      };
      d.linkCodes.push(entry);
      return structuredClone(entry);
    });
  }

  /**
   * Links the chat to the code's unit and role. "unknown": no such code; "used": already
   * redeemed; "expired": `now` is at or after its expiry. A chat already linked is re-linked.
   *
   * An admin code never grants the admin role by itself: unless `adminConfirmed` (the account is an
   * admin by configuration already), the account is linked as a member of the unit and a pending
   * admin request is recorded in the same write, for an admin to confirm (`decideAdminRequest`).
   */
  redeemLinkCode(
    code: string,
    who: Redeemer,
    now?: Date,
    options: { adminConfirmed?: boolean } = {},
  ): Promise<RedeemResult> {
    const at = now ?? this.#clock.now();
    const wanted = normalizeLinkCode(code);
    return this.#file.update(
      (d): RedeemResult => {
        const lc = d.linkCodes.find((c) => c.code === wanted);
        if (!lc) return { ok: false, reason: "unknown" };
        if (lc.usedAt) return { ok: false, reason: "used" };
        if (at.getTime() >= Date.parse(lc.expiresAt)) return { ok: false, reason: "expired" };
        const id = userIdFor(who.channel, who.chatId);
        const previous = d.users.find((u) => u.id === id);
        const name = lc.name ?? who.name;
        const asks = lc.role === "admin" && !options.adminConfirmed;
        const user: User = {
          id,
          channel: who.channel,
          chatId: String(who.chatId),
          ...(name ? { name } : {}),
          unitId: lc.unitId,
          role: asks ? "member" : lc.role,
          linkedAt: at.toISOString(),
          ...(previous?.preferredChannel ? { preferredChannel: previous.preferredChannel } : {}),
          reachable: true,
        };
        d.users = [...d.users.filter((u) => u.id !== id), user];
        lc.usedAt = at.toISOString();
        lc.usedBy = id;
        // A re-link makes this account's earlier requests stale.
        for (const r of d.adminRequests ?? []) {
          if (r.userId === id && r.status === "pending") r.status = "stale";
        }
        let request: AdminRequest | undefined;
        if (asks) {
          d.adminRequestSeq = (d.adminRequestSeq ?? 0) + 1;
          request = {
            id: String(d.adminRequestSeq),
            userId: id,
            channel: who.channel,
            chatId: String(who.chatId),
            ...(name ? { name } : {}),
            unitId: lc.unitId,
            requestedAt: user.linkedAt,
            ...(lc.createdBy ? { codeCreatedBy: lc.createdBy } : {}),
            status: "pending",
          };
          d.adminRequests = pruneRequests([...(d.adminRequests ?? []), request]);
        }
        return {
          ok: true,
          user: structuredClone(user),
          code: structuredClone(lc),
          ...(request ? { adminRequest: structuredClone(request) } : {}),
        };
      },
      (r) => r.ok,
    );
  }

  // ------------------------------------------------------------ admin requests

  /** Admin requests, oldest first; only the pending ones unless `all`. */
  adminRequests(options: { all?: boolean } = {}): AdminRequest[] {
    const list = this.#file.data.adminRequests ?? [];
    return structuredClone(options.all ? list : list.filter((r) => r.status === "pending"));
  }

  getAdminRequest(id: string): AdminRequest | undefined {
    const r = (this.#file.data.adminRequests ?? []).find((x) => x.id === id);
    return r && structuredClone(r);
  }

  /**
   * Grants or refuses a pending admin request in one write (the role and the decision together).
   * Whether `by` may decide is the caller's check. A request whose account re-linked or was unlinked
   * since is "stale" and changes nothing but its status.
   */
  decideAdminRequest(
    id: string,
    decision: "grant" | "refuse",
    by: ByWhom,
    now?: Date,
  ): Promise<AdminDecisionResult> {
    const at = (now ?? this.#clock.now()).toISOString();
    let changed = false;
    return this.#file.update(
      (d): AdminDecisionResult => {
        changed = false;
        const r = (d.adminRequests ?? []).find((x) => x.id === id);
        if (!r) return { ok: false, reason: "unknown" };
        if (r.status !== "pending") {
          return {
            ok: false,
            reason: r.status === "stale" ? "stale" : "decided",
            request: structuredClone(r),
          };
        }
        const user = d.users.find((u) => u.id === r.userId);
        changed = true;
        if (!user || user.linkedAt !== r.requestedAt || user.unitId !== r.unitId) {
          r.status = "stale";
          return { ok: false, reason: "stale", request: structuredClone(r) };
        }
        r.status = decision === "grant" ? "granted" : "refused";
        r.decidedAt = at;
        r.decidedBy = by;
        if (decision === "grant") user.role = "admin";
        return { ok: true, request: structuredClone(r), user: structuredClone(user) };
      },
      // Only a decision, or a pending request found stale, is written.
      () => changed,
    );
  }

  /** Records that the requester was told the decision. */
  markAdminRequestNotified(id: string, now?: Date): Promise<boolean> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update(
      (d) => {
        const r = (d.adminRequests ?? []).find((x) => x.id === id);
        if (!r || r.notifiedAt || (r.status !== "granted" && r.status !== "refused")) return false;
        r.notifiedAt = at;
        return true;
      },
      (changed) => changed,
    );
  }

  /** Codes not yet used and not expired at `now` (all codes kept when `all`). */
  linkCodes(options: { now?: Date; all?: boolean } = {}): LinkCode[] {
    const now = (options.now ?? this.#clock.now()).getTime();
    const list = options.all
      ? this.#file.data.linkCodes
      : this.#file.data.linkCodes.filter((c) => !c.usedAt && Date.parse(c.expiresAt) > now);
    return structuredClone(list);
  }

  // ------------------------------------------------------------ unanswered questions

  /** Records a question the assistant could not answer; only the last 1000 are kept. */
  addUnanswered(
    q: { text: string; askerId?: string; unitId?: string },
    now?: Date,
  ): Promise<UnansweredQuestion> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update((d) => {
      d.unansweredSeq += 1;
      const entry: UnansweredQuestion = {
        id: `q${d.unansweredSeq}`,
        text: q.text,
        askedAt: at,
        ...(q.askerId ? { askerId: q.askerId } : {}),
        ...(q.unitId ? { unitId: q.unitId } : {}),
      };
      d.unanswered.push(entry);
      if (d.unanswered.length > UNANSWERED_CAP) d.unanswered.splice(0, d.unanswered.length - UNANSWERED_CAP);
      return structuredClone(entry);
    });
  }

  markAnswered(id: string, now?: Date): Promise<boolean> {
    const at = (now ?? this.#clock.now()).toISOString();
    return this.#file.update(
      (d) => {
        const q = d.unanswered.find((x) => x.id === id);
        if (!q || q.answeredAt) return false;
        q.answeredAt = at;
        return true;
      },
      (changed) => changed,
    );
  }

  /** Oldest first; answered ones only when `includeAnswered`. */
  unanswered(options: { includeAnswered?: boolean } = {}): UnansweredQuestion[] {
    const list = options.includeAnswered
      ? this.#file.data.unanswered
      : this.#file.data.unanswered.filter((q) => !q.answeredAt);
    return structuredClone(list);
  }

  // ------------------------------------------------------------ settings

  getSetting(key: string): JsonValue | undefined {
    const s = this.#file.data.settings;
    return Object.hasOwn(s, key) ? structuredClone(s[key]) : undefined;
  }

  /** `undefined` removes the setting. */
  async setSetting(key: string, value: JsonValue | undefined): Promise<void> {
    await this.#file.update((d) => {
      if (value === undefined) delete d.settings[key];
      else d.settings[key] = value;
    });
  }
}
