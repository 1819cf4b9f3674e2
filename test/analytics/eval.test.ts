import { describe, expect, it } from 'vitest';
import { differences, pairedBootstrap } from '../../graph/analytics/eval/bootstrap.js';
import { generateEcosystem } from '../../graph/analytics/eval/ecosystem.js';
import { evaluateGenerator, formatGenerator, RANKER_NAMES } from '../../graph/analytics/eval/harness.js';
import { precisionAtK, queryMetrics, recallAtK, reciprocalRank, summarise } from '../../graph/analytics/eval/metrics.js';
import { BASELINE_NAMES, BASELINES } from '../../graph/analytics/eval/rankers.js';
import { collaborationEdges, hideEdges, hideLatest } from '../../graph/analytics/eval/split.js';
import { generateSynthetic } from '../../graph/analytics/eval/synthetic.js';
import { Projection } from '../../graph/analytics/index.js';

describe('ranking metrics', () => {
  const relevant = new Set(['b', 'd']);

  it('computes precision@k, recall@k and reciprocal rank@k on known lists', () => {
    expect(precisionAtK(['a', 'b', 'c', 'd'], relevant, 2)).toBe(0.5);
    expect(precisionAtK(['a', 'b', 'c', 'd'], relevant, 4)).toBe(0.5);
    expect(precisionAtK(['b'], relevant, 10)).toBe(0.1); // short lists are not rewarded
    expect(recallAtK(['a', 'b', 'c', 'd'], relevant, 2)).toBe(0.5);
    expect(recallAtK(['d', 'b'], relevant, 2)).toBe(1);
    expect(reciprocalRank(['a', 'c', 'd'], relevant)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['a', 'c', 'd'], relevant, 2)).toBe(0); // beyond k counts nothing
    expect(reciprocalRank(['b'], relevant)).toBe(1);
    expect(queryMetrics(['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'b'], relevant)).toEqual({ precisionAt10: 0, recallAt10: 0, mrrAt10: 0 });
  });

  it('is zero for no hit, no relevant item or an empty list, and averages over queries', () => {
    expect(precisionAtK([], relevant, 10)).toBe(0);
    expect(recallAtK(['a'], new Set(), 10)).toBe(0);
    expect(reciprocalRank(['a', 'c'], relevant)).toBe(0);
    expect(summarise([{ ranked: ['b'], relevant }, { ranked: ['a', 'd'], relevant }], 2)).toEqual({ precisionAt10: (0.5 + 0.5) / 2, recallAt10: (0.5 + 0.5) / 2, mrrAt10: (1 + 0.5) / 2, queries: 2 });
    expect(summarise([])).toEqual({ precisionAt10: 0, recallAt10: 0, mrrAt10: 0, queries: 0 });
  });
});

describe('paired bootstrap', () => {
  it('gives the pooled mean and an interval around it that narrows with more queries', () => {
    const few = pairedBootstrap([[0, 1, 0, 1], [1, 1]], { resamples: 500 });
    expect(few.mean).toBeCloseTo(4 / 6, 12);
    expect(few.low).toBeLessThan(few.mean);
    expect(few.high).toBeGreaterThan(few.mean);
    const many = pairedBootstrap([Array.from({ length: 400 }, (_, i) => i % 2), Array.from({ length: 200 }, () => 1)], { resamples: 500 });
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
    expect(pairedBootstrap([[]])).toEqual({ mean: 0, low: 0, high: 0 });
  });

  it('pairs the queries: a constant difference has an interval of width 0, though each side varies', () => {
    const a = [[0.1, 0.9, 0.5, 0.3]];
    const b = [[0, 0.8, 0.4, 0.2]];
    const d = pairedBootstrap(differences(a, b), { resamples: 300 });
    expect(d.mean).toBeCloseTo(0.1, 12);
    expect(d.high - d.low).toBeCloseTo(0, 12);
    const unpaired = pairedBootstrap(a, { resamples: 300 });
    expect(unpaired.high - unpaired.low).toBeGreaterThan(0.1);
  });
});

describe('edge hiding and the generators', () => {
  it('hides the given fraction of unique collaboration pairs at random, deterministically', () => {
    const input = generateSynthetic({ seed: 3, organisations: 400 });
    const edges = collaborationEdges(input);
    const a = hideEdges(input, 0.2, 11);
    const b = hideEdges(input, 0.2, 11);
    expect(a.holdout).toBe('random');
    expect(a.hiddenEdgeCount).toBe(Math.round(edges.length * 0.2));
    expect(a.trainEdgeCount + a.hiddenEdgeCount).toBe(edges.length);
    expect([...a.hidden.entries()].map(([k, v]) => [k, [...v]])).toEqual([...b.hidden.entries()].map(([k, v]) => [k, [...v]]));
    const p = new Projection(a.train);
    for (const [x, ys] of a.hidden) {
      for (const y of ys) {
        expect(p.partners.has(p.orgIndex.get(x)!, p.orgIndex.get(y)!)).toBe(false);
        expect(a.hidden.get(y)!.has(x)).toBe(true);
      }
    }
  });

  it('hides the latest pairs by date: everything hidden started on or after the cutoff, everything kept before it', () => {
    const input = generateEcosystem({ seed: 4, organisations: 800 });
    const edges = collaborationEdges(input);
    expect(edges.every((e) => e.start !== null)).toBe(true);
    const split = hideLatest(input, 0.2);
    expect(split.holdout).toBe('time');
    expect(split.hiddenEdgeCount / edges.length).toBeGreaterThanOrEqual(0.19);
    expect(split.hiddenEdgeCount / edges.length).toBeLessThan(0.25);
    const start = new Map(edges.map((e) => [`${e.a}|${e.b}`, e.start!]));
    for (const [x, ys] of split.hidden) for (const y of ys) expect(start.get(x < y ? `${x}|${y}` : `${y}|${x}`)! >= split.cutoff!).toBe(true);
    for (const c of split.train.collaborations) expect(c.startDate! < split.cutoff!).toBe(true);
  });

  it('generates the same graphs for the same seed, flagged synthetic, and two different structures', () => {
    const x = generateSynthetic({ seed: 5, organisations: 300 });
    expect(generateSynthetic({ seed: 5, organisations: 300 })).toEqual(x);
    expect(generateSynthetic({ seed: 6, organisations: 300 })).not.toEqual(x);
    expect(x.organisations.every((o) => o.synthetic === true)).toBe(true);
    expect(x.districts.filter((d) => d.kind === 'STADSDEL' && d.name.startsWith('Stockholm'))).toHaveLength(117);
    expect(new Projection(x).skipped).toEqual({});
    const e = generateEcosystem({ seed: 5, organisations: 600 });
    expect(generateEcosystem({ seed: 5, organisations: 600 })).toEqual(e);
    expect(e.organisations.every((o) => o.synthetic === true)).toBe(true);
    expect(new Projection(e).skipped).toEqual({});
    // Three levels of target groups, stadsdelar on grids (a stadsdel borders at most four), dated collaborations.
    const p = new Projection(e);
    expect(Math.max(...p.tgDepth)).toBe(2);
    for (let d = 0; d < p.districtCount; d++) expect(p.districtAdjacency.size(d)).toBeLessThanOrEqual(4);
    expect(e.collaborations.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.startDate!))).toBe(true);
  });
});

