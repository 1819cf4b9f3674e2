import { browser } from '$app/environment';
import { failLoad } from '$lib/graphql/errors.js';
import { langFromPath } from '$lib/i18n/index.js';
import { loadCatalogue } from '$lib/explore/catalogue.js';
import { loadOverlapNetwork, type NetworkResult } from '$lib/network/load.js';
import { parseNetworkParams } from '$lib/network/params.js';
import { gql } from '$lib/graphql/client.js';
import { NetworkAgreementsDocument } from '$lib/graphql/generated.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  // The language from the path, as the layout has it: the graph's request need not wait for the layout's load.
  const lang = langFromPath(url.pathname);
  const params = parseNetworkParams(url.searchParams);
  // The server renders the form and a placeholder of the graph's size; the browser fetches the
  // graph (laid out by the API) without waiting for it.
  let network: Promise<NetworkResult> | null = null;
  if (browser) {
    performance.mark('network:prepare');
    network = loadOverlapNetwork(fetch, params, lang);
    network.then(
      (r) => {
        if (r.graph) performance.mark('network:graph-loaded');
      },
      () => undefined,
    );
  }
  const [catalogue, { agreements }] = await Promise.all([loadCatalogue(fetch, lang), gql(fetch, NetworkAgreementsDocument, {}, lang)]).catch(failLoad);
  return { params, catalogue, agreements, network };
};
