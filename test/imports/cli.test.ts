import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanPlan, cli, makeApp, snapshot, tempDir, testEnv, titledPlan } from "./helpers.ts";

async function files() {
  const dir = await tempDir();
  const clean = path.join(dir, "ke-hoach.xlsx");
  const titled = path.join(dir, "phu-luc.xlsx");
  await writeFile(clean, await cleanPlan());
  await writeFile(titled, await titledPlan());
  return { dir, clean, titled };
}

describe("kb import", () => {
  it("previews by default, and --json prints exactly the summary", async () => {
    const dataDir = await tempDir();
    const f = await files();
    const env = testEnv(dataDir);
    const text = await cli(["kb", "import", f.titled], env);
    expect(text.code).toBe(0);
    expect(text.out).toContain("Xem trước nhập tệp “phu-luc.xlsx” (56/QĐ-UBND):");
    expect(text.out).toContain("• Thêm mới: 5 nhiệm vụ");
    expect(text.out).toContain("“Sở Nội vụ” (dòng 14); gần nhất:");
    expect(text.out).toContain("Chưa thay đổi gì. Thêm --apply để áp dụng.");

    const json = await cli(["kb", "import", f.titled, "--json"], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      added: 5,
      changed: 0,
      unchanged: 0,
      removed: 0,
      unmatchedUnits: ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"],
      errors: [],
      document: { number: "56/QĐ-UBND", date: "2023-02-14", issuer: "UBND tỉnh", isNew: false },
      groups: ["NHẬN THỨC SỐ", "HẠ TẦNG SỐ"],
    });
    expect(Object.keys(JSON.parse(json.out))).toEqual([
      "added",
      "changed",
      "unchanged",
      "removed",
      "unmatchedUnits",
      "errors",
      "document",
      "groups",
    ]);
    // nothing was applied
    const app = await makeApp({ dataDir, readOnly: true });
    expect(app.knowledge().task("qd-56-2023-i-1")).toBeUndefined();
  });

  it("--apply refuses unknown units unless --create-units; then history and undo", async () => {
    const dataDir = await tempDir();
    const f = await files();
    const env = testEnv(dataDir);
    const refused = await cli(["kb", "import", f.titled, "--apply"], env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("2 đơn vị chưa có trong cơ sở tri thức");

    const applied = await cli(["kb", "import", f.titled, "--apply", "--create-units"], env);
    expect(applied.code).toBe(0);
    expect(applied.out).toContain("Đã áp dụng: thêm 5, sửa 0, bỏ 0 nhiệm vụ, thêm 2 đơn vị (nhật ký #1).");

    const again = await cli(["kb", "import", f.titled, "--apply", "--json"], env);
    expect(JSON.parse(again.out)).toMatchObject({
      added: 0,
      changed: 0,
      unchanged: 5,
      removed: 0,
      unmatchedUnits: [],
    });
    expect(again.err).toBe("Không có gì cần thay đổi.");

    const history = await cli(["kb", "history"], env);
    expect(history.code).toBe(0);
    expect(history.out).toMatch(
      /^#1 {2}\d\d\/\d\d\/\d{4} \d\d:\d\d {2}Dòng lệnh \(thu-ky\) {2}Nhập nhiệm vụ từ tệp$/m,
    );
    expect(history.out).toContain(
      "Nhập tệp “phu-luc.xlsx” (56/QĐ-UBND): thêm 5, sửa 0, bỏ 0 nhiệm vụ, thêm 2 đơn vị",
    );
    expect(history.out).toContain("- thêm đơn vị “Sở Nội vụ”");
    expect(history.out).toContain("- thêm nhiệm vụ “Tuyên truyền chủ đề năm 2023 trên báo, đài”");
    expect(history.out).toContain("… và 2 thay đổi khác");

    const undo = await cli(["kb", "undo"], env);
    expect(undo.code).toBe(0);
    expect(undo.out).toBe(
      "Đã hoàn tác thay đổi #1 (Nhập tệp “phu-luc.xlsx” (56/QĐ-UBND): thêm 5, sửa 0, bỏ 0 nhiệm vụ, thêm 2 đơn vị). Nhật ký #2.",
    );
    const after = await cli(["kb", "history", "--limit", "5"], env);
    expect(after.out).toMatch(/^#2 .* Hoàn tác thay đổi #1$/m);
    expect(after.out).toMatch(/^#1 .* Nhập nhiệm vụ từ tệp \(đã hoàn tác\)$/m);
    expect(after.out).toContain("- bỏ nhiệm vụ “Tuyên truyền chủ đề năm 2023 trên báo, đài”");

    expect((await cli(["kb", "undo"], env)).out).toBe("Không có thay đổi nào để hoàn tác.");
    const app = await makeApp({ dataDir, readOnly: true });
    expect(app.knowledge().unit("so-noi-vu")).toBeUndefined();
    expect(app.knowledge().task("qd-56-2023-i-1")).toBeUndefined();
  });

  it("a moved deadline: preview shows it, --apply records it, undo restores it", async () => {
    const dataDir = await tempDir();
    const f = await files();
    const env = testEnv(dataDir);
    await cli(["kb", "import", f.clean, "--document", "56/QĐ-UBND", "--apply"], env);
    await writeFile(f.clean, await cleanPlan({ 2: { 4: "Quý III/2023" } }));
    const p = await cli(["kb", "import", f.clean, "--document", "56/QĐ-UBND"], env);
    expect(p.out).toContain("• Thay đổi: 1 nhiệm vụ");
    expect(p.out).toContain("thời hạn: Quý II/2023 (hạn 30/06/2023) → Quý III/2023 (hạn 30/09/2023)");
    await cli(["kb", "import", f.clean, "--document", "56/QĐ-UBND", "--apply"], env);
    const h = await cli(["kb", "history", "--limit", "1"], env);
    expect(h.out).toContain(
      "- sửa nhiệm vụ “Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính”: thời hạn: Quý II/2023 (hạn 30/06/2023) → Quý III/2023 (hạn 30/09/2023)",
    );
    await cli(["kb", "undo"], env);
    const app = await makeApp({ dataDir, readOnly: true });
    expect(app.knowledge().task("qd-56-2023-2")!.deadline.due).toBe("2023-06-30");
  });

  it("while the bot holds the writer lock: previews work, writes say the bot is running", async () => {
    const dataDir = await tempDir();
    const f = await files();
    const env = testEnv(dataDir);
    await makeApp({ dataDir }); // the running bot
    const before = await snapshot(dataDir);
    const preview = await cli(["kb", "import", f.clean, "--document", "56/QĐ-UBND"], env);
    expect(preview.code).toBe(0);
    for (const argv of [
      ["kb", "import", f.clean, "--document", "56/QĐ-UBND", "--apply"],
      ["kb", "undo"],
    ]) {
      const r = await cli(argv, env);
      expect(r.code).toBe(1);
      expect(r.err).toContain("Bot đang chạy và đang giữ quyền ghi kho dữ liệu");
      expect(r.err).toContain("dừng bot rồi chạy lại lệnh này");
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it("says when the file is missing or the arguments are wrong", async () => {
    const env = testEnv(await tempDir());
    expect(await cli(["kb", "import", "/khong/co.xlsx"], env)).toMatchObject({
      code: 1,
      err: "Không tìm thấy tệp “/khong/co.xlsx”.",
    });
    expect((await cli(["kb", "import"], env)).code).toBe(2);
    expect((await cli(["kb", "history", "--limit", "0"], env)).err).toContain("--limit phải là số nguyên");
    expect((await cli(["kb", "history"], env)).out).toBe("Chưa có thay đổi nào trong nhật ký.");
  });
});

describe("kb export", () => {
  it("writes .xlsx that re-imports with no change, and .json", async () => {
    const dataDir = await tempDir();
    const f = await files();
    const env = testEnv(dataDir);
    await cli(["kb", "import", f.titled, "--apply", "--create-units"], env);
    const xlsx = path.join(f.dir, "xuat.xlsx");
    const out = await cli(["kb", "export", xlsx], env);
    expect(out).toMatchObject({ code: 0, out: `Đã xuất 11 nhiệm vụ ra tệp ${xlsx}.` });
    const again = await cli(["kb", "import", xlsx, "--json"], env);
    expect(JSON.parse(again.out)).toEqual({
      added: 0,
      changed: 0,
      unchanged: 11,
      removed: 0,
      unmatchedUnits: [],
      errors: [],
      document: null,
      groups: ["NHẬN THỨC SỐ", "HẠ TẦNG SỐ"],
    });

    const json = path.join(f.dir, "tri-thuc.json");
    expect((await cli(["kb", "export", json], env)).out).toContain(
      "Đã xuất cơ sở tri thức (11 nhiệm vụ, 18 đơn vị",
    );
    const data = JSON.parse(await readFile(json, "utf8"));
    expect(data.units.map((u: { id: string }) => u.id)).toContain("so-noi-vu");

    expect(await cli(["kb", "export", path.join(f.dir, "a.csv")], env)).toMatchObject({ code: 2 });
  });
});
