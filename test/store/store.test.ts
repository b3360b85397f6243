import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST_FILE, openStore, STORE_FILES, StoreError } from "../../src/store/index.ts";
import { EDITS_JOURNAL_FILE } from "../../src/store/knowledge-edits.ts";
import { open, task, tempDir, testClock } from "./helpers.ts";

async function expectStoreError(
  p: Promise<unknown>,
  code: string,
  ...fragments: string[]
): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  const se = err as StoreError;
  expect(se.code).toBe(code);
  for (const f of fragments) expect(se.message).toContain(f);
  return se;
}

describe("first start", () => {
  it("creates the data dir, every file with defaults and the manifest", async () => {
    const root = await tempDir();
    const dataDir = path.join(root, "data");
    const store = await open(dataDir, { clock: testClock("2024-05-01T01:02:03.000Z") });
    expect(store.fresh).toBe(true);

    const names = (await readdir(dataDir)).sort();
    expect(names).toEqual([...STORE_FILES, EDITS_JOURNAL_FILE, MANIFEST_FILE, "writer.lock"].sort());
    const manifest = JSON.parse(await readFile(path.join(dataDir, MANIFEST_FILE), "utf8"));
    expect(manifest).toEqual({ version: 1, createdAt: "2024-05-01T01:02:03.000Z", files: [...STORE_FILES] });
    expect(JSON.parse(await readFile(path.join(dataDir, "state.json"), "utf8"))).toMatchObject({
      version: 1,
      users: [],
      linkCodes: [],
      unanswered: [],
    });
    await store.close();
    expect(await readdir(dataDir)).not.toContain("writer.lock");

    const again = await open(dataDir);
    expect(again.fresh).toBe(false);
  });

  it("keeps a file that already exists when the manifest is not written yet (interrupted first start)", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.state.setSetting("greeting", "xin chào");
    await s1.close();
    await rm(path.join(dataDir, MANIFEST_FILE));
    await rm(path.join(dataDir, "audit.jsonl"));

    const s2 = await open(dataDir);
    expect(s2.fresh).toBe(true);
    expect(s2.state.getSetting("greeting")).toBe("xin chào");
    expect(await readdir(dataDir)).toContain("audit.jsonl");
  });

  it("read-only on a data dir that does not exist creates nothing and refuses writes", async () => {
    const root = await tempDir();
    const dataDir = path.join(root, "absent");
    const store = await open(dataDir, { readOnly: true });
    expect(store.fresh).toBe(true);
    expect(store.state.users()).toEqual([]);
    await expectStoreError(store.state.setSetting("a", 1), "readonly", "chỉ đọc");
    await expectStoreError(store.edits.upsert("tasks", task("t-1")), "readonly");
    await expect(readdir(dataDir)).rejects.toThrow();
  });
});

describe("round trip", () => {
  it("writes real JSON files and reads them back after close and reopen", async () => {
    const dataDir = await tempDir();
    const clock = testClock();
    const s1 = await open(dataDir, { clock });
    await s1.edits.upsert("tasks", task("t-1", "Triển khai nền tảng số"));
    await s1.edits.remove("units", "so-tc");
    const code = await s1.state.createLinkCode({ unitId: "so-tttt", role: "head", name: "Nguyễn Văn A" });
    await s1.state.addUnanswered({ text: "Ai phụ trách DTI?" });
    await s1.reminders.markPending({
      taskId: "t-1",
      occurrence: "2023-06-30",
      recipientId: "telegram:1",
      offset: 7,
    });
    await s1.audit.record({ actor: { kind: "cli" }, action: "kb.check" });
    await s1.close();

    const onDisk = JSON.parse(await readFile(path.join(dataDir, "knowledge-edits.json"), "utf8"));
    expect(onDisk.collections.tasks["t-1"].title).toBe("Triển khai nền tảng số");
    expect(onDisk.collections.units).toEqual({ "so-tc": null });

    const s2 = await open(dataDir, { clock });
    expect(s2.edits.get("tasks", "t-1")?.title).toBe("Triển khai nền tảng số");
    expect(s2.edits.get("tasks", "t-1")?.support).toEqual([]); // schema defaults filled
    expect(s2.edits.get("units", "so-tc")).toBeNull();
    expect(s2.edits.get("units", "so-tttt")).toBeUndefined();
    expect(s2.state.linkCodes().map((c) => c.code)).toEqual([code.code]);
    expect(s2.state.unanswered()[0]?.text).toBe("Ai phụ trách DTI?");
    expect(s2.reminders.has("t-1|2023-06-30|telegram:1|7")).toBe(true);
    expect(s2.audit.list()[0]?.action).toBe("kb.check");
  });

  it("a read-only store reads an existing store while the writer holds the lock", async () => {
    const dataDir = await tempDir();
    const writer = await open(dataDir);
    await writer.edits.upsert("tasks", task("t-1"));
    const reader = await open(dataDir, { readOnly: true });
    expect(reader.edits.get("tasks", "t-1")?.id).toBe("t-1");
    expect(reader.readOnly).toBe(true);
  });

  it("refuses writes after close", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    await store.close();
    await expectStoreError(store.state.setSetting("a", 1), "readonly");
  });
});

