import { describe, expect, it } from "vitest";
import { Assistant } from "../../../src/app/assistant.ts";
import { parseUpdate, ZaloClient } from "../../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../../src/channels/zalo/conversation.ts";
import { ChoiceMemory } from "../../../src/channels/zalo/memory.ts";
import { ZaloQuota } from "../../../src/channels/zalo/quota.ts";
import { ZaloSender } from "../../../src/channels/zalo/sender.ts";
import {
  attachReminders,
  parseReminderShortcut,
  reminderChoice,
  reminderText,
} from "../../../src/conversation/reminders.ts";
import { CONVERSATION_TEXTS } from "../../../src/conversation/texts.ts";
import { taskStatus } from "../../../src/core/deadlines/status.ts";
import { ReminderAnswers } from "../../../src/notifier/answers.ts";
import { runReminderCycle } from "../../../src/notifier/cycle.ts";
import { SendLimiter } from "../../../src/notifier/notifier.ts";
import { PROMPT_TEXTS, ReminderPrompts } from "../../../src/notifier/prompts.ts";
import type { User } from "../../../src/store/state.ts";
import { fixtureData, fixtureTasks } from "../../fixtures/reminders/fixture.ts";
import { FAKE_ZALO_TOKEN, FakeZaloApi, textUpdate } from "../../helpers/fake-zalo-api.ts";
import { reminderApp, vn } from "../../notifier/helpers.ts";
import { onCleanup } from "./setup.ts";

function zaloUser(chatId: string, unitId: string, role: User["role"], name: string): User {
  return {
    id: `zalo:${chatId}`,
    channel: "zalo",
    chatId,
    name,
    unitId,
    role,
    linkedAt: "2026-01-02T01:00:00.000Z",
    reachable: true,
  };
}

const HEAD = "z-head";
const ADMIN = "z-admin";
const TITLE = "Nhiệm vụ minh họa t-thuong";

/**
 * Sở A's head and the secretariat (an admin) on Zalo, through the fake Zalo API; on 29/06/2026 only
 * t-thuong (due 30/06, lead Sở A) is reminded.
 */
async function setup() {
  const api = new FakeZaloApi({ idleMs: 30 });
  const root = await api.listen();
  onCleanup(() => api.close());
  const keep = new Set(["t-thuong", "t-thu-bay"]);
  const t = await reminderApp({
    now: vn("2026-06-29", "09:00"),
    env: { ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN, ZALO_API_ROOT: root },
    data: fixtureData(fixtureTasks().filter((x) => keep.has(x.id))),
    users: [
      zaloUser(HEAD, "so-a", "head", "Giám đốc Sở A"),
      zaloUser(ADMIN, "so-c", "admin", "Tổ Giúp việc"),
    ],
  });
  const { app } = t;
  const assistant = new Assistant(app);
  const client = new ZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: root });
  const quota = new ZaloQuota({
    settings: app.store.state,
    quota: app.config.ZALO_MONTHLY_QUOTA,
    now: () => app.now(),
  });
  // What startZalo does: the conversation and the sender share the numbered choices.
  const choices = new ChoiceMemory(() => app.now());
  const sender = new ZaloSender({ client, quota, choices, log: app.logger });
  const limiter = new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 });
  const answers = new ReminderAnswers(app, { zalo: sender }, { limiter });
  const prompts = new ReminderPrompts({ app, answers });
  attachReminders(assistant, prompts);
  const conv = new ZaloConversation({
    app,
    assistant,
    client,
    quota,
    choices,
    flood: { limit: 1000, windowMs: 1000 },
  });
  /** Types a message and returns the texts the bot answered with in that chat. */
  const say = async (chatId: string, text: string) => {
    const before = api.sent(chatId).length;
    await conv.handle(parseUpdate(textUpdate(chatId, text))!);
    return api.sent(chatId).slice(before);
  };
  const remind = async () => {
    const r = await runReminderCycle(app, { zalo: sender }, { limiter, followUps: false });
    expect(r.run.sent).toBe(1);
  };
  return { ...t, api, answers, prompts, assistant, say, remind };
}

