/**
 * The suggestion evaluation: generate a synthetic graph, hide 20 % of its collaboration edges,
 * rank suggestions for the organisations that lost an edge and measure how well each ranker finds
 * the hidden partners (precision@10, recall@10, mean reciprocal rank within the first `depth`).
 */
import { Projection } from '../projection.js';
import { summarise, type MetricSummary } from './metrics.js';
import {
  commonNeighboursRanker,
  methodRanker,
  randomRanker,
  sharedTargetGroupRanker,
  type Ranker,
} from './rankers.js';
import { hideEdges } from './split.js';
import { generateSynthetic, type SyntheticOptions } from './synthetic.js';
import { mulberry32 } from '../prng.js';

export interface EvaluationOptions {
  seeds: number[];
  organisations: number;
  hiddenFraction?: number;
  /** Queries per seed at most (a seeded sample of the organisations with a hidden edge). */
  maxQueries?: number;
  /** Ranks looked at for the reciprocal rank. Default 100. */
  depth?: number;
  synthetic?: Partial<SyntheticOptions>;
}

export const RANKER_NAMES = ['method', 'random', 'commonNeighbours', 'sharedTargetGroups'] as const;
export type RankerName = (typeof RANKER_NAMES)[number];

export interface SeedResult {
  seed: number;
  organisations: number;
  collaborationEdges: number;
  hiddenEdges: number;
  queries: number;
  /** Mean hidden partners per query, and the best precision@10 any ranker could reach. */
  meanRelevant: number;
  precisionAt10Ceiling: number;
  metrics: Record<RankerName, MetricSummary>;
}

export interface EvaluationResult {
  options: Required<Omit<EvaluationOptions, 'synthetic'>>;
  perSeed: SeedResult[];
  /** Means over seeds. */
  mean: Record<RankerName, MetricSummary>;
  methodBeatsEveryBaseline: { precisionAt10: boolean; mrr: boolean };
}

export function rankers(seed: number): Record<RankerName, Ranker> {
  return {
    method: methodRanker({}, seed),
    random: randomRanker(seed),
    commonNeighbours: commonNeighboursRanker(seed),
    sharedTargetGroups: sharedTargetGroupRanker(seed),
  };
}

export function evaluateSeed(seed: number, options: EvaluationOptions): SeedResult {
  const fraction = options.hiddenFraction ?? 0.2;
  const depth = options.depth ?? 100;
  const maxQueries = options.maxQueries ?? 500;
  const input = generateSynthetic({ ...options.synthetic, seed, organisations: options.organisations });
  const split = hideEdges(input, fraction, seed * 7919 + 1);
  const p = new Projection(split.train, 0);
  const queryIds = [...split.hidden.keys()].sort();
  const rng = mulberry32(seed + 17);
  for (let i = queryIds.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [queryIds[i], queryIds[j]] = [queryIds[j]!, queryIds[i]!];
  }
  const queries = queryIds.slice(0, maxQueries);
  const all = rankers(seed);
  const metrics = {} as Record<RankerName, MetricSummary>;
  for (const name of RANKER_NAMES) {
    const rank = all[name];
    metrics[name] = summarise(
      queries.map((id) => ({ ranked: rank(p, p.orgIndex.get(id)!, depth), relevant: split.hidden.get(id)! })),
    );
  }
  return {
    seed,
    organisations: options.organisations,
    collaborationEdges: split.hiddenEdgeCount + split.trainEdgeCount,
    hiddenEdges: split.hiddenEdgeCount,
    queries: queries.length,
    meanRelevant: queries.reduce((sum, id) => sum + split.hidden.get(id)!.size, 0) / Math.max(1, queries.length),
    precisionAt10Ceiling:
      queries.reduce((sum, id) => sum + Math.min(10, split.hidden.get(id)!.size) / 10, 0) / Math.max(1, queries.length),
    metrics,
  };
}

export function evaluate(options: EvaluationOptions): EvaluationResult {
  const perSeed = options.seeds.map((s) => evaluateSeed(s, options));
  const mean = {} as Record<RankerName, MetricSummary>;
  for (const name of RANKER_NAMES) {
    const n = perSeed.length;
    const sum = (f: (m: MetricSummary) => number) => perSeed.reduce((s, r) => s + f(r.metrics[name]), 0) / Math.max(1, n);
    mean[name] = {
      precisionAt10: sum((m) => m.precisionAt10),
      recallAt10: sum((m) => m.recallAt10),
      mrr: sum((m) => m.mrr),
      queries: perSeed.reduce((s, r) => s + r.metrics[name].queries, 0),
    };
  }
  const baselines = RANKER_NAMES.filter((n) => n !== 'method');
  return {
    options: {
      seeds: options.seeds,
      organisations: options.organisations,
      hiddenFraction: options.hiddenFraction ?? 0.2,
      maxQueries: options.maxQueries ?? 500,
      depth: options.depth ?? 100,
    },
    perSeed,
    mean,
    methodBeatsEveryBaseline: {
      precisionAt10: baselines.every((b) => mean.method.precisionAt10 > mean[b].precisionAt10),
      mrr: baselines.every((b) => mean.method.mrr > mean[b].mrr),
    },
  };
}

export function formatTable(result: EvaluationResult): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number) => x.toFixed(4).padStart(10);
  const lines = [
    `${pad('ranker', 20)}${'P@10'.padStart(10)}${'R@10'.padStart(10)}${'MRR'.padStart(10)}`,
    '-'.repeat(50),
  ];
  for (const name of RANKER_NAMES) {
    const m = result.mean[name];
    lines.push(`${pad(name, 20)}${num(m.precisionAt10)}${num(m.recallAt10)}${num(m.mrr)}`);
  }
  return lines.join('\n');
}
