/**
 * The overlap network's layout, worked out on the server with the overlap graph (the API's
 * `OverlapNode.x`, `y`, `diameter`): d3-force on the organisations that have an edge, with
 * collision so nodes do not cover each other and a pull towards their community's centre so the
 * coloured clusters read as clusters; organisations without an edge are set out in a grid below,
 * where they do not crowd the graph. Deterministic (seeded), so the same data gives the same
 * picture, and it is cached with the graph: the browser only draws (a 500-node layout costs about
 * 0.3 s of CPU, which on a phone competes with drawing the graph itself).
 */
import { ownerCache } from './owner-cache.js';
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';

export interface LayoutInput {
  /** Node diameter and community (null: none), in the order positions are returned. */
  nodes: { size: number; community: number | null }[];
  /** Edges by node index; weight is the overlap (0 for a collaboration without one). */
  links: { source: number; target: number; weight: number }[];
}

export interface LayoutOptions {
  /** Simulation steps (default 60, cooling from alpha 1 to 0.001): the start by community is close already. On the 516-node bench graph 200 steps gave the same picture (mean distance within a community 0.33 of that across communities, against 0.35 with 60; no node covered either way) at 3 times the cost. */
  ticks?: number;
  /**
   * Room one label takes, in layout units, when every node's label is drawn (a small graph): the
   * linked nodes are then spread apart, the shape kept, until the median distance to the nearest
   * neighbour is at least this, and the grid of nodes without an edge gets columns this wide.
   */
  labelWidth?: number;
}

interface SimNode extends SimulationNodeDatum {
  index: number;
  r: number;
  community: number;
}

const GAP = 4;
/** A label's line under its node (10-unit font and its margin), for the rows of nodes without an edge. */
const LABEL_HEIGHT = 16;
/**
 * Graphs of at most this many nodes have every label drawn by the web app (larger ones only once
 * zoomed in), so their layout makes room for the labels: LABEL_WIDTH, about 24 characters at the
 * web app's 10-unit label font.
 */
export const LABELLED_NODES = 150;
const LABEL_WIDTH = 60;

/** x, y of node i at [2i], [2i + 1]. */
export function forceLayout(input: LayoutInput, options: LayoutOptions = {}): Float64Array {
  const n = input.nodes.length;
  const out = new Float64Array(2 * n);
  const degree = new Int32Array(n);
  const links: (SimulationLinkDatum<SimNode> & { weight: number })[] = [];
  for (const l of input.links) {
    if (l.source === l.target || l.source < 0 || l.target < 0 || l.source >= n || l.target >= n) continue;
    degree[l.source]!++;
    degree[l.target]!++;
  }
  const linked: SimNode[] = [];
  const simIndex = new Int32Array(n).fill(-1);
  // Start each community around its own point on a circle: the simulation then only refines.
  const communities = [...new Set(input.nodes.map((x) => x.community ?? -1))].sort((a, b) => a - b);
  const slot = new Map(communities.map((c, i) => [c, i]));
  const spread = 12 * Math.sqrt(n + 1);
  const inCommunity = new Map<number, number>();
  input.nodes.forEach((node, i) => {
    if (degree[i] === 0) return;
    const c = node.community ?? -1;
    const k = inCommunity.get(c) ?? 0;
    inCommunity.set(c, k + 1);
    const angle = (2 * Math.PI * slot.get(c)!) / communities.length;
    const golden = k * 2.399963; // phyllotaxis within the community, as d3 starts nodes
    const radius = 8 * Math.sqrt(k + 0.5);
    simIndex[i] = linked.length;
    linked.push({ index: linked.length, r: node.size / 2, community: c, x: spread * Math.cos(angle) + radius * Math.cos(golden), y: spread * Math.sin(angle) + radius * Math.sin(golden) });
  });
  for (const l of input.links) {
    const s = simIndex[l.source] ?? -1;
    const t = simIndex[l.target] ?? -1;
    if (s < 0 || t < 0 || s === t) continue;
    links.push({ source: s, target: t, weight: l.weight });
  }

  if (linked.length > 0) {
    // d3 only draws random numbers to part nodes at the same spot; seeded, so the picture repeats.
    let state = 1;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
    const ticks = options.ticks ?? 60;
    // Collision is the dearest force: only in the last steps, to part overlapping nodes.
    const collideFrom = Math.floor(ticks * 0.7);
    const sim = forceSimulation(linked)
      .randomSource(random)
      .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
      .velocityDecay(0.45)
      // Larger overlap, shorter edge; collaborations without overlap at the longest.
      .force('link', forceLink<SimNode, SimulationLinkDatum<SimNode> & { weight: number }>(links).distance((l) => 30 + 50 / (1 + l.weight)))
      .force('charge', forceManyBody<SimNode>().strength(-45).theta(0.9).distanceMax(600))
      .force('x', forceX<SimNode>(0).strength(0.05))
      .force('y', forceY<SimNode>(0).strength(0.05))
      .force('community', communityForce(linked, 0.15))
      .stop();
    for (let i = 0; i < ticks; i++) {
      if (i === collideFrom) sim.force('collide', forceCollide<SimNode>((d) => d.r + GAP).iterations(2));
      sim.tick();
    }
  }

  if (options.labelWidth && linked.length > 1) spreadForLabels(linked, options.labelWidth);

  let minX = Infinity, maxX = -Infinity, maxY = -Infinity, minY = Infinity;
  for (const d of linked) {
    minX = Math.min(minX, d.x! - d.r);
    maxX = Math.max(maxX, d.x! + d.r);
    minY = Math.min(minY, d.y! - d.r);
    maxY = Math.max(maxY, d.y! + d.r);
  }
  if (linked.length === 0) minX = maxX = minY = maxY = 0;
  for (let i = 0; i < n; i++) {
    const s = simIndex[i]!;
    if (s >= 0) {
      out[2 * i] = linked[s]!.x!;
      out[2 * i + 1] = linked[s]!.y!;
    }
  }
  // The unconnected ones in rows under the graph, as wide as the graph (or a square on their own).
  const lonely = input.nodes.map((_, i) => i).filter((i) => degree[i] === 0);
  if (lonely.length > 0) {
    const cell = Math.max(...lonely.map((i) => input.nodes[i]!.size)) + 2 * GAP;
    // With labels drawn, a column is as wide as a label and a row leaves room for the label under the node.
    const cellX = Math.max(cell, options.labelWidth ?? 0);
    const cellY = options.labelWidth ? cell + LABEL_HEIGHT : cell;
    const width = linked.length > 0 ? maxX - minX : Math.sqrt(lonely.length) * cellX;
    const columns = Math.max(1, Math.floor(width / cellX));
    const top = linked.length > 0 ? maxY + 3 * cell : 0;
    lonely.forEach((i, k) => {
      out[2 * i] = minX + cellX / 2 + (k % columns) * cellX;
      out[2 * i + 1] = top + Math.floor(k / columns) * cellY;
    });
  }
  return out;
}

