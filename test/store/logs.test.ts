/**
 * The append-only logs (reminders.jsonl, audit.jsonl): one line and one fsync a write, rebuilt at open,
 * a torn last line ignored, a damaged line skipped and named, a failed append undone.
 */
import { appendFile, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Store, StoreError, type StoreWarning } from "../../src/store/index.ts";
import { type LogFs, realLogFs } from "../../src/store/jsonl.ts";
import { open, tempDir, testClock } from "./helpers.ts";
import { countingFs, fsError, syncsOf } from "./log-fs.ts";

const parts = (n: number, offset = 7) => ({
  taskId: `t-${n}`,
  occurrence: "2024-06-30",
  recipientId: "telegram:1",
  offset,
});
const secretary = { kind: "telegram" as const, id: "telegram:42", name: "Chị Lan" };

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, "utf8")).split("\n").slice(0, -1);
}

/** Every kind of reminder-log write and an audit append, as the reminders and the chat make them. */
async function someWrites(store: Store): Promise<void> {
  await store.reminders.markPending(parts(1));
  await store.reminders.applyBatch([
    { op: "sent", key: "t-1|2024-06-30|telegram:1|7", messageId: "11" },
    { op: "pending", parts: parts(2) },
  ]);
  await store.reminders.markFailed("t-2|2024-06-30|telegram:1|7", "transient: 502");
  const ext = await store.reminders.addResponse({
    taskId: "t-1",
    occurrence: "2024-06-30",
    kind: "extension",
    userId: "telegram:1",
    text: "Chờ kinh phí",
    requestedDue: "2024-09-30",
  });
  await store.reminders.decideExtension(ext.id, {
    status: "approved",
    at: "2024-05-02T01:00:00.000Z",
    by: "telegram:42",
    due: "2024-09-30",
  });
  await store.reminders.markEscalated([
    { taskId: "t-2", occurrence: "2024-06-30", unitId: "so-tttt", since: "2024-07-01" },
  ]);
  await store.reminders.markDigest("daily", "2024-05-01");
  await store.audit.record({ actor: secretary, action: "user.link", entityId: "telegram:1" });
}

/** What a store shows of its logs. */
function view(store: Store) {
  return {
    entries: store.reminders.list(),
    responses: store.reminders.responses(),
    escalations: store.reminders.escalations(),
    daily: store.reminders.lastDigest("daily"),
    weekly: store.reminders.lastDigest("weekly"),
    audit: store.audit.list({ limit: Number.POSITIVE_INFINITY }),
  };
}

describe("append-only logs", () => {
  it("each write appends one line and fsyncs the file once; what was there is untouched", async () => {
    const dataDir = await tempDir();
    const { fs, counts } = countingFs();
    const store = await open(dataDir, { logFs: fs });
    const file = path.join(dataDir, "reminders.jsonl");
    const before = await readFile(file, "utf8");
    const syncs = () => counts.fileSyncs.get("reminders.jsonl") ?? 0;
    const s0 = syncs();

    await store.reminders.markPending(parts(1));
    const after1 = await readFile(file, "utf8");
    expect(after1.startsWith(before)).toBe(true);
    expect(after1.slice(before.length).split("\n")).toHaveLength(2); // one line and its newline
    expect(syncs()).toBe(s0 + 1);

    // A group commit of three changes is still one line, one fsync.
    await store.reminders.applyBatch([
      { op: "sent", key: "t-1|2024-06-30|telegram:1|7" },
      { op: "pending", parts: parts(2) },
      { op: "pending", parts: parts(3) },
    ]);
    const after2 = await readFile(file, "utf8");
    expect(after2.startsWith(after1)).toBe(true);
    expect(after2.slice(after1.length).split("\n")).toHaveLength(2);
    expect(syncs()).toBe(s0 + 2);
    expect(JSON.parse(after2.slice(after1.length))).toMatchObject({ t: "entries" });

    const a0 = counts.fileSyncs.get("audit.jsonl") ?? 0;
    await store.audit.record({ actor: secretary, action: "x" });
    expect(counts.fileSyncs.get("audit.jsonl")).toBe(a0 + 1);
  });

  it("a new log is created whole: temp file fsynced, renamed, the directory fsynced", async () => {
    const dataDir = await tempDir();
    const { fs, counts } = countingFs();
    await open(dataDir, { logFs: fs });
    for (const log of ["reminders.jsonl", "audit.jsonl"]) {
      expect(counts.renames.some(([from, to]) => to === log && from.startsWith(`.${log}.`))).toBe(true);
      expect(syncsOf(counts, (n) => n.startsWith(`.${log}.`))).toBe(1);
    }
    expect(counts.dirSyncs).toBeGreaterThanOrEqual(2);
    expect((await lines(path.join(dataDir, "reminders.jsonl")))[0]).toContain('"t":"header"');
  });

  it("everything written is back after a reopen, rebuilt from the lines", async () => {
    const dataDir = await tempDir();
    const clock = testClock();
    const s1 = await open(dataDir, { clock });
    await someWrites(s1);
    const seen = view(s1);
    await s1.close();
    const s2 = await open(dataDir, { clock });
    expect(view(s2)).toEqual(seen);
    expect(seen.responses[0]?.decision?.status).toBe("approved");
    expect(s2.reminders.stateOf("t-2|2024-06-30|telegram:1|7")).toBe("failed");
    // Ids continue where they were.
    expect((await s2.reminders.addResponse({ ...answer, kind: "help" })).id).toBe("a2");
    expect((await s2.audit.record({ actor: secretary, action: "y" })).id).toBe("2");
    expect(s2.warnings).toEqual([]);
  });
});

