/**
 * `remind unreachable` names who reminders cannot reach and, since units change (issue 16), the open
 * tasks no unit leads any more: a unit closed with no successor leaves its task to be assigned again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";

let dir: string;
let out: string[];
let err: string[];
const io = (): CliIo => ({
  out: (t) => out.push(t),
  err: (t) => err.push(t),
  env: { KNOWLEDGE_DIR: "knowledge", DATA_DIR: join(dir, "data"), LOG_LEVEL: "silent" },
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "unreachable-"));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("remind unreachable", () => {
  it("lists no task on the shipped knowledge, then the task of a unit closed with no successor", async () => {
    expect(await runCli(["remind", "unreachable", "--json", "--now", "2026-11-26"], io())).toBe(0);
    expect(JSON.parse(out.join("\n"))).toEqual({ people: [], tasksWithoutLead: [] });

    out = [];
    expect(await runCli(["kb", "unit", "close", "bo-cong-an", "--date", "01/01/2026", "--apply"], io())).toBe(
      0,
    );
    out = [];
    expect(await runCli(["remind", "unreachable", "--json", "--now", "2026-11-26"], io())).toBe(0);
    const data = JSON.parse(out.join("\n"));
    expect(data.tasksWithoutLead).toEqual([
      expect.objectContaining({
        title: "Chủ trì xây dựng Trung tâm Dữ liệu quốc gia",
        ended: ["Bộ Công an"],
      }),
    ]);

    out = [];
    expect(await runCli(["remind", "unreachable", "--now", "2026-11-26"], io())).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Mọi người đã liên kết đều nhận được tin của trợ lý.");
    expect(text).toContain("1 nhiệm vụ chưa xong không còn đơn vị chủ trì");
    expect(text).toContain("- Chủ trì xây dựng Trung tâm Dữ liệu quốc gia (trước đây: Bộ Công an)");
    expect(err).toEqual([]);
  });
});
