/**
 * Fuzzing the Zalo channel: hostile raw bodies (what the webhook or getUpdates delivers) go through
 * `parseUpdate` and the conversation adapter with the reminder handlers main.ts gives it, from senders
 * of every kind (a reminder with numbered answers was sent to the head first, so “1”, “xong”… reach
 * the reminder answers). For every update:
 * - nothing throws, the conversation never fails (no error logged) and no answer is dropped (no
 *   "could not send a Zalo message");
 * - every message sent is plain text of 1–2,000 characters, with no HTML markup or entity the user did
 *   not type, no internals (error names, stack frames, "undefined", file paths), no secret;
 * - no one but an admin sees another person's chat id, and only leaders and admins their names;
 * - an unauthorised sender (not linked; or a group, a bot, a malformed body) changes nothing in the
 *   store but the Zalo bookkeeping (message ids seen, the quota count) and, with BOT_ACCESS=open, a
 *   question nobody could answer kept for the secretariat.
 *
 * Replay: FUZZ_SEED=<seed> (in the test name) and FUZZ_ZALO_COUNT (default 2,000: half per access mode; about 80 updates/s, each message persists the Zalo bookkeeping).
 */
import { describe, it } from "vitest";
import { parseUpdate, ZaloClient } from "../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../src/channels/zalo/conversation.ts";
import { ChoiceMemory } from "../../src/channels/zalo/memory.ts";
import { ZaloQuota } from "../../src/channels/zalo/quota.ts";
import { ZaloSender } from "../../src/channels/zalo/sender.ts";
import { attachReminders } from "../../src/conversation/reminders.ts";
import { ReminderAnswers } from "../../src/notifier/answers.ts";
import { runReminders, SendLimiter } from "../../src/notifier/notifier.ts";
import { reminderOptionsFromConfig } from "../../src/notifier/options.ts";
import { ReminderPrompts } from "../../src/notifier/prompts.ts";
import { makeApp } from "../helpers/bot-harness.ts";
import { FAKE_ZALO_TOKEN } from "../helpers/fake-zalo-api.ts";
import {
  brief,
  fuzzSeed,
  LINKED,
  leakProblem,
  linkSenders,
  Rng,
  SECRETS,
  storeBytes,
  withoutAllowed,
  ZALO_WEBHOOK_SECRET,
  ZL,
} from "./harness.ts";
import { EMOJI, hostileQuestion, hostileText, INJECTION, piece, VIETNAMESE } from "./hostile.ts";

const SEED = fuzzSeed(20_231_010);
const TOTAL = (() => {
  const v = process.env["FUZZ_ZALO_COUNT"]?.trim();
  return v ? Number(v) : 2_000;
})();
const PER_MODE = Math.ceil(TOTAL / 2);
/** 10/10/2023, 08:30 in Ninh Thuận: the so-tttt task is due today, its head gets a reminder. */
const NOW = "2023-10-10T01:30:00.000Z";

interface SentMessage {
  chatId: string;
  text: string;
}

