/** DTI (provincial digital-transformation index) by year. */
import type { Indicator } from "../../knowledge/schema.ts";
import { expandAbbreviations } from "../../text/abbreviations.ts";
import { DEPARTMENT_FIELDS } from "../../text/agency-names.ts";
import { findDatePhrases } from "../../text/dates.ts";
import { fold } from "../../text/normalize.ts";
import { foldQuestion } from "../../text/question.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { answerType } from "../focus.ts";
import { viNumber } from "../format.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";
import { answerCompare } from "./compare.ts";
import { asksReached } from "./targets.ts";

function rank(i: { rank?: number; of?: number }): string {
  return i.rank ? `xếp hạng ${i.rank}${i.of ? `/${i.of}` : ""}` : "";
}

/** How far apart two index values are, to the sources' four decimals ("0,0143"). */
function difference(a: number, b: number): string {
  return viNumber(Math.round(Math.abs(a - b) * 1e4) / 1e4);
}

function indicatorLine(i: Indicator): string {
  const parts = [
    i.value !== undefined ? `${i.name} ${i.year}: ${viNumber(i.value)}` : `${i.name} ${i.year}`,
    rank(i),
    i.change ?? "",
  ].filter(Boolean);
  return parts.join("; ");
}

/** "top mấy", "muốn", "phấn đấu": what is aimed at, not what was reached. */
// ("top mấy" reads as "nhóm mấy"; "đạt nhóm nào" asks the result.)
const TARGET_CUE =
  /\b(?:top|muc tieu|chi tieu|muon|phan dau|ky vong|huong toi|dat ra|ke hoach)\b|(?<!\b(?:dat|duoc|thuoc) )\bnhom (?:may|nao|bao nhieu)\b/;

export function answerIndicator(q: { year?: number }, ctx: AnswerContext): Reply {
  const { kb } = ctx;
  const all = [...kb.data.indicators].sort((a, b) => b.year - a.year);
  // Without a year asked, the figures published by today ("DTI mới nhất" asked in March 2023 is 2021's:
  // 2022's came out in July 2023).
  const list = q.year
    ? all.filter((i) => i.year === q.year)
    : all.filter((i) => !i.announcedOn || i.announcedOn <= ctx.today);
  if (!list.length) {
    // The DTI aimed at for that year, when a target sets it ("DTI 2025 top mấy", "DTI 2023 xếp thứ mấy").
    const aimed = kb.data.targets.filter(
      (t) => t.year === q.year && /\bdti\b/.test(fold(`${t.area ?? ""} ${t.text}`)),
    );
    // ("DTI 2025 đạt top 15 chưa": whether the aim was reached, which no result of that year says.)
    const asked = ctx.question ? foldQuestion(ctx.question) : "";
    if (aimed.length && TARGET_CUE.test(asked) && !asksReached(asked)) {
      const r = new ReplyBuilder("target", `Mục tiêu về chỉ số DTI năm ${q.year}:`);
      for (const t of aimed) {
        r.line(`• ${t.text}`, kb.citeAll([...(t.document ? [t.document] : []), ...t.sources]));
        r.item("target", t.id);
      }
      r.note(`Cơ sở tri thức chưa có kết quả DTI ${q.year}.`);
      return r.build();
    }
    const r = new ReplyBuilder("indicator").abstain();
    r.line(`Tôi chưa có thông tin về chỉ số chuyển đổi số (DTI) năm ${q.year}.`);
    for (const t of aimed) {
      r.line(
        `Mục tiêu đã đặt ra: ${t.text}`,
        kb.citeAll([...(t.document ? [t.document] : []), ...t.sources]),
      );
      r.item("target", t.id);
    }
    if (all.length) {
      r.note(`Đã có: ${all.map((i) => `${i.name} ${i.year}`).join(", ")}.`);
      for (const i of all.slice(0, 3)) r.action(`${i.name} ${i.year}`, { kind: "indicator", year: i.year });
    }
    return r.build();
  }
  const r = new ReplyBuilder("indicator", `Chỉ số chuyển đổi số (DTI) của tỉnh ${kb.data.province.name}`);
  // "DTI 2022 nhóm nào", "xếp loại gì": a group the results do not name (unless a note does), said first.
  const asked = ctx.question ? foldQuestion(ctx.question) : "";
  if (
    q.year &&
    /\bnhom (?:nao|may|gi)\b|\bxep loai\b|\bthuoc nhom\b/.test(asked) &&
    !/\b(?:muc tieu|chi tieu|phan dau|ke hoach|dat ra|muon|ky vong)\b/.test(asked) &&
    !list.some((i) => [...i.notes, i.change ?? ""].some((n) => /\bnhóm\b/iu.test(n)))
  )
    r.abstain().line(`Nguồn hiện có không ghi nhóm xếp loại của DTI ${q.year}. Điều đã biết:`);
  for (const i of list) {
    const cites = kb.citeAll(i.sources);
    r.line(`• ${indicatorLine(i)}.`, cites);
    r.item("indicator", i.id);
    if (i.nationalAverage !== undefined) r.line(`Trung bình cả nước: ${viNumber(i.nationalAverage)}.`, [], 1);
    if (q.year || list.length === 1) {
      for (const p of i.parts) {
        r.line(`${p.name}: ${partFigures(p)}.`, [], 1);
      }
      for (const n of i.notes) r.line(n, [], 1);
    }
    if (i.announcedOn) r.line(`Công bố ngày ${formatViDate(i.announcedOn)}.`, [], 1);
  }
  if (!q.year && list.length > 1)
    for (const i of list) r.action(`Chi tiết ${i.name} ${i.year}`, { kind: "indicator", year: i.year });
  return r.build();
}

