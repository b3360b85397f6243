/**
 * Guessing link codes from many accounts (issue 14): wrong codes are counted across all accounts; past
 * the limit in the window, linking pauses for everyone, each wrong code is logged (warn) and the pause
 * once (error), so the operator hears of it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Assistant, LINK_GUESS_LIMIT, LINK_GUESS_WINDOW_MS } from "../../src/app/assistant.ts";
import { type AppHarness, makeApp } from "../helpers/bot-harness.ts";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("link codes guessed from many accounts", () => {
  it("pause linking past the limit, even for a right code, and log it", async () => {
    h = await makeApp();
    const a = new Assistant(h.app);
    const { code } = await a.createLinkCode({ unitId: "so-tttt", role: "head" });
    for (let i = 0; i < LINK_GUESS_LIMIT; i++) {
      const p = a.identify("telegram", 70_000 + i, `Khách ${i}`);
      const out = await a.link(p, `SAI${String(i).padStart(5, "0")}`);
      expect(out.ok).toBe(false);
    }
    const honest = a.identify("telegram", 1001, "Bình");
    const paused = await a.link(honest, code.code);
    expect(paused.ok).toBe(false);
    expect(paused.message).toContain("tạm ngưng");
    expect(h.app.store.state.findUser("telegram", 1001)).toBeUndefined();
    expect(h.logs.lines.filter((l) => l.includes('"msg":"wrong link code"'))).toHaveLength(LINK_GUESS_LIMIT);
    expect(h.logs.lines.filter((l) => l.includes("linking paused"))).toHaveLength(1);

    // After the window, the right code links.
    h.clock.advance(LINK_GUESS_WINDOW_MS + 1_000);
    const later = await a.link(honest, code.code);
    expect(later.ok).toBe(true);
  });
});
