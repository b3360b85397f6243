/**
 * A person asked by post: the card of what the question names is not the answer unless it names someone
 * the knowledge records in that post, of the body asked (issue 13, precise not-knowing).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../../src/app/knowledge.ts";
import { type AnswerEngine, createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { personAsked } from "../../../src/core/answers/person-asked.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";
import { fold } from "../../../src/core/text/normalize.ts";

const NOW = new Date("2026-11-26T09:00:00+07:00");
let engine: AnswerEngine;
beforeAll(() => {
  engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
});
const ask = (text: string) => engine.ask({ text, now: NOW });

describe("which post a question asks the holder of", () => {
  it.each([
    ["Giám đốc Bảo hiểm xã hội tỉnh là ai?", "giam doc", "bao hiem xa hoi"],
    ["GĐ TT dữ liệu là ai", "giam doc", "du lieu"],
    ["thông báo 16 do lãnh đạo nào của Văn phòng Chính phủ ký", "lanh dao", "van phong chinh phu"],
    ["đại diện Bộ Công an nào dự hội nghị", "dai dien", "bo cong an"],
    ["ai là chánh văn phòng ubnd tỉnh", "chanh van phong", "uy ban nhan dan"],
    ["trưởng phòng CĐS của sở tên gì", "truong phong", "chuyen doi so"],
  ])("%s → %s of %s", (q, post, of) => {
    const asked = personAsked(q, engine.lexicon);
    expect(asked?.post).toBe(post);
    expect(asked?.of).toContain(of);
  });

  it.each([
    // A person named: something else is asked of them.
    "ông Đào Xuân Kỳ là giám đốc sở nào",
    "Nguyễn Long Biên giữ chức gì",
    // Which bodies, not who.
    "lãnh đạo những ngành nào dự họp ngày 20/2/2023",
    "bộ trưởng bộ nào dự hội nghị 25/12/2022",
    "lãnh đạo ngân hàng nào được mời họp",
    // How, not who; the name of something else.
    "người đứng đầu phải gương mẫu thế nào",
    "Thủ tướng gọi năm 2023 bằng tên gì",
    // No post.
    "ai chủ trì nhiệm vụ tuyên truyền ngày cđs tỉnh",
  ])("%s: no person asked by post", (q) => {
    expect(personAsked(q, engine.lexicon)).toBeUndefined();
  });
});

describe("a person the knowledge does not record in the post asked is said so", () => {
  it.each([
    ["Giám đốc Bảo hiểm xã hội tỉnh là ai?", "giam doc bao hiem xa hoi"],
    ["lãnh đạo Trường Chính trị dự họp 20/2/2023 tên gì", "lanh dao truong chinh tri"],
    [
      "đại diện Bộ TT&TT nào dự hội nghị ngày 25/12/2022",
      "khong ghi ten dai dien bo thong tin va truyen thong",
    ],
    ["QĐ 1560/QĐ-UBND do lãnh đạo nào của UBND tỉnh ký?", "khong ghi"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it.each([
    ["Trưởng ban Điều hành CĐS tỉnh là ai?", "tran quoc nam"],
    ["phó thủ tướng nào dự hội nghị ngày 25/12/2022", "vu duc dam"],
    ["ai là bộ trưởng bộ công an dự hội nghị 25/12/2022", "to lam"],
    ["GĐ Sở TT&TT hồi họp 20/2/2023 là ai", "dao xuan ky"],
    ["lãnh đạo nào chủ trì cuộc họp ngày 20/02/2023", "tran quoc nam"],
    ["ai là phó trưởng ban thường trực ban điều hành", "nguyen long bien"],
  ])("%s: answered by whom the knowledge records", (q, name) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(name);
  });
});

describe("how many hold a post", () => {
  it("a body whose deputies are not recorded: not recorded, not its card", () => {
    const r = ask("Sở KH&CN sau hợp nhất có mấy phó giám đốc");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi so luong, ten pho giam doc so khoa hoc va cong nghe");
  });
  it("a body whose deputies are recorded: named", () => {
    const r = ask("BĐH chuyển đổi số tỉnh có mấy phó trưởng ban");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("dao xuan ky");
  });
});

describe("which commune or unit was recognised is not recorded", () => {
  it("“được công nhận” of digital transformation", () => {
    const r = ask("huyện nào được công nhận hoàn thành chuyển đổi số sớm nhất");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua danh gia, cong nhan");
  });
});

describe("whether a target was reached, asked without “đã”", () => {
  it.each([
    "tỉnh đạt được chỉ tiêu 100% hồ sơ công việc cấp tỉnh xử lý trên môi trường mạng chưa",
    "ninh thuan dat muc tieu phu song di dong 4g chua",
  ])("%s: not recorded", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua thuc hien");
  });
});
