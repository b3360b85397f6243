/** Small Vietnamese formatting helpers shared by the answer composers. */
import { STATUS_LABELS, taskStatus } from "../deadlines/status.ts";
import type { Knowledge } from "../knowledge/model.ts";
import type { Task } from "../knowledge/schema.ts";
import { fold } from "../text/normalize.ts";
import { foldQuestion } from "../text/question.ts";
import { formatViDate, viWeekdayName } from "../time.ts";

/** 0.5934 → "0,5934"; 94.69 → "94,69". */
export function viNumber(n: number): string {
  return String(n).replace(".", ",");
}

/** "hạn 30/06/2023 (còn 5 ngày)", "hạn 31/12/2023 (quá hạn 12 ngày)", "thường xuyên". */
export function dueText(task: Task, today: string): string {
  const st = taskStatus(task, today);
  const written = task.deadline.text;
  if (st.status === "done-on-time" || st.status === "done-late") {
    const on = task.progress.completedOn ? ` ngày ${formatViDate(task.progress.completedOn)}` : "";
    return `${STATUS_LABELS[st.status]}${on}`;
  }
  if (!st.due) return `thời hạn: ${written}`;
  const date = formatViDate(st.due);
  // ("hạn năm 2023, 31/12/2023": the source's words go mid-sentence, so without their capital; an
  // acronym keeps its capitals.)
  const words =
    written && /^\p{Lu}\p{Ll}/u.test(written) ? written[0]!.toLowerCase() + written.slice(1) : written;
  const shown = words && !words.includes(date) && !/^\d/.test(words) ? `${words}, ${date}` : date;
  const extended = task.progress.extendedTo ? " (đã gia hạn)" : "";
  if (st.status === "overdue") return `hạn ${shown}${extended}: đã quá hạn ${st.daysOverdue} ngày`;
  if (st.daysLeft === 0) return `hạn ${shown}${extended}: hôm nay là hạn chót`;
  return `hạn ${shown}${extended}: còn ${st.daysLeft} ngày`;
}

/** The weekday of a day as it reads mid-sentence: "Chủ nhật", "thứ Hai" … "thứ Bảy". */
export function weekdayOf(iso: string): string {
  return viWeekdayName(iso).replace(/^Thứ/, "thứ");
}

/** "rơi vào thứ mấy", "là thứ mấy", "thứ ngày …": the weekday of a day. */
// ("những thứ gì", "các thứ gì": things, not a weekday.)
// ("nhiệm vụ trọng tâm thứ mấy", "mục thứ mấy": an ordinal, not a weekday.)
export const WEEKDAY_CUE =
  /(?<!\b(?:nhiem vu|trong tam|muc|dieu|khoan|phan|y|noi dung|nv|hang|xep|dung|lan|giai doan|chuong|tru cot|chi so) )\bthu (?:may|nao)\b|(?<!\b(?:nhung|cac|moi) )\bthu gi\b|\broi (?:vao )?thu\b|^\s*thu (?:ngay|cua)\b|\b(?:19|20)\d\d thu\s*\??\s*$|\b(?:roi vao|vao|la) t (?:may|nao)\b/;

/**
 * "Ngày 31/12/2023 là Chủ nhật.": the weekday of a task's due date, when the question asks it ("hạn đó
 * rơi vào thứ mấy"); undefined otherwise or when the task has no date.
 */
export function dueWeekdayLine(task: Task, today: string, question: string | undefined): string | undefined {
  if (!question || !WEEKDAY_CUE.test(fold(question))) return undefined;
  const due = taskStatus(task, today).due;
  return due ? `Ngày ${formatViDate(due)} là ${weekdayOf(due)}.` : undefined;
}

/** `dueText` to follow a label of its own ("Thời hạn: …"): without its "thời hạn:". */
export function dueAfterLabel(task: Task, today: string): string {
  return dueText(task, today).replace(/^thời hạn:\s*/, "");
}

/** "Sở Thông tin và Truyền thông" / "Các cơ quan, đơn vị, địa phương". */
export function leadNames(kb: Knowledge, task: Task): string {
  return kb.namesOf(task.lead).join("; ");
}

/**
 * To whom the source says a task was given, when its details say so in words ("Giao cho các thành viên
 * Ban Điều hành … và các ngành"), beside the lead unit the register files it under.
 */
export function givenTo(task: Task): string | undefined {
  return /\bGiao cho ([^.;]+)[.;]/u.exec(task.details ?? "")?.[1];
}

/** Caps a list: the first `n`, and how many are left. */
export function cap<T>(
  list: T[],
  n: number,
  page = 1,
): { shown: T[]; rest: number; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(list.length / n));
  const p = Math.min(Math.max(1, page), pages);
  const shown = list.slice((p - 1) * n, p * n);
  return { shown, rest: Math.max(0, list.length - p * n), pages, page: p };
}

/** Shortens a long text at a word boundary. */
/** A phrase inside a sentence: "Giám đốc Bảo hiểm xã hội tỉnh" → "giám đốc Bảo hiểm xã hội tỉnh". */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A phrase opening a sentence: "tuần này" → "Tuần này". */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function shorten(s: string, max = 220): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max * 0.6 ? cut.lastIndexOf(" ") : max).replace(/[,;:.\s]+$/, "")}…`;
}

export function asOfNote(iso: string): string {
  return `thông tin tại ngày ${formatViDate(iso)}`;
}

/**
 * Whether a text states a figure (a count, a share, a value, a rank): a number that is not a year, a
 * date or a document's number, or "ít nhất một". A question for a figure is not answered by a text
 * without one.
 */
export function hasFigure(text: string): boolean {
  const t = text
    .replace(/\(\d{1,2}\)|^\s*\d{1,2}[.)]\s/gmu, " ")
    .replace(/\d+[-/][\p{L}][\p{L}\p{N}&/-]*/gu, " ")
    .replace(/\b[0-3]?\d\/(?:0?[1-9]|1[0-2])(?:\/\d{2,4})?\b/g, " ")
    .replace(/\b(?:19|20)\d\d\b/g, " ");
  return (
    /\d/.test(t) ||
    /\b(?:ít nhất|tối thiểu|toàn bộ|tất cả) (?:một|hai|ba)\b/iu.test(t) ||
    // A level is what "đạt mức nào", "nhóm nào" asks: "nhóm khá", "nhóm dẫn đầu".
    /\bnhóm (?:khá|tốt|trung bình|dẫn đầu|cao|thấp|đầu|xuất sắc)\b/iu.test(t)
  );
}

/** Whether the question asks how many ("có mấy nhiệm vụ", "bao nhiêu kế hoạch", "bn văn bản"). */
export function asksCount(question: string | undefined): boolean {
  if (!question) return false;
  const f = foldQuestion(question);
  return /\b(?:bao nhieu|may|bn|so luong)\s+(?:nhiem vu|viec|cong viec|van ban|ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|cong van|chuong trinh)\b/.test(
    f,
  );
}
