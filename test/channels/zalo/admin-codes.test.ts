/**
 * Admin codes on Zalo (issue 14): no buttons, so the admin reads "/xacnhanqt <số>" and "/tuchoiqt <số>"
 * in the message and types one; only an admin's command decides; the requester is told on Zalo.
 */

import { describe, expect, it } from "vitest";
import { parseUpdate } from "../../../src/channels/zalo/client.ts";
import { ZaloConversation } from "../../../src/channels/zalo/conversation.ts";
import { CONVERSATION_TEXTS } from "../../../src/conversation/texts.ts";
import { textUpdate } from "../../helpers/fake-zalo-api.ts";
import { type ZaloTestEnv, zaloEnv } from "./setup.ts";

const ADMIN = "z-admin";
const REQUESTER = "z-xin";

async function setUp(): Promise<{
  env: ZaloTestEnv;
  say: (chatId: string, text: string) => Promise<string[]>;
}> {
  const env = await zaloEnv();
  const code = await env.assistant.createLinkCode({
    unitId: "ubnd-tinh",
    role: "admin",
    name: "Quản Trị Zalo",
  });
  await env.app.store.state.redeemLinkCode(
    code.code.code,
    { channel: "zalo", chatId: ADMIN },
    env.app.now(),
    {
      adminConfirmed: true,
    },
  );
  const conv = new ZaloConversation({ app: env.app, assistant: env.assistant, client: env.client });
  const say = async (chatId: string, text: string) => {
    const before = env.api.sent(chatId).length;
    await conv.handle(parseUpdate(textUpdate(chatId, text))!);
    await env.assistant.settled();
    return env.api.sent(chatId).slice(before);
  };
  return { env, say };
}

describe("admin codes on Zalo", () => {
  it("link a member; the admin confirms by typing /xacnhanqt <số>; a member's command changes nothing", async () => {
    const { env, say } = await setUp();
    const { code } = await env.assistant.createLinkCode({
      unitId: "so-tttt",
      role: "admin",
      name: "Nguyễn Văn Xin",
      createdBy: { kind: "cli" },
    });
    const adminBefore = env.api.sent(ADMIN).length;
    const linked = await say(REQUESTER, `/lienket ${code.code}`);
    expect(linked[0]).toContain("vai trò: thành viên");
    expect(env.app.store.state.findUser("zalo", REQUESTER)?.role).toBe("member");
    const [ask, ...more] = env.api.sent(ADMIN).slice(adminBefore);
    expect(more).toEqual([]);
    expect(ask).toContain(
      "Nguyễn Văn Xin (mã liên kết do người vận hành (dòng lệnh) tạo) xin quyền quản trị. Xác nhận?",
    );
    expect(ask).toContain("Xác nhận: /xacnhanqt 1 — Từ chối: /tuchoiqt 1");
    expect(ask).not.toContain("Trả lời bằng số");

    // The same refusal as every admin command, on every channel.
    expect(await say(REQUESTER, "/xacnhanqt 1")).toEqual([CONVERSATION_TEXTS.adminsOnly]);
    expect(env.app.store.state.findUser("zalo", REQUESTER)?.role).toBe("member");

    expect(await say(ADMIN, "/xacnhanqt")).toEqual([expect.stringContaining("Số 1: Nguyễn Văn Xin")]);
    const requesterBefore = env.api.sent(REQUESTER).length;
    expect(await say(ADMIN, "xacnhanqt 1")).toEqual([
      "Đã cấp quyền quản trị cho Nguyễn Văn Xin (Sở Thông tin và Truyền thông).",
    ]);
    expect(env.api.sent(REQUESTER).slice(requesterBefore).join("\n")).toContain(
      "Quyền quản trị của bạn đã được xác nhận.",
    );
    expect(env.app.store.state.findUser("zalo", REQUESTER)?.role).toBe("admin");
    expect(await say(ADMIN, "/tuchoiqt 1")).toEqual([
      "Yêu cầu số 1 đã được xác nhận trước đó; không thay đổi gì.",
    ]);
    expect(env.app.store.state.findUser("zalo", REQUESTER)?.role).toBe("admin");
  });

  it("refused by /tuchoiqt: the requester stays a member and is told", async () => {
    const { env, say } = await setUp();
    const { code } = await env.assistant.createLinkCode({ unitId: "so-tttt", role: "admin" });
    await say(REQUESTER, `/lienket ${code.code}`);
    expect(await say(ADMIN, "/tuchoiqt abc")).toEqual([
      "Cách dùng: /tuchoiqt <số yêu cầu>, ví dụ /tuchoiqt 3. Gõ /xacnhanqt để xem các yêu cầu đang chờ.",
    ]);
    const requesterBefore = env.api.sent(REQUESTER).length;
    const [out] = await say(ADMIN, "/tuchoiqt 1");
    expect(out).toContain("Đã từ chối quyền quản trị của Cán bộ thử");
    expect(env.api.sent(REQUESTER).slice(requesterBefore).join("\n")).toContain(
      "Yêu cầu quyền quản trị của bạn không được chấp nhận.",
    );
    expect(env.app.store.state.findUser("zalo", REQUESTER)?.role).toBe("member");
  });
});
