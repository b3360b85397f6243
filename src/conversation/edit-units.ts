/**
 * Guided dialogs recording a reorganisation (issue 16), for admins (the command table's rule):
 * - /doiten [đơn vị]: the unit → its new name → the date → the document (optional) → preview → “Lưu”;
 * - /hopnhat [đơn vị]: the merged units one at a time (“xong”) → the unit they go into (existing, or a
 *   new one by its name) → the date → the document → preview → “Lưu”;
 * - /giaithe [đơn vị]: the unit → the date → the successor (optional) → the document → preview → “Lưu”.
 *
 * Thin callers of src/unit-changes/, like `kb unit rename|merge|close`: the same plan, the same preview
 * (renderPlan: tasks that move, linked officials, names that move) and the same apply (one audited
 * change by the admin, the knowledge reloaded, undone with /hoantac). Every step is checked against
 * the plan, so a date the use case refuses is asked again with its reason. Officials linked to a
 * merged or closed unit are told once by the daily reminder cycle (src/reminders/unit-notices.ts),
 * however the change was recorded.
 */
import type { Person } from "../app/assistant.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import type { Unit } from "../core/knowledge/schema.ts";
import { foldAlnum } from "../core/text/normalize.ts";
import { formatViDate, isIsoDate, localDate } from "../core/time.ts";
import { applyUnitChange } from "../unit-changes/apply.ts";
import {
  planUnitChange,
  UnitChangeError,
  type UnitChangePlan,
  type UnitChangeRequest,
} from "../unit-changes/plan.ts";
import { renderPlan } from "../unit-changes/render.ts";
import type { Choice, DialogContext, Parsed, Prompt } from "./dialog.ts";
import { actorOfPerson } from "./history.ts";
import { type ConversationDeps, resolveUnit, type UnitResolution } from "./leaders.ts";
import type { Output } from "./outputs.ts";
import { meansNone, parseNewUnitName, parseText } from "./parse.ts";
import { sessionOf } from "./session.ts";
import { CHANNEL_NAMES, UNIT_CHANGE_TEXTS as U } from "./texts.ts";

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Most units merged in one dialog. */
const MAX_MERGED = 20;
const DONE_WORDS = new Set(["xong", "het", "du", "du roi", "het roi", "ket thuc"]);

/** A date typed as dd/mm/yyyy (also d/m/yyyy, with “.” or “-”): the ISO day, or why not. */
export function parseFormDate(text: string): Parsed<string> {
  const t = text.trim().replace(/\s+/g, "");
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return no(U.dateFormat(text.trim().slice(0, 40)));
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  const year = Number(m[3]);
  if (!isIsoDate(iso) || year < 1900 || year > 2100) return no(U.noSuchDay(t));
  return ok(iso);
}

/** Every name a unit is typed by (its id too), folded. */
function foldedNames(u: Unit): string[] {
  return [u.id, u.name, ...u.aliases].map(foldAlnum);
}

/** A choice's label for a unit: its name. */
const unitChoice = <T>(kb: Knowledge, id: string, value: T): Choice<T> => ({
  label: kb.unit(id)?.name ?? id,
  value,
});

type Answer<E> = { kind: "unit"; id: string } | { kind: "typed"; text: string } | { kind: "extra"; value: E };

/** A choice offered besides the units (“Xong”, “Không có”), also taken when typed. */
interface Extra<E> {
  label: string;
  value: E;
  typed: (text: string) => boolean;
}

