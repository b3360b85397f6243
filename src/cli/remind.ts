/**
 * `remind …`: the secretariat's view of deadline reminders.
 * - `remind plan [--now <thời điểm>] [--json]`: what a run would send now, without sending (read-only:
 *   works while the bot runs). `--json` prints the array described in src/core/reminders/planner.ts
 *   (`PreviewItem`).
 * - `remind run [--now <thời điểm>]`: sends the due reminders once through the configured channels
 *   (needs the writer lock; while the assistant runs, its scheduler does this on its own and the
 *   command, forwarded to it, says so without sending).
 * - `remind unreachable [--json]`: people reminders cannot reach (blocked the bot, never opened it).
 * `--now` takes "2026-06-23" (that day at REMINDER_TIME), "2026-06-23T08:30" (Ninh Thuận time) or a
 * full ISO instant with its offset.
 */
import { resolve } from "node:path";
import type { App } from "../app/app.ts";
import { ROLE_LABELS } from "../app/assistant.ts";
import { sendersFromConfig } from "../channels/telegram/sender.ts";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { tasksWithoutLead } from "../core/reminders/digest.ts";
import { daysPhrase } from "../core/reminders/message.ts";
import { planReminders, remindersPreview } from "../core/reminders/planner.ts";
import { formatViDate, localDate, viWeekdayName } from "../core/time.ts";
import { runReminders, SendLimiter } from "../notifier/notifier.ts";
import { limiterOptionsFromConfig, reminderOptionsFromConfig } from "../notifier/options.ts";
import { CliError, type CliIo, type Command, flag, parseNow, str, withCommandApp } from "./io.ts";

/** The text of `remind run` forwarded to the running assistant: its own scheduler sends. */
export const REMIND_RUN_WHILE_RUNNING =
  "Trợ lý đang chạy và tự gửi nhắc hạn theo lịch (REMINDER_TIME, gửi lại mỗi 30 phút đến 17:30), nên lệnh này không gửi thêm để tránh gửi trùng. Xem trước: npm run cli -- remind plan";

