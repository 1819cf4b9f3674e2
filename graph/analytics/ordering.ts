/**
 * Deterministic ordering shared by every ranked answer: score descending, then name (Swedish
 * collation, so Å, Ä, Ö sort after Z), then id (code-unit order). Two runs over the same projection
 * give the same order, ties included.
 */
const collator = new Intl.Collator('sv', { sensitivity: 'variant' });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareByNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return compareNames(a.name, b.name) || compareIds(a.id, b.id);
}

/** Scores closer than this are ties (floating-point sums in a different order differ in the last bits). */
export const SCORE_EPSILON = 1e-9;

export function compareByScoreNameId(
  a: { score: number; name: string; id: string },
  b: { score: number; name: string; id: string },
): number {
  const d = b.score - a.score;
  if (Math.abs(d) > SCORE_EPSILON) return d;
  return compareByNameThenId(a, b);
}

/**
 * The first k items of `items` in `compare` order (stable for equal items: earlier wins), without
 * sorting everything: most items are rejected after one comparison with the current k-th.
 */
export function topK<T>(items: Iterable<T>, k: number, compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const item of items) {
    if (out.length === k && compare(item, out[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(item, out[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    out.splice(lo, 0, item);
    if (out.length > k) out.pop();
  }
  return out;
}

/** Position of each entry in name order (Swedish collation), then id. */
export function nameRanks(names: readonly string[], ids: readonly string[]): Int32Array {
  const order = Array.from({ length: names.length }, (_, i) => i);
  order.sort((a, b) => compareNames(names[a]!, names[b]!) || compareIds(ids[a]!, ids[b]!));
  const rank = new Int32Array(names.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}
