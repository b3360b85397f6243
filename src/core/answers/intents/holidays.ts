/**
 * "Ngày 2/9/2026 có được nghỉ lễ không": the public holidays the knowledge lists (fixed by the Labour
 * Code; the lunar ones and the days off in lieu are published each year and are listed only when the
 * secretariat has added them).
 */

import { nextOccurrence } from "../../deadlines/due-date.ts";
import { documentLabel } from "../../knowledge/model.ts";
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { findDatePhrases } from "../../text/dates.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import { foldQuestion } from "../../text/question.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { untelexText } from "../../text/telex.ts";
import { addDays, weekday as dayOfWeek, diffDays, formatViDate, isoDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { upperFirst, WEEKDAY_CUE, weekdayOf } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";

const HOLIDAY_CUE = /\b(?:nghi le|ngay le|duoc nghi|co nghi|nghi khong|ngay nghi|nghi tet|le gi)\b/;

/** Holidays named by what they celebrate ("nghỉ lễ Quốc khánh 2026"), folded. */
const NAMED =
  /\b(quoc khanh|tet duong lich|chien thang|quoc te lao dong|gio to|tet am lich|tet nguyen dan)\b/;

/** "… là ngày gì", "hôm nay có ngày gì": what a day is, not whether it is a day off. */
const DAY_NOTE_CUE = /\b(?:la ngay gi|(?:co )?(?:ngay|su kien|hoat dong) gi(?: dac biet)?|ngay gi)\b/;

/**
 * "10/10 là ngày gì", "mai là ngày gì liên quan đến chuyển đổi số": the yearly days the documents set on
 * that day and month ("Ngày Chuyển đổi số quốc gia là ngày 10/10 hằng năm") and a public holiday then.
 */
export function answerDayOfNote(u: Understanding, ctx: AnswerContext): Reply | undefined {
  if (!DAY_NOTE_CUE.test(u.folded)) return undefined;
  // "mai là ngày gì": tomorrow, typed without "ngày".
  const text = fold(u.text).replace(/^\s*mai\b/, "ngay mai");
  const days = findDatePhrases(text, {
    today: ctx.today,
    defaultYear: u.year ?? Number(ctx.today.slice(0, 4)),
  }).filter((p) => p.kind === "day" && p.from && p.from === p.to);
  if (days.length !== 1) return undefined;
  const date = days[0]!.from!;
  const [, month, day] = date.split("-").map(Number) as [number, number, number];
  const { kb } = ctx;
  const notes = yearlyDays(ctx)
    .filter((y) => y.day === day && y.month === month)
    .flatMap((y) => {
      const d = kb.document(y.docId);
      return d
        ? [
            {
              line: `${y.name} là ngày ${y.day}/${y.month} hằng năm (${documentLabel(d)}).`,
              cites: kb.citeAll([d.id, ...d.sources]),
              docId: d.id,
            },
          ]
        : [];
    });
  const holiday = kb.data.holidays.find((h) => h.date === date);
  if (!notes.length && !holiday) {
    // A day something happened on ("ngày 20/2 có sự kiện gì": a meeting, a document) is answered elsewhere.
    const md = date.slice(5);
    if (
      kb.data.meetings.some((m) => m.date.slice(5) === md) ||
      kb.data.documents.some((d) => d.date.slice(5) === md)
    )
      return undefined;
    return new ReplyBuilder("deadlines")
      .abstain()
      .line(`Cơ sở tri thức không ghi ngày lễ hay ngày kỷ niệm nào vào ngày ${formatViDate(date)}.`)
      .build();
  }
  const r = new ReplyBuilder("deadlines", `Ngày ${formatViDate(date)}:`);
  // "ngày 10/10/2026 tỉnh tổ chức sự kiện gì": what is held that day is not recorded, only what it is.
  // ("… có những hoạt động gì, kết quả thế nào": the same.)
  if (/\bto chuc\b|\bket qua\b|\bdien ra\b|\bhoat dong (?:gi|nao)\b/.test(u.folded))
    r.abstain().line(
      `Nguồn hiện có không ghi sự kiện, hoạt động nào được tổ chức ngày ${formatViDate(date)}; điều đã biết về ngày này:`,
    );
  for (const n of notes) {
    r.line(`• ${n.line}`, n.cites);
    r.item("document", n.docId);
  }
  if (holiday) r.line(`• Ngày nghỉ lễ: ${holiday.name}.`, kb.citeAll(holiday.sources));
  return r.build();
}

/** Whether the question has a yearly day's name's first four words in a row ("ngay chuyen doi so"). */
function phraseIn(folded: string, name: string): boolean {
  const words = (s: string) =>
    expandAbbreviations(fold(s))
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const head = words(name).split(" ").slice(0, 4).join(" ");
  return ` ${words(folded)} `.includes(` ${head} `);
}

/** The yearly days the documents set ("Ngày Chuyển đổi số quốc gia là ngày 10/10 hằng năm"). */
function yearlyDays(ctx: AnswerContext): { name: string; month: number; day: number; docId: string }[] {
  const out: { name: string; month: number; day: number; docId: string }[] = [];
  for (const d of ctx.kb.data.documents) {
    for (const sentence of [d.summary, ...d.keyPoints]) {
      // "Ngày X là ngày 10/10 hằng năm", "Lấy ngày 10/10 hằng năm là (làm) Ngày X".
      const m = /(Ngày [^.;]*?) là ngày (\d{1,2})\/(\d{1,2}) hằng năm/u.exec(sentence);
      const l = m
        ? undefined
        : /[Ll]ấy ngày (\d{1,2})\/(\d{1,2}) hằng năm (?:là|làm) (Ngày [^.;]*)/u.exec(sentence);
      const found = m
        ? { name: m[1]!, day: Number(m[2]), month: Number(m[3]) }
        : l
          ? { name: l[3]!.trim(), day: Number(l[1]), month: Number(l[2]) }
          : undefined;
      if (found && !out.some((x) => x.docId === d.id)) out.push({ ...found, docId: d.id });
    }
  }
  return out;
}

/**
 * "Ngày Chuyển đổi số của tỉnh năm 2027 rơi vào thứ mấy", "10/10/2027 là thứ mấy": the weekday of a day
 * written out, or of a yearly day the documents set, in the year asked (this year for "năm nay"; else
 * its next occurrence).
 */
/** "đã qua chưa", "còn bao nhiêu ngày", "hôm nay là … đúng không": a yearly day against today. */
// ("năm nay đã qua mấy ngày rồi": passed, by how many days.)
const PASSED_CUE =
  /\b(?:da qua chua|qua chua|dien ra chua|da dien ra chua|to chuc chua|da den chua)\b|\bqua (?:duoc )?(?:may|bao nhieu|bn) (?:ngay|hom)\b|\bqua roi (?:ha|a|ah|chu|nhi|phai khong)\b|\bda (?:duoc )?(?:may|bao nhieu|bn) (?:hom|ngay)\b/;
// ("mấy hôm nữa đến …", "đếm ngược tới …", "bao nhiêu ngày nữa là …": days left.)
// ("số ngày đến Tết Dương lịch", keywords: the count to it.)
const COUNTDOWN_CUE =
  /\bcon (?:bao nhieu|may|bao lau|bn)(?: ngay)?\b|\bbao lau nua\b|\b(?:may|bao nhieu|bn) (?:ngay|hom|bua) nua\b|\bdem nguoc\b|^(?:so ngay|bao nhieu ngay|may ngay) (?:den|toi|truoc|con lai den)\b/;
const TODAY_CUE =
  /\bhom nay\b.*\b(?:dung khong|phai khong|dung ko|phai ko|dung k|phai k|khong|ko)\b|\bhom nay co phai\b/;
// ("đã bao nhiêu ngày kể từ Ngày CĐS gần nhất", "Ngày CĐS vừa qua là ngày nào": its last occurrence.)
const LAST_CUE = /\b(?:gan nhat|gan day nhat|vua qua|vua roi|lan truoc)\b|\bke tu\b/;
const SINCE_CUE =
  /\b(?:da )?(?:bao nhieu|may|bn) (?:ngay|hom)\b|\bke tu\b|\bbao lau\b|\b(?:la )?(?:ngay nao|hom nao|khi nao)\b/;

/** "cách nhau bao nhiêu ngày", "từ … đến … bao nhiêu ngày", "mấy ngày": the days between two days. */
const DAYS_BETWEEN_CUE =
  /\b(?:cach nhau|cach) (?:bao nhieu|may|bn|bao lau)\b|\b(?:bao nhieu|may|bn) ngay\b|\bbao lau\b/;

/**
 * "Hội nghị 25/12/2022 và cuộc họp 20/2/2023 cách nhau bao nhiêu ngày", "từ 1/3/2025 đến 1/7/2025 bao
 * nhiêu ngày": two days written in full in the question, and the days from one to the other.
 */
export function answerDaysBetween(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s/]/gu, " ").replace(/\s+/g, " ");
  if (!DAYS_BETWEEN_CUE.test(bare)) return undefined;
  const phrases = findDatePhrases(fold(u.text), { today: ctx.today });
  // ("từ 1/3/2025 đến 1/7/2025": one span, both ends written.)
  const span = phrases.find(
    (p) =>
      (p.kind === "range" || p.kind === "span") &&
      p.from &&
      p.to &&
      !p.relative &&
      (fold(u.text)
        .slice(p.index, p.index + p.length)
        .match(/(?:19|20)\d\d/g)?.length ?? 0) >= 2,
  );
  if (span && phrases.length === 1) {
    const n = diffDays(span.from!, span.to!);
    return new ReplyBuilder("deadlines")
      .line(`Từ ${formatViDate(span.from!)} đến ${formatViDate(span.to!)} là ${n} ngày.`)
      .build();
  }
  const days = phrases.filter((p) => p.kind === "day" && p.from && p.from === p.to && !p.relative);
  // Each written with its year: a day without one is read against a meeting or a task elsewhere.
  const withYear = days.filter((p) => /(?:19|20)\d\d/.test(fold(u.text).slice(p.index, p.index + p.length)));
  if (withYear.length !== 2 || withYear[0]!.from === withYear[1]!.from) return undefined;
  const [a, b] = [withYear[0]!.from!, withYear[1]!.from!].sort();
  const n = diffDays(a!, b!);
  return new ReplyBuilder("deadlines")
    .line(`Từ ${formatViDate(a!)} đến ${formatViDate(b!)} là ${n} ngày.`)
    .build();
}

