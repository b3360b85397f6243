import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyOverlay, StoreError } from "../../src/store/index.ts";
import { baseKnowledge, open, task, tempDir, unit } from "./helpers.ts";

describe("applyOverlay", () => {
  it("replaces in place, removes tombstoned entries and appends new ones", () => {
    const base = baseKnowledge();
    const snapshot = structuredClone(base);
    const renamed = { ...unit("so-noi-vu", "Sở Nội vụ tỉnh Ninh Thuận"), aliases: ["SNV"] };
    const added = { ...unit("so-khdt", "Sở Kế hoạch và Đầu tư"), aliases: [] };
    const out = applyOverlay(base, {
      collections: { units: { "so-noi-vu": renamed, "so-tc": null, "so-khdt": added } },
    });
    expect(out.units.map((u) => u.id)).toEqual(["so-tttt", "so-noi-vu", "so-khdt"]);
    expect(out.units[1]?.name).toBe("Sở Nội vụ tỉnh Ninh Thuận");
    expect(base).toEqual(snapshot); // pure
    expect(out.tasks).toBe(base.tasks); // untouched collections are shared
    expect(out.holidays).toEqual(base.holidays);
    expect(out.province).toEqual(base.province);
  });

  it("a tombstone for an id that is not shipped changes nothing; holidays replace the list", () => {
    const base = baseKnowledge();
    const holidays = [{ date: "2024-04-30", name: "Ngày Giải phóng miền Nam", sources: [] }];
    const out = applyOverlay(base, { collections: { units: { "khong-co": null } }, holidays });
    expect(out.units).toEqual(base.units);
    expect(out.holidays).toEqual(holidays);
  });
});

describe("knowledge edits", () => {
  it("upsert validates with the collection's schema and stores the parsed entity", async () => {
    const store = await open(await tempDir());
    const stored = await store.edits.upsert("tasks", task("t-1"));
    expect(stored.support).toEqual([]);
    expect(stored.progress).toEqual({});

    const err = await store.edits.upsert("tasks", { ...task("t-2"), lead: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("invalid");
    expect((err as StoreError).message).toContain('Mục nhiệm vụ "t-2" không hợp lệ');
    expect((err as StoreError).message).toContain("ít nhất một đơn vị chủ trì");

    await expect(store.edits.remove("tasks", "Không Hợp Lệ")).rejects.toThrow(/Mã của mục nhiệm vụ/);
    await expect(store.edits.remove("khong-co" as never, "x")).rejects.toThrow(/Không có loại dữ liệu/);
  });

  it("apply() gives the shipped knowledge with the stored overlay", async () => {
    const store = await open(await tempDir());
    await store.edits.upsert("tasks", task("t-9", "Xây dựng kho dữ liệu dùng chung"));
    await store.edits.remove("units", "so-tc");
    await store.edits.setHolidays([{ date: "2024-01-01", name: "Tết Dương lịch", sources: [] }]);
    const k = store.edits.apply(baseKnowledge());
    expect(k.tasks.map((t) => t.title)).toEqual(["Xây dựng kho dữ liệu dùng chung"]);
    expect(k.units.map((u) => u.id)).toEqual(["so-tttt", "so-noi-vu"]);
    expect(k.holidays.map((h) => h.name)).toEqual(["Tết Dương lịch"]);

    await store.edits.setHolidays(undefined);
    await store.edits.revert("units", "so-tc");
    const k2 = store.edits.apply(baseKnowledge());
    expect(k2.holidays).toEqual(baseKnowledge().holidays);
    expect(k2.units).toHaveLength(3);
    expect(store.edits.counts()).toEqual({ tasks: 1 });
  });

  it("transaction: several changes in one write; none when fn throws", async () => {
    const dataDir = await tempDir();
    const store = await open(dataDir);
    const file = path.join(dataDir, "knowledge-edits.json");

    const changes = await store.edits.transaction((tx) => {
      tx.upsert("tasks", task("t-1"));
      tx.upsert("tasks", task("t-2"));
      tx.remove("units", "so-tc");
    });
    expect(changes.map((c) => `${c.collection}/${c.id}`)).toEqual(["tasks/t-1", "tasks/t-2", "units/so-tc"]);
    expect(changes[2]).toEqual({ collection: "units", id: "so-tc", after: null });
    const afterFirst = await readFile(file, "utf8");

    await expect(
      store.edits.transaction((tx) => {
        tx.upsert("tasks", task("t-3"));
        tx.remove("tasks", "t-1");
        throw new Error("bỏ giữa chừng");
      }),
    ).rejects.toThrow("bỏ giữa chừng");
    // An invalid entity half-way rolls back the whole transaction too.
    await expect(
      store.edits.transaction((tx) => {
        tx.upsert("tasks", task("t-4"));
        tx.upsert("tasks", { ...task("t-5"), asOf: "2023-02-30" });
      }),
    ).rejects.toThrow(StoreError);

    expect(await readFile(file, "utf8")).toBe(afterFirst);
    expect(store.edits.get("tasks", "t-1")?.id).toBe("t-1");
    expect(store.edits.get("tasks", "t-3")).toBeUndefined();
    expect(store.edits.get("tasks", "t-4")).toBeUndefined();
  });

  it("a transaction that changes nothing writes nothing and reports no change", async () => {
    const store = await open(await tempDir());
    await store.edits.upsert("tasks", task("t-1"));
    const changes = await store.edits.transaction((tx) => {
      tx.upsert("tasks", task("t-1"));
      tx.upsert("tasks", task("t-2"));
      tx.revert("tasks", "t-2");
    });
    expect(changes).toEqual([]);
  });

  it("returned and read values are copies: mutating them does not touch the store", async () => {
    const store = await open(await tempDir());
    const t = await store.edits.upsert("tasks", task("t-1"));
    t.title = "đã sửa ngoài kho";
    store.edits.get("tasks", "t-1")!.lead.push("so-tc");
    expect(store.edits.get("tasks", "t-1")).toMatchObject({ title: "Nhiệm vụ t-1", lead: ["so-tttt"] });
  });
});
