import { loadBodyForEdit } from '$lib/public-bodies/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { lang } = await parent();
  return loadBodyForEdit(fetch, null, lang);
};