const answer = { taskId: "t-1", occurrence: "2024-06-30", kind: "done" as const, userId: "telegram:1" };

describe("a torn last line (a crash mid-append)", () => {
  it("is ignored with a warning, cut off by the writer, and the next append starts a line of its own", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.reminders.markPending(parts(1));
    await s1.reminders.markPending(parts(2));
    await s1.close();
    const file = path.join(dataDir, "reminders.jsonl");
    const whole = await readFile(file, "utf8");
    await appendFile(file, '{"t":"entries","entries":[{"taskId":"t-3","occ');

    // A reader sees the complete lines and leaves the file alone.
    const warned: StoreWarning[] = [];
    const reader = await open(dataDir, { readOnly: true, onWarning: (w) => warned.push(w) });
    expect(reader.reminders.list().map((e) => e.taskId)).toEqual(["t-1", "t-2"]);
    expect(warned).toMatchObject([{ code: "torn-line", file, lines: [4] }]);
    expect(warned[0]?.message).toContain(`Tệp ${file}: dòng cuối (dòng 4`);
    expect(warned[0]?.message).toContain("đã bỏ qua");
    await reader.close();
    expect(await readFile(file, "utf8")).not.toBe(whole);

    const s2 = await open(dataDir);
    expect(s2.warnings.map((w) => w.code)).toEqual(["torn-line"]);
    expect(s2.warnings[0]?.message).toContain("cắt khỏi tệp");
    expect(await readFile(file, "utf8")).toBe(whole);
    await s2.reminders.markPending(parts(4));
    await s2.close();

    const s3 = await open(dataDir);
    expect(s3.warnings).toEqual([]);
    expect(s3.reminders.list().map((e) => e.taskId)).toEqual(["t-1", "t-2", "t-4"]);
  });

  it("the same for the audit log", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.audit.record({ actor: secretary, action: "a" });
    await s1.close();
    await appendFile(path.join(dataDir, "audit.jsonl"), '{"id":"2","at":"2024-05-01T01:');
    const s2 = await open(dataDir);
    expect(s2.warnings.map((w) => w.code)).toEqual(["torn-line"]);
    expect((await s2.audit.record({ actor: secretary, action: "b" })).id).toBe("2");
    await s2.close();
    const s3 = await open(dataDir);
    expect(s3.audit.list().map((e) => e.action)).toEqual(["b", "a"]);
  });
});

