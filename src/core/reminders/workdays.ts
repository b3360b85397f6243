/**
 * Working-day arithmetic fast enough for planning thousands of tasks at once.
 *
 * Same rules as core/deadlines/calendar.ts (Monday–Friday, minus the knowledge base's holidays; a
 * Saturday is never a working day), and the same results (the tests compare them), but counting
 * working days between two dates is O(log holidays) instead of a day-by-day loop: a task overdue
 * since 2023 must not cost a thousand iterations per plan.
 */
const DAY_MS = 86_400_000;
const MAX_SCAN_DAYS = 3660;

/** Weekdays (Mon–Fri) among the day numbers [0, y) after shifting so that 0 is a Sunday. */
function weekdaysBelow(y: number): number {
  const weeks = Math.floor(y / 7);
  const r = y - weeks * 7; // 0..6
  return weeks * 5 + Math.max(0, Math.min(r, 6) - 1);
}

export class WorkCalendar {
  /** Day numbers (days since 1970-01-01) of the holidays that fall on a weekday, sorted. */
  readonly #holidayNums: number[];
  readonly #holidays: ReadonlySet<string>;
  readonly #cache = new Map<string, number>();
  readonly #isoCache = new Map<number, string>();

  constructor(holidays: Iterable<string>) {
    this.#holidays = new Set(holidays);
    const nums = new Set<number>();
    for (const h of this.#holidays) {
      const n = this.dayNumber(h);
      if (isWeekdayNumber(n)) nums.add(n);
    }
    this.#holidayNums = [...nums].sort((a, b) => a - b);
  }

  get holidays(): ReadonlySet<string> {
    return this.#holidays;
  }

  /** Days since 1970-01-01 of an ISO calendar day (cached: due dates repeat). */
  dayNumber(iso: string): number {
    let n = this.#cache.get(iso);
    if (n === undefined) {
      const y = Number(iso.slice(0, 4));
      const m = Number(iso.slice(5, 7));
      const d = Number(iso.slice(8, 10));
      if (iso.length !== 10 || !y || !m || !d) throw new RangeError(`not an ISO calendar date: ${iso}`);
      n = Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
      if (this.#cache.size > 100_000) this.#cache.clear();
      this.#cache.set(iso, n);
    }
    return n;
  }

  /** The ISO day of a day number (cached). */
  isoOf(n: number): string {
    let s = this.#isoCache.get(n);
    if (s === undefined) {
      s = new Date(n * DAY_MS).toISOString().slice(0, 10);
      if (this.#isoCache.size > 100_000) this.#isoCache.clear();
      this.#isoCache.set(n, s);
      if (!this.#cache.has(s)) this.#cache.set(s, n);
    }
    return s;
  }

  /** `iso` moved by n calendar days. */
  addDays(iso: string, n: number): string {
    return n === 0 ? iso : this.isoOf(this.dayNumber(iso) + n);
  }

  /** b − a in calendar days. */
  diffDays(a: string, b: string): number {
    return this.dayNumber(b) - this.dayNumber(a);
  }

  isWorkingDay(iso: string): boolean {
    const n = this.dayNumber(iso);
    return isWeekdayNumber(n) && !this.#holidays.has(iso);
  }

  /** `iso` when it is a working day, else the last working day before it. */
  onOrBefore(iso: string): string {
    return this.#scan(iso, -1);
  }

  /** `iso` when it is a working day, else the next working day. */
  onOrAfter(iso: string): string {
    return this.#scan(iso, 1);
  }

  #scan(iso: string, step: 1 | -1): string {
    let n = this.dayNumber(iso);
    let d = iso;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      if (isWeekdayNumber(n) && !this.#holidays.has(d)) return d;
      n += step;
      d = this.isoOf(n);
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${iso}`);
  }

  /**
   * Working days in (a, b] when b is after a, negated for (b, a] when b is before a; 0 when equal.
   * Same as calendar.ts `workingDaysBetween`.
   */
  workingDaysBetween(a: string, b: string): number {
    const na = this.dayNumber(a);
    const nb = this.dayNumber(b);
    if (na === nb) return 0;
    const [lo, hi, sign] = na < nb ? [na, nb, 1] : [nb, na, -1];
    // (lo, hi] = [lo + 1, hi + 1); day number 0 (1970-01-01) is a Thursday: shift by 4 so 0 is a Sunday.
    const weekdays = weekdaysBelow(hi + 1 + 4) - weekdaysBelow(lo + 1 + 4);
    const holidays = countIn(this.#holidayNums, lo + 1, hi + 1);
    return sign * (weekdays - holidays);
  }

  /** Moves by n working days (n > 0 after, n < 0 before; `iso` itself not counted). Loops |n| days. */
  addWorkingDays(iso: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
    let d = iso;
    const step = n > 0 ? 1 : -1;
    for (let k = 0; k < Math.abs(n); k++) {
      let i = 0;
      do {
        d = this.addDays(d, step);
        if (++i > MAX_SCAN_DAYS) throw new RangeError(`no working day near ${iso}`);
      } while (!this.isWorkingDay(d));
    }
    return d;
  }
}

function isWeekdayNumber(n: number): boolean {
  const wd = (((n + 4) % 7) + 7) % 7; // 0 = Sunday
  return wd !== 0 && wd !== 6;
}

/** How many sorted numbers are in [from, to). */
function countIn(sorted: readonly number[], from: number, to: number): number {
  return lowerBound(sorted, to) - lowerBound(sorted, from);
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
