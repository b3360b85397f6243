/**
 * `kb unit rename|merge|close`: the secretariat records a reorganisation from the terminal. A thin caller
 * of src/unit-changes/ (the plan, its preview, applying it): without `--apply` it only previews (works
 * while the bot runs); `--apply` writes one audited change (needs the writer lock), undone with `kb undo`.
 * `--json` prints `{"units": [...], "tasksMoved": n, "usersMoved": n}` (messages go to stderr).
 */
import { pino } from "pino";
import { type App, createApp } from "../app/app.ts";
import { KnowledgeLoadError } from "../app/knowledge.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { isIsoDate, localDate } from "../core/time.ts";
import { findWrittenDate } from "../imports/plan-header.ts";
import { type Actor, StoreError } from "../store/index.ts";
import { applyUnitChange } from "../unit-changes/apply.ts";
import { planUnitChange, UnitChangeError, type UnitChangeRequest } from "../unit-changes/plan.ts";
import { planJson, renderPlan } from "../unit-changes/render.ts";
import { CliError, type CliIo, type Command, type CommandArgs, flag, str } from "./io.ts";

async function withApp<T>(io: CliIo, write: boolean, fn: (app: App) => Promise<T>): Promise<T> {
  let app: App;
  try {
    app = await createApp({
      config: loadConfig(io.env),
      readOnly: !write,
      logger: pino({ level: "silent" }),
    });
  } catch (e) {
    if (e instanceof StoreError && e.code === "locked")
      throw new CliError(
        "Bot đang chạy và đang giữ quyền ghi kho dữ liệu, nên dòng lệnh không ghi được. " +
          `Hãy dừng bot rồi chạy lại lệnh này.\n(${e.message})`,
      );
    if (e instanceof StoreError || e instanceof KnowledgeLoadError || e instanceof ConfigError)
      throw new CliError(e.message);
    throw e;
  }
  try {
    return await fn(app);
  } catch (e) {
    if (e instanceof UnitChangeError || e instanceof StoreError) throw new CliError(e.message);
    throw e;
  } finally {
    await app.close();
  }
}

function dateOf(args: CommandArgs): string {
  const s = str(args, "date");
  if (s === undefined) throw new CliError("Thiếu --date dd/mm/yyyy (ngày thay đổi có hiệu lực).", 2);
  const t = s.trim();
  const iso = isIsoDate(t) ? t : findWrittenDate(t);
  if (!iso) throw new CliError(`--date không hợp lệ: “${s}” (ví dụ 01/03/2025).`, 2);
  return iso;
}

function documentOf(args: CommandArgs): { document?: string } {
  const d = str(args, "document")?.replace(/\s+/g, " ").trim();
  if (d === undefined) return {};
  if (!d || d.length > 200) throw new CliError("--document cần từ 1 đến 200 ký tự (số hiệu văn bản).", 2);
  return { document: d };
}

function actorOf(io: CliIo): Actor {
  const name = io.env.USER ?? io.env.USERNAME;
  return name ? { kind: "cli", name } : { kind: "cli" };
}

async function run(args: CommandArgs, io: CliIo, req: UnitChangeRequest): Promise<number> {
  const apply = flag(args, "apply");
  const json = flag(args, "json");
  const say = json ? io.err : io.out;
  return withApp(io, apply, async (app) => {
    const plan = planUnitChange(app.knowledge(), app.store.state.users(), req, localDate(app.now()));
    if (json) io.out(planJson(plan));
    else io.out(renderPlan(app.knowledge(), plan));
    if (!apply) {
      say("Chưa thay đổi gì. Thêm --apply để áp dụng.");
      return 0;
    }
    const r = await applyUnitChange(app, plan, actorOf(io));
    if (!r.ok) throw new CliError(r.message);
    say(
      `Đã áp dụng${r.entryId ? ` (nhật ký #${r.entryId})` : ""}: ${r.tasksMoved} nhiệm vụ, ${r.usersMoved} cán bộ chuyển sang đơn vị tiếp nhận. Hoàn tác: npm run cli -- kb undo`,
    );
    return 0;
  });
}

const COMMON = {
  date: { type: "string" },
  document: { type: "string" },
  apply: { type: "boolean" },
  json: { type: "boolean" },
} as const;

export const kbUnitRename: Command = {
  name: "kb unit rename",
  usage:
    'kb unit rename <mã đơn vị> --name "<tên mới>" --date dd/mm/yyyy [--document <số hiệu>] [--apply] [--json]',
  summary: "Đổi tên một đơn vị từ một ngày (tên cũ vẫn tìm được): xem trước; --apply để áp dụng",
  options: { ...COMMON, name: { type: "string" } },
  async run(args, io) {
    const unitId = args.positionals[0];
    const name = str(args, "name");
    if (!unitId || !name)
      throw new CliError(
        'Cần mã đơn vị và --name. Ví dụ: npm run cli -- kb unit rename so-tttt --name "Sở Khoa học và Công nghệ" --date 01/03/2025',
        2,
      );
    return run(args, io, { kind: "rename", unitId, name, date: dateOf(args), ...documentOf(args) });
  },
};

export const kbUnitMerge: Command = {
  name: "kb unit merge",
  usage:
    'kb unit merge <mã đơn vị>… --into <mã | "Tên đơn vị mới"> --date dd/mm/yyyy [--document <số hiệu>] [--apply] [--json]',
  summary:
    "Hợp nhất một hay nhiều đơn vị vào một đơn vị (có sẵn hoặc mới) từ một ngày: nhiệm vụ chưa xong và cán bộ chuyển sang; xem trước, --apply để áp dụng",
  options: { ...COMMON, into: { type: "string" } },
  async run(args, io) {
    const into = str(args, "into")?.trim();
    if (!args.positionals.length || !into)
      throw new CliError(
        'Cần các mã đơn vị và --into. Ví dụ: npm run cli -- kb unit merge so-tttt --into "Sở Khoa học và Công nghệ" --date 01/03/2025',
        2,
      );
    return run(args, io, {
      kind: "merge",
      unitIds: args.positionals,
      into,
      date: dateOf(args),
      ...documentOf(args),
    });
  },
};

export const kbUnitClose: Command = {
  name: "kb unit close",
  usage:
    "kb unit close <mã đơn vị> --date dd/mm/yyyy [--successor <mã>] [--document <số hiệu>] [--apply] [--json]",
  summary:
    "Ghi một đơn vị giải thể (kết thúc hoạt động) từ một ngày, kèm đơn vị tiếp nhận nếu có: xem trước; --apply để áp dụng",
  options: { ...COMMON, successor: { type: "string" } },
  async run(args, io) {
    const unitId = args.positionals[0];
    if (!unitId)
      throw new CliError(
        "Cần mã đơn vị. Ví dụ: npm run cli -- kb unit close ubnd-huyen-ninh-son --date 01/07/2025",
        2,
      );
    const successor = str(args, "successor")?.trim();
    return run(args, io, {
      kind: "close",
      unitId,
      date: dateOf(args),
      ...(successor ? { successor } : {}),
      ...documentOf(args),
    });
  },
};

export const KB_UNIT_COMMANDS: Command[] = [kbUnitRename, kbUnitMerge, kbUnitClose];
