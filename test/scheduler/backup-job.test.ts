import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app/app.ts";
import { loadConfig } from "../../src/config.ts";
import { BACKUP_CRON, backupNow } from "../../src/scheduler/backup-job.ts";

let app: App | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("daily backup job", () => {
  it("writes a snapshot into the backup folder, keeping BACKUP_KEEP", async () => {
    dir = mkdtempSync(join(tmpdir(), "backup-job-"));
    const config = loadConfig(
      { DATA_DIR: join(dir, "data"), KNOWLEDGE_DIR: "knowledge", BACKUP_KEEP: "2" },
      "/nonexistent/.env",
    );
    let t = new Date("2026-11-26T00:00:00Z").getTime();
    app = await createApp({ config, now: () => new Date(t), logger: pino({ level: "silent" }) });
    const out = join(dir, "backups");
    for (let i = 0; i < 3; i++) {
      await backupNow(app, out);
      t += 86_400_000;
    }
    expect(readdirSync(out).sort()).toEqual([
      "tro-ly-cds-20261127-070000.json",
      "tro-ly-cds-20261128-070000.json",
    ]);
    expect(BACKUP_CRON).toBe("30 2 * * *");
  });
});
