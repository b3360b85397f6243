import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import { buildOverview } from "../../src/core/reports/overview.ts";
import {
  CHART_STATUS_LABELS,
  fitText,
  overviewChartSpec,
  renderOverviewChart,
  STATUS_COLOURS,
} from "../../src/report-files/chart.ts";
import { chartFontFiles, FontMetrics, measureText } from "../../src/report-files/fonts.ts";
import { illustrativePlan, knowledgeOf, PLAN_TODAY, task, unit } from "../core/reports/fixture.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk (it follows the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("chart PNG", () => {
  it("renders the illustrative plan as a phone-sized PNG", async () => {
    const o = buildOverview(illustrativePlan(), PLAN_TODAY);
    const img = await renderOverviewChart(o);
    const { width, height } = pngSize(img.png);
    expect({ width, height }).toEqual({ width: img.width, height: img.height });
    expect(width).toBeGreaterThanOrEqual(900);
    expect(width).toBeLessThanOrEqual(1100);
    // 8 units: taller than wide a little, far from Telegram's limits
    expect(height).toBeGreaterThan(600);
    expect(height).toBeLessThan(2000);
    expect(img.png.length).toBeGreaterThan(20_000);
    // Vietnamese text goes into the drawing as written, in the bundled font
    expect(img.svg).toContain("Sở Thông tin và Truyền thông");
    expect(img.svg).toContain("Tiến độ thực hiện nhiệm vụ");
    expect(img.svg).toContain("Đang thực hiện – trong hạn");
    expect(img.svg).toContain("Be Vietnam Pro");
  });

  it("renders the shipped knowledge", async () => {
    const kb = loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
    const img = await renderOverviewChart(buildOverview(kb, "2023-11-20", { year: 2023 }));
    const { width, height } = pngSize(img.png);
    expect(width).toBeGreaterThanOrEqual(900);
    expect(height).toBeGreaterThan(width);
    expect(height).toBeLessThan(4000);
  });

  it("cuts long unit names so the picture keeps its width", async () => {
    // Illustrative: 30 invented units, every third with a very long name
    const units = Array.from({ length: 30 }, (_, i) =>
      unit(
        `u${i}`,
        i % 3 ? `Sở số ${i}` : `Trung tâm Công nghệ thông tin và Truyền thông trực thuộc Sở số ${i}`,
      ),
    );
    const tasks = units.flatMap((u, i) =>
      Array.from({ length: 1 + (i % 7) }, (_, j) =>
        task(`${u.id}-${j}`, [u.id], j % 3 ? "2024-12-31" : "2024-05-01"),
      ),
    );
    const img = await renderOverviewChart(buildOverview(knowledgeOf(units, tasks), PLAN_TODAY));
    const { width, height } = pngSize(img.png);
    expect(width).toBeLessThanOrEqual(1100);
    expect(height).toBeLessThan(3000); // 25 units drawn, not 30
    expect(img.svg).toContain("Trung tâm Công nghệ thông tin và Truyền thông trực thu…");
    expect(img.svg).toContain("25/30 đơn vị cần chú ý nhất");
  });

  it("keeps at most maxUnits rows, worst first, and says so", () => {
    const o = buildOverview(illustrativePlan(), PLAN_TODAY);
    const spec = JSON.stringify(overviewChartSpec(o, { maxUnits: 3 }));
    expect(spec).toContain("UBND huyện Ninh Hải");
    expect(spec).not.toContain("Sở Y tế");
    expect(spec).toContain("3/8 đơn vị cần chú ý nhất");
  });
});

describe("chart font", () => {
  it("has a glyph for every Vietnamese letter the chart may show", () => {
    const m = new FontMetrics(readFileSync(chartFontFiles().regular));
    const letters =
      "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ" +
      "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ–…";
    for (const ch of letters) expect(m.advance(ch.codePointAt(0)!), ch).toBeGreaterThan(0.2);
    const labels = Object.values(CHART_STATUS_LABELS).join("");
    for (const ch of labels.replace(/\s/g, ""))
      expect(m.advance(ch.codePointAt(0)!), ch).toBeGreaterThan(0.1);
  });

  it("measures text by the font's real widths", () => {
    const w = measureText("Sở Thông tin và Truyền thông", 13);
    // Much narrower than Vega's guess without a canvas (0.8 × size per character = 291)
    expect(w).toBeGreaterThan(120);
    expect(w).toBeLessThan(230);
    expect(measureText("Đ", 13, 600)).toBeGreaterThan(measureText("i", 13));
    // Decomposed diacritics (NFD) measure like the composed letters the font draws
    expect(measureText("Truyền".normalize("NFD"), 20)).toBeCloseTo(measureText("Truyền", 20), 5);
    expect(measureText("ắ", 20)).toBeCloseTo(measureText("ă", 20), 1);
  });

  it("fits a text to a width with an ellipsis", () => {
    expect(fitText("Sở Y tế", 200, 13)).toBe("Sở Y tế");
    const cut = fitText("Trung tâm Công nghệ thông tin và Truyền thông", 150, 13, 600);
    expect(cut.endsWith("…")).toBe(true);
    expect(measureText(cut, 13, 600)).toBeLessThanOrEqual(150);
  });

  it("gives each status its own colour", () => {
    expect(new Set(Object.values(STATUS_COLOURS)).size).toBe(5);
  });
});
