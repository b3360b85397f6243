/**
 * Sending the one-time notices of a unit change (core/reminders/unit-notices.ts) with the daily cycle:
 * each notice once, remembered in the store's settings ("unitChangeNoticesTold"); one that cannot be
 * delivered now is tried again at the next cycle.
 */
import type { App } from "../app/app.ts";
import { unitChangeNotices } from "../core/reminders/unit-notices.ts";
import { localDate } from "../core/time.ts";
import { broadcast } from "./broadcast.ts";
import type { Senders, SendLimiter } from "./notifier.ts";

export const NOTICES_TOLD_SETTING = "unitChangeNoticesTold";

export async function sendUnitChangeNotices(
  app: Pick<App, "store" | "knowledge" | "now">,
  senders: Senders,
  opts: { limiter?: SendLimiter } = {},
): Promise<number> {
  const raw = app.store.state.getSetting(NOTICES_TOLD_SETTING);
  const told = new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string") : []);
  const users = app.store.state.users();
  const due = unitChangeNotices(app.knowledge(), users, localDate(app.now()), told);
  let sent = 0;
  for (const n of due) {
    const u = users.find((x) => x.id === n.userId);
    if (!u) continue;
    const res = await broadcast(
      senders,
      [{ channel: u.channel, chatId: u.chatId, userId: u.id }],
      n.message,
      {
        ...(opts.limiter ? { limiter: opts.limiter } : {}),
      },
    );
    if (res.sent) {
      told.add(n.key);
      sent++;
    }
  }
  if (sent) await app.store.state.setSetting(NOTICES_TOLD_SETTING, [...told]);
  return sent;
}
