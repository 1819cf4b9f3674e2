/**
 * Ranking metrics for the suggestion evaluation: precision@k, recall@k and reciprocal rank@k of one
 * ranked list against the set of relevant (hidden) partners, per query and as means over queries.
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

/** 1 / (1-based rank of the first relevant item) when it is within the first k, else 0. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>, k = Number.POSITIVE_INFINITY): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) return 1 / (i + 1);
  return 0;
}

/** One query's figures. */
export interface QueryMetrics {
  precisionAt10: number;
  recallAt10: number;
  /** Reciprocal rank within the first 10 (MRR@10 is its mean). */
  mrrAt10: number;
}

export const METRIC_NAMES = ['precisionAt10', 'recallAt10', 'mrrAt10'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export function queryMetrics(ranked: readonly string[], relevant: ReadonlySet<string>, k = 10): QueryMetrics {
  return { precisionAt10: precisionAtK(ranked, relevant, k), recallAt10: recallAtK(ranked, relevant, k), mrrAt10: reciprocalRank(ranked, relevant, k) };
}

export interface MetricSummary extends QueryMetrics {
  queries: number;
}

export function mean(list: readonly QueryMetrics[]): MetricSummary {
  const n = list.length;
  if (n === 0) return { precisionAt10: 0, recallAt10: 0, mrrAt10: 0, queries: 0 };
  const sum = (m: MetricName) => list.reduce((s, q) => s + q[m], 0) / n;
  return { precisionAt10: sum('precisionAt10'), recallAt10: sum('recallAt10'), mrrAt10: sum('mrrAt10'), queries: n };
}

export function summarise(queries: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[], k = 10): MetricSummary {
  return mean(queries.map((q) => queryMetrics(q.ranked, q.relevant, k)));
}
