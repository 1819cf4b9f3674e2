/** A person's decision on a partnership suggestion, remembered so later rankings change. */
import { defineStatement } from '../statement.js';

export const decisions = {
  record: defineStatement<
    { organisationId: string; candidateId: string; decision: string; decidedBy: string; reason: string; sourceId: string; now: number },
    { from: string; to: string }
  >({
    name: 'decisions.record',
    mode: 'write',
    cypher: `MATCH (a:Organisation {id: $organisationId}) MATCH (b:Organisation {id: $candidateId})
MERGE (a)-[d:SUGGESTION_DECISION]->(b)
SET d.decision = $decision, d.decidedBy = $decidedBy, d.reason = $reason, d.sourceId = $sourceId, d.basis = 'ENTERED',
  d.confidence = 1.0, d.recordedAt = $now, d.synthetic = false
RETURN a.id AS from, b.id AS to`,
    example: { organisationId: 'org:a', candidateId: 'org:b', decision: 'DISMISSED', decidedBy: 'user', reason: '', sourceId: 'src:person:user', now: 0 },
  }),
  /** Undoing the first decision on a pair: no decision stands afterwards. */
  remove: defineStatement<{ organisationId: string; candidateId: string }, { removed: number }>({
    name: 'decisions.remove',
    mode: 'write',
    cypher: `MATCH (a:Organisation {id: $organisationId})-[d:SUGGESTION_DECISION]->(b:Organisation {id: $candidateId})
DELETE d
RETURN count(*) AS removed`,
    example: { organisationId: 'org:a', candidateId: 'org:b' },
  }),
  /** The decision standing before a new one, for the audit record's "before". */
  current: defineStatement<{ organisationId: string; candidateId: string }, { decision: string; reason: string | null }>({
    name: 'decisions.current',
    mode: 'read',
    cypher: `MATCH (a:Organisation {id: $organisationId})-[d:SUGGESTION_DECISION]->(b:Organisation {id: $candidateId})
RETURN d.decision AS decision, d.reason AS reason`,
    example: { organisationId: 'org:a', candidateId: 'org:b' },
  }),
};
