import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  holidaySet,
  isWorkingDay,
  workingDayOnOrBefore,
  workingDaysBetween,
} from "../../../src/core/deadlines/calendar.ts";
import {
  type LogState,
  type PlanInput,
  planReminders,
  type RecipientUser,
  type ReminderOptions,
  remindersPreview,
} from "../../../src/core/reminders/planner.ts";
import { WorkCalendar } from "../../../src/core/reminders/workdays.ts";
import { addDays, atLocalTime } from "../../../src/core/time.ts";
import {
  fixtureKnowledge,
  fixtureTasks,
  fixtureUsers,
  HOLIDAYS,
  task,
} from "../../fixtures/reminders/fixture.ts";

class MemLog {
  states = new Map<string, LogState>();
  stateOf(key: string) {
    return this.states.get(key);
  }
}

const at8 = (day: string, time = "08:00") => atLocalTime(day, time);

function plan(day: string, extra: Partial<PlanInput> = {}, time = "08:00") {
  return planReminders({
    now: at8(day, time),
    knowledge: fixtureKnowledge(),
    users: fixtureUsers(),
    log: new MemLog(),
    ...extra,
  });
}

/**
 * Runs the planner every day from `from` to `to` at 08:00 (or only on `days`), marking each planned
 * reminder sent; returns "day offset kind days" per reminder of one task and recipient.
 */
function simulate(opts: {
  taskId: string;
  from: string;
  to: string;
  recipient?: string;
  options?: Partial<ReminderOptions>;
  skipDays?: string[];
  users?: RecipientUser[];
  tasks?: ReturnType<typeof fixtureTasks>;
}): string[] {
  const log = new MemLog();
  const kb = fixtureKnowledge(opts.tasks);
  const out: string[] = [];
  for (let d = opts.from; d <= opts.to; d = addDays(d, 1)) {
    if (opts.skipDays?.includes(d)) continue;
    const p = planReminders({
      now: at8(d),
      knowledge: kb,
      users: opts.users ?? fixtureUsers(),
      log,
      ...(opts.options ? { options: opts.options } : {}),
    });
    for (const r of p.reminders) {
      log.states.set(r.key, "sent");
      if (r.taskId !== opts.taskId || r.recipient.id !== (opts.recipient ?? "telegram:1001")) continue;
      out.push(`${d} ${r.offset} ${r.kind} ${r.days}${r.late ? " late" : ""}`);
    }
  }
  return out;
}

describe("WorkCalendar matches calendar.ts", () => {
  it("working days, previous working day and counts agree over two years", () => {
    const cal = new WorkCalendar(HOLIDAYS);
    const hs = holidaySet(HOLIDAYS.map((date) => ({ date })));
    const start = "2025-12-01";
    for (let d = start; d <= "2027-02-01"; d = addDays(d, 1)) {
      expect(cal.isWorkingDay(d)).toBe(isWorkingDay(d, hs));
      expect(cal.onOrBefore(d)).toBe(workingDayOnOrBefore(d, hs));
      expect(cal.workingDaysBetween(start, d)).toBe(workingDaysBetween(start, d, hs));
      expect(cal.workingDaysBetween(d, "2026-07-01")).toBe(workingDaysBetween(d, "2026-07-01", hs));
    }
    for (const n of [-12, -3, -1, 1, 2, 5, 40])
      expect(cal.addWorkingDays("2026-12-29", n)).toBe(addWorkingDays("2026-12-29", n, hs));
  });
});

describe("planReminders: when", () => {
  it("nothing before REMINDER_TIME, on weekends or on holidays", () => {
    expect(plan("2026-06-23", {}, "07:59")).toMatchObject({
      active: false,
      reason: "before-time",
      reminders: [],
    });
    expect(plan("2026-06-27")).toMatchObject({ active: false, reason: "not-working-day" }); // Saturday
    expect(plan("2026-09-02")).toMatchObject({ active: false, reason: "not-working-day" }); // Quốc khánh
    expect(plan("2026-02-17")).toMatchObject({ active: false, reason: "not-working-day" }); // Tết (illustrative)
    expect(plan("2026-06-23", {}, "08:00").active).toBe(true);
    expect(plan("2026-06-23", { options: { time: "09:30" } }, "09:00").reason).toBe("before-time");
  });
});

