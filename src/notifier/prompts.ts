/**
 * The short conversation that follows a reminder answer, channel-neutral (Telegram buttons, Zalo
 * numbered replies and typed shortcuts all go through it):
 * - "Đã hoàn thành", "Đang thực hiện": recorded at once (src/notifier/answers.ts);
 * - "Xin gia hạn": asks for the new date, then the reason, then sends the request to the secretariat;
 * - "Cần hỗ trợ": asks what is needed;
 * - the secretariat's "Duyệt gia hạn" (at once) and "Từ chối" (asks for the reason; admins only).
 *
 * `onAction` handles a pressed/picked action; `onText` answers the question waiting for that person
 * (channel + chat id), or returns undefined when none waits so the text goes on as a normal question.
 * “hủy” cancels. A question waits PROMPT_TTL_MINUTES (clock injectable) and lives in memory only:
 * after a restart the person picks the answer again.
 *
 * `lastReminder` finds, in the send log, the last reminder with answers a chat received (for typed
 * shortcuts such as Zalo's “xong”).
 */
import type { App } from "../app/app.ts";
import type { Person } from "../app/assistant.ts";
import type { ActionRef } from "../core/reminders/message.ts";
import { currentUnitOf } from "../core/reminders/planner.ts";
import { fold } from "../core/text/normalize.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { userIdFor } from "../store/state.ts";
import { parseRequestedDue, type ReminderAnswers } from "./answers.ts";

export const PROMPT_TTL_MINUTES = 30;

export const PROMPT_TEXTS = {
  extDate: "Xin gửi hạn mới đề nghị, ví dụ 30/9/2026 (gửi “hủy” để thôi).",
  extDateAgain: "Chưa đọc được ngày. Xin gửi theo dạng ngày/tháng/năm, ví dụ 30/9/2026 (gửi “hủy” để thôi).",
  extReason: (due: string) =>
    `Hạn đề nghị: ${formatViDate(due)}. Xin gửi lý do đề nghị gia hạn (gửi “hủy” để thôi).`,
  help: "Xin cho biết nội dung cần hỗ trợ (gửi “hủy” để thôi).",
  refuse: "Xin gửi lý do từ chối đề nghị gia hạn (gửi “hủy” để thôi).",
  notAdmin: "Chỉ Tổ Giúp việc (quản trị) mới duyệt được đề nghị gia hạn.",
  cancelled: "Đã hủy.",
  stale: "Nút này không còn dùng được.",
  recorded: "Đã ghi nhận.",
} as const;

const CANCEL_WORDS = new Set(["huy", "thoi", "huy bo", "khong"]);

/** The question waiting for an answer. */
export type PromptStep = "ext-date" | "ext-reason" | "help" | "refuse";

type Prompt =
  | { step: "ext-date"; taskId: string; occurrence: string; expires: number }
  | { step: "ext-reason"; taskId: string; occurrence: string; requestedDue: string; expires: number }
  | { step: "help"; taskId: string; occurrence: string; expires: number }
  | { step: "refuse"; responseId: string; expires: number };

/** What to tell the person after an action; `prompt` when a question now waits for their text. */
export interface ActionOutcome {
  ok: boolean;
  text: string;
  prompt?: PromptStep;
}

export interface ReminderPromptsOptions {
  app: App;
  answers: ReminderAnswers;
  /** Default `app.now`. */
  now?: () => Date;
  /** Default PROMPT_TTL_MINUTES. */
  ttlMinutes?: number;
}

export class ReminderPrompts {
  readonly answers: ReminderAnswers;
  readonly #app: App;
  readonly #now: () => Date;
  readonly #ttlMs: number;
  readonly #prompts = new Map<string, Prompt>();

  constructor(opts: ReminderPromptsOptions) {
    this.#app = opts.app;
    this.answers = opts.answers;
    this.#now = opts.now ?? (() => opts.app.now());
    this.#ttlMs = (opts.ttlMinutes ?? PROMPT_TTL_MINUTES) * 60_000;
  }

