/**
 * A thin client for the Zalo Bot Platform API (a Telegram-like HTTP API).
 *
 * Every call is `POST {apiRoot}/bot{token}/{method}` with a JSON body; the reply is the envelope
 * `{ok, result?, error_code?, description?}` and `ok` decides, not the HTTP status.
 * Quirks handled here:
 * - getUpdates returns ONE update (not an array), or HTTP 408 `{ok:false, error_code:408}` when the
 *   long poll was idle: that is `null`, not an error;
 * - getWebhookInfo on a bot that never had a webhook answers 404: that is `null` too;
 * - 401: bad token (ZaloAuthError), 429 "Quota exceeded": monthly quota (ZaloQuotaError),
 *   5xx and network failures: ZaloTransientError.
 *
 * The token is part of every URL, so no URL is ever logged or put in an error: error messages
 * carry the method and the status only, and descriptions from the server are scrubbed of the token.
 */

/** The public API root (older code used https://bot-api.zapps.me). */
export const DEFAULT_ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";
/** Zalo's limit for the text of one message. */
export const ZALO_TEXT_LIMIT = 2000;

export interface ZaloEnvelope<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

export interface ZaloUser {
  id: string;
  display_name?: string;
  is_bot?: boolean;
}

export interface ZaloChat {
  id: string;
  /** "PRIVATE" for a one-to-one chat; groups are beta and not supported here. */
  chat_type?: string;
}

export interface ZaloMessage {
  from?: ZaloUser;
  chat: ZaloChat;
  message_id?: string;
  /** Epoch milliseconds. */
  date?: number;
  text?: string;
  photo?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
  url?: string;
}

export interface ZaloUpdate {
  /** message.text.received, message.image.received, message.sticker.received, message.voice.received, message.unsupported.received… */
  event_name: string;
  message?: ZaloMessage;
}

export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloWebhookInfo {
  url: string;
  updated_at?: number;
}

export interface ZaloSentMessage {
  message_id?: string;
  date?: number;
}

/** A call Zalo refused (`ok: false`) or that could not be made. The message has no URL and no token. */
export class ZaloApiError extends Error {
  override name = "ZaloApiError";
  constructor(
    readonly method: string,
    /** HTTP status (0 when no answer came). */
    readonly status: number,
    /** `error_code` of the envelope, else the HTTP status. */
    readonly errorCode: number,
    /** The server's description, scrubbed of the token. Not part of `message`. */
    readonly description?: string,
  ) {
    super(
      `Zalo ${method}: ${status ? `HTTP ${status}` : "no answer"}${errorCode !== status ? ` (error_code ${errorCode})` : ""}`,
    );
  }
}

/** 401: the token is wrong or revoked. The channel must stop. */
export class ZaloAuthError extends ZaloApiError {
  override name = "ZaloAuthError";
}

/** 429 "Quota exceeded": the monthly message quota is used up. */
export class ZaloQuotaError extends ZaloApiError {
  override name = "ZaloQuotaError";
}

/** 5xx, a rate limit, a network failure or a timeout: worth trying again later. */
export class ZaloTransientError extends ZaloApiError {
  override name = "ZaloTransientError";
}

export interface ZaloClientOptions {
  token: string;
  /** Default DEFAULT_ZALO_API_ROOT. */
  apiRoot?: string;
  fetch?: typeof fetch;
  /** Time allowed for one call, in ms (default 20 s; getUpdates adds its long-poll timeout). */
  timeoutMs?: number;
}

export interface CallOptions {
  /** Aborts the call (stopping the channel). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/** An abort requested by the caller (not a timeout). */
export function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === "AbortError";
}

