/**
 * Admin codes on Telegram (issue 14): /moi … admin → /lienket by someone else → linked as a member,
 * the configured admin gets "xin quyền quản trị" with two buttons (zod-validated callback data);
 * a non-admin's press, a forged or garbled button, and a second press change nothing.
 */

import { afterEach, describe, expect, it } from "vitest";
import { TEXTS } from "../../../src/channels/telegram/texts.ts";
import { CONVERSATION_TEXTS } from "../../../src/conversation/texts.ts";
import { type BotHarness, buttonsOf, makeBot, visible } from "../../helpers/bot-harness.ts";
import { callbackUpdate } from "../../helpers/updates.ts";

const ADMIN = 42;
const REQUESTER = 1001;
const OTHER = 1002;

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Texts sent to one chat since `mark`. */
function to(bot: BotHarness, chatId: number, mark = 0): string[] {
  return bot.api.calls
    .slice(mark)
    .filter((c) => c.method === "sendMessage" && c.ok && Number(c.params["chat_id"]) === chatId)
    .map((c) => visible(String(c.params["text"])));
}

async function requestAdmin(): Promise<BotHarness> {
  const bot = await makeBot({ ADMIN_TELEGRAM_IDS: String(ADMIN) });
  await bot.send("/moi so-tttt admin Nguyễn Văn Xin", { userId: ADMIN, firstName: "Tạo", lastName: "Mã" });
  const made = visible(bot.api.sent().at(-1)!);
  expect(made).toContain("quyền quản trị chỉ có hiệu lực khi một quản trị viên xác nhận");
  const code = /Mã: ([A-Z0-9]{8})/.exec(made)![1]!;
  await bot.send(`/lienket ${code}`, { userId: REQUESTER });
  await bot.assistant.settled();
  return bot;
}

describe("admin codes on Telegram", () => {
  it("link a member; the admin confirms with the button; the requester is told and becomes admin", async () => {
    h = await requestAdmin();
    expect(to(h, REQUESTER).at(-1)).toContain("vai trò: thành viên");
    expect(h.app.store.state.findUser("telegram", REQUESTER)?.role).toBe("member");
    await h.send("/danhsach", { userId: REQUESTER });
    expect(h.api.sent().at(-1)).toBe(TEXTS.adminOnly);

    const ask = h.api.calls
      .filter((c) => c.method === "sendMessage" && Number(c.params["chat_id"]) === ADMIN)
      .at(-1)!;
    expect(visible(String(ask.params["text"]))).toContain(
      "Nguyễn Văn Xin (mã liên kết do Tạo Mã tạo) xin quyền quản trị. Xác nhận?",
    );
    expect(buttonsOf(ask.params)).toEqual([
      { text: "Xác nhận", data: "qt:y:1" },
      { text: "Từ chối", data: "qt:n:1" },
    ]);

    // Someone else presses the button (forwarded, or forged): nothing changes.
    let mark = h.mark();
    await h.handle(callbackUpdate("qt:y:1", { userId: OTHER }));
    expect(to(h, OTHER, mark)).toEqual(["Chỉ quản trị viên mới xác nhận hoặc từ chối được quyền quản trị."]);
    expect(h.app.store.state.findUser("telegram", REQUESTER)?.role).toBe("member");

    mark = h.mark();
    await h.handle(callbackUpdate("qt:y:1", { userId: ADMIN }));
    await h.assistant.settled();
    expect(to(h, ADMIN, mark)).toEqual([
      "Đã cấp quyền quản trị cho Nguyễn Văn Xin (Sở Thông tin và Truyền thông).",
    ]);
    expect(to(h, REQUESTER, mark).join("\n")).toContain("Quyền quản trị của bạn đã được xác nhận.");
    expect(h.app.store.state.findUser("telegram", REQUESTER)?.role).toBe("admin");
    await h.send("/danhsach", { userId: REQUESTER });
    expect(visible(h.api.sent().at(-1)!)).toContain("Tài khoản đã liên kết (1)");

    // Pressed again, or the other button later: a replay changes nothing.
    mark = h.mark();
    await h.handle(callbackUpdate("qt:n:1", { userId: ADMIN }));
    expect(to(h, ADMIN, mark)).toEqual(["Yêu cầu số 1 đã được xác nhận trước đó; không thay đổi gì."]);
    expect(to(h, REQUESTER, mark)).toEqual([]);
    expect(h.app.store.state.findUser("telegram", REQUESTER)?.role).toBe("admin");
  });

  it("refused with /tuchoiqt; forged and garbled buttons change nothing", async () => {
    h = await requestAdmin();
    let mark = h.mark();
    await h.handle(callbackUpdate("qt:y:99", { userId: ADMIN }));
    expect(to(h, ADMIN, mark)).toEqual(["Không có yêu cầu quyền quản trị số 99; không thay đổi gì."]);
    mark = h.mark();
    await h.handle(callbackUpdate("qt:y:1;drop", { userId: ADMIN }));
    const answer = h.api.calls.slice(mark).find((c) => c.method === "answerCallbackQuery");
    expect(answer?.params["text"]).toBe(CONVERSATION_TEXTS.staleDecision);
    expect(h.app.store.state.adminRequests()).toMatchObject([{ id: "1", status: "pending" }]);

    await h.send("/xacnhanqt", { userId: ADMIN });
    expect(visible(h.api.sent().at(-1)!)).toContain(
      "Số 1: Nguyễn Văn Xin — Sở Thông tin và Truyền thông — Telegram",
    );
    await h.send("/tuchoiqt 1", { userId: OTHER });
    expect(h.api.sent().at(-1)).toBe(TEXTS.adminOnly);
    mark = h.mark();
    await h.send("/tuchoiqt 1", { userId: ADMIN });
    await h.assistant.settled();
    expect(to(h, ADMIN, mark)[0]).toContain("Đã từ chối quyền quản trị của Nguyễn Văn Xin");
    expect(to(h, REQUESTER, mark).join("\n")).toContain(
      "Yêu cầu quyền quản trị của bạn không được chấp nhận.",
    );
    expect(h.app.store.state.findUser("telegram", REQUESTER)?.role).toBe("member");
    expect(h.app.store.audit.list().map((e) => e.action)).toEqual(["admin.refuse", "admin.request"]);
  });
});
