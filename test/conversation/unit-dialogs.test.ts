/**
 * The admins' dialogs recording a reorganisation (issue 16: /doiten, /hopnhat, /giaithe,
 * src/conversation/edit-units.ts) on Telegram (bot.handleUpdate), Zalo (numbered choices, through the
 * fake server) and the terminal: the same preview as `kb unit …` prints, “Lưu” saving one audited change
 * by the admin (knowledge reloaded, linked officials due their one notice), /hoantac restoring
 * everything; “Hủy”, a non-admin, bad input and a forged button change nothing. Illustrative tasks (not
 * from a source) are added to a copy of the shipped knowledge.
 */
import { appendFile, cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { CONVERSATION_TEXTS as T, UNIT_CHANGE_TEXTS as U } from "../../src/conversation/texts.ts";
import { renderPlain } from "../../src/core/answers/reply.ts";
import { unitChangeNotices } from "../../src/core/reminders/unit-notices.ts";
import { main } from "../../src/main.ts";
import { LogSink, tempDataDir } from "../helpers/bot-harness.ts";
import { callbackUpdate } from "../helpers/updates.ts";
import { cli } from "../imports/helpers.ts";
import { TG_ADMIN, type TwoChannels, twoChannels, ZL_ADMIN } from "./two-channels.ts";

const EXTRA_TASKS = `
- id: vi-du-bdt-mo
  title: Ví dụ minh họa - nhiệm vụ đang làm của Ban Dân tộc
  lead: [ban-dan-toc]
  deadline: { text: "31/12/2026", due: 2026-12-31 }
  sources: [bai-viet-hop-20-02-2023]
  asOf: 2023-02-20
- id: vi-du-bdt-xong
  title: Ví dụ minh họa - nhiệm vụ Ban Dân tộc đã hoàn thành
  lead: [ban-dan-toc]
  deadline: { text: "30/06/2024", due: 2024-06-30 }
  progress: { completedOn: 2024-06-01 }
  sources: [bai-viet-hop-20-02-2023]
  asOf: 2023-02-20
- id: vi-du-bdt-phoi-hop
  title: Ví dụ minh họa - nhiệm vụ Ban Dân tộc phối hợp
  lead: [ubnd-tinh]
  support: [ban-dan-toc]
  deadline: { text: "31/12/2026", due: 2026-12-31 }
  sources: [bai-viet-hop-20-02-2023]
  asOf: 2023-02-20
`;

const NEW_UNIT = "Sở Dân tộc và Tôn giáo (ví dụ minh họa)";
const NEW_ID = "so-dan-toc-va-ton-giao-vi-du-minh-hoa";
/** The head of the Ban Dân tộc, linked on Telegram. */
const HEAD = { userId: 501, firstName: "Nguyễn", lastName: "Văn A" };

const dirs: string[] = [];
let c: TwoChannels | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function knowledgeCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-units-kb-"));
  dirs.push(dir);
  for (const f of await readdir("knowledge")) await cp(path.join("knowledge", f), path.join(dir, f));
  await appendFile(path.join(dir, "tasks.yaml"), EXTRA_TASKS);
  return dir;
}

/** Both channels on a copy of the knowledge with the illustrative tasks; the Ban Dân tộc's head linked. */
async function setup() {
  const knowledgeDir = await knowledgeCopy();
  const ch = await twoChannels({ KNOWLEDGE_DIR: knowledgeDir });
  c = ch;
  const { app } = ch.tg;
  const code = await app.store.state.createLinkCode({
    unitId: "ban-dan-toc",
    role: "head",
    name: "Nguyễn Văn A",
  });
  expect((await app.store.state.redeemLinkCode(code.code, { channel: "telegram", chatId: "501" })).ok).toBe(
    true,
  );
  const env = { DATA_DIR: ch.tg.dir, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: "silent", USER: "thu-ky" };
  return { c: ch, app, env, data: () => JSON.stringify(app.knowledge().data) };
}

