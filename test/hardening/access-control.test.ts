/**
 * Access control, table-driven (the table: access-table.ts): every command and every kind of button the
 * Telegram bot really handles, for each kind of sender (not linked, linked member, unit head, leader,
 * admin), in both access modes. The table is checked against the bot itself, not against the menus (see
 * registered.ts): every command registered while createBot builds the bot, or answered with anything but
 * “Không có lệnh …”, needs a rule; so does every callback trigger registered and every callback data the
 * bot handles; a rule for something the bot does not handle is an error too. A command added to the bot
 * without a rule fails here. For each rule and sender: who gets an answer and who is refused, who sees
 * personal data (names, chat ids: admins only; leaders see who answered a reminder on a unit's card), and
 * who changes the store (the bytes of its files are compared before and after).
 * Webhooks (Telegram, Zalo) without the right secret: 401 and nothing handled.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_REQUEST_TEXTS, encodeAdminDecision } from "../../src/app/admin-requests.ts";
import { encodeCallback } from "../../src/channels/telegram/callback-data.ts";
import {
  ADMIN_COMMANDS,
  type CommandInfo,
  LEADER_COMMANDS,
  USER_COMMANDS,
} from "../../src/channels/telegram/menu.ts";
import { startTelegram, type TelegramRunner } from "../../src/channels/telegram/run.ts";
import { TEXTS } from "../../src/channels/telegram/texts.ts";
import type { ZaloUpdate } from "../../src/channels/zalo/client.ts";
import { createWebhookHandler, SECRET_HEADER } from "../../src/channels/zalo/run.ts";
import { CONVERSATION_TEXTS } from "../../src/conversation/texts.ts";
import { encodeAction } from "../../src/core/reminders/message.ts";
import { PROMPT_TEXTS } from "../../src/notifier/prompts.ts";
import { type AppHarness, buttonsOf, makeApp, visible } from "../helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { body, textUpdate } from "../helpers/updates.ts";
import {
  adminOnly,
  byAdmin,
  KINDS,
  knowledge,
  type Mode,
  never,
  type Outcome,
  outcomeOf,
  RULES,
} from "./access-table.ts";
import {
  type FullBot,
  LINKED,
  linkSenders,
  makeFullBot,
  OTHER_TASK,
  OWN_TASK,
  type SenderKind,
  storeBytes,
  TG,
  WEBHOOK_SECRET,
  ZALO_WEBHOOK_SECRET,
} from "./harness.ts";
import { probeTelegram, sourceCandidates, type TelegramFindings, triggerMatches } from "./registered.ts";

let nextUpdate = 5_000_000;
let nextMessage = 500_000;

function from(kind: SenderKind | "otherHead") {
  const id = TG[kind];
  const first = kind === "unknown" ? "Khách" : kind === "admin" ? "Thư Ký" : "Cán Bộ";
  return {
    chat: { id, type: "private" as const, first_name: first },
    from: { id, is_bot: false, first_name: first },
  };
}

function text(kind: SenderKind | "otherHead", t: string): Update {
  const m = /^\/[A-Za-z0-9_]+/.exec(t);
  return {
    update_id: nextUpdate++,
    message: {
      message_id: nextMessage++,
      date: 1_700_000_000,
      ...from(kind),
      text: t,
      ...(m ? { entities: [{ type: "bot_command", offset: 0, length: m[0].length }] } : {}),
    },
  } as Update;
}

function press(kind: SenderKind | "otherHead", data: string): Update {
  const f = from(kind);
  return {
    update_id: nextUpdate++,
    callback_query: {
      id: `cb${nextUpdate}`,
      from: f.from,
      chat_instance: "ci",
      data,
      message: { message_id: 1, date: 1_700_000_000, chat: f.chat, text: "…" },
    },
  } as Update;
}

function documentUpdate(kind: SenderKind, fileId: string, name: string, caption?: string): Update {
  return {
    update_id: nextUpdate++,
    message: {
      message_id: nextMessage++,
      date: 1_700_000_000,
      ...from(kind),
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: name, file_size: 200 },
      ...(caption ? { caption } : {}),
    },
  } as Update;
}

/** What one update did: the visible texts to the sender's chat, the callback answer, and the store. */
async function run(h: FullBot, kind: SenderKind | "otherHead", u: Update) {
  const mark = h.mark();
  const logMark = h.logs.lines.length;
  const before = await storeBytes(h.dir);
  await h.handle(u);
  const after = await storeBytes(h.dir);
  const calls = h.api.calls.slice(mark);
  const mine = calls.filter((c) => Number(c.params["chat_id"]) === TG[kind]);
  const texts = mine
    .filter((c) => c.ok && (c.method === "sendMessage" || c.method === "editMessageText"))
    .map((c) => visible(String(c.params["text"])));
  const files = mine.filter((c) => c.ok && (c.method === "sendDocument" || c.method === "sendPhoto"));
  const answer = calls.find((c) => c.method === "answerCallbackQuery")?.params["text"] as string | undefined;
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  const errors = h.logs.lines.slice(logMark).filter((l) => /"level":(50|60)/.test(l));
  const toOthers = calls.filter(
    (c) =>
      c.method === "sendMessage" &&
      c.params["chat_id"] !== undefined &&
      Number(c.params["chat_id"]) !== TG[kind],
  );
  return { texts, files, answer, changed, errors, calls, toOthers, all: [...texts, answer ?? ""].join("\n") };
}

