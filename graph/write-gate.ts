/**
 * The process's write gate: writes pass side by side; `paused` waits for those in progress to
 * finish and holds new ones back until it is done. A backup on Neo4j reads under it: Neo4j's read
 * transactions see each statement's own committed state, not one snapshot, so writes between
 * two pages would make the backup a mix of two states. Queued fairly: once a pause waits, later
 * writes wait behind it.
 */
import { Semaphore } from 'async-mutex';

const EVERYONE = 1 << 20;

export class WriteGate {
  private readonly semaphore = new Semaphore(EVERYONE);

  write<T>(work: () => Promise<T>): Promise<T> {
    return this.semaphore.runExclusive(work, 1);
  }

  paused<T>(work: () => Promise<T>): Promise<T> {
    return this.semaphore.runExclusive(work, EVERYONE);
  }
}
