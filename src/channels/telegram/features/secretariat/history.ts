/**
 * /xuat: every task as an .xlsx in the appendix layout (re-importable as it is).
 * /lichsu: the last 10 audit entries.
 * /hoantac: shows the change that would be undone, then "Hoàn tác" (callback "hist:u:<entry id>") or
 * "Hủy"; the undo is refused when another change came in between.
 */
import { Composer, InputFile } from "grammy";
import { describeChanges, HISTORY_LIMIT, undoTarget } from "../../../../conversation/history.ts";
import { CONVERSATION_TEXTS } from "../../../../conversation/texts.ts";
import { localDate } from "../../../../core/time.ts";
import { exportKnowledge, ImportError, undoLastChange } from "../../../../imports/index.ts";
import { StoreError } from "../../../../store/index.ts";
import type { BotDeps } from "../../context.ts";
import { sendBlocks } from "../../context.ts";
import { type Block, bold, italic, plain } from "../../render.ts";
import { actorOf, requireAdmin, type SecCtx } from "./common.ts";
import { SEC_TEXTS } from "./texts.ts";

export { HISTORY_LIMIT };

export function history(deps: BotDeps): Composer<SecCtx> {
  const { app, log } = deps;
  const c = new Composer<SecCtx>();

  const describe = (entries: Parameters<typeof describeChanges>[1]) => describeChanges(deps, entries);

  c.command("xuat", async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    await ctx.replyWithChatAction("upload_document").catch(() => {});
    try {
      const bytes = await exportKnowledge(app, "xlsx");
      const name = `co-so-tri-thuc-${localDate(app.now())}.xlsx`;
      await ctx.replyWithDocument(new InputFile(Buffer.from(bytes), name), {
        caption: SEC_TEXTS.exportCaption(app.knowledge().data.tasks.length),
      });
      log.info({ by: ctx.from?.id, bytes: bytes.byteLength }, "knowledge exported in chat");
    } catch (e) {
      if (e instanceof ImportError) {
        await ctx.reply(e.message);
        return;
      }
      throw e;
    }
  });

  c.command("lichsu", async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const entries = app.store.audit.list({ limit: HISTORY_LIMIT });
    const lines = describe(entries).split("\n");
    const blocks: Block[] = [
      bold(`Nhật ký thay đổi (${entries.length} thay đổi gần nhất)`),
      ...lines.map((l) => (/^#\d+/.test(l) ? bold(l) : plain(l))),
    ];
    if (entries.length) blocks.push(italic("Hoàn tác thay đổi gần nhất: /hoantac"));
    await sendBlocks(ctx, blocks);
  });

  c.command("hoantac", async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const target = undoTarget(deps);
    if (!target) {
      await ctx.reply(SEC_TEXTS.nothingToUndo);
      return;
    }
    const blocks: Block[] = [
      bold(`Hoàn tác thay đổi #${target.id}?`),
      ...describe([target])
        .split("\n")
        .map((l) => plain(l.trim())),
      italic(SEC_TEXTS.undoAsk),
    ];
    await sendBlocks(ctx, blocks, {
      inline_keyboard: [
        [
          { text: SEC_TEXTS.undoButton, callback_data: `hist:u:${target.id}` },
          { text: SEC_TEXTS.cancelButton, callback_data: "hist:c" },
        ],
      ],
    });
  });

  c.callbackQuery(/^hist:/, async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const data = ctx.callbackQuery.data;
    if (data === "hist:c") {
      await ctx.answerCallbackQuery();
      await ctx.reply(SEC_TEXTS.undoCancelled);
      return;
    }
    const m = /^hist:u:([1-9]\d{0,9})$/.exec(data);
    if (!m) {
      await ctx.answerCallbackQuery({ text: SEC_TEXTS.undoGone });
      return;
    }
    const target = undoTarget(deps);
    if (target?.id !== m[1]) {
      await ctx.answerCallbackQuery({ text: SEC_TEXTS.undoMoved.slice(0, 200) });
      await ctx.reply(SEC_TEXTS.undoMoved);
      return;
    }
    await ctx.answerCallbackQuery();
    try {
      const entry = await undoLastChange(app, actorOf(ctx.from));
      if (!entry) {
        await ctx.reply(SEC_TEXTS.nothingToUndo);
        return;
      }
      log.info({ by: ctx.from.id, undone: m[1], entry: entry.id }, "change undone in chat");
      await ctx.reply(CONVERSATION_TEXTS.undone(m[1]!, entry.id));
    } catch (e) {
      if (e instanceof StoreError) {
        await ctx.reply(`Chưa hoàn tác được: ${e.message}`);
        return;
      }
      throw e;
    }
  });

  return c;
}
