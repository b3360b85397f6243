/** Ids the knowledge gives new entries: slugs of names, document ids from their numbers. */
import { parseDocNumber } from "../text/doc-number.ts";
import { foldAlnum } from "../text/normalize.ts";

/** A slug id from a name, ≤ 40 characters, not in `taken` (suffixed "-2", "-3"… when needed). */
export function slugId(text: string, taken: ReadonlySet<string> = new Set(), max = 40): string {
  const base =
    foldAlnum(text)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, max)
      .replace(/-+$/, "") || "x";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, max - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** The document id the knowledge uses: "qd-56-2023" (type code, number, year of the date). */
export function documentIdFor(number: string, date: string, taken: ReadonlySet<string>): string {
  const p = parseDocNumber(number);
  const base = p
    ? `${foldAlnum(p.typeCode)}-${p.number}-${date.slice(0, 4)}`
    : `${number}-${date.slice(0, 4)}`;
  return slugId(base, taken);
}
