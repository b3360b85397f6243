import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restoreSummary } from "../../src/cli/backup.ts";
import { createBackup, listBackups, restoreBackup } from "../../src/store/backup.ts";
import { StoreError } from "../../src/store/errors.ts";
import { realSwapFs, type SwapFs } from "../../src/store/restore-swap.ts";
import { open, tempDir } from "./helpers.ts";

const NOW = new Date("2026-11-26T01:00:00Z");

/** A data dir with one linked user, and a backup of it. */
async function saved() {
  const dataDir = await tempDir();
  const backupDir = path.join(dataDir, "backups");
  const store = await open(dataDir);
  const code = await store.state.createLinkCode({ unitId: "so-tttt", role: "head" });
  await store.state.redeemLinkCode(code.code, { channel: "telegram", chatId: "42" });
  await store.close();
  const b = await createBackup({ dataDir, backupDir, now: NOW, keep: 14 });
  return { dataDir, backupDir, file: b.file };
}

describe("backups", () => {
  it("restores exactly what was saved, keeping the state before the restore", async () => {
    const { dataDir, backupDir, file } = await saved();
    const b = { file };
    expect(b.file).toBe("tro-ly-cds-20261126-080000.json");

    const again = await open(dataDir);
    await again.state.unlink("telegram:42");
    expect(again.state.users()).toHaveLength(0);
    await again.close();

    const r = await restoreBackup({
      dataDir,
      backupDir,
      file: b.file,
      now: new Date(NOW.getTime() + 60_000),
    });
    expect(r.restored).toContain("state.json");
    expect(r.safety?.file).toMatch(/truoc-khoi-phuc/);
    const reopened = await open(dataDir);
    expect(reopened.state.findUser("telegram", "42")?.unitId).toBe("so-tttt");
  });

  it("keeps only the newest BACKUP_KEEP snapshots", async () => {
    const dataDir = await tempDir();
    const backupDir = path.join(dataDir, "backups");
    await (await open(dataDir)).close();
    for (let i = 0; i < 5; i++) {
      await createBackup({ dataDir, backupDir, now: new Date(NOW.getTime() + i * 86_400_000), keep: 3 });
    }
    const list = await listBackups(backupDir);
    expect(list.map((b) => b.file)).toEqual([
      "tro-ly-cds-20261130-080000.json",
      "tro-ly-cds-20261129-080000.json",
      "tro-ly-cds-20261128-080000.json",
    ]);
  });

  it("a broken bundle changes nothing", async () => {
    const dataDir = await tempDir();
    const backupDir = path.join(dataDir, "backups");
    await (await open(dataDir)).close();
    const b = await createBackup({ dataDir, backupDir, now: NOW, keep: 3 });
    const bundle = JSON.parse(await readFile(b.path, "utf8"));
    bundle.files["state.json"].users = [{ id: 1 }];
    await writeFile(b.path, JSON.stringify(bundle));
    const before = await readFile(path.join(dataDir, "state.json"), "utf8");
    await expect(restoreBackup({ dataDir, backupDir, file: b.file, now: NOW })).rejects.toThrow(
      /không đúng cấu trúc/,
    );
    await writeFile(path.join(backupDir, "rac.json"), "not json");
    await expect(restoreBackup({ dataDir, backupDir, file: "rac.json", now: NOW })).rejects.toThrow(
      /không phải bản sao lưu/,
    );
    expect(await readFile(path.join(dataDir, "state.json"), "utf8")).toBe(before);
  });

  it("refuses to restore while the assistant holds the store", async () => {
    const dataDir = await tempDir();
    const backupDir = path.join(dataDir, "backups");
    const running = await open(dataDir);
    const b = await createBackup({ dataDir, backupDir, now: NOW, keep: 3 });
    await expect(restoreBackup({ dataDir, backupDir, file: b.file, now: NOW })).rejects.toThrow(
      /tiến trình khác/,
    );
    await running.close();
  });
});

