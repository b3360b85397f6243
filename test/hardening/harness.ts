/**
 * Shared by the hardening tests: a seeded PRNG, the Telegram bot with every feature mounted as main.ts
 * builds it (createBot's features and the reminder answers), linked senders of each kind, and the
 * checks every outgoing message must pass (Telegram HTML, lengths, buttons, no internals, no secrets).
 */

import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Composer, Context } from "grammy";
import type { App } from "../../src/app/app.ts";
import { createBot } from "../../src/channels/telegram/bot.ts";
import { createTelegramSender } from "../../src/channels/telegram/sender.ts";
import { attachReminders } from "../../src/conversation/reminders.ts";
import { ReminderAnswers } from "../../src/notifier/answers.ts";
import { SendLimiter } from "../../src/notifier/notifier.ts";
import { ReminderPrompts } from "../../src/notifier/prompts.ts";
import { type Channel, type Role, STORE_FILES } from "../../src/store/index.ts";
import { EDITS_JOURNAL_FILE } from "../../src/store/knowledge-edits.ts";
import { type AppHarness, makeApp } from "../helpers/bot-harness.ts";
import { FAKE_BOT_INFO, FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { FAKE_ZALO_TOKEN } from "../helpers/fake-zalo-api.ts";

// ---------------------------------------------------------------- PRNG

/** mulberry32: small, fast, good enough to generate test input; the same seed gives the same run. */
export class Rng {
  #s: number;
  constructor(readonly seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    this.#s = (this.#s + 0x6d2b79f5) >>> 0;
    let t = this.#s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** Picks by weight: [[weight, value], …]. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((a, [w]) => a + w, 0);
    let r = this.next() * total;
    for (const [w, v] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table.at(-1)![1];
  }
}

/** FUZZ_SEED (a number, or "random" for a fresh one) or the default. */
export function fuzzSeed(def: number): number {
  const v = process.env["FUZZ_SEED"]?.trim();
  if (!v) return def;
  if (v === "random") return Math.floor(Math.random() * 2 ** 31);
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${v}`);
  return n;
}

/** FUZZ_COUNT or the default. */
export function fuzzCount(def: number): number {
  const v = process.env["FUZZ_COUNT"]?.trim();
  if (!v) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FUZZ_COUNT must be a positive integer, not ${v}`);
  return n;
}

// ---------------------------------------------------------------- senders

export const SENDER_KINDS = ["unknown", "member", "head", "leader", "admin"] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/** Telegram user ids (= private chat ids), chosen so that they appear in no knowledge text. */
export const TG = {
  unknown: 880_100_001,
  member: 880_100_002,
  head: 880_100_003,
  leader: 880_100_004,
  admin: 880_100_005,
  /** The head of another unit (for "another unit's task"). */
  otherHead: 880_100_006,
} as const;

/** Zalo chat ids (Zalo has no configured admins: the admin is a linked admin role). */
export const ZL = {
  unknown: "zl8801unknown",
  member: "zl8802member",
  head: "zl8803head",
  leader: "zl8804leader",
  admin: "zl8805admin",
  otherHead: "zl8806otherhead",
} as const;

/** Linked people: names that appear nowhere else, so a leak of them is easy to see. */
export const LINKED: Record<
  Exclude<keyof typeof TG, "unknown">,
  { role: Role; unitId: string; name: string }
> = {
  member: { role: "member", unitId: "so-tttt", name: "Quách Thử Thành Viên" },
  head: { role: "head", unitId: "so-tttt", name: "Quách Thử Thủ Trưởng" },
  leader: { role: "leader", unitId: "ubnd-tinh", name: "Quách Thử Lãnh Đạo" },
  admin: { role: "admin", unitId: "ubnd-tinh", name: "Quách Thử Quản Trị" },
  otherHead: { role: "head", unitId: "bo-cong-an", name: "Quách Thử Thủ Trưởng Khác" },
};

/** A task led by the head's unit (so-tttt), and one led by another unit (bo-cong-an). */
export const OWN_TASK = "nv-tuyen-truyen-ngay-cds-tinh";
export const OTHER_TASK = "nv-bca-trung-tam-du-lieu-quoc-gia";

/**
 * Links the senders through one-time codes, as the secretariat would. On Telegram the admin is
 * configured (ADMIN_TELEGRAM_IDS) and not linked; on Zalo it is a linked admin role.
 * Returns the kinds (re)linked.
 */
export async function linkSenders(app: App, channel: Channel): Promise<string[]> {
  const ids = channel === "telegram" ? TG : ZL;
  const done: string[] = [];
  for (const [kind, who] of Object.entries(LINKED) as [keyof typeof LINKED, (typeof LINKED)["member"]][]) {
    if (channel === "telegram" && kind === "admin") continue;
    const chatId = String(ids[kind]);
    const user = app.store.state.findUser(channel, chatId);
    if (user && user.role === who.role && user.unitId === who.unitId && user.reachable) continue;
    const code = await app.store.state.createLinkCode({ unitId: who.unitId, role: who.role, name: who.name });
    // The Zalo admin is seeded as already confirmed (an admin code alone links a member).
    const r = await app.store.state.redeemLinkCode(code.code, { channel, chatId }, undefined, {
      adminConfirmed: true,
    });
    if (!r.ok) throw new Error(`could not link ${kind}`);
    done.push(kind);
  }
  return done;
}

// ---------------------------------------------------------------- the bot with every feature

export interface FullBot extends AppHarness {
  api: FakeBotApi;
  bot: ReturnType<typeof createBot>;
  answers: ReminderAnswers;
  prompts: ReminderPrompts;
  handle(u: Parameters<ReturnType<typeof createBot>["handleUpdate"]>[0]): Promise<void>;
  mark(): number;
}

export const WEBHOOK_SECRET = "hardening-webhook-secret-0123456789";
export const ZALO_WEBHOOK_SECRET = "hardening-zalo-secret-0123";

/**
 * The bot as main.ts builds it (createBot with the reminder answers as the extra feature), on a real App
 * with a temp DATA_DIR; the bot token, the Zalo token and the webhook secrets are configured so that a
 * leak of any would show. Reminder notices to the secretariat go through the same fake Bot API, unpaced.
 */
export async function makeFullBot(
  env: Record<string, string> = {},
  opts: {
    now?: string;
    flood?: { limit: number; windowMs: number };
    retry?: false;
    link?: boolean;
    /** The fetch the bot and the reminder sender use, made from the fake API's (to inject failures). */
    fetch?: (api: FakeBotApi) => typeof fetch;
    /** More features, before the reminder answers. */
    extra?: Composer<Context>[];
  } = {},
): Promise<FullBot> {
  const h = await makeApp(
    {
      ADMIN_TELEGRAM_IDS: String(TG.admin),
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET: ZALO_WEBHOOK_SECRET,
      ...env,
    },
    opts.now ? { now: opts.now } : {},
  );
  const api = new FakeBotApi();
  const fetch = opts.fetch ? opts.fetch(api) : api.fetch;
  const sender = createTelegramSender({ token: FAKE_TOKEN, fetch });
  const answers = new ReminderAnswers(
    h.app,
    { telegram: sender },
    { limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }) },
  );
  const prompts = new ReminderPrompts({ app: h.app, answers });
  attachReminders(h.assistant, prompts);
  const bot = createBot({
    app: h.app,
    assistant: h.assistant,
    token: FAKE_TOKEN,
    fetch,
    botInfo: FAKE_BOT_INFO,
    flood: opts.flood ?? { limit: 1_000_000, windowMs: 1000 },
    ...(opts.retry === false ? { retry: false as const } : {}),
    extraFeatures: [...(opts.extra ?? [])],
  });
  if (opts.link !== false) await linkSenders(h.app, "telegram");
  return {
    ...h,
    api,
    bot,
    answers,
    prompts,
    handle: (u) => bot.handleUpdate(u),
    mark: () => api.calls.length,
    async close() {
      await api.close();
      await h.close();
    },
  };
}

