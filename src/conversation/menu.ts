/**
 * The commands every official can use, the same on every channel: Telegram shows them as its menu,
 * Zalo users type them as text. One table, so the two channels cannot drift apart.
 */
export interface CommandInfo {
  command: string;
  /** Shown in help after the command: "<số hiệu>". */
  args?: string;
  description: string;
}

export const USER_COMMANDS: CommandInfo[] = [
  { command: "chude", description: "Chủ đề chuyển đổi số của năm" },
  { command: "nhiemvu", description: "Nhiệm vụ của đơn vị tôi" },
  { command: "hanchot", description: "Nhiệm vụ sắp đến hạn (30 ngày tới)" },
  { command: "quahan", description: "Nhiệm vụ đã quá hạn" },
  { command: "vanban", args: "<số hiệu>", description: "Tra cứu một văn bản, ví dụ /vanban 3609/KH-BĐHCĐS" },
  { command: "timkiem", args: "<từ khóa>", description: "Tìm trong cơ sở tri thức" },
  { command: "lienket", args: "<mã>", description: "Liên kết tài khoản với đơn vị bằng mã được cấp" },
  { command: "huylienket", description: "Hủy liên kết tài khoản với đơn vị" },
  { command: "kenhnhac", args: "telegram|zalo", description: "Chọn kênh nhận nhắc hạn khi liên kết cả hai" },
  { command: "help", description: "Hướng dẫn sử dụng" },
  { command: "start", description: "Bắt đầu trò chuyện" },
];
