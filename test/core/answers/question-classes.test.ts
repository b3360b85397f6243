/**
 * Classes of questions the engine once got wrong on unseen questions (issue 13), each guarded here with
 * wordings of our own: what the knowledge never records, frames around a task's words, "which
 * document", a unit's leaders, a meeting named by its day, the DTI aimed at.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge, readShippedKnowledge } from "../../../src/app/knowledge.ts";
import { type AnswerEngine, createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { correctNameSlips } from "../../../src/core/answers/lexicon.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";
import { Knowledge } from "../../../src/core/knowledge/model.ts";
import { fold } from "../../../src/core/text/normalize.ts";
import { provinceIn } from "../../../src/core/text/provinces.ts";
import {
  foldQuestion as foldQuestionOf,
  followUpJoined,
  plainQuestion as plainQuestionOf,
  restoredNasals,
} from "../../../src/core/text/question.ts";
import { queryTerms, searchTerms } from "../../../src/core/text/search-terms.ts";

const NOW = new Date("2026-11-26T09:00:00+07:00");
let engine: AnswerEngine;
beforeAll(() => {
  engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
});
const ask = (text: string) => engine.ask({ text, now: NOW });
const plain = (text: string) => fold(renderPlain(ask(text)));

describe("what the knowledge never records is said so, not answered with the card", () => {
  it.each([
    ["số điện thoại của ông Đào Xuân Kỳ", "khong ghi so dien thoai cua dao xuan ky"],
    ["sdt dao xuan ky", "khong ghi so dien thoai cua dao xuan ky"],
    ["Trần Quốc Nam sinh năm bao nhiêu", "khong ghi nam sinh, tuoi cua tran quoc nam"],
    ["email cua ong nguyen long bien", "khong ghi dia chi thu dien tu cua nguyen long bien"],
    ["cuộc họp ngày 20/02/2023 kéo dài mấy tiếng", "khong ghi thoi luong cua cuoc hop ngay 20/02/2023"],
    ["trung tâm dữ liệu quốc gia đặt ở đâu", "khong ghi dia diem"],
    ["tỉnh nào dẫn đầu cả nước về DTI 2022", "khong ghi thu hang giua cac tinh"],
    ["DTI 2022 của Đà Nẵng là bao nhiêu", "khong co thong tin rieng cua thanh pho da nang"],
    ["nhiem vu cds cua tinh binh thuan", "khong co thong tin rieng cua tinh binh thuan"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain(said);
    // Not the card of what is named: no position, no figure.
    expect(text).not.toMatch(/giam doc so|0,5934|xep hang 27/);
  });

  it.each([
    ["tỷ lệ điện thoại thông minh theo mục tiêu 2023", "80%"],
    ["nhiệm vụ hằng năm định kỳ của sở tttt", "10/10"],
    ["mục tiêu hộ gia đình có cáp quang năm 2023", "85%"],
    ["chỉ số DTI 2022 của tỉnh Ninh Thuận", "0,5934"],
  ])("a question that only looks like one is answered: %s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fold(fact));
  });

  it("a province is named only as a province ('năm định kỳ' is not Nam Định)", () => {
    expect(provinceIn("nhiem vu hang nam dinh ky")).toBeUndefined();
    expect(provinceIn("cap quang nam 2023")).toBeUndefined();
    expect(provinceIn("dti tinh nam dinh")).toBe("Nam Định");
    expect(provinceIn("dti cua khanh hoa", ["Ninh Thuận"])).toBe("Khánh Hòa");
    expect(provinceIn("dti cua ninh thuan", ["Ninh Thuận"])).toBeUndefined();
  });
});

describe("the frame of a question is neither matched nor missing", () => {
  it("framing words and pairs leave the topic's words", () => {
    expect(queryTerms("trung tâm dữ liệu quốc gia xây xong khi nào")).toEqual([
      "trung",
      "tam",
      "du",
      "lieu",
      "quoc",
      "gia",
      "xay",
    ]);
    expect(queryTerms("bao nhiêu phần trăm hộ gia đình có cáp quang")).not.toContain("tram");
    // "phân tích" keeps its "phan": only the pair "phần trăm" is a frame.
    expect(queryTerms("nền tảng phân tích dữ liệu")).toContain("phan");
  });

  it.each([
    ["Trung tâm Dữ liệu quốc gia phải làm xong trong thời gian nào", "31/12/2023"],
    ["bao nhiêu phần trăm hộ gia đình có cáp quang năm 2023", "85%"],
    ["sp cds cua moi cq dp nam 2023 la bao nhieu", "it nhat mot san pham"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fold(fact));
  });
});

describe("'văn bản nào …': the document is the answer, first", () => {
  it.each([
    ["văn bản nào quy định Ngày Chuyển đổi số quốc gia", "505/QĐ-TTg"],
    ["Ban Điều hành chuyển đổi số tỉnh thành lập theo quyết định nào", "01-QĐ/BCĐCĐS"],
    ["de an chuyen doi so cua tinh phe duyet o quyet dinh nao", "2314/QĐ-UBND"],
  ])("%s", (q, number) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    // The document first: "Văn bản: …", or "<body> thành lập theo …" for a body's founding decision.
    expect(fold(r.lines[0]!.text)).toMatch(/^van ban: |thanh lap theo/);
    expect(fold(r.lines[0]!.text)).toContain(fold(number));
  });
});

describe("a unit's leaders, and a unit's tasks whoever assigned them", () => {
  it("'lãnh đạo <sở>' names the head the sources record", () => {
    expect(plain("lãnh đạo Sở TT&TT là ai")).toContain("dao xuan ky");
  });
  it("a post the sources do not fill is said so, for that unit", () => {
    const r = ask("giám đốc bảo hiểm xã hội tỉnh là ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi giam doc bao hiem xa hoi tinh");
    expect(ask("gđ bhxh tỉnh").abstained).toBe(true);
    expect(ask("cục trưởng cục thuế tỉnh là ai").abstained).toBe(true);
  });
  it("'<bộ> được Thủ tướng giao nhiệm vụ gì' lists the unit's tasks", () => {
    const r = ask("Bộ Công an được Thủ tướng giao nhiệm vụ gì");
    expect(r.intent).toBe("tasks");
    expect(fold(renderPlain(r))).toContain("trung tam du lieu quoc gia");
  });
});

describe("meetings named by day and the DTI aimed at", () => {
  it("a meeting named by its day is the meeting, whatever it discussed", () => {
    const r = ask("hạn chế nêu tại họp 07/9/2022 về DTI");
    expect(r.intent).toBe("meeting");
    expect(r.abstained).toBe(false);
  });
  it("'phấn đấu DTI … đạt nhóm nào' asks for the target", () => {
    expect(ask("tỉnh phấn đấu DTI năm 2025 đạt nhóm nào").intent).toBe("target");
  });
});

describe("a question for a figure, and an entry with all the words", () => {
  it("an entry without a figure does not answer 'bao nhiêu'", () => {
    // The meeting says the share "chưa nhiều", and gives no figure.
    const r = ask("tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ năm 2022 là bao nhiêu");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong ghi con so");
  });
  it("keywords all found in one entry, not side by side, answer", () => {
    const r = ask("cáp quang hộ gia đình 2023");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("85%");
  });
  it("hasFigure: a rank is a figure, a date, a year or a document's number is not", async () => {
    const { hasFigure } = await import("../../../src/core/answers/format.ts");
    expect(hasFigure("xếp hạng 27/63")).toBe(true);
    expect(hasFigure("Trên 85% hộ gia đình")).toBe(true);
    expect(hasFigure("Thông báo 16/TB-VPCP ngày 28/01/2023")).toBe(false);
    expect(hasFigure("(1) Quán triệt chủ đề năm 2023")).toBe(false);
  });
});

describe("meetings: who attended, and what was said on a topic", () => {
  it("a person among the attendees: 'Có', first", () => {
    const r = ask("đào xuân kỳ có dự họp ngày 20/02/2023 không");
    expect(fold(r.lines[0]!.text)).toMatch(/^co\. dao xuan ky/);
  });
  it("a unit among the attendees, named by its leaders", () => {
    const r = ask("họp ngày 20/02/2023 có lãnh đạo Ngân hàng Nhà nước dự không");
    expect(r.intent).toBe("meeting");
    expect(fold(r.lines.find((l) => /^Có\./.test(l.text))?.text ?? "")).toContain("ngan hang nha nuoc");
  });
  it("someone the attendees do not include is said so, not 'Có'", () => {
    const r = ask("trần quốc nam có dự họp 25/12/2022 không");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).not.toMatch(/\bCó\./);
  });
  it("the sentences on the topic asked come before the card", () => {
    const r = ask("họp ngày 20/02/2023 nói gì về thanh toán không dùng tiền mặt");
    const i = r.lines.findIndex((l) => /thanh toán không dùng tiền mặt/i.test(l.text));
    const card = r.lines.findIndex((l) => l.text.startsWith("Thành phần"));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(card === -1 || i < card).toBe(true);
  });
});

describe("posts", () => {
  it("'Phó Trưởng ban Thường trực' is a post, not an unknown unit", () => {
    const r = ask("phó trưởng ban thường trực ban điều hành là ai");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("nguyen long bien");
  });
  it("'trưởng ban và phó trưởng ban' names both", () => {
    const text = plain("ban điều hành có trưởng ban và phó trưởng ban là ai");
    expect(text).toContain("tran quoc nam");
    expect(text).toContain("nguyen long bien");
  });
});

describe("yes or no about a person, first", () => {
  it.each([
    ["Kế hoạch 4233/KH-UBND có phải ông Trần Quốc Nam ký không", /^khong\. .*nguyen long bien/],
    ["kh 4233 co phai do nguyen long bien ki ko", /^co\. /],
    ["ông Trần Quốc Nam có chủ trì họp ngày 07/09/2022 không", /^co\. tran quoc nam chu tri/],
    ["Nguyễn Long Biên có chủ trì cuộc họp ngày 20/02/2023 không", /^khong\. .*tran quoc nam chu tri/],
    ["Đào Xuân Kỳ có phải Trưởng ban Điều hành không", /^khong\. .*tran quoc nam/],
    ["nguyen long bien co phai pho truong ban thuong truc ko", /^co\. nguyen long bien/],
  ])("%s", (q, first) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(r.lines[0]!.text)).toMatch(first);
  });
});

describe("targets named by figure or by document", () => {
  it("'bao nhiêu phần trăm <what a target measures>' is the target, with its figure", () => {
    const r = ask("đến năm 2025 bao nhiêu phần trăm hồ sơ công việc cấp xã được xử lý trên môi trường mạng");
    expect(r.intent).toBe("target");
    expect(fold(renderPlain(r))).toMatch(/\d+%/);
  });
  it("the targets of the document named", () => {
    const text = plain("mục tiêu về dữ liệu theo QĐ 17");
    expect(text).toContain("du lieu mo");
  });
  it("a target that states no figure does not answer 'bao nhiêu'", () => {
    const r = ask("tỷ lệ thanh toán không dùng tiền mặt tại trường học mục tiêu là bao nhiêu phần trăm");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi con so");
  });
});

describe("documents, units and meetings the sources do not describe", () => {
  it("'trích yếu' the sources do not give is said so", () => {
    const r = ask("trích yếu của kế hoạch 3609 là gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi trich yeu cua ke hoach 3609/kh-bdhcds");
    expect(ask("trích yếu quyết định 505").abstained).toBe(false);
  });
  it.each(["tỉnh đoàn có nhiệm vụ chuyển đổi số gì", "hoi lien hiep phu nu tinh phai lam gi"])(
    "a mass organisation the knowledge lacks: %s",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(true);
      expect(fold(renderPlain(r))).toContain("chua co don vi");
      expect(fold(renderPlain(r))).not.toContain("trung tam du lieu quoc gia");
    },
  );
  it.each([
    ["họp ban điều hành quý III/2023 kết luận gì", "quy iii/2023"],
    ["cuộc họp tháng 11/2024 của BĐH", "thang 11/2024"],
  ])("a period with no meeting: %s", (q, label) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(`khong co cuoc hop nao trong ${label}`);
  });
  it("a meeting in the period named is still found", () => {
    expect(ask("họp ban điều hành quý I/2023 kết luận gì").abstained).toBe(false);
  });
});

describe("names typed with a neighbouring key", () => {
  it("'nan' for 'nam' (m and n side by side) is the same person; 'Lam' is not", () => {
    expect(plain("tran quoc nan la ai")).toContain("chu tich ubnd tinh");
    expect(ask("Trần Quốc Lam là ai").abstained).toBe(true);
  });
  it("'người đứng đầu <sở>' is the unit's head", () => {
    expect(plain("người đứng đầu Sở Thông tin và Truyền thông")).toContain("dao xuan ky");
  });
});

describe("the document asked for by what it sets", () => {
  it("'số hiệu văn bản quy định <điều>' is the number of that document", () => {
    const r = ask("số hiệu văn bản quy định ngày chuyển đổi số của tỉnh");
    expect(fold(r.lines[0]!.text)).toContain("1560/qd-ubnd");
  });
  it("'<mục tiêu> nằm trong văn bản nào' is the document that set the target", () => {
    const r = ask("mục tiêu 100% hồ sơ công việc cấp tỉnh xử lý trên môi trường mạng thuộc văn bản nào");
    expect(r.abstained).toBe(false);
    expect(fold(r.lines[0]!.text)).toMatch(/^van ban: /);
  });
  it("a day named with 'ban hành' is what was issued that day", () => {
    expect(ask("ngày 09/11/2022 ban hành quyết định gì").intent).toBe("document");
  });
});

describe("chat around the question", () => {
  it("'tỉnh mình' is the province, not the asker's unit", async () => {
    const { mentionsSelf } = await import("../../../src/core/answers/understand.ts");
    expect(mentionsSelf("tỉnh mình lấy ngày nào làm Ngày Chuyển đổi số")).toBe(false);
    expect(mentionsSelf("đơn vị mình có nhiệm vụ gì")).toBe(true);
  });
  it("a long message with greetings and thanks is answered from its question clause", () => {
    const r = ask(
      "Dạ em chào anh chị, em mới được phân công theo dõi, cho em hỏi Ngày Chuyển đổi số quốc gia là ngày nào vậy ạ, em cảm ơn nhiều",
    );
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("10/10");
  });
  it("chat words typed with their diacritics are not searched ('chị', 'mình'); their folded twins are", async () => {
    const { contentTokens } = await import("../../../src/core/text/tokens.ts");
    expect(contentTokens("anh chị cho em hỏi tỉnh mình")).toEqual(["tinh"]);
    expect(contentTokens("chi so thong minh")).toEqual(["chi", "so", "thong", "minh"]);
  });
});

describe("who supports or leads a task, whoever the question names in it", () => {
  it("'ai phối hợp với <sở chủ trì> <việc>' names the supporting units", () => {
    const text = plain("ai phối hợp với Sở TT&TT tuyên truyền Ngày Chuyển đổi số tỉnh");
    expect(text).toContain("phoi hop thuc hien");
    expect(text).toContain("ubnd cac huyen");
  });
  it("a day in the task's name is not a deadline window", () => {
    expect(plain("tuyên truyền ngày 10/10 thì ai phối hợp")).toContain("phoi hop thuc hien");
  });
});

describe("bodies: whom they report to, what they are for, what founded them", () => {
  it.each([
    ["Ban Điều hành chuyển đổi số tỉnh trực thuộc ban nào", "truc thuoc ban chi dao"],
    ["tổ giúp việc thuộc cơ quan nào", "truc thuoc ban dieu hanh"],
    ["Tổ công nghệ số cộng đồng có vai trò gì", "canh tay noi dai"],
    ["ban chi dao cds tinh thanh lap theo quyet dinh nao", "352-qd/tu"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(r.lines[0]!.text)).toContain(said);
  });
  it("a body the sources do not describe is said so", () => {
    const r = ask("tổ giúp việc có vai trò gì");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong mo ta");
  });
  it("a question about a theme or a document only names the body", () => {
    expect(ask("chủ đề hành động năm 2023 của ban chỉ đạo là gì").intent).toBe("theme");
    expect(ask("trích yếu kế hoạch 3609/KH-BĐHCĐS là gì").intent).toBe("document");
  });
});

describe("public holidays", () => {
  it("a listed holiday: 'Có', with its name and source", () => {
    const r = ask("ngày 2/9/2026 có được nghỉ lễ không");
    expect(r.abstained).toBe(false);
    expect(fold(r.lines[0]!.text)).toContain("co. ngay 02/09/2026 la ngay nghi le: quoc khanh");
    expect(r.citations.length).toBeGreaterThan(0);
  });
  it("another day is not claimed a holiday, nor a working day outright", () => {
    const r = ask("ngày 15/9/2026 có nghỉ lễ không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co trong danh sach ngay nghi le nam 2026");
  });
});

describe("one thing asked of the DTI", () => {
  it.each([
    ["các trụ cột của DTI cấp tỉnh là gì", "nhan thuc so"],
    ["DTI viết tắt của chỉ số gì", "chi so chuyen doi so cap tinh"],
    ["chinh quyen so 2022 diem bao nhieu", "0,6787"],
    ["so với năm 2021 thì DTI 2022 tăng bao nhiêu", "94,69%"],
    ["trung bình cả nước DTI 2022", "0,5791"],
    ["dti 2022 cua tinh co cao hon trung binh ca nuoc khong", "co. dti 2022"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(r.lines[0]!.text)).toContain(said);
  });
  it.each([
    ["kinh tế số DTI 2021 xếp thứ mấy", "khong ghi chi so thanh phan kinh te so nam 2021"],
    ["tb dti ca nuoc nam 2021", "khong ghi dti trung binh ca nuoc nam 2021"],
    ["xã hội số 2022 tăng bao nhiêu phần trăm", "khong ghi muc tang theo phan tram"],
  ])("what the year's record lacks is said so: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain(said);
  });
});

describe("comparisons side by side", () => {
  it("two meetings named by their days", () => {
    const r = ask("cuộc họp 07/9/2022 và cuộc họp 20/02/2023 khác gì nhau");
    expect(r.items.filter((i) => i.kind === "meeting")).toHaveLength(2);
    expect(fold(renderPlain(r))).toContain("3609/kh-bdhcds");
  });
  it("a bare number beside a document named by number is the other document", () => {
    const r = ask("quyết định 505 và 1560 khác nhau chỗ nào");
    expect(r.items.filter((i) => i.kind === "document")).toHaveLength(2);
  });
  it("two documents show what each says, not only their titles", () => {
    const r = ask("so sánh kế hoạch 562/KH-UBND và kế hoạch 3402/KH-UBND");
    // Each document's line, and under it what it says (its key points).
    expect(r.lines.filter((l) => l.level === 1).length).toBeGreaterThanOrEqual(2);
    expect(fold(renderPlain(r))).toContain("muc do 4");
  });
  it("comparing the year's themes is the theme answer (both scopes)", () => {
    expect(ask("so sánh chủ đề 2023 của UBQG và của BCĐ tỉnh").intent).toBe("theme");
  });
});

describe("budgets, unit rankings, events and posts at a meeting", () => {
  it.each([
    "kinh phí chuyển đổi số của tỉnh năm 2024 là bao nhiêu",
    "ngân sách cds của đơn vị tôi",
    "sở tôi xếp hạng chuyển đổi số thứ mấy trong các sở",
  ])("not recorded: %s", (q) => {
    const r = engine.ask({ text: q, now: NOW, asker: { unitId: "so-tttt" } });
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong ghi");
  });
  it("'còn bao lâu nữa đến <sự kiện>' finds the event", () => {
    const r = ask("còn bao lâu nữa là đến Ngày Chuyển đổi số tỉnh");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("10/10");
  });
  it("'mốc', 'sự kiện' in a period are deadlines in that period", () => {
    const now = new Date("2026-10-05T09:00:00+07:00");
    const r = engine.ask({ text: "tuần tới có mốc nào về chuyển đổi số không", now });
    expect(r.intent).toBe("deadlines");
    expect(fold(renderPlain(r))).toContain("10/10");
  });
  it("a person's post asked at a meeting is the person's card", () => {
    const r = ask("Tô Lâm giữ chức vụ gì tại hội nghị ngày 25/12/2022");
    expect(r.intent).toBe("person");
    expect(fold(renderPlain(r))).toContain("bo truong bo cong an");
  });
  it("a department named alone, unknown to the knowledge, is said unknown", () => {
    const r = ask("sở y tế chuyển đổi số 2023");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("chua co don vi");
    // "Bộ chỉ số đánh giá …" is a set of indices, not a ministry.
    expect(ask("bộ chỉ số đánh giá chuyển đổi số cấp xã").abstained).toBe(false);
  });
});

describe("figures of the province, a misremembered document type, the commune index", () => {
  it("the province's population is not recorded", () => {
    expect(ask("dân số tỉnh Ninh Thuận bao nhiêu").abstained).toBe(true);
  });
  it("a figure asked of a note that states none is not answered with the entry's headline figure", () => {
    // The DTI 2021 notes say the digital economy's share of GRDP is low, with no figure.
    const r = ask("tỷ trọng kinh tế số trong GRDP của tỉnh năm 2021 là bao nhiêu phần trăm");
    expect(r.abstained).toBe(true);
  });
  it("'QĐ 3609' is Kế hoạch 3609, and the reply says so", () => {
    // (Asked what it says, the reply is that its subject is not recorded: see the not-knowing tests.)
    const r = ask("QĐ 3609 ban hành ngày nào");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("so 3609 la ke hoach, khong phai quyet dinh");
  });
  it("'bộ chỉ số chuyển đổi số cấp xã' is not the provincial DTI", () => {
    const r = ask("bộ chỉ số chuyển đổi số cấp xã gồm những nhóm nào");
    expect(r.intent).not.toBe("indicator");
    expect(fold(renderPlain(r))).toContain("852/qd-ubnd");
  });
});

describe("a group's tasks include those of a wider group", () => {
  it("'các sở, ban, ngành phải làm gì năm 2023' includes what every unit must do", () => {
    const r = ask("các sở ban ngành phải làm gì năm 2023");
    expect(fold(renderPlain(r))).toContain("it nhat mot san pham");
    expect(fold(renderPlain(r))).toContain("(giao chung)");
  });
});

describe("themes by scope, and the year named", () => {
  it("the national theme alone when the question names the national committee", () => {
    const text = plain("chủ đề năm 2023 của Ủy ban Quốc gia về chuyển đổi số là gì");
    expect(text).toContain("tao lap va khai thac du lieu");
    expect(text).not.toContain("huy dong moi nguon luc");
  });
  it("the province's theme alone when the question names the province", () => {
    const text = plain("chủ đề hành động năm 2023 của tỉnh");
    expect(text).toContain("huy dong moi nguon luc");
    expect(text).not.toContain("tao lap va khai thac du lieu");
  });
  it("'năm 2023 là năm gì' is the year's theme, even beside a meeting's date", () => {
    expect(plain("hội nghị ngày 25/12/2022 tuyên bố năm 2023 là năm gì")).toContain("nam du lieu so");
  });
});

describe("tasks named by the clause they come from, and by a body", () => {
  it("'nhiệm vụ trọng tâm' are the tasks the meeting's conclusions call so", () => {
    const r = ask("ban điều hành giao những nhiệm vụ trọng tâm nào năm 2023");
    expect(r.intent).toBe("tasks");
    const text = fold(renderPlain(r));
    expect(text).toContain("quan triet");
    expect(text).toContain("nguoi dung dau");
    // "trung tâm" is not "trọng tâm".
    expect(text).not.toContain("trung tam du lieu quoc gia");
  });
});

describe("deadline windows", () => {
  const june2023 = new Date("2023-06-01T09:00:00+07:00");
  it("'có hạn trước ngày X' is every deadline before X", () => {
    const r = engine.ask({ text: "nhiệm vụ nào có hạn trước ngày 01/01/2024", now: june2023 });
    expect(r.lines.length).toBeGreaterThanOrEqual(2);
    expect(fold(r.title ?? "")).toContain("truoc ngay 01/01/2024");
    expect(fold(renderPlain(r))).toContain("31/12/2023");
  });
  it("'sắp đến hạn trong tháng này' is this month, not the default span", () => {
    const dec = new Date("2023-12-05T09:00:00+07:00");
    const r = engine.ask({ text: "nhiệm vụ nào sắp đến hạn trong tháng này", now: dec });
    expect(fold(renderPlain(r))).toContain("31/12/2023");
  });
  it("a unit with nothing due soon also sees what is past due", () => {
    const r = engine.ask({ text: "hạn chót nhiệm vụ của tôi", now: NOW, asker: { unitId: "bhxh-tinh" } });
    expect(fold(renderPlain(r))).toContain("da qua han");
  });
  it("'lần tới', 'nữa tới' are not 'tôi'", async () => {
    const { mentionsSelf } = await import("../../../src/core/answers/understand.ts");
    expect(mentionsSelf("ngay chuyen doi so tinh lan toi la ngay nao")).toBe(false);
    expect(mentionsSelf("con bao lau nua toi ngay cds")).toBe(false);
  });
});

describe("bodies: founded by whom; a thing named with a body is not the body", () => {
  it.each(["ai thành lập Ban Chỉ đạo chuyển đổi số tỉnh", "BCĐ CĐS tỉnh do cơ quan nào thành lập"])(
    "%s",
    (q) => {
      expect(plain(q)).toContain("352-qd/tu");
    },
  );
  it("'“cánh tay nối dài” của Ban Chỉ đạo là gì' is the Tổ công nghệ số cộng đồng", () => {
    expect(plain("cánh tay nối dài của Ban Chỉ đạo là gì")).toContain("to cong nghe so cong dong");
  });
  it("a reorganisation the register does not record is said so", () => {
    const r = ask("Sở Tư pháp sáp nhập vào sở nào");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong ghi viec sap xep, sap nhap");
  });
});

describe("targets asked with their frame words", () => {
  it.each([
    ["tỷ lệ người từ 15 tuổi có tài khoản thanh toán năm 2023", "75%"],
    ["đến năm 2025 tỷ lệ dịch vụ công trực tuyến mức độ 4 của tỉnh là bao nhiêu", "100%"],
    ["Kế hoạch 562/KH-UBND đặt mục tiêu gì về dịch vụ công trực tuyến", "muc do 4"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fold(fact));
  });
  it("a figure whose qualifier no target has is not answered with a near one", () => {
    const r = ask("tỷ lệ dịch vụ công trực tuyến toàn trình của tỉnh năm 2023 phấn đấu là bao nhiêu");
    expect(r.abstained).toBe(true);
  });
  it("merging systems is not a reorganisation of agencies", () => {
    expect(ask("hợp nhất cổng dịch vụ công và hệ thống một cửa 2023").lines[0]?.text ?? "").not.toMatch(
      /sáp nhập/,
    );
  });
  it("a year's deadline for something no task is about is not the year's list", () => {
    const r = ask("khi nào hết hạn góp ý dự thảo kế hoạch chuyển đổi số năm 2023 của Ban Điều hành");
    expect(r.abstained).toBe(true);
  });
});

describe("more of what the record has, or lacks", () => {
  it("a holiday named by what it celebrates, in a year", () => {
    const r = ask("nghỉ lễ Quốc khánh năm 2026");
    expect(fold(r.lines[0]!.text)).toContain("02/09/2026");
    expect(ask("ngày nghỉ bù Quốc khánh năm 2026 là ngày nào").abstained).toBe(true);
  });
  it("tasks that name a document answer 'nhiệm vụ nào … <văn bản>'", () => {
    expect(plain("nhiệm vụ nào yêu cầu bám sát Thông báo 16/TB-VPCP")).toContain("cu the hoa");
  });
  it("a figure asked of a document whose record states none is said not recorded", () => {
    const r = ask("kết quả thực hiện KH 3609 đạt bao nhiêu phần trăm");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong ghi con so");
    // "ngày bao nhiêu" asks a date, which the record has.
    expect(ask("kế hoạch 3609 ngày bao nhiêu").abstained).toBe(false);
  });
  it("the number of a document attached to another, when the sources give none", () => {
    const r = ask("kế hoạch kèm theo QĐ 56/QĐ-UBND có số hiệu là gì");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong ghi so hieu cua van ban ban hanh kem theo");
  });
  it("a question naming one body is not answered by another body's document", () => {
    const r = ask("quy chế làm việc của Ban Điều hành chuyển đổi số tỉnh ban hành theo quyết định nào");
    expect(fold(renderPlain(r))).not.toContain("02-qd/bcdcds");
    expect(plain("quy chế làm việc của Ban Chỉ đạo ban hành theo văn bản nào")).toContain("02-qd/bcdcds");
  });
  it("the next date of a yearly day ('lần tới', 'năm sau', 'còn bao lâu')", () => {
    for (const q of ["Ngày Chuyển đổi số tỉnh lần tới là ngày nào", "ngày cđs tỉnh năm sau là ngày nào"]) {
      expect(fold(renderPlain(ask(q)))).toContain("10/10/2027");
    }
  });
  it("a post's holder at a meeting ('tên là gì') is the post, said not recorded when it is not", () => {
    const r = ask("tổ phó tổ giúp việc dự họp ngày 20/02/2023 tên là gì");
    expect(r.intent).toBe("role");
    expect(r.abstained).toBe(true);
  });
  it("'hiệu trưởng' is a post; a person asked 'trưởng ban của ban nào' gets their posts", () => {
    expect(ask("hiệu trưởng trường chính trị tỉnh là ai").abstained).toBe(true);
    expect(plain("ông Trần Quốc Nam là trưởng ban của ban nào")).toContain(
      "ban dieu hanh chuyen doi so tinh",
    );
  });
  it("a level ('nhóm khá') answers 'đạt mức nào'", () => {
    expect(plain("tỉnh phấn đấu chỉ số DTI năm 2023 đạt mức nào")).toContain("nhom kha");
  });
});

describe("chat, holidays, pillars, bodies and supported tasks", () => {
  it("'cho tôi hỏi', 'tôi là cán bộ mới' are the asker speaking, not 'my unit'", async () => {
    const { mentionsSelf } = await import("../../../src/core/answers/understand.ts");
    expect(mentionsSelf("cho tôi hỏi tổ đó làm gì")).toBe(false);
    expect(mentionsSelf("tôi là cán bộ mới ở huyện")).toBe(false);
    expect(mentionsSelf("việc của tôi là gì")).toBe(true);
    expect(mentionsSelf("đô thị thông minh")).toBe(false);
  });
  it("a message split by ':' is answered from its question", () => {
    const r = ask("e cần gấp lắm: mục tiêu kinh tế số năm 2023 chiếm bao nhiêu % GDP ạ");
    expect(fold(renderPlain(r))).toContain("16%");
  });
  it("the next holiday, after today or after the one named", () => {
    expect(fold(ask("ngày nghỉ lễ tiếp theo là ngày nào").lines[0]!.text)).toContain("01/01/2027");
    const r = engine.ask({
      text: "sau Tết Dương lịch thì ngày lễ kế tiếp là ngày nào",
      now: new Date("2025-01-02T09:00:00+07:00"),
    });
    expect(fold(r.lines[0]!.text)).toContain("30/04/2025");
  });
  it("a pillar whose score the sources do not give is said so", () => {
    const r = ask("trụ cột hạ tầng số trong DTI 2022 được bao nhiêu điểm");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("khong ghi diem, thu hang cua tru cot ha tang so");
  });
  it("a decision issuing a plan answers 'kế hoạch … ban hành kèm văn bản nào'", () => {
    expect(plain("kế hoạch hoạt động năm 2023 của UBQG ban hành kèm văn bản nào")).toContain("17/qd-ubqgcds");
  });
  it("'Ban Chỉ đạo là cấp trên của ban nào' names the bodies under it", () => {
    expect(fold(ask("Ban Chỉ đạo là cấp trên của ban nào").lines[0]!.text)).toContain("ban dieu hanh");
  });
  it("a group's dated tasks include those it supports, marked", () => {
    const text = plain("UBND các huyện có nhiệm vụ gì liên quan đến ngày 10/10");
    expect(text).toContain("(phoi hop)");
  });
  it("progress counts are not recorded", () => {
    expect(ask("năm 2023 tỉnh đã hoàn thành được bao nhiêu sản phẩm chuyển đổi số").abstained).toBe(true);
  });
});

describe("plain-typed frames", () => {
  it("'thoi gian' typed without diacritics is the frame 'thời gian', not the word 'thôi'", () => {
    const r = ask("Trung tam Du lieu quoc gia phai xay dung trong thoi gian nao");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("31/12/2023");
  });
  it("'tới', 'trước', 'ủa' frame a question", () => {
    expect(fold(renderPlain(ask("ngày cđs tỉnh tới là ngày nào")))).toContain("10/10/2027");
    expect(ask("sản phẩm chuyển đổi số năm 2023 phải hoàn thành trước ngày nào").abstained).toBe(false);
    expect(plain("ủa vậy ai chủ trì xây Trung tâm Dữ liệu quốc gia vậy ta")).toContain("bo cong an");
  });
});

describe("set-5 classes: periods of holidays, next dates, chat and typing", () => {
  it("the holidays in a period, from now to the end of a month, and several days named", () => {
    const april = new Date("2026-04-10T09:00:00+07:00");
    const text = fold(
      renderPlain(engine.ask({ text: "từ nay đến hết tháng 5 có ngày nghỉ lễ nào", now: april })),
    );
    expect(text).toContain("30/04/2026");
    expect(text).toContain("01/05/2026");
    const two = fold(renderPlain(ask("năm 2027 nghỉ lễ 30/4 và 1/5 vào ngày nào")));
    expect(two).toContain("30/04/2027");
    expect(two).toContain("01/05/2027");
  });
  it("the next date of the yearly day, whatever else the question says", () => {
    for (const q of [
      "Ngày Chuyển đổi số tỉnh sắp tới là ngày nào?",
      "lần tới tổ chức Ngày Chuyển đổi số của tỉnh là ngày mấy",
    ])
      expect(fold(renderPlain(ask(q)))).toContain("10/10/2027");
  });
  it("the meeting's sentences on a topic are all given (up to five)", () => {
    const text = plain("nguyên nhân DTI 2021 thấp theo họp 07/9/2022");
    expect(text).toContain("vo so");
  });
  it("'tỉnh NT' is the province; a doubled or held letter is one", () => {
    expect(plain("QĐ nào quy định ngày CĐS tỉnh NT")).toContain("1560/qd-ubnd");
    expect(ask("quyết điịnh 505 ban hành ngày nào").abstained).toBe(false);
    expect(plain("Mục tiêuuu kinh tế số 2023 cả nướccc là bao nhiêuuu % GDP ạ")).toContain("16%");
    // An abbreviation keeps its letters.
    expect(plain("mục tiêu ATTT năm 2023 theo QĐ 17")).toContain("80%");
  });
  it("what a post-holder said is not who holds the post; 'ngoài Thủ tướng, những ai dự' are the attendees", () => {
    expect(plain("tại cuộc họp BĐH, Chủ tịch tỉnh xác định năm 2023 là năm gì")).toContain("nam ban le");
    expect(plain("ngoài Thủ tướng, những ai dự Hội nghị ngày 25/12/2022")).toContain("vu duc dam");
  });
  it("an address, a newspaper, another index, a successor are not recorded", () => {
    for (const q of [
      "địa chỉ trung tâm phục vụ hành chính công tỉnh ở đâu",
      "Như Vương viết cho báo nào",
      "PAR Index 2022 của tỉnh xếp hạng mấy",
      "ai thay ông Đào Xuân Kỳ làm giám đốc sở",
      "tỉnh đã lập được bn Tổ CNSCĐ",
    ])
      expect(ask(q).abstained).toBe(true);
  });
  it("'Cơ quan cấp trên của Ban Điều hành' is its parent; 'nói về việc gì' is what a document says", () => {
    expect(
      fold(ask("cơ quan cấp trên của Ban Điều hành chuyển đổi số là cơ quan nào").lines[0]!.text),
    ).toContain("truc thuoc ban chi dao");
    expect(ask("Chỉ thị 05/CT-TTg ban hành ngày nào và nói về việc gì").abstained).toBe(false);
  });
});

describe("set-6 classes: ordinals, yes/no on a unit, progress, lists of meetings, the DTI at a date", () => {
  it("'nhiệm vụ trọng tâm thứ ba' is the task whose clause is numbered (3)", () => {
    const text = plain("nhiệm vụ trọng tâm thứ ba yêu cầu căn cứ vào những văn bản nào");
    expect(text).toContain("03-tb/bcdcds");
    expect(plain("nv trọng tâm 3 bám sát vb nào")).toContain("03-tb/bcdcds");
    expect(plain("nhiệm vụ số 1 trong kết luận họp BĐH 20/02/2023")).toContain("tao lap va khai thac");
  });
  it("'<đơn vị> có phải <việc> không' without 'chủ trì' asks whether it leads; 'đơn vị tôi' is the asker's", () => {
    expect(fold(ask("Sở TT&TT có phải xây dựng Trung tâm Dữ liệu quốc gia không").lines[0]!.text)).toMatch(
      /^khong\./,
    );
    const r = engine.ask({
      text: "đơn vị tôi có phải chủ trì xây dựng Trung tâm Dữ liệu quốc gia không",
      now: NOW,
      asker: { unitId: "so-tttt" },
    });
    expect(fold(renderPlain(r))).toContain("bo cong an");
  });
  it("progress the store does not record is said so, with the deadline", () => {
    const r = ask("Sở TT&TT đã hoàn thành sản phẩm chuyển đổi số năm 2023 chưa");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("chua ghi nhan so thong tin va truyen thong da hoan thanh");
  });
  it("'BĐH đã họp những lần nào' lists the meetings of that body", () => {
    const r = ask("BĐH đã họp những lần nào");
    expect(r.items.filter((i) => i.kind === "meeting").length).toBe(2);
  });
  it("the latest DTI at a date is the one published by then", () => {
    expect(
      fold(ask("khi họp ngày 20/02/2023, chỉ số DTI mới nhất của tỉnh là bao nhiêu").lines[0]!.text),
    ).toContain("0,3048");
  });
  it("'quyết định nào lấy ngày 10/10 là ngày chuyển đổi số' is not what was issued on 10/10", () => {
    expect(plain("quyết định nào lấy ngày 10/10 là ngày chuyển đổi số tỉnh")).toContain("1560/qd-ubnd");
  });
  it("'số hóa' is not a department; 'kế hoahc 562' is the plan", () => {
    expect(plain("so hoa giao duc y te")).not.toContain("chua co don vi");
    expect(ask("ke hoahc 562 ngay nao").abstained).toBe(false);
  });
});

describe("set-7 classes", () => {
  it("'liên quan tới', 'giúp tôi' are not 'my unit'", async () => {
    const { mentionsSelf } = await import("../../../src/core/answers/understand.ts");
    expect(mentionsSelf("co nhiem vu nao lien quan toi du lieu khong")).toBe(false);
    expect(mentionsSelf("liệt kê giúp tôi các nhiệm vụ năm 2023")).toBe(false);
  });
  it("'phải xong trước 31/12/2023' includes what is due on 31/12/2023", () => {
    const r = engine.ask({
      text: "những việc nào phải xong trước 31/12/2023",
      now: new Date("2023-06-01T09:00:00+07:00"),
    });
    expect(fold(renderPlain(r))).toContain("it nhat mot san pham");
  });
  it("the next holiday comes with those right after it (30/4 and 1/5)", () => {
    const r = engine.ask({ text: "sắp tới được nghỉ lễ gì", now: new Date("2024-04-10T09:00:00+07:00") });
    const text = fold(renderPlain(r));
    expect(text).toContain("30/04/2024");
    expect(text).toContain("01/05/2024");
  });
  it("'X có phải chủ trì họp ngày D không' is about that meeting, whatever post X holds", () => {
    expect(
      fold(ask("Thủ tướng Phạm Minh Chính có chủ trì cuộc họp ngày 20/02/2023 không").lines[0]!.text),
    ).toContain("tran quoc nam");
  });
  it("meetings on days with no attendees recorded: said so", () => {
    const r = ask("ngoài người chủ trì, những ai dự cuộc họp ngày 07/9/2022");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi thanh phan du");
  });
  it("no supporting unit recorded is a precise 'not recorded'", () => {
    expect(ask("cơ quan nào phối hợp với Bộ Công an xây dựng Trung tâm Dữ liệu quốc gia").abstained).toBe(
      true,
    );
  });
  it("progress of a task named without a unit", () => {
    const r = ask("Trung tâm Dữ liệu quốc gia đã xây dựng xong chưa");
    expect(r.abstained).toBe(true);
    expect(fold(r.lines[0]!.text)).toContain("chua ghi nhan bo cong an da hoan thanh");
  });
  it("'CQ số' is chính quyền số; a region's ranking is not recorded; 'hello … thanks' frames", () => {
    expect(plain("CQ số năm 2021 đạt bao nhiêu điểm, hạng mấy")).toContain("0,3512");
    expect(ask("DTI 2022 của tỉnh đứng thứ mấy trong khu vực Nam Trung Bộ").abstained).toBe(true);
    expect(
      plain("hello bot mục tiêu kinh tế số năm 2023 của cả nước là bao nhiêu % GDP thế ạ? thanks"),
    ).toContain("16%");
  });
  it("'Tổ công nghệ số cộng đồng làm nhiệm vụ gì' is the body's role", () => {
    expect(plain("Tổ công nghệ số cộng đồng làm nhiệm vụ gì")).toContain("canh tay noi dai");
  });
});

describe("classes from held-out set 8: a task named by its words, asked one attribute", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } });

  it.each([
    // The product, though the words also name a role ("người đứng đầu") or a plan.
    [
      "việc cụ thể hóa nhiệm vụ vào kế hoạch có sản phẩm là gì",
      "san pham cua nhiem vu",
      "ke hoach cua tung co quan",
    ],
    [
      "nhiệm vụ phát huy tinh thần trách nhiệm người đứng đầu do ai chủ trì",
      "chu tri",
      "cac co quan, don vi, dia phuong",
    ],
    // The document it rests on.
    ["Nhiệm vụ tuyên truyền Ngày Chuyển đổi số tỉnh dựa vào quyết định nào?", "can cu", "1560/qd-ubnd"],
    // Who gave it: where it was assigned, and the sentence that says so.
    ["Ai đã giao việc xây dựng Trung tâm Dữ liệu quốc gia?", "giao tai", "pham minh chinh"],
    // A task with no product recorded: said so, precisely.
    ["việc tuyên truyền ngày cđs tỉnh ra sản phẩm gì", "khong ghi san pham cua nhiem vu", "so thong tin"],
  ])("%s", (q, opening, fact) => {
    const text = plain(q);
    expect(text.split("\n")[0]).toContain(opening);
    expect(text).toContain(fact);
  });

  it("the supporting units of 'my' task, and whether a task is mine (Có / Không)", () => {
    const support = fold(
      renderPlain(
        askAs("trong việc tuyên truyền ngày CĐS tỉnh đơn vị nào phối hợp với chúng tôi", "so-tttt"),
      ),
    );
    expect(support).toContain("ubnd cac huyen");
    const yes = askAs("Đơn vị tôi có phải làm nhiệm vụ quán triệt chủ đề không?", "so-tttt");
    expect(fold(renderPlain(yes))).toMatch(/^co\. so thong tin va truyen thong - giao chung/);
    const no = fold(
      renderPlain(askAs("chúng tôi có việc gì liên quan Trung tâm Dữ liệu quốc gia không", "so-tttt")),
    );
    expect(no).toMatch(/^khong\. nhiem vu .*bo cong an chu tri/);
    // "có phải chủ trì … không" stays a check of the role asked.
    const check = fold(
      renderPlain(askAs("đv tôi có phải chủ trì tuyên truyền ngày CĐS tỉnh ko", "bhxh-tinh")),
    );
    expect(check).toMatch(/^khong\./);
    expect(check).toContain("so thong tin va truyen thong");
  });

  it("'ba nhiệm vụ trọng tâm … có thời hạn không' gives each task's deadline, the meeting only names them", () => {
    const text = plain("3 nhiệm vụ trọng tâm họp ngày 20/02/2023 có thời hạn không?");
    expect(text.match(/thoi han "/g)?.length).toBe(3);
    expect(text).toContain("trong nam 2023");
    expect(text).not.toContain("thoi han: thoi han");
  });

  it("'công tác tuyên truyền' is tuyên truyền: every task on it", () => {
    const text = plain("Có những nhiệm vụ nào liên quan đến công tác tuyên truyền?");
    expect(text).toContain("quan triet");
    expect(text).toContain("ngay chuyen doi so tinh");
  });

  it("'AI' in capitals or after 'ứng dụng' is trí tuệ nhân tạo, not 'ai' (who)", () => {
    expect(plain("cuộc họp ngày 20/02/2023 nói gì về AI")).toContain("tri tue nhan tao");
    expect(plain("cuoc hop quy 1 ban ve ung dung ai the nao")).toContain("tri tue nhan tao");
  });

  it("a count of what exists is not answered by a rate to reach; a hotline is a phone number", () => {
    const count = ask("Tỉnh có bao nhiêu thuê bao di động?");
    expect(count.abstained).toBe(true);
    // The rate is offered as what is near, not as the answer.
    expect(fold(renderPlain(count))).toMatch(
      /(?:gan nhat toi co|dieu da biet): .*ty le dien thoai thong minh/,
    );
    const groups = ask("tinh co bao nhieu to cong nghe so cong dong");
    expect(groups.abstained).toBe(true);
    const hotline = ask("Số đường dây nóng của Trung tâm phục vụ hành chính công tỉnh?");
    expect(hotline.abstained).toBe(true);
    expect(fold(renderPlain(hotline))).toContain("so dien thoai");
  });

  it("'trên nền tảng nào' asks for the platform: the target that names one answers", () => {
    for (const q of [
      "Mục tiêu 2023 về chia sẻ dữ liệu qua nền tảng nào?",
      "Các địa phương phải cung cấp dịch vụ chia sẻ dữ liệu trên nền tảng nào?",
    ]) {
      const r = ask(q);
      expect(r.abstained).toBe(false);
      expect(fold(renderPlain(r))).toContain("ndxp/lgsp");
    }
    expect(queryTerms("chia sẻ dữ liệu trên nền tảng nào")).not.toContain("tang");
  });

  it("keywords 'văn bản thành lập <cơ quan>'; 'có gì thay đổi'; 'bộ chỉ số … gồm'; a stretched 'ạaa'", () => {
    expect(plain("van ban thanh lap ban dieu hanh chuyen doi so tinh")).toContain("01-qd/bcdcds");
    const changed = ask("Năm 2022 Tổ công nghệ số cộng đồng có gì thay đổi?");
    expect(changed.abstained).toBe(false);
    expect(fold(renderPlain(changed))).toContain("mo rong");
    expect(plain("bộ chỉ số cấp xã gồm những nhóm nào")).toContain("nhan thuc so; the che so; ha tang so");
    const stretched = ask("tổ công nghệ số cộng đồng lập ở đâu vậy ạaa");
    expect(stretched.abstained).toBe(false);
    expect(fold(renderPlain(stretched))).toContain("thon, khu pho");
  });

  it("a unit with a verb of saying asks what was said, not the unit's card", () => {
    const r = ask("Chủ tịch UBND tỉnh đánh giá năm 2023 ra sao?");
    expect(r.intent).not.toBe("unit");
    expect(fold(renderPlain(r))).not.toContain("ten goi khac");
  });
});

describe("classes from held-out set 9", () => {
  const at = (text: string, iso: string) => engine.ask({ text, now: new Date(iso) });

  it.each([
    // Who said it: a conclusion names the chair who concluded, with the post the question may use.
    ["Ai đã tuyên bố năm 2023 là Năm Dữ liệu số?", "pham minh chinh"],
    ["Chủ tịch tỉnh xác định năm 2023 là năm gì?", "ban le"],
    ["3 nhiệm vụ trọng tâm năm 2023 do ai kết luận?", "tran quoc nam"],
    // A yearly task's day asked with the unit that leads it: the day, not the unit's card.
    ["Hằng năm Sở TT&TT tuyên truyền Ngày CĐS tỉnh vào ngày nào?", "10/10"],
    // A meeting's words on one topic, "chỉ số" kept whole, one distinctive word enough.
    ["cuộc họp 20/02/2023 nhận xét gì về chỉ số DTI", "nhom thap"],
    ["họp 20/2/2023 đánh giá DTI của tỉnh thế nào", "nhom thap"],
    // A figure a document sets is one of its targets; "TMĐT", "top", "DIT", "ĐA", "chủ trương ĐT".
    ["TMĐT chiếm bao nhiêu phần trăm tổng mức bán lẻ theo QĐ 17", "8,5%"],
    ["Tỉnh phấn đấu vào top mấy về DTI năm 2025?", "nhom 15"],
    ["chi so DIT nam 2021", "0,3048"],
    ["QĐ phê duyệt ĐA CĐS tỉnh 2021-2025", "2314/qd-ubnd"],
    ["NQ HĐND chủ trương ĐT dự án CĐS số mấy", "34/nq-hdnd"],
    ["nghị quyết HĐND về chủ trương đầu tư dự án CĐS tỉnh giai đoạn 2021-2025", "34/nq-hdnd"],
    ["Kế hoạch hoạt động năm 2023 của Ủy ban Quốc gia có số hiệu là gì", "17/qd-ubqgcds"],
    // About the assistant itself.
    ["trợ lý này phục vụ tỉnh nào", "ninh thuan"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it.each([
    // A plan of the year named that the knowledge does not hold: not another year's, not a notice.
    ["Kế hoạch chuyển đổi số năm 2023 của Ban Điều hành có số hiệu là gì?", "chua co thong tin de tra loi"],
    ["Bao giờ Ban Điều hành họp phiên tiếp theo?", "khong ghi lich cac cuoc hop sap toi"],
    ["Như Vương làm việc ở cơ quan nào?", "khong ghi noi cong tac cua nhu vuong"],
    ["Hiện nay tỉnh đạt bao nhiêu % dịch vụ công mức độ 4?", "khong ghi so lieu thuc te"],
  ])("not recorded, said so: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("a workplace that a position records is answered; 'ai tham dự' is the meeting's attendees", () => {
    expect(ask("Đào Xuân Kỳ làm việc ở cơ quan nào?").abstained).toBe(false);
    expect(ask("ai tham dự hội nghị ngày 25/12/2022 cùng Thủ tướng").intent).toBe("meeting");
  });

  it("'tháng trước' finds the meeting of last month; 'tính từ hôm nay … còn bao lâu' counts from today", () => {
    const march = "2023-03-15T09:00:00+07:00";
    expect(fold(renderPlain(at("Tháng trước Ban Điều hành họp ngày nào?", march)))).toContain("20/02/2023");
    const left = fold(
      renderPlain(at("tính từ hôm nay thì hạn nộp sản phẩm chuyển đổi số năm 2023 còn bao lâu", march)),
    );
    expect(left).toContain("31/12/2023");
    expect(left).not.toContain("trong hom nay");
  });
});

describe("classes from held-out set 10", () => {
  it.each([
    // A target asked with the verbs officials use ("lọt", "dẫn đầu", "dự kiến", "đóng góp", "muốn").
    ["Đến năm 2025 tỉnh muốn chỉ số DTI lọt nhóm bao nhiêu tỉnh dẫn đầu?", "nhom 15"],
    ["Dữ liệu mở dự kiến tăng từ bao nhiêu lên bao nhiêu năm 2023?", "60%"],
    ["Năm 2023 cả nước muốn kinh tế số đóng góp bao nhiêu % GDP?", "16%"],
    ["KH 562 DVC TT mức độ 4 đến 2025 bao nhiêu %?", "100%"],
    // A document's number with words of one of its targets: that target.
    ["QĐ 17 về hợp nhất cổng dịch vụ công", "mot cua dien tu"],
    // The documents on a subject, listed.
    ["Liệt kê những kế hoạch về nâng cao chỉ số DTI", "3402/kh-ubnd"],
    // "TT DLQG"; "lo" as lead; "Cái gì được gọi là"; a date chosen, not the date issued.
    ["TT DLQG xây xong hạn khi nào?", "31/12/2023"],
    ["Ngày CĐS tỉnh thì cơ quan nào lo tuyên truyền?", "so thong tin va truyen thong"],
    ["Cái gì được gọi là cánh tay nối dài của Ban Chỉ đạo?", "to cong nghe so cong dong"],
    ["Quyết định nào lấy 10/10 làm Ngày Chuyển đổi số tỉnh?", "1560/qd-ubnd"],
    // A body's members include its leaders; "X là A hay B" is the person's post.
    ["Phó Chủ tịch UBND tỉnh nào là thành viên Ban Điều hành?", "nguyen long bien"],
    ["ông Đào Xuân Kỳ là giám đốc sở hay phó chủ tịch tỉnh vậy", "giam doc so thong tin va truyen thong"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it.each([
    ["Năm 2023 tỉnh có đạt chỉ tiêu DTI nhóm khá không?", "khong ghi ket qua thuc hien muc tieu"],
    ["Họp Ban Điều hành quý IV/2022 bàn nội dung gì?", "khong co cuoc hop nao trong quy iv/2022"],
    ["Tuần trước Ban Điều hành họp kết luận những gì?", "khong co cuoc hop nao trong tuan truoc"],
    ["Thông báo 03-TB/BCĐCĐS có những nội dung gì?", "khong ghi trich yeu"],
    ["Kế hoạch 3402 do lãnh đạo nào ký?", "khong ghi nguoi ky"],
    ["Sở TT&TT có bao nhiêu công chức?", "khong ghi so can bo, cong chuc"],
    ["Ban Điều hành có tổng cộng bao nhiêu thành viên?", "khong ghi tong so thanh vien"],
    ["Huyện nào có chỉ số chuyển đổi số cao nhất năm 2022?", "khong ghi thu hang"],
  ])("not recorded, said so: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("the latest DTI is the latest published by the day asked", () => {
    const march2023 = fold(
      renderPlain(
        engine.ask({
          text: "DTI mới nhất của tỉnh là bao nhiêu",
          now: new Date("2023-03-15T09:00:00+07:00"),
        }),
      ),
    );
    expect(march2023).toContain("0,3048");
    expect(march2023).not.toContain("0,5934");
    expect(plain("DTI mới nhất của tỉnh là bao nhiêu")).toContain("0,5934");
  });
});

describe("classes from held-out set 11", () => {
  it.each([
    // "z", "tỉnh mình", "tới" typed plain: not "tôi"; a short question with commas is one question.
    ["ngày CĐS tỉnh là ngày nào z", "10/10"],
    ["con bao nhieu ngay nua la toi ngay chuyen doi so tinh", "10/10"],
    ["Tuyên truyền Ngày CĐS tỉnh: ai chủ trì, ai phối hợp?", "so thong tin va truyen thong"],
    ["tuyen truyen ngay cds tinh ai chu tri ai phoi hop", "ubnd cac huyen"],
    // A body's superior asked as "giúp việc cho ai".
    ["Tổ Giúp việc giúp việc cho ai?", "truc thuoc ban dieu hanh"],
    // The year a target is set for, asked as a deadline or a "mốc".
    ["Mốc để tỉnh vào nhóm 15 tỉnh DTI cao nhất là năm nào?", "2025"],
    ["Hạn để 90% hồ sơ công việc cấp xã xử lý trên môi trường mạng là năm nào?", "2025"],
    // Documents about a subject, looked for.
    ["Tìm các văn bản về Ngày Chuyển đổi số", "505/qd-ttg"],
    ["tim van ban ve to cong nghe so cong dong", "1813/kh-ubnd"],
    // "ai phải thực hiện", "BCA", "TTDL".
    ["Ai phải thực hiện các nhiệm vụ trọng tâm năm 2023?", "cac co quan, don vi, dia phuong"],
    ["ai giao BCA chủ trì TTDL quốc gia", "pham minh chinh"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it("'tới' typed plain after a unit word is still 'tôi' ('việc của toi hạn cuối')", () => {
    const r = engine.ask({
      text: "viec cua toi han cuoi la ngay nao",
      now: NOW,
      asker: { unitId: "so-tttt" },
    });
    expect(r.intent).not.toBe("link-needed");
    expect(fold(renderPlain(r))).toContain("so thong tin va truyen thong");
  });

  it.each([
    ["Họp Ban Điều hành ngày 20/02/2023 bắt đầu lúc mấy giờ?", "khong ghi gio bat dau"],
    ["Trung tâm Dữ liệu quốc gia xây đến đâu rồi?", "khong ghi tien do thuc hien"],
    ["tỷ lệ người dân có định danh điện tử hiện nay", "khong ghi so lieu thuc te"],
  ])("not recorded, said so: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
});

describe("documents listed by issuer, period, kind or topic", () => {
  it.each([
    // issuer + year issued: every one, none of another year or issuer
    [
      "cho xem các văn bản của UBND tỉnh ban hành năm 2022",
      ["1813/kh-ubnd", "852/qd-ubnd", "4233/kh-ubnd"],
      ["3402/kh-ubnd", "16/tb-vpcp"],
    ],
    // a month, written without "các"
    ["vb thang 2/2023", ["03-tb/bcdcds", "56/qd-ubnd"], ["3609/kh-bdhcds"]],
    // a topic only
    ["những kế hoạch về chỉ số DTI", ["4233/kh-ubnd", "3402/kh-ubnd"], ["1813/kh-ubnd"]],
    // a phrase looked for as written
    ["tim van ban co chu 'nhom kha'", ["3402/kh-ubnd"], ["4233/kh-ubnd"]],
  ])("%s", (q, has, not) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    const text = plain(q);
    for (const n of has) expect(text).toContain(n);
    for (const n of not) expect(text).not.toContain(n);
  });

  it("says so when no document fits", () => {
    const r = ask("các quyết định của UBND tỉnh ban hành năm 2019");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co quyet dinh cua ubnd tinh ban hanh nam 2019");
  });

  it.each([
    // one attribute of one document stays a document question
    ["quyết định thành lập Ban Chỉ đạo tỉnh số mấy", "352-qd/tu"],
    ["KH 3402/KH-UBND được ban hành lúc nào", "16/08/2023"],
    ["kế hoạch 3402 do đồng chí nào ký", "khong ghi nguoi ky"],
  ])("not a list: %s", (q, fact) => {
    expect(plain(q)).toContain(fact);
  });
});

describe("a meeting named by its quarter or month is the meeting, not the deadlines then", () => {
  it.each([
    ["cuộc họp quý I/2023 yêu cầu các ngành làm gì", "tang toc"],
    ["BĐH họp quý 1/2023 hôm nào, bàn việc gì", "20/02/2023"],
    ["hop thang 9/2022 ai chu tri", "tran quoc nam"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.intent).toBe("meeting");
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it("deadlines in a quarter are still deadlines", () => {
    expect(ask("nhiệm vụ có hạn trong quý IV/2023").intent).toBe("deadlines");
  });
});

describe("a target asked with other verbs, abbreviations or as yes/no", () => {
  it.each([
    // "smartphone" is "điện thoại thông minh"; "dùng" is not a word the target needs
    ["mục tiêu smartphone năm 2023 là bao nhiêu", "80%"],
    ["bao nhieu phan tram ho dung cap quang 2023", "85%"],
    // "hồ sơ cv" is hồ sơ công việc, not công văn
    ["ho so cv cap xa xu ly tren mang den 2025 dat bao nhieu", "90%"],
    // a unit named with "nâng lên"
    ["Bộ TT&TT muốn nâng dữ liệu mở lên bao nhiêu năm 2023", "60%"],
  ])("%s", (q, figure) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(r.intent).toBe("target");
    expect(fold(renderPlain(r))).toContain(figure);
  });

  it("yes/no: Có, with the target that says so", () => {
    const text = plain("đến 2023 có chỉ tiêu các địa phương phải công bố dữ liệu mở không");
    expect(text).toMatch(/^co\. /);
    expect(text).toContain("100% bo, nganh, dia phuong");
  });

  it("a target it does not hold is still said so", () => {
    const r = ask("mục tiêu số máy tính bảng mỗi hộ năm 2023");
    expect(r.abstained).toBe(true);
  });
});

describe("the documents the asker's own unit issued", () => {
  const askAs = (text: string, unitId?: string) =>
    engine.ask({ text, now: NOW, ...(unitId ? { asker: { unitId } } : {}) });
  it.each([
    ["nghị quyết chuyển đổi số của đơn vị tôi", "ban-thuong-vu-tinh-uy", "09-nq/tu", "34/nq-hdnd"],
    ["cac van ban cua co quan minh", "hdnd-tinh", "34/nq-hdnd", "09-nq/tu"],
    [
      "công văn nào của Bộ chúng tôi về tổ công nghệ số cộng đồng",
      "bo-tttt",
      "793/btttt-thh",
      "1813/kh-ubnd ngay",
    ],
  ])("%s (%s)", (q, unit, has, not) => {
    const text = fold(renderPlain(askAs(q, unit)));
    expect(text).toContain(has);
    expect(text).not.toContain(not);
  });

  it("a unit that issued none is told so; an unlinked asker is asked to link", () => {
    const none = askAs("văn bản của đơn vị tôi", "so-tttt");
    expect(none.abstained).toBe(true);
    expect(fold(renderPlain(none))).toContain(
      "khong co van ban nao do so thong tin va truyen thong ban hanh",
    );
    expect(askAs("văn bản của đơn vị tôi").intent).toBe("link-needed");
  });
});

describe("what a day is, holidays in a month, a person's capacity, progress, short typos", () => {
  const askAt = (text: string, iso: string) => engine.ask({ text, now: new Date(iso) });
  it("'… là ngày gì': the yearly days the documents set, with the document", () => {
    const text = fold(renderPlain(askAt("10/10 la ngay gi", "2026-11-26T09:00:00+07:00")));
    expect(text).toContain("ngay chuyen doi so quoc gia");
    expect(text).toContain("505/qd-ttg");
    expect(text).toContain("1560/qd-ubnd");
  });
  it("'mai là ngày gì' the day before 10/10; a plain day says there is nothing", () => {
    expect(fold(renderPlain(askAt("mai là ngày gì vậy", "2026-10-09T09:00:00+07:00")))).toContain(
      "ngay chuyen doi so",
    );
    const none = askAt("hôm nay là ngày gì", "2026-11-26T09:00:00+07:00");
    expect(none.abstained).toBe(true);
    expect(fold(renderPlain(none))).toContain("khong ghi ngay le hay ngay ky niem nao vao ngay 26/11/2026");
  });
  it("a day with a meeting is the meeting's", () => {
    expect(plain("ngày 20/2/2023 là ngày gì")).not.toContain("khong ghi ngay le");
  });
  it("a month without its year is this year's for holidays", () => {
    expect(plain("tháng 9 này nghỉ lễ hôm nào")).toContain("02/09/2026");
  });
  it("the meetings a person attended say in what capacity", () => {
    expect(plain("Vũ Đức Đam đã dự những cuộc họp nào")).toContain("tham du, pho thu tuong chinh phu");
  });
  it.each([
    ["trung tam du lieu quoc gia gio xay xong chua", "chua ghi nhan"],
    ["tiến độ làm sản phẩm CĐS của các đơn vị giờ đạt bao nhiêu %", "khong ghi tien do"],
  ])("progress is not recorded, said so: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it.each([
    // a short word with a letter dropped, inside a phrase the entry has
    ["tổ công nghệ số cộng đồg có vai trò gì", "canh tay noi dai"],
    // "TT" before "dữ liệu" is a Trung tâm
    ["TT dữ liệu QG phải xây xong trong năm nào", "31/12/2023"],
    // "lấy … làm" frames the document asked for
    ["quyet dinh lay ngay 10/10 lam ngay cds tinh mang so hieu gi", "1560/qd-ubnd"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });
});

describe("a unit asked how it relates to something", () => {
  it.each([
    ["HĐND tỉnh có vai trò gì đối với dự án chuyển đổi số của tỉnh", "34/nq-hdnd"],
    ["Bộ Công an liên quan gì đến trung tâm dữ liệu quốc gia", "chu tri xay dung trung tam du lieu quoc gia"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.intent).not.toBe("unit");
    expect(fold(renderPlain(r))).toContain(fact);
  });
  it("with nothing that names both, the unit's card", () => {
    expect(ask("HĐND tỉnh có vai trò gì đối với du lịch biển").intent).toBe("unit");
  });
});

describe("a given name is a person only as a name", () => {
  it("'biển' alone is not Nguyễn Long Biên; 'ông Biên', 'Long Biên' are", () => {
    expect(ask("HĐND tỉnh có vai trò gì đối với du lịch biển").intent).toBe("unit");
    expect(plain("ông Long Biên là ai")).toContain("nguyen long bien");
    expect(plain("đồng chí Biên giữ chức gì")).toContain("pho chu tich ubnd tinh");
  });
});

describe("classes from held-out set 13", () => {
  it("a question naming both roles gets both", () => {
    const text = plain("đơn vị nào chủ trì và phối hợp tuyên truyền Ngày CĐS tỉnh");
    expect(text).toContain("chu tri");
    expect(text).toContain("so thong tin va truyen thong");
    expect(text).toContain("ubnd cac huyen");
  });

  it.each([
    ["Ngày CĐS quốc gia năm 2028 rơi vào thứ mấy", "10/10/2028) roi vao thu ba"],
    ["nam nay ngay chuyen doi so tinh la thu may", "10/10/2026) roi vao thu bay"],
    ["1/1/2027 là thứ mấy", "01/01/2027 la thu sau"],
  ])("the weekday of a day: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("a form of address and a given name is that person; an unknown one is said unknown", () => {
    expect(plain("anh Kỳ giữ chức gì")).toContain("dao xuan ky");
    expect(plain("đ/c Kỳ dự họp 20/2/2023 với tư cách gì")).toContain("pho truong ban");
    const who = ask("chị Hoa là ai");
    expect(who.abstained).toBe(true);
    expect(fold(renderPlain(who))).toContain("khong co thong tin ve");
    // "chu kỳ" is a cycle, not "chú Kỳ".
    expect(ask("tuyên truyền Ngày CĐS tỉnh theo chu kỳ nào").intent).not.toBe("person");
  });

  it("several attendees asked at once are each answered", () => {
    const text = plain("ông Biên và Sở TT&TT có dự họp 20/2/2023 không");
    expect(text).toContain("co. nguyen long bien");
    expect(text).toContain("giam doc so thong tin va truyen thong");
  });

  it("a question word typed with the wrong tone is still one ('cũa', 'vê')", () => {
    expect(plain("ngày chuyển đổi số cũa tỉnh là ngày nào")).toContain("10/10");
    expect(searchTerms("cửa khẩu")).toEqual(["cua", "khau"]);
  });

  it("whether a target was reached is not what the target says", () => {
    const r = ask("DTI 2023 của tỉnh có đạt nhóm khá không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua dat duoc");
  });

  it("'cđ' before 'gì'/'hđ' is chủ đề; keywords led by a kind of document find it", () => {
    expect(ask("UBQG chọn cđ gì cho 2023").intent).toBe("theme");
    const text = plain("kế hoạch nâng cao chỉ số dti năm 2022");
    expect(text).toContain("4233/kh-ubnd");
    expect(text).not.toContain("3402/kh-ubnd");
  });
});

describe("more classes from held-out set 13", () => {
  it.each([
    ["tỉnh mình có mấy huyện", "khong ghi so don vi hanh chinh"],
    ["kết quả thực hiện Đề án 06 ở tỉnh tới nay ra sao", "khong ghi tien do"],
  ])("not recorded, said so: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it("letters typed apart are one word ('d t i 2 0 2 2')", () => {
    expect(plain("d t i 2 0 2 2")).toContain("0,5934");
  });
  it("a body's name with one word mistyped is that body ('Ban Điều hàng')", () => {
    const r = ask("Ban Điều hàng chuyển đổi số tỉnh do ai làm trưởng ban");
    expect(fold(renderPlain(r))).toContain("tran quoc nam");
  });
});

describe("classes from held-out set 14", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } });
  it("a recorded reorganisation is answered, with its date and source, not 'not recorded'", () => {
    const r = ask("Sở TT&TT sáp nhập vào đâu, từ bao giờ");
    expect(r.abstained).toBe(false);
    const text = fold(renderPlain(r));
    expect(text).toContain("hop nhat vao so khoa hoc va cong nghe tu 01/03/2025");
    expect(text).toContain("nguon:");
    expect(fold(renderPlain(askAs("sở mình đã hợp nhất vào sở nào", "so-tttt")))).toContain(
      "khoa hoc va cong nghe",
    );
    expect(plain("từ khi Sở TT&TT hợp nhất tới nay được bao lâu")).toContain("635 ngay");
    expect(plain("Sở KH&CN có thay Sở TT&TT chủ trì tuyên truyền Ngày CĐS tỉnh không")).toMatch(/^co\. /);
    // A change the register does not record stays "not recorded".
    const other = ask("Sở Tư pháp có bị sáp nhập không");
    expect(other.abstained).toBe(true);
  });

  it.each([
    [
      "Ngày CĐS tỉnh năm nay đã qua chưa",
      "roi. ngay chuyen doi so tinh ninh thuan nam 2026 la 10/10/2026, da qua 47 ngay",
    ],
    ["còn bao nhiêu ngày nữa đến ngày chuyển đổi số quốc gia", "10/10/2027, con 318 ngay"],
    ["hôm nay có phải ngày CĐS quốc gia không", "khong. ngay chuyen doi so quoc gia"],
    ["Ngày 02/9/2027 là thứ mấy, có được nghỉ lễ không", "thu nam, ngay nghi le quoc khanh"],
    ["Tết Dương lịch 2027 rơi vào thứ mấy", "01/01/2027 la thu sau"],
  ])("a yearly day or a holiday against today: %s", (q, said) => {
    expect(plain(q)).toContain(said);
  });
  it("'bao nhiêu ngày … CĐS' names no yearly day", () => {
    expect(plain("còn bao nhiêu ngày đến hạn hoàn thành sản phẩm CĐS năm 2023")).not.toContain(
      "ngay chuyen doi so tinh ninh thuan lan toi",
    );
  });

  it("documents issued after a meeting's day; documents of a body named by an alias", () => {
    const after = plain("những văn bản nào ban hành sau cuộc họp ngày 20/02/2023");
    for (const n of ["05/ct-ttg", "17/qd-ubqgcds", "3402/kh-ubnd"]) expect(after).toContain(n);
    expect(after).not.toContain("56/qd-ubnd");
    const bcd = plain("các VB do BCĐ CĐS tỉnh ban hành");
    expect(bcd).toContain("01-qd/bcdcds");
    expect(bcd).toContain("02-qd/bcdcds");
  });
});

describe("more classes from held-out set 14", () => {
  it.each([
    [
      "năm 2022 trụ cột nào xếp hạng cao nhất",
      "xa hoi so co thu hang cao nhat trong cac chi so thanh phan: 22/63",
    ],
    ["DTI 2022 thành phần nào điểm thấp nhất", "xa hoi so co diem thap nhat"],
    ["mục tiêu tỷ lệ người có TK thanh toán năm 2023", "75%"],
    ["quy chế làm việc BCĐ tỉnh GĐ 2021-2025 theo QĐ nào", "02-qd/bcdcds"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(said);
  });
  it("a personal id number is not recorded", () => {
    const r = ask("số CCCD của ông Trần Quốc Nam");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi so dinh danh ca nhan");
  });
  it("'gđ' and 'tk' keep their other meanings elsewhere", () => {
    expect(searchTerms("GĐ Sở TT&TT")).not.toContain("giai");
    expect(searchTerms("tk 2023")).not.toContain("khoan");
  });
});

describe("posts and tasks across a reorganisation", () => {
  it("a post at a unit since merged is not a post today", () => {
    const text = plain("Hiện nay ông Đào Xuân Kỳ có còn là Giám đốc Sở Thông tin và Truyền thông không");
    expect(text).toMatch(/^khong con chuc vu do/);
    expect(text).toContain("01/03/2025");
    // Asked without "now", the post as recorded, with what became of the unit.
    expect(plain("Đào Xuân Kỳ là ai")).toContain("da hop nhat vao so khoa hoc va cong nghe");
  });
  it("what the successor took over, when asked", () => {
    const r = engine.ask({
      text: "sở mình có kế thừa việc tuyên truyền Ngày CĐS tỉnh từ Sở TT&TT không",
      now: NOW,
      asker: { unitId: "so-khcn" },
    });
    expect(fold(renderPlain(r))).toContain("chu tri (tiep nhan): tuyen truyen ngay chuyen doi so tinh");
  });
  it("a number with its year and no issuer code is a document reference ('QĐ 42/2014')", () => {
    const r = ask("QĐ 42/2014 quy định gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co quyet dinh so 42/2014");
  });
});

describe("what to look for, quoted or after 'Tra cứu:'", () => {
  it.each([
    ["tìm giúp đoạn có cụm “cánh tay nối dài”", "to cong nghe so cong dong"],
    ["Tra cứu: CSDL quốc gia về dân cư", "du dieu kien ket noi"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });
});

describe("yearly days the documents set, asked as such or side by side", () => {
  it.each([
    [
      "Ngày CĐS quốc gia rơi vào ngày mấy hằng năm",
      "ngay chuyen doi so quoc gia la ngay 10/10 hang nam",
      "505/qd-ttg",
    ],
    [
      "văn bản nào quy định Ngày Chuyển đổi số tỉnh",
      "ngay chuyen doi so tinh ninh thuan la ngay 10/10",
      "1560/qd-ubnd",
    ],
  ])("%s", (q, said, doc) => {
    const text = plain(q);
    expect(text).toContain(said);
    expect(text).toContain(doc);
  });
  it("two yearly days compared: the same day, each with its document", () => {
    const text = plain("ngày cđs của tỉnh với ngày cđs toàn quốc có cùng ngày không");
    expect(text).toMatch(/^trung nhau: ca hai deu la ngay 10\/10 hang nam/);
    expect(text).toContain("505/qd-ttg");
    expect(text).toContain("1560/qd-ubnd");
  });
  it("the next occurrence is still answered with its year", () => {
    expect(plain("ngày CĐS tỉnh lần tới là ngày nào")).toContain("10/10/2027");
  });
  it("Tết alone is the lunar new year, which the list of holidays does not hold", () => {
    const r = ask("tết năm 2027 được nghỉ từ hôm nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("chua co ngay nay");
  });
});

describe("'cả nước' and 'toàn quốc' are the national level", () => {
  it("index and query agree", () => {
    expect(searchTerms("Ngày Chuyển đổi số cả nước")).toEqual(searchTerms("Ngày Chuyển đổi số quốc gia"));
    expect(searchTerms("toàn quốc")).toEqual(["quoc", "gia"]);
  });
  it("the national day's document found by 'cả nước'", () => {
    const r = ask("QĐ nào của TTg chọn ngày 10/10 là ngày chuyển đổi số cả nước");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("505/qd-ttg");
  });
});

describe("English words of the domain in a question", () => {
  it.each([
    ["when is the national digital transformation day", "10/10", "505/qd-ttg"],
    ["what is the theme of 2023 digital transformation", "tao lap va khai thac du lieu", ""],
  ])("%s", (q, a, b) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(a);
    expect(fold(renderPlain(r))).toContain(b);
  });
  it("Vietnamese typed without diacritics is not taken for English ('the nao', 'gan day')", async () => {
    const { englishToVietnamese } = await import("../../../src/core/text/english.ts");
    expect(englishToVietnamese("nhiem vu gan day the nao")).toBe("nhiem vu gan day the nao");
  });
});

describe("'đã hết hạn' (to date) is overdue, not due today", () => {
  it("lists the overdue tasks", () => {
    const text = plain("đến hôm nay những việc nào đã hết hạn rồi");
    expect(text).toContain("qua han");
    expect(text).not.toContain("co han trong hom nay");
  });
});

describe("a saying asked for by its kind ('phương châm', 'ý nghĩa')", () => {
  it("the motto of the heads of agencies", () => {
    const r = ask("phương châm đối với người đứng đầu là gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("guong mau, trach nhiem va quyet tam");
  });
});

describe("precise not-knowing about documents and reorganisations", () => {
  it("the content of a document whose source gives no summary", () => {
    const r = ask("nội dung chi tiết KH 3609 ra sao");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi trich yeu cua ke hoach 3609/kh-bdhcds");
  });
  it("the document of a recorded merger, when the register names none", () => {
    const r = ask("căn cứ văn bản nào để sáp nhập Sở TT&TT");
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toMatch(/^nguon hien co khong ghi so hieu van ban/);
    expect(text).toContain("01/03/2025");
  });
  it("the successor of a level that ended, when the sources name none", () => {
    const r = ask("từ khi bỏ cấp huyện, việc của UBND huyện chuyển cho cơ quan nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nguon khong neu don vi tiep nhan");
  });
  it("a merged unit's successor is still named", () => {
    const r = ask("việc của Sở TT&TT chuyển sang cơ quan nào");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("so khoa hoc va cong nghe");
  });
});

describe("people at units and roles of units that changed", () => {
  it("a post at a unit where none is recorded for that person", () => {
    const r = ask("bà Nguyễn Long Biên làm chức vụ gì ở Sở KH&CN");
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain("khong ghi chuc vu cua nguyen long bien tai so khoa hoc va cong nghe");
    expect(text).toContain("pho chu tich ubnd tinh");
  });
  it("the post at the unit where it is recorded is answered", () => {
    expect(ask("Đào Xuân Kỳ giữ chức vụ gì ở Sở TT&TT").abstained).toBe(false);
  });
  it("the head of a merged unit comes with what became of it, first", () => {
    const r = ask("giám đốc sở tttt bây giờ là ai");
    expect(fold(r.lines[0]!.text)).toContain("da hop nhat vao so khoa hoc va cong nghe tu 01/03/2025");
  });
  it.each([
    ["Nguyễn Long Biêng giữ chức gì", "nguyen long bien"],
    ["ông Đào Xuân Kỳ", "dao xuan ky"],
  ])("a final consonant heard otherwise: %s", (q, name) => {
    expect(plain(q)).toContain(name);
  });
  it("'Phó TB TT' is phó trưởng ban thường trực", () => {
    expect(plain("ai là phó tb tt ban điều hành cđs")).toContain("nguyen long bien");
    expect(searchTerms("Phó TB TT")).toEqual(searchTerms("Phó Trưởng ban Thường trực"));
  });
});

describe("two documents ordered by date", () => {
  it.each([
    [
      "TB 16/TB-VPCP với KH 3609, cái nào ban hành trước",
      /^ke hoach 3609\/kh-bdhcds ban hanh truoc \(18\/08\/2022\)/,
    ],
    ["qd 1560 va qd 505 van ban nao moi hon", /^quyet dinh 1560\/qd-ubnd ban hanh sau \(09\/11\/2022\)/],
  ])("%s", (q, first) => {
    const r = ask(q);
    expect(fold(r.lines[0]!.text)).toMatch(first);
    expect(r.lines.length).toBe(3);
  });
});

describe("i and y written alike, 'GD điện tử', 'giao dịch' is not 'giao'", () => {
  it("index and query agree on i/y syllables", () => {
    expect(searchTerms("tỉ lệ, kí, quản lí, qui định")).toEqual(searchTerms("tỷ lệ, ký, quản lý, quy định"));
  });
  it("a figure asked with 'tỉ lệ' and a ministry named is a target", () => {
    const r = ask("Bộ TT&TT đặt tỉ lệ dữ liệu mở năm 2023 là bao nhiêu");
    expect(r.intent).toBe("target");
    expect(plain("Bộ TT&TT đặt tỉ lệ dữ liệu mở năm 2023 là bao nhiêu")).toContain("60%");
  });
  it("what businesses registered for online is a meeting's result, not a task list", () => {
    const r = ask("các doanh nghiệp đã đăng ký những GD điện tử gì");
    expect(r.intent).not.toBe("tasks");
    expect(plain("các doanh nghiệp đã đăng ký những GD điện tử gì")).toContain("nop thue");
  });
});

describe("whether a target was reached", () => {
  it("answered from the sentence that states it", () => {
    const r = ask("kinh tế số đóng góp vào GRDP đã đạt mục tiêu chưa");
    expect(r.abstained).toBe(false);
    expect(plain("kinh tế số đóng góp vào GRDP đã đạt mục tiêu chưa")).toContain("chua dat muc tieu");
  });
  it("not recorded, said so, when no sentence states it", () => {
    const r = ask("tỉnh có đạt mục tiêu cáp quang hộ gia đình không");
    expect(r.abstained).toBe(true);
  });
});

describe("targets of two years, one recorded", () => {
  it("the recorded year's figure, the other year said missing", () => {
    const text = plain("chỉ tiêu dữ liệu mở năm 2022 và năm 2023");
    expect(text).toContain("60%");
    expect(text).toContain("chua co muc tieu nao cho nam 2022");
  });
});

describe("the DTI across years, against the average, its strongest component", () => {
  it("two years named: each year's value and rank, side by side", () => {
    const text = plain("xếp hạng DTI năm 2021 và 2022 khác nhau thế nào");
    expect(text).toContain("dti 2021: dat 0,3048; xep hang 53/63");
    expect(text).toContain("dti 2022: dat 0,5934; xep hang 27/63");
  });
  it("against the national average, which is higher", () => {
    expect(plain("DTI 2022 của tỉnh so với mức bình quân ra sao")).toContain(
      "0,5934, cao hon trung binh ca nuoc (0,5791)",
    );
  });
  it("the strongest component, asked as 'mạnh nhất'", () => {
    expect(plain("DTI 2022, thành phần nào tỉnh mạnh nhất")).toContain("xa hoi so co thu hang cao nhat");
  });
});

describe("documents listed by an issuer named by its code or short name, several kinds at once", () => {
  it.each([
    ["liệt kê các văn bản của TTg", ["505/qd-ttg", "06/qd-ttg", "05/ct-ttg"]],
    ["những QĐ, CT của Thủ tướng trong dữ liệu", ["505/qd-ttg", "06/qd-ttg", "05/ct-ttg"]],
  ])("%s", (q, numbers) => {
    const text = plain(q);
    for (const n of numbers) expect(text).toContain(n);
  });
  it("'văn bản nào của <issuer> …' is that issuer's, or none", () => {
    const r = ask(
      "Bộ TT&TT có văn bản nào về Tổ công nghệ số cộng đồng không, văn bản nào của Bộ TT&TT quy định tổ này",
    );
    expect(fold(renderPlain(r))).not.toContain("van ban: ke hoach so 1813");
  });
  it("the asker's own unit's documents, 'bên mình có … nào'", () => {
    const r = engine.ask({
      text: "bên mình có chương trình nào về chuyển đổi số không",
      now: NOW,
      asker: { unitId: "ban-can-su-dang-ubnd-tinh" },
    });
    expect(fold(renderPlain(r))).toContain("59-ctr/bcsd");
  });
  it("'thông báo nào' is not a question about a newspaper", () => {
    expect(plain("VPCP có thông báo nào về CĐS")).not.toContain("co quan bao chi");
  });
});

describe("what a year was said to be", () => {
  it.each([
    ["Chủ tịch tỉnh nói năm 2023 là năm gì", "nam 2023 la nam ban le"],
    ["năm 2023 được xác định là năm gì", "nam du lieu so"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(plain(q)).toContain(said);
  });
  it("a year nothing is said of is left to the other answers", () => {
    expect(plain("năm 2021 là năm gì")).not.toContain("ban le");
  });
});

describe("a unit's tasks on a topic, a unit's figure", () => {
  it("none on that topic: said so for that unit", () => {
    const r = ask("Cục Thuế tỉnh có nhiệm vụ nào về trí tuệ nhân tạo");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain('ve "tri tue nhan tao" cua cuc thue tinh');
  });
  it("some on that topic: only those", () => {
    const r = ask("Sở TT&TT được giao nhiệm vụ gì về tuyên truyền Ngày CĐS");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("tuyen truyen ngay chuyen doi so tinh");
  });
  it("a count about a unit that no source states is not the unit's card", () => {
    const r = ask("Bảo hiểm xã hội tỉnh có bao nhiêu người tham gia BHXH");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).not.toContain("ten goi khac");
  });
});

describe("a meeting's chair asked by post, the tasks its conclusions set, the tasks of every unit", () => {
  it("'có phải <post> chủ trì họp …': no, with who did", () => {
    const text = plain("giám đốc sở tttt có phải người chủ trì cuộc họp ngày 20/02/2023 không");
    expect(text).toMatch(/^khong\. cuoc hop ngay 20\/02\/2023 do tran quoc nam chu tri/);
  });
  it("the tasks set by a meeting's conclusions, for the asker", () => {
    const r = engine.ask({
      text: "theo kết luận họp ngày 20/2/2023 thì đơn vị tôi phải làm những gì",
      now: NOW,
      asker: { unitId: "cuc-thue-tinh" },
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("theo ket luan cuoc hop ngay 20/02/2023");
    expect(text).toContain("it nhat mot san pham");
    expect(text).not.toContain("trung tam du lieu quoc gia");
  });
  it("the tasks every unit has", () => {
    const text = plain("nhiệm vụ chung mà đơn vị nào cũng phải làm");
    expect(text).toContain("giao cho cac co quan, don vi, dia phuong");
    expect(text).toContain("nguoi dung dau");
  });
});

describe("two questions in one message; a chatty message's main clause", () => {
  it("two questions of different kinds: both answered", () => {
    const r = engine.ask({
      text: "bao giờ đến Ngày CĐS quốc gia, Sở TT&TT chủ trì những nhiệm vụ gì",
      now: NOW,
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("10/10");
    expect(text).toContain("tuyen truyen ngay chuyen doi so tinh");
  });
  it("two parts about one entry stay one question ('đạt bao nhiêu, xếp hạng mấy')", () => {
    const text = plain("DTI 2021 được bao nhiêu điểm, đứng thứ mấy");
    expect(text).toContain("53/63");
    expect(text).not.toContain("27/63");
  });
  it("a part the knowledge does not record is not hidden by answering the other", () => {
    expect(ask("KH 3609 có mấy nhiệm vụ, nội dung chi tiết ra sao").abstained).toBe(true);
  });
  it("the clause that names what is asked, in a long greeting", () => {
    const text = plain(
      "Dạ em chào anh chị, em mới về làm ở văn phòng, trưởng phòng bảo em tìm hiểu quyết định thành lập Ban Chỉ đạo của tỉnh về chuyển đổi số là quyết định số mấy, ngày nào, em cảm ơn",
    );
    expect(text).toContain("352-qd/tu");
  });
});

describe("classes from held-out set 16 (after its first run)", () => {
  it("frames of a search: 'tìm thông tin', 'số hiệu', 'văn bản' as keywords", () => {
    expect(plain("tìm thông tin về Tổ công nghệ số cộng đồng")).toContain("1813/kh-ubnd");
    expect(ask("đề án chuyển đổi số của tỉnh, số hiệu").abstained).toBe(false);
  });
  it("a document's number is not answered by a meeting that mentions a draft", () => {
    const r = ask("dự thảo kế hoạch CĐS 2023 của BĐH khi ban hành có số hiệu gì");
    expect(fold(renderPlain(r))).not.toMatch(/^• cuoc hop/);
  });
  it("the number of a plan attached to a decision, not recorded ('kèm')", () => {
    const r = ask("kế hoạch kèm QĐ 56 có số hiệu bao nhiêu");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi so hieu cua van ban ban hanh kem theo");
  });
  it("a yearly day in a given year, with its weekday", () => {
    expect(plain("Ngày CĐS quốc gia năm 2028 là ngày nào")).toContain("10/10/2028 (thu ba)");
  });
  it("days left to a listed holiday", () => {
    expect(plain("còn mấy ngày nữa là tới Quốc khánh")).toMatch(/02\/09\/2027 \(thu [a-z]+\), con \d+ ngay/);
  });
  it("the end of the district level, asked as 'kết thúc từ ngày nào'", () => {
    expect(plain("cấp huyện kết thúc từ khi nào")).toContain("01/07/2025");
  });
  it("the tasks given to every unit, 'giao cho tất cả các cơ quan'", () => {
    expect(plain("việc giao cho tất cả các đơn vị là gì")).toContain(
      "giao cho cac co quan, don vi, dia phuong",
    );
  });
  it("a yes/no post at a unit where none is recorded", () => {
    const r = ask("bà Nguyễn Long Biên có phải là Giám đốc Sở KH&CN không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(
      "khong ghi chuc vu cua nguyen long bien tai so khoa hoc va cong nghe",
    );
  });
  it.each([
    ["Sở Y tế xếp hạng chuyển đổi số thứ mấy", "khong co chi so rieng cua so y te"],
    ["DTI 2022 của huyện Bác Ái", "khong co chi so rieng cua huyen bac ai"],
  ])("the DTI of a department or district is not recorded: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
});

describe("more classes from held-out set 16", () => {
  it("'phối hợp với ai': a supporting unit is told the lead, and who holds the task today", () => {
    const r = engine.ask({
      text: "đơn vị mình phối hợp với đơn vị nào khi tuyên truyền Ngày CĐS tỉnh",
      now: NOW,
      asker: { unitId: "cuc-thue-tinh" },
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("chu tri");
    expect(text).toContain("so thong tin va truyen thong");
    expect(text).toContain("da hop nhat vao so khoa hoc va cong nghe");
  });
  it("'phối hợp với những ai' asked of the lead: its supporting units", () => {
    expect(plain("Sở TT&TT phối hợp với những đơn vị nào khi tuyên truyền Ngày CĐS")).toContain(
      "phoi hop thuc hien",
    );
  });
  it.each([
    ["văn bản nào trong dữ liệu cũ nhất", /ban hanh som nhat.*562\/kh-ubnd/],
    ["quyết định nào ban hành gần đây nhất", /^quyet dinh ban hanh gan day nhat/],
  ])("the first or last document: %s", (q, said) => {
    expect(plain(q)).toMatch(said);
  });
  it("a document named by its bare number", () => {
    expect(plain("cho xem văn bản số 6526")).toContain("6526/kh-ubnd");
  });
  it("two targets asked together, each answered", () => {
    const text = plain("chỉ tiêu khám chữa bệnh từ xa và hồ sơ sức khỏe điện tử");
    expect(text).toContain("30%");
    expect(text).toContain("80%");
  });
});

describe("a meeting's reasons, a unit's card", () => {
  it("'vì sao' at a meeting: every reason it gave", () => {
    const text = plain("cuộc họp ngày 7/9/2022 nêu nguyên nhân nào khiến DTI 2021 thấp");
    expect(text).toContain("vo so");
    expect(text).toContain("kinh phi");
  });
  it("'thông tin về <unit>': its card, with the meetings it attended", () => {
    const r = ask("cho tôi thông tin về Cục Thuế tỉnh");
    expect(r.intent).toBe("unit");
    expect(fold(renderPlain(r))).toContain("ten goi khac");
  });
  it("'HCC' is hành chính công", () => {
    expect(searchTerms("TT phục vụ HCC")).toEqual(expect.arrayContaining(["hanh", "chinh", "cong"]));
  });
});

describe("classes from held-out set 17 (after its first run)", () => {
  it("a count asked: said first", () => {
    expect(fold(ask("có bao nhiêu nhiệm vụ giao chung cho mọi đơn vị").lines[0]!.text)).toBe(
      "co 4 nhiem vu.",
    );
    expect(fold(ask("UBND tỉnh có mấy kế hoạch").lines[0]!.text)).toBe("co 5 ke hoach.");
  });
  it("the end of a level and who took its tasks over: the precise answer stands", () => {
    const r = ask("sau khi bỏ cấp huyện thì việc của UBND các huyện giao lại cho ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nguon khong neu don vi tiep nhan");
    expect(plain("cấp huyện bị bỏ từ ngày nào")).toContain("01/07/2025");
  });
  it("a person's post today, when the sources record posts of an earlier day only", () => {
    const r = ask("bây giờ ông Nguyễn Long Biên giữ chức vụ gì");
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain("khong ghi chuc vu hien nay cua nguyen long bien");
    expect(text).toContain("(tai ngay 20/02/2023)");
    expect(ask("Nguyễn Long Biên giữ chức vụ gì").abstained).toBe(false);
  });
  it("'nd gì' is nội dung; what was achieved in numbers is not recorded", () => {
    expect(ask("kh 3609 nd gì").abstained).toBe(true);
    expect(ask("năm 2023 làm được bao nhiêu sản phẩm cds").abstained).toBe(true);
  });
  it("'chiếm bao nhiêu' is a share a target states", () => {
    expect(plain("tmđt chiếm bao nhiêu tổng mức bán lẻ")).toContain("8,5%");
  });
  it("'who is in charge' in a mixed message", () => {
    expect(plain("who is in charge of Trung tâm Dữ liệu quốc gia")).toContain("bo cong an");
  });
});

describe("tasks without a due date; the asker's own documents", () => {
  it("'nhiệm vụ nào chưa có hạn cụ thể': those with no due date and no recurrence", () => {
    const r = ask("những việc nào chưa có thời hạn cụ thể");
    const text = fold(renderPlain(r));
    expect(text).toContain("khong co han cu the");
    expect(text).toContain("nguoi dung dau");
    expect(text).not.toContain("trung tam du lieu quoc gia");
  });
  it("'đơn vị tôi có quyết định nào', 'của BCSĐ chúng tôi … số mấy'", () => {
    const a = engine.ask({
      text: "đơn vị tôi có quyết định nào về CĐS",
      now: NOW,
      asker: { unitId: "tinh-uy" },
    });
    expect(fold(renderPlain(a))).toContain("352-qd/tu");
    const b = engine.ask({
      text: "chương trình hành động của BCSĐ chúng tôi số mấy",
      now: NOW,
      asker: { unitId: "ban-can-su-dang-ubnd-tinh" },
    });
    expect(fold(renderPlain(b))).toContain("59-ctr/bcsd");
  });
});

describe("a task's content, asked of a topic one or two tasks answer", () => {
  it.each([
    ["nhiệm vụ về người đứng đầu đòi hỏi những gì", "quan triet"],
    ["nhiem vu ve nguoi dung dau yeu cau nhung viec gi", "nhan thuc"],
    ["nhiệm vụ gương mẫu trách nhiệm quyết tâm có đề cập quyết liệt không", "quyet liet"],
  ])("%s", (q, detail) => {
    const r = ask(q);
    expect(r.intent).toBe("tasks");
    expect(fold(renderPlain(r))).toContain(detail);
  });

  it("'đầu' after 'đứng' is a word of the topic, not 'ở đâu'", () => {
    expect(queryTerms("nhiệm vụ người đứng đầu")).toContain("dau");
    expect(queryTerms("trụ sở ở đâu")).not.toContain("dau");
  });
});

describe("the DTI asked by how much, across years, by its extremes and rises", () => {
  it.each([
    ["chỉ số DTI 2022 hơn mức trung bình cả nước bao nhiêu điểm", "0,0143"],
    ["dti 2022 co cao hon trung binh khong", "chenh lech 0,0143"],
    ["trụ cột kinh tế số 2021 và 2022 so sánh", "kinh te so 2022: 0,6518"],
    ["chính quyền số năm 2021 với năm 2022 ra sao", "chinh quyen so 2021: 0,3512"],
    ["dti năm 2022 có phải đứng đầu cả nước không", "khong. dti 2022 cua tinh xep hang 27/63"],
    ["dti 2021 co thap nhat ca nuoc khong", "khong. dti 2021 cua tinh xep hang 53/63"],
    ["thành phần nào của DTI 2022 tăng nhiều hạng nhất", "xa hoi so tang nhieu bac nhat"],
    ["xh số năm 2022 xếp thứ mấy", "22/63"],
    ["kt so 2022 diem bao nhieu", "0,6518"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("which province leads the country is still not recorded", () => {
    const r = ask("tỉnh nào có DTI thấp nhất cả nước");
    expect(r.abstained).toBe(true);
  });

  it("the rise of one year in percent, asked against another, is not the two years side by side", () => {
    const r = ask("kinh tế số 2022 tăng bao nhiêu % so với 2021");
    expect(fold(renderPlain(r))).not.toContain("kinh te so 2021");
  });
});

describe("targets by area; letters typed twice; abbreviations keep their words", () => {
  it.each([
    ["các chỉ tiêu về xã hội số năm 2023", "muc tieu ve xa hoi so nam 2023 (6)", "ho so suc khoe"],
    ["mt kts 2023 gồm gì", "muc tieu ve kinh te so nam 2023 (5)", "16%"],
    ["muc tieu thuoc linh vuc du lieu nam 2023", "muc tieu ve du lieu nam 2023", "du lieu mo"],
  ])("%s", (q, head, fact) => {
    const text = plain(q);
    expect(text).toContain(head);
    expect(text).toContain(fact);
  });

  it("a consonant typed twice after the vowel is read once, an abbreviation keeps its letters", () => {
    expect(searchTerms("cáp quanng hộ gia đìnhh")).toEqual(["cap", "quang", "ho", "gia", "dinh"]);
    expect(searchTerms("attt")).toEqual(searchTerms("an toàn thông tin"));
    const r = ask("chỉ tiêu cáp quanng hộ gia đìnhh năm 2023");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("85%");
  });

  it("an abbreviation's words are read as typed words ('xhs' keeps the 'hội' of xã hội)", () => {
    expect(searchTerms("xhs")).toEqual(["xa", "hoi", "so"]);
    expect(searchTerms("xa hoi so")).toEqual(["xa", "hoi", "so"]);
  });
});

describe("posts asked without 'là ai'; a body's role towards another body", () => {
  it.each([
    ["bộ trưởng bộ công an tên", "to lam"],
    ["bt bo ca ten gi", "to lam"],
    ["phó thủ tướng nào có trong dữ liệu", "vu duc dam"],
  ])("%s", (q, name) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(name);
  });

  it.each(["tổ công nghệ số cộng đồng giữ vai trò gì với ban chỉ đạo", "to cnscd co vai tro gi doi voi bcd"])(
    "%s",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(false);
      expect(fold(renderPlain(r))).toContain("canh tay noi dai");
    },
  );
});

describe("precise not-knowing: a document's content, an attendee's name, a publication day, an event, a result", () => {
  it.each([
    ["thông báo 03-TB/BCĐCĐS nói những gì", "khong ghi trich yeu cua thong bao 03-tb/bcdcds"],
    ["noi dung ke hoach 52-kh/tu", "khong ghi trich yeu cua ke hoach 52-kh/tu"],
    ["lãnh đạo cục thuế tỉnh dự cuộc họp 20/02/2023 họ tên là gì", "khong ghi ho ten"],
    ["dti năm 2021 ngày công bố", "khong ghi ngay cong bo dti 2021"],
    ["ngày 10/10/2025 tỉnh có tổ chức hoạt động gì không", "khong ghi su kien, hoat dong"],
    ["DTI 2023 có đạt được nhóm khá theo mục tiêu không", "khong ghi ket qua dat duoc"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it.each([
    ["thông báo 16/TB-VPCP nói về việc gì", "van phong chinh phu", "giai phap trong tam"],
    ["dti 2022 công bố ngày nào", "12/07/2023", "dti 2022"],
  ])("recorded, it is answered: %s", (q, a, b) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    const text = fold(renderPlain(r));
    expect(text).toContain(a);
    expect(text).toContain(b);
  });

  it("a question's letters typed twice count like the word ('bao nhieeu' asks a count)", () => {
    const r = ask("co bao nhieeu to cong nghe so cong dong");
    expect(r.abstained).toBe(true);
  });
});

describe("years of two digits; differences between two years of the DTI", () => {
  it("a two-digit year after 'năm' or 'DTI' is written out, other numbers are not", async () => {
    const { fullYears } = await import("../../../src/core/text/dates.ts");
    expect(fullYears("dti 21 và 22 thế nào")).toBe("dti 2021 và 2022 thế nào");
    expect(fullYears("năm 23 là năm gì")).toBe("năm 2023 là năm gì");
    expect(fullYears("ngày 23/2 có 23 nhiệm vụ")).toBe("ngày 23/2 có 23 nhiệm vụ");
    expect(fullYears("năm 30%")).toBe("năm 30%");
  });

  it.each([
    ["điểm dti năm 22 hơn năm 21 mấy", "chenh lech 0,2886"],
    ["DTI 2021 và 2022 cách nhau bao nhiêu điểm", "chenh lech 0,2886"],
    ["dti 2022 tăng mấy bậc so với 2021", "53/63 (2021) → 27/63 (2022), tang 26 bac"],
    ["chính quyền số 2022 so với 2021 hơn bao nhiêu điểm", "chenh lech 0,3275"],
  ])("%s", (q, said) => {
    const text = plain(q);
    expect(text).toContain(fold(said));
  });

  it("a component one year does not record is said so", () => {
    const r = ask("xã hội số 2022 trừ 2021 = ?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi xa hoi so nam 2021");
  });

  it("a two-digit year the DTI lacks is not another year's figure", () => {
    const r = ask("dti 24 xếp hạng mấy");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).not.toContain("27/63");
  });
});

describe("who leads a task, asked in everyday words; a unit set aside", () => {
  it.each([
    ["trung tâm dữ liệu quốc gia bộ nào lo", "bo cong an"],
    ["ai lo vụ tuyên truyền ngày cđs của tỉnh", "thong tin va truyen thong"],
    ["cơ quan nào đứng ra tuyên truyền ngày chuyển đổi số tỉnh", "thong tin va truyen thong"],
    ["ngoài sở tt&tt thì những ai phối hợp tuyên truyền ngày cđs tỉnh", "huyen"],
  ])("%s", (q, who) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(who);
  });

  it("'người đứng đầu' keeps its words when 'đứng ra' frames a question", () => {
    expect(queryTerms("ai đứng ra")).toEqual([]);
    expect(queryTerms("người đứng đầu")).toContain("dung");
  });
});

describe("what a year was called, and who said so", () => {
  it.each([
    ["ai đã tuyên bố năm 2023 là năm dữ liệu số", "pham minh chinh"],
    ["bộ tt&tt xác định 2023 là năm gì", "nam du lieu"],
    ["năm 2023 còn được gọi là gì", "nam du lieu so"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });
});

describe("meetings counted by body and year; documents ordered 'trong dữ liệu'; the DTI aimed at", () => {
  it.each([
    ["ban điều hành có bao nhiêu cuộc họp trong dữ liệu", "(2)"],
    ["bdh hop may lan nam 2022", "nam 2022 ma co so tri thuc co (1)"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("a year without a recorded meeting is said so", () => {
    const r = ask("năm 2024 ban điều hành họp mấy lần");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(
      "khong ghi cuoc hop nao cua ban dieu hanh chuyen doi so tinh nam 2024",
    );
  });

  it.each([
    ["văn bản nào ban hành sớm nhất trong cơ sở dữ liệu", "562/kh-ubnd"],
    ["vb nao co ngay ban hanh moi nhat", "3402/kh-ubnd"],
  ])("%s", (q, doc) => {
    expect(plain(q)).toContain(doc);
  });

  it("'trong cơ sở dữ liệu quốc gia' names something and stays", async () => {
    const { withoutDataFrame } = await import("../../../src/core/text/question.ts");
    expect(withoutDataFrame("có trong cơ sở dữ liệu quốc gia không")).toBe(
      "có trong cơ sở dữ liệu quốc gia không",
    );
    expect(withoutDataFrame("văn bản nào mới nhất trong dữ liệu?")).toBe("văn bản nào mới nhất?");
  });

  it.each([
    ["đến 2025 tỉnh phấn đấu DTI vào top mấy", "15 tinh"],
    ["mục tiêu về thứ hạng dti của tỉnh", "nhom kha"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("the DTI of a year not published is not recorded, with the target set for it", () => {
    const r = ask("dti năm 2025 của tỉnh được bao nhiêu điểm");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("muc tieu da dat ra");
  });
});

describe("a level that ended, asked whether it still acts; days left in other words; a body's founding", () => {
  it.each([
    ["bây giờ còn cấp huyện không", "01/07/2025"],
    ["từ 2026 ubnd huyện còn phối hợp tuyên truyền ngày cđs tỉnh nữa không", "01/07/2025"],
    ["đếm ngược đến ngày chuyển đổi số quốc gia", "con 318 ngay"],
    ["bao nhiêu hôm nữa tới ngày cđs tỉnh", "10/10/2027"],
    ["ban chỉ đạo được lập ra theo quyết định nào", "352-qd/tu"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(fold(said));
  });
});

describe("more precise not-knowing: a head after a merger, a plan's targets, a day next to a holiday, a plan's task count", () => {
  it.each([
    ["từ khi hợp nhất ai là giám đốc sở khcn", "khong ghi lanh dao so khoa hoc va cong nghe tu 01/03/2025"],
    ["kh 3609 có những chỉ tiêu gì", "khong ghi muc tieu cua ke hoach 3609/kh-bdhcds"],
    ["30/4/2026 có được nghỉ bù ngày liền kề không", "khong ghi ngay nghi them, nghi bu"],
    ["qd 56 giao bao nhieu nhiem vu", "khong ghi so nhiem vu cua quyet dinh 56/qd-ubnd"],
    ["dti 2023 đã vào được nhóm khá theo phấn đấu chưa", "khong ghi ket qua dat duoc"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("a plan with targets lists them", () => {
    const r = ask("kế hoạch 562 đặt mục tiêu gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("dinh danh dien tu");
  });
});

describe("rare names found however far apart; frames of looking up; documents by their targets; reasons", () => {
  it.each([
    ["văn bản nào nhắc tới sàn Postmart", "postmart"],
    ["tra cứu GRDP", "grdp"],
    ["có gì nói về một cửa điện tử không", "mot cua dien tu"],
    ["sàn Vỏ Sò gặp vấn đề gì", "kho khan"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("'ưu' ends a syllable: 'lưu', 'cứu' keep both letters", () => {
    expect(searchTerms("lưu trữ, tra cứu")).toEqual(["luu", "tru", "tra", "cuu"]);
    expect(searchTerms("luu tru")).toEqual(["luu", "tru"]);
  });

  it("'một cửa' is one word typed either way", () => {
    expect(searchTerms("hệ thống một cửa điện tử")).toEqual(searchTerms("he thong mot cua dien tu"));
  });

  it("a document is found by what its targets state", () => {
    expect(plain("tìm văn bản về hồ sơ sức khỏe điện tử")).toContain("17/qd-ubqgcds");
  });

  it.each([
    ["lý do chỉ số dti 2021 thấp là gì", "vo so"],
    ["nn dti 2021 thap", "nhan luc so"],
    ["cuộc họp tháng 9/2022 nêu nguyên nhân dti 2021 thấp thế nào", "07/9/2022"],
  ])("reasons a note gives: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("a reason not recorded is said so; a false premise is answered with the figures", () => {
    const a = ask("vì sao dti 2022 tăng nhiều vậy");
    expect(a.abstained).toBe(true);
    expect(fold(renderPlain(a))).toContain("khong ghi nguyen nhan");
    const b = ask("tại sao dti 2022 giảm");
    expect(b.abstained).toBe(false);
    expect(fold(renderPlain(b))).toContain("khong giam");
  });
});

describe("a year's deadlines asked as 'mốc'; a document against a day; a task's saying; the asker's unit by a noun", () => {
  it.each([
    ["năm 2027 có những mốc hạn nào", "10/10/2027"],
    ["quyết định 56 ra trước hay sau hội nghị 25/12/2022", "sau cuoc hop ngay 25/12/2022"],
    ["kh 3609 ban hành trước hay sau ngày 1/9/2022", "truoc ngay 01/09/2022"],
    ["phương châm người đứng đầu là gì", "guong mau, trach nhiem va quyet tam"],
    ["giám đốc sở khoa học là ai", "giam doc so khoa hoc va cong nghe"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(fold(said));
  });

  it("'chi nhánh mình có phải …': the asker's unit, its noun no topic", () => {
    const r = engine.ask({
      text: "chi nhánh mình có phải quán triệt chủ đề năm 2023 không",
      now: NOW,
      asker: { unitId: "nhnn-chi-nhanh-tinh" } as never,
    });
    expect(fold(renderPlain(r))).toMatch(/^co\./);
  });

  it("'giám đốc sở mình là gì trong BĐH': the post held in the body", () => {
    const r = engine.ask({
      text: "giám đốc sở mình là gì trong ban điều hành",
      now: NOW,
      asker: { unitId: "so-tttt" } as never,
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("pho truong ban");
    expect(text).not.toContain("giam doc ban dieu hanh");
  });
});

describe("task frames as words of two syllables; a given name; a year's task deadline", () => {
  it("'quán triệt' and 'chủ đề' keep the syllables 'cơ quan' and 'chủ trì' share", () => {
    const r = engine.ask({
      text: "phòng mình có phải quán triệt chủ đề năm 2023 không",
      now: NOW,
      asker: { unitId: "so-tttt" } as never,
    });
    expect(fold(renderPlain(r))).toMatch(/^co\./);
  });

  it("'ai tên Biên trong ban điều hành': the person with that given name", () => {
    expect(plain("ai tên Biên trong ban điều hành")).toContain("nguyen long bien");
  });

  it.each([
    ["nhiệm vụ phát huy vai trò người đứng đầu năm 2023 có hạn chót cụ thể không", "khong neu han cu the"],
    ["hạn tuyên truyền ngày cđs tỉnh năm 2026", "10/10/2026"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(said);
  });
});

describe("a choice between two people or two bodies; two questions joined by 'và'; an attendee by post; one task's deadline passed", () => {
  it.each([
    ["ông Biên hay ông Kỳ là phó trưởng ban thường trực", "nguyen long bien la pho truong ban thuong truc"],
    ["ông Kỳ hay ông Nam là trưởng ban điều hành", "tran quoc nam la truong ban dieu hanh"],
    [
      "tổ giúp việc trực thuộc bđh hay bcđ",
      "to giup viec ban dieu hanh chuyen doi so tinh truc thuoc ban dieu hanh",
    ],
    ["ai là phó trưởng ban thường trực và dti 2021 xếp hạng mấy", "nguyen long bien"],
    ["ai là phó trưởng ban thường trực và dti 2021 xếp hạng mấy", "53/63"],
    ["giám đốc sở tt&tt có dự cuộc họp 20/02/2023 không", "dao xuan ky"],
    ["ngoài sở tt&tt thì đơn vị nào phối hợp tuyên truyền ngày cđs tỉnh", "cac so, ban, nganh"],
    ["nay sở tt&tt không còn thì ai chủ trì tuyên truyền ngày cđs tỉnh", "khoa hoc va cong nghe"],
    ["nhiệm vụ tuyên truyền ngày cđs tỉnh đã quá hạn chưa", "hang nam 10/10"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(fold(said));
  });

  it("neither of two people recorded with a post is said so", () => {
    const r = ask("ông Kỳ hay ông Nam là bộ trưởng bộ công an");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi dao xuan ky hay tran quoc nam");
  });

  it("a post's header does not say 'Ban' twice", () => {
    expect(plain("ai là trưởng ban điều hành")).not.toContain("truong ban ban");
  });
});

describe("a meeting question read once (abbreviations written out)", () => {
  it("'kq … ở họp 20/2' asks the meeting's results", () => {
    expect(plain("kq chuyển đổi số 2022 đc đánh giá ra sao ở họp 20/2/2023")).toContain(
      "nen tang du lieu dung chung",
    );
  });
});

describe("more precise not-knowing and small readings", () => {
  it.each([
    ["cho mình xin toàn văn kế hoạch 4233", "chua co toan van ke hoach 4233/kh-ubnd"],
    ["thông báo 16 giao bộ nào chủ trì", "khong ghi thong bao 16/tb-vpcp giao nhiem vu"],
    ["mục tiêu thương mại điện tử 8,5% năm 2023 có đạt không", "khong ghi ket qua dat duoc"],
    ["họp ban điều hành 7/9/2022 tổ chức ở hội trường nào", "khong ghi dia diem"],
    ["ban dân tộc đã có sản phẩm cđs nào chưa", "khong ghi ket qua thuc hien cua don vi"],
    ["có bao nhiêu sở hoàn thành sản phẩm cđs", "khong ghi so san pham"],
    ["gđ cục thuế tỉnh tên gì", "cuc thue"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("'tối nay' typed plain is no 'tôi'", () => {
    const r = ask("toi nay co gi hay");
    expect(r.intent).not.toBe("link-needed");
  });

  it("tomorrow typed 'mai' alone; the last holiday of a year; a year typed with Telex", () => {
    const r = engine.ask({ text: "mai có được nghỉ lễ không", now: new Date("2027-04-29T09:00:00+07:00") });
    expect(fold(renderPlain(r))).toContain("30/04/2027");
    expect(plain("ngày nghỉ lễ cuối cùng nawm nay")).toContain("cuoi cung trong nam 2026: 02/09/2026");
  });

  it("'X là chủ tịch UBND tỉnh phải không': no, with who is", () => {
    const text = plain("ông nguyễn long biên là chủ tịch ubnd tỉnh phải không");
    expect(text).toContain("khong. chu tich ubnd tinh la tran quoc nam");
  });

  it("'hộ gđ' is hộ gia đình; 'Tô Lâm là bộ trưởng bộ nào'", () => {
    expect(plain("mt hộ gđ có cáp quang 2023")).toContain("85%");
    expect(plain("tô lâm là bộ trưởng bộ nào")).toContain("bo cong an");
  });
});

describe("a document against another document or a meeting; a mistyped number whose subject is named", () => {
  it.each([
    [
      "thông báo 16 ra trước quyết định 56 bao nhiêu ngày",
      "truoc quyet dinh 56/qd-ubnd (14/02/2023) 17 ngay",
    ],
    ["qđ 56 ban hành trước cuộc họp ban điều hành mấy ngày", "truoc cuoc hop ngay 20/02/2023 6 ngay"],
    ["kh 3609 ra trước hay sau cuộc họp BĐH tháng 9/2022", "truoc cuoc hop ngay 07/09/2022"],
    [
      "quyết định 1506 lấy ngày 10/10 làm ngày chuyển đổi số tỉnh",
      "co the ban muon hoi quyet dinh so 1560/qd-ubnd",
    ],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(fold(said));
  });

  it("a mistyped number named only with its issuer is not taken for another", () => {
    const r = ask("kh 3611 bđh ban hành ngày nào");
    expect(r.abstained).toBe(true);
  });
});

describe("a document whose subject is asked with 'kèm quyết định nào'; the areas of the targets; a unit asked 'nữa không'", () => {
  it.each([
    ["bộ chỉ số chuyển đổi số cấp xã ban hành kèm theo quyết định nào", "852/qd-ubnd"],
    ["mục tiêu năm 2023 gồm những lĩnh vực nào", "xa hoi so: 6 muc tieu"],
    ["bây giờ còn cấp huyện đâu mà phối hợp", "01/07/2025"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(said);
  });

  it("'sở mình có phải tuyên truyền ngày cđs nữa không' says what became of the unit", () => {
    const r = engine.ask({
      text: "sở mình có phải tuyên truyền ngày cđs nữa không",
      now: NOW,
      asker: { unitId: "so-tttt" } as never,
    });
    expect(fold(renderPlain(r))).toContain("hop nhat vao so khoa hoc va cong nghe tu 01/03/2025");
  });
});

describe("how far a piece of work has got, from a recorded result", () => {
  it("a result that says it is answered; none, not recorded", () => {
    const a = ask("nền tảng dữ liệu dùng chung làm tới đâu rồi");
    expect(a.abstained).toBe(false);
    expect(fold(renderPlain(a))).toContain("co ban hoan thanh nen tang du lieu dung chung");
    const b = ask("trung tâm dữ liệu quốc gia xây đến đâu rồi");
    expect(b.abstained).toBe(true);
  });
});

describe("where the listed holidays come from", () => {
  it("'ngày nghỉ lễ căn cứ văn bản nào'", () => {
    expect(plain("ngày nghỉ lễ căn cứ văn bản nào")).toContain("bo luat lao dong");
  });
});

describe("a department named by the start of its name, in any message", () => {
  it.each(["của Sở Thông tin", "CỦA SỞ THÔNG TIN VÀ TR", "giám đốc sở thông tin là ai"])("%s", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("thong tin va truyen thong");
  });
});

describe("a yearly task whose day this year has passed; 'thủ trưởng đơn vị'", () => {
  it("'… năm nay đã qua hạn chưa' says this year's day passed, and the next", () => {
    const text = plain("nhiệm vụ tuyên truyền ngày cđs tỉnh năm nay qua hạn chưa");
    expect(text).toContain("han nam 2026 (10/10/2026) da qua");
    expect(text).toContain("10/10/2027");
  });

  it("'thủ trưởng đơn vị' is its người đứng đầu", () => {
    expect(searchTerms("thủ trưởng đơn vị")).toEqual(searchTerms("người đứng đầu đơn vị"));
    expect(searchTerms("thứ trưởng bộ")).not.toEqual(searchTerms("người đứng đầu bộ"));
  });
});

describe("documents listed by a body that issued them, two issuers, a code of their numbers", () => {
  it.each([
    // The body named just before "ban hành", by its short name.
    [
      "BCĐ tỉnh ban hành những quyết định nào trong tháng 7/2021",
      ["01-qd/bcdcds", "02-qd/bcdcds"],
      ["352-qd/tu"],
    ],
    // "Ủy ban tỉnh" is how the UBND tỉnh is said.
    ["trong năm 2021 ủy ban tỉnh có những văn bản nào", ["562/kh-ubnd", "6526/kh-ubnd"], ["01-qd/bcdcds"]],
    // A topic word between the kind of document and its issuer.
    ["cac vb chuyen doi so cua ubnd tinh nam 2021", ["562/kh-ubnd"], ["56/qd-ubnd"]],
    // Two issuers joined.
    ["liệt kê văn bản của Tỉnh ủy và HĐND tỉnh", ["34/nq-hdnd", "352-qd/tu"], ["56/qd-ubnd"]],
    // The code the numbers carry, written with or without its kind.
    ["các văn bản ký hiệu BCĐCĐS", ["01-qd/bcdcds", "03-tb/bcdcds"], ["3609/kh-bdhcds"]],
    ["tim van ban co ky hieu kh-ubnd", ["3402/kh-ubnd"], ["56/qd-ubnd"]],
  ])("%s", (q, present, absent) => {
    const r = ask(q);
    expect(r.intent).toBe("document");
    expect(r.abstained).toBe(false);
    const text = plain(q);
    for (const p of present) expect(text).toContain(p);
    for (const a of absent) expect(text).not.toContain(a);
  });

  it("a day a document chose is not the day it was issued", () => {
    const text = plain("quyết định nào chọn ngày 10/10 làm Ngày Chuyển đổi số quốc gia, do ai ban hành");
    expect(text).toMatch(/^quyet dinh 505\/qd-ttg do thu tuong chinh phu/);
  });
});

describe("units that ended, asked of today: who supports, who is in charge, 'vẫn … không', a unit's part in a task", () => {
  it("the partners of a task say which of them has since ended", () => {
    const text = plain("những đơn vị nào phối hợp tuyên truyền Ngày Chuyển đổi số tỉnh");
    expect(text).toContain("ubnd cac huyen, thanh pho");
    expect(text).toContain("da ket thuc hoat dong tu 01/07/2025");
  });

  it.each([
    "ủy ban huyện có còn phối hợp tuyên truyền ngày cđs tỉnh nữa không",
    "uy ban cap huyen con hoat dong khong",
  ])("'ủy ban huyện' is the UBND of the districts: %s", (q) => {
    expect(plain(q)).toContain("01/07/2025");
  });

  it.each([
    "không còn cấp huyện thì đơn vị nào phối hợp tuyên truyền ngày cds tỉnh",
    "sau khi bỏ cấp huyện ai thay ubnd huyện phối hợp tuyên truyền ngày chuyển đổi số tỉnh",
  ])("who took over, when the sources name no one, is not known: %s", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nguon khong neu don vi tiep nhan");
  });

  it("a change of name asked with 'thay đổi từ ngày nào' is answered", () => {
    const r = ask("cấp huyện còn không, thay đổi từ ngày nào");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("01/07/2025");
  });

  it.each([
    "bây giờ sở nào phụ trách chuyển đổi số của tỉnh",
    "hien nay co quan nao tham muu ve chuyen doi so cua tinh vay",
    "gio so nao quan ly mang chuyen doi so",
  ])("the department in charge of digital transformation today: %s", (q) => {
    const text = plain(q);
    expect(text).toMatch(/^hien nay: so khoa hoc va cong nghe/);
    expect(text).toContain("01/03/2025");
    expect(text).toContain("truoc do: so thong tin va truyen thong");
  });

  it("a task's own lead is still asked of the task ('sở nào chủ trì chuyển đổi số trong nông nghiệp' is not the department in charge)", () => {
    expect(plain("sở nào chủ trì chuyển đổi số trong du lịch")).not.toMatch(/^hien nay: so khoa hoc/);
  });

  it.each([
    [
      "Sở TT&TT bây giờ vẫn chủ trì chuyển đổi số phải không anh",
      /^khong\. so thong tin va truyen thong da hop nhat vao so khoa hoc va cong nghe/,
    ],
  ])("'vẫn … không' of a unit that ended is answered no: %s", (q, re) => {
    expect(plain(q)).toMatch(re);
  });

  it.each([
    [
      "Sở TTTT giữ vai trò gì trong việc tuyên truyền Ngày CĐS tỉnh",
      /^so thong tin va truyen thong chu tri nhiem vu .tuyen truyen ngay chuyen doi so tinh/,
    ],
    [
      "so thong tin truyen thong truoc day co vai tro gi voi ngay chuyen doi so tinh",
      /^so thong tin va truyen thong chu tri nhiem vu .tuyen truyen ngay chuyen doi so tinh/,
    ],
  ])("a unit's part in a task: %s", (q, re) => {
    const text = plain(q);
    expect(text).toMatch(re);
    expect(text).toContain("da hop nhat vao so khoa hoc va cong nghe");
  });
});

describe("a post of a body held by none of its known members; 'trưởng' before a unit's initials; a post in a later year", () => {
  it.each([
    [
      "ai giữ chức chủ tịch ủy ban quốc gia về cđs",
      "chua co thong tin ve chu tich uy ban quoc gia ve chuyen doi so",
    ],
    [
      "phó chủ tịch Ủy ban Quốc gia về chuyển đổi số là ai",
      "chua co thong tin ve pho chu tich uy ban quoc gia",
    ],
  ])("not someone who holds that title elsewhere: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain(said);
    expect(text).not.toContain("tran quoc nam: chu tich ubnd tinh");
    expect(text).not.toContain("nguyen long bien: pho chu tich");
  });

  it("a member's own post in the body is still found through the members ('giám đốc nào trong Ban Điều hành')", () => {
    expect(plain("giám đốc nào là thành viên Ban Điều hành chuyển đổi số tỉnh")).toContain("dao xuan ky");
  });

  it.each(["trưởng BDT là ai", "truong bdt tinh ten gi"])(
    "'trưởng' before a unit's initials is its head: %s",
    (q) => {
      const r = ask(q);
      expect(r.intent).toBe("role");
      expect(r.abstained).toBe(true);
      expect(fold(renderPlain(r))).toContain("khong ghi nguoi dung dau ban dan toc");
    },
  );

  it.each([
    [
      "năm 2026 ông Nguyễn Long Biên còn giữ chức Phó Chủ tịch UBND tỉnh không",
      "khong ghi chuc vu nam 2026 cua nguyen long bien",
    ],
    ["Trần Quốc Nam năm 2025 giữ chức vụ gì", "khong ghi chuc vu nam 2025 cua tran quoc nam"],
  ])("a post asked of a year after the one recorded is not known: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain(said);
    // With the posts recorded, and their day.
    expect(text).toContain("20/02/2023");
  });

  it("a post asked of the year recorded is answered", () => {
    const r = ask("năm 2023 ông Nguyễn Long Biên giữ chức vụ gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("pho chu tich ubnd tinh");
  });
});

describe("a yearly day in a year named or said ('năm ngoái', 'năm sau'); holidays left this year; days between two days", () => {
  it.each([
    ["ngày chuyển đổi số quốc gia năm ngoái rơi vào ngày nào", "nam 2025 la ngay 10/10/2025"],
    ["Ngày CĐS quốc gia năm sau là ngày nào", "nam 2027 la ngay 10/10/2027"],
    ["ngày chuyển đổi số tỉnh năm 2028 là ngày nào", "nam 2028 la ngay 10/10/2028"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(said);
  });

  it("two yearly days compared in a year named give that year's day", () => {
    const text = plain("năm 2028 ngày cđs tỉnh với ngày cđs quốc gia có trùng nhau không");
    expect(text).toContain("trung nhau");
    expect(text).toContain("nam 2028: ca hai la ngay 10/10/2028");
  });

  it("the holidays left this year: none after the last, and the next one", () => {
    const text = plain("từ nay tới cuối năm còn ngày lễ nào không");
    expect(text).toContain("nam 2026 khong con ngay nghi le nao");
    expect(text).toContain("tiep theo: tet duong lich, ngay 01/01/2027");
  });

  it("the holidays left this year, when some are", () => {
    const r = engine.ask({
      text: "nam nay con nhung ngay le nao",
      now: new Date("2026-04-10T09:00:00+07:00"),
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("con lai trong nam 2026");
    expect(text).toContain("30/04/2026");
    expect(text).toContain("02/09/2026");
    expect(text).not.toContain("01/01/2026");
  });

  it.each([
    [
      "cuộc họp 7/9/2022 và quyết định 9/11/2022 cách nhau mấy ngày",
      "tu 07/09/2022 den 09/11/2022 la 63 ngay",
    ],
    ["từ 01/07/2025 đến 06/12/2026 là bao nhiêu ngày", "tu 01/07/2025 den 06/12/2026 la 523 ngay"],
  ])("days between two days written in full: %s", (q, said) => {
    expect(plain(q)).toContain(said);
  });
});

describe("targets: 'DĐ', 'DLS'; 'phải' is a target; a year's figure a target starts from; targets of a field", () => {
  it.each([
    ["chỉ tiêu điện thoại thông minh trên thuê bao DĐ năm 2023", "80%"],
    ["muc tieu ty le smartphone / thue bao dd", "80%"],
    ["QĐ nào gọi 2023 là năm DLS", "17/qd-ubqgcds"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it("'bao nhiêu … phải …' asks the target, not a count of what exists", () => {
    const r = ask("đến 2023 bao nhiêu phần doanh nghiệp nhỏ và vừa phải sử dụng nền tảng số");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("30%");
    // A count of what exists is still not a target.
    expect(ask("tỉnh có bao nhiêu doanh nghiệp nhỏ và vừa").abstained).toBe(true);
  });

  it("a year's figure given as a target's starting point", () => {
    const r = ask("năm 2022 tỷ lệ dữ liệu mở đạt bao nhiêu phần trăm");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("10% (nam 2022)");
    // A year with no target and no figure for what is asked stays unknown, without nearby figures.
    const gdp = ask("kinh tế số chiếm bao nhiêu % GRDP năm 2021");
    expect(gdp.abstained).toBe(true);
    expect(fold(renderPlain(gdp))).not.toContain("16%");
  });

  it.each([
    ["những mục tiêu nào liên quan đến y tế", ["ho so suc khoe", "chua benh tu xa", "co so y te"]],
    ["muc tieu ve giao duc", ["truong hoc"]],
  ])("the targets of a field, in its own words: %s", (q, facts) => {
    const text = plain(q);
    for (const f of facts) expect(text).toContain(f);
  });

  it("a field no target speaks of is said so", () => {
    const r = ask("các mục tiêu về du lịch");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co muc tieu nao lien quan den du lich");
  });
});

describe("the asker helped is not 'my unit'; 'sở mình' in a post and in attendance; a unit not in the register at a meeting; a meeting's notice number", () => {
  const askAs = (text: string, unitId?: string) =>
    engine.ask({ text, now: NOW, ...(unitId ? { asker: { unitId } as never } : {}) });

  it.each(["hướng dẫn mình cách cài ứng dụng VNeID", "chi toi cach dang ky chu ky so"])("%s", (q) => {
    const r = ask(q);
    expect(r.intent).not.toBe("link-needed");
    expect(r.abstained).toBe(true);
  });

  it("'nhiệm vụ giao cho tôi' is still the asker's unit", () => {
    expect(ask("nhiệm vụ giao cho tôi").intent).toBe("link-needed");
  });

  it("a post of 'sở mình': the link asked for, then the asker's unit", () => {
    expect(askAs("phó giám đốc sở mình là ai").intent).toBe("link-needed");
    const text = fold(renderPlain(askAs("giám đốc sở mình là ai", "so-tttt")));
    expect(text).toContain("dao xuan ky");
    expect(text).toContain("da hop nhat vao so khoa hoc va cong nghe");
  });

  it("a unit not in the register is not among a meeting's recorded attendees", () => {
    const r = ask("Sở Tư pháp có tham dự họp ngày 20/02/2023 không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain('chua co don vi "so tu phap"');
  });

  it("the asker's unit at a meeting ('ban mình có dự họp … không')", () => {
    const text = fold(renderPlain(askAs("ban mình có dự họp BĐH ngày 20/2/2023 không", "ban-dan-toc")));
    expect(text).toContain("co. thanh phan du hop ngay 20/02/2023 co lanh dao ban dan toc");
  });

  it.each([
    "số hiệu thông báo kết luận cuộc họp ngày 20/2/2023",
    "cuoc hop 20/2/2023 co thong bao ket luan so may",
  ])("a meeting's conclusion notice, when none is recorded: %s", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(
      "khong ghi so hieu thong bao ket luan cua cuoc hop ngay 20/02/2023",
    );
  });
});

describe("an ordinal before 'trọng tâm'; a document named by its day that a meeting mentions; a meeting's shortcomings on the DTI", () => {
  it.each(["nhiệm vụ 2 trọng tâm là gì", "nhiem vu 2 trong tam la gi vay"])("%s", (q) => {
    expect(plain(q)).toContain("de cao, phat huy vai tro");
  });

  it("a document named by its day, which a meeting mentions", () => {
    const text = plain("cuộc họp có nhắc tới thông báo ngày 28/1, đó là thông báo gì");
    expect(text).toContain("16/tb-vpcp");
  });

  it("what a meeting said were the shortcomings of the DTI, not the index's figures", () => {
    const r = ask("buổi họp đã chỉ ra những hạn chế gì về DTI");
    expect(r.intent).toBe("meeting");
    const text = fold(renderPlain(r));
    expect(text).toContain("nhan luc so con han che");
    expect(text).not.toMatch(/^chi so chuyen doi so \(dti\)/);
  });
});

describe("'product', 'report' in English; 'đạt … chưa' at the end; what the theme says of something; whose themes", () => {
  it("English 'product' among Vietnamese words", () => {
    const r = ask("product cds 2023 deadline khi nao");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("31/12/2023");
  });

  it.each(["tỉnh đã đạt nhóm khá DTI năm 2023 chưa nhỉ", "dti 2023 dat nhom kha chua"])(
    "whether a target was reached, with 'chưa' at the end, is not known: %s",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(true);
      expect(fold(renderPlain(r))).toContain("khong ghi ket qua dat duoc");
    },
  );

  it("what the year's national theme says of something is the theme's own words", () => {
    const r = ask("chủ đề 2023 của ủy ban quốc gia có đề cập đến bảo vệ dữ liệu cá nhân không");
    expect(r.intent).toBe("theme");
    expect(fold(renderPlain(r))).toContain("bao ve du lieu ca nhan");
  });

  it("'chủ đề của những cơ quan nào', asked of the provincial chairman's request, gives both themes", () => {
    const text = plain("chủ tịch UBND tỉnh yêu cầu quán triệt chủ đề của những cơ quan nào");
    expect(text).toContain("quoc gia (uy ban quoc gia ve chuyen doi so)");
    expect(text).toContain("tinh (ban chi dao cua tinh ve chuyen doi so)");
  });
});

describe("a long message whose question is two words after what it asks about; two people and their posts; 'bộ mình' in a target", () => {
  it("the question two words long goes with the clause before it", () => {
    const text = plain(
      "Chào anh, em mới nhận việc ở phòng tổng hợp, trưởng phòng nhờ em rà lại mấy kế hoạch cũ. Anh cho em hỏi cái kế hoạch nâng cao chỉ số DTI năm 2022 đó, do ai ký ạ? Em cảm ơn anh",
    );
    expect(text).toContain("4233/kh-ubnd do nguyen long bien ky");
  });

  it("a question in parts, each led by 'ai là', is not a chatty message", () => {
    const text = plain("Ông Kỳ và ông Nam, ai là Trưởng ban, ai là Phó Trưởng ban của Ban Điều hành?");
    expect(text).toContain("• tran quoc nam: chu tich ubnd tinh; truong ban dieu hanh");
    expect(text).toContain("• dao xuan ky: giam doc so thong tin va truyen thong; pho truong ban");
  });

  it("'bộ mình' is the asker, not what the target is about", () => {
    const r = engine.ask({
      text: "bộ mình đặt chỉ tiêu dữ liệu mở năm 2023 bao nhiêu phần trăm",
      now: NOW,
      asker: { unitId: "bo-tttt" } as never,
    });
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("60% (nam 2023)");
  });
});

describe("a DTI pillar named as 'chỉ số'; what was held for a day; a deadline of a quarter about what no task is", () => {
  it("a pillar whose score is not recorded, named as 'chỉ số … năm …'", () => {
    const r = ask("chỉ số hạ tầng số năm 2022 được mấy điểm");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi diem, thu hang cua tru cot ha tang so nam 2022");
  });

  it("the activities held for a day are not recorded", () => {
    const r = ask("ngày cđs tỉnh năm ngoái đã tổ chức những sự kiện gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi cac su kien, hoat dong da to chuc");
  });

  it.each(["hạn gửi báo cáo tổng kết tháng 12/2026 là ngày nào", "han nop bao cao quy 4/2026"])(
    "a deadline of a period about what no task is, is not known: %s",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(true);
      expect(fold(renderPlain(r))).not.toContain("tuyen truyen ngay chuyen doi so tinh");
    },
  );

  it.each([
    ["trong quý IV/2026 có mốc nào cần lưu ý không", "10/10/2026"],
    ["các hạn trong q4/2023", "31/12/2023"],
  ])("a period's deadlines asked with words that frame them: %s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });
});

describe("a number mistyped is corrected only within its kind; 'tỷ lệ … tối thiểu' is no holiday; a yearly day said wrong; ordering words; which province leads; 'hàn động'; frames of a year's deadlines", () => {
  it("a resolution's number is not corrected into a notice's", () => {
    const r = ask("nghị quyết 10-NQ/TU về chuyển đổi số ban hành ngày nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).not.toContain("16/tb-vpcp");
  });

  it("'tỷ lệ … tối thiểu' asks a target, not the next holiday", () => {
    const r = ask(
      "KH 562 yêu cầu tỷ lệ người dân và doanh nghiệp dùng định danh điện tử tối thiểu bao nhiêu",
    );
    expect(r.intent).toBe("target");
    expect(fold(renderPlain(r))).toContain("30%");
  });

  it.each([
    [
      "ngày chuyển đổi số quốc gia là 10/11 phải không",
      /^khong\. ngay chuyen doi so quoc gia la ngay 10\/10/,
    ],
    ["ngày cđs tỉnh là 10/10 đúng không", /^dung\. ngay chuyen doi so tinh ninh thuan la ngay 10\/10/],
  ])("a yearly day said, checked: %s", (q, re) => {
    expect(plain(q)).toMatch(re);
  });

  it.each([
    ["văn bản nào có ngày ban hành muộn nhất", "3402/kh-ubnd"],
    ["vb nao ban hanh som nhat trong ds", "562/kh-ubnd"],
  ])("%s", (q, fact) => {
    const text = plain(q);
    expect(text).toContain(fact);
  });

  it("which province leads the DTI is not recorded", () => {
    const r = ask("tỉnh dẫn đầu DTI năm 2022");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi thu hang giua cac tinh");
  });

  it("'hàn động' is 'hành động'", () => {
    expect(plain("chu de han dong 2023 cua tinh")).toContain("huy dong moi nguon luc");
  });

  it("a year's deadlines asked with words that only frame them", () => {
    const r = ask("cho tôi danh sách các nhiệm vụ đang theo dõi có hạn trong năm 2023");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("31/12/2023");
  });
});

describe("a task taken over from a unit succeeded; a body's own documents by 'Tỉnh ủy chúng tôi'; 'có phải hoàn thành … không' asks what must be done", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } as never });

  it("the asker's unit leads today what it took over", () => {
    const text = fold(
      renderPlain(askAs("sở mình có phải làm việc tuyên truyền Ngày CĐS tỉnh không", "so-khcn")),
    );
    expect(text).toContain(
      "co. so khoa hoc va cong nghe - chu tri (tiep nhan tu so thong tin va truyen thong tu 01/03/2025)",
    );
  });

  it("a unit named leads today what it took over; one that ended says so", () => {
    const khcn = plain("Sở KH&CN có phải chủ trì tuyên truyền Ngày Chuyển đổi số tỉnh không");
    expect(khcn).toMatch(/^co\. so khoa hoc va cong nghe chu tri/);
    expect(khcn).toContain("tiep nhan nhiem vu nay tu so thong tin va truyen thong tu 01/03/2025");
    expect(plain("Sở TT&TT có phải chủ trì tuyên truyền Ngày Chuyển đổi số tỉnh không")).toContain(
      "da hop nhat vao so khoa hoc va cong nghe tu 01/03/2025",
    );
  });

  it("a body's own documents, 'Tỉnh ủy chúng tôi đã ra …'", () => {
    const text = fold(renderPlain(askAs("Tỉnh ủy chúng tôi đã ban hành quyết định nào về CĐS", "tinh-uy")));
    expect(text).toContain("352-qd/tu");
  });

  it("'có phải hoàn thành … không' of a task given to every unit", () => {
    const text = plain("Ban Dân tộc có phải hoàn thành sản phẩm chuyển đổi số năm 2023 không");
    expect(text).toMatch(/^co\. nhiem vu .phan dau hoan thanh it nhat mot san pham/);
    expect(text).toContain("giao chung cho cac co quan, don vi, dia phuong, trong do co ban dan toc");
  });
});

describe("'ô X dự … với cv gì'; 'CNSCĐ'; the next national day; the issuer of a yearly day's decision; the lowest pillar by score and by rank; the changes recorded", () => {
  it("a person's capacity at a meeting, 'với cv gì'", () => {
    expect(plain("ô Tô Lâm dự hội nghị 25/12/2022 với cv gì")).toContain("voi cuong vi bo truong bo cong an");
  });

  it("'tổ CNSCĐ' at a meeting", () => {
    expect(plain("cuộc họp đánh giá tổ CNSCĐ thế nào")).toContain("to cong nghe so cong dong");
  });

  it.each(["ngày cđs quốc gia tới là ngày nào", "ngay chuyen doi so quoc gia lan toi"])(
    "the next national day: %s",
    (q) => {
      expect(plain(q)).toContain("lan toi: 10/10/2027 (chu nhat), con 318 ngay");
    },
  );

  it("who chose a yearly day: the decision and its issuer", () => {
    expect(plain("cơ quan nào quyết định lấy ngày 10/10 làm Ngày Chuyển đổi số tỉnh")).toContain(
      "1560/qd-ubnd ngay 09/11/2022 cua ubnd tinh",
    );
  });

  it("the lowest pillar, by score and by rank when neither is named", () => {
    const text = plain("trụ cột nào yếu nhất DTI 2022");
    expect(text).toContain("xa hoi so co diem thap nhat");
    expect(text).toContain("kinh te so co thu hang thap nhat");
    expect(plain("trụ cột nào có điểm thấp nhất DTI 2022")).not.toContain("thu hang thap nhat");
  });

  it("the changes recorded, asked with nothing else named; a change not recorded stays unknown", () => {
    const text = plain("các đơn vị đã hợp nhất năm 2025");
    expect(text).toContain("thay doi to chuc da ghi nhan nam 2025 (2)");
    expect(text).toContain("so thong tin va truyen thong da hop nhat vao so khoa hoc va cong nghe");
    expect(ask("ninh thuận sáp nhập với tỉnh nào").abstained).toBe(true);
  });
});

describe("'xây xong X chưa'; a body said to meet, with no meeting recorded; a unit's own product; documents of a unit not in the register", () => {
  it("'BCA xây xong TTDLQG chưa': what is recorded of the task", () => {
    const r = ask("bộ công an làm xong TTDLQG chưa");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("chua ghi nhan bo cong an da hoan thanh");
  });

  it.each(["BCĐ tỉnh họp gần đây nhất khi nào", "ban chi dao tinh da hop lan nao chua"])(
    "a body of which no meeting is recorded: %s",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(true);
      expect(fold(renderPlain(r))).toContain("khong ghi cuoc hop nao cua ban chi dao cua tinh");
    },
  );

  it("a body whose meetings are recorded is still answered", () => {
    expect(ask("Ban Điều hành họp lần gần nhất khi nào").abstained).toBe(false);
  });

  it("the product a unit made is not recorded; a task's product is", () => {
    const r = ask("sản phẩm chuyển đổi số của Ban Dân tộc là gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi san pham chuyen doi so cu the cua tung don vi");
    expect(ask("sản phẩm của nhiệm vụ trọng tâm (3) là gì").abstained).toBe(false);
  });

  it("a plan of a unit not in the register", () => {
    const r = ask("kế hoạch chuyển đổi số 2023 của Sở Xây dựng gồm những nội dung gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co ke hoach cua so xay dung");
  });
});

describe("search frames 'tìm kiếm', 'các tt liên quan đến'; who founded a body, said and checked", () => {
  it.each([
    ["tìm kiếm Vỏ Sò", "postmart"],
    ["các tt liên quan đến AI", "tri tue nhan tao"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it.each([
    [
      "Ban Chỉ đạo CĐS tỉnh do Tỉnh ủy thành lập đúng không",
      /^dung\. ban chi dao cua tinh ve chuyen doi so thanh lap theo quyet dinh so 352-qd\/tu/,
    ],
    [
      "có phải UBND tỉnh thành lập Ban Chỉ đạo chuyển đổi số tỉnh không",
      /^khong\. ban chi dao cua tinh ve chuyen doi so thanh lap theo .* cua tinh uy/,
    ],
  ])("the founder said, checked: %s", (q, re) => {
    expect(plain(q)).toMatch(re);
  });

  it("a body whose founding is not recorded, with the documents about it", () => {
    const r = ask("Tổ công nghệ số cộng đồng do Bộ Công an thành lập phải không");
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain("khong ghi van ban, thoi diem thanh lap to cong nghe so cong dong");
    expect(text).toContain("1813/kh-ubnd");
  });
});

describe("to whom the source says a task was given, beside its lead", () => {
  it.each([
    "các nhiệm vụ trọng tâm được giao cho ai",
    "nhiệm vụ trọng tâm thứ hai giao cho thành viên Ban Điều hành hay các ngành",
  ])("%s", (q) => {
    expect(plain(q)).toContain("giao cho cac thanh vien ban dieu hanh chuyen doi so tinh va cac nganh");
  });

  it("a task whose details name no one keeps its lead alone", () => {
    const text = plain("ai chủ trì tuyên truyền ngày chuyển đổi số tỉnh");
    expect(text).not.toContain("giao cho");
  });
});

describe("own documents by 'cơ quan tôi', 'VP mình', 'bên em'; tasks for every unit 'áp dụng cho tất cả'; what is not recorded: pay, counts done, an article's text, ministries' ranking; 'vb …' keywords; nested issuers both named; a check with its deadline", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } as never });

  it.each([
    ["văn bản chuyển đổi số cơ quan tôi", "ban-thuong-vu-tinh-uy", "09-nq/tu"],
    ["thông báo nào của VP mình", "van-phong-chinh-phu", "16/tb-vpcp"],
    ["công văn nào của bên em về tổ công nghệ số cộng đồng", "bo-tttt", "793/btttt-thh"],
  ])("%s", (q, unit, fact) => {
    const r = askAs(q, unit);
    expect(fold(renderPlain(r))).toContain(fact);
  });

  it("the tasks 'áp dụng cho tất cả cơ quan, đơn vị'", () => {
    expect(plain("những nhiệm vụ áp dụng cho tất cả cơ quan đơn vị là gì")).toContain(
      "san pham chuyen doi so",
    );
  });

  it.each([
    ["phụ cấp cho thành viên Ban Điều hành là bao nhiêu", "khong ghi phu cap, thu lao, che do"],
    ["năm 2023 tỉnh đã hoàn thành bao nhiêu sản phẩm chuyển đổi số", "khong ghi ket qua thuc hien"],
    ["điều 3 quyết định 1560 quy định gì", "khong ghi noi dung tung dieu, khoan"],
    ["DTI cấp bộ 2022 bộ nào dẫn đầu", "khong ghi thu hang giua"],
  ])("not recorded: %s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("what a unit must complete is still the task's ('phải hoàn thành bao nhiêu')", () => {
    expect(plain("mỗi đơn vị phải hoàn thành bao nhiêu sản phẩm chuyển đổi số năm 2023")).toContain(
      "it nhat mot san pham",
    );
  });

  it("'vb …' keywords list the documents", () => {
    expect(plain("vb chi so cds cap xa")).toContain("852/qd-ubnd");
  });

  it("an issuer and one whose name contains it, both named", () => {
    const text = plain("các văn bản của Tỉnh ủy và Ban Thường vụ Tỉnh ủy");
    expect(text).toContain("352-qd/tu");
    expect(text).toContain("09-nq/tu");
  });

  it("a check says the task's deadline", () => {
    const text = fold(
      renderPlain(askAs("chi nhánh mình có phải hoàn thành sản phẩm cđs 2023 không", "nhnn-chi-nhanh-tinh")),
    );
    expect(text).toContain("31/12/2023");
  });
});

describe("an asker linked to a unit the knowledge no longer has", () => {
  it("is not shown the unit's internal id", () => {
    const r = engine.ask({
      text: "văn bản chuyển đổi số của đơn vị tôi",
      now: NOW,
      asker: { unitId: "don-vi-da-xoa-123" } as never,
    });
    expect(renderPlain(r)).not.toContain("don-vi-da-xoa-123");
  });
});

describe("frames that name no content, and bodies that are talked about, not met", () => {
  it("a quarter's meeting asked about a body it discussed is that meeting", () => {
    const r = ask("cuộc họp quý I/2023 bàn gì về Tổ công nghệ số cộng đồng");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("tiep tuc duoc mo rong");
  });

  it("'công dân số' is not the province's population", () => {
    const r = ask("chủ đề hành động của tỉnh có nói đến công dân số không");
    expect(r.abstained).toBe(false);
    expect(r.intent).toBe("theme");
  });

  it("a body's 'nhiệm vụ' with more words is its description", () => {
    const r = ask("nhiệm vụ tổ công nghệ số cộng đồng là đưa kỹ năng gì đến người dân");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("ky nang so");
  });

  it.each([
    ["tên đầy đủ mà Thủ tướng tuyên bố cho năm 2023", "nam du lieu so"],
    ["tra cứu giúp em thông tin về định danh điện tử", "30%"],
    ["tìm cụm trách nhiệm và quyết tâm", "nguoi dung dau"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("words of a document's summary find the documents, not one's key points", () => {
    const text = plain("tầm nhìn 2030");
    expect(text).toContain("09-nq/tu");
    expect(text).toContain("2314/qd-ubnd");
  });
});

describe("who set tasks, the asker's tasks on the theme, deadlines of tasks set together", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } as never });
  it("'ai là người kết luận …' asks who set the tasks", () => {
    const text = plain("ai là người kết luận các nhiệm vụ trọng tâm năm 2023");
    expect(text).toContain("tran quoc nam");
    // (A part after a full stop starts with a capital.)
    expect(renderPlain(ask("ai là người kết luận các nhiệm vụ trọng tâm năm 2023"))).toContain(
      "Chủ trì cuộc họp",
    );
  });

  it("a task recorded from a document is set by that document's issuer", () => {
    const r = ask("ai là người giao việc tuyên truyền ngày chuyển đổi số tỉnh");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("1560/qd-ubnd");
  });

  it.each([
    ["đơn vị mình phải làm gì với chủ đề năm 2023", "nv-2023-trong-tam-1-quan-triet-chu-de"],
    ["Trường CT cần triển khai gì theo chủ đề chuyển đổi số 2023", "nv-2023-trong-tam-1-quan-triet-chu-de"],
  ])("%s: the unit's tasks on the theme", (q, task) => {
    const r = askAs(q, "truong-chinh-tri");
    expect(r.intent).toBe("tasks");
    expect(r.items?.some((i) => i.id === task)).toBe(true);
  });

  it("a merged unit asked for the tasks it had before is told which it took over", () => {
    const text = fold(
      renderPlain(askAs("sở tôi hiện lo những việc nào được giao trước khi hợp nhất", "so-khcn")),
    );
    expect(text).toContain("ngay chuyen doi so tinh");
  });

  it.each(["ngay chuyen doi so tinh lan toi roi vao thu may", "ngay cds tinh next time"])(
    "%s: the next occurrence",
    (q) => {
      expect(plain(q)).toContain("10/10/2027");
    },
  );

  it("the deadlines of the tasks a meeting concluded are theirs, not the year's", () => {
    const r = ask("hạn của 3 nv trọng tâm theo KL họp BĐH");
    const text = fold(renderPlain(r));
    expect(text).not.toContain("31/12/2023");
    expect(text.match(/bai viet khong neu han cu the/g)?.length).toBe(3);
    expect(text).not.toContain("thoi han: thoi han");
  });

  it("'nv (1)' of a meeting's conclusions is the first of them", () => {
    expect(plain("kết luận họp BĐH: nv (2) là gì")).toContain("guong mau");
  });
});

describe("Telex stopwords, the assistant's own knowledge, targets by who set them, a theme's focus", () => {
  it("'cos' (có typed in Telex) is a stopword like 'có'", () => {
    const r = ask("tổ công nghệ số cộng đồng cos nhiệm vụ đưa kỹ năng gì đến người dân");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("ky nang so");
  });

  it("'mà bạn biết' frames the question", () => {
    expect(plain("văn bản nào mới nhất mà bạn biết")).toContain("3402/kh-ubnd");
  });

  it.each([
    ["mục tiêu dữ liệu năm 2023 của ủy ban quốc gia", "danh muc co so du lieu"],
    ["theo QĐ 17 của UBQG thì KTS phải chiếm bn % GDP", "16%"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("the national targets, when the committee is named", () => {
    expect(plain("mục tiêu dữ liệu năm 2023 của ủy ban quốc gia")).not.toContain("(tinh,");
  });

  it.each([
    ["năm 2023 ủy ban quốc gia đặt trọng tâm vào những việc gì", "chia se du lieu"],
    ["trong tam nam 2023 cua tinh", "chinh quyen so"],
  ])("%s: the theme's focus", (q, said) => {
    const r = ask(q);
    expect(r.intent).toBe("theme");
    expect(fold(renderPlain(r))).toContain(said);
  });
});

describe("which tasks are done: those recorded done, or plainly none", () => {
  it.each([
    ["những việc nào đã xong", "chua ghi nhan nhiem vu nao da hoan thanh"],
    ["co quan nao da lam xong viec quan triet chu de", 'quan triet chu de" da hoan thanh'],
    ["sở nào đã làm xong việc quán triệt chủ đề", 've "quan triet chu de" da hoan thanh'],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("lists a task recorded done, and not the others", () => {
    const data = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
    const tasks = data.tasks.map((t) =>
      t.id === "nv-bca-trung-tam-du-lieu-quoc-gia"
        ? { ...t, progress: { ...t.progress, completedOn: "2023-11-30" } }
        : t,
    );
    const withDone = createAnswerEngine(new Knowledge({ ...data, tasks }));
    const r = withDone.ask({ text: "nhiệm vụ nào đã hoàn thành rồi", now: NOW });
    expect(r.abstained).toBe(false);
    const text = fold(renderPlain(r));
    expect(text).toContain("trung tam du lieu quoc gia");
    expect(text).toContain("(1)");
    // (First: a task about the year 2023 may follow, not lead.)
    const other = text.indexOf("quan triet");
    expect(other === -1 || text.indexOf("tuyen truyen ngay chuyen doi so tinh") < other).toBe(true);
  });

  it("'… xong chưa' still asks of one task", () => {
    expect(ask("nhiệm vụ quán triệt chủ đề đã hoàn thành chưa").items?.[0]?.id).toBe(
      "nv-2023-trong-tam-1-quan-triet-chu-de",
    );
    expect(plain("nhiệm vụ quán triệt chủ đề đã hoàn thành chưa")).not.toContain("thoi han: thoi han");
  });
});

describe("other provinces, unreviewed years, requests to act, posts today", () => {
  it("a province whose name holds a stopword ('Lâm Đồng') is another province", () => {
    const r = ask("kế hoạch chuyển đổi số 2023 của tỉnh Lâm Đồng");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co thong tin rieng cua tinh lam dong");
  });

  it("results of a year no meeting reviewed are not recorded", () => {
    const r = ask("kết quả triển khai Kế hoạch 3402 năm 2024 ra sao");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua thuc hien nam 2024");
  });

  it("a year a meeting reviewed is answered from it", () => {
    expect(ask("kết quả thực hiện chuyển đổi số năm 2022 ra sao").abstained).toBe(false);
  });

  it("'Đề án 06' is what the decision numbered 06 issues, not 'not a đề án'", () => {
    const text = plain("đề án 06 của thủ tướng");
    expect(text).toContain("de an 06 duoc ban hanh kem theo quyet dinh so 06/qd-ttg");
    expect(text).not.toContain("khong phai de an");
  });

  it("an event's activities on a dated day are not turned into a meeting's results", () => {
    const r = ask("Ngày CĐS tỉnh 10/10/2025 có những hoạt động gì, kết quả thế nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).not.toContain("20/02/2023");
  });

  it("whether a target was reached ('có lọt vào nhóm …') is not the target's list", () => {
    const r = ask("năm 2025 tỉnh có lọt top 15 DTI không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nhom 15");
    expect(ask("năm 2025 tỉnh có lọt vào nhóm 15 tỉnh DTI cao nhất không").abstained).toBe(true);
  });

  it.each([
    "đặt lịch họp ban điều hành chiều thứ Sáu này",
    "gui giup toi giay moi hop cho cac so",
    "soạn giúp em báo cáo tiến độ chuyển đổi số",
  ])("%s: a request to act is declined plainly", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong thuc hien viec nay");
  });

  it("a question about sending is still answered", () => {
    expect(plain("gửi báo cáo kết quả cho cơ quan nào")).not.toContain("khong thuc hien viec nay");
  });

  it("a leader's field of work is not recorded", () => {
    const r = ask("phó chủ tịch tỉnh phụ trách lĩnh vực kinh tế là ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("phan cong linh vuc phu trach");
  });

  it("a post held today, recorded years ago, says so before the name", () => {
    const text = plain("bộ trưởng bộ công an hiện tại là ai");
    expect(text).toContain("khong ghi nguoi giu chuc vu nay hien nay");
    expect(text).toContain("to lam");
  });
});

describe("tasks with a product, counts in figures, what a meeting did, glued words", () => {
  it("'nhiệm vụ nào có sản phẩm' lists the tasks whose product is given, with it", () => {
    const r = ask("những việc nào phải có sản phẩm cụ thể");
    expect(r.intent).toBe("tasks");
    const text = fold(renderPlain(r));
    expect(text).toContain("san pham: it nhat mot san pham chuyen doi so");
    expect(text).not.toContain("guong mau");
  });

  it("'1 SP' is the title's 'một sản phẩm'", () => {
    expect(plain("hạn của nv ít nhất 1 sp cđs")).toContain("31/12/2023");
  });

  it("'hội nghị … sơ kết đề án nào' asks what the meeting did", () => {
    const r = ask("hoi nghi thu tuong chu tri thang 12/2022 so ket de an nao");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("de an 06");
  });

  it.each([
    ["dti2021xephangmay", "53/63"],
    ["chudecds2023", "tao lap va khai thac du lieu"],
  ])("%s: words typed without spaces", (q, said) => {
    expect(plain(q)).toContain(said);
  });
});

describe("code in a message, the asker's errand, where it falls short", () => {
  it.each([
    ["'); DELETE FROM tasks; -- mục tiêu kế hoạch 3402", "nhom kha"],
    ["<script>alert(1)</script> chủ đề năm 2023", "tao lap va khai thac du lieu"],
  ])("%s: the code is no part of the question", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("'chiều nay họp mà sếp hỏi …' is why, not what", () => {
    const r = ask("chiều nay em họp giao ban mà sếp hỏi kế hoạch 3402 đặt mục tiêu DTI năm 2023 là gì");
    expect(r.intent).toBe("target");
    expect(fold(renderPlain(r))).toContain("nhom kha");
  });

  it("'còn yếu ở đâu' asks a meeting's shortcomings", () => {
    const text = plain("họp tháng 2/2023 nói cđs tỉnh yếu ở đâu");
    expect(text).toContain("han che");
  });
});

describe("lists by what tasks record, the degree asked, counting days", () => {
  const at = (text: string, now: string) => engine.ask({ text, now: new Date(now) });

  it("'nhiệm vụ chuyển đổi số' names no topic: every task", () => {
    expect(plain("liệt kê các nhiệm vụ chuyển đổi số")).toContain("(6)");
  });

  it("'nhiệm vụ nào có đơn vị phối hợp' lists those with supporting units", () => {
    const r = ask("việc nào có cả đơn vị chủ trì lẫn đơn vị phối hợp");
    expect(r.intent).toBe("tasks");
    const text = fold(renderPlain(r));
    expect(text).toContain("(1)");
    expect(text).toContain("ngay chuyen doi so tinh");
  });

  it("'tới mức nào' asks the degree, in the task's words", () => {
    expect(plain("quán triệt chủ đề năm 2023 phải tuyên truyền ở mức nào")).toContain("sau sac");
  });

  it("'tuyên truyền những chủ đề nào' asks the themes", () => {
    expect(ask("các sở phải tuyên truyền những chủ đề nào năm 2023").intent).toBe("theme");
  });

  it("days since a yearly day's last occurrence", () => {
    const text = fold(
      renderPlain(at("ngày cds quốc gia vừa qua cách đây mấy ngày", "2026-12-07T09:00:00+07:00")),
    );
    expect(text).toContain("10/10/2026");
    expect(text).toContain("58 ngay");
  });

  it.each([
    ["từ hôm nay tới 2/9/2027 còn mấy ngày", "269 ngay"],
    ["1/7/2025 đến nay được bao nhiêu ngày", "524 ngay"],
  ])("%s: days to or from a written date", (q, said) => {
    expect(fold(renderPlain(at(q, "2026-12-07T09:00:00+07:00")))).toContain(said);
  });

  it("'số ngày còn lại' of a task is its deadline counted", () => {
    const r = at(
      "số ngày còn lại để hoàn thành sản phẩm chuyển đổi số năm 2023",
      "2023-03-01T09:00:00+07:00",
    );
    expect(fold(renderPlain(r))).toContain("con 305 ngay");
  });

  it("how many attended a meeting is not recorded", () => {
    expect(ask("bao nhiêu người tham dự cuộc họp ngày 20/02/2023").abstained).toBe(true);
  });
});

describe("abbreviations in context, a target's document, a day in English, unrecorded details", () => {
  it.each([
    ["chỉ tiêu tài khoản định danh ĐT 2023", "30%"],
    ["văn bản nào đặt chỉ tiêu về TMĐT", "17/qd-ubqgcds"],
    ["dti21", "53/63"],
    ["cds day cua tinh la hom nao", "10/10"],
    ["ngoài trưởng ban, phó trưởng ban điều hành là ai", "dao xuan ky"],
    ["đầu mối chuyển đổi số của tỉnh hiện nay", "so khoa hoc va cong nghe"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it.each([
    ["cuộc họp ngày 20/02/2023 tổ chức ở đâuu", "khong ghi dia diem"],
    ["kết quả kế hoạch 3402 năm 2024", "khong ghi ket qua thuc hien nam 2024"],
    ["sở khcn gồm những phòng nào", "khong ghi co cau to chuc"],
  ])("%s: not recorded", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
});

describe("the asker's documents, a unit's targets, orders by topic, what a meeting cited", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } as never });

  it.each([
    ["đơn vị tôi đã thông qua những nghị quyết nào", "hdnd-tinh", "34/nq-hdnd"],
    ["văn bản của bộ mình về tổ công nghệ số", "bo-tttt", "793/btttt-thh"],
    ["bộ chúng tôi đặt chỉ tiêu dữ liệu mở bao nhiêu", "bo-tttt", "60%"],
  ])("%s (%s)", (q, unit, said) => {
    expect(fold(renderPlain(askAs(q, unit)))).toContain(said);
  });

  it("a unit named with a target's words asks the target", () => {
    const r = ask("Bộ TT&TT dữ liệu mở 2023");
    expect(r.intent).toBe("target");
    expect(fold(renderPlain(r))).toContain("60%");
  });

  it("'cơ quan nào khác cũng coi 2023 là năm dữ liệu' finds who said so", () => {
    expect(plain("ngoài thủ tướng, cơ quan nào khác coi năm 2023 là năm dữ liệu")).toContain(
      "bo thong tin va truyen thong",
    );
  });

  it("the latest document on a topic", () => {
    expect(plain("kế hoạch gần đây nhất về dti")).toContain("3402/kh-ubnd");
  });

  it("a person asked whether they still hold a post at a merged unit: the post as recorded, and the merger", () => {
    const text = plain("ông Đào Xuân Kỳ giờ có còn là giám đốc sở tttt không");
    expect(text).toContain("01/03/2025");
    expect(text).toContain("20/02/2023");
  });

  it("the documents a meeting's record cites", () => {
    const text = plain("họp ngày 20/02/2023 có nhắc đến những văn bản nào");
    for (const n of ["3609/kh-bdhcds", "16/tb-vpcp", "03-tb/bcdcds", "56/qd-ubnd"]) expect(text).toContain(n);
  });
});

describe("whether a document was issued, and details nobody recorded", () => {
  it("'đã ban hành kế hoạch … chưa': yes with the document when one fits", () => {
    const r = ask("tỉnh đã có kế hoạch nâng cao chỉ số DTI năm 2023 chưa");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("co. ke hoach so 3402/kh-ubnd");
  });

  it("… and that none is recorded otherwise", () => {
    const r = ask("tỉnh đã ban hành kế hoạch an toàn thông tin năm 2024 chưa");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ke hoach nao");
  });

  it.each([
    ["phường tôi đã đạt chuẩn chuyển đổi số chưa", "dat chuan"],
    ["ai soạn báo cáo tổng kết kế hoạch 3609", "nguoi soan thao"],
    ["nội dung chi tiết dự thảo kế hoạch chuyển đổi số 2023", "noi dung chi tiet cua du thao"],
  ])("%s: not recorded", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });

  it("who took a closed unit's tasks after it ended is not recorded", () => {
    const r = ask("từ 1/7/2025 việc của UBND các huyện giao cho đơn vị nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nguon khong neu don vi tiep nhan");
  });
});

describe("a task named by its place, asked about a sentence of it", () => {
  it("the sentence the question fits is shown, though the details stop before it", () => {
    const text = plain("nhiệm vụ trọng tâm thứ nhất nói chính quyền số dẫn dắt hình thành những gì");
    expect(text).toContain("kinh te so, cong dan so, xa hoi so");
  });
});

describe("the theme's words, a unit's card, how a body was founded, a quoted target", () => {
  it("'chủ đề … gắn với kế hoạch nào' is answered by the theme's own words", () => {
    const r = ask("chủ đề hành động 2023 của tỉnh hướng tới kế hoạch nào về kinh tế xã hội");
    expect(r.intent).toBe("theme");
    expect(fold(renderPlain(r))).toContain("ke hoach phat trien kinh te");
  });

  it("'thông tin liên quan <unit>' is the unit's card", () => {
    expect(ask("cho xin thông tin liên quan Trung tâm PVHCC").intent).toBe("unit");
  });

  it("a unit's part in founding a body: the founding decision", () => {
    const text = plain("tỉnh ủy có vai trò gì trong việc thành lập ban chỉ đạo chuyển đổi số");
    expect(text).toContain("352-qd/tu");
  });

  it("a quoted target is the target that says it, with its commas", () => {
    const r = ask("chỉ tiêu “người dân, doanh nghiệp chỉ cung cấp thông tin một lần” thuộc lĩnh vực nào");
    expect(r.intent).toBe("target");
    expect(fold(renderPlain(r))).toContain("kho du lieu dien tu");
  });
});

describe("where an article on a meeting was published", () => {
  it("is said when the sources give it", () => {
    const r = ask("bài báo về hội nghị 25/12/2022 đăng ở đâu");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("tienphong.vn");
  });

  it("is not recorded when they do not", () => {
    const r = ask("bài viết về cuộc họp ngày 20/02/2023 đăng trên trang nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi trang dang, ngay dang");
  });

  it("an article's author is still answered", () => {
    expect(plain("tác giả bài viết về cuộc họp 20/02/2023")).toContain("nhu vuong");
  });
});

describe("'tôi qua' is 'tối qua', not the asker", () => {
  it("asks nothing of the asker's unit", () => {
    const r = ask("kết quả bóng đá tôi qua thế nào");
    expect(r.intent).not.toBe("link-needed");
    expect(r.abstained).toBe(true);
  });
});

describe("'hc' for hạn chót; the documents to follow when planning", () => {
  it("'hc hoàn thành sp' asks the deadline", () => {
    expect(plain("hc nộp sp cđs 2023")).toContain("31/12/2023");
  });

  it.each([
    "sở mình xây kế hoạch cđs thì phải bám sát những văn bản nào",
    "đơn vị em cụ thể hóa nhiệm vụ vào kế hoạch theo các văn bản nào",
  ])("%s: the documents the planning task names", (q) => {
    const text = fold(
      renderPlain(engine.ask({ text: q, now: NOW, asker: { unitId: "truong-chinh-tri" } as never })),
    );
    for (const n of ["16/tb-vpcp", "03-tb/bcdcds", "56/qd-ubnd"]) expect(text).toContain(n);
  });
});

describe("a task's deadline asked with the words that name it", () => {
  it.each(["hạn của việc một sản phẩm chuyển đổi số là ngày nào", "nv sp cds hạn ngày nào vậy"])(
    "'sản phẩm' names the task when its deadline is asked: %s",
    (q) => {
      const text = plain(q);
      expect(text).toContain("phan dau hoan thanh it nhat mot san pham");
      expect(text).toContain("31/12/2023");
    },
  );

  it("'đã quá bao nhiêu ngày' asks the deadline of the task named", () => {
    const text = plain("han viec mot san pham cds da qua may ngay roi");
    expect(text).toContain("31/12/2023");
    expect(text).toMatch(/qua han \d+ ngay/);
  });

  it("the asker's own unit ('trung tâm mk', 'sở mình') is no word of the task's", () => {
    for (const q of [
      "bao lâu nữa hết hạn việc sản phẩm cđs của trung tâm mk",
      "việc sản phẩm chuyển đổi số của sở mình hạn khi nào",
    ]) {
      const r = engine.ask({ text: q, now: NOW, asker: { unitId: "trung-tam-phuc-vu-hcc" } as never });
      expect(fold(renderPlain(r))).toContain("31/12/2023");
      expect(fold(renderPlain(r))).not.toContain("quan triet");
    }
  });

  it("a yearly day asked 'đã qua chưa' is the day's reading, this year's", () => {
    expect(plain("ngay cds tinh nam nay da qua chua")).toContain("10/10/2026");
  });
});

describe("the tasks with a due day, and the days left to the nearest", () => {
  it("lists only the tasks with a due day", () => {
    const r = ask("những nhiệm vụ nào có thời hạn cụ thể");
    expect(r.intent).toBe("tasks");
    const text = fold(renderPlain(r));
    expect(text).toContain("co han cu the");
    expect(text).toContain("31/12/2023");
    // (First: a task about the year 2023 may follow, not lead.)
    const other = text.indexOf("quan triet");
    expect(other === -1 || text.indexOf("tuyen truyen ngay chuyen doi so tinh") < other).toBe(true);
  });

  it("the nearest deadline after an empty window says how many days are left", () => {
    const r = engine.ask({
      text: "nhiệm vụ của bộ mình sắp đến hạn",
      now: new Date("2023-06-01T09:00:00+07:00"),
      asker: { unitId: "bo-cong-an" } as never,
    });
    expect(fold(renderPlain(r))).toContain("31/12/2023 (con 213 ngay)");
  });
});

describe("a question word typed with a slipped mark names nothing", () => {
  it("'vè' (về) is neither searched nor counted missing", async () => {
    const { SearchIndex } = await import("../../../src/core/search/search-index.ts");
    const ix = new SearchIndex();
    ix.add({ kind: "body", id: "a", title: "a" }, [{ text: "Tổ công nghệ số cộng đồng", weight: 1 }]);
    ix.add({ kind: "body", id: "b", title: "b" }, [{ text: "Tổ Giúp việc", weight: 1 }]);
    ix.finish();
    expect(ix.expandQuery("vè tổ công nghệ số").map((q) => q.term)).not.toContain("ve");
    expect(ix.search("vè tổ công nghệ số cộng đồng")[0]?.termCoverage).toBe(1);
  });
});

describe("what falls due in a week or a span ahead, and a day checked against a yearly day", () => {
  const on = (text: string, now: string, unitId?: string) =>
    engine.ask({ text, now: new Date(now), ...(unitId ? { asker: { unitId } as never } : {}) });

  it.each([
    "tuần tới có ngày nào về chuyển đổi số không",
    "trong hai tuần tới có hoạt động gì cần chuẩn bị về cđs",
  ])("%s: the deadlines of that span", (q) => {
    const r = on(q, "2024-10-03T09:00:00+07:00");
    expect(r.intent).toBe("deadlines");
    expect(fold(renderPlain(r))).toContain("10/10/2024");
  });

  it("a past week asked of a meeting stays the meeting's", () => {
    expect(on("tuần trước ban điều hành họp ngày nào", "2023-02-27T09:00:00+07:00").intent).not.toBe(
      "deadlines",
    );
  });

  it.each([
    ["thứ năm tuần này có phải ngày chuyển đổi số không", "co. ngay 10/10/2024"],
    ["ngay 12/10/2024 co phai ngay cds tinh ko", "khong. ngay 12/10/2024"],
  ])("%s", (q, said) => {
    const text = fold(renderPlain(on(q, "2024-10-07T09:00:00+07:00")));
    expect(text).toContain(said);
    expect(text).toContain("10/10 hang nam");
  });

  it("'sở mìh', 'trung tâm mik' are the asker's unit", () => {
    const r = on("sở mìh sắp tới có việc gì liên quan ngày cđs ko", "2024-10-07T09:00:00+07:00", "so-tttt");
    expect(fold(renderPlain(r))).toContain("10/10/2024");
    expect(r.abstained).toBe(false);
  });

  it("'có việc gì phải phối hợp … không' lists the tasks, it is no yes-or-no", () => {
    const r = on(
      "chi nhánh ngân hàng nhà nước tỉnh có việc gì phải phối hợp không",
      "2024-10-07T09:00:00+07:00",
    );
    expect(fold(renderPlain(r))).not.toMatch(/^khong\./);
    expect(fold(renderPlain(r))).toContain("tuyen truyen ngay chuyen doi so tinh");
  });
});

describe("a year, the next meeting, targets reached, a leader's fields", () => {
  it("a leading 'Năm 2023,' stays with a long question about the DTI (no figure for that year)", () => {
    const r = ask("Năm 2023, chỉ số chuyển đổi số DTI của tỉnh mình xếp thứ mấy trong 63 tỉnh, thành phố?");
    expect(r.abstained).toBe(true);
    expect(
      plain("Năm 2023, chỉ số chuyển đổi số DTI của tỉnh mình xếp thứ mấy trong 63 tỉnh, thành phố?"),
    ).toContain("chua co thong tin ve chi so chuyen doi so (dti) nam 2023");
  });

  it.each(["lần họp tới của Ban Điều hành là bao giờ", "cuoc hop ban dieu hanh ky toi hop ngay nao"])(
    "%s: no schedule, the latest one recorded",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(true);
      expect(fold(renderPlain(r))).toContain("chua co lich cuoc hop sap toi");
      expect(fold(renderPlain(r))).toContain("20/02/2023");
    },
  );

  it("'đặt các mục tiêu' is no statement that they were reached", () => {
    const r = ask("các chỉ tiêu năm 2023 của Ủy ban Quốc gia đã đạt được bao nhiêu %");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua thuc hien muc tieu");
  });

  it("the fields a leader named looks after are not recorded", () => {
    const r = ask("ông Trần Quốc Nam phụ trách những lĩnh vực nào của tỉnh");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("phan cong linh vuc phu trach");
  });
});

describe("a target's age, 'ngày BH', 'trong CSDL', more abbreviations, the meetings listed", () => {
  it("'từ bao nhiêu tuổi' of a target is the target's, not a person's age", () => {
    const r = ask(
      "chỉ tiêu tài khoản thanh toán năm 2023 áp dụng cho người dân từ mấy tuổi, tỷ lệ bao nhiêu",
    );
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("15 tuoi");
    expect(fold(renderPlain(r))).toContain("75%");
  });

  it("a person's age is still not recorded", () => {
    expect(plain("ông Nguyễn Long Biên năm nay bao nhiêu tuổi")).toContain("khong ghi nam sinh, tuoi");
  });

  it.each([
    ["vb nào có ngày BH muộn nhất", "3402/kh-ubnd"],
    ["văn bản nào được BH sớm nhất trong CSDL của trợ lý", "562/kh-ubnd"],
  ])("%s", (q, doc) => {
    expect(plain(q)).toContain(doc);
  });

  it.each([
    [
      "chủ đề quốc gia 2023 có nói gì về bảo vệ DLCN không",
      "chủ đề quốc gia 2023 có nói gì về bảo vệ dữ liệu cá nhân không",
    ],
    [
      "Tỉnh ủy năm 2023 phải phát huy vai trò NĐĐ thế nào",
      "Tỉnh ủy năm 2023 phải phát huy vai trò người đứng đầu thế nào",
    ],
    ["ngày QTế lao động năm 2027 là thứ mấy", "ngày Quốc tế lao động năm 2027 là thứ mấy"],
  ])("%s: read as the words written out", (short, long) => {
    expect(renderPlain(ask(short))).toBe(renderPlain(ask(long)));
    expect(ask(short).abstained).toBe(false);
  });

  it("a task named by its words beside a unit is the task, not the unit's card", () => {
    const text = plain("BCSĐ UBND tỉnh năm 2023 phải phát huy vai trò người đứng đầu thế nào");
    expect(text).toContain("guong mau, trach nhiem va quyet tam");
  });

  it.each(["liệt kê các hội nghị về chuyển đổi số", "hội nghị nào đã được ghi nhận trong hệ thống"])(
    "%s: the meetings, each with its day",
    (q) => {
      const text = plain(q);
      for (const d of ["20/02/2023", "25/12/2022", "07/09/2022"]) expect(text).toContain(d);
    },
  );
});

describe("'CĐ' before a year or scope, a holiday's days left, what a yearly day's results and an attached plan's tasks are", () => {
  it("'CĐ QG 2023' is the national theme, with what it focuses on", () => {
    const text = plain("CĐ QG 2023 nhấn mạnh bảo vệ DLCN đúng không");
    expect(text).toContain("tao lap va khai thac du lieu");
    expect(text).toContain("bao ve du lieu ca nhan");
  });

  it("a holiday's weekday asked with the days left gives both", () => {
    const text = fold(
      renderPlain(
        engine.ask({
          text: "lễ 2/9 năm sau thứ mấy, còn mấy ngày",
          now: new Date("2026-12-07T09:00:00+07:00"),
        }),
      ),
    );
    expect(text).toContain("thu nam");
    expect(text).toContain("con 269 ngay");
  });

  it("days to a day also say its weekday", () => {
    const text = fold(
      renderPlain(
        engine.ask({
          text: "từ nay tới 30/4/2027 còn bao nhiêu ngày",
          now: new Date("2026-12-07T09:00:00+07:00"),
        }),
      ),
    );
    expect(text).toContain("30/04/2027 (thu sau) con 144 ngay");
  });

  it("how a yearly day went is not recorded", () => {
    const r = ask("ngày chuyển đổi số tỉnh năm ngoái tổ chức có kết quả gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua to chuc ngay chuyen doi so");
  });

  it("the tasks of a plan attached to a decision, asked by deadline, are not recorded", () => {
    const r = ask("nhiệm vụ trong kế hoạch kèm theo QĐ 56 có thời hạn khi nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("chua co cac nhiem vu va thoi han cua van ban ban hanh kem theo");
  });
});

describe("the manner tasks were asked in, tasks citing a unit's documents, 'nhũng', 'trong đây'", () => {
  it("'với tinh thần nào' is answered by the meeting's words", () => {
    expect(plain("chủ tịch UBND tỉnh chỉ đạo thực hiện ba nhiệm vụ trọng tâm với tinh thần gì")).toContain(
      "tang toc",
    );
  });

  it("a task's own spirit is still the task's", () => {
    expect(plain("người đứng đầu phải thể hiện tinh thần gì theo nhiệm vụ trọng tâm")).toContain(
      "guong mau, trach nhiem va quyet tam",
    );
  });

  it("the tasks that cite documents of a unit", () => {
    const r = ask("các nhiệm vụ nào trích dẫn văn bản của VPCP");
    expect(r.intent).toBe("tasks");
    const text = fold(renderPlain(r));
    expect(text).toContain("dan chieu van ban cua van phong chinh phu");
    expect(text).toContain("16/tb-vpcp");
    expect(text).not.toContain("trung tam du lieu quoc gia");
  });

  it("'nhũng' with its horn slipped, and 'trong đây', frame a list by issuer", () => {
    const text = plain("Thủ tướng đã ban hành nhũng văn bản nào ở đây");
    for (const n of ["505/qd-ttg", "06/qd-ttg", "05/ct-ttg"]) expect(text).toContain(n);
  });
});

describe("the DTI's pillars by keywords, several pillars at once, 'Nam ngoài'", () => {
  it("'trụ cột dti 2022 điểm cao nhất' names the best one", () => {
    const text = plain("tru cot dti 2022 diem cao nhat");
    expect(text).toContain("chinh quyen so co diem cao nhat");
    expect(text).toContain("0,6787");
  });

  it("each pillar named gets its figures", () => {
    const text = plain("DTI 2022 kinh tế số và xã hội số mỗi trụ cột được bao nhiêu điểm");
    expect(text).toContain("0,6518");
    expect(text).toContain("0,6045");
  });

  it("'Trần Quốc Nam ngoài chức …' is no 'năm ngoái'", async () => {
    const { findYear } = await import("../../../src/core/text/dates.ts");
    expect(findYear("Ông Trần Quốc Nam ngoài chức Chủ tịch còn giữ chức gì", NOW)).toBeNull();
    expect(findYear("ong Tran Quoc Nam ngoai chuc chu tich con giu chuc gi", NOW)).toBeNull();
    expect(findYear("năm ngoái tỉnh có nhiệm vụ gì", NOW)).toBe(2025);
    expect(findYear("nam ngoai tinh co nhiem vu gi", NOW)).toBe(2025);
    expect(plain("Ông Trần Quốc Nam ngoài chức CT UBND tỉnh còn giữ chức gì trong BĐH")).toContain(
      "truong ban",
    );
  });
});

describe("greetings and chat around a question; the span a regulation applies to", () => {
  it.each([
    ["chào bạn, cho mình hỏi chút xíu về mục tiêu điện thoại thông minh năm 2023 nhé, thks", "80%"],
    ["chao ban, minh hoi chut xiu ve muc tieu cap quang ho gia dinh 2023 nhe tks", "85%"],
  ])("%s", (q, figure) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(figure);
  });

  it("'áp dụng cho giai đoạn nào' is answered by the span the entry writes", () => {
    const text = plain("quy chế làm việc của BCĐ tỉnh áp dụng trong giai đoạn nào");
    expect(text).toMatch(/giai doan 2021.2025/);
  });
});

describe("a document's full text asked with what is known of it", () => {
  it("gives what is known, not flagged as not knowing", () => {
    const r = ask("KH 3609 có bản toàn văn không, biết gì về kế hoạch này");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("chua co toan van");
    expect(fold(renderPlain(r))).toContain("20/02/2023");
  });

  it("the full text alone asked is still said missing", () => {
    expect(ask("cho xin toàn văn KH 3609").abstained).toBe(true);
  });
});

describe("the plan issued from a draft a meeting discussed", () => {
  it.each([
    "dự thảo kế hoạch chuyển đổi số 2023 của Ban Điều hành về sau mang số hiệu gì",
    "kh cds nam 2023 ban chinh thuc cua bdh so may",
  ])("%s: not recorded, only the draft", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nguon chi ghi ban du thao");
  });

  it("a document issued and recorded is still found by its number", () => {
    expect(ask("kế hoạch 3402 ban hành ngày nào").abstained).toBe(false);
  });
});

describe("who attended for a unit or body the sources list by post", () => {
  it("a name asked of a post listed without one is not recorded", () => {
    const r = ask("Tên của tổ phó Tổ Giúp việc dự họp hôm 20/2 là gì");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ho ten");
  });

  it("'ai đại diện' a body that sent a post is answered by the post", () => {
    const r = ask("ai đại diện tổ giúp việc dự cuộc họp ngày 20/02/2023");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("to pho to giup viec");
  });

  it("'ai đại diện' a unit listed as 'Lãnh đạo …' is not recorded", () => {
    const r = ask("ai đại diện Cục Thuế tỉnh dự họp ngày 20/2/2023");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("lanh dao cuc thue tinh");
  });
});

describe("a meeting schedule asked, a product a unit registered", () => {
  it("'có lịch họp không' is the schedule, which is not recorded", () => {
    const r = ask("tháng sau Ban Điều hành có lịch họp không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("chua co lich cuoc hop sap toi");
  });

  it("the product a unit registered is not recorded", () => {
    const r = ask("Cục Thuế tỉnh đăng ký sản phẩm chuyển đổi số nào cho năm 2023");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("san pham chuyen doi so cu the cua tung don vi");
  });
});

describe("where a task was set", () => {
  it.each([
    "nhiệm vụ phấn đấu có ít nhất 1 sản phẩm CĐS thuộc chủ đề nào",
    "việc mỗi đơn vị hoàn thành ít nhất một sản phẩm cđs bắt nguồn từ đâu",
  ])("%s: the clause it was set in", (q) => {
    expect(plain(q)).toContain("nam trong: chu de hanh dong nam 2023 cua ban chi dao");
  });

  it("a theme's words asked 'nằm trong chủ đề nào' stay the theme's", () => {
    expect(ask("huy động mọi nguồn lực nằm trong chủ đề nào").intent).toBe("theme");
  });
});

describe("'chỉ số CĐS cấp xã' is the 'chỉ số đánh giá chuyển đổi số cấp xã'; 'kèm theo' frames", () => {
  it("the two wordings are one term list", () => {
    expect(searchTerms("chỉ số đánh giá chuyển đổi số cấp xã")).toEqual(
      searchTerms("chỉ số chuyển đổi số cấp xã"),
    );
  });

  it.each([
    "văn bản nào về bộ chỉ số CĐS cấp xã",
    "bộ chỉ số đánh giá CĐS cấp xã ban hành kèm theo quyết định nào",
  ])("%s", (q) => {
    expect(plain(q)).toContain("852/qd-ubnd");
  });
});

describe("two questions of one kind in one message, each about its own entry", () => {
  it("days since one day and the next of a yearly day", () => {
    const text = plain("Ngày CĐS 10/10/2026 qua được mấy ngày rồi? Ngày CĐS quốc gia lần sau là ngày nào?");
    expect(text).toContain("47 ngay");
    expect(text).toContain("10/10/2027");
  });
  it("who founded each of two bodies", () => {
    const text = plain("Ban Điều hành do ai lập ra, còn Ban Chỉ đạo thì cơ quan nào thành lập?");
    expect(text).toContain("01-qd/bcdcds");
    expect(text).toContain("352-qd/tu");
  });
  it("a question word typed in Telex still splits the message", () => {
    const text = plain("dti 2022 xep hang bao nhieeu? con ngay cds tinh la ngay nao");
    expect(text).toContain("27/63");
    expect(text).toContain("10/10");
  });
  it("a second part without a subject of its own stays with the first", () => {
    const text = plain("Ban Điều hành họp quý I năm 2023 ngày nào, ai chủ trì cuộc họp?");
    expect(text).toContain("tran quoc nam");
  });
});

describe("'do ai lập ra': the founding decision", () => {
  it.each([
    ["Ban chỉ đạo CĐS tỉnh do ai lập ra", "352-qd/tu"],
    ["cấp nào lập ra Ban Điều hành chuyển đổi số", "01-qd/bcdcds"],
  ])("%s", (q, doc) => {
    expect(plain(q)).toContain(doc);
  });
});

describe("weekdays", () => {
  it("of a task's due date, when asked with it", () => {
    expect(plain("nhiệm vụ xây dựng Trung tâm Dữ liệu quốc gia hạn ngày nào, rơi vào thứ mấy")).toContain(
      "31/12/2023 la chu nhat",
    );
  });
  it("of two days or a short span, each", () => {
    const text = plain("2/9/2027 và 3/9/2027 là thứ mấy");
    expect(text).toContain("02/09/2027 la thu nam");
    expect(text).toContain("03/09/2027 la thu sau");
    const span = plain("nghỉ 30/4 - 1/5/2027 rơi vào thứ mấy");
    expect(span).toContain("30/04/2027 la thu sau");
    expect(span).toContain("01/05/2027 la thu bay");
  });
  it("of the holiday coming next, when asked 'sắp tới'", () => {
    expect(plain("Tết Dương lịch sắp tới rơi vào thứ mấy")).toContain("01/01/2027 la thu sau");
  });
});

describe("a day written without its year", () => {
  it("counts to its next coming when asked how many days are left", () => {
    expect(plain("còn bao nhiêu ngày nữa tới 1/1")).toContain("con 36 ngay");
    expect(plain("mấy hôm nữa đến 30/4")).toContain("30/04/2027");
  });
  it("counts back to its last passing when asked how long since", () => {
    expect(plain("từ 10/10 tới nay được bao nhiêu ngày")).toContain("47 ngay");
  });
});

describe("meetings named by what they were about, by who chaired them, listed, and the days between two", () => {
  it("'những cuộc họp, hội nghị nào': kinds listed with a comma are one list question", () => {
    const text = plain(
      "Cho em hỏi, trợ lý lưu những cuộc họp, hội nghị nào về chuyển đổi số? Nêu tên và ngày nhé.",
    );
    expect(text).toContain("cac cuoc hop");
  });
  it("a person with 'chủ trì họp': the meetings the person chaired", () => {
    const text = plain("Nguyễn Long Biên dự họp");
    expect(text).toContain("cuoc hop co nguyen long bien");
    expect(plain("ông Trần Quốc Nam có chủ trì cuộc họp về Ngày CĐS không")).toContain("07/09/2022");
  });
  it("'cuộc họp về DTI' is the meeting on that topic, not the index", () => {
    const r = ask("cuộc họp bàn về chỉ số DTI họp hôm nào");
    expect(r.intent).toBe("meeting");
    expect(fold(renderPlain(r))).toContain("07/09/2022");
  });
  it("two meetings, each named by its day, period or words: the days between", () => {
    expect(plain("hội nghị ngày 25/12/2022 với cuộc họp quý I/2023 cách nhau mấy ngày")).toContain("57 ngay");
    expect(plain("cuộc họp về chỉ số DTI diễn ra trước cuộc họp quý I năm 2023 bao nhiêu ngày")).toContain(
      "166 ngay",
    );
  });
});

describe("a pillar's 'số' is not a department's 'sở'; abbreviations officials type", () => {
  it("'xã hội số xếp hạng mấy' is the pillar's rank, not a unit's", () => {
    expect(plain("trụ cột kinh tế số năm 2022 xếp hạng mấy")).toContain("29/63");
    expect(ask("sở tôi xếp hạng mấy trong tỉnh").abstained).toBe(true);
  });
  it.each([
    ["HT số năm 2022 được bao nhiêu điểm", "ha tang so"],
    ["ai là giám đốc sở ttt", "dao xuan ky"],
    ["chủ trì TT Ngày CĐS tỉnh là sở nào", "tuyen truyen ngay chuyen doi so tinh"],
  ])("%s", (q, said) => {
    expect(plain(q)).toContain(said);
  });
});

describe("what a document aims at, when its title states it", () => {
  it("is said from the title, without figures", () => {
    const r = ask("KH 3402 đặt ra mục tiêu gì");
    expect(fold(renderPlain(r))).toContain("nang cao chi so dti");
  });
  it("a figure asked of it is still not recorded", () => {
    expect(ask("kế hoạch 4233 đặt mục tiêu DTI đạt bao nhiêu điểm").abstained).toBe(true);
  });
});

describe("work done and reports due are not recorded", () => {
  it.each([
    "hạn gửi báo cáo chuyển đổi số 6 tháng là ngày nào",
    "khi nào phải nộp bc cđs quý này",
    "tỉnh đã cấp được bao nhiêu chữ ký số cho cán bộ rồi",
  ])("%s", (q) => {
    expect(ask(q).abstained).toBe(true);
  });
  it("a report deadline the question gives itself is read as that day", () => {
    expect(plain("hạn nộp báo cáo 2/9/2027 có phải ngày lễ không")).toContain("quoc khanh");
  });
});

describe("words quoted back as typed", () => {
  it("'tài khoản định danh' keeps its 'tài' and 'định'", () => {
    expect(plain("mục tiêu số tài khoản định danh điện tử cấp cho học sinh là bao nhiêu")).toContain(
      "tai khoan dinh danh dien tu",
    );
  });
});

describe("documents named together, by issuer or by number", () => {
  it("'văn bản Tỉnh ủy' includes its standing committee's", () => {
    const text = plain("các văn bản của Tỉnh ủy về CĐS");
    expect(text).toContain("352-qd/tu");
    expect(text).toContain("09-nq/tu");
  });
  it("'văn bản quy định Ngày CĐS', neither tỉnh nor quốc gia said: both days' decisions", () => {
    const text = plain("Ngày chuyển đổi số được quy định ở những văn bản nào");
    expect(text).toContain("505/qd-ttg");
    expect(text).toContain("1560/qd-ubnd");
    expect(plain("văn bản nào quy định Ngày CĐS quốc gia")).not.toContain("1560/qd-ubnd");
  });
  it("two documents by number, one question of each: both answered", () => {
    const text = plain("KH 4233 với KH 3402 ký ngày nào");
    expect(text).toContain("28/09/2022");
    expect(text).toContain("16/08/2023");
  });
  it("'quy định việc gì' asks what a document provides, not its tasks", () => {
    const r = ask("QĐ 02-QĐ/BCĐCĐS quy định việc gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("quy che lam viec");
  });
});

describe("tasks central bodies lead, and 'của mình' of a subject named before it", () => {
  it.each(["việc nào do bộ, ngành trung ương chủ trì", "có nv nào giao cho một bộ ở trung ương k"])(
    "%s",
    (q) => {
      const r = ask(q);
      expect(r.abstained).toBe(false);
      const text = fold(renderPlain(r));
      expect(text).toContain("bo cong an");
      expect(text).not.toContain("tuyen truyen ngay chuyen doi so");
    },
  );
  it("'mỗi đơn vị … của mình' is that unit's, not the asker's", () => {
    const r = ask("nhiệm vụ nào yêu cầu từng đơn vị có sản phẩm chuyển đổi số của mình");
    expect(r.intent).not.toBe("link-needed");
    expect(fold(renderPlain(r))).toContain("it nhat mot san pham");
  });
  it("'tìm giúp e' and 'do VPCP BH không' are read as meant", () => {
    expect(plain("tìm giúp e văn bản nói về Trung tâm phục vụ hành chính công")).not.toContain(
      "chua co thong tin",
    );
    expect(plain("có vb nào do VPCP BH không")).toContain("16/tb-vpcp");
  });
});

describe("one entry far ahead of every other answers the question", () => {
  it("a target named with a typo the index does not know", () => {
    const r = ask("mục tiu năm 2023 về hộ gia đình có cáp quang là bao nhiu");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("85%");
  });
  it("not when what was done is asked: a target only says what is to be reached", () => {
    expect(ask("tỉnh đã có bao nhiêu phần trăm hộ gia đình có cáp quang").abstained).toBe(true);
  });
});

describe("a search entry far ahead of every other", () => {
  it("answers a question that is not for a figure", () => {
    const r = ask("Số hóa trong lĩnh vực nào được đẩy mạnh hơn năm 2022");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("cuoc hop ngay 20/02/2023");
  });
});

describe("the 2025 changes asked in other words", () => {
  it.each([
    "UBND cấp huyện ngừng hoạt động từ ngày nào",
    "mô hình chính quyền địa phương hai cấp áp dụng từ khi nào",
  ])("%s", (q) => {
    expect(plain(q)).toContain("01/07/2025");
  });
  it("what was done before two-level government is not the change", () => {
    expect(plain("trước khi có chính quyền hai cấp, UBND các huyện làm nhiệm vụ gì về CĐS")).not.toMatch(
      /^ubnd cac huyen, thanh pho da ket thuc/,
    );
  });
  it("a task's lead that has since merged says who holds it now", () => {
    expect(plain("tuyên truyền Ngày CĐS tỉnh hiện nay đơn vị nào chủ trì")).toContain(
      "hop nhat vao so khoa hoc va cong nghe",
    );
  });
});

describe("days between dated events of the knowledge, and counts in weeks", () => {
  it("a document and a meeting named by words: the meeting on the side the question puts it", () => {
    expect(plain("Quyết định 56/QĐ-UBND ra trước cuộc họp Ban Điều hành mấy ngày")).toContain("6 ngay");
  });
  it("the announcement of an index and a document", () => {
    expect(plain("công bố DTI 2022 xong thì bao nhiêu ngày sau mới ban hành KH 3402")).toContain("35 ngay");
  });
  it("a span from a day to today", () => {
    expect(plain("từ ngày 25/12/2022 đến hôm nay bao nhiêu ngày")).toContain("1432 ngay");
  });
  it("weeks when asked in weeks; the days to the next holiday", () => {
    expect(plain("còn mấy tuần nữa tới Ngày CĐS quốc gia")).toContain("tuan");
    expect(plain("ngày lễ sắp tới là ngày nào còn bao lâu")).toContain("con 36 ngay");
  });
  it("'Ngày Chuyển đổi số tiếp theo' with neither level said: both, on their one day", () => {
    const text = plain("Ngày chuyển đổi số lần sau là ngày nào");
    expect(text).toContain("10/10/2027");
    expect(plain("hạn sản phẩm CĐS của đơn vị tôi là ngày nào")).not.toContain("10/10/2027");
  });
});

describe("out of scope, and more of what the knowledge does not record", () => {
  it.each([
    "dịch giúp em chữ 'dữ liệu số' sang tiếng Anh",
    "nên mua máy tính bảng nào dưới 15 triệu cho công việc",
    "bầu cử đại biểu quốc hội khóa tới khi nào",
  ])("out of scope: %s", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("ngoai pham vi");
  });
  it.each([
    ["Bộ Công an đã làm được những sản phẩm gì rồi", "ket qua thuc hien cua don vi"],
    ["30/4 - 1/5/2027 có được nghỉ bù không", "khong ghi ngay nghi them, nghi bu"],
    ["kết quả triển khai Kế hoạch 1813 ra sao", "ket qua thuc hien ke hoach 1813/kh-ubnd"],
    ["Sở Tư pháp nhập vào sở nào", "sap nhap"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it("a plan whose results a recorded meeting reviewed is answered", () => {
    expect(ask("kết quả thực hiện KH 3609").abstained).toBe(false);
  });
  it("a recorded merger asked 'nhập vào sở nào' is answered", () => {
    expect(plain("Sở TT&TT nhập vào sở nào")).toContain("so khoa hoc va cong nghe");
  });
});

describe("posts, averages and documents described by what they implement", () => {
  it("'ai làm chủ tịch/giám đốc …' asks who holds the post", () => {
    const r = ask("năm 2023 ai làm phó chủ tịch ubnd tỉnh");
    expect(r.intent).toBe("role");
    expect(fold(renderPlain(r))).toContain("nguyen long bien");
  });
  it("'cao hơn hay thấp hơn' the national average: which, not yes or no", () => {
    const text = plain("DTI 2022 với trung bìn cả nước thì cao hơn hay thấp hơn");
    expect(text).toMatch(/^dti 2022 cua tinh \(0,5934\) cao hon trung binh ca nuoc/);
  });
  it("'chương trình hành động thực hiện NQ 09' is the document that implements it", () => {
    const text = plain("chương trình hành động thực hiện nghị quyết 09-NQ/TU ban hành ngày nào");
    expect(text).toContain("59-ctr/bcsd");
    expect(text).not.toContain("khong phai nghi quyet");
  });
});

describe("the asker's unit typed without marks, and the index as of a meeting's month", () => {
  it.each(["don vi minh co phai tuyen truyen ngay cds tinh khong", "trường mìn có nhiệm vụ gì năm 2023"])(
    "%s",
    (q) => {
      const r = engine.ask({ text: q, now: NOW, asker: { unitId: "truong-chinh-tri" } });
      expect(r.intent).not.toBe("link-needed");
      expect(fold(renderPlain(r))).toContain("truong chinh tri");
    },
  );
  it("'thông minh' is not the asker", () => {
    expect(ask("tỷ lệ điện thoại thông minh mục tiêu 2023").intent).not.toBe("link-needed");
  });
  it("'lúc họp tháng 2/2023, DTI mới nhất': the index published by that meeting", () => {
    expect(plain("hồi họp Ban Điều hành tháng 2/2023 DTI mới nhất là bao nhiêu")).toContain("0,3048");
  });
});

describe("a year's theme with what a meeting concluded of it", () => {
  it("'chủ đề … được đưa vào kết luận cuộc họp nào'", () => {
    const text = plain("chủ đề năm 2023 của quốc gia được tỉnh đưa vào kết luận cuộc họp nào");
    expect(text).toContain("cuoc hop ngay 20/02/2023 (chu tri: tran quoc nam, chu tich ubnd tinh) ket luan");
    expect(text).toContain("quan triet");
  });
  it("'CĐ \"…\"': a quoted theme after CĐ", () => {
    expect(ask('CĐ "Tạo lập và khai thác dữ liệu" là chủ đề của ai').intent).toBe("theme");
  });
});

describe("more wordings of known questions", () => {
  it("'nhiệm vụ nào có ghi hạn chót cụ thể': the dated tasks", () => {
    expect(plain("những nhiệm vụ nào có ghi hạn chót cụ thể")).toContain("nhiem vu co han cu the");
  });
  it("'cơ quan chuyên môn nào của tỉnh phụ trách chức năng CĐS': the department in charge today", () => {
    expect(plain("cơ quan chuyên môn nào của tỉnh phụ trách chức năng chuyển đổi số")).toContain(
      "hien nay: so khoa hoc va cong nghe",
    );
  });
});

describe("'đã ban hành … chưa' with a closing particle or a dropped letter", () => {
  it.each([
    ["tỉnh ban hàn kế hoạch về an toàn thông tin chưa vậy", true],
    ["UBND tỉnh ban hành kế hoạch nâng cao chỉ số DTI năm 2023 chưa ạ", false],
  ])("%s", (q, abstains) => {
    const r = ask(q);
    expect(r.intent).toBe("document");
    expect(r.abstained).toBe(abstains);
  });
});

describe("a document number written in words", () => {
  it("finds the document", () => {
    expect(plain("thông báo mười sáu ban hành ngày nào")).toContain("16/tb-vpcp");
    expect(plain("quyết định một nghìn năm trăm sáu mươi của UBND tỉnh quy định gì")).toContain("10/10");
  });
});

describe("holidays after a day, 'Tết DL', and a yearly day's days since", () => {
  const at = (text: string, now: string) => fold(renderPlain(engine.ask({ text, now: new Date(now) })));
  it("'ngày lễ đầu tiên sau <ngày>' counts from that day, not from today", () => {
    const text = at("ngày nghỉ lễ đầu tiên sau hội nghị 25/12/2022 là ngày nào", "2026-12-10T09:00:00+07:00");
    expect(text).toContain("dau tien sau ngay 25/12/2022: tet duong lich, ngay 01/01/2023");
  });
  it("'Tết DL' is Tết Dương lịch", () => {
    expect(at("tết DL năm 2027 nghỉ hôm nào", "2026-12-10T09:00:00+07:00")).toContain("01/01/2027");
  });
  it("'năm nay đã qua mấy ngày' of a yearly day", () => {
    expect(at("ngày cđs tỉnh năm nay qua được bao nhiêu ngày rồi", "2026-12-10T09:00:00+07:00")).toContain(
      "10/10/2026, da qua 61 ngay",
    );
  });
});

describe("abbreviations: 'TTg CP', 'PH với', '&' between words, 'để'", () => {
  it("'VB của TTg CP': the Prime Minister's documents", () => {
    const text = plain("cho xem các văn bản của TTg CP");
    expect(text).toContain("505/qd-ttg");
    expect(text).not.toContain("ve “cp”");
  });
  it("'&' spaced between words that make no abbreviation is 'và'", () => {
    expect(searchTerms("Cổng DVC & HT một cửa")).toEqual(searchTerms("Cổng DVC và HT một cửa"));
    expect(searchTerms("Sở KH & CN")).toEqual(searchTerms("Sở KH&CN"));
  });
  it("'PH với những ĐV nào để …': the supporting units of the task named", () => {
    const r = engine.ask({
      text: "sở mình PH với những ĐV nào để tuyên truyền ngày cđs tỉnh",
      now: new Date("2024-05-20T09:00:00+07:00"),
      asker: { unitId: "so-tttt" },
    });
    expect(fold(renderPlain(r))).toContain("phoi hop thuc hien");
  });
  it("a target question naming 'các bộ, ngành' is a target's, not the central bodies' tasks", () => {
    expect(ask("mục tiêu về việc các bộ, ngành ban hành kế hoạch phát triển kinh tế số").intent).toBe(
      "target",
    );
  });
});

describe("a task's day asked with its partners; a unit 'còn không'", () => {
  it("'lần tới là ngày nào, phối hợp với ai': both", () => {
    const r = engine.ask({
      text: "lần tuyên truyền ngày cđs tỉnh tiếp theo vào ngày nào, sở tôi chủ trì thì phối hợp với ai",
      now: new Date("2026-12-10T09:00:00+07:00"),
      asker: { unitId: "so-khcn" },
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("10/10/2027");
    expect(text).toContain("cac so, ban, nganh");
  });
  it.each(["sở tttt bây giờ còn không, gửi công văn đi đâu", "So TTTT con ko vay"])("%s", (q) => {
    expect(plain(q)).toContain("hop nhat vao so khoa hoc va cong nghe");
  });
});

describe("counts, members and reorganisations not recorded; a 'tổ trưởng' not recorded", () => {
  it.each([
    "tỉnh đã số hóa được bao nhiêu % hồ sơ",
    "tổng số tổ công nghệ số cộng đồng đã được thành lập",
    "Tổ Giúp việc có tất cả bao nhiêu người",
    "khi nào kiện toàn Ban Chỉ đạo chuyển đổi số",
    "tổ trưởng là ai",
  ])("%s", (q) => {
    expect(ask(q).abstained).toBe(true);
  });
  it("'… giao ai' after a unit that ended with no successor named abstains", () => {
    const r = ask("sau khi bỏ cấp huyện, việc phối hợp tuyên truyền giao ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong neu don vi tiep nhan");
  });
});

describe("a choice offered, a chat frame, a typo that makes another word", () => {
  it.each([
    ["tổ công nghệ số cộng đồng được thành lập ở cấp xã hay thôn vậy", "thon"],
    ["theo bạn thì tổ công nghệ số cộng đồng được thành lập ở đâu z", "thon, khu pho"],
    ["tổ công nghệ số cộng đồng được thàng lập ở đâu", "thon, khu pho"],
    ["tuyên truyền ngày cđs tỉnh chỉ làm một năm hay năm nào cũng làm", "hang nam"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fact);
  });
  it("'chỉ làm' is no 'chị Lâm': a word typed with its marks is that word", () => {
    expect(ask("việc này chỉ làm một lần thôi à").intent).not.toBe("person");
    expect(ask("chị Lâm giữ chức gì").intent).toBe("person");
  });
  it("'có … hay không' is no choice", async () => {
    const { withoutChoice } = await import("../../../src/core/answers/engine.ts");
    expect(withoutChoice("sở tôi có phải tuyên truyền hay không")).toBeUndefined();
    expect(withoutChoice("làm 1 lần hay năm nào cũng làm")).toBeUndefined();
    expect(withoutChoice("tuyên truyền ngày cđs làm 1 lần hay năm nào cũng làm")).toBe(
      "tuyên truyền ngày cđs",
    );
  });
});

describe("more classes read from set 29: a list's tasks, a role chosen, a dated clause", () => {
  const asUnit = (text: string, unitId: string, now = "2026-12-10T09:00:00+07:00") =>
    fold(renderPlain(engine.ask({ text, now: new Date(now), asker: { unitId } })));
  it("'ba nhiệm vụ trọng tâm … hạn HT': every task of the numbered list, 'HT' read as hoàn thành", () => {
    const text = plain("ba nhiệm vụ trọng tâm sau cuộc họp BĐH hạn HT là khi nào");
    expect(text.match(/thoi han "/g)?.length).toBe(3);
  });
  it("'chủ trì hay phối hợp' of the asker's task: the role, not 'Có'", () => {
    const text = asUnit("việc tuyên truyền ngày cđs tỉnh thì sở mình chủ trì hay phối hợp", "so-khcn");
    expect(text).toMatch(/^so khoa hoc va cong nghe - chu tri/);
  });
  it("'hôm nay đơn vị mình có việc gì không': the tasks due today", () => {
    expect(asUnit("hôm nay đơn vị mình có việc gì không", "so-khcn", "2026-10-10T09:00:00+07:00")).toContain(
      "co han trong hom nay",
    );
  });
  it("'TB là ai': the head of the body, not a notice", () => {
    const text = plain("Ban Điều hành CĐS: TB là ai, còn PTB là ai");
    expect(text).toContain("tran quoc nam");
    expect(text).toContain("dao xuan ky");
  });
  it("a clause that only dates the question goes with it", () => {
    expect(plain("Vào thời điểm họp 20/02/2023, DTI mới nhất của năm nào, được bao nhiêu điểm?")).toContain(
      "0,3048",
    );
  });
  it("documents that speak of a day, not issued on it; one issued on a day the meeting cites", () => {
    const text = plain("văn bản nào có đề cập đến ngày 10/10");
    expect(text).toContain("505/qd-ttg");
    expect(text).toContain("1560/qd-ubnd");
    expect(plain("văn bản ngày 28/1 mà cuộc họp nhắc tới là văn bản gì")).toContain("16/tb-vpcp");
  });
  it("'xin số, ngày của TB của VPCP mà …': the document's number and day", () => {
    expect(plain("cho mình xin số, ngày của TB của VPCP mà chủ tịch tỉnh yêu cầu bám sát")).toContain(
      "16/tb-vpcp",
    );
  });
  it("a unit named alone: its tasks and the meetings it attended", () => {
    expect(plain("bảo hiểm xã hội tỉnh")).toContain("du cuoc hop ngay 20/02/2023");
  });
  it("'giao nhiệm vụ tại hội nghị nào, do ai chủ trì': the meeting and its chair", () => {
    expect(
      asUnit("bộ tôi nhận nhiệm vụ được giao tại hội nghị nào, ai chủ trì hội nghị", "bo-cong-an"),
    ).toContain("pham minh chinh");
  });
  it("'có … được ghi không' is answered 'Không', not abstained", () => {
    const r = ask("việc xây dựng trung tâm dữ liệu quốc gia có đơn vị phối hợp nào được ghi không");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toMatch(/^khong\. nguon khong ghi don vi phoi hop/);
    expect(ask("việc xây dựng trung tâm dữ liệu quốc gia do ai phối hợp").abstained).toBe(true);
  });
});

describe("classes read from set 28's remaining failures", () => {
  it("'tìm tất cả thông tin về …', 'nhằm mục đích gì': request and purpose words are frames", () => {
    expect(plain("cho mình tất cả thông tin về Postmart")).toContain("vo so");
    const r = ask("kho dữ liệu điện tử của tổ chức, cá nhân để làm gì, nhằm mục đích gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("mot lan");
  });
  it("'… phối hợp …, còn mấy ngày nữa': the roles and the days left", () => {
    const r = engine.ask({
      text: "ngày cđs tỉnh đơn vị tôi phối hợp tuyên truyền, còn bao nhiêu ngày nữa",
      now: new Date("2023-10-02T09:00:00+07:00"),
      asker: { unitId: "bhxh-tinh" },
    });
    expect(fold(renderPlain(r))).toContain("con 8 ngay");
  });
  it("a document's day asked beside its aims is no word of a figure", () => {
    const r = ask("KH 3402/KH-UBND ngày ban hành? mục tiêu là gì?");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("nhom kha");
  });
  it("'chính quyền số', 'hợp nhất' are words of a figure; systems merged are no units merged", () => {
    const r = ask("mục tiêu chính quyền số: hợp nhất cổng DVC với hệ thống gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("mot cua dien tu");
  });
  it("'tra số hiệu VB của …': 'tra' leads a request", () => {
    expect(plain("tra giúp số hiệu văn bản của Bộ TT&TT")).toContain("793/btttt-thh");
  });
  it("'ai là người đại diện … dự họp': the post recorded, no name", () => {
    const r = ask("ai là người đại diện Bảo hiểm xã hội tỉnh dự họp ngày 20/02/2023");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("lanh dao bao hiem xa hoi tinh");
  });
  it("'hiện có bao nhiêu gian hàng': not recorded, and that stands for the whole message", () => {
    const r = ask("sàn Vỏ Sò hiện có bao nhiêu doanh nghiệp, bao nhiêu gian hàng");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi so lieu hien co");
  });
});

describe("classes read from set 33", () => {
  const on = (text: string, now: string, unitId?: string) =>
    engine.ask({ text, now: new Date(now), ...(unitId ? { asker: { unitId } } : {}) });
  it("a document number typed with spaces around its marks", () => {
    expect(plain("cho em hỏi với, nghị quyết 09 - NQ / TU ban hành ngày nào")).toContain("29/11/2021");
  });
  it("two documents 'cách nhau mấy ngày'", () => {
    expect(plain("thông báo 16 và thông báo 03 ban hành cách nhau bao nhiêu ngày")).toContain(
      "cach nhau 5 ngay",
    );
  });
  it("'hôm nay (là) <ngày>': counted from the day the asker gives", () => {
    expect(
      fold(renderPlain(on("hôm nay là 5/10, mấy ngày nữa tới Ngày CĐS", "2026-12-08T09:00:00+07:00"))),
    ).toContain("con 5 ngay");
    const r = on(
      "giả sử hôm nay là 1/12/2023 thì nhiệm vụ một sản phẩm CĐS còn bao nhiêu ngày",
      "2026-12-08T09:00:00+07:00",
    );
    expect(fold(renderPlain(r))).toContain("con 30 ngay");
  });
  it("out of scope: writing a poem", () => {
    expect(ask("viết giúp mình bài thơ về chuyển đổi số").abstained).toBe(true);
    expect(ask("ai viết bài về cuộc họp ban điều hành").abstained).toBe(false);
  });
  it("what the register never holds of a merged unit is said so, not the merger", () => {
    const r = on(
      "sở mình sau hợp nhất có bao nhiêu phòng chuyên môn",
      "2026-12-08T09:00:00+07:00",
      "so-khcn",
    );
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("co cau to chuc");
  });
  it("a council's session is not recorded", () => {
    expect(ask("HĐND tỉnh thông qua nghị quyết 34 tại kỳ họp thứ mấy").abstained).toBe(true);
  });
  it("'… giao cho ai' of a unit that ended without a successor abstains with what is known", () => {
    const r = ask("bỏ cấp huyện rồi thì phần phối hợp tuyên truyền ngày cđs của huyện giao cho ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong neu don vi tiep nhan");
  });
  it("a meeting of a period the knowledge lacks: the whole message's answer stands", () => {
    const r = ask("họp BĐH quý III/2023 vào ngày nào, ai chủ trì");
    expect(r.abstained).toBe(true);
    expect(r.intent).toBe("meeting");
  });
  it("'tên đầy đủ' of a document whose title is not recorded", () => {
    expect(ask("kế hoạch 3609/KH-BĐHCĐS tên đầy đủ là gì").abstained).toBe(true);
  });
  it("'dừng HĐ', 'BTV TU', 'CN CĐS', 'tra cứu các VB'", () => {
    expect(plain("cấp huyện dừng HĐ từ ngày nào")).toContain("01/07/2025");
    expect(plain("liệt kê VB của BTV TU")).toContain("09-nq/tu");
    expect(plain("CN CĐS của tỉnh bây giờ nằm ở sở nào")).toContain("hien nay: so khoa hoc va cong nghe");
    expect(plain("tra cứu các VB do TTg ban hành")).toContain("505/qd-ttg");
  });
  it("'xã, phường trực thuộc cấp nào': the two-level change", () => {
    expect(plain("xã phường giờ trực thuộc cấp nào")).toContain("truc thuoc tinh");
  });
  it("'theo chỉ đạo của ai': who set the task", () => {
    expect(plain("xây Trung tâm Dữ liệu quốc gia là theo chỉ đạo của ai")).toContain("pham minh chinh");
  });
  it("a unit named alone: who heads it too", () => {
    expect(plain("bộ công an")).toContain("bo truong bo cong an: to lam");
  });
  it("'NQ … của BTV TU số hiệu': the documents the unit issued", () => {
    expect(plain("nghị quyết của ban thường vụ tỉnh ủy số hiệu")).toContain("09-nq/tu");
  });
  it("'quyết định … về ngày 10/10': about the day, not issued on it", () => {
    expect(plain("quyết định của UBND tỉnh về ngày 10/10")).toContain("1560/qd-ubnd");
  });
  it("'provincial DX day' in English", () => {
    expect(plain("What is the provincial DX day?")).toContain("10/10");
  });
});

describe("more classes read from set 33", () => {
  it("'tổ CN số': công nghệ số", () => {
    expect(ask("tổ CN số cộng đồng được gọi là cánh tay gì").abstained).toBe(false);
  });
  it("'tầm nhìn đến năm bao nhiêu': the year the summary gives", () => {
    expect(plain("nghị quyết 09-NQ/TU tầm nhìn tới năm nào")).toContain("2030");
  });
  it("'mình cần tìm thông tin về sáp nhập sở năm 2025': the recorded changes", () => {
    expect(plain("em muốn tìm thông tin về việc sáp nhập sở năm 2025")).toContain(
      "thay doi to chuc da ghi nhan",
    );
  });
});

describe("classes read from set 23's remaining failures", () => {
  it("'search giúp e vb về …': the English verb of a request, and 'e' the asker", () => {
    const text = plain("search giúp e văn bản về tổ công nghệ số cộng đồng");
    expect(text).toContain("1813/kh-ubnd");
    expect(text).not.toContain("ve “e ");
  });
  it("'thành lập ở cấp nào' asks where", () => {
    expect(plain("tổ công nghệ số cộng đồng lập ở cấp nào")).toContain("thon, khu pho");
  });
  it("'sau Ngày CĐS tỉnh năm nay, ngày lễ gần nhất': counted from that day", () => {
    const r = engine.ask({
      text: "sau ngày chuyển đổi số tỉnh năm nay thì ngày nghỉ lễ gần nhất là hôm nào",
      now: new Date("2026-08-01T09:00:00+07:00"),
    });
    expect(fold(renderPlain(r))).toContain("(10/10/2026): tet duong lich, ngay 01/01/2027");
  });
});

describe("classes read from set 34", () => {
  const at = (text: string, now = "2026-12-09T09:00:00+07:00") =>
    fold(renderPlain(engine.ask({ text, now: new Date(now) })));
  it("abbreviations: 'ĐTTM', 'hồ sơ SK', 'KCB', 'BTVTU', 'định danh ĐT'", () => {
    expect(plain("tỷ lệ ĐTTM trên thuê bao DĐ năm 2023 mục tiêu bao nhiêu")).toContain("80%");
    expect(plain("mục tiêu hồ sơ SK điện tử năm 2023")).toContain("80%");
    expect(plain("liệt kê văn bản BTVTU ban hành về CĐS")).toContain("52-kh/tu");
    expect(plain("KH 562 mục tiêu 2025 định danh ĐT bao nhiêu %")).toContain("30%");
  });
  it("calling the assistant and asking for a short answer are no words of the question", () => {
    expect(
      plain("ê trợ lý, mục tiêu định danh điện tử năm 2025 của KH 562? trả lời ngắn gọn thôi nha"),
    ).toContain("30%");
  });
  it("'năm nay qua rồi hả, đã được mấy hôm'", () => {
    expect(at("ngày chuyển đổi số tỉnh năm nay qua rồi à, được mấy hôm rồi")).toContain("da qua 60 ngay");
  });
  it("a named holiday counted down with its weekday", () => {
    expect(at("còn bao nhiêu ngày nữa tới Tết Dương lịch, rơi vào thứ mấy")).toContain(
      "01/01/2027 (thu sau), con 23 ngay",
    );
  });
  it("'trưởng ban, phó ban thường trực', 'trưởng, phó BĐH': both posts", () => {
    for (const q of ["ai là trưởng ban, ai là phó ban thường trực BĐH", "trưởng, phó BĐH là ai"]) {
      const text = plain(q);
      expect(text).toContain("tran quoc nam");
      expect(text).toContain("nguyen long bien");
    }
  });
  it("a person's post since a merger is not recorded", () => {
    const r = ask("sau khi hợp nhất, ông Đào Xuân Kỳ giữ chức vụ gì ở Sở KH&CN");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi chuc vu cua dao xuan ky");
  });
});

describe("a document against the nearest meeting", () => {
  it("'QĐ 56 cách buổi họp BĐH bao nhiêu ngày'", () => {
    expect(plain("QĐ 56 cách buổi họp BĐH bao nhiêu ngày")).toContain(
      "truoc cuoc hop ngay 20/02/2023 6 ngay",
    );
  });
});

describe("a unit's or body's name typed with one letter slipped", () => {
  it.each([
    ["ai là giám đốc sở thông tin truyền thôg", "dao xuan ky"],
    ["nhiệm vụ của sở thông tin và truyền thônh", "ngay chuyen doi so tinh"],
    ["ban điều hàng chuyển đổi số họp ngày nào", "20/02/2023"],
  ])("%s", (q, fact) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(plain(q)).toContain(fact);
  });

  it("only a word the knowledge does not know is taken for a slip", () => {
    const known = (w: string) => engine.lexicon.index.entriesWith(w) > 0;
    // "hạn" is a word of the knowledge (a deadline), though "hành" with a letter dropped ("xq", unknown,
    // makes the message one with a word to correct).
    const typed = "Ban Điều hạn họp ngày nào xq";
    expect(correctNameSlips(engine.lexicon, typed, known)).toBe(typed);
    expect(correctNameSlips(engine.lexicon, "Ban Điều hàh họp ngày nào", known)).toBe(
      "Ban Điều hành họp ngày nào",
    );
    // Two slips in one name are not one name.
    expect(correctNameSlips(engine.lexicon, "Ban Điu hàh họp", known)).toBe("Ban Điu hàh họp");
  });
});

describe("a nasal ending typed without its n, and a province's name written as other words", () => {
  it.each([
    // (The typed word is no word the knowledge has; with its n it is one.)
    [
      "đề án chuyển đổi số tỉnh giai đoạn 2021-2025 tầm nhìn 2030 ban hành bằg quyết định số mấy",
      "2314/qd-ubnd",
    ],
    ["quyết định thàh lập ban chỉ đạo cđs tỉnh số mấy", "352-qd/tu"],
  ])("%s", (q, fact) => {
    expect(ask(q).abstained).toBe(false);
    expect(plain(q)).toContain(fact);
  });

  it("restores only a word the knowledge or a common function word has", () => {
    const known = (w: string) => engine.lexicon.index.entriesWith(w) > 0;
    expect(restoredNasals("khôg có bằg", known)).toBe("không có bằng");
    // ("hag" makes "hang", which the knowledge need not have: left as typed when neither is known.)
    expect(restoredNasals("xyg", known)).toBe("xyg");
    // (A word the knowledge has stays: "hạ" is no "hạnh".)
    expect(restoredNasals("hạ tầng", known)).toBe("hạ tầng");
  });

  it("'làm động lực' is no Lâm Đồng; the province typed with or without its marks is", () => {
    expect(ask("chủ đề 2023 của tỉnh lấy cái gì làm độg lực chính").abstained).toBe(false);
    for (const q of ["DTI 2022 của Lâm Đồng", "dti lam dong 2022", "DTI tỉnh Bình Đinh"])
      expect(plain(q)).toContain("khong co thong tin rieng");
    expect(provinceIn("lam dong luc", [], "làm động lực")).toBeUndefined();
    expect(provinceIn("lam dong", [], "Lâm Đồng")).toBe("Lâm Đồng");
  });
});

describe("a commune, ward or village the knowledge never names", () => {
  it.each([
    ["chỉ số chuyển đổi số cấp xã của xã Hòa Lợi năm 2022", "thong tin rieng cua xa hoa loi"],
    ["kết quả DTI của UBND phường Tấn Tài", "thong tin rieng cua ubnd phuong tan tai"],
    ["thon An Nhon co to cong nghe so cong dong chua", "thong tin rieng cua thon an nhon"],
  ])("%s: not answered with the province's figures", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
    expect(fold(renderPlain(r))).not.toContain("0,5934");
  });

  it.each([
    ["nhiệm vụ của UBND xã Hòa Lợi", "UBND xã Hòa Lợi"],
    ["nhiệm vụ của phường Tấn Tài", "Phường Tấn Tài"],
  ])("%s: the unit is unknown, shown as typed, with the tasks given to every unit", (q, shown) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain(`chưa có đơn vị “${shown}”`);
  });

  it("the kinds of place without a name, and a place the knowledge writes, are asked as usual", () => {
    expect(plain("Xã, phường bây giờ trực thuộc cấp nào")).not.toContain("thong tin rieng");
    expect(ask("tổ công nghệ số cộng đồng thành lập ở thôn, khu phố để làm gì").abstained).toBe(false);
  });
});

describe("whether a plan's target was reached, asked of the plan", () => {
  it.each([
    "Chỉ số DTI năm 2023 rốt cuộc có đạt nhóm khá theo kế hoạch 3402 không",
    "dti 2023 da dat nhom kha nhu KH 3402 de ra chua",
  ])("%s: not recorded, not the plan's card", (q) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi ket qua");
  });
  it("what the plan sets is still answered", () => {
    expect(plain("Kế hoạch 3402 đặt mục tiêu DTI 2023 đạt nhóm nào")).toContain("nhom kha");
  });
});

describe("a full name after a form of address that no known person has", () => {
  it.each([
    ["Bà Võ Thị Thu là ai, giữ chức gì trong Ban Điều hành?", "vo thi thu"],
    ["ông Lê Văn Sáu có phải thành viên BĐH không", "le van sau"],
    ["dong chi Hoang Minh Duc chu tri hop nao", "hoang minh duc"],
  ])("%s: said unknown, not the body's members", (q, who) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(`khong co thong tin ve`);
    expect(fold(renderPlain(r))).toContain(`"${who}"`);
    expect(fold(renderPlain(r))).not.toContain("tran quoc nam");
  });
  it("a known person so addressed, typed with a slip, is still known", () => {
    expect(plain("ông Trần Quốc Nm có phải Trưởng ban BĐH không")).toContain("co. tran quoc nam");
  });
});

describe("documents listed by issuer or by a month without a year", () => {
  it.each([
    [
      "bạn biết những văn bản nào do UBND tỉnh ban hành, kể số hiệu",
      ["2314/qd-ubnd", "1560/qd-ubnd", "3402/kh-ubnd"],
    ],
    [
      "các văn bản UBND tỉnh ban hành năm 2022 gồm những văn bản nào",
      ["852/qd-ubnd", "1560/qd-ubnd", "4233/kh-ubnd"],
    ],
    ["liệt kê các văn bản có ngày ban hành trong tháng 7", ["01-qd/bcdcds", "852/qd-ubnd"]],
    ["van ban ban hanh thang 12", ["2314/qd-ubnd"]],
  ])("%s", (q, numbers) => {
    const text = plain(q);
    for (const n of numbers) expect(text).toContain(n);
  });
  it("a month of this year, 'tháng này', names no topic", () => {
    expect(plain("các văn bản ban hành tháng này")).not.toContain("“nay”");
  });
});

describe("a message that announces its questions ('Cho hỏi 2 việc: …? Và …?')", () => {
  it.each([
    [
      "Em hỏi hai câu nhé: Chủ đề năm 2023 của tỉnh là gì? Và Ngày CĐS tỉnh là ngày nào?",
      ["huy dong moi nguon luc", "10/10"],
    ],
    ["cho hoi 2 viec: DTI 2022 xep hang may? con ngay CDS quoc gia la ngay nao?", ["27/63", "10/10"]],
  ])("%s: each answered", (q, facts) => {
    const text = plain(q);
    for (const f of facts) expect(text).toContain(f);
  });
});

describe("who signed a plan named by its subject: a post asked, an errand after", () => {
  it.each([
    "phó chủ tịch UBND tỉnh nào đã ký kế hoạch nâng cao chỉ số DTI năm 2022",
    "kế hoạch nâng cao DTI 2022 do ai ký vậy, lãnh đạo cần gấp",
  ])("%s", (q) => {
    expect(plain(q)).toContain("4233/kh-ubnd do nguyen long bien ky");
  });
});

describe("CĐS typed with one letter slipped", () => {
  it.each([
    "ngày cdsd tỉnh là ngày nào",
    "ngay csd tinh ninh thuan la ngay nao",
    "ngày cfs tỉnh là ngày nào",
  ])("%s", (q) => {
    expect(plain(q)).toContain("10/10");
  });
  it("an abbreviation of its own is left alone", () => {
    // ("cqs" is chính quyền số, one letter from "cds".)
    expect(foldQuestionOf("cqs")).toBe("chinh quyen so");
  });
});

describe("the weekday asked with something else", () => {
  it.each([
    ["Họp Ban Điều hành quý I/2023 vào thứ mấy, ngày nào?", "ngay 20/02/2023 la thu hai."],
    ["Quyết định 1560 được ký vào thứ mấy", "ngay 09/11/2022 la thu tu."],
    ["hnay là thứ mấy, còn mấy ngày đến Tết dương lịch", "hom nay (26/11/2026) la thu nam."],
  ])("%s", (q, said) => {
    const text = plain(q);
    expect(text).toContain(said);
    // Said once, first under the title.
    expect(text.split(said).length).toBe(2);
  });
  it("a weekday already said is not said twice", () => {
    expect(plain("hôm nay thứ mấy").split("la thu nam").length).toBe(2);
  });
});

describe("a unit's deadlines say which it leads", () => {
  it("'(chủ trì)' on a task the unit leads, '(phối hợp)' on one it supports", () => {
    const now = new Date("2023-02-21T09:00:00+07:00");
    const lead = fold(
      renderPlain(engine.ask({ text: "tháng 10 sở tôi có hạn gì", now, asker: { unitId: "so-tttt" } })),
    );
    expect(lead).toContain("(ngay 10/10 hang nam) (chu tri)");
    const support = fold(
      renderPlain(engine.ask({ text: "tháng 10 đơn vị tôi có hạn gì", now, asker: { unitId: "bhxh-tinh" } })),
    );
    expect(support).not.toContain("(chu tri)");
  });
});

describe("what is set aside in brackets", () => {
  it("'(ngoài …)', '(trừ …)' names no part of what is asked", () => {
    for (const q of [
      "Phó trưởng ban BĐH (ngoài phó trưởng ban thường trực) là ai",
      "pho TB BDH (tru PTB thuong truc) la ai",
    ])
      expect(plain(q)).toContain("dao xuan ky");
  });
});

describe("'có họp lần nào về …': the meeting on that topic", () => {
  it("a meeting asked with 'họp' alone, not the index's card", () => {
    const r = ask("BĐH có họp lần nào về DTI không, ngày nào");
    expect(r.intent).toBe("meeting");
    expect(fold(renderPlain(r))).toContain("07/09/2022");
  });
  it("'phối hợp về' is no meeting", () => {
    expect(
      ask("Bảo hiểm xã hội tỉnh chúng tôi có việc gì phải phối hợp về chuyển đổi số không").intent,
    ).not.toBe("meeting");
  });
});

describe("days between a body's founding and another event", () => {
  it.each([
    ["từ lúc thành lập BCĐ tới lúc thành lập BĐH cách nhau mấy ngày", "24 ngay"],
    ["Ban Điều hành ra đời sau Ban Chỉ đạo bao nhiêu ngày", "24 ngay"],
    ["BCĐ thành lập trước cuộc họp BĐH quý I/2023 bao nhiêu ngày", "612 ngay"],
  ])("%s", (q, days) => {
    const text = plain(q);
    expect(text).toContain(days);
    expect(text).toContain("352-qd/tu");
  });
});

describe("'CB' for công bố beside what is announced", () => {
  it("'được CB', 'CB DTI' are công bố; 'cán bộ' elsewhere", () => {
    expect(foldQuestionOf("DTI 2022 được CB ngày nào")).toContain("duoc cong bo");
    expect(foldQuestionOf("ngày CB DTI 2022")).toContain("cong bo dti");
    expect(plain("DTI 2022 được CB sau họp BĐH quý I/2023 bao nhiêu ngày")).toContain("142 ngay");
  });
});

describe("a second question that asks of the document the first names", () => {
  it("'QĐ 56 ký ngày nào, cách cuộc họp BĐH mấy ngày': the day and the days between", () => {
    const text = plain("quyết định 56 ký hôm nào, cách cuộc họp ban điều hành bao nhiêu ngày");
    expect(text).toContain("14/02/2023");
    expect(text).toContain("6 ngay");
  });
});

describe("a follow-up asked the same way ('… ? X thì sao?')", () => {
  it("both things are answered as one question of two", () => {
    const text = plain(
      "mục tiêu tỷ lệ người dân có hồ sơ sức khỏe điện tử năm 2023? còn khám chữa bệnh từ xa thì sao",
    );
    expect(text).toContain("80%");
    expect(text).toContain("30%");
  });
  it("joins before the year the first ends with", () => {
    expect(followUpJoined("mục tiêu A năm 2023? B thì sao?")).toBe("mục tiêu A và B năm 2023?");
    expect(followUpJoined("DTI 2022 bao nhiêu")).toBe("DTI 2022 bao nhiêu");
  });
});

describe("'ngày nào trong năm': which day of any year", () => {
  it("the yearly task's day, not a task about a year", () => {
    const text = plain("hạn nhiệm vụ tuyên truyền ngày cđs tỉnh là ngày nào trong năm");
    expect(text).toContain("tuyen truyen ngay chuyen doi so tinh");
    // (First: a task about the year 2023 may follow, not lead.)
    const other = text.indexOf("quan triet");
    expect(other === -1 || text.indexOf("tuyen truyen ngay chuyen doi so tinh") < other).toBe(true);
    // (A year written after it stays: "trong năm 2023".)
    expect(plainQuestionOf("ngày nào trong năm 2023 BĐH họp")).toContain("trong năm 2023");
  });
});

describe("review mends: 'những thứ gì' is no weekday; a district is the register's", () => {
  it("'cần chuẩn bị những thứ gì' asks for things, not the weekday of the day named", () => {
    expect(plain("họp BĐH 20/2/2023 cần chuẩn bị những thứ gì")).not.toContain("la thu hai");
    expect(plain("20/2/2023 là thứ gì")).toContain("la thu hai");
  });
  it("a commune not written anywhere is outside the knowledge; a district is not said so here", () => {
    expect(plain("chỉ số CĐS của phường Tấn Tài năm 2022")).toContain("thong tin rieng cua phuong tan tai");
    expect(plain("chỉ số CĐS của UBND huyện Ninh Hải năm 2022")).not.toContain(
      "thong tin rieng cua ubnd huyen",
    );
  });
});

describe("whether a yearly day falls in this week or month", () => {
  const at = (text: string, iso: string) =>
    fold(renderPlain(engine.ask({ text, now: new Date(`${iso}T09:00:00+07:00`) })));
  it("'tuần này có Ngày CĐS tỉnh không': yes with its day, or no with the next one", () => {
    expect(at("tuần này có ngày cđs tỉnh không", "2027-10-06")).toContain(
      "co. tuan nay (04/10-10/10) co ngay chuyen doi so tinh",
    );
    const no = at("tuan nay co ngay CDS tinh khong", "2027-09-06");
    expect(no).toContain("khong. tuan nay (06/09-12/09) khong co");
    expect(no).toContain("lan toi: 10/10/2027 (chu nhat), con 34 ngay");
  });
  it("a month, 'tháng sau'", () => {
    expect(at("tháng sau có ngày chuyển đổi số quốc gia không", "2027-09-06")).toContain(
      "co. thang 10/2027 co",
    );
  });
});

describe("what the reply leaves out, when one recorded sentence says it", () => {
  it("a card of what is named gets the sentence that holds what is asked of it, cited", () => {
    const reply = ask("thành viên ban điều hành được yêu cầu chỉ đạo tăng tốc hay không");
    const text = fold(renderPlain(reply));
    expect(text).toContain("lien quan: ket luan cuoc hop ngay 20/02/2023");
    expect(text).toContain("chi dao tang toc");
    expect(reply.lines.at(-1)?.cites.length).toBeGreaterThan(0);
  });
  it("a reply that says it all gets nothing; nor does a fact of another year than the one asked", () => {
    expect(plain("Thủ tướng là ai")).not.toContain("lien quan");
    expect(plain("Trụ cột CQS DTI 2022 được bao nhiêu, hạng mấy?")).not.toContain("nam 2021 dat");
    expect(plain("lương giám đốc sở khoa học và công nghệ bao nhiêu")).not.toContain("lien quan");
  });
});

describe("the entry far ahead that holds every telling word answers, though common words miss", () => {
  it("'Bộ TTTT muốn dữ liệu mở … tăng lên bao nhiêu so với 2022' is the open-data target, not an abstention", () => {
    const r = ask("Bộ TTTT muốn dữ liệu mở năm 2023 tăng lên bao nhiêu so với 2022?");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("len 60%");
  });
  it("a figure the knowledge does not record stays unanswered", () => {
    expect(ask("số tài khoản định danh điện tử công an tỉnh đã cấp là bao nhiêu").abstained).toBe(true);
  });
});

describe("a central post asked of today: not answered, the record named", () => {
  it("'Bộ trưởng Bộ Công an bây giờ là ai' abstains and names who the 2022 source gives", () => {
    const r = ask("Bộ trưởng Bộ Công an bây giờ là ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi nguoi giu chuc vu nay hien nay");
    expect(renderPlain(r)).toContain("Tô Lâm");
  });
  it("the province's own post today is answered with its recorded holder and day", () => {
    const r = ask("chủ tịch ubnd tỉnh hiện nay là ai");
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain("Trần Quốc Nam");
  });
});

describe("tasks given to a body's members are tasks, not the list of members", () => {
  it("'thành viên BĐH được giao việc gì' lists the tasks given to them, with what the meeting asked", () => {
    const r = ask("các thành viên BĐH được giao làm những nhiệm vụ gì");
    expect(r.intent).toBe("tasks");
    const text = fold(renderPlain(r));
    expect(text).toContain("nhiem vu giao cho cac thanh vien ban dieu hanh chuyen doi so tinh (3)");
    expect(text).toContain("chi dao tang toc");
    expect(text).toContain("quan triet");
  });
  it("who the members are is still the members", () => {
    expect(ask("thành viên ban điều hành gồm những ai").intent).toBe("role");
  });
});

describe("more of what the knowledge never records, as officials abbreviate it", () => {
  it.each([
    ["Sở KH&CN có bao nhiêu CBCC", "khong ghi so can bo, cong chuc"],
    ["ban dân tộc bao nhiêu cb, cc", "khong ghi so can bo, cong chuc"],
    ["link họp trực tuyến của ban điều hành là gì", "khong ghi mat khau, duong dan hop truc tuyen"],
    ["cần hỏi tổ giúp việc thì gọi số nào", "khong ghi so dien thoai"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it("HTS, NLS, NTS are DTI pillars: one the sources give no figure for is said so", () => {
    const r = ask("trụ cột NLS DTI 2022 đứng thứ mấy");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi diem, thu hang cua tru cot nhan luc so");
  });
});

describe("a share asked of a meeting that states none", () => {
  it("'họp 20/2/2023 đánh giá kế hoạch 3609 đạt mấy phần trăm' is not answered by sentences without a figure", () => {
    const r = ask("họp 20/2/2023 đánh giá kế hoạch 3609 thực hiện được bao nhiêu phần trăm");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi con so duoc hoi");
  });
  it("what the meeting said of a share, asked without a number, is still answered", () => {
    expect(ask("tại cuộc họp 20/2/2023 tỷ lệ văn bản xử lý trên môi trường mạng ra sao").abstained).toBe(
      false,
    );
  });
});

describe("'nghị' is no day off: a resolution, a conference, a proposal", () => {
  it("'có nghị quyết nào … năm 2025' asks for documents, not the holidays of 2025", () => {
    const r = ask("UBND tỉnh có nghị quyết nào về chuyển đổi số năm 2025 không");
    expect(r.intent).not.toBe("deadlines");
    expect(fold(renderPlain(r))).not.toContain("nghi le");
  });
  it("a holiday is still a holiday", () => {
    const r = ask("năm 2025 có được nghỉ lễ 30/4 không");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("ngay nghi le");
  });
});

describe("attributes no entry records, in the words officials use", () => {
  it.each([
    ["xin số di động của ông Đào Xuân Kỳ", "khong ghi so dien thoai cua dao xuan ky"],
    ["trước ô. Trần Quốc Nam ai làm chủ tịch tỉnh", "khong ghi nguoi tien nhiem cua tran quoc nam"],
    ["Bộ Công an đặt trung tâm dữ liệu quốc gia tại đâu", "khong ghi dia diem"],
    ["số doanh nghiệp dùng hóa đơn điện tử của tỉnh", "khong ghi con so duoc hoi"],
    ["tỷ trọng kinh tế số trong GRDP của tỉnh", "khong co chi tieu ve"],
    ["kết quả thanh toán không dùng tiền mặt của tỉnh năm 2023", "khong ghi ket qua thuc hien nam 2023"],
    [
      "tỷ lệ người dân có hồ sơ sức khỏe điện tử của tỉnh đạt được năm 2023",
      "khong ghi ket qua dat duoc; chi co muc tieu da dat ra",
    ],
    ["trung tâm phục vụ hành chính công tỉnh ai quản lý", "khong ghi nguoi duoc hoi cua trung tam"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it.each([
    // "phủ cáp quang" typed plain is no allowance ("phụ cấp").
    ["muc tieu phu cap quang ho gia dinh 2023", "85%"],
    // What is to be reached is a target's.
    ["tỷ lệ người dân có hồ sơ sức khỏe điện tử phải đạt được năm 2023", "80%"],
    // Whether it was reached, a recorded sentence says.
    ["tỷ trọng KTS trong GRDP đã đạt mục tiêu chưa", "chua dat muc tieu"],
    // What is to be had is a task's, not a result.
    ["cơ quan tôi cần có kết quả gì theo chủ đề 2023 của tỉnh", "san pham chuyen doi so"],
  ])("%s is answered", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fold(said));
  });
  it("'chuyển đổi số doanh nghiệp' is no count of enterprises", () => {
    expect(ask("chuyển đổi số doanh nghiệp là nhiệm vụ của ai").abstained).toBe(false);
  });
});

describe("a need, a span and abbreviations are read as officials mean them", () => {
  it("'cần hoàn thành … trong năm 2023' is the task's words plus a need and a span", () => {
    const r = ask("năm 2023 mỗi sở cần hoàn thành bao nhiêu sản phẩm chuyển đổi số");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("it nhat mot san pham");
  });
  it("'tôi cần làm …' is the asker's unit's tasks", () => {
    const r = engine.ask({
      text: "tôi cần làm gì trong năm 2023",
      now: NOW,
      asker: { unitId: "ban-dan-toc" },
    });
    expect(fold(renderPlain(r))).toContain("nhiem vu nam 2023 cua ban dan toc");
  });
  it("'tôi cần biết …' is still the asker speaking", () => {
    expect(fold(renderPlain(ask("tôi cần biết chủ đề năm 2023")))).not.toContain("lien ket");
  });
  it.each([
    ["muc tieu thanh toan KDTM nam 2023 o dau", "truong hoc"],
    ["KH 562 mục tiêu văn bản trao đổi dạng ĐT đến 2025", "100%"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain(fold(said));
  });
});

describe("two bodies and who founded whom", () => {
  it("'Ban Chỉ đạo thành lập Ban Điều hành' gives the Ban Điều hành's founding first, then the other", () => {
    const text = renderPlain(ask("ban chỉ đạo thành lập ban điều hành"));
    expect(text.indexOf("01-QĐ/BCĐCĐS")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("01-QĐ/BCĐCĐS")).toBeLessThan(text.indexOf("352-QĐ/TU"));
  });
  it("'ban nào thành lập ban nào' gives both", () => {
    const text = renderPlain(ask("ban chi dao va ban dieu hanh, ban nao thanh lap ban nao?"));
    expect(text).toContain("01-QĐ/BCĐCĐS");
    expect(text).toContain("352-QĐ/TU");
  });
  it("a claim is checked: 'do Ban Chỉ đạo thành lập phải không' is 'Đúng'", () => {
    expect(renderPlain(ask("ban điều hành do ban chỉ đạo thành lập phải không"))).toMatch(/^Đúng\./);
  });
  it("the days between the two foundings are still counted", () => {
    expect(
      renderPlain(
        ask("Từ ngày thành lập Ban Chỉ đạo đến ngày thành lập Ban Điều hành cách nhau bao nhiêu ngày?"),
      ),
    ).toContain("24 ngày");
  });
});

describe("a unit named last is not always its tasks", () => {
  it("a figure asked at a unit ('tỷ lệ … tại TTPVHCC năm 2024') is said not recorded, not the unit's tasks", () => {
    const r = ask("tỷ lệ hồ sơ nộp trực tuyến tại TTPVHCC năm 2024");
    expect(r.intent).not.toBe("tasks");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi con so duoc hoi");
  });
  it("the unit and a year alone are still its tasks", () => {
    expect(ask("sở tttt năm 2023").intent).toBe("tasks");
  });
});

describe("who asked and the span are not what the tasks are about", () => {
  it("'Chủ tịch tỉnh yêu cầu tập trung những nhiệm vụ trọng tâm nào trong năm 2023' lists the three", () => {
    const text = renderPlain(
      ask("Chủ tịch tỉnh yêu cầu tập trung những nhiệm vụ trọng tâm nào trong năm 2023?"),
    );
    expect(text).toContain("Nhiệm vụ về “trọng tâm” năm 2023");
    expect(text).toContain("(3)");
  });
});

describe("a district named by its kind, after the district level ended", () => {
  it("'huyện Ninh Phước có nhiệm vụ gì năm 2025' is an unknown unit, with the level's end and the tasks given to all", () => {
    const r = ask("huyện ninh phước có nhiệm vụ gì năm 2025");
    expect(r.abstained).toBe(true);
    const text = renderPlain(r);
    expect(text).toContain("“Huyện Ninh Phước”");
    expect(text).toContain("Cấp huyện đã kết thúc hoạt động từ 01/07/2025");
    expect(text).toContain("giao chung");
    expect(text).not.toContain("bổ sung đơn vị này");
  });
  it.each(["chính quyền hai cấp", "huyện bị bỏ từ bao giờ"])(
    "'%s' is the recorded end of the district level",
    (q) => {
      expect(renderPlain(ask(q))).toContain("01/07/2025");
    },
  );
});

describe("who drafted a document is not recorded; who wrote the article is", () => {
  it("'ai là người soạn kế hoạch 3609' says the drafter is not recorded", () => {
    const r = ask("ai là người soạn kế hoạch 3609");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi nguoi soan thao");
  });
  it("'ai viết bài về cuộc họp ban điều hành' names the author", () => {
    expect(renderPlain(ask("ai viết bài về cuộc họp ban điều hành"))).toContain("Như Vương");
  });
});

describe("who, a post, a group and a province's own figure, when no source gives them", () => {
  it.each([
    ["ai là thư ký ban điều hành", "khong ghi thu ky cua ban dieu hanh"],
    ["thứ hạng DTI 2022 của tỉnh trong vùng duyên hải nam trung bộ", "khong ghi thu hang trong khu vuc"],
    ["ai phụ trách tổ công nghệ số cộng đồng ở xã", "khong ghi nguoi, co quan duoc hoi"],
    ["ai phụ trách nền tảng dữ liệu dùng chung", "khong ghi nguoi, co quan duoc hoi"],
    ["DTI 2022 nhóm nào", "khong ghi nhom xep loai cua dti 2022"],
    [
      "tỷ lệ người dân có tài khoản định danh điện tử của tỉnh năm 2023",
      "khong ghi so lieu nay cua tinh; chi co muc tieu quoc gia",
    ],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it.each([
    ["ai là trưởng ban điều hành", "Trần Quốc Nam"],
    ["ai xây dựng trung tâm dữ liệu quốc gia", "Bộ Công an"],
    ["DTI 2022 xếp hạng mấy", "27/63"],
    ["mục tiêu tỷ lệ người có tài khoản định danh điện tử năm 2023", "30%"],
  ])("%s is answered", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain(said);
  });
});

describe("what documents and meetings do not record, and extensions", () => {
  it.each([
    ["quyết định 56 có hiệu lực từ ngày nào", "khong ghi hieu luc cua quyet dinh 56/qd-ubnd"],
    ["kế hoạch 4233 có bao nhiêu phụ lục", "khong ghi so trang, so phu luc cua ke hoach 4233/kh-ubnd"],
    ["nghị quyết 09-NQ/TU được ban hành tại hội nghị nào", "khong ghi hoi nghi, ky hop ban hanh van ban"],
    ["cuộc họp 20/2/2023 có mời báo chí không", "khong ghi viec moi bao chi cua cuoc hop ngay 20/02/2023"],
    ["ai vắng mặt cuộc họp 20/2/2023", "khong ghi nguoi vang mat"],
    ["cuộc họp 20/2/2023 có biên bản không", "khong ghi bien ban"],
    ["bảo hiểm xã hội tỉnh sau 2025 tên gì", "khong ghi viec sap xep, sap nhap, doi ten"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it.each([
    // "sếp bảo chị" typed plain is no press; "Nguyễn Long Biên ban …" is no minutes.
    ["sep bao chi tim ke hoach ma cuoc hop thang 2/2023 danh gia, so hieu la gi", "3609"],
    ["nguyễn long biên ban điều hành chức danh", "Phó Trưởng ban Thường trực"],
    ["sở tttt sau 2025 tên gì", "Sở Khoa học và Công nghệ"],
  ])("%s is answered", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain(said);
  });
  it("'nhiệm vụ nào được gia hạn' lists the extended tasks, or says none is recorded", () => {
    const text = renderPlain(ask("nhiệm vụ nào bị gia hạn"));
    expect(text).toContain("chưa ghi nhận nhiệm vụ nào được gia hạn");
  });
  it("a task extended is listed, with its new due date", () => {
    const data = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
    const tasks = data.tasks.map((t) =>
      t.id === "nv-bca-trung-tam-du-lieu-quoc-gia"
        ? { ...t, progress: { ...t.progress, extendedTo: "2027-03-31" } }
        : t,
    );
    const extended = createAnswerEngine(new Knowledge({ ...data, tasks }));
    const text = renderPlain(extended.ask({ text: "đơn vị nào xin gia hạn nhiệm vụ", now: NOW }));
    expect(text).toContain("Nhiệm vụ đã được gia hạn (1):");
    expect(text).toContain("Trung tâm Dữ liệu quốc gia");
    expect(text).toContain("31/03/2027");
  });
});

describe("how far a plan got, asked as a share", () => {
  it("'đề án 06 tỉnh đạt bao nhiêu phần trăm' is progress, not recorded", () => {
    const r = ask("đề án 06 tỉnh đạt bao nhiêu phần trăm");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi tien do thuc hien");
  });
  it("a plan's target share is still a target", () => {
    expect(ask("kế hoạch 562 đặt mục tiêu văn bản điện tử đạt bao nhiêu phần trăm").abstained).toBe(false);
  });
});

describe("a task's basis and a meeting's tasks for the asker", () => {
  it("a task set in a theme rests on that theme ('… căn cứ'), not 'not recorded'", () => {
    const r = ask("nhiệm vụ sản phẩm chuyển đổi số 2023 căn cứ");
    expect(r.abstained).toBe(false);
    expect(renderPlain(r)).toContain("được giao tại: Chủ đề hành động năm 2023");
  });
  it("'Ban tôi có được giao nhiệm vụ nào từ cuộc họp … không' lists them all", () => {
    const r = engine.ask({
      text: "Ban tôi có được giao nhiệm vụ nào từ cuộc họp Ban Điều hành ngày 20/2/2023 không?",
      now: NOW,
      asker: { unitId: "ban-dan-toc" },
    });
    const text = fold(renderPlain(r));
    expect(text).toContain("quan triet");
    expect(text).toContain("cu the hoa");
  });
});

describe("two posts asked at once", () => {
  it("'ai là trưởng ban, ai là phó' names the head and the deputies", () => {
    const text = renderPlain(ask("trong ban điều hành ai là trưởng ban, ai là phó"));
    for (const name of ["Trần Quốc Nam", "Nguyễn Long Biên", "Đào Xuân Kỳ"]) expect(text).toContain(name);
  });
  it("the head alone is still the head alone", () => {
    expect(renderPlain(ask("ai là trưởng ban điều hành"))).not.toContain("Đào Xuân Kỳ");
  });
});

describe("deadline questions: handing in, and from now", () => {
  it.each(["hạn chót nộp sản phẩm cđs 2023", "hạn gửi sản phẩm chuyển đổi số năm 2023"])(
    "'%s' is that task's deadline, not the year's list",
    (q) => {
      const text = renderPlain(ask(q));
      expect(text).toMatch(/^Thời hạn “Phấn đấu hoàn thành ít nhất một sản phẩm/);
    },
  );
  it("'từ nay đến cuối năm' starts today, not on 01/10", () => {
    const r = engine.ask({
      text: "từ nay đến cuối năm có việc gì phải xong",
      now: new Date("2023-11-20T09:00:00+07:00"),
    });
    const text = renderPlain(r);
    expect(text).toContain("có hạn từ nay (20/11/2023) đến 31/12/2023");
    expect(text).not.toContain("10/10/2023");
  });
  it("'cuối năm' alone is still the last quarter", () => {
    expect(renderPlain(ask("cuối năm có việc gì"))).toContain("cuối năm 2026 (01/10–31/12)");
  });
});

describe("a unit's tasks in a year before it was formed", () => {
  it("names the unit of that time in words, not only on a button", () => {
    const r = engine.ask({ text: "nhiem vu cua so khcn nam 2023", now: NOW });
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("Hỏi “nhiệm vụ năm 2023 của Sở Thông tin và Truyền thông” để xem.");
  });
});

describe("what is asked beyond what is recorded: a result, a successor, another body, another kind of document", () => {
  const at = (text: string, now = "2026-12-07T09:00:00+07:00") => engine.ask({ text, now: new Date(now) });
  it.each([
    ["dti 2025 đạt top 15 chưa", "khong ghi ket qua dat duoc"],
    ["KH 562 đến nay đã đạt bn % MT VB điện tử?", "khong ghi ket qua dat duoc"],
    ["tới nay tỷ lệ văn bản điện tử đạt bao nhiêu", "khong ghi ket qua dat duoc"],
  ])("a result asked against a target: %s", (q, said) => {
    const r = at(q);
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(said);
  });
  it("the target itself is still answered when it is what is asked", () => {
    const r = at("mục tiêu DTI năm 2025 là gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("nhom 15 tinh");
  });
  it("who took over a unit that ended without successors is not recorded, and is said so", () => {
    const r = at("đơn vị tiếp nhận nhiệm vụ của ubnd huyện sau 1/7/2025");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("nguon khong neu don vi tiep nhan");
    // (Where the register names one, it is the answer.)
    const merged = at("nhiệm vụ của sở tttt giờ do đơn vị nào đảm nhận");
    expect(merged.abstained).toBe(false);
    expect(fold(renderPlain(merged))).toContain("so khoa hoc va cong nghe");
  });
  it("a body named with more fields around 'chuyển đổi số' is not the body the knowledge holds", () => {
    const r = at(
      "ban chỉ đạo phát triển khoa học công nghệ đổi mới sáng tạo và cđs của tỉnh thành lập theo qđ nào",
    );
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).not.toContain("352-qd/tu ngay");
    const own = at("ban chỉ đạo về chuyển đổi số của tỉnh thành lập theo qđ nào");
    expect(own.abstained).toBe(false);
    expect(fold(renderPlain(own))).toContain("352-qd/tu");
    // (Two bodies named, one of them by its role toward the other, is no other body.)
    expect(at("Tổ CNS cộng đồng đóng vai trò gì với BCĐ CĐS?").abstained).toBe(false);
  });
  it("a decision asked for where only a plan sets the figure: no decision is recorded", () => {
    const r = at("bộ chỉ số dti cấp tỉnh ban hành theo quyết định nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi quyet dinh nao");
    expect(at("mục tiêu dti 2023 thuộc kế hoạch nào").abstained).toBe(false);
  });
});

describe("dates and words as typed on a phone", () => {
  const at = (text: string, now = "2026-12-07T09:00:00+07:00") =>
    fold(renderPlain(engine.ask({ text, now: new Date(now) })));
  it("a month written short, T12/2023, is that month", () => {
    expect(at("Họp BĐH T12/2023 kết luận gì?")).toContain("khong co cuoc hop nao trong thang 12/2023");
    expect(at("Trong T12/2023 có NV nào đến hạn?")).toContain("trong thang 12/2023");
  });
  it("a holiday listed in a period comes with its weekday", () => {
    expect(at("Tuần sau có ngày nghỉ lễ nào không?", "2026-12-21T09:00:00+07:00")).toContain(
      "01/01/2027 (thu sau)",
    );
  });
  it("'ban hàn', 'ban han' is 'ban hành', not a deadline", () => {
    const r = at("quyết định 01-QĐ/BCĐCĐS ngày nào ban hàn");
    expect(r).toContain("ban hanh ngay 12/07/2021");
    expect(r).not.toContain("chua co thoi han");
  });
  it("a word typed with a slip is read as the word the words beside it make", () => {
    expect(at("Tết dương lịh 2027 thứ mấy")).toContain("thu sau");
    expect(at("ngày lễ tiếp thep là ngày nào")).toContain("ngay nghi le tiep theo");
  });
});

describe("a unit head asking about the province's Digital Transformation Day", () => {
  const mine = (text: string) =>
    fold(
      renderPlain(
        engine.ask({ text, now: new Date("2023-09-20T09:00:00+07:00"), asker: { unitId: "cuc-thue-tinh" } }),
      ),
    );
  it("'cơ quan tôi' typed plain is the asker's unit, and its part in the task is said", () => {
    const r = mine("Gan toi ngay 10/10, co quan toi can lam gi cho Ngay CDS tinh?");
    expect(r).toContain("cua cuc thue tinh");
    expect(r).toContain("(phoi hop)");
    // ("liên quan tới", typed plain, stays "tới".)
    expect(fold(renderPlain(engine.ask({ text: "nhiệm vụ liên quan toi du lieu", now: NOW })))).not.toContain(
      "lien ket",
    );
  });
  it("the nearest deadline after an empty window says the unit's part in it", () => {
    const r = mine("Sắp tới Ngày Chuyển đổi số tỉnh, đơn vị tôi phải làm gì?");
    expect(r).toContain(
      "han gan nhat sap toi: tuyen truyen ngay chuyen doi so tinh ninh thuan (ngay 10/10 hang nam) (phoi hop)",
    );
    expect(r).toContain("co han sap toi (20/09");
  });
});

describe("a kind of document asked that the document found is not", () => {
  it("a body's working rules asked by decision: only the other body's are recorded", () => {
    const r = ask("Quy chế làm việc của Ban Điều hành chuyển đổi số tỉnh ban hành theo quyết định nào?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi quyet dinh nao");
    const own = ask("quy chế làm việc của ban chỉ đạo cds tỉnh ban hành theo quyết định nào");
    expect(own.abstained).toBe(false);
    expect(fold(renderPlain(own))).toContain("02-qd/bcdcds");
  });
  it("a decision found after a plan that is not one answers; a resolution implemented is one", () => {
    expect(
      fold(renderPlain(ask("Bo chi so danh gia chuyen doi so cap xa nam trong quyet dinh nao?"))),
    ).toContain("van ban: quyet dinh so 852/qd-ubnd");
    const r = engine.ask({
      text: "CTr hành động của BCSĐ về CĐS số mấy, thực hiện NQ nào?",
      now: NOW,
    });
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("59-ctr/bcsd");
  });
});

describe("round two: what a question names that the knowledge does not hold", () => {
  it("a document number not held abstains, and offers the one the words name", () => {
    const r = ask("Thong bao 17/TB-VPCP nam 2023 ket luan gi ve chuyen doi so?");
    expect(r.abstained).toBe(true);
    const text = fold(renderPlain(r));
    expect(text).toContain("khong co 17/tb-vpcp");
    expect(text).toContain("co the ban muon hoi thong bao so 16/tb-vpcp");
  });
  it("how often a body meets is not recorded; the meetings held still are", () => {
    const r = ask("Ban Điều hành chuyển đổi số tỉnh họp định kỳ bao lâu một lần?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi lich hop dinh ky");
    expect(ask("BĐH đã họp những lần nào").abstained).toBe(false);
  });
  it("a department the knowledge has no unit for is said unknown, not answered with a body", () => {
    const r = ask("Sở Chuyển đổi số tỉnh được thành lập năm nào?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).not.toContain("352-qd/tu");
    // ("cơ sở y tế", a known department opening the phrase, "số mấy": none of them is one.)
    expect(ask("trường học cơ sở y tế mục tiêu").abstained).toBe(false);
    expect(ask("Giám đốc Sở TT&TT giữ vai trò gì trong Ban Điều hành?").abstained).toBe(false);
    expect(ask("quyết định thành lập ban chỉ đạo cđs tỉnh là số mấy").abstained).toBe(false);
  });
  it("'đ/c nào ký' asks the signer", () => {
    const r = ask("QĐ 1560/QĐ-UBND do đ/c nào ký?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi nguoi ky quyet dinh 1560/qd-ubnd");
  });
  it("the levels of local government since the district level ended", () => {
    for (const q of ["Từ 1/7/2025 CQĐP còn mấy cấp?", "chính quyền địa phương bây giờ có mấy cấp"])
      expect(fold(renderPlain(ask(q)))).toContain("chinh quyen dia phuong hai cap");
  });
});

describe("round two: what is asked, read past the words around it", () => {
  it("a DTI rank aimed at, asked 'lọt top bao nhiêu' ('top' read as 'nhóm'), is the target", () => {
    const r = ask("đến 2025 tỉnh mun lọt top bao nhiêu tỉnh có dti cao nhất");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("nhom 15 tinh");
  });
  it("a post named as the source of what is asked is not the post asked", () => {
    const r = ask("Bo Cong an chu tri xay dung cai gi theo ket luan cua Thu tuong?");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("trung tam du lieu quoc gia");
    expect(fold(renderPlain(ask("thủ tướng là ai")))).toContain("pham minh chinh");
  });
  it("'quyết định việc gì' asks what a decision is about", () => {
    const r = ask("Quyết định 01-QĐ/BCĐCĐS ngày 12/7/2021 quyết định việc gì?");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("trich yeu quyet dinh 01-qd/bcdcds: thanh lap ban dieu hanh");
  });
});

describe("round two: a meeting asked of whom or of what no recorded meeting is", () => {
  it("a unit said to meet, when the meetings recorded are bodies' and conferences'", () => {
    const r = ask("hđnd tỉnh họp kỳ nào bàn vê cđs năm 2023");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi cuoc hop nao cua hdnd tinh");
    expect(ask("BĐH họp ngày nào").abstained).toBe(false);
  });
  it("a review conference of a year no recorded meeting reviews", () => {
    const r = ask("Hội nghị tổng kết CĐS năm 2023 của tỉnh tổ chức ngày nào?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong co hoi nghi tong ket nam 2023");
    const held = ask("hội nghị tổng kết năm 2022 ngày nào");
    expect(held.abstained).toBe(false);
    expect(fold(renderPlain(held))).toContain("25/12/2022");
  });
});

describe("round three: the asked part of what was found, recorded or not", () => {
  it("a DTI pillar named alone asks its figure, which is not recorded; whether it is a pillar is answered", () => {
    const r = ask("nhân lực số DTI 2022");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi diem, thu hang cua tru cot nhan luc so nam 2022");
    expect(ask("DTI có trụ cột nhân lực số không").abstained).toBe(false);
  });
  it("the name of an attendee recorded only by post, asked in chat spelling or led by 'tên'", () => {
    for (const q of [
      "lãnh đạo BHXH tỉnh dự họp BĐH 20/2/2023 tên j",
      "Tên lãnh đạo Cục Thuế tỉnh dự họp BĐH 20/2/2023",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(fold(renderPlain(r)), q).toContain("khong ghi ho ten nguoi du");
    }
  });
  it("who took over from a unit that ended without a named successor", () => {
    for (const q of [
      "không còn cấp huyện thì việc của huyện ai làm",
      "Bỏ cấp huyện, việc phối hợp của UBND huyện chuyển về xã hay đơn vị nào?",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(fold(renderPlain(r)), q).toContain("nguon khong neu don vi tiep nhan");
    }
    expect(ask("Sở TT&TT sáp nhập vào sở nào").abstained).toBe(false);
  });
  it("a post asked with a field of work no recorded post names", () => {
    const r = ask("PCT UBND tỉnh phụ trách kinh tế là ai");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi pho chu tich ubnd tinh ninh thuan phu trach kinh te");
    expect(fold(renderPlain(r))).not.toContain("nguyen long bien");
    expect(ask("PCT phụ trách chuyển đổi số là ai").abstained).toBe(false);
  });
  it("a yearly day of the programme asked as a day off", () => {
    const r = ask("ngày chuyển đổi số tỉnh năm sau có được nghỉ không");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain(
      "khong ghi ngay chuyen doi so tinh ninh thuan (10/10/2027) la ngay nghi",
    );
    expect(fold(renderPlain(ask("1/5/2027 có được nghỉ không")))).toContain(
      "co. ngay 01/05/2027 la ngay nghi le",
    );
  });
  it("a quarter written glued, 'QIV/2023'", () => {
    expect(fold(renderPlain(ask("QIV/2023 có nhiệm vụ nào tới hạn")))).toContain("quy iv/2023");
    expect(fold(renderPlain(ask("nhiem vu han QIII/2023")))).toContain("quy iii/2023");
  });
  it("ĐDĐT, DN, 'VB do TTg BH': abbreviations officials type", () => {
    const target = ask("chỉ tiêu DN dùng ĐDĐT đến 2025");
    expect(target.abstained).toBe(false);
    expect(fold(renderPlain(target))).toContain("30% nguoi dan va doanh nghiep su dung dinh danh dien tu");
    expect(fold(renderPlain(ask("liệt kê VB do TTg BH")))).toContain("06/qd-ttg");
    expect(fold(renderPlain(ask("KH 3609 BH ngày nào")))).toContain("18/08/2022");
  });
  it("'mốc thời gian' asks when a task is due", () => {
    const r = ask("mốc thời gian tuyên truyền Ngày CĐS tỉnh");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("10/10");
  });
  it("a document no entry holds, named in a source with its date", () => {
    const r = ask("NĐ 45/2025/NĐ-CP ký ngày nào");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("ban hanh ngay 28/02/2025");
    const other = ask("nghị định 45/2025 quy định gì về biên chế");
    expect(other.abstained).toBe(true);
    expect(fold(renderPlain(other))).toContain("chua co trong danh muc van ban");
  });
  it("a unit not in the register asked whether it sent someone to a meeting", () => {
    const r = ask("Sở Nội vụ có cử người dự cuộc họp ngày 20/02/2023 không?");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("chua co don vi");
  });
  it("a unit's duty roster is not recorded", () => {
    const r = ask("lịch trực lễ 30/4 của Sở TT&TT");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi lich truc");
  });
  it("'ví điện tử' is a wallet, not the word 'vì'", () => {
    expect(searchTerms("người dùng ví điện tử")).toContain("vitien");
    const r = ask("mục tiêu tỷ lệ dân dùng ví điện tử năm 2023");
    expect(r.abstained).toBe(true);
  });
  it("a text of a kind (quy chế) asked, when the document found is of another", () => {
    const r = ask("Quy chế làm việc của BĐH CĐS tỉnh ban hành bằng văn bản nào");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi van ban ban hanh quy che");
    const bcd = ask("Quy chế làm việc của Ban Chỉ đạo của tỉnh được ban hành theo quyết định nào");
    expect(bcd.abstained).toBe(false);
    expect(fold(renderPlain(bcd))).toContain("02-qd/bcdcds");
  });
  it("a set issued by a decision 'Về …', asked by what it issues", () => {
    const r = ask("chỉ số đánh giá CĐS cấp xã ban hành kèm quyết định nào");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("852/qd-ubnd");
    expect(ask("QĐ 852 kèm theo văn bản nào").abstained).toBe(true);
  });
  it("whether a task is done, with a second clause asking more of it", () => {
    for (const q of [
      "các đơn vị đã hoàn thành việc bám sát Thông báo 16 để cụ thể hóa kế hoạch chưa",
      "nhiệm vụ đề cao vai trò người đứng đầu đã hoàn thành chưa, kết quả báo cáo ra sao?",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(fold(renderPlain(r)), q).toContain("chua ghi nhan");
    }
  });
  it("a count of what a key point lists is counted; of what none lists, not recorded", () => {
    const r = ask("quyết định 852 gồm bao nhiêu nhóm chỉ số");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("neu 6 nhom chi so");
    expect(ask("quyết định 852 có bao nhiêu chỉ số con").abstained).toBe(true);
  });
});

describe("round four: where a thing was said, documents by what they do, requests, holdings", () => {
  const askAs = (text: string, unitId: string, now = NOW) => engine.ask({ text, now, asker: { unitId } });
  it("where the year's theme was repeated: the meeting and its chair first, the task that carries it", () => {
    const r = plain("chủ đề năm 2023 được ai nhắc lại ở cuộc họp nào");
    expect(r.indexOf("cuoc hop ngay 20/02/2023 (chu tri: tran quoc nam")).toBeGreaterThan(-1);
    expect(r.indexOf("cuoc hop ngay 20/02/2023")).toBeLessThan(r.indexOf("• tinh"));
    const which = plain("chủ đề hành động 2023 của tỉnh được nêu ở nhiệm vụ trọng tâm thứ mấy");
    expect(which).toContain("nhiem vu trong tam (1)");
    // ("thứ mấy" of an ordinal asks no weekday.)
    expect(which).not.toContain("thu hai");
  });
  it("documents named by what they do to the index, not the index's figures", () => {
    for (const q of ["vb nâng cao chỉ số DTI", "UBND tỉnh có những kế hoạch nâng cao DTI nào"]) {
      const r = plain(q);
      expect(r, q).toContain("4233/kh-ubnd");
      expect(r, q).not.toContain("0,5934");
    }
  });
  it("a request's words (thông tin gì về, tìm TT về, search:) are not what is searched for", () => {
    for (const [q, want] of [
      ["có thông tin gì về Trung tâm Dữ liệu quốc gia không", "bo cong an"],
      ["tìm TT về định danh ĐT", "dinh danh dien tu"],
      ["search: đô thị thông minh", "852/qd-ubnd"],
    ] as const) {
      const r = ask(q);
      expect(r.abstained, q).toBe(false);
      expect(fold(renderPlain(r)), q).toContain(want);
    }
  });
  it("what a body works under ('căn cứ'): the documents its description names", () => {
    const r = plain("Tổ công nghệ số cộng đồng căn cứ văn bản nào");
    expect(r).toContain("1813/kh-ubnd");
    expect(r).toContain("793/btttt-thh");
  });
  it("whether the knowledge holds something it records the absence of is answered 'Không'", () => {
    const full = ask("có toàn văn QĐ 56 không");
    expect(full.abstained).toBe(false);
    expect(fold(renderPlain(full))).toMatch(/^khong\. co so tri thuc chua co toan van/);
    expect(ask("xin toàn văn QĐ 56").abstained).toBe(true);
    const own = ask("KH kèm theo QĐ 56 có số hiệu riêng không");
    expect(own.abstained).toBe(false);
    expect(fold(renderPlain(own))).toContain("khong neu so hieu rieng");
    expect(ask("trích yếu KH 3609").abstained).toBe(true);
  });
  it("'có nhiệm vụ gì … không' of one's own unit is the list; with a subject, whether one of it is", () => {
    const list = askAs("đơn vị mình có việc gì về chuyển đổi số không", "cuc-thue-tinh");
    expect(fold(renderPlain(list))).toMatch(/^nhiem vu cua cuc thue tinh/);
    const one = fold(renderPlain(askAs("ban mình có nhiệm vụ gì về ngày chuyển đổi số tỉnh", "ban-dan-toc")));
    expect(one).toContain("phoi hop (chu tri: so thong tin va truyen thong)");
  });
  it("'phối hợp sắp tới' is no meeting", () => {
    const r = askAs(
      "việc phối hợp sắp tới của ban tôi",
      "ban-dan-toc",
      new Date("2023-09-25T09:00:00+07:00"),
    );
    expect(fold(renderPlain(r))).not.toContain("lich cac cuoc hop");
    expect(fold(renderPlain(r))).toContain("10/10/2023");
  });
  it("'cơ quan BH, ngày BH', a Telex tone typed inside the word ('ngafy')", () => {
    expect(plain("KH 3609: cơ quan BH, ngày BH")).toContain("18/08/2022");
    expect(plain("QĐ 56 ngafy mấy")).toContain("14/02/2023");
  });
});

describe("round five: ordinals, TL, held keys, the last occurrence, a clipped name", () => {
  it("'nhiệm vụ trọng tâm đầu tiên', 'thứ nhứt' (the Southern spelling)", () => {
    expect(plain("nhiệm vụ trọng tâm đầu tiên hôm họp 20/2 là gì")).toContain("quan triet");
    expect(plain("nv trọng tâm thứ nhứt là gì")).toContain("quan triet");
  });
  it("TL next to a decision or a body is thành lập", () => {
    expect(plain("Ban Chỉ đạo TL theo quyết định nào")).toContain("352-qd/tu");
  });
  it("an abbreviation typed with a key held ('cdddds')", () => {
    expect(plain("ngày cddds tỉnh là ngày nào")).toContain("10/10");
  });
  it("the last occurrence of a yearly day, keywords only; a weekday asked by 'thứ' at the end", () => {
    expect(plain("ngày CĐS quốc gia gần nhất đã qua")).toContain("gan nhat: 10/10/2026");
    expect(plain("ngày CĐS tỉnh 2028 thứ")).toContain("roi vao thu ba");
  });
  it("a unit's name with its last letter dropped ('Bộ công a')", () => {
    const r = ask("bộ công a được giao việc gì");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("trung tam du lieu quoc gia");
  });
  it("'ký' in a request for documents is no topic", () => {
    expect(plain("các văn bản ký năm 2022")).toContain("4233/kh-ubnd");
  });
});

describe("round six: what only a source states", () => {
  it("a source's own statement answers what no entry records, cited to it", () => {
    const r = ask("sắp xếp 2025 còn bao nhiêu tỉnh");
    expect(r.abstained).toBe(false);
    expect(fold(renderPlain(r))).toContain("34 don vi hanh chinh cap tinh");
    expect(plain("văn bản quy định 12 cơ quan chuyên môn của tỉnh từ 2025")).toContain("45/2025/nd-cp");
  });
  it("not what the statement does not give (a number), nor from a headline alone", () => {
    expect(ask("nghị quyết của quốc hội về sắp xếp tỉnh 2025 số mấy").abstained).toBe(true);
    expect(ask("tiến độ xây dựng trung tâm dữ liệu quốc gia").abstained).toBe(true);
  });
});

describe("round seven: what a meeting or a person never records, a task's basis asked as one's own", () => {
  const askAs = (text: string, unitId: string) => engine.ask({ text, now: NOW, asker: { unitId } });
  it("a meeting's hour, an attendee's words, its clerk; a person's retirement", () => {
    for (const [q, said] of [
      ["giờ bắt đầu cuộc họp BĐH ngày 07/9/2022", "khong ghi gio bat dau"],
      [
        "đại diện Bảo hiểm xã hội phát biểu gì ở cuộc họp 20/02/2023",
        "khong ghi noi dung tung nguoi phat bieu",
      ],
      ["người ghi biên bản cuộc họp 20/02/2023 là ai", "khong ghi thu ky, nguoi ghi bien ban"],
      ["ông Nguyễn Long Biên về hưu năm nào", "khong ghi thoi diem nghi huu"],
    ] as const) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(fold(renderPlain(r)), q).toContain(said);
    }
    // (What the chair said is the conclusions; "hoạt động từ bao giờ, hợp nhất từ đâu" is no hour.)
    expect(ask("Chủ tịch tỉnh phát biểu gì tại cuộc họp 20/02/2023").abstained).toBe(false);
    expect(
      fold(renderPlain(askAs("Sở KH&CN chúng tôi hoạt động từ bao giờ, hợp nhất từ đâu?", "so-khcn"))),
    ).toContain("01/03/2025");
  });
  it("who leads carrying out a document no task records", () => {
    const r = ask("Quyết định 06/QĐ-TTg ở tỉnh do đơn vị nào chủ trì thực hiện");
    expect(r.abstained).toBe(true);
    expect(fold(renderPlain(r))).toContain("khong ghi quyet dinh 06/qd-ttg giao nhiem vu");
  });
  it("'bây giờ', the chat 'gj', a yearly task's day in the year asked, 'số ngày đến …'", () => {
    expect(ask("bay gio ai chu tri tuyen truyen ngay chuyen doi so tinh").abstained).toBe(false);
    expect(plain("trung tâm dữ liệu quốc gja do ai xây dựng")).toContain("bo cong an");
    expect(plain("nam 2024 thi han tuyen truyen ngay cds tinh la ngay nao, ai chu tri")).toContain(
      "10/10/2024",
    );
    expect(plain("số ngày đến Quốc khánh")).toContain("02/09/2027");
  });
  it("the documents a task names, asked of one's own unit ('cần … dựa trên / đưa những văn bản nào')", () => {
    const r = fold(renderPlain(askAs("ban tôi cần đưa những văn bản nào vào kế hoạch CĐS", "ban-dan-toc")));
    expect(r).toContain("16/tb-vpcp");
    expect(r).toContain("03-tb/bcdcds");
  });
  it("a body's role asked with where it works; the one task a unit leads, who assigned it", () => {
    expect(plain("Tổ công nghệ số cộng đồng ở thôn có vai trò gì")).toContain("canh tay noi dai");
    expect(plain("việc của Bộ Công an do ai giao")).toContain("pham minh chinh");
  });
});

describe("round eight: abbreviations officials type, the key tasks, a yes/no by its particle", () => {
  it("PTTg, DV before what is served, CQ BH, Q.IV, 'T mấy'", () => {
    const signed = ask("QĐ 06/QĐ-TTg do PTTg nào ký");
    expect(signed.abstained).toBe(true);
    expect(fold(renderPlain(signed))).toContain("khong ghi nguoi ky");
    expect(plain("chỉ tiêu 2023 người trưởng thành dùng DV KCB từ xa")).toContain("30%");
    expect(plain("KH 4233: CQ BH, ngày BH")).toContain("28/09/2022");
    expect(plain("NV đến hạn Q.IV/2023")).toContain("quy iv/2023");
    expect(plain("Ngày CĐS quốc gia 2027 vào T mấy")).toContain("chu nhat");
  });
  it("another index's rank and a post's pay are not recorded", () => {
    expect(ask("xếp hạng PAR Index 2023 của tỉnh").abstained).toBe(true);
    const pay = ask("lương GĐ sở KH&CN bao nhiêu");
    expect(pay.abstained).toBe(true);
    expect(fold(renderPlain(pay))).toContain("khong ghi tien luong");
  });
  it("the key tasks listed, whatever describes the year", () => {
    const r = plain("liệt kê 3 nhiệm vụ trọng tâm của năm bản lề 2023");
    for (const w of ["quan triet", "nguoi dung dau", "cu the hoa"]) expect(r).toContain(w);
  });
  it("'… là 9/11 hả': the particle asks yes or no", () => {
    expect(plain("Ngày CĐS quốc gia là 10/11 hả")).toMatch(/^khong\./);
  });
  it("a task's lead after the merger, asked with the merger named", () => {
    const r = plain("sau sáp nhập sở nào chủ trì nhiệm vụ tuyên truyền ngày CĐS tỉnh");
    expect(r).toContain("so khoa hoc va cong nghe");
  });
});

describe("round nine: chat words of a search, 'CT' after 'ai'", () => {
  it.each([
    ["tìm giùm các văn bản của Tỉnh ủy về chuyển đổi số", "52-kh/tu"],
    ["tim dum van ban cua ban thuong vu tinh uy ve chuyen doi so", "52-kh/tu"],
  ])("%s: the chat 'giùm' names no topic", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(false);
    expect(plain(q)).toContain(said);
  });
  it("'do ai CT' asks who chairs", () => {
    expect(plain("cuộc họp BĐH ngày 20/02/2023 do ai CT")).toContain("chu tri: tran quoc nam");
    expect(foldQuestionOf("hội nghị do ai CT")).toContain("chu tri");
    expect(foldQuestionOf("CT UBND tỉnh là ai")).toContain("chu tich");
  });
});

describe("round ten: probes of our own — whom a document was sent to, a city's DTI, a named leader's field", () => {
  it.each([
    ["Quyết định 1560 được gửi tới những cơ quan nào", "khong ghi noi nhan"],
    ["chỉ số DTI 2022 của TP Phan Rang – Tháp Chàm xếp thứ mấy", "khong co chi so rieng cua"],
    ["ông Phạm Minh Chính phụ trách khối nào", "khong ghi phan cong linh vuc phu trach"],
  ])("%s", (q, said) => {
    const r = ask(q);
    expect(r.abstained).toBe(true);
    expect(plain(q)).toContain(said);
  });
  it("a document's sender and the leader's field of digital transformation stay answered", () => {
    expect(ask("QĐ 1560 do cơ quan nào ban hành").abstained).toBe(false);
    expect(ask("DTI 2022 của tỉnh xếp thứ mấy").abstained).toBe(false);
  });
});

describe("round eleven: a key task beyond those numbered, a document's amendments, a unit's own theme", () => {
  it.each([
    ["nhiệm vụ trọng tâm thứ sáu giao cho ai", "khong ghi nhiem vu trong tam thu 6 (nguon chi neu 3"],
    [
      "Quyết định 1560 đã bị thay thế bởi văn bản nào chưa",
      "khong ghi van ban sua doi, bo sung hoac thay the",
    ],
    ["chủ đề chuyển đổi số năm 2023 riêng của Sở Tài chính là gì", "khong ghi chu de rieng cua so tai chinh"],
  ])("%s", (q, said) => {
    expect(ask(q).abstained).toBe(true);
    expect(plain(q)).toContain(said);
  });
  it("the numbered key tasks, the province's theme and a document's basis stay answered", () => {
    expect(plain("nhiệm vụ trọng tâm thứ ba là gì")).toContain("bam sat");
    expect(ask("chủ đề CĐS năm 2023 của tỉnh là gì").abstained).toBe(false);
    expect(ask("UBQG về CĐS năm 2023 đặt trọng tâm vào dữ liệu, số năm nào").abstained).toBe(false);
  });
});

describe("round twelve: an hour typed 'h', a share of work done, a team's size, a post since a merger, what a plan carries out", () => {
  it.each([
    ["cuộc họp BĐH ngày 20/02/2023 kết thúc lúc mấy h", "khong ghi gio bat dau, ket thuc"],
    ["KH 3402 tỷ lệ hoàn thành đến nay", "khong ghi tien do thuc hien"],
    ["Tổ giúp việc BĐH gồm những ai, bao nhiêu người", "khong ghi tong so thanh vien"],
    [
      "sau sáp nhập ông Nguyễn Long Biên giữ chức gì ở UBND tỉnh",
      "khong ghi chuc vu hien nay cua nguyen long bien",
    ],
    [
      "Kế hoạch 52-KH/TU để thực hiện nghị quyết nào của Trung ương",
      "khong ghi ke hoach 52-kh/tu kem theo hay trien khai",
    ],
  ])("%s", (q, said) => {
    expect(ask(q).abstained).toBe(true);
    expect(plain(q)).toContain(said);
  });
  it("the plans that carry a document out, and a question of 'bao nhiêu' after 'cơ quan', stay answered", () => {
    expect(plain("văn bản nào căn cứ Kế hoạch 52-KH/TU")).toContain("6526");
    expect(plain("KH 6526 căn cứ văn bản nào")).toContain("352-qd/tu");
    expect(ask("theo chủ đề tỉnh 2023, mỗi cơ quan bao nhiêu sản phẩm").abstained).toBe(false);
  });
});

describe("round thirteen: 'hiện h', where a thing is built, staffing, a post in a later year, who is in charge", () => {
  it.each([
    ["ông Phạm Minh Chính bây h giữ chức gì", "khong ghi chuc vu hien nay cua pham minh chinh"],
    ["trung tâm dữ liệu quốc gia xây ở đâu vậy", "khong ghi dia diem"],
    ["biên chế Sở Khoa học và Công nghệ", "khong ghi so can bo, cong chuc"],
    ["phó chủ tịch UBND tỉnh năm 2025 là ai", "khong ghi nguoi giu chuc vu nay nam 2025"],
    ["ở thôn bây giờ ai phụ trách chuyển đổi số", "khong ghi ai phu trach"],
  ])("%s", (q, said) => {
    expect(ask(q).abstained).toBe(true);
    expect(plain(q)).toContain(said);
  });
  it("the post in the year recorded, and who leads a recorded task, stay answered", () => {
    expect(plain("phó chủ tịch UBND tỉnh năm 2023 là ai")).toContain("nguyen long bien");
    // (The year of what was said, a week after the post was recorded.)
    expect(ask("Thủ tướng tuyên bố Năm Dữ liệu số 2023 là ai").abstained).toBe(false);
    expect(plain("ai phụ trách tuyên truyền ngày chuyển đổi số tỉnh")).toContain(
      "so thong tin va truyen thong",
    );
    expect(foldQuestionOf(plainQuestionOf("hiện h ai là giám đốc"))).toContain("hien gio");
  });
});

describe("round fourteen: a task's deadline asked 'hạn cuối', 'chậm nhất'", () => {
  it.each([
    "hạn cuối để Bộ Công an xây dựng Trung tâm Dữ liệu quốc gia là ngày nào",
    "Bộ Công an phải xây xong trung tâm dữ liệu quốc gia chậm nhất khi nào",
  ])("%s", (q) => {
    expect(ask(q).abstained).toBe(false);
    expect(plain(q)).toContain("31/12/2023");
  });
});
