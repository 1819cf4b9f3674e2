import { describe, expect, it } from 'vitest';
import { brokers, collaborationSubgraph, communities, emptyProjectionInput, Projection, resolveScope } from '../../graph/analytics/index.js';
import { build } from './fixtures.js';

const clique = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b]));
const A = ['A1', 'A2', 'A3', 'A4'];
const B = ['B1', 'B2', 'B3', 'B4'];

describe('brokers', () => {
  // Two cliques of four, bridged by X (works with A1 and B1). Every path between the cliques
  // passes X (16 pairs) and A1 or B1 (15 each): X is the spider in the web.
  const p = build({
    orgs: [...A, ...B, 'X', 'L'].map((id) => ({ id, districts: id === 'L' ? ['GBG'] : ['RINK'] })),
    collaborations: [...clique(A), ...clique(B), ['X', 'A1'], ['X', 'B1']],
  });

  it('ranks the bridge between two clusters highest, then the clique ends, and leaves the rest out', () => {
    const r = brokers(p);
    expect(r.brokers.map((b) => b.organisationId)).toEqual(['X', 'A1', 'B1']);
    const n = 9; // organisations with a collaboration
    const norm = (n - 1) * (n - 2) / 2;
    expect(r.brokers[0]!.betweenness).toBeCloseTo(16 / norm, 12);
    expect(r.brokers[1]!.betweenness).toBeCloseTo(15 / norm, 12);
    expect(r).toMatchObject({ nodeCount: 9, edgeCount: 6 + 6 + 2 });
  });

  it('says which communities a broker connects', () => {
    const x = brokers(p).brokers[0]!;
    expect(x.degree).toBe(2);
    const c = communities(p).organisationCommunity;
    expect(new Set(x.partnerCommunityIds)).toEqual(new Set([c.X!, c.A1!, c.B1!]));
    expect(c.A1).not.toBe(c.B1);
  });

  it('restricts to a scope, refuses one too large, and is empty without collaborations', () => {
    expect(brokers(p, { scope: { organisationIds: A } }).brokers).toEqual([]); // a clique has no broker
    expect(() => brokers(p, { maxNodes: 5 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(brokers(new Projection(emptyProjectionInput()))).toMatchObject({ brokers: [], nodeCount: 0 });
  });
});

describe('communities', () => {
  // Two cliques of four joined by a single edge: two communities.
  const p = build({
    orgs: [...A.map((id) => ({ id, tgs: ['UM'], districts: ['RINK'] })), ...B.map((id) => ({ id, tgs: ['HOM'], districts: ['KATA'] })), { id: 'L' }],
    collaborations: [...clique(A), ...clique(B), ['A1', 'B1']],
  });

  it('finds the two cliques, described by their members’ groups and districts', () => {
    const r = communities(p);
    expect(r.communities.map((c) => c.organisationIds)).toEqual([A, B]);
    expect(r.communities[0]).toMatchObject({
      id: 0,
      size: 4,
      internalEdges: 6,
      externalEdges: 1,
      topTargetGroups: [{ targetGroupId: 'UM', count: 4 }],
      topDistricts: [{ districtId: 'RINK', count: 4 }],
    });
    expect(r.modularity).toBeGreaterThan(0.3);
    expect(r.isolatedCount).toBe(1); // L
    expect(r.organisationCommunity.L).toBeUndefined();
  });

  it('is reproducible and memoised on the projection', () => {
    expect(communities(p)).toBe(communities(p));
    expect(communities(build({ orgs: [...A, ...B, 'L'].map((id) => ({ id })), collaborations: [...clique(A), ...clique(B), ['A1', 'B1']] })).communities.map((c) => c.organisationIds)).toEqual([A, B]);
  });

  it('is empty without collaborations and leaves out communities below minSize', () => {
    expect(communities(build({ orgs: [{ id: 'L' }] }))).toMatchObject({ communities: [], isolatedCount: 1, modularity: 0 });
    expect(communities(p, { minSize: 5 }).communities).toEqual([]);
  });

  it('builds the collaboration graph as a graphology graph weighted by shared collaborations', () => {
    const q = build({ orgs: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], collaborations: [['A', 'B'], ['A', 'B', 'C']] });
    const g = collaborationSubgraph(q, resolveScope(q));
    expect(g.order).toBe(3);
    expect(g.getEdgeAttribute(g.edge('A', 'B')!, 'weight')).toBe(2);
    expect(g.getEdgeAttribute(g.edge('A', 'C')!, 'weight')).toBe(1);
  });
});
