import { afterEach, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../src/channels/telegram/sender.ts";
import { decodeAction } from "../../src/core/reminders/message.ts";
import {
  deliver,
  interleaveByChat,
  LogWriter,
  type RunOptions,
  runReminders,
  type Sender,
  SendLimiter,
} from "../../src/notifier/notifier.ts";
import { reminderOptionsFromConfig } from "../../src/notifier/options.ts";
import type { ReminderLogOp } from "../../src/store/reminder-log.ts";
import { fixtureData, fixtureTasks, manyUnits } from "../fixtures/reminders/fixture.ts";
import { FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { reminderApp, type TestApp, virtualTime, vn } from "./helpers.ts";

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
/** Only the plain task (due Tuesday 30/06/2026, led by Sở A): one reminder a day to its head. */
const ONE = () => fixtureData(fixtureTasks().filter((t) => t.id === "t-thuong"));
let api: FakeBotApi;
afterEach(async () => {
  await api?.close();
});

function run(t: TestApp, extra: Partial<RunOptions> = {}) {
  return runReminders({
    store: t.app.store,
    knowledge: t.app.knowledge(),
    senders: { telegram: createTelegramSender({ token: FAKE_TOKEN, fetch: api.fetch }) },
    options: reminderOptionsFromConfig(t.app.config),
    now: () => t.app.now(),
    limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }),
    policy: FAST,
    ...extra,
  });
}

/** sendMessage calls that succeeded, per chat id. */
function deliveredPerChat(): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of api.callsTo("sendMessage"))
    m.set(String(p["chat_id"]), (m.get(String(p["chat_id"])) ?? 0) + 1);
  return m;
}

