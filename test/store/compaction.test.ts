/**
 * Compaction of the reminder log (a new file swapped in atomically, writes going on meanwhile) and
 * retention (REMINDER_LOG_RETENTION_DAYS: whole finished due dates dropped, nothing else).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.ts";
import { open, tempDir, testClock } from "./helpers.ts";
import { countingFs, failingFs, pausingFs, type Step, syncsOf } from "./log-fs.ts";

const key = (n: number, offset = 7) => `t-${n}|2024-06-30|telegram:1|${offset}`;
const parts = (n: number, offset = 7) => ({
  taskId: `t-${n}`,
  occurrence: "2024-06-30",
  recipientId: "telegram:1",
  offset,
});
const manual = { autoCompact: false };

/** `n` reminders sent (a "pending" then a "sent" line each), an answer and a digest. */
async function fill(store: Store, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await store.reminders.markPending(parts(i));
    await store.reminders.markSent(key(i), undefined, String(100 + i));
  }
  await store.reminders.addResponse({
    taskId: "t-1",
    occurrence: "2024-06-30",
    kind: "done",
    userId: "telegram:1",
  });
  await store.reminders.markDigest("weekly", "2024-04-29");
}

function view(store: Store) {
  return {
    entries: store.reminders.list(),
    responses: store.reminders.responses(),
    escalations: store.reminders.escalations(),
    digests: [store.reminders.lastDigest("daily"), store.reminders.lastDigest("weekly")],
  };
}

const lineCount = async (file: string) => (await readFile(file, "utf8")).split("\n").length - 1;
const temps = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith(".tmp"));

