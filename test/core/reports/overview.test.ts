import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { taskStatus } from "../../../src/core/deadlines/status.ts";
import {
  buildOverview,
  colourOf,
  DEFAULT_OVERVIEW_RULES,
  overviewRulesFromConfig,
  statusInYear,
  viPercent,
} from "../../../src/core/reports/overview.ts";
import { illustrativePlan, knowledgeOf, PLAN_TODAY, task, unit } from "./fixture.ts";

// Illustrative fixtures (see fixture.ts): invented units and dates around a chosen "today".
const TODAY = "2024-06-15";
const FAR = "2024-12-31";

/** A unit with one task due on `due` and `others` tasks due far ahead. */
function plan(spec: Record<string, { due: string; others: number }>) {
  const units = Object.keys(spec).map((id) => unit(id, `Đơn vị ${id.toUpperCase()}`));
  const tasks = Object.entries(spec).flatMap(([id, s]) => [
    task(`${id}-x`, [id], s.due),
    ...Array.from({ length: s.others }, (_, i) => task(`${id}-${i}`, [id], FAR)),
  ]);
  return knowledgeOf(units, tasks);
}

describe("colour rules at their boundaries (today 15/06/2024)", () => {
  const kb = plan({
    a: { due: "2024-05-16", others: 4 }, // overdue 30 days, 1/5 = 20 %
    b: { due: "2024-05-15", others: 4 }, // overdue 31 days
    c: { due: "2024-06-14", others: 3 }, // overdue 1 day, 1/4 = 25 %
    d: { due: "2024-06-14", others: 4 }, // overdue 1 day, 1/5 = 20 %
    e: { due: "2024-06-22", others: 0 }, // due in 7 days
    f: { due: "2024-06-23", others: 0 }, // due in 8 days
    g: { due: TODAY, others: 0 }, // due today
  });
  const o = buildOverview(kb, TODAY);
  const byId = Object.fromEntries(o.units.map((u) => [u.unit.id, u]));

  it("30 days overdue is not red, 31 days is", () => {
    expect(byId["a"]!.worstOverdueDays).toBe(30);
    expect(byId["a"]!.colour).toBe("orange");
    expect(byId["b"]!.worstOverdueDays).toBe(31);
    expect(byId["b"]!.colour).toBe("red");
    expect(byId["b"]!.reason).toBe("có nhiệm vụ quá hạn 31 ngày (quá 30 ngày)");
  });

  it("20 % overdue is not red, 25 % is", () => {
    expect(byId["d"]!.overdueShare).toBe(0.2);
    expect(byId["d"]!.colour).toBe("orange");
    expect(byId["d"]!.reason).toBe("có 1 nhiệm vụ quá hạn");
    expect(byId["c"]!.overdueShare).toBe(0.25);
    expect(byId["c"]!.colour).toBe("red");
    expect(byId["c"]!.reason).toBe("25% nhiệm vụ quá hạn (trên 20%)");
  });

  it("due within 7 days (today included) is orange, in 8 days green", () => {
    expect(byId["e"]!.colour).toBe("orange");
    expect(byId["e"]!.dueSoon).toBe(1);
    expect(byId["e"]!.reason).toBe("có 1 nhiệm vụ đến hạn trong 7 ngày tới");
    expect(byId["g"]!.colour).toBe("orange");
    expect(byId["f"]!.colour).toBe("green");
    expect(byId["f"]!.dueSoon).toBe(0);
  });

  it("sorts red, orange, green; then more overdue, longer overdue, more due soon, name", () => {
    expect(o.units.map((u) => u.unit.id)).toEqual(["b", "c", "a", "d", "e", "g", "f"]);
    expect(o.colourCounts).toEqual({ red: 2, orange: 4, green: 1 });
  });

  it("counts by status and share per unit", () => {
    expect(byId["a"]!.counts).toEqual({
      "done-on-time": 0,
      "done-late": 0,
      "in-progress": 4,
      overdue: 1,
      "no-deadline": 0,
    });
    expect(byId["a"]!.total).toBe(5);
  });

  it("lists the tasks overdue the longest, each with unit, due date and days", () => {
    expect(o.topOverdue.map((x) => [x.taskId, x.unitNames, x.due, x.daysOverdue])).toEqual([
      ["b-x", "Đơn vị B", "2024-05-15", 31],
      ["a-x", "Đơn vị A", "2024-05-16", 30],
      ["c-x", "Đơn vị C", "2024-06-14", 1],
      ["d-x", "Đơn vị D", "2024-06-14", 1],
    ]);
    expect(buildOverview(kb, TODAY, { topN: 2 }).topOverdue).toHaveLength(2);
  });

  it("takes other rules (from the configuration)", () => {
    const rules = overviewRulesFromConfig(
      loadConfig(
        { OVERVIEW_RED_OVERDUE_DAYS: "31", OVERVIEW_RED_OVERDUE_SHARE: "25", OVERVIEW_ORANGE_DUE_DAYS: "8" },
        "/nonexistent/.env",
      ),
    );
    expect(rules).toEqual({ redOverdueDays: 31, redOverdueShare: 25, orangeDueDays: 8 });
    const o2 = buildOverview(kb, TODAY, { rules });
    const c = Object.fromEntries(o2.units.map((u) => [u.unit.id, u.colour]));
    expect(c).toEqual({
      a: "orange",
      b: "orange", // 31 days is no longer more than 31
      c: "orange", // 25 % is no longer more than 25 %
      d: "orange",
      e: "orange",
      f: "orange", // 8 days is now within the window
      g: "orange",
    });
  });
});

