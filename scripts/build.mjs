// Compiles src/ into dist/ once per start (about 0.2 s), so `npm start` and `npm run cli` run plain
// JavaScript instead of compiling TypeScript on every start (tsx took 2–3 s before a 1 ms answer).
// Each CLI command is its own chunk, loaded only when it runs. Packages stay in node_modules.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// (Another output folder may be given, as the build test does.)
const outdir = process.argv[2] ?? "dist";
rmSync(outdir, { recursive: true, force: true });
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
