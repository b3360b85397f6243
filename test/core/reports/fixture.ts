/**
 * ILLUSTRATIVE FIXTURES — invented for tests, not facts about the province. Unit names follow the
 * usual naming of provincial agencies; tasks, dates and completions are made up to reach each status
 * and each colour boundary on a chosen "today".
 */
import { emptyKnowledge } from "../../../src/core/knowledge/load.ts";
import { Knowledge } from "../../../src/core/knowledge/model.ts";
import type { Deadline, KnowledgeData, Task, Unit } from "../../../src/core/knowledge/schema.ts";
import { formatViDate } from "../../../src/core/time.ts";

export const SOURCE = "nguon-minh-hoa";

export function unit(id: string, name: string, kind: Unit["kind"] = "so"): Unit {
  return { id, name, kind, aliases: [], sources: [SOURCE], asOf: "2024-01-01" };
}

export function task(
  id: string,
  lead: string[],
  deadline: Deadline | string,
  progress: Task["progress"] = {},
  extra: Partial<Task> = {},
): Task {
  const dl: Deadline =
    typeof deadline === "string" ? { text: `Trước ngày ${formatViDate(deadline)}`, due: deadline } : deadline;
  return {
    id,
    title: `Nhiệm vụ minh họa ${id}`,
    lead,
    support: [],
    deadline: dl,
    progress,
    sources: [SOURCE],
    asOf: "2024-01-01",
    ...extra,
  };
}

export function knowledgeOf(units: Unit[], tasks: Task[], more: Partial<KnowledgeData> = {}): Knowledge {
  const data: KnowledgeData = {
    ...emptyKnowledge(),
    province: { name: "Minh Họa", assistantName: "Trợ lý CĐS" },
    sources: [{ id: SOURCE, kind: "secretariat", title: "Dữ liệu minh họa cho kiểm thử" }],
    units,
    tasks,
    ...more,
  };
  return new Knowledge(data);
}

/** The "today" of the illustrative plan. */
export const PLAN_TODAY = "2024-06-15";

/**
 * An illustrative plan: eight provincial units and one national body, tasks of every status on
 * PLAN_TODAY, one task for all units (a group), a recurring one and an ongoing one.
 */
export function illustrativePlan(): Knowledge {
  const units = [
    unit("so-tttt", "Sở Thông tin và Truyền thông"),
    unit("so-noi-vu", "Sở Nội vụ"),
    unit("so-khdt", "Sở Kế hoạch và Đầu tư"),
    unit("so-tai-chinh", "Sở Tài chính"),
    unit("so-y-te", "Sở Y tế"),
    unit("so-gddt", "Sở Giáo dục và Đào tạo"),
    unit("huyen-ninh-hai", "UBND huyện Ninh Hải", "huyen"),
    unit("tp-phan-rang", "UBND thành phố Phan Rang – Tháp Chàm", "huyen"),
    unit("bo-minh-hoa", "Bộ Minh Họa", "trung-uong"),
  ];
  const t = task;
  const done = (on: string) => ({ completedOn: on });
  const tasks: Task[] = [
    // Sở TT&TT: 2 done on time, 1 done late, 2 in progress, 1 overdue 45 days → red
    t("tttt-1", ["so-tttt"], "2024-03-31", done("2024-03-20")),
    t("tttt-2", ["so-tttt"], "2024-04-30", done("2024-04-30")),
    t("tttt-3", ["so-tttt"], "2024-05-15", done("2024-05-25")),
    t("tttt-4", ["so-tttt"], "2024-09-30"),
    t("tttt-5", ["so-tttt"], "2024-12-31"),
    t("tttt-6", ["so-tttt"], "2024-05-01"),
    // Sở Nội vụ: 1 overdue 10 days of 3 (33%) → red by share
    t("nv-1", ["so-noi-vu"], "2024-06-05"),
    t("nv-2", ["so-noi-vu"], "2024-10-31"),
    t("nv-3", ["so-noi-vu"], "2024-02-28", done("2024-02-20")),
    // Sở KH&ĐT: 1 overdue 3 days of 6 → orange
    t("kh-1", ["so-khdt"], "2024-06-12"),
    t("kh-2", ["so-khdt"], "2024-03-31", done("2024-03-29")),
    t("kh-3", ["so-khdt"], "2024-04-30", done("2024-04-15")),
    t("kh-4", ["so-khdt"], "2024-08-31"),
    t("kh-5", ["so-khdt"], "2024-11-30"),
    // Sở Tài chính: due in 5 days → orange
    t("tc-1", ["so-tai-chinh"], "2024-06-20"),
    t("tc-2", ["so-tai-chinh"], "2024-01-31", done("2024-02-10")),
    // Sở Y tế: nothing urgent → green
    t("yt-1", ["so-y-te"], "2024-09-30"),
    t("yt-2", ["so-y-te"], "2024-05-31", done("2024-05-30")),
    // Sở GD&ĐT: all done → green
    t("gd-1", ["so-gddt"], "2024-04-30", done("2024-04-28")),
    // Huyện Ninh Hải: overdue 76 days → red
    t("nh-1", ["huyen-ninh-hai"], "2024-03-31"),
    t("nh-2", ["huyen-ninh-hai"], "2024-12-31"),
    // Both districts: one task for the group
    t("huyen-chung", ["ubnd-cac-huyen"], "2024-07-31"),
    // Every provincial unit: ongoing work, no deadline
    t("chung-thuong-xuyen", ["tat-ca"], { text: "Thường xuyên", continuous: true }),
    // Recurring: reporting every quarter, Sở TT&TT
    t("tttt-bao-cao-quy", ["so-tttt"], { text: "Hằng quý", recurrence: { kind: "quarterly" } }),
    // A national body's task: not in the province's overview
    t("bo-1", ["bo-minh-hoa"], "2024-01-31"),
    // Another year
    t("tttt-2023", ["so-tttt"], "2023-12-31", done("2023-12-20"), { year: 2023 }),
  ];
  return knowledgeOf(units, tasks, {
    unitGroups: [
      {
        id: "ubnd-cac-huyen",
        name: "UBND các huyện, thành phố",
        aliases: [],
        all: false,
        kinds: ["huyen"],
        members: [],
        sources: [SOURCE],
        asOf: "2024-01-01",
      },
      {
        id: "tat-ca",
        name: "các cơ quan, đơn vị, địa phương",
        aliases: [],
        all: true,
        kinds: [],
        members: [],
        sources: [SOURCE],
        asOf: "2024-01-01",
      },
    ],
    people: [
      {
        id: "nguoi-minh-hoa",
        name: "Nguyễn Văn Minh Họa",
        positions: [
          {
            title: "Giám đốc Sở Thông tin và Truyền thông",
            unit: "so-tttt",
            role: "leader",
            sources: [SOURCE],
          },
        ],
        sources: [SOURCE],
        asOf: "2024-01-01",
      },
      {
        id: "pho-minh-hoa",
        name: "Trần Thị Phó Minh Họa",
        positions: [
          {
            title: "Phó Giám đốc Sở Thông tin và Truyền thông",
            unit: "so-tttt",
            role: "deputy-leader",
            sources: [SOURCE],
          },
        ],
        sources: [SOURCE],
        asOf: "2024-01-01",
      },
    ],
  });
}
