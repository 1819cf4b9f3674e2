/** Data of the public-body pages, through the typed operations only. */
import { error } from '@sveltejs/kit';
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { PublicBodyForEditDocument, PublicBodyListDocument, type PublicBodyForEditQuery, type PublicBodyListQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';

type Fetch = typeof globalThis.fetch;

export async function loadBodies(fetch: Fetch, lang: Lang): Promise<PublicBodyListQuery> {
  try {
    return await gql(fetch, PublicBodyListDocument, {}, lang);
  } catch (e) {
    failLoad(e);
  }
}

/** A body to edit (id) or the choices for a new one (null). */
export async function loadBodyForEdit(fetch: Fetch, id: string | null, lang: Lang): Promise<PublicBodyForEditQuery> {
  let data: PublicBodyForEditQuery;
  try {
    data = await gql(fetch, PublicBodyForEditDocument, { id: id ?? '', withBody: id !== null }, lang);
  } catch (e) {
    if (e instanceof GraphQLRequestError && e.badInput) error(404, { message: e.message, kind: 'notFound' });
    failLoad(e);
  }
  if (id !== null && !data.publicBody) error(404, { message: `no public body ${id}`, kind: 'notFound' });
  return data;
}
