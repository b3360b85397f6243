import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  atLocalTime,
  dayNumber,
  dayNumberOf,
  daysInMonth,
  diffDays,
  endOfMonth,
  endOfQuarter,
  formatViDate,
  formatViDayMonth,
  isIsoDate,
  isLeapYear,
  isoDate,
  isoOfDay,
  localDate,
  parseIsoDate,
  quarterOf,
  startOfQuarter,
  startOfWeek,
  systemClock,
  viWeekdayName,
  weekday,
  weekdayOfDay,
  ymdOfDay,
  ZONE,
} from "../../src/core/time.ts";

describe("zone and clock", () => {
  it("uses Asia/Ho_Chi_Minh", () => {
    expect(ZONE).toBe("Asia/Ho_Chi_Minh");
  });

  it("systemClock returns the current instant", () => {
    const before = Date.now();
    const t = systemClock().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});

describe("localDate", () => {
  it("gives the Vietnamese calendar day, not the UTC one", () => {
    // 17:00 UTC = 00:00 next day in Vietnam (UTC+7)
    expect(localDate(new Date("2023-06-30T16:59:59Z"))).toBe("2023-06-30");
    expect(localDate(new Date("2023-06-30T17:00:00Z"))).toBe("2023-07-01");
  });

  it("crosses the year at 17:00 UTC on 31/12", () => {
    expect(localDate(new Date("2023-12-31T16:59:00Z"))).toBe("2023-12-31");
    expect(localDate(new Date("2023-12-31T17:00:00Z"))).toBe("2024-01-01");
  });

  it("early morning UTC is the same day", () => {
    expect(localDate(new Date("2023-02-20T01:00:00Z"))).toBe("2023-02-20");
  });
});

describe("atLocalTime", () => {
  it("is the instant of a local time in Vietnam", () => {
    expect(atLocalTime("2023-06-30", "08:00").toISOString()).toBe("2023-06-30T01:00:00.000Z");
    expect(atLocalTime("2023-07-01", "00:00").toISOString()).toBe("2023-06-30T17:00:00.000Z");
    expect(atLocalTime("2023-06-30", "7:30").toISOString()).toBe("2023-06-30T00:30:00.000Z");
  });

  it("round-trips with localDate", () => {
    expect(localDate(atLocalTime("2024-02-29", "23:59"))).toBe("2024-02-29");
  });

  it("rejects a bad time or date", () => {
    expect(() => atLocalTime("2023-06-30", "8h")).toThrow();
    expect(() => atLocalTime("30/6/2023", "08:00")).toThrow();
  });
});

describe("parseIsoDate / isoDate", () => {
  it("splits a valid date", () => {
    expect(parseIsoDate("2023-06-30")).toEqual({ year: 2023, month: 6, day: 30 });
  });

  it("rejects days that do not exist and other formats", () => {
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2023-04-31")).toBeNull();
    expect(parseIsoDate("2023-13-01")).toBeNull();
    expect(parseIsoDate("2023-6-30")).toBeNull();
    expect(parseIsoDate("30/06/2023")).toBeNull();
    expect(parseIsoDate("2023-06-30T00:00:00Z")).toBeNull();
    expect(parseIsoDate("")).toBeNull();
  });

  it("accepts 29/2 in leap years only", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2000-02-29")).not.toBeNull();
    expect(parseIsoDate("1900-02-29")).toBeNull();
    expect(isIsoDate("2100-02-29")).toBe(false);
  });

  it("builds padded ISO dates", () => {
    expect(isoDate(2023, 1, 5)).toBe("2023-01-05");
    expect(isoDate(2023, 2, 29)).toBeNull();
    expect(isoDate(2023, 0, 1)).toBeNull();
    expect(isoDate(2023, 1.5, 1)).toBeNull();
  });
});

describe("leap years and month lengths", () => {
  it("knows leap years", () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
  });

  it("knows month lengths", () => {
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });
});

describe("addDays / diffDays", () => {
  it("adds across month and year ends", () => {
    expect(addDays("2023-06-30", 1)).toBe("2023-07-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-01-01", -1)).toBe("2023-12-31");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-06-30", 0)).toBe("2023-06-30");
    expect(addDays("2023-01-01", 365)).toBe("2024-01-01");
    expect(addDays("2024-01-01", 366)).toBe("2025-01-01");
  });

  it("counts whole calendar days b − a", () => {
    expect(diffDays("2023-06-01", "2023-06-30")).toBe(29);
    expect(diffDays("2023-06-30", "2023-06-01")).toBe(-29);
    expect(diffDays("2023-06-30", "2023-06-30")).toBe(0);
    expect(diffDays("2023-12-31", "2024-01-01")).toBe(1);
    expect(diffDays("2024-02-01", "2024-03-01")).toBe(29);
    expect(diffDays("2023-02-01", "2023-03-01")).toBe(28);
  });

  it("throws on a non-date", () => {
    expect(() => addDays("2023-02-30", 1)).toThrow(RangeError);
    expect(() => diffDays("x", "2023-01-01")).toThrow(RangeError);
  });
});

