/**
 * Vietnamese document numbers (số hiệu văn bản) and references to documents in free text.
 *
 * Shapes of a number (all matched case-insensitively, with or without diacritics):
 * - State documents: "16/TB-VPCP", "56/QĐ-UBND", "3609/KH-BĐHCĐS", "05/CT-TTg", "17/QĐ-UBQGCĐS".
 * - Normative documents with a year: "42/2014/QĐ-TTg", "13/2023/NĐ-CP".
 * - Party documents: "03-TB/BCĐCĐS", "352-QĐ/TU", "59-CTr/BCSĐ", "09-NQ/TU".
 * - Official letters (công văn), which carry no type code: "793/BTTTT-THH" (typeCode "CV").
 *
 * The key (`docNumberKey`) is folded (Đ → d, lowercase), drops leading zeros of the number and does not depend
 * on where "/" and "-" sit: "03-TB/BCĐCĐS" and "3/tb-bcdcds" both give "3/tb/bcdcds"; "16/TB-VPCP" gives
 * "16/tb/vpcp"; "42/2014/QĐ-TTg" gives "42/2014/qd/ttg"; "793/BTTTT-THH" gives "793/cv/btttt-thh".
 */
import { fold, foldSameLength, nfc } from "./normalize.ts";

/** Type codes (ký hiệu loại văn bản) in their written form. */
export const DOC_TYPE_CODES = [
  "KH",
  "TB",
  "QĐ",
  "NQ",
  "CT",
  "CTr",
  "CV",
  "TT",
  "NĐ",
  "ĐA",
  "BC",
  "HD",
  "KL",
  "TTr",
  "CĐ",
  "TTLT",
] as const;
export type DocTypeCode = (typeof DOC_TYPE_CODES)[number];

/** The document type each code stands for (the names of `documentTypeSchema` where it has one). */
export const DOC_TYPE_NAMES: Readonly<Record<DocTypeCode, string>> = {
  KH: "Kế hoạch",
  TB: "Thông báo",
  QĐ: "Quyết định",
  NQ: "Nghị quyết",
  CT: "Chỉ thị",
  CTr: "Chương trình",
  CV: "Công văn",
  TT: "Thông tư",
  NĐ: "Nghị định",
  ĐA: "Đề án",
  BC: "Báo cáo",
  HD: "Hướng dẫn",
  KL: "Kết luận",
  TTr: "Tờ trình",
  CĐ: "Công điện",
  TTLT: "Thông tư liên tịch",
};

/** Folded code ("qd") → written code ("QĐ"). */
const CODE_BY_FOLDED: ReadonlyMap<string, DocTypeCode> = new Map(DOC_TYPE_CODES.map((c) => [fold(c), c]));

/** The type code of a document type name ("Quyết định" → "QĐ"), or undefined ("Luật"). */
export function docTypeCode(typeName: string): DocTypeCode | undefined {
  const f = fold(typeName);
  for (const c of DOC_TYPE_CODES) if (fold(DOC_TYPE_NAMES[c]) === f) return c;
  return undefined;
}

/** Folded words that name a type in free text, longest first within each type. */
const TYPE_WORDS: ReadonlyArray<readonly [string, DocTypeCode]> = [
  ["thong bao ket luan", "TB"],
  ["thong bao", "TB"],
  ["ke hoach", "KH"],
  ["quyet dinh", "QĐ"],
  ["nghi quyet", "NQ"],
  ["chi thi", "CT"],
  ["chuong trinh hanh dong", "CTr"],
  ["chuong trinh", "CTr"],
  ["cong van", "CV"],
  ["thong tu lien tich", "TTLT"],
  ["thong tu", "TT"],
  ["nghi dinh", "NĐ"],
  ["de an", "ĐA"],
  ["bao cao", "BC"],
  ["huong dan", "HD"],
  ["ket luan", "KL"],
  ["to trinh", "TTr"],
  ["cong dien", "CĐ"],
];

