/**
 * The audit trail. `writeAudit` runs inside the transaction of the change it records, so a
 * change without its record (or a record without its change) cannot be committed.
 */
import { randomBytes } from 'node:crypto';
import type { GraphEngine, Tx } from '../engines/port.js';
import { audit, type AuditRecordRow } from '../cypher/statements/audit.js';
import type { Actor } from './actor.js';
import { lockEntity } from './lock.js';
import { LOCKABLE, type Lockable } from '../cypher/statements/locks.js';
import { parseInput } from '../validation/inputs.js';
import { reason as reasonSchema } from '../validation/editing.js';
import { ConflictError } from '../errors.js';

export type AuditEntityType = 'Organisation' | 'Agreement' | 'Collaboration' | 'PublicBody' | 'User' | 'ContactPerson' | 'PersonalData' | 'Import';

export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
  revertOf?: string | null;
}

export interface AuditRecord {
  id: string;
  actorId: string;
  actorName: string | null;
  at: number;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  revertOf: string | null;
}

let lastAt = 0;
/** Strictly increasing instants in this process. */
function nextInstant(): number {
  lastAt = Math.max(Date.now(), lastAt + 1);
  return lastAt;
}

const json = (v: unknown) => (v === undefined || v === null ? '' : JSON.stringify(v));

/**
 * Writes one audit record in `tx` and returns its id. Ids sort by time ("audit:<ms>-<random>").
 * An entity's records are strictly increasing in `at` whichever server writes them: the entity's
 * write lock is held (graph/repo/lock.ts), and the record comes after its latest. Every audited
 * change passes here, so this is where its reason is held to its limit: a reason over it fails the
 * change (and its transaction) with a problem naming `reason`.
 */
export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<string> {
  if ((LOCKABLE as readonly string[]).includes(entry.entityType)) await lockEntity(tx, entry.entityType as Lockable, entry.entityId);
  const row = await auditRecordRow(tx, entry);
  await tx.run(audit.create, row);
  return row.id;
}

/**
 * The audit record `writeAudit` would create, as its properties, for a bulk load that writes the
 * record together with the data it records (one load, so neither lands without the other). Its
 * reason is checked here, so a reason over the limit fails before anything is written.
 */
export async function auditRecordRow(tx: Tx, entry: AuditEntry): Promise<AuditRecordRow> {
  const why = parseInput(reasonSchema, entry.reason ?? null, 'reason');
  const [latest] = await tx.run(audit.latestAt, { entityType: entry.entityType, entityId: entry.entityId });
  const at = Math.max(nextInstant(), (latest?.at ?? 0) + 1);
  return {
    id: `audit:${String(at).padStart(15, '0')}-${randomBytes(6).toString('hex')}`,
    actorId: entry.actor.id,
    actorName: entry.actor.displayName,
    at,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: json(entry.before),
    after: json(entry.after),
    reason: why ?? '',
    revertOf: entry.revertOf ?? '',
  };
}

/** A revert applies only to the entity's latest recorded change. */
export async function assertLatest(tx: Tx, record: AuditRecord): Promise<void> {
  const newer = await tx.run(audit.newerThan, { entityType: record.entityType, entityId: record.entityId, at: record.at, id: record.id });
  if (newer.length) {
    throw new ConflictError(`${record.entityType} ${record.entityId} was changed again after ${record.id} (by ${newer[0]!.id}): revert the later change first`, 'auditId');
  }
}

const parse = (s: string | null): unknown => (s ? (JSON.parse(s) as unknown) : null);

export function toAuditRecord(row: AuditRecordRow): AuditRecord {
  return { ...row, before: parse(row.before), after: parse(row.after), reason: row.reason || null, revertOf: row.revertOf || null };
}

export class AuditRepository {
  constructor(private readonly engine: GraphEngine) {}

  async get(id: string): Promise<AuditRecord | null> {
    const [row] = await this.engine.read((tx) => tx.run(audit.byId, { id }));
    return row ? toAuditRecord(row.record) : null;
  }

  async forEntity(entityType: AuditEntityType, entityId: string, limit = 50): Promise<AuditRecord[]> {
    const rows = await this.engine.read((tx) => tx.run(audit.forEntity, { entityType, entityId, limit }));
    return rows.map((r) => toAuditRecord(r.record));
  }

  async count(): Promise<number> {
    return (await this.engine.read((tx) => tx.run(audit.count, {})))[0]?.n ?? 0;
  }
}
