/** The leaders' commands: /tongquan, /donvi, the unit buttons, /baocao (updates through bot.handleUpdate). */
import { afterEach, describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback } from "../../../src/channels/telegram/callback-data.ts";
import {
  chartCaption,
  defaultOverviewYear,
  editDistance,
  LEADER_TEXTS,
  resolveUnit,
} from "../../../src/channels/telegram/features/leaders.ts";
import { LEADER_COMMANDS, setCommands } from "../../../src/channels/telegram/menu.ts";
import { TEXTS } from "../../../src/channels/telegram/texts.ts";
import { buildLexicon } from "../../../src/core/answers/lexicon.ts";
import { buildOverview, overviewRulesFromConfig } from "../../../src/core/reports/overview.ts";
import { countsText, unitLine } from "../../../src/core/reports/replies.ts";
import { localDate } from "../../../src/core/time.ts";
import { progressReportData } from "../../../src/report-files/progress-report.ts";
import type { Role } from "../../../src/store/state.ts";
import { knowledgeOf, task, unit } from "../../core/reports/fixture.ts";
import { type BotHarness, buttonsOf, makeBot, visible } from "../../helpers/bot-harness.ts";
import { callbackUpdate } from "../../helpers/updates.ts";

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ADMIN = 42;
const LEADER = 77;
const HEAD = 88;
const STRANGER = 99;
const ENV = { ADMIN_TELEGRAM_IDS: String(ADMIN) };

async function linkAs(b: BotHarness, userId: number, unitId: string, role: Role): Promise<void> {
  const { code } = await b.assistant.createLinkCode({ unitId, role, name: "Người thử" });
  await b.send(`/lienket ${code.code}`, { userId });
  expect(b.app.store.state.findUser("telegram", String(userId))?.role).toBe(role);
}

/** The bot with an admin (by configuration), a linked leader and a linked head. */
async function leadersBot(env: Record<string, string> = {}): Promise<BotHarness> {
  const b = await makeBot({ ...ENV, ...env });
  await linkAs(b, LEADER, "ubnd-tinh", "leader");
  await linkAs(b, HEAD, "so-tttt", "head");
  return b;
}

/** The overview the bot should show (2023: the harness's clock is 1 June 2023). */
function expectedOverview(b: BotHarness) {
  return buildOverview(b.app.knowledge(), localDate(b.app.now()), {
    year: 2023,
    rules: overviewRulesFromConfig(b.app.config),
  });
}

const methodsSince = (b: BotHarness, mark: number) => b.api.calls.slice(mark).map((c) => c.method);

