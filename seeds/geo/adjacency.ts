/**
 * Polygon adjacency for the district geography (no dependency beyond Node).
 *
 * Two polygons are adjacent when they share a border segment: two vertices that are consecutive
 * on a ring of each polygon (in either direction), comparing coordinates rounded to 6 decimals
 * (about 0.1 m). A single shared corner point is not a border. The Stockholm stadsdelar in
 * seeds/geo/stockholm-stadsdelar.geo.json come from one topologically clean map, so neighbours
 * share their border vertices exactly; polygons that meet along an edge without common vertices
 * (a T-junction) are not detected by this rule.
 */

/** A GeoJSON position: [longitude, latitude] (further elements, e.g. altitude, are ignored). */
export type Position = readonly number[];
/** A linear ring; GeoJSON closes it by repeating the first position last, but that is not required. */
export type Ring = readonly Position[];
/** Polygon rings (outer ring first), or a MultiPolygon's list of polygons. */
export type PolygonCoordinates = readonly Ring[] | readonly (readonly Ring[])[];

export interface PolygonFeature {
  readonly name: string;
  readonly coordinates: PolygonCoordinates;
}

export interface AdjacencyOptions {
  /** Decimals kept when comparing coordinates (default 6). */
  readonly decimals?: number;
}

const DEFAULT_DECIMALS = 6;

/** The key of a position after rounding, e.g. "18.071234,59.324567". */
export function positionKey(position: Position, decimals: number = DEFAULT_DECIMALS): string {
  const [x, y] = position;
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new Error(`invalid position ${JSON.stringify(position)}`);
  }
  // Adding 0 turns -0 into 0 so that "-0.000000" and "0.000000" cannot differ.
  return `${(Number(x.toFixed(decimals)) + 0).toFixed(decimals)},${(Number(y.toFixed(decimals)) + 0).toFixed(decimals)}`;
}

/** The direction-independent key of a segment between two position keys. */
export function segmentKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The segments of one ring (consecutive vertices, closing the ring if it is open); zero-length ones are skipped. */
export function ringSegments(ring: Ring, decimals: number = DEFAULT_DECIMALS): Set<string> {
  const keys = ring.map((p) => positionKey(p, decimals));
  const segments = new Set<string>();
  if (keys.length < 2) return segments;
  const first = keys[0] as string;
  const last = keys[keys.length - 1] as string;
  if (first !== last) keys.push(first);
  for (let i = 0; i + 1 < keys.length; i++) {
    const a = keys[i] as string;
    const b = keys[i + 1] as string;
    if (a !== b) segments.add(segmentKey(a, b));
  }
  return segments;
}

function isPolygonRings(coordinates: PolygonCoordinates): coordinates is readonly Ring[] {
  const firstRing = coordinates[0];
  if (firstRing === undefined) return true;
  const firstPosition = firstRing[0];
  return firstPosition === undefined || typeof firstPosition[0] === 'number';
}

/** All rings of a Polygon's or MultiPolygon's coordinates. */
export function ringsOf(coordinates: PolygonCoordinates): Ring[] {
  if (isPolygonRings(coordinates)) return [...coordinates];
  return (coordinates as readonly (readonly Ring[])[]).flatMap((polygon) => [...polygon]);
}

/** Every border segment of a feature. */
export function featureSegments(feature: PolygonFeature, decimals: number = DEFAULT_DECIMALS): Set<string> {
  const segments = new Set<string>();
  for (const ring of ringsOf(feature.coordinates)) {
    for (const s of ringSegments(ring, decimals)) segments.add(s);
  }
  return segments;
}

function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Adds [a, b] (ordered, a !== b) to a pair set keyed by a separator that cannot occur in names. */
function addPair(pairs: Map<string, [string, string]>, a: string, b: string): void {
  if (a === b) return;
  const pair = orderedPair(a, b);
  pairs.set(`${pair[0]}\u0000${pair[1]}`, pair);
}

function sortedPairs(pairs: Map<string, [string, string]>): Array<[string, string]> {
  return [...pairs.values()].sort((p, q) => (p[0] === q[0] ? (p[1] < q[1] ? -1 : 1) : p[0] < q[0] ? -1 : 1));
}

/**
 * The pairs of features (by name) that share at least one border segment. Each pair appears once,
 * as [a, b] with a < b, sorted. Features with the same name are treated as parts of one district.
 */
export function adjacentPairs(features: readonly PolygonFeature[], options: AdjacencyOptions = {}): Array<[string, string]> {
  const decimals = options.decimals ?? DEFAULT_DECIMALS;
  const owners = new Map<string, Set<string>>();
  for (const feature of features) {
    for (const segment of featureSegments(feature, decimals)) {
      let names = owners.get(segment);
      if (names === undefined) {
        names = new Set<string>();
        owners.set(segment, names);
      }
      names.add(feature.name);
    }
  }
  const pairs = new Map<string, [string, string]>();
  for (const names of owners.values()) {
    if (names.size < 2) continue;
    const list = [...names];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) addPair(pairs, list[i] as string, list[j] as string);
    }
  }
  return sortedPairs(pairs);
}

/**
 * Lifts adjacency to the parents (e.g. stadsdel → stadsdelsområde): two parents are adjacent when
 * a child of one is adjacent to a child of the other. Pairs within one parent are dropped. A child
 * with no parent in `parentOf` is an error (the geography and the assignment disagree).
 */
export function aggregateAdjacency(
  pairs: ReadonlyArray<readonly [string, string]>,
  parentOf: ReadonlyMap<string, string>,
): Array<[string, string]> {
  const lifted = new Map<string, [string, string]>();
  for (const [a, b] of pairs) {
    const pa = parentOf.get(a);
    const pb = parentOf.get(b);
    if (pa === undefined || pb === undefined) {
      throw new Error(`no parent for ${pa === undefined ? a : b}`);
    }
    addPair(lifted, pa, pb);
  }
  return sortedPairs(lifted);
}

/** The features of a GeoJSON FeatureCollection of Polygons/MultiPolygons, named by a property (default `name`). */
export function featuresFromGeoJson(collection: unknown, nameProperty = 'name'): PolygonFeature[] {
  const features = (collection as { features?: unknown }).features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  return features.map((f: unknown, index: number) => {
    const feature = f as { properties?: Record<string, unknown>; geometry?: { type?: unknown; coordinates?: unknown } };
    const name = feature.properties?.[nameProperty];
    const type = feature.geometry?.type;
    if (typeof name !== 'string') throw new Error(`feature ${index} has no string property "${nameProperty}"`);
    if (type !== 'Polygon' && type !== 'MultiPolygon') throw new Error(`feature "${name}" is a ${String(type)}, not a polygon`);
    return { name, coordinates: feature.geometry?.coordinates as PolygonCoordinates };
  });
}
