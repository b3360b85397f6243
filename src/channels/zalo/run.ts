/**
 * Running the Zalo channel: long polling, or a webhook server when ZALO_WEBHOOK_URL is set.
 *
 * Polling: deleteWebhook first (polling and webhook exclude each other), then getUpdates
 * {timeout: "30"} in a loop; each call returns ONE update, or HTTP 408 when idle (poll again).
 * Network errors and 5xx back off (1 s, doubling, at most 60 s). Zalo keeps no offset: messages sent
 * while nobody polls may be lost.
 *
 * Webhook: a node:http server on ZALO_PORT (default 8081; its own port, so that Telegram's webhook
 * server keeps PORT) serves
 * - POST <path of ZALO_WEBHOOK_URL>: the header X-Bot-Api-Secret-Token is compared with
 *   ZALO_WEBHOOK_SECRET in constant time BEFORE the body is read; wrong or missing → 401. The body
 *   is `{ok:true, result:{…}}` or the bare update; the answer (200) comes at once and the update is
 *   handled afterwards;
 * - GET /healthz: the channels' states (src/channels/supervise.ts), 200 when all are connected, else 503.
 * setWebhook {url, secret_token} is called once the server listens (retried on transient errors).
 * Stopping never deletes the webhook.
 *
 * A 401 (bad token), at start or later, stops the Zalo channel with a clear log line and never
 * the process: `disabled` settles, `done` does not (it settles only after `stop()`), so the
 * other channels keep running.
 *
 * `connection` (npm start) hears whether Zalo answers: each failure to reach it (network error,
 * timeout, 5xx) and each success; getMe, deleteWebhook and setWebhook get ATTEMPT_TIMEOUT_MS, so a
 * Zalo that does not answer is reported within 10 s.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { App } from "../../app/app.ts";
import type { Assistant } from "../../app/assistant.ts";
import {
  ATTEMPT_TIMEOUT_MS,
  type ChannelHealth,
  type ConnectionListener,
  serveHealthz,
} from "../supervise.ts";
import {
  isAbort,
  parseUpdate,
  ZaloApiError,
  ZaloAuthError,
  type ZaloBotInfo,
  ZaloClient,
  ZaloTransientError,
  type ZaloUpdate,
} from "./client.ts";
import { errInfo, type FloodLimit, ZaloConversation } from "./conversation.ts";
import { ChoiceMemory } from "./memory.ts";
import { type QuotaStatus, type QuotaThreshold, ZaloQuota } from "./quota.ts";
import { ZaloSender } from "./sender.ts";

export const SECRET_HEADER = "x-bot-api-secret-token";
/** Largest webhook body read. */
export const MAX_WEBHOOK_BODY = 1_000_000;

export const AUTH_STOP_MESSAGE =
  "Zalo từ chối mã bot (401 Unauthorized): kênh Zalo đã dừng, các kênh khác vẫn chạy. Hãy kiểm tra ZALO_BOT_TOKEN trong .env rồi khởi động lại. / Zalo rejected the bot token (401): the Zalo channel is stopped, other channels keep running. Check ZALO_BOT_TOKEN and restart.";

export interface StartZaloOptions {
  fetch?: typeof fetch;
  /** Webhook server port (default ZALO_PORT; 0 picks a free one) and host (default all interfaces). */
  port?: number;
  host?: string;
  /** Long-poll timeout in seconds, sent as a string (default "30"). */
  pollTimeout?: string;
  /** Back-off after transient errors (default 1 s doubling to 60 s). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Called once per month at 80 % of the quota and once at the limit (warn the secretariat). */
  onQuotaWarning?: (threshold: QuotaThreshold, status: QuotaStatus) => void;
  flood?: FloodLimit;
  /** Keep the last message ids in the store (default true). */
  persistRecentIds?: boolean;
  /** Told when Zalo cannot be reached and when it answers again (the channel monitor). */
  connection?: ConnectionListener;
  /** The channels' states for /healthz in webhook mode (default: 200 {"ok":true}). */
  health?: ChannelHealth;
}

export type ZaloState = "running" | "unauthorized" | "stopped";

export interface ZaloRunner {
  mode: "polling" | "webhook";
  readonly state: ZaloState;
  /** From getMe (absent when Zalo could not be reached at start). */
  readonly bot: ZaloBotInfo | undefined;
  /** The webhook server's port (webhook mode). */
  port?: number;
  client: ZaloClient;
  conversation: ZaloConversation;
  /** For the reminders' notifier (also after a 401: it then answers "disabled"). */
  sender: ZaloSender;
  quota: ZaloQuota;
  /** Settles after `stop()`, once polling has ended or the server is closed. */
  done: Promise<void>;
  /** Settles with the reason when the channel stopped by itself (bad token). */
  disabled: Promise<string>;
  /** Stops polling or closes the server, and waits for updates being handled; safe to call twice. */
  stop(): Promise<void>;
}

