/**
 * What every channel does with a person, channel-neutral: who they are (linked unit and role,
 * admin), whether they may ask, answering (and keeping unanswered questions for the secretariat),
 * linking an account with a one-time code. Telegram, Zalo and the terminal are thin adapters on this.
 */
import type { AnswerEngine } from "../core/answers/engine.ts";
import { type Query, type Reply, ReplyBuilder } from "../core/answers/reply.ts";
import { fold } from "../core/text/normalize.ts";
import { formatViDate, localDate } from "../core/time.ts";
import type { Channel, Role, User } from "../store/state.ts";
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

export class Assistant {
  constructor(private readonly app: App) {}

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
    if (reply.abstained && text.trim() && !this.app.store.readOnly) {
      try {
        await this.app.store.state.addUnanswered({
          text: text.slice(0, 1000),
          askerId: p.user?.id ?? `${p.channel}:${p.chatId}`,
          ...(p.user ? { unitId: p.user.unitId } : {}),
        });
      } catch (e) {
        this.app.logger.warn({ err: e }, "could not store an unanswered question");
      }
    }
    return reply;
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

  /** Binds this account to the unit and role of a one-time code. */
  async link(p: Person, code: string): Promise<LinkOutcome> {
    const clean = code.trim();
    if (!clean) return { ok: false, message: "Hãy gửi kèm mã liên kết, ví dụ: /lienket ABCD2345." };
    const now = this.app.now().getTime();
    if (this.#guessing(now)) {
      // Someone is guessing codes across accounts: redemptions pause for the window, the operator is told
      // (error level) once per window.
      if (now - this.#guessingAlerted > LINK_GUESS_WINDOW_MS) {
        this.#guessingAlerted = now;
        this.app.logger.error(
          { wrong: this.#wrongCodes.length, windowMinutes: LINK_GUESS_WINDOW_MS / 60_000 },
          "many wrong link codes from several accounts: linking paused",
        );
      }
      return {
        ok: false,
        message:
          "Liên kết tài khoản tạm ngưng vài phút vì có nhiều mã sai được gửi. Xin thử lại sau ít phút.",
      };
    }
    if (clean.length > 64)
      return { ok: false, message: "Mã liên kết không đúng. Hãy kiểm tra lại mã do Tổ Giúp việc cấp." };
    const res = await this.app.store.state.redeemLinkCode(
      clean,
      { channel: p.channel, chatId: p.chatId, ...(p.name ? { name: p.name } : {}) },
      this.app.now(),
    );
    if (!res.ok) {
      if (res.reason === "unknown") {
        this.#wrongCodes.push(now);
        this.app.logger.warn(
          { channel: p.channel, wrongInWindow: this.#wrongCodes.length },
          "wrong link code",
        );
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

  /** Creates a one-time link code (CLI `link create`, admin `/moi`). */
  async createLinkCode(input: { unitId: string; role: Role; name?: string }) {
    const unit = this.app.knowledge().unit(input.unitId);
    if (!unit) throw new Error(`Không có đơn vị mã “${input.unitId}”.`);
    const code = await this.app.store.state.createLinkCode(input, {
      now: this.app.now(),
      ttlDays: this.app.config.LINK_CODE_TTL_DAYS,
    });
    return { code, unit, expiresOn: formatViDate(localDate(new Date(code.expiresAt))) };
  }
}