// ---------------------------------------------------------------- checks

/** Tags our Telegram messages may use. */
const TAGS = new Set(["b", "i", "u", "s", "code", "pre", "a"]);

/**
 * A small balancer for Telegram's HTML parse mode: only b/i/u/s/code/pre/a (a with href only), every tag
 * closed in order, "&" only in an entity, "<" and ">" only in tags. Undefined when well-formed.
 */
export function htmlProblem(html: string): string | undefined {
  const stack: string[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      const next = html.indexOf("<", i + 1);
      if (end < 0 || (next >= 0 && next < end)) return `raw "<" at ${i}`;
      const tag = html.slice(i, end + 1);
      const m = /^<(\/?)([a-z-]+)(\s+href="[^"<>]*")?>$/.exec(tag);
      if (!m || !TAGS.has(m[2]!)) return `unsupported tag ${JSON.stringify(tag.slice(0, 40))} at ${i}`;
      if (m[3] && (m[1] || m[2] !== "a")) return `attribute on ${JSON.stringify(tag.slice(0, 40))} at ${i}`;
      if (m[1]) {
        const open = stack.pop();
        if (open !== m[2]) return `</${m[2]}> closes ${open ? `<${open}>` : "nothing"} at ${i}`;
      } else stack.push(m[2]!);
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const m = /^&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i, i + 12));
      if (!m) return `raw "&" at ${i}`;
      i += m[0].length;
      continue;
    }
    if (ch === ">") return `raw ">" at ${i}`;
    i++;
  }
  return stack.length ? `unclosed <${stack.at(-1)}>` : undefined;
}

