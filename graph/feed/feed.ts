/**
 * The change feed (Neo4j): how several app servers on one database keep what they hold in memory
 * (the read model, the search index, the analytics projection) in step with each other's writes.
 *
 * - Every committed write that changed something those hold appends, in its own transaction,
 *   what it changed (ids only) under the next number in commit order (statements.ts).
 * - Each server polls for entries after the last it has seen (FEED_POLL_MS, default 250 ms),
 *   skips its own (applied before the write returned) and applies the others'.
 * - A server that finds it has missed entries (pruned before it read them) reloads everything.
 * - Entries older than a day are pruned, the newest kept.
 *
 * The embedded engine is one process's alone and has no feed.
 */
import crypto from 'node:crypto';
import type { GraphEngine, Tx } from '../engines/port.js';
import { messageOf } from '../errors.js';
import type { Effect } from '../readmodel/effects.js';
import { feedStatements } from './statements.js';

export interface FeedOptions {
  pollMs?: number;
  /** How long entries are kept (ms). */
  keepMs?: number;
  onError?: (message: string) => void;
}

/** What a follower hands on: other servers' effects, or 'reload' when it cannot tell what changed. */
export type FeedDelivery = { effects: Effect[] } | 'reload';

const BATCH = 1000;

export class ChangeFeed {
  /** This process's name in the feed (its own entries are skipped when followed). */
  readonly server = `server:${crypto.randomUUID()}`;
  private seen = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private lastPrune = 0;
  /** Entries applied from other servers (tests and the cluster benchmark read it). */
  applied = 0;
  /** When the last poll finished (epoch ms). */
  lastPollAt = 0;

  constructor(
    private readonly engine: GraphEngine,
    private readonly options: FeedOptions = {},
  ) {}

  /** Appends this write's effects inside its transaction (call last: it takes the feed's lock until commit). */
  async append(tx: Tx, effects: readonly Effect[]): Promise<number> {
    const [row] = await tx.run(feedStatements.append, { server: this.server, now: Date.now(), effects: JSON.stringify(effects) });
    return row!.seq;
  }

  /** Passes the write barrier inside a write's transaction (call last). */
  async barrier(tx: Tx): Promise<void> {
    await tx.run(feedStatements.barrier, { now: Date.now() });
  }

  /** Starts following from the current head: what happened before is in what the caller loaded. */
  async follow(deliver: (delivery: FeedDelivery) => Promise<void>): Promise<void> {
    const [head] = await this.engine.read((tx) => tx.run(feedStatements.head, {}));
    this.seen = head?.seq ?? 0;
    const tick = () => {
      if (this.stopped) return;
      this.polling = this.poll(deliver)
        .catch((error) => this.options.onError?.(`change feed: ${messageOf(error)}`))
        .finally(() => {
          this.polling = null;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 250);
        });
    };
    this.timer = setTimeout(tick, this.options.pollMs ?? 250);
  }

  /** Reads and delivers what other servers committed since the last poll. */
  async poll(deliver: (delivery: FeedDelivery) => Promise<void>): Promise<void> {
    for (;;) {
      const rows = await this.engine.read((tx) => tx.run(feedStatements.since, { after: this.seen, limit: BATCH }));
      if (rows.length && rows[0]!.seq !== this.seen + 1) {
        // Entries this server never read were pruned: it cannot tell what changed.
        this.seen = rows[rows.length - 1]!.seq;
        await deliver('reload');
        continue;
      }
      const effects: Effect[] = [];
      for (const r of rows) {
        if (r.server !== this.server) {
          effects.push(...(JSON.parse(r.effects) as Effect[]));
          this.applied++;
        }
        this.seen = r.seq;
      }
      if (effects.length) await deliver({ effects });
      if (rows.length < BATCH) break;
    }
    this.lastPollAt = Date.now();
    if (Date.now() - this.lastPrune > 60_000) await this.prune();
  }

  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    const before = Date.now() - (this.options.keepMs ?? 24 * 3600_000);
    for (;;) {
      const [row] = await this.engine.write((tx) => tx.run(feedStatements.prune, { before, keepFrom: this.seen, limit: 10_000 }));
      if (!row || row.n < 10_000) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling?.catch(() => undefined);
  }
}
