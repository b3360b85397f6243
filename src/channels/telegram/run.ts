/**
 * Running the bot: long polling, or a webhook server when TELEGRAM_WEBHOOK_URL is set.
 *
 * Webhook mode: a node:http server on PORT serves
 * - POST <path of TELEGRAM_WEBHOOK_URL>: updates from Telegram; the X-Telegram-Bot-Api-Secret-Token
 *   header must equal TELEGRAM_WEBHOOK_SECRET, otherwise 401 and the update is not read;
 * - GET /healthz: the channels' states (src/channels/supervise.ts), 200 when all are connected, else 503.
 * The server listens first (so /healthz answers while connecting), then getMe and setWebhook (with the
 * secret). Stopping never deletes the webhook: Telegram keeps the updates until the next start.
 *
 * With `supervise` (npm start), a Telegram that cannot be reached (network error, timeout, 5xx) is
 * reported and retried with back-off until it answers or the signal stops it; a refused token (401)
 * or a conflict (409) still fails the start with TelegramStartError.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, type Composer, type Context, GrammyError, HttpError, webhookCallback } from "grammy";
import type { App } from "../../app/app.ts";
import type { Assistant } from "../../app/assistant.ts";
import {
  type ChannelHealth,
  ChannelStopped,
  type Clock,
  type ConnectionListener,
  connectWithRetry,
  networkReason,
  serveHealthz,
} from "../supervise.ts";
import { createBot } from "./bot.ts";
import { safeError } from "./context.ts";
import { setCommands } from "./menu.ts";
import { withoutNetworkRetry } from "./network-retry.ts";

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
  /**
   * Keep trying while Telegram cannot be reached, telling `monitor` (npm start). Without it, a Telegram
   * that cannot be reached fails the start with TelegramStartError. Stopped by `signal` before
   * connecting: rejects with ChannelStopped.
   */
  supervise?: {
    monitor: ConnectionListener;
    signal: AbortSignal;
    clock?: Clock;
    backoff?: { initialMs?: number; maxMs?: number };
    attemptTimeoutMs?: number;
  };
  /** The channels' states for /healthz in webhook mode (default: 200 {"ok":true}). */
  health?: ChannelHealth;
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

/** Why Telegram counts as unreachable (retried), or undefined when the error is final. */
export function unreachableReason(e: unknown): string | undefined {
  if (e instanceof HttpError) return networkReason(e);
  if (e instanceof GrammyError && (e.error_code >= 500 || e.error_code === 429))
    return `máy chủ trả lỗi ${e.error_code}`;
  return undefined;
}

export async function startTelegram(opts: StartTelegramOptions): Promise<TelegramRunner> {
  const { app, assistant, supervise } = opts;
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
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  const mode = webhookUrl ? "webhook" : "polling";

  // Webhook mode: the server listens first, so that /healthz answers while Telegram is being reached.
  let server: Server | undefined;
  let port: number | undefined;
  let resolveDone!: () => void;
  const closed = new Promise<void>((r) => {
    resolveDone = r;
  });
  const close = async () => {
    const s = server;
    if (!s?.listening) return resolveDone();
    const closing = new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeIdleConnections();
    });
    // Requests still being handled get a moment to finish, then their connections are cut.
    await withTimeout(closing, opts.stopTimeoutMs ?? STOP_TIMEOUT_MS);
    s.closeAllConnections();
    resolveDone();
  };
  const hookPath = webhookUrl ? new URL(webhookUrl).pathname || "/" : "";
  if (webhookUrl) {
    const handle = webhookCallback(bot, "http", {
      secretToken: config.TELEGRAM_WEBHOOK_SECRET,
      // Answer Telegram before its own timeout; the update keeps being handled.
      onTimeout: "return",
      timeoutMilliseconds: 50_000,
    });
    const s = createServer((req, res) => {
      if (serveHealthz(req, res, opts.health)) return;
      const path = (req.url ?? "/").split("?")[0];
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
    server = s;
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(opts.port ?? config.PORT, opts.host ?? config.HOST, () => {
        s.off("error", reject);
        resolve();
      });
    });
    port = (s.address() as AddressInfo).port;
  }

  // getMe (and setWebhook) go through the bot's transformers: grammY's own bot.init() retries network
  // errors forever, which kept `npm start` silent for minutes when Telegram could not be reached.
  const connect = async (abort?: AbortSignal) => {
    // grammY types signals with its own shim; Node's AbortSignal is what it gets at run time.
    const signal = abort as Parameters<typeof bot.api.getMe>[0];
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe(signal);
    if (webhookUrl) {
      await bot.api.setWebhook(
        webhookUrl,
        {
          secret_token: config.TELEGRAM_WEBHOOK_SECRET,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
        },
        signal,
      );
    }
  };
  log.info({ mode }, "connecting to Telegram");
  try {
    if (supervise) {
      const connected = await connectWithRetry({
        monitor: supervise.monitor,
        // Tried once per attempt: the supervisor reports and backs off.
        attempt: (signal) => connect(withoutNetworkRetry(signal)).then(() => true),
        retryable: unreachableReason,
        signal: supervise.signal,
        ...(supervise.clock ? { clock: supervise.clock } : {}),
        ...(supervise.backoff ? { backoff: supervise.backoff } : {}),
        ...(supervise.attemptTimeoutMs !== undefined ? { attemptTimeoutMs: supervise.attemptTimeoutMs } : {}),
      });
      if (!connected) throw new ChannelStopped();
    } else {
      await connect();
    }
  } catch (e) {
    await close();
    throw e instanceof ChannelStopped ? e : startError(e, secrets);
  }
  const username = bot.botInfo.username;
  supervise?.monitor.connected({ username, mode });
  if (supervise) {
    // From now on every call tells whether Telegram answers (polling, replies): /healthz follows it.
    const monitor = supervise.monitor;
    bot.api.config.use(async (prev, method, payload, signal) => {
      try {
        const res = await prev(method, payload, signal);
        const code = res.ok ? 0 : res.error_code;
        if (code >= 500) monitor.unreachable(`máy chủ trả lỗi ${code}`);
        else monitor.connected();
        return res;
      } catch (e) {
        const reason = unreachableReason(e);
        if (reason && !signal?.aborted) monitor.unreachable(reason);
        throw e;
      }
    });
  }
  try {
    await setCommands(bot, {
      adminIds: config.ADMIN_TELEGRAM_IDS,
      onWarn: (msg, adminId) => log.warn({ adminId }, msg),
    });
  } catch (e) {
    log.warn({ error: safeError(e, secrets) }, "could not set the command menu");
  }

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

  const shownPath = secrets.reduce<string>((acc, sec) => (sec ? acc.split(sec).join("[ẩn]") : acc), hookPath);
  log.info({ username, mode: "webhook", port, path: shownPath }, "Telegram bot started");
  return {
    mode: "webhook",
    username,
    ...(port !== undefined ? { port } : {}),
    bot,
    done: closed,
    stop: close,
  };
}
