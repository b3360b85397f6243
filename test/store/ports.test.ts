/**
 * The store's ports (src/store/ports.ts), as a contract: what any adapter (the embedded JSON/JSON Lines
 * store today, a PostgreSQL one tomorrow) must do, checked through the interfaces only. `contract` takes
 * a function that opens a fresh adapter; it runs here against the embedded store.
 */
import { describe, expect, it } from "vitest";
import { asStorePort, type StorePort } from "../../src/store/index.ts";
import { open, task, tempDir, testClock } from "./helpers.ts";

type Opener = (opts?: {
  readOnly?: boolean;
}) => Promise<{ port: StorePort; reopen: () => Promise<StorePort> }>;

const secretary = { kind: "telegram" as const, id: "telegram:42", name: "Chị Lan" };

function contract(name: string, openPort: Opener) {
  describe(`${name}: the store ports`, () => {
    it("reminder log: pending → sent is durable; answers get increasing ids; a decision is taken once", async () => {
      const { port, reopen } = await openPort();
      const r = port.reminders;
      const parts = { taskId: "t-1", occurrence: "2026-06-30", recipientId: "telegram:1", offset: 3 };
      const key = "t-1|2026-06-30|telegram:1|3";
      await r.applyBatch([{ op: "pending", parts }]);
      expect(r.stateOf(key)).toBe("pending");
      await r.applyBatch([{ op: "sent", key, messageId: "5" }]);
      await expect(r.applyBatch([{ op: "sent", key: "x|2026-06-30|telegram:1|3" }])).rejects.toThrow(
        /Không có mục nhắc hạn/,
      );
      const about = { taskId: "t-1", occurrence: "2026-06-30" };
      const a = await r.addResponse({
        ...about,
        kind: "extension",
        userId: "telegram:1",
        text: "Lý do",
        requestedDue: "2026-08-30",
      });
      const b = await r.addResponse({ ...about, kind: "done", userId: "telegram:1" });
      expect([a.id, b.id]).toEqual(["a1", "a2"]);
      const decided = await r.decideExtension(a.id, {
        status: "approved",
        at: "2026-06-01T00:00:00.000Z",
        by: "cli",
      });
      expect(decided?.decision?.status).toBe("approved");
      expect(
        await r.decideExtension(a.id, { status: "refused", at: "2026-06-01T00:00:00.000Z", by: "cli" }),
      ).toBeNull();
      await r.markEscalated([
        { taskId: "t-1", occurrence: "2026-06-30", unitId: "so-tttt", since: "2026-07-01" },
      ]);
      await r.markDigest("daily", "2026-06-01");
      // Results are copies.
      const copy = r.get(key)!;
      copy.state = "failed";
      expect(r.stateOf(key)).toBe("sent");
      await port.close();

      const again = await reopen();
      expect(again.reminders.get(key)).toMatchObject({ state: "sent", messageId: "5", attempts: 1 });
      expect(again.reminders.responses({ kind: "extension" })[0]?.decision?.status).toBe("approved");
      expect(Object.keys(again.reminders.escalations())).toEqual(["t-1|2026-06-30|so-tttt"]);
      expect(again.reminders.lastDigest("daily")).toBe("2026-06-01");
      await again.close();
    });

    it("audit and edits: a change and its entry together; undo; ids increasing", async () => {
      const { port, reopen } = await openPort();
      await port.audit.record({ actor: secretary, action: "user.link" });
      const e = await port.commitChange({ actor: secretary, action: "task.add" }, (tx) => {
        tx.upsert("tasks", task("t-1"));
      });
      expect(e?.id).toBe("2");
      expect(port.edits.get("tasks", "t-1")?.id).toBe("t-1");
      expect(port.auditPending()).toBe(false);
      const u = await port.undoLast(secretary);
      expect(u?.undoes).toBe("2");
      expect(port.edits.overlay()).toEqual({ collections: {} });
      await port.close();
      const again = await reopen();
      expect(again.audit.list().map((x) => x.action)).toEqual(["undo", "task.add", "user.link"]);
      expect(again.audit.get("2")?.changes).toHaveLength(1);
      await again.close();
    });

    it("state: settings and link codes are durable", async () => {
      const { port, reopen } = await openPort();
      await port.state.setSetting("dem", 3);
      const code = await port.state.createLinkCode({ unitId: "so-tttt", role: "head" });
      const redeemed = await port.state.redeemLinkCode(code.code, { channel: "telegram", chatId: "7" });
      expect(redeemed.ok).toBe(true);
      await port.close();
      const again = await reopen();
      expect(again.state.getSetting("dem")).toBe(3);
      expect(again.state.findUser("telegram", "7")?.unitId).toBe("so-tttt");
      await again.close();
    });

    it("read-only: reads, refuses every write", async () => {
      const { port } = await openPort();
      await port.state.setSetting("a", 1);
      await port.close();
      const { port: ro } = await openPort({ readOnly: true });
      expect(ro.readOnly).toBe(true);
      expect(ro.state.getSetting("a")).toBe(1);
      await expect(ro.reminders.markDigest("daily", "2026-06-01")).rejects.toThrow(/chỉ đọc/);
      await expect(ro.audit.record({ actor: secretary, action: "x" })).rejects.toThrow(/chỉ đọc/);
      await expect(ro.state.setSetting("a", 2)).rejects.toThrow(/chỉ đọc/);
    });
  });
}

let dir: string | undefined;
contract("embedded store (JSON documents + JSON Lines logs)", async (opts = {}) => {
  // A fresh data dir per test, kept for the read-only reopen within the same test.
  if (!opts.readOnly) dir = await tempDir();
  const dataDir = dir!;
  const clock = testClock("2026-06-01T01:00:00.000Z");
  const port = asStorePort(await open(dataDir, { clock, readOnly: opts.readOnly ?? false }));
  return { port, reopen: async () => asStorePort(await open(dataDir, { clock })) };
});

it("the embedded store satisfies the ports (checked by the compiler, and here at run time)", async () => {
  const port = asStorePort(await open(await tempDir()));
  for (const m of ["stateOf", "applyBatch", "addResponse", "decideExtension", "markEscalated", "markDigest"])
    expect(typeof (port.reminders as unknown as Record<string, unknown>)[m]).toBe("function");
  expect(typeof port.commitChange).toBe("function");
});
