/**
 * The Zalo `Sender` of the reminders' notifier (src/notifier/notifier.ts): a channel-neutral
 * `OutgoingMessage` (core/reminders/message.ts) → plain text on Zalo. No retry here: the notifier decides.
 *
 * - The message becomes plain text with its actions as numbered replies ("Trả lời bằng số:
 *   1. Đã hoàn thành…"); those choices are remembered for the chat (7 days), so typing "1" reaches
 *   the conversation layer's choices (src/conversation/reminders.ts) with the action's data ("r:d:<task>:<date>").
 * - Every part sent is counted in the monthly quota. A send that would go past the quota is refused
 *   before any call, and so is everything after Zalo's own 429 "Quota exceeded": reminders must then
 *   go by Telegram. Check `available()` (or `quotaStatus().atLimit`) before choosing Zalo; a refused
 *   send answers `{ok:false, kind:"fatal"}` with a description starting "Hết hạn mức tin nhắn Zalo",
 *   so the notifier does not retry it on Zalo (`isQuotaRefusal` tells it apart).
 * - Zalo's failures → the notifier's kinds: 5xx / network → "transient"; a 429 that is not the quota →
 *   "rate-limited"; 403 and 404 → "blocked" (?) (Zalo's codes for a blocked bot or an unknown chat are
 *   not documented); 401 → "fatal" and the channel stops; other refusals → "fatal".
 */
import type { Logger } from "pino";
import { type OutgoingMessage, renderPlainMessage } from "../../core/reminders/message.ts";
import type { Sender, SendResult } from "../../notifier/notifier.ts";
import {
  ZaloApiError,
  ZaloAuthError,
  type ZaloClient,
  ZaloQuotaError,
  ZaloTransientError,
} from "./client.ts";
import { errInfo } from "./conversation.ts";
import type { ChoiceMemory } from "./memory.ts";
import { splitText } from "./plain-text.ts";
import type { QuotaStatus, ZaloQuota } from "./quota.ts";

export const QUOTA_REFUSAL = "Hết hạn mức tin nhắn Zalo";

/** Whether a send was refused because the month's Zalo quota is used up (send it by Telegram). */
export function isQuotaRefusal(r: SendResult): boolean {
  return !r.ok && r.description.startsWith(QUOTA_REFUSAL);
}

export interface ZaloSenderOptions {
  client: ZaloClient;
  quota: ZaloQuota;
  /** Where typed numbers are answered (the conversation's memory); none: no numbered choices kept. */
  choices?: ChoiceMemory;
  log: Logger;
  /** True once the channel is stopped for a bad token. */
  isDisabled?: () => boolean;
  /** Called on a 401 (the runner stops the channel). */
  onAuthError?: (e: ZaloAuthError) => void;
  /** How long a reminder's numbered answers stay valid (default 7 days). */
  choiceTtlMs?: number;
}

export class ZaloSender implements Sender {
  readonly channel = "zalo" as const;
  readonly #o: ZaloSenderOptions;

  constructor(opts: ZaloSenderOptions) {
    this.#o = opts;
  }

  /** The month's count and the flags for the secretariat's warning (80 %, limit). */
  quotaStatus(): QuotaStatus {
    return this.#o.quota.status();
  }

  /** False when the channel is stopped or this month's quota is used up: send by Telegram. */
  available(): boolean {
    return !this.#o.isDisabled?.() && this.#o.quota.canSend(1);
  }

  /** A structured message (a reminder with its answers as numbered replies). */
  async send(chatId: string, message: OutgoingMessage): Promise<SendResult> {
    const actions = message.actions.flat();
    const res = await this.sendText(chatId, renderPlainMessage(message, { numberedActions: true }));
    if (res.ok && actions.length && this.#o.choices) {
      this.#o.choices.set(
        chatId,
        actions.map((a) => ({ label: a.label, kind: "data", data: a.data })),
        undefined,
        this.#o.choiceTtlMs ?? 7 * 86_400_000,
      );
    }
    return res;
  }

  /** Plain text, split at 2,000 characters; all parts must fit in the quota or none is sent. */
  async sendText(chatId: string, text: string): Promise<SendResult> {
    const { client, quota, log } = this.#o;
    if (this.#o.isDisabled?.())
      return { ok: false, kind: "fatal", description: "Kênh Zalo đã dừng: Zalo từ chối mã bot (401)." };
    const parts = splitText(text);
    if (!parts.length) return { ok: false, kind: "fatal", description: "Tin nhắn trống." };
    if (!quota.canSend(parts.length)) {
      const s = quota.status();
      log.warn({ month: s.month, sent: s.sent, quota: s.quota }, "zalo quota reached: send refused");
      return { ok: false, kind: "fatal", description: quotaDescription(s) };
    }
    let messageId: string | undefined;
    for (const [i, part] of parts.entries()) {
      try {
        const r = await client.sendMessage({ chat_id: chatId, text: part });
        messageId ??= r?.message_id;
      } catch (e) {
        log.warn({ err: errInfo(e), part: i + 1, parts: parts.length }, "zalo send failed");
        return this.#failure(e);
      }
      await quota.record(1);
    }
    return { ok: true, ...(messageId ? { messageId } : {}) };
  }

  async #failure(e: unknown): Promise<SendResult> {
    if (e instanceof ZaloAuthError) {
      this.#o.onAuthError?.(e);
      return { ok: false, kind: "fatal", description: "Zalo từ chối mã bot (401): kênh Zalo đã dừng." };
    }
    if (e instanceof ZaloQuotaError) {
      const s = await this.#o.quota.markExhausted();
      return { ok: false, kind: "fatal", description: quotaDescription(s) };
    }
    if (e instanceof ZaloTransientError) {
      return e.errorCode === 429
        ? { ok: false, kind: "rate-limited", description: e.message, retryAfter: 5 }
        : { ok: false, kind: "transient", description: e.message };
    }
    if (e instanceof ZaloApiError && (e.errorCode === 403 || e.errorCode === 404)) {
      return {
        ok: false,
        kind: "blocked",
        description: `${e.message}${e.description ? `: ${e.description}` : ""}`,
      };
    }
    if (e instanceof ZaloApiError) return { ok: false, kind: "fatal", description: e.message };
    return { ok: false, kind: "fatal", description: e instanceof Error ? e.message : String(e) };
  }
}

function quotaDescription(s: QuotaStatus): string {
  const [y, m] = s.month.split("-");
  return `${QUOTA_REFUSAL} tháng ${m}/${y} (${s.sent}/${s.quota}${s.exhaustedByZalo ? ", Zalo báo 429" : ""}): gửi qua Telegram.`;
}
