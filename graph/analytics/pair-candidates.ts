/**
 * Candidate pairs for overlap within a set of organisations, without looking at all n² pairs:
 * two organisations can only overlap if they share an expanded feature (a target group or one of
 * its broader groups, a district, a broader area or a bordering district, an agreement, an umbrella).
 * Pairs are enumerated from each feature's members within the set, skipping "hub" features with more
 * than `hubCap` members there (each of those weighs at most 1/ln(1 + hubCap), so pairs that share
 * nothing but hubs overlap little). With no hub skipped the enumeration is complete.
 */
import { Csr, CsrBuilder } from './csr.js';
import { DEFAULT_OVERLAP_WEIGHTS, overlapScore, type OverlapWeights } from './overlap.js';
import type { Projection } from './projection.js';

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

export interface PairSearch {
  pairs: ScoredPair[];
  /** Features left out because they had more than hubCap members in the set. */
  hubsSkipped: number;
  pairsScored: number;
}

export const DEFAULT_HUB_CAP = 300;

/** The expanded-feature index of a set of organisations: feature → members (dense indexes, sorted). */
function featureMembers(p: Projection, orgs: Int32Array): Csr {
  const T = p.tgCount;
  const D = p.districtCount;
  const G = p.agreementCount;
  const b = new CsrBuilder(T + D + G + p.orgCount);
  for (const o of orgs) {
    for (let k = p.orgTgClosure.start(o); k < p.orgTgClosure.end(o); k++) b.add(p.orgTgClosure.values[k]!, o);
    for (let k = p.orgDistrictClosure.start(o); k < p.orgDistrictClosure.end(o); k++) {
      b.add(T + p.orgDistrictClosure.values[k]!, o);
    }
    for (let k = p.orgDistrict.start(o); k < p.orgDistrict.end(o); k++) {
      const d = p.orgDistrict.values[k]!;
      const adj = p.districtAdjacency;
      for (let m = adj.start(d); m < adj.end(d); m++) b.add(T + adj.values[m]!, o);
    }
    for (let k = p.orgAgreement.start(o); k < p.orgAgreement.end(o); k++) {
      const g = p.orgAgreement.values[k]!;
      if (p.agreementWeight[g]! > 0) b.add(T + D + g, o);
    }
    for (let k = p.orgUmbrella.start(o); k < p.orgUmbrella.end(o); k++) b.add(T + D + G + p.orgUmbrella.values[k]!, o);
  }
  return b.build();
}

/**
 * Pairs (a < b) within `orgs` whose overlap is at least `threshold`, scored exactly.
 * `accept(a, b)` may veto a pair before scoring (e.g. to skip collaborating pairs).
 */
export function searchPairs(
  p: Projection,
  orgs: Int32Array,
  threshold: number,
  options: {
    hubCap?: number;
    weights?: Readonly<OverlapWeights>;
    accept?: (a: number, b: number) => boolean;
  } = {},
): PairSearch {
  const hubCap = options.hubCap ?? DEFAULT_HUB_CAP;
  const weights = options.weights ?? DEFAULT_OVERLAP_WEIGHTS;
  const features = featureMembers(p, orgs);
  let hubsSkipped = 0;
  const usable = new Uint8Array(features.rowCount);
  for (let f = 0; f < features.rowCount; f++) {
    const n = features.size(f);
    if (n < 2) continue;
    if (n > hubCap) hubsSkipped++;
    else usable[f] = 1;
  }
  // org → its usable features, to walk pairs row by row.
  const byOrg = new CsrBuilder(p.orgCount);
  for (let f = 0; f < features.rowCount; f++) {
    if (!usable[f]) continue;
    for (let k = features.start(f); k < features.end(f); k++) byOrg.add(features.values[k]!, f);
  }
  const orgFeatures = byOrg.build();
  const pairs: ScoredPair[] = [];
  let pairsScored = 0;
  const seen = p.scratchEpoch;
  for (const a of orgs) {
    const epoch = p.nextEpoch();
    for (let k = orgFeatures.start(a); k < orgFeatures.end(a); k++) {
      const f = orgFeatures.values[k]!;
      for (let m = features.start(f); m < features.end(f); m++) {
        const b = features.values[m]!;
        if (b <= a || seen[b] === epoch) continue;
        seen[b] = epoch;
        if (options.accept && !options.accept(a, b)) continue;
        pairsScored++;
        const score = overlapScore(p, a, b, weights);
        if (score >= threshold && score > 0) pairs.push({ a, b, score });
      }
    }
  }
  return { pairs, hubsSkipped, pairsScored };
}
