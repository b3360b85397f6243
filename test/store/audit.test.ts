import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/store/index.ts";
import { type LogFs, realLogFs } from "../../src/store/jsonl.ts";
import { baseKnowledge, open, task, tempDir, testClock, unit } from "./helpers.ts";

const secretary = { kind: "telegram" as const, id: "telegram:42", name: "Chị Lan" };

describe("audit log", () => {
  it("records entries with increasing ids and the injected clock's time; lists newest first", async () => {
    const clock = testClock("2024-05-01T01:00:00.000Z");
    const dataDir = await tempDir();
    const store = await open(dataDir, { clock });
    const a = await store.audit.record({
      actor: { kind: "cli" },
      action: "kb.import",
      note: "nhập từ Excel",
    });
    clock.advance(60_000);
    const b = await store.audit.record({
      actor: secretary,
      action: "user.link",
      collection: "users",
      entityId: "telegram:7",
      after: { unitId: "so-tttt" },
    });
    expect([a.id, b.id]).toEqual(["1", "2"]);
    expect(a.at).toBe("2024-05-01T01:00:00.000Z");
    expect(b.at).toBe("2024-05-01T01:01:00.000Z");
    expect(store.audit.list().map((e) => e.id)).toEqual(["2", "1"]);
    expect(store.audit.list({ limit: 1 }).map((e) => e.id)).toEqual(["2"]);

    // Parallel records still get distinct, increasing ids.
    await Promise.all(
      Array.from({ length: 20 }, () => store.audit.record({ actor: secretary, action: "x" })),
    );
    await store.close();
    // audit.jsonl: a header, then one entry a line.
    const lines = (await readFile(path.join(dataDir, "audit.jsonl"), "utf8")).trimEnd().split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ t: "header", format: "tro-ly-cds.audit-log" });
    expect(lines.slice(1).map((l) => JSON.parse(l).id)).toEqual(
      Array.from({ length: 22 }, (_, i) => String(i + 1)),
    );
  });

  it("commitChange writes the overlay and one audit entry; null when nothing changed", async () => {
    const store = await open(await tempDir());
    const entry = await store.commitChange({ actor: secretary, action: "task.add" }, (tx) => {
      tx.upsert("tasks", task("t-1"));
    });
    expect(entry).toMatchObject({
      id: "1",
      action: "task.add",
      collection: "tasks",
      entityId: "t-1",
      actor: secretary,
    });
    expect(entry?.changes).toHaveLength(1);
    expect(entry?.changes?.[0]?.before).toBeUndefined();
    expect(store.edits.get("tasks", "t-1")?.id).toBe("t-1");
    expect(store.edits.journal()?.id).toBe("1");

    const none = await store.commitChange({ actor: secretary, action: "task.add" }, (tx) => {
      tx.upsert("tasks", task("t-1"));
    });
    expect(none).toBeNull();
    expect(store.audit.list()).toHaveLength(1);

    await expect(
      store.commitChange({ actor: secretary, action: "x" }, () => {
        throw new Error("thôi");
      }),
    ).rejects.toThrow("thôi");
    expect(store.audit.list()).toHaveLength(1);
  });

  it("undoLast reverts an import-sized change (3 entities) in one step, then the change before it", async () => {
    const store = await open(await tempDir());
    await store.commitChange({ actor: secretary, action: "task.edit" }, (tx) => {
      tx.upsert("tasks", task("t-1", "Bản đầu"));
    });
    await store.audit.record({ actor: secretary, action: "report.send" }); // not undoable: skipped
    const imported = await store.commitChange({ actor: { kind: "cli" }, action: "import.tasks" }, (tx) => {
      tx.upsert("tasks", task("t-1", "Bản nhập"));
      tx.upsert("tasks", task("t-2"));
      tx.remove("units", "so-tc");
    });
    expect(imported?.changes).toHaveLength(3);
    expect(imported?.collection).toBeUndefined();
    expect(store.edits.apply(baseKnowledge()).units.map((u) => u.id)).not.toContain("so-tc");

    const undo = await store.undoLast(secretary);
    expect(undo).toMatchObject({
      action: "undo",
      undoes: imported?.id,
      note: `Hoàn tác thay đổi #${imported?.id}`,
    });
    expect(undo?.changes).toHaveLength(3);
    expect(store.edits.get("tasks", "t-1")?.title).toBe("Bản đầu");
    expect(store.edits.get("tasks", "t-2")).toBeUndefined();
    expect(store.edits.get("units", "so-tc")).toBeUndefined();
    expect(store.edits.apply(baseKnowledge()).units.map((u) => u.id)).toContain("so-tc");

    const second = await store.undoLast(secretary, "bỏ luôn");
    expect(second).toMatchObject({ undoes: "1", note: "bỏ luôn" });
    expect(store.edits.get("tasks", "t-1")).toBeUndefined();
    expect(await store.undoLast(secretary)).toBeNull();
    expect(store.audit.list().map((e) => e.action)).toEqual([
      "undo",
      "undo",
      "import.tasks",
      "report.send",
      "task.edit",
    ]);
  });

  it("undo survives a restart and can revert holiday replacements", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.commitChange({ actor: secretary, action: "holidays.set" }, (tx) => {
      tx.setHolidays([{ date: "2024-01-01", name: "Tết Dương lịch", sources: [] }]);
      tx.upsert("units", unit("so-moi", "Sở Mới"));
    });
    await s1.close();
    const s2 = await open(dataDir);
    await s2.undoLast(secretary);
    expect(s2.edits.overlay()).toEqual({ collections: {} });
  });

  it("refuses to undo an entity changed afterwards outside commitChange", async () => {
    const store = await open(await tempDir());
    await store.commitChange({ actor: secretary, action: "task.edit" }, (tx) => {
      tx.upsert("tasks", task("t-1", "Nhiệm vụ A"));
    });
    await store.edits.upsert("tasks", task("t-1", "Sửa tay"));
    const err = await store.undoLast(secretary).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("conflict");
    expect((err as StoreError).message).toBe(
      'Không hoàn tác được thay đổi #1: nhiệm vụ "Nhiệm vụ A" đã được sửa sau thay đổi đó.',
    );
    expect(store.edits.get("tasks", "t-1")?.title).toBe("Sửa tay");
    expect(store.audit.list()).toHaveLength(1);
  });

  it("after a crash between the overlay write and the audit write, reopening completes the audit", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await s1.commitChange({ actor: secretary, action: "task.add" }, (tx) => tx.upsert("tasks", task("t-1")));
    await s1.commitChange({ actor: secretary, action: "task.add" }, (tx) => tx.upsert("tasks", task("t-2")));
    await s1.close();
    // Simulate the crash: audit.jsonl as it was before the second entry was appended.
    const auditPath = path.join(dataDir, "audit.jsonl");
    const lines = (await readFile(auditPath, "utf8")).trimEnd().split("\n");
    await writeFile(auditPath, `${lines.slice(0, -1).join("\n")}\n`);

    const s2 = await open(dataDir);
    expect(s2.audit.list().map((e) => e.id)).toEqual(["2", "1"]);
    expect(s2.audit.get("2")?.changes?.[0]?.id).toBe("t-2");
    const undo = await s2.undoLast(secretary);
    expect(undo?.undoes).toBe("2");
    expect(undo?.id).toBe("3");
  });
});

