/**
 * The terms a text is indexed and searched by: content tokens (stopwords dropped, diacritics deciding
 * ambiguous words), each abbreviation expanded ("tttt" → "thong tin truyen thong"). The same function
 * serves the index and the query, so both sides always agree.
 */
import { ABBREVIATIONS, abbreviationOf } from "./abbreviations.ts";
import { clean, fold } from "./normalize.ts";
import { contentTokens } from "./tokens.ts";

/**
 * "TT&TT", "TT & TT" are one abbreviation; "&" is not a token character. Spaced between two things that
 * make no abbreviation ("Cổng DVC & HT một cửa", "KTS & XHS"), it is "và".
 */
const AMPERSAND_ABBR = /\b([a-zđ]{1,3})(\s*)&(\s*)([a-zđ]{1,3})\b/giu;

function joinAmpersands(text: string): string {
  return text.replace(AMPERSAND_ABBR, (_m, a: string, s1: string, s2: string, b: string) => {
    // (Two letters each side, "KH & CN", "TT & TT", are a unit's abbreviation spaced out.)
    const joins =
      (!s1 && !s2) ||
      (a.length <= 2 && b.length <= 2) ||
      Object.hasOwn(ABBREVIATIONS, fold(`${a}${b}`)) ||
      Object.hasOwn(ABBREVIATIONS, fold(`${a}&${b}`));
    return joins ? `${a}${b}` : `${a} và ${b}`;
  });
}

/**
 * Abbreviations read by the words around them (elsewhere they mean something else): "hồ sơ cv" is hồ sơ
 * công việc (not công văn), "GĐ 2021-2025" giai đoạn (not giám đốc), "TK thanh toán" tài khoản.
 */
