import { describe, expect, it } from "vitest";
import {
  parseUpdate,
  ZaloApiError,
  ZaloAuthError,
  ZaloClient,
  ZaloQuotaError,
  ZaloTransientError,
} from "../../../src/channels/zalo/client.ts";
import { FAKE_ZALO_BOT, FAKE_ZALO_TOKEN, textUpdate } from "../../helpers/fake-zalo-api.ts";
import { zaloEnv } from "./setup.ts";

const jsonFetch =
  (status: number, body: unknown): typeof fetch =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("ZaloClient against the fake Zalo Bot API", () => {
  it("calls POST /bot<token>/<method> with a JSON body and returns the result", async () => {
    const { api, client } = await zaloEnv();
    expect(await client.getMe()).toEqual(FAKE_ZALO_BOT);
    const sent = await client.sendMessage({ chat_id: "u1", text: "Xin chào" });
    expect(sent.message_id).toMatch(/^sent/);
    expect(api.calls.map((c) => c.method)).toEqual(["getMe", "sendMessage"]);
    expect(api.calls[1]?.body).toEqual({ chat_id: "u1", text: "Xin chào" });
  });

  it("getUpdates: ONE update, or null on the idle 408", async () => {
    const { api, client } = await zaloEnv({ idleMs: 10 });
    expect(await client.getUpdates({ timeout: "1" })).toBeNull();
    expect(api.callsTo("getUpdates")[0]?.status).toBe(408);
    expect(api.callsTo("getUpdates")[0]?.body).toEqual({ timeout: "1" });
    api.pushUpdate(textUpdate("u9", "tb 16", { messageId: "abc" }));
    const u = await client.getUpdates({ timeout: "1" });
    expect(u?.event_name).toBe("message.text.received");
    expect(u?.message?.text).toBe("tb 16");
    expect(u?.message?.chat.id).toBe("u9");
    expect(u?.message?.message_id).toBe("abc");
  });

  it("getWebhookInfo: null (404) on a bot that never had a webhook, then the webhook", async () => {
    const { api, client } = await zaloEnv();
    expect(await client.getWebhookInfo()).toBeNull();
    expect(api.callsTo("getWebhookInfo")[0]?.status).toBe(404);
    await client.setWebhook({ url: "https://bot.example.vn/zalo", secret_token: "bi-mat-123" });
    expect((await client.getWebhookInfo())?.url).toBe("https://bot.example.vn/zalo");
    await client.deleteWebhook();
    expect((await client.getWebhookInfo())?.url).toBe("");
  });

  it("401 → ZaloAuthError whose message names the method and status, never the token or URL", async () => {
    const { root } = await zaloEnv();
    const bad = new ZaloClient({ token: "999:WrongSecretToken_zzzz", apiRoot: root });
    const e = await caught(bad.getMe());
    expect(e).toBeInstanceOf(ZaloAuthError);
    const err = e as ZaloAuthError;
    expect(err.status).toBe(401);
    expect(err.message).toBe("Zalo getMe: HTTP 401");
    expect(`${err.message} ${err.stack}`).not.toContain("WrongSecretToken");
    expect(`${err.message} ${err.stack}`).not.toContain(root);
  });

  it("429 Quota exceeded → ZaloQuotaError; 5xx and dropped connections → ZaloTransientError", async () => {
    const { api, client } = await zaloEnv();
    api.quotaExceeded = true;
    const q = await caught(client.sendMessage({ chat_id: "u1", text: "a" }));
    expect(q).toBeInstanceOf(ZaloQuotaError);
    expect((q as ZaloQuotaError).description).toBe("Quota exceeded");
    api.quotaExceeded = false;
    api.fail("sendMessage", 502);
    const t = await caught(client.sendMessage({ chat_id: "u1", text: "a" }));
    expect(t).toBeInstanceOf(ZaloTransientError);
    expect((t as ZaloTransientError).status).toBe(502);
    api.fail("getMe", "drop");
    const d = await caught(client.getMe());
    expect(d).toBeInstanceOf(ZaloTransientError);
    expect((d as Error).message).not.toContain(FAKE_ZALO_TOKEN);
    expect((d as Error).message).not.toContain("127.0.0.1");
  });

  it("text over 2,000 characters: refused by the client, and by Zalo with ok:false", async () => {
    const { api, client } = await zaloEnv();
    expect(() => client.sendMessage({ chat_id: "u1", text: "x".repeat(2001) })).toThrow(RangeError);
    expect(api.callsTo("sendMessage")).toHaveLength(0);
    const e = await caught(client.call("sendMessage", { chat_id: "u1", text: "x".repeat(2001) }));
    expect(e).toBeInstanceOf(ZaloApiError);
    expect((e as ZaloApiError).status).toBe(400);
    expect(await client.sendMessage({ chat_id: "u1", text: "x".repeat(2000) })).toBeTruthy();
  });

  it("`ok` decides, not the HTTP status", async () => {
    const auth = new ZaloClient({
      token: "1:abcdefghij",
      fetch: jsonFetch(200, { ok: false, error_code: 401, description: "Unauthorized" }),
    });
    expect(await caught(auth.getMe())).toBeInstanceOf(ZaloAuthError);
    const fine = new ZaloClient({
      token: "1:abcdefghij",
      fetch: jsonFetch(500, { ok: true, result: { id: "7" } }),
    });
    expect(await fine.getMe()).toEqual({ id: "7" });
    const page = new ZaloClient({
      token: "1:abcdefghij",
      fetch: async () => new Response("<html>Bad gateway</html>", { status: 502 }),
    });
    expect(await caught(page.getMe())).toBeInstanceOf(ZaloTransientError);
  });

  it("scrubs the token from server descriptions", async () => {
    const c = new ZaloClient({
      token: "1:secretsecret",
      fetch: jsonFetch(400, { ok: false, error_code: 400, description: "bad path /bot1:secretsecret/x" }),
    });
    const e = (await caught(c.getMe())) as ZaloApiError;
    expect(e.description).toBe("bad path /bot[ẩn]/x");
  });
});

describe("parseUpdate", () => {
  const bare = textUpdate("u1", "Xin chào", { messageId: "m1" });
  it("accepts the bare update and the envelope", () => {
    expect(parseUpdate(bare)?.message?.text).toBe("Xin chào");
    expect(parseUpdate({ ok: true, result: bare })?.message?.message_id).toBe("m1");
  });
  it("rejects what is not an update", () => {
    expect(parseUpdate(null)).toBeUndefined();
    expect(parseUpdate({ ok: true })).toBeUndefined();
    expect(parseUpdate({ event_name: "message.text.received", message: { text: "x" } })).toBeUndefined();
    expect(parseUpdate([bare])).toBeUndefined();
  });
});
