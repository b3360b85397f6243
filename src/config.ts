/**
 * The environment, validated once (zod). `.env` in the working directory is read if present.
 * A wrong value stops the program with a message that names the variable.
 * Every variable here is documented in .env.example and the README.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine((s) => /^https?:\/\/[^\s]+$/.test(s), "phải là địa chỉ http(s)://…")
    .optional(),
);
const bool = (def: boolean) =>
  z.preprocess(
    (v) => emptyToUndefined(v) ?? String(def),
    z
      .string()
      .trim()
      .toLowerCase()
      .refine(
        (s) => ["true", "false", "1", "0", "yes", "no", "có", "không"].includes(s),
        "phải là true hoặc false",
      )
      .transform((s) => ["true", "1", "yes", "có"].includes(s)),
  );
const int = (def: number, min: number, max: number) =>
  z.preprocess(
    (v) => emptyToUndefined(v) ?? String(def),
    z
      .string()
      .trim()
      .regex(/^\d+$/, "phải là số nguyên")
      .transform(Number)
      .refine((n) => n >= min && n <= max, `phải từ ${min} đến ${max}`),
  );
const intList = (def: string) =>
  z.preprocess(
    (v) => emptyToUndefined(v) ?? def,
    z
      .string()
      .trim()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "phải là danh sách số nguyên cách nhau bởi dấu phẩy, ví dụ 7,3,1,0")
      .transform((s) => s.split(",").map((x) => Number(x.trim()))),
  );
const idList = z.preprocess(
  (v) => emptyToUndefined(v) ?? "",
  z
    .string()
    .trim()
    .regex(/^(\s*-?\d+\s*(,\s*-?\d+\s*)*)?$/, "phải là danh sách mã số Telegram cách nhau bởi dấu phẩy")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
);

export const configSchema = z
  .object({
    DATA_DIR: z.preprocess((v) => emptyToUndefined(v) ?? "./data", z.string()),
    KNOWLEDGE_DIR: z.preprocess((v) => emptyToUndefined(v) ?? "./knowledge", z.string()),
    LOG_LEVEL: z.preprocess(
      (v) => emptyToUndefined(v) ?? "info",
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    ),
    BOT_ACCESS: z.preprocess((v) => emptyToUndefined(v) ?? "members", z.enum(["members", "open"])),
    TELEGRAM_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "không đúng dạng mã bot của BotFather (123456:ABC…)")
        .optional(),
    ),
    TELEGRAM_API_ROOT: optionalUrl,
    TELEGRAM_WEBHOOK_URL: optionalUrl,
    TELEGRAM_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "phải dài 16–256 ký tự, chỉ gồm chữ, số, _ và -")
        .optional(),
    ),
    PORT: int(8080, 1, 65535),
    /**
     * The address the webhook servers listen on: "127.0.0.1" behind a reverse proxy on the same machine
     * (the production guide's set-up), "0.0.0.0" (the default) to listen on every interface.
     */
    HOST: z.preprocess(
      (v) => (typeof v === "string" && v.trim() ? v.trim() : undefined),
      z
        .string()
        .regex(
          /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-fA-F:]+\]?|localhost)$/,
          "phải là một địa chỉ IP hoặc localhost",
        )
        .default("0.0.0.0"),
    ),
    /**
     * Port of a server answering GET /healthz alone (each channel's state), for polling mode; unset:
     * no such server. Webhook servers answer /healthz on their own port anyway. Listens on HOST.
     */
    HEALTH_PORT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d+$/, "phải là số nguyên")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 65535, "phải từ 1 đến 65535")
        .optional(),
    ),
    ADMIN_TELEGRAM_IDS: idList,
    LINK_CODE_TTL_DAYS: int(7, 1, 90),
    BACKUP_DIR: optionalString,
    BACKUP_KEEP: int(14, 1, 365),
    PUBLIC_BOT_USERNAME: optionalString,
    REMINDER_TIME: z.preprocess(
      (v) => emptyToUndefined(v) ?? "08:00",
      z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "phải có dạng HH:MM, ví dụ 08:00"),
    ),
    REMINDER_DAYS_BEFORE: intList("7,3,1"),
    REMINDER_OVERDUE_EVERY: int(3, 1, 30),
    REMINDER_OVERDUE_STOP_DAYS: int(90, 0, 3650),
    REMINDER_NOTIFY_DEPUTY: bool(false),
    REMINDER_NOTIFY_SUPPORT: bool(false),
    /** Working days without an answer before an overdue task is reported to the secretariat. */
    REMINDER_ESCALATE_AFTER: int(5, 1, 60),
    /** Also report it to the linked leaders (role leader: the committee's standing deputy head). */
    REMINDER_ESCALATE_TO_DEPUTY: bool(false),
    /** Pacing of reminder sends: messages per second overall (Telegram: about 30). */
    REMINDER_RATE_PER_SECOND: int(30, 1, 100),
    /** Pacing of reminder sends: milliseconds between two messages to the same chat (Telegram: 1000). */
    REMINDER_CHAT_INTERVAL_MS: int(1000, 0, 60_000),
    /** Reminder sends in flight at once (network latency is hidden by sending several). */
    REMINDER_CONCURRENCY: int(4, 1, 32),
    /**
     * Days the detail of finished reminder events is kept in the reminder log (src/store/reminder-log.ts):
     * a task's due date whose sends, answers and escalations are all older than this is dropped when the
     * log is compacted. 0 = keep everything. At least 90, so a series still being reminded is never cut.
     */
    REMINDER_LOG_RETENTION_DAYS: z.preprocess(
      (v) => emptyToUndefined(v) ?? "400",
      z
        .string()
        .trim()
        .regex(/^\d+$/, "phải là số nguyên")
        .transform(Number)
        .refine((n) => n === 0 || (n >= 90 && n <= 3650), "phải là 0 (giữ tất cả) hoặc từ 90 đến 3650"),
    ),
    // Leaders' overview colours (src/core/reports/overview.ts).
    /** Red when a unit has a task overdue by more than this many days. */
    OVERVIEW_RED_OVERDUE_DAYS: int(30, 0, 3650),
    /** Red when more than this percentage of a unit's tasks is overdue. */
    OVERVIEW_RED_OVERDUE_SHARE: int(20, 0, 100),
    /** Orange when a unit has a task due within this many days. */
    OVERVIEW_ORANGE_DUE_DAYS: int(7, 0, 365),
    // Zalo Bot Platform (src/channels/zalo): the channel runs when ZALO_BOT_TOKEN is set.
    ZALO_BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^[^\s:/?#%]+:[^\s/?#%]{8,}$/, "không đúng dạng mã bot Zalo (<bot_id>:<secret>)")
        .optional(),
    ),
    ZALO_API_ROOT: z.preprocess(
      (v) => emptyToUndefined(v) ?? "https://bot-api.zaloplatforms.com",
      z
        .string()
        .trim()
        .refine((s) => /^https?:\/\/[^\s]+$/.test(s), "phải là địa chỉ http(s)://…")
        .transform((s) => s.replace(/\/+$/, "")),
    ),
    ZALO_WEBHOOK_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .refine((s) => /^https:\/\/[^\s]+$/.test(s), "phải là địa chỉ https://… công khai")
        .optional(),
    ),
    ZALO_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,256}$/, "phải dài 8–256 ký tự, chỉ gồm chữ, số, _ và -")
        .optional(),
    ),
    ZALO_PORT: int(8081, 1, 65535),
    ZALO_MONTHLY_QUOTA: int(3000, 1, 100_000_000),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "bắt buộc khi đặt TELEGRAM_WEBHOOK_URL",
      });
    }
    if (c.ZALO_WEBHOOK_URL && !c.ZALO_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["ZALO_WEBHOOK_SECRET"],
        message: "bắt buộc khi đặt ZALO_WEBHOOK_URL",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses a .env file: KEY=value lines, # comments, optional quotes. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2] ?? "";
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? "";
    else value = value.replace(/\s+#.*$/, "");
    out[m[1] as string] = value;
  }
  return out;
}

/**
 * Validates an environment. Variables already set in `env` win over the .env file.
 * Throws ConfigError naming each wrong variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath = resolve(".env")): Config {
  const fromFile = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath, "utf8")) : {};
  const merged = { ...fromFile, ...env };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? "?")}: ${i.message}`));
  }
  return parsed.data;
}

/** Where the backups go: BACKUP_DIR, or DATA_DIR/backups. */
export function backupDir(config: Pick<Config, "BACKUP_DIR" | "DATA_DIR">): string {
  return config.BACKUP_DIR ?? join(config.DATA_DIR, "backups");
}

/** The config with secrets hidden, for logs and `--help`. */
export function redactConfig(c: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of [
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_WEBHOOK_SECRET",
    "ZALO_BOT_TOKEN",
    "ZALO_WEBHOOK_SECRET",
  ] as const) {
    if (out[k]) out[k] = "***";
  }
  return out;
}
