/**
 * Reads the analytics projection's input from the store, in one read transaction (one
 * consistent snapshot). The analytics module itself never touches the store.
 */
import type { GraphEngine } from '../engines/port.js';
import { projection } from '../cypher/statements/projection.js';
import type { ProjectionInput, AgreementInput, LinkBasisInput, OrganisationInput, SuggestionDecisionInput } from '../analytics/projection.js';
import type { LinkRow, PatchableLinkKind } from '../analytics/projection-patch.js';
import { outgoingOneStatement } from '../cypher/statements/links.js';
import { ORGANISATION_LINKS } from '../model/links.js';
import { readModelStatements } from '../readmodel/statements.js';
import type { ReadModelService } from '../readmodel/sync.js';
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

/**
 * What a patch of the projection re-reads after a small write (graph/projection-service.ts): one
 * organisation's record or its links of one kind, from the read model when it is warm (it has
 * already followed the write) and otherwise from the engine, with the statements the read model
 * itself refreshes from.
 */
export class ProjectionPatchSource {
  constructor(
    private readonly engine: GraphEngine,
    private readonly readModel: ReadModelService | null,
  ) {}

  /** The organisation's links of `kind` with their basis; null when the organisation is gone. */
  async links(kind: PatchableLinkKind, id: string): Promise<LinkRow[] | null> {
    const model = this.readModel?.ready;
    if (model) {
      const entry = model.orgs.get(id);
      return entry ? entry.out[kind].map((e) => ({ to: e.to, basis: e.prov.basis, confidence: e.prov.confidence, rule: e.prov.rule ?? e.prov.sourceLocator })) : null;
    }
    return this.engine.read(async (tx) => {
      if (!(await tx.run(readModelStatements.organisation, { id })).length) return null;
      return (await tx.run(outgoingOneStatement(ORGANISATION_LINKS[kind]), { id })).map(({ link: l }) => ({ to: l.id, basis: l.basis, confidence: l.confidence, rule: l.rule ?? l.sourceLocator }));
    });
  }

  /** The organisation's fields the projection holds; null when it is gone. */
  async organisation(id: string): Promise<OrganisationInput | null> {
    const model = this.readModel?.ready;
    const record = model ? (model.orgs.get(id)?.record ?? null) : ((await this.engine.read((tx) => tx.run(readModelStatements.organisation, { id })))[0]?.org ?? null);
    return record && { id: record.id, name: record.name, contactVerifiedAt: record.contactVerifiedAt, synthetic: record.synthetic ?? false, status: record.status ?? null };
  }
}
