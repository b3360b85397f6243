import { request } from "node:http";
import { describe, expect, it } from "vitest";
import {
  type StartZaloOptions,
  secretMatches,
  startZalo,
  type ZaloRunner,
} from "../../../src/channels/zalo/run.ts";
import { textUpdate } from "../../helpers/fake-zalo-api.ts";
import { onCleanup, type ZaloTestEnv, zaloEnv } from "./setup.ts";

const SECRET = "bi-mat-webhook-123";
const HOOK_URL = "https://bot.example.vn/zalo/hook";

async function start(env: ZaloTestEnv, opts: StartZaloOptions = {}): Promise<ZaloRunner> {
  const runner = await startZalo(env.app, env.assistant, {
    backoff: { initialMs: 5, maxMs: 20 },
    pollTimeout: "1",
    ...opts,
  });
  onCleanup(() => runner.stop());
  return runner;
}

interface PostResult {
  status: number;
  body: string;
}

/** POSTs to the local webhook server; `partial` sends the start of the body and never ends it. */
function post(port: number, path: string, body: string, headers: Record<string, string>, partial = false) {
  return new Promise<PostResult>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        let data = "";
        res.on("data", (c) => {
          data += c;
        });
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: data });
          if (partial) req.destroy();
        });
      },
    );
    req.on("error", reject);
    if (partial) {
      req.setHeader("content-length", String(body.length * 2));
      req.write(body);
    } else req.end(body);
  });
}

describe("startZalo: polling", () => {
  it("deletes the webhook, polls, and answers a question (round trip)", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    const runner = await start(env);
    expect(runner.mode).toBe("polling");
    expect(runner.bot?.account_name).toContain("Bot");
    env.api.pushUpdate(textUpdate("p1", "tb 16"));
    const [call] = await env.api.waitFor("sendMessage");
    expect(call?.body.chat_id).toBe("p1");
    expect(String(call?.body.text)).toContain("28/01/2023");
    const methods = env.api.calls.map((c) => c.method);
    expect(methods[0]).toBe("getMe");
    expect(methods.indexOf("deleteWebhook")).toBeLessThan(methods.indexOf("getUpdates"));
    expect(env.api.callsTo("getUpdates")[0]?.body).toEqual({ timeout: "1" });
    await runner.stop();
    expect(runner.state).toBe("stopped");
    await runner.done;
  });

  it("idle polls (408) are not errors; the next message is still answered", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" }, idleMs: 5 });
    const runner = await start(env);
    await env.api.waitFor("getUpdates", { count: 3, where: (c) => c.status === 408 });
    expect(env.logs.some((l) => l.includes("getUpdates failed"))).toBe(false);
    env.api.pushUpdate(textUpdate("p2", "tb 16"));
    const [call] = await env.api.waitFor("sendMessage");
    expect(String(call?.body.text)).toContain("16/TB-VPCP");
    expect(runner.state).toBe("running");
  });

  it("5xx and dropped connections back off and recover", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" } });
    env.api.fail("getUpdates", 502, 2);
    env.api.fail("getUpdates", "drop", 1);
    const runner = await start(env);
    env.api.pushUpdate(textUpdate("p3", "tb 16"));
    await env.api.waitFor("sendMessage");
    expect(env.logs.filter((l) => l.includes("getUpdates failed, retrying")).length).toBe(3);
    expect(runner.state).toBe("running");
  });

  it("a 401 at start stops the channel with a clear log line, without throwing or leaking the token", async () => {
    const env = await zaloEnv({ env: { ZALO_BOT_TOKEN: "42:RevokedTokenValue_xyz" } });
    const runner = await start(env);
    expect(runner.state).toBe("unauthorized");
    expect(await runner.disabled).toBe("unauthorized");
    expect(env.api.callsTo("getUpdates")).toHaveLength(0);
    const line = env.logs.find((l) => l.includes("401"));
    expect(line).toContain("ZALO_BOT_TOKEN");
    expect(line).toContain("kênh Zalo đã dừng");
    expect(line).toContain("the Zalo channel is stopped");
    expect(env.logs.join("")).not.toContain("RevokedTokenValue");
    // The sender refuses, so reminders go by the other channel.
    const res = await runner.sender.send("p4", { kind: "info", title: "T", lines: ["x"], actions: [] });
    expect(res).toMatchObject({ ok: false, kind: "fatal" });
    await runner.stop();
  });

  it("a token revoked while polling stops the channel; `done` waits for stop()", async () => {
    const env = await zaloEnv({ env: { BOT_ACCESS: "open" }, idleMs: 5 });
    const runner = await start(env);
    await env.api.waitFor("getUpdates", { count: 1 });
    let doneSettled = false;
    void runner.done.then(() => {
      doneSettled = true;
    });
    env.api.token = "someone-else:revoked";
    expect(await runner.disabled).toBe("unauthorized");
    expect(runner.state).toBe("unauthorized");
    expect(doneSettled).toBe(false);
    await runner.stop();
    await runner.done;
    expect(doneSettled).toBe(true);
  });
});

