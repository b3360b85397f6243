import { describe, expect, it } from "vitest";
import { CHOICES_HEADER, renderZalo, splitText } from "../../../src/channels/zalo/plain-text.ts";
import { ReplyBuilder } from "../../../src/core/answers/reply.ts";

const cite = (id: string, label: string) => ({ id, label }) as { id: string; label: string };

function sampleReply() {
  return new ReplyBuilder("tasks", "Nhiệm vụ của Sở Thông tin và Truyền thông (6):")
    .line("1. Tuyên truyền Ngày Chuyển đổi số <tỉnh> & địa phương", [
      cite("qd-1560", "Quyết định số 1560/QĐ-UBND"),
    ])
    .line("Chủ trì: Sở Thông tin và Truyền thông", [], 1)
    .line("2. Xây dựng Trung tâm IOC", [
      cite("kh-3609", "Kế hoạch 3609"),
      cite("qd-1560", "Quyết định số 1560/QĐ-UBND"),
    ])
    .note("Còn 1 nhiệm vụ ở trang sau.")
    .action("Văn bản 1560/QĐ-UBND", { kind: "document", docId: "qd-1560" })
    .action("Quá hạn", { kind: "deadlines", mode: "overdue" })
    .paging({ page: 1, pages: 2, next: { kind: "tasks", page: 2 } })
    .build();
}

describe("renderZalo", () => {
  it("plain text: [n] marks, “Nguồn:” list, numbered choices and the paging hint, no HTML", () => {
    const [text, ...rest] = renderZalo(sampleReply());
    expect(rest).toEqual([]);
    expect(text).toBe(
      [
        "Nhiệm vụ của Sở Thông tin và Truyền thông (6):",
        "1. Tuyên truyền Ngày Chuyển đổi số <tỉnh> & địa phương [1]",
        "   Chủ trì: Sở Thông tin và Truyền thông",
        "2. Xây dựng Trung tâm IOC [2, 1]",
        "Còn 1 nhiệm vụ ở trang sau.",
        "Trang 1/2. Gõ “tiếp” để xem trang sau.",
        "",
        "Nguồn:",
        "[1] Quyết định số 1560/QĐ-UBND",
        "[2] Kế hoạch 3609",
        "",
        CHOICES_HEADER,
        "1. Văn bản 1560/QĐ-UBND",
        "2. Quá hạn",
      ].join("\n"),
    );
    expect(text).not.toMatch(/&amp;|<b>/);
  });

  it("page 2 of 2 offers “trước”", () => {
    const r = new ReplyBuilder("tasks", "T")
      .line("x")
      .paging({ page: 2, pages: 2, prev: { kind: "tasks", page: 1 } })
      .build();
    expect(renderZalo(r)[0]).toContain("Trang 2/2. Gõ “trước” để xem trang trước.");
  });

  it("a long reply is split into messages of at most 2,000 characters, between lines", () => {
    const b = new ReplyBuilder("tasks", "Danh sách");
    for (let i = 1; i <= 60; i++) b.line(`${i}. ${"Nhiệm vụ chuyển đổi số ".repeat(3)}số ${i}`);
    const messages = renderZalo(b.build());
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(2000);
    // Every line is whole in exactly one message.
    const lines = messages.flatMap((m) => m.split("\n"));
    for (let i = 1; i <= 60; i++) expect(lines.filter((l) => l.endsWith(`số ${i}`))).toHaveLength(1);
  });
});

describe("splitText", () => {
  it("keeps a short text whole and drops blank edges", () => {
    expect(splitText("\n\na\nb\n\n")).toEqual(["a\nb"]);
    expect(splitText("   \n ")).toEqual([]);
  });

  it("cuts a single long line at a space", () => {
    const line = Array.from({ length: 600 }, (_, i) => `từ${i}`).join(" ");
    const parts = splitText(line, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p).toMatch(/^từ\d+( từ\d+)*$/); // no word cut in two
    }
    expect(parts.join(" ")).toBe(line);
  });

  it("never splits a surrogate pair or a letter from its combining mark", () => {
    const emoji = "😀".repeat(1500); // 3,000 UTF-16 units, no spaces
    const parts = splitText(emoji, 2000);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p).toBe("😀".repeat(p.length / 2));
    }
    expect(parts.join("")).toBe(emoji);
    const decomposed = "e\u0301".repeat(10); // NFC turns it into é: 10 characters
    expect(splitText(decomposed, 4).join("")).toBe("é".repeat(10));
  });
});
