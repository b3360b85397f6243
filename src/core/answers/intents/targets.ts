/**
 * Targets (mục tiêu, chỉ tiêu) by year and area. A question that names a figure ("chỉ tiêu hộ gia đình có
 * cáp quang") gets the targets that fit it; when none does, it is told there is no such target and
 * shown the nearest, never the whole list.
 */
import { documentLabel } from "../../knowledge/model.ts";
import type { Target } from "../../knowledge/schema.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import { foldQuestion } from "../../text/question.ts";
import { phraseIndices, queryTerms, searchTerms, typedPhrase } from "../../text/search-terms.ts";
import type { AnswerContext } from "../context.ts";
import { answerType } from "../focus.ts";
import { cap, hasFigure, shorten } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";

/** Words every target question has; what is left names the figure asked for. */
const FRAME = new Set(
  searchTerms(
    "mục tiêu chỉ tiêu năm tỉnh quốc gia cả nước nước bao nhiêu tỷ lệ phần trăm đạt đến của là gì phấn đấu " +
      "đặt ra những các về giai đoạn theo trong kế hoạch thông báo qđ kh đặt hướng tới nào qua trên vào dự kiến đóng góp lọt muốn nằm dẫn đầu mốc hạn để " +
      // Verbs a question puts around the figure that the target's own sentence need not use ("hộ dùng
      // cáp quang" is the target "hộ gia đình có cáp quang").
      "có dùng sử dụng yêu cầu tăng nâng đưa lên cần phải được " +
      // "… cái nào cao hơn": a comparison of the figures named.
      "cái cao thấp hơn " +
      // "tối thiểu bao nhiêu": the least share a target sets ("ít nhất 30%").
      "tối thiểu ít nhất tối đa " +
      // "áp dụng ở đâu": where a target applies, named by the target's own words.
      "áp dụng ở đâu " +
      // "… đã đạt chưa": whether, not what.
      "chưa " +
      // "mục tiêu về dữ liệu của Ủy ban Quốc gia", "Thủ tướng đặt": who set it (the scope), not what.
      "ủy ban chính phủ thủ tướng trung ương toàn quốc " +
      // "KH 3402 của UBND tỉnh": the issuer (Ủy ban nhân dân), not what the target is about.
      "nhân dân",
  ),
);

/** "có đạt", "có lọt vào nhóm …": whether a target was reached. */
// ("tỷ lệ … Ninh Thuận đạt được 2023": what was reached, not what is to be.)
const REACHED_CUE =
  /\b(?:co|da) (?:dat|vao|lot vao|lot top|nam trong|vao top)\b|\bdat (?:duoc )?(?:chua|khong|ko)\b|\bvao duoc\b|(?<!\b(?:phai|can|se|nham|de|muon) )\bdat duoc\b/;

/**
 * Whether what was reached is asked, not what is aimed at: "DTI 2023 có đạt nhóm khá không", "… có đạt nhóm
 * khá như mục tiêu không" (the target named as what it is measured against), "tỉnh đạt nhóm khá DTI 2023
 * chưa vậy" ("chưa" at the end, after what is reached), "mục tiêu … đạt chưa", "đến nay đã đạt bao nhiêu %
 * mục tiêu" (what is reached so far, measured against the target). `folded` is the folded question.
 */
