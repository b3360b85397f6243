/**
 * Fuzzing the Telegram bot: hostile updates generated from a seed go through `bot.handleUpdate` (the
 * bot with every feature: questions, buttons, linking, admin, leaders, reminder answers, uploads), from
 * senders of every kind, in private chats, groups, supergroups and channels. For every update:
 * - nothing throws out of handleUpdate, and no handler fails (no "update failed" in the log);
 * - every outgoing message is one Telegram accepts: text 1–4096 characters (visible text for HTML),
 *   well-formed HTML (b/i/u/s/code/pre/a only, all closed, "<" and "&" escaped), callback data 1–64
 *   bytes, callback answers ≤ 200, captions ≤ 1024 — and the fake Bot API refused nothing;
 * - no reply shows internals (error names, stack frames, "undefined", "[object", file paths) or a
 *   secret (bot token, webhook secrets), unless the user typed that very text;
 * - no one but an admin sees another linked person's chat id; their names only admins, and leaders
 *   (who answered a reminder, on a unit's card);
 * - an unauthorised sender (not linked, not an admin; or any sender in a group or channel, or an edited
 *   message) changes nothing in the store: the bytes of state.json, knowledge-edits.json, reminders.json
 *   and audit.json are the same after the update, except that with BOT_ACCESS=open a question nobody
 *   could answer is kept in state.json's `unanswered` for the secretariat (Assistant.ask).
 *
 * Replay: the seed is in the test name. `FUZZ_SEED=<seed> npx vitest run test/hardening/fuzz-telegram.test.ts`
 * (FUZZ_SEED=random for a new one); FUZZ_COUNT sets the number of updates (default 10,000: half with
 * BOT_ACCESS=members, half with open; about 45 s on 2 cores). A failure prints the seed, the update's
 * index and the update. FUZZ_REPORT=1 prints what the bot answered, grouped, to see what a run reached.
 * The cases the hardening brief names (/vanban with 5,000 characters, /lienket with emoji, /moi with
 * injected arguments, 10,000-character texts…) are sent first, by every kind of sender.
 */
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { encodeCallback } from "../../src/channels/telegram/callback-data.ts";
import { ADMIN_COMMANDS, LEADER_COMMANDS, USER_COMMANDS } from "../../src/channels/telegram/menu.ts";
import type { Query } from "../../src/core/answers/reply.ts";
import { encodeAction } from "../../src/core/reminders/message.ts";
import { LINK_CODE_ALPHABET } from "../../src/store/state.ts";
import { buttonsOf } from "../helpers/bot-harness.ts";
import { FAKE_TOKEN as FAKE_TOKEN_FOR_CHECK, type RecordedCall } from "../helpers/fake-bot-api.ts";
import {
  brief,
  type FullBot,
  fuzzCount,
  fuzzSeed,
  htmlProblem,
  LINKED,
  leakProblem,
  linkSenders,
  makeFullBot,
  OTHER_TASK,
  OWN_TASK,
  Rng,
  storeBytes,
  TG,
  visibleText,
  withoutAllowed,
} from "./harness.ts";
import { EMOJI, hostileQuestion, hostileText, INJECTION, piece, VIETNAMESE } from "./hostile.ts";

const SEED = fuzzSeed(20_231_010);
const TOTAL = fuzzCount(10_000);
const PER_MODE = Math.ceil(TOTAL / 2);

type Kind = "unknown" | "stranger" | "member" | "head" | "leader" | "admin" | "otherHead";
type ChatType = "private" | "group" | "supergroup" | "channel";

interface Generated {
  update: Update;
  kind: string;
  sender: Kind;
  userId: number;
  chatType: ChatType;
  /** Everything the user typed or sent (a reply may echo it). */
  inputs: string[];
}

