/**
 * The app opens the store with the configured retention and logs what the store warns of: a torn last
 * line of the reminder log (a crash mid-write) is cut and reported in the log, not silently.
 */
import { appendFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../../src/app/app.ts";
import { loadConfig } from "../../src/config.ts";
import { KNOWLEDGE_DIR, LogSink, tempDataDir } from "../helpers/bot-harness.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("the app and the store's warnings", () => {
  it("a torn last line of the reminder log is logged when the assistant starts", async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const config = loadConfig({ DATA_DIR: dir, KNOWLEDGE_DIR, LOG_LEVEL: "info" }, "/nonexistent/.env");
    // A first start creates the logs; a crash then leaves half a line at the end.
    const first = await createApp({ config, logger: createLogger(config, new LogSink()) });
    await first.close();
    await appendFile(path.join(dir, "reminders.jsonl"), '{"kind":"sent","id":');
    const logs = new LogSink();
    const app = await createApp({ config, logger: createLogger(config, logs) });
    await app.close();
    expect(logs.text).toContain("torn-line");
    expect(logs.text).toContain("reminders.jsonl");
  });
});
