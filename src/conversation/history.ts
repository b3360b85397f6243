/**
 * The secretariat's history commands, channel-neutral (admins only, by the command table):
 * - /lichsu: the last 10 changes of the knowledge;
 * - /xuat: every task as an .xlsx in the appendix layout (re-importable as it is);
 * - /hoantac: a dialog (dialog.ts) that shows the change that would be undone, then "Hoàn tác" / "Hủy"
 *   (Telegram: buttons; Zalo and the terminal: numbered choices). The change is undone only when it is
 *   still the latest one when "Hoàn tác" is picked: a change in between refuses and nothing is undone;
 *   a forged or older choice is refused by the dialog runner. /hoantac <số> undoes change <số> at once,
 *   on the same condition (typed, without the dialog).
 */
import type { Person } from "../app/assistant.ts";
import { loadShippedKnowledge } from "../app/knowledge.ts";
import { localDate } from "../core/time.ts";
import { exportKnowledge, formatHistory, ImportError, undoLastChange } from "../imports/index.ts";
import { type Actor, type AuditEntry, findUndoTarget } from "../store/audit.ts";
import { StoreError } from "../store/index.ts";
import type { DialogContext } from "./dialog.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Output, text } from "./outputs.ts";
import { sessionOf } from "./session.ts";
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

/** The lines that say what undoing `target` would do (for the question before it). */
function undoQuestion(d: ConversationDeps, target: AuditEntry): string[] {
  const what = describeChanges(d, [target])
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return [T.undoTitle(target.id), ...what, T.undoAsk];
}

/** Undoes change `id` if it is still the latest change (else says `moved` and changes nothing). */
async function undoIfLatest(d: ConversationDeps, p: Person, id: string, moved: string): Promise<string> {
  if (undoTarget(d)?.id !== id) return moved;
  try {
    const entry = await undoLastChange(d.app, actorOfPerson(p));
    if (!entry) return T.nothingToUndo;
    d.log?.info({ undone: id, entry: entry.id }, "change undone in chat");
    return T.undone(id, entry.id);
  } catch (e) {
    if (e instanceof StoreError) return T.undoFailed(e.message);
    throw e;
  }
}

async function undoDialog(d: ConversationDeps, dc: DialogContext, target: AuditEntry): Promise<void> {
  await dc.choose(undoQuestion(d, target), [{ label: T.undoButton, value: true }]);
  dc.say(await undoIfLatest(d, dc.person, target.id, T.undoMoved));
}

/** /hoantac: the dialog; /hoantac <số>: undoes that change at once if it is still the latest. */
export async function undoCommand(d: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  const target = undoTarget(d);
  if (!target) return [text(T.nothingToUndo)];
  const asked = /^#?([1-9]\d{0,9})$/.exec(arg.trim())?.[1];
  if (asked) return [text(await undoIfLatest(d, p, asked, T.undoNotLatest(asked)))];
  return sessionOf(d.assistant).dialogs.start(p, (dc) => undoDialog(d, dc, target));
}
