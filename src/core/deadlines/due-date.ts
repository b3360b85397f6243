/**
 * Deadlines as plans write them ("Thời gian hoàn thành"), and the due dates of recurring ones.
 *
 * `parseDeadline(text, {year})`:
 * - "Quý I/2023" → 2023-03-31, "Quý II/2023" → 2023-06-30 (end of the quarter);
 * - "Tháng 6/2023" → 2023-06-30 (end of the month);
 * - "30/6/2023", "Trước 30/6/2023", "Trước ngày 30/6/2023", "ngày 30 tháng 6 năm 2023", "2023-06-30" → 2023-06-30;
 * - "6 tháng đầu năm 2023" → 2023-06-30, "6 tháng cuối năm 2023" → 2023-12-31;
 * - "Năm 2023", "Trong năm 2023", "Cuối năm 2023", "2023" → 2023-12-31; "Giai đoạn 2021–2025" → 2025-12-31;
 * - an Excel date serial ("45107") → its day;
 * - "Thường xuyên", "Liên tục", "Hằng ngày", "Hằng tuần" → continuous (no due date);
 * - "Hằng năm"/"Hàng năm"/"Mỗi năm" → yearly, on the day the text gives ("Hằng năm 10/10", "trước ngày 15/12
 *   hằng năm"), else on 31/12; "Hằng quý" → quarterly (quarter ends); "Hằng tháng" → monthly (on "ngày 25"
 *   when given, else month ends).
 * - "Tháng 11 – 12/2024", "Quý III và IV/2025", "tháng 9, 10/2025": periods sharing their year end with the last.
 * A day, month or quarter without a year takes `context.year`; without one, no due date.
 * When a text names several dates the first one counts. Unknown text → {}.
 */
import type { Deadline, Recurrence } from "../knowledge/schema.ts";
import { findDatePhrases } from "../text/dates.ts";
import { fold } from "../text/normalize.ts";
import { addDays, dayNumber, dayNumberOf, daysInMonth, isoOfDay, parseIsoDate, ymdOfDay } from "../time.ts";

export interface ParsedDeadline {
  due?: string;
  recurrence?: Recurrence;
  continuous?: boolean;
}

export interface DeadlineContext {
  /** The year of the plan, for "Quý II", "Tháng 6", "30/6" written without one. */
  year?: number;
}

const CONTINUOUS =
  /(?<![\p{L}\p{N}])(?:thuong xuyen|lien tuc|hang ngay|hang tuan|moi ngay|moi tuan)(?![\p{L}\p{N}])/u;
const YEARLY = /(?<![\p{L}\p{N}])(?:hang nam|moi nam|dinh ky nam|thuong nien)(?![\p{L}\p{N}])/u;
const QUARTERLY = /(?<![\p{L}\p{N}])(?:hang quy|moi quy|dinh ky quy)(?![\p{L}\p{N}])/u;
const MONTHLY = /(?<![\p{L}\p{N}])(?:hang thang|moi thang|dinh ky thang)(?![\p{L}\p{N}])/u;

/** Day and month: "10/10", "10/10/2023", "ngày 10 tháng 10", "10-10". */
const DAY_MONTH =
  /(?<![\p{L}\p{N}/.,])(?:(\d{1,2})[/-](\d{1,2})(?:[/-]\d{2,4})?|(\d{1,2})\s+thang\s+(\d{1,2}))(?!\p{N})/u;
