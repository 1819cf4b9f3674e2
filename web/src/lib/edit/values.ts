/**
 * The organisation form's values and link sets as plain data (no API, no SvelteKit), so the
 * form's logic and its conflict handling can be tested alone.
 */
import type { EditableOrganisationFragment, OrganisationLinkKind, OrganisationStatus } from '$lib/graphql/generated.js';

export type Organisation = EditableOrganisationFragment;
export const FIELDS = ['name', 'orgNumber', 'legalForm', 'description', 'website', 'email', 'phone', 'address', 'status', 'statusSince'] as const;
/** Active, inactive, closed; '' in the form is not recorded. */
export const STATUSES = ['ACTIVE', 'INACTIVE', 'CLOSED'] as const satisfies readonly OrganisationStatus[];
export type Field = (typeof FIELDS)[number];
export type Values = Record<Field, string>;

/** The link kinds the form edits, each a set of ids. */
export const LINK_KINDS = ['TARGET_GROUP', 'DISTRICT', 'RESOURCE_OFFERED', 'RESOURCE_NEEDED'] as const satisfies readonly OrganisationLinkKind[];
export type LinkKind = (typeof LINK_KINDS)[number];
export type Links = Record<LinkKind, string[]>;

export function valuesOf(o: Organisation | null): Values {
  return {
    name: o?.name ?? '',
    orgNumber: o?.orgNumber ?? '',
    legalForm: o?.legalForm ?? '',
    description: o?.description ?? '',
    website: o?.website ?? '',
    email: o?.contact.email ?? '',
    phone: o?.contact.phone ?? '',
    address: o?.contact.address ?? '',
    status: o?.status ?? '',
    statusSince: o?.statusSince ?? '',
  };
}

export function linksOf(o: Organisation | null): Links {
  return {
    TARGET_GROUP: o?.targetGroups.map((l) => l.id) ?? [],
    DISTRICT: o?.districts.map((l) => l.id) ?? [],
    RESOURCE_OFFERED: o?.resourcesOffered.map((l) => l.id) ?? [],
    RESOURCE_NEEDED: o?.resourcesNeeded.map((l) => l.id) ?? [],
  };
}
