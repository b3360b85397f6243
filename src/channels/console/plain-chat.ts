/**
 * The offline terminal chat without a role (`npm start` with no channel configured, `npm run cli -- chat`):
 * a question a line through the answer engine; a number picks one of the listed next steps. With a role
 * (`--as`), the chat goes through the conversation layer instead: see chat.ts.
 */
import { createInterface } from "node:readline";
import type { AnswerEngine } from "../../core/answers/engine.ts";
import { type Reply, renderPlain, withoutRecordedNote } from "../../core/answers/reply.ts";
import type { TerminalIo } from "./terminal-io.ts";

/** The offline terminal chat: a question a line; a number picks one of the listed next steps. */
export async function runTerminalChat(
  engine: AnswerEngine,
  io: Pick<TerminalIo, "out" | "stdin">,
  opts: { unitId?: string; now: () => Date },
): Promise<void> {
  const name = engine.kb.data.province.assistantName;
  io.out(`${name} — trò chuyện ngoại tuyến. Gõ câu hỏi rồi Enter; gõ số để chọn gợi ý; “thoát” để kết thúc.`);
  if (!io.stdin) return;
  const rl = createInterface({ input: io.stdin, terminal: false });
  let last: Reply | undefined;
  const asker = opts.unitId ? { unitId: opts.unitId } : undefined;
  const prompt = () => process.stdout.isTTY && io.stdin === process.stdin && process.stdout.write("> ");
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (/^\/?(thoat|thoát|exit|quit|q)$/i.test(text)) break;
    const said = aside(text, last);
    if (said) {
      io.out(`${said}\n`);
      prompt();
      continue;
    }
    const pick = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    const chosen = last && pick >= 1 ? last.actions[pick - 1]?.query : undefined;
    const now = opts.now();
    const reply = chosen
      ? engine.answer(chosen, { now, ...(asker ? { asker } : {}) })
      : engine.ask({ text, now, ...(asker ? { asker } : {}) });
    last = reply;
    // (This chat keeps nothing: an unanswered question is not said to be kept.)
    io.out(`${renderPlain(withoutRecordedNote(reply), { numberedActions: true })}\n`);
    prompt();
  }
  rl.close();
}

/**
 * What a line that is no question gets instead of an answer: a command ("/tongquan"), which this chat has
 * none of, or the number of a choice the last reply did not list; undefined for a question.
 */
export function aside(text: string, last: Reply | undefined): string | undefined {
  const command = /^\/(\S{1,40})/.exec(text);
  if (command)
    return `Khung trò chuyện này không có lệnh /${command[1]}: gõ câu hỏi. Lệnh của lãnh đạo, thủ trưởng, Tổ Giúp việc: npm start -- --as leader (hoặc --as admin, --as head:<mã đơn vị>).`;
  const pick = /^\d{1,2}$/.test(text) ? Number(text) : 0;
  const choices = last?.actions.length ?? 0;
  if (pick >= 1 && pick > choices)
    return choices
      ? `Không có gợi ý số ${pick}: gõ số từ 1 đến ${choices}, hoặc một câu hỏi.`
      : `Không có gợi ý nào để chọn: gõ một câu hỏi.`;
  return undefined;
}
