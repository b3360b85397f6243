/**
 * Who the secretariat and the leaders are, and sending them a message (answers, extension requests,
 * escalations, digests). These messages are not in the reminder log: the records that caused them
 * (responses, escalations, digests in reminders.json) keep them from being sent twice.
 */
import type { App } from "../app/app.ts";
import type { OutgoingMessage } from "../core/reminders/message.ts";
import type { Channel } from "../store/state.ts";
import { deliver, type Senders, SendLimiter, type Sleep } from "./notifier.ts";

export interface Target {
  channel: Channel;
  chatId: string;
  /** The linked user, when there is one. */
  userId?: string;
  name?: string;
}

function dedupe(list: Target[]): Target[] {
  const seen = new Set<string>();
  return list.filter((t) => {
    const k = `${t.channel}:${t.chatId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The secretariat: linked users with role admin, and the ADMIN_TELEGRAM_IDS chats. */
export function secretariatTargets(app: Pick<App, "store" | "config">): Target[] {
  const users = app.store.state
    .users()
    .filter((u) => u.role === "admin" && u.reachable)
    .map((u) => ({
      channel: u.channel,
      chatId: u.chatId,
      userId: u.id,
      ...(u.name ? { name: u.name } : {}),
    }));
  const configured = app.config.ADMIN_TELEGRAM_IDS.map((id) => ({
    channel: "telegram" as const,
    chatId: id,
  }));
  return dedupe([...users, ...configured]);
}

/** The leaders: linked users with role leader (the committee's standing deputy head and the like). */
export function leaderTargets(app: Pick<App, "store">): Target[] {
  return dedupe(
    app.store.state
      .users()
      .filter((u) => u.role === "leader" && u.reachable)
      .map((u) => ({
        channel: u.channel,
        chatId: u.chatId,
        userId: u.id,
        ...(u.name ? { name: u.name } : {}),
      })),
  );
}

export interface BroadcastResult {
  sent: number;
  failed: number;
  /** Targets whose channel has no sender. */
  skipped: number;
}

export interface BroadcastOptions {
  limiter?: SendLimiter;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Called for a target found unreachable (403…). */
  onBlocked?: (t: Target, description: string) => Promise<void> | void;
}

/** Sends one message to each target through its channel's sender (paced, retried). */
export async function broadcast(
  senders: Senders,
  targets: readonly Target[],
  message: OutgoingMessage,
  opts: BroadcastOptions = {},
): Promise<BroadcastResult> {
  const limiter = opts.limiter ?? new SendLimiter({ ratePerSecond: 30, chatIntervalMs: 1000 });
  const out: BroadcastResult = { sent: 0, failed: 0, skipped: 0 };
  for (const t of targets) {
    const sender = senders[t.channel];
    if (!sender) {
      out.skipped++;
      continue;
    }
    const { result } = await deliver(sender, t.chatId, message, {
      limiter,
      chatKey: t.userId ?? `${t.channel}:${t.chatId}`,
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (result.ok) out.sent++;
    else {
      out.failed++;
      if (result.kind === "blocked") await opts.onBlocked?.(t, result.description);
    }
  }
  return out;
}
