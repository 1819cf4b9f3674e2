/**
 * The method and the baselines it is compared with. Each ranks, for one organisation, up to `depth`
 * other organisations it does not collaborate with in the training graph (never itself). Lists
 * shorter than `depth` are filled with the remaining organisations in a seeded random order, the
 * same way for every ranker, so no ranker profits from returning fewer items.
 */
import { mulberry32, hashString } from '../prng.js';
import type { Projection } from '../projection.js';
import { rankCandidates, DEFAULT_SUGGESTION_WEIGHTS, type SuggestionWeights } from '../suggestions.js';
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

/** Counts → ranked indexes, ties in a seeded random order. */
function byCount(p: Projection, a: number, counts: Map<number, number>, seed: number): number[] {
  const rng = mulberry32(seed ^ hashString(p.orgIds[a]!) ^ 0x9e3779b9);
  const tie = new Map<number, number>();
  for (const m of counts.keys()) tie.set(m, rng());
  return [...counts.entries()]
    .filter(([m]) => eligible(p, a, m))
    .sort((x, y) => y[1] - x[1] || tie.get(x[0])! - tie.get(y[0])!)
    .map(([m]) => m);
}

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

/** Number of common partners in the training collaboration graph. */
export function commonNeighboursRanker(seed = 1): Ranker {
  return (p, a, depth) => {
    const counts = new Map<number, number>();
    for (let k = p.partners.start(a); k < p.partners.end(a); k++) {
      const q = p.partners.values[k]!;
      for (let m = p.partners.start(q); m < p.partners.end(q); m++) {
        const c = p.partners.values[m]!;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    return fill(p, a, byCount(p, a, counts, seed), depth, seed);
  };
}

/** Number of target groups both serve (directly), whatever their specificity. */
export function sharedTargetGroupRanker(seed = 1): Ranker {
  return (p, a, depth) => {
    const counts = new Map<number, number>();
    for (let k = p.orgTg.start(a); k < p.orgTg.end(a); k++) {
      const t = p.orgTg.values[k]!;
      for (let m = p.tgOrg.start(t); m < p.tgOrg.end(t); m++) {
        const c = p.tgOrg.values[m]!;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    return fill(p, a, byCount(p, a, counts, seed), depth, seed);
  };
}
