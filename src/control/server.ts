/**
 * The control endpoint the running assistant serves (protocol.ts): a CLI command that needs the
 * store's writer lock while the assistant holds it is run here, by the very same command handler
 * (`runCli`), against the assistant's open app: its store (whose queues serialize every write with
 * the chat's), its knowledge (reloaded by the same use cases as a chat edit), its Assistant.
 *
 * - One forwarded command at a time (a queue): two operators' commands never interleave.
 * - The token (random, `control.token`, 0600) must be presented; a wrong one is refused before
 *   anything runs. The socket itself is 0600 too: only the service user (and root) gets in.
 * - A file the command reads (`readOperatorFile`: an uploaded plan) is asked of the client and sent
 *   as bytes: the operator's working directory and permissions, not the service's.
 * - close() stops accepting, lets the running command finish, then removes the socket and token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmod, open, readFile, rename, unlink } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type { App } from "../app/app.ts";
import type { Assistant } from "../app/assistant.ts";
import type { CliIo, FileRead, OperatorFiles } from "../cli/io.ts";
import { SerialQueue } from "../store/json-file.ts";
import {
  CONTROL_SOCKET,
  CONTROL_TOKEN,
  encode,
  type FileFrame,
  FrameReader,
  MAX_FILE_FRAME,
  MAX_RUN_FRAME,
  type ServerFrame,
} from "./protocol.ts";

export const CONTROL_TEXTS = {
  refused: "Trợ lý từ chối lệnh: mã xác thực không đúng. Không có gì thay đổi.",
  badRequest: "Trợ lý không hiểu yêu cầu từ dòng lệnh. Không có gì thay đổi.",
  failed: (message: string) => `Lỗi: ${message}`,
  lost: "mất kết nối với dòng lệnh",
};

export interface ControlServer {
  readonly socketPath: string;
  readonly tokenPath: string;
  close(): Promise<void>;
}

export interface ControlServerOptions {
  app: App;
  /** The running Assistant (its senders tell people at once, e.g. an admin decision). */
  assistant?: Assistant;
  /** The environment the assistant started with (commands that read configuration read it). */
  env?: NodeJS.ProcessEnv;
  /** Runs one command line (default: the CLI's `runCli`). */
  run?: (argv: string[], io: CliIo) => Promise<number>;
  /** How long a connection may take to send its command (default 10 s). */
  firstFrameTimeoutMs?: number;
}

/** A connection not yet sending a command is closed after this. */
const FIRST_FRAME_TIMEOUT_MS = 10_000;
const MAX_ARGS = 200;
/** The longest socket path Linux keeps whole (sun_path: 108 bytes with the final NUL). */
export const MAX_SOCKET_PATH = 107;

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * Serves DATA_DIR/control.sock for `app` (which must hold the writer lock: no other live process
 * then serves there, so a socket left by a crash is removed). Throws when the socket cannot be made
 * (a DATA_DIR path too long for a socket, a read-only disk): the assistant runs on without it.
 */
