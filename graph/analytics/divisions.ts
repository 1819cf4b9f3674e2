/**
 * A municipality's district divisions: the sets of its stadsdelsområden (or another level) that
 * existed together. Each boundary is a day a district began or the day after one ended; between two
 * boundaries the same districts exist. Stockholm has two in the seed: 13 stadsdelsområden from
 * 2020-07-01 to 2023-06-30, and 11 since 2023-07-01. The period before the first recorded start is
 * not a division: what existed then is not recorded.
 */
import type { DistrictKind } from '../model/types.js';
import { invalidArgument } from './errors.js';
import type { Projection } from './projection.js';

export interface DistrictDivision {
  validFrom: string;
  /** The last day (null: still in force). */
  validTo: string | null;
  districtIds: string[];
}

const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Oldest first. */
export function districtDivisions(p: Projection, municipalityId: string, kind: DistrictKind = 'STADSDELSOMRADE'): DistrictDivision[] {
  const m = p.requireDistrict(municipalityId, 'municipality');
  if (p.districtKinds[m] !== 'MUNICIPALITY') throw invalidArgument('municipality', `${municipalityId} is a ${p.districtKinds[m]}, not a MUNICIPALITY`);
  const districts = [...p.districtDescendants[m]!].filter((d) => p.districtKinds[d] === kind);
  const boundaries = new Set<string>();
  for (const d of districts) {
    const from = p.districtValidFrom[d];
    const to = p.districtValidTo[d];
    if (from) boundaries.add(from);
    if (to) boundaries.add(dayAfter(to));
  }
  const starts = [...boundaries].sort();
  const out: DistrictDivision[] = [];
  for (let i = 0; i < starts.length; i++) {
    const day = starts[i]!;
    const valid = districts.filter((d) => p.districtValidOn(d, day));
    if (!valid.length) continue;
    out.push({
      validFrom: day,
      validTo: i + 1 < starts.length ? dayBefore(starts[i + 1]!) : null,
      districtIds: valid.map((d) => p.districtIds[d]!).sort(),
    });
  }
  return out;
}
