import { describe, expect, it } from "vitest";
import { Assistant } from "../../src/app/assistant.ts";
import { decodeAction, type OutgoingMessage } from "../../src/core/reminders/message.ts";
import { planReminders } from "../../src/core/reminders/planner.ts";
import { parseRequestedDue, ReminderAnswers } from "../../src/notifier/answers.ts";
import type { Sender } from "../../src/notifier/notifier.ts";
import { reminderOptionsFromConfig } from "../../src/notifier/options.ts";
import { reminderApp, type TestApp, vn } from "./helpers.ts";

class RecordingSender implements Sender {
  readonly channel = "telegram" as const;
  sent: Array<{ chatId: string; msg: OutgoingMessage }> = [];
  async send(chatId: string, msg: OutgoingMessage) {
    this.sent.push({ chatId, msg });
    return { ok: true as const, messageId: String(this.sent.length) };
  }
}

async function setup(now = vn("2026-06-29", "09:12")) {
  const t = await reminderApp({ now });
  const sender = new RecordingSender();
  const answers = new ReminderAnswers(t.app, { telegram: sender });
  const assistant = new Assistant(t.app);
  const person = (chatId: number) => assistant.identify("telegram", chatId, "Tên Telegram");
  return { ...t, sender, answers, person };
}

function planFor(t: TestApp, taskId: string) {
  return planReminders({
    now: t.app.now(),
    knowledge: t.app.knowledge(),
    users: t.app.store.state.users(),
    log: t.app.store.reminders,
    options: reminderOptionsFromConfig(t.app.config),
  }).reminders.filter((r) => r.taskId === taskId);
}

