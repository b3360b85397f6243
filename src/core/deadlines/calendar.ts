/**
 * Working days: Monday to Friday, except public holidays (ngày nghỉ lễ, Tết, and the days off moved by
 * the Government, all listed in the knowledge base's `holidays`). Calendar days are ISO "YYYY-MM-DD".
 * Make-up working Saturdays (ngày làm bù) are not modelled: a Saturday is never a working day.
 */
import type { Holiday } from "../knowledge/schema.ts";
import { addDays, weekday } from "../time.ts";

/** The set of holiday dates, for the functions below. */
export function holidaySet<H extends Pick<Holiday, "date">>(holidays: readonly H[]): Set<string> {
  return new Set(holidays.map((h) => h.date));
}

/** Monday–Friday and not a holiday. */
export function isWorkingDay(iso: string, holidays: ReadonlySet<string>): boolean {
  const wd = weekday(iso);
  return wd !== 0 && wd !== 6 && !holidays.has(iso);
}

/** Guard against a holiday list that would make every day a day off. */
const MAX_SCAN_DAYS = 3660;

/** The first working day strictly after `iso`. */
export function nextWorkingDay(iso: string, holidays: ReadonlySet<string>): string {
  let d = iso;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) return d;
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${iso}`);
}

/** The last working day strictly before `iso`. */
export function previousWorkingDay(iso: string, holidays: ReadonlySet<string>): string {
  let d = iso;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, -1);
    if (isWorkingDay(d, holidays)) return d;
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days before ${iso}`);
}

/** `iso` itself when it is a working day, else the next one (a due date falling on a day off). */
export function workingDayOnOrAfter(iso: string, holidays: ReadonlySet<string>): string {
  return isWorkingDay(iso, holidays) ? iso : nextWorkingDay(iso, holidays);
}

/** `iso` itself when it is a working day, else the last one before it. */
export function workingDayOnOrBefore(iso: string, holidays: ReadonlySet<string>): string {
  return isWorkingDay(iso, holidays) ? iso : previousWorkingDay(iso, holidays);
}

/**
 * Moves by n working days: n > 0 counts working days after `iso`, n < 0 before it (`iso` itself is not
 * counted, whether or not it is a working day); n = 0 returns `iso` unchanged.
 * addWorkingDays("2023-06-30" (Fri), 1) = "2023-07-03" (Mon); addWorkingDays(Mon, -1) = the Friday before.
 */
export function addWorkingDays(iso: string, n: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  let d = iso;
  for (let k = 0; k < Math.abs(n); k++)
    d = n > 0 ? nextWorkingDay(d, holidays) : previousWorkingDay(d, holidays);
  return d;
}

/**
 * Working days from a to b: the working days in (a, b] when b is after a, negated when b is before a
 * (the days in (b, a]), 0 when equal. So addWorkingDays(a, workingDaysBetween(a, b)) = b whenever b is a
 * working day. From Friday to the next Monday: 1.
 */
export function workingDaysBetween(a: string, b: string, holidays: ReadonlySet<string>): number {
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) count++;
  return sign * count;
}
