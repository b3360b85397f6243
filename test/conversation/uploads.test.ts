/**
 * Uploaded plans through the conversation layer (src/conversation/uploads.ts): Telegram downloads the
 * document and the shared use case previews and applies it; Zalo's Bot API delivers no file, so a Zalo
 * admin who sends one (an image or an unsupported message is all Zalo reports) is told the replacement.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseUpdate } from "../../src/channels/zalo/client.ts";
import { CONVERSATION_TEXTS as T } from "../../src/conversation/texts.ts";
import { documentUpdate } from "../channels/telegram/secretariat-helpers.ts";
import { eventUpdate } from "../helpers/fake-zalo-api.ts";
import { callbackUpdate } from "../helpers/updates.ts";
import { cleanPlan } from "../imports/plans.ts";
import { type TwoChannels, twoChannels, ZL_ADMIN } from "./two-channels.ts";

const DOC = "56/QĐ-UBND";
let c: TwoChannels | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function upload(
  c: TwoChannels,
  bytes: Uint8Array,
  name: string,
  userId = 42,
  caption?: string,
): Promise<string[]> {
  const file = c.tg.api.addFile(bytes, { extension: name.split(".").pop() ?? "bin" });
  const mark = c.tg.mark();
  await c.tg.handle(documentUpdate({ ...file, file_name: name }, { userId }, caption));
  return c.tg.sentSince(mark);
}

describe("uploads", () => {
  it("Telegram: preview with choices; applied once by the admin who sent it; a forged or another's press changes nothing", async () => {
    c = await twoChannels();
    const preview = (await upload(c, await cleanPlan(), "ke-hoach.xlsx", 42, DOC)).join("\n");
    expect(preview).toContain(T.importAsk(30).slice(0, 30));
    const markup = c.tg.api.callsTo("sendMessage").at(-1)!["reply_markup"] as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    const apply = markup.inline_keyboard.flat().find((b) => b.text === T.applyButton)!.callback_data;
    expect(apply).toMatch(/^imp:a:/);
    // Someone else, a forged id: nothing written.
    await c.tg.handle(callbackUpdate(apply, { userId: 777 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.adminsOnly);
    await c.tg.handle(callbackUpdate("imp:a:../../x", { userId: 42 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.previewGone);
    expect(c.tg.app.store.audit.list()).toEqual([]);
    const applied = await c.tgPress(T.applyButton);
    expect(applied.join("\n")).toMatch(/^Đã áp dụng \(thay đổi #1\)/);
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
    await c.tg.handle(callbackUpdate(apply, { userId: 42 }));
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.previewGone);
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
  });

  it("Telegram: a non-admin's file is refused and not downloaded; a wrong type is said so", async () => {
    c = await twoChannels();
    expect(await upload(c, await cleanPlan(), "ke-hoach.xlsx", 777)).toEqual([T.notAdminUpload]);
    expect(c.tg.api.callsTo("getFile")).toEqual([]);
    expect(await upload(c, new Uint8Array([1, 2, 3]), "anh.png")).toEqual([T.wrongType("anh.png")]);
  });

  it("Zalo: a file-like message from an admin gets the replacement (Telegram or the CLI import); others the text-only note", async () => {
    c = await twoChannels();
    await c.conversation.handle(parseUpdate(eventUpdate(ZL_ADMIN, "message.unsupported.received"))!);
    await c.conversation.handle(parseUpdate(eventUpdate("z-other", "message.image.received"))!);
    await c.conversation.idle();
    expect(c.zalo.sent(ZL_ADMIN).join("\n")).toContain(T.uploadNotOnThisChannel);
    expect(c.zalo.sent("z-other").join("\n")).not.toContain(T.uploadNotOnThisChannel);
    expect(c.tg.app.store.audit.list()).toEqual([]);
  });
});