describe("a reminder run against the fake Bot API", () => {
  it("sends each due reminder once, in HTML with the four answer buttons; a second run sends nothing", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    const report = await run(t);
    expect(report).toMatchObject({ active: true, sent: 1, failed: [], blocked: [] });
    const call = api.callsTo("sendMessage")[0]!;
    expect(call["chat_id"]).toBe("1001");
    expect(call["parse_mode"]).toBe("HTML");
    const text = String(call["text"]);
    expect(text).toContain("<b>Nhắc hạn nhiệm vụ: còn 7 ngày</b>");
    expect(text).toContain("Nhiệm vụ: Nhiệm vụ minh họa t-thuong");
    expect(text).toContain("Văn bản giao: Kế hoạch số 99/KH-MH ngày 15/01/2026");
    expect(text).toContain("Hạn hoàn thành: 30/06/2026 (Thứ Ba)");
    const keyboard = (
      call["reply_markup"] as { inline_keyboard: { text: string; callback_data: string }[][] }
    ).inline_keyboard;
    expect(keyboard.flat().map((b) => b.text)).toEqual([
      "Đã hoàn thành",
      "Đang thực hiện",
      "Xin gia hạn",
      "Cần hỗ trợ",
    ]);
    expect(keyboard.flat().map((b) => decodeAction(b.callback_data))).toEqual([
      { type: "answer", answer: "done", taskId: "t-thuong", occurrence: "2026-06-30" },
      { type: "answer", answer: "in-progress", taskId: "t-thuong", occurrence: "2026-06-30" },
      { type: "answer", answer: "extension", taskId: "t-thuong", occurrence: "2026-06-30" },
      { type: "answer", answer: "help", taskId: "t-thuong", occurrence: "2026-06-30" },
    ]);
    expect(t.app.store.reminders.get("t-thuong|2026-06-30|telegram:1001|7")).toMatchObject({
      state: "sent",
      attempts: 1,
      messageId: "1",
    });
    t.clock.set(vn("2026-06-23", "10:30"));
    expect(await run(t)).toMatchObject({ planned: 0, sent: 0 });
    expect(api.sent()).toHaveLength(1);
  });

  it("429 with retry_after: waits, then delivers once", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    api.fail("sendMessage", { kind: "429", retryAfter: 1 });
    const started = Date.now();
    const report = await run(t);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(report).toMatchObject({ sent: 1, failed: [] });
    expect(api.calls.filter((c) => c.method === "sendMessage").map((c) => c.errorCode ?? "ok")).toEqual([
      429,
      "ok",
    ]);
    expect(deliveredPerChat()).toEqual(new Map([["1001", 1]]));
  });

  it("500 and a dropped connection: retried with backoff, delivered once", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    api.fail("sendMessage", { kind: "500" });
    api.fail("sendMessage", { kind: "drop" });
    const report = await run(t);
    expect(report).toMatchObject({ sent: 1, failed: [] });
    expect(api.calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([
      false,
      false,
      true,
    ]);
    expect(api.sent()).toHaveLength(1);
  });

  it("a persistent 5xx: 'failed' after bounded retries, then sent by the next run, once", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    api.fail("sendMessage", { kind: "500" }, 5); // 1 try + 4 retries
    const first = await run(t);
    expect(first.sent).toBe(0);
    expect(first.failed).toEqual([
      {
        key: "t-thuong|2026-06-30|telegram:1001|7",
        userId: "telegram:1001",
        description: "Internal Server Error",
      },
    ]);
    expect(t.app.store.reminders.get("t-thuong|2026-06-30|telegram:1001|7")).toMatchObject({
      state: "failed",
    });
    t.clock.set(vn("2026-06-23", "08:30"));
    const second = await run(t);
    expect(second).toMatchObject({ sent: 1, retried: 1 });
    expect(api.sent()).toHaveLength(1);
    expect(t.app.store.reminders.get("t-thuong|2026-06-30|telegram:1001|7")).toMatchObject({
      state: "sent",
      attempts: 2,
    });
  });

  it("403 blocked: no retry, the head is marked unreachable and listed; later runs skip them", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    api.fail("sendMessage", { kind: "blocked" });
    const report = await run(t);
    expect(report.blocked).toEqual([
      {
        userId: "telegram:1001",
        name: "Giám đốc Sở A",
        unitId: "so-a",
        description: "Forbidden: bot was blocked by the user",
      },
    ]);
    expect(api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(t.app.store.state.getUser("telegram:1001")).toMatchObject({
      reachable: false,
      unreachableReason: "đã chặn trợ lý",
    });
    t.clock.set(vn("2026-06-26"));
    const later = await run(t);
    expect(later.unreachable.map((u) => u.userId)).toContain("telegram:1001");
    expect(api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("'chat not found' (never opened the bot) is unreachable too", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    api.fail("sendMessage", { kind: "error", code: 400, description: "Bad Request: chat not found" });
    const report = await run(t);
    expect(report.blocked.map((b) => b.userId)).toEqual(["telegram:1001"]);
    expect(t.app.store.state.getUser("telegram:1001")?.unreachableReason).toBe(
      "chưa mở trò chuyện với trợ lý",
    );
  });

  it("40 recipients with 429, 500, drops and one blocked head: nothing lost, nothing duplicated", async () => {
    api = new FakeBotApi();
    const { data, users } = manyUnits(40, "2026-06-30");
    const t = await reminderApp({ now: vn("2026-06-23"), data, users });
    api.fail("sendMessage", { kind: "429", retryAfter: 1 });
    api.fail("sendMessage", { kind: "500" }, 2);
    api.fail("sendMessage", { kind: "drop" });
    api.fail("sendMessage", { kind: "blocked" });
    api.fail("sendMessage", { kind: "drop" }, 2);
    api.fail("sendMessage", { kind: "500" });
    const report = await run(t, { concurrency: 4 });
    expect(report.planned).toBe(40);
    expect(report.blocked).toHaveLength(1);
    expect(report.sent).toBe(39);
    const per = deliveredPerChat();
    expect(per.size).toBe(39);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    const blockedChat = report.blocked[0]!.userId.split(":")[1]!;
    expect(per.has(blockedChat)).toBe(false);
    // every log entry but the blocked one is "sent"
    const states = t.app.store.reminders.list().map((e) => e.state);
    expect(states.filter((s) => s === "sent")).toHaveLength(39);
    expect(states.filter((s) => s === "failed")).toHaveLength(1);
  });

  it("a 'pending' entry left by a crashed run is sent again (at-least-once), once", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    await t.app.store.reminders.markPending({
      taskId: "t-thuong",
      occurrence: "2026-06-30",
      recipientId: "telegram:1001",
      offset: 7,
    });
    const report = await run(t);
    expect(report).toMatchObject({ sent: 1, recovered: 1 });
    expect(t.app.store.reminders.get("t-thuong|2026-06-30|telegram:1001|7")).toMatchObject({
      state: "sent",
      attempts: 2,
    });
  });

  it("reminders for a channel without a sender are not sent nor logged", async () => {
    api = new FakeBotApi();
    const t = await reminderApp({ now: vn("2026-06-23"), data: ONE() });
    const report = await run(t, { senders: {} });
    expect(report.noChannel).toEqual([{ userId: "telegram:1001", channel: "telegram" }]);
    expect(t.app.store.reminders.list()).toEqual([]);
  });

  it("an abort stops new sends; those in flight are finished and recorded", async () => {
    api = new FakeBotApi();
    const { data, users } = manyUnits(10, "2026-06-30");
    const t = await reminderApp({ now: vn("2026-06-23"), data, users });
    const stop = new AbortController();
    const report = await run(t, {
      concurrency: 1,
      hooks: {
        afterSent: () => {
          if (api.sent().length === 3) stop.abort();
        },
      },
      signal: stop.signal,
    });
    expect(report).toMatchObject({ sent: 3, aborted: true });
    expect(t.app.store.reminders.list().map((e) => e.state)).toEqual(["sent", "sent", "sent"]);
    const rest = await run(t);
    expect(rest.sent).toBe(7);
    expect([...deliveredPerChat().values()].every((n) => n === 1)).toBe(true);
  });
});

