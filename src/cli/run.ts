/**
 * The one command parser for operators and scripts: `npm run cli -- <command> …` (src/cli.ts is the
 * entry point). Each command lives in src/cli/<group>.ts; this file only parses and dispatches.
 *
 * A command that must write while another live process holds the store's writer lock (the running
 * assistant) throws `WriterBusy`; the command line is then forwarded, as it was typed, to that
 * process over its control socket (src/control/), which runs this same function against its open app
 * (`io.running`). Nobody serving there (another CLI command writing for a moment, an older version):
 * the command is tried again for a few seconds, then the lock's message is shown.
 */
import { parseArgs } from "node:util";
import { forwardCommand } from "../control/client.ts";
import { commandsFor, helpText } from "./commands.ts";
import { CliError, type CliIo, writerBusy } from "./io.ts";
import { systemErrorMessage } from "./system-errors.ts";

/** How long a write command waits for a writer lock held by a process that serves no control socket. */
export const WAIT_FOR_WRITER_MS = 3_000;
const RETRY_MS = 200;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const positionals = argv.filter((a) => !a.startsWith("-"));
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || positionals[0] === "help") {
    io.out(await helpText());
    return 0;
  }
  // Find the longest command name that the positionals start with ("kb check", "ask", "remind plan"…).
  const cmd = (await commandsFor(positionals))
    .filter((c) => c.name.split(" ").every((w, i) => positionals[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!cmd) {
    io.err(`Không có lệnh “${positionals.slice(0, 2).join(" ")}”. Xem: npm run cli -- --help`);
    return 2;
  }
  const depth = cmd.name.split(" ").length;
  // Remove the command words from argv (they are the first positionals).
  const rest: string[] = [];
  let skipped = 0;
  for (const a of argv) {
    if (skipped < depth && a === positionals[skipped]) {
      skipped++;
      continue;
    }
    rest.push(a);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: cmd.options ?? {}, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`Tham số không hợp lệ cho “${cmd.name}”: ${(e as Error).message}\nCách dùng: ${cmd.usage}`);
    return 2;
  }
  const args = { values: parsed.values, positionals: parsed.positionals };
  const waitUntil = Date.now() + WAIT_FOR_WRITER_MS;
  for (;;) {
    try {
      return await cmd.run(args, io);
    } catch (e) {
      // Already inside the running assistant: never forwarded again.
      const busy = io.running ? undefined : writerBusy(e);
      if (!busy) return failed(e, io);
      const r = await forwardCommand(busy.dataDir, argv, io);
      if (r.kind === "done") return r.code;
      if (Date.now() >= waitUntil) return failed(busy, io);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

/** An error's message for the operator, and the exit code. */
function failed(e: unknown, io: CliIo): number {
  if (e instanceof CliError) {
    io.err(e.message);
    return e.exitCode;
  }
  // A full disk, a missing permission…: said in Vietnamese, not as a raw "ENOSPC: …".
  const system = systemErrorMessage(e);
  if (system) {
    io.err(`Lỗi: ${system}`);
    return 1;
  }
  throw e;
}
