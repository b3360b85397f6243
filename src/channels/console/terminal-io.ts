/**
 * What a process started from a terminal reads and writes: the offline chat's input and output, and
 * main's messages. The CLI's own io (src/cli/io.ts) extends it.
 */
export interface TerminalIo {
  out(text: string): void;
  err(text: string): void;
  /** Environment for config; defaults to process.env. */
  env: NodeJS.ProcessEnv;
  /** Reads standard input lines (the interactive chat); undefined when there is none. */
  stdin?: NodeJS.ReadableStream;
}

/** The process's own terminal. */
export const processIo: TerminalIo = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  env: process.env,
  stdin: process.stdin,
};
