/**
 * Delivery of reminders you can trust: the send log, retries, pacing, unreachable heads.
 *
 * A run (`runReminders`): plan (core/reminders/planner.ts) → for each reminder, in an order that
 * spreads the messages of one chat: wait for the pacing limiter → write "pending" to the log (atomic,
 * fsynced) → send → write "sent" (or "failed"). Log writes are group-committed: changes that arrive
 * while a write is in progress go out together in the next one, so the log keeps up at 30 msg/s.
 *
 * Never skipped: a reminder is only ever "sent" after the channel accepted it. A "failed" one (5xx or
 * network errors after bounded retries, a 429 asking to wait too long) is planned again by the next run
 * (the scheduler re-runs through the working day). A "pending" one found by a run was left by a process
 * that died mid-send: it is sent again (at-least-once), because a reminder that silently never arrives
 * is worse than one that arrives twice.
 *
 * Never twice: a "sent" key is never planned again, and one run sends each key once. The remaining
 * window: Telegram's sendMessage is not idempotent and cannot be asked afterwards whether a message
 * went out, so if the process is killed (SIGKILL, power loss) after Telegram accepted a message and
 * before its "sent" mark reached the disk, that message is sent again at restart. The window is one
 * network round trip plus one log write, for at most `concurrency` messages per crash. A normal stop
 * (SIGTERM/SIGINT through the scheduler's stop function, i.e. the run's abort signal) closes it: no new
 * sends start and the ones in flight are finished and recorded before the process exits.
 *
 * Faults: 429 → wait `retry_after` (the whole limiter pauses: Telegram's limit is per bot) and retry;
 * 5xx and network errors → bounded retries with exponential backoff, then "failed"; 403 (blocked, user
 * deactivated) or "chat not found" (never opened the bot) → the user is marked unreachable
 * (`state.setReachable(false, reason)`), is skipped from then on, and is listed for the secretariat
 * (`remind unreachable`, the daily digest) until they write to the bot again; other 4xx → "failed".
 *
 * Pacing: a token bucket shared by all chats (REMINDER_RATE_PER_SECOND, default 30/s, burst 1) and a
 * minimum interval per chat (REMINDER_CHAT_INTERVAL_MS, default 1000 ms). Clock and sleep are injected.
 */
import type { Logger } from "pino";
import type { Knowledge } from "../core/knowledge/model.ts";
import { buildReminderMessage, type OutgoingMessage } from "../core/reminders/message.ts";
import {
  type PlannedReminder,
  planReminders,
  type ReminderOptions,
  type ReminderPlan,
  type SkippedUnit,
} from "../core/reminders/planner.ts";
import type { ReminderLog, ReminderLogOp } from "../store/reminder-log.ts";
import type { Channel, StateStore } from "../store/state.ts";

// ---------------------------------------------------------------- senders

export type SendFailureKind = "blocked" | "rate-limited" | "transient" | "fatal";

export type SendResult =
  | { ok: true; messageId?: string }
  | { ok: false; kind: SendFailureKind; description: string; retryAfter?: number };

/** A channel that can deliver a message to a chat (Telegram, Zalo, a test double). */
export interface Sender {
  readonly channel: Channel;
  send(chatId: string, message: OutgoingMessage): Promise<SendResult>;
}

export type Senders = Partial<Record<Channel, Sender>>;

// ---------------------------------------------------------------- pacing

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise; resolves early (without error) when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

export interface LimiterOptions {
  /** Messages per second overall. */
  ratePerSecond: number;
  /** Tokens the bucket holds (messages that may go out back to back); default 1. */
  burst?: number;
  /** Minimum milliseconds between two messages to the same chat. */
  chatIntervalMs: number;
  /** Milliseconds clock; default performance.now(). */
  now?: () => number;
  sleep?: Sleep;
}

/**
 * Token bucket overall + a minimum interval per chat. `acquire` resolves when a message may go out.
 * Each chat waits in its own queue, so a chat waiting for its interval never holds up the others.
 */
