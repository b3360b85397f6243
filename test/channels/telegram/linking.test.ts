/** The whole linking flow: codes from the CLI or /moi, /start <code>, "nhiệm vụ của tôi", admin lists. */
import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { TEXTS } from "../../../src/channels/telegram/texts.ts";
import type { CliIo } from "../../../src/cli/io.ts";
import { runCli } from "../../../src/cli.ts";
import {
  type BotHarness,
  buttonsOf,
  DAY_MS,
  KNOWLEDGE_DIR,
  makeBot,
  tempDataDir,
  visible,
} from "../../helpers/bot-harness.ts";
import { DEFAULT_USER_ID } from "../../helpers/updates.ts";

const ADMIN = 42;
const HEAD = 1001;
const OTHER = 1002;
const TASK = "Tuyên truyền Ngày Chuyển đổi số tỉnh";

let h: BotHarness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function cliDir(): Promise<string> {
  const d = await tempDataDir();
  dirs.push(d);
  return d;
}

/** The code in a /moi answer. */
function codeIn(html: string): string {
  const m = /Mã: ([A-Z0-9]{8})\b/.exec(html);
  if (!m) throw new Error(`no code in: ${html}`);
  return m[1]!;
}

describe("linking in the chat", () => {
  it("admin /moi → the head opens the t.me link → “nhiệm vụ của tôi” gives the unit's tasks", async () => {
    h = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN) });
    // Before: the head is refused (members mode).
    await h.send("nhiệm vụ của tôi", { userId: HEAD });
    expect(visible(h.api.sent().at(-1)!)).toContain("dành cho cán bộ các đơn vị đã được liên kết");

    await h.send("/moi so-tttt head Nguyễn Văn An", { userId: ADMIN });
    const moi = h.api.sent().at(-1)!;
    const code = codeIn(moi);
    const text = visible(moi);
    expect(text).toContain(`https://t.me/tro_ly_cds_test_bot?start=${code}`);
    expect(text).toContain(`/lienket ${code}`);
    expect(text).toContain("Sở Thông tin và Truyền thông");
    expect(text).toContain("Thủ trưởng đơn vị");
    expect(text).toContain("Người nhận: Nguyễn Văn An");
    expect(text).toContain("Hết hạn: 08/06/2023");

    // Opening https://t.me/<bot>?start=<code> sends "/start <code>".
    let mark = h.mark();
    await h.send(`/start ${code}`, { userId: HEAD, firstName: "An" });
    const linked = h.api.calls.slice(mark).find((c) => c.method === "sendMessage")!;
    expect(visible(String(linked.params["text"]))).toContain(
      "Đã liên kết tài khoản với Sở Thông tin và Truyền thông",
    );
    expect(buttonsOf(linked.params).map((b) => b.text)).toEqual(["Nhiệm vụ của tôi", "Sắp đến hạn"]);
    expect(h.app.store.state.findUser("telegram", HEAD)).toMatchObject({
      unitId: "so-tttt",
      role: "head",
      name: "Nguyễn Văn An",
      chatId: String(HEAD),
    });

    mark = h.mark();
    await h.send("nhiệm vụ của tôi", { userId: HEAD });
    const answer = visible(h.sentSince(mark).join("\n"));
    expect(answer).toContain("Nhiệm vụ của Sở Thông tin và Truyền thông");
    expect(answer).toContain(TASK);

    // The button under the link message does the same.
    mark = h.mark();
    await h.send("/nhiemvu", { userId: HEAD });
    expect(visible(h.sentSince(mark).join("\n"))).toContain(TASK);
  });

  it("refuses expired, reused and unknown codes with the right message", async () => {
    h = await makeBot();
    const expired = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "member" });
    const reused = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "deputy" });
    await h.send(`/lienket ${reused.code.code}`, { userId: OTHER });
    expect(h.api.sent().at(-1)).toContain("Đã liên kết");

    h.clock.advance(8 * DAY_MS);
    await h.send(`/lienket ${expired.code.code}`, { userId: HEAD });
    expect(h.api.sent().at(-1)).toBe("Mã liên kết đã hết hạn. Hãy xin Tổ Giúp việc cấp mã mới.");
    await h.send(`/start ${reused.code.code}`, { userId: HEAD });
    expect(h.api.sent().at(-1)).toBe(
      "Mã liên kết này đã được dùng. Mỗi mã chỉ dùng được một lần; hãy xin Tổ Giúp việc cấp mã mới.",
    );
    await h.send("/lienket ZZZZ9999", { userId: HEAD });
    expect(h.api.sent().at(-1)).toBe("Mã liên kết không đúng. Hãy kiểm tra lại mã do Tổ Giúp việc cấp.");
    await h.send(`/lienket ${"X".repeat(80)}`, { userId: HEAD });
    expect(h.api.sent().at(-1)).toContain("Mã liên kết không đúng");

    expect(h.app.store.state.findUser("telegram", HEAD)).toBeUndefined();
    await h.send("nhiệm vụ của tôi", { userId: HEAD });
    expect(visible(h.api.sent().at(-1)!)).toContain("dành cho cán bộ các đơn vị đã được liên kết");
  });

  it("a code typed in lower case or with a dash still works", async () => {
    h = await makeBot();
    const { code } = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "member" });
    const typed = `${code.code.slice(0, 4).toLowerCase()}-${code.code.slice(4)}`;
    await h.send(`/lienket ${typed}`);
    expect(h.app.store.state.findUser("telegram", DEFAULT_USER_ID)?.unitId).toBe("so-tttt");
  });

  it("/huylienket unlinks oneself; members mode then refuses again", async () => {
    h = await makeBot();
    const { code } = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "member" });
    await h.send(`/lienket ${code.code}`);
    await h.send("/huylienket");
    expect(h.api.sent().at(-1)).toBe("Đã hủy liên kết. Bạn sẽ không nhận nhắc hạn nữa.");
    await h.send("/huylienket");
    expect(h.api.sent().at(-1)).toBe("Tài khoản này chưa liên kết với đơn vị nào.");
    await h.send("nhiệm vụ của tôi");
    expect(visible(h.api.sent().at(-1)!)).toContain("dành cho cán bộ các đơn vị đã được liên kết");
  });
});

