/**
 * Fits the suggestion weights on a training split: graphs of one generator with their own seeds
 * (never the seeds the evaluation reports), edges hidden as in the evaluation, and coordinate
 * ascent on the mean MRR@10 of the method over a grid of values per weight. A change is kept only
 * when it raises the objective by more than `minGain` (noise on a few hundred queries is about
 * 0.01), so weights do not wander on ties.
 */
import { Projection } from '../projection.js';
import { DEFAULT_SUGGESTION_WEIGHTS, type SuggestionWeights } from '../suggestions.js';
import { GENERATORS, holdout, sampleQueries, type GeneratorName } from './harness.js';
import { queryMetrics } from './metrics.js';
import { methodRanker } from './rankers.js';

/**
 * The weights fitted, and the values each may take: within a factor of two of the neutral weights
 * (components 1, shares ½), never switched off. A wider grid let each generator's fit switch off
 * what the other generator rewards (fitted on the ecosystem generator, partners in common fell to
 * ½ and the method lost to Adamic–Adar on the planted one; fitted on the planted one, umbrellas fell
 * to 0 and it lost to "same district and target group" on the ecosystem one).
 */
export const FITTED_WEIGHTS = {
  targetGroup: [0.5, 1, 2],
  district: [0.5, 1, 2],
  agreement: [0.5, 1, 2],
  umbrella: [0.5, 1, 2],
  triadic: [0.5, 1, 2],
  resource: [0.075, 0.15, 0.3],
  adjacency: [0.25, 0.5, 1],
  hierarchyDiscount: [0.25, 0.5, 1],
  distantResource: [0.1, 0.2, 0.4],
} as const satisfies Partial<Record<keyof SuggestionWeights, readonly number[]>>;
export type FittedWeight = keyof typeof FITTED_WEIGHTS;

export interface FitOptions {
  generator: GeneratorName;
  /** Training seeds: never the ones reported. */
  seeds: number[];
  organisations: number;
  maxQueries?: number;
  hiddenFraction?: number;
  passes?: number;
  minGain?: number;
  start?: Partial<SuggestionWeights>;
  /** Called after every evaluation of the objective. */
  progress?: (weights: SuggestionWeights, objective: number) => void;
}

export interface FitResult {
  weights: Pick<SuggestionWeights, FittedWeight>;
  /** MRR@10 on the training queries at the start and at the end. */
  start: number;
  end: number;
  evaluations: number;
  queries: number;
}

export function fitWeights(options: FitOptions): FitResult {
  const fraction = options.hiddenFraction ?? 0.2;
  const maxQueries = options.maxQueries ?? 300;
  const splits = options.seeds.map((seed) => {
    const split = holdout(GENERATORS[options.generator](seed, options.organisations), fraction, seed);
    const p = new Projection(split.train, 0);
    return { p, hidden: split.hidden, queries: sampleQueries(p, split, maxQueries, seed + 17) };
  });
  const queries = splits.reduce((n, s) => n + s.queries.length, 0);
  let evaluations = 0;
  const objective = (w: SuggestionWeights): number => {
    evaluations++;
    let sum = 0;
    for (const s of splits) {
      const rank = methodRanker(w, 1);
      for (const id of s.queries) sum += queryMetrics(rank(s.p, s.p.orgIndex.get(id)!, 10), s.hidden.get(id)!).mrrAt10;
    }
    const value = sum / Math.max(1, queries);
    options.progress?.(w, value);
    return value;
  };
  let current: SuggestionWeights = { ...DEFAULT_SUGGESTION_WEIGHTS, ...options.start };
  let best = objective(current);
  const start = best;
  const minGain = options.minGain ?? 0.003;
  for (let pass = 0; pass < (options.passes ?? 2); pass++) {
    let changed = false;
    for (const key of Object.keys(FITTED_WEIGHTS) as FittedWeight[]) {
      for (const value of FITTED_WEIGHTS[key]) {
        if (value === current[key]) continue;
        const trial = { ...current, [key]: value };
        const score = objective(trial);
        if (score > best + minGain) {
          best = score;
          current = trial;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const weights = Object.fromEntries((Object.keys(FITTED_WEIGHTS) as FittedWeight[]).map((k) => [k, current[k]])) as Pick<SuggestionWeights, FittedWeight>;
  return { weights, start, end: best, evaluations, queries };
}