const CONTEXTUAL: readonly (readonly [RegExp, string])[] = [
  [/(?<![\p{L}\p{N}])(h[ồo]\s+s[ơo])\s+cv(?![\p{L}\p{N}])/giu, "$1 công việc"],
  [/(?<![\p{L}\p{N}])g[đd](?=\s*(?:19|20)\d\d\s*[-–])/giu, "giai đoạn"],
  [/(?<![\p{L}\p{N}])tk(?=\s+(?:thanh to[aá]n|ng[aâ]n h[aà]ng|đ[iị]nh danh|dinh danh))/giu, "tài khoản"],
  // "GD điện tử": giao dịch điện tử.
  [
    /(?<![\p{L}\p{N}])g[dđ](?=\s+(?:đi[eệ]n t[uử]|dien tu|tr[uự]c tuy[eế]n|truc tuyen|thanh to[aá]n))/giu,
    "giao dịch",
  ],
  // "GĐ Cục Thuế", "GĐ Sở …": giám đốc; "hộ GĐ": hộ gia đình.
  [/(?<![\p{L}\p{N}])g[đd](?=\s+(?:c[ụu]c|s[ởo]|trung t[âa]m|ban|b[ộo])(?![\p{L}\p{N}]))/giu, "giám đốc"],
  [/(?<![\p{L}\p{N}])(h[ộo])\s+g[đd](?![\p{L}\p{N}])/giu, "$1 gia đình"],
  // "thủ trưởng cơ quan, đơn vị": its người đứng đầu (not "thứ trưởng", a ministry's deputy).
  [
    /(?<![\p{L}\p{N}])th[ủu]\s+tr[ưu][ởo]ng(?=\s+(?:c[ơo]\s+quan|đ[ơo]n\s+v[ịi]|don\s+vi)(?![\p{L}\p{N}]))/giu,
    "người đứng đầu",
  ],
  // "chủ đề hàn động": hành động (a slip of the "h"; "hạn động" is no phrase).
  [/(?<![\p{L}\p{N}])h[àa]n\s+(đ[ộo]ng|dong)(?![\p{L}\p{N}])/giu, "hành động"],
  // "thuê bao DĐ": di động; "Năm DLS": dữ liệu số.
  [
    /(?<![\p{L}\p{N}])(thu[êe]\s+bao|đi[eệ]n\s+tho[aạ]i|dien\s+thoai|m[ạa]ng)\s+(?:dđ|dd|đđ)(?![\p{L}\p{N}])/giu,
    "$1 di động",
  ],
  [/(?<![\p{L}\p{N}])dls(?![\p{L}\p{N}])/giu, "dữ liệu số"],
  // "DV KCB", "DV công": dịch vụ (elsewhere "ĐV" is đơn vị).
  [
    /(?<![\p{L}\p{N}])dv(?=\s+(?:kcb|kh[áa]m|c[ôo]ng|tr[ựu]c tuy[ếe]n|thanh to[áa]n|đi[ệe]n t[ửu]|dien tu|vi[ễe]n th[ôo]ng)(?![\p{L}\p{N}]))/giu,
    "dịch vụ",
  ],
  // "ví điện tử": a wallet, which folded is the stopword "vì"; written as one word that is no stopword.
  [/(?<![\p{L}\p{N}])v[íi](?=\s+(?:đi[eệ]n\s+t[ửu]|dien\s+tu)(?![\p{L}\p{N}]))/giu, "vítiền"],
  // "hạn HT", "đã HT chưa": hoàn thành.
  [
    /(?<![\p{L}\p{N}])(hạn|han|thời hạn|thoi han|đã|da|chưa|chua|được|duoc|sẽ|se|phải|phai|kịp|kip) ht(?![\p{L}\p{N}])/giu,
    "$1 hoàn thành",
  ],
  // "PH với những ĐV nào", "đơn vị PH": phối hợp.
  [/(?<![\p{L}\p{N}])ph(?=\s+(?:với|voi|vs|cùng|cung)(?![\p{L}\p{N}]))/giu, "phối hợp"],
  [
    /(?<![\p{L}\p{N}])(đơn vị|don vi|đv|dv|cơ quan|co quan|cq|chủ trì|chu tri) ph(?![\p{L}\p{N}])/giu,
    "$1 phối hợp",
  ],
  // "dừng HĐ": hoạt động; "BTV TU": Ban Thường vụ Tỉnh ủy; "CN CĐS": chức năng chuyển đổi số.
  [
    /(?<![\p{L}\p{N}])(dừng|dung|ngừng|ngung|hết|het|còn|con|bắt đầu|bat dau|kết thúc|ket thuc) hđ(?![\p{L}\p{N}])/giu,
    "$1 hoạt động",
  ],
  [
    /(?<![\p{L}\p{N}])(dừng|dung|ngừng|ngung|hết|het|còn|con|bắt đầu|bat dau|kết thúc|ket thuc) hd(?![\p{L}\p{N}])/giu,
    "$1 hoạt động",
  ],
  [/(?<![\p{L}\p{N}])btv\s+tu(?![\p{L}\p{N}])/giu, "Ban Thường vụ Tỉnh ủy"],
  [/(?<![\p{L}\p{N}])btvtu(?![\p{L}\p{N}])/giu, "Ban Thường vụ Tỉnh ủy"],
  [/(?<![\p{L}\p{N}])(?:đttm|dttm)(?![\p{L}\p{N}])/giu, "điện thoại thông minh"],
  [/(?<![\p{L}\p{N}])kcb(?![\p{L}\p{N}])/giu, "khám chữa bệnh"],
  [/(?<![\p{L}\p{N}])(h[ồo]\s+s[ơo])\s+sk(?![\p{L}\p{N}])/giu, "$1 sức khỏe"],
  [/(?<![\p{L}\p{N}])(đ[ịi]nh\s+danh|dinh\s+danh)\s+(?:đt|dt)(?![\p{L}\p{N}])/giu, "$1 điện tử"],
  [/(?<![\p{L}\p{N}])cn\s+(số|so)(?![\p{L}\p{N}])/giu, "công nghệ $1"],
  [/(?<![\p{L}\p{N}])cn\s+(?=(?:cđs|cds|chuyển đổi số|chuyen doi so)(?![\p{L}\p{N}]))/giu, "chức năng "],
  // "Tết DL", "Tết ÂL": Tết Dương lịch, Tết Âm lịch.
  [/(?<![\p{L}\p{N}])(t[ếe]t)\s+dl(?![\p{L}\p{N}])/giu, "$1 Dương lịch"],
  [/(?<![\p{L}\p{N}])(t[ếe]t)\s+(?:âl|al)(?![\p{L}\p{N}])/giu, "$1 Âm lịch"],
  // "lan toi" typed plain: lần tới ("tôi" is no word after "lần").
  [/(?<![\p{L}\p{N}])lan\s+toi(?![\p{L}\p{N}])/gu, "lần tới"],
  // "roi vao ngay nao" typed plain: rơi vào (a frame; "rồi" alone is a stopword, "vào" is not).
  [/(?<![\p{L}\p{N}])roi\s+vao(?=\s+(?:ngay|thu|thang|nam|dip|luc)(?![\p{L}\p{N}]))/gu, "rơi vào"],
  // "ít nhất 1 SP": the titles write a count of one in words ("ít nhất một sản phẩm").
  [/(?<![\p{L}\p{N}/.,])1(?=\s+(?:sản phẩm|san pham|sp)(?![\p{L}\p{N}]))/giu, "một"],
  // "định danh ĐT", "giao dịch ĐT": điện tử (elsewhere "ĐT" may be đào tạo, đầu tư).
  [
    /(?<![\p{L}\p{N}])((?:định|dinh)\s+(?:danh|dạnh)|(?:giao|gd)\s+(?:dịch|dich)|(?:thương|thuong)\s+(?:mại|mai)|(?:chính|chinh)\s+(?:quyền|quyen)|(?:hồ|ho)\s+(?:sơ|so)|(?:văn|van)\s+(?:bản|ban)|(?:chữ|chu)\s+(?:ký|ky)|(?:tài|tai)\s+(?:khoản|khoan))\s+(?:đt|dt)(?![\p{L}\p{N}])/giu,
    "$1 điện tử",
  ],
  // "hc hoàn thành sp": hạn chót.
  [
    /(?<![\p{L}\p{N}])hc(?=\s+(?:hoàn thành|hoan thanh|nộp|nop|sp|sản phẩm|san pham|nhiệm vụ|nhiem vu|nv)(?![\p{L}\p{N}]))/giu,
    "hạn chót",
  ],
  // "CĐ QG 2023", "CĐ năm 2023": chủ đề.
  [
    /(?<![\p{L}\p{N}])(?:cđ|cd)(?=\s+(?:qg|quốc gia|quoc gia|tỉnh|tinh|năm|nam|hành động|hanh dong|(?:19|20)\d\d)(?![\p{L}\p{N}])|\s*["“'‘])/giu,
    "chủ đề",
  ],
  // "ngày BH", "được BH": ban hành (elsewhere "bh" is bao giờ).
  [/(?<![\p{L}\p{N}])((?:ngày|ngay|được|duoc|đã|da|mới|moi))\s+bh(?![\p{L}\p{N}])/giu, "$1 ban hành"],
  [/(?<![\p{L}\p{N}])bh(?=\s+(?:không|khong|ko|k|chưa|chua)(?![\p{L}\p{N}]))/giu, "ban hành"],
  // "Trường CT": Trường Chính trị.
  [/(?<![\p{L}\p{N}])(tr[ưu][ờo]ng)\s+ct(?![\p{L}\p{N}])/giu, "$1 chính trị"],
  // "Tổ GV": Tổ Giúp việc.
  [/(?<![\p{L}\p{N}])(t[ổo])\s+gv(?![\p{L}\p{N}])/giu, "$1 giúp việc"],
  // "BT Bộ CA": bộ trưởng Bộ Công an; "KT số", "XH số": kinh tế số, xã hội số.
  [/(?<![\p{L}\p{N}])bt(?=\s+b[ộo](?![\p{L}\p{N}]))/giu, "bộ trưởng"],
  [/(?<![\p{L}\p{N}])(b[ộo])\s+ca(?![\p{L}\p{N}])/giu, "$1 công an"],
  [/(?<![\p{L}\p{N}])kt(?=\s+s[ốo](?![\p{L}\p{N}]))/giu, "kinh tế"],
  [/(?<![\p{L}\p{N}])xh(?=\s+s[ốo](?![\p{L}\p{N}]))/giu, "xã hội"],
  // "HT số": hạ tầng số; "sở ttt": Sở TT&TT with a letter dropped; "TT Ngày CĐS", "NV TT": tuyên
  // truyền (the same readings as expandAbbreviations').
  [/(?<![\p{L}\p{N}])ht(?=\s+s[ốo](?![\p{L}\p{N}]))/giu, "hạ tầng"],
  [/(?<![\p{L}\p{N}])(s[ởo]|s)\s+ttt(?![\p{L}\p{N}&])/giu, "$1 tttt"],
  [
    /(?<![\p{L}\p{N}])tt(?=\s+ng[àa]y\s+(?:cđs|cds|chuyển đổi số|chuyen doi so)(?![\p{L}\p{N}]))/giu,
    "tuyên truyền",
  ],
  [
    /(?<![\p{L}\p{N}])(nv|nhiệm vụ|nhiem vu|chủ trì|chu tri|phối hợp|phoi hop|ph)\s+tt(?=\s+(?!&)|$)/giu,
    "$1 tuyên truyền",
  ],
  // "văn bản trao đổi dạng ĐT", "giao dịch ĐT": điện tử (the same reading as expandAbbreviations').
  [
    /(?<![\p{L}\p{N}])(d[ạa]ng|v[ăa]n b[ảa]n|h[ồo] s[ơo]|giao d[ịi]ch|thanh to[áa]n|ch[íi]nh quy[ềe]n|th[ươu][ơo]ng m[ạa]i|h[óo]a [đd][ơo]n|[đd][ịi]nh danh|ch[ữu] k[ýy]|m[ôo]i tr[ườu][ờo]ng|c[ổo]ng|s[ứu]c kh[ỏo]e|b[ệe]nh [áa]n|h[ọo]c b[ạa])\s+(?:đt|dt)(?![\p{L}\p{N}])/giu,
    "$1 điện tử",
  ],
  // "có gì nói về …", "nhắc đến …": what is said about the words after ("nội vụ" is left alone).
  [/(?<![\p{L}\p{N}])(?:nói|noi|nhắc|nhac)\s+(?:về|ve|đến|den|tới|toi)(?![\p{L}\p{N}])/giu, "về"],
  // "Phó TB TT BĐH": phó trưởng ban thường trực.
  [/(?<![\p{L}\p{N}])(ph[oó])\s+tb(?![\p{L}\p{N}])/giu, "$1 trưởng ban"],
  [
    /(?<![\p{L}\p{N}])(tr[uư][oở]ng\s+ban|ph[oó]\s+ch[uủ]\s+t[iị]ch)\s+tt(?![\p{L}\p{N}&])/giu,
    "$1 thường trực",
  ],
];

function contextual(text: string): string {
  let s = text;
  for (const [re, to] of CONTEXTUAL) s = s.replace(re, to);
  return s;
}

/**
 * Words that name the same thing, written one way on both sides: "cả nước", "toàn quốc" are "quốc gia"
 * ("Ngày Chuyển đổi số cả nước" is the national one).
 */
const SAME_AS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ["ca", "nuoc"],
    ["quoc", "gia"],
  ],
  [
    ["toan", "quoc"],
    ["quoc", "gia"],
  ],
  // "chỉ số đánh giá chuyển đổi số cấp xã" is the "chỉ số CĐS cấp xã" officials type.
  [
    ["chi", "so", "danh", "gia"],
    ["chi", "so"],
  ],
];

