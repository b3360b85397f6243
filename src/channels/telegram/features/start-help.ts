/** /start (with a deep-link code: links the account) and /help. */
import { Composer, type Context } from "grammy";
import { ROLE_LABELS } from "../../../app/assistant.ts";
import { type BotDeps, personOf, sendBlocks } from "../context.ts";
import { type Block, blank, bold, italic, plain } from "../html.ts";
import { ADMIN_COMMANDS, type CommandInfo, LEADER_COMMANDS, USER_COMMANDS } from "../menu.ts";
import { linkWithCode } from "./linking.ts";

const line = (c: CommandInfo): Block => [
  { text: `/${c.command}${c.args ? ` ${c.args}` : ""}`, tag: "b" },
  { text: ` — ${c.description}` },
];

export function helpBlocks(isAdmin: boolean): Block[] {
  const out: Block[] = [
    bold("Cách dùng"),
    plain("Gõ câu hỏi bằng tiếng Việt, ví dụ:"),
    plain("• Chủ đề chuyển đổi số năm 2023 là gì?"),
    plain("• Nhiệm vụ của tôi"),
    plain("• Kế hoạch 3609 giao những gì?"),
    plain("• Nhiệm vụ nào sắp đến hạn?"),
    blank(),
    bold("Lệnh"),
    ...USER_COMMANDS.filter((c) => c.command !== "start" && c.command !== "help").map(line),
  ];
  if (isAdmin) {
    out.push(
      blank(),
      bold("Lãnh đạo"),
      ...LEADER_COMMANDS.map(line),
      blank(),
      bold("Quản trị"),
      ...ADMIN_COMMANDS.map(line),
      plain(
        "Gửi kế hoạch dạng Word (.docx) hoặc bảng phụ lục .xlsx, .csv để xem trước và nhập nhiệm vụ; số hiệu văn bản đọc từ tệp (hoặc ghi ở chú thích).",
      ),
    );
  }
  out.push(blank(), italic("Mỗi câu trả lời ghi rõ nguồn [1], [2]… ở cuối."));
  return out;
}

export function startHelp(deps: BotDeps): Composer<Context> {
  const c = new Composer<Context>();

  c.command("start", async (ctx) => {
    const code = ctx.match.trim();
    if (code) {
      await linkWithCode(deps, ctx, code);
      return;
    }
    const p = personOf(ctx, deps.assistant);
    const kb = deps.app.knowledge();
    const name = kb.data.province.assistantName;
    const blocks: Block[] = [
      bold(`Xin chào! Tôi là ${name}.`),
      plain(
        `Tôi trả lời về chuyển đổi số của tỉnh ${kb.data.province.name}: chủ đề của năm, nhiệm vụ và thời hạn của các đơn vị, văn bản chỉ đạo, người phụ trách. Mỗi câu trả lời đều ghi nguồn.`,
      ),
    ];
    if (p?.user) {
      const unit = kb.unit(p.user.unitId)?.name ?? p.user.unitId;
      blocks.push(
        plain(`Tài khoản của bạn đã liên kết với ${unit} (${ROLE_LABELS[p.user.role].toLowerCase()}).`),
      );
    } else if (p && !deps.assistant.mayAsk(p)) {
      blocks.push(
        blank(),
        plain("Trợ lý này dành cho cán bộ các đơn vị đã được liên kết."),
        plain(
          "Hãy liên hệ Tổ Giúp việc Ban Điều hành chuyển đổi số để nhận mã liên kết, rồi gửi: /lienket <mã>.",
        ),
      );
    } else {
      blocks.push(plain("Nếu có mã liên kết của đơn vị, hãy gửi: /lienket <mã> để hỏi “nhiệm vụ của tôi”."));
    }
    blocks.push(blank(), ...helpBlocks(p?.isAdmin ?? false));
    await sendBlocks(ctx, blocks);
  });

  c.command("help", async (ctx) => {
    const p = personOf(ctx, deps.assistant);
    await sendBlocks(ctx, helpBlocks(p?.isAdmin ?? false));
  });

  return c;
}
