/**
 * A fake Zalo Bot Platform API for tests, over HTTP on 127.0.0.1 (port 0), with Zalo's shapes and quirks.
 *
 * ```ts
 * const api = new FakeZaloApi({ idleMs: 50 });   // token FAKE_ZALO_TOKEN
 * const root = await api.listen();               // "http://127.0.0.1:<port>": ZALO_API_ROOT
 * api.calls                       // every call in order: { method, body, status } (getUpdates recorded on arrival)
 * api.sent(chatId?)               // texts of accepted sendMessage calls
 * await api.waitFor("sendMessage", { count: 2, where })   // resolves once enough matching calls are recorded
 * api.pushUpdate(textUpdate("u1", "tb 16"))               // delivered by the next getUpdates (ONE per call)
 * api.fail("sendMessage", 500, 1)  // the next call(s) of a method fail with that status ("drop": connection destroyed)
 * api.quotaExceeded = true         // sendMessage → HTTP 429 {ok:false, error_code:429, description:"Quota exceeded"}
 * api.webhook                      // { url, secret_token } after setWebhook; { url: "" } after deleteWebhook
 * await api.close()
 * ```
 *
 * Quirks: `POST /bot<token>/<method>` only; a wrong token → 401; getUpdates returns ONE update, or
 * after `idleMs` without one HTTP 408 {ok:false, error_code:408}; getUpdates while a webhook is set →
 * 409 (assumed, like Telegram); getWebhookInfo → 404 while the bot never had a webhook; sendMessage
 * rejects an empty text or one over 2,000 characters with ok:false (HTTP 400); unknown method → 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_ZALO_TOKEN = "1234567890123456789:FakeZaloSecretForTests_abcdef";
export const FAKE_ZALO_BOT = {
  id: "1234567890123456789",
  account_name: "Bot Trợ lý CĐS (thử)",
  account_type: "BASIC",
  can_join_groups: false,
};

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  /** HTTP status answered (undefined while a long poll waits). */
  status?: number;
  /** The token in the path was right. */
  authorized: boolean;
}

export interface FakeZaloOptions {
  token?: string;
  /** How long getUpdates waits for an update before answering 408 (default 100 ms). */
  idleMs?: number;
}

type FailStatus = number | "drop";

let seq = 0;
/** A text message update as Zalo sends it. */
export function textUpdate(
  chatId: string,
  text: string,
  opts: { messageId?: string; name?: string; chatType?: string; event?: string } = {},
) {
  seq += 1;
  return {
    event_name: opts.event ?? "message.text.received",
    message: {
      from: { id: chatId, display_name: opts.name ?? "Cán bộ thử", is_bot: false },
      chat: { id: chatId, chat_type: opts.chatType ?? "PRIVATE" },
      text,
      message_id: opts.messageId ?? `m${Date.now().toString(36)}${seq}`,
      date: 1750316131602 + seq,
    },
  };
}

/** A non-text update (sticker, image, voice, unsupported). */
export function eventUpdate(chatId: string, event: string, opts: { messageId?: string } = {}) {
  seq += 1;
  return {
    event_name: event,
    message: {
      from: { id: chatId, display_name: "Cán bộ thử", is_bot: false },
      chat: { id: chatId, chat_type: "PRIVATE" },
      message_id: opts.messageId ?? `e${seq}`,
      date: 1750316131602 + seq,
      ...(event === "message.sticker.received" ? { sticker: "abc" } : {}),
      ...(event === "message.image.received" ? { photo_url: "https://example.invalid/p.jpg" } : {}),
    },
  };
}

export class FakeZaloApi {
  token: string;
  idleMs: number;
  readonly calls: RecordedCall[] = [];
  quotaExceeded = false;
  webhook: { url: string; secret_token?: string; updated_at: number } | undefined;
  #server: Server | undefined;
  #updates: unknown[] = [];
  #pollers: Array<(u: unknown | undefined) => void> = [];
  #faults = new Map<string, FailStatus[]>();
  #waiters: Array<() => void> = [];
  #msgSeq = 0;

  constructor(opts: FakeZaloOptions = {}) {
    this.token = opts.token ?? FAKE_ZALO_TOKEN;
    this.idleMs = opts.idleMs ?? 100;
  }

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      void this.#handle(req, res);
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const p of this.#pollers.splice(0)) p(undefined);
    const s = this.#server;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  /** Queues an update for getUpdates (a waiting long poll gets it at once). */
  pushUpdate(update: unknown): void {
    const poller = this.#pollers.shift();
    if (poller) poller(update);
    else this.#updates.push(update);
  }

