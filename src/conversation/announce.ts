/**
 * /thongbao <nội dung> (admins only, by the command table): a preview of the announcement and who gets
 * it, then "Gửi thông báo" ("ann:s:<id>") or "Hủy" ("ann:c:<id>"). Recipients: the linked users with
 * role "head" (thủ trưởng), on every channel the assistant runs (Telegram, Zalo); heads on a channel
 * that is not running, and heads marked unreachable, are counted as not sent. A head who blocked the
 * bot is marked unreachable. The preview waits PENDING_TTL_MINUTES and is sent once.
 */
import { z } from "zod";
import type { Person } from "../app/assistant.ts";
import type { OutgoingMessage } from "../core/reminders/message.ts";
import type { Target } from "../notifier/broadcast.ts";
import { SendLimiter, unreachableReason } from "../notifier/notifier.ts";
import type { User } from "../store/state.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type ChoiceOutcome, type Output, text } from "./outputs.ts";
import { PENDING_TTL_MINUTES, sessionOf } from "./session.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export const MAX_ANNOUNCEMENT = 3000;
export const ANNOUNCE_PREFIX = "ann:";

const announceDataSchema = z
  .string()
  .max(64)
  .regex(/^ann:[sc]:[A-Za-z0-9_-]{1,16}$/);

function recipients(d: ConversationDeps): { reachable: User[]; elsewhere: User[] } {
  const running = new Set(d.assistant.channels());
  const heads = d.app.store.state.users().filter((u) => u.role === "head");
  const ok = (u: User) => running.has(u.channel) && u.reachable;
  return { reachable: heads.filter(ok), elsewhere: heads.filter((u) => !ok(u)) };
}

function message(body: string): OutgoingMessage {
  return { kind: "info", title: T.announceTitle, lines: body.split("\n"), actions: [] };
}

const count = (users: User[], channel: User["channel"]) => users.filter((u) => u.channel === channel).length;

export async function announceCommand(d: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  if (!arg) return [text(T.usageThongbao)];
  if (arg.length > MAX_ANNOUNCEMENT) return [text(T.announceTooLong(MAX_ANNOUNCEMENT))];
  const r = recipients(d);
  if (!r.reachable.length && !r.elsewhere.length) return [text(T.noHeads)];
  const id = sessionOf(d.assistant).announcements.add({ text: arg, by: `${p.channel}:${p.chatId}` });
  const lines = [
    "Xem trước thông báo",
    `Người nhận: ${r.reachable.length + r.elsewhere.length} thủ trưởng đơn vị đã liên kết; gửi được: ${r.reachable.length} (Telegram ${count(r.reachable, "telegram")}, Zalo ${count(r.reachable, "zalo")}).`,
    ...(r.elsewhere.length
      ? [
          `${r.elsewhere.length} người hiện không nhắn được (đã chặn trợ lý hoặc kênh của họ không chạy) sẽ chưa nhận được.`,
        ]
      : []),
    "",
    T.announceTitle,
    arg,
    "",
    `Chưa gửi gì. Chọn “${T.announceButton}” để gửi, hoặc “${T.cancelButton}”. Giữ trong ${PENDING_TTL_MINUTES} phút.`,
  ];
  return [
    text(lines.join("\n"), [
      [
        { label: T.announceButton, data: `${ANNOUNCE_PREFIX}s:${id}` },
        { label: T.cancelButton, data: `${ANNOUNCE_PREFIX}c:${id}` },
      ],
    ]),
  ];
}

/** "Gửi thông báo" / "Hủy": admins only; only the admin who prepared it; once. */
export async function announceChoice(d: ConversationDeps, p: Person, data: string): Promise<ChoiceOutcome> {
  if (!p.isAdmin) return { kind: "stale", text: T.adminsOnly };
  if (!announceDataSchema.safeParse(data).success) return { kind: "stale", text: T.announceGone };
  const [, action, id] = data.split(":");
  const pending = sessionOf(d.assistant).announcements;
  const item = pending.get(id!);
  if (!item || item.by !== `${p.channel}:${p.chatId}`) return { kind: "stale", text: T.announceGone };
  pending.take(id!);
  if (action === "c") return { kind: "outputs", outputs: [text(T.announceCancelled)] };
  const r = recipients(d);
  const targets: Target[] = r.reachable.map((u) => ({
    channel: u.channel,
    chatId: u.chatId,
    userId: u.id,
    ...(u.name ? { name: u.name } : {}),
  }));
  const result = await d.assistant.send(targets, message(item.text), {
    limiter: new SendLimiter({ ratePerSecond: 20, chatIntervalMs: 1000 }),
    onBlocked: async (t, description) => {
      if (t.userId) await d.app.store.state.setReachable(t.userId, false, unreachableReason(description));
    },
  });
  d.log?.info({ channel: p.channel, ...result, elsewhere: r.elsewhere.length }, "announcement sent");
  const lines = [`Đã gửi thông báo: ${result.sent} người nhận được.`];
  if (result.failed) lines.push(`Không gửi được: ${result.failed} (đã chặn trợ lý hoặc lỗi mạng).`);
  if (r.elsewhere.length) lines.push(`Chưa gửi (hiện không nhắn được): ${r.elsewhere.length}.`);
  return { kind: "outputs", outputs: [text(lines.join("\n"))] };
}
