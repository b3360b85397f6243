/**
 * What the Zalo channel remembers per chat, since Zalo has no buttons:
 * - ChoiceMemory: the numbered choices of the last message a chat received (and its pages), so
 *   that typing "1" or "tiếp" answers it; in memory, each entry with its own expiry;
 * - RecentIds: the message ids already handled, so a message Zalo delivers twice (webhook retry,
 *   a poll repeated after a network error) is answered once. Bounded; optionally persisted in the
 *   store's settings ("zalo.recentMessageIds") so a restart does not answer a redelivery again.
 */
import type { Query, Reply } from "../../core/answers/reply.ts";
import type { JsonValue } from "../../store/state.ts";

/** A numbered choice: a question to answer again, or a reminder action's data (see core/reminders/message.ts). */
export type Choice =
  | { label: string; kind: "query"; query: Query }
  | { label: string; kind: "data"; data: string };

export interface ChoiceEntry {
  choices: Choice[];
  paging?: Reply["paging"];
  /** Epoch ms after which the entry is forgotten. */
  expiresAt: number;
}

export class ChoiceMemory {
  readonly #entries = new Map<string, ChoiceEntry>();

  constructor(
    private readonly now: () => Date,
    /** Chats remembered at most (the least recently set go first). */
    private readonly maxChats = 2000,
  ) {}

  /** Replaces what the chat can answer by number; nothing to answer clears it. */
  set(chatId: string, choices: Choice[], paging: Reply["paging"] | undefined, ttlMs: number): void {
    this.#entries.delete(chatId);
    if (!choices.length && !paging) return;
    this.#entries.set(chatId, {
      choices,
      ...(paging ? { paging } : {}),
      expiresAt: this.now().getTime() + ttlMs,
    });
    while (this.#entries.size > this.maxChats) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  get(chatId: string): ChoiceEntry | undefined {
    const e = this.#entries.get(chatId);
    if (!e) return undefined;
    if (this.now().getTime() >= e.expiresAt) {
      this.#entries.delete(chatId);
      return undefined;
    }
    return e;
  }

  clear(chatId: string): void {
    this.#entries.delete(chatId);
  }
}

export const RECENT_IDS_SETTING = "zalo.recentMessageIds";

export interface SettingsStore {
  getSetting(key: string): JsonValue | undefined;
  setSetting(key: string, value: JsonValue | undefined): Promise<void>;
}

export class RecentIds {
  readonly #ids = new Set<string>();
  #saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly max = 1000,
    /** Where to keep the last `persisted` ids across restarts (none: memory only). */
    private readonly settings?: SettingsStore,
    private readonly persisted = 200,
    private readonly onError?: (e: unknown) => void,
  ) {
    const saved = settings?.getSetting(RECENT_IDS_SETTING);
    if (Array.isArray(saved)) for (const id of saved) if (typeof id === "string") this.#ids.add(id);
  }

  /** True the first time an id is seen; false for a repeat. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    while (this.#ids.size > this.max) {
      const oldest = this.#ids.values().next().value;
      if (oldest === undefined) break;
      this.#ids.delete(oldest);
    }
    if (this.settings) {
      const settings = this.settings;
      this.#saving = this.#saving
        .then(() => settings.setSetting(RECENT_IDS_SETTING, [...this.#ids].slice(-this.persisted)))
        .catch((e: unknown) => this.onError?.(e));
    }
    return true;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Settles when the ids seen so far are written. */
  flush(): Promise<void> {
    return this.#saving;
  }
}
