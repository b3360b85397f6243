/**
 * Digests (pure builders) and the escalation report, as channel-neutral messages.
 *
 * - Daily, for the secretariat (after the morning run): reminders sent and failed today, answers
 *   since the previous digest, pending extension requests, overdue tasks, people who cannot be reached,
 *   units with no one to remind.
 * - Weekly, for leaders (the first working day of the week): counts by status per lead unit (units with
 *   the most overdue tasks first) and the tasks overdue the longest.
 * Messages stay well under Telegram's 4096 characters: long lists are cut with "… và N … khác".
 */
import { STATUS_ORDER, type TaskStatus, taskStatus } from "../deadlines/status.ts";
import type { Knowledge } from "../knowledge/model.ts";
import { buildOverview, type OverviewRules } from "../reports/overview.ts";
import { overviewReply } from "../reports/replies.ts";
import { formatViDate } from "../time.ts";
import type { DueEscalation } from "./escalation.ts";
import type { AnswerKind, OutgoingMessage } from "./message.ts";

const MAX_LIST = 10;
const MAX_UNITS = 15;
const _TOP_OVERDUE = 5;

function cut<T>(items: readonly T[], max: number, fmt: (t: T) => string, what: string): string[] {
  const lines = items.slice(0, max).map(fmt);
  if (items.length > max) lines.push(`… và ${items.length - max} ${what} khác.`);
  return lines;
}

export interface DailyDigestInput {
  today: string;
  knowledge: Knowledge;
  sent: number;
  /** Of `sent`: caught up from an earlier day. */
  late: number;
  failed: number;
  answers: ReadonlyArray<{ kind: AnswerKind }>;
  pendingExtensions: number;
  escalated: number;
  unreachable: ReadonlyArray<{ name?: string | undefined; unitId: string; reason?: string | undefined }>;
  /** Units with a reminder today but no linked, reachable head. */
  noRecipientUnits: readonly string[];
}

/** Tasks overdue today (task-level count). */
export function overdueTasks(kb: Knowledge, today: string) {
  const out: Array<{ taskId: string; title: string; due: string; days: number; lead: string[] }> = [];
  for (const t of kb.data.tasks) {
    const s = taskStatus(t, today);
    if (s.status === "overdue")
      out.push({ taskId: t.id, title: t.title, due: s.due!, days: s.daysOverdue!, lead: kb.namesOf(t.lead) });
  }
  return out.sort((a, b) => b.days - a.days || a.taskId.localeCompare(b.taskId));
}

/**
 * Open tasks that no unit leads today: every unit they were assigned to has ended (closed, or a group
 * such as the district level) and no source names who took the work over. The secretariat assigns them.
 */
export function tasksWithoutLead(kb: Knowledge, today: string) {
  const out: Array<{ taskId: string; title: string; ended: string[] }> = [];
  for (const t of kb.data.tasks) {
    const s = taskStatus(t, today).status;
    if (s !== "overdue" && s !== "in-progress" && s !== "no-deadline") continue;
    if (!t.lead.every((id) => kb.unitEnd(id) !== undefined)) continue;
    if (kb.leadUnitsOn(t, today).length) continue;
    out.push({ taskId: t.id, title: t.title, ended: t.lead.map((id) => kb.nameOn(id, "0000-01-01")) });
  }
  return out;
}

