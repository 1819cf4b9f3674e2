/**
 * Sign-in throttles: failed attempts counted per pair of e-mail address (whether or not an
 * account has it) and client address, in the graph so that every server counts the same. From
 * `threshold` failures on, the pair waits before its next attempt: `baseMs`, doubling with each
 * further failure up to `maxMs`; a success clears the pair. So a stranger guessing from their own
 * address never locks the owner out at theirs, no lock lasts longer than `maxMs`, and an unknown
 * address is throttled exactly like a known one (the answer says nothing about accounts).
 */
import { createHash } from 'node:crypto';
import type { GraphEngine } from '../engines/port.js';
import { throttles } from '../cypher/statements/throttles.js';

export interface ThrottlePolicy {
  threshold: number;
  baseMs: number;
  maxMs: number;
}

/** The stored key of a pair: neither address is kept. */
export function throttleKey(email: string, clientAddress: string): string {
  return `throttle:${createHash('sha256').update(`${email.trim().toLowerCase()}\u0000${clientAddress}`, 'utf8').digest('hex')}`;
}

/** How long the pair waits after `failures` failures. */
export function lockFor(failures: number, policy: ThrottlePolicy): number {
  const over = failures - Math.max(1, policy.threshold);
  return over < 0 ? 0 : Math.min(policy.baseMs * 2 ** Math.min(over, 40), policy.maxMs);
}

export class SignInThrottles {
  private lastPurge = 0;

  constructor(private readonly engine: GraphEngine) {}

  /** Until when the pair must wait (epoch ms; 0 or past: it may try). */
  async lockedUntil(key: string): Promise<number> {
    const [row] = await this.engine.read((tx) => tx.run(throttles.byId, { id: key }));
    return row?.throttle.lockedUntil ?? 0;
  }

  /** Counts a failure and returns the pair's lock (0 while under the threshold). */
  async fail(key: string, policy: ThrottlePolicy, now = Date.now()): Promise<{ failures: number; lockedUntil: number }> {
    return this.engine.write(async (tx) => {
      const [row] = await tx.run(throttles.fail, { id: key, now });
      const failures = row?.failures ?? 1;
      const wait = lockFor(failures, policy);
      const lockedUntil = wait ? now + wait : 0;
      if (lockedUntil) await tx.run(throttles.lock, { id: key, lockedUntil });
      return { failures, lockedUntil };
    });
  }

  async clear(key: string): Promise<void> {
    await this.engine.write((tx) => tx.run(throttles.clear, { id: key }));
  }

  /** Forgets pairs idle for `idleMs` whose lock has passed; at most once an hour per process. */
  async purge(idleMs: number, now = Date.now()): Promise<number> {
    if (now - this.lastPurge < 3600_000) return 0;
    this.lastPurge = now;
    return (await this.engine.write((tx) => tx.run(throttles.purge, { before: now - idleMs, now })))[0]?.n ?? 0;
  }
}
