/**
 * Collaboration gaps within a scope (typically one target group, optionally a district), each with
 * its evidence:
 *
 * - HIGH_OVERLAP_PAIR: two organisations whose overlap is at or above the threshold and that do not
 *   collaborate (nor have accepted a suggestion of each other); evidence: the overlap reasons.
 * - HIGH_OVERLAP_CLUSTER: three or more organisations held together by such pairs (connected
 *   components of the high-overlap, non-collaborating pairs; components larger than maxClusterSize
 *   are split with Louvain) with no collaboration at all among them; evidence: pair count, mean
 *   overlap, the target groups and districts all of them name.
 * - TARGET_GROUP_WITHOUT_COLLABORATION: a target group (the scope's groups and their narrower
 *   groups, or every group) with at least minOrganisations organisations in scope, in the whole
 *   scope (districtId null) or in one municipality, stadsdelsområde or stadsdel, and no
 *   collaboration among them; evidence: the organisations.
 * - NO_COLLABORATION: organisations in scope with no collaboration recorded (the graph holds only
 *   the collaborations a source or a person recorded; `totals.withRecordedCollaboration` says how many).
 *
 * Pairs come from pair-candidates.ts (exact: every pair at or above the threshold). A broad scope
 * (the largest target group of the whole country has tens of thousands of organisations and
 * millions of pairs above the threshold) is answered as a ranked list, a page at a time: the search
 * starts high and lowers its threshold until it has the page (each step's work bounded), so the
 * pairs listed are the strongest ones exactly, and the answer says down to which overlap the list is
 * complete (`pairThreshold`; `pairsComplete` when that is the threshold asked for). Where even
 * that is out of reach (scopes over `exactPairScope` organisations: the largest group of the whole
 * country, where the exact search's bounds let millions of pairs through at any useful threshold),
 * the pairs are the strongest among those sharing one of their rarest features (a stadsdel, a narrow
 * target group, an agreement or umbrella with few members), scored exactly, rarest features first
 * within a budget of pairs, and the answer says so (`pairsExact` false). Clusters are worked out
 * from the strongest pairs found (at most 20,000).
 */
import type { DistrictKind } from '../model/types.js';
import type { Csr } from './csr.js';
import { UndirectedGraph, louvain } from './graphology-interop.js';
import { AnalyticsInputError, invalidArgument } from './errors.js';
import { compareIds, nameRanks, topK } from './ordering.js';
import { DEFAULT_OVERLAP_WEIGHTS, overlapScore, type OverlapWeights } from './overlap.js';
import { searchPairs, type ScoredPair } from './pair-candidates.js';
import { mulberry32 } from './prng.js';
import type { Projection } from './projection.js';
import { compareReasons, type Reason } from './reasons.js';
import { resolveScope, type OrganisationScope } from './scope.js';

export interface CollaborationGapOptions {
  scope?: OrganisationScope;
  /**
   * Minimum overlap for a pair to count as high (inclusive). Default 0.8: about a shared stadsdel
   * plus a shared specific target group at Sweden scale.
   */
  threshold?: number;
  /** Maximum entries per list (totals are always complete). Default 50. */
  limit?: number;
  /** "Several" organisations for a target-group gap. Default 3. */
  minOrganisations?: number;
  maxClusterSize?: number;
  /** Pairs one step of the pair search may enumerate (see pair-candidates.ts). Default 1,000,000. */
  maxPairs?: number;
  /** Pairs skipped before the page (the page is `limit` pairs from here). Default 0. */
  pairOffset?: number;
  /** Above this many organisations in scope, pairs come from their rarest features (not exact). Default 20,000. */
  exactPairScope?: number;
  /** Pairs scored at most when they come from the rarest features. Default 100,000. */
  rarePairBudget?: number;
  weights?: Partial<OverlapWeights>;
}

export interface PairGap {
  kind: 'HIGH_OVERLAP_PAIR';
  organisationIds: [string, string];
  score: number;
  evidence: { reasons: Reason[] };
}

export interface ClusterGap {
  kind: 'HIGH_OVERLAP_CLUSTER';
  organisationIds: string[];
  evidence: {
    pairCount: number;
    meanOverlap: number;
    sharedTargetGroupIds: string[];
    sharedDistrictIds: string[];
    collaborationsAmong: 0;
  };
}

