/**
 * Takes an entity's write lock at the start of an optimistic write (see
 * graph/cypher/statements/locks.ts): the version read after it is the latest committed one, so
 * the version check and the write cannot interleave with another writer's. False when the
 * entity does not exist.
 */
import type { Tx } from '../engines/port.js';
import { locks, type Lockable } from '../cypher/statements/locks.js';

export async function lockEntity(tx: Tx, label: Lockable, id: string, now = Date.now()): Promise<boolean> {
  return (await tx.run(locks[label], { id, now })).length > 0;
}
