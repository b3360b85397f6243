/**
 * How people type Vietnamese names: "Kì" for "Kỳ", "Ly" for "Li", tone marks dropped (folding already
 * covers those). `nameVariants` gives the folded spellings of a name with a syllable-final "y" and "i"
 * after a consonant swapped ("dao xuan ky" → "dao xuan ki"); "uy", "ay", "oy" are left alone.
 */
import { fold } from "./normalize.ts";

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);

function swapped(syllable: string): string | undefined {
  const last = syllable.at(-1);
  const before = syllable.at(-2);
  if (syllable.length < 2 || before === undefined || VOWELS.has(before)) return undefined;
  if (last === "y") return `${syllable.slice(0, -1)}i`;
  if (last === "i") return `${syllable.slice(0, -1)}y`;
  return undefined;
}

/** The other folded spellings of a name (not the name itself); at most 8. */
export function nameVariants(name: string): string[] {
  const syllables = fold(name).split(" ");
  const swappable = syllables.map((s, i) => [i, swapped(s)] as const).filter(([, v]) => v !== undefined);
  const out: string[] = [];
  const n = Math.min(swappable.length, 3);
  for (let mask = 1; mask < 1 << n; mask++) {
    const copy = [...syllables];
    for (let b = 0; b < n; b++) if (mask & (1 << b)) copy[swappable[b]![0]] = swappable[b]![1]!;
    out.push(copy.join(" "));
  }
  return out;
}
