import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { type App, createApp, createLogger, loadCurrentKnowledge } from "../app/app.ts";
import type { Assistant } from "../app/assistant.ts";
import { KnowledgeLoadError } from "../app/knowledge.ts";
import { processIo, type TerminalIo } from "../channels/console/terminal-io.ts";
import { ConfigError, loadConfig } from "../config.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import { atLocalTime } from "../core/time.ts";
import { StoreError } from "../store/index.ts";
import { acquireWriterLock, LOCK_FILE } from "../store/lock.ts";

/** What a CLI command writes to, injected so tests capture it (the terminal's io, and more). */
export interface CliIo extends TerminalIo {
  /**
   * Set when the command runs inside the running assistant, forwarded over its control socket
   * (src/control/): a command that writes uses this open app instead of opening the store. A new
   * command gets this for free by opening its app with `withCommandApp` and reading the operator's
   * files with `readOperatorFile`; nothing else is needed for it to work while the assistant runs.
   */
  running?: RunningAssistant;
  /** The operator's files (`readOperatorFile`); when forwarded, read on the operator's side. */
  files?: OperatorFiles;
}

/** The running assistant a forwarded command works in: its open app, and its Assistant (senders). */
export interface RunningAssistant {
  app: App;
  assistant?: Assistant;
}

export interface CommandAppOptions {
  /** The command writes: it takes the writer lock (or runs in the running assistant). */
  write: boolean;
  /** Added to the lock's message when the command can reach no running assistant. */
  busyHint?: string;
  /** The command's clock (`--now`). */
  now?: () => Date;
  /** Default: errors only, on standard error. */
  logger?: Logger;
}

/**
 * Runs `fn` on the app a command works on: the running assistant's own app when the command was
 * forwarded to it (`io.running`; not closed here), else one opened for this command (read-only, or
 * holding the writer lock) and closed after. The lock held by another live process is `WriterBusy`
 * (runCli forwards the command); other expected failures are CliErrors.
 */
