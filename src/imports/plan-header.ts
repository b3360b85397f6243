/**
 * The plan a table belongs to, read from the text around it:
 * - the appendix's title block: "(Kèm theo Kế hoạch số 45/KH-UBND ngày 20/01/2025 của UBND tỉnh)";
 * - the document's own header (a Word plan, or the rows of a sheet above the table): the agency
 *   ("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"), "Số: 45/KH-UBND", "Ninh Thuận, ngày 20 tháng 01 năm 2025", the
 *   type and subject ("KẾ HOẠCH" / "Chuyển đổi số năm 2025").
 * The title block wins where both speak: the appendix belongs to the plan it names.
 */
import { type DocumentType, documentTypeSchema } from "../core/knowledge/schema.ts";
import { agencyKey } from "../core/text/agency-names.ts";
import { DOC_TYPE_NAMES, type DocTypeCode, findDocRefs } from "../core/text/doc-number.ts";
import { clean, fold } from "../core/text/normalize.ts";
import { isoDate } from "../core/time.ts";

export interface PlanHeader {
  /** Số hiệu as written ("45/KH-UBND"). */
  number?: string;
  type?: DocumentType;
  /** ISO date. */
  date?: string;
  /** Cơ quan ban hành ("UBND tỉnh"). */
  issuer?: string;
  /** "Kế hoạch Chuyển đổi số năm 2025". */
  title?: string;
}

const TYPES: readonly DocumentType[] = documentTypeSchema.options;

function typeOfCode(code: DocTypeCode | undefined): DocumentType | undefined {
  if (!code) return undefined;
  const name = DOC_TYPE_NAMES[code];
  return TYPES.find((t) => t === name);
}

function typeOfWord(folded: string): DocumentType | undefined {
  return TYPES.find((t) => fold(t) === folded);
}

/** "ngày 20 tháng 01 năm 2025", "ngày 20/01/2025", "20-1-2025" → ISO; the first in the text. */
export function findWrittenDate(text: string): string | undefined {
  const f = fold(text);
  const long = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)\b/.exec(f);
  const short = /\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b/.exec(f);
  const m = long && (!short || long.index <= short.index) ? long : short;
  if (!m) return undefined;
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1])) ?? undefined;
}

/** Words kept capitalised when an upper-case agency line is written in sentence case. */
const PROPER = ["Ninh Thuận", "Việt Nam", "Chính phủ", "Quốc hội", "Nhà nước", "Thủ tướng"];

/** "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN" → "UBND tỉnh Ninh Thuận"; mixed-case text is kept as written. */
export function agencyName(line: string, extraProper: readonly string[] = []): string {
  let s = clean(line).replace(/^[-–•\s]+|[\s.,;:]+$/g, "");
  const letters = s.replace(/[^\p{L}]/gu, "");
  if (letters && letters === letters.toUpperCase()) {
    s = s.toLowerCase();
    s = s.charAt(0).toUpperCase() + s.slice(1);
    for (const p of [...PROPER, ...extraProper]) {
      const re = new RegExp(p.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
      s = s.replace(re, p);
    }
  }
  return s
    .replace(/^(?:Ủy|Uỷ) ban nhân dân\b/iu, "UBND")
    .replace(/\b(?:ủy|uỷ) ban nhân dân\b/giu, "UBND")
    .replace(/^Ubnd\b/u, "UBND");
}

/** Lines that are the national motto, not the agency. */
const MOTTO = /^(cong hoa xa hoi chu nghia viet nam|doc lap\b|dang cong san viet nam)/;

/** An agency line at the top of a document: upper case, names a body. */
const AGENCY_START =
  /^(uy ban nhan dan|ubnd|ban (chi dao|dieu hanh|thuong vu)|so |van phong|tinh uy|hoi dong nhan dan|hdnd|bo |thu tuong)/;

function isUpper(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, "");
  return letters.length > 0 && letters === letters.toUpperCase();
}

/**
 * The issuing agency in the lines of a header above "Số: …": upper-case lines, the motto left out. A name
 * written over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH NINH THUẬN") is joined; under a parent body ("UBND
 * TỈNH NINH THUẬN" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ") the agency is the last one.
 */
