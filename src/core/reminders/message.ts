/**
 * Channel-neutral messages of the reminder system: a title, lines of text and rows of actions
 * (buttons on Telegram, numbered replies on plain channels). Each action carries a compact `data`
 * string (≤ 64 bytes, Telegram's callback-data limit) that `decodeAction` turns back into what it means:
 * - an answer to a reminder: "r:<d|p|e|h>:<taskId>:<YYYYMMDD>" (done, in progress, extension, help; the
 *   task and the due date the reminder was about; who answers is the chat that pressed);
 * - the secretariat's decision on an extension request: "r:<a|x>:<response id>" (approve, refuse).
 */
import type { Knowledge } from "../knowledge/model.ts";
import { documentLabel } from "../knowledge/model.ts";
import type { Task } from "../knowledge/schema.ts";
import { formatViDate, viWeekdayName } from "../time.ts";
import type { Audience, ReminderKind } from "./planner.ts";

export type AnswerKind = "done" | "in-progress" | "extension" | "help";

export const ANSWER_LABELS: Readonly<Record<AnswerKind, string>> = {
  done: "Đã hoàn thành",
  "in-progress": "Đang thực hiện",
  extension: "Xin gia hạn",
  help: "Cần hỗ trợ",
};

export type ActionRef =
  | { type: "answer"; answer: AnswerKind; taskId: string; occurrence: string }
  | { type: "decision"; decision: "approve" | "refuse"; responseId: string };

export interface MessageAction {
  label: string;
  /** What a reminder action means; absent on actions of other features (they decode their own data). */
  ref?: ActionRef;
  /** `encodeAction(ref)`: Telegram callback data, or what a plain channel keeps for a numbered reply. */
  data: string;
}

export type MessageKind = "reminder" | "notice" | "answer" | "escalation" | "digest" | "info";

export interface OutgoingMessage {
  kind: MessageKind;
  title: string;
  lines: string[];
  /** Rows of actions. */
  actions: MessageAction[][];
  /** A picture sent before the text where the channel can (the weekly digest's chart on Telegram). */
  image?: { png: Uint8Array; filename: string };
}

/** The prefix every reminder action's data starts with (the bot routes callbacks on it). */
export const ACTION_PREFIX = "r:";
export const MAX_ACTION_BYTES = 64;

const ANSWER_CODES: Record<AnswerKind, string> = { done: "d", "in-progress": "p", extension: "e", help: "h" };
const CODE_ANSWERS = Object.fromEntries(Object.entries(ANSWER_CODES).map(([k, v]) => [v, k])) as Record<
  string,
  AnswerKind
>;

export function encodeAction(ref: ActionRef): string {
  const data =
    ref.type === "answer"
      ? `${ACTION_PREFIX}${ANSWER_CODES[ref.answer]}:${ref.taskId}:${ref.occurrence.replaceAll("-", "")}`
      : `${ACTION_PREFIX}${ref.decision === "approve" ? "a" : "x"}:${ref.responseId}`;
  if (Buffer.byteLength(data, "utf8") > MAX_ACTION_BYTES)
    throw new RangeError(`action data longer than ${MAX_ACTION_BYTES} bytes: ${data}`);
  return data;
}

/** The meaning of an action's data, or undefined when it is not one of ours. */
export function decodeAction(data: string): ActionRef | undefined {
  let m = /^r:([dpeh]):([a-z0-9][a-z0-9-]{0,39}):(\d{4})(\d{2})(\d{2})$/.exec(data);
  if (m) {
    return {
      type: "answer",
      answer: CODE_ANSWERS[m[1]!]!,
      taskId: m[2]!,
      occurrence: `${m[3]}-${m[4]}-${m[5]}`,
    };
  }
  m = /^r:([ax]):(a[1-9][0-9]{0,15})$/.exec(data);
  if (m) return { type: "decision", decision: m[1] === "a" ? "approve" : "refuse", responseId: m[2]! };
  return undefined;
}

export function action(label: string, ref: ActionRef): MessageAction {
  return { label, ref, data: encodeAction(ref) };
}

