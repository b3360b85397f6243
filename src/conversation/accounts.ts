/**
 * The secretariat's account commands, channel-neutral (admins only, by the command table):
 * - /moi <mã đơn vị> <vai trò> [họ tên]: a one-time link code (and, where the Telegram bot's name is
 *   known, its t.me link); the code works on Telegram and Zalo (/lienket <mã>);
 * - /danhsach: who is linked to which unit (personal data: admins only);
 * - /huy <mã tài khoản>: unlinks someone (a bare /huy cancels a dialog in progress, else its usage);
 * - /xacnhanqt [số], /tuchoiqt <số>: confirm or refuse an admin code's admin role (without a number:
 *   the requests waiting). The message the admins receive offers the same as choices ("qt:y:<số>",
 *   "qt:n:<số>", zod-validated in app/admin-requests.ts).
 */
import {
  ADMIN_DECISION_PREFIX,
  ADMIN_REQUEST_TEXTS,
  CONFIRM_COMMAND,
  decodeAdminDecision,
  parseRequestNumber,
  REFUSE_COMMAND,
} from "../app/admin-requests.ts";
import { byWhomOf, type Person, ROLE_LABELS } from "../app/assistant.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { type Role, roleSchema, userIdFor } from "../store/state.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type ChoiceOutcome, type Output, text } from "./outputs.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

/** Role words an admin may type: the stored names and Vietnamese ones without diacritics. */
const ROLE_WORDS: Record<string, Role> = {
  head: "head",
  "thu-truong": "head",
  thutruong: "head",
  deputy: "deputy",
  "cap-pho": "deputy",
  pho: "deputy",
  member: "member",
  "thanh-vien": "member",
  thanhvien: "member",
  leader: "leader",
  "lanh-dao": "leader",
  lanhdao: "leader",
  admin: "admin",
  "quan-tri": "admin",
  quantri: "admin",
};

export function parseRole(word: string | undefined): Role | undefined {
  if (!word) return undefined;
  const r = ROLE_WORDS[word.toLowerCase()];
  return r && roleSchema.safeParse(r).success ? r : undefined;
}

/** "telegram:123", "zalo:abc" or a bare Telegram id "123". */
export function parseUserId(arg: string): string | undefined {
  const a = arg.trim();
  if (/^(telegram|zalo):[A-Za-z0-9_-]{1,64}$/.test(a)) return a;
  if (/^-?\d{1,20}$/.test(a)) return userIdFor("telegram", a);
  return undefined;
}

export async function inviteCommand(d: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  const { app, assistant } = d;
  const [unitId, roleWord, ...nameWords] = arg.split(/\s+/).filter(Boolean);
  if (!unitId || !roleWord) return [text(T.usageMoi)];
  const role = parseRole(roleWord);
  if (!role) return [text(`${T.wrongRole(roleWord.slice(0, 30))}\n${T.usageMoi}`)];
  if (!app.knowledge().unit(unitId)) return [text(T.unknownUnitId(unitId.slice(0, 40)))];
  const name = nameWords.join(" ").slice(0, 100);
  const { code, unit, expiresOn } = await assistant.createLinkCode({
    unitId,
    role,
    ...(name ? { name } : {}),
    createdBy: byWhomOf(p),
  });
  d.log?.info({ channel: p.channel, unitId, role }, "link code created");
  const bot = d.telegramBot ?? app.config.PUBLIC_BOT_USERNAME;
  const lines = [
    T.linkCodeMade,
    `Mã: ${code.code}`,
    `Đơn vị: ${unit.name}`,
    `Vai trò: ${ROLE_LABELS[role]}`,
    ...(name ? [`Người nhận: ${name}`] : []),
    `Hết hạn: ${expiresOn}; chỉ dùng được một lần.`,
    ...(role === "admin" ? [T.adminCodeNote] : []),
    "",
    ...(bot ? [T.linkCodeHowTelegram, `https://t.me/${bot}?start=${code.code}`] : []),
    T.linkCodeHowTyped(code.code),
  ];
  return [text(lines.join("\n"))];
}

