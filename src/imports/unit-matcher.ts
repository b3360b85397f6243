/**
 * Units named in a plan's "Cơ quan chủ trì"/"Cơ quan phối hợp" cells → unit and unit-group ids.
 *
 * A cell often names several units: "Sở TT&TT; các sở, ngành liên quan", "Sở Nội vụ, Sở Tài chính",
 * "UBND các huyện, thành phố". Names themselves may hold commas and "và" ("Sở Văn hóa, Thể thao và Du
 * lịch"), so a cell is read in three steps:
 * 1. split on strong separators (line breaks, ";", bullets);
 * 2. find known names (unit and group names and aliases, longest first) in each part: a name must
 *    start a part (after "," "và" or the part's start) and may be followed only by "liên quan", "tỉnh"…;
 * 3. split what is left on "," and "và", gluing a piece back to the previous one unless it starts like
 *    an agency name ("Sở", "UBND", "Ban", "Trung tâm"…), and match each piece: exact (folded, without
 *    "tỉnh Ninh Thuận"), then by search terms (abbreviations expanded), then fuzzy (fuse.js, strict).
 * Vague pieces ("các đơn vị liên quan") are dropped and reported; unknown names are returned as written.
 */
import Fuse from "fuse.js";
import type { Knowledge } from "../core/knowledge/model.ts";
import type { Unit, UnitKind } from "../core/knowledge/schema.ts";
import { agencyKey } from "../core/text/agency-names.ts";
import { fold, foldAlnum, foldSameLength, hasDiacritics, nfc } from "../core/text/normalize.ts";
import { searchTerms } from "../core/text/search-terms.ts";

export interface UnitRefName {
  id: string;
  name: string;
  kind: "unit" | "group";
}

/** One name of a cell, in the cell's order. */
export type CellPart =
  | { kind: "known"; id: string }
  | { kind: "unknown"; name: string }
  | { kind: "vague"; text: string };

export interface CellMatch {
  /** Everything the cell names, in order. */
  parts: CellPart[];
  /** Unit or group ids, in the order the cell names them, each once. */
  ids: string[];
  /** Names not recognised, as written. */
  unmatched: string[];
  /** Vague phrases left out ("các đơn vị liên quan"). */
  vague: string[];
}

/**
 * First words of agency names, as written (lowercase, with diacritics): a piece after "," or "và" that
 * starts with one of these names a new unit; any other piece continues the name before it ("Sở Văn hóa,
 * Thể thao và Du lịch", "Sở Tài nguyên và Môi trường"). Compared with diacritics so that "Môi trường" is
 * not "mọi", "Bản" not "Ban", "số" not "Sở"; a cell typed without any diacritics uses the folded list,
 * without the words that would then be ambiguous.
 */
const HEADS = [
  "sở",
  "ubnd",
  "ủy ban",
  "uỷ ban",
  "hđnd",
  "hội đồng",
  "ban",
  "bộ",
  "cục",
  "chi cục",
  "tổng cục",
  "trung tâm",
  "trường",
  "đài",
  "báo",
  "hội",
  "hiệp hội",
  "liên đoàn",
  "liên minh",
  "ngân hàng",
  "nhnn",
  "bảo hiểm",
  "bhxh",
  "kho bạc",
  "kbnn",
  "thuế",
  "công an",
  "bộ chỉ huy",
  "viễn thông",
  "bưu điện",
  "tỉnh ủy",
  "tỉnh uỷ",
  "tỉnh đoàn",
  "đoàn",
  "mặt trận",
  "công ty",
  "tập đoàn",
  "tổng công ty",
  "văn phòng",
  "vp",
  "thanh tra",
  "viện",
  "bệnh viện",
  "tòa án",
  "toà án",
  "viện kiểm sát",
  "huyện",
  "thành phố",
  "thị xã",
  "các",
  "tất cả",
  "mọi",
  "từng",
  "vnpt",
  "viettel",
  "mobifone",
];
const HEAD_RE = new RegExp(`^(?:${HEADS.join("|")})(?![\\p{L}\\p{N}])`, "u");
/** Heads whose folded form also continues names ("mọi" / "Môi trường"). */
const AMBIGUOUS_FOLDED = new Set(["moi"]);
const HEAD_FOLDED_RE = new RegExp(
  `^(?:${[...new Set(HEADS.map((h) => fold(h)))].filter((h) => !AMBIGUOUS_FOLDED.has(h)).join("|")})(?![\\p{L}\\p{N}])`,
  "u",
);