function agencyOfHeader(lines: string[]): string | undefined {
  const start = lines.findIndex((l) => AGENCY_START.test(fold(l)) && !MOTTO.test(fold(l)) && l.length <= 120);
  if (start < 0) return undefined;
  const block = [lines[start]!];
  for (const l of lines.slice(start + 1)) {
    const f = fold(l);
    if (!isUpper(l) || MOTTO.test(f) || /^so\b/.test(f) || typeOfWord(f) || l.length > 80) break;
    block.push(l);
  }
  const heads = block.filter((l) => AGENCY_START.test(fold(l)));
  if (heads.length >= 2) {
    // A body above its unit: the unit issues, from its line on.
    return block.slice(block.lastIndexOf(heads.at(-1)!)).join(" ");
  }
  return block.join(" ");
}

/** The plan's number, date, issuer and title as the text around the table gives them. */
export function readPlanHeader(lines: readonly string[], opts: { province?: string } = {}): PlanHeader {
  const extra = opts.province ? [opts.province] : [];
  const out: PlanHeader = {};
  const all = lines
    .flatMap((l) => l.split("\n"))
    .map((l) => clean(l))
    .filter(Boolean);

  // 1. "Kèm theo Kế hoạch số 45/KH-UBND ngày 20/01/2025 của UBND tỉnh"
  for (const line of all) {
    const f = fold(line);
    const at = f.search(/\bkem theo\b/);
    if (at < 0) continue;
    const rest = line.slice(at);
    const ref = findDocRefs(rest).find((r) => r.typeCode !== undefined && r.issuerCode !== undefined);
    if (!ref) continue;
    out.number = ref.raw;
    const typeWord = /\bkem theo\s+([\p{L}\s]+?)\s+(?:so\b|\d)/u.exec(fold(rest));
    out.type = typeOfCode(ref.typeCode) ?? (typeWord ? typeOfWord(typeWord[1]!.trim()) : undefined);
    const after = rest.slice(ref.index + ref.raw.length);
    const date = findWrittenDate(after);
    if (date) out.date = date;
    const of = /\bcủa\s+(.+?)\s*\)?\s*$/iu.exec(after);
    if (of) out.issuer = agencyName(of[1]!, extra);
    break;
  }

  // 2. The document's header.
  const numberLine = all.findIndex((l) => /^số\s*[:.]?\s*\S/iu.test(l) && findDocRefs(l).length > 0);
  if (numberLine >= 0) {
    const ref = findDocRefs(all[numberLine]!)[0]!;
    out.number ??= ref.raw;
    out.type ??= typeOfCode(ref.typeCode);
    // The date stands on the same line ("Số: 45/KH-UBND, ngày …") or on one of the next.
    if (!out.date) {
      for (const l of all.slice(numberLine, numberLine + 4)) {
        const d = /\bngay\b/.test(fold(l)) ? findWrittenDate(l) : undefined;
        if (d) {
          out.date = d;
          break;
        }
      }
    }
    const agency = agencyOfHeader(all.slice(0, numberLine));
    if (agency) {
      // The header names the agency in full where the title block shortens it ("UBND tỉnh").
      const full = agencyName(agency, extra);
      if (!out.issuer || agencyKey(full).startsWith(`${agencyKey(out.issuer)} `)) out.issuer = full;
    }
  }
  if (!out.date) {
    // "Ninh Thuận, ngày 20 tháng 01 năm 2025" without a "Số:" line.
    const dateLine = all.find((l) => /,\s*ngay\s+\d/.test(fold(l)));
    if (dateLine) out.date = findWrittenDate(dateLine);
  }

  // 3. The title: the type on its own line ("KẾ HOẠCH"), then the subject.
  for (let i = 0; i < all.length; i++) {
    const t = typeOfWord(fold(all[i]!));
    if (!t || (out.type && t !== out.type)) continue;
    const subject = all[i + 1];
    if (!subject || /^(can cu|so\b|[ivx]+\.)/.test(fold(subject))) continue;
    out.type ??= t;
    out.title = `${t} ${sentenceCase(subject)}`;
    break;
  }
  return out;
}

/** An upper-case subject in sentence case; otherwise its first letter in lower case. */
function sentenceCase(s: string): string {
  const letters = s.replace(/[^\p{L}]/gu, "");
  if (letters && letters === letters.toUpperCase()) return s.toLowerCase();
  return s.charAt(0).toLowerCase() + s.slice(1);
}
