import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";

let dir: string;
let out: string[];
let err: string[];
const io = (): CliIo => ({ out: (t) => out.push(t), err: (t) => err.push(t), env: { KNOWLEDGE_DIR: dir } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kb-"));
  cpSync("knowledge", dir, { recursive: true });
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string | RegExp, to: string) {
  const p = join(dir, file);
  const s = readFileSync(p, "utf8");
  const t = s.replace(from, to);
  expect(t, `edit of ${file} did not apply`).not.toBe(s);
  writeFileSync(p, t);
}

describe("kb check", () => {
  it("passes on the shipped knowledge", async () => {
    expect(await runCli(["kb", "check"], io())).toBe(0);
    expect(out.join("\n")).toMatch(/Cơ sở tri thức hợp lệ .*\d+ đơn vị, \d+ văn bản, \d+ nhiệm vụ/);
    expect(err).toEqual([]);
  });

  it("names the file and field of a wrong date, in Vietnamese, and exits 1", async () => {
    edit("documents.yaml", "date: 2022-08-18", "date: 2022-02-30");
    expect(await runCli(["kb", "check"], io())).toBe(1);
    const e = err.join("\n");
    expect(e).toContain("documents.yaml");
    expect(e).toContain("kh-3609-2022");
    expect(e).toMatch(/date: ngày không hợp lệ/);
  });

  it("names an unknown unit id in a task", async () => {
    edit("tasks.yaml", "lead: [so-tttt]", "lead: [so-khong-co]");
    expect(await runCli(["kb", "check"], io())).toBe(1);
    expect(err.join("\n")).toMatch(
      /tasks\.yaml › nv-tuyen-truyen-ngay-cds-tinh › lead\[1\]: không có đơn vị hay nhóm đơn vị mã “so-khong-co”/,
    );
  });

  it("finds a duplicate document number in any spelling", async () => {
    edit("documents.yaml", "number: 56/QĐ-UBND", "number: 16/TB-VPCP");
    expect(await runCli(["kb", "check"], io())).toBe(1);
    expect(err.join("\n")).toMatch(/documents\.yaml › .* › number: số hiệu “16\/TB-VPCP” trùng với văn bản/);
  });

  it("reports broken YAML with its line", async () => {
    writeFileSync(join(dir, "units.yaml"), "- id: a\n  name: [unclosed\n");
    expect(await runCli(["kb", "check"], io())).toBe(1);
    expect(err.join("\n")).toMatch(/units\.yaml: không đọc được YAML \(dòng \d+/);
  });

  it("lists units as JSON", async () => {
    expect(await runCli(["kb", "list", "units", "--json"], io())).toBe(0);
    const units = JSON.parse(out.join("\n")) as { id: string }[];
    expect(units.map((u) => u.id)).toContain("so-tttt");
  });

  it("refuses an unknown command and a wrong option with a Vietnamese message", async () => {
    expect(await runCli(["kb", "bogus"], io())).toBe(2);
    expect(err.join("\n")).toContain("Không có lệnh");
    expect(await runCli(["kb", "check", "--nope"], io())).toBe(2);
    expect(err.join("\n")).toContain("Tham số không hợp lệ");
  });
});
