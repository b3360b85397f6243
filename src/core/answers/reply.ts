/**
 * What the core answers with: a reply built once as structured parts (title, lines, citations,
 * next actions). Each channel only decides how the parts look (Telegram: HTML and buttons; Zalo and
 * the terminal: plain text with numbered choices).
 */
import type { Citation } from "../knowledge/model.ts";
import type { SearchKind } from "../search/search-index.ts";
import type { DocumentFocus, Focus } from "./focus.ts";
import type { DocumentListFilter } from "./intents/document-list.ts";

/** Every intent a reply can have (the eval file validates its expectations against this list). */
export const INTENTS = [
  "theme",
  "tasks",
  "deadlines",
  "document",
  "person",
  "role",
  "meeting",
  "indicator",
  "target",
  "unit",
  "search",
  "help",
  "greeting",
  "empty",
  "link-needed",
  "unknown",
] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * A structured question: what `understand` makes of a text, and what a button carries so that it
 * can be answered again without the text (next page, the document cited, a unit's tasks).
 */
export type Query =
  | { kind: "theme"; year?: number; scope?: "national" | "provincial" }
  | {
      kind: "tasks";
      unitId?: string;
      mine?: boolean;
      unknownUnit?: string;
      year?: number;
      page?: number;
      /** A section of the plans (its key, `taskGroupKey`): "các nhiệm vụ về hạ tầng số". */
      group?: string;
      /** Only tasks without a due date: continuous ("thường xuyên") or recurring ("định kỳ"). */
      cadence?: "continuous" | "recurring";
      /** Only the tasks these words are about (searched in titles, products, groups): "về dữ liệu". */
      topic?: string;
      /** Only the tasks a meeting's conclusions set ("theo kết luận cuộc họp ngày 20/02/2023"). */
      meetingId?: string;
      /** Only the tasks without a due date ("nhiệm vụ nào không có hạn cụ thể"). */
      undated?: boolean;
      /** Only the tasks with a due day or a yearly one ("nhiệm vụ nào có hạn cụ thể"). */
      dated?: boolean;
      /** Only the tasks that cite a document of this unit ("nhiệm vụ nào dẫn chiếu văn bản của VPCP"). */
      citing?: string;
      /** Only the tasks recorded done ("những nhiệm vụ nào đã hoàn thành"). */
      done?: boolean;
      /** Only the tasks whose product the sources give ("nhiệm vụ nào có sản phẩm đầu ra"). */
      withProduct?: boolean;
      /** Only the tasks with supporting units ("nhiệm vụ nào có đơn vị phối hợp"). */
      withSupport?: boolean;
      /** Only the tasks central bodies lead ("nhiệm vụ của bộ, ngành trung ương"). */
      central?: boolean;
    }
  | {
      kind: "deadlines";
      mode: "upcoming" | "overdue" | "window";
      from?: string;
      to?: string;
      label?: string;
      unitId?: string;
      mine?: boolean;
      unknownUnit?: string;
      page?: number;
      /** A section of the plans (its key). */
      group?: string;
    }
  | {
      kind: "document";
      docId?: string;
      ref?: string;
      typeCode?: string;
      number?: string;
      /** What is asked of it: its tasks and deadlines, or one attribute (who signed it, when…). */
      aspect?: "deadlines" | DocumentFocus;
      /** The documents issued on a day ("văn bản ngày 14/02/2023"). */
      issuedOn?: string;
      /** The day was written without its year: the latest year the knowledge has a document that day. */
      anyYear?: boolean;
      /** The documents that share an issuer, a period, a kind or a topic ("các văn bản năm 2022"). */
      list?: DocumentListFilter;
    }
  | {
      kind: "person";
      personId: string;
      /** A name the question gives that no known person has ("Trần Quốc Lam"): said plainly. */
      unknownName?: string;
    }
  | {
      kind: "role";
      bodyId?: string;
      unitId?: string;
      unknownUnit?: string;
      role?: string;
      title?: string;
      phrase: string;
    }
  | {
      kind: "meeting";
      meetingId?: string;
      date?: string;
      /** The date was written without its year ("họp hôm 20/2"): the knowledge's latest such day counts. */
      anyYear?: boolean;
      /** The meetings a person chaired or attended ("Trần Quốc Nam chủ trì cuộc họp nào"). */
      personId?: string;
    }
  | { kind: "indicator"; year?: number }
  /** `yesNo`: "có mục tiêu … không", answered Có with the targets that say so. */
  | { kind: "target"; year?: number; text: string; yesNo?: boolean }
  | { kind: "unit"; unitId: string }
  /** "A và B khác nhau thế nào": two or more entries side by side. */
  | { kind: "compare"; items: { kind: "body" | "document" | "indicator" | "meeting"; id: string }[] }
  /** "<đơn vị> có phải chủ trì <việc> không": yes or no, with the evidence. */
  /** Whether a unit leads or supports a task; "any": what its part is ("vai trò gì trong …"). */
  | { kind: "check"; unitId: string; role: "lead" | "support" | "any"; text: string }
  | {
      kind: "search";
      text: string;
      kinds?: SearchKind[];
      /** What is asked of the entry found: who leads or supports a task, who signed a document… */
      focus?: Focus;
      /** The kind of document the question names ("kế hoạch", folded): the one asked about is of it. */
      docType?: string;
      /** The year the question names: a document asked about is of that year, or about it. */
      year?: number;
    }
  | { kind: "help" }
  | { kind: "greeting" }
  | { kind: "empty" };

export interface ReplyLine {
  text: string;
  /** Numbers of the citations this line draws on (1-based, into Reply.citations). */
  cites: number[];
  /** Indentation level: 0 for items, 1 for their details. */
  level?: 0 | 1;
}

export interface Action {
  label: string;
  query: Query;
}

export interface Reply {
  intent: Intent;
  /** True when the answer is "no information". */
  abstained: boolean;
  title?: string;
  lines: ReplyLine[];
  /** A closing hint: "Còn 5 nhiệm vụ nữa", "Gõ /lienket <mã> để liên kết đơn vị". */
  notes: string[];
  citations: Citation[];
  /** The knowledge entries the answer is about. */
  items: { kind: string; id: string }[];
  /** Useful next steps (buttons on Telegram, numbered choices elsewhere). */
  actions: Action[];
  paging?: { page: number; pages: number; next?: Query; prev?: Query };
}

/** Builds a reply, numbering citations as lines add them. */
export class ReplyBuilder {
  private readonly reply: Reply;
  private readonly citeIndex = new Map<string, number>();

  constructor(intent: Intent, title?: string) {
    this.reply = {
      intent,
      abstained: false,
      title,
      lines: [],
      notes: [],
      citations: [],
      items: [],
      actions: [],
    };
  }

  /** Registers citations and returns their numbers. */
  cite(citations: Citation[]): number[] {
    const nums: number[] = [];
    for (const c of citations) {
      let n = this.citeIndex.get(c.id);
      if (n === undefined) {
        this.reply.citations.push(c);
        n = this.reply.citations.length;
        this.citeIndex.set(c.id, n);
      }
      if (!nums.includes(n)) nums.push(n);
    }
    return nums;
  }

  line(text: string, citations: Citation[] = [], level: 0 | 1 = 0): this {
    this.reply.lines.push({ text, cites: this.cite(citations), level });
    return this;
  }

  note(text: string): this {
    this.reply.notes.push(text);
    return this;
  }

  item(kind: string, id: string): this {
    if (!this.reply.items.some((i) => i.kind === kind && i.id === id)) this.reply.items.push({ kind, id });
    return this;
  }

  action(label: string, query: Query): this {
    if (this.reply.actions.length < 6 && !this.reply.actions.some((a) => a.label === label)) {
      this.reply.actions.push({ label, query });
    }
    return this;
  }

  paging(p: Reply["paging"]): this {
    this.reply.paging = p;
    return this;
  }

  abstain(): this {
    this.reply.abstained = true;
    return this;
  }

  setIntent(intent: Intent): this {
    this.reply.intent = intent;
    return this;
  }

  build(): Reply {
    return this.reply;
  }
}

/**
 * The note an unanswered question carries: true only where the question is kept for the secretariat
 * (the assistant with a writable store); a channel that keeps nothing takes it off (`withoutRecordedNote`).
 */
export const RECORDED_NOTE = "Câu hỏi đã được ghi lại để Tổ Giúp việc bổ sung.";

/** The reply without the note that the question was kept, where it was not. */
export function withoutRecordedNote(reply: Reply): Reply {
  return reply.notes.includes(RECORDED_NOTE)
    ? { ...reply, notes: reply.notes.filter((n) => n !== RECORDED_NOTE) }
    : reply;
}

/**
 * Two replies as one ("còn mấy ngày nữa đến Ngày CĐS tỉnh, đơn vị tôi có phải làm gì không"): the
 * first's lines, then the second's, citations renumbered; items, actions and notes of both.
 */
export function joinReplies(a: Reply, b: Reply): Reply {
  const r = new ReplyBuilder(a.intent, a.title);
  for (const part of [a, b]) {
    if (part !== a && part.title) r.line(part.title);
    for (const l of part.lines)
      r.line(l.text, l.cites.map((n) => part.citations[n - 1]!).filter(Boolean), l.level ?? 0);
    for (const n of part.notes) r.note(n);
    for (const i of part.items) r.item(i.kind, i.id);
    for (const x of part.actions) r.action(x.label, x.query);
  }
  return r.build();
}

/**
 * The reply as plain-text lines: title, lines with [n] marks, notes, then `between` (Zalo's paging line),
 * the sources and, with `choices`, the actions numbered under that header ("" for none).
 */
export function plainLines(reply: Reply, opts: { between?: string[]; choices?: string } = {}): string[] {
  const out: string[] = [];
  if (reply.title) out.push(reply.title);
  for (const l of reply.lines) {
    const marks = l.cites.length ? ` [${l.cites.join(", ")}]` : "";
    out.push(`${l.level === 1 ? "   " : ""}${l.text}${marks}`);
  }
  for (const n of reply.notes) out.push(n);
  out.push(...(opts.between ?? []));
  if (reply.citations.length) {
    out.push("", "Nguồn:");
    reply.citations.forEach((c, i) => {
      out.push(`[${i + 1}] ${c.label}`);
    });
  }
  if (opts.choices !== undefined && reply.actions.length) {
    out.push("");
    if (opts.choices) out.push(opts.choices);
    reply.actions.forEach((a, i) => {
      out.push(`${i + 1}. ${a.label}`);
    });
  }
  return out;
}

/** Plain-text rendering (terminal, `ask --json`): lines with [n] marks, then the sources. */
export function renderPlain(reply: Reply, opts: { numberedActions?: boolean } = {}): string {
  return plainLines(reply, opts.numberedActions ? { choices: "" } : {}).join("\n");
}
