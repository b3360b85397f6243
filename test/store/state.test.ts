import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  generateLinkCode,
  LINK_CODE_ALPHABET,
  normalizeLinkCode,
  UNANSWERED_CAP,
  userIdFor,
} from "../../src/store/state.ts";
import { open, tempDir, testClock } from "./helpers.ts";

const DAY = 86_400_000;
const who = { channel: "telegram" as const, chatId: "1001", name: "Trần B (Telegram)" };

describe("link codes", () => {
  it("are 8 characters from the unambiguous alphabet, random", () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateLinkCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    expect(LINK_CODE_ALPHABET).not.toMatch(/[01ILO]/);
    expect(normalizeLinkCode(" abcd-efgh ")).toBe("ABCDEFGH");
  });

  it("ok: links the chat to the code's unit and role, once", async () => {
    const clock = testClock("2024-05-01T01:00:00.000Z");
    const store = await open(await tempDir(), { clock });
    const code = await store.state.createLinkCode({ unitId: "so-tttt", role: "head", name: "Nguyễn Văn A" });
    expect(code.expiresAt).toBe("2024-05-08T01:00:00.000Z"); // ttlDays defaults to 7

    const now = new Date("2024-05-02T03:00:00.000Z");
    const lowercaseWithDash = `${code.code.slice(0, 4)}-${code.code.slice(4)}`.toLowerCase();
    const r = await store.state.redeemLinkCode(lowercaseWithDash, who, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.user).toEqual({
      id: "telegram:1001",
      channel: "telegram",
      chatId: "1001",
      name: "Nguyễn Văn A",
      unitId: "so-tttt",
      role: "head",
      linkedAt: "2024-05-02T03:00:00.000Z",
      reachable: true,
    });
    expect(store.state.findUser("telegram", 1001)?.unitId).toBe("so-tttt");
    expect(store.state.usersOfUnit("so-tttt").map((u) => u.id)).toEqual(["telegram:1001"]);
    expect(store.state.linkCodes({ now })).toEqual([]);
    expect(store.state.linkCodes({ all: true })[0]).toMatchObject({
      usedBy: "telegram:1001",
      usedAt: now.toISOString(),
    });

    const again = await store.state.redeemLinkCode(code.code, { channel: "zalo", chatId: "z9" }, now);
    expect(again).toEqual({ ok: false, reason: "used" });
  });

  it("expired at expiresAt; unknown for a code never issued; custom ttl", async () => {
    const clock = testClock("2024-05-01T00:00:00.000Z");
    const store = await open(await tempDir(), { clock });
    const code = await store.state.createLinkCode({ unitId: "so-noi-vu", role: "member" }, { ttlDays: 2 });
    expect(code.expiresAt).toBe("2024-05-03T00:00:00.000Z");
    expect(await store.state.redeemLinkCode(code.code, who, new Date("2024-05-03T00:00:00.000Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await store.state.redeemLinkCode("ZZZZZZZZ", who)).toEqual({ ok: false, reason: "unknown" });
    expect(store.state.users()).toEqual([]);

    const ok = await store.state.redeemLinkCode(code.code, who, new Date("2024-05-02T23:59:59.000Z"));
    expect(ok.ok && ok.user.name).toBe("Trần B (Telegram)"); // no name on the code: the chat's
  });

  it("re-linking a chat replaces its unit and role; unlink removes it", async () => {
    const store = await open(await tempDir());
    const a = await store.state.createLinkCode({ unitId: "so-tttt", role: "member" });
    const b = await store.state.createLinkCode({ unitId: "so-tc", role: "deputy" });
    await store.state.redeemLinkCode(a.code, who);
    await store.state.setPreferredChannel(userIdFor("telegram", "1001"), "zalo");
    await store.state.setReachable("telegram:1001", false, "Người dùng đã chặn bot");
    expect(store.state.getUser("telegram:1001")).toMatchObject({
      reachable: false,
      unreachableReason: "Người dùng đã chặn bot",
    });

    await store.state.redeemLinkCode(b.code, who);
    expect(store.state.users()).toHaveLength(1);
    expect(store.state.getUser("telegram:1001")).toMatchObject({
      unitId: "so-tc",
      role: "deputy",
      reachable: true,
      preferredChannel: "zalo",
    });
    expect(store.state.getUser("telegram:1001")?.unreachableReason).toBeUndefined();

    expect(await store.state.unlink("telegram:1001")).toBe(true);
    expect(await store.state.unlink("telegram:1001")).toBe(false);
    expect(store.state.users()).toEqual([]);
  });

  it("codes expired or used more than 30 days ago are dropped when a new one is made", async () => {
    const clock = testClock("2024-01-01T00:00:00.000Z");
    const store = await open(await tempDir(), { clock });
    const old = await store.state.createLinkCode({ unitId: "so-tttt", role: "member" });
    clock.advance(36 * DAY);
    await store.state.createLinkCode({ unitId: "so-tttt", role: "member" });
    expect(store.state.linkCodes({ all: true }).map((c) => c.code)).toHaveLength(2);
    clock.advance(2 * DAY);
    const fresh = await store.state.createLinkCode({ unitId: "so-tttt", role: "member" });
    const kept = store.state.linkCodes({ all: true }).map((c) => c.code);
    expect(kept).not.toContain(old.code);
    expect(kept).toContain(fresh.code);
    expect(kept).toHaveLength(2);
  });
});

describe("unanswered questions", () => {
  it("keeps only the last 1000, with stable increasing ids, across a restart", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).close();
    // Start from a state file holding 998 questions (writing them one by one would take seconds).
    const statePath = path.join(dataDir, "state.json");
    const state = JSON.parse(await readFile(statePath, "utf8"));
    state.unanswered = Array.from({ length: UNANSWERED_CAP - 2 }, (_, i) => ({
      id: `q${i + 1}`,
      text: `Câu hỏi ${i + 1}`,
      askedAt: "2024-04-01T00:00:00.000Z",
    }));
    state.unansweredSeq = UNANSWERED_CAP - 2;
    await writeFile(statePath, JSON.stringify(state));

    const store = await open(dataDir);
    const added = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        store.state.addUnanswered({ text: `Mới ${i}`, unitId: "so-tttt", askerId: "telegram:1" }),
      ),
    );
    expect(added.map((q) => q.id)).toEqual(["q999", "q1000", "q1001", "q1002", "q1003"]);
    const list = store.state.unanswered();
    expect(list).toHaveLength(UNANSWERED_CAP);
    expect(list[0]).toMatchObject({ id: "q4", text: "Câu hỏi 4" });
    expect(list.at(-1)).toMatchObject({
      id: "q1003",
      text: "Mới 5",
      unitId: "so-tttt",
      askerId: "telegram:1",
    });

    expect(await store.state.markAnswered("q4")).toBe(true);
    expect(await store.state.markAnswered("q4")).toBe(false);
    expect(await store.state.markAnswered("q1")).toBe(false); // dropped by the cap
    expect(store.state.unanswered()).toHaveLength(UNANSWERED_CAP - 1);
    expect(store.state.unanswered({ includeAnswered: true })).toHaveLength(UNANSWERED_CAP);
    await store.close();

    const again = await open(dataDir);
    expect(again.state.unanswered({ includeAnswered: true })[0]?.answeredAt).toBeDefined();
    expect((await again.state.addUnanswered({ text: "sau khởi động lại" })).id).toBe("q1004");
    expect(again.state.unanswered({ includeAnswered: true })[0]?.id).toBe("q5");
  });
});

describe("settings", () => {
  it("stores JSON values and removes them with undefined", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    await store.state.setSetting("quietHours", { from: "21:00", to: "07:00" });
    await store.close();
    const again = await open(dataDir);
    expect(again.state.getSetting("quietHours")).toEqual({ from: "21:00", to: "07:00" });
    await again.state.setSetting("quietHours", undefined);
    expect(again.state.getSetting("quietHours")).toBeUndefined();
  });
});
