/**
 * Date phrases in Vietnamese questions and plans, with or without diacritics.
 *
 * `parseDatePhrase(text, now)` turns the first date phrase of a text into a window of calendar days
 * [from, to] (both inclusive) with a Vietnamese label:
 * - a day: "30/6", "30/6/2023", "30-6-2023", "2023-06-30", "ngày 30 tháng 6 (năm 2023)", "hôm nay", "ngày mai",
 *   "hôm qua", "ngày kia";
 * - a week (Monday–Sunday): "tuần này", "tuần sau"/"tuần tới", "tuần trước";
 * - a month: "tháng 6", "tháng 6/2023", "tháng 6 năm 2023", "tháng này", "tháng sau", "tháng trước";
 * - a quarter: "quý II/2023", "quý 2", "quy ii", "q2/2023", "quý này", "quý sau", "quý trước";
 * - a half year: "6 tháng đầu năm (2023)", "6 tháng cuối năm", "nửa đầu năm";
 * - a year: "năm 2023", "trong năm 2023", "năm nay", "năm sau", "năm ngoái"; "đầu năm" (quý I) and
 *   "cuối năm" (quý IV, 01/10–31/12); a bare year "2023" when nothing else is found;
 * - from today: "trong 7 ngày tới", "7 ngày tới", "trong 2 tuần tới", "trong 3 tháng tới", "sắp tới"/"sắp đến hạn"
 *   (the next UPCOMING_DAYS days);
 * - a range "từ 1/6 đến 30/6" of any two of the above.
 * A day or month without a year is in the current year (of `now`), even when already past.
 * Not dates: document numbers ("16/TB-VPCP"), decimals ("5.5"), percentages. A fraction written like a
 * date ("2/3") is read as a date: the caller decides whether a date is expected.
 */
import {
  addDays,
  addMonths,
  endOfMonth,
  endOfQuarter,
  formatViDate,
  formatViDayMonth,
  isoDate,
  localDate,
  parseIsoDate,
  quarterOf,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
} from "../time.ts";
import { fold } from "./normalize.ts";

export interface DateWindow {
  from: string;
  to: string;
  label: string;
}

export type DatePhraseKind = "day" | "week" | "month" | "quarter" | "half" | "year" | "span" | "range";

export interface DatePhrase extends DateWindow {
  kind: DatePhraseKind;
  /** Whether the phrase depends on today ("tuần này", "7 ngày tới"). */
  relative: boolean;
  /** Position and length in the folded text. */
  index: number;
  length: number;
}

export interface DatePhraseOptions {
  /** Today's calendar day: needed for relative phrases (skipped without it). */
  today?: string;
  /** The year of a day, month, quarter… written without one (skipped without it). */
  defaultYear?: number;
}

/** Days that "sắp tới" (upcoming) covers, today included as day 0. */
export const UPCOMING_DAYS = 14;

export const ROMAN = ["", "I", "II", "III", "IV"] as const;

function romanToNumber(s: string): number {
  switch (s) {
    case "i":
      return 1;
    case "ii":
      return 2;
    case "iii":
      return 3;
    case "iv":
      return 4;
    default:
      return Number(s);
  }
}

/** A written year ("2023", "23", "nay", "ngoai", "sau"…) or the default year when absent. */
function yearOf(s: string | undefined, opts: DatePhraseOptions): number | undefined {
  if (s === undefined) return opts.defaultYear;
  if (/^\d{2}$/.test(s)) return 2000 + Number(s);
  if (/^\d{4}$/.test(s)) return Number(s);
  if (opts.today === undefined) return undefined;
  const y = Number(opts.today.slice(0, 4));
  return s === "nay" ? y : s === "sau" || s === "toi" ? y + 1 : y - 1;
}

/** "20/11–26/11" within the current year (of `today`, when given), else "28/12/2023–03/01/2024". */
function rangeLabel(from: string, to: string, today?: string): string {
  const y = from.slice(0, 4);
  if (y === to.slice(0, 4) && (today === undefined || today.slice(0, 4) === y)) {
    return `${formatViDayMonth(from)}–${formatViDayMonth(to)}`;
  }
  return `${formatViDate(from)}–${formatViDate(to)}`;
}

function dayWindow(iso: string, prefix?: string): DateWindow {
  const d = formatViDate(iso);
  return { from: iso, to: iso, label: prefix ? `${prefix} (${d})` : `ngày ${d}` };
}

function monthWindow(year: number, month: number): DateWindow {
  return { from: startOfMonth(year, month), to: endOfMonth(year, month), label: `tháng ${month}/${year}` };
}

