/**
 * The overlay's journal (src/store/edits-journal.ts): a commit is one fsynced line; a crash at any step
 * opens to a consistent overlay (with a warning when a line was torn); the previous version's
 * knowledge-edits.json opens unchanged; undo works over journaled commits; compaction keeps the content.
 *
 * A "crash" is simulated by copying the data dir while the writer still has it open (the files as a
 * killed process leaves them: no compaction at close), then opening the copy.
 */
import { appendFile, copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EDITS_FILE, EDITS_JOURNAL_FILE, journalHeader, sha256 } from "../../src/store/edits-journal.ts";
import type { Store } from "../../src/store/index.ts";
import { LOCK_FILE } from "../../src/store/lock.ts";
import { open, task, tempDir, testClock } from "./helpers.ts";
import { countingFs, failingFs, syncsOf } from "./log-fs.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/knowledge-edits-v1.json", import.meta.url));
const actor = { kind: "cli" as const };

/** The data dir as a process killed now would leave it (no close, so no compaction at close). */
async function crashCopy(dataDir: string): Promise<string> {
  const to = await tempDir();
  await mkdir(to, { recursive: true });
  for (const name of await readdir(dataDir)) {
    if (name === LOCK_FILE) continue;
    await copyFile(path.join(dataDir, name), path.join(to, name));
  }
  return to;
}

const journalLines = async (dataDir: string) =>
  (await readFile(path.join(dataDir, EDITS_JOURNAL_FILE), "utf8")).split("\n").filter(Boolean);

async function edit(store: Store, id: string, title: string) {
  return store.commitChange({ actor, action: "task.update" }, (tx) => tx.upsert("tasks", task(id, title)));
}

/** What the overlay holds, as the rest of the code reads it. */
function content(store: Store) {
  return {
    overlay: store.edits.overlay(),
    problems: store.edits.problems(),
    counts: store.edits.counts(),
    journal: store.edits.journal(),
  };
}

describe("a commit is one journal line", () => {
  it("appends one line and fsyncs the journal once; the snapshot is not rewritten", async () => {
    const dataDir = await tempDir();
    const { fs, counts } = countingFs();
    const store = await open(dataDir, { logFs: fs });
    const snapshotBefore = await readFile(path.join(dataDir, EDITS_FILE), "utf8");
    const syncsBefore = syncsOf(counts, (n) => n === EDITS_JOURNAL_FILE);
    const renamesBefore = counts.renames.length;

    const entry = await edit(store, "t-1", "Nhiệm vụ một");
    expect(entry?.changes).toHaveLength(1);

    expect(syncsOf(counts, (n) => n === EDITS_JOURNAL_FILE)).toBe(syncsBefore + 1);
    expect(counts.renames.length).toBe(renamesBefore); // no snapshot or temp file replaced
    expect(await readFile(path.join(dataDir, EDITS_FILE), "utf8")).toBe(snapshotBefore);
    const lines = await journalLines(dataDir);
    expect(lines).toHaveLength(2); // header + the commit
    const commit = JSON.parse(lines[1]!);
    expect(commit).toMatchObject({
      t: "commit",
      changes: [{ collection: "tasks", id: "t-1", state: { id: "t-1", title: "Nhiệm vụ một" } }],
      journal: { id: entry!.id, action: "task.update" },
    });
    // The header names the snapshot the lines apply to.
    expect(JSON.parse(lines[0]!).base).toBe(sha256(snapshotBefore));
  });

  it("a failed append leaves nothing committed, in memory or on disk", async () => {
    const dataDir = await tempDir();
    let armed = false;
    const fs = failingFs("write-temp", () => false);
    const store = await open(dataDir, {
      logFs: {
        ...fs,
        async openAppend(file) {
          const h = await fs.openAppend(file);
          return {
            ...h,
            async sync() {
              if (armed && path.basename(file) === EDITS_JOURNAL_FILE) throw new Error("EIO: injected");
              await h.sync();
            },
          };
        },
      },
    });
    await edit(store, "t-1", "Trước");
    const before = await readFile(path.join(dataDir, EDITS_JOURNAL_FILE), "utf8");
    armed = true;
    await expect(edit(store, "t-1", "Sau")).rejects.toMatchObject({ code: "io" });
    armed = false;
    expect(store.edits.get("tasks", "t-1")?.title).toBe("Trước");
    expect(await readFile(path.join(dataDir, EDITS_JOURNAL_FILE), "utf8")).toBe(before);
    expect(store.audit.list().map((e) => e.action)).toEqual(["task.update"]);
  });
});

