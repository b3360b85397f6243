/**
 * The Zalo adapter: an update from Zalo → the Assistant → plain-text messages back.
 *
 * - Private chats only (groups are beta and mention-only on Zalo: ignored). Messages from bots ignored.
 * - `message.text.received`: the commands typed as text like on Telegram (/start, /help, /chude,
 *   /nhiemvu, /hanchot, /quahan, /vanban <số hiệu>, /timkiem <từ khóa>, /lienket <mã>, /huylienket;
 *   the slash may be left out), a number that picks one of the last message's numbered choices,
 *   “tiếp” / “trước” for the pages, then the reminders' typed answers (“xong”, “giahan 30/9 …”: the
 *   conversation layer's), and otherwise a free question.
 * - Image, sticker, voice and `message.unsupported.received` (content withheld by Zalo): accepted,
 *   answered with a short note that only text is read (at most once per chat every 10 minutes,
 *   to spare the monthly quota). Other events are ignored.
 * - De-duplicated on message id (see RecentIds). Updates of one chat are handled in order.
 * - Access per BOT_ACCESS through Assistant.mayAsk; linking with the same one-time codes.
 */
import type { Logger } from "pino";
import type { App } from "../../app/app.ts";
import { type Assistant, type Person, ROLE_LABELS } from "../../app/assistant.ts";
import {
  CONVERSATION_COMMANDS,
  runChoice,
  runCommand,
  runDialogText,
  runText,
} from "../../conversation/commands.ts";
import type { ConversationDeps } from "../../conversation/leaders.ts";
import { flatButtons, type Output } from "../../conversation/outputs.ts";
import { CONVERSATION_TEXTS } from "../../conversation/texts.ts";
import type { Reply } from "../../core/answers/reply.ts";
import { renderPlainMessage } from "../../core/reminders/message.ts";
import { fold } from "../../core/text/normalize.ts";
import { ZaloApiError, ZaloAuthError, type ZaloClient, ZaloQuotaError, type ZaloUpdate } from "./client.ts";
import { type Choice, ChoiceMemory, RecentIds } from "./memory.ts";
import { NEXT_WORD, PREV_WORD, renderZalo, splitText } from "./plain-text.ts";
import type { ZaloQuota } from "./quota.ts";
import { helpText, ZALO_COMMANDS, ZALO_TEXTS } from "./texts.ts";

export const TEXT_EVENT = "message.text.received";
/** Above a message's numbered choices. */
export const CHOICES_PROMPT = "Gõ số để chọn:";
/** Events answered with the "text only" note. */
export const NON_TEXT_EVENTS = new Set([
  "message.image.received",
  "message.sticker.received",
  "message.voice.received",
  "message.unsupported.received",
]);

/** Longest question handled. */
export const MAX_QUESTION_LENGTH = 1000;

export interface FloodLimit {
  limit: number;
  windowMs: number;
}

export interface ZaloConversationOptions {
  app: App;
  assistant: Assistant;
  client: ZaloClient;
  /** Counts what is sent; answers are still attempted at the counted limit (Zalo decides), not after Zalo said 429. */
  quota?: ZaloQuota;
  choices?: ChoiceMemory;
  log?: Logger;
  /** Keep the last handled message ids in the store so a restart does not answer a redelivery (default true). */
  persistRecentIds?: boolean;
  /** How long the numbered choices of an answer stay valid (default 60 minutes). */
  choiceTtlMs?: number;
  flood?: FloodLimit;
  /** Zalo refused the token: the runner stops the channel. */
  onAuthError?: (e: ZaloAuthError) => void;
}

export const DEFAULT_FLOOD: FloodLimit = { limit: 12, windowMs: 60_000 };
const NON_TEXT_NOTE_EVERY_MS = 10 * 60_000;

const PAGE_NEXT = new Set(["tiep", "tiep theo", "trang sau", "trang tiep", "xem tiep", "next"]);
const PAGE_PREV = new Set(["truoc", "trang truoc", "quay lai", "lui", "prev"]);
const COMMAND_NAMES = new Set([
  ...ZALO_COMMANDS.map((c) => c.command),
  ...CONVERSATION_COMMANDS.map((c) => c.name),
  "start",
]);
/** Typed without a slash these are words of a dialog or a reminder's question (“hủy” cancels), not commands. */
const SLASH_ONLY = new Set(["huy"]);