/** Scales the positions about their centre until the median nearest-neighbour distance is at least `spacing` (never shrinks them). */
function spreadForLabels(nodes: SimNode[], spacing: number): void {
  const nearest = nodes.map((a) => {
    let best = Infinity;
    for (const b of nodes) if (b !== a) best = Math.min(best, Math.hypot(a.x! - b.x!, a.y! - b.y!));
    return best;
  });
  nearest.sort((x, y) => x - y);
  const median = nearest[Math.floor(nearest.length / 2)]!;
  const factor = median > 0 ? spacing / median : 1;
  if (!(factor > 1)) return;
  const cx = nodes.reduce((t, d) => t + d.x!, 0) / nodes.length;
  const cy = nodes.reduce((t, d) => t + d.y!, 0) / nodes.length;
  for (const d of nodes) {
    d.x = cx + (d.x! - cx) * factor;
    d.y = cy + (d.y! - cy) * factor;
  }
}

/** Pulls each node towards the centre of its community (none: no pull), harder early on. */
function communityForce(nodes: SimNode[], strength: number) {
  const sums = new Map<number, { x: number; y: number; n: number }>();
  return (alpha: number) => {
    sums.clear();
    for (const d of nodes) {
      if (d.community < 0) continue;
      const s = sums.get(d.community) ?? { x: 0, y: 0, n: 0 };
      s.x += d.x!;
      s.y += d.y!;
      s.n++;
      sums.set(d.community, s);
    }
    for (const d of nodes) {
      const s = d.community < 0 ? undefined : sums.get(d.community);
      if (!s || s.n < 2) continue;
      d.vx! += (s.x / s.n - d.x!) * strength * alpha;
      d.vy! += (s.y / s.n - d.y!) * strength * alpha;
    }
  };
}

/** Diameter of a node by its betweenness (the brokers stand out): 14 to 36 layout units. */
export const nodeDiameter = (betweenness: number, maxBetweenness: number): number => 14 + 22 * (betweenness / Math.max(0.0001, maxBetweenness));

export interface NetworkNode {
  id: string;
  community: number | null;
  betweenness: number;
}

/** An edge drawn in the network: an overlap (weight = score) or a collaboration without one (weight 0). */
export interface NetworkLink {
  source: string;
  target: string;
  weight: number;
}

export interface PlacedNode {
  x: number;
  y: number;
  diameter: number;
}

/** Positions and diameters of the nodes by id; links to nodes not listed are left out. */
export function layoutNetwork(nodes: readonly NetworkNode[], links: readonly NetworkLink[]): Map<string, PlacedNode> {
  const maxB = Math.max(0, ...nodes.map((n) => n.betweenness));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const input: LayoutInput = { nodes: nodes.map((n) => ({ size: nodeDiameter(n.betweenness, maxB), community: n.community })), links: [] };
  for (const l of links) {
    const s = index.get(l.source);
    const t = index.get(l.target);
    if (s !== undefined && t !== undefined) input.links.push({ source: s, target: t, weight: l.weight });
  }
  const positions = forceLayout(input, nodes.length <= LABELLED_NODES ? { labelWidth: LABEL_WIDTH } : {});
  return new Map(nodes.map((n, i) => [n.id, { x: positions[2 * i]!, y: positions[2 * i + 1]!, diameter: input.nodes[i]!.size }]));
}

/** The links the network draws: every overlap edge, and each collaboration between two nodes that have no overlap edge (weight 0). */
export function networkLinks(overlaps: readonly { source: string; target: string; weight: number }[], collaborations: readonly { source: string; target: string }[]): NetworkLink[] {
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const seen = new Set<string>();
  const out: NetworkLink[] = [];
  for (const e of overlaps) {
    seen.add(pairKey(e.source, e.target));
    out.push({ source: e.source, target: e.target, weight: e.weight });
  }
  for (const c of collaborations) {
    const key = pairKey(c.source, c.target);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ source: c.source, target: c.target, weight: 0 });
  }
  return out;
}

/**
 * `compute()`'s layout, remembered for as long as `owner` (an immutable overlap graph, itself cached
 * per projection) lives, for each way of cutting it (`key`: edges shown, isolated nodes); 8 per graph.
 */
export const networkLayoutCached = ownerCache<Map<string, PlacedNode>>(8);
