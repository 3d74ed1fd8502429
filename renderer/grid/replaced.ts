/**
 * Arrays made from another by replacing some entries in place, and where.
 *
 * An edit replaces one item of 10,000; every step after it (the grid's rows,
 * their heights, their layout) would otherwise compare all 10,000 entries to
 * find that one. The array that made the change records which places it
 * replaced, and each next step asks for them instead of scanning.
 */
interface Replacement {
  /** The array this one was made from; null once it lies past the links ever followed. */
  from: readonly unknown[] | null;
  at: number[];
}
const replacements = new WeakMap<readonly unknown[], Replacement>();

/** How many links replacedSince follows: a burst of edits between two renders. */
const CHAIN = 8;

/** A copy of `from` with the given places replaced; remembers the places. */
export function replaceAt<T>(from: readonly T[], changes: Iterable<readonly [number, T]>): T[] {
  const next = from.slice();
  const at = new Set<number>();
  for (const [i, value] of changes) {
    if (i < 0 || i >= next.length || next[i] === value) continue;
    at.add(i);
    next[i] = value;
  }
  replacements.set(next, { from, at: [...at] });
  // A link holds its array, so unbroken links would keep every copy since the
  // plan was loaded (at 10,000 items, some 86 kB an edit, for the whole
  // session). The link CHAIN steps back is the first never followed: cut it.
  let link = replacements.get(from);
  for (let depth = 1; link?.from && depth < CHAIN; depth++) link = replacements.get(link.from);
  if (link) link.from = null;
  return next;
}

/**
 * The places where `next` differs from `prev`, when `next` was made from
 * `prev` by replaceAt (directly or through a chain of them); null when
 * unknown, and the caller compares everything.
 */
export function replacedSince(
  next: readonly unknown[],
  prev: readonly unknown[],
): readonly number[] | null {
  if (next === prev) return [];
  const chain: number[][] = [];
  let cur: readonly unknown[] = next;
  for (let depth = 0; depth < CHAIN; depth++) {
    const r = replacements.get(cur);
    if (!r?.from) return null;
    chain.push(r.at);
    if (r.from === prev) {
      if (chain.length === 1) return r.at;
      const all = new Set<number>();
      for (const at of chain) for (const i of at) all.add(i);
      return [...all].sort((a, b) => a - b);
    }
    cur = r.from;
  }
  return null;
}
