/**
 * Ranking metrics for the suggestion evaluation: precision@k, recall@k and reciprocal rank of one
 * ranked list against the set of relevant (hidden) partners, and their means over queries.
 */
export function precisionAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) hits++;
  return hits / k;
}

export function recallAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) hits++;
  return hits / relevant.size;
}

/** 1 / (1-based rank of the first relevant item), 0 if none is ranked. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  for (let i = 0; i < ranked.length; i++) if (relevant.has(ranked[i]!)) return 1 / (i + 1);
  return 0;
}

export interface MetricSummary {
  precisionAt10: number;
  recallAt10: number;
  mrr: number;
  queries: number;
}

export function summarise(
  queries: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[],
  k = 10,
): MetricSummary {
  let p = 0;
  let r = 0;
  let rr = 0;
  for (const q of queries) {
    p += precisionAtK(q.ranked, q.relevant, k);
    r += recallAtK(q.ranked, q.relevant, k);
    rr += reciprocalRank(q.ranked, q.relevant);
  }
  const n = queries.length;
  return n === 0
    ? { precisionAt10: 0, recallAt10: 0, mrr: 0, queries: 0 }
    : { precisionAt10: p / n, recallAt10: r / n, mrr: rr / n, queries: n };
}
