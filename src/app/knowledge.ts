/**
 * The shipped knowledge/ folder, validated (a broken folder stops the program with a clear message),
 * and the functions that lay the secretariat's edits over it. `applyEditsThatLoad` never lets an
 * edit take the assistant down: an entry that breaks the knowledge (a reference to nothing, a
 * knowledge or engine that does not build) is set aside and named, the others apply.
 */
import { resolve } from "node:path";
import type { Config } from "../config.ts";
import type { Problem } from "../core/knowledge/load.ts";
import { formatProblem, hasErrors, parseKnowledgeFiles, readKnowledgeDir } from "../core/knowledge/load.ts";
import { Knowledge } from "../core/knowledge/model.ts";
import { checkReferences } from "../core/knowledge/references.ts";
import {
  COLLECTION_NAMES,
  COLLECTIONS,
  type CollectionName,
  type KnowledgeData,
} from "../core/knowledge/schema.ts";
import { applyOverlay, HOLIDAYS_ID, type Overlay, type SetAsideEdit } from "../store/knowledge-edits.ts";

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

/** One overlay entry: an entity or a tombstone of a collection, or the holiday list. */
interface Entry {
  collection: CollectionName | "holidays";
  id: string;
  value: unknown;
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * The order entries are tried in when something does not load: what others refer to first (every
 * entry cites sources or documents; tasks, meetings and people refer to units, groups, bodies…).
 */
const ORDER: readonly CollectionName[] = (() => {
  const first: CollectionName[] = [
    "sources",
    "documents",
    "units",
    "unitGroups",
    "bodies",
    "people",
    "themes",
    "tasks",
    "meetings",
    "indicators",
    "targets",
  ];
  return [
    ...first.filter((c) => COLLECTION_NAMES.includes(c)),
    ...COLLECTION_NAMES.filter((c) => !first.includes(c)),
  ];
})();

const FILE_COLLECTION = new Map<string, CollectionName>(
  COLLECTION_NAMES.map((c) => [COLLECTIONS[c].file, c]),
);

const problemKey = (p: Problem) => `${p.file}\u0000${p.entry ?? ""}\u0000${p.field ?? ""}\u0000${p.message}`;

/** The overlay entry a reference problem is about ("mục 3 (t-1)" for a duplicate id). */
function problemEntry(p: Problem): string | undefined {
  const c = FILE_COLLECTION.get(p.file);
  if (!c || p.entry === undefined) return undefined;
  return keyOf(c, /\(([^)]+)\)$/.exec(p.entry)?.[1] ?? p.entry);
}

const describeProblem = (p: Problem, withEntry: boolean) =>
  `${withEntry ? `${p.file} › ${p.entry} › ` : ""}${p.field ? `${p.field}: ` : ""}${p.message}`;

function listProblems(problems: Problem[], withEntry: boolean): string {
  const more = problems.length - 3;
  return (
    problems
      .slice(0, 3)
      .map((p) => describeProblem(p, withEntry))
      .join("; ") + (more > 0 ? ` (và ${more} lỗi khác)` : "")
  );
}

/** Entries that refer to others of the same list come after them (ids found anywhere in the entry). */
function dependencyOrder(list: Entry[]): Entry[] {
  if (list.length < 2) return list;
  const byId = new Map(list.map((e) => [e.id, e]));
  const out: Entry[] = [];
  const seen = new Set<Entry>();
  const refs = (v: unknown, acc: Set<Entry>) => {
    if (typeof v === "string") {
      const e = byId.get(v);
      if (e) acc.add(e);
    } else if (Array.isArray(v)) for (const x of v) refs(x, acc);
    else if (v && typeof v === "object") for (const x of Object.values(v)) refs(x, acc);
  };
  const visit = (e: Entry) => {
    // Iterative depth-first walk: a long chain of parents must not overflow the stack.
    const stack: { e: Entry; deps: Entry[] }[] = [];
    const push = (x: Entry) => {
      seen.add(x);
      const acc = new Set<Entry>();
      refs(x.value, acc);
      acc.delete(x);
      stack.push({ e: x, deps: [...acc] });
    };
    push(e);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = top.deps.pop();
      if (next === undefined) {
        out.push(top.e);
        stack.pop();
      } else if (!seen.has(next)) push(next);
    }
  };
  for (const e of list) if (!seen.has(e)) visit(e);
  return out;
}

export interface EditsThatLoad<T> {
  /** What `build` made of the shipped knowledge with the edits that load. */
  built: T;
  /** The overlay entries left out, with the reason, in the order found. */
  setAside: SetAsideEdit[];
}

/**
 * The shipped knowledge with every overlay entry that loads. `build` makes what the caller needs of
 * a knowledge (a `Knowledge`, an answer engine) and throws when it cannot. When all entries load
 * (the usual case) this is one reference check and one `build`. Otherwise the entries are applied
 * one collection at a time, in the order of `ORDER`: a collection that loads with what was accepted
 * so far is accepted whole; an entry its reference problems name is set aside at once; what is left
 * is split in halves (a problem found elsewhere, a build that throws), so k bad entries among n cost
 * about k·log n checks, never an exponential search. Reference problems are checked first for every
 * collection (cheap), `build` only once they pass.
 *
 * A reference problem counts only when the shipped knowledge alone does not have it. If the shipped
 * knowledge alone does not build, `build`'s error is thrown.
 */