describe("compaction", () => {
  it("writes the live view only (one line per record), and the view is the same after a reopen", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir, { reminderLog: manual });
    await fill(s1, 30);
    const file = path.join(dataDir, "reminders.jsonl");
    expect(await lineCount(file)).toBe(1 + 60 + 2);
    const seen = view(s1);
    const r = await s1.reminders.compact();
    expect(r).toMatchObject({ recordsBefore: 62, recordsAfter: 32, dropped: { series: 0 } });
    expect(r.bytesAfter).toBeLessThan(r.bytesBefore);
    // header, meta (counters and digests), 30 entries, 1 answer
    expect(await lineCount(file)).toBe(1 + 1 + 30 + 1);
    expect(view(s1)).toEqual(seen);
    await s1.reminders.markPending(parts(31));
    await s1.close();
    const s2 = await open(dataDir, { reminderLog: manual });
    expect(view(s2)).toEqual({ ...seen, entries: [...seen.entries, ...view(s2).entries.slice(30)] });
    expect(s2.reminders.stateOf(key(31))).toBe("pending");
    expect((await s2.reminders.addResponse({ ...answer })).id).toBe("a2");
  });

  it("fsyncs the new file before the rename and the directory after it", async () => {
    const dataDir = await tempDir();
    const { fs, counts } = countingFs();
    const s1 = await open(dataDir, { reminderLog: manual, logFs: fs });
    await fill(s1, 3);
    const dirs = counts.dirSyncs;
    const renames = counts.renames.length;
    const temp = (n: string) => n.startsWith(".reminders.jsonl.") && n.endsWith(".tmp");
    const tempSyncs = syncsOf(counts, temp);
    await s1.reminders.compact();
    expect(syncsOf(counts, temp)).toBe(tempSyncs + 1);
    expect(counts.renames.slice(renames).map(([, to]) => to)).toEqual(["reminders.jsonl"]);
    expect(counts.dirSyncs).toBe(dirs + 1);
  });

  it("writes made while it runs are kept: they wait only for the swap, and are in the new file", async () => {
    const dataDir = await tempDir();
    let armed = false;
    const p = pausingFs(() => armed);
    const s1 = await open(dataDir, { reminderLog: manual, logFs: p.fs });
    await fill(s1, 10);
    armed = true;
    const compaction = s1.reminders.compact();
    await p.started; // the snapshot is taken, the new file not written yet
    armed = false;
    await s1.reminders.markPending(parts(11));
    await s1.reminders.markSent(key(11));
    await s1.reminders.markFailed(key(2), "blocked: 403");
    const a = await s1.reminders.addResponse({
      ...answer,
      kind: "extension",
      text: "Lý do",
      requestedDue: "2024-08-30",
    });
    p.release();
    await compaction;
    await s1.reminders.decideExtension(a.id, {
      status: "refused",
      at: "2024-05-02T00:00:00.000Z",
      by: "cli",
      note: "Không",
    });
    const seen = view(s1);
    expect(seen.entries).toHaveLength(11);
    await s1.close();
    const s2 = await open(dataDir, { reminderLog: manual });
    expect(view(s2)).toEqual(seen);
    expect(s2.reminders.stateOf(key(2))).toBe("failed");
  });

  const steps: Step[] = ["create-temp", "write-temp", "sync-temp", "append-tail", "sync-tail", "rename"];
  for (const step of steps) {
    it(`a failure at "${step}": the old file stays complete, nothing is lost, writing goes on`, async () => {
      const dataDir = await tempDir();
      let armed = false;
      let p: ReturnType<typeof pausingFs> | undefined;
      const fs = failingFs(step, () => armed);
      // For the tail steps, a write happens while the compaction runs.
      const tail = step === "append-tail" || step === "sync-tail";
      if (tail) {
        p = pausingFs(() => armed);
        const inner = p.fs;
        fs.create = async (file) => {
          await inner.create(file).then((h) => h.close());
          const { rm } = await import("node:fs/promises");
          await rm(file);
          return failingFs(step, () => armed).create(file);
        };
      }
      const s1 = await open(dataDir, { reminderLog: manual, logFs: fs });
      await fill(s1, 10);
      const file = path.join(dataDir, "reminders.jsonl");
      armed = true;
      const compaction = s1.reminders.compact().then(
        () => undefined,
        (e: unknown) => e,
      );
      if (p) {
        await p.started;
        await s1.reminders.markPending(parts(11));
        p.release();
      }
      const before = await readFile(file, "utf8");
      const seen = view(s1);
      expect(await compaction).toBeInstanceOf(Error);
      armed = false;
      expect(await readFile(file, "utf8")).toBe(before);
      expect(await temps(dataDir)).toEqual([]);
      expect(view(s1)).toEqual(seen);
      await s1.reminders.markPending(parts(12));
      await s1.close();
      const s2 = await open(dataDir, { reminderLog: manual });
      expect(view(s2).entries.map((e) => e.taskId)).toEqual([...seen.entries.map((e) => e.taskId), "t-12"]);
      expect(s2.warnings).toEqual([]);
    });
  }

  it("a crash between two steps (nothing cleaned up): the next start has the old file, complete", async () => {
    for (const step of ["write-temp", "sync-temp", "rename"] as const) {
      const dataDir = await tempDir();
      let armed = false;
      const s1 = await open(dataDir, {
        reminderLog: manual,
        logFs: failingFs(step, () => armed, { dieAfter: true }),
      });
      await fill(s1, 5);
      const before = await readFile(path.join(dataDir, "reminders.jsonl"), "utf8");
      const seen = view(s1);
      armed = true;
      await expect(s1.reminders.compact()).rejects.toThrow();
      await s1.close().catch(() => {});
      // The "dead" writer left its lock and its temp file; the next start takes over.
      if (step !== "write-temp" || (await temps(dataDir)).length)
        expect(await temps(dataDir)).toHaveLength(1);
      const { rm } = await import("node:fs/promises");
      await rm(path.join(dataDir, "writer.lock"), { force: true });
      const s2 = await open(dataDir, { reminderLog: manual });
      expect(await temps(dataDir), step).toEqual([]);
      expect(await readFile(path.join(dataDir, "reminders.jsonl"), "utf8"), step).toBe(before);
      expect(view(s2), step).toEqual(seen);
      await s2.close();
    }
  });

  it("a directory fsync failing after the rename: the new file is the log (said so), writes go to it", async () => {
    const dataDir = await tempDir();
    let armed = false;
    const s1 = await open(dataDir, { reminderLog: manual, logFs: failingFs("fsync-dir", () => armed) });
    await fill(s1, 5);
    const seen = view(s1);
    armed = true;
    await s1.reminders.compact();
    armed = false;
    expect(s1.warnings.at(-1)?.message).toContain("chưa đồng bộ được thư mục");
    await s1.reminders.markPending(parts(6));
    await s1.close();
    const s2 = await open(dataDir, { reminderLog: manual });
    expect(view(s2).entries).toHaveLength(6);
    expect(view(s2).responses).toEqual(seen.responses);
  });

  it("a file with damaged lines is kept beside the new one (the damaged lines are not lost)", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir, { reminderLog: manual });
    await fill(s1, 3);
    await s1.close();
    const file = path.join(dataDir, "reminders.jsonl");
    const ls = (await readFile(file, "utf8")).split("\n");
    ls[2] = "{hỏng";
    const damaged = ls.join("\n");
    await writeFile(file, damaged);
    const clock = testClock("2026-11-26T01:00:00.000Z");
    const s2 = await open(dataDir, { reminderLog: manual, clock });
    const r = await s2.reminders.compact();
    expect(r.keptDamaged).toBe(`${file}.hong-20261126-080000`);
    expect(await readFile(r.keptDamaged!, "utf8")).toBe(damaged);
    expect(s2.warnings.at(-1)?.message).toContain(`tệp cũ có dòng hỏng được giữ nguyên ở ${r.keptDamaged}`);
    await s2.close();
    const s3 = await open(dataDir, { reminderLog: manual });
    expect(s3.warnings).toEqual([]);
    expect(view(s3)).toEqual(view(s2));
  });

  it("starts by itself in the background once superseded records pass the threshold", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir, { reminderLog: { minGarbage: 20, retentionDays: 0 } });
    const file = path.join(dataDir, "reminders.jsonl");
    await fill(s1, 25); // 52 records for 27 live ones
    await s1.close(); // waits for a compaction under way
    // Compacted once 20 were superseded (header, meta, 21 entries), then 4 more reminders, answer, digest.
    expect(await lineCount(file)).toBe(2 + 21 + 8 + 2);
    expect(await readFile(file, "utf8")).toContain('{"t":"meta"');
    const s2 = await open(dataDir);
    expect(s2.reminders.list({ state: "sent" })).toHaveLength(25);
  });
});

