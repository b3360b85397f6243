/**
 * One reminder cycle, what the scheduler runs on working days at REMINDER_TIME (and again through the
 * day, and at start-up to catch up): send the due reminders, report overdue tasks nobody answered
 * (escalation), then the secretariat's daily digest and, on the first cycle of a week, the leaders'
 * weekly digest. Every part is idempotent (send log, escalation and digest records), so running the
 * cycle again the same day only sends what has not gone out yet.
 */
import type { App } from "../app/app.ts";
import { buildDailyDigest, buildEscalationMessage, buildWeeklyDigest } from "../core/reminders/digest.ts";
import { type DueEscalation, planEscalations } from "../core/reminders/escalation.ts";
import { WorkCalendar } from "../core/reminders/workdays.ts";
import { buildOverview, overviewRulesFromConfig } from "../core/reports/overview.ts";
import { atLocalTime, localDate, startOfWeek } from "../core/time.ts";
import { broadcast, leaderTargets, secretariatTargets, type Target } from "./broadcast.ts";
import {
  type RetryPolicy,
  type RunHooks,
  type RunReport,
  runReminders,
  type Senders,
  SendLimiter,
  type Sleep,
  unreachableReason,
} from "./notifier.ts";
import { limiterOptionsFromConfig, reminderOptionsFromConfig } from "./options.ts";
import { sendUnitChangeNotices } from "./unit-notices.ts";

export interface CycleOptions {
  /** Shared pacing; default from the config. */
  limiter?: SendLimiter;
  sleep?: Sleep;
  policy?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  hooks?: RunHooks;
  /** Escalation and digests too (default true). */
  followUps?: boolean;
}

export type DigestOutcome = "sent" | "already-sent" | "not-due" | "no-recipient" | "not-delivered";

export interface CycleReport {
  run: RunReport;
  escalations: DueEscalation[];
  daily: DigestOutcome;
  weekly: DigestOutcome;
}

export function limiterFor(app: App): SendLimiter {
  return new SendLimiter(limiterOptionsFromConfig(app.config));
}

function markBlocked(app: App) {
  return async (t: Target, description: string) => {
    if (t.userId) await app.store.state.setReachable(t.userId, false, unreachableReason(description));
  };
}

/** Reports overdue tasks without an answer to the secretariat (and the leaders when configured). */
export async function runEscalations(
  app: App,
  senders: Senders,
  opts: CycleOptions = {},
): Promise<DueEscalation[]> {
  const now = app.now();
  const today = localDate(now);
  const log = app.store.reminders;
  const due = planEscalations({
    today,
    knowledge: app.knowledge(),
    entries: log.list({ state: "sent" }),
    responses: log.responses(),
    escalations: log.escalations(),
    unitOfUser: new Map(app.store.state.users().map((u) => [u.id, u.unitId])),
    after: app.config.REMINDER_ESCALATE_AFTER,
  });
  if (due.length === 0) return [];
  const targets = secretariatTargets(app);
  if (app.config.REMINDER_ESCALATE_TO_DEPUTY) targets.push(...leaderTargets(app));
  const msg = buildEscalationMessage(due, app.knowledge());
  const res = await broadcast(senders, targets, msg, broadcastOpts(app, opts));
  if (res.sent === 0) {
    app.logger.warn({ count: due.length }, "escalation not delivered (no secretariat reachable)");
    return [];
  }
  await log.markEscalated(
    due.map(({ taskId, occurrence, unitId, since }) => ({ taskId, occurrence, unitId, since })),
    now,
  );
  return due;
}

function broadcastOpts(app: App, opts: CycleOptions) {
  return {
    limiter: opts.limiter ?? limiterFor(app),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onBlocked: markBlocked(app),
  };
}

