/**
 * Answers to reminders, for every channel: the answer a person picks (a Telegram button, a Zalo or
 * terminal number: "r:…" data, zod-validated in core/reminders/message.ts), the questions that follow
 * (new date → reason, what help is needed, the reason of a refusal; “hủy” cancels: ReminderPrompts,
 * src/notifier/prompts.ts) and typed shortcuts about the LAST reminder with answers the chat received
 * (the send log; the reply names the task). Diacritics optional, case ignored:
 *     xong | đã xong | hoàn thành | đã hoàn thành          → Đã hoàn thành
 *     đang làm | đang thực hiện                            → Đang thực hiện
 *     giahan [<ngày> [<lý do>]]  (or “gia hạn <ngày> …”)   → Xin gia hạn (what is missing is asked)
 *     hotro [<nội dung>]                                   → Cần hỗ trợ (asked when missing)
 * The date is one word: 30/9, 30/9/2026, 30-9-2026 or 2026-09-30. “gia hạn” in two words counts only
 * when a date follows, so a question such as “gia hạn nhiệm vụ thế nào” still goes to the assistant. A
 * shortcut replaces a waiting question.
 *
 * The process attaches its ReminderPrompts (main.ts: one for every channel, on the reminders' senders)
 * with `attachReminders`; without it a reminder choice is stale and texts go on as questions.
 */
import type { Assistant, Person } from "../app/assistant.ts";
import { ACTION_PREFIX, type AnswerKind, decodeAction } from "../core/reminders/message.ts";
import { fold } from "../core/text/normalize.ts";
import { PROMPT_TEXTS, type ReminderPrompts } from "../notifier/prompts.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type ChoiceOutcome, text } from "./outputs.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export { ACTION_PREFIX as REMINDER_PREFIX };

const ATTACHED = new WeakMap<Assistant, ReminderPrompts>();

/** The reminder conversation this assistant answers with (one per process, shared by the channels). */
export function attachReminders(assistant: Assistant, prompts: ReminderPrompts): void {
  ATTACHED.set(assistant, prompts);
}

export type ReminderShortcut =
  | { kind: "done" | "in-progress" }
  | { kind: "extension"; date?: string; reason?: string }
  | { kind: "help"; text?: string };

const DONE = new Set(["xong", "da xong", "hoan thanh", "da hoan thanh"]);
const IN_PROGRESS = new Set(["dang lam", "danglam", "dang thuc hien"]);
const DATE_WORD = /^(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4}-\d{2}-\d{2})$/;

/** The shortcut a typed text is, or undefined (then it is a question or a waiting question's answer). */
export function parseReminderShortcut(raw: string): ReminderShortcut | undefined {
  const t = raw.normalize("NFC").trim();
  const whole = fold(t).replace(/[.!]+$/, "");
  if (DONE.has(whole)) return { kind: "done" };
  if (IN_PROGRESS.has(whole)) return { kind: "in-progress" };
  const words = [...t.matchAll(/\S+/g)];
  const first = words[0];
  if (!first) return undefined;
  const head = fold(first[0]).replace(/:$/, "");
  /** The text after the word at index i. */
  const after = (i: number) => {
    const w = words[i];
    return w ? t.slice(w.index + w[0].length).trim() : "";
  };
  if (head === "hotro") {
    const rest = after(0).replace(/^:\s*/, "");
    return rest ? { kind: "help", text: rest } : { kind: "help" };
  }
  let dateAt: number;
  if (head === "giahan") {
    dateAt = 1;
  } else if (
    head === "gia" &&
    words[1] &&
    fold(words[1][0]) === "han" &&
    DATE_WORD.test((words[2]?.[0] ?? "").replace(/[,;:.]+$/, ""))
  ) {
    dateAt = 2;
  } else {
    return undefined;
  }
  const date = words[dateAt]?.[0].replace(/[,;:.]+$/, "");
  // "giahan" alone, or without a date first ("giahan lý do…"): the date is asked, the text is not kept.
  if (!date || !DATE_WORD.test(date)) return { kind: "extension" };
  const reason = after(dateAt);
  return reason ? { kind: "extension", date, reason } : { kind: "extension", date };
}

async function answerShortcut(prompts: ReminderPrompts, p: Person, s: ReminderShortcut): Promise<string> {
  const last = prompts.lastReminder(p);
  if (!last) return T.noReminder;
  prompts.cancel(p);
  const answer: AnswerKind = s.kind;
  const out = await prompts.onAction(p, {
    type: "answer",
    answer,
    taskId: last.taskId,
    occurrence: last.occurrence,
  });
  // Done / in progress, or refused: the text names the task or says why.
  if (!out.prompt) return out.text;
  // What was typed along answers the questions in turn, while each is accepted.
  const given = s.kind === "extension" ? [s.date, s.reason] : s.kind === "help" ? [s.text] : [];
  let answered = out.text;
  for (const typed of given) {
    if (!typed) break;
    const before = prompts.pending(p);
    answered = (await prompts.onText(p, typed)) ?? answered;
    if (prompts.pending(p) === before) break;
  }
  // Still a question waiting: say which task it is about.
  return prompts.pending(p) ? `${T.reminderAbout(last.title)}\n${answered}` : answered;
}

/** A reminder's answer picked ("r:…"); done and in-progress are recorded at once (`notice` for a toast). */
export async function reminderChoice(d: ConversationDeps, p: Person, data: string): Promise<ChoiceOutcome> {
  const prompts = ATTACHED.get(d.assistant);
  const ref = decodeAction(data);
  if (!prompts || !ref) return { kind: "stale", text: T.staleReminder };
  const out = await prompts.onAction(p, ref);
  const atOnce = ref.type === "answer" && (ref.answer === "done" || ref.answer === "in-progress");
  return {
    kind: "outputs",
    outputs: [text(out.text)],
    ...(atOnce && out.ok ? { notice: PROMPT_TEXTS.recorded } : {}),
  };
}

/**
 * A typed text about reminders: a shortcut, or the answer to the question waiting for this person;
 * undefined when it is neither (the text goes on as usual). Commands are not passed here.
 */
export async function reminderText(
  d: ConversationDeps,
  p: Person,
  typed: string,
): Promise<string | undefined> {
  const prompts = ATTACHED.get(d.assistant);
  if (!prompts) return undefined;
  const shortcut = parseReminderShortcut(typed);
  if (shortcut) return answerShortcut(prompts, p, shortcut);
  return prompts.onText(p, typed);
}
