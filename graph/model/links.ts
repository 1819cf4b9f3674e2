/**
 * The organisation link kinds, declared once: an organisation's links to the target groups it
 * serves, the districts it is active in, the resources it offers and needs, its umbrella
 * organisations, the agreements it is party to and the collaborations it takes part in. Every
 * other list of link kinds (the repositories, the read model, import, export, the GraphQL
 * resolvers) is derived from this table.
 */
import type { NodeLabel, RelType } from './model.js';

export interface LinkKindSpec {
  /** The relationship from the organisation. */
  type: RelType;
  from: 'Organisation';
  /** The label of the node it points at. */
  to: NodeLabel;
  /** The value of the SDL enum `OrganisationLinkKind` (schema/mutations.graphql). */
  sdl: string;
  /** The field of the GraphQL type `Organisation` that lists these links. */
  field: string;
  /** The key of the links in an organisation's profile (graph/model/records.ts OrganisationProfile). */
  profile: string;
  /** May an organisation's representative set these links (not only an editor)? */
  representative: boolean;
  /** The kind of fact in the long CSV export, in Swedish. */
  csv: string;
  /** Its place among the exported kinds (CSV columns and rows, JSON). */
  exportOrder: number;
  /** The import column (graph/io/import/fields.ts) that sets these links, if any. */
  importColumn: string | null;
}

export const ORGANISATION_LINKS = {
  targetGroup: { type: 'SERVES', from: 'Organisation', to: 'TargetGroup', sdl: 'TARGET_GROUP', field: 'targetGroups', profile: 'targetGroups', representative: true, csv: 'målgrupp', exportOrder: 0, importColumn: 'targetGroups' },
  district: { type: 'ACTIVE_IN', from: 'Organisation', to: 'District', sdl: 'DISTRICT', field: 'districts', profile: 'districts', representative: true, csv: 'område', exportOrder: 1, importColumn: 'districts' },
  offers: { type: 'OFFERS', from: 'Organisation', to: 'ResourceType', sdl: 'RESOURCE_OFFERED', field: 'resourcesOffered', profile: 'offers', representative: true, csv: 'erbjuder', exportOrder: 4, importColumn: null },
  needs: { type: 'NEEDS', from: 'Organisation', to: 'ResourceType', sdl: 'RESOURCE_NEEDED', field: 'resourcesNeeded', profile: 'needs', representative: true, csv: 'behöver', exportOrder: 5, importColumn: null },
  umbrella: { type: 'MEMBER_OF', from: 'Organisation', to: 'Organisation', sdl: 'UMBRELLA', field: 'umbrellas', profile: 'memberOf', representative: true, csv: 'medlem i', exportOrder: 6, importColumn: null },
  // Agreements and collaborations are the city's business: a representative cannot join their organisation to one.
  agreement: { type: 'PARTY_TO', from: 'Organisation', to: 'Agreement', sdl: 'AGREEMENT', field: 'agreements', profile: 'agreements', representative: false, csv: 'överenskommelse', exportOrder: 2, importColumn: 'agreements' },
  collaboration: { type: 'PARTICIPATES_IN', from: 'Organisation', to: 'Collaboration', sdl: 'COLLABORATION', field: 'collaborations', profile: 'collaborations', representative: false, csv: 'samverkan', exportOrder: 3, importColumn: 'collaborations' },
} as const satisfies Record<string, LinkKindSpec>;

export type OrganisationLinkKind = keyof typeof ORGANISATION_LINKS;
type Spec<K extends OrganisationLinkKind> = (typeof ORGANISATION_LINKS)[K];

/** Every kind, in the table's order. */
export const LINK_KINDS = Object.keys(ORGANISATION_LINKS) as OrganisationLinkKind[];

/** The label each kind points at. */
export type LinkTargetLabel = Spec<OrganisationLinkKind>['to'];

/** The SDL enum value of each kind, and back. */
export type SdlLinkKind = Spec<OrganisationLinkKind>['sdl'];
export const LINK_KIND_OF_SDL = Object.fromEntries(LINK_KINDS.map((k) => [ORGANISATION_LINKS[k].sdl, k])) as Record<SdlLinkKind, OrganisationLinkKind>;

/** The kinds a representative may set on their own organisation. */
export const REPRESENTATIVE_LINK_KINDS: readonly OrganisationLinkKind[] = LINK_KINDS.filter((k) => ORGANISATION_LINKS[k].representative);

/** The GraphQL fields of `Organisation` that list links. */
export const LINK_FIELDS: readonly string[] = LINK_KINDS.map((k) => ORGANISATION_LINKS[k].field);

/** The profile key of each kind (OrganisationProfile). */
export type LinkProfileKey = Spec<OrganisationLinkKind>['profile'];

/** A value under every kind's profile key (an organisation's profile: its links of each kind). */
export function profileLinks<T>(of: (kind: OrganisationLinkKind) => T): Record<LinkProfileKey, T> {
  const out = {} as Record<LinkProfileKey, T>;
  for (const kind of LINK_KINDS) out[ORGANISATION_LINKS[kind].profile] = of(kind);
  return out;
}

/** The kinds exported, in their export order. */
export const EXPORT_LINK_KINDS: readonly OrganisationLinkKind[] = [...LINK_KINDS].sort((a, b) => ORGANISATION_LINKS[a].exportOrder - ORGANISATION_LINKS[b].exportOrder);

/** The kinds an import sets, by their import column. */
export type ImportLinkColumn = NonNullable<Spec<OrganisationLinkKind>['importColumn']>;
type ImportedKind = { [K in OrganisationLinkKind]: Spec<K>['importColumn'] extends null ? never : K }[OrganisationLinkKind];
export const IMPORT_LINK_KINDS = EXPORT_LINK_KINDS.filter((k) => ORGANISATION_LINKS[k].importColumn !== null) as ImportedKind[];
