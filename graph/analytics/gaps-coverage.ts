/**
 * Coverage gaps: cells of the coverage matrix (district × target group) with no organisation at
 * all, or with no local one (only organisations active across the stadsdelsområde or the whole city).
 * The evidence lists who does cover the cell from further away and which bordering districts at the
 * same level have local organisations for the group.
 */
import { coverage, type CoverageMatrix, type CoverageOptions, type CoverageOrganisation } from './coverage.js';
import type { Projection } from './projection.js';

export type CoverageGapKind = 'NO_ORGANISATION' | 'ONLY_CITY_WIDE';

export interface CoverageGap {
  kind: CoverageGapKind;
  districtId: string;
  targetGroupId: string;
  evidence: {
    localCount: 0;
    areaCount: number;
    cityWideCount: number;
    /** Of areaCount: those counted only through an inferred fact. */
    areaInferredCount: number;
    area: CoverageOrganisation[];
    /** The first `maxListed` city-wide organisations serving the group. */
    cityWide: CoverageOrganisation[];
    /** Bordering cells (same level) with local organisations for the same group. */
    neighboursWithLocal: { districtId: string; localCount: number }[];
  };
}

export interface CoverageGaps {
  municipalityId: string;
  level: CoverageMatrix['level'];
  gaps: CoverageGap[];
  projectionBuiltAt: number;
}

/** `maxListed` (default 20) limits the organisations listed in each gap's evidence. */
export function coverageGaps(p: Projection, options: CoverageOptions): CoverageGaps {
  const maxListed = options.maxListed ?? 20;
  return coverageGapsFromMatrix(p, coverage(p, { ...options, maxListed }), maxListed);
}

/** Gaps of an already computed matrix (the UI usually asks for both). */
export function coverageGapsFromMatrix(p: Projection, matrix: CoverageMatrix, maxListed = 20): CoverageGaps {
  const cellIndex = new Map<string, (typeof matrix.cells)[number]>();
  for (const c of matrix.cells) cellIndex.set(`${c.districtId}\u0000${c.targetGroupId}`, c);
  const cityWideByGroup = new Map(matrix.cityWide.map((c) => [c.targetGroupId, c.organisations]));
  const noOrg: CoverageGap[] = [];
  const onlyWide: CoverageGap[] = [];
  for (const cell of matrix.cells) {
    if (cell.localCount > 0) continue;
    const d = p.districtIndex.get(cell.districtId)!;
    const neighboursWithLocal: { districtId: string; localCount: number }[] = [];
    for (let k = p.districtAdjacency.start(d); k < p.districtAdjacency.end(d); k++) {
      const n = p.districtIds[p.districtAdjacency.values[k]!]!;
      const other = cellIndex.get(`${n}\u0000${cell.targetGroupId}`);
      if (other && other.localCount > 0) neighboursWithLocal.push({ districtId: n, localCount: other.localCount });
    }
    neighboursWithLocal.sort((a, b) => b.localCount - a.localCount || (a.districtId < b.districtId ? -1 : 1));
    const gap: CoverageGap = {
      kind: cell.totalCount === 0 ? 'NO_ORGANISATION' : 'ONLY_CITY_WIDE',
      districtId: cell.districtId,
      targetGroupId: cell.targetGroupId,
      evidence: {
        localCount: 0,
        areaCount: cell.areaCount,
        cityWideCount: cell.cityWideCount,
        areaInferredCount: cell.areaInferredCount,
        area: cell.area.slice(0, maxListed),
        cityWide: (cityWideByGroup.get(cell.targetGroupId) ?? []).slice(0, maxListed),
        neighboursWithLocal,
      },
    };
    (gap.kind === 'NO_ORGANISATION' ? noOrg : onlyWide).push(gap);
  }
  return {
    municipalityId: matrix.municipalityId,
    level: matrix.level,
    gaps: [...noOrg, ...onlyWide],
    projectionBuiltAt: p.builtAt,
  };
}
