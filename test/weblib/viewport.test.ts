/** The network page's viewport fit (web/src/lib/network/viewport.ts). */
import { describe, expect, it } from 'vitest';
import { fitViewport } from '$lib/network/viewport.js';

describe('fitViewport', () => {
  it('fits the nodes into the viewport like cytoscape’s fit', () => {
    const nodes = [{ x: 0, y: 0, diameter: 10 }, { x: 100, y: 50, diameter: 10 }];
    const { zoom, pan } = fitViewport(nodes, 220, 120, 10, 0.05, 4);
    // Bounds -5..105 × -5..55 (110 × 60) into 200 × 100: zoom min(200/110, 100/60).
    expect(zoom).toBeCloseTo(100 / 60, 9);
    expect(pan.x + zoom * 50).toBeCloseTo(110, 9); // the centre of the nodes at the centre of the viewport
    expect(pan.y + zoom * 25).toBeCloseTo(60, 9);
    expect(fitViewport(nodes, 100000, 100000, 0, 0.05, 4).zoom).toBe(4);
    expect(fitViewport(nodes, 2, 2, 0, 0.05, 4).zoom).toBe(0.05);
  });

  it('centres an empty graph at zoom 1', () => {
    expect(fitViewport([], 200, 100, 10, 0.05, 4)).toEqual({ zoom: 1, pan: { x: 100, y: 50 } });
  });
});
