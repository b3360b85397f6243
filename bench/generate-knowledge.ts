/**
 * A generated knowledge base for measuring the answer engine at the size of a real province's plans:
 * `generateKnowledge({units: 500, documents: 2000, tasks: 10000, seed})`.
 *
 * - Deterministic: the same options give the same data (a seeded PRNG, no clock, no randomness else).
 * - Valid: every entry passes its schema (defaults written out, so the data equals its own parse) and the
 *   references hold (`validateKnowledge`).
 * - Realistic Vietnamese: "Sở Tài chính", "UBND huyện Phước Hòa", "Phòng Nội vụ huyện Phước Hòa",
 *   documents "1234/KH-UBND" with distinct numbers, deadlines "Quý II/2025", "30/6/2025", "Hằng năm 10/10",
 *   "Thường xuyên" (due dates computed from the text as imports do), tasks assigned to units and to groups.
 * - Never mistaken for real knowledge: every entry's only source is GENERATED_SOURCE_ID, whose title is
 *   "Dữ liệu sinh tự động cho đo hiệu năng". Names of places and people are made up.
 */
import { parseDeadline } from "../src/core/deadlines/due-date.ts";
import type { Problem } from "../src/core/knowledge/load.ts";
import { checkReferences } from "../src/core/knowledge/references.ts";
import {
  type Body,
  COLLECTION_NAMES,
  COLLECTIONS,
  type Deadline,
  type DocumentType,
  holidaySchema,
  type Indicator,
  type KDocument,
  type KnowledgeData,
  type Meeting,
  type Person,
  type Position,
  provinceSchema,
  type Target,
  type Task,
  type Theme,
  type Unit,
  type UnitGroup,
  type UnitKind,
} from "../src/core/knowledge/schema.ts";
import { fold } from "../src/core/text/normalize.ts";
import { addDays } from "../src/core/time.ts";

export const GENERATED_SOURCE_ID = "du-lieu-sinh-tu-dong";
export const GENERATED_SOURCE_TITLE = "Dữ liệu sinh tự động cho đo hiệu năng";

export interface GenerateOptions {
  units: number;
  documents: number;
  tasks: number;
  seed: number;
  /** Defaults scale with the units: max(5, units / 10). */
  people?: number;
  /** Defaults scale with the units: max(3, units / 20). */
  meetings?: number;
  /** Defaults scale with the documents: max(5, documents / 20). */
  targets?: number;
}

// ---------------------------------------------------------------- PRNG

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (!xs.length) throw new Error("pick from an empty list");
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of xs) {
      r -= w;
      if (r < 0) return v;
    }
    return xs[xs.length - 1]![0];
  }
  /** k distinct elements, in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const copy = [...xs];
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
}

// ---------------------------------------------------------------- words

/** Provincial departments: name, short aliases, document issuer code, pillar of work. */
const DEPARTMENTS: readonly { name: string; aliases: string[]; code: string; head: string }[] = [
  { name: "Sở Tài chính", aliases: ["STC"], code: "STC", head: "Giám đốc" },
  {
    name: "Sở Kế hoạch và Đầu tư",
    aliases: ["Sở KH&ĐT", "Sở KHĐT", "SKHĐT"],
    code: "SKHĐT",
    head: "Giám đốc",
  },
  { name: "Sở Nội vụ", aliases: ["SNV"], code: "SNV", head: "Giám đốc" },
  { name: "Sở Tư pháp", aliases: ["STP"], code: "STP", head: "Giám đốc" },
  { name: "Sở Công Thương", aliases: ["SCT"], code: "SCT", head: "Giám đốc" },
  {
    name: "Sở Nông nghiệp và Phát triển nông thôn",
    aliases: ["Sở NN&PTNT", "Sở Nông nghiệp", "SNNPTNT"],
    code: "SNNPTNT",
    head: "Giám đốc",
  },
  { name: "Sở Giao thông vận tải", aliases: ["Sở GTVT", "SGTVT"], code: "SGTVT", head: "Giám đốc" },
  { name: "Sở Xây dựng", aliases: ["SXD"], code: "SXD", head: "Giám đốc" },
  {
    name: "Sở Tài nguyên và Môi trường",
    aliases: ["Sở TN&MT", "Sở TNMT", "STNMT"],
    code: "STNMT",
    head: "Giám đốc",
  },
  {
    name: "Sở Lao động – Thương binh và Xã hội",
    aliases: ["Sở LĐ-TB&XH", "Sở Lao động Thương binh và Xã hội", "SLĐTBXH"],
    code: "SLĐTBXH",
    head: "Giám đốc",
  },
  {
    name: "Sở Văn hóa, Thể thao và Du lịch",
    aliases: ["Sở VH-TT&DL", "Sở Văn hóa Thể thao và Du lịch", "SVHTTDL"],
    code: "SVHTTDL",
    head: "Giám đốc",
  },
  {
    name: "Sở Khoa học và Công nghệ",
    aliases: ["Sở KH&CN", "Sở KHCN", "SKHCN"],
    code: "SKHCN",
    head: "Giám đốc",
  },
  {
    name: "Sở Giáo dục và Đào tạo",
    aliases: ["Sở GD&ĐT", "Sở GDĐT", "SGDĐT"],
    code: "SGDĐT",
    head: "Giám đốc",
  },
  { name: "Sở Y tế", aliases: ["SYT"], code: "SYT", head: "Giám đốc" },
  {
    name: "Sở Thông tin và Truyền thông",
    aliases: ["Sở TT&TT", "Sở TTTT", "STTTT"],
    code: "STTTT",
    head: "Giám đốc",
  },
  { name: "Sở Ngoại vụ", aliases: ["SNgV"], code: "SNGV", head: "Giám đốc" },
  { name: "Thanh tra tỉnh", aliases: ["Thanh tra"], code: "TTr", head: "Chánh Thanh tra" },
  {
    name: "Văn phòng UBND tỉnh",
    aliases: ["VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"],
    code: "VPUB",
    head: "Chánh Văn phòng",
  },
];