export interface TargetGroupGap {
  kind: 'TARGET_GROUP_WITHOUT_COLLABORATION';
  targetGroupId: string;
  /** null = the whole scope. */
  districtId: string | null;
  organisationIds: string[];
  evidence: { organisationCount: number; collaborationsAmong: 0 };
}

export interface IsolatedGap {
  kind: 'NO_COLLABORATION';
  organisationId: string;
  evidence: { targetGroupIds: string[]; districtIds: string[]; acceptedSuggestions: number };
}

export interface CollaborationGaps {
  pairs: PairGap[];
  clusters: ClusterGap[];
  targetGroups: TargetGroupGap[];
  isolated: IsolatedGap[];
  /** Pairs at or above this overlap are all counted and ranked (the threshold asked for, or higher when the scope has too many). */
  pairThreshold: number;
  /** Is the pair list complete down to the threshold asked for? */
  pairsComplete: boolean;
  /** Are the pairs listed exactly the strongest (else: the strongest among pairs sharing one of their rarest features)? */
  pairsExact: boolean;
  /**
   * `withRecordedCollaboration`: organisations in scope with any collaboration recorded. The graph
   * records few (the sources name few), so "no collaboration" means none recorded, not none.
   */
  totals: { organisations: number; pairs: number; clusters: number; targetGroups: number; isolated: number; withRecordedCollaboration: number };
  projectionBuiltAt: number;
}

/** Clusters are worked out from at most this many of the strongest pairs. */
const MAX_CLUSTER_PAIRS = 20_000;

const LOCAL_KINDS: ReadonlySet<DistrictKind> = new Set(['MUNICIPALITY', 'STADSDELSOMRADE', 'STADSDEL']);

export function collaborationGaps(p: Projection, options: CollaborationGapOptions = {}): CollaborationGaps {
  const threshold = options.threshold ?? 0.8;
  const limit = options.limit ?? 50;
  const weights = { ...DEFAULT_OVERLAP_WEIGHTS, ...options.weights };
  const orgs = resolveScope(p, options.scope);

  const offset = options.pairOffset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('pairOffset', 'pairOffset must be a whole number ≥ 0', offset);
  const accept = (a: number, b: number) => !p.extendedPartners.has(a, b);
  const exact = orgs.length <= (options.exactPairScope ?? 20_000);
  const search = exact
    ? strongestPairs(p, orgs, threshold, offset + limit, { weights, maxPairs: options.maxPairs ?? 1_000_000, accept })
    : { pairs: pairsFromRareFeatures(p, orgs, threshold, weights, accept, options.rarePairBudget ?? 100_000), threshold };
  const pairList = [...search.pairs].sort((x, y) => comparePairs(p, x, y));
  const pairs: PairGap[] = pairList.slice(offset, offset + limit).map((pr) => {
    const reasons: Reason[] = [];
    overlapScore(p, pr.a, pr.b, weights, reasons);
    return {
      kind: 'HIGH_OVERLAP_PAIR',
      organisationIds: [p.orgIds[pr.a]!, p.orgIds[pr.b]!],
      score: pr.score,
      evidence: { reasons: reasons.sort(compareReasons) },
    };
  });

  // Clusters from the strongest pairs found (all of them for an exact search of a usual scope).
  const clusters = clusterGaps(p, pairList.length > MAX_CLUSTER_PAIRS ? pairList.slice(0, MAX_CLUSTER_PAIRS) : pairList, options.maxClusterSize ?? 12);
  const targetGroups = targetGroupGaps(p, orgs, options.scope, options.minOrganisations ?? 3, limit);
  const isolated = isolatedOrganisations(p, orgs, limit);

  return {
    pairs,
    clusters: clusters.slice(0, limit),
    targetGroups: targetGroups.first,
    isolated: isolated.first,
    pairThreshold: search.threshold,
    pairsComplete: exact && search.threshold <= threshold,
    pairsExact: exact,
    totals: {
      organisations: orgs.length,
      pairs: search.pairs.length,
      clusters: clusters.length,
      targetGroups: targetGroups.total,
      isolated: isolated.total,
      withRecordedCollaboration: orgs.reduce((n, o) => n + (p.orgCollaboration.size(o) > 0 ? 1 : 0), 0),
    },
    projectionBuiltAt: p.builtAt,
  };
}

/**
 * The pairs at or above the lowest threshold (not below `threshold`) the search reaches within its
 * budget and that gives at least `need` pairs: from high to low, halving the distance to `threshold`
 * each step; a step that would enumerate more than `maxPairs` ends the descent at the step before.
 */
