/** A page's history, read alongside the page for those who may edit the object. */
import { gql } from '$lib/graphql/client.js';
import { AgreementHistoryDocument, CollaborationHistoryDocument, OrganisationHistoryDocument } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { HistoryEntity, HistoryRecord } from './history.js';

type Fetch = typeof globalThis.fetch;

function fetchHistory(fetch: Fetch, entity: HistoryEntity, id: string, lang: Lang): Promise<HistoryRecord[]> {
  switch (entity) {
    case 'organisation':
      return gql(fetch, OrganisationHistoryDocument, { id }, lang).then((r) => r.organisationHistory);
    case 'agreement':
      return gql(fetch, AgreementHistoryDocument, { id }, lang).then((r) => r.agreementHistory);
    case 'collaboration':
      return gql(fetch, CollaborationHistoryDocument, { id }, lang).then((r) => r.collaborationHistory);
  }
}

/**
 * The history when the viewer may read it (undefined: no section), null when it could not be read
 * (the page stays up and says so). Started before the page's own query so both run at once.
 */
export function historyFor(fetch: Fetch, entity: HistoryEntity, id: string, lang: Lang, allowed: boolean): Promise<HistoryRecord[] | null | undefined> {
  return allowed ? fetchHistory(fetch, entity, id, lang).catch(() => null) : Promise.resolve(undefined);
}
