/**
 * The progress chart sent with the overview and the weekly digest: one horizontal stacked bar per unit
 * (tasks by status), the unit's name above its bar with a dot in its colour (đỏ/cam/xanh), the overdue
 * count at the right, worst units first.
 *
 * Vega-Lite spec (`overviewChartSpec`, pure) → Vega → SVG → PNG with resvg (Rust, prebuilt per platform:
 * no native build, no browser). Text is drawn with a bundled font (fonts.ts) so diacritics render the
 * same everywhere, and measured with that font's real widths for the layout.
 *
 * Sized for a phone: drawn on a 480-unit-wide canvas and rasterised at 2× (about 1000 px wide), so
 * 13-unit labels stay readable when a chat app scales the picture to the screen's width.
 */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { STATUS_LABELS, STATUS_ORDER, type TaskStatus } from "../core/deadlines/status.ts";
import type { Overview, UnitColour } from "../core/reports/overview.ts";
import { formatViDate } from "../core/time.ts";
import { CHART_FONT_FAMILY, chartFontFiles, measureText } from "./fonts.ts";

/** Segment colours: red for overdue, blue in progress, greens for done, grey without a deadline. */
export const STATUS_COLOURS: Readonly<Record<TaskStatus, string>> = {
  overdue: "#d32f2f",
  "in-progress": "#1e88e5",
  "no-deadline": "#b0bec5",
  "done-late": "#9ccc65",
  "done-on-time": "#2e7d32",
};

/** Text colour inside a segment (contrast with the segment). */
const INK: Readonly<Record<TaskStatus, string>> = {
  overdue: "#ffffff",
  "in-progress": "#ffffff",
  "no-deadline": "#263238",
  "done-late": "#1b3a0b",
  "done-on-time": "#ffffff",
};

export const UNIT_COLOURS: Readonly<Record<UnitColour, string>> = {
  red: "#d32f2f",
  orange: "#f57c00",
  green: "#2e7d32",
};

/** Short labels for the legend (the official wording, without the parenthesis). */
export const CHART_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  ...STATUS_LABELS,
  "no-deadline": "Chưa có hạn",
};

export interface ChartOptions {
  /** Units drawn at most, worst first (default 25). */
  maxUnits?: number;
  /** Title override. */
  title?: string;
  /** Logical width of the plot (default 480); the PNG is `scale` times larger. */
  width?: number;
  /** Rasterisation factor (default 2). */
  scale?: number;
}

const ROW = 44; // logical height of one unit (label + bar)
const FONT = 13;
const NAME_X = 14; // where a unit's name starts (after its coloured dot)

interface Datum {
  row: number;
  key: TaskStatus;
  status: string;
  n: number;
  x0: number;
  x1: number;
  mid: number;
  ink: string;
  /** Whether the count fits inside its segment. */
  showN: boolean;
}

function chartTitle(o: Overview): { text: string; subtitle: string } {
  const year = o.year !== undefined ? ` năm ${o.year}` : "";
  return {
    text: `Tiến độ thực hiện nhiệm vụ${year}`,
    subtitle: `Theo đơn vị chủ trì, đến ngày ${formatViDate(o.today)}`,
  };
}

