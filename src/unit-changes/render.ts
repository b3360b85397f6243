/** A reorganisation plan (plan.ts) in Vietnamese for the secretariat, and as `--json`. */
import type { Knowledge } from "../core/knowledge/model.ts";
import type { UnitChangePlan } from "./plan.ts";

const ROLES: Record<string, string> = {
  head: "thủ trưởng",
  deputy: "cấp phó",
  member: "thành viên",
  leader: "lãnh đạo",
  admin: "quản trị",
};

const MAX = 15;

function nameOf(kb: Knowledge, plan: UnitChangePlan, id: string | null): string {
  if (id === null) return "(không có đơn vị tiếp nhận)";
  return plan.units.find((u) => u.id === id && u.change !== "merged")?.name ?? kb.unit(id)?.name ?? id;
}

/** The `--json` output: `{"units": [...], "tasksMoved": n, "usersMoved": n}`. */
export function planJson(plan: UnitChangePlan): string {
  return JSON.stringify({
    units: plan.units,
    tasksMoved: plan.tasks.filter((t) => t.to !== null).length,
    usersMoved: plan.users.filter((u) => u.to !== null).length,
  });
}

export function renderPlan(kb: Knowledge, plan: UnitChangePlan): string {
  const lines = [`${plan.note}.`];
  const created = plan.units.find((u) => u.isNew);
  if (created) lines.push(`Đơn vị mới: ${created.name} (mã ${created.id}).`);
  const moved = plan.tasks.filter((t) => t.to !== null);
  const orphaned = plan.tasks.filter((t) => t.to === null);
  if (plan.request.kind === "rename") {
    if (plan.tasks.length) lines.push(`Nhiệm vụ chưa hoàn thành mang tên mới (${plan.tasks.length}):`);
  } else if (moved.length)
    lines.push(`Nhiệm vụ chưa hoàn thành chuyển sang đơn vị tiếp nhận từ ngày đó (${moved.length}):`);
  const shown = plan.request.kind === "rename" ? plan.tasks : moved;
  for (const t of shown.slice(0, MAX))
    lines.push(`  - ${t.title}${plan.request.kind === "rename" ? "" : ` → ${nameOf(kb, plan, t.to)}`}`);
  if (shown.length > MAX) lines.push(`  … và ${shown.length - MAX} nhiệm vụ khác`);
  if (orphaned.length) {
    lines.push(`Nhiệm vụ chưa hoàn thành sẽ không còn đơn vị chủ trì (cần giao lại) (${orphaned.length}):`);
    for (const t of orphaned.slice(0, MAX)) lines.push(`  - ${t.title}`);
    if (orphaned.length > MAX) lines.push(`  … và ${orphaned.length - MAX} nhiệm vụ khác`);
  }
  if (plan.tasksKept.length)
    lines.push(`Nhiệm vụ đã hoàn thành trước ngày đó giữ nguyên ở đơn vị đã làm: ${plan.tasksKept.length}.`);
  if (!plan.tasks.length && !plan.tasksKept.length)
    lines.push("Không có nhiệm vụ nào giao đích danh cho đơn vị này.");
  if (plan.users.length) {
    lines.push(
      plan.request.kind === "rename"
        ? `Cán bộ đã liên kết (giữ liên kết, đơn vị mang tên mới) (${plan.users.length}):`
        : `Cán bộ đã liên kết (giữ liên kết, thuộc đơn vị tiếp nhận từ ngày đó; được báo một lần) (${plan.users.length}):`,
    );
    for (const u of plan.users.slice(0, MAX))
      lines.push(
        `  - ${u.name ?? u.id} (${ROLES[u.role] ?? u.role})${plan.request.kind === "rename" ? "" : ` → ${nameOf(kb, plan, u.to)}`}`,
      );
    if (plan.users.length > MAX) lines.push(`  … và ${plan.users.length - MAX} người khác`);
  } else lines.push("Chưa có cán bộ nào liên kết với đơn vị này.");
  if (plan.aliases.length) {
    const to = nameOf(kb, plan, plan.aliases[0]!.to);
    lines.push(
      `Tên gọi dẫn tới ${to} (kèm ghi chú về thay đổi): ${plan.aliases
        .slice(0, 12)
        .map((a) => `“${a.name}”`)
        .join(", ")}${plan.aliases.length > 12 ? ` và ${plan.aliases.length - 12} tên khác` : ""}.`,
    );
  }
  return lines.join("\n");
}
