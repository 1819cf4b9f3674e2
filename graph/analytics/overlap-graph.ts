/**
 * The overlap graph for a filter: the organisations in scope as nodes, an edge for every pair whose
 * overlap is at or above the threshold, each edge marked when the two already collaborate.
 */
import { AnalyticsInputError, invalidArgument } from './errors.js';
import { compareIds } from './ordering.js';
import { ownerCache } from './owner-cache.js';
import { DEFAULT_OVERLAP_WEIGHTS, overlapScore, type OverlapWeights } from './overlap.js';
import { searchPairs } from './pair-candidates.js';
import type { Projection } from './projection.js';
import { compareReasons, type Reason } from './reasons.js';
import { resolveScope, scopeKey, type OrganisationScope } from './scope.js';

export interface OverlapGraphOptions {
  scope?: OrganisationScope;
  /** Minimum overlap for an edge (inclusive). Default 0.5. */
  threshold?: number;
  /** More organisations in scope than this → AnalyticsInputError TOO_LARGE (narrow the filter). Default 2000. */
  maxNodes?: number;
  /** Refuse (TOO_LARGE) when the pair search would enumerate more pairs (see pair-candidates.ts). */
  maxPairs?: number;
  includeReasons?: boolean;
  /** Also draw collaborating pairs below the threshold (marked, with their overlap). Default false. */
  includeCollaborationsBelowThreshold?: boolean;
  weights?: Partial<OverlapWeights>;
}

export interface OverlapGraphNode {
  id: string;
  name: string;
  targetGroupIds: string[];
  districtIds: string[];
  collaborationCount: number;
}

export interface OverlapGraphEdge {
  source: string;
  target: string;
  weight: number;
  collaborating: boolean;
  collaborationIds: string[];
  reasons?: Reason[];
}

export interface OverlapGraph {
  nodes: OverlapGraphNode[];
  edges: OverlapGraphEdge[];
  threshold: number;
  projectionBuiltAt: number;
}

/** Overlap graphs kept per projection (the network page asks for the same view again and again), 16 at most. */
const cachedGraph = ownerCache<OverlapGraph>(16);

/**
 * overlapGraph, remembered for the life of the projection (it is immutable): the pair search at
 * ~500 organisations takes a few hundred ms, and every view of the network page asks for it. At most 16
 * answers per projection (least recently used goes first), since thresholds and scopes come from
 * requests. Answers without reasons only: add them for the edges shown with withReasons().
 */
export function overlapGraphCached(p: Projection, options: Omit<OverlapGraphOptions, 'includeReasons'> = {}): OverlapGraph {
  const key = JSON.stringify([scopeKey(options.scope), options.threshold ?? 0.5, options.maxNodes ?? 2000, options.maxPairs ?? 0, options.includeCollaborationsBelowThreshold ?? false, options.weights ?? null]);
  return cachedGraph(p, key, () => overlapGraph(p, { ...options, includeReasons: false }));
}

/** The edges with what each pair shares (the same reasons as overlapGraph's includeReasons), as new objects. */
export function withReasons(p: Projection, edges: readonly OverlapGraphEdge[], weightsIn: Partial<OverlapWeights> = {}): OverlapGraphEdge[] {
  const weights = { ...DEFAULT_OVERLAP_WEIGHTS, ...weightsIn };
  return edges.map((e) => {
    const reasons: Reason[] = [];
    overlapScore(p, p.requireOrganisation(e.source, 'source'), p.requireOrganisation(e.target, 'target'), weights, reasons);
    return { ...e, reasons: reasons.sort(compareReasons) };
  });
}

export function overlapGraph(p: Projection, options: OverlapGraphOptions = {}): OverlapGraph {
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0)) throw invalidArgument('threshold', 'threshold must be a number ≥ 0', threshold);
  const maxNodes = options.maxNodes ?? 2000;
  const orgs = resolveScope(p, options.scope);
  if (orgs.length > maxNodes) {
    throw new AnalyticsInputError(
      'TOO_LARGE',
      'scope',
      `The filter matches ${orgs.length} organisations; the overlap graph is limited to ${maxNodes}.`,
      orgs.length,
    );
  }
  const weights = { ...DEFAULT_OVERLAP_WEIGHTS, ...options.weights };
  const search = searchPairs(p, orgs, threshold, { weights, ...(options.maxPairs ? { maxPairs: options.maxPairs } : {}) });
  const pairs = new Map<number, number>();
  for (const pr of search.pairs) pairs.set(pr.a * p.orgCount + pr.b, pr.score);
  if (options.includeCollaborationsBelowThreshold) {
    const inScope = new Uint8Array(p.orgCount);
    for (const o of orgs) inScope[o] = 1;
    for (const a of orgs) {
      for (let k = p.partners.start(a); k < p.partners.end(a); k++) {
        const b = p.partners.values[k]!;
        if (b <= a || !inScope[b]) continue;
        const key = a * p.orgCount + b;
        if (!pairs.has(key)) pairs.set(key, overlapScore(p, a, b, weights));
      }
    }
  }
  const nodes: OverlapGraphNode[] = [...orgs].sort((x, y) => p.compareOrganisations(x, y)).map((o) => ({
    id: p.orgIds[o]!,
    name: p.orgNames[o]!,
    targetGroupIds: [...p.orgTg.row(o)].map((t) => p.tgIds[t]!),
    districtIds: [...p.orgDistrict.row(o)].map((d) => p.districtIds[d]!),
    collaborationCount: p.orgCollaboration.size(o),
  }));
  const edges: OverlapGraphEdge[] = [];
  for (const [key, score] of pairs) {
    const a = Math.floor(key / p.orgCount);
    const b = key - a * p.orgCount;
    const shared = p.sharedCollaborations(a, b);
    const [x, y] = compareIds(p.orgIds[a]!, p.orgIds[b]!) <= 0 ? [a, b] : [b, a];
    const edge: OverlapGraphEdge = {
      source: p.orgIds[x]!,
      target: p.orgIds[y]!,
      weight: score,
      collaborating: shared.length > 0,
      collaborationIds: shared.map((c) => p.collaborationIds[c]!),
    };
    if (options.includeReasons) {
      const reasons: Reason[] = [];
      overlapScore(p, x, y, weights, reasons);
      edge.reasons = reasons.sort(compareReasons);
    }
    edges.push(edge);
  }
  edges.sort(
    (e, f) => f.weight - e.weight || compareIds(e.source, f.source) || compareIds(e.target, f.target),
  );
  return { nodes, edges, threshold, projectionBuiltAt: p.builtAt };
}
