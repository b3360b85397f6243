/** A unit's card: its names, the people the sources name there, its tasks. */
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

export function answerUnit(q: { unitId: string }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const u = kb.unit(q.unitId);
  if (!u) return new ReplyBuilder("unit").abstain().line("Tôi chưa có thông tin về đơn vị này.").build();
  const r = new ReplyBuilder("unit", u.name);
  r.item("unit", u.id);
  if (u.aliases.length) r.line(`Tên gọi khác: ${u.aliases.slice(0, 5).join(", ")}.`, kb.citeAll(u.sources));
  else r.line(`Đơn vị trong cơ sở tri thức.`, kb.citeAll(u.sources));
  for (const p of kb.data.people) {
    for (const pos of p.positions.filter((x) => x.unit === u.id)) {
      r.line(`${pos.title}: ${p.name}.`, kb.citeAll(pos.sources.length ? pos.sources : p.sources));
      r.action(p.name, { kind: "person", personId: p.id });
    }
  }
  const { lead, support } = kb.tasksOfUnit(u.id);
  r.line(`Nhiệm vụ: chủ trì ${lead.length}, phối hợp ${support.length} (kể cả nhiệm vụ giao chung).`);
  r.action(`Nhiệm vụ của ${u.name}`, { kind: "tasks", unitId: u.id });
  return r.build();
}
