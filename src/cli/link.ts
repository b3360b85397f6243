/**
 * `link …`: one-time codes that bind a Telegram (or Zalo) account to a unit and a role, and the
 * list of linked accounts. An operator tool: it shows personal data (names, chat ids).
 *
 * `link create`, `link revoke` and the admin decisions write: they take the store's writer lock, or,
 * while the assistant holds it, run inside the assistant (forwarded by runCli, src/control/).
 */
import { ADMIN_REQUEST_TEXTS, parseRequestNumber } from "../app/admin-requests.ts";
import type { App } from "../app/app.ts";
import { Assistant, ROLE_LABELS } from "../app/assistant.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { type Role, roleSchema, type User, userIdFor } from "../store/state.ts";
import { CliError, type CliIo, type Command, flag, str, withCommandApp } from "./io.ts";

const ROLES = roleSchema.options.join("|");

/**
 * Runs `fn` on the app: the running assistant's when the command was forwarded to it, else one opened
 * for this command (`readOnly`, or holding the writer lock) and closed after.
 */
function withApp<T>(io: CliIo, readOnly: boolean, fn: (app: App) => Promise<T>): Promise<T> {
  return withCommandApp(
    io,
    {
      write: !readOnly,
      busyHint:
        "Nếu trợ lý đang chạy: quản trị viên tạo mã ngay trong Telegram bằng lệnh /moi <mã đơn vị> <vai trò> [họ tên] (hủy liên kết: /huy <mã tài khoản>).",
    },
    fn,
  );
}

/** The t.me deep link for a code, when the bot's username is configured. */
export function deepLink(username: string | undefined, code: string): string | undefined {
  const u = username?.trim().replace(/^@/, "");
  return u ? `https://t.me/${u}?start=${code}` : undefined;
}

export const linkCreate: Command = {
  name: "link create",
  usage: 'link create --unit <mã> --role <vai trò> [--name "..."] [--json]',
  summary: `Tạo mã liên kết một lần và đường liên kết t.me (vai trò: ${ROLES})`,
  options: {
    unit: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    json: { type: "boolean" },
  },
  async run(args, io) {
    const unitId = str(args, "unit")?.trim();
    const roleArg = str(args, "role")?.trim();
    if (!unitId || !roleArg) {
      throw new CliError(`Thiếu --unit hoặc --role.\nCách dùng: npm run cli -- ${linkCreate.usage}`, 2);
    }
    const role = roleSchema.safeParse(roleArg);
    if (!role.success) {
      throw new CliError(
        `Vai trò “${roleArg}” không đúng; chọn một trong: ${ROLES} (thủ trưởng, cấp phó, thành viên, lãnh đạo BCĐ/BĐH, quản trị).`,
        2,
      );
    }
    const name = str(args, "name")?.trim();
    return withApp(io, false, async (app) => {
      if (!app.knowledge().unit(unitId)) {
        throw new CliError(`Không có đơn vị mã “${unitId}”. Xem danh sách mã: npm run cli -- kb list units`);
      }
      const assistant = io.running?.assistant ?? new Assistant(app);
      const { code, unit, expiresOn } = await assistant.createLinkCode({
        unitId,
        role: role.data as Role,
        ...(name ? { name } : {}),
        createdBy: { kind: "cli" },
      });
      const link = deepLink(app.config.PUBLIC_BOT_USERNAME, code.code);
      if (flag(args, "json")) {
        io.out(
          JSON.stringify({
            code: code.code,
            unitId,
            unitName: unit.name,
            role: code.role,
            ...(code.name ? { name: code.name } : {}),
            expiresAt: code.expiresAt,
            expiresOn,
            link: link ?? null,
            command: `/lienket ${code.code}`,
          }),
        );
        return 0;
      }
      const out = [
        `Mã liên kết: ${code.code}`,
        `Đơn vị: ${unit.name} (${unitId})`,
        `Vai trò: ${ROLE_LABELS[code.role]}`,
        ...(code.name ? [`Người nhận: ${code.name}`] : []),
        `Hết hạn: ${expiresOn} (chỉ dùng được một lần)`,
        ...(code.role === "admin"
          ? [
              "Mã quản trị: người dùng mã được liên kết với quyền thành viên; quyền quản trị chỉ có hiệu lực khi một quản trị viên xác nhận (trong chat: /xacnhanqt <số>) hoặc khi bạn chạy: npm run cli -- link confirm-admin <số>.",
            ]
          : []),
        "",
      ];
      if (link) {
        out.push("Gửi cho người nhận đường liên kết này (mở trong Telegram là liên kết xong):", link);
        out.push(`Hoặc người nhận nhắn cho bot: /lienket ${code.code}`);
      } else {
        out.push(
          `Người nhận nhắn cho bot: /lienket ${code.code}`,
          "",
          "Để in được đường liên kết t.me, đặt tên bot (không có @) trong .env: PUBLIC_BOT_USERNAME=ten_bot_cua_ban",
        );
      }
      io.out(out.join("\n"));
      return 0;
    });
  },
};

