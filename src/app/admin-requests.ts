/**
 * Admin codes need an admin's confirmation (issue 14): the texts, the message the admins receive, and
 * the data of its two buttons ("qt:y:<số>" confirm, "qt:n:<số>" refuse; validated with zod, ≤ 64
 * bytes). On Telegram the message carries the buttons; on Zalo (no buttons) the same message names
 * the commands "/xacnhanqt <số>" and "/tuchoiqt <số>", which work on both channels.
 */
import { z } from "zod";
import type { MessageAction, OutgoingMessage } from "../core/reminders/message.ts";
import { formatViDate, localDate } from "../core/time.ts";
import type { AdminRequest, ByWhom, Channel } from "../store/state.ts";

export const ADMIN_DECISION_PREFIX = "qt:";
export const CONFIRM_COMMAND = "xacnhanqt";
export const REFUSE_COMMAND = "tuchoiqt";

const requestIdSchema = z.string().regex(/^[1-9][0-9]{0,8}$/);

export const adminDecisionSchema = z.strictObject({
  decision: z.enum(["grant", "refuse"]),
  requestId: requestIdSchema,
});
export type AdminDecision = z.infer<typeof adminDecisionSchema>;

export function encodeAdminDecision(d: AdminDecision): string {
  const v = adminDecisionSchema.parse(d);
  return `${ADMIN_DECISION_PREFIX}${v.decision === "grant" ? "y" : "n"}:${v.requestId}`;
}

/** The decision a button carries, or undefined for anything forged or garbled. */
export function decodeAdminDecision(data: string): AdminDecision | undefined {
  if (typeof data !== "string" || data.length > 64) return undefined;
  const m = /^qt:([yn]):([^:]*)$/.exec(data);
  if (!m) return undefined;
  const parsed = adminDecisionSchema.safeParse({
    decision: m[1] === "y" ? "grant" : "refuse",
    requestId: m[2],
  });
  return parsed.success ? parsed.data : undefined;
}

/** The request number typed after the command ("/xacnhanqt 3", "/xacnhanqt số 3"), or undefined. */
export function parseRequestNumber(arg: string): string | undefined {
  const m = /^(?:s[ốo]\s*|#)?(\d{1,9})$/i.exec(arg.trim());
  return m && requestIdSchema.safeParse(m[1]).success ? m[1] : undefined;
}

const CHANNEL_LABEL: Record<Channel, string> = { telegram: "Telegram", zalo: "Zalo" };

/** "Trần Văn B", "người vận hành (dòng lệnh)", "một quản trị viên Telegram". */
export function byWhomLabel(by: ByWhom | undefined): string | undefined {
  if (!by) return undefined;
  if (by.name) return by.name;
  return by.kind === "cli" ? "người vận hành (dòng lệnh)" : `một quản trị viên ${CHANNEL_LABEL[by.kind]}`;
}

export const ADMIN_REQUEST_TEXTS = {
  title: "Xin quyền quản trị",
  notAdmin: "Chỉ quản trị viên mới xác nhận hoặc từ chối được quyền quản trị.",
  usage: (cmd: string) =>
    `Cách dùng: /${cmd} <số yêu cầu>, ví dụ /${cmd} 3. Gõ /${CONFIRM_COMMAND} để xem các yêu cầu đang chờ.`,
  unknown: (id: string) => `Không có yêu cầu quyền quản trị số ${id}; không thay đổi gì.`,
  decided: (id: string, status: AdminRequest["status"]) =>
    `Yêu cầu số ${id} đã được ${status === "granted" ? "xác nhận" : "từ chối"} trước đó; không thay đổi gì.`,
  stale: (id: string) =>
    `Yêu cầu số ${id} không còn hiệu lực (tài khoản đã hủy hoặc đổi liên kết); không thay đổi gì.`,
  granted: (who: string, unit: string) => `Đã cấp quyền quản trị cho ${who} (${unit}).`,
  refused: (who: string, unit: string) =>
    `Đã từ chối quyền quản trị của ${who}; tài khoản vẫn liên kết với ${unit} (vai trò: thành viên).`,
  none: "Không có yêu cầu quyền quản trị nào đang chờ.",
  /** To the requester, right after the link. */
  linkedPending: (unit: string, anyAdmin: boolean, id: string) =>
    `Đã liên kết tài khoản với ${unit} (vai trò: thành viên). Mã này kèm quyền quản trị: quyền đó chỉ có hiệu lực khi một quản trị viên xác nhận; bạn sẽ được báo khi có kết quả.${
      anyAdmin
        ? ""
        : ` Hiện chưa có quản trị viên nào nhận được yêu cầu: hãy báo người vận hành trợ lý xác nhận yêu cầu số ${id}.`
    }`,
  /** To the requester, once decided. */
  toRequesterGranted:
    "Quyền quản trị của bạn đã được xác nhận. Từ nay bạn dùng được các lệnh quản trị (gõ /help để xem).",
  toRequesterRefused: (unit: string) =>
    `Yêu cầu quyền quản trị của bạn không được chấp nhận. Tài khoản vẫn liên kết với ${unit} (vai trò: thành viên). Nếu cần, hãy liên hệ Tổ Giúp việc.`,
} as const;

/** Who asks, as the admins read it: "Nguyễn Văn A" or "Một tài khoản Zalo chưa có tên". */
export function requesterLabel(r: AdminRequest): string {
  return r.name ?? `Một tài khoản ${CHANNEL_LABEL[r.channel]} chưa có tên`;
}

/** The message every admin receives: who asks, through whose code, and how to confirm or refuse. */
export function adminRequestMessage(r: AdminRequest, unitName: string): OutgoingMessage {
  const by = byWhomLabel(r.codeCreatedBy);
  const action = (label: string, decision: AdminDecision["decision"]): MessageAction => ({
    label,
    data: encodeAdminDecision({ decision, requestId: r.id }),
  });
  return {
    kind: "notice",
    title: ADMIN_REQUEST_TEXTS.title,
    lines: [
      `${requesterLabel(r)} (${by ? `mã liên kết do ${by} tạo` : "mã liên kết không ghi người tạo"}) xin quyền quản trị. Xác nhận?`,
      `Tài khoản ${CHANNEL_LABEL[r.channel]}, liên kết với ${unitName}; yêu cầu số ${r.id}. Đến khi được xác nhận, tài khoản chỉ có quyền thành viên.`,
      `Xác nhận: /${CONFIRM_COMMAND} ${r.id} — Từ chối: /${REFUSE_COMMAND} ${r.id}`,
    ],
    actions: [[action("Xác nhận", "grant"), action("Từ chối", "refuse")]],
  };
}

/** One line per pending request, for "/xacnhanqt" without a number and `link requests`. */
export function pendingRequestLines(list: AdminRequest[], unitName: (id: string) => string): string[] {
  return list.map((r) => {
    const by = byWhomLabel(r.codeCreatedBy);
    const since = formatViDate(localDate(new Date(r.requestedAt)));
    return `Số ${r.id}: ${requesterLabel(r)} — ${unitName(r.unitId)} — ${CHANNEL_LABEL[r.channel]} — từ ${since}${by ? ` (mã do ${by} tạo)` : ""}`;
  });
}
