/**
 * The leaders' commands come from the channel-neutral conversation layer (src/conversation/): Zalo,
 * which had none of them, now answers /tongquan and /donvi for a leader, says where the Excel report can
 * be had (Zalo sends no file), and refuses everyone else with the same words as Telegram.
 */
import { describe, expect, it } from "vitest";
import { parseUpdate } from "../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../src/channels/zalo/conversation.ts";
import { ZaloQuota } from "../../src/channels/zalo/quota.ts";
import { CONVERSATION_COMMANDS, runCommand } from "../../src/conversation/commands.ts";
import { CONVERSATION_TEXTS } from "../../src/conversation/texts.ts";
import { type ZaloTestEnv, zaloEnv } from "../channels/zalo/setup.ts";
import { textUpdate } from "../helpers/fake-zalo-api.ts";

function zalo(env: ZaloTestEnv) {
  const quota = new ZaloQuota({
    settings: env.app.store.state,
    quota: env.app.config.ZALO_MONTHLY_QUOTA,
    now: () => env.app.now(),
  });
  const conv = new ZaloConversation({ app: env.app, assistant: env.assistant, client: env.client, quota });
  return async (chatId: string, text: string) => {
    const before = env.api.sent(chatId).length;
    await conv.handle(parseUpdate(textUpdate(chatId, text))!);
    return env.api.sent(chatId).slice(before);
  };
}

async function linked(
  env: ZaloTestEnv,
  say: ReturnType<typeof zalo>,
  chatId: string,
  role: "leader" | "head",
) {
  const { code } = await env.assistant.createLinkCode({ unitId: "so-tttt", role });
  await say(chatId, `/lienket ${code.code}`);
}

describe("the leaders' commands on Zalo, from the shared conversation layer", () => {
  it("a leader gets the overview as text, with a note that the chart is not sent on this channel", async () => {
    const env = await zaloEnv();
    const say = zalo(env);
    await linked(env, say, "lead1", "leader");
    const out = (await say("lead1", "/tongquan 2023")).join("\n");
    expect(out).toContain("Tổng cộng:");
    expect(out).toContain(CONVERSATION_TEXTS.chartNotOnThisChannel);
    // Typed without the slash, as Zalo users do.
    expect((await say("lead1", "tongquan 2023")).join("\n")).toContain("Tổng cộng:");
  });

  it("a leader's /donvi opens the unit's card; /baocao says where the report can be had", async () => {
    const env = await zaloEnv();
    const say = zalo(env);
    await linked(env, say, "lead2", "leader");
    const card = (await say("lead2", "/donvi Sở Thông tin và Truyền thông 2023")).join("\n");
    expect(card).toContain("Sở Thông tin và Truyền thông");
    expect(card).toContain("Số liệu nhiệm vụ năm 2023");
    const report = (await say("lead2", "/baocao quý")).join("\n");
    expect(report).toContain("Tổng hợp tình hình thực hiện nhiệm vụ");
    expect(report).toContain("không gửi được tệp Excel");
  });

  it("a unit head is refused the leaders' commands with Telegram's words, and nothing is written", async () => {
    const env = await zaloEnv();
    const say = zalo(env);
    await linked(env, say, "head1", "head");
    expect(await say("head1", "/tongquan")).toEqual([CONVERSATION_TEXTS.leadersOnly]);
    expect(await say("head1", "/baocao")).toEqual([CONVERSATION_TEXTS.leadersOnly]);
    // /donvi is open to everyone who may ask: the plain unit answer, not the leader's card.
    const plain = (await say("head1", "/donvi Sở Thông tin và Truyền thông")).join("\n");
    expect(plain).toContain("Sở Thông tin và Truyền thông");
    expect(plain).not.toContain("Số liệu nhiệm vụ năm");
  });

  it("every shared command states who may run it, and the rule is applied before the command", async () => {
    const env = await zaloEnv();
    for (const c of CONVERSATION_COMMANDS) expect(["asker", "leader", "admin"]).toContain(c.access);
    const stranger = env.assistant.identify("zalo", "nobody");
    for (const c of CONVERSATION_COMMANDS.filter((x) => x.access === "leader")) {
      const out = await runCommand({ app: env.app, assistant: env.assistant }, stranger, c.name, "");
      expect(out).toEqual([{ kind: "text", text: CONVERSATION_TEXTS.leadersOnly }]);
    }
  });
});

describe("the secretariat's history commands on Zalo, from the shared conversation layer", () => {
  async function admin(env: ZaloTestEnv, say: ReturnType<typeof zalo>, chatId: string) {
    const code = await env.app.store.state.createLinkCode({ unitId: "so-tttt", role: "admin" });
    const r = await env.app.store.state.redeemLinkCode(code.code, { channel: "zalo", chatId }, undefined, {
      adminConfirmed: true,
    });
    if (!r.ok) throw new Error("could not link the admin");
    void say;
  }

  it("an admin reads /lichsu, sees what /hoantac would undo, and undoes it by picking “1. Hoàn tác”", async () => {
    const env = await zaloEnv();
    const say = zalo(env);
    await admin(env, say, "adm1");
    // One change to undo: a unit renamed through the store's commit (as an import or a chat edit would).
    const before = env.app.knowledge().unit("so-tttt")!.name;
    await env.app.store.commitChange({ actor: { kind: "cli" }, action: "unit.update" }, (tx) => {
      tx.upsert("units", { ...env.app.knowledge().unit("so-tttt")!, name: "Sở Thử nghiệm" });
    });
    env.app.reloadKnowledge();
    const history = (await say("adm1", "/lichsu")).join("\n");
    expect(history).toContain("Nhật ký thay đổi");
    expect(history).toContain("/hoantac");
    const ask = (await say("adm1", "/hoantac")).join("\n");
    const id = /Hoàn tác thay đổi #(\d+)\?/.exec(ask)?.[1];
    expect(id).toBeDefined();
    expect(ask).toContain("Gõ số để chọn:\n1. Hoàn tác\n2. Hủy");
    // A wrong number typed with the command changes nothing.
    expect((await say("adm1", `/hoantac ${Number(id) + 1}`)).join("\n")).toContain("chưa hoàn tác");
    expect(env.app.knowledge().unit("so-tttt")!.name).toBe("Sở Thử nghiệm");
    await say("adm1", "/hoantac");
    const done = (await say("adm1", "1")).join("\n");
    expect(done).toContain(`Đã hoàn tác thay đổi #${id}`);
    env.app.reloadKnowledge();
    expect(env.app.knowledge().unit("so-tttt")!.name).toBe(before);
  });

  it("/xuat on Zalo says where the Excel file can be had; anyone else is refused", async () => {
    const env = await zaloEnv();
    const say = zalo(env);
    await admin(env, say, "adm2");
    expect((await say("adm2", "/xuat")).join("\n")).toContain("không gửi được tệp Excel");
    await linked(env, say, "head2", "head");
    for (const cmd of ["/lichsu", "/hoantac", "/hoantac 1", "/xuat"])
      expect(await say("head2", cmd)).toEqual([CONVERSATION_TEXTS.adminsOnly]);
  });
});
