/**
 * A question as the engine reads it: folded (lowercase, no diacritics, đ→d), Telex leftovers and letters
 * typed twice read as the word meant ("nhieeu" → "nhieu"), abbreviations written out ("kh" → "ke hoach").
 * Every cue a question is matched against is written for this form.
 */

import { expandAbbreviations } from "./abbreviations.ts";
import { fullYears } from "./dates.ts";
import { englishToVietnamese } from "./english.ts";
import { unglue } from "./glued.ts";
import { fold } from "./normalize.ts";
import { spelledDocNumbers } from "./number-words.ts";
import { untelexText } from "./telex.ts";

export function foldQuestion(text: string): string {
  return expandAbbreviations(untelexText(fold(text), text));
}

/**
 * The question with what every question means taken out, as typed otherwise: code pasted in, words typed
 * without spaces split into those `known` (when given), the domain's English terms in Vietnamese ("what
 * is the province digital transformation day?"), two-digit years written out ("DTI 22"), the asker's
 * errand, a unit set aside ("ngoài Sở TT&TT thì …"), where to look ("trong dữ liệu").
 */
export function plainQuestion(text: string, known?: (folded: string) => boolean): string {
  const clean = closedDocNumbers(spelledDocNumbers(withoutCode(dialectAndChatSpellings(text))));
  const split = restoredBanHanh(known ? restoredNasals(unglue(clean, known), known) : clean);
  return followUpJoined(
    withoutChatFrame(
      withoutDataFrame(withoutBesides(withoutAskersErrand(fullYears(englishToVietnamese(split))))),
    ),
  );
}

/**
 * "thứ nhứt", "tốt nhứt": the Southern spelling of "nhất"; "quốc gja": the chat "j" for the "i" of
 * "gi"; "hiện h", "bây h": the chat "h" for "giờ". Written as the knowledge writes them.
 */
export function dialectAndChatSpellings(text: string): string {
  let out = /nh[ứu]t/i.test(text) ? text.replace(/(?<![\p{L}])(N|n)hứt(?![\p{L}])/gu, "$1hất") : text;
  if (/gj/i.test(out))
    out = out.replace(
      /(?<![\p{L}])(G|g)j(?=[aàáảãạâầấẩẫậeèéẻẽẹêềếểễệoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữự])/gu,
      "$1i",
    );
  // "hiện h", "bây h", "mấy h": the chat "h" for "giờ".
  if (/\sh\b/i.test(out))
    out = out.replace(/(?<![\p{L}])(hiện|hien|bây|bay|mấy|may|lúc|luc)\s+h(?![\p{L}\p{N}])/giu, "$1 giờ");
  return out;
}

/**
 * "Mục tiêu hồ sơ sức khỏe điện tử năm 2023? KCB từ xa thì sao?": a second thing asked the same way as
 * the first, joined to it with "và" ("… hồ sơ sức khỏe điện tử và KCB từ xa năm 2023?"), so both are
 * answered as one question of two things.
 */
export function followUpJoined(text: string): string {
  const m =
    /^(.{8,200}?)\s*(?:[?,;.]+)\s*(?:(?:còn|con)\s+)?([^?,;.]{2,60}?)\s+(?:thì|thi)\s+(?:sao|thế nào|the nao|ra sao)\s*[?.!]*\s*$/iu.exec(
      text,
    );
  if (!m) return text;
  const first = m[1]!.replace(/[?.!\s]+$/u, "");
  const second = m[2]!.trim();
  // (Before a year the first ends with: "… điện tử và KCB từ xa năm 2023".)
  const year = /\s+((?:năm|nam)\s+(?:19|20)\d\d)$/iu.exec(first);
  return year ? `${first.slice(0, year.index)} và ${second} ${year[1]}?` : `${first} và ${second}?`;
}

/** Function words a question uses that the knowledge's text need not hold (folded). */
const COMMON_NASALS = new Set(["bang", "trong", "cung", "tung", "dung", "nhung", "khong", "rieng", "chung"]);

/**
 * "khôg", "bằg", "truyền thôg", "thàh lập": a word typed with the n of its ending "ng" or "nh" dropped,
 * written whole when that makes a word the knowledge (or a common function word) has and the word as
 * typed is none. A word as typed that is known stays ("bag" is no word, "hag" of "hạg" neither).
 */
