import { describe, expect, it } from "vitest";
import { Assistant } from "../../src/app/assistant.ts";
import { reminderApp, seedUsers } from "../notifier/helpers.ts";

describe("Assistant: reminder channel of a person linked on both channels", () => {
  it("/kenhnhac sets the preferred channel on every account of the same person", async () => {
    const t = await reminderApp({ now: "2026-06-23T01:00:00.000Z" });
    await seedUsers(t.app.store, [
      {
        id: "zalo:z1001",
        channel: "zalo",
        chatId: "z1001",
        name: "Giám đốc Sở A",
        unitId: "so-a",
        role: "head",
        linkedAt: "2026-01-03T01:00:00.000Z",
        reachable: true,
      },
    ]);
    const a = new Assistant(t.app);
    const onTelegram = a.identify("telegram", "1001");
    expect(await a.setReminderChannel(onTelegram, "Zalo")).toBe("Đã chọn nhận nhắc hạn qua Zalo.");
    expect(t.app.store.state.getUser("telegram:1001")?.preferredChannel).toBe("zalo");
    expect(t.app.store.state.getUser("zalo:z1001")?.preferredChannel).toBe("zalo");
    expect(await a.setReminderChannel(onTelegram, "email")).toMatch(/^Cách dùng/);
    expect(await a.setReminderChannel(a.identify("telegram", "77"), "zalo")).toMatch(/chưa liên kết/);
  });
});
