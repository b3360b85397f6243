/**
 * Who may run a command, in one place for every channel: everyone who may ask (BOT_ACCESS), the
 * leaders of the steering committee and the admins, or the admins (Tổ Giúp việc) alone.
 */
import type { Assistant, Person } from "../app/assistant.ts";

export type Access = "asker" | "leader" | "admin";

export const ACCESS_LABELS: Record<Access, string> = {
  asker: "mọi người được hỏi",
  leader: "lãnh đạo và Tổ Giúp việc",
  admin: "Tổ Giúp việc (quản trị)",
};

export function mayRun(access: Access, p: Person, assistant: Assistant): boolean {
  switch (access) {
    case "asker":
      return assistant.mayAsk(p);
    case "leader":
      return assistant.isLeader(p);
    case "admin":
      return p.isAdmin;
  }
}
