/**
 * /cauhoi (admins only, by the command table): the questions the assistant could not answer (oldest
 * first, up to 10), each with a choice "Trả lời câu N" ("ask:<question id>"). The admin types the
 * answer, confirms, and the assistant sends it to the asker on the asker's channel (Telegram or Zalo,
 * when that channel runs); the question is then marked answered. An asker who blocked the bot, or whose
 * channel does not run, cannot get it: the admin is told, and the question is marked answered (keeping
 * it would not get the answer to them).
 *
 * "Lưu vào danh sách hỏi–đáp" keeps the question and the answer in the state (setting "faq"). The answer
 * engine does not read that list: it is a record for the secretariat, NOT knowledge (knowledge entries
 * need a source and a shape the engine knows). The admin is told so when saving.
 */
import { z } from "zod";
import type { Person } from "../app/assistant.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { formatInstant } from "../imports/index.ts";
import type { Target } from "../notifier/broadcast.ts";
import type { Channel, JsonValue, UnansweredQuestion } from "../store/state.ts";
import type { DialogContext } from "./dialog.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Button, type ChoiceOutcome, type Output, text } from "./outputs.ts";
import { parseText } from "./parse.ts";
import { sessionOf } from "./session.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export const QUESTIONS_SHOWN = 10;
export const FAQ_SETTING = "faq";
export const ASK_PREFIX = "ask:";
const FAQ_MAX = 500;

const askDataSchema = z
  .string()
  .max(64)
  .regex(/^ask:q\d{1,9}$/);

export interface FaqEntry {
  questionId: string;
  question: string;
  answer: string;
  askedAt: string;
  answeredAt: string;
  by?: string;
}

const CHANNEL_NAMES: Record<Channel, string> = { telegram: "Telegram", zalo: "Zalo" };

type Delivery = "sent" | "unreachable" | "no-channel" | "failed";

/** Where the asker can be reached: a linked user's chat, or the "channel:chat" the question came from. */
function askerTarget(d: ConversationDeps, askerId: string | undefined): Target | Delivery {
  if (!askerId) return "unreachable";
  const user = d.app.store.state.getUser(askerId);
  if (user) {
    if (!user.reachable) return "unreachable";
    return { channel: user.channel, chatId: user.chatId, userId: user.id };
  }
  const m = /^(telegram|zalo):([A-Za-z0-9_-]{1,64})$/.exec(askerId);
  return m ? { channel: m[1] as Channel, chatId: m[2]! } : "unreachable";
}

export async function questionsCommand(d: ConversationDeps): Promise<Output[]> {
  const { app } = d;
  const all = app.store.state.unanswered();
  if (!all.length) return [text(T.noQuestions)];
  const shown = all.slice(0, QUESTIONS_SHOWN);
  const lines = [`Câu hỏi chưa trả lời được (${all.length}):`];
  const rows: Button[][] = [];
  let row: Button[] = [];
  shown.forEach((q, i) => {
    const unit = q.unitId ? app.knowledge().unit(q.unitId)?.name : undefined;
    lines.push(
      "",
      `${i + 1}. “${q.text.length > 300 ? `${q.text.slice(0, 299)}…` : q.text}”`,
      `   ${formatInstant(q.askedAt)}${unit ? ` — ${unit}` : ""}`,
    );
    row.push({ label: `Trả lời câu ${i + 1}`, data: `${ASK_PREFIX}${q.id}` });
    if (row.length === 2) {
      rows.push(row);
      row = [];
    }
  });
  if (row.length) rows.push(row);
  if (all.length > shown.length)
    lines.push("", `… và ${all.length - shown.length} câu khác; trả lời các câu trên trước.`);
  return [text(lines.join("\n"), rows)];
}

/** "Trả lời câu N": admins only; opens the answer dialog for that question. */
export async function answerChoice(d: ConversationDeps, p: Person, data: string): Promise<ChoiceOutcome> {
  if (!p.isAdmin) return { kind: "stale", text: T.adminsOnly };
  const id = askDataSchema.safeParse(data).success ? data.slice(ASK_PREFIX.length) : undefined;
  const q = id ? d.app.store.state.unanswered().find((x) => x.id === id) : undefined;
  if (!q) return { kind: "stale", text: T.questionGone };
  const outputs = await sessionOf(d.assistant).dialogs.start(p, (dc) => answerDialog(d, dc, q));
  return { kind: "outputs", outputs };
}

async function deliver(d: ConversationDeps, q: UnansweredQuestion, answer: string): Promise<Delivery> {
  const { app, assistant } = d;
  if (!app.store.state.unanswered().some((x) => x.id === q.id)) return "failed";
  const target = askerTarget(d, q.askerId);
  let result: Delivery;
  if (typeof target === "string") result = target;
  else if (!assistant.channels().includes(target.channel)) result = "no-channel";
  else {
    let blocked = false;
    const sent = await assistant.send(
      [target],
      {
        kind: "info",
        title: T.answerTitle,
        lines: [
          `Câu hỏi (${formatViDate(localDate(new Date(q.askedAt)))}): “${q.text.slice(0, 500)}”`,
          "",
          answer,
        ],
        actions: [],
      },
      {
        onBlocked: async (t) => {
          blocked = true;
          if (t.userId) await app.store.state.setReachable(t.userId, false, "đã chặn trợ lý");
        },
      },
    );
    result = sent.sent ? "sent" : blocked ? "unreachable" : "failed";
  }
  if (result !== "failed") await app.store.state.markAnswered(q.id, app.now());
  d.log?.info({ questionId: q.id, result }, "unanswered question answered by an admin");
  return result;
}

async function answerDialog(d: ConversationDeps, dc: DialogContext, q: UnansweredQuestion): Promise<void> {
  const { app } = d;
  const answer = await dc.ask(
    [`Câu hỏi: “${q.text}”`, `Hỏi lúc ${formatInstant(q.askedAt)}.`, "", T.answerPrompt].join("\n"),
    (t) => parseText(t, "Câu trả lời", 2, 3000),
  );
  await dc.confirm(`${T.answerConfirm}\n${answer}`);
  const outcome = await deliver(d, q, answer);
  if (outcome === "failed") {
    dc.say(T.answerFailed);
    return;
  }
  const channel =
    typeof askerTarget(d, q.askerId) === "object" ? (askerTarget(d, q.askerId) as Target).channel : undefined;
  const told =
    outcome === "sent"
      ? T.answerSent
      : outcome === "no-channel" && channel
        ? T.answerNoChannel(CHANNEL_NAMES[channel])
        : T.answerUnreachable;
  const save = await dc.offer(told, [
    { label: T.faqButton, value: true },
    { label: T.faqSkipButton, value: false },
  ]);
  if (!save) {
    dc.say(T.faqSkipped);
    return;
  }
  const list = app.store.state.getSetting(FAQ_SETTING);
  const entries = (Array.isArray(list) ? list : []) as unknown as FaqEntry[];
  const p = dc.person;
  const entry: FaqEntry = {
    questionId: q.id,
    question: q.text,
    answer,
    askedAt: q.askedAt,
    answeredAt: app.now().toISOString(),
    by: `${p.channel}:${p.chatId}`,
  };
  const next = [...entries.filter((e) => e.questionId !== q.id), entry].slice(-FAQ_MAX);
  await app.store.state.setSetting(FAQ_SETTING, next as unknown as JsonValue);
  dc.say(T.faqSaved);
}
