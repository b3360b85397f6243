/**
 * The access-control table: for every command a channel handles, who gets the answer and who the
 * Vietnamese refusal (per kind of sender and BOT_ACCESS mode), and who may change the store with it.
 * One rule per command for every channel (the access rule belongs to the command, not to the channel);
 * ZALO_RULES only adds Zalo's own words and what differs because a Zalo admin is a linked account.
 * Checked against what the channels really handle: access-control.test.ts (Telegram),
 * access-control-zalo.test.ts (Zalo).
 */
import { ADMIN_REQUEST_TEXTS } from "../../src/app/admin-requests.ts";
import { LEADER_TEXTS } from "../../src/channels/telegram/features/leaders.ts";
import { TEXTS } from "../../src/channels/telegram/texts.ts";
import { CONVERSATION_TEXTS } from "../../src/conversation/texts.ts";
import { OWN_TASK, SENDER_KINDS, type SenderKind, TG } from "./harness.ts";

export type Mode = "members" | "open";
/** What a sender gets: the real thing, or one of the refusals. */
export type Outcome = "answer" | "admin-only" | "leaders-only" | "link-needed";

export const LINK_NEEDED = "dành cho cán bộ các đơn vị đã được liên kết";
export const KINDS: readonly SenderKind[] = SENDER_KINDS;
const isLeader = (k: SenderKind) => k === "leader" || k === "admin";

/** Which refusal a sender got, from everything they were sent. */
export function outcomeOf(all: string): Outcome {
  if (
    all.includes(TEXTS.adminOnly) ||
    all.includes(CONVERSATION_TEXTS.notAdminUpload) ||
    all.includes(ADMIN_REQUEST_TEXTS.notAdmin)
  )
    return "admin-only";
  if (all.includes(LEADER_TEXTS.leadersOnly)) return "leaders-only";
  if (all.includes(LINK_NEEDED)) return "link-needed";
  return "answer";
}

export interface CommandRule {
  /** Sample argument (a valid one, so that an allowed sender gets the real answer). */
  arg: string;
  expect: (kind: SenderKind, mode: Mode) => Outcome;
  /** Whether this sender may change the store with it (else its bytes must stay the same). */
  changes: (kind: SenderKind) => boolean;
}

export const knowledge = (kind: SenderKind, mode: Mode): Outcome =>
  kind === "unknown" && mode === "members" ? "link-needed" : "answer";
export const everyone = (): Outcome => "answer";
export const adminOnly = (kind: SenderKind): Outcome => (kind === "admin" ? "answer" : "admin-only");
export const leadersOnly = (kind: SenderKind): Outcome => (isLeader(kind) ? "answer" : "leaders-only");
export const never = () => false;
export const byAdmin = (kind: SenderKind) => kind === "admin";

/** Every command, as Telegram handles it. */
export const RULES: Record<string, CommandRule> = {
  // Public: questions need a link in members mode.
  chude: { arg: "", expect: knowledge, changes: never },
  nhiemvu: { arg: "", expect: knowledge, changes: never },
  hanchot: { arg: "", expect: knowledge, changes: never },
  quahan: { arg: "", expect: knowledge, changes: never },
  vanban: { arg: "3609/KH-BĐHCĐS", expect: knowledge, changes: never },
  timkiem: { arg: "dữ liệu số", expect: knowledge, changes: never },
  lienket: { arg: "SAIMA234", expect: everyone, changes: never },
  huylienket: { arg: "", expect: everyone, changes: (k) => k !== "unknown" && k !== "admin" },
  // Only the sender's own accounts (the configured admin is not linked on Telegram).
  kenhnhac: { arg: "zalo", expect: everyone, changes: (k) => k !== "unknown" && k !== "admin" },
  help: { arg: "", expect: everyone, changes: never },
  // Welcomes everyone; in members mode the welcome says how to get linked.
  start: { arg: "", expect: knowledge, changes: never },
  // Leaders and admins.
  tongquan: { arg: "2023", expect: leadersOnly, changes: never },
  donvi: { arg: "Sở Thông tin và Truyền thông", expect: knowledge, changes: never },
  baocao: { arg: "quý", expect: leadersOnly, changes: never },
  // Admins.
  moi: { arg: "so-tttt head Người Được Mời", expect: adminOnly, changes: byAdmin },
  danhsach: { arg: "", expect: adminOnly, changes: never },
  huy: { arg: `telegram:${TG.otherHead}`, expect: adminOnly, changes: byAdmin },
  suanv: { arg: OWN_TASK, expect: adminOnly, changes: byAdmin },
  doihan: { arg: `${OWN_TASK} 30/12/2023`, expect: adminOnly, changes: byAdmin },
  themnv: { arg: "", expect: adminOnly, changes: byAdmin },
  themvb: { arg: "", expect: adminOnly, changes: byAdmin },
  themdv: { arg: "", expect: adminOnly, changes: byAdmin },
  thutruong: { arg: "so-tttt Nguyễn Văn Mới", expect: adminOnly, changes: byAdmin },
  // Reorganisations: a dialog that asks first (nothing is written before “Lưu”).
  doiten: { arg: "Ban Dân tộc", expect: adminOnly, changes: never },
  hopnhat: { arg: "Ban Dân tộc", expect: adminOnly, changes: never },
  giaithe: { arg: "Ban Dân tộc", expect: adminOnly, changes: never },
  xuat: { arg: "", expect: adminOnly, changes: never },
  lichsu: { arg: "", expect: adminOnly, changes: never },
  hoantac: { arg: "", expect: adminOnly, changes: byAdmin },
  cauhoi: { arg: "", expect: adminOnly, changes: never },
  thongbao: { arg: "Đề nghị các đơn vị gửi báo cáo quý III.", expect: adminOnly, changes: never },
  // Admin codes: no request waits here, so an admin's answer changes nothing either.
  xacnhanqt: { arg: "", expect: adminOnly, changes: never },
  tuchoiqt: { arg: "1", expect: adminOnly, changes: never },
};

/** On Zalo every kind of sender but the unknown one is a linked account, the admin too. */
const linkedOnZalo = (k: SenderKind) => k !== "unknown";

/** What Zalo adds or does differently; every other command follows its rule in RULES. */
export const ZALO_ONLY: Record<string, CommandRule> = {
  // “/trợgiúp”: help in Vietnamese.
  trogiup: { arg: "", expect: everyone, changes: never },
  huylienket: { arg: "", expect: everyone, changes: linkedOnZalo },
  kenhnhac: { arg: "telegram", expect: everyone, changes: linkedOnZalo },
};

export const ZALO_RULES: Record<string, CommandRule> = { ...RULES, ...ZALO_ONLY };
