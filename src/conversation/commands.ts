/**
 * The commands every channel offers, with who may run each (one table: the access rule lives here,
 * not in each channel). A channel adapter parses its platform's command syntax, calls `runCommand`
 * and renders the outputs (see outputs.ts).
 */
import type { Assistant, Person } from "../app/assistant.ts";
import { type Access, mayRun } from "./access.ts";
import {
  adminDecisionChoice,
  confirmAdminCommand,
  inviteCommand,
  listCommand,
  refuseAdminCommand,
  unlinkCommand,
} from "./accounts.ts";
import { ANNOUNCE_PREFIX, announceChoice, announceCommand } from "./announce.ts";
import { DIALOG_PREFIX } from "./dialog.ts";
import { addDocumentCommand, addUnitCommand, changeHeadCommand } from "./edit-entries.ts";
import { createTaskCommand, editTaskCommand, moveDeadlineCommand } from "./edit-tasks.ts";
import { closeUnitCommand, mergeUnitsCommand, renameUnitCommand } from "./edit-units.ts";
import { exportCommand, historyCommand, undoCommand } from "./history.ts";
import { type ConversationDeps, overviewCommand, reportCommand, unitCommand } from "./leaders.ts";
import { type ChoiceOutcome, type Output, text } from "./outputs.ts";
import {
  deadlinesCommand,
  documentCommand,
  overdueCommand,
  searchCommand,
  tasksCommand,
  themeCommand,
} from "./questions.ts";
import { REMINDER_PREFIX, reminderChoice, reminderText } from "./reminders.ts";
import { sessionOf } from "./session.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";
import { ASK_PREFIX, answerChoice, questionsCommand } from "./unanswered.ts";
import { IMPORT_PREFIX, importChoice } from "./uploads.ts";

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
  {
    name: "moi",
    usage: "/moi <mã đơn vị> <vai trò> [họ tên]",
    summary: "Tạo mã liên kết một lần (Tổ Giúp việc)",
    access: "admin",
    run: inviteCommand,
  },
  {
    name: "danhsach",
    usage: "/danhsach",
    summary: "Danh sách tài khoản đã liên kết (Tổ Giúp việc)",
    access: "admin",
    run: listCommand,
  },
  {
    name: "huy",
    usage: "/huy <mã tài khoản>",
    summary: "Hủy liên kết một tài khoản (Tổ Giúp việc)",
    access: "admin",
    run: unlinkCommand,
  },
  {
    name: "xacnhanqt",
    usage: "/xacnhanqt [số]",
    summary: "Xác nhận quyền quản trị (Tổ Giúp việc)",
    access: "admin",
    run: confirmAdminCommand,
  },
  {
    name: "tuchoiqt",
    usage: "/tuchoiqt <số>",
    summary: "Từ chối quyền quản trị (Tổ Giúp việc)",
    access: "admin",
    run: refuseAdminCommand,
  },
  {
    name: "cauhoi",
    usage: "/cauhoi",
    summary: "Câu hỏi trợ lý chưa trả lời được (Tổ Giúp việc)",
    access: "admin",
    run: questionsCommand,
  },
  {
    name: "thongbao",
    usage: "/thongbao <nội dung>",
    summary: "Gửi thông báo tới thủ trưởng các đơn vị (Tổ Giúp việc)",
    access: "admin",
    run: announceCommand,
  },
  {
    name: "suanv",
    usage: "/suanv <mã hoặc từ khóa>",
    summary: "Sửa một nhiệm vụ: tên, thời hạn, chủ trì, hoàn thành (Tổ Giúp việc)",
    access: "admin",
    run: editTaskCommand,
  },
  {
    name: "doihan",
    usage: "/doihan <mã nhiệm vụ> <thời hạn mới>",
    summary: "Dời thời hạn một nhiệm vụ (Tổ Giúp việc)",
    access: "admin",
    run: moveDeadlineCommand,
  },
  {
    name: "themnv",
    usage: "/themnv",
    summary: "Thêm nhiệm vụ, hỏi từng bước (Tổ Giúp việc)",
    access: "admin",
    run: createTaskCommand,
  },
  {
    name: "themvb",
    usage: "/themvb",
    summary: "Thêm văn bản, hỏi từng bước (Tổ Giúp việc)",
    access: "admin",
    run: addDocumentCommand,
  },
  {
    name: "themdv",
    usage: "/themdv",
    summary: "Thêm đơn vị (Tổ Giúp việc)",
    access: "admin",
    run: addUnitCommand,
  },
  {
    name: "thutruong",
    usage: "/thutruong <mã đơn vị> <họ tên>",
    summary: "Cập nhật thủ trưởng đơn vị (Tổ Giúp việc)",
    access: "admin",
    run: changeHeadCommand,
  },
  {
    name: "doiten",
    usage: "/doiten [tên đơn vị]",
    summary: "Đổi tên một đơn vị từ một ngày, hỏi từng bước (Tổ Giúp việc)",
    access: "admin",
    run: renameUnitCommand,
  },
  {
    name: "hopnhat",
    usage: "/hopnhat [tên đơn vị]",
    summary: "Hợp nhất đơn vị vào một đơn vị có sẵn hoặc mới, hỏi từng bước (Tổ Giúp việc)",
    access: "admin",
    run: mergeUnitsCommand,
  },
  {
    name: "giaithe",
    usage: "/giaithe [tên đơn vị]",
    summary: "Ghi một đơn vị giải thể, kèm đơn vị tiếp nhận nếu có (Tổ Giúp việc)",
    access: "admin",
    run: closeUnitCommand,
  },
];

