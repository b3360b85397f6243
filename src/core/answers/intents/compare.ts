/**
 * "A và B khác nhau thế nào?": two bodies, two documents or two years of an index, side by side — what
 * each is, who issued or leads it, when — each line cited.
 */
import { documentLabel } from "../../knowledge/model.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { shorten, viNumber } from "../format.ts";
import { type Query, type Reply, ReplyBuilder } from "../reply.ts";

type CompareQuery = Extract<Query, { kind: "compare" }>;

export function answerCompare(q: CompareQuery, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const r = new ReplyBuilder("search", "So sánh:");
  for (const it of q.items) {
    if (it.kind === "body") {
      const b = kb.body(it.id);
      if (!b) continue;
      const est = b.establishedBy ? kb.document(b.establishedBy) : undefined;
      const head = kb.data.people.find((p) =>
        p.positions.some((pos) => pos.body === b.id && pos.role === "head"),
      );
      const headTitle = head?.positions.find((pos) => pos.body === b.id && pos.role === "head")?.title;
      const parts = [
        b.level === "national" ? "cấp quốc gia" : b.level === "provincial" ? "cấp tỉnh" : "",
        est ? `thành lập theo ${documentLabel(est)}` : "",
        head ? `${headTitle ?? "người đứng đầu"}: ${head.name}` : "",
      ].filter(Boolean);
      r.line(`• ${b.name}: ${parts.join("; ")}.`, kb.citeAll([...(est ? [est.id] : []), ...b.sources]));
      if (b.description) r.line(shorten(b.description, 300), [], 1);
      r.item("body", b.id);
    } else if (it.kind === "document") {
      const d = kb.document(it.id);
      if (!d) continue;
      r.line(
        `• ${documentLabel(d)} (${d.issuer}): ${shorten(d.summary, 300)}`,
        kb.citeAll([d.id, ...d.sources]),
      );
      for (const p of d.keyPoints.slice(0, 3)) r.line(shorten(p, 240), [], 1);
      r.item("document", d.id);
      r.action(`${d.type} ${d.number}`, { kind: "document", docId: d.id });
    } else if (it.kind === "meeting") {
      const m = kb.meeting(it.id);
      if (!m) continue;
      const chair = m.chair ? kb.person(m.chair) : undefined;
      r.line(
        `• ${formatViDate(m.date)}: ${m.title}${chair ? ` — chủ trì: ${chair.name}` : ""}.`,
        kb.citeAll(m.sources),
      );
      for (const x of [...m.agenda, ...m.conclusions].slice(0, 3)) r.line(shorten(x, 240), [], 1);
      for (const d of m.documents.slice(0, 2)) {
        const doc = kb.document(d);
        if (doc) r.line(`Văn bản liên quan: ${documentLabel(doc)}.`, [], 1);
      }
      r.item("meeting", m.id);
      r.action(`Họp ${formatViDate(m.date)}`, { kind: "meeting", meetingId: m.id });
    } else {
      const i = kb.get("indicators", it.id);
      if (!i) continue;
      const v = [
        i.value !== undefined ? `đạt ${viNumber(i.value)}` : "",
        i.rank !== undefined ? `xếp hạng ${i.rank}/${i.of ?? "?"}` : "",
        i.change ?? "",
      ].filter(Boolean);
      const when = i.announcedOn ? ` (công bố ngày ${formatViDate(i.announcedOn)})` : "";
      r.line(`• ${i.name} ${i.year}: ${v.join("; ")}${when}.`, kb.citeAll(i.sources));
      r.item("indicator", i.id);
    }
  }
  return r.build();
}
