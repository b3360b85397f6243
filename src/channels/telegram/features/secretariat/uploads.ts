/**
 * An admin sends a plan (a Word .docx with its appendix table) or a plan table (.xlsx or .csv),
 * optionally captioned with the document's number (
 * "56/QĐ-UBND" or "--document 56/QĐ-UBND"): the bot downloads it (getFile + the file URL of the
 * configured API root), previews the import and offers "Áp dụng" / "Hủy" (and "Áp dụng và tạo đơn vị
 * mới" when the table names units the knowledge lacks). Nothing changes before "Áp dụng".
 *
 * Previews wait in memory for PENDING_TTL_MINUTES under a short id ("imp:a:<id>", "imp:u:<id>",
 * "imp:c:<id>"); after a restart, or once used, the buttons answer that the preview is gone.
 * Files from non-admins are refused without being downloaded.
 */
import { Composer, type Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { findDocRefs } from "../../../../core/text/doc-number.ts";
import {
  applyImport,
  ImportError,
  type ImportPreview,
  MAX_FILE_BYTES,
  previewHasChanges,
  previewImport,
  renderPreview,
} from "../../../../imports/index.ts";
import { StoreError } from "../../../../store/index.ts";
import { type BotDeps, safeError, sendBlocks, typing } from "../../context.ts";
import { type Block, bold, italic, plain } from "../../render.ts";
import { actorOf, PENDING_TTL_MINUTES, Pending, requireAdmin, type SecCtx } from "./common.ts";
import { SEC_TEXTS } from "./texts.ts";

/** Read by the importer (.doc and .xls get its message on how to save them in the newer format). */
const ACCEPTED = /\.(docx|xlsx|csv|doc|xls)$/i;
const TELEGRAM_API = "https://api.telegram.org";
const DOWNLOAD_TIMEOUT_MS = 60_000;

interface PendingPreview {
  preview: ImportPreview;
  chatId: number;
}

/** The document a caption names: "56/QĐ-UBND", "--document 56/QĐ-UBND", "Quyết định 56/QĐ-UBND". */
export function documentOfCaption(caption: string | undefined): string | undefined {
  const c = (caption ?? "").trim();
  if (!c) return undefined;
  const flag = /^--?(?:document|van-?ban|vb)(?:\s+|=)(.+)$/is.exec(c);
  if (flag) return flag[1]!.trim() || undefined;
  return findDocRefs(c).length > 0 ? c : undefined;
}

class DownloadError extends Error {}

/** Downloads a file the user sent, refusing anything larger than `maxBytes`. */
async function download(ctx: Context, fileId: string, maxBytes: number): Promise<Uint8Array> {
  const file = await ctx.api.getFile(fileId);
  if (!file.file_path) throw new DownloadError("no file_path");
  if ((file.file_size ?? 0) > maxBytes)
    throw new ImportError("too-large", SEC_TEXTS.tooLarge(file.file_size!));
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
        throw new ImportError("too-large", SEC_TEXTS.tooLarge(size));
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

function previewKeyboard(p: ImportPreview, id: string): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  const creatable = p.unmatchedUnits.some((u) => u.unit);
  if (previewHasChanges(p)) {
    rows.push([
      { text: SEC_TEXTS.applyButton, callback_data: `imp:a:${id}` },
      { text: SEC_TEXTS.cancelButton, callback_data: `imp:c:${id}` },
    ]);
    if (creatable) rows.push([{ text: SEC_TEXTS.applyCreateButton, callback_data: `imp:u:${id}` }]);
  }
  return rows;
}

function resultText(r: Awaited<ReturnType<typeof applyImport>>): string {
  if (!r.entry) return SEC_TEXTS.importNothing;
  const parts = [`thêm ${r.added}`, `sửa ${r.changed}`, `bỏ ${r.removed} nhiệm vụ`];
  if (r.unitsCreated.length) {
    parts.push(`thêm ${r.unitsCreated.length} đơn vị (${r.unitsCreated.map((u) => u.name).join("; ")})`);
  }
  if (r.documentCreated) parts.push(`thêm văn bản ${r.documentCreated.type} số ${r.documentCreated.number}`);
  return `Đã áp dụng (thay đổi #${r.entry.id}): ${parts.join(", ")}. Cơ sở tri thức đã cập nhật; muốn trả lại như trước: /hoantac.`;
}

export function uploads(deps: BotDeps): Composer<SecCtx> {
  const { app, log } = deps;
  const c = new Composer<SecCtx>();
  const previews = new Pending<PendingPreview>(() => app.now());
  const secrets = [app.config.TELEGRAM_BOT_TOKEN];

  c.on("message:document", async (ctx) => {
    const p = await requireAdmin(ctx, deps, SEC_TEXTS.notAdminUpload);
    if (!p) return;
    const doc = ctx.message.document;
    const name = doc.file_name?.trim() || "tep-khong-ten";
    if (!ACCEPTED.test(name)) {
      await ctx.reply(SEC_TEXTS.wrongType(name));
      return;
    }
    if ((doc.file_size ?? 0) > MAX_FILE_BYTES) {
      await ctx.reply(SEC_TEXTS.tooLarge(doc.file_size!));
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
      log.warn({ error: safeError(e, [...secrets, ctx.api.token]) }, "could not download an uploaded file");
      await ctx.reply(SEC_TEXTS.downloadFailed);
      return;
    }
    const document = documentOfCaption(ctx.message.caption);
    let preview: ImportPreview;
    try {
      preview = await previewImport(app, { name, bytes }, document ? { document } : {});
    } catch (e) {
      if (e instanceof ImportError) {
        await ctx.reply(e.message);
        return;
      }
      throw e;
    }
    log.info(
      {
        by: ctx.from.id,
        added: preview.added.length,
        changed: preview.changed.length,
        removed: preview.removed.length,
      },
      "import previewed in chat",
    );
    const lines = renderPreview(preview).split("\n");
    const blocks: Block[] = [bold(lines[0] ?? ""), ...lines.slice(1).map(plain)];
    const changes = previewHasChanges(preview);
    if (!changes) {
      blocks.push(italic(SEC_TEXTS.importNoChanges));
      await sendBlocks(ctx, blocks);
      return;
    }
    const id = previews.add({ preview, chatId: ctx.chat.id });
    blocks.push(italic(SEC_TEXTS.importAsk(PENDING_TTL_MINUTES)));
    await sendBlocks(ctx, blocks, { inline_keyboard: previewKeyboard(preview, id) });
  });

  c.callbackQuery(/^imp:/, async (ctx) => {
    const m = /^imp:([acu]):([A-Za-z0-9_-]{1,16})$/.exec(ctx.callbackQuery.data);
    const p = await requireAdmin(ctx, deps);
    if (!p) return;
    const pending = m ? previews.get(m[2]!) : undefined;
    if (!m || !pending) {
      await ctx.answerCallbackQuery({ text: SEC_TEXTS.previewGone });
      return;
    }
    const id = m[2]!;
    if (m[1] === "c") {
      previews.take(id);
      await ctx.answerCallbackQuery();
      await ctx.reply(SEC_TEXTS.importCancelled);
      return;
    }
    await ctx.answerCallbackQuery();
    await typing(ctx);
    try {
      const r = await applyImport(app, pending.preview, actorOf(ctx.from), {
        createUnits: m[1] === "u",
      });
      previews.take(id);
      log.info({ by: ctx.from.id, entry: r.entry?.id }, "import applied in chat");
      await ctx.reply(resultText(r));
    } catch (e) {
      if (e instanceof ImportError) {
        if (e.code === "stale") {
          previews.take(id);
          await ctx.reply(SEC_TEXTS.importStale);
        } else {
          // "unmatched-units", "invalid": the preview stays, another button may still apply it.
          await ctx.reply(e.message);
        }
        return;
      }
      if (e instanceof StoreError) {
        await ctx.reply(`Chưa áp dụng: ${e.message}`);
        return;
      }
      throw e;
    }
  });

  return c;
}