/**
 * Syllables written with i or y alike ("tỉ lệ"/"tỷ lệ", "kí"/"ký", "quản lí"/"quản lý", "qui định"/"quy
 * định"): one spelling on both sides.
 */
const I_OR_Y: Readonly<Record<string, string>> = { ti: "ty", ki: "ky", li: "ly", qui: "quy" };

function sameAs(terms: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const iy = I_OR_Y[terms[i]!];
    if (iy) {
      out.push(iy);
      continue;
    }
    const hit = SAME_AS.find(([from]) => from.every((w, j) => terms[i + j] === w));
    if (!hit) {
      out.push(terms[i]!);
      continue;
    }
    out.push(...hit[1]);
    i += hit[0].length - 1;
  }
  return out;
}

export function searchTerms(text: string): string[] {
  return sameAs(rawSearchTerms(text));
}

function rawSearchTerms(text: string): string[] {
  const out: string[] = [];
  for (const tok of contentTokens(contextual(joinAmpersands(text)))) {
    const exp = abbreviationOf(tok);
    if (!exp) {
      out.push(tok);
      continue;
    }
    // (Read as typed words: "xhs" is "xa hoi so" with its "hoi", as "xa hoi so" typed would be.)
    for (const w of contentTokens(exp)) out.push(w);
  }
  return out;
}

