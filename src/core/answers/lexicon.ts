/**
 * The names the engine recognises in a question, built once per knowledge version: units and unit
 * groups by every alias, bodies (Ban Điều hành…), people by full name and by the last two syllables,
 * and the groups (sections) of the plans' tasks ("HẠ TẦNG SỐ", "An toàn thông tin mạng").
 */

import { buildFacts, type Fact, type FactType } from "../knowledge/facts.ts";
import type { Knowledge } from "../knowledge/model.ts";
import type { Person } from "../knowledge/schema.ts";
import { type PhraseMatch, PhraseMatcher } from "../search/phrase-matcher.ts";
import { buildFactIndex, buildSearchIndex, type SearchIndex } from "../search/search-index.ts";
import { keySlip } from "../text/edit-distance.ts";
import { buildInitialisms, type Initialisms } from "../text/initialisms.ts";
import { nameVariants as personNameVariants } from "../text/name-variants.ts";
import { fold } from "../text/normalize.ts";
import { searchTerms } from "../text/search-terms.ts";
import { QUESTION_PHRASES, wordsAndPairs } from "../text/word-slips.ts";

export type UnitRef = { kind: "unit" | "group"; id: string };

/** A section of the plans' task tables: its key (a slug, what queries carry), name and search terms. */
export interface TaskGroupRef {
  key: string;
  name: string;
  terms: string[];
}

