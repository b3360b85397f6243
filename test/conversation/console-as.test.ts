/**
 * `npm start -- --as …`: the terminal chat speaks as an admin, a leader or a unit's head, through the
 * same conversation layer (and access rules) as Telegram and Zalo; nothing is written to the store.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { parseConsoleAs } from "../../src/channels/console/chat.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { CONVERSATION_TEXTS } from "../../src/conversation/texts.ts";
import { main } from "../../src/main.ts";
import { KNOWLEDGE_DIR, LogSink, tempDataDir } from "../helpers/bot-harness.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function chat(argv: string[], lines: string[]) {
  const dataDir = await tempDataDir();
  dirs.push(dataDir);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { DATA_DIR: dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "silent" },
    stdin: Readable.from([...lines.map((l) => `${l}\n`), "thoát\n"]),
  };
  const before = existsSync(dataDir)
    ? readdirSync(dataDir).map((f) => [f, readFileSync(path.join(dataDir, f))])
    : [];
  const code = await main({ io, argv, dotenvPath: "/nonexistent/.env", logDestination: new LogSink() });
  const after = existsSync(dataDir)
    ? readdirSync(dataDir).map((f) => [f, readFileSync(path.join(dataDir, f))])
    : [];
  return {
    code,
    out: out.join("\n"),
    err: err.join("\n"),
    unchanged: JSON.stringify(before) === JSON.stringify(after),
  };
}

describe("the terminal chat with --as", () => {
  it("as a leader: /tongquan gives the overview and saves the chart; /donvi the unit's card", async () => {
    const r = await chat(["--as", "leader"], ["/tongquan 2023", "/donvi Sở Thông tin và Truyền thông 2023"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Lãnh đạo Ban Chỉ đạo/Ban Điều hành");
    expect(r.out).toContain("Tổng cộng:");
    expect(r.out).toMatch(/Đã lưu biểu đồ vào .*tien-do-2023-.*\.png/);
    expect(r.out).toContain("Số liệu nhiệm vụ năm 2023");
    expect(r.unchanged).toBe(true);
  });

  it("as a unit's head: the same refusal as on Telegram and Zalo; 'nhiệm vụ của tôi' is that unit's", async () => {
    const r = await chat(["--as=head:so-tttt"], ["/tongquan", "nhiệm vụ của tôi"]);
    expect(r.out).toContain(CONVERSATION_TEXTS.leadersOnly);
    // (Today the Sở TT&TT is part of the Sở KH&CN, merged from 01/03/2025: its head is answered as such.)
    expect(r.out).toContain("Nhiệm vụ của Sở Khoa học và Công nghệ");
    expect(r.out).toContain("Sở Thông tin và Truyền thông đã hợp nhất vào Sở Khoa học và Công nghệ");
  });

  it("the welcome lists the commands this role may run, from the one command table", async () => {
    const admin = (await chat(["--as", "admin"], [])).out.split("\n")[0]!;
    expect(admin).toContain("/doiten");
    expect(admin).toContain("/hoantac");
    expect(admin).toContain("/tongquan");
    const head = (await chat(["--as=head:so-khcn"], [])).out.split("\n")[0]!;
    expect(head).toContain("/nhiemvu");
    expect(head).not.toContain("/doiten");
    expect(head).not.toContain("/tongquan");
  });

  it("a wrong role or unit is said in Vietnamese and exits 2", async () => {
    const r = await chat(["--as", "head:khong-co"], []);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Không có đơn vị mã “khong-co”");
    expect(parseConsoleAs("boss", ["so-tttt"])).toMatch(/^Không hiểu vai “boss”/);
    expect(parseConsoleAs("head", ["so-tttt"])).toMatch(/cần mã đơn vị/);
    expect(parseConsoleAs("admin", [])).toEqual({ role: "admin" });
  });
});
