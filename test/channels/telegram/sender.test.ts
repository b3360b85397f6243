import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifyTelegramError, renderTelegramMessage } from "../../../src/channels/telegram/sender.ts";
import { action } from "../../../src/core/reminders/message.ts";
import { parseTelegramHtml } from "../../helpers/fake-bot-api.ts";

const grammyError = (code: number, description: string, parameters = {}) =>
  new GrammyError("x", { ok: false, error_code: code, description, parameters }, "sendMessage", {});

describe("Telegram sender", () => {
  it("renders escaped HTML with a bold title and the actions as an inline keyboard", () => {
    const r = renderTelegramMessage({
      kind: "reminder",
      title: "Nhắc <hạn> & việc",
      lines: ["Nhiệm vụ: A < B & C > D"],
      actions: [
        [
          action("Đã hoàn thành", {
            type: "answer",
            answer: "done",
            taskId: "t-1",
            occurrence: "2026-06-30",
          }),
        ],
      ],
    });
    expect(r.text).toBe("<b>Nhắc &lt;hạn&gt; &amp; việc</b>\nNhiệm vụ: A &lt; B &amp; C &gt; D");
    expect(parseTelegramHtml(r.text)).toEqual({ text: "Nhắc <hạn> & việc\nNhiệm vụ: A < B & C > D" });
    expect(r.keyboard).toEqual({
      inline_keyboard: [[{ text: "Đã hoàn thành", callback_data: "r:d:t-1:20260630" }]],
    });
  });

  it("a message too long for Telegram is cut at a line, with “…”", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `Dòng ${i}: ${"x".repeat(40)}`);
    const r = renderTelegramMessage({ kind: "digest", title: "Báo cáo", lines, actions: [] });
    const visible = parseTelegramHtml(r.text);
    expect("text" in visible && visible.text.length).toBeLessThanOrEqual(4096);
    expect(r.text.endsWith("\n…")).toBe(true);
  });

  it("maps Telegram errors to the notifier's failure kinds", () => {
    expect(
      classifyTelegramError(grammyError(429, "Too Many Requests: retry after 7", { retry_after: 7 })),
    ).toEqual({
      ok: false,
      kind: "rate-limited",
      description: "Too Many Requests: retry after 7",
      retryAfter: 7,
    });
    expect(classifyTelegramError(grammyError(403, "Forbidden: bot was blocked by the user")).kind).toBe(
      "blocked",
    );
    expect(classifyTelegramError(grammyError(403, "Forbidden: user is deactivated")).kind).toBe("blocked");
    expect(classifyTelegramError(grammyError(400, "Bad Request: chat not found")).kind).toBe("blocked");
    expect(classifyTelegramError(grammyError(502, "Bad Gateway")).kind).toBe("transient");
    expect(classifyTelegramError(grammyError(400, "Bad Request: can't parse entities")).kind).toBe("fatal");
    expect(classifyTelegramError(new HttpError("Network request failed", new Error("ECONNRESET"))).kind).toBe(
      "transient",
    );
  });
});

describe("Telegram sender over HTTP", () => {
  it("sends a digest's chart as a photo before its text", async () => {
    const { FakeBotApi, FAKE_TOKEN } = await import("../../helpers/fake-bot-api.ts");
    const { createTelegramSender } = await import("../../../src/channels/telegram/sender.ts");
    const api = new FakeBotApi();
    const root = await api.listen();
    try {
      const sender = createTelegramSender({ token: FAKE_TOKEN, apiRoot: root });
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      const res = await sender.send("4242", {
        kind: "digest",
        title: "Tổng hợp tuần",
        lines: ["🔴 Sở A (minh họa)"],
        actions: [],
        image: { png, filename: "tien-do.png" },
      });
      expect(res.ok).toBe(true);
      expect(api.calls.map((c) => c.method)).toEqual(["sendPhoto", "sendMessage"]);
    } finally {
      await api.close();
    }
  });
});