describe('suggestion evaluation', () => {
  it('ranks with every baseline, each list of ten eligible organisations without the asking one', () => {
    const input = generateEcosystem({ seed: 9, organisations: 500 });
    const split = hideLatest(input, 0.2);
    const p = new Projection(split.train);
    const a = p.orgIndex.get([...split.hidden.keys()][0]!)!;
    for (const name of BASELINE_NAMES) {
      const ranked = BASELINES[name](1)(p, a, 10);
      expect(ranked, name).toHaveLength(10);
      expect(new Set(ranked).size, name).toBe(10);
      expect(ranked, name).not.toContain(p.orgIds[a]);
      for (const id of ranked) expect(p.partners.has(a, p.orgIndex.get(id)!), name).toBe(false);
    }
  });

  it('reports every ranker with intervals and the method against every baseline, on both generators', () => {
    for (const generator of ['planted', 'ecosystem'] as const) {
      const r = evaluateGenerator(generator, { organisations: 1200, seeds: [1], maxQueries: 120, resamples: 200 });
      expect(r.seeds[0]!.queries).toBeGreaterThan(60);
      expect(r.seeds[0]!.holdout).toBe(generator === 'ecosystem' ? 'time' : 'random');
      expect(Object.keys(r.pooled).sort()).toEqual([...RANKER_NAMES].sort());
      for (const name of RANKER_NAMES) expect(r.pooled[name].mrrAt10.low).toBeLessThanOrEqual(r.pooled[name].mrrAt10.high);
      // The method beats chance by far on either generator.
      expect(r.methodMinus.random.mrrAt10.low, generator).toBeGreaterThan(0);
      expect(r.beats.random).toBe(true);
      expect(formatGenerator(r)).toContain('sameDistrictAndTargetGroup');
    }
  });
});