const MB = 1024 * 1024;
const COMMANDS = [
  ...[...USER_COMMANDS, ...ADMIN_COMMANDS, ...LEADER_COMMANDS].map((c) => c.command),
  "abc",
  "CHUDE",
  "Nhiemvu",
  "thongbao",
  "hoantac",
  "xuat",
  "suanv",
  "doihan",
  "themnv",
  "a".repeat(40),
  "x_y",
  "1",
];
const PREFIXES = [
  "q:",
  "p:",
  "q:t:",
  "p:t::1::",
  "q:v:",
  "q:u:",
  "q:s:",
  "q:pe:",
  "q:d:u:",
  "q:th:",
  "r:",
  "r:d:",
  "r:p:",
  "r:e:",
  "r:h:",
  "r:a:",
  "r:x:",
  "r:a:a",
  `r:d:${OWN_TASK}:`,
  "imp:",
  "imp:a:",
  "imp:c:",
  "imp:u:",
];
const UNIT_IDS = [
  "so-tttt",
  "bo-cong-an",
  "ubnd-tinh",
  "cac-co-quan-don-vi-dia-phuong",
  "khong-co",
  "a",
  "x".repeat(60),
];
const DOC_IDS = ["kh-3609-2022", "tb-16-2023", "qd-56-2023", "van-ban-da-xoa", "x"];
const TASK_IDS = [OWN_TASK, OTHER_TASK, "nv-2023-mot-san-pham-cds", "nv-da-xoa", "a", "x".repeat(45)];
const OCCURRENCES = ["2023-10-10", "2023-12-31", "2022-10-10", "2099-01-01", "2023-02-30", "0000-00-00"];

/** The cases named in the hardening brief, sent first by every kind of sender (private chats). */
const NAMED_CASES = [
  `/vanban ${"3609/KH-BĐHCĐS ".repeat(334)}`,
  `/vanban ${"x".repeat(5000)}`,
  "/lienket 😀👨‍👩‍👧‍👦🇻🇳",
  `/lienket ${"A".repeat(70)}`,
  '/moi so-tttt head <b>Nguyễn</b> & <a href="x">',
  "/moi so-tttt admin\nTên <i>",
  "/moi <b> head Tên",
  "/moi so-tttt <i> Tên",
  "/moi so-tttt head --role admin ; /huy telegram:880100002",
  `/huy telegram:${TG.member}`,
  "/start <b>x</b>",
  "/timkiem <b>",
  `/aaaa${"9".repeat(5000)}`,
  "x".repeat(10_000),
  "nhiệm vụ ".repeat(1200),
  "\u202enhiệm vụ của tôi",
  "nhiệm\u200bvụ\u200b của\u2060 tôi",
  "<b>chủ đề</b> năm 2023",
  "chủ đề năm 2023 &",
  "Sở <i>TT&TT</i> có nhiệm vụ gì?",
  "Nhiệm vụ của đơn vị <script>alert(1)</script>",
];