/** Other people's chat ids and names (the sender's own are fine). */
function othersData(kind: SenderKind): { ids: string[]; names: string[] } {
  const keys = (Object.keys(LINKED) as (keyof typeof LINKED)[]).filter((k) => k !== kind);
  return { ids: keys.map((k) => String(TG[k])), names: keys.map((k) => LINKED[k].name) };
}

const MENU: CommandInfo[] = [...USER_COMMANDS, ...LEADER_COMMANDS, ...ADMIN_COMMANDS];
const COMMANDS = Object.keys(RULES);

describe.each(["members", "open"] as const)("commands, BOT_ACCESS=%s", (mode) => {
  describe.each(KINDS)("sent by: %s", (kind) => {
    let h: FullBot;
    beforeAll(async () => {
      h = await makeFullBot({ BOT_ACCESS: mode });
    });
    afterAll(async () => {
      await h.close();
    });
    afterEach(async () => {
      // An admin's /huy or a member's /huylienket: the next command starts with everyone linked again;
      // a dialog left open is closed.
      await h.handle(text(kind, "hủy"));
      await linkSenders(h.app, "telegram");
    });

    it.each(COMMANDS)(`/%s`, async (command) => {
      const rule = RULES[command]!;
      const r = await run(h, kind, text(kind, `/${command}${rule.arg ? ` ${rule.arg}` : ""}`));
      expect(r.errors, r.errors.join("\n")).toEqual([]);
      expect(r.texts.length + r.files.length, "an answer of some kind").toBeGreaterThan(0);
      expect(outcomeOf(r.all), r.all).toBe(rule.expect(kind, mode));
      if (!rule.changes(kind)) expect(r.changed, `/${command} by ${kind} changed the store`).toEqual([]);
      // Personal data: chat ids never to non-admins; names only to admins (and leaders, on a card).
      if (kind !== "admin") {
        const { ids, names } = othersData(kind);
        for (const id of ids) expect(r.all).not.toContain(id);
        if (kind !== "leader") for (const n of names) expect(r.all).not.toContain(n);
      }
      // Nothing is sent to anyone else by a refused command.
      if (rule.expect(kind, mode) !== "answer") expect(r.toOthers).toEqual([]);
    });
  });
});

