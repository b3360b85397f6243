/**
 * Reminders and reports follow units that changed (issue 16), on the shipped knowledge (the Sở TT&TT
 * merged into the Sở Khoa học và Công nghệ from 01/03/2025) and on a variant where it is closed with no
 * successor (illustrative).
 */
import { describe, expect, it } from "vitest";
import { readShippedKnowledge } from "../../../src/app/knowledge.ts";
import { Knowledge } from "../../../src/core/knowledge/model.ts";
import { buildDailyDigest } from "../../../src/core/reminders/digest.ts";
import { planReminders, type RecipientUser, remindersPreview } from "../../../src/core/reminders/planner.ts";
import { buildOverview } from "../../../src/core/reports/overview.ts";

const shipped = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
const kb = new Knowledge(shipped);
const TASK = "nv-tuyen-truyen-ngay-cds-tinh"; // led by the Sở TT&TT, due 10/10 every year

const head = (id: string, unitId: string): RecipientUser => ({
  id,
  channel: "telegram",
  chatId: id,
  name: `Thủ trưởng ${unitId}`,
  unitId,
  role: "head",
  reachable: true,
});
const users = [head("u-tttt", "so-tttt"), head("u-khcn", "so-khcn")];
const plan = (k: Knowledge, day: string) =>
  planReminders({
    now: new Date(`${day}T09:00:00+07:00`),
    knowledge: k,
    users,
    log: { stateOf: () => undefined },
  });
const forTask = (p: ReturnType<typeof plan>) =>
  p.reminders.filter((r) => r.taskId === TASK).map((r) => `${r.unitId}:${r.recipient.id}`);

describe("reminders go to the successor's head from the merger's date on", () => {
  it("before the date: the Sở TT&TT's head, as linked", () => {
    expect(forTask(plan(kb, "2024-10-03"))).toEqual(["so-tttt:u-tttt"]);
  });

  it("from the date: the Sở KH&CN, whose heads include the official linked to the Sở TT&TT", () => {
    expect(forTask(plan(kb, "2025-10-03"))).toEqual(["so-khcn:u-khcn", "so-khcn:u-tttt"]);
  });

  it("the preview lists no unit that no longer exists", () => {
    const items = remindersPreview(plan(kb, "2026-10-05"), kb);
    expect(items.some((i) => i.taskId === TASK)).toBe(true);
    for (const i of items) expect(kb.unitExistsOn(i.unitId, "2026-10-05"), i.unitId).toBe(true);
  });
});

describe("a closed unit gets no reminder; its open task is named as having no lead", () => {
  const closed = new Knowledge({
    ...shipped,
    units: shipped.units.map((u) =>
      u.id === "so-tttt"
        ? {
            ...u,
            history: [
              {
                kind: "closed" as const,
                date: "2025-03-01",
                successors: [],
                predecessors: [],
                sources: u.sources,
              },
            ],
          }
        : u,
    ),
  });

  it("no reminder, listed in noLead, and in the secretariat's digest", () => {
    const p = plan(closed, "2025-10-03");
    expect(forTask(p)).toEqual([]);
    expect(p.noLead.map((n) => n.taskId)).toEqual([TASK]);
    const digest = buildDailyDigest({
      today: "2025-10-03",
      knowledge: closed,
      sent: 0,
      late: 0,
      failed: 0,
      answers: [],
      pendingExtensions: 0,
      escalated: 0,
      unreachable: [],
      noRecipientUnits: [],
    });
    expect(digest.lines.join("\n")).toContain("Nhiệm vụ chưa có đơn vị chủ trì hiện nay");
    expect(digest.lines.join("\n")).toContain("Tuyên truyền Ngày Chuyển đổi số tỉnh");
  });
});

describe("the overview: a past period with that period's units, the current one with today's", () => {
  it("2023 seen in 2026: the Sở TT&TT as it was, no Sở KH&CN", () => {
    const o = buildOverview(kb, "2026-03-10", { year: 2023 });
    const ids = o.units.map((u) => u.unit.id);
    expect(ids).toContain("so-tttt");
    expect(ids).not.toContain("so-khcn");
    // The same report as on the knowledge before the change was recorded (no history, no Sở KH&CN).
    const before = new Knowledge({
      ...shipped,
      units: shipped.units.filter((u) => u.id !== "so-khcn").map(({ history: _, ...u }) => u),
      unitGroups: shipped.unitGroups.map(({ history: _, ...g }) => g),
    });
    const view = (x: typeof o) => ({
      units: x.units.map((u) => [u.unit.id, u.unit.name, u.counts, u.colour]),
      totals: x.totals,
      top: x.topOverdue,
    });
    expect(view(o)).toEqual(view(buildOverview(before, "2026-03-10", { year: 2023 })));
  });

  it("now: the Sở KH&CN with the task it took over, no Sở TT&TT", () => {
    const o = buildOverview(kb, "2026-03-10");
    const ids = o.units.map((u) => u.unit.id);
    expect(ids).not.toContain("so-tttt");
    const khcn = o.units.find((u) => u.unit.id === "so-khcn");
    expect(khcn?.tasks.map((t) => t.task.id)).toContain(TASK);
  });
});
