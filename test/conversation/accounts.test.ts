/**
 * The secretariat's account commands come from the conversation layer (src/conversation/accounts.ts):
 * /moi, /danhsach, /huy, /xacnhanqt, /tuchoiqt work the same on Telegram and on Zalo, with the same
 * access rule and the same words; a code made on one channel links on the other.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_TEXTS as T } from "../../src/conversation/texts.ts";
import { TG_ADMIN, type TwoChannels, twoChannels, ZL_ADMIN } from "./two-channels.ts";

let c: TwoChannels | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const codeIn = (out: string[]) => /Mã: ([A-Z0-9]{8})\b/.exec(out.join("\n"))?.[1];

describe("account commands on both channels", () => {
  it("/moi on Zalo makes a code a Telegram user links with; on Telegram the t.me link is given too", async () => {
    c = await twoChannels();
    const onZalo = await c.zaloSay(ZL_ADMIN, "/moi so-tttt head Nguyễn Văn An");
    const code = codeIn(onZalo);
    expect(code).toBeDefined();
    const text = onZalo.join("\n");
    expect(text).toContain("Đơn vị: Sở Thông tin và Truyền thông");
    expect(text).toContain(`/lienket ${code}`);
    // Zalo does not know the Telegram bot's name (PUBLIC_BOT_USERNAME unset): no t.me link.
    expect(text).not.toContain("t.me/");
    const linked = await c.tgSay(`/lienket ${code}`, { userId: 1001 });
    expect(linked.join("\n")).toContain("Sở Thông tin và Truyền thông");
    expect(c.tg.app.store.state.findUser("telegram", "1001")?.role).toBe("head");

    const onTelegram = await c.tgSay("/moi so-tttt member");
    const tgCode = codeIn(onTelegram);
    expect(onTelegram.join("\n")).toContain(`https://t.me/tro_ly_cds_test_bot?start=${tgCode}`);
    const onZaloLinked = await c.zaloSay("z-member", `/lienket ${tgCode}`);
    expect(onZaloLinked.join("\n")).toContain("Sở Thông tin và Truyền thông");
  });

  it("/danhsach and /huy: the same list and the same unlink on both channels", async () => {
    c = await twoChannels();
    const { code } = await c.tg.assistant.createLinkCode({
      unitId: "so-tttt",
      role: "head",
      name: "Trần Thị Bình",
    });
    await c.zaloSay("z-head", `/lienket ${code.code}`);
    for (const list of [await c.zaloSay(ZL_ADMIN, "/danhsach"), await c.tgSay("/danhsach")]) {
      expect(list.join("\n")).toContain("• Trần Thị Bình — thủ trưởng đơn vị — zalo:z-head — từ 01/06/2023");
    }
    expect(await c.zaloSay(ZL_ADMIN, "/huy")).toEqual([T.usageHuy]);
    expect(await c.zaloSay(ZL_ADMIN, "/huy zalo:z-head")).toEqual([
      T.unlinked("Trần Thị Bình", "Sở Thông tin và Truyền thông"),
    ]);
    expect(c.tg.app.store.state.findUser("zalo", "z-head")).toBeUndefined();
    expect(await c.tgSay("/huy zalo:z-head")).toEqual([T.noSuchAccount("zalo:z-head")]);
  });

  it("anyone else is refused with the same words on both channels, and nothing is written", async () => {
    c = await twoChannels();
    const { code } = await c.tg.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await c.zaloSay("z-head", `/lienket ${code.code}`);
    const codes = c.tg.app.store.state.linkCodes().length;
    for (const cmd of ["/moi so-tttt head", "/danhsach", `/huy zalo:z-head`, "/xacnhanqt 1", "/tuchoiqt 1"]) {
      expect(await c.zaloSay("z-head", cmd), cmd).toEqual([T.adminsOnly]);
      expect(await c.tgSay(cmd, { userId: 777 }), cmd).toEqual([T.adminsOnly]);
    }
    expect(c.tg.app.store.state.linkCodes().length).toBe(codes);
    expect(c.tg.app.store.state.findUser("zalo", "z-head")).toBeDefined();
  });

  it("on Zalo “hủy” typed without a slash is not /huy; a malformed /moi gets its usage", async () => {
    c = await twoChannels();
    const out = await c.zaloSay(ZL_ADMIN, "hủy");
    expect(out.join("\n")).not.toContain(T.usageHuy);
    expect(await c.zaloSay(ZL_ADMIN, "/moi so-tttt")).toEqual([T.usageMoi]);
    expect((await c.zaloSay(ZL_ADMIN, "/moi so-tttt boss")).join("\n")).toContain(T.wrongRole("boss"));
    expect(await c.tgSay("/moi khong-co head")).toEqual([T.unknownUnitId("khong-co")]);
    expect(c.tg.app.store.state.linkCodes()).toEqual([]);
    expect(TG_ADMIN).toBe(42);
  });
});
