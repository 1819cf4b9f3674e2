/**
 * Relationships an editor or an import sets between existing nodes, with provenance, and the
 * batched reads of many nodes' links (one statement for a whole page: DataLoader's batch).
 */
import type { GraphEngine, Tx } from '../engines/port.js';
import { linkStatement, unlinkStatement, outgoingStatement, incomingStatement } from '../cypher/statements/links.js';
import { organisations } from '../cypher/statements/organisations.js';
import { bulkStatements } from '../bulk/statements.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { idSchema, LIMITS, optionalText, parseInput, provenanceInput } from '../validation/inputs.js';
import { personSource, type Actor } from './actor.js';
import type { LinkRecord, OwnedLinkRecord } from '../model/records.js';
import { z } from 'zod';
import type { ReadModelService } from '../readmodel/sync.js';
import { outgoingLinks } from '../readmodel/queries.js';

/** The organisation link kinds are declared in graph/model/links.ts. */
export { ORGANISATION_LINKS, type OrganisationLinkKind } from '../model/links.js';
import { ORGANISATION_LINKS, type OrganisationLinkKind } from '../model/links.js';

const linkArgs = z.object({
  organisationId: idSchema,
  targetId: idSchema,
  role: optionalText(40, true),
  note: optionalText(LIMITS.shortText),
  /** Omit for a person's entry; seeds and imports name their source. */
  provenance: provenanceInput.nullish(),
});

/**
 * A stored link's provenance, role and note as the link statement's parameters: what a restore or
 * a merge writes back as it was. `recordedAt`: when the link is to say it was recorded.
 */
export function storedLinkParams(kind: OrganisationLinkKind, l: LinkRecord, recordedAt: number) {
  const type = ORGANISATION_LINKS[kind].type;
  return {
    sourceId: l.sourceId ?? 'src:unknown',
    sourceLocator: l.sourceLocator ?? '',
    basis: l.basis ?? 'ENTERED',
    confidence: l.confidence ?? 1,
    quote: l.quote ?? '',
    rule: l.rule ?? '',
    role: l.role ?? '',
    // Only OFFERS and NEEDS carry a note; the other kinds' detail is the target's own (its kind, its English name).
    note: type === 'OFFERS' || type === 'NEEDS' ? (l.detail ?? '') : '',
    now: recordedAt,
    synthetic: l.synthetic ?? false,
  };
}

/** An organisation is not its own umbrella organisation. */
export const SELF_UMBRELLA = 'an organisation cannot be its own umbrella organisation';

export class LinkRepository {
  /** `readModel`: when it is warm, `outgoing` is answered from it (graph/readmodel/). */
  constructor(
    private readonly engine: GraphEngine,
    private readonly readModel: ReadModelService | null = null,
  ) {}

  /** Links an organisation to a target group, district, resource… Both ends must exist. */
  /** `afterWrite` runs in the link's transaction (the audit record of an edit). */
  async link(kind: OrganisationLinkKind, input: unknown, actor: Actor, afterWrite?: (tx: Tx) => Promise<void>): Promise<void> {
    const args = parseInput(linkArgs, input);
    const pair = ORGANISATION_LINKS[kind];
    if (kind === 'umbrella' && args.targetId === args.organisationId) throw new ValidationError([{ field: 'input.targetId', message: SELF_UMBRELLA }]);
    await this.engine.write(async (tx) => {
      if (!(await tx.run(organisations.version, { id: args.organisationId })).length) {
        throw new NotFoundError('Organisation', args.organisationId, 'input.organisationId');
      }
      if (!(await tx.run(bulkStatements.existingIds[pair.to], { ids: [args.targetId] })).length) {
        throw new NotFoundError(pair.to, args.targetId, 'input.targetId');
      }
      const p = args.provenance ?? (await personSource(tx, actor));
      await tx.run(linkStatement(pair), {
        from: args.organisationId,
        to: args.targetId,
        sourceId: p.sourceId,
        sourceLocator: p.sourceLocator ?? '',
        basis: p.basis,
        confidence: p.confidence ?? 1,
        quote: ('quote' in p ? p.quote : null) ?? '',
        rule: ('rule' in p ? p.rule : null) ?? '',
        role: args.role ?? '',
        note: args.note ?? '',
        now: Date.now(),
        synthetic: false,
      });
      await afterWrite?.(tx);
    });
  }

  /** `afterWrite` runs in the same transaction when a link was removed. */
  async unlink(kind: OrganisationLinkKind, input: unknown, afterWrite?: (tx: Tx) => Promise<void>): Promise<boolean> {
    const args = parseInput(linkArgs.pick({ organisationId: true, targetId: true }), input);
    const pair = ORGANISATION_LINKS[kind];
    return this.engine.write(async (tx) => {
      const [row] = await tx.run(unlinkStatement(pair), { from: args.organisationId, to: args.targetId });
      const removed = (row?.n ?? 0) > 0;
      if (removed) await afterWrite?.(tx);
      return removed;
    });
  }

  /** Links of many organisations at once, grouped by organisation id. */
  async outgoing(kind: OrganisationLinkKind, ids: readonly string[]): Promise<Map<string, OwnedLinkRecord[]>> {
    const model = this.readModel?.ready;
    if (model) return outgoingLinks(model, kind, ids);
    return this.read(outgoingStatement(ORGANISATION_LINKS[kind]), ids);
  }

  /** The reverse: e.g. the members of umbrella organisations. */
  async incoming(kind: OrganisationLinkKind, ids: readonly string[]): Promise<Map<string, OwnedLinkRecord[]>> {
    return this.read(incomingStatement(ORGANISATION_LINKS[kind]), ids);
  }

  private async read(statement: ReturnType<typeof outgoingStatement>, ids: readonly string[]): Promise<Map<string, OwnedLinkRecord[]>> {
    const out = new Map<string, OwnedLinkRecord[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    for (const { link } of await this.engine.read((tx) => tx.run(statement, { ids: [...ids] }))) out.get(link.ownerId)?.push(link);
    return out;
  }
}
