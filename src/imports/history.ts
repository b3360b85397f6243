/**
 * The audit log in Vietnamese, for `kb history` (and later the chat): when, who, what was done and what
 * changed ("thêm nhiệm vụ “…”", "sửa nhiệm vụ “…”: thời hạn Quý II/2023 → Quý III/2023").
 */
import type { Knowledge } from "../core/knowledge/model.ts";
import { COLLECTION_LABELS, type CollectionName, type Task } from "../core/knowledge/schema.ts";
import { ZONE } from "../core/time.ts";
import type { AuditChange, AuditEntry } from "../store/index.ts";
import { describeDeadline, FIELD_LABELS, type TaskField } from "./preview.ts";

const ACTIONS: Record<string, string> = {
  "import.tasks": "Nhập nhiệm vụ từ tệp",
  undo: "Hoàn tác",
  "task.create": "Thêm nhiệm vụ",
  "task.update": "Sửa nhiệm vụ",
  "task.status": "Cập nhật tiến độ nhiệm vụ",
  "task.deadline": "Dời thời hạn nhiệm vụ",
  "task.remove": "Xóa nhiệm vụ",
  "unit.create": "Thêm đơn vị",
  "unit.update": "Sửa đơn vị",
  "unit.rename": "Đổi tên đơn vị",
  "unit.merge": "Hợp nhất đơn vị",
  "unit.close": "Giải thể đơn vị",
  "document.create": "Thêm văn bản",
  "document.update": "Sửa văn bản",
  "person.update": "Cập nhật người giữ chức vụ",
  "knowledge.answer": "Bổ sung câu trả lời vào cơ sở tri thức",
  "admin.request": "Xin quyền quản trị (dùng mã quản trị)",
  "admin.grant": "Cấp quyền quản trị",
  "admin.refuse": "Từ chối quyền quản trị",
};

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

export function actorLabel(a: AuditEntry["actor"]): string {
  const who = a.name ?? a.id;
  switch (a.kind) {
    case "telegram":
      return `Telegram${who ? `: ${who}` : ""}`;
    case "zalo":
      return `Zalo${who ? `: ${who}` : ""}`;
    case "cli":
      return `Dòng lệnh${who ? ` (${who})` : ""}`;
    default:
      return "Hệ thống";
  }
}

const TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "14/02/2023 09:30" in Vietnam time. */
export function formatInstant(iso: string): string {
  const parts = Object.fromEntries(TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

function label(value: unknown, id: string): string {
  if (value && typeof value === "object") {
    const v = value as { name?: unknown; title?: unknown; number?: unknown };
    for (const l of [v.name, v.title, v.number]) if (typeof l === "string" && l) return `“${shorten(l, 70)}”`;
  }
  return `“${id}”`;
}

function shorten(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** What changed in a task, field by field (the fields people care about). */
function taskFieldChanges(before: Task, after: Task, kb?: Knowledge): string[] {
  const out: string[] = [];
  const names = (ids: string[]) => (kb ? kb.namesOf(ids) : ids).join("; ") || "(trống)";
  const show: Record<TaskField, (t: Task) => string> = {
    title: (t) => shorten(t.title, 60),
    lead: (t) => names(t.lead ?? []),
    support: (t) => names(t.support ?? []),
    deadline: (t) => (t.deadline ? describeDeadline(t.deadline) : "(trống)"),
    product: (t) => t.product ?? "(trống)",
    group: (t) => t.group ?? "(trống)",
    clause: (t) => t.clause ?? "(trống)",
    document: (t) => (t.document ? (kb?.document(t.document)?.number ?? t.document) : "(trống)"),
  };
  for (const f of Object.keys(show) as TaskField[]) {
    const b = show[f](before);
    const a = show[f](after);
    if (b !== a) out.push(`${FIELD_LABELS[f]}: ${b} → ${a}`);
  }
  if (JSON.stringify(before.progress ?? {}) !== JSON.stringify(after.progress ?? {})) out.push("tiến độ");
  return out;
}

export interface HistoryContext {
  /** The current knowledge: unit names and document numbers in field changes. */
  kb?: Knowledge;
  /**
   * The shipped knowledge (knowledge/ without edits): tells "added" from "changed" when a change had no
   * overlay entry before it. Without it such a change reads as "thêm".
   */
  shipped?: Knowledge;
}

/** One change of an entry, as a line. */
export function describeChange(ch: AuditChange, ctx: HistoryContext = {}): string {
  if (ch.collection === "holidays") return "sửa danh sách ngày nghỉ";
  const c = ch.collection as CollectionName;
  const what = COLLECTION_LABELS[c] ?? ch.collection;
  const original = ctx.shipped?.get(c, ch.id);
  const before = ch.before === undefined ? original : (ch.before ?? undefined);
  const after = ch.after ?? undefined;
  if (ch.after === null) return `bỏ ${what} ${label(before, ch.id)}`;
  if (ch.after === undefined) {
    return original
      ? `trả ${what} ${label(before, ch.id)} về như bản gốc`
      : `bỏ ${what} ${label(before, ch.id)}`;
  }
  if (ch.before === null) return `khôi phục ${what} ${label(after, ch.id)}`;
  if (!before) return `thêm ${what} ${label(after, ch.id)}`;
  if (c === "tasks") {
    const fields = taskFieldChanges(before as Task, after as Task, ctx.kb);
    return `sửa ${what} ${label(after, ch.id)}${fields.length ? `: ${fields.join("; ")}` : ""}`;
  }
  return `sửa ${what} ${label(after, ch.id)}`;
}

export interface HistoryOptions {
  /** Changes listed per entry before "… và N thay đổi khác". */
  changesPerEntry?: number;
}

/** Entries (most recent first, as `audit.list` gives them) as Vietnamese lines. */
export function formatHistory(
  entries: AuditEntry[],
  ctx: HistoryContext = {},
  opts: HistoryOptions = {},
): string {
  if (entries.length === 0) return "Chưa có thay đổi nào trong nhật ký.";
  const per = opts.changesPerEntry ?? 5;
  const undone = new Set(entries.flatMap((e) => (e.undoes ? [e.undoes] : [])));
  const lines: string[] = [];
  for (const e of entries) {
    const flags = undone.has(e.id) ? " (đã hoàn tác)" : "";
    const target = e.undoes ? ` thay đổi #${e.undoes}` : "";
    lines.push(
      `#${e.id}  ${formatInstant(e.at)}  ${actorLabel(e.actor)}  ${actionLabel(e.action)}${target}${flags}`,
    );
    if (e.note && !e.undoes) lines.push(`    ${e.note}`);
    const changes = e.changes ?? [];
    for (const ch of changes.slice(0, per)) lines.push(`    - ${describeChange(ch, ctx)}`);
    if (changes.length > per) lines.push(`    … và ${changes.length - per} thay đổi khác`);
  }
  return lines.join("\n");
}
