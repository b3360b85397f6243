/**
 * Reply → Telegram HTML messages and an inline keyboard.
 *
 * Every piece of text is escaped (& < >) before it meets a tag, so knowledge text can never
 * become markup. Messages are split at 4096 characters on line boundaries; a single line longer
 * than that is cut between characters (never inside an escape like &amp;, a surrogate pair or a
 * tag: each piece gets its own opening and closing tag).
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { pairShort } from "../../conversation/outputs.ts";
import type { Action, Query, Reply } from "../../core/answers/reply.ts";
import { encodeCallback } from "./callback-data.ts";

/** Telegram's limit for one text message. */
export const MESSAGE_LIMIT = 4096;
/** Button labels are cut to this many characters. */
export const BUTTON_LABEL_MAX = 60;

export type Tag = "b" | "i" | "code";
export interface Segment {
  text: string;
  tag?: Tag;
}
/** One line of a message: segments rendered side by side. An empty block is a blank line. */
export type Block = Segment[];

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const plain = (text: string): Block => [{ text }];
export const bold = (text: string): Block => [{ text, tag: "b" }];
export const italic = (text: string): Block => [{ text, tag: "i" }];
export const blank = (): Block => [];

function segmentHtml(s: Segment): string {
  const body = escapeHtml(s.text);
  return s.tag ? `<${s.tag}>${body}</${s.tag}>` : body;
}

export function blockHtml(b: Block): string {
  return b.map(segmentHtml).join("");
}

/** The lines of a reply: bold title, lines with [n] marks, notes in italics, then "Nguồn:". */
export function replyBlocks(reply: Reply): Block[] {
  const out: Block[] = [];
  if (reply.title) out.push(bold(reply.title));
  for (const l of reply.lines) {
    const b: Block = [{ text: `${l.level === 1 ? "    " : ""}${l.text}` }];
    if (l.cites.length) b.push({ text: ` [${l.cites.join(", ")}]` });
    out.push(b);
  }
  for (const n of reply.notes) out.push(italic(n));
  if (reply.citations.length) {
    out.push(blank(), bold("Nguồn:"));
    reply.citations.forEach((c, i) => {
      out.push(plain(`[${i + 1}] ${c.label}`));
    });
  }
  return out;
}

/** The longest prefix of `text` (whole code points) whose escaped length is at most `room`. */
function fittingPrefix(text: string, room: number): number {
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    const cost = ch === "&" ? 5 : ch === "<" || ch === ">" ? 4 : width;
    if (used + cost > room) break;
    used += cost;
    i += width;
  }
  return i;
}

/** Cuts a block too long for one message into pieces of at most `limit` characters of HTML. */
function cutBlock(block: Block, limit: number): string[] {
  const pieces: string[] = [];
  let cur = "";
  for (const seg of block) {
    const overhead = seg.tag ? seg.tag.length * 2 + 5 : 0;
    let rest = seg.text;
    while (rest.length) {
      const room = limit - cur.length - overhead;
      if (room < 8) {
        pieces.push(cur);
        cur = "";
        continue;
      }
      let take = fittingPrefix(rest, room);
      if (take < rest.length) {
        // Prefer a cut at a space in the second half of the piece.
        const space = rest.lastIndexOf(" ", take);
        if (space > take / 2) take = space;
      }
      if (take === 0) {
        pieces.push(cur);
        cur = "";
        continue;
      }
      cur += segmentHtml({ text: rest.slice(0, take), ...(seg.tag ? { tag: seg.tag } : {}) });
      rest = rest.slice(take);
      if (rest.length) {
        rest = rest.replace(/^ /, "");
        pieces.push(cur);
        cur = "";
      }
    }
  }
  if (cur) pieces.push(cur);
  return pieces;
}

function trimBlankLines(s: string): string {
  return s.replace(/^\n+/, "").replace(/\n+$/, "");
}

/** Joins blocks into messages of at most `limit` characters, breaking between lines. */
export function splitBlocks(blocks: Block[], limit = MESSAGE_LIMIT): string[] {
  const out: string[] = [];
  let cur = "";
  const flush = () => {
    const t = trimBlankLines(cur);
    if (t.trim()) out.push(t);
    cur = "";
  };
  for (const b of blocks) {
    const html = blockHtml(b);
    const candidate = cur ? `${cur}\n${html}` : html;
    if (candidate.length <= limit) {
      cur = candidate;
      continue;
    }
    flush();
    if (html.length <= limit) {
      cur = html;
      continue;
    }
    const pieces = cutBlock(b, limit);
    for (const p of pieces.slice(0, -1)) out.push(p);
    cur = pieces.at(-1) ?? "";
  }
  flush();
  return out;
}

function label(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > BUTTON_LABEL_MAX ? `${t.slice(0, BUTTON_LABEL_MAX - 1).trimEnd()}…` : t;
}

function button(text: string, query: Query, mode: "q" | "p"): InlineKeyboardButton | undefined {
  const data = encodeCallback(query, mode);
  return data ? { text: label(text), callback_data: data } : undefined;
}

/** Buttons for the reply's next steps (two short ones to a row) and its pages. */
export function replyKeyboard(reply: Reply): InlineKeyboardMarkup | undefined {
  return keyboardFor(reply.actions, reply.paging);
}

/** Buttons for next steps and pages; a query that cannot be encoded in 64 bytes gets no button. */
export function keyboardFor(actions: Action[], paging?: Reply["paging"]): InlineKeyboardMarkup | undefined {
  const rows: InlineKeyboardButton[][] = pairShort(
    actions.flatMap((a) => button(a.label, a.query, "q") ?? []),
    (b) => b.text,
  );
  const p = paging;
  if (p) {
    const nav: InlineKeyboardButton[] = [];
    const prev = p.prev && button(`« Trang ${p.page - 1}`, p.prev, "p");
    const next = p.next && button(`Trang ${p.page + 1}/${p.pages} »`, p.next, "p");
    if (prev) nav.push(prev);
    if (next) nav.push(next);
    if (nav.length) rows.push(nav);
  }
  return rows.length ? { inline_keyboard: rows } : undefined;
}

export interface Rendered {
  /** HTML messages, each at most 4096 characters. */
  messages: string[];
  /** Goes on the last message. */
  keyboard?: InlineKeyboardMarkup;
}

export function renderReply(reply: Reply, limit = MESSAGE_LIMIT): Rendered {
  const messages = splitBlocks(replyBlocks(reply), limit);
  const keyboard = replyKeyboard(reply);
  return { messages: messages.length ? messages : ["…"], ...(keyboard ? { keyboard } : {}) };
}