const joined = (out: string[]) => out.join("\n");

/** What `kb unit …` prints as its preview (without its last line, “Chưa thay đổi gì…”). */
async function cliPreview(args: string[], env: Record<string, string>): Promise<string> {
  const r = await cli(["kb", "unit", ...args], env);
  expect(r.code, r.err).toBe(0);
  const lines = r.out.split("\n");
  expect(lines.at(-1)).toBe("Chưa thay đổi gì. Thêm --apply để áp dụng.");
  return lines.slice(0, -1).join("\n");
}

describe("/hopnhat on Telegram", () => {
  it("units one at a time, a new unit, date and document; the CLI's preview; “Lưu” saves, /hoantac restores all", async () => {
    const { c, app, env, data } = await setup();
    const before = data();
    expect(joined(await c.tgSay("/hopnhat"))).toContain(U.mergeFirst);
    // Several units fit “Ban”: choices.
    expect(joined(await c.tgSay("Ban"))).toContain("Có 4 đơn vị khớp “Ban”; chọn một:");
    expect(joined(await c.tgPress("Ban Dân tộc"))).toContain("Đơn vị bị hợp nhất: Ban Dân tộc.");
    // The same unit again, then a unit that has already ended, are refused.
    expect(joined(await c.tgSay("BDT"))).toContain(U.alreadyPicked("Ban Dân tộc"));
    expect(joined(await c.tgSay("Sở TT&TT"))).toContain(
      "Sở Thông tin và Truyền thông đã kết thúc từ 01/03/2025: không ghi thêm thay đổi được.",
    );
    expect(joined(await c.tgPress("Xong"))).toContain(U.mergeInto("Ban Dân tộc"));
    // Into itself: refused; a name that is no unit yet: “Tạo đơn vị mới”.
    expect(joined(await c.tgSay("Ban Dân tộc"))).toContain(U.intoItself("Ban Dân tộc"));
    expect(joined(await c.tgSay(NEW_UNIT))).toContain(U.noSuchTarget(NEW_UNIT));
    expect(joined(await c.tgPress(U.newUnitButton))).toContain(U.askDate("3/4", U.mergeWhen));
    expect(joined(await c.tgSay("1/3/25"))).toContain(U.dateFormat("1/3/25"));
    expect(joined(await c.tgSay("30/02/2025"))).toContain(U.noSuchDay("30/02/2025"));
    expect(joined(await c.tgSay("01/03/2025"))).toContain(U.askDocument("4/4"));
    expect(joined(await c.tgSay("abc"))).toContain(U.documentFormat("abc"));
    const preview = joined(await c.tgSay("Quyết định 99/QĐ-UBND"));
    const fromCli = await cliPreview(
      [
        "merge",
        "ban-dan-toc",
        "--into",
        NEW_UNIT,
        "--date",
        "01/03/2025",
        "--document",
        "Quyết định 99/QĐ-UBND",
      ],
      env,
    );
    expect(preview).toBe(`${fromCli}\n\n${U.previewAsk}`);
    expect(preview).toContain(`Ví dụ minh họa - nhiệm vụ đang làm của Ban Dân tộc → ${NEW_UNIT}`);
    expect(preview).toContain("Nguyễn Văn A (thủ trưởng)");
    expect(preview).toContain("“BDT”");
    expect(app.store.audit.list()).toEqual([]);

    expect(await c.tgPress(U.saveButton)).toEqual([
      [U.savedMove("1", 2, 1, "01/03/2025"), U.usersTold("01/03/2025")].join("\n"),
    ]);
    const [entry] = app.store.audit.list();
    expect(entry).toMatchObject({
      action: "unit.merge",
      actor: { kind: "telegram", id: `telegram:${TG_ADMIN}` },
    });
    expect(entry!.note).toBe(
      `Qua Telegram: Hợp nhất Ban Dân tộc vào ${NEW_UNIT} (đơn vị mới) từ 01/03/2025 (Quyết định 99/QĐ-UBND)`,
    );
    // The knowledge is reloaded: the open task belongs to the new unit from the date, the old name
    // leads to it with a note, and the linked head is due one notice from the date.
    const kb = app.knowledge();
    expect(kb.leadUnitsOn(kb.task("vi-du-bdt-mo")!, "2025-02-28").map((u) => u.id)).toEqual(["ban-dan-toc"]);
    expect(kb.leadUnitsOn(kb.task("vi-du-bdt-mo")!, "2025-03-01").map((u) => u.id)).toEqual([NEW_ID]);
    expect(kb.leadUnitsOn(kb.task("vi-du-bdt-xong")!, "2026-01-01").map((u) => u.id)).toEqual([
      "ban-dan-toc",
    ]);
    const answer = app
      .engine()
      .ask({ text: "nhiệm vụ của Ban Dân tộc", now: new Date("2026-03-10T09:00:00+07:00") });
    expect(renderPlain(answer)).toContain(
      `Ban Dân tộc đã hợp nhất vào ${NEW_UNIT} từ 01/03/2025 theo Quyết định 99/QĐ-UBND`,
    );
    const users = app.store.state.users();
    expect(unitChangeNotices(kb, users, "2025-02-28", new Set())).toEqual([]);
    const due = unitChangeNotices(kb, users, "2025-03-03", new Set());
    expect(due.map((n) => n.userId)).toEqual(["telegram:501"]);
    expect(due[0]!.message.lines.join("\n")).toContain(`trợ lý tính bạn thuộc ${NEW_UNIT}`);

    // /hoantac shows the change, “Hoàn tác” undoes it: everything as before.
    expect(joined(await c.tgSay("/hoantac"))).toContain("Hợp nhất đơn vị");
    expect(await c.tgPress("Hoàn tác")).toEqual([T.undone("1", "2")]);
    expect(data()).toBe(before);
    expect(app.knowledge().unit(NEW_ID)).toBeUndefined();
    expect(unitChangeNotices(app.knowledge(), users, "2025-03-03", new Set())).toEqual([]);
  });

  it("into an existing unit, two units merged; an ended target is refused", async () => {
    const { c, app, env } = await setup();
    await c.tgSay("/hopnhat BDT");
    await c.tgSay("Trường Chính trị");
    await c.tgSay("xong");
    expect(joined(await c.tgSay("Sở TT&TT"))).toContain(
      "Sở Thông tin và Truyền thông đã kết thúc từ 01/03/2025",
    );
    expect(joined(await c.tgSay("Sở KH&CN"))).toContain(U.askDate("3/4", U.mergeWhen));
    // Before the Sở KH&CN exists (01/03/2025): refused by the use case, asked again.
    expect(joined(await c.tgSay("01/02/2025"))).toContain(
      "Sở Khoa học và Công nghệ không còn (hoặc chưa có) vào ngày 01/02/2025.",
    );
    await c.tgSay("01/07/2025");
    const preview = joined(await c.tgPress(U.skipButton));
    const fromCli = await cliPreview(
      ["merge", "ban-dan-toc", "truong-chinh-tri", "--into", "so-khcn", "--date", "01/07/2025"],
      env,
    );
    expect(preview).toBe(`${fromCli}\n\n${U.previewAsk}`);
    expect(joined(await c.tgPress(U.saveButton))).toContain(U.savedMove("1", 2, 1, "01/07/2025"));
    const kb = app.knowledge();
    expect(kb.unitEnd("ban-dan-toc")).toMatchObject({
      kind: "merged",
      date: "2025-07-01",
      successors: ["so-khcn"],
    });
    expect(kb.unitEnd("truong-chinh-tri")).toMatchObject({ kind: "merged", successors: ["so-khcn"] });
  });
});

