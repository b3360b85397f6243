/**
 * The leaders' commands, channel-neutral (leaders of the steering committee and admins:
 * `Assistant.isLeader`):
 * - /tongquan [năm]: the overview per unit (đỏ / cam / xanh, worst first, totals, the longest overdue
 *   tasks) and its chart; anyone else gets a polite refusal.
 * - /donvi <tên đơn vị> [năm]: a unit's card for a leader (head, tasks with status and due dates,
 *   answers to reminders, extension history); others get the plain unit answer. The name is matched
 *   like a question's unit names, then fuzzily; an unknown name gets the closest names as choices.
 * - /baocao [tháng|quý|năm]: the progress report as an .xlsx document, named like the CLI's.
 *
 * Year of the overview and the card: the one given, else the current year when any task falls in it,
 * else the latest year that has tasks (the reply says which). Vega (the chart) and ExcelJS (the report)
 * are loaded the first time they are needed.
 */
import type { Logger } from "pino";
import type { App } from "../app/app.ts";
import type { Assistant, Person } from "../app/assistant.ts";
import type { Lexicon } from "../core/answers/lexicon.ts";
import { type Reply, ReplyBuilder } from "../core/answers/reply.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import {
  buildOverview,
  type Overview,
  type OverviewRules,
  overviewRulesFromConfig,
} from "../core/reports/overview.ts";
import { countsText, overviewReply, unitCardReply } from "../core/reports/replies.ts";
import { buildUnitCard } from "../core/reports/unit-card.ts";
import { foldAlnum } from "../core/text/normalize.ts";
import { searchTerms } from "../core/text/search-terms.ts";
import { formatViDate, localDate } from "../core/time.ts";
import { type Output, reply, text } from "./outputs.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export interface ConversationDeps {
  app: App;
  assistant: Assistant;
  log?: Logger;
  /** The Telegram bot's username, when the request came through it (for t.me links). */
  telegramBot?: string;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

// ---------------------------------------------------------------- the year

export interface OverviewYear {
  year: number;
  /** Set when the current year has no task and another year was taken instead. */
  insteadOf?: number;
}

/** Years a task names: its year, its due date, its extended due date. */
function taskYears(kb: Knowledge): number[] {
  const years = new Set<number>();
  for (const t of kb.data.tasks) {
    if (t.year !== undefined) years.add(t.year);
    for (const d of [t.deadline.due, t.progress?.extendedTo]) if (d) years.add(Number(d.slice(0, 4)));
  }
  return [...years].filter((y) => Number.isInteger(y)).sort((a, b) => b - a);
}

/**
 * The year an overview shows by default: the current one when any task falls in it, else the latest
 * year that has tasks (the current one again when no year has any).
 */
export function defaultOverviewYear(kb: Knowledge, todayIso: string, rules?: OverviewRules): OverviewYear {
  const current = Number(todayIso.slice(0, 4));
  const has = (year: number) =>
    buildOverview(kb, todayIso, { year, ...(rules ? { rules } : {}) }).totals.total > 0;
  if (has(current)) return { year: current };
  const other = taskYears(kb).find((y) => y !== current && has(y));
  return other === undefined ? { year: current } : { year: other, insteadOf: current };
}

/** "2023" → 2023; anything else (or a year out of range) → undefined. */
export function parseYear(s: string): number | undefined {
  if (!/^\d{4}$/.test(s)) return undefined;
  const y = Number(s);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : undefined;
}

// ---------------------------------------------------------------- unit names

export type UnitResolution =
  | { kind: "found"; unitId: string }
  /** Several units fit equally well ("thông tin truyền thông": the department and the ministry). */
  | { kind: "ambiguous"; unitIds: string[] }
  /** Nothing fits; the closest names first. */
  | { kind: "unknown"; unitIds: string[] };

/** Edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** A typo'd name is accepted when at most this share of its characters differs from a known name. */
const FUZZY_ACCEPT = 0.25;
/** Units listed at most when a name fits several. */
const MAX_CANDIDATES = 6;

/**
 * The unit a name means: the lexicon's unit names (every alias, as a question is read); else the names
 * that hold every word typed; else the nearest name by edit distance, both on the search terms and on
 * the plain words without diacritics (search terms drop words such as "tai", which "Tài" folds to).
 */
