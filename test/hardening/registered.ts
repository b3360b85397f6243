/**
 * What the channels really handle, found from the bot and the conversation themselves (not from the menus),
 * for the access-control table (access-control.test.ts):
 * - Telegram commands: every `Composer#command` registration made while createBot builds
 *   the bot as main.ts does, plus every `/word` of a broad candidate list (the menus, the registrations,
 *   and every word of the string and regex literals under src/) that the bot answers with anything but
 *   “Không có lệnh …” for at least one kind of sender. A command parsed by hand in a text handler is
 *   found by the second way, one registered with `command()` by both.
 * - Telegram buttons: every `Composer#callbackQuery` trigger registered, plus every callback data of a
 *   candidate list (the buttons the bot sends while the commands are swept, the samples of the table,
 *   and every short “prefix:” of the literals under src/ with a few tails) that is answered with
 *   anything but the catch-all's “Nút này đã cũ…”.
 * - Zalo commands: every `/word` of the same candidate list that the conversation (built as startZalo
 *   builds it, with the reminder handlers) answers with anything but “Không có lệnh /…”.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Composer } from "grammy";
import type { Update } from "grammy/types";
import { vi } from "vitest";
import { TEXTS } from "../../src/channels/telegram/texts.ts";
import { ZaloClient } from "../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../src/channels/zalo/conversation.ts";
import { ChoiceMemory } from "../../src/channels/zalo/memory.ts";
import { ZaloQuota } from "../../src/channels/zalo/quota.ts";
import { ZaloSender } from "../../src/channels/zalo/sender.ts";
import { ZALO_TEXTS } from "../../src/channels/zalo/texts.ts";
import { attachReminders } from "../../src/conversation/reminders.ts";
import { fold } from "../../src/core/text/normalize.ts";
import { ReminderAnswers } from "../../src/notifier/answers.ts";
import { SendLimiter } from "../../src/notifier/notifier.ts";
import { ReminderPrompts } from "../../src/notifier/prompts.ts";
import type { AppHarness } from "../helpers/bot-harness.ts";
import { FAKE_ZALO_TOKEN } from "../helpers/fake-zalo-api.ts";
import { type FullBot, linkSenders, makeFullBot, SENDER_KINDS, type SenderKind, TG, ZL } from "./harness.ts";

// ---------------------------------------------------------------- candidates from the sources

const SRC = path.resolve("src");

async function tsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await tsFiles(p)));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** The contents of the string, template and regex literals of a source (roughly: enough to find words). */
function literals(source: string): string[] {
  const out: string[] = [];
  const re =
    /"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'|`((?:\\.|[^`\\])*)`|\/((?:\\.|[^/\\\n])+)\/[dgimsuvy]*/g;
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

export interface SourceCandidates {
  /** Lower-case words (a command name is one: letters, digits, “_”). */
  words: string[];
  /** Short “xyz:” prefixes (callback data is “<prefix>:…”). */
  prefixes: string[];
}

/** Every word and every short “prefix:” found in the literals of src/**.ts. */
export async function sourceCandidates(): Promise<SourceCandidates> {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of await tsFiles(SRC)) {
    for (const lit of literals(await readFile(file, "utf8"))) {
      for (const w of lit.matchAll(/[A-Za-z][A-Za-z0-9_]{1,31}/g)) words.add(w[0].toLowerCase());
      // Vietnamese words typed as commands on Zalo fold to letters ("trợgiúp" → "trogiup").
      for (const w of lit.matchAll(/[\p{L}][\p{L}\p{N}_]{1,31}/gu)) {
        const f = fold(w[0]).replace(/[^a-z0-9_]/g, "");
        if (/^[a-z][a-z0-9_]{1,31}$/.test(f)) words.add(f);
      }
      for (const p of lit.matchAll(/(?:^|[^A-Za-z0-9_])([a-z]{1,6}):/g)) prefixes.add(p[1]!);
    }
  }
  return { words: [...words].sort(), prefixes: [...prefixes].sort() };
}

// ---------------------------------------------------------------- what createBot registers

export interface Registrations {
  /** Names given to `command()` anywhere in the bot. */
  commands: string[];
  /** Triggers given to `callbackQuery()`. */
  callbackTriggers: (string | RegExp)[];
}

const flat = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/**
 * Builds something (the bot) while recording every `command` and `callbackQuery` registration made
 * on any grammY Composer (the bot, its features, their sub-composers).
 */
export async function recordRegistrations<T>(
  build: () => Promise<T>,
): Promise<{ value: T; registered: Registrations }> {
  const command = vi.spyOn(Composer.prototype, "command");
  const callbackQuery = vi.spyOn(Composer.prototype, "callbackQuery");
  try {
    const value = await build();
    return {
      value,
      registered: {
        commands: [...new Set(command.mock.calls.flatMap((c) => flat(c[0]).map(String)))].sort(),
        callbackTriggers: callbackQuery.mock.calls.flatMap((c) => flat(c[0])),
      },
    };
  } finally {
    command.mockRestore();
    callbackQuery.mockRestore();
  }
}