export function restoredNasals(text: string, known: (folded: string) => boolean): string {
  return text.replace(/[\p{L}\p{M}]+/gu, (w) => {
    const f = fold(w);
    const m = /^([a-z]*[aeiouy])([gh])$/.exec(f);
    if (!m || f.length < 3 || known(f)) return w;
    const whole = `${m[1]}n${m[2]}`;
    if (!known(whole) && !COMMON_NASALS.has(whole)) return w;
    // ("lịh": "lịnh" or "lịch", the c of "ch" dropped as well; left to the words around it.)
    if (m[2] === "h" && known(`${m[1]}ch`)) return w;
    return `${w.slice(0, -1)}n${w.slice(-1)}`;
  });
}

/**
 * "ngày nào ban hàn", "ban han": "ban hành" with its last letter dropped, which otherwise reads as "hạn"
 * (a deadline). ("Ban … hạn chót" keeps its deadline.)
 */
export function restoredBanHanh(text: string): string {
  return text.replace(
    /(?<![\p{L}\p{N}])(ban|Ban|BAN)\s+(hàn|han|HAN|hành)(?![\p{L}\p{N}])(?!\s+(?:chót|chot|cuối|cuoi|nộp|nop)\b)/gu,
    (_, a: string, b: string) => `${a} ${b === "HAN" ? "HÀNH" : "hành"}`,
  );
}

/**
 * "09 - NQ / TU", "16 / TB - VPCP": a document number typed with spaces around its marks, closed up
 * ("09-NQ/TU", "16/TB-VPCP"). Only codes in capitals are taken: "2 - 3 / ngày" is no number.
 */
export function closedDocNumbers(text: string): string {
  return text
    .replace(
      /(?<![\p{L}\p{N}])(\d{1,5})\s+-\s*(\p{Lu}{1,6})\s*\/\s*(\p{Lu}[\p{Lu}\p{N}]*)(?![\p{L}\p{N}])/gu,
      "$1-$2/$3",
    )
    .replace(
      /(?<![\p{L}\p{N}])(\d{1,5})-(\p{Lu}{1,6})\s+\/\s*(\p{Lu}[\p{Lu}\p{N}]*)(?![\p{L}\p{N}])/gu,
      "$1-$2/$3",
    )
    .replace(
      /(?<![\p{L}\p{N}])(\d{1,5})\s+\/\s*(\p{Lu}{1,6})\s*-\s*(\p{Lu}[\p{Lu}\p{N}]*)(?![\p{L}\p{N}])/gu,
      "$1/$2-$3",
    )
    .replace(
      /(?<![\p{L}\p{N}])(\d{1,5})\/(\p{Lu}{1,6})\s+-\s*(\p{Lu}[\p{Lu}\p{N}]*)(?![\p{L}\p{N}])/gu,
      "$1/$2-$3",
    );
}

/**
 * "Theo bạn thì … ở đâu z": the asker turning to the assistant, and "z" typed for "vậy", say nothing of
 * what is asked; nor does "tra" leading a request. ("Theo Ban Điều hành", typed plain "theo ban", is
 * left: a source named.)
 */
