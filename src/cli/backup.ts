/** `backup create|list|restore <file>`: snapshots of the store (DATA_DIR) with retention. */
import { backupDir, loadConfig } from "../config.ts";
import { createBackup, listBackups, type RestoreResult, restoreBackup } from "../store/backup.ts";
import { StoreError } from "../store/errors.ts";
import { CliError, type Command, writerBusy } from "./io.ts";

/** What a restore did, for the operator: restored, where the old entries went (nothing is deleted). */
export function restoreSummary(file: string, r: RestoreResult): string {
  const out = [`Đã khôi phục ${r.restored.length} tệp từ ${file}.`];
  if (r.asideDir) {
    const dirs = r.movedAside.filter((m) => m.kind !== "file").map((m) => m.name);
    out.push(
      `Các tệp cũ được chuyển sang ${r.asideDir} (không xoá gì)${
        dirs.length ? `; trong đó ${dirs.join(", ")} là thư mục nằm ở chỗ cần là tệp` : ""
      }.`,
    );
  }
  if (r.safety) out.push(`Trạng thái trước khi khôi phục cũng được lưu ở ${r.safety.file}.`);
  return out.join(" ");
}

const kib = (n: number) => `${Math.max(1, Math.round(n / 1024))} KiB`;

/** `backup restore` forwarded to the running assistant: it replaces the files the assistant has open. */
export const RESTORE_WHILE_RUNNING =
  "Trợ lý đang chạy nên không khôi phục được: khôi phục thay toàn bộ kho dữ liệu mà trợ lý đang mở. " +
  "Dừng trợ lý, chạy lại lệnh này, rồi khởi động lại trợ lý. Không có gì thay đổi.";

export const backupCommand: Command = {
  name: "backup",
  usage: "backup create | backup list | backup restore <tệp>",
  summary: "Sao lưu kho dữ liệu (giữ BACKUP_KEEP bản mới nhất), liệt kê, khôi phục",
  async run(args, io) {
    const config = io.running?.app.config ?? loadConfig(io.env);
    const dir = backupDir(config);
    const [action, file] = args.positionals;
    try {
      if (action === "create") {
        const b = await createBackup({
          dataDir: config.DATA_DIR,
          backupDir: dir,
          now: new Date(),
          keep: config.BACKUP_KEEP,
        });
        io.out(`Đã sao lưu: ${b.path} (${kib(b.bytes)}). Giữ ${config.BACKUP_KEEP} bản mới nhất.`);
        return 0;
      }
      if (action === "list") {
        const list = await listBackups(dir);
        io.out(
          list.length
            ? list.map((b) => `${b.file}\t${kib(b.bytes)}`).join("\n")
            : `Chưa có bản sao lưu nào trong ${dir}.`,
        );
        return 0;
      }
      if (action === "restore" && file) {
        if (io.running) throw new CliError(RESTORE_WHILE_RUNNING);
        const r = await restoreBackup({ dataDir: config.DATA_DIR, backupDir: dir, file, now: new Date() });
        io.out(restoreSummary(file, r));
        return 0;
      }
    } catch (e) {
      // The writer lock held by the running assistant: runCli forwards, and the assistant refuses.
      const busy = writerBusy(e);
      if (busy) throw busy;
      if (e instanceof StoreError) throw new CliError(e.message);
      throw e;
    }
    throw new CliError("Cách dùng: npm run cli -- backup create | backup list | backup restore <tệp>", 2);
  },
};