/**
 * Words that say how to answer, not what about ("ai", "khi nào", "bao nhiêu", "ở đâu"): the intent
 * reads them; a search ignores them so they neither match nor count as missing.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  "ai gi nao dau sao bao nhieu may the nhu lam tai vi khi luc gio hien nay hom phai".split(" "),
);

/**
 * Whether the i-th of `terms` is a question word: "đầu" after "đứng", "hàng", "ban", "bắt" is a word of
 * its own ("người đứng đầu"), not "ở đâu".
 */
export function isQuestionWord(terms: readonly string[], i: number): boolean {
  const t = terms[i]!;
  if (!QUESTION_WORDS.has(t)) return false;
  // ("tài khoản", "tài chính": "tài" folds as the "tại" of "tại sao".)
  if (t === "tai" && /^(?:khoan|chinh|nguyen|san|tro|nang)$/.test(terms[i + 1] ?? "")) return false;
  return !(t === "dau" && /^(?:dung|hang|ban|bat)$/.test(terms[i - 1] ?? ""));
}

/**
 * Words that frame what is asked without naming what it is about ("xong", "bao lâu nữa", "phần trăm",
 * "thời gian", "khác nhau", "ghi", "nhắc"), and chat fillers ("ad", "vậy"): not matched and not counted
 * as missing, so "trung tâm dữ liệu quốc gia xây xong khi nào" is the task's words plus a frame.
 * Phrases first, longest first: "phần" and "thời" alone are topic words ("phân tích").
 */
