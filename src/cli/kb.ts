/** `kb …` commands: check and list the knowledge base. */
import { join, resolve } from "node:path";
import { loadCurrentKnowledgeWithProblems } from "../app/app.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { formatProblem, hasErrors, parseKnowledgeFiles, readKnowledgeDir } from "../core/knowledge/load.ts";
import type { KnowledgeData } from "../core/knowledge/schema.ts";
import { formatViDate } from "../core/time.ts";
import { StoreError } from "../store/errors.ts";
import { describeSetAside, EDITS_FILE } from "../store/knowledge-edits.ts";
import { CliError, type Command, cliKnowledge, flag } from "./io.ts";

function knowledgeDir(args: { values: Record<string, unknown> }, env: NodeJS.ProcessEnv): string {
  const dir =
    typeof args.values["dir"] === "string" ? (args.values["dir"] as string) : loadConfig(env).KNOWLEDGE_DIR;
  return resolve(dir);
}

export const kbCheck: Command = {
  name: "kb check",
  usage: "kb check [--dir <thư mục>]",
  summary:
    "Kiểm tra cơ sở tri thức (knowledge/): lược đồ, mã tham chiếu, số hiệu trùng; và các chỉnh sửa của Tổ Giúp việc bị gác lại vì không nạp được",
  options: { dir: { type: "string" } },
  async run(args, io) {
    const dir = knowledgeDir(args, io.env);
    let files: Record<string, string>;
    try {
      files = readKnowledgeDir(dir);
    } catch (e) {
      throw new CliError((e as Error).message);
    }
    const { data, problems } = parseKnowledgeFiles(files);
    for (const p of problems) (p.severity === "error" ? io.err : io.out)(formatProblem(p));
    const counts = [
      `${data.units.length} đơn vị`,
      `${data.documents.length} văn bản`,
      `${data.tasks.length} nhiệm vụ`,
      `${data.people.length} người`,
      `${data.themes.length} chủ đề`,
      `${data.meetings.length} cuộc họp`,
      `${data.indicators.length} chỉ số`,
      `${data.targets.length} mục tiêu`,
    ].join(", ");
    if (hasErrors(problems)) {
      const n = problems.filter((p) => p.severity === "error").length;
      io.err(`Cơ sở tri thức có ${n} lỗi. Sửa các lỗi trên rồi chạy lại.`);
      return 1;
    }
    io.out(`Cơ sở tri thức hợp lệ (${dir}): ${counts}.`);
    return checkEdits(io, data);
  },
};

/**
 * The secretariat's edits in DATA_DIR over the checked knowledge: each one set aside because it does
 * not load is named (collection, id, reason), exit 1. Read-only: works while the bot runs.
 */
async function checkEdits(io: Parameters<Command["run"]>[1], shipped: KnowledgeData): Promise<number> {
  let dataDir: string;
  let problems: Awaited<ReturnType<typeof loadCurrentKnowledgeWithProblems>>["problems"];
  try {
    const config = loadConfig(io.env);
    dataDir = config.DATA_DIR;
    ({ problems } = await loadCurrentKnowledgeWithProblems(config, shipped));
  } catch (e) {
    if (e instanceof StoreError || e instanceof ConfigError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
  if (problems.length === 0) return 0;
  const file = join(dataDir, EDITS_FILE);
  for (const p of problems) io.err(`Lỗi: ${file} › ${describeSetAside(p)}`);
  io.err(
    `${problems.length} chỉnh sửa của Tổ Giúp việc bị gác lại: trợ lý vẫn chạy nhưng không dùng chúng; chúng được giữ nguyên trong tệp. ` +
      "Cách xử lý: hoàn tác thay đổi đã gây lỗi (npm run cli -- kb undo), sửa tệp, hoặc khôi phục bản sao lưu (npm run cli -- backup restore <tệp>).",
  );
  return 1;
}

export const kbList: Command = {
  name: "kb list",
  usage: "kb list units|tasks|documents [--json] [--dir <thư mục>]",
  summary: "Liệt kê đơn vị, nhiệm vụ hoặc văn bản (cơ sở tri thức cùng các chỉnh sửa của Tổ Giúp việc)",
  options: { json: { type: "boolean" }, dir: { type: "string" } },
  async run(args, io) {
    const what = args.positionals[0];
    if (what !== "units" && what !== "tasks" && what !== "documents") {
      throw new CliError(
        "Cần chọn một trong: units, tasks, documents. Ví dụ: npm run cli -- kb list tasks",
        2,
      );
    }
    const kb = await cliKnowledge(io.env, knowledgeDir(args, io.env));
    const list = kb.data[what];
    if (flag(args, "json")) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    const lines: string[] = [];
    if (what === "units") {
      for (const u of kb.data.units)
        lines.push(`${u.id}\t${u.name}${u.aliases.length ? ` (${u.aliases.join(", ")})` : ""}`);
    } else if (what === "documents") {
      for (const d of kb.data.documents)
        lines.push(`${d.id}\t${d.type} ${d.number}\t${formatViDate(d.date)}\t${d.issuer}`);
    } else {
      for (const t of kb.data.tasks) {
        const due = t.deadline.due ? formatViDate(t.deadline.due) : "—";
        lines.push(
          `${t.id}\t${t.title}\tchủ trì: ${kb.namesOf(t.lead).join("; ")}\thạn: ${t.deadline.text} (${due})`,
        );
      }
    }
    io.out(lines.length ? lines.join("\n") : "(trống)");
    return 0;
  },
};
