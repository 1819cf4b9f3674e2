/**
 * The suggestion evaluation. For each generator and seed: generate a graph, hide collaboration
 * edges (the latest 20 % by date where collaborations have dates, else a random 20 %), rank
 * suggestions for a seeded sample of the organisations that lost an edge, and measure how well the
 * method and every baseline find the hidden partners (precision@10, recall@10, MRR@10). Figures are
 * pooled over a generator's seeds, with 95 % paired-bootstrap intervals for each ranker and for the
 * method's difference to each baseline (the same resampled queries for both).
 */
import { Projection, type ProjectionInput } from '../projection.js';
import { mulberry32 } from '../prng.js';
import { type SuggestionWeights } from '../suggestions.js';
import { differences, pairedBootstrap, type Interval } from './bootstrap.js';
import { generateEcosystem } from './ecosystem.js';
import { mean, METRIC_NAMES, queryMetrics, type MetricName, type MetricSummary, type QueryMetrics } from './metrics.js';
import { BASELINE_NAMES, BASELINES, methodRanker, type BaselineName, type Ranker } from './rankers.js';
import { hasDates, hideEdges, hideLatest, type EdgeSplit } from './split.js';
import { generateSynthetic } from './synthetic.js';

export const GENERATORS = {
  /** synthetic.ts: the project's generator (triadic closure planted among other mechanisms; no dates). */
  planted: (seed: number, organisations: number) => generateSynthetic({ seed, organisations }),
  /** ecosystem.ts: homophily, umbrella networks, complementarity and random ties over fifteen years (dated). */
  ecosystem: (seed: number, organisations: number) => generateEcosystem({ seed, organisations }),
} as const satisfies Record<string, (seed: number, organisations: number) => ProjectionInput>;
export type GeneratorName = keyof typeof GENERATORS;
export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];

export const RANKER_NAMES = ['method', ...BASELINE_NAMES] as const;
export type RankerName = 'method' | BaselineName;

export interface EvaluationOptions {
  organisations: number;
  seeds: number[];
  hiddenFraction?: number;
  /** Queries per seed at most (a seeded sample of the organisations with a hidden edge). Default 400. */
  maxQueries?: number;
  /** The method's weights (default: DEFAULT_SUGGESTION_WEIGHTS). */
  weights?: Partial<SuggestionWeights>;
  /** Bootstrap resamples. Default 2000. */
  resamples?: number;
}

export interface SeedRun {
  seed: number;
  holdout: EdgeSplit['holdout'];
  cutoff?: string;
  collaborationEdges: number;
  hiddenEdges: number;
  queries: number;
  /** Mean hidden partners per query, and the best precision@10 any ranker could reach. */
  meanRelevant: number;
  precisionAt10Ceiling: number;
  metrics: Record<RankerName, MetricSummary>;
}

export interface GeneratorResult {
  generator: GeneratorName;
  seeds: SeedRun[];
  /** Pooled over the seeds, with 95 % intervals. */
  pooled: Record<RankerName, Record<MetricName, Interval>>;
  /** Method − baseline, pooled, with 95 % paired intervals. */
  methodMinus: Record<BaselineName, Record<MetricName, Interval>>;
  /** The method's MRR@10 beats the baseline's with the interval of the difference above 0. */
  beats: Record<BaselineName, boolean>;
}

/** Per-query metrics of every ranker on one seed's split (queries in the same order for all rankers). */
export function runSplit(split: EdgeSplit, rankers: Record<RankerName, Ranker>, maxQueries: number, sampleSeed: number): { queries: string[]; perRanker: Record<RankerName, QueryMetrics[]> } {
  const p = new Projection(split.train, 0);
  const queries = sampleQueries(p, split, maxQueries, sampleSeed);
  const perRanker = {} as Record<RankerName, QueryMetrics[]>;
  for (const name of Object.keys(rankers) as RankerName[]) {
    const rank = rankers[name];
    perRanker[name] = queries.map((id) => queryMetrics(rank(p, p.orgIndex.get(id)!, 10), split.hidden.get(id)!));
  }
  return { queries, perRanker };
}

/** Up to `maxQueries` organisations with hidden partners that the training graph knows, in a seeded random order (the same for every ranker). */
export function sampleQueries(p: Projection, split: EdgeSplit, maxQueries: number, seed: number): string[] {
  const ids = [...split.hidden.keys()].filter((id) => p.orgIndex.has(id)).sort();
  const rng = mulberry32(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, maxQueries);
}

/** The holdout a generated graph gets: by time where collaborations have dates, else random. */
export function holdout(input: ProjectionInput, fraction: number, seed: number): EdgeSplit {
  return hasDates(input) ? hideLatest(input, fraction) : hideEdges(input, fraction, seed * 7919 + 1);
}

export function allRankers(seed: number, weights: Partial<SuggestionWeights> = {}): Record<RankerName, Ranker> {
  const out = { method: methodRanker(weights, seed) } as Record<RankerName, Ranker>;
  for (const name of BASELINE_NAMES) out[name] = BASELINES[name](seed);
  return out;
}

