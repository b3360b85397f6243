/**
 * Facts: every attribute of every entry as one self-contained Vietnamese sentence, typed and cited.
 * "Kế hoạch 4233/KH-UBND do Nguyễn Long Biên ký.", "DTI năm 2022 của tỉnh: 0,5934; xếp hạng 27/63.",
 * "Cuộc họp ngày 20/02/2023 do Trần Quốc Nam chủ trì." Search ranks facts, and answers are composed from
 * them: a question is answered by the sentence that states what it asks, not by the card it sits in.
 *
 * Pure: derived from the knowledge once per version (the answer engine builds it with its lexicon).
 */
import { formatViDate } from "../time.ts";
import { documentLabel, type Knowledge } from "./model.ts";

export type FactType =
  | "document.number"
  | "document.date"
  | "document.issuer"
  | "document.signer"
  | "document.summary"
  | "document.point"
  | "document.relation"
  | "body.description"
  | "body.founded"
  | "body.member"
  | "person.position"
  | "meeting.date"
  | "meeting.chair"
  | "meeting.attendees"
  | "meeting.agenda"
  | "meeting.result"
  | "meeting.shortcoming"
  | "meeting.conclusion"
  | "indicator.value"
  | "indicator.part"
  | "indicator.note"
  | "target.figure"
  | "task.lead"
  | "task.support"
  | "task.deadline"
  | "task.product"
  | "theme.title"
  | "theme.focus"
  | "source.statement";

/** The broad kind of answer a fact gives: who, when, a number, a list of parts, or a statement. */
export type FactAnswer = "who" | "when" | "figure" | "parts" | "statement";

export const FACT_ANSWERS: Readonly<Record<FactType, FactAnswer>> = {
  "document.number": "statement",
  "document.date": "when",
  "document.issuer": "who",
  "document.signer": "who",
  "document.summary": "statement",
  "document.point": "statement",
  "document.relation": "statement",
  "body.description": "statement",
  "body.founded": "when",
  "body.member": "who",
  "person.position": "who",
  "meeting.date": "when",
  "meeting.chair": "who",
  "meeting.attendees": "who",
  "meeting.agenda": "statement",
  "meeting.result": "statement",
  "meeting.shortcoming": "statement",
  "meeting.conclusion": "statement",
  "indicator.value": "figure",
  "indicator.part": "parts",
  "indicator.note": "figure",
  "target.figure": "figure",
  "task.lead": "who",
  "task.support": "who",
  "task.deadline": "when",
  "task.product": "statement",
  "theme.title": "statement",
  "theme.focus": "statement",
  "source.statement": "statement",
};

export interface Fact {
  /** "<kind>:<entry id>:<type>:<n>" */
  id: string;
  type: FactType;
  entity: {
    kind: "document" | "body" | "person" | "meeting" | "indicator" | "target" | "task" | "theme" | "source";
    id: string;
  };
  /** The sentence, self-contained (names its entry). */
  text: string;
  /** Words that name the entry (found in a question but not part of the sentence's claim). */
  context: string;
  /** Citations: source or document ids. */
  sources: string[];
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace(".", ",");
}

/**
 * Every fact of the knowledge, in a stable order. `tasks: false` leaves the tasks' facts out without
 * writing them (at 10,000 tasks they are 35,000 sentences that a caller filtering them out would make
 * for nothing).
 */
