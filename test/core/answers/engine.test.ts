import { beforeAll, describe, expect, it } from "vitest";
import { loadShippedKnowledge, readShippedKnowledge } from "../../../src/app/knowledge.ts";
import { type AnswerEngine, createAnswerEngine } from "../../../src/core/answers/engine.ts";
import { renderPlain } from "../../../src/core/answers/reply.ts";
import { mentionsSelf, understand } from "../../../src/core/answers/understand.ts";
import { Knowledge } from "../../../src/core/knowledge/model.ts";
import { fold } from "../../../src/core/text/normalize.ts";

const NOW = new Date("2026-11-26T09:00:00+07:00");
let engine: AnswerEngine;
beforeAll(() => {
  engine = createAnswerEngine(loadShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" }));
});
const ask = (text: string, unitId?: string) =>
  engine.ask({ text, now: NOW, ...(unitId ? { asker: { unitId } } : {}) });
const plain = (text: string, unitId?: string) => fold(renderPlain(ask(text, unitId)));

describe("understanding", () => {
  it.each([
    ["chủ đề chuyển đổi số năm 2023 là gì", "theme"],
    ["chu de cds 2023 cua tinh", "theme"],
    ["nhiem vu cua so tttt", "tasks"],
    ["Sở TT&TT phải làm gì", "tasks"],
    ["han chot tb 16", "document"],
    ["qd56", "document"],
    ["03-TB/BCDCDS", "document"],
    ["việc nào quá hạn", "deadlines"],
    ["hạn trong quý II/2023", "deadlines"],
    ["ai là trưởng ban điều hành", "role"],
    ["dao xuan ky la ai", "person"],
    ["dti 2022", "indicator"],
    ["mục tiêu DTI năm 2023", "target"],
    ["cuộc họp ngày 20/02/2023", "meeting"],
    ["tổ công nghệ số cộng đồng là gì", "search"],
    ["xin chào", "greeting"],
    ["", "empty"],
  ])("%s → %s", (q, kind) => {
    expect(understand(q, NOW, engine.lexicon).query.kind).toBe(kind);
  });

  it("tells “tôi” (me) from “tới” (coming) typed without diacritics", () => {
    expect(mentionsSelf("nhiem vu cua toi")).toBe(true);
    expect(mentionsSelf("nhiệm vụ của tôi")).toBe(true);
    expect(mentionsSelf("sap toi han chua")).toBe(false);
    expect(mentionsSelf("sắp tới hạn")).toBe(false);
  });

  it("does not read the syllable “tư” of “đầu tư” as the alias TU (Tỉnh ủy)", () => {
    const q = understand("chủ trương đầu tư dự án chuyển đổi số tỉnh", NOW, engine.lexicon).query;
    expect(q).not.toMatchObject({ unitId: "tinh-uy" });
  });
});

describe("answers", () => {
  it("cites a source on every answer that states facts", () => {
    for (const q of [
      "chủ đề cds 2023",
      "nhiệm vụ của sở tttt",
      "tb 16",
      "dti 2021",
      "ai là trưởng ban điều hành",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(false);
      expect(r.citations.length, q).toBeGreaterThan(0);
      expect(renderPlain(r)).toContain("Nguồn:");
    }
  });

  it("answers a unit's own tasks before those given to every unit", () => {
    // (Since 01/03/2025 the Sở TT&TT is part of the Sở KH&CN: said first, then the tasks it holds.)
    const r = ask("nhiệm vụ của Sở Thông tin và Truyền thông");
    expect(r.lines[0]?.text).toContain("đã hợp nhất vào Sở Khoa học và Công nghệ từ 01/03/2025");
    expect(r.lines[1]?.text).toContain("Ngày Chuyển đổi số tỉnh");
    expect(r.items.filter((i) => i.kind === "task").length).toBeGreaterThanOrEqual(2);
  });

  it("“của tôi” uses the asker's unit, and says how to link without one", () => {
    expect(plain("nhiệm vụ của tôi", "so-tttt")).toContain("ngay chuyen doi so tinh");
    const r = ask("nhiệm vụ của tôi");
    expect(r.intent).toBe("link-needed");
    expect(renderPlain(r)).toContain("/lienket");
  });

  it("finds a document in every common spelling", () => {
    for (const q of ["tb 16", "16/TB-VPCP", "thông báo 16", "thong bao so 16", "TB16"]) {
      expect(plain(q), q).toContain("16/tb-vpcp ngay 28/01/2023");
    }
    expect(plain("03-TB/BCDCDS")).toContain("03-tb/bcdcds ngay 02/02/2023");
  });

  it("says a document does not exist and suggests the near one", () => {
    const r = ask("kế hoạch 3906");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("3609/KH-BĐHCĐS");
  });

  it("abstains plainly on what the knowledge does not hold, and never invents", () => {
    for (const q of [
      "DTI 2024",
      "chủ đề năm 2025",
      "lương giám đốc sở",
      "thời tiết hôm nay",
      "Sở Nội vụ phải làm gì",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(renderPlain(r).length, q).toBeLessThan(800);
    }
  });

  it("shows days left or overdue relative to today", () => {
    expect(plain("hạn chót tuyên truyền ngày chuyển đổi số tỉnh", undefined)).toMatch(/con \d+ ngay/);
    const r = engine.ask({ text: "sắp đến hạn", now: new Date("2027-10-01T08:00:00+07:00") });
    expect(fold(renderPlain(r))).toContain("10/10/2027");
  });

  it("pages a long list with a next-page query", () => {
    // Illustrative tasks added to the shipped knowledge for this test only.
    const data = readShippedKnowledge({ KNOWLEDGE_DIR: "knowledge" });
    const extra = Array.from({ length: 8 }, (_, i) => ({
      id: `vi-du-nv-${i + 1}`,
      title: `Ví dụ minh họa: nhiệm vụ số ${i + 1}`,
      lead: ["so-tttt"],
      support: [],
      deadline: { text: `Tháng ${i + 1}/2027`, due: `2027-0${i + 1}-28` },
      progress: {},
      sources: ["bai-viet-hop-20-02-2023"],
      asOf: "2026-11-01",
    }));
    const big = createAnswerEngine(new Knowledge({ ...data, tasks: [...data.tasks, ...extra] }));
    const r = big.ask({ text: "nhiệm vụ của sở tttt", now: NOW });
    expect(r.paging).toMatchObject({ page: 1, pages: 3 });
    const next = big.answer(r.paging!.next!, { now: NOW });
    expect(next.paging?.page).toBe(2);
    const ids = (x: typeof r) => x.items.map((i) => i.id);
    expect(ids(next).some((id) => ids(r).includes(id))).toBe(false);
    // Deadlines in order within the unit's own tasks (after the line on the merger into the Sở KH&CN).
    expect(r.lines[1]?.text).toContain("Ví dụ minh họa: nhiệm vụ số 1");
  });

  it.each([
    ["empty", ""],
    ["emoji", "😀😀🎉"],
    ["punctuation", "?!?.,;"],
    ["html", "<b>xin</b><script>alert(1)</script>"],
    ["10,000 characters", "nhiệm vụ ".repeat(1200)],
    ["zero-width and RTL", "\u200b\u202enhiệm vụ\u200f"],
  ])("gives a short sensible answer to %s", (_name, q) => {
    const r = ask(q);
    const text = renderPlain(r);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(3000);
    expect(text).not.toMatch(/undefined|NaN|\[object|Error|at \w+ \(/);
  });
});

describe("a day and month without a year", () => {
  it("is the latest meeting the knowledge holds on that day, and the reply says which year it took", () => {
    for (const q of ["họp hôm 20/2 bàn gì", "cuoc hop ngay 20/02 do ai chu tri", "hop 20/2"]) {
      const r = ask(q);
      expect(r.intent, q).toBe("meeting");
      expect(r.abstained, q).toBe(false);
      expect(renderPlain(r), q).toContain("Câu hỏi không ghi năm: tôi hiểu là cuộc họp năm 2023");
    }
  });

  it("does not stand for a year the question writes out", () => {
    const r = ask("họp ngày 20/2/2026");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("Tôi chưa có thông tin về cuộc họp ngày 20/02/2026.");
    const none = ask("họp ngày 3/4 bàn gì");
    expect(none.abstained).toBe(true);
    expect(renderPlain(none)).toContain("Tôi chưa có thông tin về cuộc họp ngày 03/04.");
  });
});

describe("names as people type them", () => {
  it("finds a person whose name is typed with i for y, without tone marks, or in capitals", () => {
    for (const q of ["Đào Xuân Kì là ai", "dao xuan ki", "ĐÀO XUÂN KÌ giữ chức vụ gì", "xuan ki la ai"]) {
      const r = ask(q);
      expect(r.intent, q).toBe("person");
      expect(renderPlain(r), q).toContain("Đào Xuân Kỳ");
    }
  });
});

describe("a department the knowledge does not hold, named anywhere in the question", () => {
  it("says the unit is unknown and offers the tasks given to every unit, instead of listing every task", () => {
    for (const q of [
      "năm 2023 sở y tế phải làm gì",
      "nhiem vu 2023 so tai chinh",
      "2023 Sở Nội vụ cần làm những việc gì",
    ]) {
      const r = ask(q);
      expect(r.abstained, q).toBe(true);
      expect(renderPlain(r), q).toMatch(/^Cơ sở tri thức chưa có đơn vị “S(ở|o) (y tế|tai chinh|Nội vụ)”/i);
      expect(renderPlain(r), q).not.toContain("Bộ Công an");
    }
  });

  it("is not “số” in “số hóa”", () => {
    expect(renderPlain(ask("số hóa hồ sơ năm 2023"))).not.toContain("chưa có đơn vị");
    expect(renderPlain(ask("so hoa quy trinh nam 2023 the nao"))).not.toContain("chưa có đơn vị");
  });
});

describe("one attribute of a document", () => {
  it("opens with the direct answer: signer, date, issuer, number, what it comes with", () => {
    const first = (q: string) => renderPlain(ask(q)).split("\n")[1];
    expect(first("KH 4233 do ai ký")).toBe("Kế hoạch 4233/KH-UBND do Nguyễn Long Biên ký. [1, 2]");
    expect(first("tb 16 ban hành ngày nào")).toContain("Thông báo 16/TB-VPCP ban hành ngày 28/01/2023");
    expect(first("quyết định 56 do cơ quan nào ban hành")).toContain(
      "Quyết định 56/QĐ-UBND do UBND tỉnh ban hành",
    );
    expect(first("qd 56 kem theo ke hoach nao")).toContain("Có Kế hoạch ban hành kèm theo Quyết định");
    const byTopic = renderPlain(ask("kế hoạch nâng cao chỉ số DTI năm 2022 số mấy")).split("\n")[0];
    expect(byTopic).toContain("Số hiệu: 4233/KH-UBND");
  });

  it("says precisely what the sources do not record, with what is known, and counts as not knowing", () => {
    const r = ask("kế hoạch 3609 do ai ký");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain(
      "Nguồn hiện có không ghi người ký Kế hoạch 3609/KH-BĐHCĐS; chỉ biết văn bản do Ban Điều hành chuyển đổi số tỉnh ban hành ngày 18/08/2022.",
    );
  });
});

describe("a target named by its figure", () => {
  it("gives the targets that fit, not the year's whole list", () => {
    const r = renderPlain(ask("mục tiêu tỷ lệ hộ gia đình có cáp quang năm 2023"));
    expect(r.split("\n")[0]).toBe(
      "• Xã hội số: Trên 85% hộ gia đình có cáp quang. (quốc gia, đến 2023) [1, 2, 3]",
    );
    expect(r).not.toContain("nhóm khá");
  });

  it("abstains on a figure the knowledge does not hold, naming the nearest", () => {
    const r = ask("chỉ tiêu GRDP kinh tế số của tỉnh năm 2025 là bao nhiêu");
    expect(r.abstained).toBe(true);
    const text = renderPlain(r);
    expect(text).toContain("Cơ sở tri thức không có chỉ tiêu về “GRDP kinh tế số” năm 2025.");
    expect(text).toContain("Gần nhất tôi có: Kinh tế số: Kinh tế số chiếm trên 16% GDP.");
  });

  it("lists the year's targets when no figure is named", () => {
    expect(renderPlain(ask("mục tiêu chuyển đổi số năm 2023"))).toMatch(/^Mục tiêu năm 2023 \(22\):/);
  });
});

describe("answers composed from facts", () => {
  it("answers a free question with the sentence that states it, cited", () => {
    const r = ask("Ban Chỉ đạo chuyển đổi số tỉnh thành lập khi nào");
    expect(r.abstained).toBe(false);
    const first = renderPlain(r).split("\n")[0]!;
    expect(first).toContain("352-QĐ/TU");
    expect(first).toMatch(/\[\d/);
  });

  it("a deadline asked of a document is its deadlines, not the day it was issued", () => {
    expect(understand("tb 16 hạn chót ngày nào", NOW, engine.lexicon).query).toMatchObject({
      kind: "document",
      aspect: "deadlines",
    });
    expect(understand("tb 16 ban hành ngày nào", NOW, engine.lexicon).query).toMatchObject({
      kind: "document",
      aspect: "date",
    });
  });
});

describe("yes or no, and comparisons", () => {
  it("answers “có phải chủ trì … không” with Có or Không and who does it", () => {
    const yes = renderPlain(ask("Bộ Công an có chủ trì xây dựng trung tâm dữ liệu quốc gia không"));
    expect(yes.split("\n")[0]).toMatch(
      /^Có\. Bộ Công an chủ trì nhiệm vụ “Chủ trì xây dựng Trung tâm Dữ liệu quốc gia”/,
    );
    const no = renderPlain(ask("so tttt chu tri xay dung trung tam du lieu quoc gia phai khong"));
    expect(no.split("\n")[0]).toMatch(/^Không\. Sở Thông tin và Truyền thông không chủ trì/);
    expect(no).toContain("Chủ trì: Bộ Công an; hạn năm 2023, 31/12/2023");
  });

  it("puts two bodies, two documents or two years of the index side by side", () => {
    const bodies = renderPlain(ask("Ban Chỉ đạo và Ban Điều hành khác nhau thế nào"));
    expect(bodies).toContain(
      "• Ban Chỉ đạo của tỉnh về chuyển đổi số: cấp tỉnh; thành lập theo Quyết định số 352-QĐ/TU",
    );
    expect(bodies).toContain(
      "• Ban Điều hành chuyển đổi số tỉnh: cấp tỉnh; thành lập theo Quyết định số 01-QĐ/BCĐCĐS",
    );
    const docs = renderPlain(ask("TB 16 và TB 03 khác nhau ra sao"));
    expect(docs).toContain("16/TB-VPCP");
    expect(docs).toContain("03-TB/BCĐCĐS");
    const years = renderPlain(ask("so sánh DTI 2021 và 2022"));
    expect(years).toContain("• DTI 2021: đạt 0,3048; xếp hạng 53/63");
    expect(years).toContain("• DTI 2022: đạt 0,5934; xếp hạng 27/63");
  });

  it("reads “gd sở” as giám đốc, “sở gd” as giáo dục", () => {
    expect(renderPlain(ask("gd so tttt la ai"))).toContain("Đào Xuân Kỳ");
    expect(renderPlain(ask("gđ stttt"))).toContain("Đào Xuân Kỳ");
  });
});

describe("documents by the day they were issued", () => {
  it("without a year: the latest year that has a document that day, and the reply says so", () => {
    const r = renderPlain(ask("văn bản ngày 14/2 là gì"));
    expect(r).toContain("Câu hỏi không ghi năm: tôi hiểu là năm 2023");
    expect(r).toContain("Quyết định số 56/QĐ-UBND ngày 14/02/2023");
    expect(renderPlain(ask("ngày 28/1 có văn bản nào"))).toContain("16/TB-VPCP");
  });

  it("a day with no document is said plainly", () => {
    const r = ask("văn bản ngày 3/3");
    expect(r.abstained).toBe(true);
    expect(renderPlain(r)).toContain("Cơ sở tri thức không có văn bản nào ban hành ngày 03/03.");
  });
});

describe("when a task must be done", () => {
  it("answers “khi nào phải xong <việc>” with the deadline of the task the words name", () => {
    const r = engine.ask({
      text: "khi nào phải xây xong trung tâm dữ liệu quốc gia",
      now: new Date("2023-09-20T09:00:00+07:00"),
    });
    expect(r.abstained).toBe(false);
    expect(renderPlain(r).split("\n")[0]).toBe(
      "Thời hạn “Chủ trì xây dựng Trung tâm Dữ liệu quốc gia”: hạn năm 2023, 31/12/2023: còn 102 ngày. [1, 2]",
    );
  });
});

describe("a body's role", () => {
  it("“<tổ chức> có nhiệm vụ gì” is about the body, not a list of every task", () => {
    const r = ask("tổ công nghệ số cộng đồng có nhiệm vụ gì");
    expect(r.intent).toBe("search");
    expect(renderPlain(r)).toContain("Tổ công nghệ số cộng đồng");
    expect(renderPlain(r)).not.toContain("Nhiệm vụ trong cơ sở tri thức");
  });
});

describe("the meetings of a person", () => {
  it("lists the meetings a person chaired or attended, newest first", () => {
    const r = renderPlain(ask("Trần Quốc Nam chủ trì cuộc họp nào"));
    expect(r).toMatch(/^Cuộc họp có Trần Quốc Nam:\n• 20\/02\/2023: .*\(chủ trì, /);
    expect(renderPlain(ask("ông Tô Lâm dự hội nghị nào"))).toContain("(tham dự, ");
  });
});

describe("what is asked of a meeting", () => {
  it("gives the conclusions alone when asked for them, even with the chair's name in the question", () => {
    const r = renderPlain(ask("cuộc họp do Trần Quốc Nam chủ trì ngày 20/2 kết luận gì"));
    expect(r).toContain("Kết luận:");
    expect(r).toContain("năm bản lề");
    expect(r).not.toContain("Thành phần:");
  });

  it("gives the attendees alone when asked who attended", () => {
    const r = renderPlain(ask("cuộc họp ngày 20/02/2023 có những ai dự"));
    expect(r).toContain("Thành phần: Nguyễn Long Biên; Đào Xuân Kỳ");
    expect(r).not.toContain("Kết luận:");
  });
});

describe("questions typed with Telex leftovers", () => {
  it("are understood as the words they stand for", () => {
    // (The Sở TT&TT, merged into the Sở KH&CN since 01/03/2025: answered as its successor.)
    expect(renderPlain(ask("nhieemj vuj cuar sowr tttt"))).toMatch(
      /^Nhiệm vụ của Sở Khoa học và Công nghệ[\s\S]*Sở Thông tin và Truyền thông đã hợp nhất/,
    );
    expect(renderPlain(ask("ddaof xuaan kyf laf ai"))).toContain("Đào Xuân Kỳ");
  });
});

describe("a name typed with a letter dropped or swapped", () => {
  it("finds the person when no name is written out exactly", () => {
    expect(renderPlain(ask("tran quoc nm la ai"))).toMatch(/^Trần Quốc Nam/);
    expect(renderPlain(ask("nguyen long bin giu chuc gi"))).toMatch(/^Nguyễn Long Biên/);
  });

  it("does not take a name with a letter replaced for a known one: that is another person", () => {
    expect(ask("nguyen van an la ai").abstained).toBe(true);
    expect(ask("tran quoc lam la ai").abstained).toBe(true);
    expect(renderPlain(ask("tran quoc lam la ai"))).toContain(
      "Cơ sở tri thức không có thông tin về “Tran Quoc Lam”.",
    );
    expect(renderPlain(ask("ông Lê Văn Hưởng giữ chức gì"))).toContain(
      "không có thông tin về “Lê Văn Hưởng”",
    );
  });
});

describe("units the knowledge does not hold, however they are named", () => {
  it("an abbreviated department, a company, an office of a known body", () => {
    expect(renderPlain(ask("Sở GD&ĐT có nhiệm vụ gì"))).toMatch(
      /^Cơ sở tri thức chưa có đơn vị “Sở Giáo dục và Đào tạo”/,
    );
    expect(renderPlain(ask("Viettel có nhiệm vụ gì"))).toMatch(/^Cơ sở tri thức chưa có đơn vị “Viettel”/);
    expect(renderPlain(ask("VP UBND tỉnh có nhiệm vụ gì"))).toMatch(
      /^Cơ sở tri thức chưa có đơn vị “Văn phòng UBND tỉnh”/,
    );
    // The known unit itself is still found.
    expect(renderPlain(ask("nhiệm vụ của UBND tỉnh"))).toMatch(/^Nhiệm vụ của UBND tỉnh Ninh Thuận/);
  });
});

describe("the asker's own unit, however they say it", () => {
  it("“sở em”, “đơn vị em”, “của em” are the asker's unit, never an unknown unit called “Sở em”", () => {
    for (const q of ["sở em có bao nhiêu nhiệm vụ", "đơn vị em phải làm gì", "nhiệm vụ của em"]) {
      // (An official linked to the Sở TT&TT belongs to the Sở KH&CN since the merger.)
      expect(renderPlain(ask(q, "so-tttt")), q).toMatch(/^Nhiệm vụ của Sở Khoa học và Công nghệ/);
    }
  });
});

describe("abbreviated document kinds", () => {
  it("“tb kl 16” is the Thông báo (kết luận) 16, not a Kết luận", () => {
    expect(renderPlain(ask("tb kl 16 của ttcp"))).toMatch(/^Thông báo số 16\/TB-VPCP/);
  });
});