export class SendLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #chatInterval: number;
  readonly #now: () => number;
  readonly #sleep: Sleep;
  #tokens: number;
  #last: number;
  #pausedUntil = 0;
  readonly #lastSent = new Map<string, number>();
  readonly #chatQueues = new Map<string, Promise<unknown>>();
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: LimiterOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError("ratePerSecond must be > 0");
    this.#rate = options.ratePerSecond / 1000;
    this.#burst = Math.max(1, options.burst ?? 1);
    this.#chatInterval = Math.max(0, options.chatIntervalMs);
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? realSleep;
    this.#tokens = this.#burst;
    this.#last = this.#now();
  }

  /** Nothing goes out before `ms` from now (after a 429). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  /** Waits for the chat's turn, then for a token. False when aborted while waiting (no token taken). */
  acquire(chatKey: string, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    const prev = this.#chatQueues.get(chatKey) ?? Promise.resolve();
    const turn = prev.then(() => this.#chatTurn(chatKey, signal));
    const tail = turn.catch(() => {});
    this.#chatQueues.set(chatKey, tail);
    void tail.then(() => {
      if (this.#chatQueues.get(chatKey) === tail) this.#chatQueues.delete(chatKey);
    });
    return turn;
  }

  async #chatTurn(chatKey: string, signal?: AbortSignal): Promise<boolean> {
    const last = this.#lastSent.get(chatKey);
    if (last !== undefined) {
      const wait = last + this.#chatInterval - this.#now();
      if (wait > 0) await this.#sleep(wait, signal);
    }
    if (signal?.aborted) return false;
    const turn = this.#chain.then(() => this.#takeToken(signal));
    this.#chain = turn.catch(() => {});
    const ok = await turn;
    if (ok && this.#chatInterval > 0) {
      this.#lastSent.set(chatKey, this.#now());
      if (this.#lastSent.size > 10_000) this.#forgetOldChats();
    }
    return ok;
  }

  async #takeToken(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (signal?.aborted) return false;
      const t = this.#now();
      this.#tokens = Math.min(this.#burst, this.#tokens + (t - this.#last) * this.#rate);
      this.#last = t;
      if (this.#pausedUntil > t) {
        await this.#sleep(this.#pausedUntil - t, signal);
        continue;
      }
      if (this.#tokens >= 1 - 1e-9) {
        this.#tokens = Math.max(0, this.#tokens - 1);
        return true;
      }
      await this.#sleep((1 - this.#tokens) / this.#rate, signal);
    }
  }

  #forgetOldChats(): void {
    const t = this.#now();
    for (const [k, at] of this.#lastSent) if (at + this.#chatInterval <= t) this.#lastSent.delete(k);
  }
}

// ---------------------------------------------------------------- one message, with retries

export interface RetryPolicy {
  /** Retries after a 5xx or a network error. */
  maxTransientRetries: number;
  /** First backoff; doubled each retry, ±20 % jitter, capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retries after a 429. */
  maxRateLimitedRetries: number;
  /** A 429 asking to wait longer than this is given up for this run ("failed", retried next run). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxTransientRetries: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRateLimitedRetries: 5,
  maxRetryAfterMs: 300_000,
};

export interface DeliverOptions {
  limiter: SendLimiter;
  /** The limiter's pacing key (default `${channel}:${chatId}`). */
  chatKey?: string;
  sleep?: Sleep;
  policy?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  /** The first attempt's limiter slot was already taken by the caller. */
  acquired?: boolean;
  /** Jitter source (tests: a constant). */
  random?: () => number;
}

export interface Delivery {
  result: SendResult;
  attempts: number;
}

/** Sends one message, retrying per the policy. Never throws for a channel failure. */
export async function deliver(
  sender: Sender,
  chatId: string,
  message: OutgoingMessage,
  opts: DeliverOptions,
): Promise<Delivery> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...opts.policy };
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const chatKey = opts.chatKey ?? `${sender.channel}:${chatId}`;
  let transient = 0;
  let limited = 0;
  let attempts = 0;
  let needSlot = !opts.acquired;
  for (;;) {
    if (needSlot && !(await opts.limiter.acquire(chatKey, opts.signal))) {
      return { result: { ok: false, kind: "transient", description: "dừng giữa chừng" }, attempts };
    }
    needSlot = true;
    attempts++;
    let result: SendResult;
    try {
      result = await sender.send(chatId, message);
    } catch (e) {
      result = { ok: false, kind: "transient", description: e instanceof Error ? e.message : String(e) };
    }
    if (result.ok || result.kind === "blocked" || result.kind === "fatal") return { result, attempts };
    if (result.kind === "rate-limited") {
      const waitMs = Math.max(1, result.retryAfter ?? 1) * 1000;
      if (++limited > policy.maxRateLimitedRetries || waitMs > policy.maxRetryAfterMs)
        return { result, attempts };
      opts.limiter.pause(waitMs);
      continue;
    }
    if (++transient > policy.maxTransientRetries || opts.signal?.aborted) return { result, attempts };
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (transient - 1));
    await sleep(backoff * (0.8 + 0.4 * random()), opts.signal);
  }
}

// ---------------------------------------------------------------- the log, group-committed

