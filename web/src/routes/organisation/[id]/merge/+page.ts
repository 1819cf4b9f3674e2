import { error } from '@sveltejs/kit';
import { gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { MergeTargetDocument } from '$lib/graphql/generated.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang } = await parent();
  let data;
  try {
    data = await gql(fetch, MergeTargetDocument, { id: params.id }, lang);
  } catch (e) {
    failLoad(e);
  }
  if (!data.organisation) error(404, { message: `no organisation ${params.id}`, kind: 'notFound' });
  return { organisation: data.organisation };
};
