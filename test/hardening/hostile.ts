/**
 * Hostile text for the fuzz tests (Telegram and Zalo): random Unicode from every plane, zero-width and
 * bidi controls, combining-mark stacks, emoji sequences, HTML/markdown injection, JS artefacts, control
 * characters, Vietnamese in NFC and NFD, and lengths around every limit (1,000 / 2,000 / 4,096 / 10,000).
 */
import type { Rng } from "./harness.ts";

export const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u034f"];
export const BIDI = [
  "\u200e",
  "\u200f",
  "\u061c",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
];
export const INJECTION = [
  "<b>",
  "</b>",
  "<i>",
  "</i>",
  "<b><i>",
  "</i></b>",
  '<a href="javascript:alert(1)">bấm</a>',
  "<a href='http://evil.example'>",
  "<a>",
  "</a>",
  "<code>",
  "<pre>",
  "<tg-spoiler>",
  "<blockquote>",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<",
  ">",
  "<<>>",
  "</",
  "<b",
  "&",
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&#0;",
  "&#x110000;",
  "&nbsp;",
  "&#",
  "*đậm*",
  "_nghiêng_",
  "__gạch__",
  "~gạch~",
  "`mã`",
  "```\nkhối\n```",
  "[liên kết](http://evil.example)",
  "||ẩn||",
  "\\",
  "%3A",
  "%25",
  "%",
  ":",
  "::",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an injection attempt, on purpose
  "${process.env}",
  "{{7*7}}",
  "undefined",
  "null",
  "[object Object]",
  "NaN",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "../../etc/passwd",
  "C:\\Windows\\system32",
  "'; DROP TABLE users; --",
  '"',
  "'",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\r",
  "\n\n\n",
  "\t",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\ufffd",
  "\ufffe",
  "\uffff",
];
export const VIETNAMESE = [
  "nhiệm vụ",
  "nhiệm vụ của tôi",
  "của Sở Thông tin và Truyền thông",
  "hạn chót",
  "sắp đến hạn",
  "quá hạn",
  "Kế hoạch 3609",
  "3609/KH-BĐHCĐS",
  "văn bản 3609",
  "Quyết định 56/QĐ-UBND",
  "TB 16",
  "thông báo 03-TB/BCĐCĐS",
  "chủ đề năm 2023",
  "chủ đề chuyển đổi số năm 2023 là gì?",
  "ai phụ trách",
  "Ngày Chuyển đổi số",
  "10/10",
  "30/9/2026",
  "ngày 30 tháng 9",
  "hủy",
  "xong",
  "tiếp",
  "trước",
  "Sở Tài chính",
  "UBND tỉnh",
  "Bộ Công an",
  "chỉ tiêu",
  "cuộc họp",
  "dữ liệu số",
  "xin chào",
  "cảm ơn",
  "1",
  "2",
  "9",
  "0",
  "99",
];
export const EMOJI = [
  "😀",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🇻🇳",
  "👍🏽",
  "🧑🏻‍💻",
  "❤️",
  "\u{1f9ff}",
  "🫠",
  "#️⃣",
  "\u{e0067}\u{e0062}",
];

/** A code point from one of many ranges (never a surrogate unless `lone` picks one). */
export function randomChar(r: Rng): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x00, 0x1f],
    [0xa0, 0xff],
    [0x100, 0x24f],
    [0x300, 0x36f],
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x590, 0x5ff],
    [0x600, 0x6ff],
    [0x900, 0x97f],
    [0xe00, 0xe7f],
    [0x1e00, 0x1eff],
    [0x2000, 0x206f],
    [0x3040, 0x30ff],
    [0x4e00, 0x9fff],
    [0xac00, 0xd7a3],
    [0xe000, 0xf8ff],
    [0xfb00, 0xfffd],
    [0x1f300, 0x1faff],
    [0x10000, 0x10ffff],
  ];
  if (r.chance(0.002)) return String.fromCharCode(r.int(0xd800, 0xdfff)); // a lone surrogate
  const [lo, hi] = r.pick(ranges);
  let cp = r.int(lo, hi);
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
  return String.fromCodePoint(cp);
}

/** "ơ" followed by many combining marks. */
function zalgo(r: Rng): string {
  let s = r.pick(["a", "ơ", "Đ", "x"]);
  const n = r.int(5, 60);
  for (let i = 0; i < n; i++) s += String.fromCodePoint(r.int(0x300, 0x36f));
  return s;
}

/** One piece of hostile text. */
export function piece(r: Rng): string {
  return r.weighted<() => string>([
    [5, () => randomChar(r)],
    [3, () => Array.from({ length: r.int(1, 12) }, () => randomChar(r)).join("")],
    [6, () => r.pick(VIETNAMESE)],
    [2, () => r.pick(VIETNAMESE).normalize("NFD")],
    [2, () => r.pick(VIETNAMESE).toUpperCase()],
    [5, () => r.pick(INJECTION)],
    [2, () => r.pick(ZERO_WIDTH)],
    [2, () => r.pick(BIDI)],
    [2, () => r.pick(EMOJI)],
    [1, () => zalgo(r)],
    [3, () => " "],
    [1, () => String(r.int(-1_000_000, 10_000_000_000))],
  ])();
}

/** Lengths to aim at: mostly short, sometimes at and around every limit. */
export function targetLength(r: Rng): number {
  return r.weighted<() => number>([
    [50, () => r.int(1, 40)],
    [15, () => r.int(40, 300)],
    [5, () => r.int(300, 1200)],
    [3, () => r.pick([999, 1000, 1001, 1999, 2000, 2001])],
    [2, () => r.pick([4095, 4096, 4097, 5000])],
    [2, () => 10_000],
  ])();
}

/** Hostile text of about `len` UTF-16 units (default: a random length). */
export function hostileText(r: Rng, len = targetLength(r)): string {
  if (len >= 1000 && r.chance(0.5)) {
    // Long texts: a repeated piece is enough, and fast.
    const p = piece(r) || "x";
    return p.repeat(Math.ceil(len / p.length)).slice(0, len);
  }
  let s = "";
  while (s.length < len) s += piece(r);
  return s.slice(0, Math.max(len, 1));
}

/** A question a user could type, with hostile bits mixed in (so answers that quote it are exercised). */
export function hostileQuestion(r: Rng): string {
  const parts = [r.pick(VIETNAMESE)];
  const n = r.int(0, 3);
  for (let i = 0; i < n; i++) parts.push(r.chance(0.5) ? piece(r) : r.pick(VIETNAMESE));
  return parts.join(r.pick([" ", "", "  ", "\n", "\u200b"]));
}