/** "/nhiemvu Sở Tài chính" → {name: "nhiemvu", arg: "Sở Tài chính"}; a bare "nhiemvu" counts too. */
export function parseCommand(text: string): { name: string; arg: string } | undefined {
  const m = /^\/?([^\s/@]+)(?:@\S*)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  const name = fold(m[1]!).replace(/[^a-z]/g, "");
  const slash = text.trim().startsWith("/");
  if (!slash && (!COMMAND_NAMES.has(name) || SLASH_ONLY.has(name))) return undefined;
  if (!slash && name === "help" && m[2]) return undefined;
  return { name, arg: (m[2] ?? "").trim() };
}

export class ZaloConversation {
  readonly choices: ChoiceMemory;
  readonly #o: ZaloConversationOptions;
  readonly #log: Logger;
  readonly #recent: RecentIds;
  readonly #queues = new Map<string, Promise<void>>();
  readonly #flood = new Map<string, { times: number[]; warned: boolean }>();
  readonly #nonTextNoted = new Map<string, number>();

  constructor(opts: ZaloConversationOptions) {
    this.#o = opts;
    this.#log = (opts.log ?? opts.app.logger).child({ channel: "zalo" });
    this.choices = opts.choices ?? new ChoiceMemory(() => opts.app.now());
    const persist = (opts.persistRecentIds ?? true) && !opts.app.store.readOnly;
    this.#recent = new RecentIds(1000, persist ? opts.app.store.state : undefined, 200, (e) =>
      this.#log.warn({ err: errInfo(e) }, "could not save recent message ids"),
    );
    // The Assistant reaches Zalo chats other than the current one (an admin asked to confirm an admin
    // code, a requester told the outcome, the secretariat) through this conversation's client and quota.
    // Zalo has no buttons: the message names its commands (/xacnhanqt <số>), no numbered choices.
    opts.assistant.useSender({
      channel: "zalo",
      send: async (chatId, message) => {
        try {
          const sent = await this.#sendTexts(
            chatId,
            splitText(renderPlainMessage(message, { numberedActions: false })),
          );
          return sent ? { ok: true } : { ok: false, kind: "fatal", description: "Không gửi được tin Zalo." };
        } catch {
          return { ok: false, kind: "fatal", description: "Zalo từ chối mã bot (401)." };
        }
      },
    });
  }

  /**
   * Handles one update. Resolves when it is handled (the webhook does not wait for it; the
   * poller does not either: see `idle`). Never rejects.
   */
  handle(update: ZaloUpdate): Promise<void> {
    const m = update.message;
    if (!m) {
      this.#log.debug({ event: update.event_name }, "update without a message ignored");
      return Promise.resolve();
    }
    const chatId = m.chat.id;
    if (m.message_id && !this.#recent.add(`${chatId}:${m.message_id}`)) {
      this.#log.info({ event: update.event_name }, "repeated message ignored");
      return Promise.resolve();
    }
    if (m.chat.chat_type && m.chat.chat_type.toUpperCase() !== "PRIVATE") {
      this.#log.debug({ chatType: m.chat.chat_type }, "group message ignored");
      return Promise.resolve();
    }
    if (m.from?.is_bot) return Promise.resolve();
    return this.#enqueue(chatId, () => this.#dispatch(update, chatId));
  }

  /** Settles when every update received so far is handled. */
  async idle(): Promise<void> {
    while (this.#queues.size) await Promise.all([...this.#queues.values()]);
    await this.#recent.flush();
  }

  #enqueue(chatId: string, fn: () => Promise<void>): Promise<void> {
    const prev = this.#queues.get(chatId) ?? Promise.resolve();
    const next = prev.then(fn).catch((e: unknown) => {
      this.#log.error({ err: errInfo(e) }, "zalo update failed");
    });
    this.#queues.set(chatId, next);
    void next.then(() => {
      if (this.#queues.get(chatId) === next) this.#queues.delete(chatId);
    });
    return next;
  }

  async #dispatch(update: ZaloUpdate, chatId: string): Promise<void> {
    const m = update.message!;
    const person = this.#o.assistant.identify("zalo", chatId, m.from?.display_name);
    try {
      if (update.event_name === TEXT_EVENT && typeof m.text === "string") {
        await this.#onText(person, chatId, m.text);
      } else if (NON_TEXT_EVENTS.has(update.event_name)) {
        await this.#onNonText(person, chatId, update.event_name);
      } else {
        this.#log.debug({ event: update.event_name }, "event ignored");
      }
    } catch (e) {
      if (e instanceof ZaloAuthError) return; // reported by #send; the channel stops
      this.#log.error({ err: errInfo(e), event: update.event_name }, "could not answer a Zalo message");
      await this.#sendTexts(chatId, [ZALO_TEXTS.apology]).catch(() => {});
    }
  }

  async #onNonText(p: Person, chatId: string, event: string): Promise<void> {
    this.#log.info({ event }, "non-text message");
    const now = this.#o.app.now().getTime();
    const last = this.#nonTextNoted.get(chatId);
    if (last !== undefined && now - last < NON_TEXT_NOTE_EVERY_MS) return;
    this.#nonTextNoted.set(chatId, now);
    // Zalo's Bot API delivers no file: an admin is told how a plan gets imported instead.
    await this.#sendTexts(chatId, [
      p.isAdmin
        ? `${ZALO_TEXTS.onlyText}\n${CONVERSATION_TEXTS.uploadNotOnThisChannel}`
        : ZALO_TEXTS.onlyText,
    ]);
  }

  /** True when this chat is over the flood limit (one warning, then silence). */
  async #flooded(chatId: string): Promise<boolean> {
    const { limit, windowMs } = this.#o.flood ?? DEFAULT_FLOOD;
    const now = this.#o.app.now().getTime();
    const f = this.#flood.get(chatId) ?? { times: [], warned: false };
    f.times = f.times.filter((t) => now - t < windowMs);
    if (f.times.length >= limit) {
      this.#flood.set(chatId, f);
      if (!f.warned) {
        f.warned = true;
        this.#log.warn("flood limit exceeded");
        await this.#sendTexts(chatId, [ZALO_TEXTS.flood]);
      }
      return true;
    }
    f.times.push(now);
    f.warned = false;
    this.#flood.set(chatId, f);
    return false;
  }

  async #onText(p: Person, chatId: string, raw: string): Promise<void> {
    const text = raw.normalize("NFC").trim();
    if (!text) return;
    if (await this.#flooded(chatId)) return;
    const { app } = this.#o;
    // A linked user who writes is reachable again.
    if (p.user && !p.user.reachable && !app.store.readOnly) {
      await app.store.state.setReachable(p.user.id, true);
    }
    if (text.length > MAX_QUESTION_LENGTH) {
      await this.#sendTexts(chatId, [ZALO_TEXTS.tooLong(MAX_QUESTION_LENGTH)]);
      return;
    }
    // A dialog waiting for this person reads the text first (“hủy” cancels, a command ends it).
    const turn = await runDialogText(this.#deps(), p, text);
    if (turn) {
      await this.#sendOutputs(chatId, turn.outputs);
      if (!turn.passOn) return;
    }
    const cmd = parseCommand(text);
    if (cmd) {
      await this.#onCommand(p, chatId, cmd.name, cmd.arg);
      return;
    }
    const num = /^(\d{1,2})\s*\.?$/.exec(text);
    if (num) {
      await this.#onNumber(p, chatId, Number(num[1]));
      return;
    }
    const folded = fold(text).replace(/[.!?…]+$/, "");
    if (PAGE_NEXT.has(folded) || PAGE_PREV.has(folded)) {
      await this.#onPage(p, chatId, PAGE_NEXT.has(folded) ? "next" : "prev");
      return;
    }
    // A reminder's shortcut ("xong", "giahan 30/9 …") or the answer to a reminder's question.
    const answered = await runText(this.#deps(), p, text);
    if (answered) {
      await this.#sendOutputs(chatId, answered);
      return;
    }
    await this.#deliver(chatId, await this.#o.assistant.ask(p, text));
  }

  async #onCommand(p: Person, chatId: string, name: string, arg: string): Promise<unknown> {
    const { assistant } = this.#o;
    // The commands every channel shares (questions, the leaders' overview, unit card and report), with
    // their access rules: src/conversation/commands.ts.
    const shared = await runCommand(this.#deps(), p, name, arg);
    if (shared) return this.#sendOutputs(chatId, shared);
    switch (name) {
      case "start":
        if (arg) return this.#link(p, chatId, arg);
        return this.#sendTexts(chatId, splitText(this.#startText(p)));
      case "help":
      case "trogiup":
        return this.#sendTexts(chatId, splitText(helpText()));
      case "lienket":
        if (!arg) return this.#sendTexts(chatId, [ZALO_TEXTS.usageLienket]);
        return this.#link(p, chatId, arg);
      case "huylienket":
        return this.#sendTexts(chatId, [await assistant.unlink(p)]);
      case "kenhnhac":
        return this.#sendTexts(chatId, [await assistant.setReminderChannel(p, arg)]);
      default:
        return this.#sendTexts(chatId, [ZALO_TEXTS.unknownCommand(name || "?")]);
    }
  }

  #deps(): ConversationDeps {
    return { app: this.#o.app, assistant: this.#o.assistant, log: this.#log };
  }

  #startText(p: Person): string {
    const kb = this.#o.app.knowledge();
    const { assistantName, name } = kb.data.province;
    const out = [
      `Xin chào! Tôi là ${assistantName}.`,
      `Tôi trả lời về chuyển đổi số của tỉnh ${name}: chủ đề của năm, nhiệm vụ và thời hạn của các đơn vị, văn bản chỉ đạo, người phụ trách. Mỗi câu trả lời đều ghi nguồn.`,
    ];
    if (p.user) {
      const unit = kb.unit(p.user.unitId)?.name ?? p.user.unitId;
      out.push(`Tài khoản Zalo này đã liên kết với ${unit} (${ROLE_LABELS[p.user.role].toLowerCase()}).`);
    } else if (!this.#o.assistant.mayAsk(p)) {
      out.push(
        "",
        "Trợ lý này dành cho cán bộ các đơn vị đã được liên kết.",
        "Hãy liên hệ Tổ Giúp việc Ban Điều hành chuyển đổi số để nhận mã liên kết, rồi gõ: /lienket <mã>.",
      );
    } else {
      out.push("Nếu có mã liên kết của đơn vị, hãy gõ: /lienket <mã> để hỏi “nhiệm vụ của tôi”.");
    }
    out.push("", helpText());
    return out.join("\n");
  }

  async #link(p: Person, chatId: string, code: string): Promise<void> {
    const outcome = await this.#o.assistant.link(p, code);
    if (!outcome.ok) {
      this.#log.info("link code refused");
      await this.#sendTexts(chatId, [outcome.message]);
      return;
    }
    this.#log.info({ unitId: outcome.user.unitId, role: outcome.user.role }, "account linked");
    const choices: Choice[] = [
      { label: "Nhiệm vụ của tôi", kind: "query", query: { kind: "tasks", mine: true } },
      { label: "Sắp đến hạn", kind: "query", query: { kind: "deadlines", mode: "upcoming", mine: true } },
    ];
    const text = [
      outcome.message,
      "",
      "Gõ số để chọn tiếp:",
      ...choices.map((c, i) => `${i + 1}. ${c.label}`),
    ];
    await this.#sendTexts(chatId, splitText(text.join("\n")));
    this.choices.set(chatId, choices, undefined, this.#ttl());
  }

  async #onNumber(p: Person, chatId: string, n: number): Promise<void> {
    const entry = this.choices.get(chatId);
    if (!entry?.choices.length) {
      await this.#sendTexts(chatId, [ZALO_TEXTS.noChoices]);
      return;
    }
    const choice = entry.choices[n - 1];
    if (!choice) {
      await this.#sendTexts(chatId, [ZALO_TEXTS.choiceOutOfRange(entry.choices.length)]);
      return;
    }
    if (choice.kind === "query") {
      await this.#deliver(chatId, this.#o.assistant.answer(p, choice.query));
      return;
    }
    // A conversation choice: a dialog's, an admin decision, a reminder's answer…
    const picked = await runChoice(this.#deps(), p, choice.data);
    if (!picked) {
      await this.#deliver(chatId, ZALO_TEXTS.choiceUnavailable);
      return;
    }
    await this.#sendOutputs(
      chatId,
      picked.kind === "stale" ? [{ kind: "text", text: picked.text }] : picked.outputs,
    );
  }

  async #onPage(p: Person, chatId: string, dir: "next" | "prev"): Promise<void> {
    const paging = this.choices.get(chatId)?.paging;
    const q = dir === "next" ? paging?.next : paging?.prev;
    if (!q) {
      // Without pages waiting, "tiếp" may still be a question of its own: leave it to the engine.
      if (!paging) {
        await this.#deliver(chatId, await this.#o.assistant.ask(p, dir === "next" ? NEXT_WORD : PREV_WORD));
        return;
      }
      await this.#sendTexts(chatId, [dir === "next" ? ZALO_TEXTS.noNextPage : ZALO_TEXTS.noPrevPage]);
      return;
    }
    await this.#deliver(chatId, this.#o.assistant.answer(p, q));
  }

  #ttl(): number {
    return this.#o.choiceTtlMs ?? 60 * 60_000;
  }

  /** Sends an answer; a Reply's numbered choices and pages become what the chat can answer next. */
  /**
   * The shared commands' outputs: a Reply with its numbered choices, texts as they are; Zalo sends no
   * generated image or file, so a photo or a document is replaced by its fallback text.
   */
  async #sendOutputs(chatId: string, outputs: readonly Output[]): Promise<void> {
    for (const o of outputs) {
      if (o.kind === "reply") await this.#deliver(chatId, o.reply);
      else if (o.kind === "text" && o.buttons) {
        // Zalo has no buttons: the choices are numbered, and a typed number picks one.
        const buttons = flatButtons(o);
        const lines = [o.text, "", CHOICES_PROMPT, ...buttons.map((b, i) => `${i + 1}. ${b.label}`)];
        const sent = await this.#sendTexts(chatId, splitText(lines.join("\n")));
        if (sent)
          this.choices.set(
            chatId,
            buttons.map((b) => ({ label: b.label, kind: "data", data: b.data })),
            undefined,
            this.#ttl(),
          );
      } else if (o.kind === "text") await this.#deliver(chatId, o.text);
      else await this.#deliver(chatId, o.fallback);
    }
  }

  async #deliver(chatId: string, out: string | string[] | Reply): Promise<void> {
    if (typeof out === "string" || Array.isArray(out)) {
      const texts = (Array.isArray(out) ? out : [out]).flatMap((t) => splitText(t));
      await this.#sendTexts(chatId, texts);
      return;
    }
    const choices: Choice[] = out.actions.map((a) => ({ label: a.label, kind: "query", query: a.query }));
    const paging = out.paging && out.paging.pages > 1 ? out.paging : undefined;
    const sent = await this.#sendTexts(chatId, renderZalo(out));
    if (sent) this.choices.set(chatId, choices, paging, this.#ttl());
  }

  /**
   * Sends texts in order, counting each in the quota. Returns whether all were sent. A send that
   * fails stops the rest (the order matters); failures are logged, never thrown, except 401.
   * Plain texts leave the chat's numbered choices as they are; only a Reply replaces them.
   */
  async #sendTexts(chatId: string, texts: string[]): Promise<boolean> {
    const { client, quota } = this.#o;
    if (quota?.status().exhaustedByZalo) {
      this.#log.warn({ parts: texts.length }, "zalo quota used up: answer not sent");
      return false;
    }
    for (const text of texts) {
      try {
        await client.sendMessage({ chat_id: chatId, text });
      } catch (e) {
        if (e instanceof ZaloAuthError) {
          this.#o.onAuthError?.(e);
          throw e;
        }
        if (e instanceof ZaloQuotaError) {
          this.#log.warn("zalo answered 429 Quota exceeded: answer not sent");
          await quota?.markExhausted();
          return false;
        }
        this.#log.warn({ err: errInfo(e) }, "could not send a Zalo message");
        return false;
      }
      await quota?.record(1);
    }
    return true;
  }
}

/** An error as a plain object safe to log (the client's errors never carry the URL or the token). */
export function errInfo(e: unknown): Record<string, unknown> {
  if (e instanceof ZaloApiError) {
    return {
      type: e.name,
      method: e.method,
      status: e.status,
      code: e.errorCode,
      description: e.description,
    };
  }
  if (e instanceof Error) return { type: e.name, message: e.message };
  return { type: typeof e, message: String(e) };
}

export { documentQuery } from "../../core/answers/understand.ts";
