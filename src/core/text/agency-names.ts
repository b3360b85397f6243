/**
 * Agency names as plans write them: "Sở KH&CN", "Sở GD&ĐT", "VP UBND tỉnh", "Sở LĐ-TB&XH".
 *
 * - `expandAgencyName` writes the abbreviations of a name out in full, with diacritics, so a unit an
 *   import creates gets its real name ("Sở KH&CN" → "Sở Khoa học và Công nghệ").
 * - `agencyKey` is the form two spellings of one agency share: folded, abbreviations expanded, "Ủy ban
 *   nhân dân" written "ubnd", dashes and "&" as spaces. "Sở KH&CN", "Sở Khoa học & Công nghệ" and "SỞ
 *   KHOA HỌC VÀ CÔNG NGHỆ" all have the key "so khoa hoc va cong nghe".
 *
 * The short field codes ("TC", "NV", "TP", "YT", "CT", "XD") are read only right after "Sở": alone,
 * "TP" is "thành phố" and "CT" "chủ tịch".
 */
import { clean, fold, foldAlnum } from "./normalize.ts";

/** Folded spelling of a field code (no spaces; "&", "-", "," removed) → its name in full. */
const FIELDS: Readonly<Record<string, string>> = {
  khcn: "Khoa học và Công nghệ",
  gddt: "Giáo dục và Đào tạo",
  tttt: "Thông tin và Truyền thông",
  nnptnt: "Nông nghiệp và Phát triển nông thôn",
  nnmt: "Nông nghiệp và Môi trường",
  tnmt: "Tài nguyên và Môi trường",
  ldtbxh: "Lao động - Thương binh và Xã hội",
  vhttdl: "Văn hóa, Thể thao và Du lịch",
  vhtt: "Văn hóa và Thể thao",
  khdt: "Kế hoạch và Đầu tư",
  gtvt: "Giao thông vận tải",
  xdgt: "Xây dựng",
  dtts: "Dân tộc và Tôn giáo",
};

/** Codes read as a field only after "Sở". */
const AFTER_SO: Readonly<Record<string, string>> = {
  tc: "Tài chính",
  nv: "Nội vụ",
  tp: "Tư pháp",
  yt: "Y tế",
  ct: "Công Thương",
  xd: "Xây dựng",
  ng: "Ngoại vụ",
};

/**
 * The fields of provincial departments, folded, longest first ("giao duc va dao tao", "giao duc", "y te"):
 * the names the abbreviations stand for, their first two words, and fields named only in full.
 */
export const DEPARTMENT_FIELDS: readonly string[] = (() => {
  const out = new Set<string>();
  for (const name of [...Object.values(FIELDS), ...Object.values(AFTER_SO), "Du lịch"]) {
    const f = foldAlnum(name);
    out.add(f);
    out.add(f.split(" ").slice(0, 2).join(" "));
  }
  return [...out].sort((a, b) => b.length - a.length);
})();

/** Whole-word abbreviations of agency heads and bodies. */
const WORDS: Readonly<Record<string, string>> = {
  vp: "Văn phòng",
  vpubnd: "Văn phòng UBND",
  bhxh: "Bảo hiểm xã hội",
  nhnn: "Ngân hàng Nhà nước",
  kbnn: "Kho bạc Nhà nước",
  ttpvhcc: "Trung tâm Phục vụ hành chính công",
  mttq: "Mặt trận Tổ quốc",
  ldld: "Liên đoàn Lao động",
  bchqs: "Bộ Chỉ huy Quân sự",
  stttt: "Sở Thông tin và Truyền thông",
  skhcn: "Sở Khoa học và Công nghệ",
  sgddt: "Sở Giáo dục và Đào tạo",
};

/** A run that may be an abbreviation: letters (đ too) joined by "&", "-", "," or "." without spaces. */
const RUN_RE = /[\p{L}]+(?:\s*[&]\s*[\p{L}]+|[-,.][\p{L}]+)*/gu;

function codeOf(run: string): string {
  return fold(run).replace(/[^a-z]/g, "");
}

/** Whether a run is written as an abbreviation: all capitals, or has "&" (people type "kh&cn"). */
function looksAbbreviated(run: string): boolean {
  if (run.includes("&")) return true;
  const letters = run.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * The name with its abbreviations written out ("Sở KH&CN" → "Sở Khoa học và Công nghệ"); other words,
 * case and diacritics as written (cleaned: NFC, single spaces, ASCII dashes).
 */
export function expandAgencyName(name: string): string {
  const text = clean(name);
  let afterSo = false;
  let out = "";
  let at = 0;
  RUN_RE.lastIndex = 0;
  for (let m = RUN_RE.exec(text); m; m = RUN_RE.exec(text)) {
    const run = m[0];
    const code = codeOf(run);
    let full: string | undefined;
    if (looksAbbreviated(run)) {
      full = FIELDS[code] ?? (afterSo ? AFTER_SO[code] : undefined) ?? WORDS[code];
    } else if (/^(?:vp|bhxh|nhnn|kbnn)$/i.test(run)) {
      full = WORDS[code];
    }
    out += text.slice(at, m.index) + (full ?? run);
    at = m.index + run.length;
    afterSo = code === "so";
  }
  return (out + text.slice(at)).replace(/\s+/g, " ").trim();
}

/** "uy ban nhan dan" → "ubnd", "hoi dong nhan dan" → "hdnd" (folded). */
function shortBodies(folded: string): string {
  return folded
    .replace(/\b(?:uy ban nhan dan|ub nhan dan)\b/g, "ubnd")
    .replace(/\bhoi dong nhan dan\b/g, "hdnd");
}

/** The key two spellings of one agency share (see the module comment). */
export function agencyKey(name: string): string {
  return shortBodies(foldAlnum(expandAgencyName(name).replace(/&/g, " và ")));
}
