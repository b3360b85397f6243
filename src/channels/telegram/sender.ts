/**
 * The Telegram `Sender` of the notifier (src/notifier/notifier.ts): grammY's `Api` (no bot, no polling: only sendMessage), HTML rendering, the
 * actions as an inline keyboard (callback data "r:…", ≤ 64 bytes), and Telegram's errors mapped to
 * the notifier's failure kinds. No retry here: the notifier decides (no auto-retry plugin either, so
 * a 429 is seen once and paces every send, not just this one).
 */
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Config } from "../../config.ts";
import type { OutgoingMessage } from "../../core/reminders/message.ts";
import type { Sender, Senders, SendResult } from "../../notifier/notifier.ts";

/** Telegram's limit for a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The message as Telegram HTML (bold title, one line per line) and its inline keyboard. */
export function renderTelegramMessage(msg: OutgoingMessage): {
  text: string;
  keyboard?: InlineKeyboardMarkup;
} {
  const title = `<b>${escapeHtml(msg.title)}</b>`;
  const lines = msg.lines.map(escapeHtml);
  // Visible length (tags do not count) must stay under the limit: drop lines from the end if needed.
  const visible = (ls: string[]) => msg.title.length + ls.reduce((n, l) => n + 1 + l.length, 0);
  const kept = [...msg.lines];
  let cut = false;
  while (kept.length > 0 && visible(kept) > TELEGRAM_TEXT_LIMIT - 4) {
    kept.pop();
    cut = true;
  }
  const body = cut ? [...kept.map(escapeHtml), "…"] : lines;
  const text = [title, ...body].join("\n");
  if (msg.actions.length === 0) return { text };
  return {
    text,
    keyboard: {
      inline_keyboard: msg.actions.map((row) => row.map((a) => ({ text: a.label, callback_data: a.data }))),
    },
  };
}

/** Telegram's error → the notifier's failure kind. */
export function classifyTelegramError(e: unknown): Exclude<SendResult, { ok: true }> {
  if (e instanceof GrammyError) {
    const description = e.description;
    if (e.error_code === 429)
      return { ok: false, kind: "rate-limited", description, retryAfter: e.parameters.retry_after ?? 5 };
    if (e.error_code === 403) return { ok: false, kind: "blocked", description };
    if (e.error_code === 400 && /chat not found|user not found|peer_id_invalid/i.test(description))
      return { ok: false, kind: "blocked", description };
    if (e.error_code >= 500) return { ok: false, kind: "transient", description };
    return { ok: false, kind: "fatal", description: `${e.error_code} ${description}` };
  }
  if (e instanceof HttpError)
    return { ok: false, kind: "transient", description: "lỗi mạng khi gọi Telegram" };
  return { ok: false, kind: "transient", description: e instanceof Error ? e.message : String(e) };
}

export interface TelegramSenderOptions {
  token: string;
  /** TELEGRAM_API_ROOT (tests: the fake Bot API). */
  apiRoot?: string;
  fetch?: typeof fetch;
  /** Per request; default 30 s (a hung request is a transient failure, retried). */
  timeoutSeconds?: number;
}

export function createTelegramSender(opts: TelegramSenderOptions): Sender & { api: Api } {
  const api = new Api(opts.token, {
    ...(opts.apiRoot ? { apiRoot: opts.apiRoot.replace(/\/+$/, "") } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    timeoutSeconds: opts.timeoutSeconds ?? 30,
  });
  return {
    channel: "telegram",
    api,
    async send(chatId, message) {
      const { text, keyboard } = renderTelegramMessage(message);
      if (message.image) {
        // The picture is a bonus: if it fails, the text still goes (and decides the result).
        await api
          .sendPhoto(chatId, new InputFile(message.image.png, message.image.filename))
          .catch(() => undefined);
      }
      try {
        const m = await api.sendMessage(chatId, text, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        return { ok: true, messageId: String(m.message_id) };
      } catch (e) {
        return classifyTelegramError(e);
      }
    },
  };
}

/** The senders the configuration allows (Telegram when TELEGRAM_BOT_TOKEN is set). */
export function sendersFromConfig(config: Pick<Config, "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT">): Senders {
  const senders: Senders = {};
  if (config.TELEGRAM_BOT_TOKEN)
    senders.telegram = createTelegramSender({
      token: config.TELEGRAM_BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    });
  return senders;
}
