/**
 * The secretariat's history commands, channel-neutral (admins only, by the command table):
 * - /lichsu: the last 10 changes of the knowledge;
 * - /xuat: every task as an .xlsx in the appendix layout (re-importable as it is);
 * - /hoantac: shows the change that would be undone and how to confirm it; /hoantac <số> undoes it when
 *   it is still the latest change (a change in between refuses: typed confirmations carry the number,
 *   so Zalo, which has no buttons, confirms the same way). Telegram also offers buttons for it.
 */
import type { Person } from "../app/assistant.ts";
import { loadShippedKnowledge } from "../app/knowledge.ts";
import { localDate } from "../core/time.ts";
import { exportKnowledge, formatHistory, ImportError, undoLastChange } from "../imports/index.ts";
import { type Actor, type AuditEntry, findUndoTarget } from "../store/audit.ts";
import { StoreError } from "../store/index.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Output, text } from "./outputs.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

export const HISTORY_LIMIT = 10;

/** Who made a change, for the audit: the person's channel account. */
export function actorOfPerson(p: Person): Actor {
  const name = p.user?.name ?? p.name;
  return { kind: p.channel, id: `${p.channel}:${p.chatId}`, ...(name ? { name: name.slice(0, 200) } : {}) };
}

/** Audit entries described in words, against the current (and, if readable, the shipped) knowledge. */
export function describeChanges(d: ConversationDeps, entries: readonly AuditEntry[]): string {
  let shipped: ReturnType<typeof loadShippedKnowledge> | undefined;
  try {
    shipped = loadShippedKnowledge(d.app.config);
  } catch {
    shipped = undefined;
  }
  return formatHistory([...entries], { kb: d.app.knowledge(), ...(shipped ? { shipped } : {}) });
}

export function undoTarget(d: ConversationDeps): AuditEntry | undefined {
  return findUndoTarget(d.app.store.audit.list({ limit: Number.POSITIVE_INFINITY }).reverse());
}

export async function historyCommand(d: ConversationDeps): Promise<Output[]> {
  const entries = d.app.store.audit.list({ limit: HISTORY_LIMIT });
  const lines = [`Nhật ký thay đổi (${entries.length} thay đổi gần nhất)`, describeChanges(d, entries)];
  if (entries.length) lines.push(T.undoHint);
  return [text(lines.filter(Boolean).join("\n"))];
}

export async function exportCommand(d: ConversationDeps): Promise<Output[]> {
  try {
    const bytes = await exportKnowledge(d.app, "xlsx");
    const caption = T.exportCaption(d.app.knowledge().data.tasks.length);
    return [
      {
        kind: "document",
        bytes,
        filename: `co-so-tri-thuc-${localDate(d.app.now())}.xlsx`,
        caption,
        fallback: T.exportNotOnThisChannel(caption),
      },
    ];
  } catch (e) {
    if (e instanceof ImportError) return [text(e.message)];
    throw e;
  }
}

export async function undoCommand(d: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  const target = undoTarget(d);
  if (!target) return [text(T.nothingToUndo)];
  if (!arg) {
    const what = describeChanges(d, [target])
      .split("\n")
      .map((l) => l.trim())
      .join("\n");
    return [text(`Hoàn tác thay đổi #${target.id}?\n${what}\n${T.undoConfirm(target.id)}`)];
  }
  const asked = /^#?([1-9]\d{0,9})$/.exec(arg.trim())?.[1];
  if (!asked) return [text(T.undoConfirm(target.id))];
  if (asked !== target.id) return [text(T.undoMoved)];
  try {
    const entry = await undoLastChange(d.app, actorOfPerson(p));
    if (!entry) return [text(T.nothingToUndo)];
    d.log?.info({ undone: asked, entry: entry.id }, "change undone in chat");
    return [text(T.undone(asked, entry.id))];
  } catch (e) {
    if (e instanceof StoreError) return [text(`Chưa hoàn tác được: ${e.message}`)];
    throw e;
  }
}