export function asksReached(folded: string): boolean {
  const reachedYet = /\bdat\b(?: [a-z0-9]+){1,6} chua(?: (?:vay|a|ah|nhi|ha|z|nhe))*\s*\??\s*$/.test(folded);
  const soFar =
    /\b(?:den|toi|cho den|tinh den|tinh toi) (?:nay|hien nay|hien tai|bay gio|thoi diem nay)\b/.test(
      folded,
    ) && /(?<!\b(?:phai|can|se|muon|de|nham) )\bdat\b|\bda (?:hoan thanh|thuc hien)\b/.test(folded);
  return (
    ((REACHED_CUE.test(folded) || reachedYet) &&
      (!/\b(?:muc tieu|chi tieu|yeu cau|phan dau|ke hoach|de ra|dat ra)\b/.test(folded) ||
        /\b(?:nhu|theo|so voi) (?:da )?(?:muc tieu|chi tieu|ke hoach|phan dau)\b/.test(folded) ||
        /\bdat (?:duoc )?chua\b/.test(folded) ||
        reachedYet ||
        (/\b(?:co|da) dat (?:duoc )?(?:khong|ko|k)\s*\??\s*$/.test(folded) &&
          !/\b(?:yeu cau|phai dat|de ra|dat ra)\b/.test(folded)))) ||
    soFar
  );
}

/** Who set national targets: the question then asks for those. */
const NATIONAL_SETTER = /\b(?:uy ban quoc gia|quoc gia|ca nuoc|toan quoc|chinh phu|thu tuong|trung uong)\b/;
/** "chuyển đổi số" frames the question too, but "số" alone belongs to "kinh tế số", "dữ liệu số". */
const CDS = searchTerms("chuyển đổi số");
const QUYET_DINH = searchTerms("quyết định");

function withoutPhrase(terms: string[], phrase: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    if (phrase.every((p, k) => terms[i + k] === p)) i += phrase.length - 1;
    else out.push(terms[i]!);
  }
  return out;
}

/** The words of a question that name the figure asked for (beyond "mục tiêu … năm … bao nhiêu"). */
export function figureTerms(text: string): string[] {
  // A document's number ("theo KH 562/KH-UBND") says where, not what.
  let rest = text.replace(/(?<![\p{L}])(?:chúng|chung)\s+(?:tôi|toi|em|mình|minh)(?![\p{L}])/giu, "tôi");
  for (const r of findDocRefs(text)) rest = rest.replace(r.raw, " ");
  // ("quyết định" is a frame as a pair: the "định" of "định danh" is a word of the figure.)
  // ("KH 3402 ban hành ngày nào, mục tiêu chính": the document's day asked beside, no word of a figure.)
  const words = withoutPhrase(withoutPhrase(queryTerms(rest), CDS), QUYET_DINH);
  const issued = findDocRefs(text).length ? phraseIndices(words, ISSUED) : new Set<number>();
  const terms = words.filter(
    (t, i) =>
      (!FRAME.has(t) || KEPT_PAIRS.has(`${words[i - 1]} ${t}`) || KEPT_PAIRS.has(`${t} ${words[i + 1]}`)) &&
      !/^\d+$/.test(t) &&
      !issued.has(i),
  );
  // "bộ mình", "đơn vị tôi": the asker, not what the figure is about.
  return terms.filter(
    (t, i) =>
      !SELF.has(t) &&
      !(
        SELF_UNIT.has(t) &&
        (SELF.has(terms[i + 1] ?? "") || (t === "don" && SELF.has(terms[i + 2] ?? "")))
      ) &&
      !(t === "vi" && terms[i - 1] === "don" && SELF.has(terms[i + 1] ?? "")),
  );
}

/** Pairs whose words are frames alone ("chính phủ", "ít nhất") but name the figure together. */
const KEPT_PAIRS = new Set(["chinh quyen", "hop nhat", "thong nhat", "duy nhat"]);

const ISSUED: readonly (readonly string[])[] = [
  ["ngay", "ban", "hanh"],
  ["ban", "hanh", "ngay"],
  ["ban", "hanh"],
  ["ngay", "ky"],
  ["ngay"],
];

const SELF = new Set(["minh", "toi"]);
const SELF_UNIT = new Set(["bo", "so", "ban", "don", "ben", "phia", "nganh"]);

/** "có … không": whether a target says so. */
const YES_NO = /\bco\b.*\b(?:khong|ko|k)\s*\??\s*$/;

/** Share of the figure's words a target must match to answer it, and to be named as nearby. */
const FIT = 0.6;
const FIGURE_FIT = 0.75;
/** Share of the question's words a target far ahead of the others must match to answer it. */
const DOMINANT = 0.5;
const NEARBY = 0.3;

