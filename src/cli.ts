/**
 * The one command parser for operators and scripts: `npm run cli -- <command> …`.
 * Each command lives in src/cli/<group>.ts; this file only parses and dispatches.
 */

import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { commandsFor, helpText } from "./cli/commands.ts";
import { CliError, type CliIo, nodeIo } from "./cli/io.ts";
import { systemErrorMessage } from "./cli/system-errors.ts";

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
  try {
    return await cmd.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (e) {
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
}

// Run directly (node dist/…js, tsx src/cli.ts), not imported by a test.
const isMain =
  process.argv[1] !== undefined &&
  (import.meta.url === pathToFileURL(process.argv[1]).href || process.argv[1].endsWith("src/cli.ts"));
if (isMain) {
  runCli(process.argv.slice(2), nodeIo)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`Lỗi: ${msg}\n`);
      process.exitCode = 1;
    });
}
