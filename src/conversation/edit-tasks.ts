/**
 * Guided edits of tasks:
 * - /suanv <mã hoặc từ khóa>: pick the task, then change its title, deadline, lead units or completion
 *   (any of them, as many times as needed), then "Lưu thay đổi" → summary → "Xác nhận";
 * - /doihan <mã> <thời hạn mới>: one line, then "Xác nhận";
 * - /themnv: title → lead units → deadline → assigning document → "Xác nhận".
 * Each saved change is one audited commit ("task.update", "task.status", "task.deadline", "task.create").
 */
import type { Person } from "../app/assistant.ts";
import { commitKnowledge, SECRETARIAT_SOURCE_ID } from "../app/knowledge-commit.ts";
import { slugId } from "../core/knowledge/ids.ts";
import type { Knowledge } from "../core/knowledge/model.ts";
import type { Deadline, Task } from "../core/knowledge/schema.ts";
import { foldAlnum } from "../core/text/normalize.ts";
import { formatViDate, localDate, maxDate } from "../core/time.ts";
import { describeDeadline } from "../imports/preview.ts";
import type { DialogContext } from "./dialog.ts";
import { actorOfPerson } from "./history.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Output, text } from "./outputs.ts";
import {
  findTasks,
  meansNone,
  type Parsed,
  parseDay,
  parseDeadlineText,
  parseKnownDocument,
  parseText,
  parseUnits,
  taskLine,
} from "./parse.ts";
import { sessionOf } from "./session.ts";
import { CHANNEL_NAMES } from "./texts.ts";

const USAGE_DOIHAN = [
  "Cách dùng: /doihan <mã nhiệm vụ> <thời hạn mới>",
  "Ví dụ: /doihan qd-56-2023-2 30/9/2023  hoặc  /doihan qd-56-2023-2 Quý III/2023",
  "Mã nhiệm vụ: tìm bằng /suanv <vài chữ trong tên>, hoặc xem cột “Mã” của tệp /xuat.",
].join("\n");

type Field = "title" | "deadline" | "lead" | "done";

const names = (kb: Knowledge, ids: string[]) => kb.namesOf(ids).join("; ") || "(trống)";

/** The task as it would be saved: provenance updated (today, the secretariat as a source). */
function stamped(t: Task, today: string): Task {
  return {
    ...t,
    asOf: maxDate(t.asOf, today),
    sources: t.sources.includes(SECRETARIAT_SOURCE_ID) ? t.sources : [...t.sources, SECRETARIAT_SOURCE_ID],
  };
}

function completion(t: Task): string {
  return t.progress?.completedOn
    ? `đã hoàn thành ngày ${formatViDate(t.progress.completedOn)}`
    : "chưa ghi hoàn thành";
}

/** Field-by-field lines: "Thời hạn: Quý II/2023 (hạn 30/06/2023) → 30/9/2023 (hạn 30/09/2023)". */
function changeLines(kb: Knowledge, before: Task, after: Task): string[] {
  const out: string[] = [];
  if (before.title !== after.title) out.push(`Tên: ${before.title} → ${after.title}`);
  if (JSON.stringify(before.deadline) !== JSON.stringify(after.deadline)) {
    out.push(`Thời hạn: ${describeDeadline(before.deadline)} → ${describeDeadline(after.deadline)}`);
  }
  if (before.progress?.extendedTo && !after.progress?.extendedTo) {
    out.push(`Bỏ hạn gia hạn trước đây (${formatViDate(before.progress.extendedTo)})`);
  }
  if (JSON.stringify(before.lead) !== JSON.stringify(after.lead)) {
    out.push(`Đơn vị chủ trì: ${names(kb, before.lead)} → ${names(kb, after.lead)}`);
  }
  if ((before.progress?.completedOn ?? "") !== (after.progress?.completedOn ?? "")) {
    out.push(`Tiến độ: ${completion(before)} → ${completion(after)}`);
  }
  return out;
}

/** The audit action for what changed. */
function actionFor(before: Task, after: Task): string {
  const same = (k: keyof Task) => JSON.stringify(before[k]) === JSON.stringify(after[k]);
  const others = (["title", "lead", "support", "document", "group", "product", "clause"] as const).every(
    same,
  );
  const deadline = same("deadline");
  const progress = same("progress");
  if (others && deadline && !progress) return "task.status";
  if (others && !deadline) {
    const withoutExtension = { ...before.progress };
    delete withoutExtension.extendedTo;
    if (progress || JSON.stringify(withoutExtension) === JSON.stringify(after.progress))
      return "task.deadline";
  }
  return "task.update";
}