describe("what the allowed senders get", () => {
  let h: FullBot;
  beforeAll(async () => {
    h = await makeFullBot();
  });
  afterAll(async () => {
    await h.close();
  });

  it("/danhsach shows an admin every linked person with chat id; /help lists the admin commands to admins only", async () => {
    const list = await run(h, "admin", text("admin", "/danhsach"));
    for (const k of ["member", "head", "leader", "otherHead"] as const) {
      expect(list.all).toContain(LINKED[k].name);
      expect(list.all).toContain(`telegram:${TG[k]}`);
    }
    const adminHelp = await run(h, "admin", text("admin", "/help"));
    const headHelp = await run(h, "head", text("head", "/help"));
    for (const c of ADMIN_COMMANDS) {
      expect(adminHelp.all).toContain(`/${c.command}`);
      expect(headHelp.all).not.toContain(`/${c.command} `);
    }
  });

  it("/moi gives the admin a code that links; /huy unlinks; nobody else can do either", async () => {
    const moi = await run(h, "admin", text("admin", "/moi so-tttt member Người Mới"));
    const code = /Mã: (\w+)/.exec(moi.all)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(moi.changed).toEqual(["state.json"]);
    const refused = await run(h, "head", text("head", `/huy telegram:${TG.member}`));
    expect(refused.all).toContain(TEXTS.adminOnly);
    expect(h.app.store.state.findUser("telegram", TG.member)).toBeDefined();
    const unlinked = await run(h, "admin", text("admin", `/huy telegram:${TG.member}`));
    expect(unlinked.all).toContain("Đã hủy liên kết của Quách Thử Thành Viên");
    expect(h.app.store.state.findUser("telegram", TG.member)).toBeUndefined();
    await linkSenders(h.app, "telegram");
  });

  it("/donvi: leaders get the unit's card, members the plain unit answer", async () => {
    const leader = await run(h, "leader", text("leader", "/donvi Sở Thông tin và Truyền thông"));
    const head = await run(h, "head", text("head", "/donvi Sở Thông tin và Truyền thông"));
    expect(leader.all).toMatch(/Mức (xanh|cam|đỏ)/);
    expect(head.all).not.toMatch(/Mức (xanh|cam|đỏ)/);
    expect(head.all).toContain("Sở Thông tin và Truyền thông");
  });
});

// ---------------------------------------------------------------- buttons

interface ButtonRule {
  name: string;
  /** The callback data this rule stands for (every data the bot handles must be in some rule's family). */
  family: RegExp;
  /** A sample of the family, pressed by every kind of sender. */
  data: () => string;
  expect: (kind: SenderKind, mode: Mode) => Outcome | "refused";
  changes: (kind: SenderKind) => boolean;
  /** Text that tells the refusal apart (reminders answer in their own words). */
  refusal?: string;
}

const inLead = (unit: string) => (kind: SenderKind) =>
  kind === "admin" || ((kind === "member" || kind === "head") && unit === "so-tttt");

/** An admin code redeemed by this Telegram account waits for an admin's decision (request 1). */
const REQUESTER = 880_100_009;

