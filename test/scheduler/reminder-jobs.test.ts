import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/core/reminders/message.ts";
import { ZONE } from "../../src/core/time.ts";
import type { CycleReport } from "../../src/notifier/cycle.ts";
import type { Sender } from "../../src/notifier/notifier.ts";
import { catchUpOnStart, cronPatterns, startReminderJobs } from "../../src/scheduler/reminder-jobs.ts";
import { fixtureData, fixtureTasks, manyUnits } from "../fixtures/reminders/fixture.ts";
import { reminderApp, vn } from "../notifier/helpers.ts";

class SlowSender implements Sender {
  readonly channel = "telegram" as const;
  sent: string[] = [];
  constructor(private readonly delayMs = 0) {}
  async send(chatId: string, _msg: OutgoingMessage) {
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.sent.push(chatId);
    return { ok: true as const };
  }
}

const ONE = () => fixtureData(fixtureTasks().filter((t) => t.id === "t-thuong"));

describe("reminder jobs", () => {
  it("cron patterns: REMINDER_TIME on working days, in Asia/Ho_Chi_Minh", () => {
    const p = cronPatterns("08:00");
    expect(p).toEqual({ daily: "0 8 * * 1-5", retry: "*/30 * * * 1-5" });
    const job = new Cron(p.daily, { timezone: ZONE, paused: true });
    // from Friday 26/06/2026 09:00 in Ninh Thuận: next is Monday 29/06 08:00 (01:00 UTC)
    expect(job.nextRun(new Date("2026-06-26T02:00:00Z"))?.toISOString()).toBe("2026-06-29T01:00:00.000Z");
    expect(
      new Cron(cronPatterns("07:45").daily, { timezone: ZONE, paused: true })
        .nextRun(new Date("2026-06-29T00:00:00Z"))
        ?.toISOString(),
    ).toBe("2026-06-29T00:45:00.000Z");
    job.stop();
  });

  it("catches up at start when today's run time has passed, not before it", async () => {
    const early = await reminderApp({ now: vn("2026-06-23", "07:59"), data: ONE() });
    expect(await catchUpOnStart(early.app, { telegram: new SlowSender() })).toBeUndefined();

    const t = await reminderApp({ now: vn("2026-06-23", "11:20"), data: ONE() });
    const sender = new SlowSender();
    let report: CycleReport | undefined;
    const done = new Promise<void>((resolve) => {
      const stop = startReminderJobs(
        t.app,
        { telegram: sender },
        {
          onCycle: (r) => {
            report = r;
            void stop().then(resolve);
          },
        },
      );
    });
    await done;
    expect(report?.run).toMatchObject({ active: true, sent: 1 });
    expect(report?.daily).toBe("sent");
    expect(sender.sent).toContain("1001");
  });

  it("stop() lets the sends in flight finish and be recorded, and starts no new one", async () => {
    const { data, users } = manyUnits(12, "2026-06-30");
    const t = await reminderApp({
      now: vn("2026-06-23", "09:00"),
      data,
      users,
      env: { REMINDER_CONCURRENCY: "2" },
    });
    const sender = new SlowSender(60);
    const stop = startReminderJobs(t.app, { telegram: sender });
    while (sender.sent.length === 0) await new Promise((r) => setTimeout(r, 10));
    await stop();
    const logged = t.app.store.reminders.list({ state: "sent" }).length;
    expect(sender.sent.length).toBeGreaterThan(0);
    expect(sender.sent.length).toBeLessThan(12);
    expect(logged).toBe(sender.sent.length);
    expect(t.app.store.reminders.list({ state: "pending" })).toEqual([]);
  });
});
