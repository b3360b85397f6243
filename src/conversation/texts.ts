/**
 * The user-facing texts of the conversation commands, one typed catalogue every channel uses (the
 * commands' usage lines, refusals, what a channel without files gets instead of one).
 */
export const CONVERSATION_TEXTS = {
  leadersOnly:
    "Lệnh này dành cho lãnh đạo Ban Chỉ đạo, Ban Điều hành chuyển đổi số và Tổ Giúp việc. Bạn có thể hỏi “nhiệm vụ của tôi” hoặc gõ /help.",
  adminsOnly: "Lệnh này chỉ dành cho quản trị viên (Tổ Giúp việc).",
  usageTongquan: "Cách dùng: /tongquan hoặc /tongquan <năm>, ví dụ /tongquan 2023.",
  usageDonvi: "Hãy gửi kèm tên đơn vị, ví dụ: /donvi Sở Thông tin và Truyền thông",
  usageBaocao: "Cách dùng: /baocao [tháng|quý|năm], ví dụ /baocao quý. Không ghi kỳ thì lấy tháng này.",
  usageVanban: "Hãy gửi kèm số hiệu văn bản, ví dụ: /vanban 3609/KH-BĐHCĐS",
  vanbanNotRecognized: (arg: string) =>
    `Tôi chưa nhận ra số hiệu “${arg}”. Hãy gõ số hiệu như trên văn bản, ví dụ: /vanban 3609/KH-BĐHCĐS hoặc /vanban Quyết định 56.`,
  usageTimkiem: "Hãy gửi kèm từ khóa cần tìm, ví dụ: /timkiem dữ liệu số",
  chartFailed: "Chưa vẽ được biểu đồ lúc này; xin thử lại sau.",
  // ---------------------------------------------------------------- history (Tổ Giúp việc)
  exportCaption: (n: number) => `Toàn bộ nhiệm vụ trong cơ sở tri thức (${n}), theo mẫu phụ lục kế hoạch.`,
  exportNotOnThisChannel: (caption: string) =>
    `${caption}\nKênh này không gửi được tệp Excel: dùng /xuat trên Telegram hoặc “npm run cli -- kb export”.`,
  nothingToUndo: "Không có thay đổi nào để hoàn tác.",
  undoHint: "Hoàn tác thay đổi gần nhất: /hoantac",
  undoConfirm: (id: string) => `Để hoàn tác, gõ /hoantac ${id}. Không gõ gì thì không có gì thay đổi.`,
  undoMoved:
    "Nhật ký đã có thay đổi mới sau khi bạn gõ /hoantac, nên tôi chưa hoàn tác. Gõ lại /hoantac để xem.",
  undone: (id: string, entry: string) =>
    `Đã hoàn tác thay đổi #${id} (ghi vào nhật ký là #${entry}). Cơ sở tri thức đã trở lại như trước thay đổi đó.`,
  /** Zalo sends no generated image: the overview's figures are in the text already. */
  chartNotOnThisChannel: "Kênh này không gửi được biểu đồ; số liệu đã có ở trên.",
  /** Zalo sends no file: where the report can be had. */
  reportNotOnThisChannel: (caption: string) =>
    `${caption}\nKênh này không gửi được tệp Excel: xem báo cáo qua Telegram (/baocao) hoặc nhờ Tổ Giúp việc chạy “npm run cli -- report”.`,
} as const;