export function buildFacts(kb: Knowledge, opts: { tasks?: boolean } = {}): Fact[] {
  const out: Fact[] = [];
  const d = kb.data;
  const add = (
    entity: Fact["entity"],
    type: FactType,
    text: string,
    context: string,
    sources: string[],
    n = 0,
  ) => {
    if (!text.trim()) return;
    out.push({ id: `${entity.kind}:${entity.id}:${type}:${n}`, type, entity, text, context, sources });
  };

  for (const doc of d.documents) {
    const e = { kind: "document" as const, id: doc.id };
    const name = `${doc.type} ${doc.number}`;
    // Light context: the number and type (the summary is a fact of its own; repeating it in every
    // fact of the document would multiply the index for no better answer).
    const ctx = `${doc.type} ${doc.number} ${doc.issuer}`;
    const src = [doc.id, ...doc.sources];
    add(e, "document.number", `${doc.summary} — ${documentLabel(doc)} của ${doc.issuer}.`, name, src);
    add(e, "document.date", `${name} ban hành ngày ${formatViDate(doc.date)}.`, ctx, src);
    add(e, "document.issuer", `${name} do ${doc.issuer} ban hành.`, ctx, src);
    if (doc.signer) add(e, "document.signer", `${name} do ${doc.signer} ký.`, ctx, src);
    // A key point is read with what the document is about ("các nhóm chỉ số" of the "chỉ số … cấp xã").
    for (const [i, p] of doc.keyPoints.entries())
      add(e, "document.point", `${name}: ${p}`, `${ctx} ${doc.summary}`, src, i);
    doc.relations.forEach((r, i) => {
      const t = kb.document(r.target);
      if (!t) return;
      const verb = {
        implements: "triển khai",
        cites: "căn cứ",
        replaces: "thay thế",
        "attached-to": "ban hành kèm theo",
      }[r.kind];
      add(e, "document.relation", `${name} ${verb} ${documentLabel(t)}.`, ctx, [...src, t.id], i);
    });
  }

  for (const b of d.bodies) {
    const e = { kind: "body" as const, id: b.id };
    const ctx = [b.name, ...b.aliases].join(" . ");
    if (b.description) add(e, "body.description", `${b.name}: ${b.description}`, ctx, b.sources);
    const est = b.establishedBy ? kb.document(b.establishedBy) : undefined;
    if (est)
      add(e, "body.founded", `${b.name} được thành lập theo ${documentLabel(est)}.`, ctx, [
        est.id,
        ...b.sources,
      ]);
  }

  for (const p of d.people) {
    const e = { kind: "person" as const, id: p.id };
    p.positions.forEach((pos, i) => {
      const when = pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
      add(
        e,
        "person.position",
        `${p.name}: ${pos.title}${when}.`,
        p.name,
        pos.sources.length ? pos.sources : p.sources,
        i,
      );
      if (pos.body) {
        const body = kb.body(pos.body);
        if (body)
          add(
            e,
            "body.member",
            `${p.name} là ${pos.title}${when}.`,
            `${body.name} ${p.name}`,
            pos.sources.length ? pos.sources : p.sources,
            100 + i,
          );
      }
    });
  }

  for (const m of d.meetings) {
    const e = { kind: "meeting" as const, id: m.id };
    const when = `ngày ${formatViDate(m.date)}`;
    const ctx = `${m.title} cuộc họp ${when}`;
    add(e, "meeting.date", `${m.title} diễn ra ${m.time ? `${m.time} ` : ""}${when}.`, m.title, m.sources);
    const chair = m.chair ? kb.person(m.chair) : undefined;
    if (chair) {
      add(
        e,
        "meeting.chair",
        `Cuộc họp ${when} (${m.title}) do ${chair.name}, ${chair.positions[0]?.title ?? ""} chủ trì.`,
        ctx,
        m.sources,
      );
    }
    const attendees = m.attendees
      .map(
        (a) =>
          a.label ??
          (a.person
            ? kb.person(a.person)?.name
            : a.unit
              ? kb.unit(a.unit)?.name
              : a.body
                ? kb.body(a.body)?.name
                : undefined),
      )
      .filter((x): x is string => !!x);
    if (attendees.length)
      add(e, "meeting.attendees", `Dự cuộc họp ${when}: ${attendees.join("; ")}.`, ctx, m.sources);
    for (const [i, x] of m.agenda.entries())
      add(e, "meeting.agenda", `Cuộc họp ${when}: ${x}`, ctx, m.sources, i);
    for (const [i, x] of m.results.entries())
      add(e, "meeting.result", `Kết quả nêu tại cuộc họp ${when}: ${x}`, ctx, m.sources, i);
    for (const [i, x] of m.shortcomings.entries())
      add(e, "meeting.shortcoming", `Hạn chế nêu tại cuộc họp ${when}: ${x}`, ctx, m.sources, i);
    // Who concluded: the chair, named ("Ai tuyên bố 2023 là Năm Dữ liệu số" asks for a name).
    for (const [i, x] of m.conclusions.entries())
      add(
        e,
        "meeting.conclusion",
        `Kết luận cuộc họp ${when}${chair ? ` (chủ trì: ${chair.name}, ${chair.positions[0]?.title ?? ""})`.replace(", )", ")") : ""}: ${x}`,
        ctx,
        m.sources,
        i,
      );
  }

  for (const ind of d.indicators) {
    const e = { kind: "indicator" as const, id: ind.id };
    const name = `${ind.name} năm ${ind.year}`;
    const ctx = `${ind.name} ${ind.fullName ?? ""} chỉ số năm ${ind.year}`;
    const parts = [
      ind.value !== undefined ? `đạt ${num(ind.value)}` : "",
      ind.rank !== undefined ? `xếp hạng ${ind.rank}/${ind.of ?? "?"}` : "",
      ind.change ?? "",
      ind.nationalAverage !== undefined ? `trung bình cả nước ${num(ind.nationalAverage)}` : "",
    ].filter(Boolean);
    if (parts.length) add(e, "indicator.value", `${name} của tỉnh: ${parts.join("; ")}.`, ctx, ind.sources);
    ind.parts.forEach((p, i) => {
      const v = [
        p.value !== undefined ? `đạt ${num(p.value)}` : "",
        p.rank !== undefined ? `xếp hạng ${p.rank}/${p.of ?? "?"}` : "",
        p.change ?? "",
      ].filter(Boolean);
      // A part of the index is also called its pillar ("trụ cột") or component ("chỉ số thành phần").
      const text = `${p.name} (${name})${v.length ? `: ${v.join("; ")}` : ""}.`;
      add(e, "indicator.part", text, `${ctx} trụ cột`, ind.sources, i);
    });
    for (const [i, x] of ind.notes.entries()) add(e, "indicator.note", `${name}: ${x}`, ctx, ind.sources, i);
  }

  for (const t of d.targets) {
    const e = { kind: "target" as const, id: t.id };
    const scope = t.scope === "national" ? "quốc gia" : "của tỉnh";
    add(
      e,
      "target.figure",
      `Mục tiêu ${scope} đến ${t.year}${t.area ? ` (${t.area})` : ""}: ${t.text}`,
      `mục tiêu ${t.area ?? ""}`,
      [...(t.document ? [t.document] : []), ...t.sources],
    );
  }

  for (const t of opts.tasks === false ? [] : d.tasks) {
    const e = { kind: "task" as const, id: t.id };
    const src = [...(t.document ? [t.document] : []), ...t.sources];
    add(e, "task.lead", `Chủ trì nhiệm vụ “${t.title}”: ${kb.namesOf(t.lead).join("; ")}.`, t.title, src);
    if (t.support.length) {
      add(
        e,
        "task.support",
        `Phối hợp thực hiện “${t.title}”: ${kb.namesOf(t.support).join("; ")}.`,
        t.title,
        src,
      );
    }
    add(e, "task.deadline", `Thời hạn nhiệm vụ “${t.title}”: ${t.deadline.text}.`, t.title, src);
    if (t.product) add(e, "task.product", `Sản phẩm của nhiệm vụ “${t.title}”: ${t.product}.`, t.title, src);
  }

  for (const th of d.themes) {
    const e = { kind: "theme" as const, id: th.id };
    const scope = th.scope === "national" ? "quốc gia" : "của tỉnh";
    add(
      e,
      "theme.title",
      `Chủ đề năm ${th.year} ${scope}: “${th.title}”.`,
      th.alsoKnownAs.join(" . "),
      th.sources,
    );
    if (th.focus)
      add(e, "theme.focus", `Chủ đề năm ${th.year} ${scope} tập trung: ${th.focus}`, th.title, th.sources);
  }
  // What a source itself states ("Nghị quyết … (34 đơn vị hành chính cấp tỉnh; …)" with its note), when
  // no entry records it: a fact cited to that source. Only a source whose note states something: a
  // headline alone is the entries' to answer, and a note about the page itself states nothing.
  for (const src of d.sources) {
    if (!src.note || /đường dẫn|không ghi ngày|ItemID|dùng cho|Nguồn cho|Ngày lấy theo/iu.test(src.note))
      continue;
    const note = ` ${src.note.trim().replace(/([^.])$/, "$1.")}`;
    // (Named also by the year it was published: "sắp xếp … 2025".)
    const context = [src.publisher ?? "", src.date ? `năm ${src.date.slice(0, 4)}` : ""].join(" ");
    add(
      { kind: "source", id: src.id },
      "source.statement",
      `${src.title}.${note}`.replace(/\.\./g, "."),
      context,
      [src.id],
    );
  }
  return out;
}