const FRAME_PHRASES: readonly (readonly string[])[] = [
  "trong thoi gian",
  "tiep theo",
  "nam sau",
  "nam toi",
  "nam nay",
  "nam ngoai",
  "nam truoc",
  "lan toi",
  "ke tiep",
  "roi vao",
  "trong khoang thoi gian",
  "phan tram",
  "thoi gian",
  "thoi diem",
  "thoi han",
  // "hạn cuối …", "chậm nhất ngày nào": when it is due, asked, not words the task holds.
  "han cuoi cung",
  "han cuoi",
  "han chot",
  "cham nhat",
  "muon nhat",
  // "bây giờ ai chủ trì": now, which every answer says of today; so "sau hợp nhất", "sau sáp nhập".
  "bay gio",
  "sau khi hop nhat",
  "sau khi sap nhap",
  "sau hop nhat",
  "sau sap nhap",
  // "mốc thời gian của nhiệm vụ …": when it is due, asked.
  "moc thoi gian",
  "cot moc",
  "khac nhau",
  "giong nhau",
  "bao lau",
  "cam on",
  // "… được ban hành kèm (theo) quyết định nào": how it was issued, not what about.
  "kem theo",
  // "Quy chế … áp dụng cho giai đoạn nào": the span asked, which the entry writes ("giai đoạn 2021–2025").
  "ap dung giai doan",
  "ap dung trong giai doan",
  "ap dung thoi gian",
  "ap dung trong thoi gian",
  // "chào bạn, mình hỏi chút xíu về …": greeting and chat, not what about.
  "chao ban",
  "chut xiu",
  "chiu trach",
  "gan voi",
  "lien quan toi",
  "lien quan den",
  "lien quan",
  // "công tác tuyên truyền", "nội dung tuyên truyền": the work of propaganda is propaganda.
  "cong tac",
  // "năm 2022 Tổ … có gì thay đổi": asks what happened, the words name nothing.
  "thay doi",
  // Verbs of saying or judging: "Chủ tịch tỉnh xác định năm 2023 là năm gì" asks what was said.
  "xac dinh",
  "nhan dinh",
  "khang dinh",
  "nhan manh",
  // "nhiệm vụ về người đứng đầu yêu cầu làm những gì", "có đề cập …": what a text asks, not what about.
  "yeu cau",
  "de cap",
  // "cơ quan nào đứng ra tuyên truyền": who leads it (the intent reads that), not what about.
  "dung ra",
  "dam nhan",
  "dam nhiem",
  "de ra",
  "phat bieu",
  "nhan xet",
  "cum tu",
  // "văn bản mới nhất mà trợ lý nắm được": the assistant's own knowledge, not what about.
  "tro ly",
  "nam duoc",
  "biet duoc",
  "tim cum",
  // "tên đầy đủ của năm 2023": the name is what is asked, not a word the answer holds.
  "ten day du",
  "ten chinh thuc",
  "ten goi",
  "duoc goi la",
  "goi la",
  "cai gi",
  "tim giup",
  // "tra cứu giúp", "xem giúp em": a request's politeness, not what about.
  "tra cuu giup",
  "xem giup",
  "kiem tra giup",
  "check giup",
  "giup toi",
  "giup em",
  "giup minh",
  "giup voi",
  // "tìm thông tin NDXP", "số hiệu", "văn bản": what kind of answer is wanted, not what about.
  "tim thong tin",
  "tim kiem",
  // "các tt liên quan đến AI": tt is thông tin, what kind of answer is wanted.
  "tt lien quan den",
  "tt lien quan toi",
  "tt lien quan",
  "thong tin lien quan den",
  "thong tin lien quan",
  "xin thong tin",
  "cac thong tin",
  "so hieu",
  "van ban",
  // "sếp bảo tôi tìm hiểu xem …": who asked and how, not what about.
  "tim hieu",
  "tra cuu",
  // "gặp vấn đề gì": what went wrong, in the entry's own words ("gặp khó khăn").
  "gap van de",
  "van de",
  "sep bao",
  "tim cho",
  "dem giup",
  "cong bo",
  // "QĐ phê duyệt đề án …": the decision that approves it, the words name the đề án.
  "phe duyet",
  // "gồm những gì", "bao gồm": asks for the parts.
  "bao gom",
  "noi dung",
  // "phương châm của người đứng đầu", "năm 2023 có ý nghĩa thế nào": the kind of saying asked for.
  "phuong cham",
  "y nghia",
  // "tìm tất cả thông tin về Postmart", "nhằm mục đích gì", "nhằm vào đâu": the request and the purpose
  // asked, not words the entry holds.
  "tat ca",
  "nham muc dich",
  "muc dich",
  "nham vao",
  "nham",
]
  .map((p) => p.split(" "))
  .sort((a, b) => b.length - a.length);
