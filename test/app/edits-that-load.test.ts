/**
 * `applyEditsThatLoad`: the secretariat's edits that would break the knowledge (a reference to
 * nothing, a knowledge that does not build) are set aside and named; the others apply; the search
 * for the guilty ones stays near-linear.
 */
import { describe, expect, it } from "vitest";
import { applyEditsThatLoad } from "../../src/app/knowledge.ts";
import type { KnowledgeData, Task, Unit } from "../../src/core/knowledge/schema.ts";
import type { Overlay } from "../../src/store/knowledge-edits.ts";
import { baseKnowledge, task, unit } from "../store/helpers.ts";

function shipped(): KnowledgeData {
  const base = baseKnowledge();
  return {
    ...base,
    sources: [{ id: "kh-3609", kind: "page", title: "Kế hoạch 3609/KH-BĐHCĐS" }],
    tasks: [fullTask("t-base", "so-tc")],
  };
}

function fullTask(id: string, lead = "so-tttt", title = `Nhiệm vụ ${id}`): Task {
  return { ...task(id, title), lead: [lead], support: [], progress: {} } as unknown as Task;
}

function fullUnit(id: string, extra: Partial<Unit> = {}): Unit {
  return { ...unit(id, `Đơn vị ${id}`), aliases: [], ...extra } as Unit;
}

/** A build that counts its calls and throws for a task titled with "HỎNG". */
function counting() {
  const calls = { n: 0 };
  const build = (data: KnowledgeData) => {
    calls.n++;
    if (data.tasks.some((t) => t.title.includes("HỎNG"))) throw new Error("engine: chỉ mục bị lỗi");
    return data;
  };
  return { calls, build };
}

describe("applyEditsThatLoad", () => {
  it("all edits load: applied, nothing set aside, one build", () => {
    const { calls, build } = counting();
    const overlay: Overlay = { collections: { tasks: { "t-1": fullTask("t-1"), "t-2": fullTask("t-2") } } };
    const r = applyEditsThatLoad(shipped(), overlay, build);
    expect(r.setAside).toEqual([]);
    expect(r.built.tasks.map((t) => t.id)).toEqual(["t-base", "t-1", "t-2"]);
    expect(calls.n).toBe(1);
  });

  it("a task whose lead is a unit that does not exist is set aside, named; the others apply", () => {
    const overlay: Overlay = {
      collections: {
        tasks: { "t-1": fullTask("t-1"), "t-2": fullTask("t-2", "so-khong-co"), "t-3": fullTask("t-3") },
      },
    };
    const r = applyEditsThatLoad(shipped(), overlay, (d) => d);
    expect(r.built.tasks.map((t) => t.id)).toEqual(["t-base", "t-1", "t-3"]);
    expect(r.setAside).toEqual([
      {
        collection: "tasks",
        id: "t-2",
        reason: "lead[1]: không có đơn vị hay nhóm đơn vị mã “so-khong-co”",
      },
    ]);
  });

  it("a tombstone that removes a unit a shipped task leads is set aside, naming what it breaks", () => {
    const overlay: Overlay = {
      collections: { units: { "so-tc": null, "so-noi-vu": null }, tasks: { "t-1": fullTask("t-1") } },
    };
    const r = applyEditsThatLoad(shipped(), overlay, (d) => d);
    expect(r.built.units.map((u) => u.id)).toEqual(["so-tttt", "so-tc"]);
    expect(r.built.tasks.map((t) => t.id)).toEqual(["t-base", "t-1"]);
    expect(r.setAside).toHaveLength(1);
    expect(r.setAside[0]).toMatchObject({ collection: "units", id: "so-tc" });
    expect(r.setAside[0]!.reason).toBe(
      "xoá mục này làm sai tham chiếu ở mục khác: tasks.yaml › t-base › lead[1]: không có đơn vị hay nhóm đơn vị mã “so-tc”",
    );
  });

  it("an edit that depends on another edit loads with it; when that one is set aside, so is the dependant", () => {
    const ok: Overlay = {
      collections: {
        units: { "so-con": fullUnit("so-con", { parent: "so-moi" }), "so-moi": fullUnit("so-moi") },
        tasks: { "t-1": fullTask("t-1", "so-con") },
      },
    };
    expect(applyEditsThatLoad(shipped(), ok, (d) => d).setAside).toEqual([]);

    const broken: Overlay = {
      collections: {
        units: { "so-moi": fullUnit("so-moi", { parent: "khong-co" }) },
        tasks: { "t-1": fullTask("t-1", "so-moi"), "t-2": fullTask("t-2") },
      },
    };
    const r = applyEditsThatLoad(shipped(), broken, (d) => d);
    expect(r.setAside.map((p) => `${p.collection}/${p.id}`)).toEqual(["units/so-moi", "tasks/t-1"]);
    expect(r.setAside[1]!.reason).toContain("so-moi");
    expect(r.built.tasks.map((t) => t.id)).toEqual(["t-base", "t-2"]);
  });

  it("an edit that makes the knowledge fail to build is found and set aside with the error", () => {
    const { build } = counting();
    const overlay: Overlay = {
      collections: {
        tasks: { "t-1": fullTask("t-1"), "t-2": fullTask("t-2", "so-tttt", "HỎNG"), "t-3": fullTask("t-3") },
      },
      holidays: [{ date: "2024-01-01", name: "Tết Dương lịch", sources: [] }],
    };
    const r = applyEditsThatLoad(shipped(), overlay, build);
    expect(r.setAside).toEqual([
      {
        collection: "tasks",
        id: "t-2",
        reason: "cơ sở tri thức không dựng được khi có mục này (engine: chỉ mục bị lỗi)",
      },
    ]);
    expect(r.built.tasks.map((t) => t.id)).toEqual(["t-base", "t-1", "t-3"]);
    expect(r.built.holidays.map((h) => h.name)).toEqual(["Tết Dương lịch"]);
  });

  it("finding 3 bad entries among 4,000 takes a few dozen builds, not thousands", () => {
    const { calls, build } = counting();
    const tasks: Record<string, Task> = {};
    const bad = new Set([17, 2_222, 3_999]);
    for (let i = 0; i < 4_000; i++) {
      const id = `t-${i}`;
      tasks[id] = fullTask(id, "so-tttt", bad.has(i) ? `HỎNG ${i}` : `Nhiệm vụ ${i}`);
    }
    const started = performance.now();
    const r = applyEditsThatLoad(shipped(), { collections: { tasks } }, build);
    expect(r.setAside.map((p) => p.id).sort()).toEqual(["t-17", "t-2222", "t-3999"]);
    expect(r.built.tasks).toHaveLength(4_000 - 3 + 1);
    expect(calls.n).toBeLessThan(3 * 2 * Math.ceil(Math.log2(4_000)) + 10);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it("a shipped knowledge that does not build alone is an error, not a silent empty one", () => {
    const broken = shipped();
    broken.tasks = [fullTask("t-base", "so-tc", "HỎNG")];
    const { build } = counting();
    expect(() =>
      applyEditsThatLoad(broken, { collections: { tasks: { "t-1": fullTask("t-1") } } }, build),
    ).toThrow(/chỉ mục bị lỗi/);
  });
});
