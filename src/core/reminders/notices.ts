/**
 * Messages around the answers to reminders: what the secretariat is told, what the person who
 * answered reads back, and what a head is told about an extension decision. Channel-neutral.
 */
import type { Knowledge } from "../knowledge/model.ts";
import type { Task } from "../knowledge/schema.ts";
import { formatViDate, localDate } from "../time.ts";
import { type AnswerKind, action, type OutgoingMessage } from "./message.ts";

export interface AnswerFacts {
  id: string;
  kind: AnswerKind;
  taskId: string;
  occurrence: string;
  /** The instant the answer was recorded. */
  at: Date;
  text?: string | undefined;
  requestedDue?: string | undefined;
}

export interface Who {
  name?: string | undefined;
  unitId?: string | undefined;
}

function hhmm(at: Date): string {
  const t = new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(at);
  return `${t} ngày ${formatViDate(localDate(at))}`;
}

function whoLabel(who: Who, kb: Knowledge): string {
  const unit = who.unitId ? kb.unit(who.unitId)?.name : undefined;
  if (who.name && unit) return `${who.name} (${unit})`;
  return who.name ?? unit ?? "Người dùng chưa rõ tên";
}

/** What the secretariat receives when a head answers a reminder. */
export function answerNotice(answer: AnswerFacts, task: Task, who: Who, kb: Knowledge): OutgoingMessage {
  const lines = [
    `Nhiệm vụ: ${task.title}`,
    `Hạn: ${formatViDate(answer.occurrence)}`,
    `Người trả lời: ${whoLabel(who, kb)}`,
    `Thời điểm: ${hhmm(answer.at)}`,
  ];
  if (answer.kind === "extension") {
    if (answer.requestedDue) lines.push(`Đề nghị gia hạn đến: ${formatViDate(answer.requestedDue)}`);
    if (answer.text) lines.push(`Lý do: ${answer.text}`);
    lines.push("Đề nghị Tổ Giúp việc duyệt hoặc từ chối:");
    return {
      kind: "answer",
      title: "Yêu cầu gia hạn nhiệm vụ",
      lines,
      actions: [
        [
          action("Duyệt gia hạn", { type: "decision", decision: "approve", responseId: answer.id }),
          action("Từ chối", { type: "decision", decision: "refuse", responseId: answer.id }),
        ],
      ],
    };
  }
  if (answer.kind === "help" && answer.text) lines.push(`Nội dung cần hỗ trợ: ${answer.text}`);
  const titles: Record<Exclude<AnswerKind, "extension">, string> = {
    done: "Đơn vị báo đã hoàn thành nhiệm vụ",
    "in-progress": "Đơn vị báo đang thực hiện nhiệm vụ",
    help: "Đơn vị đề nghị hỗ trợ",
  };
  return { kind: "answer", title: titles[answer.kind], lines, actions: [] };
}

/** What the person who answered reads back. */
export function answerConfirmation(
  kind: AnswerKind,
  task: Task,
  extra: { completedOn?: string } = {},
): string {
  switch (kind) {
    case "done":
      return `Đã ghi nhận: nhiệm vụ “${task.title}” hoàn thành ngày ${formatViDate(extra.completedOn ?? "")}. Tổ Giúp việc đã được báo.`;
    case "in-progress":
      return `Đã ghi nhận: nhiệm vụ “${task.title}” đang được thực hiện. Tổ Giúp việc đã được báo.`;
    case "extension":
      return `Đã gửi đề nghị gia hạn nhiệm vụ “${task.title}” tới Tổ Giúp việc. Trợ lý sẽ báo lại khi có ý kiến.`;
    case "help":
      return `Đã chuyển đề nghị hỗ trợ về nhiệm vụ “${task.title}” tới Tổ Giúp việc.`;
  }
}

/** What the head who asked is told about the decision on an extension request. */
export function extensionDecisionNotice(
  decision: { status: "approved" | "refused"; due?: string | undefined; note?: string | undefined },
  task: Task,
  requestedDue: string | undefined,
): OutgoingMessage {
  if (decision.status === "approved") {
    const lines = [`Nhiệm vụ: ${task.title}`, `Hạn mới: ${formatViDate(decision.due ?? requestedDue ?? "")}`];
    if (decision.note) lines.push(`Ghi chú: ${decision.note}`);
    lines.push("Trợ lý sẽ nhắc theo hạn mới.");
    return { kind: "info", title: "Đề nghị gia hạn đã được duyệt", lines, actions: [] };
  }
  const lines = [`Nhiệm vụ: ${task.title}`];
  if (requestedDue) lines.push(`Hạn đề nghị: ${formatViDate(requestedDue)}`);
  if (decision.note) lines.push(`Lý do: ${decision.note}`);
  lines.push("Hạn hoàn thành giữ nguyên.");
  return { kind: "info", title: "Đề nghị gia hạn không được chấp thuận", lines, actions: [] };
}