/**
 * "Từ hôm nay đến ngày 30/4/2027 còn bao nhiêu ngày", "1/3/2025 đến nay được bao nhiêu ngày": one day
 * written in full, counted from today (forward or back), with what the day is when it is one of note.
 */
export function answerDaysUntil(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = foldQuestion(u.text)
    .replace(/[^\p{L}\p{N}\s/]/gu, " ")
    .replace(/\s+/g, " ");
  if (!DAYS_BETWEEN_CUE.test(bare) && !COUNTDOWN_CUE.test(bare)) return undefined;
  if (!/\b(?:hom nay|nay|con|nua|den nay|toi nay|da qua|duoc)\b/.test(bare)) return undefined;
  const phrases = findDatePhrases(fold(u.text), { today: ctx.today });
  // ("từ hôm nay đến ngày 30/4/2027": a span from today, read as its other end.)
  // ("từ ngày 20/2/2023 đến hôm nay": a span to today, read as its first end.)
  const fromToday =
    phrases.find((p) => p.kind === "range" && p.relative && p.from === ctx.today && p.to) ??
    phrases
      .filter((p) => p.kind === "range" && p.relative && p.to === ctx.today && p.from && p.from < ctx.today)
      .map((p) => ({ ...p, to: p.from }))[0];
  const days = phrases.filter(
    (p) =>
      p.kind === "day" &&
      p.from &&
      p.from === p.to &&
      !p.relative &&
      /(?:19|20)\d\d/.test(fold(u.text).slice(p.index, p.index + p.length)),
  );
  // ("mấy ngày nữa đến 30/4": a day without its year counts to its next coming; "từ 10/10 đến nay": back
  // to its last.)
  const yearless = days.length
    ? []
    : findDatePhrases(fold(u.text), { today: ctx.today, defaultYear: Number(ctx.today.slice(0, 4)) }).filter(
        (p) => p.kind === "day" && p.from && p.from === p.to && !p.relative,
      );
  const coming = COUNTDOWN_CUE.test(bare) || /\b(?:nua|sap toi|toi day)\b/.test(bare);
  const around =
    !days.length && !fromToday && yearless.length === 1
      ? nearestOfDay(yearless[0]!.from!.slice(5), ctx.today, coming)
      : undefined;
  if ((days.length !== 1 && !fromToday && !around) || findDocRefs(u.text).length) return undefined;
  const date = around ?? fromToday?.to ?? days[0]!.from!;
  const { kb } = ctx;
  const holiday = kb.data.holidays.find((h) => h.date === date);
  const r = new ReplyBuilder("deadlines");
  const today = formatViDate(ctx.today);
  // (With the day's weekday: "… là thứ mấy, còn bao nhiêu ngày".)
  if (date > ctx.today)
    r.line(
      `Từ hôm nay (${today}) đến ngày ${formatViDate(date)} (${weekdayOf(date)}) còn ${daysText(diffDays(ctx.today, date), bare)}.`,
    );
  else if (date < ctx.today)
    r.line(`Từ ngày ${formatViDate(date)} đến hôm nay (${today}) là ${diffDays(date, ctx.today)} ngày.`);
  else r.line(`Ngày ${formatViDate(date)} là hôm nay.`);
  if (holiday)
    r.line(`Ngày ${formatViDate(date)} là ngày nghỉ lễ ${holiday.name}.`, kb.citeAll(holiday.sources));
  return r.build();
}

/**
 * "30/4 và 1/5/2027", "dịp 30/4 - 1/5/2027": the days a question names, two to seven of them (a short
 * span read as its days); undefined for one day or none. A day without its year takes the year of the
 * next day written with one, else `year`.
 */
