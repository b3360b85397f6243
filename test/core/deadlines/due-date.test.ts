import { describe, expect, it } from "vitest";
import { nextOccurrence, occurrences, parseDeadline } from "../../../src/core/deadlines/due-date.ts";
import type { Recurrence } from "../../../src/core/knowledge/schema.ts";
import { addDays, daysInMonth } from "../../../src/core/time.ts";

describe("parseDeadline: one-off due dates", () => {
  it.each([
    ["Quý I/2023", "2023-03-31"],
    ["Quý II/2023", "2023-06-30"],
    ["Quý III/2023", "2023-09-30"],
    ["Quý IV/2023", "2023-12-31"],
    ["quy ii/2023", "2023-06-30"],
    ["Quý 2 năm 2023", "2023-06-30"],
    ["Trong quý II/2023", "2023-06-30"],
    ["Tháng 6/2023", "2023-06-30"],
    ["tháng 2/2024", "2024-02-29"],
    ["tháng 2/2023", "2023-02-28"],
    ["Tháng 12/2023", "2023-12-31"],
    ["Trước 30/6/2023", "2023-06-30"],
    ["30/6/2023", "2023-06-30"],
    ["Trước ngày 30/6/2023", "2023-06-30"],
    ["truoc ngay 30/6/2023", "2023-06-30"],
    ["Trước ngày 30 tháng 6 năm 2023", "2023-06-30"],
    ["6 tháng đầu năm 2023", "2023-06-30"],
    ["6 tháng cuối năm 2023", "2023-12-31"],
    ["Năm 2023", "2023-12-31"],
    ["Trong năm 2023", "2023-12-31"],
    ["trong nam 2023", "2023-12-31"],
    ["Cuối năm 2023", "2023-12-31"],
    ["2023", "2023-12-31"],
    ["2023-06-30", "2023-06-30"],
    ["Giai đoạn 2021–2025", "2025-12-31"],
    ["2023 - 2025", "2025-12-31"],
    ["45107", "2023-06-30"],
  ])("%j → %s", (text, due) => {
    expect(parseDeadline(text)).toEqual({ due });
  });

  it("uses the context year when the text has none", () => {
    expect(parseDeadline("Quý II", { year: 2023 })).toEqual({ due: "2023-06-30" });
    expect(parseDeadline("Tháng 6", { year: 2024 })).toEqual({ due: "2024-06-30" });
    expect(parseDeadline("Trước 30/6", { year: 2023 })).toEqual({ due: "2023-06-30" });
    expect(parseDeadline("6 tháng đầu năm", { year: 2023 })).toEqual({ due: "2023-06-30" });
    expect(parseDeadline("Quý II/2024", { year: 2023 })).toEqual({ due: "2024-06-30" });
  });

  it("gives no due date without a year", () => {
    expect(parseDeadline("Quý II")).toEqual({});
    expect(parseDeadline("Tháng 6")).toEqual({});
    expect(parseDeadline("30/6")).toEqual({});
  });

  it("does not use phrases relative to today", () => {
    expect(parseDeadline("tuần sau")).toEqual({});
    expect(parseDeadline("trong 7 ngày tới")).toEqual({});
    expect(parseDeadline("năm nay")).toEqual({});
  });

  it("takes the first date when several are named", () => {
    expect(parseDeadline("Quý II/2023 (giai đoạn 1), Quý IV/2023")).toEqual({ due: "2023-06-30" });
  });

  it("returns {} for unknown text", () => {
    expect(parseDeadline("Theo chỉ đạo của UBND tỉnh")).toEqual({});
    expect(parseDeadline("")).toEqual({});
    expect(parseDeadline("   ")).toEqual({});
    expect(parseDeadline("Kịp thời")).toEqual({});
  });

  it("ignores invalid dates", () => {
    expect(parseDeadline("31/2/2023")).toEqual({});
    expect(parseDeadline("Quý V/2023")).toEqual({});
  });
});