/** The Vega-Lite spec of the chart (pure: no fonts, no rendering). */
export function overviewChartSpec(o: Overview, opts: ChartOptions = {}): TopLevelSpec {
  const width = opts.width ?? 480;
  const units = o.units.slice(0, opts.maxUnits ?? 25);
  const n = Math.max(units.length, 1);
  const maxTotal = Math.max(1, ...units.map((u) => u.total));
  const pxPerTask = width / maxTotal;

  const segments: Datum[] = [];
  const labels: { row: number; name: string; dot: string; right: string }[] = [];
  units.forEach((u, row) => {
    let x = 0;
    for (const key of STATUS_ORDER) {
      const count = u.counts[key];
      if (!count) continue;
      const text = String(count);
      segments.push({
        row,
        key,
        status: CHART_STATUS_LABELS[key],
        n: count,
        x0: x,
        x1: x + count,
        mid: x + count / 2,
        ink: INK[key],
        showN: count * pxPerTask >= measureTextSafe(text, 12, "bold") + 6,
      });
      x += count;
    }
    const right = u.counts.overdue ? `${u.counts.overdue} quá hạn / ${u.total}` : `${u.total} nhiệm vụ`;
    const room = width - NAME_X - measureTextSafe(right, 12) - 14;
    labels.push({
      row,
      name: fitText(u.unit.name.normalize("NFC"), room, FONT, 600),
      dot: UNIT_COLOURS[u.colour],
      right,
    });
  });

  const title = chartTitle(o);
  const rest = o.units.length - units.length;
  const t = o.totals;
  const shown = rest > 0 ? `; ${units.length}/${o.units.length} đơn vị cần chú ý nhất` : "";
  const subtitle = [title.subtitle, `Tổng ${t.total} nhiệm vụ, ${t.counts.overdue} quá hạn${shown}`];
  const y = (field: string) => ({
    field,
    type: "quantitative" as const,
    scale: { domain: [0, n], reverse: true, nice: false, zero: false },
    axis: null,
  });
  const xScale = { domain: [0, maxTotal], nice: false, zero: true };

  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width,
    height: n * ROW,
    padding: { left: 12, right: 16, top: 12, bottom: 12 },
    background: "#ffffff",
    title: {
      text: opts.title ?? title.text,
      subtitle,
      anchor: "start",
      fontSize: 17,
      fontWeight: 600,
      subtitleFontSize: 12,
      subtitleColor: "#455a64",
      offset: 10,
    },
    layer: [
      {
        data: { values: segments },
        transform: [
          { calculate: "datum.row + 0.42", as: "top" },
          { calculate: "datum.row + 0.9", as: "bottom" },
        ],
        mark: { type: "bar", stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          x: {
            field: "x0",
            type: "quantitative",
            scale: xScale,
            title: "Số nhiệm vụ",
            axis: { tickMinStep: 1 },
          },
          x2: { field: "x1" },
          y: y("top"),
          y2: { field: "bottom" },
          color: {
            field: "status",
            type: "nominal",
            scale: {
              domain: STATUS_ORDER.map((k) => CHART_STATUS_LABELS[k]),
              range: STATUS_ORDER.map((k) => STATUS_COLOURS[k]),
            },
            legend: {
              title: null,
              orient: "bottom",
              direction: "horizontal",
              columns: 2,
              symbolType: "square",
              symbolSize: 140,
              labelFontSize: 12,
              labelLimit: 240,
              columnPadding: 18,
              rowPadding: 6,
            },
          },
        },
      },
      {
        data: { values: segments },
        transform: [{ filter: "datum.showN" }, { calculate: "datum.row + 0.66", as: "middle" }],
        mark: { type: "text", fontSize: 12, fontWeight: 600, baseline: "middle", align: "center" },
        encoding: {
          x: { field: "mid", type: "quantitative", scale: xScale },
          y: y("middle"),
          text: { field: "n", type: "quantitative" },
          color: { field: "ink", type: "nominal", scale: null },
        },
      },
      {
        data: { values: labels },
        transform: [{ calculate: "datum.row + 0.2", as: "middle" }],
        mark: { type: "circle", size: 70, opacity: 1 },
        encoding: {
          x: { value: 5 },
          y: y("middle"),
          color: { field: "dot", type: "nominal", scale: null },
        },
      },
      {
        data: { values: labels },
        transform: [{ calculate: "datum.row + 0.2", as: "middle" }],
        mark: {
          type: "text",
          align: "left",
          baseline: "middle",
          fontSize: FONT,
          fontWeight: 600,
          color: "#212121",
        },
        encoding: { x: { value: NAME_X }, y: y("middle"), text: { field: "name", type: "nominal" } },
      },
      {
        data: { values: labels },
        transform: [{ calculate: "datum.row + 0.2", as: "middle" }],
        mark: { type: "text", align: "right", baseline: "middle", fontSize: 12, color: "#37474f" },
        encoding: { x: { value: width }, y: y("middle"), text: { field: "right", type: "nominal" } },
      },
    ],
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 400, gridColor: "#eceff1" },
    },
  } as TopLevelSpec;
}

/** The text, cut with "…" to fit a width (in the chart font). */
export function fitText(text: string, maxWidth: number, size: number, weight?: unknown): string {
  if (measureTextSafe(text, size, weight) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (measureTextSafe(`${chars.slice(0, mid).join("").trimEnd()}…`, size, weight) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join("").trimEnd()}…`;
}

function measureTextSafe(text: string, size: number, weight?: unknown): number {
  try {
    return measureText(text, size, weight);
  } catch {
    return 0.6 * size * text.length;
  }
}

// ---------------------------------------------------------------- rendering

interface VegaTextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: unknown;
}

let metricsInstalled = false;

/** Makes Vega measure text with the chart font (Vega's documented hook for canvas-less rendering). */
function installTextMetrics(): void {
  if (metricsInstalled) return;
  const tm = (vega as unknown as { textMetrics: { width: (item: VegaTextItem, text?: unknown) => number } })
    .textMetrics;
  // Raw widths: Vega's own truncation (mark `limit`) calls this with each candidate text.
  tm.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const raw = String(text ?? (Array.isArray(item.text) ? item.text.join(" ") : (item.text ?? ""))).trim();
    return size <= 0 || !raw ? 0 : measureText(raw, size, item.fontWeight);
  };
  metricsInstalled = true;
}

/** Vega spec → SVG, laid out with the chart font's metrics. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface ChartImage {
  png: Buffer;
  svg: string;
  width: number;
  height: number;
}

/** SVG → PNG with the bundled font only (no system fonts). */
export function svgToPng(svg: string, scale = 2): ChartImage {
  const files = chartFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: {
      fontFiles: [files.regular, files.bold],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
  });
  const img = resvg.render();
  return { png: img.asPng(), svg, width: img.width, height: img.height };
}

/** The overview as a PNG chart. */
export async function renderOverviewChart(o: Overview, opts: ChartOptions = {}): Promise<ChartImage> {
  const svg = await chartSvg(overviewChartSpec(o, opts));
  return svgToPng(svg, opts.scale ?? 2);
}