describe("admin commands", () => {
  it("are refused to non-admins, even linked ones, and create nothing", async () => {
    h = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN) });
    const { code } = await h.assistant.createLinkCode({
      unitId: "so-tttt",
      role: "head",
      name: "Trần Thị Bình",
    });
    await h.send(`/lienket ${code.code}`, { userId: HEAD });
    const before = h.app.store.state.linkCodes().length;
    for (const cmd of ["/moi so-tttt head", "/danhsach", `/huy telegram:${HEAD}`]) {
      const mark = h.mark();
      await h.send(cmd, { userId: OTHER });
      await h.send(cmd, { userId: HEAD });
      expect(h.sentSince(mark)).toEqual([TEXTS.adminOnly, TEXTS.adminOnly]);
    }
    expect(h.app.store.state.linkCodes().length).toBe(before);
    expect(h.app.store.state.findUser("telegram", HEAD)).toBeDefined();
    // No personal data anywhere in what non-admins received.
    const all = h.api.sent().join("\n");
    expect(all).not.toContain(`telegram:${HEAD}`);
    expect(all).not.toContain(String(HEAD));
  });

  it("/danhsach shows admins who is linked to which unit", async () => {
    h = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN) });
    const a = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "head", name: "Trần <Thị> Bình" });
    await h.send(`/lienket ${a.code.code}`, { userId: HEAD });
    await h.assistant.createLinkCode({ unitId: "so-tttt", role: "member" });
    await h.send("/danhsach", { userId: ADMIN });
    const list = h.api.sent().at(-1)!;
    expect(list).toContain("Tài khoản đã liên kết (1)");
    expect(list).toContain("Sở Thông tin và Truyền thông");
    expect(list).toContain(`• Trần <Thị> Bình — thủ trưởng đơn vị — telegram:${HEAD} — từ 01/06/2023`);
    expect(list).toContain("Mã liên kết chưa dùng, còn hạn: 1.");
  });

  it("/danhsach with nobody linked says how to start", async () => {
    h = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN) });
    await h.send("/danhsach", { userId: ADMIN });
    expect(visible(h.api.sent()[0]!)).toContain("Chưa có tài khoản nào được liên kết.");
  });

  it("/huy unlinks someone; a linked admin role may use admin commands", async () => {
    h = await makeBot();
    const adminCode = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "admin" });
    await h.send(`/lienket ${adminCode.code.code}`, { userId: ADMIN });
    // An admin code alone does not make an admin: the operator confirms it (see admin-codes.test.ts).
    await h.send(`/huy ${HEAD}`, { userId: ADMIN });
    expect(h.api.sent().at(-1)).toBe(TEXTS.adminOnly);
    expect((await h.assistant.decideAdminRequest("cli", "1", "grant")).ok).toBe(true);
    const headCode = await h.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await h.send(`/lienket ${headCode.code.code}`, { userId: HEAD, firstName: "Bình" });
    await h.send(`/huy ${HEAD}`, { userId: ADMIN });
    expect(h.api.sent().at(-1)).toBe("Đã hủy liên kết của Bình với Sở Thông tin và Truyền thông.");
    expect(h.app.store.state.findUser("telegram", HEAD)).toBeUndefined();
    await h.send(`/huy telegram:${HEAD}`, { userId: ADMIN });
    expect(h.api.sent().at(-1)).toContain("Không có tài khoản “telegram:1001”");
    await h.send("/huy", { userId: ADMIN });
    expect(h.api.sent().at(-1)).toBe(TEXTS.usageHuy);
  });

  it("/moi explains wrong or missing arguments", async () => {
    h = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN) });
    await h.send("/moi", { userId: ADMIN });
    expect(h.api.sent().at(-1)).toContain("Cách dùng: /moi <mã đơn vị> <vai trò> [họ tên]");
    await h.send("/moi so-khong-co head", { userId: ADMIN });
    expect(h.api.sent().at(-1)).toContain("Không có đơn vị mã “so-khong-co”");
    await h.send("/moi so-tttt boss", { userId: ADMIN });
    expect(h.api.sent().at(-1)).toContain("Vai trò “boss” không đúng");
    expect(h.app.store.state.linkCodes()).toEqual([]);
    await h.send("/moi so-tttt thu-truong", { userId: ADMIN });
    expect(h.app.store.state.linkCodes()).toMatchObject([{ unitId: "so-tttt", role: "head" }]);
  });
});

