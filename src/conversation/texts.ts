/**
 * The user-facing texts of the conversation commands, one typed catalogue every channel uses (the
 * commands' usage lines, refusals, what a channel without files gets instead of one).
 */
/** A channel's name as users know it. */
export const CHANNEL_NAMES = { telegram: "Telegram", zalo: "Zalo" } as const;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;

export const CONVERSATION_TEXTS = {
  /** Said by every channel when handling a message failed (nothing of the error is shown). */
  apology: "Xin lỗi, tôi gặp trục trặc khi xử lý yêu cầu này. Bạn vui lòng thử lại sau ít phút.",
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
  undoTitle: (id: string) => `Hoàn tác thay đổi #${id}?`,
  undoAsk:
    "Chọn “Hoàn tác” để trả cơ sở tri thức về như trước thay đổi này, hoặc “Hủy”. Chưa có gì thay đổi.",
  undoButton: "Hoàn tác",
  undoMoved:
    "Nhật ký đã có thay đổi mới sau khi bạn gõ /hoantac, nên tôi chưa hoàn tác gì. Gõ lại /hoantac để xem.",
  undoNotLatest: (id: string) =>
    `Thay đổi #${id} không phải thay đổi gần nhất (hoặc không có), nên tôi chưa hoàn tác gì. Gõ /hoantac để xem thay đổi sẽ được hoàn tác.`,
  undoFailed: (reason: string) => `Chưa hoàn tác được: ${reason}`,
  undone: (id: string, entry: string) =>
    `Đã hoàn tác thay đổi #${id} (ghi vào nhật ký là #${entry}). Cơ sở tri thức đã trở lại như trước thay đổi đó.`,
  // ---------------------------------------------------------------- choices and dialogs
  staleChoice:
    "Lựa chọn này đã cũ hoặc không hợp lệ; không có gì thay đổi. Hãy gửi lại câu hỏi hoặc gõ /help.",
  oldChoice: "Lựa chọn này thuộc một thao tác cũ; không có gì thay đổi.",
  confirmButton: "Xác nhận",
  cancelButton: "Hủy",
  cancelled: "Đã hủy. Không có gì thay đổi.",
  leftDialog: "Đã dừng thao tác đang làm dở (chưa lưu gì).",
  pressConfirm: "Hãy chọn “Xác nhận” để lưu, hoặc “Hủy” (gõ “hủy” cũng được).",
  chooseButton: "Hãy chọn một trong các lựa chọn ở trên, hoặc gõ “hủy” để thôi.",
  saved: (entryId: string | null, what: string) =>
    entryId ? `Đã ${what} (thay đổi #${entryId}). Muốn bỏ lại: /hoantac.` : "Không có gì thay đổi.",
  // ---------------------------------------------------------------- accounts (Tổ Giúp việc)
  usageMoi: [
    "Cách dùng: /moi <mã đơn vị> <vai trò> [họ tên]",
    "Vai trò: head (thủ trưởng), deputy (cấp phó), member (thành viên), leader (lãnh đạo BCĐ/BĐH), admin (quản trị: cần một quản trị viên xác nhận sau khi mã được dùng).",
    "Ví dụ: /moi so-tttt head Nguyễn Văn A",
  ].join("\n"),
  wrongRole: (word: string) => `Vai trò “${word}” không đúng.`,
  unknownUnitId: (id: string) =>
    `Không có đơn vị mã “${id}”. Mã đơn vị viết thường, không dấu, ví dụ so-tttt. Tổ Giúp việc xem danh sách bằng: npm run cli -- kb list units`,
  /** Said wherever an admin code is made: the code alone does not make an admin. */
  adminCodeNote:
    "Mã quản trị: người dùng mã được liên kết với quyền thành viên; quyền quản trị chỉ có hiệu lực khi một quản trị viên xác nhận (trợ lý sẽ hỏi).",
  linkCodeMade: "Đã tạo mã liên kết",
  linkCodeHowTelegram: "Gửi cho người nhận đường liên kết này (bấm vào là liên kết xong):",
  linkCodeHowTyped: (code: string) =>
    `Hoặc người nhận nhắn cho trợ lý (Telegram hoặc Zalo): /lienket ${code}`,
  noLinkedUsers: "Chưa có tài khoản nào được liên kết.\nTạo mã liên kết: /moi <mã đơn vị> <vai trò> [họ tên]",
  usageHuy: "Cách dùng: /huy <mã tài khoản>, ví dụ /huy telegram:123456789 (xem mã trong /danhsach).",
  noSuchAccount: (id: string) => `Không có tài khoản “${id}” trong danh sách liên kết. Xem /danhsach.`,
  unlinked: (who: string, unit: string) => `Đã hủy liên kết của ${who} với ${unit}.`,
  staleDecision:
    "Lựa chọn này không hợp lệ hoặc đã cũ; không có gì thay đổi. Gõ /xacnhanqt để xem các yêu cầu đang chờ.",
  // ---------------------------------------------------------------- unanswered questions
  noQuestions: "Không có câu hỏi nào đang chờ trả lời.",
  questionGone: "Câu hỏi này đã được trả lời hoặc không còn trong danh sách; không có gì thay đổi.",
  answerPrompt: "Hãy gõ câu trả lời; tôi sẽ gửi cho người hỏi sau khi bạn xác nhận.",
  answerConfirm: "Gửi câu trả lời này cho người hỏi?",
  answerTitle: "Tổ Giúp việc trả lời câu hỏi của bạn",
  answerSent: "Đã gửi câu trả lời cho người hỏi và đánh dấu câu hỏi đã trả lời.",
  answerUnreachable:
    "Người hỏi hiện không nhắn được (đã chặn trợ lý hoặc không rõ tài khoản), nên câu trả lời chưa đến được họ. Câu hỏi được đánh dấu đã trả lời.",
  answerNoChannel: (channel: string) =>
    `Người hỏi dùng ${channel}, kênh này hiện không chạy trong trợ lý, nên câu trả lời chưa gửi được. Câu hỏi được đánh dấu đã trả lời; hãy báo cho người hỏi qua kênh đó nếu cần.`,
  answerFailed:
    "Chưa gửi được câu trả lời vì kênh nhắn tin đang trục trặc. Câu hỏi vẫn chờ; bạn thử lại sau bằng /cauhoi.",
  faqButton: "Lưu vào danh sách hỏi–đáp",
  faqSkipButton: "Không lưu",
  faqSkipped: "Được, không lưu.",
  faqSaved:
    "Đã lưu vào danh sách hỏi–đáp của Tổ Giúp việc. Lưu ý: trợ lý chưa dùng danh sách này để tự trả lời; " +
    "muốn trợ lý trả lời được, hãy bổ sung nội dung vào cơ sở tri thức (tệp nhiệm vụ hoặc các lệnh thêm, sửa).",
  // ---------------------------------------------------------------- announcements
  usageThongbao:
    "Cách dùng: /thongbao <nội dung>, ví dụ: /thongbao Đề nghị các đơn vị gửi báo cáo quý II trước 30/6.",
  announceTooLong: (max: number) => `Thông báo dài quá (tối đa ${max} ký tự). Hãy viết ngắn lại.`,
  noHeads: "Chưa có thủ trưởng đơn vị nào liên kết với trợ lý, nên chưa có ai để gửi thông báo.",
  announceButton: "Gửi thông báo",
  announceGone:
    "Thông báo này không còn chờ gửi (đã gửi, đã hủy hoặc quá 30 phút); không có gì thay đổi. Gõ lại /thongbao nếu cần.",
  announceCancelled: "Đã hủy, không gửi thông báo.",
  announceTitle: "Thông báo của Tổ Giúp việc Ban Điều hành chuyển đổi số tỉnh",
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
  importCancelled: "Đã hủy bản xem trước. Cơ sở tri thức không thay đổi.",
  importNothing: "Không có gì thay đổi: cơ sở tri thức đã giống bảng này.",
  importStale:
    "Cơ sở tri thức đã thay đổi sau khi xem trước nên tôi chưa áp dụng. Hãy gửi lại tệp để xem trước lần nữa.",
  /** Zalo's Bot API delivers no file. */
  uploadNotOnThisChannel:
    "Kênh này không nhận được tệp. Muốn nhập kế hoạch (.docx, .xlsx, .csv): gửi tệp cho trợ lý trên Telegram, hoặc chạy “npm run cli -- kb import <tệp> --apply”.",
  previewGone: "Bản xem trước này không còn (đã áp dụng, đã hủy hoặc quá 30 phút). Hãy gửi lại tệp nếu cần.",

  // ---------------------------------------------------------------- reminder answers
  staleReminder: "Lựa chọn này không còn dùng được. Hãy trả lời theo tin nhắc hạn mới nhất.",
  noReminder:
    "Chưa có tin nhắc hạn nào gửi tới tài khoản này để trả lời. Khi nhận tin nhắc hạn, hãy chọn câu trả lời trong tin (1 = Đã hoàn thành, 2 = Đang thực hiện, 3 = Xin gia hạn, 4 = Cần hỗ trợ).",
  reminderAbout: (title: string) => `Nhiệm vụ “${title}”.`,
  /** For the help text: the shortcuts in a few lines. */
  reminderHelp: [
    "Trả lời tin nhắc hạn gần nhất (chọn theo tin, hoặc gõ):",
    "• xong — đã hoàn thành",
    "• dang lam — đang thực hiện",
    "• giahan 30/9/2026 <lý do> — xin gia hạn",
    "• hotro <nội dung> — cần hỗ trợ",
  ].join("\n"),
  /** Zalo sends no generated image: the overview's figures are in the text already. */
  chartNotOnThisChannel: "Kênh này không gửi được biểu đồ; số liệu đã có ở trên.",
  /** Zalo sends no file: where the report can be had. */
  reportNotOnThisChannel: (caption: string) =>
    `${caption}\nKênh này không gửi được tệp Excel: xem báo cáo qua Telegram (/baocao) hoặc nhờ Tổ Giúp việc chạy “npm run cli -- report”.`,
} as const;

