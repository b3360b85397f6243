/**
 * `kb import|export|history|undo`: the secretariat's changes to the knowledge from the terminal.
 * Previews, exports and the history only read (they open the store read-only); `kb import --apply`,
 * `kb doc add` and `kb undo` write: they take the store's writer lock, or, while the assistant holds
 * it, run inside the assistant (forwarded by runCli, src/control/), its knowledge reloaded as after a
 * chat edit. The plan file is read through `readOperatorFile` (the operator's side when forwarded).
 */
import { writeFile } from "node:fs/promises";
import { pino } from "pino";
import type { App } from "../app/app.ts";
import { addDocument } from "../app/documents.ts";
import { loadShippedKnowledge } from "../app/knowledge.ts";
import { type DocumentType, documentTypeSchema } from "../core/knowledge/schema.ts";
import { fold } from "../core/text/normalize.ts";
import { formatViDate, isIsoDate } from "../core/time.ts";
import {
  applyImport,
  exportFormatOf,
  exportKnowledge,
  formatHistory,
  ImportError,
  type ImportPreview,
  MAX_FILE_BYTES,
  type NewDocumentFields,
  placeOf,
  previewHasChanges,
  previewImport,
  renderPreview,
  undoLastChange,
} from "../imports/index.ts";
import { findWrittenDate } from "../imports/plan-header.ts";
import { type Actor, StoreError } from "../store/index.ts";
import {
  CliError,
  type CliIo,
  type Command,
  type CommandArgs,
  flag,
  readOperatorFile,
  str,
  withCommandApp,
} from "./io.ts";

/**
 * Runs `fn` on the app (the running assistant's when the command was forwarded to it; else opened for
 * this command, `write` taking the writer lock). Expected failures become CliErrors.
 */
async function withApp<T>(io: CliIo, write: boolean, fn: (app: App) => Promise<T>): Promise<T> {
  try {
    return await withCommandApp(
      io,
      {
        write,
        logger: pino({ level: "silent" }),
        busyHint:
          "Bot đang chạy và đang giữ quyền ghi kho dữ liệu, nhưng không nhận lệnh từ dòng lệnh (không có control.sock). " +
          "Hãy gửi tệp hoặc dùng lệnh quản trị trong chat với bot, hoặc dừng bot rồi chạy lại lệnh này.",
      },
      fn,
    );
  } catch (e) {
    if (e instanceof ImportError || e instanceof StoreError) throw new CliError(e.message);
    throw e;
  }
}

function cliActor(io: CliIo): Actor {
  const name = io.env.USER ?? io.env.USERNAME;
  return name ? { kind: "cli", name } : { kind: "cli" };
}

function baseName(path: string): string {
  return path.split(/[/\\]/).pop() || path;
}

/** The `--json` summary of a preview (the format scripts rely on). */
export function previewJson(p: ImportPreview): string {
  return JSON.stringify({
    added: p.added.length,
    changed: p.changed.length,
    unchanged: p.unchanged.length,
    removed: p.removed.length,
    unmatchedUnits: p.unmatchedUnits.map((u) => u.name),
    errors: p.problems.map((e) => ({
      row: e.row,
      message: e.sheet ? `(${placeOf(e)}) ${e.message}` : e.message,
    })),
    document: p.document
      ? {
          number: p.document.number,
          date: p.document.date,
          issuer: p.document.issuer,
          isNew: p.document.isNew,
        }
      : null,
    groups: p.groups,
  });
}

/** A date typed on the command line: "20/01/2025", "20-1-2025" or "2025-01-20". */
function parseDateOption(s: string | undefined, option: string): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  const iso = isIsoDate(t) ? t : findWrittenDate(t);
  if (!iso) throw new CliError(`--${option} không hợp lệ: “${s}” (ví dụ 20/01/2025).`, 2);
  return iso;
}

function parseTypeOption(s: string | undefined): DocumentType | undefined {
  if (s === undefined) return undefined;
  const hit = documentTypeSchema.options.find((o) => fold(o) === fold(s.trim()));
  if (!hit) {
    throw new CliError(
      `--type không hợp lệ: “${s}”. Chọn một trong: ${documentTypeSchema.options.join(", ")}.`,
      2,
    );
  }
  return hit;
}

function textOption(args: CommandArgs, name: string, max: number): string | undefined {
  const v = str(args, name)?.replace(/\s+/g, " ").trim();
  if (v === undefined) return undefined;
  if (!v || v.length > max) throw new CliError(`--${name} cần từ 1 đến ${max} ký tự.`, 2);
  return v;
}

