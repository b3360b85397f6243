/**
 * Questions for what the knowledge never records: a person's phone number, birth year or salary, who
 * held a post before them, how long a meeting lasted or where it was held, another province's figures,
 * which province ranks first. The entity may be well known ("số điện thoại của ông Đào Xuân Kỳ"): its
 * card is not the answer. The reply says plainly what is not recorded, of whom, and offers the card.
 */

import type { Knowledge } from "../../knowledge/model.ts";
import type { Meeting, Person } from "../../knowledge/schema.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import { provinceIn, provinceLabel } from "../../text/provinces.ts";
import { queryTerms, searchTerms } from "../../text/search-terms.ts";
import { untelexText } from "../../text/telex.ts";
import { formatViDate } from "../../time.ts";
import type { AnswerContext } from "../context.ts";
import { fuzzyPeople } from "../lexicon.ts";
import { INTENTS, type Intent, type Query, RECORDED_NOTE, type Reply, ReplyBuilder } from "../reply.ts";
import { askedOrdinal, LOCALITY, type Understanding, unknownUnitPhrase } from "../understand.ts";
import { entryWords } from "./search.ts";
import { NEW_NAME_ASKED } from "./unit-changes.ts";

/** An attribute the knowledge has no field for, as a phrase ("số điện thoại"), with its cue. */
const ATTRIBUTES: readonly {
  what: string;
  re: RegExp;
  of: "person" | "meeting" | "any";
  /** Recorded after all for this person (a workplace, when a position names the unit). */
  known?: (p: Person) => boolean;
  /** Said alone, not "of" the entry named. */
  alone?: boolean;
  /** Whether a target was reached: a recorded sentence may say so after all. */
  reached?: boolean;
  /** How far a piece of work has got: a recorded result may say so after all. */
  progress?: boolean;
  /** Only for questions read as this kind ("vì sao DTI tăng": the index's reasons). */
  kind?: string;
  /** Asked only of someone addressed ("ông", "lãnh đạo"): of no one, it is another question. */
  addressed?: boolean;
  /** Recorded after all for this meeting (a notice among its documents, issued after it). */
  meetingKnown?: (m: Meeting, kb: Knowledge) => boolean;
  /** Not when the question as typed, with its marks, says this ("đặt mục tiêu": set, not "đạt", reached). */
  typedNot?: RegExp;
  /** Recorded after all in this knowledge (a task of that kind imported since). */
  recorded?: (kb: Knowledge) => boolean;
}[] = [
  {
    // Reporting deadlines are not among the recorded tasks (unless a task about reports is imported).
    what: "hạn, lịch nộp báo cáo định kỳ",
    // (A deadline the question gives itself, "hạn nộp BC 30/4/2027 có trùng ngày lễ không", is not asked.)
    re: /^(?!.*\b\d{1,2} \d{1,2} (?:19|20)\d\d\b)(?:.*\b(?:han|thoi han|lich|khi nao|bao gio|ngay nao|ngay may)\b.*\b(?:nop|gui|lam)\s+(?:bao cao|bc)\b|.*\b(?:nop|gui)\s+(?:bao cao|bc)\b.*\b(?:han|ngay nao|ngay may|khi nao|bao gio|truoc ngay)\b)/,
    of: "any",
    alone: true,
    recorded: (kb) => kb.data.tasks.some((t) => /\bbao cao\b/.test(fold(t.title))),
  },
  {
    // A meeting's conclusions are recorded as it was reported, not the notice that announced them.
    what: "số hiệu thông báo kết luận",
    re: /\b(?:thong bao|van ban) ket luan\b|\bket luan (?:cua )?(?:cuoc hop|buoi hop|hoi nghi|hop)\b.*\b(?:so (?:may|bao nhieu|hieu|nao|gi)|ky hieu)\b/,
    of: "meeting",
    kind: "meeting",
    meetingKnown: (m, kb) =>
      m.documents.some((id) => {
        const d = kb.document(id);
        return !!d && d.type === "Thông báo" && d.date >= m.date;
      }),
  },
  {
    // Allowances and pay are not recorded.
    what: "phụ cấp, thù lao, chế độ",
    // ("phủ cáp quang", typed plain, is a target's words.)
    re: /\b(?:phu cap(?! quang)|tien luong|luong thuong|thu lao|che do dai ngo|boi duong)\b/,
    of: "any",
    alone: true,
  },
  {
    // How many of something were done is not recorded ("năm 2023 tỉnh hoàn thành bao nhiêu sản phẩm").
    what: "kết quả thực hiện (số lượng đã hoàn thành)",
    // ("phải / phấn đấu hoàn thành bao nhiêu": what is asked of them, a task's or a theme's.)
    re: /^(?!.*\b(?:phai|yeu cau|phan dau|can|giao|chu de|muc tieu|chi tieu)\b).*(?:\b(?:da )?hoan thanh (?:duoc )?(?:bao nhieu|may)\b|\b(?:bao nhieu|may) (?:san pham|sp) (?:da )?(?:hoan thanh|ra mat|trien khai)\b)/,
    of: "any",
    alone: true,
  },
  {
    // Articles and clauses of a document: the knowledge has its summary and key points, not its full text.
    what: "nội dung từng điều, khoản (cơ sở tri thức không lưu toàn văn)",
    re: /\b(?:dieu|khoan|chuong) (?:\d{1,3}|[ivx]{1,4})\b(?!\/)/,
    of: "any",
    kind: "document",
    alone: true,
  },
  {
    // What product a unit made is not recorded, only the task to make one ("Sản phẩm CĐS năm 2023 của
    // Trường Chính trị là gì").
    what: "sản phẩm chuyển đổi số cụ thể của từng đơn vị (chỉ ghi nhiệm vụ phấn đấu hoàn thành ít nhất một sản phẩm)",
    // ("Sở TT&TT đã đăng ký sản phẩm CĐS năm 2023 là sản phẩm nào": the same.)
    re: /\bsan pham (?:chuyen doi so |cds )?(?:nam (?:19|20)\d\d )?(?:cua|ben|o) (?!nhiem vu|nv\b)(?:[a-z0-9]+ ){1,8}(?:la gi|ten (?:la )?gi|la san pham nao|gom nhung gi|la cai gi)\b|\b(?:dang ky|lua chon|chon) (?:san pham|sp)\b.*\b(?:nao|gi)\b/,
    of: "any",
    alone: true,
  },
  {
    // What was held for a day or an event ("Ngày CĐS năm nay tỉnh đã tổ chức những hoạt động gì") is
    // not recorded, only what was assigned.
    // (A day written in full is the day's own reply, with what is known of that day.)
    what: "các sự kiện, hoạt động đã tổ chức",
    re: /^(?!.*\b\d{1,2} \d{1,2}\b).*(?:\b(?:da )?to chuc (?:duoc )?(?:nhung |cac )?(?:hoat dong|su kien|chuong trinh) (?:gi|nao)\b|\b(?:hoat dong|su kien) (?:gi|nao) (?:da )?(?:duoc )?to chuc\b)/,
    of: "any",
    alone: true,
  },
  {
    // A draft discussed at a meeting ("dự thảo Kế hoạch CĐS năm 2023 của Ban Điều hành") is recorded as a
    // draft: the plan issued from it, its number and day, is not.
    what: "số hiệu, ngày ban hành của văn bản chính thức (nguồn chỉ ghi bản dự thảo được cho ý kiến)",
    re: /\bdu thao\b.*\b(?:ban hanh|so hieu|so may|so bao nhieu|chinh thuc)\b|\bchinh thuc\b.*\b(?:so hieu|so may|so bao nhieu|ky ngay|ban hanh ngay|ngay ban hanh)\b/,
    of: "any",
    alone: true,
  },
  {
    // How a yearly day went ("kết quả Ngày CĐS tỉnh 2023") is not recorded, only what it is and who
    // leads its promotion.
    what: "kết quả tổ chức Ngày Chuyển đổi số",
    re: /^(?!.*\b\d{1,2} \d{1,2}\b).*(?:\bket qua\b.*\bngay (?:chuyen doi so|cds)\b|\bngay (?:chuyen doi so|cds)\b.*\bket qua\b)/,
    of: "any",
    alone: true,
  },
  {
    // Meetings are recorded by day (and "sáng"/"chiều"), not by the hour.
    what: "giờ bắt đầu, kết thúc",
    // ("giờ bắt đầu họp", keywords: the hour named first.)
    // ("bắt đầu mấy h": the hour typed as "h".)
    re: /\b(?:may gio|may h|luc may gio|luc may h|gio nao|bat dau luc|khai mac luc|ket thuc luc|(?<!bao )gio (?:bat dau|ket thuc|khai mac|hop(?! nhat| tac| dong| le| ly| phap)))\b/,
    of: "meeting",
  },
  {
    // What each attendee said is not recorded, only the chair's conclusions (what the chair said is those).
    what: "nội dung từng người phát biểu",
    re: /^(?!.*\b(?:chu tich|truong ban|chu tri|thu tuong)\b).*\b(?:phat bieu|tham luan|gop y|de xuat|kien nghi) (?:gi|nhung gi|noi dung gi|ve gi|the nao|ra sao|nhu the nao)\b/,
    of: "meeting",
  },
  {
    // A meeting's clerk, secretary or host is not recorded.
    what: "thư ký, người ghi biên bản, người dẫn chương trình",
    // (Of a meeting: a body's secretary is the post the role answer says is not recorded.)
    re: /^(?=.*\b(?:hop|hoi nghi)\b).*\b(?:thu ky|ghi bien ban|dan chuong trinh|mc)\b/,
    of: "meeting",
  },
  {
    what: "thời điểm nghỉ hưu",
    re: /\b(?:nghi huu|ve huu|huu tri|nghi che do)\b/,
    of: "person",
  },
  {
    // The province's administrative units are not counted in the knowledge (the district level ended in
    // 2025; communes were merged).
    // (Not the country's provincial units, "bao nhiêu đơn vị hành chính cấp tỉnh", which a source states.)
    what: "số đơn vị hành chính",
    re: /\b(?:bao nhieu|may) (?:huyen|xa|phuong|thi tran|don vi hanh chinh(?! cap tinh)|thon|khu pho)\b/,
    of: "any",
    alone: true,
  },
  {
    // How far a task has got is not recorded, only what was assigned and its deadline.
    what: "tiến độ thực hiện hiện nay",
    progress: true,
    // ("tiến độ … hiện đạt bao nhiêu %": a share of the work done, not a target's figure.)
    re: /\b(?:(?:xay|lam|thuc hien|trien khai) (?:den|toi) dau(?: roi)?|tien do (?:hien nay|den nay|the nao|ra sao)|tien do\b.*\b(?:dat|duoc) (?:bao nhieu|may)(?: phan tram)?|ket qua (?:trien khai|thuc hien|lam)\b.*\b(?:den nay|hien nay|toi nay|bay gio)\b)\b|\btien do\b.*%|\bty le hoan thanh\b|^(?!.*\b(?:muc tieu|chi tieu|phan dau|dat ra|de ra|phai|can)\b).*\b(?:de an|ke hoach|chuong trinh|du an)\b.*\btinh\b.*\bdat (?:duoc )?(?:bao nhieu|may) (?:phan tram|%)/,
    of: "any",
    alone: true,
  },
  {
    // How many have been issued, installed, put online so far ("đã cấp bao nhiêu tài khoản định danh
    // rồi"): counts of work done are not recorded (a recorded sentence that says so is tried first).
    // The indicators' recorded figures ("DTI đã đạt bao nhiêu điểm") are not this.
    what: "số liệu thực hiện đến nay",
    progress: true,
    // ("đã làm sạch bao nhiêu % dữ liệu", "số tổ công nghệ số cộng đồng đã thành lập": the same.)
    re: /^(?!.*\b(?:dti|chi so|diem|xep hang|thu hang|tru cot)\b).*\bda (?:cap|cap phat|cai dat|kich hoat|dua|tich hop|so hoa|cung cap|trien khai|dao tao|boi duong|tuyen truyen|tap huan|lam sach|xac thuc|ket noi|dong bo|thanh lap)(?: duoc)? (?:bao nhieu|may|duoc bao nhieu)\b|^(?:tong )?so (?:luong )?(?:to|doi|ho|tai khoan|nguoi|xa|thon|diem)\b.*\b(?:da|duoc) (?:duoc )?(?:thanh lap|cap|kich hoat|trien khai|lap)\b/,
    of: "any",
    alone: true,
  },
  {
    // At which session a council passed a resolution is not recorded, only the resolution.
    what: "kỳ họp thông qua nghị quyết",
    re: /\bky hop (?:thu )?(?:may|bao nhieu|nao|so may)\b|\bky hop\b.*\bthong qua\b/,
    of: "any",
    alone: true,
  },
  {
    // How many a platform or a programme counts today ("sàn Vỏ Sò hiện có bao nhiêu gian hàng").
    what: "số liệu hiện có",
    re: /\b(?:hien co|hien nay co|hien dang co|co tat ca|tong cong co) (?:bao nhieu|may) (?:san pham|gian hang|tai khoan|nguoi dung|luot|doanh nghiep|ho)\b/,
    of: "any",
    alone: true,
  },
  {
    // What a unit has done ("đã có sản phẩm CĐS nào chưa") is not recorded, only what it was given.
    what: "kết quả thực hiện của đơn vị",
    // ("đã hoàn thành … chưa" is the progress check's, which says what is recorded of the task.)
    // ("đã làm được sản phẩm chuyển đổi số nào": which, too.)
    re: /\bda (?:co|ra mat|trien khai|lam|xay dung)(?: duoc)? (?:(?:nhung|cac) )?(?:san pham|sp)\b.*\b(?:chua|khong|ko|nao|gi)\b/,
    of: "any",
    alone: true,
  },
  {
    // Which leader looks after which field ("PCT UBND tỉnh phụ trách khối văn hóa – xã hội") is not
    // recorded; digital transformation is (the Ban Điều hành's standing deputy), answered by the roles.
    what: "phân công lĩnh vực phụ trách của lãnh đạo",
    // ("Ông Vũ Đức Đam phụ trách những lĩnh vực nào trong Chính phủ": the same, of a person named.)
    // ("Vũ Đức Đam phụ trách lĩnh vực gì": asked of someone named, too.)
    re: /\b(?:pho chu tich|chu tich|giam doc|pho giam doc|lanh dao|bo truong|thu truong|thu tuong|pho thu tuong|ong|ba)\b.*\bphu trach (?:nhung |cac )?(?:khoi|linh vuc|mang|nganh)\b(?!.*\b(?:chuyen doi so|so hoa)\b)|^(?!.*\b(?:chuyen doi so|so hoa|cds)\b).*\bphu trach (?:nhung |cac )?(?:khoi|linh vuc|mang|nganh) (?:gi|nao)\b/,
    of: "any",
    alone: true,
  },
  {
    // A unit's inner structure (its offices, its organisation chart) is not recorded.
    what: "cơ cấu tổ chức, các phòng chuyên môn",
    re: /\b(?:so do to chuc|co cau to chuc|bo may to chuc|(?:gom|co) (?:nhung|cac|may|bao nhieu) phong|phong ban (?:nao|gi)|cac phong (?:chuyen mon|ban))\b/,
    of: "any",
    alone: true,
  },
  {
    // Whether a place has been certified ("xã tôi đã đạt chuẩn chuyển đổi số chưa") is not recorded.
    what: "kết quả đánh giá, công nhận đạt chuẩn chuyển đổi số",
    // ("xã nào được công nhận xã chuyển đổi số đầu tiên": the same.)
    re: /\bdat chuan\b|\b(?:duoc )?cong nhan\b.*\b(?:chuyen doi so|cds|so)\b|\b(?:chuyen doi so|cds)\b.*\bduoc cong nhan\b/,
    of: "any",
    alone: true,
  },
  {
    // Who drafted a report or a plan is not recorded (only who issued it).
    what: "người soạn thảo",
    // ("ai là người soạn kế hoạch 3609", "đơn vị nào tham mưu soạn thảo QĐ 56": the same of a document.)
    re: /\bai (?:viet|soan|soan thao|lap|chuan bi|tong hop) (?:bao cao|to trinh|du thao|tai lieu)\b|\b(?:nguoi|ai|don vi nao|co quan nao) (?:la nguoi )?(?:soan|soan thao|tham muu soan thao)\b/,
    of: "any",
    alone: true,
  },
  {
    // Which document amends or replaces another is not recorded (unless a relation "replaces" is).
    what: "văn bản sửa đổi, bổ sung hoặc thay thế",
    re: /\b(?:thay the|sua doi|bo sung|bai bo|huy bo|bi thay)\b.*\b(?:boi |bang )?(?:van ban|quyet dinh|ke hoach|vb|qd|kh) nao\b|\b(?:van ban|quyet dinh|ke hoach|vb|qd|kh) nao\b.*\b(?:thay the|sua doi|bai bo|huy bo)\b/,
    of: "any",
    kind: "document",
    alone: true,
    recorded: (kb) => kb.data.documents.some((d) => d.relations.some((r) => r.kind === "replaces")),
  },
  {
    // Whom a document was sent to (its "nơi nhận") is not recorded, only who issued it.
    what: "nơi nhận (các đơn vị được gửi văn bản)",
    re: /\b(?:gui (?:cho|den|toi)|noi nhan|duoc gui (?:cho|den|toi)?)\b.*\b(?:nao|ai|dau|gi)\b/,
    of: "any",
    kind: "document",
    alone: true,
  },
  {
    // A draft mentioned at a meeting: its content is not recorded.
    what: "nội dung chi tiết của dự thảo",
    re: /\bdu thao\b.*\b(?:noi dung|chi tiet|gom nhung|co nhung gi)\b|\b(?:noi dung|chi tiet)\b.*\bdu thao\b/,
    of: "any",
    alone: true,
  },
  {
    what: "nơi công tác",
    re: /\b(?:cong tac|lam viec|lam) (?:o|tai) (?:dau|co quan nao|don vi nao|bao nao)\b|\bthuoc (?:co quan|don vi) nao\b/,
    of: "person",
    known: (p) => p.positions.some((x) => x.unit !== undefined || x.body !== undefined),
  },
  {
    // The sources name a body's leaders, not how many members it has.
    what: "tổng số thành viên",
    // ("Tổ Giúp việc có bao nhiêu người": its members counted.)
    re: /\bbao nhieu thanh vien\b|\bso (?:luong )?thanh vien\b|\b(?:to|ban|doi|hoi dong)\b.*\b(?:co|gom) (?:tat ca |tong cong )?(?:bao nhieu|may|bn) (?:nguoi|thanh vien)\b|\b(?:to|doi)\b.*\bgom (?:nhung )?ai\b.*\b(?:bao nhieu|may|bn) (?:nguoi|thanh vien)\b/,
    of: "any",
  },
  {
    // When a body is (to be) reorganised or its members replaced is not recorded.
    what: "việc kiện toàn, thay đổi thành viên",
    re: /\bkien toan\b/,
    of: "any",
    alone: true,
  },
  {
    what: "số cán bộ, công chức",
    // ("bao nhiêu CB, CC", "bao nhiêu CBCC": the abbreviations officials write.)
    re: /\bbao nhieu (?:can bo|cong chuc|vien chuc|nhan vien|nguoi lam viec|bien che|cbcc|cb,? ?cc|cb|nhan su)\b|\bso (?:luong )?(?:can bo|bien che|cbcc|nhan su)\b|^(?!.*\b(?:nghi dinh|quyet dinh|ke hoach|thong tu|nghi quyet|cong van|chi thi|thong bao)\b).*\bbien che\b/,
    of: "any",
  },
  {
    // Whether a target was reached is not recorded (only the targets and past DTI figures are).
    what: "kết quả thực hiện mục tiêu này",
    // ("các mục tiêu năm 2023 đã đạt được bao nhiêu phần trăm": how far they were reached.)
    // ("… có đạt nhóm khá như Kế hoạch 3402 đặt ra không": measured against what a plan named set; against
    // "mục tiêu", the targets' own answer says what was set.)
    // ("tỉnh đạt được mục tiêu … chưa": asked without "đã", the "chưa" at the end; not a plan that
    // "đặt mục tiêu", which folds alike.)
    re: /\b(?:co|da) dat (?:duoc )?(?:muc tieu|chi tieu)\b|^(?!.*\b(?:ke hoach|quyet dinh|chuong trinh|de an|nghi quyet|chi thi|thong bao)\b.*\bdat muc tieu\b).*\bdat (?:duoc )?(?:muc tieu|chi tieu)\b.*\b(?:chua|hay chua)\s*\??\s*$|\b(?:muc tieu|chi tieu)\b.*\b(?:da dat|dat duoc)(?: duoc)? (?:bao nhieu|may)\b|\b(?:co|da) dat\b.{0,60}\b(?:nhu|theo|so voi) (?:ke hoach|quyet dinh|van ban) (?:so )?\d+/,
    of: "any",
    alone: true,
    reached: true,
    typedNot: /(?<![\p{L}])đặt\s+(?:ra\s+)?(?:mục tiêu|chỉ tiêu)/iu,
  },
  {
    // What was achieved in numbers ("năm 2023 hoàn thành được bao nhiêu sản phẩm") is not recorded.
    what: "số lượng đã hoàn thành",
    re: /\b(?:hoan thanh|lam) duoc (?:bao nhieu|may)\b|\bda co (?:bao nhieu|may) san pham\b/,
    of: "any",
    alone: true,
  },
  {
    // The meetings the knowledge has all took place: no schedule of the next ones.
    what: "lịch các cuộc họp sắp tới",
    // ("việc phối hợp sắp tới": hợp of phối hợp is no meeting.)
    re: /(?:\b(?:phien|cuoc|buoi|lan) ?|\b(?<!(?:phoi|tong|ket|thich|lien|hoa|to|phu) ))hop (?:phien |lan |cuoc )?(?:tiep theo|lan toi|sap toi|ke tiep|lan sau|toi day)\b|\b(?:phien|cuoc|buoi) hop (?:tiep theo|ke tiep|toi)\b/,
    of: "any",
    alone: true,
  },
  {
    // A unit's duty roster or week schedule ("lịch trực Tết của sở mình") is no record of the programme.
    what: "lịch trực, lịch công tác",
    re: /\b(?:lich truc|truc (?:tet|le)|phan cong truc|lich cong tac|lich lam viec)\b/,
    of: "any",
  },
  {
    what: "số điện thoại",
    // ("muốn gọi … thì gọi số nào": a number to call.)
    // ("cho xin số di động", "số Zalo của anh Kỳ": the same.)
    re: /\b(?:so dien thoai|sdt|so dt|so di dong|so zalo|zalo (?:cua|la)|hotline|duong day nong|dien thoai (?:cua|lien he|lien lac|ca nhan|la)|goi (?:vao |den |toi )?so (?:nao|may|gi))\b/,
    of: "person",
  },
  {
    // How to join an online meeting (its password, link, room) is not knowledge of the programme.
    what: "mật khẩu, đường dẫn họp trực tuyến",
    re: /\b(?:mat khau|password|ma pin|(?:duong )?link (?:hop|zoom|phong hop|tham du)|(?:id|ma) phong hop)\b/,
    of: "any",
    alone: true,
  },
  {
    what: "số định danh cá nhân (căn cước, CCCD)",
    re: /\b(?:cccd|cmnd|can cuoc|chung minh nhan dan|so dinh danh ca nhan|ma dinh danh)\b/,
    of: "person",
  },
  { what: "địa chỉ thư điện tử", re: /\b(?:email|e mail|emal|mail|gmail|dia chi thu)\b/, of: "person" },
  {
    // Progress is recorded per task (done, extended), not as counts of products.
    what: "số sản phẩm, nhiệm vụ đã hoàn thành",
    re: /\bda (?:hoan thanh|lam|lap|thanh lap|co|thuc hien) (?:duoc )?bao nhieu\b|\bbao nhieu\b.*\bda (?:duoc )?(?:hoan thanh|xong)\b|\b(?:bao nhieu|may) (?:don vi|co quan|so|dia phuong) (?:da )?(?:hoan thanh|xong|co)\b/,
    of: "any",
  },
  {
    what: "năm sinh, tuổi",
    re: /\b(?:sinh nam|nam sinh|ngay sinh|sinh ngay|sinh vao|bao nhieu tuoi|may tuoi)\b/,
    of: "person",
    addressed: true,
  },
  { what: "quê quán", re: /\b(?:que quan|que huong|que o)\b/, of: "person" },
  {
    what: "tiền lương, thu nhập",
    // ("lương CT UBND tỉnh bao nhiêu": a post's pay, named by the post.)
    re: /\b(?:muc luong|tien luong|luong (?:bao nhieu|thang|cua|cao)|luong (?:chu tich|pho chu tich|giam doc|pho giam doc|lanh dao|can bo|cong chuc|truong ban|bo truong)|thu nhap (?:cua|bao nhieu|thang))\b/,
    of: "person",
  },
  {
    what: "người tiền nhiệm",
    // ("GĐ Sở TT&TT trước ô. Kỳ": "ô." is ông.)
    re: /\b(?:tien nhiem|nguoi truoc|truoc (?:ong|ba|anh|chi|o(?! dau)))\b/,
    of: "person",
  },
  {
    what: "người kế nhiệm",
    re: /\b(?:ke nhiem|(?:nguoi|ai) thay (?:ong|ba|cho ong|cho ba))\b/,
    of: "person",
  },
  {
    what: "cơ quan báo chí của tác giả",
    re: /\b(?:(?<!thong )bao nao|to bao nao|co quan bao(?! cao| nhieu)|phong vien (?:cua|bao))\b/,
    of: "person",
  },
  {
    what: "các chỉ số khác ngoài DTI (PAR Index, SIPAS, PCI, PAPI…)",
    re: /\b(?:par index|sipas|pci|papi|ict index|chi so cai cach hanh chinh|chi so hai long)\b/,
    of: "any",
  },
  {
    // How often a body meets ("Ban Điều hành họp định kỳ bao lâu một lần"): the meetings held are
    // recorded, not a schedule.
    what: "lịch họp định kỳ",
    re: /\b(?:hop|nhom hop|to chuc hop)\b.*\b(?:dinh ky|bao lau (?:mot|1) lan|may lan (?:mot|1|moi) (?:nam|quy|thang|tuan)|thuong ky|bao nhieu lan (?:mot|1|moi) (?:nam|quy|thang))\b|\b(?:dinh ky|bao lau (?:mot|1) lan)\b.*\bhop\b/,
    of: "any",
    alone: true,
  },
  {
    what: "thời lượng",
    re: /\b(?:keo dai (?:bao lau|may|bao nhieu)|may tieng|bao nhieu tieng|bao nhieu phut|thoi luong)\b/,
    of: "meeting",
  },
  {
    what: "địa điểm",
    // ("đặt Trung tâm Dữ liệu quốc gia ở đâu": where something is put.)
    // ("… được xây dựng ở đâu": where it is built.)
    // ("… đặt ở tỉnh nào", "nằm ở thành phố nào": the place named by its kind.)
    re: /\b(?:dia diem|dia chi|tru so|(?:dat|xay(?: dung)?|toa lac)(?: [a-z]+){0,6} (?:o|tai) (?:dau|(?:tinh|thanh pho|dia phuong|khu vuc) nao)|hop (?:o|tai) dau|to chuc (?:o|tai) dau|dien ra (?:o|tai) dau|phong hop|hoi truong (?:nao|gi)|to chuc (?:o|tai) (?:hoi truong|phong|dia diem) nao)\b/,
    of: "any",
  },
  // Whether the press was there, who was absent, whether minutes were kept: not recorded of a meeting.
  // ("sếp bảo chị", typed plain, is no press: "báo chí" by the words around it.)
  {
    what: "việc mời báo chí",
    re: /\b(?:moi|co|cho|tiep) bao chi\b|\bbao chi (?:du|tham du|dua tin|co mat|duoc moi)\b|\bphong vien\b/,
    of: "meeting",
  },
  // ("không đủ" of a shortage, typed plain, is no absence: "không dự họp".)
  { what: "người vắng mặt", re: /\b(?:vang mat|khong (?:den )?du hop|khong tham du)\b/, of: "meeting" },
  // ("Nguyễn Long Biên ban điều hành": a name before "Ban".)
  {
    what: "biên bản",
    re: /\bbien ban\b(?! (?:dieu hanh|chi dao|can su|thuong vu|dan toc|thuong truc))/,
    of: "meeting",
  },
  {
    // When a document takes effect or lapses is not recorded (only the day it was issued).
    what: "hiệu lực của văn bản",
    re: /\b(?:hieu luc|het han|con han)\b/,
    of: "any",
    kind: "document",
    alone: true,
  },
  {
    // A document's length and appendices are not recorded.
    what: "số trang, số phụ lục của văn bản",
    re: /\b(?:bao nhieu|may) (?:phu luc|trang)\b|\bdai (?:bao nhieu|may) trang\b/,
    of: "any",
    kind: "document",
    alone: true,
  },
  {
    // At which conference a document was adopted is not recorded ("NQ 09 ban hành tại hội nghị nào").
    what: "hội nghị, kỳ họp ban hành văn bản",
    re: /\b(?:nghi quyet|quyet dinh|ke hoach|van ban|chuong trinh)\b.*\b(?:ban hanh|thong qua|ky)\b.*\b(?:tai|o) (?:hoi nghi|ky hop|phien hop|cuoc hop) (?:nao|gi|lan thu may)\b/,
    of: "any",
    alone: true,
  },
  {
    what: "tổng số người dự",
    // ("số người dự họp … là bao nhiêu", "bao nhiêu người tham dự cuộc họp": who attended is recorded by
    // name or office, how many were there is not.)
    re: /\bbao nhieu (?:nguoi|dai bieu|dong chi|thanh phan) (?:du|tham du|tham gia)\b|\b(?:so nguoi|so luong nguoi|so dai bieu)\b.*\b(?:du|tham du|hop|tham gia)\b|\b(?:du|tham du|tham gia)\b.*\b(?:bao nhieu|may) (?:nguoi|dai bieu)\b/,
    of: "meeting",
  },
  {
    // The knowledge records no budget; "kinh phí còn hạn chế" (a shortcoming) is not a figure.
    what: "kinh phí, ngân sách (số tiền)",
    re: /^(?!.*\b(?:nguyen nhan|han che|vi sao|tai sao)\b).*\b(?:kinh phi|ngan sach|von dau tu|tong von|tong muc dau tu|bao nhieu tien)\b/,
    of: "any",
  },
  {
    // Changes of organisation the register does not record (those it records are answered first, by
    // the unit-change answer).
    what: "việc sắp xếp, sáp nhập, đổi tên được hỏi",
    // ("sở GTVT nhập vô sở nào": merged into.)
    // ("hợp nhất Cổng DVC với hệ thống …": systems merged, a target's words, not units.)
    // ("nhiệm vụ … sau hợp nhất sở nào chủ trì": a task's lead today, which the task's answer gives.)
    re: /^(?!.*\b(?:hop nhat|sap nhap|tich hop) (?:cong|he thong|ht|nen tang|co so du lieu|csdl|du lieu|phan mem)\b)(?!(?=.*\b(?:nhiem vu|nv)\b)(?=.*\b(?:chu tri|phu trach)\b)).*(?:\bnhap (?:vo|vao) (?:so|co quan|don vi|bo|cuc)\b|\b(?:sap nhap|hop nhat|giai the|doi ten|chia tach|tach ra|sat nhap)\b(?=.*\b(?:so|co quan|don vi|tinh|huyen|xa|uy ban|phong|cuc|bo|ban)\b)|\b(?:so|co quan|don vi|tinh|huyen|xa|uy ban|phong|cuc|bo|ban)\b.*\b(?:sap nhap|hop nhat|giai the|doi ten|chia tach|sat nhap)\b)/,
    of: "any",
  },
  { what: "việc sắp xếp, sáp nhập, đổi tên được hỏi", re: NEW_NAME_ASKED, of: "any" },
  {
    what: "số liệu dân số, diện tích, GRDP của tỉnh",
    re: /(?<!\bcong )\b(?:dan so|dien tich|bao nhieu dan|tong san pham|grdp (?:cua tinh )?(?:la )?bao nhieu)\b/,
    of: "any",
  },
  {
    what: "thứ hạng chuyển đổi số của từng cơ quan, đơn vị trong tỉnh",
    // ("xã hội số xếp hạng mấy": "số" of a pillar's name folds as "sở" does.)
    re: /\b(?:don vi|co quan|(?<!\b(?:hoi|te|quyen|doi|chi|tang|luc|thuc|che|lieu|nghe) )so) (?:toi|minh|em)?\s*xep (?:hang|thu)\b|\bxep (?:hang|thu) .*\b(?:trong|giua) cac (?:so|don vi|co quan)\b/,
    of: "any",
  },
  {
    what: "thứ hạng trong khu vực, vùng",
    re: /\b(?:khu vuc|vung|mien)\b.*\b(?:thu may|xep hang|dung thu|hang may|thu hang)\b|\b(?:thu may|xep hang|dung thu|hang may|thu hang)\b.*\b(?:khu vuc|vung|mien)\b/,
    of: "any",
  },
  {
    what: "thứ hạng giữa các tỉnh, các xã hay các đơn vị",
    re: /\b(?:tinh|dia phuong|xa|phuong|huyen|so|bo|nganh|don vi|co quan) (?:nao|gi)\b.*\b(?:dung dau|dan dau|cao nhat|thap nhat|dung cuoi|xep (?:thu|hang) nhat)\b|(?<!\b(?:phai|co) (?:la )?)\b(?:dung dau|dan dau|cao nhat|thap nhat) ca nuoc\b|^(?:(?:cac )?(?:tinh|dia phuong) )(?:dung dau|dan dau|xep (?:thu|hang) nhat|cao nhat|dung cuoi|thap nhat)\b/,
    of: "any",
  },
];

