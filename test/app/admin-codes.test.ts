/**
 * Admin codes never grant the admin role by themselves (issue 14, item 6): the account is linked as a
 * member, every admin is asked, only an admin (or the operator at the CLI) decides, a forged or
 * replayed decision changes nothing, the requester is told, every step is in the audit. And a burst
 * of wrong codes from many accounts tells the secretariat in chat, once per window.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Assistant, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS, type Person } from "../../src/app/assistant.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";
import type { OutgoingMessage } from "../../src/core/reminders/message.ts";
import type { Sender } from "../../src/notifier/notifier.ts";
import type { Channel } from "../../src/store/state.ts";
import { type AppHarness, KNOWLEDGE_DIR, makeApp } from "../helpers/bot-harness.ts";

const CONFIGURED_ADMIN = "42";
const ZALO_ADMIN = "z-admin";
const REQUESTER = "1001";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Sent {
  channel: Channel;
  chatId: string;
  text: string;
  data: string[];
}

/** A sender per channel that records what the assistant sends. */
function recorders(a: Assistant): Sent[] {
  const sent: Sent[] = [];
  for (const channel of ["telegram", "zalo"] as const) {
    const s: Sender = {
      channel,
      async send(chatId: string, message: OutgoingMessage) {
        sent.push({
          channel,
          chatId,
          text: [message.title, ...message.lines].join("\n"),
          data: message.actions.flat().map((x) => x.data),
        });
        return { ok: true };
      },
    };
    a.useSender(s);
  }
  return sent;
}

/** An app with a configured admin (Telegram) and a confirmed admin linked on Zalo. */
async function setUp() {
  h = await makeApp({ ADMIN_TELEGRAM_IDS: CONFIGURED_ADMIN });
  const a = new Assistant(h.app);
  const zaloAdminCode = await a.createLinkCode({ unitId: "ubnd-tinh", role: "admin", name: "Quản Trị Zalo" });
  await h.app.store.state.redeemLinkCode(
    zaloAdminCode.code.code,
    { channel: "zalo", chatId: ZALO_ADMIN },
    h.app.now(),
    {
      adminConfirmed: true,
    },
  );
  const sent = recorders(a);
  await a.settled();
  const admin = () => a.identify("telegram", CONFIGURED_ADMIN, "Admin Cấu Hình");
  const zaloAdmin = () => a.identify("zalo", ZALO_ADMIN);
  const requester = () => a.identify("telegram", REQUESTER, "Tên Hồ Sơ");
  return { a, sent, admin, zaloAdmin, requester };
}

/** Redeems an admin code made by the configured admin for "Nguyễn Văn Xin". */
async function redeemAdminCode(a: Assistant, who: () => Person) {
  const creator = a.identify("telegram", CONFIGURED_ADMIN, "Trần Thị Tạo");
  const { code } = await a.createLinkCode({
    unitId: "so-tttt",
    role: "admin",
    name: "Nguyễn Văn Xin",
    createdBy: { kind: "telegram", id: creator.chatId, name: "Trần Thị Tạo" },
  });
  const out = await a.link(who(), code.code);
  await a.settled();
  return out;
}

