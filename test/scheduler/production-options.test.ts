/**
 * The scheduler with the options production uses: the reminder jobs and the backup job are started
 * exactly as main.ts starts them (startReminderJobs(app, senders), startBackupJob(app, dir)), and the
 * croner jobs they create are recorded (croner's Cron is wrapped, nothing else changes), so that what
 * is checked is each job's own pattern and options (time zone Asia/Ho_Chi_Minh, REMINDER_TIME from the
 * config), through croner's nextRuns: a daily run at the configured hour in Vietnam (08:00 there is
 * 01:00 UTC; 06:30 there is 23:30 UTC the day before), on Vietnamese working days, the retries stopping
 * at the Vietnamese weekend, the backup at 02:30 Vietnam time. The process runs in UTC here (TZ pinned),
 * so a job that lost its time zone would run at 08:00 UTC and the instants below would not match;
 * each test also shows that the same pattern in another zone gives other instants.
 */

import { readdirSync } from "node:fs";
import type { Cron as CronType } from "croner";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { OutgoingMessage } from "../../src/core/reminders/message.ts";
import { ZONE } from "../../src/core/time.ts";
import type { Sender } from "../../src/notifier/notifier.ts";
import { BACKUP_CRON, startBackupJob } from "../../src/scheduler/backup-job.ts";
import { cronPatterns, startReminderJobs } from "../../src/scheduler/reminder-jobs.ts";
import { fixtureData, fixtureTasks } from "../fixtures/reminders/fixture.ts";
import { reminderApp, tempDir, vn } from "../notifier/helpers.ts";

const rec = vi.hoisted(() => {
  // The machine's zone is not Vietnam's: a job without its own zone would run on UTC hours.
  const tz = process.env["TZ"];
  process.env["TZ"] = "UTC";
  return { tz, jobs: [] as unknown[] };
});

vi.mock("croner", async (importOriginal) => {
  const mod = await importOriginal<typeof import("croner")>();
  /** croner's Cron, recording each job created (the scheduler's own, with its own options). */
  class RecordingCron<T = undefined> extends mod.Cron<T> {
    constructor(...args: ConstructorParameters<typeof mod.Cron<T>>) {
      super(...args);
      rec.jobs.push(this);
    }
  }
  return { ...mod, Cron: RecordingCron };
});

afterAll(() => {
  if (rec.tz === undefined) delete process.env["TZ"];
  else process.env["TZ"] = rec.tz;
});

/** The jobs created by `start`, and `start`'s result. */
async function jobsOf<R>(start: () => R | Promise<R>): Promise<{ jobs: CronType[]; result: R }> {
  const mark = rec.jobs.length;
  const result = await start();
  return { jobs: rec.jobs.slice(mark) as CronType[], result };
}

