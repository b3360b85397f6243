import { describe, expect, it } from "vitest";
import {
  byteLength,
  CALLBACK_DATA_MAX_BYTES,
  decodeCallback,
  encodeCallback,
  referencedIds,
} from "../../../src/channels/telegram/callback-data.ts";
import type { Query } from "../../../src/core/answers/reply.ts";

const ID40 = "a".repeat(40);

/** At least one query of every kind, with as many fields as the engine produces. */
const EXAMPLES: Query[] = [
  { kind: "theme" },
  { kind: "theme", year: 2023 },
  { kind: "tasks" },
  { kind: "tasks", mine: true, page: 2 },
  { kind: "tasks", unitId: "so-tttt", year: 2023, page: 3 },
  { kind: "tasks", unknownUnit: "Sở Du lịch" },
  // (The lists of done tasks, of tasks with a product or supporting units, page on their filter.)
  { kind: "tasks", done: true, topic: "sản phẩm", page: 2 },
  { kind: "tasks", unitId: "so-tttt", withProduct: true, page: 2 },
  { kind: "tasks", withSupport: true, year: 2023 },
  // (The tasks central bodies lead page on that filter too.)
  { kind: "tasks", central: true, page: 2 },
  { kind: "deadlines", mode: "upcoming" },
  { kind: "deadlines", mode: "overdue", unitId: "so-tttt" },
  { kind: "deadlines", mode: "upcoming", mine: true, page: 2 },
  { kind: "deadlines", mode: "window", from: "2023-04-01", to: "2023-06-30", label: "quý II/2023", page: 2 },
  { kind: "document", docId: "kh-3609" },
  { kind: "document", docId: "kh-3609", aspect: "deadlines" },
  { kind: "document", ref: "3609/KH-BĐHCĐS", number: "3609", typeCode: "KH" },
  { kind: "person", personId: "nguyen-van-a" },
  { kind: "role", phrase: "trưởng ban" },
  { kind: "role", bodyId: "bcd-cds-tinh", role: "truong-ban", phrase: "trưởng ban chỉ đạo" },
  { kind: "meeting" },
  { kind: "meeting", meetingId: "hop-20-02-2023" },
  { kind: "meeting", date: "2023-02-20" },
  { kind: "indicator", year: 2022 },
  { kind: "target", year: 2025, text: "mục tiêu DTI" },
  { kind: "unit", unitId: "so-tttt" },
  { kind: "search", text: "dữ liệu số: 100% hồ sơ" },
  { kind: "help" },
  { kind: "greeting" },
  { kind: "empty" },
  { kind: "tasks", unitId: ID40, mine: true, year: 2023, page: 999 },
];

describe("callback data", () => {
  it.each(EXAMPLES.map((q) => [JSON.stringify(q), q] as const))("round-trips %s in ≤ 64 bytes", (_n, q) => {
    for (const mode of ["q", "p"] as const) {
      const data = encodeCallback(q, mode);
      expect(data).toBeDefined();
      expect(byteLength(data!)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(data!.startsWith(`${mode}:`)).toBe(true);
      expect(decodeCallback(data!)).toEqual({ mode, query: q });
    }
  });

  it("covers every kind of Query", () => {
    const kinds = new Set(EXAMPLES.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(
      [
        "theme",
        "tasks",
        "deadlines",
        "document",
        "person",
        "role",
        "meeting",
        "indicator",
        "target",
        "unit",
        "search",
        "help",
        "greeting",
        "empty",
      ].sort(),
    );
  });

  it("is compact", () => {
    expect(encodeCallback({ kind: "tasks", mine: true, page: 2 }, "p")).toBe("p:t::1::2");
    expect(encodeCallback({ kind: "document", docId: "kh-3609" })).toBe("q:v:kh-3609");
    expect(encodeCallback({ kind: "search", text: "a:b%c" })).toBe("q:s:a%3Ab%25c");
  });

  it("gives no data for a query that does not fit in 64 bytes (Vietnamese text is 2–3 bytes a letter)", () => {
    const long: Query = { kind: "search", text: "chuyển đổi số ".repeat(4).trim() };
    expect(byteLength(`q:s:${long.text}`)).toBeGreaterThan(64);
    expect(encodeCallback(long)).toBeUndefined();
    // Two 40-character ids still fit.
    expect(encodeCallback({ kind: "deadlines", mode: "overdue", unitId: ID40, page: 12 })).toBeDefined();
  });

  it("gives no data for an invalid query", () => {
    expect(encodeCallback({ kind: "unit", unitId: "Not An Id" })).toBeUndefined();
    expect(encodeCallback({ kind: "theme", year: 12 })).toBeUndefined();
    expect(encodeCallback({ kind: "search", text: "   " })).toBeUndefined();
  });

  it.each([
    ["", "empty"],
    ["hello", "no prefix"],
    ["x:t", "unknown mode"],
    ["q:zz", "unknown kind"],
    ["q:t:So TTTT", "bad id"],
    ["q:t::2", "bool must be 1"],
    ["q:t::1:", "non-canonical trailing field"],
    ["q:t:::0", "year out of range"],
    ["q:t::::0", "page 0"],
    ["q:t::::-1", "negative page"],
    ["q:t::::1e3", "not an integer"],
    ["q:pe", "missing required personId"],
    ["q:v:kh-3609:x", "unknown enum code"],
    ["q:th:2023:1", "too many fields"],
    ["q:d:w::::2023-02-30", "impossible date"],
    ["q:s:%zz", "bad escape"],
    ["q:s:a%3ab", "non-canonical escape"],
    [`q:u:${"a".repeat(41)}`, "id too long"],
    [`q:s:${"x".repeat(61)}`, "over 64 bytes or text too long"],
    ["q:he:", "trailing separator"],
    ["q:__proto__", "prototype key"],
    ["q:v:constructor", "an id that is fine syntactically decodes"],
  ])("refuses %j (%s)", (data, why) => {
    const r = decodeCallback(data);
    if (why.startsWith("an id that is fine")) {
      expect(r).toEqual({ mode: "q", query: { kind: "document", docId: "constructor" } });
    } else {
      expect(r).toBeUndefined();
    }
  });

  it("names the entries a query refers to (to detect stale buttons)", () => {
    expect(referencedIds({ kind: "document", docId: "kh-3609" })).toEqual([
      { kind: "document", id: "kh-3609" },
    ]);
    expect(referencedIds({ kind: "deadlines", mode: "overdue", unitId: "so-tttt" })).toEqual([
      { kind: "unit", id: "so-tttt" },
    ]);
    expect(referencedIds({ kind: "person", personId: "p1" })).toEqual([{ kind: "person", id: "p1" }]);
    expect(referencedIds({ kind: "meeting", meetingId: "m1" })).toEqual([{ kind: "meeting", id: "m1" }]);
    expect(referencedIds({ kind: "role", bodyId: "b1", phrase: "x" })).toEqual([{ kind: "body", id: "b1" }]);
    expect(referencedIds({ kind: "help" })).toEqual([]);
  });
});