export async function withCommandApp<T>(
  io: CliIo,
  opts: CommandAppOptions,
  fn: (app: App) => Promise<T>,
): Promise<T> {
  const running = io.running?.app;
  if (running) return fn(opts.now ? { ...running, now: opts.now } : running);
  let app: App;
  try {
    const config = loadConfig(io.env);
    // The lock first: when the assistant holds it, the command goes there without reading the
    // knowledge here first (~0.15 s). Released at once; createApp takes it again.
    if (opts.write) await (await acquireWriterLock(config.DATA_DIR).catch(lockProbeFailed)).release();
    app = await createApp({
      config,
      readOnly: !opts.write,
      logger: opts.logger ?? createLogger({ LOG_LEVEL: "error" }, process.stderr),
      ...(opts.now ? { now: opts.now } : {}),
    });
  } catch (e) {
    const busy = writerBusy(e, opts.busyHint);
    if (busy) throw busy;
    if (e instanceof StoreError || e instanceof KnowledgeLoadError || e instanceof ConfigError) {
      throw new CliError(e.message);
    }
    throw e;
  }
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** A failed lock probe: a missing data dir is no answer (createApp makes it); anything else is. */
function lockProbeFailed(e: unknown): { release(): Promise<void> } {
  if (e instanceof StoreError && e.code === "io") return { release: async () => {} };
  throw e;
}

export const nodeIo: CliIo = processIo;

/** An expected failure: its message is shown as is (Vietnamese), with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** What reading an operator's file gave. */
export type FileRead =
  | { kind: "ok"; bytes: Uint8Array }
  | { kind: "missing" }
  | { kind: "not-file" }
  | { kind: "too-big"; size: number }
  | { kind: "unreadable"; message: string };

export interface OperatorFiles {
  /** The file at `path` (relative to the operator's working directory), at most `maxBytes`. */
  read(path: string, maxBytes: number): Promise<FileRead>;
}

/** The operator's files on this machine, read by this process. */
export const localFiles: OperatorFiles = {
  async read(file, maxBytes) {
    let size: number;
    try {
      const s = await stat(file);
      if (!s.isFile()) return { kind: "not-file" };
      size = s.size;
    } catch {
      return { kind: "missing" };
    }
    if (size > maxBytes) return { kind: "too-big", size };
    try {
      const bytes = new Uint8Array(await readFile(file));
      return bytes.length > maxBytes ? { kind: "too-big", size: bytes.length } : { kind: "ok", bytes };
    } catch (e) {
      return { kind: "unreadable", message: (e as Error).message };
    }
  },
};

/**
 * Reads a file the operator named on the command line (an uploaded plan…), through `io.files`: a
 * command forwarded to the running assistant gets the bytes from the operator's side. Expected
 * failures are CliErrors in Vietnamese.
 */
export async function readOperatorFile(io: CliIo, file: string, maxBytes: number): Promise<Uint8Array> {
  const r = await (io.files ?? localFiles).read(file, maxBytes);
  if (r.kind === "ok") return r.bytes;
  if (r.kind === "not-file") throw new CliError(`“${file}” không phải là tệp.`);
  if (r.kind === "missing") throw new CliError(`Không tìm thấy tệp “${file}”.`);
  if (r.kind === "too-big") {
    const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
    throw new CliError(
      `Tệp “${file}” lớn ${mb(r.size)}, quá giới hạn ${mb(maxBytes)}. Hãy tách thành nhiều tệp nhỏ hơn.`,
    );
  }
  throw new CliError(`Không đọc được tệp “${file}” (${r.message}).`);
}

/**
 * The store's writer lock is held by another live process (the running assistant): the command
 * could not write. `runCli` forwards the command to that process over its control socket; when that
 * is not possible, `message` (with the command's own hint) is shown.
 */
export class WriterBusy extends CliError {
  constructor(
    message: string,
    /** The data directory whose lock is held. */
    readonly dataDir: string,
  ) {
    super(message);
    this.name = "WriterBusy";
  }
}

/**
 * The WriterBusy a command throws for a store error, when it is the writer lock held by another live
 * process (`hint` appended: what to do if forwarding is not possible); undefined for anything else.
 */
export function writerBusy(e: unknown, hint?: string): WriterBusy | undefined {
  if (e instanceof WriterBusy) return e;
  if (!(e instanceof StoreError) || e.code !== "locked" || !e.file) return undefined;
  if (path.basename(e.file) !== LOCK_FILE) return undefined; // a restore in progress, read-only
  return new WriterBusy(hint ? `${e.message}\n${hint}` : e.message, path.dirname(e.file));
}

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options?: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

export function str(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function flag(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}

/**
 * The instant `--now` names: "2026-06-23" (that day at `time`, Ninh Thuận time), "2026-06-23T08:30"
 * (Ninh Thuận time) or a full ISO instant with its offset. Without `--now`: `fallback`.
 */
export function parseNow(s: string | undefined, time: string, fallback: Date): Date {
  if (s === undefined) return fallback;
  const t = s.trim();
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(t);
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})(?::\d{2})?$/.exec(t);
  try {
    if (day) return atLocalTime(day[1]!, time);
    if (local) return atLocalTime(local[1]!, local[2]!);
  } catch {
    // falls through to the error below
  }
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(t) ? Date.parse(t) : Number.NaN;
  if (Number.isNaN(ms))
    throw new CliError(
      `--now không hợp lệ: “${s}”. Ví dụ: --now 2026-06-23 hoặc --now 2026-06-23T08:30 hoặc --now 2026-06-23T08:30:00+07:00`,
      2,
    );
  return new Date(ms);
}

/**
 * The knowledge a read-only command works on: the shipped files (or `knowledgeDir`) with the
 * secretariat's edits in DATA_DIR applied, as the assistant answers. Expected failures are CliErrors.
 */
export async function cliKnowledge(env: NodeJS.ProcessEnv, knowledgeDir?: string): Promise<Knowledge> {
  try {
    const config = loadConfig(env);
    return await loadCurrentKnowledge(knowledgeDir ? { ...config, KNOWLEDGE_DIR: knowledgeDir } : config);
  } catch (e) {
    if (e instanceof StoreError || e instanceof KnowledgeLoadError || e instanceof ConfigError) {
      throw new CliError(e.message);
    }
    throw e;
  }
}
