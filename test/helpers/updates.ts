/**
 * Builders for Telegram updates in tests (for `bot.handleUpdate`, `FakeBotApi.enqueueUpdate` and
 * `postToWebhook`). Commands get their bot_command entity, as Telegram sends them.
 */
import type { Update } from "grammy/types";

let nextUpdateId = 1;
let nextMessageId = 10_000;

export interface From {
  /** Telegram user id; in a private chat also the chat id. */
  userId?: number;
  firstName?: string;
  lastName?: string;
  chatType?: "private" | "group" | "supergroup" | "channel";
  chatId?: number;
}

export const DEFAULT_USER_ID = 555_000_111;

function user(f: From) {
  return {
    id: f.userId ?? DEFAULT_USER_ID,
    is_bot: false,
    first_name: f.firstName ?? "Lan",
    ...(f.lastName ? { last_name: f.lastName } : {}),
    language_code: "vi",
  };
}

function chat(f: From) {
  const type = f.chatType ?? "private";
  const id = f.chatId ?? (type === "private" ? (f.userId ?? DEFAULT_USER_ID) : -100_200_300);
  return type === "private"
    ? { id, type, first_name: f.firstName ?? "Lan" }
    : { id, type, title: "Nhóm CĐS" };
}

function commandEntities(text: string) {
  const m = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return m ? { entities: [{ type: "bot_command" as const, offset: 0, length: m[0].length }] } : {};
}

/** A text message (a command when it starts with "/"). */
export function textUpdate(text: string, f: From = {}): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: 1_700_000_000,
      chat: chat(f),
      from: user(f),
      text,
      ...commandEntities(text),
    },
  } as Update;
}

/** The same text as an edited message. */
export function editedUpdate(text: string, f: From = {}): Update {
  const u = textUpdate(text, f) as { update_id: number; message: object };
  return { update_id: u.update_id, edited_message: { ...u.message, edit_date: 1_700_000_100 } } as Update;
}

/** A photo (no text). */
export function photoUpdate(f: From = {}): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: 1_700_000_000,
      chat: chat(f),
      from: user(f),
      photo: [{ file_id: "p1", file_unique_id: "u1", width: 10, height: 10 }],
    },
  } as Update;
}

/** A press of an inline button with this callback data, on message `messageId` of the chat. */
export function callbackUpdate(
  data: string,
  f: From & { messageId?: number; messageText?: string } = {},
): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cb${nextUpdateId}`,
      from: user(f),
      chat_instance: "ci-1",
      data,
      message: {
        message_id: f.messageId ?? 1,
        date: 1_700_000_000,
        chat: chat(f),
        from: { id: 123456789, is_bot: true, first_name: "Trợ lý CĐS" },
        text: f.messageText ?? "…",
      },
    },
  } as Update;
}

/** The user blocked ("kicked") or unblocked ("member") the bot. */
export function myChatMemberUpdate(status: "kicked" | "member", f: From = {}): Update {
  const bot = { id: 123456789, is_bot: true, first_name: "Trợ lý CĐS", username: "tro_ly_cds_test_bot" };
  return {
    update_id: nextUpdateId++,
    my_chat_member: {
      chat: chat(f),
      from: user(f),
      date: 1_700_000_000,
      old_chat_member:
        status === "kicked"
          ? { status: "member", user: bot }
          : { status: "kicked", user: bot, until_date: 0 },
      new_chat_member:
        status === "kicked"
          ? { status: "kicked", user: bot, until_date: 0 }
          : { status: "member", user: bot },
    },
  } as Update;
}

/** Strips the update_id (FakeBotApi assigns its own). */
export function body(u: Update): Record<string, unknown> {
  const { update_id: _id, ...rest } = u;
  return rest;
}
