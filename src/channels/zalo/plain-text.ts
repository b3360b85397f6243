/**
 * Reply → Zalo messages: plain text only (Zalo has no markup, buttons or edits).
 *
 * - lines carry their citation marks "[1, 2]", then the notes, then "Nguồn:" with "[n] label";
 * - the next steps are numbered choices under "Gõ số để chọn tiếp:" ("1. Văn bản 3609/KH-BĐHCĐS"),
 *   which the user answers by typing the number (conversation.ts keeps them per chat);
 * - paging is a line "Trang 1/3. Gõ “tiếp” để xem trang sau.";
 * - messages are split at 2,000 characters on line boundaries; a single longer line is cut at a
 *   space when there is one in the second half of the piece, and never inside a surrogate pair.
 */
import { plainLines, type Reply } from "../../core/answers/reply.ts";
import { ZALO_TEXT_LIMIT } from "./client.ts";

export const CHOICES_HEADER = "Gõ số để chọn tiếp:";
export const NEXT_WORD = "tiếp";
export const PREV_WORD = "trước";

/** The paging line, e.g. "Trang 1/3. Gõ “tiếp” để xem trang sau." */
export function pagingLine(p: NonNullable<Reply["paging"]>): string {
  const hints: string[] = [];
  if (p.next) hints.push(`Gõ “${NEXT_WORD}” để xem trang sau`);
  if (p.prev) hints.push(`${p.next ? "gõ" : "Gõ"} “${PREV_WORD}” để xem trang trước`);
  return `Trang ${p.page}/${p.pages}.${hints.length ? ` ${hints.join(", ")}.` : ""}`;
}

/** The reply as plain-text lines (not yet split into messages). */
export function replyLines(reply: Reply): string[] {
  return plainLines(reply, {
    between: reply.paging && reply.paging.pages > 1 ? [pagingLine(reply.paging)] : [],
    choices: CHOICES_HEADER,
  });
}

/** The reply as Zalo messages, each 1–2000 characters. */
export function renderZalo(reply: Reply, limit = ZALO_TEXT_LIMIT): string[] {
  const messages = splitText(replyLines(reply).join("\n"), limit);
  return messages.length ? messages : ["…"];
}

/** Index at which to cut `s` so that the piece is at most `max` UTF-16 units and no surrogate pair is split. */
function safeCut(s: string, max: number): number {
  if (s.length <= max) return s.length;
  let cut = max;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut -= 1; // a high surrogate would lose its pair
  // Also keep a combining mark with its letter (decomposed text).
  while (cut > 1 && /\p{M}/u.test(s[cut] ?? "")) cut -= 1;
  return Math.max(cut, 1);
}

/** Cuts one line longer than `limit` into pieces, preferring a space in the second half of each piece. */
function cutLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    let take = safeCut(rest, limit);
    const space = rest.lastIndexOf(" ", take);
    if (space > take / 2) take = space;
    pieces.push(rest.slice(0, take).trimEnd());
    rest = rest.slice(take).replace(/^ +/, "");
  }
  if (rest) pieces.push(rest);
  return pieces.filter((p) => p.trim());
}

/**
 * Splits a text into messages of at most `limit` characters, breaking between lines; blank lines
 * at the edges of a message are dropped and an empty text gives no message.
 */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  if (limit < 2) throw new RangeError("limit too small");
  const out: string[] = [];
  let cur = "";
  const flush = () => {
    const t = cur.replace(/^\n+/, "").replace(/\s+$/, "");
    if (t.trim()) out.push(t);
    cur = "";
  };
  for (const line of text.normalize("NFC").split("\n")) {
    const candidate = cur ? `${cur}\n${line}` : line;
    if (candidate.length <= limit) {
      cur = candidate;
      continue;
    }
    flush();
    if (line.length <= limit) {
      cur = line;
      continue;
    }
    const pieces = cutLine(line, limit);
    for (const p of pieces.slice(0, -1)) out.push(p);
    cur = pieces.at(-1) ?? "";
  }
  flush();
  return out;
}
