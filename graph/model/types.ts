/**
 * The vocabulary of the graph model. Kept apart from the declaration (model.ts) so that
 * validation, seeds and analytics can import the enums without the schema machinery.
 */

/** How a fact came to be in the graph. Every node and relationship carries one. */
export const BASES = ['STATED', 'INFERRED', 'ENTERED'] as const;
export type Basis = (typeof BASES)[number];

export const DISTRICT_KINDS = ['COUNTRY', 'REGION', 'MUNICIPALITY', 'STADSDELSOMRADE', 'STADSDEL'] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

export const PUBLIC_BODY_KINDS = ['COMMITTEE', 'ADMINISTRATION', 'AGENCY', 'GOVERNMENT', 'ASSOCIATION', 'ASSEMBLY'] as const;
export type PublicBodyKind = (typeof PUBLIC_BODY_KINDS)[number];

export const GOVERNMENT_LEVELS = ['NATIONAL', 'REGIONAL', 'MUNICIPAL', 'DISTRICT'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

export const AGREEMENT_KINDS = ['COMPACT', 'IOP', 'GRANT', 'PROCUREMENT', 'OTHER'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['PLANNED', 'ACTIVE', 'ENDED', 'UNKNOWN'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const COLLABORATION_KINDS = [
  'NETWORK',
  'JOINT_PROJECT',
  'EXPERIENCE_EXCHANGE',
  'OPINION_FORMING',
  'SHARED_PREMISES',
  'OTHER',
] as const;
export type CollaborationKind = (typeof COLLABORATION_KINDS)[number];

/**
 * What a Source is. DOCUMENT: a document the project holds a copy of or cites (a report, a data
 * set); WEB_PAGE: a page on the web, cited with its address and date; DECISION: a public body's
 * decision; PERSON_ENTRY: one person's entries in Samverkan; IMPORT: an imported file; CURATION:
 * the project's own reasoning when it curated the seed (inferences from names and hints), never a
 * person's entry; SYNTHETIC: generated data.
 */
export const SOURCE_KINDS = ['DOCUMENT', 'WEB_PAGE', 'DECISION', 'PERSON_ENTRY', 'IMPORT', 'CURATION', 'SYNTHETIC'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * How an INFERRED fact was inferred. NAME: from the subject's own name (the quote is the part of
 * the name that says it); SOURCE_HINT: from a passage of the cited source that suggests it without
 * saying it (the quote is that passage); GEOMETRY: from the district polygons (shared borders);
 * CLASSIFICATION: the project's own taxonomy (target groups no source names, and their hierarchy).
 */
export const INFERENCE_RULES = ['NAME', 'SOURCE_HINT', 'GEOMETRY', 'CLASSIFICATION'] as const;
export type InferenceRule = (typeof INFERENCE_RULES)[number];

/** Whether an organisation still works: null when nobody has recorded it (the usual case). */
export const ORGANISATION_STATUSES = ['ACTIVE', 'INACTIVE', 'CLOSED'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** Roles on PARTY_TO and PARTICIPATES_IN. */
export const PARTY_ROLES = ['SIGNATORY', 'PARTY', 'FUNDER', 'RECIPIENT', 'PROVIDER', 'COORDINATOR', 'MEMBER'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * The criteria the 2021 city audit (source 004) asks of every IOP, as an agreement holds them:
 * the stated societal challenge, the political programme it serves, steering-group meetings a
 * year, commitments beyond co-funding, a follow-up plan, evaluation at expiry, documented
 * considerations. null = not known. The texts say what the challenge and programme are; the
 * `…Stated` flags say whether the agreement states them (false: the audit found none).
 */
export interface IopAuditCriteria {
  societalChallenge: string | null;
  politicalProgramme: string | null;
  societalChallengeStated: boolean | null;
  politicalProgrammeStated: boolean | null;
  steeringMeetingsPerYear: number | null;
  commitmentsBeyondFunding: boolean | null;
  followUpPlan: boolean | null;
  evaluatedAtExpiry: boolean | null;
  documentedConsiderations: boolean | null;
}

/** Property value types both engines store. Instants are epoch milliseconds (INT64); calendar dates ISO strings. */
export type PropertyType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING[]';
