/** Telegram's rendering of the conversation outputs: replies as HTML with buttons, photos, documents. */
import { type Context, GrammyError, InputFile } from "grammy";
import type { Logger } from "pino";
import type { Output } from "../../conversation/outputs.ts";
import { CONVERSATION_TEXTS } from "../../conversation/texts.ts";
import { sendBlocks, sendReply } from "./context.ts";
import { plain } from "./html.ts";

/** A chat action is only a hint: a failure here never matters. */
export async function chatAction(
  ctx: Context,
  action: "typing" | "upload_photo" | "upload_document",
): Promise<void> {
  if (!ctx.chat) return;
  try {
    await ctx.replyWithChatAction(action);
  } catch {
    // ignored
  }
}

/**
 * Sends the outputs in order. A photo Telegram refuses (other than a blocked chat) is left out, and the
 * reply that follows it says the chart could not be sent: the numbers still go.
 */
export async function sendOutputs(ctx: Context, outputs: readonly Output[], log?: Logger): Promise<void> {
  let photoFailed = false;
  for (const o of outputs) {
    switch (o.kind) {
      case "reply":
        await sendReply(
          ctx,
          photoFailed ? { ...o.reply, notes: [...o.reply.notes, CONVERSATION_TEXTS.chartFailed] } : o.reply,
        );
        photoFailed = false;
        break;
      case "text":
        if (o.buttons)
          await sendBlocks(ctx, o.text.split("\n").map(plain), {
            inline_keyboard: o.buttons.map((row) =>
              row.map((b) => ({ text: b.label, callback_data: b.data })),
            ),
          });
        else await ctx.reply(o.text);
        break;
      case "photo":
        try {
          await ctx.replyWithPhoto(new InputFile(o.png, o.filename), { caption: o.caption });
        } catch (e) {
          // Blocked by the user: nothing else can go either; the error boundary records it.
          if (e instanceof GrammyError && e.error_code === 403) throw e;
          log?.warn({ err: e instanceof Error ? e.message : String(e) }, "overview chart not sent");
          photoFailed = true;
        }
        break;
      case "document":
        await ctx.replyWithDocument(new InputFile(o.bytes, o.filename), { caption: o.caption });
        break;
    }
  }
}
