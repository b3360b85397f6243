/**
 * What a question asks beyond what the knowledge records of the thing it names (issue 13, precise
 * not-knowing): a reason, a document of another year than the one held, a signer asked by an
 * abbreviated post, a head count of a meeting. Each is said not to be recorded, with what is; and the
 * questions around them that the knowledge does answer stay answered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge } from "../../../src/app/knowledge.ts";
import { type AnswerEngine, createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";

let engine: AnswerEngine;
beforeAll(() => {
  engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
});
const ask = (text: string, unitId?: string) =>
  engine.ask({
    text,
    now: new Date("2026-11-26T09:00:00+07:00"),
    ...(unitId ? { asker: { unitId } } : {}),
  });

describe("a reason asked", () => {
  it("is said not to be recorded, with what is recorded of the thing", () => {
    for (const q of [
      "Vì sao ngày 10/10 được chọn làm Ngày Chuyển đổi số quốc gia?",
      "tai sao so tttt hop nhat vao so khcn",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      const text = renderPlain(r);
      expect(text, q).toContain("không ghi lý do");
      // (The nearest facts follow, cited.)
      expect(r.citations.length, q).toBeGreaterThan(0);
    }
    expect(renderPlain(ask("Vì sao ngày 10/10 được chọn làm Ngày Chuyển đổi số quốc gia?"))).toContain(
      "505/QĐ-TTg",
    );
  });

  it("is answered when the knowledge records it, or when the question's premise is wrong", () => {
    const low = ask("vì sao DTI 2021 của tỉnh thấp");
    expect(low.abstained).toBe(false);
    expect(renderPlain(low)).toContain("nhân lực số");
    // (QĐ 1560 chose 10/10, not 20/2: the reply gives the day, which answers the question.)
    const premise = ask("Vì sao QĐ 1560 lại chọn ngày 20/2 làm Ngày CĐS tỉnh?");
    expect(premise.abstained).toBe(false);
    expect(renderPlain(premise)).toContain("10/10");
  });
});

describe("a document named by number with another year than the one held", () => {
  it("is said not to be held, and the one held is shown", () => {
    for (const [q, held] of [
      ["thông báo 16 vpcp năm 2022", "16/TB-VPCP"],
      ["QĐ 56/2021", "56/QĐ-UBND"],
      ["QĐ 505 năm 2021 của TTg", "505/QĐ-TTg"],
    ] as const) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      const text = renderPlain(r);
      expect(text, q).toContain("Cơ sở tri thức không có");
      expect(text, q).toContain(held);
    }
  });

  it("not for its own year, nor a plan named by the year it is for", () => {
    for (const q of ["TB 16 năm 2023 nói gì", "QĐ 505 năm 2022", "kế hoạch 3609 năm 2023"]) {
      expect(ask(q).abstained, q).toBe(false);
    }
  });
});

describe("a signer asked by an abbreviated post", () => {
  it("says the signer is not recorded rather than showing the card", () => {
    for (const q of ["CV 793/BTTTT-THH do TT nào của Bộ ký?", "QĐ 505 do PTT nào ký"]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(renderPlain(r), q).toContain("không ghi người ký");
    }
  });
});

describe("how many attended a meeting", () => {
  it("is not recorded; those named are shown", () => {
    const r = ask("số lượng đại biểu dự họp bđh 20/2/2023 là bao nhieu");
    expect(r.abstained).toBe(true);
    const text = renderPlain(r);
    expect(text).toContain("không ghi số người dự");
    expect(text).toContain("Nguyễn Long Biên");
  });

  it("who attended is still answered", () => {
    const r = ask("họp 20/2/2023 ai dự");
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain("Thành phần");
  });
});

describe("questions near these that the knowledge answers", () => {
  it("a document's issuer asked as 'văn bản của cơ quan nào' is not a question about the assistant", () => {
    const r = ask("thông baó 16 là văn bản của cơ quan nàoo");
    expect(r.intent).toBe("document");
    expect(renderPlain(r)).toContain("Văn phòng Chính phủ");
    expect(ask("trợ lý này phục vụ tỉnh nào").intent).toBe("help");
  });

  it("which department digital transformation belongs to now, in other words", () => {
    for (const q of [
      "bay gio mang chuyen doi so thuoc so nao quan ly",
      "cơ quan nào quản lý nhà nước về chuyển đổi số của tỉnh",
    ]) {
      expect(renderPlain(ask(q)), q).toContain("Hiện nay: Sở Khoa học và Công nghệ");
    }
  });

  it("the latest document about a named day is of that day", () => {
    const text = renderPlain(ask("văn bản nào mới nhấ về ngày chuyển đổi số"));
    expect(text).toContain("1560/QĐ-UBND");
    expect(text).not.toContain("3402/KH-UBND");
  });

  it("days counted 'tính từ hôm nay'", () => {
    const text = renderPlain(ask("tinh tu hom nay thi may ngay nua toi ngay chuyen doi so quoc gia"));
    expect(text).toContain("10/10/2027");
    expect(text).toContain("còn 318 ngày");
  });

  it("tasks with a due day, said 'có ngày hạn cụ thể'", () => {
    const r = ask("nhiệm vụ có ngày hạn cụ thể");
    expect(r.intent).toBe("tasks");
    expect(renderPlain(r)).toContain("31/12/2023");
  });

  it("a unit's tasks asked with 'cần làm'", () => {
    const r = ask(
      "bao hiem xa hoi chung toi nam 2023 can lam ra bao nhieu san pham chuyen doi so",
      "bhxh-tinh",
    );
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain("ít nhất một sản phẩm");
  });

  it("the supporting units of the tasks due on a day, when asked", () => {
    const asked = renderPlain(ask("nhiệm vụ ngày 10/10 đơn vị phối hợp"));
    expect(asked).toContain("phối hợp: các sở, ban, ngành");
    expect(renderPlain(ask("nhiệm vụ ngày 10/10"))).not.toContain("phối hợp:");
  });

  it("a second question that leaves out what it asks of", () => {
    const body = renderPlain(
      ask("Ban Điều hành chuyển đổi số tỉnh trực thuộc ban nào và do văn bản nào thành lập?"),
    );
    expect(body).toContain("Ban Chỉ đạo");
    expect(body).toContain("01-QĐ/BCĐCĐS");
    const days = renderPlain(ask("Lễ 30/4 năm sau rơi vào thứ mấy, còn 1/5 thì sao? (nghỉ lễ theo BLLĐ)"));
    expect(days).toContain("thứ Sáu");
    expect(days).toContain("thứ Bảy");
  });
});

describe("more of what is asked beyond the record", () => {
  it("a unit's own tasks, apart from those given to every unit", () => {
    const r = ask("BHXH tỉnh có NV CĐS riêng nào (ngoài NV chung của các ĐV) năm 2023?");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("không ghi nhiệm vụ riêng nào năm 2023 của Bảo hiểm xã hội tỉnh");
    // (A unit that leads a task by name has it.)
    const own = ask("Bộ Công an có nhiệm vụ riêng gì");
    expect(own.abstained).toBe(false);
    expect(renderPlain(own)).toContain("Trung tâm Dữ liệu quốc gia");
    // ("kế hoạch riêng" is no question about its own tasks.)
    expect(
      renderPlain(
        ask(
          "Trung tâm chúng tôi có phải cụ thể hóa nhiệm vụ vào kế hoạch riêng không?",
          "trung-tam-phuc-vu-hcc",
        ),
      ),
    ).not.toContain("không ghi nhiệm vụ riêng");
  });

  it("where something is placed, named by the kind of place", () => {
    const r = ask("trung tâm dữ liêu quốc gia đặt ở tỉnh nào");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("không ghi địa điểm");
    // (Where a body is set up, which the knowledge says, stays answered.)
    const team = ask("to cong nghe so cong dong duoc lap o dau");
    expect(team.abstained).toBe(false);
    expect(renderPlain(team)).toContain("thôn, khu phố");
  });

  it("who of an unrecorded unit attended a meeting", () => {
    const r = ask("ai dự hop 20/2 từ sở tài chính");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("không nêu đơn vị này");
    const known = ask("ai dự họp 20/2/2023 của sở tt&tt");
    expect(known.abstained).toBe(false);
    expect(renderPlain(known)).toContain("Đào Xuân Kỳ");
  });

  it("what a national meeting said of a province its record does not name", () => {
    const r = ask("Thu tuong Pham Minh Chinh noi gi ve Ninh Thuan tai hoi nghi ngay 25/12/2022?");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("không ghi nội dung riêng về Ninh Thuận");
    expect(ask("hội nghị 25/12/2022 nói gì về dữ liệu").abstained).toBe(false);
  });

  it("a document's name asked, which is its trích yếu", () => {
    expect(renderPlain(ask("Ke hoach so 3609 cua Ban Dieu hanh mang ten goi la gi?"))).toContain(
      "không ghi trích yếu",
    );
    expect(renderPlain(ask("KH 4233 tên là gì"))).toContain("Nâng cao chỉ số DTI");
  });

  it("the body above another, asked as 'cấp dưới của ban nào'", () => {
    expect(renderPlain(ask("Ban Dieu hanh chuyen doi so la cap duoi cua ban nao?"))).toContain(
      "trực thuộc Ban Chỉ đạo",
    );
  });

  it("two-level local government written with a digit", () => {
    expect(renderPlain(ask("Từ ngày nào UBND cấp huyện không còn theo mô hình CQĐP 2 cấp?"))).toContain(
      "01/07/2025",
    );
  });
});

describe("words that read as something else once folded", () => {
  it("'tối thiểu' typed plain is not the asker ('tôi'), and means 'ít nhất'", () => {
    const r = ask(
      "Cac don vi trong tinh duoc yeu cau co toi thieu may san pham chuyen doi so trong nam 2023?",
    );
    expect(r.intent).not.toBe("link-needed");
    expect(renderPlain(r)).toContain("ít nhất một sản phẩm");
    // ("của tôi" typed plain is still the asker.)
    expect(ask("nhiem vu cua toi").intent).toBe("link-needed");
  });

  it("who declared the year's theme is who the record says declared it", () => {
    const text = renderPlain(ask("chủ đề năm dữ liệu sô được ai tuyên bố"));
    expect(text).toContain("Phạm Minh Chính");
    // (The body whose theme it is stays the answer to whose theme it is.)
    expect(renderPlain(ask("chủ đề năm 2023 của quốc gia do ai công bố"))).toContain(
      "Ủy ban Quốc gia về chuyển đổi số",
    );
  });
});

describe("whether a unit has a task, and its part in the tasks it took over", () => {
  it("'<đơn vị> có nhiệm vụ <việc> không' is answered Có or Không, with who leads it", () => {
    const no = renderPlain(ask("UBND tỉnh có nhiệm vụ xây dựng Trung tâm Dữ liệu quốc gia không"));
    expect(no).toMatch(/^Không\. UBND tỉnh Ninh Thuận không chủ trì, không phối hợp/);
    expect(no).toContain("Chủ trì: Bộ Công an");
    expect(renderPlain(ask("BHXH tỉnh có nhiệm vụ tuyên truyền ngày CĐS tỉnh không"))).toMatch(
      /^Có\. Bảo hiểm xã hội tỉnh phối hợp/,
    );
    // (What its part is, asked without "không", is said without Có or Không.)
    expect(renderPlain(ask("BHXH tỉnh có vai trò gì trong tuyên truyền ngày CĐS tỉnh"))).toMatch(
      /^Bảo hiểm xã hội tỉnh phối hợp/,
    );
  });

  it("a task a merged unit's successor leads is marked as led by it in its deadlines", () => {
    expect(renderPlain(ask("sở thông tin truyền thông có nhiêm vụ j về ngày 10/10"))).toContain(
      "(ngày 10/10 hằng năm) (chủ trì)",
    );
  });
});

describe("answers that were found but not given", () => {
  it("what a document implements, asked 'thực hiện nghị quyết số mấy'", () => {
    const r = ask(
      "Chuong trinh hanh dong cua Ban Can su Dang UBND tinh ve chuyen doi so nham thuc hien nghi quyet so may?",
    );
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain("09-NQ/TU");
  });

  it("a slip in the verb that frames the question ('quy địn'), or its slash shorthand ('y/c')", () => {
    const day = ask("văn bản nào quy địn ngày chuyển đổi số tỉnh ninh thuận");
    expect(day.abstained).toBe(false);
    expect(renderPlain(day)).toContain("1560/QĐ-UBND");
    const target = ask("chính quyền số 2023 y/c hợp nhất cổng dịch vụ công với hệ thống gì");
    expect(target.abstained).toBe(false);
    expect(renderPlain(target)).toContain("một cửa điện tử");
    // (A topic the knowledge lacks stays unanswered, whatever frames it.)
    expect(ask("văn bản nào quy địn lương giám đốc sở").abstained).toBe(true);
  });
});

describe("questions read whole", () => {
  it("a question that only asks when, of nothing named, is not answered with whatever has a date", () => {
    const r = ask("tu ngay nao den ngay nao");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("chưa nêu việc");
    // (After a question that names its subject, the clause does not replace it.)
    expect(renderPlain(ask("Tet Am lich nam 2027 duoc nghi may ngay, tu ngay nao den ngay nao?"))).toContain(
      "Tết Âm lịch",
    );
  });

  it("'nhiệm vụ' and a body's name alone ask what it does, when the sources describe it", () => {
    expect(renderPlain(ask("nv tổ công nghệ số cộng đồng"))).toContain("kỹ năng số");
    expect(ask("nhiệm vụ của tổ giúp việc").abstained).toBe(true);
  });

  it("the weekday of each day due this week or next", () => {
    const r = engine.ask({
      text: "Tuần này có mốc chuyển đổi số nào không?",
      now: new Date("2027-10-05T09:00:00+07:00"),
    });
    expect(renderPlain(r)).toContain("10/10/2027: còn 5 ngày (Chủ nhật)");
    // (Not over a month: a list to read, not days to plan.)
    const month = engine.ask({ text: "tháng này có hạn nào", now: new Date("2023-10-02T09:00:00+07:00") });
    expect(renderPlain(month)).not.toContain("(thứ Ba)");
  });

  it("three pillars listed with commas are one question", () => {
    const text = renderPlain(
      ask("Ba trụ cột chính quyền số, kinh tế số, xã hội số trong DTI 2022 của tỉnh đạt bao nhiêu?"),
    );
    for (const v of ["0,6787", "0,6518", "0,6045"]) expect(text).toContain(v);
  });

  it("by how much the DTI is above the national average, typed short", () => {
    expect(renderPlain(ask("dti 2022 tỉnh hơn trung bìh cả nước bn"))).toContain("chênh lệch 0,0143");
  });

  it("whether a unit that goes on still leads a task is about the task, not the merger", () => {
    const r = ask("So toi bay gio con chu tri tuyen truyen Ngay Chuyen doi so tinh khong?", "so-khcn");
    expect(renderPlain(r)).toContain("Tuyên truyền Ngày Chuyển đổi số tỉnh");
    // (Of the unit that ended, the merger is the answer.)
    expect(
      renderPlain(ask("So toi bay gio con chu tri tuyen truyen Ngay Chuyen doi so tinh khong?", "so-tttt")),
    ).toContain("hợp nhất vào Sở Khoa học và Công nghệ");
  });
});

describe("official shorthand", () => {
  it("'BH' before a kind of document is 'ban hành': a plan of another issuer is not the one asked", () => {
    const r = ask("STTTT BH KH tuyên truyền Ngày CĐS tỉnh năm 2023 số mấy?");
    expect(r.abstained).toBe(true);
    // ("BHXH" stays the social insurance agency.)
    expect(renderPlain(ask("BHXH tỉnh có nhiệm vụ gì"))).toContain("Bảo hiểm xã hội tỉnh");
  });

  it("a plain syllable a letter short in the words of a target is mended", () => {
    const r = ask("mục tiu dữ liệu mở năm 2023 tăng từ bao nhiu lên bao nhiu");
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain("60%");
  });
});

describe("who founded a body, asked as a choice or as 'do ai lập'", () => {
  it("the founder the decision names, whichever units the choice offers", () => {
    expect(renderPlain(ask("BCĐ CĐS tỉnh do TU hay UBND tỉnh lập?"))).toContain(
      "352-QĐ/TU ngày 18/06/2021 của Tỉnh ủy",
    );
    expect(renderPlain(ask("BCĐ CĐS tỉnh do ai lập"))).toContain("của Tỉnh ủy");
    // (A body whose founding is not recorded is said so.)
    const team = ask("tổ công nghệ số cộng đồng do ai lập");
    expect(team.abstained).toBe(true);
    expect(renderPlain(team)).toContain("không ghi văn bản, thời điểm thành lập");
  });
});
