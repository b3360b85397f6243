/**
 * Secrets and personal data. With the Telegram token, the Zalo token and both webhook secrets set, the
 * tests drive failures (network errors that quote the request URL, 401s, 5xx, error descriptions that
 * quote the token, handlers that throw with the token in the message) and then look everywhere a secret
 * could end up: every log line (pino at trace level, through createLogger with a destination stream),
 * every message, callback answer and caption sent, start-up errors, the store's files, the exports
 * (kb export json/xlsx, the leaders' report xlsx) and a backup bundle. None may hold a secret; the
 * exports of the knowledge and the report hold no chat id or name of a linked person either (only the
 * admins' /danhsach and the operator's backups do).
 * `.env.example` listing every variable is tested in test/main.test.ts; here: it ships no secret.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { Composer, type Context } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/app.ts";
import { startTelegram } from "../../src/channels/telegram/run.ts";
import { ZaloClient } from "../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../src/channels/zalo/conversation.ts";
import { ZaloQuota } from "../../src/channels/zalo/quota.ts";
import { ZaloSender } from "../../src/channels/zalo/sender.ts";
import { configSchema, parseDotenv } from "../../src/config.ts";
import { encodeAction } from "../../src/core/reminders/message.ts";
import { exportKnowledge } from "../../src/imports/index.ts";
import { runReminders, SendLimiter } from "../../src/notifier/notifier.ts";
import { reminderOptionsFromConfig } from "../../src/notifier/options.ts";
import { buildProgressReport } from "../../src/report-files/progress-report.ts";
import { createBackup } from "../../src/store/backup.ts";
import { type AppHarness, LogSink, makeApp } from "../helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { FAKE_ZALO_TOKEN } from "../helpers/fake-zalo-api.ts";
import {
  type FullBot,
  LINKED,
  makeFullBot,
  OWN_TASK,
  SECRETS,
  storeBytes,
  TG,
  WEBHOOK_SECRET,
  ZALO_WEBHOOK_SECRET,
  ZL,
} from "./harness.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

function expectNoSecret(where: string, text: string): void {
  for (const s of SECRETS) {
    const at = text.indexOf(s);
    expect(at, `${where} holds a secret: …${text.slice(Math.max(0, at - 120), at + 40)}…`).toBe(-1);
  }
}

let nextUpdate = 7_000_000;
function message(userId: number, text: string, extra: Record<string, unknown> = {}): Update {
  const m = /^\/[A-Za-z0-9_]+/.exec(text);
  return {
    update_id: nextUpdate++,
    message: {
      message_id: nextUpdate,
      date: 1_700_000_000,
      chat: { id: userId, type: "private", first_name: "Lan" },
      from: { id: userId, is_bot: false, first_name: "Lan" },
      text,
      ...(m ? { entities: [{ type: "bot_command", offset: 0, length: m[0].length }] } : {}),
      ...extra,
    },
  } as Update;
}

/** A network failure as undici reports it: the message and the cause quote the URL (and so the token). */
function networkError(url: string): TypeError {
  return new TypeError(`fetch failed: request to ${url} failed`, {
    cause: new Error(`connect ECONNREFUSED 149.154.167.220:443 (${url})`),
  });
}

/** All the text of a workbook: cells, sheet names, properties. */
async function xlsxText(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const out: string[] = [wb.creator ?? "", wb.lastModifiedBy ?? "", wb.title ?? "", wb.company ?? ""];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        out.push(typeof cell.value === "object" ? JSON.stringify(cell.value) : String(cell.value));
      });
    });
  });
  return out.join("\n");
}