function severalDays(text: string, year: number): string[] | undefined {
  const f = fold(text);
  const written = [...f.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\d/])/g)];
  if (written.length < 2 || written.length > 7) return undefined;
  const out: string[] = [];
  let y = year;
  for (let i = written.length - 1; i >= 0; i--) {
    const [, d, m, yy] = written[i]!;
    if (yy) y = Number(yy);
    const iso = isoDate(y, Number(m), Number(d));
    if (!iso) return undefined;
    out.unshift(iso);
  }
  // (A span "30/4 - 1/5/2027": its days; a day before the next in the text keeps its year order.)
  const spans = /\d\s*(?:-|đến|den|toi)\s*\d/.test(f) && out.length === 2;
  if (spans) {
    const [a, b] = out as [string, string];
    const n = diffDays(a, b);
    if (n < 0 || n > 6) return undefined;
    return Array.from({ length: n + 1 }, (_, i) => addDays(a, i));
  }
  return [...new Set(out)].length >= 2 ? [...new Set(out)] : undefined;
}

/** "311 ngày", with the weeks when asked in weeks ("còn bao nhiêu tuần": "311 ngày (44 tuần 3 ngày)"). */
function daysText(n: number, bare: string): string {
  if (!/\btuan\b/.test(bare) || n < 7) return `${n} ngày`;
  const rest = n % 7;
  return `${n} ngày (${Math.floor(n / 7)} tuần${rest ? ` ${rest} ngày` : ""})`;
}

/** The day of a month-day ("04-30") next coming from today (today included), or last passed. */
function nearestOfDay(monthDay: string, today: string, coming: boolean): string | undefined {
  const year = Number(today.slice(0, 4));
  const [month, day] = monthDay.split("-").map(Number) as [number, number];
  // (29/2 exists only in leap years.)
  const candidates = [year - 1, year, year + 1].flatMap((y) => isoDate(y, month, day) ?? []);
  return coming ? candidates.find((d) => d >= today) : candidates.filter((d) => d <= today).at(-1);
}

export function answerWeekday(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s/]/gu, " ").replace(/\s+/g, " ");
  // ("Từ hôm nay tới Tết Dương lịch còn mấy ngày, hôm đó là thứ mấy": a holiday named, counted down
  // with its weekday by the holiday's own answer.)
  if (NAMED.test(bare) && COUNTDOWN_CUE.test(bare)) return undefined;
  // ("ngày CĐS tỉnh gần nhất đã qua": the last one, keywords only.)
  const since = asksLast(bare);
  const relative = PASSED_CUE.test(bare) || COUNTDOWN_CUE.test(bare) || TODAY_CUE.test(bare) || since;
  if (!WEEKDAY_CUE.test(bare) && !relative) return undefined;
  const { kb } = ctx;
  const thisYear = Number(ctx.today.slice(0, 4));
  const asked = /\bnam nay\b/.test(bare)
    ? thisYear
    : /\bnam (?:sau|toi)\b/.test(bare)
      ? thisYear + 1
      : u.year;
  // The yearly day the question names best (most of its words, "tỉnh" and "quốc gia" apart).
  const named = fittingYearlyDays(u, ctx)[0]?.y;
  const written = findDatePhrases(fold(u.text), { today: ctx.today, defaultYear: asked ?? thisYear }).find(
    (p) => p.kind === "day" && p.from && p.from === p.to,
  );
  if (relative && named && (!written || (written.relative && TODAY_CUE.test(bare))))
    return yearlyDayNow(named, bare, asked, ctx);
  if (!WEEKDAY_CUE.test(bare)) return undefined;
  const several = severalDays(u.text, asked ?? thisYear);
  if (several) {
    const r = new ReplyBuilder("deadlines");
    for (const d of several) {
      const h = kb.data.holidays.find((x) => x.date === d);
      r.line(
        `Ngày ${formatViDate(d)} là ${weekdayOf(d)}${h ? `, ngày nghỉ lễ ${h.name}` : ""}.`,
        h ? kb.citeAll(h.sources) : [],
      );
    }
    return r.build();
  }
  let date: string | undefined;
  if (written?.from) date = written.from;
  else if (named) {
    date = asked ? dayIn(named, asked) : nextOf(named, ctx.today);
  }
  // "Tết Dương lịch năm 2027 rơi vào thứ mấy": a listed holiday named by what it celebrates.
  const holidayName = !date ? NAMED.exec(u.folded)?.[1] : undefined;
  if (holidayName) {
    const year = asked ?? thisYear;
    const named = kb.data.holidays
      .filter((h) => fold(h.name).includes(holidayName))
      .sort((a, b) => a.date.localeCompare(b.date));
    // ("Tết Dương lịch sắp tới thứ mấy": the next one from today.)
    const upcoming =
      asked === undefined &&
      /\b(?:sap toi|toi nay|lan toi|ke tiep|sap den|gan nhat)\b|\btoi (?:roi|thu)\b/.test(bare);
    date = upcoming
      ? named.find((h) => h.date >= ctx.today)?.date
      : named.find((h) => h.date.startsWith(String(year)))?.date;
  }
  if (!date) return undefined;
  const weekday = weekdayOf(date);
  const holiday = kb.data.holidays.find((h) => h.date === date);
  const r = new ReplyBuilder("deadlines");
  if (named && (!written || written.from?.slice(5) === date.slice(5))) {
    const doc = kb.document(named.docId);
    r.line(
      `${named.name} năm ${date.slice(0, 4)} (${formatViDate(date)}) rơi vào ${weekday}.`,
      doc ? kb.citeAll([doc.id, ...doc.sources]) : [],
    );
  } else if (holiday) {
    // "02/9/2027 là thứ mấy, có phải ngày nghỉ lễ không": both.
    r.line(
      `Ngày ${formatViDate(date)} là ${weekday}, ngày nghỉ lễ ${holiday.name}.`,
      kb.citeAll(holiday.sources),
    );
  } else {
    r.line(`Ngày ${formatViDate(date)} là ${weekday}.`);
  }
  // "lễ 1/5 năm sau thứ mấy, còn mấy ngày": the days left too.
  const left = diffDays(ctx.today, date);
  if (left > 0 && COUNTDOWN_CUE.test(bare))
    r.line(`Còn ${left} ngày (tính từ hôm nay, ${formatViDate(ctx.today)}).`);
  return r.build();
}

/** "lần tới", "lần sau", "sắp tới", "tiếp theo", "kế tiếp": the next occurrence asked. */
const NEXT_WORD = /\b(?:lan toi|lan sau|sap toi|tiep theo|ke tiep)\b/;
const NEXT_AT_END = /\b(?:lan toi|lan sau|sap toi|tiep theo|ke tiep)\s*$/;
/** "ngày CĐS tỉnh gần nhất đã qua", keywords only: the last one. */
const LAST_AT_END = /\b(?:gan nhat|vua qua|vua roi|lan truoc|da qua)\s*$/;
/** The last occurrence asked: "gần nhất … là ngày nào", "vừa qua đã bao lâu", "gần nhất đã qua". */
function asksLast(bare: string): boolean {
  return (
    LAST_CUE.test(bare) && (SINCE_CUE.test(bare) || /\bda qua\b/.test(bare) || LAST_AT_END.test(bare.trim()))
  );
}

