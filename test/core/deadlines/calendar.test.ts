import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  holidaySet,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
} from "../../../src/core/deadlines/calendar.ts";

// 30/4 – 3/5/2023 off (Sat 29/4 … Wed 3/5); 1–4/9/2023 off (Fri 1/9 … Mon 4/9); 1/1/2024 (Mon)
const H = holidaySet([
  { date: "2023-05-01", name: "Ngày Quốc tế Lao động" },
  { date: "2023-05-02", name: "Nghỉ bù" },
  { date: "2023-05-03", name: "Nghỉ bù" },
  { date: "2023-09-01", name: "Quốc khánh" },
  { date: "2023-09-04", name: "Nghỉ bù Quốc khánh" },
  { date: "2024-01-01", name: "Tết Dương lịch" },
]);
const NONE = new Set<string>();

describe("isWorkingDay", () => {
  it("is Monday to Friday", () => {
    expect(isWorkingDay("2023-06-26", NONE)).toBe(true); // Mon
    expect(isWorkingDay("2023-06-30", NONE)).toBe(true); // Fri
    expect(isWorkingDay("2023-07-01", NONE)).toBe(false); // Sat
    expect(isWorkingDay("2023-07-02", NONE)).toBe(false); // Sun
  });

  it("skips holidays", () => {
    expect(isWorkingDay("2023-05-02", H)).toBe(false);
    expect(isWorkingDay("2023-05-04", H)).toBe(true);
    expect(isWorkingDay("2024-01-01", H)).toBe(false);
    expect(isWorkingDay("2024-01-01", NONE)).toBe(true);
  });
});

describe("nextWorkingDay / previousWorkingDay", () => {
  it("skips the weekend", () => {
    expect(nextWorkingDay("2023-06-30", NONE)).toBe("2023-07-03"); // Fri → Mon
    expect(nextWorkingDay("2023-07-01", NONE)).toBe("2023-07-03"); // Sat → Mon
    expect(nextWorkingDay("2023-06-26", NONE)).toBe("2023-06-27");
    expect(previousWorkingDay("2023-07-03", NONE)).toBe("2023-06-30"); // Mon → Fri
    expect(previousWorkingDay("2023-07-02", NONE)).toBe("2023-06-30"); // Sun → Fri
  });

  it("skips holidays and the weekend around them", () => {
    expect(nextWorkingDay("2023-04-28", H)).toBe("2023-05-04"); // Fri → Thu after the break
    expect(nextWorkingDay("2023-08-31", H)).toBe("2023-09-05");
    expect(previousWorkingDay("2023-09-05", H)).toBe("2023-08-31");
    expect(nextWorkingDay("2023-12-29", H)).toBe("2024-01-02");
  });

  it("is strictly after / before", () => {
    expect(nextWorkingDay("2023-06-27", NONE)).not.toBe("2023-06-27");
  });

  it("gives up on a calendar with no working day", () => {
    const all = new Set<string>();
    for (
      let d = new Date(Date.UTC(2023, 0, 1));
      d.getUTCFullYear() < 2034;
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      all.add(d.toISOString().slice(0, 10));
    }
    expect(() => nextWorkingDay("2023-01-01", all)).toThrow(RangeError);
  });
});

describe("workingDayOnOrAfter / OnOrBefore", () => {
  it("keeps a working day, moves a day off", () => {
    expect(workingDayOnOrAfter("2023-06-30", NONE)).toBe("2023-06-30");
    expect(workingDayOnOrAfter("2023-07-01", NONE)).toBe("2023-07-03");
    expect(workingDayOnOrAfter("2023-09-02", H)).toBe("2023-09-05");
    expect(workingDayOnOrBefore("2023-09-02", H)).toBe("2023-08-31");
    expect(workingDayOnOrBefore("2023-06-30", H)).toBe("2023-06-30");
  });
});

describe("addWorkingDays", () => {
  it("adds forward", () => {
    expect(addWorkingDays("2023-06-26", 4, NONE)).toBe("2023-06-30"); // Mon + 4 = Fri
    expect(addWorkingDays("2023-06-30", 1, NONE)).toBe("2023-07-03"); // Fri + 1 = Mon
    expect(addWorkingDays("2023-06-26", 5, NONE)).toBe("2023-07-03");
    expect(addWorkingDays("2023-06-26", 10, NONE)).toBe("2023-07-10");
  });

  it("counts back", () => {
    expect(addWorkingDays("2023-07-03", -1, NONE)).toBe("2023-06-30");
    expect(addWorkingDays("2023-06-30", -3, NONE)).toBe("2023-06-27");
    expect(addWorkingDays("2023-05-04", -1, H)).toBe("2023-04-28");
  });

  it("starts from a day off", () => {
    expect(addWorkingDays("2023-07-01", 1, NONE)).toBe("2023-07-03"); // Sat + 1 = Mon
    expect(addWorkingDays("2023-07-02", -1, NONE)).toBe("2023-06-30"); // Sun − 1 = Fri
  });

  it("skips holidays", () => {
    expect(addWorkingDays("2023-04-27", 2, H)).toBe("2023-05-04");
    expect(addWorkingDays("2023-08-30", 3, H)).toBe("2023-09-06");
  });

  it("n = 0 returns the day unchanged", () => {
    expect(addWorkingDays("2023-07-01", 0, NONE)).toBe("2023-07-01");
  });

  it("rejects a fractional n", () => {
    expect(() => addWorkingDays("2023-07-01", 1.5, NONE)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days in (a, b]", () => {
    expect(workingDaysBetween("2023-06-26", "2023-06-30", NONE)).toBe(4);
    expect(workingDaysBetween("2023-06-30", "2023-07-03", NONE)).toBe(1);
    expect(workingDaysBetween("2023-06-26", "2023-07-03", NONE)).toBe(5);
    expect(workingDaysBetween("2023-07-01", "2023-07-02", NONE)).toBe(0);
  });

  it("is negative backwards and 0 for the same day", () => {
    expect(workingDaysBetween("2023-06-30", "2023-06-26", NONE)).toBe(-4);
    expect(workingDaysBetween("2023-06-30", "2023-06-30", NONE)).toBe(0);
  });

  it("skips holidays", () => {
    expect(workingDaysBetween("2023-04-28", "2023-05-04", H)).toBe(1);
    expect(workingDaysBetween("2023-04-28", "2023-05-04", NONE)).toBe(4);
    expect(workingDaysBetween("2023-12-29", "2024-01-02", H)).toBe(1);
  });

  it("is the inverse of addWorkingDays on working days", () => {
    for (const n of [1, 3, 7, 15, -2, -9]) {
      const b = addWorkingDays("2023-04-25", n, H);
      expect(workingDaysBetween("2023-04-25", b, H)).toBe(n);
    }
  });
});
