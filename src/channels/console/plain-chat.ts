/**
 * The offline terminal chat without a role (`npm start` with no channel configured, `npm run cli -- chat`):
 * a question a line through the answer engine; a number picks one of the listed next steps. With a role
 * (`--as`), the chat goes through the conversation layer instead: see chat.ts.
 */
import { createInterface } from "node:readline";
import type { AnswerEngine } from "../../core/answers/engine.ts";
import { type Reply, renderPlain } from "../../core/answers/reply.ts";
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
    if (/^(thoat|thoát|exit|quit|\/q)$/i.test(text)) break;
    const pick = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    const chosen =
      last && pick >= 1
        ? pick <= last.actions.length
          ? last.actions[pick - 1]!.query
          : undefined
        : undefined;
    const now = opts.now();
    const reply = chosen
      ? engine.answer(chosen, { now, ...(asker ? { asker } : {}) })
      : engine.ask({ text, now, ...(asker ? { asker } : {}) });
    last = reply;
    io.out(`${renderPlain(reply, { numberedActions: true })}\n`);
    prompt();
  }
  rl.close();
}
