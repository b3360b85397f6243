/**
 * The question commands, channel-neutral: /chude [năm], /nhiemvu [đơn vị], /hanchot [..], /quahan [..],
 * /vanban <số hiệu>, /timkiem <từ khóa>. A command with words after it ("/nhiemvu Sở Tài chính") is
 * asked as a question.
 */
import type { Person } from "../app/assistant.ts";
import { documentQuery } from "../core/answers/understand.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Output, reply, text } from "./outputs.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

type Run = (d: ConversationDeps, p: Person, arg: string) => Promise<Output[]>;

const asked =
  (prefix: string, bare: (p: Person) => Parameters<ConversationDeps["assistant"]["answer"]>[1]): Run =>
  async ({ assistant }, p, arg) =>
    arg ? [reply(await assistant.ask(p, `${prefix} ${arg}`))] : [reply(assistant.answer(p, bare(p)))];

export const themeCommand: Run = async ({ assistant }, p, arg) => {
  const year = /^\d{4}$/.exec(arg)?.[0];
  return [reply(assistant.answer(p, { kind: "theme", ...(year ? { year: Number(year) } : {}) }))];
};

export const tasksCommand = asked("nhiệm vụ của", () => ({ kind: "tasks", mine: true }));
export const deadlinesCommand = asked("hạn chót", (p) => ({
  kind: "deadlines",
  mode: "upcoming",
  ...(p.user ? { mine: true } : {}),
}));
export const overdueCommand = asked("quá hạn", (p) => ({
  kind: "deadlines",
  mode: "overdue",
  ...(p.user ? { mine: true } : {}),
}));

export const documentCommand: Run = async ({ assistant }, p, arg) => {
  if (!arg) return [text(T.usageVanban)];
  const q = documentQuery(arg.slice(0, 200));
  if (!q) return [text(T.vanbanNotRecognized(arg.slice(0, 60)))];
  return [reply(assistant.answer(p, q))];
};

export const searchCommand: Run = async ({ assistant }, p, arg) => {
  if (!arg) return [text(T.usageTimkiem)];
  return [reply(assistant.answer(p, { kind: "search", text: arg.slice(0, 300) }))];
};
