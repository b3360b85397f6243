/**
 * What every channel does with a person, channel-neutral: who they are (linked unit and role,
 * admin), whether they may ask, answering (and keeping unanswered questions for the secretariat),
 * linking an account with a one-time code. Telegram, Zalo and the terminal are thin adapters on this.
 */
import type { AnswerEngine } from "../core/answers/engine.ts";
import { type Query, type Reply, ReplyBuilder, withoutRecordedNote } from "../core/answers/reply.ts";
import type { OutgoingMessage } from "../core/reminders/message.ts";
import { fold } from "../core/text/normalize.ts";
import { formatViDate, localDate } from "../core/time.ts";
import {
  type BroadcastOptions,
  type BroadcastResult,
  broadcast,
  secretariatTargets,
  type Target,
} from "../notifier/broadcast.ts";
import { type Sender, type Senders, SendLimiter } from "../notifier/notifier.ts";
import type { AuditInput } from "../store/audit.ts";
import type { AdminRequest, ByWhom, Channel, Role, User } from "../store/state.ts";
import {
  ADMIN_REQUEST_TEXTS,
  adminRequestMessage,
  byWhomLabel,
  pendingRequestLines,
  requesterLabel,
} from "./admin-requests.ts";
import type { App } from "./app.ts";

export interface Person {
  channel: Channel;
  chatId: string;
  /** Display name from the platform, for records (never shown to other users). */
  name?: string;
  /** The linked account, when there is one. */
  user?: User;
  /** Admin by configuration (ADMIN_TELEGRAM_IDS) or by a linked admin role. */
  isAdmin: boolean;
}

export const ROLE_LABELS: Record<Role, string> = {
  head: "Thủ trưởng đơn vị",
  deputy: "Cấp phó",
  member: "Thành viên",
  leader: "Lãnh đạo Ban Chỉ đạo/Ban Điều hành",
  admin: "Quản trị (Tổ Giúp việc)",
};

export type LinkOutcome = { ok: true; user: User; message: string } | { ok: false; message: string };

/** Wrong link codes, from all accounts together, that pause linking for the window. */
export const LINK_GUESS_LIMIT = 30;
export const LINK_GUESS_WINDOW_MS = 10 * 60_000;
/** A decision not yet told to its requester is told when their channel starts, up to this age. */
const TELL_DECISIONS_WITHIN_MS = 30 * 86_400_000;

/** Who a person is, as recorded on a link code or a decision. */
export function byWhomOf(p: Person): ByWhom {
  const name = p.user?.name ?? p.name;
  return { kind: p.channel, id: p.chatId, ...(name ? { name: name.slice(0, 200) } : {}) };
}

export class Assistant {
  constructor(private readonly app: App) {}

  /**
   * How the assistant reaches people outside the current chat (the admins asked to confirm an admin
   * code, a requester told the outcome, the secretariat told of a guessing burst): each channel
   * registers its sender when it is built (createBot, ZaloConversation). Main may register others.
   */
  readonly #senders: Senders = {};
  readonly #inFlight = new Set<Promise<void>>();
  readonly #limiter = new SendLimiter({ ratePerSecond: 20, chatIntervalMs: 0 });

  /** Registers a channel's sender, and tells requesters decisions taken while they could not be told. */
  useSender(sender: Sender): void {
    this.#senders[sender.channel] = sender;
    if (!this.app.store.readOnly) this.#background(this.#tellDecisions(sender.channel), "admin decisions");
  }