/** The key of a task group name: folded, words joined by "-" ("HẠ TẦNG SỐ" → "ha-tang-so"). */
export function taskGroupKey(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export interface Lexicon {
  kb: Knowledge;
  index: SearchIndex;
  units: PhraseMatcher<UnitRef>;
  bodies: PhraseMatcher<string>;
  people: PhraseMatcher<string>;
  taskGroups: TaskGroupRef[];
  /** Every folded word the knowledge writes, and each two adjacent ("tiep theo"): words typed with a slip
   * are mended by them. */
  words: ReadonlySet<string>;
  pairs: ReadonlySet<string>;
  /** The facts and their index, built on first use (a search question), not at every reload. */
  facts(): FactIndex;
  /** The knowledge's phrases by their initials ("hssk" → hồ sơ sức khỏe), built on first use. */
  initialisms(): Initialisms;
}

const CARD_FACTS: ReadonlySet<FactType> = new Set([
  "document.number",
  "document.date",
  "document.issuer",
  "document.signer",
]);

export interface FactIndex {
  index: SearchIndex;
  byId: ReadonlyMap<string, Fact>;
}

/** "Sở Thông tin và Truyền thông tỉnh Ninh Thuận" is also said without "tỉnh Ninh Thuận". */
function nameVariants(name: string, province: string): string[] {
  const out = [name];
  const p = fold(province);
  const f = fold(name);
  for (const suffix of [` tinh ${p}`, ` ${p}`, " tinh"]) {
    if (p && f.endsWith(suffix) && f.length > suffix.length + 3)
      out.push(name.slice(0, name.length - suffix.length));
  }
  return out;
}

/** "UBND huyện" is "ủy ban huyện" in speech: the name, and so said when it is an Ủy ban nhân dân. */
function spokenVariants(name: string): string[] {
  const terms = searchTerms(name);
  return terms.slice(0, 4).join(" ") === "uy ban nhan dan" && terms.length > 4
    ? [name, ["uy", "ban", ...terms.slice(4)].join(" ")]
    : [name];
}

export function buildLexicon(kb: Knowledge): Lexicon {
  const province = kb.data.province.name;
  const units = new PhraseMatcher<UnitRef>();
  for (const u of kb.data.units) {
    // A two-letter alias ("TU") is also a syllable of common words ("đầu tư"): not matched in free text.
    const aliases = u.aliases.filter((a) => fold(a).replace(/[^a-z0-9]/g, "").length > 2);
    for (const n of [u.name, ...aliases]) {
      for (const v of nameVariants(n, province))
        for (const w of spokenVariants(v)) units.add(w, { kind: "unit", id: u.id });
    }
  }
  for (const g of kb.data.unitGroups) {
    for (const n of [g.name, ...g.aliases])
      for (const w of spokenVariants(n)) units.add(w, { kind: "group", id: g.id });
  }
  const bodies = new PhraseMatcher<string>();
  for (const b of kb.data.bodies) {
    for (const n of [b.name, ...b.aliases]) for (const v of nameVariants(n, province)) bodies.add(v, b.id);
  }
  const people = new PhraseMatcher<string>();
  for (const p of kb.data.people) {
    // The name, its last two syllables, and each as people type it ("Kì" for "Kỳ").
    const parts = p.name.split(/\s+/);
    const names = parts.length >= 3 ? [p.name, parts.slice(-2).join(" ")] : [p.name];
    // "ông Biên", "đồng chí Nam": the given name after a form of address.
    for (const address of ["ông", "bà", "đồng chí"]) names.push(`${address} ${parts.at(-1)}`);
    // (A short form whose words are mostly stopwords, "Long Biên" → "biên", would match any "biển".)
    for (const n of names)
      for (const v of [n, ...personNameVariants(n)]) if (searchTerms(v).length >= 2) people.add(v, p.id);
  }
  const taskGroups = new Map<string, TaskGroupRef>();
  for (const t of kb.data.tasks) {
    if (!t.group) continue;
    const key = taskGroupKey(t.group);
    const terms = searchTerms(t.group);
    if (key && terms.length && !taskGroups.has(key)) taskGroups.set(key, { key, name: t.group, terms });
  }
  let facts: FactIndex | undefined;
  let initialisms: Initialisms | undefined;
  return {
    kb,
    index: buildSearchIndex(kb),
    units,
    bodies,
    people,
    taskGroups: [...taskGroups.values()],
    ...wordsAndPairs([...stringsOf(kb.data), ...QUESTION_PHRASES]),
    initialisms() {
      initialisms ??= buildInitialisms(stringsOf(kb.data));
      return initialisms;
    },
    facts() {
      if (!facts) {
        // Tasks are answered by their own intents, a document's number, date, issuer and signer by the
        // document's card with the question's focus: those facts stay out of the free search (at 2,000
        // documents they would be most of the index for no better answer).
        const list = buildFacts(kb, { tasks: false }).filter(
          (f) => f.entity.kind !== "task" && !CARD_FACTS.has(f.type),
        );
        facts = { index: buildFactIndex(list), byId: new Map(list.map((f) => [f.id, f])) };
      }
      return facts;
    },
  };
}

/** The longest run of consecutive terms that `a` and `b` share, in order. */
function longestRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

/**
 * The task group a question's content terms name: a run of the group's words in their order, most of
 * the group ("an toàn thông tin" for "AN TOÀN THÔNG TIN MẠNG"), or all the question says ("kinh tế số"
 * for "KINH TẾ SỐ VÀ XÃ HỘI SỐ"). At least two words in a row, or the group's only one.
 */
export function matchTaskGroup(lex: Lexicon, content: string[]): TaskGroupRef | undefined {
  if (!content.length || !lex.taskGroups.length) return undefined;
  let best: { g: TaskGroupRef; run: number; share: number } | undefined;
  for (const g of lex.taskGroups) {
    const run = longestRun(content, g.terms);
    if (run < Math.min(2, g.terms.length)) continue;
    const share = run / g.terms.length;
    if (share < 0.6 && run < content.length) continue;
    if (!best || run > best.run || (run === best.run && share > best.share)) best = { g, run, share };
  }
  return best?.g;
}

/**
 * Whether `typed` is `name` with one letter dropped, doubled, or two neighbours swapped. A letter
 * replaced by another is not a slip: "Lam" is another name than "Nam".
 */
/** A syllable's final consonant as people confuse it by ear ("Biêng" for Biên, "Phướt" for Phước). */
function finalSound(syllable: string): string {
  return syllable.replace(/(?:ng|nh|n)$/, "N").replace(/(?:ch|c|t)$/, "T");
}

/** One syllable of a name typed with its final consonant heard otherwise, the rest as written. */
function finalSlip(typed: string, name: string): boolean {
  const a = typed.split(" ");
  const b = name.split(" ");
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (finalSound(a[i]!) !== finalSound(b[i]!)) return false;
    diff++;
  }
  return diff === 1;
}

