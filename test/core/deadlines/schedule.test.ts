import { describe, expect, it } from "vitest";
import { generateKnowledge } from "../../../bench/generate-knowledge.ts";
import { readShippedKnowledge } from "../../../src/app/knowledge.ts";
import { occurrences } from "../../../src/core/deadlines/due-date.ts";
import { scheduleOf, TaskSchedule } from "../../../src/core/deadlines/schedule.ts";
import { effectiveDue, taskStatus } from "../../../src/core/deadlines/status.ts";
import type { Task } from "../../../src/core/knowledge/schema.ts";
import { fold } from "../../../src/core/text/normalize.ts";
import { addDays, localDate } from "../../../src/core/time.ts";

// The per-task answers the schedule stands for: a pass over the tasks in their order, then a stable sort.
const byDue = <R extends { due: string }>(rows: R[]) =>
  rows.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));

function windowByTask(tasks: readonly Task[], from: string, to: string) {
  const rows: { task: Task; due: string; later: string[] }[] = [];
  for (const t of tasks) {
    const dates = t.progress.extendedTo
      ? [t.progress.extendedTo].filter((d) => d >= from && d <= to)
      : occurrences(t.deadline, from, to);
    if (dates.length) rows.push({ task: t, due: dates[0]!, later: dates.slice(1) });
  }
  return byDue(rows);
}

function overdueByTask(tasks: readonly Task[], today: string) {
  const rows: { task: Task; due: string }[] = [];
  for (const t of tasks) {
    const st = taskStatus(t, today);
    if (st.status === "overdue" && st.due) rows.push({ task: t, due: st.due });
  }
  return byDue(rows);
}

function nextDueByTask(tasks: readonly Task[], today: string) {
  const next = tasks
    .map((task) => ({ task, due: effectiveDue(task, today) }))
    .filter((x): x is { task: Task; due: string } => !!x.due && x.due >= today)
    .sort((a, b) => (a.due < b.due ? -1 : 1))[0];
  return next;
}

function dueThenTitleByTask(tasks: readonly Task[], today: string) {
  const key = (t: Task) => `${effectiveDue(t, today) ?? "9999"}|${fold(t.title)}`;
  return [...tasks].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const ids = (rows: { task: Task; due: string; later?: string[] }[]) =>
  rows.map((r) => `${r.task.id}@${r.due}${r.later?.length ? `+${r.later.join(",")}` : ""}`);

/** A task with only what the schedule reads. */
function task(id: string, deadline: Task["deadline"], progress: Task["progress"] = {}, title = id): Task {
  return { id, title, lead: [], support: [], deadline, progress, sources: [] } as unknown as Task;
}

describe("TaskSchedule: the same answers as the per-task functions", () => {
  const generated = generateKnowledge({ units: 60, documents: 200, tasks: 2500, seed: 7 }).tasks;
  const shipped = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }).tasks;
  const days = [
    "2023-01-01",
    "2024-02-29",
    "2025-06-30",
    "2025-07-01",
    "2026-11-26",
    "2026-12-31",
    "2027-01-01",
  ];

  for (const [name, tasks] of [
    ["generated", generated],
    ["shipped", shipped],
  ] as const) {
    it(`${name}: windows, overdue, next due, undated, list order`, () => {
      const s = new TaskSchedule(tasks);
      const half = (t: Task) => t.id.length % 2 === 0;
      for (const day of days) {
        for (const [from, to] of [
          [day, day],
          [day, addDays(day, 6)],
          [day, addDays(day, 30)],
          [addDays(day, -92), day],
          [day, addDays(day, 400)],
          [day, addDays(day, -1)],
        ] as const) {
          expect(ids(s.window(from, to)), `${from}…${to}`).toEqual(ids(windowByTask(tasks, from, to)));
          expect(ids(s.window(from, to, half))).toEqual(ids(windowByTask(tasks.filter(half), from, to)));
        }
        expect(ids(s.overdue(day))).toEqual(ids(overdueByTask(tasks, day)));
        expect(ids(s.overdue(day, half))).toEqual(ids(overdueByTask(tasks.filter(half), day)));
        expect(s.nextDue(day)).toEqual(nextDueByTask(tasks, day));
        expect(s.nextDue(day, half)).toEqual(nextDueByTask(tasks.filter(half), day));
        expect(s.undated(day)).toBe(tasks.filter((t) => !effectiveDue(t, day)).length);
        expect(s.byDueThenTitle(day).map((t) => t.id)).toEqual(
          dueThenTitleByTask(tasks, day).map((t) => t.id),
        );
        expect(s.byDueThenTitle(day, half).map((t) => t.id)).toEqual(
          dueThenTitleByTask(tasks.filter(half), day).map((t) => t.id),
        );
        const list = tasks.filter(half).slice(0, 300);
        expect([...list].sort(s.dueThenTitle(day)).map((t) => t.id)).toEqual(
          dueThenTitleByTask(list, day).map((t) => t.id),
        );
        // Given in any order, a part of the list comes out as the list's order would have it.
        expect(s.sortByDueThenTitle(day, [...list].reverse()).map((t) => t.id)).toEqual(
          dueThenTitleByTask(list, day).map((t) => t.id),
        );
      }
    });
  }

  it("puts a part of the list in list order", () => {
    const s = scheduleOf(generated);
    const some = generated.filter((_, i) => i % 7 === 3);
    expect(s.inListOrder([...some].reverse().concat(some.slice(0, 5)))).toEqual(some);
    const stranger = { ...generated[0]! };
    expect(s.inListOrder([stranger, generated[1]!])).toEqual([generated[1]]);
  });

  it("is made once per task list", () => {
    expect(scheduleOf(generated)).toBe(scheduleOf(generated));
    expect(scheduleOf([...generated])).not.toBe(scheduleOf(generated));
  });
});