describe("/tongquan", () => {
  it("is refused, politely and with nothing else, to an unlinked user and to a linked head", async () => {
    h = await leadersBot();
    for (const userId of [STRANGER, HEAD]) {
      const mark = h.mark();
      await h.send("/tongquan", { userId });
      expect(methodsSince(h, mark)).toEqual(["sendMessage"]);
      expect(h.sentSince(mark)).toEqual([LEADER_TEXTS.leadersOnly]);
    }
    expect(LEADER_TEXTS.leadersOnly).not.toMatch(/quá hạn|nhiệm vụ \d/);
    // Also when anyone may ask (BOT_ACCESS=open).
    await h.close();
    h = await makeBot({ ...ENV, BOT_ACCESS: "open" });
    await h.send("/tongquan 2023", { userId: STRANGER });
    expect(h.api.sent()).toEqual([LEADER_TEXTS.leadersOnly]);
    expect(h.api.callsTo("sendPhoto")).toEqual([]);
  });

  it.each([
    ["an admin (ADMIN_TELEGRAM_IDS)", ADMIN],
    ["a linked leader", LEADER],
  ])("shows %s the overview with the knowledge base's numbers and a PNG chart", async (_who, userId) => {
    h = await leadersBot();
    const o = expectedOverview(h);
    expect(o.totals.total).toBeGreaterThan(0);
    const mark = h.mark();
    await h.send("/tongquan", { userId });
    // "sending a photo…" first, then the chart, then the text with its buttons.
    expect(methodsSince(h, mark)).toEqual(["sendChatAction", "sendPhoto", "sendMessage"]);
    expect(h.api.callsTo("sendChatAction").at(-1)).toMatchObject({ action: "upload_photo", chat_id: userId });

    const photo = h.api.callsTo("sendPhoto")[0]!;
    expect(photo["chat_id"]).toBe(userId);
    const upload = photo["photo"] as { filename: string; size: number };
    expect(upload.filename).toBe("tien-do-2023-2023-06-01.png");
    expect(upload.size).toBeGreaterThan(10_000);
    expect(upload.size).toBeLessThan(2_000_000);
    expect(photo["caption"]).toBe(chartCaption(o));
    expect(String(photo["caption"])).toContain(`Tiến độ năm 2023: ${o.totals.total} nhiệm vụ`);

    const [html] = h.sentSince(mark);
    const text = visible(html!);
    expect(text).toContain("Tổng quan thực hiện nhiệm vụ năm 2023 (đến ngày 01/06/2023)");
    expect(text).toContain(
      `Tổng cộng: ${o.totals.total} nhiệm vụ — ${countsText(o.totals.counts, { all: true })}.`,
    );
    const cc = o.colourCounts;
    expect(text).toContain(`Đơn vị: ${cc.red} đỏ, ${cc.orange} cam, ${cc.green} xanh.`);
    for (const u of o.units) expect(text).toContain(unitLine(u));
    // Buttons open the worst units' cards.
    const buttons = buttonsOf(h.api.callsTo("sendMessage").at(-1)!);
    const ids = buttons
      .map((b) => decodeCallback(b.data)?.query)
      .map((q) => (q?.kind === "unit" ? q.unitId : ""));
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(o.units.slice(0, ids.length).map((u) => u.unit.id)));
  });

  it("takes a year, and explains how to give one", async () => {
    h = await leadersBot();
    await h.send("/tongquan 2024", { userId: LEADER });
    expect(visible(h.api.sent().at(-1)!)).toContain("Tổng quan thực hiện nhiệm vụ năm 2024");
    expect(String(h.api.callsTo("sendPhoto").at(-1)!["caption"])).toContain("năm 2024");
    const mark = h.mark();
    await h.send("/tongquan năm ngoái", { userId: LEADER });
    expect(h.sentSince(mark)).toEqual([LEADER_TEXTS.usageTongquan]);
  });

  it("still sends the numbers when the chart cannot be sent", async () => {
    h = await makeBot(ENV, { retry: false });
    h.api.fail(
      "sendPhoto",
      { kind: "error", code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" },
      1,
    );
    await h.send("/tongquan", { userId: ADMIN });
    const text = visible(h.api.sent().at(-1)!);
    expect(text).toContain(`Tổng cộng: ${expectedOverview(h).totals.total} nhiệm vụ`);
    expect(text).toContain(LEADER_TEXTS.chartFailed);
    expect(h.logs.text).toContain("overview chart not sent");
    expect(h.logs.text).not.toContain("update failed");
  });
});

