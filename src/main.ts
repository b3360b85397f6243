/**
 * `npm start`: every configured channel (Telegram when TELEGRAM_BOT_TOKEN is set, Zalo when
 * ZALO_BOT_TOKEN is set, side by side), the reminder jobs and the daily backup; with no channel
 * configured, the offline terminal chat on standard input.
 *
 * A wrong configuration prints the Vietnamese message naming the variable and exits 1, without a
 * stack trace. SIGINT/SIGTERM stop the channels, then close the store.
 */
import { resolve } from "node:path";
import type { Logger } from "pino";
import { type App, createApp, createLogger } from "./app/app.ts";
import { Assistant } from "./app/assistant.ts";
import { KnowledgeLoadError } from "./app/knowledge.ts";
import { runConsoleChat } from "./channels/console/chat.ts";
import { createReminderFeature } from "./channels/telegram/features/reminders.ts";
import { startTelegram, TelegramStartError } from "./channels/telegram/run.ts";
import { quotaWarningText } from "./channels/zalo/quota.ts";
import { zaloReminderHandlers } from "./channels/zalo/reminders.ts";
import { startZalo, ZaloStartError } from "./channels/zalo/run.ts";
import { backupDir } from "./cli/backup.ts";
import { type CliIo, nodeIo } from "./cli/io.ts";
import { sendersFromConfig } from "./cli/remind.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { ReminderAnswers } from "./reminders/answers.ts";
import { broadcast, secretariatTargets } from "./reminders/broadcast.ts";
import { ReminderPrompts } from "./reminders/prompts.ts";
import { startBackupJob } from "./scheduler/backup-job.ts";
import { startReminderJobs } from "./scheduler/reminder-jobs.ts";
import { StoreError } from "./store/errors.ts";

export interface MainOptions {
  io?: CliIo;
  /** Aborting it stops the channels (what SIGINT/SIGTERM do). */
  signal?: AbortSignal;
  dotenvPath?: string;
  /** Where logs go (JSON lines); default standard output, standard error for the terminal chat. */
  logDestination?: NodeJS.WritableStream;
  now?: () => Date;
}

/** A running channel, as main sees it. */
interface ChannelRunner {
  /** Settles when the channel has stopped; rejects when it failed for good. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Messages the operator can act on; anything else is unexpected. */
function expected(e: unknown): e is Error {
  return (
    e instanceof ConfigError ||
    e instanceof KnowledgeLoadError ||
    e instanceof StoreError ||
    e instanceof TelegramStartError ||
    e instanceof ZaloStartError
  );
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return signal.aborted
    ? Promise.resolve()
    : new Promise((r) => signal.addEventListener("abort", () => r(), { once: true }));
}

export async function main(opts: MainOptions = {}): Promise<number> {
  const io = opts.io ?? nodeIo;
  let config: Config;
  try {
    config = loadConfig(io.env, opts.dotenvPath ?? resolve(".env"));
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
  const channels = [
    ...(config.TELEGRAM_BOT_TOKEN ? ["telegram"] : []),
    ...(config.ZALO_BOT_TOKEN ? ["zalo"] : []),
  ];
  const consoleMode = channels.length === 0;
  const logger: Logger = createLogger(
    config,
    opts.logDestination ?? (consoleMode ? process.stderr : process.stdout),
  );

  let app: App | undefined;
  const runners: ChannelRunner[] = [];
  const jobs: (() => Promise<void>)[] = [];
  try {
    // The terminal chat only reads: it never takes the writer lock from a running bot.
    app = await createApp({ config, logger, readOnly: consoleMode, ...(opts.now ? { now: opts.now } : {}) });
    const stop = opts.signal ?? new AbortController().signal;
    if (consoleMode) {
      await Promise.race([runConsoleChat(app, io), waitForAbort(stop)]);
      return 0;
    }
    const assistant = new Assistant(app);
    const running = app;
    // Reminders go through every configured channel's sender; answers come back through the channel.
    const senders = sendersFromConfig(config);
    const answers = new ReminderAnswers(app, senders);
    // Follow-up questions (new date, reason, what help is needed) are shared by both channels.
    const prompts = new ReminderPrompts({ app, answers });
    if (config.TELEGRAM_BOT_TOKEN) {
      runners.push(
        await startTelegram({
          app,
          assistant,
          extraFeatures: [createReminderFeature({ app, assistant, answers, prompts })],
        }),
      );
    }
    if (config.ZALO_BOT_TOKEN) {
      const zalo = await startZalo(app, assistant, {
        ...zaloReminderHandlers(prompts),
        // The secretariat hears of the Zalo quota at 80 % and at the limit (by Telegram where it can).
        onQuotaWarning: (threshold, status) => {
          const text = quotaWarningText(threshold, status);
          running.logger.warn({ threshold, sent: status.sent, quota: status.quota }, "zalo quota");
          void broadcast(senders, secretariatTargets(running), {
            kind: "notice",
            title: "Hạn mức Zalo",
            lines: [text],
            actions: [],
          });
        },
      });
      senders.zalo = zalo.sender;
      runners.push(zalo);
    }
    jobs.push(startReminderJobs(app, senders));
    jobs.push(startBackupJob(app, backupDir(config)));
    // Until asked to stop, or until a channel fails for good.
    const failed = Promise.race(runners.map((r) => r.done)).then(
      () => 0,
      (e: unknown) => {
        io.err(e instanceof Error ? e.message : String(e));
        return 1;
      },
    );
    const code = await Promise.race([waitForAbort(stop).then(() => 0), failed]);
    logger.info("stopping");
    return code;
  } catch (e) {
    if (expected(e)) {
      io.err(e.message);
      return 1;
    }
    logger.error({ error: { type: (e as Error)?.name, message: (e as Error)?.message } }, "start failed");
    io.err(`Lỗi: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    for (const stopJob of jobs) await stopJob().catch(() => {});
    for (const r of runners) await r.stop().catch(() => {});
    await app?.close().catch(() => {});
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/main.ts");
if (isMain) {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`Nhận ${sig}: đang dừng…\n`);
    controller.abort();
    // Whatever happens, a stop request ends the process.
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  main({ signal: controller.signal })
    .then((code) => {
      process.exitCode = code;
      // Timers of libraries (rate limiter, retries) must not keep a stopped process alive.
      setTimeout(() => process.exit(code), 2000).unref();
    })
    .catch((e: unknown) => {
      process.stderr.write(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
