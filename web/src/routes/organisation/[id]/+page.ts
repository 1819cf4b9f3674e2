import { error, redirect } from '@sveltejs/kit';
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { OrganisationMergedIntoDocument, OrganisationProfileDocument } from '$lib/graphql/generated.js';
import { historyFor } from '$lib/history/load.js';
import { canEditOrganisation } from '$lib/auth/viewer.js';
import { localizePath, type Lang } from '$lib/i18n/index.js';
import type { PageLoad } from './$types';

/** No organisation has the id: a record merged into another leads to the survivor (which says so), anything else is missing. */
async function missing(fetch: typeof globalThis.fetch, id: string, lang: Lang, message: string): Promise<never> {
  const merged = await gql(fetch, OrganisationMergedIntoDocument, { id }, lang).catch(() => null);
  const to = merged?.organisationMergedInto?.id;
  if (to) redirect(303, `${localizePath(`/organisation/${encodeURIComponent(to)}`, lang)}?mergedFrom=${encodeURIComponent(id)}`);
  error(404, { message, kind: 'notFound' });
}

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang, viewer } = await parent();
  // Editors and the organisation's representative also see its history (a failure there leaves the profile up).
  const history = historyFor(fetch, 'organisation', params.id, lang, canEditOrganisation(viewer, params.id));
  let data;
  try {
    data = await gql(fetch, OrganisationProfileDocument, { id: params.id, language: lang === 'en' ? 'EN' : 'SV' }, lang);
  } catch (e) {
    // The API refuses an id that names no organisation as bad input (naming the argument): a missing page here.
    if (e instanceof GraphQLRequestError && e.badInput) return missing(fetch, params.id, lang, e.message);
    failLoad(e);
  }
  if (!data.organisation) return missing(fetch, params.id, lang, `no organisation ${params.id}`);
  return { organisation: data.organisation, suggestions: data.partnershipSuggestions, history: await history };
};
