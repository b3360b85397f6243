/**
 * The query mix of the benchmark, made from any knowledge base: questions naming its units, groups,
 * documents, people and deadlines the way officials type them (diacritics or not, abbreviations,
 * typos), plus free searches and names the base does not know. Deterministic for a seed.
 */
import type { KnowledgeData } from "../src/core/knowledge/schema.ts";
import { parseDocNumber } from "../src/core/text/doc-number.ts";
import { fold } from "../src/core/text/normalize.ts";
import { Rng } from "./generate-knowledge.ts";

export interface BenchQuestion {
  q: string;
  /** What the question is meant to exercise ("tasks:unit", "document:short", "search:typo"…), for per-kind figures. */
  kind: string;
  now: Date;
  unitId?: string;
}

const ROMAN = ["I", "II", "III", "IV"];

/** One typing slip in a word of 5+ letters: a letter dropped, doubled or two letters swapped. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(" ");
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{5,}$/u.test(w));
  if (!long.length) return text;
  const [w, i] = rng.pick(long);
  const at = rng.int(1, w.length - 2);
  const op = rng.int(0, 2);
  const changed =
    op === 0
      ? w.slice(0, at) + w.slice(at + 1)
      : op === 1
        ? w.slice(0, at) + w[at] + w.slice(at)
        : w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  words[i] = changed;
  return words.join(" ");
}

const SEARCH_TOPICS = [
  "số hóa hồ sơ thủ tục hành chính",
  "dịch vụ công trực tuyến toàn trình",
  "chữ ký số chuyên dùng",
  "thanh toán không dùng tiền mặt",
  "sàn thương mại điện tử",
  "tổ công nghệ số cộng đồng",
  "tài khoản định danh điện tử",
  "hồ sơ sức khỏe điện tử",
  "cơ sở dữ liệu đất đai",
  "nền tảng tích hợp chia sẻ dữ liệu",
  "an toàn thông tin mạng",
  "kỹ năng số cho người dân",
  "điện toán đám mây",
  "camera giám sát an ninh",
  "trung tâm giám sát điều hành thông minh",
  "Ngày Chuyển đổi số quốc gia",
  "Trung tâm Dữ liệu quốc gia",
  "Đề án 06",
  "hạ tầng cáp quang",
  "du lịch thông minh",
];

const UNKNOWN_SEARCHES = [
  "lương giám đốc sở bao nhiêu",
  "giá vé máy bay tết",
  "thời tiết ngày mai",
  "cách nấu phở bò",
  "tỷ số bóng đá tối qua",
  "xin nghỉ phép mấy ngày",
];

const UNKNOWN_UNITS = [
  "Sở Du lịch",
  "Sở Ngoại giao",
  "Cục Hàng không",
  "Trung tâm Thể thao điện tử",
  "Ban Quản lý chợ đêm",
];

function randomUnitWording(rng: Rng, name: string, aliases: string[]): string {
  const alias = aliases.length && rng.chance(0.35) ? rng.pick(aliases) : name;
  return rng.chance(0.3) ? fold(alias) : alias;
}

/**
 * `count` questions about `data`, asked at `now`. Years in deadline questions are those of the base's
 * due dates, so windows find tasks.
 */
