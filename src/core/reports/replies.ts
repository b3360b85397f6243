/**
 * The overview and a unit's card as structured replies (core/answers/reply.ts), so every channel shows
 * them its own way: Telegram with buttons, Zalo and the terminal as plain text with numbered choices.
 * Short Vietnamese; no ids shown.
 */
import { shorten } from "../answers/format.ts";
import { type Reply, ReplyBuilder } from "../answers/reply.ts";
import { STATUS_LABELS, type TaskStatusInfo } from "../deadlines/status.ts";
import type { Knowledge } from "../knowledge/model.ts";
import type { Task } from "../knowledge/schema.ts";
import { formatViDate, localDate } from "../time.ts";
import {
  COLOUR_LABELS,
  COLOUR_MARKS,
  type Overview,
  type OverviewRules,
  type StatusCounts,
  type UnitOverview,
} from "./overview.ts";
import type { UnitCard, UnitCardResponse } from "./unit-card.ts";

export interface OverviewReplyOptions {
  /** Units listed at most (the rest are summed up in a note). Default 15. */
  maxUnits?: number;
}

/** Status words in a count list, in the order reports use. */
const COUNT_WORDS: [keyof StatusCounts, string][] = [
  ["overdue", "quá hạn"],
  ["in-progress", "đang thực hiện"],
  ["done-on-time", "hoàn thành đúng hạn"],
  ["done-late", "hoàn thành quá hạn"],
  ["no-deadline", "chưa có hạn"],
];

/** "1 quá hạn, 2 đang thực hiện, 3 chưa có hạn" (statuses with none left out; "không có" when empty). */
export function countsText(counts: StatusCounts, opts: { all?: boolean } = {}): string {
  const parts = COUNT_WORDS.filter(([k]) => opts.all || counts[k] > 0).map(([k, w]) => `${counts[k]} ${w}`);
  return parts.length ? parts.join(", ") : "không có";
}

/** "Đỏ: có nhiệm vụ quá hạn trên 30 ngày hoặc trên 20% nhiệm vụ quá hạn; cam: …; xanh: còn lại." */
export function rulesText(rules: OverviewRules): string {
  return (
    `Đỏ: có nhiệm vụ quá hạn trên ${rules.redOverdueDays} ngày hoặc trên ${rules.redOverdueShare}% nhiệm vụ quá hạn; ` +
    `cam: có nhiệm vụ quá hạn hoặc đến hạn trong ${rules.orangeDueDays} ngày; xanh: còn lại.`
  );
}

/** "🔴 Sở Thông tin và Truyền thông — 3 quá hạn / 10 (lâu nhất 45 ngày)". */
export function unitLine(u: UnitOverview): string {
  let s = `${COLOUR_MARKS[u.colour]} ${u.unit.name} — ${u.counts.overdue} quá hạn / ${u.total}`;
  if (u.counts.overdue > 0) s += ` (lâu nhất ${u.worstOverdueDays} ngày)`;
  else if (u.dueSoon > 0) s += `, ${u.dueSoon} sắp đến hạn`;
  return s;
}

function overviewTitle(o: Overview): string {
  const year = o.year !== undefined ? ` năm ${o.year}` : "";
  return `Tổng quan thực hiện nhiệm vụ${year} (đến ngày ${formatViDate(o.today)})`;
}

export function overviewReply(o: Overview, opts: OverviewReplyOptions = {}): Reply {
  const maxUnits = opts.maxUnits ?? 15;
  const r = new ReplyBuilder("deadlines", overviewTitle(o));
  if (o.units.length === 0) {
    const year = o.year !== undefined ? ` của năm ${o.year}` : "";
    return r.abstain().line(`Cơ sở tri thức chưa có nhiệm vụ nào${year} do đơn vị của tỉnh chủ trì.`).build();
  }
  const shown = o.units.slice(0, maxUnits);
  for (const u of shown) {
    r.line(unitLine(u));
    r.item("unit", u.unit.id);
  }
  const t = o.totals;
  r.line(`Tổng cộng: ${t.total} nhiệm vụ — ${countsText(t.counts, { all: true })}.`);
  const cc = o.colourCounts;
  r.line(`Đơn vị: ${cc.red} đỏ, ${cc.orange} cam, ${cc.green} xanh.`);
  if (o.topOverdue.length) {
    r.line("Quá hạn lâu nhất:");
    o.topOverdue.forEach((x, i) => {
      r.line(
        `${i + 1}. ${shorten(x.title, 110)} — ${x.unitNames}; hạn ${formatViDate(x.due)}, quá ${x.daysOverdue} ngày`,
        [],
        1,
      );
      r.item("task", x.taskId);
    });
  }
  const rest = o.units.length - shown.length;
  if (rest > 0) {
    const restUnits = o.units.slice(maxUnits);
    const byColour = (["red", "orange", "green"] as const)
      .map((c) => [c, restUnits.filter((u) => u.colour === c).length] as const)
      .filter(([, n]) => n > 0)
      .map(([c, n]) => `${n} ${COLOUR_LABELS[c]}`)
      .join(", ");
    r.note(`Còn ${rest} đơn vị khác (${byColour}).`);
  }
  r.note("Mỗi nhiệm vụ giao chung được tính cho từng đơn vị; dòng tổng cộng tính mỗi nhiệm vụ một lần.");
  r.note(rulesText(o.rules));
  for (const u of o.units)
    r.action(`${COLOUR_MARKS[u.colour]} ${u.unit.name}`, { kind: "unit", unitId: u.unit.id });
  return r.build();
}

// ---------------------------------------------------------------- the unit card

