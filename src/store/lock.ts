/**
 * One writer process per data dir: `writer.lock`, created with O_EXCL, holds the writer's pid,
 * host and start time, and on Linux the boot id and the process's start time in ticks since boot
 * (/proc/<pid>/stat). A lock is stale, and taken over, when its pid is no longer alive, when the
 * machine was rebooted since, or when the pid now belongs to another process (a restart in a fresh
 * PID namespace, a container, gets the dead holder's pid back: same pid, other start time).
 *
 * Limits: if two processes find the same stale lock at the same instant, both may take it over
 * (the window is a few system calls; starts are not concurrent in practice). On a data dir
 * shared between hosts, a lock from another host is always treated as live.
 */
import { readFileSync } from "node:fs";
import { open, readFile, stat, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { StoreError } from "./errors.ts";
import { fsyncDir } from "./json-file.ts";

export const LOCK_FILE = "writer.lock";

/** A lock file without readable content younger than this is taken as being written now. */
const UNREADABLE_GRACE_MS = 5_000;

export interface WriterLock {
  readonly path: string;
  readonly pid: number;
  readonly startedAt: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  startedAt: string;
  hostname?: string;
  /** Linux: /proc/sys/kernel/random/boot_id when the lock was taken. */
  bootId?: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/<pid>/stat, field 22). */
  procStart?: string;
}

/** The machine's boot id (Linux), or undefined. */
export function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** When a process started, in clock ticks since boot (Linux), or undefined. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ")".
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return rest[19]; // field 22 = index 19 after "pid (comm) "
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names is still the one that wrote it. */
function holderAlive(holder: LockContent): boolean {
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  if (!isProcessAlive(holder.pid)) return false;
  if (holder.procStart) {
    const now = processStart(holder.pid);
    if (now !== undefined && now !== holder.procStart) return false;
  }
  return true;
}

function parseLock(text: string): LockContent | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    if (
      typeof v.pid === "number" &&
      Number.isInteger(v.pid) &&
      v.pid > 0 &&
      typeof v.startedAt === "string"
    ) {
      return {
        pid: v.pid,
        startedAt: v.startedAt,
        ...(typeof v.hostname === "string" ? { hostname: v.hostname } : {}),
        ...(typeof v.bootId === "string" ? { bootId: v.bootId } : {}),
        ...(typeof v.procStart === "string" ? { procStart: v.procStart } : {}),
      };
    }
  } catch {
    // unreadable: handled by the caller
  }
  return undefined;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

function lockedError(lockPath: string, holder: LockContent | undefined): StoreError {
  const who = holder
    ? `pid ${holder.pid}${holder.hostname && holder.hostname !== os.hostname() ? ` trên máy ${holder.hostname}` : ""}, bắt đầu lúc ${holder.startedAt}`
    : "pid không rõ";
  return new StoreError(
    "locked",
    `Kho dữ liệu đang được tiến trình khác (${who}) ghi (tệp khoá ${lockPath}). Dừng tiến trình đó ` +
      "rồi chạy lại; khoá của tiến trình đã dừng được tự nhận ra và thay. Đừng xoá tệp khoá khi tiến trình " +
      "kia còn chạy: hai tiến trình cùng ghi sẽ làm hỏng dữ liệu.",
    { file: lockPath },
  );
}

/** Creates `<dataDir>/writer.lock` (the directory must exist) or fails with a `StoreError` "locked". */
export async function acquireWriterLock(dataDir: string): Promise<WriterLock> {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const boot = bootId();
  const start = processStart(process.pid);
  const mine: LockContent = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    hostname: os.hostname(),
    ...(boot ? { bootId: boot } : {}),
    ...(start ? { procStart: start } : {}),
  };
  const text = `${JSON.stringify(mine)}\n`;

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fh = await open(lockPath, "wx", 0o644);
      try {
        await fh.writeFile(text, "utf8");
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsyncDir(dataDir);
      return makeLock(lockPath, mine, text);
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") {
        throw new StoreError("io", `Không tạo được tệp khoá ${lockPath} (${(e as Error).message}).`, {
          file: lockPath,
          cause: e,
        });
      }
    }

    let existing: string;
    try {
      existing = await readFile(lockPath, "utf8");
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT") continue; // released meanwhile: try again
      throw e;
    }
    const holder = parseLock(existing);
    if (holder) {
      const otherHost = holder.hostname !== undefined && holder.hostname !== os.hostname();
      if (otherHost || holderAlive(holder)) throw lockedError(lockPath, holder);
    } else {
      // Empty or garbled: a writer may be between open() and write(); stale only once it is old.
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      );
      if (age < UNREADABLE_GRACE_MS) throw lockedError(lockPath, undefined);
    }
    // Stale: the holder is gone. Take it over.
    await unlink(lockPath).catch((e: { code?: string }) => {
      if (e.code !== "ENOENT") throw e;
    });
  }
  throw lockedError(lockPath, undefined);
}

function makeLock(lockPath: string, mine: LockContent, text: string): WriterLock {
  let released = false;
  return {
    path: lockPath,
    pid: mine.pid,
    startedAt: mine.startedAt,
    async release() {
      if (released) return;
      released = true;
      const current = await readFile(lockPath, "utf8").catch(() => undefined);
      if (current !== text) return; // taken over by someone else: not ours to remove
      await unlink(lockPath).catch(() => {});
    },
  };
}
