import { describe, expect, it } from 'vitest';
import { emptyProjectionInput, Projection, resolveScope } from '../../graph/analytics/index.js';
import { PAIR_SEARCH_SLICE, preparePairSearchInSlices, searchPairs } from '../../graph/analytics/pair-candidates.js';
import { overlapScore } from '../../graph/analytics/overlap.js';
import { topK } from '../../graph/analytics/ordering.js';
import { generateSynthetic } from '../../graph/analytics/eval/synthetic.js';
import { build, input } from './fixtures.js';

describe('projection', () => {
  it('indexes the taxonomy, the district hierarchy and inverse frequencies', () => {
    const p = build({ orgs: [{ id: 'A', tgs: ['UM'], districts: ['RINK'] }, { id: 'B', tgs: ['CY'], districts: ['STHLM'] }] });
    const tg = (id: string) => p.tgIndex.get(id)!;
    const d = (id: string) => p.districtIndex.get(id)!;
    expect([...p.tgAncestors[tg('UM')]!].map((t) => p.tgIds[t])).toEqual(['CY']);
    expect([...p.tgDescendants[tg('CY')]!].map((t) => p.tgIds[t]).sort()).toEqual(['UM', 'UV']);
    expect([...p.districtAncestors[d('RINK')]!].map((x) => p.districtIds[x])).toEqual(['RK', 'STHLM', 'AB', 'SE']);
    expect(p.tgOrgClosure.size(tg('CY'))).toBe(2); // A through UM, B directly
    expect(p.tgOrg.size(tg('CY'))).toBe(1);
    expect(p.districtOrgClosure.size(d('STHLM'))).toBe(2);
    // Of two organisations, whatever two share is as specific as can be.
    expect(p.tgWeight[tg('UM')]).toBe(1);
    expect(p.population).toBe(2);
    const q = build({ orgs: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id, i) => ({ id, tgs: i < 2 ? ['UM'] : ['HOM'] })) });
    expect(q.tgWeight[q.tgIndex.get('UM')!]).toBe(1); // only the two that share it
    expect(q.tgWeight[q.tgIndex.get('HOM')!]).toBeCloseTo(Math.log(8 / 6) / Math.log(4), 12);
    expect(q.tgCommon[q.tgIndex.get('HOM')!]).toBe(1); // 6 of 8 > a quarter
    expect(q.tgCommon[q.tgIndex.get('UM')!]).toBe(0);
    expect(p.builtAt).toBe(1_000);
  });

  it('counts and skips relations to unknown ids and duplicate rows instead of failing', () => {
    const base = input({ orgs: [{ id: 'A', tgs: ['UM'] }] });
    const p = new Projection({
      ...base,
      organisations: [...base.organisations, { id: 'A', name: 'dubblett', contactVerifiedAt: null }],
      serves: [...base.serves, ['A', 'NOPE'], ['GHOST', 'UM']],
      collaborations: [{ id: 'C', name: 'c', kind: 'NETWORK', participantIds: ['A', 'SOME-PUBLIC-BODY'] }],
    });
    expect(p.skipped).toEqual({ 'organisations:duplicate': 1, serves: 2 });
    expect(p.orgCount).toBe(1);
    expect(p.partners.size(0)).toBe(0);
  });

  it('builds from an empty input', () => {
    const p = new Projection(emptyProjectionInput(), 5);
    expect(p.orgCount).toBe(0);
    expect(resolveScope(p)).toEqual(new Int32Array(0));
    expect(p.warm()).toBe(p);
  });
});