describe("planReminders: the schedule of a due date", () => {
  it("Tuesday 30/06: 7, 3 (Saturday → Friday), 1 days before, on the day, then every 3 working days", () => {
    expect(simulate({ taskId: "t-thuong", from: "2026-06-15", to: "2026-07-10" })).toEqual([
      "2026-06-23 7 before 7",
      "2026-06-26 3 before 4", // 27/06 is a Saturday: sent on Friday 26/06, 4 days ahead
      "2026-06-29 1 before 1",
      "2026-06-30 0 due 0",
      "2026-07-01 -1 overdue 1",
      "2026-07-06 -4 overdue 6",
      "2026-07-09 -7 overdue 9",
    ]);
  });

  it("due on a Saturday: the 1-day and on-the-day reminders are one message on Friday", () => {
    expect(simulate({ taskId: "t-thu-bay", from: "2026-07-20", to: "2026-08-06" })).toEqual([
      "2026-07-24 7 before 8", // 25/07 is a Saturday
      "2026-07-29 3 before 3",
      "2026-07-31 0 before 1", // offsets 1 (Fri) and 0 (Sat → Fri) collapse into offset 0
      "2026-08-03 -1 overdue 2", // first working day after the due date
      "2026-08-06 -4 overdue 5",
    ]);
  });

  it("holidays: reminders move before the 01–02/09 holidays and overdue days skip them", () => {
    expect(simulate({ taskId: "t-quoc-khanh", from: "2026-08-24", to: "2026-09-15" })).toEqual([
      "2026-08-28 7 before 7",
      "2026-08-31 3 before 4", // 01/09 is a holiday → Monday 31/08
      "2026-09-03 1 before 1",
      "2026-09-04 0 due 0",
      "2026-09-07 -1 overdue 3",
      "2026-09-10 -4 overdue 6",
      "2026-09-15 -7 overdue 11",
    ]);
  });

  it("the 30/4–1/5 holidays: the 3-day and 1-day reminders of Monday 04/05 fall on the same day", () => {
    expect(simulate({ taskId: "t-sau-le", from: "2026-04-20", to: "2026-05-06" })).toEqual([
      "2026-04-27 7 before 7",
      "2026-04-29 1 before 5", // 01/05, 30/04 holidays, 02–03/05 weekend: offsets 3 and 1 → Wed 29/04
      "2026-05-04 0 due 0",
      "2026-05-05 -1 overdue 1",
    ]);
  });

  it("month end on a Sunday (31/05) and year end (31/12, then the 01/01 holiday)", () => {
    expect(simulate({ taskId: "t-cuoi-thang", from: "2026-05-18", to: "2026-06-04" })).toEqual([
      "2026-05-22 7 before 9", // 24/05 is a Sunday
      "2026-05-28 3 before 3",
      "2026-05-29 0 before 2", // Saturday and Sunday → Friday 29/05
      "2026-06-01 -1 overdue 1",
      "2026-06-04 -4 overdue 4",
    ]);
    expect(simulate({ taskId: "t-cuoi-nam", from: "2026-12-20", to: "2027-01-12" })).toEqual([
      "2026-12-24 7 before 7",
      "2026-12-28 3 before 3",
      "2026-12-30 1 before 1",
      "2026-12-31 0 due 0",
      "2027-01-04 -1 overdue 4", // 01/01/2027 holiday, then the weekend
      "2027-01-07 -4 overdue 7",
      "2027-01-12 -7 overdue 12",
    ]);
  });

  it("a yearly task (10/10, a Saturday in 2026): this year's occurrence, overdue after it", () => {
    expect(simulate({ taskId: "t-hang-nam", from: "2026-09-28", to: "2026-10-16" })).toEqual([
      "2026-10-02 7 before 8",
      "2026-10-07 3 before 3",
      "2026-10-09 0 before 1",
      "2026-10-12 -1 overdue 2",
      "2026-10-15 -4 overdue 5",
    ]);
    // Once this year's occurrence is recorded done, nothing until next year's.
    const tasks = fixtureTasks().map((t) =>
      t.id === "t-hang-nam" ? { ...t, progress: { completedOn: "2026-10-08" } } : t,
    );
    expect(simulate({ taskId: "t-hang-nam", from: "2026-10-08", to: "2027-09-30", tasks })).toEqual([]);
    expect(simulate({ taskId: "t-hang-nam", from: "2027-10-01", to: "2027-10-11", tasks })).toEqual([
      "2027-10-01 7 before 9", // 03/10/2027 is a Sunday
      "2027-10-07 3 before 3",
      "2027-10-08 0 before 2", // 10/10/2027 is a Sunday too
      "2027-10-11 -1 overdue 1",
    ]);
  });

  it("a quarterly task gets a due date per quarter end", () => {
    const tasks = [task("t-hang-quy", { deadline: { text: "Hằng quý", recurrence: { kind: "quarterly" } } })];
    const got = simulate({ taskId: "t-hang-quy", from: "2026-03-20", to: "2026-07-01", tasks });
    expect(got).toEqual([
      "2026-03-24 7 before 7",
      "2026-03-27 3 before 4",
      "2026-03-30 1 before 1",
      "2026-03-31 0 due 0",
      // never recorded done: per status.ts the next quarter is the one being worked on (never overdue)
      "2026-06-23 7 before 7",
      "2026-06-26 3 before 4",
      "2026-06-29 1 before 1",
      "2026-06-30 0 due 0",
    ]);
  });

  it("a moved deadline: reminders follow progress.extendedTo", () => {
    expect(
      simulate({ taskId: "t-gia-han", recipient: "telegram:2001", from: "2026-06-20", to: "2026-07-16" }),
    ).toEqual([
      "2026-07-08 7 before 7",
      "2026-07-10 3 before 5", // 12/07 is a Sunday
      "2026-07-14 1 before 1",
      "2026-07-15 0 due 0",
      "2026-07-16 -1 overdue 1",
    ]);
  });

  it("done tasks and tasks without a due date get nothing", () => {
    for (const taskId of ["t-da-xong", "t-thuong-xuyen"])
      expect(simulate({ taskId, from: "2026-06-01", to: "2026-07-31" })).toEqual([]);
  });

  it("configurable offsets and overdue interval", () => {
    expect(
      simulate({
        taskId: "t-thuong",
        from: "2026-06-15",
        to: "2026-07-08",
        options: { daysBefore: [14, 2], overdueEvery: 5 },
      }),
    ).toEqual([
      "2026-06-16 14 before 14",
      "2026-06-26 2 before 4", // 28/06 Sunday → Friday
      "2026-06-30 0 due 0",
      "2026-07-01 -1 overdue 1",
      "2026-07-08 -6 overdue 8",
    ]);
  });
});

