/** Shared by the secretariat tests: an admin's bot, document updates, the buttons of the last message. */
import type { Update } from "grammy/types";
import { expect } from "vitest";
import { type BotHarness, buttonsOf, makeBot, visible } from "../../helpers/bot-harness.ts";
import { callbackUpdate, type From, textUpdate } from "../../helpers/updates.ts";

export const ADMIN_ID = 42;
export const ADMIN: From = { userId: ADMIN_ID, firstName: "Thư", lastName: "Ký" };
export const OTHER: From = { userId: 777, firstName: "Minh" };

let nextUpdateId = 900_000;
let nextMessageId = 90_000;

/** A document message (a file the user sends), with an optional caption. */
export function documentUpdate(
  doc: {
    file_id: string;
    file_unique_id?: string;
    file_size?: number;
    file_name?: string;
    mime_type?: string;
  },
  f: From = {},
  caption?: string,
): Update {
  const userId = f.userId ?? 555_000_111;
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: 1_700_000_000,
      chat: { id: userId, type: "private", first_name: f.firstName ?? "Lan" },
      from: { id: userId, is_bot: false, first_name: f.firstName ?? "Lan", language_code: "vi" },
      document: { file_unique_id: `u-${doc.file_id}`, ...doc },
      ...(caption ? { caption } : {}),
    },
  } as Update;
}

export interface AdminBot extends BotHarness {
  /** Text from the admin. */
  say(text: string): Promise<void>;
  /** Presses a button of the most recent message that has one with this label (or data prefix). */
  press(label: string | RegExp, from?: From): Promise<void>;
  /** Visible texts sent since the mark. */
  seen(mark: number): string[];
  /** Sends a file as `from` (default the admin). */
  upload(bytes: Uint8Array, name: string, caption?: string, from?: From, size?: number): Promise<void>;
}

export async function makeAdminBot(env: Record<string, string> = {}, now?: string): Promise<AdminBot> {
  const h = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN_ID), ...env }, now ? { now } : {});
  const lastButtons = () => {
    const msgs = h.api.calls.filter(
      (c) => c.ok && (c.method === "sendMessage" || c.method === "editMessageText"),
    );
    for (let i = msgs.length - 1; i >= 0; i--) {
      const b = buttonsOf(msgs[i]!.params);
      if (b.length) return b;
    }
    return [];
  };
  return Object.assign(h, {
    say: (text: string) => h.handle(textUpdate(text, ADMIN)),
    async press(label: string | RegExp, from: From = ADMIN) {
      const buttons = lastButtons();
      const b = buttons.find((x) => (typeof label === "string" ? x.text === label : label.test(x.text)));
      expect(b, `no button ${String(label)} among ${buttons.map((x) => x.text).join(", ")}`).toBeDefined();
      await h.handle(callbackUpdate(b!.data, from));
    },
    seen: (mark: number) => h.sentSince(mark).map(visible),
    async upload(bytes: Uint8Array, name: string, caption?: string, from: From = ADMIN, size?: number) {
      const ext = /\.([a-z]+)$/i.exec(name)?.[1] ?? "bin";
      const file = h.api.addFile(bytes, {
        extension: ext,
        ...(size !== undefined ? { fileSize: size } : {}),
      });
      await h.handle(documentUpdate({ ...file, file_name: name }, from, caption));
    },
  });
}

/** The methods called since the mark. */
export function methodsSince(h: BotHarness, mark: number): string[] {
  return h.api.calls.slice(mark).map((c) => c.method);
}
