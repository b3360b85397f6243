import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, StoreError } from "../../src/store/index.ts";
import { acquireWriterLock, bootId, isProcessAlive, LOCK_FILE, processStart } from "../../src/store/lock.ts";
import { open, tempDir } from "./helpers.ts";

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  const pid = Number(r.stdout);
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}

describe("writer lock", () => {
  it("writes pid and start time; a second acquire fails naming the holder's pid", async () => {
    const dir = await tempDir();
    const lock = await acquireWriterLock(dir);
    const content = JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8"));
    expect(content.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);

    const err = await acquireWriterLock(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("locked");
    expect((err as StoreError).message).toContain(
      `Kho dữ liệu đang được tiến trình khác (pid ${process.pid}`,
    );
    expect((err as StoreError).message).toContain(path.join(dir, LOCK_FILE));

    await lock.release();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
    const again = await acquireWriterLock(dir);
    await again.release();
    await again.release(); // twice is harmless
  });

  it("takes over a stale lock whose pid is dead", async () => {
    const dir = await tempDir();
    const pid = deadPid();
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid, startedAt: "2024-01-01T00:00:00.000Z" }),
    );
    const lock = await acquireWriterLock(dir);
    const content = JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8"));
    expect(content.pid).toBe(process.pid);
    await lock.release();
  });

  it("takes over a lock whose pid now belongs to another process (a restart in a new PID namespace)", async () => {
    const dir = await tempDir();
    // Our own pid with another start time: the lock of a dead process whose pid we were given.
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        startedAt: "2024-01-01T00:00:00.000Z",
        hostname: os.hostname(),
        procStart: "1",
      }),
    );
    const lock = await acquireWriterLock(dir);
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), "utf8")).procStart).toBe(
      processStart(process.pid),
    );
    await lock.release();
  });

  it("takes over a lock written before a reboot; keeps one whose holder is the process that wrote it", async () => {
    const dir = await tempDir();
    const file = path.join(dir, LOCK_FILE);
    const live = process.ppid;
    const writeLock = (extra: Record<string, string>) =>
      writeFile(
        file,
        JSON.stringify({
          pid: live,
          startedAt: "2024-01-01T00:00:00.000Z",
          hostname: os.hostname(),
          ...extra,
        }),
      );
    await writeLock({ bootId: "another-boot" });
    if (bootId()) await (await acquireWriterLock(dir)).release();
    const boot = bootId();
    const start = processStart(live);
    await writeLock({ ...(boot ? { bootId: boot } : {}), ...(start ? { procStart: start } : {}) });
    const err = await acquireWriterLock(dir).catch((e: unknown) => e);
    expect((err as StoreError).code).toBe("locked");
    // The message does not invite deleting the lock of a live writer.
    expect((err as StoreError).message).toContain("Đừng xoá tệp khoá khi tiến trình kia còn chạy");
  });

  it("a fresh unreadable lock counts as held; an old one is taken over", async () => {
    const dir = await tempDir();
    const file = path.join(dir, LOCK_FILE);
    await writeFile(file, "");
    await expect(acquireWriterLock(dir)).rejects.toThrow(/pid không rõ/);
    const { utimes } = await import("node:fs/promises");
    const old = new Date(Date.now() - 60_000);
    await utimes(file, old, old);
    const lock = await acquireWriterLock(dir);
    await lock.release();
  });

  it("does not remove a lock that was taken over by someone else", async () => {
    const dir = await tempDir();
    const lock = await acquireWriterLock(dir);
    const other = JSON.stringify({ pid: process.pid, startedAt: "2030-01-01T00:00:00.000Z" });
    await writeFile(path.join(dir, LOCK_FILE), other);
    await lock.release();
    expect(await readFile(path.join(dir, LOCK_FILE), "utf8")).toBe(other);
  });

  it("one writer store per data dir; read-only stores need no lock", async () => {
    const dataDir = await tempDir();
    const writer = await open(dataDir);
    const err = await openStore({ dataDir }).catch((e: unknown) => e);
    expect((err as StoreError).code).toBe("locked");
    expect((err as StoreError).message).toContain(`pid ${process.pid}`);
    const reader = await open(dataDir, { readOnly: true });
    expect(reader.readOnly).toBe(true);
    await writer.close();
    const next = await open(dataDir);
    expect(next.readOnly).toBe(false);
  });

  it("a store whose writer died (stale lock) opens", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    await writeFile(
      path.join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), startedAt: "2024-01-01T00:00:00.000Z" }),
    );
    const store = await open(dataDir);
    expect(store.fresh).toBe(false);
  });
});
