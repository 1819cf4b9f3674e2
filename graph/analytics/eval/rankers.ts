/**
 * The method and the baselines it is compared with. Each ranks, for one organisation, up to `depth`
 * other organisations it does not collaborate with in the training graph (never itself). Lists
 * shorter than `depth` are filled with the remaining organisations in a seeded random order, the
 * same way for every ranker, so no ranker profits from returning fewer items; ties are broken in a
 * seeded random order too, so no ranker profits from the order organisations were generated in.
 *
 * Baselines: random; on the collaboration graph common neighbours, Adamic–Adar and resource
 * allocation; on what organisations are, shared target groups, the same district and target group,
 * and complementary resources within reach (the same municipality or bordering districts).
 */
import { mulberry32, hashString } from '../prng.js';
import type { Projection } from '../projection.js';
import { nearby, rankCandidates, DEFAULT_SUGGESTION_WEIGHTS, type SuggestionWeights } from '../suggestions.js';
import { DEFAULT_CANDIDATE_LIMITS } from '../suggestion-candidates.js';

export type Ranker = (p: Projection, a: number, depth: number) => string[];

function eligible(p: Projection, a: number, m: number): boolean {
  return m !== a && !p.partners.has(a, m);
}

/** Fill `ranked` up to depth with the remaining eligible organisations in a seeded random order. */
function fill(p: Projection, a: number, ranked: number[], depth: number, seed: number): string[] {
  const taken = new Set(ranked);
  const rng = mulberry32(seed ^ hashString(p.orgIds[a]!));
  const out = ranked.slice(0, depth);
  if (out.length < depth) {
    // Partial Fisher–Yates over all organisations, skipping ineligible and taken ones.
    const order = Int32Array.from({ length: p.orgCount }, (_, i) => i);
    for (let i = 0; i < order.length && out.length < depth; i++) {
      const j = i + Math.floor(rng() * (order.length - i));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
      const m = order[i]!;
      if (eligible(p, a, m) && !taken.has(m)) {
        out.push(m);
        taken.add(m);
      }
    }
  }
  return out.map((m) => p.orgIds[m]!);
}

/** Scores → ranked indexes (highest first), ties in a seeded random order. */
function byScore(p: Projection, a: number, scores: Map<number, number>, seed: number): number[] {
  const rng = mulberry32(seed ^ hashString(p.orgIds[a]!) ^ 0x9e3779b9);
  const tie = new Map<number, number>();
  for (const m of scores.keys()) tie.set(m, rng());
  return [...scores.entries()]
    .filter(([m, s]) => s > 0 && eligible(p, a, m))
    .sort((x, y) => y[1] - x[1] || tie.get(x[0])! - tie.get(y[0])!)
    .map(([m]) => m);
}

const add = (scores: Map<number, number>, m: number, x: number) => scores.set(m, (scores.get(m) ?? 0) + x);

export function methodRanker(weights: Partial<SuggestionWeights> = {}, seed = 1): Ranker {
  const w = { ...DEFAULT_SUGGESTION_WEIGHTS, ...weights };
  return (p, a, depth) => {
    const ranked = rankCandidates(p, a, w, DEFAULT_CANDIDATE_LIMITS).suggestions.map((s) => p.orgIndex.get(s.organisationId)!);
    return fill(p, a, ranked, depth, seed);
  };
}

export function randomRanker(seed = 1): Ranker {
  return (p, a, depth) => fill(p, a, [], depth, seed);
}

/** Partners of partners in the training collaboration graph, each partner q counting `weight(deg q)`. */
function neighbourhoodRanker(weight: (degree: number) => number, seed: number): Ranker {
  return (p, a, depth) => {
    const scores = new Map<number, number>();
    for (let k = p.partners.start(a); k < p.partners.end(a); k++) {
      const q = p.partners.values[k]!;
      const x = weight(p.partners.size(q));
      for (let m = p.partners.start(q); m < p.partners.end(q); m++) add(scores, p.partners.values[m]!, x);
    }
    return fill(p, a, byScore(p, a, scores, seed), depth, seed);
  };
}