function parseYear(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^(19|20)\d\d$/.test(s.trim())) throw new CliError(`--year không hợp lệ: “${s}” (ví dụ 2023).`, 2);
  return Number(s);
}

export const kbImport: Command = {
  name: "kb import",
  usage:
    "kb import <tệp.docx|.xlsx|.csv> [--document <số hiệu> [--document-date dd/mm/yyyy] [--issuer …] [--title …] [--type …]] " +
    "[--year N] [--apply] [--create-units] [--json]",
  summary:
    "Nhập kế hoạch (Word) hoặc bảng nhiệm vụ (Excel, CSV): xem trước; --apply để áp dụng, --create-units để thêm đơn vị mới. " +
    "Văn bản kế hoạch đọc từ tệp (số hiệu, ngày, cơ quan ban hành) và được thêm nếu chưa có",
  options: {
    document: { type: "string" },
    "document-date": { type: "string" },
    issuer: { type: "string" },
    title: { type: "string" },
    type: { type: "string" },
    apply: { type: "boolean" },
    "create-units": { type: "boolean" },
    json: { type: "boolean" },
    year: { type: "string" },
  },
  async run(args, io) {
    const path = args.positionals[0];
    if (!path)
      throw new CliError(
        "Cần đường dẫn tệp. Ví dụ: npm run cli -- kb import ke-hoach.xlsx --document 56/QĐ-UBND",
        2,
      );
    const year = parseYear(str(args, "year"));
    const bytes = await readOperatorFile(io, path, MAX_FILE_BYTES);
    const apply = flag(args, "apply");
    const json = flag(args, "json");
    const createUnits = flag(args, "create-units");
    const document = str(args, "document");
    const documentFields = documentFieldsOf(args);
    return withApp(io, apply, async (app) => {
      const preview = await previewImport(
        app,
        { name: baseName(path), bytes },
        {
          createUnits,
          ...(document ? { document } : {}),
          ...(Object.keys(documentFields).length ? { documentFields } : {}),
          ...(year !== undefined ? { year } : {}),
        },
      );
      // Machine-readable output stays alone on stdout; messages go to stderr.
      const say = json ? io.err : io.out;
      io.out(json ? previewJson(preview) : renderPreview(preview));
      if (!apply) {
        if (!json) {
          const creatable = preview.unmatchedUnits.filter((u) => u.unit).length;
          if (creatable && !createUnits) {
            say("Đơn vị chưa có sẽ không được tự thêm: thêm --create-units để tạo chúng khi áp dụng.");
          }
          say(
            previewHasChanges(preview)
              ? "Chưa thay đổi gì. Thêm --apply để áp dụng."
              : "Không có gì cần thay đổi.",
          );
        }
        return 0;
      }
      if (!previewHasChanges(preview)) {
        say("Không có gì cần thay đổi.");
        return 0;
      }
      const result = await applyImport(app, preview, cliActor(io), { createUnits });
      const units = result.unitsCreated.length ? `, thêm ${result.unitsCreated.length} đơn vị` : "";
      const doc = result.documentCreated ? `, thêm văn bản ${result.documentCreated.number}` : "";
      say(
        `Đã áp dụng: thêm ${result.added}, sửa ${result.changed}, bỏ ${result.removed} nhiệm vụ${units}${doc}` +
          `${result.entry ? ` (nhật ký #${result.entry.id})` : ""}. Hoàn tác: npm run cli -- kb undo`,
      );
      if (result.auditPending)
        say(
          "Lưu ý: thay đổi đã được lưu nhưng nhật ký thay đổi (audit.json) chưa ghi được lúc này (ổ đĩa đầy?); " +
            "nhật ký sẽ được ghi bù ở lần ghi hoặc lần khởi động sau. Hãy giải phóng dung lượng.",
        );
      return 0;
    });
  },
};

function documentFieldsOf(args: CommandArgs): NewDocumentFields {
  const date = parseDateOption(str(args, "document-date") ?? str(args, "date"), "document-date");
  const issuer = textOption(args, "issuer", 200);
  const title = textOption(args, "title", 500);
  const type = parseTypeOption(str(args, "type"));
  return {
    ...(date ? { date } : {}),
    ...(issuer ? { issuer } : {}),
    ...(title ? { title } : {}),
    ...(type ? { type } : {}),
  };
}

export const kbDocAdd: Command = {
  name: "kb doc add",
  usage:
    'kb doc add --number <số hiệu> --date dd/mm/yyyy --issuer "<cơ quan>" --title "<trích yếu>" [--type <loại>]',
  summary: "Thêm một văn bản (kế hoạch, quyết định…) vào cơ sở tri thức, ghi nhật ký",
  options: {
    number: { type: "string" },
    date: { type: "string" },
    issuer: { type: "string" },
    title: { type: "string" },
    type: { type: "string" },
  },
  async run(args, io) {
    const number = textOption(args, "number", 60);
    const fields = documentFieldsOf(args);
    const missing = [
      ...(number ? [] : ["--number"]),
      ...(fields.date ? [] : ["--date"]),
      ...(fields.issuer ? [] : ["--issuer"]),
      ...(fields.title ? [] : ["--title"]),
    ];
    const { date, issuer, title, type } = fields;
    if (!number || !date || !issuer || !title) {
      throw new CliError(
        `Thiếu ${missing.join(", ")}. Ví dụ: npm run cli -- kb doc add --number 45/KH-UBND --date 20/01/2025 ` +
          '--issuer "UBND tỉnh" --title "Kế hoạch chuyển đổi số năm 2025"',
        2,
      );
    }
    return withApp(io, true, async (app) => {
      const result = await addDocument(
        app,
        { number, date, issuer, title, ...(type ? { type } : {}) },
        cliActor(io),
      );
      if (!result.ok) throw new CliError(result.message);
      const d = result.document;
      io.out(
        `Đã thêm ${d.type} số ${d.number} ngày ${formatViDate(d.date)} của ${d.issuer} (mã ${d.id}` +
          `${result.entryId ? `, nhật ký #${result.entryId}` : ""}). Hoàn tác: npm run cli -- kb undo`,
      );
      return 0;
    });
  },
};

export const kbExport: Command = {
  name: "kb export",
  usage: "kb export <tệp.xlsx|tệp.json>",
  summary: "Xuất nhiệm vụ ra .xlsx (cùng mẫu phụ lục) hoặc toàn bộ cơ sở tri thức ra .json",
  async run(args, io) {
    const path = args.positionals[0];
    if (!path) throw new CliError("Cần tên tệp xuất. Ví dụ: npm run cli -- kb export nhiem-vu.xlsx", 2);
    let format: ReturnType<typeof exportFormatOf>;
    try {
      format = exportFormatOf(path);
    } catch (e) {
      throw new CliError((e as Error).message, 2);
    }
    return withApp(io, false, async (app) => {
      const bytes = await exportKnowledge(app, format);
      try {
        await writeFile(path, bytes);
      } catch (e) {
        throw new CliError(`Không ghi được tệp “${path}” (${(e as Error).message}).`);
      }
      const kb = app.knowledge();
      io.out(
        format === "xlsx"
          ? `Đã xuất ${kb.data.tasks.length} nhiệm vụ ra tệp ${path}.`
          : `Đã xuất cơ sở tri thức (${kb.data.tasks.length} nhiệm vụ, ${kb.data.units.length} đơn vị, ` +
              `${kb.data.documents.length} văn bản) ra tệp ${path}.`,
      );
      return 0;
    });
  },
};

export const kbHistory: Command = {
  name: "kb history",
  usage: "kb history [--limit N]",
  summary: "Nhật ký thay đổi cơ sở tri thức: khi nào, ai, làm gì, thay đổi gì",
  options: { limit: { type: "string" } },
  async run(args, io) {
    const raw = str(args, "limit");
    const limit = raw === undefined ? 20 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new CliError(`--limit phải là số nguyên từ 1 đến 1000 (nhận “${raw}”).`, 2);
    }
    return withApp(io, false, async (app) => {
      const shipped = loadShippedKnowledge(app.config);
      io.out(formatHistory(app.store.audit.list({ limit }), { kb: app.knowledge(), shipped }));
      return 0;
    });
  },
};

export const kbUndo: Command = {
  name: "kb undo",
  usage: "kb undo",
  summary: "Hoàn tác thay đổi gần nhất (một lần nhập, một lần sửa)",
  async run(_args, io) {
    return withApp(io, true, async (app) => {
      const entry = await undoLastChange(app, cliActor(io));
      if (!entry) {
        io.out("Không có thay đổi nào để hoàn tác.");
        return 0;
      }
      const target = entry.undoes ? app.store.audit.get(entry.undoes) : undefined;
      io.out(
        `Đã hoàn tác thay đổi #${entry.undoes}${target?.note ? ` (${target.note})` : ""}. Nhật ký #${entry.id}.`,
      );
      return 0;
    });
  },
};

export const KB_EDIT_COMMANDS: Command[] = [kbImport, kbDocAdd, kbExport, kbHistory, kbUndo];
