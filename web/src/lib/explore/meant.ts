import type { SearchEntryKind } from '$lib/graphql/generated.js';
import type { ExploreFilters } from './filters.js';

/**
 * The target groups, districts and resources a search text names (OrganisationConnection.search.meant),
 * each offered as a filter: the view's filters with it added (the text kept, the page reset).
 * Entries already among the filters are not offered again.
 */
export interface MeantOffer {
  kind: SearchEntryKind;
  id: string;
  name: string;
  filters: ExploreFilters;
}

const KEY: Record<SearchEntryKind, 'tg' | 'd' | 'ro'> = { TARGET_GROUP: 'tg', DISTRICT: 'd', RESOURCE: 'ro' };

export function meantOffers(filters: ExploreFilters, meant: readonly { kind: SearchEntryKind; id: string; name: string }[]): MeantOffer[] {
  const offers: MeantOffer[] = [];
  for (const m of meant) {
    const key = KEY[m.kind];
    if (filters[key].includes(m.id) || offers.some((o) => o.kind === m.kind && o.id === m.id)) continue;
    offers.push({ kind: m.kind, id: m.id, name: m.name, filters: { ...filters, [key]: [...filters[key], m.id], after: null, start: 1 } });
  }
  return offers;
}