describe("startZalo: webhook", () => {
  async function webhookEnv() {
    const env = await zaloEnv({
      env: { BOT_ACCESS: "open", ZALO_WEBHOOK_URL: HOOK_URL, ZALO_WEBHOOK_SECRET: SECRET },
    });
    const runner = await start(env, { port: 0, host: "127.0.0.1" });
    await env.api.waitFor("setWebhook");
    return { env, runner, port: runner.port! };
  }

  it("registers the webhook with the secret", async () => {
    const { env, runner } = await webhookEnv();
    expect(runner.mode).toBe("webhook");
    expect(env.api.webhook).toMatchObject({ url: HOOK_URL, secret_token: SECRET });
    expect(env.api.callsTo("getUpdates")).toHaveLength(0);
  });

  it("wrong or missing secret → 401, nothing read or sent; the right one → answered (both body shapes)", async () => {
    const { env, port } = await webhookEnv();
    const update = JSON.stringify(textUpdate("w1", "tb 16"));
    expect(
      (await post(port, "/zalo/hook", update, { "x-bot-api-secret-token": "sai-bi-mat-000" })).status,
    ).toBe(401);
    expect((await post(port, "/zalo/hook", update, {})).status).toBe(401);
    // Refused before the body is read: the answer comes although the body never ends.
    expect((await post(port, "/zalo/hook", update, { "x-bot-api-secret-token": "x" }, true)).status).toBe(
      401,
    );

    const bare = await post(port, "/zalo/hook", update, { "x-bot-api-secret-token": SECRET });
    expect(bare).toEqual({ status: 200, body: JSON.stringify({ ok: true }) });
    const [first] = await env.api.waitFor("sendMessage");
    expect(String(first?.body.text)).toContain("28/01/2023");
    expect(env.api.callsTo("sendMessage")).toHaveLength(1); // the refused ones sent nothing

    const wrapped = JSON.stringify({ ok: true, result: textUpdate("w2", "/vanban 3609/KH-BĐHCĐS") });
    expect((await post(port, "/zalo/hook", wrapped, { "x-bot-api-secret-token": SECRET })).status).toBe(200);
    const calls = await env.api.waitFor("sendMessage", { count: 2 });
    expect(calls[1]?.body.chat_id).toBe("w2");
    expect(String(calls[1]?.body.text)).toContain("3609/KH-BĐHCĐS");
  });

  it("the same update delivered twice is answered once", async () => {
    const { env, port, runner } = await webhookEnv();
    const update = JSON.stringify(textUpdate("w3", "tb 16", { messageId: "retry-1" }));
    await post(port, "/zalo/hook", update, { "x-bot-api-secret-token": SECRET });
    await post(port, "/zalo/hook", update, { "x-bot-api-secret-token": SECRET });
    await runner.conversation.idle();
    expect(env.api.sent("w3")).toHaveLength(1);
  });

  it("health check, wrong path, wrong method, bad JSON", async () => {
    const { port } = await webhookEnv();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await post(port, "/other", "{}", { "x-bot-api-secret-token": SECRET })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/zalo/hook`)).status).toBe(405);
    expect((await post(port, "/zalo/hook", "{not json", { "x-bot-api-secret-token": SECRET })).status).toBe(
      400,
    );
  });
});

describe("secretMatches", () => {
  it("compares secrets of any length", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(`${SECRET}x`, SECRET)).toBe(false);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
  });
});