describe("restoring when it is needed (issue 14)", () => {
  it("restores over a corrupt state file, keeping the damaged file as it was", async () => {
    const { dataDir, backupDir, file } = await saved();
    await writeFile(path.join(dataDir, "state.json"), "{ hỏng");
    const r = await restoreBackup({ dataDir, backupDir, file, now: new Date(NOW.getTime() + 60_000) });
    expect(r.safety?.file).toMatch(/truoc-khoi-phuc-nguyen-ban/);
    expect(await readFile(path.join(r.safety!.path, "state.json"), "utf8")).toBe("{ hỏng");
    const reopened = await open(dataDir);
    expect(reopened.state.findUser("telegram", "42")?.unitId).toBe("so-tttt");
    await reopened.close();
  });

  it("restores over a directory where a file should be, moving the directory aside with its content", async () => {
    const { dataDir, backupDir, file } = await saved();
    await rm(path.join(dataDir, "audit.jsonl"), { force: true });
    await mkdir(path.join(dataDir, "audit.jsonl"));
    await writeFile(path.join(dataDir, "audit.jsonl", "ghi-chu.txt"), "của ai đó");
    const r = await restoreBackup({ dataDir, backupDir, file, now: NOW });
    expect(r.movedAside).toContainEqual({ name: "audit.jsonl", kind: "directory" });
    expect(await readFile(path.join(r.asideDir!, "audit.jsonl", "ghi-chu.txt"), "utf8")).toBe("của ai đó");
    expect(restoreSummary(file, r)).toContain("audit.jsonl là thư mục nằm ở chỗ cần là tệp");
    expect(restoreSummary(file, r)).toContain("không xoá gì");
    const reopened = await open(dataDir);
    expect(reopened.state.findUser("telegram", "42")?.unitId).toBe("so-tttt");
    expect(reopened.audit.list()).toEqual([]);
  });

  it("deletes nothing: every file it replaced is kept byte for byte beside the store", async () => {
    const { dataDir, backupDir, file } = await saved();
    await changeStore(dataDir);
    const before = await tree(dataDir);
    const r = await restoreBackup({ dataDir, backupDir, file, now: NOW });
    expect(r.asideDir).toBe(path.join(dataDir, "tep-cu-truoc-khoi-phuc-20261126-080000"));
    const aside = await tree(r.asideDir!);
    for (const name of r.restored) expect(aside[name], name).toEqual(before[name]);
    expect(await tree(dataDir)).not.toHaveProperty(".khoi-phuc-dang-do");
  });
});

/** Every entry under `dir` (the backups folder left out): relative path → bytes, or "<thư mục>". */
async function tree(dir: string, base = dir): Promise<Record<string, Buffer | string>> {
  const out: Record<string, Buffer | string> = {};
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const rel = path.relative(base, p);
    if (rel === "backups") continue;
    if (e.isDirectory()) {
      out[rel] = "<thư mục>";
      Object.assign(out, await tree(p, base));
    } else out[rel] = await readFile(p);
  }
  return out;
}

/** The store after the backup: the user unlinked, a code added, an audit entry. */
async function changeStore(dataDir: string) {
  const s = await open(dataDir);
  await s.state.unlink("telegram:42");
  await s.state.createLinkCode({ unitId: "so-tc", role: "member" });
  await s.audit.record({ actor: { kind: "cli" }, action: "test.after-backup" });
  await s.close();
}

const fsError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** The real steps, with the n-th call of one of them (counted by `which`) failing with `code`. */
function failing(opts: {
  step: "writeFile" | "rename";
  nth: number;
  code: string;
  which?: (from: string, to: string) => boolean;
  /** Also fail every rename back (the rollback) after the first failure. */
  breakRollback?: boolean;
}): SwapFs {
  let n = 0;
  let failed = false;
  return {
    async writeFile(file, text) {
      if (opts.step === "writeFile" && ++n === opts.nth) throw fsError(opts.code);
      await realSwapFs.writeFile(file, text);
    },
    async rename(from, to) {
      if (failed && opts.breakRollback) throw fsError("EIO");
      if (opts.step === "rename" && (opts.which?.(from, to) ?? true) && ++n === opts.nth) {
        failed = true;
        throw fsError(opts.code);
      }
      await realSwapFs.rename(from, to);
    },
  };
}

const intoStore = (dataDir: string) => (from: string, to: string) =>
  from.includes(`${path.sep}moi${path.sep}`) && path.dirname(to) === dataDir;
const asideOf = (dataDir: string) => (from: string, to: string) =>
  path.dirname(from) === dataDir && to.includes(`${path.sep}cu${path.sep}`);

