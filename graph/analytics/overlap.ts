/**
 * Overlap between two organisations, weighted by how specific what they share is (inverse
 * frequency, projection.ts `specificity`: 1 when only the two have it, 0 when every organisation
 * has it; n counted with the closure, so a broad group or a large area is as common as everything
 * under it). What more than a quarter of all organisations share is marked common.
 *
 * - Target groups: a group both serve counts its full specificity. Groups they only meet in a
 *   broader group (one serves "Ensamkommande barn", the other "Barn och unga", or two sibling groups)
 *   count the broader group's (lower) specificity, discounted per step from each side's own group.
 *   Only the narrowest shared broader groups count; a broader group above something already shared
 *   adds nothing.
 * - Districts: the same with the district hierarchy (a shared broader area counts only up to the
 *   municipality unless one of them is active there directly), plus adjacency: a district of one
 *   bordering a district of the other counts `adjacency` × the specificity of the two together, less
 *   than either district shared. Districts that are shared as such do not count as adjacent too.
 * - Agreements both are party to (summary records excluded) and umbrella organisations both are
 *   members of, with their own specificity.
 *
 * The score is the sum of the reasons' weights.
 */
import type { Csr } from './csr.js';
import type { Projection } from './projection.js';
import { isCommon, specificity } from './projection.js';
import { compareReasons, type Reason } from './reasons.js';

export interface OverlapWeights {
  targetGroup: number;
  district: number;
  agreement: number;
  umbrella: number;
  /** Multiplier per taxonomy or hierarchy step when two organisations meet only in a broader group/area. */
  hierarchyDiscount: number;
  /** Multiplier for adjacent (rather than shared) districts. */
  adjacency: number;
}

export const DEFAULT_OVERLAP_WEIGHTS: Readonly<OverlapWeights> = Object.freeze({
  targetGroup: 1,
  district: 1,
  agreement: 1,
  umbrella: 1,
  hierarchyDiscount: 0.5,
  adjacency: 0.5,
});

let scratch = new Int32Array(256);