/** Whether a callbackQuery trigger matches a callback data (grammY: a string matches exactly). */
export function triggerMatches(trigger: string | RegExp, text: string): boolean {
  return typeof trigger === "string"
    ? trigger === text
    : new RegExp(trigger.source, trigger.flags).test(text);
}

// ---------------------------------------------------------------- Telegram: probing the bot

let nextUpdate = 9_000_000;
let nextMessage = 900_000;

function sender(kind: SenderKind) {
  const id = TG[kind];
  return {
    chat: { id, type: "private" as const, first_name: "Thử" },
    from: { id, is_bot: false, first_name: "Thử" },
  };
}

export function commandUpdate(kind: SenderKind, text: string): Update {
  const m = /^\/[A-Za-z0-9_]+/.exec(text);
  return {
    update_id: nextUpdate++,
    message: {
      message_id: nextMessage++,
      date: 1_700_000_000,
      ...sender(kind),
      text,
      ...(m ? { entities: [{ type: "bot_command", offset: 0, length: m[0].length }] } : {}),
    },
  } as Update;
}

export function pressUpdate(kind: SenderKind, data: string): Update {
  const s = sender(kind);
  return {
    update_id: nextUpdate++,
    callback_query: {
      id: `probe${nextUpdate}`,
      from: s.from,
      chat_instance: "probe",
      data,
      message: { message_id: 1, date: 1_700_000_000, chat: s.chat, text: "…" },
    },
  } as Update;
}

/** The callback data of the inline keyboards in some API calls. */
function buttonData(calls: FullBot["api"]["calls"]): string[] {
  const out: string[] = [];
  for (const c of calls) {
    const markup = c.params["reply_markup"];
    const kb = (typeof markup === "string" ? JSON.parse(markup) : markup) as
      | { inline_keyboard?: { callback_data?: string }[][] }
      | undefined;
    for (const row of kb?.inline_keyboard ?? [])
      for (const b of row) if (b.callback_data) out.push(b.callback_data);
  }
  return out;
}

export interface TelegramFindings {
  registered: Registrations;
  /** Commands the bot answers (registered or parsed by hand), by the kinds of sender that got an answer. */
  answered: Map<string, SenderKind[]>;
  /** Callback data the bot handles (not left to the catch-all), by the kinds that got more than “stale”. */
  handledButtons: Map<string, SenderKind[]>;
  /** Every callback data tried. */
  triedButtons: string[];
  /** Menu and registered names that nobody got an answer to (a menu entry without a handler). */
  unanswered: string[];
}

/** The catch-all's answer to an unknown command, and nothing else. */
function onlyUnknownCommand(calls: FullBot["api"]["calls"], kind: SenderKind, cmd: string): boolean {
  const mine = calls.filter((c) => c.method !== "sendChatAction");
  return (
    mine.length === 1 &&
    mine[0]!.method === "sendMessage" &&
    Number(mine[0]!.params["chat_id"]) === TG[kind] &&
    mine[0]!.params["text"] === TEXTS.unknownCommand(cmd)
  );
}

/** The catch-all's answer to a button nobody handled, and nothing else. */
function onlyStale(calls: FullBot["api"]["calls"]): boolean {
  return (
    calls.length === 1 &&
    calls[0]!.method === "answerCallbackQuery" &&
    calls[0]!.params["text"] === TEXTS.staleButton
  );
}

/**
 * Builds the bot as main.ts does (recording its registrations), then sends every candidate command and
 * presses every candidate button as each kind of sender (BOT_ACCESS=members), on a throwaway DATA_DIR.
 */
export async function probeTelegram(opts: {
  candidates: SourceCandidates;
  /** Names always tried (the menus…). */
  extraCommands: string[];
  /** Callback data always tried (the table's samples…). */
  extraButtons: string[];
}): Promise<TelegramFindings> {
  const { value: h, registered } = await recordRegistrations(() => makeFullBot({ BOT_ACCESS: "members" }));
  try {
    const names = [
      ...new Set([...opts.extraCommands, ...registered.commands, ...opts.candidates.words]),
    ].filter((w) => /^[a-z0-9_]{1,32}$/.test(w));
    const answered = new Map<string, SenderKind[]>();
    const seenButtons = new Set<string>(opts.extraButtons);
    for (const name of names) {
      for (const kind of SENDER_KINDS) {
        const mark = h.mark();
        await h.handle(commandUpdate(kind, `/${name}`));
        const calls = h.api.calls.slice(mark);
        if (onlyUnknownCommand(calls, kind, `/${name}`)) continue;
        answered.set(name, [...(answered.get(name) ?? []), kind]);
        for (const d of buttonData(calls)) seenButtons.add(d);
        // A dialog left open is closed, an unlinked sender linked again.
        await h.handle(commandUpdate(kind, "hủy"));
        await linkSenders(h.app, "telegram");
      }
    }
    const tails = ["", "x", "1", "a", "a:1", "y:1", "q1", "s:abcdefgh", "d:so-tttt:20231010"];
    for (const p of opts.candidates.prefixes) for (const t of tails) seenButtons.add(`${p}:${t}`);
    const triedButtons = [...seenButtons].sort();
    const handledButtons = new Map<string, SenderKind[]>();
    for (const data of triedButtons) {
      for (const kind of SENDER_KINDS) {
        const mark = h.mark();
        await h.handle(pressUpdate(kind, data));
        if (onlyStale(h.api.calls.slice(mark))) continue;
        handledButtons.set(data, [...(handledButtons.get(data) ?? []), kind]);
        await h.handle(commandUpdate(kind, "hủy"));
        await linkSenders(h.app, "telegram");
      }
    }
    const unanswered = [...new Set([...opts.extraCommands, ...registered.commands])].filter(
      (c) => !answered.has(c),
    );
    return { registered, answered, handledButtons, triedButtons, unanswered };
  } finally {
    await h.close();
  }
}

