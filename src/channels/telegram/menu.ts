/** The command menu (setMyCommands) and the help text come from one table. */
import type { Api, Bot, Context } from "grammy";

import { CONVERSATION_COMMANDS, conversationCommand } from "../../conversation/commands.ts";
import { type CommandInfo, USER_COMMANDS } from "../../conversation/menu.ts";

export { type CommandInfo, USER_COMMANDS };

/** A command of the conversation's table as a menu entry: its arguments and summary, without "(Tổ Giúp việc)". */
function fromTable(name: string): CommandInfo {
  const c = conversationCommand(name);
  if (!c) throw new Error(`no conversation command /${name}`);
  const args = c.usage.replace(/^\/\S+\s*/, "");
  const description = c.summary.replace(/\s*\((?:Tổ Giúp việc|lãnh đạo)\)$/u, "");
  return args ? { command: c.name, args, description } : { command: c.name, description };
}

/** The secretariat's commands: those the conversation's table gives to admins, in its order. */
export const ADMIN_COMMANDS: CommandInfo[] = CONVERSATION_COMMANDS.filter((c) => c.access === "admin").map(
  (c) => fromTable(c.name),
);

/** Leaders of the steering committee and admins (Assistant.isLeader). */
export const LEADER_COMMANDS: CommandInfo[] = ["tongquan", "donvi", "baocao"].map(fromTable);

const menu = (list: CommandInfo[]) => list.map(({ command, description }) => ({ command, description }));

/**
 * Sets the Vietnamese command menu: the public commands for everyone, plus the leaders' and admin
 * commands in each configured admin's chat, and the leaders' commands in each leader's chat
 * (`leaderIds`: Telegram chat ids; skipped with a warning when that person has not opened the bot yet).
 */
export async function setCommands(
  bot: Bot<Context> | { api: Api },
  opts: {
    adminIds?: string[];
    leaderIds?: string[];
    onWarn?: (msg: string, adminId: string) => void;
  } = {},
): Promise<void> {
  await bot.api.setMyCommands(menu(USER_COMMANDS));
  for (const id of opts.adminIds ?? []) {
    try {
      await bot.api.setMyCommands(menu([...USER_COMMANDS, ...LEADER_COMMANDS, ...ADMIN_COMMANDS]), {
        scope: { type: "chat", chat_id: Number(id) },
      });
    } catch {
      opts.onWarn?.("could not set the admin command menu (has this admin opened the bot?)", id);
    }
  }
  for (const id of opts.leaderIds ?? []) {
    if (opts.adminIds?.includes(id)) continue;
    try {
      await bot.api.setMyCommands(menu([...USER_COMMANDS, ...LEADER_COMMANDS]), {
        scope: { type: "chat", chat_id: Number(id) },
      });
    } catch {
      opts.onWarn?.("could not set the leader command menu (has this leader opened the bot?)", id);
    }
  }
}