describe("corrupt and missing files", () => {
  it("bad JSON: StoreError naming the file and the position; the file is left byte for byte", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const file = path.join(dataDir, "state.json");
    const bad = Buffer.from('{\n  "version": 1,\n  "users": [,]\n}\n');
    await writeFile(file, bad);

    const err = await expectStoreError(
      openStore({ dataDir, clock: testClock() }),
      "corrupt",
      `Tệp dữ liệu ${file} bị hỏng`,
      "JSON không hợp lệ ở vị trí 30, dòng 3, cột 13",
      "không tự thay bằng tệp rỗng",
    );
    expect(err.file).toBe(file);
    expect((await readFile(file)).equals(bad)).toBe(true);
    // The failed open released its lock: a later open (after repair) is possible.
    expect(await readdir(dataDir)).not.toContain("writer.lock");
  });

  it("an empty (truncated) file is corrupt, not a fresh start", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const file = path.join(dataDir, "audit.jsonl");
    await writeFile(file, "");
    await expectStoreError(openStore({ dataDir }), "corrupt", file, "tệp rỗng");
    expect(await readFile(file, "utf8")).toBe("");
  });

  it("content failing the schema: StoreError naming the file and the field", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const file = path.join(dataDir, "state.json");
    const content = JSON.stringify({
      version: 1,
      users: [
        {
          id: "telegram:1",
          channel: "telegram",
          chatId: "1",
          unitId: "so-tttt",
          role: "boss",
          linkedAt: "2024-05-01T00:00:00.000Z",
          reachable: true,
        },
      ],
      linkCodes: [],
      unanswered: [],
      unansweredSeq: 0,
      settings: {},
    });
    await writeFile(file, content);
    await expectStoreError(openStore({ dataDir }), "corrupt", file, "không đúng cấu trúc", "users.0.role");
    expect(await readFile(file, "utf8")).toBe(content);
  });

  it("an overlay entry invalid for its collection's schema is set aside, named, and kept in the file", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const file = path.join(dataDir, "knowledge-edits.json");
    const { lead: _lead, ...noLead } = task("t-1");
    const content = JSON.stringify({
      version: 1,
      collections: { tasks: { "t-1": noLead, "t-2": task("t-3"), "t-4": task("t-4") }, taskz: {} },
    });
    await writeFile(file, content);
    const store = await open(dataDir);
    expect(Object.keys(store.edits.overlay().collections.tasks ?? {})).toEqual(["t-4"]);
    const problems = store.edits.problems();
    expect(problems.map((p) => `${p.collection}/${p.id}`)).toEqual(["tasks/t-1", "tasks/t-2", "taskz/*"]);
    expect(problems[0]!.reason).toContain("lead");
    expect(problems[1]!.reason).toContain("mã phải trùng với khoá");
    expect(problems[2]!.reason).toContain("không có loại dữ liệu");
    expect(await readFile(file, "utf8")).toBe(content);
  });

  it("read-only opening validates too", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    await writeFile(path.join(dataDir, "reminders.jsonl"), "{");
    await expectStoreError(openStore({ dataDir, readOnly: true }), "corrupt", "reminders.jsonl");
  });

  it("a file missing while the manifest exists: StoreError naming it, nothing recreated", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const file = path.join(dataDir, "reminders.jsonl");
    await rm(file);
    await expectStoreError(openStore({ dataDir }), "missing", `Thiếu tệp dữ liệu ${file}`);
    expect(await readdir(dataDir)).not.toContain("reminders.jsonl");
  });

  it("a corrupt manifest is reported too", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    await writeFile(path.join(dataDir, MANIFEST_FILE), '{"version": 2}');
    await expectStoreError(openStore({ dataDir }), "corrupt", MANIFEST_FILE);
  });

  it("a write that would make the content invalid is refused and nothing changes", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    await store.edits.upsert("tasks", task("t-1"));
    const before = await readFile(path.join(dataDir, "knowledge-edits.json"), "utf8");
    await expectStoreError(store.edits.upsert("tasks", { ...task("t-2"), lead: [] }), "invalid", "nhiệm vụ");
    expect(await readFile(path.join(dataDir, "knowledge-edits.json"), "utf8")).toBe(before);
    expect(store.edits.get("tasks", "t-2")).toBeUndefined();

    await expectStoreError(store.state.setSetting("bad", Number.NaN as never), "invalid", "state.json");
    expect(store.state.getSetting("bad")).toBeUndefined();
  });
});

describe("serialised writes", () => {
  it("100 parallel upserts in one process all land, in memory and on disk", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const ids = Array.from({ length: 100 }, (_, i) => `t-${i}`);
    await Promise.all(ids.map((id) => store.edits.upsert("tasks", task(id))));
    await Promise.all(ids.map((_id, i) => store.state.addUnanswered({ text: `câu hỏi ${i}` })));
    expect(Object.keys(store.edits.overlay().collections.tasks ?? {}).sort()).toEqual([...ids].sort());

    await store.close();
    const onDisk = JSON.parse(await readFile(path.join(dataDir, "knowledge-edits.json"), "utf8"));
    expect(Object.keys(onDisk.collections.tasks)).toHaveLength(100);
    const state = JSON.parse(await readFile(path.join(dataDir, "state.json"), "utf8"));
    expect(state.unanswered).toHaveLength(100);
    expect(new Set(state.unanswered.map((q: { id: string }) => q.id)).size).toBe(100);
    expect((await readdir(dataDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("a failing update does not block the ones queued after it", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const results = await Promise.allSettled([
      store.edits.upsert("tasks", task("t-1")),
      store.edits.upsert("tasks", { ...task("t-2"), deadline: { text: "" } }),
      store.edits.upsert("tasks", task("t-3")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(Object.keys(store.edits.overlay().collections.tasks ?? {})).toEqual(["t-1", "t-3"]);
  });

  it("the writer removes temp files left by a killed writer", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    await writeFile(path.join(dataDir, ".state.json.99999-3.tmp"), '{"half":');
    await writeFile(path.join(dataDir, "notes.tmp"), "kept");
    await open(dataDir);
    const names = await readdir(dataDir);
    expect(names).not.toContain(".state.json.99999-3.tmp");
    expect(names).toContain("notes.tmp");
  });
});