function quarterWindow(year: number, q: number): DateWindow {
  return { from: startOfQuarter(year, q), to: endOfQuarter(year, q), label: `quý ${ROMAN[q]}/${year}` };
}

function yearWindow(year: number, label = `năm ${year}`): DateWindow {
  return { from: `${year}-01-01`, to: `${year}-12-31`, label };
}

/** Days after the week's Monday. */
const WEEKDAY_OFFSET: Readonly<Record<string, number>> = {
  "thu hai": 0,
  "thu ba": 1,
  "thu tu": 2,
  "thu nam": 3,
  "thu sau": 4,
  "thu bay": 5,
  "chu nhat": 6,
};

function weekWindow(today: string, offsetWeeks: number, word: string): DateWindow {
  const from = addDays(startOfWeek(today), 7 * offsetWeeks);
  const to = addDays(from, 6);
  return { from, to, label: `${word} (${rangeLabel(from, to, today)})` };
}

type Maker = (m: RegExpExecArray, opts: DatePhraseOptions) => DateWindow | null;

interface Pattern {
  re: RegExp;
  kind: DatePhraseKind;
  relative: boolean;
  /** Used only when no other pattern matches (a bare year). */
  fallback?: boolean;
  make: Maker;
}

const B = "(?<![\\p{L}\\p{N}])"; // word start
const E = "(?![\\p{L}\\p{N}])"; // word end
/** Year after a day, month or quarter: "/2023", "-2023", " năm 2023", " 2023", " năm nay", " năm ngoái". */
const YEAR_SUFFIX =
  "(?:\\s*[/-]\\s*|\\s+nam\\s+|\\s+)((?:19|20)\\d\\d|(?<=nam\\s+)(?:nay|ngoai|truoc|sau|toi))";
const QUARTER = "(iv|iii|ii|i|[1-4])";

function re(src: string): RegExp {
  return new RegExp(src, "gu");
}

/** Counts written in words ("trong hai tuần tới"); "năm" and "sáu" are left out (year, after). */
const COUNT_WORDS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
const COUNT = `(\\d{1,3}|${Object.keys(COUNT_WORDS).join("|")})`;

/** [today, today + n units] for "(trong) n ngày/tuần/tháng (tới)". */
const spanMaker: Maker = (m, opts) => {
  const n = COUNT_WORDS[m[1]!] ?? Number(m[1]);
  if (n < 1) return null;
  const today = opts.today!;
  const unit = m[2]!;
  const to =
    unit === "ngay" ? addDays(today, n) : unit === "tuan" ? addDays(today, 7 * n) : addMonths(today, n);
  const word = unit === "ngay" ? "ngày" : unit === "tuan" ? "tuần" : "tháng";
  return { from: today, to, label: `${n} ${word} tới (${rangeLabel(today, to, today)})` };
};