describe("crashes", () => {
  it("reopened after a crash: the journal is replayed (nothing was compacted)", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await edit(s1, "t-1", "Một");
    await edit(s1, "t-2", "Hai");
    await s1.commitChange({ actor, action: "unit.remove" }, (tx) => tx.remove("units", "so-tc"));
    const crashed = await crashCopy(dataDir);
    // The snapshot on disk is still the empty one: the commits are only in the journal.
    expect(JSON.parse(await readFile(path.join(crashed, EDITS_FILE), "utf8")).collections).toEqual({});

    const s2 = await open(crashed);
    expect(content(s2)).toEqual(content(s1));
    expect(s2.warnings).toEqual([]);
  });

  it("a torn last line: the previous consistent state, a warning, the line cut off", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await edit(s1, "t-1", "Một");
    const consistent = content(s1);
    const crashed = await crashCopy(dataDir);
    const journal = path.join(crashed, EDITS_JOURNAL_FILE);
    const whole = await readFile(journal, "utf8");
    // Half of the next commit's line: the process died mid-append (never acknowledged).
    await appendFile(journal, '{"t":"commit","changes":[{"collection":"tasks","id":"t-2","state":{"id":"t-');

    const warnings: string[] = [];
    const s2 = await open(crashed, { onWarning: (w) => warnings.push(w.code) });
    expect(content(s2)).toEqual(consistent);
    expect(s2.edits.get("tasks", "t-2")).toBeUndefined();
    expect(warnings).toContain("torn-line");
    expect(s2.warnings.find((w) => w.code === "torn-line")?.message).toContain(EDITS_JOURNAL_FILE);
    expect(await readFile(journal, "utf8")).toBe(whole); // cut back to the last complete line
    // The next commit starts on a line of its own and reads back.
    await edit(s2, "t-2", "Hai");
    const s3 = await open(await crashCopy(crashed));
    expect(s3.edits.get("tasks", "t-2")?.title).toBe("Hai");
  });

  it("a crash between the journal line and the audit append: the audit entry is completed at the next start", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await edit(s1, "t-1", "Một");
    const auditBefore = await readFile(path.join(dataDir, "audit.jsonl"));
    const entry = await edit(s1, "t-1", "Một (sửa)");
    const crashed = await crashCopy(dataDir);
    await writeFile(path.join(crashed, "audit.jsonl"), auditBefore); // the append never happened

    const s2 = await open(crashed);
    expect(s2.edits.get("tasks", "t-1")?.title).toBe("Một (sửa)");
    expect(s2.audit.list({ limit: 1 })[0]).toEqual(entry);
  });

  it("a compaction cut short after the snapshot was replaced: the same overlay, no warning, no copy kept", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await edit(s1, "t-1", "Một");
    await edit(s1, "t-2", "Hai");
    const oldJournal = await readFile(path.join(dataDir, EDITS_JOURNAL_FILE));
    await s1.edits.compact();
    const crashed = await crashCopy(dataDir);
    // The new snapshot is in place, the journal is still the old one (its header names the old snapshot).
    await writeFile(path.join(crashed, EDITS_JOURNAL_FILE), oldJournal);

    const s2 = await open(crashed);
    expect(content(s2)).toEqual(content(s1));
    expect(s2.warnings).toEqual([]);
    expect((await readdir(crashed)).filter((n) => n.includes(".truoc-ghep"))).toEqual([]);
    // The writer gave the journal a header naming the snapshot.
    const snapshot = await readFile(path.join(crashed, EDITS_FILE), "utf8");
    expect(JSON.parse((await journalLines(crashed))[0]!).base).toBe(sha256(snapshot));
  });

  it("a compaction step that fails leaves the overlay as it was and later commits still land", async () => {
    const dataDir = await tempDir();
    let armed = false;
    const store = await open(dataDir, { logFs: failingFs("rename", () => armed) });
    await edit(store, "t-1", "Một");
    const before = content(store);
    armed = true;
    await expect(store.edits.compact()).rejects.toThrow();
    expect(store.warnings.map((w) => w.code)).toContain("compaction-failed");
    armed = false;
    expect(content(store)).toEqual(before);
    await edit(store, "t-2", "Hai");
    const s2 = await open(await crashCopy(dataDir));
    expect(s2.edits.get("tasks", "t-1")?.title).toBe("Một");
    expect(s2.edits.get("tasks", "t-2")?.title).toBe("Hai");
    expect((await readdir(dataDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("a snapshot edited by hand after a crash: the journal's commits are applied on it, a warning, the edited file kept", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await edit(s1, "t-1", "Một");
    const crashed = await crashCopy(dataDir);
    const file = path.join(crashed, EDITS_FILE);
    const handEdited = `${JSON.stringify({ version: 1, collections: { tasks: { "t-9": task("t-9", "Sửa tay") } } }, null, 2)}\n`;
    await writeFile(file, handEdited);

    const s2 = await open(crashed);
    expect(s2.edits.get("tasks", "t-9")?.title).toBe("Sửa tay");
    expect(s2.edits.get("tasks", "t-1")?.title).toBe("Một");
    expect(s2.warnings.map((w) => w.code)).toContain("journal-foreign");
    const kept = (await readdir(crashed)).filter((n) => n.startsWith(`${EDITS_FILE}.truoc-ghep-`));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(crashed, kept[0]!), "utf8")).toBe(handEdited);
  });
});