/** Whether a piece starts like an agency name (see HEADS). */
function startsLikeAgency(piece: string): boolean {
  const t = nfc(piece).trim();
  if (hasDiacritics(t)) return HEAD_RE.test(t.toLowerCase());
  return HEAD_FOLDED_RE.test(fold(t));
}

/** A piece that names no unit in particular. */
const VAGUE_RE = /(?:^|\s)(?:co\s+)?lien quan$|^(?:cac|nhung)?\s*(?:co quan|don vi|dia phuong|nganh)$/;
/** Words that may follow a name within its piece without changing which unit it is. */
const TRAILER_RE = /^[\s,.]*(?:(?:co\s+)?lien quan|tinh(?:\s+ninh\s+thuan)?|\([^)]*\))?[\s,.]*$/;
/** Group-like names ("các …", "tất cả …") are never created as units. */
const PLURAL_RE = /^(?:cac|tat ca|moi|tung|nhung)\b/;

/** Words too common in agency names to tell them apart. */
const WEAK_WORDS = new Set(["va", "tinh", "cac", "ninh", "thuan", "cua"]);

const FILLER = new Set(["", "va", "cac", "cung", "voi", "lien quan", "co lien quan", "chu tri", "phoi hop"]);

/** Abbreviations written out ("Sở KH&CN" = "Sở Khoa học và Công nghệ"), folded. */
function key(s: string): string {
  return agencyKey(s);
}