// ---------------------------------------------------------------- Zalo: probing the conversation

/** Zalo's Bot API in process: records the texts sent. */
export function fakeZaloFetch() {
  const sent: { chatId: string; text: string }[] = [];
  let n = 0;
  const json = (body: object) =>
    new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  const fetch = (async (_input: unknown, init?: { body?: unknown }) => {
    const body = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
    if (typeof body["text"] === "string") sent.push({ chatId: String(body["chat_id"]), text: body["text"] });
    return json({ ok: true, result: { message_id: `z${++n}`, date: Date.now() } });
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

export interface ZaloHarness {
  conversation: ZaloConversation;
  sent: { chatId: string; text: string }[];
  /** Handles one text from a kind of sender; resolves once it is answered. */
  say(kind: SenderKind, text: string): Promise<string[]>;
}

let zaloMessage = 0;

/**
 * The Zalo conversation as startZalo builds it with main.ts's reminder handlers (no flood limit; the message
 * ids seen are not persisted, so that only what a command does changes the store).
 */
export function makeZaloConversation(h: AppHarness): ZaloHarness {
  const api = fakeZaloFetch();
  const client = new ZaloClient({ token: FAKE_ZALO_TOKEN, apiRoot: "http://zalo.invalid", fetch: api.fetch });
  const log = h.app.logger.child({ channel: "zalo" });
  const choices = new ChoiceMemory(() => h.app.now());
  // The reminder sender counts its messages in the quota (the store's Zalo settings); the conversation
  // is given none, so that an answer changes nothing in the store.
  const quota = new ZaloQuota({
    settings: h.app.store.state,
    quota: h.app.config.ZALO_MONTHLY_QUOTA,
    now: () => h.app.now(),
  });
  const zaloSender = new ZaloSender({ client, quota, choices, log });
  const answers = new ReminderAnswers(
    h.app,
    { zalo: zaloSender },
    { limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }) },
  );
  const prompts = new ReminderPrompts({ app: h.app, answers });
  attachReminders(h.assistant, prompts);
  const conversation = new ZaloConversation({
    app: h.app,
    assistant: h.assistant,
    client,
    choices,
    log,
    persistRecentIds: false,
    flood: { limit: 1_000_000, windowMs: 1000 },
  });
  return {
    conversation,
    sent: api.sent,
    async say(kind, text) {
      const chatId = ZL[kind];
      const mark = api.sent.length;
      await conversation.handle({
        event_name: "message.text.received",
        message: {
          from: { id: chatId, display_name: "Thử", is_bot: false },
          chat: { id: chatId, chat_type: "PRIVATE" },
          text,
          message_id: `probe${++zaloMessage}`,
          date: 1_750_000_000_000,
        },
      });
      await conversation.idle();
      await h.assistant.settled();
      return api.sent.slice(mark).map((s) => (s.chatId === chatId ? s.text : `(to ${s.chatId}) ${s.text}`));
    },
  };
}

/** The commands the Zalo conversation answers, by the kinds of sender that got more than “Không có lệnh”. */
export async function probeZalo(h: AppHarness, names: string[]): Promise<Map<string, SenderKind[]>> {
  const z = makeZaloConversation(h);
  const answered = new Map<string, SenderKind[]>();
  // The conversation folds a command's name to its letters ("/Trợ_giúp2" → "trogiup"): try each name once.
  const folded = new Set(names.map((n) => fold(n).replace(/[^a-z]/g, "")).filter((n) => n.length >= 2));
  for (const name of folded) {
    for (const kind of SENDER_KINDS) {
      const got = await z.say(kind, `/${name}`);
      if (got.length === 1 && got[0] === ZALO_TEXTS.unknownCommand(name)) continue;
      answered.set(name, [...(answered.get(name) ?? []), kind]);
      await z.say(kind, "hủy");
      await linkSenders(h.app, "zalo");
    }
  }
  return answered;
}
