/**
 * The collaboration graph as a graphology graph: organisations as nodes, an undirected edge
 * between two organisations that share at least one Collaboration, weighted by how many they share.
 * Built from the projection's partner index for a set of organisations (the induced subgraph);
 * brokers and communities run on it.
 */
import { UndirectedGraph } from './graphology-interop.js';
import type { Projection } from './projection.js';

export interface CollaborationNode {
  name: string;
  index: number;
}

export interface CollaborationEdge {
  /** Number of collaborations the two share. */
  weight: number;
}

export type CollaborationGraph = UndirectedGraph<CollaborationNode, CollaborationEdge>;

/** The subgraph induced by `orgs`; organisations without a partner among them are left out unless includeIsolated. */
export function collaborationSubgraph(
  p: Projection,
  orgs: Int32Array,
  options: { includeIsolated?: boolean } = {},
): CollaborationGraph {
  const g: CollaborationGraph = new UndirectedGraph<CollaborationNode, CollaborationEdge>();
  const inSet = new Uint8Array(p.orgCount);
  for (const o of orgs) inSet[o] = 1;
  const ensure = (o: number) => {
    const id = p.orgIds[o]!;
    if (!g.hasNode(id)) g.addNode(id, { name: p.orgNames[o]!, index: o });
    return id;
  };
  for (const a of orgs) {
    if (options.includeIsolated) ensure(a);
    for (let k = p.partners.start(a); k < p.partners.end(a); k++) {
      const b = p.partners.values[k]!;
      if (b <= a || !inSet[b]) continue;
      g.addEdge(ensure(a), ensure(b), { weight: p.sharedCollaborationCount(a, b) });
    }
  }
  return g;
}