const BOARDS: readonly { name: string; aliases: string[] }[] = [
  { name: "Ban Dân tộc", aliases: ["Ban Dân tộc tỉnh"] },
  { name: "Ban Quản lý các khu công nghiệp", aliases: ["BQL các KCN", "Ban Quản lý KCN"] },
  { name: "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp", aliases: [] },
  { name: "Ban Quản lý Vườn quốc gia Núi Chúa", aliases: ["Vườn quốc gia Núi Chúa"] },
];

const BRANCHES: readonly { name: string; aliases: string[]; kind: UnitKind }[] = [
  { name: "Công an tỉnh", aliases: ["CA tỉnh"], kind: "nganh" },
  { name: "Bộ Chỉ huy Quân sự tỉnh", aliases: ["BCH Quân sự tỉnh"], kind: "nganh" },
  { name: "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", aliases: ["BĐBP tỉnh"], kind: "nganh" },
  { name: "Kho bạc Nhà nước tỉnh", aliases: ["KBNN tỉnh", "Kho bạc tỉnh"], kind: "nganh" },
  { name: "Cục Thuế tỉnh", aliases: ["Cục Thuế"], kind: "nganh" },
  { name: "Cục Thống kê tỉnh", aliases: ["Cục Thống kê"], kind: "nganh" },
  { name: "Bảo hiểm xã hội tỉnh", aliases: ["BHXH tỉnh"], kind: "nganh" },
  { name: "Ngân hàng Nhà nước – Chi nhánh tỉnh", aliases: ["NHNN chi nhánh tỉnh"], kind: "nganh" },
  { name: "Viettel tỉnh", aliases: ["Viettel"], kind: "nganh" },
  { name: "VNPT tỉnh", aliases: ["VNPT", "Viễn thông tỉnh"], kind: "nganh" },
  { name: "MobiFone tỉnh", aliases: ["MobiFone"], kind: "nganh" },
  { name: "Bưu điện tỉnh", aliases: ["Bưu điện"], kind: "nganh" },
  { name: "Công ty Điện lực tỉnh", aliases: ["Điện lực tỉnh", "PC tỉnh"], kind: "nganh" },
  { name: "Tòa án nhân dân tỉnh", aliases: ["TAND tỉnh"], kind: "nganh" },
  { name: "Viện Kiểm sát nhân dân tỉnh", aliases: ["VKSND tỉnh"], kind: "nganh" },
  { name: "Đài Phát thanh và Truyền hình tỉnh", aliases: ["Đài PT-TH tỉnh"], kind: "don-vi" },
  { name: "Báo tỉnh", aliases: [], kind: "don-vi" },
  { name: "Trường Chính trị tỉnh", aliases: [], kind: "don-vi" },
  { name: "Trung tâm Phục vụ hành chính công tỉnh", aliases: ["Trung tâm HCC tỉnh"], kind: "don-vi" },
  {
    name: "Trung tâm Công nghệ thông tin và Truyền thông",
    aliases: ["Trung tâm CNTT&TT"],
    kind: "don-vi",
  },
  { name: "Trung tâm Xúc tiến đầu tư, thương mại và du lịch", aliases: [], kind: "don-vi" },
  { name: "Trung tâm Kiểm soát bệnh tật tỉnh", aliases: ["CDC tỉnh"], kind: "don-vi" },
  { name: "Bệnh viện Đa khoa tỉnh", aliases: ["BVĐK tỉnh"], kind: "don-vi" },
  { name: "Trung tâm Lưu trữ lịch sử tỉnh", aliases: [], kind: "don-vi" },
  { name: "Trường Cao đẳng nghề tỉnh", aliases: [], kind: "don-vi" },
  { name: "Bộ Thông tin và Truyền thông", aliases: ["Bộ TT&TT"], kind: "trung-uong" },
  { name: "Bộ Công an", aliases: ["BCA"], kind: "trung-uong" },
];

/** Syllables of made-up place names ("Phước Hòa", "Tân Sơn"). */
const PLACE_FIRST = [
  "Phước",
  "Tân",
  "An",
  "Bình",
  "Hòa",
  "Vĩnh",
  "Mỹ",
  "Phú",
  "Long",
  "Xuân",
  "Thạnh",
  "Hải",
  "Sơn",
  "Quảng",
  "Đông",
  "Tây",
  "Bắc",
  "Nam",
  "Lâm",
  "Cà",
  "Thuận",
  "Nhơn",
  "Trà",
  "Lợi",
];
const PLACE_SECOND = [
  "Hòa",
  "Sơn",
  "Hải",
  "Lộc",
  "Thành",
  "Phong",
  "Tiến",
  "Hưng",
  "Thịnh",
  "Khánh",
  "Nghĩa",
  "Trung",
  "Điền",
  "Hậu",
  "Mỹ",
  "Hà",
  "Giang",
  "Lâm",
  "Ninh",
  "Vinh",
  "Chánh",
  "Dinh",
  "Thủy",
  "Minh",
];

const DISTRICT_OFFICES = [
  "Phòng Văn hóa và Thông tin",
  "Phòng Tài chính – Kế hoạch",
  "Phòng Nội vụ",
  "Phòng Giáo dục và Đào tạo",
  "Phòng Tài nguyên và Môi trường",
  "Phòng Nông nghiệp và Phát triển nông thôn",
  "Phòng Kinh tế và Hạ tầng",
  "Phòng Tư pháp",
  "Phòng Lao động – Thương binh và Xã hội",
  "Phòng Y tế",
  "Văn phòng HĐND và UBND",
  "Trung tâm Y tế",
  "Trung tâm Văn hóa – Thể thao",
];

