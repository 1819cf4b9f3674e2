import { loadForEdit } from '$lib/edit/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang } = await parent();
  return loadForEdit(fetch, params.id, lang);
};
