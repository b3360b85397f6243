/** The command menu (setMyCommands) and the help text come from one table. */
import type { Api, Bot, Context } from "grammy";

import { type CommandInfo, USER_COMMANDS } from "../../conversation/menu.ts";

export { type CommandInfo, USER_COMMANDS };

export const ADMIN_COMMANDS: CommandInfo[] = [
  {
    command: "moi",
    args: "<mã đơn vị> <vai trò> [họ tên]",
    description: "Tạo mã liên kết một lần cho cán bộ của đơn vị",
  },
  { command: "danhsach", description: "Danh sách tài khoản đã liên kết (chỉ quản trị viên)" },
  { command: "huy", args: "<mã tài khoản>", description: "Hủy liên kết một tài khoản" },
  {
    command: "xacnhanqt",
    args: "[số]",
    description: "Xác nhận quyền quản trị của người dùng mã quản trị (không số: xem yêu cầu chờ)",
  },
  { command: "tuchoiqt", args: "<số>", description: "Từ chối quyền quản trị" },
  {
    command: "suanv",
    args: "<mã hoặc từ khóa>",
    description: "Sửa một nhiệm vụ: tên, thời hạn, chủ trì, hoàn thành",
  },
  { command: "doihan", args: "<mã nhiệm vụ> <thời hạn mới>", description: "Dời thời hạn một nhiệm vụ" },
  { command: "themnv", description: "Thêm nhiệm vụ (hỏi từng bước)" },
  { command: "themvb", description: "Thêm văn bản (hỏi từng bước)" },
  { command: "themdv", description: "Thêm đơn vị" },
  { command: "thutruong", args: "<mã đơn vị> <họ tên>", description: "Cập nhật thủ trưởng đơn vị" },
  { command: "doiten", args: "[tên đơn vị]", description: "Đổi tên đơn vị từ một ngày (hỏi từng bước)" },
  {
    command: "hopnhat",
    args: "[tên đơn vị]",
    description: "Hợp nhất đơn vị vào đơn vị có sẵn hoặc đơn vị mới (hỏi từng bước)",
  },
  {
    command: "giaithe",
    args: "[tên đơn vị]",
    description: "Ghi đơn vị giải thể, kèm đơn vị tiếp nhận nếu có (hỏi từng bước)",
  },
  { command: "xuat", description: "Xuất toàn bộ nhiệm vụ ra tệp Excel" },
  { command: "lichsu", description: "10 thay đổi gần nhất của cơ sở tri thức" },
  { command: "hoantac", description: "Hoàn tác thay đổi gần nhất" },
  { command: "cauhoi", description: "Câu hỏi trợ lý chưa trả lời được" },
  { command: "thongbao", args: "<nội dung>", description: "Gửi thông báo tới thủ trưởng các đơn vị" },
];

/** Leaders of the steering committee and admins (Assistant.isLeader). */
export const LEADER_COMMANDS: CommandInfo[] = [
  { command: "tongquan", args: "[năm]", description: "Tổng quan tiến độ các đơn vị, kèm biểu đồ" },
  {
    command: "donvi",
    args: "<tên đơn vị>",
    description: "Thẻ đơn vị: nhiệm vụ, trả lời nhắc hạn, gia hạn",
  },
  { command: "baocao", args: "[tháng|quý|năm]", description: "Báo cáo tổng hợp tiến độ (tệp Excel)" },
];

const menu = (list: CommandInfo[]) => list.map(({ command, description }) => ({ command, description }));

/**
 * Sets the Vietnamese command menu: the public commands for everyone, plus the leaders' and admin
 * commands in each configured admin's chat, and the leaders' commands in each leader's chat
 * (`leaderIds`: Telegram chat ids; skipped with a warning when that person has not opened the bot yet).
 */
export async function setCommands(
  bot: Bot<Context> | { api: Api },
  opts: {
    adminIds?: string[];
    leaderIds?: string[];
    onWarn?: (msg: string, adminId: string) => void;
  } = {},
): Promise<void> {
  await bot.api.setMyCommands(menu(USER_COMMANDS));
  for (const id of opts.adminIds ?? []) {
    try {
      await bot.api.setMyCommands(menu([...USER_COMMANDS, ...LEADER_COMMANDS, ...ADMIN_COMMANDS]), {
        scope: { type: "chat", chat_id: Number(id) },
      });
    } catch {
      opts.onWarn?.("could not set the admin command menu (has this admin opened the bot?)", id);
    }
  }
  for (const id of opts.leaderIds ?? []) {
    if (opts.adminIds?.includes(id)) continue;
    try {
      await bot.api.setMyCommands(menu([...USER_COMMANDS, ...LEADER_COMMANDS]), {
        scope: { type: "chat", chat_id: Number(id) },
      });
    } catch {
      opts.onWarn?.("could not set the leader command menu (has this leader opened the bot?)", id);
    }
  }
}
