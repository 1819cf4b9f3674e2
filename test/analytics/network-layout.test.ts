/** The overlap network's layout (graph/analytics/network-layout.ts, served with the overlap graph by the API). */
import { describe, expect, it } from 'vitest';
import { LABELLED_NODES, forceLayout, layoutNetwork, networkLayoutCached, networkLinks, nodeDiameter, type LayoutInput } from '../../graph/analytics/network-layout.js';
import { mulberry32 } from '../../graph/analytics/prng.js';

/** Four communities of 40, dense inside, a few edges between; 30 organisations without an edge. */
function clustered(): LayoutInput {
  const random = mulberry32(7);
  const nodes: LayoutInput['nodes'] = [];
  const links: LayoutInput['links'] = [];
  for (let c = 0; c < 4; c++) for (let i = 0; i < 40; i++) nodes.push({ size: 14 + 22 * random(), community: c });
  for (let c = 0; c < 4; c++) {
    for (let k = 0; k < 120; k++) {
      const a = c * 40 + Math.floor(random() * 40);
      const b = c * 40 + Math.floor(random() * 40);
      if (a !== b) links.push({ source: a, target: b, weight: 0.5 + 3 * random() });
    }
  }
  for (let k = 0; k < 6; k++) links.push({ source: Math.floor(random() * 160), target: Math.floor(random() * 160), weight: 0 });
  for (let i = 0; i < 30; i++) nodes.push({ size: 14, community: null });
  return { nodes, links };
}

