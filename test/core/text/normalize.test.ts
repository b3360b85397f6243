import { describe, expect, it } from "vitest";
import {
  clean,
  fold,
  foldAlnum,
  foldSameLength,
  hasDiacritics,
  nfc,
  unstretch,
} from "../../../src/core/text/normalize.ts";

describe("nfc", () => {
  it("composes decomposed Vietnamese", () => {
    const decomposed = "Chuyển đổi số".normalize("NFD");
    expect(decomposed).not.toBe("Chuyển đổi số");
    expect(nfc(decomposed)).toBe("Chuyển đổi số");
  });
});

describe("fold", () => {
  it("strips every Vietnamese diacritic and lowercases", () => {
    expect(fold("Chuyển đổi số")).toBe("chuyen doi so");
    expect(fold("Ủy ban Nhân dân tỉnh Ninh Thuận")).toBe("uy ban nhan dan tinh ninh thuan");
    expect(fold("ĐẢNG ỦY")).toBe("dang uy");
    expect(fold("Thường xuyên")).toBe("thuong xuyen");
    expect(fold("Hằng năm")).toBe("hang nam");
    expect(fold("Quý II/2023")).toBe("quy ii/2023");
  });

  it("maps all vowels with all tones", () => {
    const vowels = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
    const expected = [
      "a".repeat(17),
      "e".repeat(11),
      "i".repeat(5),
      "o".repeat(17),
      "u".repeat(11),
      "y".repeat(5),
    ];
    expect(fold(vowels)).toBe(expected.join(""));
    expect(fold(vowels.toUpperCase())).toBe(fold(vowels));
  });

  it("maps đ and Đ to d", () => {
    expect(fold("đ Đ")).toBe("d d");
    expect(fold("BĐHCĐS")).toBe("bdhcds");
  });

  it("gives the same result for NFC and NFD input", () => {
    const s = "Tạo lập và khai thác dữ liệu để tạo ra giá trị mới";
    expect(fold(s.normalize("NFD"))).toBe(fold(s));
    expect(fold(s)).toBe("tao lap va khai thac du lieu de tao ra gia tri moi");
  });

  it("maps fancy dashes and quotes to ASCII", () => {
    expect(fold("2021–2025")).toBe("2021-2025");
    expect(fold("a — b")).toBe("a - b");
    expect(fold("56/QĐ‑UBND")).toBe("56/qd-ubnd"); // non-breaking hyphen
    expect(fold("−5")).toBe("-5");
    expect(fold("“Năm Dữ liệu số”")).toBe('"nam du lieu so"');
    expect(fold("‘x’ «y»")).toBe("'x' \"y\"");
    expect(fold("vv…")).toBe("vv...");
  });

  it("removes zero-width and bidi characters", () => {
    expect(fold("chuyển\u200b đổi\u200d số\ufeff")).toBe("chuyen doi so");
    expect(fold("\u202bQĐ\u202c")).toBe("qd");
    expect(fold("s\u00adố")).toBe("so");
    expect(fold("a\u2066b\u2069")).toBe("ab");
  });

  it("collapses whitespace of every kind and trims", () => {
    expect(fold("  a \t\n b\u00a0\u00a0c\u3000d  ")).toBe("a b c d");
    expect(fold("\u2003x\u202fy")).toBe("x y");
    expect(fold("")).toBe("");
    expect(fold("   ")).toBe("");
  });

  it("lowercases plain ASCII through the fast path", () => {
    expect(fold("DTI 2022")).toBe("dti 2022");
    expect(fold("abc")).toBe("abc");
    expect(fold("A  B")).toBe("a b");
    expect(fold(" a")).toBe("a");
  });

  it("keeps punctuation and digits", () => {
    expect(fold("16/TB-VPCP, ngày 28/01/2023.")).toBe("16/tb-vpcp, ngay 28/01/2023.");
    expect(fold("0,3048")).toBe("0,3048");
  });

  it("leaves emoji and other scripts intact", () => {
    expect(fold("Xin chào 👋")).toBe("xin chao 👋");
  });

  it("gives what folding character by character gives, on every code unit and on long texts", () => {
    // The reference: each code unit folded alone, spaces collapsed and trimmed.
    const reference = (s: string) =>
      [...Array(s.length).keys()]
        .map((i) => fold(s[i]!))
        .map((f, i) => (f === "" && /\s/u.test(s[i]!) ? " " : f))
        .join("")
        .replace(/\s+/g, " ")
        .trim();
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c += 1) {
      const s = ` A${String.fromCharCode(c)}  b ${String.fromCharCode(c)}`;
      if (fold(s) !== reference(s)) wrong.push(c.toString(16));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const long = "Chuyển đổi số …  ǅ ".repeat(3000);
    expect(fold(long)).toBe(reference(long));
    expect(fold(long).startsWith("chuyen doi so ... ǆ chuyen")).toBe(true);
  });
});

describe("clean", () => {
  it("keeps case and diacritics, tidies the rest", () => {
    expect(clean("  Tạo  lập\u00a0và – khai\u200b thác ")).toBe("Tạo lập và - khai thác");
    expect(clean("Số “16”")).toBe('Số "16"');
    expect(clean("Chuyển đổi số".normalize("NFD"))).toBe("Chuyển đổi số");
    expect(clean("plain")).toBe("plain");
  });
});

describe("foldAlnum", () => {
  it("keeps letters and digits only", () => {
    expect(foldAlnum("Sở TT&TT (Ninh Thuận)!")).toBe("so tt tt ninh thuan");
    expect(foldAlnum("16/TB-VPCP")).toBe("16 tb vpcp");
    expect(foldAlnum("...")).toBe("");
  });
});

describe("hasDiacritics", () => {
  it("tells accented from plain text", () => {
    expect(hasDiacritics("hội nghị")).toBe(true);
    expect(hasDiacritics("đi")).toBe(true);
    expect(hasDiacritics("hoi nghi")).toBe(false);
    expect(hasDiacritics("DTI 2022")).toBe(false);
  });
});

describe("foldSameLength", () => {
  it("keeps the length and the positions", () => {
    const s = "Thông báo số 16/TB‑VPCP\u200bngày “28/01”";
    const f = foldSameLength(s);
    expect(f.length).toBe(s.length);
    expect(f).toBe('thong bao so 16/tb-vpcp ngay "28/01"');
    const i = f.indexOf("16/tb-vpcp");
    expect(s.slice(i, i + "16/tb-vpcp".length)).toBe("16/TB‑VPCP");
  });

  it("does not collapse spaces", () => {
    expect(foldSameLength("A  B\u00a0C")).toBe("a  b c");
  });

  it("returns the input itself when nothing changes", () => {
    const s = "abc 123";
    expect(foldSameLength(s)).toBe(s);
  });

  it("agrees with fold on NFC text with single spaces", () => {
    const s = "Ban Điều hành chuyển đổi số tỉnh Ninh Thuận";
    expect(foldSameLength(s)).toBe(fold(s));
  });
});

describe("unstretch", () => {
  it("keeps a vowel typed three times or more once, consonants and digits as they are", () => {
    expect(unstretch("vậy ạaa")).toBe("vậy ạ");
    expect(unstretch("ơiii ad")).toBe("ơi ad");
    expect(unstretch("Sở TTTT 1000")).toBe("Sở TTTT 1000");
    expect(unstretch("xoong")).toBe("xoong");
    expect(unstretch("quý III/2023, quy iii")).toBe("quý III/2023, quy iii");
  });
  it("is linear on a megabyte", () => {
    const s = "a".repeat(1_000_000);
    expect(unstretch(s)).toBe("a");
  });
});
