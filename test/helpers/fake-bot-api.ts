/**
 * A fake Telegram Bot API for tests: grammY's real client talks to it, over HTTP or in process.
 *
 * ```ts
 * const api = new FakeBotApi();                 // token FAKE_TOKEN, bot @tro_ly_cds_test_bot
 * const root = await api.listen();              // "http://127.0.0.1:<port>": client.apiRoot or TELEGRAM_API_ROOT
 * new Bot(FAKE_TOKEN, { client: { apiRoot: root } })
 * new Bot(FAKE_TOKEN, { client: { fetch: api.fetch } })   // same behaviour without a socket
 *
 * api.calls                        // every call in order: { method, params, ok, errorCode? }
 *                                  // (getUpdates is recorded when it arrives, before its long poll)
 * api.callsTo("sendMessage")       // params of one method's calls
 * api.sent()                       // texts sent by sendMessage, in order
 * await api.waitFor("sendMessage") // resolves with the first matching call (optionally `count`, `where`)
 * api.fail("sendMessage", { kind: "429", retryAfter: 1 }, 1, where?)   // next call(s) (matching where(params)) fail:
 *     "429" (retry_after) | "500" | "blocked" (403 bot was blocked by the user) | "drop" (connection
 *     destroyed / fetch rejects) | { kind: "error", code, description }
 * api.enqueueUpdate({ message: … })   // update_id assigned; delivered by getUpdates (offset, timeout, limit)
 * api.webhook                      // { url, secret_token, … } after setWebhook; undefined after deleteWebhook
 * await api.postToWebhook(update, secret?)   // what Telegram does in webhook mode: POST to api.webhook.url
 * await api.close()
 * ```
 *
 * Methods: getMe, sendMessage, editMessageText, answerCallbackQuery, sendChatAction, setMyCommands,
 * getMyCommands, deleteMyCommands, setWebhook, deleteWebhook, getWebhookInfo, getUpdates, sendDocument,
 * sendPhoto (JSON or multipart/form-data; uploaded files are recorded as { filename, size }), getFile, close.
 * Files users send: `api.addFile(bytes)` → { file_id, file_unique_id, file_size }; `getFile` gives its
 * file_path and `GET <root>/file/bot<token>/<file_path>` serves the bytes (recorded as a "downloadFile"
 * call with { file_path }). `addFile(bytes, { fileSize })` makes Telegram report another size.
 * Like Telegram it checks: the token (401), text length ≤ 4096 after parsing, valid HTML when
 * parse_mode is HTML (400 "can't parse entities"), callback_data ≤ 64 bytes, callback answer text
 * ≤ 200, "message is not modified" on an identical edit, getUpdates while a webhook is set (409).
 * Unknown methods get 404. Builders for updates are in ./updates.ts.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";

export const FAKE_TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghij";

export const FAKE_BOT_INFO = {
  id: 123456789,
  is_bot: true as const,
  first_name: "Trợ lý CĐS (thử)",
  username: "tro_ly_cds_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export type Fault =
  | { kind: "429"; retryAfter: number }
  | { kind: "500" }
  | { kind: "blocked" }
  | { kind: "drop" }
  | { kind: "error"; code: number; description: string };

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  errorCode?: number;
  description?: string;
}

type Update = Record<string, unknown> & { update_id: number };

interface ApiResult {
  /** HTTP status (Telegram answers errors with the error code as status). */
  status: number;
  body:
    | { ok: true; result: unknown }
    | { ok: false; error_code: number; description: string; parameters?: object };
}

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "tg-spoiler",
  "span",
  "blockquote",
  "tg-emoji",
]);

