/** Contact freshness (verification links, stale contact details) and contact persons (personal data). */
import { defineStatement } from '../statement.js';
import { ORGANISATION_MAP } from '../fragments.js';
import type { OrganisationRecord } from '../../model/records.js';

export interface VerificationTokenRecord {
  id: string;
  organisationId: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface ContactPersonRecord {
  id: string;
  organisationId: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  purpose: string;
  version: number;
  createdAt: number | null;
  updatedAt: number | null;
}

const TOKEN_MAP = '{id: t.id, organisationId: t.organisationId, createdBy: t.createdBy, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: t.usedAt}';
const PERSON_MAP = `{id: p.id, organisationId: p.organisationId, name: p.name, email: p.email, phone: p.phone, title: p.title,
  purpose: p.purpose, version: p.version, createdAt: p.createdAt, updatedAt: p.updatedAt}`;

type PersonRow = { person: ContactPersonRecord };

export interface ContactPersonWrite {
  id: string;
  organisationId: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  purpose: string;
  now: number;
}

const PERSON_EXAMPLE: ContactPersonWrite = {
  id: 'person:example',
  organisationId: 'org:example',
  name: 'Anna Andersson',
  email: 'anna@example.org',
  phone: null,
  title: 'Verksamhetschef',
  purpose: 'Kontaktperson för samverkan',
  now: 0,
};

export const verificationTokens = {
  create: defineStatement<Omit<VerificationTokenRecord, 'usedAt'>, { id: string }>({
    name: 'verificationTokens.create',
    mode: 'write',
    cypher: `CREATE (t:VerificationToken {id: $id, organisationId: $organisationId, createdBy: $createdBy, createdAt: $createdAt,
  expiresAt: $expiresAt, usedAt: 0}) RETURN t.id AS id`,
    example: { id: 'token:example', organisationId: 'org:example', createdBy: 'user:example', createdAt: 0, expiresAt: 1 },
  }),
  byId: defineStatement<{ id: string }, { token: VerificationTokenRecord }>({
    name: 'verificationTokens.byId',
    mode: 'read',
    cypher: `MATCH (t:VerificationToken {id: $id}) RETURN ${TOKEN_MAP} AS token`,
    example: { id: 'token:example' },
  }),
  /** Marks the token used, only if it is still unused and unexpired: the single-use guarantee. */
  use: defineStatement<{ id: string; now: number }, { id: string }>({
    name: 'verificationTokens.use',
    mode: 'write',
    cypher: 'MATCH (t:VerificationToken {id: $id}) WHERE t.usedAt = 0 AND t.expiresAt > $now SET t.usedAt = $now RETURN t.id AS id',
    example: { id: 'token:example', now: 0 },
  }),
  /** Pending links of an organisation (a merge hands them to the survivor, its undo back). */
  forOrganisation: defineStatement<{ organisationId: string }, { id: string }>({
    name: 'verificationTokens.forOrganisation',
    mode: 'read',
    cypher: 'MATCH (t:VerificationToken) WHERE t.organisationId = $organisationId RETURN t.id AS id ORDER BY t.id',
    example: { organisationId: 'org:example' },
  }),
  moveTo: defineStatement<{ ids: string[]; organisationId: string }, { id: string }>({
    name: 'verificationTokens.moveTo',
    mode: 'write',
    cypher: 'UNWIND $ids AS key MATCH (t:VerificationToken {id: key}) SET t.organisationId = $organisationId RETURN t.id AS id',
    example: { ids: ['token:example'], organisationId: 'org:example' },
  }),
  deleteForOrganisation: defineStatement<{ organisationId: string }, { n: number }>({
    name: 'verificationTokens.deleteForOrganisation',
    mode: 'write',
    cypher: 'MATCH (t:VerificationToken) WHERE t.organisationId = $organisationId DELETE t RETURN count(*) AS n',
    example: { organisationId: 'org:example' },
  }),
} as const;

export const staleContacts = {
  /** Organisations whose contact details were never verified or not since `before` (epoch ms), oldest first. */
  list: defineStatement<{ before: number; skip: number; limit: number }, { org: OrganisationRecord }>({
    name: 'staleContacts.list',
    mode: 'read',
    cypher: `MATCH (o:Organisation) WHERE (o.contactVerifiedAt IS NULL OR o.contactVerifiedAt < $before) AND (o.synthetic IS NULL OR o.synthetic = false)
WITH o ORDER BY o.contactVerifiedAt, o.name, o.id SKIP $skip LIMIT $limit
RETURN ${ORGANISATION_MAP} AS org`,
    example: { before: 0, skip: 0, limit: 10 },
  }),
  count: defineStatement<{ before: number }, { n: number }>({
    name: 'staleContacts.count',
    mode: 'read',
    cypher: `MATCH (o:Organisation) WHERE (o.contactVerifiedAt IS NULL OR o.contactVerifiedAt < $before) AND (o.synthetic IS NULL OR o.synthetic = false)
RETURN count(o) AS n`,
    example: { before: 0 },
  }),
} as const;

export const contactPersons = {
  create: defineStatement<ContactPersonWrite, PersonRow>({
    name: 'contactPersons.create',
    mode: 'write',
    cypher: `CREATE (p:ContactPerson {id: $id, organisationId: $organisationId, name: $name, email: $email, phone: $phone, title: $title,
  purpose: $purpose, version: 1, createdAt: $now, updatedAt: $now})
RETURN ${PERSON_MAP} AS person`,
    example: PERSON_EXAMPLE,
  }),
  update: defineStatement<ContactPersonWrite & { version: number }, PersonRow>({
    name: 'contactPersons.update',
    mode: 'write',
    cypher: `MATCH (p:ContactPerson {id: $id}) WHERE p.version = $version
SET p.name = $name, p.email = $email, p.phone = $phone, p.title = $title, p.purpose = $purpose, p.updatedAt = $now, p.version = p.version + 1
RETURN ${PERSON_MAP} AS person`,
    example: { ...PERSON_EXAMPLE, version: 1 },
  }),
  byId: defineStatement<{ id: string }, PersonRow>({
    name: 'contactPersons.byId',
    mode: 'read',
    cypher: `MATCH (p:ContactPerson {id: $id}) RETURN ${PERSON_MAP} AS person`,
    example: { id: 'person:example' },
  }),
  forOrganisation: defineStatement<{ organisationId: string }, PersonRow>({
    name: 'contactPersons.forOrganisation',
    mode: 'read',
    cypher: `MATCH (p:ContactPerson) WHERE p.organisationId = $organisationId RETURN ${PERSON_MAP} AS person ORDER BY p.name, p.id`,
    example: { organisationId: 'org:example' },
  }),
  byEmail: defineStatement<{ email: string }, PersonRow>({
    name: 'contactPersons.byEmail',
    mode: 'read',
    cypher: `MATCH (p:ContactPerson) WHERE p.email = $email RETURN ${PERSON_MAP} AS person ORDER BY p.id`,
    example: { email: 'anna@example.org' },
  }),
  /** Contact persons handed to another organisation (a merge's survivor, or back on its undo). */
  moveTo: defineStatement<{ ids: string[]; organisationId: string; now: number }, { id: string }>({
    name: 'contactPersons.moveTo',
    mode: 'write',
    cypher: 'UNWIND $ids AS key MATCH (p:ContactPerson {id: key}) SET p.organisationId = $organisationId, p.updatedAt = $now, p.version = p.version + 1 RETURN p.id AS id',
    example: { ids: ['person:example'], organisationId: 'org:example', now: 0 },
  }),
  delete: defineStatement<{ id: string }, { n: number }>({
    name: 'contactPersons.delete',
    mode: 'write',
    cypher: 'MATCH (p:ContactPerson {id: $id}) DELETE p RETURN count(*) AS n',
    example: { id: 'person:example' },
  }),
} as const;
