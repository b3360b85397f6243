/** The fixed Vietnamese texts of the Zalo bot (knowledge answers come from the engine). */

import { CONVERSATION_COMMANDS } from "../../conversation/commands.ts";
import { type CommandInfo, USER_COMMANDS } from "../../conversation/menu.ts";
import { CONVERSATION_TEXTS } from "../../conversation/texts.ts";

export type ZaloCommandInfo = CommandInfo;

/** The commands typed as text: the same as Telegram's menu (src/conversation/menu.ts), without /start. */
export const ZALO_COMMANDS: ZaloCommandInfo[] = USER_COMMANDS.filter((c) => c.command !== "start");

export const ZALO_TEXTS = {
  apology: CONVERSATION_TEXTS.apology,
  onlyText:
    "Hiện tôi chỉ đọc được tin nhắn chữ (không đọc được ảnh, nhãn dán, tin thoại hay tệp). Hãy gõ câu hỏi, ví dụ “nhiệm vụ của tôi”, hoặc gõ /help.",
  flood: "Bạn gửi hơi nhanh. Vui lòng đợi khoảng một phút rồi gửi tiếp.",
  tooLong: (max: number) =>
    `Câu hỏi dài quá (hơn ${max} ký tự). Bạn hãy hỏi ngắn gọn một ý, ví dụ “hạn chót của Kế hoạch 3609”.`,
  /** The command is cut: a user may type “/aaa…” up to the longest question. */
  unknownCommand: (cmd: string) =>
    `Không có lệnh /${cmd.length > 40 ? `${cmd.slice(0, 39)}…` : cmd}. Gõ /help để xem các lệnh.`,
  usageVanban: CONVERSATION_TEXTS.usageVanban,
  usageTimkiem: CONVERSATION_TEXTS.usageTimkiem,
  usageLienket: "Hãy gõ kèm mã liên kết do Tổ Giúp việc cấp, ví dụ: /lienket ABCD2345",
  vanbanNotRecognized: CONVERSATION_TEXTS.vanbanNotRecognized,
  noChoices: "Không có lựa chọn nào đang chờ (hoặc lựa chọn đã quá hạn). Hãy gõ lại câu hỏi, hoặc gõ /help.",
  choiceOutOfRange: (n: number) =>
    n === 1 ? "Chỉ có lựa chọn số 1. Hãy gõ 1." : `Hãy gõ một số từ 1 đến ${n} để chọn.`,
  noNextPage: "Không có trang sau. Hãy gõ câu hỏi mới.",
  noPrevPage: "Không có trang trước. Hãy gõ câu hỏi mới.",
  choiceUnavailable:
    "Lựa chọn này hiện chưa xử lý được trên Zalo. Bạn vui lòng trả lời qua Telegram hoặc báo Tổ Giúp việc.",
} as const;

export function helpText(): string {
  const lines = [
    "Cách dùng",
    "Gõ câu hỏi bằng tiếng Việt, ví dụ:",
    "• Chủ đề chuyển đổi số năm 2023 là gì?",
    "• Nhiệm vụ của tôi",
    "• Kế hoạch 3609 giao những gì?",
    "• Nhiệm vụ nào sắp đến hạn?",
    "",
    "Lệnh (gõ như tin nhắn thường):",
    ...ZALO_COMMANDS.map((c) => `/${c.command}${c.args ? ` ${c.args}` : ""} — ${c.description}`),
    "Lãnh đạo và Tổ Giúp việc: /tongquan [năm] — tổng quan tiến độ; /donvi <tên đơn vị> — thẻ đơn vị; /baocao [tháng|quý|năm] — tóm tắt báo cáo (tệp Excel gửi qua Telegram).",
    `Tổ Giúp việc: ${CONVERSATION_COMMANDS.filter((c) => c.access === "admin")
      .map((c) => c.usage)
      .join("; ")}.`,
    "",
    "Khi câu trả lời có danh sách “Gõ số để chọn tiếp”, hãy gõ số (ví dụ 1). Gõ “tiếp” hoặc “trước” để xem trang sau hoặc trang trước.",
    "",
    CONVERSATION_TEXTS.reminderHelp,
    "Mỗi câu trả lời ghi rõ nguồn [1], [2]… ở cuối.",
  ];
  return lines.join("\n");
}
