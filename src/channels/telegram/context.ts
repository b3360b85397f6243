/** What the features share: the app, the Assistant, a logger, and helpers to answer in a chat. */
import type { Context } from "grammy";
import { GrammyError, HttpError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "pino";
import type { App } from "../../app/app.ts";
import type { Assistant, Person } from "../../app/assistant.ts";
import type { Reply } from "../../core/answers/reply.ts";
import { type Block, type Rendered, renderReply, splitBlocks } from "./html.ts";

export interface BotDeps {
  app: App;
  assistant: Assistant;
  log: Logger;
}

/** Who wrote this update (private chats: the user id is the chat id). */
export function personOf(ctx: Context, assistant: Assistant): Person | undefined {
  const from = ctx.from;
  if (!from) return undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return assistant.identify("telegram", from.id, name || undefined);
}

const SEND_OPTIONS = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/** Sends the messages in order; the keyboard goes on the last one. */
export async function sendRendered(ctx: Context, r: Rendered): Promise<void> {
  const last = r.messages.length - 1;
  for (let i = 0; i <= last; i++) {
    const keyboard = i === last ? r.keyboard : undefined;
    await ctx.reply(r.messages[i]!, { ...SEND_OPTIONS, ...(keyboard ? { reply_markup: keyboard } : {}) });
  }
}

export function sendReply(ctx: Context, reply: Reply): Promise<void> {
  return sendRendered(ctx, renderReply(reply));
}

export function sendBlocks(ctx: Context, blocks: Block[], keyboard?: InlineKeyboardMarkup): Promise<void> {
  return sendRendered(ctx, { messages: splitBlocks(blocks), ...(keyboard ? { keyboard } : {}) });
}

/** Replaces a message (paging); false when it cannot be edited and a new message is needed. */
export async function editWith(ctx: Context, r: Rendered): Promise<boolean> {
  if (r.messages.length !== 1 || !ctx.callbackQuery?.message) return false;
  try {
    await ctx.editMessageText(r.messages[0]!, {
      ...SEND_OPTIONS,
      ...(r.keyboard ? { reply_markup: r.keyboard } : {}),
    });
    return true;
  } catch (e) {
    if (e instanceof GrammyError && /message is not modified/i.test(e.description)) return true;
    if (e instanceof GrammyError && e.error_code === 400) return false;
    throw e;
  }
}

/** "typing…" in the chat header while slow work runs; a failure here never matters. */
export async function typing(ctx: Context): Promise<void> {
  if (!ctx.chat) return;
  try {
    await ctx.replyWithChatAction("typing");
  } catch {
    // ignored: only a hint
  }
}

/**
 * An error as a plain object safe to log: no token or secret anywhere (the token is part of
 * every Bot API URL, and network errors quote the URL).
 */
export function safeError(e: unknown, secrets: (string | undefined)[]): Record<string, unknown> {
  const hide = secrets.filter((s): s is string => !!s && s.length >= 6);
  const scrub = (s: string) => hide.reduce((acc, sec) => acc.split(sec).join("[ẩn]"), s);
  if (e instanceof GrammyError) {
    return { type: "GrammyError", method: e.method, code: e.error_code, description: scrub(e.description) };
  }
  if (e instanceof HttpError) {
    const cause = e.error instanceof Error ? scrub(e.error.message) : undefined;
    return { type: "HttpError", message: scrub(e.message), ...(cause ? { cause } : {}) };
  }
  if (e instanceof Error) return { type: e.name, message: scrub(e.message), stack: scrub(e.stack ?? "") };
  return { type: typeof e, message: scrub(String(e)) };
}

/** The kind of an update, for logs ("message", "callback_query"…). */
export function updateKind(ctx: Context): string {
  return Object.keys(ctx.update).find((k) => k !== "update_id") ?? "unknown";
}
