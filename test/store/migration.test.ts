/**
 * The previous version's reminders.json and audit.json, converted once at the first open into the
 * JSON Lines logs, the old files kept beside them (never deleted).
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/store/index.ts";
import { open, tempDir, testClock } from "./helpers.ts";

const AT = "2024-05-01T01:00:00.000Z";

/** A data dir as the previous version left it: JSON documents, a manifest listing them. */
async function previousVersionDir(): Promise<{ dataDir: string; reminders: unknown; audit: unknown }> {
  const dataDir = await tempDir();
  await mkdir(dataDir, { recursive: true });
  const entry = (taskId: string, state: "sent" | "pending", offset: number) => ({
    taskId,
    occurrence: "2024-06-30",
    recipientId: "telegram:1",
    offset,
    state,
    attempts: 1,
    createdAt: AT,
    updatedAt: AT,
    ...(state === "sent" ? { sentAt: AT, messageId: "77" } : {}),
  });
  const reminders = {
    version: 1,
    entries: {
      "t-1|2024-06-30|telegram:1|7": entry("t-1", "sent", 7),
      "t-2|2024-06-30|telegram:1|-1": entry("t-2", "pending", -1),
    },
    responses: [
      {
        id: "a1",
        taskId: "t-1",
        occurrence: "2024-06-30",
        kind: "extension",
        userId: "telegram:1",
        unitId: "so-tttt",
        at: AT,
        text: "Chờ kinh phí",
        requestedDue: "2024-09-30",
        decision: { status: "refused", at: AT, by: "cli", note: "Không đủ lý do" },
      },
      { id: "a3", taskId: "t-2", occurrence: "2024-06-30", kind: "help", userId: "telegram:1", at: AT },
    ],
    responseSeq: 4,
    escalations: {
      "t-2|2024-06-30|so-tttt": {
        taskId: "t-2",
        occurrence: "2024-06-30",
        unitId: "so-tttt",
        since: "2024-07-01",
        at: AT,
      },
    },
    digests: { daily: "2024-04-30", weekly: "2024-04-29" },
  };
  const audit = {
    version: 1,
    entries: [
      { id: "1", at: AT, actor: { kind: "cli" }, action: "kb.import", note: "nhập từ Excel" },
      {
        id: "2",
        at: AT,
        actor: { kind: "telegram", id: "telegram:42", name: "Chị Lan" },
        action: "user.link",
        collection: "users",
        entityId: "telegram:1",
        after: { unitId: "so-tttt" },
      },
    ],
  };
  const state = { version: 1, users: [], linkCodes: [], unanswered: [], unansweredSeq: 0, settings: {} };
  const edits = { version: 1, collections: {} };
  const files = ["knowledge-edits.json", "state.json", "reminders.json", "audit.json"];
  await writeFile(path.join(dataDir, "reminders.json"), JSON.stringify(reminders, null, 2));
  await writeFile(path.join(dataDir, "audit.json"), JSON.stringify(audit, null, 2));
  await writeFile(path.join(dataDir, "state.json"), JSON.stringify(state));
  await writeFile(path.join(dataDir, "knowledge-edits.json"), JSON.stringify(edits));
  await writeFile(
    path.join(dataDir, "store-manifest.json"),
    JSON.stringify({ version: 1, createdAt: AT, files }),
  );
  return { dataDir, reminders, audit };
}