/** A day of the month: "ngày 25". */
const DAY_OF_MONTH = /(?<![\p{L}\p{N}])ngay\s+(\d{1,2})(?![\p{N}]|\s*[/-]\s*\d|\s+thang)/u;
/** "2021-2025", "2021 – 2025". */
const YEAR_SPAN = /(?<![\p{L}\p{N}/.,-])((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)(?![\p{L}\p{N}/-])/u;

/** Two periods sharing the year written after the last: "tháng 11 - 12/2024", "quý iii và iv/2025". */
const PERIOD_RANGE =
  /(?<![\p{L}\p{N}])(thang|quy)\s+(\d{1,2}|[ivx]{1,4})\s*(?:-|den|va|,)\s*(?:(?:thang|quy)\s+)?(\d{1,2}|[ivx]{1,4})\s*[/-]\s*((?:19|20)\d\d)(?![\p{L}\p{N}])/u;

/** Excel day serials of 1950–2100: 18264 … 73415. */
function fromExcelSerial(n: number): string | null {
  if (!Number.isInteger(n) || n < 18264 || n > 73415) return null;
  return addDays("1899-12-30", n);
}

/** Parses a deadline text; see the module comment. Pure: no clock. */
export function parseDeadline(text: string, context: DeadlineContext = {}): ParsedDeadline {
  const f = fold(text);
  if (!f) return {};
  const out: ParsedDeadline = {};
  if (CONTINUOUS.test(f)) out.continuous = true;

  if (YEARLY.test(f)) {
    const dm = DAY_MONTH.exec(f);
    let month = 12;
    let day = 31;
    if (dm) {
      const d = Number(dm[1] ?? dm[3]);
      const m = Number(dm[2] ?? dm[4]);
      // 29/2 is allowed (falls on 28/2 in common years)
      if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(2024, m)) {
        month = m;
        day = d;
      }
    }
    out.recurrence = { kind: "yearly", month, day };
    return out;
  }
  if (QUARTERLY.test(f)) {
    out.recurrence = { kind: "quarterly" };
    return out;
  }
  if (MONTHLY.test(f)) {
    const dm = DAY_OF_MONTH.exec(f);
    const day = dm ? Number(dm[1]) : undefined;
    out.recurrence =
      day !== undefined && day >= 1 && day <= 31 ? { kind: "monthly", day } : { kind: "monthly" };
    return out;
  }

  const serial = /^\d{5}(?:\.0+)?$/.test(f) ? fromExcelSerial(Math.trunc(Number(f))) : null;
  if (serial) {
    out.due = serial;
    return out;
  }

  const range = PERIOD_RANGE.exec(f);
  const dated = range ? `${range[1]} ${range[3]}/${range[4]}` : text;
  const span = YEAR_SPAN.exec(f);
  const phrase = findDatePhrases(dated, context.year !== undefined ? { defaultYear: context.year } : {})[0];
  if (span && (!phrase || span.index <= phrase.index)) {
    out.due = `${span[2]}-12-31`;
  } else if (phrase) {
    out.due = phrase.to;
  }
  return out;
}

// ---------------------------------------------------------------- recurrence
// On day numbers (time.ts): these run for every recurring task of a deadline question.

/** The day number of a day in a month, falling on the month's last day when the month is shorter. */
function clampedDay(year: number, month: number, day: number): number {
  return dayNumberOf(year, month, Math.min(day, daysInMonth(year, month)));
}

/** `nextOccurrence` on day numbers: the first due day of a recurrence on or after day `from`. */
export function nextOccurrenceDay(rec: Recurrence, from: number): number {
  const { year, month } = ymdOfDay(from);
  switch (rec.kind) {
    case "yearly": {
      const d = clampedDay(year, rec.month, rec.day);
      return d >= from ? d : clampedDay(year + 1, rec.month, rec.day);
    }
    case "quarterly": {
      const last = Math.ceil(month / 3) * 3;
      return dayNumberOf(year, last, daysInMonth(year, last));
    }
    case "monthly": {
      if (rec.day === undefined) return dayNumberOf(year, month, daysInMonth(year, month));
      const d = clampedDay(year, month, rec.day);
      if (d >= from) return d;
      return month === 12 ? clampedDay(year + 1, 1, rec.day) : clampedDay(year, month + 1, rec.day);
    }
  }
}

/** The first due date of a recurrence on or after a day. Day 29–31 falls on the month's last day when short. */
export function nextOccurrence(rec: Recurrence, onOrAfter: string): string {
  return isoOfDay(nextOccurrenceDay(rec, dayNumber(onOrAfter)));
}

/**
 * The due dates of a deadline within [fromIso, toIso] (both included), in order: each occurrence of its
 * recurrence, and its one-off `due` if it has one. Continuous work has none.
 */
export function occurrences(
  deadline: Pick<Deadline, "due" | "recurrence" | "continuous">,
  fromIso: string,
  toIso: string,
): string[] {
  if (fromIso > toIso) return [];
  const due =
    deadline.due !== undefined && deadline.due >= fromIso && deadline.due <= toIso ? deadline.due : "";
  if (!deadline.recurrence) return due ? [due] : [];
  const out: string[] = [];
  const rec = deadline.recurrence;
  // (An end that is not a calendar day is compared as text, as the dates are.)
  const end = parseIsoDate(toIso) ? dayNumber(toIso) : undefined;
  const inWindow = (d: number) => (end !== undefined ? d <= end : isoOfDay(d) <= toIso);
  for (let d = nextOccurrenceDay(rec, dayNumber(fromIso)); inWindow(d); d = nextOccurrenceDay(rec, d + 1))
    out.push(isoOfDay(d));
  if (due && !out.includes(due)) {
    const at = out.findIndex((d) => d > due);
    out.splice(at < 0 ? out.length : at, 0, due);
  }
  return out;
}