function strongestPairs(
  p: Projection,
  orgs: Int32Array,
  threshold: number,
  need: number,
  options: { weights: OverlapWeights; maxPairs: number; accept: (a: number, b: number) => boolean },
): { pairs: ScoredPair[]; threshold: number } {
  let best: { pairs: ScoredPair[]; threshold: number } | null = null;
  for (let gap = 2; ; gap /= 2) {
    const t = gap < 0.05 ? threshold : threshold + gap;
    try {
      best = { pairs: searchPairs(p, orgs, t, options).pairs, threshold: t };
    } catch (error) {
      if (!(error instanceof AnalyticsInputError) || error.code !== 'TOO_LARGE') throw error;
      if (best) return best;
      throw error;
    }
    if (t === threshold || best.pairs.length >= need) return best;
  }
}

/**
 * Pairs at or above the threshold among those sharing one of their rarest features, scored
 * exactly: the features (direct districts, target groups, agreements, umbrellas) of the
 * organisations in scope, by how many of them have it, rarest first, each feature's pairs until
 * `budget` pairs are scored.
 */
function pairsFromRareFeatures(p: Projection, orgs: Int32Array, threshold: number, weights: OverlapWeights, accept: (a: number, b: number) => boolean, budget: number): ScoredPair[] {
  const T = p.tgCount;
  const D = p.districtCount;
  const G = p.agreementCount;
  // Features by key (target groups, districts, agreements, umbrellas), each with the projection's
  // list of its organisations; counted within the scope without building lists.
  const listOf = (key: number): [Csr, number] => (key < T ? [p.tgOrg, key] : key < T + D ? [p.districtOrg, key - T] : key < T + D + G ? [p.agreementOrg, key - T - D] : [p.umbrellaMembers, key - T - D - G]);
  const inScope = new Uint8Array(p.orgCount);
  const count = new Int32Array(T + D + G + p.orgCount);
  for (const o of orgs) {
    inScope[o] = 1;
    for (let k = p.orgTg.start(o); k < p.orgTg.end(o); k++) count[p.orgTg.values[k]!]!++;
    for (let k = p.orgDistrict.start(o); k < p.orgDistrict.end(o); k++) count[T + p.orgDistrict.values[k]!]!++;
    for (let k = p.orgAgreement.start(o); k < p.orgAgreement.end(o); k++) if (p.agreementWeight[p.orgAgreement.values[k]!]! > 0) count[T + D + p.orgAgreement.values[k]!]!++;
    for (let k = p.orgUmbrella.start(o); k < p.orgUmbrella.end(o); k++) count[T + D + G + p.orgUmbrella.values[k]!]!++;
  }
  const keys: number[] = [];
  for (let key = 0; key < count.length; key++) if (count[key]! >= 2) keys.push(key);
  keys.sort((x, y) => count[x]! - count[y]! || x - y);
  // A pair sharing several of these features is met once per feature: scored again (cheaper than
  // a set of every pair met) and kept once.
  const found: ScoredPair[] = [];
  let members = new Int32Array(64);
  let scored = 0;
  for (const key of keys) {
    if (scored >= budget) break;
    const [csr, row] = listOf(key);
    if (members.length < count[key]!) members = new Int32Array(count[key]! * 2);
    let n = 0;
    for (let k = csr.start(row); k < csr.end(row); k++) {
      const o = csr.values[k]!;
      if (inScope[o]) members[n++] = o;
    }
    for (let i = 0; i < n && scored < budget; i++) {
      for (let j = i + 1; j < n && scored < budget; j++) {
        const a = Math.min(members[i]!, members[j]!);
        const b = Math.max(members[i]!, members[j]!);
        if (!accept(a, b)) continue;
        scored++;
        const score = overlapScore(p, a, b, weights);
        if (score >= threshold - 1e-9 && score > 0) found.push({ a, b, score });
      }
    }
  }
  found.sort((x, y) => x.a - y.a || x.b - y.b);
  return found.filter((x, i) => i === 0 || x.a !== found[i - 1]!.a || x.b !== found[i - 1]!.b);
}

function comparePairs(p: Projection, x: ScoredPair, y: ScoredPair): number {
  const d = y.score - x.score;
  if (Math.abs(d) > 1e-9) return d;
  return p.compareOrganisations(x.a, y.a) || p.compareOrganisations(x.b, y.b);
}