export interface Gap {
  /** What is not recorded ("số điện thoại"). */
  what: string;
  /** Of whom or of what, as shown ("Đào Xuân Kỳ", "tỉnh Khánh Hòa"). */
  of?: string;
  /** The card of what is named, offered as the next step. */
  next?: { label: string; query: Query };
  /** Asked whether a target was reached (a meeting's results may state it). */
  reached?: boolean;
  /** Asked how far a piece of work has got (a meeting's results may state it). */
  progress?: boolean;
}

/** What a question asks that the knowledge has no field for, or undefined. */
export function unrecordedAttribute(u: Understanding, ctx: AnswerContext): Gap | undefined {
  // (Telex leftovers and held vowels read as meant: "ở đâuu".)
  const bare = untelexText(u.folded, u.text)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ");
  const { kb, lex } = ctx;
  // "nhiệm vụ trọng tâm thứ năm" where the conclusions number three: no such task.
  const n = askedOrdinal(bare);
  const numbered = kb.data.tasks.filter((t) => /trọng tâm \(\d+\)/iu.test(t.clause ?? ""));
  if (
    n !== undefined &&
    // (Its place said as such: "trọng tâm thứ năm", "trọng tâm số 4"; not "… số năm 2023".)
    /\btrong tam (?:thu|so) /.test(bare) &&
    numbered.length &&
    !numbered.some((t) => t.clause!.includes(`(${n})`))
  )
    return {
      what: `nhiệm vụ trọng tâm thứ ${n} (nguồn chỉ nêu ${numbered.length} nhiệm vụ trọng tâm)`,
    };
  const own = kb.data.province.name;
  // Another province's figures, units or plans: the knowledge is the province's own.
  // (As typed: "làm động lực" is no Lâm Đồng.)
  const other = provinceIn(bare, [own], u.text);
  if (other && u.query.kind !== "document" && u.query.kind !== "meeting") {
    const mentionsOther = lex.index.search(other, { limit: 1 })[0];
    // A province the knowledge itself names (a meeting held there, a merger) is not "another one".
    // (Every word of the name must be searched: "Lâm" is a stopword, "Đồng" alone is in "cộng đồng".)
    const whole = queryTerms(other).length === searchTerms(other).length;
    if (!mentionsOther || mentionsOther.coverage < 0.99 || !whole)
      return { what: `thông tin riêng của ${provinceLabel(other)}` };
  }
  // "Chỉ số CĐS cấp xã của xã Phước Dân năm 2022": a commune, ward or village the knowledge never names
  // (what the province's answer says is not that place's). Tasks say so themselves, with the tasks
  // assigned to every unit.
  const place =
    u.query.kind === "tasks" || u.query.kind === "deadlines" ? undefined : unknownUnitPhrase(bare, u.text);
  // (Not a district: the district level ended, which the register answers.)
  if (place && LOCALITY.test(fold(place)) && !/^(?:(?:uy ban nhan dan|ubnd) )?huyen\b/.test(fold(place))) {
    const name = fold(place).replace(LOCALITY, "").trim();
    // ("Xã, phường bây giờ trực thuộc cấp nào": the kinds of place, no name.)
    const named =
      !/^(?:xa|phuong|thi tran|thon|huyen|tinh|bay gio|gio|nay|hien|moi|cu|cac|nhung|khac)\b/.test(name);
    // (Written word for word by an entry found: "phu ha" is in none, though "phủ" and "hạ" are words.)
    const written = lex.index
      .search(name, { limit: 3 })
      .some((h) => entryWords(h, ctx)?.includes(` ${name} `));
    if (named && !written)
      return { what: `thông tin riêng của ${place.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase())}` };
  }
  // "Sở Chuyển đổi số tỉnh được thành lập năm nào": a department the knowledge has no unit for (nor a
  // former name of one), asked when it was founded.
  // (Typed "Sở" with its marks: "so" plain is as often "số", "số mấy". A known unit that opens the
  // phrase, "Sở TT&TT giữ vai trò gì", is that unit.)
  // ("cơ sở y tế" is no department; "sở vậy", "sở mình" name none.)
  if (
    place &&
    /^sở\s/iu.test(place) &&
    !/^so (?:nao|gi|ban nganh|nganh|khac|vay|a|ah|nhe|nha|nhi|ha|do|nay|kia|minh|toi|em|chung toi)\b/.test(
      fold(place),
    ) &&
    !` ${fold(u.text)}`.includes(` co ${fold(place)}`) &&
    // (Only its founding asked: its tasks, leaders, figures or plans have answers of their own that say
    // the unit is unknown.)
    /\b(?:thanh lap|ra doi|co tu (?:bao gio|khi nao|nam nao|luc nao))\b/.test(bare)
  ) {
    const terms = searchTerms(place);
    const start = fold(place);
    // (A known unit that opens the phrase, or named by the start of its name, "Sở Khoa học".)
    const known =
      lex.units.match(terms).some((m) => m.start === 0 && m.end >= 2) ||
      kb.data.units.some((x) => fold(x.name).startsWith(start));
    if (!known) return { what: `thông tin về ${place}` };
  }
  // "Kết quả thực hiện Đề án 06 của tỉnh năm 2023 ra sao": the results of a year no recorded meeting
  // reviewed (the meeting of 20/02/2023 reviewed 2022). A DTI result is an indicator's, recorded apart.
  const resultYear =
    // ("kết quả đề án 06 tỉnh 2023": a document's results, "thực hiện" unsaid.)
    // ("kết quả dữ liệu mở của tỉnh 2023": a field's results in a year, read as the meeting on it.)
    (/\bket qua (?:thuc hien|trien khai)\b/.test(bare) ||
      (/\bket qua\b/.test(bare) &&
        (/\bde an\b/.test(bare) ||
          findDocRefs(u.text).length > 0 ||
          // (What is to be had, "cơ quan tôi cần có kết quả gì", is a task's.)
          (/\bcua tinh\b/.test(bare) &&
            !/\b(?:can|phai|yeu cau|phan dau|chu de|muc tieu|chi tieu)\b/.test(bare))))) &&
    !/\b(?:dti|chi so|xep hang|diem|cuoc hop|hoi nghi|phien hop|hop)\b/.test(bare) &&
    u.query.kind !== "indicator"
      ? (/\bnam ((?:19|20)\d\d)\b/.exec(bare)?.[1] ??
        // ("… tỉnh 2023": a bare year, not a day's.)
        (/\d{1,2}\/\d{1,2}\/\d{4}/.test(u.text) ? undefined : /\b((?:19|20)\d\d)\b/.exec(bare)?.[1]))
      : undefined;
  if (
    resultYear &&
    !kb.data.meetings.some((m) => m.results.length && fold(m.title).includes(`nam ${resultYear}`))
  )
    return { what: `kết quả thực hiện năm ${resultYear}` };
  // "kết quả thực hiện chương trình 59": a document's results, when no recorded meeting reviewed them.
  if (/\bket qua (?:thuc hien|trien khai)\b/.test(bare) && u.query.kind !== "meeting") {
    const d = findDocRefs(u.text)
      .map((r) => kb.documentOfRef(r))
      .find((x) => x !== undefined);
    const number = d ? fold(d.number.split("/")[0]!) : undefined;
    const reviewed =
      number !== undefined &&
      kb.data.meetings.some((m) =>
        fold([m.title, ...m.agenda, ...m.results, ...m.conclusions].join(" ")).includes(number),
      );
    if (d && !reviewed) return { what: `kết quả thực hiện ${d.type} ${d.number}` };
  }
  // (Read as typed too: "PAR Index" folded and read for Telex is "pa index".)
  const typed = fold(u.text)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ");
  const attr = ATTRIBUTES.find(
    (a) =>
      (a.re.test(bare) || a.re.test(typed)) &&
      (!a.kind || a.kind === u.query.kind) &&
      !a.recorded?.(kb) &&
      !a.typedNot?.test(u.text),
  );
  if (!attr) return undefined;
  // ("QĐ 56 có hiệu lực từ ngày nào": of the document named, with its card offered.)
  if (attr.alone && attr.kind === "document") {
    const d = findDocRefs(u.text)
      .map((r) => kb.documentOfRef(r))
      .find((x) => x !== undefined);
    if (d)
      return {
        what: attr.what.replace(/ của văn bản$/, ""),
        of: `${d.type} ${d.number}`,
        next: { label: `${d.type} ${d.number}`, query: { kind: "document", docId: d.id } },
      };
  }
  if (attr.alone)
    return {
      what: attr.what,
      ...(attr.reached ? { reached: true } : {}),
      ...(attr.progress ? { progress: true } : {}),
    };
  if (attr.of !== "meeting") {
    const terms = searchTerms(u.text);
    const exact = lex.people.match(terms);
    const person = (exact.length ? exact : fuzzyPeople(lex, terms))[0];
    const p = person ? kb.person(person.value) : undefined;
    // (A workplace is asked of a person: without one named, it is not this question.)
    if (attr.known && (!p || attr.known(p))) return undefined;
    if (p)
      return {
        what: attr.what,
        of: p.name,
        next: { label: p.name, query: { kind: "person", personId: p.id } },
      };
    // (Asked of no one, a person's attribute is some other question: "tài khoản thanh toán cho người từ
    // bao nhiêu tuổi" asks a target's age.)
    if (
      attr.addressed &&
      !/\b(?:ong|ba|lanh dao|giam doc|chu tich|truong ban|pho truong ban|bo truong|thu truong|thu tuong|can bo|nguoi ky|nguoi dung dau)\b/.test(
        bare,
      )
    )
      return undefined;
  }
  if (attr.of !== "person" && u.query.kind === "meeting") {
    const m = u.query.meetingId
      ? kb.get("meetings", u.query.meetingId)
      : kb.data.meetings.find((x) => u.query.kind === "meeting" && x.date === u.query.date);
    if (attr.meetingKnown && (!m || attr.meetingKnown(m, kb))) return undefined;
    const day = u.query.date ? ` ngày ${formatViDate(u.query.date)}` : "";
    return { what: attr.what, of: `cuộc họp${day}`, next: { label: `Cuộc họp${day}`, query: u.query } };
  }
  return { what: attr.what };
}

export function answerUnrecorded(gap: Gap, u: Understanding, ctx: AnswerContext): Reply {
  const kind = u.query.kind as string;
  const intent: Intent = (INTENTS as readonly string[]).includes(kind) ? (kind as Intent) : "search";
  const r = new ReplyBuilder(intent).abstain();
  const own = ctx.kb.data.province.name;
  if (gap.what.startsWith("thông tin riêng của")) {
    r.line(`Cơ sở tri thức chỉ có thông tin của tỉnh ${own}; không có ${gap.what}.`);
  } else {
    r.line(`Nguồn hiện có không ghi ${gap.what}${gap.of ? ` của ${gap.of}` : ""}.`);
  }
  if (gap.next) {
    r.line(`Xem những gì đã biết: ${gap.next.label}.`);
    r.action(gap.next.label, gap.next.query);
  }
  r.note(RECORDED_NOTE);
  return r.build();
}
