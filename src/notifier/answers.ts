/**
 * Answers to reminders, channel-neutral: a Telegram button, a Zalo numbered reply or a test calls
 * these with the `Person` who answered (app/assistant.ts `identify`).
 *
 * - Who may answer: a linked user of one of the task's lead units (any role), or an admin.
 * - Every answer is recorded in reminders.json (`responses`: kind, who, unit, when, text) and the
 *   secretariat (linked admins + ADMIN_TELEGRAM_IDS) is told through the senders.
 * - "Đã hoàn thành": the task's `progress.completedOn` is set through `store.commitChange` (overlay +
 *   audit entry), then the knowledge is reloaded, so reminders stop. The day recorded is today; for a
 *   recurring task it is the occurrence's due date when the answer comes after it (status.ts counts a
 *   completion for the first occurrence on or after it, so a late answer must not cover the next one).
 * - "Đang thực hiện": recorded; reminders continue; it counts as an answer for escalation.
 * - "Xin gia hạn": a new due date (after the current one, within 2 years) and a reason; one request
 *   waits per task and due date. An admin approves (`progress.extendedTo` via commitChange with audit;
 *   the head is told; reminders follow the new date) or refuses with a reason (the head is told). A
 *   decision is taken once: a second admin pressing the same button is told who decided.
 * - "Cần hỗ trợ": what is needed (text); recorded and passed to the secretariat.
 *
 * The follow-up questions (the date, the reason, the text) are src/notifier/prompts.ts, shared by the
 * Telegram buttons and Zalo's numbered replies; `parseRequestedDue` reads a typed date.
 */
import type { App } from "../app/app.ts";
import type { Person } from "../app/assistant.ts";
import { occurrences } from "../core/deadlines/due-date.ts";
import { taskStatus } from "../core/deadlines/status.ts";
import type { Task } from "../core/knowledge/schema.ts";
import type { AnswerKind } from "../core/reminders/message.ts";
import { answerConfirmation, answerNotice, extensionDecisionNotice } from "../core/reminders/notices.ts";
import { currentUnitOf, reminderDue } from "../core/reminders/planner.ts";
import { findDatePhrases } from "../core/text/dates.ts";
import { addDays, formatViDate, isIsoDate, localDate } from "../core/time.ts";
import type { Actor } from "../store/audit.ts";
import { SerialQueue } from "../store/json-file.ts";
import type { ReminderResponse } from "../store/reminder-log.ts";
import { broadcast, secretariatTargets } from "./broadcast.ts";
import type { Senders, SendLimiter, Sleep } from "./notifier.ts";

export const MAX_TEXT = 1000;
/** An extension may move a due date at most this many days. */
export const MAX_EXTENSION_DAYS = 730;

export type Outcome =
  | { ok: true; message: string; response?: ReminderResponse }
  | { ok: false; message: string };

export interface AnswersOptions {
  limiter?: SendLimiter;
  sleep?: Sleep;
}

/** The day a typed date means: "30/9", "30/9/2026", "ngày 30 tháng 9", "2026-09-30"; a day without a year that is already past means next year. */
export function parseRequestedDue(text: string, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const pick = (y: number) =>
    findDatePhrases(text, { today, defaultYear: y }).find((p) => p.kind === "day")?.from;
  const d = pick(year);
  if (!d) return undefined;
  if (d <= today) {
    const next = pick(year + 1);
    if (next && next !== d) return next; // written without a year
  }
  return d;
}

type Checked =
  | {
      ok: true;
      task: Task;
      occurrence: string;
      /** An earlier occurrence of a recurring task than the one now open (an old reminder's button). */
      past?: { current: string };
    }
  | { ok: false; message: string };

function actorOf(p: Person): Actor {
  const name = p.user?.name ?? p.name;
  return { kind: p.channel, id: p.user?.id ?? `${p.channel}:${p.chatId}`, ...(name ? { name } : {}) };
}

export class ReminderAnswers {
  readonly #app: App;
  readonly #senders: Senders;
  readonly #opts: AnswersOptions;
  readonly #decisions = new SerialQueue();

  constructor(app: App, senders: Senders, opts: AnswersOptions = {}) {
    this.#app = app;
    this.#senders = senders;
    this.#opts = opts;
  }

  #today(): string {
    return localDate(this.#app.now());
  }

