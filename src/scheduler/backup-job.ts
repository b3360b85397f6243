/** The daily snapshot of the store (BACKUP_KEEP kept), at 02:30 Vietnam time. */
import { Cron } from "croner";
import type { App } from "../app/app.ts";
import { ZONE } from "../core/time.ts";
import { createBackup } from "../store/backup.ts";

export const BACKUP_CRON = "30 2 * * *";

export async function backupNow(app: App, dir: string): Promise<void> {
  try {
    const b = await createBackup({
      dataDir: app.config.DATA_DIR,
      backupDir: dir,
      now: app.now(),
      keep: app.config.BACKUP_KEEP,
    });
    app.logger.info({ file: b.file, bytes: b.bytes }, "daily backup written");
  } catch (e) {
    app.logger.error({ err: e }, "daily backup failed");
  }
}

export function startBackupJob(app: App, dir: string): () => Promise<void> {
  let running: Promise<void> | undefined;
  const job = new Cron(BACKUP_CRON, { timezone: ZONE, protect: true, catch: true }, () => {
    running = backupNow(app, dir);
  });
  return async () => {
    job.stop();
    await running;
  };
}
