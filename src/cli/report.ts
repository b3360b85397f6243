/**
 * `report`: the periodic progress report (tổng hợp tình hình thực hiện nhiệm vụ) as .xlsx, its numbers
 * as JSON, and the progress chart as PNG. Reads the knowledge as the bot sees it (shipped files plus the
 * secretariat's edits), without writing anything.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createApp, createLogger } from "../app/app.ts";
import { KnowledgeLoadError } from "../app/knowledge.ts";
import { ConfigError, loadConfig } from "../config.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import { buildOverview, overviewRulesFromConfig } from "../core/reports/overview.ts";
import { countsText } from "../core/reports/replies.ts";
import { formatViDate } from "../core/time.ts";
import { parsePeriodKind, progressReportData, progressReportXlsx } from "../report-files/progress-report.ts";
import { StoreError } from "../store/errors.ts";
import { CliError, type CliIo, type Command, flag, parseNow, str } from "./io.ts";

async function currentKnowledge(
  io: CliIo,
): Promise<{ kb: Knowledge; config: ReturnType<typeof loadConfig> }> {
  try {
    const config = loadConfig(io.env, resolve(".env"));
    const app = await createApp({
      config,
      readOnly: true,
      logger: createLogger({ LOG_LEVEL: "error" }, process.stderr),
    });
    try {
      return { kb: app.knowledge(), config };
    } finally {
      await app.close();
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof KnowledgeLoadError || e instanceof StoreError)
      throw new CliError(e.message);
    throw e;
  }
}

function write(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new CliError(`Không ghi được tệp “${path}” (${(e as NodeJS.ErrnoException).code ?? "lỗi"}).`);
  }
}

export const reportCommand: Command = {
  name: "report",
  usage: "report [--period thang|quy|nam] [--now <ISO>] [--out <tệp.xlsx>] [--json] [--chart <tệp.png>]",
  summary: "Báo cáo tổng hợp tình hình thực hiện nhiệm vụ (.xlsx, JSON) và biểu đồ tiến độ (PNG)",
  options: {
    period: { type: "string" },
    now: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
    chart: { type: "string" },
  },
  async run(args, io) {
    const periodArg = str(args, "period");
    const period = periodArg === undefined ? "thang" : parsePeriodKind(periodArg);
    if (!period) throw new CliError(`--period không hợp lệ: “${periodArg}” (chọn thang, quy hoặc nam).`, 2);
    const now = parseNow(str(args, "now"), "09:00", new Date());
    const { kb, config } = await currentKnowledge(io);
    const rules = overviewRulesFromConfig(config);
    const data = progressReportData(kb, { period, now, rules });

    const json = flag(args, "json");
    const outArg = str(args, "out");
    const out = outArg ?? (json ? undefined : `tong-hop-nhiem-vu-${period}-${data.asOf}.xlsx`);
    if (out) {
      write(out, await progressReportXlsx(data));
      if (!json) io.out(`Đã ghi báo cáo ${data.period.label}: ${out}`);
    }
    const chart = str(args, "chart");
    if (chart) {
      const overview = buildOverview(kb, data.asOf, { year: data.period.year, rules });
      if (overview.units.length === 0) {
        io.err(`Không vẽ biểu đồ: chưa có nhiệm vụ nào của năm ${data.period.year}.`);
      } else {
        // Loaded only when asked for: Vega and resvg take a moment to load.
        const { renderOverviewChart } = await import("../report-files/chart.ts");
        const img = await renderOverviewChart(overview);
        write(chart, img.png);
        if (!json) io.out(`Đã vẽ biểu đồ tiến độ (${img.width}×${img.height} điểm ảnh): ${chart}`);
      }
    }
    if (json) {
      io.out(JSON.stringify(data, null, 2));
      return 0;
    }
    io.out(
      [
        `Kỳ ${data.period.label}, số liệu đến ngày ${formatViDate(data.asOf)}:`,
        `${data.totals.total} nhiệm vụ — ${countsText(data.totals.counts, { all: true })}; ${data.totals.dueInPeriod} đến hạn trong kỳ.`,
        `${data.units.length} đơn vị chủ trì.`,
      ].join("\n"),
    );
    return 0;
  },
};