export class ZaloClient {
  readonly #token: string;
  readonly #root: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(opts: ZaloClientOptions) {
    if (!opts.token) throw new Error("Zalo: missing bot token");
    this.#token = opts.token;
    this.#root = (opts.apiRoot ?? DEFAULT_ZALO_API_ROOT).replace(/\/+$/, "");
    this.#fetch = opts.fetch ?? globalThis.fetch;
    this.#timeoutMs = opts.timeoutMs ?? 20_000;
  }

  #scrub(s: string | undefined): string | undefined {
    if (s === undefined) return undefined;
    return s.split(this.#token).join("[ẩn]").slice(0, 300);
  }

  /**
   * Calls a method and returns its `result`. Throws a ZaloApiError subclass when `ok` is false
   * (except the two "empty" answers, which the methods below turn into null).
   */
  async call<T = unknown>(method: string, body: object = {}, opts: CallOptions = {}): Promise<T> {
    const env = await this.#send<T>(method, body, opts);
    if (env.envelope.ok) return env.envelope.result as T;
    throw this.#error(method, env.status, env.envelope);
  }

  async #send<T>(
    method: string,
    body: object,
    opts: CallOptions,
  ): Promise<{ status: number; envelope: ZaloEnvelope<T> }> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.#timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.#fetch(`${this.#root}/bot${this.#token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch {
      if (opts.signal?.aborted) {
        const abort = new Error(`Zalo ${method}: aborted`);
        abort.name = "AbortError";
        throw abort;
      }
      // Network failure or our timeout. The cause may quote the URL: never passed on.
      throw new ZaloTransientError(method, 0, 0, timeout.aborted ? "timeout" : "network error");
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ZaloTransientError(method, res.status, res.status, "body could not be read");
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === "object" && typeof (parsed as ZaloEnvelope).ok === "boolean") {
      return { status: res.status, envelope: parsed as ZaloEnvelope<T> };
    }
    // Not an envelope (a proxy's error page…): the HTTP status is all there is.
    return {
      status: res.status,
      envelope: {
        ok: false,
        error_code: res.status,
        description: res.ok ? "not a Zalo envelope" : res.statusText,
      },
    };
  }

  #error(method: string, status: number, env: ZaloEnvelope): ZaloApiError {
    const code = typeof env.error_code === "number" ? env.error_code : status;
    const description = this.#scrub(typeof env.description === "string" ? env.description : undefined);
    if (code === 401 || status === 401) return new ZaloAuthError(method, status, code, description);
    if (code === 429 || status === 429) {
      // "Quota exceeded" is the monthly quota; any other 429 is a rate limit: retry later.
      return /quota/i.test(description ?? "") || !description
        ? new ZaloQuotaError(method, status, code, description)
        : new ZaloTransientError(method, status, code, description);
    }
    if (status >= 500 || (code >= 500 && code < 600) || status === 0) {
      return new ZaloTransientError(method, status, code, description);
    }
    return new ZaloApiError(method, status, code, description);
  }

  getMe(opts?: CallOptions): Promise<ZaloBotInfo> {
    return this.call<ZaloBotInfo>("getMe", {}, opts);
  }

  /**
   * Long poll for ONE update. `null` when the poll was idle (HTTP 408). `timeout` is in seconds,
   * sent as a string as Zalo expects.
   */
  async getUpdates(
    params: { timeout?: string | number } = {},
    opts: CallOptions = {},
  ): Promise<ZaloUpdate | null> {
    const timeout = String(params.timeout ?? "30");
    const seconds = Number(timeout) || 30;
    const env = await this.#send<unknown>(
      "getUpdates",
      { timeout },
      { ...opts, timeoutMs: opts.timeoutMs ?? seconds * 1000 + this.#timeoutMs },
    );
    if (!env.envelope.ok) {
      if (env.status === 408 || env.envelope.error_code === 408) return null;
      throw this.#error("getUpdates", env.status, env.envelope);
    }
    return parseUpdate(env.envelope.result) ?? null;
  }

  setWebhook(params: { url: string; secret_token: string }, opts?: CallOptions): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>("setWebhook", params, opts);
  }

  deleteWebhook(opts?: CallOptions): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>("deleteWebhook", {}, opts);
  }

  /** The webhook, or null when the bot never had one (HTTP 404). */
  async getWebhookInfo(opts: CallOptions = {}): Promise<ZaloWebhookInfo | null> {
    const env = await this.#send<ZaloWebhookInfo>("getWebhookInfo", {}, opts);
    if (env.envelope.ok) return env.envelope.result ?? null;
    if (env.status === 404 || env.envelope.error_code === 404) return null;
    throw this.#error("getWebhookInfo", env.status, env.envelope);
  }

  /** Sends one text message (1–2000 characters; split longer texts first, see plain-text.ts). */
  sendMessage(params: { chat_id: string; text: string }, opts?: CallOptions): Promise<ZaloSentMessage> {
    const text = params.text.normalize("NFC");
    if (text.length < 1 || text.length > ZALO_TEXT_LIMIT) {
      throw new RangeError(
        `Zalo sendMessage: text must be 1–${ZALO_TEXT_LIMIT} characters (got ${text.length})`,
      );
    }
    return this.call<ZaloSentMessage>("sendMessage", { chat_id: params.chat_id, text }, opts);
  }

  sendChatAction(params: { chat_id: string; action?: "typing" }, opts?: CallOptions): Promise<unknown> {
    return this.call("sendChatAction", { chat_id: params.chat_id, action: params.action ?? "typing" }, opts);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const idOf = (v: unknown): string | undefined =>
  typeof v === "string" && v ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;
const strOf = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * An update from what Zalo sent: the bare update or the envelope `{ok:true, result:{…}}`.
 * undefined when it is neither (no event name, or a message without a chat id).
 */
export function parseUpdate(raw: unknown): ZaloUpdate | undefined {
  if (!isRecord(raw)) return undefined;
  const u = typeof raw.ok === "boolean" && isRecord(raw.result) ? raw.result : raw;
  const event = strOf(u.event_name);
  if (!event) return undefined;
  const m = u.message;
  if (m === undefined) return { event_name: event };
  if (!isRecord(m) || !isRecord(m.chat)) return undefined;
  const chatId = idOf(m.chat.id);
  if (!chatId) return undefined;
  const message: ZaloMessage = { chat: { id: chatId } };
  const chatType = strOf(m.chat.chat_type);
  if (chatType) message.chat.chat_type = chatType;
  if (isRecord(m.from)) {
    const fromId = idOf(m.from.id);
    if (fromId) {
      message.from = { id: fromId };
      const name = strOf(m.from.display_name);
      if (name) message.from.display_name = name;
      if (typeof m.from.is_bot === "boolean") message.from.is_bot = m.from.is_bot;
    }
  }
  const messageId = idOf(m.message_id);
  if (messageId) message.message_id = messageId;
  if (typeof m.date === "number") message.date = m.date;
  for (const k of ["text", "photo", "photo_url", "caption", "sticker", "url"] as const) {
    const v = strOf(m[k]);
    if (v !== undefined) message[k] = v;
  }
  return { event_name: event, message };
}
