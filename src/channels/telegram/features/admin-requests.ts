/**
 * Admin codes confirmed by an admin (issue 14): the buttons of the "Xin quyền quản trị" message
 * ("qt:y:<số>" confirm, "qt:n:<số>" refuse, see callback-data.ts) and the commands /xacnhanqt <số>,
 * /tuchoiqt <số> (without a number: the requests waiting). Only an admin decides; anyone else, or a
 * button pressed again, changes nothing and is told so. Also the Telegram sender through which the
 * Assistant reaches chats other than the current one (admins, requesters, the secretariat).
 */
import { type Api, Composer, type Context } from "grammy";
import {
  ADMIN_REQUEST_TEXTS,
  CONFIRM_COMMAND,
  parseRequestNumber,
  REFUSE_COMMAND,
} from "../../../app/admin-requests.ts";
import type { Sender } from "../../../reminders/notifier.ts";
import { classifyTelegramError, renderTelegramMessage } from "../../../reminders/telegram-sender.ts";
import { decodeAdminDecision } from "../callback-data.ts";
import { type BotDeps, personOf, sendBlocks } from "../context.ts";
import { bold, plain } from "../render.ts";
import { TEXTS } from "../texts.ts";

/** A Sender on the bot's API (HTML, inline keyboard), for the Assistant's messages to other chats. */
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

export const STALE_DECISION_BUTTON =
  "Nút này không hợp lệ hoặc đã cũ. Gõ /xacnhanqt để xem các yêu cầu đang chờ.";

export function adminRequests(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  const { assistant, log } = deps;

  for (const [command, decision] of [
    [CONFIRM_COMMAND, "grant"],
    [REFUSE_COMMAND, "refuse"],
  ] as const) {
    c.command(command, async (ctx) => {
      const p = personOf(ctx, assistant);
      if (!p?.isAdmin) {
        log.info({ userId: ctx.from?.id }, "admin decision command refused");
        await ctx.reply(TEXTS.adminOnly);
        return;
      }
      const arg = (typeof ctx.match === "string" ? ctx.match : "").trim();
      if (!arg) {
        const lines = assistant.pendingAdminRequests();
        if (!lines.length) {
          await ctx.reply(ADMIN_REQUEST_TEXTS.none);
          return;
        }
        await sendBlocks(ctx, [
          bold(`Yêu cầu quyền quản trị đang chờ (${lines.length})`),
          ...lines.map(plain),
          plain(`Xác nhận: /${CONFIRM_COMMAND} <số> — Từ chối: /${REFUSE_COMMAND} <số>`),
        ]);
        return;
      }
      const id = parseRequestNumber(arg);
      if (!id) {
        await ctx.reply(ADMIN_REQUEST_TEXTS.usage(command));
        return;
      }
      const out = await assistant.decideAdminRequest(p, id, decision);
      await ctx.reply(out.message);
    });
  }

  c.callbackQuery(/^qt:/, async (ctx) => {
    const d = decodeAdminDecision(ctx.callbackQuery.data);
    const p = personOf(ctx, assistant);
    if (!d || !p) {
      await ctx.answerCallbackQuery({ text: STALE_DECISION_BUTTON });
      return;
    }
    await ctx.answerCallbackQuery();
    const out = await assistant.decideAdminRequest(p, d.requestId, d.decision);
    await ctx.reply(out.message);
  });

  return c;
}
