/** Data of the collaboration page, through the typed operations only. */
import { error } from '@sveltejs/kit';
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { CollaborationPageDocument } from '$lib/graphql/generated.js';
import { historyFor } from '$lib/history/load.js';
import type { HistoryRecord } from '$lib/history/history.js';
import type { Lang } from '$lib/i18n/index.js';
import type { CollaborationDetail } from './model.js';

type Fetch = typeof globalThis.fetch;

export interface CollaborationPageData {
  collaboration: CollaborationDetail;
  /** Editors only (undefined: no section); null when it could not be read. */
  history: HistoryRecord[] | null | undefined;
}

export async function loadCollaboration(fetch: Fetch, id: string, lang: Lang, editor: boolean): Promise<CollaborationPageData> {
  const history = historyFor(fetch, 'collaboration', id, lang, editor);
  let data;
  try {
    data = await gql(fetch, CollaborationPageDocument, { id }, lang);
  } catch (e) {
    // An id the API refuses as bad input names nothing: a missing page.
    if (e instanceof GraphQLRequestError && e.badInput) error(404, { message: e.message, kind: 'notFound' });
    failLoad(e);
  }
  if (!data.collaboration) error(404, { message: `no collaboration ${id}`, kind: 'notFound' });
  return { collaboration: data.collaboration, history: await history };
}