  /** Settles when every notification started so far is sent (or has failed). */
  async settled(): Promise<void> {
    while (this.#inFlight.size) await Promise.all([...this.#inFlight]);
  }

  #background(work: Promise<unknown>, what: string): void {
    const p = work.then(
      () => {},
      (e: unknown) => {
        this.app.logger.warn(
          { error: { type: (e as Error)?.name, message: (e as Error)?.message } },
          `${what}: not sent`,
        );
      },
    );
    this.#inFlight.add(p);
    void p.then(() => this.#inFlight.delete(p));
  }

  #notify(targets: readonly Target[], message: OutgoingMessage): Promise<BroadcastResult> {
    return broadcast(this.#senders, targets, message, { limiter: this.#limiter });
  }

  /** The app's clock. */
  now(): Date {
    return this.app.now();
  }

  /** The channels a message can reach people on (each registered its sender). */
  channels(): Channel[] {
    return Object.keys(this.#senders) as Channel[];
  }

  /**
   * Sends a message to people on any channel that registered its sender (an announcement, the answer
   * to an unanswered question), paced like the assistant's other messages.
   */
  send(
    targets: readonly Target[],
    message: OutgoingMessage,
    opts: BroadcastOptions = {},
  ): Promise<BroadcastResult> {
    return broadcast(this.#senders, targets, message, { limiter: this.#limiter, ...opts });
  }

  private get engine(): AnswerEngine {
    return this.app.engine();
  }

  /** Who is writing: their linked account (if any) and whether they are an admin. */
  identify(channel: Channel, chatId: string | number, name?: string): Person {
    const id = String(chatId);
    const user = this.app.store.state.findUser(channel, id);
    const configuredAdmin = channel === "telegram" && this.app.config.ADMIN_TELEGRAM_IDS.includes(id);
    const p: Person = { channel, chatId: id, isAdmin: configuredAdmin || user?.role === "admin" };
    if (name) p.name = name;
    if (user) p.user = user;
    return p;
  }

  /** BOT_ACCESS=members answers only linked officials and admins; open answers anyone. */
  mayAsk(p: Person): boolean {
    return this.app.config.BOT_ACCESS === "open" || p.isAdmin || !!p.user;
  }

  isLeader(p: Person): boolean {
    return p.isAdmin || p.user?.role === "leader";
  }

  /** The reply for someone who may not ask yet. */
  notMemberReply(): Reply {
    return new ReplyBuilder("link-needed")
      .line("Trợ lý này dành cho cán bộ các đơn vị đã được liên kết.")
      .note(
        "Hãy liên hệ Tổ Giúp việc Ban Điều hành chuyển đổi số để nhận mã liên kết, rồi gửi: /lienket <mã>.",
      )
      .build();
  }

  private asker(p: Person) {
    return p.user ? { unitId: p.user.unitId, role: p.user.role } : undefined;
  }

  /** Answers a typed question; an unanswered one is kept for the secretariat. */
  async ask(p: Person, text: string): Promise<Reply> {
    if (!this.mayAsk(p)) return this.notMemberReply();
    const asker = this.asker(p);
    const reply = this.engine.ask({ text, now: this.app.now(), ...(asker ? { asker } : {}) });
    // (Nothing asked, "?", or a request to do something is no question for the secretariat to answer.)
    if (
      reply.abstained &&
      reply.intent !== "empty" &&
      reply.intent !== "help" &&
      text.trim() &&
      !this.app.store.readOnly
    ) {
      try {
        await this.app.store.state.addUnanswered({
          text: text.slice(0, 1000),
          askerId: p.user?.id ?? `${p.channel}:${p.chatId}`,
          ...(p.user ? { unitId: p.user.unitId } : {}),
        });
        return reply;
      } catch (e) {
        this.app.logger.warn({ err: e }, "could not store an unanswered question");
      }
    }
    // (Not kept: the reply does not say it was.)
    return withoutRecordedNote(reply);
  }

  /** Answers a structured query (a button, a command's arguments). */
  answer(p: Person, query: Query): Reply {
    if (!this.mayAsk(p)) return this.notMemberReply();
    const asker = this.asker(p);
    return this.engine.answer(query, { now: this.app.now(), ...(asker ? { asker } : {}) });
  }

  /** When wrong link codes were sent lately, from any account (a guess spread over many accounts). */
  #wrongCodes: number[] = [];
  #guessingAlerted = 0;

  /** Whether link codes are refused for now: too many wrong ones in the window, from all accounts. */
  #guessing(now: number): boolean {
    this.#wrongCodes = this.#wrongCodes.filter((t) => now - t < LINK_GUESS_WINDOW_MS);
    return this.#wrongCodes.length >= LINK_GUESS_LIMIT;
  }

  /**
   * Someone is guessing codes across accounts: the operator (error log) and the secretariat (a message
   * in chat) are told, once per window.
   */
  #alertGuessing(now: number): void {
    if (now - this.#guessingAlerted <= LINK_GUESS_WINDOW_MS) return;
    this.#guessingAlerted = now;
    const minutes = LINK_GUESS_WINDOW_MS / 60_000;
    this.app.logger.error(
      { wrong: this.#wrongCodes.length, windowMinutes: minutes },
      "many wrong link codes from several accounts: linking paused",
    );
    this.#background(
      this.#notify(secretariatTargets(this.app), {
        kind: "notice",
        title: "Nhiều mã liên kết sai",
        lines: [
          `Trong ${minutes} phút qua có ${this.#wrongCodes.length} mã liên kết sai được gửi từ nhiều tài khoản: có thể có người dò mã.`,
          `Liên kết tài khoản tạm ngưng ${minutes} phút với mọi người. Mã đúng vẫn dùng được sau đó; nếu lặp lại, hãy báo người vận hành kiểm tra nhật ký.`,
        ],
        actions: [],
      }),
      "guessing alert",
    );
  }

