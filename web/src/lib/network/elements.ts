/** The overlap graph as cytoscape elements: overlap edges (width by score) and collaborations drawn apart. */
import type { ElementDefinition } from 'cytoscape';
import type { OverlapNetworkQuery } from '$lib/graphql/generated.js';
import { communityColour } from './palette.js';

export type OverlapGraph = OverlapNetworkQuery['overlaps'];

export const edgeKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function networkElements(graph: OverlapGraph): ElementDefinition[] {
  const maxB = Math.max(0.0001, ...graph.nodes.map((n) => n.betweenness));
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    group: 'nodes',
    data: { id: n.id, label: n.name, colour: communityColour(n.communityId), size: 14 + 22 * (n.betweenness / maxB) },
  }));
  const ids = new Set(graph.nodes.map((n) => n.id));
  const overlapKeys = new Set<string>();
  const edges: ElementDefinition[] = [];
  for (const e of graph.edges) {
    const key = edgeKey(e.source, e.target);
    overlapKeys.add(key);
    edges.push({ group: 'edges', data: { id: `o:${key}`, key, source: e.source, target: e.target, score: e.score, kind: e.collaborating ? 'collaborating' : 'overlap' } });
  }
  for (const c of graph.collaborationEdges) {
    const key = edgeKey(c.source, c.target);
    if (overlapKeys.has(key) || !ids.has(c.source) || !ids.has(c.target)) continue;
    edges.push({ group: 'edges', data: { id: `c:${key}`, key, source: c.source, target: c.target, score: 0, kind: 'collaboration' } });
  }
  return [...nodes, ...edges];
}
