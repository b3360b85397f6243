/**
 * Test helpers for imports: an App over the shipped knowledge with a temp DATA_DIR, the CLI with captured
 * output, store snapshots for "nothing changed". The plan files themselves are built in plans.ts.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterEach } from "vitest";
import { type App, createApp } from "../../src/app/app.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli.ts";
import { loadConfig } from "../../src/config.ts";

const dirs: string[] = [];
const apps: App[] = [];

afterEach(async () => {
  for (const a of apps.splice(0)) await a.close().catch(() => {});
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), "tro-ly-import-"));
  dirs.push(d);
  return d;
}

export const NOW = new Date("2023-03-01T02:00:00.000Z");

export function testEnv(dataDir: string): NodeJS.ProcessEnv {
  return { DATA_DIR: dataDir, KNOWLEDGE_DIR: "knowledge", LOG_LEVEL: "silent", USER: "thu-ky" };
}

/** An App over knowledge/ with a fresh data dir (closed after the test). */
export async function makeApp(opts: { dataDir?: string; readOnly?: boolean } = {}): Promise<App> {
  const dataDir = opts.dataDir ?? (await tempDir());
  const config = loadConfig(testEnv(dataDir), "/nonexistent/.env");
  const app = await createApp({
    config,
    now: () => NOW,
    logger: pino({ level: "silent" }),
    readOnly: opts.readOnly ?? false,
  });
  apps.push(app);
  return app;
}

/** Runs the CLI, capturing its output. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const code = await runCli(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every file of the data dir (but the writer lock) with its bytes. */
export async function snapshot(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dataDir)).sort()) {
    if (name === "writer.lock") continue;
    out[name] = (await readFile(path.join(dataDir, name))).toString("base64");
  }
  return out;
}

export * from "./plans.ts";
