/**
 * The provinces and centrally-run cities of Viet Nam before the 2025 merger (63) — the names officials
 * use when they compare: "DTI 2022 của Khánh Hòa", "Đà Nẵng đứng thứ mấy". Folded, for matching a folded
 * question; `provinceIn` returns the name as written here.
 */
import { fold } from "./normalize.ts";

const PROVINCES = [
  "An Giang",
  "Bà Rịa – Vũng Tàu",
  "Bạc Liêu",
  "Bắc Giang",
  "Bắc Kạn",
  "Bắc Ninh",
  "Bến Tre",
  "Bình Dương",
  "Bình Định",
  "Bình Phước",
  "Bình Thuận",
  "Cà Mau",
  "Cao Bằng",
  "Cần Thơ",
  "Đà Nẵng",
  "Đắk Lắk",
  "Đắk Nông",
  "Điện Biên",
  "Đồng Nai",
  "Đồng Tháp",
  "Gia Lai",
  "Hà Giang",
  "Hà Nam",
  "Hà Nội",
  "Hà Tĩnh",
  "Hải Dương",
  "Hải Phòng",
  "Hậu Giang",
  "Hòa Bình",
  "Hưng Yên",
  "Khánh Hòa",
  "Kiên Giang",
  "Kon Tum",
  "Lai Châu",
  "Lâm Đồng",
  "Lạng Sơn",
  "Lào Cai",
  "Long An",
  "Nam Định",
  "Nghệ An",
  "Ninh Bình",
  "Ninh Thuận",
  "Phú Thọ",
  "Phú Yên",
  "Quảng Bình",
  "Quảng Nam",
  "Quảng Ngãi",
  "Quảng Ninh",
  "Quảng Trị",
  "Sóc Trăng",
  "Sơn La",
  "Tây Ninh",
  "Thái Bình",
  "Thái Nguyên",
  "Thanh Hóa",
  "Thừa Thiên Huế",
  "Tiền Giang",
  "TP. Hồ Chí Minh",
  "Trà Vinh",
  "Tuyên Quang",
  "Vĩnh Long",
  "Vĩnh Phúc",
  "Yên Bái",
] as const;

const AMBIGUOUS: ReadonlySet<string> = new Set([
  "Nam Định",
  "Quảng Nam",
  "Gia Lai",
  "Cao Bằng",
  "Hòa Bình",
  "Long An",
  "Sơn La",
  "Hà Nam",
]);

const FOLDED: readonly { name: string; re: RegExp }[] = PROVINCES.map((name) => {
  const words = fold(name)
    .replace(/^tp\.\s*/, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .trim()
    .split(/\s+/);
  // Names that are also common words once folded ("hằng năm định kỳ", "hòa bình") count after "tỉnh".
  const prefix = AMBIGUOUS.has(name) ? "tinh\\s+" : "";
  return { name, re: new RegExp(`(?:^|[^a-z0-9])${prefix}${words.join("\\s+")}(?![a-z0-9])`) };
});

/**
 * The first province named in `folded` (lowercase, no diacritics) other than those in `except` (folded
 * names, e.g. the knowledge's own province), or undefined.
 */
export function provinceIn(
  folded: string,
  except: readonly string[] = [],
  typed?: string,
): string | undefined {
  const skip = new Set(except.map((e) => fold(e)));
  for (const p of FOLDED) {
    if (skip.has(fold(p.name))) continue;
    if (p.re.test(folded) && (typed === undefined || typedAsProvince(typed, p.name))) return p.name;
  }
  return undefined;
}

/**
 * Whether `typed` writes the province's name as a name: a word of it without marks or with its own
 * ("lam dong", "Lâm Đồng", "Bình Đinh"); "làm động lực" folds to the same words but writes every one
 * otherwise.
 */
function typedAsProvince(typed: string, name: string): boolean {
  const own = name
    .replace(/^TP\.\s*/, "")
    .toLowerCase()
    .normalize("NFC")
    .split(/\s+/);
  const words =
    typed
      .toLowerCase()
      .normalize("NFC")
      .match(/[\p{L}\p{M}]+/gu) ?? [];
  const target = own.map((w) => fold(w));
  for (let i = 0; i + own.length <= words.length; i++) {
    const run = words.slice(i, i + own.length);
    if (!run.every((w, k) => fold(w) === target[k])) continue;
    // (One word written as the name writes it, or without marks, is enough: "Bình Đinh".)
    if (run.some((w, k) => w === own[k] || w === fold(w))) return true;
  }
  // (Not found word for word, an abbreviation or a glued name: as the folded text says.)
  return !words.some((_, i) => own.every((_, k) => fold(words[i + k] ?? "") === target[k]));
}

/** The centrally-run cities among `PROVINCES` (TP. Hồ Chí Minh is written with its "TP." here). */
const CITIES: ReadonlySet<string> = new Set(["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "TP. Hồ Chí Minh"]);

/** A name from `provinceIn` as a sentence says it: "thành phố Đà Nẵng", "tỉnh Khánh Hòa". */
export function provinceLabel(name: string): string {
  const bare = name.replace(/^TP\.\s*/, "");
  return CITIES.has(name) ? `thành phố ${bare}` : `tỉnh ${bare}`;
}