class Generator {
  readonly r: Rng;
  /** The named cases still to send, each by every kind of sender. */
  readonly #named: { text: string; sender: Kind }[] = NAMED_CASES.flatMap((text) =>
    (["unknown", "member", "head", "leader", "admin"] as const).map((sender) => ({ text, sender })),
  );
  /** Callback data seen on the bot's buttons (pressed again, by anyone, whole or cut). */
  readonly pool: string[] = [];
  #nextUpdate = 1;
  #nextMessage = 1;

  constructor(
    seed: number,
    private readonly h: FullBot,
  ) {
    this.r = new Rng(seed);
  }

  remember(data: string): void {
    if (this.pool.includes(data)) return;
    if (this.pool.length < 400) this.pool.push(data);
    else this.pool[this.r.int(0, this.pool.length - 1)] = data;
  }

  #sender(): { sender: Kind; userId: number } {
    const r = this.r;
    const sender = r.weighted<Kind>([
      [20, "unknown"],
      [10, "stranger"],
      [15, "member"],
      [15, "head"],
      [12, "leader"],
      [22, "admin"],
      [6, "otherHead"],
    ]);
    const userId = sender === "stranger" ? 880_200_000 + r.int(0, 40) : TG[sender];
    return { sender, userId };
  }

  #user(userId: number, sender: Kind) {
    const r = this.r;
    const linked = sender in LINKED ? LINKED[sender as keyof typeof LINKED] : undefined;
    const first = r.weighted<string>([
      [6, linked?.name.split(" ").at(-1) ?? "Lan"],
      [1, hostileText(r, r.int(1, 64))],
      [1, r.pick(INJECTION)],
    ]);
    return {
      id: userId,
      is_bot: false,
      first_name: first || "Lan",
      ...(r.chance(0.3) ? { last_name: hostileText(r, r.int(1, 30)) } : {}),
      ...(r.chance(0.8) ? { language_code: r.pick(["vi", "en", "zz", ""]) } : {}),
    };
  }

  #chat(chatType: ChatType, userId: number) {
    if (chatType === "private") return { id: userId, type: "private" as const, first_name: "Lan" };
    return {
      id: chatType === "channel" ? -1_001_000_000_000 - this.r.int(0, 5) : -100_200_300 - this.r.int(0, 5),
      type: chatType,
      title: hostileText(this.r, this.r.int(1, 40)),
    };
  }

  #commandText(): string {
    const r = this.r;
    const name = r.pick(COMMANDS);
    const suffix = r.weighted<string>([
      [85, ""],
      [8, "@tro_ly_cds_test_bot"],
      [4, "@other_bot"],
      [3, "@"],
    ]);
    const arg = (): string =>
      r.weighted<() => string>([
        [20, () => ""],
        [18, () => hostileText(r, r.int(1, 40))],
        [4, () => hostileText(r, 5000)],
        [5, () => r.pick(EMOJI).repeat(r.int(1, 30))],
        [10, () => `${r.pick(INJECTION)} ${r.pick(VIETNAMESE)}`],
        [12, () => this.#moiArgs()],
        [6, () => this.#userIdArg()],
        [
          6,
          () =>
            r.pick(["2023", "1990", "2100", "0", "-1", "99999", "tháng", "quý", "năm", "THANG", "2023 2024"]),
        ],
        [
          6,
          () =>
            Array.from({ length: r.int(1, 12) }, () => r.pick([...LINK_CODE_ALPHABET, "0", "O", "-"])).join(
              "",
            ),
        ],
        [8, () => hostileQuestion(r)],
        [3, () => `\n${hostileText(r, r.int(1, 60))}`],
        [2, () => "   "],
      ])();
    const a = arg();
    const sep = a ? r.pick([" ", "  ", "\n", "\t", "\u00a0", ""]) : "";
    return `/${name}${suffix}${sep}${a}`;
  }

  #moiArgs(): string {
    const r = this.r;
    const unit = r.weighted<string>([
      [5, r.pick(UNIT_IDS)],
      [1, "so-tttt\u200b"],
      [1, "../../data"],
      [1, r.pick(INJECTION)],
      [1, hostileText(r, r.int(1, 20))],
    ]);
    const role = r.weighted<string>([
      [5, r.pick(["head", "deputy", "member", "leader", "admin", "quan-tri", "thutruong"])],
      [1, "HEAD"],
      [1, r.pick(INJECTION)],
      [1, hostileText(r, r.int(1, 10))],
    ]);
    const name = r.chance(0.6) ? hostileText(r, r.int(1, 200)) : "";
    return [unit, role, name].filter(Boolean).join(" ");
  }

  #userIdArg(): string {
    const r = this.r;
    return r.pick([
      `telegram:${TG.member}`,
      `telegram:${TG.head}`,
      String(TG.leader),
      `telegram:${TG.otherHead}`,
      "zalo:abc",
      "telegram:",
      `telegram:${"9".repeat(70)}`,
      "-1",
      "0",
      "telegram:<b>",
      hostileText(r, r.int(1, 20)),
    ]);
  }

  #randomQuery(): Query {
    const r = this.r;
    const unitId = r.pick(UNIT_IDS);
    return r.pick<() => Query>([
      () => ({ kind: "tasks", unitId, page: r.int(1, 999), ...(r.chance(0.3) ? { mine: true } : {}) }),
      () => ({ kind: "tasks", mine: true, page: r.int(1, 3) }),
      () => ({ kind: "unit", unitId }),
      () => ({ kind: "document", docId: r.pick(DOC_IDS) }),
      () => ({ kind: "document", docId: r.pick(DOC_IDS), aspect: "deadlines" }),
      () => ({
        kind: "deadlines",
        mode: r.pick(["upcoming", "overdue", "window"] as const),
        page: r.int(1, 50),
      }),
      () => ({ kind: "search", text: hostileText(r, r.int(1, 60)).trim() || "x" }),
      () => ({ kind: "person", personId: r.pick(["nguoi-khong-co", "a", "x-y"]) }),
      () => ({ kind: "theme", year: r.int(1990, 2100) }),
      () => ({ kind: "target", text: hostileText(r, r.int(1, 40)).trim() || "x", year: r.int(1990, 2100) }),
      () => ({ kind: "role", phrase: hostileText(r, r.int(1, 40)).trim() || "x" }),
      () => ({ kind: "meeting", date: r.pick(["2023-01-01", "2023-02-29", "2024-02-29"]) }),
      () => ({ kind: "indicator", year: r.int(1990, 2100) }),
      () => ({ kind: r.pick(["help", "greeting", "empty"] as const) }),
    ])();
  }

  #callbackData(): string {
    const r = this.r;
    const fromPool = () => (this.pool.length ? r.pick(this.pool) : "q:th");
    return r.weighted<() => string>([
      [22, fromPool],
      [8, () => fromPool().slice(0, r.int(0, fromPool().length))],
      [3, () => `${fromPool()}${piece(r)}`],
      [8, () => hostileText(r, r.int(1, 100))],
      [12, () => `${r.pick(PREFIXES)}${hostileText(r, r.int(0, 40))}`],
      [10, () => encodeCallback(this.#randomQuery(), r.pick(["q", "p"] as const)) ?? "q:th:abc"],
      [
        12,
        () =>
          encodeAction({
            type: "answer",
            answer: r.pick(["done", "in-progress", "extension", "help"] as const),
            taskId: r.pick(TASK_IDS),
            occurrence: r.pick(OCCURRENCES),
          }),
      ],
      [
        6,
        () =>
          encodeAction({
            type: "decision",
            decision: r.pick(["approve", "refuse"] as const),
            responseId: `a${r.int(1, 30)}`,
          }),
      ],
      [4, () => `${r.pick(["imp:a:", "imp:c:", "imp:u:"])}${hostileText(r, r.int(1, 16))}`],
      [4, () => `${r.pick(PREFIXES)}${"x".repeat(r.int(60, 200))}`],
    ])();
  }

  #document(): { document: Record<string, unknown>; caption?: string; inputs: string[] } {
    const r = this.r;
    const name = r.pick<string | undefined>([
      "setup.exe",
      "ke-hoach.xlsx",
      "bang.csv",
      "cu.xls",
      undefined,
      "<b>x</b>.xlsx",
      `${"dài".repeat(200)}.csv`,
      "\u202eexe.xlsx",
      "KE HOACH.XLSX",
      ".xlsx",
      "bao-cao.csv.exe",
      `${hostileText(r, r.int(1, 30))}.csv`,
      "ảnh.png",
    ]);
    const claimed = r.pick<number | undefined>([undefined, 0, 1234, 10 * MB, 10 * MB + 1, 50 * MB, 2 ** 31]);
    let fileId = `khong-co-${r.int(1, 1000)}`;
    if (r.chance(0.5)) {
      const bytes = this.#fileBytes();
      const f = this.h.api.addFile(bytes, {
        ...(claimed !== undefined && r.chance(0.3) ? { fileSize: claimed } : {}),
        extension: name?.split(".").at(-1)?.slice(0, 8) || "bin",
      });
      fileId = f.file_id;
    }
    const caption = r.weighted<string | undefined>([
      [4, undefined],
      [2, r.pick(["56/QĐ-UBND", "--document 3609/KH-BĐHCĐS", "--document", "-vb 99/KH-X", "Quyết định 56"])],
      [2, hostileText(r, r.int(1, 200))],
    ]);
    return {
      document: {
        file_id: fileId,
        file_unique_id: `u-${fileId}`,
        ...(name !== undefined ? { file_name: name } : {}),
        ...(claimed !== undefined ? { file_size: claimed } : {}),
        ...(r.chance(0.5)
          ? { mime_type: r.pick(["application/x-msdownload", "text/csv", "application/octet-stream", "<b>"]) }
          : {}),
      },
      ...(caption !== undefined ? { caption } : {}),
      inputs: [name ?? "", caption ?? ""],
    };
  }

  #fileBytes(): Uint8Array {
    const r = this.r;
    return r.weighted<() => Uint8Array>([
      [3, () => Uint8Array.from({ length: r.int(0, 2000) }, () => r.int(0, 255))],
      [1, () => new Uint8Array()],
      [
        1,
        () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 200 }, () => r.int(0, 255))]),
      ],
      [
        4,
        () => {
          const header = "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành,Sản phẩm";
          const cell = () => {
            const v = r.chance(0.5) ? hostileText(r, r.int(1, 80)) : r.pick(VIETNAMESE);
            return `"${v.replace(/"/g, '""')}"`;
          };
          const unit = () => r.pick(['"Sở TT&TT"', '"Bộ Công an"', '"UBND tỉnh"', cell()]);
          const rows = Array.from({ length: r.int(0, 12) }, (_, i) =>
            [
              i + 1,
              cell(),
              unit(),
              r.chance(0.5) ? unit() : "",
              r.pick(['"30/9/2026"', '"Hằng năm 10/10"', cell()]),
              cell(),
            ].join(","),
          );
          return new TextEncoder().encode([header, ...rows].join(r.pick(["\n", "\r\n"])));
        },
      ],
    ])();
  }

  next(): Generated {
    const named = this.#named.shift();
    if (named) {
      const userId = TG[named.sender as keyof typeof TG];
      const chat = this.#chat("private", userId);
      const from = { id: userId, is_bot: false, first_name: "Lan" };
      const m = /^\/[A-Za-z0-9_]+/.exec(named.text);
      const update = {
        update_id: this.#nextUpdate++,
        message: {
          message_id: this.#nextMessage++,
          date: 1_700_000_000,
          chat,
          from,
          text: named.text,
          ...(m ? { entities: [{ type: "bot_command", offset: 0, length: m[0].length }] } : {}),
        },
      } as Update;
      return {
        update,
        kind: "named",
        sender: named.sender,
        userId,
        chatType: "private",
        inputs: [named.text, "Lan"],
      };
    }
    const r = this.r;
    const { sender, userId } = this.#sender();
    const chatType = r.weighted<ChatType>([
      [86, "private"],
      [5, "group"],
      [5, "supergroup"],
      [4, "channel"],
    ]);
    const chat = this.#chat(chatType, userId);
    const from = this.#user(userId, sender);
    const base = { message_id: this.#nextMessage++, date: 1_700_000_000 + this.#nextMessage, chat, from };
    const update_id = this.#nextUpdate++;
    const withEntities = (text: string) => {
      const m = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
      return m ? { entities: [{ type: "bot_command", offset: 0, length: m[0].length }] } : {};
    };
    const done = (kind: string, update: object, inputs: string[]): Generated => ({
      update: { update_id, ...update } as Update,
      kind,
      sender,
      userId,
      chatType,
      inputs: [
        ...inputs,
        from.first_name,
        from.last_name ?? "",
        chat.type === "private" ? "" : String(chat.title),
      ],
    });

    const kind = r.weighted<string>([
      [18, "text"],
      [14, "question"],
      [24, "command"],
      [26, "callback"],
      [3, "edited"],
      [5, "document"],
      [3, "other-message"],
      [2, "my_chat_member"],
      [2, "odd-update"],
      [2, "channel_post"],
      [1, "anonymous"],
    ]);
    switch (kind) {
      case "text":
      case "question":
      case "command": {
        const text =
          kind === "command"
            ? this.#commandText()
            : kind === "question"
              ? hostileQuestion(r)
              : hostileText(r);
        if (chatType === "channel")
          return done("channel_post", { channel_post: { ...base, from: undefined, text } }, [text]);
        return done(kind, { message: { ...base, text, ...withEntities(text) } }, [text]);
      }
      case "edited": {
        const text = r.chance(0.5) ? this.#commandText() : hostileQuestion(r);
        return done(
          kind,
          { edited_message: { ...base, text, edit_date: base.date + 5, ...withEntities(text) } },
          [text],
        );
      }
      case "callback": {
        const data = this.#callbackData();
        const inaccessible = r.chance(0.03);
        return done(
          kind,
          {
            callback_query: {
              id: `cb${update_id}`,
              from,
              chat_instance: `ci${r.int(1, 3)}`,
              data,
              message: inaccessible
                ? { message_id: r.int(1, 500), date: 0, chat }
                : {
                    message_id: r.int(1, 500),
                    date: 1_700_000_000,
                    chat,
                    from: { id: 123456789, is_bot: true, first_name: "Trợ lý CĐS" },
                    text: r.chance(0.5) ? "…" : hostileText(r, r.int(1, 100)),
                  },
            },
          },
          [data],
        );
      }
      case "document": {
        const d = this.#document();
        return done(
          kind,
          { message: { ...base, document: d.document, ...(d.caption ? { caption: d.caption } : {}) } },
          d.inputs,
        );
      }
      case "other-message": {
        const extra = r.pick<Record<string, unknown>>([
          {
            photo: [{ file_id: "p1", file_unique_id: "u1", width: 10, height: 10 }],
            caption: hostileText(r, 50),
          },
          {
            sticker: {
              file_id: "s1",
              file_unique_id: "us1",
              type: "regular",
              width: 1,
              height: 1,
              is_animated: false,
              is_video: false,
            },
          },
          { voice: { file_id: "v1", file_unique_id: "uv1", duration: 3 } },
          { location: { latitude: 11.56, longitude: 108.99 } },
          { contact: { phone_number: "+84900000000", first_name: hostileText(r, 20) } },
          {},
          { text: "" },
          { new_chat_members: [from] },
          {
            poll: {
              id: "p",
              question: "?",
              options: [],
              total_voter_count: 0,
              is_closed: false,
              is_anonymous: true,
              type: "regular",
              allows_multiple_answers: false,
            },
          },
        ]);
        return done(kind, { message: { ...base, ...extra } }, [String(extra["caption"] ?? "")]);
      }
      case "my_chat_member":
        return done(
          kind,
          {
            my_chat_member: {
              chat,
              from,
              date: 1_700_000_000,
              old_chat_member: {
                status: "member",
                user: { id: 123456789, is_bot: true, first_name: "Trợ lý" },
              },
              new_chat_member: r.chance(0.5)
                ? {
                    status: "kicked",
                    user: { id: 123456789, is_bot: true, first_name: "Trợ lý" },
                    until_date: 0,
                  }
                : { status: "member", user: { id: 123456789, is_bot: true, first_name: "Trợ lý" } },
            },
          },
          [],
        );
      case "odd-update": {
        const text = hostileText(r, r.int(1, 50));
        const extra = r.pick<Record<string, unknown>>([
          { inline_query: { id: "iq", from, query: text, offset: "" } },
          { chosen_inline_result: { result_id: "x", from, query: text } },
          {
            message_reaction: {
              chat,
              message_id: 1,
              date: 0,
              user: from,
              old_reaction: [],
              new_reaction: [],
            },
          },
          { chat_join_request: { chat, from, user_chat_id: userId, date: 0 } },
          { poll_answer: { poll_id: "p", user: from, option_ids: [0] } },
          {},
        ]);
        return done(kind, extra, [text]);
      }
      case "channel_post": {
        const text = r.chance(0.5) ? this.#commandText() : hostileText(r);
        const post = {
          ...base,
          chat: this.#chat("channel", userId),
          from: undefined,
          text,
          ...withEntities(text),
        };
        return { ...done(kind, { channel_post: post }, [text]), chatType: "channel" };
      }
      default: {
        // A message from an anonymous group admin: no real sender.
        const text = r.chance(0.5) ? this.#commandText() : hostileQuestion(r);
        const groupChat = chatType === "private" ? this.#chat("supergroup", userId) : chat;
        const anon = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
        return {
          ...done(
            kind,
            {
              message: {
                ...base,
                chat: groupChat,
                from: anon,
                sender_chat: groupChat,
                text,
                ...withEntities(text),
              },
            },
            [text],
          ),
          chatType: groupChat.type as ChatType,
        };
      }
    }
  }
}

