/**
 * "Sở TT&TT hợp nhất vào đâu, từ ngày nào", "sở mình đã sáp nhập vào sở nào", "từ khi hợp nhất đến nay
 * bao lâu", "Sở KH&CN có thay Sở TT&TT chủ trì … không": the changes the register records for the units
 * the question names (or the asker's), each with its date and source. Units without a recorded change
 * are left to the "not recorded" reply.
 */

import { fold } from "../../text/normalize.ts";
import { searchTerms } from "../../text/search-terms.ts";
import { addDays, diffDays, formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import { mentionsSelf, type Understanding } from "../understand.ts";
import { twoLevelEnds } from "../unit-time.ts";

const CHANGE_CUE =
  /\b(?:sau|tu|ke tu)\b.*\bgiao (?:lai )?cho (?:ai|don vi nao|co quan nao)\b|\b(?:sap nhap|sat nhap|hop nhat|giai the|doi ten|chia tach|tach ra|tiep nhan|ke thua|thay cho|thay|ket thuc|cham dut|ngung hoat dong|dung hoat dong|nhap (?:vo|vao) (?:so|co quan|don vi|bo|cuc)|con (?:hoat dong|ton tai)|bi bo|xoa bo|bo (?:tu|tu ngay|cap huyen)|sau khi bo|chuyen (?:cho|sang|ve|giao cho) (?:don vi|co quan|ai|noi)|(?:don vi|co quan) nao (?:tiep nhan|dam nhan|lam thay))\b|\bcon (?:khong|ko|k)(?: (?:vay|the|a|ha|nhi|z))?\s*$|\b(?:gio|bay gio|hien nay|hien gio|nay) con (?:khong|ko|k)\b|\bcon\b.*\bnua (?:khong|ko|k)\b|\bcon (?:phoi hop|chu tri|lam|thuc hien|hoat dong|ton tai)\b.*\b(?:khong|ko|k)\s*$|\bnua (?:khong|ko|k)\s*$|\bcon\b.*\bdau ma\b|\b(?:khong|ko) con (?:cap |cac )?[a-z]+\b.*\bthi\b|\b(?:gio|bay gio|hien nay|hien gio|nay)\b.*\bvan (?:la|con|chu tri|phu trach|lam|giu)\b/;

/** "tên mới của …", "… sau 2025 tên gì": a change of name asked (answered here, or said not recorded). */
export const NEW_NAME_ASKED = /\bten moi\b|\bsau (?:nam )?20\d\d\b.*\bten (?:gi|la gi|moi)\b/;

/**
 * "Hiện nay sở nào phụ trách chuyển đổi số của tỉnh": the department in charge of the province's digital
 * transformation as a whole (no task named), asked with nothing else.
 */
const IN_CHARGE_OF_DX =
  /^(?:(?:hien nay|hien gio|bay gio|gio|nay|thi) )*(?:so|co quan|don vi|ben)(?: chuyen mon)? nao (?:cua tinh )?(?:(?:dang|hien nay|gio|se|la) )*(?:phu trach|lo|quan ly|tham muu|chu tri|dam nhiem|dam nhan|giu|coi|nam) (?:chinh )?(?:(?:mang|linh vuc|ve|cong tac|viec|chuc nang|nhiem vu) )?chuyen doi so(?: (?:cua |o |cho |trong )?tinh)?(?: (?:hien nay|bay gio|gio|nay|vay|a|nhi|the|the nhi))*$/;

/** "cơ quan đầu mối chuyển đổi số tỉnh sau 2025", "đầu mối CĐS của tỉnh hiện nay là sở nào": the same. */
const FOCAL_POINT_OF_DX =
  /^(?:(?:hien nay|hien gio|bay gio|gio|nay) )*(?:(?:co quan|don vi|so|ben) )?(?:nao )?(?:la )?dau moi (?:(?:ve|cua|mang|linh vuc|cong tac) )?chuyen doi so(?: (?:cua |o |cho )?tinh)?(?: (?:sau|tu) (?:nam )?(?:19|20)\d\d| hien nay| bay gio| la (?:co quan|don vi|so) nao| la ai| nao| vay| a)*$/;

/**
 * "mảng chuyển đổi số do sở nào quản lý", "bây giờ CĐS thuộc sở nào": which department a province's
 * digital transformation belongs to, in any order of words; not a task's lead ("chủ trì", "nhiệm vụ"),
 * nor a body, day or index whose name says "chuyển đổi số".
 */
function dxManagerAsked(bare: string): boolean {
  const rest = bare.replace(
    /\b(?:ban (?:chi dao|dieu hanh)|uy ban quoc gia|ngay|chi so|to cong nghe so|bo phan|to giup viec|hoi nghi|ke hoach|de an|chuong trinh) (?:ve |cua )?chuyen doi so\b/g,
    " ",
  );
  return (
    /\bchuyen doi so\b/.test(rest) &&
    /\b(?:so|co quan|don vi|ben) nao\b/.test(rest) &&
    /\b(?:quan ly|phu trach|lo|tham muu|dam nhiem|dam nhan|coi|thuoc|chu quan)\b/.test(rest) &&
    !/\b(?:nhiem vu|viec|nv|chu tri|phoi hop|hop|du|ky|ban hanh|truoc|nam (?:19|20)\d\d)\b/.test(rest)
  );
}

export function answerUnitChange(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // ("chức năng chuyển đổi số của tỉnh bây giờ nằm ở sở nào", "CN CĐS hiện do sở nào đảm nhận": the
  // same, in other words.)
  const dxFunctionWhere =
    /\bchuc nang (?:quan ly )?(?:ve )?chuyen doi so\b/.test(bare) &&
    /\b(?:so nao|o dau|nam o|thuoc (?:so|co quan|don vi) nao|(?:do|o) (?:so|co quan|don vi) nao)\b/.test(
      bare,
    ) &&
    !/\b(?:nhiem vu|viec|nv)\b/.test(bare);
  if (IN_CHARGE_OF_DX.test(bare) || FOCAL_POINT_OF_DX.test(bare) || dxFunctionWhere || dxManagerAsked(bare))
    return answerInChargeOfDx(ctx);
  // ("chính quyền địa phương hai cấp bắt đầu từ ngày nào": the change a recorded closure's note names.)
  // (When it began, not what was done before it: "trước khi có chính quyền hai cấp … nhiệm vụ nào".)
  // ("xã, phường bây giờ trực thuộc cấp nào": the same change, asked by what it made.)
  const twoLevel =
    (/\bchinh quyen (?:dia phuong )?(?:hai|2) cap\b/.test(bare) &&
      /\b(?:ngay nao|khi nao|bao gio|bat dau|tu ngay|bao lau|bao nhieu ngay|ap dung|thuc hien tu)\b/.test(
        bare,
      ) &&
      !/\b(?:nhiem vu|viec|nv|truoc khi)\b/.test(bare)) ||
    // ("chính quyền hai cấp", "… là gì": the phrase alone.)
    /^(?:[a-z]+ ){0,2}chinh quyen (?:dia phuong )?(?:hai|2) cap(?: (?:la gi|la sao|the nao|ra sao|nghia la gi|tu khi nao))?$/.test(
      bare.trim(),
    ) ||
    // ("huyện bị bỏ từ bao giờ", "huyện Ninh Sơn còn không": the district level ended.)
    (/\b(?:cap huyen|huyen)\b/.test(bare) &&
      /\b(?:bi bo|xoa bo|bo tu|ket thuc|giai the|cham dut|ngung hoat dong|con (?:khong|ko|k|ton tai|hoat dong))\b/.test(
        bare,
      ) &&
      !/\b(?:nhiem vu|viec|nv|truoc khi)\b/.test(bare)) ||
    /\b(?:xa|phuong)\b.*\btruc thuoc (?:cap nao|ai|dau|tinh hay huyen|huyen hay tinh)\b/.test(bare) ||
    // ("chính quyền địa phương bây giờ có mấy cấp": the levels the change left.)
    /\bchinh quyen (?:dia phuong )?(?:[a-z0-9]+ ){0,4}(?:(?:con|co|gom) )?(?:may|bao nhieu) cap\b/.test(bare);
  if (!CHANGE_CUE.test(bare) && !NEW_NAME_ASKED.test(bare) && !twoLevel) return undefined;
  const { kb, lex } = ctx;
  // Units, and groups whose level ended ("UBND huyện Ninh Hải": the district level).
  const named = lex.units.match(searchTerms(u.text)).map((m) => m.value.id);
  if (twoLevel && !named.length) named.push(...twoLevelEnds(kb).map((x) => x.group.id));
  const ids = [...new Set(named)];
  if (!ids.length && mentionsSelf(u.text) && ctx.asker?.unitId) ids.push(ctx.asker.unitId);
  // ("Sở tôi bây giờ còn chủ trì tuyên truyền Ngày CĐS tỉnh không", asked by Sở KH&CN: whether a unit
  // that goes on still leads a task is the task's answer, not a change; one that ended is said so.)
  if (
    ids.length === 1 &&
    !kb.unitEnd(ids[0]!) &&
    /\bcon (?:phoi hop|chu tri|phu trach|lam|thuc hien)\b/.test(bare) &&
    !/\b(?:sap nhap|sat nhap|hop nhat|giai the|doi ten|chia tach|tiep nhan|ket thuc)\b/.test(bare)
  )
    return undefined;
  // ("hợp nhất sở 2025", "các đơn vị đã sáp nhập": the changes alone, nothing else named.)
  const nothingElse = !bare
    .replace(
      // ("mình cần tìm thông tin về sáp nhập sở năm 2025, dữ liệu có gì": the request's words too.)
      /\b(?:sap nhap|sat nhap|hop nhat|giai the|doi ten|chia tach|thay doi to chuc|to chuc lai|sap xep lai|sap xep|cac|nhung|so|don vi|co quan|da|duoc|bi|nam|(?:19|20)\d\d|nao|gi|danh sach|liet ke|tat ca|minh|toi|em|can|muon|tim|thong tin|ve|du lieu|co|trong|cho|xem|biet|hoi|viec)\b/g,
      " ",
    )
    .trim();
  if (!ids.length && nothingElse) return recordedChanges(bare, ctx);
  if (!ids.length) return undefined;
  const r = new ReplyBuilder("unit");
  // "hợp nhất theo quyết định số mấy", "căn cứ văn bản nào": the document that made the change; when
  // the register names none, said first, then what is known.
  const asksDocument =
    /\b(?:(?:quyet dinh|nghi quyet|nghi dinh|van ban|qd|vb) (?:so )?(?:may|nao|bao nhieu|gi)|so hieu|can cu)\b/.test(
      bare,
    );
  const documents = [
    ...new Set(ids.flatMap((id) => (kb.unit(id)?.history ?? []).flatMap((h) => h.document ?? []))),
  ];
  const recorded = ids.some((id) => kb.unitEnd(id) || kb.unitStart(id));
  if (asksDocument && recorded) {
    if (documents.length) r.line(`Văn bản: ${documents.join("; ")}.`);
    else r.abstain().line("Nguồn hiện có không ghi số hiệu văn bản quy định việc này. Điều đã biết:");
  }
  // "Sở KH&CN có thay Sở TT&TT … không": yes, when one named took the other over.
  const tookOver = ids.some((a) =>
    ids.some(
      (b) => a !== b && kb.unitEnd(a)?.successors.includes(b) && (kb.unitEnd(a)?.date ?? "") <= ctx.today,
    ),
  );
  // "sau sáp nhập ai làm giám đốc Sở KH&CN": who heads it since, which the sources do not record.
  const asksHead =
    /\b(?:giam doc|lanh dao|thu truong|nguoi dung dau|dung dau)\b/.test(bare) &&
    /\b(?:ai|la ai|ten|nao)\b/.test(bare);
  if (asksHead) {
    for (const id of ids) {
      const since = kb.unitStart(id) ?? kb.unitEnd(id)?.date;
      const heads = [...new Set(kb.currentUnits(id, ctx.today).map((x) => x.id)), id];
      const named = kb.data.people.some((p) =>
        p.positions.some(
          (x) => x.unit !== undefined && heads.includes(x.unit) && (!since || (x.asOf ?? "") >= since),
        ),
      );
      if (since && !named) {
        const unit = kb.currentUnits(id, ctx.today)[0] ?? kb.unit(id);
        r.abstain().line(
          `Nguồn hiện có không ghi lãnh đạo ${unit?.name ?? id} từ ${formatViDate(since)}. Điều đã biết:`,
        );
        break;
      }
    }
  }
  // "Sở TT&TT giờ vẫn là cơ quan chủ trì … đúng không": no, when it has ended.
  const stillAsked =
    /\bvan (?:la|con|chu tri|phu trach|lam|giu)\b/.test(bare) &&
    /\b(?:khong|ko|k|chua|chu|phai khong|dung khong|dung ko|dung k|phai ko)(?: (?:em|a|ah|nhe|vay|ha|nhi|chi|anh|ban|ad))*$/.test(
      bare,
    );
  let yes =
    tookOver && /\b(?:khong|ko|k|chua)\s*$/.test(bare)
      ? "Có. "
      : stillAsked && ids.some((id) => kb.unitEndSentence(id, ctx.today))
        ? "Không. "
        : "";
  let said = 0;
  let since: string | undefined;
  for (const id of ids) {
    const ended = kb.unitEndSentence(id, ctx.today);
    if (ended) {
      r.line(`${yes}${ended.text}`, kb.citeAll(ended.sources));
      yes = "";
      r.item("unit", id);
      since ??= kb.unitEnd(id)?.date;
      for (const s of kb.currentUnits(id, ctx.today)) {
        r.action(`Nhiệm vụ của ${s.name}`, { kind: "tasks", unitId: s.id });
      }
      said++;
      continue;
    }
    const renamed = kb.unitRenameSentence(id, ctx.today);
    if (renamed) {
      r.line(renamed.text, kb.citeAll(renamed.sources));
      r.item("unit", id);
      said++;
    }
    // A unit formed from others ("Sở KH&CN có thay Sở TT&TT …"): what it took over, and from when.
    const start = kb.unitStart(id);
    const from = kb.predecessorsOf(id);
    if (start && from.length && !ids.some((o) => o !== id && from.some((p) => p.id === o))) {
      const unit = kb.unit(id);
      const names = from.map((p) => kb.nameOn(p.id, p.change.date));
      r.line(
        `${unit?.name ?? id} tiếp nhận ${names.join(", ")} từ ${formatViDate(start)}; nhiệm vụ chưa xong của đơn vị cũ do ${unit?.name ?? id} đảm nhận từ ngày đó.`,
        kb.citeAll(from.flatMap((p) => p.change.sources)),
      );
      r.item("unit", id);
      since ??= start;
      said++;
    }
  }
  if (!said) return undefined;
  // "Sau hợp nhất, ông Đào Xuân Kỳ giữ chức gì ở Sở KH&CN": a post since the change, which the sources
  // do not record, is what is asked.
  const asksPost = /\b(?:giu chuc|chuc vu|chuc gi|chuc danh|vi tri|cuong vi)\b/.test(bare);
  if (asksPost)
    for (const m of lex.people.match(searchTerms(u.text))) {
      const p = kb.person(m.value);
      const heldSince = p?.positions.some(
        (x) => x.unit !== undefined && ids.includes(x.unit) && (!since || (x.asOf ?? "") >= since),
      );
      if (p && !heldSince) {
        r.abstain().line(`Nguồn hiện có không ghi chức vụ của ${p.name} sau thay đổi này.`);
        break;
      }
    }
  // "Ông Đào Xuân Kỳ bây giờ còn làm Giám đốc Sở TT&TT không": the post the sources recorded, and when.
  for (const m of lex.people.match(searchTerms(u.text))) {
    const p = kb.person(m.value);
    if (!p) continue;
    for (const pos of p.positions) {
      if (!pos.unit || !ids.includes(pos.unit)) continue;
      const when = pos.asOf ? ` (tại ngày ${formatViDate(pos.asOf)})` : "";
      r.line(`Chức vụ nguồn ghi: ${p.name} — ${pos.title}${when}.`, kb.citeAll(p.sources));
    }
  }
  // "… chuyển cho đơn vị nào", "đơn vị tiếp nhận nhiệm vụ của UBND huyện": the successor asked, and the
  // sources name none; the reply says so, not knowing.
  const asksSuccessor =
    // ("ai thay UBND huyện …", "không còn cấp huyện thì ai …": who does it now.)
    // ("việc phối hợp … giao ai": "cho" dropped.)
    (/\b(?:chuyen (?:cho|sang|ve|giao cho)|tiep nhan|dam nhan|lam thay|thay(?! doi)|giao (?:lai )?cho|giao (?:lai )?(?:ai|don vi nao|co quan nao))\b|\b(?:khong|ko) con\b.*\bthi\b/.test(
      bare,
    ) &&
      /\b(?:nao|ai|dau)\b/.test(bare)) ||
    // ("nhiệm vụ của huyện ai nhận", "đơn vị nào làm": the doer asked before the verb.)
    /\b(?:tiep nhan|ke thua|thay the|dam nhan|tiep quan|thuc hien thay)\b|\b(?:giao|chuyen) (?:lai )?(?:cho|ve) (?:ai|don vi nao|co quan nao|cap nao|dau)\b|\b(?:ai|don vi nao|co quan nao|cap nao) (?:se )?(?:nhan|lam|lo|phu trach|chiu trach nhiem|thuc hien|chu tri)\b/.test(
      bare,
    );
  const ended = ids.map((id) => kb.unitEnd(id)).filter((c) => c && c.date <= ctx.today);
  if (asksSuccessor && ended.length && ended.every((c) => !c!.successors.length)) r.abstain();

  // "sở mình có kế thừa việc tuyên truyền Ngày CĐS tỉnh không": the open tasks the successor took over.
  // ("đơn vị tôi phụ trách những nhiệm vụ nào được giao trước khi hợp nhất": those tasks too.)
  if (/\b(?:ke thua|tiep nhan|dam nhan|thay|nhiem vu|nv|cong viec|duoc giao|phu trach)\b/.test(bare)) {
    const successors = new Set(ids.flatMap((id) => kb.currentUnits(id, ctx.today).map((s) => s.id)));
    for (const id of ids) if (kb.predecessorsOf(id).length) successors.add(id);
    for (const s of successors) {
      const inherited = kb.tasksHeldOn(s, ctx.today).lead.filter((h) => h.from);
      for (const h of inherited.slice(0, 5))
        r.line(
          `• ${kb.unit(s)?.name ?? s} chủ trì (tiếp nhận): ${h.task.title}.`,
          kb.citeAll(h.task.sources),
          1,
        );
    }
  }
  if (since && /\b(?:bao lau|bao nhieu (?:ngay|thang|nam)|may (?:ngay|thang|nam))\b/.test(bare)) {
    const days = diffDays(since, ctx.today);
    r.line(`Tính đến hôm nay (${formatViDate(ctx.today)}) là ${days} ngày.`);
  }
  return r.build();
}

/**
 * The department in charge of digital transformation today: the unit a recorded change moved the
 * function to ("chức năng chuyển đổi số chuyển về Sở Khoa học và Công nghệ"), and the one before it.
 * Undefined when the register records no such change.
 */
function answerInChargeOfDx(ctx: AnswerContext): Reply | undefined {
  const { kb } = ctx;
  for (const unit of kb.data.units) {
    const end = kb.unitEnd(unit.id);
    if (!end || end.date > ctx.today || !end.note || !/\bchuyen doi so\b/.test(fold(end.note))) continue;
    const now = end.successors[0] ? kb.currentUnits(end.successors[0], ctx.today)[0] : undefined;
    if (!now) continue;
    const before = kb.nameOn(unit.id, addDays(end.date, -1));
    const r = new ReplyBuilder("unit");
    r.line(
      `Hiện nay: ${now.name}. Từ ${formatViDate(end.date)}, ${before} hợp nhất vào ${kb.nameOn(end.successors[0]!, end.date)} (${end.note.replace(/[.\s]+$/, "")}).`,
      kb.citeAll(end.sources.length ? end.sources : unit.sources),
    );
    r.line(`Trước đó: ${before}.`);
    r.item("unit", now.id);
    r.action(`Nhiệm vụ của ${now.name}`, { kind: "tasks", unitId: now.id });
    return r.build();
  }
  return undefined;
}

/**
 * "hợp nhất sở 2025", "các đơn vị đã sáp nhập": every change the register records up to today (of the
 * year named, when one is), each with its date and source. Undefined when none is recorded.
 */
function recordedChanges(bare: string, ctx: AnswerContext): Reply | undefined {
  const { kb } = ctx;
  const year = /\b((?:19|20)\d\d)\b/.exec(bare)?.[1];
  const ended = [...kb.data.units, ...kb.data.unitGroups]
    .map((u) => ({ u, end: kb.unitEnd(u.id) }))
    .filter(({ end }) => end && end.date <= ctx.today && (!year || end.date.startsWith(year)))
    .sort((a, b) => a.end!.date.localeCompare(b.end!.date));
  if (!ended.length) return undefined;
  const r = new ReplyBuilder(
    "unit",
    `Thay đổi tổ chức đã ghi nhận${year ? ` năm ${year}` : ""} (${ended.length}):`,
  );
  for (const { u } of ended) {
    const said = kb.unitEndSentence(u.id, ctx.today);
    if (!said) continue;
    r.line(`• ${said.text}`, kb.citeAll(said.sources));
    r.item("unit", u.id);
  }
  return r.build();
}
