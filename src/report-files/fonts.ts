/**
 * The font charts are drawn with: Be Vietnam Pro (SIL Open Font License), designed for Vietnamese,
 * taken as TTF files from the npm package @expo-google-fonts/be-vietnam-pro (resvg needs TTF/OTF, not
 * WOFF2). No system font is used, so a chart looks the same on every machine.
 *
 * Vega lays a chart out before it is drawn and needs text widths for that; without a browser canvas it
 * only guesses (0.8 × font size per character, far too wide). `measureText` reads the real advance
 * widths from the font files (the TTF `cmap`, `hmtx`, `hhea` and `head` tables), so labels are placed
 * and cut where they will really end.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export const CHART_FONT_FAMILY = "Be Vietnam Pro";

const FONT_PACKAGE = "@expo-google-fonts/be-vietnam-pro";
const FILES = {
  regular: "400Regular/BeVietnamPro_400Regular.ttf",
  bold: "600SemiBold/BeVietnamPro_600SemiBold.ttf",
} as const;

export type FontWeightName = keyof typeof FILES;

let paths: Record<FontWeightName, string> | undefined;

/** Absolute paths of the font files (regular, semi-bold). Throws a Vietnamese message when missing. */
export function chartFontFiles(): Record<FontWeightName, string> {
  if (paths) return paths;
  const require = createRequire(import.meta.url);
  try {
    paths = {
      regular: require.resolve(`${FONT_PACKAGE}/${FILES.regular}`),
      bold: require.resolve(`${FONT_PACKAGE}/${FILES.bold}`),
    };
  } catch {
    throw new Error(`Không tìm thấy phông chữ cho biểu đồ (gói ${FONT_PACKAGE}); chạy “npm install”.`);
  }
  return paths;
}

/** Advance widths of one TrueType/OpenType font. */
export class FontMetrics {
  private readonly view: DataView;
  private readonly unitsPerEm: number;
  private readonly numberOfHMetrics: number;
  private readonly hmtx: number;
  private readonly cmap: (cp: number) => number;
  private readonly cache = new Map<number, number>();

  constructor(buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const tables = new Map<string, number>();
    const numTables = this.view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(...buf.subarray(rec, rec + 4));
      tables.set(tag, this.view.getUint32(rec + 8));
    }
    const need = (tag: string) => {
      const off = tables.get(tag);
      if (off === undefined) throw new Error(`font has no ${tag} table`);
      return off;
    };
    this.unitsPerEm = this.view.getUint16(need("head") + 18);
    this.numberOfHMetrics = this.view.getUint16(need("hhea") + 34);
    this.hmtx = need("hmtx");
    this.cmap = this.readCmap(need("cmap"));
  }

  private readCmap(base: number): (cp: number) => number {
    const v = this.view;
    const n = v.getUint16(base + 2);
    let fmt4: number | undefined;
    let fmt12: number | undefined;
    for (let i = 0; i < n; i++) {
      const rec = base + 4 + i * 8;
      const platform = v.getUint16(rec);
      const encoding = v.getUint16(rec + 2);
      const sub = base + v.getUint32(rec + 4);
      const format = v.getUint16(sub);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      if (format === 12) fmt12 ??= sub;
      else if (format === 4) fmt4 ??= sub;
    }
    if (fmt12 !== undefined) {
      const sub = fmt12;
      const groups = v.getUint32(sub + 12);
      return (cp) => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const g = sub + 16 + mid * 12;
          const start = v.getUint32(g);
          const end = v.getUint32(g + 4);
          if (cp < start) hi = mid - 1;
          else if (cp > end) lo = mid + 1;
          else return v.getUint32(g + 8) + (cp - start);
        }
        return 0;
      };
    }
    if (fmt4 !== undefined) {
      const sub = fmt4;
      const segX2 = v.getUint16(sub + 6);
      const ends = sub + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      return (cp) => {
        if (cp > 0xffff) return 0;
        for (let i = 0; i < segX2; i += 2) {
          if (cp > v.getUint16(ends + i)) continue;
          const start = v.getUint16(starts + i);
          if (cp < start) return 0;
          const delta = v.getUint16(deltas + i);
          const ro = v.getUint16(ranges + i);
          if (ro === 0) return (cp + delta) & 0xffff;
          const g = v.getUint16(ranges + i + ro + 2 * (cp - start));
          return g === 0 ? 0 : (g + delta) & 0xffff;
        }
        return 0;
      };
    }
    throw new Error("font has no Unicode cmap");
  }

  /** Advance width of a code point, in em. */
  advance(cp: number): number {
    let w = this.cache.get(cp);
    if (w === undefined) {
      const glyph = this.cmap(cp);
      const i = Math.min(glyph, this.numberOfHMetrics - 1);
      w = this.view.getUint16(this.hmtx + i * 4) / this.unitsPerEm;
      this.cache.set(cp, w);
    }
    return w;
  }

  /** Width of a text at a font size, in the same unit as the size (kerning left out). */
  width(text: string, fontSize: number): number {
    let em = 0;
    for (const ch of text.normalize("NFC")) em += this.advance(ch.codePointAt(0)!);
    return em * fontSize;
  }
}

let metrics: Record<FontWeightName, FontMetrics> | undefined;

export function chartFontMetrics(): Record<FontWeightName, FontMetrics> {
  if (metrics) return metrics;
  const files = chartFontFiles();
  metrics = {
    regular: new FontMetrics(readFileSync(files.regular)),
    bold: new FontMetrics(readFileSync(files.bold)),
  };
  return metrics;
}

/** Whether a Vega font weight is drawn with the bold file. */
export function isBold(weight: unknown): boolean {
  if (weight === "bold" || weight === "bolder") return true;
  const n = Number(weight);
  return Number.isFinite(n) && n >= 600;
}

/** Width of a text as the chart font draws it. */
export function measureText(text: string, fontSize: number, weight?: unknown): number {
  const m = chartFontMetrics();
  return (isBold(weight) ? m.bold : m.regular).width(text, fontSize);
}
