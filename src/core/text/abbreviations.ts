/**
 * What people type on phones: abbreviations expanded on folded text, word by word, and a small list of
 * synonyms that name the same concept (for the answer engine).
 *
 * `expandAbbreviations` works on the output of `fold` and returns folded text. It replaces whole tokens
 * only, and leaves alone tokens glued to "/" or "-" (document numbers such as "16/tb-vpcp" or
 * "3609/kh-bdhcds" keep their codes). "kh" is "kế hoạch", never "không" ("ko", "k", "kh0", "khg" are).
 * "ct" is "chỉ thị" before a number ("ct 05"), "chủ trì" after "ai" ("do ai CT") and "chủ tịch" elsewhere
 * ("ct ubnd tinh").
 */

import { keySlip } from "./edit-distance.ts";

/** Folded abbreviation → folded expansion. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  // chuyển đổi số and its bodies
  cds: "chuyen doi so",
  dit: "dti",
  bca: "bo cong an",
  ttdl: "trung tam du lieu",
  ttdlqg: "trung tam du lieu quoc gia",
  bcd: "ban chi dao",
  bchd: "ban chi dao",
  bdh: "ban dieu hanh",
  bcdcds: "ban chi dao chuyen doi so",
  bdhcds: "ban dieu hanh chuyen doi so",
  ubqg: "uy ban quoc gia",
  ubqgcds: "uy ban quoc gia ve chuyen doi so",
  tgv: "to giup viec",
  tcns: "to cong nghe so",
  tcnscd: "to cong nghe so cong dong",
  // "bảo vệ DLCN", "vai trò NĐĐ", "ngày QTế lao động"
  dlcn: "du lieu ca nhan",
  ndd: "nguoi dung dau",
  qte: "quoc te",
  // agencies
  tttt: "thong tin va truyen thong",
  "tt&tt": "thong tin va truyen thong",
  ttvtt: "thong tin va truyen thong",
  ttvatt: "thong tin va truyen thong",
  stttt: "so thong tin va truyen thong",
  "stt&tt": "so thong tin va truyen thong",
  btttt: "bo thong tin va truyen thong",
  "btt&tt": "bo thong tin va truyen thong",
  ubnd: "uy ban nhan dan",
  hdnd: "hoi dong nhan dan",
  ub: "uy ban",
  vp: "van phong",
  vpcp: "van phong chinh phu",
  vpubnd: "van phong uy ban nhan dan",
  ttg: "thu tuong",
  pttg: "pho thu tuong",
  btv: "ban thuong vu",
  tw: "trung uong",
  tp: "thanh pho",
  cqnn: "co quan nha nuoc",
  cqdp: "chinh quyen dia phuong",
  bhxh: "bao hiem xa hoi",
  nhnn: "ngan hang nha nuoc",
  ttpvhcc: "trung tam phuc vu hanh chinh cong",
  pct: "pho chu tich",
  // documents
  qd: "quyet dinh",
  tb: "thong bao",
  kh: "ke hoach",
  nq: "nghi quyet",
  ctr: "chuong trinh",
  cv: "cong van",
  cnscd: "cong nghe so cong dong",
  bc: "bao cao",
  vb: "van ban",
  // "trong DS văn bản": danh sách.
  ds: "danh sach",
  // work
  nv: "nhiem vu",
  dv: "don vi",
  dvc: "dich vu cong",
  // "thanh toán KDTM", "TTKDTM": không dùng tiền mặt.
  kdtm: "khong dung tien mat",
  ttkdtm: "thanh toan khong dung tien mat",
  dvctt: "dich vu cong truc tuyen",
  tthc: "thu tuc hanh chinh",
  csdl: "co so du lieu",
  attt: "an toan thong tin",
  cqdt: "chinh quyen dien tu",
  cqs: "chinh quyen so",
  kts: "kinh te so",
  xhs: "xa hoi so",
  // (The other pillars of the DTI, as officials shorten them.)
  hts: "ha tang so",
  nls: "nhan luc so",
  nts: "nhan thuc so",
  ktra: "kiem tra",
  sl: "so luong",
  cq: "co quan",
  dp: "dia phuong",
  sp: "san pham",
  dl: "du lieu",
  mt: "muc tieu",
  ptb: "pho truong ban",
  tmdt: "thuong mai dien tu",
  qg: "quoc gia",
  hn: "hoi nghi",
  bn: "bao nhieu",
  // "theo KL họp BĐH": kết luận.
  kl: "ket luan",
  nhiu: "nhieu",
  // common misspellings
  nghanh: "nganh",
  xd: "xay dung",
  httt: "he thong thong tin",
  dnnvv: "doanh nghiep nho va vua",
  dn: "doanh nghiep",
  // ("ĐDĐT", "CSTT": định danh điện tử, cơ sở tri thức.)
  dddt: "dinh danh dien tu",
  cstt: "co so tri thuc",
  hcc: "hanh chinh cong",
  kq: "ket qua",
  smartphone: "dien thoai thong minh",
  dtdd: "dien thoai di dong",
  // chat
  j: "gi",
  fai: "phai",
  gj: "gi",
  ko: "khong",
  k: "khong",
  kh0: "khong",
  khg: "khong",
  kg: "khong",
  hok: "khong",
  khog: "khong",
  khng: "khong",
  kog: "khong",
  dc: "duoc",
  trc: "truoc",
  vs: "voi",
  ntn: "nhu the nao",
  bh: "bao gio",
  bgio: "bao gio",
  bjo: "bao gio",
  hnay: "hom nay",
  thg: "thang",
  cx: "cung",
  lm: "lam",
  ng: "nguoi",
};

/** Multi-token spellings handled before the token pass. */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|[^\p{L}\p{N}&])tt\s*&\s*tt(?![\p{L}\p{N}&])/gu, "$1thong tin va truyen thong"],
  [/(^|[^\p{L}\p{N}&])(?:kt\s*-\s*xh|ktxh)(?![\p{L}\p{N}&])/gu, "$1kinh te xa hoi"],
  // "CQ số": chính quyền số (elsewhere "cq" is cơ quan).
  [/(^|[^\p{L}\p{N}&])cq\s+so(?![\p{L}\p{N}&])/gu, "$1chinh quyen so"],
  // "GĐ Cục Thuế": giám đốc; "hộ GĐ": hộ gia đình.
  [/(^|[^\p{L}\p{N}&])gd(?=\s+(?:cuc|so|trung tam|ban|bo)(?![\p{L}\p{N}&]))/gu, "$1giam doc"],
  [/(^|[^\p{L}\p{N}&])ho\s+gd(?![\p{L}\p{N}&])/gu, "$1ho gia dinh"],
  // "Tổ GV": Tổ Giúp việc.
  [/(^|[^\p{L}\p{N}&])to\s+gv(?![\p{L}\p{N}&])/gu, "$1to giup viec"],
  // "BT Bộ CA": bộ trưởng Bộ Công an.
  [/(^|[^\p{L}\p{N}&])bt(?=\s+bo(?![\p{L}\p{N}&]))/gu, "$1bo truong"],
  [/(^|[^\p{L}\p{N}&])bo\s+ca(?![\p{L}\p{N}&])/gu, "$1bo cong an"],
  // "chủ đề hàn động": hành động.
  [/(^|[^\p{L}\p{N}&])han dong(?![\p{L}\p{N}&])/gu, "$1hanh dong"],
  // "thuê bao DĐ", "điện thoại DĐ": di động.
  [/(^|[^\p{L}\p{N}&])(thue bao|dien thoai|mang|dt) dd(?![\p{L}\p{N}&])/gu, "$1$2 di dong"],
  // "văn bản trao đổi dạng ĐT", "hồ sơ ĐT", "giao dịch ĐT": điện tử (elsewhere "đt" is left alone).
  [
    /(^|[^\p{L}\p{N}&])(dang|duoi dang|van ban|ho so|giao dich|thanh toan|chinh quyen|thuong mai|hoa don|dinh danh|chu ky|moi truong|cong|suc khoe|benh an|hoc ba) dt(?![\p{L}\p{N}&])/gu,
    "$1$2 dien tu",
  ],
  // "PH với những ĐV nào", "đơn vị PH": phối hợp (elsewhere "ph" is left alone).
  [/(^|[^\p{L}\p{N}&])ph(?=\s+(?:voi|vs|cung)(?![\p{L}\p{N}&]))/gu, "$1phoi hop"],
  [/(^|[^\p{L}\p{N}&])(don vi|dv|co quan|cq|chu tri) ph(?![\p{L}\p{N}&])/gu, "$1$2 phoi hop"],
  // "dừng HĐ", "ngừng HĐ": hoạt động (elsewhere "HĐ" is left alone: hội đồng, hợp đồng).
  [/(^|[^\p{L}\p{N}&])(dung|ngung|het|con|bat dau|ket thuc) hd(?![\p{L}\p{N}&])/gu, "$1$2 hoat dong"],
  // "BTV TU": Ban Thường vụ Tỉnh ủy.
  [/(^|[^\p{L}\p{N}&])btv\s+tu(?![\p{L}\p{N}&])/gu, "$1ban thuong vu tinh uy"],
  // "tổ CN số": công nghệ số.
  [/(^|[^\p{L}\p{N}&])cn\s+so(?![\p{L}\p{N}&])/gu, "$1cong nghe so"],
  // "CN CĐS": chức năng chuyển đổi số (elsewhere "CN" is công nghệ).
  [/(^|[^\p{L}\p{N}&])cn\s+(?=(?:cds|chuyen doi so)(?![\p{L}\p{N}&]))/gu, "$1chuc nang "],
  // "ĐTTM": điện thoại thông minh; "KCB": khám chữa bệnh; "hồ sơ SK": sức khỏe; "BTVTU": Ban Thường vụ
  // Tỉnh ủy; "định danh ĐT": điện tử.
  [/(^|[^\p{L}\p{N}&])dttm(?![\p{L}\p{N}&])/gu, "$1dien thoai thong minh"],
  [/(^|[^\p{L}\p{N}&])kcb(?![\p{L}\p{N}&])/gu, "$1kham chua benh"],
  [/(^|[^\p{L}\p{N}&])(ho so) sk(?![\p{L}\p{N}&])/gu, "$1$2 suc khoe"],
  [/(^|[^\p{L}\p{N}&])btvtu(?![\p{L}\p{N}&])/gu, "$1ban thuong vu tinh uy"],
  [/(^|[^\p{L}\p{N}&])(dinh danh) dt(?![\p{L}\p{N}&])/gu, "$1$2 dien tu"],
  // "TTg CP": Thủ tướng Chính phủ.
  [/(^|[^\p{L}\p{N}&])(?:ttg|thu tuong)\s+cp(?![\p{L}\p{N}&])/gu, "$1thu tuong chinh phu"],
  // "Tết DL", "Tết ÂL": Tết Dương lịch, Tết Âm lịch (elsewhere "dl" is dữ liệu).
  [/(^|[^\p{L}\p{N}&])tet\s+dl(?![\p{L}\p{N}&])/gu, "$1tet duong lich"],
  [/(^|[^\p{L}\p{N}&])tet\s+al(?![\p{L}\p{N}&])/gu, "$1tet am lich"],
  // "Năm DLS", "DL số": dữ liệu số.
  [/(^|[^\p{L}\p{N}&])(?:dls|dl so)(?![\p{L}\p{N}&])/gu, "$1du lieu so"],
  // "KT số", "XH số": the DTI's pillars kinh tế số, xã hội số.
  [/(^|[^\p{L}\p{N}&])kt\s+so(?![\p{L}\p{N}&])/gu, "$1kinh te so"],
  [/(^|[^\p{L}\p{N}&])xh\s+so(?![\p{L}\p{N}&])/gu, "$1xa hoi so"],
  // "xin số, ngày của TB …", "số và ngày QĐ …": the document's number and day ("số" is no sở there).
  [
    /(^|[^\p{L}\p{N}&])so\s*(?:,|va|&|\/)?\s*ngay(?=\s+(?:cua\s+|ban hanh\s+)?(?:thong bao|tb|quyet dinh|qd|ke hoach|kh|van ban|vb|cong van|cv|nghi quyet|nq|chi thi)(?![\p{L}\p{N}&]))/gu,
    "$1so hieu, ngay ban hanh",
  ],
  // "TB là ai", "phó TB": trưởng ban (elsewhere "TB" is a thông báo).
  [/(^|[^\p{L}\p{N}&])tb(?=\s+(?:la ai|ten (?:la )?gi|hien nay la ai)(?![\p{L}\p{N}&]))/gu, "$1truong ban"],
  [/(^|[^\p{L}\p{N}&])pho tb(?![\p{L}\p{N}&])/gu, "$1pho truong ban"],
  // "hạn HT", "đã HT chưa": hoàn thành.
  [/(^|[^\p{L}\p{N}&])(han|thoi han|da|chua|duoc|se|phai|kip) ht(?![\p{L}\p{N}&])/gu, "$1$2 hoan thanh"],
  // "HT số": hạ tầng số (elsewhere "ht" is left alone: hệ thống, hoàn thành).
  [/(^|[^\p{L}\p{N}&])ht\s+so(?![\p{L}\p{N}&])/gu, "$1ha tang so"],
  // "sở ttt": Sở TT&TT with a letter dropped.
  [/(^|[^\p{L}\p{N}&])(so|s)\s+ttt(?![\p{L}\p{N}&])/gu, "$1so thong tin va truyen thong"],
  // "TT Ngày CĐS", "NV TT", "chủ trì TT": tuyên truyền (elsewhere "TT" is a thông tư or a trung tâm).
  [/(^|[^\p{L}\p{N}&])tt(?=\s+ngay\s+(?:cds|chuyen doi so)(?![\p{L}\p{N}&]))/gu, "$1tuyen truyen"],
  [/(^|[^\p{L}\p{N}&])(nv|nhiem vu|chu tri|phoi hop|ph)\s+tt(?=\s+(?!&)|$)/gu, "$1$2 tuyen truyen"],
  // "được CB", "ngày CB DTI": công bố (elsewhere "cb" is cán bộ).
  [/(^|[^\p{L}\p{N}&])(duoc|da|vua|moi|ngay|khi|chua) cb(?![\p{L}\p{N}&])/gu, "$1$2 cong bo"],
  [/(^|[^\p{L}\p{N}&])cb(?=\s+(?:dti|chi so|ket qua|xep hang)(?![\p{L}\p{N}&]))/gu, "$1cong bo"],
  // "hồ sơ cv": hồ sơ công việc (elsewhere "cv" is công văn; searchTerms reads it the same way).
  [/(^|[^\p{L}\p{N}&])ho so cv(?![\p{L}\p{N}&])/gu, "$1ho so cong viec"],
  // "ngày BH", "được BH", "BH ngày nào": ban hành (elsewhere "bh" is bao giờ).
  [/(^|[^\p{L}\p{N}&])(ngay|duoc|da|moi|van ban|vb) bh(?![\p{L}\p{N}&])/gu, "$1$2 ban hanh"],
  [
    /(^|[^\p{L}\p{N}&])bh(?=\s+(?:ngay|vao ngay|nam|khi nao|luc nao|som nhat|muon nhat|gan nhat)(?![\p{L}\p{N}&]))/gu,
    "$1ban hanh",
  ],
  // "VB nào do VPCP BH không", "đã BH chưa": ban hành before "không"/"chưa" ("bao giờ không" is no
  // question).
  [/(^|[^\p{L}\p{N}&])bh(?=\s+(?:khong|ko|k|chua|chưa|không)(?![\p{L}\p{N}&]))/gu, "$1ban hanh"],
  // "dti2022": the index and its year glued.
  [/(^|[^\p{L}\p{N}&])dti((?:19|20)\d\d)(?![\p{L}\p{N}&])/gu, "$1dti $2"],
];

