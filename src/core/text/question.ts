/**
 * A question as the engine reads it: folded (lowercase, no diacritics, đ→d), Telex leftovers and letters
 * typed twice read as the word meant ("nhieeu" → "nhieu"), abbreviations written out ("kh" → "ke hoach").
 * Every cue a question is matched against is written for this form.
 */
import { expandAbbreviations } from "./abbreviations.ts";
import { fold } from "./normalize.ts";
import { untelexText } from "./telex.ts";

export function foldQuestion(text: string): string {
  return expandAbbreviations(untelexText(fold(text), text));
}
