/**
 * A unit's tasks ("nhiệm vụ của Sở TT&TT", "nhiệm vụ năm 2023 của tôi") and deadlines in a window
 * ("hạn chót", "sắp đến hạn", "quá hạn", "hạn trong quý II").
 */

import { occurrences } from "../../deadlines/due-date.ts";
import { scheduleOf } from "../../deadlines/schedule.ts";
import { effectiveDue, taskStatus } from "../../deadlines/status.ts";
import type { Task } from "../../knowledge/schema.ts";
import { fold } from "../../text/normalize.ts";
import { addDays, diffDays, formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { asksCount, cap, dueText, givenTo, leadNames, shorten, upperFirst, weekdayOf } from "../format.ts";
import { taskGroupKey } from "../lexicon.ts";
import { type Query, type Reply, ReplyBuilder } from "../reply.ts";
import { inheritedRole, referenceDay, twoLevelEnds, type UnitNote, unitOnDate } from "../unit-time.ts";

export const UPCOMING_WINDOW_DAYS = 30;

/** Share of a topic's words a task must match to be about it. */
const TOPIC_COVERAGE = 0.5;

/** The tasks a few words are about (their titles, products and groups), by the search index. */
function topicTasks(topic: string, ctx: AnswerContext): Set<string> {
  const hits = ctx.lex.index.search(topic, { kinds: ["task"], limit: 200 });
  // Those that fit the topic about as well as the best one: a near-spelling ("trung tâm" for "trọng
  // tâm") does not join tasks that have the words themselves.
  const best = hits.reduce((m, h) => Math.max(m, h.coverage), 0);
  const needed = Math.max(TOPIC_COVERAGE, best * 0.8);
  return new Set(hits.filter((h) => h.coverage >= needed).map((h) => h.doc.id));
}

/** The name of a task group as the plans write it, from its key. */
function taskGroupName(tasks: readonly Task[], key: string): string | undefined {
  return tasks.find((t) => t.group !== undefined && taskGroupKey(t.group) === key)?.group;
}

type TasksQuery = Extract<Query, { kind: "tasks" }>;
type DeadlinesQuery = Extract<Query, { kind: "deadlines" }>;

/** The reply for "của tôi" when the asker is not linked to a unit. */
export function linkNeeded(): Reply {
  return new ReplyBuilder("link-needed")
    .line("Tài khoản của bạn chưa được liên kết với đơn vị nào, nên tôi chưa biết “của tôi” là đơn vị nào.")
    .note(
      "Hãy nhập mã liên kết do Tổ Giúp việc cấp: /lienket <mã>. Hoặc hỏi kèm tên đơn vị, ví dụ “nhiệm vụ của Sở TT&TT”.",
    )
    .build();
}

/** A place typed in lower case, named as written: "huyện ninh phước" → "Huyện Ninh Phước". */
function placeName(name: string): string {
  const kind =
    /^((?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+)?(huyện|xã|phường|thị trấn|thôn)\s+(.+)$/iu.exec(name);
  if (!kind) return name;
  const head = kind[1] ? "UBND " : "";
  const kindWord = head ? kind[2]!.toLowerCase() : upperFirst(kind[2]!.toLowerCase());
  return `${head}${kindWord} ${kind[3]!.split(/\s+/).map(upperFirst).join(" ")}`;
}

function unknownUnitReply(name: string, ctx: AnswerContext, intent: "tasks" | "deadlines"): Reply {
  const r = new ReplyBuilder(intent).abstain();
  r.line(
    `Cơ sở tri thức chưa có đơn vị “${placeName(name)}”, nên tôi không có thông tin về nhiệm vụ riêng của đơn vị này.`,
  );
  // ("huyện Ninh Phước năm 2025 làm gì": the district level ended, as the register records.)
  const district = /^(?:(?:ubnd|uy ban nhan dan)\s+)?huyen\b/.test(fold(name));
  if (district)
    for (const { change } of twoLevelEnds(ctx.kb))
      r.line(
        `Cấp huyện đã kết thúc hoạt động từ ${formatViDate(change.date)}${change.note ? ` (${change.note})` : ""}.`,
        ctx.kb.citeAll(change.sources),
      );
  const allGroup = ctx.kb.data.unitGroups.find((g) => g.all);
  const general = allGroup ? ctx.kb.tasksNaming(allGroup.id).lead : [];
  if (allGroup && general.length) {
    r.note(`Có ${general.length} nhiệm vụ giao chung cho ${allGroup.name}, áp dụng cho mọi đơn vị.`);
    r.action("Nhiệm vụ giao chung", { kind: "tasks", unitId: allGroup.id });
  }
  if (!district) r.note("Tổ Giúp việc có thể bổ sung đơn vị này vào cơ sở tri thức.");
  return r.build();
}

function inYear(t: Task, year: number | undefined, today: string): boolean {
  if (year === undefined) return true;
  if (t.year === year) return true;
  if (t.deadline.recurrence) return true;
  const due = effectiveDue(t, today);
  return due ? Number(due.slice(0, 4)) === year : false;
}

/** Lines for one task: title with its deadline, then who leads it and the assigning document. */
function taskLines(
  r: ReplyBuilder,
  t: Task,
  n: number,
  ctx: AnswerContext,
  opts: { showLead: boolean; role?: string; showProduct?: boolean },
) {
  const { kb } = ctx;
  const cites = kb.citeAll([...(t.document ? [t.document] : []), ...t.sources]);
  const role = opts.role ? ` (${opts.role})` : "";
  r.line(`${n}. ${t.title}${role} — ${dueText(t, ctx.today)}`, cites);
  const who: string[] = [];
  if (opts.showLead) who.push(`Chủ trì: ${leadNames(kb, t)}`);
  if (t.support.length && opts.showLead) who.push(`phối hợp: ${kb.namesOf(t.support).join("; ")}`);
  if (who.length) r.line(who.join("; "), [], 1);
  if (opts.showProduct && t.product) r.line(`Sản phẩm: ${t.product}.`, [], 1);
  r.item("task", t.id);
}

/** Previous and next page queries of a paged list (undefined for a single page). */
function pagingOf<Q extends TasksQuery | DeadlinesQuery>(
  q: Q,
  page: { page: number; pages: number },
): Reply["paging"] {
  if (page.pages <= 1) return undefined;
  const p: NonNullable<Reply["paging"]> = { page: page.page, pages: page.pages };
  if (page.page < page.pages) p.next = { ...q, page: page.page + 1 };
  if (page.page > 1) p.prev = { ...q, page: page.page - 1 };
  return p;
}

/** A unit's own tasks asked, not those given to every unit (folded): "nhiệm vụ riêng", "ngoài NV chung". */
const OWN_ASKED =
  /\b(?:nhiem vu|nv|viec)(?: (?:cds|chuyen doi so|nao|gi|cua (?:minh|toi|chung toi|don vi)))* rieng\b|\bngoai (?:cac )?(?:nhiem vu|nv|viec) (?:chung|giao chung)\b/;

/** The statuses of a task recorded done. */
const DONE: ReadonlySet<string> = new Set(["done-on-time", "done-late"]);

export function answerTasks(q: TasksQuery, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  if (q.unknownUnit) return unknownUnitReply(q.unknownUnit, ctx, "tasks");
  const unitId = q.unitId ?? (q.mine ? ctx.asker?.unitId : undefined);
  if (q.mine && !unitId) return linkNeeded();
  // Tasks by due date (undated last), then by title in Vietnamese order (folded: "Đề…" with "De…"),
  // from the knowledge's schedule (deadlines/schedule.ts): no title folded, no list sorted per question.
  const schedule = scheduleOf(kb.data.tasks);
  const sortDue = schedule.dueThenTitle(ctx.today);
  const groupName = q.group ? taskGroupName(kb.data.tasks, q.group) : undefined;
  const onTopic = q.topic ? topicTasks(q.topic, ctx) : undefined;
  // "Những nhiệm vụ nào dẫn chiếu văn bản của VPCP": the tasks whose words name one of its documents.
  const citedIssuer = q.citing ? kb.unit(q.citing)?.name : undefined;
  const citing = q.citing ? citingTasks(q.citing, ctx) : undefined;
  // The tasks a meeting's conclusions set: those drawn from the same report of it.
  const meeting = q.meetingId ? kb.meeting(q.meetingId) : undefined;
  const fromMeeting = meeting ? new Set(meeting.sources) : undefined;
  // "Nhiệm vụ thường xuyên năm 2025 thuộc nhóm “HẠ TẦNG SỐ”", "Nhiệm vụ về “dữ liệu”"
  const yearLabel =
    (q.cadence === "continuous" ? " thường xuyên" : q.cadence === "recurring" ? " định kỳ" : "") +
    (q.topic ? ` về “${q.topic}”` : "") +
    (meeting ? ` theo kết luận cuộc họp ngày ${formatViDate(meeting.date)}` : "") +
    (q.undated ? " không có hạn cụ thể" : "") +
    (q.dated ? " có hạn cụ thể" : "") +
    (citedIssuer ? ` dẫn chiếu văn bản của ${citedIssuer}` : "") +
    (q.done ? " đã hoàn thành" : "") +
    (q.withProduct ? " có sản phẩm được nêu" : "") +
    (q.withSupport ? " có đơn vị phối hợp" : "") +
    (q.central ? " do bộ, ngành trung ương chủ trì" : "") +
    (q.year ? ` năm ${q.year}` : "") +
    (groupName ? ` thuộc nhóm “${groupName}”` : "");
  const keep = (t: Task): boolean =>
    inYear(t, q.year, ctx.today) &&
    (!q.group || (t.group !== undefined && taskGroupKey(t.group) === q.group)) &&
    (q.cadence !== "continuous" || t.deadline.continuous === true) &&
    (q.cadence !== "recurring" || t.deadline.recurrence !== undefined) &&
    (!onTopic || onTopic.has(t.id)) &&
    (!citing || citing.has(t.id)) &&
    (!fromMeeting || t.sources.some((x) => fromMeeting.has(x))) &&
    (!q.undated || (t.deadline.due === undefined && t.deadline.recurrence === undefined)) &&
    (!q.dated || t.deadline.due !== undefined || t.deadline.recurrence !== undefined) &&
    (!q.done || DONE.has(taskStatus(t, ctx.today).status)) &&
    (!q.withProduct || t.product !== undefined) &&
    (!q.withSupport || t.support.length > 0) &&
    (!q.central || t.lead.some((id) => kb.unit(id)?.kind === "trung-uong"));

  let rows: { task: Task; role?: string }[];
  let title: string;
  const ownAsked = OWN_ASKED.test(fold(ctx.question ?? ""));
  let shared = 0;
  const group = unitId ? kb.group(unitId) : undefined;
  const asked = unitId ? kb.unit(unitId) : undefined;
  // Units change (mergers, closures): the unit the question means on the day it is about.
  const on = referenceDay(ctx.today, q.year);
  const when = asked ? unitOnDate(kb, asked, on, ctx.today) : undefined;
  const unit = when?.unit;
  /** Said first: how the asked unit changed (merged into the unit answered for, closed). */
  const preface: UnitNote[] = [];
  /** Said last: a change after the period asked about. */
  const after: UnitNote[] = [];
  if (when?.kind === "moved" || when?.kind === "ended" || when?.kind === "not-yet") preface.push(when.note);
  if (when?.kind === "same" && when.later) after.push(when.later);
  if (group) {
    const closed = kb.unitEndSentence(group.id, on);
    if (closed) preface.push(closed);
  }
  // A year asked after the unit (or group) ended without a successor: it had no tasks then.
  const endedBefore = (id: string) => {
    const end = kb.unitEnd(id);
    return q.year !== undefined && end !== undefined && `${q.year}-01-01` >= end.date;
  };
  if ((when?.kind === "ended" && endedBefore(when.unit.id)) || (group && endedBefore(group.id))) {
    const r = new ReplyBuilder("tasks").abstain();
    for (const n of preface) r.line(n.text, kb.citeAll(n.sources));
    r.line(`Vì vậy không có nhiệm vụ năm ${q.year} của ${(when?.unit ?? group)!.name}.`);
    return r.build();
  }
  if (unit && when?.kind === "not-yet") {
    // Before it was established the name meant another unit (an older one of the same name, or its
    // predecessors): what the knowledge has for the unit as it is now does not answer for then.
    const r = new ReplyBuilder("tasks").abstain();
    r.line(when.note.text, kb.citeAll(when.note.sources));
    r.line(
      `Tôi chưa có thông tin về nhiệm vụ${yearLabel} của ${unit.name} trước ngày ${formatViDate(kb.unitStart(unit.id)!)}.`,
    );
    // (Said in words too: a chat without buttons still shows where to look.)
    const before = when.predecessors.map((p) => kb.nameOn(p.id, on));
    if (before.length)
      r.note(`Đơn vị khi đó: ${before.join("; ")}. Hỏi “nhiệm vụ${yearLabel} của ${before[0]}” để xem.`);
    for (const [i, p] of when.predecessors.entries())
      r.action(`Nhiệm vụ${yearLabel} của ${before[i]}`, {
        kind: "tasks",
        unitId: p.id,
        ...(q.year ? { year: q.year } : {}),
      });
    return r.build();
  } else if (unit) {
    const { lead, support } = kb.tasksHeldOn(unit.id, on);
    // Specific before generic: tasks the unit leads by name, then those it took over from a unit merged
    // into it, then those given to a group it is in.
    const direct = lead.filter((h) => !h.from && h.task.lead.includes(unit.id));
    const inherited = lead.filter((h) => h.from);
    const viaGroup = lead.filter((h) => !h.from && !h.task.lead.includes(unit.id));
    const sorted = (list: typeof lead) => [...list].sort((a, b) => sortDue(a.task, b.task));
    rows = [
      ...sorted(direct).map((h) => ({ task: h.task })),
      ...sorted(inherited).map((h) => ({ task: h.task, role: inheritedRole(kb, h)! })),
      ...sorted(viaGroup).map((h) => ({ task: h.task, role: "giao chung" })),
      ...sorted(support).map((h) => ({
        task: h.task,
        role: h.from ? `phối hợp, ${inheritedRole(kb, h)}` : "phối hợp",
      })),
    ].filter((x) => keep(x.task));
    // ("BHXH có nhiệm vụ riêng nào, ngoài nhiệm vụ chung"): not those given to every unit.
    // (Its part in a task given to a group it is in, to lead or to support, is shared too; one taken over
    // from a unit merged into it is its own.)
    if (ownAsked) {
      const own = new Set(
        [...direct, ...inherited, ...support.filter((h) => h.from || h.task.support.includes(unit.id))].map(
          (h) => h.task.id,
        ),
      );
      shared = rows.filter((x) => !own.has(x.task.id)).length;
      rows = rows.filter((x) => own.has(x.task.id));
    }
    const closed = when?.kind === "ended" ? " (trước khi kết thúc hoạt động)" : "";
    title = `Nhiệm vụ${yearLabel} của ${unit.name}${closed}`;
  } else if (group) {
    const inGroup = (ids: string[]) => ids.includes(group.id);
    const yearOk = keep;
    // A group wider than this one ("các cơ quan, đơn vị, địa phương" for "các sở, ban, ngành") gives its
    // tasks to this group's units too.
    const members = new Set(kb.unitsOf([group.id]).map((u) => u.id));
    const wider = new Set(
      kb.data.unitGroups
        .filter((g) => g.id !== group.id && members.size > 0)
        .filter((g) => {
          const theirs = new Set(kb.unitsOf([g.id]).map((u) => u.id));
          return [...members].every((m) => theirs.has(m));
        })
        .map((g) => g.id),
    );
    const viaWider = (ids: string[]) => !inGroup(ids) && ids.some((id) => wider.has(id));
    // The tasks naming the group (or a wider one), from the knowledge's lookup rather than a pass.
    const named = kb.tasksNaming(group.id);
    const namingWider = new Set([...wider].flatMap((id) => kb.tasksNaming(id).lead));
    const inOrder = (list: Iterable<Task>, keep: (t: Task) => boolean) =>
      schedule.sortByDueThenTitle(ctx.today, [...list].filter(keep));
    rows = [
      ...inOrder(named.lead, (t) => inGroup(t.lead) && yearOk(t)).map((task) => ({ task })),
      ...inOrder(namingWider, (t) => viaWider(t.lead) && yearOk(t)).map((task) => ({
        task,
        role: "giao chung",
      })),
      ...inOrder(named.support, (t) => inGroup(t.support) && !inGroup(t.lead) && yearOk(t)).map((task) => ({
        task,
        role: "phối hợp",
      })),
    ];
    title = `Nhiệm vụ${yearLabel} giao cho ${group.name}`;
  } else {
    // A topic's tasks (a few hundred at most) are sorted alone, not picked out of every task.
    const topical = onTopic && [...onTopic].flatMap((id) => kb.task(id) ?? []);
    rows = (
      topical
        ? schedule.sortByDueThenTitle(ctx.today, topical.filter(keep))
        : schedule.byDueThenTitle(ctx.today, keep)
    ).map((task) => ({ task }));
    title = `Nhiệm vụ${yearLabel} trong cơ sở tri thức`;
  }

  const r = new ReplyBuilder("tasks");
  if (!rows.length && q.done) {
    // Nothing recorded done: said so (a completion not reported is not a task not done).
    r.abstain();
    for (const n of preface) r.line(n.text, kb.citeAll(n.sources));
    const who = unit ? ` của ${unit.name}` : group ? ` giao cho ${group.name}` : "";
    const about = q.topic ? ` về “${q.topic}”` : "";
    r.line(
      `Cơ sở tri thức chưa ghi nhận nhiệm vụ nào${about}${q.year ? ` năm ${q.year}` : ""}${who} đã hoàn thành.`,
    );
    r.note("Khi đơn vị báo đã hoàn thành (trả lời nhắc hạn), kết quả được ghi lại.");
    const open = {
      kind: "tasks" as const,
      ...(unit ? { unitId: unit.id } : {}),
      ...(q.topic ? { topic: q.topic } : {}),
    };
    r.action("Các nhiệm vụ", open);
    return r.build();
  }
  if (!rows.length && ownAsked && unit) {
    r.abstain();
    for (const n of preface) r.line(n.text, kb.citeAll(n.sources));
    r.line(
      `Cơ sở tri thức không ghi nhiệm vụ riêng nào${q.year ? ` năm ${q.year}` : ""} của ${unit.name}; ${shared ? `cả ${shared} nhiệm vụ của đơn vị đều là nhiệm vụ giao chung cho nhiều cơ quan, đơn vị.` : "đơn vị cũng không có nhiệm vụ giao chung nào trong thời gian này."}`,
    );
    if (shared)
      r.action(`Nhiệm vụ của ${unit.name}`, {
        kind: "tasks",
        unitId: unit.id,
        ...(q.year ? { year: q.year } : {}),
      });
    return r.build();
  }
  if (!rows.length) {
    const who = unit ? unit.name : group ? group.name : "các đơn vị";
    // No task known: still "no information", with what is known about how the unit changed.
    r.abstain();
    for (const n of preface) r.line(n.text, kb.citeAll(n.sources));
    r.line(`Tôi chưa có thông tin về nhiệm vụ${yearLabel} của ${who}.`);
    for (const n of after) r.note(n.text);
    if ((q.year || q.group || q.cadence || q.topic) && unit)
      r.action(`Mọi nhiệm vụ của ${unit.name}`, { kind: "tasks", unitId: unit.id });
    return r.build();
  }
  const page = cap(rows, ctx.pageSize, q.page);
  const rb = new ReplyBuilder("tasks", `${title} (${rows.length}):`);
  // "có mấy nhiệm vụ …": the count, said first.
  if (asksCount(ctx.question)) rb.line(`Có ${rows.length} nhiệm vụ.`);
  for (const n of preface) rb.line(n.text, kb.citeAll(n.sources));
  // A topic that one or two tasks answer ("nhiệm vụ về người đứng đầu yêu cầu những gì"): what each asks.
  const detailed = onTopic !== undefined && rows.length <= 2;
  page.shown.forEach((row, i) => {
    taskLines(rb, row.task, (page.page - 1) * ctx.pageSize + i + 1, ctx, {
      showLead: !unit || row.role !== undefined,
      ...(row.role ? { role: row.role } : {}),
      ...(q.withProduct ? { showProduct: true } : {}),
    });
    if (detailed && row.task.details) rb.line(shorten(row.task.details, 600), [], 1);
  });
  if (page.rest) rb.note(`Còn ${page.rest} nhiệm vụ nữa.`);
  // A unit asked of with nothing else ("ngân hàng nhà nước chi nhánh tỉnh"): the meetings it attended too.
  const unfiltered =
    !q.year && !q.group && !q.cadence && !q.topic && !q.citing && !q.meetingId && !q.done && !q.page;
  // (And who heads it, as the sources recorded.)
  if (unit && unfiltered)
    for (const p of kb.data.people)
      for (const pos of p.positions.filter((x) => x.unit === unit.id && x.role === "leader"))
        rb.line(
          `${pos.title}: ${p.name}${pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : ""}.`,
          kb.citeAll(pos.sources ?? p.sources),
        );
  if (unit && unfiltered)
    for (const m of kb.data.meetings.filter((x) => x.attendees.some((a) => a.unit === unit.id)))
      rb.line(`Dự cuộc họp ngày ${formatViDate(m.date)}: ${shorten(m.title, 140)}.`, kb.citeAll(m.sources));
  for (const n of after) rb.note(`Sau đó: ${n.text}`);
  rb.paging(pagingOf(q, page));
  for (const row of page.shown) {
    if (row.task.document) {
      const d = kb.document(row.task.document);
      if (d) rb.action(`Văn bản ${d.number}`, { kind: "document", docId: d.id });
    }
  }
  if (unit) rb.action("Quá hạn", { kind: "deadlines", mode: "overdue", unitId: unit.id });
  return rb.build();
}

interface DueRow {
  task: Task;
  due: string;
  /** A recurring task's other due dates in the window. */
  later?: string[];
}

export function answerDeadlines(q: DeadlinesQuery, ctx: AnswerContext): Reply {
  const { kb, today } = ctx;
  if (q.unknownUnit) return unknownUnitReply(q.unknownUnit, ctx, "deadlines");
  const unitId = q.unitId ?? (q.mine ? ctx.asker?.unitId : undefined);
  if (q.mine && !unitId) return linkNeeded();
  const asked = unitId ? kb.unit(unitId) : undefined;
  // The unit the question means on the day it is about: a merged unit's successor after the merger.
  const on = referenceDay(today, undefined, q.mode === "window" ? q.to : undefined);
  const when = asked ? unitOnDate(kb, asked, on) : undefined;
  const unit = when?.unit;
  const preface: UnitNote[] =
    when?.kind === "moved" || when?.kind === "ended" || when?.kind === "not-yet" ? [when.note] : [];
  const held = unit ? kb.tasksHeldOn(unit.id, on) : undefined;
  const group = unitId ? kb.group(unitId) : undefined;
  if (group) {
    const closed = kb.unitEndSentence(group.id, on);
    if (closed) preface.push(closed);
  }
  const inTaskGroup = (t: Task) => !q.group || (t.group !== undefined && taskGroupKey(t.group) === q.group);
  const pool = (
    held ? held.lead.map((h) => h.task) : group ? kb.tasksNaming(group.id).lead : kb.data.tasks
  ).filter(inTaskGroup);
  const inPool = held || group ? new Set(pool) : undefined;
  // What the unit supports has the same dates for it: listed too, marked "phối hợp" (not in the overdue
  // list, which is the lead's).
  const supportedTasks = (
    held
      ? held.support.map((h) => h.task)
      : group
        ? kb.tasksNaming(group.id).support.filter((t) => !t.lead.includes(group.id))
        : []
  )
    .filter(inTaskGroup)
    .filter((t) => !inPool?.has(t));
  const supported = new Set(supportedTasks.map((t) => t.id));
  // (Added in the order of the task list.)
  if (q.mode !== "overdue" && supported.size)
    for (const t of scheduleOf(kb.data.tasks).inListOrder(supportedTasks)) pool.push(t);
  // Every task (no unit or group asked): the knowledge's schedule (deadlines/schedule.ts) answers from
  // its sorted due dates, with the rows a pass over the pool would give.
  const schedule = !held && !group ? scheduleOf(kb.data.tasks) : undefined;
  const groupName = q.group ? taskGroupName(kb.data.tasks, q.group) : undefined;
  const scope =
    (groupName ? ` thuộc nhóm “${groupName}”` : "") +
    (unit ? ` của ${unit.name}` : group ? ` của ${group.name}` : "");

  // The asking unit's part in a task, said after its title.
  // (A task it took over from a unit merged into it, it leads as that unit did.)
  const inherited = new Set(held?.lead.filter((h) => h.from).map((h) => h.task.id) ?? []);
  const partOf = (t: Task) =>
    supported.has(t.id)
      ? " (phối hợp)"
      : unit && (t.lead.includes(unit.id) || inherited.has(t.id))
        ? " (chủ trì)"
        : "";
  const rows: DueRow[] = [];
  let heading: string;
  let emptyText: string;
  if (q.mode === "overdue") {
    if (schedule) for (const row of schedule.overdue(today, inTaskGroup)) rows.push(row);
    else
      for (const t of pool) {
        const st = taskStatus(t, today);
        if (st.status === "overdue" && st.due) rows.push({ task: t, due: st.due });
      }
    heading = `Nhiệm vụ quá hạn${scope}`;
    emptyText = `Không có nhiệm vụ nào${scope} đang quá hạn theo cơ sở tri thức.`;
  } else {
    const from = q.mode === "window" && q.from ? q.from : today;
    const to = q.mode === "window" && q.to ? q.to : addDays(today, UPCOMING_WINDOW_DAYS);
    const label = q.mode === "window" && q.label ? q.label : `${UPCOMING_WINDOW_DAYS} ngày tới`;
    if (schedule) for (const row of schedule.window(from, to, inTaskGroup)) rows.push(row);
    else
      for (const t of pool) {
        const dates = t.progress.extendedTo
          ? [t.progress.extendedTo].filter((d) => d >= from && d <= to)
          : occurrences(t.deadline, from, to);
        // A recurring task is listed once, at its first due date in the window, with the others after it.
        if (dates.length) rows.push({ task: t, due: dates[0]!, later: dates.slice(1) });
      }
    // ("trước 30/6", "từ nay …", "sắp tới (…)" say when themselves; "tháng 6/2023" is "trong tháng 6/2023".)
    const within = /^(?:trước|từ|sắp)/.test(label) ? label : `trong ${label}`;
    heading =
      q.mode === "window" ? `Nhiệm vụ${scope} có hạn ${within}` : `Nhiệm vụ${scope} sắp đến hạn (${label})`;
    emptyText = `Không có nhiệm vụ nào${scope} có hạn ${within} theo cơ sở tri thức.`;
  }
  rows.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));

  if (!rows.length) {
    const r = new ReplyBuilder("deadlines");
    for (const n of preface) r.line(n.text, kb.citeAll(n.sources));
    r.line(emptyText);
    // Name what is known nearby: the next deadline after today.
    const nearest = schedule
      ? schedule.nextDue(today, inTaskGroup)
      : pool
          .map((task) => ({ task, due: effectiveDue(task, today) }))
          .filter((x): x is { task: Task; due: string } => !!x.due && x.due >= today)
          .sort((a, b) => (a.due < b.due ? -1 : 1))[0];
    const next = nearest && { t: nearest.task, due: nearest.due };
    if (next) {
      // (The unit's part in it, when a unit asked: "Ngày Chuyển đổi số … (phối hợp)".)
      const role = partOf(next.t);
      r.line(
        `Hạn gần nhất sắp tới: ${next.t.title}${role} — ${formatViDate(next.due)}${daysLeftText(today, next.due)}.`,
        kb.citeAll([...(next.t.document ? [next.t.document] : []), ...next.t.sources]),
      );
      r.item("task", next.t.id);
    }
    // A unit asking for its deadlines also sees those already past and not recorded done.
    if ((unit || group) && q.mode !== "overdue") {
      const overdue = pool.filter((t) => taskStatus(t, today).status === "overdue").slice(0, 3);
      for (const t of overdue) {
        r.line(
          `Đã quá hạn: ${t.title} — ${dueText(t, today)}.`,
          kb.citeAll([...(t.document ? [t.document] : []), ...t.sources]),
        );
        r.item("task", t.id);
      }
    }
    const undated = schedule
      ? schedule.undated(today, inTaskGroup)
      : pool.filter((t) => !effectiveDue(t, today)).length;
    if (undated) r.note(`${undated} nhiệm vụ không có hạn cụ thể (thường xuyên hoặc nguồn không nêu hạn).`);
    return r.build();
  }
  const page = cap(rows, ctx.pageSize, q.page);
  const r = new ReplyBuilder("deadlines", `${heading} (${rows.length}):`);
  for (const n of preface) r.line(n.text, kb.citeAll(n.sources));
  const supportAsked = /\bphoi hop\b/.test(fold(ctx.question ?? ""));
  const shortWindow = !!q.from && !!q.to && diffDays(q.from, q.to) <= 14;
  page.shown.forEach((row, i) => {
    const t = row.task;
    const occurrenceTask = t.deadline.recurrence ? { ...t, deadline: { ...t.deadline, due: row.due } } : t;
    const n = (page.page - 1) * ctx.pageSize + i + 1;
    const later = row.later?.length ? ` (các kỳ sau: ${row.later.map(formatViDate).join(", ")})` : "";
    // (A unit's deadlines show no lead line: each says whether the unit leads or supports it.)
    const role = partOf(t);
    // ("tuần này có mốc nào": within a week or two, the weekday the day falls on.)
    const weekday = q.mode === "window" && shortWindow ? ` (${weekdayOf(row.due)})` : "";
    r.line(
      `${n}. ${t.title}${role} — ${dueText(occurrenceTask, today)}${weekday}${later}`,
      kb.citeAll([...(t.document ? [t.document] : []), ...t.sources]),
    );
    // ("nhiệm vụ ngày 10/10 đơn vị phối hợp": the supporting units too, when asked.)
    const support = supportAsked && t.support.length ? `; phối hợp: ${kb.namesOf(t.support).join("; ")}` : "";
    if (!unit) r.line(`Chủ trì: ${leadNames(kb, t)}${support}`, [], 1);
    r.item("task", t.id);
  });
  if (page.rest) r.note(`Còn ${page.rest} nhiệm vụ nữa.`);
  r.paging(pagingOf(q, page));
  return r.build();
}

