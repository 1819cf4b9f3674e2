/** Accepting or dismissing a partnership suggestion: stored as a person's entry, with its audit record in the same transaction. */
import { z } from 'zod';
import type { GraphEngine } from '../engines/port.js';
import { decisions } from '../cypher/statements/decisions.js';
import { organisations } from '../cypher/statements/organisations.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { idSchema, LIMITS, optionalText, parseInput } from '../validation/inputs.js';
import { personSource, type Actor } from './actor.js';
import { writeAudit } from './audit.js';

const decisionInput = z.object({
  organisationId: idSchema,
  candidateId: idSchema,
  decision: z.enum(['ACCEPTED', 'DISMISSED']),
  reason: optionalText(LIMITS.reason),
});

export class DecisionRepository {
  constructor(private readonly engine: GraphEngine) {}

  /** Records the decision and returns the id of its audit record (on the deciding organisation). */
  async record(input: unknown, actor: Actor): Promise<{ auditId: string }> {
    const d = parseInput(decisionInput, input);
    if (d.organisationId === d.candidateId) throw new ValidationError([{ field: 'input.candidateId', message: 'must differ from organisationId' }]);
    return this.engine.write(async (tx) => {
      for (const [field, id] of [['input.organisationId', d.organisationId], ['input.candidateId', d.candidateId]] as const) {
        if (!(await tx.run(organisations.version, { id })).length) throw new NotFoundError('Organisation', id, field);
      }
      // The partner is named in the record, so the history says whom the decision was about.
      const candidateName = (await tx.run(organisations.byId, { id: d.candidateId }))[0]?.org.name ?? null;
      const [previous] = await tx.run(decisions.current, { organisationId: d.organisationId, candidateId: d.candidateId });
      const source = await personSource(tx, actor);
      await tx.run(decisions.record, { ...d, reason: d.reason ?? '', decidedBy: actor.id, sourceId: source.sourceId, now: Date.now() });
      const auditId = await writeAudit(tx, {
        actor,
        action: 'SUGGESTION_DECISION',
        entityType: 'Organisation',
        entityId: d.organisationId,
        before: previous ? { candidateId: d.candidateId, candidateName, decision: previous.decision, reason: previous.reason || null } : null,
        after: { candidateId: d.candidateId, candidateName, decision: d.decision, reason: d.reason ?? null },
        reason: d.reason ?? null,
      });
      return { auditId };
    });
  }
}