describe("/doiten on Telegram", () => {
  it("unit, new name, date, no document; the CLI's preview; saved, and undone by /hoantac", async () => {
    const { c, app, env, data } = await setup();
    const before = data();
    const first = joined(await c.tgSay("/doiten BDT"));
    expect(first).toContain(U.renameTitle);
    expect(first).toContain(U.renameName("Ban Dân tộc"));
    expect(joined(await c.tgSay("Ban Dân tộc"))).toContain(U.sameName("Ban Dân tộc"));
    expect(joined(await c.tgSay("Cục Thuế"))).toContain(U.nameTaken("Cục Thuế", "Cục Thuế tỉnh"));
    expect(joined(await c.tgSay("Ban Dân tộc và Tôn giáo"))).toContain(
      U.askDate("3/4", U.renameWhen("Ban Dân tộc")),
    );
    await c.tgSay("01/07/2025");
    const preview = joined(await c.tgPress(U.skipButton));
    const fromCli = await cliPreview(
      ["rename", "ban-dan-toc", "--name", "Ban Dân tộc và Tôn giáo", "--date", "01/07/2025"],
      env,
    );
    expect(preview).toBe(`${fromCli}\n\n${U.previewAsk}`);
    expect(await c.tgPress(U.saveButton)).toEqual([U.savedRename("1")]);
    expect(app.store.audit.list()).toMatchObject([{ action: "unit.rename", actor: { kind: "telegram" } }]);
    const kb = app.knowledge();
    expect(kb.unit("ban-dan-toc")!.name).toBe("Ban Dân tộc và Tôn giáo");
    expect(kb.nameOn("ban-dan-toc", "2025-06-30")).toBe("Ban Dân tộc");
    expect(joined(await c.tgSay("/hoantac"))).toContain("Đổi tên đơn vị");
    expect(await c.tgPress("Hoàn tác")).toEqual([T.undone("1", "2")]);
    expect(data()).toBe(before);
  });

  it("bad input: a closed unit, an unknown name, a date before the unit's start, a forged button", async () => {
    const { c, app, data } = await setup();
    const before = data();
    expect(joined(await c.tgSay("/doiten Sở TT&TT"))).toContain(
      "Sở Thông tin và Truyền thông đã kết thúc từ 01/03/2025: không ghi thêm thay đổi được.",
    );
    const unknown = joined(await c.tgSay("Phòng Không Có Thật"));
    expect(unknown).toContain(U.unknownUnit("Phòng Không Có Thật", true));
    expect(joined(await c.tgSay("Sở KH&CN"))).toContain(U.renameName("Sở Khoa học và Công nghệ"));
    await c.tgSay("Sở Khoa học, Công nghệ và Đổi mới sáng tạo");
    expect(joined(await c.tgSay("01/01/2025"))).toContain(
      "Sở Khoa học và Công nghệ được thành lập từ 01/03/2025: ngày thay đổi phải sau đó.",
    );
    expect(joined(await c.tgSay("hôm nay"))).toContain(U.dateFormat("hôm nay"));
    await c.tgSay("01/01/2026");
    expect(joined(await c.tgPress(U.skipButton))).toContain(U.previewAsk);
    // A forged or garbled button during the preview: a notice, nothing saved.
    for (const forged of ["d:AAAAAA:ok", "d:zz", "d:AAAAAA:c9"]) {
      const mark = c.tg.mark();
      await c.tg.handle(callbackUpdate(forged, { userId: TG_ADMIN, firstName: "Thư" }));
      const answered = c.tg.api.calls.slice(mark).filter((x) => x.method === "answerCallbackQuery");
      expect([T.staleChoice, T.oldChoice]).toContain(answered.at(-1)!.params["text"]);
    }
    expect(joined(await c.tgSay("lưu lại đi"))).toContain(U.pressSave);
    expect(app.store.audit.list()).toEqual([]);
    expect(await c.tgPress(T.cancelButton)).toEqual([T.cancelled]);
    expect(app.store.audit.list()).toEqual([]);
    expect(data()).toBe(before);
  });

  it("the knowledge changed while the preview waited: not saved", async () => {
    const { c, app } = await setup();
    await c.tgSay("/doiten BDT");
    await c.tgSay("Ban Dân tộc và Tôn giáo");
    await c.tgSay("01/07/2025");
    await c.tgPress(U.skipButton);
    // Meanwhile a Zalo admin renames the same unit.
    await c.zaloSay(ZL_ADMIN, "/doiten Ban Dân tộc");
    await c.zaloSay(ZL_ADMIN, "Ban Dân tộc tỉnh Ninh Thuận");
    await c.zaloSay(ZL_ADMIN, "01/07/2025");
    await c.zaloSay(ZL_ADMIN, "bỏ qua");
    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([U.savedRename("1")]);
    expect(await c.tgPress(U.saveButton)).toEqual([U.changedMeanwhile]);
    expect(app.store.audit.list()).toHaveLength(1);
    expect(app.knowledge().unit("ban-dan-toc")!.name).toBe("Ban Dân tộc tỉnh Ninh Thuận");
  });
});