/** The secretariat's daily digest, once a day (after the morning run). */
export async function sendDailyDigest(
  app: App,
  senders: Senders,
  run: RunReport | undefined,
  escalated: number,
  opts: CycleOptions = {},
): Promise<DigestOutcome> {
  const now = app.now();
  const today = localDate(now);
  const log = app.store.reminders;
  if (log.lastDigest("daily") === today) return "already-sent";
  const targets = secretariatTargets(app);
  if (targets.length === 0) return "no-recipient";
  const previous = log.lastDigest("daily");
  const since = previous
    ? atLocalTime(previous, app.config.REMINDER_TIME).getTime()
    : now.getTime() - 86_400_000;
  const entries = log.list();
  const sentToday = entries.filter(
    (e) => e.state === "sent" && e.sentAt && localDate(new Date(e.sentAt)) === today,
  );
  const failedNow = entries.filter((e) => e.state === "failed" && localDate(new Date(e.updatedAt)) === today);
  const responses = log.responses();
  const users = app.store.state.users();
  const msg = buildDailyDigest({
    today,
    knowledge: app.knowledge(),
    sent: sentToday.length,
    late: run?.today === today ? run.late : 0,
    failed: failedNow.length,
    answers: responses.filter((r) => Date.parse(r.at) > since),
    pendingExtensions: responses.filter((r) => r.kind === "extension" && !r.decision).length,
    escalated,
    unreachable: users
      .filter((u) => !u.reachable)
      .map((u) => ({ name: u.name, unitId: u.unitId, reason: u.unreachableReason })),
    noRecipientUnits: [
      ...new Set((run?.noRecipient ?? []).filter((s) => s.audience === "lead").map((s) => s.unitId)),
    ],
  });
  const res = await broadcast(senders, targets, msg, broadcastOpts(app, opts));
  if (res.sent === 0) return "not-delivered";
  await log.markDigest("daily", today);
  return "sent";
}

/** The leaders' weekly digest, on the first cycle of the week. */
export async function sendWeeklyDigest(
  app: App,
  senders: Senders,
  opts: CycleOptions = {},
): Promise<DigestOutcome> {
  const today = localDate(app.now());
  const week = startOfWeek(today);
  const log = app.store.reminders;
  if (log.lastDigest("weekly") === week) return "already-sent";
  const targets = leaderTargets(app);
  if (targets.length === 0) return "no-recipient";
  const rules = overviewRulesFromConfig(app.config);
  const msg = buildWeeklyDigest({ today, knowledge: app.knowledge(), rules });
  try {
    // The chart of /tongquan; vega loads on first use only.
    const { renderOverviewChart } = await import("../report-files/chart.ts");
    const { png } = await renderOverviewChart(buildOverview(app.knowledge(), today, { rules }));
    msg.image = { png, filename: `tien-do-tuan-${today}.png` };
  } catch (e) {
    app.logger.warn({ err: e }, "weekly digest chart not rendered");
  }
  const res = await broadcast(senders, targets, msg, broadcastOpts(app, opts));
  if (res.sent === 0) return "not-delivered";
  await log.markDigest("weekly", week);
  return "sent";
}

/** Reminders, then escalation and digests (only on working days after REMINDER_TIME). */
export async function runReminderCycle(
  app: App,
  senders: Senders,
  opts: CycleOptions = {},
): Promise<CycleReport> {
  const limiter = opts.limiter ?? limiterFor(app);
  const run = await runReminders({
    store: app.store,
    knowledge: app.knowledge(),
    senders,
    options: reminderOptionsFromConfig(app.config),
    now: () => app.now(),
    limiter,
    concurrency: app.config.REMINDER_CONCURRENCY,
    logger: app.logger,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
  });
  const report: CycleReport = { run, escalations: [], daily: "not-due", weekly: "not-due" };
  if (!run.active || run.aborted || opts.followUps === false || opts.signal?.aborted) return report;
  const withLimiter = { ...opts, limiter };
  try {
    report.escalations = await runEscalations(app, senders, withLimiter);
    report.daily = await sendDailyDigest(app, senders, run, report.escalations.length, withLimiter);
    report.weekly = await sendWeeklyDigest(app, senders, withLimiter);
    // Officials whose unit was merged or closed are told once (issue 16).
    await sendUnitChangeNotices(app, senders, { limiter });
  } catch (e) {
    app.logger.error({ err: e }, "reminder follow-ups failed");
  }
  return report;
}

/** Whether a cycle may send now: a working day at or after REMINDER_TIME. */
export function cycleDue(app: App, now = app.now()): boolean {
  const today = localDate(now);
  const cal = new WorkCalendar(app.knowledge().holidays);
  return cal.isWorkingDay(today) && now.getTime() >= atLocalTime(today, app.config.REMINDER_TIME).getTime();
}