describe("TaskSchedule: window edges", () => {
  const tasks = [
    task("end-of-month", { text: "Tháng 11/2026", due: "2026-11-30" }),
    task("first-of-month", { text: "01/12/2026", due: "2026-12-01" }),
    task("monthly-31", { text: "Hằng tháng ngày 31", recurrence: { kind: "monthly", day: 31 } }),
    task("yearly-29-2", { text: "Hằng năm 29/2", recurrence: { kind: "yearly", month: 2, day: 29 } }),
    task(
      "quarterly-done",
      { text: "Hằng quý", recurrence: { kind: "quarterly" } },
      { completedOn: "2026-06-20" },
    ),
    task("extended", { text: "30/9/2026", due: "2026-09-30" }, { extendedTo: "2026-12-15" }),
    task("done", { text: "30/9/2026", due: "2026-09-30" }, { completedOn: "2026-09-01" }),
    task("continuous", { text: "Thường xuyên", continuous: true }),
  ];
  const s = new TaskSchedule(tasks);

  it("a task due on the last day of a month is in that month, not the next", () => {
    expect(ids(s.window("2026-11-01", "2026-11-30"))).toEqual([
      "end-of-month@2026-11-30",
      "monthly-31@2026-11-30",
    ]);
    expect(ids(s.window("2026-12-01", "2026-12-31"))).toEqual([
      "first-of-month@2026-12-01",
      "extended@2026-12-15",
      "monthly-31@2026-12-31",
      "quarterly-done@2026-12-31",
    ]);
    expect(ids(s.window("2026-11-30", "2026-11-30"))).toEqual([
      "end-of-month@2026-11-30",
      "monthly-31@2026-11-30",
    ]);
  });

  it("a recurring deadline is listed at each occurrence in the window, once", () => {
    expect(ids(s.window("2027-01-01", "2027-03-31"))).toEqual([
      "monthly-31@2027-01-31+2027-02-28,2027-03-31",
      "yearly-29-2@2027-02-28",
      "quarterly-done@2027-03-31",
    ]);
    expect(ids(s.window("2028-02-01", "2028-02-29"))).toEqual([
      "monthly-31@2028-02-29",
      "yearly-29-2@2028-02-29",
    ]);
  });

  it("overdue: open one-off tasks after their (extended) date, a recurring one after the occurrence after its completion", () => {
    expect(ids(s.overdue("2026-11-30"))).toEqual(["quarterly-done@2026-09-30"]);
    expect(ids(s.overdue("2026-12-01"))).toEqual(["quarterly-done@2026-09-30", "end-of-month@2026-11-30"]);
    expect(ids(s.overdue("2026-12-16"))).toEqual([
      "quarterly-done@2026-09-30",
      "end-of-month@2026-11-30",
      "first-of-month@2026-12-01",
      "extended@2026-12-15",
    ]);
    expect(s.nextDue("2026-11-30")).toEqual({ task: tasks[0], due: "2026-11-30" });
    expect(s.undated("2026-11-30")).toBe(1);
  });

  it("the day of a question is the day in Asia/Ho_Chi_Minh: 23:30 and 00:30 local", () => {
    // 23:30 on 30/11 local is 16:30 UTC the same day; 00:30 on 1/12 local is still 30/11 in UTC.
    const lateEvening = localDate(new Date("2026-11-30T16:30:00Z"));
    const pastMidnight = localDate(new Date("2026-11-30T17:30:00Z"));
    expect(lateEvening).toBe("2026-11-30");
    expect(pastMidnight).toBe("2026-12-01");
    expect(ids(s.window(lateEvening, lateEvening))).toEqual([
      "end-of-month@2026-11-30",
      "monthly-31@2026-11-30",
    ]);
    expect(ids(s.window(pastMidnight, pastMidnight))).toEqual(["first-of-month@2026-12-01"]);
    expect(ids(s.overdue(lateEvening)).map((r) => r.split("@")[0])).not.toContain("end-of-month");
    expect(ids(s.overdue(pastMidnight)).map((r) => r.split("@")[0])).toContain("end-of-month");
  });

  it("a list with a date that is not a calendar day is answered task by task", () => {
    const odd = [...tasks, task("odd", { text: "?", due: "2026-11-31" })];
    const o = new TaskSchedule(odd);
    expect(ids(o.window("2026-11-01", "2026-11-30"))).toEqual(
      ids(windowByTask(odd, "2026-11-01", "2026-11-30")),
    );
    expect(ids(o.window("2026-11-30", "2027-01-31"))).toEqual(
      ids(windowByTask(odd, "2026-11-30", "2027-01-31")),
    );
    expect(o.nextDue("2026-11-30")).toEqual(nextDueByTask(odd, "2026-11-30"));
    expect(o.byDueThenTitle("2026-11-30").map((t) => t.id)).toEqual(
      dueThenTitleByTask(odd, "2026-11-30").map((t) => t.id),
    );
  });
});
