/**
 * The reminder schedule (croner, Asia/Ho_Chi_Minh):
 * - at REMINDER_TIME, Monday–Friday: a cycle (reminders, escalation, daily digest, and the weekly
 *   digest on the first cycle of a week). Holidays are skipped by the cycle itself (the planner sends
 *   nothing on a day that is not a working day).
 * - every RETRY_MINUTES from then until 17:30, Monday–Friday: the cycle again. It only sends what has
 *   not gone out yet: failed sends are retried, and tasks added or heads linked during the day get
 *   their reminder the same day.
 * - at start (`catchUpOnStart`): the cycle once, so a run missed while the process was down is caught
 *   up (the planner's "latest slot" rule decides what is still due; see core/reminders/planner.ts).
 * Only one cycle runs at a time. The stop function stops the jobs, lets the running cycle finish the
 * sends in flight (no new ones start), and resolves when it is done: call it before closing the store.
 *
 * main.ts wires it: `const stop = startReminderJobs(app, { telegram: createTelegramSender(…) })`.
 */
import { Cron } from "croner";
import type { App } from "../app/app.ts";
import { atLocalTime, localDate, ZONE } from "../core/time.ts";
import {
  type CycleOptions,
  type CycleReport,
  cycleDue,
  limiterFor,
  runReminderCycle,
} from "../notifier/cycle.ts";
import type { Senders } from "../notifier/notifier.ts";

export const RETRY_MINUTES = 30;
/** No retry cycle after this local time. */
export const LAST_RETRY = "17:30";

export interface ReminderJobsOptions extends Omit<CycleOptions, "signal" | "limiter"> {
  /** Run a catch-up cycle right away (default true). */
  catchUp?: boolean;
  /** Called after each cycle (logs, tests). */
  onCycle?: (report: CycleReport) => void;
}

/** The cron patterns (minute hour day month weekday, in Asia/Ho_Chi_Minh) for a REMINDER_TIME. */
export function cronPatterns(time: string): { daily: string; retry: string } {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return { daily: `${mm} ${hh} * * 1-5`, retry: `*/${RETRY_MINUTES} * * * 1-5` };
}

/** Runs one cycle now if the day and time allow it (the start-up catch-up). */
export async function catchUpOnStart(
  app: App,
  senders: Senders,
  opts: CycleOptions = {},
): Promise<CycleReport | undefined> {
  if (!cycleDue(app)) return undefined;
  app.logger.info("reminder catch-up at start");
  return runReminderCycle(app, senders, opts);
}

export function startReminderJobs(
  app: App,
  senders: Senders,
  opts: ReminderJobsOptions = {},
): () => Promise<void> {
  const stopping = new AbortController();
  const limiter = limiterFor(app);
  let running: Promise<unknown> | undefined;

  const cycle = (why: string) => {
    if (running || stopping.signal.aborted) return running;
    if (!cycleDue(app)) return undefined;
    app.logger.debug({ why }, "reminder cycle");
    const { catchUp: _c, onCycle, ...cycleOpts } = opts;
    running = runReminderCycle(app, senders, { ...cycleOpts, limiter, signal: stopping.signal })
      .then((r) => onCycle?.(r))
      .catch((e: unknown) => app.logger.error({ err: e }, "reminder cycle failed"))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const patterns = cronPatterns(app.config.REMINDER_TIME);
  const options = { timezone: ZONE, protect: true, catch: true };
  const jobs = [
    new Cron(patterns.daily, options, () => void cycle("daily")),
    new Cron(patterns.retry, options, () => {
      const now = app.now();
      if (now.getTime() <= atLocalTime(localDate(now), LAST_RETRY).getTime()) void cycle("retry");
    }),
  ];
  if (opts.catchUp !== false) void cycle("start");

  return async () => {
    for (const j of jobs) j.stop();
    stopping.abort();
    await running;
  };
}
