/**
 * The steps of a guided edit, on grammY conversations (v2, replayed: everything that reads the app
 * goes through `conversation.external`, so a replay sees the same values).
 *
 * - `ask(prompt, parse)`: asks until `parse` accepts the typed text (a wrong input gets the reason and
 *   the hint again); optional buttons give ready answers.
 * - `choose(prompt, choices)`: buttons only.
 * - `confirm(summary)`: "Xác nhận" / "Hủy"; nothing is written before it.
 * - `offer(prompt, choices)`: optional last buttons; anything else ends the dialog and is handled as usual.
 *
 * In every step: the "Hủy" button, or typing "hủy"/"thôi" (or /huy), cancels; another command (or a
 * file) ends the dialog without saving and is then handled as usual; another feature's button is left
 * to that feature. Buttons carry "d:<nonce>:<code>", the nonce being this dialog's, so a button of an
 * older dialog cannot answer this one.
 */
import { type Conversation, type ConversationBuilder, createConversation } from "@grammyjs/conversations";
import type { Context, MiddlewareFn } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Parsed } from "../../../../conversation/parse.ts";
import { foldAlnum } from "../../../../core/text/normalize.ts";
import { sendBlocks } from "../../context.ts";
import { type Block, BUTTON_LABEL_MAX, italic, plain } from "../../render.ts";
import { type SecCtx, shortId } from "./common.ts";
import { SEC_TEXTS } from "./texts.ts";

export type Conv = Conversation<SecCtx, Context>;

/** How long a dialog waits for the next answer; a later message ends it and is handled as usual. */
export const DIALOG_TIMEOUT_MS = 30 * 60_000;

/** A dialog's conversation middleware, under its id. */
export function dialog(builder: ConversationBuilder<SecCtx, Context>, id: string): MiddlewareFn<SecCtx> {
  return createConversation<SecCtx, Context>(builder, { id, maxMillisecondsToWait: DIALOG_TIMEOUT_MS });
}

export interface Choice<T> {
  label: string;
  value: T;
}

const CANCEL_WORDS = new Set(["huy", "huy bo", "thoi", "dung", "cancel"]);
const CONFIRM_WORDS = new Set(["xac nhan", "dong y", "ok", "co", "luu", "yes"]);

type Input = { kind: "text"; text: string; ctx: Context } | { kind: "button"; code: string; ctx: Context };

function label(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > BUTTON_LABEL_MAX ? `${t.slice(0, BUTTON_LABEL_MAX - 1).trimEnd()}…` : t;
}

function asBlocks(prompt: string | Block[]): Block[] {
  return typeof prompt === "string" ? prompt.split("\n").map(plain) : prompt;
}

export class Dialog {
  private constructor(
    readonly conv: Conv,
    readonly ctx: Context,
    readonly nonce: string,
  ) {}

  static async open(conv: Conv, ctx: Context): Promise<Dialog> {
    const nonce = await conv.external(() => shortId().slice(0, 6));
    return new Dialog(conv, ctx, nonce);
  }

