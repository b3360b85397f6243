/**
 * The one-time notice to an official whose unit was merged, split or closed (issue 16): their link is
 * kept, and from the change's date the assistant counts them with the successor (reminders, "nhiệm vụ
 * của tôi"); a unit closed with no successor gets no reminders, and they are asked to be linked again.
 * Pure: which notices are due, keyed so each is sent once (src/notifier/unit-notices.ts sends them).
 */
import type { Knowledge } from "../knowledge/model.ts";
import { formatViDate } from "../time.ts";
import type { OutgoingMessage } from "./message.ts";

export interface NoticeUser {
  id: string;
  unitId: string;
  reachable: boolean;
}

export interface UnitChangeNotice {
  userId: string;
  /** `${userId}|${unitId}|${date}`: the same change is told once. */
  key: string;
  message: OutgoingMessage;
}

/** Notices due on `today` for officials linked to a unit that has ended, not yet told (`told`). */
export function unitChangeNotices(
  kb: Knowledge,
  users: readonly NoticeUser[],
  today: string,
  told: ReadonlySet<string>,
): UnitChangeNotice[] {
  const out: UnitChangeNotice[] = [];
  for (const u of users) {
    const end = kb.unitEnd(u.unitId);
    if (!end || end.date > today || !u.reachable) continue;
    const key = `${u.id}|${u.unitId}|${end.date}`;
    if (told.has(key)) continue;
    const sentence = kb.unitEndSentence(u.unitId);
    const now = kb.currentUnits(u.unitId, today);
    const lines = [sentence?.text ?? ""];
    if (now.length === 1)
      lines.push(
        `Từ ${formatViDate(end.date)}, trợ lý tính bạn thuộc ${now[0]!.name}: nhắc hạn và “nhiệm vụ của tôi” theo đơn vị này (gồm các nhiệm vụ chưa hoàn thành đơn vị cũ chuyển sang). Liên kết của bạn giữ nguyên.`,
      );
    else
      lines.push(
        "Trợ lý không tự chuyển bạn sang đơn vị khác (đơn vị không còn, hoặc được chia cho nhiều đơn vị): bạn sẽ không nhận nhắc hạn của đơn vị cũ. Xin liên hệ Tổ Giúp việc để được liên kết lại.",
      );
    out.push({
      userId: u.id,
      key,
      message: { kind: "info", title: "Đơn vị của bạn đã thay đổi", lines, actions: [] },
    });
  }
  return out;
}
