/** The overlap network's layout (web/src/lib/network/layout.ts, run in a Web Worker by the page). */
import { describe, expect, it } from 'vitest';
import { fitViewport, forceLayout, type LayoutInput } from '../../web/src/lib/network/layout.js';
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

  it('fits the nodes into the viewport like cytoscape’s fit', () => {
    const positions = Float64Array.from([0, 0, 100, 50]);
    const { zoom, pan } = fitViewport(positions, [10, 10], 220, 120, 10, 0.05, 4);
    // Bounds -5..105 × -5..55 (110 × 60) into 200 × 100: zoom min(200/110, 100/60).
    expect(zoom).toBeCloseTo(100 / 60, 9);
    expect(pan.x + zoom * 50).toBeCloseTo(110, 9); // the centre of the nodes at the centre of the viewport
    expect(pan.y + zoom * 25).toBeCloseTo(60, 9);
    expect(fitViewport(positions, [10, 10], 100000, 100000, 0, 0.05, 4).zoom).toBe(4);
  });
});