export async function listCommand(d: ConversationDeps): Promise<Output[]> {
  const { app } = d;
  const kb = app.knowledge();
  const users = app.store.state.users();
  if (!users.length) return [text(T.noLinkedUsers)];
  const unitName = (id: string) => kb.unit(id)?.name ?? id;
  const byUnit = new Map<string, typeof users>();
  for (const u of users) byUnit.set(u.unitId, [...(byUnit.get(u.unitId) ?? []), u]);
  const lines = [`Tài khoản đã liên kết (${users.length})`];
  const units = [...byUnit.keys()].sort((a, b) => unitName(a).localeCompare(unitName(b), "vi"));
  for (const unitId of units) {
    lines.push("", unitName(unitId));
    for (const u of byUnit.get(unitId)!) {
      const since = formatViDate(localDate(new Date(u.linkedAt)));
      const reach = u.reachable
        ? ""
        : ` — không nhắn được${u.unreachableReason ? ` (${u.unreachableReason})` : ""}`;
      lines.push(
        `• ${u.name ?? "(chưa có tên)"} — ${ROLE_LABELS[u.role].toLowerCase()} — ${u.id} — từ ${since}${reach}`,
      );
    }
  }
  const pending = app.store.state.linkCodes({ now: app.now() }).length;
  lines.push("");
  if (pending) lines.push(`Mã liên kết chưa dùng, còn hạn: ${pending}.`);
  lines.push("Hủy liên kết: /huy <mã tài khoản>, ví dụ /huy telegram:123456789");
  return [text(lines.join("\n"))];
}

export async function unlinkCommand(d: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  const { app } = d;
  const userId = arg ? parseUserId(arg) : undefined;
  if (!userId) return [text(T.usageHuy)];
  const user = app.store.state.getUser(userId);
  if (!user) return [text(T.noSuchAccount(userId))];
  await app.store.state.unlink(userId);
  d.log?.info({ channel: p.channel, unitId: user.unitId }, "account unlinked by an admin");
  const unit = app.knowledge().unit(user.unitId)?.name ?? user.unitId;
  return [text(T.unlinked(user.name ?? userId, unit))];
}

const decisionCommand =
  (decision: "grant" | "refuse") =>
  async (d: ConversationDeps, p: Person, arg: string): Promise<Output[]> => {
    const { assistant } = d;
    const name = decision === "grant" ? CONFIRM_COMMAND : REFUSE_COMMAND;
    if (!arg) {
      const lines = assistant.pendingAdminRequests();
      if (!lines.length) return [text(ADMIN_REQUEST_TEXTS.none)];
      return [
        text(
          [
            `Yêu cầu quyền quản trị đang chờ (${lines.length})`,
            ...lines,
            `Xác nhận: /${CONFIRM_COMMAND} <số> — Từ chối: /${REFUSE_COMMAND} <số>`,
          ].join("\n"),
        ),
      ];
    }
    const id = parseRequestNumber(arg);
    if (!id) return [text(ADMIN_REQUEST_TEXTS.usage(name))];
    return [text((await assistant.decideAdminRequest(p, id, decision)).message)];
  };

export const confirmAdminCommand = decisionCommand("grant");
export const refuseAdminCommand = decisionCommand("refuse");

/** A "qt:y:<số>" / "qt:n:<số>" choice (the admins' message); the Assistant refuses anyone but an admin. */
export async function adminDecisionChoice(
  d: ConversationDeps,
  p: Person,
  data: string,
): Promise<ChoiceOutcome> {
  const decision = data.startsWith(ADMIN_DECISION_PREFIX) ? decodeAdminDecision(data) : undefined;
  if (!decision) return { kind: "stale", text: T.staleDecision };
  const out = await d.assistant.decideAdminRequest(p, decision.requestId, decision.decision);
  return { kind: "outputs", outputs: [text(out.message)] };
}
