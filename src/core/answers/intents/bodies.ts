/**
 * What a question asks of a body the knowledge describes (Ban Chỉ đạo, Ban Điều hành, Tổ Giúp việc, Tổ
 * công nghệ số cộng đồng…): whom it reports to, what it is for, which decision founded it. Answered
 * first, in one sentence, cited; "not recorded" when the sources do not say.
 */
import { documentLabel } from "../../knowledge/model.ts";
import { conceptsIn, expandAbbreviations } from "../../text/abbreviations.ts";
import { findDocRefs } from "../../text/doc-number.ts";
import { fold } from "../../text/normalize.ts";
import { searchTerms, typedPhrase } from "../../text/search-terms.ts";
import type { AnswerContext } from "../context.ts";
import { type Reply, ReplyBuilder } from "../reply.ts";
import type { Understanding } from "../understand.ts";
import { issuersNamed } from "./document-list.ts";

const CHILDREN =
  /\b(?:la|lam) cap tren cua\b|\b(?:ben duoi|cap duoi(?! cua)|truc thuoc no)\b|\b(?:ban|to|co quan) nao truc thuoc\b/;
// ("là cấp dưới của ban nào", "nằm dưới BCĐ nào": the body above it.)
const PARENT =
  /\b(?:cap duoi cua|nam duoi|(?:o|dat) duoi(?: su)?(?: quyen| chi dao| quan ly)?(?: cua)?) (?:[a-z]+ ){0,4}?(?:nao|gi|ai)\b|\bthuoc\b.*\bhay\b|\bcap tren\b|\bgiup viec cho (?:ai|co quan nao|ban nao)\b|\bphuc vu (?:ai|co quan nao)\b|\b(?:truc thuoc|thuoc (?:ban|co quan|to chuc|don vi|cap) (?:nao|gi)|thuoc ai|cap tren)\b/;
const ROLE =
  /\b(?:vai tro|chuc nang|nhiem vu (?:gi|la gi)|lam (?:nhung )?(?:viec |cong viec )?gi|la gi|de lam gi|hoat dong (?:the nao|ra sao))\b/;
/** "căn cứ Tổ công nghệ số cộng đồng", "tổ … hoạt động theo văn bản nào": the documents it works under. */
const BASIS =
  /\b(?:can cu|dua tren|co so phap ly|trien khai theo|hoat dong theo (?:van ban|ke hoach|quyet dinh)(?: nao)?)\b/;
/** "do Tỉnh ủy hay UBND tỉnh lập": which of two founded it (folded). */
const FOUNDER_CHOICE = /\bdo (?:[a-z0-9]+ ){1,6}hay (?:[a-z0-9]+ ){1,6}(?:thanh lap|lap ra|lap)\b/;
const FOUNDED =
  /\b(?:thanh lap|lap ra|duoc lap) (?:theo |tai |bang |o |tu )?(?:van ban |quyet dinh )?(?:nao|khi nao|bao gio|nam nao|ngay nao)\b|\b(?:ai|co quan nao|don vi nao|cap nao)(?: ra quyet dinh| ky quyet dinh)? (?:thanh lap|lap ra|lap)\b|\bthanh lap boi\b|^(?:van ban|quyet dinh|qd) thanh lap\b|\bcan cu (?:de )?thanh lap\b/;

/** "do UBND tỉnh thành lập phải không", "có phải Tỉnh ủy thành lập": who is said to have founded it. */
const FOUNDER_CLAIMED =
  /\bco phai (?:do )?((?:[a-z0-9]+ ){1,6}?)(?:ra quyet dinh |ky quyet dinh )?(?:thanh lap|lap ra)\b|\b(?:do|boi) ((?:[a-z0-9]+ ){1,6}?)(?:ra quyet dinh |ky quyet dinh )?(?:thanh lap|lap ra)\b(?=.*\b(?:phai|dung) (?:khong|ko|k|chu)\b)/;