/** " (còn 213 ngày)" from today to a due day after it; "(hôm nay)" on the day. */
function daysLeftText(today: string, due: string): string {
  const n = diffDays(today, due);
  return n > 0 ? ` (còn ${n} ngày)` : n === 0 ? " (hôm nay)" : "";
}

/** The tasks whose title or details name a document issued by the unit (by its name or an alias). */
function citingTasks(unitId: string, ctx: AnswerContext): Set<string> {
  const { kb } = ctx;
  const u = kb.unit(unitId);
  const names = u ? [u.name, ...u.aliases].map((n) => fold(n)) : [];
  const out = new Set<string>();
  for (const t of kb.data.tasks) {
    const docs = kb.documentsNamedBy(t);
    if (docs.some((d) => names.some((n) => n.length >= 3 && fold(d.issuer).includes(n)))) out.add(t.id);
  }
  return out;
}

/**
 * "nhiệm vụ giao cho các thành viên Ban Điều hành": the tasks whose text gives them to a body's members
 * ("Giao cho các thành viên Ban Điều hành chuyển đổi số tỉnh và các ngành"), undefined when none does.
 */
export function answerTasksOfMembers(bodyId: string, ctx: AnswerContext): Reply | undefined {
  const { kb } = ctx;
  const body = kb.body(bodyId);
  if (!body) return undefined;
  const members = `thanh vien ${fold(body.name)}`;
  const tasks = kb.data.tasks.filter((t) => fold(`${t.title} ${t.details ?? ""}`).includes(members));
  if (!tasks.length) return undefined;
  const r = new ReplyBuilder("tasks", `Nhiệm vụ giao cho các thành viên ${body.name} (${tasks.length}):`);
  // What the meeting that gave them asked of the members ("… tập trung chỉ đạo tăng tốc …"), first.
  for (const m of kb.data.meetings)
    for (const c of m.conclusions.flatMap((x) => x.split(/(?<=[.;])\s+/)))
      if (fold(c).includes(members) && /\byeu cau\b/.test(fold(c)))
        r.line(`Kết luận cuộc họp ngày ${formatViDate(m.date)}: ${c}`, kb.citeAll(m.sources));
  const page = cap(tasks, ctx.pageSize);
  page.shown.forEach((t, i) => {
    taskLines(r, t, i + 1, ctx, { showLead: false });
    const given = givenTo(t);
    if (given) r.line(`Giao cho ${given}.`, [], 1);
  });
  if (page.rest) r.note(`Còn ${page.rest} nhiệm vụ nữa.`);
  return r.build();
}

