/** File-system layers for the log tests: counting fsyncs, failing a chosen step, pausing a step. */
import path from "node:path";
import { type AppendHandle, type LogFs, realLogFs } from "../../src/store/jsonl.ts";

export const fsError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

export interface Counts {
  /** fsync of a file, by base name ("reminders.jsonl", ".reminders.jsonl.123-c1.tmp"). */
  fileSyncs: Map<string, number>;
  dirSyncs: number;
  renames: Array<[string, string]>;
}

/** The real steps, counted. */
export function countingFs(base: LogFs = realLogFs): { fs: LogFs; counts: Counts } {
  const counts: Counts = { fileSyncs: new Map(), dirSyncs: 0, renames: [] };
  const wrap = (file: string, h: AppendHandle): AppendHandle => ({
    ...h,
    async sync() {
      await h.sync();
      const n = path.basename(file);
      counts.fileSyncs.set(n, (counts.fileSyncs.get(n) ?? 0) + 1);
    },
  });
  const fs: LogFs = {
    ...base,
    openAppend: async (file) => wrap(file, await base.openAppend(file)),
    create: async (file) => wrap(file, await base.create(file)),
    async rename(from, to) {
      await base.rename(from, to);
      counts.renames.push([path.basename(from), path.basename(to)]);
    },
    async fsyncDir(dir) {
      await base.fsyncDir(dir);
      counts.dirSyncs++;
    },
  };
  return { fs, counts };
}

/** Fsyncs of files whose name starts with `prefix` (temp files of a log start with "."). */
export function syncsOf(counts: Counts, test: (name: string) => boolean): number {
  let n = 0;
  for (const [name, c] of counts.fileSyncs) if (test(name)) n += c;
  return n;
}

export type Step =
  | "create-temp"
  | "write-temp"
  | "sync-temp"
  | "append-tail"
  | "sync-tail"
  | "link"
  | "rename"
  | "fsync-dir";

/**
 * The real steps, with compaction's `step` failing (EIO) once `armed()` is true. Temp files are the
 * ones named ".<log>.…tmp". With `dieAfter`, nothing is cleaned up after the failure either (every
 * later step fails too, as if the process had died at that point).
 */
export function failingFs(step: Step, armed: () => boolean, opts: { dieAfter?: boolean } = {}): LogFs {
  let dead = false;
  const fail = (s: Step) => {
    if (dead) throw fsError("EIO");
    if (s === step && armed()) {
      if (opts.dieAfter) dead = true;
      throw fsError("EIO");
    }
  };
  const isTemp = (file: string) => path.basename(file).endsWith(".tmp");
  const wrap = (file: string, h: AppendHandle, kind: "new" | "append"): AppendHandle => ({
    async write(data) {
      if (isTemp(file)) fail(kind === "new" ? "write-temp" : "append-tail");
      else if (dead) throw fsError("EIO");
      await h.write(data);
    },
    async sync() {
      if (isTemp(file)) fail(kind === "new" ? "sync-temp" : "sync-tail");
      else if (dead) throw fsError("EIO");
      await h.sync();
    },
    truncate: (n) => (dead ? Promise.reject(fsError("EIO")) : h.truncate(n)),
    close: () => h.close(),
  });
  return {
    ...realLogFs,
    async create(file) {
      if (isTemp(file)) fail("create-temp");
      return wrap(file, await realLogFs.create(file), "new");
    },
    async openAppend(file) {
      if (dead) throw fsError("EIO");
      return wrap(file, await realLogFs.openAppend(file), "append");
    },
    async link(from, to) {
      fail("link");
      await realLogFs.link(from, to);
    },
    async rename(from, to) {
      if (isTemp(from)) fail("rename");
      else if (dead) throw fsError("EIO");
      await realLogFs.rename(from, to);
    },
    async fsyncDir(dir) {
      fail("fsync-dir");
      await realLogFs.fsyncDir(dir);
    },
    async unlink(file) {
      if (dead) throw fsError("EIO");
      await realLogFs.unlink(file);
    },
  };
}

/** The real steps; once `armed()`, creating a temp file (a compaction's) waits until `release()`. */
export function pausingFs(armed: () => boolean): { fs: LogFs; started: Promise<void>; release: () => void } {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const startedP = new Promise<void>((r) => {
    started = r;
  });
  const fs: LogFs = {
    ...realLogFs,
    async create(file) {
      if (armed() && path.basename(file).endsWith(".tmp")) {
        started();
        await gate;
      }
      return realLogFs.create(file);
    },
  };
  return { fs, started: startedP, release };
}