export class ZaloStartError extends Error {
  override readonly name = "ZaloStartError";
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Constant-time comparison of two secrets of any lengths (both hashed to 32 bytes first). */
export function secretMatches(given: string | undefined, expected: string): boolean {
  const a = createHash("sha256")
    .update(given ?? "")
    .digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given !== undefined;
}

export interface WebhookHandlerOptions {
  path: string;
  secret: string;
  onUpdate: (u: ZaloUpdate) => void;
  log: Logger;
  maxBytes?: number;
  /** What /healthz reports (default 200 {"ok":true}). */
  health?: ChannelHealth;
}

/**
 * The webhook request handler (usable on any node:http server): health check, path and method,
 * the secret header (before any byte of the body is read), then the body.
 */
export function createWebhookHandler(
  opts: WebhookHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const max = opts.maxBytes ?? MAX_WEBHOOK_BODY;
  const end = (res: ServerResponse, status: number, body?: object, headers: Record<string, string> = {}) => {
    res
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(body ? JSON.stringify(body) : "");
  };
  return (req, res) => {
    if (serveHealthz(req, res, opts.health)) return;
    const path = (req.url ?? "/").split("?")[0];
    if (path !== opts.path) return end(res, 404);
    if (req.method !== "POST") return end(res, 405, undefined, { allow: "POST" });
    const header = req.headers[SECRET_HEADER];
    if (!secretMatches(typeof header === "string" ? header : undefined, opts.secret)) {
      opts.log.warn("zalo webhook: wrong or missing secret header");
      end(res, 401, { ok: false }, { connection: "close" });
      req.resume(); // discarded unread
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > max) {
        failed = true;
        end(res, 413, { ok: false }, { connection: "close" });
        return;
      }
      chunks.push(c);
    });
    req.on("error", () => {
      failed = true;
    });
    req.on("end", () => {
      if (failed) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return end(res, 400, { ok: false });
      }
      const update = parseUpdate(body);
      // Answer first: Zalo must not wait for the answer engine or the replies.
      end(res, 200, { ok: true });
      if (update) opts.onUpdate(update);
      else opts.log.warn("zalo webhook: body is not an update, ignored");
    });
  };
}

/** Why Zalo counts as unreachable (a short fixed phrase: never the server's text). */
export function zaloUnreachableReason(e: ZaloTransientError): string {
  if (e.status >= 500 || e.status === 429) return `máy chủ trả lỗi ${e.status}`;
  if (e.status === 0) return e.description === "timeout" ? "quá thời gian chờ" : "lỗi mạng";
  return `lỗi HTTP ${e.status}`;
}