  #key(p: Person): string {
    return `${p.channel}:${p.chatId}`;
  }

  #set(p: Person, prompt: Prompt): void {
    const now = this.#now().getTime();
    for (const [k, v] of this.#prompts) if (v.expires < now) this.#prompts.delete(k);
    this.#prompts.set(this.#key(p), prompt);
  }

  #expires(): number {
    return this.#now().getTime() + this.#ttlMs;
  }

  /** The question waiting for this person, if any (expired ones are dropped). */
  pending(p: Person): PromptStep | undefined {
    return this.#live(this.#key(p))?.step;
  }

  /** The prompt waiting under a key, dropped (and undefined) once expired. */
  #live(key: string): Prompt | undefined {
    const prompt = this.#prompts.get(key);
    if (prompt && prompt.expires < this.#now().getTime()) {
      this.#prompts.delete(key);
      return undefined;
    }
    return prompt;
  }

  /** Forgets the waiting question; true when there was one. */
  cancel(p: Person): boolean {
    return this.#prompts.delete(this.#key(p));
  }

  /** A reminder action pressed (Telegram) or picked by number (Zalo). */
  async onAction(p: Person, ref: ActionRef): Promise<ActionOutcome> {
    const { answers } = this;
    if (ref.type === "decision") {
      if (ref.decision === "refuse") {
        if (!p.isAdmin) return { ok: false, text: PROMPT_TEXTS.notAdmin };
        this.#set(p, { step: "refuse", responseId: ref.responseId, expires: this.#expires() });
        return { ok: true, text: PROMPT_TEXTS.refuse, prompt: "refuse" };
      }
      const out = await answers.decide(p, ref.responseId, { approve: true });
      return { ok: out.ok, text: out.message };
    }
    const base = { taskId: ref.taskId, occurrence: ref.occurrence };
    if (ref.answer === "done" || ref.answer === "in-progress") {
      const out = await answers.answer(p, { ...base, kind: ref.answer });
      return { ok: out.ok, text: out.message };
    }
    const check = answers.check(p, ref.taskId, ref.occurrence);
    if (!check.ok) return { ok: false, text: check.message };
    if (ref.answer === "extension") {
      this.#set(p, { step: "ext-date", ...base, expires: this.#expires() });
      return { ok: true, text: PROMPT_TEXTS.extDate, prompt: "ext-date" };
    }
    this.#set(p, { step: "help", ...base, expires: this.#expires() });
    return { ok: true, text: PROMPT_TEXTS.help, prompt: "help" };
  }

  /**
   * A text from a person: the answer to their waiting question, or undefined when none waits (or it
   * expired) so the text is handled as usual. Commands are the channel's business (Telegram does not
   * pass "/…" here).
   */
  async onText(p: Person, raw: string): Promise<string | undefined> {
    const key = this.#key(p);
    const prompt = this.#live(key);
    if (!prompt) return undefined;
    const text = raw.trim();
    if (CANCEL_WORDS.has(fold(text).replace(/[.!]+$/, ""))) {
      this.#prompts.delete(key);
      return PROMPT_TEXTS.cancelled;
    }
    const { answers } = this;
    switch (prompt.step) {
      case "ext-date": {
        const due = parseRequestedDue(text, localDate(this.#now()));
        if (!due) return PROMPT_TEXTS.extDateAgain;
        const v = answers.validateRequestedDue(p, { ...prompt, requestedDue: due });
        if (!v.ok) return v.message;
        this.#prompts.set(key, {
          ...prompt,
          step: "ext-reason",
          requestedDue: due,
          expires: this.#expires(),
        });
        return PROMPT_TEXTS.extReason(due);
      }
      case "ext-reason": {
        const out = await answers.requestExtension(p, { ...prompt, reason: text });
        // A reason refused (empty, too long): the question stays; anything else ends it.
        if (out.ok || !/lý do/i.test(out.message)) this.#prompts.delete(key);
        return out.message;
      }
      case "help": {
        const out = await answers.requestHelp(p, { ...prompt, text });
        if (out.ok || !/nội dung/i.test(out.message)) this.#prompts.delete(key);
        return out.message;
      }
      case "refuse": {
        const out = await answers.decide(p, prompt.responseId, { approve: false, reason: text });
        if (out.ok || !/lý do/i.test(out.message)) this.#prompts.delete(key);
        return out.message;
      }
    }
  }

  /**
   * The last reminder with answers this chat received (from the send log, so it survives a restart):
   * the most recently sent to the chat's linked account about a task its unit leads.
   */
  lastReminder(p: Person): { taskId: string; occurrence: string; title: string } | undefined {
    const recipientId = p.user?.id ?? userIdFor(p.channel, p.chatId);
    const kb = this.#app.knowledge();
    let best: { taskId: string; occurrence: string; title: string; at: string } | undefined;
    for (const e of this.#app.store.reminders.list({ state: "sent" })) {
      if (e.recipientId !== recipientId) continue;
      const task = kb.task(e.taskId);
      if (!task) continue;
      // Coordinating units get a notice without answers.
      // (The lead as assigned or as it is today: a merged unit's successor answers for its tasks.)
      if (p.user) {
        const today = localDate(this.#now());
        const mine = [p.user.unitId, currentUnitOf(kb, p.user.unitId, today)];
        const lead = [...kb.unitsOf(task.lead), ...kb.leadUnitsOn(task, today)];
        if (!lead.some((u) => mine.includes(u.id))) continue;
      }
      const at = e.sentAt ?? e.updatedAt;
      // Ties (one cycle, one clock reading): the entry logged later was sent later.
      if (!best || at >= best.at)
        best = { taskId: e.taskId, occurrence: e.occurrence, title: task.title, at };
    }
    return best && { taskId: best.taskId, occurrence: best.occurrence, title: best.title };
  }
}
