import { loadNewMembers } from '$lib/agreement-edit/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { lang } = await parent();
  return loadNewMembers(fetch, url.searchParams.getAll('p'), lang);
};
