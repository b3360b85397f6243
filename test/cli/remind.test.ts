import { afterEach, describe, expect, it } from "vitest";
import { type CliIo, parseNow } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";
import type { User } from "../../src/store/state.ts";
import { FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { reminderApp, seedUsers, tempDir } from "../notifier/helpers.ts";

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { KNOWLEDGE_DIR: "knowledge", LOG_LEVEL: "silent", ...env },
  };
  return { io: value, out, err };
}

const head = (chatId: number, unitId: string, name: string, reachable = true): User => ({
  id: `telegram:${chatId}`,
  channel: "telegram",
  chatId: String(chatId),
  name,
  unitId,
  role: "head",
  linkedAt: "2023-12-01T01:00:00.000Z",
  reachable,
});

/** A data dir on the shipped knowledge with two linked heads (test data, illustrative names). */
async function dataDir(): Promise<string> {
  const dir = await tempDir();
  const { app } = await reminderApp({ now: "2023-12-01T01:00:00.000Z", dir, data: "shipped", seed: false });
  await seedUsers(app.store, [
    head(7001, "so-tttt", "Giám đốc Sở TT&TT (thử)"),
    head(7002, "bhxh-tinh", "Giám đốc BHXH tỉnh (thử)", false),
  ]);
  await app.close();
  return dir;
}

describe("remind CLI (shipped knowledge)", () => {
  it("parseNow: a day means REMINDER_TIME that day; local times are Ninh Thuận time", () => {
    expect(parseNow("2023-12-26", "08:00", new Date(0)).toISOString()).toBe("2023-12-26T01:00:00.000Z");
    expect(parseNow("2023-12-26T09:15", "08:00", new Date(0)).toISOString()).toBe("2023-12-26T02:15:00.000Z");
    expect(parseNow("2023-12-26T08:00:00Z", "08:00", new Date(0)).toISOString()).toBe(
      "2023-12-26T08:00:00.000Z",
    );
    expect(() => parseNow("26/12/2023", "08:00", new Date(0))).toThrow(/--now không hợp lệ/);
  });

  it("plan --json prints the preview array; units without a linked head have no recipients", async () => {
    const dir = await dataDir();
    const c = io({ DATA_DIR: dir });
    expect(await runCli(["remind", "plan", "--now", "2023-12-22", "--json"], c.io)).toBe(0);
    const items = JSON.parse(c.out.join("\n")) as Array<Record<string, unknown>>;
    const mine = items.find((i) => i["taskId"] === "nv-2023-mot-san-pham-cds" && i["unitId"] === "so-tttt");
    expect(mine).toEqual({
      taskId: "nv-2023-mot-san-pham-cds",
      taskTitle: "Phấn đấu hoàn thành ít nhất một sản phẩm chuyển đổi số năm 2023",
      unitId: "so-tttt",
      unitName: "Sở Thông tin và Truyền thông",
      dueDate: "2023-12-31",
      kind: "before",
      days: 9, // 24/12 (7 days before) is a Sunday: sent on Friday 22/12
      recipients: [{ channel: "telegram", name: "Giám đốc Sở TT&TT (thử)" }],
    });
    const bhxh = items.find((i) => i["taskId"] === "nv-2023-mot-san-pham-cds" && i["unitId"] === "bhxh-tinh");
    expect(bhxh?.["recipients"]).toEqual([]); // its head blocked the bot
    expect(items.every((i) => i["dueDate"] === "2023-12-31")).toBe(true);
  });

  it("plan (text) on a weekend and before the time", async () => {
    const dir = await dataDir();
    const sat = io({ DATA_DIR: dir });
    await runCli(["remind", "plan", "--now", "2023-12-23"], sat.io);
    expect(sat.out.join("\n")).toBe(
      "Ngày 23/12/2023 (Thứ Bảy) không phải ngày làm việc: không gửi nhắc hạn.",
    );
    const early = io({ DATA_DIR: dir });
    await runCli(["remind", "plan", "--now", "2023-12-26T07:30"], early.io);
    expect(early.out.join("\n")).toContain("Chưa đến giờ nhắc hạn (08:00 ngày 26/12/2023 (Thứ Ba))");
  });

  it("run sends once through the fake Bot API; without a channel it says so; unreachable lists blocked heads", async () => {
    const dir = await dataDir();
    const none = io({ DATA_DIR: dir });
    expect(await runCli(["remind", "run", "--now", "2023-12-26"], none.io)).toBe(1);
    expect(none.err.join("\n")).toContain("Chưa cấu hình kênh gửi nào");

    api = new FakeBotApi();
    const root = await api.listen();
    const env = { DATA_DIR: dir, TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root };
    const first = io(env);
    expect(await runCli(["remind", "run", "--now", "2023-12-26"], first.io)).toBe(0);
    expect(first.out.join("\n")).toBe("Đã gửi 1/1 tin nhắc hạn (1 tin gửi bù).");
    expect(api.callsTo("sendMessage").map((p) => p["chat_id"])).toEqual(["7001"]);
    expect(api.sent()[0]).toContain("còn 5 ngày");
    const again = io(env);
    await runCli(["remind", "run", "--now", "2023-12-26T10:00"], again.io);
    expect(again.out.join("\n")).toBe("Đã gửi 0/0 tin nhắc hạn.");
    expect(api.sent()).toHaveLength(1);

    const un = io({ DATA_DIR: dir });
    await runCli(["remind", "unreachable"], un.io);
    expect(un.out.join("\n")).toContain(
      "- Giám đốc BHXH tỉnh (thử) — Thủ trưởng đơn vị, Bảo hiểm xã hội tỉnh (telegram): đã chặn trợ lý",
    );
  });
});
