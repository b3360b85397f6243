/**
 * The restart test: a reminder run in a child process is SIGKILLed in the middle, then started again;
 * the fake Bot API counts what each chat received.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { manyUnits } from "../fixtures/reminders/fixture.ts";
import { FakeBotApi } from "../helpers/fake-bot-api.ts";
import { reminderApp, tempDir, vn } from "./helpers.ts";

const CHILD = path.resolve("test/fixtures/reminders/child-run.ts");
const N = 16;
const NOW = vn("2026-06-23");

let api: FakeBotApi;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await api?.close();
});

interface ChildResult {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
}

/** Runs the child; with `killOn`, SIGKILLs it as soon as a line starting with it is printed. */
function runChild(dir: string, pauseAt?: string, killOn?: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        API_ROOT: api.apiRoot,
        NOW,
        N_UNITS: String(N),
        DUE: "2026-06-30",
        ...(pauseAt ? { PAUSE_AT: pauseAt } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const lines: string[] = [];
    let buf = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      let i = buf.indexOf("\n");
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        if (killOn && line.startsWith(killOn)) child.kill("SIGKILL");
        i = buf.indexOf("\n");
      }
    });
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString("utf8");
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`child timed out; stderr: ${err}`));
    }, 30_000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0 && signal !== "SIGKILL") reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ lines, signal, code });
    });
  });
}

function perChat(): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of api.callsTo("sendMessage"))
    m.set(String(p["chat_id"]), (m.get(String(p["chat_id"])) ?? 0) + 1);
  return m;
}

async function seeded(): Promise<string> {
  const dir = await tempDir();
  const { data, users } = manyUnits(N, "2026-06-30");
  const t = await reminderApp({ now: NOW, data, users, dir });
  await t.app.close();
  return dir;
}

describe("SIGKILL in the middle of a run, then a restart", () => {
  it("killed after a 'pending' mark and after a 'sent' mark: every reminder delivered, none twice", async () => {
    api = new FakeBotApi();
    await api.listen();
    const dir = await seeded();

    // 1. killed with the 5th reminder marked "pending" but not sent yet
    const first = await runChild(dir, "pending:5", "PAUSED");
    expect(first.signal).toBe("SIGKILL");
    expect(api.sent()).toHaveLength(4);

    // 2. restarted, killed right after the 7th "sent" mark of this run (between two sends)
    const second = await runChild(dir, "sent:7", "PAUSED");
    expect(second.signal).toBe("SIGKILL");
    expect(api.sent()).toHaveLength(11);

    // 3. restarted, runs to the end
    const third = await runChild(dir);
    expect(third.code).toBe(0);
    const report = JSON.parse(third.lines.find((l) => l.startsWith("REPORT "))!.slice(7));
    expect(report).toMatchObject({ planned: 5, sent: 5, failed: [], blocked: [] });

    const counts = perChat();
    expect(counts.size).toBe(N);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(api.sent()).toHaveLength(N);

    // 4. another start: nothing left to send
    const fourth = await runChild(dir);
    const again = JSON.parse(fourth.lines.find((l) => l.startsWith("REPORT "))!.slice(7));
    expect(again).toMatchObject({ planned: 0, sent: 0 });
    expect(api.sent()).toHaveLength(N);
  }, 60_000);

  it("the documented window: killed after Telegram accepted a message but before its 'sent' mark, that one message is sent again", async () => {
    api = new FakeBotApi();
    await api.listen();
    const dir = await seeded();
    const first = await runChild(dir, "accepted:3", "PAUSED");
    expect(first.signal).toBe("SIGKILL");
    const inFlight = first.lines.find((l) => l.startsWith("PAUSED "))!.slice(7);
    expect(api.sent()).toHaveLength(3);

    const second = await runChild(dir);
    const report = JSON.parse(second.lines.find((l) => l.startsWith("REPORT "))!.slice(7));
    expect(report).toMatchObject({ planned: N - 2, sent: N - 2, recovered: 1 });

    const counts = perChat();
    const twice = [...counts.entries()].filter(([, n]) => n === 2).map(([chat]) => chat);
    const chatOf = inFlight.split("|")[2]!.split(":")[1]!;
    expect(twice).toEqual([chatOf]); // at-least-once: only the message in flight, never any other
    expect(counts.size).toBe(N);
  }, 60_000);
});
