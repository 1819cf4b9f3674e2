import { failLoad } from '$lib/graphql/errors.js';
import { loadViewer } from '$lib/import/api.js';
import type { PageLoad } from './$types';

// The viewer's role decides what the page offers; its CSRF token goes with every mutation.
export const load: PageLoad = async ({ fetch, parent }) => {
  const { lang } = await parent();
  try {
    return { viewer: await loadViewer(fetch, lang) };
  } catch (e) {
    failLoad(e);
  }
};
