/**
 * The knowledge files under knowledge/ against the schema and against facts.md:
 * every entry validates, every id it refers to exists, and the key facts of
 * /work/shared/sources/facts.md can be found, each with its source.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import {
  COLLECTION_NAMES,
  COLLECTIONS,
  type CollectionName,
  holidaySchema,
  type KnowledgeData,
  provinceSchema,
} from "../../src/core/knowledge/schema.ts";

const DIR = fileURLToPath(new URL("../../knowledge/", import.meta.url));
const EXTRA_FILES = ["province.yaml", "holidays.yaml"] as const;
const ALL_FILES = [...COLLECTION_NAMES.map((n) => COLLECTIONS[n].file), ...EXTRA_FILES];

function readText(file: string): string {
  return readFileSync(DIR + file, "utf8");
}

function readRaw(file: string): unknown {
  return parse(readText(file));
}

function load(): KnowledgeData {
  const data: Record<string, unknown> = {
    province: provinceSchema.parse(readRaw("province.yaml")),
    holidays: z.array(holidaySchema).parse(readRaw("holidays.yaml")),
  };
  for (const name of COLLECTION_NAMES) {
    const { file, schema } = COLLECTIONS[name];
    data[name] = z.array(schema as z.ZodType).parse(readRaw(file));
  }
  return data as unknown as KnowledgeData;
}

const kb = load();

/** Ids that a `sources` list may name: entries of sources.yaml and documents. */
const sourceIds = new Set([...kb.sources.map((s) => s.id), ...kb.documents.map((d) => d.id)]);
const unitIds = new Set(kb.units.map((u) => u.id));
const groupIds = new Set(kb.unitGroups.map((g) => g.id));
const bodyIds = new Set(kb.bodies.map((b) => b.id));
const personIds = new Set(kb.people.map((p) => p.id));
const documentIds = new Set(kb.documents.map((d) => d.id));

const nfc = (s: string) => s.normalize("NFC");
/** Whether the entry (any of its fields) contains the text, as written. */
const has = (entry: unknown, text: string) => nfc(JSON.stringify(entry)).includes(nfc(text));
/** The entry when it satisfies the check, else undefined. */
function where<T>(entry: T | undefined, check: (e: T) => boolean): T | undefined {
  return entry !== undefined && check(entry) ? entry : undefined;
}
const doc = (number: string) => kb.documents.find((d) => d.number === number);
const byId = <T extends { id: string }>(list: T[], id: string) => list.find((e) => e.id === id);
const person = (name: string) => kb.people.find((p) => p.name === name);
const target = (text: string) => kb.targets.find((t) => has(t.text, text));
const meeting = (date: string) => kb.meetings.find((m) => m.date === date);
const dti = (year: number) => kb.indicators.find((i) => i.name === "DTI" && i.year === year);
const part = (year: number, name: string) => dti(year)?.parts.find((p) => p.name === name);
const task = (text: string) => kb.tasks.find((t) => has(t.title, text));
const unitByAlias = (alias: string) => kb.units.find((u) => u.name === alias || u.aliases.includes(alias));
const theme = (scope: "national" | "provincial", year: number) =>
  kb.themes.find((t) => t.scope === scope && t.year === year);