/** Number of common partners. */
export const commonNeighboursRanker = (seed = 1): Ranker => neighbourhoodRanker(() => 1, seed);
/** Common partners, each weighing 1 / ln(its number of partners). */
export const adamicAdarRanker = (seed = 1): Ranker => neighbourhoodRanker((d) => 1 / Math.log(Math.max(2, d)), seed);
/** Common partners, each weighing 1 / its number of partners. */
export const resourceAllocationRanker = (seed = 1): Ranker => neighbourhoodRanker((d) => 1 / Math.max(1, d), seed);

/** Number of target groups both serve (directly), whatever their specificity. */
export function sharedTargetGroupRanker(seed = 1): Ranker {
  return (p, a, depth) => {
    const scores = new Map<number, number>();
    for (let k = p.orgTg.start(a); k < p.orgTg.end(a); k++) {
      const t = p.orgTg.values[k]!;
      for (let m = p.tgOrg.start(t); m < p.tgOrg.end(t); m++) add(scores, p.tgOrg.values[m]!, 1);
    }
    return fill(p, a, byScore(p, a, scores, seed), depth, seed);
  };
}

/**
 * Organisations active in one of the same districts and serving one of the same target groups
 * (both named directly), by how many districts and groups they share.
 */
export function sameDistrictAndTargetGroupRanker(seed = 1): Ranker {
  return (p, a, depth) => {
    const districts = new Map<number, number>();
    for (let k = p.orgDistrict.start(a); k < p.orgDistrict.end(a); k++) {
      const d = p.orgDistrict.values[k]!;
      for (let m = p.districtOrg.start(d); m < p.districtOrg.end(d); m++) add(districts, p.districtOrg.values[m]!, 1);
    }
    const scores = new Map<number, number>();
    for (const [m, nd] of districts) {
      let nt = 0;
      for (let k = p.orgTg.start(a); k < p.orgTg.end(a); k++) if (p.orgTg.has(m, p.orgTg.values[k]!)) nt++;
      if (nt > 0) scores.set(m, nd + nt);
    }
    return fill(p, a, byScore(p, a, scores, seed), depth, seed);
  };
}

/** Organisations offering what it needs or needing what it offers, in the same municipality or a bordering district, by how many such resources. */
export function complementaryResourceRanker(seed = 1): Ranker {
  return (p, a, depth) => {
    const scores = new Map<number, number>();
    for (let k = p.orgNeeds.start(a); k < p.orgNeeds.end(a); k++) {
      const r = p.orgNeeds.values[k]!;
      for (let m = p.offerers.start(r); m < p.offerers.end(r); m++) add(scores, p.offerers.values[m]!, 1);
    }
    for (let k = p.orgOffers.start(a); k < p.orgOffers.end(a); k++) {
      const r = p.orgOffers.values[k]!;
      for (let m = p.needers.start(r); m < p.needers.end(r); m++) add(scores, p.needers.values[m]!, 1);
    }
    for (const m of [...scores.keys()]) if (!nearby(p, a, m)) scores.delete(m);
    return fill(p, a, byScore(p, a, scores, seed), depth, seed);
  };
}

export const BASELINES = {
  random: randomRanker,
  commonNeighbours: commonNeighboursRanker,
  adamicAdar: adamicAdarRanker,
  resourceAllocation: resourceAllocationRanker,
  sharedTargetGroups: sharedTargetGroupRanker,
  sameDistrictAndTargetGroup: sameDistrictAndTargetGroupRanker,
  complementaryResources: complementaryResourceRanker,
} as const;
export type BaselineName = keyof typeof BASELINES;
export const BASELINE_NAMES = Object.keys(BASELINES) as BaselineName[];