function targetLine(t: Target): string {
  const scope = t.scope === "national" ? "quốc gia" : "tỉnh";
  return `• ${t.area ? `${t.area}: ` : ""}${t.text} (${scope}, đến ${t.year})`;
}

/** "thuộc lĩnh vực", "nhóm", "mảng": words around an area's name. */
const AREA_FRAME = new Set(
  // ("mục tiêu lâu dài về xếp hạng DTI", "DTI vào top mấy": the area's targets.)
  searchTerms("thuộc lĩnh vực nhóm mảng trụ cột xếp hạng thứ hạng top tốp vị trí lâu dài dài hạn"),
);

/**
 * A field of public life and the words its targets are written in: "các mục tiêu về y tế" are those on
 * "hồ sơ sức khỏe", "khám, chữa bệnh từ xa" and "cơ sở y tế" alike.
 */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  "y te": ["y te", "suc khoe", "chua benh", "kham benh", "benh vien"],
  "giao duc": ["giao duc", "truong hoc", "hoc sinh", "sinh vien", "hoc tap", "dao tao"],
  "nong nghiep": ["nong nghiep", "nong san", "nong dan", "nong thon"],
  "du lich": ["du lich"],
  "giao thong": ["giao thong"],
  "ngan hang": ["ngan hang", "thanh toan", "tien mat"],
};

const FIELD_NAMES: Readonly<Record<string, string>> = {
  "y te": "y tế",
  "giao duc": "giáo dục",
  "nong nghiep": "nông nghiệp",
  "du lich": "du lịch",
  "giao thong": "giao thông",
  "ngan hang": "ngân hàng",
};

/** "chỉ số", "số": words of an area's name a question may leave out ("DTI" for "Chỉ số DTI"). */
const INDEX_WORDS = new Set(searchTerms("chỉ số"));

/** The area (of those the pool's targets are filed under) whose every word the question has. */
function areaAsked(content: string[], pool: Target[]): string | undefined {
  const has = new Set(content);
  const areas = [...new Set(pool.flatMap((t) => (t.area ? [t.area] : [])))];
  return areas
    .map((a) => ({ a, words: figureTerms(a).filter((w) => !INDEX_WORDS.has(w)) }))
    .filter((x) => x.words.length && x.words.every((w) => has.has(w)))
    .sort((x, y) => y.words.length - x.words.length)[0]?.a;
}

/** A document title that states an aim ("Nâng cao chỉ số DTI …", "Tiếp tục đẩy mạnh …"). */
const AIM = /^(?:Tiếp tục )?(?:nâng cao|phát triển|đẩy mạnh|tăng cường|phấn đấu|thúc đẩy|hoàn thành)\b/iu;

