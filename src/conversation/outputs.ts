/**
 * What a conversation answers with, channel-neutral. A channel adapter renders each output its way:
 * Telegram as HTML with buttons (inline keyboards), photos and documents; Zalo as plain text with
 * numbered choices (it can send neither files nor generated images, so it sends the `fallback` text
 * instead); the terminal as text with numbered choices.
 */
import type { Reply } from "../core/answers/reply.ts";

/** A choice offered with a message: a Telegram button, a numbered line on Zalo and in the terminal. */
export interface Button {
  label: string;
  /** What the choice carries back (≤ 64 bytes, validated with zod where it is read: see choices.ts). */
  data: string;
}

export type Output =
  /** An answer with citations and next steps (rendered by each channel's Reply renderer). */
  | { kind: "reply"; reply: Reply }
  /** A short message (a usage line, a refusal, a dialog's question), with choices when it offers some. */
  | { kind: "text"; text: string; buttons?: Button[][] }
  /** A generated image: the overview chart. */
  | { kind: "photo"; png: Uint8Array; filename: string; caption: string; fallback: string }
  /** A file: the progress report. */
  | { kind: "document"; bytes: Uint8Array; filename: string; caption: string; fallback: string };

export const text = (t: string, buttons?: Button[][]): Output =>
  buttons?.some((row) => row.length) ? { kind: "text", text: t, buttons } : { kind: "text", text: t };
export const reply = (r: Reply): Output => ({ kind: "reply", reply: r });

/** The choices of an output, in the order they are numbered on Zalo and in the terminal. */
export function flatButtons(o: Output): Button[] {
  return o.kind === "text" ? (o.buttons ?? []).flat() : [];
}

/** What a pressed button or a picked number leads to: outputs, or why the choice is no longer valid. */
export type ChoiceOutcome =
  /** `notice`: a short acknowledgement a channel may show besides (Telegram: the button's toast). */
  { kind: "outputs"; outputs: Output[]; notice?: string } | { kind: "stale"; text: string };

/** Buttons laid out for a phone: short ones (≤ 22 characters) two to a row, a longer one alone. */
export function pairShort<B>(buttons: readonly B[], text: (b: B) => string, max = 22): B[][] {
  const rows: B[][] = [];
  let pending: B | undefined;
  for (const b of buttons) {
    if (text(b).length > max) rows.push([b]);
    else if (pending) {
      rows.push([pending, b]);
      pending = undefined;
    } else pending = b;
  }
  if (pending) rows.push([pending]);
  return rows;
}
