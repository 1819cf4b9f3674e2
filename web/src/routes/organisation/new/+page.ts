import { loadCatalogue } from '$lib/edit/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { lang } = await parent();
  return { catalogue: await loadCatalogue(fetch, lang) };
};