describe("audit input", () => {
  it("an invalid record is refused with a StoreError and nothing is appended", async () => {
    const store = await open(await tempDir());
    const err = await store.audit
      .record({ actor: { kind: "fax" as never }, action: "" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("invalid");
    expect(store.audit.list()).toEqual([]);
  });
});

describe("a commit whose audit entry cannot be written now (issue 14: a full disk)", () => {
  it("is saved and said saved; the entry waits in the journal and is appended at the next commit", async () => {
    const dir = await tempDir();
    // Appends to audit.jsonl fail with ENOSPC while `full` is set.
    let full = false;
    const logFs: LogFs = {
      ...realLogFs,
      async openAppend(file) {
        const h = await realLogFs.openAppend(file);
        return {
          ...h,
          async write(data) {
            if (full && file.endsWith("audit.jsonl"))
              throw Object.assign(new Error("ENOSPC"), { code: "ENOSPC" });
            await h.write(data);
          },
        };
      },
    };
    const store = await open(dir, { logFs });
    full = true;
    const entry = await store.commitChange({ actor: secretary, action: "task.add" }, (tx) => {
      tx.upsert("tasks", task("t-1"));
    });
    expect(entry?.id).toBe("1");
    expect(store.auditPending()).toBe(true);
    expect(store.edits.get("tasks", "t-1")?.id).toBe("t-1");
    expect(store.edits.journal()?.id).toBe("1");

    // Room again: the next commit appends the waiting entry first, then its own.
    full = false;
    const next = await store.commitChange({ actor: secretary, action: "task.add" }, (tx) => {
      tx.upsert("tasks", task("t-2"));
    });
    expect(store.auditPending()).toBe(false);
    expect(next?.id).toBe("2");
    expect(store.audit.list().map((e) => e.id)).toEqual(["2", "1"]);
    await store.close();
  });
});