function intersectRows(rows: (o: number) => Int32Array, members: readonly number[]): number[] {
  if (members.length === 0) return [];
  let shared: number[] = [...rows(members[0]!)];
  for (let i = 1; i < members.length && shared.length > 0; i++) {
    const row = new Set<number>(rows(members[i]!));
    shared = shared.filter((x) => row.has(x));
  }
  return shared;
}

function clusterGaps(p: Projection, pairs: readonly ScoredPair[], maxClusterSize: number): ClusterGap[] {
  // Union-find over the high-overlap, non-collaborating pairs.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r)! !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  for (const pr of pairs) {
    if (!parent.has(pr.a)) parent.set(pr.a, pr.a);
    if (!parent.has(pr.b)) parent.set(pr.b, pr.b);
    const ra = find(pr.a);
    const rb = find(pr.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const components = new Map<number, number[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const list = components.get(r);
    if (list) list.push(x);
    else components.set(r, [x]);
  }
  const edgesOf = new Map<number, ScoredPair[]>();
  for (const pr of pairs) {
    const r = find(pr.a);
    const list = edgesOf.get(r);
    if (list) list.push(pr);
    else edgesOf.set(r, [pr]);
  }

  const groups: number[][] = [];
  for (const [root, members] of components) {
    if (members.length < 3) continue;
    if (members.length <= maxClusterSize) {
      groups.push(members);
      continue;
    }
    const g = new UndirectedGraph<Record<string, never>, { weight: number }>();
    for (const m of members) g.addNode(String(m));
    for (const pr of edgesOf.get(root) ?? []) g.addEdge(String(pr.a), String(pr.b), { weight: pr.score });
    const parts = louvain(g, { getEdgeWeight: 'weight', rng: mulberry32(root + 1) });
    const byPart = new Map<number, number[]>();
    for (const [node, c] of Object.entries(parts)) {
      const list = byPart.get(c);
      if (list) list.push(Number(node));
      else byPart.set(c, [Number(node)]);
    }
    for (const part of byPart.values()) if (part.length >= 3) groups.push(part);
  }

  const pairScore = new Map<number, number>();
  for (const pr of pairs) pairScore.set(pr.a * p.orgCount + pr.b, pr.score);
  const out: ClusterGap[] = [];
  for (const members of groups) {
    const set = new Set(members);
    let collaborations = 0;
    for (const a of members) {
      for (let k = p.extendedPartners.start(a); k < p.extendedPartners.end(a); k++) {
        if (set.has(p.extendedPartners.values[k]!)) collaborations++;
      }
    }
    if (collaborations > 0) continue;
    let pairCount = 0;
    let sum = 0;
    for (const a of members) {
      for (const b of members) {
        if (b <= a) continue;
        const s = pairScore.get(a * p.orgCount + b);
        if (s !== undefined) {
          pairCount++;
          sum += s;
        }
      }
    }
    const sortedIds = members.map((o) => p.orgIds[o]!).sort(compareIds);
    out.push({
      kind: 'HIGH_OVERLAP_CLUSTER',
      organisationIds: sortedIds,
      evidence: {
        pairCount,
        meanOverlap: pairCount > 0 ? sum / pairCount : 0,
        sharedTargetGroupIds: intersectRows((o) => p.orgTg.row(o), members)
          .map((t) => p.tgIds[t]!)
          .sort(compareIds),
        sharedDistrictIds: intersectRows((o) => p.orgDistrict.row(o), members)
          .map((d) => p.districtIds[d]!)
          .sort(compareIds),
        collaborationsAmong: 0,
      },
    });
  }
  out.sort(
    (x, y) =>
      y.organisationIds.length - x.organisationIds.length ||
      y.evidence.meanOverlap - x.evidence.meanOverlap ||
      compareIds(x.organisationIds[0]!, y.organisationIds[0]!),
  );
  return out;
}

function targetGroupGaps(
  p: Projection,
  orgs: Int32Array,
  scope: OrganisationScope | undefined,
  minOrganisations: number,
  limit: number,
): { total: number; first: TargetGroupGap[] } {
  const inScope = new Uint8Array(p.orgCount);
  for (const o of orgs) inScope[o] = 1;
  let groups: number[];
  if (scope?.targetGroupIds) {
    const set = new Set<number>();
    for (const id of scope.targetGroupIds) {
      const t = p.requireTargetGroup(id, 'targetGroupIds');
      set.add(t);
      if (scope.includeNarrowerTargetGroups ?? true) for (const s of p.tgDescendants[t]!) set.add(s);
    }
    groups = [...set];
  } else {
    groups = Array.from({ length: p.tgCount }, (_, t) => t);
  }

  const found: { t: number; d: number; members: Int32Array }[] = [];
  const seen = p.scratchEpoch;
  const local = new Uint8Array(p.districtCount);
  for (let d = 0; d < p.districtCount; d++) local[d] = LOCAL_KINDS.has(p.districtKinds[d]!) ? 1 : 0;
  // Cells of one group: slot 0 = the whole scope, slot d + 1 = district d. Counting sort into `flat`.
  const count = new Int32Array(p.districtCount + 2);
  let flat = new Int32Array(1024);
  for (const t of groups) {
    count.fill(0);
    let entries = 0;
    for (let k = p.tgOrgClosure.start(t); k < p.tgOrgClosure.end(t); k++) {
      const o = p.tgOrgClosure.values[k]!;
      if (!inScope[o]) continue;
      count[1]!++;
      entries++;
      for (let m = p.orgDistrictClosure.start(o); m < p.orgDistrictClosure.end(o); m++) {
        const d = p.orgDistrictClosure.values[m]!;
        if (local[d]) {
          count[d + 2]!++;
          entries++;
        }
      }
    }
    if (entries === 0) continue;
    for (let c = 1; c < count.length; c++) count[c]! += count[c - 1]!; // count[c] = start of slot c
    if (flat.length < entries) flat = new Int32Array(entries * 2);
    const fill = count.slice();
    for (let k = p.tgOrgClosure.start(t); k < p.tgOrgClosure.end(t); k++) {
      const o = p.tgOrgClosure.values[k]!;
      if (!inScope[o]) continue;
      flat[fill[0]!++] = o;
      for (let m = p.orgDistrictClosure.start(o); m < p.orgDistrictClosure.end(o); m++) {
        const d = p.orgDistrictClosure.values[m]!;
        if (local[d]) flat[fill[d + 1]!++] = o;
      }
    }
    for (let slot = 0; slot <= p.districtCount; slot++) {
      const from = count[slot]!;
      const to = count[slot + 1]!;
      if (to - from < minOrganisations) continue;
      const epoch = p.nextEpoch();
      for (let i = from; i < to; i++) seen[flat[i]!] = epoch;
      let collaborating = false;
      outer: for (let i = from; i < to; i++) {
        const o = flat[i]!;
        for (let k = p.extendedPartners.start(o); k < p.extendedPartners.end(o); k++) {
          if (seen[p.extendedPartners.values[k]!] === epoch) {
            collaborating = true;
            break outer;
          }
        }
      }
      if (!collaborating) found.push({ t, d: slot - 1, members: flat.slice(from, to) });
    }
  }
  const tgRank = p.memo('tg-name-rank', () => nameRanks(p.tgNames, p.tgIds));
  const dRank = p.memo('district-name-rank', () => nameRanks(p.districtNames, p.districtIds));
  found.sort(
    (x, y) =>
      y.members.length - x.members.length ||
      tgRank[x.t]! - tgRank[y.t]! ||
      (x.d < 0 ? -1 : dRank[x.d]!) - (y.d < 0 ? -1 : dRank[y.d]!),
  );
  return {
    total: found.length,
    first: found.slice(0, limit).map(({ t, d, members }) => ({
      kind: 'TARGET_GROUP_WITHOUT_COLLABORATION',
      targetGroupId: p.tgIds[t]!,
      districtId: d < 0 ? null : p.districtIds[d]!,
      organisationIds: [...members].map((o) => p.orgIds[o]!).sort(compareIds),
      evidence: { organisationCount: members.length, collaborationsAmong: 0 },
    })),
  };
}


function isolatedOrganisations(
  p: Projection,
  orgs: Int32Array,
  limit: number,
): { total: number; first: IsolatedGap[] } {
  const list: number[] = [];
  for (const o of orgs) if (p.partners.size(o) === 0) list.push(o);
  const first = topK(list, limit, (a, b) => p.compareOrganisations(a, b));
  return { total: list.length, first: first.map((o) => ({
    kind: 'NO_COLLABORATION',
    organisationId: p.orgIds[o]!,
    evidence: {
      targetGroupIds: [...p.orgTg.row(o)].map((t) => p.tgIds[t]!),
      districtIds: [...p.orgDistrict.row(o)].map((d) => p.districtIds[d]!),
      acceptedSuggestions: p.acceptedPartners.size(o),
    },
  })) };
}

