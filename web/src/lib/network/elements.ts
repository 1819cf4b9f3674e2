/** The overlap graph as cytoscape elements: overlap edges (width by score) and collaborations drawn apart. */
import type { ElementDefinition } from 'cytoscape';
import type { OverlapNetworkQuery } from '$lib/graphql/generated.js';
import { communityColour } from './palette.js';

export type OverlapGraph = OverlapNetworkQuery['overlaps'];

export const edgeKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Labels longer than this are cut with an ellipsis here, once (cytoscape's own ellipsis measures every label letter by letter). */
const LABEL_CHARS = 24;
export const shortLabel = (name: string) => (name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1).trimEnd()}…` : name);

/** Line width: by overlap (0.5 to 4 and beyond) for overlap edges, thin for a collaboration without overlap. */
export function edgeWidth(kind: 'overlap' | 'collaborating' | 'collaboration', score: number): number {
  if (kind === 'collaboration') return 1.5;
  const t = (Math.min(4, Math.max(0.5, score)) - 0.5) / 3.5;
  return kind === 'overlap' ? 1 + 8 * t : 1.5 + 7.5 * t;
}

/** The edges drawn: every overlap edge, and collaborations between nodes shown that have no overlap edge. */
function drawnEdges(graph: OverlapGraph): { key: string; source: string; target: string; score: number; kind: 'overlap' | 'collaborating' | 'collaboration' }[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const overlapKeys = new Set<string>();
  const out: ReturnType<typeof drawnEdges> = [];
  for (const e of graph.edges) {
    const key = edgeKey(e.source, e.target);
    overlapKeys.add(key);
    out.push({ key, source: e.source, target: e.target, score: e.score, kind: e.collaborating ? 'collaborating' : 'overlap' });
  }
  for (const c of graph.collaborationEdges) {
    const key = edgeKey(c.source, c.target);
    if (overlapKeys.has(key) || !ids.has(c.source) || !ids.has(c.target)) continue;
    overlapKeys.add(key);
    out.push({ key, source: c.source, target: c.target, score: 0, kind: 'collaboration' });
  }
  return out;
}

/** Elements at the positions the API laid them out at (`x`, `y`, `diameter` of each node). */
export function networkElements(graph: OverlapGraph): ElementDefinition[] {
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    group: 'nodes',
    data: { id: n.id, label: shortLabel(n.name), name: n.name, colour: communityColour(n.communityId), size: n.diameter },
    position: { x: n.x, y: n.y },
  }));
  const edges: ElementDefinition[] = drawnEdges(graph).map((e) => ({
    group: 'edges',
    data: { id: `${e.kind === 'collaboration' ? 'c' : 'o'}:${e.key}`, key: e.key, source: e.source, target: e.target, score: e.score, kind: e.kind, width: edgeWidth(e.kind, e.score) },
  }));
  return [...nodes, ...edges];
}
