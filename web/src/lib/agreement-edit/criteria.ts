/**
 * The 2021 audit's IOP criteria for the agreement form: the form's unsaved values as a draft the
 * API judges (`iopCriteria`) by the same rules as the agreement page, so the form never says
 * "not yet met" where the page, once saved, says "met".
 */
import { gql } from '$lib/graphql/client.js';
import { IopCriteriaDocument, type IopCriteriaDraft, type IopCriteriaQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { FLAGS, type AgreementValues } from './fields.js';

export type JudgedCriteria = IopCriteriaQuery['iopCriteria'];

const flag = (v: string) => (v === 'yes' ? true : v === 'no' ? false : null);

export function draftOf(values: AgreementValues): IopCriteriaDraft {
  const meetings = values.steeringMeetingsPerYear.trim();
  const draft: IopCriteriaDraft = {
    status: values.status || null,
    endDate: values.endDate || null,
    societalChallenge: values.societalChallenge.trim() || null,
    politicalProgramme: values.politicalProgramme.trim() || null,
    steeringMeetingsPerYear: /^\d+$/.test(meetings) ? Number(meetings) : null,
  };
  for (const f of FLAGS) draft[f] = flag(values[f]);
  return draft;
}

export async function judgeCriteria(draft: IopCriteriaDraft, lang: Lang): Promise<JudgedCriteria> {
  return (await gql(fetch, IopCriteriaDocument, { draft }, lang)).iopCriteria;
}

/** The criteria a single agreement's values decide (the partner check and site visits are the audit's per committee). */
export const judgedHere = (c: JudgedCriteria[number]) => c.criterion !== 'PARTNER_CHECK' && c.criterion !== 'SITE_VISITS';