describe("SendLimiter (virtual time)", () => {
  it("30 messages a second overall, 1 a second per chat", async () => {
    const vt = virtualTime();
    const limiter = vt.limiter(30, 1000);
    const at: number[] = [];
    for (let i = 0; i < 90; i++) {
      await limiter.acquire(`chat-${i}`);
      at.push(vt.now());
    }
    // 90 messages: the first at 0, then one every 1000/30 ms
    expect(at[89]! - at[0]!).toBeCloseTo((89 * 1000) / 30, 0);
    const perChat: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.acquire("same-chat");
      perChat.push(vt.now());
    }
    expect(perChat[1]! - perChat[0]!).toBeGreaterThanOrEqual(1000 - 1e-6);
    expect(perChat[2]! - perChat[1]!).toBeGreaterThanOrEqual(1000 - 1e-6);
  });

  it("a chat waiting for its turn does not hold up the others", async () => {
    let t = 0;
    const waits: Array<() => void> = [];
    const limiter = new SendLimiter({
      ratePerSecond: 30,
      chatIntervalMs: 1000,
      now: () => t,
      sleep: (ms) =>
        new Promise((r) => {
          waits.push(() => {
            t = Math.max(t, t + ms);
            r();
          });
        }),
    });
    await limiter.acquire("a");
    const second = limiter.acquire("a"); // waits for a's next slot (1 s)
    t += 40;
    const other = await limiter.acquire("b"); // served while "a" waits
    expect(other).toBe(true);
    for (const w of waits.splice(0)) w();
    await second;
  });

  it("pause() after a 429 holds every send", async () => {
    const vt = virtualTime();
    const limiter = vt.limiter(30, 0);
    await limiter.acquire("x");
    limiter.pause(5000);
    await limiter.acquire("y");
    expect(vt.now()).toBeGreaterThanOrEqual(5000);
  });
});

describe("deliver", () => {
  const limiter = () => new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 });

  it("gives up a 429 asking to wait longer than maxRetryAfterMs", async () => {
    const sender: Sender = {
      channel: "telegram",
      send: async () => ({
        ok: false,
        kind: "rate-limited",
        description: "Too Many Requests",
        retryAfter: 3600,
      }),
    };
    const d = await deliver(
      sender,
      "1",
      { kind: "info", title: "x", lines: [], actions: [] },
      { limiter: limiter() },
    );
    expect(d).toMatchObject({ attempts: 1, result: { ok: false, kind: "rate-limited" } });
  });

  it("a sender that throws counts as a transient failure", async () => {
    let n = 0;
    const sender: Sender = {
      channel: "telegram",
      send: async () => {
        if (++n < 3) throw new Error("boom");
        return { ok: true };
      },
    };
    const vt = virtualTime();
    const d = await deliver(
      sender,
      "1",
      { kind: "info", title: "x", lines: [], actions: [] },
      {
        limiter: limiter(),
        sleep: vt.sleep,
        random: () => 0.5,
      },
    );
    expect(d).toMatchObject({ attempts: 3, result: { ok: true } });
    expect(vt.sleeps).toEqual([1000, 2000]); // exponential backoff from 1 s
  });
});

describe("LogWriter", () => {
  it("group-commits changes that arrive during a write", async () => {
    const batches: number[] = [];
    const log = {
      applyBatch: async (ops: readonly ReminderLogOp[]) => {
        batches.push(ops.length);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const w = new LogWriter(log, () => new Date());
    await Promise.all(Array.from({ length: 10 }, (_, i) => w.submit({ op: "sent", key: `k${i}` })));
    expect(batches).toEqual([1, 9]);
  });
});

describe("interleaveByChat", () => {
  it("spreads one chat's messages", () => {
    const r = (id: string, n: number) => ({ recipient: { id }, n });
    const out = interleaveByChat([r("a", 1), r("a", 2), r("a", 3), r("b", 1), r("c", 1), r("c", 2)]);
    expect(out.map((x) => `${x.recipient.id}${x.n}`)).toEqual(["a1", "b1", "c1", "a2", "c2", "a3"]);
  });
});
