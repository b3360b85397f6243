import { describe, expect, it } from "vitest";
import { renderPlain } from "../../../src/core/answers/reply.ts";
import { buildOverview } from "../../../src/core/reports/overview.ts";
import { overviewReply, statusText, unitCardReply } from "../../../src/core/reports/replies.ts";
import { buildUnitCard, type UnitCardResponse } from "../../../src/core/reports/unit-card.ts";
import { illustrativePlan, PLAN_TODAY } from "./fixture.ts";

// Illustrative plan and answers (fixture.ts): invented, not facts about the province.
const kb = illustrativePlan();

const RESPONSES: UnitCardResponse[] = [
  {
    taskId: "tttt-6",
    occurrence: "2024-05-01",
    kind: "extension",
    unitId: "so-tttt",
    name: "Nguyễn Văn Minh Họa",
    at: "2024-05-03T02:00:00.000Z",
    text: "Chờ kinh phí",
    requestedDue: "2024-07-31",
    decision: { status: "refused", note: "Đề nghị hoàn thành sớm" },
  },
  {
    taskId: "tttt-4",
    occurrence: "2024-09-30",
    kind: "in-progress",
    unitId: "so-tttt",
    name: "Nguyễn Văn Minh Họa",
    at: "2024-06-10T01:30:00.000Z",
  },
  {
    taskId: "tttt-5",
    occurrence: "2024-12-31",
    kind: "extension",
    unitId: "so-tttt",
    at: "2024-06-12T03:00:00.000Z",
    requestedDue: "2025-03-31",
  },
  // Another unit's answer: not on this card
  {
    taskId: "nv-1",
    occurrence: "2024-06-05",
    kind: "done",
    unitId: "so-noi-vu",
    at: "2024-06-06T01:00:00.000Z",
  },
];

describe("buildUnitCard", () => {
  const card = buildUnitCard(kb, "so-tttt", PLAN_TODAY, RESPONSES)!;

  it("names the heads, leader first", () => {
    expect(card.heads.map((h) => [h.name, h.title])).toEqual([
      ["Nguyễn Văn Minh Họa", "Giám đốc Sở Thông tin và Truyền thông"],
      ["Trần Thị Phó Minh Họa", "Phó Giám đốc Sở Thông tin và Truyền thông"],
    ]);
  });

  it("lists its lead tasks most urgent first, with the overview's counts and colour", () => {
    expect(card.lead[0]!.task.id).toBe("tttt-6");
    expect(card.lead[0]!.status).toEqual({ status: "overdue", due: "2024-05-01", daysOverdue: 45 });
    const row = buildOverview(kb, PLAN_TODAY).units.find((u) => u.unit.id === "so-tttt")!;
    expect(card.counts).toEqual(row.counts);
    expect(card.colour).toBe(row.colour);
    expect(card.total).toBe(row.total);
  });

  it("keeps the unit's answers to reminders, newest first, and its extension requests", () => {
    expect(card.responses.map((r) => r.taskId)).toEqual(["tttt-5", "tttt-4", "tttt-6"]);
    expect(card.extensions.map((r) => r.taskId)).toEqual(["tttt-5", "tttt-6"]);
    expect(buildUnitCard(kb, "so-tttt", PLAN_TODAY)!.responses).toEqual([]);
  });

  it("is undefined for an unknown unit; a unit without tasks is green", () => {
    expect(buildUnitCard(kb, "khong-co", PLAN_TODAY)).toBeUndefined();
    const national = buildUnitCard(kb, "bo-minh-hoa", PLAN_TODAY)!;
    expect(national.heads).toEqual([]);
    expect(national.total).toBe(1);
  });
});

