/**
 * Shapes of what the store returns: plain records the API maps to GraphQL types. Nullable
 * where the store may hold no value.
 */
import type { Basis, InferenceRule, OrganisationStatus } from './types.js';
import type { LinkProfileKey } from './links.js';

export interface Provenance {
  sourceId: string | null;
  sourceLocator: string | null;
  basis: Basis | null;
  confidence: number | null;
  /** The source's own words (or, for an inference, the name or passage it rests on). */
  quote: string | null;
  /** How an INFERRED fact was inferred. */
  rule: InferenceRule | null;
  recordedAt: number | null;
  synthetic: boolean | null;
}

/** What an organisation says about itself and how to reach it (contactVerifiedAt: epoch ms of the last check). */
export interface OrganisationDetails {
  orgNumber: string | null;
  legalForm: string | null;
  description: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  contactVerifiedAt: number | null;
}

export interface OrganisationRecord extends Provenance, OrganisationDetails {
  id: string;
  name: string;
  aliases: string[] | null;
  status: OrganisationStatus | null;
  statusSince: string | null;
  /** The about facts' own provenance as stored (JSON, graph/model/facts.ts). */
  fieldProvenance: string | null;
  version: number;
  createdAt: number | null;
  updatedAt: number | null;
}

/** A related node as seen from an organisation, with the provenance of the relationship. */
export interface LinkRecord extends Provenance {
  id: string;
  name: string;
  /** Label-specific detail: target group's English name, district's kind, agreement's kind, role… */
  detail: string | null;
  role: string | null;
}

/** One organisation's links, fetched for many organisations at once (DataLoader batches). */
export interface OwnedLinkRecord extends LinkRecord {
  ownerId: string;
}

/** An organisation with its links of every kind, under their profile keys (graph/model/links.ts). */
export type ProfileLinks = Record<LinkProfileKey, LinkRecord[]>;

export interface OrganisationProfile extends ProfileLinks {
  organisation: OrganisationRecord;
  /** The first members by name (see memberCount). */
  members: LinkRecord[];
  memberCount: number;
}
