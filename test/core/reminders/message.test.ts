import { describe, expect, it } from "vitest";
import {
  buildReminderMessage,
  decodeAction,
  encodeAction,
  MAX_ACTION_BYTES,
  renderPlainMessage,
} from "../../../src/core/reminders/message.ts";
import { fixtureKnowledge } from "../../fixtures/reminders/fixture.ts";

const kb = fixtureKnowledge();

describe("reminder messages", () => {
  it("a head's reminder: task, assigning document, due date, days left, the four buttons", () => {
    const msg = buildReminderMessage({
      task: kb.task("t-thuong")!,
      knowledge: kb,
      occurrence: "2026-06-30",
      kind: "before",
      days: 3,
      audience: "lead",
      unitId: "so-a",
    });
    expect(msg.title).toBe("Nhắc hạn nhiệm vụ: còn 3 ngày");
    expect(msg.lines).toEqual([
      "Nhiệm vụ: Nhiệm vụ minh họa t-thuong",
      "Đơn vị chủ trì: Sở A (minh họa)",
      "Văn bản giao: Kế hoạch số 99/KH-MH ngày 15/01/2026",
      "Hạn hoàn thành: 30/06/2026 (Thứ Ba)",
      "Còn 3 ngày.",
      "Đề nghị đơn vị cập nhật tình hình thực hiện:",
    ]);
    expect(msg.actions.map((row) => row.map((a) => a.label))).toEqual([
      ["Đã hoàn thành", "Đang thực hiện"],
      ["Xin gia hạn", "Cần hỗ trợ"],
    ]);
    expect(renderPlainMessage(msg).split("\n").slice(-5)).toEqual([
      "Trả lời bằng số:",
      "1. Đã hoàn thành",
      "2. Đang thực hiện",
      "3. Xin gia hạn",
      "4. Cần hỗ trợ",
    ]);
  });

  it("on the day, overdue, an extended deadline, a recurring one, a coordinating unit's notice", () => {
    const t = (id: string) => kb.task(id)!;
    const base = { knowledge: kb, audience: "lead" as const, unitId: "so-a" };
    expect(
      buildReminderMessage({ ...base, task: t("t-thuong"), occurrence: "2026-06-30", kind: "due", days: 0 })
        .title,
    ).toBe("Nhắc hạn nhiệm vụ: hôm nay là hạn");
    const late = buildReminderMessage({
      ...base,
      task: t("t-thuong"),
      occurrence: "2026-06-30",
      kind: "overdue",
      days: 6,
    });
    expect(late.title).toBe("Nhiệm vụ quá hạn: đã quá hạn 6 ngày");
    expect(late.lines).toContain("Đã quá hạn 6 ngày.");
    const ext = buildReminderMessage({
      ...base,
      task: t("t-gia-han"),
      occurrence: "2026-07-15",
      kind: "before",
      days: 7,
      unitId: "so-b",
    });
    expect(ext.lines).toContain("Hạn hoàn thành: 15/07/2026 (Thứ Tư), đã gia hạn từ 30/06/2026");
    const yearly = buildReminderMessage({
      ...base,
      task: t("t-hang-nam"),
      occurrence: "2026-10-10",
      kind: "before",
      days: 1,
    });
    expect(yearly.lines).toContain("Hạn hoàn thành: 10/10/2026 (Thứ Bảy), định kỳ: Hằng năm 10/10");
    const notice = buildReminderMessage({
      ...base,
      task: t("t-nhieu-don-vi"),
      occurrence: "2026-07-15",
      kind: "before",
      days: 7,
      audience: "support",
      unitId: "so-c",
    });
    expect(notice).toMatchObject({
      kind: "notice",
      title: "Thông báo phối hợp: nhiệm vụ còn 7 ngày đến hạn",
      actions: [],
    });
    expect(notice.lines.slice(1, 3)).toEqual([
      "Đơn vị phối hợp: Sở C (minh họa)",
      "Đơn vị chủ trì: Sở A (minh họa); UBND các huyện (minh họa)",
    ]);
  });

  it("action data round-trips and stays within Telegram's 64 bytes, even for the longest task id", () => {
    const longId = "a".repeat(40);
    for (const answer of ["done", "in-progress", "extension", "help"] as const) {
      const ref = { type: "answer" as const, answer, taskId: longId, occurrence: "2026-12-31" };
      const data = encodeAction(ref);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      expect(data.startsWith("r:")).toBe(true);
      expect(decodeAction(data)).toEqual(ref);
    }
    expect(encodeAction({ type: "decision", decision: "refuse", responseId: "a12" })).toBe("r:x:a12");
    expect(decodeAction("r:a:a12")).toEqual({ type: "decision", decision: "approve", responseId: "a12" });
    for (const bad of [
      "r:d:T-HOA:20260630",
      "r:d:x:2026063",
      "r:q:x:20260630",
      "q:t::1",
      "r:a:12",
      "r:d:x|y:20260630",
    ])
      expect(decodeAction(bad)).toBeUndefined();
  });
});
