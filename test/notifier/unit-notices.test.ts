/**
 * The one-time notice to officials whose unit was merged or closed (issue 16), on the shipped knowledge
 * (the Sở TT&TT merged into the Sở Khoa học và Công nghệ from 01/03/2025): due from the date, sent once.
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { OutgoingMessage } from "../../src/core/reminders/message.ts";
import { unitChangeNotices } from "../../src/core/reminders/unit-notices.ts";
import type { Sender } from "../../src/notifier/notifier.ts";
import { sendUnitChangeNotices } from "../../src/notifier/unit-notices.ts";

describe("officials of a merged unit are told once", () => {
  it("due from the merger's date, not before, not twice; sent and remembered", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-notices-"));
    let now = new Date("2025-02-28T09:00:00+07:00");
    const app = await createApp({
      config: loadConfig(
        { DATA_DIR: dataDir, KNOWLEDGE_DIR: "knowledge", LOG_LEVEL: "silent" },
        "/nonexistent/.env",
      ),
      now: () => now,
      logger: pino({ level: "silent" }),
    });
    try {
      const code = await app.store.state.createLinkCode({
        unitId: "so-tttt",
        role: "head",
        name: "Người minh họa",
      });
      expect(
        (await app.store.state.redeemLinkCode(code.code, { channel: "telegram", chatId: "77" }, now)).ok,
      ).toBe(true);
      const users = app.store.state.users();
      expect(unitChangeNotices(app.knowledge(), users, "2025-02-28", new Set())).toEqual([]);
      const due = unitChangeNotices(app.knowledge(), users, "2025-03-01", new Set());
      expect(due).toHaveLength(1);
      expect(due[0]!.message.lines.join(" ")).toContain(
        "đã hợp nhất vào Sở Khoa học và Công nghệ từ 01/03/2025",
      );
      expect(due[0]!.message.lines.join(" ")).toContain("Liên kết của bạn giữ nguyên");

      const sent: Array<{ chatId: string; message: OutgoingMessage }> = [];
      const telegram: Sender = {
        channel: "telegram",
        send: async (chatId, message) => {
          sent.push({ chatId, message });
          return { ok: true };
        },
      };
      expect(await sendUnitChangeNotices(app, { telegram })).toBe(0);
      now = new Date("2025-03-03T09:00:00+07:00");
      expect(await sendUnitChangeNotices(app, { telegram })).toBe(1);
      expect(await sendUnitChangeNotices(app, { telegram })).toBe(0);
      expect(sent.map((s) => s.chatId)).toEqual(["77"]);
      // The link itself is kept as it was.
      expect(app.store.state.users()[0]?.unitId).toBe("so-tttt");
    } finally {
      await app.close();
    }
  });
});