export function answerBodyAttribute(u: Understanding, ctx: AnswerContext): Reply | undefined {
  const bare = u.folded.replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ");
  const asks = CHILDREN.test(bare)
    ? "children"
    : PARENT.test(bare)
      ? "parent"
      : FOUNDED.test(bare) || FOUNDER_CLAIMED.test(bare) || FOUNDER_CHOICE.test(bare)
        ? "founded"
        : BASIS.test(bare)
          ? "basis"
          : ROLE.test(bare)
            ? "role"
            : undefined;
  const { kb, lex } = ctx;
  const terms = searchTerms(u.text);
  // One body named, and no person or meeting the question could be about instead.
  const matches = lex.bodies.match(terms);
  let bodies = [...new Set(matches.map((m) => m.value))];
  // "Ban Chỉ đạo thành lập Ban Điều hành à", "ban nào thành lập ban nào": the two foundings, the body
  // named after "thành lập" first; who founded whom is in the decisions.
  const verb = terms.findIndex(
    (t, i) => (t === "thanh" && terms[i + 1] === "lap") || (t === "lap" && terms[i + 1] === "ra"),
  );
  // (Not a count of days between the two, "… cách nhau bao nhiêu ngày": the dates' answer.)
  if (
    bodies.length === 2 &&
    verb >= 0 &&
    !lex.people.match(terms).length &&
    !/\b(?:bao nhieu|may ngay|cach nhau|truoc hay sau|sau hay truoc|bao lau)\b/.test(bare)
  ) {
    const ordered = [...matches]
      .sort((x, y) => Number(y.start > verb) - Number(x.start > verb) || x.start - y.start)
      .map((m) => m.value)
      .filter((v, i, all) => all.indexOf(v) === i);
    // ("Ban Điều hành do Ban Chỉ đạo thành lập phải không": the claim checked against the decision.)
    const claimed = FOUNDER_CLAIMED.test(bare);
    const r = new ReplyBuilder("search");
    for (const [i, id] of ordered.entries()) {
      const b = kb.body(id);
      const doc = b?.establishedBy ? kb.document(b.establishedBy) : undefined;
      if (!b || !doc) continue;
      const founder = i === 0 && claimed ? kb.body(ordered[1]!) : undefined;
      const verdict = founder ? (fold(doc.issuer) === fold(founder.name) ? "Đúng. " : "Không. ") : "";
      r.line(
        `${verdict}${b.name} thành lập theo ${documentLabel(doc)} của ${doc.issuer}.`,
        kb.citeAll([doc.id, ...doc.sources]),
      );
      r.item("body", b.id);
    }
    const both = r.build();
    if (both.lines.length) return both;
  }
  if (!asks) return undefined;
  // "Tổ công nghệ số cộng đồng có vai trò gì đối với Ban Chỉ đạo": the role of the first, named by
  // the second.
  // "Tổ GV thuộc BĐH hay BCĐ": the first body's parent, of the two named after it.
  if (bodies.length >= 2 && /\bthuoc\b.*\bhay\b/.test(bare)) {
    const first = [...matches].sort((x, y) => x.start - y.start)[0]!;
    const child = kb.body(first.value);
    const parent = child?.parent ? kb.body(child.parent) : undefined;
    if (child && parent) {
      const r = new ReplyBuilder("search").item("body", child.id);
      return r.line(`${child.name} trực thuộc ${parent.name}.`, kb.citeAll(child.sources)).build();
    }
  }
  if (bodies.length === 2 && asks === "role") {
    const first = [...matches].sort((x, y) => x.start - y.start)[0]!;
    if (/\b(?:voi|cho) (?:ban|to|bcd|bdh|tgv)\b/.test(bare)) bodies = [first.value];
  }
  if (bodies.length !== 1 || lex.people.match(terms).length) return undefined;
  // "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số": a body whose name
  // adds other fields to "chuyển đổi số", which the knowledge does not describe; not the one matched.
  const other = otherBodyNamed(terms, matches[0]!, kb.body(bodies[0]!));
  if (other) {
    const known = kb.body(bodies[0]!)!;
    return new ReplyBuilder("search")
      .abstain()
      .line(`Cơ sở tri thức không có thông tin về “${typedPhrase(u.text, other)}”.`)
      .line(`Gần nhất tôi có: ${known.name}.`, kb.citeAll(known.sources))
      .item("body", known.id)
      .build();
  }
  // A question about a document, a meeting, a theme, a target or tasks only names the body.
  // ("ai thành lập Ban Chỉ đạo" is read as a question about people: the founding is still what it asks.)
  const elsewhere = ["meeting", "document", "theme", "target", "indicator", "tasks", "deadlines", "person"];
  // (Which of two founded it is asked of the body, whatever units the choice names.)
  const choice = asks === "founded" && FOUNDER_CHOICE.test(bare);
  if (!choice && (elsewhere.includes(u.query.kind) || (u.query.kind === "role" && asks === "role")))
    return undefined;
  const concepts = new Set(conceptsIn(u.folded));
  // "Chủ đề … của Ban Chỉ đạo là gì" asks the theme; "Tổ … làm nhiệm vụ gì" still asks the body's role.
  if (
    asks === "role" &&
    (concepts.has("theme") ||
      concepts.has("target") ||
      concepts.has("document") ||
      (concepts.has("task") && !/\b(?:nhiem vu|viec) (?:gi|la gi)\b/.test(bare)))
  )
    return undefined;
  const body = kb.body(bodies[0]!);
  if (!body) return undefined;
  const cites = kb.citeAll(body.sources);
  const r = new ReplyBuilder("search");
  r.item("body", body.id);
  if (asks === "children") {
    const children = kb.data.bodies.filter((b) => b.parent === body.id);
    if (children.length)
      r.line(
        `Trực thuộc ${body.name}: ${children.map((b) => b.name).join("; ")}.`,
        kb.citeAll(children.flatMap((b) => b.sources)),
      );
    else r.abstain().line(`Nguồn hiện có không ghi cơ quan nào trực thuộc ${body.name}.`);
  } else if (asks === "parent") {
    const parent = body.parent ? kb.body(body.parent) : undefined;
    if (parent) r.line(`${body.name} trực thuộc ${parent.name}.`, cites);
    else r.abstain().line(`Nguồn hiện có không ghi ${body.name} trực thuộc cơ quan nào.`);
  } else if (asks === "role" && extraTerms(u.text, lex, body.description) > 1) {
    // "“Cánh tay nối dài” của Ban Chỉ đạo là gì": it asks about something else the body is named with.
    return undefined;
  } else if (asks === "basis") {
    // The documents its description names (and the one that founded it).
    const refs = findDocRefs(body.description ?? "");
    const docs = [
      ...(body.establishedBy ? [kb.document(body.establishedBy)] : []),
      ...refs.map((ref) => kb.documentOfRef(ref)),
    ].filter((d, i, all): d is NonNullable<typeof d> => !!d && all.findIndex((x) => x?.id === d.id) === i);
    // (A number the description names that no entry holds is said as written.)
    const named = refs.filter((ref) => !kb.documentOfRef(ref));
    if (!docs.length && !named.length)
      r.abstain().line(`Nguồn hiện có không ghi văn bản làm căn cứ cho ${body.name}.`);
    else
      r.line(
        `${body.name} triển khai theo: ${[...docs.map((d) => `${documentLabel(d)} của ${d.issuer}`), ...named.map((ref) => ref.raw)].join("; ")}.`,
        kb.citeAll([...docs.flatMap((d) => [d.id, ...d.sources]), ...body.sources]),
      );
  } else if (asks === "founded") {
    const doc = body.establishedBy ? kb.document(body.establishedBy) : undefined;
    // "BCĐ tỉnh do UBND tỉnh thành lập phải không": the founder said, checked against the decision.
    const said = FOUNDER_CLAIMED.exec(bare);
    const claimed = said?.[1] ?? said?.[2];
    const claimedIssuer = claimed
      ? issuersNamed(expandAbbreviations(claimed.trim()), kb.data.documents)[0]
      : undefined;
    const verdict = claimed && doc ? (claimedIssuer === doc.issuer ? "Đúng. " : "Không. ") : "";
    if (doc)
      r.line(
        `${verdict}${body.name} thành lập theo ${documentLabel(doc)} của ${doc.issuer}.`,
        kb.citeAll([doc.id, ...doc.sources]),
      );
    else {
      r.abstain().line(`Nguồn hiện có không ghi văn bản, thời điểm thành lập ${body.name}.`);
      // What the documents say of it ("Kế hoạch 1813/KH-UBND về Tổ công nghệ số cộng đồng").
      const about = kb.data.documents.filter((d) =>
        fold([d.summary, ...d.keyPoints].join(" ")).includes(fold(body.name)),
      );
      for (const d of about.slice(0, 3))
        r.line(
          `Văn bản về ${body.name}: ${documentLabel(d)} của ${d.issuer}.`,
          kb.citeAll([d.id, ...d.sources]),
        );
    }
  } else if (body.description) {
    r.line(`${body.name}: ${body.description}`, cites);
  } else {
    r.abstain().line(`Nguồn hiện có không mô tả vai trò, nhiệm vụ của ${body.name}.`);
    const parent = body.parent ? kb.body(body.parent) : undefined;
    if (parent) r.line(`Điều đã biết: ${body.name} trực thuộc ${parent.name}.`, cites);
  }
  return r.build();
}

