import { describe, expect, it } from "vitest";
import { findDatePhrases, findYear, parseDatePhrase, UPCOMING_DAYS } from "../../../src/core/text/dates.ts";

// Thursday 23/11/2023, 10:00 in Vietnam
const NOW = new Date("2023-11-23T03:00:00Z");

const w = (s: string, now = NOW) => parseDatePhrase(s, now);

describe("parseDatePhrase: days", () => {
  it.each([
    ["30/6", "2023-06-30"],
    ["hạn 30/6/2023", "2023-06-30"],
    ["30/06/2024", "2024-06-30"],
    ["30-6-2023", "2023-06-30"],
    ["30.6.2023", "2023-06-30"],
    ["30/6/23", "2023-06-30"],
    ["2023-06-30", "2023-06-30"],
    ["ngày 30 tháng 6", "2023-06-30"],
    ["ngay 30 thang 6", "2023-06-30"],
    ["ngày 30 tháng 6 năm 2024", "2024-06-30"],
    ["30 tháng 6", "2023-06-30"],
    ["ngày 10 tháng 10 năm nay", "2023-10-10"],
    ["29/2/2024", "2024-02-29"],
    ["31/12", "2023-12-31"],
    ["1/1/2024", "2024-01-01"],
  ])("%j", (s, iso) => {
    expect(w(s)).toEqual({ from: iso, to: iso, label: expect.stringContaining("ngày") });
  });

  it("labels a day", () => {
    expect(w("30/6/2023")?.label).toBe("ngày 30/06/2023");
  });

  it("rejects days that do not exist", () => {
    expect(w("31/2")).toBeNull();
    expect(w("29/2/2023")).toBeNull();
    expect(w("32/1")).toBeNull();
    expect(w("15/13")).toBeNull();
  });

  it("reads relative days", () => {
    expect(w("hôm nay")).toEqual({ from: "2023-11-23", to: "2023-11-23", label: "hôm nay (23/11/2023)" });
    expect(w("hom nay co viec gi")).toMatchObject({ from: "2023-11-23" });
    expect(w("ngày mai")).toEqual({ from: "2023-11-24", to: "2023-11-24", label: "ngày mai (24/11/2023)" });
    expect(w("hôm qua")?.from).toBe("2023-11-22");
    expect(w("ngày kia")?.from).toBe("2023-11-25");
  });

  it("takes today in Vietnam, not in UTC", () => {
    // 18:00 UTC on 31/12 is already 1/1 in Vietnam
    const late = new Date("2023-12-31T18:00:00Z");
    expect(w("hôm nay", late)?.from).toBe("2024-01-01");
    expect(w("tháng 6", late)?.from).toBe("2024-06-01");
  });

  it("crosses month and year ends", () => {
    const eoy = new Date("2023-12-31T03:00:00Z");
    expect(w("ngày mai", eoy)?.from).toBe("2024-01-01");
    const feb = new Date("2024-02-28T03:00:00Z");
    expect(w("ngày mai", feb)?.from).toBe("2024-02-29");
  });
});

describe("parseDatePhrase: weeks", () => {
  it("tuần này is Monday to Sunday", () => {
    expect(w("tuần này")).toEqual({ from: "2023-11-20", to: "2023-11-26", label: "tuần này (20/11–26/11)" });
    expect(w("tuan nay")?.from).toBe("2023-11-20");
  });

  it("tuần sau / tuần tới / tuần trước", () => {
    expect(w("tuần sau")).toEqual({ from: "2023-11-27", to: "2023-12-03", label: "tuần sau (27/11–03/12)" });
    expect(w("tuần tới")?.from).toBe("2023-11-27");
    expect(w("tuần trước")).toMatchObject({ from: "2023-11-13", to: "2023-11-19" });
  });

  it("on a Sunday, tuần này is the week that ends that day", () => {
    expect(w("tuần này", new Date("2023-11-26T03:00:00Z"))).toMatchObject({
      from: "2023-11-20",
      to: "2023-11-26",
    });
  });

  it("labels a week across years with full dates", () => {
    expect(w("tuần này", new Date("2024-01-01T03:00:00Z"))?.label).toBe("tuần này (01/01–07/01)");
    expect(w("tuần này", new Date("2023-12-31T03:00:00Z"))?.label).toBe("tuần này (25/12–31/12)");
    expect(w("tuần sau", new Date("2023-12-28T03:00:00Z"))?.label).toBe("tuần sau (01/01/2024–07/01/2024)");
    expect(w("tuần này", new Date("2024-12-31T03:00:00Z"))?.label).toBe("tuần này (30/12/2024–05/01/2025)");
    expect(w("sắp tới", new Date("2023-12-28T03:00:00Z"))?.label).toBe("sắp tới (28/12/2023–11/01/2024)");
  });
});

