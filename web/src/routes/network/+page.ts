import { browser } from '$app/environment';
import { failLoad } from '$lib/graphql/errors.js';
import { loadCatalogue } from '$lib/explore/catalogue.js';
import { loadOverlapNetwork, type NetworkResult } from '$lib/network/load.js';
import { parseNetworkParams } from '$lib/network/params.js';
import { prepareNetwork, type PreparedNetwork } from '$lib/network/prepare.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const params = parseNetworkParams(url.searchParams);
  // The server renders the form and a placeholder of the graph's size; the browser fetches the
  // graph, and starts the layout worker and the cytoscape import, without waiting for it.
  let network: Promise<NetworkResult> | null = null;
  let prepared: PreparedNetwork | null = null;
  if (browser) {
    network = loadOverlapNetwork(fetch, params, lang);
    prepared = prepareNetwork(network.then((r) => r.graph));
    // Shown by the page ({#await}); this keeps a result that is never shown (left at once) from reporting.
    network.catch(() => undefined);
  }
  return { params, catalogue: await loadCatalogue(fetch, lang).catch(failLoad), network, prepared };
};
