/** Data for the gaps page, through the typed operations only. */
import { gql } from '$lib/graphql/client.js';
import { GapsCatalogueDocument, GapsOverviewDocument, StaleContactsDocument, type GapsCatalogueQuery, type StaleContactsQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { toFilter, type Gaps, type GapsView } from './model.js';

type Fetch = typeof globalThis.fetch;

export interface GapsData {
  gaps: Gaps;
  catalogue: GapsCatalogueQuery;
  /** Editors only (undefined for others); null when the list could not be fetched. */
  stale?: StaleContactsQuery['staleContacts'] | null;
}

export async function loadGaps(fetch: Fetch, view: GapsView, lang: Lang, editor = false): Promise<GapsData> {
  const filter = toFilter(view);
  const [gaps, catalogue, stale] = await Promise.all([
    gql(fetch, GapsOverviewDocument, { filter, first: view.limit, coverageTargetGroups: view.tg ? [view.tg] : null }, lang),
    gql(fetch, GapsCatalogueDocument, {}, lang),
    // The stale list is the editors' worklist; its failure must not take the public page down.
    editor ? gql(fetch, StaleContactsDocument, { olderThanMonths: 12, first: 50 }, lang).then((r) => r.staleContacts, () => null) : Promise.resolve(undefined),
  ]);
  return stale === undefined ? { gaps, catalogue } : { gaps, catalogue, stale };
}
