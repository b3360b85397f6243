/**
 * Word tokens for search and intent matching.
 *
 * Decision: `tokenize` yields plain word tokens. A document number such as "16/TB-VPCP" becomes
 * ["16", "tb", "vpcp"] and a date "20/02/2023" becomes ["20", "02", "2023"]; document numbers are recognised
 * as a whole by `doc-number.ts` (`findDocRefs`, `docNumberKey`), dates by `dates.ts`. Only decimal numbers
 * stay whole: "0,3048" and "1.000" are one token each. Letters and digits glued together ("tb16", "dti2022")
 * stay one token.
 *
 * `contentTokens` drops the question words in `STOPWORDS`. Since folding merges words (hỏi/hội, có/cơ,
 * tôi/tới/tối), a token typed WITH diacritics is dropped only when its accented form is a stopword ("hỏi"
 * is dropped, "hội" in "hội nghị" is kept); a token typed without diacritics is dropped unless it starts
 * one of the `KEEP_BIGRAMS` ("co quan", "hoi nghi"…).
 */
import { fold, nfc } from "./normalize.ts";
import { untelexWord } from "./telex.ts";

const TOKEN_RE = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{N}]+/gu;

/** Folded word tokens, in order. */
export function tokenize(s: string): string[] {
  return fold(s).match(TOKEN_RE) ?? [];
}

/**
 * Accented (NFC, lowercase) forms of the question and filler words that carry no meaning for search.
 * Words that do carry intent are NOT here: "ai" (who), "bao giờ"/"khi nào" (when), "hạn", "quá", "đâu",
 * "mấy"/"bao nhiêu", "chưa"/"xong", "năm"/"tháng"/"quý"/"ngày", "tuần", "nay"/"này", "sau", "trước".
 * Nor words whose folded form is a meaningful word: "bạn" (ban → Ban Chỉ đạo), "chị" (chi → chỉ thị),
 * "đang" (dang → Đảng), "giúp" (Tổ Giúp việc), "mình", "cần", "đi".
 */
export const STOPWORDS_ACCENTED: ReadonlySet<string> = new Set([
  "là",
  "gì",
  "của",
  "nào",
  "có",
  "không",
  "cho",
  "tôi",
  "hỏi",
  "những",
  "nhưng",
  "các",
  "và",
  "về",
  "thì",
  "mà",
  "được",
  "đã",
  "sẽ",
  "à",
  "ạ",
  "ơi",
  "nhé",
  "nha",
  "vậy",
  "thế",
  "với",
  "ở",
  "tại",
  "em",
  // ("tìm giúp e …": em, as typed on a phone.)
  "e",
  "anh",
  "xin",
  "vui",
  "biết",
  "một",
  "đó",
  "kia",
  "ấy",
  "thôi",
  "rồi",
  "hả",
  "hở",
  "nhỉ",
  "hãy",
  "muốn",
  "xem",
  "ko",
  "k",
  "j",
  "gj",
  // ("tìm giùm", "gửi dùm": the chat "giúp"; folded, no other word.)
  "giùm",
  "dùm",
]);

/**
 * Chat words dropped only when typed with their diacritics, since their folded form is a meaningful
 * word: "chị" (chi → chỉ số), "bạn" (ban → Ban Điều hành), "mình" (minh → thông minh), "cảm ơn".
 */
export const ACCENTED_ONLY_STOPWORDS: ReadonlySet<string> = new Set([
  "chị",
  "bạn",
  "mình",
  "cảm",
  "ơn",
  "dạ",
  "vâng",
  "nhờ",
  "lấy",
  "chọn",
  // ("vui lòng"; "Long" is a given name: Nguyễn Long Biên.)
  "lòng",
  // ("cần phối hợp với ai để tuyên truyền": a purpose; "de" folded is also "đề", chủ đề, đề án.)
  "để",
]);

/** Folded stopwords ("la", "gi", "cua", "nao", "co", "khong"…). */
export const STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS_ACCENTED].map((w) => fold(w)));

/**
 * Folded two-word terms whose first word would otherwise be dropped as a stopword when typed
 * without diacritics: "co quan" (cơ quan), "hoi nghi" (hội nghị)…
 */
