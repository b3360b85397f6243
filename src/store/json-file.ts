/**
 * The file layer of the store: one JSON file per kind of data, validated with zod on load and
 * before every write, written atomically, with writes serialised per file.
 *
 * Why not lowdb's JSONFile: it writes through steno (temp file + rename) but never fsyncs the
 * file or the directory, so after a power loss the renamed file can be empty or missing; and it
 * uses one fixed temp name. `AtomicJsonAdapter` (a lowdb `Adapter`) writes a unique temp file,
 * fsyncs it, renames it over the target and fsyncs the directory.
 */
import { open, readdir, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type Adapter, Low } from "lowdb";
import { z } from "zod";
import { StoreError } from "./errors.ts";

/** Files hold chat ids and names of officials: readable by the owner only. */
export const FILE_MODE = 0o600;

const TEMP_SUFFIX = ".tmp";
let tempSeq = 0;

function errCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e
    ? String((e as { code: unknown }).code)
    : undefined;
}

function errText(e: unknown): string {
  const code = errCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  return code && !msg.startsWith(code) ? `${code}: ${msg}` : msg;
}

/** fsync a directory so a rename in it survives a power loss. Not possible on Windows: ignored there. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch (e) {
    const code = errCode(e);
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EBADF") throw e;
  } finally {
    await fh?.close();
  }
}

/**
 * Replaces `file` with `text` so that a reader (or the next start after a crash) sees either the
 * old content or the new one, never a mix: unique temp file in the same directory → write →
 * fsync → rename over the target → fsync the directory.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}-${++tempSeq}${TEMP_SUFFIX}`);
  const fh = await open(tmp, "wx", FILE_MODE);
  try {
    try {
      await fh.writeFile(text, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fsyncDir(dir);
}

/** Removes temp files left by a writer that was killed mid-write (only the writer calls this). */
export async function removeStaleTemps(dir: string, fileNames: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    if (!fileNames.some((f) => name.startsWith(`.${f}.`))) continue;
    await unlink(path.join(dir, name)).catch(() => {});
    removed.push(name);
  }
  return removed;
}

/** Runs async jobs one after another (a promise chain); a failing job does not stop the next. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<R>(job: () => Promise<R> | R): Promise<R> {
    const result = this.#tail.then(job);
    this.#tail = result.catch(() => {});
    return result;
  }

  /** Resolves once every job queued so far has settled. */
  idle(): Promise<void> {
    return this.#tail.then(() => {});
  }
}

/** JSON comparison: key order and `undefined`-valued keys do not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  return isDeepStrictEqual(norm(a), norm(b));
}

/** Vietnamese validation messages without touching zod's global configuration. */
const viError = z.locales.vi().localeError;

export function safeParseVi<T>(schema: z.ZodType<T>, value: unknown) {
  return schema.safeParse(value, { error: viError });
}

/** "users.0.role: Tùy chọn không hợp lệ…; … (và 3 lỗi khác)". */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((i) => {
    const where = i.path.map(String).join(".");
    return where ? `${where}: ${i.message}` : i.message;
  });
  const more = error.issues.length - max;
  return parts.join("; ") + (more > 0 ? ` (và ${more} lỗi khác)` : "");
}

/**
 * The offset of the first JSON syntax error in `text` (text.length when it ends too early), or
 * -1 when it is valid. V8's messages do not always give the position, so we find it ourselves.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  class Bad {
    constructor(readonly at: number) {}
  }
  const fail = (at = i): never => {
    throw new Bad(at);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const lit = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) fail(i - 1);
  };
  const digits = () => {
    const start = i;
    while (i < text.length && text[i]! >= "0" && text[i]! <= "9") i++;
    if (i === start) fail();
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i + 1);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i + 1);
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') str();
    else if (c === "t") lit("true");
    else if (c === "f") lit("false");
    else if (c === "n") lit("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      if (text[i] === "-") i++;
      if (text[i] === "0") i++;
      else digits();
      if (text[i] === ".") {
        i++;
        digits();
      }
      if (text[i] === "e" || text[i] === "E") {
        i++;
        if (text[i] === "+" || text[i] === "-") i++;
        digits();
      }
    } else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (e) {
    if (e instanceof Bad) return Math.min(e.at, text.length);
    throw e;
  }
}

function jsonErrorPlace(text: string): string {
  if (text.trim() === "") return "tệp rỗng";
  const pos = jsonErrorOffset(text);
  if (pos < 0 || pos >= text.length) return "JSON không hợp lệ: tệp bị cắt cụt, thiếu phần cuối";
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `JSON không hợp lệ ở vị trí ${pos}, dòng ${line}, cột ${column}`;
}

const RESTORE_HINT = "Khôi phục từ bản sao lưu hoặc sửa tệp; trợ lý không tự thay bằng tệp rỗng.";

export function corruptError(displayPath: string, detail: string, cause?: unknown): StoreError {
  return new StoreError("corrupt", `Tệp dữ liệu ${displayPath} bị hỏng (${detail}). ${RESTORE_HINT}`, {
    file: displayPath,
    cause,
  });
}

/** Parses and validates a file's text; any failure is a `StoreError` "corrupt" naming the file. */
export function parseStoreText<T>(text: string, schema: z.ZodType<T>, displayPath: string): T {
  let raw: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM left by an editor
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw corruptError(displayPath, jsonErrorPlace(body), e);
  }
  const parsed = safeParseVi(schema, raw);
  if (!parsed.success) {
    throw corruptError(
      displayPath,
      `nội dung không đúng cấu trúc: ${describeIssues(parsed.error)}`,
      parsed.error,
    );
  }
  return parsed.data;
}

