/**
 * The shipped knowledge/ folder, validated (a broken folder stops the program with a clear message),
 * and the one function that lays the secretariat's edits over it.
 */
import { resolve } from "node:path";
import type { Config } from "../config.ts";
import { formatProblem, hasErrors, parseKnowledgeFiles, readKnowledgeDir } from "../core/knowledge/load.ts";
import { Knowledge } from "../core/knowledge/model.ts";
import type { KnowledgeData } from "../core/knowledge/schema.ts";
import { applyOverlay, type Overlay } from "../store/knowledge-edits.ts";

export class KnowledgeLoadError extends Error {}

export function readShippedKnowledge(config: Pick<Config, "KNOWLEDGE_DIR">): KnowledgeData {
  const dir = resolve(config.KNOWLEDGE_DIR);
  let files: Record<string, string>;
  try {
    files = readKnowledgeDir(dir);
  } catch (e) {
    throw new KnowledgeLoadError((e as Error).message);
  }
  const { data, problems } = parseKnowledgeFiles(files);
  if (hasErrors(problems)) {
    const errors = problems
      .filter((p) => p.severity === "error")
      .slice(0, 10)
      .map(formatProblem);
    throw new KnowledgeLoadError(
      `Cơ sở tri thức ở ${dir} có lỗi:\n${errors.join("\n")}\nChạy “npm run cli -- kb check” để xem đủ.`,
    );
  }
  return data;
}

export function loadShippedKnowledge(config: Pick<Config, "KNOWLEDGE_DIR">): Knowledge {
  return new Knowledge(readShippedKnowledge(config));
}

/** The shipped knowledge with the secretariat's edits (the store's overlay) applied. */
export function knowledgeWithEdits(shipped: KnowledgeData, overlay: Overlay): Knowledge {
  return new Knowledge(applyOverlay(shipped, overlay));
}
