/**
 * `kb unit rename|merge|close` (issue 16): preview, --json, --apply with its audit entry, the
 * consequences (open tasks and officials go to the successor from the date, completed tasks stay, old
 * names resolve), and `kb undo` restoring everything. Illustrative tasks (not from a source) are added to
 * a copy of the shipped knowledge.
 */
import { appendFile, cp, readdir } from "node:fs/promises";
import path from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createAnswerEngine } from "../../src/core/answers/engine.ts";
import { renderPlain } from "../../src/core/answers/reply.ts";
import { currentUnitOf, planReminders } from "../../src/core/reminders/planner.ts";
import { cli, tempDir } from "../imports/helpers.ts";

const EXTRA_TASKS = `
- id: vi-du-bdt-mo
  title: Ví dụ minh họa - nhiệm vụ đang làm của Ban Dân tộc
  lead: [ban-dan-toc]
  deadline: { text: "31/12/2026", due: 2026-12-31 }
  sources: [bai-viet-hop-20-02-2023]
  asOf: 2023-02-20
- id: vi-du-bdt-xong
  title: Ví dụ minh họa - nhiệm vụ Ban Dân tộc đã hoàn thành
  lead: [ban-dan-toc]
  deadline: { text: "30/06/2024", due: 2024-06-30 }
  progress: { completedOn: 2024-06-01 }
  sources: [bai-viet-hop-20-02-2023]
  asOf: 2023-02-20
- id: vi-du-bdt-phoi-hop
  title: Ví dụ minh họa - nhiệm vụ Ban Dân tộc phối hợp
  lead: [ubnd-tinh]
  support: [ban-dan-toc]
  deadline: { text: "31/12/2026", due: 2026-12-31 }
  sources: [bai-viet-hop-20-02-2023]
  asOf: 2023-02-20
`;

async function setup() {
  const dataDir = await tempDir();
  const knowledgeDir = await tempDir();
  for (const f of await readdir("knowledge")) await cp(path.join("knowledge", f), path.join(knowledgeDir, f));
  await appendFile(path.join(knowledgeDir, "tasks.yaml"), EXTRA_TASKS);
  const env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: "silent", USER: "thu-ky" };
  const open = async (readOnly = true) =>
    createApp({ config: loadConfig(env, "/nonexistent/.env"), readOnly, logger: pino({ level: "silent" }) });
  // A head linked to the Ban Dân tộc.
  const app = await open(false);
  const code = await app.store.state.createLinkCode({
    unitId: "ban-dan-toc",
    role: "head",
    name: "Nguyễn Văn A",
  });
  const redeemed = await app.store.state.redeemLinkCode(code.code, { channel: "telegram", chatId: "501" });
  expect(redeemed.ok).toBe(true);
  await app.close();
  const knowledge = async () => {
    const a = await open();
    try {
      return a.knowledge();
    } finally {
      await a.close();
    }
  };
  return { env, knowledge };
}

const NEW_UNIT = "Sở Dân tộc và Tôn giáo (ví dụ minh họa)";

