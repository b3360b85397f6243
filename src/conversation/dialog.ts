/**
 * Guided dialogs, channel-neutral (the secretariat's edits, the answer to an unanswered question): a
 * dialog is an async function that asks (`ask`, `choose`, `confirm`, `offer`) and says; each question
 * waits for the next input of the same person (channel + chat id). Telegram's buttons, Zalo's and the
 * terminal's numbered choices all come back as a choice; typed text as text.
 *
 * - `ask(prompt, parse)`: asks until `parse` accepts the typed text (a wrong input gets the reason and
 *   the hint again); optional choices give ready answers.
 * - `choose(prompt, choices)`: choices only (a typed label or number counts).
 * - `confirm(summary)`: "Xác nhận" / "Hủy" (or another label for the first, e.g. "Lưu"); nothing is
 *   written before it.
 * - `offer(prompt, choices)`: optional last choices; anything else ends the dialog and is handled as usual.
 *
 * In every step: the "Hủy" choice, or typing "hủy"/"thôi" (or /huy), cancels; another command ends the
 * dialog without saving and is then handled as usual. A choice carries "d:<nonce>:<code>", the nonce
 * being this dialog's, so a choice of an older dialog cannot answer this one. A typed number picks the
 * last question's choice of that number (Zalo and the terminal number them; Telegram shows buttons).
 *
 * Where the state lives: in memory, per person, as Telegram's dialogs always were (grammY's
 * conversations kept them in memory): a restart ends an unfinished dialog, in which nothing was saved.
 * A dialog waits DIALOG_TIMEOUT_MS for its next answer; a later message ends it and is handled as usual.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Person } from "../app/assistant.ts";
import { foldAlnum } from "../core/text/normalize.ts";
import { type Button, type ChoiceOutcome, type Output, pairShort, text } from "./outputs.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export const DIALOG_TIMEOUT_MS = 30 * 60_000;
export const DIALOG_PREFIX = "d:";
/** Longest label of a choice (Telegram cuts longer ones badly). */
export const CHOICE_LABEL_MAX = 60;

const dialogDataSchema = z
  .string()
  .max(64)
  .regex(/^d:[A-Za-z0-9_-]{6}:(?:c\d{1,2}|ok|x)$/);

