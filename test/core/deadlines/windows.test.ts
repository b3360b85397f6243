/**
 * Deadline questions through the answer engine, on the edges the schedule (deadlines/schedule.ts) must
 * get right: a task due on the last day of a month, a recurring deadline, and the day of the question in
 * Asia/Ho_Chi_Minh at 23:30 and 00:30 local. Illustrative tasks on the shipped knowledge's other entries.
 */
import { describe, expect, it } from "vitest";
import { readShippedKnowledge } from "../../../src/app/knowledge.ts";
import { createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";
import { Knowledge } from "../../../src/core/knowledge/model.ts";
import type { Task } from "../../../src/core/knowledge/schema.ts";

const SRC = ["bai-viet-hop-20-02-2023"];

function task(id: string, title: string, deadline: Task["deadline"], progress: Task["progress"] = {}): Task {
  return { id, title, lead: ["so-tttt"], support: [], deadline, progress, sources: SRC, asOf: "2026-01-01" };
}

const shipped = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
const engine = createAnswerEngine(
  new Knowledge({
    ...shipped,
    tasks: [
      task("cuoi-thang", "Báo cáo tháng mười một", { text: "30/11/2026", due: "2026-11-30" }),
      task("dau-thang", "Khai trương cổng dữ liệu", { text: "01/12/2026", due: "2026-12-01" }),
      task("hang-thang", "Cập nhật số liệu hằng tháng", {
        text: "Hằng tháng, ngày 31",
        recurrence: { kind: "monthly", day: 31 },
      }),
    ],
  }),
);

const ask = (text: string, now: string) => renderPlain(engine.ask({ text, now: new Date(now) }));
// 23:30 on 30/11 and 00:30 on 1/12, Vietnam time (UTC+7): still 30/11 in UTC both times.
const LATE_EVENING = "2026-11-30T23:30:00+07:00";
const PAST_MIDNIGHT = "2026-12-01T00:30:00+07:00";

describe("deadline windows through the engine", () => {
  it("at 23:30 on the last day of a month, that month holds the task due that day", () => {
    const month = ask("hạn chót tháng này", LATE_EVENING);
    expect(month).toContain("tháng 11/2026");
    expect(month).toContain("Báo cáo tháng mười một");
    expect(month).toContain("Cập nhật số liệu hằng tháng");
    expect(month).not.toContain("Khai trương cổng dữ liệu");
    expect(ask("hôm nay hết hạn gì", LATE_EVENING)).toContain(
      "Báo cáo tháng mười một — hạn 30/11/2026: hôm nay là hạn chót",
    );
    const overdue = ask("nhiệm vụ quá hạn", LATE_EVENING);
    expect(overdue).toContain("Không có nhiệm vụ nào đang quá hạn");
    // The nearest due date is today's.
    expect(overdue).toContain("Hạn gần nhất sắp tới: Báo cáo tháng mười một — 30/11/2026 (hôm nay).");
  });

  it("at 00:30 the next day, it is the new month and the task is overdue", () => {
    const month = ask("hạn chót tháng này", PAST_MIDNIGHT);
    expect(month).toContain("tháng 12/2026");
    expect(month).toContain("Khai trương cổng dữ liệu");
    expect(month).toContain("Cập nhật số liệu hằng tháng");
    expect(month).not.toContain("Báo cáo tháng mười một");
    expect(ask("nhiệm vụ quá hạn", PAST_MIDNIGHT)).toContain(
      "Báo cáo tháng mười một — hạn 30/11/2026: đã quá hạn 1 ngày",
    );
    const today = ask("hôm nay hết hạn gì", PAST_MIDNIGHT);
    expect(today).toContain("Khai trương cổng dữ liệu — hạn 01/12/2026: hôm nay là hạn chót");
    expect(today).not.toContain("Báo cáo tháng mười một");
  });

  it("a recurring deadline is listed once per window, at its occurrence in it, with the later ones", () => {
    expect(ask("hạn chót tháng này", LATE_EVENING)).toMatch(/Cập nhật số liệu hằng tháng.*30\/11\/2026/);
    expect(ask("hạn chót tháng này", PAST_MIDNIGHT)).toMatch(/Cập nhật số liệu hằng tháng.*31\/12\/2026/);
    const quarter = ask("hạn trong quý I/2027", LATE_EVENING);
    expect(quarter.match(/Cập nhật số liệu hằng tháng/g)).toHaveLength(1);
    expect(quarter).toContain("28/02/2027");
    expect(quarter).toContain("31/03/2027");
  });
});