describe("an admin code", () => {
  it("links the account as a member, not an admin, and asks every admin to confirm", async () => {
    const { a, sent, requester } = await setUp();
    const out = await redeemAdminCode(a, requester);
    expect(out.ok).toBe(true);
    expect(out.message).toContain("vai trò: thành viên");
    expect(out.message).toContain("chỉ có hiệu lực khi một quản trị viên xác nhận");
    expect(requester().isAdmin).toBe(false);
    expect(requester().user?.role).toBe("member");
    expect(h!.app.store.state.adminRequests()).toMatchObject([
      { id: "1", status: "pending", userId: "telegram:1001" },
    ]);

    // Both admins, on their channels; the requester is not asked.
    expect(sent.map((s) => `${s.channel}:${s.chatId}`).sort()).toEqual(["telegram:42", "zalo:z-admin"]);
    for (const s of sent) {
      expect(s.text).toContain(
        "Nguyễn Văn Xin (mã liên kết do Trần Thị Tạo tạo) xin quyền quản trị. Xác nhận?",
      );
      expect(s.text).toContain("/xacnhanqt 1");
      expect(s.data).toEqual(["qt:y:1", "qt:n:1"]);
    }
    expect(h!.app.store.audit.list()).toMatchObject([{ action: "admin.request", entityId: "telegram:1001" }]);
  });

  it("is not confirmed by a non-admin: the requester or another member changes nothing", async () => {
    const { a, requester } = await setUp();
    await redeemAdminCode(a, requester);
    const member = a.identify("telegram", "1002");
    for (const p of [requester(), member]) {
      const out = await a.decideAdminRequest(p, "1", "grant");
      expect(out).toEqual({
        ok: false,
        message: "Chỉ quản trị viên mới xác nhận hoặc từ chối được quyền quản trị.",
      });
    }
    expect(requester().isAdmin).toBe(false);
    expect(h!.app.store.state.adminRequests()).toMatchObject([{ id: "1", status: "pending" }]);
    expect(h!.app.store.audit.list().map((e) => e.action)).toEqual(["admin.request"]);
  });

  it("is granted when an admin confirms; the requester is told; a replay or a forged number changes nothing", async () => {
    const { a, sent, zaloAdmin, requester } = await setUp();
    await redeemAdminCode(a, requester);
    sent.length = 0;
    const out = await a.decideAdminRequest(zaloAdmin(), "1", "grant");
    await a.settled();
    expect(out).toEqual({
      ok: true,
      message: "Đã cấp quyền quản trị cho Nguyễn Văn Xin (Sở Thông tin và Truyền thông).",
    });
    expect(requester().isAdmin).toBe(true);
    expect(sent).toMatchObject([{ channel: "telegram", chatId: REQUESTER }]);
    expect(sent[0]!.text).toContain("Quyền quản trị của bạn đã được xác nhận.");
    const r = h!.app.store.state.getAdminRequest("1");
    expect(r).toMatchObject({ status: "granted", decidedBy: { kind: "zalo", id: ZALO_ADMIN } });
    expect(r?.notifiedAt).toBeDefined();
    expect(h!.app.store.audit.list()[0]).toMatchObject({
      action: "admin.grant",
      actor: { kind: "zalo", id: ZALO_ADMIN },
      entityId: "telegram:1001",
    });

    const entries = h!.app.store.audit.list().length;
    const again = await a.decideAdminRequest(zaloAdmin(), "1", "refuse");
    expect(again.message).toBe("Yêu cầu số 1 đã được xác nhận trước đó; không thay đổi gì.");
    expect(requester().isAdmin).toBe(true);
    const forged = await a.decideAdminRequest(zaloAdmin(), "77", "grant");
    expect(forged.message).toBe("Không có yêu cầu quyền quản trị số 77; không thay đổi gì.");
    await a.settled();
    expect(sent).toHaveLength(1);
    expect(h!.app.store.audit.list()).toHaveLength(entries);
  });

  it("is refused: the account stays a member, the requester is told, the refusal is in the audit", async () => {
    const { a, sent, admin, requester } = await setUp();
    await redeemAdminCode(a, requester);
    sent.length = 0;
    const out = await a.decideAdminRequest(admin(), "1", "refuse");
    await a.settled();
    expect(out.message).toBe(
      "Đã từ chối quyền quản trị của Nguyễn Văn Xin; tài khoản vẫn liên kết với Sở Thông tin và Truyền thông (vai trò: thành viên).",
    );
    expect(requester().isAdmin).toBe(false);
    expect(requester().user?.role).toBe("member");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("Yêu cầu quyền quản trị của bạn không được chấp nhận.");
    expect(h!.app.store.audit.list()[0]).toMatchObject({
      action: "admin.refuse",
      actor: { kind: "telegram", id: "42" },
    });
    expect((await a.decideAdminRequest(admin(), "1", "grant")).message).toBe(
      "Yêu cầu số 1 đã được từ chối trước đó; không thay đổi gì.",
    );
    expect(requester().isAdmin).toBe(false);
  });

  it("goes stale when the account re-links before the decision: a later confirmation grants nothing", async () => {
    const { a, admin, requester } = await setUp();
    await redeemAdminCode(a, requester);
    const { code } = await a.createLinkCode({ unitId: "bhxh-tinh", role: "member" });
    await a.link(requester(), code.code);
    const out = await a.decideAdminRequest(admin(), "1", "grant");
    expect(out.message).toBe(
      "Yêu cầu số 1 không còn hiệu lực (tài khoản đã hủy hoặc đổi liên kết); không thay đổi gì.",
    );
    expect(requester().user).toMatchObject({ unitId: "bhxh-tinh", role: "member" });
  });

  it("needs no confirmation for an account that is a configured admin (ADMIN_TELEGRAM_IDS)", async () => {
    const { a, sent, admin } = await setUp();
    const out = await redeemAdminCode(a, admin);
    expect(out.message).toContain("vai trò: quản trị");
    expect(h!.app.store.state.findUser("telegram", CONFIGURED_ADMIN)?.role).toBe("admin");
    expect(h!.app.store.state.adminRequests({ all: true })).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("can be confirmed by the operator at the CLI; the requester is told when the bot runs again", async () => {
    const { a, requester } = await setUp();
    await redeemAdminCode(a, requester);
    const dir = h!.dir;
    await h!.app.close();
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { DATA_DIR: dir, KNOWLEDGE_DIR, LOG_LEVEL: "silent" },
    };
    expect(await runCli(["link", "requests"], io)).toBe(0);
    expect(out.join("\n")).toContain("Số 1: Nguyễn Văn Xin — Sở Thông tin và Truyền thông — Telegram");
    expect(await runCli(["link", "confirm-admin", "1"], io)).toBe(0);
    expect(out.at(-1)).toContain("Đã cấp quyền quản trị cho Nguyễn Văn Xin");
    expect(await runCli(["link", "confirm-admin", "1"], io)).toBe(1);
    expect(err.at(-1)).toBe("Yêu cầu số 1 đã được xác nhận trước đó; không thay đổi gì.");

    // The bot starts again: the requester hears of the decision once.
    h = await makeApp({ ADMIN_TELEGRAM_IDS: CONFIGURED_ADMIN }, { dir });
    const b = new Assistant(h.app);
    expect(b.identify("telegram", REQUESTER).isAdmin).toBe(true);
    const sent = recorders(b);
    await b.settled();
    expect(sent.filter((s) => s.chatId === REQUESTER).map((s) => s.text)).toEqual([
      expect.stringContaining("Quyền quản trị của bạn đã được xác nhận."),
    ]);
    expect(h.app.store.audit.list()[0]).toMatchObject({ action: "admin.grant", actor: { kind: "cli" } });
    recorders(b);
    await b.settled();
    expect(sent.filter((s) => s.chatId === REQUESTER)).toHaveLength(1);
  });
});

describe("a burst of wrong link codes from many accounts", () => {
  it("tells the secretariat in chat once per window", async () => {
    const { a, sent } = await setUp();
    const guess = async (n: number, from: number) => {
      for (let i = 0; i < n; i++)
        await a.link(a.identify("telegram", from + i, `Khách ${i}`), `SAI${String(from + i).slice(-5)}`);
      await a.settled();
    };
    await guess(LINK_GUESS_LIMIT - 1, 70_000);
    expect(sent).toEqual([]);
    await guess(1, 80_000);
    const alerts = () => sent.filter((s) => s.text.startsWith("Nhiều mã liên kết sai"));
    expect(
      alerts()
        .map((s) => `${s.channel}:${s.chatId}`)
        .sort(),
    ).toEqual(["telegram:42", "zalo:z-admin"]);
    expect(alerts()[0]!.text).toContain(`có ${LINK_GUESS_LIMIT} mã liên kết sai được gửi từ nhiều tài khoản`);
    // Still guessing within the window: not told again.
    await guess(20, 90_000);
    expect(alerts()).toHaveLength(2);
    // A new burst after the window: told again.
    h!.clock.advance(LINK_GUESS_WINDOW_MS + 1_000);
    await guess(LINK_GUESS_LIMIT, 100_000);
    expect(alerts()).toHaveLength(4);
  });
});
