import { describe, expect, it } from "vitest";
import {
  effectiveDue,
  STATUS_LABELS,
  STATUS_ORDER,
  type StatusTask,
  taskStatus,
} from "../../../src/core/deadlines/status.ts";

const task = (
  deadline: StatusTask["deadline"],
  progress: StatusTask["progress"] = {},
  year?: number,
): StatusTask => (year === undefined ? { deadline, progress } : { deadline, progress, year });

describe("STATUS_LABELS", () => {
  it("uses the Vietnamese tracking labels", () => {
    expect(STATUS_LABELS).toEqual({
      "done-on-time": "Hoàn thành đúng hạn",
      "done-late": "Hoàn thành quá hạn",
      "in-progress": "Đang thực hiện – trong hạn",
      overdue: "Quá hạn",
      "no-deadline": "Chưa có hạn (thường xuyên)",
    });
    expect([...STATUS_ORDER].sort()).toEqual(Object.keys(STATUS_LABELS).sort());
  });
});

describe("one-off deadlines", () => {
  const t = task({ text: "Quý II/2023", due: "2023-06-30" });

  it("in progress before the due date", () => {
    expect(taskStatus(t, "2023-06-01")).toEqual({ status: "in-progress", due: "2023-06-30", daysLeft: 29 });
  });

  it("in progress on the due date itself", () => {
    expect(taskStatus(t, "2023-06-30")).toEqual({ status: "in-progress", due: "2023-06-30", daysLeft: 0 });
  });

  it("overdue from the next day", () => {
    expect(taskStatus(t, "2023-07-01")).toEqual({ status: "overdue", due: "2023-06-30", daysOverdue: 1 });
    expect(taskStatus(t, "2024-01-01")).toEqual({ status: "overdue", due: "2023-06-30", daysOverdue: 185 });
  });

  it("done on time when completed on or before the due date", () => {
    const done = task({ text: "Quý II/2023", due: "2023-06-30" }, { completedOn: "2023-06-30" });
    expect(taskStatus(done, "2023-12-01")).toEqual({
      status: "done-on-time",
      due: "2023-06-30",
      completedOn: "2023-06-30",
    });
    const early = task({ text: "Quý II/2023", due: "2023-06-30" }, { completedOn: "2023-05-02" });
    expect(taskStatus(early, "2023-05-03").status).toBe("done-on-time");
  });

  it("done late when completed after the due date", () => {
    const late = task({ text: "Quý II/2023", due: "2023-06-30" }, { completedOn: "2023-07-10" });
    expect(taskStatus(late, "2023-12-01")).toEqual({
      status: "done-late",
      due: "2023-06-30",
      completedOn: "2023-07-10",
      daysOverdue: 10,
    });
  });

  it("an extension moves the due date", () => {
    const ext = task({ text: "Quý II/2023", due: "2023-06-30" }, { extendedTo: "2023-09-30" });
    expect(effectiveDue(ext, "2023-07-15")).toBe("2023-09-30");
    expect(taskStatus(ext, "2023-07-15")).toEqual({ status: "in-progress", due: "2023-09-30", daysLeft: 77 });
    const extDone = task(
      { text: "Quý II/2023", due: "2023-06-30" },
      { extendedTo: "2023-09-30", completedOn: "2023-09-01" },
    );
    expect(taskStatus(extDone, "2023-10-01").status).toBe("done-on-time");
  });

  it("counts across a year end and a leap day", () => {
    const t2 = task({ text: "Năm 2023", due: "2023-12-31" });
    expect(taskStatus(t2, "2024-01-01")).toMatchObject({ status: "overdue", daysOverdue: 1 });
    const leap = task({ text: "Tháng 2/2024", due: "2024-02-29" });
    expect(taskStatus(leap, "2024-02-28")).toMatchObject({ status: "in-progress", daysLeft: 1 });
    expect(taskStatus(leap, "2024-03-01")).toMatchObject({ status: "overdue", daysOverdue: 1 });
  });
});