const PATTERNS: Pattern[] = [
  // ---------------------------------------------------------------- days
  {
    // 2023-06-30
    re: re(`${B}((?:19|20)\\d\\d)-(\\d{1,2})-(\\d{1,2})${E}`),
    kind: "day",
    relative: false,
    make: (m) => {
      const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return iso ? dayWindow(iso) : null;
    },
  },
  {
    // 30/6, 30/6/2023, 30-6-2023, 30.6.2023, 30/6/23 (without a year only with "/")
    re: re(
      `(?<![\\p{L}\\p{N}/.,])(?:ngay\\s+)?(\\d{1,2})([/.-])(\\d{1,2})(?:\\2((?:19|20)\\d\\d|\\d\\d))?(?![\\p{L}\\p{N}%]|[/.,]\\p{N}|-(?:19|20)\\d\\d(?!\\p{N}))`,
    ),
    kind: "day",
    relative: false,
    make: (m, opts) => {
      if (m[2] !== "/" && m[4] === undefined) return null;
      const year = yearOf(m[4], opts);
      if (year === undefined) return null;
      const iso = isoDate(year, Number(m[3]), Number(m[1]));
      return iso ? dayWindow(iso) : null;
    },
  },
  {
    // ngày 30 tháng 6 (năm 2023), 30 tháng 6
    re: re(
      `${B}(?:ngay\\s+)?(\\d{1,2})\\s+thang\\s+(\\d{1,2})(?:${YEAR_SUFFIX})?${E}(?!\\s+(?:dau|cuoi|toi|qua|nua|sau|truoc|gan))`,
    ),
    kind: "day",
    relative: false,
    make: (m, opts) => {
      const year = yearOf(m[3], opts);
      if (year === undefined) return null;
      const iso = isoDate(year, Number(m[2]), Number(m[1]));
      return iso ? dayWindow(iso) : null;
    },
  },
  {
    re: re(`${B}(hom nay|ngay hom nay|hom qua|ngay mai|ngay kia|ngay mot)${E}`),
    kind: "day",
    relative: true,
    make: (m, opts) => {
      const today = opts.today!;
      switch (m[1]) {
        case "hom qua":
          return dayWindow(addDays(today, -1), "hôm qua");
        case "ngay mai":
          return dayWindow(addDays(today, 1), "ngày mai");
        case "ngay kia":
        case "ngay mot":
          return dayWindow(addDays(today, 2), "ngày kia");
        default:
          return dayWindow(today, "hôm nay");
      }
    },
  },
  // ---------------------------------------------------------------- weeks
  {
    // "chủ nhật tuần này", "thứ sáu tuần sau": that day of the week named.
    re: re(`${B}(thu\\s+(?:hai|ba|tu|nam|sau|bay)|chu\\s+nhat)\\s+tuan\\s+(nay|sau|toi)${E}`),
    kind: "day",
    relative: true,
    make: (m, opts) => {
      const day = WEEKDAY_OFFSET[m[1]!.replace(/\s+/g, " ")];
      if (day === undefined) return null;
      const week = weekWindow(opts.today!, m[2] === "nay" ? 0 : 1, "");
      const date = addDays(week.from, day);
      return { from: date, to: date, label: formatViDate(date) };
    },
  },
  {
    re: re(`${B}tuan\\s+(nay|sau|toi|truoc|qua)${E}`),
    kind: "week",
    relative: true,
    make: (m, opts) => {
      const w = m[1]!;
      if (w === "nay") return weekWindow(opts.today!, 0, "tuần này");
      if (w === "sau" || w === "toi")
        return weekWindow(opts.today!, 1, w === "sau" ? "tuần sau" : "tuần tới");
      return weekWindow(opts.today!, -1, "tuần trước");
    },
  },
  // ---------------------------------------------------------------- months
  {
    // tháng 6, tháng 06/2023, tháng 6 năm 2023
    re: re(`${B}thang\\s+(\\d{1,2})(?:${YEAR_SUFFIX})?${E}(?![/.-]\\p{N})`),
    kind: "month",
    relative: false,
    make: (m, opts) => {
      const month = Number(m[1]);
      const year = yearOf(m[2], opts);
      if (year === undefined || month < 1 || month > 12) return null;
      return monthWindow(year, month);
    },
  },
  {
    // "T12/2023", "th12/2023", "thg 12/2023", "thg 12": the month written short (a bare "T2" is "thứ Hai").
    re: re(`${B}(?:(?:t|th|thg)\\s?(\\d{1,2})[/.-]((?:19|20)\\d\\d)|thg\\s?(\\d{1,2}))${E}(?![/.-]\\p{N})`),
    kind: "month",
    relative: false,
    make: (m, opts) => {
      const month = Number(m[1] ?? m[3]);
      const year = m[2] ? Number(m[2]) : yearOf(undefined, opts);
      if (year === undefined || month < 1 || month > 12) return null;
      return monthWindow(year, month);
    },
  },
  {
    re: re(`${B}(?<!\\p{N}\\s)thang\\s+(nay|sau|toi|truoc)${E}`),
    kind: "month",
    relative: true,
    make: (m, opts) => {
      const offset = m[1] === "nay" ? 0 : m[1] === "truoc" ? -1 : 1;
      const first = addMonths(`${opts.today!.slice(0, 7)}-01`, offset);
      const p = parseIsoDate(first)!;
      return monthWindow(p.year, p.month);
    },
  },
  // ---------------------------------------------------------------- quarters
  {
    // quý II/2023, quý 2, quy ii, quý 2 năm 2023, q2/2023, QIV/2023 ("qi", "qii" only with their year)
    re: re(
      `${B}(?:quy\\s*${QUARTER}|q\\.?\\s?([1-4]|iv|iii|(?:ii|i)(?=\\s*[/-]\\s*(?:19|20)\\d\\d)))(?:${YEAR_SUFFIX})?${E}`,
    ),
    kind: "quarter",
    relative: false,
    make: (m, opts) => {
      const q = romanToNumber((m[1] ?? m[2])!);
      const year = yearOf(m[3], opts);
      if (year === undefined) return null;
      return quarterWindow(year, q);
    },
  },
  {
    re: re(`${B}quy\\s+(nay|sau|toi|truoc)${E}`),
    kind: "quarter",
    relative: true,
    make: (m, opts) => {
      const today = opts.today!;
      const offset = m[1] === "nay" ? 0 : m[1] === "truoc" ? -1 : 1;
      const first = addMonths(startOfQuarter(Number(today.slice(0, 4)), quarterOf(today)), 3 * offset);
      return quarterWindow(Number(first.slice(0, 4)), quarterOf(first));
    },
  },
  // ---------------------------------------------------------------- half years
  {
    re: re(
      `${B}(?:(?:6|sau)\\s+thang|nua)\\s+(dau|cuoi)\\s+nam(?:\\s+((?:19|20)\\d\\d|nay|ngoai|truoc|sau|toi))?${E}`,
    ),
    kind: "half",
    relative: false,
    make: (m, opts) => {
      const year = yearOf(m[2], opts);
      if (year === undefined) return null;
      if (m[1] === "dau")
        return { from: `${year}-01-01`, to: `${year}-06-30`, label: `6 tháng đầu năm ${year}` };
      return { from: `${year}-07-01`, to: `${year}-12-31`, label: `6 tháng cuối năm ${year}` };
    },
  },
  // ---------------------------------------------------------------- years
  {
    re: re(`${B}(?<!dung )(dau|cuoi)\\s+nam(?:\\s+((?:19|20)\\d\\d|nay|ngoai|truoc|sau|toi))?${E}`),
    kind: "quarter",
    relative: false,
    make: (m, opts) => {
      const year = yearOf(m[2], opts);
      if (year === undefined) return null;
      const q = m[1] === "dau" ? 1 : 4;
      const w = quarterWindow(year, q);
      const word = m[1] === "dau" ? "đầu năm" : "cuối năm";
      return { ...w, label: `${word} ${year} (${rangeLabel(w.from, w.to)})` };
    },
  },
  {
    re: re(`${B}nam\\s+((?:19|20)\\d\\d)${E}(?![/-]\\p{N})`),
    kind: "year",
    relative: false,
    make: (m) => yearWindow(Number(m[1])),
  },
  {
    re: re(`${B}nam\\s+(nay|sau|toi|ngoai|truoc)${E}`),
    kind: "year",
    relative: true,
    make: (m, opts) => {
      const y = Number(opts.today!.slice(0, 4));
      const offset = m[1] === "nay" ? 0 : m[1] === "sau" || m[1] === "toi" ? 1 : -1;
      return yearWindow(y + offset);
    },
  },
  {
    // a bare year, only when nothing else matched; not a part of a number or code
    re: re(`(?<![\\p{L}\\p{N}/.,-])((?:19|20)\\d\\d)(?![\\p{L}\\p{N}%]|\\s?[/-]\\s?\\p{L}|[/.,-]\\p{N})`),
    kind: "year",
    relative: false,
    fallback: true,
    make: (m) => yearWindow(Number(m[1])),
  },
  // ---------------------------------------------------------------- spans from today
  {
    // "trong 7 ngày tới", "7 ngày tới", "10 ngày nữa", "2 tuần sắp tới", "3 tháng tới"
    re: re(`${B}(?:trong\\s+(?:vong\\s+)?)?${COUNT}\\s+(ngay|tuan|thang)\\s+(?:sap\\s+)?(?:toi|den|nua)${E}`),
    kind: "span",
    relative: true,
    make: spanMaker,
  },
  {
    // "trong 7 ngày", "trong vòng 2 tuần" (not "trong 6 tháng đầu năm")
    re: re(`${B}trong\\s+(?:vong\\s+)?${COUNT}\\s+(ngay|tuan|thang)${E}(?!\\s+(?:dau|cuoi|qua|truoc))`),
    kind: "span",
    relative: true,
    make: spanMaker,
  },
  {
    re: re(
      `${B}(?:sap\\s+toi|sap\\s+den(?:\\s+han)?|sap\\s+het\\s+han|gan\\s+den\\s+han|gan\\s+het\\s+han)${E}`,
    ),
    kind: "span",
    relative: true,
    make: (_m, opts) => {
      const today = opts.today!;
      const to = addDays(today, UPCOMING_DAYS);
      return { from: today, to, label: `sắp tới (${rangeLabel(today, to, today)})` };
    },
  },
];

