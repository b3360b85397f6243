/**
 * The Telegram sender through which the Assistant reaches chats other than the current one (admins
 * asked to confirm an admin code, requesters, the secretariat, an announcement's recipients, the asker
 * of an unanswered question): HTML, with the message's actions as an inline keyboard.
 */
import type { Api } from "grammy";
import type { Sender } from "../../notifier/notifier.ts";
import { classifyTelegramError, renderTelegramMessage } from "./sender.ts";

export function apiSender(api: Api): Sender {
  return {
    channel: "telegram",
    async send(chatId, message) {
      const { text, keyboard } = renderTelegramMessage(message);
      try {
        const sent = await api.sendMessage(chatId, text, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
        return { ok: true, messageId: String(sent.message_id) };
      } catch (e) {
        return classifyTelegramError(e);
      }
    },
  };
}
