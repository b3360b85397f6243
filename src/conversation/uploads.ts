/**
 * A plan sent as a file (.docx, .xlsx, .csv), channel-neutral: the admin's file is previewed (what the
 * import would add, change, remove; unknown units; rows not read), then "Áp dụng" ("imp:a:<id>"),
 * "Áp dụng và tạo đơn vị mới" ("imp:u:<id>") or "Hủy" ("imp:c:<id>"); nothing is written before. The
 * document a caption names ("56/QĐ-UBND", "--document 56/QĐ-UBND") is the plan's. A preview waits
 * PENDING_TTL_MINUTES, for the admin who sent the file only.
 *
 * The channel only fetches the bytes: Telegram downloads the document; Zalo's Bot API delivers no file
 * (see the README: the CLI import, or sending the file on Telegram, replaces it).
 */
import { z } from "zod";
import type { Person } from "../app/assistant.ts";
import { findDocRefs } from "../core/text/doc-number.ts";
import {
  applyImport,
  ImportError,
  type ImportPreview,
  MAX_FILE_BYTES,
  previewHasChanges,
  previewImport,
  renderPreview,
} from "../imports/index.ts";
import { StoreError } from "../store/index.ts";
import { actorOfPerson } from "./history.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Button, type ChoiceOutcome, type Output, text } from "./outputs.ts";
import { PENDING_TTL_MINUTES, sessionOf } from "./session.ts";
import { CONVERSATION_TEXTS as T } from "./texts.ts";

/** Read by the importer (.doc and .xls get its message on how to save them in the newer format). */
export const ACCEPTED_UPLOAD = /\.(docx|xlsx|csv|doc|xls)$/i;
export const IMPORT_PREFIX = "imp:";
export { MAX_FILE_BYTES };

const importDataSchema = z
  .string()
  .max(64)
  .regex(/^imp:[acu]:[A-Za-z0-9_-]{1,16}$/);

const previews = (d: ConversationDeps) => sessionOf(d.assistant).previews;

/** The document a caption names: "56/QĐ-UBND", "--document 56/QĐ-UBND", "Quyết định 56/QĐ-UBND". */
export function documentOfCaption(caption: string | undefined): string | undefined {
  const c = (caption ?? "").trim();
  if (!c) return undefined;
  const flag = /^--?(?:document|van-?ban|vb)(?:\s+|=)(.+)$/is.exec(c);
  if (flag) return flag[1]!.trim() || undefined;
  return findDocRefs(c).length > 0 ? c : undefined;
}

/** What a channel knows of a file before fetching it: refused here when it is not worth fetching. */
export function checkUpload(p: Person, name: string, size: number | undefined): Output[] | undefined {
  if (!p.isAdmin) return [text(T.notAdminUpload)];
  if (!ACCEPTED_UPLOAD.test(name)) return [text(T.wrongType(name))];
  if ((size ?? 0) > MAX_FILE_BYTES) return [text(T.tooLarge(size!))];
  return undefined;
}

function resultText(r: Awaited<ReturnType<typeof applyImport>>): string {
  if (!r.entry) return T.importNothing;
  const parts = [`thêm ${r.added}`, `sửa ${r.changed}`, `bỏ ${r.removed} nhiệm vụ`];
  if (r.unitsCreated.length)
    parts.push(`thêm ${r.unitsCreated.length} đơn vị (${r.unitsCreated.map((u) => u.name).join("; ")})`);
  if (r.documentCreated) parts.push(`thêm văn bản ${r.documentCreated.type} số ${r.documentCreated.number}`);
  return `Đã áp dụng (thay đổi #${r.entry.id}): ${parts.join(", ")}. Cơ sở tri thức đã cập nhật; muốn trả lại như trước: /hoantac.`;
}

/** The file's preview, with the choices that apply it (admins only: checked again here). */
export async function previewUpload(
  d: ConversationDeps,
  p: Person,
  file: { name: string; bytes: Uint8Array; caption?: string },
): Promise<Output[]> {
  const refused = checkUpload(p, file.name, file.bytes.byteLength);
  if (refused) return refused;
  const document = documentOfCaption(file.caption);
  let preview: ImportPreview;
  try {
    preview = await previewImport(
      d.app,
      { name: file.name, bytes: file.bytes },
      document ? { document } : {},
    );
  } catch (e) {
    if (e instanceof ImportError) return [text(e.message)];
    throw e;
  }
  d.log?.info(
    {
      channel: p.channel,
      added: preview.added.length,
      changed: preview.changed.length,
      removed: preview.removed.length,
    },
    "import previewed in chat",
  );
  const shown = renderPreview(preview);
  if (!previewHasChanges(preview)) return [text(`${shown}\n${T.importNoChanges}`)];
  const id = previews(d).add({ preview, by: `${p.channel}:${p.chatId}` });
  const rows: Button[][] = [
    [
      { label: T.applyButton, data: `${IMPORT_PREFIX}a:${id}` },
      { label: T.cancelButton, data: `${IMPORT_PREFIX}c:${id}` },
    ],
  ];
  if (preview.unmatchedUnits.some((u) => u.unit))
    rows.push([{ label: T.applyCreateButton, data: `${IMPORT_PREFIX}u:${id}` }]);
  return [text(`${shown}\n${T.importAsk(PENDING_TTL_MINUTES)}`, rows)];
}

/** "Áp dụng", "Áp dụng và tạo đơn vị mới", "Hủy": the admin who sent the file, once. */
export async function importChoice(d: ConversationDeps, p: Person, data: string): Promise<ChoiceOutcome> {
  if (!p.isAdmin) return { kind: "stale", text: T.adminsOnly };
  if (!importDataSchema.safeParse(data).success) return { kind: "stale", text: T.previewGone };
  const [, action, id] = data.split(":") as [string, "a" | "c" | "u", string];
  const pending = previews(d).get(id);
  if (!pending || pending.by !== `${p.channel}:${p.chatId}`) return { kind: "stale", text: T.previewGone };
  if (action === "c") {
    previews(d).take(id);
    return { kind: "outputs", outputs: [text(T.importCancelled)] };
  }
  try {
    const r = await applyImport(d.app, pending.preview, actorOfPerson(p), { createUnits: action === "u" });
    previews(d).take(id);
    d.log?.info({ channel: p.channel, entry: r.entry?.id }, "import applied in chat");
    return { kind: "outputs", outputs: [text(resultText(r))] };
  } catch (e) {
    if (e instanceof ImportError) {
      if (e.code === "stale") {
        previews(d).take(id);
        return { kind: "outputs", outputs: [text(T.importStale)] };
      }
      // "unmatched-units", "invalid": the preview stays, another choice may still apply it.
      return { kind: "outputs", outputs: [text(e.message)] };
    }
    if (e instanceof StoreError) return { kind: "outputs", outputs: [text(`Chưa áp dụng: ${e.message}`)] };
    throw e;
  }
}