/** Queues log changes; each resolves once the write that holds it is on disk. */
export class LogWriter {
  readonly #log: Pick<ReminderLog, "applyBatch">;
  readonly #now: () => Date;
  #queue: Array<{ op: ReminderLogOp; resolve: () => void; reject: (e: unknown) => void }> = [];
  #running = false;

  constructor(log: Pick<ReminderLog, "applyBatch">, now: () => Date) {
    this.#log = log;
    this.#now = now;
  }

  submit(op: ReminderLogOp): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, resolve, reject });
      if (!this.#running) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0);
        try {
          await this.#log.applyBatch(
            batch.map((b) => b.op),
            this.#now(),
          );
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

// ---------------------------------------------------------------- a run

/** Test seams: each is awaited at its point of the send sequence. */
export interface RunHooks {
  /** The "pending" mark is on disk; the message is about to be sent. */
  afterPending?(r: PlannedReminder): void | Promise<void>;
  /** The channel accepted the message; its "sent" mark is not written yet. */
  afterAccepted?(r: PlannedReminder): void | Promise<void>;
  /** The "sent" mark is on disk. */
  afterSent?(r: PlannedReminder): void | Promise<void>;
}

export interface RunOptions {
  store: { reminders: ReminderLog; state: StateStore };
  knowledge: Knowledge;
  senders: Senders;
  options: ReminderOptions;
  now: () => Date;
  limiter: SendLimiter;
  sleep?: Sleep;
  policy?: Partial<RetryPolicy>;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  /** Abort = stop gracefully: no new sends; those in flight finish and are recorded. */
  signal?: AbortSignal;
  logger?: Logger;
  hooks?: RunHooks;
  /** Log entries untouched for this many days are pruned after the run (default 120; 0 = never). */
  pruneAfterDays?: number;
}

export interface BlockedRecipient {
  userId: string;
  name?: string | undefined;
  unitId: string;
  description: string;
}

export interface RunReport {
  today: string;
  active: boolean;
  reason?: ReminderPlan["reason"];
  planned: number;
  sent: number;
  /** Of `sent`: caught up from an earlier slot. */
  late: number;
  /** Sent again after a crash left them "pending". */
  recovered: number;
  /** Sent again after a failed attempt in an earlier run. */
  retried: number;
  /** Of `sent`: delivered on the person's other channel after the first one failed. */
  viaFallback: number;
  failed: Array<{ key: string; userId: string; description: string }>;
  blocked: BlockedRecipient[];
  /** Recipients on a channel without a configured sender (not sent, nothing logged). */
  noChannel: Array<{ userId: string; channel: string }>;
  noRecipient: SkippedUnit[];
  unreachable: ReminderPlan["unreachable"];
  /** Stopped by the abort signal before the end. */
  aborted: boolean;
  startedAt: string;
  finishedAt: string;
}

/** Vietnamese reason shown to the secretariat for an unreachable person. */
export function unreachableReason(description: string): string {
  const d = description.toLowerCase();
  if (d.includes("blocked")) return "đã chặn trợ lý";
  if (d.includes("deactivated")) return "tài khoản đã bị xóa";
  if (d.includes("chat not found") || d.includes("user not found") || d.includes("peer_id_invalid"))
    return "chưa mở trò chuyện với trợ lý";
  return "không nhận được tin nhắn";
}

/** Orders reminders so that one chat's messages are spread out (round robin over chats). */
export function interleaveByChat<T extends { recipient: { id: string } }>(items: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const g = groups.get(it.recipient.id);
    if (g) g.push(it);
    else groups.set(it.recipient.id, [it]);
  }
  const lists = [...groups.values()];
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++)
    for (const l of lists) if (round < l.length) out.push(l[round]!);
  return out;
}

