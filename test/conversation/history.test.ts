/**
 * /lichsu and /hoantac from the channel-neutral conversation layer (src/conversation/history.ts), on
 * Zalo (numbered choices), Telegram (buttons) and in the terminal (`--as admin`): the list of recent
 * changes; /hoantac shows the change to be undone, then “Hoàn tác” / “Hủy”; a stale choice, a choice of
 * an older dialog, or a change that came in between is refused in Vietnamese and nothing is undone.
 */
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { CONVERSATION_TEXTS as T } from "../../src/conversation/texts.ts";
import { main } from "../../src/main.ts";
import { KNOWLEDGE_DIR, LogSink, makeApp, tempDataDir } from "../helpers/bot-harness.ts";
import { type TwoChannels, twoChannels, ZL_ADMIN } from "./two-channels.ts";

let c: TwoChannels | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const TASK = "nv-2023-mot-san-pham-cds";

/** One change to undo, made through a Telegram dialog (as the secretariat would). */
async function oneChange(ch: TwoChannels, due = "30/9/2023"): Promise<void> {
  await ch.tgSay(`/doihan ${TASK} ${due}`);
  await ch.tgPress("Xác nhận");
}

describe("/lichsu and /hoantac on Zalo", () => {
  it("/lichsu lists the changes; /hoantac shows the change with numbered “Hoàn tác / Hủy”; “1” undoes it", async () => {
    c = await twoChannels();
    await oneChange(c);
    const history = (await c.zaloSay(ZL_ADMIN, "/lichsu")).join("\n");
    expect(history).toContain("Nhật ký thay đổi (1 thay đổi gần nhất)");
    expect(history).toMatch(/#1 .*Dời thời hạn nhiệm vụ/);
    expect(history).toContain(T.undoHint);

    const ask = (await c.zaloSay(ZL_ADMIN, "/hoantac")).join("\n");
    expect(ask).toContain(T.undoTitle("1"));
    expect(ask).toContain("Dời thời hạn nhiệm vụ");
    expect(ask).toContain(T.undoAsk);
    expect(ask).toContain("Gõ số để chọn:\n1. Hoàn tác\n2. Hủy");
    expect(c.tg.app.store.audit.list()).toHaveLength(1);

    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([T.undone("1", "2")]);
    expect(c.tg.app.knowledge().task(TASK)!.deadline.due).toBe("2023-12-31");
    expect(c.tg.app.store.audit.list()[0]).toMatchObject({
      undoes: "1",
      actor: { kind: "zalo", id: `zalo:${ZL_ADMIN}` },
    });

    // The dialog is over: “1” again is a stale choice; nothing more is undone.
    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([T.staleChoice]);
    expect(c.tg.app.store.audit.list()).toHaveLength(2);
    expect(await c.zaloSay(ZL_ADMIN, "/hoantac")).toEqual([T.nothingToUndo]);
  });

  it("“2” (Hủy) and “hủy” cancel; nothing is undone", async () => {
    c = await twoChannels();
    await oneChange(c);
    await c.zaloSay(ZL_ADMIN, "/hoantac");
    expect(await c.zaloSay(ZL_ADMIN, "2")).toEqual([T.cancelled]);
    await c.zaloSay(ZL_ADMIN, "/hoantac");
    expect(await c.zaloSay(ZL_ADMIN, "hủy")).toEqual([T.cancelled]);
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
    expect(c.tg.app.knowledge().task(TASK)!.deadline.due).toBe("2023-09-30");
  });

  it("a change that came in between (another admin, on Telegram) refuses the undo; nothing is undone", async () => {
    c = await twoChannels();
    await oneChange(c);
    await c.zaloSay(ZL_ADMIN, "/hoantac");
    await oneChange(c, "31/10/2023");
    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([T.undoMoved]);
    expect(c.tg.app.store.audit.list()).toHaveLength(2);
    expect(c.tg.app.knowledge().task(TASK)!.deadline.due).toBe("2023-10-31");
    // Asked again, it offers the latest change.
    expect((await c.zaloSay(ZL_ADMIN, "/hoantac")).join("\n")).toContain(T.undoTitle("2"));
  });

  it("/hoantac <số> undoes at once only the latest change; another number changes nothing", async () => {
    c = await twoChannels();
    await oneChange(c);
    expect(await c.zaloSay(ZL_ADMIN, "/hoantac 7")).toEqual([T.undoNotLatest("7")]);
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
    expect(await c.zaloSay(ZL_ADMIN, "/hoantac 1")).toEqual([T.undone("1", "2")]);
  });

  it("a unit head is refused /lichsu and /hoantac with the admins-only text", async () => {
    c = await twoChannels();
    await oneChange(c);
    const code = await c.tg.assistant.createLinkCode({ unitId: "so-tttt", role: "head" });
    await c.zaloSay("z-head", `/lienket ${code.code.code}`);
    for (const cmd of ["/lichsu", "/hoantac", "/hoantac 1"])
      expect(await c.zaloSay("z-head", cmd)).toEqual([T.adminsOnly]);
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
  });
});

describe("/hoantac on Telegram", () => {
  it("buttons “Hoàn tác” / “Hủy”; the admin's own newer dialog makes the old button stale", async () => {
    c = await twoChannels();
    await oneChange(c);
    expect((await c.tgSay("/hoantac")).join("\n")).toContain(T.undoTitle("1"));
    // A new dialog (another /hoantac) replaces the first one: the first's button is of an older dialog.
    const first = c.tg.api.calls.filter((x) => x.method === "sendMessage").at(-1)!;
    const data = (first.params["reply_markup"] as { inline_keyboard: { callback_data: string }[][] })
      .inline_keyboard[0]![0]!.callback_data;
    await c.tgSay("/hoantac");
    await c.tg.handle({
      update_id: 9_000_001,
      callback_query: {
        id: "cb-old",
        from: { id: 42, is_bot: false, first_name: "Thư" },
        chat_instance: "ci",
        data,
        message: { message_id: 1, date: 1_700_000_000, chat: { id: 42, type: "private", first_name: "Thư" } },
      },
    } as never);
    expect(c.tg.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(T.oldChoice);
    expect(c.tg.app.store.audit.list()).toHaveLength(1);
    expect(await c.tgPress("Hủy")).toEqual([T.cancelled]);
    expect(c.tg.app.knowledge().task(TASK)!.deadline.due).toBe("2023-09-30");
  });
});

describe("/lichsu and /hoantac in the terminal (--as admin)", () => {
  it("lists the change, shows the numbered “Hoàn tác / Hủy”, and writes nothing (the store is read-only)", async () => {
    const dataDir = await tempDataDir();
    const h = await makeApp({}, { dir: dataDir });
    await h.app.store.commitChange({ actor: { kind: "cli" }, action: "unit.update" }, (tx) => {
      tx.upsert("units", { ...h.app.knowledge().unit("so-tttt")!, name: "Sở Thử nghiệm" });
    });
    await h.close();
    const out: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: () => {},
      env: { DATA_DIR: dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "silent" },
      stdin: Readable.from(["/lichsu\n", "/hoantac\n", "1\n", "/hoantac\n", "2\n", "thoát\n"]),
    };
    const code = await main({
      io,
      argv: ["--as", "admin"],
      dotenvPath: "/nonexistent/.env",
      logDestination: new LogSink(),
    });
    expect(code).toBe(0);
    const all = out.join("\n");
    expect(all).toContain("Nhật ký thay đổi (1 thay đổi gần nhất)");
    expect(all).toContain(T.undoTitle("1"));
    expect(all).toContain("Gõ số để chọn:\n1. Hoàn tác\n2. Hủy");
    expect(all).toContain("Chưa hoàn tác được:");
    expect(all).toContain(T.cancelled);
    const again = await makeApp({}, { dir: dataDir });
    expect(again.app.store.audit.list()).toHaveLength(1);
    expect(again.app.knowledge().unit("so-tttt")!.name).toBe("Sở Thử nghiệm");
    await again.close();
  });
});
