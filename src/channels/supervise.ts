/**
 * Channel supervision: what the operator is told while a channel's API cannot be reached, the retry
 * loop with back-off, and the state /healthz reports.
 *
 * - `ChannelMonitor`: one channel's state ("connecting" → "connected" | "unreachable") and the operator's
 *   messages on standard error: the first failure at once, then at most once a minute while the API
 *   stays unreachable, and "connected again" once when it comes back. Every failure is logged (warn).
 * - `connectWithRetry`: tries a start step (Telegram's getMe…) until it succeeds; network errors and
 *   timeouts are reported and retried (2 s doubling up to 60 s), other errors (a revoked token, a
 *   conflict) are rethrown; stopping (the signal) ends the wait at once.
 * - `ChannelHealth` + `serveHealthz`: the JSON of /healthz (no token, no personal data: the error texts
 *   are fixed phrases, never a server's message or a URL).
 *
 * Time is injected (`Clock`) so that tests need no real waiting.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";

export type ChannelName = "telegram" | "zalo";
export type ConnectionState = "connecting" | "connected" | "unreachable";

export interface ChannelStatus {
  state: ConnectionState;
  /** When the channel entered this state (ISO 8601). */
  since: string;
  /** Why it is unreachable (a short fixed phrase). */
  lastError?: string;
}

/** Time, injected: tests move it by hand. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** A failure is reported again on standard error at most this often while it lasts. */
export const REPORT_EVERY_MS = 60_000;
/** Back-off between connection attempts: doubling from initialMs up to maxMs. */
export const CONNECT_BACKOFF = { initialMs: 2_000, maxMs: 60_000 };
/** One connection attempt gets this long before it counts as unreachable (the first report comes within 10 s). */
export const ATTEMPT_TIMEOUT_MS = 8_000;

const LABEL: Record<ChannelName, string> = { telegram: "Telegram", zalo: "Zalo" };
const ROOT_VARIABLE: Record<ChannelName, string> = { telegram: "TELEGRAM_API_ROOT", zalo: "ZALO_API_ROOT" };

/** What a channel tells about its connection (the Zalo loop calls it; so does the Telegram start). */
export interface ConnectionListener {
  connected(info?: Record<string, unknown>): void;
  unreachable(reason: string): void;
}

/** The operator's messages (Vietnamese, standard error). */
export const supervisionTexts = {
  unreachable: (channel: ChannelName, reason: string) =>
    `Không kết nối được máy chủ ${LABEL[channel]} (${reason}); sẽ thử lại. Các kênh khác, nhắc hạn và sao lưu vẫn chạy. Kiểm tra mạng hoặc ${ROOT_VARIABLE[channel]}.`,
  stillUnreachable: (channel: ChannelName, reason: string, minutes: number) =>
    `Vẫn chưa kết nối được máy chủ ${LABEL[channel]} (${reason}) sau ${minutes} phút; đang thử lại.`,
  connected: (channel: ChannelName) => `Đã kết nối được máy chủ ${LABEL[channel]}.`,
  timeout: (ms: number) => `không có phản hồi sau ${Math.round(ms / 1000)} giây`,
};

export interface ChannelMonitorOptions {
  /** Where the operator reads (standard error). */
  report: (text: string) => void;
  log: Logger;
  clock?: Clock;
  reportEveryMs?: number;
}

export class ChannelMonitor implements ConnectionListener {
  readonly name: ChannelName;
  readonly #report: (text: string) => void;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #every: number;
  #state: ConnectionState = "connecting";
  #since: number;
  #lastError: string | undefined;
  /** When the current outage started and was last reported (undefined: nothing reported). */
  #outageStart: number | undefined;
  #lastReport: number | undefined;
  #settle!: () => void;
  /** Resolves once the first attempt has an outcome (connected or unreachable). */
  readonly settled: Promise<void>;