interface Violation {
  index: number;
  problem: string;
  update: string;
  call?: string;
}

/** Every problem with the calls one update caused. */
function checkCalls(
  calls: RecordedCall[],
  g: Generated,
  recipientsOk: (chatId: unknown, text: string) => string | undefined,
) {
  const out: { problem: string; call: RecordedCall }[] = [];
  /** Texts that show internals the user did not type in this update (they may come from the store). */
  const shown: { text: string; call: RecordedCall }[] = [];
  const bad = (problem: string, call: RecordedCall) => out.push({ problem, call });
  for (const c of calls) {
    const p = c.params;
    if (!c.ok && !/message is not modified|invalid file_id|file is too big/.test(c.description ?? "")) {
      bad(`the Bot API refused ${c.method}: ${c.description}`, c);
    }
    const texts: string[] = [];
    if (c.method === "sendMessage" || c.method === "editMessageText") {
      const text = p["text"];
      if (typeof text !== "string" || !text.trim()) {
        bad("empty text", c);
        continue;
      }
      texts.push(text);
      if (p["parse_mode"] === "HTML") {
        const problem = htmlProblem(text);
        if (problem) bad(`bad HTML: ${problem}`, c);
        if (visibleText(text).length > 4096) bad(`text of ${visibleText(text).length} characters`, c);
      } else if (p["parse_mode"] !== undefined) bad(`parse_mode ${String(p["parse_mode"])}`, c);
      else if (text.length > 4096) bad(`text of ${text.length} characters`, c);
      for (const b of buttonsOf(p)) {
        if (!b.text.trim()) bad("a button without a label", c);
        const bytes = Buffer.byteLength(b.data, "utf8");
        if (bytes < 1 || bytes > 64) bad(`callback_data of ${bytes} bytes: ${b.data}`, c);
      }
      const pd = recipientsOk(p["chat_id"], text);
      if (pd) bad(pd, c);
    } else if (c.method === "answerCallbackQuery") {
      const text = p["text"];
      if (typeof text === "string") {
        texts.push(text);
        if (text.length > 200) bad(`callback answer of ${text.length} characters`, c);
      }
    } else if (c.method === "sendPhoto" || c.method === "sendDocument") {
      const caption = p["caption"];
      if (typeof caption === "string") {
        texts.push(caption);
        if (caption.length > 1024) bad(`caption of ${caption.length} characters`, c);
      }
    }
    for (const t of texts) if (leakProblem(t, g.inputs)) shown.push({ text: t, call: c });
  }
  return { problems: out, shown };
}

