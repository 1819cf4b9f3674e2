/**
 * The analytics projection's input straight from GraphBatches (the seed and a synthetic batch):
 * the same graph readProjectionInput reads from the store, without the read. Benchmarks use it to
 * measure the algorithms apart from the store; the store read is measured on its own.
 */
import type { GraphBatch, NodeRow, RelRow } from '../../graph/bulk/batch.js';
import type { ProjectionInput, AgreementInput } from '../../graph/analytics/projection.js';
import type { AgreementKind, AgreementStatus, CollaborationKind, DistrictKind } from '../../graph/model/types.js';

export function projectionInputFromBatches(...batches: GraphBatch[]): ProjectionInput {
  const nodes = (label: keyof GraphBatch['nodes']): NodeRow[] => batches.flatMap((b) => b.nodes[label] ?? []);
  const rels = (type: keyof GraphBatch['rels'], from?: string, to?: string): RelRow[] =>
    batches.flatMap((b) => b.rels[type] ?? []).filter((r) => (!from || r.fromLabel === from) && (!to || r.toLabel === to));
  const pairs = (rows: RelRow[]) => rows.map((r) => [r.from, r.to] as const);
  const broader = new Map(rels('BROADER').map((r) => [r.from, r.to]));
  const partOf = new Map(rels('PART_OF', 'District', 'District').map((r) => [r.from, r.to]));
  const participants = new Map<string, string[]>();
  for (const r of rels('PARTICIPATES_IN', 'Organisation')) participants.set(r.to, [...(participants.get(r.to) ?? []), r.from]);
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    organisations: nodes('Organisation').map((o) => ({ id: o.id, name: String(o['name']), contactVerifiedAt: (o['contactVerifiedAt'] as number | null) ?? null, synthetic: o['synthetic'] === true })),
    targetGroups: nodes('TargetGroup').map((t) => ({ id: t.id, name: String(t['name']), nameEn: str(t['nameEn']), broaderId: broader.get(t.id) ?? null })),
    districts: nodes('District').map((d) => ({ id: d.id, name: String(d['name']), kind: d['kind'] as DistrictKind, partOfId: partOf.get(d.id) ?? null })),
    adjacency: pairs(rels('ADJACENT_TO')),
    serves: pairs(rels('SERVES')),
    activeIn: pairs(rels('ACTIVE_IN', 'Organisation')),
    agreements: nodes('Agreement').map(
      (a) =>
        ({
          id: a.id,
          name: String(a['name']),
          kind: a['kind'] as AgreementKind,
          status: (str(a['status']) ?? 'UNKNOWN') as AgreementStatus,
          isSummary: (a['isSummary'] as boolean | null) ?? null,
          summaryCount: (a['summaryCount'] as number | null) ?? null,
          societalChallenge: str(a['societalChallenge']),
          politicalProgramme: str(a['politicalProgramme']),
          societalChallengeStated: (a['societalChallengeStated'] as boolean | null | undefined) ?? null,
          politicalProgrammeStated: (a['politicalProgrammeStated'] as boolean | null | undefined) ?? null,
          steeringMeetingsPerYear: (a['steeringMeetingsPerYear'] as number | null) ?? null,
          commitmentsBeyondFunding: (a['commitmentsBeyondFunding'] as boolean | null) ?? null,
          followUpPlan: (a['followUpPlan'] as boolean | null) ?? null,
          evaluatedAtExpiry: (a['evaluatedAtExpiry'] as boolean | null) ?? null,
          documentedConsiderations: (a['documentedConsiderations'] as boolean | null) ?? null,
          endDate: str(a['endDate']),
        }) as AgreementInput,
    ),
    partyTo: pairs(rels('PARTY_TO')),
    memberOf: pairs(rels('MEMBER_OF')),
    collaborations: nodes('Collaboration').map((c) => ({ id: c.id, name: String(c['name']), kind: c['kind'] as CollaborationKind, participantIds: participants.get(c.id) ?? [] })),
    offers: pairs(rels('OFFERS')),
    needs: pairs(rels('NEEDS')),
    resourceTypes: nodes('ResourceType').map((r) => ({ id: r.id, name: String(r['name']), nameEn: str(r['nameEn']) })),
    decisions: [],
  };
}
