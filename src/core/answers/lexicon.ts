/**
 * The names the engine recognises in a question, built once per knowledge version: units and unit
 * groups by every alias, bodies (Ban Điều hành…), people by full name and by the last two syllables.
 */
import type { Knowledge } from "../knowledge/model.ts";
import { PhraseMatcher } from "../search/phrase-matcher.ts";
import { buildSearchIndex, type SearchIndex } from "../search/search-index.ts";
import { fold } from "../text/normalize.ts";

export type UnitRef = { kind: "unit" | "group"; id: string };

export interface Lexicon {
  kb: Knowledge;
  index: SearchIndex;
  units: PhraseMatcher<UnitRef>;
  bodies: PhraseMatcher<string>;
  people: PhraseMatcher<string>;
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

export function buildLexicon(kb: Knowledge): Lexicon {
  const province = kb.data.province.name;
  const units = new PhraseMatcher<UnitRef>();
  for (const u of kb.data.units) {
    // A two-letter alias ("TU") is also a syllable of common words ("đầu tư"): not matched in free text.
    const aliases = u.aliases.filter((a) => fold(a).replace(/[^a-z0-9]/g, "").length > 2);
    for (const n of [u.name, ...aliases]) {
      for (const v of nameVariants(n, province)) units.add(v, { kind: "unit", id: u.id });
    }
  }
  for (const g of kb.data.unitGroups) {
    for (const n of [g.name, ...g.aliases]) units.add(n, { kind: "group", id: g.id });
  }
  const bodies = new PhraseMatcher<string>();
  for (const b of kb.data.bodies) {
    for (const n of [b.name, ...b.aliases]) for (const v of nameVariants(n, province)) bodies.add(v, b.id);
  }
  const people = new PhraseMatcher<string>();
  for (const p of kb.data.people) {
    people.add(p.name, p.id);
    const parts = p.name.split(/\s+/);
    if (parts.length >= 3) people.add(parts.slice(-2).join(" "), p.id);
  }
  return { kb, index: buildSearchIndex(kb), units, bodies, people };
}