  /** The next `times` calls of `method` fail with this status (or the connection is destroyed). */
  fail(method: string, status: FailStatus, times = 1): void {
    const list = this.#faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(status);
    this.#faults.set(method, list);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Texts Zalo accepted (HTTP 200), optionally for one chat. */
  sent(chatId?: string): string[] {
    return this.calls
      .filter((c) => c.method === "sendMessage" && c.status === 200 && (!chatId || c.body.chat_id === chatId))
      .map((c) => String(c.body.text));
  }

  /** Resolves when at least `count` calls of `method` (matching `where`) have been answered. */
  waitFor(
    method: string,
    opts: { count?: number; where?: (c: RecordedCall) => boolean; timeoutMs?: number } = {},
  ): Promise<RecordedCall[]> {
    const count = opts.count ?? 1;
    const match = () =>
      this.calls.filter(
        (c) => c.method === method && c.status !== undefined && (!opts.where || opts.where(c)),
      );
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = match();
        if (m.length >= count) {
          clearTimeout(timer);
          this.#waiters = this.#waiters.filter((w) => w !== check);
          resolve(m);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== check);
        reject(new Error(`timed out waiting for ${count} × ${method} (have ${match().length})`));
      }, opts.timeoutMs ?? 5000);
      if (!check()) this.#waiters.push(check);
    });
  }

  #notify(): void {
    for (const w of [...this.#waiters]) w();
  }

  #reply(res: ServerResponse, call: RecordedCall, status: number, body: object): void {
    call.status = status;
    if (!res.destroyed)
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    this.#notify();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    if (req.method !== "POST" || !m) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    const method = m[2]!;
    let body: Record<string, unknown> = {};
    try {
      const text = Buffer.concat(chunks).toString("utf8");
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    const call: RecordedCall = { method, body, authorized: m[1] === this.token };
    this.calls.push(call);
    if (!call.authorized) {
      return this.#reply(res, call, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    const fault = this.#faults.get(method)?.shift();
    if (fault === "drop") {
      call.status = 0;
      res.destroy();
      this.#notify();
      return;
    }
    if (fault !== undefined) {
      return this.#reply(res, call, fault, {
        ok: false,
        error_code: fault,
        description: fault === 429 ? "Quota exceeded" : fault >= 500 ? "Internal Server Error" : "Error",
      });
    }
    const ok = (result: unknown) => this.#reply(res, call, 200, { ok: true, result });
    const now = Date.now();
    switch (method) {
      case "getMe":
        return ok(FAKE_ZALO_BOT);
      case "getUpdates": {
        if (this.webhook?.url) {
          return this.#reply(res, call, 409, {
            ok: false,
            error_code: 409,
            description: "Conflict: webhook is active",
          });
        }
        const next = this.#updates.shift();
        if (next !== undefined) return ok(next);
        const update = await new Promise<unknown | undefined>((resolve) => {
          const poller = (u: unknown | undefined) => {
            clearTimeout(timer);
            resolve(u);
          };
          const timer = setTimeout(() => {
            this.#pollers = this.#pollers.filter((p) => p !== poller);
            resolve(undefined);
          }, this.idleMs);
          this.#pollers.push(poller);
          res.on("close", () => {
            if (!res.writableEnded) {
              this.#pollers = this.#pollers.filter((p) => p !== poller);
              clearTimeout(timer);
              resolve(undefined);
            }
          });
        });
        if (update !== undefined) return ok(update);
        return this.#reply(res, call, 408, { ok: false, error_code: 408, description: "Request timeout" });
      }
      case "setWebhook": {
        const url = body.url;
        const secret = body.secret_token;
        if (typeof url !== "string" || !url.startsWith("https://")) {
          return this.#reply(res, call, 400, {
            ok: false,
            error_code: 400,
            description: "url must be https",
          });
        }
        if (typeof secret !== "string" || secret.length < 8 || secret.length > 256) {
          return this.#reply(res, call, 400, {
            ok: false,
            error_code: 400,
            description: "invalid secret_token",
          });
        }
        this.webhook = { url, secret_token: secret, updated_at: now };
        return ok({ url, updated_at: now });
      }
      case "deleteWebhook":
        this.webhook = { url: "", updated_at: now };
        return ok({ url: "", updated_at: now });
      case "getWebhookInfo":
        if (!this.webhook) {
          return this.#reply(res, call, 404, { ok: false, error_code: 404, description: "Not Found" });
        }
        return ok({ url: this.webhook.url, updated_at: this.webhook.updated_at });
      case "sendMessage": {
        const text = body.text;
        if (typeof body.chat_id !== "string" || !body.chat_id) {
          return this.#reply(res, call, 400, {
            ok: false,
            error_code: 400,
            description: "chat_id is required",
          });
        }
        if (typeof text !== "string" || text.length < 1 || text.length > 2000) {
          return this.#reply(res, call, 400, {
            ok: false,
            error_code: 400,
            description: "text must be between 1 and 2000 characters",
          });
        }
        if (this.quotaExceeded) {
          return this.#reply(res, call, 429, { ok: false, error_code: 429, description: "Quota exceeded" });
        }
        this.#msgSeq += 1;
        return ok({ message_id: `sent${this.#msgSeq}`, date: now });
      }
      case "sendChatAction":
        return ok(true);
      default:
        return this.#reply(res, call, 404, { ok: false, error_code: 404, description: "Method not found" });
    }
  }
}
