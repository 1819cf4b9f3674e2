/**
 * Reads of the subgraph the analytics projection needs (graph/analytics/projection.ts): ids and
 * the few properties the algorithms use, as flat rows, one statement per kind.
 * cypher-generation: model-derived (the basis statements, one per fact relation of an
 * organisation and its target label, from graph/model/facts.ts; never input)
 */
import { defineStatement } from '../statement.js';
import { factTargetLabel, ORGANISATION_FACT_RELATIONS, type OrganisationFactRelation } from '../../model/facts.js';

type Pair = { a: string; b: string };
const pairs = (name: string, cypher: string) => defineStatement<Record<string, never>, Pair>({ name: `projection.${name}`, mode: 'read', cypher, example: {} });

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
  a.endDate AS endDate, a.startDate AS startDate, a.auditFindings AS auditFindings`,
    example: {},
  }),
  collaborations: defineStatement<Record<string, never>, { id: string; name: string; kind: string; startDate: string | null; endDate: string | null }>({
    name: 'projection.collaborations',
    mode: 'read',
    cypher: 'MATCH (c:Collaboration) RETURN c.id AS id, c.name AS name, c.kind AS kind, c.startDate AS startDate, c.endDate AS endDate',
    example: {},
  }),
  decisions: defineStatement<Record<string, never>, { a: string; b: string; decision: string; decidedAt: number }>({
    name: 'projection.decisions',
    mode: 'read',
    cypher: 'MATCH (a:Organisation)-[d:SUGGESTION_DECISION]->(b:Organisation) RETURN a.id AS a, b.id AS b, d.decision AS decision, d.recordedAt AS decidedAt',
    example: {},
  }),
  adjacency: pairs('adjacency', 'MATCH (a:District)-[:ADJACENT_TO]->(b:District) RETURN a.id AS a, b.id AS b'),
  serves: pairs('serves', 'MATCH (o:Organisation)-[:SERVES]->(t:TargetGroup) RETURN o.id AS a, t.id AS b'),
  activeIn: pairs('activeIn', 'MATCH (o:Organisation)-[:ACTIVE_IN]->(d:District) RETURN o.id AS a, d.id AS b'),
  organisationParties: pairs('organisationParties', 'MATCH (o:Organisation)-[:PARTY_TO]->(g:Agreement) RETURN o.id AS a, g.id AS b'),
  bodyParties: pairs('bodyParties', 'MATCH (o:PublicBody)-[:PARTY_TO]->(g:Agreement) RETURN o.id AS a, g.id AS b'),
  memberOf: pairs('memberOf', 'MATCH (o:Organisation)-[:MEMBER_OF]->(u:Organisation) RETURN o.id AS a, u.id AS b'),
  participants: pairs('participants', 'MATCH (o:Organisation)-[:PARTICIPATES_IN]->(c:Collaboration) RETURN o.id AS a, c.id AS b'),
  offers: pairs('offers', 'MATCH (o:Organisation)-[:OFFERS]->(r:ResourceType) RETURN o.id AS a, r.id AS b'),
  needs: pairs('needs', 'MATCH (o:Organisation)-[:NEEDS]->(r:ResourceType) RETURN o.id AS a, r.id AS b'),
  /** Per fact relation of an organisation (the model's), the links that are not STATED, with their basis, confidence and rule (or, for an entry, its locator). */
  linkBases: Object.fromEntries(
    ORGANISATION_FACT_RELATIONS.filter((r) => r !== 'SUGGESTION_DECISION').map((r) => [
      r,
      defineStatement<Record<string, never>, LinkBasisRow>({
        name: `projection.linkBases.${r}`,
        mode: 'read',
        cypher: `MATCH (o:Organisation)-[r:${r}]->(t:${factTargetLabel(r)}) WHERE r.basis IS NULL OR r.basis <> 'STATED' RETURN o.id AS a, t.id AS b, r.basis AS basis, r.confidence AS confidence, coalesce(r.rule, r.sourceLocator) AS rule`,
        example: {},
      }),
    ]),
  ) as Record<Exclude<OrganisationFactRelation, 'SUGGESTION_DECISION'>, ReturnType<typeof defineStatement<Record<string, never>, LinkBasisRow>>>,
};

type LinkBasisRow = { a: string; b: string; basis: string | null; confidence: number | null; rule: string | null };