const TOKEN_RE = /[\p{L}\p{N}&]+/gu;

/**
 * What a folded token abbreviates, as the table writes it; also typed with a key held ("cdddds": no
 * vowel, a letter repeated, the letters once each an abbreviation, "cds"). Undefined otherwise.
 */
export function abbreviationOf(tok: string): string | undefined {
  if (Object.hasOwn(ABBREVIATIONS, tok)) return ABBREVIATIONS[tok];
  if (tok.length < 4 || /[aeiouy0-9]/.test(tok) || !/(.)\1/.test(tok)) return undefined;
  const once = tok.replace(/(.)\1+/g, "$1");
  return Object.hasOwn(ABBREVIATIONS, once) ? ABBREVIATIONS[once] : undefined;
}

/** Expands abbreviations in folded text; see the module comment. Returns folded text. */
export function expandAbbreviations(folded: string): string {
  let s = folded;
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  s = s.replace(TOKEN_RE, (tok: string, offset: number, whole: string) => {
    const before = whole[offset - 1];
    const after = whole[offset + tok.length];
    if (before === "/" || before === "-" || after === "/" || after === "-") return tok;
    const q = /^q([1-4])$/.exec(tok);
    if (q) return `quy ${q[1]}`;
    // "CT 05", "các QĐ, CT của TTg": chỉ thị (a kind of document next to another); else chủ tịch.
    // ("Trường CT": Trường Chính trị.)
    if (tok === "ct" && /\btruong\s+$/.test(whole.slice(0, offset))) return "chinh tri";
    // "do ai CT", "ai CT cuộc họp": who chairs (chủ trì), a verb after "ai".
    if (tok === "ct" && /\b(?:do ai|ai|nguoi nao|lanh dao nao)\s+$/.test(whole.slice(0, offset)))
      return "chu tri";
    if (tok === "ct")
      return /^\s*(?:so\s+)?\d/.test(whole.slice(offset + 2)) ||
        /\b(?:qd|quyet dinh|kh|ke hoach|tb|thong bao|nq|nghi quyet|cv)\s*(?:,|va|\/)\s*$/.test(
          whole.slice(0, offset),
        )
        ? "chi thi"
        : "chu tich";
    // "BCĐ TL theo QĐ nào", "QĐ TL BCĐ": thành lập, next to a decision or a body.
    if (
      tok === "tl" &&
      (/\b(?:qd|quyet dinh|duoc|da|ngay|nam)\s+$/.test(whole.slice(0, offset)) ||
        /^\s+(?:theo|tu|ngay|nam|khi|luc|bcd|bdh|ban|to|tgv)\b/.test(whole.slice(offset + 2)))
    )
      return "thanh lap";
    // "DV KCB từ xa", "DV công": dịch vụ before what is served; else đơn vị.
    if (
      tok === "dv" &&
      /^\s+(?:kcb|kham|cong|truc tuyen|thanh toan|dien tu|vien thong|du lieu|so)\b/.test(
        whole.slice(offset + 2),
      )
    )
      return "dich vu";
    // "VB do TTg BH", "QĐ 56 BH ngày nào": ban hành after a document or its issuer; else bao giờ.
    if (
      tok === "bh" &&
      /\b(?:do|duoc|da|vb|van ban|qd|kh|tb|nq|cv|quyet dinh|ke hoach|thong bao|nghi quyet|co quan|cq|ngay|noi|don vi|thoi gian)\b(?:\s+[^\s]+){0,2}\s+$/.test(
        whole.slice(0, offset),
      )
    )
      return "ban hanh";
    const expanded = abbreviationOf(tok);
    if (expanded) return expanded;
    // "cdsd", "csd", "cfs": CĐS, the commonest abbreviation here, typed with one key slipped (a token with
    // no vowel that is no abbreviation of its own; "cdsx" is no slip).
    if (tok.length >= 3 && !/[aeiouy0-9]/.test(tok) && keySlip(tok, "cds", { extraNeighbour: true }))
      return ABBREVIATIONS.cds!;
    return tok;
  });
  for (const [re, to] of AFTER_TOKENS) s = s.replace(re, to);
  return s;
}