/** Zalo's Bot API in process: records sendMessage, refuses what Zalo refuses. */
function fakeZalo() {
  const sent: SentMessage[] = [];
  let n = 0;
  const json = (status: number, body: object) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = (async (input: unknown, init?: { body?: unknown }) => {
    const m = /\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(String(input)).pathname);
    if (!m || decodeURIComponent(m[1]!) !== FAKE_ZALO_TOKEN) return json(401, { ok: false, error_code: 401 });
    const body = JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>;
    if (m[2] !== "sendMessage") return json(200, { ok: true, result: {} });
    const text = body["text"];
    if (typeof text !== "string" || text.length < 1 || text.length > 2000)
      return json(400, { ok: false, error_code: 400, description: "text must be 1-2000 characters" });
    sent.push({ chatId: String(body["chat_id"]), text });
    return json(200, { ok: true, result: { message_id: `z${++n}`, date: Date.now() } });
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

type Kind = "unknown" | "stranger" | "member" | "head" | "leader" | "admin" | "otherHead";

const COMMANDS = [
  "start",
  "help",
  "trogiup",
  "chude",
  "nhiemvu",
  "hanchot",
  "quahan",
  "vanban",
  "timkiem",
  "lienket",
  "huylienket",
  "abc",
  "CHUDE",
  "nhiệm vụ",
  "a".repeat(300),
];
const SHORTCUTS = [
  "xong",
  "đã xong",
  "Hoàn thành",
  "dang lam",
  "đang thực hiện",
  "giahan",
  "giahan 30/9",
  "giahan 30/9/2026 vì chưa đủ kinh phí",
  "gia hạn 31/12/2023 lý do",
  "giahan 2023-02-30",
  "hotro",
  "hotro cần thêm kinh phí <b>",
  "hủy",
  "thôi",
  "30/9/2026",
  "tiếp",
  "trước",
  "Tiếp theo",
  "1",
  "2",
  "3",
  "4",
  "5",
  "0",
  "99",
  "1.",
];

class Generator {
  readonly r: Rng;
  readonly #seen: string[] = [];
  #n = 0;
  constructor(seed: number) {
    this.r = new Rng(seed);
  }

  #text(): string {
    const r = this.r;
    return r.weighted<() => string>([
      [15, () => hostileText(r)],
      [15, () => hostileQuestion(r)],
      [15, () => r.pick(SHORTCUTS)],
      [
        20,
        () => {
          const arg = r.weighted<() => string>([
            [3, () => ""],
            [3, () => hostileText(r, r.int(1, 60))],
            [1, () => hostileText(r, 990)],
            [1, () => r.pick(EMOJI).repeat(r.int(1, 20))],
            [2, () => `${r.pick(INJECTION)} ${r.pick(VIETNAMESE)}`],
            [2, () => r.pick(["2023", "3609/KH-BĐHCĐS", "so-tttt", "ABCD2345", "<b>"])],
          ])();
          const slash = r.chance(0.7) ? "/" : "";
          const at = r.chance(0.05) ? "@bot" : "";
          return `${slash}${r.pick(COMMANDS)}${at}${arg ? r.pick([" ", "\n", "  "]) : ""}${arg}`;
        },
      ],
      [3, () => `${piece(r)}${r.pick(SHORTCUTS)}${piece(r)}`],
      [2, () => hostileText(r, r.pick([999, 1000, 1001, 2000, 10_000]))],
    ])();
  }

  /** A raw body as Zalo might deliver it (or a forged / broken one). */
  next(): { raw: unknown; sender: Kind; chatId: string; inputs: string[]; kind: string } {
    const r = this.r;
    const sender = r.weighted<Kind>([
      [20, "unknown"],
      [10, "stranger"],
      [14, "member"],
      [18, "head"],
      [12, "leader"],
      [18, "admin"],
      [8, "otherHead"],
    ]);
    const chatId = sender === "stranger" ? `zl-la-${r.int(0, 30)}` : ZL[sender];
    const messageId = (() => {
      if (r.chance(0.04) && this.#seen.length) return r.pick(this.#seen); // a redelivery
      if (r.chance(0.03)) return undefined;
      const id = `m${++this.#n}`;
      this.#seen.push(id);
      return id;
    })();
    const linked = sender in LINKED ? LINKED[sender as keyof typeof LINKED] : undefined;
    const from = r.weighted<Record<string, unknown> | undefined>([
      [90, { id: chatId, display_name: linked?.name ?? hostileText(r, r.int(1, 30)), is_bot: false }],
      [3, { id: chatId, display_name: "bot", is_bot: true }],
      [3, { id: "ai-khac", display_name: r.pick(INJECTION) }],
      [2, undefined],
      [2, { id: 12345, display_name: 7 }],
    ]);
    const chatType = r.weighted<string | undefined>([
      [88, "PRIVATE"],
      [3, "private"],
      [3, undefined],
      [3, "GROUP"],
      [3, hostileText(r, r.int(1, 10))],
    ]);
    const kind = r.weighted<string>([
      [80, "text"],
      [6, "non-text"],
      [4, "odd-event"],
      [4, "bad-text"],
      [6, "malformed"],
    ]);
    const text = kind === "text" ? this.#text() : "";
    const message = {
      ...(from ? { from } : {}),
      chat: {
        id: r.chance(0.02) ? Number(r.int(1, 9999)) : chatId,
        ...(chatType ? { chat_type: chatType } : {}),
      },
      ...(messageId ? { message_id: messageId } : {}),
      date: 1_750_000_000_000 + this.#n,
    };
    let raw: unknown;
    switch (kind) {
      case "text":
        raw = { event_name: "message.text.received", message: { ...message, text } };
        break;
      case "non-text":
        raw = {
          event_name: r.pick([
            "message.image.received",
            "message.sticker.received",
            "message.voice.received",
            "message.unsupported.received",
          ]),
          message: { ...message, photo_url: "https://x/y.jpg", sticker: "s", caption: hostileText(r, 30) },
        };
        break;
      case "odd-event":
        raw = {
          event_name: r.pick([
            "message.link.received",
            "user.follow",
            "message.text.recieved",
            hostileText(r, 20),
          ]),
          message: { ...message, text: hostileText(r, 30) },
        };
        break;
      case "bad-text":
        raw = {
          event_name: "message.text.received",
          message: { ...message, text: r.pick<unknown>([42, null, ["a"], { a: 1 }, true, ""]) },
        };
        break;
      default:
        raw = r.pick<unknown>([
          null,
          "chuỗi",
          42,
          [],
          {},
          {
            ok: true,
            result: {
              event_name: "message.text.received",
              message: { ...message, text: hostileQuestion(r) },
            },
          },
          { ok: false },
          { event_name: "message.text.received" },
          { event_name: "message.text.received", message: null },
          { event_name: "message.text.received", message: { text: "xin chào" } },
          { event_name: "message.text.received", message: { chat: {}, text: "xin chào" } },
          { event_name: "message.text.received", message: { chat: { id: "" }, text: "xin chào" } },
          { event_name: ["x"], message },
          {
            event_name: "message.text.received",
            message: { ...message, text: "x", __proto__: { polluted: 1 } },
          },
        ]);
    }
    return {
      raw,
      sender,
      chatId,
      kind,
      inputs: [text, JSON.stringify(raw) ?? ""],
    };
  }
}

async function fuzz(mode: "members" | "open", seed: number, count: number) {
  const h = await makeApp(
    { BOT_ACCESS: mode, ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN, ZALO_WEBHOOK_SECRET },
    { now: NOW },
  );
  try {
    const { app, assistant, logs } = h;
    await linkSenders(app, "zalo");
    const api = fakeZalo();
    const client = new ZaloClient({
      token: FAKE_ZALO_TOKEN,
      apiRoot: "http://zalo.invalid",
      fetch: api.fetch,
    });
    const log = app.logger.child({ channel: "zalo" });
    const quota = new ZaloQuota({
      settings: app.store.state,
      quota: app.config.ZALO_MONTHLY_QUOTA,
      now: () => app.now(),
    });
    const choices = new ChoiceMemory(() => app.now());
    const sender = new ZaloSender({ client, quota, choices, log });
    const answers = new ReminderAnswers(
      app,
      { zalo: sender },
      { limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }) },
    );
    attachReminders(assistant, new ReminderPrompts({ app, answers }));
    const conversation = new ZaloConversation({
      app,
      assistant,
      client,
      quota,
      choices,
      log,
      flood: { limit: 1_000_000, windowMs: 1000 },
    });
    // The head gets today's reminder with its numbered answers.
    const report = await runReminders({
      store: app.store,
      knowledge: app.knowledge(),
      senders: { zalo: sender },
      options: reminderOptionsFromConfig(app.config),
      now: () => app.now(),
      limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }),
    });
    if (report.sent < 1) throw new Error(`no reminder sent before the fuzz: ${JSON.stringify(report)}`);

    const gen = new Generator(seed);
    const problems: string[] = [];
    const people = (Object.keys(LINKED) as (keyof typeof LINKED)[]).map((k) => ({
      chatId: ZL[k],
      texts: [ZL[k], LINKED[k].name],
    }));
    let logMark = logs.lines.length;
    let sentMark = api.sent.length;
    let guarded = 0;
    let kept = 0;
    const started = performance.now();

    for (let i = 0; i < count; i++) {
      const g = gen.next();
      const fail = (p: string) => problems.push(`#${i}: ${p}\n  update: ${brief(g.raw)}`);
      let update: ReturnType<typeof parseUpdate>;
      try {
        update = parseUpdate(g.raw);
      } catch (e) {
        fail(`parseUpdate threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      // Who the conversation will take the writer for: the chat (a private chat's id is the person's).
      const m = update?.message;
      const chatOk = !m?.chat.chat_type || m.chat.chat_type.toUpperCase() === "PRIVATE";
      const textEvent = update?.event_name === "message.text.received" && typeof m?.text === "string";
      const asks = !!m && chatOk && !m.from?.is_bot && textEvent;
      const person = m ? assistant.identify("zalo", m.chat.id) : undefined;
      const authorised = asks && !!person && (person.isAdmin || !!person.user);
      await conversation.idle();
      const before = authorised ? undefined : await storeBytes(h.dir);
      if (before) guarded++;
      try {
        if (update) await conversation.handle(update);
        await conversation.idle();
      } catch (e) {
        fail(`threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const out of api.sent.slice(sentMark)) {
        const m = out;
        if (!m.text.trim()) fail(`an empty message to ${m.chatId}`);
        if (m.text.length > 2000) fail(`a message of ${m.text.length} characters`);
        // What an earlier user typed may come back from the store: it counts as typed.
        const leak =
          leakProblem(m.text, g.inputs) &&
          leakProblem(m.text, [...g.inputs, ...Object.values(await storeBytes(h.dir))]);
        if (leak) fail(`a reply shows ${leak}: ${m.text.slice(0, 300)}`);
        const markup = /<\/?(b|i|u|s|a|code|pre)(?=[\s>])[^>]*>|&(amp|lt|gt|quot|#\d+);/.exec(m.text);
        if (markup && !g.inputs.some((t) => t.includes(markup[0])))
          fail(`markup ${markup[0]} in a Zalo text: ${m.text.slice(0, 300)}`);
        if (m.chatId !== ZL.admin) {
          for (const p of people) {
            if (p.chatId === m.chatId) continue;
            const shown = m.chatId === ZL.leader ? p.texts.slice(0, 1) : p.texts;
            for (const t of shown)
              if (m.text.includes(t) && !g.inputs.some((x) => x.includes(t)))
                fail(`${t} (someone else's) sent to ${m.chatId}`);
          }
        }
      }
      sentMark = api.sent.length;
      const lines = logs.lines.slice(logMark);
      logMark = logs.lines.length;
      for (const l of lines) {
        if (/"level":(50|60)/.test(l) || l.includes("could not send a Zalo message"))
          fail(`logged: ${l.slice(0, 500)}`);
        for (const s of SECRETS) if (l.includes(s)) fail(`a secret in the log: ${l.slice(0, 300)}`);
      }
      if (before) {
        const allow = { zaloSettings: true, unanswered: mode === "open" && asks };
        const after = await storeBytes(h.dir);
        const a = withoutAllowed(after, allow);
        const b = withoutAllowed(before, allow);
        for (const name of Object.keys(b))
          if (a[name] !== b[name]) fail(`an unauthorised update (${g.sender}, ${g.kind}) changed ${name}`);
        if (
          JSON.parse(after["state.json"]!).unansweredSeq !== JSON.parse(before["state.json"]!).unansweredSeq
        )
          kept++;
      }
      await linkSenders(app, "zalo");
      if (gen.r.chance(0.01)) h.clock.advance(gen.r.int(1, 120) * 60_000);
      if (problems.length >= 25) break;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz-zalo BOT_ACCESS=${mode} seed ${seed}: ${count} updates in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} updates/s), ` +
        `${api.sent.length} messages sent, ${guarded} unauthorised updates checked for state changes (${kept} kept an unanswered question)`,
    );
    if (problems.length) {
      throw new Error(
        `${problems.length} problem(s) with seed ${seed} (replay: FUZZ_SEED=${seed}):\n${problems.slice(0, 10).join("\n")}`,
      );
    }
  } finally {
    await h.close();
  }
}

describe("fuzzing the Zalo conversation", () => {
  const openSeed = (SEED ^ 0x2f6b3c1d) >>> 0;
  it(`${PER_MODE} hostile updates, BOT_ACCESS=members (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, async () => {
    await fuzz("members", SEED, PER_MODE);
  }, 300_000);

  it(`${PER_MODE} hostile updates, BOT_ACCESS=open (seed ${openSeed}, from FUZZ_SEED=${SEED})`, async () => {
    await fuzz("open", openSeed, PER_MODE);
  }, 300_000);
});
