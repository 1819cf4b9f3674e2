/** Data for the gaps page, through the typed operations only. */
import { gql } from '$lib/graphql/client.js';
import { GapsCatalogueDocument, GapsOverviewDocument, type GapsCatalogueQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { toFilter, type Gaps, type GapsView } from './model.js';

type Fetch = typeof globalThis.fetch;

export interface GapsData {
  gaps: Gaps;
  catalogue: GapsCatalogueQuery;
}

export async function loadGaps(fetch: Fetch, view: GapsView, lang: Lang): Promise<GapsData> {
  const filter = toFilter(view);
  const [gaps, catalogue] = await Promise.all([
    gql(fetch, GapsOverviewDocument, { filter, first: view.limit, coverageTargetGroups: view.tg ? [view.tg] : null }, lang),
    gql(fetch, GapsCatalogueDocument, {}, lang),
  ]);
  return { gaps, catalogue };
}
