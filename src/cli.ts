/**
 * The CLI's entry point: `node dist/cli.js <command> …` (`npm run cli -- …`). The parser and
 * dispatcher is src/cli/run.ts.
 */

import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { nodeIo } from "./cli/io.ts";
import { runCli } from "./cli/run.ts";

export { runCli };

// Run directly (node dist/…js, tsx src/cli.ts), not imported by a test.
// Node loads the main module by its real path: a path through a symlink (a linked install folder) counts too.
const startedAs = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};
const isMain =
  process.argv[1] !== undefined &&
  (import.meta.url === pathToFileURL(startedAs(process.argv[1])).href ||
    process.argv[1].endsWith("src/cli.ts"));
if (isMain) {
  runCli(process.argv.slice(2), nodeIo)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`Lỗi: ${msg}\n`);
      process.exitCode = 1;
    });
}
