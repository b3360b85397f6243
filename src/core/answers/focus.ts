/**
 * What a question asks of the entry it names (its focus): who signed a document, when or by whom it was
 * issued, its number, what it is attached to or implements; who leads or supports a task. Read from the
 * folded question (abbreviations expanded), so "do ai ky", "ai kí", "người ký" are one focus.
 */

export type DocumentFocus = "signer" | "issuer" | "date" | "number" | "relation" | "which" | "summary";
export type TaskFocus = "lead" | "support" | "deadline";
export type Focus = DocumentFocus | TaskFocus;

export const DOCUMENT_FOCUSES: readonly DocumentFocus[] = [
  "signer",
  "issuer",
  "date",
  "number",
  "relation",
  "which",
  "summary",
];

const CUES: readonly (readonly [DocumentFocus, RegExp])[] = [
  [
    "signer",
    /\b(?:ai (?:da )?ki|ai (?:da )?ky|nguoi (?:ki|ky)|(?:ki|ky) boi|(?:ki|ky) ten|do ai (?:ki|ky)|(?:lanh dao|nguoi|ong|ba|dong chi|dc|d\/c|d c) nao (?:cua (?:[a-z]+ ){1,4})?(?:da )?(?:ki|ky)|(?:chu tich|pho chu tich|giam doc|pho giam doc|truong ban|pho truong ban|thu truong|bo truong|thu tuong|pho thu tuong|pttg|ttg|ptt|tt|pct|ct|gd|pgd|bt|pbt)(?: [a-z]+){0,6} nao (?:cua (?:[a-z]+ ){1,4})?(?:da )?(?:ki|ky)(?! (?:hop|nay|truoc|sau|toi)\b))\b/,
  ],
  [
    "relation",
    /\b(?:kem theo|di kem|ban hanh kem|trien khai (?:van ban|quyet dinh|ke hoach|nghi quyet|chi thi|chuong trinh|de an) (?:so )?(?:nao|may|so may|bao nhieu)|thuc hien (?:van ban|quyet dinh|nghi quyet|ke hoach|chi thi|chuong trinh|de an) (?:so )?(?:nao|may|so may|bao nhieu)|can cu (?:van ban|vao) nao|thay the (?:van ban|quyet dinh) nao)\b/,
  ],
  [
    "issuer",
    /\b(?:(?:co quan|don vi) (?:nao|gi) ban hanh|ai ban hanh|do ai ban hanh|co quan ban hanh|noi ban hanh|cua co quan nao)\b/,
  ],
  [
    "date",
    /\b(?:ngay nao|ngay bao nhieu|ngay may|ngay ban hanh|ban hanh (?:ngay|khi nao|luc nao|bao gio|nam nao|thang nao)|(?:khi nao|bao gio) (?:duoc )?ban hanh|(?:ki|ky) ngay|(?:ki|ky) (?:khi nao|bao gio)|ra doi (?:khi nao|bao gio|nam nao)|(?:ki|ky|ban hanh) (?:vao )?(?:ngay )?thu (?:may|nao|gi))\b/,
  ],
  [
    "number",
    /\b(?:so may(?! (?:tinh|in|chieu|anh|quet|chu|bay))|so bao nhieu|so hieu (?:la|cua|bao nhieu|van ban|quyet dinh|ke hoach|thong bao|nghi quyet)|co so hieu|so hieu gi|mang so)\b/,
  ],
  [
    "summary",
    // ("KH 3609 tên đầy đủ là gì": a document's title, which is the trích yếu.)
    /\b(?:ke hoach|quyet dinh|thong bao|nghi quyet|chi thi|cong van)\b[^?]*\bten (?:day du|(?:goi )?chinh xac|goi (?:la )?gi|la gi|gi)\b|\bmang ten (?:goi )?(?:la )?gi\b|\b(?:trich yeu|ve viec gi|(?:quyet dinh|quy dinh|de cap) (?:ve )?(?:viec|van de|dieu) gi|noi dung chinh|noi dung cu the|noi dung chi tiet|(?:nhung )?noi dung (?:cu the )?(?:gi|nao|la gi)|nhung noi dung|noi (?:cu the |ro )?(?:nhung )?(?:gi|ve gi|ve van de gi))\b|^(?:cho (?:hoi|biet) )?noi dung\b/,
  ],
  // "văn bản nào quy định…", "được phê duyệt tại quyết định nào": the document is the answer.
  [
    "which",
    /\b(?:van ban|quyet dinh|ke hoach|thong bao|cong van|nghi quyet|chi thi|de an|nghi dinh|thong tu|chuong trinh) (?:nao|gi)\b/,
  ],
];

/** The document attribute a question asks for, if any. `bare` is the folded, expanded question. */
export function documentFocus(bare: string): DocumentFocus | undefined {
  return CUES.find(([, re]) => re.test(bare))?.[0];
}

const DOCUMENT_KINDS = [
  "ke hoach",
  "quyet dinh",
  "thong bao",
  "nghi quyet",
  "cong van",
  "chi thi",
  "nghi dinh",
  "thong tu",
];

/**
 * The one kind of document a question names ("kế hoạch … có số hiệu là gì"), folded, when it names
 * exactly one (document numbers such as "56/qd-ubnd" are not counted).
 */
export function documentKindNamed(bare: string): string | undefined {
  const text = bare.replace(/\d+\/\S+/g, " ");
  const named = DOCUMENT_KINDS.filter((k) => new RegExp(`\\b${k}\\b`).test(text));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * "số doanh nghiệp nộp thuế điện tử", "số hồ sơ trực tuyến": a count of things (folded, "số" after a word
 * it makes digital, "chuyển đổi số doanh nghiệp", is no count).
 */
const COUNT_OF =
  /(?<!\b(?:doi|te|hoi|quyen|nghe|tang|nang|luc|ky|lieu|che|thuc|hoa|ban|chu|nen|van|so) )\bso (?:luong|doanh nghiep|ho so|dich vu cong|nguoi dan|nguoi dung|ho gia dinh|thue bao|tai khoan|luot|giao dich|hoc sinh|benh nhan|camera|diem wifi|may tinh|trang thong tin|ung dung|thu tuc|cuoc goi|don vi da)\b/;

/** The kind of answer a question wants: who, when, a figure, the parts of something. */
export function answerType(bare: string): "who" | "when" | "figure" | "parts" | undefined {
  if (/\b(?:ai|nguoi nao|ong nao|ba nao|dong chi nao|co quan nao|don vi nao)\b/.test(bare)) return "who";
  if (
    /\b(?:khi nao|bao gio|ngay nao|luc nao|nam nao|thang nao|thoi diem nao|ngay bao nhieu|ngay may|hom nao)\b/.test(
      bare,
    )
  )
    return "when";
  if (/\b(?:gom|bao gom|gom nhung|nhung gi|thanh phan|tru cot|cac chi so thanh phan)\b/.test(bare))
    return "parts";
  if (
    /\b(?:bao nhieu|may|ty le|ty trong|phan tram|xep hang|hang may|thu hang|dat muc(?! tieu)|diem)\b/.test(
      bare,
    ) ||
    COUNT_OF.test(bare)
  )
    return "figure";
  return undefined;
}
