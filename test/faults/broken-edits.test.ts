/**
 * Issue 14, item 2: when the secretariat's edits (knowledge-edits.json) do not load (a hand edit, a
 * bug), the assistant still starts on the shipped knowledge plus the edits that load, names what it
 * set aside (start-up log, `kb check`, `app.knowledgeProblems()`), tells the admins once in chat,
 * keeps the bad entries in the file untouched, and `kb undo` repairs them.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp, createLogger } from "../../src/app/app.ts";
import { loadShippedKnowledge } from "../../src/app/knowledge.ts";
import { commitKnowledge } from "../../src/app/knowledge-commit.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";
import { loadConfig } from "../../src/config.ts";
import { main } from "../../src/main.ts";
import { EDITS_FILE } from "../../src/store/knowledge-edits.ts";
import { KNOWLEDGE_DIR, LogSink, tempDataDir } from "../helpers/bot-harness.ts";
import { FAKE_TOKEN, FakeBotApi } from "../helpers/fake-bot-api.ts";
import { body, textUpdate } from "../helpers/updates.ts";

const dirs: string[] = [];
const apps: App[] = [];
let api: FakeBotApi | undefined;
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close().catch(() => {});
  await api?.close();
  api = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const envOf = (dir: string, extra: Record<string, string> = {}) => ({
  DATA_DIR: dir,
  KNOWLEDGE_DIR,
  LOG_LEVEL: "info",
  ...extra,
});

async function dataDir(): Promise<string> {
  const d = await tempDataDir();
  dirs.push(d);
  return d;
}

async function open(dir: string, logs = new LogSink()): Promise<App> {
  const config = loadConfig(envOf(dir), "/nonexistent/.env");
  const app = await createApp({ config, logger: createLogger(config, logs) });
  apps.push(app);
  return app;
}

async function close(app: App): Promise<void> {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

function newTask(id: string, title = `Nhiệm vụ thử ${id}`) {
  return {
    id,
    title,
    lead: ["so-tttt"],
    deadline: { text: "Quý IV/2025", due: "2025-12-31" },
    sources: ["kh-3609-2022"],
    asOf: "2025-01-02",
  };
}

const addTask = (app: App, id: string, title?: string) =>
  commitKnowledge(app, { actor: { kind: "cli", name: "thu" }, action: "task.create" }, [
    { collection: "tasks", entity: newTask(id, title) },
  ]);

async function cli(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: envOf(dir) };
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Two changes through the app (#1 adds nv-a, #2 adds nv-b), then the store is closed. */
async function twoChanges(dir: string): Promise<void> {
  const app = await open(dir);
  expect(await addTask(app, "nv-a")).toMatchObject({ ok: true });
  expect(await addTask(app, "nv-b")).toMatchObject({ ok: true });
  await close(app);
}

/** Edits knowledge-edits.json by hand (as an operator would); returns the new text. */
async function handEdit(
  dir: string,
  fn: (json: { collections: Record<string, Record<string, unknown>> }) => void,
) {
  const file = path.join(dir, EDITS_FILE);
  const json = JSON.parse(await readFile(file, "utf8"));
  fn(json);
  const text = `${JSON.stringify(json, null, 2)}\n`;
  await writeFile(file, text);
  return text;
}

const editsText = (dir: string) => readFile(path.join(dir, EDITS_FILE), "utf8");

function errorLogs(logs: LogSink): Record<string, unknown>[] {
  return logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l["level"] === 50);
}

