/** Agreements (compacts, IOPs, grants, procurements) and collaborations between organisations. */
import { defineStatement } from '../statement.js';
import { provenanceMap } from '../fragments.js';
import type { OwnedLinkRecord, Provenance } from '../../model/records.js';
import type { IopAuditCriteria } from '../../model/types.js';

export interface AgreementRecord extends Provenance, IopAuditCriteria {
  id: string;
  name: string;
  kind: string;
  status: string | null;
  description: string | null;
  startDate: string | null;
  endDate: string | null;
  valueSek: number | null;
  valueMinSek: number | null;
  valueMaxSek: number | null;
  isSummary: boolean | null;
  summaryCount: number | null;
  collaborationAreas: string[] | null;
  principles: string[] | null;
  jointCommitments: string[] | null;
  cityCommitments: string[] | null;
  sectorCommitments: string[] | null;
  auditNotes: string | null;
  /** The audit's findings on a summary (JSON, graph/model/facts.ts). */
  auditFindings: string | null;
  contactFunction: string | null;
  contactEmail: string | null;
  version: number | null;
}

export interface CollaborationRecord extends Provenance {
  id: string;
  name: string;
  kind: string;
  description: string | null;
  startDate: string | null;
  endDate: string | null;
  version: number | null;
}

const AGREEMENT_MAP = `{id: a.id, name: a.name, kind: a.kind, status: a.status, description: a.description, startDate: a.startDate,
  endDate: a.endDate, valueSek: a.valueSek, valueMinSek: a.valueMinSek, valueMaxSek: a.valueMaxSek, isSummary: a.isSummary,
  summaryCount: a.summaryCount, collaborationAreas: a.collaborationAreas, principles: a.principles,
  jointCommitments: a.jointCommitments, cityCommitments: a.cityCommitments, sectorCommitments: a.sectorCommitments,
  societalChallenge: a.societalChallenge, politicalProgramme: a.politicalProgramme,
  societalChallengeStated: a.societalChallengeStated, politicalProgrammeStated: a.politicalProgrammeStated,
  steeringMeetingsPerYear: a.steeringMeetingsPerYear, commitmentsBeyondFunding: a.commitmentsBeyondFunding,
  followUpPlan: a.followUpPlan, evaluatedAtExpiry: a.evaluatedAtExpiry, documentedConsiderations: a.documentedConsiderations,
  auditNotes: a.auditNotes, auditFindings: a.auditFindings, contactFunction: a.contactFunction, contactEmail: a.contactEmail,
  version: a.version, ${provenanceMap('a')}}`;

const COLLABORATION_MAP = `{id: c.id, name: c.name, kind: c.kind, description: c.description, startDate: c.startDate, endDate: c.endDate, version: c.version, ${provenanceMap('c')}}`;

export interface AgreementWrite extends IopAuditCriteria {
  id: string;
  name: string;
  kind: string;
  status: string;
  description: string | null;
  startDate: string | null;
  endDate: string | null;
  valueSek: number | null;
  valueMinSek: number | null;
  valueMaxSek: number | null;
  contactFunction: string | null;
  contactEmail: string | null;
  search: string;
  sourceId: string;
  basis: string;
  now: number;
}

/** Example parameters for the agreement write statements (run by the statement tests). */
export const AGREEMENT_WRITE_EXAMPLE: AgreementWrite = {
  id: 'agr:example',
  name: 'IOP Exempel',
  kind: 'IOP',
  status: 'ACTIVE',
  description: null,
  startDate: '2024-01-01',
  endDate: null,
  valueSek: 100000,
  valueMinSek: null,
  valueMaxSek: null,
  contactFunction: 'Socialförvaltningen, enheten för föreningsstöd',
  contactEmail: null,
  societalChallenge: null,
  politicalProgramme: null,
  societalChallengeStated: false,
  politicalProgrammeStated: null,
  steeringMeetingsPerYear: 4,
  commitmentsBeyondFunding: true,
  followUpPlan: null,
  evaluatedAtExpiry: null,
  documentedConsiderations: null,
  search: 'iop exempel',
  sourceId: 'src:example',
  basis: 'ENTERED',
  now: 0,
};