const BY_NAME = new Map(CONVERSATION_COMMANDS.map((c) => [c.name, c]));

/** The commands a person may run, by name ("/tongquan, /donvi, …"): what a channel's help lists. */
export function commandsFor(p: Person, assistant: Assistant): string[] {
  return CONVERSATION_COMMANDS.filter((c) => mayRun(c.access, p, assistant)).map((c) => `/${c.name}`);
}

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

/**
 * The choices of the conversation, by the prefix of their data; each handler validates the data (zod)
 * and checks who picks it.
 */
const CHOICES: readonly {
  prefix: string;
  run: (d: ConversationDeps, p: Person, data: string) => Promise<ChoiceOutcome>;
}[] = [
  { prefix: "qt:", run: adminDecisionChoice },
  { prefix: ANNOUNCE_PREFIX, run: announceChoice },
  { prefix: ASK_PREFIX, run: answerChoice },
  { prefix: IMPORT_PREFIX, run: importChoice },
  { prefix: REMINDER_PREFIX, run: reminderChoice },
  { prefix: DIALOG_PREFIX, run: async (d, p, data) => sessionOf(d.assistant).dialogs.choice(p, data) },
];

/** The prefixes of the choices `runChoice` handles (Telegram registers a callback handler for each). */
export const CHOICE_PREFIXES: readonly string[] = CHOICES.map((c) => c.prefix);

/**
 * A pressed button (Telegram) or a picked number (Zalo, the terminal): undefined when the data is no
 * conversation choice at all; a stale outcome when it is forged, expired or not this person's.
 */
export async function runChoice(
  d: ConversationDeps,
  p: Person,
  data: string,
): Promise<ChoiceOutcome | undefined> {
  const c = CHOICES.find((x) => data.startsWith(x.prefix));
  if (!c) return undefined;
  const out = await c.run(d, p, data);
  if (out.kind === "stale") d.log?.info({ prefix: c.prefix }, "stale or forged choice");
  return out;
}

/**
 * A typed text while a dialog waits for this person: undefined when none waits (the text goes on as
 * usual), else what the dialog says and whether the text is still to be handled (another command).
 */
export async function runDialogText(
  d: ConversationDeps,
  p: Person,
  typed: string,
): Promise<{ outputs: Output[]; passOn: boolean } | undefined> {
  return sessionOf(d.assistant).dialogs.text(p, typed);
}

/**
 * A typed text (not a command) no dialog took: a reminder's shortcut or the answer to a reminder's
 * question (src/conversation/reminders.ts); undefined when it is neither (then it is a question).
 */
export async function runText(d: ConversationDeps, p: Person, typed: string): Promise<Output[] | undefined> {
  const answered = await reminderText(d, p, typed);
  return answered === undefined ? undefined : [text(answered)];
}
