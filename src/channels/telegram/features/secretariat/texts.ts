/** The fixed Vietnamese texts of the secretariat's Telegram buttons for /hoantac (the rest: src/conversation/texts.ts). */
import { CONVERSATION_TEXTS } from "../../../../conversation/texts.ts";

export const SEC_TEXTS = {
  cancelButton: CONVERSATION_TEXTS.cancelButton,
  exportCaption: CONVERSATION_TEXTS.exportCaption,
  nothingToUndo: CONVERSATION_TEXTS.nothingToUndo,
  undoButton: "Hoàn tác",
  undoAsk: "Bấm “Hoàn tác” để trả cơ sở tri thức về như trước thay đổi này, hoặc “Hủy”.",
  undoGone: "Yêu cầu hoàn tác này không còn. Gõ lại /hoantac nếu cần.",
  undoMoved: CONVERSATION_TEXTS.undoMoved,
  undoCancelled: "Đã hủy, không hoàn tác gì.",
} as const;