describe("parseDatePhrase: months", () => {
  it.each([
    ["tháng 6", "2023-06-01", "2023-06-30", "tháng 6/2023"],
    ["thang 6/2023", "2023-06-01", "2023-06-30", "tháng 6/2023"],
    ["tháng 06-2024", "2024-06-01", "2024-06-30", "tháng 6/2024"],
    ["tháng 6 năm 2022", "2022-06-01", "2022-06-30", "tháng 6/2022"],
    ["tháng 2/2024", "2024-02-01", "2024-02-29", "tháng 2/2024"],
    ["tháng 2/2023", "2023-02-01", "2023-02-28", "tháng 2/2023"],
    ["tháng 12", "2023-12-01", "2023-12-31", "tháng 12/2023"],
    ["tháng này", "2023-11-01", "2023-11-30", "tháng 11/2023"],
    ["tháng sau", "2023-12-01", "2023-12-31", "tháng 12/2023"],
    ["tháng tới", "2023-12-01", "2023-12-31", "tháng 12/2023"],
    ["tháng trước", "2023-10-01", "2023-10-31", "tháng 10/2023"],
    ["tháng 6 năm ngoái", "2022-06-01", "2022-06-30", "tháng 6/2022"],
  ])("%j", (s, from, to, label) => {
    expect(w(s)).toEqual({ from, to, label });
  });

  it("tháng sau in December is January", () => {
    expect(w("tháng sau", new Date("2023-12-15T03:00:00Z"))).toMatchObject({
      from: "2024-01-01",
      label: "tháng 1/2024",
    });
  });

  it("rejects month 13", () => {
    expect(w("tháng 13")).toBeNull();
  });
});

describe("parseDatePhrase: quarters", () => {
  it.each([
    ["quý II/2023", "2023-04-01", "2023-06-30", "quý II/2023"],
    ["Quý I/2023", "2023-01-01", "2023-03-31", "quý I/2023"],
    ["quý 2", "2023-04-01", "2023-06-30", "quý II/2023"],
    ["quy ii", "2023-04-01", "2023-06-30", "quý II/2023"],
    ["QUY III", "2023-07-01", "2023-09-30", "quý III/2023"],
    ["quý IV năm 2022", "2022-10-01", "2022-12-31", "quý IV/2022"],
    ["quý 4-2024", "2024-10-01", "2024-12-31", "quý IV/2024"],
    ["q3/2024", "2024-07-01", "2024-09-30", "quý III/2024"],
    ["quý 2 năm sau", "2024-04-01", "2024-06-30", "quý II/2024"],
    ["quý này", "2023-10-01", "2023-12-31", "quý IV/2023"],
    ["quý sau", "2024-01-01", "2024-03-31", "quý I/2024"],
    ["quý trước", "2023-07-01", "2023-09-30", "quý III/2023"],
  ])("%j", (s, from, to, label) => {
    expect(w(s)).toEqual({ from, to, label });
  });

  it("rejects quarter 5", () => {
    expect(w("quý 5")).toBeNull();
  });
});

describe("parseDatePhrase: half years and years", () => {
  it.each([
    ["6 tháng đầu năm", "2023-01-01", "2023-06-30", "6 tháng đầu năm 2023"],
    ["6 thang dau nam 2024", "2024-01-01", "2024-06-30", "6 tháng đầu năm 2024"],
    ["6 tháng cuối năm 2023", "2023-07-01", "2023-12-31", "6 tháng cuối năm 2023"],
    ["trong 6 tháng đầu năm", "2023-01-01", "2023-06-30", "6 tháng đầu năm 2023"],
    ["nửa đầu năm ngoái", "2022-01-01", "2022-06-30", "6 tháng đầu năm 2022"],
    ["năm 2023", "2023-01-01", "2023-12-31", "năm 2023"],
    ["trong năm 2024", "2024-01-01", "2024-12-31", "năm 2024"],
    ["năm nay", "2023-01-01", "2023-12-31", "năm 2023"],
    ["năm sau", "2024-01-01", "2024-12-31", "năm 2024"],
    ["năm ngoái", "2022-01-01", "2022-12-31", "năm 2022"],
    ["cuối năm", "2023-10-01", "2023-12-31", "cuối năm 2023 (01/10–31/12)"],
    ["cuối năm 2024", "2024-10-01", "2024-12-31", "cuối năm 2024 (01/10–31/12)"],
    ["đầu năm 2024", "2024-01-01", "2024-03-31", "đầu năm 2024 (01/01–31/03)"],
  ])("%j", (s, from, to, label) => {
    expect(w(s)).toEqual({ from, to, label });
  });

  it("takes a bare year only when nothing else matches", () => {
    expect(w("DTI 2022")).toMatchObject({ from: "2022-01-01", to: "2022-12-31" });
    expect(w("2022 quý 3")).toMatchObject({ from: "2023-07-01" });
  });
});

