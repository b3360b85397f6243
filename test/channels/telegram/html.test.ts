import { describe, expect, it } from "vitest";
import { decodeCallback } from "../../../src/channels/telegram/callback-data.ts";
import {
  escapeHtml,
  MESSAGE_LIMIT,
  plain,
  renderReply,
  replyBlocks,
  splitBlocks,
} from "../../../src/channels/telegram/html.ts";
import { type Reply, ReplyBuilder } from "../../../src/core/answers/reply.ts";
import { parseTelegramHtml } from "../../helpers/fake-bot-api.ts";

function visibleOf(html: string): string {
  const p = parseTelegramHtml(html);
  if ("error" in p) throw new Error(`invalid HTML: ${p.error}\n${html.slice(0, 200)}`);
  return p.text;
}

describe("renderReply", () => {
  it("escapes every piece of knowledge text so it stays literal", () => {
    const reply = new ReplyBuilder("document", "Văn bản <b>3609</b> & <script>")
      .line("Nội dung: <i>không in nghiêng</i> & a < b > c", [{ id: "s1", label: "Nguồn <x> & y" }])
      .note("Ghi chú <u>&amp;</u>")
      .build();
    const { messages } = renderReply(reply);
    expect(messages).toHaveLength(1);
    const html = messages[0]!;
    expect(html).toContain("<b>Văn bản &lt;b&gt;3609&lt;/b&gt; &amp; &lt;script&gt;</b>");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<i>không");
    const text = visibleOf(html);
    expect(text).toContain("Văn bản <b>3609</b> & <script>");
    expect(text).toContain("Nội dung: <i>không in nghiêng</i> & a < b > c [1]");
    expect(text).toContain("Ghi chú <u>&amp;</u>");
    expect(text).toContain("[1] Nguồn <x> & y");
  });

  it("lays out a bold title, lines with [n] marks, notes, then the sources", () => {
    const reply = new ReplyBuilder("tasks", "Nhiệm vụ của Sở TT&TT (2):")
      .line("1. Việc một — hạn 30/06/2023", [
        { id: "a", label: "Kế hoạch 3609" },
        { id: "b", label: "Bài viết" },
      ])
      .line("Chủ trì: Sở TT&TT", [], 1)
      .line("2. Việc hai", [{ id: "b", label: "Bài viết" }])
      .note("Còn 1 nhiệm vụ nữa.")
      .build();
    const html = renderReply(reply).messages[0]!;
    expect(html.split("\n")).toEqual([
      "<b>Nhiệm vụ của Sở TT&amp;TT (2):</b>",
      "1. Việc một — hạn 30/06/2023 [1, 2]",
      "    Chủ trì: Sở TT&amp;TT",
      "2. Việc hai [2]",
      "<i>Còn 1 nhiệm vụ nữa.</i>",
      "",
      "<b>Nguồn:</b>",
      "[1] Kế hoạch 3609",
      "[2] Bài viết",
    ]);
  });

  it("splits at 4096 characters on line boundaries", () => {
    const b = new ReplyBuilder("search", "Danh sách dài");
    for (let i = 0; i < 300; i++) b.line(`${String(i).padStart(3, "0")}. ${"Nội dung & thêm ".repeat(3)}`);
    const reply = b.build();
    const { messages } = renderReply(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      visibleOf(m);
    }
    // No line was cut: the messages are exactly the lines, regrouped.
    const allLines = messages.flatMap((m) => m.split("\n"));
    const expected = splitBlocks(replyBlocks(reply), 1_000_000)[0]!.split("\n");
    expect(allLines).toEqual(expected);
    // Each message but the last is full enough that the next line would not have fitted.
    for (let i = 0; i < messages.length - 1; i++) {
      const nextLine = messages[i + 1]!.split("\n")[0]!;
      expect(messages[i]!.length + 1 + nextLine.length).toBeGreaterThan(MESSAGE_LIMIT);
    }
  });

  it("cuts a single over-long line without breaking an escape, a tag or a surrogate pair", () => {
    const unit = "A&B<C>😀";
    const long = unit.repeat(2000); // 14,000 characters, 2,000 emoji
    const messages = splitBlocks([[{ text: long, tag: "b" }], plain("sau")]);
    expect(messages.length).toBeGreaterThan(1);
    let text = "";
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(m).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
      text += visibleOf(m.split("\n")[0]!);
    }
    expect(text).toBe(long);
    expect(messages.at(-1)!.endsWith("\nsau")).toBe(true);
  });

  it("prefers to cut an over-long line at a space", () => {
    const words = Array.from({ length: 1500 }, (_, i) => `từ${i}`).join(" ");
    const messages = splitBlocks([plain(words)]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(m).toMatch(/^từ\d+/);
      expect(m).toMatch(/từ\d+$/);
    }
    expect(messages.join(" ")).toBe(words);
  });

  it("puts next steps and pages on buttons whose data decodes to the same query", () => {
    const reply: Reply = new ReplyBuilder("tasks", "Nhiệm vụ")
      .line("1. Việc")
      .action("Văn bản 3609/KH-BĐHCĐS", { kind: "document", docId: "kh-3609" })
      .action("Quá hạn", { kind: "deadlines", mode: "overdue", unitId: "so-tttt" })
      .action("Tìm", { kind: "search", text: "một câu tìm kiếm rất dài có dấu tiếng Việt quá 64 byte" })
      .paging({
        page: 2,
        pages: 3,
        prev: { kind: "tasks", mine: true, page: 1 },
        next: { kind: "tasks", mine: true, page: 3 },
      })
      .build();
    const { keyboard } = renderReply(reply);
    const rows = keyboard!.inline_keyboard;
    const all = rows.flat() as { text: string; callback_data: string }[];
    // The search query does not fit in 64 bytes: no button for it.
    expect(all.map((b) => b.text)).toEqual(["Văn bản 3609/KH-BĐHCĐS", "Quá hạn", "« Trang 1", "Trang 3/3 »"]);
    expect(decodeCallback(all[0]!.callback_data)).toEqual({
      mode: "q",
      query: { kind: "document", docId: "kh-3609" },
    });
    expect(decodeCallback(all[2]!.callback_data)).toEqual({
      mode: "p",
      query: { kind: "tasks", mine: true, page: 1 },
    });
    expect(decodeCallback(all[3]!.callback_data)).toEqual({
      mode: "p",
      query: { kind: "tasks", mine: true, page: 3 },
    });
    expect(rows.at(-1)).toHaveLength(2);
  });

  it("has no keyboard when there is nothing to press", () => {
    expect(renderReply(new ReplyBuilder("help").line("x").build()).keyboard).toBeUndefined();
  });

  it("escapeHtml escapes exactly & < >", () => {
    expect(escapeHtml(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
  });
});