/** Plans and sends the reminders due now (see the module comment). */
export async function runReminders(o: RunOptions): Promise<RunReport> {
  const startedAt = o.now();
  const plan = planReminders({
    now: startedAt,
    knowledge: o.knowledge,
    users: o.store.state.users(),
    log: o.store.reminders,
    options: o.options,
  });
  const report: RunReport = {
    today: plan.today,
    active: plan.active,
    planned: plan.reminders.length,
    sent: 0,
    late: 0,
    recovered: 0,
    retried: 0,
    viaFallback: 0,
    failed: [],
    blocked: [],
    noChannel: [],
    noRecipient: plan.noRecipient,
    unreachable: plan.unreachable,
    aborted: false,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
  };
  if (plan.reason) report.reason = plan.reason;
  const todo: PlannedReminder[] = [];
  for (const r of plan.reminders) {
    if (o.senders[r.recipient.channel as Channel]) todo.push(r);
    else if (r.fallbacks?.some((f) => o.senders[f.channel as Channel])) {
      // The preferred channel is not configured: the person's other account takes the reminder.
      todo.push(r);
    } else report.noChannel.push({ userId: r.recipient.id, channel: r.recipient.channel });
  }
  const queue = interleaveByChat(todo);
  const writer = new LogWriter(o.store.reminders, o.now);
  const blocked = new Set<string>();
  let next = 0;

  const handle = async (r: PlannedReminder): Promise<void> => {
    const sender = o.senders[r.recipient.channel as Channel];
    const chatKey = r.recipient.id;
    if (!(await o.limiter.acquire(chatKey, o.signal))) {
      report.aborted = true;
      return;
    }
    if (blocked.has(r.recipient.id)) return;
    const task = o.knowledge.task(r.taskId)!;
    const message = buildReminderMessage({
      task,
      knowledge: o.knowledge,
      occurrence: r.occurrence,
      kind: r.kind,
      days: r.days,
      audience: r.audience,
      unitId: r.unitId,
    });
    await writer.submit({
      op: "pending",
      parts: { taskId: r.taskId, occurrence: r.occurrence, recipientId: r.recipient.id, offset: r.offset },
    });
    await o.hooks?.afterPending?.(r);
    const noSender: SendResult = { ok: false, kind: "fatal", description: "channel not configured" };
    const { result } = sender
      ? await deliver(sender, r.recipient.chatId, message, {
          limiter: o.limiter,
          chatKey,
          acquired: true,
          ...(o.sleep ? { sleep: o.sleep } : {}),
          ...(o.policy ? { policy: o.policy } : {}),
          ...(o.signal ? { signal: o.signal } : {}),
        })
      : { result: noSender };
    if (result.ok) {
      await o.hooks?.afterAccepted?.(r);
      await writer.submit({
        op: "sent",
        key: r.key,
        ...(result.messageId ? { messageId: result.messageId } : {}),
      });
      report.sent++;
      if (r.late) report.late++;
      if (r.previous === "pending") report.recovered++;
      if (r.previous === "failed") report.retried++;
      await o.hooks?.afterSent?.(r);
      return;
    }
    // The same person linked on the other channel (Zalo quota reached, Telegram blocked…).
    for (const fb of r.fallbacks ?? []) {
      const other = o.senders[fb.channel as Channel];
      if (!other || blocked.has(fb.id)) continue;
      const again = await deliver(other, fb.chatId, message, {
        limiter: o.limiter,
        chatKey: fb.id,
        ...(o.sleep ? { sleep: o.sleep } : {}),
        ...(o.policy ? { policy: o.policy } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
      if (again.result.ok) {
        await writer.submit({
          op: "sent",
          key: r.key,
          ...(again.result.messageId ? { messageId: again.result.messageId } : {}),
        });
        report.sent++;
        report.viaFallback++;
        o.logger?.info({ userId: r.recipient.id, via: fb.channel }, "reminder sent on the other channel");
        if (result.kind === "blocked")
          await o.store.state.setReachable(r.recipient.id, false, unreachableReason(result.description));
        return;
      }
    }
    await writer.submit({
      op: "failed",
      key: r.key,
      error: `${result.kind}: ${result.description}`.slice(0, 500),
    });
    if (result.kind === "blocked") {
      blocked.add(r.recipient.id);
      report.blocked.push({
        userId: r.recipient.id,
        name: r.recipient.name,
        unitId: r.recipient.unitId,
        description: result.description,
      });
      await o.store.state.setReachable(r.recipient.id, false, unreachableReason(result.description));
      o.logger?.warn({ userId: r.recipient.id }, "reminder recipient unreachable");
    } else {
      report.failed.push({ key: r.key, userId: r.recipient.id, description: result.description });
      o.logger?.warn({ key: r.key, kind: result.kind }, "reminder not delivered");
    }
  };

  const worker = async () => {
    while (next < queue.length && !o.signal?.aborted) await handle(queue[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
  if (o.signal?.aborted && next < queue.length) report.aborted = true;

  const pruneDays = o.pruneAfterDays ?? 120;
  if (pruneDays > 0 && !report.aborted)
    await o.store.reminders.pruneStale(new Date(o.now().getTime() - pruneDays * 86_400_000));
  report.finishedAt = o.now().toISOString();
  o.logger?.info(
    {
      today: report.today,
      planned: report.planned,
      sent: report.sent,
      failed: report.failed.length,
      blocked: report.blocked.length,
    },
    "reminder run",
  );
  return report;
}