  /** Binds this account to the unit and role of a one-time code. */
  async link(p: Person, code: string): Promise<LinkOutcome> {
    const clean = code.trim();
    if (!clean) return { ok: false, message: "Hãy gửi kèm mã liên kết, ví dụ: /lienket ABCD2345." };
    const now = this.app.now().getTime();
    if (this.#guessing(now)) {
      // Redemptions pause for the window (see #alertGuessing).
      this.#alertGuessing(now);
      return {
        ok: false,
        message:
          "Liên kết tài khoản tạm ngưng vài phút vì có nhiều mã sai được gửi. Xin thử lại sau ít phút.",
      };
    }
    if (clean.length > 64)
      return { ok: false, message: "Mã liên kết không đúng. Hãy kiểm tra lại mã do Tổ Giúp việc cấp." };
    // An admin code grants the role only to an account that is an admin already (ADMIN_TELEGRAM_IDS, or
    // a confirmed admin re-linking); anyone else is linked as a member and the admins are asked.
    const res = await this.app.store.state.redeemLinkCode(
      clean,
      { channel: p.channel, chatId: p.chatId, ...(p.name ? { name: p.name } : {}) },
      this.app.now(),
      { adminConfirmed: p.isAdmin },
    );
    if (!res.ok) {
      if (res.reason === "unknown") {
        this.#wrongCodes.push(now);
        this.app.logger.warn(
          { channel: p.channel, wrongInWindow: this.#wrongCodes.length },
          "wrong link code",
        );
        if (this.#guessing(now)) this.#alertGuessing(now);
      }
      const message =
        res.reason === "expired"
          ? "Mã liên kết đã hết hạn. Hãy xin Tổ Giúp việc cấp mã mới."
          : res.reason === "used"
            ? "Mã liên kết này đã được dùng. Mỗi mã chỉ dùng được một lần; hãy xin Tổ Giúp việc cấp mã mới."
            : "Mã liên kết không đúng. Hãy kiểm tra lại mã do Tổ Giúp việc cấp.";
      return { ok: false, message };
    }
    const unit = this.app.knowledge().unit(res.user.unitId)?.name ?? "đơn vị";
    if (res.adminRequest) {
      const anyAdmin = await this.#askAdmins(res.adminRequest, unit);
      return {
        ok: true,
        user: res.user,
        message: ADMIN_REQUEST_TEXTS.linkedPending(unit, anyAdmin, res.adminRequest.id),
      };
    }
    return {
      ok: true,
      user: res.user,
      message: `Đã liên kết tài khoản với ${unit} (vai trò: ${ROLE_LABELS[res.user.role].toLowerCase()}). Từ nay bạn có thể hỏi “nhiệm vụ của tôi” và sẽ nhận nhắc hạn của đơn vị.`,
    };
  }

  /**
   * "/kenhnhac telegram|zalo": the channel reminders go to when the person is linked on both (the same
   * unit, role and name on each account). Set on every account of the person.
   */
  async setReminderChannel(p: Person, arg: string): Promise<string> {
    if (!p.user) return "Tài khoản này chưa liên kết với đơn vị nào.";
    const want = fold(arg).trim();
    if (want !== "telegram" && want !== "zalo") return "Cách dùng: /kenhnhac telegram hoặc /kenhnhac zalo.";
    const me = p.user;
    const same = this.app.store.state
      .users()
      .filter(
        (u) =>
          (u.id === me.id || u.channel !== me.channel) &&
          u.unitId === me.unitId &&
          u.role === me.role &&
          !!u.name &&
          !!me.name &&
          fold(u.name) === fold(me.name),
      );
    for (const u of same.length ? same : [me]) await this.app.store.state.setPreferredChannel(u.id, want);
    const other = same.some((u) => u.channel !== me.channel);
    return `Đã chọn nhận nhắc hạn qua ${want === "zalo" ? "Zalo" : "Telegram"}.${
      other
        ? ""
        : " (Tài khoản này mới liên kết trên một kênh; khi liên kết cả kênh kia, lựa chọn này được dùng.)"
    }`;
  }

  async unlink(p: Person): Promise<string> {
    if (!p.user) return "Tài khoản này chưa liên kết với đơn vị nào.";
    await this.app.store.state.unlink(p.user.id);
    return "Đã hủy liên kết. Bạn sẽ không nhận nhắc hạn nữa.";
  }

  // ------------------------------------------------------------ admin requests

  /**
   * Records the request in the audit and asks every admin (configured and linked) to confirm or refuse.
   * Returns whether anyone can be asked.
   */
  async #askAdmins(r: AdminRequest, unitName: string): Promise<boolean> {
    const targets = secretariatTargets(this.app).filter((t) => `${t.channel}:${t.chatId}` !== r.userId);
    this.app.logger.info(
      { request: r.id, channel: r.channel, admins: targets.length },
      "admin code: confirmation asked",
    );
    await this.#audit({
      actor: { kind: r.channel, id: r.chatId, ...(r.name ? { name: r.name } : {}) },
      action: "admin.request",
      entityId: r.userId,
      note: `Xin quyền quản trị (yêu cầu số ${r.id}, ${unitName}; mã do ${byWhomLabel(r.codeCreatedBy) ?? "không rõ ai"} tạo)`,
    });
    if (targets.length)
      this.#background(this.#notify(targets, adminRequestMessage(r, unitName)), "admin request");
    return targets.length > 0;
  }

  /**
   * An audit entry for an admin request or decision. The decision itself is already in state.json (the
   * request's status, who decided and when): a full disk here is logged, not reported as a failure.
   */
  async #audit(input: AuditInput): Promise<void> {
    try {
      await this.app.store.audit.record(input);
    } catch (e) {
      this.app.logger.warn({ action: input.action, error: (e as Error)?.message }, "audit entry not written");
    }
  }

  /** The admin requests waiting for a decision, as lines (admins and the operator only). */
  pendingAdminRequests(): string[] {
    const kb = this.app.knowledge();
    return pendingRequestLines(this.app.store.state.adminRequests(), (id) => kb.unit(id)?.name ?? id);
  }

  /**
   * Grants or refuses admin request `id`: by an admin (a chat) or the operator ("cli"). Anyone else,
   * a request unknown or already decided, or an account that re-linked since, changes nothing. The
   * decision is recorded (state and audit) and the requester is told.
   */
  async decideAdminRequest(
    by: Person | "cli",
    id: string,
    decision: "grant" | "refuse",
  ): Promise<{ ok: boolean; message: string }> {
    if (by !== "cli" && !by.isAdmin) {
      this.app.logger.info({ channel: by.channel, request: id }, "admin decision refused: not an admin");
      return { ok: false, message: ADMIN_REQUEST_TEXTS.notAdmin };
    }
    const who: ByWhom = by === "cli" ? { kind: "cli" } : byWhomOf(by);
    const res = await this.app.store.state.decideAdminRequest(id, decision, who, this.app.now());
    if (!res.ok) {
      this.app.logger.info({ request: id, reason: res.reason }, "admin decision changed nothing");
      const message =
        res.reason === "unknown"
          ? ADMIN_REQUEST_TEXTS.unknown(id)
          : res.reason === "stale"
            ? ADMIN_REQUEST_TEXTS.stale(id)
            : ADMIN_REQUEST_TEXTS.decided(id, res.request!.status);
      return { ok: false, message };
    }
    const r = res.request;
    const unit = this.app.knowledge().unit(r.unitId)?.name ?? r.unitId;
    this.app.logger.info({ request: id, decision }, "admin request decided");
    await this.#audit({
      actor: { kind: who.kind, ...(who.id ? { id: who.id } : {}), ...(who.name ? { name: who.name } : {}) },
      action: decision === "grant" ? "admin.grant" : "admin.refuse",
      entityId: r.userId,
      note: `${decision === "grant" ? "Cấp" : "Từ chối"} quyền quản trị cho ${requesterLabel(r)} (yêu cầu số ${r.id}, ${unit})`,
    });
    this.#background(this.#tellDecision(r, unit), "admin decision");
    return {
      ok: true,
      message:
        decision === "grant"
          ? ADMIN_REQUEST_TEXTS.granted(requesterLabel(r), unit)
          : ADMIN_REQUEST_TEXTS.refused(requesterLabel(r), unit),
    };
  }

  /** Tells the requester the decision, through their channel, once. */
  async #tellDecision(r: AdminRequest, unitName: string): Promise<void> {
    if (!this.#senders[r.channel] || r.notifiedAt) return; // told when the channel next starts
    const result = await this.#notify([{ channel: r.channel, chatId: r.chatId, userId: r.userId }], {
      kind: "info",
      title: ADMIN_REQUEST_TEXTS.title,
      lines: [
        r.status === "granted"
          ? ADMIN_REQUEST_TEXTS.toRequesterGranted
          : ADMIN_REQUEST_TEXTS.toRequesterRefused(unitName),
      ],
      actions: [],
    });
    if (result.sent) await this.app.store.state.markAdminRequestNotified(r.id, this.app.now());
  }

  /** Decisions not told yet (taken at the CLI, or while the channel was down) on this channel. */
  async #tellDecisions(channel: Channel): Promise<void> {
    const kb = this.app.knowledge();
    const since = this.app.now().getTime() - TELL_DECISIONS_WITHIN_MS;
    for (const r of this.app.store.state.adminRequests({ all: true })) {
      if (r.channel !== channel || r.notifiedAt || (r.status !== "granted" && r.status !== "refused"))
        continue;
      if (Date.parse(r.decidedAt ?? r.requestedAt) < since) continue; // too old to be news
      await this.#tellDecision(r, kb.unit(r.unitId)?.name ?? r.unitId);
    }
  }

  /** Creates a one-time link code (CLI `link create`, admin `/moi`). */
  async createLinkCode(input: { unitId: string; role: Role; name?: string; createdBy?: ByWhom }) {
    const unit = this.app.knowledge().unit(input.unitId);
    if (!unit) throw new Error(`Không có đơn vị mã “${input.unitId}”.`);
    const code = await this.app.store.state.createLinkCode(input, {
      now: this.app.now(),
      ttlDays: this.app.config.LINK_CODE_TTL_DAYS,
    });
    return { code, unit, expiresOn: formatViDate(localDate(new Date(code.expiresAt))) };
  }
}
