/**
 * The CLI beside the running assistant (issue 15, item 4): a write command that finds the writer lock
 * held by the running assistant is forwarded over DATA_DIR/control.sock and run there, by the same
 * handler, against the assistant's open app: the running app sees the change at once (knowledge
 * reloaded as after a chat edit), the audit records the operator, a wrong token changes nothing, a
 * crashed assistant's lock and socket fall back to direct mode, and forwarded commands never overlap.
 */
import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESTORE_WHILE_RUNNING } from "../../src/cli/backup.ts";
import { REMIND_RUN_WHILE_RUNNING } from "../../src/cli/remind.ts";
import { runCli } from "../../src/cli.ts";
import { CONTROL_TEXTS } from "../../src/control/server.ts";
import { renderPlain } from "../../src/core/answers/reply.ts";
import { openStore } from "../../src/store/index.ts";
import { cli, startRunning, storeFiles, tempDir, testEnv } from "./helpers.ts";

const PLAN = "test/fixtures/plans/ke-hoach-45-2025.docx";
const PLAN_TASK = "Diễn tập thực chiến bảo đảm an toàn thông tin mạng cấp tỉnh";
const QUESTION = "các nhiệm vụ về an toàn thông tin mạng";

describe("CLI write commands while the assistant runs", () => {
  it("link create runs inside the running assistant: the code is in its store", async () => {
    const { app, dataDir, logs } = await startRunning();
    const r = await cli(
      ["link", "create", "--unit", "so-tttt", "--role", "head", "--json"],
      testEnv(dataDir),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const created = JSON.parse(r.out) as { code: string; unitId: string };
    expect(created.unitId).toBe("so-tttt");
    // The running app's own store has it (nobody else could write: the app holds the lock).
    expect(app.store.state.linkCodes({ now: app.now() }).map((c) => c.code)).toContain(created.code);
    expect(logs.some((l) => l["msg"] === "control: command run" && l["code"] === 0)).toBe(true);
    console.info(`forwarded link create: ${r.ms.toFixed(1)} ms`);
  });

  it("kb import --apply and kb undo: the running engine answers from the new knowledge, the audit names the operator", async () => {
    const { app, dataDir } = await startRunning();
    const env = testEnv(dataDir);
    const before = renderPlain(app.engine().ask({ text: QUESTION, now: app.now() }));
    expect(before).not.toContain(PLAN_TASK);

    const imported = await cli(["kb", "import", PLAN, "--apply", "--create-units"], env);
    expect(imported.err).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(
      /Đã áp dụng: thêm \d+, sửa 0, bỏ 0 nhiệm vụ.*thêm văn bản 45\/KH-UBND \(nhật ký #1\)/,
    );
    console.info(`forwarded kb import --apply (.docx): ${imported.ms.toFixed(1)} ms`);

    // The bot answers from the imported plan, without a restart.
    const after = renderPlain(app.engine().ask({ text: QUESTION, now: app.now() }));
    expect(after).toContain(PLAN_TASK);
    expect(after).toContain("45/KH-UBND");
    const entry = app.store.audit.list({ limit: 1 })[0]!;
    expect(entry).toMatchObject({ id: "1", action: "import.tasks", actor: { kind: "cli", name: "thu-ky" } });

    // A read-only command opens the store read-only beside the assistant, as before.
    const history = await cli(["kb", "history"], env);
    expect(history.code).toBe(0);
    expect(history.out).toMatch(/^#1 .*Dòng lệnh \(thu-ky\)/m);

    const undone = await cli(["kb", "undo"], env);
    expect(undone.code).toBe(0);
    expect(undone.out).toContain("Đã hoàn tác thay đổi #1");
    expect(renderPlain(app.engine().ask({ text: QUESTION, now: app.now() }))).not.toContain(PLAN_TASK);
    expect(app.knowledge().documentByNumber("45/KH-UBND")).toBeUndefined();
    expect(app.store.audit.list({ limit: 1 })[0]).toMatchObject({
      id: "2",
      action: "undo",
      undoes: "1",
      actor: { kind: "cli", name: "thu-ky" },
    });
  });

  it("kb doc add from the CLI is seen by the running app and recorded", async () => {
    const { app, dataDir } = await startRunning();
    const r = await cli(
      [
        "kb",
        "doc",
        "add",
        "--number",
        "99/KH-UBND",
        "--date",
        "20/01/2025",
        "--issuer",
        "UBND tỉnh",
        "--title",
        "Kế hoạch minh họa",
      ],
      testEnv(dataDir),
    );
    expect(r.code).toBe(0);
    expect(app.knowledge().documentByNumber("99/KH-UBND")?.summary).toBe("Kế hoạch minh họa");
    expect(app.store.audit.list({ limit: 1 })[0]).toMatchObject({ actor: { kind: "cli", name: "thu-ky" } });
  });

  it("a wrong token is refused and changes nothing", async () => {
    const { app, dataDir, control } = await startRunning();
    const before = await storeFiles(dataDir);
    await writeFile(control.tokenPath, `${"0".repeat(64)}\n`);
    const r = await cli(["link", "create", "--unit", "so-tttt", "--role", "head"], testEnv(dataDir));
    expect(r.code).toBe(1);
    expect(r.err).toBe(CONTROL_TEXTS.refused);
    expect(r.out).toBe("");
    expect(app.store.state.linkCodes({ now: app.now() })).toEqual([]);
    expect(await storeFiles(dataDir)).toEqual(before);

    // A request with no token at all, or not our protocol, is refused the same way.
    for (const line of [JSON.stringify({ type: "run", argv: ["kb", "undo"] }), "hello"]) {
      const reply = await rawRequest(control.socketPath, `${line}\n`);
      expect(reply).toMatch(/"type":"refused"/);
    }
    expect(await storeFiles(dataDir)).toEqual(before);
  });

  it("the socket and token are readable by the service user only", async () => {
    const { control } = await startRunning();
    const { statSync } = await import("node:fs");
    expect(statSync(control.socketPath).mode & 0o777).toBe(0o600);
    expect(statSync(control.tokenPath).mode & 0o777).toBe(0o600);
  });

  it("a stale lock and a dead socket left by a crash: the command runs directly", async () => {
    const dataDir = await tempDir();
    // A first start makes the store; then a "crash": the lock names a process that is gone, the
    // socket and token are still there.
    (await openStore({ dataDir })).close();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    await writeFile(
      path.join(dataDir, "writer.lock"),
      `${JSON.stringify({ pid: dead, startedAt: new Date().toISOString() })}\n`,
    );
    await writeFile(path.join(dataDir, "control.sock"), "");
    await writeFile(path.join(dataDir, "control.token"), "abc\n");

    const r = await cli(
      ["link", "create", "--unit", "so-tttt", "--role", "head", "--json"],
      testEnv(dataDir),
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { code } = JSON.parse(r.out) as { code: string };
    const store = await openStore({ dataDir, readOnly: true });
    expect(store.state.linkCodes({}).map((c) => c.code)).toContain(code);
    await store.close();
  });

  it("a live lock holder that serves no socket: the lock's message, after a short wait", async () => {
    const { dataDir, control } = await startRunning();
    await control.close(); // the assistant keeps the lock, but no longer serves
    const r = await cli(["link", "create", "--unit", "so-tttt", "--role", "head"], testEnv(dataDir));
    expect(r.code).toBe(1);
    expect(r.err).toContain("Kho dữ liệu đang được tiến trình khác");
    expect(r.err).toContain("/moi");
  });

  it("forwarded commands run one at a time, and none is lost", async () => {
    const events: string[] = [];
    let n = 0;
    const { app, dataDir } = await startRunning({
      server: {
        async run(argv, io) {
          const id = ++n;
          events.push(`start ${id}`);
          try {
            return await runCli(argv, io);
          } finally {
            events.push(`end ${id}`);
          }
        },
      },
    });
    const env = testEnv(dataDir);
    const results = await Promise.all([
      cli(["kb", "import", PLAN, "--apply", "--create-units"], env),
      ...[1, 2, 3].map((i) =>
        cli(["link", "create", "--unit", "so-tttt", "--role", "member", "--name", `Người ${i}`], env),
      ),
      ...[1, 2].map((i) =>
        cli(
          [
            "kb",
            "doc",
            "add",
            "--number",
            `${i}/KH-UBND`,
            "--date",
            "01/02/2025",
            "--issuer",
            "UBND tỉnh",
            "--title",
            `Văn bản ${i}`,
          ],
          env,
        ),
      ),
    ]);
    expect(results.map((r) => [r.code, r.err])).toEqual(results.map(() => [0, ""]));
    // Never two at once: start 1, end 1, start 2, end 2…
    expect(events).toHaveLength(12);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]!.replace("start", "end")).toBe(events[i + 1]);
    }
    expect(app.store.state.linkCodes({ now: app.now() })).toHaveLength(3);
    expect(
      app.knowledge().task("kh-45-2025-iii-1") ??
        app.knowledge().data.tasks.some((t) => t.title === PLAN_TASK),
    ).toBeTruthy();
    expect(app.knowledge().documentByNumber("1/KH-UBND")).toBeDefined();
    expect(app.knowledge().documentByNumber("2/KH-UBND")).toBeDefined();
    expect(
      app.store.audit
        .list({ limit: 10 })
        .map((e) => e.id)
        .sort(),
    ).toEqual(["1", "2", "3"]);
  });

  it("backup restore and remind run are refused while the assistant runs, with a Vietnamese reason", async () => {
    const { dataDir } = await startRunning();
    const env = testEnv(dataDir);
    const backup = await cli(["backup", "create"], env);
    expect(backup.code).toBe(0);
    const file = /tro-ly-cds-[\w-]+\.json/.exec(backup.out)![0];
    const withBackup = await storeFiles(dataDir);
    const restore = await cli(["backup", "restore", file], env);
    expect(restore.code).toBe(1);
    expect(restore.err).toBe(RESTORE_WHILE_RUNNING);
    expect(await storeFiles(dataDir)).toEqual(withBackup);

    const remind = await cli(["remind", "run"], env);
    expect(remind.code).toBe(1);
    expect(remind.err).toBe(REMIND_RUN_WHILE_RUNNING);
  });

  it("closing waits for the forwarded command in flight, then removes the socket and token", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { dataDir, control } = await startRunning({
      server: {
        async run(argv, io) {
          await gate;
          return runCli(argv, io);
        },
      },
    });
    const pending = cli(["link", "create", "--unit", "so-tttt", "--role", "head"], testEnv(dataDir));
    await new Promise((r) => setTimeout(r, 100));
    let closed = false;
    const closing = control.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    expect((await pending).code).toBe(0);
    await closing;
    const { existsSync } = await import("node:fs");
    expect(existsSync(control.socketPath)).toBe(false);
    expect(existsSync(control.tokenPath)).toBe(false);
  });
});

/** Sends raw bytes to the socket and returns everything it answers until it closes. */
function rawRequest(socketPath: string, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.createConnection(socketPath);
    let text = "";
    s.on("data", (c) => {
      text += c.toString("utf8");
    });
    s.on("error", reject);
    s.on("close", () => resolve(text));
    s.write(data);
  });
}

describe("the control endpoint's limits", () => {
  it("a DATA_DIR too long for a Unix socket: not started (the system would cut the path), nothing left behind", async () => {
    const { mkdir, readdir } = await import("node:fs/promises");
    const { createApp } = await import("../../src/app/app.ts");
    const { loadConfig } = await import("../../src/config.ts");
    const { startControlServer } = await import("../../src/control/server.ts");
    const { pino } = await import("pino");
    const dataDir = path.join(await tempDir(), "d".repeat(110));
    await mkdir(dataDir);
    const app = await createApp({
      config: loadConfig(testEnv(dataDir), "/nonexistent/.env"),
      logger: pino({ level: "silent" }),
    });
    try {
      await expect(startControlServer({ app })).rejects.toThrow(/quá 107 byte/);
      expect((await readdir(dataDir)).filter((f) => f.startsWith("control") || f.length < 3)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
