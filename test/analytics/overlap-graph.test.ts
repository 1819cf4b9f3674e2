import { describe, expect, it } from 'vitest';
import { overlap, overlapGraph, overlapGraphCached, withReasons } from '../../graph/analytics/index.js';
import { build } from './fixtures.js';

// A, B: UM in Rinkeby; C: UM in Tensta (collaborates with A); D: HOM in Katarina.
const p = build({
  orgs: [
    { id: 'A', name: 'Alfa', tgs: ['UM'], districts: ['RINK'] },
    { id: 'B', name: 'Beta', tgs: ['UM'], districts: ['RINK'] },
    { id: 'C', name: 'Gamma', tgs: ['UM'], districts: ['TENS'] },
    { id: 'D', name: 'Delta', tgs: ['HOM'], districts: ['KATA'] },
  ],
  collaborations: [['A', 'C']],
});
const ab = overlap(p, 'A', 'B').score;
const ac = overlap(p, 'A', 'C').score;

describe('overlap graph', () => {
  it('keeps edges at or above the threshold and marks existing collaborations', () => {
    expect(ab).toBeGreaterThan(ac);
    const g = overlapGraph(p, { threshold: ac });
    expect(g.nodes.map((n) => n.id)).toEqual(['A', 'B', 'D', 'C']); // Alfa, Beta, Delta, Gamma
    expect(g.edges.map((e) => [e.source, e.target, e.collaborating])).toEqual([
      ['A', 'B', false],
      ['A', 'C', true],
      ['B', 'C', false],
    ]);
    expect(g.edges[0]!.weight).toBeCloseTo(ab, 12);
    expect(g.edges[1]!.collaborationIds).toEqual(['C0']);

    const strict = overlapGraph(p, { threshold: ac + 1e-6 });
    expect(strict.edges.map((e) => [e.source, e.target])).toEqual([['A', 'B']]);
  });

  it('restricts nodes to the filter and can include reasons and collaborations below the threshold', () => {
    const g = overlapGraph(p, { scope: { targetGroupIds: ['CY'] }, threshold: 100, includeReasons: true });
    expect(g.nodes.map((n) => n.id)).toEqual(['A', 'B', 'C']); // UM is narrower than CY
    expect(g.edges).toEqual([]);
    const withCollab = overlapGraph(p, { threshold: 100, includeCollaborationsBelowThreshold: true, includeReasons: true });
    expect(withCollab.edges).toHaveLength(1);
    expect(withCollab.edges[0]).toMatchObject({ source: 'A', target: 'C', collaborating: true });
    expect(withCollab.edges[0]!.weight).toBeCloseTo(ac, 12);
    expect(withCollab.edges[0]!.reasons!.map((r) => r.kind)).toContain('SHARED_TARGET_GROUP');
  });

  it('is empty for an empty scope and refuses a scope larger than maxNodes', () => {
    expect(overlapGraph(p, { scope: { districtIds: ['GBG'] } })).toMatchObject({ nodes: [], edges: [] });
    expect(() => overlapGraph(p, { maxNodes: 3 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE', field: 'scope' }));
    expect(() => overlapGraph(p, { threshold: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('caches the graph per projection and view, and adds the same reasons for the edges shown', () => {
    const full = overlapGraph(p, { threshold: ac, includeReasons: true });
    const cached = overlapGraphCached(p, { threshold: ac });
    expect(overlapGraphCached(p, { threshold: ac })).toBe(cached);
    expect(overlapGraphCached(p, { threshold: ac + 1e-6 })).not.toBe(cached);
    expect(overlapGraphCached(p, { threshold: ac, scope: { targetGroupIds: ['UM'] } })).not.toBe(cached);
    expect(cached.edges.every((e) => e.reasons === undefined)).toBe(true);
    // Reasons for the first two edges only: exactly those the uncached graph gives them.
    const shown = withReasons(p, cached.edges.slice(0, 2));
    expect(shown).toEqual(full.edges.slice(0, 2));
    expect(shown[0]!.reasons!.length).toBeGreaterThan(0);
    expect(cached.edges[0]!.reasons).toBeUndefined(); // the cached answer is not changed
    // Errors are not cached.
    expect(() => overlapGraphCached(p, { maxNodes: 3 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(() => overlapGraphCached(p, { maxNodes: 3 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});