describe("answers to reminders", () => {
  it("“Đã hoàn thành”: recorded with who and when, the task completed with an audit entry, the secretariat told", async () => {
    const s = await setup();
    expect(planFor(s, "t-thuong")).toHaveLength(1);
    const out = await s.answers.answer(s.person(1001), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      kind: "done",
    });
    expect(out).toMatchObject({
      ok: true,
      message:
        "Đã ghi nhận: nhiệm vụ “Nhiệm vụ minh họa t-thuong” hoàn thành ngày 29/06/2026. Tổ Giúp việc đã được báo.",
    });
    expect(s.app.store.reminders.responses()).toEqual([
      {
        id: "a1",
        taskId: "t-thuong",
        occurrence: "2026-06-30",
        kind: "done",
        userId: "telegram:1001",
        unitId: "so-a",
        name: "Giám đốc Sở A",
        at: "2026-06-29T02:12:00.000Z",
      },
    ]);
    expect(s.app.knowledge().task("t-thuong")?.progress.completedOn).toBe("2026-06-29");
    expect(s.app.store.audit.list({ limit: 1 })[0]).toMatchObject({
      action: "task.complete",
      actor: { kind: "telegram", id: "telegram:1001", name: "Giám đốc Sở A" },
      entityId: "t-thuong",
    });
    // the secretariat: the linked admin and ADMIN_TELEGRAM_IDS
    expect(s.sender.sent.map((x) => x.chatId).sort()).toEqual(["9001", "9999"]);
    const notice = s.sender.sent[0]!.msg;
    expect(notice.title).toBe("Đơn vị báo đã hoàn thành nhiệm vụ");
    expect(notice.lines).toContain("Người trả lời: Giám đốc Sở A (Sở A (minh họa))");
    expect(notice.lines).toContain("Thời điểm: 09:12 ngày 29/06/2026");
    // no more reminders; a second press says so
    expect(planFor(s, "t-thuong")).toEqual([]);
    const again = await s.answers.answer(s.person(1001), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      kind: "done",
    });
    expect(again).toEqual({
      ok: false,
      message: "Nhiệm vụ này đã được ghi nhận hoàn thành ngày 29/06/2026.",
    });
  });

  it("only the lead units (any linked role) or an admin may answer", async () => {
    const s = await setup();
    const other = await s.answers.answer(s.person(2001), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      kind: "in-progress",
    });
    expect(other).toEqual({
      ok: false,
      message: "Chỉ đơn vị chủ trì nhiệm vụ này mới trả lời được nhắc hạn.",
    });
    const stranger = await s.answers.answer(s.person(424242), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      kind: "in-progress",
    });
    expect(stranger.ok).toBe(false);
    const member = await s.answers.answer(s.person(1003), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      kind: "in-progress",
    });
    expect(member).toMatchObject({
      ok: true,
      message:
        "Đã ghi nhận: nhiệm vụ “Nhiệm vụ minh họa t-thuong” đang được thực hiện. Tổ Giúp việc đã được báo.",
    });
    // a group-led task: a head of a member unit may answer
    const group = await s.answers.answer(s.person(4001), {
      taskId: "t-nhieu-don-vi",
      occurrence: "2026-07-15",
      kind: "in-progress",
    });
    expect(group.ok).toBe(true);
    const gone = await s.answers.answer(s.person(1001), {
      taskId: "khong-co",
      occurrence: "2026-07-15",
      kind: "done",
    });
    expect(gone).toEqual({ ok: false, message: "Nhiệm vụ này không còn trong danh sách theo dõi." });
  });

  it("“Cần hỗ trợ” needs a text, which the secretariat receives", async () => {
    const s = await setup();
    expect(
      await s.answers.requestHelp(s.person(1001), {
        taskId: "t-thuong",
        occurrence: "2026-06-30",
        text: "  ",
      }),
    ).toEqual({
      ok: false,
      message: "Xin ghi rõ nội dung cần hỗ trợ.",
    });
    const r = await s.answers.requestHelp(s.person(1001), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      text: "Cần hướng dẫn mẫu báo cáo",
    });
    expect(r).toMatchObject({ ok: true, response: { kind: "help", text: "Cần hướng dẫn mẫu báo cáo" } });
    expect(s.sender.sent[0]!.msg.lines).toContain("Nội dung cần hỗ trợ: Cần hướng dẫn mẫu báo cáo");
  });

  it("“Xin gia hạn”: validated, waits for an admin; approval moves the due date with an audit entry and tells the head", async () => {
    const s = await setup();
    const head = s.person(1001);
    const base = { taskId: "t-thuong", occurrence: "2026-06-30" };
    expect(s.answers.validateRequestedDue(head, { ...base, requestedDue: "2026-06-30" })).toEqual({
      ok: false,
      message: "Hạn đề nghị phải sau hạn hiện tại (30/06/2026).",
    });
    expect(
      (await s.answers.requestExtension(head, { ...base, requestedDue: "2026-07-31", reason: " " })).message,
    ).toBe("Xin ghi lý do đề nghị gia hạn.");
    const req = await s.answers.requestExtension(head, {
      ...base,
      requestedDue: "2026-07-31",
      reason: "Chờ ý kiến của Bộ",
    });
    expect(req).toMatchObject({
      ok: true,
      response: { id: "a1", kind: "extension", requestedDue: "2026-07-31" },
    });
    const dup = s.answers.validateRequestedDue(head, { ...base, requestedDue: "2026-08-15" });
    expect(dup).toEqual({
      ok: false,
      message: "Đề nghị gia hạn trước (đến 31/07/2026) đang chờ Tổ Giúp việc xem xét.",
    });

    const notice = s.sender.sent.find((x) => x.chatId === "9999")!.msg;
    expect(notice.title).toBe("Yêu cầu gia hạn nhiệm vụ");
    expect(notice.lines).toContain("Đề nghị gia hạn đến: 31/07/2026");
    expect(notice.lines).toContain("Lý do: Chờ ý kiến của Bộ");
    expect(notice.actions.flat().map((a) => [a.label, decodeAction(a.data)])).toEqual([
      ["Duyệt gia hạn", { type: "decision", decision: "approve", responseId: "a1" }],
      ["Từ chối", { type: "decision", decision: "refuse", responseId: "a1" }],
    ]);
    expect(s.answers.pendingExtensions().map((r) => r.id)).toEqual(["a1"]);

    expect(await s.answers.decide(head, "a1", { approve: true })).toEqual({
      ok: false,
      message: "Chỉ Tổ Giúp việc (quản trị) mới duyệt được đề nghị gia hạn.",
    });
    s.sender.sent = [];
    const admin = s.person(9999); // ADMIN_TELEGRAM_IDS, not linked
    const ok = await s.answers.decide(admin, "a1", { approve: true });
    expect(ok).toMatchObject({
      ok: true,
      message:
        "Đã duyệt gia hạn nhiệm vụ “Nhiệm vụ minh họa t-thuong” đến 31/07/2026. Đã báo cho Giám đốc Sở A.",
    });
    expect(s.app.knowledge().task("t-thuong")?.progress.extendedTo).toBe("2026-07-31");
    expect(s.app.store.audit.list({ limit: 1 })[0]).toMatchObject({
      action: "task.extend",
      actor: { kind: "telegram", id: "telegram:9999", name: "Tên Telegram" },
      note: "Duyệt gia hạn đến 31/07/2026 theo đề nghị a1 của Giám đốc Sở A: Chờ ý kiến của Bộ",
    });
    expect(s.sender.sent).toHaveLength(1);
    expect(s.sender.sent[0]).toMatchObject({
      chatId: "1001",
      msg: { title: "Đề nghị gia hạn đã được duyệt" },
    });
    expect(s.sender.sent[0]!.msg.lines).toContain("Hạn mới: 31/07/2026");
    const twice = await s.answers.decide(s.person(9001), "a1", { approve: false, reason: "x" });
    expect(twice).toEqual({ ok: false, message: "Đề nghị này đã được duyệt bởi Tên Telegram." });
    // reminders now follow the new date: nothing today (the 7-day slot of 31/07 is 24/07)
    expect(planFor(s, "t-thuong")).toEqual([]);
    s.clock.set(vn("2026-07-24"));
    expect(planFor(s, "t-thuong").map((r) => [r.occurrence, r.offset])).toEqual([["2026-07-31", 7]]);
  });

  it("a refusal needs a reason, which the head receives; the due date stays", async () => {
    const s = await setup();
    await s.answers.requestExtension(s.person(1001), {
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      requestedDue: "2026-07-31",
      reason: "Thiếu kinh phí",
    });
    s.sender.sent = [];
    expect((await s.answers.decide(s.person(9001), "a1", { approve: false, reason: "" })).message).toBe(
      "Xin ghi lý do từ chối.",
    );
    const r = await s.answers.decide(s.person(9001), "a1", {
      approve: false,
      reason: "Nhiệm vụ trọng tâm, không lùi hạn",
    });
    expect(r.ok).toBe(true);
    expect(s.sender.sent[0]).toMatchObject({
      chatId: "1001",
      msg: { title: "Đề nghị gia hạn không được chấp thuận" },
    });
    expect(s.sender.sent[0]!.msg.lines).toContain("Lý do: Nhiệm vụ trọng tâm, không lùi hạn");
    expect(s.app.knowledge().task("t-thuong")?.progress.extendedTo).toBeUndefined();
    expect(s.app.store.reminders.response("a1")?.decision).toMatchObject({
      status: "refused",
      by: "telegram:9001",
    });
  });

  it("a recurring task answered after its due date is completed on that occurrence, not the next", async () => {
    const s = await setup(vn("2026-10-13", "10:00"));
    const r = await s.answers.answer(s.person(1001), {
      taskId: "t-hang-nam",
      occurrence: "2026-10-10",
      kind: "done",
    });
    expect(r.ok).toBe(true);
    expect(s.app.knowledge().task("t-hang-nam")?.progress.completedOn).toBe("2026-10-10");
  });

  it("parseRequestedDue reads typed dates", () => {
    expect(parseRequestedDue("30/9/2026", "2026-06-29")).toBe("2026-09-30");
    expect(parseRequestedDue("ngày 15 tháng 8", "2026-06-29")).toBe("2026-08-15");
    expect(parseRequestedDue("15/1", "2026-11-20")).toBe("2027-01-15");
    expect(parseRequestedDue("2026-12-31", "2026-06-29")).toBe("2026-12-31");
    expect(parseRequestedDue("sớm nhất có thể", "2026-06-29")).toBeUndefined();
  });
});