describe("parseDeadline: continuous and recurring", () => {
  it.each(["Thường xuyên", "thuong xuyen", "THƯỜNG XUYÊN", "Liên tục", "Hằng ngày", "Hàng tuần"])(
    "%j is continuous",
    (text) => {
      expect(parseDeadline(text)).toEqual({ continuous: true });
    },
  );

  it("keeps a date given with continuous work", () => {
    expect(parseDeadline("Thường xuyên; báo cáo trước 30/6/2023")).toEqual({
      continuous: true,
      due: "2023-06-30",
    });
  });

  it.each([
    ["Hằng năm", 12, 31],
    ["Hàng năm", 12, 31],
    ["hang nam", 12, 31],
    ["Mỗi năm", 12, 31],
    ["Hằng năm 10/10", 10, 10],
    ["Hằng năm, ngày 10/10", 10, 10],
    ["Trước ngày 15/12 hằng năm", 12, 15],
    ["Hằng năm (ngày 10 tháng 10)", 10, 10],
    ["Hằng năm 29/2", 2, 29],
    ["Hằng năm 10/10/2023", 10, 10],
  ])("%j is yearly on %d/%d", (text, month, day) => {
    expect(parseDeadline(text)).toEqual({ recurrence: { kind: "yearly", month, day } });
  });

  it("reads quarterly and monthly", () => {
    expect(parseDeadline("Hằng quý")).toEqual({ recurrence: { kind: "quarterly" } });
    expect(parseDeadline("hang quy")).toEqual({ recurrence: { kind: "quarterly" } });
    expect(parseDeadline("Định kỳ hằng quý")).toEqual({ recurrence: { kind: "quarterly" } });
    expect(parseDeadline("Hằng tháng")).toEqual({ recurrence: { kind: "monthly" } });
    expect(parseDeadline("Hàng tháng")).toEqual({ recurrence: { kind: "monthly" } });
    expect(parseDeadline("Trước ngày 25 hằng tháng")).toEqual({ recurrence: { kind: "monthly", day: 25 } });
    expect(parseDeadline("Hằng tháng, ngày 5")).toEqual({ recurrence: { kind: "monthly", day: 5 } });
  });

  it("combines continuous and recurring", () => {
    expect(parseDeadline("Thường xuyên, hằng năm")).toEqual({
      continuous: true,
      recurrence: { kind: "yearly", month: 12, day: 31 },
    });
  });
});

describe("nextOccurrence", () => {
  it("yearly", () => {
    const r = { kind: "yearly", month: 10, day: 10 } as const;
    expect(nextOccurrence(r, "2023-01-01")).toBe("2023-10-10");
    expect(nextOccurrence(r, "2023-10-10")).toBe("2023-10-10");
    expect(nextOccurrence(r, "2023-10-11")).toBe("2024-10-10");
  });

  it("yearly on 29/2 falls on 28/2 in common years", () => {
    const r = { kind: "yearly", month: 2, day: 29 } as const;
    expect(nextOccurrence(r, "2023-01-01")).toBe("2023-02-28");
    expect(nextOccurrence(r, "2024-01-01")).toBe("2024-02-29");
    expect(nextOccurrence(r, "2023-03-01")).toBe("2024-02-29");
  });

  it("quarterly", () => {
    const r = { kind: "quarterly" } as const;
    expect(nextOccurrence(r, "2023-01-01")).toBe("2023-03-31");
    expect(nextOccurrence(r, "2023-03-31")).toBe("2023-03-31");
    expect(nextOccurrence(r, "2023-04-01")).toBe("2023-06-30");
    expect(nextOccurrence(r, "2023-12-31")).toBe("2023-12-31");
  });

  it("monthly", () => {
    expect(nextOccurrence({ kind: "monthly" }, "2023-02-10")).toBe("2023-02-28");
    expect(nextOccurrence({ kind: "monthly" }, "2024-02-10")).toBe("2024-02-29");
    expect(nextOccurrence({ kind: "monthly", day: 25 }, "2023-06-25")).toBe("2023-06-25");
    expect(nextOccurrence({ kind: "monthly", day: 25 }, "2023-06-26")).toBe("2023-07-25");
    expect(nextOccurrence({ kind: "monthly", day: 25 }, "2023-12-26")).toBe("2024-01-25");
    expect(nextOccurrence({ kind: "monthly", day: 31 }, "2023-04-01")).toBe("2023-04-30");
    expect(nextOccurrence({ kind: "monthly", day: 30 }, "2023-02-01")).toBe("2023-02-28");
  });

  it("throws on a bad date", () => {
    expect(() => nextOccurrence({ kind: "quarterly" }, "2023-02-30")).toThrow(RangeError);
  });
});

