/** The fixed Vietnamese texts of the Telegram bot (knowledge answers come from the engine). */
import { CONVERSATION_TEXTS } from "../../conversation/texts.ts";

export const TEXTS = {
  apology: CONVERSATION_TEXTS.apology,
  apologyShort: "Xin lỗi, đã có trục trặc. Bạn thử lại sau ít phút.",
  staleButton: CONVERSATION_TEXTS.staleChoice,
  flood: "Bạn gửi hơi nhanh. Vui lòng đợi vài giây rồi gửi tiếp; tôi sẽ trả lời ngay sau đó.",
  groupOnly: "Tôi chỉ trả lời trong tin nhắn riêng để giữ kín thông tin của đơn vị. Hãy nhắn riêng cho tôi.",
  onlyText: "Hiện tôi chỉ đọc được tin nhắn chữ. Hãy gõ câu hỏi, ví dụ “nhiệm vụ của tôi”, hoặc gõ /help.",
  tooLong: (max: number) =>
    `Câu hỏi dài quá (${max} ký tự trở lên). Bạn hãy hỏi ngắn gọn một ý, ví dụ “hạn chót của Kế hoạch 3609”.`,
  /** The command is cut: a user may type “/aaa…” 4,000 characters long (Telegram's limit is 4096). */
  unknownCommand: (cmd: string) =>
    `Không có lệnh ${cmd.length > 40 ? `${cmd.slice(0, 39)}…` : cmd}. Gõ /help để xem các lệnh.`,
  adminOnly: CONVERSATION_TEXTS.adminsOnly,
  usageVanban: CONVERSATION_TEXTS.usageVanban,
  usageTimkiem: CONVERSATION_TEXTS.usageTimkiem,
  usageLienket: "Hãy gửi kèm mã liên kết do Tổ Giúp việc cấp, ví dụ: /lienket ABCD2345",
  usageHuy: CONVERSATION_TEXTS.usageHuy,
  vanbanNotRecognized: CONVERSATION_TEXTS.vanbanNotRecognized,
} as const;