const FRAME_WORDS: ReadonlySet<string> = new Set(
  "z v zay dzay sep het dem tim cai goi gom xong nua lau lai nhac ghi neu chiu nhiu bn ad admin vay oi nhe luon bang cung con den ta hong hem toi truoc ua uh uk um hello hi bot thanks thank ok pls please coi tks thks thx xiu chao kem search find".split(
    " ",
  ),
);

/** The search terms of a question: `searchTerms` without question words and frames. */
/** "trên nền tảng nào", "qua hệ thống gì": the kind of thing asked for, not a word the answer has. */
const ASKED_KIND =
  /(?<![\p{L}])(?:nền tảng|nen tang|hệ thống|he thong|phần mềm|phan mem|hình thức|hinh thuc|tổ chức|to chuc|bộ phận|bo phan|(?:cơ quan|co quan|bộ|bo)(?:\s+(?:ở\s+|o\s+)?(?:trung ương|trung uong|tw))?)\s+(?:nào|nao|gì|gi)(?:\s+(?:khác|khac))?(?:\s+(?:ở|o)\s+(?:trung ương|trung uong|tw))?(?![\p{L}])/giu;

/** "thông tin về định danh điện tử": what kind of answer is wanted ("về" is no search term to pair it by). */
// ("có thông tin gì về …", "tìm TT về …", "tìm ND về …": TT and ND read so only after the request.)
const INFO_ABOUT =
  /(?<![\p{L}])(?:(?:thông tin|thong tin|nội dung|noi dung)(?:\s+(?:gì|gi))?|(?<=(?:tìm|tim|tra cứu|tra cuu|xem|xin)\s+(?:các\s+|cac\s+)?)(?:tt|nd))\s+(?:về|ve)(?![\p{L}])/giu;

