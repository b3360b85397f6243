/**
 * Normalising Vietnamese text for matching.
 *
 * - `nfc`: Unicode NFC only (what we store and show).
 * - `clean`: NFC, invisible characters removed, fancy dashes/quotes/spaces made ASCII, whitespace collapsed.
 *   Keeps case and diacritics: for display and for keys that must stay readable.
 * - `fold`: `clean` + lowercase + every diacritic stripped (đ/Đ → d). The form every index and query uses:
 *   "Chuyển đổi số" → "chuyen doi so"; text typed without diacritics folds to the same string.
 * - `foldAlnum`: `fold` with every character that is not a letter or digit turned into a space.
 * - `foldSameLength`: a per-character fold whose output has exactly the input's length, so a match found in
 *   the folded text can be cut from the original (used to report the raw text of a match).
 *
 * Speed: `fold` and `foldSameLength` are one pass over the string with a per-character table filled on
 * first use, and `fold` has a fast path for plain ASCII (about 2 µs for a 100-character line).
 */

/** Combining diacritical marks (after NFD, all Vietnamese tone and vowel marks are here). */
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Zero-width, bidi control, soft hyphen, variation selectors: removed outright. */
const INVISIBLE_SRC =
  "[\\u00ad\\u034f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufe00-\\ufe0f]";
const INVISIBLE = new RegExp(INVISIBLE_SRC, "g");
const INVISIBLE_CHAR = new RegExp(INVISIBLE_SRC);

/** Dashes and minus signs → "-". */
const DASHES = /[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g;
/** Single quotes, primes, acute accent → "'". */
const SQUOTES = /[\u2018-\u201b\u2032\u2035\u00b4\uff07]/g;
/** Double quotes, guillemets → '"'. */
const DQUOTES = /[\u201c-\u201f\u2033\u2036\u00ab\u00bb\uff02]/g;
/** Ellipsis → "...". */
const ELLIPSIS = /\u2026/g;
/** Every kind of space, tab and line break. */
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const SPACE_CHAR = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

const NEEDS_WORK = /[^\x20-\x7e]|\s\s|^\s|\s$/;

export function nfc(s: string): string {
  return s.normalize("NFC");
}

function punctToAscii(s: string): string {
  return s.replace(DASHES, "-").replace(SQUOTES, "'").replace(DQUOTES, '"').replace(ELLIPSIS, "...");
}

/** NFC, invisibles removed, dashes/quotes/spaces to ASCII, whitespace collapsed and trimmed. Keeps case and diacritics. */
export function clean(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return punctToAscii(s.normalize("NFC").replace(INVISIBLE, "")).replace(SPACES, " ").trim();
}

/**
 * The matching form: lowercase, no diacritics (đ → d), ASCII dashes and quotes, no invisible characters,
 * single spaces, trimmed. "  Quyết định số 56/QĐ‑UBND " → "quyet dinh so 56/qd-ubnd".
 * Works on NFC and on decomposed input alike (combining marks are dropped, base letters kept).
 */
export function fold(s: string): string {
  if (!NEEDS_WORK.test(s)) return s.toLowerCase();
  // The code units are written to a buffer and made into one string at the end: a string grown one
  // character at a time is a chain of V8 "cons" pieces (about 30 bytes a character) until something
  // flattens it, and folded texts are kept (indexes, lookups).
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let f = FOLD_CACHE[c];
    if (f === undefined) f = FOLD_CACHE[c] = foldCharUncached(c);
    if (f === " ") {
      pendingSpace = n > 0;
    } else if (f !== "") {
      if (n + f.length + 1 > foldBuffer.length) {
        const grown = new Uint16Array(Math.max(foldBuffer.length * 2, n + f.length + 1));
        grown.set(foldBuffer.subarray(0, n));
        foldBuffer = grown;
      }
      if (pendingSpace) {
        foldBuffer[n++] = 0x20;
        pendingSpace = false;
      }
      for (let k = 0; k < f.length; k++) foldBuffer[n++] = f.charCodeAt(k);
    }
  }
  let out = "";
  for (let i = 0; i < n; i += FROM_CHAR_CODES)
    out += String.fromCharCode.apply(
      null,
      foldBuffer.subarray(i, Math.min(n, i + FROM_CHAR_CODES)) as unknown as number[],
    );
  return out;
}

/** `fold`'s output, code unit by code unit (grown when a text needs more). */
let foldBuffer = new Uint16Array(1024);
/** Code units per `String.fromCharCode` call (well under the engines' argument limits). */
const FROM_CHAR_CODES = 8192;

/** Folded form of each UTF-16 code unit ("" = removed, " " = a space), filled on first use. */
const FOLD_CACHE: (string | undefined)[] = new Array(0x10000);

function foldCharUncached(c: number): string {
  if (c >= 0xd800 && c <= 0xdfff) return String.fromCharCode(c); // half of an astral character: keep
  const ch = String.fromCharCode(c);
  if (INVISIBLE_CHAR.test(ch)) return "";
  if (SPACE_CHAR.test(ch)) return " ";
  if (ch === "đ" || ch === "Đ") return "d";
  const p = punctToAscii(ch);
  if (p !== ch) return p;
  return ch.normalize("NFD").replace(MARKS, "").toLowerCase();
}

/** `fold`, then every run of characters that are not letters or digits becomes one space. */
export function foldAlnum(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** True when the text carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(s: string): boolean {
  return /[\u0300-\u036fđĐ]/.test(s.normalize("NFD"));
}

// ---------------------------------------------------------------- same-length fold

/**
 * Folds character by character, keeping the length: output[i] is the fold of input[i]. Invisible characters
 * and spaces of any kind become " ", and whitespace is not collapsed. A character whose fold is not one
 * code unit (a combining mark, "…") is kept as it is. Apply to NFC text (`nfc` first).
 * Use it to find a match in folded form and cut the same span from the original.
 */
export function foldSameLength(s: string): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let f = FOLD_CACHE[c];
    if (f === undefined) f = FOLD_CACHE[c] = foldCharUncached(c);
    let code: number;
    if (f.length === 1) code = f.charCodeAt(0);
    else if (f === "")
      code = INVISIBLE_CHAR.test(s[i]!) ? 0x20 : c; // a combining mark stays
    else code = c;
    if (code !== c) {
      out += s.slice(start, i) + String.fromCharCode(code);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

/**
 * A vowel typed three times or more in a row, as chat stretches words ("ạaa", "ơiii", "nhaaa"), kept
 * once: no Vietnamese word has a vowel three times running. Consonants stay ("TTTT" is "TT&TT"), and
 * so does a Roman numeral ("quý III").
 * Case and diacritics of the first kept. Linear in the input.
 */
export function unstretch(s: string): string {
  const t = s.normalize("NFC");
  const f = foldSameLength(t).toLowerCase();
  let out = "";
  let i = 0;
  while (i < t.length) {
    let j = i + 1;
    while (j < t.length && f[j] === f[i]) j++;
    const run = j - i;
    // "III" standing alone is a Roman numeral ("quý III", "QIII/2023" glued to its q): an "i" run is
    // stretched only inside a word.
    const vowel =
      /[aeouy]/.test(f[i]!) ||
      (f[i] === "i" &&
        i > 0 &&
        /\p{L}/u.test(f[i - 1]!) &&
        !(f[i - 1] === "q" && !/\p{L}/u.test(f[i - 2] ?? "")));
    out += run >= 3 && vowel ? t[i] : t.slice(i, j);
    i = j;
  }
  return out;
}