/**
 * Telegram's HTML parse mode, strictly enough for tests: only supported tags, properly nested,
 * "&" only as an entity, "<" only in a tag. Returns the visible text or an error.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return { error: `Unexpected end of tag at byte offset ${i}` };
      const m = /^<(\/?)([a-z-]+)(\s[^>]*)?>$/.exec(html.slice(i, end + 1));
      if (!m) return { error: `Unsupported start tag at byte offset ${i}` };
      const [, closing, name] = m;
      if (!ALLOWED_TAGS.has(name!)) return { error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name)
          return { error: `Unmatched end tag at byte offset ${i}, expected "</${name}>"` };
      } else stack.push(name!);
      i = end + 1;
    } else if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i, i + 12));
      if (!m) return { error: `Character entity expected at byte offset ${i}` };
      const e = m[1]!;
      text +=
        e === "lt"
          ? "<"
          : e === "gt"
            ? ">"
            : e === "amp"
              ? "&"
              : e === "quot"
                ? '"'
                : String.fromCodePoint(
                    e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
                  );
      i += m[0].length;
    } else if (ch === ">") {
      // Telegram accepts a bare ">" but our renderer always escapes it.
      return { error: `Unescaped ">" at byte offset ${i}` };
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length) return { error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { text };
}

function ok(result: unknown): ApiResult {
  return { status: 200, body: { ok: true, result } };
}
function err(code: number, description: string, parameters?: object): ApiResult {
  return {
    status: code,
    body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
  };
}

class DropConnection extends Error {}

interface Waiter {
  match: (c: RecordedCall) => boolean;
  count: number;
  resolve: (c: RecordedCall) => void;
}

export class FakeBotApi {
  readonly token: string;
  readonly botInfo = FAKE_BOT_INFO;
  readonly calls: RecordedCall[] = [];
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  commands = new Map<string, unknown>();

  private server: Server | undefined;
  private faults = new Map<
    string,
    { fault: Fault; times: number; where?: (params: Record<string, unknown>) => boolean }[]
  >();
  private updates: Update[] = [];
  private files = new Map<string, { path: string; bytes: Uint8Array; size: number }>();
  private nextFileId = 1;
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private messages = new Map<string, { text: string; markup: string }>();
  private pollers = new Set<() => void>();
  private waiters = new Set<Waiter>();
  private closed = false;

  constructor(opts: { token?: string } = {}) {
    this.token = opts.token ?? FAKE_TOKEN;
  }

  /** Starts the HTTP server on 127.0.0.1 (a free port) and returns the API root. */
  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return this.apiRoot;
  }

  get apiRoot(): string {
    const port = (this.server?.address() as AddressInfo | null)?.port;
    if (!port) throw new Error("FakeBotApi: call listen() first");
    return `http://127.0.0.1:${port}`;
  }

  /** A `fetch` for grammY's `client.fetch`: the same API without a socket. */
  readonly fetch = (async (
    input: unknown,
    init?: { body?: unknown; headers?: unknown; signal?: AbortSignal },
  ) => {
    const url = new URL(String(input));
    const file = this.download(url.pathname);
    if (file) return new Response(file.body, { status: file.status });
    const headers = new Headers(init?.headers as Record<string, string> | undefined);
    const raw = await readBody(init?.body);
    const { token, method } = splitPath(url.pathname);
    const params = await parseParams(headers.get("content-type") ?? "", raw, url.searchParams);
    try {
      const r = await this.call(token, method, params, init?.signal);
      return new Response(JSON.stringify(r.body), {
        status: r.status,
        headers: { "content-type": "application/json" },
      });
    } catch (e) {
      if (e instanceof DropConnection) throw new TypeError("fetch failed: connection reset by fake server");
      throw e;
    }
  }) as unknown as typeof fetch;

  /** A file a user sends (a document): what `getFile` and the file download then serve. */
  addFile(
    bytes: Uint8Array,
    opts: { fileSize?: number; extension?: string } = {},
  ): { file_id: string; file_unique_id: string; file_size: number } {
    const n = this.nextFileId++;
    const fileId = `file${n}`;
    const ext = opts.extension ?? "bin";
    const size = opts.fileSize ?? bytes.byteLength;
    this.files.set(fileId, { path: `documents/file_${n}.${ext}`, bytes, size });
    return { file_id: fileId, file_unique_id: `u-file${n}`, file_size: size };
  }

  /** The next `times` calls of `method` (those matching `where`, if given) fail with `fault`. */
  fail(method: string, fault: Fault, times = 1, where?: (params: Record<string, unknown>) => boolean): void {
    this.faults.set(method, [
      ...(this.faults.get(method) ?? []),
      { fault, times, ...(where ? { where } : {}) },
    ]);
  }

  /** Queues an update for getUpdates; returns it with its update_id. */
  enqueueUpdate(update: Record<string, unknown>): Update {
    const u = { ...update, update_id: this.nextUpdateId++ } as Update;
    this.updates.push(u);
    for (const wake of this.pollers) wake();
    return u;
  }

  callsTo(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method && c.ok).map((c) => c.params);
  }

  /** Texts of successful sendMessage calls, in order. */
  sent(): string[] {
    return this.callsTo("sendMessage").map((p) => String(p["text"]));
  }

  /**
   * Resolves with the `count`-th call matching (a method name, or a predicate), counting calls
   * already made; rejects after `timeoutMs` (a guard against hanging, not a timing assertion).
   */
  waitFor(
    match: string | ((c: RecordedCall) => boolean),
    opts: { count?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall> {
    const pred = typeof match === "string" ? (c: RecordedCall) => c.method === match && c.ok : match;
    const count = opts.count ?? 1;
    const seen = this.calls.filter(pred);
    if (seen.length >= count) return Promise.resolve(seen[count - 1]!);
    return new Promise((resolve, reject) => {
      let n = seen.length;
      const waiter: Waiter = {
        match: pred,
        count,
        resolve: (c) => {
          n++;
          if (n >= count) {
            clearTimeout(timer);
            this.waiters.delete(waiter);
            resolve(c);
          }
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `FakeBotApi: no ${typeof match === "string" ? match : "matching call"} (×${count}); calls: ${this.calls.map((c) => c.method).join(", ")}`,
          ),
        );
      }, opts.timeoutMs ?? 10_000);
      this.waiters.add(waiter);
    });
  }

  /** Delivers an update to the webhook like Telegram does (with the secret header when given). */
  async postToWebhook(update: Record<string, unknown>, secret?: string | null): Promise<Response> {
    if (!this.webhook) throw new Error("FakeBotApi: no webhook set");
    const headers: Record<string, string> = { "content-type": "application/json" };
    const s = secret === undefined ? this.webhook.secret_token : secret;
    if (s) headers["x-telegram-bot-api-secret-token"] = s;
    return fetch(this.webhook.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ update_id: this.nextUpdateId++, ...update }),
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.pollers) wake();
    for (const w of this.waiters) w.resolve = () => {};
    if (!this.server) return;
    await new Promise<void>((r) => {
      this.server!.close(() => r());
      this.server!.closeAllConnections();
    });
  }

  // ------------------------------------------------------------------ internals

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const file = this.download(url.pathname);
    if (file) {
      res.writeHead(file.status).end(Buffer.from(file.body));
      return;
    }
    const { token, method } = splitPath(url.pathname);
    const params = await parseParams(String(req.headers["content-type"] ?? ""), raw, url.searchParams);
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const r = await this.call(token, method, params, abort.signal);
      if (res.destroyed) return;
      res.writeHead(r.status, { "content-type": "application/json" }).end(JSON.stringify(r.body));
    } catch (e) {
      if (e instanceof DropConnection) {
        req.socket.destroy();
        return;
      }
      throw e;
    }
  }

  /** A file download (`/file/bot<token>/<path>`), recorded as "downloadFile"; undefined for API calls. */
  private download(pathname: string): { status: number; body: Uint8Array } | undefined {
    const m = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
    if (!m) return undefined;
    const path = decodeURIComponent(m[2]!);
    const params = { file_path: path };
    if (decodeURIComponent(m[1]!) !== this.token) {
      this.record("downloadFile", params, err(401, "Unauthorized"));
      return { status: 401, body: new Uint8Array() };
    }
    const file = [...this.files.values()].find((f) => f.path === path);
    if (!file) {
      this.record("downloadFile", params, err(404, "Not Found"));
      return { status: 404, body: new Uint8Array() };
    }
    this.record("downloadFile", params, ok(true));
    return { status: 200, body: file.bytes };
  }

  private record(method: string, params: Record<string, unknown>, r: ApiResult): ApiResult {
    const call: RecordedCall = { method, params, ok: r.body.ok };
    if (!r.body.ok) {
      call.errorCode = r.body.error_code;
      call.description = r.body.description;
    }
    this.calls.push(call);
    for (const w of [...this.waiters]) if (w.match(call)) w.resolve(call);
    return r;
  }

  private takeFault(method: string, params: Record<string, unknown>): Fault | undefined {
    const list = this.faults.get(method) ?? [];
    const i = list.findIndex((f) => !f.where || f.where(params));
    const f = list[i];
    if (!f) return undefined;
    f.times--;
    if (f.times <= 0) list.splice(i, 1);
    return f.fault;
  }

  private async call(
    token: string | undefined,
    method: string,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<ApiResult> {
    if (token !== this.token) return this.record(method, params, err(401, "Unauthorized"));
    const fault = this.takeFault(method, params);
    if (fault) {
      if (fault.kind === "drop") {
        this.calls.push({ method, params, ok: false, description: "connection dropped" });
        throw new DropConnection();
      }
      const r =
        fault.kind === "429"
          ? err(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter })
          : fault.kind === "500"
            ? err(500, "Internal Server Error")
            : fault.kind === "blocked"
              ? err(403, "Forbidden: bot was blocked by the user")
              : err(fault.code, fault.description);
      return this.record(method, params, r);
    }
    if (method === "getUpdates") return this.getUpdates(params, signal);
    return this.record(method, params, this.dispatch(method, params));
  }

  private async getUpdates(params: Record<string, unknown>, signal?: AbortSignal): Promise<ApiResult> {
    if (this.webhook) {
      return this.record(
        "getUpdates",
        params,
        err(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
    }
    // Recorded on arrival: a long poll may wait for a while before it answers.
    this.record("getUpdates", params, ok([]));
    const offset = Number(params["offset"] ?? 0);
    const limit = Math.min(100, Number(params["limit"] ?? 100));
    const timeout = Math.min(50, Number(params["timeout"] ?? 0));
    // Confirm (forget) everything before the offset.
    if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (!this.updates.length && timeout > 0 && !this.closed && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.pollers.delete(done);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        this.pollers.add(done);
        signal?.addEventListener("abort", done);
      });
    }
    return ok(this.updates.slice(0, limit));
  }

  private message(chatId: unknown, extra: Record<string, unknown>) {
    return {
      message_id: this.nextMessageId++,
      date: 1_700_000_000,
      chat: { id: Number(chatId), type: "private", first_name: "Người dùng" },
      from: {
        id: this.botInfo.id,
        is_bot: true,
        first_name: this.botInfo.first_name,
        username: this.botInfo.username,
      },
      ...extra,
    };
  }

  /** Checks text, parse mode and keyboard like Telegram; returns the visible text or an error. */
  private checkText(params: Record<string, unknown>): { text: string } | ApiResult {
    const text = params["text"];
    if (typeof text !== "string" || !text.trim()) return err(400, "Bad Request: message text is empty");
    let visible = text;
    if (params["parse_mode"] === "HTML") {
      const parsed = parseTelegramHtml(text);
      if ("error" in parsed) return err(400, `Bad Request: can't parse entities: ${parsed.error}`);
      visible = parsed.text;
    }
    if (visible.length > 4096) return err(400, "Bad Request: message is too long");
    const markup = params["reply_markup"] as
      | { inline_keyboard?: { text: string; callback_data?: string }[][] }
      | undefined;
    for (const row of markup?.inline_keyboard ?? []) {
      for (const b of row) {
        if (!b.text) return err(400, "Bad Request: text buttons are unallowed in the inline keyboard");
        if (b.callback_data !== undefined && (Buffer.byteLength(b.callback_data) > 64 || !b.callback_data)) {
          return err(400, "Bad Request: BUTTON_DATA_INVALID");
        }
      }
    }
    return { text: visible };
  }

  private dispatch(method: string, p: Record<string, unknown>): ApiResult {
    switch (method) {
      case "getMe":
        return ok(this.botInfo);
      case "sendMessage": {
        if (p["chat_id"] === undefined) return err(400, "Bad Request: chat_id is empty");
        const t = this.checkText(p);
        if ("status" in t) return t;
        const m = this.message(p["chat_id"], {
          text: t.text,
          ...(p["reply_markup"] ? { reply_markup: p["reply_markup"] } : {}),
        });
        this.messages.set(`${p["chat_id"]}:${m.message_id}`, {
          text: String(p["text"]),
          markup: JSON.stringify(p["reply_markup"] ?? null),
        });
        return ok(m);
      }
      case "editMessageText": {
        const key = `${p["chat_id"]}:${p["message_id"]}`;
        const t = this.checkText(p);
        if ("status" in t) return t;
        const before = this.messages.get(key);
        const markup = JSON.stringify(p["reply_markup"] ?? null);
        if (before && before.text === p["text"] && before.markup === markup) {
          return err(
            400,
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
          );
        }
        this.messages.set(key, { text: String(p["text"]), markup });
        return ok({ ...this.message(p["chat_id"], { text: t.text }), message_id: Number(p["message_id"]) });
      }
      case "answerCallbackQuery": {
        if (!p["callback_query_id"])
          return err(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
          );
        if (typeof p["text"] === "string" && p["text"].length > 200)
          return err(400, "Bad Request: MESSAGE_TOO_LONG");
        return ok(true);
      }
      case "sendChatAction":
        return ok(true);
      case "setMyCommands": {
        const cmds = p["commands"] as { command: string; description: string }[] | undefined;
        if (!Array.isArray(cmds)) return err(400, "Bad Request: commands must be an array");
        for (const c of cmds) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command)) return err(400, "Bad Request: BOT_COMMAND_INVALID");
          if (!c.description || c.description.length > 256) {
            return err(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
          }
        }
        this.commands.set(JSON.stringify(p["scope"] ?? { type: "default" }), cmds);
        return ok(true);
      }
      case "getMyCommands":
        return ok(this.commands.get(JSON.stringify(p["scope"] ?? { type: "default" })) ?? []);
      case "deleteMyCommands":
        this.commands.delete(JSON.stringify(p["scope"] ?? { type: "default" }));
        return ok(true);
      case "setWebhook": {
        const url = String(p["url"] ?? "");
        if (!url) {
          this.webhook = undefined;
          return ok(true);
        }
        if (!/^https?:\/\//.test(url))
          return err(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        this.webhook = {
          url,
          ...(p["secret_token"] ? { secret_token: String(p["secret_token"]) } : {}),
          ...(p["allowed_updates"] ? { allowed_updates: p["allowed_updates"] as string[] } : {}),
        };
        return ok(true);
      }
      case "deleteWebhook":
        this.webhook = undefined;
        if (p["drop_pending_updates"]) this.updates = [];
        return ok(true);
      case "getWebhookInfo":
        return ok({
          url: this.webhook?.url ?? "",
          has_custom_certificate: false,
          pending_update_count: this.updates.length,
        });
      case "sendDocument":
      case "sendPhoto": {
        const field = method === "sendDocument" ? "document" : "photo";
        const file = p[field];
        if (file === undefined) return err(400, `Bad Request: there is no ${field} in the request`);
        const info = typeof file === "string" ? { file_id: file } : (file as object);
        const extra =
          method === "sendDocument"
            ? { document: { file_id: `doc${this.nextMessageId}`, file_unique_id: "u", ...info } }
            : {
                photo: [
                  {
                    file_id: `photo${this.nextMessageId}`,
                    file_unique_id: "u",
                    width: 1,
                    height: 1,
                    ...info,
                  },
                ],
              };
        return ok(
          this.message(p["chat_id"], { ...extra, ...(p["caption"] ? { caption: p["caption"] } : {}) }),
        );
      }
      case "getFile": {
        const f = this.files.get(String(p["file_id"] ?? ""));
        if (!f) return err(400, "Bad Request: invalid file_id");
        if (f.size > 20 * 1024 * 1024) return err(400, "Bad Request: file is too big");
        return ok({
          file_id: String(p["file_id"]),
          file_unique_id: `u-${String(p["file_id"])}`,
          file_size: f.size,
          file_path: f.path,
        });
      }
      case "close":
        return ok(true);
      default:
        return err(404, "Not Found");
    }
  }
}