export function serialize(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** A lowdb adapter: validated reads, atomic fsynced writes. `read()` gives null when the file is absent. */
export class AtomicJsonAdapter<T> implements Adapter<T> {
  readonly file: string;
  readonly displayPath: string;
  readonly #schema: z.ZodType<T>;

  constructor(file: string, displayPath: string, schema: z.ZodType<T>) {
    this.file = file;
    this.displayPath = displayPath;
    this.#schema = schema;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if (errCode(e) === "ENOENT") return null;
      throw new StoreError("io", `Không đọc được tệp dữ liệu ${this.displayPath} (${errText(e)}).`, {
        file: this.displayPath,
        cause: e,
      });
    }
    return parseStoreText(text, this.#schema, this.displayPath);
  }

  async write(data: T): Promise<void> {
    try {
      await writeFileAtomic(this.file, serialize(data));
    } catch (e) {
      throw new StoreError(
        "io",
        `Không ghi được tệp dữ liệu ${this.displayPath} (${errText(e)}); tệp cũ được giữ nguyên.`,
        { file: this.displayPath, cause: e },
      );
    }
  }
}

export interface StoreFileOptions<T> {
  dataDir: string;
  name: string;
  schema: z.ZodType<T>;
  defaults: () => T;
  readOnly: boolean;
}

/**
 * One store file: the committed content in memory (a lowdb `Low`), loaded and validated at open.
 * `update(fn)` queues behind earlier updates, applies `fn` to a copy of the committed content,
 * validates the result, writes it atomically and only then makes it the committed content:
 * if `fn` throws, validation fails or the write fails, nothing changes (in memory or on disk).
 */
export class StoreFile<T> {
  readonly name: string;
  readonly file: string;
  /** The path as shown in messages: the data dir as configured, joined with the file name. */
  readonly displayPath: string;
  readonly #adapter: AtomicJsonAdapter<T>;
  readonly #low: Low<T>;
  readonly #schema: z.ZodType<T>;
  readonly #defaults: () => T;
  readonly #queue = new SerialQueue();
  #readOnly: boolean;

  constructor(options: StoreFileOptions<T>) {
    this.name = options.name;
    this.file = path.join(options.dataDir, options.name);
    this.displayPath = this.file;
    this.#schema = options.schema;
    this.#defaults = options.defaults;
    this.#readOnly = options.readOnly;
    this.#adapter = new AtomicJsonAdapter(this.file, this.displayPath, options.schema);
    this.#low = new Low<T>(this.#adapter, options.defaults());
  }

  /** The committed content. Treat as read-only: change it through `update`. */
  get data(): T {
    return this.#low.data;
  }

  get readOnly(): boolean {
    return this.#readOnly;
  }

  /** Loads and validates the file; a missing file is a `StoreError` "missing". */
  async load(): Promise<void> {
    const data = await this.#adapter.read();
    if (data === null) {
      throw new StoreError(
        "missing",
        `Thiếu tệp dữ liệu ${this.displayPath} (kho dữ liệu đã được khởi tạo nên tệp này phải có). ` +
          "Khôi phục tệp từ bản sao lưu; trợ lý không tự tạo lại tệp rỗng.",
        { file: this.displayPath },
      );
    }
    this.#low.data = data;
  }

  /**
   * First start: loads the file when it exists (validated: a corrupt one is never overwritten),
   * otherwise keeps the defaults and, unless read-only, writes them. Returns whether it was created.
   */
  async loadOrCreate(): Promise<boolean> {
    const data = await this.#adapter.read();
    if (data !== null) {
      this.#low.data = data;
      return false;
    }
    this.#low.data = this.#defaults();
    if (!this.#readOnly) await this.#adapter.write(this.#low.data);
    return true;
  }

  /**
   * Applies `fn` to a copy of the committed content and commits it with one atomic write.
   * `fn` must be synchronous. When `changed(result)` is given and returns false, nothing is written.
   */
  update<R>(fn: (draft: T) => R, changed?: (result: R) => boolean): Promise<R> {
    if (this.#readOnly) return Promise.reject(this.#readOnlyError());
    return this.#queue.run(async () => {
      if (this.#readOnly) throw this.#readOnlyError();
      const draft = structuredClone(this.#low.data);
      const result = fn(draft);
      if (changed && !changed(result)) return result;
      const checked = safeParseVi(this.#schema, draft);
      if (!checked.success) {
        throw new StoreError(
          "invalid",
          `Thay đổi không được lưu: nội dung ${this.displayPath} sẽ không hợp lệ (${describeIssues(checked.error)}).`,
          { file: this.displayPath, cause: checked.error },
        );
      }
      await this.#low.adapter.write(checked.data);
      this.#low.data = checked.data;
      return result;
    });
  }

  /** Waits for queued writes, then refuses further ones. */
  async close(): Promise<void> {
    await this.#queue.idle();
    this.#readOnly = true;
  }

  idle(): Promise<void> {
    return this.#queue.idle();
  }

  #readOnlyError(): StoreError {
    return new StoreError(
      "readonly",
      `Kho dữ liệu đang mở ở chế độ chỉ đọc (hoặc đã đóng); không ghi được ${this.displayPath}.`,
      { file: this.displayPath },
    );
  }
}

/** An instant as written in the files: `Date.prototype.toISOString()` output. */
export const instantSchema = z.iso.datetime({
  message: "thời điểm không hợp lệ (ISO 8601, ví dụ 2024-05-01T08:00:00.000Z)",
});
