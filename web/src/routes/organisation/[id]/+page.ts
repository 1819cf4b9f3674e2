import { error } from '@sveltejs/kit';
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { OrganisationProfileDocument } from '$lib/graphql/generated.js';
import { historyFor } from '$lib/history/load.js';
import { canEditOrganisation } from '$lib/auth/viewer.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { lang, viewer } = await parent();
  // Editors and the organisation's representative also see its history (a failure there leaves the profile up).
  const history = historyFor(fetch, 'organisation', params.id, lang, canEditOrganisation(viewer, params.id));
  let data;
  try {
    data = await gql(fetch, OrganisationProfileDocument, { id: params.id, language: lang === 'en' ? 'EN' : 'SV' }, lang);
  } catch (e) {
    // The API refuses an id that names no organisation as bad input (naming the argument): a missing page here.
    if (e instanceof GraphQLRequestError && e.badInput) error(404, { message: e.message, kind: 'notFound' });
    failLoad(e);
  }
  if (!data.organisation) error(404, { message: `no organisation ${params.id}`, kind: 'notFound' });
  return { organisation: data.organisation, suggestions: data.partnershipSuggestions, history: await history };
};