function termsKey(s: string): string {
  return searchTerms(s).join(" ");
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface Alias {
  ref: UnitRefName;
  /** Regex over the same-length fold of a part. */
  re: RegExp;
  length: number;
}

export class UnitMatcher {
  private readonly exact = new Map<string, UnitRefName>();
  private readonly byTerms = new Map<string, UnitRefName>();
  private readonly aliases: Alias[] = [];
  private readonly fuse: Fuse<{ key: string; ref: UnitRefName }>;
  private readonly entries: { key: string; ref: UnitRefName }[];
  private readonly refs: UnitRefName[] = [];
  private readonly cache = new Map<string, CellMatch>();
  private readonly province: string;

  constructor(kb: Knowledge, extra: Unit[] = []) {
    this.province = fold(kb.data.province.name);
    const entries: { key: string; ref: UnitRefName }[] = [];
    const add = (ref: UnitRefName, names: string[]) => {
      this.refs.push(ref);
      for (const raw of names) {
        for (const n of this.variants(raw)) {
          const k = key(n);
          if (!k) continue;
          if (!this.exact.has(k)) this.exact.set(k, ref);
          const t = termsKey(n);
          if (t && !this.byTerms.has(t)) this.byTerms.set(t, ref);
          entries.push({ key: k, ref });
          const words = fold(n)
            .split(/[^\p{L}\p{N}]+/u)
            .filter(Boolean);
          if (words.length) {
            const src = `(?<![\\p{L}\\p{N}])${words.map(escapeRe).join("[^\\p{L}\\p{N}]+")}(?![\\p{L}\\p{N}])`;
            this.aliases.push({ ref, re: new RegExp(src, "gu"), length: k.length });
          }
        }
      }
    };
    for (const u of [...kb.data.units, ...extra])
      add({ id: u.id, name: u.name, kind: "unit" }, [u.name, ...u.aliases]);
    for (const g of kb.data.unitGroups)
      add({ id: g.id, name: g.name, kind: "group" }, [g.name, ...g.aliases]);
    this.aliases.sort((a, b) => b.length - a.length);
    this.entries = entries;
    this.fuse = new Fuse(entries, {
      keys: ["key"],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.6,
    });
  }

  /** The name and "without tỉnh Ninh Thuận" forms. */
  private variants(name: string): string[] {
    const out = [name];
    const f = fold(name);
    for (const suffix of [` tinh ${this.province}`, ` ${this.province}`, " tinh"]) {
      if (this.province && f.endsWith(suffix) && f.length > suffix.length + 3) {
        out.push(name.slice(0, name.length - suffix.length));
      }
    }
    return out;
  }

  /** One name → a known unit or group (exact, by terms, then strict fuzzy), or undefined. */
  matchName(name: string): UnitRefName | undefined {
    for (const v of this.variants(name)) {
      const hit = this.exact.get(key(v)) ?? this.byTerms.get(termsKey(v));
      if (hit) return hit;
    }
    const k = key(name);
    if (k.length < 6) return undefined;
    const best = this.fuse.search(k, { limit: 1 })[0];
    // Strict: a typo or a missing word, not a different agency of the same kind.
    if (best && (best.score ?? 1) <= 0.08 && Math.abs(best.item.key.length - k.length) <= 3)
      return best.item.ref;
    return undefined;
  }

  /** The known units and groups closest to a name (for "did you mean"), best first. */
  closest(name: string, n = 3): UnitRefName[] {
    // Words in common count most, then the same kind of agency (first word), then fuse's string distance.
    const k = key(name);
    const words = new Set(k.split(" ").filter((w) => !WEAK_WORDS.has(w)));
    const head = k.split(" ")[0];
    const best = new Map<string, { ref: UnitRefName; score: number }>();
    for (const e of this.entries) {
      const ew = e.key.split(" ").filter((w) => !WEAK_WORDS.has(w));
      const shared = ew.filter((w) => words.has(w)).length;
      const jaccard = shared / (new Set([...ew, ...words]).size || 1);
      const score = jaccard + (e.key.split(" ")[0] === head ? 0.3 : 0) + 0.3 * (1 - this.distance(k, e.key));
      const prev = best.get(e.ref.id);
      if (!prev || score > prev.score) best.set(e.ref.id, { ref: e.ref, score });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, n)
      .map((b) => b.ref);
  }

  /** Fuse's distance (0 = same, 1 = unrelated) between two folded names. */
  private distance(a: string, b: string): number {
    const r = new Fuse([b], { includeScore: true, ignoreLocation: true, threshold: 1 }).search(a)[0];
    return r?.score ?? 1;
  }

  /** Reads a lead or support cell. */
  matchCell(cell: string): CellMatch {
    const cached = this.cache.get(cell);
    if (cached) return cached;
    const ids: string[] = [];
    const unmatched: string[] = [];
    const vague: string[] = [];
    const parts: CellPart[] = [];
    const push = (id: string) => {
      if (ids.includes(id)) return;
      ids.push(id);
      parts.push({ kind: "known", id });
    };
    for (const part of nfc(cell).split(/[;\n\r\t•]/)) {
      const p = part
        .replace(/\s+/g, " ")
        .replace(/^\s*[-+*–]\s+/, "")
        .trim();
      if (!p) continue;
      const whole = this.matchName(stripTrailer(p));
      if (whole) {
        push(whole.id);
        continue;
      }
      for (const piece of this.scanPart(p)) {
        if (typeof piece !== "string") {
          push(piece.id);
          continue;
        }
        const f = foldAlnum(piece);
        if (FILLER.has(f)) continue;
        const hit = this.matchName(stripTrailer(piece));
        if (hit) push(hit.id);
        else if (VAGUE_RE.test(f)) {
          vague.push(piece);
          parts.push({ kind: "vague", text: piece });
        } else if (!unmatched.includes(piece)) {
          unmatched.push(piece);
          parts.push({ kind: "unknown", name: piece });
        }
      }
    }
    const out = { parts, ids, unmatched, vague };
    this.cache.set(cell, out);
    return out;
  }

  /** Known names found at the start of a piece, and the leftover pieces (strings). */
  private scanPart(part: string): (string | UnitRefName)[] {
    const f = foldSameLength(part);
    const claimed: { start: number; end: number; ref: UnitRefName }[] = [];
    const overlaps = (s: number, e: number) => claimed.some((c) => s < c.end && e > c.start);
    for (const a of this.aliases) {
      a.re.lastIndex = 0;
      for (let m = a.re.exec(f); m; m = a.re.exec(f)) {
        const s = m.index;
        const e = s + m[0].length;
        if (overlaps(s, e)) continue;
        if (!startsPiece(f, s, claimed) || !endsPiece(f, e, claimed)) continue;
        claimed.push({ start: s, end: endOfTrailer(f, e), ref: a.ref });
      }
    }
    claimed.sort((a, b) => a.start - b.start);
    const out: (string | UnitRefName)[] = [];
    let at = 0;
    for (const c of claimed) {
      out.push(...splitLeftover(part.slice(at, c.start)));
      out.push(c.ref);
      at = c.end;
    }
    out.push(...splitLeftover(part.slice(at)));
    return out;
  }
}

/** Separators between names inside a part: "," and the word "và". */
const SEP_RE = /,|(?<![\p{L}\p{N}])(?:và|va)(?![\p{L}\p{N}])/giu;

function stripTrailer(s: string): string {
  const f = foldSameLength(nfc(s));
  const m = /(?:\s+(?:co\s+)?lien quan|\s*\([^)]*\))\s*$/.exec(f);
  return (m ? s.slice(0, m.index) : s).trim();
}