/** "là ngày nào", "trùng nhau không", "cách nhau mấy ngày", "văn bản nào quy định": what a yearly day is. */
const YEARLY_DAY_CUE =
  /\b(?:ngay nao|ngay may|la ngay gi|khi nao|bao gio|trung|cach nhau|khac nhau|giong nhau|cung ngay|cung mot ngay|lay ngay|chon ngay|quy dinh)\b/;

/**
 * "Ngày Chuyển đổi số tỉnh là ngày nào", "Ngày CĐS tỉnh có trùng Ngày CĐS quốc gia không", "hai ngày
 * cách nhau mấy ngày": the yearly days the question names, each with its day and the document that set
 * it; two of them compared.
 */
function answerYearlyDay(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s/]/gu, " ").replace(/\s+/g, " ");
  // "Chủ nhật tuần này có phải Ngày CĐS không", "ngày 13/10/2024 có phải ngày chuyển đổi số không": the
  // day named (with its year), checked against the yearly day.
  const asksIs = /\bco phai\b|\b(?:dung|phai) (?:khong|ko|k)\b/.test(bare);
  const dated = asksIs
    ? findDatePhrases(untelexText(fold(u.text)), {
        today: ctx.today,
        defaultYear: u.year ?? Number(ctx.today.slice(0, 4)),
      }).filter(
        (p) =>
          p.kind === "day" &&
          p.from &&
          p.from === p.to &&
          /\d{4}|tuan|nay|mai|qua/.test(fold(u.text).slice(p.index, p.index + p.length)),
      )
    : [];
  if (dated.length === 1 && !findDocRefs(u.text).length) {
    const named = namedYearlyDays(u, ctx);
    if (named.length === 1) {
      const y = named[0]!;
      const date = dated[0]!.from!;
      const [year, month, day] = date.split("-").map(Number) as [number, number, number];
      const same = day === y.day && month === y.month;
      const d = ctx.kb.document(y.docId);
      const that = dayIn(y, year);
      return new ReplyBuilder("deadlines")
        .line(
          `${same ? "Có" : "Không"}. Ngày ${formatViDate(date)} (${weekdayOf(date)}) ${same ? "là" : "không phải"} ${y.name}; ${y.name} là ngày ${y.day}/${y.month} hằng năm${d ? ` (${documentLabel(d)})` : ""}${same ? "" : `, năm ${year} là ${formatViDate(that)} (${weekdayOf(that)})`}.`,
          d ? ctx.kb.citeAll([d.id, ...d.sources]) : [],
        )
        .build();
    }
  }
  // "Tuần này có Ngày CĐS tỉnh không", "tháng sau có ngày chuyển đổi số không": whether it falls in that
  // week or month.
  const span = /\bco\b.*\b(?:khong|ko|k)\b/.test(bare)
    ? findDatePhrases(untelexText(fold(u.text)), { today: ctx.today }).find(
        (p) => (p.kind === "week" || p.kind === "month") && p.from && p.to,
      )
    : undefined;
  if (span && !findDocRefs(u.text).length) {
    const named = namedYearlyDays(u, ctx);
    if (named.length === 1) {
      const y = named[0]!;
      const d = ctx.kb.document(y.docId);
      const cites = d ? ctx.kb.citeAll([d.id, ...d.sources]) : [];
      const years = [Number(span.from!.slice(0, 4)), Number(span.to!.slice(0, 4))];
      const within = [...new Set(years)]
        .map((yr) => dayIn(y, yr))
        .find((x) => x >= span.from! && x <= span.to!);
      const Period = upperFirst(span.label ?? "khoảng thời gian này");
      if (within)
        return new ReplyBuilder("deadlines")
          .line(`Có. ${Period} có ${y.name}: ${formatViDate(within)} (${weekdayOf(within)}).`, cites)
          .build();
      const next = nextOf(y, ctx.today);
      return new ReplyBuilder("deadlines")
        .line(
          `Không. ${Period} không có ${y.name} (ngày ${y.day}/${y.month} hằng năm); lần tới: ${formatViDate(next)} (${weekdayOf(next)}), còn ${diffDays(ctx.today, next)} ngày.`,
          cites,
        )
        .build();
    }
  }
  // "Ngày CĐS tỉnh là ngày 10/11 đúng không": the day said, checked against the one set.
  const said = /\b(\d{1,2})\/(\d{1,2})\b(?!\/\d)/.exec(bare);
  if (
    said &&
    !findDocRefs(u.text).length &&
    // ("Ngày CĐS tỉnh là 9/11 hả?": the particle asks yes or no.)
    /\b(?:dung|phai) (?:khong|ko|k)\b|\bco phai\b|\bdung chu\b|\bphai chu\b|\b(?:ha|hay sao|a|ah|u|nhi) ?$/.test(
      bare.trim(),
    )
  ) {
    const named = namedYearlyDays(u, ctx);
    if (named.length === 1) {
      const y = named[0]!;
      const d = ctx.kb.document(y.docId);
      const same = Number(said[1]) === y.day && Number(said[2]) === y.month;
      return new ReplyBuilder("deadlines")
        .line(
          `${same ? (/\bco phai\b/.test(bare) ? "Có" : "Đúng") : "Không"}. ${y.name} là ngày ${y.day}/${y.month} hằng năm${d ? ` (${documentLabel(d)})` : ""}.`,
          d ? ctx.kb.citeAll([d.id, ...d.sources]) : [],
        )
        .build();
    }
  }
  if (
    !YEARLY_DAY_CUE.test(expandAbbreviations(bare)) &&
    !NEXT_AT_END.test(bare.trim()) &&
    !LAST_AT_END.test(bare.trim())
  )
    return undefined;
  // A given year's or the next occurrence ("lần tới", "năm sau"), a task, a meeting, a person or a
  // document named: answered by those (the occurrence with its year, the task's card…).
  // ("Ngày CĐS quốc gia tới là ngày nào": a day no task is about has no task to answer it: its next
  // occurrence here.)
  const nextAsked = NEXT_WORD.test(bare) || /\btoi (?:la|roi)\b/.test(bare);
  if (nextAsked && !/\b(?:nhiem vu|tuyen truyen|phoi hop|chu tri|hop|ai)\b/.test(bare)) {
    const named = namedYearlyDays(u, ctx);
    // ("Ngày Chuyển đổi số tiếp theo", neither tỉnh nor quốc gia said: both, when they fall on one day.)
    const every = NEXT_WORD.test(bare) ? namedYearlyDays(u, ctx, { allWhenUnsaid: true }) : [];
    const oneDay =
      every.length > 1 && every.every((x) => x.day === every[0]!.day && x.month === every[0]!.month);
    const y = named.length === 1 ? named[0]! : undefined;
    const ofTask =
      y && ctx.kb.data.tasks.some((t) => t.deadline.recurrence && fold(t.title).includes(fold(y.name)));
    const days = oneDay ? every : y && !ofTask ? [y] : [];
    if (days.length) {
      const first = days[0]!;
      const next = nextOf(first, ctx.today);
      const docs = days.flatMap((x) => ctx.kb.document(x.docId) ?? []);
      const set = days.length > 1 ? "cùng ngày" : "ngày";
      const by = days.length === 1 && docs[0] ? ` (${documentLabel(docs[0])})` : "";
      return new ReplyBuilder("deadlines")
        .line(
          `${days.map((x) => x.name).join(" và ")} lần tới: ${formatViDate(next)} (${weekdayOf(next)}), còn ${daysText(diffDays(ctx.today, next), bare)}; ${set} ${first.day}/${first.month} hằng năm${by}.`,
          ctx.kb.citeAll(docs.flatMap((d) => [d.id, ...d.sources])),
        )
        .build();
    }
  }
  if (
    NEXT_WORD.test(bare) ||
    /\b(?:toi la|toi roi|nhiem vu|tuyen truyen|phoi hop|chu tri|hop|ban viec|de xuat|ai)\b/.test(bare) ||
    (bare.match(/\b(?:19|20)\d\d\b/g)?.length ?? 0) > 1 ||
    findDocRefs(u.text).length
  )
    return undefined;
  // "Ngày CĐS tỉnh năm 2026 là ngày nào": that year's day.
  // ("năm ngoái", "năm nay", "năm sau": the year as the question's year reads it.)
  const yearAsked =
    Number(/\b((?:19|20)\d\d)\b/.exec(bare)?.[1]) ||
    (/\bnam (?:ngoai|truoc|qua|roi|nay|sau|toi)\b/.test(bare) ? u.year : undefined);
  const named = namedYearlyDays(u, ctx);
  if (!named.length) return undefined;
  const { kb } = ctx;
  const r = new ReplyBuilder("deadlines");
  const cite = (docId: string) => {
    const d = kb.document(docId);
    return d ? kb.citeAll([d.id, ...d.sources]) : [];
  };
  const label = (docId: string) => {
    const d = kb.document(docId);
    return d ? ` (${documentLabel(d)})` : "";
  };
  if (named.length >= 2) {
    const [a, b] = named as [YearlyDay, YearlyDay];
    const same = a.day === b.day && a.month === b.month;
    const year = Number(ctx.today.slice(0, 4));
    const gap = Math.abs(diffDays(dayIn(a, year), dayIn(b, year)));
    r.line(
      same
        ? `Trùng nhau: cả hai đều là ngày ${a.day}/${a.month} hằng năm.`
        : `Không trùng: ${a.name} là ngày ${a.day}/${a.month}, ${b.name} là ngày ${b.day}/${b.month} hằng năm (cách nhau ${gap} ngày).`,
    );
    for (const y of [a, b])
      r.line(`• ${y.name}: ngày ${y.day}/${y.month} hằng năm${label(y.docId)}.`, cite(y.docId));
    // "… năm 2027 là ngày nào, có trùng … không": that year's days too.
    if (yearAsked) {
      const date = (y: YearlyDay) => dayIn(y, yearAsked);
      r.line(
        same
          ? `Năm ${yearAsked}: cả hai là ngày ${formatViDate(date(a))} (${weekdayOf(date(a))}).`
          : `Năm ${yearAsked}: ${a.name} là ${formatViDate(date(a))}, ${b.name} là ${formatViDate(date(b))}.`,
      );
    }
    return r.build();
  }
  const y = named[0]!;
  if (yearAsked) {
    const date = dayIn(y, yearAsked);
    r.line(`${y.name} năm ${yearAsked} là ngày ${formatViDate(date)} (${weekdayOf(date)}).`, cite(y.docId));
    r.item("document", y.docId);
    return r.build();
  }
  // "văn bản nào quy định …": the document first (of each day the words fit, when neither is said).
  const doc = kb.document(y.docId);
  const asksDocument = /\b(?:van ban|vb|quyet dinh|qd)\b/.test(expandAbbreviations(bare));
  const every = asksDocument ? namedYearlyDays(u, ctx, { allWhenUnsaid: true }) : [];
  if (every.length > 1) {
    for (const x of every) {
      const d = kb.document(x.docId);
      if (!d) continue;
      r.line(
        `• ${x.name}: ${documentLabel(d)} của ${d.issuer} (ngày ${x.day}/${x.month} hằng năm).`,
        cite(x.docId),
      );
      r.item("document", x.docId);
    }
    return r.build();
  }
  if (doc && asksDocument) {
    r.line(`Văn bản: ${documentLabel(doc)} của ${doc.issuer}.`, cite(y.docId));
    r.line(`${y.name} là ngày ${y.day}/${y.month} hằng năm.`, cite(y.docId));
  } else r.line(`${y.name} là ngày ${y.day}/${y.month} hằng năm${label(y.docId)}.`, cite(y.docId));
  r.item("document", y.docId);
  return r.build();
}