describe("unitCardReply", () => {
  const card = buildUnitCard(kb, "so-tttt", PLAN_TODAY, RESPONSES)!;
  const reply = unitCardReply(kb, card);
  const text = renderPlain(reply);

  it("shows heads, colour, counts, tasks with status and due dates", () => {
    expect(reply.title).toBe("Sở Thông tin và Truyền thông");
    expect(text).toContain("Giám đốc Sở Thông tin và Truyền thông: Nguyễn Văn Minh Họa.");
    expect(text).toContain("🔴 Mức đỏ: có nhiệm vụ quá hạn 45 ngày (quá 30 ngày).");
    expect(text).toContain(
      "Chủ trì 9 nhiệm vụ: 1 quá hạn, 3 đang thực hiện, 3 hoàn thành đúng hạn, 1 hoàn thành quá hạn, 1 chưa có hạn.",
    );
    expect(text).toContain("1. Nhiệm vụ minh họa tttt-6 — quá hạn 45 ngày (hạn 01/05/2024)");
    expect(text).toContain("Nhiệm vụ minh họa tttt-3 — hoàn thành quá hạn ngày 25/05/2024 (hạn 15/05/2024)");
  });

  it("shows answers to reminders and the extension history", () => {
    expect(text).toContain("Trả lời nhắc hạn gần đây:");
    expect(text).toContain(
      "12/06/2024: xin gia hạn «Nhiệm vụ minh họa tttt-5» đến 31/03/2025 — chờ Tổ Giúp việc xem xét",
    );
    expect(text).toContain(
      "03/05/2024, Nguyễn Văn Minh Họa: xin gia hạn «Nhiệm vụ minh họa tttt-6» đến 31/07/2024 — không duyệt: Đề nghị hoàn thành sớm",
    );
    expect(text).toContain("Gia hạn: 2 lần xin — 0 được duyệt, 1 không duyệt, 1 đang chờ.");
  });

  it("offers next steps as structured queries", () => {
    expect(reply.actions.map((a) => a.query)).toEqual([
      { kind: "person", personId: "nguoi-minh-hoa" },
      { kind: "person", personId: "pho-minh-hoa" },
      { kind: "deadlines", mode: "overdue", unitId: "so-tttt" },
      { kind: "tasks", unitId: "so-tttt" },
    ]);
  });

  it("says so when heads or answers are unknown", () => {
    const plain = renderPlain(unitCardReply(kb, buildUnitCard(kb, "so-y-te", PLAN_TODAY)!));
    expect(plain).toContain("Cơ sở tri thức chưa có thông tin về người đứng đầu đơn vị.");
    expect(plain).toContain("Chưa có trả lời nhắc hạn nào của đơn vị.");
    expect(plain).toContain("🟢 Mức xanh: không có nhiệm vụ quá hạn hay sắp đến hạn.");
  });
});

describe("overviewReply", () => {
  const o = buildOverview(kb, PLAN_TODAY);
  const reply = overviewReply(o);
  const text = renderPlain(reply);

  it("one short line per unit, worst first, then totals and the top overdue", () => {
    expect(reply.title).toBe("Tổng quan thực hiện nhiệm vụ (đến ngày 15/06/2024)");
    expect(reply.lines[0]!.text).toBe("🔴 UBND huyện Ninh Hải — 1 quá hạn / 4 (lâu nhất 76 ngày)");
    expect(text).toContain("🔴 Sở Thông tin và Truyền thông — 1 quá hạn / 9 (lâu nhất 45 ngày)");
    expect(text).toContain("🟠 Sở Tài chính — 0 quá hạn / 3, 1 sắp đến hạn");
    expect(text).toContain("🟢 Sở Y tế — 0 quá hạn / 3");
    expect(text).toContain(
      `Tổng cộng: ${o.totals.total} nhiệm vụ — 4 quá hạn, 10 đang thực hiện, 8 hoàn thành đúng hạn, 2 hoàn thành quá hạn, 1 chưa có hạn.`,
    );
    expect(text).toContain("Đơn vị: 3 đỏ, 2 cam, 3 xanh.");
    expect(text).toContain("1. Nhiệm vụ minh họa nh-1 — UBND huyện Ninh Hải; hạn 31/03/2024, quá 76 ngày");
    expect(reply.abstained).toBe(false);
  });

  it("buttons open a unit's card, worst units first", () => {
    expect(reply.actions[0]).toEqual({
      label: "🔴 UBND huyện Ninh Hải",
      query: { kind: "unit", unitId: "huyen-ninh-hai" },
    });
    expect(reply.actions.every((a) => a.query.kind === "unit")).toBe(true);
  });

  it("caps the unit lines with a note", () => {
    const short = renderPlain(overviewReply(o, { maxUnits: 3 }));
    expect(short).toContain("Còn 5 đơn vị khác (2 cam, 3 xanh).");
    expect(short).not.toContain("Sở Y tế —");
  });

  it("says so when the year has no task", () => {
    const empty = overviewReply(buildOverview(kb, PLAN_TODAY, { year: 2019 }));
    // ongoing work belongs to every year: use a plan without it
    expect(empty.abstained).toBe(false);
    const none = overviewReply({ ...o, units: [], year: 2019 });
    expect(none.abstained).toBe(true);
    expect(renderPlain(none)).toContain(
      "Cơ sở tri thức chưa có nhiệm vụ nào của năm 2019 do đơn vị của tỉnh chủ trì.",
    );
  });
});

describe("statusText", () => {
  const t = kb.task("tttt-4")!;
  it("words each status", () => {
    expect(statusText(t, { status: "in-progress", due: "2024-06-15", daysLeft: 0 })).toBe(
      "hôm nay là hạn chót (hạn 15/06/2024)",
    );
    expect(statusText(t, { status: "in-progress", due: "2024-09-30", daysLeft: 107 })).toBe(
      "còn 107 ngày (hạn 30/09/2024)",
    );
    const ongoing = kb.task("chung-thuong-xuyen")!;
    expect(statusText(ongoing, { status: "no-deadline" })).toBe("chưa có hạn cụ thể (Thường xuyên)");
  });
});