export const agreements = {
  list: defineStatement<{ byKinds: boolean; kinds: string[]; byStatus: boolean; statuses: string[] }, { agreement: AgreementRecord }>({
    name: 'agreements.list',
    mode: 'read',
    cypher: `MATCH (a:Agreement) WHERE (NOT $byKinds OR a.kind IN $kinds) AND (NOT $byStatus OR a.status IN $statuses)
RETURN ${AGREEMENT_MAP} AS agreement ORDER BY a.name, a.id`,
    example: { byKinds: false, kinds: ['-'], byStatus: false, statuses: ['-'] },
  }),
  byIds: defineStatement<{ ids: string[] }, { agreement: AgreementRecord }>({
    name: 'agreements.byIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (a:Agreement {id: key}) RETURN ${AGREEMENT_MAP} AS agreement`,
    example: { ids: ['agr:example'] },
  }),
  create: defineStatement<AgreementWrite, { agreement: AgreementRecord }>({
    name: 'agreements.create',
    mode: 'write',
    cypher: `CREATE (a:Agreement {id: $id, name: $name, kind: $kind, status: $status, description: $description,
  startDate: $startDate, endDate: $endDate, valueSek: $valueSek, valueMinSek: $valueMinSek, valueMaxSek: $valueMaxSek,
  contactFunction: $contactFunction, contactEmail: $contactEmail, societalChallenge: $societalChallenge,
  politicalProgramme: $politicalProgramme, societalChallengeStated: $societalChallengeStated,
  politicalProgrammeStated: $politicalProgrammeStated, steeringMeetingsPerYear: $steeringMeetingsPerYear,
  commitmentsBeyondFunding: $commitmentsBeyondFunding, followUpPlan: $followUpPlan, evaluatedAtExpiry: $evaluatedAtExpiry,
  documentedConsiderations: $documentedConsiderations, isSummary: false, search: $search, sourceId: $sourceId,
  basis: $basis, confidence: 1.0, recordedAt: $now, synthetic: false, version: 1, createdAt: $now, updatedAt: $now})
RETURN ${AGREEMENT_MAP} AS agreement`,
    example: AGREEMENT_WRITE_EXAMPLE,
  }),
  /** The districts (municipalities, regions, stadsdelsområden…) the agreements cover, with each link's provenance. */
  covers: defineStatement<{ ids: string[] }, { link: OwnedLinkRecord }>({
    name: 'agreements.covers',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (a:Agreement {id: key})-[r:COVERS]->(d:District)
RETURN {ownerId: a.id, id: d.id, name: d.name, detail: d.kind, role: NULL, ${provenanceMap('r')}} AS link ORDER BY d.name, d.id`,
    example: { ids: ['agr:example'] },
  }),
  /** Agreements covering any of the given districts or a district inside them (a region: its municipalities too). */
  covering: defineStatement<{ ids: string[] }, { id: string }>({
    name: 'agreements.covering',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (f:District {id: key}) MATCH (d:District)-[:PART_OF*0..6]->(f) MATCH (a:Agreement)-[:COVERS]->(d) RETURN DISTINCT a.id AS id',
    example: { ids: ['district:example'] },
  }),
  delete: defineStatement<{ id: string }, Record<string, never>>({
    name: 'agreements.delete',
    mode: 'write',
    cypher: 'MATCH (a:Agreement {id: $id}) DETACH DELETE a',
    example: { id: 'agr:example' },
  }),
};

export const collaborations = {
  byIds: defineStatement<{ ids: string[] }, { collaboration: CollaborationRecord }>({
    name: 'collaborations.byIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (c:Collaboration {id: key}) RETURN ${COLLABORATION_MAP} AS collaboration`,
    example: { ids: ['collab:example'] },
  }),
  create: defineStatement<
    { id: string; name: string; kind: string; description: string | null; startDate: string | null; endDate: string | null; sourceId: string; basis: string; now: number },
    { collaboration: CollaborationRecord }
  >({
    name: 'collaborations.create',
    mode: 'write',
    cypher: `CREATE (c:Collaboration {id: $id, name: $name, kind: $kind, description: $description, startDate: $startDate,
  endDate: $endDate, sourceId: $sourceId, basis: $basis, confidence: 1.0, recordedAt: $now, synthetic: false, version: 1,
  createdAt: $now, updatedAt: $now})
RETURN ${COLLABORATION_MAP} AS collaboration`,
    example: { id: 'collab:example', name: 'Nätverk', kind: 'NETWORK', description: null, startDate: null, endDate: null, sourceId: 'src:example', basis: 'ENTERED', now: 0 },
  }),
  delete: defineStatement<{ id: string }, Record<string, never>>({
    name: 'collaborations.delete',
    mode: 'write',
    cypher: 'MATCH (c:Collaboration {id: $id}) DETACH DELETE c',
    example: { id: 'collab:example' },
  }),
  /** Organisations that share a collaboration with the given ones (their partners). */
  partners: defineStatement<{ ids: string[] }, { ownerId: string; partnerId: string; partnerName: string; collaborationId: string }>({
    name: 'collaborations.partners',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (o:Organisation {id: key})-[:PARTICIPATES_IN]->(c:Collaboration)<-[:PARTICIPATES_IN]-(p:Organisation)
WHERE p.id <> o.id
RETURN o.id AS ownerId, p.id AS partnerId, p.name AS partnerName, c.id AS collaborationId ORDER BY p.name, p.id`,
    example: { ids: ['org:example'] },
  }),
};