const answer = { taskId: "t-1", occurrence: "2024-06-30", kind: "done" as const, userId: "telegram:1" };

describe("retention (REMINDER_LOG_RETENTION_DAYS)", () => {
  const OLD = new Date("2024-01-10T01:00:00.000Z");
  const NOW = new Date("2024-06-10T01:00:00.000Z"); // 152 days later
  const decision = (at: Date) => ({
    status: "approved" as const,
    at: at.toISOString(),
    by: "cli",
    due: "2024-03-30",
  });
  const p = (task: string, occurrence = "2024-01-15", recipientId = "telegram:1") => ({
    taskId: task,
    occurrence,
    recipientId,
    offset: -1,
  });
  const k = (x: ReturnType<typeof p>) => `${x.taskId}|${x.occurrence}|${x.recipientId}|${x.offset}`;

  async function scenario(retentionDays: number) {
    const dataDir = await tempDir();
    const clock = testClock(NOW.toISOString());
    const store = await open(dataDir, { clock, reminderLog: { autoCompact: false, retentionDays } });
    const log = store.reminders;
    // A: finished long ago: sent, answered (an extension decided), escalated: all of it old.
    await log.markPending(p("A"), OLD);
    await log.markSent(k(p("A")), OLD);
    const a = await log.addResponse(
      {
        taskId: "A",
        occurrence: "2024-01-15",
        kind: "extension",
        userId: "telegram:1",
        text: "x",
        requestedDue: "2024-03-30",
      },
      OLD,
    );
    await log.decideExtension(a.id, decision(OLD));
    await log.markEscalated(
      [{ taskId: "A", occurrence: "2024-01-15", unitId: "so-tttt", since: "2024-01-16" }],
      OLD,
    );
    // B: old, but an extension request still waits for a decision.
    await log.markPending(p("B"), OLD);
    await log.markSent(k(p("B")), OLD);
    await log.addResponse(
      {
        taskId: "B",
        occurrence: "2024-01-15",
        kind: "extension",
        userId: "telegram:1",
        text: "y",
        requestedDue: "2024-04-30",
      },
      OLD,
    );
    // C: old sends, a recent answer.
    await log.markPending(p("C"), OLD);
    await log.markSent(k(p("C")), OLD);
    await log.addResponse({ taskId: "C", occurrence: "2024-01-15", kind: "done", userId: "telegram:1" }, NOW);
    // D: an old send whose outcome is unknown ("pending").
    await log.markPending(p("D"), OLD);
    // E: recent.
    await log.markPending(p("E", "2024-06-30"), NOW);
    await log.markSent(k(p("E", "2024-06-30")), NOW);
    // F: the same task as A, another due date (a recurring task), recent: A's other due date stays.
    await log.markPending(p("A", "2025-01-15"), NOW);
    // G: old, failed, nothing since (a recipient who blocked the bot).
    await log.markPending(p("G"), OLD);
    await log.markFailed(k(p("G")), "blocked: 403", OLD);
    await log.markDigest("daily", "2024-06-07");
    return { dataDir, clock, store };
  }

  it("drops the whole of a finished old due date, and only that", async () => {
    const { dataDir, clock, store } = await scenario(90);
    const r = await store.reminders.compact();
    expect(r.dropped).toEqual({ series: 2, entries: 2, responses: 1, escalations: 1 });
    const keys = store.reminders
      .list()
      .map((e) => e.key)
      .sort();
    expect(keys).toEqual(
      [k(p("A", "2025-01-15")), k(p("B")), k(p("C")), k(p("D")), k(p("E", "2024-06-30"))].sort(),
    );
    expect(store.reminders.responses().map((x) => x.taskId)).toEqual(["B", "C"]);
    expect(store.reminders.escalations()).toEqual({});
    expect(store.reminders.lastDigest("daily")).toBe("2024-06-07");
    expect(store.warnings.at(-1)?.message).toContain("bỏ chi tiết cũ của 2 hạn nhiệm vụ đã xong");
    // Ids are never given again.
    expect((await store.reminders.addResponse(answer)).id).toBe("a4");
    const seen = view(store);
    await store.close();
    const again = await open(dataDir, { clock, reminderLog: manual });
    expect(view(again)).toEqual(seen);
  });

  it("0 keeps everything; a shorter gap than the retention keeps everything too", async () => {
    const none = await scenario(0);
    expect((await none.store.reminders.compact()).dropped.series).toBe(0);
    expect(none.store.reminders.list()).toHaveLength(7);
    const long = await scenario(200);
    expect((await long.store.reminders.compact()).dropped.series).toBe(0);
    expect(long.store.reminders.responses()).toHaveLength(3);
  });

  it("is looked at in the background after a write (at most every retentionCheckMs)", async () => {
    const { dataDir, clock, store } = await scenario(90);
    await store.close();
    const s2 = await open(dataDir, { clock, reminderLog: { retentionDays: 90 } });
    expect(s2.reminders.list()).toHaveLength(7);
    await s2.reminders.markDigest("weekly", "2024-06-10"); // a write: the check runs after it
    await s2.close();
    const s3 = await open(dataDir, { clock, reminderLog: manual });
    expect(s3.reminders.list()).toHaveLength(5);
    expect(s3.reminders.lastDigest("weekly")).toBe("2024-06-10");
  });
});