function unitDialogs(deps: ConversationDeps) {
  const { app } = deps;
  const today = () => localDate(app.now());

  /** The plan of a request on the current knowledge, or the use case's reason (Vietnamese). */
  function tryPlan(req: UnitChangeRequest): Parsed<UnitChangePlan> {
    try {
      return ok(planUnitChange(app.knowledge(), app.store.state.users(), req, today()));
    } catch (e) {
      if (e instanceof UnitChangeError) return no(e.message);
      throw e;
    }
  }

  /** What a name typed means: a unit id as it is, else the names as /donvi reads them. */
  function resolve(kb: Knowledge, typed: string): UnitResolution {
    const id = typed.trim().toLowerCase();
    if (kb.unit(id)) return { kind: "found", unitId: id };
    return resolveUnit(kb, app.engine().lexicon, typed);
  }

  /** Why no change may be recorded for a unit any more (it has ended), or undefined. */
  function ended(u: Unit): string | undefined {
    const end = app.knowledge().unitEnd(u.id);
    return end ? U.ended(u.name, formatViDate(end.date)) : undefined;
  }

  /**
   * Asks for a unit by name (an abbreviation, a typo: `resolveUnit`), with choices when several fit and
   * the closest names when none does; `check` refuses a unit with its reason (asked again). An extra
   * choice (“Xong”, “Không có”) is returned as such.
   */
  async function pickUnitOr<E>(
    d: DialogContext,
    prompt: Prompt,
    check: (u: Unit) => string | undefined,
    opts: { initial?: string; extras?: Extra<E>[] } = {},
  ): Promise<{ unit: Unit } | { extra: E }> {
    const extras = opts.extras ?? [];
    const promptLines = typeof prompt === "string" ? [prompt] : [...prompt];
    let say: string[] = promptLines;
    let near: string[] = [];
    let typed = opts.initial?.trim().slice(0, 200) || undefined;
    for (;;) {
      const kb = app.knowledge();
      const answer: Answer<E> =
        typed !== undefined
          ? { kind: "typed", text: typed }
          : await d.ask<Answer<E>>(
              say,
              (t) => {
                const extra = extras.find((x) => x.typed(t));
                if (extra) return ok({ kind: "extra", value: extra.value });
                const r = parseText(t, U.unitNameWhat, 1, 200);
                return r.ok ? ok({ kind: "typed", text: r.value }) : r;
              },
              {
                choices: [
                  ...near.map((id) => unitChoice<Answer<E>>(kb, id, { kind: "unit", id })),
                  ...extras.map((x) => ({
                    label: x.label,
                    value: { kind: "extra", value: x.value } as Answer<E>,
                  })),
                ],
              },
            );
      typed = undefined;
      near = [];
      if (answer.kind === "extra") return { extra: answer.value };
      let id: string;
      if (answer.kind === "unit") id = answer.id;
      else {
        const res = resolve(kb, answer.text);
        if (res.kind === "found") id = res.unitId;
        else if (res.kind === "ambiguous")
          id = await d.choose(
            U.ambiguous(answer.text, res.unitIds.length),
            res.unitIds.map((x) => unitChoice(kb, x, x)),
          );
        else {
          near = res.unitIds;
          say = [U.unknownUnit(answer.text, near.length > 0), ...promptLines];
          continue;
        }
      }
      const unit = app.knowledge().unit(id);
      const problem = unit ? check(unit) : U.unitGone;
      if (!unit || problem) {
        say = [problem ?? U.unitGone, ...promptLines];
        continue;
      }
      return { unit };
    }
  }

  async function pickUnit(
    d: DialogContext,
    prompt: Prompt,
    check: (u: Unit) => string | undefined,
    initial?: string,
  ): Promise<Unit> {
    const r = await pickUnitOr<never>(d, prompt, check, initial ? { initial } : {});
    return (r as { unit: Unit }).unit;
  }

  /** The unit the merged ones go into: an existing unit (not one of them), or a new one by its name. */
  async function pickTarget(
    d: DialogContext,
    merged: readonly Unit[],
  ): Promise<{ into: string; isNew: boolean }> {
    const prompt = U.mergeInto(merged.map((u) => u.name).join(", "));
    const check = (u: Unit) => (merged.some((m) => m.id === u.id) ? U.intoItself(u.name) : ended(u));
    let say: string[] = [prompt];
    for (;;) {
      const typed = await d.ask(say, (t) => parseText(t, U.unitNameWhat, 2, 200));
      const kb = app.knowledge();
      const res = resolve(kb, typed);
      const found = res.kind === "found" ? kb.unit(res.unitId) : undefined;
      type Picked = { id: string } | { name: string } | "retry";
      let picked: Picked;
      if (found && foldedNames(found).includes(foldAlnum(typed))) picked = { id: found.id };
      else {
        const candidates = res.kind === "found" ? [res.unitId] : res.unitIds;
        const fresh = /^[a-z0-9-]+$/.test(typed) ? no<string>(U.newNameLikeId) : parseNewUnitName(kb, typed);
        picked = await d.choose<Picked>(
          [U.noSuchTarget(typed), ...(fresh.ok ? [] : [fresh.message])],
          [
            ...candidates.map((id) => unitChoice<Picked>(kb, id, { id })),
            ...(fresh.ok ? [{ label: U.newUnitButton, value: { name: fresh.value } }] : []),
            { label: U.retypeButton, value: "retry" as const },
          ],
        );
      }
      if (picked === "retry") {
        say = [prompt];
        continue;
      }
      if ("name" in picked) return { into: picked.name, isNew: true };
      const unit = app.knowledge().unit(picked.id);
      const problem = unit ? check(unit) : U.unitGone;
      if (!unit || problem) {
        say = [problem ?? U.unitGone, prompt];
        continue;
      }
      return { into: unit.id, isNew: false };
    }
  }

  /** The date, accepted only when the use case accepts the request on it. */
  function askDate(
    d: DialogContext,
    step: string,
    what: string,
    request: (date: string) => UnitChangeRequest,
  ) {
    return d.ask(U.askDate(step, what), (t) => {
      const date = parseFormDate(t);
      if (!date.ok) return date;
      const plan = tryPlan(request(date.value));
      return plan.ok ? date : no<string>(plan.message);
    });
  }

  /** The document's number (số hiệu), or nothing (“Bỏ qua”). */
  async function askDocument(d: DialogContext, step: string): Promise<{ document?: string }> {
    const doc = await d.ask<string | null>(
      U.askDocument(step),
      (t) => {
        if (meansNone(t)) return ok(null);
        const v = t.trim().replace(/\s+/g, " ");
        if (v.length > 200) return no(U.documentTooLong);
        if (v.length < 3 || !/\d/.test(v)) return no(U.documentFormat(v.slice(0, 60)));
        return ok(v);
      },
      { choices: [{ label: U.skipButton, value: null }] },
    );
    return doc ? { document: doc } : {};
  }

  /** The CLI's preview, “Lưu” / “Hủy”; on “Lưu” the same use case as `--apply`, by this admin. */
  async function previewAndSave(d: DialogContext, req: UnitChangeRequest): Promise<void> {
    const first = tryPlan(req);
    if (!first.ok) {
      d.say(U.notSaved(first.message));
      return;
    }
    const preview = renderPlan(app.knowledge(), first.value);
    await d.confirm([preview, "", U.previewAsk], { button: U.saveButton, hint: U.pressSave });
    // The knowledge may have changed while the preview waited: saved only as it was shown.
    const again = tryPlan(req);
    if (!again.ok) {
      d.say(U.notSaved(again.message));
      return;
    }
    if (renderPlan(app.knowledge(), again.value) !== preview) {
      d.say(U.changedMeanwhile);
      return;
    }
    const plan = again.value;
    const r = await applyUnitChange(
      app,
      { ...plan, note: `Qua ${CHANNEL_NAMES[d.person.channel]}: ${plan.note}`.slice(0, 500) },
      actorOfPerson(d.person),
    );
    if (!r.ok) {
      d.say(r.message);
      return;
    }
    if (!r.entryId) {
      d.say(U.nothingSaved);
      return;
    }
    deps.log?.info(
      { channel: d.person.channel, action: plan.action, entry: r.entryId },
      "unit change recorded in chat",
    );
    const date = formatViDate(req.date);
    if (req.kind === "rename") d.say(U.savedRename(r.entryId));
    else if (req.kind === "close" && !req.successor)
      d.say([U.savedClosed(r.entryId, plan.tasks.length), ...(plan.users.length ? [U.usersTold(date)] : [])]);
    else
      d.say([
        U.savedMove(r.entryId, r.tasksMoved, r.usersMoved, date),
        ...(plan.users.length ? [U.usersTold(date)] : []),
      ]);
  }

  async function rename(d: DialogContext, initial: string): Promise<void> {
    d.say([U.renameTitle, U.intro]);
    const unit = await pickUnit(d, U.renameWhich, ended, initial);
    const name = await d.ask(U.renameName(unit.name), (t) => {
      const r = parseText(t, U.newNameWhat, 3, 300);
      if (!r.ok) return r;
      if (r.value === unit.name) return no<string>(U.sameName(unit.name));
      const clash = app
        .knowledge()
        .data.units.find((x) => x.id !== unit.id && (x.name === r.value || x.aliases.includes(r.value)));
      return clash ? no<string>(U.nameTaken(r.value, clash.name)) : r;
    });
    const date = await askDate(d, "3/4", U.renameWhen(unit.name), (date) => ({
      kind: "rename",
      unitId: unit.id,
      name,
      date,
    }));
    const document = await askDocument(d, "4/4");
    await previewAndSave(d, { kind: "rename", unitId: unit.id, name, date, ...document });
  }

  async function merge(d: DialogContext, initial: string): Promise<void> {
    d.say([U.mergeTitle, U.intro]);
    const merged = [await pickUnit(d, U.mergeFirst, ended, initial)];
    while (merged.length < MAX_MERGED) {
      const next = await pickUnitOr<"done">(
        d,
        U.mergeMore(merged.map((u) => u.name).join(", ")),
        (u) => (merged.some((m) => m.id === u.id) ? U.alreadyPicked(u.name) : ended(u)),
        { extras: [{ label: U.doneButton, value: "done", typed: (t) => DONE_WORDS.has(foldAlnum(t)) }] },
      );
      if ("extra" in next) break;
      merged.push(next.unit);
    }
    const unitIds = merged.map((u) => u.id);
    const { into } = await pickTarget(d, merged);
    const date = await askDate(d, "3/4", U.mergeWhen, (date) => ({ kind: "merge", unitIds, into, date }));
    const document = await askDocument(d, "4/4");
    await previewAndSave(d, { kind: "merge", unitIds, into, date, ...document });
  }

  async function close(d: DialogContext, initial: string): Promise<void> {
    d.say([U.closeTitle, U.intro]);
    const unit = await pickUnit(d, U.closeWhich, ended, initial);
    const date = await askDate(d, "2/4", U.closeWhen(unit.name), (date) => ({
      kind: "close",
      unitId: unit.id,
      date,
    }));
    const successor = await pickUnitOr<null>(
      d,
      U.closeSuccessor(unit.name),
      (u) => {
        if (u.id === unit.id) return U.successorItself;
        const plan = tryPlan({ kind: "close", unitId: unit.id, date, successor: u.id });
        return plan.ok ? undefined : plan.message;
      },
      { extras: [{ label: U.noneButton, value: null, typed: meansNone }] },
    );
    const document = await askDocument(d, "4/4");
    await previewAndSave(d, {
      kind: "close",
      unitId: unit.id,
      date,
      ...("unit" in successor ? { successor: successor.unit.id } : {}),
      ...document,
    });
  }

  return { rename, merge, close };
}

const dialogs = (deps: ConversationDeps) => sessionOf(deps.assistant).dialogs;

/** /doiten [tên đơn vị] (admins only, by the command table). */
export function renameUnitCommand(deps: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => unitDialogs(deps).rename(d, arg));
}

/** /hopnhat [tên đơn vị]. */
export function mergeUnitsCommand(deps: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => unitDialogs(deps).merge(d, arg));
}

/** /giaithe [tên đơn vị]. */
export function closeUnitCommand(deps: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => unitDialogs(deps).close(d, arg));
}
