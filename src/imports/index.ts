/**
 * Imports and exports of the knowledge, channel-neutral: the CLI (`kb import|export|history|undo`) and
 * the chat (upload → preview → "Áp dụng" button, /xuat) call these.
 *
 *   const preview = await previewImport(app, { name, bytes }, { document: "56/QĐ-UBND" });
 *   renderPreview(preview);                          // Vietnamese lines
 *   await applyImport(app, preview, actor);          // one audited commit, knowledge reloaded
 *   await exportKnowledge(app, "xlsx");              // bytes
 *
 * Every expected failure is an `ImportError` with a Vietnamese message to show as it is.
 */
export { type ApplyOptions, type ApplyResult, applyImport, IMPORT_ACTION, undoLastChange } from "./apply.ts";
export { ImportError, type ImportErrorCode } from "./errors.ts";
export { type ExportFormat, exportFormatOf, exportKnowledge } from "./export.ts";
export {
  actionLabel,
  actorLabel,
  describeChange,
  formatHistory,
  formatInstant,
  type HistoryContext,
} from "./history.ts";
export type { ProposedUnit, RowProblem } from "./plan-rows.ts";
export {
  type ImportPreview,
  type NewDocumentFields,
  type PreviewOptions,
  placeOf,
  previewHasChanges,
  previewImport,
  renderPreview,
} from "./preview.ts";
export { type InputFile, MAX_FILE_BYTES, MAX_TASK_ROWS } from "./read-table.ts";