describe("reminder answers on Zalo", () => {
  it("a reminder delivered by Zalo, answered by typing “1”: the task is done and the secretariat told", async () => {
    const s = await setup();
    await s.remind();
    const [reminder, ...more] = s.api.sent(HEAD);
    expect(more).toEqual([]);
    expect(reminder).toContain(`Nhiệm vụ: ${TITLE}`);
    expect(reminder).toContain(
      "Trả lời bằng số:\n1. Đã hoàn thành\n2. Đang thực hiện\n3. Xin gia hạn\n4. Cần hỗ trợ",
    );

    expect(await s.say(HEAD, "1")).toEqual([
      `Đã ghi nhận: nhiệm vụ “${TITLE}” hoàn thành ngày 29/06/2026. Tổ Giúp việc đã được báo.`,
    ]);
    s.app.reloadKnowledge();
    const task = s.app.knowledge().task("t-thuong")!;
    expect(task.progress.completedOn).toBe("2026-06-29");
    expect(taskStatus(task, "2026-06-29").status).toBe("done-on-time");
    expect(s.app.store.reminders.responses()).toMatchObject([
      { kind: "done", taskId: "t-thuong", userId: `zalo:${HEAD}`, unitId: "so-a" },
    ]);
    const told = s.api.sent(ADMIN);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("hoàn thành");
    expect(told[0]).toContain(TITLE);
    // Typed again: the task is already done; nothing recorded twice.
    expect(await s.say(HEAD, "1")).toEqual(["Nhiệm vụ này đã được ghi nhận hoàn thành ngày 29/06/2026."]);
    expect(s.app.store.reminders.responses()).toHaveLength(1);
  });

  it("an extension typed on Zalo: choice → date → reason; the secretariat refuses by number with a reason", async () => {
    const s = await setup();
    await s.remind();
    expect(await s.say(HEAD, "3")).toEqual([PROMPT_TEXTS.extDate]);
    expect(await s.say(HEAD, "ngày mai")).toEqual(["Hạn đề nghị phải sau hạn hiện tại (30/06/2026)."]);
    expect(await s.say(HEAD, "31/7/2026")).toEqual([PROMPT_TEXTS.extReason("2026-07-31")]);
    expect(await s.say(HEAD, "Chờ ý kiến thẩm định của Sở Tài chính")).toEqual([
      `Đã gửi đề nghị gia hạn nhiệm vụ “${TITLE}” tới Tổ Giúp việc. Trợ lý sẽ báo lại khi có ý kiến.`,
    ]);
    expect(s.answers.pendingExtensions()).toMatchObject([
      {
        id: "a1",
        taskId: "t-thuong",
        occurrence: "2026-06-30",
        requestedDue: "2026-07-31",
        text: "Chờ ý kiến thẩm định của Sở Tài chính",
        userId: `zalo:${HEAD}`,
      },
    ]);
    expect(s.prompts.pending({ channel: "zalo", chatId: HEAD, isAdmin: false })).toBeUndefined();

    // The secretariat's copy has the decision as numbered choices.
    const [request] = s.api.sent(ADMIN);
    expect(request).toContain("Yêu cầu gia hạn nhiệm vụ");
    expect(request).toContain("1. Duyệt gia hạn\n2. Từ chối");
    expect(await s.say(ADMIN, "2")).toEqual([PROMPT_TEXTS.refuse]);
    expect(await s.say(ADMIN, "Nhiệm vụ trọng tâm, đề nghị hoàn thành đúng hạn")).toEqual([
      `Đã từ chối đề nghị gia hạn nhiệm vụ “${TITLE}”. Đã báo cho Giám đốc Sở A.`,
    ]);
    const notice = s.api.sent(HEAD).at(-1)!;
    expect(notice).toContain("Đề nghị gia hạn không được chấp thuận");
    expect(notice).toContain("Lý do: Nhiệm vụ trọng tâm, đề nghị hoàn thành đúng hạn");
    expect(s.answers.pendingExtensions()).toEqual([]);
  });

  it("typed shortcuts answer the last reminder: “giahan <ngày> <lý do>”, “hotro”, “đang làm”, “xong”", async () => {
    const s = await setup();
    // Before any reminder.
    expect(await s.say(HEAD, "xong")).toEqual([CONVERSATION_TEXTS.noReminder]);
    await s.remind();
    // A question in between replaces the numbered choices; the shortcuts still work.
    await s.say(HEAD, "nhiệm vụ của tôi");

    expect(await s.say(HEAD, "Giahan 15/7/2026 Chờ số liệu của các huyện")).toEqual([
      `Đã gửi đề nghị gia hạn nhiệm vụ “${TITLE}” tới Tổ Giúp việc. Trợ lý sẽ báo lại khi có ý kiến.`,
    ]);
    expect(s.answers.pendingExtensions()).toMatchObject([
      { requestedDue: "2026-07-15", text: "Chờ số liệu của các huyện" },
    ]);

    // Parts missing are asked, naming the task.
    expect(await s.say(HEAD, "hotro")).toEqual([`Nhiệm vụ “${TITLE}”.\n${PROMPT_TEXTS.help}`]);
    expect(await s.say(HEAD, "Cần tài khoản quản trị hệ thống")).toEqual([
      `Đã chuyển đề nghị hỗ trợ về nhiệm vụ “${TITLE}” tới Tổ Giúp việc.`,
    ]);
    expect(await s.say(HEAD, "hỗtrợ: Cần thêm kinh phí")).toEqual([
      `Đã chuyển đề nghị hỗ trợ về nhiệm vụ “${TITLE}” tới Tổ Giúp việc.`,
    ]);
    expect(await s.say(HEAD, "Đang làm")).toEqual([
      `Đã ghi nhận: nhiệm vụ “${TITLE}” đang được thực hiện. Tổ Giúp việc đã được báo.`,
    ]);
    // One request waits per due date: the date is refused and asked again; “hủy” ends the question.
    expect(await s.say(HEAD, "gia hạn 20/7")).toEqual([
      `Nhiệm vụ “${TITLE}”.\nĐề nghị gia hạn trước (đến 15/07/2026) đang chờ Tổ Giúp việc xem xét.`,
    ]);
    expect(await s.say(HEAD, "huy")).toEqual([PROMPT_TEXTS.cancelled]);
    // A waiting question is replaced by a shortcut.
    expect(await s.say(HEAD, "giahan")).toEqual([`Nhiệm vụ “${TITLE}”.\n${PROMPT_TEXTS.extDate}`]);
    expect(await s.say(HEAD, "xong!")).toEqual([
      `Đã ghi nhận: nhiệm vụ “${TITLE}” hoàn thành ngày 29/06/2026. Tổ Giúp việc đã được báo.`,
    ]);
    expect(s.app.store.reminders.responses().map((r) => r.kind)).toEqual([
      "extension",
      "help",
      "help",
      "in-progress",
      "done",
    ]);
    expect(s.app.knowledge().task("t-thuong")?.progress.completedOn).toBe("2026-06-29");
  });

  it("a stale choice's data, and a text with no question waiting, go where they belong", async () => {
    const s = await setup();
    const d = { app: s.app, assistant: s.assistant };
    const person = { channel: "zalo" as const, chatId: HEAD, isAdmin: false };
    expect(await reminderChoice(d, person, "r:zz:nothing")).toEqual({
      kind: "stale",
      text: CONVERSATION_TEXTS.staleReminder,
    });
    expect(await reminderText(d, person, "gia hạn nhiệm vụ thế nào?")).toBeUndefined();
    expect(await reminderText(d, person, "31/7/2026")).toBeUndefined();
  });
});