  /** Runs `fn` once (its result is replayed afterwards): reads and writes of the app go here. */
  external<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.conv.external(fn);
  }

  private data(code: string): string {
    return `d:${this.nonce}:${code}`;
  }

  private keyboard(
    choices: string[],
    opts: { confirm?: boolean; cancel?: boolean } = {},
  ): InlineKeyboardMarkup {
    const rows: InlineKeyboardButton[][] = [];
    let pending: InlineKeyboardButton | undefined;
    choices.forEach((text, i) => {
      const b = { text: label(text), callback_data: this.data(`c${i}`) };
      if (b.text.length <= 22) {
        if (pending) {
          rows.push([pending, b]);
          pending = undefined;
        } else pending = b;
      } else rows.push([b]);
    });
    if (pending) rows.push([pending]);
    const last: InlineKeyboardButton[] = [];
    if (opts.confirm) last.push({ text: SEC_TEXTS.confirmButton, callback_data: this.data("ok") });
    if (opts.cancel !== false) last.push({ text: SEC_TEXTS.cancelButton, callback_data: this.data("x") });
    if (last.length) rows.push(last);
    return { inline_keyboard: rows };
  }

  /** Sends blocks (HTML-escaped, split at 4096) in the dialog's chat. */
  async say(prompt: string | Block[], keyboard?: InlineKeyboardMarkup): Promise<void> {
    await sendBlocks(this.ctx, asBlocks(prompt), keyboard);
  }

  /** Cancels: says so and ends the dialog. */
  async cancel(): Promise<never> {
    await this.say(SEC_TEXTS.cancelled);
    return this.conv.halt();
  }

  /** The next input of this dialog (cancel, other commands, files and other buttons handled here). */
  private async input(): Promise<Input> {
    for (;;) {
      const u = await this.conv.wait();
      const data = u.callbackQuery?.data;
      if (u.callbackQuery) {
        const m = data ? /^d:([^:]+):(.+)$/.exec(data) : null;
        if (!m) return this.conv.skip({ next: true });
        if (m[1] !== this.nonce) {
          await u.answerCallbackQuery({ text: SEC_TEXTS.oldButton });
          continue;
        }
        await u.answerCallbackQuery();
        if (m[2] === "x") return this.cancel();
        return { kind: "button", code: m[2]!, ctx: u };
      }
      const msg = u.message;
      if (!msg) return this.conv.skip({ next: true });
      if (msg.text === undefined) {
        if (msg.document) {
          await this.say(SEC_TEXTS.leftDialog);
          return this.conv.halt({ next: true });
        }
        await this.say(SEC_TEXTS.textPlease);
        continue;
      }
      const text = msg.text.trim();
      const cmd = /^\/([A-Za-z0-9_]+)(?:@\S+)?\s*$/.exec(text)?.[1];
      if (CANCEL_WORDS.has(foldAlnum(text)) || cmd === "huy") return this.cancel();
      if (text.startsWith("/")) {
        await this.say(SEC_TEXTS.leftDialog);
        return this.conv.halt({ next: true });
      }
      return { kind: "text", text, ctx: u };
    }
  }

  /**
   * Asks until the typed text is accepted by `parse` (run once per input through `external`) or a
   * button of `choices` is pressed.
   */
  async ask<T>(
    prompt: string | Block[],
    parse: (text: string) => Parsed<T> | Promise<Parsed<T>>,
    opts: { hint?: string; choices?: Choice<T>[] } = {},
  ): Promise<T> {
    const choices = opts.choices ?? [];
    const keyboard = this.keyboard(
      choices.map((c) => c.label),
      {},
    );
    await this.say(prompt, keyboard);
    for (;;) {
      const i = await this.input();
      if (i.kind === "button") {
        const n = /^c(\d+)$/.exec(i.code);
        const choice = n ? choices[Number(n[1])] : undefined;
        if (choice) return choice.value;
        continue;
      }
      const r = await this.external(() => parse(i.text));
      if (r.ok) return r.value;
      await this.say([plain(r.message), ...(opts.hint ? [italic(opts.hint)] : [])], keyboard);
    }
  }

  /** Buttons only; typed text matching a label (without diacritics) counts too. */
  async choose<T>(prompt: string | Block[], choices: Choice<T>[]): Promise<T> {
    const keyboard = this.keyboard(choices.map((c) => c.label));
    await this.say(prompt, keyboard);
    for (;;) {
      const i = await this.input();
      if (i.kind === "button") {
        const n = /^c(\d+)$/.exec(i.code);
        const choice = n ? choices[Number(n[1])] : undefined;
        if (choice) return choice.value;
        continue;
      }
      const typed = foldAlnum(i.text);
      const byLabel = choices.find((c) => foldAlnum(c.label) === typed);
      const byNumber = /^\d{1,2}$/.test(typed) ? choices[Number(typed) - 1] : undefined;
      const hit = byLabel ?? byNumber;
      if (hit) return hit.value;
      await this.say(SEC_TEXTS.chooseButton, keyboard);
    }
  }

  /** Shows the summary with "Xác nhận" / "Hủy"; returns once confirmed (cancel ends the dialog). */
  async confirm(summary: string | Block[]): Promise<void> {
    const keyboard = this.keyboard([], { confirm: true });
    await this.say(summary, keyboard);
    for (;;) {
      const i = await this.input();
      if (i.kind === "button" && i.code === "ok") return;
      if (i.kind === "text" && CONFIRM_WORDS.has(foldAlnum(i.text))) return;
      await this.say(SEC_TEXTS.pressConfirm, keyboard);
    }
  }

  /**
   * Optional buttons at the end of a dialog: the chosen value, or (for anything else: text, a command,
   * another button) the dialog ends and that update is handled as usual.
   */
  async offer<T>(prompt: string | Block[], choices: Choice<T>[]): Promise<T> {
    await this.say(
      prompt,
      this.keyboard(
        choices.map((c) => c.label),
        { cancel: false },
      ),
    );
    for (;;) {
      const u = await this.conv.wait();
      const m = /^d:([^:]+):c(\d+)$/.exec(u.callbackQuery?.data ?? "");
      const choice = m && m[1] === this.nonce ? choices[Number(m[2])] : undefined;
      if (!choice) return this.conv.halt({ next: true });
      await u.answerCallbackQuery();
      return choice.value;
    }
  }
}
