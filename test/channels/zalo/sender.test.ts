import { describe, expect, it } from "vitest";
import {
  type QuotaStatus,
  type QuotaThreshold,
  quotaWarningText,
  ZaloQuota,
} from "../../../src/channels/zalo/quota.ts";
import { isQuotaRefusal, ZaloSender } from "../../../src/channels/zalo/sender.ts";
import type { OutgoingMessage } from "../../../src/core/reminders/message.ts";
import { type ZaloTestEnv, zaloEnv } from "./setup.ts";

const MSG: OutgoingMessage = { kind: "info", title: "Nhắc hạn", lines: ["Nhiệm vụ: thử"], actions: [] };

function senderFor(env: ZaloTestEnv) {
  const warnings: Array<[QuotaThreshold, QuotaStatus]> = [];
  const quota = new ZaloQuota({
    settings: env.app.store.state,
    quota: env.app.config.ZALO_MONTHLY_QUOTA,
    now: () => env.app.now(),
    onWarning: (t, s) => warnings.push([t, s]),
  });
  const sender = new ZaloSender({ client: env.client, quota, log: env.app.logger });
  return { sender, quota, warnings };
}

describe("ZaloSender and the monthly quota", () => {
  it("counts sends per month in the store, warns at 80 % and at the limit, then refuses", async () => {
    const env = await zaloEnv({ env: { ZALO_MONTHLY_QUOTA: "5" } });
    const { sender, warnings } = senderFor(env);
    for (let i = 0; i < 3; i++) expect(await sender.send("r1", MSG)).toMatchObject({ ok: true });
    expect(sender.quotaStatus()).toMatchObject({
      month: "2023-06",
      sent: 3,
      remaining: 2,
      warn: false,
      atLimit: false,
    });
    expect(warnings).toEqual([]);

    await sender.send("r1", MSG);
    expect(sender.quotaStatus()).toMatchObject({ sent: 4, percent: 80, warn: true, atLimit: false });
    expect(warnings.map(([t]) => t)).toEqual(["80%"]);
    expect(quotaWarningText("80%", sender.quotaStatus())).toContain(
      "80% hạn mức tin nhắn tháng 06/2023 (4/5 tin)",
    );

    await sender.send("r1", MSG);
    expect(sender.quotaStatus()).toMatchObject({ sent: 5, remaining: 0, atLimit: true });
    expect(warnings.map(([t]) => t)).toEqual(["80%", "limit"]);
    expect(sender.available()).toBe(false);

    const refused = await sender.send("r1", MSG);
    expect(refused).toMatchObject({ ok: false, kind: "fatal" });
    expect(isQuotaRefusal(refused)).toBe(true);
    expect(env.api.callsTo("sendMessage")).toHaveLength(5); // nothing went to Zalo
    expect(env.app.store.state.getSetting("zalo.sent.2023-06")).toBe(5);
    expect(warnings).toHaveLength(2); // each warning once

    // A new month starts from zero.
    env.clock.now = new Date("2023-07-01T00:30:00.000Z");
    expect(sender.quotaStatus()).toMatchObject({ month: "2023-07", sent: 0, atLimit: false });
    expect(await sender.send("r1", MSG)).toMatchObject({ ok: true });
  });

  it("the month is Ninh Thuận's: 17:30 UTC on the 30th of June is already July", async () => {
    const env = await zaloEnv({ now: new Date("2023-06-30T17:30:00.000Z") });
    const { quota } = senderFor(env);
    expect(quota.month()).toBe("2023-07");
  });

  it("a split message counts every part and is refused whole when the parts do not fit", async () => {
    const env = await zaloEnv({ env: { ZALO_MONTHLY_QUOTA: "3" } });
    const { sender } = senderFor(env);
    const long: OutgoingMessage = {
      kind: "digest",
      title: "Tổng hợp",
      lines: Array.from({ length: 30 }, (_, i) => `${i + 1}. ${"việc cần làm ".repeat(10)}`),
      actions: [],
    };
    expect(await sender.send("r2", long)).toMatchObject({ ok: true });
    expect(sender.quotaStatus().sent).toBe(3);
    expect(env.api.sent("r2").length).toBe(3);
    env.clock.now = new Date("2023-08-10T02:00:00.000Z");
    await sender.send("r2", MSG);
    await sender.send("r2", MSG);
    const before = env.api.callsTo("sendMessage").length;
    expect(isQuotaRefusal(await sender.send("r2", long))).toBe(true);
    expect(env.api.callsTo("sendMessage").length).toBe(before);
  });

  it("Zalo's own 429 “Quota exceeded” marks the month used up, whatever our count", async () => {
    const env = await zaloEnv();
    const { sender, warnings } = senderFor(env);
    env.api.quotaExceeded = true;
    const res = await sender.send("r3", MSG);
    expect(isQuotaRefusal(res)).toBe(true);
    expect(sender.quotaStatus()).toMatchObject({
      sent: 0,
      exhaustedByZalo: true,
      atLimit: true,
      remaining: 0,
    });
    expect(warnings.map(([t]) => t)).toEqual(["limit"]);
    env.api.quotaExceeded = false;
    const before = env.api.callsTo("sendMessage").length;
    expect(isQuotaRefusal(await sender.send("r3", MSG))).toBe(true);
    expect(env.api.callsTo("sendMessage").length).toBe(before);
  });

  it("maps Zalo's failures to the notifier's kinds", async () => {
    const env = await zaloEnv();
    const { sender } = senderFor(env);
    env.api.fail("sendMessage", 503);
    expect(await sender.send("r4", MSG)).toMatchObject({ ok: false, kind: "transient" });
    env.api.fail("sendMessage", 403);
    expect(await sender.send("r4", MSG)).toMatchObject({ ok: false, kind: "blocked" });
    env.api.fail("sendMessage", 400);
    expect(await sender.send("r4", MSG)).toMatchObject({ ok: false, kind: "fatal" });
    expect(isQuotaRefusal(await sender.send("r4", MSG))).toBe(false);
    expect(sender.quotaStatus().sent).toBe(1); // only the accepted one counts
  });
});
