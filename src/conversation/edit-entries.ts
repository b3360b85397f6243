/**
 * Guided additions of documents and units, and a unit's new head:
 * - /themvb: số hiệu → loại → ngày → cơ quan ban hành → trích yếu → "Xác nhận" ("document.create");
 * - /themdv: tên → tên gọi khác → "Xác nhận" ("unit.create"; the kind is guessed from the name);
 * - /thutruong <mã đơn vị> <họ tên>: chức danh → "Xác nhận" ("person.update"): the person gets a
 *   position {title, unit, role "leader"} (how the knowledge marks a unit's head); whoever held it
 *   loses that position (kept as "Nguyên …" when it was their only one, so meetings that name them stay valid).
 */
import type { Person as Speaker } from "../app/assistant.ts";
import { commitKnowledge, SECRETARIAT_SOURCE_ID } from "../app/knowledge-commit.ts";
import { documentIdFor, slugId } from "../core/knowledge/ids.ts";
import { typeOfNumber } from "../core/knowledge/new-document.ts";
import type { KDocument, Person, Position, Unit } from "../core/knowledge/schema.ts";
import { foldAlnum } from "../core/text/normalize.ts";
import { formatViDate, localDate, maxDate } from "../core/time.ts";
import { guessUnitKind } from "../imports/unit-matcher.ts";
import type { DialogContext } from "./dialog.ts";
import { actorOfPerson } from "./history.ts";
import type { ConversationDeps } from "./leaders.ts";
import { type Output, text } from "./outputs.ts";
import {
  headTitle,
  meansNone,
  parseDay,
  parseDocType,
  parseNewDocNumber,
  parseNewUnitName,
  parseText,
} from "./parse.ts";
import { sessionOf } from "./session.ts";
import { CHANNEL_NAMES, CONVERSATION_TEXTS as T } from "./texts.ts";

const KIND_LABELS: Record<Unit["kind"], string> = {
  so: "sở",
  ban: "ban",
  nganh: "ngành, cơ quan đóng trên địa bàn",
  huyen: "UBND huyện, thành phố",
  ubnd: "UBND tỉnh",
  dang: "cơ quan Đảng",
  hdnd: "HĐND",
  "don-vi": "đơn vị sự nghiệp, trung tâm",
  "trung-uong": "bộ, ngành trung ương",
};

const USAGE_THUTRUONG = [
  "Cách dùng: /thutruong <mã đơn vị> <họ tên>",
  "Ví dụ: /thutruong so-tttt Nguyễn Văn A",
  "Mã đơn vị viết thường, không dấu (xem bằng: npm run cli -- kb list units).",
].join("\n");