const at = (p: Float64Array, i: number) => ({ x: p[2 * i]!, y: p[2 * i + 1]! });
const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('overlap network layout', () => {
  const input = clustered();
  const p = forceLayout(input);

  it('is deterministic and gives every node a finite position', () => {
    expect(p).toHaveLength(2 * input.nodes.length);
    expect([...p].every(Number.isFinite)).toBe(true);
    expect(forceLayout(input)).toEqual(p);
    // Fewer steps, another (less settled) picture: the steps are really taken.
    expect(forceLayout(input, { ticks: 20 })).not.toEqual(p);
  });

  it('keeps communities together and apart from each other', () => {
    let inside = 0, insideN = 0, across = 0, acrossN = 0;
    for (let a = 0; a < 160; a++) {
      for (let b = a + 1; b < 160; b++) {
        const d = dist(at(p, a), at(p, b));
        if (input.nodes[a]!.community === input.nodes[b]!.community) (inside += d), insideN++;
        else (across += d), acrossN++;
      }
    }
    expect(inside / insideN).toBeLessThan(0.6 * (across / acrossN));
  });

  it('hardly lets nodes cover each other', () => {
    let covered = 0;
    for (let a = 0; a < 160; a++) {
      for (let b = a + 1; b < 160; b++) {
        const r = (input.nodes[a]!.size + input.nodes[b]!.size) / 2;
        if (dist(at(p, a), at(p, b)) < 0.7 * r) covered++;
      }
    }
    expect(covered).toBeLessThan(5);
  });

  it('sets organisations without an edge out in rows below the graph, none on another', () => {
    const linkedBottom = Math.max(...Array.from({ length: 160 }, (_, i) => at(p, i).y));
    const lonely = Array.from({ length: 30 }, (_, k) => at(p, 160 + k));
    for (const q of lonely) expect(q.y).toBeGreaterThan(linkedBottom);
    const keys = new Set(lonely.map((q) => `${Math.round(q.x)},${Math.round(q.y)}`));
    expect(keys.size).toBe(30);
    expect(new Set(lonely.map((q) => Math.round(q.y))).size).toBeGreaterThan(1); // more than one row
  });

  it('handles a graph of lonely nodes, one node, and none', () => {
    expect([...forceLayout({ nodes: [{ size: 10, community: null }, { size: 10, community: null }], links: [] })].every(Number.isFinite)).toBe(true);
    expect(forceLayout({ nodes: [{ size: 10, community: 1 }], links: [{ source: 0, target: 0, weight: 1 }] })).toHaveLength(2);
    expect(forceLayout({ nodes: [], links: [] })).toHaveLength(0);
  });

  it('spreads a small graph whose labels are all drawn, and gives its lonely nodes label-wide columns', () => {
    // One community of 20 with dense overlaps, and 6 without an edge.
    const small: LayoutInput = { nodes: [...input.nodes.slice(0, 20), ...input.nodes.slice(160, 166)], links: input.links.filter((l) => l.source < 20 && l.target < 20) };
    const medianNearest = (q: Float64Array, count: number) => {
      const d = Array.from({ length: count }, (_, a) => Math.min(...Array.from({ length: count }, (_, b) => (a === b ? Infinity : dist(at(q, a), at(q, b))))));
      return d.sort((x, y) => x - y)[Math.floor(count / 2)]!;
    };
    const plain = forceLayout(small);
    const labelled = forceLayout(small, { labelWidth: 80 });
    expect(medianNearest(plain, 20)).toBeLessThan(80);
    expect(medianNearest(labelled, 20)).toBeGreaterThanOrEqual(80 - 1e-9);
    const xs = Array.from({ length: 6 }, (_, k) => at(labelled, 20 + k)).filter((q, _, all) => q.y === all[0]!.y).map((q) => q.x).sort((a, b) => a - b);
    expect(xs.length).toBeGreaterThan(1);
    for (let k = 1; k < xs.length; k++) expect(xs[k]! - xs[k - 1]!).toBeGreaterThanOrEqual(80);
    // layoutNetwork makes that room by itself for a graph of at most LABELLED_NODES, and not beyond.
    const asNetwork = (count: number) => ({
      nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}`, community: input.nodes[i]!.community, betweenness: 0 })),
      links: input.links.filter((l) => l.source < count && l.target < count).map((l) => ({ source: `n${l.source}`, target: `n${l.target}`, weight: l.weight })),
    });
    const flat = (m: Map<string, { x: number; y: number }>) => Float64Array.from([...m.values()].flatMap((q) => [q.x, q.y]));
    const few = asNetwork(20);
    expect(medianNearest(flat(layoutNetwork(few.nodes, few.links)), 20)).toBeGreaterThanOrEqual(60 - 1e-6); // LABEL_WIDTH
    const many = asNetwork(LABELLED_NODES + 10);
    const manyInput = { nodes: many.nodes.map((n) => ({ size: 14, community: n.community })), links: input.links.filter((l) => l.source < LABELLED_NODES + 10 && l.target < LABELLED_NODES + 10) };
    expect(flat(layoutNetwork(many.nodes, many.links))).toEqual(forceLayout(manyInput));
  });

  it('lays out nodes by id, sized by betweenness, and leaves out links to nodes it does not have', () => {
    const nodes = [
      { id: 'a', community: 0, betweenness: 0.5 },
      { id: 'b', community: 0, betweenness: 0 },
      { id: 'c', community: 1, betweenness: 0.25 },
      { id: 'lonely', community: null, betweenness: 0 },
    ];
    const links = networkLinks([{ source: 'a', target: 'b', weight: 2 }, { source: 'b', target: 'c', weight: 1 }], [{ source: 'b', target: 'a' }, { source: 'a', target: 'c' }, { source: 'c', target: 'gone' }]);
    // The collaboration a–b already has an overlap edge: drawn (and pulled) once.
    expect(links).toEqual([
      { source: 'a', target: 'b', weight: 2 },
      { source: 'b', target: 'c', weight: 1 },
      { source: 'a', target: 'c', weight: 0 },
      { source: 'c', target: 'gone', weight: 0 },
    ]);
    const placed = layoutNetwork(nodes, links);
    expect([...placed.keys()]).toEqual(['a', 'b', 'c', 'lonely']);
    expect(placed.get('a')!.diameter).toBe(36);
    expect(placed.get('b')!.diameter).toBe(14);
    expect(placed.get('c')!.diameter).toBeCloseTo(25, 9);
    expect(nodeDiameter(0, 0)).toBe(14);
    for (const p of placed.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // The node without a link (the one to 'gone' is dropped) goes below the linked ones.
    expect(placed.get('lonely')!.y).toBeGreaterThan(Math.max(placed.get('a')!.y, placed.get('b')!.y, placed.get('c')!.y));
    expect(layoutNetwork(nodes, links)).toEqual(placed);
  });

  it('caches a layout per owner and key, the least recently used going first', () => {
    const owner = {};
    let runs = 0;
    const compute = () => (runs++, new Map([['a', { x: runs, y: 0, diameter: 14 }]]));
    const first = networkLayoutCached(owner, 'k0', compute);
    expect(networkLayoutCached(owner, 'k0', compute)).toBe(first);
    expect(runs).toBe(1);
    for (let k = 1; k <= 8; k++) networkLayoutCached(owner, `k${k}`, compute);
    expect(runs).toBe(9);
    // k0 was the least recently used of nine: gone, so asked again it is computed again.
    expect(networkLayoutCached(owner, 'k0', compute)).not.toBe(first);
    expect(runs).toBe(10);
    expect(networkLayoutCached({}, 'k0', compute)).not.toBe(first);
  });
});
