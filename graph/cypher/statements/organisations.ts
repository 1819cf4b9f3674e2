/** Organisations: read, list with filters and keyset pagination, write with optimistic concurrency. */
import { cypher, defineStatement } from '../statement.js';
import { dialect } from '../dialect.js';
import { ORGANISATION_MAP, ORGANISATION_SET, provenanceMap } from '../fragments.js';
import type { LinkRecord, OrganisationDetails, OrganisationRecord } from '../../model/records.js';

/** The properties an organisation write sets (all of them: the repository merges patches first). */
export interface OrganisationWrite extends OrganisationDetails {
  id: string;
  name: string;
  aliases: string[];
  search: string;
  sourceId: string;
  sourceLocator: string | null;
  basis: string;
  confidence: number;
  now: number;
  synthetic: boolean;
  status: string | null;
  statusSince: string | null;
  /** The about facts' own provenance (graph/model/facts.ts), worked out by the repository. */
  fieldProvenance: string | null;
}

const WRITE_EXAMPLE: OrganisationWrite = {
  id: 'org:example',
  name: 'Exempelföreningen',
  aliases: ['Exemplet'],
  search: 'exempelforeningen | exemplet',
  orgNumber: '802002-4280',
  legalForm: 'ideell förening',
  description: null,
  website: null,
  email: null,
  phone: null,
  address: null,
  contactVerifiedAt: null,
  sourceId: 'src:example',
  sourceLocator: null,
  basis: 'ENTERED',
  confidence: 1,
  now: 0,
  synthetic: false,
  status: null,
  statusSince: null,
  fieldProvenance: null,
};

type OrgRow = { org: OrganisationRecord };

const linkMap = (node: string, rel: string, detail: string, role = 'NULL') =>
  `{id: ${node}.id, name: ${node}.name, detail: ${detail}, role: ${role}, ${provenanceMap(rel)}}`;

export const organisations = {
  byIds: defineStatement<{ ids: string[] }, OrgRow>({
    name: 'organisations.byIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (o:Organisation {id: key}) RETURN ${ORGANISATION_MAP} AS org`,
    example: { ids: ['org:example'] },
  }),

  /** One organisation by id: a scalar id is an index lookup on LadybugDB (UNWIND lists are not). */
  byId: defineStatement<{ id: string }, OrgRow>({
    name: 'organisations.byId',
    mode: 'read',
    cypher: `MATCH (o:Organisation {id: $id}) RETURN ${ORGANISATION_MAP} AS org`,
    example: { id: 'org:example' },
  }),

  /** Who has an organisation number (at most one: it is unique). */
  byOrgNumber: defineStatement<{ orgNumber: string }, { id: string; name: string }>({
    name: 'organisations.byOrgNumber',
    mode: 'read',
    cypher: 'MATCH (o:Organisation) WHERE o.orgNumber = $orgNumber RETURN o.id AS id, o.name AS name',
    example: { orgNumber: '802002-4280' },
  }),
  version: defineStatement<{ id: string }, { version: number }>({
    name: 'organisations.version',
    mode: 'read',
    cypher: 'MATCH (o:Organisation {id: $id}) RETURN o.version AS version',
    example: { id: 'org:example' },
  }),

  create: defineStatement<OrganisationWrite, OrgRow>({
    name: 'organisations.create',
    mode: 'write',
    cypher: `CREATE (o:Organisation {id: $id, name: $name, aliases: $aliases, search: $search, orgNumber: $orgNumber,
  legalForm: $legalForm, description: $description, website: $website, email: $email, phone: $phone, address: $address,
  contactVerifiedAt: $contactVerifiedAt, status: $status, statusSince: $statusSince, fieldProvenance: $fieldProvenance,
  sourceId: $sourceId, sourceLocator: $sourceLocator, basis: $basis,
  confidence: $confidence, recordedAt: $now, synthetic: $synthetic, version: 1, createdAt: $now, updatedAt: $now})
RETURN ${ORGANISATION_MAP} AS org`,
    example: WRITE_EXAMPLE,
  }),

  /** Applies only when the stored version is the one the editor read; the repository tells a conflict from a missing id. */
  update: defineStatement<OrganisationWrite & { version: number }, OrgRow>({
    name: 'organisations.update',
    mode: 'write',
    cypher: `MATCH (o:Organisation {id: $id}) WHERE o.version = $version
SET ${ORGANISATION_SET}, o.recordedAt = $now, o.updatedAt = $now, o.version = o.version + 1
RETURN ${ORGANISATION_MAP} AS org`,
    example: { ...WRITE_EXAMPLE, version: 1 },
  }),

  delete: defineStatement<{ id: string }, Record<string, never>>({
    name: 'organisations.delete',
    mode: 'write',
    cypher: 'MATCH (o:Organisation {id: $id}) DETACH DELETE o',
    example: { id: 'org:example' },
  }),

  /** Bulk upsert (imports, seeds): creates new organisations, updates the others unless a person entered them. */
  /**
   * Bulk upsert (imports, seeds): creates new organisations and updates the others, except those a
   * person entered when the incoming row is not a person's entry. Returns the rows it wrote.
   */
  upsertMany: defineStatement<{ rows: Omit<OrganisationWrite, 'now'>[]; now: number }, { id: string; created: boolean }>({
    name: 'organisations.upsertMany',
    mode: 'write',
    cypher: cypher`UNWIND $rows AS r
MERGE (o:Organisation {id: r.id})
ON CREATE SET o.version = 0, o.createdAt = $now, o.basis = r.basis
WITH o, r, o.version = 0 AS created
WHERE created OR NOT (o.basis = 'ENTERED' AND r.basis <> 'ENTERED')
SET o.name = r.name, o.aliases = r.aliases, o.search = r.search, o.orgNumber = r.orgNumber, o.legalForm = r.legalForm,
  o.description = r.description, o.website = r.website, o.email = r.email, o.phone = r.phone, o.address = r.address,
  o.contactVerifiedAt = ${dialect.asInt('r.contactVerifiedAt')}, o.status = r.status, o.statusSince = r.statusSince,
  o.fieldProvenance = r.fieldProvenance, o.sourceId = r.sourceId, o.sourceLocator = r.sourceLocator, o.basis = r.basis,
  o.confidence = ${dialect.asDouble('r.confidence')}, o.synthetic = ${dialect.asBool('r.synthetic')}, o.recordedAt = $now, o.updatedAt = $now, o.version = o.version + 1
RETURN o.id AS id, created`,
    example: { rows: [{ ...WRITE_EXAMPLE }], now: 0 },
  }),

  /**
   * The members of an umbrella organisation, first `limit` by name, and how many there are: an
   * umbrella can have tens of thousands, a profile shows a page.
   */
  members: defineStatement<{ id: string; limit: number }, { link: LinkRecord }>({
    name: 'organisations.members',
    mode: 'read',
    cypher: `MATCH (o:Organisation {id: $id})<-[r:MEMBER_OF]-(m:Organisation)
RETURN ${linkMap('m', 'r', 'NULL')} AS link ORDER BY m.name, m.id LIMIT $limit`,
    example: { id: 'org:example', limit: 20 },
  }),
  memberCount: defineStatement<{ id: string }, { n: number }>({
    name: 'organisations.memberCount',
    mode: 'read',
    cypher: 'MATCH (o:Organisation {id: $id})<-[r:MEMBER_OF]-(m:Organisation) RETURN count(r) AS n',
    example: { id: 'org:example' },
  }),
} as const;
