/**
 * The CLI's side of the control endpoint (protocol.ts): sends a command line to the running
 * assistant with the token it read from DATA_DIR/control.token, prints what comes back, reads the
 * files the command asks for (on this side: the operator's directory and permissions) and returns
 * the command's exit code.
 */
import { readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { type CliIo, localFiles } from "../cli/io.ts";
import {
  CONTROL_SOCKET,
  CONTROL_TOKEN,
  encode,
  type FileFrame,
  FrameReader,
  MAX_FILE_FRAME,
  type RunFrame,
} from "./protocol.ts";

export const CLIENT_TEXTS = {
  noPermission: (file: string) =>
    `Trợ lý đang chạy nhưng tài khoản này không đọc được ${file}: chỉ tài khoản chạy trợ lý gửi lệnh ghi được. ` +
    "Chạy lại lệnh bằng tài khoản đó.",
  lost:
    "Mất kết nối với trợ lý khi lệnh đang chạy: lệnh có thể đã được thực hiện hoặc chưa. " +
    "Kiểm tra trước khi chạy lại (npm run cli -- kb history, link list).",
};

export type ForwardResult =
  /** The assistant ran the command (or refused it): its exit code. */
  | { kind: "done"; code: number }
  /** Nobody serves the endpoint (no token or socket, a socket left by a crash): nothing was sent. */
  | { kind: "no-endpoint" };

export interface ForwardOptions {
  /** How long connecting may take (default 2 s). */
  connectTimeoutMs?: number;
}

/** Forwards `argv` to the process serving `dataDir`'s control endpoint. */
export async function forwardCommand(
  dataDir: string,
  argv: string[],
  io: CliIo,
  opts: ForwardOptions = {},
): Promise<ForwardResult> {
  const tokenPath = path.join(dataDir, CONTROL_TOKEN);
  let token: string;
  try {
    token = (await readFile(tokenPath, "utf8")).trim();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "EACCES" || code === "EPERM") {
      io.err(CLIENT_TEXTS.noPermission(tokenPath));
      return { kind: "done", code: 1 };
    }
    return { kind: "no-endpoint" };
  }
  if (!token) return { kind: "no-endpoint" };

  const socket = await connect(path.join(dataDir, CONTROL_SOCKET), opts.connectTimeoutMs ?? 2_000);
  if (socket === "denied") {
    io.err(CLIENT_TEXTS.noPermission(path.join(dataDir, CONTROL_SOCKET)));
    return { kind: "done", code: 1 };
  }
  if (!socket) return { kind: "no-endpoint" };

  const user = io.env.USER ?? io.env.USERNAME;
  const run: RunFrame = { type: "run", token, argv, ...(user ? { user } : {}) };
  return new Promise<ForwardResult>((resolve) => {
    let settled = false;
    const done = (code: number) => {
      if (settled) return;
      settled = true;
      reader.stop();
      socket.end();
      resolve({ kind: "done", code });
    };
    const reader = new FrameReader(
      (frame) => {
        switch (frame["type"]) {
          case "out":
            io.out(String(frame["text"]));
            break;
          case "err":
            io.err(String(frame["text"]));
            break;
          case "read-file":
            void answerRead(socket, Number(frame["id"]), String(frame["path"]), Number(frame["maxBytes"]));
            break;
          case "exit":
            done(Number.isInteger(frame["code"]) ? (frame["code"] as number) : 1);
            break;
          case "refused":
            io.err(String(frame["message"]));
            done(1);
            break;
        }
      },
      () => {
        io.err(CLIENT_TEXTS.lost);
        socket.destroy();
        done(1);
      },
      () => MAX_FILE_FRAME,
    );
    socket.on("data", (chunk: Buffer) => reader.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      if (!settled) {
        io.err(CLIENT_TEXTS.lost);
        done(1);
      }
    });
    socket.write(encode(run));
  });
}

/** Reads the file the command asked for, here, and sends it (or why not). */
async function answerRead(socket: net.Socket, id: number, file: string, maxBytes: number): Promise<void> {
  const limit = Number.isFinite(maxBytes) && maxBytes > 0 ? Math.min(maxBytes, MAX_FILE_FRAME) : 0;
  const r = await localFiles.read(file, limit);
  const frame: FileFrame =
    r.kind === "ok"
      ? { type: "file", id, ok: true, data: Buffer.from(r.bytes).toString("base64") }
      : r.kind === "too-big"
        ? { type: "file", id, ok: false, reason: "too-big", size: r.size }
        : r.kind === "unreadable"
          ? { type: "file", id, ok: false, reason: "unreadable", message: r.message }
          : { type: "file", id, ok: false, reason: r.kind };
  if (!socket.destroyed) socket.write(encode(frame));
}

/** A connected socket; undefined when nobody listens; "denied" when the socket is not ours to use. */
function connect(socketPath: string, timeoutMs: number): Promise<net.Socket | undefined | "denied"> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e: { code?: string }) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(e.code === "EACCES" || e.code === "EPERM" ? "denied" : undefined);
    });
  });
}
