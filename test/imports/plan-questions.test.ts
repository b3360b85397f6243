/**
 * Questions over a plan the secretariat imported (ke-hoach-45-2025.docx, with the units it creates):
 * the tasks of a section, of a period, the continuous ones, who supports or leads a task named by a few
 * of its words, and "của tôi" for a unit the import created. Every answer cites the plan.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/app.ts";
import { type Reply, renderPlain } from "../../src/core/answers/reply.ts";
import { applyImport, previewImport } from "../../src/imports/index.ts";
import { makeApp } from "./helpers.ts";

let app: App;
const NOW = new Date("2025-03-01T02:00:00Z");
const PLAN = "Kế hoạch số 45/KH-UBND ngày 20/01/2025";

beforeAll(async () => {
  app = await makeApp();
  const bytes = new Uint8Array(readFileSync("test/fixtures/plans/ke-hoach-45-2025.docx"));
  const preview = await previewImport(app, { name: "ke-hoach-45-2025.docx", bytes }, { createUnits: true });
  await applyImport(app, preview, { kind: "cli", name: "test" });
});

function ask(text: string, unitId?: string): { reply: Reply; text: string; titles: string[] } {
  const reply = app.engine().ask({ text, now: NOW, ...(unitId ? { asker: { unitId } } : {}) });
  const titles = reply.items.filter((i) => i.kind === "task").map((i) => app.knowledge().task(i.id)!.title);
  return { reply, text: renderPlain(reply), titles };
}

function unitId(name: string): string {
  const u = app.knowledge().data.units.find((x) => x.name === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u.id;
}

describe("questions over an imported plan", () => {
  it("the tasks of a section, named in full or by some of its words, with or without diacritics", () => {
    for (const q of [
      "các nhiệm vụ về an toàn thông tin mạng",
      "nhiem vu ve an toan thong tin",
      "nhiệm vụ nhóm AN TOÀN THÔNG TIN MẠNG",
    ]) {
      const a = ask(q);
      expect(a.reply.intent, q).toBe("tasks");
      expect(a.text, q).toContain("thuộc nhóm “AN TOÀN THÔNG TIN MẠNG” trong cơ sở tri thức (3)");
      expect(a.titles, q).toContain("Diễn tập thực chiến bảo đảm an toàn thông tin mạng cấp tỉnh");
      expect(a.text, q).toContain(PLAN);
    }
    // A section name shortened ("kinh tế số" for "KINH TẾ SỐ VÀ XÃ HỘI SỐ"), with a unit.
    const econ = ask("kinh tế số phải làm gì");
    expect(econ.text).toContain("thuộc nhóm “KINH TẾ SỐ VÀ XÃ HỘI SỐ”");
    const mixed = ask("nhiệm vụ hạ tầng số của Sở KH&CN");
    expect(mixed.text).toContain("Nhiệm vụ thuộc nhóm “HẠ TẦNG SỐ” của Sở Khoa học và Công nghệ (3)");
  });

  it("the tasks due in a period, also within a section", () => {
    const q3 = ask("nhiệm vụ quý 3 năm 2025");
    expect(q3.reply.intent).toBe("deadlines");
    expect(q3.text).toContain("có hạn trong quý III/2025");
    expect(q3.titles).toContain("Nâng cấp Trung tâm dữ liệu tỉnh bảo đảm an toàn cấp độ 3");
    const sep = ask("nhiem vu thang 9/2025 ve an toan thong tin mang");
    expect(sep.text).toContain("thuộc nhóm “AN TOÀN THÔNG TIN MẠNG” có hạn trong tháng 9/2025 (1)");
    expect(sep.titles).toEqual(["Diễn tập thực chiến bảo đảm an toàn thông tin mạng cấp tỉnh"]);
  });

  it("the continuous and the recurring tasks", () => {
    const cont = ask("các nhiệm vụ thường xuyên");
    expect(cont.text).toContain("Nhiệm vụ thường xuyên trong cơ sở tri thức (2)");
    expect(cont.titles.sort()).toEqual([
      'Duy trì chuyên mục "Chuyển đổi số" trên Cổng thông tin điện tử tỉnh',
      "Giám sát, phát hiện và xử lý lỗ hổng bảo mật trên các hệ thống của tỉnh",
    ]);
    const rec = ask("nhiệm vụ định kỳ hằng tháng");
    expect(rec.titles).toContain("Tuyên truyền dịch vụ công trực tuyến toàn trình đến người dân");
  });

  it("the deadline, the lead and the coordinating units of a task named by a few of its words", () => {
    const due = ask("hạn chót nâng cấp trung tâm dữ liệu tỉnh");
    expect(due.text).toContain("hạn tháng 9/2025, 30/09/2025");
    const support = ask("ai phối hợp phủ sóng di động 4G");
    expect(support.reply.abstained).toBe(false);
    expect(support.text.split("\n")[0]).toBe(
      "Phối hợp thực hiện “Phủ sóng di động 4G/5G tại các thôn còn vùng lõm sóng”: UBND huyện Bác Ái; UBND huyện Ninh Sơn. [1]",
    );
    const none = ask("đơn vị phối hợp tập huấn bệnh án điện tử");
    expect(none.text.split("\n")[0]).toContain(
      "Nguồn không ghi đơn vị phối hợp cho nhiệm vụ “Tập huấn sử dụng bệnh án",
    );
    const lead = ask("don vi nao chu tri so hoa ho so thu tuc hanh chinh");
    expect(lead.text.split("\n")[0]).toContain("Trung tâm phục vụ hành chính công tỉnh");
    expect(lead.text).toContain(PLAN);
  });

  it("a topic's tasks, and “của tôi” for a unit the import created", () => {
    const data = ask("các nhiệm vụ về dữ liệu năm 2025");
    expect(data.text).toMatch(/^Nhiệm vụ về “dữ liệu” năm 2025 trong cơ sở tri thức \(\d+\):/);
    expect(data.titles).toContain("Kết nối cơ sở dữ liệu đất đai với Cổng dịch vụ công quốc gia");
    const mine = ask("nhiệm vụ năm 2025 của tôi", unitId("Sở Giáo dục và Đào tạo"));
    expect(mine.text).toContain("Nhiệm vụ năm 2025 của Sở Giáo dục và Đào tạo");
    expect(mine.titles).toContain("Đào tạo kỹ năng số cho giáo viên các trường phổ thông");
    expect(mine.text).toContain(PLAN);
  });
});