describe("parseDatePhrase: spans from today", () => {
  it.each([
    ["trong 7 ngày tới", "2023-11-30", "7 ngày tới (23/11–30/11)"],
    ["7 ngày tới", "2023-11-30", "7 ngày tới (23/11–30/11)"],
    ["10 ngày nữa", "2023-12-03", "10 ngày tới (23/11–03/12)"],
    ["trong vòng 2 tuần", "2023-12-07", "2 tuần tới (23/11–07/12)"],
    ["3 tháng tới", "2024-02-23", "3 tháng tới (23/11/2023–23/02/2024)"],
    // Counts written in words.
    ["trong hai tuần tới", "2023-12-07", "2 tuần tới (23/11–07/12)"],
    ["ba ngày tới", "2023-11-26", "3 ngày tới (23/11–26/11)"],
  ])("%j", (s, to, label) => {
    expect(w(s)).toEqual({ from: "2023-11-23", to, label });
  });

  it("sắp tới covers the next UPCOMING_DAYS days", () => {
    expect(UPCOMING_DAYS).toBe(14);
    expect(w("sắp tới")).toEqual({ from: "2023-11-23", to: "2023-12-07", label: "sắp tới (23/11–07/12)" });
    expect(w("việc gì sắp đến hạn")?.to).toBe("2023-12-07");
    expect(w("sap het han")?.to).toBe("2023-12-07");
  });
});

describe("parseDatePhrase: a day of this or next week", () => {
  it.each([
    ["chủ nhật tuần này", "2023-11-26"],
    ["chu nhat tuan nay", "2023-11-26"],
    ["thứ hai tuần sau", "2023-11-27"],
    ["thứ sáu tuần tới", "2023-12-01"],
  ])("%j", (s, day) => {
    expect(w(s)).toMatchObject({ from: day, to: day });
  });
});

describe("parseDatePhrase: ranges", () => {
  it("từ A đến B", () => {
    expect(w("từ 1/6 đến 30/6")).toEqual({
      from: "2023-06-01",
      to: "2023-06-30",
      label: "từ ngày 01/06/2023 đến ngày 30/06/2023",
    });
    expect(w("1/6-30/6")).toMatchObject({ from: "2023-06-01", to: "2023-06-30" });
    expect(w("từ tháng 3 đến tháng 5")).toMatchObject({ from: "2023-03-01", to: "2023-05-31" });
    expect(w("quý I đến quý III/2023")).toMatchObject({ from: "2023-01-01", to: "2023-09-30" });
  });

  it("does not merge a backwards pair", () => {
    expect(w("30/6 đến 1/6")).toMatchObject({ from: "2023-06-30", to: "2023-06-30" });
  });
});

describe("parseDatePhrase: in sentences, and what is not a date", () => {
  it("takes the first phrase", () => {
    expect(w("nhiệm vụ quý 2 năm 2023 của Sở")).toMatchObject({ label: "quý II/2023" });
    expect(w("Thông báo 16/TB-VPCP ngày 28/01/2023")).toMatchObject({ from: "2023-01-28" });
    expect(w("Chủ đề năm 2023 là gì")).toMatchObject({ label: "năm 2023" });
    expect(w("Sở TT&TT có việc gì hạn tháng này không")).toMatchObject({ label: "tháng 11/2023" });
  });

  it.each([
    "16/TB-VPCP",
    "42/2014/QĐ-TTg",
    "tăng 5.5%",
    "Ai là trưởng ban?",
    "",
    "6 tháng sau",
    "1.000 người",
  ])("finds nothing in %j", (s) => {
    expect(w(s)).toBeNull();
  });
});

describe("findDatePhrases", () => {
  it("skips relative phrases without today and dates without a year without a default", () => {
    expect(findDatePhrases("tuần này")).toEqual([]);
    expect(findDatePhrases("quý II")).toEqual([]);
    expect(findDatePhrases("quý II", { defaultYear: 2024 })[0]).toMatchObject({
      kind: "quarter",
      to: "2024-06-30",
    });
    expect(findDatePhrases("quý II/2023")[0]).toMatchObject({ kind: "quarter", relative: false });
  });

  it("lists phrases in order with kinds", () => {
    const list = findDatePhrases("quý II/2023 và tháng 9/2023, năm 2024");
    expect(list.map((p) => p.kind)).toEqual(["quarter", "month", "year"]);
  });

  it("marks relative phrases", () => {
    const [p] = findDatePhrases("tháng 6 năm ngoái", { today: "2023-11-23" });
    expect(p).toMatchObject({ relative: true, from: "2022-06-01" });
  });
});

describe("findYear", () => {
  it.each([
    ["năm 2023", 2023],
    ["quý II/2022", 2022],
    ["30/6/2024", 2024],
    ["DTI 2022", 2022],
    ["giai đoạn 2021-2025", 2021],
    ["Quyết định 42/2014/QĐ-TTg năm 2015", 2015],
  ])("%j → %d", (s, y) => {
    expect(findYear(s)).toBe(y);
  });

  it("ignores years inside document numbers and other numbers", () => {
    expect(findYear("2023/QĐ-UBND")).toBeNull();
    expect(findYear("42/2014/QĐ-TTg")).toBeNull();
    expect(findYear("12023 người")).toBeNull();
    expect(findYear("không có")).toBeNull();
  });

  it("reads năm nay / năm sau / năm ngoái with now", () => {
    expect(findYear("năm nay", NOW)).toBe(2023);
    expect(findYear("nam sau", NOW)).toBe(2024);
    expect(findYear("năm ngoái", NOW)).toBe(2022);
    expect(findYear("năm nay")).toBeNull();
    expect(findYear("năm 2021 và năm nay", NOW)).toBe(2021);
  });
});