export async function startZalo(
  app: App,
  assistant: Assistant,
  opts: StartZaloOptions = {},
): Promise<ZaloRunner> {
  const config = app.config;
  const token = config.ZALO_BOT_TOKEN;
  if (!token) throw new ZaloStartError("ZALO_BOT_TOKEN: chưa đặt mã bot Zalo.");
  const log = app.logger.child({ channel: "zalo" });
  const client = new ZaloClient({
    token,
    apiRoot: config.ZALO_API_ROOT,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const webhookUrl = config.ZALO_WEBHOOK_URL;
  const mode = webhookUrl ? "webhook" : "polling";
  const initialMs = opts.backoff?.initialMs ?? 1000;
  const maxMs = opts.backoff?.maxMs ?? 60_000;

  let state: ZaloState = "running";
  let bot: ZaloBotInfo | undefined;
  const abort = new AbortController();
  let resolveDisabled!: (reason: string) => void;
  const disabled = new Promise<string>((r) => {
    resolveDisabled = r;
  });
  let server: Server | undefined;
  let loop: Promise<void> = Promise.resolve();

  const closeServer = async () => {
    const s = server;
    if (!s?.listening) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeIdleConnections();
    });
  };

  const disable = (e: ZaloAuthError) => {
    if (state !== "running") return;
    state = "unauthorized";
    log.error({ method: e.method, status: e.status }, AUTH_STOP_MESSAGE);
    abort.abort();
    void closeServer();
    resolveDisabled("unauthorized");
  };

  const quota = new ZaloQuota({
    settings: app.store.state,
    quota: config.ZALO_MONTHLY_QUOTA,
    now: () => app.now(),
    readOnly: app.store.readOnly,
    onWarning: (threshold, status) => {
      log.warn(
        { threshold, sent: status.sent, quota: status.quota, month: status.month },
        "zalo quota warning",
      );
      opts.onQuotaWarning?.(threshold, status);
    },
    onError: (e) => log.warn({ err: errInfo(e) }, "could not save the zalo quota count"),
  });
  const choices = new ChoiceMemory(() => app.now());
  const conversation = new ZaloConversation({
    app,
    assistant,
    client,
    quota,
    choices,
    log,
    onAuthError: disable,
    ...(opts.flood ? { flood: opts.flood } : {}),
    ...(opts.persistRecentIds !== undefined ? { persistRecentIds: opts.persistRecentIds } : {}),
  });
  const sender = new ZaloSender({
    client,
    quota,
    choices,
    log,
    isDisabled: () => state === "unauthorized",
    onAuthError: disable,
  });
  const onUpdate = (u: ZaloUpdate) => {
    void conversation.handle(u);
  };

  const connection = opts.connection;
  const unreachable = (e: unknown) => {
    if (e instanceof ZaloTransientError) connection?.unreachable(zaloUnreachableReason(e));
  };
  const connectTimeout = { timeoutMs: ATTEMPT_TIMEOUT_MS };

  /** Runs `fn` until it succeeds; transient errors back off. False when stopped or unauthorized. */
  const withRetry = async (what: string, fn: () => Promise<unknown>): Promise<boolean> => {
    let delay = initialMs;
    while (state === "running") {
      try {
        await fn();
        return true;
      } catch (e) {
        if (isAbort(e) || state !== "running") return false;
        if (e instanceof ZaloAuthError) {
          disable(e);
          return false;
        }
        if (!(e instanceof ZaloTransientError)) throw e;
        unreachable(e);
        log.warn({ err: errInfo(e), retryInMs: delay }, `${what} failed, retrying`);
        await sleep(delay, abort.signal);
        delay = Math.min(delay * 2, maxMs);
      }
    }
    return false;
  };

  // Who the bot is; a bad token stops here.
  log.info({ mode }, "connecting to Zalo");
  try {
    bot = await client.getMe({ signal: abort.signal, ...connectTimeout });
  } catch (e) {
    if (e instanceof ZaloAuthError) disable(e);
    else {
      unreachable(e);
      log.warn({ err: errInfo(e) }, "zalo getMe failed; continuing");
    }
  }

  const poll = async () => {
    const ok = await withRetry("zalo deleteWebhook", async () => {
      try {
        await client.deleteWebhook({ signal: abort.signal, ...connectTimeout });
      } catch (e) {
        // A bot without a webhook may refuse the call: nothing to delete.
        if (
          e instanceof ZaloApiError &&
          !(e instanceof ZaloTransientError) &&
          !(e instanceof ZaloAuthError)
        ) {
          log.debug({ err: errInfo(e) }, "deleteWebhook refused");
          return;
        }
        throw e;
      }
    });
    if (!ok) return;
    log.info({ mode: "polling", bot: bot?.account_name }, "Zalo bot started");
    connection?.connected({ bot: bot?.account_name, mode: "polling" });
    let delay = initialMs;
    while (state === "running") {
      try {
        const u = await client.getUpdates({ timeout: opts.pollTimeout ?? "30" }, { signal: abort.signal });
        delay = initialMs;
        connection?.connected();
        if (u) onUpdate(u);
      } catch (e) {
        if (isAbort(e) || state !== "running") return;
        if (e instanceof ZaloAuthError) {
          disable(e);
          return;
        }
        unreachable(e);
        log.warn({ err: errInfo(e), retryInMs: delay }, "zalo getUpdates failed, retrying");
        await sleep(delay, abort.signal);
        delay = Math.min(delay * 2, maxMs);
      }
    }
  };

  let port: number | undefined;
  if (state === "running") {
    if (!webhookUrl) {
      loop = poll().catch((e: unknown) => {
        log.error({ err: errInfo(e) }, "zalo polling stopped");
      });
    } else {
      const secret = config.ZALO_WEBHOOK_SECRET;
      if (!secret) throw new ZaloStartError("ZALO_WEBHOOK_SECRET: bắt buộc khi đặt ZALO_WEBHOOK_URL.");
      const path = new URL(webhookUrl).pathname || "/";
      const s = createServer(
        createWebhookHandler({
          path,
          secret,
          onUpdate,
          log,
          ...(opts.health ? { health: opts.health } : {}),
        }),
      );
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(opts.port ?? config.ZALO_PORT, opts.host ?? config.HOST, () => {
          s.off("error", reject);
          resolve();
        });
      });
      port = (s.address() as AddressInfo).port;
      loop = withRetry("zalo setWebhook", () =>
        client.setWebhook(
          { url: webhookUrl, secret_token: secret },
          { signal: abort.signal, ...connectTimeout },
        ),
      )
        .then((ok) => {
          if (!ok) return;
          log.info({ mode: "webhook", port, path, bot: bot?.account_name }, "Zalo bot started");
          connection?.connected({ bot: bot?.account_name, mode: "webhook" });
        })
        .catch((e: unknown) => {
          log.error({ err: errInfo(e) }, "zalo setWebhook refused; the webhook server keeps listening");
        });
    }
  }

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  let stopping: Promise<void> | undefined;
  const runner: ZaloRunner = {
    mode,
    get state() {
      return state;
    },
    get bot() {
      return bot;
    },
    ...(port !== undefined ? { port } : {}),
    client,
    conversation,
    sender,
    quota,
    done,
    disabled,
    stop() {
      stopping ??= (async () => {
        if (state === "running") state = "stopped";
        abort.abort();
        await loop;
        await closeServer();
        await conversation.idle();
        resolveDone();
      })();
      return stopping;
    },
  };
  return runner;
}
