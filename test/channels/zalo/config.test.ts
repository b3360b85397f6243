import { describe, expect, it } from "vitest";
import { loadConfig, redactConfig } from "../../../src/config.ts";

const NO_FILE = "/nonexistent/.env";

describe("Zalo configuration", () => {
  it("defaults: no token (channel off), the public API root, port 8081, 3,000 messages a month", () => {
    const c = loadConfig({}, NO_FILE);
    expect(c.ZALO_BOT_TOKEN).toBeUndefined();
    expect(c.ZALO_API_ROOT).toBe("https://bot-api.zaloplatforms.com");
    expect(c.ZALO_PORT).toBe(8081);
    expect(c.ZALO_MONTHLY_QUOTA).toBe(3000);
    expect(c.ZALO_WEBHOOK_URL).toBeUndefined();
  });

  it("accepts a <bot_id>:<secret> token and drops a trailing slash of the API root", () => {
    const c = loadConfig(
      { ZALO_BOT_TOKEN: "1234567890:AbCdEf-_123456", ZALO_API_ROOT: "https://bot-api.zapps.me/" },
      NO_FILE,
    );
    expect(c.ZALO_BOT_TOKEN).toBe("1234567890:AbCdEf-_123456");
    expect(c.ZALO_API_ROOT).toBe("https://bot-api.zapps.me");
    expect(redactConfig(c).ZALO_BOT_TOKEN).toBe("***");
  });

  it("names the wrong variable in Vietnamese", () => {
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "no-colon" }, NO_FILE)).toThrow(
      /ZALO_BOT_TOKEN: không đúng dạng/,
    );
    expect(() => loadConfig({ ZALO_WEBHOOK_URL: "https://bot.example.vn/zalo" }, NO_FILE)).toThrow(
      /ZALO_WEBHOOK_SECRET: bắt buộc khi đặt ZALO_WEBHOOK_URL/,
    );
    expect(() =>
      loadConfig(
        { ZALO_WEBHOOK_URL: "http://bot.example.vn/zalo", ZALO_WEBHOOK_SECRET: "12345678" },
        NO_FILE,
      ),
    ).toThrow(/ZALO_WEBHOOK_URL: phải là địa chỉ https/);
    expect(() => loadConfig({ ZALO_WEBHOOK_SECRET: "short" }, NO_FILE)).toThrow(
      /ZALO_WEBHOOK_SECRET: phải dài 8–256/,
    );
    expect(() => loadConfig({ ZALO_MONTHLY_QUOTA: "0" }, NO_FILE)).toThrow(/ZALO_MONTHLY_QUOTA/);
  });
});
