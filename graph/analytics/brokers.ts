/**
 * Brokers, the "spider in the web": organisations that bridge otherwise separate clusters of the
 * collaboration graph, by betweenness centrality (graphology-metrics, normalised, unweighted: a
 * collaboration is a collaboration). Each broker also says which communities (Louvain, see
 * communities.ts) its partners belong to. Betweenness is O(n·m), so the subgraph is limited to
 * `maxNodes` organisations with a collaboration; the answer is memoised on the projection.
 */
import { collaborationSubgraph } from './collaboration-graph.js';
import { communityAssignment } from './communities.js';
import { AnalyticsInputError } from './errors.js';
import { betweennessCentrality } from './graphology-interop.js';
import { SCORE_EPSILON } from './ordering.js';
import type { Projection } from './projection.js';
import { resolveScope, scopeKey, type OrganisationScope } from './scope.js';

export interface BrokerOptions {
  scope?: OrganisationScope;
  /** Default 20. */
  limit?: number;
  /** Default 5000 organisations with a collaboration in scope; above → TOO_LARGE. */
  maxNodes?: number;
}

export interface Broker {
  organisationId: string;
  name: string;
  /** Normalised betweenness in [0, 1]. */
  betweenness: number;
  /** Number of partners in scope. */
  degree: number;
  communityId: number;
  /** Distinct communities among its partners, its own included, ascending. */
  partnerCommunityIds: number[];
}

export interface Brokers {
  brokers: Broker[];
  nodeCount: number;
  edgeCount: number;
  projectionBuiltAt: number;
}

export function brokers(p: Projection, options: BrokerOptions = {}): Brokers {
  const limit = options.limit ?? 20;
  const maxNodes = options.maxNodes ?? 5000;
  const all = p.memo(`brokers:${scopeKey(options.scope)}:${maxNodes}`, () => {
    const orgs = resolveScope(p, options.scope);
    const g = collaborationSubgraph(p, orgs);
    if (g.order > maxNodes) {
      throw new AnalyticsInputError(
        'TOO_LARGE',
        'scope',
        `${g.order} collaborating organisations in scope; betweenness is limited to ${maxNodes}.`,
        g.order,
      );
    }
    const centrality = g.order > 0 ? betweennessCentrality(g, { normalized: true }) : {};
    const { assignment } = communityAssignment(p, options.scope);
    const list: Broker[] = [];
    g.forEachNode((id, attrs) => {
      const b = centrality[id] ?? 0;
      if (!(b > 0)) return;
      const communitiesSeen = new Set<number>();
      const own = assignment.get(attrs.index) ?? -1;
      communitiesSeen.add(own);
      g.forEachNeighbor(id, (_n, nAttrs) => {
        communitiesSeen.add(assignment.get(nAttrs.index) ?? -1);
      });
      list.push({
        organisationId: id,
        name: attrs.name,
        betweenness: b,
        degree: g.degree(id),
        communityId: own,
        partnerCommunityIds: [...communitiesSeen].sort((x, y) => x - y),
      });
    });
    list.sort((x, y) => {
      const d = y.betweenness - x.betweenness;
      if (Math.abs(d) > SCORE_EPSILON) return d;
      return p.compareOrganisations(p.orgIndex.get(x.organisationId)!, p.orgIndex.get(y.organisationId)!);
    });
    return { list, nodeCount: g.order, edgeCount: g.size };
  });
  return { brokers: all.list.slice(0, limit), nodeCount: all.nodeCount, edgeCount: all.edgeCount, projectionBuiltAt: p.builtAt };
}