describe('scope', () => {
  const p = build({
    orgs: [
      { id: 'A', tgs: ['UM'], districts: ['RINK'] },
      { id: 'B', tgs: ['CY'], districts: ['KATA'] },
      { id: 'C', tgs: ['HOM'], districts: ['RINK'] },
    ],
  });
  const ids = (s: Int32Array) => [...s].map((o) => p.orgIds[o]);

  it('matches narrower groups and sub-districts unless told not to, and intersects criteria', () => {
    expect(ids(resolveScope(p))).toEqual(['A', 'B', 'C']);
    expect(ids(resolveScope(p, { targetGroupIds: ['CY'] }))).toEqual(['A', 'B']);
    expect(ids(resolveScope(p, { targetGroupIds: ['CY'], includeNarrowerTargetGroups: false }))).toEqual(['B']);
    expect(ids(resolveScope(p, { districtIds: ['RK'] }))).toEqual(['A', 'C']);
    expect(ids(resolveScope(p, { districtIds: ['RK'], includeSubDistricts: false }))).toEqual([]);
    expect(ids(resolveScope(p, { targetGroupIds: ['CY'], districtIds: ['RK'] }))).toEqual(['A']);
    expect(ids(resolveScope(p, { organisationIds: ['C', 'B'] }))).toEqual(['B', 'C']);
    expect(ids(resolveScope(p, { targetGroupIds: [] }))).toEqual([]);
  });

  it('rejects unknown ids naming the field', () => {
    expect(() => resolveScope(p, { districtIds: ['X'] })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', field: 'districtIds' }));
    expect(() => resolveScope(p, { targetGroupIds: ['X'] })).toThrow(expect.objectContaining({ field: 'targetGroupIds' }));
  });
});

describe('pair search', () => {
  it('finds exactly the pairs a brute-force comparison finds, at any threshold', () => {
    const p = new Projection(generateSynthetic({ seed: 9, organisations: 500 }));
    const all = resolveScope(p);
    for (const threshold of [0.2, 0.45, 0.7, 1.0, 1.5]) {
      const brute: string[] = [];
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          if (overlapScore(p, all[i]!, all[j]!) >= threshold - 1e-9) brute.push(`${all[i]}-${all[j]}`);
        }
      }
      const found = searchPairs(p, all, threshold).pairs.map((x) => `${Math.min(x.a, x.b)}-${Math.max(x.a, x.b)}`);
      expect(found.sort()).toEqual(brute.sort());
    }
  });

  it('prepares its indexes a slice at a time with pauses, as one piece would, and stops when told', async () => {
    const input = generateSynthetic({ seed: 4, organisations: 9_000 });
    const whole = new Projection(input);
    const sliced = new Projection(input);
    const abandoned = new Projection(input);
    let pauses = 0;
    await preparePairSearchInSlices(sliced, async () => void pauses++, () => false);
    expect(pauses).toBe(Math.floor((sliced.orgCount - 1) / PAIR_SEARCH_SLICE));
    expect(pauses).toBeGreaterThan(1);
    let asked = 0;
    // Told after the first slice that it is no longer wanted: it asks no more (it would ask after each).
    await preparePairSearchInSlices(abandoned, async () => undefined, () => ++asked >= 1);
    expect(asked).toBe(1);
    const key = (p: Projection) => searchPairs(p, resolveScope(p), 0.9).pairs.map((x) => `${x.a}-${x.b}:${x.score}`);
    const [fromSlices, fromWhole] = [key(sliced), key(whole)];
    expect(fromSlices.length).toBeGreaterThan(10);
    expect(fromSlices).toEqual(fromWhole);
  });

  it('refuses a search that would enumerate too many pairs', () => {
    const p = new Projection(generateSynthetic({ seed: 9, organisations: 300 }));
    expect(() => searchPairs(p, resolveScope(p), 0, { maxPairs: 10 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });
});

describe('topK', () => {
  it('returns the first k in order, stable for ties', () => {
    const items = [5, 1, 4, 1, 3, 9, 2];
    expect(topK(items, 3, (a, b) => a - b)).toEqual([1, 1, 2]);
    expect(topK(items, 0, (a, b) => a - b)).toEqual([]);
    expect(topK(['b', 'a2', 'a1'], 2, (x, y) => x.charCodeAt(0) - y.charCodeAt(0))).toEqual(['a2', 'a1']);
  });
});
