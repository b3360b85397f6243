import { describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/core/reminders/message.ts";
import { samePersonAcrossChannels } from "../../src/core/reminders/planner.ts";
import { runReminders, type Sender, SendLimiter, type SendResult } from "../../src/notifier/notifier.ts";
import { reminderOptionsFromConfig } from "../../src/notifier/options.ts";
import type { User } from "../../src/store/state.ts";
import { fixtureUsers } from "../fixtures/reminders/fixture.ts";
import { reminderApp, vn } from "./helpers.ts";

/** A sender that records what it sends and fails for the chats it is told to. */
class Scripted implements Sender {
  sent: string[] = [];
  constructor(
    readonly channel: "telegram" | "zalo",
    private readonly fail: Record<string, SendResult> = {},
  ) {}
  async send(chatId: string, _m: OutgoingMessage): Promise<SendResult> {
    const f = this.fail[chatId];
    if (f) return f;
    this.sent.push(chatId);
    return { ok: true, messageId: String(this.sent.length) };
  }
}

// The head of Sở A (illustrative fixture) linked on Zalo too, by a second code with the same name.
const zaloHead: User = {
  id: "zalo:z1001",
  channel: "zalo",
  chatId: "z1001",
  name: "Giám đốc Sở A",
  unitId: "so-a",
  role: "head",
  linkedAt: "2026-01-03T01:00:00.000Z",
  reachable: true,
};

async function run(senders: Partial<Record<"telegram" | "zalo", Sender>>, users: User[]) {
  const t = await reminderApp({ now: vn("2026-06-30", "08:05"), users });
  const report = await runReminders({
    store: t.app.store,
    knowledge: t.app.knowledge(),
    senders,
    options: reminderOptionsFromConfig(t.app.config),
    now: () => t.app.now(),
    limiter: new SendLimiter({ ratePerSecond: 1000, chatIntervalMs: 0 }),
    policy: { baseDelayMs: 1, maxDelayMs: 2 },
  });
  return { t, report };
}

describe("one person linked on Telegram and Zalo", () => {
  it("is one recipient: the preferred channel first, the other as fallback", () => {
    const [merged, ...rest] = samePersonAcrossChannels([fixtureUsers()[0]!, zaloHead]);
    expect(rest).toEqual([]);
    expect(merged?.channel).toBe("telegram");
    expect(merged?.fallbacks?.map((f) => f.id)).toEqual(["zalo:z1001"]);
    const prefersZalo = samePersonAcrossChannels([
      fixtureUsers()[0]!,
      { ...zaloHead, preferredChannel: "zalo" },
    ]);
    expect(prefersZalo[0]?.channel).toBe("zalo");
    // Two accounts on the same channel are two people, even with the same name.
    const twin = { ...fixtureUsers()[0]!, id: "telegram:1999", chatId: "1999" };
    expect(samePersonAcrossChannels([fixtureUsers()[0]!, twin])).toHaveLength(2);
  });

  it("gets each reminder once, and on Zalo when Telegram fails", async () => {
    const users = [...fixtureUsers(), zaloHead];
    const ok = await run({ telegram: new Scripted("telegram"), zalo: new Scripted("zalo") }, users);
    const tg1 = ok.t.app.store.reminders
      .list({ state: "sent" })
      .filter((e) => e.key.includes("telegram:1001"));
    expect(tg1.length).toBeGreaterThan(0);
    expect(ok.t.app.store.reminders.list().some((e) => e.key.includes("zalo:z1001"))).toBe(false);

    const telegram = new Scripted("telegram", {
      "1001": { ok: false, kind: "blocked", description: "Forbidden: bot was blocked by the user" },
    });
    const zalo = new Scripted("zalo");
    const { report, t } = await run({ telegram, zalo }, users);
    expect(zalo.sent.filter((c) => c === "z1001").length).toBe(report.viaFallback);
    expect(report.viaFallback).toBeGreaterThan(0);
    expect(report.failed).toEqual([]);
    expect(t.app.store.state.getUser("telegram:1001")?.reachable).toBe(false);
  });

  it("when Zalo is preferred but not configured, Telegram takes the reminder", async () => {
    const users = [...fixtureUsers(), { ...zaloHead, preferredChannel: "zalo" as const }];
    const telegram = new Scripted("telegram");
    const { report } = await run({ telegram }, users);
    expect(telegram.sent).toContain("1001");
    expect(report.noChannel.filter((n) => n.userId === "zalo:z1001")).toEqual([]);
  });
});