describe("an old reminder button of a yearly task (issue 14)", () => {
  it("records the answer for the occurrence the button is about; the open one is not credited", async () => {
    // 2026-11-26: t-hang-nam was last done on 09/10/2025; 10/10/2026 is open (overdue). A button from
    // the reminder about 10/10/2024 is pressed now.
    const s = await setup(vn("2026-11-26", "09:00"));
    const out = await s.answers.answer(s.person(1001), {
      taskId: "t-hang-nam",
      occurrence: "2024-10-10",
      kind: "done",
    });
    expect(out.ok).toBe(true);
    expect((out as { message: string }).message).toContain("kỳ hạn 10/10/2024");
    expect((out as { message: string }).message).toContain("Kỳ hạn hiện tại (10/10/2026) vẫn đang mở");
    const [resp] = s.app.store.reminders.responses().filter((r) => r.taskId === "t-hang-nam");
    expect(resp?.occurrence).toBe("2024-10-10");
    // The completion date is not moved, back or forward.
    expect(s.app.knowledge().task("t-hang-nam")!.progress.completedOn).toBe("2025-10-09");
  });

  it("the open occurrence's own button completes it", async () => {
    const s = await setup(vn("2026-11-26", "09:00"));
    await s.answers.answer(s.person(1001), { taskId: "t-hang-nam", occurrence: "2026-10-10", kind: "done" });
    expect(s.app.knowledge().task("t-hang-nam")!.progress.completedOn).toBe("2026-10-10");
  });

  it("a made-up occurrence is not taken: the answer goes to the open one", async () => {
    const s = await setup(vn("2026-11-26", "09:00"));
    await s.answers.answer(s.person(1001), {
      taskId: "t-hang-nam",
      occurrence: "2024-10-11",
      kind: "in-progress",
    });
    const [resp] = s.app.store.reminders.responses().filter((r) => r.taskId === "t-hang-nam");
    expect(resp?.occurrence).toBe("2026-10-10");
  });
});