describe("parseReminderShortcut", () => {
  it("reads the shortcuts with or without diacritics and leaves questions alone", () => {
    expect(parseReminderShortcut("Xong.")).toEqual({ kind: "done" });
    expect(parseReminderShortcut("đã hoàn thành")).toEqual({ kind: "done" });
    expect(parseReminderShortcut("dang lam")).toEqual({ kind: "in-progress" });
    expect(parseReminderShortcut("Đang thực hiện")).toEqual({ kind: "in-progress" });
    expect(parseReminderShortcut("giahan")).toEqual({ kind: "extension" });
    expect(parseReminderShortcut("giahan 30/9, chờ kinh phí")).toEqual({
      kind: "extension",
      date: "30/9",
      reason: "chờ kinh phí",
    });
    expect(parseReminderShortcut("Gia hạn 2026-09-30")).toEqual({ kind: "extension", date: "2026-09-30" });
    expect(parseReminderShortcut("giahan vì chờ kinh phí")).toEqual({ kind: "extension" });
    expect(parseReminderShortcut("hotro Cần  tập huấn\ncho cán bộ")).toEqual({
      kind: "help",
      text: "Cần  tập huấn\ncho cán bộ",
    });
    expect(parseReminderShortcut("Hỗtrợ")).toEqual({ kind: "help" });
    for (const q of ["gia hạn nhiệm vụ thế nào", "xong chưa?", "hỗ trợ chuyển đổi số", "đang làm gì", "30/9"])
      expect(parseReminderShortcut(q)).toBeUndefined();
  });
});