/** Abbreviations people type before a number ("tb 16", "qd56"). */
const TYPE_ABBREVIATIONS: ReadonlyArray<readonly [string, DocTypeCode]> = [
  ["ttlt", "TTLT"],
  ["ttr", "TTr"],
  ["ctr", "CTr"],
  ["kh", "KH"],
  ["tb", "TB"],
  ["qd", "QĐ"],
  ["nq", "NQ"],
  ["ct", "CT"],
  ["cv", "CV"],
  ["tt", "TT"],
  ["nd", "NĐ"],
  ["da", "ĐA"],
  ["bc", "BC"],
  ["hd", "HD"],
  ["kl", "KL"],
];

/** Abbreviations that are also common words or other abbreviations: need a number of 2+ digits. */
const AMBIGUOUS_ABBREVIATIONS: ReadonlySet<string> = new Set(["da", "nd", "tt", "ct", "hd", "bc", "kl"]);

/** Words for a document of unknown type ("văn bản số 16"). */
const UNTYPED_WORDS = ["van ban", "vb"];

export interface ParsedDocNumber {
  /** The number as written, leading zeros kept: "03". */
  number: string;
  /** Year part of normative documents: 2014 in "42/2014/QĐ-TTg". */
  year?: number;
  typeCode: DocTypeCode;
  /** Issuer (and sub-unit) code as written: "VPCP", "BĐHCĐS", "TTg", "BTTTT-THH". Absent in "16/TB". */
  issuerCode?: string;
  /** Canonical folded key, see the module comment. */
  key: string;
}

export interface DocRef {
  number: string;
  typeCode?: DocTypeCode;
  issuerCode?: string;
  year?: number;
  /** The text of the reference as it appears in the input (NFC). */
  raw: string;
  /** Offset of `raw` in the NFC form of the input. */
  index: number;
}

// ---------------------------------------------------------------- full numbers

const TYPE_ALT = [...CODE_BY_FOLDED.keys()].sort((a, b) => b.length - a.length).join("|");
const CODE_PART = "[a-z][a-z0-9]*";
const ISSUER = `${CODE_PART}(?:-${CODE_PART})*`;
const NUM = "(\\d{1,5})";
const NUM_START = "(?<![\\p{L}\\p{N}/.,-])";
const END = "(?![\\p{L}\\p{N}])";

/** "16/TB-VPCP", "42/2014/QĐ-TTg", "16/TB" (issuer optional). Groups: number, year, type, issuer. */
const STATE_RE = `${NUM_START}${NUM}(?:\\s?/\\s?(\\d{4}))?\\s?/\\s?(${TYPE_ALT})${END}(?:-(${ISSUER})${END})?`;
/** "03-TB/BCĐCĐS", "03-TB" (issuer optional). Groups: number, type, issuer. */
const PARTY_RE = `${NUM_START}${NUM}-(${TYPE_ALT})${END}(?:\\s?/\\s?(${ISSUER})${END})?`;
/** "793/BTTTT-THH": a công văn. Groups: number, issuer. */
const LETTER_RE = `${NUM_START}${NUM}\\s?/\\s?(${CODE_PART}-${ISSUER})${END}`;

const FULL_RE = new RegExp(`${STATE_RE}|${PARTY_RE}|${LETTER_RE}`, "gu");

function stripZeros(n: string): string {
  const s = n.replace(/^0+/, "");
  return s === "" ? "0" : s;
}

function writtenIssuer(raw: string): string {
  return /\p{Lu}/u.test(raw) ? raw : raw.toUpperCase();
}

function makeKey(number: string, typeCode: DocTypeCode, issuer?: string, year?: number): string {
  const parts = [stripZeros(number)];
  if (year !== undefined) parts.push(String(year));
  parts.push(fold(typeCode));
  if (issuer) parts.push(fold(issuer));
  return parts.join("/");
}

interface FullMatch {
  parsed: ParsedDocNumber;
  index: number;
  length: number;
}