describe("planReminders: long-overdue tasks", () => {
  it("stops messaging a unit once a task is overdue by more than REMINDER_OVERDUE_STOP_DAYS", () => {
    const sent = simulate({
      taskId: "t-thuong",
      from: "2026-06-29",
      to: "2026-07-10",
      options: { overdueStopAfterDays: 6 },
    });
    expect(sent).toEqual([
      "2026-06-29 1 before 1",
      "2026-06-30 0 due 0",
      "2026-07-01 -1 overdue 1",
      "2026-07-06 -4 overdue 6",
    ]);
    // 0 means never stop.
    expect(
      simulate({
        taskId: "t-thuong",
        from: "2026-07-09",
        to: "2026-07-09",
        options: { overdueStopAfterDays: 0 },
      }),
    ).toEqual(["2026-07-09 -7 overdue 9"]);
  });
});

describe("planReminders: recipients", () => {
  it("several lead units (a group expanded): one reminder per unit head; a unit without a head is listed", () => {
    const p = plan("2026-07-08"); // 7 days before 15/07
    const mine = p.reminders.filter((r) => r.taskId === "t-nhieu-don-vi");
    expect(mine.map((r) => `${r.unitId} ${r.recipient.id} ${r.audience}`)).toEqual([
      "huyen-x telegram:4001 lead",
      "so-a telegram:1001 lead",
    ]);
    expect(p.noRecipient.filter((s) => s.taskId === "t-nhieu-don-vi")).toEqual([
      {
        taskId: "t-nhieu-don-vi",
        occurrence: "2026-07-15",
        unitId: "huyen-y",
        audience: "lead",
        kind: "before",
        days: 7,
      },
    ]);
  });

  it("deputies when REMINDER_NOTIFY_DEPUTY; coordinating units get one notice when REMINDER_NOTIFY_SUPPORT", () => {
    const options = { notifyDeputy: true, notifySupport: true };
    const p = plan("2026-07-08", { options });
    expect(
      p.reminders
        .filter((r) => r.taskId === "t-nhieu-don-vi")
        .map((r) => `${r.recipient.id} ${r.audience} ${r.offset}`),
    ).toEqual([
      "telegram:4001 lead 7",
      "telegram:1001 lead 7",
      "telegram:1002 lead 7",
      "telegram:3001 support 7",
    ]);
    // the notice is sent once: not at the 3-day and 1-day slots, not when overdue
    const got = simulate({
      taskId: "t-nhieu-don-vi",
      recipient: "telegram:3001",
      from: "2026-07-01",
      to: "2026-07-31",
      options,
    });
    expect(got).toEqual(["2026-07-08 7 before 7"]);
    // members never get reminders
    expect(p.reminders.some((r) => r.recipient.id === "telegram:1003")).toBe(false);
  });

  it("unreachable users are skipped and listed", () => {
    const users = fixtureUsers().map((u) => (u.id === "telegram:1001" ? { ...u, reachable: false } : u));
    const p = plan("2026-06-23", { users });
    expect(p.reminders.some((r) => r.recipient.id === "telegram:1001")).toBe(false);
    expect(p.unreachable).toContainEqual({
      userId: "telegram:1001",
      unitId: "so-a",
      taskId: "t-thuong",
      occurrence: "2026-06-30",
    });
    expect(p.noRecipient.map((s) => `${s.taskId} ${s.unitId}`)).toContain("t-thuong so-a");
  });
});

