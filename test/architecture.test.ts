/**
 * The layers of src/, checked on every import (static, dynamic `import()`, `export … from`, and type
 * imports), parsed with the TypeScript compiler. The same rules are written in the README (“Sơ đồ mã
 * nguồn”). From the bottom up; a folder may import its own files and anything a lower layer may:
 *
 *   0  core/            the domain, pure: only core/ and a few libraries (CORE_LIBRARIES); no store,
 *      config.ts        no channel, no grammY. config.ts: the environment, only libraries.
 *   1  store/           the storage adapter: core/ only.
 *      report-files/    the chart PNG and the Excel report: core/ only.
 *   2  app/, notifier/, the use cases over the store and the core (the App and Assistant, sending
 *      imports/,        reminders and their answers, plan imports, unit reorganisations); they may
 *      unit-changes/    import one another.
 *   3  conversation/    commands, access rules, dialogs, texts: layers 0–2, never a channel or the CLI.
 *   4  channels/…       Telegram, Zalo, the terminal chat: the conversation and layers 0–2; one channel
 *                       never imports another (channels/supervise.ts is shared); the store's types only.
 *      scheduler/       the cron jobs: layers 0–2 (no conversation, no channel).
 *   5  cli.ts, cli/,    the operator's CLI may import anything but main.ts; control/ is the running
 *      control/         assistant's end of the CLI's forwarding (it runs forwarded command lines).
 *   6  main.ts          the composition root: anything but cli/.
 * cli/ is imported only by cli.ts, cli/ itself and control/.
 * Libraries: grammY only in channels/telegram, lowdb only in the store, croner only in the scheduler,
 * the chart renderer (vega, resvg) only in report-files, the zip and XML readers only in imports.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve("src");

type Area =
  | "core"
  | "config"
  | "store"
  | "report-files"
  | "app"
  | "notifier"
  | "imports"
  | "unit-changes"
  | "conversation"
  | "channels/telegram"
  | "channels/zalo"
  | "channels/console"
  | "channels/shared"
  | "scheduler"
  | "control"
  | "cli"
  | "main";

/** The area of a file under src/ (undefined: a file no rule covers, which fails the test). */
function areaOf(file: string): Area | undefined {
  const rel = path.relative(SRC, file).split(path.sep).join("/");
  const [top, second] = rel.split("/");
  if (rel === "main.ts") return "main";
  if (rel === "cli.ts" || top === "cli") return "cli";
  if (rel === "config.ts") return "config";
  if (top === "channels") {
    if (second === "telegram" || second === "zalo" || second === "console") return `channels/${second}`;
    if (rel === "channels/supervise.ts") return "channels/shared";
    return undefined;
  }
  const folders: Area[] = [
    "core",
    "store",
    "report-files",
    "app",
    "notifier",
    "imports",
    "unit-changes",
    "conversation",
    "scheduler",
    "control",
  ];
  return folders.find((f) => f === top);
}

const SERVICES: Area[] = ["app", "notifier", "imports", "unit-changes"];
const BELOW_SERVICES: Area[] = ["core", "config", "store", "report-files"];
const CHANNELS: Area[] = ["channels/telegram", "channels/zalo", "channels/console"];
/** What a channel may import: the conversation, the use cases, the core; the store only for types. */
const FOR_CHANNELS: Area[] = [
  "core",
  "config",
  "report-files",
  ...SERVICES,
  "conversation",
  "channels/shared",
];
const ALL: Area[] = [
  ...BELOW_SERVICES,
  ...SERVICES,
  "conversation",
  ...CHANNELS,
  "channels/shared",
  "scheduler",
  "control",
  "cli",
  "main",
];

/** What each area may import besides itself. */
const MAY_IMPORT: Record<Area, readonly Area[]> = {
  core: [],
  config: [],
  store: ["core"],
  "report-files": ["core"],
  app: [...BELOW_SERVICES, ...SERVICES],
  notifier: [...BELOW_SERVICES, ...SERVICES],
  imports: [...BELOW_SERVICES, ...SERVICES],
  "unit-changes": [...BELOW_SERVICES, ...SERVICES],
  conversation: [...BELOW_SERVICES, ...SERVICES],
  "channels/telegram": FOR_CHANNELS,
  "channels/zalo": FOR_CHANNELS,
  "channels/console": FOR_CHANNELS,
  "channels/shared": FOR_CHANNELS.filter((a) => a !== "conversation" && a !== "channels/shared"),
  scheduler: [...BELOW_SERVICES, ...SERVICES],
  control: [...BELOW_SERVICES, ...SERVICES, "cli"],
  cli: ALL.filter((a) => a !== "main"),
  main: ALL.filter((a) => a !== "cli"),
};

/** Areas another area may import only for types (`import type`): a channel never touches the store. */
const TYPES_ONLY: Partial<Record<Area, readonly Area[]>> = {
  "channels/telegram": ["store"],
  "channels/zalo": ["store"],
  "channels/console": ["store"],
  "channels/shared": ["store"],
};

/** The libraries the core may use (anything else: a layer above). */
const CORE_LIBRARIES = ["zod", "dayjs", "yaml", "fuse.js", "node:fs", "node:path"];