/** Sorted intersection of two Csr rows into `scratch` from `at`; returns the new end. */
function intersectInto(csr: Csr, a: number, b: number, at: number): number {
  const v = csr.values;
  let i = csr.start(a);
  let j = csr.start(b);
  const ie = csr.end(a);
  const je = csr.end(b);
  let n = at;
  while (i < ie && j < je) {
    const x = v[i]!;
    const y = v[j]!;
    if (x === y) {
      if (n >= scratch.length) {
        const s = new Int32Array(scratch.length * 2);
        s.set(scratch);
        scratch = s;
      }
      scratch[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

function indexOf(arr: Int32Array, v: number): number {
  for (let i = 0; i < arr.length; i++) if (arr[i] === v) return i;
  return -1;
}

/** Fewest steps from one of the row's own values up to `h` (0 if the row holds h itself). */
function stepsUp(direct: Csr, row: number, h: number, ancestors: readonly Int32Array[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = direct.start(row); k < direct.end(row); k++) {
    const g = direct.values[k]!;
    if (g === h) return 0;
    const idx = indexOf(ancestors[g]!, h);
    if (idx >= 0 && idx + 1 < best) best = idx + 1;
  }
  return best;
}

interface HierarchyView {
  direct: Csr;
  closure: Csr;
  ancestors: readonly Int32Array[];
  weight: Float64Array;
  common: Uint8Array;
  /** May a broader value count when neither organisation names it directly? */
  broaderCountable: (h: number) => boolean;
}

/**
 * Exact and broader matches in one hierarchy. Pushes reasons built by `reason(ids, weight, match)`.
 */
function hierarchyComponent(
  view: HierarchyView,
  a: number,
  b: number,
  factor: number,
  discount: number,
  reasons: Reason[] | undefined,
  kind: 'SHARED_TARGET_GROUP' | 'SHARED_DISTRICT',
  ids: readonly string[],
  pair: [string, string],
): number {
  let total = 0;
  const exactEnd = intersectInto(view.direct, a, b, 0);
  for (let k = 0; k < exactEnd; k++) {
    const t = scratch[k]!;
    const w = factor * view.weight[t]!;
    total += w;
    if (reasons) reasons.push(reasonFor(kind, ids[t]!, w, 'SAME', pair, view.common[t] === 1));
  }
  const sharedEnd = intersectInto(view.closure, a, b, exactEnd);
  const sharedCount = sharedEnd - exactEnd;
  if (sharedCount === exactEnd) return total; // only the exact ones (every exact value is in the closure too)
  for (let k = exactEnd; k < sharedEnd; k++) {
    const h = scratch[k]!;
    // Exact already?
    let isExact = false;
    for (let e = 0; e < exactEnd; e++) {
      if (scratch[e] === h) {
        isExact = true;
        break;
      }
    }
    if (isExact) continue;
    // Covered: some other shared value lies below h.
    let covered = false;
    for (let m = exactEnd; m < sharedEnd; m++) {
      const g = scratch[m]!;
      if (g !== h && indexOf(view.ancestors[g]!, h) >= 0) {
        covered = true;
        break;
      }
    }
    if (covered) continue;
    const sa = stepsUp(view.direct, a, h, view.ancestors);
    const sb = stepsUp(view.direct, b, h, view.ancestors);
    if (sa !== 0 && sb !== 0 && !view.broaderCountable(h)) continue;
    const w = factor * view.weight[h]! * Math.pow(discount, sa + sb);
    if (w <= 0) continue;
    total += w;
    if (reasons) reasons.push(reasonFor(kind, ids[h]!, w, 'BROADER', pair, view.common[h] === 1));
  }
  return total;
}

function reasonFor(
  kind: 'SHARED_TARGET_GROUP' | 'SHARED_DISTRICT',
  id: string,
  weight: number,
  match: 'SAME' | 'BROADER',
  organisationIds: [string, string],
  common: boolean,
): Reason {
  return kind === 'SHARED_TARGET_GROUP'
    ? { kind, weight, organisationIds, common, match, targetGroupIds: [id] }
    : { kind, weight, organisationIds, common, match, districtIds: [id] };
}

const viewCache = new WeakMap<Projection, { tg: HierarchyView; district: HierarchyView }>();

function views(p: Projection): { tg: HierarchyView; district: HierarchyView } {
  let v = viewCache.get(p);
  if (!v) {
    const kinds = p.districtKinds;
    v = {
      tg: {
        direct: p.orgTg,
        closure: p.orgTgClosure,
        ancestors: p.tgAncestors,
        weight: p.tgWeight,
        common: p.tgCommon,
        broaderCountable: () => true,
      },
      district: {
        direct: p.orgDistrict,
        closure: p.orgDistrictClosure,
        ancestors: p.districtAncestors,
        weight: p.districtWeight,
        common: p.districtCommon,
        broaderCountable: (h) => kinds[h] !== 'COUNTRY' && kinds[h] !== 'REGION',
      },
    };
    viewCache.set(p, v);
  }
  return v;
}

/**
 * Overlap of organisations a and b (dense indexes). With `reasons`, pushes one reason per shared
 * feature (unsorted); the return value is the sum of their weights.
 */
export function overlapScore(
  p: Projection,
  a: number,
  b: number,
  w: Readonly<OverlapWeights> = DEFAULT_OVERLAP_WEIGHTS,
  reasons?: Reason[],
): number {
  const v = views(p);
  const pair: [string, string] = [p.orgIds[a]!, p.orgIds[b]!];
  let total = 0;
  if (w.targetGroup > 0) {
    total += hierarchyComponent(v.tg, a, b, w.targetGroup, w.hierarchyDiscount, reasons, 'SHARED_TARGET_GROUP', p.tgIds, pair);
  }
  if (w.district > 0) {
    total += hierarchyComponent(
      v.district,
      a,
      b,
      w.district,
      w.hierarchyDiscount,
      reasons,
      'SHARED_DISTRICT',
      p.districtIds,
      pair,
    );
    if (w.adjacency > 0) total += adjacencyComponent(p, a, b, w.district * w.adjacency, reasons, pair);
  }
  if (w.agreement > 0) {
    const end = intersectInto(p.orgAgreement, a, b, 0);
    for (let k = 0; k < end; k++) {
      const g = scratch[k]!;
      const weight = w.agreement * p.agreementWeight[g]!;
      if (weight <= 0) continue;
      total += weight;
      if (reasons) reasons.push({ kind: 'COMMON_AGREEMENT', weight, organisationIds: pair, common: p.agreementCommon[g] === 1, agreementIds: [p.agreements[g]!.id] });
    }
  }
  if (w.umbrella > 0) {
    const end = intersectInto(p.orgUmbrella, a, b, 0);
    for (let k = 0; k < end; k++) {
      const u = scratch[k]!;
      const weight = w.umbrella * p.umbrellaWeight[u]!;
      total += weight;
      if (reasons) reasons.push({ kind: 'COMMON_UMBRELLA', weight, organisationIds: pair, common: p.umbrellaCommon[u] === 1, umbrellaIds: [p.orgIds[u]!] });
    }
  }
  return total;
}

function adjacencyComponent(p: Projection, a: number, b: number, factor: number, reasons: Reason[] | undefined, pair: [string, string]): number {
  const od = p.orgDistrict;
  const adj = p.districtAdjacency;
  let total = 0;
  for (let k = od.start(a); k < od.end(a); k++) {
    const x = od.values[k]!;
    if (od.has(b, x)) continue;
    for (let m = adj.start(x); m < adj.end(x); m++) {
      const y = adj.values[m]!;
      if (!od.has(b, y) || od.has(a, y)) continue;
      const n = p.districtOrgClosure.size(x) + p.districtOrgClosure.size(y);
      const weight = factor * specificity(n, p.population);
      total += weight;
      if (reasons) reasons.push({ kind: 'ADJACENT_DISTRICT', weight, organisationIds: pair, common: isCommon(n, p.population), districtIds: [p.districtIds[x]!, p.districtIds[y]!] });
    }
  }
  return total;
}

export interface OverlapResult {
  organisationIds: [string, string];
  score: number;
  /** Strongest first. */
  reasons: Reason[];
  collaborating: boolean;
  collaborationIds: string[];
  projectionBuiltAt: number;
}

/** Overlap between two organisations by id, with its reasons. Unknown ids throw AnalyticsInputError. */
export function overlap(
  p: Projection,
  organisationId: string,
  otherOrganisationId: string,
  weights: Partial<OverlapWeights> = {},
): OverlapResult {
  const a = p.requireOrganisation(organisationId, 'organisationId');
  const b = p.requireOrganisation(otherOrganisationId, 'otherOrganisationId');
  const w = { ...DEFAULT_OVERLAP_WEIGHTS, ...weights };
  const reasons: Reason[] = [];
  overlapScore(p, a, b, w, reasons);
  reasons.sort(compareReasons);
  const shared = p.sharedCollaborations(a, b);
  return {
    organisationIds: [organisationId, otherOrganisationId],
    score: sumWeights(reasons),
    reasons,
    collaborating: shared.length > 0,
    collaborationIds: shared.map((c) => p.collaborationIds[c]!),
    projectionBuiltAt: p.builtAt,
  };
}

export function sumWeights(reasons: readonly Reason[]): number {
  let s = 0;
  for (const r of reasons) s += r.weight;
  return s;
}
