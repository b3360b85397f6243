/**
 * The secretariat's guided edits (src/conversation/edit-tasks.ts, edit-entries.ts) on Zalo and in the
 * terminal: the same dialogs as Telegram's, with numbered choices for its buttons; each saved change is
 * one audited commit (by the Zalo account); “hủy”, another command, a stale number change nothing.
 */
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { CONVERSATION_TEXTS as T } from "../../src/conversation/texts.ts";
import { main } from "../../src/main.ts";
import { KNOWLEDGE_DIR, LogSink, tempDataDir } from "../helpers/bot-harness.ts";
import { type TwoChannels, twoChannels, ZL_ADMIN } from "./two-channels.ts";

let c: TwoChannels | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const TASK = "nv-2023-mot-san-pham-cds";

describe("edit dialogs on Zalo", () => {
  it("/doihan: the change and numbered “Xác nhận / Hủy”; “1” saves one audited change by the Zalo admin", async () => {
    c = await twoChannels();
    const ask = (await c.zaloSay(ZL_ADMIN, `/doihan ${TASK} 30/9/2023`)).join("\n");
    expect(ask).toContain("Thời hạn: Năm 2023 (hạn 31/12/2023) → 30/9/2023 (hạn 30/09/2023)");
    expect(ask).toContain("Gõ số để chọn:\n1. Xác nhận\n2. Hủy");
    expect(c.tg.app.store.audit.list()).toEqual([]);
    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([
      "Đã lưu (thay đổi #1). Muốn trả lại như trước: /hoantac.",
    ]);
    const [entry] = c.tg.app.store.audit.list();
    expect(entry).toMatchObject({ action: "task.deadline", actor: { kind: "zalo", id: `zalo:${ZL_ADMIN}` } });
    expect(entry!.note).toContain("Sửa qua Zalo");
    expect(c.tg.app.knowledge().task(TASK)!.deadline.due).toBe("2023-09-30");
    // The dialog is over: "1" again picks nothing, and nothing more is written.
    expect((await c.zaloSay(ZL_ADMIN, "1")).join("\n")).not.toContain("Đã lưu");
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
  });

  it("/themnv step by step on Zalo; a wrong answer is asked again; “2” on the last step cancels", async () => {
    c = await twoChannels();
    expect((await c.zaloSay(ZL_ADMIN, "/themnv")).join("\n")).toContain("1/4. Tên nhiệm vụ?");
    expect((await c.zaloSay(ZL_ADMIN, "Xây dựng kho dữ liệu số của tỉnh")).join("\n")).toContain("2/4.");
    expect((await c.zaloSay(ZL_ADMIN, "Sở Không Có Thật")).join("\n")).toContain("Tôi chưa nhận ra đơn vị");
    expect((await c.zaloSay(ZL_ADMIN, "Sở TT&TT")).join("\n")).toContain("3/4.");
    expect((await c.zaloSay(ZL_ADMIN, "Quý III/2023")).join("\n")).toContain("1. Không có");
    const confirm = (await c.zaloSay(ZL_ADMIN, "1")).join("\n");
    expect(confirm).toContain("Thêm nhiệm vụ này?");
    expect(confirm).toContain("• Văn bản giao: (không có)");
    expect(await c.zaloSay(ZL_ADMIN, "2")).toEqual([T.cancelled]);
    expect(c.tg.app.store.audit.list()).toEqual([]);
    // The same dialog confirmed this time.
    await c.zaloSay(ZL_ADMIN, "/themnv");
    await c.zaloSay(ZL_ADMIN, "Xây dựng kho dữ liệu số của tỉnh");
    await c.zaloSay(ZL_ADMIN, "Sở TT&TT");
    await c.zaloSay(ZL_ADMIN, "Quý III/2023");
    await c.zaloSay(ZL_ADMIN, "không");
    expect((await c.zaloSay(ZL_ADMIN, "xác nhận")).join("\n")).toMatch(/^Đã thêm nhiệm vụ \(mã /);
    expect(c.tg.app.store.audit.list()).toMatchObject([{ action: "task.create", actor: { kind: "zalo" } }]);
  });

  it("another command ends a Zalo dialog unsaved and is answered; a unit head is refused every edit", async () => {
    c = await twoChannels();
    await c.zaloSay(ZL_ADMIN, "/themvb");
    const out = await c.zaloSay(ZL_ADMIN, "/chude 2023");
    expect(out[0]).toBe(T.leftDialog);
    expect(out.join("\n")).toContain("Huy động mọi nguồn lực");
    const { code } = await c.tg.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await c.zaloSay("z-head", `/lienket ${code.code}`);
    for (const cmd of [
      "/suanv",
      `/doihan ${TASK} 30/9/2023`,
      "/themnv",
      "/themvb",
      "/themdv",
      "/thutruong so-tttt A B C",
    ])
      expect(await c.zaloSay("z-head", cmd), cmd).toEqual([T.adminsOnly]);
    expect(c.tg.app.store.audit.list()).toEqual([]);
  });

  it("a Telegram admin's dialog and a Zalo admin's run side by side without mixing", async () => {
    c = await twoChannels();
    await c.tgSay(`/doihan ${TASK} 30/9/2023`);
    await c.zaloSay(ZL_ADMIN, "/themdv");
    // Zalo's "1" is not Telegram's confirm; the Telegram button is not Zalo's.
    expect((await c.zaloSay(ZL_ADMIN, "Trung tâm Điều hành thông minh tỉnh")).join("\n")).toContain(
      "Tên gọi khác",
    );
    expect(c.tg.app.store.audit.list()).toEqual([]);
    expect(await c.tgPress("Xác nhận")).toEqual(["Đã lưu (thay đổi #1). Muốn trả lại như trước: /hoantac."]);
    await c.zaloSay(ZL_ADMIN, "1");
    expect((await c.zaloSay(ZL_ADMIN, "1")).join("\n")).toContain(
      "Đã thêm đơn vị “Trung tâm Điều hành thông minh tỉnh”",
    );
    expect(
      c.tg.app.store.audit
        .list()
        .map((e) => e.actor.kind)
        .sort(),
    ).toEqual(["telegram", "zalo"]);
  });
});

describe("edit dialogs in the terminal (--as admin)", () => {
  it("/doihan shows the numbered confirm; “2” cancels; nothing is written", async () => {
    const dataDir = await tempDataDir();
    const out: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: () => {},
      env: { DATA_DIR: dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "silent" },
      stdin: Readable.from([`/doihan ${TASK} 30/9/2023\n`, "2\n", "thoát\n"]),
    };
    const code = await main({
      io,
      argv: ["--as", "admin"],
      dotenvPath: "/nonexistent/.env",
      logDestination: new LogSink(),
    });
    expect(code).toBe(0);
    const all = out.join("\n");
    expect(all).toContain("Thời hạn: Năm 2023 (hạn 31/12/2023) → 30/9/2023 (hạn 30/09/2023)");
    expect(all).toContain("Gõ số để chọn:\n1. Xác nhận\n2. Hủy");
    expect(all).toContain(T.cancelled);
  });
});