  /** Whether `p` may answer for the task now; the due date the answer is about. */
  check(p: Person, taskId: string, occurrence: string): Checked {
    if (this.#app.store.readOnly)
      return {
        ok: false,
        message: "Trợ lý đang ở chế độ chỉ đọc, chưa ghi nhận được trả lời. Xin thử lại sau.",
      };
    const kb = this.#app.knowledge();
    const task = kb.task(taskId);
    if (!task) return { ok: false, message: "Nhiệm vụ này không còn trong danh sách theo dõi." };
    const today = this.#today();
    // The lead as assigned, and as it is today (a merged unit's successor, whose officials include those
    // linked to the merged unit).
    const lead = new Set([...kb.unitsOf(task.lead), ...kb.leadUnitsOn(task, today)].map((u) => u.id));
    const mine = p.user ? [p.user.unitId, currentUnitOf(kb, p.user.unitId, today)] : [];
    if (!p.isAdmin && !mine.some((id) => id !== undefined && lead.has(id)))
      return { ok: false, message: "Chỉ đơn vị chủ trì nhiệm vụ này mới trả lời được nhắc hạn." };
    const status = taskStatus(task, today);
    if (status.status === "done-on-time" || status.status === "done-late")
      return {
        ok: false,
        message: `Nhiệm vụ này đã được ghi nhận hoàn thành${status.completedOn ? ` ngày ${formatViDate(status.completedOn)}` : ""}.`,
      };
    // A yearly or monthly task: the button is about its occurrence ("10/10/2023"), which the answer is
    // recorded for, even pressed years later; the current one is not credited with it.
    const current = reminderDue(task, today);
    const recurring = !task.deadline.due && !task.progress.extendedTo && !!task.deadline.recurrence;
    if (
      recurring &&
      isIsoDate(occurrence) &&
      current &&
      occurrence < current &&
      occurrences(task.deadline, occurrence, occurrence).includes(occurrence)
    )
      return { ok: true, task, occurrence, past: { current } };
    // Otherwise the current due date (the button may be from a reminder before an extension).
    return { ok: true, task, occurrence: current ?? occurrence };
  }

  async #record(
    p: Person,
    task: Task,
    occurrence: string,
    kind: AnswerKind,
    extra: { text?: string; requestedDue?: string } = {},
  ): Promise<ReminderResponse> {
    const name = p.user?.name ?? p.name;
    const response = await this.#app.store.reminders.addResponse(
      {
        taskId: task.id,
        occurrence,
        kind,
        userId: p.user?.id ?? `${p.channel}:${p.chatId}`,
        ...(p.user ? { unitId: p.user.unitId } : {}),
        ...(name ? { name } : {}),
        ...extra,
      },
      this.#app.now(),
    );
    this.#app.logger.info({ responseId: response.id, taskId: task.id, kind }, "reminder answer recorded");
    return response;
  }

  async #tellSecretariat(response: ReminderResponse, task: Task, p: Person): Promise<void> {
    const msg = answerNotice(
      { ...response, at: new Date(response.at) },
      task,
      { name: p.user?.name ?? p.name, unitId: p.user?.unitId },
      this.#app.knowledge(),
    );
    try {
      const r = await broadcast(this.#senders, secretariatTargets(this.#app), msg, this.#broadcastOpts());
      if (r.sent === 0)
        this.#app.logger.warn({ responseId: response.id }, "secretariat not told of an answer");
    } catch (e) {
      this.#app.logger.warn({ err: e, responseId: response.id }, "could not tell the secretariat");
    }
  }

  #broadcastOpts() {
    return {
      ...(this.#opts.limiter ? { limiter: this.#opts.limiter } : {}),
      ...(this.#opts.sleep ? { sleep: this.#opts.sleep } : {}),
    };
  }

  /** "Đã hoàn thành" or "Đang thực hiện". */
  async answer(
    p: Person,
    input: { taskId: string; occurrence: string; kind: "done" | "in-progress" },
  ): Promise<Outcome> {
    const c = this.check(p, input.taskId, input.occurrence);
    if (!c.ok) return c;
    const { task, occurrence } = c;
    const response = await this.#record(p, task, occurrence, input.kind);
    // An old reminder of a recurring task: the answer is recorded for its occurrence; the open one is
    // not credited with it (one completion date per task: it is not moved back either).
    if (c.past) {
      await this.#tellSecretariat(response, task, p);
      return {
        ok: true,
        message:
          `Đã ghi nhận trả lời cho kỳ hạn ${formatViDate(occurrence)} của nhiệm vụ “${task.title}”. ` +
          `Kỳ hạn hiện tại (${formatViDate(c.past.current)}) vẫn đang mở: khi hoàn thành, xin trả lời nhắc hạn của kỳ đó.`,
        response,
      };
    }
    if (input.kind === "done") {
      const today = this.#today();
      const recurring = !task.deadline.due && !task.progress.extendedTo && !!task.deadline.recurrence;
      const completedOn = recurring && occurrence < today ? occurrence : today;
      try {
        await this.#app.store.commitChange(
          {
            actor: actorOf(p),
            action: "task.complete",
            note: `Đơn vị báo hoàn thành khi trả lời nhắc hạn (${response.id}).`,
          },
          (tx) => {
            const current = tx.get("tasks", task.id) ?? this.#app.knowledge().task(task.id);
            if (!current) throw new Error("task gone");
            tx.upsert("tasks", { ...current, progress: { ...current.progress, completedOn } });
          },
        );
        this.#app.reloadKnowledge();
      } catch (e) {
        this.#app.logger.error({ err: e, taskId: task.id }, "could not record a completion");
        return {
          ok: false,
          message: "Chưa ghi nhận được việc hoàn thành do lỗi lưu dữ liệu. Xin thử lại sau.",
        };
      }
      await this.#tellSecretariat(response, task, p);
      return { ok: true, message: answerConfirmation("done", task, { completedOn }), response };
    }
    await this.#tellSecretariat(response, task, p);
    return { ok: true, message: answerConfirmation("in-progress", task), response };
  }

  /** "Cần hỗ trợ" with what is needed. */
  async requestHelp(
    p: Person,
    input: { taskId: string; occurrence: string; text: string },
  ): Promise<Outcome> {
    const text = input.text.trim();
    if (!text) return { ok: false, message: "Xin ghi rõ nội dung cần hỗ trợ." };
    if (text.length > MAX_TEXT)
      return { ok: false, message: `Nội dung dài quá ${MAX_TEXT} ký tự; xin viết ngắn gọn hơn.` };
    const c = this.check(p, input.taskId, input.occurrence);
    if (!c.ok) return c;
    const response = await this.#record(p, c.task, c.occurrence, "help", { text });
    await this.#tellSecretariat(response, c.task, p);
    return { ok: true, message: answerConfirmation("help", c.task), response };
  }

  /** Checks a requested due date before asking for the reason (the conversation's first step). */
  validateRequestedDue(
    p: Person,
    input: { taskId: string; occurrence: string; requestedDue: string },
  ): Outcome {
    const c = this.check(p, input.taskId, input.occurrence);
    if (!c.ok) return c;
    const d = input.requestedDue;
    if (!isIsoDate(d))
      return {
        ok: false,
        message: "Ngày đề nghị không hợp lệ. Xin ghi theo dạng ngày/tháng/năm, ví dụ 30/9/2026.",
      };
    if (d <= c.occurrence)
      return { ok: false, message: `Hạn đề nghị phải sau hạn hiện tại (${formatViDate(c.occurrence)}).` };
    if (d < this.#today()) return { ok: false, message: "Hạn đề nghị không được ở quá khứ." };
    if (d > addDays(c.occurrence, MAX_EXTENSION_DAYS))
      return { ok: false, message: "Hạn đề nghị quá xa (quá 2 năm so với hạn hiện tại)." };
    const waiting = this.#app.store.reminders
      .responses({ taskId: c.task.id, occurrence: c.occurrence, kind: "extension" })
      .find((r) => !r.decision);
    if (waiting)
      return {
        ok: false,
        message: `Đề nghị gia hạn trước (đến ${formatViDate(waiting.requestedDue ?? c.occurrence)}) đang chờ Tổ Giúp việc xem xét.`,
      };
    return { ok: true, message: `Hạn đề nghị: ${formatViDate(d)}.` };
  }

  /** "Xin gia hạn" with the new date and the reason: waits for an admin's decision. */
  async requestExtension(
    p: Person,
    input: { taskId: string; occurrence: string; requestedDue: string; reason: string },
  ): Promise<Outcome> {
    const reason = input.reason.trim();
    if (!reason) return { ok: false, message: "Xin ghi lý do đề nghị gia hạn." };
    if (reason.length > MAX_TEXT)
      return { ok: false, message: `Lý do dài quá ${MAX_TEXT} ký tự; xin viết ngắn gọn hơn.` };
    const v = this.validateRequestedDue(p, input);
    if (!v.ok) return v;
    const c = this.check(p, input.taskId, input.occurrence);
    if (!c.ok) return c;
    const response = await this.#record(p, c.task, c.occurrence, "extension", {
      text: reason,
      requestedDue: input.requestedDue,
    });
    await this.#tellSecretariat(response, c.task, p);
    return { ok: true, message: answerConfirmation("extension", c.task), response };
  }

  /** Extension requests still waiting for a decision, oldest first. */
  pendingExtensions(): ReminderResponse[] {
    return this.#app.store.reminders.responses({ kind: "extension" }).filter((r) => !r.decision);
  }

  /** An admin approves (optionally with another date) or refuses (with a reason) an extension request. */
  decide(
    p: Person,
    responseId: string,
    decision: { approve: true; due?: string; note?: string } | { approve: false; reason: string },
  ): Promise<Outcome> {
    return this.#decisions.run(() => this.#decide(p, responseId, decision));
  }

  async #decide(
    p: Person,
    responseId: string,
    decision: { approve: true; due?: string; note?: string } | { approve: false; reason: string },
  ): Promise<Outcome> {
    if (!p.isAdmin)
      return { ok: false, message: "Chỉ Tổ Giúp việc (quản trị) mới duyệt được đề nghị gia hạn." };
    if (this.#app.store.readOnly)
      return { ok: false, message: "Trợ lý đang ở chế độ chỉ đọc. Xin thử lại sau." };
    const log = this.#app.store.reminders;
    const r = log.response(responseId);
    if (r?.kind !== "extension") return { ok: false, message: "Không tìm thấy đề nghị gia hạn này." };
    if (r.decision) {
      const what = r.decision.status === "approved" ? "duyệt" : "từ chối";
      return {
        ok: false,
        message: `Đề nghị này đã được ${what}${r.decision.byName ? ` bởi ${r.decision.byName}` : ""}.`,
      };
    }
    const kb = this.#app.knowledge();
    const task = kb.task(r.taskId);
    if (!task) return { ok: false, message: "Nhiệm vụ của đề nghị này không còn trong danh sách theo dõi." };
    const actor = actorOf(p);
    const at = this.#app.now().toISOString();
    let due: string | undefined;
    let note: string | undefined;
    if (decision.approve) {
      due = decision.due ?? r.requestedDue;
      if (!due || !isIsoDate(due)) return { ok: false, message: "Chưa rõ hạn mới để duyệt." };
      note = decision.note?.trim() || undefined;
      try {
        const newDue = due;
        await this.#app.store.commitChange(
          {
            actor,
            action: "task.extend",
            note: `Duyệt gia hạn đến ${formatViDate(newDue)} theo đề nghị ${r.id}${r.name ? ` của ${r.name}` : ""}: ${r.text ?? ""}`.trim(),
          },
          (tx) => {
            const current = tx.get("tasks", task.id) ?? this.#app.knowledge().task(task.id);
            if (!current) throw new Error("task gone");
            tx.upsert("tasks", { ...current, progress: { ...current.progress, extendedTo: newDue } });
          },
        );
        this.#app.reloadKnowledge();
      } catch (e) {
        this.#app.logger.error({ err: e, taskId: task.id }, "could not record an extension");
        return { ok: false, message: "Chưa ghi được hạn mới do lỗi lưu dữ liệu. Xin thử lại sau." };
      }
    } else {
      note = decision.reason.trim();
      if (!note) return { ok: false, message: "Xin ghi lý do từ chối." };
      if (note.length > MAX_TEXT) return { ok: false, message: `Lý do dài quá ${MAX_TEXT} ký tự.` };
    }
    const decided = await log.decideExtension(r.id, {
      status: decision.approve ? "approved" : "refused",
      at,
      by: actor.id ?? "unknown",
      ...(actor.name ? { byName: actor.name } : {}),
      ...(due ? { due } : {}),
      ...(note ? { note } : {}),
    });
    if (!decided) return { ok: false, message: "Đề nghị này đã được xử lý." };
    // Tell the head who asked.
    const requester = this.#app.store.state.getUser(r.userId);
    let told = false;
    if (requester) {
      const msg = extensionDecisionNotice(decided.decision!, task, r.requestedDue);
      const res = await broadcast(
        this.#senders,
        [{ channel: requester.channel, chatId: requester.chatId, userId: requester.id }],
        msg,
        this.#broadcastOpts(),
      ).catch(() => ({ sent: 0 }));
      told = res.sent > 0;
    }
    const whom = r.name ?? "người đề nghị";
    const toldText = told ? ` Đã báo cho ${whom}.` : ` Chưa báo được cho ${whom}.`;
    return decision.approve
      ? {
          ok: true,
          message: `Đã duyệt gia hạn nhiệm vụ “${task.title}” đến ${formatViDate(due!)}.${toldText}`,
          response: decided,
        }
      : {
          ok: true,
          message: `Đã từ chối đề nghị gia hạn nhiệm vụ “${task.title}”.${toldText}`,
          response: decided,
        };
  }
}
