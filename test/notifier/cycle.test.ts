import { describe, expect, it } from "vitest";
import { Assistant } from "../../src/app/assistant.ts";
import type { OutgoingMessage } from "../../src/core/reminders/message.ts";
import { addDays } from "../../src/core/time.ts";
import { ReminderAnswers } from "../../src/notifier/answers.ts";
import { runReminderCycle } from "../../src/notifier/cycle.ts";
import { type Sender, SendLimiter } from "../../src/notifier/notifier.ts";
import { fixtureData, fixtureTasks } from "../fixtures/reminders/fixture.ts";
import { reminderApp, vn } from "./helpers.ts";

class RecordingSender implements Sender {
  readonly channel = "telegram" as const;
  sent: Array<{ day: string; chatId: string; msg: OutgoingMessage }> = [];
  day = "";
  async send(chatId: string, msg: OutgoingMessage) {
    this.sent.push({ day: this.day, chatId, msg });
    return { ok: true as const };
  }
}

const ONE = () => fixtureData(fixtureTasks().filter((t) => t.id === "t-thuong"));
const fast = () => new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 });

async function days(env: Record<string, string> = {}) {
  const t = await reminderApp({ now: vn("2026-06-29"), data: ONE(), env });
  const sender = new RecordingSender();
  const cycle = async (day: string, time = "08:00") => {
    t.clock.set(vn(day, time));
    sender.day = day;
    return runReminderCycle(t.app, { telegram: sender }, { limiter: fast() });
  };
  return { ...t, sender, cycle };
}

const titles = (s: RecordingSender, chatId: string) =>
  s.sent.filter((x) => x.chatId === chatId).map((x) => `${x.day} ${x.msg.title}`);

