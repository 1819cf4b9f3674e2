/**
 * The signed-in user as every page sees it: loaded by the root layout (so SSR and client agree on
 * the role), with what each role may do in the web app. The API enforces the same rules
 * (server/auth/policy.ts); these only decide which controls to show.
 */
import { page } from '$app/state';
import { gql } from '$lib/graphql/client.js';
import { ViewerDocument, type Role, type ViewerFieldsFragment } from '$lib/graphql/generated.js';
import type { TypedDocumentString } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';

export type Viewer = ViewerFieldsFragment;

/** Dependency key of the layout's viewer load: sign-in and sign-out invalidate it. */
export const VIEWER_DEPENDENCY = 'app:viewer';

/** The viewer, or null when signed out or when the API cannot say (a page still renders then). */
export async function loadViewer(fetch: typeof globalThis.fetch, lang: Lang): Promise<Viewer | null> {
  try {
    return (await gql(fetch, ViewerDocument, {}, lang)).viewer ?? null;
  } catch {
    return null;
  }
}

/** The viewer of the current page (from the root layout's data). */
export function currentViewer(): Viewer | null {
  return (page.data as { viewer?: Viewer | null }).viewer ?? null;
}

import type { MessageKey } from '$lib/i18n/sv.js';

export const roleKey = (role: Role): MessageKey => (`role.${role}` as const);

const EDITORS: readonly Role[] = ['EDITOR', 'ADMIN'];

export const isEditor = (v: Viewer | null): boolean => !!v && EDITORS.includes(v.role);

/** Editors edit every organisation; a representative only their own. */
export const canEditOrganisation = (v: Viewer | null, organisationId: string): boolean =>
  isEditor(v) || (!!v && v.role === 'REPRESENTATIVE' && v.organisationId === organisationId);

/** A mutation as the viewer: the CSRF token goes with it (the API refuses cookie mutations without). */
export function mutate<R, V>(doc: TypedDocumentString<R, V>, variables: V, lang: Lang, viewer: Viewer | null): Promise<R> {
  return gql(fetch, doc, variables, lang, viewer ? { csrfToken: viewer.csrfToken } : {});
}