/** Libraries that belong to one room only. */
const LIBRARY_OWNERS: Record<string, readonly Area[]> = {
  grammy: ["channels/telegram"],
  "@grammyjs/auto-retry": ["channels/telegram"],
  "@grammyjs/ratelimiter": ["channels/telegram"],
  "@grammyjs/transformer-throttler": ["channels/telegram"],
  lowdb: ["store"],
  croner: ["scheduler"],
  vega: ["report-files"],
  "vega-lite": ["report-files"],
  "@resvg/resvg-js": ["report-files"],
  jszip: ["imports"],
  saxes: ["imports"],
  exceljs: ["imports", "report-files"],
};

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/** Every module a source names: imports, re-exports, `import()` calls and `import("…")` types. */
function importsOf(fileName: string, text: string): ImportRef[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteralLike(spec))
      out.push({
        specifier: spec.text,
        typeOnly,
        line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allNamedTypes =
        !!named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, !!clause && (clause.isTypeOnly || (!clause.name && allNamedTypes)));
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause;
      const allNamedTypes =
        !!named &&
        ts.isNamedExports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, node.isTypeOnly || allNamedTypes);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(node, arg.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name"; "node:fs/promises" → "node:fs". */
function packageOf(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier.split("/")[0]!;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The broken rules of one file, in words (empty: none). */
function violations(file: string, text: string): string[] {
  const rel = path.relative(path.resolve("."), file).split(path.sep).join("/");
  const from = areaOf(file);
  if (!from) return [`${rel}: no layer rule covers this file (add its folder to test/architecture.test.ts)`];
  const out: string[] = [];
  for (const ref of importsOf(file, text)) {
    const where = `${rel}:${ref.line} imports “${ref.specifier}”`;
    if (ref.specifier.startsWith(".")) {
      const target = path.resolve(path.dirname(file), ref.specifier);
      if (!target.startsWith(SRC + path.sep)) {
        out.push(`${where}: outside src/`);
        continue;
      }
      const to = areaOf(target);
      if (!to) {
        out.push(`${where}: no layer rule covers the target`);
        continue;
      }
      if (to === from) continue;
      if (ref.typeOnly && TYPES_ONLY[from]?.includes(to)) continue;
      if (!MAY_IMPORT[from].includes(to)) {
        const typesOnly = TYPES_ONLY[from]?.includes(to) ? " (types only: use `import type`)" : "";
        out.push(`${where}: ${from} may not import ${to}${typesOnly}`);
      }
      continue;
    }
    const pkg = packageOf(ref.specifier);
    if (from === "core" && !CORE_LIBRARIES.includes(pkg))
      out.push(`${where}: the core uses only ${CORE_LIBRARIES.join(", ")}`);
    const owners = LIBRARY_OWNERS[pkg];
    if (owners && !owners.includes(from)) out.push(`${where}: ${pkg} belongs to ${owners.join(", ")} only`);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|cts|js|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe("the layers of src/", () => {
  const files = sourceFiles(SRC);

  it("every file of src/ is in a layer, and every import follows the rules", () => {
    expect(files.length).toBeGreaterThan(100);
    const broken = files.flatMap((f) => violations(f, readFileSync(f, "utf8")));
    expect(broken, broken.join("\n")).toEqual([]);
  });

  it("the imports are really read: src/main.ts names the channels, the CLI names the control client", () => {
    const main = importsOf("main.ts", readFileSync(path.join(SRC, "main.ts"), "utf8")).map(
      (r) => r.specifier,
    );
    expect(main).toContain("./channels/telegram/run.ts");
    const run = importsOf("run.ts", readFileSync(path.join(SRC, "cli/run.ts"), "utf8")).map(
      (r) => r.specifier,
    );
    expect(run).toContain("../control/client.ts");
    // Dynamic imports count too (the CLI loads each command module when it runs).
    const commands = importsOf("commands.ts", readFileSync(path.join(SRC, "cli/commands.ts"), "utf8"));
    expect(commands.map((r) => r.specifier)).toContain("./ask.ts");
  });

  it("a broken rule is reported, with the file, the line and the rule", () => {
    const core = path.join(SRC, "core/reminders/x.ts");
    expect(violations(core, 'import { reminderKey } from "../../store/reminder-log.ts";')).toEqual([
      "src/core/reminders/x.ts:1 imports “../../store/reminder-log.ts”: core may not import store",
    ]);
    expect(violations(core, 'import { Bot } from "grammy";').join("\n")).toContain(
      "grammy belongs to channels/telegram",
    );
    const console = path.join(SRC, "channels/console/x.ts");
    expect(violations(console, 'export { run } from "../../cli/ask.ts";')[0]).toContain(
      "channels/console may not import cli",
    );
    expect(violations(console, 'import type { Role } from "../../store/state.ts";')).toEqual([]);
    expect(violations(console, 'import { userIdFor } from "../../store/state.ts";')[0]).toContain(
      "types only",
    );
    const conversation = path.join(SRC, "conversation/x.ts");
    expect(violations(conversation, 'const t = await import("../channels/telegram/html.ts");')[0]).toContain(
      "conversation may not import channels/telegram",
    );
    const store = path.join(SRC, "store/x.ts");
    expect(violations(store, 'import type { App } from "../app/app.ts";')[0]).toContain(
      "store may not import app",
    );
    expect(violations(path.join(SRC, "newfolder/x.ts"), "")[0]).toContain("no layer rule covers this file");
  });
});
