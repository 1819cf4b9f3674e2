/** Data of the editing pages: the organisation at its current version and the choices for its links. */
import { error } from '@sveltejs/kit';
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { EditCatalogueDocument, OrganisationContactPersonsDocument, OrganisationForEditDocument, type EditCatalogueQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { Organisation } from './model.js';
import type { ContactPerson } from './contacts.js';

type Fetch = typeof globalThis.fetch;

export async function loadForEdit(fetch: Fetch, id: string, lang: Lang): Promise<{ organisation: Organisation; catalogue: EditCatalogueQuery }> {
  try {
    const { organisation, ...catalogue } = await gql(fetch, OrganisationForEditDocument, { id }, lang);
    if (!organisation) error(404, { message: `no organisation ${id}`, kind: 'notFound' });
    return { organisation, catalogue };
  } catch (e) {
    // An id naming no organisation is refused as bad input: a missing page.
    if (e instanceof GraphQLRequestError && e.badInput) error(404, { message: e.message, kind: 'notFound' });
    failLoad(e);
  }
}

export async function loadCatalogue(fetch: Fetch, lang: Lang): Promise<EditCatalogueQuery> {
  try {
    return await gql(fetch, EditCatalogueDocument, {}, lang);
  } catch (e) {
    failLoad(e);
  }
}

/** The organisation's contact persons; null when they could not be read (the form still works). */
export async function loadContactPersons(fetch: Fetch, id: string, lang: Lang): Promise<ContactPerson[] | null> {
  try {
    return (await gql(fetch, OrganisationContactPersonsDocument, { id }, lang)).organisation?.contactPersons ?? [];
  } catch {
    return null;
  }
}