const BUTTONS: ButtonRule[] = [
  {
    name: "a next step (q:)",
    family: /^q:/,
    data: () => encodeCallback({ kind: "theme" })!,
    expect: knowledge,
    changes: never,
  },
  {
    name: "a page (p:)",
    family: /^p:/,
    data: () => encodeCallback({ kind: "tasks", page: 2 }, "p")!,
    expect: knowledge,
    changes: never,
  },
  { name: "a unit (q:u:)", family: /^q:u:/, data: () => "q:u:so-tttt", expect: knowledge, changes: never },
  {
    name: "a reminder answer for a task of the sender's unit",
    family: /^r:/,
    data: () =>
      encodeAction({ type: "answer", answer: "in-progress", taskId: OWN_TASK, occurrence: "2023-10-10" }),
    expect: (k) => (inLead("so-tttt")(k) ? "answer" : "refused"),
    changes: inLead("so-tttt"),
    refusal: "Chỉ đơn vị chủ trì",
  },
  {
    name: "a reminder answer for another unit's task",
    family: /^r:[dpeh]:/,
    data: () =>
      encodeAction({ type: "answer", answer: "in-progress", taskId: OTHER_TASK, occurrence: "2023-12-31" }),
    expect: (k) => (k === "admin" ? "answer" : "refused"),
    changes: byAdmin,
    refusal: "Chỉ đơn vị chủ trì",
  },
  {
    name: "“Xin gia hạn” for another unit's task",
    family: /^r:e:/,
    data: () =>
      encodeAction({ type: "answer", answer: "extension", taskId: OTHER_TASK, occurrence: "2023-12-31" }),
    expect: (k) => (k === "admin" ? "answer" : "refused"),
    changes: never,
    refusal: "Chỉ đơn vị chủ trì",
  },
  {
    name: "the secretariat's “Duyệt gia hạn”",
    family: /^r:a:/,
    data: () => "r:a:a1",
    expect: (k) => (k === "admin" ? "answer" : "refused"),
    changes: byAdmin,
    refusal: PROMPT_TEXTS.notAdmin,
  },
  {
    name: "the secretariat's “Từ chối”",
    family: /^r:x:/,
    data: () => "r:x:a1",
    expect: (k) => (k === "admin" ? "answer" : "refused"),
    changes: never,
    refusal: PROMPT_TEXTS.notAdmin,
  },
  {
    name: "an import preview (imp:)",
    family: /^imp:/,
    data: () => "imp:a:abcdefgh",
    expect: adminOnly,
    changes: never,
  },
  {
    name: "an unanswered question (ask:)",
    family: /^ask:/,
    data: () => "ask:q1",
    expect: adminOnly,
    changes: never,
  },
  {
    name: "an announcement (ann:)",
    family: /^ann:/,
    data: () => "ann:s:abcdefgh",
    expect: adminOnly,
    changes: never,
  },
  {
    name: "an admin code's “Xác nhận” (qt:)",
    family: /^qt:/,
    data: () => encodeAdminDecision({ decision: "grant", requestId: "1" }),
    expect: (k) => (k === "admin" ? "answer" : "refused"),
    changes: byAdmin,
    refusal: ADMIN_REQUEST_TEXTS.notAdmin,
  },
  {
    name: "an admin code's “Từ chối” (qt:)",
    family: /^qt:n:/,
    data: () => encodeAdminDecision({ decision: "refuse", requestId: "1" }),
    expect: (k) => (k === "admin" ? "answer" : "refused"),
    changes: byAdmin,
    refusal: ADMIN_REQUEST_TEXTS.notAdmin,
  },
];

// ---------------------------------------------------------------- the table against the bot

describe("the access table against what the bot really handles", () => {
  let found: TelegramFindings;
  beforeAll(async () => {
    found = await probeTelegram({
      candidates: await sourceCandidates(),
      extraCommands: [...MENU.map((c) => c.command), ...COMMANDS],
      extraButtons: BUTTONS.map((b) => b.data()),
    });
  }, 120_000);

  it("every command registered on the bot has a rule", () => {
    expect(found.registered.commands.length).toBeGreaterThanOrEqual(MENU.length);
    const missing = found.registered.commands.filter((c) => !RULES[c]);
    expect(missing, `registered without a rule in RULES: ${missing.join(", ")}`).toEqual([]);
  });

  it("every command the bot answers (registered or parsed by hand) has a rule", () => {
    const missing = [...found.answered.keys()].filter((c) => !RULES[c]);
    expect(missing, `answered without a rule in RULES: ${missing.join(", ")}`).toEqual([]);
  });

  it("every rule and every menu entry is a command the bot answers (no stale rule, no dead menu entry)", () => {
    expect(COMMANDS.filter((c) => !found.answered.has(c))).toEqual([]);
    expect(found.unanswered).toEqual([]);
  });

  it("every callback trigger registered is pressed by some rule's sample", () => {
    expect(found.registered.callbackTriggers.length).toBeGreaterThan(0);
    const uncovered = found.registered.callbackTriggers.filter(
      (t) => !BUTTONS.some((b) => triggerMatches(t, b.data())),
    );
    expect(uncovered.map(String)).toEqual([]);
  });

  it("every callback data the bot handles is in the family of a rule", () => {
    expect(found.handledButtons.size).toBeGreaterThan(0);
    const uncovered = [...found.handledButtons.keys()].filter((d) => !BUTTONS.some((b) => b.family.test(d)));
    expect(uncovered, `handled without a rule in BUTTONS: ${uncovered.join(", ")}`).toEqual([]);
  });

  it("every button rule's sample is in its family and handled by the bot (not left to the catch-all)", () => {
    for (const b of BUTTONS) {
      expect(b.family.test(b.data()), b.name).toBe(true);
      expect(found.handledButtons.has(b.data()), b.name).toBe(true);
    }
  });
});

