/** Edit distance (with adjacent transpositions) between two short strings: typos in numbers and names. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Letters next to each other on a QWERTY keyboard (phones too), for one mistyped letter. */
const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const KEY_NEIGHBOURS: Readonly<Record<string, string>> = Object.fromEntries(
  KEY_ROWS.flatMap((row) => [...row].map((c, i) => [c, (row[i - 1] ?? "") + (row[i + 1] ?? "")])),
);

/**
 * Whether `typed` is `word` with one slip of the keyboard: a letter dropped, a letter doubled (or, with
 * `extraNeighbour`, an extra key next to its neighbour: "cdsd"), two neighbours swapped, or one letter
 * replaced by the key beside it ("nan" for "nam"). A letter replaced by another far off is no slip:
 * "Lam" is another name than "Nam".
 */
export function keySlip(typed: string, word: string, opts: { extraNeighbour?: boolean } = {}): boolean {
  if (typed === word || editDistance(typed, word) !== 1) return false;
  if (typed.length === word.length - 1 || typed.length === word.length + 1) {
    const [short, long] = typed.length < word.length ? [typed, word] : [word, typed];
    for (let i = 0; i < long.length; i++) {
      if (long.slice(0, i) + long.slice(i + 1) === short) {
        // An extra letter must double its neighbour ("nnam"), a missing one may be any.
        if (typed.length < word.length) return true;
        const c = long[i]!;
        const beside = [long[i - 1], long[i + 1]].filter((x): x is string => !!x);
        return (
          beside.includes(c) || (!!opts.extraNeighbour && beside.some((b) => KEY_NEIGHBOURS[b]?.includes(c)))
        );
      }
    }
    return false;
  }
  // Same length at distance 1 with the same letters: two neighbours swapped.
  if ([...typed].sort().join("") === [...word].sort().join("")) return true;
  // Or one letter replaced by its neighbour on the keyboard.
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] !== word[i]) return KEY_NEIGHBOURS[word[i]!]?.includes(typed[i]!) ?? false;
  }
  return false;
}
