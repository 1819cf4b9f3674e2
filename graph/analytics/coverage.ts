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
 * so they are listed once per target group; cells carry their count. Lists hold at most `maxListed`
 * organisations each (in name order); counts are always complete.
 *
 * The rows are the districts of the level that exist on `validOn` (default today): Stockholm's
 * stadsdelsområden changed on 2023-07-01, so a day picks the division (11 since then, 13 before).
 * Organisations recorded as closed are left out unless asked for. An organisation counted only
 * through inferred facts (its target group or the district that placed it is INFERRED) is marked
 * so, and counted apart.
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
  /** At most this many organisations are listed per list (in name order); counts are always complete. Default 100. */
  maxListed?: number;
  /** The day whose district division the rows are (ISO date). Default today. */
  validOn?: string;
  /** Count organisations recorded as CLOSED too (default false). */
  includeClosed?: boolean;
}

export interface CoverageOrganisation {
  organisationId: string;
  name: string;
  /** Which of its target groups made it count (the chosen group or narrower ones). */
  targetGroupIds: string[];
  /** The districts it is active in that made it count here. */
  districtIds: string[];
  /** It counts only through an inferred fact: every link that made it count for the group, or every one that placed it here, is INFERRED. */
  inferred: boolean;
}

export interface CoverageCell {
  districtId: string;
  targetGroupId: string;
  localCount: number;
  areaCount: number;
  cityWideCount: number;
  totalCount: number;
  /** Of localCount and areaCount, those counted only through an inferred fact. */
  localInferredCount: number;
  areaInferredCount: number;
  local: CoverageOrganisation[];
  area: CoverageOrganisation[];
}

