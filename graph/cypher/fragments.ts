/**
 * Reusable pieces of statements: map literals that project a node or a relationship's
 * provenance (LadybugDB has no map projection, so maps are spelled out). Built from fixed
 * variable names at module load; never from input.
 */

/** Provenance of a relationship or node bound to `v`. */
export function provenanceMap(v: string): string {
  return `sourceId: ${v}.sourceId, sourceLocator: ${v}.sourceLocator, basis: ${v}.basis, confidence: ${v}.confidence, quote: ${v}.quote, rule: ${v}.rule, recordedAt: ${v}.recordedAt, synthetic: ${v}.synthetic`;
}

export const ORGANISATION_MAP = `{id: o.id, name: o.name, aliases: o.aliases, orgNumber: o.orgNumber, legalForm: o.legalForm, description: o.description, website: o.website, email: o.email, phone: o.phone, address: o.address, contactVerifiedAt: o.contactVerifiedAt, status: o.status, statusSince: o.statusSince, fieldProvenance: o.fieldProvenance, version: o.version, createdAt: o.createdAt, updatedAt: o.updatedAt, ${provenanceMap('o')}}`;

/** Every stored field of an organisation and its record's source, from parameters of the same names (updates and merges). */
export const ORGANISATION_SET = `o.name = $name, o.aliases = $aliases, o.search = $search, o.orgNumber = $orgNumber, o.legalForm = $legalForm,
  o.description = $description, o.website = $website, o.email = $email, o.phone = $phone, o.address = $address,
  o.contactVerifiedAt = $contactVerifiedAt, o.status = $status, o.statusSince = $statusSince, o.fieldProvenance = $fieldProvenance,
  o.sourceId = $sourceId, o.sourceLocator = $sourceLocator, o.basis = $basis, o.confidence = $confidence`;

/**
 * The organisation filters, each a MATCH pattern. A list statement is generated for every
 * combination of filters (graph/cypher/statements/organisation-lists.ts): only the filters in use
 * appear in it. LadybugDB 0.19 evaluates EXISTS subqueries wrongly inside boolean expressions
 * with parameters, so optional filters cannot be written as `(NOT $flag OR EXISTS {...})`.
 */
export const ORGANISATION_FILTER_PATTERNS = {
  districts: 'MATCH (o)-[:ACTIVE_IN]->(fd:District) WHERE fd.id IN $districtIds',
  targetGroups: 'MATCH (o)-[:SERVES]->(ft:TargetGroup) WHERE ft.id IN $targetGroupIds',
  agreementKinds: 'MATCH (o)-[:PARTY_TO]->(fa:Agreement) WHERE fa.kind IN $agreementKinds',
  offered: 'MATCH (o)-[:OFFERS]->(fo:ResourceType) WHERE fo.id IN $offered',
  needed: 'MATCH (o)-[:NEEDS]->(fn:ResourceType) WHERE fn.id IN $needed',
} as const;
export type OrganisationFilterKey = keyof typeof ORGANISATION_FILTER_PATTERNS;

/** Plain predicates (no subqueries) that work with sentinel parameters on both engines. */
export const ORGANISATION_PREDICATES = `($text = '' OR o.search CONTAINS $text) AND (NOT $bySynthetic OR o.synthetic = $synthetic)`;

/** Keyset pagination on (name, id): stable under inserts, unlike SKIP. */
export const AFTER_CURSOR = `($afterId = '' OR o.name > $afterName OR (o.name = $afterName AND o.id > $afterId))`;
