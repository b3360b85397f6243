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
