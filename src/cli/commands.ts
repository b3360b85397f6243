/** Every CLI command, and the one help text built from them. */

import { askCommand, chatCommand } from "./ask.ts";
import { backupCommand } from "./backup.ts";
import type { Command } from "./io.ts";
import { kbCheck, kbList } from "./kb.ts";
import { KB_EDIT_COMMANDS } from "./kb-edit.ts";
import { linkCommands } from "./link.ts";
import { remindCommands } from "./remind.ts";
import { reportCommand } from "./report.ts";

export const COMMANDS: Command[] = [
  askCommand,
  chatCommand,
  kbCheck,
  kbList,
  backupCommand,
  ...linkCommands,
  ...KB_EDIT_COMMANDS,
  reportCommand,
  ...remindCommands,
];

export const HELP = [
  "Trợ lý CĐS — dòng lệnh cho Tổ Giúp việc và quản trị viên",
  "",
  "Cách dùng: npm run cli -- <lệnh> [tham số]",
  "",
  "Lệnh:",
  ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
  "",
  "Biến môi trường: xem .env.example và README.md.",
].join("\n");
