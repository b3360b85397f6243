/** Shared set-up of the Zalo tests: a fake Zalo API, a temp data dir, an App at a fixed time. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach } from "vitest";
import { type App, createApp } from "../../../src/app/app.ts";
import { Assistant } from "../../../src/app/assistant.ts";
import { ZaloClient } from "../../../src/channels/zalo/client.ts";
import { loadConfig } from "../../../src/config.ts";
import { FAKE_ZALO_TOKEN, FakeZaloApi } from "../../helpers/fake-zalo-api.ts";

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** Registers something to undo after the test (last registered, first undone). */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

/** 1 June 2023, 09:00 in Ninh Thuận. */
export const NOW = new Date("2023-06-01T02:00:00.000Z");

export interface ZaloTestEnv {
  api: FakeZaloApi;
  root: string;
  app: App;
  assistant: Assistant;
  client: ZaloClient;
  /** Every log line (JSON) the app wrote. */
  logs: string[];
  clock: { now: Date };
}

export async function zaloEnv(
  opts: { env?: Record<string, string>; idleMs?: number; now?: Date } = {},
): Promise<ZaloTestEnv> {
  const api = new FakeZaloApi({ idleMs: opts.idleMs ?? 30 });
  const root = await api.listen();
  onCleanup(() => api.close());
  const dir = await mkdtemp(path.join(os.tmpdir(), "tro-ly-zalo-"));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  const config = loadConfig(
    {
      DATA_DIR: dir,
      KNOWLEDGE_DIR: "knowledge",
      ZALO_BOT_TOKEN: FAKE_ZALO_TOKEN,
      ZALO_API_ROOT: root,
      ...opts.env,
    },
    "/nonexistent/.env",
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const clock = { now: opts.now ?? NOW };
  const app = await createApp({
    config,
    now: () => clock.now,
    logger: pino({ level: "debug" }, sink),
  });
  onCleanup(() => app.close());
  const assistant = new Assistant(app);
  const client = new ZaloClient({ token: config.ZALO_BOT_TOKEN!, apiRoot: root });
  return { api, root, app, assistant, client, logs, clock };
}
