import { failLoad } from '$lib/graphql/errors.js';
import { loadGaps } from '$lib/gaps/load.js';
import { parseGapsView } from '$lib/gaps/model.js';
import { isEditor } from '$lib/auth/viewer.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang, viewer } = await parent();
  const view = parseGapsView(url.searchParams);
  try {
    return { view, gaps: await loadGaps(fetch, view, lang, isEditor(viewer)) };
  } catch (e) {
    failLoad(e);
  }
};
