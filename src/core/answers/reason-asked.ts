/**
 * A reason asked ("Vì sao ngày 10/10 được chọn làm Ngày Chuyển đổi số quốc gia?", "tại sao Sở TT&TT hợp
 * nhất vào Sở KH&CN"): what the knowledge records of the thing named is not why it is so. Unless the
 * reply gives a reason (a recorded cause, purpose or meaning) or says the premise is wrong, it says that
 * the sources do not record the reason, and shows what they do record as the nearest facts.
 */

import { fold } from "../text/normalize.ts";
import { joinReplies, RECORDED_NOTE, type Reply, ReplyBuilder } from "./reply.ts";

/** The question asks why (folded). ("Nguyên nhân …", "mục đích …" name what is recorded: answered as asked.) */
const WHY = /\b(?:vi sao|tai sao|vi ly do gi|ly do (?:gi|nao|la gi)|sao lai|vi dau|vi cai gi)\b/;

/**
 * A reply that gives a reason or corrects the premise (folded): a cause, purpose or meaning it states
 * ("vì", "nhằm", "để <làm gì>"; not the "vị" of "đơn vị" nor the "đề" of "đề án"), or a "không" that
 * denies what was asked.
 */
const REASON_GIVEN =
  /\b(?:nguyen nhan|ly do|(?<!don )vi(?! (?:tri|du|the))|nham|de (?:lam|phuc vu|dam bao|thuc hien|nang|tang|thuc day|tao|giup|huong|kip|cu the)|muc dich|y nghia|ban le|khong giam|khong phai|khong dung|khong ghi|khong neu|chua co)\b/;

export function withReasonAsked(reply: Reply, question: string): Reply {
  if (reply.abstained || !WHY.test(fold(question))) return reply;
  // (Who holds a post is answered by who does: "Vì sao ông Kỳ làm Trưởng ban" is corrected by the one
  // recorded in it.)
  // (Nor why the year's theme stresses something: the theme's own words are what the sources give of it.)
  if (reply.intent === "role" || reply.intent === "person" || reply.intent === "theme") return reply;
  const said = fold([reply.title ?? "", ...reply.lines.map((l) => l.text)].join(" "));
  if (REASON_GIVEN.test(said)) return reply;
  // (A day the question gives that the reply does not is a premise the reply corrects: "Vì sao QĐ 1560
  // chọn ngày 20/2" is answered by the day it chose.)
  const days = fold(question).match(/\b\d{1,2}\/\d{1,2}\b/g) ?? [];
  const shown = said.replace(/\b0(\d)(?=\/)/g, "$1").replace(/\/0(\d)\b/g, "/$1");
  if (days.some((x) => !shown.includes(x.replace(/\b0(\d)/g, "$1")))) return reply;
  const head = new ReplyBuilder(reply.intent)
    .abstain()
    .line("Nguồn hiện có không ghi lý do của điều được hỏi. Điều nguồn ghi:")
    .build();
  const joined = joinReplies(head, { ...reply, notes: reply.notes.filter((n) => n !== RECORDED_NOTE) });
  return { ...joined, abstained: true, notes: [...joined.notes, RECORDED_NOTE] };
}
