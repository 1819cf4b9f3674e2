/**
 * Candidate generation for partnership suggestions, starting from what is specific.
 *
 * The organisation's features (its target groups and their broader groups, its districts, their
 * broader areas and bordering districts, agreements, umbrellas, complementary resources, partners of
 * partners) are taken in order of frequency, rarest first. A feature's members are collected only
 * while the feature has at most `hubCap` members and the scan budget lasts; larger features ("hubs":
 * "Barn och unga" with tens of thousands of organisations, the whole municipality) are not scanned
 * but still add their weight to every candidate found elsewhere (a membership test per candidate).
 * Only if that finds too few candidates is a hub scanned: the smallest one, from a deterministic
 * offset, up to `hubScanLimit` members, keeping members that share another hub too when there is one.
 *
 * Every collected candidate gets a cheap proxy score (the sum of the weights of the features it
 * shares); the best `rescore` of them are scored exactly by suggestions.ts. Cost is bounded by the
 * scan budget, independent of how common the organisation's target groups are.
 */
import type { Csr } from './csr.js';
import type { OverlapWeights } from './overlap.js';
import { hashString } from './prng.js';
import type { Projection } from './projection.js';
import { adamicAdar, specificity } from './projection.js';

export interface CandidateLimits {
  /** Features with more members than this are hubs (not scanned). Default 2000. */
  hubCap: number;
  /** Total members scanned across non-hub features. Default 40000. */
  scanBudget: number;
  /** Scan a hub when fewer candidates than this were found. Default 100. */
  minCandidates: number;
  /** Members scanned in that hub. Default 20000. */
  hubScanLimit: number;
  /** Candidates passed on for exact scoring. Default 300. */
  rescore: number;
}

export const DEFAULT_CANDIDATE_LIMITS: Readonly<CandidateLimits> = Object.freeze({
  hubCap: 2000,
  scanBudget: 40000,
  minCandidates: 100,
  hubScanLimit: 20000,
  rescore: 300,
});

export interface CandidateWeights extends OverlapWeights {
  triadic: number;
  resource: number;
}

interface Feature {
  csr: Csr;
  row: number;
  weight: number;
  /** Does organisation m have this feature? */
  has: (m: number) => boolean;
}

export interface CandidateSet {
  /** Dense organisation indexes, best proxy first. */
  candidates: number[];
  /** Organisations touched in total. */
  considered: number;
}

/**
 * Candidates for organisation `a`. `exclude(m)` drops organisations that must not be suggested
 * (self, partners, decided ones, the other side of the synthetic/real line).
 */
export function generateCandidates(
  p: Projection,
  a: number,
  w: Readonly<CandidateWeights>,
  limits: Readonly<CandidateLimits>,
  exclude: (m: number) => boolean,
): CandidateSet {
  const features = collectFeatures(p, a, w);
  features.sort((x, y) => x.csr.size(x.row) - y.csr.size(y.row) || y.weight - x.weight);

  const score = p.scratchScore;
  const mark = p.scratchEpoch;
  const epoch = p.nextEpoch();
  const touched: number[] = [];
  const touch = (m: number, weight: number) => {
    if (mark[m] !== epoch) {
      mark[m] = epoch;
      score[m] = 0;
      touched.push(m);
    }
    score[m] = score[m]! + weight;
  };

  let budget = limits.scanBudget;
  const hubs: Feature[] = [];
  for (const f of features) {
    const n = f.csr.size(f.row);
    if (n > limits.hubCap || n > budget) {
      hubs.push(f);
      continue;
    }
    budget -= n;
    const v = f.csr.values;
    for (let k = f.csr.start(f.row); k < f.csr.end(f.row); k++) touch(v[k]!, f.weight);
  }

  // Partners of partners (triadic closure), each partner's list capped like a feature.
  const ep = p.extendedPartners;
  for (let k = ep.start(a); k < ep.end(a); k++) {
    const q = ep.values[k]!;
    const deg = ep.size(q);
    if (deg > limits.hubCap) continue;
    const weight = w.triadic * adamicAdar(deg);
    for (let m = ep.start(q); m < ep.end(q); m++) touch(ep.values[m]!, weight);
  }

  if (hubs.length > 0) {
    let eligible = 0;
    for (const m of touched) if (m !== a && !exclude(m)) eligible++;
    const hubScanned = eligible < limits.minCandidates ? hubs[0]! : null;
    // Hub weights for candidates found elsewhere.
    const found = touched.length;
    for (let i = 0; i < found; i++) {
      const m = touched[i]!;
      for (const h of hubs) if (h.has(m)) score[m] = score[m]! + h.weight;
    }
    if (hubScanned) {
      const n = hubScanned.csr.size(hubScanned.row);
      const start = hubScanned.csr.start(hubScanned.row);
      const offset = hashString(p.orgIds[a]!) % n;
      const scan = Math.min(n, limits.hubScanLimit);
      const others = hubs.filter((h) => h !== hubScanned);
      for (let i = 0; i < scan; i++) {
        const m = hubScanned.csr.values[start + ((offset + i) % n)]!;
        if (mark[m] === epoch) continue; // found elsewhere: already has every hub's weight
        let extra = 0;
        let sharesAnother = others.length === 0;
        for (const h of others) {
          if (h.has(m)) {
            extra += h.weight;
            sharesAnother = true;
          }
        }
        if (sharesAnother) touch(m, hubScanned.weight + extra);
      }
    }
  }

  const eligible: number[] = [];
  for (const m of touched) if (m !== a && !exclude(m)) eligible.push(m);
  eligible.sort((x, y) => score[y]! - score[x]! || x - y);
  return { candidates: eligible.slice(0, limits.rescore), considered: touched.length };
}

