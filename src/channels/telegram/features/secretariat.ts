/**
 * The secretariat's chat flows on Telegram, for admins only (ADMIN_TELEGRAM_IDS or a linked admin):
 * - a plan sent as a file (.docx, .xlsx, .csv) → import preview → "Áp dụng" / "Hủy" (secretariat/uploads.ts);
 * - guided edits on grammY conversations: /suanv, /doihan, /themnv (secretariat/tasks.ts), /themvb,
 *   /themdv, /thutruong (secretariat/entries.ts); each saved change is one audited commit, checked first;
 * - /xuat, /lichsu, /hoantac (secretariat/history.ts);
 * - /cauhoi: unanswered questions, answered to the asker (secretariat/questions.ts);
 * - /thongbao: an announcement to the linked unit heads after a confirm (secretariat/announce.ts).
 *
 * Mounted right after the admin commands. Conversations are kept in memory per chat (a restart ends
 * an unfinished dialog; nothing was saved in it). An open dialog sees the chat's messages before the
 * question handlers, so its answers are not taken for questions.
 */
import { conversations } from "@grammyjs/conversations";
import { Composer, type Context, type MiddlewareFn } from "grammy";
import type { BotDeps } from "../context.ts";
import { type AnnounceOptions, announce } from "./secretariat/announce.ts";
import type { SecCtx } from "./secretariat/common.ts";
import { entryEdits } from "./secretariat/entries.ts";
import { history } from "./secretariat/history.ts";
import { questionsFeature } from "./secretariat/questions.ts";
import { taskEdits } from "./secretariat/tasks.ts";
import { uploads } from "./secretariat/uploads.ts";

export interface SecretariatOptions {
  announce?: AnnounceOptions;
}

export function secretariat(deps: BotDeps, opts: SecretariatOptions = {}): Composer<Context> {
  const c = new Composer<SecCtx>();
  c.use(conversations<SecCtx, Context>());
  const dialogs = [taskEdits(deps), entryEdits(deps), questionsFeature(deps)];
  // Every conversation before any handler: a handler may leave one dialog and enter another.
  for (const f of dialogs) c.use(...f.conversations);
  c.use(uploads(deps));
  for (const f of dialogs) c.use(f.commands);
  c.use(history(deps));
  c.use(announce(deps, opts.announce));
  const outer = new Composer<Context>();
  outer.use(c.middleware() as unknown as MiddlewareFn<Context>);
  return outer;
}
