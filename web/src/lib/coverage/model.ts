/**
 * What the coverage page shows, computed from the API's matrix: per district the distinct local
 * (and surrounding-area) organisations over the chosen target groups, and a colour scale.
 */
import type { CoverageQuery } from '$lib/graphql/generated.js';

export type CoverageMatrix = CoverageQuery['coverage'];
export interface Org {
  id: string;
  name: string;
  /** Counted only through inferred facts (in every cell of the row it appears in). */
  inferred: boolean;
}
export interface DistrictCoverage {
  id: string;
  name: string;
  geometry: unknown;
  local: Org[];
  area: Org[];
  /** Distinct local organisations over the chosen target groups (exact up to the API's list cap). */
  localCount: number;
  /** Of the listed local organisations, those counted only through inferred facts. */
  localInferred: number;
  byTargetGroup: Map<string, { local: number; area: number; total: number; localInferred: number }>;
}

/** An organisation seen again in another cell of the row: inferred only while every sighting is. */
function see(into: Map<string, Org>, o: Org): void {
  const had = into.get(o.id);
  into.set(o.id, had ? { ...had, inferred: had.inferred && o.inferred } : { id: o.id, name: o.name, inferred: o.inferred });
}

export function districtCoverage(matrix: CoverageMatrix): DistrictCoverage[] {
  const rows = new Map<string, DistrictCoverage>();
  for (const d of matrix.districts) rows.set(d.id, { id: d.id, name: d.name, geometry: d.geometry, local: [], area: [], localCount: 0, localInferred: 0, byTargetGroup: new Map() });
  const seen = new Map<string, { local: Map<string, Org>; area: Map<string, Org>; maxLocal: number }>();
  for (const cell of matrix.cells) {
    const row = rows.get(cell.district.id);
    if (!row) continue;
    row.byTargetGroup.set(cell.targetGroup.id, { local: cell.localCount, area: cell.areaCount, total: cell.localCount + cell.areaCount, localInferred: cell.localInferredCount });
    let s = seen.get(row.id);
    if (!s) seen.set(row.id, (s = { local: new Map(), area: new Map(), maxLocal: 0 }));
    for (const o of cell.local) see(s.local, o);
    for (const o of cell.area) see(s.area, o);
    s.maxLocal = Math.max(s.maxLocal, cell.localCount);
  }
  for (const row of rows.values()) {
    const s = seen.get(row.id);
    if (!s) continue;
    row.local = [...s.local.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    row.area = [...s.area.values()].filter((o) => !s.local.has(o.id)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    row.localCount = Math.max(row.local.length, s.maxLocal);
    row.localInferred = row.local.filter((o) => o.inferred).length;
  }
  return [...rows.values()];
}

/** Sequential blues (ColorBrewer), light to dark; text colour chosen for AA contrast on each. */
const BLUES = ['#f1f6fb', '#c6dbef', '#9ecae1', '#6baed6', '#2171b5', '#08519c', '#08306b'];
const TEXT = ['#1a1a1a', '#1a1a1a', '#1a1a1a', '#1a1a1a', '#ffffff', '#ffffff', '#ffffff'];

export interface Scale {
  /** Upper bounds of the bins (inclusive), one per colour. */
  bins: number[];
  colour(n: number): string;
  text(n: number): string;
}

export function colourScale(max: number): Scale {
  const top = Math.max(1, max);
  const steps = BLUES.length - 1;
  // Bin 0 is "none"; counts 1..max fall into at most `steps` classes spread over the whole ramp.
  const classes = Math.min(steps, top);
  const classOf = (n: number) => (n <= 0 ? 0 : Math.min(classes, Math.ceil((n * classes) / top)));
  const index = (n: number) => (n <= 0 ? 0 : Math.round((classOf(n) * steps) / classes));
  const bins = [0, ...Array.from({ length: classes }, (_, i) => Math.floor(((i + 1) * top) / classes))];
  return { bins, colour: (n) => BLUES[index(n)]!, text: (n) => TEXT[index(n)]! };
}
