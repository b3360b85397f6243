/**
 * Running the bot: long polling, or a webhook server when TELEGRAM_WEBHOOK_URL is set.
 *
 * Webhook mode: a node:http server on PORT serves
 * - POST <path of TELEGRAM_WEBHOOK_URL>: updates from Telegram; the X-Telegram-Bot-Api-Secret-Token
 *   header must equal TELEGRAM_WEBHOOK_SECRET, otherwise 401 and the update is not read;
 * - GET /healthz: 200 {"ok":true}.
 * setWebhook is called (with the secret) once the server listens. Stopping never deletes the
 * webhook: Telegram keeps the updates until the next start.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, type Composer, type Context, GrammyError, HttpError, webhookCallback } from "grammy";
import type { App } from "../../app/app.ts";
import type { Assistant } from "../../app/assistant.ts";
import { createBot } from "./bot.ts";
import { setCommands } from "./commands.ts";
import { safeError } from "./context.ts";

/** The updates the bot handles (others are not even delivered). */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export interface StartTelegramOptions {
  app: App;
  assistant: Assistant;
  /** A bot built elsewhere; by default one is built from the config. */
  bot?: Bot<Context>;
  fetch?: typeof fetch;
  extraFeatures?: Composer<Context>[];
  /** Webhook server port (default PORT; 0 picks a free one) and host (default HOST). */
  port?: number;
  host?: string;
  /** How long stop() waits for polling to wind down (default 5 s). */
  stopTimeoutMs?: number;
}

export const STOP_TIMEOUT_MS = 5_000;

/** Waits for `p`, but not longer than `ms`. */
function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    p.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export interface TelegramRunner {
  mode: "polling" | "webhook";
  /** The bot's @username (from getMe). */
  username: string;
  /** The webhook server's port (webhook mode). */
  port?: number;
  bot: Bot<Context>;
  /** Settles when the bot stops: rejects if polling failed for good (token revoked, another instance). */
  done: Promise<void>;
  /** Stops polling or closes the server; safe to call twice. */
  stop(): Promise<void>;
}

/** A start failure with a Vietnamese message for the operator (no token in it). */
export class TelegramStartError extends Error {
  override readonly name = "TelegramStartError";
}

function startError(e: unknown, secrets: (string | undefined)[]): TelegramStartError {
  if (e instanceof GrammyError && e.error_code === 401) {
    return new TelegramStartError(
      "TELEGRAM_BOT_TOKEN: Telegram từ chối mã bot (401 Unauthorized). Hãy lấy lại mã từ @BotFather và sửa trong .env.",
    );
  }
  if (e instanceof GrammyError && e.error_code === 409) {
    return new TelegramStartError(
      "Một tiến trình khác đang nhận tin của bot này (409 Conflict). Hãy dừng tiến trình đó trước khi chạy lại.",
    );
  }
  if (e instanceof HttpError) {
    return new TelegramStartError(
      "Không kết nối được tới máy chủ Telegram. Kiểm tra mạng hoặc TELEGRAM_API_ROOT rồi chạy lại.",
    );
  }
  const s = safeError(e, secrets);
  return new TelegramStartError(`Không khởi động được bot Telegram: ${String(s.description ?? s.message)}`);
}

export async function startTelegram(opts: StartTelegramOptions): Promise<TelegramRunner> {
  const { app, assistant } = opts;
  const config = app.config;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!opts.bot && !token) throw new TelegramStartError("TELEGRAM_BOT_TOKEN: chưa đặt mã bot.");
  const log = app.logger.child({ channel: "telegram" });
  const secrets = [token, config.TELEGRAM_WEBHOOK_SECRET];
  const bot =
    opts.bot ??
    createBot({
      app,
      assistant,
      token: token!,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.extraFeatures ? { extraFeatures: opts.extraFeatures } : {}),
    });

  // getMe through the bot's transformers (network errors retried a few times, each logged): grammY's
  // own bot.init() retries network errors forever, which kept `npm start` silent for minutes when
  // Telegram could not be reached.
  try {
    if (!bot.isInited()) {
      log.info("connecting to Telegram");
      bot.botInfo = await bot.api.getMe();
    }
  } catch (e) {
    throw startError(e, secrets);
  }
  const username = bot.botInfo.username;
  try {
    await setCommands(bot, {
      adminIds: config.ADMIN_TELEGRAM_IDS,
      onWarn: (msg, adminId) => log.warn({ adminId }, msg),
    });
  } catch (e) {
    log.warn({ error: safeError(e, secrets) }, "could not set the command menu");
  }

  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  if (!webhookUrl) {
    let stopped = false;
    const done = bot
      .start({
        drop_pending_updates: false,
        allowed_updates: [...ALLOWED_UPDATES],
        onStart: () => log.info({ username, mode: "polling" }, "Telegram bot started"),
      })
      .catch((e: unknown) => {
        if (stopped) return;
        log.fatal({ error: safeError(e, secrets) }, "polling stopped");
        throw startError(e, secrets);
      });
    return {
      mode: "polling",
      username,
      bot,
      done,
      async stop() {
        stopped = true;
        // bot.stop() confirms the last update with one more getUpdates; when Telegram is
        // unreachable, auto-retry would retry that forever: do not wait for it past a bound.
        const stopping = bot.isRunning() ? bot.stop().catch(() => {}) : Promise.resolve();
        await withTimeout(
          Promise.all([stopping, done.catch(() => {})]),
          opts.stopTimeoutMs ?? STOP_TIMEOUT_MS,
        );
      },
    };
  }

  const hookPath = new URL(webhookUrl).pathname || "/";
  const handle = webhookCallback(bot, "http", {
    secretToken: config.TELEGRAM_WEBHOOK_SECRET,
    // Answer Telegram before its own timeout; the update keeps being handled.
    onTimeout: "return",
    timeoutMilliseconds: 50_000,
  });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
      return;
    }
    if (path !== hookPath) {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    handle(req, res).catch((e: unknown) => {
      log.error({ error: safeError(e, secrets) }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? config.PORT, opts.host ?? config.HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  const close = async () => {
    if (!server.listening) return;
    const closing = new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // Requests still being handled get a moment to finish, then their connections are cut.
    await withTimeout(closing, opts.stopTimeoutMs ?? STOP_TIMEOUT_MS);
    server.closeAllConnections();
    resolveDone();
  };
  try {
    await bot.api.setWebhook(webhookUrl, {
      secret_token: config.TELEGRAM_WEBHOOK_SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
  } catch (e) {
    await close();
    throw startError(e, secrets);
  }
  const shownPath = secrets.reduce<string>((acc, sec) => (sec ? acc.split(sec).join("[ẩn]") : acc), hookPath);
  log.info({ username, mode: "webhook", port, path: shownPath }, "Telegram bot started");
  return { mode: "webhook", username, port, bot, done, stop: close };
}