export function answerTarget(q: { year?: number; text: string; yesNo?: boolean }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  // "theo QĐ 17", "trong KH 562": the targets that document sets.
  const docIds = new Set(
    findDocRefs(q.text).flatMap((r) => {
      const exact = kb.documentByNumber(r.raw);
      return exact ? [exact.id] : kb.documentsNumbered(r.number).map((x) => x.doc.id);
    }),
  );
  const ofDocs = kb.data.targets.filter((t) => t.document && docIds.has(t.document));
  // "Kế hoạch 3609 đặt ra mục tiêu gì": a document whose targets the sources do not give.
  if (docIds.size && !ofDocs.length) {
    const names = [...docIds].flatMap((id) => {
      const d = kb.document(id);
      return d ? [`${d.type} ${d.number}`] : [];
    });
    const withTargets = [...new Set(kb.data.targets.flatMap((t) => (t.document ? [t.document] : [])))]
      .flatMap((id) => kb.document(id) ?? [])
      .map((d) => `${d.type} ${d.number}`);
    // ("Kế hoạch 4233 đặt mục tiêu gì": a document whose title is its aim, "Nâng cao chỉ số DTI …", says it.)
    // (A figure asked, "đặt mục tiêu xếp hạng bao nhiêu", is not in such a title.)
    const figureAsked = /\b(?:bao nhieu|may|xep hang|hang|phan tram|ty le|diem)\b|%/.test(
      foldQuestion(q.text),
    );
    const aims = [...docIds].flatMap((id) => {
      if (figureAsked) return [];
      const d = kb.document(id);
      return d && AIM.test(d.summary ?? "") ? [d] : [];
    });
    if (aims.length) {
      const r = new ReplyBuilder("target");
      for (const d of aims)
        r.line(`${documentLabel(d)} nhằm: ${d.summary}`, kb.citeAll([d.id, ...d.sources]));
      r.note("Nguồn hiện có không ghi các chỉ tiêu cụ thể (con số) của văn bản này.");
      return r.build();
    }
    const r = new ReplyBuilder("target").abstain();
    r.line(`Nguồn hiện có không ghi mục tiêu của ${names.join(", ")}.`);
    if (withTargets.length) r.note(`Mục tiêu có trong cơ sở tri thức theo: ${withTargets.join("; ")}.`);
    return r.build();
  }
  // "dữ liệu mở 2022 và 2023": each year named (the knowledge may hold one of them).
  const named = [...new Set((q.text.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? []).map(Number))].filter(
    (y) => !q.text.includes(`/${y}`),
  );
  const years = named.length >= 2 ? named : q.year ? [q.year] : [];
  // ("dữ liệu mở năm 2022 là bao nhiêu": a target that gives the year's figure as its starting point,
  // "tăng từ 10% (năm 2022) lên 60% (năm 2023)".)
  const baseline = years.length
    ? new Set(
        ctx.lex.index
          .search(figureTerms(q.text).join(" "), { kinds: ["target"], limit: 3 })
          .filter((h) => h.coverage >= 0.6)
          .map((h) => h.doc.id),
      )
    : new Set<string>();
  // ("… của Ủy ban Quốc gia", "cả nước": the national targets, when the province is not named too.)
  // (The question folded once, for every cue below.)
  const folded = foldQuestion(q.text);
  const national = NATIONAL_SETTER.test(folded) && !/\btinh\b/.test(folded.replace(/\bcac tinh\b/g, ""));
  const scoped = (ofDocs.length ? ofDocs : kb.data.targets).filter(
    (t) => !national || t.scope === "national",
  );
  const pool = (scoped.length ? scoped : ofDocs.length ? ofDocs : kb.data.targets).filter(
    (t) =>
      !years.length ||
      years.includes(t.year) ||
      (baseline.has(t.id) && years.some((y) => t.text.includes(`(năm ${y})`))),
  );
  const missingYears = years.filter((y) => !pool.some((t) => t.year === y));
  if (!pool.length) {
    const years = [...new Set(kb.data.targets.map((t) => t.year))].sort();
    const r = new ReplyBuilder("target").abstain();
    r.line(`Tôi chưa có thông tin về mục tiêu chuyển đổi số năm ${q.year}.`);
    if (years.length) r.note(`Đã có mục tiêu cho các năm: ${years.join(", ")}.`);
    return r.build();
  }
  const cite = (t: Target) => kb.citeAll([...(t.document ? [t.document] : []), ...t.sources]);
  // The figure asked for: the question's words beyond "mục tiêu … năm … bao nhiêu".
  const content = figureTerms(q.text);
  // A target quoted ("mục tiêu 'người dân, doanh nghiệp chỉ cung cấp thông tin một lần' gắn với gì"): the
  // target that says so, whatever the words around the quote ask.
  const quoted = /['"“‘]([^'"”’]{6,200})['"”’]/u.exec(q.text)?.[1];
  const quotedKey = quoted
    ? fold(quoted)
        .replace(/[^a-z0-9%]+/g, " ")
        .trim()
    : "";
  const saying = quotedKey
    ? pool.filter((t) =>
        fold(t.text)
          .replace(/[^a-z0-9%]+/g, " ")
          .includes(quotedKey),
      )
    : [];
  if (saying.length) {
    const r = new ReplyBuilder("target");
    for (const t of saying.slice(0, 4)) {
      r.line(targetLine(t), cite(t));
      r.item("target", t.id);
    }
    return r.build();
  }
  // "Các mục tiêu năm 2023 được chia theo những lĩnh vực nào": the areas, each with its count.
  if (/\b(?:linh vuc|mang) (?:nao|gi)\b|\bchia (?:theo|thanh)\b/.test(folded)) {
    const areas = new Map<string, Target[]>();
    for (const t of pool) if (t.area) areas.set(t.area, [...(areas.get(t.area) ?? []), t]);
    if (areas.size) {
      const r = new ReplyBuilder(
        "target",
        `Lĩnh vực của các mục tiêu${q.year ? ` năm ${q.year}` : ""} (${areas.size}):`,
      );
      for (const [area, list] of areas) {
        r.line(
          `• ${area}: ${list.length} mục tiêu`,
          kb.citeAll(list.flatMap((t) => [...(t.document ? [t.document] : []), ...t.sources])),
        );
        r.action(`Mục tiêu về ${area}`, {
          kind: "target",
          text: `mục tiêu ${area}`,
          ...(q.year ? { year: q.year } : {}),
        });
      }
      return r.build();
    }
  }
  // "các mục tiêu (thuộc lĩnh vực) xã hội số năm 2023": the targets of that area, when that is all it names.
  const area = areaAsked(content, pool);
  // ("năm 2025 tỉnh có lọt vào nhóm 15 … không": whether it was reached, below; not the area's list.)
  if (area && !asksReached(folded)) {
    const own = new Set([...figureTerms(area), ...INDEX_WORDS]);
    const rest = content.filter((t) => !own.has(t) && !AREA_FRAME.has(t));
    if (!rest.length) {
      const list = pool.filter((t) => t.area === area);
      const r = new ReplyBuilder(
        "target",
        `Mục tiêu về ${area}${q.year ? ` năm ${q.year}` : ""} (${list.length}):`,
      );
      for (const t of list) {
        r.line(targetLine(t), cite(t));
        r.item("target", t.id);
      }
      return r.build();
    }
  }
  // "các mục tiêu liên quan tới y tế": the targets written in that field's words.
  // ("du" of "du lịch" is a stopword to the figure's words: the field read from the question itself.)
  const field = Object.keys(FIELDS).find(
    (k) =>
      new RegExp(`\\b${k}\\b`).test(folded) &&
      content.every((t) => k.split(" ").includes(t) || AREA_FRAME.has(t)),
  );
  if (field) {
    const list = pool.filter((t) =>
      FIELDS[field]!.some((w) => ` ${fold(t.text).replace(/[^a-z0-9]+/g, " ")} `.includes(` ${w} `)),
    );
    const what = `${FIELD_NAMES[field] ?? field}${q.year ? ` năm ${q.year}` : ""}`;
    if (!list.length)
      return new ReplyBuilder("target")
        .abstain()
        .line(`Cơ sở tri thức không có mục tiêu nào liên quan đến ${what}.`)
        .build();
    const r = new ReplyBuilder("target", `Mục tiêu liên quan đến ${what} (${list.length}):`);
    for (const t of list) {
      r.line(targetLine(t), cite(t));
      r.item("target", t.id);
    }
    return r.build();
  }
  const poolIds = new Set(pool.map((t) => t.id));
  if (content.length) {
    const hits = ctx.lex.index
      .search(content.join(" "), { kinds: ["target"], limit: 50 })
      .filter((h) => poolIds.has(h.doc.id));
    // Every word of the figure asked, even apart ("DTI … nhóm" in "DTI năm 2023 đạt nhóm khá"), fits too.
    // "tỷ lệ … là bao nhiêu" asks for one figure: the target must have nearly all its words
    // ("dịch vụ công trực tuyến toàn trình" is not "dịch vụ công trực tuyến").
    const wantsFigure = answerType(folded) === "figure";
    const fitNeeded = wantsFigure ? FIGURE_FIT : FIT;
    const asked = new Set(content);
    // A target whose own words are nearly all in the question fits too, whatever the question adds
    // ("e chào a/c, hôm trước họp … mục tiêu kinh tế số chiếm bao nhiêu % GDP mà e quên mất").
    const ownWords = (t: Target) => figureTerms(t.text);
    const inQuestion = (t: Target) => {
      const w = ownWords(t);
      return w.length >= 2 ? w.filter((x) => asked.has(x)).length / w.length : 0;
    };
    const fit = hits
      .filter(
        (h) =>
          h.coverage >= fitNeeded ||
          (h.termCoverage >= 0.99 && h.coverage >= 0.5) ||
          // (Only in a long message: in a short one, a word the target lacks, "toàn trình", matters.)
          (content.length >= 10 && h.coverage >= 0.3 && inQuestion(kb.get("targets", h.doc.id)!) >= 0.8),
      )
      .map((h) => kb.get("targets", h.doc.id)!);
    // One target far ahead of every other ("cáp quang hộ gia đình mục têu 2023", a typo the index does not
    // know; "kho dữ liệu điện tử … nhằm mục đích gì", words of the question the target does not repeat):
    // that one, when it has half the question's words and the next has less than half its share.
    const [top, next] = hits;
    // (Not when what was done is asked, "đã dùng", "kết quả": a target only says what is to be reached.)
    const doneAsked =
      /\bda (?:dung|co|dat|lam|thuc hien|trien khai|su dung)\b|\bket qua\b|\bhien (?:nay|tai|gio)\b/.test(
        folded,
      );
    if (
      !fit.length &&
      !doneAsked &&
      top &&
      top.coverage >= DOMINANT &&
      (!next || next.coverage < top.coverage / 2)
    )
      fit.push(kb.get("targets", top.doc.id)!);
    // "khám chữa bệnh từ xa và hồ sơ sức khỏe điện tử": two figures asked, each fitting its own target.
    const halves = q.text.split(/\s+(?:và|va|với|cùng)\s+/iu);
    if (fit.length < 2 && halves.length === 2) {
      const each = halves.map((half) => {
        const words = figureTerms(half);
        const best =
          words.length >= 2
            ? ctx.lex.index
                .search(words.join(" "), { kinds: ["target"], limit: 5 })
                .filter((h) => poolIds.has(h.doc.id))[0]
            : undefined;
        return best && best.coverage >= fitNeeded ? kb.get("targets", best.doc.id) : undefined;
      });
      if (each[0] && each[1] && each[0] !== each[1]) fit.splice(0, fit.length, each[0], each[1]);
    }
    // "Tỉnh có bao nhiêu thuê bao di động": a count of what exists now, which no target (a rate to reach)
    // states.
    // "Hiện tỉnh đạt bao nhiêu % …": what is reached now, which a target does not say either.
    const count =
      (/\bbao nhieu (?!phan tram|ty le|diem|la\b|nam\b|%)[a-z]/.test(folded) &&
        // ("bao nhiêu doanh nghiệp phải dùng thử …": what is to be reached, a target.)
        !/\b(?:muc tieu|chi tieu|phan dau|ty le|phan tram|muon|du kien|den nam|dat ra|tang tu|len|chiem|(?<!co )phai|can dat|yeu cau)\b|%/.test(
          folded,
        )) ||
      ((/\bhien(?: nay| tai| gio)?\b.*\b(?:dat|co)\b/.test(folded) ||
        /\bhien (?:nay|tai|gio)\b/.test(folded)) &&
        !/\b(?:muc tieu|chi tieu|phan dau|ke hoach|de ra|dat ra)\b/.test(folded));
    // Not recorded, said so, with the targets that come closest.
    const notRecorded = (line: string) => {
      const r = new ReplyBuilder("target").abstain();
      r.line(line);
      for (const t of fit.slice(0, 2)) {
        r.line(`Điều đã biết: ${targetLine(t).slice(2)}`, cite(t));
        r.item("target", t.id);
      }
      return r.build();
    };
    const achieved = asksReached(folded);
    if (fit.length && achieved)
      return notRecorded("Nguồn hiện có không ghi kết quả đạt được; chỉ có mục tiêu đã đặt ra:");
    // "tỷ lệ người dân có tài khoản định danh điện tử của tỉnh năm 2023": the province's own figure,
    // asked without "mục tiêu", which a national target does not give.
    const provinceFigure =
      /\b(?:cua tinh|tinh (?:ta|minh|nha)|ninh thuan|toan tinh|trong tinh)\b/.test(folded) &&
      !/\b(?:muc tieu|chi tieu|phan dau|ke hoach|de ra|dat ra|yeu cau|phai|can|quoc gia|ca nuoc)\b/.test(
        folded,
      ) &&
      fit.slice(0, 2).every((t) => t.scope === "national");
    if (fit.length && provinceFigure)
      return notRecorded("Nguồn hiện có không ghi số liệu này của tỉnh; chỉ có mục tiêu quốc gia:");
    if (fit.length && count)
      return notRecorded("Nguồn hiện có không ghi số liệu thực tế này; chỉ có chỉ tiêu gần với nó:");
    if (fit.length && wantsFigure && !fit.slice(0, 2).some((t) => hasFigure(t.text)))
      return notRecorded("Nguồn hiện có không ghi con số cho chỉ tiêu này.");
    if (fit.length) {
      const r = new ReplyBuilder("target");
      if (q.yesNo || YES_NO.test(folded)) r.line(`Có. ${fit.length > 1 ? "Các mục tiêu" : "Mục tiêu"} nêu:`);
      for (const t of fit.slice(0, 4)) {
        r.line(targetLine(t), cite(t));
        r.item("target", t.id);
      }
      if (missingYears.length) r.note(`Chưa có mục tiêu nào cho năm ${missingYears.join(", ")}.`);
      return r.build();
    }
    const r = new ReplyBuilder("target").abstain();
    r.line(
      `Cơ sở tri thức không có chỉ tiêu về “${shorten(typedPhrase(q.text, content), 60)}”${q.year ? ` năm ${q.year}` : ""}.`,
    );
    // The nearest targets of any year.
    const near = ctx.lex.index
      .search(content.join(" "), { kinds: ["target"], limit: 2 })
      .filter((h) => h.coverage >= NEARBY);
    for (const h of near) {
      const t = kb.get("targets", h.doc.id)!;
      r.line(`Gần nhất tôi có: ${targetLine(t).slice(2)}`, cite(t));
      r.item("target", t.id);
    }
    r.action(`Mục tiêu${q.year ? ` năm ${q.year}` : ""}`, {
      kind: "target",
      ...(q.year ? { year: q.year } : {}),
      text: "mục tiêu",
    });
    return r.build();
  }
  // No figure named: the year's targets, in the knowledge's order.
  const ranked: Target[] = [];
  // The best-fitting first, then the rest of the year's targets.
  const rankedIds = new Set(ranked.map((t) => t.id));
  const list = [...ranked, ...pool.filter((t) => !rankedIds.has(t.id))];
  const page = cap(list, 6);
  const r = new ReplyBuilder("target", `Mục tiêu${q.year ? ` năm ${q.year}` : ""} (${list.length}):`);
  for (const t of page.shown) {
    r.line(targetLine(t), cite(t));
    r.item("target", t.id);
  }
  if (page.rest) r.note(`Còn ${page.rest} mục tiêu nữa; hỏi cụ thể hơn, ví dụ “mục tiêu dữ liệu năm 2023”.`);
  return r.build();
}