/** "tuyên truyền tới mức nào": the degree asked, which the entry says in its own words ("sâu sắc"). */
const DEGREE_ASKED =
  /(?<![\p{L}\p{N}])(?:(?:(?:tới|toi|ở|o|đến|den)\s+)?(?:mức|muc)(?:\s+(?:độ|do))?|(?:với|voi|bằng|bang)\s+(?:tinh thần|tinh than))\s+(?:nào|nao|gì|gi)(?![\p{L}\p{N}])/giu;

export function queryTerms(text: string): string[] {
  const terms = searchTerms(
    text.replace(ASKED_KIND, " ").replace(INFO_ABOUT, " ").replace(DEGREE_ASKED, " "),
  );
  const frames = frameIndices(terms);
  return withoutFrames(terms.filter((_, i) => !frames.has(i) && !isQuestionWord(terms, i)));
}

/** "cần hoàn thành", "cần phải": the verbs after which "cần" is a need, not "cán". */
const MODAL_NEXT = /^(?:hoan|lam|thuc|phai|trien|xay|dat|nop|gui|chuan|dam|phoi|chu)$/;
/** "trong năm", "trong quý": the spans after which "trong" is "in", not "trọng". */
const SPAN_NEXT = /^(?:nam|thang|quy|giai|tuan|dot|dip)$/;

/** The positions of `terms` that frame the question (see FRAME_PHRASES, FRAME_WORDS). */
export function frameIndices(terms: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < terms.length; i++) {
    const phrase = FRAME_PHRASES.find((p) => p.every((w, j) => terms[i + j] === w));
    // "bộ chỉ số", "bộ tiêu chí": a set of indicators, not a ministry ("Bộ Công an").
    if (terms[i] === "bo" && ((terms[i + 1] === "chi" && terms[i + 2] === "so") || terms[i + 1] === "tieu"))
      out.add(i);
    // "cần hoàn thành", "trong năm 2023": a need and a span, not what about ("cán bộ", "trọng tâm" stay).
    else if (terms[i] === "can" && MODAL_NEXT.test(terms[i + 1] ?? "")) out.add(i);
    else if (terms[i] === "trong" && SPAN_NEXT.test(terms[i + 1] ?? "")) out.add(i);
    else if (phrase) {
      for (let j = 0; j < phrase.length; j++) out.add(i + j);
      i += phrase.length - 1;
    } else if (FRAME_WORDS.has(terms[i]!)) out.add(i);
  }
  return out;
}

/**
 * The positions of `terms` covered by any of `phrases` (folded, split into words), longest first, left to
 * right: "chỉ đạo" taken as a phrase leaves the "chỉ" of "chỉ số" alone.
 */
export function phraseIndices(
  terms: readonly string[],
  phrases: readonly (readonly string[])[],
): Set<number> {
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const out = new Set<number>();
  for (let i = 0; i < terms.length; i++) {
    const phrase = sorted.find((p) => p.length > 0 && p.every((w, j) => terms[i + j] === w));
    if (!phrase) continue;
    for (let j = 0; j < phrase.length; j++) out.add(i + j);
    i += phrase.length - 1;
  }
  return out;
}