describe("kb unit merge", () => {
  it("previews the tasks, officials and names that move; --json; nothing written without --apply", async () => {
    const { env, knowledge } = await setup();
    const before = JSON.stringify((await knowledge()).data);
    const text = await cli(
      ["kb", "unit", "merge", "ban-dan-toc", "--into", NEW_UNIT, "--date", "01/03/2025"],
      env,
    );
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Hợp nhất Ban Dân tộc vào ${NEW_UNIT} (đơn vị mới) từ 01/03/2025`);
    expect(text.out).toContain("Ví dụ minh họa - nhiệm vụ đang làm của Ban Dân tộc →");
    expect(text.out).toContain("Nhiệm vụ đã hoàn thành trước ngày đó giữ nguyên ở đơn vị đã làm: 1.");
    expect(text.out).toContain("Nguyễn Văn A (thủ trưởng)");
    expect(text.out).toContain("“BDT”");
    expect(text.out).toContain("Chưa thay đổi gì. Thêm --apply để áp dụng.");
    const json = await cli(
      ["kb", "unit", "merge", "ban-dan-toc", "--into", NEW_UNIT, "--date", "01/03/2025", "--json"],
      env,
    );
    expect(JSON.parse(json.out)).toEqual({
      units: [
        {
          id: "ban-dan-toc",
          name: "Ban Dân tộc",
          change: "merged",
          successors: ["so-dan-toc-va-ton-giao-vi-du-minh-hoa"],
        },
        {
          id: "so-dan-toc-va-ton-giao-vi-du-minh-hoa",
          name: NEW_UNIT,
          change: "established",
          successors: [],
          isNew: true,
        },
      ],
      tasksMoved: 2,
      usersMoved: 1,
    });
    expect(JSON.stringify((await knowledge()).data)).toBe(before);
  });

  it("--apply: open tasks and the official belong to the successor from the date, completed ones stay; undo restores all", async () => {
    const { env, knowledge } = await setup();
    const before = JSON.stringify((await knowledge()).data);
    const applied = await cli(
      [
        "kb",
        "unit",
        "merge",
        "ban-dan-toc",
        "--into",
        NEW_UNIT,
        "--date",
        "01/03/2025",
        "--document",
        "Quyết định 99/QĐ-UBND",
        "--apply",
      ],
      env,
    );
    expect(applied.code).toBe(0);
    expect(applied.out).toContain("2 nhiệm vụ, 1 cán bộ chuyển sang đơn vị tiếp nhận");
    const history = await cli(["kb", "history"], env);
    expect(history.out).toContain("Hợp nhất đơn vị");

    const kb = await knowledge();
    const to = "so-dan-toc-va-ton-giao-vi-du-minh-hoa";
    const lead = (id: string, day: string) => kb.leadUnitsOn(kb.task(id)!, day).map((u) => u.id);
    expect(lead("vi-du-bdt-mo", "2025-02-28")).toEqual(["ban-dan-toc"]);
    expect(lead("vi-du-bdt-mo", "2025-03-01")).toEqual([to]);
    expect(kb.supportUnitsOn(kb.task("vi-du-bdt-phoi-hop")!, "2025-03-01").map((u) => u.id)).toEqual([to]);
    expect(lead("vi-du-bdt-xong", "2026-01-01")).toEqual(["ban-dan-toc"]);
    // The official: link kept, unit updated from the date.
    expect(currentUnitOf(kb, "ban-dan-toc", "2025-03-01")).toBe(to);
    const users = [
      {
        id: "telegram:501",
        channel: "telegram",
        chatId: "501",
        unitId: "ban-dan-toc",
        role: "head",
        reachable: true,
      },
    ];
    const p = planReminders({
      now: new Date("2026-12-24T09:00:00+07:00"),
      knowledge: kb,
      users,
      log: { stateOf: () => undefined },
    });
    expect(p.reminders.filter((r) => r.taskId === "vi-du-bdt-mo").map((r) => r.unitId)).toEqual([to]);
    // The old name resolves to the successor, with the note and the document.
    const r = createAnswerEngine(kb).ask({
      text: "nhiệm vụ của Ban Dân tộc",
      now: new Date("2026-03-10T09:00:00+07:00"),
    });
    expect(renderPlain(r)).toContain(
      `Ban Dân tộc đã hợp nhất vào ${NEW_UNIT} từ 01/03/2025 theo Quyết định 99/QĐ-UBND`,
    );

    const undo = await cli(["kb", "undo"], env);
    expect(undo.code).toBe(0);
    const after = await knowledge();
    // Everything as before: the units (no new one, no history) and so the tasks and officials.
    expect(JSON.stringify({ ...after.data, sources: [] })).toBe(
      JSON.stringify({ ...JSON.parse(before), sources: [] }),
    );
    expect(currentUnitOf(after, "ban-dan-toc", "2026-01-01")).toBe("ban-dan-toc");
  });

  it("refuses an unknown unit, and a unit that already ended", async () => {
    const { env } = await setup();
    const unknown = await cli(
      ["kb", "unit", "merge", "khong-co", "--into", "so-khcn", "--date", "01/03/2025"],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("Không có đơn vị mã “khong-co”");
    const ended = await cli(
      ["kb", "unit", "merge", "so-tttt", "--into", "ubnd-tinh", "--date", "01/06/2025"],
      env,
    );
    expect(ended.code).toBe(1);
    expect(ended.err).toContain("đã kết thúc từ 01/03/2025");
  });
});

describe("kb unit rename", () => {
  it("the new name from the date, the old one before it and still found; undo restores", async () => {
    const { env, knowledge } = await setup();
    const json = await cli(
      [
        "kb",
        "unit",
        "rename",
        "ban-dan-toc",
        "--name",
        "Ban Dân tộc và Tôn giáo",
        "--date",
        "01/01/2025",
        "--json",
        "--apply",
      ],
      env,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      units: [{ id: "ban-dan-toc", name: "Ban Dân tộc và Tôn giáo", change: "renamed", successors: [] }],
      tasksMoved: 2,
      usersMoved: 1,
    });
    const kb = await knowledge();
    expect(kb.unit("ban-dan-toc")?.name).toBe("Ban Dân tộc và Tôn giáo");
    expect(kb.unitAsOf("ban-dan-toc", "2024-12-31")?.name).toBe("Ban Dân tộc");
    expect(kb.unit("ban-dan-toc")?.aliases).toContain("Ban Dân tộc");
    await cli(["kb", "undo"], env);
    expect((await knowledge()).unit("ban-dan-toc")?.name).toBe("Ban Dân tộc");
  });
});

describe("kb unit close", () => {
  it("with no successor: its open tasks are left with no lead (said), no reminder; undo restores", async () => {
    const { env, knowledge } = await setup();
    const preview = await cli(["kb", "unit", "close", "ban-dan-toc", "--date", "01/07/2025"], env);
    expect(preview.out).toContain("sẽ không còn đơn vị chủ trì (cần giao lại) (2)");
    const json = await cli(
      ["kb", "unit", "close", "ban-dan-toc", "--date", "01/07/2025", "--json", "--apply"],
      env,
    );
    expect(JSON.parse(json.out)).toMatchObject({ tasksMoved: 0, usersMoved: 0 });
    const kb = await knowledge();
    expect(kb.leadUnitsOn(kb.task("vi-du-bdt-mo")!, "2025-07-01")).toEqual([]);
    expect(currentUnitOf(kb, "ban-dan-toc", "2025-07-01")).toBeUndefined();
    await cli(["kb", "undo"], env);
    expect((await knowledge()).unitEnd("ban-dan-toc")).toBeUndefined();
  });

  it("with a successor: its open tasks go to it", async () => {
    const { env } = await setup();
    const json = await cli(
      ["kb", "unit", "close", "ban-dan-toc", "--date", "01/07/2025", "--successor", "ubnd-tinh", "--json"],
      env,
    );
    expect(JSON.parse(json.out)).toMatchObject({ tasksMoved: 2, usersMoved: 1 });
  });
});
