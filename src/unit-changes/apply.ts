/**
 * Applying a reorganisation plan (plan.ts): the units' entries in one audited change of the store
 * (validated, references checked: `commitKnowledge`), undone with `kb undo` / `/hoantac` like an import.
 * Callers: the CLI (`kb unit …`) and the admins' chat dialogs (conversation/edit-units.ts).
 */

import type { App } from "../app/app.ts";
import {
  commitKnowledge,
  SECRETARIAT_SOURCE_ID,
  secretariatSource,
  type Write,
} from "../app/knowledge-commit.ts";
import { localDate } from "../core/time.ts";
import type { Actor } from "../store/index.ts";
import type { UnitChangePlan } from "./plan.ts";

export type ApplyUnitChangeResult =
  | { ok: true; entryId: string | null; tasksMoved: number; usersMoved: number }
  | { ok: false; message: string };

export async function applyUnitChange(
  app: Pick<App, "store" | "knowledge" | "reloadKnowledge" | "now">,
  plan: UnitChangePlan,
  actor: Actor,
): Promise<ApplyUnitChangeResult> {
  const writes: Write[] = plan.writes.map((u) => ({
    collection: "units",
    entity: u as unknown as Write["entity"],
  }));
  // A change cites the secretariat: its source entry is created with it the first time.
  const cites = plan.writes.some((u) => u.history?.some((c) => c.sources.includes(SECRETARIAT_SOURCE_ID)));
  if (cites && !app.knowledge().source(SECRETARIAT_SOURCE_ID))
    writes.unshift({ collection: "sources", entity: { ...secretariatSource(localDate(app.now())) } });
  const r = await commitKnowledge(app, { actor, action: plan.action, note: plan.note }, writes);
  if (!r.ok) return r;
  return {
    ok: true,
    entryId: r.entryId,
    tasksMoved: plan.tasks.filter((t) => t.to !== null).length,
    usersMoved: plan.users.filter((u) => u.to !== null).length,
  };
}
