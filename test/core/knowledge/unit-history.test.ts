/**
 * Units have a life (issue 16): kb check rules for histories and the model's view of units over time.
 * Illustrative units and tasks (not from any source), built on a minimal knowledge base.
 */
import { describe, expect, it } from "vitest";
import { readShippedKnowledge } from "../../../src/app/knowledge.ts";
import { Knowledge } from "../../../src/core/knowledge/model.ts";
import { checkReferences } from "../../../src/core/knowledge/references.ts";
import type { KnowledgeData, Task, Unit, UnitChange } from "../../../src/core/knowledge/schema.ts";

const SRC = ["bai-viet-hop-20-02-2023"];

function unit(id: string, history: Partial<UnitChange>[] = [], name = `Đơn vị ${id}`): Unit {
  return {
    id,
    name,
    kind: "so",
    aliases: [],
    history: history.map((h) => ({
      successors: [],
      predecessors: [],
      sources: [],
      kind: "merged",
      date: "2025-03-01",
      ...h,
    })),
    sources: SRC,
    asOf: "2025-03-01",
  };
}

function task(id: string, lead: string[], extra: Partial<Task> = {}): Task {
  return {
    id,
    title: `Nhiệm vụ minh họa ${id}`,
    lead,
    support: [],
    deadline: { text: "31/12/2026", due: "2026-12-31" },
    progress: {},
    sources: SRC,
    asOf: "2023-02-20",
    ...extra,
  };
}

function data(units: Unit[], tasks: Task[] = []): KnowledgeData {
  const shipped = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
  return { ...shipped, units, unitGroups: [], tasks, people: [], meetings: [], bodies: [], themes: [] };
}

const errors = (d: KnowledgeData) =>
  checkReferences(d)
    .filter((p) => p.severity === "error")
    .map((p) => `${p.entry} ${p.field}: ${p.message}`);

describe("kb check: unit histories", () => {
  it("accepts a merger into an existing unit", () => {
    expect(errors(data([unit("a", [{ successors: ["b"] }]), unit("b")]))).toEqual([]);
  });

  it("a successor must exist, and exist on the date", () => {
    expect(errors(data([unit("a", [{ successors: ["x"] }])])).join()).toContain("không có đơn vị mã “x”");
    const late = unit("b", [{ kind: "established", date: "2025-06-01" }]);
    expect(errors(data([unit("a", [{ successors: ["b"] }]), late])).join()).toContain(
      "chưa có hoặc đã kết thúc vào ngày 2025-03-01",
    );
  });

  it("no cycles", () => {
    const d = data([
      unit("a", [{ successors: ["b"], date: "2025-03-01" }]),
      unit("b", [{ successors: ["a"], date: "2025-02-01" }]),
    ]);
    expect(errors(d).join()).toContain("vòng lặp");
  });

  it("dates in order, one end, nothing after it", () => {
    const d = data([
      unit("a", [
        { kind: "renamed", date: "2025-05-01", formerName: "Cũ" },
        { kind: "closed", date: "2025-01-01" },
      ]),
    ]);
    expect(errors(d).join()).toContain("theo thứ tự ngày");
    const after = data([
      unit("a", [
        { kind: "closed", date: "2025-01-01" },
        { kind: "renamed", date: "2025-05-01", formerName: "Cũ" },
      ]),
    ]);
    expect(errors(after).join()).toContain("không còn thay đổi sau đó");
  });

  it("a merger names its successor; a rename its former name", () => {
    expect(errors(data([unit("a", [{ kind: "merged" }])])).join()).toContain("phải ghi đơn vị tiếp nhận");
    expect(errors(data([unit("a", [{ kind: "renamed" }])])).join()).toContain("phải ghi tên cũ");
  });
});

