/**
 * The composition root's parts: config → store → knowledge (shipped files + the secretariat's edits)
 * → answer engine, with a logger and a clock. Channels, the scheduler and the CLI all take an App.
 */
import { type Logger, pino } from "pino";
import type { Config } from "../config.ts";
import { type AnswerEngine, createAnswerEngine } from "../core/answers/engine.ts";
import { Knowledge } from "../core/knowledge/model.ts";
import type { KnowledgeData } from "../core/knowledge/schema.ts";
import { openStore, type Store } from "../store/index.ts";
import { describeSetAside, EDITS_FILE, type SetAsideEdit } from "../store/knowledge-edits.ts";
import { applyEditsThatLoad, readShippedKnowledge } from "./knowledge.ts";

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
  /**
   * The secretariat's edits left out of the knowledge because they do not load (a hand edit, a bug):
   * the whole file when it cannot be read, or each entry with its reason. They stay in the file;
   * writes to them are refused until a person repairs them (`kb undo`, the file, a backup).
   */
  knowledgeProblems(): readonly SetAsideEdit[];
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

/** What the app needs of a knowledge; throws when it cannot be built (the edits are then searched). */
function buildKnowledge(data: KnowledgeData): { kb: Knowledge; engine: AnswerEngine } {
  const kb = new Knowledge(data);
  return { kb, engine: createAnswerEngine(kb) };
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
    // Old finished reminder detail dropped by the background compaction; a damaged log line is logged.
    reminderLog: { retentionDays: config.REMINDER_LOG_RETENTION_DAYS },
    onWarning: (w) => logger.warn({ code: w.code, file: w.file, lines: w.lines }, w.message),
  });
  let kb!: Knowledge;
  let engine!: AnswerEngine;
  let problems: SetAsideEdit[] = [];
  const reload = () => {
    // The store's entities themselves (frozen), not a copy: one copy of a large overlay, not two.
    const loaded = applyEditsThatLoad(shipped, store.edits.sharedOverlay(), buildKnowledge);
    kb = loaded.built.kb;
    engine = loaded.built.engine;
    store.edits.noteUnloadable(loaded.setAside);
    problems = [...store.edits.problems(), ...loaded.setAside];
  };
  try {
    reload();
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
  logKnowledgeProblems(logger, problems);
  return {
    config,
    store,
    logger,
    now,
    knowledge: () => kb,
    engine: () => engine,
    reloadKnowledge: reload,
    knowledgeProblems: () => problems,
    close: () => store.close(),
  };
}

/** Each set-aside edit at error level, in Vietnamese (collection, id, reason as fields too). */
export function logKnowledgeProblems(logger: Logger, problems: readonly SetAsideEdit[]): void {
  if (problems.length === 0) return;
  for (const p of problems) {
    logger.error(
      { collection: p.collection, id: p.id, reason: p.reason },
      `Chỉnh sửa bị gác lại (không nạp được, vẫn giữ trong ${EDITS_FILE}): ${describeSetAside(p)}`,
    );
  }
  logger.error(
    { setAside: problems.length },
    `Trợ lý chạy trên cơ sở tri thức gốc cùng các chỉnh sửa nạp được; ${problems.length} chỉnh sửa bị gác lại. ` +
      "Xem: npm run cli -- kb check; sửa bằng kb undo, sửa tệp hoặc khôi phục bản sao lưu.",
  );
}

/**
 * The short notice the secretariat gets in chat once at start when edits were set aside, or
 * undefined when there are none.
 */
export function knowledgeProblemsNotice(
  problems: readonly SetAsideEdit[],
): { title: string; lines: string[] } | undefined {
  if (problems.length === 0) return undefined;
  const MAX = 5;
  const whole = problems.find((p) => p.collection === "file");
  const lines = whole
    ? [
        `Tệp chỉnh sửa ${EDITS_FILE} không đọc được: trợ lý đang trả lời theo cơ sở tri thức gốc, không dùng chỉnh sửa nào của Tổ Giúp việc, và tạm thời không nhận chỉnh sửa mới.`,
        "Cách xử lý: xem chi tiết bằng “npm run cli -- kb check”; sửa tệp hoặc khôi phục bản sao lưu (“npm run cli -- backup restore <tệp>”), rồi khởi động lại trợ lý.",
      ]
    : [
        `Trợ lý đã khởi động, nhưng gác lại ${problems.length} chỉnh sửa không nạp được (vẫn giữ nguyên trong ${EDITS_FILE}, các chỉnh sửa khác vẫn áp dụng):`,
        ...problems.slice(0, MAX).map((p) => `• ${shorten(describeSetAside(p), 200)}`),
        ...(problems.length > MAX ? [`• … và ${problems.length - MAX} mục khác.`] : []),
        "Cách xử lý: xem chi tiết bằng “npm run cli -- kb check”; hoàn tác thay đổi gây lỗi bằng /hoantac (hoặc “kb undo” khi trợ lý dừng); sửa tệp; hoặc khôi phục bản sao lưu (“backup restore”).",
      ];
  return { title: "Chỉnh sửa cơ sở tri thức bị gác lại", lines };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The knowledge every entry point answers from (the bots, `ask`, `chat`, `kb list`, `kb export`,
 * `report`, `remind`): the shipped files with the secretariat's edits in DATA_DIR applied. Opens the
 * store read-only for the moment of reading.
 */
export async function loadCurrentKnowledge(config: Config, shipped?: KnowledgeData): Promise<Knowledge> {
  return (await loadCurrentKnowledgeWithProblems(config, shipped)).knowledge;
}

/** As `loadCurrentKnowledge`, with the edits set aside because they do not load (`kb check`). */
export async function loadCurrentKnowledgeWithProblems(
  config: Config,
  shipped?: KnowledgeData,
): Promise<{ knowledge: Knowledge; problems: SetAsideEdit[] }> {
  const store = await openStore({ dataDir: config.DATA_DIR, readOnly: true });
  try {
    // The same test as the assistant's (engine included), so the same edits are set aside.
    const loaded = applyEditsThatLoad(
      shipped ?? readShippedKnowledge(config),
      store.edits.sharedOverlay(),
      buildKnowledge,
    );
    return { knowledge: loaded.built.kb, problems: [...store.edits.problems(), ...loaded.setAside] };
  } finally {
    await store.close();
  }
}