describe("configuration of the rules", () => {
  it("defaults to 30 days, 20 %, 7 days", () => {
    const c = loadConfig({}, "/nonexistent/.env");
    expect(overviewRulesFromConfig(c)).toEqual(DEFAULT_OVERVIEW_RULES);
    expect(DEFAULT_OVERVIEW_RULES).toEqual({ redOverdueDays: 30, redOverdueShare: 20, orangeDueDays: 7 });
  });

  it("names a wrong variable", () => {
    expect(() => loadConfig({ OVERVIEW_RED_OVERDUE_SHARE: "150" }, "/nonexistent/.env")).toThrow(ConfigError);
    try {
      loadConfig({ OVERVIEW_RED_OVERDUE_SHARE: "150" }, "/nonexistent/.env");
    } catch (e) {
      expect((e as ConfigError).problems.join("\n")).toContain(
        "OVERVIEW_RED_OVERDUE_SHARE: phải từ 0 đến 100",
      );
    }
  });
});

describe("colourOf", () => {
  it("is green for an empty or finished unit", () => {
    expect(colourOf([]).colour).toBe("green");
    expect(colourOf([{ status: "done-late", due: "2024-01-01", completedOn: "2024-03-01" }]).colour).toBe(
      "green",
    );
  });

  it("formats shares the Vietnamese way", () => {
    expect(viPercent(1 / 3)).toBe("33,3%");
    expect(viPercent(0.25)).toBe("25%");
  });
});

