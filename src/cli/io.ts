import { loadCurrentKnowledge } from "../app/app.ts";
import { KnowledgeLoadError } from "../app/knowledge.ts";
import { ConfigError, loadConfig } from "../config.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import { atLocalTime } from "../core/time.ts";
import { StoreError } from "../store/index.ts";

/** What a CLI command writes to, injected so tests capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Environment for config; defaults to process.env. */
  env: NodeJS.ProcessEnv;
  /** Reads standard input lines (the interactive chat); undefined when there is none. */
  stdin?: NodeJS.ReadableStream;
}

export const nodeIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  env: process.env,
  stdin: process.stdin,
};

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
