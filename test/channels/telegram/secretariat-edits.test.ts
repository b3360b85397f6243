/** Guided edits (the conversation layer's dialogs) on Telegram, through bot.handleUpdate: each saved change is one audit entry. */
import { afterEach, describe, expect, it } from "vitest";
import { TEXTS } from "../../../src/channels/telegram/texts.ts";
import { CONVERSATION_TEXTS } from "../../../src/conversation/texts.ts";
import { buttonsOf } from "../../helpers/bot-harness.ts";
import { callbackUpdate, textUpdate } from "../../helpers/updates.ts";
import { ADMIN, type AdminBot, makeAdminBot, OTHER } from "./secretariat-helpers.ts";

let h: AdminBot | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TASK = "nv-2023-mot-san-pham-cds";

describe("/doihan", () => {
  it("shows the change, writes nothing until “Xác nhận”, then one audited change", async () => {
    h = await makeAdminBot();
    let mark = h.mark();
    await h.say(`/doihan ${TASK} 30/9/2023`);
    const ask = h.seen(mark).join("\n");
    expect(ask).toContain(
      "Dời thời hạn nhiệm vụ “Phấn đấu hoàn thành ít nhất một sản phẩm chuyển đổi số năm 2023”?",
    );
    expect(ask).toContain("Thời hạn: Năm 2023 (hạn 31/12/2023) → 30/9/2023 (hạn 30/09/2023)");
    const labels = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).map((b) => b.text);
    expect(labels).toEqual(["Xác nhận", "Hủy"]);
    expect(h.app.store.audit.list()).toEqual([]);

    mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark)).toEqual(["Đã lưu (thay đổi #1). Muốn trả lại như trước: /hoantac."]);
    const entries = h.app.store.audit.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "task.deadline",
      actor: { kind: "telegram", id: "telegram:42" },
    });
    const task = h.app.knowledge().task(TASK)!;
    expect(task.deadline).toEqual({ text: "30/9/2023", due: "2023-09-30" });
    expect(task.sources).toEqual(["bai-viet-hop-20-02-2023", "to-giup-viec"]);
    expect(task.asOf).toBe("2023-06-01");
    // The secretariat's source was created in the same change.
    expect(h.app.knowledge().source("to-giup-viec")).toMatchObject({ kind: "secretariat" });
    expect(entries[0]!.changes!.map((c) => c.collection).sort()).toEqual(["sources", "tasks"]);

    // Pressing "Xác nhận" again: the dialog is over; the button is stale.
    mark = h.mark();
    await h.press("Xác nhận");
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(TEXTS.staleButton);
    expect(h.app.store.audit.list()).toHaveLength(1);
  });

  it("/hoantac after it restores the deadline, after a confirm", async () => {
    h = await makeAdminBot();
    await h.say(`/doihan ${TASK} Quý III/2023`);
    await h.press("Xác nhận");
    expect(h.app.knowledge().task(TASK)!.deadline.due).toBe("2023-09-30");
    let mark = h.mark();
    await h.say("/hoantac");
    const ask = h.seen(mark).join("\n");
    expect(ask).toContain("Hoàn tác thay đổi #1?");
    expect(ask).toContain("Dời thời hạn nhiệm vụ");
    expect(h.app.knowledge().task(TASK)!.deadline.due).toBe("2023-09-30");
    mark = h.mark();
    await h.press("Hoàn tác");
    expect(h.seen(mark)).toEqual([
      "Đã hoàn tác thay đổi #1 (ghi vào nhật ký là #2). Cơ sở tri thức đã trở lại như trước thay đổi đó.",
    ]);
    expect(h.app.knowledge().task(TASK)!.deadline).toEqual({ text: "Năm 2023", due: "2023-12-31" });
    expect(h.app.knowledge().source("to-giup-viec")).toBeUndefined();
    mark = h.mark();
    await h.say("/hoantac");
    expect(h.seen(mark)).toEqual([CONVERSATION_TEXTS.nothingToUndo]);
    // /lichsu shows both.
    mark = h.mark();
    await h.say("/lichsu");
    const log = h.seen(mark).join("\n");
    expect(log).toMatch(/#2 .*Telegram: Thư Ký {2}Hoàn tác thay đổi #1/);
    expect(log).toMatch(/#1 .*Dời thời hạn nhiệm vụ \(đã hoàn tác\)/);
  });

  it("a wrong line gets the usage, an unknown task says so, and nothing is written", async () => {
    h = await makeAdminBot();
    await h.say("/doihan");
    await h.say(`/doihan ${TASK} khi nào xong`);
    await h.say("/doihan khong-co-nv 30/9/2023");
    const sent = h.api.sent(); // plain text (no HTML): "<mã nhiệm vụ>" is shown as typed
    expect(sent[0]).toMatch(/^Cách dùng: \/doihan <mã nhiệm vụ> <thời hạn mới>/);
    expect(sent[1]).toMatch(/^Tôi chưa tính được ngày hạn từ “khi nào xong”\./);
    expect(sent[2]).toBe("Không có nhiệm vụ mã “khong-co-nv”.");
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("/hoantac is refused when another change came after it was asked", async () => {
    h = await makeAdminBot();
    await h.say(`/doihan ${TASK} 30/9/2023`);
    await h.press("Xác nhận");
    await h.say("/hoantac");
    const undo = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).find((b) => b.text === "Hoàn tác")!;
    // Another change meanwhile, not through this admin's chat (the CLI, another admin).
    await h.app.store.commitChange({ actor: { kind: "cli" }, action: "task.deadline" }, (tx) => {
      tx.upsert("tasks", {
        ...h!.app.knowledge().task(TASK)!,
        deadline: { text: "31/10/2023", due: "2023-10-31" },
      });
    });
    h.app.reloadKnowledge();
    const mark = h.mark();
    await h.handle(callbackUpdate(undo.data, ADMIN));
    expect(h.seen(mark)).toEqual([CONVERSATION_TEXTS.undoMoved]);
    expect(h.app.knowledge().task(TASK)!.deadline.due).toBe("2023-10-31");
    expect(h.app.store.audit.list()).toHaveLength(2);
  });

  it("/hoantac's button of an older dialog, or a forged one, is refused; nothing is undone", async () => {
    h = await makeAdminBot();
    await h.say(`/doihan ${TASK} 30/9/2023`);
    await h.press("Xác nhận");
    await h.say("/hoantac");
    const undo = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).find((b) => b.text === "Hoàn tác")!;
    await h.say("/hoantac");
    await h.handle(callbackUpdate(undo.data, ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(CONVERSATION_TEXTS.oldChoice);
    await h.handle(callbackUpdate("d:AAAAAA:ok", ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(CONVERSATION_TEXTS.oldChoice);
    await h.handle(callbackUpdate("hist:u:1", ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(TEXTS.staleButton);
    expect(h.app.store.audit.list()).toHaveLength(1);
    expect(h.app.knowledge().task(TASK)!.deadline.due).toBe("2023-09-30");
  });
});

describe("/themnv", () => {
  it("asks step by step, asks again on a wrong answer, and writes one entry on “Xác nhận”", async () => {
    h = await makeAdminBot();
    let mark = h.mark();
    await h.say("/themnv");
    expect(h.seen(mark).join("\n")).toContain("1/4. Tên nhiệm vụ?");
    await h.say("Xây dựng kho dữ liệu dùng chung của tỉnh");
    mark = h.mark();
    await h.say("Sở Không Tồn Tại");
    expect(h.seen(mark).join("\n")).toMatch(/Tôi chưa nhận ra đơn vị “Sở Không Tồn Tại”/);
    mark = h.mark();
    await h.say("Sở TT&TT; Ban Dân tộc");
    expect(h.seen(mark).join("\n")).toContain("3/4. Thời hạn");
    mark = h.mark();
    await h.say("khi nào xong");
    expect(h.seen(mark).join("\n")).toContain("Tôi chưa tính được ngày hạn từ “khi nào xong”.");
    await h.say("Quý IV/2023");
    mark = h.mark();
    await h.say("99/QĐ-UBND");
    expect(h.seen(mark).join("\n")).toContain("Chưa có văn bản “99/QĐ-UBND” trong cơ sở tri thức.");
    mark = h.mark();
    await h.say("56/QĐ-UBND");
    const summary = h.seen(mark).join("\n");
    expect(summary).toContain("Thêm nhiệm vụ này?");
    expect(summary).toContain("• Chủ trì: Sở Thông tin và Truyền thông; Ban Dân tộc");
    expect(summary).toContain("• Thời hạn: Quý IV/2023 (hạn 31/12/2023)");
    expect(summary).toContain("• Văn bản giao: 56/QĐ-UBND");
    expect(h.app.store.audit.list()).toEqual([]);

    mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark)[0]).toMatch(
      /^Đã thêm nhiệm vụ \(mã xay-dung-kho-du-lieu-dung-chung-cua-tinh, thay đổi #1\)/,
    );
    const entries = h.app.store.audit.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe("task.create");
    expect(h.app.knowledge().task("xay-dung-kho-du-lieu-dung-chung-cua-tinh")).toMatchObject({
      lead: ["so-tttt", "ban-dan-toc"],
      deadline: { text: "Quý IV/2023", due: "2023-12-31" },
      document: "qd-56-2023",
      year: 2023,
      sources: ["qd-56-2023", "to-giup-viec"],
      asOf: "2023-06-01",
    });
    // The answers know it.
    mark = h.mark();
    await h.say("nhiệm vụ của Ban Dân tộc");
    expect(h.seen(mark).join("\n")).toContain("Xây dựng kho dữ liệu dùng chung của tỉnh");
  });

  it("“hủy” (or the Hủy button) cancels; nothing is written and the next text is a question again", async () => {
    h = await makeAdminBot();
    await h.say("/themnv");
    await h.say("Xây dựng kho dữ liệu dùng chung của tỉnh");
    let mark = h.mark();
    await h.say("hủy");
    expect(h.seen(mark)).toEqual([CONVERSATION_TEXTS.cancelled]);
    mark = h.mark();
    await h.say("chủ đề năm 2023");
    expect(h.seen(mark).join("\n")).toContain("Huy động mọi nguồn lực");

    await h.say("/themnv");
    mark = h.mark();
    await h.press("Hủy");
    expect(h.seen(mark)).toEqual([CONVERSATION_TEXTS.cancelled]);
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("another command ends the dialog without saving and is answered as usual", async () => {
    h = await makeAdminBot();
    await h.say("/themnv");
    const mark = h.mark();
    await h.say("/chude");
    const sent = h.seen(mark);
    expect(sent[0]).toBe(CONVERSATION_TEXTS.leftDialog);
    expect(sent[1]).toContain("Huy động mọi nguồn lực");
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("a button of an older dialog cannot answer the new one", async () => {
    h = await makeAdminBot();
    await h.say(`/doihan ${TASK} 30/9/2023`);
    const old = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).find((b) => b.text === "Xác nhận")!;
    await h.say(`/doihan ${TASK} 31/10/2023`);
    await h.handle(callbackUpdate(old.data, ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(CONVERSATION_TEXTS.oldChoice);
    expect(h.app.store.audit.list()).toEqual([]);
    await h.press("Xác nhận");
    expect(h.app.knowledge().task(TASK)!.deadline.due).toBe("2023-10-31");
  });
});

describe("/suanv", () => {
  it("finds the task by words, edits several fields, saves them in one change", async () => {
    h = await makeAdminBot();
    let mark = h.mark();
    await h.say("/suanv sản phẩm chuyển đổi số");
    expect(h.seen(mark).join("\n")).toContain(`Mã: ${TASK}`);
    await h.press("Tên nhiệm vụ");
    await h.say("Hoàn thành ít nhất một sản phẩm chuyển đổi số trong năm 2023");
    await h.press("Hoàn thành");
    mark = h.mark();
    await h.say("20/7/2023");
    expect(h.seen(mark).join("\n")).toContain("Ngày hoàn thành không thể sau hôm nay.");
    await h.press("Hôm nay");
    mark = h.mark();
    await h.press("Lưu thay đổi");
    const summary = h.seen(mark).join("\n");
    expect(summary).toContain(
      "• Tên: Phấn đấu hoàn thành ít nhất một sản phẩm chuyển đổi số năm 2023 → Hoàn thành ít nhất một sản phẩm chuyển đổi số trong năm 2023",
    );
    expect(summary).toContain("• Tiến độ: chưa ghi hoàn thành → đã hoàn thành ngày 01/06/2023");
    await h.press("Xác nhận");
    const entries = h.app.store.audit.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe("task.update");
    expect(h.app.knowledge().task(TASK)).toMatchObject({
      title: "Hoàn thành ít nhất một sản phẩm chuyển đổi số trong năm 2023",
      progress: { completedOn: "2023-06-01" },
    });
  });

  it("offers a choice when several tasks match, and changes the lead units", async () => {
    h = await makeAdminBot();
    let mark = h.mark();
    await h.say("/suanv năm 2023");
    expect(h.seen(mark).join("\n")).toMatch(/Có \d+ nhiệm vụ khớp; chọn một:/);
    await h.press("1");
    await h.press("Đơn vị chủ trì");
    await h.say("Sở TT&TT");
    await h.press("Lưu thay đổi");
    mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark)[0]).toMatch(/^Đã lưu \(thay đổi #1\)/);
    const id = h.app.store.audit.list()[0]!.changes!.find((c) => c.collection === "tasks")!.id;
    expect(h.app.knowledge().task(id)!.lead).toEqual(["so-tttt"]);
  });

  it("an unknown task is said so; “Lưu thay đổi” without changes saves nothing", async () => {
    h = await makeAdminBot();
    let mark = h.mark();
    await h.say("/suanv không có nhiệm vụ nào như thế này");
    expect(h.seen(mark).join("\n")).toContain("Không tìm thấy nhiệm vụ nào khớp");
    await h.say(TASK);
    mark = h.mark();
    await h.press("Lưu thay đổi");
    expect(h.seen(mark).join("\n")).toContain("Chưa có gì thay đổi.");
    await h.say("thôi");
    expect(h.app.store.audit.list()).toEqual([]);
  });
});

describe("/themvb, /themdv, /thutruong", () => {
  it("/themvb adds a document the import can then use", async () => {
    h = await makeAdminBot();
    await h.say("/themvb");
    let mark = h.mark();
    await h.say("56/QĐ-UBND");
    expect(h.seen(mark).join("\n")).toContain("Đã có văn bản 56/QĐ-UBND trong cơ sở tri thức");
    mark = h.mark();
    await h.say("120/KH-UBND");
    const labels = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).map((b) => b.text);
    expect(labels).toEqual(["Kế hoạch", "Hủy"]);
    await h.press("Kế hoạch");
    await h.say("10/5/2023");
    await h.say("UBND tỉnh Ninh Thuận");
    await h.say("Kế hoạch phát triển dữ liệu số của tỉnh năm 2023");
    mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark)[0]).toBe("Đã thêm văn bản 120/KH-UBND (thay đổi #1). Muốn bỏ lại: /hoantac.");
    expect(h.app.store.audit.list()[0]!.action).toBe("document.create");
    expect(h.app.knowledge().documentByNumber("120/KH-UBND")).toMatchObject({
      id: "kh-120-2023",
      type: "Kế hoạch",
      date: "2023-05-10",
      issuer: "UBND tỉnh Ninh Thuận",
      sources: ["to-giup-viec"],
    });
  });

  it("/themdv adds a unit; an existing one is refused with its name", async () => {
    h = await makeAdminBot();
    await h.say("/themdv");
    let mark = h.mark();
    await h.say("Sở TT&TT");
    expect(h.seen(mark).join("\n")).toContain("Đã có đơn vị “Sở Thông tin và Truyền thông” (mã so-tttt).");
    await h.say("Trung tâm Giám sát điều hành đô thị thông minh tỉnh");
    await h.say("IOC; Trung tâm IOC");
    mark = h.mark();
    await h.press("Xác nhận");
    expect(h.seen(mark)[0]).toMatch(
      /^Đã thêm đơn vị “Trung tâm Giám sát điều hành đô thị thông minh tỉnh” \(mã /,
    );
    const entry = h.app.store.audit.list()[0]!;
    expect(entry.action).toBe("unit.create");
    const unit = h.app.knowledge().unit(entry.changes!.find((c) => c.collection === "units")!.id)!;
    expect(unit).toMatchObject({ kind: "don-vi", aliases: ["IOC", "Trung tâm IOC"] });
  });

  it("/thutruong records the new head; the former head keeps their other positions", async () => {
    h = await makeAdminBot();
    await h.say("/thutruong so-tttt Nguyễn Văn An");
    let mark = h.mark();
    await h.press("Giám đốc Sở Thông tin và Truyền thông");
    const summary = h.seen(mark).join("\n");
    expect(summary).toContain("Nguyễn Văn An: Giám đốc Sở Thông tin và Truyền thông (từ 01/06/2023)");
    expect(summary).toContain("Đào Xuân Kỳ: thôi giữ chức Giám đốc Sở Thông tin và Truyền thông");
    await h.press("Xác nhận");
    const entry = h.app.store.audit.list()[0]!;
    expect(entry.action).toBe("person.update");
    const kb = h.app.knowledge();
    expect(kb.person("nguyen-van-an")!.positions).toEqual([
      {
        title: "Giám đốc Sở Thông tin và Truyền thông",
        unit: "so-tttt",
        role: "leader",
        asOf: "2023-06-01",
        sources: ["to-giup-viec"],
      },
    ]);
    expect(kb.person("dao-xuan-ky")!.positions.map((p) => p.title)).toEqual([
      "Phó Trưởng ban Điều hành chuyển đổi số tỉnh",
    ]);
    mark = h.mark();
    await h.say("Giám đốc Sở TT&TT là ai?");
    const answer = h.seen(mark).join("\n");
    expect(answer).toContain("Nguyễn Văn An");
    expect(answer).not.toContain("Đào Xuân Kỳ");
  });

  it("/thutruong with an unknown unit or no name gets the usage", async () => {
    h = await makeAdminBot();
    await h.say("/thutruong");
    await h.say("/thutruong so-khong-co Nguyễn Văn An");
    const sent = h.api.sent();
    expect(sent[0]).toMatch(/^Cách dùng: \/thutruong <mã đơn vị> <họ tên>/);
    expect(sent[1]).toMatch(/^Không có đơn vị mã “so-khong-co”\./);
  });
});

describe("admins only", () => {
  it.each([
    "/suanv abc",
    "/doihan a 30/9/2023",
    "/themnv",
    "/themvb",
    "/themdv",
    "/thutruong so-tttt A B",
    "/xuat",
    "/lichsu",
    "/hoantac",
    "/cauhoi",
    "/thongbao xin chào",
  ])("%s is refused to others", async (cmd) => {
    h = await makeAdminBot({ BOT_ACCESS: "open" });
    await h.handle(textUpdate(cmd, OTHER));
    expect(h.api.sent()).toEqual([TEXTS.adminOnly]);
  });
});
