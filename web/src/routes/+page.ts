import { gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { ExploreOrganisationsDocument } from '$lib/graphql/generated.js';
import { loadCatalogue } from '$lib/explore/catalogue.js';
import { PAGE_SIZE, parseFilters, toOrganisationFilter } from '$lib/explore/filters.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const filters = parseFilters(url.searchParams);
  try {
    const [catalogue, result] = await Promise.all([
      loadCatalogue(fetch, lang),
      gql(fetch, ExploreOrganisationsDocument, { filter: toOrganisationFilter(filters), first: PAGE_SIZE, after: filters.after }, lang),
    ]);
    return { filters, catalogue, result: result.organisations };
  } catch (e) {
    failLoad(e);
  }
};
