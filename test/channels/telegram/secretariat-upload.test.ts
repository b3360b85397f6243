/** The secretariat sends a plan table on Telegram (the conversation layer's upload use case): preview → Áp dụng / Hủy, through bot.handleUpdate. */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_TEXTS as SEC_TEXTS } from "../../../src/conversation/texts.ts";
import { documentOfCaption } from "../../../src/conversation/uploads.ts";
import { buttonsOf } from "../../helpers/bot-harness.ts";
import { callbackUpdate } from "../../helpers/updates.ts";
import { cleanPlan, cleanRows, titledPlan } from "../../imports/plans.ts";
import { ADMIN, type AdminBot, makeAdminBot, methodsSince, OTHER } from "./secretariat-helpers.ts";

let h: AdminBot | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DOC = "56/QĐ-UBND";

describe("uploading a plan table", () => {
  it("previews, then “Áp dụng” writes one audited change the answers see at once", async () => {
    h = await makeAdminBot();
    // Before: the assistant knows no task of Cục Thuế tỉnh.
    await h.say("nhiệm vụ của Cục Thuế tỉnh");
    expect(h.seen(0).join("\n")).not.toContain("Mở rộng nộp thuế điện tử");

    let mark = h.mark();
    await h.upload(await cleanPlan(), "ke-hoach.xlsx", DOC);
    expect(methodsSince(h, mark)).toEqual(["sendChatAction", "getFile", "downloadFile", "sendMessage"]);
    const preview = h.seen(mark).join("\n");
    expect(preview).toContain(`Xem trước nhập tệp “ke-hoach.xlsx” (${DOC}):`);
    expect(preview).toContain("• Thêm mới: 5 nhiệm vụ");
    expect(preview).toContain("Mở rộng nộp thuế điện tử");
    expect(preview).toContain("Chưa có gì được ghi.");
    const buttons = buttonsOf(h.api.callsTo("sendMessage").at(-1)!);
    expect(buttons.map((b) => b.text)).toEqual(["Áp dụng", "Hủy"]);
    expect(buttons[0]!.data).toMatch(/^imp:a:[A-Za-z0-9_-]{8}$/);
    // Nothing written by the preview.
    expect(h.app.store.audit.list()).toEqual([]);
    expect(h.app.knowledge().task("qd-56-2023-3")).toBeUndefined();

    mark = h.mark();
    await h.press("Áp dụng");
    expect(h.seen(mark)).toEqual([
      "Đã áp dụng (thay đổi #1): thêm 5, sửa 0, bỏ 0 nhiệm vụ. Cơ sở tri thức đã cập nhật; muốn trả lại như trước: /hoantac.",
    ]);
    const audit = h.app.store.audit.list();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "import.tasks",
      actor: { kind: "telegram", id: "telegram:42", name: "Thư Ký" },
    });
    expect(h.app.knowledge().task("qd-56-2023-3")?.title).toBe("Mở rộng nộp thuế điện tử");

    // The answers see the new task.
    mark = h.mark();
    await h.say("nhiệm vụ của Cục Thuế tỉnh");
    expect(h.seen(mark).join("\n")).toContain("Mở rộng nộp thuế điện tử");

    // The same button again: the preview is gone, nothing changes.
    mark = h.mark();
    await h.handle(callbackUpdate(buttons[0]!.data, ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(SEC_TEXTS.previewGone);
    expect(h.sentSince(mark)).toEqual([]);
    expect(h.app.store.audit.list()).toHaveLength(1);
  });

  it("reads a Word plan: the plan's document from the file, its units created on request", async () => {
    h = await makeAdminBot();
    const bytes = new Uint8Array(readFileSync("test/fixtures/plans/ke-hoach-45-2025.docx"));
    let mark = h.mark();
    await h.upload(bytes, "ke-hoach-45.docx");
    const preview = h.seen(mark).join("\n");
    expect(preview).toContain("Xem trước nhập tệp “ke-hoach-45.docx” (45/KH-UBND):");
    expect(preview).toContain("số 45/KH-UBND ngày 20/01/2025 của UBND tỉnh (chưa có trong cơ sở tri thức");
    expect(preview).toContain("• Nhóm nhiệm vụ: 7 (NHẬN THỨC SỐ; THỂ CHẾ SỐ;");
    expect(preview).toContain("• Thêm mới: 23 nhiệm vụ");
    const buttons = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).map((b) => b.text);
    expect(buttons).toEqual(["Áp dụng", "Hủy", "Áp dụng và tạo đơn vị mới"]);
    expect(h.app.knowledge().documentByNumber("45/KH-UBND")).toBeUndefined();

    mark = h.mark();
    await h.press("Áp dụng và tạo đơn vị mới");
    expect(h.seen(mark).join("\n")).toContain("thêm văn bản Kế hoạch số 45/KH-UBND");
    const kb = h.app.knowledge();
    const doc = kb.documentByNumber("45/KH-UBND");
    expect(doc).toMatchObject({ date: "2025-01-20", issuer: "UBND tỉnh", type: "Kế hoạch" });
    expect(kb.data.tasks.filter((t) => t.document === doc!.id)).toHaveLength(23);
    expect(h.app.store.audit.list()).toHaveLength(1);

    // One change, one undo: the document, its tasks and the units go together.
    mark = h.mark();
    await h.say("/hoantac");
    await h.press("Hoàn tác");
    expect(h.app.knowledge().documentByNumber("45/KH-UBND")).toBeUndefined();
    expect(h.app.knowledge().data.tasks.some((t) => t.id.startsWith("kh-45-2025"))).toBe(false);
  });

  it("refuses an old binary Word or Excel file with how to save it anew", async () => {
    h = await makeAdminBot();
    await h.upload(new Uint8Array(readFileSync("test/fixtures/plans/legacy.doc")), "ke-hoach.doc");
    await h.upload(new Uint8Array(readFileSync("test/fixtures/plans/legacy.xls")), "ke-hoach.xls");
    const [doc, xls] = h.api.sent().slice(-2);
    expect(doc).toContain(
      "là văn bản Word đời cũ (.doc). Hãy mở trong Word, chọn Lưu thành › Tài liệu Word (.docx)",
    );
    expect(xls).toContain("là bảng tính Excel đời cũ (.xls)");
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("reads a .csv (UTF-8 with BOM) the same way", async () => {
    h = await makeAdminBot();
    const csv = cleanRows()
      .map((r) => r.map((c) => `"${String(c ?? "").replace(/"/g, '""')}"`).join(","))
      .join("\r\n");
    await h.upload(new TextEncoder().encode(`\uFEFF${csv}`), "ke-hoach.csv", DOC);
    expect(h.seen(0).join("\n")).toContain("• Thêm mới: 5 nhiệm vụ");
    await h.press("Áp dụng");
    expect(h.app.knowledge().task("qd-56-2023-5")?.deadline).toEqual({
      text: "6 tháng đầu năm 2023",
      due: "2023-06-30",
    });
  });

  it("“Hủy” changes nothing", async () => {
    h = await makeAdminBot();
    await h.upload(await cleanPlan(), "ke-hoach.xlsx", `--document ${DOC}`);
    const apply = buttonsOf(h.api.callsTo("sendMessage").at(-1)!)[0]!;
    let mark = h.mark();
    await h.press("Hủy");
    expect(h.seen(mark)).toEqual([SEC_TEXTS.importCancelled]);
    mark = h.mark();
    await h.handle(callbackUpdate(apply.data, ADMIN));
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(SEC_TEXTS.previewGone);
    expect(h.sentSince(mark)).toEqual([]);
    expect(h.app.store.audit.list()).toEqual([]);
    expect(h.app.knowledge().task("qd-56-2023-1")).toBeUndefined();
  });

  it("a file from someone who is not an admin is refused and never downloaded", async () => {
    h = await makeAdminBot({ BOT_ACCESS: "open" });
    await h.upload(await cleanPlan(), "ke-hoach.xlsx", DOC, OTHER);
    expect(h.api.calls.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(h.api.sent()).toEqual([SEC_TEXTS.notAdminUpload]);
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("a file of the wrong type, or over 10 MB, gets a clear message and is not downloaded", async () => {
    h = await makeAdminBot();
    await h.upload(new Uint8Array([37, 80, 68, 70]), "bao-cao.pdf");
    await h.upload(await cleanPlan(), "lon.xlsx", DOC, ADMIN, 11 * 1024 * 1024);
    expect(h.api.calls.map((c) => c.method)).toEqual(["sendMessage", "sendMessage"]);
    const [type, size] = h.api.sent();
    expect(type).toBe(SEC_TEXTS.wrongType("bao-cao.pdf"));
    expect(type).toContain("Word (.docx) hoặc bảng nhiệm vụ dạng .xlsx, .csv");
    expect(size).toMatch(/^Tệp quá lớn \(11 MB\); tôi chỉ nhận tệp đến 10 MB\./);
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("a file that is not a plan gets the import's Vietnamese message and changes nothing", async () => {
    h = await makeAdminBot();
    await h.upload(new TextEncoder().encode("xin chào\nkhông phải bảng\n"), "ghi-chu.csv");
    const sent = h.seen(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/Không tìm thấy dòng tiêu đề của bảng nhiệm vụ/);
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("a document the knowledge lacks is named in the message", async () => {
    h = await makeAdminBot();
    await h.upload(await cleanPlan(), "ke-hoach.xlsx", "99/QĐ-UBND");
    expect(h.seen(0)[0]).toMatch(/^Chưa có văn bản “99\/QĐ-UBND” trong cơ sở tri thức/);
  });

  it("offers to create the units the table names that the knowledge lacks", async () => {
    h = await makeAdminBot();
    await h.upload(await titledPlan(), "phu-luc.xlsx");
    const preview = h.seen(0).join("\n");
    expect(preview).toContain("Đơn vị chưa có trong cơ sở tri thức");
    const labels = buttonsOf(h.api.callsTo("sendMessage").at(-1)!).map((b) => b.text);
    expect(labels).toEqual(["Áp dụng", "Hủy", "Áp dụng và tạo đơn vị mới"]);
    // Without creating them: refused, the preview stays.
    let mark = h.mark();
    await h.press("Áp dụng");
    expect(h.seen(mark)[0]).toMatch(/^Chưa áp dụng: \d+ đơn vị chưa có trong cơ sở tri thức/);
    expect(h.app.store.audit.list()).toEqual([]);
    mark = h.mark();
    await h.press("Áp dụng và tạo đơn vị mới");
    expect(h.seen(mark)[0]).toMatch(
      /^Đã áp dụng \(thay đổi #1\): thêm \d+, sửa 0, bỏ 0 nhiệm vụ, thêm \d+ đơn vị \(/,
    );
    const entry = h.app.store.audit.list()[0]!;
    expect(entry.changes!.some((c) => c.collection === "units")).toBe(true);
  });

  it("a preview made stale by another change is not applied", async () => {
    h = await makeAdminBot();
    const bytes = await cleanPlan();
    await h.upload(bytes, "a.xlsx", DOC);
    const first = buttonsOf(h.api.callsTo("sendMessage").at(-1)!)[0]!;
    await h.upload(bytes, "b.xlsx", DOC);
    await h.press("Áp dụng");
    expect(h.app.store.audit.list()).toHaveLength(1);
    const mark = h.mark();
    await h.handle(callbackUpdate(first.data, ADMIN));
    expect(h.seen(mark)).toEqual([SEC_TEXTS.importStale]);
    expect(h.app.store.audit.list()).toHaveLength(1);
  });

  it("a forged or expired preview button gets a polite answer and changes nothing", async () => {
    h = await makeAdminBot();
    for (const data of ["imp:a:zzz", "imp:u:zzz", "imp:c:zzz", "imp:x:?"]) {
      await h.handle(callbackUpdate(data, ADMIN));
    }
    expect(h.api.calls.map((c) => c.method)).toEqual(Array(4).fill("answerCallbackQuery"));
    expect(new Set(h.api.callsTo("answerCallbackQuery").map((p) => p["text"]))).toEqual(
      new Set([SEC_TEXTS.previewGone]),
    );
    // An admin's real preview expires after 30 minutes.
    await h.upload(await cleanPlan(), "ke-hoach.xlsx", DOC);
    h.clock.advance(31 * 60_000);
    const mark = h.mark();
    await h.press("Áp dụng");
    expect(h.sentSince(mark)).toEqual([]);
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toBe(SEC_TEXTS.previewGone);
    expect(h.app.store.audit.list()).toEqual([]);
  });

  it("a non-admin pressing a preview button is refused", async () => {
    h = await makeAdminBot({ BOT_ACCESS: "open" });
    await h.upload(await cleanPlan(), "ke-hoach.xlsx", DOC);
    await h.press("Áp dụng", OTHER);
    expect(h.api.callsTo("answerCallbackQuery").at(-1)!["text"]).toMatch(/chỉ dành cho quản trị viên/);
    expect(h.app.store.audit.list()).toEqual([]);
  });
});

describe("documentOfCaption", () => {
  it("reads the document from a caption", () => {
    expect(documentOfCaption("56/QĐ-UBND")).toBe("56/QĐ-UBND");
    expect(documentOfCaption("--document 56/QĐ-UBND")).toBe("56/QĐ-UBND");
    expect(documentOfCaption("Quyết định 56/QĐ-UBND")).toBe("Quyết định 56/QĐ-UBND");
    expect(documentOfCaption("gửi anh bảng mới")).toBeUndefined();
    expect(documentOfCaption(undefined)).toBeUndefined();
  });
});

describe("the fake Bot API serves uploaded files", () => {
  it("getFile gives a path and the download returns the bytes; unknown files are errors", async () => {
    h = await makeAdminBot();
    const f = h.api.addFile(new Uint8Array([1, 2, 3]), { extension: "csv" });
    const file = await h.bot.api.getFile(f.file_id);
    expect(file).toMatchObject({ file_id: f.file_id, file_size: 3, file_path: "documents/file_1.csv" });
    const res = await h.api.fetch(`https://api.telegram.org/file/bot${h.bot.token}/${file.file_path}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await h.api.fetch(`https://api.telegram.org/file/botWRONG/${file.file_path}`)).status).toBe(401);
    await expect(h.bot.api.getFile("nope")).rejects.toThrow(/invalid file_id/);
  });
});