describe("knowledge files: format", () => {
  it.each(ALL_FILES)("%s starts with a Vietnamese comment for the secretariat", (file) => {
    const first = readText(file).split("\n")[0] ?? "";
    expect(first).toMatch(/^# \S/);
    expect(first).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
  });

  it.each(COLLECTION_NAMES)("%s is a top-level list with at least one entry", (name) => {
    const raw = readRaw(COLLECTIONS[name].file);
    expect(Array.isArray(raw)).toBe(true);
    expect((raw as unknown[]).length).toBeGreaterThan(0);
  });

  it.each(COLLECTION_NAMES)("every entry of %s validates against its schema", (name: CollectionName) => {
    const { schema } = COLLECTIONS[name];
    const raw = readRaw(COLLECTIONS[name].file) as unknown[];
    const problems = raw.flatMap((entry, i) => {
      const r = (schema as z.ZodType).safeParse(entry);
      const id = (entry as { id?: string }).id ?? `#${i}`;
      return r.success
        ? []
        : [`${id}: ${r.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("; ")}`];
    });
    expect(problems).toEqual([]);
  });

  it("province.yaml names Ninh Thuận", () => {
    expect(kb.province.name).toBe("Ninh Thuận");
  });

  it.each(COLLECTION_NAMES)("ids in %s are unique", (name) => {
    const ids = (kb[name] as { id: string }[]).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("source ids and document ids do not collide (a `sources` list may name either)", () => {
    const overlap = kb.sources.filter((s) => documentIds.has(s.id)).map((s) => s.id);
    expect(overlap).toEqual([]);
  });
});

describe("knowledge files: references resolve", () => {
  const entriesWithSources = (): { where: string; sources: string[] }[] => [
    ...COLLECTION_NAMES.filter((n) => n !== "sources").flatMap((n) =>
      (kb[n] as { id: string; sources: string[] }[]).map((e) => ({
        where: `${n}/${e.id}`,
        sources: e.sources,
      })),
    ),
    ...kb.people.flatMap((p) =>
      p.positions.map((pos, i) => ({ where: `people/${p.id}/positions/${i}`, sources: pos.sources })),
    ),
    ...kb.holidays.map((h) => ({ where: `holidays/${h.date}`, sources: h.sources })),
  ];

  it("every `sources` id names a source or a document", () => {
    const missing = entriesWithSources().flatMap((e) =>
      e.sources.filter((s) => !sourceIds.has(s)).map((s) => `${e.where} → ${s}`),
    );
    expect(missing).toEqual([]);
  });

  it("every entry, position and holiday outside sources.yaml has at least one source", () => {
    const empty = entriesWithSources()
      .filter((e) => e.sources.length === 0)
      .map((e) => e.where);
    expect(empty).toEqual([]);
  });

  it("task leads and supports are units or unit groups; task documents exist", () => {
    const bad = kb.tasks.flatMap((t) => [
      ...[...t.lead, ...t.support]
        .filter((id) => !unitIds.has(id) && !groupIds.has(id))
        .map((id) => `${t.id} → ${id}`),
      ...(t.document && !documentIds.has(t.document) ? [`${t.id} → ${t.document}`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it("unit parents and group members are units", () => {
    const bad = [
      ...kb.units.filter((u) => u.parent && !unitIds.has(u.parent)).map((u) => `${u.id} → ${u.parent}`),
      ...kb.unitGroups.flatMap((g) => g.members.filter((m) => !unitIds.has(m)).map((m) => `${g.id} → ${m}`)),
    ];
    expect(bad).toEqual([]);
  });

  it("body parents are bodies and establishedBy names a document", () => {
    const bad = kb.bodies.flatMap((b) => [
      ...(b.parent && !bodyIds.has(b.parent) ? [`${b.id} → ${b.parent}`] : []),
      ...(b.establishedBy && !documentIds.has(b.establishedBy) ? [`${b.id} → ${b.establishedBy}`] : []),
    ]);
    expect(bad).toEqual([]);
  });

  it("positions refer to existing units and bodies", () => {
    const bad = kb.people.flatMap((p) =>
      p.positions.flatMap((pos) => [
        ...(pos.unit && !unitIds.has(pos.unit) ? [`${p.id} → ${pos.unit}`] : []),
        ...(pos.body && !bodyIds.has(pos.body) ? [`${p.id} → ${pos.body}`] : []),
      ]),
    );
    expect(bad).toEqual([]);
  });

  it("document relations, theme bodies and target documents resolve", () => {
    const bad = [
      ...kb.documents.flatMap((d) =>
        d.relations.filter((r) => !documentIds.has(r.target)).map((r) => `${d.id} → ${r.target}`),
      ),
      ...kb.themes.filter((t) => t.body && !bodyIds.has(t.body)).map((t) => `${t.id} → ${t.body}`),
      ...kb.targets
        .filter((t) => t.document && !documentIds.has(t.document))
        .map((t) => `${t.id} → ${t.document}`),
    ];
    expect(bad).toEqual([]);
  });

  it("meeting bodies, chairs, attendees and documents resolve", () => {
    const bad = kb.meetings.flatMap((m) => [
      ...(m.body && !bodyIds.has(m.body) ? [`${m.id} → ${m.body}`] : []),
      ...(m.chair && !personIds.has(m.chair) ? [`${m.id} → ${m.chair}`] : []),
      ...m.attendees.flatMap((a) => [
        ...(a.person && !personIds.has(a.person) ? [`${m.id} → ${a.person}`] : []),
        ...(a.unit && !unitIds.has(a.unit) ? [`${m.id} → ${a.unit}`] : []),
        ...(a.body && !bodyIds.has(a.body) ? [`${m.id} → ${a.body}`] : []),
        ...(!a.person && !a.unit && !a.body && !a.label ? [`${m.id} → (attendee with nothing)`] : []),
      ]),
      ...m.documents.filter((d) => !documentIds.has(d)).map((d) => `${m.id} → ${d}`),
    ]);
    expect(bad).toEqual([]);
  });
});

describe("knowledge files: documents", () => {
  it("every document is marked as held without full text", () => {
    expect(kb.documents.filter((d) => d.fullText).map((d) => d.id)).toEqual([]);
  });

  it("document ids are <type>-<number>-<year of the document's date>", () => {
    const bad = kb.documents
      .filter(
        (d) => !/^(kh|tb|qd|nq|ctr|cv|ct)-[a-z0-9-]+-\d{4}$/.test(d.id) || !d.id.endsWith(d.date.slice(0, 4)),
      )
      .map((d) => d.id);
    expect(bad).toEqual([]);
  });

  it("numbers keep the Vietnamese letter Đ (no ASCII QD, BDH, BCD, HDND)", () => {
    const bad = kb.documents.filter((d) => /QD|BDH|BCD|HDND/.test(d.number)).map((d) => d.number);
    expect(bad).toEqual([]);
  });

  it("every document number listed in facts.md is present", () => {
    const numbers = [
      "3609/KH-BĐHCĐS",
      "16/TB-VPCP",
      "03-TB/BCĐCĐS",
      "56/QĐ-UBND",
      "505/QĐ-TTg",
      "1560/QĐ-UBND",
      "6526/KH-UBND",
      "34/NQ-HĐND",
      "352-QĐ/TU",
      "01-QĐ/BCĐCĐS",
      "02-QĐ/BCĐCĐS",
      "52-KH/TU",
      "09-NQ/TU",
      "2314/QĐ-UBND",
      "59-CTr/BCSĐ",
      "852/QĐ-UBND",
      "562/KH-UBND",
      "1813/KH-UBND",
      "793/BTTTT-THH",
      "4233/KH-UBND",
      "3402/KH-UBND",
      "17/QĐ-UBQGCĐS",
      "06/QĐ-TTg",
      "05/CT-TTg",
    ];
    expect(numbers.filter((n) => !doc(n))).toEqual([]);
  });
});

describe("knowledge files: tasks and deadlines", () => {
  it("the three key tasks of 20/02/2023 go to all units, for 2023, with no invented due date", () => {
    const key = kb.tasks.filter((t) => t.clause?.startsWith("Nhiệm vụ trọng tâm"));
    expect(key).toHaveLength(3);
    for (const t of key) {
      expect(t.lead).toEqual(["cac-co-quan-don-vi-dia-phuong"]);
      expect(t.year).toBe(2023);
      expect(t.deadline.due).toBeUndefined();
      expect(t.deadline.text).toContain("không nêu hạn");
    }
  });

  it("no task carries a completion that no source reports", () => {
    expect(kb.tasks.filter((t) => t.progress.completedOn || t.progress.extendedTo).map((t) => t.id)).toEqual(
      [],
    );
  });

  it("entries about what happened after the meeting are dated after it", () => {
    const after = [
      dti(2022)?.asOf,
      doc("3402/KH-UBND")?.asOf,
      doc("17/QĐ-UBQGCĐS")?.asOf,
      doc("05/CT-TTg")?.asOf,
      target("nhóm khá")?.asOf,
      target("16% GDP")?.asOf,
    ];
    for (const d of after) expect(d && d > "2023-02-20").toBe(true);
  });
});

type Sourced = { sources: string[] };
type Fact = [label: string, find: () => Sourced | undefined];

/** Key facts of facts.md, each found in the knowledge files. */
const FACTS: Fact[] = [
  // §1 the meeting of 20/02/2023
  [
    "§1 meeting 20/02/2023 (morning) of the Ban Điều hành, chaired by Trần Quốc Nam",
    () =>
      where(
        meeting("2023-02-20"),
        (m) => m.chair === "tran-quoc-nam" && m.body === "ban-dieu-hanh-cds-tinh" && m.time === "sáng",
      ),
  ],
  ["§1 meeting title: họp quý I/2023", () => where(meeting("2023-02-20"), (m) => has(m.title, "quý I/2023"))],
  [
    "§1 purpose (1): evaluate KH 3609/KH-BĐHCĐS of 18/8/2022",
    () => where(meeting("2023-02-20"), (m) => m.agenda.some((a) => has(a, "3609/KH-BĐHCĐS ngày 18/8/2022"))),
  ],
  [
    "§1 purpose (2): opinions on the draft 2023 plan",
    () => where(meeting("2023-02-20"), (m) => m.agenda.some((a) => has(a, "dự thảo Kế hoạch"))),
  ],
  [
    "§1 attending: Nguyễn Long Biên and Đào Xuân Kỳ",
    () =>
      where(meeting("2023-02-20"), (m) =>
        ["nguyen-long-bien", "dao-xuan-ky"].every((p) => m.attendees.some((a) => a.person === p)),
      ),
  ],
  ...(
    [
      "nhnn-chi-nhanh-tinh",
      "bhxh-tinh",
      "cuc-thue-tinh",
      "ban-dan-toc",
      "truong-chinh-tri",
      "trung-tam-phuc-vu-hcc",
    ] as const
  ).map(
    (u): Fact => [
      `§1 attending: leaders of ${u}`,
      () => where(meeting("2023-02-20"), (m) => m.attendees.some((a) => a.unit === u)),
    ],
  ),
  [
    "§1 attending: deputy head of the Tổ Giúp việc",
    () =>
      where(meeting("2023-02-20"), (m) =>
        m.attendees.some((a) => a.body === "to-giup-viec-bdh" && has(a, "Tổ phó")),
      ),
  ],
  [
    "§1 result: shared data platform basically completed",
    () => where(meeting("2023-02-20"), (m) => m.results.some((r) => has(r, "nền tảng dữ liệu dùng chung"))),
  ],
  [
    "§1 result: eligible to connect to the national population database",
    () =>
      where(meeting("2023-02-20"), (m) => m.results.some((r) => has(r, "cơ sở dữ liệu quốc gia về dân cư"))),
  ],
  [
    "§1 result: e-transactions (tax, e-banking)",
    () => where(meeting("2023-02-20"), (m) => m.results.some((r) => has(r, "nộp thuế, ngân hàng điện tử"))),
  ],
  [
    "§1 result: Tổ công nghệ số cộng đồng extended",
    () => where(meeting("2023-02-20"), (m) => m.results.some((r) => has(r, "Tổ công nghệ số cộng đồng"))),
  ],
  [
    "§1 shortcoming: DTI improved but in the low group",
    () => where(meeting("2023-02-20"), (m) => m.shortcomings.some((s) => has(s, "nhóm thấp"))),
  ],
  [
    "§1 shortcoming: digital economy share of GRDP below target",
    () => where(meeting("2023-02-20"), (m) => m.shortcomings.some((s) => has(s, "GRDP"))),
  ],
  [
    "§1 shortcoming: end-to-end (toàn trình) services",
    () => where(meeting("2023-02-20"), (m) => m.shortcomings.some((s) => has(s, "toàn trình"))),
  ],
  [
    "§1 shortcoming: limited AI use",
    () => where(meeting("2023-02-20"), (m) => m.shortcomings.some((s) => has(s, "trí tuệ nhân tạo (AI)"))),
  ],
  [
    "§1 shortcoming: limited mobilisation of social resources",
    () => where(meeting("2023-02-20"), (m) => m.shortcomings.some((s) => has(s, "nguồn lực xã hội"))),
  ],
  [
    "§1 conclusion: 2023 is a pivotal year (năm bản lề)",
    () => where(meeting("2023-02-20"), (m) => m.conclusions.some((c) => has(c, "năm bản lề"))),
  ],
  [
    "§1 the meeting cites TB 16, TB 03, QĐ 56",
    () =>
      where(meeting("2023-02-20"), (m) =>
        ["kh-3609-2022", "tb-16-2023", "tb-03-2023", "qd-56-2023"].every((d) => m.documents.includes(d)),
      ),
  ],
  [
    "§1 key task 1: communicate the national and provincial themes",
    () =>
      where(task("Quán triệt, tuyên truyền sâu sắc"), (t) =>
        has(t, "Tạo lập và khai thác dữ liệu để tạo ra giá trị mới"),
      ),
  ],
  [
    "§1 key task 2: “Gương mẫu, trách nhiệm và quyết tâm”",
    () => where(task("người đứng đầu"), (t) => has(t.title, "“Gương mẫu, trách nhiệm và quyết tâm”")),
  ],
  [
    "§1 key task 3: follow TB 16 (28/01/2023), TB 03 (02/02/2023), QĐ 56 (14/02/2023)",
    () =>
      where(task("Bám sát"), (t) =>
        ["16/TB-VPCP ngày 28/01/2023", "03-TB/BCĐCĐS ngày 02/02/2023", "56/QĐ-UBND ngày 14/02/2023"].every(
          (s) => has(t.details, s),
        ),
      ),
  ],
  [
    "§1 article signed by Như Vương",
    () => where(person("Như Vương"), (p) => p.sources.includes("bai-viet-hop-20-02-2023")),
  ],
  [
    "§1 the article is a source with its headline",
    () =>
      where(
        byId(kb.sources, "bai-viet-hop-20-02-2023"),
        (s) => s.kind === "article" && has(s.title, "quý I/năm 2023"),
      )
        ? { sources: ["bai-viet-hop-20-02-2023"] }
        : undefined,
  ],

  // people
  [
    "Trần Quốc Nam: Chủ tịch UBND tỉnh, Trưởng ban Điều hành (head)",
    () =>
      where(
        person("Trần Quốc Nam"),
        (p) =>
          p.positions.some((x) => x.title === "Chủ tịch UBND tỉnh" && x.asOf === "2023-02-20") &&
          p.positions.some((x) => x.body === "ban-dieu-hanh-cds-tinh" && x.role === "head"),
      ),
  ],
  [
    "Nguyễn Long Biên: Phó Chủ tịch UBND tỉnh, Phó Trưởng ban Thường trực",
    () =>
      where(
        person("Nguyễn Long Biên"),
        (p) =>
          p.positions.some((x) => x.title === "Phó Chủ tịch UBND tỉnh") &&
          p.positions.some((x) => x.role === "standing-deputy"),
      ),
  ],
  [
    "Đào Xuân Kỳ: Giám đốc Sở TT&TT, Phó Trưởng ban",
    () =>
      where(
        person("Đào Xuân Kỳ"),
        (p) =>
          p.positions.some((x) => x.unit === "so-tttt" && has(x.title, "Giám đốc")) &&
          p.positions.some((x) => x.role === "deputy"),
      ),
  ],
  [
    "Phạm Minh Chính: Thủ tướng",
    () => where(person("Phạm Minh Chính"), (p) => p.positions.some((x) => has(x.title, "Thủ tướng"))),
  ],
  [
    "Vũ Đức Đam: Phó Thủ tướng",
    () => where(person("Vũ Đức Đam"), (p) => p.positions.some((x) => has(x.title, "Phó Thủ tướng"))),
  ],
  [
    "Tô Lâm: Bộ trưởng Bộ Công an",
    () =>
      where(person("Tô Lâm"), (p) =>
        p.positions.some((x) => x.title === "Bộ trưởng Bộ Công an" && x.unit === "bo-cong-an"),
      ),
  ],

  // §2 themes
  [
    "§2 national theme 2023, exact quote",
    () =>
      where(
        theme("national", 2023),
        (t) =>
          t.title === "Tạo lập và khai thác dữ liệu để tạo ra giá trị mới" &&
          t.body === "uy-ban-quoc-gia-cds",
      ),
  ],
  [
    "§2 2023 is “Năm Dữ liệu số quốc gia”",
    () => where(theme("national", 2023), (t) => t.alsoKnownAs.includes("Năm Dữ liệu số quốc gia")),
  ],
  [
    "§2 the PM's wording of 25/12/2022",
    () =>
      where(theme("national", 2023), (t) =>
        t.alsoKnownAs.includes("Năm Dữ liệu số, tạo lập và khai thác dữ liệu để tạo ra giá trị mới"),
      ),
  ],
  [
    "§2 provincial action theme 2023, exact quote",
    () =>
      where(
        theme("provincial", 2023),
        (t) =>
          t.title ===
          "Huy động mọi nguồn lực, tập trung phát triển sử dụng dữ liệu số, tăng cường số hoá quy trình; mỗi cơ quan, đơn vị, địa phương phấn đấu hoàn thành ít nhất một sản phẩm chuyển đổi số năm 2023",
      ),
  ],
  [
    "§2 provincial theme focus: chính quyền số",
    () => where(theme("provincial", 2023), (t) => has(t.focus, "“chính quyền số”")),
  ],
  [
    "§2 conference 25/12/2022 chaired by the PM with Vũ Đức Đam and Tô Lâm",
    () =>
      where(
        meeting("2022-12-25"),
        (m) =>
          m.chair === "pham-minh-chinh" &&
          m.attendees.some((a) => a.person === "vu-duc-dam") &&
          m.attendees.some((a) => a.person === "to-lam") &&
          has(m.title, "Đề án 06"),
      ),
  ],
  [
    "§2 Bộ Công an leads building the Trung tâm Dữ liệu quốc gia in 2023",
    () =>
      where(
        task("Trung tâm Dữ liệu quốc gia"),
        (t) => t.lead.includes("bo-cong-an") && t.deadline.due === "2023-12-31" && t.year === 2023,
      ),
  ],
  [
    "§2 Ngày Chuyển đổi số quốc gia 10/10, QĐ 505/QĐ-TTg of 22/4/2022",
    () => where(doc("505/QĐ-TTg"), (d) => d.date === "2022-04-22" && has(d.summary, "10/10")),
  ],
  [
    "§2 Ngày Chuyển đổi số tỉnh 10/10, QĐ 1560/QĐ-UBND of 09/11/2022",
    () => where(doc("1560/QĐ-UBND"), (d) => d.date === "2022-11-09" && has(d.summary, "10/10")),
  ],
  [
    "§2 Sở TT&TT leads the communication of the provincial DX day, yearly 10/10",
    () =>
      where(
        task("Ngày Chuyển đổi số tỉnh"),
        (t) =>
          t.lead.includes("so-tttt") &&
          t.support.includes("cac-so-ban-nganh") &&
          t.support.includes("ubnd-cac-huyen-thanh-pho") &&
          t.document === "qd-1560-2022" &&
          t.deadline.recurrence?.kind === "yearly" &&
          t.deadline.recurrence.month === 10 &&
          t.deadline.recurrence.day === 10,
      ),
  ],

  // §3 documents cited by the article
  [
    "§3 3609/KH-BĐHCĐS, 18/8/2022, Ban Điều hành",
    () => where(doc("3609/KH-BĐHCĐS"), (d) => d.date === "2022-08-18" && d.type === "Kế hoạch"),
  ],
  [
    "§3 16/TB-VPCP, 28/01/2023, Văn phòng Chính phủ",
    () => where(doc("16/TB-VPCP"), (d) => d.date === "2023-01-28" && d.issuer === "Văn phòng Chính phủ"),
  ],
  [
    "§3 03-TB/BCĐCĐS, 02/02/2023",
    () => where(doc("03-TB/BCĐCĐS"), (d) => d.date === "2023-02-02" && d.type === "Thông báo"),
  ],
  [
    "§3 56/QĐ-UBND, 14/02/2023, with an attached plan",
    () =>
      where(
        doc("56/QĐ-UBND"),
        (d) => d.date === "2023-02-14" && d.keyPoints.some((k) => has(k, "Kế hoạch ban hành kèm theo")),
      ),
  ],

  // §4 the province's DX framework
  ["§4 6526/KH-UBND, 30/11/2021", () => where(doc("6526/KH-UBND"), (d) => d.date === "2021-11-30")],
  [
    "§4 34/NQ-HĐND, 17/5/2021, project Chuyển đổi số 2021–2025",
    () => where(doc("34/NQ-HĐND"), (d) => d.date === "2021-05-17" && has(d.summary, "2021–2025")),
  ],
  [
    "§4 352-QĐ/TU, 18/6/2021, establishes the Ban Chỉ đạo",
    () =>
      where(
        doc("352-QĐ/TU"),
        (d) => d.date === "2021-06-18" && byId(kb.bodies, "ban-chi-dao-cds-tinh")?.establishedBy === d.id,
      ),
  ],
  [
    "§4 01-QĐ/BCĐCĐS, 12/7/2021, establishes the Ban Điều hành (under the Ban Chỉ đạo)",
    () =>
      where(doc("01-QĐ/BCĐCĐS"), (d) => {
        const b = byId(kb.bodies, "ban-dieu-hanh-cds-tinh");
        return d.date === "2021-07-12" && b?.establishedBy === d.id && b.parent === "ban-chi-dao-cds-tinh";
      }),
  ],
  [
    "§4 02-QĐ/BCĐCĐS, 12/7/2021, working rules 2021–2025",
    () => where(doc("02-QĐ/BCĐCĐS"), (d) => d.date === "2021-07-12" && has(d.summary, "Quy chế")),
  ],
  [
    "§4 52-KH/TU, 23/6/2021, Ban Thường vụ Tỉnh ủy",
    () => where(doc("52-KH/TU"), (d) => d.date === "2021-06-23" && d.issuer === "Ban Thường vụ Tỉnh ủy"),
  ],
  [
    "§4 09-NQ/TU, 29/11/2021, vision to 2030",
    () => where(doc("09-NQ/TU"), (d) => d.date === "2021-11-29" && has(d.summary, "2030")),
  ],
  [
    "§4 2314/QĐ-UBND, 15/12/2021, Đề án Chuyển đổi số",
    () => where(doc("2314/QĐ-UBND"), (d) => d.date === "2021-12-15" && has(d.summary, "Đề án")),
  ],
  [
    "§4 59-CTr/BCSĐ, 27/01/2022, implements 09-NQ/TU",
    () =>
      where(
        doc("59-CTr/BCSĐ"),
        (d) =>
          d.date === "2022-01-27" &&
          d.relations.some((r) => r.kind === "implements" && r.target === "nq-09-2021"),
      ),
  ],
  [
    "§4 852/QĐ-UBND, 08/7/2022, commune-level index groups",
    () =>
      where(
        doc("852/QĐ-UBND"),
        (d) => d.date === "2022-07-08" && has(d, "Đô thị thông minh và các lĩnh vực ưu tiên"),
      ),
  ],
  ["§4 562/KH-UBND, 03/02/2021", () => where(doc("562/KH-UBND"), (d) => d.date === "2021-02-03")],
  [
    "§4 1813/KH-UBND, 29/4/2022, implements 793/BTTTT-THH",
    () =>
      where(
        doc("1813/KH-UBND"),
        (d) =>
          d.date === "2022-04-29" &&
          d.relations.some((r) => r.kind === "implements" && r.target === "cv-793-2022"),
      ),
  ],
  [
    "§4 793/BTTTT-THH, 05/3/2022, Bộ TT&TT",
    () => where(doc("793/BTTTT-THH"), (d) => d.date === "2022-03-05" && d.type === "Công văn"),
  ],
  [
    "§4 meeting of 07/9/2022 chaired by Trần Quốc Nam; Vỏ Sò and Postmart",
    () =>
      where(
        meeting("2022-09-07"),
        (m) =>
          m.chair === "tran-quoc-nam" &&
          has(m, "Vỏ Sò") &&
          has(m, "Postmart") &&
          has(m, "Ngày Chuyển đổi số"),
      ),
  ],
  [
    "§4 Tổ công nghệ số cộng đồng: “cánh tay nối dài”",
    () =>
      where(byId(kb.bodies, "to-cong-nghe-so-cong-dong"), (b) => has(b.description, "“cánh tay nối dài”")),
  ],
  [
    "§4 KH 562: 100% online public services at level 4 by 2025",
    () => where(target("mức độ 4"), (t) => t.year === 2025 && t.document === "kh-562-2021"),
  ],
  [
    "§4 KH 562: 90% of commune files handled online",
    () => where(target("90% hồ sơ công việc cấp xã"), (t) => t.year === 2025),
  ],
  [
    "§4 KH 562: at least 30% use e-identification",
    () => where(target("Ít nhất 30%"), (t) => t.document === "kh-562-2021"),
  ],

  // §5 DTI
  [
    "§5 DTI 2021 = 0.3048, rank 53/63",
    () => where(dti(2021), (i) => i.value === 0.3048 && i.rank === 53 && i.of === 63),
  ],
  [
    "§5 DTI 2021 up 44,6%, up 10 places",
    () => where(dti(2021), (i) => has(i.change, "44,6%") && has(i.change, "10 bậc")),
  ],
  [
    "§5 DTI 2021 digital government 0.3512, rank 47, up 52,2% and 16 places",
    () =>
      where(
        part(2021, "Chính quyền số"),
        (p) => p.value === 0.3512 && p.rank === 47 && has(p.change, "16 bậc"),
      )
        ? dti(2021)
        : undefined,
  ],
  [
    "§5 KH 4233/KH-UBND, 28/9/2022, signed by Nguyễn Long Biên",
    () => where(doc("4233/KH-UBND"), (d) => d.date === "2022-09-28" && d.signer === "Nguyễn Long Biên"),
  ],
  [
    "§5 DTI 2022 = 0.5934, rank 27/63",
    () => where(dti(2022), (i) => i.value === 0.5934 && i.rank === 27 && i.of === 63),
  ],
  [
    "§5 DTI 2022 up 94,69%, up 26 places; announced 12/7/2023",
    () =>
      where(
        dti(2022),
        (i) => has(i.change, "94,69%") && has(i.change, "26 bậc") && i.announcedOn === "2023-07-12",
      ),
  ],
  ["§5 DTI 2022 national average 0.5791", () => where(dti(2022), (i) => i.nationalAverage === 0.5791)],
  [
    "§5 DTI 2022 digital government 0.6787 (24/63, up 23)",
    () =>
      where(
        part(2022, "Chính quyền số"),
        (p) => p.value === 0.6787 && p.rank === 24 && has(p.change, "23 bậc"),
      )
        ? dti(2022)
        : undefined,
  ],
  [
    "§5 DTI 2022 digital economy 0.6518 (29/63, up 18)",
    () =>
      where(part(2022, "Kinh tế số"), (p) => p.value === 0.6518 && p.rank === 29 && has(p.change, "18 bậc"))
        ? dti(2022)
        : undefined,
  ],
  [
    "§5 DTI 2022 digital society 0.6045 (22/63, up 27)",
    () =>
      where(part(2022, "Xã hội số"), (p) => p.value === 0.6045 && p.rank === 22 && has(p.change, "27 bậc"))
        ? dti(2022)
        : undefined,
  ],
  [
    "§5 DTI pillars 2022 listed",
    () =>
      where(dti(2022), (i) =>
        [
          "Nhận thức số",
          "Thể chế số",
          "Nhân lực số",
          "Hoạt động chính quyền số",
          "Hoạt động xã hội số",
        ].every((p) => i.notes.some((n) => has(n, p))),
      ),
  ],
  [
    "§5 KH 3402/KH-UBND, 16/8/2023: DTI 2023 in the “nhóm khá”",
    () =>
      where(
        target("nhóm khá"),
        (t) => t.document === "kh-3402-2023" && doc("3402/KH-UBND")?.date === "2023-08-16",
      ),
  ],
  [
    "§5 KH 3402: among the 15 best provinces by 2025",
    () => where(target("nhóm 15 tỉnh"), (t) => t.year === 2025),
  ],

  // §6 national plan and targets
  [
    "§6 17/QĐ-UBQGCĐS, 04/4/2023: Năm Dữ liệu số quốc gia",
    () => where(doc("17/QĐ-UBQGCĐS"), (d) => d.date === "2023-04-04" && has(d, "Năm Dữ liệu số quốc gia")),
  ],
  ["§6 NDXP/LGSP data sharing", () => where(target("NDXP/LGSP"), (t) => t.area === "Dữ liệu")],
  ["§6 over 30% AI data analysis", () => where(target("trí tuệ nhân tạo"), (t) => has(t.text, "Trên 30%"))],
  [
    "§6 merge public-service portal and one-stop system",
    () => where(target("Hệ thống một cửa điện tử"), (t) => t.area === "Chính quyền số"),
  ],
  ["§6 digital economy over 16% of GDP", () => where(target("trên 16% GDP"), (t) => t.area === "Kinh tế số")],
  ["§6 e-commerce over 8,5% of retail", () => where(target("8,5%"), (t) => t.area === "Kinh tế số")],
  [
    "§6 SMEs: over 90% try, over 30% use",
    () => where(target("Trên 90% doanh nghiệp nhỏ và vừa"), (t) => has(t.text, "trên 30%")),
  ],
  ["§6 smartphones over 80%", () => where(target("điện thoại thông minh"), (t) => has(t.text, "80%"))],
  ["§6 fibre over 85% of households", () => where(target("85% hộ gia đình"), (t) => t.area === "Xã hội số")],
  ["§6 over 75% aged 15+ with a payment account", () => where(target("75%"), (t) => has(t.text, "15 tuổi"))],
  [
    "§6 over 80% with an e-health record",
    () => where(target("hồ sơ sức khỏe điện tử"), (t) => has(t.text, "80%")),
  ],
  [
    "§6 over 80% of state systems with an approved security level",
    () =>
      where(target("cấp độ an toàn thông tin"), (t) => t.area === "An toàn thông tin" && has(t.text, "80%")),
  ],
  [
    "§6 06/QĐ-TTg, 06/01/2022: Đề án 06",
    () =>
      where(
        doc("06/QĐ-TTg"),
        (d) => d.date === "2022-01-06" && has(d.summary, "định danh và xác thực điện tử"),
      ),
  ],
  [
    "§6 05/CT-TTg, 23/02/2023: keep pushing Đề án 06",
    () => where(doc("05/CT-TTg"), (d) => d.date === "2023-02-23" && has(d.summary, "Đề án 06")),
  ],
  [
    "§6 Bộ TT&TT: open data from 10% (2022) to 60% (2023)",
    () => where(target("Dữ liệu mở tăng"), (t) => has(t.text, "10%") && has(t.text, "60%")),
  ],

  // units, groups, bodies
  [
    "Sở TT&TT is known by its short names",
    () =>
      where(unitByAlias("Sở TT&TT"), (u) =>
        ["STTTT", "Sở TTTT", "Sở Thông tin Truyền thông"].every((a) => u.aliases.includes(a)),
      ),
  ],
  ["BHXH tỉnh is Bảo hiểm xã hội tỉnh", () => where(unitByAlias("BHXH tỉnh"), (u) => u.id === "bhxh-tinh")],
  [
    "NHNN is Ngân hàng Nhà nước – Chi nhánh tỉnh",
    () => where(unitByAlias("NHNN"), (u) => u.kind === "nganh"),
  ],
  [
    "Ủy ban nhân dân tỉnh is UBND tỉnh",
    () => where(unitByAlias("Ủy ban nhân dân tỉnh"), (u) => u.kind === "ubnd"),
  ],
  [
    "the all-units group: các cơ quan, đơn vị, địa phương",
    () =>
      where(
        byId(kb.unitGroups, "cac-co-quan-don-vi-dia-phuong"),
        (g) => g.all && g.aliases.includes("tất cả các đơn vị"),
      ),
  ],
  [
    "the group các sở, ban, ngành",
    () =>
      where(byId(kb.unitGroups, "cac-so-ban-nganh"), (g) =>
        ["so", "ban", "nganh"].every((k) => g.kinds.includes(k as never)),
      ),
  ],
  [
    "the group UBND các huyện, thành phố",
    () => where(byId(kb.unitGroups, "ubnd-cac-huyen-thanh-pho"), (g) => g.kinds.includes("huyen")),
  ],
  [
    "Tổ Giúp việc belongs to the Ban Điều hành",
    () => where(byId(kb.bodies, "to-giup-viec-bdh"), (b) => b.parent === "ban-dieu-hanh-cds-tinh"),
  ],
  [
    "Ủy ban Quốc gia về chuyển đổi số is a national body",
    () => where(byId(kb.bodies, "uy-ban-quoc-gia-cds"), (b) => b.level === "national"),
  ],

  // holidays
  [
    "Quốc khánh 02/9/2023 is a holiday, from the Labour Code",
    () =>
      where(
        kb.holidays.find((h) => h.date === "2023-09-02"),
        (h) => h.sources.includes("bo-luat-lao-dong-2019"),
      ),
  ],
];

describe("knowledge files: key facts of facts.md, each with its source", () => {
  it("covers at least 60 facts", () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(FACTS)("%s", (_label, find) => {
    const entry = find();
    expect(entry).toBeDefined();
    expect(entry?.sources.length ?? 0).toBeGreaterThan(0);
    for (const s of entry?.sources ?? []) expect(sourceIds.has(s)).toBe(true);
  });
});