const SCHOOL_NAMES = [
  "Nguyễn Trãi",
  "Lê Quý Đôn",
  "Trần Hưng Đạo",
  "Chu Văn An",
  "Phan Bội Châu",
  "Nguyễn Du",
  "Lý Thường Kiệt",
  "Tôn Đức Thắng",
  "Phan Chu Trinh",
  "Nguyễn Huệ",
  "Lê Lợi",
  "Trần Phú",
  "Quang Trung",
  "Hùng Vương",
  "Nguyễn Văn Trỗi",
  "Võ Thị Sáu",
  "Ngô Gia Tự",
  "Trường Chinh",
  "Phạm Văn Đồng",
  "Nguyễn Thị Minh Khai",
];

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Đàng",
  "Châu",
  "Lưu",
];
const MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Quốc", "Ngọc", "Đức", "Kim", "Bảo", "Công", "Thu"];
const GIVEN = [
  "An",
  "Cường",
  "Dũng",
  "Hạnh",
  "Hùng",
  "Hương",
  "Khoa",
  "Lan",
  "Mai",
  "Nga",
  "Phúc",
  "Quyên",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vân",
  "Yến",
  "Toàn",
  "Nhân",
  "Luân",
  "Diệp",
];

/** Topics of digital-transformation work, each with the DTI pillar (nhóm nhiệm vụ) it belongs to. */
const TOPICS: readonly (readonly [string, string])[] = [
  ["số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Chính quyền số"],
  ["cung cấp dịch vụ công trực tuyến toàn trình", "Chính quyền số"],
  ["sử dụng hệ thống quản lý văn bản và điều hành", "Chính quyền số"],
  ["sử dụng chữ ký số chuyên dùng trong gửi, nhận văn bản điện tử", "Chính quyền số"],
  ["vận hành Trung tâm giám sát, điều hành thông minh (IOC)", "Chính quyền số"],
  ["chế độ báo cáo trên Hệ thống thông tin báo cáo của tỉnh", "Chính quyền số"],
  ["thanh toán không dùng tiền mặt", "Kinh tế số"],
  ["đưa hộ sản xuất nông nghiệp lên sàn thương mại điện tử", "Kinh tế số"],
  ["truy xuất nguồn gốc nông sản", "Kinh tế số"],
  ["phát triển doanh nghiệp công nghệ số", "Kinh tế số"],
  ["phát triển du lịch thông minh", "Kinh tế số"],
  ["phổ cập kỹ năng số cho người dân", "Xã hội số"],
  ["hoạt động của tổ công nghệ số cộng đồng", "Xã hội số"],
  ["cấp và kích hoạt tài khoản định danh điện tử", "Xã hội số"],
  ["triển khai hồ sơ sức khỏe điện tử", "Xã hội số"],
  ["triển khai học bạ số trong trường phổ thông", "Xã hội số"],
  ["xây dựng cơ sở dữ liệu đất đai", "Dữ liệu số"],
  ["kết nối, chia sẻ dữ liệu qua nền tảng tích hợp LGSP", "Dữ liệu số"],
  ["công bố danh mục dữ liệu mở", "Dữ liệu số"],
  ["làm sạch dữ liệu dân cư theo Đề án 06", "Dữ liệu số"],
  ["phát triển hạ tầng cáp quang đến thôn, khu phố", "Hạ tầng số"],
  ["phủ sóng di động 4G, 5G", "Hạ tầng số"],
  ["chuyển hệ thống thông tin lên nền tảng điện toán đám mây", "Hạ tầng số"],
  ["lắp đặt camera giám sát an ninh trật tự", "Hạ tầng số"],
  ["bảo đảm an toàn thông tin mạng theo cấp độ", "An toàn thông tin mạng"],
  ["diễn tập ứng cứu sự cố an toàn thông tin", "An toàn thông tin mạng"],
  ["tuyên truyền về chuyển đổi số trên phương tiện thông tin đại chúng", "Nhận thức số"],
  ["hưởng ứng Ngày Chuyển đổi số quốc gia 10/10", "Nhận thức số"],
  ["bồi dưỡng kỹ năng số cho cán bộ, công chức", "Nhân lực số"],
  ["bố trí cán bộ chuyên trách công nghệ thông tin", "Nhân lực số"],
  ["ban hành quy chế quản lý, vận hành hệ thống thông tin", "Thể chế số"],
  ["bố trí kinh phí chi thường xuyên cho chuyển đổi số", "Thể chế số"],
];

const TASK_STEMS = [
  "Triển khai {t}",
  "Đẩy mạnh {t}",
  "Xây dựng kế hoạch {t}",
  "Tổ chức tập huấn về {t}",
  "Rà soát, đánh giá việc {t}",
  "Kiểm tra, đôn đốc {t}",
  "Báo cáo kết quả {t}",
  "Hướng dẫn các đơn vị {t}",
  "Tuyên truyền, phổ biến về {t}",
  "Bố trí nguồn lực cho {t}",
  "Hoàn thành chỉ tiêu {t}",
  "Tổng kết, rút kinh nghiệm {t}",
];

const PRODUCTS = [
  "Báo cáo kết quả thực hiện",
  "Kế hoạch được ban hành",
  "Hệ thống được đưa vào vận hành",
  "Cơ sở dữ liệu được cập nhật đầy đủ",
  "Danh sách đơn vị hoàn thành",
  "Tài liệu hướng dẫn",
];

const TYPE_CODES: Readonly<Record<DocumentType, string>> = {
  "Kế hoạch": "KH",
  "Thông báo": "TB",
  "Quyết định": "QĐ",
  "Nghị quyết": "NQ",
  "Chỉ thị": "CT",
  "Chương trình": "CTr",
  "Công văn": "",
  "Đề án": "ĐA",
  Luật: "",
  "Nghị định": "NĐ",
  "Thông tư": "TT",
  "Báo cáo": "BC",
};

const ROMAN = ["I", "II", "III", "IV"];