describe("a damaged line in the middle", () => {
  it("is skipped and named (file, line); the rest loads; numbers it used are not given again", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.reminders.markPending(parts(1));
    const r1 = await s1.reminders.addResponse(answer);
    await s1.reminders.markPending(parts(2));
    const r2 = await s1.reminders.addResponse(answer);
    await s1.reminders.markPending(parts(3));
    await s1.audit.record({ actor: secretary, action: "a" });
    await s1.audit.record({ actor: secretary, action: "b" });
    await s1.audit.record({ actor: secretary, action: "c" });
    await s1.close();
    expect([r1.id, r2.id]).toEqual(["a1", "a2"]);

    const file = path.join(dataDir, "reminders.jsonl");
    const ls = await lines(file);
    // Line 2: not JSON any more (a disk error); line 5 (the answer a2): a field broken by a hand edit.
    ls[1] = "\u0000\u0000 rác {";
    ls[4] = ls[4]!.replace('"kind":"done"', '"kind":"xong"');
    await writeFile(file, `${ls.join("\n")}\n`);
    const auditFile = path.join(dataDir, "audit.jsonl");
    const al = await lines(auditFile);
    al[3] = al[3]!.replace('"action":"c"', '"action":""'); // the last entry, id 3, now invalid
    await writeFile(auditFile, `${al.join("\n")}\n`);

    const s2 = await open(dataDir);
    expect(s2.reminders.list().map((e) => e.taskId)).toEqual(["t-2", "t-3"]);
    expect(s2.reminders.responses().map((r) => r.id)).toEqual(["a1"]);
    const w = s2.warnings.find((x) => x.file === file);
    expect(w).toMatchObject({ code: "corrupt-lines", lines: [2, 5] });
    expect(w?.message).toContain(
      `Tệp ${file}: bỏ qua 2 dòng hỏng (dòng 2: không phải JSON; dòng 5: không đúng cấu trúc`,
    );
    expect(w?.message).toContain("Trợ lý vẫn chạy");
    expect(s2.warnings.find((x) => x.file === auditFile)?.message).toContain("dòng 4");
    // a2 and audit id 3 are in damaged lines: never given again.
    expect((await s2.reminders.addResponse(answer)).id).toBe("a3");
    expect((await s2.audit.record({ actor: secretary, action: "d" })).id).toBe("4");
    // The damaged lines are still in the file, as they were.
    expect(await readFile(file, "utf8")).toContain("\u0000\u0000 rác {");
  });

  it("a file saved by an editor with a BOM still opens", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.audit.record({ actor: secretary, action: "a" });
    await s1.close();
    const file = path.join(dataDir, "audit.jsonl");
    await writeFile(file, `\uFEFF${await readFile(file, "utf8")}`);
    const s2 = await open(dataDir);
    expect(s2.audit.list().map((e) => e.action)).toEqual(["a"]);
    expect(s2.warnings).toEqual([]);
  });

  it("an empty file or a missing header refuses to open (nothing in it can be trusted)", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const file = path.join(dataDir, "reminders.jsonl");
    await writeFile(file, '{"t":"entries","entries":[]}\n');
    await expect(open(dataDir)).rejects.toThrow(`Tệp dữ liệu ${file} bị hỏng (dòng đầu`);
    await writeFile(file, "");
    await expect(open(dataDir)).rejects.toThrow("tệp rỗng");
  });
});

describe("a failed append (a full disk)", () => {
  it("changes nothing, in memory or on disk, says so in Vietnamese, and the next append works", async () => {
    const dataDir = await tempDir();
    let full = false;
    const logFs: LogFs = {
      ...realLogFs,
      async openAppend(file) {
        const h = await realLogFs.openAppend(file);
        return {
          ...h,
          async write(data) {
            if (full) {
              // Half of the line reaches the disk, then ENOSPC.
              await h.write(data.subarray(0, data.length >> 1));
              throw fsError("ENOSPC");
            }
            await h.write(data);
          },
        };
      },
    };
    const store = await open(dataDir, { logFs });
    await store.reminders.markPending(parts(1));
    const file = path.join(dataDir, "reminders.jsonl");
    const before = await readFile(file, "utf8");
    full = true;
    const err = await store.reminders.markSent("t-1|2024-06-30|telegram:1|7").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("io");
    expect((err as StoreError).message).toBe(
      `Không ghi được vào ${file} (ổ đĩa đã đầy); thay đổi chưa được lưu.`,
    );
    expect(store.reminders.stateOf("t-1|2024-06-30|telegram:1|7")).toBe("pending");
    expect(await readFile(file, "utf8")).toBe(before);
    full = false;
    await store.reminders.markSent("t-1|2024-06-30|telegram:1|7");
    await store.close();
    const again = await open(dataDir);
    expect(again.warnings).toEqual([]);
    expect(again.reminders.stateOf("t-1|2024-06-30|telegram:1|7")).toBe("sent");
  });

  it("an invalid event is refused before anything is written", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const file = path.join(dataDir, "reminders.jsonl");
    const before = await readFile(file, "utf8");
    await expect(store.reminders.markDigest("daily", "2024-02-30")).rejects.toThrow(/không được lưu/);
    await expect(store.reminders.markFailed("t|2024-01-01|telegram:1|0", "x")).rejects.toThrow(
      /Không có mục nhắc hạn/,
    );
    expect(await readFile(file, "utf8")).toBe(before);
    expect((await readdir(dataDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});