function entryDialogs(deps: ConversationDeps) {
  const { app } = deps;
  const today = () => localDate(app.now());

  async function addDocument(d: DialogContext): Promise<void> {
    d.say(["Thêm văn bản mới", "Gõ “hủy” bất cứ lúc nào để thôi; chưa lưu gì cho đến khi bạn xác nhận."]);
    const number = await d.ask("1/5. Số hiệu văn bản? Ví dụ: 56/QĐ-UBND, 3609/KH-BĐHCĐS.", (t) =>
      parseNewDocNumber(app.knowledge(), t),
    );
    const guess = typeOfNumber(number);
    const type = await d.ask(
      "2/5. Loại văn bản? (Kế hoạch, Thông báo, Quyết định, Nghị quyết, Chỉ thị, Chương trình, Công văn, Đề án, Luật, Nghị định, Thông tư, Báo cáo)",
      parseDocType,
      guess ? { choices: [{ label: guess, value: guess }] } : {},
    );
    const date = await d.ask("3/5. Ngày ban hành? Ví dụ: 14/02/2023.", (t) => {
      const r = parseDay(t, today());
      return r.ok && r.value > today() ? { ok: false, message: "Ngày ban hành không thể sau hôm nay." } : r;
    });
    const issuer = await d.ask("4/5. Cơ quan ban hành? Ví dụ: UBND tỉnh Ninh Thuận.", (t) =>
      parseText(t, "Tên cơ quan ban hành", 3, 200),
    );
    const summary = await d.ask("5/5. Trích yếu (văn bản nói về việc gì)?", (t) =>
      parseText(t, "Trích yếu", 10, 1000),
    );
    await d.confirm([
      "Thêm văn bản này?",
      `• ${type} số ${number} ngày ${formatViDate(date)}`,
      `• Cơ quan ban hành: ${issuer}`,
      `• Trích yếu: ${summary}`,
    ]);
    const result = await (async () => {
      const kb = app.knowledge();
      if (kb.documentByNumber(number)) {
        return {
          ok: false as const,
          message: `Văn bản ${number} vừa được thêm ở nơi khác; không thêm lần nữa.`,
        };
      }
      const taken = new Set([...kb.data.documents.map((x) => x.id), ...kb.data.sources.map((x) => x.id)]);
      const doc: KDocument = {
        id: documentIdFor(number, date, taken),
        number,
        type,
        date,
        issuer,
        summary,
        keyPoints: [],
        relations: [],
        fullText: false,
        sources: [SECRETARIAT_SOURCE_ID],
        asOf: today(),
      };
      const r = await commitKnowledge(
        app,
        {
          actor: actorOfPerson(d.person),
          action: "document.create",
          note: `Thêm qua ${CHANNEL_NAMES[d.person.channel]}: ${type} số ${number}`,
        },
        [{ collection: "documents", entity: doc }],
      );
      return r.ok ? { ...r, id: doc.id } : r;
    })();
    if (!result.ok) {
      d.say(result.message);
      return;
    }
    deps.log?.info(
      { channel: d.person.channel, documentId: result.id, entry: result.entryId },
      "document added in chat",
    );
    d.say(T.saved(result.entryId, `thêm văn bản ${number}`));
  }

  async function addUnit(d: DialogContext): Promise<void> {
    const name = await d.ask(
      "Tên đầy đủ của đơn vị mới? Ví dụ: Trung tâm Giám sát, điều hành đô thị thông minh tỉnh.",
      (t) => parseNewUnitName(app.knowledge(), t),
    );
    const aliases = await d.ask<string[]>(
      "Tên gọi khác, tên viết tắt (cách nhau bằng dấu “;”)? Không có thì bấm “Không có”.",
      (t) => {
        if (meansNone(t)) return { ok: true, value: [] };
        const list = t
          .split(";")
          .map((x) => x.trim().replace(/\s+/g, " "))
          .filter(Boolean);
        if (list.some((x) => x.length > 200)) return { ok: false, message: "Tên gọi khác dài quá." };
        return { ok: true, value: [...new Set(list)].slice(0, 20) };
      },
      { choices: [{ label: "Không có", value: [] }] },
    );
    const kind = guessUnitKind(name);
    await d.confirm([
      "Thêm đơn vị này?",
      `• Tên: ${name}`,
      `• Loại: ${KIND_LABELS[kind]}`,
      `• Tên gọi khác: ${aliases.length ? aliases.join("; ") : "(không có)"}`,
    ]);
    const result = await (async () => {
      const kb = app.knowledge();
      const again = parseNewUnitName(kb, name);
      if (!again.ok) return again;
      const id = slugId(
        name,
        new Set([...kb.data.units.map((u) => u.id), ...kb.data.unitGroups.map((g) => g.id)]),
      );
      // Checked against the schema (and its defaults filled) by commitKnowledge.
      const unit = { id, name, kind, aliases, sources: [SECRETARIAT_SOURCE_ID], asOf: today() };
      const r = await commitKnowledge(
        app,
        {
          actor: actorOfPerson(d.person),
          action: "unit.create",
          note: `Thêm qua ${CHANNEL_NAMES[d.person.channel]}: ${name}`,
        },
        [{ collection: "units", entity: unit }],
      );
      return r.ok ? { ...r, id } : r;
    })();
    if (!result.ok) {
      d.say(result.message);
      return;
    }
    deps.log?.info(
      { channel: d.person.channel, unitId: result.id, entry: result.entryId },
      "unit added in chat",
    );
    d.say(T.saved(result.entryId, `thêm đơn vị “${name}” (mã ${result.id})`));
  }

  /** The people entries a change of head writes, and the lines saying so. */
  function headChange(
    unitId: string,
    name: string,
    title: string,
  ): { ok: true; people: Person[]; lines: string[] } | { ok: false; message: string } {
    const kb = app.knowledge();
    const unit = kb.unit(unitId);
    if (!unit) return { ok: false, message: `Không có đơn vị mã “${unitId}”.` };
    const t = today();
    const isHead = (p: Position) => p.unit === unitId && p.role === "leader";
    const folded = foldAlnum(name);
    const newcomer = kb.data.people.find((p) => foldAlnum(p.name) === folded);
    if (newcomer?.positions.some(isHead)) {
      return { ok: false, message: `${newcomer.name} đã là thủ trưởng ${unit.name} trong cơ sở tri thức.` };
    }
    const people: Person[] = [];
    const lines: string[] = [];
    for (const p of kb.data.people) {
      if (p === newcomer || !p.positions.some(isHead)) continue;
      const kept = p.positions.filter((x) => !isHead(x));
      const former = p.positions.filter(isHead).map((x) => ({
        title: `Nguyên ${x.title.charAt(0).toLowerCase()}${x.title.slice(1)}`,
        asOf: t,
        sources: [SECRETARIAT_SOURCE_ID],
      }));
      const positions = kept.length ? kept : former;
      people.push({
        ...p,
        positions,
        sources: p.sources.includes(SECRETARIAT_SOURCE_ID)
          ? p.sources
          : [...p.sources, SECRETARIAT_SOURCE_ID],
        asOf: maxDate(p.asOf, t),
      });
      lines.push(
        kept.length
          ? `${p.name}: thôi giữ chức ${p.positions.find(isHead)!.title}`
          : `${p.name}: ghi là “${former[0]!.title}”`,
      );
    }
    const position: Position = {
      title,
      unit: unitId,
      role: "leader",
      asOf: t,
      sources: [SECRETARIAT_SOURCE_ID],
    };
    if (newcomer) {
      people.push({
        ...newcomer,
        positions: [...newcomer.positions, position],
        sources: newcomer.sources.includes(SECRETARIAT_SOURCE_ID)
          ? newcomer.sources
          : [...newcomer.sources, SECRETARIAT_SOURCE_ID],
        asOf: maxDate(newcomer.asOf, t),
      });
    } else {
      const id = slugId(name, new Set(kb.data.people.map((p) => p.id)));
      people.push({ id, name, positions: [position], sources: [SECRETARIAT_SOURCE_ID], asOf: t });
    }
    lines.unshift(
      `${name}: ${title} (từ ${formatViDate(t)})${newcomer ? "" : " — người mới trong cơ sở tri thức"}`,
    );
    return { ok: true, people, lines };
  }

  async function changeHead(d: DialogContext, unitId: string, name: string): Promise<void> {
    const unit = app.knowledge().unit(unitId) ?? null;
    if (!unit) {
      d.say(`Không có đơn vị mã “${unitId}”.\n${USAGE_THUTRUONG}`);
      return;
    }
    const suggested = headTitle(unit);
    const title = await d.ask(
      `Chức danh của ${name}? Bấm nút nếu đúng là “${suggested}”, hoặc gõ chức danh khác.`,
      (t) => parseText(t, "Chức danh", 4, 200),
      { choices: [{ label: suggested, value: suggested }] },
    );
    const plan = await headChange(unitId, name, title);
    if (!plan.ok) {
      d.say(plan.message);
      return;
    }
    await d.confirm([`Cập nhật thủ trưởng ${unit.name}?`, ...plan.lines.map((l) => `• ${l}`)]);
    const result = await (async () => {
      const again = headChange(unitId, name, title);
      if (!again.ok) return again;
      return commitKnowledge(
        app,
        {
          actor: actorOfPerson(d.person),
          action: "person.update",
          note: `Qua ${CHANNEL_NAMES[d.person.channel]}: thủ trưởng ${unit.name} là ${name} (${title})`,
        },
        again.people.map((p) => ({ collection: "people" as const, entity: p })),
      );
    })();
    if (!result.ok) {
      d.say(result.message);
      return;
    }
    deps.log?.info({ channel: d.person.channel, unitId, entry: result.entryId }, "unit head changed in chat");
    d.say(T.saved(result.entryId, `cập nhật thủ trưởng ${unit.name}`));
  }

  return { addDocument, addUnit, changeHead };
}

const dialogs = (deps: ConversationDeps) => sessionOf(deps.assistant).dialogs;

/** /themvb (admins only, by the command table). */
export function addDocumentCommand(deps: ConversationDeps, p: Speaker): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => entryDialogs(deps).addDocument(d));
}

/** /themdv. */
export function addUnitCommand(deps: ConversationDeps, p: Speaker): Promise<Output[]> {
  return dialogs(deps).start(p, (d) => entryDialogs(deps).addUnit(d));
}

/** /thutruong <mã đơn vị> <họ tên>. */
export async function changeHeadCommand(deps: ConversationDeps, p: Speaker, arg: string): Promise<Output[]> {
  const [unitId, ...nameWords] = arg.split(/\s+/).filter(Boolean);
  const name = nameWords.join(" ");
  if (!unitId || name.length < 3 || name.length > 100) return [text(USAGE_THUTRUONG)];
  if (!deps.app.knowledge().unit(unitId))
    return [text(`Không có đơn vị mã “${unitId.slice(0, 40)}”.\n${USAGE_THUTRUONG}`)];
  return dialogs(deps).start(p, (d) => entryDialogs(deps).changeHead(d, unitId, name));
}
