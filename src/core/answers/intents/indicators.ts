/** DTI (provincial digital-transformation index) by year. */
import type { Indicator } from "../../knowledge/schema.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { viNumber } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

function rank(i: { rank?: number; of?: number }): string {
  return i.rank ? `xếp hạng ${i.rank}${i.of ? `/${i.of}` : ""}` : "";
}

function indicatorLine(i: Indicator): string {
  const parts = [
    i.value !== undefined ? `${i.name} ${i.year}: ${viNumber(i.value)}` : `${i.name} ${i.year}`,
    rank(i),
    i.change ?? "",
  ].filter(Boolean);
  return parts.join("; ");
}

export function answerIndicator(q: { year?: number }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const all = [...kb.data.indicators].sort((a, b) => b.year - a.year);
  const list = q.year ? all.filter((i) => i.year === q.year) : all;
  if (!list.length) {
    const r = new ReplyBuilder("indicator").abstain();
    r.line(`Tôi chưa có thông tin về chỉ số chuyển đổi số (DTI) năm ${q.year}.`);
    if (all.length) {
      r.note(`Đã có: ${all.map((i) => `${i.name} ${i.year}`).join(", ")}.`);
      for (const i of all.slice(0, 3)) r.action(`${i.name} ${i.year}`, { kind: "indicator", year: i.year });
    }
    return r.build();
  }
  const r = new ReplyBuilder("indicator", `Chỉ số chuyển đổi số (DTI) của tỉnh ${kb.data.province.name}`);
  for (const i of list) {
    const cites = kb.citeAll(i.sources);
    r.line(`• ${indicatorLine(i)}.`, cites);
    r.item("indicator", i.id);
    if (i.nationalAverage !== undefined) r.line(`Trung bình cả nước: ${viNumber(i.nationalAverage)}.`, [], 1);
    if (q.year || list.length === 1) {
      for (const p of i.parts) {
        const v = [p.value !== undefined ? viNumber(p.value) : "", rank(p), p.change ?? ""]
          .filter(Boolean)
          .join("; ");
        r.line(`${p.name}: ${v}.`, [], 1);
      }
      for (const n of i.notes) r.line(n, [], 1);
    }
    if (i.announcedOn) r.line(`Công bố ngày ${formatViDate(i.announcedOn)}.`, [], 1);
  }
  if (!q.year && list.length > 1)
    for (const i of list) r.action(`Chi tiết ${i.name} ${i.year}`, { kind: "indicator", year: i.year });
  return r.build();
}
