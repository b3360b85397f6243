/**
 * "Cuộc họp về DTI năm 2022 và cuộc họp quý I/2023 cách nhau bao nhiêu ngày", "Chỉ thị 05/CT-TTg ban
 * hành sau cuộc họp Ban Điều hành bao lâu", "từ khi công bố DTI 2022 đến khi ban hành KH 3402 bao nhiêu
 * ngày": two dated events of the knowledge (a meeting, a document, the announcement of an index), each
 * named by its day, its period, its number or its words, and the days between them. A document against
 * a meeting or another document is the document's own answer (answerDocumentVsDay, answerDocumentOrder).
 */
import { documentLabel } from "../../knowledge/model.ts";
import type { Meeting } from "../../knowledge/schema.ts";
import { findDatePhrases } from "../../text/dates.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { foldQuestion } from "../../text/question.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { untelexText } from "../../text/telex.ts";
import { diffDays, formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { upperFirst } from "../format.ts";
import { matchBodies } from "../lexicon.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import { askedPeriod } from "./meetings.ts";

/** "cách nhau bao nhiêu ngày", "trước … bao nhiêu ngày", "sau … bao lâu": days between two things. */
const GAP_CUE =
  /\b(?:cach nhau|cach) (?:bao nhieu|may|bn|bao lau)\b|\b(?:truoc|sau)\b.*\b(?:(?:bao nhieu|may|bn) ngay|bao lau)\b|\b(?:bao nhieu|may|bn) ngay\b.*\b(?:truoc|sau)\b|\btu khi\b.*\bden khi\b.*\b(?:bao nhieu|may|bn) ngay\b/;

const FOUNDED = /\b(?:thanh lap|ra doi|duoc lap)\b/;

const MEETING_WORD = /\b(?:cuoc hop|buoi hop|phien hop|hoi nghi|hop)\b/;

interface Event {
  kind: "meeting" | "document" | "announcement" | "founding";
  id: string;
  label: string;
  date: string;
  sources: string[];
  /** How well the words named it (a meeting named by words alone). */
  fit?: number;
}

export function answerEventGap(question: string, ctx: AnswerContext): Reply | undefined {
  const f = untelexText(foldQuestion(question));
  if (!GAP_CUE.test(f)) return undefined;
  const { kb } = ctx;
  const meetings = [...kb.data.meetings].sort((a, b) => (a.date < b.date ? 1 : -1));
  // Each way a half may name an event; a meeting named by words alone may be several (chosen later).
  const eventsIn = (h: string): Event[] => {
    const refs = findDocRefs(h);
    if (refs.length === 1) {
      const d = kb.documentOfRef(refs[0]!);
      return d
        ? [
            {
              kind: "document",
              id: d.id,
              label: documentLabel(d),
              date: d.date,
              sources: [d.id, ...d.sources],
            },
          ]
        : [];
    }
    const year = /\b(?:19|20)(\d\d)\b/.exec(h)?.[0];
    if (/\bcong bo\b/.test(h) && /\bdti\b|\bchi so\b/.test(h) && year) {
      const i = kb.data.indicators.find((x) => String(x.year) === year && x.announcedOn);
      return i?.announcedOn
        ? [
            {
              kind: "announcement",
              id: i.id,
              label: `công bố DTI ${year}`,
              date: i.announcedOn,
              sources: i.sources,
            },
          ]
        : [];
    }
    // "từ ngày thành lập Ban Chỉ đạo đến (ngày thành lập) Ban Điều hành": a body's founding, the day of the
    // decision that set it up.
    // ("BĐH thành lập sau BCĐ bao nhiêu ngày": the founding said once, of both; not of a meeting named.)
    if (FOUNDED.test(h) || (FOUNDED.test(f) && !MEETING_WORD.test(h))) {
      const named = matchBodies(ctx.lex, searchTerms(h))[0];
      const body = named ? kb.body(named.value) : undefined;
      const d = body?.establishedBy ? kb.document(body.establishedBy) : undefined;
      if (body && d)
        return [
          {
            kind: "founding",
            id: body.id,
            label: `ngày thành lập ${body.name} (${documentLabel(d)})`,
            date: d.date,
            sources: [d.id, ...d.sources, ...body.sources],
          },
        ];
    }
    if (!MEETING_WORD.test(h)) return [];
    const asMeeting = (m: Meeting): Event => ({
      kind: "meeting",
      id: m.id,
      label: m.title,
      date: m.date,
      sources: m.sources,
    });
    const day = findDatePhrases(h, { today: ctx.today }).find(
      (p) => p.kind === "day" && p.from && p.from === p.to,
    );
    if (day) return meetings.filter((m) => m.date === day.from).map(asMeeting);
    const period = askedPeriod(h, meetings, ctx);
    if (period && "held" in period) return [asMeeting(period.held)];
    if (period) return [];
    const hits = ctx.lex.index.search(h, { kinds: ["meeting"], limit: 5 });
    const best = hits[0]?.coverage ?? 0;
    if (best < 0.5) return [];
    return hits
      .filter((x) => x.coverage >= 0.5)
      .flatMap((x) => {
        const found = kb.meeting(x.doc.id);
        return found ? [{ ...asMeeting(found), fit: x.coverage }] : [];
      });
  };
  // The two halves: split where the second event starts, after "và", "với", "trước", "sau", "đến (khi)".
  const cut = /\s(?:va|voi|truoc|sau|so voi|den khi|toi khi|den|toi)\s|,\s*/g;
  for (let m = cut.exec(f); m !== null; m = cut.exec(f)) {
    const left = f.slice(0, m.index);
    const right = f.slice(m.index + m[0].length);
    const a = eventsIn(left);
    const b = eventsIn(right);
    if (!a.length || !b.length) continue;
    // (A meeting named by words alone, "cuộc họp Ban Điều hành": on the side the question puts it, "A
    // trước B" / "A sau B", the best named, and of those named as well the nearest to the other event.)
    const order = /\btruoc\b/.test(f) ? "before" : /\bsau\b/.test(f) ? "after" : undefined;
    const near = (list: Event[], other: Event, otherFirst: boolean) => {
      // (Whether an event of `list` should come later than `other`.)
      const later = order === undefined ? undefined : (order === "before") === otherFirst;
      const others = list.filter((x) => x.id !== other.id);
      const sided =
        later === undefined
          ? others
          : others.filter((x) => (later ? x.date >= other.date : x.date <= other.date));
      // The best-named first; of those named as well, the nearest.
      return [...(sided.length ? sided : others)].sort(
        (x, y) =>
          (y.fit ?? 1) - (x.fit ?? 1) ||
          Math.abs(diffDays(x.date, other.date)) - Math.abs(diffDays(y.date, other.date)),
      )[0];
    };
    const eb0 = b.length === 1 ? b[0]! : undefined;
    const ea = a.length === 1 ? a[0]! : near(a, eb0 ?? b[0]!, false);
    const eb = eb0 ?? (ea ? near(b, ea, true) : undefined);
    if (!ea || !eb) continue;
    // (A document against a meeting or another document is the document's own answer, answerDocumentVsDay.)
    const documents = [ea, eb].filter((e) => e.kind === "document").length;
    if (
      ea.id === eb.id ||
      documents === 2 ||
      (documents === 1 && (ea.kind === "meeting" || eb.kind === "meeting"))
    )
      return undefined;
    const [early, late] = ea.date <= eb.date ? [ea, eb] : [eb, ea];
    return new ReplyBuilder(early.kind === "meeting" || late.kind === "meeting" ? "meeting" : "document")
      .line(
        `${upperFirst(dated(early))} trước ${dated(late)} ${diffDays(early.date, late.date)} ngày.`,
        kb.citeAll([...new Set([...early.sources, ...late.sources])]),
      )
      .build();
  }
  return undefined;
}

/** An event with its day ("Họp … (20/02/2023)"); a document's label already has it. */
function dated(e: Event): string {
  return e.kind === "document" || e.kind === "founding" ? e.label : `${e.label} (${formatViDate(e.date)})`;
}
