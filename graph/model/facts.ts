/**
 * The relationships that state a fact about an organisation (it serves a target group, is active
 * in a district, is party to an agreement…): every relationship type of the model that leaves an
 * Organisation. Analyses that point at the facts under their reasons, and the statements that read
 * those facts' basis, take the list from here.
 */
import { RELATIONSHIPS, type RelType } from './model.js';

type FromOrganisation<K extends RelType> = Extract<(typeof RELATIONSHIPS)[K]['pairs'][number], readonly ['Organisation', string]> extends never ? never : K;

export type OrganisationFactRelation = { [K in RelType]: FromOrganisation<K> }[RelType];

export const ORGANISATION_FACT_RELATIONS: readonly OrganisationFactRelation[] = (Object.keys(RELATIONSHIPS) as RelType[]).filter((k) =>
  RELATIONSHIPS[k].pairs.some(([from]) => from === 'Organisation'),
) as OrganisationFactRelation[];

/** The label at the other end of an organisation's fact, per relation (the first the model declares). */
export function factTargetLabel(relation: OrganisationFactRelation): string {
  return RELATIONSHIPS[relation].pairs.find(([from]) => from === 'Organisation')![1];
}