/**
 * Spellings read once the tokens are written out: "gd sở …" / "gd stttt" is giám đốc of a department
 * ("sở gd" stays giáo dục: the token pass leaves "gd" alone).
 */
const AFTER_TOKENS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /(^|[^\p{L}\p{N}&])gd(?=\s+(?:so|bao hiem|kho bac|trung tam|ngan hang|cong an|cong ty)\b)/gu,
    "$1giam doc",
  ],
  [
    /(^|[^\p{L}\p{N}&])pgd(?=\s+(?:so|bao hiem|kho bac|trung tam|ngan hang|cong an|cong ty)\b)/gu,
    "$1pho giam doc",
  ],
  // "GĐ 2021-2025": giai đoạn (elsewhere "gđ" is giám đốc); "TK thanh toán": tài khoản.
  [/(^|[^\p{L}\p{N}&])gd(?=\s*(?:19|20)\d\d\s*[-–])/gu, "$1giai doan"],
  [/(^|[^\p{L}\p{N}&])tk(?=\s+(?:thanh toan|ngan hang|dinh danh|vneid|dich vu cong))/gu, "$1tai khoan"],
  // "tỉ lệ", "qui định", "quản lí": written with y.
  [/(^|[^\p{L}\p{N}&])ti (?=le\b|trong\b)/gu, "$1ty "],
  [/(^|[^\p{L}\p{N}&])qui (?=dinh\b|che\b|trinh\b|mo\b)/gu, "$1quy "],
  [/(^|[^\p{L}\p{N}&])quan li(?![\p{L}\p{N}&])/gu, "$1quan ly"],
  // "GD điện tử": giao dịch điện tử.
  [/(^|[^\p{L}\p{N}&])gd(?=\s+(?:dien tu|truc tuyen|thanh toan)\b)/gu, "$1giao dich"],
  // "TB 03 nd gì", "nd chính": nội dung (elsewhere "nđ" is nghị định).
  [/(^|[^\p{L}\p{N}&])nd(?=\s+(?:gi|chinh|la gi|cu the|chi tiet|ra sao)\b)/gu, "$1noi dung"],
  // "Phó TB TT BĐH": phó trưởng ban thường trực ("phó thông báo" is no title); "TT" after a title is
  // thường trực.
  [/(^|[^\p{L}\p{N}&])pho thong bao(?![\p{L}\p{N}&])/gu, "$1pho truong ban"],
  [/(^|[^\p{L}\p{N}&])(truong ban|pho chu tich|uy vien) tt(?![\p{L}\p{N}&])/gu, "$1$2 thuong truc"],
  // "hc hoàn thành sp CĐS": hạn chót (elsewhere "hc" may be hành chính).
  [
    /(^|[^\p{L}\p{N}&])hc(?=\s+(?:hoan thanh|nop|sp|san pham|nhiem vu|nv|bao gio|khi nao|ngay nao|cua nhiem vu)\b)/gu,
    "$1han chot",
  ],
  // "cđ gì", "cđ hđ 2023", "CĐ QG 2023", "cđ năm 2023", "cđ tỉnh": chủ đề (hành động).
  [
    // (Before a quoted theme too: 'CĐ "Tạo lập và khai thác DL …"'.)
    /(^|[^\p{L}\p{N}&])cd(?=\s+(?:gi|hd|hanh dong|la gi|cua|nam nay|quoc gia|tinh|(?:nam\s+)?(?:19|20)\d\d)\b|\s*["“'‘])/gu,
    "$1chu de",
  ],
  [/(^|[^\p{L}\p{N}&])(chu de) hd(?![\p{L}\p{N}&])/gu, "$1$2 hanh dong"],
];

// ---------------------------------------------------------------- synonyms

export type Concept =
  | "deadline"
  | "overdue"
  | "upcoming"
  | "done"
  | "not-done"
  | "lead"
  | "support"
  | "task"
  | "theme"
  | "meeting"
  | "document"
  | "dti"
  | "target"
  | "result"
  | "shortcoming"
  | "who"
  | "when";

/**
 * Folded phrases that name each concept. Phrases are matched as whole words, longest first, so
 * "han che" (shortcoming) does not also count as "han" (deadline).
 */
export const SYNONYMS: Readonly<Record<Concept, readonly string[]>> = {
  deadline: [
    "han chot",
    "thoi han",
    "deadline",
    "het han",
    "han",
    "han hoan thanh",
    "thoi gian hoan thanh",
    "thoi han hoan thanh",
    "moc thoi gian",
    "moc",
    "su kien",
    // "còn bao nhiêu ngày để hoàn thành …", "số ngày còn lại": the deadline, counted from today.
    "so ngay con lai",
    "con bao nhieu ngay",
    "con may ngay",
    "bao nhieu ngay nua",
    "may ngay nua",
  ],
  overdue: [
    "qua han",
    "da het han",
    "het han roi",
    "tre han",
    "tre hen",
    "cham tien do",
    "tre tien do",
    "cham tre",
    "bi tre",
  ],
  upcoming: ["sap den han", "sap het han", "sap toi han", "gan den han", "gan het han", "sap toi"],
  done: ["hoan thanh", "da xong", "xong", "da lam xong", "da thuc hien xong"],
  "not-done": ["chua hoan thanh", "chua xong", "chua lam", "chua thuc hien", "con ton dong", "ton dong"],
  lead: [
    "chu tri",
    "phu trach",
    "dau moi",
    "chiu trach nhiem",
    "don vi chu tri",
    "co quan chu tri",
    // "ai lo vụ …", "do bộ nào lo", "cơ quan nào đứng ra …": who leads it, in everyday words.
    "dung ra",
    "dam nhan",
    "dam nhiem",
    "ai lo",
    "nao lo",
  ],
  support: ["phoi hop", "don vi phoi hop", "co quan phoi hop"],
  task: ["nhiem vu", "cong viec", "viec", "dau viec", "phan cong", "giao viec", "duoc giao"],
  theme: ["chu de", "thong diep", "khau hieu", "chu de nam", "chu de hanh dong"],
  meeting: ["cuoc hop", "hop", "phien hop", "buoi hop", "hoi nghi"],
  document: ["van ban", "so hieu", "trich yeu"],
  dti: [
    "dti",
    "chi so chuyen doi so",
    "chi so cds",
    "xep hang chuyen doi so",
    "xep hang cds",
    "bo chi so chuyen doi so",
  ],
  target: ["chi tieu", "muc tieu"],
  result: ["ket qua", "thanh tich", "dat duoc"],
  shortcoming: [
    "han che",
    "ton tai",
    "yeu kem",
    "bat cap",
    "kho khan",
    "vuong mac",
    // "còn yếu ở đâu", "điểm yếu", "chưa mạnh": where it falls short ("còn yêu cầu" is not).
    "diem yeu",
    "yeu o dau",
    "chua manh",
    "chua tot",
  ],
  who: ["ai", "nguoi nao", "ong nao", "ba nao", "la ai"],
  when: [
    "khi nao",
    "bao gio",
    "luc nao",
    "ngay nao",
    "ngay may",
    "thoi diem nao",
    "thoi gian nao",
    "truoc ngay nao",
  ],
};

/**
 * Folded phrases that contain a synonym's word but mean something else ("tong hop" is not a meeting,
 * "to giup viec" is not a task): matched like synonyms, they name no concept.
 */
const NOT_CONCEPTS: readonly string[] = [
  "tong hop",
  "hop tac",
  "hop le",
  "hop dong",
  "hop nhat",
  "phu hop",
  "ket hop",
  "tich hop",
  "to hop",
  "thich hop",
  "truong hop",
  "giup viec",
  "lam viec",
  "ngay lam viec",
];

interface PhraseEntry {
  tokens: string[];
  concept: Concept | null;
}

/** Phrases by first token, longest first. */
const PHRASE_INDEX: ReadonlyMap<string, PhraseEntry[]> = (() => {
  const m = new Map<string, PhraseEntry[]>();
  const groups = Object.entries(SYNONYMS) as [Concept | null, readonly string[]][];
  groups.push([null, NOT_CONCEPTS]);
  for (const [concept, phrases] of groups) {
    for (const p of phrases) {
      const tokens = p.split(" ");
      const list = m.get(tokens[0]!) ?? [];
      list.push({ tokens, concept });
      m.set(tokens[0]!, list);
    }
  }
  for (const list of m.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return m;
})();

/**
 * The concepts named in folded text, in order of first appearance, each once.
 * Matches whole words, longest phrase first, each word used by one phrase at most.
 * conceptsIn("han chot nhiem vu qua han") → ["deadline", "task", "overdue"].
 */
export function conceptsIn(folded: string): Concept[] {
  const toks = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  const found: Concept[] = [];
  let i = 0;
  while (i < toks.length) {
    const cands = PHRASE_INDEX.get(toks[i]!);
    let used = 1;
    if (cands) {
      for (const c of cands) {
        if (c.tokens.every((t, k) => toks[i + k] === t)) {
          if (c.concept && !found.includes(c.concept)) found.push(c.concept);
          used = c.tokens.length;
          break;
        }
      }
    }
    i += used;
  }
  return found;
}
