import { gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { OverlapNetworkDocument } from '$lib/graphql/generated.js';
import { loadCatalogue } from '$lib/explore/catalogue.js';
import { parseNetworkParams, toNetworkFilter } from '$lib/network/params.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const params = parseNetworkParams(url.searchParams);
  try {
    const [catalogue, data] = await Promise.all([loadCatalogue(fetch, lang), gql(fetch, OverlapNetworkDocument, { filter: toNetworkFilter(params), minScore: params.min, first: params.first, includeIsolated: params.isolated }, lang)]);
    return { params, catalogue, graph: data.overlaps };
  } catch (e) {
    failLoad(e);
  }
};
