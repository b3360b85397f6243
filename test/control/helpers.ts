/**
 * A running assistant for the control tests: an App over knowledge/ with a real store in a temp
 * DATA_DIR, holding the writer lock, serving its control socket; and the CLI as an operator runs it.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterEach } from "vitest";
import { type App, createApp } from "../../src/app/app.ts";
import { Assistant } from "../../src/app/assistant.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";
import { loadConfig } from "../../src/config.ts";
import {
  type ControlServer,
  type ControlServerOptions,
  startControlServer,
} from "../../src/control/server.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

export async function tempDir(): Promise<string> {
  // Short: a Unix socket path must stay under ~107 bytes.
  const d = await mkdtemp(path.join(os.tmpdir(), "ctl-"));
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

export function testEnv(dataDir: string): NodeJS.ProcessEnv {
  return { DATA_DIR: dataDir, KNOWLEDGE_DIR: "knowledge", LOG_LEVEL: "silent", USER: "thu-ky" };
}

export interface Running {
  dataDir: string;
  app: App;
  control: ControlServer;
  logs: Record<string, unknown>[];
}

/** An app holding the writer lock of a fresh DATA_DIR, with its control server (both closed after the test). */
export async function startRunning(
  opts: { dataDir?: string; server?: Partial<ControlServerOptions> } = {},
): Promise<Running> {
  const dataDir = opts.dataDir ?? (await tempDir());
  const config = loadConfig(testEnv(dataDir), "/nonexistent/.env");
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const app = await createApp({ config, logger });
  cleanups.push(() => app.close());
  const control = await startControlServer({
    app,
    assistant: new Assistant(app),
    env: testEnv(dataDir),
    ...opts.server,
  });
  cleanups.push(() => control.close());
  return { dataDir, app, control, logs };
}

/** Runs the CLI as an operator does (a separate "process": no `io.running`), capturing its output. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const t0 = performance.now();
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n"), ms: performance.now() - t0 };
}

/** The store's files (not the lock, socket, token or folders) with their bytes: "nothing changed". */
export async function storeFiles(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dataDir)).sort()) {
    if (["writer.lock", "control.sock", "control.token"].includes(name)) continue;
    const p = path.join(dataDir, name);
    if (!(await stat(p)).isFile()) continue; // backups/
    out[name] = (await readFile(p)).toString("base64");
  }
  return out;
}
