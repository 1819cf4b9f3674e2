import { browser } from '$app/environment';
import { gql, GraphQLRequestError } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { OverlapNetworkDocument } from '$lib/graphql/generated.js';
import { loadCatalogue } from '$lib/explore/catalogue.js';
import { parseNetworkParams, toNetworkFilter } from '$lib/network/params.js';
import { prepareNetwork } from '$lib/network/prepare.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const params = parseNetworkParams(url.searchParams);
  // Started once: the too-broad answer below still needs it.
  const cataloguePromise = loadCatalogue(fetch, lang);
  try {
    const [catalogue, data] = await Promise.all([cataloguePromise, gql(fetch, OverlapNetworkDocument, { filter: toNetworkFilter(params), minScore: params.min, first: params.first, includeIsolated: params.isolated }, lang)]);
    // In the browser the layout and cytoscape start now, while the page hydrates.
    const prepared = browser && data.overlaps.nodes.length > 0 ? prepareNetwork(data.overlaps) : null;
    return { params, catalogue, graph: data.overlaps, prepared, tooBroad: false };
  } catch (e) {
    // A filter matching too many organisations for one view (a whole country): keep the form and ask to narrow it.
    if (e instanceof GraphQLRequestError && e.tooBroad) return { params, catalogue: await cataloguePromise.catch(failLoad), graph: null, prepared: null, tooBroad: true };
    failLoad(e);
  }
};