export function resolveUnit(kb: Knowledge, lexicon: Lexicon, text: string, max = 3): UnitResolution {
  const terms = searchTerms(text);
  const plain = foldAlnum(text);
  if (!terms.length && !plain) return { kind: "unknown", unitIds: [] };
  const isUnit = (v: { kind: string; id: string }) => v.kind === "unit" && !!kb.unit(v.id);

  // 1. Exact names, when they cover most of what was typed.
  const exact = lexicon.units
    .match(terms)
    .filter((m) => isUnit(m.value))
    .sort((a, b) => b.end - b.start - (a.end - a.start));
  const longest = exact[0];
  if (longest && (longest.end - longest.start) * 2 >= terms.length)
    return { kind: "found", unitId: longest.value.id };

  // 2. Every name of every unit, as search terms and as plain words.
  const names: { id: string; key: string }[] = [];
  for (const e of lexicon.units.entries()) if (isUnit(e.value)) names.push({ id: e.value.id, key: e.key });
  for (const u of kb.data.units)
    for (const n of [u.name, ...u.aliases]) names.push({ id: u.id, key: foldAlnum(n) });
  const queries = [...new Set([terms.join(" "), plain].filter(Boolean))];
  const best = new Map<string, number>();
  const holders = new Set<string>();
  for (const { id, key } of names) {
    if (!key) continue;
    const words = new Set(key.split(" "));
    for (const q of queries) {
      const d = editDistance(q, key) / Math.max(q.length, key.length);
      if (d < (best.get(id) ?? Number.POSITIVE_INFINITY)) best.set(id, d);
      if (q.split(" ").every((w) => words.has(w))) holders.add(id);
    }
  }
  const ranked = [...best.entries()].sort((a, b) => a[1] - b[1]).map(([id, d]) => ({ id, d }));
  if (holders.size === 1) return { kind: "found", unitId: [...holders][0]! };
  if (holders.size > 1) {
    const ids = ranked.filter((r) => holders.has(r.id)).map((r) => r.id);
    return { kind: "ambiguous", unitIds: ids.slice(0, MAX_CANDIDATES) };
  }
  const [first, second] = ranked;
  if (first && first.d <= FUZZY_ACCEPT && (!second || second.d > first.d))
    return { kind: "found", unitId: first.id };
  const closest = ranked.slice(0, max).map((r) => r.id);
  // An exact name covering only part of the text is the first suggestion.
  if (longest && !closest.includes(longest.value.id)) closest.unshift(longest.value.id);
  return { kind: "unknown", unitIds: closest.slice(0, max) };
}

/** "Không có đơn vị “…”" with the closest names as buttons. */
export function unitNotFoundReply(kb: Knowledge, name: string, res: UnitResolution): Reply {
  const r = new ReplyBuilder("unit").abstain();
  const shown = name.length > 60 ? `${name.slice(0, 59).trimEnd()}…` : name;
  const ids = res.kind === "found" ? [] : res.unitIds;
  const names = ids.map((id) => kb.unit(id)?.name).filter((n): n is string => !!n);
  if (res.kind === "ambiguous") {
    r.line(`Có ${names.length} đơn vị khớp với “${shown}”: ${names.join("; ")}.`);
    r.note("Hãy chọn một đơn vị bên dưới hoặc gõ tên đầy đủ hơn.");
  } else {
    r.line(`Không có đơn vị “${shown}” trong cơ sở tri thức.`);
    if (names.length) r.line(`Tên gần nhất: ${names.join("; ")}.`);
    r.note("Hãy gõ lại tên đơn vị (tên đầy đủ hoặc tên viết tắt), hoặc chọn một đơn vị bên dưới.");
  }
  for (const id of ids) {
    const u = kb.unit(id);
    if (u) r.action(u.name, { kind: "unit", unitId: id });
  }
  return r.build();
}

type ChartModule = typeof import("../report-files/chart.ts");
type ReportModule = typeof import("../report-files/progress-report.ts");
let chartModule: Promise<ChartModule> | undefined;
let reportModule: Promise<ReportModule> | undefined;

/** Vega and resvg, loaded on first use (a failed load is tried again next time). */
function loadChart(): Promise<ChartModule> {
  chartModule ??= import("../report-files/chart.ts").catch((e: unknown) => {
    chartModule = undefined;
    throw e;
  });
  return chartModule;
}

/** ExcelJS, loaded on first use. */
function loadReport(): Promise<ReportModule> {
  reportModule ??= import("../report-files/progress-report.ts").catch((e: unknown) => {
    reportModule = undefined;
    throw e;
  });
  return reportModule;
}

/** The photo's caption: the year and the totals in one short line. */
export function chartCaption(o: Overview, insteadOf?: number): string {
  const t = o.totals;
  const cc = o.colourCounts;
  const before = insteadOf !== undefined ? `Năm ${insteadOf} chưa có nhiệm vụ; số liệu năm ${o.year}. ` : "";
  return (
    `${before}Tiến độ năm ${o.year}: ${t.total} nhiệm vụ, ${t.counts.overdue} quá hạn; ` +
    `đơn vị ${cc.red} đỏ, ${cc.orange} cam, ${cc.green} xanh.`
  );
}