describe("secrets in logs, replies and errors", () => {
  it("Telegram: failures of every kind leave no secret in the log, the replies or the store", async () => {
    /** Methods whose next call fails like a network that quotes the URL. */
    const drop = new Set<string>();
    const thrower = new Composer<Context>();
    thrower.command("loi", () => {
      throw new Error(`boom with ${FAKE_TOKEN} at https://api.telegram.org/bot${FAKE_TOKEN}/sendMessage`);
    });
    thrower.command("loichuoi", () => {
      throw `chuỗi ${FAKE_TOKEN} ${WEBHOOK_SECRET}`;
    });
    thrower.command("loidoituong", () => {
      throw {
        token: FAKE_TOKEN,
        url: `https://api.telegram.org/bot${FAKE_TOKEN}/getMe`,
        secret: WEBHOOK_SECRET,
      };
    });
    const h: FullBot = await makeFullBot(
      { BOT_ACCESS: "open", LOG_LEVEL: "trace" },
      {
        retry: false,
        extra: [thrower],
        fetch: (api) =>
          (async (input: unknown, init?: RequestInit) => {
            const url = String(input);
            const method = url.split("/").at(-1) ?? "";
            if (drop.has(method) || (drop.has("file") && url.includes("/file/bot"))) {
              drop.delete(method);
              drop.delete("file");
              throw networkError(url);
            }
            return api.fetch(input as string, init);
          }) as typeof fetch,
      },
    );
    cleanups.push(() => h.close());

    // 1. The network drops the answer (and the apology).
    drop.add("sendMessage");
    await h.handle(message(TG.head, "chủ đề năm 2023"));
    // 2. Telegram answers 401, 500, and an error description that quotes the token.
    h.api.fail("sendMessage", { kind: "error", code: 401, description: "Unauthorized" }, 2);
    await h.handle(message(TG.head, "nhiệm vụ của tôi"));
    h.api.fail("sendMessage", { kind: "500" }, 2);
    await h.handle(message(TG.member, "/chude"));
    h.api.fail(
      "sendMessage",
      { kind: "error", code: 400, description: `Bad Request: token ${FAKE_TOKEN} invalid` },
      1,
    );
    await h.handle(message(TG.leader, "/vanban 3609"));
    h.api.fail("editMessageText", { kind: "error", code: 400, description: `Bad Request: ${FAKE_TOKEN}` }, 1);
    await h.handle({
      update_id: nextUpdate++,
      callback_query: {
        id: "cb-x",
        from: { id: TG.head, is_bot: false, first_name: "Lan" },
        chat_instance: "c",
        data: "p:t::::2",
        message: {
          message_id: 5,
          date: 1,
          chat: { id: TG.head, type: "private", first_name: "Lan" },
          text: "…",
        },
      },
    } as Update);
    // 3. Handlers that throw with secrets in what they throw.
    for (const c of ["/loi", "/loichuoi", "/loidoituong"]) await h.handle(message(TG.admin, c));
    // 4. The admin's upload cannot be downloaded (the file URL holds the token).
    const file = h.api.addFile(new TextEncoder().encode("TT,Nhiệm vụ\n1,x\n"), { extension: "csv" });
    drop.add("file");
    await h.handle(
      message(TG.admin, "", {
        text: undefined,
        document: { file_id: file.file_id, file_unique_id: "u", file_name: "ke-hoach.csv", file_size: 20 },
      }),
    );
    // 5. A reminder answer whose notice to the secretariat hits a network failure.
    drop.add("sendMessage");
    await h.handle({
      update_id: nextUpdate++,
      callback_query: {
        id: "cb-r",
        from: { id: TG.head, is_bot: false, first_name: "Lan" },
        chat_instance: "c",
        data: encodeAction({
          type: "answer",
          answer: "in-progress",
          taskId: OWN_TASK,
          occurrence: "2023-10-10",
        }),
        message: {
          message_id: 6,
          date: 1,
          chat: { id: TG.head, type: "private", first_name: "Lan" },
          text: "…",
        },
      },
    } as Update);
    // 6. Someone logs the whole config, or a request with its URL and headers.
    h.app.logger.info({ config: h.app.config }, "configuration");
    h.app.logger.debug(
      {
        url: `https://api.telegram.org/bot${FAKE_TOKEN}/getMe`,
        headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      },
      "request",
    );

    // The failures did happen and were logged…
    const failed = h.logs.lines.filter((l) => l.includes("update failed"));
    expect(failed.length).toBeGreaterThanOrEqual(6);
    expect(h.logs.text).toContain("[ẩn]");
    // …without a secret anywhere.
    expectNoSecret("the log", h.logs.text);
    expectNoSecret("the replies", JSON.stringify(h.api.calls.map((c) => c.params)));
    expectNoSecret("the store", JSON.stringify(await storeBytes(h.dir)));
    // Users got the short apology, no error text.
    const texts = h.api.calls.filter((c) => c.ok).map((c) => String(c.params["text"] ?? ""));
    expect(texts.some((t) => t.startsWith("Xin lỗi"))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/Error|boom|ECONNREFUSED|api\.telegram\.org/);
  });

  it("Telegram start-up errors name the problem, never the token", async () => {
    const other = new FakeBotApi({ token: "1:AAAnotherTokenAnotherTokenAnother" });
    const api = new FakeBotApi();
    cleanups.push(
      () => other.close(),
      () => api.close(),
    );
    const messages: string[] = [];
    const start = async (root: string) => {
      const h: AppHarness = await makeApp({
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        LOG_LEVEL: "trace",
        TELEGRAM_API_ROOT: root,
      });
      cleanups.push(() => h.close());
      const e = await startTelegram({ app: h.app, assistant: h.assistant }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Error);
      messages.push(String((e as Error).message), String((e as Error).stack), h.logs.text);
      return String((e as Error).message);
    };
    // 401: the fake API knows another token.
    expect(await start(await other.listen())).toContain("401");
    // Telegram's own description quoting the token (as a misconfigured proxy might).
    api.fail("getMe", { kind: "error", code: 400, description: `Bad Request: bot ${FAKE_TOKEN} not found` });
    expect(await start(await api.listen())).toContain("Bad Request: bot [ẩn] not found");
    expectNoSecret("start-up errors", messages.join("\n"));
  });

  it("Zalo: network failures, 5xx quoting the token and a 401 leave no secret in the log or the store", async () => {
    const h = await makeApp({
      BOT_ACCESS: "open",
      LOG_LEVEL: "trace",
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET,
    });
    cleanups.push(() => h.close());
    const code = await h.app.store.state.createLinkCode({
      unitId: "so-tttt",
      role: "head",
      name: LINKED.head.name,
    });
    await h.app.store.state.redeemLinkCode(code.code, { channel: "zalo", chatId: ZL.head });
    const faults: ("network" | "500" | "401")[] = ["network", "500", "network", "500", "401"];
    const fetch = (async (input: unknown) => {
      const url = String(input);
      const f = faults.shift();
      if (f === "network") throw networkError(url);
      if (f === "500")
        return new Response(
          JSON.stringify({ ok: false, error_code: 500, description: `internal ${FAKE_ZALO_TOKEN} ${url}` }),
          {
            status: 500,
          },
        );
      if (f === "401")
        return new Response(JSON.stringify({ ok: false, error_code: 401, description: url }), {
          status: 401,
        });
      return new Response(JSON.stringify({ ok: true, result: { message_id: "z1" } }), { status: 200 });
    }) as typeof globalThis.fetch;
    const client = new ZaloClient({
      token: FAKE_ZALO_TOKEN,
      apiRoot: "https://bot-api.zaloplatforms.com",
      fetch,
    });
    const log = h.app.logger.child({ channel: "zalo" });
    const quota = new ZaloQuota({ settings: h.app.store.state, quota: 100, now: () => h.app.now() });
    let authErrors = 0;
    const conv = new ZaloConversation({
      app: h.app,
      assistant: h.assistant,
      client,
      quota,
      log,
      onAuthError: () => {
        authErrors++;
      },
    });
    for (const [i, text] of ["chủ đề năm 2023", "/vanban 3609", "nhiệm vụ"].entries()) {
      await conv.handle({
        event_name: "message.text.received",
        message: {
          from: { id: ZL.head },
          chat: { id: ZL.head, chat_type: "PRIVATE" },
          text,
          message_id: `s${i}`,
        },
      });
    }
    await conv.idle();
    // A reminder run through the Zalo sender on the due day: the send fails, the failure is kept.
    h.clock.now = new Date("2023-10-10T01:30:00.000Z");
    const sender = new ZaloSender({ client, quota, log });
    const report = await runReminders({
      store: h.app.store,
      knowledge: h.app.knowledge(),
      senders: { zalo: sender },
      options: reminderOptionsFromConfig(h.app.config),
      now: () => h.app.now(),
      limiter: new SendLimiter({ ratePerSecond: 100, chatIntervalMs: 0 }),
      policy: { maxTransientRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: async () => {},
    });
    expect(report.planned).toBeGreaterThan(0);
    expect(h.logs.lines.filter((l) => /"level":(40|50)/.test(l)).length).toBeGreaterThanOrEqual(3);
    expectNoSecret("the log", h.logs.text);
    expectNoSecret("the store", JSON.stringify(await storeBytes(h.dir)));
    // Every failure happened: two network errors, two 5xx quoting the token, a 401 (the channel stops).
    expect(faults).toEqual([]);
    expect(authErrors).toBe(0); // the 401 reached the reminder sender, which reports it as fatal
    expect(h.app.store.reminders.list().some((e) => e.lastError)).toBe(true);
  });

  it("createLogger hides the secrets of a config or a request, whatever the nesting", () => {
    const sink = new LogSink();
    const log = createLogger({ LOG_LEVEL: "trace" }, sink);
    const config = {
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET,
    };
    log.info({ config }, "config");
    log.info({ token: FAKE_TOKEN, url: `https://x/bot${FAKE_TOKEN}/getMe` }, "top level");
    log.child({ channel: "zalo" }).warn(
      {
        request: {
          url: `https://x/bot${FAKE_ZALO_TOKEN}/sendMessage`,
          headers: { "x-bot-api-secret-token": ZALO_WEBHOOK_SECRET },
        },
      },
      "nested",
    );
    expect(sink.lines).toHaveLength(3);
    expectNoSecret("the log", sink.text);
  });
});

describe("exports hold no secret, and no personal data", () => {
  it("kb export (json, xlsx), the leaders' report (xlsx) and a backup bundle", async () => {
    const h = await makeFullBot({ LOG_LEVEL: "trace", BACKUP_KEEP: "3" });
    cleanups.push(() => h.close());
    // Some history: a chat edit by the admin, a reminder answer, a question kept.
    await h.app.store.commitChange(
      { actor: { kind: "telegram", id: `telegram:${TG.admin}`, name: "Thư Ký" }, action: "unit.update" },
      (tx) => tx.upsert("units", { ...h.app.knowledge().unit("ban-dan-toc")!, aliases: ["BDT"] }),
    );
    h.app.reloadKnowledge();
    await h.answers.answer(h.assistant.identify("telegram", TG.head), {
      taskId: OWN_TASK,
      occurrence: "2023-10-10",
      kind: "in-progress",
    });
    const personal = [
      ...(Object.keys(LINKED) as (keyof typeof LINKED)[]).flatMap((k) => [String(TG[k]), LINKED[k].name]),
      String(TG.admin),
    ];

    const json = new TextDecoder().decode(await exportKnowledge(h.app, "json"));
    const xlsx = await xlsxText(await exportKnowledge(h.app, "xlsx"));
    const report = await xlsxText(
      (await buildProgressReport(h.app.knowledge(), { period: "nam", now: h.app.now() })).xlsx,
    );
    expect(json).toContain(OWN_TASK);
    expect(xlsx).toContain("Tuyên truyền Ngày Chuyển đổi số");
    expect(report).toContain("Sở Thông tin và Truyền thông");
    for (const [name, text] of [
      ["kb export json", json],
      ["kb export xlsx", xlsx],
      ["report xlsx", report],
    ] as const) {
      expectNoSecret(name, text);
      for (const p of personal) expect(text, `${name} holds ${p}`).not.toContain(p);
    }

    const dir = path.join(h.dir, "backups");
    const b = await createBackup({ dataDir: h.dir, backupDir: dir, now: h.app.now(), keep: 3 });
    const bundle = await readFile(b.path, "utf8");
    expect(bundle).toContain(LINKED.head.name); // the operator's backup holds the linked people…
    expectNoSecret("the backup bundle", bundle); // …never a secret
    expect((await readdir(dir)).length).toBe(1);
    expectNoSecret("the log", h.logs.text);
  });

  it(".env.example ships every secret empty", async () => {
    const env = parseDotenv(await readFile(".env.example", "utf8"));
    for (const key of [
      "TELEGRAM_BOT_TOKEN",
      "TELEGRAM_WEBHOOK_SECRET",
      "ZALO_BOT_TOKEN",
      "ZALO_WEBHOOK_SECRET",
    ] as const) {
      expect(Object.keys(configSchema.shape)).toContain(key);
      expect(env[key], key).toBe("");
    }
  });
});
