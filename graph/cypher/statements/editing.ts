/** Write paths editors use beyond organisations' own (graph/cypher/statements/organisations.ts): agreement and collaboration updates, erasure helpers. */
import { defineStatement } from '../statement.js';
import { AGREEMENT_WRITE_EXAMPLE, type AgreementWrite } from './agreements.js';

const AGREEMENT_UPDATE_EXAMPLE: AgreementWrite & { version: number } = { ...AGREEMENT_WRITE_EXAMPLE, version: 1 };

export interface CollaborationWrite {
  id: string;
  name: string;
  kind: string;
  description: string | null;
  startDate: string | null;
  endDate: string | null;
  sourceId: string;
  basis: string;
  now: number;
}

export const editing = {
  /**
   * Applies only at the version the editor read. Every property is written from its parameter,
   * so a null parameter clears it: Neo4j removes the property (SET x = null), LadybugDB stores
   * NULL in its column; both read back as null.
   */
  updateAgreement: defineStatement<AgreementWrite & { version: number }, { id: string; version: number }>({
    name: 'editing.updateAgreement',
    mode: 'write',
    cypher: `MATCH (a:Agreement {id: $id}) WHERE a.version = $version
SET a.name = $name, a.kind = $kind, a.status = $status, a.description = $description, a.startDate = $startDate, a.endDate = $endDate,
  a.valueSek = $valueSek, a.valueMinSek = $valueMinSek, a.valueMaxSek = $valueMaxSek, a.contactFunction = $contactFunction,
  a.contactEmail = $contactEmail, a.societalChallenge = $societalChallenge, a.politicalProgramme = $politicalProgramme,
  a.societalChallengeStated = $societalChallengeStated, a.politicalProgrammeStated = $politicalProgrammeStated,
  a.steeringMeetingsPerYear = $steeringMeetingsPerYear, a.commitmentsBeyondFunding = $commitmentsBeyondFunding,
  a.followUpPlan = $followUpPlan, a.evaluatedAtExpiry = $evaluatedAtExpiry, a.documentedConsiderations = $documentedConsiderations,
  a.search = $search, a.sourceId = $sourceId, a.basis = $basis, a.confidence = 1.0, a.recordedAt = $now, a.updatedAt = $now,
  a.version = a.version + 1
RETURN a.id AS id, a.version AS version`,
    example: AGREEMENT_UPDATE_EXAMPLE,
  }),
  /** Like updateAgreement: at the version read, a null parameter clears the property. */
  updateCollaboration: defineStatement<CollaborationWrite & { version: number }, { id: string; version: number }>({
    name: 'editing.updateCollaboration',
    mode: 'write',
    cypher: `MATCH (c:Collaboration {id: $id}) WHERE c.version = $version
SET c.name = $name, c.kind = $kind, c.description = $description, c.startDate = $startDate, c.endDate = $endDate,
  c.sourceId = $sourceId, c.basis = $basis, c.confidence = 1.0, c.recordedAt = $now, c.updatedAt = $now, c.version = c.version + 1
RETURN c.id AS id, c.version AS version`,
    example: { id: 'collab:example', name: 'Nätverk', kind: 'NETWORK', description: null, startDate: null, endDate: null, sourceId: 'src:example', basis: 'ENTERED', now: 0, version: 1 },
  }),
  /** Bumps an organisation's version after its links were replaced (a set of target groups…), at the version read. */
  touchOrganisation: defineStatement<{ id: string; version: number; now: number }, { version: number }>({
    name: 'editing.touchOrganisation',
    mode: 'write',
    cypher: 'MATCH (o:Organisation {id: $id}) WHERE o.version = $version SET o.version = o.version + 1, o.updatedAt = $now RETURN o.version AS version',
    example: { id: 'org:example', version: 1, now: 0 },
  }),
  /** Organisations whose stated e-mail is a person's address (erasure clears it). */
  organisationsWithEmail: defineStatement<{ email: string }, { id: string; version: number }>({
    name: 'editing.organisationsWithEmail',
    mode: 'read',
    cypher: 'MATCH (o:Organisation) WHERE o.email = $email RETURN o.id AS id, o.version AS version',
    example: { email: 'anna@example.org' },
  }),
  clearOrganisationEmail: defineStatement<{ id: string; now: number }, { id: string }>({
    name: 'editing.clearOrganisationEmail',
    mode: 'write',
    cypher: 'MATCH (o:Organisation {id: $id}) SET o.email = NULL, o.updatedAt = $now, o.version = o.version + 1 RETURN o.id AS id',
    example: { id: 'org:example', now: 0 },
  }),
  /** A person-entry source's title names the person ("Uppgift från …"): erasure renames it. */
  renameSource: defineStatement<{ id: string; title: string }, { id: string }>({
    name: 'editing.renameSource',
    mode: 'write',
    cypher: 'MATCH (s:Source {id: $id}) SET s.title = $title RETURN s.id AS id',
    example: { id: 'src:example', title: 'Uppgift från en raderad användare' },
  }),
  /** Sources whose title or publisher names someone (an import's publisher was once the importing admin's name). */
  sourcesMentioning: defineStatement<{ text: string }, { id: string; title: string; publisher: string | null }>({
    name: 'editing.sourcesMentioning',
    mode: 'read',
    cypher: 'MATCH (s:Source) WHERE s.title CONTAINS $text OR s.publisher CONTAINS $text RETURN s.id AS id, s.title AS title, s.publisher AS publisher',
    example: { text: 'someone@example.org' },
  }),
  rewriteSource: defineStatement<{ id: string; title: string; publisher: string }, { id: string }>({
    name: 'editing.rewriteSource',
    mode: 'write',
    cypher: 'MATCH (s:Source {id: $id}) SET s.title = $title, s.publisher = $publisher RETURN s.id AS id',
    example: { id: 'src:example', title: 'lista.csv', publisher: 'Samverkan' },
  }),
} as const;
