/**
 * Every CLI command, loaded only when it runs: `ask` does not load the spreadsheet reader, the chart
 * renderer or the Telegram client (start-up time matters for a command that answers in a millisecond).
 * The first word (or two) of a command names the module that holds it; `--help` loads them all.
 */
import type { Command } from "./io.ts";

/** The modules, each with the command words it holds ("kb check" before "kb"). */
const MODULES: { words: string[]; load: () => Promise<Command[]> }[] = [
  { words: ["ask"], load: async () => [(await import("./ask.ts")).askCommand] },
  { words: ["chat"], load: async () => [(await import("./ask.ts")).chatCommand] },
  { words: ["kb", "check"], load: async () => [(await import("./kb.ts")).kbCheck] },
  { words: ["kb", "list"], load: async () => [(await import("./kb.ts")).kbList] },
  { words: ["kb", "unit"], load: async () => (await import("./kb-unit.ts")).KB_UNIT_COMMANDS },
  { words: ["kb"], load: async () => (await import("./kb-edit.ts")).KB_EDIT_COMMANDS },
  { words: ["backup"], load: async () => [(await import("./backup.ts")).backupCommand] },
  { words: ["link"], load: async () => (await import("./link.ts")).linkCommands },
  { words: ["report"], load: async () => [(await import("./report.ts")).reportCommand] },
  { words: ["remind"], load: async () => (await import("./remind.ts")).remindCommands },
];

/** The commands of the module the words name (empty when none does). */
export async function commandsFor(positionals: string[]): Promise<Command[]> {
  const module = MODULES.find((m) => m.words.every((w, i) => positionals[i] === w));
  return module ? module.load() : [];
}

/** Every command, in the order of the help page. */
export async function allCommands(): Promise<Command[]> {
  const seen = new Set<Command>();
  for (const m of MODULES) for (const c of await m.load()) seen.add(c);
  return [...seen];
}

export async function helpText(): Promise<string> {
  const commands = await allCommands();
  return [
    "Trợ lý CĐS — dòng lệnh cho Tổ Giúp việc và quản trị viên",
    "",
    "Cách dùng: npm run cli -- <lệnh> [tham số]",
    "",
    "Lệnh:",
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    "",
    "Biến môi trường: xem .env.example và README.md.",
  ].join("\n");
}
