/**
 * `npm start` and `npm run cli` run the compiled bundle (scripts/build.mjs), not TypeScript compiled at
 * every start: the bundle must build, answer, and print the help, from a folder of its own.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let out: string;
beforeAll(() => {
  // Inside the repository (node_modules/.cache), where the bundle finds its packages as dist/ does.
  const cache = path.resolve("node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  out = path.join(mkdtempSync(path.join(cache, "tro-ly-build-")), "dist");
  execFileSync(process.execPath, ["scripts/build.mjs", out], { stdio: "pipe" });
}, 60_000);
afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

const run = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(out, "cli.js"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: path.join(path.dirname(out), "data"), LOG_LEVEL: "silent" },
  });

describe("the compiled bundle", () => {
  it("answers a question and cites", () => {
    const text = run("ask", "tb 16");
    expect(text).toContain("16/TB-VPCP");
    expect(text).toContain("Nguồn");
  });

  it("prints the help with every command, each loaded only when asked", () => {
    const help = run("--help");
    for (const c of ["ask", "kb check", "kb import", "backup", "link create", "report", "remind plan"])
      expect(help).toContain(c);
  });

  it("says plainly when a command does not exist", () => {
    expect(() => run("khongco")).toThrow(/Không có lệnh/);
  });

  it("is not rebuilt while up to date, and a rebuild keeps the chunks a running process may still load", () => {
    const stamp = path.join(out, ".built");
    const before = statSync(stamp).mtimeMs;
    execFileSync(process.execPath, ["scripts/build.mjs", out], { stdio: "pipe" });
    expect(statSync(stamp).mtimeMs).toBe(before);
    // A chunk of an earlier build (a running process's) survives the next build.
    const old = path.join(out, "chunk-OLDBUILD.js");
    writeFileSync(old, "export {};\n");
    const src = path.resolve("src/cli.ts");
    const now = new Date();
    utimesSync(src, now, new Date(now.getTime() + 1000));
    try {
      execFileSync(process.execPath, ["scripts/build.mjs", out], { stdio: "pipe" });
    } finally {
      utimesSync(src, now, now);
    }
    expect(statSync(stamp).mtimeMs).toBeGreaterThan(before);
    expect(existsSync(old)).toBe(true);
  }, 60_000);
});