export function withoutChatFrame(text: string): string {
  return (
    text
      .replace(/(^|[\s,])theo\s+(?:bạn|ad|admin|bot)(?:\s+(?:thì|thi))?\s+/giu, "$1")
      .replace(/(^|[\s,])theo\s+ban\s+thi\s+/giu, "$1")
      .replace(/(^|\s)[zZ](?=[\s,?!.]|$)/gu, "$1vậy")
      // ("Tra số hiệu VB của …": a request to look up; "thanh tra", "kiểm tra" are not at the start, and
      // "tra cứu" is a frame of its own.)
      .replace(/^\s*tra(?:\s+(?:giúp|giùm|giup|gium))?\s+(?!c[ứuưú])/iu, "")
      // ("Ê trợ lý, …", "… trả lời ngắn thôi nhé": calling the assistant and how to answer, not what.)
      .replace(/(^|[\s,])(?:ê|ơi|e|oi|hey|alo)\s+(?:trợ lý|tro ly|bot|ad|admin)(?=[\s,?!.]|$)/giu, "$1")
      .replace(
        /(^|[\s,.?!])(?:trả lời|tra loi)\s+(?:ngắn|ngan|nhanh|gọn|gon)(?:\s+(?:gọn|gon))?(?:\s+(?:thôi|thoi))?(?:\s+(?:nhé|nhe|nha|nhá|giúp|giup|với|voi))*(?=[\s,?!.]|$)/giu,
        "$1",
      )
      // ("Cho hỏi 2 việc: … ? Và … ?": the count of questions announced says nothing of them; "và"
      // leading the second is no part of it.)
      .replace(
        /^\s*(?:(?:cho|xin|cho phép|cho phep)\s+)?(?:(?:em|tôi|toi|mình|minh|e)\s+)?(?:hỏi|hoi)\s+(?:2|3|hai|ba|mấy|may|vài|vai)\s+(?:việc|viec|câu|cau|ý|y|vấn đề|van de|điều|dieu|cái|cai|thông tin|thong tin)(?:\s+(?:nhé|nhe|nha|ạ|a|với|voi))*\s*[:,.]\s*/iu,
        "",
      )
      .replace(/([?]\s*)(?:và|va|còn|con)\s+/giu, "$1")
      // ("… là ngày nào trong năm": which day of any year, not something about "năm".)
      .replace(
        /((?:ngày|ngay)\s+(?:nào|nao|mấy|may|bao nhiêu|bao nhieu))\s+(?:trong|của|cua)\s+(?:năm|nam)(?!\s*\d)/giu,
        "$1",
      )
      // ("tính từ hôm nay thì mấy ngày nữa tới …": days are counted from today anyway.)
      .replace(
        /(^|[\s,])(?:(?:tính|tinh|kể|ke)\s+)?(?:từ|tu)\s+(?:hôm nay|hom nay|hnay|bây giờ|bay gio|bây h|bay h)(?:\s+(?:thì|thi))?\s*,?\s*(?=.*(?:mấy|may|bao nhiêu|bao nhieu|bn)\s+(?:ngày|ngay))/giu,
        "$1",
      )
      // ("y/c", "v/v": the slash shorthands of official writing, written out.)
      .replace(/(^|[\s,(])[yY]\/[cC](?=[\s,.?!)]|$)/gu, "$1yêu cầu")
      .replace(/(^|[\s,(])[vV]\/[vV](?=[\s,.?!)]|$)/gu, "$1về việc")
      // ("STTTT BH KH …": "ban hành" before a kind of document, which "bảo hiểm" never is.)
      .replace(
        /(^|[\s,])(?:BH|bh|Bh)(?=\s+(?:KH|kh|QĐ|QD|qđ|qd|TB|tb|VB|vb|CV|cv|NQ|nq|kế hoạch|ke hoach|quyết định|quyet dinh|văn bản|van ban|thông báo|thong bao|nghị quyết|nghi quyet)(?![\p{L}\p{N}]))/gu,
        "$1ban hành",
      )
      // ("tối thiểu mấy sản phẩm": "ít nhất", as the knowledge writes it.)
      .replace(/(^|[\s,])(?:tối thiểu|toi thieu)(?=[\s,?.!]|$)/giu, "$1ít nhất")
      // ("search giúp em …": the English verb of a request.)
      .replace(/(^|\s)search\s+/giu, "$1tìm ")
      // ("thành lập ở cấp nào": where, at which level of the administration.)
      .replace(/(^|\s)(?:ở|o)\s+(?:cấp|cap)\s+(?:nào|nao)(?=[\s?.,!]|$)/giu, "$1ở đâu")
  );
}

/**
 * Code pasted or typed into the chat ("'; DROP TABLE documents; --", "<script>…</script>") is no part of
 * a question: taken out, and the rest read ("… -- kế hoạch 3402 mục tiêu").
 */
export function withoutCode(text: string): string {
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, " ")
    .replace(/<\/?[a-z][^>]{0,200}>/giu, " ")
    .replace(
      /['"`]?\)*\s*;?\s*\b(?:drop\s+(?:table|database)|delete\s+from|insert\s+into|truncate\s+table|alter\s+table|select\s+\S+\s+from|union\s+select|update\s+\S+\s+set)\b[^;]{0,200};?\s*(?:--|#)?/giu,
      " ",
    )
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * "mai họp giao ban mà sếp hỏi KH 3402 đặt mục tiêu gì": the asker's errand (a meeting of their own, a
 * superior who asked) says why, not what; the question is what follows.
 */