/** Words of the question beyond the body's name and the words that ask (how much else it names). */
function extraTerms(text: string, lex: AnswerContext["lex"], description = ""): number {
  const terms = searchTerms(text);
  const covered = new Set<number>();
  for (const m of lex.bodies.match(terms)) for (let i = m.start; i < m.end; i++) covered.add(i);
  // ("Vai trò của Tổ … ở thôn, khu phố": words its description holds say where it works, not another thing.)
  const described = new Set(searchTerms(description));
  return terms.filter((t, i) => !covered.has(i) && !ASKING.has(t) && !described.has(t)).length;
}

const ASKING = new Set(
  searchTerms(
    "vai trò chức năng nhiệm vụ gì là làm những việc công việc để hoạt động thế nào ra sao có của tỉnh " +
      "đối với cho đóng",
  ),
);

const CDS_TERMS = searchTerms("chuyển đổi số");
/** Words a body's name may carry around its head without naming another body. */
const NAME_GLUE = new Set(searchTerms("về của tỉnh và các"));

/**
 * The terms of a body's name as typed when they name another body than the one matched: the head matched
 * ("Ban Chỉ đạo") and, before "chuyển đổi số", two or more words the matched body's name lacks
 * ("phát triển khoa học công nghệ đổi mới sáng tạo"), when the body's own name is one of "chuyển đổi số".
 * Undefined when the name typed is the body's.
 */
export function otherBodyNamed(
  terms: string[],
  match: { start: number; end: number },
  body: { name: string; aliases: string[] } | undefined,
): string[] | undefined {
  if (!body) return undefined;
  const own = new Set(searchTerms([body.name, ...body.aliases].join(" ")));
  // (Only a body of "chuyển đổi số" itself, named with more: "Tổ công nghệ số cộng đồng … đối với Ban
  // Chỉ đạo chuyển đổi số" names two bodies.)
  if (!CDS_TERMS.every((t) => own.has(t))) return undefined;
  const after = terms.slice(match.end, match.end + 14);
  const cds = after.findIndex((_, i) => CDS_TERMS.every((t, k) => after[i + k] === t));
  if (cds < 2) return undefined;
  const between = after.slice(0, cds);
  const foreign = between.filter((t) => !own.has(t) && !NAME_GLUE.has(t));
  if (foreign.length < 2) return undefined;
  return terms.slice(match.start, match.end + cds + CDS_TERMS.length);
}
