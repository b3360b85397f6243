/**
 * Reading what the secretariat types in the guided edits: a task by id or words, unit names, a
 * deadline as plans write it, a day, a document number, a document type. Pure functions over the
 * knowledge: each returns the value or a short Vietnamese reason (the dialog then asks again).
 */
import { parseDeadline } from "../core/deadlines/due-date.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import {
  type Deadline,
  type DocumentType,
  documentTypeSchema,
  type KDocument,
  type Task,
  type Unit,
} from "../core/knowledge/schema.ts";
import { findDatePhrases } from "../core/text/dates.ts";
import { parseDocNumber } from "../core/text/doc-number.ts";
import { fold, foldAlnum } from "../core/text/normalize.ts";
import { ImportError } from "../imports/index.ts";
import { resolveDocument } from "../imports/preview.ts";
import { isCreatableUnitName, UnitMatcher } from "../imports/unit-matcher.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(message: string): Parsed<T> => ({ ok: false, message });

export const MAX_TITLE = 500;
export const MAX_TEXT = 1000;

/** Tasks a query names: its id, else every task whose title holds all the query's words (≤ `limit`). */
export function findTasks(kb: Knowledge, query: string, limit = 8): Task[] {
  const q = query.trim();
  if (!q) return [];
  const byId = kb.task(q) ?? kb.task(q.toLowerCase());
  if (byId) return [byId];
  const words = foldAlnum(q).split(" ").filter(Boolean);
  if (!words.length) return [];
  return kb.data.tasks
    .filter((t) => {
      const title = ` ${foldAlnum(t.title)} `;
      return words.every((w) => title.includes(` ${w}`));
    })
    .slice(0, limit);
}

/** A short line for a task: "Tên… (mã qd-56-2023-1)". */
export function taskLine(t: Task, max = 90): string {
  const title = t.title.length > max ? `${t.title.slice(0, max - 1)}…` : t.title;
  return `${title} (mã ${t.id})`;
}

/** Lead units typed as in plans: "Sở TT&TT; Ban Dân tộc", "UBND các huyện, thành phố". */
export function parseUnits(kb: Knowledge, text: string): Parsed<string[]> {
  const t = text.trim();
  if (!t) return no("Chưa có tên đơn vị.");
  if (t.length > MAX_TEXT) return no("Tên đơn vị dài quá.");
  const matcher = new UnitMatcher(kb);
  const m = matcher.matchCell(t);
  if (m.unmatched.length) {
    const hints = m.unmatched.slice(0, 3).map((name) => {
      const near = matcher.closest(name, 3).map((r) => r.name);
      return `“${name}”${near.length ? ` (gần nhất: ${near.join("; ")})` : ""}`;
    });
    return no(`Tôi chưa nhận ra đơn vị ${hints.join(", ")}. Nếu là đơn vị mới, hãy thêm bằng /themdv trước.`);
  }
  if (!m.ids.length) return no("Tôi chưa nhận ra đơn vị nào trong câu này.");
  return ok(m.ids);
}

/** A deadline as plans write it; refused when no due date, recurrence or "thường xuyên" comes out. */
export function parseDeadlineText(text: string, year: number): Parsed<Deadline> {
  const t = text.trim().replace(/\s+/g, " ");
  if (!t) return no("Chưa có thời hạn.");
  if (t.length > 100) return no("Thời hạn dài quá (tối đa 100 ký tự).");
  const parsed = parseDeadline(t, { year });
  if (!parsed.due && !parsed.recurrence && !parsed.continuous) {
    return no(`Tôi chưa tính được ngày hạn từ “${t}”.`);
  }
  return ok({ text: t, ...parsed });
}

/** A calendar day: "15/6/2023", "15/6" (this year), "ngày 15 tháng 6 năm 2023", "hôm nay". */
export function parseDay(text: string, today: string): Parsed<string> {
  const year = Number(today.slice(0, 4));
  const day = findDatePhrases(text, { today, defaultYear: year }).find((p) => p.kind === "day");
  if (!day) return no(`Tôi chưa đọc được ngày trong “${text.trim().slice(0, 40)}”.`);
  return ok(day.from);
}

const NONE_WORDS = new Set(["khong", "khong co", "bo qua", "-", "k", "ko"]);

/** Whether the text means "none" ("không", "bỏ qua", "-"). */
export function meansNone(text: string): boolean {
  return NONE_WORDS.has(foldAlnum(text) || text.trim());
}

/** A document of the knowledge named by its number ("56/QĐ-UBND", "Quyết định 56"). */
export function parseKnownDocument(kb: Knowledge, text: string): Parsed<KDocument> {
  try {
    return ok(resolveDocument(kb, text));
  } catch (e) {
    if (e instanceof ImportError)
      return no(`Chưa có văn bản “${text.trim().slice(0, 60)}” trong cơ sở tri thức.`);
    throw e;
  }
}

/** A new document's number: a real số hiệu, not yet in the knowledge. */
export function parseNewDocNumber(kb: Knowledge, text: string): Parsed<string> {
  const t = text.trim().replace(/\s+/g, " ");
  const parsed = parseDocNumber(t);
  if (!parsed) return no(`“${t.slice(0, 40)}” chưa giống một số hiệu văn bản.`);
  const existing = kb.documentByNumber(t);
  if (existing) return no(`Đã có văn bản ${existing.number} trong cơ sở tri thức (mã ${existing.id}).`);
  return ok(t.replace(/^(?:s[ốô]|so)\s*:?\s*/iu, ""));
}

/** A document type typed in any spelling ("quyet dinh", "Kế hoạch"). */
/** A document type typed in any spelling ("quyet dinh", "Kế hoạch"). */
export function parseDocType(text: string): Parsed<DocumentType> {
  const f = fold(text.trim());
  const hit = documentTypeSchema.options.find((o) => fold(o) === f);
  return hit ? ok(hit) : no(`Loại văn bản “${text.trim().slice(0, 30)}” chưa đúng.`);
}

/** A new unit's name: not a unit the knowledge already has, not a group ("các sở…"). */
export function parseNewUnitName(kb: Knowledge, text: string): Parsed<string> {
  const t = text.trim().replace(/\s+/g, " ");
  if (t.length < 4) return no("Tên đơn vị ngắn quá.");
  if (t.length > 200) return no("Tên đơn vị dài quá (tối đa 200 ký tự).");
  if (!isCreatableUnitName(t))
    return no("Đây là tên một nhóm đơn vị (“các…”), không thêm thành một đơn vị được.");
  const hit = new UnitMatcher(kb).matchName(t);
  if (hit)
    return no(`Đã có ${hit.kind === "group" ? "nhóm đơn vị" : "đơn vị"} “${hit.name}” (mã ${hit.id}).`);
  return ok(t);
}

/** Short free text (a title, an issuer, a name): trimmed, within bounds. */
export function parseText(text: string, what: string, min = 2, max = MAX_TITLE): Parsed<string> {
  const t = text.trim().replace(/\s+/g, " ");
  if (t.length < min) return no(`${what} ngắn quá.`);
  if (t.length > max) return no(`${what} dài quá (tối đa ${max} ký tự).`);
  return ok(t);
}

/** The usual title of a unit's head: "Giám đốc Sở …", "Chủ tịch UBND huyện …", "Trưởng Ban …". */
export function headTitle(unit: Unit): string {
  switch (unit.kind) {
    case "so":
      return `Giám đốc ${unit.name}`;
    case "huyen":
    case "ubnd":
      return `Chủ tịch ${unit.name}`;
    case "ban":
      return `Trưởng ${unit.name}`;
    default:
      return `Thủ trưởng ${unit.name}`;
  }
}