const RELATIVE_YEAR = /nam\s+(?:nay|ngoai|truoc|sau|toi)$/;

/** All date phrases found in a text (folded internally), by position; see the module comment. */
export function findDatePhrases(text: string, opts: DatePhraseOptions = {}): DatePhrase[] {
  const f = fold(text);
  const found: (DatePhrase & { fallback: boolean })[] = [];
  for (const p of PATTERNS) {
    if (p.relative && opts.today === undefined) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(f); m !== null; m = p.re.exec(f)) {
      const w = p.make(m, opts);
      if (!w) continue;
      found.push({
        ...w,
        kind: p.kind,
        relative: p.relative || RELATIVE_YEAR.test(m[0]),
        index: m.index,
        length: m[0].length,
        fallback: p.fallback === true,
      });
    }
  }
  // keep the earliest, then the longest; drop phrases inside a kept one
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: (DatePhrase & { fallback: boolean })[] = [];
  for (const x of found) {
    const last = kept[kept.length - 1];
    if (last && x.index < last.index + last.length) continue;
    kept.push(x);
  }
  const anyMain = kept.some((x) => !x.fallback);
  const list = anyMain ? kept.filter((x) => !x.fallback) : kept;
  return mergeRanges(f, list).map(({ fallback: _f, ...rest }) => rest);
}

