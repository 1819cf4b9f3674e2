import { loadCollaborationForEdit } from '$lib/agreement-edit/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang } = await parent();
  return loadCollaborationForEdit(fetch, params.id, lang);
};