export function withoutAskersErrand(text: string): string {
  return text
    .replace(
      // ("… do ai ký ạ, sếp đang hỏi", "…, lãnh đạo cần gấp": who wants the answer, after the question.)
      /[,.;]\s*(?:(?:vì|vi|do)\s+)?(?:sếp|sep|lãnh đạo|lanh dao|thủ trưởng|thu truong)\s+(?:(?:đang|dang|vừa|vua|mới|moi)\s+)?(?:hỏi|hoi|cần|can|bảo|bao|yêu cầu|yeu cau|muốn biết|muon biet)(?:\s+(?:gấp|gap|lắm|lam|ạ|a|nhé|nhe|nha))*\s*[.!?]*\s*$/iu,
      "",
    )
    .replace(
      /(^|[\s,])(?:(?:ngày mai|mai|sáng mai|chiều mai|chiều nay|sáng nay|tuần sau|hôm nay|ngay mai|sang mai|chieu mai|chieu nay|sang nay|tuan sau|hom nay)\s+)?(?:(?:em|e|anh|a|chị|chi|tôi|toi|mình|minh)\s+)?(?:(?:có|co|phải|phai|đi|di)\s+)?(?:họp|hop)(?:\s+(?:giao ban|gb|tuần|tuan|ban|sở|so|cơ quan|co quan))?\s+(?:mà|ma|thì|thi|nên|nen|,)\s*(?:sếp|sep|lãnh đạo|lanh dao|thủ trưởng|thu truong|anh|chị|chi)\s+(?:hỏi|hoi|cần|can|bảo|bao|yêu cầu|yeu cau|muốn|muon)\s+(?:(?:xem|là|la|về|ve)\s+)?/iu,
      "$1",
    );
}

/**
 * "Ngoài Sở TT&TT thì ai phối hợp …": what the question sets aside is no part of what it is about (the
 * answer names the others either way).
 */
export function withoutBesides(text: string): string {
  return (
    text
      .replace(/(^|[\s,])(?:ngoài|ngoai)\s+(?:[^\s,?]+\s+){0,10}?(?:ra\s+)?(?:thì|thi)\s+/iu, "$1")
      // ("Phó TB BĐH (ngoài PTB thường trực) là ai": set aside in brackets.)
      .replace(
        /\s*\(\s*(?:ngoài|ngoai|trừ|tru|không kể|khong ke|không tính|khong tinh)\s[^()]{1,80}\)/giu,
        " ",
      )
      // ("Ngoài PTB thường trực, Phó TB … là ai": set aside up to the comma.)
      .replace(/^\s*(?:ngoài|ngoai)\s+(?:[^\s,?]+\s+){0,5}?[^\s,?]+(?:\s+ra)?\s*,\s*/iu, "")
      // "Bây giờ Sở TT&TT không còn thì ai chủ trì …": who does it today (the answer says what became of it).
      .replace(
        /(^|[\s,])(?:(?:bây giờ|bay gio|nay|hiện nay|hien nay|giờ|gio)\s+)?(?:[^\s,?]+\s+){1,6}?(?:không còn|khong con|đã hợp nhất|da hop nhat|đã sáp nhập|da sap nhap)(?:\s+(?:nữa|nua))?\s+(?:thì|thi)\s+/iu,
        "$1",
      )
  );
}

/**
 * "Văn bản nào mới nhất trong dữ liệu?", "phó thủ tướng nào có trong cơ sở tri thức": where to look,
 * which every question means; not "trong cơ sở dữ liệu quốc gia …", which names something.
 */
export function withoutDataFrame(text: string): string {
  return (
    text
      // "… những văn bản nào trong đây", "… có ở đây không": here, the knowledge.
      .replace(/\s+(?:trong|ở|tại)\s+đây(?=\s*(?:$|[?.!,]|(?:không|ko|vậy|ạ)(?![\p{L}\p{N}])))/giu, "")
      .replace(
        // "văn bản mới nhất mà trợ lý nắm được là gì": the assistant's knowledge, which every answer is.
        /\s+(?:mà|ma)\s+(?:trợ lý|tro ly|trợ lys|bạn|ban|bot|hệ thống|he thong)\s+(?:(?:đang|dang|hiện|hien)\s+)?(?:nắm|nam|biết|biet|có|co|lưu|luu)(?:\s+(?:được|duoc))?(?=\s*(?:$|[?.!,]|(?:là|la)(?![\p{L}\p{N}])))/giu,
        "",
      )
      .replace(
        /\s+(?:(?:có|co|được ghi|duoc ghi)\s+)?trong\s+(?:(?:cơ sở|co so)\s+)?(?:dữ liệu|du lieu|tri thức|tri thuc|hệ thống|he thong|csdl)(?:\s+(?:của bạn|cua ban|này|nay|của bot|cua bot|của trợ lý|cua tro ly))?(?=\s*(?:$|[?.!,]|(?:là|la|cái|cai|vậy|vay|không|khong|ko|ạ|nhỉ|nhi)(?![\p{L}\p{N}])))/giu,
        "",
      )
  );
}