describe("unit card", () => {
  it("a unit button from the overview opens the card for a leader", async () => {
    h = await leadersBot();
    await h.send("/tongquan", { userId: LEADER });
    const first = buttonsOf(h.api.callsTo("sendMessage").at(-1)!)[0]!;
    const q = decodeCallback(first.data)?.query;
    expect(q?.kind).toBe("unit");
    const unitId = q?.kind === "unit" ? q.unitId : "";
    const name = h.app.knowledge().unit(unitId)!.name;
    const mark = h.mark();
    await h.handle(callbackUpdate(first.data, { userId: LEADER }));
    expect(methodsSince(h, mark)).toEqual(["answerCallbackQuery", "sendChatAction", "sendMessage"]);
    const html = h.sentSince(mark)[0]!;
    expect(html.startsWith(`<b>${name}</b>`)).toBe(true);
    const text = visible(html);
    expect(text).toMatch(/Mức (đỏ|cam|xanh): /);
    expect(text).toContain("Số liệu nhiệm vụ năm 2023, tính đến ngày 01/06/2023.");
  });

  it("shows the unit's answers to reminders and its extension history", async () => {
    h = await leadersBot();
    const kb = h.app.knowledge();
    const t = kb.tasksOfUnit("so-tttt").lead[0]!;
    const r = h.app.store.reminders;
    await r.addResponse({
      taskId: t.id,
      occurrence: "2023-06-30",
      kind: "in-progress",
      userId: `telegram:${HEAD}`,
      unitId: "so-tttt",
      name: "Trần Thị B",
    });
    const ext = await r.addResponse({
      taskId: t.id,
      occurrence: "2023-06-30",
      kind: "extension",
      userId: `telegram:${HEAD}`,
      unitId: "so-tttt",
      name: "Trần Thị B",
      text: "Chờ kinh phí",
      requestedDue: "2023-08-31",
    });
    await r.decideExtension(ext.id, {
      status: "approved",
      at: "2023-06-02T02:00:00.000Z",
      by: "cli",
      due: "2023-08-31",
    });
    await h.handle(callbackUpdate(encodeCallback({ kind: "unit", unitId: "so-tttt" })!, { userId: ADMIN }));
    const text = visible(h.api.sent().at(-1)!);
    expect(text).toContain("Sở Thông tin và Truyền thông");
    expect(text).toContain("Trả lời nhắc hạn gần đây:");
    expect(text).toContain("Trần Thị B: báo đang thực hiện");
    expect(text).toContain("Trần Thị B: xin gia hạn");
    expect(text).toContain("đến 31/08/2023 — đã duyệt (đến 31/08/2023)");
    expect(text).toContain("Gia hạn: 1 lần xin — 1 được duyệt, 0 không duyệt, 0 đang chờ.");
  });

  it("the same button gives anyone else the plain unit answer", async () => {
    h = await leadersBot();
    const data = encodeCallback({ kind: "unit", unitId: "so-tttt" })!;
    await h.handle(callbackUpdate(data, { userId: HEAD }));
    const text = visible(h.api.sent().at(-1)!);
    expect(text).toContain("Sở Thông tin và Truyền thông");
    expect(text).toMatch(/Nhiệm vụ: chủ trì \d+, phối hợp \d+/);
    expect(text).not.toContain("Số liệu nhiệm vụ năm");
    expect(text).not.toContain("Trả lời nhắc hạn");
  });

  it("a button for a unit that is gone is stale for a leader too", async () => {
    h = await leadersBot();
    const mark = h.mark();
    await h.handle(
      callbackUpdate(encodeCallback({ kind: "unit", unitId: "don-vi-da-xoa" })!, { userId: LEADER }),
    );
    expect(methodsSince(h, mark)).toEqual(["answerCallbackQuery"]);
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(TEXTS.staleButton);
  });

  it("/donvi finds a unit despite a typo and shows its card to a leader", async () => {
    h = await leadersBot();
    await h.send("/donvi Sở Thông tin và Truyền thôg", { userId: LEADER });
    const html = h.api.sent().at(-1)!;
    expect(html.startsWith("<b>Sở Thông tin và Truyền thông</b>")).toBe(true);
    expect(visible(html)).toContain("Số liệu nhiệm vụ năm 2023");
    await h.send("/donvi cuc thue 2024", { userId: LEADER });
    const other = visible(h.api.sent().at(-1)!);
    expect(other.startsWith("Cục Thuế tỉnh")).toBe(true);
    expect(other).toContain("Số liệu nhiệm vụ năm 2024");
  });

  it("/donvi names the closest units when it does not know the name", async () => {
    h = await leadersBot();
    await h.send("/donvi Sở Tài nguyên và Môi trường", { userId: LEADER });
    const msg = h.api.callsTo("sendMessage").at(-1)!;
    const text = visible(String(msg["text"]));
    expect(text).toContain("Không có đơn vị “Sở Tài nguyên và Môi trường” trong cơ sở tri thức.");
    expect(text).toMatch(/Tên gần nhất: .+\./);
    const buttons = buttonsOf(msg);
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(decodeCallback(b.data)?.query.kind).toBe("unit");
    const mark = h.mark();
    await h.send("/donvi", { userId: LEADER });
    expect(h.sentSince(mark)).toEqual([LEADER_TEXTS.usageDonvi]);
  });

  it("/donvi gives others the plain unit answer", async () => {
    h = await leadersBot();
    await h.send("/donvi Sở TT&TT", { userId: HEAD });
    const text = visible(h.api.sent().at(-1)!);
    expect(text).toMatch(/Nhiệm vụ: chủ trì \d+, phối hợp \d+/);
    expect(text).not.toContain("Số liệu nhiệm vụ năm");
  });
});

describe("/baocao", () => {
  it("sends a leader the month's report as .xlsx with its totals in the caption", async () => {
    h = await leadersBot();
    const data = progressReportData(h.app.knowledge(), {
      period: "thang",
      now: h.app.now(),
      rules: overviewRulesFromConfig(h.app.config),
    });
    const mark = h.mark();
    await h.send("/baocao", { userId: LEADER });
    expect(methodsSince(h, mark)).toEqual(["sendChatAction", "sendDocument"]);
    expect(h.api.callsTo("sendChatAction").at(-1)).toMatchObject({ action: "upload_document" });
    const doc = h.api.callsTo("sendDocument")[0]!;
    const upload = doc["document"] as { filename: string; size: number };
    expect(upload.filename).toBe("tong-hop-nhiem-vu-thang-2023-06-01.xlsx");
    expect(upload.size).toBeGreaterThan(4_000);
    const caption = String(doc["caption"]);
    expect(caption).not.toContain("\n");
    expect(caption).toContain("tháng 6/2023");
    expect(caption).toContain(
      `${data.totals.total} nhiệm vụ — ${countsText(data.totals.counts, { all: true })}; ${data.totals.dueInPeriod} đến hạn trong kỳ.`,
    );
  });

  it("takes the period in Vietnamese, refuses others, and explains a wrong period", async () => {
    h = await leadersBot();
    await h.send("/baocao quý", { userId: ADMIN });
    await h.send("/baocao năm", { userId: LEADER });
    const names = h.api.callsTo("sendDocument").map((d) => (d["document"] as { filename: string }).filename);
    expect(names).toEqual(["tong-hop-nhiem-vu-quy-2023-06-01.xlsx", "tong-hop-nhiem-vu-nam-2023-06-01.xlsx"]);
    let mark = h.mark();
    await h.send("/baocao tuần", { userId: LEADER });
    expect(h.sentSince(mark)).toEqual([LEADER_TEXTS.usageBaocao]);
    mark = h.mark();
    await h.send("/baocao", { userId: HEAD });
    expect(methodsSince(h, mark)).toEqual(["sendMessage"]);
    expect(h.sentSince(mark)).toEqual([LEADER_TEXTS.leadersOnly]);
  });
});

