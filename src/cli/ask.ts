/** `ask` and `chat`: questions from the terminal, through the same engine as every channel. */
import { readFileSync } from "node:fs";
import { runTerminalChat } from "../channels/console/plain-chat.ts";
import { type AnswerEngine, createAnswerEngine } from "../core/answers/engine.ts";
import { type Reply, renderPlain } from "../core/answers/reply.ts";
import { CliError, type CliIo, type Command, cliKnowledge, flag, parseNow, str } from "./io.ts";

export function replyJson(reply: Reply): string {
  return JSON.stringify({
    answer: renderPlain(reply),
    intent: reply.intent,
    abstained: reply.abstained,
    citations: reply.citations.map((c) => ({ id: c.id, label: c.label })),
    items: reply.items,
  });
}

/** The engine on the knowledge the assistant answers from (shipped files + the secretariat's edits). */
async function engineFor(io: CliIo): Promise<AnswerEngine> {
  return createAnswerEngine(await cliKnowledge(io.env));
}

function checkUnit(engine: AnswerEngine, unitId: string | undefined): void {
  if (unitId && !engine.kb.unit(unitId) && !engine.kb.group(unitId)) {
    throw new CliError(`Không có đơn vị mã “${unitId}”. Xem: npm run cli -- kb list units`, 2);
  }
}

export const askCommand: Command = {
  name: "ask",
  usage: 'ask "<câu hỏi>" [--unit <mã>] [--now <ISO>] [--json] | ask --batch <tệp>',
  summary: "Hỏi trợ lý một câu (hoặc mỗi dòng của tệp với --batch, in JSON từng dòng)",
  options: {
    unit: { type: "string" },
    now: { type: "string" },
    json: { type: "boolean" },
    batch: { type: "string" },
  },
  async run(args, io) {
    const engine = await engineFor(io);
    const unitId = str(args, "unit");
    checkUnit(engine, unitId);
    const now = parseNow(str(args, "now"), "09:00", new Date());
    const asker = unitId ? { unitId } : undefined;
    const batch = str(args, "batch");
    if (batch) {
      let text: string;
      try {
        text = readFileSync(batch, "utf8");
      } catch {
        throw new CliError(`Không đọc được tệp “${batch}”.`);
      }
      const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
      if (lines.at(-1) === "") lines.pop();
      for (const q of lines) io.out(replyJson(engine.ask({ text: q, now, ...(asker ? { asker } : {}) })));
      return 0;
    }
    const question = args.positionals.join(" ");
    const reply = engine.ask({ text: question, now, ...(asker ? { asker } : {}) });
    io.out(flag(args, "json") ? replyJson(reply) : renderPlain(reply, { numberedActions: true }));
    return 0;
  },
};

export const chatCommand: Command = {
  name: "chat",
  usage: "chat [--unit <mã>] [--now <ISO>]",
  summary: "Trò chuyện với trợ lý ngay trong cửa sổ dòng lệnh (ngoại tuyến)",
  options: { unit: { type: "string" }, now: { type: "string" } },
  async run(args, io) {
    const engine = await engineFor(io);
    const unitId = str(args, "unit");
    checkUnit(engine, unitId);
    const fixedNow = str(args, "now");
    await runTerminalChat(engine, io, {
      ...(unitId ? { unitId } : {}),
      now: () => (fixedNow ? parseNow(fixedNow, "09:00", new Date()) : new Date()),
    });
    return 0;
  },
};