/**
 * "nhiệm vụ nào đã được gia hạn", "đơn vị nào xin gia hạn": the tasks whose due date an approved
 * extension moved, or that none is recorded (a request still awaiting the secretariat is not knowledge).
 */
export function answerExtendedTasks(folded: string, ctx: AnswerContext): Reply | undefined {
  if (!/\bgia han\b/.test(folded)) return undefined;
  if (
    !/\b(?:nhiem vu|viec|nv|don vi|co quan|so) (?:nao|gi)\b|\bnhung (?:nhiem vu|viec|don vi)\b|\bdanh sach\b/.test(
      folded,
    )
  )
    return undefined;
  const extended = ctx.kb.data.tasks.filter((t) => t.progress.extendedTo);
  const r = new ReplyBuilder("tasks");
  if (!extended.length) {
    r.line("Cơ sở tri thức chưa ghi nhận nhiệm vụ nào được gia hạn.");
    r.note("Đề nghị gia hạn đang chờ Tổ Giúp việc xem xét không nằm trong cơ sở tri thức.");
    return r.build();
  }
  r.line(`Nhiệm vụ đã được gia hạn (${extended.length}):`);
  for (const [i, t] of extended.entries()) {
    r.line(`${i + 1}. ${t.title} — ${dueText(t, ctx.today)}`, ctx.kb.citeAll(t.sources));
    r.line(`Chủ trì: ${leadNames(ctx.kb, t)}`, [], 1);
    r.item("task", t.id);
  }
  return r.build();
}