type YearlyDay = { name: string; month: number; day: number; docId: string };

/** A yearly day in a given year, as an ISO day (10/10 in 2027 → "2027-10-10"), by the deadlines' rule. */
function dayIn(y: { month: number; day: number }, year: number): string {
  return nextOccurrence({ kind: "yearly", month: y.month, day: y.day }, `${year}-01-01`);
}

/** A yearly day's next occurrence from today (today's included). */
function nextOf(y: { month: number; day: number }, today: string): string {
  return nextOccurrence({ kind: "yearly", month: y.month, day: y.day }, today);
}

/** What the holiday list leaves out, said with its answers. */
const FIXED_HOLIDAYS_NOTE =
  "Tính theo danh sách ngày nghỉ lễ cố định; Tết Âm lịch, Giỗ Tổ và nghỉ bù có thể chưa có trong danh sách.";

/**
 * The yearly days a question names, best first: most of each name's words ("tỉnh" of the province's name
 * need not be typed), its head written as one phrase ("bao nhiêu ngày … CĐS" names no day).
 */
function fittingYearlyDays(
  u: Understanding,
  ctx: AnswerContext,
): { y: YearlyDay; terms: string[]; fit: number }[] {
  const words = new Set(searchTerms(u.folded));
  const province = new Set(searchTerms(fold(ctx.kb.data.province.name)));
  return yearlyDays(ctx)
    .map((y) => {
      const terms = searchTerms(expandAbbreviations(fold(y.name))).filter((t) => !province.has(t));
      return { y, terms, fit: terms.filter((t) => words.has(t)).length / terms.length };
    })
    .filter((x) => x.fit >= 0.75 && phraseIn(u.folded, x.y.name))
    .sort((a, b) => b.fit - a.fit);
}

/** The yearly days a question names: each named by its own words, or the best one. */
function namedYearlyDays(
  u: Understanding,
  ctx: AnswerContext,
  opts: { allWhenUnsaid?: boolean } = {},
): YearlyDay[] {
  const words = new Set(searchTerms(u.folded));
  const fitting = fittingYearlyDays(u, ctx);
  // Two days whose names differ by one word ("quốc gia", "tỉnh"): each needs its own word.
  const own = fitting.filter((x) =>
    x.terms.every((t) => words.has(t) || fitting.every((o) => o === x || o.terms.includes(t))),
  );
  // (Neither "tỉnh" nor "quốc gia" said, "văn bản nào quy định Ngày Chuyển đổi số": every day whose other
  // words are all there, when asked.)
  if (opts.allWhenUnsaid) {
    const province = new Set(searchTerms(fold(ctx.kb.data.province.name)));
    const level = new Set(["tinh", "quoc", "gia"]);
    const every = yearlyDays(ctx).filter((y) => {
      const terms = searchTerms(expandAbbreviations(fold(y.name))).filter(
        (t) => !province.has(t) && !level.has(t),
      );
      return terms.length >= 2 && terms.every((t) => words.has(t));
    });
    if (every.length > 1 && [...level].every((t) => !words.has(t))) return every;
  }
  return (own.length ? own : fitting.slice(0, 1)).map((x) => x.y);
}

