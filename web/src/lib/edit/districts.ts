/**
 * The district picker's choices: every level of the model's districts (stadsdel, stadsdelsområde
 * with its period, municipality, region, country), each labelled with its level and where it lies
 * (a stadsdel its stadsdelsområde), searchable by name without regard to case or diacritics.
 */
import type { DistrictKind } from '$lib/graphql/generated.js';

/** The model's district levels, finest first (the order the picker lists matches in). */
export const DISTRICT_LEVELS = ['STADSDEL', 'STADSDELSOMRADE', 'MUNICIPALITY', 'REGION', 'COUNTRY'] as const satisfies readonly DistrictKind[];
// Every level of the API's enum is listed (a new level is a compile error here).
const _allLevels: Exclude<DistrictKind, (typeof DISTRICT_LEVELS)[number]> extends never ? true : never = true;
void _allLevels;

export interface DistrictChoice {
  id: string;
  name: string;
  kind: DistrictKind;
  validFrom?: string | null;
  validTo?: string | null;
  partOf?: { id: string; name: string; kind: DistrictKind } | null;
}

/** Lower case without diacritics, so "sodermalm" finds Södermalm. */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv');

/** The year span of a district that exists only for a period ("2007–2020", "2025–"); '' when open. */
export function periodOf(d: Pick<DistrictChoice, 'validFrom' | 'validTo'>): string {
  if (!d.validFrom && !d.validTo) return '';
  return `${d.validFrom?.slice(0, 4) ?? ''}–${d.validTo?.slice(0, 4) ?? ''}`;
}

/**
 * The districts matching `query` (every word a prefix of a word of the name, or a part of it),
 * at `level` when given: names starting with the query first, then by level (finest first), then
 * by name. At most `limit`, with the number of all matches.
 */
export function searchDistricts(all: readonly DistrictChoice[], query: string, level: DistrictKind | '', limit: number, locale: string): { matches: DistrictChoice[]; total: number } {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const collator = new Intl.Collator(locale);
  const rank = (k: DistrictKind) => DISTRICT_LEVELS.indexOf(k);
  const q = fold(query.trim());
  const found = all.filter((d) => (!level || d.kind === level) && words.every((w) => fold(d.name).includes(w)));
  found.sort((a, b) => Number(!fold(a.name).startsWith(q)) - Number(!fold(b.name).startsWith(q)) || rank(a.kind) - rank(b.kind) || collator.compare(a.name, b.name));
  return { matches: found.slice(0, limit), total: found.length };
}
