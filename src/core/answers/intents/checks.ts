/**
 * Yes/no questions about who does a task: "Sở TT&TT có phải chủ trì <việc> không?" → "Có." or "Không."
 * with the evidence (who leads and who supports the task the words name), cited.
 */
import type { Task } from "../../knowledge/schema.ts";
import type { AnswerContext } from "../context.ts";
import { leadNames, shorten } from "../format.ts";
import { type Query, type Reply, ReplyBuilder } from "../reply.ts";

type CheckQuery = Extract<Query, { kind: "check" }>;

/** Whether a unit is among the ids (itself, or a group it belongs to). */
function among(ctx: AnswerContext, ids: string[], unitId: string): boolean {
  return ids.some((id) => id === unitId || ctx.kb.unitsOf([id]).some((u) => u.id === unitId));
}

export function answerCheck(q: CheckQuery, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const unit = kb.unit(q.unitId) ?? kb.group(q.unitId);
  const hit = ctx.lex.index.search(q.text, { kinds: ["task"], limit: 1 })[0];
  const task: Task | undefined = hit && hit.coverage >= 0.5 ? kb.task(hit.doc.id) : undefined;
  if (!unit || !task) {
    const r = new ReplyBuilder("search").abstain();
    r.line("Tôi chưa tìm thấy nhiệm vụ đó trong cơ sở tri thức nên chưa trả lời được có hay không.");
    return r.build();
  }
  const cites = kb.citeAll([...(task.document ? [task.document] : []), ...task.sources]);
  const leads = among(ctx, task.lead, unit.id);
  const supports = among(ctx, task.support, unit.id);
  const yes = q.role === "lead" ? leads : supports;
  const title = shorten(task.title, 140);
  const r = new ReplyBuilder("search");
  const role = q.role === "lead" ? "chủ trì" : "phối hợp thực hiện";
  r.line(
    yes
      ? `Có. ${unit.name} ${role} nhiệm vụ “${title}”.`
      : `Không. ${unit.name} không ${role} nhiệm vụ “${title}”.`,
    cites,
  );
  const support = task.support.length ? `; phối hợp: ${kb.namesOf(task.support).join("; ")}` : "";
  r.line(`Chủ trì: ${leadNames(kb, task)}${support}.`, cites, 1);
  if (!yes && q.role === "lead" && supports) r.line(`${unit.name} là đơn vị phối hợp.`, [], 1);
  if (!yes && q.role === "support" && leads) r.line(`${unit.name} là đơn vị chủ trì.`, [], 1);
  r.item("task", task.id);
  return r.build();
}