  constructor(name: ChannelName, opts: ChannelMonitorOptions) {
    this.name = name;
    this.#report = opts.report;
    this.#log = opts.log;
    this.#clock = opts.clock ?? systemClock;
    this.#every = opts.reportEveryMs ?? REPORT_EVERY_MS;
    this.#since = this.#clock.now();
    this.settled = new Promise((r) => {
      this.#settle = r;
    });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get status(): ChannelStatus {
    return {
      state: this.#state,
      since: new Date(this.#since).toISOString(),
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  connected(info: Record<string, unknown> = {}): void {
    if (this.#state === "connected") return;
    const afterOutage = this.#lastReport !== undefined;
    this.#state = "connected";
    this.#since = this.#clock.now();
    this.#lastError = undefined;
    this.#outageStart = undefined;
    this.#lastReport = undefined;
    this.#log.info({ channel: this.name, ...info }, "channel connected");
    if (afterOutage) this.#report(supervisionTexts.connected(this.name));
    this.#settle();
  }

  unreachable(reason: string): void {
    const now = this.#clock.now();
    if (this.#state !== "unreachable") {
      this.#state = "unreachable";
      this.#since = now;
    }
    this.#lastError = reason;
    this.#outageStart ??= now;
    this.#log.warn({ channel: this.name, error: reason }, "channel unreachable, retrying");
    if (this.#lastReport === undefined) {
      this.#report(supervisionTexts.unreachable(this.name, reason));
      this.#lastReport = now;
    } else if (now - this.#lastReport >= this.#every) {
      const minutes = Math.max(1, Math.floor((now - this.#outageStart) / 60_000));
      this.#report(supervisionTexts.stillUnreachable(this.name, reason, minutes));
      this.#lastReport = now;
    }
    this.#settle();
  }

  /** Stopped for good (a revoked token): the caller tells the operator; not retried, not reported again. */
  failed(reason: string): void {
    this.#state = "unreachable";
    this.#since = this.#clock.now();
    this.#lastError = reason;
    this.#log.error({ channel: this.name, error: reason }, "channel stopped");
    this.#settle();
  }
}

const CODES: [RegExp, string][] = [
  [/^ECONNREFUSED$/, "bị từ chối kết nối"],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, "không tìm thấy tên máy chủ"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED)$/, "kết nối bị ngắt"],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, "quá thời gian chờ"],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/, "không có đường mạng tới máy chủ"],
  [/CERT|SSL|TLS|SELF_SIGNED/, "lỗi chứng chỉ TLS"],
];

/**
 * A short phrase for a network failure: the system error code found in the error or its causes
 * (never the message, which may quote the URL and so the token).
 */
export function networkReason(e: unknown): string {
  let cur: unknown = e;
  for (let depth = 0; depth < 6 && cur && typeof cur === "object"; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code)) {
      const known = CODES.find(([re]) => re.test(code));
      return known ? `${known[1]}, ${code}` : `lỗi mạng, ${code}`;
    }
    const o = cur as { error?: unknown; cause?: unknown; name?: unknown; message?: unknown };
    if (o.name === "TimeoutError" || (typeof o.message === "string" && /timed out/i.test(o.message)))
      return "quá thời gian chờ";
    cur = o.cause ?? o.error;
  }
  return "lỗi mạng";
}

/** Thrown by a start that was stopped before it could connect. */
export class ChannelStopped extends Error {
  override readonly name = "ChannelStopped";
  constructor() {
    super("stopped before connecting");
  }
}

export interface ConnectOptions<T> {
  monitor: ConnectionListener;
  /** One attempt; its signal aborts when stopping or when the attempt takes too long. */
  attempt: (signal: AbortSignal) => Promise<T>;
  /** A short reason when the error is worth retrying (the API cannot be reached); undefined: rethrown. */
  retryable: (e: unknown) => string | undefined;
  /** Stops retrying (the result is then undefined). */
  signal: AbortSignal;
  clock?: Clock;
  backoff?: { initialMs?: number; maxMs?: number };
  attemptTimeoutMs?: number;
}

const TIMED_OUT = Symbol("timed out");

/** Tries until an attempt succeeds; undefined when stopped first. Errors that are not retryable are rethrown. */
export async function connectWithRetry<T>(o: ConnectOptions<T>): Promise<T | undefined> {
  const clock = o.clock ?? systemClock;
  const maxMs = o.backoff?.maxMs ?? CONNECT_BACKOFF.maxMs;
  const timeoutMs = o.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
  let delay = o.backoff?.initialMs ?? CONNECT_BACKOFF.initialMs;
  while (!o.signal.aborted) {
    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    o.signal.addEventListener("abort", onStop, { once: true });
    const timer = new AbortController();
    try {
      const running = o.attempt(attempt.signal);
      running.catch(() => {});
      const timeout = clock.sleep(timeoutMs, timer.signal).then(() => TIMED_OUT);
      const result = await Promise.race([running, timeout]);
      if (result !== TIMED_OUT) return result as T;
      if (o.signal.aborted) return undefined;
      o.monitor.unreachable(supervisionTexts.timeout(timeoutMs));
    } catch (e) {
      if (o.signal.aborted) return undefined;
      const reason = o.retryable(e);
      if (reason === undefined) throw e;
      o.monitor.unreachable(reason);
    } finally {
      timer.abort();
      attempt.abort();
      o.signal.removeEventListener("abort", onStop);
    }
    await clock.sleep(delay, o.signal);
    delay = Math.min(delay * 2, maxMs);
  }
  return undefined;
}

export interface HealthReport {
  /** Every configured channel is connected. */
  ok: boolean;
  channels: Partial<Record<ChannelName, ChannelStatus>>;
}

/** The configured channels' monitors, as /healthz reports them. */
export class ChannelHealth {
  readonly #monitors: ChannelMonitor[] = [];

  add(monitor: ChannelMonitor): ChannelMonitor {
    this.#monitors.push(monitor);
    return monitor;
  }

  report(): HealthReport {
    const channels: HealthReport["channels"] = {};
    for (const m of this.#monitors) channels[m.name] = m.status;
    return { ok: this.#monitors.every((m) => m.state === "connected"), channels };
  }
}

/**
 * Answers GET/HEAD /healthz (true) or leaves the request alone (false). Without `health` (a channel
 * started on its own, in tests) it answers 200 {"ok":true}.
 */
export function serveHealthz(req: IncomingMessage, res: ServerResponse, health?: ChannelHealth): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/healthz" || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const body = health ? health.report() : { ok: true };
  res
    .writeHead(body.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
    .end(req.method === "HEAD" ? undefined : JSON.stringify(body));
  return true;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A server for /healthz alone (polling mode: HEALTH_PORT); anything else is 404. */
export async function startHealthServer(opts: {
  health: ChannelHealth;
  port: number;
  host: string;
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (!serveHealthz(req, res, opts.health)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