describe("conversion of the previous version's files", () => {
  it("reads reminders.json and audit.json once, writes the logs, keeps the old files as they were", async () => {
    const { dataDir } = await previousVersionDir();
    const oldReminders = await readFile(path.join(dataDir, "reminders.json"));
    const oldAudit = await readFile(path.join(dataDir, "audit.json"));
    const clock = testClock("2024-05-02T01:00:00.000Z");
    const s1 = await open(dataDir, { clock });
    const names = await readdir(dataDir);
    expect(names).toContain("reminders.jsonl");
    expect(names).toContain("audit.jsonl");
    expect(names).not.toContain("reminders.json");
    expect(names).not.toContain("audit.json");
    expect(await readFile(path.join(dataDir, "reminders.json.truoc-chuyen-doi"))).toEqual(oldReminders);
    expect(await readFile(path.join(dataDir, "audit.json.truoc-chuyen-doi"))).toEqual(oldAudit);
    expect(s1.warnings.map((w) => w.code)).toEqual(["migrated", "migrated"]);
    expect(s1.warnings[0]?.message).toContain(`Đã chuyển ${path.join(dataDir, "reminders.json")}`);
    expect(s1.warnings[0]?.message).toContain("reminders.json.truoc-chuyen-doi");
    const manifest = JSON.parse(await readFile(path.join(dataDir, "store-manifest.json"), "utf8"));
    expect(manifest).toEqual({
      version: 1,
      createdAt: AT,
      files: ["knowledge-edits.json", "state.json", "reminders.jsonl", "audit.jsonl"],
    });

    const check = (s: typeof s1) => {
      expect(s.reminders.stateOf("t-1|2024-06-30|telegram:1|7")).toBe("sent");
      expect(s.reminders.get("t-1|2024-06-30|telegram:1|7")?.messageId).toBe("77");
      expect(s.reminders.list({ state: "pending" }).map((e) => e.key)).toEqual([
        "t-2|2024-06-30|telegram:1|-1",
      ]);
      expect(s.reminders.response("a1")?.decision).toMatchObject({
        status: "refused",
        note: "Không đủ lý do",
      });
      expect(s.reminders.responses().map((r) => r.id)).toEqual(["a1", "a3"]);
      expect(Object.keys(s.reminders.escalations())).toEqual(["t-2|2024-06-30|so-tttt"]);
      expect([s.reminders.lastDigest("daily"), s.reminders.lastDigest("weekly")]).toEqual([
        "2024-04-30",
        "2024-04-29",
      ]);
      expect(s.audit.list().map((e) => e.action)).toEqual(["user.link", "kb.import"]);
    };
    check(s1);
    // Counters go on from the old file's (responseSeq 4, audit id 2).
    const r = await s1.reminders.addResponse({
      taskId: "t-2",
      occurrence: "2024-06-30",
      kind: "done",
      userId: "telegram:1",
    });
    expect(r.id).toBe("a5");
    expect((await s1.audit.record({ actor: { kind: "cli" }, action: "after" })).id).toBe("3");
    await s1.close();

    // Once only: the next open reads the logs, converts nothing.
    const s2 = await open(dataDir, { clock });
    expect(s2.warnings).toEqual([]);
    expect(s2.reminders.stateOf("t-1|2024-06-30|telegram:1|7")).toBe("sent");
    expect(s2.reminders.response("a1")?.decision?.status).toBe("refused");
    expect(s2.reminders.responses().map((x) => x.id)).toEqual(["a1", "a3", "a5"]);
    expect(Object.keys(s2.reminders.escalations())).toEqual(["t-2|2024-06-30|so-tttt"]);
    expect(s2.reminders.lastDigest("weekly")).toBe("2024-04-29");
    expect(s2.audit.list().map((e) => e.action)).toEqual(["after", "user.link", "kb.import"]);
  });

  it("a conversion interrupted after the new file was written is finished at the next open", async () => {
    const { dataDir } = await previousVersionDir();
    await (await open(dataDir)).close();
    // As if the process had died just before renaming the old file: it is still there.
    await copyFile(
      path.join(dataDir, "reminders.json.truoc-chuyen-doi"),
      path.join(dataDir, "reminders.json"),
    );
    const s = await open(dataDir);
    expect(s.warnings.map((w) => w.code)).toEqual(["legacy-kept"]);
    expect(await readdir(dataDir)).not.toContain("reminders.json");
    expect(await readdir(dataDir)).toContain("reminders.json.truoc-chuyen-doi-2");
    expect(s.reminders.responses()).toHaveLength(2);
  });

  it("an old file beside the log that it was not converted from is refused: which one is newer is unknown", async () => {
    const { dataDir } = await previousVersionDir();
    await (await open(dataDir)).close();
    const other = JSON.parse(await readFile(path.join(dataDir, "reminders.json.truoc-chuyen-doi"), "utf8"));
    other.digests.daily = "2024-05-10"; // written by the previous version run again after the upgrade
    await writeFile(path.join(dataDir, "reminders.json"), JSON.stringify(other));
    const before = await readdir(dataDir);
    const err = await open(dataDir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("conflict");
    expect((err as StoreError).message).toContain("có cả reminders.json (định dạng cũ) và reminders.jsonl");
    expect((err as StoreError).message).toContain("không rõ tệp nào mới hơn");
    expect(await readdir(dataDir)).toEqual(before);
  });

  it("a read-only opener reads the old files as they are and writes nothing", async () => {
    const { dataDir } = await previousVersionDir();
    const before = await readdir(dataDir);
    const s = await open(dataDir, { readOnly: true });
    expect(s.reminders.responses()).toHaveLength(2);
    expect(s.audit.list()).toHaveLength(2);
    await s.close();
    expect((await readdir(dataDir)).sort()).toEqual(before.sort());
  });

  it("a damaged old file is refused, named, and left as it is", async () => {
    const { dataDir } = await previousVersionDir();
    await writeFile(path.join(dataDir, "audit.json"), '{"version":1,"entries":[{"id":"x"}]}');
    const err = await open(dataDir).catch((e: unknown) => e);
    expect((err as StoreError).code).toBe("corrupt");
    expect((err as StoreError).message).toContain(path.join(dataDir, "audit.json"));
    expect(await readFile(path.join(dataDir, "audit.json"), "utf8")).toBe(
      '{"version":1,"entries":[{"id":"x"}]}',
    );
    expect(await readdir(dataDir)).not.toContain("audit.jsonl");
  });
});
