/**
 * `npm start`: every configured channel (Telegram when TELEGRAM_BOT_TOKEN is set, Zalo when
 * ZALO_BOT_TOKEN is set, side by side), the reminder jobs and the daily backup; with no channel
 * configured, the offline terminal chat on standard input.
 *
 * A wrong configuration prints the Vietnamese message naming the variable and exits 1, without a
 * stack trace. SIGINT/SIGTERM stop the channels, then close the store.
 *
 * Start-up logs each step (configuration, store, knowledge, each channel connecting/connected, jobs).
 * A channel whose API cannot be reached never stops the others: it is reported on standard error
 * (src/channels/supervise.ts), retried with back-off, and /healthz (HEALTH_PORT, or the webhook
 * servers) shows each channel's state. A token Telegram refuses (401) or a conflict (409) still ends
 * the process with its message.
 */

import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Logger } from "pino";
import { type App, createApp, createLogger, knowledgeProblemsNotice } from "./app/app.ts";
import { Assistant } from "./app/assistant.ts";
import { KnowledgeLoadError } from "./app/knowledge.ts";
import { parseConsoleAs, runConsoleChat } from "./channels/console/chat.ts";
import { processIo, type TerminalIo } from "./channels/console/terminal-io.ts";
import {
  ChannelHealth,
  ChannelMonitor,
  type ChannelName,
  ChannelStopped,
  type Clock,
  type HealthServer,
  startHealthServer,
  systemClock,
} from "./channels/supervise.ts";
import { startTelegram, TelegramStartError } from "./channels/telegram/run.ts";
import { sendersFromConfig } from "./channels/telegram/sender.ts";
import { quotaWarningText } from "./channels/zalo/quota.ts";
import { startZalo, ZaloStartError } from "./channels/zalo/run.ts";
import { backupDir, type Config, ConfigError, loadConfig } from "./config.ts";
import { type ControlServer, startControlServer } from "./control/server.ts";
import { attachReminders } from "./conversation/reminders.ts";
import { ReminderAnswers } from "./notifier/answers.ts";
import { broadcast, secretariatTargets } from "./notifier/broadcast.ts";
import { ReminderPrompts } from "./notifier/prompts.ts";
import { startBackupJob } from "./scheduler/backup-job.ts";
import { startReminderJobs } from "./scheduler/reminder-jobs.ts";
import { StoreError } from "./store/errors.ts";

export interface MainOptions {
  io?: TerminalIo;
  /** Aborting it stops the channels (what SIGINT/SIGTERM do). */
  signal?: AbortSignal;
  dotenvPath?: string;
  /** Where logs go (JSON lines); default standard output, standard error for the terminal chat. */
  logDestination?: NodeJS.WritableStream;
  now?: () => Date;
  /** Time of the channel supervision (retries, reports); tests move it by hand. */
  clock?: Clock;
  /** The command line after `npm start --` (default process.argv): `--as <vai>` for the terminal chat. */
  argv?: string[];
}

