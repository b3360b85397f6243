/**
 * Committing the secretariat's edits (chat dialogs, the CLI): every entity is validated with its schema, the knowledge as it
 * would be is checked for broken references (only errors about what the edit touches count), then ONE
 * `store.commitChange` (with its audit entry) and the knowledge is rebuilt. The "to-giup-viec" source
 * is created in the same change the first time an entry cites it.
 */

import { checkReferences } from "../core/knowledge/references.ts";
import {
  COLLECTION_LABELS,
  COLLECTIONS,
  type CollectionName,
  type KnowledgeData,
  type Source,
} from "../core/knowledge/schema.ts";
import { localDate } from "../core/time.ts";
import { type Actor, StoreError } from "../store/index.ts";
import type { App } from "./app.ts";

/** The source entries added by the secretariat (in chat, from the CLI) cite: the secretariat itself (created on first use). */
export const SECRETARIAT_SOURCE_ID = "to-giup-viec";

export function secretariatSource(today: string): Source {
  return {
    id: SECRETARIAT_SOURCE_ID,
    kind: "secretariat",
    title: "Tổ Giúp việc Ban Điều hành chuyển đổi số tỉnh (cập nhật qua trợ lý)",
    publisher: "Tổ Giúp việc Ban Điều hành chuyển đổi số tỉnh",
    date: today,
    note: "Thông tin do Tổ Giúp việc nhập hoặc sửa trong trò chuyện với trợ lý; mỗi thay đổi có trong nhật ký.",
  };
}

export interface Write {
  collection: CollectionName;
  entity: { id: string } & Record<string, unknown>;
}

export type CommitOutcome =
  | { ok: true; entryId: string | null; sourceCreated: boolean }
  | { ok: false; message: string };

type AppLike = Pick<App, "store" | "knowledge" | "reloadKnowledge" | "now">;

function citesSecretariat(e: Record<string, unknown>): boolean {
  const lists: unknown[] = [e["sources"]];
  if (Array.isArray(e["positions"])) {
    for (const p of e["positions"] as Record<string, unknown>[]) lists.push(p["sources"]);
  }
  return lists.some((l) => Array.isArray(l) && l.includes(SECRETARIAT_SOURCE_ID));
}

function withWrites(data: KnowledgeData, writes: Write[]): KnowledgeData {
  const out = { ...data } as unknown as Record<CollectionName, { id: string }[]>;
  for (const w of writes) {
    const list = out[w.collection];
    const i = list.findIndex((e) => e.id === w.entity.id);
    out[w.collection] = i >= 0 ? list.map((e, j) => (j === i ? w.entity : e)) : [...list, w.entity];
  }
  return out as unknown as KnowledgeData;
}

/** Validates, checks references, commits with one audit entry and reloads the knowledge. */
export async function commitKnowledge(
  app: AppLike,
  meta: { actor: Actor; action: string; note?: string },
  writes: Write[],
): Promise<CommitOutcome> {
  const kb = app.knowledge();
  const all: Write[] = [];
  const sourceNeeded = writes.some((w) => citesSecretariat(w.entity)) && !kb.source(SECRETARIAT_SOURCE_ID);
  if (sourceNeeded) {
    all.push({ collection: "sources", entity: { ...secretariatSource(localDate(app.now())) } });
  }
  for (const w of writes) {
    const parsed = COLLECTIONS[w.collection].schema.safeParse(w.entity);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "mục"}: ${i.message}`)
        .join("; ");
      return {
        ok: false,
        message: `Chưa lưu vì ${COLLECTION_LABELS[w.collection]} chưa hợp lệ (${issues}).`,
      };
    }
    all.push({ collection: w.collection, entity: parsed.data as Write["entity"] });
  }

  const touched = new Set(all.map((w) => w.entity.id));
  const problems = checkReferences(withWrites(kb.data, all)).filter((p) => {
    if (p.severity !== "error" || p.entry === undefined) return false;
    return touched.has(/\(([^)]+)\)$/.exec(p.entry)?.[1] ?? p.entry);
  });
  if (problems.length) {
    return {
      ok: false,
      message: `Chưa lưu vì dữ liệu sau khi sửa sẽ sai tham chiếu: ${problems
        .slice(0, 3)
        .map((p) => `${p.entry}${p.field ? ` › ${p.field}` : ""}: ${p.message}`)
        .join("; ")}.`,
    };
  }

  try {
    const entry = await app.store.commitChange(meta, (tx) => {
      for (const w of all) tx.upsert(w.collection, w.entity as never);
    });
    app.reloadKnowledge();
    return { ok: true, entryId: entry?.id ?? null, sourceCreated: sourceNeeded && entry !== null };
  } catch (e) {
    if (e instanceof StoreError) return { ok: false, message: `Chưa lưu: ${e.message}` };
    throw e;
  }
}