describe("deadlines without a due date", () => {
  it("continuous work has no deadline", () => {
    const t = task({ text: "Thường xuyên", continuous: true });
    expect(effectiveDue(t, "2023-06-01")).toBeUndefined();
    expect(taskStatus(t, "2023-06-01")).toEqual({ status: "no-deadline" });
  });

  it("continuous text without the flag has no deadline", () => {
    expect(taskStatus(task({ text: "Thường xuyên" }), "2023-06-01")).toEqual({ status: "no-deadline" });
  });

  it("unknown text has no deadline", () => {
    expect(taskStatus(task({ text: "Theo chỉ đạo" }), "2023-06-01")).toEqual({ status: "no-deadline" });
  });

  it("completed work without a deadline is done on time", () => {
    const t = task({ text: "Thường xuyên", continuous: true }, { completedOn: "2023-05-01" });
    expect(taskStatus(t, "2023-06-01")).toEqual({ status: "done-on-time", completedOn: "2023-05-01" });
  });

  it("never guesses a due date from the text when due was not filled", () => {
    // The shipped knowledge writes `due` where a source gives one; a text such as
    // "Trong năm 2023 (bài viết không nêu hạn cụ thể)" must not become 31/12/2023.
    const t = task({ text: "Trong năm 2023 (bài viết không nêu hạn cụ thể)" }, {}, 2023);
    expect(effectiveDue(t, "2023-01-01")).toBeUndefined();
    expect(taskStatus(t, "2024-07-02")).toEqual({ status: "no-deadline" });
    expect(effectiveDue(task({ text: "Quý II/2023" }), "2023-01-01")).toBeUndefined();
  });

  it("an extension gives continuous work a due date", () => {
    const t = task({ text: "Thường xuyên", continuous: true }, { extendedTo: "2023-08-01" });
    expect(taskStatus(t, "2023-08-02")).toEqual({ status: "overdue", due: "2023-08-01", daysOverdue: 1 });
  });
});

describe("recurring deadlines", () => {
  const yearly = task({ text: "Hằng năm 10/10", recurrence: { kind: "yearly", month: 10, day: 10 } });

  it("without a completion, the next occurrence is in progress", () => {
    expect(effectiveDue(yearly, "2023-06-01")).toBe("2023-10-10");
    expect(taskStatus(yearly, "2023-06-01")).toEqual({
      status: "in-progress",
      due: "2023-10-10",
      daysLeft: 131,
    });
    expect(taskStatus(yearly, "2023-10-10")).toMatchObject({
      status: "in-progress",
      due: "2023-10-10",
      daysLeft: 0,
    });
    expect(taskStatus(yearly, "2023-10-11")).toMatchObject({ status: "in-progress", due: "2024-10-10" });
  });

  it("a completion covers the occurrence on or after it until that occurrence passes", () => {
    const done = task(
      { text: "Hằng năm 10/10", recurrence: { kind: "yearly", month: 10, day: 10 } },
      { completedOn: "2023-10-05" },
    );
    expect(taskStatus(done, "2023-10-08")).toEqual({
      status: "done-on-time",
      due: "2023-10-10",
      completedOn: "2023-10-05",
    });
    expect(taskStatus(done, "2023-10-10").status).toBe("done-on-time");
    expect(taskStatus(done, "2023-10-11")).toEqual({
      status: "in-progress",
      due: "2024-10-10",
      daysLeft: 365,
    });
  });

  it("the occurrence after the covered one becomes overdue once past", () => {
    const q = task({ text: "Hằng quý", recurrence: { kind: "quarterly" } }, { completedOn: "2023-03-20" });
    expect(taskStatus(q, "2023-03-25")).toMatchObject({ status: "done-on-time", due: "2023-03-31" });
    expect(taskStatus(q, "2023-05-01")).toEqual({ status: "in-progress", due: "2023-06-30", daysLeft: 60 });
    expect(taskStatus(q, "2023-07-05")).toEqual({ status: "overdue", due: "2023-06-30", daysOverdue: 5 });
    expect(effectiveDue(q, "2023-07-05")).toBe("2023-06-30");
  });

  it("monthly with a day", () => {
    const m = task({ text: "Trước ngày 25 hằng tháng", recurrence: { kind: "monthly", day: 25 } });
    expect(taskStatus(m, "2023-06-26")).toMatchObject({
      status: "in-progress",
      due: "2023-07-25",
      daysLeft: 29,
    });
  });

  it("reads the recurrence from the text when not filled", () => {
    expect(effectiveDue(task({ text: "Hằng quý" }), "2023-05-01")).toBe("2023-06-30");
    expect(effectiveDue(task({ text: "Hằng năm" }), "2023-05-01")).toBe("2023-12-31");
  });

  it("recurrence wins over the continuous flag", () => {
    const t = task({
      text: "Thường xuyên, hằng năm",
      continuous: true,
      recurrence: { kind: "yearly", month: 12, day: 31 },
    });
    expect(taskStatus(t, "2023-05-01")).toMatchObject({ status: "in-progress", due: "2023-12-31" });
  });

  it("an explicit due date wins over the recurrence", () => {
    const t = task({ text: "Hằng quý", due: "2023-05-15", recurrence: { kind: "quarterly" } });
    expect(taskStatus(t, "2023-05-20")).toEqual({ status: "overdue", due: "2023-05-15", daysOverdue: 5 });
  });
});

describe("works with a task object without progress", () => {
  it("treats missing progress as empty", () => {
    expect(taskStatus({ deadline: { text: "Năm 2023", due: "2023-12-31" } }, "2023-12-01")).toEqual({
      status: "in-progress",
      due: "2023-12-31",
      daysLeft: 30,
    });
  });
});
