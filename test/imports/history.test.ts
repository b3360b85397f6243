import { describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import { describeChange, formatHistory, formatInstant } from "../../src/imports/index.ts";
import type { AuditEntry } from "../../src/store/index.ts";

const shipped = loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
const task = shipped.task("nv-tuyen-truyen-ngay-cds-tinh")!;
const moved = { ...task, deadline: { text: "Trước 30/9/2023", due: "2023-09-30" }, support: ["so-tttt"] };

describe("history lines", () => {
  it("tell added, changed (field by field), removed and restored apart", () => {
    const ctx = { kb: shipped, shipped };
    // a shipped task edited: no overlay entry before
    expect(describeChange({ collection: "tasks", id: task.id, after: moved }, ctx)).toBe(
      `sửa nhiệm vụ “${task.title}”: đơn vị phối hợp: các sở, ban, ngành; UBND các huyện, thành phố → Sở Thông tin và Truyền thông; ` +
        "thời hạn: Hằng năm 10/10 (hạn 10/10 hằng năm) → Trước 30/9/2023 (hạn 30/09/2023)",
    );
    expect(
      describeChange(
        { collection: "tasks", id: "moi", after: { ...moved, id: "moi", title: "Việc mới" } },
        ctx,
      ),
    ).toBe("thêm nhiệm vụ “Việc mới”");
    expect(describeChange({ collection: "tasks", id: task.id, after: null }, ctx)).toBe(
      `bỏ nhiệm vụ “${task.title}”`,
    );
    expect(describeChange({ collection: "tasks", id: task.id, before: moved }, ctx)).toBe(
      `trả nhiệm vụ “${task.title}” về như bản gốc`,
    );
    expect(describeChange({ collection: "tasks", id: task.id, before: null, after: task }, ctx)).toBe(
      `khôi phục nhiệm vụ “${task.title}”`,
    );
  });

  it("show times in Vietnam, who did it and what was undone", () => {
    expect(formatInstant("2023-03-01T02:05:00.000Z")).toBe("01/03/2023 09:05");
    const entries: AuditEntry[] = [
      {
        id: "2",
        at: "2023-03-01T03:00:00.000Z",
        actor: { kind: "telegram", name: "Chị Lan" },
        action: "undo",
        undoes: "1",
        changes: [],
      },
      {
        id: "1",
        at: "2023-03-01T02:05:00.000Z",
        actor: { kind: "cli", name: "thu-ky" },
        action: "import.tasks",
        note: "Nhập tệp “a.xlsx” (56/QĐ-UBND): thêm 0, sửa 1, bỏ 0 nhiệm vụ",
        changes: [{ collection: "tasks", id: task.id, after: moved }],
      },
    ];
    expect(formatHistory(entries, { kb: shipped, shipped }).split("\n").slice(0, 4)).toEqual([
      "#2  01/03/2023 10:00  Telegram: Chị Lan  Hoàn tác thay đổi #1",
      "#1  01/03/2023 09:05  Dòng lệnh (thu-ky)  Nhập nhiệm vụ từ tệp (đã hoàn tác)",
      "    Nhập tệp “a.xlsx” (56/QĐ-UBND): thêm 0, sửa 1, bỏ 0 nhiệm vụ",
      expect.stringContaining("    - sửa nhiệm vụ “Tuyên truyền Ngày Chuyển đổi số tỉnh Ninh Thuận"),
    ]);
  });
});
