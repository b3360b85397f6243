import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.ts";
import { tempDir } from "../notifier/helpers.ts";

describe("the reminder log with responses, escalations and digests", () => {
  it("a file written before these fields loads (defaults) and keeps working", async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    const at = "2026-06-23T01:00:00.000Z";
    const old = {
      version: 1,
      entries: {
        "t-1|2026-06-30|telegram:1|7": {
          taskId: "t-1",
          occurrence: "2026-06-30",
          recipientId: "telegram:1",
          offset: 7,
          state: "sent",
          attempts: 1,
          createdAt: at,
          updatedAt: at,
          sentAt: at,
        },
      },
    };
    await writeFile(path.join(dir, "reminders.json"), JSON.stringify(old));
    const store = await openStore({ dataDir: dir, clock: { now: () => new Date(at) } });
    try {
      expect(store.reminders.stateOf("t-1|2026-06-30|telegram:1|7")).toBe("sent");
      expect(store.reminders.responses()).toEqual([]);
      expect(store.reminders.lastDigest("daily")).toBeUndefined();
      const r = await store.reminders.addResponse({
        taskId: "t-1",
        occurrence: "2026-06-30",
        kind: "help",
        userId: "telegram:1",
        text: "Cần hỗ trợ",
      });
      expect(r).toMatchObject({ id: "a1", at });
      await store.reminders.markDigest("daily", "2026-06-23");
      await store.reminders.markEscalated([
        { taskId: "t-1", occurrence: "2026-06-30", unitId: "so-a", since: "2026-07-01" },
      ]);
    } finally {
      await store.close();
    }
    // Converted to reminders.jsonl (the old file kept beside it); all of it there after a restart.
    expect(JSON.parse(await readFile(path.join(dir, "reminders.json.truoc-chuyen-doi"), "utf8"))).toEqual(
      old,
    );
    const again = await openStore({ dataDir: dir, clock: { now: () => new Date(at) } });
    try {
      expect(again.reminders.stateOf("t-1|2026-06-30|telegram:1|7")).toBe("sent");
      expect(again.reminders.response("a1")).toMatchObject({ kind: "help", at });
      expect(again.reminders.lastDigest("daily")).toBe("2026-06-23");
      expect(again.reminders.escalations()).toEqual({
        "t-1|2026-06-30|so-a": {
          taskId: "t-1",
          occurrence: "2026-06-30",
          unitId: "so-a",
          since: "2026-07-01",
          at,
        },
      });
    } finally {
      await again.close();
    }
  });

  it("applyBatch: pending, sent and failed in one write; an unknown key writes nothing", async () => {
    const store = await openStore({
      dataDir: await tempDir(),
      clock: { now: () => new Date("2026-06-23T01:00:00.000Z") },
    });
    try {
      const parts = (n: number) => ({
        taskId: "t",
        occurrence: "2026-06-30",
        recipientId: `telegram:${n}`,
        offset: 3,
      });
      await store.reminders.applyBatch([
        { op: "pending", parts: parts(1) },
        { op: "pending", parts: parts(2) },
      ]);
      await store.reminders.applyBatch([
        { op: "sent", key: "t|2026-06-30|telegram:1|3", messageId: "42" },
        { op: "failed", key: "t|2026-06-30|telegram:2|3", error: "transient: 502" },
      ]);
      expect(store.reminders.get("t|2026-06-30|telegram:1|3")).toMatchObject({
        state: "sent",
        messageId: "42",
      });
      expect(store.reminders.get("t|2026-06-30|telegram:2|3")).toMatchObject({
        state: "failed",
        lastError: "transient: 502",
      });
      await expect(
        store.reminders.applyBatch([
          { op: "sent", key: "t|2026-06-30|telegram:2|3" },
          { op: "sent", key: "t|2026-06-30|telegram:9|3" },
        ]),
      ).rejects.toThrow(/Không có mục nhắc hạn/);
      expect(store.reminders.stateOf("t|2026-06-30|telegram:2|3")).toBe("failed");
      expect(await store.reminders.pruneStale(new Date("2026-06-24T00:00:00.000Z"))).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe("pruning stale reminder entries", () => {
  it("drops an occurrence only when none of its entries is recent: a task still reminded keeps its first reminder", async () => {
    let now = new Date("2026-01-05T01:00:00.000Z");
    const store = await openStore({ dataDir: await tempDir(), clock: { now: () => now } });
    try {
      const entry = (taskId: string, offset: number) => ({
        taskId,
        occurrence: "2025-12-31",
        recipientId: "telegram:1",
        offset,
      });
      // Both tasks reminded (overdue) in January…
      await store.reminders.applyBatch([
        { op: "pending", parts: entry("still", -5) },
        { op: "pending", parts: entry("quiet", -5) },
      ]);
      await store.reminders.applyBatch([
        { op: "sent", key: "still|2025-12-31|telegram:1|-5" },
        { op: "sent", key: "quiet|2025-12-31|telegram:1|-5" },
      ]);
      // …and in May only the first is reminded again.
      now = new Date("2026-05-20T01:00:00.000Z");
      await store.reminders.applyBatch([{ op: "pending", parts: entry("still", -140) }]);
      await store.reminders.applyBatch([{ op: "sent", key: "still|2025-12-31|telegram:1|-140" }]);
      // 120 days before the end of May: January is old, but "still" has a recent entry.
      const dropped = await store.reminders.pruneStale(new Date("2026-02-01T00:00:00.000Z"));
      expect(dropped).toBe(1);
      expect(store.reminders.stateOf("quiet|2025-12-31|telegram:1|-5")).toBeUndefined();
      // The first unanswered reminder of "still" stays, so escalation's "since" does not move.
      expect(store.reminders.stateOf("still|2025-12-31|telegram:1|-5")).toBe("sent");
      expect(store.reminders.stateOf("still|2025-12-31|telegram:1|-140")).toBe("sent");
    } finally {
      await store.close();
    }
  });
});