/** Chat ids and names of the linked people, to see whether someone else's reach a non-admin. */
function personalData(): { chatId: number; texts: string[] }[] {
  return (Object.keys(LINKED) as (keyof typeof LINKED)[]).map((k) => ({
    chatId: TG[k],
    texts: [String(TG[k]), LINKED[k].name],
  }));
}

async function fuzz(mode: "members" | "open", seed: number, count: number) {
  const h = await makeFullBot({ BOT_ACCESS: mode });
  try {
    const gen = new Generator(seed, h);
    const violations: Violation[] = [];
    const people = personalData();
    const stats = { updates: 0, calls: 0, guarded: 0, stateChanges: 0, byKind: {} as Record<string, number> };
    let logMark = h.logs.lines.length;
    /** FUZZ_REPORT=1: what the bot answered, by the start of the text (to see what the run reached). */
    const replies = new Map<string, number>();
    const started = performance.now();

    // Admins see everyone (/danhsach); leaders see who answered a reminder on a unit's card (by
    // design), never a chat id; everyone else sees neither about anyone else.
    const recipientsOk = (inputs: string[]) => (chatId: unknown, text: string) => {
      if (Number(chatId) === TG.admin) return undefined;
      for (const p of people) {
        if (p.chatId === Number(chatId)) continue;
        const shown = Number(chatId) === TG.leader ? p.texts.slice(0, 1) : p.texts;
        for (const t of shown) {
          if (text.includes(t) && !inputs.some((i) => i.includes(t)))
            return `personal data of someone else (${t}) sent to ${String(chatId)}`;
        }
      }
      return undefined;
    };

    for (let i = 0; i < count; i++) {
      const g = gen.next();
      stats.updates++;
      stats.byKind[g.kind] = (stats.byKind[g.kind] ?? 0) + 1;
      const person = h.assistant.identify("telegram", g.userId);
      const privateUpdate =
        g.chatType === "private" &&
        g.kind !== "edited" &&
        g.kind !== "channel_post" &&
        g.kind !== "odd-update" &&
        g.kind !== "anonymous";
      const authorised = privateUpdate && (person.isAdmin || !!person.user);
      const before = authorised ? undefined : await storeBytes(h.dir);
      if (before) stats.guarded++;
      const mark = h.mark();
      const fail = (problem: string, call?: RecordedCall) =>
        violations.push({
          index: i,
          problem,
          update: brief(g.update),
          ...(call ? { call: brief(call, 500) } : {}),
        });

      try {
        await h.handle(g.update);
      } catch (e) {
        fail(`handleUpdate threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      const calls = h.api.calls.slice(mark);
      stats.calls += calls.length;
      if (process.env["FUZZ_REPORT"]) {
        for (const c of calls) {
          const t = c.params["text"] ?? c.params["caption"];
          const key = `${c.method} ${typeof t === "string" ? visibleText(t).slice(0, 50).replace(/\n/g, " ") : ""}`;
          replies.set(key, (replies.get(key) ?? 0) + 1);
        }
      }
      for (const c of calls) {
        if (c.method === "sendMessage" || c.method === "editMessageText") {
          for (const b of buttonsOf(c.params)) if (b.data) gen.remember(b.data);
        }
      }
      const checked = checkCalls(calls, g, recipientsOk(g.inputs));
      for (const v of checked.problems) fail(v.problem, v.call);
      if (checked.shown.length) {
        // What an earlier user typed comes back from the store (an admin reads the questions
        // nobody could answer, an imported title…): those texts count as typed too.
        const stored = Object.values(await storeBytes(h.dir));
        for (const v of checked.shown) {
          const leak = leakProblem(v.text, [...g.inputs, ...stored]);
          if (leak) fail(`reply shows ${leak}`, v.call);
        }
      }
      if ((g.kind === "edited" || g.kind === "channel_post") && calls.length)
        fail(`${g.kind} answered (${calls.map((c) => c.method).join(", ")})`);

      const failed = h.logs.lines.slice(logMark).filter((l) => /"level":(50|60)/.test(l));
      logMark = h.logs.lines.length;
      for (const l of failed) fail(`error logged: ${l.slice(0, 600)}`);

      if (before) {
        // Open access: a question nobody could answer is kept for the secretariat (private chats only).
        const allow = { unanswered: mode === "open" && privateUpdate };
        const after = await storeBytes(h.dir);
        const a = withoutAllowed(after, allow);
        const b = withoutAllowed(before, allow);
        for (const name of Object.keys(b)) {
          if (a[name] !== b[name])
            fail(`an unauthorised update (${g.sender}, ${g.chatType}) changed ${name}`);
        }
        if (after["state.json"] !== before["state.json"]) stats.stateChanges++;
      }
      // Admins may unlink the test users (/huy): link them again for the next updates.
      await linkSenders(h.app, "telegram");
      // Time goes on now and then (prompts and previews expire).
      if (gen.r.chance(0.01)) h.clock.advance(gen.r.int(1, 120) * 60_000);
      if (violations.length >= 25) break;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz-telegram BOT_ACCESS=${mode} seed ${seed}: ${stats.updates} updates in ${seconds.toFixed(1)} s ` +
        `(${Math.round(stats.updates / seconds)} updates/s), ${stats.calls} API calls, ` +
        `${stats.guarded} unauthorised updates checked for state changes (${stats.stateChanges} kept an unanswered question); ` +
        `kinds ${JSON.stringify(stats.byKind)}`,
    );
    if (process.env["FUZZ_REPORT"]) {
      const top = [...replies.entries()].sort((a, b) => b[1] - a[1]);
      console.log(top.map(([k, n]) => `${String(n).padStart(6)} ${k}`).join("\n"));
    }
    if (violations.length) {
      const shown = violations
        .slice(0, 10)
        .map((v) => `#${v.index}: ${v.problem}\n  update: ${v.update}${v.call ? `\n  call: ${v.call}` : ""}`)
        .join("\n");
      throw new Error(
        `${violations.length} problem(s) with seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_COUNT=${count * 2}):\n${shown}`,
      );
    }
    expect(stats.updates).toBe(count);
  } finally {
    await h.close();
  }
}

describe("fuzzing the Telegram bot", () => {
  const openSeed = (SEED ^ 0x5bd1e995) >>> 0;
  it(`${PER_MODE} hostile updates, BOT_ACCESS=members (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, async () => {
    await fuzz("members", SEED, PER_MODE);
  }, 300_000);

  it(`${PER_MODE} hostile updates, BOT_ACCESS=open (seed ${openSeed}, from FUZZ_SEED=${SEED})`, async () => {
    await fuzz("open", openSeed, PER_MODE);
  }, 300_000);
});

describe("the fuzz checks themselves", () => {
  it("the HTML balancer accepts our markup and refuses what Telegram refuses", () => {
    for (const ok of [
      "<b>Tiêu đề</b>\nA &amp; B &lt;3",
      '<a href="https://x.vn/?a=1&amp;b=2">x</a>',
      "<b><i>x</i></b>",
      "&#39;&#x1F600;",
    ]) {
      expect(htmlProblem(ok), ok).toBeUndefined();
    }
    for (const bad of [
      "<b>x",
      "<b>x</i>",
      "x</b>",
      "a < b",
      "a > b",
      "A & B",
      "<script>x</script>",
      '<b class="x">x</b>',
      '<i href="x">x</i>',
      "<b",
      "&nbsp;",
    ]) {
      expect(htmlProblem(bad), bad).toBeDefined();
    }
  });

  it("internals and secrets are seen, unless the user typed them", () => {
    expect(leakProblem("Lỗi: TypeError: x is undefined", [])).toBeDefined();
    expect(leakProblem("at Object.<anonymous> (/work/main/src/x.ts:1:1)", [])).toBeDefined();
    expect(leakProblem("[object Object]", [])).toBeDefined();
    expect(leakProblem(`mã ${FAKE_TOKEN_FOR_CHECK}`, [FAKE_TOKEN_FOR_CHECK])).toBeDefined();
    expect(leakProblem("Không có lệnh /undefined.", ["/undefined"])).toBeUndefined();
    expect(leakProblem("Chủ đề năm 2023: Dữ liệu số", [])).toBeUndefined();
  });

  it("state.json may differ only where the rule allows", () => {
    const before = {
      "state.json": JSON.stringify({ users: [], unanswered: [], unansweredSeq: 0, settings: { a: 1 } }),
    };
    const asked = {
      "state.json": JSON.stringify({
        users: [],
        unanswered: [{ id: "q1" }],
        unansweredSeq: 1,
        settings: { a: 1 },
      }),
    };
    expect(withoutAllowed(asked, { unanswered: true })).toEqual(withoutAllowed(before, { unanswered: true }));
    expect(withoutAllowed(asked, {})).not.toEqual(withoutAllowed(before, {}));
  });
});