/** Full numbers in NFC text `t` whose same-length fold is `f`. */
function fullMatches(t: string, f: string): FullMatch[] {
  const out: FullMatch[] = [];
  FULL_RE.lastIndex = 0;
  for (let m = FULL_RE.exec(f); m !== null; m = FULL_RE.exec(f)) {
    let parsed: ParsedDocNumber;
    if (m[1] !== undefined) {
      const typeCode = CODE_BY_FOLDED.get(m[3]!)!;
      const year = m[2] !== undefined ? Number(m[2]) : undefined;
      const issuerRaw = m[4] !== undefined ? lastGroupRaw(t, m, 4) : undefined;
      parsed = build(m[1], typeCode, issuerRaw, year);
    } else if (m[5] !== undefined) {
      const typeCode = CODE_BY_FOLDED.get(m[6]!)!;
      const issuerRaw = m[7] !== undefined ? lastGroupRaw(t, m, 7) : undefined;
      parsed = build(m[5], typeCode, issuerRaw);
    } else {
      const issuerRaw = lastGroupRaw(t, m, 9);
      // without a type code, only an upper-case code is taken as a letter number ("5/xa-phuong" is not)
      if (!/\p{Lu}/u.test(issuerRaw)) continue;
      parsed = build(m[8]!, "CV", issuerRaw);
    }
    out.push({ parsed, index: m.index, length: m[0].length });
  }
  return out;
}

/** The original text of a group that ends its match (issuer groups always do). */
function lastGroupRaw(t: string, m: RegExpExecArray, group: number): string {
  const g = m[group]!;
  const end = m.index + m[0].length;
  return t.slice(end - g.length, end);
}

function build(number: string, typeCode: DocTypeCode, issuerRaw?: string, year?: number): ParsedDocNumber {
  const p: ParsedDocNumber = { number, typeCode, key: "" };
  if (year !== undefined) p.year = year;
  if (issuerRaw) p.issuerCode = writtenIssuer(issuerRaw);
  p.key = makeKey(number, typeCode, p.issuerCode, year);
  return p;
}

/**
 * Parses a whole document number ("16/TB-VPCP", "03-TB/BCĐCĐS", "793/BTTTT-THH"), with an optional
 * "số"/"Số:" in front. Null when the text is not a document number (a date "30/6/2023", free text…).
 */
export function parseDocNumber(s: string): ParsedDocNumber | null {
  const t = nfc(s)
    .trim()
    .replace(/^(?:s[ốô]|so)\s*:?\s*/iu, "");
  const f = foldSameLength(t);
  const m = fullMatches(t, f)[0];
  return m?.index === 0 && m.length === t.length ? m.parsed : null;
}

/** The canonical key of a document number, or null when `s` is not one. */
export function docNumberKey(s: string): string | null {
  return parseDocNumber(s)?.key ?? null;
}

// ---------------------------------------------------------------- references in free text

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
}

