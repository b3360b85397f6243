/**
 * The heavy fault cases (`npm run test:faults`, not in `npm test`): a workbook of ~1 MB whose sheet
 * unpacks to 1 GB is refused in seconds with the process's memory bounded, whether the zip declares
 * the true size or a forged small one.
 */
import { crc32, createDeflateRaw } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readTables } from "../../src/imports/read-table.ts";

const GB = 1024 * 1024 * 1024;

/** Raw-deflated `size` bytes of "a", streamed (never held whole), with their CRC-32. */
async function deflatedRun(size: number): Promise<{ data: Buffer; crc: number }> {
  const chunk = Buffer.alloc(4 * 1024 * 1024, 0x61);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

/** A zip of one entry, its deflated data given; `declared` is the uncompressed size it claims. */
function zipOf(name: string, data: Buffer, crc: number, declared: number): Buffer {
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared >>> 0, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared >>> 0, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  const localSize = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}

describe("a 1 GB zip bomb", () => {
  it("is refused quickly with bounded memory, declared honestly or forged small", async () => {
    const { data, crc } = await deflatedRun(GB);
    expect(data.length).toBeLessThan(2 * 1024 * 1024);
    for (const declared of [GB, 1024]) {
      const bytes = zipOf("xl/worksheets/sheet1.xml", data, crc, declared);
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const t0 = Date.now();
      const err = await readTables({ name: "bom.xlsx", bytes }).catch((e: unknown) => e);
      clearInterval(timer);
      const ms = Date.now() - t0;
      expect((err as { code?: string }).code).toBe("too-large");
      expect(ms).toBeLessThan(10_000);
      expect(peak).toBeLessThan(300 * 1024 * 1024);
      process.stdout.write(
        `zip bomb (declared ${declared} B): refused in ${ms} ms, peak RSS ${Math.round(peak / 1024 / 1024)} MB\n`,
      );
    }
  }, 120_000);
});