function taskBlocks(kb: Knowledge, t: Task): string[] {
  return [
    t.title,
    `Mã: ${t.id}`,
    `Chủ trì: ${names(kb, t.lead)}`,
    `Thời hạn: ${describeDeadline(t.deadline)}`,
    `Tiến độ: ${completion(t)}`,
  ];
}

/** Saves `after` over `before` as one audited change; the reply says what happened. */
async function saveTask(deps: ConversationDeps, d: DialogContext, before: Task, after: Task): Promise<void> {
  const { app } = deps;
  const result = await (async () => {
    const kb = app.knowledge();
    const current = kb.task(before.id);
    if (JSON.stringify(current) !== JSON.stringify(before)) {
      return {
        ok: false as const,
        message: "Nhiệm vụ vừa được sửa ở nơi khác nên tôi chưa lưu. Hãy làm lại.",
      };
    }
    const today = localDate(app.now());
    const task = stamped(after, today);
    return commitKnowledge(
      app,
      {
        actor: actorOfPerson(d.person),
        action: actionFor(before, after),
        note: `Sửa qua ${CHANNEL_NAMES[d.person.channel]}: ${changeLines(kb, before, after).join("; ")}`.slice(
          0,
          500,
        ),
      },
      [{ collection: "tasks", entity: task }],
    );
  })();
  if (!result.ok) {
    d.say(result.message);
    return;
  }
  deps.log?.info(
    { channel: d.person.channel, taskId: before.id, entry: result.entryId },
    "task edited in chat",
  );
  d.say(
    result.entryId
      ? `Đã lưu (thay đổi #${result.entryId}). Muốn trả lại như trước: /hoantac.`
      : "Không có gì thay đổi.",
  );
}

