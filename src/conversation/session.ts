/**
 * What the conversation remembers between two messages, for every channel at once (keyed by channel +
 * chat id inside): the running dialogs and the things waiting for a choice (an announcement's preview,
 * an uploaded plan's import preview).
 * One per Assistant, so Telegram, Zalo and the terminal chat of one process share it; in memory, as
 * Telegram's dialogs always were (a restart ends what was unfinished; nothing was saved in it).
 */
import { randomBytes } from "node:crypto";
import type { Assistant } from "../app/assistant.ts";
import type { ImportPreview } from "../imports/index.ts";
import { Dialogs } from "./dialog.ts";

/** How long a preview or an announcement waits for its choice. */
export const PENDING_TTL_MINUTES = 30;
const PENDING_MAX = 50;

/** A short id for choice data: 8 characters of [A-Za-z0-9_-]. */
export function shortId(): string {
  return randomBytes(6).toString("base64url");
}

/** Values waiting for a choice, by short id, forgotten after `ttlMinutes` (the app's clock). */
export class Pending<T> {
  readonly #items = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMinutes = PENDING_TTL_MINUTES,
  ) {}

  add(value: T): string {
    this.#sweep();
    let id = shortId();
    while (this.#items.has(id)) id = shortId();
    this.#items.set(id, { value, expires: this.now().getTime() + this.ttlMinutes * 60_000 });
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
    if (item.expires <= this.now().getTime()) {
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
    const t = this.now().getTime();
    for (const [k, v] of this.#items) if (v.expires <= t) this.#items.delete(k);
  }
}

export interface Session {
  dialogs: Dialogs;
  announcements: Pending<{ text: string; by: string }>;
  /** Import previews of uploaded plans, by the sender ("channel:chat"). */
  previews: Pending<{ preview: ImportPreview; by: string }>;
}

const SESSIONS = new WeakMap<Assistant, Session>();

/** The session of an Assistant (made on first use, on the Assistant's clock). */
export function sessionOf(assistant: Assistant): Session {
  let s = SESSIONS.get(assistant);
  if (!s) {
    const now = () => assistant.now();
    s = { dialogs: new Dialogs(now), announcements: new Pending(now), previews: new Pending(now) };
    SESSIONS.set(assistant, s);
  }
  return s;
}
