/** The filter catalogue (target groups, districts), fetched once per browser session. */
import { browser } from '$app/environment';
import { gql } from '$lib/graphql/client.js';
import { ExploreCatalogueDocument, type ExploreCatalogueQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';

let cached: Promise<ExploreCatalogueQuery> | null = null;

export function loadCatalogue(fetch: typeof globalThis.fetch, lang: Lang): Promise<ExploreCatalogueQuery> {
  if (!browser) return gql(fetch, ExploreCatalogueDocument, {}, lang);
  cached ??= gql(fetch, ExploreCatalogueDocument, {}, lang).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