/** "từ A đến B", "A - B", "A đến B" → one range phrase. */
function mergeRanges<T extends DatePhrase>(f: string, list: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const b = list[i + 1];
    if (b) {
      const between = f.slice(a.index + a.length, b.index);
      if (/^\s*(?:den(?:\s+het)?|toi|-)\s*(?:ngay\s+)?$/.test(between) && a.from <= b.to) {
        const before = f.slice(0, a.index);
        const tu = /(?:^|\s)tu\s+$/.exec(before);
        const start = tu ? a.index - tu[0].trimStart().length : a.index;
        out.push({
          ...a,
          kind: "range",
          relative: a.relative || b.relative,
          from: a.from,
          to: b.to,
          label: `từ ${a.label} đến ${b.label}`,
          index: start,
          length: b.index + b.length - start,
        });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/**
 * The first date phrase of a text as a window of days, or null. Years default to the year of `now`
 * in Asia/Ho_Chi_Minh, and relative phrases count from that day.
 */
export function parseDatePhrase(text: string, now: Date): DateWindow | null {
  const today = localDate(now);
  const first = findDatePhrases(text, { today, defaultYear: Number(today.slice(0, 4)) })[0];
  return first ? { from: first.from, to: first.to, label: first.label } : null;
}

/**
 * The first year a text names: "năm 2023", "quý II/2023", "30/6/2023", "2023"; with `now`, also
 * "năm nay" / "năm sau" / "năm ngoái". Years inside document numbers ("2023/QĐ-UBND") do not count.
 * Null when there is none.
 */
export function findYear(text: string, now?: Date): number | null {
  const f = fold(text);
  let rel = now ? /(?<![\p{L}\p{N}])nam\s+(nay|sau|toi|ngoai|truoc)(?![\p{L}\p{N}])/u.exec(f) : null;
  // "Ông Trần Quốc Nam ngoài chức … còn giữ chức gì": the name Nam, then "ngoài" (besides), not "năm
  // ngoái" (last year): told by the marks, or by a capital N after a capitalised word.
  if (
    rel?.[1] === "ngoai" &&
    (/(?<![\p{L}])[Nn]am\s+ngoài(?![\p{L}])/u.test(text) ||
      /\p{Lu}\p{Ll}*\s+Nam\s+ngoai(?![\p{L}])/u.test(text))
  )
    rel = null;
  const abs = /(?<![\p{L}\p{N}.,-])((?:19|20)\d\d)(?![\p{L}\p{N}%]|\s?[/-]\s?\p{L}|[.,]\p{N})/u.exec(f);
  if (rel && (!abs || rel.index < abs.index)) {
    const y = Number(localDate(now!).slice(0, 4));
    return rel[1] === "nay" ? y : rel[1] === "sau" || rel[1] === "toi" ? y + 1 : y - 1;
  }
  return abs ? Number(abs[1]) : null;
}

/**
 * Years typed with two digits where a year is meant ("năm 23", "DTI 22", "dti 21 và 22"), written out
 * ("năm 2023"); other two-digit numbers ("ngày 23", "23 nhiệm vụ") are left alone. Years 2015–2035.
 */
export function fullYears(text: string): string {
  return text.replace(
    /(?<![\p{L}\p{N}])(n[aă]m|dti|DTI)\s+((?:1[5-9]|2\d|3[0-5])(?:\s*(?:,|và|va|-|–|đến|den|so với|so voi)\s*(?:n[aă]m\s+)?(?:1[5-9]|2\d|3[0-5]))*)(?![\p{L}\p{N}/.,%]|[.,]\d)/giu,
    (_m, head: string, years: string) =>
      `${head} ${years.replace(/(?<!\d)(1[5-9]|2\d|3[0-5])(?!\d)/g, "20$1")}`,
  );
}