/** What the operator reads when Zalo refuses the token (the channel stops, the others keep running). */
export const ZALO_REFUSED_TEXT =
  "Zalo từ chối mã bot (401 Unauthorized): kênh Zalo đã dừng, các kênh khác vẫn chạy. Hãy kiểm tra ZALO_BOT_TOKEN trong .env rồi khởi động lại.";

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
  const io = opts.io ?? processIo;
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

  // Start-up steps: info for the bots; debug in the terminal chat, whose logs share the screen.
  const step = (fields: Record<string, unknown>, msg: string) =>
    consoleMode ? logger.debug(fields, msg) : logger.info(fields, msg);
  step(
    { channels, dataDir: resolve(config.DATA_DIR), knowledgeDir: resolve(config.KNOWLEDGE_DIR) },
    "configuration loaded",
  );

  let app: App | undefined;
  const runners: ChannelRunner[] = [];
  const jobs: (() => Promise<void>)[] = [];
  let healthServer: HealthServer | undefined;
  let control: ControlServer | undefined;
  // Ends the channels' connection attempts: on a stop request, or when start-up fails.
  const starting = new AbortController();
  try {
    // The terminal chat only reads: it never takes the writer lock from a running bot.
    app = await createApp({ config, logger, readOnly: consoleMode, ...(opts.now ? { now: opts.now } : {}) });
    step({ dataDir: resolve(config.DATA_DIR), readOnly: consoleMode }, "store opened");
    const kb = app.knowledge().data;
    step(
      { units: kb.units.length, documents: kb.documents.length, tasks: kb.tasks.length },
      "knowledge loaded",
    );
    const stop = opts.signal ?? new AbortController().signal;
    if (stop.aborted) starting.abort();
    else stop.addEventListener("abort", () => starting.abort(), { once: true });
    // Edits set aside because they do not load (each logged at error level by createApp): the
    // secretariat is told once, here; in the terminal chat, the operator reads it on standard error.
    const problemsNotice = knowledgeProblemsNotice(app.knowledgeProblems());
    if (consoleMode) {
      if (problemsNotice) io.err([problemsNotice.title, ...problemsNotice.lines].join("\n"));
      // "npm start -- --as leader": the terminal chat as a leader, an admin or a unit's head.
      const argv = opts.argv ?? process.argv.slice(2);
      const asAt = argv.findIndex((a) => a === "--as" || a.startsWith("--as="));
      const asValue =
        asAt < 0 ? undefined : argv[asAt]!.startsWith("--as=") ? argv[asAt]!.slice(5) : argv[asAt + 1];
      const as =
        asValue === undefined
          ? undefined
          : parseConsoleAs(
              asValue,
              app.knowledge().data.units.map((u) => u.id),
            );
      if (typeof as === "string") {
        io.err(as);
        return 2;
      }
      await Promise.race([runConsoleChat(app, io, as ? { as } : {}), waitForAbort(stop)]);
      return 0;
    }
    const assistant = new Assistant(app);
    const running = app;
    // The CLI's write commands run here while the assistant holds the writer lock (src/control/).
    control = await startControlServer({ app, assistant, env: io.env }).catch((e: unknown) => {
      logger.warn(
        { error: { type: (e as Error)?.name, message: (e as Error)?.message } },
        "control endpoint not started: CLI write commands need the assistant stopped",
      );
      return undefined;
    });
    if (control) step({ socket: control.socketPath }, "control endpoint listening");
    // Reminders go through every configured channel's sender; answers come back through the channel.
    const senders = sendersFromConfig(config);
    const answers = new ReminderAnswers(app, senders);
    // Follow-up questions (new date, reason, what help is needed) are shared by both channels.
    attachReminders(assistant, new ReminderPrompts({ app, answers }));

    // Each channel's connection state: what the operator is told, what /healthz answers.
    const health = new ChannelHealth();
    const clock = opts.clock ?? systemClock;
    const monitor = (name: ChannelName) =>
      health.add(new ChannelMonitor(name, { report: (text) => io.err(text), log: logger, clock }));
    const telegramMonitor = config.TELEGRAM_BOT_TOKEN ? monitor("telegram") : undefined;
    const zaloMonitor = config.ZALO_BOT_TOKEN ? monitor("zalo") : undefined;
    // Webhook servers answer /healthz on their own port; HEALTH_PORT adds one (polling mode).
    const webhookPorts = [
      ...(config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_WEBHOOK_URL ? [config.PORT] : []),
      ...(config.ZALO_BOT_TOKEN && config.ZALO_WEBHOOK_URL ? [config.ZALO_PORT] : []),
    ];
    if (config.HEALTH_PORT !== undefined && !webhookPorts.includes(config.HEALTH_PORT)) {
      const port = config.HEALTH_PORT;
      healthServer = await startHealthServer({ health, port, host: config.HOST }).catch((e: unknown) => {
        const code = (e as { code?: unknown })?.code;
        throw new ConfigError([
          `HEALTH_PORT: không mở được cổng ${port}${typeof code === "string" ? ` (${code})` : ""}; hãy chọn cổng khác hoặc dừng chương trình đang dùng cổng này.`,
        ]);
      });
      step({ port: healthServer.port, host: config.HOST }, "health check listening");
    }

    if (telegramMonitor) {
      const started = startTelegram({
        app,
        assistant,
        health,
        supervise: { monitor: telegramMonitor, signal: starting.signal, clock },
      });
      const done = started.then(
        (r) => r.done,
        (e: unknown) => {
          if (!(e instanceof ChannelStopped)) throw e;
        },
      );
      // Handled by whoever waits (below, or the race at the end); never an unhandled rejection.
      done.catch(() => {});
      runners.push({
        done,
        async stop() {
          starting.abort();
          const r = await started.catch(() => undefined);
          await r?.stop();
        },
      });
      // A refused token (401) or a conflict (409) ends start-up here, before the jobs start; an
      // unreachable Telegram does not hold the rest: it is reported and retried in the background.
      const first = await Promise.race([
        telegramMonitor.settled.then(() => undefined),
        started.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ]);
      if (first !== undefined && !(first instanceof ChannelStopped)) throw first;
      if (stop.aborted) return 0;
    }
    if (zaloMonitor) {
      const zalo = await startZalo(app, assistant, {
        connection: zaloMonitor,
        health,
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
      void zalo.disabled.then(() => {
        zaloMonitor.failed("Zalo từ chối mã bot (401)");
        io.err(ZALO_REFUSED_TEXT);
      });
    }
    jobs.push(startReminderJobs(app, senders));
    jobs.push(startBackupJob(app, backupDir(config)));
    step({ reminderTime: config.REMINDER_TIME, backupDir: resolve(backupDir(config)) }, "jobs started");
    if (problemsNotice) {
      void broadcast(
        senders,
        secretariatTargets(app),
        { kind: "notice", ...problemsNotice, actions: [] },
        { signal: starting.signal },
      ).catch(() => {});
    }
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
    starting.abort();
    for (const stopJob of jobs) await stopJob().catch(() => {});
    for (const r of runners) await r.stop().catch(() => {});
    await healthServer?.close().catch(() => {});
    // A forwarded command still running finishes before the store closes.
    await control?.close().catch(() => {});
    await app?.close().catch(() => {});
  }
}

// Run directly (node dist/…js, tsx src/main.ts), not imported by a test.
// Node loads the main module by its real path: a path through a symlink (a linked install folder) counts too.
const startedAs = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};
const isMain =
  process.argv[1] !== undefined &&
  (import.meta.url === pathToFileURL(startedAs(process.argv[1])).href ||
    process.argv[1].endsWith("src/main.ts"));
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
