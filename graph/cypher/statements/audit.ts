/** The audit trail: one record per change, written in the change's own transaction. */
import { defineStatement } from '../statement.js';

export interface AuditRecordRow {
  id: string;
  actorId: string;
  actorName: string | null;
  at: number;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  revertOf: string | null;
}

const AUDIT_MAP = `{id: a.id, actorId: a.actorId, actorName: a.actorName, at: a.at, action: a.action, entityType: a.entityType,
  entityId: a.entityId, before: a.before, after: a.after, reason: a.reason, revertOf: a.revertOf}`;

const EXAMPLE: AuditRecordRow = {
  id: 'audit:example',
  actorId: 'user:example',
  actorName: 'Someone',
  at: 0,
  action: 'UPDATE',
  entityType: 'Organisation',
  entityId: 'org:example',
  before: '{}',
  after: '{}',
  reason: '',
  revertOf: '',
};

type Row = { record: AuditRecordRow };

export const audit = {
  create: defineStatement<AuditRecordRow, { id: string }>({
    name: 'audit.create',
    mode: 'write',
    cypher: `CREATE (a:AuditRecord {id: $id, actorId: $actorId, actorName: $actorName, at: $at, action: $action, entityType: $entityType,
  entityId: $entityId, before: $before, after: $after, reason: $reason, revertOf: $revertOf})
RETURN a.id AS id`,
    example: EXAMPLE,
  }),
  byId: defineStatement<{ id: string }, Row>({
    name: 'audit.byId',
    mode: 'read',
    cypher: `MATCH (a:AuditRecord {id: $id}) RETURN ${AUDIT_MAP} AS record`,
    example: { id: 'audit:example' },
  }),
  /** The newest changes of one entity first. */
  forEntity: defineStatement<{ entityType: string; entityId: string; limit: number }, Row>({
    name: 'audit.forEntity',
    mode: 'read',
    cypher: `MATCH (a:AuditRecord) WHERE a.entityType = $entityType AND a.entityId = $entityId
RETURN ${AUDIT_MAP} AS record ORDER BY a.at DESC, a.id DESC LIMIT $limit`,
    example: { entityType: 'Organisation', entityId: 'org:example', limit: 50 },
  }),
  /** The latest record's instant for an entity (null before its first). */
  latestAt: defineStatement<{ entityType: string; entityId: string }, { at: number | null }>({
    name: 'audit.latestAt',
    mode: 'read',
    cypher: 'MATCH (a:AuditRecord) WHERE a.entityType = $entityType AND a.entityId = $entityId RETURN max(a.at) AS at',
    example: { entityType: 'Organisation', entityId: 'org:example' },
  }),
  /** Whether a later change of the entity than `at` exists (a revert must not silently undo it). */
  newerThan: defineStatement<{ entityType: string; entityId: string; at: number; id: string }, { id: string }>({
    name: 'audit.newerThan',
    mode: 'read',
    cypher: `MATCH (a:AuditRecord) WHERE a.entityType = $entityType AND a.entityId = $entityId AND (a.at > $at OR (a.at = $at AND a.id > $id))
RETURN a.id AS id LIMIT 1`,
    example: { entityType: 'Organisation', entityId: 'org:example', at: 0, id: 'audit:example' },
  }),
  byActor: defineStatement<{ actorId: string }, Row>({
    name: 'audit.byActor',
    mode: 'read',
    cypher: `MATCH (a:AuditRecord) WHERE a.actorId = $actorId RETURN ${AUDIT_MAP} AS record ORDER BY a.at, a.id`,
    example: { actorId: 'user:example' },
  }),
  /** Records whose text mentions `text` (an e-mail address or a name) anywhere: for export and erasure. */
  mentioning: defineStatement<{ text: string }, Row>({
    name: 'audit.mentioning',
    mode: 'read',
    cypher: `MATCH (a:AuditRecord) WHERE a.before CONTAINS $text OR a.after CONTAINS $text OR a.reason CONTAINS $text OR a.actorName CONTAINS $text
RETURN ${AUDIT_MAP} AS record ORDER BY a.at, a.id`,
    example: { text: 'someone@example.org' },
  }),
  /** Rewrites a record's personal parts (erasure); the record, its time and action stay. */
  pseudonymise: defineStatement<{ id: string; actorId: string; actorName: string; before: string | null; after: string | null; reason: string | null }, { id: string }>({
    name: 'audit.pseudonymise',
    mode: 'write',
    cypher: `MATCH (a:AuditRecord {id: $id}) SET a.actorId = $actorId, a.actorName = $actorName, a.before = $before, a.after = $after, a.reason = $reason
RETURN a.id AS id`,
    example: { id: 'audit:example', actorId: 'user:example', actorName: 'x', before: null, after: null, reason: null },
  }),
  count: defineStatement<Record<string, never>, { n: number }>({
    name: 'audit.count',
    mode: 'read',
    cypher: 'MATCH (a:AuditRecord) RETURN count(a) AS n',
    example: {},
  }),
} as const;
