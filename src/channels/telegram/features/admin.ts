/**
 * Admin commands (ADMIN_TELEGRAM_IDS or a linked admin role): /moi creates a one-time link code,
 * /danhsach lists who is linked to which unit (personal data: admins only), /huy unlinks someone.
 */
import { Composer, type Context } from "grammy";
import { byWhomOf, ROLE_LABELS } from "../../../app/assistant.ts";
import { formatViDate, localDate } from "../../../core/time.ts";
import { type Role, roleSchema, userIdFor } from "../../../store/state.ts";
import { type BotDeps, personOf, sendBlocks } from "../context.ts";
import { type Block, blank, bold, italic, plain } from "../render.ts";
import { TEXTS } from "../texts.ts";

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

/** Said wherever an admin code is made: the code alone does not make an admin. */
export const ADMIN_CODE_NOTE =
  "Mã quản trị: người dùng mã được liên kết với quyền thành viên; quyền quản trị chỉ có hiệu lực khi một quản trị viên xác nhận (trợ lý sẽ hỏi).";

const MOI_USAGE = [
  "Cách dùng: /moi <mã đơn vị> <vai trò> [họ tên]",
  "Vai trò: head (thủ trưởng), deputy (cấp phó), member (thành viên), leader (lãnh đạo BCĐ/BĐH), admin (quản trị: cần một quản trị viên xác nhận sau khi mã được dùng).",
  "Ví dụ: /moi so-tttt head Nguyễn Văn A",
].join("\n");

/** "telegram:123", "zalo:abc" or a bare Telegram id "123". */
export function parseUserId(arg: string): string | undefined {
  const a = arg.trim();
  if (/^(telegram|zalo):[A-Za-z0-9_-]{1,64}$/.test(a)) return a;
  if (/^-?\d{1,20}$/.test(a)) return userIdFor("telegram", a);
  return undefined;
}