/** The admins' dialogs recording a reorganisation (/doiten, /hopnhat, /giaithe: edit-units.ts). */
export const UNIT_CHANGE_TEXTS = {
  intro: "Gõ “hủy” bất cứ lúc nào để thôi; chưa lưu gì cho đến khi bạn bấm “Lưu”.",
  renameTitle: "Đổi tên đơn vị",
  mergeTitle: "Hợp nhất đơn vị",
  closeTitle: "Giải thể đơn vị",
  renameWhich: "1/4. Đơn vị nào đổi tên? Gõ tên hoặc tên viết tắt, ví dụ: Ban Dân tộc, BDT.",
  renameName: (unit: string) => `2/4. Tên mới của ${unit}?`,
  mergeFirst: "1/4. Đơn vị nào bị hợp nhất? Gõ tên hoặc tên viết tắt; nhiều đơn vị thì gõ từng đơn vị một.",
  mergeMore: (names: string) =>
    `Đơn vị bị hợp nhất: ${names}. Gõ thêm đơn vị nữa, hoặc bấm “Xong” (gõ “xong” cũng được).`,
  mergeInto: (names: string) =>
    `2/4. Hợp nhất ${names} vào đơn vị nào? Gõ tên đơn vị có sẵn, hoặc tên đầy đủ của đơn vị mới.`,
  noSuchTarget: (typed: string) =>
    `Chưa có đơn vị tên “${typed}”. Chọn đơn vị có sẵn ở dưới, bấm “Tạo đơn vị mới” để tạo đơn vị tên này, hoặc “Gõ lại”.`,
  closeWhich: "1/4. Đơn vị nào giải thể? Gõ tên hoặc tên viết tắt.",
  closeSuccessor: (unit: string) =>
    `3/4. Đơn vị nào tiếp nhận nhiệm vụ của ${unit}? Chỉ ghi khi văn bản nêu; không có thì bấm “Không có”.`,
  askDate: (step: string, what: string) =>
    `${step}. ${what} từ ngày nào? Gõ ngày dạng dd/mm/yyyy, ví dụ 01/03/2025.`,
  renameWhen: (unit: string) => `${unit} mang tên mới`,
  mergeWhen: "Hợp nhất",
  closeWhen: (unit: string) => `${unit} giải thể`,
  askDocument: (step: string) =>
    `${step}. Số hiệu văn bản quyết định việc này (ví dụ 45/2025/NĐ-CP)? Không có thì bấm “Bỏ qua”.`,
  doneButton: "Xong",
  newUnitButton: "Tạo đơn vị mới",
  retypeButton: "Gõ lại",
  noneButton: "Không có",
  skipButton: "Bỏ qua",
  saveButton: "Lưu",
  unitNameWhat: "Tên đơn vị",
  newNameWhat: "Tên mới",
  ambiguous: (typed: string, n: number) => `Có ${n} đơn vị khớp “${typed}”; chọn một:`,
  unknownUnit: (typed: string, near: boolean) =>
    `Không có đơn vị “${typed}” trong cơ sở tri thức.${near ? " Chọn tên gần nhất ở dưới, hoặc gõ lại tên." : " Hãy gõ lại tên."}`,
  unitGone: "Đơn vị này không còn trong cơ sở tri thức.",
  ended: (unit: string, date: string) =>
    `${unit} đã kết thúc từ ${date}: không ghi thêm thay đổi được. Chọn đơn vị khác (muốn sửa thay đổi đó: /lichsu, /hoantac).`,
  alreadyPicked: (unit: string) => `${unit} đã có trong danh sách.`,
  intoItself: (unit: string) =>
    `${unit} đang nằm trong các đơn vị bị hợp nhất: không hợp nhất một đơn vị vào chính nó. Chọn đơn vị khác.`,
  successorItself: "Đơn vị tiếp nhận phải khác đơn vị giải thể.",
  sameName: (unit: string) => `${unit} đã có tên này.`,
  nameTaken: (name: string, unit: string) => `Tên “${name}” đã là tên của ${unit}.`,
  newNameLikeId: "Tên đơn vị mới cần viết đầy đủ, ví dụ: Sở Khoa học và Công nghệ.",
  dateFormat: (typed: string) => `“${typed}” chưa phải ngày dạng dd/mm/yyyy (ví dụ 01/03/2025).`,
  noSuchDay: (typed: string) => `Không có ngày ${typed} trong lịch.`,
  documentFormat: (typed: string) => `“${typed}” chưa giống số hiệu văn bản (ví dụ 45/2025/NĐ-CP).`,
  documentTooLong: "Số hiệu dài quá (tối đa 200 ký tự).",
  previewAsk: "Chưa lưu gì. Bấm “Lưu” để ghi (hoàn tác được bằng /hoantac), hoặc “Hủy”.",
  pressSave: "Hãy bấm “Lưu” để ghi, hoặc “Hủy” (gõ “hủy” cũng được).",
  changedMeanwhile:
    "Cơ sở tri thức vừa thay đổi nên bản xem trước không còn đúng; tôi chưa lưu gì. Hãy làm lại.",
  notSaved: (reason: string) => `Chưa lưu: ${reason}`,
  savedRename: (entryId: string) => `Đã đổi tên (thay đổi #${entryId}). Muốn bỏ lại: /hoantac.`,
  savedMove: (entryId: string, tasks: number, users: number, date: string) =>
    `Đã lưu (thay đổi #${entryId}): ${tasks} nhiệm vụ, ${users} cán bộ thuộc đơn vị tiếp nhận từ ${date}. Muốn bỏ lại: /hoantac.`,
  savedClosed: (entryId: string, orphans: number) =>
    `Đã lưu (thay đổi #${entryId}).${orphans ? ` ${orphans} nhiệm vụ chưa hoàn thành không còn đơn vị chủ trì, cần giao lại.` : ""} Muốn bỏ lại: /hoantac.`,
  usersTold: (date: string) =>
    `Cán bộ đã liên kết của đơn vị cũ được báo một lần, ở lượt nhắc hạn đầu tiên từ ngày ${date}.`,
  nothingSaved: "Không có gì thay đổi.",
} as const;
