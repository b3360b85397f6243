/** Adding a document to the knowledge (the CLI's `kb doc add`): validated, one audited change. */
import { type NewDocument, newDocumentEntry, typeOfNumber } from "../core/knowledge/new-document.ts";
import type { KDocument } from "../core/knowledge/schema.ts";
import { parseDocNumber } from "../core/text/doc-number.ts";
import { formatViDate, localDate } from "../core/time.ts";
import type { Actor } from "../store/index.ts";
import type { App } from "./app.ts";
import { commitKnowledge, SECRETARIAT_SOURCE_ID } from "./knowledge-commit.ts";

export type AddDocumentResult =
  | { ok: true; document: KDocument; entryId: string | null }
  | { ok: false; message: string };

export async function addDocument(
  app: Pick<App, "store" | "knowledge" | "reloadKnowledge" | "now">,
  f: Omit<NewDocument, "type"> & { type?: NewDocument["type"] },
  actor: Actor,
): Promise<AddDocumentResult> {
  const number = f.number.replace(/^(?:s[ốô]|so)\s*:?\s*/iu, "").trim();
  if (!parseDocNumber(number)) {
    return { ok: false, message: `“${number}” chưa giống một số hiệu văn bản (ví dụ 45/KH-UBND).` };
  }
  const kb = app.knowledge();
  const existing = kb.documentByNumber(number);
  if (existing) {
    return {
      ok: false,
      message: `Đã có văn bản ${existing.number} ngày ${formatViDate(existing.date)} trong cơ sở tri thức (mã ${existing.id}).`,
    };
  }
  const type = f.type ?? typeOfNumber(number);
  if (!type)
    return { ok: false, message: 'Chưa rõ loại văn bản: ghi thêm --type (ví dụ --type "Kế hoạch").' };
  const doc = newDocumentEntry(
    kb,
    { ...f, number, type },
    { today: localDate(app.now()), sources: [SECRETARIAT_SOURCE_ID] },
  );
  const r = await commitKnowledge(
    app,
    { actor, action: "document.create", note: `Thêm văn bản: ${type} số ${number}` },
    [{ collection: "documents", entity: doc }],
  );
  return r.ok ? { ok: true, document: doc, entryId: r.entryId } : r;
}
