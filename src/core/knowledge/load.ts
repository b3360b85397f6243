/**
 * Loading the knowledge base: YAML files → validated KnowledgeData, with every problem reported in
 * Vietnamese with its file, entry and field (for `kb check` and for start-up).
 *
 * `parseKnowledgeFiles` is pure (file name → text); `readKnowledgeDir` does the I/O.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, YAMLParseError } from "yaml";
import type { z } from "zod";
import { checkReferences } from "./references.ts";
import {
  COLLECTION_LABELS,
  COLLECTION_NAMES,
  COLLECTIONS,
  type CollectionName,
  holidaySchema,
  type KnowledgeData,
  provinceSchema,
} from "./schema.ts";

export const PROVINCE_FILE = "province.yaml";
export const HOLIDAYS_FILE = "holidays.yaml";

export interface Problem {
  file: string;
  /** "mục 3 (nv-abc)" — which entry, when the problem is in one. */
  entry?: string;
  /** "deadline.due" */
  field?: string;
  message: string;
  severity: "error" | "warning";
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.entry, p.field].filter(Boolean).join(" › ");
  return `${p.severity === "error" ? "Lỗi" : "Cảnh báo"}: ${where}: ${p.message}`;
}

export function emptyKnowledge(): KnowledgeData {
  return {
    province: { name: "", assistantName: "Trợ lý CĐS" },
    holidays: [],
    sources: [],
    units: [],
    unitGroups: [],
    bodies: [],
    people: [],
    documents: [],
    themes: [],
    tasks: [],
    meetings: [],
    indicators: [],
    targets: [],
  };
}

export function readKnowledgeDir(dir: string): Record<string, string> {
  if (!existsSync(dir)) throw new Error(`Không tìm thấy thư mục tri thức ${dir}`);
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".yaml") || name.endsWith(".yml")) files[name] = readFileSync(join(dir, name), "utf8");
  }
  return files;
}

function yamlProblem(file: string, err: unknown): Problem {
  if (err instanceof YAMLParseError) {
    const pos = err.linePos?.[0];
    return {
      file,
      message: `không đọc được YAML${pos ? ` (dòng ${pos.line}, cột ${pos.col})` : ""}: ${err.message.split("\n")[0]}`,
      severity: "error",
    };
  }
  return { file, message: `không đọc được tệp: ${String(err)}`, severity: "error" };
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((k) => (typeof k === "number" ? `[${k + 1}]` : String(k)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** Validates one entry; pushes problems; returns the parsed value or undefined. */
function validateEntry<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  index: number,
  problems: Problem[],
): z.infer<S> | undefined {
  const id = raw && typeof raw === "object" && "id" in raw ? String((raw as { id: unknown }).id) : undefined;
  const entry = `mục ${index + 1}${id ? ` (${id})` : ""}`;
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  for (const issue of res.error.issues) {
    problems.push({
      file,
      entry,
      field: fieldPath(issue.path) || undefined,
      message: issue.message,
      severity: "error",
    });
  }
  return undefined;
}

export interface LoadResult {
  data: KnowledgeData;
  problems: Problem[];
}

/** Parses and validates the knowledge files (name → YAML text). Never throws for bad content. */
export function parseKnowledgeFiles(files: Record<string, string>): LoadResult {
  const problems: Problem[] = [];
  const data = emptyKnowledge();
  const known = new Set<string>([
    PROVINCE_FILE,
    HOLIDAYS_FILE,
    ...COLLECTION_NAMES.map((c) => COLLECTIONS[c].file),
  ]);
  for (const name of Object.keys(files)) {
    if (!known.has(name)) {
      problems.push({
        file: name,
        message: "tệp không thuộc cơ sở tri thức, bị bỏ qua",
        severity: "warning",
      });
    }
  }

  const read = (file: string): unknown => {
    const text = files[file];
    if (text === undefined) return undefined;
    try {
      return parse(text, { prettyErrors: true });
    } catch (err) {
      problems.push(yamlProblem(file, err));
      return undefined;
    }
  };

  const province = read(PROVINCE_FILE);
  if (province === undefined && files[PROVINCE_FILE] === undefined) {
    problems.push({ file: PROVINCE_FILE, message: "thiếu tệp (tên tỉnh)", severity: "error" });
  } else if (province !== undefined) {
    const p = provinceSchema.safeParse(province);
    if (p.success) data.province = p.data;
    else
      for (const i of p.error.issues)
        problems.push({
          file: PROVINCE_FILE,
          field: fieldPath(i.path),
          message: i.message,
          severity: "error",
        });
  }

  const readList = (file: string): unknown[] => {
    const v = read(file);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      problems.push({
        file,
        message: "tệp phải là một danh sách (mỗi mục bắt đầu bằng “- ”)",
        severity: "error",
      });
      return [];
    }
    return v;
  };

  readList(HOLIDAYS_FILE).forEach((raw, i) => {
    const h = validateEntry(holidaySchema, raw, HOLIDAYS_FILE, i, problems);
    if (h) data.holidays.push(h);
  });

  for (const c of COLLECTION_NAMES) {
    const { file, schema } = COLLECTIONS[c];
    if (files[file] === undefined) {
      problems.push({ file, message: `thiếu tệp (${COLLECTION_LABELS[c]})`, severity: "warning" });
      continue;
    }
    const list = data[c] as unknown[];
    readList(file).forEach((raw, i) => {
      const v = validateEntry(schema as z.ZodType, raw, file, i, problems);
      if (v !== undefined) list.push(v);
    });
  }

  problems.push(...checkReferences(data));
  return { data, problems };
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** The file a collection is kept in, for messages. */
export function fileOf(c: CollectionName): string {
  return COLLECTIONS[c].file;
}
