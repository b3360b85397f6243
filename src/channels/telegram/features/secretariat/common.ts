/**
 * What the secretariat's features share: the context type with conversations, the admin check, the
 * audit actor of a Telegram user, and a small in-memory store for things waiting on a button
 * (previews, announcements, undo confirmations), each under a short random id that expires.
 */
import { randomBytes } from "node:crypto";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Person } from "../../../../app/assistant.ts";
import type { Actor } from "../../../../store/index.ts";
import { type BotDeps, personOf } from "../../context.ts";
import { TEXTS } from "../../texts.ts";

/** The context outside conversations (the plugin adds `ctx.conversation`). */
export type SecCtx = ConversationFlavor<Context>;

/** How long a preview, an announcement or an open question waits for its button. */
export const PENDING_TTL_MINUTES = 30;
const PENDING_MAX = 50;

export { SECRETARIAT_SOURCE_ID, secretariatSource } from "../../../../app/knowledge-commit.ts";

/** The audit actor for a Telegram user: `telegram:<id>` and the profile name. */
export function actorOf(from: { id: number; first_name: string; last_name?: string } | undefined): Actor {
  if (!from) return { kind: "telegram" };
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  return { kind: "telegram", id: `telegram:${from.id}`, ...(name ? { name } : {}) };
}

/**
 * The person if they are an admin; otherwise answers (a button press or a message) that the action is
 * for admins, and returns undefined.
 */
export async function requireAdmin(
  ctx: Context,
  deps: BotDeps,
  refusal: string = TEXTS.adminOnly,
): Promise<Person | undefined> {
  const p = personOf(ctx, deps.assistant);
  if (p?.isAdmin) return p;
  deps.log.info({ userId: ctx.from?.id }, "secretariat action refused (not an admin)");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: refusal });
  else await ctx.reply(refusal);
  return undefined;
}

/** The argument of a command ("/doihan abc 30/9" → "abc 30/9"). */
export function commandArg(ctx: Context): string {
  return (typeof ctx.match === "string" ? ctx.match : "").trim();
}

/** A short id for callback data: 8 characters of [A-Za-z0-9_-]. */
export function shortId(): string {
  return randomBytes(6).toString("base64url");
}

/** Values waiting for a button, by short id, forgotten after `ttlMinutes` (the app's clock). */
export class Pending<T> {
  readonly #items = new Map<string, { value: T; expires: number }>();
  readonly #now: () => Date;
  readonly #ttlMs: number;

  constructor(now: () => Date, ttlMinutes = PENDING_TTL_MINUTES) {
    this.#now = now;
    this.#ttlMs = ttlMinutes * 60_000;
  }

  add(value: T): string {
    this.#sweep();
    let id = shortId();
    while (this.#items.has(id)) id = shortId();
    this.#items.set(id, { value, expires: this.#now().getTime() + this.#ttlMs });
    while (this.#items.size > PENDING_MAX) {
      const oldest = this.#items.keys().next().value;
      if (oldest === undefined) break;
      this.#items.delete(oldest);
    }
    return id;
  }

  get(id: string): T | undefined {
    const item = this.#items.get(id);
    if (!item) return undefined;
    if (item.expires <= this.#now().getTime()) {
      this.#items.delete(id);
      return undefined;
    }
    return item.value;
  }

  /** Removes and returns the value (undefined when unknown or expired). */
  take(id: string): T | undefined {
    const v = this.get(id);
    this.#items.delete(id);
    return v;
  }

  #sweep(): void {
    const t = this.#now().getTime();
    for (const [k, v] of this.#items) if (v.expires <= t) this.#items.delete(k);
  }
}