/** "Mon 29/06/2026 06:30": an instant as a clock on the wall in Ninh Thuận shows it. */
function vietnam(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: ZONE,
      weekday: "short",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts["weekday"]} ${parts["day"]}/${parts["month"]}/${parts["year"]} ${parts["hour"]}:${parts["minute"]}`;
}

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

/** The same pattern and options with another zone (or none: the machine's); no callback, so never scheduled. */
function inZone(job: CronType, timezone: string | undefined): CronType {
  const { timezone: _tz, ...rest } = job.options;
  return new (job.constructor as typeof CronType)(job.getPattern()!, {
    ...rest,
    ...(timezone ? { timezone } : {}),
  });
}

class NullSender implements Sender {
  readonly channel = "telegram" as const;
  sent: string[] = [];
  async send(chatId: string, _msg: OutgoingMessage) {
    this.sent.push(chatId);
    return { ok: true as const };
  }
}

const ONE = () => fixtureData(fixtureTasks().filter((t) => t.id === "t-thuong"));
/** Friday 26/06/2026, noon in Ninh Thuận. */
const FRIDAY_NOON = new Date(vn("2026-06-26", "12:00"));

describe("the reminder jobs, started as main.ts starts them", () => {
  it.each([
    {
      name: "default (08:00)",
      time: undefined,
      daily: "0 8 * * 1-5",
      // 08:00 in Vietnam is 01:00 UTC the same day.
      runs: [
        "2026-06-29T01:00:00.000Z",
        "2026-06-30T01:00:00.000Z",
        "2026-07-01T01:00:00.000Z",
        "2026-07-02T01:00:00.000Z",
        "2026-07-03T01:00:00.000Z",
        "2026-07-06T01:00:00.000Z",
      ],
      local: "08:00",
    },
    {
      name: "06:30",
      time: "06:30",
      daily: "30 6 * * 1-5",
      // 06:30 in Vietnam is 23:30 UTC the day before: Monday's run is on Sunday in UTC.
      runs: [
        "2026-06-28T23:30:00.000Z",
        "2026-06-29T23:30:00.000Z",
        "2026-06-30T23:30:00.000Z",
        "2026-07-01T23:30:00.000Z",
        "2026-07-02T23:30:00.000Z",
        "2026-07-05T23:30:00.000Z",
      ],
      local: "06:30",
    },
  ])("REMINDER_TIME $name: the daily run at $local Vietnam time, Monday to Friday", async (c) => {
    // A Sunday: the catch-up at start finds nothing due, only the jobs are made.
    const t = await reminderApp({
      now: vn("2026-06-28", "10:00"),
      data: ONE(),
      env: c.time ? { REMINDER_TIME: c.time } : {},
    });
    const sender = new NullSender();
    const { jobs, result: stop } = await jobsOf(() => startReminderJobs(t.app, { telegram: sender }));
    try {
      expect(jobs).toHaveLength(2);
      const daily = jobs.find((j) => j.getPattern() === cronPatterns(t.app.config.REMINDER_TIME).daily)!;
      expect(daily.getPattern()).toBe(c.daily);
      const runs = daily.nextRuns(6, FRIDAY_NOON);
      expect(iso(runs)).toEqual(c.runs);
      expect(runs.map(vietnam)).toEqual([
        `Mon 29/06/2026 ${c.local}`,
        `Tue 30/06/2026 ${c.local}`,
        `Wed 01/07/2026 ${c.local}`,
        `Thu 02/07/2026 ${c.local}`,
        `Fri 03/07/2026 ${c.local}`,
        `Mon 06/07/2026 ${c.local}`,
      ]);
      // The zone decides the instant: the same job in UTC, in the machine's zone or in Tokyo runs at others.
      for (const zone of ["UTC", undefined, "Asia/Tokyo"]) {
        const other = inZone(daily, zone).nextRun(FRIDAY_NOON)!;
        expect(other.toISOString(), String(zone)).not.toBe(c.runs[0]);
      }
      // In UTC, Friday noon in Vietnam (05:00 UTC) is still before that day's run.
      expect(inZone(daily, "UTC").nextRun(FRIDAY_NOON)?.toISOString()).toBe(`2026-06-26T${c.local}:00.000Z`);
      // The options themselves, as production gives them (checked after the instants, which say why).
      for (const j of jobs) expect(j.options).toMatchObject({ timezone: ZONE, protect: true, catch: true });
      expect(ZONE).toBe("Asia/Ho_Chi_Minh");
      expect(sender.sent).toEqual([]);
    } finally {
      await stop();
    }
  });

  it("the retries: every 30 minutes on Vietnamese working days (none on Saturday in Vietnam), not after 17:30 there", async () => {
    const t = await reminderApp({ now: vn("2026-06-28", "10:00"), data: ONE() });
    const sender = new NullSender();
    const { jobs, result: stop } = await jobsOf(() => startReminderJobs(t.app, { telegram: sender }));
    try {
      const retry = jobs.find((j) => j.getPattern() === cronPatterns(t.app.config.REMINDER_TIME).retry)!;
      // From Friday 23:00 in Vietnam (16:00 UTC, still Friday there): 23:30, then Monday 00:00.
      const from = new Date(vn("2026-06-26", "23:00"));
      const runs = retry.nextRuns(3, from);
      expect(iso(runs)).toEqual([
        "2026-06-26T16:30:00.000Z",
        "2026-06-28T17:00:00.000Z",
        "2026-06-28T17:30:00.000Z",
      ]);
      expect(runs.map(vietnam)).toEqual([
        "Fri 26/06/2026 23:30",
        "Mon 29/06/2026 00:00",
        "Mon 29/06/2026 00:30",
      ]);
      expect(retry.options.timezone).toBe("Asia/Ho_Chi_Minh");
      // In UTC the same pattern would run at 17:00 UTC on Friday: Saturday 00:00 in Vietnam.
      expect(inZone(retry, "UTC").nextRuns(2, from).map(vietnam)).toEqual([
        "Fri 26/06/2026 23:30",
        "Sat 27/06/2026 00:00",
      ]);

      // The job's own callback: at 17:45 in Vietnam on a working day (the daily run is past), no cycle…
      t.clock.set(vn("2026-06-23", "17:45"));
      await retry.trigger();
      await new Promise((r) => setTimeout(r, 50));
      expect(sender.sent).toEqual([]);
      // …at 17:15 there, the cycle runs and the day's reminder goes out.
      t.clock.set(vn("2026-06-23", "17:15"));
      await retry.trigger();
      for (let i = 0; i < 200 && !sender.sent.includes("1001"); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(sender.sent).toContain("1001");
    } finally {
      await stop();
    }
  });
});

describe("the backup job, started as main.ts starts it", () => {
  it("runs at 02:30 Vietnam time every day (19:30 UTC the day before) and names the file in Vietnam time", async () => {
    const t = await reminderApp({ now: vn("2026-06-26", "12:00"), data: ONE(), seed: false });
    const out = await tempDir();
    const { jobs, result: stop } = await jobsOf(() => startBackupJob(t.app, out));
    let stopped = false;
    try {
      expect(jobs).toHaveLength(1);
      const job = jobs[0]!;
      expect(job.getPattern()).toBe(BACKUP_CRON);
      const runs = job.nextRuns(3, FRIDAY_NOON);
      expect(iso(runs)).toEqual([
        "2026-06-26T19:30:00.000Z",
        "2026-06-27T19:30:00.000Z",
        "2026-06-28T19:30:00.000Z",
      ]);
      expect(runs.map(vietnam)).toEqual([
        "Sat 27/06/2026 02:30",
        "Sun 28/06/2026 02:30",
        "Mon 29/06/2026 02:30",
      ]);
      expect(job.options.timezone).toBe("Asia/Ho_Chi_Minh");
      for (const zone of ["UTC", undefined, "Asia/Tokyo"]) {
        expect(inZone(job, zone).nextRun(FRIDAY_NOON)?.toISOString(), String(zone)).not.toBe(
          "2026-06-26T19:30:00.000Z",
        );
      }
      // The run itself, at its instant: the snapshot is named by the Vietnamese date and time.
      t.clock.set(runs[0]!.toISOString());
      await job.trigger();
      await stop();
      stopped = true;
      expect(readdirSync(out)).toEqual(["tro-ly-cds-20260627-023000.json"]);
    } finally {
      if (!stopped) await stop();
    }
  });
});