describe("the model: units over time", () => {
  const kb = new Knowledge(
    data(
      [
        unit("a", [{ successors: ["b"] }], "Sở A"),
        unit("b", [{ kind: "renamed", date: "2024-01-01", formerName: "Sở B cũ" }], "Sở B"),
        unit("c", [{ kind: "closed", date: "2025-07-01" }], "Sở C"),
      ],
      [
        task("open-a", ["a"]),
        task("done-a", ["a"], {
          deadline: { text: "31/12/2024", due: "2024-12-31" },
          progress: { completedOn: "2024-12-20" },
        }),
        task("open-c", ["c"]),
      ],
    ),
  );

  it("a unit as of a date: its name then, nothing before it or after its end", () => {
    expect(kb.unitAsOf("b", "2023-06-01")?.name).toBe("Sở B cũ");
    expect(kb.unitAsOf("b", "2024-06-01")?.name).toBe("Sở B");
    expect(kb.unitAsOf("a", "2025-02-28")?.name).toBe("Sở A");
    expect(kb.unitAsOf("a", "2025-03-01")).toBeUndefined();
  });

  it("current successor(s) of a unit at a date", () => {
    expect(kb.currentUnits("a", "2025-02-28").map((u) => u.id)).toEqual(["a"]);
    expect(kb.currentUnits("a", "2025-03-01").map((u) => u.id)).toEqual(["b"]);
    expect(kb.currentUnits("c", "2025-07-01")).toEqual([]);
  });

  it("an open task goes to the successor from the date; a completed one stays", () => {
    const open = kb.task("open-a")!;
    expect(kb.leadUnitsOn(open, "2025-02-28").map((u) => u.id)).toEqual(["a"]);
    expect(kb.leadUnitsOn(open, "2025-03-01").map((u) => u.id)).toEqual(["b"]);
    const held = kb.tasksHeldOn("b", "2025-03-01");
    expect(held.lead.map((h) => [h.task.id, h.from])).toEqual([["open-a", "a"]]);
    expect(kb.tasksHeldOn("b", "2025-02-28").lead).toEqual([]);
    expect(kb.leadUnitsOn(kb.task("done-a")!, "2026-01-01").map((u) => u.id)).toEqual(["a"]);
  });

  it("a closed unit with no successor leads nothing after its end, and says so", () => {
    expect(kb.leadUnitsOn(kb.task("open-c")!, "2025-07-01")).toEqual([]);
    expect(kb.unitEndSentence("c")?.text).toBe(
      "Sở C đã kết thúc hoạt động từ 01/07/2025; nguồn không nêu đơn vị tiếp nhận.",
    );
    expect(kb.unitEndSentence("a")?.text).toBe("Sở A đã hợp nhất vào Sở B từ 01/03/2025.");
  });
});

describe("the shipped knowledge records the changes the sources state", () => {
  const kb = new Knowledge(readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
  it("the Sở TT&TT merged into the Sở Khoa học và Công nghệ from 01/03/2025, with its source", () => {
    const end = kb.unitEnd("so-tttt");
    expect(end).toMatchObject({ kind: "merged", date: "2025-03-01", successors: ["so-khcn"] });
    expect(kb.cite(end!.sources[0]!)?.label).toContain("ictvietnam.vn/print/69097.html");
    expect(kb.unitStart("so-khcn")).toBe("2025-03-01");
  });

  it("the district level ended on 01/07/2025 with no successor invented", () => {
    expect(kb.unitEnd("ubnd-cac-huyen-thanh-pho")).toMatchObject({ kind: "closed", successors: [] });
    expect(checkReferences(kb.data).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("the model: tasks by the ids they name", () => {
  const kb = new Knowledge({
    ...data(
      [unit("a", [], "Sở A"), unit("b", [], "Sở B")],
      [
        task("t1", ["a"], { support: ["b"] }),
        task("t2", ["g", "a", "a"]),
        task("t3", ["b"], { support: ["g", "a"] }),
      ],
    ),
    unitGroups: [
      {
        id: "g",
        name: "Nhóm G",
        aliases: [],
        all: false,
        members: ["a", "b"],
        kinds: [],
        sources: SRC,
        asOf: "2025-03-01",
      },
    ],
  });

  it("as written (a group's own tasks, not its members'), each task once, in list order", () => {
    const ids = (ts: readonly Task[]) => ts.map((t) => t.id);
    expect(ids(kb.tasksNaming("a").lead)).toEqual(["t1", "t2"]);
    expect(ids(kb.tasksNaming("a").support)).toEqual(["t3"]);
    expect(ids(kb.tasksNaming("g").lead)).toEqual(["t2"]);
    expect(ids(kb.tasksNaming("g").support)).toEqual(["t3"]);
    expect(ids(kb.tasksNaming("b").lead)).toEqual(["t3"]);
    expect(kb.tasksNaming("nobody")).toEqual({ lead: [], support: [] });
    for (const id of ["a", "b", "g", "nobody"])
      expect(ids(kb.tasksNaming(id).lead)).toEqual(ids(kb.data.tasks.filter((t) => t.lead.includes(id))));
  });
});
