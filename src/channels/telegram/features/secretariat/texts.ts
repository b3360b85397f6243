/** The fixed Vietnamese texts of the secretariat's chat flows. */

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;

import { CONVERSATION_TEXTS } from "../../../../conversation/texts.ts";

export const SEC_TEXTS = {
  // ---------------------------------------------------------------- uploads
  notAdminUpload: "Chỉ Tổ Giúp việc (quản trị viên) mới gửi được tệp để cập nhật cơ sở tri thức.",
  wrongType: (name: string) =>
    `Tôi chỉ đọc được kế hoạch dạng Word (.docx) hoặc bảng nhiệm vụ dạng .xlsx, .csv (tệp “${name.slice(0, 80)}”). ` +
    "Không có gì thay đổi.",
  tooLarge: (bytes: number) =>
    `Tệp quá lớn (${mb(bytes)}); tôi chỉ nhận tệp đến 10 MB. Hãy tách bảng thành nhiều tệp nhỏ hơn. Không có gì thay đổi.`,
  downloadFailed: "Tôi chưa tải được tệp từ Telegram. Bạn gửi lại tệp sau ít phút nhé. Không có gì thay đổi.",
  importNoChanges: "Bảng này không làm thay đổi gì so với cơ sở tri thức hiện tại.",
  importAsk: (minutes: number) =>
    `Chưa có gì được ghi. Bấm “Áp dụng” để cập nhật cơ sở tri thức, hoặc “Hủy”. Bản xem trước giữ trong ${minutes} phút.`,
  applyButton: "Áp dụng",
  applyCreateButton: "Áp dụng và tạo đơn vị mới",
  cancelButton: "Hủy",
  importCancelled: "Đã hủy bản xem trước. Cơ sở tri thức không thay đổi.",
  importNothing: "Không có gì thay đổi: cơ sở tri thức đã giống bảng này.",
  importStale:
    "Cơ sở tri thức đã thay đổi sau khi xem trước nên tôi chưa áp dụng. Hãy gửi lại tệp để xem trước lần nữa.",
  previewGone: "Bản xem trước này không còn (đã áp dụng, đã hủy hoặc quá 30 phút). Hãy gửi lại tệp nếu cần.",

  // ---------------------------------------------------------------- dialogs
  cancelled: "Đã hủy. Không có gì thay đổi.",
  leftDialog: "Đã dừng thao tác đang làm dở (chưa lưu gì).",
  oldButton: "Nút này thuộc một thao tác cũ.",
  textPlease: "Hãy gửi câu trả lời bằng chữ, hoặc gõ “hủy” để thôi.",
  confirmButton: "Xác nhận",
  pressConfirm: "Hãy bấm “Xác nhận” để lưu, hoặc “Hủy” (gõ “hủy” cũng được).",
  saveFailed: "Chưa lưu được.",
  chooseButton: "Hãy bấm một nút ở trên, hoặc gõ “hủy” để thôi.",

  // ---------------------------------------------------------------- history
  exportCaption: CONVERSATION_TEXTS.exportCaption,
  nothingToUndo: CONVERSATION_TEXTS.nothingToUndo,
  undoButton: "Hoàn tác",
  undoAsk: "Bấm “Hoàn tác” để trả cơ sở tri thức về như trước thay đổi này, hoặc “Hủy”.",
  undoGone: "Yêu cầu hoàn tác này không còn. Gõ lại /hoantac nếu cần.",
  undoMoved: CONVERSATION_TEXTS.undoMoved,
  undoCancelled: "Đã hủy, không hoàn tác gì.",
} as const;