describe("/giaithe", () => {
  it("on Zalo with numbered choices: unit, date, successor, document; “1” saves by the Zalo admin", async () => {
    const { c, app, env } = await setup();
    expect(joined(await c.zaloSay(ZL_ADMIN, "/giaithe"))).toContain(U.closeWhich);
    expect(joined(await c.zaloSay(ZL_ADMIN, "ban dan toc"))).toContain(
      U.askDate("2/4", U.closeWhen("Ban Dân tộc")),
    );
    expect(joined(await c.zaloSay(ZL_ADMIN, "1.7.2025"))).toContain(
      `${U.closeSuccessor("Ban Dân tộc")}\n\nGõ số để chọn:\n1. Không có\n2. Hủy`,
    );
    expect(joined(await c.zaloSay(ZL_ADMIN, "BDT"))).toContain(U.successorItself);
    expect(joined(await c.zaloSay(ZL_ADMIN, "Sở TT&TT"))).toContain(
      "Sở Thông tin và Truyền thông không còn (hoặc chưa có) vào ngày 01/07/2025.",
    );
    expect(joined(await c.zaloSay(ZL_ADMIN, "Sở KH&CN"))).toContain(
      `${U.askDocument("4/4")}\n\nGõ số để chọn:\n1. Bỏ qua`,
    );
    const preview = joined(await c.zaloSay(ZL_ADMIN, "45/2025/NĐ-CP"));
    const fromCli = await cliPreview(
      [
        "close",
        "ban-dan-toc",
        "--date",
        "01/07/2025",
        "--successor",
        "so-khcn",
        "--document",
        "45/2025/NĐ-CP",
      ],
      env,
    );
    expect(preview).toBe(`${fromCli}\n\n${U.previewAsk}\n\nGõ số để chọn:\n1. Lưu\n2. Hủy`);
    expect(app.store.audit.list()).toEqual([]);
    expect(await c.zaloSay(ZL_ADMIN, "1")).toEqual([
      [U.savedMove("1", 2, 1, "01/07/2025"), U.usersTold("01/07/2025")].join("\n"),
    ]);
    expect(app.store.audit.list()).toMatchObject([
      { action: "unit.close", actor: { kind: "zalo", id: `zalo:${ZL_ADMIN}` } },
    ]);
    expect(app.knowledge().unitEnd("ban-dan-toc")).toMatchObject({
      kind: "closed",
      date: "2025-07-01",
      successors: ["so-khcn"],
      document: "45/2025/NĐ-CP",
    });
    // Zalo's /hoantac <số> undoes it.
    expect(await c.zaloSay(ZL_ADMIN, "/hoantac 1")).toEqual([T.undone("1", "2")]);
    expect(app.knowledge().unitEnd("ban-dan-toc")).toBeUndefined();
  });

  it("without a successor on Telegram: the tasks left without a lead are named; “Hủy” changes nothing, “Lưu” saves", async () => {
    const { c, app, data } = await setup();
    const before = data();
    await c.tgSay("/giaithe Ban Dân tộc");
    await c.tgSay("01/07/2025");
    await c.tgPress(U.noneButton);
    const preview = joined(await c.tgPress(U.skipButton));
    expect(preview).toContain("Nhiệm vụ chưa hoàn thành sẽ không còn đơn vị chủ trì (cần giao lại) (2):");
    expect(await c.tgPress(T.cancelButton)).toEqual([T.cancelled]);
    expect(app.store.audit.list()).toEqual([]);
    expect(data()).toBe(before);
    // Typing “hủy” halfway cancels too.
    await c.tgSay("/giaithe Ban Dân tộc");
    expect(await c.tgSay("hủy")).toEqual([T.cancelled]);
    expect(data()).toBe(before);
    // Done to the end this time.
    await c.tgSay("/giaithe Ban Dân tộc");
    await c.tgSay("01/07/2025");
    await c.tgSay("không");
    await c.tgSay("bỏ qua");
    expect(await c.tgPress(U.saveButton)).toEqual([
      [U.savedClosed("1", 2), U.usersTold("01/07/2025")].join("\n"),
    ]);
    expect(app.knowledge().unitEnd("ban-dan-toc")).toMatchObject({ kind: "closed", successors: [] });
  });
});

