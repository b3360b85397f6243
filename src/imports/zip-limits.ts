/**
 * Bounds on what a zip container (.xlsx, .docx) unpacks to, checked before a reader inflates it: a 1 MB
 * file whose sheet unpacks to 450 MB must be refused, not read until the process runs out of memory.
 *
 * The sizes the zip declares are checked first (cheap: the central directory only), then every part is
 * inflated as a stream and counted, stopping past the limit, since a forged size would pass the first
 * check. Memory stays at one chunk; a normal workbook of a few MB costs one extra inflate pass.
 */
import JSZip from "jszip";
import { ImportError } from "./errors.ts";

/** What one part (a sheet's XML, the shared strings) may unpack to. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** What all parts together may unpack to. */
export const MAX_UNPACKED_BYTES = 160 * 1024 * 1024;
/** Parts a workbook may have (sheets, styles, drawings…). */
export const MAX_PARTS = 2_000;

export interface ZipLimits {
  maxPart: number;
  maxTotal: number;
  maxParts: number;
}

const DEFAULT_LIMITS: ZipLimits = {
  maxPart: MAX_PART_BYTES,
  maxTotal: MAX_UNPACKED_BYTES,
  maxParts: MAX_PARTS,
};

function tooLarge(name: string, limits: ZipLimits): ImportError {
  return new ImportError(
    "too-large",
    `Tệp “${name}” giải nén ra quá lớn (hơn ${Math.round(limits.maxTotal / 1024 / 1024)} MB, hoặc một trang tính hơn ` +
      `${Math.round(limits.maxPart / 1024 / 1024)} MB). Hãy chỉ để lại bảng nhiệm vụ rồi gửi lại.`,
  );
}

/** jszip's own stream of an entry's inflated bytes (its Node stream is not async-iterable). */
export interface InflateStream {
  on(event: "data", cb: (chunk: Uint8Array) => void): InflateStream;
  on(event: "error", cb: (e: unknown) => void): InflateStream;
  on(event: "end", cb: () => void): InflateStream;
  resume(): InflateStream;
  pause(): InflateStream;
}

/** An entry's inflated bytes as they come, chunk by chunk (paused until `resume()`). */
export function inflateStream(entry: JSZip.JSZipObject): InflateStream {
  return (entry as unknown as { internalStream(type: "uint8array"): InflateStream }).internalStream(
    "uint8array",
  );
}

/** Inflates one entry as a stream, counting bytes; rejects as soon as a limit is passed. */
function countEntry(entry: JSZip.JSZipObject, onBytes: (n: number) => boolean): Promise<void> {
  const stream = inflateStream(entry);
  return new Promise<void>((resolve, reject) => {
    let stopped = false;
    stream
      .on("data", (chunk) => {
        if (stopped) return;
        if (!onBytes(chunk.byteLength)) {
          stopped = true;
          stream.pause();
          reject(new RangeError("limit"));
        }
      })
      .on("error", (e) => {
        if (!stopped) {
          stopped = true;
          reject(e);
        }
      })
      .on("end", () => {
        if (!stopped) resolve();
      })
      .resume();
  });
}

/**
 * Throws an ImportError ("too-large") when the zip in `bytes` unpacks past the limits; damaged zips are
 * left to the reader, which names them as such. Resolves when every part was inflated within bounds.
 */
export async function checkZipLimits(
  bytes: Uint8Array,
  name: string,
  limits: ZipLimits = DEFAULT_LIMITS,
): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return; // not a readable zip: the reader says the file is damaged
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  if (entries.length > limits.maxParts) throw tooLarge(name, limits);
  let declaredTotal = 0;
  for (const e of entries) {
    const declared = (e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (declared > limits.maxPart) throw tooLarge(name, limits);
    declaredTotal += declared;
  }
  if (declaredTotal > limits.maxTotal) throw tooLarge(name, limits);
  let total = 0;
  for (const e of entries) {
    let part = 0;
    try {
      await countEntry(e, (n) => {
        part += n;
        total += n;
        return part <= limits.maxPart && total <= limits.maxTotal;
      });
    } catch (err) {
      if (err instanceof RangeError) throw tooLarge(name, limits);
      return; // a damaged part: the reader reports it
    }
  }
}
