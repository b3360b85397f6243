/**
 * The composition root's parts: config → store → knowledge (shipped files + the secretariat's edits)
 * → answer engine, with a logger and a clock. Channels, the scheduler and the CLI all take an App.
 */
import { type Logger, pino } from "pino";
import type { Config } from "../config.ts";
import { type AnswerEngine, createAnswerEngine } from "../core/answers/engine.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import type { KnowledgeData } from "../core/knowledge/schema.ts";
import { openStore, type Store } from "../store/index.ts";
import { knowledgeWithEdits, readShippedKnowledge } from "./knowledge.ts";

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  /** The current time (injected: tests and `--now` control it). */
  now(): Date;
  /** The knowledge as it is now: shipped files with the secretariat's edits applied. */
  knowledge(): Knowledge;
  /** The engine for the current knowledge. */
  engine(): AnswerEngine;
  /** Rebuilds knowledge and engine after an edit (imports, chat edits, undo). */
  reloadKnowledge(): void;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  now?: () => Date;
  logger?: Logger;
  /** Open the store without the writer lock; writes are refused. */
  readOnly?: boolean;
  /** Use this knowledge instead of reading KNOWLEDGE_DIR (tests). */
  shipped?: KnowledgeData;
}

const SECRET_KEYS = [
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "ZALO_BOT_TOKEN",
  "ZALO_WEBHOOK_SECRET",
];

/** A logger that never prints secrets: the token is in Telegram/Zalo URLs, so URLs are redacted too. */
export function createLogger(config: Pick<Config, "LOG_LEVEL">, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        "token",
        "*.token",
        "url",
        "*.url",
        "secret_token",
        "*.secret_token",
        // The config's secrets, logged as a config object or as any object holding them.
        ...SECRET_KEYS,
        ...SECRET_KEYS.map((k) => `*.${k}`),
        "headers",
        "*.headers",
      ],
      censor: "[ẩn]",
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

export async function createApp(opts: CreateAppOptions): Promise<App> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config);
  const now = opts.now ?? (() => new Date());
  const shipped = opts.shipped ?? readShippedKnowledge(config);
  const store = await openStore({
    dataDir: config.DATA_DIR,
    clock: { now },
    readOnly: opts.readOnly ?? false,
  });
  let kb!: Knowledge;
  let engine!: AnswerEngine;
  const reload = () => {
    kb = knowledgeWithEdits(shipped, store.edits.overlay());
    engine = createAnswerEngine(kb);
  };
  reload();
  return {
    config,
    store,
    logger,
    now,
    knowledge: () => kb,
    engine: () => engine,
    reloadKnowledge: reload,
    close: () => store.close(),
  };
}

/**
 * The knowledge every entry point answers from (the bots, `ask`, `chat`, `kb list`, `kb export`,
 * `report`, `remind`): the shipped files with the secretariat's edits in DATA_DIR applied. Opens the
 * store read-only for the moment of reading.
 */
export async function loadCurrentKnowledge(config: Config, shipped?: KnowledgeData): Promise<Knowledge> {
  const store = await openStore({ dataDir: config.DATA_DIR, readOnly: true });
  try {
    return knowledgeWithEdits(shipped ?? readShippedKnowledge(config), store.edits.overlay());
  } finally {
    await store.close();
  }
}
