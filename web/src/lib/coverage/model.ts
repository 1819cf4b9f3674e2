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
/** How far an organisation counted for every district reaches: the municipality, the county (region) or the country. */
export type WiderScope = 'MUNICIPALITY' | 'REGION' | 'COUNTRY';
export interface WiderOrg extends Org {
  scope: WiderScope;
}
export interface DistrictCoverage {
  id: string;
  name: string;
  geometry: unknown;
  local: Org[];
  area: Org[];
  /** Those working across the whole city, county or country for a chosen group, not already local or in the area: counted in every district. */
  wider: WiderOrg[];
  /** Everyone counted for the district: distinct local, area and wider organisations. */
  totalCount: number;
  /** Distinct local organisations over the chosen target groups (exact up to the API's list cap). */
  localCount: number;
  /** Of the listed local organisations, those counted only through inferred facts. */
  localInferred: number;
  /** Per chosen group: local, area and wider counts; `total` is local + area (the heat colour), `wider` counted apart. */
  byTargetGroup: Map<string, { local: number; area: number; wider: number; total: number; localInferred: number }>;
}

/** An organisation seen again in another cell of the row: inferred only while every sighting is. */
function see(into: Map<string, Org>, o: Org): void {
  const had = into.get(o.id);
  into.set(o.id, had ? { ...had, inferred: had.inferred && o.inferred } : { id: o.id, name: o.name, inferred: o.inferred });
}

const SCOPE_RANK: Record<WiderScope, number> = { MUNICIPALITY: 0, REGION: 1, COUNTRY: 2 };

/** The organisations working across the whole municipality or wider for any chosen group (each once, its narrowest wide scope). */
export function widerOrganisations(matrix: CoverageMatrix): WiderOrg[] {
  const out = new Map<string, WiderOrg>();
  for (const c of matrix.cityWide) {
    for (const o of c.organisations) {
      const kinds = o.districts.map((d) => d.kind).filter((k): k is WiderScope => k === 'MUNICIPALITY' || k === 'REGION' || k === 'COUNTRY');
      const scope = kinds.sort((a, b) => SCOPE_RANK[a] - SCOPE_RANK[b])[0] ?? 'MUNICIPALITY';
      const had = out.get(o.id);
      if (!had) out.set(o.id, { id: o.id, name: o.name, inferred: o.inferred, scope });
      else out.set(o.id, { ...had, inferred: had.inferred && o.inferred, scope: SCOPE_RANK[scope] < SCOPE_RANK[had.scope] ? scope : had.scope });
    }
  }
  return [...out.values()].sort((a, b) => SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] || a.name.localeCompare(b.name, 'sv'));
}

export function districtCoverage(matrix: CoverageMatrix): DistrictCoverage[] {
  const rows = new Map<string, DistrictCoverage>();
  const wide = widerOrganisations(matrix);
  for (const d of matrix.districts) rows.set(d.id, { id: d.id, name: d.name, geometry: d.geometry, local: [], area: [], wider: [], totalCount: 0, localCount: 0, localInferred: 0, byTargetGroup: new Map() });
  const seen = new Map<string, { local: Map<string, Org>; area: Map<string, Org>; maxLocal: number }>();
  for (const cell of matrix.cells) {
    const row = rows.get(cell.district.id);
    if (!row) continue;
    row.byTargetGroup.set(cell.targetGroup.id, { local: cell.localCount, area: cell.areaCount, wider: cell.cityWideCount, total: cell.localCount + cell.areaCount, localInferred: cell.localInferredCount });
    let s = seen.get(row.id);
    if (!s) seen.set(row.id, (s = { local: new Map(), area: new Map(), maxLocal: 0 }));
    for (const o of cell.local) see(s.local, o);
    for (const o of cell.area) see(s.area, o);
    s.maxLocal = Math.max(s.maxLocal, cell.localCount);
  }
  for (const row of rows.values()) {
    const s = seen.get(row.id);
    if (!s) {
      row.wider = wide;
      row.totalCount = wide.length;
      continue;
    }
    row.local = [...s.local.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    row.area = [...s.area.values()].filter((o) => !s.local.has(o.id)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    row.localCount = Math.max(row.local.length, s.maxLocal);
    row.localInferred = row.local.filter((o) => o.inferred).length;
    row.wider = wide.filter((o) => !s.local.has(o.id) && !s.area.has(o.id));
    row.totalCount = row.localCount + row.area.length + row.wider.length;
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
