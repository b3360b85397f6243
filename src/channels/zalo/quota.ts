/**
 * The monthly message quota of the Zalo bot (free plan: reported as 3,000 messages a month,
 * unconfirmed: ZALO_MONTHLY_QUOTA).
 *
 * Every message the bot sends (answers and reminders) is counted per calendar month of
 * Asia/Ho_Chi_Minh in the store's settings, key "zalo.sent.YYYY-MM". When Zalo itself answers
 * 429 "Quota exceeded", the month is marked used up ("zalo.exhausted.YYYY-MM") whatever our count.
 * The secretariat is to be warned once at 80 % and once at the limit: `onWarning` is called when a
 * send crosses a threshold, once per threshold and month ("zalo.quotaWarned.YYYY-MM").
 */
import { localDate } from "../../core/time.ts";
import type { SettingsStore } from "./memory.ts";

export const WARN_RATIO = 0.8;

export type QuotaThreshold = "80%" | "limit";

export interface QuotaStatus {
  /** "YYYY-MM" (Asia/Ho_Chi_Minh). */
  month: string;
  sent: number;
  quota: number;
  remaining: number;
  /** Whole percent of the quota used (may pass 100). */
  percent: number;
  /** At or above 80 %: time to warn the secretariat. */
  warn: boolean;
  /** The quota is used up (our count, or Zalo said so): reminders must go by Telegram. */
  atLimit: boolean;
  /** Zalo answered 429 "Quota exceeded" this month. */
  exhaustedByZalo: boolean;
}

export interface ZaloQuotaOptions {
  /** The store's settings; writes are skipped when `readOnly` (counted in memory only). */
  settings: SettingsStore;
  quota: number;
  now: () => Date;
  readOnly?: boolean;
  onWarning?: (threshold: QuotaThreshold, status: QuotaStatus) => void;
  onError?: (e: unknown) => void;
}

export const sentKey = (month: string) => `zalo.sent.${month}`;
export const exhaustedKey = (month: string) => `zalo.exhausted.${month}`;
export const warnedKey = (month: string) => `zalo.quotaWarned.${month}`;

export class ZaloQuota {
  readonly #o: ZaloQuotaOptions;
  /** Used when the store is read-only. */
  readonly #memory = new Map<string, unknown>();
  #chain: Promise<unknown> = Promise.resolve();

  constructor(opts: ZaloQuotaOptions) {
    this.#o = opts;
  }

  get quota(): number {
    return this.#o.quota;
  }

  month(): string {
    return localDate(this.#o.now()).slice(0, 7);
  }

  #get(key: string): unknown {
    return this.#o.readOnly ? this.#memory.get(key) : this.#o.settings.getSetting(key);
  }

  async #set(key: string, value: number | boolean | string[]): Promise<void> {
    if (this.#o.readOnly) this.#memory.set(key, value);
    else await this.#o.settings.setSetting(key, value);
  }

  status(): QuotaStatus {
    const month = this.month();
    const raw = this.#get(sentKey(month));
    const sent = typeof raw === "number" && raw >= 0 ? raw : 0;
    const quota = this.#o.quota;
    const exhaustedByZalo = this.#get(exhaustedKey(month)) === true;
    return {
      month,
      sent,
      quota,
      remaining: exhaustedByZalo ? 0 : Math.max(0, quota - sent),
      percent: Math.floor((sent * 100) / quota),
      warn: exhaustedByZalo || sent >= quota * WARN_RATIO,
      atLimit: exhaustedByZalo || sent >= quota,
      exhaustedByZalo,
    };
  }

  /** Whether `parts` more messages fit in this month's quota. */
  canSend(parts = 1): boolean {
    return this.status().remaining >= parts;
  }

  /** Serialised so that concurrent sends never lose a count. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(fn, fn);
    this.#chain = next.catch(() => {});
    return next;
  }

  /** Counts messages Zalo accepted; warns when a threshold is crossed. */
  record(parts = 1): Promise<QuotaStatus> {
    return this.#serial(async () => {
      const before = this.status();
      try {
        await this.#set(sentKey(before.month), before.sent + parts);
      } catch (e) {
        this.#o.onError?.(e);
      }
      const after = this.status();
      await this.#warnIfCrossed(after);
      return after;
    });
  }

  /** Zalo answered 429 "Quota exceeded": nothing more is sent this month. */
  markExhausted(): Promise<QuotaStatus> {
    return this.#serial(async () => {
      const month = this.month();
      if (this.#get(exhaustedKey(month)) !== true) {
        try {
          await this.#set(exhaustedKey(month), true);
        } catch (e) {
          this.#o.onError?.(e);
        }
      }
      const after = this.status();
      await this.#warnIfCrossed(after);
      return after;
    });
  }

  /** Thresholds already warned about this month. */
  warned(): QuotaThreshold[] {
    const raw = this.#get(warnedKey(this.month()));
    return Array.isArray(raw) ? raw.filter((x): x is QuotaThreshold => x === "80%" || x === "limit") : [];
  }

  async #warnIfCrossed(s: QuotaStatus): Promise<void> {
    const due: QuotaThreshold[] = [];
    const warned = this.warned();
    if (s.warn && !warned.includes("80%")) due.push("80%");
    if (s.atLimit && !warned.includes("limit")) due.push("limit");
    if (!due.length) return;
    try {
      await this.#set(warnedKey(s.month), [...warned, ...due]);
    } catch (e) {
      this.#o.onError?.(e);
    }
    // Reaching the limit in one step says both; only the stronger warning is given.
    const threshold = due.includes("limit") ? "limit" : "80%";
    try {
      this.#o.onWarning?.(threshold, s);
    } catch (e) {
      this.#o.onError?.(e);
    }
  }
}

/** The warning for the secretariat, in Vietnamese. */
export function quotaWarningText(threshold: QuotaThreshold, s: QuotaStatus): string {
  const [y, m] = s.month.split("-");
  const month = `${m}/${y}`;
  if (threshold === "limit") {
    return `Kênh Zalo đã dùng hết hạn mức tin nhắn tháng ${month} (${s.sent}/${s.quota} tin${s.exhaustedByZalo ? ", Zalo đã báo hết hạn mức" : ""}). Từ nay đến hết tháng, nhắc hạn chỉ gửi qua Telegram; cán bộ chỉ dùng Zalo sẽ không nhận được nhắc hạn.`;
  }
  return `Kênh Zalo đã dùng ${s.percent}% hạn mức tin nhắn tháng ${month} (${s.sent}/${s.quota} tin). Khi hết hạn mức, nhắc hạn sẽ chỉ gửi qua Telegram.`;
}
