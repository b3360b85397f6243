import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseDotenv, redactConfig } from "../src/config.ts";

const NO_FILE = "/nonexistent/.env";

describe("config", () => {
  it("has working defaults", () => {
    const c = loadConfig({}, NO_FILE);
    expect(c.DATA_DIR).toBe("./data");
    expect(c.BOT_ACCESS).toBe("members");
    expect(c.REMINDER_TIME).toBe("08:00");
    expect(c.REMINDER_DAYS_BEFORE).toEqual([7, 3, 1]);
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("binds the webhook servers where HOST says (loopback behind a reverse proxy)", () => {
    expect(loadConfig({}, NO_FILE).HOST).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "127.0.0.1" }, NO_FILE).HOST).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "::1" }, NO_FILE).HOST).toBe("::1");
    expect(() => loadConfig({ HOST: "mọi nơi; rm -rf" }, NO_FILE)).toThrow(/HOST: phải là một địa chỉ IP/);
  });

  it("names the variable of a wrong value, in Vietnamese", () => {
    expect(() => loadConfig({ PORT: "abc" }, NO_FILE)).toThrow(ConfigError);
    try {
      loadConfig({ BOT_ACCESS: "everyone", REMINDER_TIME: "8h" }, NO_FILE);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain("BOT_ACCESS");
      expect(msg).toContain("REMINDER_TIME: phải có dạng HH:MM");
    }
  });

  it("requires a webhook secret with a webhook URL", () => {
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/telegram" }, NO_FILE)).toThrow(
      /TELEGRAM_WEBHOOK_SECRET: bắt buộc/,
    );
  });

  it("reads .env lines and never shows secrets", () => {
    expect(parseDotenv('# c\nA=1\nexport B="x y" \nC=z # note\n')).toEqual({ A: "1", B: "x y", C: "z" });
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, NO_FILE);
    expect(JSON.stringify(redactConfig(c))).not.toContain("ABCDEFGH");
  });
});