export function admin(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  const { app, assistant } = deps;

  /** Runs `fn` for admins; everyone else is told the command is for admins (and learns nothing). */
  const adminOnly = (fn: (ctx: Context) => Promise<void>) => async (ctx: Context) => {
    const p = personOf(ctx, assistant);
    if (!p?.isAdmin) {
      deps.log.info({ userId: ctx.from?.id }, "admin command refused");
      await ctx.reply(TEXTS.adminOnly);
      return;
    }
    await fn(ctx);
  };

  c.command(
    "moi",
    adminOnly(async (ctx) => {
      const [unitId, roleWord, ...nameWords] = (typeof ctx.match === "string" ? ctx.match : "")
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      const role = parseRole(roleWord);
      if (!unitId || !roleWord) {
        await ctx.reply(MOI_USAGE);
        return;
      }
      if (!role) {
        await ctx.reply(`Vai trò “${roleWord.slice(0, 30)}” không đúng.\n${MOI_USAGE}`);
        return;
      }
      if (!app.knowledge().unit(unitId)) {
        await ctx.reply(
          `Không có đơn vị mã “${unitId.slice(0, 40)}”. Mã đơn vị viết thường, không dấu, ví dụ so-tttt. Tổ Giúp việc xem danh sách bằng: npm run cli -- kb list units`,
        );
        return;
      }
      const name = nameWords.join(" ").slice(0, 100);
      const creator = personOf(ctx, assistant);
      const { code, unit, expiresOn } = await assistant.createLinkCode({
        unitId,
        role,
        ...(name ? { name } : {}),
        ...(creator ? { createdBy: byWhomOf(creator) } : {}),
      });
      deps.log.info({ by: ctx.from?.id, unitId, role }, "link code created");
      const link = `https://t.me/${ctx.me.username}?start=${code.code}`;
      const blocks: Block[] = [
        bold("Đã tạo mã liên kết"),
        [{ text: "Mã: " }, { text: code.code, tag: "code" }],
        plain(`Đơn vị: ${unit.name}`),
        plain(`Vai trò: ${ROLE_LABELS[role]}`),
        ...(name ? [plain(`Người nhận: ${name}`)] : []),
        plain(`Hết hạn: ${expiresOn}; chỉ dùng được một lần.`),
        ...(role === "admin" ? [italic(ADMIN_CODE_NOTE)] : []),
        blank(),
        plain("Gửi cho người nhận đường liên kết này (bấm vào là liên kết xong):"),
        plain(link),
        plain(`Hoặc người nhận nhắn cho trợ lý: /lienket ${code.code}`),
      ];
      await sendBlocks(ctx, blocks);
    }),
  );

  c.command(
    "danhsach",
    adminOnly(async (ctx) => {
      const kb = app.knowledge();
      const users = app.store.state.users();
      if (!users.length) {
        await sendBlocks(ctx, [
          plain("Chưa có tài khoản nào được liên kết."),
          plain("Tạo mã liên kết: /moi <mã đơn vị> <vai trò> [họ tên]"),
        ]);
        return;
      }
      const unitName = (id: string) => kb.unit(id)?.name ?? id;
      const byUnit = new Map<string, typeof users>();
      for (const u of users) byUnit.set(u.unitId, [...(byUnit.get(u.unitId) ?? []), u]);
      const blocks: Block[] = [bold(`Tài khoản đã liên kết (${users.length})`)];
      const units = [...byUnit.keys()].sort((a, b) => unitName(a).localeCompare(unitName(b), "vi"));
      for (const unitId of units) {
        blocks.push(blank(), bold(unitName(unitId)));
        for (const u of byUnit.get(unitId)!) {
          const since = formatViDate(localDate(new Date(u.linkedAt)));
          const reach = u.reachable
            ? ""
            : ` — không nhắn được${u.unreachableReason ? ` (${u.unreachableReason})` : ""}`;
          blocks.push(
            plain(
              `• ${u.name ?? "(chưa có tên)"} — ${ROLE_LABELS[u.role].toLowerCase()} — ${u.id} — từ ${since}${reach}`,
            ),
          );
        }
      }
      const pending = app.store.state.linkCodes({ now: app.now() }).length;
      blocks.push(blank());
      if (pending) blocks.push(italic(`Mã liên kết chưa dùng, còn hạn: ${pending}.`));
      blocks.push(italic("Hủy liên kết: /huy <mã tài khoản>, ví dụ /huy telegram:123456789"));
      await sendBlocks(ctx, blocks);
    }),
  );

  c.command("huy", async (ctx, next) => {
    // A bare /huy is "cancel" for a dialog in progress (secretariat feature): let it through.
    if (!(typeof ctx.match === "string" ? ctx.match : "").trim()) return next();
    await unlinkSomeone(ctx);
  });
  const unlinkSomeone = adminOnly(async (ctx) => {
    const arg = (typeof ctx.match === "string" ? ctx.match : "").trim();
    const userId = arg ? parseUserId(arg) : undefined;
    if (!userId) {
      await ctx.reply(TEXTS.usageHuy);
      return;
    }
    const user = app.store.state.getUser(userId);
    if (!user) {
      await ctx.reply(`Không có tài khoản “${userId}” trong danh sách liên kết. Xem /danhsach.`);
      return;
    }
    await app.store.state.unlink(userId);
    deps.log.info({ by: ctx.from?.id, unitId: user.unitId }, "account unlinked by an admin");
    const unit = app.knowledge().unit(user.unitId)?.name ?? user.unitId;
    await ctx.reply(`Đã hủy liên kết của ${user.name ?? userId} với ${unit}.`);
  });

  return c;
}

/**
 * A bare /huy that no dialog took as "cancel" (mounted after the secretariat feature): the usage of
 * the admin command /huy <mã tài khoản>.
 */
export function bareHuy(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();
  c.command("huy", async (ctx) => {
    const p = personOf(ctx, deps.assistant);
    await ctx.reply(p?.isAdmin ? TEXTS.usageHuy : TEXTS.adminOnly);
  });
  return c;
}
