/** Greeting, help, and the reply to an empty question. */
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

export const EXAMPLES = [
  "chủ đề chuyển đổi số năm 2023",
  "nhiệm vụ của Sở TT&TT",
  "nhiệm vụ của tôi",
  "việc nào sắp đến hạn",
  "tb 16",
  "ai là trưởng ban điều hành",
  "DTI 2022",
];

export function answerHelp(ctx: AnswerContext, intent: "help" | "greeting" | "empty"): Reply {
  const name = ctx.kb.data.province.assistantName;
  const province = ctx.kb.data.province.name;
  const r = new ReplyBuilder(intent);
  if (intent === "empty") {
    r.line("Bạn muốn hỏi gì? Hãy gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu.");
  } else {
    r.line(
      `${intent === "greeting" ? "Xin chào! " : ""}Tôi là ${name} của Ban Điều hành chuyển đổi số tỉnh ${province}.`,
    );
    r.line(
      "Tôi trả lời về chủ đề năm, nhiệm vụ và thời hạn của từng đơn vị, văn bản chỉ đạo, người phụ trách, cuộc họp, chỉ số DTI và mục tiêu, kèm nguồn trích dẫn.",
    );
  }
  r.line(`Ví dụ: ${EXAMPLES.map((e) => `“${e}”`).join(", ")}.`);
  r.action("Chủ đề năm", { kind: "theme" });
  r.action("Sắp đến hạn", { kind: "deadlines", mode: "upcoming" });
  r.action("Chỉ số DTI", { kind: "indicator" });
  return r.build();
}
