/**
 * Access control on Zalo, table-driven like access-control.test.ts: every command the Zalo conversation
 * really answers (built as startZalo builds it, with main.ts's reminder handlers), for each kind of
 * sender (not linked, linked member, unit head, leader, admin: on Zalo a linked admin role), in both
 * access modes. The table is checked against the conversation itself (see registered.ts): every `/word`
 * of a broad candidate list (the menus, the Telegram table, every word of the literals under src/) that
 * is answered with anything but “Không có lệnh /…” needs a rule, and a rule for a command the
 * conversation does not answer is an error. For each rule and sender: the answer or the Vietnamese
 * refusal, no personal data of others, nothing sent to anyone else when refused, and the store's files
 * byte-identical unless the rule lets that sender change them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_COMMANDS, LEADER_COMMANDS, USER_COMMANDS } from "../../src/channels/telegram/menu.ts";
import { type AppHarness, makeApp } from "../helpers/bot-harness.ts";
import { KINDS, outcomeOf, ZALO_ONLY, ZALO_RULES } from "./access-table.ts";
import { LINKED, linkSenders, storeBytes, ZL } from "./harness.ts";
import { makeZaloConversation, probeZalo, sourceCandidates, type ZaloHarness } from "./registered.ts";

// What the conversation really answers, found before the tests are collected (so that each gets a test).
const ANSWERED = await (async () => {
  const h = await makeApp({ BOT_ACCESS: "members" });
  try {
    await linkSenders(h.app, "zalo");
    const menus = [...USER_COMMANDS, ...LEADER_COMMANDS, ...ADMIN_COMMANDS].map((c) => c.command);
    const candidates = [...menus, ...Object.keys(ZALO_RULES), ...(await sourceCandidates()).words];
    return await probeZalo(h, candidates);
  } finally {
    await h.close();
  }
})();
const COMMANDS = [...ANSWERED.keys()].sort();

describe("the Zalo access table against what the conversation really answers", () => {
  it("every command the conversation answers has a rule", () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(USER_COMMANDS.length);
    const missing = COMMANDS.filter((c) => !ZALO_RULES[c]);
    expect(missing, `answered on Zalo without a rule in access-table.ts: ${missing.join(", ")}`).toEqual([]);
  });

  it("every Zalo-only rule is a command the conversation answers (no stale rule), the common menu too", () => {
    expect(Object.keys(ZALO_ONLY).filter((c) => !ANSWERED.has(c))).toEqual([]);
    expect(USER_COMMANDS.map((c) => c.command).filter((c) => !ANSWERED.has(c))).toEqual([]);
  });
});

describe.each(["members", "open"] as const)("Zalo commands, BOT_ACCESS=%s", (mode) => {
  describe.each(KINDS)("sent by: %s", (kind) => {
    let h: AppHarness;
    let z: ZaloHarness;
    beforeAll(async () => {
      h = await makeApp({ BOT_ACCESS: mode });
      await linkSenders(h.app, "zalo");
      z = makeZaloConversation(h);
    });
    afterAll(async () => {
      await h.close();
    });
    afterEach(async () => {
      // A /huylienket: the next command starts with everyone linked again; a waiting question is closed.
      await z.say(kind, "hủy");
      await linkSenders(h.app, "zalo");
    });

    it.each(COMMANDS)("/%s", async (command) => {
      const rule = ZALO_RULES[command];
      if (!rule) throw new Error(`/${command} is answered on Zalo but has no rule in access-table.ts`);
      const logMark = h.logs.lines.length;
      const sentMark = z.sent.length;
      const before = await storeBytes(h.dir);
      const got = await z.say(kind, `/${command}${rule.arg ? ` ${rule.arg}` : ""}`);
      const after = await storeBytes(h.dir);
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      const toOthers = z.sent.slice(sentMark).filter((s) => s.chatId !== ZL[kind]);
      const all = got.join("\n");
      const errors = h.logs.lines.slice(logMark).filter((l) => /"level":(50|60)/.test(l));
      expect(errors, errors.join("\n")).toEqual([]);
      expect(got.length, "an answer of some kind").toBeGreaterThan(0);
      const want = rule.expect(kind, mode);
      expect(outcomeOf(all), all).toBe(want);
      if (!rule.changes(kind)) expect(changed, `/${command} by ${kind} changed the store`).toEqual([]);
      // Personal data: chat ids never to non-admins; names only to admins and leaders.
      if (kind !== "admin") {
        const others = (Object.keys(LINKED) as (keyof typeof LINKED)[]).filter((k) => k !== kind);
        for (const k of others) expect(all).not.toContain(ZL[k]);
        if (kind !== "leader") for (const k of others) expect(all).not.toContain(LINKED[k].name);
      }
      if (want !== "answer") expect(toOthers).toEqual([]);
    });
  });
});
