/**
 * Reads of the subgraph the analytics projection needs (graph/analytics/projection.ts): ids and
 * the few properties the algorithms use, as flat rows, one statement per kind.
 */
import { defineStatement } from '../statement.js';

type Pair = { a: string; b: string };
/** A link with whether its basis is INFERRED (analyses count inferred facts apart). */
type BasisPair = Pair & { inferred: boolean | null };
const pairs = (name: string, cypher: string) => defineStatement<Record<string, never>, Pair>({ name: `projection.${name}`, mode: 'read', cypher, example: {} });
const basisPairs = (name: string, cypher: string) => defineStatement<Record<string, never>, BasisPair>({ name: `projection.${name}`, mode: 'read', cypher, example: {} });

export const projection = {
  organisations: defineStatement<Record<string, never>, { id: string; name: string; contactVerifiedAt: number | null; synthetic: boolean | null; status: string | null }>({
    name: 'projection.organisations',
    mode: 'read',
    cypher: 'MATCH (o:Organisation) RETURN o.id AS id, o.name AS name, o.contactVerifiedAt AS contactVerifiedAt, o.synthetic AS synthetic, o.status AS status',
    example: {},
  }),
  targetGroups: defineStatement<Record<string, never>, { id: string; name: string; nameEn: string | null; broaderId: string | null }>({
    name: 'projection.targetGroups',
    mode: 'read',
    cypher: 'MATCH (t:TargetGroup) OPTIONAL MATCH (t)-[:BROADER]->(b:TargetGroup) RETURN t.id AS id, t.name AS name, t.nameEn AS nameEn, b.id AS broaderId',
    example: {},
  }),
  districts: defineStatement<Record<string, never>, { id: string; name: string; kind: string; partOfId: string | null; validFrom: string | null; validTo: string | null }>({
    name: 'projection.districts',
    mode: 'read',
    cypher:
      'MATCH (d:District) OPTIONAL MATCH (d)-[:PART_OF]->(p:District) RETURN d.id AS id, d.name AS name, d.kind AS kind, p.id AS partOfId, d.validFrom AS validFrom, d.validTo AS validTo',
    example: {},
  }),
  resourceTypes: defineStatement<Record<string, never>, { id: string; name: string; nameEn: string | null }>({
    name: 'projection.resourceTypes',
    mode: 'read',
    cypher: 'MATCH (r:ResourceType) RETURN r.id AS id, r.name AS name, r.nameEn AS nameEn',
    example: {},
  }),
  agreements: defineStatement<Record<string, never>, Record<string, unknown> & { id: string }>({
    name: 'projection.agreements',
    mode: 'read',
    cypher: `MATCH (a:Agreement) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.status AS status, a.isSummary AS isSummary,
  a.summaryCount AS summaryCount, a.societalChallenge AS societalChallenge, a.politicalProgramme AS politicalProgramme,
  a.societalChallengeStated AS societalChallengeStated, a.politicalProgrammeStated AS politicalProgrammeStated,
  a.steeringMeetingsPerYear AS steeringMeetingsPerYear, a.commitmentsBeyondFunding AS commitmentsBeyondFunding,
  a.followUpPlan AS followUpPlan, a.evaluatedAtExpiry AS evaluatedAtExpiry, a.documentedConsiderations AS documentedConsiderations,
  a.endDate AS endDate, a.auditFindings AS auditFindings`,
    example: {},
  }),
  collaborations: defineStatement<Record<string, never>, { id: string; name: string; kind: string }>({
    name: 'projection.collaborations',
    mode: 'read',
    cypher: 'MATCH (c:Collaboration) RETURN c.id AS id, c.name AS name, c.kind AS kind',
    example: {},
  }),
  decisions: defineStatement<Record<string, never>, { a: string; b: string; decision: string; decidedAt: number }>({
    name: 'projection.decisions',
    mode: 'read',
    cypher: 'MATCH (a:Organisation)-[d:SUGGESTION_DECISION]->(b:Organisation) RETURN a.id AS a, b.id AS b, d.decision AS decision, d.recordedAt AS decidedAt',
    example: {},
  }),
  adjacency: pairs('adjacency', 'MATCH (a:District)-[:ADJACENT_TO]->(b:District) RETURN a.id AS a, b.id AS b'),
  serves: basisPairs('serves', "MATCH (o:Organisation)-[r:SERVES]->(t:TargetGroup) RETURN o.id AS a, t.id AS b, r.basis = 'INFERRED' AS inferred"),
  activeIn: basisPairs('activeIn', "MATCH (o:Organisation)-[r:ACTIVE_IN]->(d:District) RETURN o.id AS a, d.id AS b, r.basis = 'INFERRED' AS inferred"),
  organisationParties: basisPairs('organisationParties', "MATCH (o:Organisation)-[r:PARTY_TO]->(g:Agreement) RETURN o.id AS a, g.id AS b, r.basis = 'INFERRED' AS inferred"),
  bodyParties: pairs('bodyParties', 'MATCH (o:PublicBody)-[:PARTY_TO]->(g:Agreement) RETURN o.id AS a, g.id AS b'),
  memberOf: basisPairs('memberOf', "MATCH (o:Organisation)-[r:MEMBER_OF]->(u:Organisation) RETURN o.id AS a, u.id AS b, r.basis = 'INFERRED' AS inferred"),
  participants: pairs('participants', 'MATCH (o:Organisation)-[:PARTICIPATES_IN]->(c:Collaboration) RETURN o.id AS a, c.id AS b'),
  offers: basisPairs('offers', "MATCH (o:Organisation)-[r:OFFERS]->(x:ResourceType) RETURN o.id AS a, x.id AS b, r.basis = 'INFERRED' AS inferred"),
  needs: basisPairs('needs', "MATCH (o:Organisation)-[r:NEEDS]->(x:ResourceType) RETURN o.id AS a, x.id AS b, r.basis = 'INFERRED' AS inferred"),
};
