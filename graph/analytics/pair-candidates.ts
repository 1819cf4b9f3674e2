/**
 * All pairs within a set of organisations whose overlap is at least a threshold, found exactly but
 * without looking at all n² pairs (weighted prefix filtering).
 *
 * Every organisation gets a list of expanded features with a factor φ: each target group it serves
 * and each broader group (φ = discount^steps), each district it is active in and each broader area
 * (likewise), each bordering district it is not in itself (φ += adjacency × how many of its
 * districts border it), its agreements and umbrellas (φ = 1). With w(f) the feature's weight
 * (component weight × specificity),
 *
 *     S(a, b) = Σ over shared features of w(f) · φa(f) · φb(f)
 *
 * is an upper bound of the overlap (overlap.ts counts a subset of these terms, each at most this
 * big). Order features by weight, heaviest (rarest) first; an organisation's "tail" is the longest run
 * of its lightest features whose bound Σ w·φ·max φ stays below the threshold, its "prefix" the rest
 * (max φ over all organisations). The feature lists and the order are computed once per projection
 * and weights (memoised) and shared by every search.
 * If S(a, b) reaches the threshold, the first feature they share lies in both prefixes (otherwise
 * everything they share would lie in a's tail, which cannot reach it). So pairs are enumerated only
 * from prefix features, which for a sensible threshold are the specific ones (a stadsdel, a rare
 * group), bounded with S, and only survivors are scored exactly. Common features ("Barn och unga",
 * the whole country) fall in the tails and are never enumerated, yet nothing above the threshold
 * is missed. Within a feature's list, members are visited by their remaining bound R2 = Σ w·φ²
 * over their features from this one on, and the scan stops once √(R2a·R2b) (Cauchy–Schwarz) is
 * below the threshold. If the enumeration still exceeds `maxPairs` the search refuses (TOO_LARGE).
 */
import { AnalyticsInputError } from './errors.js';
import { DEFAULT_OVERLAP_WEIGHTS, overlapScore, type OverlapWeights } from './overlap.js';
import type { Projection } from './projection.js';

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

export interface PairSearch {
  pairs: ScoredPair[];
  /** Pairs enumerated from shared prefix features. */
  pairsEnumerated: number;
  /** Pairs whose bound reached the threshold and were scored exactly. */
  pairsScored: number;
}

export interface PairSearchOptions {
  weights?: Readonly<OverlapWeights>;
  /** May veto a pair before scoring (e.g. skip collaborating pairs). */
  accept?: (a: number, b: number) => boolean;
  /** Refuse (TOO_LARGE) when more pairs than this would be enumerated. Default 10,000,000. */
  maxPairs?: number;
}

const EPS = 1e-9;

interface KeySpace {
  /** Feature key → rank (0 = heaviest). Keys: target groups, then districts, agreements, umbrellas. */
  rankOf: Int32Array;
  /** Rank → weight. */
  weightByRank: Float64Array;
}

/** The global feature order for a weighting, computed once per projection and weights. */
function keySpace(p: Projection, w: Readonly<OverlapWeights>): KeySpace {
  return p.memo(`pair-key-space:${JSON.stringify(w)}`, () => {
    const T = p.tgCount;
    const D = p.districtCount;
    const G = p.agreementCount;
    const K = T + D + G + p.orgCount;
    const weight = new Float64Array(K);
    for (let t = 0; t < T; t++) weight[t] = w.targetGroup * p.tgWeight[t]!;
    for (let d = 0; d < D; d++) weight[T + d] = w.district * p.districtWeight[d]!;
    for (let g = 0; g < G; g++) weight[T + D + g] = w.agreement * p.agreementWeight[g]!;
    for (let u = 0; u < p.orgCount; u++) weight[T + D + G + u] = w.umbrella * p.umbrellaWeight[u]!;
    const order = Int32Array.from({ length: K }, (_, i) => i).sort((x, y) => weight[y]! - weight[x]! || x - y);
    const rankOf = new Int32Array(K);
    const weightByRank = new Float64Array(K);
    order.forEach((key, r) => {
      rankOf[key] = r;
      weightByRank[r] = weight[key]!;
    });
    return { rankOf, weightByRank };
  });
}

interface FeatureLists {
  /** Organisation → [start, end) into ranks/phi, sorted by rank (heaviest feature first). */
  offsets: Int32Array;
  ranks: Int32Array;
  phi: Float64Array;
  /** Rank → largest φ among all organisations. */
  phiMax: Float64Array;
}

const featureListsKey = (w: Readonly<OverlapWeights>) => `pair-feature-lists:${JSON.stringify(w)}`;

/** Every organisation's expanded features, once per projection and weights. */
function featureLists(p: Projection, w: Readonly<OverlapWeights>, space: KeySpace): FeatureLists {
  return p.memo(featureListsKey(w), () => {
    const steps = featureListSteps(p, w, space);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
    }
  });
}

/** Organisations between two pauses of the sliced build (a few milliseconds of work at Sweden scale). */
export const PAIR_SEARCH_SLICE = 4096;

