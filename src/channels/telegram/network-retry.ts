/**
 * Network errors (Telegram unreachable: DNS, refused, reset, timeout) retried a bounded number of times,
 * each logged. auto-retry retries them forever (its attempt limit covers 429 and 5xx only), which made
 * `npm start` hang silently for minutes when the API root could not be reached; with this transformer
 * the error surfaces after a few attempts and start-up says it cannot connect.
 *
 * A call made with a signal from `withoutNetworkRetry` is tried once: at start-up the channel
 * supervisor (src/channels/supervise.ts) retries getMe itself, reports each failure at once and backs off.
 */
import { HttpError, type Transformer } from "grammy";

export interface NetworkRetryOptions {
  /** Retries after the first attempt. */
  attempts: number;
  /** Delay before the first retry; doubled after each one. */
  delayMs: number;
  onRetry?: (info: { method: string; attempt: number; delayMs: number; message: string }) => void;
}

export const DEFAULT_NETWORK_RETRY: NetworkRetryOptions = { attempts: 3, delayMs: 2_000 };

const tryOnce = new WeakSet<object>();

/** A signal whose calls are not retried here (their caller retries). */
export function withoutNetworkRetry(signal: AbortSignal): AbortSignal {
  tryOnce.add(signal);
  return signal;
}

function pause(
  ms: number,
  signal?: { addEventListener(type: "abort", cb: () => void): void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(new Error("aborted"));
    });
  });
}

export function networkRetry(opts: NetworkRetryOptions = DEFAULT_NETWORK_RETRY): Transformer {
  return async (prev, method, payload, signal) => {
    if (signal && tryOnce.has(signal)) return prev(method, payload, signal);
    let delay = opts.delayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (e) {
        if (!(e instanceof HttpError) || attempt > opts.attempts || signal?.aborted) throw e;
        opts.onRetry?.({ method, attempt, delayMs: delay, message: e.message });
        await pause(delay, signal);
        delay *= 2;
      }
    }
  };
}
