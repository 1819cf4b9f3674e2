/** SVG paths for districts from their GeoJSON geometry (d3-geo, no tiles). */
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { GeoPermissibleObjects } from 'd3-geo';

type Ring = [number, number][];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}

function isGeometry(g: unknown): g is Geometry {
  return typeof g === 'object' && g !== null && ((g as Geometry).type === 'Polygon' || (g as Geometry).type === 'MultiPolygon') && Array.isArray((g as Geometry).coordinates);
}

/** d3-geo takes the exterior ring clockwise; GeoJSON (RFC 7946) has it counter-clockwise. */
function rewound(g: Geometry): Geometry {
  const feature = { type: 'Feature', properties: {}, geometry: g } as GeoPermissibleObjects;
  if (geoArea(feature) <= 2 * Math.PI) return g;
  const rev = (ring: Ring) => [...ring].reverse() as Ring;
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: (g.coordinates as Ring[]).map(rev) } : { type: 'MultiPolygon', coordinates: (g.coordinates as Ring[][]).map((p) => p.map(rev)) };
}

export interface DistrictShape {
  id: string;
  d: string;
}

export function districtShapes(districts: { id: string; geometry: unknown }[], width: number, height: number): DistrictShape[] {
  const withGeometry = districts.filter((d) => isGeometry(d.geometry)).map((d) => ({ id: d.id, geometry: rewound(d.geometry as Geometry) }));
  if (withGeometry.length === 0) return [];
  const collection = { type: 'FeatureCollection', features: withGeometry.map((d) => ({ type: 'Feature', properties: {}, geometry: d.geometry })) } as GeoPermissibleObjects;
  const projection = geoMercator().fitSize([width, height], collection as Parameters<ReturnType<typeof geoMercator>['fitSize']>[1]);
  const path = geoPath(projection);
  return withGeometry.map((d) => ({ id: d.id, d: path({ type: 'Feature', properties: {}, geometry: d.geometry } as GeoPermissibleObjects) ?? '' }));
}