describe.each(["members", "open"] as const)("buttons, BOT_ACCESS=%s", (mode) => {
  describe.each(KINDS)("pressed by: %s", (kind) => {
    let h: FullBot;
    beforeAll(async () => {
      h = await makeFullBot({ BOT_ACCESS: mode });
      // An extension request of so-tttt's head waits for the secretariat (response a1).
      const head = h.assistant.identify("telegram", TG.head);
      const req = await h.answers.requestExtension(head, {
        taskId: OWN_TASK,
        occurrence: "2023-10-10",
        requestedDue: "2023-11-30",
        reason: "Chờ kinh phí",
      });
      expect(req.ok, req.message).toBe(true);
      // An admin code redeemed by a new account: request 1 waits for an admin's decision.
      const code = await h.assistant.createLinkCode({
        unitId: "so-tttt",
        role: "admin",
        name: "Người Xin Quyền",
      });
      const asked = await h.assistant.link(h.assistant.identify("telegram", REQUESTER), code.code.code);
      expect(asked.ok, asked.message).toBe(true);
      await h.assistant.settled();
      expect(h.assistant.pendingAdminRequests()).toHaveLength(1);
      // A change in the log, for the undo button.
      await h.app.store.commitChange({ actor: { kind: "system" }, action: "test" }, (tx) => {
        tx.upsert("units", { ...h.app.knowledge().unit("ban-dan-toc")!, aliases: ["BDT thử"] });
      });
      h.app.reloadKnowledge();
    });
    afterAll(async () => {
      await h.close();
    });
    afterEach(async () => {
      await h.handle(text(kind, "hủy"));
    });

    it.each(BUTTONS.map((b) => [b.name, b] as const))("%s", async (_name, rule) => {
      const r = await run(h, kind, press(kind, rule.data()));
      expect(r.errors, r.errors.join("\n")).toEqual([]);
      expect(
        r.calls.some((c) => c.method === "answerCallbackQuery"),
        "the button is answered",
      ).toBe(true);
      const want = rule.expect(kind, mode);
      if (want === "refused") expect(r.all).toContain(rule.refusal);
      else {
        expect(outcomeOf(r.all), r.all).toBe(want);
        if (rule.refusal) expect(r.all).not.toContain(rule.refusal);
      }
      if (!rule.changes(kind)) expect(r.changed, `${rule.name} by ${kind} changed the store`).toEqual([]);
      if (kind !== "admin") {
        const { ids, names } = othersData(kind);
        for (const id of ids) expect(r.all).not.toContain(id);
        if (kind !== "leader") for (const n of names) expect(r.all).not.toContain(n);
      }
    });
  });
});

describe("what an admin prepares stays the admin's", () => {
  let h: FullBot;
  beforeAll(async () => {
    h = await makeFullBot();
  });
  afterAll(async () => {
    await h.close();
  });

  const csv = new TextEncoder().encode(
    "TT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành,Sản phẩm\n1,Nhiệm vụ thử truy cập,Sở TT&TT,,30/12/2023,Báo cáo\n",
  );

  it.each(["unknown", "member", "head", "leader"] as const)(
    "a plan table from %s is refused without being downloaded",
    async (kind) => {
      const f = h.api.addFile(csv, { extension: "csv" });
      const r = await run(h, kind, documentUpdate(kind, f.file_id, "ke-hoach.csv", "3609/KH-BĐHCĐS"));
      expect(r.all).toContain(CONVERSATION_TEXTS.notAdminUpload);
      expect(r.calls.map((c) => c.method)).not.toContain("getFile");
      expect(r.calls.map((c) => c.method)).not.toContain("downloadFile");
      expect(r.changed).toEqual([]);
    },
  );

  it("the admin's import preview, announcement and undo buttons do nothing for anyone else", async () => {
    const f = h.api.addFile(csv, { extension: "csv" });
    const preview = await run(
      h,
      "admin",
      documentUpdate("admin", f.file_id, "ke-hoach.csv", "3609/KH-BĐHCĐS"),
    );
    expect(preview.all).toContain("Xem trước");
    const ann = await run(h, "admin", text("admin", "/thongbao Đề nghị gửi báo cáo quý."));
    const buttons = [...preview.calls, ...ann.calls]
      .filter((c) => c.method === "sendMessage")
      .flatMap((c) => buttonsOf(c.params).map((b) => b.data))
      .filter((d) => /^(imp|ann):/.test(d));
    expect(buttons.length, `${preview.all}\n${ann.all}`).toBeGreaterThanOrEqual(3);
    for (const kind of ["unknown", "member", "head", "leader"] as const) {
      for (const data of buttons) {
        const r = await run(h, kind, press(kind, data));
        expect(r.answer ?? r.all).toContain(TEXTS.adminOnly);
        expect(r.changed).toEqual([]);
        expect(r.toOthers).toEqual([]);
      }
    }
    // Still there for the admin: applying works.
    const apply = buttons.find((d) => d.startsWith("imp:a:"))!;
    const applied = await run(h, "admin", press("admin", apply));
    expect(applied.all).toMatch(/Đã áp dụng/);
    expect(applied.changed).toContain("knowledge-edits.journal.jsonl");
  });
});