describe("edits that do not load", () => {
  it("a hand-edited entity with a bad field: start succeeds, the other edits apply, it is named, and kb undo repairs", async () => {
    const dir = await dataDir();
    await twoChanges(dir);
    const handEdited = await handEdit(dir, (j) => {
      (j.collections["tasks"]!["nv-b"] as Record<string, unknown>)["deadline"] = "cuối năm";
    });

    const logs = new LogSink();
    const app = await open(dir, logs);
    expect(app.knowledge().task("nv-a")?.title).toBe("Nhiệm vụ thử nv-a");
    expect(app.knowledge().task("nv-b")).toBeUndefined();
    expect(app.knowledgeProblems()).toEqual([
      { collection: "tasks", id: "nv-b", reason: expect.stringContaining("deadline") },
    ]);
    // The start-up log names it, at error level, in Vietnamese.
    const named = errorLogs(logs).find((l) => l["collection"] === "tasks" && l["id"] === "nv-b");
    expect(named?.["msg"]).toContain("nhiệm vụ “nv-b”: deadline");
    // The assistant answers from the knowledge with the edits that load.
    expect(app.engine()).toBeDefined();
    await close(app);
    expect(await editsText(dir)).toBe(handEdited);

    const check = await cli(dir, "kb", "check");
    expect(check.code).toBe(1);
    expect(check.err).toContain("nhiệm vụ “nv-b”: deadline");
    expect(check.err).toContain("kb undo");
    expect(check.err).not.toMatch(/\n\s+at /);

    const undo = await cli(dir, "kb", "undo");
    expect(undo.err).toBe("");
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(/Đã hoàn tác thay đổi #2/);

    const repaired = await open(dir);
    expect(repaired.knowledgeProblems()).toEqual([]);
    expect(repaired.knowledge().task("nv-a")).toBeDefined();
    expect(repaired.knowledge().task("nv-b")).toBeUndefined();
    // Nothing is lost: the undo's audit entry holds the hand-edited entity as it was.
    const entry = repaired.store.audit.list({ limit: 1 })[0]!;
    expect(entry.undoes).toBe("2");
    expect(entry.changes?.[0]).toMatchObject({
      collection: "tasks",
      id: "nv-b",
      before: { deadline: "cuối năm" },
    });
    await close(repaired);
    expect((await cli(dir, "kb", "check")).code).toBe(0);
  });

  it("a set-aside entry stays in the file byte for byte through other commits; writes to it are refused", async () => {
    const dir = await dataDir();
    await twoChanges(dir);
    await handEdit(dir, (j) => {
      (j.collections["tasks"]!["nv-b"] as Record<string, unknown>)["lead"] = "so-tttt";
    });
    const badEntry = JSON.parse(await editsText(dir)).collections.tasks["nv-b"];

    const app = await open(dir);
    expect(app.knowledgeProblems().map((p) => p.id)).toEqual(["nv-b"]);
    const refused = await addTask(app, "nv-b", "Nhiệm vụ viết lại");
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.message).toMatch(/nhiệm vụ “nv-b”.*gác lại.*kb undo/s);
    expect(await addTask(app, "nv-c")).toMatchObject({ ok: true });
    expect(app.knowledge().task("nv-c")).toBeDefined();
    await close(app);

    const onDisk = JSON.parse(await editsText(dir));
    expect(onDisk.collections.tasks["nv-b"]).toEqual(badEntry);
    expect(Object.keys(onDisk.collections.tasks)).toEqual(["nv-a", "nv-b", "nv-c"]);
    // Undo still works with a set-aside entry around: it undoes #3 and leaves nv-b as it is.
    const undo = await cli(dir, "kb", "undo");
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(/Đã hoàn tác thay đổi #3/);
    expect(JSON.parse(await editsText(dir)).collections.tasks["nv-b"]).toEqual(badEntry);
  });

  it("a hand edit pointing a task at a unit that does not exist: same (named, others apply, kb undo repairs)", async () => {
    const dir = await dataDir();
    await twoChanges(dir);
    await handEdit(dir, (j) => {
      (j.collections["tasks"]!["nv-b"] as Record<string, unknown>)["lead"] = ["so-khong-co"];
    });

    const logs = new LogSink();
    const app = await open(dir, logs);
    expect(app.knowledge().task("nv-a")).toBeDefined();
    expect(app.knowledge().task("nv-b")).toBeUndefined();
    expect(app.knowledgeProblems()).toEqual([
      {
        collection: "tasks",
        id: "nv-b",
        reason: "lead[1]: không có đơn vị hay nhóm đơn vị mã “so-khong-co”",
      },
    ]);
    expect(errorLogs(logs).some((l) => String(l["msg"]).includes("so-khong-co"))).toBe(true);
    await close(app);

    const check = await cli(dir, "kb", "check");
    expect(check.code).toBe(1);
    expect(check.err).toContain("nhiệm vụ “nv-b”: lead[1]: không có đơn vị hay nhóm đơn vị mã “so-khong-co”");

    const undo = await cli(dir, "kb", "undo");
    expect(undo.err).toBe("");
    expect(undo.code).toBe(0);
    const repaired = await open(dir);
    expect(repaired.knowledgeProblems()).toEqual([]);
    expect(repaired.knowledge().task("nv-b")).toBeUndefined();
    expect(repaired.knowledge().task("nv-a")).toBeDefined();
  });

  it("a file that is not JSON: the shipped knowledge alone, a clear message, writes refused, the file untouched", async () => {
    const dir = await dataDir();
    await twoChanges(dir);
    const garbage = '{ "version": 1, "collections": { "tasks": { "nv-a": {\n';
    await writeFile(path.join(dir, EDITS_FILE), garbage);

    const logs = new LogSink();
    const app = await open(dir, logs);
    const shipped = loadShippedKnowledge({ KNOWLEDGE_DIR }).data;
    expect(app.knowledge().data.tasks.map((t) => t.id)).toEqual(shipped.tasks.map((t) => t.id));
    const problems = app.knowledgeProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ collection: "file", id: EDITS_FILE });
    expect(problems[0]!.reason).toContain("JSON không hợp lệ");
    expect(errorLogs(logs).some((l) => String(l["msg"]).includes(`toàn bộ tệp ${EDITS_FILE}`))).toBe(true);
    // The other stores work: the assistant runs; an edit is refused, saying what to do.
    const refused = await addTask(app, "nv-c");
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("không đọc được") });
    expect(refused.ok ? "" : refused.message).toContain("backup restore");
    await close(app);
    expect(await editsText(dir)).toBe(garbage);

    const check = await cli(dir, "kb", "check");
    expect(check.code).toBe(1);
    expect(check.err).toContain(EDITS_FILE);
    expect(check.err).toContain("JSON không hợp lệ");
    const undo = await cli(dir, "kb", "undo");
    expect(undo.code).toBe(1);
    expect(undo.err).toContain("không đọc được");
    expect(await editsText(dir)).toBe(garbage);

    // The terminal chat starts too, and says so on standard error.
    const err: string[] = [];
    const out: string[] = [];
    const code = await main({
      io: {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        env: envOf(dir),
        stdin: Readable.from(["thoát\n"]),
      },
      dotenvPath: "/nonexistent/.env",
      logDestination: new LogSink(),
    });
    expect(code).toBe(0);
    expect(err.join("\n")).toContain(`Tệp chỉnh sửa ${EDITS_FILE} không đọc được`);
    expect(err.join("\n")).toContain("backup restore");
    expect(err.join("\n")).not.toMatch(/\n\s+at /);
    expect(await editsText(dir)).toBe(garbage);
  });
});