function userLine(u: User, unitName: string): string {
  const since = formatViDate(localDate(new Date(u.linkedAt)));
  const reach = u.reachable
    ? ""
    : `; không nhắn được${u.unreachableReason ? ` (${u.unreachableReason})` : ""}`;
  return `  ${u.id} — ${u.name ?? "(chưa có tên)"} — ${ROLE_LABELS[u.role].toLowerCase()} — ${unitName}, từ ${since}${reach}`;
}

export const linkList: Command = {
  name: "link list",
  usage: "link list [--json]",
  summary: "Liệt kê tài khoản đã liên kết với đơn vị (thông tin cá nhân: chỉ dành cho quản trị)",
  options: { json: { type: "boolean" } },
  async run(args, io) {
    return withApp(io, true, async (app) => {
      const kb = app.knowledge();
      const users = app.store.state.users();
      const pending = app.store.state.linkCodes({ now: app.now() });
      if (flag(args, "json")) {
        io.out(
          JSON.stringify({
            users: users.map((u) => ({ ...u, unitName: kb.unit(u.unitId)?.name ?? null })),
            pendingCodes: pending.length,
          }),
        );
        return 0;
      }
      if (!users.length) {
        io.out(
          "Chưa có tài khoản nào được liên kết. Tạo mã: npm run cli -- link create --unit <mã> --role head",
        );
      } else {
        io.out(`Tài khoản đã liên kết (${users.length}):`);
        const sorted = [...users].sort(
          (a, b) => a.unitId.localeCompare(b.unitId) || a.id.localeCompare(b.id),
        );
        for (const u of sorted) io.out(userLine(u, kb.unit(u.unitId)?.name ?? u.unitId));
      }
      if (pending.length) io.out(`Mã liên kết chưa dùng, còn hạn: ${pending.length}.`);
      return 0;
    });
  },
};

export const linkRevoke: Command = {
  name: "link revoke",
  usage: "link revoke <mã tài khoản>",
  summary: "Hủy liên kết một tài khoản (mã như telegram:123456789, xem link list)",
  async run(args, io) {
    const arg = args.positionals[0]?.trim() ?? "";
    const userId = /^(telegram|zalo):\S+$/.test(arg)
      ? arg
      : /^-?\d+$/.test(arg)
        ? userIdFor("telegram", arg)
        : "";
    if (!userId) {
      throw new CliError(`Cần mã tài khoản, ví dụ: npm run cli -- link revoke telegram:123456789`, 2);
    }
    return withApp(io, false, async (app) => {
      const user = app.store.state.getUser(userId);
      if (!user) throw new CliError(`Không có tài khoản “${userId}”. Xem: npm run cli -- link list`);
      await app.store.state.unlink(userId);
      const unit = app.knowledge().unit(user.unitId)?.name ?? user.unitId;
      io.out(`Đã hủy liên kết ${userId}${user.name ? ` (${user.name})` : ""} với ${unit}.`);
      return 0;
    });
  },
};

export const linkRequests: Command = {
  name: "link requests",
  usage: "link requests",
  summary: "Các yêu cầu quyền quản trị đang chờ xác nhận (mã quản trị đã được dùng)",
  async run(_args, io) {
    return withApp(io, true, async (app) => {
      const lines = new Assistant(app).pendingAdminRequests();
      io.out(
        lines.length
          ? [
              `Yêu cầu quyền quản trị đang chờ (${lines.length}):`,
              ...lines.map((l) => `  ${l}`),
              "Xác nhận: npm run cli -- link confirm-admin <số> — Từ chối: npm run cli -- link refuse-admin <số>",
            ].join("\n")
          : ADMIN_REQUEST_TEXTS.none,
      );
      return 0;
    });
  },
};

function adminDecisionCommand(decision: "grant" | "refuse"): Command {
  const name = decision === "grant" ? "link confirm-admin" : "link refuse-admin";
  return {
    name,
    usage: `${name} <số yêu cầu>`,
    summary:
      decision === "grant"
        ? "Xác nhận quyền quản trị cho người đã dùng mã quản trị (xem số: link requests)"
        : "Từ chối quyền quản trị (tài khoản vẫn liên kết, vai trò thành viên)",
    async run(args, io) {
      const id = parseRequestNumber(args.positionals[0] ?? "");
      if (!id) throw new CliError(`Cần số yêu cầu, ví dụ: npm run cli -- ${name} 3 (xem: link requests)`, 2);
      return withApp(io, false, async (app) => {
        // Forwarded to the running assistant: its Assistant has the channels' senders.
        const running = io.running?.assistant;
        const out = await (running ?? new Assistant(app)).decideAdminRequest("cli", id, decision);
        if (!out.ok) throw new CliError(out.message);
        io.out(
          `${out.message} ${running ? "Người xin được báo qua chat." : "Người xin được báo khi trợ lý chạy lại."}`,
        );
        return 0;
      });
    },
  };
}

export const linkConfirmAdmin = adminDecisionCommand("grant");
export const linkRefuseAdmin = adminDecisionCommand("refuse");

export const linkCommands: Command[] = [
  linkCreate,
  linkList,
  linkRevoke,
  linkRequests,
  linkConfirmAdmin,
  linkRefuseAdmin,
];