/** "d:<nonce>:<code>" → nonce and code, or undefined for anything forged or garbled. */
export function decodeDialogData(data: string): { nonce: string; code: string } | undefined {
  if (!dialogDataSchema.safeParse(data).success) return undefined;
  const [, nonce, code] = data.split(":");
  return { nonce: nonce!, code: code! };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Choice<T> {
  label: string;
  value: T;
}

type Input = { kind: "text"; text: string } | { kind: "choice"; code: string };

const CANCEL_WORDS = new Set(["huy", "huy bo", "thoi", "dung", "cancel"]);
const CONFIRM_WORDS = new Set(["xac nhan", "dong y", "ok", "co", "luu", "yes"]);

/** Ends the dialog's function when it is cancelled, left or replaced. */
class DialogStop extends Error {
  constructor(readonly passOn: boolean) {
    super("dialog stopped");
  }
}

interface Running {
  key: string;
  nonce: string;
  expires: number;
  outputs: Output[];
  /** The data of the last question's choices, in their numbered order. */
  numbered: string[];
  resume?: (i: Input | DialogStop) => void;
  /** Settles the turn in progress (the dialog asks again, or ends). */
  turn?: (err?: unknown) => void;
  /** The input that ended the dialog is to be handled as usual (offer, or another command). */
  passOn: boolean;
}

/** A prompt: one text, or its lines. */
export type Prompt = string | readonly string[];
const lines = (p: Prompt): string => (typeof p === "string" ? p : p.join("\n"));

function label(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > CHOICE_LABEL_MAX ? `${t.slice(0, CHOICE_LABEL_MAX - 1).trimEnd()}…` : t;
}

/** The questions a dialog asks; one per running dialog. */
export class DialogContext {
  constructor(
    readonly person: Person,
    readonly nonce: string,
    private readonly run: Running,
  ) {}

  #data(code: string): string {
    return `${DIALOG_PREFIX}${this.nonce}:${code}`;
  }

  #buttons(choices: string[], opts: { confirm?: string; cancel?: boolean } = {}): Button[][] {
    const rows: Button[][] = pairShort(
      choices.map((t, i) => ({ label: label(t), data: this.#data(`c${i}`) })),
      (b) => b.label,
    );
    const last: Button[] = [];
    if (opts.confirm) last.push({ label: opts.confirm, data: this.#data("ok") });
    if (opts.cancel !== false) last.push({ label: T.cancelButton, data: this.#data("x") });
    if (last.length) rows.push(last);
    return rows;
  }

  /** Says something in the dialog's chat (with choices, the last question's). */
  say(message: Prompt, buttons?: Button[][]): void {
    this.run.outputs.push(text(lines(message), buttons));
    if (buttons) this.run.numbered = buttons.flat().map((b) => b.data);
  }

  #next(): Promise<Input> {
    return new Promise<Input>((resolve, reject) => {
      this.run.resume = (i) => (i instanceof DialogStop ? reject(i) : resolve(i));
      const turn = this.run.turn;
      this.run.turn = undefined;
      turn?.();
    });
  }

  async #input(): Promise<Input> {
    const i = await this.#next();
    if (i.kind === "choice" && i.code === "x") {
      this.say(T.cancelled);
      throw new DialogStop(false);
    }
    return i;
  }

  /** Asks until the typed text is accepted by `parse`, or a choice of `choices` is picked. */
  async ask<T>(
    prompt: Prompt,
    parse: (text: string) => Parsed<T> | Promise<Parsed<T>>,
    opts: { hint?: string; choices?: Choice<T>[] } = {},
  ): Promise<T> {
    const choices = opts.choices ?? [];
    const buttons = this.#buttons(choices.map((c) => c.label));
    this.say(prompt, buttons);
    for (;;) {
      const i = await this.#input();
      if (i.kind === "choice") {
        const choice = chosen(choices, i.code);
        if (choice) return choice.value;
        continue;
      }
      const r = await parse(i.text);
      if (r.ok) return r.value;
      this.say([r.message, ...(opts.hint ? [opts.hint] : [])].join("\n"), buttons);
    }
  }

  /** Choices only; typed text matching a label (without diacritics) counts too. */
  async choose<T>(prompt: Prompt, choices: Choice<T>[]): Promise<T> {
    const buttons = this.#buttons(choices.map((c) => c.label));
    this.say(prompt, buttons);
    for (;;) {
      const i = await this.#input();
      if (i.kind === "choice") {
        const choice = chosen(choices, i.code);
        if (choice) return choice.value;
        continue;
      }
      const typed = foldAlnum(i.text);
      const hit = choices.find((c) => foldAlnum(c.label) === typed);
      if (hit) return hit.value;
      this.say(T.chooseButton, buttons);
    }
  }

  /**
   * Shows the summary with "Xác nhận" / "Hủy" (`button`: another label than "Xác nhận", `hint`: what is
   * said when something else is typed); returns once confirmed (cancel ends the dialog).
   */
  async confirm(summary: Prompt, opts: { button?: string; hint?: string } = {}): Promise<void> {
    const buttons = this.#buttons([], { confirm: opts.button ?? T.confirmButton });
    this.say(summary, buttons);
    for (;;) {
      const i = await this.#input();
      if (i.kind === "choice" && i.code === "ok") return;
      if (i.kind === "text" && CONFIRM_WORDS.has(foldAlnum(i.text))) return;
      this.say(opts.hint ?? T.pressConfirm, buttons);
    }
  }

  /**
   * Optional choices at the end of a dialog: the chosen value, or (for anything else: text, a command,
   * another choice) the dialog ends and that input is handled as usual.
   */
  async offer<T>(prompt: Prompt, choices: Choice<T>[]): Promise<T> {
    this.say(
      prompt,
      this.#buttons(
        choices.map((c) => c.label),
        { cancel: false },
      ),
    );
    const i = await this.#next();
    const choice =
      i.kind === "choice" ? choices[Number(/^c(\d+)$/.exec(i.code)?.[1] ?? Number.NaN)] : undefined;
    if (!choice) throw new DialogStop(true);
    return choice.value;
  }
}

export type DialogFn = (d: DialogContext) => Promise<void>;

/** What an input to a dialog gave: outputs, and whether the input is still to be handled as usual. */
export interface DialogTurn {
  outputs: Output[];
  passOn: boolean;
}

/** The running dialogs, one per person (channel + chat id). */
export class Dialogs {
  readonly #running = new Map<string, Running>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly now: () => Date,
    private readonly timeoutMs = DIALOG_TIMEOUT_MS,
  ) {}

  static key(p: Person): string {
    return `${p.channel}:${p.chatId}`;
  }

  /** Whether a dialog waits for this person's next input. */
  active(p: Person): boolean {
    const r = this.#running.get(Dialogs.key(p));
    return !!r && r.expires > this.now().getTime();
  }

  /** One input at a time per person (a dialog's step may write to the store). */
  #serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#queues.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => {});
    this.#queues.set(key, tail);
    void tail.then(() => {
      if (this.#queues.get(key) === tail) this.#queues.delete(key);
    });
    return next;
  }

  #turn(r: Running, kick: () => void): Promise<DialogTurn> {
    r.outputs = [];
    r.passOn = false;
    return new Promise<DialogTurn>((resolve, reject) => {
      r.turn = (err?: unknown) => {
        if (err !== undefined) reject(err);
        else resolve({ outputs: r.outputs, passOn: r.passOn });
      };
      kick();
    }).finally(() => {
      r.expires = this.now().getTime() + this.timeoutMs;
    });
  }

  /** Starts a dialog for this person (ending the one they had, unsaved); returns what it says first. */
  start(p: Person, fn: DialogFn): Promise<Output[]> {
    const key = Dialogs.key(p);
    return this.#serial(key, async () => {
      await this.#stop(key);
      const nonce = randomBytes(6).toString("base64url").slice(0, 6);
      const r: Running = { key, nonce, expires: 0, outputs: [], numbered: [], passOn: false };
      this.#running.set(key, r);
      const d = new DialogContext(p, nonce, r);
      const turn = await this.#turn(r, () => {
        fn(d).then(
          () => this.#finish(r),
          (e: unknown) => this.#finish(r, e),
        );
      });
      return turn.outputs;
    });
  }

  #finish(r: Running, e?: unknown): void {
    if (this.#running.get(r.key) === r) this.#running.delete(r.key);
    r.resume = undefined;
    const turn = r.turn;
    r.turn = undefined;
    if (e instanceof DialogStop) {
      r.passOn = e.passOn;
      turn?.();
    } else turn?.(e);
  }

  /** Ends a running dialog without a word (a new dialog replaces it). */
  async #stop(key: string): Promise<void> {
    const r = this.#running.get(key);
    if (!r?.resume) {
      this.#running.delete(key);
      return;
    }
    const resume = r.resume;
    await this.#turn(r, () => resume(new DialogStop(false))).catch(() => {});
  }

  /**
   * A typed text for this person's dialog: undefined when none waits (or it expired), else what the
   * dialog says and whether the text is still to be handled as usual (a command ends the dialog).
   */
  text(p: Person, raw: string): Promise<DialogTurn | undefined> {
    const key = Dialogs.key(p);
    return this.#serial(key, async () => {
      const r = this.#live(key);
      if (!r?.resume) return undefined;
      const t = raw.trim();
      const cmd = /^\/([A-Za-z0-9_]+)(?:@\S+)?\s*$/.exec(t)?.[1];
      if (CANCEL_WORDS.has(foldAlnum(t)) || cmd === "huy") {
        await this.#stop(key);
        return { outputs: [text(T.cancelled)], passOn: false };
      }
      if (t.startsWith("/")) {
        await this.#stop(key);
        return { outputs: [text(T.leftDialog)], passOn: true };
      }
      const n = /^(\d{1,2})\.?$/.exec(t)?.[1];
      const picked = n ? r.numbered[Number(n) - 1] : undefined;
      const code = picked ? decodeDialogData(picked)?.code : undefined;
      const input: Input = code ? { kind: "choice", code } : { kind: "text", text: t };
      const resume = r.resume;
      return this.#turn(r, () => resume(input));
    });
  }

  /** A picked choice "d:<nonce>:<code>": stale when forged, of an older dialog, or the dialog is over. */
  choice(p: Person, data: string): Promise<ChoiceOutcome> {
    const key = Dialogs.key(p);
    return this.#serial(key, async (): Promise<ChoiceOutcome> => {
      const decoded = decodeDialogData(data);
      if (!decoded) return { kind: "stale", text: T.staleChoice };
      const r = this.#live(key);
      if (!r?.resume) return { kind: "stale", text: T.staleChoice };
      if (decoded.nonce !== r.nonce) return { kind: "stale", text: T.oldChoice };
      const resume = r.resume;
      const turn = await this.#turn(r, () => resume({ kind: "choice", code: decoded.code }));
      return { kind: "outputs", outputs: turn.outputs };
    });
  }

  /** The running dialog, unless it expired (then it is ended, unsaved). */
  #live(key: string): Running | undefined {
    const r = this.#running.get(key);
    if (r && r.expires <= this.now().getTime()) {
      const resume = r.resume;
      this.#running.delete(key);
      r.turn = undefined;
      resume?.(new DialogStop(false));
      return undefined;
    }
    return r;
  }
}

/** The choice a button's code ("c2") stands for, if any. */
function chosen<T>(choices: readonly Choice<T>[], code: string): Choice<T> | undefined {
  return choices[Number(/^c(\d+)$/.exec(code)?.[1] ?? Number.NaN)];
}
