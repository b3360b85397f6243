/**
 * Calendar days and instants.
 *
 * - A calendar day is an ISO string "YYYY-MM-DD" in the Asia/Ho_Chi_Minh calendar.
 *   Arithmetic on calendar days is done in UTC, where a day is always 24 hours, so it never
 *   depends on the machine's zone.
 * - An instant is a JS Date. Only `localDate` and `atLocalTime` convert between the two, in ZONE.
 * - Core code never reads the system clock: it takes a `now: Date` or a `Clock`.
 */
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = "Asia/Ho_Chi_Minh";

/** Where the current instant comes from. Injected so tests control time. */
export type Clock = () => Date;

/** The real clock: for the entry points (main, scheduler), never inside core functions. */
export const systemClock: Clock = () => new Date();

export interface YMD {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (month 1–12), leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (
    Number.isInteger(year) &&
    year >= 1 &&
    year <= 9999 &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12
  )
    return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
  // (Other arguments as Date.UTC reads them: month 13 is next January.)
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** "YYYY-MM-DD" for a year, month (1–12) and day, or null when that day does not exist (31/4, 29/2/2023). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** The value of the ASCII digits of `s` from `at` (n digits), or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Splits a strict "YYYY-MM-DD" that exists; null otherwise (no time part, no other format). */
export function parseIsoDate(iso: string): YMD | null {
  // Read by hand (this runs for every task on every deadline question): the same as matching
  // /^(\d{4})-(\d{2})-(\d{2})$/ and checking that the day exists.
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== null;
}

function mustParse(iso: string): YMD {
  const p = parseIsoDate(iso);
  if (!p) throw new RangeError(`not an ISO calendar date: ${JSON.stringify(iso)}`);
  return p;
}

// ---------------------------------------------------------------- day numbers
// Day arithmetic on whole days counted from 1970-01-01 (the proleptic Gregorian calendar, as
// Date.UTC counts them), with integer formulas only: no Date object and no dayjs on the paths that run
// for every task of a question (H. Hinnant, "chrono-compatible low-level date algorithms").

/** The day number of a year, month (1–12) and day: days since 1970-01-01. */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The day number of a calendar day "YYYY-MM-DD" (throws on anything else). */
export function dayNumber(iso: string): number {
  const { year, month, day } = mustParse(iso);
  return dayNumberOf(year, month, day);
}

/** The calendar day of a day number. */
export function ymdOfDay(n: number): YMD {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** "YYYY-MM-DD" of a day number. */
export function isoOfDay(n: number): string {
  const { year, month, day } = ymdOfDay(n);
  if (year < 0 || year > 9999) return dayjs.utc(n * DAY_MS).format("YYYY-MM-DD");
  return `${year < 1000 ? String(year).padStart(4, "0") : year}-${pad2(month)}-${pad2(day)}`;
}

const DAY_MS = 86_400_000;

/** The calendar day of an instant in ZONE. */
export function localDate(now: Date): string {
  // Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975: a fixed offset is exact and
  // much cheaper than a time-zone lookup on every question.
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant of a local time ("08:00" or "8:30") on a calendar day in ZONE. */
export function atLocalTime(iso: string, time = "00:00"): Date {
  mustParse(iso);
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`not a time HH:mm: ${JSON.stringify(time)}`);
  return dayjs.tz(`${iso} ${pad2(Number(m[1]))}:${m[2]}`, ZONE).toDate();
}

export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) return dayjs.utc(dayNumber(iso) * DAY_MS + n * DAY_MS).format("YYYY-MM-DD");
  return isoOfDay(dayNumber(iso) + n);
}

/** b − a in whole calendar days (positive when b is later). */
export function diffDays(a: string, b: string): number {
  const db = dayNumber(b);
  return db - dayNumber(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return weekdayOfDay(dayNumber(iso));
}

/** Day of the week of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Adds calendar months, clamping the day to the month's end (31/1 + 1 month = 28/2 or 29/2). */
export function addMonths(iso: string, n: number): string {
  const { year, month, day } = mustParse(iso);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)))!;
}

/** "30/06/2023". */
export function formatViDate(iso: string): string {
  const { year, month, day } = mustParse(iso);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "30/06", for ranges within a year. */
export function formatViDayMonth(iso: string): string {
  const { month, day } = mustParse(iso);
  return `${pad2(day)}/${pad2(month)}`;
}

/** Vietnamese weekday name: "Chủ nhật", "Thứ Hai" … "Thứ Bảy". */
export function viWeekdayName(iso: string): string {
  return VI_WEEKDAYS[weekday(iso)]!;
}

const VI_WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

export function startOfMonth(year: number, month: number): string {
  return isoDate(year, month, 1)!;
}

/** Last day of a month (1–12). */
export function endOfMonth(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month))!;
}

/** First day of a quarter (1–4). */
export function startOfQuarter(year: number, quarter: number): string {
  return startOfMonth(year, (quarter - 1) * 3 + 1);
}

/** Last day of a quarter (1–4): 31/3, 30/6, 30/9, 31/12. */
export function endOfQuarter(year: number, quarter: number): string {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter ${quarter}`);
  return endOfMonth(year, quarter * 3);
}

/** Quarter (1–4) of a calendar day. */
export function quarterOf(iso: string): number {
  return Math.floor((mustParse(iso).month - 1) / 3) + 1;
}

/** Monday of the (Monday–Sunday) week holding the day. */
export function startOfWeek(iso: string): string {
  const wd = weekday(iso);
  return addDays(iso, wd === 0 ? -6 : 1 - wd);
}

/** The later / earlier of two calendar days (ISO strings compare as text). */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}