const WORD_ALT = [...TYPE_WORDS.map(([w]) => w), ...UNTYPED_WORDS].map(escapeRe).join("|");
const ABBR_ALT = TYPE_ABBREVIATIONS.map(([w]) => w).join("|");
/** "số", "so", "no.", "số:", "#", ":" between the type and the number. */
const NUMBER_SIGN = "\\s*(?:(?:so|no\\.?)(?![\\p{L}])\\s*)?[:#]?\\s*";
/** Groups: word, abbreviation, number. */
const PHRASE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${WORD_ALT})|(${ABBR_ALT}))${NUMBER_SIGN}(\\d{1,5})(?![\\p{L}\\p{N}])`,
  "gu",
);

function typeOfWord(word: string): DocTypeCode | undefined {
  const w = word.replace(/\s+/g, " ");
  return TYPE_WORDS.find(([x]) => x === w)?.[1];
}

/**
 * Finds document references in free text, in order: full numbers ("16/TB-VPCP", "03-TB/BCDCDS") and a
 * type word or abbreviation followed by a number ("tb 16", "TB16", "thông báo 16", "thong bao so 16",
 * "qd56", "quyết định số 56", "kh 3609", "nghị quyết 09", "cv 793", "chỉ thị 05"), the latter as partial
 * references (number + type). "văn bản số 16" gives a number without type.
 * Not references: dates ("30/6", "20/02/2023", "tb 30/6"), years ("kế hoạch 2023"), percentages,
 * decimals, "quý 2", and abbreviations typed with tone marks ("đã 2" is not "ĐA 2").
 */
export function findDocRefs(text: string): DocRef[] {
  const t = nfc(text);
  const f = foldSameLength(t);
  const refs: DocRef[] = [];
  const full = fullMatches(t, f);
  for (const m of full) {
    const r: DocRef = {
      number: m.parsed.number,
      typeCode: m.parsed.typeCode,
      raw: t.slice(m.index, m.index + m.length),
      index: m.index,
    };
    if (m.parsed.issuerCode) r.issuerCode = m.parsed.issuerCode;
    if (m.parsed.year !== undefined) r.year = m.parsed.year;
    refs.push(r);
  }
  PHRASE_RE.lastIndex = 0;
  for (let m = PHRASE_RE.exec(f); m !== null; m = PHRASE_RE.exec(f)) {
    const number = m[3]!;
    const numberStart = m.index + m[0].length - number.length;
    const end = m.index + m[0].length;
    if (full.some((x) => numberStart < x.index + x.length && end > x.index)) continue;
    const rest = f.slice(end);
    // "QĐ 42/2014": a number and its year, without the issuer's code.
    const withYear = /^\/((?:19|20)\d\d)(?![\d/])/.exec(rest);
    if (withYear && (m[1] !== undefined || m[2] !== undefined)) {
      const typeCode =
        m[1] !== undefined ? typeOfWord(m[1]) : TYPE_ABBREVIATIONS.find(([a]) => a === m[2])?.[1];
      const r: DocRef = {
        number,
        raw: t.slice(m.index, end + withYear[0].length),
        index: m.index,
        year: Number(withYear[1]),
      };
      if (typeCode) r.typeCode = typeCode;
      refs.push(r);
      continue;
    }
    if (/^\s*[/.,-]\s*\d/.test(rest)) continue; // a date "30/6", a decimal, a range
    if (/^\s*%/.test(rest) || /^\s*(?:phan tram|ty|trieu|nghin|ngan)\b/.test(rest)) continue;
    if (/^(?:19|20)\d\d$/.test(number)) continue; // a year: "kế hoạch 2023"
    let typeCode: DocTypeCode | undefined;
    if (m[1] !== undefined) {
      typeCode = typeOfWord(m[1]);
    } else {
      const abbr = m[2]!;
      const rawAbbr = t.slice(m.index, m.index + abbr.length);
      if (!/^[a-zA-ZđĐ]+$/.test(rawAbbr)) continue; // "đã 2", "để 5": typed words, not codes
      if (AMBIGUOUS_ABBREVIATIONS.has(abbr) && number.length < 2) continue;
      typeCode = TYPE_ABBREVIATIONS.find(([a]) => a === abbr)![1];
    }
    const r: DocRef = { number, raw: t.slice(m.index, end), index: m.index };
    if (typeCode) r.typeCode = typeCode;
    refs.push(r);
  }
  refs.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const fullRefs = refs.filter((r) => r.issuerCode !== undefined);
  return refs.filter((r) => {
    // a partial "tb 16" next to the full "16/TB-VPCP" says nothing more
    if (
      r.issuerCode === undefined &&
      fullRefs.some(
        (x) => stripZeros(x.number) === stripZeros(r.number) && (!r.typeCode || r.typeCode === x.typeCode),
      )
    )
      return false;
    const k = `${stripZeros(r.number)}|${r.typeCode ?? ""}|${r.issuerCode ? fold(r.issuerCode) : ""}|${r.year ?? ""}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Whether a document number ("16/TB-VPCP") answers a reference: same number (leading zeros ignored),
 * and the same type, issuer and year wherever the reference gives them.
 */
export function matchesDocRef(
  ref: Pick<DocRef, "number" | "typeCode" | "issuerCode" | "year">,
  docNumber: string,
): boolean {
  const p = parseDocNumber(docNumber);
  if (!p) return false;
  if (stripZeros(p.number) !== stripZeros(ref.number)) return false;
  if (ref.typeCode && ref.typeCode !== p.typeCode) return false;
  if (ref.issuerCode && (!p.issuerCode || fold(ref.issuerCode) !== fold(p.issuerCode))) return false;
  if (ref.year !== undefined && p.year !== undefined && ref.year !== p.year) return false;
  return true;
}