function splitPath(pathname: string): { token: string | undefined; method: string } {
  const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(pathname);
  return m ? { token: decodeURIComponent(m[1]!), method: m[2]! } : { token: undefined, method: pathname };
}

async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof (body as Readable)[Symbol.asyncIterator] === "function") {
    const chunks: Buffer[] = [];
    for await (const c of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(c));
    return Buffer.concat(chunks);
  }
  return Buffer.from(String(body));
}

/** JSON, multipart/form-data (files recorded as { filename, size }), urlencoded, or the query string. */
async function parseParams(
  contentType: string,
  raw: Buffer,
  query: URLSearchParams,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = Object.fromEntries(query);
  if (!raw.length) return out;
  if (contentType.includes("application/json")) {
    return { ...out, ...(JSON.parse(raw.toString("utf8")) as object) };
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) out[k] = fieldValue(v);
    return out;
  }
  if (contentType.includes("multipart/form-data")) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
    if (!boundary) return out;
    for (const part of multipartParts(raw, boundary)) {
      out[part.name] =
        part.filename === undefined
          ? fieldValue(part.body.toString("utf8"))
          : { filename: part.filename, size: part.body.length };
    }
    // grammY sends files as separate parts referenced by "attach://<name>".
    for (const [k, v] of Object.entries(out)) {
      if (typeof v === "string" && v.startsWith("attach://")) {
        const name = v.slice("attach://".length);
        if (out[name] && typeof out[name] === "object") {
          out[k] = out[name];
          delete out[name];
        }
      }
    }
  }
  return out;
}

function fieldValue(v: string): unknown {
  return /^[[{]/.test(v) ? safeJson(v) : /^-?\d+$/.test(v) && v.length < 16 ? Number(v) : v;
}

/**
 * The parts of a multipart/form-data body. Parsed by hand: grammY's encoder (unquoted filename,
 * no space after the colon) is accepted by Telegram but not by undici's strict parser.
 */
function multipartParts(raw: Buffer, boundary: string): { name: string; filename?: string; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { name: string; filename?: string; body: Buffer }[] = [];
  let pos = raw.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    // Skip the CRLF after this delimiter and the one before the next.
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split >= 0) {
      const headers = part.subarray(0, split).toString("utf8");
      const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename=("?)([^";\r\n]*)\1/i.exec(headers)?.[2];
      if (name !== undefined) {
        parts.push({ name, ...(filename !== undefined ? { filename } : {}), body: part.subarray(split + 4) });
      }
    }
    pos = next;
  }
  return parts;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
