/**
 * Reads the analytics projection's input from the store, in one read transaction (one
 * consistent snapshot). The analytics module itself never touches the store.
 */
import type { GraphEngine } from '../engines/port.js';
import { projection } from '../cypher/statements/projection.js';
import type { ProjectionInput, AgreementInput, LinkBasisInput, SuggestionDecisionInput } from '../analytics/projection.js';
import type { AgreementKind, AgreementStatus, Basis, CollaborationKind, DistrictKind, OrganisationStatus } from '../model/types.js';
import { parseAuditFindings, type OrganisationFactRelation } from '../model/facts.js';

export async function readProjectionInput(engine: GraphEngine): Promise<ProjectionInput> {
  return engine.read(async (tx) => {
    const pairs = async (s: (typeof projection)['serves']) => (await tx.run(s, {})).map((r) => [r.a, r.b] as const);
    const linkBases = async (): Promise<LinkBasisInput[]> => {
      const out: LinkBasisInput[] = [];
      for (const [relation, statement] of Object.entries(projection.linkBases)) {
        for (const r of await tx.run(statement, {})) out.push({ relation: relation as OrganisationFactRelation, from: r.a, to: r.b, basis: r.basis as Basis | null, confidence: r.confidence, rule: r.rule });
      }
      return out;
    };
    const participants = new Map<string, string[]>();
    for (const [org, collab] of await pairs(projection.participants)) participants.set(collab, [...(participants.get(collab) ?? []), org]);
    return {
      organisations: (await tx.run(projection.organisations, {})).map((o) => ({
        id: o.id,
        name: o.name,
        contactVerifiedAt: o.contactVerifiedAt,
        synthetic: o.synthetic ?? false,
        status: (o.status as OrganisationStatus | null) ?? null,
      })),
      targetGroups: await tx.run(projection.targetGroups, {}),
      districts: (await tx.run(projection.districts, {})).map((d) => ({ ...d, kind: d.kind as DistrictKind })),
      adjacency: await pairs(projection.adjacency),
      serves: await pairs(projection.serves),
      activeIn: await pairs(projection.activeIn),
      agreements: (await tx.run(projection.agreements, {})).map(
        (a) =>
          ({
            ...a,
            kind: a['kind'] as AgreementKind,
            status: ((a['status'] as string) ?? 'UNKNOWN') as AgreementStatus,
            auditFindings: parseAuditFindings(a['auditFindings'] as string | null),
          }) as unknown as AgreementInput,
      ),
      partyTo: [...(await pairs(projection.organisationParties)), ...(await pairs(projection.bodyParties))],
      memberOf: await pairs(projection.memberOf),
      collaborations: (await tx.run(projection.collaborations, {})).map((c) => ({ id: c.id, name: c.name, kind: c.kind as CollaborationKind, participantIds: participants.get(c.id) ?? [], startDate: c.startDate, endDate: c.endDate })),
      offers: await pairs(projection.offers),
      needs: await pairs(projection.needs),
      resourceTypes: await tx.run(projection.resourceTypes, {}),
      decisions: (await tx.run(projection.decisions, {})).map(
        (d) => ({ organisationId: d.a, candidateId: d.b, decision: d.decision, decidedAt: d.decidedAt }) as SuggestionDecisionInput,
      ),
      linkBases: await linkBases(),
    };
  });
}
