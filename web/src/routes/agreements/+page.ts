import { failLoad } from '$lib/graphql/errors.js';
import { loadAgreementList } from '$lib/agreements/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { lang } = await parent();
  try {
    return { list: await loadAgreementList(fetch, lang) };
  } catch (e) {
    failLoad(e);
  }
};