describe("the previous version's knowledge-edits.json", () => {
  it("opens unchanged: same overlay, set-aside entry named, file bytes untouched, a journal naming it", async () => {
    const dataDir = await tempDir();
    const fixture = await readFile(FIXTURE, "utf8");
    await writeFile(path.join(dataDir, EDITS_FILE), fixture);

    const store = await open(dataDir);
    const tasks = store.edits.overlay().collections.tasks ?? {};
    expect(Object.keys(tasks)).toEqual(["nv-1", "nv-2"]);
    expect(tasks["nv-2"]).toMatchObject({ title: "Triển khai chữ ký số cho cán bộ", support: ["so-noi-vu"] });
    expect(store.edits.get("units", "so-tc")).toBeNull();
    expect(store.edits.overlay().holidays).toEqual([
      { date: "2026-01-01", name: "Tết Dương lịch", sources: [] },
    ]);
    expect(store.edits.problems().map((p) => `${p.collection}/${p.id}`)).toEqual(["tasks/nv-tay"]);
    expect(store.edits.journal()).toMatchObject({ id: "4", action: "task.update", note: "sửa tên" });
    expect(store.edits.counts()).toEqual({ tasks: 3, units: 1 });
    expect(await readFile(path.join(dataDir, EDITS_FILE), "utf8")).toBe(fixture);
    expect(JSON.parse((await journalLines(dataDir))[0]!).base).toBe(sha256(fixture));
    await store.close();
    // Closed without a commit: still the same bytes.
    expect(await readFile(path.join(dataDir, EDITS_FILE), "utf8")).toBe(fixture);

    // A commit, then a close (compaction): the set-aside entry is still there, as written.
    const s2 = await open(dataDir);
    await edit(s2, "nv-1", "Xây dựng kho dữ liệu dùng chung (sửa)");
    await s2.close();
    const after = JSON.parse(await readFile(path.join(dataDir, EDITS_FILE), "utf8"));
    expect(after.collections.tasks["nv-tay"]).toEqual(JSON.parse(fixture).collections.tasks["nv-tay"]);
    expect(after.collections.tasks["nv-1"].title).toBe("Xây dựng kho dữ liệu dùng chung (sửa)");
    expect(await journalLines(dataDir)).toHaveLength(1); // folded in at close
  });
});