export function applyEditsThatLoad<T>(
  shipped: KnowledgeData,
  overlay: Overlay,
  build: (data: KnowledgeData) => T,
): EditsThatLoad<T> {
  const all: Entry[] = [];
  const byCollection = new Map<string, Entry[]>();
  if (overlay.holidays) all.push({ collection: "holidays", id: HOLIDAYS_ID, value: overlay.holidays });
  for (const c of ORDER) {
    const rec = (overlay.collections[c] ?? {}) as Record<string, unknown>;
    const list = dependencyOrder(Object.entries(rec).map(([id, value]) => ({ collection: c, id, value })));
    byCollection.set(c, list);
    all.push(...list);
  }
  if (all.length === 0) return { built: build(shipped), setAside: [] };

  /** The overlay restricted to `keys`, in its own order (added entries keep their place in lists). */
  const subset = (keys: ReadonlySet<string>): Overlay => {
    const collections: Record<string, Record<string, unknown>> = {};
    for (const [c, rec] of Object.entries(overlay.collections)) {
      const kept = Object.entries(rec ?? {}).filter(([id]) => keys.has(keyOf(c, id)));
      if (kept.length) collections[c] = Object.fromEntries(kept);
    }
    const out: Overlay = { collections: collections as Overlay["collections"] };
    if (overlay.holidays && keys.has(keyOf("holidays", HOLIDAYS_ID))) out.holidays = overlay.holidays;
    return out;
  };

  const baseline = new Set(
    checkReferences(shipped)
      .filter((p) => p.severity === "error")
      .map(problemKey),
  );
  type Attempt = { ok: true; built?: T } | { ok: false; problems: Problem[]; error?: string };
  const attempt = (keys: ReadonlySet<string>, withBuild: boolean): Attempt => {
    const data = applyOverlay(shipped, subset(keys));
    const problems = checkReferences(data).filter(
      (p) => p.severity === "error" && !baseline.has(problemKey(p)),
    );
    if (problems.length) return { ok: false, problems };
    if (!withBuild) return { ok: true };
    try {
      return { ok: true, built: build(data) };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, problems: [], error: message.split("\n")[0]!.slice(0, 200) };
    }
  };

  const first = attempt(new Set(all.map((e) => keyOf(e.collection, e.id))), true);
  if (first.ok) return { built: first.built as T, setAside: [] };

  const search = (withBuild: boolean, among?: ReadonlySet<string>) => {
    const accepted = new Set<string>();
    const candidates = (list: Entry[]) =>
      among ? list.filter((e) => among.has(keyOf(e.collection, e.id))) : list;
    const setAside: SetAsideEdit[] = [];
    const add = (list: Entry[]): void => {
      if (list.length === 0) return;
      const keys = new Set(accepted);
      for (const e of list) keys.add(keyOf(e.collection, e.id));
      const r = attempt(keys, withBuild);
      if (r.ok) {
        for (const e of list) accepted.add(keyOf(e.collection, e.id));
        return;
      }
      const own = new Map<string, Problem[]>();
      for (const p of r.problems) {
        const k = problemEntry(p);
        if (k !== undefined) own.set(k, [...(own.get(k) ?? []), p]);
      }
      const guilty = list.filter((e) => own.has(keyOf(e.collection, e.id)));
      if (guilty.length) {
        for (const e of guilty) {
          setAside.push({
            collection: e.collection,
            id: e.id,
            reason: listProblems(own.get(keyOf(e.collection, e.id))!, false),
          });
        }
        add(list.filter((e) => !guilty.includes(e)));
        return;
      }
      if (list.length === 1) {
        const e = list[0]!;
        const reason =
          r.error !== undefined
            ? `cơ sở tri thức không dựng được khi có mục này (${r.error})`
            : `${e.value === null ? "xoá mục này" : "mục này"} làm sai tham chiếu ở mục khác: ${listProblems(r.problems, true)}`;
        setAside.push({ collection: e.collection, id: e.id, reason });
        return;
      }
      const mid = Math.ceil(list.length / 2);
      add(list.slice(0, mid));
      add(list.slice(mid));
    };
    if (overlay.holidays) add(candidates([all[0]!]));
    for (const c of ORDER) add(candidates(byCollection.get(c) ?? []));
    return { accepted, setAside };
  };

  // References first (cheap), then building with what passed; if that throws, search again building.
  let found = search(false);
  let last = attempt(found.accepted, true);
  if (!last.ok) {
    const again = search(true, found.accepted);
    found = { accepted: again.accepted, setAside: [...found.setAside, ...again.setAside] };
    last = attempt(found.accepted, true);
  }
  if (!last.ok) {
    // Not expected (each accepted step built); fall back to the shipped knowledge alone.
    const setAside = all
      .filter((e) => found.accepted.has(keyOf(e.collection, e.id)))
      .map((e) => ({
        collection: e.collection,
        id: e.id,
        reason: "cơ sở tri thức không dựng được với các chỉnh sửa này cùng lúc",
      }));
    return { built: build(shipped), setAside: [...found.setAside, ...setAside] };
  }
  return { built: last.built as T, setAside: found.setAside };
}