/** Whether only separators and fillers stand between the previous boundary and `s`. */
function startsPiece(f: string, s: number, claimed: { start: number; end: number }[]): boolean {
  let from = 0;
  for (const c of claimed) if (c.end <= s && c.end > from) from = c.end;
  const before = f.slice(from, s);
  const tail = before.split(/,|(?<![\p{L}\p{N}])va(?![\p{L}\p{N}])/u).at(-1) ?? "";
  return /^[\s.:-]*(?:cac\s+)?$/.test(tail) || /^[\s.:-]*$/.test(tail);
}

/** Whether only trailers ("liên quan", "tỉnh", a parenthesis) stand between `e` and the next boundary. */
function endsPiece(f: string, e: number, claimed: { start: number; end: number }[]): boolean {
  let to = f.length;
  for (const c of claimed) if (c.start >= e && c.start < to) to = c.start;
  const after = f.slice(e, to);
  const head = after.split(/,|(?<![\p{L}\p{N}])va(?![\p{L}\p{N}])/u)[0] ?? "";
  return TRAILER_RE.test(head);
}

function endOfTrailer(f: string, e: number): number {
  const m = /^(?:\s+(?:co\s+)?lien quan|\s+tinh(?:\s+ninh\s+thuan)?|\s*\([^)]*\))*/.exec(f.slice(e));
  return e + (m ? m[0].length : 0);
}

/** Leftover text → unit names: split on "," and "và", gluing pieces that do not start like a name. */
function splitLeftover(text: string): string[] {
  const pieces: string[] = [];
  let last = 0;
  const seps: { index: number; sep: string }[] = [];
  SEP_RE.lastIndex = 0;
  for (let m = SEP_RE.exec(text); m; m = SEP_RE.exec(text)) seps.push({ index: m.index, sep: m[0] });
  const raw: { sep: string; text: string }[] = [];
  let sep = "";
  for (const s of seps) {
    raw.push({ sep, text: text.slice(last, s.index) });
    sep = s.sep;
    last = s.index + s.sep.length;
  }
  raw.push({ sep, text: text.slice(last) });
  for (const r of raw) {
    const t = r.text.trim();
    const f = foldAlnum(t);
    if (!t || FILLER.has(f)) continue;
    if (pieces.length && !startsLikeAgency(t)) {
      pieces[pieces.length - 1] += `${r.sep === "," ? "," : ` ${r.sep}`} ${t}`;
    } else {
      pieces.push(t);
    }
  }
  return pieces.map((p) => p.replace(/\s+/g, " ").replace(/^[\s,.:-]+|[\s,.:;-]+$/g, ""));
}

// ---------------------------------------------------------------- new units

/** Whether a name may become a unit (not "các …", "tất cả …", which are groups). */
export function isCreatableUnitName(name: string): boolean {
  return !PLURAL_RE.test(foldAlnum(name));
}

/** The kind a new unit's name suggests: "Sở …" → so, "UBND huyện …" → huyen, else don-vi. */
export function guessUnitKind(name: string): UnitKind {
  const f = foldAlnum(name);
  if (/^so\b/.test(f)) return "so";
  if (/^(ubnd|uy ban nhan dan) (huyen|thanh pho|thi xa)\b/.test(f)) return "huyen";
  if (/^ban\b/.test(f)) return "ban";
  if (/^bo\b/.test(f) && !/^bo chi huy\b/.test(f)) return "trung-uong";
  return "don-vi";
}
