/**
 * The one error type of the store. Its message is Vietnamese and safe to show to the
 * secretariat or an operator (no stack trace, no internal ids beyond file names and pids).
 */
export type StoreErrorCode =
  /** A file does not parse, or its content fails its schema. Never replaced automatically. */
  | "corrupt"
  /** A file listed in the manifest is missing. */
  | "missing"
  /** Another live process holds the writer lock. */
  | "locked"
  /** A change would make the content invalid (nothing was written). */
  | "invalid"
  /** An undo cannot be applied because the entity changed afterwards. */
  | "conflict"
  /** A write was attempted on a store opened read-only, or after close(). */
  | "readonly"
  /** Reading or writing failed at the file-system level (disk full, permissions…). */
  | "io";

export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly code: StoreErrorCode;
  /** The file concerned, as shown in the message (data dir joined with the file name). */
  readonly file: string | undefined;

  constructor(code: StoreErrorCode, message: string, options?: { file?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options?.file;
  }
}