export async function startControlServer(opts: ControlServerOptions): Promise<ControlServer> {
  const { app } = opts;
  if (app.store.readOnly) throw new Error("the control endpoint needs the store's writer lock");
  const run = opts.run ?? (async (argv, io) => (await import("../cli/run.ts")).runCli(argv, io));
  const baseEnv = opts.env ?? process.env;
  const dir = app.store.dataDir;
  const socketPath = path.join(dir, CONTROL_SOCKET);
  const tokenPath = path.join(dir, CONTROL_TOKEN);
  const token = randomBytes(32).toString("hex");
  const expected = digest(token);
  const queue = new SerialQueue();
  const sockets = new Set<net.Socket>();
  const log = app.logger;

  // Longer paths are silently cut by the system (sun_path holds 108 bytes): refused instead.
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(
      `Đường dẫn ${socketPath} dài quá ${MAX_SOCKET_PATH} byte cho một ổ cắm Unix: không mở cổng điều khiển. Hãy đặt DATA_DIR ngắn hơn.`,
    );
  }
  await writeToken(tokenPath, token);
  await unlink(socketPath).catch(ignoreMissing);

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {}); // a client gone mid-command: its output is dropped
    serve(socket);
  });

  function serve(socket: net.Socket): void {
    let phase: "waiting" | "running" | "done" = "waiting";
    const send = (frame: ServerFrame) => {
      if (!socket.destroyed && socket.writable) socket.write(encode(frame));
    };
    const finish = (frame: ServerFrame) => {
      phase = "done";
      send(frame);
      socket.end();
    };
    const timer = setTimeout(
      () => phase === "waiting" && socket.destroy(),
      opts.firstFrameTimeoutMs ?? FIRST_FRAME_TIMEOUT_MS,
    );
    timer.unref();

    // The client's answers to our file reads.
    let nextId = 1;
    const pendingReads = new Map<number, (r: FileRead) => void>();
    const lost = () => {
      for (const resolve of pendingReads.values())
        resolve({ kind: "unreadable", message: CONTROL_TEXTS.lost });
      pendingReads.clear();
    };
    socket.on("close", lost);
    const files: OperatorFiles = {
      read(file, maxBytes) {
        if (socket.destroyed) return Promise.resolve({ kind: "unreadable", message: CONTROL_TEXTS.lost });
        const id = nextId++;
        return new Promise<FileRead>((resolve) => {
          pendingReads.set(id, resolve);
          send({ type: "read-file", id, path: file, maxBytes: Math.min(maxBytes, MAX_FILE_FRAME) });
        });
      },
    };

    const reader = new FrameReader(
      (frame) => {
        if (phase === "waiting") {
          phase = "running";
          clearTimeout(timer);
          start(frame);
        } else if (phase === "running" && frame["type"] === "file") {
          const f = frame as unknown as FileFrame;
          const resolve = pendingReads.get(f.id);
          if (!resolve) return;
          pendingReads.delete(f.id);
          resolve(fileRead(f));
        }
      },
      () => {
        if (phase === "waiting") finish({ type: "refused", message: CONTROL_TEXTS.badRequest });
        else socket.destroy();
      },
      () => (phase === "waiting" ? MAX_RUN_FRAME : MAX_FILE_FRAME * 1.4),
    );
    socket.on("data", (chunk: Buffer) => reader.push(chunk));

    function start(frame: Record<string, unknown>): void {
      const { token: given, argv, user } = frame;
      if (
        frame["type"] !== "run" ||
        typeof given !== "string" ||
        !Array.isArray(argv) ||
        argv.length > MAX_ARGS ||
        !argv.every((a) => typeof a === "string") ||
        (user !== undefined && typeof user !== "string")
      ) {
        log.warn("control: malformed request refused");
        finish({ type: "refused", message: CONTROL_TEXTS.badRequest });
        return;
      }
      if (!timingSafeEqual(digest(given), expected)) {
        log.warn("control: wrong token, command refused");
        finish({ type: "refused", message: CONTROL_TEXTS.refused });
        return;
      }
      const args = argv as string[];
      const env: NodeJS.ProcessEnv = { ...baseEnv };
      delete env["USERNAME"];
      if (typeof user === "string" && user.trim()) env["USER"] = user.trim().slice(0, 100);
      else delete env["USER"];
      const io: CliIo = {
        out: (text) => send({ type: "out", text }),
        err: (text) => send({ type: "err", text }),
        env,
        running: { app, ...(opts.assistant ? { assistant: opts.assistant } : {}) },
        files,
      };
      // The command words only: options may carry names.
      const words = args.filter((a) => !a.startsWith("-")).slice(0, 2);
      void queue.run(async () => {
        const t0 = performance.now();
        let code: number;
        try {
          code = await run(args, io);
        } catch (e) {
          log.error(
            { command: words, error: { type: (e as Error)?.name, message: (e as Error)?.message } },
            "control: command failed",
          );
          io.err(CONTROL_TEXTS.failed(e instanceof Error ? e.message : String(e)));
          code = 1;
        }
        log.info({ command: words, code, ms: Math.round(performance.now() - t0) }, "control: command run");
        finish({ type: "exit", code });
      });
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
    await chmod(socketPath, 0o600);
  } catch (e) {
    server.close();
    await unlink(tokenPath).catch(ignoreMissing);
    throw e;
  }
  log.debug({ socket: socketPath }, "control endpoint listening");

  let closed: Promise<void> | undefined;
  return {
    socketPath,
    tokenPath,
    close() {
      closed ??= (async () => {
        server.close();
        // The command running (and those queued) finish; then every connection goes.
        await queue.idle();
        for (const s of sockets) s.destroy();
        await unlink(socketPath).catch(ignoreMissing);
        const current = await readFile(tokenPath, "utf8").catch(() => undefined);
        if (current?.trim() === token) await unlink(tokenPath).catch(ignoreMissing);
      })();
      return closed;
    },
  };
}

function fileRead(f: FileFrame): FileRead {
  if (f.ok) {
    return typeof f.data === "string"
      ? { kind: "ok", bytes: new Uint8Array(Buffer.from(f.data, "base64")) }
      : { kind: "unreadable", message: "?" };
  }
  if (f.reason === "missing" || f.reason === "not-file") return { kind: f.reason };
  if (f.reason === "too-big") return { kind: "too-big", size: Number(f.size) || 0 };
  return { kind: "unreadable", message: String(f.message ?? "?") };
}

/** The token file, created 0600 (never widened by a file left from before), replaced atomically. */
async function writeToken(file: string, token: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await unlink(tmp).catch(ignoreMissing);
  const fh = await open(tmp, "wx", 0o600);
  try {
    await fh.writeFile(`${token}\n`, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

function ignoreMissing(e: { code?: string }): void {
  if (e.code !== "ENOENT") throw e;
}
