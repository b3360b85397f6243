/**
 * The secretariat's Telegram-only flows, for admins only (ADMIN_TELEGRAM_IDS or a linked admin):
 * - a plan sent as a file (.docx, .xlsx, .csv): downloaded, then the conversation layer's preview and
 *   "Áp dụng" / "Hủy" (features/uploads.ts over src/conversation/uploads.ts);
 * - the buttons of /hoantac, and /xuat, /lichsu as documents (secretariat/history.ts).
 * The guided edits (/suanv, /doihan, /themnv, /themvb, /themdv, /thutruong), /cauhoi and /thongbao are
 * the conversation layer's (src/conversation/), for every channel: see features/conversation.ts.
 */
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../context.ts";
import { history } from "./secretariat/history.ts";
import { uploads } from "./uploads.ts";

export function secretariat(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.use(uploads(deps));
  c.use(history(deps));
  return c;
}
