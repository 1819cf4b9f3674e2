/**
 * Reading the overlap network: its backbone (what a readable default view draws), each
 * organisation's neighbours, and the path between two organisations with what each step shares.
 *
 * - Backbone: the maximum spanning forest (every organisation stays linked to its component by its
 *   strongest ties) plus each organisation's `perNode` strongest edges. With perNode 1 that is about
 *   one edge per organisation; more shows more.
 * - Path: the shortest chain of overlap edges and collaborations between two organisations, an
 *   edge's length being 1 / its overlap (strong overlaps are short; a collaboration is as short as
 *   an overlap of 2), found with graphology-shortest-path.
 */
import { AnalyticsInputError } from './errors.js';
import { bidirectionalDijkstra, UndirectedGraph } from './graphology-interop.js';

export interface WeightedEdge {
  source: string;
  target: string;
  weight: number;
}

/** Edges strongest first, then by ids (a stable order). */
function strongestFirst<E extends WeightedEdge>(edges: readonly E[]): E[] {
  return [...edges].sort((x, y) => y.weight - x.weight || (x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0));
}

/** The backbone: the maximum spanning forest and each node's `perNode` strongest edges (perNode ≥ 1), strongest first. */
export function backbone<E extends WeightedEdge>(edges: readonly E[], perNode: number): E[] {
  if (!Number.isInteger(perNode) || perNode < 1) throw new AnalyticsInputError('INVALID_ARGUMENT', 'perNode', 'perNode must be a whole number ≥ 1', perNode);
  const sorted = strongestFirst(edges);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const kept = new Set<E>();
  for (const e of sorted) {
    const a = find(e.source);
    const b = find(e.target);
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    if (a !== b) {
      parent.set(a, b);
      kept.add(e);
    }
  }
  const count = new Map<string, number>();
  for (const e of sorted) {
    const cs = count.get(e.source) ?? 0;
    const ct = count.get(e.target) ?? 0;
    if (cs < perNode || ct < perNode) kept.add(e);
    count.set(e.source, cs + 1);
    count.set(e.target, ct + 1);
  }
  return sorted.filter((e) => kept.has(e));
}

export interface PathEdge extends WeightedEdge {
  /** Do the two collaborate? */
  collaborating: boolean;
}

/** Length of a collaboration without overlap (as an overlap of 2). */
const COLLABORATION_LENGTH = 0.5;

/**
 * The shortest path from `from` to `to` over the edges (overlaps and collaborations), as the
 * edges it follows in order (each oriented from the previous organisation), or null when none.
 */
export function shortestPath<E extends PathEdge>(edges: readonly E[], from: string, to: string): E[] | null {
  if (from === to) return [];
  const g = new UndirectedGraph<Record<string, never>, { length: number; edge: E }>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const length = Math.min(e.weight > 0 ? 1 / e.weight : Number.POSITIVE_INFINITY, e.collaborating ? COLLABORATION_LENGTH : Number.POSITIVE_INFINITY);
    if (!Number.isFinite(length)) continue;
    g.mergeNode(e.source);
    g.mergeNode(e.target);
    const existing = g.edge(e.source, e.target);
    if (existing === undefined) g.addEdge(e.source, e.target, { length, edge: e });
    else if (g.getEdgeAttribute(existing, 'length') > length) g.replaceEdgeAttributes(existing, { length, edge: e });
  }
  if (!g.hasNode(from) || !g.hasNode(to)) return null;
  const nodes = bidirectionalDijkstra(g, from, to, 'length');
  if (!nodes || nodes.length < 2) return null;
  const out: E[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const e = g.getEdgeAttribute(g.edge(nodes[i - 1]!, nodes[i]!)!, 'edge');
    out.push(e.source === nodes[i - 1] ? e : { ...e, source: e.target, target: e.source });
  }
  return out;
}

export interface Neighbour {
  id: string;
  weight: number;
  collaborating: boolean;
}

/** A node's neighbours over the edges, strongest first. */
export function neighboursOf(edges: readonly PathEdge[], id: string): Neighbour[] {
  const out: Neighbour[] = [];
  for (const e of edges) {
    if (e.source === id) out.push({ id: e.target, weight: e.weight, collaborating: e.collaborating });
    else if (e.target === id) out.push({ id: e.source, weight: e.weight, collaborating: e.collaborating });
  }
  return out.sort((x, y) => y.weight - x.weight || (x.id < y.id ? -1 : 1));
}