/** Onsets and rhymes (without tone) of made-up syllables, for communes and villages ("xã Lạc Tiến"). */
const ONSETS = "b c ch d đ g gi h kh l m n ng nh ph qu s t th tr v x _".split(" ");
const RHYMES = (
  "a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăt âc âm ân âng âp ât âu ây e em en eo et ê êch êm " +
  "ên ênh êu i ich iêm iên iêng iêp iêt iêu im in inh ip it iu o oa oai oan oang oanh oat oc oi om on ong op " +
  "ot ô ôc ôi ôm ôn ông ơ ơi ơm ơn u uân uât uc uê ui um un ung uôc uôi uôn uông uôt up ut uy uyên uyêt ư ưa " +
  "ưc ưng ươc ươi ươm ươn ương ưu"
).split(" ");
/** Tone marks (combining): huyền, sắc, ngã, hỏi, nặng; "" is the level tone. */
const TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];

/** Puts a tone mark on a rhyme's main vowel (simplified Vietnamese spelling rules). */
function withTone(rhyme: string, tone: string): string {
  if (!tone) return rhyme;
  const vowels = [...rhyme].map((c, i) => ({ c, i })).filter(({ c }) => /[aăâeêioôơuưy]/.test(c));
  if (!vowels.length) return rhyme;
  const marked = vowels.filter(({ c }) => /[ăâêôơư]/.test(c));
  const endsInVowel = /[aăâeêioôơuưy]$/.test(rhyme);
  const at =
    marked.length > 0
      ? marked[marked.length - 1]!.i
      : !endsInVowel || vowels.length === 1
        ? vowels[vowels.length - 1]!.i
        : vowels[vowels.length - 2]!.i;
  return (rhyme.slice(0, at + 1) + tone + rhyme.slice(at + 1)).normalize("NFC");
}

function syllable(rng: Rng): string {
  for (;;) {
    let onset = rng.pick(ONSETS);
    const rhyme = rng.pick(RHYMES);
    if (onset === "_") onset = "";
    if ((onset === "qu" || onset === "gi") && /^[uoiy]/.test(rhyme)) continue;
    const front = /^[eêiy]/.test(rhyme);
    if (onset === "c" && front) onset = "k";
    else if (onset === "g" && front) onset = "gh";
    else if (onset === "ng" && front) onset = "ngh";
    // Syllables ending in a stop (c, ch, p, t) take only the rising or the heavy tone.
    const stop = /(?:c|ch|p|t)$/.test(rhyme);
    const tone = stop ? rng.pick(["\u0301", "\u0323"]) : rng.pick(TONES);
    const s = onset + withTone(rhyme, tone);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
}

/** A made-up two-syllable place name: "Phước Thiện", "Lạc Tiến". */
function placeName(rng: Rng): string {
  return `${rng.chance(0.5) ? rng.pick(PLACE_FIRST) : syllable(rng)} ${syllable(rng)}`;
}

// ---------------------------------------------------------------- helpers

/** "Phòng Nội vụ huyện Phước Hòa" → "phong-noi-vu-huyen-phuoc-hoa", at most `max` characters. */
function slugify(text: string, max = 34): string {
  return (
    fold(text)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, max)
      .replace(/-+$/, "") || "muc"
  );
}

