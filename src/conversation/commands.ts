/**
 * The commands every channel offers, with who may run each (one table: the access rule lives here,
 * not in each channel). A channel adapter parses its platform's command syntax, calls `runCommand`
 * and renders the outputs (see outputs.ts).
 */
import type { Person } from "../app/assistant.ts";
import { type Access, mayRun } from "./access.ts";
import { exportCommand, historyCommand, undoCommand } from "./history.ts";
import { type ConversationDeps, overviewCommand, reportCommand, unitCommand } from "./leaders.ts";
import { type Output, text } from "./outputs.ts";
import {
  deadlinesCommand,
  documentCommand,
  overdueCommand,
  searchCommand,
  tasksCommand,
  themeCommand,
} from "./questions.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export interface ConversationCommand {
  /** Without the slash: "tongquan". */
  name: string;
  usage: string;
  summary: string;
  access: Access;
  run(d: ConversationDeps, p: Person, arg: string): Promise<Output[]>;
}

export const CONVERSATION_COMMANDS: readonly ConversationCommand[] = [
  { name: "chude", usage: "/chude [năm]", summary: "Chủ đề năm", access: "asker", run: themeCommand },
  {
    name: "nhiemvu",
    usage: "/nhiemvu [đơn vị]",
    summary: "Nhiệm vụ của tôi (hoặc của một đơn vị)",
    access: "asker",
    run: tasksCommand,
  },
  {
    name: "hanchot",
    usage: "/hanchot [đơn vị]",
    summary: "Việc sắp đến hạn",
    access: "asker",
    run: deadlinesCommand,
  },
  {
    name: "quahan",
    usage: "/quahan [đơn vị]",
    summary: "Việc quá hạn",
    access: "asker",
    run: overdueCommand,
  },
  {
    name: "vanban",
    usage: "/vanban <số hiệu>",
    summary: "Tra một văn bản",
    access: "asker",
    run: documentCommand,
  },
  {
    name: "timkiem",
    usage: "/timkiem <từ khóa>",
    summary: "Tìm trong cơ sở tri thức",
    access: "asker",
    run: searchCommand,
  },
  {
    name: "tongquan",
    usage: "/tongquan [năm]",
    summary: "Tổng quan tiến độ theo đơn vị (lãnh đạo)",
    access: "leader",
    run: overviewCommand,
  },
  {
    name: "donvi",
    usage: "/donvi <tên đơn vị> [năm]",
    summary: "Thẻ của một đơn vị (lãnh đạo: đầy đủ tiến độ)",
    access: "asker",
    run: unitCommand,
  },
  {
    name: "baocao",
    usage: "/baocao [tháng|quý|năm]",
    summary: "Báo cáo tiến độ dạng Excel (lãnh đạo)",
    access: "leader",
    run: reportCommand,
  },
  {
    name: "lichsu",
    usage: "/lichsu",
    summary: "Nhật ký thay đổi (Tổ Giúp việc)",
    access: "admin",
    run: historyCommand,
  },
  {
    name: "hoantac",
    usage: "/hoantac [số]",
    summary: "Hoàn tác thay đổi gần nhất (Tổ Giúp việc)",
    access: "admin",
    run: undoCommand,
  },
  {
    name: "xuat",
    usage: "/xuat",
    summary: "Xuất các nhiệm vụ ra Excel (Tổ Giúp việc)",
    access: "admin",
    run: exportCommand,
  },
];

const BY_NAME = new Map(CONVERSATION_COMMANDS.map((c) => [c.name, c]));

export function conversationCommand(name: string): ConversationCommand | undefined {
  return BY_NAME.get(name);
}

/**
 * Runs a command for a person: the access rule first (a refusal changes nothing), then the command.
 * Undefined when the name is not a conversation command (the channel has its own, or none).
 */
export async function runCommand(
  d: ConversationDeps,
  p: Person,
  name: string,
  arg: string,
): Promise<Output[] | undefined> {
  const cmd = BY_NAME.get(name);
  if (!cmd) return undefined;
  if (!mayRun(cmd.access, p, d.assistant)) {
    d.log?.info({ command: name }, "command refused");
    if (cmd.access === "asker") return [{ kind: "reply", reply: d.assistant.notMemberReply() }];
    return [text(cmd.access === "leader" ? T.leadersOnly : T.adminsOnly)];
  }
  return cmd.run(d, p, arg.trim());
}
