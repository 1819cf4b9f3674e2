/**
 * The per-account write limit, shared by every server: writes are counted per account in
 * one-minute windows kept in the graph (WriteWindow), so N servers behind a load balancer allow an
 * account the same number of writes a minute as one server. A request's writes fit in what is left
 * of the window, or none is taken. Fixed windows: an account may write up to twice the limit across
 * a window boundary, never more.
 */
import type { GraphEngine } from '../engines/port.js';
import { writeWindows } from '../cypher/statements/throttles.js';

const WINDOW_MS = 60_000;

export interface Allowance {
  taken: boolean;
  /** Milliseconds until the window ends (when refused: when to try again). */
  msBeforeNext: number;
}

export class WriteAllowances {
  private lastPurge = 0;

  constructor(private readonly engine: GraphEngine) {}

  /** Takes `points` writes for `account` under `limit` a minute. */
  async take(account: string, points: number, limit: number, now = Date.now()): Promise<Allowance> {
    const window = Math.floor(now / WINDOW_MS);
    const end = (window + 1) * WINDOW_MS;
    const [row] = await this.engine.write((tx) => tx.run(writeWindows.take, { id: `write:${account}:${window}`, points, limit, expiresAt: end }));
    void this.purge(now).catch(() => undefined);
    return { taken: row?.taken === true, msBeforeNext: end - now };
  }

  /** Forgets passed windows; at most once a minute per process. */
  private async purge(now: number): Promise<void> {
    if (now - this.lastPurge < WINDOW_MS) return;
    this.lastPurge = now;
    await this.engine.write((tx) => tx.run(writeWindows.purge, { now }));
  }
}
