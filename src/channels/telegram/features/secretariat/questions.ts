/**
 * /cauhoi: the questions the assistant could not answer (oldest first, up to 10), each with a
 * "Trả lời câu N" button ("ask:<question id>"). The admin types the answer, confirms, and the bot
 * sends it to the asker when the asker can be reached on Telegram (the asker id is "telegram:<chat>"
 * or a linked user's id); the question is then marked answered. Askers on another channel, or who
 * blocked the bot, cannot get it from here: the admin is told, and the question is marked answered
 * (keeping it would not get the answer to them).
 *
 * "Lưu vào danh sách hỏi–đáp" keeps the question and the answer in state.json (setting "faq"). The
 * answer engine does not read that list: it is a record for the secretariat, NOT knowledge (knowledge
 * entries need a source and a shape the engine knows). The admin is told so when saving.
 */
import { Api, Composer, type Context, GrammyError } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { parseText } from "../../../../conversation/parse.ts";
import { formatViDate, localDate } from "../../../../core/time.ts";
import { formatInstant } from "../../../../imports/index.ts";
import type { UnansweredQuestion } from "../../../../store/index.ts";
import type { JsonValue } from "../../../../store/state.ts";
import { type BotDeps, safeError, sendBlocks } from "../../context.ts";
import { type Block, blank, bold, escapeHtml, italic, plain } from "../../render.ts";
import { requireAdmin, type SecCtx } from "./common.ts";
import { type Conv, Dialog, dialog } from "./dialog.ts";
import type { SecretariatFeature } from "./feature.ts";
import { SEC_TEXTS } from "./texts.ts";

export const ANSWER_DIALOG = "sec-traloi";
export const QUESTIONS_SHOWN = 10;
export const FAQ_SETTING = "faq";
const FAQ_MAX = 500;

export interface FaqEntry {
  questionId: string;
  question: string;
  answer: string;
  askedAt: string;
  answeredAt: string;
  by?: string;
}

type Delivery = "sent" | "unreachable" | "other-channel" | "failed";

/** The Telegram chat of an asker id ("telegram:123" or a linked user's id), if any. */
function telegramChat(deps: BotDeps, askerId: string | undefined): { chatId?: string; why?: Delivery } {
  if (!askerId) return { why: "unreachable" };
  const user = deps.app.store.state.getUser(askerId);
  if (user && !user.reachable) return { why: "unreachable" };
  const [channel, chatId] = [askerId.slice(0, askerId.indexOf(":")), askerId.slice(askerId.indexOf(":") + 1)];
  if (channel !== "telegram" || !/^-?\d{1,20}$/.test(chatId)) return { why: "other-channel" };
  return { chatId };
}

function answerMessage(q: UnansweredQuestion, answer: string): string {
  return [
    "<b>Tổ Giúp việc trả lời câu hỏi của bạn</b>",
    `Câu hỏi (${escapeHtml(formatViDate(localDate(new Date(q.askedAt))))}): “${escapeHtml(q.text.slice(0, 500))}”`,
    "",
    escapeHtml(answer),
  ].join("\n");
}

const DELIVERY_TEXTS: Record<Delivery, string> = {
  sent: "Đã gửi câu trả lời cho người hỏi và đánh dấu câu hỏi đã trả lời.",
  unreachable:
    "Người hỏi hiện không nhắn được qua Telegram (đã chặn trợ lý hoặc không rõ tài khoản), nên câu trả lời chưa đến được họ. Câu hỏi được đánh dấu đã trả lời.",
  "other-channel":
    "Người hỏi dùng kênh khác (Zalo), nên câu trả lời chưa gửi được từ Telegram. Câu hỏi được đánh dấu đã trả lời; hãy báo cho người hỏi qua kênh đó nếu cần.",
  failed:
    "Chưa gửi được câu trả lời vì Telegram đang trục trặc. Câu hỏi vẫn chờ; bạn thử lại sau bằng /cauhoi.",
};

