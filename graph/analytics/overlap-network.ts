/**
 * The overlap network as the network page draws it: the overlap graph of a scope (cached per
 * projection), cut to its backbone (network-view.ts) and to the strongest `first` edges, with what
 * each pair shares and the facts under it; the collaborations among the organisations in scope
 * (those active in the period, when one is given); and the path between two organisations.
 */
import { invalidArgument } from './errors.js';
import { withEvidence } from './evidence.js';
import { backbone, shortestPath } from './network-view.js';
import { overlapGraphCached, withReasons, type OverlapGraph, type OverlapGraphEdge, type OverlapGraphNode } from './overlap-graph.js';
import { activeIn } from './period.js';
import type { Projection } from './projection.js';
import { resolveScope, type OrganisationScope } from './scope.js';
import { ownerCache } from './owner-cache.js';

export interface CollaborationLink {
  source: string;
  target: string;
  collaborationIds: string[];
}

export interface OverlapNetworkOptions {
  scope: OrganisationScope;
  threshold: number;
  /** Refuse (TOO_LARGE) above this many organisations in scope. */
  maxNodes: number;
  /** Each organisation's strongest edges kept (with a maximum spanning forest); 0 = every edge. */
  perNode: number;
  /** At most this many overlap edges, strongest first. */
  first: number;
  includeIsolated: boolean;
  /** At most this many collaboration edges. */
  maxCollaborations: number;
}

export interface OverlapNetwork {
  /** The whole cached graph (every edge above the threshold): what layouts are cached with. */
  graph: OverlapGraph;
  nodes: OverlapGraphNode[];
  edges: OverlapGraphEdge[];
  collaborationEdges: CollaborationLink[];
  scopeSize: number;
  totalEdgeCount: number;
}

/** Collaboration pairs among the organisations (each pair once, from its smaller id), active in the scope's period if it has one. */
export function collaborationLinks(p: Projection, orgs: Int32Array, scope: OrganisationScope, max: number): CollaborationLink[] {
  const inScope = new Uint8Array(p.orgCount);
  for (const o of orgs) inScope[o] = 1;
  const period = scope.period;
  const out: CollaborationLink[] = [];
  for (const a of orgs) {
    for (let k = p.partners.start(a); k < p.partners.end(a); k++) {
      const b = p.partners.values[k]!;
      if (!inScope[b]) continue;
      const [x, y] = p.orgIds[a]! < p.orgIds[b]! ? [a, b] : [b, a];
      if (x !== a) continue;
      let shared = p.sharedCollaborations(x, y);
      if (period) shared = shared.filter((c) => activeIn(period, p.collaborationStart[c], p.collaborationEnd[c]));
      if (shared.length === 0) continue;
      out.push({ source: p.orgIds[x]!, target: p.orgIds[y]!, collaborationIds: shared.map((c) => p.collaborationIds[c]!) });
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** Views remembered per cached overlap graph (so per projection and scope): the backbone, the reasons and their facts are worked out once per view. */
const cachedView = ownerCache<OverlapNetwork>(16);

/** The network of a scope (see the module's comment); the answer is shared between callers and must not be changed. */
export function overlapNetwork(p: Projection, options: OverlapNetworkOptions): OverlapNetwork {
  if (!Number.isInteger(options.perNode) || options.perNode < 0) throw invalidArgument('perNode', 'perNode must be a whole number ≥ 0', options.perNode);
  const graph = overlapGraphCached(p, { scope: options.scope, threshold: options.threshold, maxNodes: options.maxNodes });
  const key = JSON.stringify([options.perNode, options.first, options.includeIsolated, options.maxCollaborations]);
  return cachedView(graph, key, () => networkView(p, graph, options));
}

function networkView(p: Projection, graph: OverlapGraph, options: OverlapNetworkOptions): OverlapNetwork {
  const cut = options.perNode > 0 ? backbone(graph.edges, options.perNode) : graph.edges;
  const edges = withReasons(p, cut.slice(0, options.first)).map((e) => ({ ...e, reasons: withEvidence(p, e.reasons ?? []) }));
  const orgs = resolveScope(p, options.scope);
  const collaborationEdges = collaborationLinks(p, orgs, options.scope, options.maxCollaborations);
  const onEdge = new Set<string>();
  for (const e of edges) onEdge.add(e.source).add(e.target);
  for (const e of collaborationEdges) onEdge.add(e.source).add(e.target);
  const nodes = graph.nodes.filter((n) => options.includeIsolated || onEdge.has(n.id));
  return { graph, nodes, edges, collaborationEdges, scopeSize: orgs.length, totalEdgeCount: graph.edges.length };
}

/**
 * The path from one organisation to another over every overlap edge above the threshold and every
 * collaboration in scope, each step with what the two share (and the facts under it); null when
 * they are not connected. Both must be in scope (NOT_FOUND naming `from` or `to` otherwise).
 */
export function overlapPath(p: Projection, options: Omit<OverlapNetworkOptions, 'perNode' | 'first' | 'includeIsolated'> & { from: string; to: string }): OverlapGraphEdge[] | null {
  const graph = overlapGraphCached(p, { scope: options.scope, threshold: options.threshold, maxNodes: options.maxNodes });
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const end of ['from', 'to'] as const) {
    p.requireOrganisation(options[end], end);
    if (!ids.has(options[end])) throw invalidArgument(end, 'the organisation is not in the network the filter selects', options[end]);
  }
  const collaborations = collaborationLinks(p, resolveScope(p, options.scope), options.scope, options.maxCollaborations);
  const overlapKeys = new Set(graph.edges.map((e) => `${e.source}|${e.target}`));
  const links: (OverlapGraphEdge & { collaborating: boolean })[] = [...graph.edges];
  for (const c of collaborations) {
    if (overlapKeys.has(`${c.source}|${c.target}`)) continue;
    links.push({ source: c.source, target: c.target, weight: 0, collaborating: true, collaborationIds: c.collaborationIds });
  }
  const steps = shortestPath(links, options.from, options.to);
  if (steps === null) return null;
  return withReasons(p, steps).map((e) => ({ ...e, reasons: withEvidence(p, e.reasons ?? []) }));
}
