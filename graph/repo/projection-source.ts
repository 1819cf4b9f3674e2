/**
 * Reads the analytics projection's input from the store, in one read transaction (one
 * consistent snapshot). The analytics module itself never touches the store.
 */
import type { GraphEngine } from '../engines/port.js';
import { projection } from '../cypher/statements/projection.js';
import type { ProjectionInput, AgreementInput, SuggestionDecisionInput, IdPair, InferredLinks } from '../analytics/projection.js';
import type { AgreementKind, AgreementStatus, CollaborationKind, DistrictKind, OrganisationStatus } from '../model/types.js';
import { parseAuditFindings } from '../model/facts.js';

export async function readProjectionInput(engine: GraphEngine): Promise<ProjectionInput> {
  return engine.read(async (tx) => {
    const pairs = async (s: (typeof projection)['bodyParties']) => (await tx.run(s, {})).map((r) => [r.a, r.b] as const);
    const inferred: Required<InferredLinks> = { serves: [], activeIn: [], offers: [], needs: [], memberOf: [], partyTo: [] };
    /** The links, and those whose basis is INFERRED apart. */
    const basisPairs = async (s: (typeof projection)['serves'], kind: keyof InferredLinks) => {
      const out: IdPair[] = [];
      const inf = inferred[kind] as IdPair[];
      for (const r of await tx.run(s, {})) {
        const pair = [r.a, r.b] as const;
        out.push(pair);
        if (r.inferred) inf.push(pair);
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
      serves: await basisPairs(projection.serves, 'serves'),
      activeIn: await basisPairs(projection.activeIn, 'activeIn'),
      agreements: (await tx.run(projection.agreements, {})).map(
        (a) =>
          ({
            ...a,
            kind: a['kind'] as AgreementKind,
            status: ((a['status'] as string) ?? 'UNKNOWN') as AgreementStatus,
            auditFindings: parseAuditFindings(a['auditFindings'] as string | null),
          }) as unknown as AgreementInput,
      ),
      partyTo: [...(await basisPairs(projection.organisationParties, 'partyTo')), ...(await pairs(projection.bodyParties))],
      memberOf: await basisPairs(projection.memberOf, 'memberOf'),
      collaborations: (await tx.run(projection.collaborations, {})).map((c) => ({ id: c.id, name: c.name, kind: c.kind as CollaborationKind, participantIds: participants.get(c.id) ?? [] })),
      offers: await basisPairs(projection.offers, 'offers'),
      needs: await basisPairs(projection.needs, 'needs'),
      resourceTypes: await tx.run(projection.resourceTypes, {}),
      decisions: (await tx.run(projection.decisions, {})).map(
        (d) => ({ organisationId: d.a, candidateId: d.b, decision: d.decision, decidedAt: d.decidedAt }) as SuggestionDecisionInput,
      ),
      inferred,
    };
  });
}
