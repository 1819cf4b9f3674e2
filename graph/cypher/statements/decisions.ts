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

/** A decision as stored, with its provenance: what a merge moves and its undo puts back. */
export interface DecisionRecord {
  fromId: string;
  toId: string;
  decision: string;
  decidedBy: string | null;
  reason: string | null;
  sourceId: string | null;
  basis: string | null;
  confidence: number | null;
  recordedAt: number | null;
}

const DECISION_MAP = `{fromId: a.id, toId: b.id, decision: d.decision, decidedBy: d.decidedBy, reason: d.reason, sourceId: d.sourceId,
  basis: d.basis, confidence: d.confidence, recordedAt: d.recordedAt}`;

/** Every decision an organisation made or that names it, and a decision written as it was. */
export const storedDecisions = {
  of: defineStatement<{ id: string }, { d: DecisionRecord }>({
    name: 'decisions.of',
    mode: 'read',
    cypher: `MATCH (a:Organisation {id: $id})-[d:SUGGESTION_DECISION]->(b:Organisation) RETURN ${DECISION_MAP} AS d ORDER BY b.id`,
    example: { id: 'org:a' },
  }),
  about: defineStatement<{ id: string }, { d: DecisionRecord }>({
    name: 'decisions.about',
    mode: 'read',
    cypher: `MATCH (a:Organisation)-[d:SUGGESTION_DECISION]->(b:Organisation {id: $id}) RETURN ${DECISION_MAP} AS d ORDER BY a.id`,
    example: { id: 'org:b' },
  }),
  put: defineStatement<
    { fromId: string; toId: string; decision: string; decidedBy: string; reason: string; sourceId: string; basis: string; confidence: number; recordedAt: number },
    { from: string; to: string }
  >({
    name: 'decisions.put',
    mode: 'write',
    cypher: `MATCH (a:Organisation {id: $fromId}) MATCH (b:Organisation {id: $toId})
MERGE (a)-[d:SUGGESTION_DECISION]->(b)
SET d.decision = $decision, d.decidedBy = $decidedBy, d.reason = $reason, d.sourceId = $sourceId, d.basis = $basis,
  d.confidence = $confidence, d.recordedAt = $recordedAt, d.synthetic = false
RETURN a.id AS from, b.id AS to`,
    example: { fromId: 'org:a', toId: 'org:b', decision: 'DISMISSED', decidedBy: 'user', reason: '', sourceId: 'src:person:user', basis: 'ENTERED', confidence: 1, recordedAt: 0 },
  }),
};