export function evaluateGenerator(generator: GeneratorName, options: EvaluationOptions): GeneratorResult {
  const fraction = options.hiddenFraction ?? 0.2;
  const maxQueries = options.maxQueries ?? 400;
  const seeds: SeedRun[] = [];
  const perQuery = {} as Record<RankerName, QueryMetrics[][]>;
  for (const name of RANKER_NAMES) perQuery[name] = [];
  for (const seed of options.seeds) {
    const input = GENERATORS[generator](seed, options.organisations);
    const split = holdout(input, fraction, seed);
    const run = runSplit(split, allRankers(seed, options.weights), maxQueries, seed + 17);
    const metrics = {} as Record<RankerName, MetricSummary>;
    for (const name of RANKER_NAMES) {
      metrics[name] = mean(run.perRanker[name]);
      perQuery[name].push(run.perRanker[name]);
    }
    const sizes = run.queries.map((id) => split.hidden.get(id)!.size);
    seeds.push({
      seed,
      holdout: split.holdout,
      ...(split.cutoff ? { cutoff: split.cutoff } : {}),
      collaborationEdges: split.hiddenEdgeCount + split.trainEdgeCount,
      hiddenEdges: split.hiddenEdgeCount,
      queries: run.queries.length,
      meanRelevant: sizes.reduce((s, x) => s + x, 0) / Math.max(1, sizes.length),
      precisionAt10Ceiling: sizes.reduce((s, x) => s + Math.min(10, x) / 10, 0) / Math.max(1, sizes.length),
      metrics,
    });
  }
  const resamples = options.resamples ?? 2000;
  const values = (name: RankerName, m: MetricName) => perQuery[name].map((qs) => qs.map((q) => q[m]));
  const pooled = {} as GeneratorResult['pooled'];
  for (const name of RANKER_NAMES) {
    pooled[name] = {} as Record<MetricName, Interval>;
    for (const m of METRIC_NAMES) pooled[name][m] = pairedBootstrap(values(name, m), { resamples, seed: 7 });
  }
  const methodMinus = {} as GeneratorResult['methodMinus'];
  const beats = {} as GeneratorResult['beats'];
  for (const b of BASELINE_NAMES) {
    methodMinus[b] = {} as Record<MetricName, Interval>;
    // The same bootstrap seed for every comparison: the same resampled queries throughout.
    for (const m of METRIC_NAMES) methodMinus[b][m] = pairedBootstrap(differences(values('method', m), values(b, m)), { resamples, seed: 7 });
    beats[b] = methodMinus[b].mrrAt10.low > 0;
  }
  return { generator, seeds, pooled, methodMinus, beats };
}

const fmt = (x: number) => x.toFixed(3);
const interval = (i: Interval) => `${fmt(i.mean)} [${fmt(i.low)}, ${fmt(i.high)}]`;

/** The table a generator's result prints as: every ranker's pooled figures, and the method's difference to each baseline. */
export function formatGenerator(r: GeneratorResult): string {
  const w = 27;
  const lines = [`${'ranker'.padEnd(28)}${'P@10'.padEnd(w)}${'R@10'.padEnd(w)}${'MRR@10'.padEnd(w)}`];
  for (const name of RANKER_NAMES) {
    const m = r.pooled[name];
    lines.push(`${name.padEnd(28)}${interval(m.precisionAt10).padEnd(w)}${interval(m.recallAt10).padEnd(w)}${interval(m.mrrAt10).padEnd(w)}`);
  }
  lines.push('', `${'method − baseline'.padEnd(28)}${'ΔP@10'.padEnd(w)}${'ΔR@10'.padEnd(w)}${'ΔMRR@10'.padEnd(w)}beats (ΔMRR@10 > 0)`);
  for (const b of BASELINE_NAMES) {
    const d = r.methodMinus[b];
    lines.push(`${b.padEnd(28)}${interval(d.precisionAt10).padEnd(w)}${interval(d.recallAt10).padEnd(w)}${interval(d.mrrAt10).padEnd(w)}${r.beats[b] ? 'yes' : 'NO'}`);
  }
  return lines.join('\n');
}

/** Per seed: every ranker's P@10, R@10 and MRR@10. */
export function formatSeeds(r: GeneratorResult): string {
  const lines: string[] = [];
  for (const s of r.seeds) {
    lines.push(`  seed ${s.seed}: ${s.collaborationEdges} collaboration pairs, ${s.hiddenEdges} hidden (${s.holdout === 'time' ? `from ${s.cutoff} on` : 'at random'}), ${s.queries} queries, ${s.meanRelevant.toFixed(2)} hidden partners each (P@10 cannot exceed ${fmt(s.precisionAt10Ceiling)})`);
    lines.push(`    ${RANKER_NAMES.map((n) => `${n} ${fmt(s.metrics[n].precisionAt10)}/${fmt(s.metrics[n].recallAt10)}/${fmt(s.metrics[n].mrrAt10)}`).join(', ')}`);
  }
  return lines.join('\n');
}