// ---------------------------------------------------------------- the commands

const rulesOf = (app: App) => overviewRulesFromConfig(app.config);

/** A unit's card for a leader (undefined when the id is not a unit). */
export function unitCardFor(d: ConversationDeps, unitId: string, year?: number): Reply | undefined {
  const { app } = d;
  const kb = app.knowledge();
  const today = localDate(app.now());
  const r = rulesOf(app);
  const y = year ?? defaultOverviewYear(kb, today, r).year;
  const card = buildUnitCard(kb, unitId, today, app.store.reminders.responses(), { year: y, rules: r });
  if (!card) return undefined;
  const out = unitCardReply(kb, card);
  out.notes.push(`Số liệu nhiệm vụ năm ${y}, tính đến ngày ${formatViDate(today)}.`);
  return out;
}

/** /tongquan [năm]: the overview and its chart (the chart first, as a photo, where the channel can). */
export async function overviewCommand(d: ConversationDeps, _p: Person, arg: string): Promise<Output[]> {
  // (Who may run it is the command table's rule: src/conversation/commands.ts.)
  const { app } = d;
  const given = arg ? parseYear(arg) : undefined;
  if (arg && given === undefined) return [text(T.usageTongquan)];
  const kb = app.knowledge();
  const today = localDate(app.now());
  const r = rulesOf(app);
  const chosen: OverviewYear = given !== undefined ? { year: given } : defaultOverviewYear(kb, today, r);
  const o = buildOverview(kb, today, { year: chosen.year, rules: r });
  const summary = overviewReply(o);
  if (chosen.insteadOf !== undefined)
    summary.notes.unshift(`Năm ${chosen.insteadOf} chưa có nhiệm vụ nào; đây là số liệu năm ${chosen.year}.`);
  if (o.units.length === 0) return [reply(summary)];
  try {
    const { renderOverviewChart } = await loadChart();
    const img = await renderOverviewChart(o);
    return [
      {
        kind: "photo",
        png: img.png,
        filename: `tien-do-${chosen.year}-${today}.png`,
        caption: chartCaption(o, chosen.insteadOf),
        fallback: T.chartNotOnThisChannel,
      },
      reply(summary),
    ];
  } catch (e) {
    d.log?.warn({ err: e instanceof Error ? e.message : String(e) }, "overview chart not made");
    summary.notes.push(T.chartFailed);
    return [reply(summary)];
  }
}

/** /donvi <tên> [năm]: a leader gets the unit's card, anyone else who may ask the plain unit answer. */
export async function unitCommand(d: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  const { app, assistant } = d;
  if (!assistant.mayAsk(p)) return [reply(assistant.notMemberReply())];
  let name = arg.trim().slice(0, 200);
  let year: number | undefined;
  const y = /\s+(?:năm\s+)?(\d{4})$/iu.exec(name);
  if (y && parseYear(y[1]!) !== undefined) {
    year = parseYear(y[1]!);
    name = name.slice(0, y.index).trim();
  }
  if (!name) return [text(T.usageDonvi)];
  const kb = app.knowledge();
  const res = resolveUnit(kb, app.engine().lexicon, name);
  if (res.kind !== "found") return [reply(unitNotFoundReply(kb, name, res))];
  const card = assistant.isLeader(p) ? unitCardFor(d, res.unitId, year) : undefined;
  return [reply(card ?? assistant.answer(p, { kind: "unit", unitId: res.unitId }))];
}

/** /baocao [tháng|quý|năm]: the progress report as a spreadsheet. */
export async function reportCommand(d: ConversationDeps, _p: Person, arg: string): Promise<Output[]> {
  const { app } = d;
  const { buildProgressReport, parsePeriodKind } = await loadReport();
  const period = arg ? parsePeriodKind(arg) : "thang";
  if (!period) return [text(T.usageBaocao)];
  const { data, xlsx } = await buildProgressReport(app.knowledge(), {
    period,
    now: app.now(),
    rules: rulesOf(app),
  });
  const t = data.totals;
  const caption =
    `Tổng hợp tình hình thực hiện nhiệm vụ ${data.period.label} (đến ngày ${formatViDate(data.asOf)}): ` +
    `${t.total} nhiệm vụ — ${countsText(t.counts, { all: true })}; ${t.dueInPeriod} đến hạn trong kỳ.`;
  return [
    {
      kind: "document",
      bytes: xlsx,
      filename: `tong-hop-nhiem-vu-${period}-${data.asOf}.xlsx`,
      caption,
      fallback: T.reportNotOnThisChannel(caption),
    },
  ];
}
