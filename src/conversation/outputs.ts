/**
 * What a conversation answers with, channel-neutral. A channel adapter renders each output its way:
 * Telegram as HTML with buttons, photos and documents; Zalo as plain text with numbered choices (it
 * can send neither files nor generated images, so it sends the `fallback` text instead); the terminal
 * as text.
 */
import type { Reply } from "../core/answers/reply.ts";

export type Output =
  /** An answer with citations and next steps (rendered by each channel's Reply renderer). */
  | { kind: "reply"; reply: Reply }
  /** A short message (a usage line, a refusal). */
  | { kind: "text"; text: string }
  /** A generated image: the overview chart. */
  | { kind: "photo"; png: Uint8Array; filename: string; caption: string; fallback: string }
  /** A file: the progress report. */
  | { kind: "document"; bytes: Uint8Array; filename: string; caption: string; fallback: string };

export const text = (t: string): Output => ({ kind: "text", text: t });
export const reply = (r: Reply): Output => ({ kind: "reply", reply: r });
