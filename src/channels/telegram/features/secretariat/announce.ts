/**
 * /thongbao <nội dung>: a preview of the announcement and who gets it, then "Gửi thông báo"
 * ("ann:s:<id>") or "Hủy" ("ann:c:<id>"). Recipients: the linked users with role "head" (thủ trưởng).
 * Sent through the reminders' `broadcast` (paced by a SendLimiter, retried); Telegram only: heads
 * linked on Zalo, and heads marked unreachable, are counted as not sent. A head who blocked the bot
 * is marked unreachable.
 */
import { Composer } from "grammy";
import type { OutgoingMessage } from "../../../../core/reminders/message.ts";
import { broadcast, type Target } from "../../../../reminders/broadcast.ts";
import { type Sender, SendLimiter, type Sleep, unreachableReason } from "../../../../reminders/notifier.ts";
import { classifyTelegramError, renderTelegramMessage } from "../../../../reminders/telegram-sender.ts";
import type { User } from "../../../../store/index.ts";
import { type BotDeps, sendBlocks } from "../../context.ts";
import { type Block, blank, bold, italic, plain } from "../../render.ts";
import { commandArg, PENDING_TTL_MINUTES, Pending, requireAdmin, type SecCtx } from "./common.ts";
import { SEC_TEXTS } from "./texts.ts";

export const MAX_ANNOUNCEMENT = 3000;

export interface AnnounceOptions {
  /** Pacing (tests: a fast limiter and no real sleeps). */
  limiter?: () => SendLimiter;
  sleep?: Sleep;
}

interface Recipients {
  telegram: User[];
  elsewhere: User[];
}

function recipients(users: User[]): Recipients {
  const heads = users.filter((u) => u.role === "head");
  return {
    telegram: heads.filter((u) => u.channel === "telegram" && u.reachable),
    elsewhere: heads.filter((u) => u.channel !== "telegram" || !u.reachable),
  };
}

function message(text: string): OutgoingMessage {
  return { kind: "info", title: SEC_TEXTS.announceTitle, lines: text.split("\n"), actions: [] };
}

export function announce(deps: BotDeps, opts: AnnounceOptions = {}): Composer<SecCtx> {
  const { app, log } = deps;
  const c = new Composer<SecCtx>();
  const pending = new Pending<{ text: string }>(() => app.now());

  c.command("thongbao", async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const text = commandArg(ctx);
    if (!text) {
      await ctx.reply(SEC_TEXTS.usageThongbao);
      return;
    }
    if (text.length > MAX_ANNOUNCEMENT) {
      await ctx.reply(SEC_TEXTS.announceTooLong(MAX_ANNOUNCEMENT));
      return;
    }
    const r = recipients(app.store.state.users());
    if (!r.telegram.length && !r.elsewhere.length) {
      await ctx.reply(SEC_TEXTS.noHeads);
      return;
    }
    const id = pending.add({ text });
    const blocks: Block[] = [
      bold("Xem trước thông báo"),
      plain(
        `Người nhận: ${r.telegram.length + r.elsewhere.length} thủ trưởng đơn vị đã liên kết; gửi được qua Telegram: ${r.telegram.length}.`,
      ),
      ...(r.elsewhere.length
        ? [
            italic(
              `${r.elsewhere.length} người dùng Zalo hoặc hiện không nhắn được sẽ chưa nhận được từ đây.`,
            ),
          ]
        : []),
      blank(),
      bold(SEC_TEXTS.announceTitle),
      ...text.split("\n").map(plain),
      blank(),
      italic(`Chưa gửi gì. Bấm “Gửi thông báo” để gửi, hoặc “Hủy”. Giữ trong ${PENDING_TTL_MINUTES} phút.`),
    ];
    await sendBlocks(ctx, blocks, {
      inline_keyboard: [
        [
          { text: SEC_TEXTS.announceButton, callback_data: `ann:s:${id}` },
          { text: SEC_TEXTS.cancelButton, callback_data: `ann:c:${id}` },
        ],
      ],
    });
  });

  c.callbackQuery(/^ann:/, async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const m = /^ann:([sc]):([A-Za-z0-9_-]{1,16})$/.exec(ctx.callbackQuery.data);
    const item = m ? pending.take(m[2]!) : undefined;
    if (!m || !item) {
      await ctx.answerCallbackQuery({ text: SEC_TEXTS.announceGone });
      return;
    }
    await ctx.answerCallbackQuery();
    if (m[1] === "c") {
      await ctx.reply(SEC_TEXTS.announceCancelled);
      return;
    }
    const r = recipients(app.store.state.users());
    await ctx.reply(`Đang gửi thông báo tới ${r.telegram.length} người…`);
    const sender: Sender = {
      channel: "telegram",
      async send(chatId, msg) {
        const { text, keyboard } = renderTelegramMessage(msg);
        try {
          const sent = await ctx.api.sendMessage(chatId, text, {
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
    const targets: Target[] = r.telegram.map((u) => ({
      channel: u.channel,
      chatId: u.chatId,
      userId: u.id,
      ...(u.name ? { name: u.name } : {}),
    }));
    const result = await broadcast({ telegram: sender }, targets, message(item.text), {
      limiter: opts.limiter?.() ?? new SendLimiter({ ratePerSecond: 20, chatIntervalMs: 1000 }),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      onBlocked: async (t, description) => {
        if (t.userId) await app.store.state.setReachable(t.userId, false, unreachableReason(description));
      },
    });
    log.info({ by: ctx.from.id, ...result, elsewhere: r.elsewhere.length }, "announcement sent");
    const lines = [`Đã gửi thông báo: ${result.sent} người nhận được.`];
    if (result.failed) lines.push(`Không gửi được: ${result.failed} (đã chặn trợ lý hoặc lỗi mạng).`);
    if (r.elsewhere.length) lines.push(`Chưa gửi (dùng Zalo hoặc không nhắn được): ${r.elsewhere.length}.`);
    await ctx.reply(lines.join("\n"));
  });

  return c;
}
