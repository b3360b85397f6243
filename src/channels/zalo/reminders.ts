/**
 * Reminder answers on Zalo, for `startZalo(app, assistant, { ...zaloReminderHandlers(prompts) })`.
 * The conversation itself (what is recorded, which question follows) is ReminderPrompts
 * (src/reminders/prompts.ts), shared with Telegram.
 *
 * - A reminder arrives with numbered answers (ZaloSender): typing its number reaches `onChoiceData`
 *   with the action's data ("r:d:<task>:<date>", see core/reminders/message.ts).
 * - A waiting question (new date, reason, what help is needed, reason of a refusal) is answered by
 *   the next typed text; “hủy” cancels.
 * - Typed shortcuts, about the LAST reminder with answers the chat received (the send log; the reply
 *   names the task). Diacritics optional, case ignored:
 *     xong | đã xong | hoàn thành | đã hoàn thành          → Đã hoàn thành
 *     đang làm | đang thực hiện                            → Đang thực hiện
 *     giahan [<ngày> [<lý do>]]  (or “gia hạn <ngày> …”)   → Xin gia hạn (what is missing is asked)
 *     hotro [<nội dung>]                                   → Cần hỗ trợ (asked when missing)
 *   The date is one word: 30/9, 30/9/2026, 30-9-2026 or 2026-09-30. “gia hạn” in two words counts
 *   only when a date follows, so a question such as “gia hạn nhiệm vụ thế nào” still goes to the
 *   assistant. A shortcut replaces a waiting question.
 */
import type { Person } from "../../app/assistant.ts";
import { type AnswerKind, decodeAction } from "../../core/reminders/message.ts";
import { fold } from "../../core/text/normalize.ts";
import type { ReminderPrompts } from "../../reminders/prompts.ts";
import type { ZaloChoiceDataHandler, ZaloTextHandler } from "./conversation.ts";

export interface ZaloReminderHandlers {
  onChoiceData: ZaloChoiceDataHandler;
  textHandlers: ZaloTextHandler[];
}

export const ZALO_REMINDER_TEXTS = {
  stale: "Lựa chọn này không còn dùng được. Hãy trả lời theo tin nhắc hạn mới nhất.",
  noReminder:
    "Chưa có tin nhắc hạn nào gửi tới tài khoản này để trả lời. Khi nhận tin nhắc hạn, hãy gõ số tương ứng (1 = Đã hoàn thành, 2 = Đang thực hiện, 3 = Xin gia hạn, 4 = Cần hỗ trợ).",
  about: (title: string) => `Nhiệm vụ “${title}”.`,
  /** For the help text: the shortcuts in a few lines. */
  help: [
    "Trả lời tin nhắc hạn gần nhất (gõ số theo tin, hoặc gõ):",
    "• xong — đã hoàn thành",
    "• dang lam — đang thực hiện",
    "• giahan 30/9/2026 <lý do> — xin gia hạn",
    "• hotro <nội dung> — cần hỗ trợ",
  ].join("\n"),
} as const;

export type ReminderShortcut =
  | { kind: "done" | "in-progress" }
  | { kind: "extension"; date?: string; reason?: string }
  | { kind: "help"; text?: string };

const DONE = new Set(["xong", "da xong", "hoan thanh", "da hoan thanh"]);
const IN_PROGRESS = new Set(["dang lam", "danglam", "dang thuc hien"]);
const DATE_WORD = /^(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4}-\d{2}-\d{2})$/;

/** The shortcut a typed text is, or undefined (then it is a question or a waiting question's answer). */
export function parseReminderShortcut(raw: string): ReminderShortcut | undefined {
  const text = raw.normalize("NFC").trim();
  const whole = fold(text).replace(/[.!]+$/, "");
  if (DONE.has(whole)) return { kind: "done" };
  if (IN_PROGRESS.has(whole)) return { kind: "in-progress" };
  const words = [...text.matchAll(/\S+/g)];
  const first = words[0];
  if (!first) return undefined;
  const head = fold(first[0]).replace(/:$/, "");
  /** The text after the word at index i. */
  const after = (i: number) => {
    const w = words[i];
    return w ? text.slice(w.index + w[0].length).trim() : "";
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
  if (!last) return ZALO_REMINDER_TEXTS.noReminder;
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
  let reply = out.text;
  for (const text of given) {
    if (!text) break;
    const before = prompts.pending(p);
    reply = (await prompts.onText(p, text)) ?? reply;
    if (prompts.pending(p) === before) break;
  }
  // Still a question waiting: say which task it is about.
  return prompts.pending(p) ? `${ZALO_REMINDER_TEXTS.about(last.title)}\n${reply}` : reply;
}

/** The handlers for startZalo: numbered reminder answers, waiting questions and typed shortcuts. */
export function zaloReminderHandlers(prompts: ReminderPrompts): ZaloReminderHandlers {
  const onChoiceData: ZaloChoiceDataHandler = async ({ person, data }) => {
    const ref = decodeAction(data);
    if (!ref) return ZALO_REMINDER_TEXTS.stale;
    return (await prompts.onAction(person, ref)).text;
  };
  const reminderText: ZaloTextHandler = async ({ person, text }) => {
    const shortcut = parseReminderShortcut(text);
    if (shortcut) return answerShortcut(prompts, person, shortcut);
    return prompts.onText(person, text);
  };
  return { onChoiceData, textHandlers: [reminderText] };
}