async function withApp<T>(
  io: CliIo,
  opts: { readOnly: boolean; now?: string },
  fn: (app: App, config: Config) => Promise<T>,
): Promise<T> {
  // Sending beside the scheduler of the running assistant could send a reminder twice.
  if (io.running && !opts.readOnly) throw new CliError(REMIND_RUN_WHILE_RUNNING);
  let config: Config;
  let now: Date;
  try {
    config = io.running?.app.config ?? loadConfig(io.env, resolve(".env"));
    now = parseNow(opts.now, config.REMINDER_TIME, new Date());
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
  return withCommandApp(
    io,
    {
      write: !opts.readOnly,
      ...(opts.now === undefined ? {} : { now: () => now }),
      busyHint:
        "Trợ lý đang chạy và tự gửi nhắc hạn theo lịch (REMINDER_TIME); không cần chạy lệnh này. Xem trước: npm run cli -- remind plan",
    },
    (app) => fn(app, config),
  );
}

function whenLabel(now: Date): string {
  const day = localDate(now);
  return `ngày ${formatViDate(day)} (${viWeekdayName(day)})`;
}

export const remindPlan: Command = {
  name: "remind plan",
  usage: "remind plan [--now <thời điểm>] [--json]",
  summary: "Xem trước các tin nhắc hạn sẽ gửi (không gửi)",
  options: { now: { type: "string" }, json: { type: "boolean" } },
  async run(args, io) {
    return withApp(
      io,
      { readOnly: true, ...(str(args, "now") ? { now: str(args, "now")! } : {}) },
      async (app, config) => {
        const now = app.now();
        const kb = app.knowledge();
        const plan = planReminders({
          now,
          knowledge: kb,
          users: app.store.state.users(),
          log: app.store.reminders,
          options: reminderOptionsFromConfig(config),
        });
        const items = remindersPreview(plan, kb);
        if (flag(args, "json")) {
          io.out(JSON.stringify(items, null, 2));
          return 0;
        }
        if (plan.reason === "not-working-day") {
          io.out(`${capitalize(whenLabel(now))} không phải ngày làm việc: không gửi nhắc hạn.`);
          return 0;
        }
        if (plan.reason === "before-time") {
          io.out(
            `Chưa đến giờ nhắc hạn (${config.REMINDER_TIME} ${whenLabel(now)}). Xem trước lần gửi đó: npm run cli -- remind plan --now ${localDate(now)}`,
          );
          return 0;
        }
        const lines: string[] = [];
        const messages = items.reduce((n, i) => n + i.recipients.length, 0);
        lines.push(
          messages || items.length
            ? `Nhắc hạn ${whenLabel(now)}, ${config.REMINDER_TIME}: ${messages} tin tới ${items.filter((i) => i.recipients.length).length} đơn vị.`
            : `Không có tin nhắc hạn nào cần gửi ${whenLabel(now)}.`,
        );
        for (const i of items) {
          const who = i.recipients.length
            ? i.recipients.map((r) => `${r.name} (${r.channel})`).join(", ")
            : "chưa có người nhận (chưa liên kết thủ trưởng, hoặc thủ trưởng đã chặn trợ lý)";
          lines.push(
            `- [${daysPhrase(i.kind, i.days)}] ${i.taskTitle} — ${i.unitName}, hạn ${formatViDate(i.dueDate)}: ${who}`,
          );
        }
        const late = plan.reminders.filter((r) => r.late).length;
        if (late) lines.push(`Trong đó ${late} tin gửi bù cho lần nhắc đã lỡ.`);
        const unreachable = new Set(plan.unreachable.map((u) => u.userId));
        if (unreachable.size)
          lines.push(
            `Không gửi được tới ${unreachable.size} người đã chặn trợ lý (xem: npm run cli -- remind unreachable).`,
          );
        io.out(lines.join("\n"));
        return 0;
      },
    );
  },
};

export const remindRun: Command = {
  name: "remind run",
  usage: "remind run [--now <thời điểm>]",
  summary: "Gửi ngay một lần các tin nhắc hạn đến hạn (qua kênh đã cấu hình)",
  options: { now: { type: "string" } },
  async run(args, io) {
    return withApp(
      io,
      { readOnly: false, ...(str(args, "now") ? { now: str(args, "now")! } : {}) },
      async (app, config) => {
        const senders = sendersFromConfig(config);
        if (Object.keys(senders).length === 0)
          throw new CliError(
            "Chưa cấu hình kênh gửi nào (TELEGRAM_BOT_TOKEN trống): không gửi được nhắc hạn. Xem trước: npm run cli -- remind plan",
          );
        const report = await runReminders({
          store: app.store,
          knowledge: app.knowledge(),
          senders,
          options: reminderOptionsFromConfig(config),
          now: () => app.now(),
          limiter: new SendLimiter(limiterOptionsFromConfig(config)),
          concurrency: config.REMINDER_CONCURRENCY,
        });
        const now = app.now();
        if (report.reason === "not-working-day") {
          io.out(`${capitalize(whenLabel(now))} không phải ngày làm việc: không gửi nhắc hạn.`);
          return 0;
        }
        if (report.reason === "before-time") {
          io.out(`Chưa đến giờ nhắc hạn (${config.REMINDER_TIME}): chưa gửi gì.`);
          return 0;
        }
        const lines = [
          `Đã gửi ${report.sent}/${report.planned} tin nhắc hạn${report.late ? ` (${report.late} tin gửi bù)` : ""}.`,
        ];
        if (report.recovered) lines.push(`Gửi lại ${report.recovered} tin của lần chạy bị gián đoạn trước.`);
        if (report.failed.length)
          lines.push(
            `Chưa gửi được ${report.failed.length} tin (lỗi mạng hoặc máy chủ); lần chạy sau sẽ gửi lại.`,
          );
        if (report.blocked.length) {
          lines.push(`Không liên lạc được ${report.blocked.length} người (đã đánh dấu):`);
          for (const b of report.blocked)
            lines.push(`- ${b.name ?? "Chưa rõ tên"}, ${app.knowledge().unit(b.unitId)?.name ?? b.unitId}`);
        }
        if (report.noChannel.length)
          lines.push(
            `${report.noChannel.length} tin dành cho kênh chưa cấu hình (${[...new Set(report.noChannel.map((n) => n.channel))].join(", ")}): chưa gửi.`,
          );
        io.out(lines.join("\n"));
        return report.failed.length ? 1 : 0;
      },
    );
  },
};

export const remindUnreachable: Command = {
  name: "remind unreachable",
  usage: "remind unreachable [--json] [--now <ISO>]",
  summary:
    "Ai và việc gì nhắc hạn không tới được: người đã chặn trợ lý hay chưa mở trò chuyện; nhiệm vụ không còn đơn vị chủ trì",
  options: { json: { type: "boolean" }, now: { type: "string" } },
  async run(args, io) {
    const now = str(args, "now");
    return withApp(io, { readOnly: true, ...(now ? { now } : {}) }, async (app, config) => {
      const kb = app.knowledge();
      const list = app.store.state.users().filter((u) => !u.reachable);
      const today = localDate(parseNow(now, config.REMINDER_TIME, new Date()));
      // Open tasks whose every lead unit has ended with no successor (issue 16): no head to remind.
      const orphans = tasksWithoutLead(kb, today);
      if (flag(args, "json")) {
        io.out(
          JSON.stringify(
            {
              people: list.map((u) => ({
                userId: u.id,
                channel: u.channel,
                name: u.name ?? null,
                unitId: u.unitId,
                unitName: kb.unit(u.unitId)?.name ?? u.unitId,
                role: u.role,
                reason: u.unreachableReason ?? null,
              })),
              tasksWithoutLead: orphans,
            },
            null,
            2,
          ),
        );
        return 0;
      }
      const lines: string[] = [];
      if (list.length === 0) lines.push("Mọi người đã liên kết đều nhận được tin của trợ lý.");
      else
        lines.push(
          `${list.length} người không nhận được nhắc hạn:`,
          ...list.map(
            (u) =>
              `- ${u.name ?? "Chưa rõ tên"} — ${ROLE_LABELS[u.role]}, ${kb.unit(u.unitId)?.name ?? u.unitId} (${u.channel}): ${u.unreachableReason ?? "không nhận được tin"}`,
          ),
          "Khi người đó nhắn lại cho trợ lý, họ sẽ tự được nhận nhắc hạn trở lại.",
        );
      if (orphans.length)
        lines.push(
          `${orphans.length} nhiệm vụ chưa xong không còn đơn vị chủ trì (đơn vị cũ đã kết thúc, nguồn không nêu đơn vị tiếp nhận); Tổ Giúp việc cần giao lại:`,
          ...orphans.map((o) => `- ${o.title} (trước đây: ${o.ended.join(", ")})`),
        );
      io.out(lines.join("\n"));
      return 0;
    });
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const remindCommands: Command[] = [remindPlan, remindRun, remindUnreachable];