export interface CoverageMatrix {
  municipalityId: string;
  level: CoverageLevel;
  districts: { id: string; name: string; partOfId: string | null }[];
  targetGroups: { id: string; name: string }[];
  /** The day the rows were chosen for, and the period of that division (where its districts record one). */
  division: { validOn: string; validFrom: string | null; validTo: string | null };
  /** Per chosen target group, the organisations active across the whole municipality (or wider). */
  cityWide: { targetGroupId: string; count: number; inferredCount: number; organisations: CoverageOrganisation[] }[];
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
  const maxListed = options.maxListed ?? 100;
  const validOn = options.validOn ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validOn)) throw invalidArgument('validOn', 'validOn must be a date YYYY-MM-DD', validOn);
  const closedOut = !options.includeClosed;

  const cellDistricts = [...p.districtDescendants[m]!].filter((d) => p.districtKinds[d] === options.level && p.districtValidOn(d, validOn));
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
  const servesColumn = (o: number, col: number): boolean => {
    const mask = counts[col]!;
    for (let k = p.orgTg.start(o); k < p.orgTg.end(o); k++) if (mask[p.orgTg.values[k]!]) return true;
    return false;
  };
  /** Whether the organisation counts for the column only through inferred facts. */
  const inferredFor = (o: number, col: number, viaDistricts: readonly number[]): boolean => {
    if (viaDistricts.length > 0 && viaDistricts.every((d) => p.isInferred('activeIn', o, d))) return true;
    const mask = counts[col]!;
    for (let k = p.orgTg.start(o); k < p.orgTg.end(o); k++) {
      const t = p.orgTg.values[k]!;
      if (mask[t] && !p.isInferred('serves', o, t)) return false;
    }
    return true;
  };
  const entry = (o: number, col: number, viaDistricts: readonly number[]): CoverageOrganisation => {
    const mask = counts[col]!;
    const groups: string[] = [];
    for (let k = p.orgTg.start(o); k < p.orgTg.end(o); k++) {
      const t = p.orgTg.values[k]!;
      if (mask[t]) groups.push(p.tgIds[t]!);
    }
    return {
      organisationId: p.orgIds[o]!,
      name: p.orgNames[o]!,
      targetGroupIds: groups,
      districtIds: viaDistricts.map((d) => p.districtIds[d]!),
      inferred: inferredFor(o, col, viaDistricts),
    };
  };

  /** Organisations active in any of `districts`, with the districts that put them there, in name order. */
  const rank = p.orgNameRank;
  const activeIn = (districts: Iterable<number>): [number, number[]][] => {
    const out = new Map<number, number[]>();
    for (const d of districts) {
      for (let k = p.districtOrg.start(d); k < p.districtOrg.end(d); k++) {
        const o = p.districtOrg.values[k]!;
        if (closedOut && p.orgClosed[o]) continue;
        const via = out.get(o);
        if (via) via.push(d);
        else out.set(o, [d]);
      }
    }
    return [...out].sort((x, y) => rank[x[0]]! - rank[y[0]]!);
  };

  const cityDistricts = [m];
  if (options.includeRegionalAndNational) cityDistricts.push(...p.districtAncestors[m]!);
  const cityOrgs = activeIn(cityDistricts);
  // Bit `col` of cityMark[o] set = o is city-wide for column col (columns beyond 31 use the slow path).
  const cityMark = new Map<number, number>();
  const citySets: Set<number>[] = tgs.map(() => new Set<number>());
  const cityWide = tgs.map((t, col) => {
    const list: CoverageOrganisation[] = [];
    let inferredCount = 0;
    for (const [o, via] of cityOrgs) {
      if (!servesColumn(o, col)) continue;
      citySets[col]!.add(o);
      if (col < 31) cityMark.set(o, (cityMark.get(o) ?? 0) | (1 << col));
      if (inferredFor(o, col, via)) inferredCount++;
      if (list.length < maxListed) list.push(entry(o, col, via));
    }
    return { targetGroupId: p.tgIds[t]!, count: citySets[col]!.size, inferredCount, organisations: list };
  });
  const isCityWide = (o: number, col: number) =>
    col < 31 ? ((cityMark.get(o) ?? 0) & (1 << col)) !== 0 : citySets[col]!.has(o);

  const cells: CoverageCell[] = [];
  const areaCache = new Map<string, [number, number[]][]>();
  const seen = p.scratchEpoch;
  for (const d of cellDistricts) {
    const localOrgs = activeIn([d, ...p.districtDescendants[d]!]);
    const between = [...p.districtAncestors[d]!].filter((a) => p.districtDepth[a]! > p.districtDepth[m]!);
    const areaKey = between.join(',');
    let areaOrgs = areaCache.get(areaKey);
    if (!areaOrgs) areaCache.set(areaKey, (areaOrgs = activeIn(between)));
    for (let col = 0; col < tgs.length; col++) {
      const epoch = p.nextEpoch();
      let alreadyCityWide = 0;
      const local: CoverageOrganisation[] = [];
      let localCount = 0;
      let localInferredCount = 0;
      for (const [o, via] of localOrgs) {
        if (!servesColumn(o, col)) continue;
        seen[o] = epoch;
        localCount++;
        if (inferredFor(o, col, via)) localInferredCount++;
        if (isCityWide(o, col)) alreadyCityWide++;
        if (local.length < maxListed) local.push(entry(o, col, via));
      }
      const area: CoverageOrganisation[] = [];
      let areaCount = 0;
      let areaInferredCount = 0;
      for (const [o, via] of areaOrgs) {
        if (seen[o] === epoch || !servesColumn(o, col)) continue;
        seen[o] = epoch;
        areaCount++;
        if (inferredFor(o, col, via)) areaInferredCount++;
        if (isCityWide(o, col)) alreadyCityWide++;
        if (area.length < maxListed) area.push(entry(o, col, via));
      }
      const cityWideCount = citySets[col]!.size - alreadyCityWide;
      cells.push({
        districtId: p.districtIds[d]!,
        targetGroupId: p.tgIds[tgs[col]!]!,
        localCount,
        areaCount,
        cityWideCount,
        totalCount: localCount + areaCount + cityWideCount,
        localInferredCount,
        areaInferredCount,
        local,
        area,
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
    division: divisionOf(p, cellDistricts, validOn),
    cityWide,
    cells,
    projectionBuiltAt: p.builtAt,
  };
}

/** The period the rows share: from the latest start to the earliest end their districts record. */
function divisionOf(p: Projection, districts: readonly number[], validOn: string): CoverageMatrix['division'] {
  let validFrom: string | null = null;
  let validTo: string | null = null;
  for (const d of districts) {
    const from = p.districtValidFrom[d] ?? null;
    const to = p.districtValidTo[d] ?? null;
    if (from !== null && (validFrom === null || from > validFrom)) validFrom = from;
    if (to !== null && (validTo === null || to < validTo)) validTo = to;
  }
  return { validOn, validFrom, validTo };
}