function slip(typed: string, name: string): boolean {
  if (typed !== name && finalSlip(typed, name)) return true;
  return keySlip(typed, name);
}

/** The people's names of two words or more, with their number of words: made once per lexicon. */
const PEOPLE_NAMES = new WeakMap<object, { key: string; value: string; words: number }[]>();
function peopleNames(lex: Lexicon) {
  let names = PEOPLE_NAMES.get(lex.people);
  if (!names) {
    names = lex.people
      .entries()
      .map((e) => ({ ...e, words: e.key.split(" ").length }))
      .filter((e) => e.words >= 2);
    PEOPLE_NAMES.set(lex.people, names);
  }
  return names;
}

/**
 * A person's name typed with a letter dropped, doubled or swapped ("tran quoc nm"): two or three
 * consecutive terms of the question that are a known name but for one such slip, first letter kept.
 * Used only when no name matched exactly.
 */
/** Forms of address and posts typed before a given name ("anh Biên", "ô Kỳ", "PCT Biên", "đ/c Nam"). */
const ADDRESS =
  /(?:^|\s)(?:ong|o|ba|anh|a|chi|bac|dong chi|dc|d\/c|d c|pho chu tich|chu tich|giam doc|pho giam doc|truong ban|pho truong ban|pct|gd)\s+([a-z]+)(?=\s|$)/g;

/**
 * A person named by a form of address and the given name alone ("a Kỳ dự họp …", "anh Biên ký …"), when
 * exactly one known person has that given name. `folded`: the folded question, abbreviations written out.
 */
/** The people whose given name (the last word of the name, folded) is `given`: "kỳ" → Đào Xuân Kỳ. */
export function peopleByGivenName(kb: Knowledge, given: string): Person[] {
  return kb.data.people.filter((p) => fold(p.name).split(/\s+/).at(-1) === given);
}

export function addressedPeople(
  lex: Lexicon,
  folded: string,
  terms: string[],
  typed?: string,
): PhraseMatch<string>[] {
  const text = folded.replace(/[^\p{L}\p{N}\s/]/gu, " ").replace(/\s+/g, " ");
  // The words as typed, lowercase: a word typed with its marks is that word ("chỉ làm" is no "chị Lâm").
  const written =
    (typed ?? "")
      .toLowerCase()
      .normalize("NFC")
      .match(/\p{L}+/gu) ?? [];
  for (const m of text.matchAll(ADDRESS)) {
    const given = m[1]!;
    const people = peopleByGivenName(lex.kb, given);
    if (people.length !== 1) continue;
    const real = people[0]!.name.toLowerCase().normalize("NFC").split(/\s+/).at(-1)!;
    const forms = written.filter((w) => fold(w) === given);
    if (forms.length && forms.every((w) => w !== fold(w) && w !== real)) continue;
    const at = terms.indexOf(given);
    return [{ value: people[0]!.id, start: Math.max(0, at), end: Math.max(0, at) + 1 }];
  }
  return [];
}

/**
 * A body named with one word mistyped ("Ban Điều hàng" for "Ban Điều hành"): a name of three words or
 * more whose words all match but one, and that one by a slip of one letter. Exact matches first.
 */
export function matchBodies(lex: Lexicon, terms: string[]): PhraseMatch<string>[] {
  const exact = lex.bodies.match(terms);
  if (exact.length) return exact;
  for (const n of lex.bodies.entries()) {
    const run = slippedRun(n.key.split(" "), terms);
    if (run) return [{ value: n.value, start: run.start, end: run.end }];
  }
  return [];
}

/**
 * Where a name of three words or more stands in `terms` with exactly one word slipped by one letter
 * (dropped, doubled, swapped, a neighbouring key), the others as written: the run and the slipped
 * position. `slipped` may refuse a word (one the knowledge knows is no slip).
 */
function slippedRun(
  words: readonly string[],
  terms: readonly string[],
  slipped: (typed: string) => boolean = () => true,
): { start: number; end: number; at: number } | undefined {
  if (words.length < 3) return undefined;
  for (let i = 0; i + words.length <= terms.length; i++) {
    let slips = 0;
    let at = -1;
    for (let j = 0; j < words.length && slips <= 1; j++) {
      const typed = terms[i + j]!;
      if (typed === words[j]) continue;
      const one = typed.length >= 3 && slip(typed, words[j]!) && slipped(typed);
      slips += one ? 1 : 2;
      at = i + j;
    }
    if (slips === 1) return { start: i, end: i + words.length, at };
  }
  return undefined;
}

