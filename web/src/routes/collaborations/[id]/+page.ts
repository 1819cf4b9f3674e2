import { loadCollaboration } from '$lib/collaborations/load.js';
import { isEditor } from '$lib/auth/viewer.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang, viewer } = await parent();
  return loadCollaboration(fetch, params.id, lang, isEditor(viewer));
};