describe("addMonths", () => {
  it("clamps to the month end", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2023-03-31", -1)).toBe("2023-02-28");
    expect(addMonths("2023-11-15", 2)).toBe("2024-01-15");
    expect(addMonths("2023-01-15", -1)).toBe("2022-12-15");
  });
});

describe("weekday", () => {
  it("is 0 for Sunday", () => {
    expect(weekday("2023-06-25")).toBe(0); // Sunday
    expect(weekday("2023-06-26")).toBe(1); // Monday
    expect(weekday("2023-06-30")).toBe(5); // Friday
    expect(weekday("2023-07-01")).toBe(6); // Saturday
    expect(weekday("2024-02-29")).toBe(4); // Thursday
  });

  it("names the weekday in Vietnamese", () => {
    expect(viWeekdayName("2023-06-25")).toBe("Chủ nhật");
    expect(viWeekdayName("2023-06-26")).toBe("Thứ Hai");
    expect(viWeekdayName("2023-07-01")).toBe("Thứ Bảy");
  });
});

describe("formatting", () => {
  it("writes dd/MM/yyyy", () => {
    expect(formatViDate("2023-06-30")).toBe("30/06/2023");
    expect(formatViDate("2023-02-02")).toBe("02/02/2023");
    expect(formatViDayMonth("2023-11-05")).toBe("05/11");
  });
});

describe("month, quarter and week bounds", () => {
  it("endOfMonth", () => {
    expect(endOfMonth(2023, 6)).toBe("2023-06-30");
    expect(endOfMonth(2023, 2)).toBe("2023-02-28");
    expect(endOfMonth(2024, 2)).toBe("2024-02-29");
    expect(endOfMonth(2023, 12)).toBe("2023-12-31");
  });

  it("endOfQuarter / startOfQuarter / quarterOf", () => {
    expect(endOfQuarter(2023, 1)).toBe("2023-03-31");
    expect(endOfQuarter(2023, 2)).toBe("2023-06-30");
    expect(endOfQuarter(2023, 3)).toBe("2023-09-30");
    expect(endOfQuarter(2023, 4)).toBe("2023-12-31");
    expect(() => endOfQuarter(2023, 5)).toThrow(RangeError);
    expect(startOfQuarter(2023, 3)).toBe("2023-07-01");
    expect(quarterOf("2023-03-31")).toBe(1);
    expect(quarterOf("2023-04-01")).toBe(2);
    expect(quarterOf("2023-12-31")).toBe(4);
  });

  it("startOfWeek is the Monday", () => {
    expect(startOfWeek("2023-11-23")).toBe("2023-11-20"); // Thursday
    expect(startOfWeek("2023-11-20")).toBe("2023-11-20"); // Monday
    expect(startOfWeek("2023-11-26")).toBe("2023-11-20"); // Sunday
    expect(startOfWeek("2024-01-03")).toBe("2024-01-01");
    expect(startOfWeek("2023-01-01")).toBe("2022-12-26"); // Sunday, week began in 2022
  });
});

describe("day numbers (the integer arithmetic under addDays, diffDays, weekday)", () => {
  it("counts days from 1970-01-01 as Date.UTC does, both ways, across leap days and centuries", () => {
    const days: string[] = [];
    for (let y = 1600; y <= 2400; y += 3)
      for (const md of ["01-01", "02-28", "02-29", "03-01", "12-31"]) {
        const iso = `${y}-${md}`;
        if (isIsoDate(iso)) days.push(iso);
      }
    for (const iso of days) {
      const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
      const n = Date.UTC(y, m - 1, d) / 86_400_000;
      expect(dayNumber(iso)).toBe(n);
      expect(dayNumberOf(y, m, d)).toBe(n);
      expect(isoOfDay(n)).toBe(iso);
      expect(ymdOfDay(n)).toEqual({ year: y, month: m, day: d });
      expect(weekdayOfDay(n)).toBe(new Date(Date.UTC(y, m - 1, d)).getUTCDay());
    }
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(isoOfDay(-1)).toBe("1969-12-31");
    expect(weekdayOfDay(-1)).toBe(3); // 31/12/1969 was a Wednesday
  });

  it("moves across month, year and leap-day ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-03-01", -366)).toBe("2025-02-28");
    expect(diffDays("2024-01-01", "2025-01-01")).toBe(366);
    expect(diffDays("2025-01-01", "2024-01-01")).toBe(-366);
  });

  it("reads only strict, existing ISO days", () => {
    for (const bad of [
      "2024-1-01",
      " 2024-01-01",
      "2024-01-01 ",
      "2024-01-01\n",
      "2024/01/01",
      "2023-02-29",
      "2024-04-31",
      "2024-13-01",
      "0000-01-01",
      "２０２４-01-01",
      "+024-01-01",
    ])
      expect(parseIsoDate(bad)).toBeNull();
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(() => dayNumber("2023-02-29")).toThrow(RangeError);
  });
});
