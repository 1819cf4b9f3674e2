import { error } from '@sveltejs/kit';
import { failLoad } from '$lib/graphql/errors.js';
import { loadAgreement } from '$lib/agreements/load.js';
import { isEditor } from '$lib/auth/viewer.js';
import { historyFor } from '$lib/history/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang, viewer } = await parent();
  // Editors also see the agreement's history (a failure there leaves the page up).
  const history = historyFor(fetch, 'agreement', params.id, lang, isEditor(viewer));
  let data;
  try {
    data = await loadAgreement(fetch, params.id, lang);
  } catch (e) {
    failLoad(e);
  }
  const { agreement } = data;
  if (!agreement) error(404, { message: `no agreement ${params.id}`, kind: 'notFound' });
  return { ...data, agreement, history: await history };
};
