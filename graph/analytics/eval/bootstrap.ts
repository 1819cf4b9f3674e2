/**
 * Paired bootstrap intervals for the evaluation: queries are resampled with replacement within
 * each stratum (a seed's graph), the same resample for every ranker, so the interval of a
 * difference between two rankers accounts for their scores on the same queries moving together.
 * Percentile intervals; deterministic for a seed.
 */
import { mulberry32 } from '../prng.js';

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/**
 * `values[s][q]`: a per-query value (or a per-query difference) for query q of stratum s. Returns
 * the pooled mean (every query weighing the same) and its `level` percentile interval.
 */
export function pairedBootstrap(values: readonly (readonly number[])[], options: { resamples?: number; level?: number; seed?: number } = {}): Interval {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const rng = mulberry32(options.seed ?? 1);
  const total = values.reduce((n, v) => n + v.length, 0);
  if (total === 0) return { mean: 0, low: 0, high: 0 };
  const point = values.reduce((s, v) => s + v.reduce((t, x) => t + x, 0), 0) / total;
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (const stratum of values) {
      const n = stratum.length;
      for (let i = 0; i < n; i++) sum += stratum[Math.floor(rng() * n)]!;
    }
    means[b] = sum / total;
  }
  means.sort();
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))]!;
  return { mean: point, low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/** Per-query differences a − b (the same queries, in the same order). */
export function differences(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((stratum, s) => stratum.map((x, q) => x - b[s]![q]!));
}
