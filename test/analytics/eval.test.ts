import { describe, expect, it } from 'vitest';
import { evaluate, formatTable } from '../../graph/analytics/eval/harness.js';
import { precisionAtK, recallAtK, reciprocalRank, summarise } from '../../graph/analytics/eval/metrics.js';
import { collaborationEdges, hideEdges } from '../../graph/analytics/eval/split.js';
import { generateSynthetic } from '../../graph/analytics/eval/synthetic.js';
import { Projection } from '../../graph/analytics/index.js';

describe('ranking metrics', () => {
  const relevant = new Set(['b', 'd']);

  it('computes precision@k, recall@k and reciprocal rank on known lists', () => {
    expect(precisionAtK(['a', 'b', 'c', 'd'], relevant, 2)).toBe(0.5);
    expect(precisionAtK(['a', 'b', 'c', 'd'], relevant, 4)).toBe(0.5);
    expect(precisionAtK(['b'], relevant, 10)).toBe(0.1); // short lists are not rewarded
    expect(recallAtK(['a', 'b', 'c', 'd'], relevant, 2)).toBe(0.5);
    expect(recallAtK(['d', 'b'], relevant, 2)).toBe(1);
    expect(reciprocalRank(['a', 'c', 'd'], relevant)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['b'], relevant)).toBe(1);
  });

  it('is zero for no hit, no relevant item or an empty list, and averages over queries', () => {
    expect(precisionAtK([], relevant, 10)).toBe(0);
    expect(recallAtK(['a'], new Set(), 10)).toBe(0);
    expect(reciprocalRank(['a', 'c'], relevant)).toBe(0);
    expect(
      summarise(
        [
          { ranked: ['b'], relevant },
          { ranked: ['a', 'd'], relevant },
        ],
        2,
      ),
    ).toEqual({ precisionAt10: (0.5 + 0.5) / 2, recallAt10: (0.5 + 0.5) / 2, mrr: (1 + 0.5) / 2, queries: 2 });
    expect(summarise([])).toEqual({ precisionAt10: 0, recallAt10: 0, mrr: 0, queries: 0 });
  });
});

describe('edge hiding and the synthetic generator', () => {
  it('hides the given fraction of unique collaboration pairs, deterministically', () => {
    const input = generateSynthetic({ seed: 3, organisations: 400 });
    const edges = collaborationEdges(input);
    const a = hideEdges(input, 0.2, 11);
    const b = hideEdges(input, 0.2, 11);
    expect(a.hiddenEdgeCount).toBe(Math.round(edges.length * 0.2));
    expect(a.trainEdgeCount + a.hiddenEdgeCount).toBe(edges.length);
    expect([...a.hidden.entries()].map(([k, v]) => [k, [...v]])).toEqual([...b.hidden.entries()].map(([k, v]) => [k, [...v]]));
    // Hidden pairs are not collaborations in the training graph; hidden is symmetric.
    const p = new Projection(a.train);
    for (const [x, ys] of a.hidden) {
      for (const y of ys) {
        expect(p.partners.has(p.orgIndex.get(x)!, p.orgIndex.get(y)!)).toBe(false);
        expect(a.hidden.get(y)!.has(x)).toBe(true);
      }
    }
  });

  it('generates the same synthetic graph for the same seed, flagged synthetic', () => {
    const x = generateSynthetic({ seed: 5, organisations: 300 });
    expect(generateSynthetic({ seed: 5, organisations: 300 })).toEqual(x);
    expect(generateSynthetic({ seed: 6, organisations: 300 })).not.toEqual(x);
    expect(x.organisations.every((o) => o.synthetic === true)).toBe(true);
    expect(x.districts.filter((d) => d.kind === 'STADSDEL' && d.name.startsWith('Stockholm'))).toHaveLength(117);
    expect(new Projection(x).skipped).toEqual({});
  });
});

describe('suggestion evaluation', () => {
  it('the method beats every baseline on precision@10 and MRR', () => {
    const r = evaluate({ seeds: [1], organisations: 1500, maxQueries: 200 });
    expect(r.perSeed[0]!.queries).toBeGreaterThan(100);
    for (const baseline of ['random', 'commonNeighbours', 'sharedTargetGroups'] as const) {
      expect(r.mean.method.precisionAt10).toBeGreaterThan(r.mean[baseline].precisionAt10);
      expect(r.mean.method.mrr).toBeGreaterThan(r.mean[baseline].mrr);
    }
    expect(r.methodBeatsEveryBaseline).toEqual({ precisionAt10: true, mrr: true });
    expect(formatTable(r)).toContain('commonNeighbours');
  });
});