/** Each folded word of the units' and bodies' names, as the names write it ("thong" → "Thông"). */
const NAME_WORDS = new WeakMap<object, Map<string, string>>();
function nameWords(lex: Lexicon): Map<string, string> {
  let words = NAME_WORDS.get(lex.units);
  if (!words) {
    words = new Map();
    for (const n of [...lex.kb.data.units.map((u) => u.name), ...lex.kb.data.bodies.map((b) => b.name)])
      for (const w of n.split(/[^\p{L}\p{N}]+/u)) if (w && !words.has(fold(w))) words.set(fold(w), w);
    NAME_WORDS.set(lex.units, words);
  }
  return words;
}

/**
 * The question with a unit's or body's name typed with one word slipped ("giám đốc Sở Thông tin và
 * Truyền thôg") written as the name writes that word, so every reading of names finds it. Only a word
 * the knowledge does not know is taken for a slip ("thôg"), never one it knows. The text as it is
 * otherwise.
 */
export function correctNameSlips(lex: Lexicon, text: string, known: (folded: string) => boolean): string {
  text = clippedNames(lex, text);
  const terms = searchTerms(text);
  if (terms.every(known)) return text;
  const unknown = (t: string) => !known(t);
  for (const n of [...lex.units.entries(), ...lex.bodies.entries()]) {
    const words = n.key.split(" ");
    const run = slippedRun(words, terms, unknown);
    if (!run) continue;
    const typed = terms[run.at]!;
    const written = nameWords(lex).get(words[run.at - run.start]!);
    if (!written) continue;
    const fixed = text.replace(/[\p{L}\p{N}]+/gu, (w) => (fold(w) === typed ? written.toLowerCase() : w));
    return fixed === text ? text : correctNameSlips(lex, fixed, known);
  }
  return text;
}

/**
 * "Bộ công a": a unit's name of three words or more typed with the last letter of its last word
 * dropped, written whole (the typed words before it stand as they are).
 */
const CLIPPED = new WeakMap<object, { name: string; re: RegExp }[]>();
function clippedNames(lex: Lexicon, text: string): string {
  const folded = fold(text);
  if (folded.length !== text.length) return text;
  let names = CLIPPED.get(lex.units);
  if (!names) {
    names = lex.kb.data.units
      .map((u) => fold(u.name))
      .filter((name) => name.split(" ").length >= 3 && /[a-z]$/.test(name))
      .map((name) => ({
        name,
        re: new RegExp(
          `(?<![a-z0-9])${name.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z0-9])`,
        ),
      }));
    CLIPPED.set(lex.units, names);
  }
  for (const { name, re } of names) {
    const at = folded.search(re);
    if (at < 0) continue;
    const end = at + name.length - 1;
    return `${text.slice(0, end)}${name.at(-1)}${text.slice(end)}`;
  }
  return text;
}

export function fuzzyPeople(lex: Lexicon, terms: string[]): PhraseMatch<string>[] {
  const names = peopleNames(lex);
  // (Words repeated in a long message: a run of words already compared is not compared again.)
  const tried = new Set<string>();
  for (const len of [3, 2]) {
    for (let i = 0; i + len <= terms.length; i++) {
      const typed = terms.slice(i, i + len).join(" ");
      if (typed.length < 6 || tried.has(typed)) continue;
      tried.add(typed);
      for (const n of names) {
        // (A slip changes the length by one at most: a name longer or shorter by more is not one.)
        if (n.words !== len || n.key[0] !== typed[0] || Math.abs(n.key.length - typed.length) > 1) continue;
        if (slip(typed, n.key)) return [{ value: n.value, start: i, end: i + len }];
      }
    }
  }
  return [];
}

/** Every string a value holds, however deep (the knowledge's texts, for its word pairs). */
function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringsOf(v);
  else if (value && typeof value === "object") for (const v of Object.values(value)) yield* stringsOf(v);
}
