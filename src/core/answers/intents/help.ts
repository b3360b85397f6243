/** Greeting, help, and the reply to an empty question. */
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";

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

/**
 * "Đặt lịch họp Ban Điều hành tuần sau và gửi giấy mời", "soạn giúp công văn đôn đốc", "xóa nhiệm vụ …":
 * something to be done, not asked. Said plainly that the chat answers questions; reminders go out on
 * their own and the secretariat changes the data with its commands.
 */
const ACTION_REQUEST =
  /^(?:(?:ban|bot|tro ly|em|anh|chi|ad|admin|oi|nho|hay|vui long|lam on|giup|dum|ho)\s+)*(?:(?:dat|len|xep)(?: (?:giup|dum|ho)(?: (?:toi|em|minh))?)? lich|gui|soan|viet|xoa|sua|cap nhat|them|nhac|goi dien|dang ky|in|xuat|chuyen tiep|moi hop|to chuc hop|trieu tap)\b/;
const ASKS =
  /\b(?:ai|gi|nao|khi nao|bao gio|o dau|dau|may|bao nhieu|khong|ko|chua|the nao|ra sao|nhu nao|duoc khong|phai|can|co the)\b|\?/;

export function answerActionRequest(u: Understanding): Reply | undefined {
  const bare = u.folded
    .replace(/[^\p{L}\p{N}\s?]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!ACTION_REQUEST.test(bare) || ASKS.test(bare)) return undefined;
  const r = new ReplyBuilder("help").abstain();
  r.line(
    "Tôi không thực hiện việc này trong trò chuyện: tôi trả lời câu hỏi về nhiệm vụ, thời hạn, văn bản, người phụ trách theo cơ sở tri thức.",
  );
  r.line(
    "Nhắc hạn được gửi tự động cho thủ trưởng đơn vị chủ trì; Tổ Giúp việc cập nhật dữ liệu bằng các lệnh (gõ /help để xem).",
  );
  return r.build();
}

/**
 * "Dịch giúp câu … sang tiếng Nhật", "nên mua điện thoại nào", "kết quả bầu cử", "thời tiết hôm nay":
 * requests outside what the assistant is for, said so plainly, whatever CĐS words they hold.
 */
const OUT_OF_SCOPE =
  /\bdich\b(?: (?:giup|dum|ho|cho))?(?: (?:toi|em|minh))?\b.*\bsang (?:tieng|tv|ta)\b|\bdich sang\b|\bnen mua\b|\bmua (?:o dau|loai nao|cai nao|hang nao)\b|\bduoi \d+ (?:trieu|tr|nghin|ngan)\b|\bbau cu\b|\bthoi tiet\b|\b(?:ket qua|ty so) (?:bong da|tran dau)\b|\bxo so\b|\bcong thuc nau\b|\bmon an\b|\b(?:lam|viet|sang tac|soan)\b(?: (?:giup|dum|ho|cho))?(?: (?:toi|em|minh))?(?: (?:mot|1))?(?: (?:bai|doan|cau))? (?:tho|hat|khau hieu)\b|\bbai (?:tho|hat)\b/;

export function answerOutOfScope(u: Understanding): Reply | undefined {
  const bare = u.folded
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!OUT_OF_SCOPE.test(bare)) return undefined;
  return new ReplyBuilder("help")
    .abstain()
    .line(
      "Câu hỏi này nằm ngoài phạm vi của tôi: tôi trả lời về chuyển đổi số của tỉnh (nhiệm vụ, thời hạn, văn bản, người phụ trách, cuộc họp, chỉ số, mục tiêu) theo cơ sở tri thức.",
    )
    .build();
}