describe("the illustrative plan", () => {
  const kb = illustrativePlan();
  const o = buildOverview(kb, PLAN_TODAY);

  it("lists only the province's units that lead a task", () => {
    const ids = o.units.map((u) => u.unit.id);
    expect(ids).not.toContain("bo-minh-hoa");
    expect(ids).toHaveLength(8);
  });

  it("counts a group task for each member unit, and once in the totals", () => {
    const nh = o.units.find((u) => u.unit.id === "huyen-ninh-hai")!;
    const pr = o.units.find((u) => u.unit.id === "tp-phan-rang")!;
    for (const u of [nh, pr]) expect(u.tasks.map((t) => t.task.id)).toContain("huyen-chung");
    // "chung-thuong-xuyen" is for every unit: one "chưa có hạn" in each unit, one in the totals
    for (const u of o.units) expect(u.counts["no-deadline"]).toBe(1);
    expect(o.totals.counts["no-deadline"]).toBe(1);
  });

  it("totals equal the statuses of the distinct tasks led by provincial units", () => {
    const provincial = new Set(kb.provincialUnits().map((u) => u.id));
    const tasks = kb.data.tasks.filter((t) => kb.unitsOf(t.lead).some((u) => provincial.has(u.id)));
    const expected = { "done-on-time": 0, "done-late": 0, "in-progress": 0, overdue: 0, "no-deadline": 0 };
    for (const t of tasks) expected[taskStatus(t, PLAN_TODAY).status]++;
    expect(o.totals.counts).toEqual(expected);
    expect(o.totals.total).toBe(tasks.length);
    // Unit rows equal the statuses of each unit's lead tasks
    for (const u of o.units) {
      const own = { "done-on-time": 0, "done-late": 0, "in-progress": 0, overdue: 0, "no-deadline": 0 };
      for (const t of kb.tasksOfUnit(u.unit.id).lead) own[taskStatus(t, PLAN_TODAY).status]++;
      expect(u.counts).toEqual(own);
    }
  });

  it("colours and orders the units worst first", () => {
    expect(o.units.map((u) => [u.unit.id, u.colour])).toEqual([
      ["huyen-ninh-hai", "red"],
      ["so-tttt", "red"],
      ["so-noi-vu", "red"],
      ["so-khdt", "orange"],
      ["so-tai-chinh", "orange"],
      ["so-gddt", "green"],
      ["so-y-te", "green"],
      ["tp-phan-rang", "green"],
    ]);
  });

  it("filters by year: the year's tasks, ongoing work, and recurring tasks", () => {
    const y2023 = buildOverview(kb, PLAN_TODAY, { year: 2023 });
    const tttt = y2023.units.find((u) => u.unit.id === "so-tttt")!;
    expect(tttt.tasks.map((t) => t.task.id).sort()).toEqual([
      "chung-thuong-xuyen",
      "tttt-2023",
      "tttt-bao-cao-quy",
    ]);
    const y2024 = buildOverview(kb, PLAN_TODAY, { year: 2024 });
    expect(y2024.units.find((u) => u.unit.id === "so-tttt")!.tasks.map((t) => t.task.id)).not.toContain(
      "tttt-2023",
    );
    expect(y2024.year).toBe(2024);
    const y2030 = buildOverview(kb, PLAN_TODAY, { year: 2030 });
    const t2030 = y2030.units.find((u) => u.unit.id === "so-tttt")!;
    expect(t2030.tasks.map((t) => [t.task.id, t.status.status, t.status.due])).toEqual([
      ["tttt-bao-cao-quy", "in-progress", "2030-03-31"],
      ["chung-thuong-xuyen", "no-deadline", undefined],
    ]);
    expect(y2030.units.filter((u) => u.unit.id !== "so-tttt").every((u) => u.total === 1)).toBe(true);
  });
});

describe("statusInYear", () => {
  const quarterly = (progress = {}) =>
    task("q", ["u"], { text: "Hằng quý", recurrence: { kind: "quarterly" } }, progress);

  it("is the usual status without a year, or when the current occurrence is in the year", () => {
    const t = quarterly();
    expect(statusInYear(t, TODAY)).toEqual(taskStatus(t, TODAY));
    expect(statusInYear(t, TODAY, 2024)).toEqual({ status: "in-progress", due: "2024-06-30", daysLeft: 15 });
  });

  it("a past year: its last occurrence, done on time, done late or overdue", () => {
    expect(statusInYear(quarterly(), TODAY, 2023)).toEqual({
      status: "overdue",
      due: "2023-12-31",
      daysOverdue: 167,
    });
    expect(statusInYear(quarterly({ completedOn: "2023-12-20" }), TODAY, 2023)).toEqual({
      status: "done-on-time",
      due: "2023-12-31",
      completedOn: "2023-12-20",
    });
    expect(statusInYear(quarterly({ completedOn: "2024-01-10" }), TODAY, 2023)).toEqual({
      status: "done-late",
      due: "2023-12-31",
      completedOn: "2024-01-10",
      daysOverdue: 10,
    });
  });

  it("a year to come: its first occurrence, in progress", () => {
    expect(statusInYear(quarterly(), TODAY, 2025)).toEqual({
      status: "in-progress",
      due: "2025-03-31",
      daysLeft: 289,
    });
  });

  it("one-off tasks belong to the year of their due date, extension or `year`", () => {
    expect(statusInYear(task("a", ["u"], "2024-03-31"), TODAY, 2024)?.status).toBe("overdue");
    expect(statusInYear(task("a", ["u"], "2024-03-31"), TODAY, 2023)).toBeUndefined();
    expect(statusInYear(task("a", ["u"], "2023-12-31", { extendedTo: "2024-07-31" }), TODAY, 2024)).toEqual({
      status: "in-progress",
      due: "2024-07-31",
      daysLeft: 46,
    });
    const noDate = task("n", ["u"], { text: "Trong năm 2023" }, {}, { year: 2023 });
    expect(statusInYear(noDate, TODAY, 2023)?.status).toBe("no-deadline");
    expect(statusInYear(noDate, TODAY, 2024)).toBeUndefined();
    const ongoing = task("o", ["u"], { text: "Thường xuyên", continuous: true });
    expect(statusInYear(ongoing, TODAY, 2031)?.status).toBe("no-deadline");
  });
});