/** A slug id (a–z, 0–9, "-", ≤ 40 characters), made unique with a counter. */
function makeSlugger(): (text: string) => string {
  const used = new Set<string>();
  return (text) => {
    const base = slugify(text);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + rng.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

/** Each entry gets its own array (no sharing between entries). */
const src = (): string[] => [GENERATED_SOURCE_ID];

// ---------------------------------------------------------------- the generator

export function generateKnowledge(opts: GenerateOptions): KnowledgeData {
  const rng = new Rng(opts.seed);
  const slug = makeSlugger();
  const asOf = "2025-01-01";
  const units: Unit[] = [];
  const unitByName = new Map<string, Unit>();
  const addUnit = (
    name: string,
    kind: UnitKind,
    aliases: string[] = [],
    parent?: string,
  ): Unit | undefined => {
    if (units.length >= opts.units || unitByName.has(name)) return undefined;
    const u: Unit = { id: slug(name), name, kind, aliases, sources: src(), asOf };
    if (parent) u.parent = parent;
    units.push(u);
    unitByName.set(name, u);
    return u;
  };

  // Units: the province, its departments and branches, its districts, then district offices and schools.
  addUnit("UBND tỉnh", "ubnd", ["Ủy ban nhân dân tỉnh", "UBT"]);
  const deptCode = new Map<string, string>();
  for (const d of DEPARTMENTS) {
    const u = addUnit(d.name, "so", d.aliases);
    if (u) deptCode.set(u.id, d.code);
  }
  for (const b of BOARDS) addUnit(b.name, "ban", b.aliases);
  for (const b of BRANCHES) addUnit(b.name, b.kind, b.aliases);

  const districtCount = Math.max(2, Math.min(60, Math.round(opts.units * 0.06)));
  const placeNames = rng
    .sample(
      PLACE_FIRST.flatMap((a) => PLACE_SECOND.filter((b) => b !== a).map((b) => `${a} ${b}`)),
      districtCount,
    )
    .sort((a, b) => a.localeCompare(b, "vi"));
  const districts: { unit: Unit; place: string; label: string }[] = [];
  placeNames.forEach((place, i) => {
    const kind = i === 0 ? "thành phố" : i % 7 === 3 ? "thị xã" : "huyện";
    const kindUpper = kind === "thành phố" ? "Thành phố" : kind === "thị xã" ? "Thị xã" : "Huyện";
    const u = addUnit(`UBND ${kind} ${place}`, "huyen", [
      `Ủy ban nhân dân ${kind} ${place}`,
      `${kindUpper} ${place}`,
      `UBND ${place}`,
    ]);
    if (u) districts.push({ unit: u, place, label: `${kind} ${place}` });
  });
  // Communes of each district and their villages: named in tasks, as plans do.
  const communes = new Map<string, string[]>();
  const usedPlaces = new Set<string>();
  const freshPlace = () => {
    let p = placeName(rng);
    while (usedPlaces.has(p)) p = placeName(rng);
    usedPlaces.add(p);
    return p;
  };
  for (const d of districts) communes.set(d.unit.id, Array.from({ length: rng.int(8, 14) }, freshPlace));
  const villages = Array.from({ length: 1200 }, freshPlace);

  // District offices, round-robin over districts; schools in between.
  let school = 0;
  outer: for (const office of DISTRICT_OFFICES) {
    for (const d of districts) {
      if (units.length >= opts.units) break outer;
      addUnit(`${office} ${d.label}`, "don-vi", [], d.unit.id);
      if (school < SCHOOL_NAMES.length * 3 && rng.chance(0.12)) {
        const name = SCHOOL_NAMES[school % SCHOOL_NAMES.length]!;
        const where = school < SCHOOL_NAMES.length ? "" : ` ${d.label}`;
        addUnit(
          `Trường THPT ${name}${where}`,
          "don-vi",
          [],
          school < SCHOOL_NAMES.length ? undefined : d.unit.id,
        );
        school++;
      }
    }
  }
  // Still short (a very large request): communes' people's committees.
  for (let i = 0; units.length < opts.units && i < 100_000; i++) {
    const d = districts[i % districts.length]!;
    const place = `${rng.pick(PLACE_FIRST)} ${rng.pick(PLACE_SECOND)}`;
    addUnit(`UBND xã ${place} ${d.label}`, "don-vi", [], d.unit.id);
  }

  const provincial = units.filter((u) => u.kind !== "trung-uong");

  // Groups.
  const unitGroups: UnitGroup[] = [];
  const addGroup = (
    g: Omit<UnitGroup, "sources" | "asOf" | "all" | "kinds" | "members" | "aliases"> & Partial<UnitGroup>,
  ) => {
    const full: UnitGroup = {
      aliases: [],
      all: false,
      kinds: [],
      members: [],
      ...g,
      sources: src(),
      asOf,
    };
    if (!full.all && !full.kinds.length && !full.members.length) return;
    unitGroups.push(full);
  };
  addGroup({
    id: "cac-co-quan-don-vi-dia-phuong",
    name: "các cơ quan, đơn vị, địa phương",
    all: true,
    aliases: ["tất cả các đơn vị", "các sở, ban, ngành, địa phương", "mỗi cơ quan, đơn vị, địa phương"],
  });
  addGroup({
    id: "cac-so-ban-nganh",
    name: "các sở, ban, ngành",
    kinds: ["so", "ban", "nganh"],
    aliases: ["các sở ban ngành", "các sở, ngành"],
  });
  addGroup({
    id: "ubnd-cac-huyen-thanh-pho",
    name: "UBND các huyện, thị xã, thành phố",
    kinds: ["huyen"],
    aliases: ["UBND cấp huyện", "UBND các huyện", "các huyện, thành phố"],
  });
  const officesOf = (prefix: string) => units.filter((u) => u.name.startsWith(prefix)).map((u) => u.id);
  addGroup({
    id: "cac-phong-vhtt-cap-huyen",
    name: "các Phòng Văn hóa và Thông tin cấp huyện",
    aliases: ["Phòng VH&TT các huyện"],
    members: officesOf("Phòng Văn hóa và Thông tin"),
  });
  addGroup({
    id: "cac-trung-tam-y-te-cap-huyen",
    name: "các Trung tâm Y tế cấp huyện",
    members: officesOf("Trung tâm Y tế "),
  });
  addGroup({
    id: "cac-doanh-nghiep-vien-thong",
    name: "các doanh nghiệp viễn thông",
    aliases: ["các nhà mạng"],
    members: ["Viettel tỉnh", "VNPT tỉnh", "MobiFone tỉnh"].flatMap((n) => {
      const u = unitByName.get(n);
      return u ? [u.id] : [];
    }),
  });
  addGroup({
    id: "cac-truong-thpt",
    name: "các trường trung học phổ thông",
    aliases: ["các trường THPT"],
    members: officesOf("Trường THPT"),
  });
  addGroup({
    id: "to-cong-tac-de-an-06",
    name: "các thành viên Tổ công tác triển khai Đề án 06",
    members: rng.sample(provincial.slice(0, 40), 8).map((u) => u.id),
  });

  // Documents: distinct numbers.
  const documents: KDocument[] = [];
  const docNumbers = rng.sample(
    Array.from({ length: Math.max(999, opts.documents * 4) }, (_, i) => i + 1),
    opts.documents,
  );
  const depts = units.filter((u) => deptCode.has(u.id));
  for (let i = 0; i < opts.documents; i++) {
    const type = rng.weighted<DocumentType>([
      ["Kế hoạch", 30],
      ["Quyết định", 25],
      ["Công văn", 18],
      ["Thông báo", 10],
      ["Báo cáo", 8],
      ["Nghị quyết", 4],
      ["Chỉ thị", 3],
      ["Chương trình", 2],
    ]);
    const date = randomDate(rng, "2022-01-03", "2026-06-30");
    const year = Number(date.slice(0, 4));
    const who = rng.weighted<"tinh" | "so" | "huyen">([
      ["tinh", 45],
      ["so", depts.length ? 38 : 0],
      ["huyen", districts.length ? 17 : 0],
    ]);
    let issuer: string;
    let code: string;
    if (who === "so") {
      const d = rng.pick(depts);
      issuer = d.name;
      code = deptCode.get(d.id)!;
    } else if (who === "huyen") {
      issuer = rng.pick(districts).unit.name;
      code = "UBND";
    } else {
      issuer = "UBND tỉnh";
      code = "UBND";
    }
    const n = docNumbers[i]!;
    const typeCode = TYPE_CODES[type];
    const number =
      type === "Công văn"
        ? `${n}/${code}-${rng.pick(["VP", "KGVX", "KTTH", "CĐS", "NC"])}`
        : type === "Quyết định" && rng.chance(0.15)
          ? `${n}/${year}/QĐ-${code}`
          : `${n}/${typeCode}-${code}`;
    const [topic] = rng.pick(TOPICS);
    const summary =
      type === "Kế hoạch"
        ? rng.pick([
            `Kế hoạch ${topic} năm ${year}`,
            `Kế hoạch chuyển đổi số năm ${year} của ${issuer}`,
            `Kế hoạch triển khai ${topic} giai đoạn ${year}–${year + 2}`,
          ])
        : type === "Quyết định"
          ? rng.pick([
              `Quyết định ban hành Kế hoạch ${topic} năm ${year}`,
              `Quyết định thành lập Tổ công tác ${topic}`,
              `Quyết định phê duyệt danh mục nhiệm vụ chuyển đổi số năm ${year}`,
            ])
          : type === "Công văn"
            ? rng.pick([
                `Về việc đôn đốc ${topic}`,
                `Về việc báo cáo kết quả ${topic} quý ${rng.pick(ROMAN)}/${year}`,
                `Về việc hướng dẫn ${topic}`,
              ])
            : type === "Thông báo"
              ? `Thông báo kết luận của Chủ tịch ${issuer} về ${topic}`
              : type === "Báo cáo"
                ? `Báo cáo kết quả chuyển đổi số ${rng.pick(["6 tháng đầu năm", "năm", "quý III"])} ${year}`
                : `Về đẩy mạnh ${topic} giai đoạn ${year}–2030`;
    const doc: KDocument = {
      id: slug(`${typeCode || "cv"} ${n} ${year}`),
      number,
      type,
      date,
      issuer,
      summary,
      keyPoints: rng.chance(0.5)
        ? rng
            .sample(TOPICS, rng.int(1, 3))
            .map(([t]) => `Giao các cơ quan, đơn vị ${t}; báo cáo kết quả trước ngày 15/12/${year}.`)
        : [],
      relations: [],
      fullText: false,
      sources: src(),
      asOf: date,
    };
    if (documents.length && rng.chance(0.3)) {
      const target = rng.pick(documents);
      if (target.date <= date)
        doc.relations.push({ kind: rng.pick(["implements", "cites"]), target: target.id });
    }
    documents.push(doc);
  }

  // People: heads of units, some with a role in the steering bodies.
  const bodies: Body[] = [];
  const firstQd = documents.find((d) => d.type === "Quyết định");
  const addBody = (b: Omit<Body, "sources" | "asOf" | "aliases"> & Partial<Body>) => {
    const full: Body = { aliases: [], ...b, sources: src(), asOf };
    bodies.push(full);
    return full;
  };
  const bcd = addBody({
    id: "ban-chi-dao-cds-tinh",
    name: "Ban Chỉ đạo chuyển đổi số tỉnh",
    aliases: ["BCĐ CĐS tỉnh", "Ban Chỉ đạo CĐS tỉnh"],
    level: "provincial",
    ...(firstQd ? { establishedBy: firstQd.id } : {}),
    description: "Chỉ đạo, điều phối công tác chuyển đổi số của tỉnh.",
  });
  const bdh = addBody({
    id: "ban-dieu-hanh-cds-tinh",
    name: "Ban Điều hành chuyển đổi số tỉnh",
    aliases: ["BĐH CĐS tỉnh", "Ban Điều hành CĐS"],
    level: "provincial",
    parent: bcd.id,
  });
  addBody({
    id: "to-giup-viec-bdh-cds",
    name: "Tổ Giúp việc Ban Điều hành chuyển đổi số tỉnh",
    aliases: ["Tổ Giúp việc"],
    level: "provincial",
    parent: bdh.id,
  });
  for (const d of districts.slice(0, 10)) {
    addBody({
      id: slug(`ban chi dao cds ${d.label}`),
      name: `Ban Chỉ đạo chuyển đổi số ${d.label}`,
      level: "district",
      parent: bcd.id,
    });
  }

  const unitWords = new Set(units.map((u) => ` ${fold(u.name)} `));
  const clashes = (alias: string) => [...unitWords].some((n) => n.includes(` ${fold(alias)} `));
  const people: Person[] = [];
  const personNames = new Set<string>();
  const heads = rng.sample(
    units.filter((u) => u.kind !== "trung-uong"),
    opts.people ?? Math.max(5, Math.round(opts.units / 10)),
  );
  for (const [i, u] of heads.entries()) {
    let name = "";
    for (let tries = 0; tries < 50; tries++) {
      const n = `${rng.pick(FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
      if (!personNames.has(n) && !clashes(n.split(" ").slice(-2).join(" "))) {
        name = n;
        break;
      }
    }
    if (!name) continue;
    personNames.add(name);
    const title =
      u.kind === "huyen"
        ? `Chủ tịch ${u.name}`
        : u.kind === "ubnd"
          ? "Chủ tịch UBND tỉnh"
          : u.kind === "so"
            ? `${DEPARTMENTS.find((d) => d.name === u.name)?.head ?? "Giám đốc"} ${u.name}`
            : u.name.startsWith("Phòng")
              ? `Trưởng ${u.name}`
              : u.name.startsWith("Trường")
                ? `Hiệu trưởng ${u.name}`
                : `Giám đốc ${u.name}`;
    const positions: Position[] = [{ title, unit: u.id, sources: [] }];
    if (u.kind === "ubnd")
      positions.push({
        title: "Trưởng ban Chỉ đạo chuyển đổi số tỉnh",
        body: bcd.id,
        role: "head",
        sources: [],
      });
    else if (i < 12)
      positions.push({
        title: "Thành viên Ban Điều hành chuyển đổi số tỉnh",
        body: bdh.id,
        role: "member",
        sources: [],
      });
    people.push({ id: slug(name), name, positions, sources: src(), asOf });
  }
  for (const d of documents) if (people.length && rng.chance(0.6)) d.signer = rng.pick(people).name;

  // Themes, indicators.
  const themes: Theme[] = [];
  for (let y = 2022; y <= 2026; y++) {
    const [topic] = TOPICS[(y * 7) % TOPICS.length]!;
    themes.push({
      id: `chu-de-tinh-${y}`,
      year: y,
      scope: "provincial",
      body: bcd.id,
      title: `Đẩy mạnh ${topic}, tạo chuyển biến rõ nét về chuyển đổi số năm ${y}`,
      alsoKnownAs: [`Năm đẩy mạnh chuyển đổi số ${y}`],
      sources: src(),
      asOf: `${y}-01-15`,
    });
  }
  const PARTS = [
    "Chính quyền số",
    "Kinh tế số",
    "Xã hội số",
    "Chuyển đổi nhận thức",
    "Hạ tầng số",
    "Nhân lực số",
  ];
  const indicators: Indicator[] = [];
  for (let y = 2020; y <= 2025; y++) {
    indicators.push({
      id: `dti-${y}`,
      name: "DTI",
      fullName: "Chỉ số chuyển đổi số cấp tỉnh",
      year: y,
      value: Math.round((0.3 + rng.float() * 0.3) * 10_000) / 10_000,
      rank: rng.int(10, 55),
      of: 63,
      parts: PARTS.map((name) => ({
        name,
        value: Math.round((0.2 + rng.float() * 0.5) * 10_000) / 10_000,
        rank: rng.int(5, 63),
        of: 63,
      })),
      notes: [],
      sources: src(),
      asOf: `${y + 1}-06-30`,
    });
  }

  // Tasks.
  const leadPool = units.filter((u) => u.kind !== "trung-uong");
  const weightedLead: (readonly [Unit, number])[] = leadPool.map((u) => [
    u,
    u.kind === "so" ? 8 : u.kind === "huyen" ? 6 : u.kind === "ubnd" ? 2 : 1,
  ]);
  const groupIds = unitGroups.map((g) => g.id);
  const tasks: Task[] = [];
  const planDocs = documents.filter((d) => d.type === "Kế hoạch" || d.type === "Quyết định");
  for (let i = 0; i < opts.tasks; i++) {
    const doc = planDocs.length && rng.chance(0.85) ? rng.pick(planDocs) : undefined;
    const year = doc ? Math.min(2027, Number(doc.date.slice(0, 4)) + rng.int(0, 1)) : rng.int(2023, 2027);
    const [topic, pillar] = rng.pick(TOPICS);
    const leadKind = rng.weighted<"unit" | "two" | "group">([
      ["unit", 86],
      ["two", 4],
      ["group", groupIds.length ? 10 : 0],
    ]);
    const lead =
      leadKind === "group"
        ? [rng.pick(groupIds)]
        : leadKind === "two"
          ? [...new Set([rng.weighted(weightedLead).id, rng.weighted(weightedLead).id])]
          : [rng.weighted(weightedLead).id];
    const support = [
      ...new Set(
        Array.from(
          {
            length: rng.weighted([
              [0, 40],
              [1, 35],
              [2, 18],
              [3, 7],
            ] as const),
          },
          () => (rng.chance(0.15) && groupIds.length ? rng.pick(groupIds) : rng.weighted(weightedLead).id),
        ),
      ),
    ].filter((id) => !lead.includes(id));
    const leadUnit = units.find((u) => u.id === lead[0]);
    const suffix = rng.weighted<string>([
      ["", 40],
      [` năm ${year}`, 25],
      [leadUnit ? ` tại ${leadUnit.name}` : "", 15],
      [districts.length ? ` trên địa bàn ${rng.pick(districts).label}` : "", 8],
      [
        districts.length
          ? (() => {
              const d = rng.pick(districts);
              return ` tại xã ${rng.pick(communes.get(d.unit.id)!)}, ${d.label}`;
            })()
          : "",
        12,
      ],
      [` (đợt ${rng.int(1, 3)})`, 5],
    ]);
    const title = rng.pick(TASK_STEMS).replace("{t}", topic) + suffix;

    const form = rng.weighted<string>([
      ["quarter", 25],
      ["day", 20],
      ["month", 10],
      ["year", 10],
      ["half", 5],
      ["yearly", 8],
      ["quarterly", 4],
      ["monthly", 3],
      ["continuous", 15],
    ]);
    const m = rng.int(1, 12);
    const d = rng.int(1, 28);
    const text =
      form === "quarter"
        ? `Quý ${rng.pick(ROMAN)}/${year}`
        : form === "day"
          ? `${rng.chance(0.3) ? "Trước ngày " : ""}${d}/${m}/${year}`
          : form === "month"
            ? `Tháng ${m}/${year}`
            : form === "year"
              ? rng.pick([`Năm ${year}`, `Trong năm ${year}`])
              : form === "half"
                ? rng.pick([`6 tháng đầu năm ${year}`, `6 tháng cuối năm ${year}`])
                : form === "yearly"
                  ? rng.pick([`Hằng năm ${d}/${m}`, "Hằng năm 10/10", `Trước ngày ${d}/${m} hằng năm`])
                  : form === "quarterly"
                    ? "Hằng quý"
                    : form === "monthly"
                      ? "Hằng tháng, trước ngày 25"
                      : rng.pick(["Thường xuyên", "Thường xuyên, liên tục"]);
    const parsed = parseDeadline(text, { year });
    const deadline: Deadline = { text };
    if (parsed.due) deadline.due = parsed.due;
    if (parsed.recurrence) deadline.recurrence = parsed.recurrence;
    if (parsed.continuous) deadline.continuous = true;

    const task: Task = {
      id: `nv-${String(i + 1).padStart(5, "0")}-${slugify(topic, 24)}`,
      title,
      lead,
      support,
      deadline,
      group: pillar,
      year,
      progress: {},
      sources: src(),
      asOf: doc?.date ?? `${year}-01-01`,
    };
    if (doc) {
      task.document = doc.id;
      if (rng.chance(0.6)) task.clause = `Mục ${rng.pick(ROMAN)}.${rng.int(1, 12)}`;
    }
    if (rng.chance(0.3))
      task.details = `${cap(topic)} tại các thôn ${rng
        .sample(villages, rng.int(1, 3))
        .join(", ")}; bảo đảm đúng tiến độ, chất lượng và báo cáo kết quả về Sở Thông tin và Truyền thông.`;
    if (rng.chance(0.4)) task.product = rng.pick(PRODUCTS);
    if (deadline.due && rng.chance(0.25)) {
      task.progress.completedOn = addDays(deadline.due, -rng.int(0, 60));
    } else if (deadline.due && rng.chance(0.05)) {
      task.progress.extendedTo = addDays(deadline.due, rng.int(30, 120));
      task.progress.note = "Được gia hạn theo đề nghị của đơn vị chủ trì.";
    }
    tasks.push(task);
  }

  // Meetings.
  const meetings: Meeting[] = [];
  const chair = people.find((p) => p.positions.some((x) => x.body === bcd.id)) ?? people[0];
  const meetingCount = opts.meetings ?? Math.max(3, Math.round(opts.units / 20));
  const meetingDates = new Set<string>();
  for (let i = 0; i < meetingCount; i++) {
    let date = randomDate(rng, "2022-02-01", "2026-06-30");
    while (meetingDates.has(date)) date = addDays(date, 1);
    meetingDates.add(date);
    const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
    const [t1] = rng.pick(TOPICS);
    const [t2] = rng.pick(TOPICS);
    const m: Meeting = {
      id: `hop-bdh-${date}`,
      title: `Họp Ban Điều hành chuyển đổi số tỉnh quý ${ROMAN[q]}/${date.slice(0, 4)}`,
      date,
      time: rng.pick(["sáng", "chiều"]),
      body: bdh.id,
      attendees: rng.sample(provincial, 6).map((u) => ({ unit: u.id })),
      agenda: [`Đánh giá kết quả ${t1}`, `Bàn giải pháp ${t2}`],
      results: [`Tỷ lệ hồ sơ trực tuyến đạt ${rng.int(30, 95)}%`],
      shortcomings: [`Việc ${t2} còn chậm so với kế hoạch`],
      conclusions: [`Giao các sở, ngành, địa phương ${t2}; hoàn thành trong quý ${ROMAN[(q + 1) % 4]}`],
      documents: rng.sample(documents, 2).map((d) => d.id),
      sources: src(),
      asOf: date,
    };
    if (chair) {
      m.chair = chair.id;
      m.attendees.unshift({ person: chair.id });
    }
    meetings.push(m);
  }

  // Targets.
  const targets: Target[] = [];
  const targetCount = opts.targets ?? Math.max(5, Math.round(opts.documents / 20));
  for (let i = 0; i < targetCount; i++) {
    const [topic, pillar] = rng.pick(TOPICS);
    const year = rng.int(2023, 2030);
    const t: Target = {
      id: `muc-tieu-${String(i + 1).padStart(4, "0")}`,
      scope: "provincial",
      year,
      area: pillar,
      text: `Đến năm ${year}, ${rng.int(50, 100)}% cơ quan, đơn vị hoàn thành ${topic}`,
      sources: src(),
      asOf,
    };
    if (planDocs.length && rng.chance(0.7)) t.document = rng.pick(planDocs).id;
    targets.push(t);
  }

  const holidays = [2023, 2024, 2025, 2026, 2027].flatMap((y) => [
    { date: iso(y, 1, 1), name: "Tết Dương lịch", sources: [] },
    { date: iso(y, 4, 30), name: "Ngày Chiến thắng", sources: [] },
    { date: iso(y, 5, 1), name: "Ngày Quốc tế Lao động", sources: [] },
    { date: iso(y, 9, 2), name: "Quốc khánh", sources: [] },
  ]);

  return {
    province: { name: "Ninh Thuận", assistantName: "Trợ lý CĐS" },
    holidays,
    sources: [
      {
        id: GENERATED_SOURCE_ID,
        kind: "secretariat",
        title: GENERATED_SOURCE_TITLE,
        publisher: "Công cụ đo hiệu năng (bench/generate-knowledge.ts)",
        note: "Không phải tri thức thật: tên đơn vị, người, văn bản và nhiệm vụ đều được sinh ngẫu nhiên.",
      },
    ],
    units,
    unitGroups,
    bodies,
    people,
    documents,
    themes,
    tasks,
    meetings,
    indicators,
    targets,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------- validation

/**
 * What `parseKnowledgeFiles` checks, on data already in memory: the province, the holidays and every
 * entry of every collection against its schema (messages as the loader gives them), then the references.
 */
export function validateKnowledge(data: KnowledgeData): Problem[] {
  const problems: Problem[] = [];
  const push = (
    file: string,
    entry: string | undefined,
    issues: { path: PropertyKey[]; message: string }[],
  ) => {
    for (const issue of issues) {
      const p: Problem = {
        file,
        field: issue.path.map(String).join("."),
        message: issue.message,
        severity: "error",
      };
      if (entry) p.entry = entry;
      problems.push(p);
    }
  };
  const province = provinceSchema.safeParse(data.province);
  if (!province.success) push("province.yaml", undefined, province.error.issues);
  data.holidays.forEach((h, i) => {
    const r = holidaySchema.safeParse(h);
    if (!r.success) push("holidays.yaml", `mục ${i + 1}`, r.error.issues);
  });
  for (const c of COLLECTION_NAMES) {
    const { file, schema } = COLLECTIONS[c];
    (data[c] as { id?: string }[]).forEach((e, i) => {
      const r = schema.safeParse(e);
      if (!r.success) push(file, `mục ${i + 1} (${e.id ?? "?"})`, r.error.issues);
    });
  }
  problems.push(...checkReferences(data));
  return problems;
}