describe("the reminder cycle: escalation and digests", () => {
  it("an overdue task without an answer for 5 working days is escalated once, to the secretariat", async () => {
    const s = await days();
    for (let d = "2026-06-29"; d <= "2026-07-10"; d = addDays(d, 1)) await s.cycle(d);
    expect(titles(s.sender, "1001")).toEqual([
      "2026-06-29 Nhắc hạn nhiệm vụ: còn 1 ngày",
      "2026-06-30 Nhắc hạn nhiệm vụ: hôm nay là hạn",
      "2026-07-01 Nhiệm vụ quá hạn: đã quá hạn 1 ngày",
      "2026-07-06 Nhiệm vụ quá hạn: đã quá hạn 6 ngày",
      "2026-07-09 Nhiệm vụ quá hạn: đã quá hạn 9 ngày",
    ]);
    const esc = s.sender.sent.filter((x) => x.msg.kind === "escalation");
    expect(esc.map((x) => `${x.day} ${x.chatId}`)).toEqual(["2026-07-08 9001", "2026-07-08 9999"]);
    expect(esc[0]!.msg.title).toBe("Nhiệm vụ quá hạn chưa có phản hồi (1)");
    expect(esc[0]!.msg.lines[0]).toBe(
      "– Nhiệm vụ minh họa t-thuong (Sở A (minh họa)): quá hạn 8 ngày, hạn 30/06/2026; chưa phản hồi nhắc hạn từ 01/07/2026 (5 ngày làm việc).",
    );
    // leaders are not told unless REMINDER_ESCALATE_TO_DEPUTY
    expect(s.sender.sent.some((x) => x.chatId === "9101" && x.msg.kind === "escalation")).toBe(false);
  });

  it("an answer stops the escalation; silence after it starts a new count; the deputy head is told when configured", async () => {
    const s = await days({ REMINDER_ESCALATE_TO_DEPUTY: "true" });
    const answers = new ReminderAnswers(s.app, { telegram: s.sender });
    const head = new Assistant(s.app).identify("telegram", 1001);
    for (let d = "2026-07-01"; d <= "2026-07-31"; d = addDays(d, 1)) {
      await s.cycle(d);
      if (d === "2026-07-07") {
        s.clock.set(vn(d, "10:00"));
        await answers.answer(head, { taskId: "t-thuong", occurrence: "2026-06-30", kind: "in-progress" });
      }
    }
    const esc = s.sender.sent.filter((x) => x.msg.kind === "escalation").map((x) => `${x.day} ${x.chatId}`);
    // reminders after the answer: 09/07 (first unanswered), 14/07, …; 5 working days after 09/07 is 16/07
    expect(esc).toEqual(["2026-07-16 9001", "2026-07-16 9999", "2026-07-16 9101"]);
  });

  it("the daily digest (secretariat) once a working day; the weekly digest (leaders) on the first cycle of a week", async () => {
    const s = await days();
    await s.cycle("2026-07-01");
    await s.cycle("2026-07-01", "10:30"); // a retry cycle the same day: no second digest
    await s.cycle("2026-07-04"); // Saturday: nothing at all
    await s.cycle("2026-07-06");
    await s.cycle("2026-07-07");
    expect(titles(s.sender, "9999").filter((t) => t.includes("Báo cáo"))).toEqual([
      "2026-07-01 Báo cáo nhắc hạn ngày 01/07/2026",
      "2026-07-06 Báo cáo nhắc hạn ngày 06/07/2026",
      "2026-07-07 Báo cáo nhắc hạn ngày 07/07/2026",
    ]);
    const daily = s.sender.sent.find((x) => x.chatId === "9999" && x.day === "2026-07-01")!.msg;
    expect(daily.lines).toEqual([
      "Tin nhắc hạn đã gửi hôm nay: 1.",
      "Phản hồi nhận được: chưa có.",
      "Nhiệm vụ đang quá hạn: 1.",
    ]);
    expect(titles(s.sender, "9101")).toEqual([
      "2026-07-01 Tổng hợp tiến độ nhiệm vụ tuần từ 01/07/2026",
      "2026-07-06 Tổng hợp tiến độ nhiệm vụ tuần từ 06/07/2026",
    ]);
    const weekly = s.sender.sent.find((x) => x.chatId === "9101")!.msg;
    // The same overview as /tongquan, with its chart.
    expect(weekly.lines).toEqual([
      "🔴 Sở A (minh họa) — 1 quá hạn / 1 (lâu nhất 1 ngày)",
      "Tổng cộng: 1 nhiệm vụ — 1 quá hạn, 0 đang thực hiện, 0 hoàn thành đúng hạn, 0 hoàn thành quá hạn, 0 chưa có hạn.",
      "Đơn vị: 1 đỏ, 0 cam, 0 xanh.",
      "Quá hạn lâu nhất:",
      "   1. Nhiệm vụ minh họa t-thuong — Sở A (minh họa); hạn 30/06/2026, quá 1 ngày",
      "Mỗi nhiệm vụ giao chung được tính cho từng đơn vị; dòng tổng cộng tính mỗi nhiệm vụ một lần.",
    ]);
    expect(Buffer.from(weekly.image!.png.subarray(0, 8)).toString("hex")).toBe("89504e470d0a1a0a");
  });

  it("the daily digest lists people who cannot be reached and units without a linked head", async () => {
    const t = await reminderApp({ now: vn("2026-07-08") });
    await t.app.store.state.setReachable("telegram:2001", false, "đã chặn trợ lý");
    const sender = new RecordingSender();
    await runReminderCycle(t.app, { telegram: sender }, { limiter: fast() });
    const daily = sender.sent.find((x) => x.chatId === "9999" && x.msg.kind === "digest")!.msg;
    expect(daily.lines).toContain("Không liên lạc được: 1 người (chặn trợ lý hoặc chưa mở trò chuyện):");
    expect(daily.lines).toContain("– Giám đốc Sở B, Sở B (minh họa): đã chặn trợ lý");
    expect(daily.lines.slice(0, 3)).toEqual([
      "Tin nhắc hạn đã gửi hôm nay: 5 (trong đó 2 tin gửi bù).",
      "Phản hồi nhận được: chưa có.",
      "Nhiệm vụ đang quá hạn: 3.",
    ]);
    expect(daily.lines.slice(5)).toEqual([
      "Đơn vị có nhắc hạn hôm nay nhưng không ai nhận được (chưa liên kết thủ trưởng hoặc đã chặn trợ lý): 2:",
      "– Sở B (minh họa)", // its head blocked the bot
      "– UBND huyện Y (minh họa)", // no head linked
    ]);
  });
});
