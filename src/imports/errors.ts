/**
 * The one error type of imports and exports. Its message is short Vietnamese, safe to show to the
 * secretariat as it is (in chat or in the terminal): no stack trace, no internal ids.
 */
export type ImportErrorCode =
  /** The file is larger than MAX_FILE_BYTES. */
  | "too-large"
  /** Not a spreadsheet (random bytes, a PDF, a Word file renamed…). */
  | "not-spreadsheet"
  /** An .xlsx protected by a password (an encrypted OLE container). */
  | "encrypted"
  /** A legacy .xls workbook. */
  | "legacy-xls"
  /** A legacy .doc Word document. */
  | "legacy-doc"
  /** The document the plan belongs to cannot be added: the file and the options leave out what it needs. */
  | "incomplete-document"
  /** A CSV that is not UTF-8 text. */
  | "encoding"
  /** No sheet has any content. */
  | "empty"
  /** No row looks like the header of a plan table. */
  | "no-header"
  /** A header, but no task row under it. */
  | "no-tasks"
  /** A cell longer than MAX_CELL_CHARS. */
  | "cell-too-long"
  /** More task rows than MAX_TASK_ROWS. */
  | "too-many-rows"
  /** The document given for the import is not in the knowledge base. */
  | "unknown-document"
  /** Applying would leave units unknown (not created). */
  | "unmatched-units"
  /** The knowledge changed since the preview was made. */
  | "stale"
  /** The resulting knowledge would not be valid. */
  | "invalid"
  /** An export format that is not offered. */
  | "format";

export class ImportError extends Error {
  override readonly name = "ImportError";
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
