import { error } from '@sveltejs/kit';
import { failLoad } from '$lib/graphql/errors.js';
import { loadAgreement } from '$lib/agreements/load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang } = await parent();
  let data;
  try {
    data = await loadAgreement(fetch, params.id, lang);
  } catch (e) {
    failLoad(e);
  }
  const { agreement } = data;
  if (!agreement) error(404, { message: `no agreement ${params.id}`, kind: 'notFound' });
  return { ...data, agreement };
};
