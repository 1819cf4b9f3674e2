import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  adjacentPairs,
  aggregateAdjacency,
  featuresFromGeoJson,
  positionKey,
  ringSegments,
  type PolygonFeature,
} from '../../seeds/geo/adjacency.js';

const square = (name: string, x: number, y: number, size = 1): PolygonFeature => ({
  name,
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;

describe('adjacentPairs on hand-made squares', () => {
  it('finds two squares that share an edge', () => {
    expect(adjacentPairs([square('A', 0, 0), square('B', 1, 0)])).toEqual([['A', 'B']]);
  });

  it('does not count squares that touch only at a corner', () => {
    expect(adjacentPairs([square('A', 0, 0), square('B', 1, 1)])).toEqual([]);
  });

  it('does not count disjoint squares', () => {
    expect(adjacentPairs([square('A', 0, 0), square('B', 5, 5)])).toEqual([]);
  });

  it('matches a shared edge traversed in opposite directions and with rounding noise below 6 decimals', () => {
    const b: PolygonFeature = {
      name: 'B',
      coordinates: [
        [
          [1.0000001, 1],
          [1, 0.0000002],
          [2, 0],
          [2, 1],
          [1.0000001, 1],
        ],
      ],
    };
    expect(adjacentPairs([square('A', 0, 0), b])).toEqual([['A', 'B']]);
  });

  it('treats a ring without the closing position as closed', () => {
    const open: PolygonFeature = { name: 'B', coordinates: [[[1, 1], [1, 0], [2, 0], [2, 1]]] };
    expect(adjacentPairs([square('A', 0, 0), open])).toEqual([['A', 'B']]);
  });

  it('handles a 2x2 grid: edge neighbours yes, diagonal neighbours no', () => {
    const pairs = adjacentPairs([square('NW', 0, 1), square('NE', 1, 1), square('SW', 0, 0), square('SE', 1, 0)]);
    expect(pairs).toEqual([
      ['NE', 'NW'],
      ['NE', 'SE'],
      ['NW', 'SW'],
      ['SE', 'SW'],
    ]);
  });

  it('accepts MultiPolygon coordinates and ignores self-pairs of parts with one name', () => {
    const multi: PolygonFeature = {
      name: 'A',
      coordinates: [square('x', 0, 0).coordinates as number[][][], square('x', 1, 0).coordinates as number[][][]],
    };
    expect(adjacentPairs([multi, square('B', 2, 0)])).toEqual([['A', 'B']]);
  });

  it('keys positions with 6 decimals and skips zero-length segments', () => {
    expect(positionKey([18.1234564, 59.0])).toBe('18.123456,59.000000');
    expect(positionKey([-0.0000001, 0])).toBe('0.000000,0.000000');
    expect(ringSegments([[0, 0], [0, 0], [1, 0], [0, 0]]).size).toBe(1);
  });
});

describe('aggregateAdjacency', () => {
  it('lifts child pairs to distinct parent pairs', () => {
    const parentOf = new Map([
      ['a1', 'A'],
      ['a2', 'A'],
      ['b1', 'B'],
      ['c1', 'C'],
    ]);
    const lifted = aggregateAdjacency(
      [
        ['a1', 'a2'],
        ['a2', 'b1'],
        ['a1', 'b1'],
        ['c1', 'b1'],
      ],
      parentOf,
    );
    expect(lifted).toEqual([
      ['A', 'B'],
      ['B', 'C'],
    ]);
  });

  it('rejects a child without a parent', () => {
    expect(() => aggregateAdjacency([['a1', 'x']], new Map([['a1', 'A']]))).toThrow(/no parent for x/);
  });
});

describe('adjacency of the real Stockholm stadsdelar', () => {
  const features = featuresFromGeoJson(readJson<unknown>('../../seeds/geo/stockholm-stadsdelar.geo.json'));
  const pairs = adjacentPairs(features);
  const has = (a: string, b: string): boolean => pairs.some(([p, q]) => (p === a && q === b) || (p === b && q === a));

  it('reads 117 polygons', () => {
    expect(features).toHaveLength(117);
  });

  it('gives every stadsdel at least one neighbour', () => {
    console.log(`stadsdelar: ${features.length} polygons, ${pairs.length} adjacent pairs`);
    const degree = new Map(features.map((f) => [f.name, 0]));
    for (const [a, b] of pairs) {
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
    }
    const isolated = [...degree].filter(([, d]) => d === 0).map(([n]) => n);
    expect(isolated).toEqual([]);
  });

  it('finds known neighbours', () => {
    expect(has('SÖDERMALM', 'GAMLA STAN')).toBe(true);
    expect(has('SÖDERMALM', 'SÖDRA HAMMARBYHAMNEN')).toBe(true);
    expect(has('GAMLA STAN', 'RIDDARHOLMEN')).toBe(true);
    expect(has('KISTA', 'HUSBY')).toBe(true);
    expect(has('RINKEBY', 'TENSTA')).toBe(true);
    expect(has('FARSTA', 'FARSTA STRAND')).toBe(true);
  });

  it('does not pair districts far apart', () => {
    expect(has('HÄSSELBY VILLASTAD', 'FARSTA')).toBe(false);
    expect(has('AKALLA', 'SKÄRHOLMEN')).toBe(false);
  });

  it('lifts to stadsdelsområde adjacency with the seed assignment', () => {
    // The 2020–2023 division (the areas that list their stadsdelar).
    const sdo = readJson<Array<{ id: string; stadsdelar?: string[] }>>('../../seeds/data/stadsdelsomraden.json').filter((o) => o.stadsdelar);
    const parentOf = new Map(sdo.flatMap((o) => o.stadsdelar!.map((s) => [s, o.id] as [string, string])));
    const lifted = aggregateAdjacency(pairs, parentOf);
    console.log(`stadsdelsområden: ${sdo.length}, ${lifted.length} adjacent pairs`);
    const liftedHas = (a: string, b: string): boolean =>
      lifted.some(([p, q]) => (p === a && q === b) || (p === b && q === a));
    expect(liftedHas('district:sdo-rinkeby-kista', 'district:sdo-spanga-tensta')).toBe(true);
    expect(liftedHas('district:sdo-sodermalm', 'district:sdo-norrmalm')).toBe(true);
    expect(liftedHas('district:sdo-farsta', 'district:sdo-skarpnack')).toBe(true);
    expect(liftedHas('district:sdo-skarholmen', 'district:sdo-hagersten-alvsjo')).toBe(true);
    expect(liftedHas('district:sdo-hasselby-vallingby', 'district:sdo-farsta')).toBe(false);
    for (const o of sdo) expect(lifted.some(([p, q]) => p === o.id || q === o.id)).toBe(true);
  });
});
