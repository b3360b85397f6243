/** What every intent's composer gets: the knowledge, its lexicon and index, today, the asker. */
import type { Knowledge } from "../knowledge/model.ts";
import type { Lexicon } from "./lexicon.ts";

export interface Asker {
  /** The unit the asker is linked to ("của tôi"). */
  unitId?: string;
  role?: string;
  name?: string;
}

export interface AnswerContext {
  lex: Lexicon;
  kb: Knowledge;
  now: Date;
  /** Today in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
  today: string;
  asker?: Asker;
  /** How many list items a page shows. */
  pageSize: number;
  /** The question as asked, when there is one (a button's query has none). */
  question?: string;
}
