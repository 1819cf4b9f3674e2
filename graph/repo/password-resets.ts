/**
 * Password reset by an e-mailed link: a random token whose SHA-256 alone is stored, valid for a
 * short while and once. Using it sets the new password, ends every session of the account and
 * every other link, and is audited, in one transaction. How many links one account may be sent
 * in an hour is bounded (the request answers the same either way).
 */
import { createHash, randomBytes } from 'node:crypto';
import { lockEntity } from './lock.js';
import type { GraphEngine } from '../engines/port.js';
import { resetTokens } from '../cypher/statements/throttles.js';
import { users } from '../cypher/statements/users.js';
import { sessions } from '../cypher/statements/sessions.js';
import { GraphError } from '../errors.js';
import { writeAudit } from './audit.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const tokenId = (token: string) => `reset:${sha256(token)}`;

/** A link that cannot be used: unknown (or malformed), expired, or used already. */
export class ResetLinkError extends GraphError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly reason: 'UNKNOWN' | 'EXPIRED' | 'USED') {
    super(reason === 'EXPIRED' ? 'the link has expired: ask for a new one' : reason === 'USED' ? 'the link has been used already: ask for a new one' : 'the link is not valid: ask for a new one', 'token');
  }
}

export class PasswordResets {
  constructor(private readonly engine: GraphEngine) {}

  /** A new link's token for the user, or null when `perHour` links were sent in the last hour. */
  async issue(userId: string, ttlMs: number, perHour: number, now = Date.now()): Promise<{ token: string; expiresAt: number } | null> {
    return this.engine.write(async (tx) => {
      // The user's write lock first: requests racing on two servers count each other's links.
      await lockEntity(tx, 'User', userId, now);
      await tx.run(resetTokens.purge, { before: now - 24 * 3600_000 });
      const recent = (await tx.run(resetTokens.countSince, { userId, since: now - 3600_000 }))[0]?.n ?? 0;
      if (recent >= perHour) return null;
      const token = randomBytes(32).toString('base64url');
      await tx.run(resetTokens.create, { id: tokenId(token), userId, createdAt: now, expiresAt: now + ttlMs });
      return { token, expiresAt: now + ttlMs };
    });
  }

  /** The user a link is for, if it can still be used. */
  async check(token: string, now = Date.now()): Promise<string> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw new ResetLinkError('UNKNOWN');
    const [row] = await this.engine.read((tx) => tx.run(resetTokens.byId, { id: tokenId(token) }));
    if (!row) throw new ResetLinkError('UNKNOWN');
    if (row.token.usedAt) throw new ResetLinkError('USED');
    if (row.token.expiresAt <= now) throw new ResetLinkError('EXPIRED');
    return row.token.userId;
  }

  /** Uses the link: the new password (its hash), sessions and other links ended, audited. Returns the user's id. */
  async complete(token: string, passwordHash: string, now = Date.now()): Promise<string> {
    await this.check(token, now);
    return this.engine.write(async (tx) => {
      const [used] = await tx.run(resetTokens.use, { id: tokenId(token), now });
      if (!used) throw new ResetLinkError('USED');
      const userId = used.userId;
      if (!(await tx.run(users.setPassword, { id: userId, passwordHash, now })).length) throw new ResetLinkError('UNKNOWN');
      await tx.run(sessions.deleteForUser, { userId });
      await tx.run(resetTokens.deleteOthers, { userId, keep: tokenId(token) });
      await writeAudit(tx, { actor: { id: userId, displayName: 'Återställning via e-postlänk' }, action: 'RESET_PASSWORD', entityType: 'User', entityId: userId, before: null, after: null });
      return userId;
    });
  }
}