describe("a restore that fails half-way changes nothing (issue 14)", () => {
  const cases = [
    { label: "ENOSPC writing the 3rd staged file", step: "writeFile" as const, nth: 3, code: "ENOSPC" },
    { label: "EIO moving the 2nd file in", step: "rename" as const, nth: 2, code: "EIO", which: intoStore },
    { label: "EIO moving the 3rd file in", step: "rename" as const, nth: 3, code: "EIO", which: intoStore },
    {
      label: "EIO moving the 3rd current file aside",
      step: "rename" as const,
      nth: 3,
      code: "EIO",
      which: asideOf,
    },
  ];
  for (const c of cases) {
    it(`${c.label}: every file byte for byte as before, and said so`, async () => {
      const { dataDir, backupDir, file } = await saved();
      await changeStore(dataDir);
      // A damaged file and a directory where a file should be are kept as they are too.
      await writeFile(path.join(dataDir, "state.json"), "{ hỏng");
      await rm(path.join(dataDir, "reminders.jsonl"));
      await mkdir(path.join(dataDir, "reminders.jsonl"));
      const before = await tree(dataDir);
      const fs = failing({
        step: c.step,
        nth: c.nth,
        code: c.code,
        ...(c.which ? { which: c.which(dataDir) } : {}),
      });
      const err = await restoreBackup({ dataDir, backupDir, file, now: NOW, fs }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toContain("Chưa khôi phục gì; dữ liệu hiện tại giữ nguyên.");
      expect((err as Error).message).not.toMatch(/injected|at \w+ \(/);
      expect(await tree(dataDir)).toEqual(before);
    });
  }

  it("a rollback that fails too leaves the originals aside, and the next start puts them back", async () => {
    const { dataDir, backupDir, file } = await saved();
    await changeStore(dataDir);
    const before = await tree(dataDir);
    const fs = failing({
      step: "rename",
      nth: 3,
      code: "EIO",
      which: intoStore(dataDir),
      breakRollback: true,
    });
    const err = await restoreBackup({ dataDir, backupDir, file, now: NOW, fs }).catch((e: unknown) => e);
    expect((err as Error).message).toContain("chưa đưa lại được mọi tệp cũ");
    expect((err as Error).message).toContain("đừng xoá thư mục này");
    expect(await tree(dataDir)).not.toEqual(before);
    // A reader is refused rather than shown half a restore.
    await expect(open(dataDir, { readOnly: true })).rejects.toThrow(/đang được khôi phục/);
    // The next writer start puts every original back.
    const s = await open(dataDir);
    expect(s.state.findUser("telegram", "42")).toBeUndefined();
    await s.close();
    expect(await tree(dataDir)).toEqual(before);
  });

  it("a restore interrupted after its commit is finished at the next start", async () => {
    const { dataDir, backupDir, file } = await saved();
    await changeStore(dataDir);
    const before = await tree(dataDir);
    // Moving the originals to their final folder fails: the restore itself is done.
    const fs = failing({
      step: "rename",
      nth: 1,
      code: "EIO",
      which: (from) => path.basename(from) === "cu",
    });
    const r = await restoreBackup({ dataDir, backupDir, file, now: NOW, fs });
    expect(r.asideDir).toBe(path.join(dataDir, ".khoi-phuc-dang-do", "cu"));
    const s = await open(dataDir);
    expect(s.state.findUser("telegram", "42")?.unitId).toBe("so-tttt");
    await s.close();
    const after = await tree(dataDir);
    expect(after).not.toHaveProperty(".khoi-phuc-dang-do");
    const aside = path.join(dataDir, "tep-cu-truoc-khoi-phuc-20261126-080000");
    expect(await tree(aside)).toEqual(Object.fromEntries(r.restored.map((n) => [n, before[n]])));
  });

  it("staging left by a restore that died before swapping is removed; the store is untouched", async () => {
    const { dataDir } = await saved();
    const before = await tree(dataDir);
    await mkdir(path.join(dataDir, ".khoi-phuc-dang-do", "moi"), { recursive: true });
    await writeFile(path.join(dataDir, ".khoi-phuc-dang-do", "moi", "state.json"), "{}");
    const s = await open(dataDir);
    await s.close();
    expect(await tree(dataDir)).toEqual(before);
  });
});

describe("the append-only logs in backups", () => {
  const parts = (n: number) => ({
    taskId: `t-${n}`,
    occurrence: "2026-12-31",
    recipientId: "telegram:42",
    offset: 7,
  });
  const answer = {
    taskId: "t-1",
    occurrence: "2026-12-31",
    kind: "in-progress" as const,
    userId: "telegram:42",
  };

  it("a backup holds reminders.jsonl and audit.jsonl (their lines); a restore brings them back", async () => {
    const { dataDir, backupDir } = await saved();
    const s1 = await open(dataDir);
    await s1.reminders.markPending(parts(1));
    await s1.reminders.markSent(`t-1|2026-12-31|telegram:42|7`, undefined, "9");
    await s1.reminders.addResponse(answer);
    await s1.reminders.markDigest("daily", "2026-11-26");
    await s1.audit.record({ actor: { kind: "cli" }, action: "truoc.sao-luu" });
    await s1.close();
    // An append in progress at backup time (a torn last line) is left out of the bundle.
    await writeFile(
      path.join(dataDir, "audit.jsonl"),
      `${await readFile(path.join(dataDir, "audit.jsonl"), "utf8")}{"id":"2","a`,
    );
    const b = await createBackup({ dataDir, backupDir, now: new Date(NOW.getTime() + 1000), keep: 14 });
    const bundle = JSON.parse(await readFile(b.path, "utf8"));
    expect(bundle.version).toBe(2);
    expect(bundle.files["reminders.jsonl"][0]).toMatchObject({
      t: "header",
      format: "tro-ly-cds.reminder-log",
    });
    expect(bundle.files["reminders.jsonl"]).toHaveLength(5);
    expect(bundle.files["audit.jsonl"].map((l: { action?: string }) => l.action)).toEqual([
      undefined,
      "truoc.sao-luu",
    ]);

    // After the backup: more of everything.
    const s2 = await open(dataDir);
    await s2.reminders.markPending(parts(2));
    await s2.reminders.addResponse(answer);
    await s2.audit.record({ actor: { kind: "cli" }, action: "sau.sao-luu" });
    await s2.close();

    const r = await restoreBackup({
      dataDir,
      backupDir,
      file: b.file,
      now: new Date(NOW.getTime() + 60_000),
    });
    expect(r.restored).toEqual(expect.arrayContaining(["reminders.jsonl", "audit.jsonl"]));
    const s3 = await open(dataDir);
    expect(s3.warnings).toEqual([]);
    expect(s3.reminders.list().map((e) => [e.key, e.state, e.messageId])).toEqual([
      ["t-1|2026-12-31|telegram:42|7", "sent", "9"],
    ]);
    expect(s3.reminders.responses().map((x) => x.id)).toEqual(["a1"]);
    expect(s3.reminders.lastDigest("daily")).toBe("2026-11-26");
    expect(s3.audit.list().map((e) => e.action)).toEqual(["truoc.sao-luu"]);
    // What was replaced is kept beside the store, byte for byte (the safety bundle holds it too).
    expect(await readFile(path.join(r.asideDir!, "reminders.jsonl"), "utf8")).toContain("t-2");
    const safety = JSON.parse(await readFile(r.safety!.path, "utf8"));
    expect(safety.files["audit.jsonl"].at(-1).action).toBe("sau.sao-luu");
  });

  it("a bundle of the previous version (reminders.json, audit.json) restores, converted to the logs", async () => {
    const { dataDir, backupDir } = await saved();
    const at = "2026-11-20T01:00:00.000Z";
    const old = {
      kind: "tro-ly-cds-backup",
      version: 1,
      createdAt: at,
      files: {
        "state.json": {
          version: 1,
          users: [],
          linkCodes: [],
          unanswered: [],
          unansweredSeq: 0,
          settings: { cu: 1 },
        },
        "knowledge-edits.json": { version: 1, collections: {} },
        "reminders.json": {
          version: 1,
          entries: {
            "t-9|2026-12-31|telegram:42|3": {
              taskId: "t-9",
              occurrence: "2026-12-31",
              recipientId: "telegram:42",
              offset: 3,
              state: "sent",
              attempts: 2,
              createdAt: at,
              updatedAt: at,
              sentAt: at,
            },
          },
          responses: [
            { id: "a7", taskId: "t-9", occurrence: "2026-12-31", kind: "done", userId: "telegram:42", at },
          ],
          responseSeq: 7,
          escalations: {},
          digests: { weekly: "2026-11-16" },
        },
        "audit.json": { version: 1, entries: [{ id: "5", at, actor: { kind: "cli" }, action: "cu" }] },
        "store-manifest.json": {
          version: 1,
          createdAt: at,
          files: ["knowledge-edits.json", "state.json", "reminders.json", "audit.json"],
        },
      },
    };
    await writeFile(path.join(backupDir, "tro-ly-cds-20261120-080000.json"), JSON.stringify(old));
    const r = await restoreBackup({ dataDir, backupDir, file: "tro-ly-cds-20261120-080000.json", now: NOW });
    expect(r.restored.sort()).toEqual(
      [
        "audit.jsonl",
        "knowledge-edits.json",
        // a fresh journal of the overlay, naming the restored snapshot
        "knowledge-edits.journal.jsonl",
        "reminders.jsonl",
        "state.json",
        "store-manifest.json",
      ].sort(),
    );
    const s = await open(dataDir);
    expect(s.warnings).toEqual([]);
    expect(s.reminders.get("t-9|2026-12-31|telegram:42|3")).toMatchObject({ state: "sent", attempts: 2 });
    expect(s.reminders.lastDigest("weekly")).toBe("2026-11-16");
    expect((await s.reminders.addResponse({ ...answer, taskId: "t-9" })).id).toBe("a8");
    expect(s.audit.list().map((e) => e.id)).toEqual(["5"]);
    expect((await s.audit.record({ actor: { kind: "cli" }, action: "moi" })).id).toBe("6");
    expect(JSON.parse(await readFile(path.join(dataDir, "store-manifest.json"), "utf8")).files).toEqual([
      "knowledge-edits.json",
      "state.json",
      "reminders.jsonl",
      "audit.jsonl",
    ]);
  });

  it("a data dir not converted yet is backed up with its old files; a restore there keeps the old files aside", async () => {
    const { dataDir, backupDir, file } = await saved();
    // As the previous version would have left it: the logs as JSON documents.
    const s = await open(dataDir);
    await s.reminders.addResponse(answer);
    await s.close();
    const { rm } = await import("node:fs/promises");
    await rm(path.join(dataDir, "reminders.jsonl"));
    await writeFile(
      path.join(dataDir, "reminders.json"),
      JSON.stringify({
        version: 1,
        entries: {},
        responses: [],
        responseSeq: 3,
        escalations: {},
        digests: {},
      }),
    );
    const b = await createBackup({ dataDir, backupDir, now: new Date(NOW.getTime() + 5000), keep: 14 });
    const bundle = JSON.parse(await readFile(b.path, "utf8"));
    expect(bundle.files["reminders.json"]).toMatchObject({ responseSeq: 3 });
    expect(bundle.files["reminders.jsonl"]).toBeUndefined();

    await restoreBackup({ dataDir, backupDir, file, now: new Date(NOW.getTime() + 60_000) });
    const names = await readdir(dataDir);
    expect(names).not.toContain("reminders.json");
    expect(names).toContain("reminders.json.truoc-khoi-phuc-20261126-080100");
    const again = await open(dataDir);
    expect(again.reminders.responses()).toEqual([]);
    await again.close();
    // The bundle with the old file restores too.
    await restoreBackup({ dataDir, backupDir, file: b.file, now: new Date(NOW.getTime() + 120_000) });
    const third = await open(dataDir);
    expect((await third.reminders.addResponse(answer)).id).toBe("a4");
  });

  it("a broken line of a log in the bundle: refused, nothing changed", async () => {
    const { dataDir, backupDir, file } = await saved();
    const p = path.join(backupDir, file);
    const bundle = JSON.parse(await readFile(p, "utf8"));
    bundle.files["reminders.jsonl"].push({ t: "digest", kind: "daily", day: "hôm qua" });
    await writeFile(p, JSON.stringify(bundle));
    const before = await tree(dataDir);
    await expect(restoreBackup({ dataDir, backupDir, file, now: NOW })).rejects.toThrow(
      `Tệp ${file} › reminders.jsonl không đúng cấu trúc (dòng 2: day:`,
    );
    expect(await tree(dataDir)).toEqual(before);
  });
});