describe("who may record a reorganisation", () => {
  it("a unit's head (Telegram, Zalo) and a stranger are refused; nothing changes", async () => {
    const { c, app, data } = await setup();
    const before = data();
    const { code } = await c.tg.assistant.createLinkCode({ unitId: "ban-dan-toc", role: "head" });
    await c.zaloSay("z-head", `/lienket ${code.code}`);
    for (const cmd of ["/doiten", "/hopnhat Ban Dân tộc", "/giaithe BDT"]) {
      expect(await c.tgSay(cmd, HEAD), cmd).toEqual([T.adminsOnly]);
      expect(await c.tgSay(cmd, { userId: 99_999, firstName: "Lạ" }), cmd).toEqual([T.adminsOnly]);
      expect(await c.zaloSay("z-head", cmd), cmd).toEqual([T.adminsOnly]);
    }
    // Not even a dialog to answer: the head's next text is a question.
    expect(joined(await c.tgSay("01/07/2025", HEAD))).not.toContain(U.askDocument("4/4"));
    expect(app.store.audit.list()).toEqual([]);
    expect(data()).toBe(before);
  });
});

describe("in the terminal (--as admin)", () => {
  it("the same dialog with numbered choices; the store is read-only: “Lưu” says so and nothing is written", async () => {
    const dataDir = await tempDataDir();
    dirs.push(dataDir);
    const knowledgeDir = await knowledgeCopy();
    const out: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: () => {},
      env: { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: "silent" },
      stdin: Readable.from(
        ["/doiten BDT", "Ban Dân tộc và Tôn giáo", "01/07/2025", "1", "1", "thoát"].map((l) => `${l}\n`),
      ),
    };
    const before = await readdir(dataDir);
    const code = await main({
      io,
      argv: ["--as", "admin"],
      dotenvPath: "/nonexistent/.env",
      logDestination: new LogSink(),
    });
    expect(code).toBe(0);
    const all = out.join("\n");
    expect(all).toContain(`${U.askDocument("4/4")}\nGõ số để chọn:\n1. Bỏ qua\n2. Hủy`);
    expect(all).toContain("Đổi tên Ban Dân tộc thành Ban Dân tộc và Tôn giáo từ 01/07/2025.");
    expect(all).toContain(`${U.previewAsk}\nGõ số để chọn:\n1. Lưu\n2. Hủy`);
    expect(all).toContain("Chưa lưu: Kho dữ liệu đang mở ở chế độ chỉ đọc");
    expect(await readdir(dataDir)).toEqual(before);
  });
});