/** A yearly day against today: passed or not this year, days to the next one, whether it is today. */
function yearlyDayNow(
  day: { name: string; month: number; day: number; docId: string },
  bare: string,
  asked: number | undefined,
  ctx: AnswerContext,
): Reply {
  const { kb } = ctx;
  const thisYear = Number(ctx.today.slice(0, 4));
  const on = (y: number) => dayIn(day, y);
  const days = diffDays;
  const doc = kb.document(day.docId);
  const cites = doc ? kb.citeAll([doc.id, ...doc.sources]) : [];
  const next = nextOf(day, ctx.today);
  const r = new ReplyBuilder("deadlines");
  if (asksLast(bare) && !COUNTDOWN_CUE.test(bare)) {
    const last = on(thisYear) <= ctx.today ? on(thisYear) : on(thisYear - 1);
    r.line(
      `${day.name} gần nhất: ${formatViDate(last)} (${weekdayOf(last)}), đã qua ${days(last, ctx.today)} ngày tính đến hôm nay (${formatViDate(ctx.today)}); lần tới: ${formatViDate(next)}.`,
      cites,
    );
    return r.build();
  }
  if (TODAY_CUE.test(bare)) {
    if (on(thisYear) === ctx.today)
      r.line(`Đúng. Hôm nay (${formatViDate(ctx.today)}) là ${day.name}.`, cites);
    else
      r.line(
        `Không. ${day.name} là ngày ${day.day}/${day.month} hằng năm; lần tới: ${formatViDate(next)} (còn ${days(ctx.today, next)} ngày).`,
        cites,
      );
    return r.build();
  }
  if (PASSED_CUE.test(bare)) {
    const year = asked ?? thisYear;
    const date = on(year);
    if (date < ctx.today)
      r.line(
        `${/\bchua\b|\broi (?:ha|a|ah|chu|nhi)\b/.test(bare) ? "Rồi. " : ""}${day.name} năm ${year} là ${formatViDate(date)}, đã qua ${days(date, ctx.today)} ngày; lần tới: ${formatViDate(next)}.`,
        cites,
      );
    else if (date === ctx.today) r.line(`${day.name} là hôm nay, ${formatViDate(date)}.`, cites);
    else
      r.line(
        `Chưa. ${day.name} năm ${year} là ${formatViDate(date)}, còn ${days(ctx.today, date)} ngày.`,
        cites,
      );
    return r.build();
  }
  r.line(`${day.name} lần tới: ${formatViDate(next)}, còn ${daysText(days(ctx.today, next), bare)}.`, cites);
  return r.build();
}

/**
 * The folded question without the words that hold "nghị" but are no day off ("có nghị quyết nào", "hội
 * nghị", "đề nghị"): folded, "nghị" is "nghỉ".
 */
function withoutNghiWords(folded: string): string {
  return folded
    .replace(/\b(?:hoi|de|kien|thuong|tham|du|phien) nghi\b/g, " ")
    .replace(/\bnghi (?:quyet|dinh|su|luan|vien|truong)\b/g, " ")
    .replace(/\s+/g, " ");
}

