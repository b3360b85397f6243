/**
 * A clock for the channel supervisor (src/channels/supervise.ts) that only moves when the test says so:
 * `sleep` waits for `advance`, `waitForSleep(ms)` waits (in real time) until the code under test sleeps.
 */
import type { Clock } from "../../src/channels/supervise.ts";

interface PendingSleep {
  at: number;
  ms: number;
  wake: () => void;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export class FakeClock implements Clock {
  #now: number;
  readonly #sleeps: PendingSleep[] = [];

  constructor(start = Date.parse("2023-06-01T02:00:00.000Z")) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const entry: PendingSleep = {
        at: this.#now + ms,
        ms,
        wake: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#remove(entry);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#sleeps.push(entry);
    });
  }

  /** Durations of the sleeps now pending. */
  get pending(): number[] {
    return this.#sleeps.map((s) => s.ms);
  }

  /** Moves time forward, waking the sleeps that fall due (in order), letting promises run between. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#sleeps.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#remove(next);
      this.#now = next.at;
      next.wake();
      for (let i = 0; i < 5; i++) await tick();
    }
    this.#now = end;
  }

  /** Waits in real time (at most `timeoutMs`) until a sleep of `ms` is pending. */
  async waitForSleep(ms: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.pending.includes(ms)) {
      if (Date.now() > deadline) throw new Error(`no sleep of ${ms} ms pending (pending: ${this.pending})`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  #remove(s: PendingSleep): void {
    const i = this.#sleeps.indexOf(s);
    if (i >= 0) this.#sleeps.splice(i, 1);
  }
}

/** Waits in real time (at most `timeoutMs`) until `check` holds. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