// ---------------------------------------------------------------- webhooks

describe("webhooks without the right secret", () => {
  let app: AppHarness | undefined;
  let runner: TelegramRunner | undefined;
  let api: FakeBotApi | undefined;
  afterEach(async () => {
    await runner?.stop();
    await api?.close();
    await app?.close();
    runner = undefined;
    api = undefined;
    app = undefined;
  });

  it("Telegram: 401 for a wrong, empty or missing secret, and nothing is handled", async () => {
    api = new FakeBotApi();
    const root = await api.listen();
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    app = await makeApp({
      BOT_ACCESS: "open",
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: root,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    runner = await startTelegram({ app: app.app, assistant: app.assistant, port, host: "127.0.0.1" });
    const before = await storeBytes(app.dir);
    const mark = api.calls.length;
    const question = body(textUpdate("chủ đề năm 2023"));
    for (const secret of [
      "sai-bi-mat-0123456789",
      "",
      null,
      `${WEBHOOK_SECRET}x`,
      WEBHOOK_SECRET.slice(0, -1),
    ]) {
      const res = await api.postToWebhook(question, secret);
      expect(res.status, String(secret)).toBe(401);
    }
    // A /moi from the configured admin id with a wrong secret: refused too.
    const res = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "x".repeat(40) },
      body: JSON.stringify({ update_id: 1, ...body(textUpdate("/moi so-tttt admin")) }),
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.calls.slice(mark).map((c) => c.method)).toEqual([]);
    expect(await storeBytes(app.dir)).toEqual(before);
    // The right secret is answered (the refusals above were not a broken server).
    expect((await api.postToWebhook(question)).status).toBe(200);
    await api.waitFor("sendMessage");
  });

  it("Zalo: 401 for a wrong, empty or missing secret, and the update is never handed on", async () => {
    const got: ZaloUpdate[] = [];
    const handler = createWebhookHandler({
      path: "/zalo",
      secret: ZALO_WEBHOOK_SECRET,
      onUpdate: (u) => got.push(u),
      log: pino({ level: "silent" }),
    });
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo`;
    const update = JSON.stringify({
      event_name: "message.text.received",
      message: {
        from: { id: "u1" },
        chat: { id: "u1", chat_type: "PRIVATE" },
        text: "/lienket ABCD2345",
        message_id: "m1",
      },
    });
    try {
      for (const secret of [
        "sai-bi-mat",
        "",
        undefined,
        `${ZALO_WEBHOOK_SECRET}x`,
        ZALO_WEBHOOK_SECRET.toUpperCase(),
      ]) {
        const res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(secret !== undefined ? { [SECRET_HEADER]: secret } : {}),
          },
          body: update,
        });
        expect(res.status, String(secret)).toBe(401);
      }
      expect(got).toEqual([]);
      const ok = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", [SECRET_HEADER]: ZALO_WEBHOOK_SECRET },
        body: update,
      });
      expect(ok.status).toBe(200);
      expect(got).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