export function generateQuestions(
  data: KnowledgeData,
  opts: { count: number; seed: number; now: Date },
): BenchQuestion[] {
  const rng = new Rng(opts.seed);
  const now = opts.now;
  const out: BenchQuestion[] = [];
  const years = [
    ...new Set(data.tasks.flatMap((t) => (t.deadline.due ? [Number(t.deadline.due.slice(0, 4))] : []))),
  ].sort();
  if (!years.length) years.push(now.getFullYear());
  const docs = data.documents.flatMap((d) => {
    const p = parseDocNumber(d.number);
    return p ? [{ d, p }] : [];
  });
  const numbers = new Set(docs.map((x) => Number(x.p.number)));
  const heads = data.people.flatMap((p) =>
    p.positions.filter((x) => x.unit).map((x) => ({ p, title: x.title })),
  );

  const makers: [string, number, () => string | undefined][] = [
    [
      "tasks:unit",
      22,
      () => {
        const u = rng.pick(data.units);
        const w = randomUnitWording(rng, u.name, u.aliases);
        return rng.pick([
          `Nhiệm vụ của ${w}`,
          `${w} phải làm gì`,
          `${w} có nhiệm vụ gì năm ${rng.pick(years)}`,
          `nv cua ${fold(w)}`,
          `${w} được giao những việc gì`,
        ]);
      },
    ],
    [
      "tasks:group",
      3,
      () => (data.unitGroups.length ? `Nhiệm vụ giao cho ${rng.pick(data.unitGroups).name}` : undefined),
    ],
    [
      "deadlines:unit",
      8,
      () => {
        const u = rng.pick(data.units);
        const w = randomUnitWording(rng, u.name, u.aliases);
        return rng.pick([
          `${w} có việc gì quá hạn`,
          `hạn chót của ${w} trong quý ${rng.pick(ROMAN)}/${rng.pick(years)}`,
          `nhiệm vụ của ${w} sắp đến hạn`,
        ]);
      },
    ],
    [
      "deadlines:window",
      7,
      () => {
        const y = rng.pick(years);
        return rng.pick([
          `hạn trong quý ${rng.pick(ROMAN)}/${y}`,
          `nhiệm vụ có hạn trong tháng ${rng.int(1, 12)}/${y}`,
          `việc đến hạn ngày 30/6/${y}`,
          `han chot quy ${rng.int(1, 4)} nam ${y}`,
          `những việc phải hoàn thành 6 tháng đầu năm ${y}`,
        ]);
      },
    ],
    [
      "deadlines:overdue",
      3,
      () => rng.pick(["quá hạn", "những việc quá hạn", "viec tre han", "việc chậm tiến độ"]),
    ],
    [
      "deadlines:upcoming",
      3,
      () => rng.pick(["việc sắp đến hạn", "sap den han", "30 ngày tới có việc gì đến hạn"]),
    ],
    [
      "document:short",
      9,
      () => {
        if (!docs.length) return undefined;
        const { p } = rng.pick(docs);
        const abbr = fold(p.typeCode);
        return rng.pick([`${abbr} ${p.number}`, `${abbr}${p.number}`, `${abbr} số ${p.number}`]);
      },
    ],
    [
      "document:full",
      5,
      () => {
        if (!docs.length) return undefined;
        const { d } = rng.pick(docs);
        return rng.pick([d.number, `Văn bản ${d.number} nói gì`, `${d.type} số ${d.number}`]);
      },
    ],
    [
      "document:tasks",
      3,
      () => {
        if (!docs.length) return undefined;
        const { d } = rng.pick(docs);
        return rng.pick([`${d.number} giao nhiệm vụ gì`, `thời hạn theo ${d.number}`]);
      },
    ],
    [
      "document:missing",
      3,
      () => {
        let n = rng.int(1, 9999);
        while (numbers.has(n)) n = rng.int(1, 9999);
        return rng.pick([`kh ${n}`, `quyết định ${n}`, `thong bao so ${n}`]);
      },
    ],
    [
      "person",
      3,
      () => {
        if (!data.people.length) return undefined;
        const p = rng.pick(data.people);
        return rng.pick([`${p.name} là ai`, `ong ${fold(p.name)} giu chuc vu gi`]);
      },
    ],
    [
      "role",
      2,
      () => {
        if (!heads.length || rng.chance(0.3)) return "ai là trưởng ban chỉ đạo chuyển đổi số tỉnh";
        return `ai là ${fold(rng.pick(heads).title)}`;
      },
    ],
    ["theme", 2, () => rng.pick([`chủ đề năm ${rng.pick(years)}`, "chu de chuyen doi so nam nay"])],
    ["indicator", 1, () => rng.pick(["DTI năm 2024", "xếp hạng chuyển đổi số của tỉnh", "chi so dti 2022"])],
    ["meeting", 2, () => rng.pick(["kết luận cuộc họp Ban Điều hành", "cuộc họp gần nhất có kết quả gì"])],
    ["target", 2, () => rng.pick([`mục tiêu năm ${rng.pick(years)}`, "chỉ tiêu chuyển đổi số đến 2025"])],
    [
      "search:plain",
      8,
      () => {
        const t = rng.pick(SEARCH_TOPICS);
        return rng.chance(0.5) ? t : fold(t);
      },
    ],
    [
      "search:typo",
      8,
      () => {
        const t = rng.pick(SEARCH_TOPICS);
        return typo(rng.chance(0.6) ? fold(t) : t, rng);
      },
    ],
    ["search:unknown", 3, () => rng.pick(UNKNOWN_SEARCHES)],
    ["tasks:unknown-unit", 2, () => `${rng.pick(UNKNOWN_UNITS)} phải làm gì`],
    ["greeting", 1, () => rng.pick(["xin chào", "help", "chào bạn"])],
  ];
  const weights = makers.map(([, w], i) => [i, w] as const);
  for (let tries = 0; out.length < opts.count && tries < opts.count * 10; tries++) {
    const [kind, , make] = makers[rng.weighted(weights)]!;
    const q = make();
    if (q) out.push({ q, kind, now });
  }
  return out;
}