describe("command menu", () => {
  it("admins get the leaders' and admin commands, leaders the leaders' commands", async () => {
    h = await makeBot(ENV);
    await setCommands(h.bot, { adminIds: [String(ADMIN)], leaderIds: [String(LEADER), String(ADMIN)] });
    const calls = h.api.callsTo("setMyCommands");
    const menus = calls.map((c) => ({
      chat: (c["scope"] as { chat_id?: number } | undefined)?.chat_id,
      commands: (c["commands"] as { command: string }[]).map((x) => x.command),
    }));
    expect(menus.map((m) => m.chat)).toEqual([undefined, ADMIN, LEADER]);
    expect(menus[0]!.commands).not.toContain("tongquan");
    expect(menus[1]!.commands).toEqual(expect.arrayContaining(["tongquan", "donvi", "baocao", "moi"]));
    expect(menus[2]!.commands).toEqual(expect.arrayContaining(LEADER_COMMANDS.map((c) => c.command)));
    expect(menus[2]!.commands).not.toContain("moi");
  });
});

// ---------------------------------------------------------------- pure parts (illustrative fixtures)

describe("resolveUnit", () => {
  const kb = knowledgeOf(
    [
      unit("so-tttt", "Sở Thông tin và Truyền thông"),
      unit("so-tai-chinh", "Sở Tài chính"),
      unit("so-y-te", "Sở Y tế"),
      unit("bo-tttt", "Bộ Thông tin và Truyền thông", "trung-uong"),
    ],
    [],
  );
  const lex = buildLexicon(kb);

  it("finds exact names, typos and partial names", () => {
    expect(resolveUnit(kb, lex, "Sở Tài chính")).toEqual({ kind: "found", unitId: "so-tai-chinh" });
    expect(resolveUnit(kb, lex, "so tai chin")).toEqual({ kind: "found", unitId: "so-tai-chinh" });
    expect(resolveUnit(kb, lex, "Sở Thông tn và Truyền thông")).toEqual({ kind: "found", unitId: "so-tttt" });
    expect(resolveUnit(kb, lex, "y tế")).toEqual({ kind: "found", unitId: "so-y-te" });
  });

  it("lists the candidates when a name fits several units, the closest names when none", () => {
    const amb = resolveUnit(kb, lex, "thông tin truyền thông");
    expect(amb.kind).toBe("ambiguous");
    expect(amb.kind !== "found" && [...amb.unitIds].sort()).toEqual(["bo-tttt", "so-tttt"]);
    const unknown = resolveUnit(kb, lex, "Sở Tài nguyên");
    expect(unknown.kind).toBe("unknown");
    expect(unknown.kind === "unknown" && unknown.unitIds[0]).toBe("so-tai-chinh");
  });

  it("measures edits", () => {
    expect(editDistance("thong", "thog")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("so y te", "so y te")).toBe(0);
  });
});

describe("defaultOverviewYear", () => {
  const kb = knowledgeOf([unit("a", "Đơn vị A")], [task("a-1", ["a"], "2024-09-30")]);

  it("is the current year when it has tasks, else the latest year that has some", () => {
    expect(defaultOverviewYear(kb, "2024-06-15")).toEqual({ year: 2024 });
    expect(defaultOverviewYear(kb, "2026-03-01")).toEqual({ year: 2024, insteadOf: 2026 });
    const o = buildOverview(kb, "2026-03-01", { year: 2024 });
    expect(chartCaption(o, 2026)).toMatch(
      /^Năm 2026 chưa có nhiệm vụ; số liệu năm 2024\. Tiến độ năm 2024: 1 nhiệm vụ, 1 quá hạn/,
    );
  });

  it("stays on the current year when no year has tasks", () => {
    expect(defaultOverviewYear(knowledgeOf([unit("a", "Đơn vị A")], []), "2026-03-01")).toEqual({
      year: 2026,
    });
  });
});
