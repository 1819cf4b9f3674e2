/**
 * The process's write gate: writes pass side by side; `paused` waits for those in progress to
 * finish and holds new ones back until it is done. A backup on Neo4j reads under it: Neo4j's read
 * transactions see each statement's own committed state, not one snapshot, so writes between
 * two pages would make the backup a mix of two states. Queued fairly: once a pause waits, later
 * writes wait behind it.
 *
 * A shared/exclusive gate with no capacity: a weighted semaphore of "everyone" slots (async-mutex)
 * gave the same order, but walked every slot weight on each release, about a million steps a write.
 */
interface Waiter {
  exclusive: boolean;
  go(): void;
}

export class WriteGate {
  /** Writes in progress. */
  private writing = 0;
  private pausing = false;
  private readonly waiting: Waiter[] = [];

  async write<T>(work: () => Promise<T>): Promise<T> {
    if (this.pausing || this.waiting.length) await this.wait(false);
    else this.writing++;
    try {
      return await work();
    } finally {
      this.writing--;
      this.admit();
    }
  }

  async paused<T>(work: () => Promise<T>): Promise<T> {
    if (this.pausing || this.writing || this.waiting.length) await this.wait(true);
    else this.pausing = true;
    try {
      return await work();
    } finally {
      this.pausing = false;
      this.admit();
    }
  }

  private wait(exclusive: boolean): Promise<void> {
    return new Promise((go) => this.waiting.push({ exclusive, go }));
  }

  /** Lets in, in order, what may now run: writes up to the next pause, or that pause once no write runs. */
  private admit(): void {
    while (!this.pausing && this.waiting.length) {
      const next = this.waiting[0]!;
      if (next.exclusive) {
        if (this.writing) return;
        this.waiting.shift();
        this.pausing = true;
        next.go();
        return;
      }
      this.waiting.shift();
      this.writing++;
      next.go();
    }
  }
}