describe("planReminders: the log, catch-up and late reminders", () => {
  it("a key already sent is not planned again; pending and failed ones are, with their state", () => {
    const log = new MemLog();
    const first = plan("2026-06-23", { log });
    const r = first.reminders.find((x) => x.taskId === "t-thuong")!;
    expect(r.key).toBe("t-thuong|2026-06-30|telegram:1001|7");
    log.states.set(r.key, "sent");
    expect(plan("2026-06-23", { log }).reminders.some((x) => x.key === r.key)).toBe(false);
    log.states.set(r.key, "failed");
    expect(plan("2026-06-23", { log }).reminders.find((x) => x.key === r.key)?.previous).toBe("failed");
    log.states.set(r.key, "pending");
    expect(plan("2026-06-24", { log }).reminders.find((x) => x.key === r.key)).toMatchObject({
      previous: "pending",
      late: true,
      slotDay: "2026-06-23",
      days: 6,
    });
  });

  it("a missed run is caught up once at the next run; older missed slots are superseded", () => {
    // down all of Friday 26/06 (the 3-day slot): Monday 29/06 has a newer slot, which supersedes it
    expect(
      simulate({ taskId: "t-thuong", from: "2026-06-22", to: "2026-07-02", skipDays: ["2026-06-26"] }),
    ).toEqual([
      "2026-06-23 7 before 7",
      "2026-06-29 1 before 1",
      "2026-06-30 0 due 0",
      "2026-07-01 -1 overdue 1",
    ]);
    // down at 08:00 on Friday 26/06, restarted at 10:00: the 3-day reminder goes out then (same day, not late)
    const log = new MemLog();
    for (const r of planReminders({
      now: at8("2026-06-23"),
      knowledge: fixtureKnowledge(),
      users: fixtureUsers(),
      log,
    }).reminders)
      log.states.set(r.key, "sent");
    const p = planReminders({
      now: atLocalTime("2026-06-26", "10:00"),
      knowledge: fixtureKnowledge(),
      users: fixtureUsers(),
      log,
    });
    expect(p.reminders.filter((r) => r.taskId === "t-thuong").map((r) => [r.offset, r.late])).toEqual([
      [3, false],
    ]);
    // first run on Wednesday 24/06 (the 7-day slot was missed): caught up once, late; Friday missed again
    expect(
      simulate({ taskId: "t-thuong", from: "2026-06-24", to: "2026-06-29", skipDays: ["2026-06-26"] }),
    ).toEqual(["2026-06-24 7 before 6 late", "2026-06-29 1 before 1"]);
  });

  it("a missed overdue slot is sent late at the next run, once", () => {
    expect(
      simulate({ taskId: "t-thuong", from: "2026-07-01", to: "2026-07-10", skipDays: ["2026-07-06"] }),
    ).toEqual(["2026-07-01 -1 overdue 1", "2026-07-07 -4 overdue 7 late", "2026-07-09 -7 overdue 9"]);
  });

  it("a head linked late gets the current reminder once, not the whole history", () => {
    const kb = fixtureKnowledge();
    const p = planReminders({
      now: at8("2026-07-08"),
      knowledge: kb,
      users: fixtureUsers(),
      log: new MemLog(),
    });
    const mine = p.reminders.filter((r) => r.taskId === "t-thuong" && r.recipient.id === "telegram:1001");
    expect(mine.map((r) => [r.offset, r.slotDay, r.late, r.days])).toEqual([[-4, "2026-07-06", true, 8]]);
  });
});

describe("remindersPreview", () => {
  it("the JSON shape of `remind plan --json`", () => {
    const p = plan("2026-07-08");
    const items = remindersPreview(p, fixtureKnowledge());
    const one = items.find((i) => i.taskId === "t-nhieu-don-vi" && i.unitId === "so-a");
    expect(one).toEqual({
      taskId: "t-nhieu-don-vi",
      taskTitle: "Nhiệm vụ minh họa t-nhieu-don-vi",
      unitId: "so-a",
      unitName: "Sở A (minh họa)",
      dueDate: "2026-07-15",
      kind: "before",
      days: 7,
      recipients: [{ channel: "telegram", name: "Giám đốc Sở A" }],
    });
    expect(items.find((i) => i.unitId === "huyen-y")?.recipients).toEqual([]);
    for (const i of items)
      expect(Object.keys(i)).toEqual([
        "taskId",
        "taskTitle",
        "unitId",
        "unitName",
        "dueDate",
        "kind",
        "days",
        "recipients",
      ]);
  });
});
