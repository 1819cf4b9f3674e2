import { failLoad } from '$lib/graphql/errors.js';
import { loadAgreementList } from '$lib/agreements/load.js';
import { parseRegisterView } from '$lib/agreements/model.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { lang } = await parent();
  const view = parseRegisterView(url.searchParams);
  try {
    return { list: await loadAgreementList(fetch, lang, view), view };
  } catch (e) {
    failLoad(e);
  }
};