describe("undo and compaction", () => {
  it("undo after journaled commits, across a crash", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir, { clock: testClock() });
    await edit(s1, "t-1", "Một");
    await edit(s1, "t-1", "Một (sửa)");
    await edit(s1, "t-2", "Hai");
    const undo1 = await s1.undoLast(actor);
    expect(undo1?.undoes).toBe("3");
    expect(s1.edits.get("tasks", "t-2")).toBeUndefined();

    const s2 = await open(await crashCopy(dataDir));
    expect(s2.edits.get("tasks", "t-2")).toBeUndefined();
    expect(s2.edits.get("tasks", "t-1")?.title).toBe("Một (sửa)");
    const undo2 = await s2.undoLast(actor);
    expect(undo2?.undoes).toBe("2");
    expect(s2.edits.get("tasks", "t-1")?.title).toBe("Một");
    await s2.edits.compact();
    const undo3 = await s2.undoLast(actor);
    expect(undo3?.undoes).toBe("1");
    expect(s2.edits.get("tasks", "t-1")).toBeUndefined();
    expect(s2.edits.overlay()).toEqual({ collections: {} });
  });

  it("compaction keeps the content identical and empties the journal", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    for (let i = 0; i < 30; i++) await edit(store, `t-${i % 7}`, `Nhiệm vụ ${i}`);
    await store.commitChange({ actor, action: "x" }, (tx) => {
      tx.remove("units", "so-tc");
      tx.revert("tasks", "t-3");
      tx.setHolidays([{ date: "2026-09-02", name: "Quốc khánh", sources: [] }]);
    });
    const before = content(store);
    await store.edits.compact();
    expect(content(store)).toEqual(before);
    expect(await journalLines(dataDir)).toHaveLength(1);
    const snapshot = await readFile(path.join(dataDir, EDITS_FILE), "utf8");
    expect(JSON.parse((await journalLines(dataDir))[0]!).base).toBe(sha256(snapshot));
    // The snapshot alone now gives the same overlay.
    const s2 = await open(await crashCopy(dataDir));
    expect(content(s2)).toEqual(before);
    // And the order of the entries is kept (added entries come after the shipped ones in this order).
    expect(Object.keys(s2.edits.overlay().collections.tasks ?? {})).toEqual(
      Object.keys(before.overlay.collections.tasks ?? {}),
    );
  });

  it("the journal is folded into the snapshot by itself once it reaches its threshold", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    // One commit of about 1.5 MB: past the 1 MiB floor.
    await store.commitChange({ actor, action: "import.tasks" }, (tx) => {
      for (let i = 0; i < 2000; i++)
        tx.upsert("tasks", task(`t-${i}`, `Nhiệm vụ nhập ${"x".repeat(300)} ${i}`));
    });
    await store.edits.idle();
    expect(await journalLines(dataDir)).toHaveLength(1);
    const onDisk = JSON.parse(await readFile(path.join(dataDir, EDITS_FILE), "utf8"));
    expect(Object.keys(onDisk.collections.tasks)).toHaveLength(2000);
  });
});

describe("readers beside the writer", () => {
  it("a read-only opener sees the journaled commits, and writes nothing", async () => {
    const dataDir = await tempDir();
    const writer = await open(dataDir);
    await edit(writer, "t-1", "Một");
    const journal = await readFile(path.join(dataDir, EDITS_JOURNAL_FILE), "utf8");
    const reader = await open(dataDir, { readOnly: true });
    expect(reader.edits.get("tasks", "t-1")?.title).toBe("Một");
    await reader.close();
    expect(await readFile(path.join(dataDir, EDITS_JOURNAL_FILE), "utf8")).toBe(journal);
  });

  it("a journal header written for another snapshot with no commit is simply renewed", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    const text = `${JSON.stringify({ version: 1, collections: { units: { "so-tc": null } } })}\n`;
    await writeFile(path.join(dataDir, EDITS_FILE), text);
    const store = await open(dataDir);
    expect(store.edits.get("units", "so-tc")).toBeNull();
    expect(store.warnings).toEqual([]);
    expect(await readFile(path.join(dataDir, EDITS_FILE), "utf8")).toBe(text);
    expect((await journalLines(dataDir))[0]).toBe(
      journalHeader(text, new Date(JSON.parse((await journalLines(dataDir))[0]!).createdAt), false).trim(),
    );
  });
});

describe("the overlay shared with the knowledge", () => {
  it("sharedOverlay gives the store's entities frozen, and a view taken earlier does not follow later commits", async () => {
    const dataDir = await tempDir();
    const s1 = await open(dataDir);
    await edit(s1, "t-1", "Một");
    await s1.close();
    const store = await open(dataDir); // read from the files this time
    await edit(store, "t-2", "Hai"); // and one from a commit
    const view = store.edits.sharedOverlay();
    for (const id of ["t-1", "t-2"]) {
      const t = view.collections.tasks?.[id];
      expect(Object.isFrozen(t)).toBe(true);
      expect(Object.isFrozen(t?.lead)).toBe(true);
      expect(() => {
        (t as { title: string }).title = "đổi";
      }).toThrow(TypeError);
    }
    expect(store.edits.get("tasks", "t-1")?.title).toBe("Một");
    await edit(store, "t-3", "Ba");
    expect(Object.keys(view.collections.tasks ?? {})).toEqual(["t-1", "t-2"]);
    // overlay() is still a copy the caller may change.
    const copy = store.edits.overlay();
    copy.collections.tasks!["t-1"]!.title = "đổi";
    expect(store.edits.get("tasks", "t-1")?.title).toBe("Một");
  });
});
