/**
 * Write locks for optimistic concurrency. A write that checks the version an editor read takes
 * the entity's write lock first, by writing to it, and only then reads the version: Neo4j locks a
 * node at its first write in a transaction and holds the lock until commit, while reads take no
 * lock. Two writers at the same version are thereby serialised, and the second reads the first's
 * new version and answers CONFLICT instead of overwriting it. On LadybugDB writers are serialised
 * anyway; the same statement runs there. `updatedAt` is the property written: every write that
 * locks changes the entity, and a refused one rolls back.
 *
 * cypher-generation: model-derived (the labels of LOCKABLE, never input)
 */
import { defineStatement, type Statement } from '../statement.js';

export const LOCKABLE = ['Organisation', 'Agreement', 'Collaboration', 'PublicBody', 'ContactPerson', 'User'] as const;
export type Lockable = (typeof LOCKABLE)[number];

function lock(label: Lockable): Statement<{ id: string; now: number }, { id: string }> {
  return defineStatement<{ id: string; now: number }, { id: string }>({
    name: `locks.${label}`,
    mode: 'write',
    cypher: `MATCH (n:${label} {id: $id}) SET n.updatedAt = $now RETURN n.id AS id`,
    example: { id: 'lock:example', now: 0 },
  });
}

export const locks = Object.fromEntries(LOCKABLE.map((label) => [label, lock(label)])) as Record<Lockable, Statement<{ id: string; now: number }, { id: string }>>;
