// Compiles src/ into dist/ (about 0.2 s), so `npm start` and `npm run cli` run plain JavaScript instead of
// compiling TypeScript on every start (tsx took 2–3 s before a 1 ms answer). Each CLI command is its own
// chunk, loaded only when it runs. Packages stay in node_modules.
//
// Skipped when dist/ is newer than every source file (`npm run cli` beside a running assistant does not
// rebuild under it). Old chunks are not deleted: a running process may still load one of its own chunks
// lazily (a forwarded CLI command), so a rebuild only adds files; `--clean` starts from an empty folder.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const clean = args.includes("--clean");
// (Another output folder may be given, as the build test does.)
const outdir = args.find((a) => !a.startsWith("--")) ?? "dist";
const stamp = path.join(outdir, ".built");

/** The newest modification time of the files the bundle is made of. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk("src");
  for (const f of ["package.json", "package-lock.json", "scripts/build.mjs"])
    if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

if (!clean && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) process.exit(0);
if (clean) rmSync(outdir, { recursive: true, force: true });
// (Loaded only when building: a start with dist/ up to date does not pay for it.)
const { build } = await import("esbuild");
await build({
  entryPoints: ["src/main.ts", "src/cli.ts"],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
writeFileSync(stamp, `${new Date().toISOString()}\n`);
