/**
 * Coverage of a municipality: for each stadsdelsområde or stadsdel (rows) and each chosen target
 * group (columns), the organisations serving that group there, counted by scope:
 *
 * - LOCAL: active in the cell's district or a district inside it;
 * - AREA: active in a district between the cell and the municipality (the stadsdelsområde, when the
 *   cells are stadsdelar) and not local;
 * - CITY_WIDE: active in the municipality as a whole (and, with includeRegionalAndNational, in its
 *   region or the country) and neither local nor area.
 *
 * An organisation serving a narrower group counts for the chosen group (unless
 * includeNarrowerTargetGroups is false). The city-wide organisations are the same for every cell,
 * so they are listed once per target group; cells carry their count.
 */
import type { DistrictKind } from '../model/types.js';
import { invalidArgument } from './errors.js';
import { compareByNameThenId } from './ordering.js';
import type { Projection } from './projection.js';

export type CoverageLevel = Extract<DistrictKind, 'STADSDELSOMRADE' | 'STADSDEL'>;
export type CoverageScopeKind = 'LOCAL' | 'AREA' | 'CITY_WIDE';

export interface CoverageOptions {
  municipalityId: string;
  level: CoverageLevel;
  targetGroupIds: readonly string[];
  includeNarrowerTargetGroups?: boolean;
  includeRegionalAndNational?: boolean;
}

export interface CoverageOrganisation {
  organisationId: string;
  name: string;
  /** Which of its target groups made it count (the chosen group or narrower ones). */
  targetGroupIds: string[];
  /** The districts it is active in that made it count here. */
  districtIds: string[];
}

export interface CoverageCell {
  districtId: string;
  targetGroupId: string;
  localCount: number;
  areaCount: number;
  cityWideCount: number;
  totalCount: number;
  local: CoverageOrganisation[];
  area: CoverageOrganisation[];
}

export interface CoverageMatrix {
  municipalityId: string;
  level: CoverageLevel;
  districts: { id: string; name: string; partOfId: string | null }[];
  targetGroups: { id: string; name: string }[];
  /** Per chosen target group, the organisations active across the whole municipality (or wider). */
  cityWide: { targetGroupId: string; organisations: CoverageOrganisation[] }[];
  /** Row-major: for each district (in `districts` order) each target group (in `targetGroups` order). */
  cells: CoverageCell[];
  projectionBuiltAt: number;
}

export function coverage(p: Projection, options: CoverageOptions): CoverageMatrix {
  const m = p.requireDistrict(options.municipalityId, 'municipalityId');
  if (p.districtKinds[m] !== 'MUNICIPALITY') {
    throw invalidArgument('municipalityId', `${options.municipalityId} is a ${p.districtKinds[m]}, not a MUNICIPALITY`);
  }
  if (options.level !== 'STADSDELSOMRADE' && options.level !== 'STADSDEL') {
    throw invalidArgument('level', 'level must be STADSDELSOMRADE or STADSDEL', options.level);
  }
  const tgs = [...new Set(options.targetGroupIds)].map((id) => p.requireTargetGroup(id, 'targetGroupIds'));
  const narrower = options.includeNarrowerTargetGroups ?? true;

  const cellDistricts = [...p.districtDescendants[m]!].filter((d) => p.districtKinds[d] === options.level);
  cellDistricts.sort((a, b) =>
    compareByNameThenId(
      { name: p.districtNames[a]!, id: p.districtIds[a]! },
      { name: p.districtNames[b]!, id: p.districtIds[b]! },
    ),
  );

  // For each chosen group, the set of target groups that count for it.
  const counts: Uint8Array[] = tgs.map((t) => {
    const mask = new Uint8Array(p.tgCount);
    mask[t] = 1;
    if (narrower) for (const s of p.tgDescendants[t]!) mask[s] = 1;
    return mask;
  });

  const entry = (o: number, col: number, viaDistricts: Iterable<number>): CoverageOrganisation | null => {
    const mask = counts[col]!;
    const groups: string[] = [];
    for (let k = p.orgTg.start(o); k < p.orgTg.end(o); k++) {
      const t = p.orgTg.values[k]!;
      if (mask[t]) groups.push(p.tgIds[t]!);
    }
    if (groups.length === 0) return null;
    return {
      organisationId: p.orgIds[o]!,
      name: p.orgNames[o]!,
      targetGroupIds: groups,
      districtIds: [...viaDistricts].map((d) => p.districtIds[d]!),
    };
  };
  const sortEntries = (list: CoverageOrganisation[]) =>
    list.sort((a, b) => compareByNameThenId({ name: a.name, id: a.organisationId }, { name: b.name, id: b.organisationId }));

  /** Organisations active in any of `districts`, with the districts that put them there. */
  const activeIn = (districts: Iterable<number>): Map<number, number[]> => {
    const out = new Map<number, number[]>();
    for (const d of districts) {
      for (let k = p.districtOrg.start(d); k < p.districtOrg.end(d); k++) {
        const o = p.districtOrg.values[k]!;
        const via = out.get(o);
        if (via) via.push(d);
        else out.set(o, [d]);
      }
    }
    return out;
  };

  const cityDistricts = [m];
  if (options.includeRegionalAndNational) cityDistricts.push(...p.districtAncestors[m]!);
  const cityOrgs = activeIn(cityDistricts);
  const cityWide = tgs.map((t, col) => {
    const list: CoverageOrganisation[] = [];
    for (const [o, via] of cityOrgs) {
      const e = entry(o, col, via);
      if (e) list.push(e);
    }
    return { targetGroupId: p.tgIds[t]!, organisations: sortEntries(list) };
  });
  const cityWideSets = cityWide.map((c) => new Set(c.organisations.map((e) => p.orgIndex.get(e.organisationId)!)));

  const cells: CoverageCell[] = [];
  for (const d of cellDistricts) {
    const localOrgs = activeIn([d, ...p.districtDescendants[d]!]);
    const between = [...p.districtAncestors[d]!].filter((a) => p.districtDepth[a]! > p.districtDepth[m]!);
    const areaOrgs = activeIn(between);
    for (let col = 0; col < tgs.length; col++) {
      const local: CoverageOrganisation[] = [];
      const seen = new Set<number>();
      for (const [o, via] of localOrgs) {
        const e = entry(o, col, via);
        if (e) {
          local.push(e);
          seen.add(o);
        }
      }
      const area: CoverageOrganisation[] = [];
      for (const [o, via] of areaOrgs) {
        if (seen.has(o)) continue;
        const e = entry(o, col, via);
        if (e) {
          area.push(e);
          seen.add(o);
        }
      }
      let cityWideCount = 0;
      for (const o of cityWideSets[col]!) if (!seen.has(o)) cityWideCount++;
      cells.push({
        districtId: p.districtIds[d]!,
        targetGroupId: p.tgIds[tgs[col]!]!,
        localCount: local.length,
        areaCount: area.length,
        cityWideCount,
        totalCount: local.length + area.length + cityWideCount,
        local: sortEntries(local),
        area: sortEntries(area),
      });
    }
  }

  return {
    municipalityId: p.districtIds[m]!,
    level: options.level,
    districts: cellDistricts.map((d) => ({
      id: p.districtIds[d]!,
      name: p.districtNames[d]!,
      partOfId: p.districtParent[d]! >= 0 ? p.districtIds[p.districtParent[d]!]! : null,
    })),
    targetGroups: tgs.map((t) => ({ id: p.tgIds[t]!, name: p.tgNames[t]! })),
    cityWide,
    cells,
    projectionBuiltAt: p.builtAt,
  };
}