describe("CLI link commands", () => {
  function io(env: Record<string, string>) {
    const out: string[] = [];
    const err: string[] = [];
    const cio: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
    return { cio, out, err };
  }

  it("link create → /start <code> in the bot → the unit's tasks; link list; link revoke", async () => {
    const dir = await cliDir();
    const env = { DATA_DIR: dir, KNOWLEDGE_DIR, PUBLIC_BOT_USERNAME: "@tro_ly_cds_bot", LOG_LEVEL: "silent" };
    const c = io(env);
    const code = await runCli(
      ["link", "create", "--unit", "so-tttt", "--role", "head", "--name", "Lê Văn C"],
      c.cio,
    );
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    const printed = c.out.join("\n");
    const linkCode = /Mã liên kết: ([A-Z0-9]{8})/.exec(printed)![1]!;
    expect(printed).toContain(`https://t.me/tro_ly_cds_bot?start=${linkCode}`);
    expect(printed).toContain("Đơn vị: Sở Thông tin và Truyền thông (so-tttt)");
    expect(printed).toMatch(/Hết hạn: \d{2}\/\d{2}\/\d{4} \(chỉ dùng được một lần\)/);

    // The bot, on the same data dir (the CLI has closed the store).
    h = await makeBot({}, { dir, now: new Date().toISOString() });
    await h.send(`/start ${linkCode}`, { userId: HEAD });
    await h.send("nhiệm vụ của tôi", { userId: HEAD });
    expect(visible(h.api.sent().at(-1)!)).toContain(TASK);
    await h.close();
    h = undefined;

    const l = io(env);
    expect(await runCli(["link", "list"], l.cio)).toBe(0);
    expect(l.out.join("\n")).toContain(
      `telegram:${HEAD} — Lê Văn C — thủ trưởng đơn vị — Sở Thông tin và Truyền thông`,
    );
    const lj = io(env);
    expect(await runCli(["link", "list", "--json"], lj.cio)).toBe(0);
    expect(JSON.parse(lj.out[0]!)).toMatchObject({
      users: [{ id: `telegram:${HEAD}`, unitId: "so-tttt", role: "head" }],
    });

    const r = io(env);
    expect(await runCli(["link", "revoke", `telegram:${HEAD}`], r.cio)).toBe(0);
    expect(r.out[0]).toBe(`Đã hủy liên kết telegram:${HEAD} (Lê Văn C) với Sở Thông tin và Truyền thông.`);
    const r2 = io(env);
    expect(await runCli(["link", "revoke", `telegram:${HEAD}`], r2.cio)).toBe(1);
    expect(r2.err[0]).toContain("Không có tài khoản");
  });

  it("link create --json, and without PUBLIC_BOT_USERNAME says how to set it", async () => {
    const dir = await cliDir();
    const j = io({ DATA_DIR: dir, KNOWLEDGE_DIR, PUBLIC_BOT_USERNAME: "tro_ly_cds_bot" });
    expect(await runCli(["link", "create", "--unit", "so-tttt", "--role", "member", "--json"], j.cio)).toBe(
      0,
    );
    const parsed = JSON.parse(j.out[0]!) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      unitId: "so-tttt",
      role: "member",
      unitName: "Sở Thông tin và Truyền thông",
    });
    expect(parsed["link"]).toBe(`https://t.me/tro_ly_cds_bot?start=${parsed["code"]}`);
    expect(parsed["command"]).toBe(`/lienket ${parsed["code"]}`);

    const n = io({ DATA_DIR: dir, KNOWLEDGE_DIR });
    expect(await runCli(["link", "create", "--unit", "so-tttt", "--role", "deputy"], n.cio)).toBe(0);
    const text = n.out.join("\n");
    expect(text).not.toContain("t.me/");
    expect(text).toMatch(/Người nhận nhắn cho bot: \/lienket [A-Z0-9]{8}/);
    expect(text).toContain("PUBLIC_BOT_USERNAME=");
  });

  it("link create refuses an unknown unit (exit 1) or role (exit 2) in Vietnamese", async () => {
    const dir = await cliDir();
    const u = io({ DATA_DIR: dir, KNOWLEDGE_DIR });
    expect(await runCli(["link", "create", "--unit", "so-khong-co", "--role", "head"], u.cio)).toBe(1);
    expect(u.err[0]).toBe("Không có đơn vị mã “so-khong-co”. Xem danh sách mã: npm run cli -- kb list units");
    const r = io({ DATA_DIR: dir, KNOWLEDGE_DIR });
    expect(await runCli(["link", "create", "--unit", "so-tttt", "--role", "boss"], r.cio)).toBe(2);
    expect(r.err[0]).toContain("Vai trò “boss” không đúng");
    const m = io({ DATA_DIR: dir, KNOWLEDGE_DIR });
    expect(await runCli(["link", "create", "--unit", "so-tttt"], m.cio)).toBe(2);
    expect(m.err[0]).toContain("Thiếu --unit hoặc --role");
  });

  it("while the bot holds the store, link create says to use /moi", async () => {
    h = await makeBot();
    const c = io({ DATA_DIR: h.dir, KNOWLEDGE_DIR });
    expect(await runCli(["link", "create", "--unit", "so-tttt", "--role", "head"], c.cio)).toBe(1);
    expect(c.err[0]).toContain("/moi <mã đơn vị> <vai trò> [họ tên]");
    // Reading still works.
    const l = io({ DATA_DIR: h.dir, KNOWLEDGE_DIR });
    expect(await runCli(["link", "list"], l.cio)).toBe(0);
    expect(l.out[0]).toContain("Chưa có tài khoản nào được liên kết");
  });
});