export function questionsFeature(deps: BotDeps): SecretariatFeature {
  const { app, log } = deps;

  async function answerQuestion(conv: Conv, ctx: Context, questionId: string): Promise<void> {
    const d = await Dialog.open(conv, ctx);
    const q = await d.external(() => app.store.state.unanswered().find((x) => x.id === questionId) ?? null);
    if (!q) {
      await d.say(SEC_TEXTS.questionGone);
      return;
    }
    const answer = await d.ask(
      [
        bold("Câu hỏi:"),
        plain(`“${q.text}”`),
        italic(`Hỏi lúc ${formatInstant(q.askedAt)}.`),
        blank(),
        plain("Hãy gõ câu trả lời; tôi sẽ gửi cho người hỏi sau khi bạn xác nhận."),
      ],
      (t) => parseText(t, "Câu trả lời", 2, 3000),
    );
    await d.confirm([bold("Gửi câu trả lời này cho người hỏi?"), plain(answer)]);
    const outcome = await d.external(async (): Promise<Delivery> => {
      const still = app.store.state.unanswered().find((x) => x.id === questionId);
      if (!still) return "failed";
      const target = telegramChat(deps, q.askerId);
      let result: Delivery = target.why ?? "sent";
      if (target.chatId) {
        // Sent directly (not through the conversation's recorded API): a failure is a result here.
        const api = new Api(ctx.api.token, ctx.api.options);
        try {
          await api.sendMessage(target.chatId, answerMessage(q, answer), {
            parse_mode: "HTML",
            link_preview_options: { is_disabled: true },
          });
        } catch (e) {
          log.warn({ error: safeError(e, [ctx.api.token]), questionId }, "answer not delivered");
          const blocked =
            e instanceof GrammyError &&
            (e.error_code === 403 || /chat not found|user not found/i.test(e.description));
          result = blocked ? "unreachable" : "failed";
          const user = q.askerId ? app.store.state.getUser(q.askerId) : undefined;
          if (blocked && user) await app.store.state.setReachable(user.id, false, "đã chặn trợ lý");
        }
      }
      if (result !== "failed") await app.store.state.markAnswered(questionId, app.now());
      log.info({ questionId, result }, "unanswered question answered by an admin");
      return result;
    });
    if (outcome === "failed") {
      await d.say(DELIVERY_TEXTS.failed);
      return;
    }
    const save = await d.offer(DELIVERY_TEXTS[outcome], [
      { label: SEC_TEXTS.faqButton, value: true },
      { label: SEC_TEXTS.faqSkipButton, value: false },
    ]);
    if (!save) {
      await d.say("Được, không lưu.");
      return;
    }
    await d.external(async () => {
      const list = app.store.state.getSetting(FAQ_SETTING);
      const entries = (Array.isArray(list) ? list : []) as unknown as FaqEntry[];
      const from = ctx.from;
      const entry: FaqEntry = {
        questionId: q.id,
        question: q.text,
        answer,
        askedAt: q.askedAt,
        answeredAt: app.now().toISOString(),
        ...(from ? { by: `telegram:${from.id}` } : {}),
      };
      const next = [...entries.filter((e) => e.questionId !== q.id), entry].slice(-FAQ_MAX);
      await app.store.state.setSetting(FAQ_SETTING, next as unknown as JsonValue);
    });
    await d.say(SEC_TEXTS.faqSaved);
  }

  const commands = new Composer<SecCtx>();

  commands.command("cauhoi", async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const all = app.store.state.unanswered();
    if (!all.length) {
      await ctx.reply(SEC_TEXTS.noQuestions);
      return;
    }
    const shown = all.slice(0, QUESTIONS_SHOWN);
    const blocks: Block[] = [bold(`Câu hỏi chưa trả lời được (${all.length}):`)];
    const rows: InlineKeyboardButton[][] = [];
    let row: InlineKeyboardButton[] = [];
    shown.forEach((q, i) => {
      const unit = q.unitId ? app.knowledge().unit(q.unitId)?.name : undefined;
      blocks.push(
        blank(),
        plain(`${i + 1}. “${q.text.length > 300 ? `${q.text.slice(0, 299)}…` : q.text}”`),
        italic(`   ${formatInstant(q.askedAt)}${unit ? ` — ${unit}` : ""}`),
      );
      row.push({ text: `Trả lời câu ${i + 1}`, callback_data: `ask:${q.id}` });
      if (row.length === 2) {
        rows.push(row);
        row = [];
      }
    });
    if (row.length) rows.push(row);
    if (all.length > shown.length) {
      blocks.push(blank(), italic(`… và ${all.length - shown.length} câu khác; trả lời các câu trên trước.`));
    }
    await sendBlocks(ctx, blocks, { inline_keyboard: rows });
  });

  commands.callbackQuery(/^ask:/, async (ctx) => {
    if (!(await requireAdmin(ctx, deps))) return;
    const id = /^ask:(q\d{1,9})$/.exec(ctx.callbackQuery.data)?.[1];
    const open = id ? app.store.state.unanswered().some((q) => q.id === id) : false;
    if (!id || !open) {
      await ctx.answerCallbackQuery({ text: SEC_TEXTS.questionGone });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(ANSWER_DIALOG, id);
  });

  return {
    conversations: [dialog(answerQuestion, ANSWER_DIALOG)],
    commands,
  };
}