function taskDialogs(deps: ConversationDeps) {
  const { app } = deps;
  const today = () => localDate(app.now());
  const year = () => Number(today().slice(0, 4));

  /** The tasks a query names, for a dialog step. */
  const pick = (text: string): Parsed<{ id: string; line: string }[]> => {
    const found = findTasks(app.knowledge(), text);
    if (!found.length) {
      return { ok: false, message: `Không tìm thấy nhiệm vụ nào khớp “${text.slice(0, 60)}”.` };
    }
    return { ok: true, value: found.map((t) => ({ id: t.id, line: taskLine(t) })) };
  };

  async function editTask(d: DialogContext, query: string): Promise<void> {
    const hint = "Gửi mã nhiệm vụ (ví dụ qd-56-2023-2) hoặc vài chữ trong tên nhiệm vụ.";
    const found = query ? await pick(query) : undefined;
    if (found && !found.ok) d.say(found.message);
    const list = found?.ok ? found.value : await d.ask(`Sửa nhiệm vụ nào? ${hint}`, pick, { hint });
    const id =
      list.length === 1
        ? list[0]!.id
        : await d.choose(
            [`Có ${list.length} nhiệm vụ khớp; chọn một:`, ...list.map((t, i) => `${i + 1}. ${t.line}`)],
            list.map((t, i) => ({ label: `${i + 1}`, value: t.id })),
          );
    const before = (await app.knowledge().task(id)) ?? null;
    if (!before) {
      d.say("Nhiệm vụ này không còn trong cơ sở tri thức.");
      return;
    }
    let draft: Task = structuredClone(before);
    for (;;) {
      const pending = await changeLines(app.knowledge(), before, draft);
      const header = await taskBlocks(app.knowledge(), draft);
      const field = await d.choose<Field | "save">(
        [
          ...header,
          ...(pending.length ? ["", "Sẽ sửa:", ...pending.map((l) => `• ${l}`)] : []),
          "",
          "Chọn mục cần sửa, rồi bấm “Lưu thay đổi”.",
        ],
        [
          { label: "Tên nhiệm vụ", value: "title" },
          { label: "Thời hạn", value: "deadline" },
          { label: "Đơn vị chủ trì", value: "lead" },
          { label: "Hoàn thành", value: "done" },
          { label: "Lưu thay đổi", value: "save" },
        ],
      );
      if (field === "save") {
        if (!pending.length) {
          d.say("Chưa có gì thay đổi. Chọn một mục để sửa, hoặc bấm “Hủy”.");
          continue;
        }
        await d.confirm([
          `Lưu thay đổi cho nhiệm vụ “${before.title.slice(0, 80)}”?`,
          ...pending.map((l) => `• ${l}`),
        ]);
        await saveTask(deps, d, before, draft);
        return;
      }
      if (field === "title") {
        const title = await d.ask("Gửi tên mới của nhiệm vụ.", (t) => parseText(t, "Tên nhiệm vụ", 5));
        draft = { ...draft, title };
      } else if (field === "deadline") {
        const deadline = await d.ask(
          "Gửi thời hạn mới như trong văn bản, ví dụ: 30/9/2023, Quý III/2023, Tháng 10/2023, Thường xuyên, Hằng năm 10/10.",
          (t) => parseDeadlineText(t, draft.year ?? year()),
          { hint: "Ví dụ: 30/9/2023 hoặc Quý III/2023." },
        );
        const progress = { ...draft.progress };
        delete progress.extendedTo;
        draft = { ...draft, deadline, progress };
      } else if (field === "lead") {
        const lead = await d.ask(
          "Gửi tên đơn vị chủ trì, nhiều đơn vị thì cách nhau bằng dấu “;” (ví dụ: Sở TT&TT; Ban Dân tộc).",
          (t) => parseUnits(app.knowledge(), t),
          { hint: "Gõ tên hoặc tên viết tắt quen dùng, ví dụ: Sở TT&TT." },
        );
        draft = { ...draft, lead, support: draft.support.filter((s) => !lead.includes(s)) };
      } else {
        const done = await d.ask<string | null>(
          "Gửi ngày hoàn thành (ví dụ 15/6/2023, hoặc “hôm nay”); gửi “chưa” nếu nhiệm vụ chưa hoàn thành.",
          (t) => {
            if (["chua", "chua hoan thanh", "bo"].includes(foldAlnum(t))) return { ok: true, value: null };
            const day = parseDay(t, today());
            if (day.ok && day.value > today()) {
              return { ok: false, message: "Ngày hoàn thành không thể sau hôm nay." };
            }
            return day;
          },
          {
            hint: "Ví dụ: 15/6/2023, hôm nay, hoặc chưa.",
            choices: [{ label: "Hôm nay", value: await today() }],
          },
        );
        const progress = { ...draft.progress };
        if (done) progress.completedOn = done;
        else delete progress.completedOn;
        draft = { ...draft, progress };
      }
    }
  }

  async function moveDeadline(d: DialogContext, taskId: string, text: string): Promise<void> {
    const plan = await (() => {
      const kb = app.knowledge();
      const task = kb.task(taskId);
      if (!task) return { ok: false as const, message: `Không có nhiệm vụ mã “${taskId}”.` };
      const deadline = parseDeadlineText(text, task.year ?? year());
      if (!deadline.ok) return { ok: false as const, message: `${deadline.message}\n${USAGE_DOIHAN}` };
      const progress = { ...task.progress };
      delete progress.extendedTo;
      const after: Task = { ...task, deadline: deadline.value as Deadline, progress };
      return { ok: true as const, before: task, after, lines: changeLines(kb, task, after) };
    })();
    if (!plan.ok) {
      d.say(plan.message);
      return;
    }
    if (!plan.lines.length) {
      d.say(
        `Thời hạn của nhiệm vụ này đã là ${describeDeadline(plan.before.deadline)}. Không có gì thay đổi.`,
      );
      return;
    }
    await d.confirm([
      `Dời thời hạn nhiệm vụ “${plan.before.title.slice(0, 80)}”?`,
      ...plan.lines.map((l) => `• ${l}`),
    ]);
    await saveTask(deps, d, plan.before, plan.after);
  }

  async function createTask(d: DialogContext): Promise<void> {
    d.say(["Thêm nhiệm vụ mới", "Gõ “hủy” bất cứ lúc nào để thôi; chưa lưu gì cho đến khi bạn xác nhận."]);
    const title = await d.ask("1/4. Tên nhiệm vụ?", (t) => {
      const r = parseText(t, "Tên nhiệm vụ", 5);
      if (!r.ok) return r;
      const same = app.knowledge().data.tasks.find((x) => foldAlnum(x.title) === foldAlnum(r.value));
      return same
        ? { ok: false, message: `Đã có nhiệm vụ cùng tên (mã ${same.id}). Sửa nó bằng /suanv ${same.id}.` }
        : r;
    });
    const lead = await d.ask(
      "2/4. Đơn vị chủ trì? Nhiều đơn vị thì cách nhau bằng dấu “;” (ví dụ: Sở TT&TT; Ban Dân tộc).",
      (t) => parseUnits(app.knowledge(), t),
      { hint: "Gõ tên hoặc tên viết tắt quen dùng, ví dụ: Sở TT&TT." },
    );
    const deadline = await d.ask(
      "3/4. Thời hạn, như trong văn bản? Ví dụ: 30/9/2023, Quý III/2023, Thường xuyên, Hằng năm 10/10.",
      (t) => parseDeadlineText(t, year()),
      { hint: "Ví dụ: 30/9/2023 hoặc Quý III/2023." },
    );
    const documentId = await d.ask<string | null>(
      "4/4. Văn bản giao nhiệm vụ (số hiệu, ví dụ 56/QĐ-UBND)? Không có thì bấm “Không có”.",
      (t) => {
        if (meansNone(t)) return { ok: true, value: null };
        const doc = parseKnownDocument(app.knowledge(), t);
        return doc.ok ? { ok: true, value: doc.value.id } : doc;
      },
      {
        hint: "Văn bản chưa có thì thêm trước bằng /themvb, hoặc bấm “Không có”.",
        choices: [{ label: "Không có", value: null }],
      },
    );
    const summary = await (() => {
      const kb = app.knowledge();
      const doc = documentId ? kb.document(documentId) : undefined;
      return [
        `Tên: ${title}`,
        `Chủ trì: ${names(kb, lead)}`,
        `Thời hạn: ${describeDeadline(deadline)}`,
        `Văn bản giao: ${doc ? doc.number : "(không có)"}`,
      ];
    })();
    await d.confirm(["Thêm nhiệm vụ này?", ...summary.map((l) => `• ${l}`)]);
    const result = await (async () => {
      const kb = app.knowledge();
      const t = localDate(app.now());
      const id = slugId(title, new Set(kb.data.tasks.map((x) => x.id)));
      const dueYear = deadline.due ? Number(deadline.due.slice(0, 4)) : Number(t.slice(0, 4));
      const task: Task = {
        id,
        title,
        lead,
        support: [],
        deadline,
        ...(documentId ? { document: documentId } : {}),
        year: dueYear,
        progress: {},
        sources: documentId ? [documentId, SECRETARIAT_SOURCE_ID] : [SECRETARIAT_SOURCE_ID],
        asOf: t,
      };
      const r = await commitKnowledge(
        app,
        {
          actor: actorOfPerson(d.person),
          action: "task.create",
          note: `Thêm qua ${CHANNEL_NAMES[d.person.channel]}: “${title.slice(0, 200)}”`,
        },
        [{ collection: "tasks", entity: task }],
      );
      return r.ok ? { ...r, id } : r;
    })();
    if (!result.ok) {
      d.say(result.message);
      return;
    }
    deps.log?.info(
      { channel: d.person.channel, taskId: result.id, entry: result.entryId },
      "task created in chat",
    );
    d.say(`Đã thêm nhiệm vụ (mã ${result.id}, thay đổi #${result.entryId}). Muốn bỏ lại: /hoantac.`);
  }

  return { editTask, moveDeadline, createTask };
}

const dialogs = (deps: ConversationDeps) => sessionOf(deps.assistant).dialogs;

/** /suanv [mã hoặc từ khóa] (admins only, by the command table). */
export function editTaskCommand(deps: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => taskDialogs(deps).editTask(d, arg.slice(0, 200)));
}

/** /doihan <mã> <thời hạn mới>. */
export async function moveDeadlineCommand(deps: ConversationDeps, p: Person, arg: string): Promise<Output[]> {
  const [taskId, ...rest] = arg.split(/\s+/).filter(Boolean);
  if (!taskId || !rest.length) return [text(USAGE_DOIHAN)];
  return dialogs(deps).start(p, (d) =>
    taskDialogs(deps).moveDeadline(d, taskId.slice(0, 60), rest.join(" ").slice(0, 120)),
  );
}

/** /themnv. */
export function createTaskCommand(deps: ConversationDeps, p: Person): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => taskDialogs(deps).createTask(d));
}
