import { describe, expect, it } from "vitest";
import { reminderKey, StoreError } from "../../src/store/index.ts";
import { open, tempDir, testClock } from "./helpers.ts";

const parts = { taskId: "t-3609-12", occurrence: "2024-06-30", recipientId: "telegram:123", offset: 7 };

describe("reminderKey", () => {
  it("joins task, occurrence, recipient and offset with |", () => {
    expect(reminderKey(parts)).toBe("t-3609-12|2024-06-30|telegram:123|7");
    expect(reminderKey({ ...parts, offset: -1 })).toBe("t-3609-12|2024-06-30|telegram:123|-1");
    expect(() => reminderKey({ ...parts, recipientId: "a|b" })).toThrow(StoreError);
    expect(() => reminderKey({ ...parts, offset: 1.5 })).toThrow(StoreError);
  });
});

describe("reminder log", () => {
  it("pending → failed → pending → sent, counting attempts, kept across a restart", async () => {
    const clock = testClock("2024-06-23T01:00:00.000Z");
    const dataDir = await tempDir();
    const store = await open(dataDir, { clock });
    const key = reminderKey(parts);
    expect(store.reminders.has(key)).toBe(false);

    const p1 = await store.reminders.markPending(parts);
    expect(p1).toMatchObject({ state: "pending", attempts: 1, createdAt: "2024-06-23T01:00:00.000Z" });
    expect(store.reminders.has(key)).toBe(true);
    clock.advance(1000);
    const f = await store.reminders.markFailed(key, "Telegram: 429 Too Many Requests");
    expect(f).toMatchObject({ state: "failed", lastError: "Telegram: 429 Too Many Requests" });
    expect(store.reminders.list({ state: "failed" }).map((e) => e.key)).toEqual([key]);

    clock.advance(60_000);
    const p2 = await store.reminders.markPending(parts);
    expect(p2).toMatchObject({ state: "pending", attempts: 2, createdAt: "2024-06-23T01:00:00.000Z" });
    const s = await store.reminders.markSent(key);
    expect(s).toMatchObject({ state: "sent", attempts: 2, sentAt: "2024-06-23T01:01:01.000Z" });
    await store.close();

    const again = await open(dataDir, { clock });
    expect(again.reminders.get(key)).toMatchObject({ state: "sent", attempts: 2, offset: 7 });
    expect(again.reminders.list({ state: "pending" })).toEqual([]);
  });

  it("markSent on an unknown key is an error; prune drops old occurrences", async () => {
    const store = await open(await tempDir());
    await expect(store.reminders.markSent("t|2024-01-01|telegram:1|0")).rejects.toThrow(
      /Không có mục nhắc hạn/,
    );
    await store.reminders.markPending({ ...parts, occurrence: "2024-03-31" });
    await store.reminders.markPending(parts);
    expect(await store.reminders.prune("2024-04-01")).toBe(1);
    expect(store.reminders.list().map((e) => e.occurrence)).toEqual(["2024-06-30"]);
  });
});
