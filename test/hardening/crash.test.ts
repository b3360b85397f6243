/**
 * Crash safety, CI-sized: 10 trials of scripts/crash-trials.ts (store writes, imports, reminder runs,
 * each SIGKILLed at a random moment). `npx tsx scripts/crash-trials.ts --trials 100` runs the full set.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkImports, checkStore, runCrashTrials } from "../../scripts/crash-trials.ts";
import { openStore } from "../../src/store/index.ts";
import { fuzzSeed } from "./harness.ts";

const SEED = fuzzSeed(20_231_010);

describe("crash trials", () => {
  it(`10 SIGKILLs mid-work (seed ${SEED}): the store always loads, no confirmed change or reminder is lost, at most one duplicate per crash`, async () => {
    const s = await runCrashTrials({ trials: 10, seed: SEED });
    console.log(s.line);
    expect(s.problems).toEqual([]);
    const [store, imports, reminders] = s.lanes;
    expect(store.kills + imports.kills).toBe(store.trials + imports.trials);
    // The kills hit working children, which had confirmed changes before.
    expect(store.killedMidWork).toBeGreaterThan(0);
    expect(store.confirmed).toBeGreaterThan(0);
    expect(imports.confirmed).toBeGreaterThan(0);
    expect(store.lost + imports.lost).toBe(0);
    expect(reminders.due).toBe(reminders.trials * 16);
    expect(reminders.delivered).toBe(reminders.due);
    expect(reminders.duplicates).toBeLessThanOrEqual(reminders.kills);
  }, 180_000);

  it("the checks see a confirmed change that is not in the store", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "crash-check-"));
    try {
      const store = await openStore({ dataDir: dir });
      const code = await store.state.createLinkCode({ unitId: "so-tttt", role: "member" });
      const q = await store.state.addUnanswered({ text: "câu hỏi" });
      await store.state.setSetting("crash.n", 3);
      await store.close();
      expect(await checkStore(dir, [`code:${code.code}`, `q:${q.id}`, "setting:3"], new Set())).toEqual([]);
      const lost = await checkStore(
        dir,
        ["code:ZZZZZZZZ", "q:q99", "setting:4", "edit:doc-x:7", "resp:a5"],
        new Set(),
      );
      expect(lost).toHaveLength(6); // the edit counts twice: its audit entry and its overlay entry
      expect(await checkImports(dir, ["import:1:2"])).toEqual([
        "lost a confirmed import's audit entry (import:1:2)",
        "lost task 1 of a confirmed import (1…2)",
        "lost task 2 of a confirmed import (1…2)",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