const PILLARS = /\b(?:tru cot|gom nhung|gom nhung gi|bao gom|thanh phan|cau phan|gom nhung nhom)\b/;
const FULL_NAME = /\b(?:viet tat|ten day du|la chi so gi|nghia la gi)\b/;
// ("trung bìn": the last letter dropped on a phone.)
// ("trung bìh": a letter dropped inside, which no other word here spells.)
const AVERAGE = /\b(?:trung (?:binh?|bih)|binh quan)\b/;
const CHANGE = /\b(?:tang (?:bao nhieu|may)|giam (?:bao nhieu|may)|so voi)\b/;
const VALUE_OR_RANK = /\b(?:diem|xep hang|hang|thu hang|bao nhieu|dat|gia tri|chi so|may|bac|tang)\b/;

/**
 * One thing asked of the DTI: its pillars, its full name, the national average, how much it rose, or one
 * component's value and rank in a year. Answered first; "not recorded" when the year lacks it.
 */
export function answerIndicatorAttribute(u: Understanding, ctx: AnswerContext): Reply | undefined {
  // ("cuộc họp nêu hạn chế gì về kinh tế số": what the meeting said, read as a meeting's.)
  if (
    u.query.kind === "meeting" &&
    !u.query.date &&
    /\b(?:han che|ton tai|yeu kem|kho khan|vuong mac)\b/.test(u.folded)
  )
    return undefined;
  const bare = u.folded.replace(/[^\p{L}\p{N}\s%]/gu, " ").replace(/\s+/g, " ");
  const { kb, lex } = ctx;
  const all = [...kb.data.indicators].sort((a, b) => b.year - a.year);
  if (!all.length) return undefined;
  const partNames = [...new Set(all.flatMap((i) => i.parts.map((p) => p.name)))];
  const part = partNames.find((n) => bare.includes(fold(n)));
  // The pillars the notes name ("Các trụ cột …: Nhận thức số; Thể chế số; Hạ tầng số; …").
  const pillars = all
    .flatMap((i) => i.notes)
    .filter((n) => /tru cot/.test(fold(n)))
    .flatMap((n) => (n.split(":")[1] ?? "").split(/[;,.]/))
    .map((x) => x.trim())
    .filter(Boolean);
  const pillar = pillars.find((n) => !partNames.includes(n) && bare.includes(fold(n)));
  // "Sở Tư pháp xếp hạng CĐS thứ mấy", "chỉ số CĐS của huyện Ninh Hải": the sources give the
  // province's DTI only.
  const subUnit =
    new RegExp(`\\bso (?:${DEPARTMENT_FIELDS.join("|")})`).exec(bare)?.[0] ??
    // ("DTI của thành phố Phan Rang", "TP Phan Rang – Tháp Chàm": a city of the province, too.)
    /\b(?:huyen|thanh pho|tp|thi xa) [a-z]+(?: [a-z]+)?/.exec(bare)?.[0];
  if (
    subUnit &&
    !/\bcap (?:xa|huyen)\b/.test(bare) &&
    /\b(?:dti|chi so (?:chuyen doi so|cds)|xep hang|thu hang)\b/.test(expandAbbreviations(bare))
  ) {
    const ref = lex.units.match(searchTerms(u.text))[0]?.value;
    const known = ref ? (ctx.kb.unit(ref.id)?.name ?? ctx.kb.group(ref.id)?.name) : undefined;
    // (The words as typed: folding keeps each letter in its place.)
    const at = fold(u.text).indexOf(subUnit);
    const typed =
      at >= 0 && fold(u.text).length === u.text.length ? u.text.slice(at, at + subUnit.length) : subUnit;
    const named = { name: known ?? typed.charAt(0).toUpperCase() + typed.slice(1) };
    return new ReplyBuilder("indicator")
      .abstain()
      .line(
        `Nguồn hiện có chỉ ghi chỉ số chuyển đổi số (DTI) cấp tỉnh, không có chỉ số riêng của ${named.name}.`,
      )
      .build();
  }
  // The DTI is the provincial index; "chỉ số chuyển đổi số cấp xã" is another set (QĐ 852).
  // Nor is "tỷ trọng kinh tế số trong GRDP" the DTI's component "Kinh tế số".
  if (/\bcap (?:xa|huyen)\b|\bty trong\b|\bg?r?dp\b/.test(bare)) return undefined;
  // "trụ cột nào xếp hạng cao nhất (năm 2022)", "CQS, KTS hay XHS điểm thấp nhất": the parts compared.
  // "trụ cột nào tăng nhiều bậc nhất": by the rise in ranks.
  const byRise =
    /\btang (?:nhieu|manh|cao) (?:bac |hang )?nhat\b|\b(?:tien bo|cai thien) (?:nhieu |manh )?nhat\b/.test(
      bare,
    );
  // ("trụ cột DTI 2022 điểm cao nhất", keywords only: which one, though "nào" is not typed.)
  const ranking =
    (/\b(?:nao|gi|hay)\b/.test(bare) || /\b(?:tru cot|thanh phan)\b/.test(bare)) &&
    (byRise ||
      /\b(?:cao nhat|tot nhat|thap nhat|kem nhat|dan dau|manh nhat|yeu nhat|noi troi nhat)\b/.test(bare)) &&
    (/\b(?:tru cot|thanh phan)\b/.test(bare) || partNames.filter((n) => bare.includes(fold(n))).length >= 2);
  const isDti = u.query.kind === "indicator" || /\bdti\b|chi so chuyen doi so/.test(bare) || ranking;
  // "So với 2021, DTI năm 2022 tăng bao nhiêu": the year compared is not the one asked.
  const years = [...new Set((bare.match(/\b(?:19|20)\d\d\b/g) ?? []).map(Number))];
  // ("kinh tế số 2021 và 2022 so sánh": a component in two years.)
  const partYears =
    part &&
    years.length >= 2 &&
    /\b(?:so sanh|so voi|voi|va|ra sao|the nao|thay doi|chenh|hon|tru(?! cot))\b|=/.test(u.folded);
  // ("chỉ số nhân lực số 2021 hạng mấy": a pillar of the DTI named with a year and what is asked of it.)
  if (!isDti && !partYears && !((part || pillar) && u.year && VALUE_OR_RANK.test(bare))) return undefined;
  const against = /\bso voi (?:nam )?((?:19|20)\d\d)\b/.exec(bare)?.[1];
  const year = years.length > 1 && against ? years.find((y) => y !== Number(against)) : u.year;
  const ind = year ? all.find((i) => i.year === year) : all[0];
  const r = new ReplyBuilder("indicator");
  // "Nguyên nhân DTI 2021 thấp (nêu ở cuộc họp nào)", "vì sao DTI 2022 tăng": the reasons a note gives.
  if (/\b(?:nguyen nhan|ly do|vi sao|tai sao|do dau|nn)\b/.test(bare) && !part) {
    // The year named with the index ("DTI 2021", even asked at a meeting of 2022); else the one whose
    // reasons fit ("thấp").
    const named = /\bdti (?:nam )?((?:19|20)\d\d)\b/.exec(bare)?.[1];
    const withReasons = all.filter((i) => i.notes.some((n) => /\bnguyen nhan\b/.test(fold(n))));
    const of =
      (named ? all.find((i) => i.year === Number(named)) : undefined) ??
      (!named && withReasons.length === 1 ? withReasons[0] : undefined) ??
      ind ??
      all[0]!;
    const reasons = of.notes.filter((n) => /\bnguyen nhan\b/.test(fold(n)));
    r.item("indicator", of.id);
    if (reasons.length) {
      for (const n of reasons) r.line(n, kb.citeAll(of.sources));
      return r.build();
    }
    // "Vì sao DTI 2022 tụt hạng": it rose; the premise is answered with the figures.
    if (/\b(?:giam|tut|sut|di xuong)\b/.test(bare) && /\btăng\b/.test(of.change ?? ""))
      return r
        .line(`${of.name} ${of.year} không giảm: ${indicatorLine(of)}.`, kb.citeAll(of.sources))
        .build();
    return r
      .abstain()
      .line(`Nguồn hiện có không ghi nguyên nhân của kết quả ${of.name} ${of.year}.`)
      .line(`Điều đã biết: ${indicatorLine(of)}.`, kb.citeAll(of.sources))
      .build();
  }
  if (FULL_NAME.test(bare)) {
    const i = all.find((x) => x.fullName) ?? all[0]!;
    if (!i.fullName) return undefined;
    r.item("indicator", i.id);
    return r.line(`${i.name} là ${i.fullName}.`, kb.citeAll(i.sources)).build();
  }
  if (ranking && byRise) {
    const risen = (ind?.parts ?? [])
      .map((p) => ({ p, steps: Number(/tăng (\d+) bậc/.exec(p.change ?? "")?.[1] ?? Number.NaN) }))
      .filter((x) => !Number.isNaN(x.steps))
      .sort((a, b) => b.steps - a.steps);
    if (ind && risen.length >= 2) {
      const [top, ...others] = risen;
      return r
        .line(
          `Năm ${ind.year}, ${top!.p.name} tăng nhiều bậc nhất trong các chỉ số thành phần: tăng ${top!.steps} bậc (${others.map((x) => `${x.p.name} tăng ${x.steps} bậc`).join("; ")}).`,
          kb.citeAll(ind.sources),
        )
        .build();
    }
  }
  if (ranking) {
    // By the score, the rank, or both when the question names neither ("trụ cột nào thấp nhất": the
    // lowest score and the lowest rank may be two parts).
    const byScore = /\bdiem\b|\bgia tri\b/.test(bare) && !/\bhang\b/.test(bare);
    const byRank = /\bhang\b/.test(bare) && !/\bdiem\b|\bgia tri\b/.test(bare);
    const low = /\b(?:thap nhat|kem nhat|yeu nhat)\b/.test(bare);
    const lineBy = (score: boolean): string | undefined => {
      const ranked = (ind?.parts ?? []).filter((p) => (score ? p.value !== undefined : p.rank !== undefined));
      if (!ind || ranked.length < 2) return undefined;
      const key = (p: (typeof ranked)[number]) => (score ? -(p.value ?? 0) : (p.rank ?? 0));
      const sorted = [...ranked].sort((a, b) => key(a) - key(b));
      const top = low ? sorted.at(-1)! : sorted[0]!;
      const others = sorted.filter((p) => p !== top);
      const said = (p: (typeof ranked)[number]) => (score ? viNumber(p.value!) : `${p.rank}/${p.of ?? "?"}`);
      return `Năm ${ind.year}, ${top.name} có ${score ? "điểm" : "thứ hạng"} ${low ? "thấp" : "cao"} nhất trong các chỉ số thành phần: ${said(top)} (${others.map((p) => `${p.name} ${said(p)}`).join("; ")}).`;
    };
    const lines = (
      byScore ? [lineBy(true)] : byRank ? [lineBy(false)] : [lineBy(true), lineBy(false)]
    ).filter((l): l is string => !!l);
    if (ind && lines.length) {
      for (const l of lines) r.line(l, kb.citeAll(ind.sources));
      return r.build();
    }
  }
  // A pillar whose score the sources do not give ("trụ cột Hạ tầng số được bao nhiêu điểm"; keywords
  // only, "DTI 2022 nhận thức số", ask its figure too, unless what it is or whether it is one is asked).
  const asksWhat = PILLARS.test(bare) || /\b(?:la gi|nghia|khong|ko|nao|gi)\b/.test(bare);
  if (pillar && !part && (VALUE_OR_RANK.test(bare) || answerType(bare) === "figure" || !asksWhat)) {
    const i = (year ? all.find((x) => x.year === year) : undefined) ?? all[0]!;
    r.item("indicator", i.id);
    r.abstain().line(
      `Nguồn hiện có không ghi điểm, thứ hạng của trụ cột ${pillar}${year ? ` năm ${year}` : ""}.`,
    );
    if (i.parts.length)
      r.line(`Nguồn ghi chỉ số thành phần: ${i.parts.map((p) => p.name).join(", ")}.`, kb.citeAll(i.sources));
    return r.build();
  }
  if (PILLARS.test(bare) && !part) {
    const said = all.flatMap((i) => i.notes.map((n) => ({ i, n }))).find((x) => /tru cot/.test(fold(x.n)));
    if (!said) return undefined;
    r.item("indicator", said.i.id);
    return r.line(said.n, kb.citeAll(said.i.sources)).build();
  }
  // "Khi họp ngày 20/02/2023, DTI mới nhất là bao nhiêu": the latest published by that day.
  // (A month or quarter named, "lúc họp tháng 2/2023": the day of the meeting held then, else its end.)
  const asOf = /\b(?:moi nhat|gan nhat|hien hanh)\b/.test(bare) ? asOfDay(u.text, ctx) : undefined;
  if (asOf) {
    const published = (i: (typeof all)[number]) => i.announcedOn ?? `${i.year + 1}-06-30`;
    const latest = all.filter((i) => published(i) <= asOf).sort((a, b) => b.year - a.year)[0];
    if (latest) {
      r.item("indicator", latest.id);
      const later = all.find((i) => i.year > latest.year && i.announcedOn);
      r.line(
        `Tại ngày ${formatViDate(asOf)}, DTI mới nhất là ${indicatorLine(latest)}.`,
        kb.citeAll(latest.sources),
      );
      if (later?.announcedOn)
        r.line(
          `(${later.name} ${later.year} công bố ngày ${formatViDate(later.announcedOn)}.)`,
          kb.citeAll(later.sources),
          1,
        );
      return r.build();
    }
  }
  // "DTI 2022 cao hơn 2021 bao nhiêu", "chênh mấy điểm", "lên mấy hạng": the difference, worked out.
  const twoYears =
    years.length === 2 ? years.map((y) => all.find((i) => i.year === y)).filter((i) => i !== undefined) : [];
  if (
    twoYears.length === 2 &&
    (isDti || part) &&
    /\b(?:bao nhieu|may|chenh|chenh lech|tru(?! cot)|hieu so)\b|=/.test(u.folded) &&
    !/%|\bphan tram\b/.test(bare)
  ) {
    const [a, b] = [...twoYears].sort((x, y) => x.year - y.year) as [Indicator, Indicator];
    const of = (i: Indicator) => (part ? i.parts.find((p) => p.name === part) : i);
    const [pa, pb] = [of(a), of(b)];
    const name = part ?? "DTI";
    const lines: string[] = [];
    if (pa?.value !== undefined && pb?.value !== undefined) {
      const up = pb.value >= pa.value;
      lines.push(
        `${name} ${b.year} (${viNumber(pb.value)}) ${up ? "cao hơn" : "thấp hơn"} ${name} ${a.year} (${viNumber(pa.value)}): chênh lệch ${difference(pb.value, pa.value)}.`,
      );
    }
    if (pa?.rank !== undefined && pb?.rank !== undefined) {
      const steps = pa.rank - pb.rank;
      lines.push(
        `Thứ hạng: ${pa.rank}/${pa.of ?? "?"} (${a.year}) → ${pb.rank}/${pb.of ?? "?"} (${b.year}), ${steps >= 0 ? "tăng" : "giảm"} ${Math.abs(steps)} bậc.`,
      );
    }
    if (lines.length) {
      // Asked by rank ("lên mấy hạng"), the ranks first.
      if (/\b(?:hang|bac|thu hang|vi tri)\b/.test(bare) && !/\b(?:diem|gia tri)\b/.test(bare))
        lines.reverse();
      // "DTI 2022 tăng bao nhiêu so với 2021": the rise the sources state, first.
      if (
        pb?.change &&
        /\btang (?:bao nhieu|may)\b/.test(bare) &&
        !/\b(?:diem|chenh|tru|hon|hang|bac)\b/.test(bare)
      )
        lines.unshift(`${name} ${b.year}: ${pb.change}.`);
      for (const line of lines) r.line(line, kb.citeAll([...a.sources, ...b.sources]));
      r.item("indicator", a.id).item("indicator", b.id);
      return r.build();
    }
    // A component one of the years does not record: said so, with the other year's.
    const missing = [a, b].find((i) => !of(i));
    const other = [a, b].find((i) => of(i));
    if (part && missing) {
      r.abstain().line(`Nguồn hiện có không ghi ${part} năm ${missing.year}.`);
      const p = other ? of(other) : undefined;
      if (other && p?.value !== undefined)
        r.line(
          `${part} ${other.year}: ${viNumber(p.value)}${p.rank ? `; ${rank(p)}` : ""}.`,
          kb.citeAll(other.sources),
        );
      return r.build();
    }
  }
  // "Từ 2021 sang 2022 thứ hạng DTI thay đổi ra sao": each year named, side by side.
  const spanned = years.map((y) => all.find((i) => i.year === y)).filter((i) => i !== undefined);
  if (
    isDti &&
    !part &&
    !against &&
    years.length >= 2 &&
    spanned.length === years.length &&
    /\b(?:thay doi|tang|giam|the nao|ra sao|so sanh|sang|den|va|bien dong|khac)\b/.test(bare)
  ) {
    const sorted = [...spanned].sort((a, b) => a.year - b.year);
    return answerCompare(
      { kind: "compare", items: sorted.map((i) => ({ kind: "indicator", id: i.id })) },
      ctx,
    );
  }
  // "Chính quyền số năm 2022 so với năm 2021": the component in each year named.
  // (Not "tăng bao nhiêu % so với 2021": the rise of the later year, below.)
  if (part && years.length >= 2 && !/\b(?:tang|giam) (?:bao nhieu|may)\b/.test(bare)) {
    const rows = [...years].sort((a, b) => a - b).map((y) => ({ y, i: all.find((x) => x.year === y) }));
    if (rows.every((x) => x.i)) {
      for (const { y, i } of rows) {
        const p = i!.parts.find((x) => x.name === part);
        r.item("indicator", i!.id);
        if (!p) r.line(`• ${y}: nguồn hiện có không ghi ${part}.`);
        else r.line(`• ${part} ${y}: ${partFigures(p)}.`, kb.citeAll(i!.sources));
      }
      return r.build();
    }
  }
  if (!ind) return undefined;
  const cites = kb.citeAll(ind.sources);
  // "DTI 2021 công bố ngày nào": the day it was published, when the sources give it.
  if (
    /\bcong bo (?:vao )?(?:ngay nao|khi nao|bao gio|luc nao|thang nao|hom nao)\b|\bngay cong bo\b/.test(bare)
  ) {
    r.item("indicator", ind.id);
    if (ind.announcedOn)
      return r.line(`${ind.name} ${ind.year} công bố ngày ${formatViDate(ind.announcedOn)}.`, cites).build();
    return r
      .abstain()
      .line(`Nguồn hiện có không ghi ngày công bố ${ind.name} ${ind.year}.`)
      .line(`Điều đã biết: ${indicatorLine(ind)}.`, cites)
      .build();
  }
  // "DTI 2021 có phải thấp nhất cả nước không": yes or no, from its rank.
  const extreme = /\b(?:phai|co) (?:la )?(dung dau|dan dau|cao nhat|thap nhat|dung cuoi|cuoi bang)\b/.exec(
    bare,
  )?.[1];
  if (extreme && !part && ind.rank !== undefined) {
    const top = /dau|cao/.test(extreme);
    const yes = top ? ind.rank === 1 : ind.of !== undefined && ind.rank === ind.of;
    const said = top ? "đứng đầu" : "thấp nhất";
    return r
      .line(
        `${yes ? "Có" : "Không"}. DTI ${ind.year} của tỉnh ${rank(ind)}${yes ? "" : `, không phải ${said}`}${ind.of ? ` trong ${ind.of} tỉnh, thành phố` : ""}.`,
        cites,
      )
      .build();
  }
  r.item("indicator", ind.id);
  // "TB" is "trung bình" before "cả nước" (elsewhere it is "thông báo").
  const average = AVERAGE.test(bare) || /\btb\b/.test(fold(u.text));
  if (average && /\b(?:ca nuoc|toan quoc|quoc gia|cac tinh|so voi|so|cao hon|thap hon)\b/.test(bare)) {
    if (ind.nationalAverage === undefined)
      return r.abstain().line(`Nguồn hiện có không ghi DTI trung bình cả nước năm ${ind.year}.`).build();
    const avg = viNumber(ind.nationalAverage);
    // "có cao hơn mức trung bình cả nước không": yes or no, with both figures.
    if (/\b(?:cao hon|thap hon|vuot|hon)\b/.test(bare) && ind.value !== undefined) {
      const above = ind.value > ind.nationalAverage;
      const yes = /\bthap hon\b/.test(bare) ? !above : above;
      // "cao hơn bao nhiêu": by how much, said first.
      const by = difference(ind.value, ind.nationalAverage);
      const howMuch = /\b(?:bao nhieu|bn|may|chenh)\b/.test(bare);
      // ("cao hơn hay thấp hơn": which, not yes or no.)
      const which = /\b(?:cao hon|thap hon) hay (?:cao hon|thap hon|bang)\b|\bhay (?:thap|cao) hon\b/.test(
        bare,
      );
      return r
        .line(
          howMuch || which
            ? `DTI ${ind.year} của tỉnh (${viNumber(ind.value)}) ${above ? "cao hơn" : "thấp hơn"} trung bình cả nước (${avg}), chênh lệch ${by}.`
            : `${yes ? "Có" : "Không"}. DTI ${ind.year} của tỉnh là ${viNumber(ind.value)}, ${above ? "cao hơn" : "thấp hơn"} trung bình cả nước (${avg}), chênh lệch ${by}.`,
          cites,
        )
        .build();
    }
    // "DTI 2022 so với trung bình thế nào": both figures, which is higher.
    if (/\b(?:so voi|so|the nao|ra sao|chenh)\b/.test(bare) && ind.value !== undefined) {
      const above = ind.value > ind.nationalAverage;
      return r
        .line(
          `DTI ${ind.year} của tỉnh là ${viNumber(ind.value)}, ${above ? "cao hơn" : ind.value < ind.nationalAverage ? "thấp hơn" : "bằng"} trung bình cả nước (${avg})${ind.value !== ind.nationalAverage ? `, chênh lệch ${difference(ind.value, ind.nationalAverage)}` : ""}.`,
          cites,
        )
        .build();
    }
    return r.line(`DTI trung bình cả nước năm ${ind.year}: ${avg}.`, cites).build();
  }
  if (part) {
    const p = ind.parts.find((x) => x.name === part);
    if (!p) {
      r.abstain().line(`Nguồn hiện có không ghi chỉ số thành phần ${part} năm ${ind.year}.`);
      if (ind.parts.length)
        r.line(`Năm ${ind.year} nguồn ghi: ${ind.parts.map((x) => x.name).join(", ")}.`, cites);
      return r.build();
    }
    const v = partFigures(p);
    // A rise in percent the sources give in ranks only is not recorded.
    if (/\bphan tram\b|%/.test(bare) && CHANGE.test(bare) && !(p.change ?? "").includes("%")) {
      return r
        .abstain()
        .line(`Nguồn hiện có không ghi mức tăng theo phần trăm của ${part} năm ${ind.year}.`)
        .line(`Điều đã biết: ${part} (DTI ${ind.year}): ${v}.`, cites)
        .build();
    }
    r.line(`${part} (DTI ${ind.year}): ${v}.`, cites);
    // "ba trụ cột chính quyền số, kinh tế số, xã hội số điểm bao nhiêu": each one named.
    for (const other of partNames.filter((n) => n !== part && bare.includes(fold(n)))) {
      const o = ind.parts.find((x) => x.name === other);
      if (!o) continue;
      r.line(`${other} (DTI ${ind.year}): ${partFigures(o)}.`, cites);
    }
    return r.build();
  }
  if (CHANGE.test(bare) && ind.change) {
    return r.line(`${indicatorLine(ind)}.`, cites).build();
  }
  return undefined;
}

/** A component's value, rank and change, as the card writes them ("0,6787; xếp hạng 24/63; tăng 23 bậc"). */
function partFigures(p: Parameters<typeof rank>[0] & { value?: number; change?: string }): string {
  return [p.value !== undefined ? viNumber(p.value) : "", rank(p), p.change ?? ""].filter(Boolean).join("; ");
}

/** The day a question dates what it asks: a day named, or the meeting held in the month or quarter named, else its last day. */
function asOfDay(text: string, ctx: AnswerContext): string | undefined {
  const phrases = findDatePhrases(text, { today: ctx.today });
  const day = phrases.find((p) => p.kind === "day" && p.from)?.from;
  if (day) return day;
  const period = phrases.find(
    (p) => (p.kind === "month" || p.kind === "quarter") && p.from && p.to && !p.relative,
  );
  if (!period?.from || !period.to) return undefined;
  const held = ctx.kb.data.meetings.find((m) => m.date >= period.from! && m.date <= period.to!);
  return held?.date ?? period.to;
}
