/**
 * One assistant, two channels: a Telegram bot driven through bot.handleUpdate (the fake Bot API records
 * what it sends) and a Zalo conversation whose client talks to the fake Zalo server through its API
 * root, on the same App and Assistant, so that what the conversation layer does is seen on both.
 */
import { parseUpdate, ZaloClient } from "../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../src/channels/zalo/conversation.ts";
import { type BotHarness, makeBot, visible } from "../helpers/bot-harness.ts";
import { FAKE_ZALO_TOKEN, FakeZaloApi, textUpdate as zaloText } from "../helpers/fake-zalo-api.ts";
import { callbackUpdate, type From, textUpdate } from "../helpers/updates.ts";

export const TG_ADMIN = 42;
export const ZL_ADMIN = "z-admin";

export interface TwoChannels {
  tg: BotHarness;
  zalo: FakeZaloApi;
  conversation: ZaloConversation;
  /** Telegram: what the bot sent back (visible text) for this message. */
  tgSay(text: string, from?: From): Promise<string[]>;
  /** Telegram: presses the button of the last message with this label. */
  tgPress(label: string | RegExp, from?: From): Promise<string[]>;
  /** Zalo: what the bot sent to this chat for this message. */
  zaloSay(chatId: string, text: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Telegram's configured admin is TG_ADMIN; Zalo's admin is ZL_ADMIN, a linked account with the admin role. */
export async function twoChannels(env: Record<string, string> = {}): Promise<TwoChannels> {
  const tg = await makeBot({ ADMIN_TELEGRAM_IDS: String(TG_ADMIN), ...env });
  const zalo = new FakeZaloApi({ idleMs: 30 });
  const root = await zalo.listen();
  const client = new ZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: root });
  const conversation = new ZaloConversation({
    app: tg.app,
    assistant: tg.assistant,
    client,
    persistRecentIds: false,
    flood: { limit: 1000, windowMs: 1000 },
  });
  const code = await tg.assistant.createLinkCode({
    unitId: "ubnd-tinh",
    role: "admin",
    name: "Quản Trị Zalo",
  });
  await tg.app.store.state.redeemLinkCode(
    code.code.code,
    { channel: "zalo", chatId: ZL_ADMIN },
    tg.app.now(),
    {
      adminConfirmed: true,
    },
  );
  const admin: From = { userId: TG_ADMIN, firstName: "Thư", lastName: "Ký" };
  const lastButtons = () => {
    const msgs = tg.api.calls.filter((c) => c.ok && c.method === "sendMessage");
    for (let i = msgs.length - 1; i >= 0; i--) {
      const markup = msgs[i]!.params["reply_markup"] as
        | { inline_keyboard?: { text: string; callback_data?: string }[][] }
        | undefined;
      const b = (markup?.inline_keyboard ?? []).flat();
      if (b.length) return b;
    }
    return [];
  };
  return {
    tg,
    zalo,
    conversation,
    async tgSay(text, from = admin) {
      const mark = tg.mark();
      await tg.handle(textUpdate(text, from));
      await tg.assistant.settled();
      return tg.sentSince(mark).map(visible);
    },
    async tgPress(label, from = admin) {
      const b = lastButtons().find((x) =>
        typeof label === "string" ? x.text === label : label.test(x.text),
      );
      if (!b)
        throw new Error(
          `no button ${String(label)} among ${lastButtons()
            .map((x) => x.text)
            .join(", ")}`,
        );
      const mark = tg.mark();
      await tg.handle(callbackUpdate(b.callback_data ?? "", from));
      await tg.assistant.settled();
      return tg.sentSince(mark).map(visible);
    },
    async zaloSay(chatId, text) {
      const before = zalo.sent(chatId).length;
      await conversation.handle(parseUpdate(zaloText(chatId, text))!);
      await conversation.idle();
      await tg.assistant.settled();
      return zalo.sent(chatId).slice(before);
    },
    async close() {
      await conversation.idle();
      await zalo.close();
      await tg.close();
    },
  };
}
