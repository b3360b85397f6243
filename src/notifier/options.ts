/** Reminder settings from the configuration (REMINDER_* variables). */
import type { Config } from "../config.ts";
import type { ReminderOptions } from "../core/reminders/planner.ts";
import type { LimiterOptions } from "./notifier.ts";

export function reminderOptionsFromConfig(config: Config): ReminderOptions {
  return {
    time: config.REMINDER_TIME,
    daysBefore: config.REMINDER_DAYS_BEFORE,
    overdueEvery: config.REMINDER_OVERDUE_EVERY,
    overdueStopAfterDays: config.REMINDER_OVERDUE_STOP_DAYS,
    notifyDeputy: config.REMINDER_NOTIFY_DEPUTY,
    notifySupport: config.REMINDER_NOTIFY_SUPPORT,
  };
}

export function limiterOptionsFromConfig(config: Config): LimiterOptions {
  return { ratePerSecond: config.REMINDER_RATE_PER_SECOND, chatIntervalMs: config.REMINDER_CHAT_INTERVAL_MS };
}
