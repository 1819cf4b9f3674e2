/** Data for the agreements pages, through the typed operations only. */
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { AgreementAuditDocument, AgreementDetailDocument, AgreementListDocument, type AgreementAuditQuery, type AgreementListQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { registerFilter, type AgreementDetail, type Party, type RegisterView } from './model.js';

type Fetch = typeof globalThis.fetch;

export function loadAgreementList(fetch: Fetch, lang: Lang, view: RegisterView): Promise<AgreementListQuery> {
  return gql(fetch, AgreementListDocument, { filter: registerFilter(view) }, lang);
}

/** A compact can have hundreds of signatories: pages of 100 are read until done (at most 10). */
const MAX_PARTY_PAGES = 10;

export interface AgreementPageData {
  agreement: AgreementDetail | null;
  parties: Party[];
  audit: AgreementAuditQuery['agreementGaps']['auditCriteria'][number] | null;
}

export async function loadAgreement(fetch: Fetch, id: string, lang: Lang): Promise<AgreementPageData> {
  const first = await gql(fetch, AgreementDetailDocument, { id }, lang);
  const agreement = first.agreement;
  if (!agreement) return { agreement: null, parties: [], audit: null };
  const parties = [...agreement.parties.nodes];
  let info = agreement.parties.pageInfo;
  for (let page = 1; page < MAX_PARTY_PAGES && info.hasNextPage && info.endCursor; page++) {
    const next = await gql(fetch, AgreementDetailDocument, { id, after: info.endCursor }, lang);
    if (!next.agreement) break;
    parties.push(...next.agreement.parties.nodes);
    info = next.agreement.parties.pageInfo;
  }
  // The audit is read from the analytics projection, which learns of an agreement just created a
  // moment later (until then it refuses the id as unknown): the page shows no checklist meanwhile.
  const audit =
    agreement.kind === 'IOP'
      ? await gql(fetch, AgreementAuditDocument, { id }, lang).then(
          (r) => r.agreementGaps.auditCriteria[0] ?? null,
          (e: unknown) => {
            if (e instanceof GraphQLRequestError && e.badInput) return null;
            throw e;
          },
        )
      : null;
  return { agreement, parties, audit };
}
