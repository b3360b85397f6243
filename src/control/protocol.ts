/**
 * The running assistant's control endpoint: a Unix domain socket in DATA_DIR (`control.sock`, mode
 * 0600) and a random token in `control.token` (mode 0600), both made by the process that holds the
 * store's writer lock, for as long as it holds it. A CLI command that finds the lock held forwards
 * its argv there (client.ts); the assistant runs the same command handler against its open app
 * (server.ts) and streams the output back.
 *
 * Frames are JSON objects, one a line (UTF-8, "\n"), both ways:
 *   client → server  {type:"run", token, argv, user?}  then the answers to the server's file reads:
 *                    {type:"file", id, ok:true, data:<base64>} | {type:"file", id, ok:false, reason, size?, message?}
 *   server → client  {type:"out"|"err", text}  {type:"read-file", id, path, maxBytes}
 *                    {type:"exit", code}  |  {type:"refused", message}  (wrong token: nothing ran)
 */

export const CONTROL_SOCKET = "control.sock";
export const CONTROL_TOKEN = "control.token";

/** The first frame (the command) may not be longer than this. */
export const MAX_RUN_FRAME = 256 * 1024;
/** A file sent for a forwarded command may not be larger than this (base64 adds a third). */
export const MAX_FILE_FRAME = 64 * 1024 * 1024;

export interface RunFrame {
  type: "run";
  token: string;
  argv: string[];
  /** The operator's login name (USER), recorded as the actor of the change. */
  user?: string;
}

export type FileFrame =
  | { type: "file"; id: number; ok: true; data: string }
  | {
      type: "file";
      id: number;
      ok: false;
      reason: "missing" | "not-file" | "too-big" | "unreadable";
      size?: number;
      message?: string;
    };

export type ServerFrame =
  | { type: "out" | "err"; text: string }
  | { type: "read-file"; id: number; path: string; maxBytes: number }
  | { type: "exit"; code: number }
  | { type: "refused"; message: string };

export function encode(frame: object): string {
  return `${JSON.stringify(frame)}\n`;
}

/**
 * Splits a byte stream into frames (one JSON object a line). A line longer than `maxLine()` bytes or
 * not a JSON object ends the stream through `onError`.
 */
export class FrameReader {
  #parts: Buffer[] = [];
  #length = 0;
  #failed = false;

  constructor(
    private readonly onFrame: (frame: Record<string, unknown>) => void,
    private readonly onError: (why: string) => void,
    private readonly maxLine: () => number,
  ) {}

  push(chunk: Buffer): void {
    if (this.#failed) return;
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      this.#parts.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.#parts).toString("utf8");
      this.#parts = [];
      this.#length = 0;
      start = nl + 1;
      if (!this.#line(line)) return;
    }
    if (start < chunk.length) {
      this.#parts.push(chunk.subarray(start));
      this.#length += chunk.length - start;
      if (this.#length > this.maxLine()) this.#fail("frame too long");
    }
  }

  #line(line: string): boolean {
    if (line.length > this.maxLine()) return this.#fail("frame too long");
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return this.#fail("not JSON");
    }
    if (!v || typeof v !== "object" || Array.isArray(v)) return this.#fail("not an object");
    this.onFrame(v as Record<string, unknown>);
    return !this.#failed;
  }

  #fail(why: string): false {
    if (!this.#failed) {
      this.#failed = true;
      this.#parts = [];
      this.onError(why);
    }
    return false;
  }

  /** Stops reading (what is still buffered is dropped). */
  stop(): void {
    this.#failed = true;
    this.#parts = [];
  }
}