/** The text Telegram shows for an HTML message (what its 4096 limit counts). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x([0-9a-fA-F]+);/g, "_")
    .replace(/&#(\d+);/g, "_")
    .replace(/&amp;/g, "&");
}

/** Secrets configured in the hardening apps: none may ever reach a user, a log line or a file. */
export const SECRETS: readonly string[] = [
  FAKE_TOKEN,
  FAKE_TOKEN.split(":")[1]!,
  WEBHOOK_SECRET,
  FAKE_ZALO_TOKEN,
  FAKE_ZALO_TOKEN.split(":")[1]!,
  ZALO_WEBHOOK_SECRET,
];

/** What must never reach a user: error names, stack frames, JS artefacts, file paths. */
const INTERNALS: readonly RegExp[] = [
  /Error/,
  /at Object\./,
  /\bat [\w.<>]+ \(/,
  /stack/i,
  /undefined/,
  /\[object/,
  /\bNaN\b/,
  /Invalid Date/,
  /\/work\//,
  /src\//,
  /node_modules/,
  /file:\/\//,
  /\.ts:\d+/,
];

/**
 * Why `text` (something a user receives) shows internals or a secret; undefined when clean. A match the
 * user typed themselves (echoed back, like “Không có lệnh /undefined”) does not count.
 */
export function leakProblem(text: string, inputs: readonly string[]): string | undefined {
  for (const s of SECRETS) if (text.includes(s)) return `a secret (${s.slice(0, 6)}…)`;
  for (const re of INTERNALS) {
    const m = re.exec(text);
    if (m && !inputs.some((i) => i.includes(m[0]))) return `internal text ${JSON.stringify(m[0])}`;
  }
  return undefined;
}

/** The bytes of the store's files (what an unauthorised sender must not change). */
export async function storeBytes(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  // The overlay's commits go to its journal (folded into knowledge-edits.json at close).
  for (const name of [...STORE_FILES, EDITS_JOURNAL_FILE]) {
    out[name] = await readFile(path.join(dataDir, name), "utf8").catch(() => "(absent)");
  }
  return out;
}

/**
 * state.json without what an unauthorised sender may change: unanswered questions (kept for the
 * secretariat only when BOT_ACCESS=open), and the Zalo bookkeeping settings (message ids seen, quota).
 */
export function withoutAllowed(
  files: Record<string, string>,
  allow: { unanswered?: boolean; zaloSettings?: boolean },
): Record<string, string> {
  const state = files["state.json"];
  if (!state || state === "(absent)") return files;
  const d = JSON.parse(state) as Record<string, unknown>;
  if (allow.unanswered) {
    delete d["unanswered"];
    delete d["unansweredSeq"];
  }
  if (allow.zaloSettings && d["settings"] && typeof d["settings"] === "object") {
    const s = { ...(d["settings"] as Record<string, unknown>) };
    for (const k of Object.keys(s)) if (k.startsWith("zalo.")) delete s[k];
    d["settings"] = s;
  }
  return { ...files, "state.json": JSON.stringify(d) };
}

/** Shortens long strings in a value for a failure message (the seed replays the whole thing). */
export function brief(value: unknown, max = 300): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === "string" && v.length > max ? `${v.slice(0, max)}…(${v.length} chars)` : v,
  );
}