/** "quá hạn 12 ngày (hạn 30/06/2023)", "còn 5 ngày (hạn 30/06/2023)", "hoàn thành đúng hạn ngày 01/06/2023". */
export function statusText(task: Task, st: TaskStatusInfo): string {
  const extended = task.progress?.extendedTo && st.due === task.progress.extendedTo ? ", đã gia hạn" : "";
  const due = st.due ? ` (hạn ${formatViDate(st.due)}${extended})` : "";
  switch (st.status) {
    case "overdue":
      return `quá hạn ${st.daysOverdue} ngày${due}`;
    case "in-progress":
      return st.daysLeft === 0 ? `hôm nay là hạn chót${due}` : `còn ${st.daysLeft} ngày${due}`;
    case "done-on-time":
    case "done-late": {
      const on = st.completedOn ? ` ngày ${formatViDate(st.completedOn)}` : "";
      return `${STATUS_LABELS[st.status].toLowerCase()}${on}${due}`;
    }
    case "no-deadline":
      return `chưa có hạn cụ thể (${shorten(task.deadline.text, 60)})`;
  }
}

function day(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : formatViDate(localDate(d));
}

/** "26/11/2026, Nguyễn Văn A: xin gia hạn đến 30/12/2026 — đã duyệt (đến 30/12/2026)". */
export function responseText(kb: Knowledge, r: UnitCardResponse): string {
  const who = r.name ? `, ${r.name}` : "";
  const task = kb.task(r.taskId);
  const about = task ? ` «${shorten(task.title, 60)}»` : "";
  let what: string;
  switch (r.kind) {
    case "done":
      what = `báo đã hoàn thành${about}`;
      break;
    case "in-progress":
      what = `báo đang thực hiện${about}`;
      break;
    case "help":
      what = `đề nghị hỗ trợ${about}${r.text ? `: ${shorten(r.text, 80)}` : ""}`;
      break;
    case "extension": {
      const to = r.requestedDue ? ` đến ${formatViDate(r.requestedDue)}` : "";
      const d = r.decision;
      const decision = !d
        ? "chờ Tổ Giúp việc xem xét"
        : d.status === "approved"
          ? `đã duyệt${d.due ? ` (đến ${formatViDate(d.due)})` : ""}`
          : `không duyệt${d.note ? `: ${shorten(d.note, 60)}` : ""}`;
      what = `xin gia hạn${about}${to} — ${decision}`;
      break;
    }
  }
  return `${day(r.at)}${who}: ${what}`;
}

export interface UnitCardReplyOptions {
  /** Tasks listed at most. Default 10. */
  maxTasks?: number;
  /** Answers to reminders listed at most. Default 5. */
  maxResponses?: number;
}

export function unitCardReply(kb: Knowledge, card: UnitCard, opts: UnitCardReplyOptions = {}): Reply {
  const maxTasks = opts.maxTasks ?? 10;
  const maxResponses = opts.maxResponses ?? 5;
  const { unit } = card;
  const r = new ReplyBuilder("unit", unit.name);
  r.item("unit", unit.id);
  if (card.heads.length) {
    for (const h of card.heads.slice(0, 3)) {
      const person = kb.person(h.personId);
      const pos = person?.positions.find((p) => p.unit === unit.id && p.title === h.title);
      r.line(
        `${h.title}: ${h.name}.`,
        kb.citeAll(pos?.sources.length ? pos.sources : (person?.sources ?? [])),
      );
      r.action(h.name, { kind: "person", personId: h.personId });
    }
  } else {
    r.line("Cơ sở tri thức chưa có thông tin về người đứng đầu đơn vị.");
  }
  if (card.total > 0) {
    r.line(`${COLOUR_MARKS[card.colour]} Mức ${COLOUR_LABELS[card.colour]}: ${card.reason}.`);
    r.line(`Chủ trì ${card.total} nhiệm vụ: ${countsText(card.counts)}.`);
    card.lead.slice(0, maxTasks).forEach((t, i) => {
      const cites = kb.citeAll([...(t.task.document ? [t.task.document] : []), ...t.task.sources]);
      r.line(`${i + 1}. ${shorten(t.task.title, 110)} — ${statusText(t.task, t.status)}`, cites, 1);
      r.item("task", t.task.id);
    });
    if (card.lead.length > maxTasks) r.note(`Còn ${card.lead.length - maxTasks} nhiệm vụ chủ trì khác.`);
  } else {
    r.line("Đơn vị không chủ trì nhiệm vụ nào trong cơ sở tri thức.");
  }
  if (card.support.length) {
    const overdue = card.support.filter((t) => t.status.status === "overdue").length;
    r.line(`Phối hợp ${card.support.length} nhiệm vụ${overdue ? ` (${overdue} quá hạn)` : ""}.`);
  }
  if (card.responses.length) {
    r.line("Trả lời nhắc hạn gần đây:");
    for (const x of card.responses.slice(0, maxResponses)) r.line(responseText(kb, x), [], 1);
    if (card.extensions.length) {
      const approved = card.extensions.filter((x) => x.decision?.status === "approved").length;
      const refused = card.extensions.filter((x) => x.decision?.status === "refused").length;
      const waiting = card.extensions.length - approved - refused;
      r.line(
        `Gia hạn: ${card.extensions.length} lần xin — ${approved} được duyệt, ${refused} không duyệt, ${waiting} đang chờ.`,
      );
    }
  } else {
    r.note("Chưa có trả lời nhắc hạn nào của đơn vị.");
  }
  if (card.counts.overdue > 0)
    r.action("Nhiệm vụ quá hạn", { kind: "deadlines", mode: "overdue", unitId: unit.id });
  r.action(`Nhiệm vụ của ${unit.name}`, { kind: "tasks", unitId: unit.id });
  return r.build();
}