/** The four answer buttons of a reminder, two per row. */
export function answerActions(taskId: string, occurrence: string): MessageAction[][] {
  const a = (answer: AnswerKind) =>
    action(ANSWER_LABELS[answer], { type: "answer", answer, taskId, occurrence });
  return [
    [a("done"), a("in-progress")],
    [a("extension"), a("help")],
  ];
}

/** "còn 3 ngày" / "hôm nay là hạn" / "đã quá hạn 5 ngày". */
export function daysPhrase(kind: ReminderKind, days: number): string {
  if (kind === "due") return "hôm nay là hạn";
  return kind === "before" ? `còn ${days} ngày` : `đã quá hạn ${days} ngày`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "30/06/2023 (Thứ Sáu)". */
export function dueLabel(iso: string): string {
  return `${formatViDate(iso)} (${viWeekdayName(iso)})`;
}

/** "Kế hoạch số 3609/KH-BĐHCĐS ngày 15/05/2023, mục II.3", or the clause alone, or undefined. */
export function assigningDocument(task: Task, kb: Knowledge): string | undefined {
  const doc = task.document ? kb.document(task.document) : undefined;
  if (doc) return task.clause ? `${documentLabel(doc)} (${task.clause})` : documentLabel(doc);
  return task.clause;
}

export interface ReminderMessageInput {
  task: Task;
  knowledge: Knowledge;
  occurrence: string;
  kind: ReminderKind;
  days: number;
  audience: Audience;
  /** The unit the recipient heads. */
  unitId: string;
}

/** The reminder a head receives (with the four answer buttons), or a coordinating unit's notice. */
export function buildReminderMessage(input: ReminderMessageInput): OutgoingMessage {
  const { task, knowledge: kb, occurrence, kind, days, audience, unitId } = input;
  const unitName = kb.unit(unitId)?.name ?? unitId;
  const lines: string[] = [`Nhiệm vụ: ${task.title}`];
  if (audience === "lead") {
    lines.push(`Đơn vị chủ trì: ${unitName}`);
  } else {
    lines.push(`Đơn vị phối hợp: ${unitName}`);
    lines.push(`Đơn vị chủ trì: ${kb.namesOf(task.lead).join("; ")}`);
  }
  const doc = assigningDocument(task, kb);
  if (doc) lines.push(`Văn bản giao: ${doc}`);
  let due = `Hạn hoàn thành: ${dueLabel(occurrence)}`;
  const extended = task.progress?.extendedTo === occurrence;
  if (extended && task.deadline.due && task.deadline.due !== occurrence)
    due += `, đã gia hạn từ ${formatViDate(task.deadline.due)}`;
  else if (!task.deadline.due && task.deadline.recurrence) due += `, định kỳ: ${task.deadline.text}`;
  lines.push(due);
  lines.push(`${capitalize(daysPhrase(kind, days))}.`);
  if (audience === "support") {
    lines.push("Đề nghị đơn vị phối hợp với đơn vị chủ trì để hoàn thành đúng hạn.");
    return {
      kind: "notice",
      title: `Thông báo phối hợp: nhiệm vụ ${kind === "due" ? "đến hạn hôm nay" : `${daysPhrase(kind, days)} đến hạn`}`,
      lines,
      actions: [],
    };
  }
  lines.push("Đề nghị đơn vị cập nhật tình hình thực hiện:");
  const title =
    kind === "overdue"
      ? `Nhiệm vụ quá hạn: ${daysPhrase(kind, days)}`
      : `Nhắc hạn nhiệm vụ: ${daysPhrase(kind, days)}`;
  return { kind: "reminder", title, lines, actions: answerActions(task.id, occurrence) };
}

/** Plain text for channels without formatting or buttons (Zalo, the terminal, logs). */
export function renderPlainMessage(msg: OutgoingMessage, opts: { numberedActions?: boolean } = {}): string {
  const out = [msg.title, ...msg.lines];
  const flat = msg.actions.flat();
  if (flat.length > 0 && opts.numberedActions !== false) {
    out.push("");
    out.push("Trả lời bằng số:");
    flat.forEach((a, i) => {
      out.push(`${i + 1}. ${a.label}`);
    });
  }
  return out.join("\n");
}
