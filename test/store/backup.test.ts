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
    await rm(path.join(dataDir, "audit.json"), { force: true });
    await mkdir(path.join(dataDir, "audit.json"));
    await writeFile(path.join(dataDir, "audit.json", "ghi-chu.txt"), "của ai đó");
    const r = await restoreBackup({ dataDir, backupDir, file, now: NOW });
    expect(r.movedAside).toContainEqual({ name: "audit.json", kind: "directory" });
    expect(await readFile(path.join(r.asideDir!, "audit.json", "ghi-chu.txt"), "utf8")).toBe("của ai đó");
    expect(restoreSummary(file, r)).toContain("audit.json là thư mục nằm ở chỗ cần là tệp");
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
      await rm(path.join(dataDir, "reminders.json"));
      await mkdir(path.join(dataDir, "reminders.json"));
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