export const KEEP_BIGRAMS: ReadonlySet<string> = new Set([
  "thi xa",
  "thi tran",
  "co quan",
  "co so",
  "co che",
  "co cau",
  "co hoi",
  "xa hoi",
  "co ban",
  "hoi nghi",
  "hoi dong",
  "hoi thao",
  "hoi vien",
  "hoi nhap",
  "toi uu",
  "toi thieu",
  "the che",
  "the he",
  "xem xet",
  "mot cua",
  "tai lieu",
  "tai chinh",
  "tai khoan",
  "tai nguyen",
  "tai san",
  "hinh anh",
  "thoi gian",
  "thoi han",
  "thoi diem",
  "thoi ky",
  "thoi luong",
]);

const ACCENTED_TOKEN_RE = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+/gu;

/**
 * Folded tokens without stopwords (see the module comment for how diacritics decide ambiguous words).
 * "Ai là người chủ trì nhiệm vụ của hội nghị?" → ["ai", "nguoi", "chu", "tri", "nhiem", "vu", "hoi", "nghi"].
 */
/** The word without its tone mark, its letters' hats and horns kept ("của" → "cua", "cửa" → "cưa"). */
function toneless(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "")
    .normalize("NFC");
}

/**
 * Question words whose other tones are no word officials would mean ("cũa" is "của", "vê" is "về"),
 * by their toneless form; "là" (lá), "mà" (mã) and "có" are left out: their other tones are words.
 */
const SLIP_PRONE = ["của", "về", "gì", "không", "những", "được", "nào", "với"] as const;
const TONE_SLIPS: ReadonlySet<string> = new Set(SLIP_PRONE.map(toneless));

/**
 * The folded forms of those question words ("ve", "duoc"): typed with a hat or horn slipped as well ("vè"
 * for "về") they stay a word, which a search that finds it in no entry may drop (search/search-index.ts).
 */
export const SLIPPED_QUESTION_WORDS: ReadonlySet<string> = new Set(SLIP_PRONE.map(fold));

/** Question words whose every other marking is no word officials would mean ("nhũng", "khóng"), folded. */
const HAT_SLIPS: ReadonlySet<string> = new Set(["nhung", "khong"]);

/** Two-word terms whose first word, typed with its marks, is otherwise a stopword ("một cửa"). */
const ACCENTED_BIGRAMS: ReadonlySet<string> = new Set(["một cửa"]);

export function contentTokens(s: string): string[] {
  const raw = nfc(s).toLowerCase().match(ACCENTED_TOKEN_RE) ?? [];
  // Telex leftovers ("nhieemj") read as the word they stand for ("nhiem").
  // (A word typed in capitals is an acronym, not Telex: "PAR" stays "par".)
  const typed = nfc(s).match(ACCENTED_TOKEN_RE) ?? [];
  const folded = raw.map((t, i) => {
    const orig = typed[i] ?? t;
    return orig.length >= 2 && orig === orig.toUpperCase() && orig !== orig.toLowerCase()
      ? fold(t)
      : untelexWord(fold(t));
  });
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const f = folded[i]!;
    if (!f) continue;
    if (ACCENTED_ONLY_STOPWORDS.has(raw[i]!)) continue;
    if (STOPWORDS.has(f)) {
      const r = raw[i]!;
      // (A Telex leftover, "cos" for "có", is typed without marks: read as the plain word.)
      const typedWithDiacritics = r !== f && r !== fold(r);
      if (typedWithDiacritics) {
        // ("một cửa": the one-stop shop, a word of its own, typed with its marks or without.)
        const whole = ACCENTED_BIGRAMS.has(`${r} ${raw[i + 1] ?? ""}`);
        if (STOPWORDS_ACCENTED.has(r) && !whole) continue;
        // "cũa", "vê", "khồng": a frequent question word typed with the wrong tone mark.
        if (TONE_SLIPS.has(toneless(r))) continue;
        // "nhũng", "khóng": its horn or hat slipped as well (no word officials would mean).
        if (HAT_SLIPS.has(f)) continue;
      } else {
        const next = folded[i + 1];
        const keep = next !== undefined && KEEP_BIGRAMS.has(`${f} ${next}`);
        const prev = folded[i - 1];
        const keptAsSecond = prev !== undefined && KEEP_BIGRAMS.has(`${prev} ${f}`);
        if (!keep && !keptAsSecond) continue;
      }
    }
    out.push(f);
  }
  return out;
}
