/** The knowledge the assistant answers from: the shipped knowledge/ folder (plus, later, the secretariat's edits). */
import { resolve } from "node:path";
import type { Config } from "../config.ts";
import { formatProblem, hasErrors, parseKnowledgeFiles, readKnowledgeDir } from "../core/knowledge/load.ts";
import { Knowledge } from "../core/knowledge/model.ts";

export class KnowledgeLoadError extends Error {}

export function loadShippedKnowledge(config: Pick<Config, "KNOWLEDGE_DIR">): Knowledge {
  const dir = resolve(config.KNOWLEDGE_DIR);
  const { data, problems } = parseKnowledgeFiles(readKnowledgeDir(dir));
  if (hasErrors(problems)) {
    const errors = problems
      .filter((p) => p.severity === "error")
      .slice(0, 10)
      .map(formatProblem);
    throw new KnowledgeLoadError(
      `Cơ sở tri thức ở ${dir} có lỗi:\n${errors.join("\n")}\nChạy “npm run cli -- kb check” để xem đủ.`,
    );
  }
  return new Knowledge(data);
}