/** Builds the feature lists, pausing (yielding) after every PAIR_SEARCH_SLICE organisations. */
function* featureListSteps(p: Projection, w: Readonly<OverlapWeights>, space: KeySpace): Generator<void, FeatureLists> {
  const N = p.orgCount;
  const T = p.tgCount;
  const D = p.districtCount;
  const G = p.agreementCount;
  const { rankOf, weightByRank } = space;
  const phiMax = new Float64Array(weightByRank.length);
  const offsets = new Int32Array(N + 1);
  let ranks = new Int32Array(Math.max(16, N * 10));
  let phi = new Float64Array(ranks.length);
  let n = 0;
  const acc = new Float64Array(weightByRank.length);
  const touched: number[] = [];
  const add = (key: number, f: number) => {
    const r = rankOf[key]!;
    if (!(f > 0) || !(weightByRank[r]! > 0)) return;
    if (acc[r] === 0) touched.push(r);
    acc[r] = acc[r]! + f;
  };
  const steps = (direct: typeof p.orgTg, ancestors: readonly Int32Array[], o: number, h: number) => {
    let best = Number.POSITIVE_INFINITY;
    for (let k = direct.start(o); k < direct.end(o); k++) {
      const g = direct.values[k]!;
      if (g === h) return 0;
      const anc = ancestors[g]!;
      for (let i = 0; i < anc.length; i++) if (anc[i] === h && i + 1 < best) best = i + 1;
    }
    return best;
  };
  for (let o = 0; o < N; o++) {
    if (o > 0 && o % PAIR_SEARCH_SLICE === 0) yield;
    touched.length = 0;
    if (w.targetGroup > 0) {
      for (let k = p.orgTgClosure.start(o); k < p.orgTgClosure.end(o); k++) {
        const t = p.orgTgClosure.values[k]!;
        add(t, Math.pow(w.hierarchyDiscount, steps(p.orgTg, p.tgAncestors, o, t)));
      }
    }
    if (w.district > 0) {
      for (let k = p.orgDistrictClosure.start(o); k < p.orgDistrictClosure.end(o); k++) {
        const d = p.orgDistrictClosure.values[k]!;
        add(T + d, Math.pow(w.hierarchyDiscount, steps(p.orgDistrict, p.districtAncestors, o, d)));
      }
      if (w.adjacency > 0) {
        for (let k = p.orgDistrict.start(o); k < p.orgDistrict.end(o); k++) {
          const x = p.orgDistrict.values[k]!;
          for (let m = p.districtAdjacency.start(x); m < p.districtAdjacency.end(x); m++) {
            const y = p.districtAdjacency.values[m]!;
            // overlap.ts never counts adjacency to a district the organisation is in itself.
            if (!p.orgDistrict.has(o, y)) add(T + y, w.adjacency);
          }
        }
      }
    }
    if (w.agreement > 0) {
      for (let k = p.orgAgreement.start(o); k < p.orgAgreement.end(o); k++) add(T + D + p.orgAgreement.values[k]!, 1);
    }
    if (w.umbrella > 0) {
      for (let k = p.orgUmbrella.start(o); k < p.orgUmbrella.end(o); k++) add(T + D + G + p.orgUmbrella.values[k]!, 1);
    }
    touched.sort((x, y) => x - y);
    if (n + touched.length > ranks.length) {
      const size = Math.max(ranks.length * 2, n + touched.length);
      const r2 = new Int32Array(size);
      r2.set(ranks);
      ranks = r2;
      const p2 = new Float64Array(size);
      p2.set(phi);
      phi = p2;
    }
    for (const r of touched) {
      const f = acc[r]!;
      acc[r] = 0;
      ranks[n] = r;
      phi[n] = f;
      if (f > phiMax[r]!) phiMax[r] = f;
      n++;
    }
    offsets[o + 1] = n;
  }
  return { offsets, ranks: ranks.slice(0, n), phi: phi.slice(0, n), phiMax };
}

/** Build the memoised search indexes for these weights now (see warm.ts). */
export function preparePairSearch(p: Projection, weights: Readonly<OverlapWeights> = DEFAULT_OVERLAP_WEIGHTS): void {
  featureLists(p, weights, keySpace(p, weights));
}

/**
 * The same, a slice of organisations at a time with `pause()` awaited between slices, so other
 * work (requests) runs meanwhile; it stops early when `stale()` says the projection is no longer
 * wanted. A search that needs the indexes before they are ready builds them itself.
 */
export async function preparePairSearchInSlices(p: Projection, pause: () => Promise<void>, stale: () => boolean, weights: Readonly<OverlapWeights> = DEFAULT_OVERLAP_WEIGHTS): Promise<void> {
  if (p.memoised(featureListsKey(weights))) return;
  const space = keySpace(p, weights);
  const steps = featureListSteps(p, weights, space);
  for (;;) {
    const next = steps.next();
    if (next.done) {
      p.memo(featureListsKey(weights), () => next.value);
      return;
    }
    await pause();
    if (stale()) return;
  }
}