export function buildDailyDigest(input: DailyDigestInput): OutgoingMessage {
  const kb = input.knowledge;
  const byKind = (k: AnswerKind) => input.answers.filter((a) => a.kind === k).length;
  const lines = [
    `Tin nhắc hạn đã gửi hôm nay: ${input.sent}${input.late ? ` (trong đó ${input.late} tin gửi bù)` : ""}.`,
  ];
  if (input.failed) lines.push(`Chưa gửi được: ${input.failed} tin (trợ lý sẽ gửi lại).`);
  lines.push(
    input.answers.length
      ? `Phản hồi nhận được: ${input.answers.length} (đã hoàn thành ${byKind("done")}, đang thực hiện ${byKind("in-progress")}, xin gia hạn ${byKind("extension")}, cần hỗ trợ ${byKind("help")}).`
      : "Phản hồi nhận được: chưa có.",
  );
  if (input.pendingExtensions) lines.push(`Đề nghị gia hạn chờ duyệt: ${input.pendingExtensions}.`);
  lines.push(`Nhiệm vụ đang quá hạn: ${overdueTasks(kb, input.today).length}.`);
  if (input.escalated) lines.push(`Nhiệm vụ quá hạn chưa phản hồi, vừa báo cáo: ${input.escalated}.`);
  if (input.unreachable.length) {
    lines.push(
      `Không liên lạc được: ${input.unreachable.length} người (chặn trợ lý hoặc chưa mở trò chuyện):`,
    );
    lines.push(
      ...cut(
        input.unreachable,
        MAX_LIST,
        (u) =>
          `– ${u.name ?? "Chưa rõ tên"}, ${kb.unit(u.unitId)?.name ?? u.unitId}${u.reason ? `: ${u.reason}` : ""}`,
        "người",
      ),
    );
  }
  if (input.noRecipientUnits.length) {
    lines.push(
      `Đơn vị có nhắc hạn hôm nay nhưng không ai nhận được (chưa liên kết thủ trưởng hoặc đã chặn trợ lý): ${input.noRecipientUnits.length}:`,
    );
    lines.push(...cut(input.noRecipientUnits, MAX_LIST, (id) => `– ${kb.unit(id)?.name ?? id}`, "đơn vị"));
  }
  const orphans = tasksWithoutLead(kb, input.today);
  if (orphans.length) {
    lines.push(
      `Nhiệm vụ chưa có đơn vị chủ trì hiện nay (đơn vị được giao đã kết thúc hoạt động, chưa rõ đơn vị tiếp nhận): ${orphans.length}:`,
    );
    lines.push(...cut(orphans, MAX_LIST, (o) => `– ${o.title} (giao cho ${o.ended.join("; ")})`, "nhiệm vụ"));
  }
  return { kind: "digest", title: `Báo cáo nhắc hạn ngày ${formatViDate(input.today)}`, lines, actions: [] };
}

const SHORT: Record<TaskStatus, string> = {
  overdue: "quá hạn",
  "in-progress": "đang thực hiện",
  "no-deadline": "chưa có hạn",
  "done-late": "hoàn thành quá hạn",
  "done-on-time": "hoàn thành đúng hạn",
};

/** Counts by status per lead unit (groups expanded), and in total (each task once). */
export function statusCounts(kb: Knowledge, today: string) {
  const zero = () => Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<TaskStatus, number>;
  const total = zero();
  const perUnit = new Map<string, Record<TaskStatus, number>>();
  for (const t of kb.data.tasks) {
    const s = taskStatus(t, today).status;
    total[s]++;
    for (const u of kb.leadUnitsOn(t, today)) {
      let c = perUnit.get(u.id);
      if (!c) {
        c = zero();
        perUnit.set(u.id, c);
      }
      c[s]++;
    }
  }
  return { total, perUnit };
}

function _countsText(c: Record<TaskStatus, number>): string {
  return STATUS_ORDER.filter((s) => c[s] > 0)
    .map((s) => `${SHORT[s]} ${c[s]}`)
    .join(", ");
}

/**
 * The weekly digest for leaders: the same overview as /tongquan (units đỏ/cam/xanh worst first, counts in
 * the official statuses, the tasks overdue the longest), as plain lines.
 */
export function buildWeeklyDigest(input: {
  today: string;
  knowledge: Knowledge;
  rules?: Partial<OverviewRules>;
}): OutgoingMessage {
  const overview = buildOverview(input.knowledge, input.today, input.rules ? { rules: input.rules } : {});
  const reply = overviewReply(overview, { maxUnits: MAX_UNITS });
  return {
    kind: "digest",
    title: `Tổng hợp tiến độ nhiệm vụ tuần từ ${formatViDate(input.today)}`,
    lines: [...reply.lines.map((l) => `${l.level === 1 ? "   " : ""}${l.text}`), ...reply.notes.slice(0, 1)],
    actions: [],
  };
}

/** The escalation report: overdue tasks whose reminders got no answer. */
export function buildEscalationMessage(items: readonly DueEscalation[], kb: Knowledge): OutgoingMessage {
  const lines = cut(
    items,
    MAX_UNITS,
    (e) =>
      `– ${kb.task(e.taskId)?.title ?? e.taskId} (${kb.unit(e.unitId)?.name ?? e.unitId}): quá hạn ${e.daysOverdue} ngày, hạn ${formatViDate(e.occurrence)}; chưa phản hồi nhắc hạn từ ${formatViDate(e.since)} (${e.workingDays} ngày làm việc).`,
    "trường hợp",
  );
  return {
    kind: "escalation",
    title: `Nhiệm vụ quá hạn chưa có phản hồi (${items.length})`,
    lines: [...lines, "Đề nghị Tổ Giúp việc liên hệ trực tiếp các đơn vị trên."],
    actions: [],
  };
}
