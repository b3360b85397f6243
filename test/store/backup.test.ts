import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBackup, listBackups, restoreBackup } from "../../src/store/backup.ts";
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

  it("refuses before writing anything when a directory stands where a file should be", async () => {
    const { mkdir, rm } = await import("node:fs/promises");
    const { dataDir, backupDir, file } = await saved();
    const before = await readFile(path.join(dataDir, "state.json"), "utf8");
    await rm(path.join(dataDir, "audit.json"), { force: true });
    await mkdir(path.join(dataDir, "audit.json"));
    const err = await restoreBackup({ dataDir, backupDir, file, now: NOW }).catch((e: unknown) => e);
    expect((err as Error).message).toContain("không phải là tệp");
    expect((err as Error).message).toContain("chưa khôi phục gì");
    expect(await readFile(path.join(dataDir, "state.json"), "utf8")).toBe(before);
  });
});
