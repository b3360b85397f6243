/**
 * Operating-system errors said in Vietnamese for the operator ("Lỗi: ENOSPC: no space left on device,
 * write" becomes what happened and what to do), with the file named when there is one. Undefined for
 * anything else, which the caller reports as it is.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  ENOSPC:
    "Ổ đĩa đã đầy: không ghi được. Hãy giải phóng dung lượng rồi chạy lại; dữ liệu cũ không bị thay đổi.",
  EDQUOT: "Đã hết hạn mức dung lượng của tài khoản: không ghi được. Hãy giải phóng dung lượng rồi chạy lại.",
  EACCES: "Không có quyền đọc hoặc ghi. Hãy kiểm tra quyền của thư mục dữ liệu (DATA_DIR, BACKUP_DIR).",
  EPERM: "Hệ điều hành không cho phép thao tác này. Hãy kiểm tra quyền của thư mục dữ liệu.",
  EROFS: "Thư mục nằm trên ổ chỉ đọc: không ghi được. Hãy chọn thư mục ghi được.",
  EISDIR: "Có một thư mục nằm ở chỗ cần là tệp. Hãy kiểm tra thư mục dữ liệu.",
  ENOTDIR: "Có một tệp nằm ở chỗ cần là thư mục. Hãy kiểm tra đường dẫn.",
  EMFILE: "Mở quá nhiều tệp cùng lúc. Hãy chạy lại.",
};

export function systemErrorMessage(e: unknown): string | undefined {
  const err = e as { code?: unknown; path?: unknown };
  if (typeof err?.code !== "string") return undefined;
  const text = MESSAGES[err.code];
  if (!text) return undefined;
  return typeof err.path === "string" ? `${text} (${err.path})` : text;
}
