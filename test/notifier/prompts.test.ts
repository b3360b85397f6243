import { describe, expect, it } from "vitest";
import { Assistant } from "../../src/app/assistant.ts";
import { taskStatus } from "../../src/core/deadlines/status.ts";
import { ReminderAnswers } from "../../src/notifier/answers.ts";
import { PROMPT_TEXTS, ReminderPrompts } from "../../src/notifier/prompts.ts";
import { fixtureUsers } from "../fixtures/reminders/fixture.ts";
import { reminderApp, vn } from "./helpers.ts";

async function setup() {
  const t = await reminderApp({ now: vn("2026-06-29", "09:00") });
  const assistant = new Assistant(t.app);
  // No senders: the secretariat is not told here (the channel tests check that).
  const answers = new ReminderAnswers(t.app, {});
  const prompts = new ReminderPrompts({ app: t.app, answers, now: () => t.clock.now });
  const head = assistant.identify("telegram", "1001");
  const admin = assistant.identify("telegram", "9001");
  return { ...t, assistant, answers, prompts, head, admin };
}

const ANSWER = (answer: "done" | "in-progress" | "extension" | "help", taskId = "t-thuong") => ({
  type: "answer" as const,
  answer,
  taskId,
  occurrence: "2026-06-30",
});

describe("ReminderPrompts", () => {
  it("“Đã hoàn thành” and “Đang thực hiện” are recorded at once, without a question", async () => {
    const s = await setup();
    const progress = await s.prompts.onAction(s.head, ANSWER("in-progress", "t-nhieu-don-vi"));
    expect(progress).toEqual({
      ok: true,
      text: "Đã ghi nhận: nhiệm vụ “Nhiệm vụ minh họa t-nhieu-don-vi” đang được thực hiện. Tổ Giúp việc đã được báo.",
    });
    const done = await s.prompts.onAction(s.head, ANSWER("done"));
    expect(done.ok).toBe(true);
    expect(done.prompt).toBeUndefined();
    expect(s.prompts.pending(s.head)).toBeUndefined();
    expect(taskStatus(s.app.knowledge().task("t-thuong")!, "2026-06-29").status).toBe("done-on-time");
    // Pressed again: refused with the reason, nothing recorded twice.
    const again = await s.prompts.onAction(s.head, ANSWER("done"));
    expect(again).toEqual({ ok: false, text: "Nhiệm vụ này đã được ghi nhận hoàn thành ngày 29/06/2026." });
    expect(s.app.store.reminders.responses().map((r) => r.kind)).toEqual(["in-progress", "done"]);
    // Someone of another unit may not answer.
    const other = s.assistant.identify("telegram", "2001");
    expect(await s.prompts.onAction(other, ANSWER("extension", "t-nhieu-don-vi"))).toEqual({
      ok: false,
      text: "Chỉ đơn vị chủ trì nhiệm vụ này mới trả lời được nhắc hạn.",
    });
    expect(s.prompts.pending(other)).toBeUndefined();
  });

  it("an extension: date (read again until valid) → reason → request waiting for the secretariat", async () => {
    const s = await setup();
    expect(await s.prompts.onText(s.head, "31/7/2026")).toBeUndefined(); // nothing asked yet
    expect(await s.prompts.onAction(s.head, ANSWER("extension"))).toEqual({
      ok: true,
      text: PROMPT_TEXTS.extDate,
      prompt: "ext-date",
    });
    expect(await s.prompts.onText(s.head, "khi nào xong thì báo")).toBe(PROMPT_TEXTS.extDateAgain);
    expect(await s.prompts.onText(s.head, "30/6/2026")).toBe(
      "Hạn đề nghị phải sau hạn hiện tại (30/06/2026).",
    );
    expect(s.prompts.pending(s.head)).toBe("ext-date");
    expect(await s.prompts.onText(s.head, "31/7")).toBe(PROMPT_TEXTS.extReason("2026-07-31"));
    expect(s.prompts.pending(s.head)).toBe("ext-reason");
    expect(await s.prompts.onText(s.head, "  Chờ số liệu của Sở C ")).toBe(
      "Đã gửi đề nghị gia hạn nhiệm vụ “Nhiệm vụ minh họa t-thuong” tới Tổ Giúp việc. Trợ lý sẽ báo lại khi có ý kiến.",
    );
    expect(s.prompts.pending(s.head)).toBeUndefined();
    expect(s.answers.pendingExtensions()).toMatchObject([
      {
        id: "a1",
        taskId: "t-thuong",
        occurrence: "2026-06-30",
        requestedDue: "2026-07-31",
        text: "Chờ số liệu của Sở C",
        userId: "telegram:1001",
      },
    ]);
    // The next text is a question again.
    expect(await s.prompts.onText(s.head, "nhiệm vụ của tôi")).toBeUndefined();
  });

  it("the secretariat: refusing asks the reason (admins only); approving sets the new due date", async () => {
    const s = await setup();
    await s.prompts.onAction(s.head, ANSWER("extension"));
    await s.prompts.onText(s.head, "15/7/2026");
    await s.prompts.onText(s.head, "Chờ số liệu");
    await s.prompts.onAction(s.head, ANSWER("extension", "t-nhieu-don-vi"));
    await s.prompts.onText(s.head, "31/7/2026");
    await s.prompts.onText(s.head, "Chờ các huyện");
    const [first, second] = s.answers.pendingExtensions();

    expect(
      await s.prompts.onAction(s.head, { type: "decision", decision: "refuse", responseId: first!.id }),
    ).toEqual({
      ok: false,
      text: PROMPT_TEXTS.notAdmin,
    });
    expect(s.prompts.pending(s.head)).toBeUndefined();

    const refuse = await s.prompts.onAction(s.admin, {
      type: "decision",
      decision: "refuse",
      responseId: first!.id,
    });
    expect(refuse).toEqual({ ok: true, text: PROMPT_TEXTS.refuse, prompt: "refuse" });
    expect(await s.prompts.onText(s.admin, "Nhiệm vụ trọng tâm")).toMatch(
      /^Đã từ chối đề nghị gia hạn nhiệm vụ “Nhiệm vụ minh họa t-thuong”\./,
    );
    expect(s.app.store.reminders.response(first!.id)?.decision).toMatchObject({
      status: "refused",
      note: "Nhiệm vụ trọng tâm",
    });

    const approve = await s.prompts.onAction(s.admin, {
      type: "decision",
      decision: "approve",
      responseId: second!.id,
    });
    expect(approve.ok).toBe(true);
    expect(approve.prompt).toBeUndefined();
    expect(approve.text).toMatch(
      /^Đã duyệt gia hạn nhiệm vụ “Nhiệm vụ minh họa t-nhieu-don-vi” đến 31\/07\/2026\./,
    );
    expect(s.app.knowledge().task("t-nhieu-don-vi")?.progress.extendedTo).toBe("2026-07-31");
  });

  it("help: a text too long keeps the question; “hủy” cancels; questions are per channel and chat", async () => {
    const s = await setup();
    expect(await s.prompts.onAction(s.head, ANSWER("help"))).toMatchObject({ prompt: "help" });
    // The same chat id on Zalo is someone else.
    const zalo = s.assistant.identify("zalo", "1001");
    expect(s.prompts.pending(zalo)).toBeUndefined();
    expect(await s.prompts.onText(zalo, "Cần tài khoản")).toBeUndefined();

    expect(await s.prompts.onText(s.head, "x".repeat(1001))).toBe(
      "Nội dung dài quá 1000 ký tự; xin viết ngắn gọn hơn.",
    );
    expect(s.prompts.pending(s.head)).toBe("help");
    expect(await s.prompts.onText(s.head, "Hủy")).toBe(PROMPT_TEXTS.cancelled);
    expect(s.prompts.pending(s.head)).toBeUndefined();
    expect(await s.prompts.onText(s.head, "Cần tài khoản")).toBeUndefined();

    await s.prompts.onAction(s.head, ANSWER("help"));
    expect(await s.prompts.onText(s.head, "Cần tài khoản quản trị")).toBe(
      "Đã chuyển đề nghị hỗ trợ về nhiệm vụ “Nhiệm vụ minh họa t-thuong” tới Tổ Giúp việc.",
    );
    expect(s.app.store.reminders.responses().map((r) => [r.kind, r.text])).toEqual([
      ["help", "Cần tài khoản quản trị"],
    ]);
  });

  it("a question waits 30 minutes on the injected clock, then the text goes on as a question", async () => {
    const s = await setup();
    await s.prompts.onAction(s.head, ANSWER("extension"));
    s.clock.advance(29 * 60_000);
    expect(await s.prompts.onText(s.head, "31/7/2026")).toBe(PROMPT_TEXTS.extReason("2026-07-31"));
    // Each answer gives the next question its own 30 minutes.
    s.clock.advance(30 * 60_000 + 1);
    expect(s.prompts.pending(s.head)).toBeUndefined();
    expect(await s.prompts.onText(s.head, "Chờ số liệu")).toBeUndefined();
    expect(s.app.store.reminders.responses()).toEqual([]);
  });

  it("lastReminder: the last reminder with answers sent to the chat, from the send log", async () => {
    const s = await setup();
    const log = s.app.store.reminders;
    const send = async (taskId: string, recipientId: string, at: string, offset = 1) => {
      const parts = { taskId, occurrence: "2026-06-30", recipientId, offset };
      await log.markPending(parts, new Date(at));
      await log.markSent(`${taskId}|2026-06-30|${recipientId}|${offset}`, new Date(at));
    };
    expect(s.prompts.lastReminder(s.head)).toBeUndefined();
    await send("t-thuong", "telegram:1001", vn("2026-06-29", "08:00"));
    await send("t-nhieu-don-vi", "telegram:1001", vn("2026-06-29", "08:01"));
    await send("t-thu-bay", "telegram:1001", vn("2026-06-28", "08:00")); // sent earlier (a retry logged later)
    await send("t-nhieu-don-vi", "telegram:3001", vn("2026-06-29", "09:00")); // so-c: a coordinating notice
    await send("t-thuong", "telegram:1002", vn("2026-06-29", "09:00")); // another chat
    // A pending (not delivered) one does not count.
    await log.markPending({
      taskId: "t-cuoi-nam",
      occurrence: "2026-06-30",
      recipientId: "telegram:1001",
      offset: 0,
    });
    expect(s.prompts.lastReminder(s.head)).toEqual({
      taskId: "t-nhieu-don-vi",
      occurrence: "2026-06-30",
      title: "Nhiệm vụ minh họa t-nhieu-don-vi",
    });
    expect(s.prompts.lastReminder(s.assistant.identify("telegram", "3001"))).toBeUndefined();
    expect(fixtureUsers().some((u) => u.id === "telegram:3001" && u.unitId === "so-c")).toBe(true);
  });
});