export function answerHoliday(asked: Understanding, ctx: AnswerContext): Reply | undefined {
  const { kb } = ctx;
  const u = { ...asked, folded: withoutNghiWords(asked.folded) };
  // "lịch nghỉ lễ lấy theo văn bản nào": where the listed holidays come from.
  if (
    /\b(?:nghi le|ngay le|lich nghi|ngay nghi)\b/.test(u.folded) &&
    /\b(?:van ban|luat|quy dinh|can cu|nguon) (?:nao|gi)\b|\btheo (?:van ban|luat) nao\b/.test(u.folded)
  ) {
    const ids = [...new Set(kb.data.holidays.flatMap((h) => h.sources))];
    const titles = ids.flatMap((id) => kb.source(id)?.title ?? []);
    if (titles.length)
      return new ReplyBuilder("deadlines")
        .line(`Ngày nghỉ lễ trong cơ sở tri thức lấy theo: ${titles.join("; ")}.`, kb.citeAll(ids))
        .note("Tết Âm lịch, Giỗ Tổ Hùng Vương và nghỉ bù theo thông báo hằng năm của Chính phủ.")
        .build();
  }
  // "sau Ngày CĐS tỉnh năm nay thì ngày lễ gần nhất là ngày nào": the first holiday after that day.
  const afterDay =
    /\b(?:nghi le|ngay le|ngay nghi)\b/.test(u.folded) && /\bsau\b/.test(u.folded)
      ? fittingYearlyDays(u, ctx)[0]?.y
      : undefined;
  if (afterDay) {
    const thisYear = Number(ctx.today.slice(0, 4));
    const year = /\bnam (?:sau|toi)\b/.test(u.folded) ? thisYear + 1 : (u.year ?? thisYear);
    const from = dayIn(afterDay, year);
    const next = [...kb.data.holidays].sort((a, b) => (a.date < b.date ? -1 : 1)).find((h) => h.date > from);
    if (next)
      return new ReplyBuilder("deadlines")
        .line(
          `Ngày nghỉ lễ đầu tiên sau ${afterDay.name} (${formatViDate(from)}): ${next.name}, ngày ${formatViDate(next.date)} (${weekdayOf(next.date)}).`,
          kb.citeAll(next.sources),
        )
        .note(FIXED_HOLIDAYS_NOTE)
        .build();
  }
  const between = answerDaysBetween(u, ctx) ?? answerDaysUntil(u, ctx);
  if (between) return between;
  const weekdayReply = answerWeekday(u, ctx);
  if (weekdayReply) return weekdayReply;
  const note = answerDayOfNote(u, ctx);
  if (note) return note;
  // "Ngày Chuyển đổi số tỉnh năm 2027 có được nghỉ làm không": a yearly day the knowledge records that is
  // no listed holiday; the sources do not make it a day off, and the reply says that much.
  const offDay =
    /\b(?:duoc nghi|nghi lam|nghi viec|ngay nghi|nghi le|co nghi|nghi (?:khong|ko|k|hok|hem)\b)/.test(
      u.folded,
    )
      ? namedYearlyDays(u, ctx)[0]
      : undefined;
  if (offDay) {
    const year = u.year ?? Number(ctx.today.slice(0, 4));
    const on = dayIn(offDay, year);
    if (!kb.data.holidays.some((h) => h.date === on)) {
      const listed = kb.data.holidays.filter((h) => h.date.startsWith(String(year)));
      return new ReplyBuilder("deadlines")
        .abstain()
        .line(
          `Nguồn hiện có không ghi ${offDay.name} (${formatViDate(on)}) là ngày nghỉ; ngày này không có trong danh sách ngày nghỉ lễ năm ${year}${listed.length ? ` (${listed.map((h) => formatViDate(h.date)).join(", ")})` : ""}.`,
          kb.citeAll([...new Set(listed.flatMap((h) => h.sources))]),
        )
        .build();
    }
  }
  const yearly = answerYearlyDay(u, ctx);
  if (yearly) return yearly;
  // "nghỉ Tết 2027": Tết alone is the lunar new year (Tết Dương lịch is named so).
  const named =
    NAMED.exec(u.folded)?.[1] ??
    (/\b(?:nghi|ngay) tet\b|\btet\b.*\bnghi\b/.test(u.folded) ? "tet am lich" : undefined);
  // "năm nay còn ngày nghỉ lễ nào nữa không", "những ngày lễ còn lại": the year's listed holidays not
  // yet passed, or that none is left and the next one.
  if (
    !named &&
    /\b(?:nghi le|ngay le|ngay nghi|le)\b/.test(u.folded) &&
    /\bcon\b.*\b(?:nao|gi|khong|ko)\b|\bcon lai\b/.test(u.folded) &&
    !COUNTDOWN_CUE.test(u.folded)
  ) {
    const year = u.year ?? Number(ctx.today.slice(0, 4));
    const sorted = [...kb.data.holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
    const left = sorted.filter((h) => h.date.startsWith(String(year)) && h.date >= ctx.today);
    const r = new ReplyBuilder("deadlines");
    if (left.length) {
      r.line(`Ngày nghỉ lễ còn lại trong năm ${year} (từ hôm nay, ${formatViDate(ctx.today)}):`);
      for (const h of left)
        r.line(`• ${formatViDate(h.date)} (${weekdayOf(h.date)}): ${h.name}`, kb.citeAll(h.sources));
    } else {
      const last = sorted.filter((h) => h.date.startsWith(String(year))).at(-1);
      const next = sorted.find((h) => h.date > ctx.today);
      r.line(
        `Năm ${year} không còn ngày nghỉ lễ nào trong danh sách${last ? ` (ngày cuối: ${last.name}, ${formatViDate(last.date)})` : ""}.`,
        last ? kb.citeAll(last.sources) : [],
      );
      if (next)
        r.line(
          `Ngày nghỉ lễ tiếp theo: ${next.name}, ngày ${formatViDate(next.date)}.`,
          kb.citeAll(next.sources),
        );
    }
    r.note(FIXED_HOLIDAYS_NOTE);
    return r.build();
  }
  // "ngày lễ tiếp theo", "sau Tết Dương lịch thì ngày lễ kế tiếp": the next listed holiday.
  // ("ngày nghỉ lễ đầu tiên sau (họp …) 20/2/2023": the first after that day.)
  const nextCue = /\b(?:tiep theo|ke tiep|sap toi|gan nhat|dau tien sau)\b/;
  if (
    (/\b(?:nghi le|ngay le|ngay nghi)\b/.test(u.folded) && nextCue.test(u.folded)) ||
    // ("tỷ lệ … tối thiểu": "lệ" of "tỷ lệ", "tối" of "tối thiểu" say nothing of holidays.)
    /\b(?:nghi le|ngay le|ngay nghi|(?<!ty )le)\b.*\b(?:tiep theo|ke tiep|sap toi|gan nhat|toi(?! thieu| da| uu))\b/.test(
      u.folded,
    )
  ) {
    const after = named
      ? kb.data.holidays
          .filter(
            (h) => fold(h.name).includes(named) && h.date.startsWith(String(u.year ?? ctx.today.slice(0, 4))),
          )
          .map((h) => h.date)[0]
      : undefined;
    const sinceDay = /\bsau\b/.test(u.folded)
      ? findDatePhrases(fold(u.text), { today: ctx.today }).find(
          (p) =>
            p.kind === "day" &&
            p.from &&
            p.from === p.to &&
            !p.relative &&
            /\bsau\b/.test(fold(u.text).slice(0, p.index)) &&
            /(?:19|20)\d\d/.test(fold(u.text).slice(p.index, p.index + p.length)),
        )?.from
      : undefined;
    const from = after ?? sinceDay ?? ctx.today;
    const sorted = [...kb.data.holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
    const next = sorted.find((h) => h.date > from);
    const r = new ReplyBuilder("deadlines");
    if (!next)
      return r.abstain().line("Danh sách ngày nghỉ lễ của cơ sở tri thức chưa có ngày nào sau đó.").build();
    // Holidays that follow within a week (30/4 and 1/5) come with it.
    const following = sorted.filter((x) => x.date > next.date && x.date <= addDays(next.date, 7));
    // (Counted from today when it is the next from today: "còn mấy ngày".)
    const left = from === ctx.today ? `, còn ${diffDays(ctx.today, next.date)} ngày` : "";
    r.line(
      `Ngày nghỉ lễ ${sinceDay && !after ? `đầu tiên sau ngày ${formatViDate(sinceDay)}` : "tiếp theo"}: ${next.name}, ngày ${formatViDate(next.date)} (${weekdayOf(next.date)})${left}${sinceDay && !after ? `, sau ${diffDays(sinceDay, next.date)} ngày` : ""}.`,
      kb.citeAll(next.sources),
    );
    for (const h of following)
      r.line(`Tiếp đó: ${h.name}, ngày ${formatViDate(h.date)}.`, kb.citeAll(h.sources));
    r.note(FIXED_HOLIDAYS_NOTE);
    return r.build();
  }
  // "còn bao nhiêu ngày đến Tết Dương lịch (2027)": days from today to its next listed day.
  if (named && COUNTDOWN_CUE.test(u.folded)) {
    const next = kb.data.holidays
      .filter((h) => fold(h.name).includes(named) && h.date >= ctx.today)
      .filter((h) => !u.year || h.date.startsWith(String(u.year)))
      .sort((a, b) => (a.date < b.date ? -1 : 1))[0];
    if (next) {
      const days = diffDays(ctx.today, next.date);
      return new ReplyBuilder("deadlines")
        .line(
          `${next.name}: ngày ${formatViDate(next.date)} (${weekdayOf(next.date)}), còn ${days} ngày (tính từ hôm nay, ${formatViDate(ctx.today)}).`,
          kb.citeAll(next.sources),
        )
        .build();
    }
  }
  if (
    named &&
    (HOLIDAY_CUE.test(u.folded) || /\bnghi\b|\ble\b|\bngay nao\b|\bla ngay\b/.test(u.folded) || u.year)
  ) {
    const year = u.year ?? Number(ctx.today.slice(0, 4));
    // A day off in lieu or next to the holiday ("nghỉ bù", "liền kề") is published each year, not listed.
    const inLieu = /\b(?:nghi bu|lien ke|nghi them)\b/.test(u.folded);
    const days = inLieu
      ? []
      : kb.data.holidays.filter((h) => h.date.startsWith(String(year)) && fold(h.name).includes(named));
    const r = new ReplyBuilder("deadlines");
    if (!days.length) {
      return r
        .abstain()
        .line(`Danh sách ngày nghỉ lễ năm ${year} của cơ sở tri thức chưa có ngày này.`)
        .note("Các ngày nghỉ Tết Âm lịch, Giỗ Tổ Hùng Vương và nghỉ bù do Chính phủ thông báo hằng năm.")
        .build();
    }
    for (const h of days) r.line(`${h.name}: nghỉ ngày ${formatViDate(h.date)}.`, kb.citeAll(h.sources));
    return r.build();
  }
  if (!HOLIDAY_CUE.test(u.folded)) return undefined;
  // "từ nay đến hết tháng 5 có ngày nghỉ lễ nào", "tháng sau có được nghỉ lễ không": the listed holidays
  // in that period; "30/4 và 1/5 năm 2027": each day named.
  // ("tháng 9 này có ngày lễ nào": a month without its year is this year's.)
  // (Read with Telex leftovers taken out: "nawm nay".)
  const phrases = findDatePhrases(untelexText(fold(u.text), u.text), {
    today: ctx.today,
    defaultYear: u.year ?? Number(ctx.today.slice(0, 4)),
  });
  // "từ nay đến hết tháng 5", "đến cuối T5": from today to the end of that month (this year, or the next
  // when it has passed).
  const untilMonth = /\b(?:den|toi|truoc) (?:het|cuoi) (?:thang |t)(\d{1,2})\b/.exec(u.folded)?.[1];
  let until: { from: string; to: string; label: string } | undefined;
  if (untilMonth && Number(untilMonth) >= 1 && Number(untilMonth) <= 12) {
    const m = Number(untilMonth);
    let y = Number(ctx.today.slice(0, 4));
    if (m < Number(ctx.today.slice(5, 7))) y += 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const to = `${y}-${String(m).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
    until = { from: ctx.today, to, label: `từ nay đến hết tháng ${m}/${y}` };
  }
  const period = until ?? phrases.find((p) => p.kind !== "day" && p.from && p.to);
  const days = phrases.filter((p) => p.kind === "day" && p.from && p.from === p.to);
  // "Lễ 30/4-1/5 có được nghỉ bù không": make-up and adjacent days off are published each year.
  const makeUp = /\b(?:nghi bu|lien ke|nghi them|ngay lien)\b/.test(u.folded);
  if (period?.from && period.to && !days.length) {
    const from =
      /\b(?:tu nay|tu gio|tu bay gio|den het|den cuoi)\b/.test(u.folded) && period.from > ctx.today
        ? ctx.today
        : period.from;
    const list = kb.data.holidays.filter((h) => h.date >= from && h.date <= period.to!);
    const label = period.label ?? "khoảng đó";
    const within = label.startsWith("từ") ? label : `trong ${label}`;
    const r = new ReplyBuilder("deadlines");
    if (!list.length) {
      r.abstain().line(
        `Danh sách ngày nghỉ lễ của cơ sở tri thức không có ngày nào trong ${period.label ?? "khoảng đó"}.`,
      );
    } else {
      // "ngày nghỉ lễ cuối cùng năm nay": the last (or first) of them, said first.
      const last = /\b(?:cuoi cung|sau cung)\b/.test(u.folded);
      const first = /\bdau tien\b/.test(u.folded);
      const one = last ? list.at(-1) : first ? list[0] : undefined;
      if (one)
        r.line(
          `Ngày nghỉ lễ ${last ? "cuối cùng" : "đầu tiên"} ${within}: ${formatViDate(one.date)} (${one.name}).`,
          kb.citeAll(one.sources),
        );
      if (makeUp) r.abstain().line(`Nguồn hiện có không ghi ngày nghỉ thêm, nghỉ bù ${within}.`);
      r.line(makeUp ? `Điều đã biết, ngày nghỉ lễ ${within}:` : `Ngày nghỉ lễ ${within}:`);
      for (const h of list)
        r.line(`• ${formatViDate(h.date)} (${weekdayOf(h.date)}): ${h.name}`, kb.citeAll(h.sources));
    }
    r.note(
      "Tết Âm lịch, Giỗ Tổ Hùng Vương và nghỉ bù do Chính phủ thông báo hằng năm có thể chưa có trong danh sách.",
    );
    return r.build();
  }
  if (days.length > 1) {
    const r = new ReplyBuilder("deadlines");
    if (makeUp) r.abstain().line("Nguồn hiện có không ghi ngày nghỉ thêm, nghỉ bù liền kề các ngày này.");
    for (const d of days) {
      const h = kb.data.holidays.find((x) => x.date === d.from);
      if (h) r.line(`${formatViDate(d.from!)}: nghỉ lễ ${h.name}.`, kb.citeAll(h.sources));
      else r.line(`${formatViDate(d.from!)}: không có trong danh sách ngày nghỉ lễ.`);
    }
    return r.build();
  }
  // "30/4 năm 2025": the year written apart from the day.
  // ("mai có được nghỉ lễ không": tomorrow, typed without "ngày".)
  const day = findDatePhrases(fold(u.text).replace(/^\s*mai\b/, "ngay mai"), {
    today: ctx.today,
    ...(u.year ? { defaultYear: u.year } : {}),
  }).find((p) => p.kind === "day" && p.from === p.to);
  if (!day?.from) return undefined;
  const date = day.from;
  const holiday = kb.data.holidays.find((h) => h.date === date);
  const year = date.slice(0, 4);
  const r = new ReplyBuilder("deadlines");
  // "Lễ 2/9 được nghỉ thêm ngày liền kề nào": the day next to it is published each year, not listed.
  if (holiday && /\b(?:nghi bu|lien ke|nghi them|ngay lien)\b/.test(u.folded)) {
    return r
      .abstain()
      .line(`Nguồn hiện có không ghi ngày nghỉ thêm, nghỉ bù liền kề ngày ${formatViDate(date)}.`)
      .line(
        `Điều đã biết: ngày ${formatViDate(date)} là ngày nghỉ lễ ${holiday.name}.`,
        kb.citeAll(holiday.sources),
      )
      .note("Ngày nghỉ liền kề, nghỉ bù do Chính phủ thông báo hằng năm.")
      .build();
  }
  if (holiday) {
    r.line(`Có. Ngày ${formatViDate(date)} là ngày nghỉ lễ: ${holiday.name}.`, kb.citeAll(holiday.sources));
    return r.build();
  }
  const weekday = dayOfWeek(date);
  const listed = kb.data.holidays.filter((h) => h.date.startsWith(year));
  r.abstain();
  r.line(
    listed.length
      ? `Ngày ${formatViDate(date)} (${weekdayOf(date)}) không có trong danh sách ngày nghỉ lễ năm ${year} của cơ sở tri thức.`
      : `Cơ sở tri thức chưa có danh sách ngày nghỉ lễ năm ${year}.`,
    listed.length ? kb.citeAll(listed[0]!.sources) : [],
  );
  if (weekday === 0 || weekday === 6) r.line("Đó là ngày nghỉ hằng tuần.");
  r.note(
    "Các ngày nghỉ Tết Âm lịch, Giỗ Tổ Hùng Vương và nghỉ bù do Chính phủ thông báo hằng năm có thể chưa có trong danh sách.",
  );
  return r.build();
}