describe("the admins are told at start", () => {
  it("once, in chat, how many edits were set aside, which, and what to do", async () => {
    const dir = await dataDir();
    await twoChanges(dir);
    await handEdit(dir, (j) => {
      (j.collections["tasks"]!["nv-b"] as Record<string, unknown>)["deadline"] = "cuối năm";
    });
    api = new FakeBotApi();
    const root = await api.listen();
    const ADMIN = "4242";
    const err: string[] = [];
    const io: CliIo = {
      out: () => {},
      err: (t) => err.push(t),
      env: envOf(dir, { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: root, ADMIN_TELEGRAM_IDS: ADMIN }),
    };
    const logs = new LogSink();
    const stop = new AbortController();
    const running = main({ io, dotenvPath: "/nonexistent/.env", logDestination: logs, signal: stop.signal });
    const isNotice = (c: { method: string; params: Record<string, unknown> }) =>
      c.method === "sendMessage" && String(c.params["text"]).includes("gác lại");
    const sent = await api.waitFor((c) => c.ok && isNotice(c));
    expect(String(sent.params["chat_id"])).toBe(ADMIN);
    const text = String(sent.params["text"]);
    expect(text).toContain("gác lại 1 chỉnh sửa");
    expect(text).toContain("nv-b");
    expect(text).toContain("npm run cli -- kb check");
    expect(text).toContain("kb undo");
    expect(text).toContain("sao lưu");
    // The bot keeps answering; no second notice comes with it.
    const before = api.callsTo("sendMessage").length;
    api.enqueueUpdate(body(textUpdate("chủ đề năm 2023")));
    await api.waitFor("sendMessage", { count: before + 1 });
    stop.abort();
    expect(await running).toBe(0);
    expect(api.calls.filter(isNotice)).toHaveLength(1);
    expect(err).toEqual([]);
    expect(errorLogs(logs).some((l) => l["id"] === "nv-b")).toBe(true);
  });
});
