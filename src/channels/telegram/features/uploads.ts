/**
 * A plan sent to the bot as a Telegram document: the file is downloaded (through the configured API
 * root, refusing anything over MAX_FILE_BYTES) and handed to the conversation layer's upload use case
 * (src/conversation/uploads.ts: preview, then "Áp dụng" / "Hủy" as choices). Admins only.
 */
import { Composer, type Context } from "grammy";
import { CONVERSATION_TEXTS as T } from "../../../conversation/texts.ts";
import { checkUpload, MAX_FILE_BYTES, previewUpload } from "../../../conversation/uploads.ts";
import { ImportError } from "../../../imports/index.ts";
import { type BotDeps, personOf, safeError, typing } from "../context.ts";
import { sendOutputs } from "../outputs.ts";
import { conversationDeps } from "./conversation.ts";

const TELEGRAM_API = "https://api.telegram.org";
const DOWNLOAD_TIMEOUT_MS = 60_000;

class DownloadError extends Error {}

/** Downloads a file the user sent, refusing anything larger than `maxBytes`. */
async function download(ctx: Context, fileId: string, maxBytes: number): Promise<Uint8Array> {
  const file = await ctx.api.getFile(fileId);
  if (!file.file_path) throw new DownloadError("no file_path");
  if ((file.file_size ?? 0) > maxBytes) throw new ImportError("too-large", T.tooLarge(file.file_size!));
  const root = (ctx.api.options?.apiRoot ?? TELEGRAM_API).replace(/\/+$/, "");
  const url = `${root}/file/bot${ctx.api.token}/${file.file_path}`;
  const doFetch = (ctx.api.options?.fetch ?? fetch) as typeof fetch;
  const res = await doFetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok) throw new DownloadError(`HTTP ${res.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new ImportError("too-large", T.tooLarge(size));
      }
      chunks.push(value);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function uploads(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  const secrets = [deps.app.config.TELEGRAM_BOT_TOKEN];
  c.on("message:document", async (ctx) => {
    const p = personOf(ctx, deps.assistant);
    if (!p) return;
    const doc = ctx.message.document;
    const name = doc.file_name?.trim() || "tep-khong-ten";
    const refused = checkUpload(p, name, doc.file_size);
    if (refused) {
      if (!p.isAdmin) deps.log.info({ userId: ctx.from.id }, "upload refused (not an admin)");
      await sendOutputs(ctx, refused, deps.log);
      return;
    }
    await typing(ctx);
    let bytes: Uint8Array;
    try {
      bytes = await download(ctx, doc.file_id, MAX_FILE_BYTES);
    } catch (e) {
      if (e instanceof ImportError) {
        await ctx.reply(e.message);
        return;
      }
      deps.log.warn(
        { error: safeError(e, [...secrets, ctx.api.token]) },
        "could not download an uploaded file",
      );
      await ctx.reply(T.downloadFailed);
      return;
    }
    const out = await previewUpload(conversationDeps(deps, ctx), p, {
      name,
      bytes,
      ...(ctx.message.caption ? { caption: ctx.message.caption } : {}),
    });
    await sendOutputs(ctx, out, deps.log);
  });
  return c;
}
