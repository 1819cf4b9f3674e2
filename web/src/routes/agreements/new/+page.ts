import { loadNewMembers } from '$lib/agreement-edit/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { lang } = await parent();
  const { publicBodies, places, proposed } = await loadNewMembers(fetch, url.searchParams.getAll('p'), lang);
  return { publicBodies, places, parties: proposed };
};