/** `terms` without the words and phrases that frame a question. */
export function withoutFrames(terms: readonly string[]): string[] {
  const frames = frameIndices(terms);
  return terms.filter((_, i) => !frames.has(i));
}

/**
 * The words of `text` whose search terms are `terms`, as typed (diacritics kept): "các nhiệm vụ về dữ
 * liệu" with terms ["du", "lieu"] → "dữ liệu". Falls back to the terms when the words do not cover them.
 */
export function typedWords(text: string, terms: string[]): string {
  // Each term as many times as the terms have it ("trọng tâm … trong năm": the one "trong" of the topic).
  const left = new Map<string, number>();
  for (const t of terms) left.set(t, (left.get(t) ?? 0) + 1);
  const words = clean(text)
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => {
      const own = w ? searchTerms(w).filter((t) => (left.get(t) ?? 0) > 0) : [];
      for (const t of own) left.set(t, left.get(t)! - 1);
      return own.length > 0;
    });
  const covered = new Set(words.flatMap((w) => searchTerms(w)));
  return terms.every((t) => covered.has(t)) ? words.join(" ") : terms.join(" ");
}

/**
 * The words of `text` as typed from the first to the last that gives one of `terms`, with the question
 * words between taken out, for quoting back to the asker: "đã cấp được bao nhiêu tài khoản định danh"
 * → "cấp tài khoản định danh" ("tài", a question word alone, stays inside the phrase, which
 * `typedWords` would drop). `typedWords` when the words do not give every term.
 */
export function typedPhrase(text: string, terms: string[]): string {
  const wanted = new Set(terms);
  const words = clean(text)
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  const hits = words.flatMap((w, i) => (searchTerms(w).some((t) => wanted.has(t)) ? [i] : []));
  if (!hits.length) return typedWords(text, terms);
  // ("tài khoản": "tài", read as the "tại" of "tại sao", opens the phrase.)
  const start = hits[0]! > 0 && fold(words[hits[0]! - 1]!) === "tai" ? hits[0]! - 1 : hits[0]!;
  const span = words.slice(start, hits.at(-1)! + 1).join(" ");
  const phrase = span.replace(ASKED_IN_PHRASE, " ").replace(/\s+/g, " ").trim();
  const covered = new Set(searchTerms(phrase));
  return phrase && terms.every((t) => covered.has(t)) ? phrase : typedWords(text, terms);
}

/** Question words inside a quoted phrase ("được bao nhiêu", "là gì"), typed with or without marks. */
const ASKED_IN_PHRASE =
  /(?<![\p{L}\p{N}])(?:(?:đã|da)\s+)?(?:(?:được|duoc)\s+)?(?:bao\s+nhiêu|bao\s+nhieu|bn|mấy|là\s+gì|la\s+gi|những\s+gì|gì|nào)(?![\p{L}\p{N}])/giu;

/**
 * The words of `text` as typed whose search terms are the kept positions of `searchTerms(text)`: "cơ quan
 * nào đã xong việc quán triệt chủ đề" keeping "quán triệt chủ đề" keeps neither "cơ" nor the "quan" of
 * "cơ quan" (which `typedWords`, matching by the words alone, would). Undefined when the typed words do
 * not line up with the terms (an abbreviation written out into several, a glued word).
 */
export function typedWordsAt(text: string, keep: (i: number) => boolean): string | undefined {
  const all = searchTerms(text);
  const words = clean(text)
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  if (words.length > 80) return undefined;
  // Each word's terms are those it adds to the words before it (a pair such as "cơ quan" is read whole).
  const out: string[] = [];
  let at = 0;
  for (let k = 0; k < words.length; k++) {
    const upTo = searchTerms(words.slice(0, k + 1).join(" "));
    if (upTo.slice(0, at).some((t, j) => all[j] !== t)) return undefined;
    const own = upTo.length - at;
    if (own > 0 && upTo.slice(at).every((t, j) => all[at + j] === t && keep(at + j))) out.push(words[k]!);
    at = upTo.length;
  }
  return at === all.length ? out.join(" ") : undefined;
}