export function searchPairs(
  p: Projection,
  orgs: Int32Array,
  threshold: number,
  options: PairSearchOptions = {},
): PairSearch {
  const w = options.weights ?? DEFAULT_OVERLAP_WEIGHTS;
  const maxPairs = options.maxPairs ?? 10_000_000;
  const space = keySpace(p, w);
  const { offsets: orgOffsets, ranks, phi, phiMax } = featureLists(p, w, space);
  const weight = space.weightByRank;
  // Scope position → the organisation's slice of the global lists.
  const offsets = new Int32Array(orgs.length * 2);
  let total = 0;
  for (let s = 0; s < orgs.length; s++) {
    offsets[2 * s] = orgOffsets[orgs[s]!]!;
    offsets[2 * s + 1] = orgOffsets[orgs[s]! + 1]!;
    total += offsets[2 * s + 1]! - offsets[2 * s]!;
  }

  // Prefix features per organisation (its list is already heaviest first), with the
  // Cauchy–Schwarz remainder R2 = Σ w·φ² over its features from this one on.
  const rowCount = weight.length;
  const entryFeature = new Int32Array(total);
  const entryPos = new Int32Array(total);
  const entryR2 = new Float64Array(total);
  const entryStart = new Int32Array(orgs.length + 1);
  let entries = 0;
  for (let s = 0; s < orgs.length; s++) {
    const from = offsets[2 * s]!;
    const to = offsets[2 * s + 1]!;
    let tail = 0;
    let cut = to; // [from, cut) is the prefix
    for (let k = to - 1; k >= from; k--) {
      const r = ranks[k]!;
      tail += weight[r]! * phi[k]! * phiMax[r]!;
      if (tail >= threshold - EPS) break;
      cut = k;
    }
    let rem = 0;
    for (let k = to - 1; k >= from; k--) {
      rem += weight[ranks[k]!]! * phi[k]! * phi[k]!;
      if (k < cut) entryR2[entries + (k - from)] = rem;
    }
    for (let k = from; k < cut; k++) {
      entryFeature[entries] = ranks[k]!;
      entryPos[entries] = s;
      entries++;
    }
    entryStart[s + 1] = entries;
  }
  // Inverted index: feature → entries, largest R2 first (so a scan can stop early).
  const rowStart = new Int32Array(rowCount + 1);
  for (let e = 0; e < entries; e++) rowStart[entryFeature[e]! + 1]!++;
  for (let f = 0; f < rowCount; f++) rowStart[f + 1]! += rowStart[f]!;
  const fillAt = rowStart.slice(0, rowCount);
  const rows = new Int32Array(entries);
  for (let e = 0; e < entries; e++) rows[fillAt[entryFeature[e]!]!++] = e;
  const byR2 = (x: number, y: number) => entryR2[y]! - entryR2[x]! || x - y;
  for (let f = 0; f < rowCount; f++) {
    if (rowStart[f + 1]! - rowStart[f]! > 1) rows.subarray(rowStart[f]!, rowStart[f + 1]!).sort(byR2);
  }

  // Enumerate: for each organisation's prefix features in global order, the other organisations
  // with that feature in their prefix, while R2a·R2b can still reach threshold²; bound with S;
  // score survivors exactly. A pair is decided at the first feature it shares (the heaviest).
  const t2 = threshold * threshold - EPS;
  const seen = new Int32Array(orgs.length).fill(-1);
  const pairs: ScoredPair[] = [];
  let pairsEnumerated = 0;
  let pairsScored = 0;
  for (let s = 0; s < orgs.length; s++) {
    for (let e = entryStart[s]!; e < entryStart[s + 1]!; e++) {
      const f = entryFeature[e]!;
      const r2a = entryR2[e]!;
      for (let m = rowStart[f]!; m < rowStart[f + 1]!; m++) {
        const other = rows[m]!;
        if (r2a * entryR2[other]! < t2) break;
        const t = entryPos[other]!;
        if (t <= s || seen[t] === s) continue;
        seen[t] = s;
        if (++pairsEnumerated > maxPairs) {
          throw new AnalyticsInputError(
            'TOO_LARGE',
            'threshold',
            `The pair search enumerated more than ${maxPairs} candidate pairs: raise the threshold or narrow the scope.`,
            maxPairs,
          );
        }
        const a = orgs[s]!;
        const b = orgs[t]!;
        if (options.accept && !options.accept(a, b)) continue;
        // Upper bound S(a, b).
        let bound = 0;
        let i = offsets[2 * s]!;
        let j = offsets[2 * t]!;
        const ie = offsets[2 * s + 1]!;
        const je = offsets[2 * t + 1]!;
        while (i < ie && j < je) {
          const x = ranks[i]!;
          const y = ranks[j]!;
          if (x === y) {
            bound += weight[x]! * phi[i]! * phi[j]!;
            i++;
            j++;
          } else if (x < y) i++;
          else j++;
        }
        if (bound < threshold - EPS) continue;
        pairsScored++;
        const score = overlapScore(p, a, b, w);
        if (score >= threshold - EPS && score > 0) pairs.push({ a, b, score });
      }
    }
  }
  return { pairs, pairsEnumerated, pairsScored };
}