describe("occurrences", () => {
  it("lists quarter ends in a window", () => {
    expect(occurrences({ recurrence: { kind: "quarterly" } }, "2023-01-01", "2023-12-31")).toEqual([
      "2023-03-31",
      "2023-06-30",
      "2023-09-30",
      "2023-12-31",
    ]);
    expect(occurrences({ recurrence: { kind: "quarterly" } }, "2023-04-01", "2023-06-29")).toEqual([]);
  });

  it("lists yearly dates across years", () => {
    expect(
      occurrences({ recurrence: { kind: "yearly", month: 10, day: 10 } }, "2022-11-01", "2025-10-10"),
    ).toEqual(["2023-10-10", "2024-10-10", "2025-10-10"]);
  });

  it("lists monthly dates with clamping", () => {
    expect(occurrences({ recurrence: { kind: "monthly", day: 31 } }, "2024-01-01", "2024-04-30")).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
    ]);
  });

  it("includes both ends of the window", () => {
    expect(occurrences({ recurrence: { kind: "monthly" } }, "2023-06-30", "2023-07-31")).toEqual([
      "2023-06-30",
      "2023-07-31",
    ]);
  });

  it("gives a one-off due date once, inside the window only", () => {
    expect(occurrences({ due: "2023-06-30" }, "2023-01-01", "2023-12-31")).toEqual(["2023-06-30"]);
    expect(occurrences({ due: "2023-06-30" }, "2023-07-01", "2023-12-31")).toEqual([]);
    expect(occurrences({ due: "2023-06-30" }, "2023-06-30", "2023-06-30")).toEqual(["2023-06-30"]);
  });

  it("merges a due date with a recurrence", () => {
    expect(
      occurrences({ due: "2023-05-15", recurrence: { kind: "quarterly" } }, "2023-04-01", "2023-09-30"),
    ).toEqual(["2023-05-15", "2023-06-30", "2023-09-30"]);
  });

  it("gives nothing for continuous work or an empty window", () => {
    expect(occurrences({ continuous: true }, "2023-01-01", "2023-12-31")).toEqual([]);
    expect(occurrences({ recurrence: { kind: "quarterly" } }, "2023-12-31", "2023-01-01")).toEqual([]);
  });
});

describe("occurrences agree with a day-by-day reading of the recurrence", () => {
  // The reference walks every day and asks whether a due date falls on it.
  const isDue = (rec: Recurrence, iso: string): boolean => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    const last = daysInMonth(y, m);
    if (rec.kind === "quarterly") return m % 3 === 0 && d === last;
    if (rec.kind === "monthly") return d === Math.min(rec.day ?? 31, last);
    return m === rec.month && d === Math.min(rec.day, last);
  };
  const days: string[] = [];
  for (let d = "2023-01-01"; d <= "2028-03-31"; d = addDays(d, 1)) days.push(d);
  const recs: Recurrence[] = [
    { kind: "quarterly" },
    { kind: "monthly" },
    { kind: "monthly", day: 1 },
    { kind: "monthly", day: 29 },
    { kind: "monthly", day: 31 },
    { kind: "yearly", month: 2, day: 29 },
    { kind: "yearly", month: 12, day: 31 },
    { kind: "yearly", month: 1, day: 1 },
    { kind: "yearly", month: 4, day: 31 },
  ];

  it("on windows starting on every day of four years, including leap days and year ends", () => {
    const wrong: string[] = [];
    for (const rec of recs) {
      const due = days.map((d) => isDue(rec, d));
      for (let i = 0; days[i]! <= "2026-12-31"; i++) {
        const window = days.slice(i, i + 46).filter((_, k) => due[i + k]);
        const got = occurrences({ recurrence: rec }, days[i]!, days[i + 45]!);
        if (got.join() !== window.join()) wrong.push(`${JSON.stringify(rec)} from ${days[i]}: ${got.join()}`);
        const next = days.slice(i).find((_, k) => due[i + k]);
        if (nextOccurrence(rec, days[i]!) !== next)
          wrong.push(`${JSON.stringify(rec)} next after ${days[i]}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
