/**
 * Bounded input (issue 14): a workbook that unpacks to far more than it weighs is refused before it is
 * inflated, a cell of megabytes is refused naming the cell, and the text functions stay linear on
 * megabyte inputs (no back-reference regular expression recursing over them).
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { searchTerms } from "../../src/core/text/search-terms.ts";
import { untelexWord } from "../../src/core/text/telex.ts";
import { contentTokens } from "../../src/core/text/tokens.ts";
import { ImportError } from "../../src/imports/errors.ts";
import { MAX_CELL_CHARS, readTables } from "../../src/imports/read-table.ts";
import { checkZipLimits } from "../../src/imports/zip-limits.ts";

const enc = new TextEncoder();

/** A zip whose one sheet is `size` bytes of the same character: it compresses to almost nothing. */
async function bomb(size: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("xl/worksheets/sheet1.xml", "<".padEnd(size, "a"));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

describe("a workbook that unpacks to too much", () => {
  it("is refused before exceljs reads it, with a Vietnamese message", async () => {
    const bytes = await bomb(8 * 1024 * 1024);
    expect(bytes.byteLength).toBeLessThan(64 * 1024);
    const limits = { maxPart: 1024 * 1024, maxTotal: 4 * 1024 * 1024, maxParts: 100 };
    const err = await readTables({ name: "bom.xlsx", bytes }, { zipLimits: limits }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe("too-large");
    expect((err as ImportError).message).toMatch(/giải nén ra quá lớn/);
  });

  it("counts what is inflated, not only what the zip declares (stops past the limit)", async () => {
    const bytes = await bomb(3 * 1024 * 1024);
    // A limit on the total only: the declared size of the one part is under maxPart.
    await expect(
      checkZipLimits(bytes, "b.xlsx", { maxPart: 10 * 1024 * 1024, maxTotal: 2 * 1024 * 1024, maxParts: 10 }),
    ).rejects.toMatchObject({ code: "too-large" });
    await expect(
      checkZipLimits(bytes, "b.xlsx", {
        maxPart: 10 * 1024 * 1024,
        maxTotal: 20 * 1024 * 1024,
        maxParts: 10,
      }),
    ).resolves.toBeUndefined();
  });

  it("leaves a damaged zip to the reader, which names it damaged", async () => {
    await expect(checkZipLimits(enc.encode("PK\u0003\u0004 not a zip"), "x.xlsx")).resolves.toBeUndefined();
  });
});

describe("a cell of megabytes", () => {
  it("is refused naming the cell, before any text is tokenised", async () => {
    const csv = `STT;Nhiệm vụ;Chủ trì;Thời hạn\n1;${"a".repeat(5_000_000)};Sở TT&TT;31/12/2023\n`;
    const t0 = Date.now();
    const err = await readTables({ name: "dai.csv", bytes: enc.encode(csv) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe("cell-too-long");
    expect((err as ImportError).message).toContain("ô B2");
    expect((err as ImportError).message).toContain(MAX_CELL_CHARS.toLocaleString("vi-VN"));
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("a cell at the limit is read", async () => {
    const csv = `STT;Nhiệm vụ\n1;${"b".repeat(MAX_CELL_CHARS)}\n`;
    const tables = await readTables({ name: "ok.csv", bytes: enc.encode(csv) });
    expect(tables[0]!.rows.length).toBe(2);
  });
});

describe("text functions on megabyte inputs", () => {
  it("do not overflow the stack on one 5-million-letter word", () => {
    const s = "a".repeat(5_000_000);
    expect(untelexWord(s)).toBe(s);
    expect(() => contentTokens(s)).not.toThrow();
    expect(searchTerms(s)).toHaveLength(1);
  });
  it("handle a megabyte of words", () => {
    expect(searchTerms("nhiệm vụ ".repeat(120_000)).length).toBe(240_000);
  });
});