function collectFeatures(p: Projection, a: number, w: Readonly<CandidateWeights>): Feature[] {
  const out: Feature[] = [];
  const d = w.hierarchyDiscount;
  // Target groups: own (members = everyone serving it or narrower) and broader ones.
  if (w.targetGroup > 0) {
    for (let k = p.orgTgClosure.start(a); k < p.orgTgClosure.end(a); k++) {
      const t = p.orgTgClosure.values[k]!;
      const own = p.orgTg.has(a, t);
      out.push({
        csr: p.tgOrgClosure,
        row: t,
        weight: w.targetGroup * p.tgWeight[t]! * (own ? 1 : d),
        has: (m) => p.orgTgClosure.has(m, t),
      });
    }
  }
  if (w.district > 0) {
    for (let k = p.orgDistrictClosure.start(a); k < p.orgDistrictClosure.end(a); k++) {
      const x = p.orgDistrictClosure.values[k]!;
      const own = p.orgDistrict.has(a, x);
      out.push({
        csr: p.districtOrgClosure,
        row: x,
        weight: w.district * p.districtWeight[x]! * (own ? 1 : d),
        has: (m) => p.orgDistrictClosure.has(m, x),
      });
    }
    if (w.adjacency > 0) {
      const seen = new Set<number>();
      for (let k = p.orgDistrict.start(a); k < p.orgDistrict.end(a); k++) {
        const x = p.orgDistrict.values[k]!;
        for (let m = p.districtAdjacency.start(x); m < p.districtAdjacency.end(x); m++) {
          const y = p.districtAdjacency.values[m]!;
          if (seen.has(y) || p.orgDistrict.has(a, y)) continue;
          seen.add(y);
          out.push({
            csr: p.districtOrg,
            row: y,
            weight: w.district * w.adjacency * specificity(p.districtOrgClosure.size(x) + p.districtOrgClosure.size(y), p.population),
            has: (o) => p.orgDistrict.has(o, y),
          });
        }
      }
    }
  }
  if (w.agreement > 0) {
    for (let k = p.orgAgreement.start(a); k < p.orgAgreement.end(a); k++) {
      const g = p.orgAgreement.values[k]!;
      if (p.agreementWeight[g]! <= 0) continue;
      out.push({
        csr: p.agreementOrg,
        row: g,
        weight: w.agreement * p.agreementWeight[g]!,
        has: (m) => p.orgAgreement.has(m, g),
      });
    }
  }
  if (w.umbrella > 0) {
    for (let k = p.orgUmbrella.start(a); k < p.orgUmbrella.end(a); k++) {
      const u = p.orgUmbrella.values[k]!;
      out.push({
        csr: p.umbrellaMembers,
        row: u,
        weight: w.umbrella * p.umbrellaWeight[u]!,
        has: (m) => p.orgUmbrella.has(m, u),
      });
    }
  }
  if (w.resource > 0) {
    for (let k = p.orgNeeds.start(a); k < p.orgNeeds.end(a); k++) {
      const r = p.orgNeeds.values[k]!;
      out.push({ csr: p.offerers, row: r, weight: w.resource, has: (m) => p.orgOffers.has(m, r) });
    }
    for (let k = p.orgOffers.start(a); k < p.orgOffers.end(a); k++) {
      const r = p.orgOffers.values[k]!;
      out.push({ csr: p.needers, row: r, weight: w.resource, has: (m) => p.orgNeeds.has(m, r) });
    }
  }
  return out;
}
